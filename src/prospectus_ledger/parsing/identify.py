"""What a filing is, read from its content: a base edition or a supplement.

The form type helps but does not decide: a 497K is a summary prospectus or a
supplement to one, a 497 may hold a whole prospectus, and a ``.htm`` saved
from EDGAR has no header at all.  :func:`identify` weighs what the text
shows:

* the form type, when the filing declares one (485BPOS/485APOS: an edition);
* a registration statement's facing page;
* a supplement's title at the top ("Supplement dated ... to the Prospectus");
* the legend Rule 498 prints on every summary prospectus's cover ("Before you
  invest, you may want to review the Fund's prospectus ...");
* how many of Form N-1A's summary items stand as headings
  (:data:`~.grammar.items.ITEMS`): an edition carries them all, a
  supplement at most the few it rewrites.

:data:`VERDICTS` turns that evidence into a verdict, first row that holds
wins.  Misreading an edition as a supplement loses its text, so a verdict
on weak evidence says so (:attr:`Identity.doubt`), and the ledger lists it
among its problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

import attrs

from ..tree import DocumentKind
from ._documents import kinds_mentioned
from ._titles import has_anchor
from .decoding import decode_filing
from .grammar import Words
from .grammar.items import SUMMARY_LEGEND, item_of, run_in_item
from .submission import declared_form, unwrap_submission, visible_head, visible_lines

__all__ = ["VERDICTS", "Evidence", "Identity", "identify"]

FilingKind = Literal["edition", "supplement"]

_FACING = re.compile(r"\bpost-effective\s+amendment\s+no\b", re.IGNORECASE)
_REGISTRATION = re.compile(
    r"\bregistration\s+statement\s+under\s+the\s+(?:securities|investment\s+company)\s+act",
    re.IGNORECASE,
)
_OPENING = 3000  # how far into the visible text a supplement's title stands
_SCAN = 600_000  # how much of a document is read for its item headings
_ENOUGH_ITEMS = 5  # of the nine summary items: an edition's
_SOME_ITEMS = 3


@attrs.frozen
class Evidence:
    """What the text of a filing shows about what it is.

    Attributes:
        form: the form type it declares, if any.
        facing: a registration statement's facing page.
        opening: a supplement's title near the top.
        legend: the summary prospectus legend.
        summary_title: "Summary Prospectus" near the top.
        sai_title: "Statement of Additional Information" near the top.
        items: the Form N-1A summary items that stand as headings, in order found.
    """

    form: str | None
    facing: bool
    opening: bool
    legend: bool
    summary_title: bool
    sai_title: bool
    items: tuple[str, ...]


@attrs.frozen
class Identity:
    """What a filing is.

    Attributes:
        kind: ``"edition"`` (prospectus, summary prospectus, SAI) or ``"supplement"``.
        documents: for an edition, the documents the evidence points to.
        verdict: the row of :data:`VERDICTS` that decided.
        evidence: what the text showed.
        doubt: when the evidence is weak, a sentence saying why (else ``None``).
    """

    kind: FilingKind
    documents: tuple[DocumentKind, ...]
    verdict: str
    evidence: Evidence
    doubt: str | None = None


Test = Callable[[Evidence], bool]
Doubt = Callable[[Evidence], str | None]


def _never(_: Evidence) -> str | None:
    return None


def _items(evidence: Evidence) -> str:
    count = len(evidence.items)
    return f"{count} of Form N-1A's summary item heading{'s' if count != 1 else ''}"


VERDICTS: tuple[tuple[str, Test, FilingKind, Doubt], ...] = (
    ("form 485", lambda e: (e.form or "").startswith("485"), "edition", _never),
    ("facing page", lambda e: e.facing, "edition", _never),
    (
        "a supplement's title over a summary prospectus",
        lambda e: e.opening and e.legend and len(e.items) >= _ENOUGH_ITEMS,
        "edition",
        lambda e: (
            "it opens with a supplement's title but holds a whole summary prospectus "
            f"(its legend and {_items(e)}): read as the summary prospectus"
        ),
    ),
    (
        "a supplement's title",
        lambda e: e.opening,
        "supplement",
        lambda e: (
            f"it opens with a supplement's title but holds {_items(e)}: read as a supplement"
            if len(e.items) >= _ENOUGH_ITEMS
            else None
        ),
    ),
    (
        "a summary prospectus",
        lambda e: e.legend and len(e.items) >= _SOME_ITEMS,
        "edition",
        _never,
    ),
    ("Form N-1A's items", lambda e: len(e.items) >= _ENOUGH_ITEMS, "edition", _never),
    (
        "the summary prospectus legend",
        lambda e: e.legend,
        "edition",
        lambda e: f"it carries the summary prospectus legend but only {_items(e)}",
    ),
    (
        "nothing of an edition",
        lambda _: True,
        "supplement",
        lambda e: (
            f"it has no supplement's title and holds {_items(e)}: read as a supplement"
            if len(e.items) >= _SOME_ITEMS or e.form == "497K"
            else None
        ),
    ),
)
"""The verdicts, in order: name, the test on the evidence, the kind of filing, and the
doubt to report (``None``: the evidence is strong)."""


def identify(data: str | bytes, *, file: str | None = None, form: str | None = None) -> Identity:
    """Read what a filing is from its content (see the module docstring).

    ``form`` is the form type known from outside the text (a manifest), weighed
    when the text declares none.

    Raises:
        InvalidFilingError: for empty or binary data, naming ``file``.
    """
    text = decode_filing(data, file=file)
    evidence = gather(text, form=form)
    for name, test, kind, doubt in VERDICTS:
        if test(evidence):
            return Identity(kind, _documents(evidence, kind), name, evidence, doubt(evidence))
    raise AssertionError("the last verdict holds for any evidence")  # pragma: no cover


def gather(text: str, *, form: str | None = None) -> Evidence:
    """The evidence a decoded filing shows (``form``: the form type known from outside
    it, when it declares none)."""
    head = visible_head(text)
    documents = unwrap_submission(text).documents
    body = documents[0].text if documents else text
    lines = visible_lines(body[:_SCAN])
    items: dict[str, None] = {}
    for line in lines:
        item = item_of(line) if len(line) <= 120 else None
        if item is None:
            run_in = run_in_item(line)
            item = run_in[0] if run_in is not None else None
        if item is not None:
            items.setdefault(item.key)
    # The documents its opening names, read as a supplement's title names them.
    named = kinds_mentioned(head[:_OPENING])
    return Evidence(
        form=declared_form(text) or form,
        facing=_FACING.search(head) is not None and _REGISTRATION.search(head) is not None,
        opening=_opens_as_supplement(lines),
        legend=SUMMARY_LEGEND.found(Words(head.replace("\u2019", "'"))),
        summary_title=DocumentKind.SUMMARY_PROSPECTUS in named,
        sai_title=DocumentKind.SAI in named,
        items=tuple(items),
    )


def _opens_as_supplement(lines: list[str]) -> bool:
    """Whether a supplement's title stands among the first lines (read by the supplement
    parser's own title grammar: :func:`~._titles.has_anchor`)."""
    seen = 0
    for line in lines:
        if has_anchor(line):
            return True
        seen += len(line)
        if seen > _OPENING:
            return False
    return False


def _documents(evidence: Evidence, kind: FilingKind) -> tuple[DocumentKind, ...]:
    if kind == "supplement":
        return ()
    if evidence.legend or (evidence.summary_title and not evidence.facing):
        return (DocumentKind.SUMMARY_PROSPECTUS,)
    if evidence.sai_title and not evidence.items:
        return (DocumentKind.SAI,)
    return (DocumentKind.PROSPECTUS,)
