"""Substitutions: "all references to X are replaced with Y" and fund renames.

* Quoted: 'all references to the "A" (and "B") ... are replaced with "C" (and
  "D"), respectively', 'The reference to "A" is changed to "B."'.
* Unquoted, one name: "All references to Franklin Templeton Trust Company in
  this prospectus are replaced with Franklin Templeton Bank & Trust."
* Renames: "Institutional Class will be renamed Class I.", "the A Portfolio and
  B Portfolio are renamed the C Portfolio and D Portfolio, respectively."

Lists of names pair up in order ("respectively"); several old names and one
new one all become the new one.  What is a substitution but cannot be read
into pairs is reported with the reason.
"""

from __future__ import annotations

import re

from ._targets import sentences, unquoted
from .effective import find_effective

__all__ = ["Pairs", "substitution_pairs"]

Pairs = tuple[tuple[str, str], ...]

_QUOTED = r"(?:the )?\"[^\"]{1,200}\""
_QUOTED_LIST = rf"{_QUOTED}(?:(?:,|,? and|,? or) {_QUOTED}){{0,5}}"
_VERB = (
    r"(?:are|is|shall be|will be)(?: hereby)? "
    r"(?:replaced with|replaced by|changed to|deleted and replaced with|revised to read)"
)
_QUOTED_REFERENCES = re.compile(
    r"\b(?:all )?(?:the )?references? (?:to|in [^\"]{0,120}? to) "
    rf"(?P<old>{_QUOTED_LIST})[^\"]{{0,160}}? {_VERB} (?P<new>{_QUOTED_LIST})",
    re.IGNORECASE,
)
_BARE_REFERENCES = re.compile(
    r"\ball references to (?:the )?(?P<old>[^\"]{3,160}?)"
    r"(?:,? (?:in|with respect to|throughout|contained in) [^\"]{0,160}?)?,? "
    rf"{_VERB} (?:the )?(?P<new>[^\"]{{2,200}}?)\.?$",
    re.IGNORECASE,
)
_RENAMED = re.compile(
    r"^(?:the )?(?P<old>[^\"]{3,300}?) (?:is|are|will be|shall be|has been|have been)(?: hereby)? "
    r"(?:renamed(?: as)?|re-named) (?:the )?(?P<new>[^\"]{2,300}?)(?:,? respectively)?\.?$"
    r"|^(?:the )?(?P<old2>[^\"]{3,300}?) (?:will|shall) change (?:its|their) names? to "
    r"(?:the )?(?P<new2>[^\"]{2,300}?)\.?$",
    re.IGNORECASE,
)
_REFERENCES = re.compile(r"\b(?:all )?references? to\b", re.IGNORECASE)
# "all references to Jason Kezelman are deleted": the words go wherever they stand.
_DELETED_REFERENCES = re.compile(
    r"\ball references to (?:the )?(?P<old>[^\"]{3,160}?),? "
    r"(?:are|is|shall be|will be)(?: hereby)? (?:deleted|removed)\.?$",
    re.IGNORECASE,
)
_RENAME_WORDS = re.compile(r"\bre-?named\b|\bchange (?:its|their) names?\b")
# "As of the Transition Date, ...": a time a term stands for.
_DEFINED_TIME = re.compile(r"^(?i:as of|on|from) the [A-Z][\w -]{1,40}?, ")
_QUOTE = re.compile(r"\"([^\"]{1,200})\"")
# Where one name of a list ends: "Growth and Income ETF Portfolio and Growth ETF Portfolio".
_NAME_END = re.compile(
    r"(?:portfolios?|funds?|etfs?|trust|class|shares|inc\.?|llc|company|series|index)$",
    re.IGNORECASE,
)
_LIST_JOINS = re.compile(r",? and |, ")
_ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd", "jr", "sr", "bros", "intl"})
_SENTENCE_OPENING = re.compile(
    r"\. (?=(?:The|This|These|That|Those|It|Its|Their|Each|All|Such|There|No|Shareholders)\b)"
)


