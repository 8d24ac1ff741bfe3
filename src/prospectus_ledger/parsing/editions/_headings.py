"""Heading levels from the typography a document actually uses.

A paragraph is a heading *candidate* when it is short, is not a sentence, and
stands out from the body text of its document: larger type, bold, underlined,
in capitals (or, in plain text, centred).  Candidates that sit right above a
data table are the table's caption, not a heading.

Each candidate gets a *rank*: its type size (to the half point) first, then a
score for its emphasis (bold 4, capitals 2, underline 2, centred 1; italics take
one off, as italic headings sit below upright ones of the same weight).
Levels come from a stack: a heading is the child of the nearest preceding
heading of higher rank, so the levels a document uses are read off the
document itself, whatever sizes its generator chose.  Three corrections
follow what a reader of the printed document would go by:

* the **table of contents**: a heading it lists at level *k* is put at level
  *k*, with the rank of the other level-*k* headings (a sub-section printed a
  size too small is still a sub-section);
* **running headers**: when the pages of a top-level section stop carrying its
  running header and a heading starts a page, that heading starts a new
  top-level section (an appendix set in a smaller size);
* **inline XBRL**: the risk/return items that belong to the fee table
  (``rr:ExpenseExampleHeading``, ``rr:PortfolioTurnoverHeading``) stay below
  ``rr:ExpenseHeading``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from ..._text import heading_key
from ..grammar.items import group_of, item_of, part_of
from ..layout import Break, Grid, Para, Unit
from ._furniture import Furniture, TocEntry
from ._metadata import find_date

__all__ = ["Outline", "body_size", "find_outline"]

Rank = tuple[float, int, int]

_SENTENCE_BREAK = re.compile(r"(?<![^\s.!?])([^\s.!?]+)[.!?][\u201d\"']?(?=\s[A-Z\u201c\"(])")
_ABBREVIATIONS = frozenset(
    {
        *("co", "inc", "corp", "ltd", "no", "nos", "st", "mr", "mrs", "ms", "dr", "jr", "sr"),
        *("l.p", "u.s", "n.a", "vs", "e.g", "i.e", "etc", "jan", "feb", "mar", "apr", "aug"),
        *("sept", "sep", "oct", "nov", "dec", "p.o", "llc", "s.a", "n.v", "plc"),
    }
)
_DATE_LINE = re.compile(r"^(?:dated\s)?[A-Za-z]{3,9}\.?\s\d{1,2},?\s\d{4}$", re.IGNORECASE)
_LONGEST = 200
# A cover's labelled value ("Ticker: VOYX", "Stock Exchange: NYSE Arca"), never a heading.
_LABELLED_VALUE = re.compile(r"\b(?:ticker(?:\s+symbols?)?|stock\s+exchange|cusip)\s*:", re.I)
_SENTENCE_WORDS = 8
_TITLE_CASE_LONGEST = 70
_FEE_ITEMS = frozenset({"rr:ExpenseExampleHeading", "rr:PortfolioTurnoverHeading"})
_FEE_HEADING = "rr:ExpenseHeading"
_MIN_SPAN_PAGES = 2


@attrs.frozen
class Outline:
    """The heading structure of a document's body.

    Attributes:
        levels: unit index -> heading level (1 is the top).
        captions: unit indices of paragraphs that caption the table below them.
    """

    levels: dict[int, int]
    captions: frozenset[int]


@attrs.define
class _Candidate:
    index: int
    key: str
    rank: Rank
    page: int
    tags: frozenset[str]
    captioned: bool = False
    effective: Rank = (0.0, 0, 0)
    # The Form N-1A item the heading is (its key; Item 4's group too), and the item whose
    # part it may be: read from its words (:mod:`..grammar.items`).
    item: str | None = None
    part_of: str | None = None


def body_size(units: Sequence[Unit], start: int, end: int) -> float:
    """The type size (pt) of most of the text in ``units[start:end]``."""
    sizes: Counter[float] = Counter()
    for unit in units[start:end]:
        if isinstance(unit, Para):
            for run in unit.lettered:
                sizes[round(run.style.size * 2) / 2] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _is_sentence(text: str) -> bool:
    """Whether ``text`` reads as running text (or a date line), not as a heading."""
    if text[0].islower() or text.endswith((",", ";")):
        return True
    if _DATE_LINE.match(text) and find_date(text) is not None:
        return True
    for match in _SENTENCE_BREAK.finditer(text):
        word = match.group(1).lstrip("(\"'\u201c")
        if word.casefold() in _ABBREVIATIONS or word[-1:].isupper() or not word[-1:].isalnum():
            continue
        return True
    return text.endswith((".", "!")) and len(text.split()) > _SENTENCE_WORDS


def _is_title_case(text: str) -> bool:
    words = [word for word in text.split() if word[:1].isalpha()]
    return bool(words) and words[0][0].isupper() and not text.endswith((".", ":"))


def _rank(para: Para, body: float, plain: bool, items: bool) -> Rank | None:
    """The rank of a heading candidate, or ``None`` when ``para`` is body text."""
    text = para.text
    runs = para.lettered
    if para.bullet or not runs or len(text) > _LONGEST or sum(map(str.isalpha, text)) < 2:
        return None
    if _is_sentence(text) or _LABELLED_VALUE.search(text):
        return None
    sizes: Counter[float] = Counter()
    for run in runs:
        sizes[round(run.style.size * 2) / 2] += len(run.text)
    size = sizes.most_common(1)[0][0]
    # A Form N-1A item's heading, or its part's, is a heading however it is set: smaller
    # than the text it heads, or in the text's own type on a line of its own ("Example").
    known = items and (item_of(text) is not None or part_of(text) is not None)
    if size < body - 1.0 and not known:
        return None
    bold = all(run.style.bold for run in runs)
    underline = all(run.style.underline for run in runs)
    italic = all(run.style.italic for run in runs)
    letters = [char for char in text if char.isalpha()]
    caps = all(run.style.caps for run in runs) or (
        len(letters) >= 3 and all(char.isupper() for char in letters)
    )
    centred = para.align == "center"
    bigger = size >= body + 1.0
    score = 4 * bold + 2 * caps + 2 * underline + centred - italic
    if bigger or bold or underline or caps:
        return (size, score, 0)
    if italic and len(text) <= _TITLE_CASE_LONGEST and not text.endswith("."):
        return (size, score, 0)
    if plain and (centred or _is_title_case(text)) and len(text) <= _TITLE_CASE_LONGEST:
        return (size, score, 0)
    return (size, score, 0) if known else None


def _next_content(units: Sequence[Unit], index: int, end: int, furniture: Furniture) -> Unit | None:
    for position in range(index + 1, end):
        if position in furniture.reasons or isinstance(units[position], Break):
            if isinstance(units[position], Break):
                return units[position]
            continue
        return units[position]
    return None


def _align_toc(candidates: list[_Candidate], toc: Sequence[TocEntry]) -> dict[int, int]:
    """Match TOC entries to candidates in order (longest common subsequence of keys)."""
    rows, cols = len(toc), len(candidates)
    if not rows or not cols:
        return {}
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for row in range(rows - 1, -1, -1):
        key = toc[row].key
        current, below = table[row], table[row + 1]
        for col in range(cols - 1, -1, -1):
            if candidates[col].key == key:
                current[col] = below[col + 1] + 1
            else:
                current[col] = max(below[col], current[col + 1])
    matched: dict[int, int] = {}
    row = col = 0
    while row < rows and col < cols:
        if candidates[col].key == toc[row].key and table[row][col] == table[row + 1][col + 1] + 1:
            matched[candidates[col].index] = toc[row].level
            row += 1
            col += 1
        elif table[row + 1][col] >= table[row][col + 1]:
            row += 1
        else:
            col += 1
    return matched


def _page_first(units: Sequence[Unit], start: int, end: int, furniture: Furniture) -> set[int]:
    firsts: set[int] = set()
    fresh = True
    for index in range(start, end):
        unit = units[index]
        if isinstance(unit, Break):
            fresh = True
        elif index in furniture.reasons:
            continue
        elif fresh:
            if isinstance(unit, Para):
                firsts.add(index)
            fresh = False
    return firsts


@attrs.define
class _Stacker:
    """Assigns levels with a stack of open headings (see the module docstring)."""

    candidates: list[_Candidate]
    toc_levels: dict[int, int]
    page_first: set[int]
    headers: dict[str, list[int]]
    last_page: int
    stack: list[_Candidate] = attrs.field(factory=list)
    level_rank: dict[int, Rank] = attrs.field(factory=dict)

    def run(self) -> dict[int, int]:
        levels: dict[int, int] = {}
        top = max((c.rank for c in self.candidates), default=(0.0, 0, 0))
        top_pages = [
            c.page for c in self.candidates if c.rank >= top or self.toc_levels.get(c.index) == 1
        ]
        for candidate in self.candidates:
            candidate.effective = candidate.rank
            level = self.toc_levels.get(candidate.index)
            if level is not None:
                self.place_listed(candidate, level)
            elif self.starts_section(candidate, top_pages):
                candidate.effective = self.stack[0].effective
                self.stack.clear()
            else:
                self.cap_fee_item(candidate)
                while self.stack and self.stack[-1].effective <= candidate.effective:
                    self.stack.pop()
            levels[candidate.index] = len(self.stack) + 1
            self.stack.append(candidate)
        return levels

    def place_listed(self, candidate: _Candidate, level: int) -> None:
        known = self.level_rank.get(level)
        if known is not None and known > candidate.effective:
            candidate.effective = known
        while len(self.stack) >= level:
            self.stack.pop()
        while self.stack and self.stack[-1].effective <= candidate.effective:
            self.stack.pop()
        self.level_rank.setdefault(level, candidate.effective)

    def cap_fee_item(self, candidate: _Candidate) -> None:
        """A part of an item goes below the item's heading, however it is set: the fee
        table's example under the fees (by its inline-XBRL tag, or by its words), the
        portfolio managers under management, the risks under a heading that groups
        Item 4's parts."""
        for open_heading in self.stack:
            tagged = bool(candidate.tags & _FEE_ITEMS) and _FEE_HEADING in open_heading.tags
            # Only under the item's own heading: "Portfolio Managers" after "Investment
            # Adviser" (itself a part of management) is its sibling.
            named = (
                candidate.part_of is not None
                and candidate.part_of == open_heading.item
                and open_heading.part_of is None
            )
            if (tagged or named) and open_heading.effective <= candidate.effective:
                size, score, _ = open_heading.effective
                candidate.effective = (size, score, -1)

    def starts_section(self, candidate: _Candidate, top_pages: list[int]) -> bool:
        """Whether ``candidate`` opens a top-level section the running headers leave."""
        if candidate.index not in self.page_first or not self.stack:
            return False
        current = self.stack[0]
        if candidate.rank >= current.effective:
            return False
        pages = self.headers.get(current.key, [])
        if not any(page < candidate.page for page in pages):
            return False
        if any(page >= candidate.page for page in pages):
            return False
        following = [page for page in top_pages if page > candidate.page]
        span_end = following[0] if following else self.last_page + 1
        return span_end - candidate.page >= _MIN_SPAN_PAGES


