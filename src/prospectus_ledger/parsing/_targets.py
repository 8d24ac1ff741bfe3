"""What an instruction points at: the section, a portfolio, a block by ordinal.

"the information appearing under the heading "MANAGEMENT - The Advisers -
Dreman Value Management, LLC" in the Prospectuses" names a section path;
"in Appendix C to the SAI with respect to Dreman Small-Cap Value Portfolio"
names an appendix and a portfolio; "the third paragraph" names a block.

Every pattern here works on :func:`normalise`'d text: white space collapsed and
every double-quote character (straight, curly, low) made a straight ``"``.
Quoted parts are bounded (200 characters) so matching stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._text import heading_key, split_sentences
from ._locations import SectionRef, section_ref
from ._memo import memo
from ._tidy import tidy
from .grammar import Rule, Words
from .grammar import instructions as grammar

__all__ = [
    "SectionRef",
    "changes",
    "named_portfolio",
    "normalise",
    "section_ref",
    "sentences",
    "unquoted",
    "words_of",
]


# Curly and double-prime quotes made straight, one ``str.replace`` each (``str.translate``
# with a table, and ``re`` with a character class, are many times slower on non-ASCII text).
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
# Single quotes (straight or curly) used as quotes: 'Principal Investment Strategy'.
_SINGLE_QUOTED = re.compile(
    r"(?<![\w])[\u2018'](?=[A-Z])([^\u2018\u2019'\"]{1,200})[\u2019'](?![\w])"
)
# Quoted old text to delete can be long: blanking it keeps the instruction's own words.
_QUOTED = re.compile(r'"([^"]{1,1500})"')

_WITH_RESPECT = Rule(
    "with respect to a portfolio",
    r"\b(?:with respect to|as it relates to|regarding|relating to|for) (?:the |each of the )?"
    r"(?P<name>[^,.;:()\"]{3,120})",
    "portfolio",
)
_MIN_PREFIX = 5
_PORTFOLIO_WORD = re.compile(r"\b(?:Portfolio|Fund)$", re.IGNORECASE)

_OPEN, _CLOSE = "\u201c", "\u201d"
# Words that join a quoted heading to the next one: 'in the', 'of the', 'under the'.
_JOINING = re.compile(r"(?:,? (?:in|of|under|within)(?: the)?)? $")
_JOIN_WIDTH = 20
_CURLY = re.compile("([\u201c\u201d])")


def _close_open_quotes(text: str) -> str:
    """Close a curly quote left open before the next opening one.

    'the subheading \u201cCurrency transactions in the \u201cDescription ...\u201d
    section' misses the quote after "transactions": it goes before the words
    that join the two headings.  A quote still open at the end closes before the
    colon or full stop that ends the words ('the section \u201cA\u2014B:').
    """
    if text.count(_OPEN) <= text.count(_CLOSE):
        return text
    out: list[str] = []
    opened = False
    for token in _CURLY.split(text):
        if token == _OPEN:
            if opened and out:
                segment = out.pop()
                tail = segment[-_JOIN_WIDTH:]
                joining = _JOINING.search(tail)
                cut = len(segment) - len(tail) + (joining.start() if joining else len(tail))
                out.extend((segment[:cut], _CLOSE, segment[cut:]))
            opened = True
        elif token == _CLOSE:
            opened = False
        out.append(token)
    if opened and out:
        last = out.pop()
        stripped = last.rstrip()
        end = len(stripped) - 1 if stripped.endswith((":", ".")) else len(stripped)
        out.extend((last[:end], _CLOSE, last[end:]))
    return "".join(out)


@memo
def normalise(text: str) -> str:
    """Collapse white space and make every double quote (and quoting single quote) ``"``.

    A curly quote left open before the next opening one is closed first
    (:func:`_close_open_quotes`).
    """
    text = tidy(text)
    if not text.isascii():
        text = _close_open_quotes(text)
        for quote in _DOUBLE_QUOTES:
            if quote in text:
                text = text.replace(quote, '"')
    if not _opens_single_quote(text):
        return text
    return _SINGLE_QUOTED.sub(r'"\1"', text)


def _opens_single_quote(text: str) -> bool:
    """Whether a single quote stands before a capital, as every :data:`_SINGLE_QUOTED`
    match's does (most text holds only apostrophes: "Fund's")."""
    for quote in ("'", "\u2018"):
        at = text.find(quote)
        while at >= 0:
            if "A" <= text[at + 1 : at + 2] <= "Z":
                return True
            at = text.find(quote, at + 1)
    return False


@memo
def words_of(text: str) -> Words:
    """Normalised ``text`` and its lower case, for the grammar's rules (made once)."""
    return Words(text)


@memo
def changes(text: str) -> bool:
    """Whether normalised ``text`` holds a change verb (the grammar's ``INSTRUCTION``)."""
    return grammar.INSTRUCTION.found(words_of(text))


@memo
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of some words (:func:`~prospectus_ledger._text.split_sentences`),
    remembered: the parser asks about the same paragraphs several times."""
    return tuple(split_sentences(text))


def unquoted(text: str) -> str:
    """``text`` with quoted parts blanked out (for looking at the instruction's own words)."""
    return _QUOTED.sub('""', text)


def named_portfolio(text: str, portfolios: Sequence[str]) -> str | None:
    """The portfolio a "with respect to X" (or "regarding", "for") phrase names.

    The name is returned as the supplement's header prints it when it is one
    of ``portfolios`` (or the start of one: corpus texts can be cut short),
    else as the instruction prints it when it ends in "Portfolio" or "Fund".
    """
    keys = {heading_key(name): name for name in portfolios}
    for match in _WITH_RESPECT.finditer(words_of(text)):
        name = (match["name"] or "").strip()
        for tail in (" in the ", " to the ", " of the ", " on page "):
            cut = name.lower().find(tail)
            if cut > 0:
                name = name[:cut]
        key = heading_key(name)
        if key in keys:
            return keys[key]
        started = [
            full
            for full_key, full in keys.items()
            if len(key) >= _MIN_PREFIX and full_key.startswith(key)
        ]
        if len(started) == 1 and match.end() == len(text):
            return started[0]
        if _PORTFOLIO_WORD.search(name) and not name.lower().startswith(("portfolio", "fund")):
            return name
    # "regarding the other accounts managed by the X Portfolio's portfolio managers":
    # one of the supplement's portfolios named anywhere in the words.
    if not keys:
        return None
    reason = grammar.REASON.search(words_of(text))
    lowered = heading_key(text[: reason.start()] if reason is not None else text)
    mentioned = [name for key, name in keys.items() if len(key) >= _MIN_PREFIX and key in lowered]
    return mentioned[0] if len(mentioned) == 1 else None
