"""Prefilters and look-aheads derived from a rule's pattern, never written by hand.

* :func:`required_literals`: strings one of which every match holds (a text
  holding none of them is answered without running the pattern);
* :func:`first_characters`: the characters a match can start with (a
  pattern that opens with a word boundary and an alternation is tried at
  every place of the text; a look-ahead for those characters skips most of
  them in C);
* :func:`end_reach`: how far from the end of a text a match of a pattern
  anchored at the end can start (only that much of the text need be searched);
* :class:`Prefilter`: the test for the strings; when there are many, a look-up
  in what one shared Aho-Corasick pass found in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Protocol

import ahocorasick

from .._memo import memo

__all__ = [
    "Prefilter",
    "end_reach",
    "first_characters",
    "look_ahead",
    "needed_by_any",
    "required_literals",
]

# A prefilter string shorter than this spares too little to be worth the test.
_MIN_LITERAL = 3
# A prefilter of more strings than this is one automaton, not a test per string.
_SCAN = 3
# Texts longer than this are not read by the shared automaton (see _test).
_SHARED_TEXT = 1000


class _HasNeeds(Protocol):
    @property
    def needs(self) -> tuple[str, ...]: ...


class Prefilter:
    """Whether a lower-case text holds one of some strings (every text does, when there
    are none).

    ``test`` is the test made for the strings at hand (``None`` when there are none, so
    that a caller skips it): rules ask it tens of thousands of times a filing, and a
    closure over one or two strings costs a fraction of a general loop.
    """

    __slots__ = ("needs", "test")

    def __init__(self, needs: tuple[str, ...]) -> None:
        self.needs = needs
        self.test: Callable[[str], bool] | None = _test(needs)

    def holds(self, lowered: str) -> bool:
        """Whether ``lowered`` holds one of the strings."""
        test = self.test
        return test is None or test(lowered)


def _test(needs: tuple[str, ...]) -> Callable[[str], bool] | None:
    """The cheapest test of whether a text holds one of ``needs``."""
    if not needs:
        return None
    if len(needs) > _SCAN:
        # Many strings: the text's one pass of the shared automaton (made once per text
        # and filing) says which of every prefilter's strings it holds.  A long text
        # (a whole instruction with its new text) is read by its own automaton, which
        # stops at the first string, instead of listing every string it holds.
        mask = _SHARED.mask(needs)
        scan = _automaton(needs).iter

        def scanned(lowered: str) -> bool:
            if len(lowered) > _SHARED_TEXT:
                return next(scan(lowered), None) is not None
            return mask & _present(lowered) != 0

        return scanned
    if len(needs) == 1:
        (only,) = needs

        def one(lowered: str) -> bool:
            return only in lowered

        return one
    if len(needs) == 2:
        first, second = needs

        def two(lowered: str) -> bool:
            return first in lowered or second in lowered

        return two

    def several(lowered: str) -> bool:
        # any() over map() runs in C: no bytecode per literal.
        return any(map(lowered.__contains__, needs))

    return several


def _automaton(literals: Iterable[str]) -> Any:
    """An Aho-Corasick automaton of ``literals``."""
    automaton = ahocorasick.Automaton()
    for number, literal in enumerate(literals):
        automaton.add_word(literal, number)
    automaton.make_automaton()
    return automaton


class _Shared:
    """The strings of every prefilter of many strings, each a bit, in one automaton.

    A paragraph is asked about by many rules and gates, each with its own
    strings; an automaton per prefilter read the paragraph once per question
    (most of each pass spent copying the text in).  One automaton of all their
    strings reads it once and gives every string it holds; each prefilter then
    only tests its own bits.
    """

    __slots__ = ("_automaton", "bits")

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}
        self._automaton: Any = None

    def mask(self, needs: Iterable[str]) -> int:
        """The bits of ``needs`` (strings not seen before are added)."""
        mask = 0
        for literal in needs:
            bit = self.bits.get(literal)
            if bit is None:
                bit = self.bits[literal] = 1 << len(self.bits)
                # The automaton is made again, and texts read before it are read again.
                self._automaton = None
                _present.cache_clear()
            mask |= bit
        return mask

    def automaton(self) -> Any:
        """The automaton of every string, each giving its bit."""
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for literal, bit in self.bits.items():
                automaton.add_word(literal, bit)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton


_SHARED = _Shared()


@memo
def _present(lowered: str) -> int:
    """The bits of the shared strings ``lowered`` holds (remembered per filing: the same
    paragraph is asked about by many prefilters)."""
    found = 0
    for _end, bit in _SHARED.automaton().iter(lowered):
        found |= bit
    return found


# -- the strings every match holds ----------------------------------------------------

Needs = frozenset[str] | None
_LITERAL = sre.LITERAL
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# A part of a pattern that matches one of at most this many strings is read as that set.
_MAX_STRINGS = 64
_MAX_CLASS = 8
# A prefilter of more strings than this costs about what the search it spares costs.
_FEW = 8


def required_literals(source: str, *, folded: bool = False) -> tuple[str, ...]:
    """Strings one of which every match of the pattern ``source`` holds.

    Read off the parsed pattern.  A part that can match only a few strings
    (letters, "(?:s|d)?", an alternation of words) is that set of strings;
    consecutive such parts combine into longer strings ("summar" then
    "(?:y|ies)" is "summary" or "summaries").  A sequence requires the most
    selective of what its parts require (the longest shortest string); a
    group what its content requires; a repeat what its content requires, if
    it must occur; an alternation one of what each branch requires.  Parts
    matched ignoring case inside a cased pattern ("(?i:...)") require
    nothing.  An empty answer: no useful prefilter (every text is tried).

    ``folded``: the strings in lower case, parts matched ignoring case included (for
    a cased pattern, looked for in the lower case of a text).
    """
    parsed = sre_parse.parse(source)
    if folded:
        parsed = _without_ignorecase(parsed)
    found = _sequence(parsed, ignoring=False)
    if found and folded:
        found = frozenset(literal.lower() for literal in found)
    if not found or not _key(found)[0] or len(found) > _MAX_STRINGS:
        return ()
    return tuple(sorted(found))


def _without_ignorecase(items: Any) -> list[tuple[object, Any]]:
    """A parsed pattern whose groups matched ignoring case are read as written."""
    out: list[tuple[object, Any]] = []
    for op, av in items:
        if op is sre.SUBPATTERN:
            group, add_flags, del_flags, content = av
            av = (group, add_flags & ~re.IGNORECASE, del_flags, _without_ignorecase(content))
        elif op is sre.BRANCH:
            av = (av[0], [_without_ignorecase(branch) for branch in av[1]])
        elif op in _REPEATS:
            low, high, content = av
            av = (low, high, _without_ignorecase(content))
        elif op is sre.ATOMIC_GROUP:
            av = _without_ignorecase(av)
        out.append((op, av))
    return out


def needed_by_any(rules: Iterable[_HasNeeds]) -> tuple[str, ...]:
    """The strings one of which every match of any of ``rules`` holds (the union of their
    prefilters, each string that holds another left out); empty when one of the rules
    has no prefilter (every text may match it)."""
    needs: set[str] = set()
    for rule in rules:
        if not rule.needs:
            return ()
        needs.update(rule.needs)
    return tuple(sorted(_minimal(frozenset(needs))))


def _minimal(needs: frozenset[str]) -> frozenset[str]:
    """The strings of a set that hold no other of its strings: a text holding a longer
    one holds the shorter too ("prospectuses", "prospectus")."""
    return frozenset(s for s in needs if not any(t != s and t in s for t in needs))


def _key(needs: frozenset[str]) -> tuple[bool, bool, int, int]:
    """How good a prefilter is: useful at all; few strings (each costs a test); long."""
    shortest = min(map(len, needs))
    return (shortest >= _MIN_LITERAL, len(needs) <= _FEW, shortest, -len(needs))


def _better(a: Needs, b: Needs) -> Needs:
    if not b or "" in b:
        return a
    b = _minimal(b)
    if not a:
        return b
    return b if _key(b) > _key(a) else a


def _strings(op: object, av: Any, *, ignoring: bool) -> frozenset[str] | None:
    """The strings a part of a pattern can match, when they are few; else ``None``."""
    if ignoring:
        return None
    if op is _LITERAL:
        return frozenset({chr(av)})
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op is sre.IN:
        chars = [chr(code) for kind, code in av if kind is _LITERAL]
        if len(chars) != len(av) or len(chars) > _MAX_CLASS:
            return None
        return frozenset(chars)
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, content = av
        if add_flags & re.IGNORECASE:
            return None
        return _sequence_strings(content)
    if op is sre.BRANCH:
        _, branches = av
        union: set[str] = set()
        for branch in branches:
            strings = _sequence_strings(branch)
            if strings is None:
                return None
            union |= strings
        return frozenset(union) if len(union) <= _MAX_STRINGS else None
    if op in _REPEATS:
        low, high, content = av
        strings = _sequence_strings(content)
        if strings is None or high != 1 or low not in (0, 1):
            return None
        return strings | {""} if low == 0 else strings
    return None


def _sequence_strings(items: Iterable[tuple[object, Any]]) -> frozenset[str] | None:
    product = frozenset({""})
    for op, av in items:
        strings = _strings(op, av, ignoring=False)
        if strings is None:
            return None
        product = frozenset(a + b for a in product for b in strings)
        if len(product) > _MAX_STRINGS:
            return None
    return product


def _sequence(items: Iterable[tuple[object, Any]], *, ignoring: bool) -> Needs:
    """What a sequence requires: the best of its runs of literals, of its parts' own
    needs, and of the strings consecutive parts of few strings make together."""
    best: Needs = None
    product: frozenset[str] = frozenset({""})
    run = ""  # the literal characters just before, on their own
    for op, av in items:
        if op is _LITERAL and not ignoring:
            run += chr(av)
        else:
            best = _better(best, frozenset({run}))
            run = ""
        best = _better(best, _item(op, av, ignoring=ignoring))
        strings = _strings(op, av, ignoring=ignoring)
        if strings is None:
            best = _better(best, product)
            product = frozenset({""})
            continue
        best = _better(best, strings)
        combined = frozenset(a + b for a in product for b in strings)
        if len(combined) > _MAX_STRINGS:
            best = _better(best, product)
            combined = strings
        product = combined
    return _better(_better(best, frozenset({run})), product)


def _item(op: object, av: Any, *, ignoring: bool) -> Needs:
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, content = av
        return _sequence(content, ignoring=ignoring or bool(add_flags & re.IGNORECASE))
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, ignoring=ignoring)
    if op is sre.BRANCH:
        _, branches = av
        union: set[str] = set()
        for branch in branches:
            needs = _sequence(branch, ignoring=ignoring)
            if not needs or "" in needs:
                return None
            union |= needs
        return frozenset(union)
    if op in _REPEATS:
        low, _high, content = av
        return _sequence(content, ignoring=ignoring) if low >= 1 else None
    return None


# -- the characters a match starts with ----------------------------------------------

# A look-ahead for more characters than this spares little.
_MAX_FIRST = 40
_DIGIT = "\\d"  # the class item for the digit category (Unicode digits, as the pattern's)
_OPENS_WITHOUT_PREFIX = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

_Firsts = tuple[frozenset[str], frozenset[str], bool]  # as printed, ignoring case, nullable


def look_ahead(source: str) -> str:
    """``source`` with a look-ahead for the characters its matches start with
    (:func:`first_characters`) when it opens with a word boundary or another
    assertion (or with alternatives that each do), which leaves the
    regular-expression engine no prefix to skip to; else ``source`` unchanged.
    The look-ahead matches where the pattern's first character could: it
    changes no match, only how soon a place fails.
    """
    parsed = sre_parse.parse(source)
    if parsed.state.flags & re.IGNORECASE or not _opens_with_assertion(parsed):
        # "(?i)" for the whole pattern: its first characters, read as printed, would
        # refuse the other case.
        return source
    firsts = first_characters(source)
    if firsts is None:
        return source
    exact, folded = firsts
    classes = [f"[{''.join(map(_class_item, sorted(exact)))}]"] if exact else []
    if folded:
        classes.append(f"(?i:[{''.join(map(_class_item, sorted(folded)))}])")
    return f"(?={'|'.join(classes)})(?:{source})"


def first_characters(source: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The characters every match of ``source`` starts with one of: those matched as
    printed, and those matched ignoring case (``"\\d"`` stands for any digit).
    ``None`` when a match may start with almost any character, or be empty."""
    found = _firsts(sre_parse.parse(source), ignoring=False)
    if found is None or found[2]:
        return None
    exact, folded, _ = found
    if (not exact and not folded) or len(exact) + len(folded) > _MAX_FIRST:
        return None
    return exact, folded