def find_outline(
    units: Sequence[Unit],
    start: int,
    end: int,
    furniture: Furniture,
    toc: Sequence[TocEntry],
    *,
    plain: bool = False,
    items: bool = False,
) -> Outline:
    """Find the headings of ``units[start:end]`` and their levels (``items``: the
    document carries Form N-1A's summary items, whose headings are known by their
    words, :data:`~..grammar.items.ITEMS`)."""
    body = body_size(units, start, end)
    candidates: list[_Candidate] = []
    last_page = 0
    for index in range(start, end):
        unit = units[index]
        if isinstance(unit, Para | Grid):
            last_page = unit.page
        if index in furniture.reasons or not isinstance(unit, Para):
            continue
        rank = _rank(unit, body, plain, items)
        if rank is None:
            continue
        key = heading_key(unit.text)
        following = _next_content(units, index, end, furniture)
        captioned = isinstance(following, Grid) or any("Caption" in tag for tag in unit.tags)
        candidate = _Candidate(index, key, rank, unit.page, unit.tags, captioned)
        if items:
            found = item_of(unit.text) or group_of(unit.text)
            part = part_of(unit.text)
            candidate.item = found.key if found is not None else None
            candidate.part_of = part.key if part is not None else None
        candidates.append(candidate)
    listed = _align_toc(candidates, toc)
    # A line right above a table captions it, unless the table of contents lists it.
    # Nor does a Form N-1A item's heading (the purchase minimums' table under "Purchase and
    # Sale of Fund Shares").
    captions = {
        c.index for c in candidates if c.captioned and c.index not in listed and c.item is None
    }
    # Where the table does not show the level, the typography says it.
    toc_levels = {index: level for index, level in listed.items() if level}
    candidates = [c for c in candidates if c.index not in captions]
    headers: dict[str, list[int]] = {}
    for page, key in furniture.headers:
        headers.setdefault(key, []).append(page)
    stacker = _Stacker(
        candidates,
        toc_levels,
        _page_first(units, start, end, furniture),
        headers,
        last_page,
    )
    return Outline(stacker.run(), frozenset(captions))
