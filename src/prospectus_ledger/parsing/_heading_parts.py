"""The parts of a heading path an instruction's words name, each read on its own.

A *part* is one heading (or a dash-separated path of headings), quoted or not,
with what the words around it say of it: whether a structure word names it
("the section entitled "X""), how high that word ranks it, whether a comma
follows.  :mod:`._locations` reads how the parts nest.

Parts are quoted headings next to a structure word ("the heading "X"",
""X" section", "entitled "X"", "under "X""), quotes listed with one that is
('the "A" and "B" sections'), unquoted ones that a structure word marks ("the
Fund Summary section", "the heading Management", "Appendix C", "section 2",
"the Appendix of Underlying Funds"), the object of "replace "X" with", and a
portfolio's part of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from .._text import split_heading_path
from .grammar import Words
from .grammar import headings as grammar

__all__ = ["Part", "parts_of"]

# A quoted heading that opens the instruction as its subject: '"A" and "B" are revised'.
_SUBJECT_QUOTE = re.compile(r"^(?:[IVX]{1,5}\.|\d{1,2}\.|[A-Z]\.)?\s*$")
# A heading path can be long ("A—B—C—D"): quotes up to this many characters name one.
_QUOTE = re.compile(r'"([^"]{1,400})"')
_QUOTED_SPAN = re.compile(r'"[^"]{1,400}"')
_CONTEXT = 60
# Quoted text that names no heading of the document: a defined term '(the "Fund")',
# an abbreviation '("SAI")'.
_DEFINITION = re.compile(
    r"\((?:(?:the|each|a|an|collectively|together)\b[^()]{0,80}|\"[^\"()]{1,40}\")\)"
)
# "I. In the section ...": the number of an item, no part of a heading.
_ITEM_NUMBER = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[A-Z])\.(?: |$)")
_PREPOSITIONS = frozenset(
    ("in", "under", "within", "from", "to", "of", "on", "at", "for", "by", "with", "into")
)
_ARTICLES = frozenset(("the", "a", "an"))
# "the Fund's Statement of Additional Information": a document, not a heading.
# "regarding the X Fund's investments": a fund, no heading.
_ENDS_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Between two quoted names of a list: 'and', ', and the', ','.
_LISTED = re.compile(
    r"^,? ?(?:(?:table|section|sub-?section|heading|paragraph|caption)s? )?(?:and |or )?(?:the )?$",
    re.IGNORECASE,
)
_DASHES = "-\u2012\u2013\u2014\u2015"
_ARTICLE = re.compile(r"^(?:The|A|An) ")
_POSSESSIVE = re.compile(r"^\S+['\u2019]s?(?: |$)")
# "the Funds' Annual Fund Operating Expenses table": the fund is no part of the heading.
_FUND_POSSESSIVE = re.compile(
    r"^(?:(?:the|each) )?(?:fund|funds|portfolio|portfolios|trust)['\u2019]s? ", re.IGNORECASE
)
_PORTFOLIO_END = re.compile(r"\b(?:fund|funds|portfolio|portfolios|trust|etf)$", re.IGNORECASE)
_ABBREVIATION = 4  # "Inc.", "Co.": no longer than this, a final full stop is kept
_RUN_TOGETHER_WORDS = 6
_FIRST_PART = 3
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "by", "at", "or", "from")
) | frozenset(("through", "into", "under", "about", "than", "as", "per", "via", "is", "are"))


@attrs.frozen
class Part:
    headings: tuple[str, ...]
    start: int
    end: int
    comma: bool = False
    kind: str = "heading"
    rank: int = 1
    """How high the structure word puts it: 0 section, 1 heading, 2 sub-section."""
    named: bool = True
    """Whether a structure word names it ("the section entitled "X""); ``False`` for a
    bare quote after a preposition ('under "X"')."""
    elided: bool = False
    """A quoted path that opens with a dash ('"- More Information"'): its outer headings
    are those of the place named before it."""
    titled: bool = False
    """Whether a word that gives a title introduces it ("the section entitled "X""): the
    structure word before it is then generic, and says nothing of its rank."""


def _rank(noun: str | None) -> int:
    word = (noun or "heading").lower()
    if word.startswith("main") or word.startswith("section"):
        return 0
    if word in ("paragraph", "table"):
        return 3
    return 2 if word.startswith("sub") else 1


def _comma_after(text: str) -> bool:
    return grammar.COMMA_AFTER.match(Words(text)) is not None


def _run_together(heading: str) -> tuple[str, ...]:
    """A section's heading and a sub-heading printed without a separator.

    "How to buy shares Sales without sales charges" is two headings: one in
    sentence case (a capital, then at least three lower-case words, the last
    no small word) and one that starts with the next capital.
    """
    words = heading.split(" ")
    if len(words) < _RUN_TOGETHER_WORDS or not words[0][:1].isupper():
        return (heading,)
    for index in range(1, len(words)):
        word = words[index]
        if word[:1].isupper():
            before = words[index - 1].lower()
            if index >= _FIRST_PART and before not in _SMALL_WORDS and len(words) - index >= 2:
                return (" ".join(words[:index]), " ".join(words[index:]))
            return (heading,)
        if not word[:1].islower():
            return (heading,)
    return (heading,)


def _path(heading: str) -> tuple[str, ...]:
    parts = split_heading_path(_no_full_stop(heading.strip().rstrip(",;:")))
    if len(parts) > 1:
        # Headings the filing separates itself ("A \u2013 B \u2013 C") are not cut again.
        return tuple(part.rstrip(",;:") for part in parts)
    return tuple(
        piece.rstrip(",;:") for part in parts for piece in _run_together(part.rstrip(",;:"))
    )


def _trim(title: str) -> str:
    """An unquoted heading without the prepositions and articles around it."""
    words = _ITEM_NUMBER.sub("", title).split(" ")
    dropped = False
    while words and words[0].lower() in _PREPOSITIONS and words[0][0].isupper():
        words.pop(0)
        dropped = True
    if dropped and words and words[0].lower() in _ARTICLES:
        words.pop(0)
    while words and words[-1].lower() in _PREPOSITIONS | _ARTICLES | {"and", "or", "&"}:
        if words[-1] == "A" and len(words) > 1:
            break  # "Appendix A", "Schedule A": a label, no article
        words.pop()
    return _no_full_stop(_no_document(_FUND_POSSESSIVE.sub("", " ".join(words))))


def _no_document(heading: str) -> str:
    """An unquoted heading without the document it is in ("Risk/Return Summary of the
    A/C/Select Prospectus")."""
    cut = grammar.IN_DOCUMENT.search(Words(heading))
    return heading[: cut.start()] if cut is not None else heading


def _no_full_stop(heading: str) -> str:
    """A heading without the full stop of the sentence it ends ("Management.")."""
    last = heading.rsplit(" ", 1)[-1]
    if heading.endswith(".") and len(last) > _ABBREVIATION and last.count(".") == 1:
        return heading[:-1]
    return heading


def _blank_definitions(text: str) -> str:
    """``text`` with defined terms '(the "Fund")' blanked (same length)."""
    if "(" not in text:
        return text  # every definition opens with one
    return _DEFINITION.sub(lambda match: " " * len(match.group(0)), text)


def _blank_quotes(text: str) -> str:
    """``text`` with quoted parts and defined terms blanked (same length)."""
    text = _blank_definitions(text)
    if '"' not in text:
        return text
    return _QUOTED_SPAN.sub(lambda match: '"' + "~" * (len(match.group(0)) - 2) + '"', text)


def _quoted_parts(text: str) -> list[Part]:
    """The quoted headings of an instruction: the words around a quote say whether it
    names one; a quote listed with one that does ('the "A" and "B" sections', 'the
    tables entitled "A" and "B"') is named as that one is."""
    if '"' not in text:
        return []
    bare = _blank_definitions(text)
    quotes = list(_QUOTE.finditer(bare))
    read: list[Part | None] = [_quoted_part(bare, text, quote) for quote in quotes]
    for index in range(1, len(quotes)):  # forward: "entitled "A" and "B""
        read[index] = read[index] or _listed(read[index - 1], bare, quotes, index - 1, index)
    for index in range(len(quotes) - 2, -1, -1):  # backward: "the "A" and "B" sections"
        read[index] = read[index] or _listed(read[index + 1], bare, quotes, index, index + 1)
    return [part for part in read if part is not None]


def _listed(
    named: Part | None, bare: str, quotes: list[re.Match[str]], first: int, second: int
) -> Part | None:
    """The part the quote beside a named one names, when the two are listed together."""
    if named is None or named.kind != "heading":
        return None
    if not _LISTED.match(bare[quotes[first].end() : quotes[second].start()]):
        return None
    other = quotes[second] if named.start == quotes[first].start() else quotes[first]
    return _like(named, other)


def _like(part: Part, quote: re.Match[str]) -> Part:
    """The part a quote names when it is listed with ``part``."""
    heading = quote.group(1)
    elided = heading.lstrip()[:1] in _DASHES
    return attrs.evolve(
        part, headings=_path(heading), start=quote.start(), end=quote.end(), elided=elided
    )


def _quoted_part(bare: str, text: str, quote: re.Match[str]) -> Part | None:
    """The part one quote names, read from the words around it (``None``: no heading)."""
    heading = quote.group(1)
    if _not_heading(heading.strip(" ,.")):
        return None
    start, end = quote.start(), quote.end()
    ahead = Words(bare[max(start - _CONTEXT, 0) : start])
    before = grammar.BEFORE_QUOTE.search(ahead)
    after = grammar.AFTER_QUOTE.match(Words(bare[end : end + _CONTEXT]))
    named = True
    titled = False
    if before is not None and (before.has("noun") or before.has("naming") or before.has("prep")):
        kind = "heading"
        noun = _noun(before["noun"]) or (after["noun"] if after else None)
        named = noun is not None or before.has("naming")
        titled = before.has("naming") or " " in (before["noun"] or "").strip(" ,")
    elif after is not None:
        kind, noun = "heading", after["noun"]
    elif before is not None:
        kind, noun = ("object" if before.has("object") else "anchor"), None
    elif grammar.TABLE_BEFORE.found(ahead):
        kind, noun = "heading", "table"
    elif _SUBJECT_QUOTE.match(bare[:start]):
        kind, noun = "heading", None
    else:
        return None
    comma = heading.rstrip().endswith(",") or _comma_after(text[end : end + 20])
    elided = heading.lstrip()[:1] in _DASHES
    return Part(_path(heading), start, end, comma, kind, _rank(noun), named, elided, titled)


def _not_heading(words: str) -> bool:
    return grammar.NOT_HEADING.match(Words(words)) is not None


def _noun(noun: str | None) -> str | None:
    """The structure word of a "before" match, without its introducer ("section entitled")."""
    return noun.split(" ", 1)[0].rstrip(",") if noun else None


def _unquoted_parts(text: str) -> Iterator[Part]:
    blank = Words(_blank_quotes(text))
    for rule in grammar.UNQUOTED:
        kind = rule.builds
        for match in rule.finditer(blank):
            raw = match["u"] or ""
            if match.has("noun") and raw.rsplit(" ", 1)[-1].lower() in _SMALL_WORDS:
                # "Shareholder Fees in the section entitled ...": the noun is another's.
                continue
            heading = _trim(raw)
            if not heading or "~" in heading or _not_heading(heading):
                continue
            if kind in ("inner", "summary") and (
                _PORTFOLIO_END.search(heading)
                or grammar.DOCUMENT_WORD.found(Words(heading))
                or _names_document(blank.text, match.start("u") + max(raw.find(heading), 0))
                or _POSSESSIVE.match(heading)
                or _ENDS_POSSESSIVE.search(heading)
            ):
                continue
            start, end = match.start("u"), match.end("u")
            found_at = raw.find(heading)
            if found_at >= 0:
                # The words trimmed off its ends ("... in the") belong to the gap after it.
                start, end = start + found_at, start + found_at + len(heading)
            headings: tuple[str, ...] = (heading,)
            if match.has("w"):
                headings = (heading, *_path(text[match.start("w") : match.end("w")]))
                end = match.end("w") + 1
            comma = _comma_after(blank.text[end : end + 20])
            noun = match["noun"] if match.has("noun") else None
            rank = _rank(noun) if noun else 1
            if kind == "block":
                headings = tuple(_ARTICLE.sub("", heading) for heading in headings)
            yield Part(headings, start, end, comma, "heading" if kind == "summary" else kind, rank)


def _names_document(text: str, start: int) -> bool:
    """Whether a document's name starts at ``start`` ("the Funds' Statements of Additional
    Information": no heading)."""
    return grammar.DOCUMENT_WORD.match(Words(text[start : start + _CONTEXT])) is not None


def _distinct(parts: list[Part]) -> list[Part]:
    """Parts in text order, an inner match inside a longer one dropped."""
    parts.sort(key=lambda part: (part.start, -part.end))
    kept: list[Part] = []
    for part in parts:
        if kept and part.start < kept[-1].end:
            continue
        kept.append(part)
    return kept


def parts_of(text: str) -> list[Part]:
    """The parts a normalised instruction names, in the order of the text (a part
    inside a longer one left out)."""
    return _distinct([*_quoted_parts(text), *_unquoted_parts(text)])
