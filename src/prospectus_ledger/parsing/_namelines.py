"""Title lines that are not the supplement phrase: names, lists of names, editions.

A title names its registrant and portfolios on lines of their own, often long
ones: "Delaware Global Equity Fund II (formerly, Delaware Global Value Equity
Fund)", "Class A, Class C, Institutional, Service and Class R6 Shares of the",
"Emerging Markets Fund n Global Growth Fund n ... (Prospectuses dated April
1, 2023)", "PIMCO Total Return Fund Class A and Class C Prospectus, dated July
31, 2008".  Such lines are known by their words (every word a capitalised
name, a number or a small connective) rather than by their width.
"""

from __future__ import annotations

import re

from ._dates import is_date_only
from ._memo import memo
from ._tidy import tidy
from .grammar import Words
from .grammar import supplements as grammar
from .grammar.vocabulary import NAME_CONNECTIVES

__all__ = ["edition_line", "fund_list", "listing", "name_like"]

_NAME_END = re.compile(r"\b(?:Fund|Portfolio|ETF|Trust)\u00ae?$", re.IGNORECASE)
# Between names in a list: commas, bullets, and the bullet some HTML prints as "n".
_LIST_SEPARATOR = re.compile(r",(?: and)? | n | ?[\u25a0\u25aa\u2022\u00b7] ?")
_LIST_HINTS = (", ", " n ", "\u25a0", "\u25aa", "\u2022", "\u00b7")
_CONNECTIVES = frozenset(NAME_CONNECTIVES)
# Punctuation around a word of a name: "(formerly,", "Fund\u00ae", "\u201cFund\u201d)".
_EDGES = "()[],;:.\"'\u2018\u2019\u201c\u201d\u00ae\u00a9\u2122\u25a0\u25aa\u2022\u00b7*&+-/"
_MIN_LISTED = 3
_MAX_LISTED_NAME = 80
# An abbreviation that may end a name ("Inc.", "Co.", "N.A.").
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|(?:[A-Z]\.){1,3})\.$")


def _capitalised(text: str) -> bool:
    """Whether every word of ``text`` is capitalised, a number or a small connective."""
    for raw in text.split():
        word = raw.strip(_EDGES)
        if word and not (word[0].isupper() or word[0].isdigit() or word in _CONNECTIVES):
            return False
    return True


@memo
def name_like(text: str) -> bool:
    """Whether a line only names: registrants, portfolios, share classes.

    Every word is capitalised (or a number, or "of", "and", "the", "formerly",
    ...), it holds a word of a name or of a share class, and it ends no
    sentence.
    """
    words = tidy(text)
    if not words or words.endswith((":", ";", "?", "!")):
        return False
    if words.endswith(".") and not _ABBREVIATION.search(words):
        return False
    read = Words(words)
    if not (grammar.NAME_WORD.found(read) or grammar.CLASS_WORD.found(read)):
        return False
    return _capitalised(words)


def fund_list(text: str) -> bool:
    """Whether a line only lists funds' names ("Fund A, Fund B", "Fund A \u25a0 Fund B"),
    perhaps with the editions they share: "... Fund n ... Fund (Prospectuses dated March
    1, 2023)"."""
    # The first name ends within its width: look for a separator there only.
    head = text[: _MAX_LISTED_NAME + 2]
    cut = min((at for at in map(head.find, _LIST_HINTS) if at >= 0), default=-1)
    if cut < 0:
        return False  # every separator holds one of these: one name only
    first = text[:cut]
    if len(first) > _MAX_LISTED_NAME or not first[:1].isupper() or not _capitalised(first):
        return False  # most lines: running text, answered before the notes are read
    words = text if "  " not in text else tidy(text)
    if words.endswith(")"):
        read = Words(words).sub(grammar.TRAILING_TERM, "")
        note = grammar.EDITION_NOTE.search(read)
        words = read.text[: note.start()].strip() if note is not None else read.text
    names = [name for name in _LIST_SEPARATOR.split(words) if name.strip()]
    if len(names) < 2:
        return False
    # "... ProFund VP Telecommunications and ProFund VP Utilities": the last two names.
    names[-1:] = names[-1].split(" and ", 1) if len(names) >= _MIN_LISTED - 1 else names[-1:]
    if all(name[:1].isupper() and _NAME_END.search(name) is not None for name in names):
        return True
    # "ProFund VP Banks, ProFund VP Basic Materials, ...": names without a name's word.
    return len(names) >= _MIN_LISTED and all(
        len(name) <= _MAX_LISTED_NAME and name[:1].isupper() and _capitalised(name)
        for name in names
    )


@memo
def edition_line(text: str) -> bool:
    """Whether a line names editions and nothing else but names: "PIMCO Total Return Fund
    Class A, Class B and Class C Prospectus, dated July 31, 2008", "Prospectus dated
    December 16, 1996", "Class A and C dated March 1, 2013, as previously amended August
    5, 2013 and ... the Statement of Additional Information dated March 1, 2013"."""
    read = Words(tidy(text))
    if not grammar.KIND.found(read):
        return False
    rest = read.sub(grammar.EDITIONS, " ").text
    return _capitalised(rest) and not rest.rstrip().endswith((".", ":", ";"))


def listing(text: str) -> bool:
    """Whether a title line lists a fund's name, a date or an edition (a table of
    editions: "PUTNAM OTC & EMERGING GROWTH FUND" / "Prospectus dated December 16,
    1996")."""
    words = tidy(text)
    return (
        is_date_only(words)
        or fund_list(words)
        or (words[:1].isupper() and _NAME_END.search(words) is not None)
        or edition_line(words)
    )
