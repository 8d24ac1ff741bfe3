"""A faster ``pattern.search`` for case-insensitive patterns that seldom match.

Python's ``re`` runs a pattern compiled with ``re.IGNORECASE`` several times
slower than the same pattern without it over lower-case text.  Its *twin* is
the pattern with its ASCII letters lower-cased (escapes kept: "\\S" stays),
compiled without the flag.  The two find a match at the same places when
lower-casing keeps every character's place and no character matches a
letter ignoring case unless its lower case is that letter: true of ASCII
text, and of any text without the four characters that break it (below),
provided the pattern names no upper-case ASCII letter by an escape ("\\x41"),
none of those four characters, and no range from one case to the other
("A-z"); for non-ASCII text, also provided the pattern's non-ASCII
characters have no case.  :func:`search` therefore asks the twin first over
the text lower-cased; only when it finds a match does the pattern itself
run, anchored where the twin's match starts (so the match returned is the
pattern's own, groups in the text's case).  Text or patterns that do not
qualify go straight to the pattern.

Patterns may also name words they cannot match without (:func:`require`):
the text lower-cased must hold one of each group of words, a test that
costs a fraction of the search it spares; and the letters their matches open
with (:func:`opens_with`), which the twin looks ahead for.  :func:`found`,
:func:`finditer` and :func:`sub` answer as ``search``, ``finditer`` and
``sub`` do, the same way.
"""

from __future__ import annotations

import re

__all__ = ["finditer", "folded", "found", "opens_with", "require", "search", "sub"]

_ESCAPE = re.compile(r"\\.", re.DOTALL)
# Escapes that name a character by its code: "\u2019", "\x41", "\U0001F600", "\N{...}".
_CODE_ESCAPE = re.compile(
    r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|U([0-9a-fA-F]{8}))|\\N\{([^}]*)\}"
)
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
# A range from a letter of one case to one of the other ("A-z" also spans "[\\]^_`").
_LETTER_RANGE = re.compile(r"([A-Za-z])-([A-Za-z])")
_GROUP_SYNTAX = re.compile(r"\(\?P[<=]")  # "(?P<name>" and "(?P=name)": no letters to match
# Characters whose lower case is longer than they are ("\u0130"), or that match an
# ASCII letter ignoring case without lower-casing to it: in a text, they bar the twin.
_UNFOLDABLE = ("\u0130", "\u0131", "\u017f", "\u212a")


class _Entry:
    """What :func:`search` knows of one pattern: its twin, and words it needs."""

    __slots__ = ("any_text", "needs", "pattern", "twin")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.twin: re.Pattern[str] | None = None
        self.any_text = False  # whether the twin may answer for non-ASCII text
        self.needs: tuple[tuple[str, ...], ...] = ()
        _set_twin(self)


# Keyed by ``id``: hashing a compiled pattern hashes its whole code, which costs
# more than many of the searches themselves.  The entry keeps the pattern alive
# (and is checked against it), so an id is never taken for another pattern's.
_ENTRIES: dict[int, _Entry] = {}
# The last text folded and its fold (``None`` when it does not fold), as one pair:
# replaced whole, so a thread never reads one text's fold for another's.
_LAST: list[tuple[str, str | None]] = [("", "")]


def _code_points(pattern: str) -> str:
    """The characters a pattern's code escapes name ("\\u2019" names "\u2019")."""
    named: list[str] = []
    for match in _CODE_ESCAPE.finditer(pattern):
        code = match[1] or match[2] or match[3]
        if code is None:
            named.append("A")  # "\N{...}": a name, not decoded; taken as cased
        else:
            named.append(chr(int(code, 16)))
    return "".join(named)


def _lowered(source: str) -> str:
    """A pattern's source with its ASCII letters lower-cased, escapes (and the "P" of
    named groups) kept as written."""
    pieces: list[str] = []
    index = 0
    while index < len(source):
        if source[index] == "\\":
            pieces.append(source[index : index + 2])
            index += 2
        elif source.startswith("(?P", index):
            pieces.append("(?P")
            index += 3
        else:
            char = source[index]
            pieces.append(char.lower() if char.isascii() else char)
            index += 1
    return "".join(pieces)


