"""Synthetic ledgers of realistic shape, built through the public API (no parsing).

One trust files one prospectus (dated 2010-05-01, marked ``illustrative``) that
covers 50 portfolios, each with 20 sections of one to four paragraphs of 400 to
800 characters drawn from the corpus vocabulary.  ``N`` supplements follow,
each with one amendment on a random portfolio's section (``ReplaceBlock``,
``ReplaceSection``, ``InsertBlocks``, and some ``SubstituteText`` scoped to the
section), effective over ten years, at 00:00 or at the 16:00 close, several on
the same day, some retroactive (dated after they take effect) and some
prospective.  Every supplement names the one edition, so its history grows
with ``N``.

While generating, a plain model of every section (a list of paragraph
strings) is kept, so that every amendment is valid where it applies and so
that the alternatives in :mod:`alternatives` can be fed the same states.
Everything is drawn from one ``random.Random(seed)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import random
import re
from collections.abc import Sequence
from pathlib import Path

import attrs
import pendulum

import prospectus_ledger as pl
from prospectus_ledger.instants import at_close, start_of_day

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"

REGISTRANT = "Synthetic Benchmark Trust"
EDITION_DATE = pendulum.date(2010, 5, 1)
FIRST_EFFECTIVE = dt.date(2010, 5, 3)
LAST_EFFECTIVE = dt.date(2020, 4, 30)
PORTFOLIOS = 50
SECTIONS = (
    "Investment Objective",
    "Fees and Expenses",
    "Portfolio Turnover",
    "Principal Investment Strategies",
    "Principal Risks",
    "Past Performance",
    "Investment Adviser",
    "Portfolio Managers",
    "Purchase and Sale of Portfolio Shares",
    "Tax Information",
    "Payments to Broker-Dealers and Other Financial Intermediaries",
    "Additional Information About Investment Strategies",
    "Additional Information About Risks",
    "Disclosure of Portfolio Holdings",
    "Management of the Portfolio",
    "Distribution Arrangements",
    "Pricing of Portfolio Shares",
    "Dividends and Distributions",
    "Frequent Trading Policies",
    "Financial Highlights",
)
_HOUSES = (
    "Harbor", "Summit", "Beacon", "Granite", "Meridian", "Pinnacle", "Keystone", "Lakeside",
    "Northfield", "Riverton",
)  # fmt: skip
_STYLES = (
    "Small Cap Value", "Large Cap Growth", "International Equity", "Core Bond", "High Yield",
)  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")

_KINDS = ("replace_block", "replace_section", "insert_blocks", "substitute")
_KIND_WEIGHTS = (40, 20, 28, 12)


@attrs.frozen
class Step:
    """One amendment as the plain model sees it: where, when, and the section after it."""

    effective: pendulum.DateTime
    portfolio: str
    section: str
    paragraphs: tuple[str, ...]
    operation: pl.Operation


@attrs.frozen
class Synthetic:
    """A generated ledger's inputs and the plain model of its history.

    Attributes:
        base: the base edition.
        supplements: the supplements, one amendment each.
        steps: the amendments in effective order, with the section's paragraphs
            after each (the model the alternatives are built from).
        base_sections: every (portfolio, section) with its base paragraphs.
    """

    base: pl.Document
    supplements: tuple[pl.Supplement, ...]
    steps: tuple[Step, ...]
    base_sections: dict[tuple[str, str], tuple[str, ...]]

    @property
    def portfolios(self) -> list[str]:
        """The portfolio names, in document order."""
        return list(self.base.portfolios)

    def shape(self) -> dict[str, int]:
        """Counts that describe the history: operations by kind, retroactive and
        prospective supplements, days with several effective instants."""
        counts: dict[str, int] = {}
        for step in self.steps:
            name = type(step.operation).__name__
            counts[name] = counts.get(name, 0) + 1
        days: dict[dt.date, int] = {}
        for step in self.steps:
            days[step.effective.date()] = days.get(step.effective.date(), 0) + 1
        retroactive = prospective = 0
        for supplement in self.supplements:
            effective = supplement.amendments[0].effective
            dated = supplement.supplement_date
            if effective is None or dated is None:
                continue
            retroactive += dated > effective.date()
            prospective += dated < effective.date()
        counts["retroactive"] = retroactive
        counts["prospective"] = prospective
        counts["effective days"] = len(days)
        counts["days with several"] = sum(1 for n in days.values() if n > 1)
        counts["at 16:00 close"] = sum(1 for s in self.steps if s.effective.hour == 16)
        return counts

    def ledger(self) -> pl.Ledger:
        """A new ledger holding the base and every supplement."""
        ledger = pl.Ledger()
        ledger.add_document(self.base)
        for supplement in self.supplements:
            ledger.add_supplement(supplement)
        return ledger


@functools.cache
def vocabulary() -> list[str]:
    """Distinct lower-case words of three letters or more from the corpus filings."""
    words: set[str] = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        words.update(re.findall(r"\b[a-z]{3,14}\b", json.loads(line)["text"]))
    return sorted(words)


class _Writer:
    """Paragraphs of 400-800 characters: sentences of 8-26 corpus words."""

    def __init__(self, rng: random.Random, words: Sequence[str]) -> None:
        self.rng = rng
        self.words = list(words)

    def paragraph(self) -> str:
        target = self.rng.randint(400, 800)
        sentences: list[str] = []
        length = 0
        while length < target:
            picked = self.rng.choices(self.words, k=self.rng.randint(8, 26))
            sentence = " ".join(picked).capitalize() + "."
            sentences.append(sentence)
            length += len(sentence) + 1
        text = " ".join(sentences)
        if len(text) > 800:
            text = text[:799].rsplit(" ", 1)[0].rstrip(",;") + "."
        return text

    def paragraphs(self, low: int, high: int) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(low, high))]


def portfolio_names() -> list[str]:
    """Fifty portfolio names ("Harbor Small Cap Value Portfolio", ...)."""
    return [f"{house} {style} Portfolio" for house in _HOUSES for style in _STYLES][:PORTFOLIOS]


def _business_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _effective_instants(rng: random.Random, count: int) -> list[pendulum.DateTime]:
    """``count`` instants over ten years of business days; some share a day."""
    days = _business_days(FIRST_EFFECTIVE, LAST_EFFECTIVE)
    chosen: list[dt.date] = []
    for _ in range(count):
        if chosen and rng.random() < 0.15:
            chosen.append(rng.choice(chosen))  # several supplements on one day
        else:
            chosen.append(rng.choice(days))
    return sorted(at_close(day) if rng.random() < 0.2 else start_of_day(day) for day in chosen)


def _supplement_date(rng: random.Random, effective: pendulum.DateTime) -> pendulum.Date:
    """Mostly the effective day; 25% dated before it (prospective), 15% after (retroactive)."""
    day = pendulum.date(effective.year, effective.month, effective.day)
    draw = rng.random()
    if draw < 0.25:
        day = day.subtract(days=rng.randint(1, 60))
    elif draw < 0.40:
        day = day.add(days=rng.randint(1, 30))
    return max(day, EDITION_DATE)


def _substitution(
    rng: random.Random, paragraphs: Sequence[str], heading: str, words: Sequence[str]
) -> tuple[str, str] | None:
    """A word found in the section's text (not in its heading) and its replacement."""
    text = " ".join(paragraphs)
    for _ in range(20):
        old = rng.choice(re.findall(r"[a-z]{5,}", text) or ["?"])
        if old in text and old not in heading:
            new = rng.choice(words)
            if new != old:
                return old, new
    return None


