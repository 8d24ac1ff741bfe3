"""A faster ``pattern.search`` for case-insensitive patterns that seldom match.

Python's ``re`` runs a pattern compiled with ``re.IGNORECASE`` several times
slower than the same pattern without it over lower-case text.  For ASCII
text the two find a match at the same places: ASCII text lower-cased keeps
its length, and a pattern whose letters (outside escapes) are all lower case
matches a character ignoring case exactly when it matches its lower-case
form.  :func:`search` therefore asks the case-sensitive twin first, and only
when it finds a match runs the pattern itself (so the match returned is the
pattern's own, groups in the text's case).  Non-ASCII text, and patterns
that do not qualify (capital letters, inline flags), go straight to the
pattern.
"""

from __future__ import annotations

import re

__all__ = ["search"]

_ESCAPE = re.compile(r"\\.", re.DOTALL)
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_GROUP_SYNTAX = re.compile(r"\(\?P[<=]")  # "(?P<name>" and "(?P=name)": no letters to match
_TWINS: dict[re.Pattern[str], re.Pattern[str] | None] = {}
_LAST: list[str] = ["", ""]  # the last text lower-cased, and its lower case


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive pattern, if it has one."""
    if not pattern.flags & re.IGNORECASE:
        return None
    bare = _GROUP_SYNTAX.sub("(", _ESCAPE.sub("", pattern.pattern))
    if _INLINE_FLAGS.search(bare) or any(char.isupper() for char in bare):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, answered faster when there is no match."""
    try:
        twin = _TWINS[pattern]
    except KeyError:
        twin = _TWINS[pattern] = _twin(pattern)
    if twin is not None and text.isascii():
        if _LAST[0] is not text:
            _LAST[0], _LAST[1] = text, text.lower()
        if twin.search(_LAST[1]) is None:
            return None
    return pattern.search(text)