def _names(text: str) -> list[str]:
    """The names of an unquoted list ("A Portfolio and B Portfolio"), split only where
    a name ends (names may hold "and": "Growth and Income ETF Portfolio")."""
    names: list[str] = []
    start = 0
    for join in _LIST_JOINS.finditer(text):
        piece = text[start : join.start()].strip()
        if _NAME_END.search(piece):
            names.append(piece)
            start = join.end()
    names.append(text[start:].strip())
    return [re.sub(r"^the ", "", name).strip(" ,.;") for name in names if name.strip(" ,.;")]


def _trimmed(name: str) -> str:
    """A name without the punctuation of the sentence around it: the full stop in
    '"BlackRock High Yield Portfolio."' goes, the one in '"Gallatin Asset
    Management, Inc."' or '"X Partners, L.P."' stays."""
    name = name.strip(" ,;")
    last = name.rsplit(" ", 1)[-1].rstrip(".")
    if name.endswith(".") and (last.lower() in _ABBREVIATIONS or "." in last):
        return name
    return name.rstrip(" .")


def _first_sentence(words: str) -> str:
    """The first sentence, also cut where a new one plainly starts after a capital
    ("Institutional Class will be renamed Class I. The features ...")."""
    first = sentences(words)[0] if words else ""
    opening = _SENTENCE_OPENING.search(first)
    return first[: opening.start() + 1] if opening is not None else first


def _pair(olds: list[str], news: list[str]) -> Pairs | str:
    olds = [_trimmed(name) for name in olds]
    news = [_trimmed(name) for name in news]
    if len(olds) == len(news):
        return tuple(zip(olds, news, strict=True))
    if len(news) == 1:
        return tuple((old, news[0]) for old in olds)
    return "it substitutes several names at once and they do not pair up"


def _without_time(sentence: str) -> str:
    stated = find_effective(sentence).words
    if stated and sentence.startswith(stated):
        return sentence[len(stated) :].lstrip(" ,")
    return _DEFINED_TIME.sub("", sentence)


def substitution_pairs(words: str) -> Pairs | str | None:
    """The (old, new) pairs a normalised instruction substitutes.

    ``None`` when it is no substitution; a reason when it is one the parser
    cannot read into pairs.
    """
    lowered = words.lower()
    # Every pattern of references holds "reference" (no letter of it matches another
    # character ignoring case), every rename "name": most instructions hold neither.
    refers = "reference" in lowered
    quoted = _QUOTED_REFERENCES.search(words) if refers else None
    if quoted is not None:
        olds = _QUOTE.findall(quoted.group("old"))
        news = _QUOTE.findall(quoted.group("new"))
        return _pair(olds, news)
    renamed = _renamed(words) if "name" in lowered else None
    if renamed is not None and '"' not in renamed.group(0):
        old = renamed.group("old") or renamed.group("old2")
        new = renamed.group("new") or renamed.group("new2")
        return _pair(_names(old), _names(new))
    if not refers:
        return None
    for sentence in sentences(words):
        deleted = _DELETED_REFERENCES.search(sentence)
        if deleted is not None:
            return ((_trimmed(deleted.group("old").replace('"', "")), ""),)
    bare = _BARE_REFERENCES.search(words)
    if bare is not None and '"' not in words and len(sentences(words)) == 1:
        old, new = bare.group("old").strip(" ,"), bare.group("new").strip(" ,.;")
        if " and " not in old.lower() and "respectively" not in words.lower():
            return ((old, new),)
    if _REFERENCES.search(unquoted(words)):
        return "it substitutes words the parser cannot delimit (several, or not quoted)"
    return None


def _renamed(words: str) -> re.Match[str] | None:
    """The rename the first sentence of some words states, if it states one."""
    first = _first_sentence(words)
    if not _RENAME_WORDS.search(first.lower()):
        return None
    return _RENAMED.match(_without_time(first))


def is_rename(words: str) -> bool:
    """Whether the first sentence of some words renames a fund or a class."""
    # Every rename's words hold "name" (its first sentence is part of them).
    return "name" in words.lower() and _renamed(words) is not None