def generate(count: int, seed: int = 20240611, portfolios: int = 50) -> Synthetic:
    """A trust of ``portfolios`` portfolios (at most 50) x 20 sections and ``count``
    one-amendment supplements."""
    rng = random.Random(seed * 1_000_003 + count)
    words = vocabulary()
    writer = _Writer(rng, words)
    names = portfolio_names()[:portfolios]
    model: dict[tuple[str, str], list[str]] = {
        (name, heading): writer.paragraphs(1, 4) for name in names for heading in SECTIONS
    }
    base_sections = {key: tuple(value) for key, value in model.items()}
    base = pl.Document(
        pl.DocumentKind.PROSPECTUS,
        REGISTRANT,
        EDITION_DATE,
        portfolios=names,
        sections=[
            pl.Section(
                name,
                portfolio=name,
                children=[
                    pl.Section(heading, [pl.Paragraph(text) for text in model[(name, heading)]])
                    for heading in SECTIONS
                ],
            )
            for name in names
        ],
        illustrative=True,
    )
    ref = pl.DocumentRef(pl.DocumentKind.PROSPECTUS, EDITION_DATE)
    steps: list[Step] = []
    supplements: list[pl.Supplement] = []
    taken: set[tuple[pendulum.DateTime, str, str]] = set()
    for number, effective in enumerate(_effective_instants(rng, count)):
        while True:  # one instant never touches one section twice: order is then moot
            portfolio, heading = rng.choice(names), rng.choice(SECTIONS)
            if (effective, portfolio, heading) not in taken:
                taken.add((effective, portfolio, heading))
                break
        paragraphs = model[(portfolio, heading)]
        target = pl.SectionTarget((heading,), portfolio=portfolio)
        kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
        substitution = (
            _substitution(rng, paragraphs, heading, words) if kind == "substitute" else None
        )
        if kind == "substitute" and substitution is None:
            kind = "replace_block"
        when = f"Effective {effective.format('MMMM D, YYYY')}"
        operation: pl.Operation
        if kind == "replace_block" and paragraphs:
            ordinal = rng.randint(1, len(paragraphs))
            new = writer.paragraph()
            operation = pl.ReplaceBlock(
                target, pl.BlockLocator("paragraph", ordinal), [pl.Paragraph(new)]
            )
            paragraphs[ordinal - 1] = new
            place = ORDINALS[ordinal - 1] if ordinal <= len(ORDINALS) else f"paragraph {ordinal}"
            words_used = f'{when}, the {place} paragraph under "{heading}" is replaced:'
        elif kind == "insert_blocks":
            new = writer.paragraph()
            at_start = rng.random() < 0.3
            operation = pl.InsertBlocks(
                target, [pl.Paragraph(new)], position="start" if at_start else "end"
            )
            paragraphs.insert(0 if at_start else len(paragraphs), new)
            words_used = f'{when}, the following is added to "{heading}":'
        elif kind == "substitute" and substitution is not None:
            old, new = substitution
            operation = pl.SubstituteText(old, new, target)
            paragraphs[:] = [text.replace(old, new) for text in paragraphs]
            words_used = f'{when}, all references to "{old}" under "{heading}" read "{new}".'
        else:
            new_paragraphs = writer.paragraphs(1, 3)
            operation = pl.ReplaceSection(target, [pl.Paragraph(t) for t in new_paragraphs])
            paragraphs[:] = new_paragraphs
            words_used = f'{when}, the section "{heading}" is deleted and replaced:'
        steps.append(Step(effective, portfolio, heading, tuple(paragraphs), operation))
        name = f"synthetic-{count}-{number:06d}.txt"
        supplements.append(
            pl.Supplement(
                REGISTRANT,
                (portfolio,),
                [ref],
                _supplement_date(rng, effective),
                pl.Source(name=name, sha256=hashlib.sha256(name.encode()).hexdigest()),
                [
                    pl.Amendment(
                        operation,
                        pl.DocumentKind.PROSPECTUS,
                        effective,
                        effective_words=when,
                        words=f"{words_used} {operation.text[:60]}",
                    )
                ],
            )
        )
    return Synthetic(base, tuple(supplements), tuple(steps), base_sections)


def queries(synthetic: Synthetic, count: int, seed: int = 7) -> list[tuple[dt.date, str, str]]:
    """``count`` random (day, portfolio, section) questions over the ten years."""
    rng = random.Random(seed)
    span = (LAST_EFFECTIVE - EDITION_DATE).days + 30
    return [
        (
            EDITION_DATE + dt.timedelta(days=rng.randint(0, span)),
            rng.choice(synthetic.portfolios),
            rng.choice(SECTIONS),
        )
        for _ in range(count)
    ]


def distinct_text_bytes(synthetic: Synthetic) -> int:
    """UTF-8 size of the distinct paragraph strings across every version."""
    distinct: set[str] = set()
    for paragraphs in synthetic.base_sections.values():
        distinct.update(paragraphs)
    for step in synthetic.steps:
        distinct.update(step.paragraphs)
    return sum(len(text.encode("utf-8")) for text in distinct)