def _set_twin(entry: _Entry, opening: str = "") -> None:
    """Give an entry the case-sensitive twin of its pattern, if it has one (with a
    look-ahead for ``opening``, the letters its matches open with)."""
    pattern = entry.pattern
    if not pattern.flags & re.IGNORECASE:
        return
    bare = _GROUP_SYNTAX.sub("(", _ESCAPE.sub("", pattern.pattern))
    named = _code_points(pattern.pattern)
    if (
        _INLINE_FLAGS.search(bare)
        or any(char.isascii() and char.isupper() for char in named)
        or any(char in bare or char in named for char in _UNFOLDABLE)
        or any(a.isupper() != b.isupper() for a, b in _LETTER_RANGE.findall(pattern.pattern))
    ):
        return
    source = _lowered(pattern.pattern)
    if opening:
        source = f"(?=[{opening}])(?:{source})"
    try:
        entry.twin = re.compile(source, pattern.flags & ~re.IGNORECASE)
    except re.error:  # group names that differ only in case
        return
    # Non-ASCII text may fold only if the pattern's non-ASCII characters have no case.
    entry.any_text = all(char.isascii() or char.lower() == char.upper() for char in bare + named)


def _entry(pattern: re.Pattern[str]) -> _Entry:
    entry = _ENTRIES.get(id(pattern))
    if entry is None or entry.pattern is not pattern:
        entry = _ENTRIES[id(pattern)] = _Entry(pattern)
    return entry


def require(needs: dict[re.Pattern[str], tuple[tuple[str, ...], ...]]) -> None:
    """Record words each pattern cannot match without.

    Args:
        needs: for each pattern, groups of lower-case words; every match
            of the pattern holds (ignoring case) one word of each group.
    """
    for pattern, words in needs.items():
        _entry(pattern).needs = words


def opens_with(openings: dict[re.Pattern[str], str]) -> None:
    """Record the letters each pattern's matches open with.

    The twin then looks ahead for one of them: ``re`` tries every position of a
    pattern that opens with a word boundary or an alternation, and the test of
    one character spares most of those tries.

    Args:
        openings: for each pattern, lower-case letters; every match of the
            pattern opens (ignoring case) with one of them.
    """
    for pattern, letters in openings.items():
        _set_twin(_entry(pattern), letters)


def folded(text: str) -> str | None:
    """``text`` lower-cased, when that keeps every character's place and match.

    ``None`` when it holds a character that breaks folding: then a lower-case
    word missing from the text lower-cased may still match ignoring case.
    """
    last, lowered = _LAST[0]
    if last is not text:
        lowered = text.lower()
        if not text.isascii() and any(char in text for char in _UNFOLDABLE):
            lowered = None
        _LAST[0] = (text, lowered)
    return lowered


# What _prepared answers for text that lacks a word the pattern needs: a twin that
# matches nothing, over no text.
_NOTHING: tuple[re.Pattern[str], str] = (re.compile("(?!)"), "")


def _prepared(pattern: re.Pattern[str], text: str) -> tuple[re.Pattern[str], str] | None:
    """The twin of ``pattern`` and ``text`` folded for it, if the twin may answer
    (:data:`_NOTHING` when the text lacks words the pattern needs)."""
    # The hot path of every search: the entry's lookup written out, not delegated.
    entry = _ENTRIES.get(id(pattern))
    if entry is None or entry.pattern is not pattern:
        entry = _entry(pattern)
    twin = entry.twin
    if twin is None or not (entry.any_text or text.isascii()):
        return None
    lowered = folded(text)
    if lowered is None:
        return None
    for words in entry.needs:
        for word in words:
            if word in lowered:
                break
        else:
            return _NOTHING
    return twin, lowered


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, answered faster when there is no match."""
    prepared = _prepared(pattern, text)
    if prepared is None:
        return pattern.search(text)
    twin, lowered = prepared
    found = twin.search(lowered)
    if found is None:
        return None
    # The pattern matches where its twin does, first at the same place: match there
    # rather than search the text again from its start.
    return pattern.match(text, found.start())


def found(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None``: the twin's answer, where it may give one."""
    prepared = _prepared(pattern, text)
    if prepared is None:
        return pattern.search(text) is not None
    twin, lowered = prepared
    return twin.search(lowered) is not None


def finditer(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))``, found by the twin and matched where it found them."""
    prepared = _prepared(pattern, text)
    if prepared is None:
        return list(pattern.finditer(text))
    twin, lowered = prepared
    found: list[re.Match[str]] = []
    for twin_match in twin.finditer(lowered):
        match = pattern.match(text, twin_match.start())
        if match is not None:  # always: the two match alike
            found.append(match)
    return found


def sub(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """``pattern.sub(replacement, text)``, with the twin's matches where it may answer.

    The twin's matches are the pattern's, place for place: a replacement with
    no group references ("\\1") goes where they are, and the pattern itself
    never runs.
    """
    prepared = _prepared(pattern, text)
    if prepared is None or "\\" in replacement:
        return pattern.sub(replacement, text)
    twin, lowered = prepared
    pieces: list[str] = []
    last = 0
    for match in twin.finditer(lowered):
        pieces.append(text[last : match.start()])
        pieces.append(replacement)
        last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