def _opens_with_assertion(items: Any) -> bool:
    for op, av in items:
        if op is sre.SUBPATTERN:
            return _opens_with_assertion(av[3])
        if op is sre.BRANCH:
            # "\b(?:A)\b|\bdated ...": alternatives that each open with one leave no
            # prefix either.
            return all(_opens_with_assertion(branch) for branch in av[1])
        return op in _OPENS_WITHOUT_PREFIX
    return False


def _class_item(char: str) -> str:
    return char if char == _DIGIT else re.escape(char)


def _firsts(items: Iterable[tuple[object, Any]], *, ignoring: bool) -> _Firsts | None:
    """What a sequence's matches start with: its parts' first characters up to the first
    part that cannot be empty."""
    exact: set[str] = set()
    folded: set[str] = set()
    for op, av in items:
        one = _firsts_of(op, av, ignoring=ignoring)
        if one is None:
            return None
        exact |= one[0]
        folded |= one[1]
        if not one[2]:
            return frozenset(exact), frozenset(folded), False
    return frozenset(exact), frozenset(folded), True


def _firsts_of(op: object, av: Any, *, ignoring: bool) -> _Firsts | None:
    if op is _LITERAL:
        return _chars({chr(av)}, ignoring=ignoring)
    if op in _ZERO_WIDTH:
        return frozenset(), frozenset(), True
    if op is sre.IN:
        return _class_firsts(av, ignoring=ignoring)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, content = av
        inner = (ignoring or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _firsts(content, ignoring=inner)
    if op is sre.ATOMIC_GROUP:
        return _firsts(av, ignoring=ignoring)
    if op is sre.BRANCH:
        exact: set[str] = set()
        folded: set[str] = set()
        empty = False
        for branch in av[1]:
            one = _firsts(branch, ignoring=ignoring)
            if one is None:
                return None
            exact |= one[0]
            folded |= one[1]
            empty = empty or one[2]
        return frozenset(exact), frozenset(folded), empty
    if op in _REPEATS:
        low, _high, content = av
        one = _firsts(content, ignoring=ignoring)
        return None if one is None else (one[0], one[1], one[2] or low == 0)
    return None  # any character, a negated class, a back reference: no short list


def _class_firsts(items: Any, *, ignoring: bool) -> _Firsts | None:
    chars: set[str] = set()
    for kind, value in items:
        if kind is _LITERAL:
            chars.add(chr(value))
        elif kind is sre.RANGE and value[1] - value[0] < _MAX_FIRST:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            chars.add(_DIGIT)
        else:
            return None
    return _chars(chars, ignoring=ignoring)


def _chars(chars: set[str], *, ignoring: bool) -> _Firsts:
    """Characters as matched: ignoring case, they go in a class that ignores case too
    (the engine's own case folding, not one written here)."""
    empty: frozenset[str] = frozenset()
    return (empty, frozenset(chars), False) if ignoring else (frozenset(chars), empty, False)


# -- how far back from the end a match anchored there starts ------------------------

_AT_ENDS = (sre.AT_END, sre.AT_END_STRING)
# A pattern whose matches may be longer than this is searched whole.
_MAX_REACH = 1000


def end_reach(source: str) -> int | None:
    """How many characters before the end of a text every match of ``source`` starts
    within, when the pattern ends with ``$`` or ``\\Z`` and its matches are no longer
    than a bound; else ``None``.

    A search of such a pattern tries every place of the text, though a match can
    only start near its end; it may start there instead (``re``'s ``pos``, which
    keeps what look-behinds and word boundaries see before it) and finds the
    same match.  ``$`` also matches before a final newline: one more character.
    """
    if not source.endswith(("$", "\\Z")):
        return None  # most patterns: answered without parsing them again
    parsed = sre_parse.parse(source)
    if not len(parsed) or parsed.state.flags & re.MULTILINE:
        return None  # "(?m)$" ends any line, not only the text
    op, av = parsed[len(parsed) - 1]
    if op is not sre.AT or av not in _AT_ENDS:
        return None
    _low, high = parsed.getwidth()
    return high + 1 if high <= _MAX_REACH else None
