"""Substitutions: "all references to X are replaced with Y", deletions of words, renames.

The phrasings are rows of :mod:`.grammar.substitutions`; this module pairs
the names they hold:

* Quoted: 'all references to the "A" (and "B") ... are replaced with "C"
  (and "D"), respectively', 'The reference to "A" is changed to "B."'.
* Unquoted: "All references to Franklin Templeton Trust Company in this
  prospectus are replaced with Franklin Templeton Bank & Trust.", "all
  references to Class A shares and Class B shares are changed to Class I
  shares and Class P shares, respectively", "... will mean ...".
* Deleted: "all references to Ms. Trillo are deleted" (the words go wherever
  they stand: the new words are empty).
* Renames: "Institutional Class will be renamed Class I.", "X's name is
  changed to "Y."", "the TTY number will change from A to B".

Lists of names pair up in order ("respectively"); several old names and one
new one all become the new one.  What is a substitution but cannot be read
into pairs is reported with the reason.
"""

from __future__ import annotations

import re

from .._text import split_sentences
from ._memo import memo
from ._targets import sentences, unquoted, words_of
from .effective import find_effective
from .grammar import Gate, Hit, Words
from .grammar import substitutions as grammar

__all__ = [
    "CHANGES_WORDS",
    "UNDELIMITED",
    "Pairs",
    "changes_words",
    "funds_deleted",
    "may_change_words",
    "renames_in_table",
    "substitution_pairs",
]

UNDELIMITED = "it substitutes words the parser cannot delimit (several, or not quoted)"

Pairs = tuple[tuple[str, str], ...]

_QUOTE = re.compile(r"\"([^\"]{1,200})\"")
# Where one name of a list ends: "Growth and Income ETF Portfolio and Growth ETF Portfolio".
_NAME_END = re.compile(
    r"(?:portfolios?|funds?|etfs?|trust|class|shares|inc\.?|llc|company|series|index)$",
    re.IGNORECASE,
)
_FUND_NAME = re.compile(r"\b(?:fund|portfolio|trust|series|etf)s?$", re.IGNORECASE)
_LIST_JOINS = re.compile(r",? and |, ")
_ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd", "jr", "sr", "bros", "intl"})
# A name's own short form, defined after it: "William Blair & Company, L.L.C. (WBC)".
_SHORT_FORM = re.compile(r"^(?P<name>.+?) \((?:the )?\"?(?P<short>[^()\"]{1,60})\"?\)$")
# "As of the Transition Date, ...": a time a term stands for.
_DEFINED_TIME = re.compile(r"^(?i:as of|on|from) the [A-Z][\w -]{1,40}?, ")
_SENTENCE_OPENING = re.compile(
    r"\. (?=(?:The|This|These|That|Those|It|Its|Their|Each|All|Such|There|No|Shareholders)\b)"
)
_LEADING_ARTICLE = re.compile(r"^the ")


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
    return [_LEADING_ARTICLE.sub("", name).strip(" ,.;") for name in names if name.strip(" ,.;")]


def _people(text: str) -> list[str]:
    """The names references to which are deleted: several people's names listed ("Tina
    Paris and Timothy R. Warrick") one by one, else the names of :func:`_names`."""
    pieces = [piece.strip(" ,.") for piece in _LIST_JOINS.split(text) if piece.strip(" ,.")]
    if len(pieces) > 1 and all(grammar.PERSON.match(Words(piece)) for piece in pieces):
        return pieces
    names = _names(text)
    return names if len(names) > 1 else [text]


def _trimmed(name: str) -> str:
    """A name without the punctuation of the sentence around it: the full stop in
    '"BlackRock High Yield Portfolio."' goes, the one in '"Gallatin Asset
    Management, Inc."' or '"X Partners, L.P."' stays."""
    name = name.strip(' ,;"')
    last = name.rsplit(" ", 1)[-1].rstrip(".")
    if name.endswith(".") and (last.lower() in _ABBREVIATIONS or "." in last):
        return name
    return name.rstrip(" .").strip('"')


def _first_sentence(words: str) -> str:
    """The first sentence, also cut where a new one plainly starts after a capital
    ("Institutional Class will be renamed Class I. The features ...")."""
    first = sentences(words)[0] if words else ""
    opening = _SENTENCE_OPENING.search(first)
    return first[: opening.start() + 1] if opening is not None else first


def _until_sentence_end(text: str) -> str:
    """The words up to the end of the sentence they open ("L.L.C." ends none)."""
    parts = split_sentences(text)
    return parts[0] if parts else text


def _cut(name: str) -> str:
    """A name without the words that place or qualify the references ("in the
    Prospectus", "respectively", "and will be available for ...")."""
    words = words_of(name)
    cut = len(name)
    for rule in (grammar.SCOPE_TAIL, grammar.NAME_TAIL):
        found = rule.search(words)
        if found is not None and found.start() > 0:
            cut = min(cut, found.start())
    return name[:cut]


