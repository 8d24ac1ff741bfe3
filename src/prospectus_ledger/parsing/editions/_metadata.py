"""What an edition says about itself: registrant, dates, portfolios, series and classes.

Sources, best first:

* **registrant** -- the inline-XBRL fact ``dei:EntityRegistrantName``, the
  EDGAR header ("COMPANY CONFORMED NAME"), the facing page (the line above
  "Exact Name of Registrant as Specified in Charter"), the HTML title;
* **date** of a document -- from its cover, never from the fiscal period
  (``dei:DocumentPeriodEndDate``): the ``rr:ProspectusDate`` fact, a line that
  is only a date, "... dated April 1, 2024", else the first date on the cover;
* **portfolios** -- the fund names on a document's cover and in "X, a series
  of Y", without trademark signs ("Delaware Value Fund");
* **series and classes** -- the EDGAR header's ``<SERIES>`` blocks, else the
  inline-XBRL contexts (``dei:LegalEntityAxis`` members ``S000002391``,
  ``rr:ProspectusShareClassAxis`` members ``C000006333``) and the
  ``dei:TradingSymbol`` facts, with class names from the ticker table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs
import lxml.html
import pendulum

from ..._text import clean_text, heading_key
from ..grammar.items import item_of
from ..grammar.vocabulary import SHARE_CLASS_WORDS, alt
from ..layout import Grid, Para, Run, Unit
from .details import SeriesInfo, ShareClassInfo

__all__ = [
    "Facts",
    "cover_date",
    "find_date",
    "portfolio_names",
    "read_facts",
    "registrant_from_text",
    "registrant_from_units",
    "series_from_facts",
]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = re.compile(rf"\b({_MONTH})\s(\d{{1,2}}),?\s(\d{{4}})\b", re.IGNORECASE)
_ONLY_DATE = re.compile(rf"^(?:dated\s)?{_MONTH}\s\d{{1,2}},?\s\d{{4}}$", re.IGNORECASE)
_DATED = re.compile(rf"\bdated\s(?:as\sof\s)?({_MONTH}\s\d{{1,2}},?\s\d{{4}})", re.IGNORECASE)
_MARKS = re.compile("[\u00ae\u2122\u2120\u00a9\u2020\u2021*]")
_FUND_NAME = re.compile(
    # A capital first, or a brand's lower-case letter before one ("iShares").
    r"^(?:The\s|THE\s)?(?:[A-Z]|[a-z][A-Z])[A-Za-z0-9.&'\u2019,/ -]{1,90}?"
    r"\s(?:Fund|FUND|Portfolio|PORTFOLIO|ETF)"
    # "Value Line Capital Appreciation Fund, Inc.": a fund that is its own company.
    r"(?:,?\s(?:Inc|INC)\.?)?$"
)
_SERIES_OF = re.compile(r"^(.{3,90}?),?\sa\sseries\sof\s(?:the\s)?(.{3,90}?)\.?$", re.IGNORECASE)
_EXACT_NAME = re.compile(r"exact\s+name\s+of\s+registrant", re.IGNORECASE)
_HEADER_NAME = re.compile(r"COMPANY CONFORMED NAME:[ \t]*([^\r\n]+)")
_TITLE_NAME = re.compile(r"^(.+?)\s+-\s+Form\s+485", re.IGNORECASE)
# An HTML title that is a registrant's name: "Natixis Funds Trust II", "GMO TRUST".
_REGISTRANT_NAME = re.compile(
    r"^([A-Z][\w&.,'\u2019 -]{1,80}?\s(?:Trust|TRUST)(?:\s+[IVX]{1,4})?)$"
)
_SERIES_ID = re.compile(r"(?<![0-9A-Za-z])S\d{9}(?!\d)")
_CLASS_ID = re.compile(r"(?<![0-9A-Za-z])C\d{9}(?!\d)")
_TICKER = re.compile(r"^[A-Z]{4,5}X?$")
_LOWEST_YEAR = 1900
# A cover line that names no fund: a document's title or the legend of one.
_COVER_WORDS = re.compile(
    r"\b(?:prospectus(?:es)?|statement of additional information|supplement|shares?|class)\b",
    re.IGNORECASE,
)
_NAME_LONGEST = 90
_BARE_CLASS = 3  # "A", "R6", "ADV": a class named by its letters alone
_CONNECTIVE = 3  # "and", "or", "all": no class's name
# What follows a fund's name on its cover line: its ticker, or the next cell of a row
# ("iShares U.S. Manufacturing ETF | ____ | _______").
_TICKER_LABEL = re.compile(
    r"\s+(?:(?:class\s*/\s*)?ticker(?:\s+symbols?)?\s*:|\|\s)", re.IGNORECASE
)
_TITLE_TAIL = re.compile(r"\s+summary\s+prospectus$", re.IGNORECASE)
# "... for Shares of the Fund": a phrase about the fund, never a fund's name.
_ABOUT_THE_FUND = re.compile(r"\bthe\s+(?:fund|portfolio|etf)$", re.IGNORECASE)
_NAME_WORDS = 2
_GENERIC = frozenset({"the", "each", "this", "that", "a", "any", "such", "our", "which", "your"})


@attrs.frozen
class Facts:
    """The inline-XBRL facts and contexts an edition carries (empty for other filings)."""

    values: dict[str, tuple[str, ...]]
    """Fact name -> texts, in document order."""
    series: tuple[str, ...]
    """Series identifiers, in order of first use."""
    class_series: dict[str, str | None]
    """Class identifier -> its series identifier (``None`` when no context links them)."""
    tickers: dict[str, str]
    """Class identifier -> ticker symbol."""


def _date(text: str) -> pendulum.Date | None:
    match = _DATE.search(text)
    while match is not None:
        month = _MONTHS[match.group(1).lower().rstrip(".")]
        day, year = int(match.group(2)), int(match.group(3))
        if year >= _LOWEST_YEAR:
            try:
                return pendulum.date(year, month, day)
            except ValueError:
                pass
        match = _DATE.search(text, match.end())
    return None


def find_date(text: str) -> pendulum.Date | None:
    """The first real calendar date written in words in ``text`` ("April 1, 2024")."""
    return _date(text)


def _line_text(line: tuple[Run, ...]) -> str:
    return clean_text("".join(run.text for run in line))


def _texts(units: Iterable[Unit], *, lines: bool = False) -> list[tuple[str, frozenset[str]]]:
    """The texts of paragraphs and table cells (``lines``: each printed line of a
    paragraph too, when it has several: "ACUITAS US MICROCAP FUND" / "Institutional
    Shares (AFMCX)")."""
    texts: list[tuple[str, frozenset[str]]] = []
    for unit in units:
        if isinstance(unit, Para):
            texts.append((unit.text, unit.tags))
            if lines and len(unit.lines) > 1:
                texts.extend((_line_text(line), unit.tags) for line in unit.lines)
        elif isinstance(unit, Grid):
            texts.extend((cell.text, frozenset()) for row in unit.rows for cell in row if cell.text)
    return texts


def cover_date(cover: Sequence[Unit]) -> pendulum.Date | None:
    """The date of a document, from the units of its cover (see the module docstring)."""
    texts = _texts(cover)
    for text, tags in texts:
        if "rr:ProspectusDate" in tags and _date(text):
            return _date(text)
    for text, _ in texts:
        if _ONLY_DATE.match(_MARKS.sub("", text).strip()):
            return _date(text)
    for text, _ in texts:
        dated = _DATED.search(text)
        if dated is not None and _date(dated.group(1)):
            return _date(dated.group(1))
    for text, _ in texts:
        if _date(text):
            return _date(text)
    return None


def _strip_marks(name: str) -> str:
    return clean_text(_MARKS.sub("", name))


def portfolio_names(units: Iterable[Unit], registrant: str | None) -> list[str]:
    """Fund names printed alone on a cover or in "X, a series of Y", in order, without marks."""
    names: dict[str, str] = {}
    avoid = heading_key(registrant) if registrant else None
    for text, _ in _texts(units, lines=True):
        # "Tradr 2X Long VOYG Daily ETF Ticker: VOYX": the name before its ticker.
        bare = _TICKER_LABEL.split(_strip_marks(text), maxsplit=1)[0].strip()
        # "Vanguard California Tax-Exempt Bond ETF Summary Prospectus": the name first.
        bare = _TITLE_TAIL.sub("", bare)
        series_of = _SERIES_OF.match(bare)
        if series_of is not None:
            if avoid is not None and heading_key(series_of.group(2)) != avoid:
                continue
            bare = series_of.group(1).strip()
        elif (
            not _FUND_NAME.match(bare) or item_of(bare) is not None or _ABOUT_THE_FUND.search(bare)
        ):
            # "Fees and Expenses of the Fund" ends like a fund's name: a Form N-1A item.
            continue
        key = heading_key(bare)
        words = key.split()
        if key != avoid and len(words) >= 2 and not (len(words) == 2 and words[0] in _GENERIC):
            names.setdefault(key, bare)
    # A name that holds another whole is a line about that fund ("Important Information
    # About the Tradr 2X Long VOYG Daily ETF"), not a second fund.
    return [
        name
        for key, name in names.items()
        if not any(other != key and f" {other}" in f" {key}" for other in names)
    ]


def cover_name(units: Iterable[Unit]) -> str | None:
    """The line of a cover set in the largest type, when it names something (a summary
    prospectus's fund: "Virtus Stone Harbor EMD Sovereign MACS"); ``None`` when the
    largest is a title, a date or a sentence."""
    best: tuple[float, str] | None = None
    for unit in units:
        if not isinstance(unit, Para) or not unit.lettered or len(unit.text) > _NAME_LONGEST:
            continue
        size = max(run.style.size for run in unit.lettered)
        if best is None or size > best[0]:
            best = (size, _strip_marks(unit.text))
    if best is None:
        return None
    name = best[1]
    if _date(name) or _COVER_WORDS.search(name) or name.endswith((".", ":")) or item_of(name):
        return None
    return name if len(name.split()) >= _NAME_WORDS else None


def registrant_from_units(units: Sequence[Unit]) -> str | None:
    """The registrant named on the facing page, above "Exact Name of Registrant ..."."""
    previous: str | None = None
    for text, _ in _texts(units):
        found = _EXACT_NAME.search(text)
        if found is not None:
            return text[: found.start()].strip(" (") or previous
        if text.strip():
            previous = text
    return None


def registrant_from_text(text: str, root: lxml.html.HtmlElement | None) -> str | None:
    """The registrant from the EDGAR header or the HTML title."""
    header = _HEADER_NAME.search(text[:20000])
    if header is not None:
        return clean_text(header.group(1))
    if root is not None:
        title = root.find(".//title")
        if title is not None and title.text:
            words = clean_text(title.text)
            match = _TITLE_NAME.match(words) or _REGISTRANT_NAME.match(words)
            if match is not None:
                return match.group(1)
    return None


def _local(tag: object) -> str:
    return tag.lower().rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def read_facts(root: lxml.html.HtmlElement | None) -> Facts:
    """Read the inline-XBRL facts, contexts and tickers of an HTML edition."""
    values: dict[str, list[str]] = {}
    contexts: dict[str, list[str]] = {}
    tickers_by_context: dict[str, str] = {}
    if root is None:
        return Facts({}, (), {}, {})
    for element in root.iter():
        local = _local(element.tag)
        if local in ("nonnumeric", "nonfraction") and element.get("name"):
            name = element.get("name", "")
            text = clean_text(element.text_content())
            values.setdefault(name, []).append(text)
            if name == "dei:TradingSymbol" and element.get("contextref"):
                tickers_by_context[element.get("contextref", "")] = text
        elif local == "context" and element.get("id"):
            members = [
                clean_text(member.text_content())
                for member in element.iter()
                if _local(member.tag) == "explicitmember"
            ]
            contexts[element.get("id", "")] = members
    series: list[str] = []
    class_series: dict[str, str | None] = {}
    for members in contexts.values():
        found_series = [m for member in members for m in _SERIES_ID.findall(member)]
        found_classes = [m for member in members for m in _CLASS_ID.findall(member)]
        for identifier in found_series:
            if identifier not in series:
                series.append(identifier)
        for identifier in found_classes:
            if class_series.get(identifier) is None:
                class_series[identifier] = found_series[0] if found_series else None
    tickers: dict[str, str] = {}
    for context, ticker in tickers_by_context.items():
        for identifier in _CLASS_ID.findall(" ".join(contexts.get(context, []))):
            tickers[identifier] = ticker
    return Facts(
        {name: tuple(texts) for name, texts in values.items()},
        tuple(series),
        class_series,
        tickers,
    )


def _class_names(units: Iterable[Unit], tickers: Iterable[str]) -> dict[str, str]:
    """Ticker -> class name, from the tables that list them side by side."""
    wanted = set(tickers)
    names: dict[str, str] = {}
    for unit in units:
        if not isinstance(unit, Grid):
            continue
        for position, row in enumerate(unit.rows):
            for column, cell in enumerate(row):
                if cell.text not in wanted or cell.text in names:
                    continue
                beside = [c.text for c in row if c.text and c.text not in wanted]
                if beside:
                    names[cell.text] = beside[0]
                elif position > 0 and column < len(unit.rows[position - 1]):
                    names[cell.text] = unit.rows[position - 1][column].text
    return names


def series_from_facts(
    facts: Facts, units: Sequence[Unit], portfolios: Sequence[str]
) -> list[SeriesInfo]:
    """Series and classes from the inline-XBRL contexts and tickers."""
    if not facts.series and not facts.class_series:
        return []
    names = _class_names(units, facts.tickers.values())
    series_names: dict[str, str | None] = dict.fromkeys(facts.series)
    if len(facts.series) == len(portfolios):
        series_names = dict(zip(facts.series, portfolios, strict=True))
    result: list[SeriesInfo] = []
    for identifier in (*facts.series, None):
        classes = tuple(
            ShareClassInfo(
                class_id,
                names.get(facts.tickers.get(class_id, "")),
                facts.tickers.get(class_id),
            )
            for class_id, owner in facts.class_series.items()
            if owner == identifier
        )
        if identifier is None and not classes:
            continue
        name = series_names.get(identifier) if identifier is not None else None
        result.append(SeriesInfo(identifier, name, classes))
    return result


def is_ticker(text: str) -> bool:
    """Whether ``text`` looks like a mutual-fund ticker symbol ("DDVAX")."""
    return _TICKER.match(text) is not None


# Share classes and their tickers as covers print them: "Investor Shares (VSTCX)", "Class:
# A (VKMMX), C (VMICX)", "Institutional Class (Ticker Symbol: VLIIX)", "Class/Ticker:
# ADV/IPEAX; I/IPEIX".
# A class's name: "Class A", "Investor Shares", "Institutional Class", "Investor", or its
# letters alone ("A", "R6"); the words are the vocabulary's, capitalised as covers print them.
_CLASS_NAMES = alt(word.capitalize() for word in SHARE_CLASS_WORDS if len(word) > _CONNECTIVE)
_CLASS_NAME = (
    rf"(?:Class\s+[A-Z0-9][\w-]*\*?|{_CLASS_NAMES}(?:\s+[A-Z][a-z]+)?(?:\s+(?:Shares|Class))?"
    r"|[A-Z]{2,5}\s+Shares|[A-Z][A-Z0-9]{0,5})"
)
_CLASS_IN_BRACKETS = re.compile(
    rf"(?:^|[,;:]\s*|\s)(?P<name>{_CLASS_NAME})\s*"
    r"\((?:[Tt]icker(?:\s+[Ss]ymbol)?:\s*)?(?P<ticker>[A-Z]{3,5})\)"
)
_CLASS_SLASH_TICKER = re.compile(
    r"(?:^|[;:,]\s*)(?P<name>[A-Z0-9]{1,6})\s*/\s*(?P<ticker>[A-Z]{3,5})\b"
)
_TICKER_ALONE = re.compile(r"\bticker(?:\s+symbol)?:\s*(?P<ticker>[A-Z]{3,5})\b", re.IGNORECASE)
_COVER_LINES = 12


def cover_classes(units: Iterable[Unit]) -> tuple[ShareClassInfo, ...]:
    """The share classes and tickers a cover prints, in order (a summary prospectus with
    no EDGAR header and no inline XBRL says them only there)."""
    found: dict[str, ShareClassInfo] = {}
    for text, _ in _texts(units, lines=True)[:_COVER_LINES]:
        if "(" not in text and "/" not in text and "icker" not in text:
            continue
        pairs = [
            (match["name"], match["ticker"])
            for pattern in (_CLASS_IN_BRACKETS, _CLASS_SLASH_TICKER)
            for match in pattern.finditer(text)
        ]
        if not pairs:
            alone = _TICKER_ALONE.search(text)
            pairs = [(None, alone["ticker"])] if alone else []
        for name, ticker in pairs:
            if ticker.upper() != ticker or ticker in found:
                continue
            label = _class_label(name) if name else None
            found[ticker] = ShareClassInfo(None, label, ticker)
    return tuple(found.values())


def _class_label(name: str) -> str:
    """A class's name as printed, with "Class" before a bare letter ("A" is "Class A")."""
    name = name.strip(" *")
    return f"Class {name}" if name.isupper() and len(name) <= _BARE_CLASS else name
