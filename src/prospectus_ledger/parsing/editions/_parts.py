"""An edition split into its documents: prospectus, summary prospectus, SAI.

A 485BPOS filing is a facing page, then Part A (one or more prospectuses),
Part B (the statement of additional information), Part C (other
information), signatures and an exhibit index.  Each document starts with a
title -- "Prospectus", "Summary Prospectus", "Statement of Additional
Information" -- printed at the top of a page; Part C starts with "Part C".
Only the documents are kept: the facing page and everything from Part C on
are not prospectus text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ...tree import DocumentKind
from ..layout import Break, Grid, Para, Unit
from ._furniture import is_page_number

__all__ = ["Part", "find_parts"]

_MARKS = re.compile("[\u00ae\u2122\u2120\u00a9*]")
# The titles of documents, each with whether it carries a name ("Vanguard X ETF Summary
# Prospectus"): a named title printed again at the top of a page is a running header.
_TITLES = (
    (DocumentKind.SUMMARY_PROSPECTUS, re.compile(r"^summary\s+prospectus(?:es)?\b", re.I), False),
    (DocumentKind.SUMMARY_PROSPECTUS, re.compile(r"^\S.{2,80}\ssummary\s+prospectus$", re.I), True),
    (DocumentKind.SAI, re.compile(r"^statement\s+of\s+additional\s+information\b", re.I), False),
    (
        DocumentKind.PROSPECTUS,
        re.compile(
            # "2024 Prospectus", "Statutory Prospectus", "Class A Prospectus".
            r"^(?:(?:\d{4}|statutory|combined|retail|institutional|class\s+\S+)\s+)?"
            r"prospectus(?:es)?\b",
            re.I,
        ),
        False,
    ),
)
_END = re.compile(r"^(?:part\s+c\b|signatures?$|exhibit\s+index$|index\s+to\s+exhibits\b)", re.I)
# "Supplement to the Prospectus" is no title of a document; "as supplemented" is part of one.
_SUPPLEMENT = re.compile(r"\bsupplements?\b", re.IGNORECASE)
# How many paragraphs at the top of a page may hold a document's title.
_TOP_PARAGRAPHS = 3
_TITLE_LENGTH = 90
_MIN_PAGES = 2


@attrs.frozen
class Part:
    """One document of an edition.

    Attributes:
        kind: which document.
        title: the title as printed.
        start: the index of the title unit.
        end: the index just past the document's last unit.
    """

    kind: DocumentKind
    title: str
    start: int
    end: int


def _title_kind(para: Para) -> DocumentKind | None:
    found = _title(para)
    return found[0] if found is not None else None


def _title(para: Para) -> tuple[DocumentKind, bool] | None:
    """The kind of document a title line starts, and whether the title carries a name."""
    text = _MARKS.sub("", para.first_line_text).strip()
    if len(text) > _TITLE_LENGTH or text.endswith((".", ",", ";")) or _SUPPLEMENT.search(text):
        return None
    for kind, pattern, named in _TITLES:
        if pattern.match(text):
            return kind, named
    return None


def _by_page_number(units: Sequence[Unit], index: int) -> bool:
    following = units[index + 1] if index + 1 < len(units) else None
    return isinstance(following, Para) and is_page_number(following.first_line_text)


def _page_starts(units: Sequence[Unit]) -> list[int]:
    """Indices of the first paragraphs of every page, where a document's title stands
    (below a page's date line or a draft's legend: "_________, 2024" / "2024 Prospectus",
    "The information in this Statement ... is not complete" / "iShares Trust" /
    "Statement of Additional Information")."""
    starts: list[int] = []
    seen = 0
    for index, unit in enumerate(units):
        if isinstance(unit, Break):
            seen = 0
        elif isinstance(unit, Para) and seen < _TOP_PARAGRAPHS:
            starts.append(index)
            seen += 1
        elif isinstance(unit, Grid):
            seen = _TOP_PARAGRAPHS
    return starts


def _pages(units: Sequence[Unit], start: int, end: int) -> int:
    return 1 + sum(1 for unit in units[start:end] if isinstance(unit, Break))


def _printed_pages(units: Sequence[Unit], start: int, end: int) -> int:
    """How many pages ``units[start:end]`` prints on (a break at its very end starts none)."""
    while end > start and isinstance(units[end - 1], Break):
        end -= 1
    return _pages(units, start, end)


def find_parts(units: Sequence[Unit]) -> list[Part]:
    """The documents of an edition, in order (see the module docstring)."""
    marks: list[tuple[int, DocumentKind | None, str]] = []
    seen: set[str] = set()
    for index in _page_starts(units):
        para = units[index]
        if not isinstance(para, Para):
            continue
        found = _title(para)
        if found is not None and _by_page_number(units, index):
            # A title printed beside a page number ("Summary Prospectus / 7 of 7"): a
            # running header or footer.
            continue
        key = para.first_line_text.casefold()
        if found is not None and found[1] and key in seen:
            # A title with a name, printed again at the top of a page: a running header.
            continue
        if found is not None:
            seen.add(key)
            marks.append((index, found[0], para.first_line_text))
        elif marks and _END.match(para.first_line_text):
            marks.append((index, None, para.first_line_text))
    if not any(kind is not None for _, kind, _ in marks):
        marks = _loose_titles(units)
    parts: list[Part] = []
    for position, (index, kind, title) in enumerate(marks):
        if kind is None:
            continue
        end = marks[position + 1][0] if position + 1 < len(marks) else len(units)
        inside = parts and parts[-1].end == index
        if inside and (
            (_pages(units, index, end) < _MIN_PAGES and position + 1 < len(marks))
            or (kind is parts[-1].kind and _printed_pages(units, index, end) < _MIN_PAGES)
        ):
            # A title on a page of its own inside a document (a back cover naming the
            # SAI, or the document's own title again on its last page) starts none.
            parts[-1] = attrs.evolve(parts[-1], end=end)
            continue
        parts.append(Part(kind, title, index, end))
    return parts


def _loose_titles(units: Sequence[Unit]) -> list[tuple[int, DocumentKind | None, str]]:
    """Titles anywhere (not only at the top of a page), for filings without page breaks."""
    marks: list[tuple[int, DocumentKind | None, str]] = []
    for index, unit in enumerate(units):
        if not isinstance(unit, Para):
            continue
        kind = _title_kind(unit)
        if kind is not None and (not marks or marks[-1][1] != kind):
            marks.append((index, kind, unit.first_line_text))
        elif marks and _END.match(unit.first_line_text):
            marks.append((index, None, unit.first_line_text))
    return marks
