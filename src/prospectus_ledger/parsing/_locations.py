"""Where an instruction points: the heading path its words name.

An instruction names its place with a chain of *parts*, each one heading
(or a dash-separated path of headings), quoted or not::

    under "HOW THE FUND CALCULATES SHARE PRICE" in the "BUYING AND SELLING
    SHARES" sub-heading of the "INVESTING IN THE FUND" section

    Under the heading "Your account," in the "Additional investor services"
    subsection, under the subheading "Disclosure of fund holdings"

The words between two parts say how they nest: "in", "of", "within" make
the later part the *outer* one (the first chain above reads inside out);
"under", "beneath" and a comma make it the *inner* one (the second reads
outside in); "and" or a verb ends the chain, and "X section or Y section"
names alternatives, which are left out because either may hold the text.

Parts are quoted headings next to a structure word ("the heading "X"",
""X" section", "entitled "X"", "under "X""), unquoted ones that a structure
word marks ("the Fund Summary section", "the heading Management", "Appendix
C", "section 2", "the Appendix of Underlying Funds"), the object of
"replace "X" with", and a portfolio's part of the document ("the section of
the prospectus describing the Met/Putnam Voyager Portfolio").

Every pattern works on :func:`~prospectus_ledger.parsing._targets.normalise`'d
text and is linear: quoted and free-text parts are bounded, and the
alternatives inside a repeated group cannot match the same text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

import attrs

from .._text import heading_key, split_heading_path
from . import _fold as fold
from ._memo import memo

__all__ = ["SectionRef", "section_ref"]

_NOUN = r"(?:sub-?sections?|sections?|sub-?headings?|headings?|sub-?captions?|captions?)"
_NAMING = r"(?:entitled|captioned|titled|called|named)"
_CAP_WORD = r"[A-Z][\w'\u2019&/.\u00ae-]*"
_SMALL = r"(?:of|and|the|on|for|in|to|a|an|or|&|with|about|from|by|at)"
# A heading printed without quotes: capitalised words, small words between them.
_TITLE = rf"{_CAP_WORD}(?: (?:{_CAP_WORD}|{_SMALL}|\d{{1,4}})){{0,11}}"
_CAPS_TITLE = r"[A-Z][A-Z0-9'&/,()-]*(?: [A-Z0-9][A-Z0-9'&/,()-]*){0,11}"

# (kind, pattern): every match gives one part; the named group "q" holds a quoted
# heading, "u" an unquoted one, "w" a second quoted heading inside the first.
# What stands right before a quoted heading, and what right after it, make it a
# part: a structure word ("the heading "X"", "entitled "X"", ""X" section"), a
# preposition ("under "X""), "replace "X" with" (an object), "after "X"" (an anchor).
_BEFORE_QUOTE = re.compile(
    rf"(?:(?P<noun>(?:main )?{_NOUN})(?: {_NAMING})?,? |(?P<naming>\b{_NAMING}),? "
    r"|(?P<prep>\b(?:under|beneath|in|within|(?:the )?(?:end|beginning) of)(?: the)? )"
    r"|(?P<object>\b(?:replace|replaces|supersedes?) (?:in (?:its|their) entirety )?(?:the )?)"
    r"|(?P<anchor>\b(?:after|following|before|preceding) (?:the )?))$",
    re.IGNORECASE,
)
# Every match of _BEFORE_QUOTE ends with a space after a word (and perhaps a comma)
# that ends with one of these: a cheap test of the last word spares most searches.
_BEFORE_QUOTE_ENDS = (
    "section",
    "sections",
    "heading",
    "headings",
    "caption",
    "captions",
    "entitled",
    "captioned",
    "titled",
    "called",
    "named",
    "under",
    "beneath",
    "in",
    "within",
    "of",
    "the",
    "replace",
    "replaces",
    "supersede",
    "supersedes",
    "entirety",
    "after",
    "following",
    "before",
    "preceding",
)
# A quoted name before "paragraph" or "table" names a block by its run-in heading or
# title ('the "Funding Agreements" paragraph', 'in the table "Average Annual Total
# Returns"'): the innermost heading of the path.
_BLOCK_NOUN = r"(?:paragraph|table)"
_AFTER_QUOTE = re.compile(rf"^,? (?P<noun>{_NOUN}|{_BLOCK_NOUN})\b", re.IGNORECASE)
_TABLE_QUOTE = re.compile(r"\btable $", re.IGNORECASE)
# A quoted heading that opens the instruction as its subject: '"A" and "B" are revised'.
_SUBJECT_QUOTE = re.compile(r"^(?:[IVX]{1,5}\.|\d{1,2}\.|[A-Z]\.)?\s*$")
_QUOTE = re.compile(r'"([^"]{1,200})"')
_QUOTED_SPAN = re.compile(r'"[^"]{1,200}"')
_CONTEXT = 60
_UNQUOTED_FORMS = (
    ("heading", rf"\b(?P<u>{_TITLE}) (?P<noun>section|sub-?section)s?\b"),
    (
        "heading",
        rf"\b(?i:the (?:sub-?)?(?:heading|caption))(?: (?i:entitled))? (?P<u>{_TITLE})"
        r"(?=[.:;,]|$| (?i:in|on|of|for) )",
    ),
    (
        "heading",
        r"\b(?P<u>Appendix [A-Z0-9]{1,4}(?:-[A-Z0-9]{1,4})?)\b"
        r"(?:,? (?i:entitled|titled) \"(?P<w>[^\"]{1,200})\")?",
    ),
    ("heading", rf"\b(?i:the) (?P<u>Appendix(?: (?:{_CAP_WORD}|{_SMALL})){{1,8}})"),
    ("heading", r"\b(?P<u>(?i:section) (?:\d{1,2}|[IVX]{1,5}))\b"),
    ("heading", rf"\bunder (?P<u>{_TITLE})"),
    (
        "heading",
        rf"\b(?i:the section of the) [\w' ]{{0,40}}?(?i:describing|for|relating to) "
        rf"(?:the )?(?P<u>{_TITLE})",
    ),
    ("inner", rf"\bregarding (?:the )?(?P<u>{_TITLE})"),
    (
        "summary",
        rf"\b(?i:in) (?:(?i:the|each) )?(?:(?i:fund|funds|portfolio|portfolios)['\u2019]s? )?"
        rf"(?P<u>{_CAP_WORD} {_CAP_WORD}(?: {_CAP_WORD}){{0,3}})"
        r"(?= in | of | is | are | will | shall |[,.:;]|$)",
    ),
    ("heading", rf"\b(?i:to|in|under) (?P<u>{_CAPS_TITLE}) (?i:on pages?) \d"),
    ("heading", rf"\b(?i:page of the) (?P<u>{_TITLE})"),
)
# Words each unquoted form needs (a cheap test before the pattern runs), in order.
_NEEDED = (
    "section",
    "the ",
    "appendix",
    "appendix",
    "section",
    "under ",
    "the section of the",
    "regarding",
    "in ",
    "page",
    "page of the",
)
# Words some forms (by index) spell in one case, so the text as printed must hold them ...
_NEEDED_AS_PRINTED = {0: "section", 2: "Appendix", 3: "Appendix", 5: "under ", 7: "regarding"}


def _heading_word(blank: str, folded: str) -> bool:
    return "heading" in folded or "caption" in folded


def _numbered_section(blank: str, folded: str) -> bool:
    """Whether "section" stands before a number ("section 2", "Section IV")."""
    at = folded.find("section ")
    while at >= 0:
        following = blank[at + 8 : at + 9]
        if following and (following.isdecimal() or following in "IVX"):
            return True
        at = folded.find("section ", at + 1)
    return False


# ... and a finer test some forms (by index) need, of the text and the text folded, where the
# text folds (:func:`~._fold.folded`: "heading" holds an "i", which "\u0131" matches
# ignoring case; folded text keeps every character's place).
_GATES: dict[int, Callable[[str, str], bool]] = {1: _heading_word, 4: _numbered_section}
_UNQUOTED_PARTS = tuple((kind, re.compile(form)) for kind, form in _UNQUOTED_FORMS)
# Quoted text that names no heading of the document: a defined term "(the "Fund")".
_DEFINITION = re.compile(r"\((?:the|each|a|an|collectively|together)\b[^()]{0,80}\)")
# "I. In the section ...": the number of an item, no part of a heading.
_ITEM_NUMBER = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[A-Z])\.(?: |$)")
_PREPOSITIONS = frozenset(
    ("in", "under", "within", "from", "to", "of", "on", "at", "for", "by", "with", "into")
)
_ARTICLES = frozenset(("the", "a", "an"))
_NOT_HEADINGS = re.compile(
    r"^(?:(?:the |this )?(?:summary )?prospectus(?:es)?|(?:the )?statements? of additional "
    r"information|(?:the )?sai|the following|fund|funds|portfolio|portfolios|trust)$",
    re.IGNORECASE,
)
_DOCUMENT_WORD = re.compile(
    r"\b(?:prospectus(?:es)?|statements? of additional information|sai)\b", re.IGNORECASE
)
# "the Fund's Statement of Additional Information": a document, not a heading.
_POSSESSIVE = re.compile(r"^\S+['\u2019]s\b")
_PORTFOLIO_END = re.compile(r"\b(?:fund|funds|portfolio|portfolios|trust|etf)$", re.IGNORECASE)
_OUTER = frozenset({"in", "of", "within", "from", "inside"})
_INNER = frozenset({"under", "beneath", "below", "regarding"})
_TRANSPARENT = re.compile(
    rf"\b{_NOUN}\b|\b{_NAMING}\b"
    r"|\b(?:paragraphs?|sentences?|bullets?(?: points?)?|items?|tables?|footnotes?"
    r"|lists?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)\b"
    r"|\([ivxlc\d]{1,6}\)|\b[ivx]{1,5}\)"
    r"|\b(?:on|at) pages? [\divx]{1,4}(?:[-\u2013 ](?:and|to|through)?[- ]?[\divx]{1,4})?"
    r"|\b(?:the|each|its|this|that|such|main)\b|\b(?:fund|funds|portfolio|portfolios|trust)['\u2019]s?"
    r"|\b(?:information|disclosure|text|contained|found|appearing|included|set forth|located)\b"
    r"|\b(?:prospectus(?:es)?|statement of additional information|sai)\b",
    re.IGNORECASE,
)
_MAX_GAP = 80
_IN_DOCUMENT = re.compile(
    r" (?:of|in) (?:the |each )?[\w/&'\u2019 -]{0,30}?\b(?:prospectus(?:es)?|SAI"
    r"|statement of additional information)\b",
    re.IGNORECASE,
)
_OPENING_PHRASE = 60  # a part this near the start may open the sentence: "In the X, ..."
_ABBREVIATION = 4  # "Inc.", "Co.": no longer than this, a final full stop is kept
_RUN_TOGETHER_WORDS = 6
_FIRST_PART = 3
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "by", "at", "or", "from")
) | frozenset(("through", "into", "under", "about", "than", "as", "per", "via", "is", "are"))


@attrs.frozen
class SectionRef:
    """A section an instruction names, and where in the text it was named."""

    path: tuple[str, ...]
    start: int
    end: int


@attrs.frozen
class _Part:
    headings: tuple[str, ...]
    start: int
    end: int
    comma: bool = False
    kind: str = "heading"
    rank: int = 1
    """How high the structure word puts it: 0 section, 1 heading, 2 sub-section."""


def _rank(noun: str | None) -> int:
    word = (noun or "heading").lower()
    if word.startswith("main") or word.startswith("section"):
        return 0
    if word in ("paragraph", "table"):
        return 3
    return 2 if word.startswith("sub") else 1


# A comma after a part, perhaps after its structure word: '"X" section,'.
_COMMA_AFTER = re.compile(rf"^\"?(?: {_NOUN})?,", re.IGNORECASE)


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
        words.pop()
    return _no_full_stop(_no_document(" ".join(words)))


def _no_document(heading: str) -> str:
    """An unquoted heading without the document it is in ("Risk/Return Summary of the
    A/C/Select Prospectus")."""
    cut = _IN_DOCUMENT.search(heading)
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


def _before_quote(ahead: str) -> re.Match[str] | None:
    """``_BEFORE_QUOTE`` searched in the words before a quote, if their last word may end it."""
    if ahead.endswith(" "):
        word = ahead[:-1].rsplit(" ", 1)[-1].rstrip(",")
        # Ignoring case, a few non-ASCII letters match ASCII ones: test ASCII words only.
        if word.isascii() and not word.lower().endswith(_BEFORE_QUOTE_ENDS):
            return None
    elif not ahead.endswith("\n"):
        return None  # "$" matches at the end, or before a newline that ends the text
    return fold.search(_BEFORE_QUOTE, ahead)


def _quoted_parts(text: str) -> Iterator[_Part]:
    if '"' not in text:
        return
    bare = _blank_definitions(text)
    for quote in _QUOTE.finditer(bare):
        heading = quote.group(1)
        if _NOT_HEADINGS.match(heading.strip(" ,.")):
            continue
        start, end = quote.start(), quote.end()
        before = _before_quote(bare[max(start - _CONTEXT, 0) : start])
        after = _AFTER_QUOTE.match(bare[end : end + _CONTEXT])
        ahead = bare[max(start - _CONTEXT, 0) : start]
        if before is not None and (before["noun"] or before["naming"] or before["prep"]):
            kind, noun = "heading", before["noun"] or (after["noun"] if after else None)
        elif after is not None:
            kind, noun = "heading", after["noun"]
        elif before is not None:
            kind, noun = ("object" if before["object"] else "anchor"), None
        elif _TABLE_QUOTE.search(ahead):
            kind, noun = "heading", "table"
        elif _SUBJECT_QUOTE.match(bare[:start]):
            kind, noun = "heading", None
        else:
            continue
        comma = heading.rstrip().endswith(",") or bool(_COMMA_AFTER.match(text[end : end + 20]))
        yield _Part(_path(heading), start, end, comma, kind, _rank(noun))


def _unquoted_parts(text: str) -> Iterator[_Part]:
    blank = _blank_quotes(text)
    lowered = blank.lower()
    folded = fold.folded(blank)
    for index, ((kind, pattern), needed) in enumerate(zip(_UNQUOTED_PARTS, _NEEDED, strict=True)):
        if needed not in lowered or _NEEDED_AS_PRINTED.get(index, "") not in blank:
            continue
        gate = _GATES.get(index)
        if gate is not None and folded is not None and not gate(blank, folded):
            continue
        for match in pattern.finditer(blank):
            heading = _trim(match.group("u"))
            if not heading or "~" in heading or _NOT_HEADINGS.match(heading):
                continue
            if kind in ("inner", "summary") and (
                _PORTFOLIO_END.search(heading)
                or _DOCUMENT_WORD.search(heading)
                or _POSSESSIVE.match(heading)
            ):
                continue
            start, end = match.start("u"), match.end("u")
            headings: tuple[str, ...] = (heading,)
            if "w" in pattern.groupindex and match.group("w"):
                headings = (heading, *_path(text[match.start("w") : match.end("w")]))
                end = match.end("w") + 1
            comma = bool(_COMMA_AFTER.match(blank[end : end + 20]))
            noun = match.group("noun") if "noun" in pattern.groupindex else None
            rank = _rank(noun) if noun else 1
            yield _Part(headings, start, end, comma, "heading" if kind == "summary" else kind, rank)


def _relation(gap: str, before: _Part, after: _Part) -> str:
    """How ``after`` nests against ``before``: outer, inner, alternative or stop."""
    if after.kind in ("object", "inner"):
        return "inner"
    if len(gap) > _MAX_GAP:
        return "stop"
    words = fold.sub(_TRANSPARENT, " ", gap.lower()).replace(",", " , ").split()
    if not words:
        return "inner"
    if "or" in words:
        return "alternative"
    if words[0] == "and" or words[-1] == "and":
        return "stop"
    if any(word not in _OUTER | _INNER | {",", "and"} for word in words):
        return "stop"
    if before.comma or "," in words:
        return "inner"
    last = words[-1]
    if last in _OUTER or (last in _INNER and after.rank < before.rank):
        # "the sub-section "X" beneath the main heading "Y"": Y holds X.
        return "outer"
    return "inner"


def _chain(parts: list[_Part], text: str) -> list[_Part]:
    """The first chain of parts, outermost first; an anchor ("after "X"") alone."""
    anchors = [part for part in parts if part.kind == "anchor"]
    if anchors:
        return anchors[:1]
    while parts and parts[0].kind == "inner":
        # "regarding Class A, ..." before any place is named: no heading.
        parts = parts[1:]
    if not parts:
        return []
    chain = [parts[0]]
    current = 0
    for before, after in itertools.pairwise(parts):
        gap = text[before.end : after.start]
        relation = _relation(gap, before, after)
        opening = before is parts[0] and before.start < _OPENING_PHRASE
        if relation == "stop" and opening and (before.comma or "," in gap[: _MAX_GAP // 2]):
            # "In the "X" section, the following is added to the list under "Y"":
            # a leading phrase places what the main clause names inside it.
            relation = "inner"
        if relation == "stop":
            break
        if relation == "alternative":
            return chain[:current] + chain[current + 1 :]
        if relation == "outer":
            chain.insert(current, after)
        else:
            current += 1
            chain.insert(current, after)
    return chain


def _distinct(parts: list[_Part]) -> list[_Part]:
    """Parts in text order, an inner match inside a longer one dropped."""
    parts.sort(key=lambda part: (part.start, -part.end))
    kept: list[_Part] = []
    for part in parts:
        if kept and part.start < kept[-1].end:
            continue
        kept.append(part)
    return kept


@memo
def section_ref(text: str) -> SectionRef | None:
    """The section a normalised instruction names, outermost heading first."""
    parts = _distinct([*_quoted_parts(text), *_unquoted_parts(text)])
    if not parts:
        return None
    chain = _chain(parts, text)
    path: list[str] = []
    for part in chain:
        for heading in part.headings:
            if heading and (not path or heading_key(path[-1]) != heading_key(heading)):
                path.append(heading)
    if not path:
        return None
    return SectionRef(tuple(path), min(p.start for p in chain), max(p.end for p in chain))