def _pair(olds: list[str], news: list[str]) -> Pairs | str:
    olds = [_trimmed(name) for name in olds if _trimmed(name)]
    news = [_trimmed(name) for name in news if _trimmed(name)]
    if not olds or not news:
        return UNDELIMITED
    if len(olds) == len(news):
        pairs = list(zip(olds, news, strict=True))
    elif len(news) == 1:
        pairs = [(old, news[0]) for old in olds]
    else:
        return "it substitutes several names at once and they do not pair up"
    return tuple(_with_short_forms(pairs))


def _with_short_forms(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs whose names both define a short form pair the short forms too:
    "A, L.L.C. (A Co.)" -> "B, LLC (WBIM)" is "A, L.L.C." -> "B, LLC" and "A Co." -> "WBIM"."""
    out: list[tuple[str, str]] = []
    for old, new in pairs:
        old_short, new_short = _SHORT_FORM.match(old), _SHORT_FORM.match(new)
        if old_short is None or new_short is None:
            out.append((old, new))
            continue
        out.append((old_short["name"].rstrip(" ,"), new_short["name"].rstrip(" ,")))
        out.append((old_short["short"], new_short["short"]))
    return out


def _without_time(sentence: str) -> str:
    stated = find_effective(sentence).words
    if stated and sentence.startswith(stated):
        return sentence[len(stated) :].lstrip(" ,")
    return _DEFINED_TIME.sub("", sentence)


def _quoted(found: Hit) -> Pairs | str:
    return _pair(_QUOTE.findall(found["old"] or ""), _QUOTE.findall(found["new"] or ""))


def _unquoted(found: Hit) -> Pairs | str:
    old = _cut((found["old"] or "").strip(" ,"))
    new = _cut(_until_sentence_end((found["new"] or "").strip()))
    old, new = old.replace('"', ""), new.replace('"', "")
    if "respectively" in found.text.lower():
        return _pair(_names(old), _names(new))
    if " and " in old:
        # "A Fund and B Fund are changed to C Fund": each becomes the new name.
        return _pair(_names(old), [new])
    return _pair([old], [new])


@memo
def substitution_pairs(words: str) -> Pairs | str | None:
    """The (old, new) pairs a normalised instruction substitutes (new ``""``: deleted).

    ``None`` when it is no substitution; a reason when it is one the parser
    cannot read into pairs.
    """
    read = words_of(words)
    quoted = grammar.QUOTED_REFERENCES.search(read)
    if quoted is not None:
        return _quoted(quoted)
    renamed = _renamed(words)
    if renamed is not None:
        return _pair(_names(_cut(renamed["old"] or "")), _names(_cut(renamed["new"] or "")))
    deleted = grammar.DELETED_REFERENCES.first(read)
    if deleted is not None:
        old = _trimmed(_cut(_until_sentence_end((deleted[1]["old"] or "").replace('"', ""))))
        return tuple((name, "") for name in _people(old)) if old else None
    bare = grammar.REFERENCES.search(read)
    if bare is not None:
        return _unquoted(bare)
    if grammar.MENTIONS.found(words_of(unquoted(words))):
        return UNDELIMITED
    return None


def funds_deleted(words: str) -> tuple[str, ...]:
    """The funds whose disclosure an instruction deletes ("disclosure relating to the
    Bond Fund and Core Mid Cap Fund is deleted"); empty when it deletes no fund's."""
    found = grammar.DISCLOSURE_DELETED.search(words_of(words))
    if found is None:
        return ()
    names = _names(found["funds"] or "")
    if not names or not all(_FUND_NAME.search(name) for name in names):
        return ()
    return tuple(names)


def _renamed(words: str) -> Hit | None:
    """The rename the first sentence of some words states, if it states one."""
    whole = words_of(words)
    if not any(rule.may_match(whole) for rule in grammar.RENAMES):
        return None  # no rename's words anywhere: no need to find the first sentence
    first = words_of(_without_time(_first_sentence(words)))
    found = grammar.RENAMES.first(first)
    return found[1] if found is not None else None


# Words that none of these rules may match substitute no words: asked before any is tried.
_SUBSTITUTES = Gate(
    [grammar.QUOTED_REFERENCES, *grammar.RENAMES, *grammar.DELETED_REFERENCES, grammar.REFERENCES]
)
# Words that none of these rules may match change no words at all (nor rename in a table,
# nor delete a fund's disclosure).
CHANGES_WORDS = Gate([*_SUBSTITUTES.rules, grammar.RENAME_TABLE, grammar.DISCLOSURE_DELETED])


def may_change_words(text: str) -> bool:
    """Whether some text holds a string every change of words holds (before its
    sentences are read for one: :func:`changes_words`)."""
    return CHANGES_WORDS.may_match(text)


@memo
def changes_words(words: str) -> bool:
    """Whether an instruction changes words, or deletes a fund's disclosure, wherever
    they stand (an instruction, though it names no part of the document)."""
    read = words_of(words)  # its lower case, made once for both gates
    if not CHANGES_WORDS.may_match(read):
        return False
    substitutes = _SUBSTITUTES.may_match(read) and isinstance(substitution_pairs(words), tuple)
    return substitutes or renames_in_table(words) or bool(funds_deleted(words))


def renames_in_table(words: str) -> bool:
    """Whether an instruction lists renames in the table after it ("renamed as follows:")."""
    return grammar.RENAME_TABLE.found(words_of(words))
