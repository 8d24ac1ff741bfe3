"""How the grammar's rows run: words lower-cased once, rules compiled lower-case.

* :class:`Words` holds normalised text and its lower case, made once; rules
  search the lower case, and a :class:`Hit` gives each group back as the
  text printed it (headings keep their capitals).  :meth:`Words.sub`
  rewrites both alike, so places stay aligned.
* :class:`Rule` is one row: a name, a pattern compiled from lower-case
  source (or, for rules that read capitals, from the source as written), a
  priority and what it builds.  Its *prefilter* is derived from the pattern
  itself (:func:`required_literals`): strings one of which every match
  holds, so that a text holding none of them is answered without running
  the pattern.  Nothing is kept "in step" by hand: change the pattern and
  the prefilter follows.
* :class:`Table` is an ordered set of rules: the first that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Generic, TypeVar

import ahocorasick

__all__ = [
    "GrammarError",
    "Hit",
    "Rule",
    "Table",
    "Words",
    "lower",
    "needed_by_any",
    "required_literals",
]

_B = TypeVar("_B")

# A prefilter string shorter than this spares too little to be worth the test.
_MIN_LITERAL = 3
# A prefilter of more strings than this is one automaton, not a test per string.
_SCAN = 3
_UPPER_OUTSIDE_ESCAPES = re.compile(r"(?<!\\)(?:\\\\)*[A-Z]")
_GROUP_SYNTAX = re.compile(r"\(\?P[<=>]|\(\?[aiLmsux-]+[:)]|\\[A-Za-z]|\{[^}]*\}")


class GrammarError(ValueError):
    """A row of the grammar is malformed (raised when the grammar is built)."""


def lower(text: str) -> str:
    """``text`` in lower case, one character for one (so places stay the same)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two ("\u0130" to "i\u0307"): keep those as printed.
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


class Words:
    """Normalised text and its lower case, for rules to search.

    Attributes:
        text: the text as printed (white space collapsed, quotes straight).
        lower: the same text in lower case, place for place.
    """

    __slots__ = ("lower", "text")

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self.text = text
        self.lower = lower(text) if lowered is None else lowered

    def __repr__(self) -> str:
        return f"Words({self.text!r})"

    def __len__(self) -> int:
        return len(self.text)

    def sub(self, rule: Rule[Any], replacement: str | Callable[[Hit], str]) -> Words:
        """Both texts with every match of ``rule`` replaced by ``replacement`` (or by
        what it answers for the match)."""
        if not rule.may_match(self):
            return self
        pieces: list[str] = []
        lowered: list[str] = []
        last = 0
        for match in rule.pattern.finditer(rule.subject(self)):
            pieces.append(self.text[last : match.start()])
            lowered.append(self.lower[last : match.start()])
            new = replacement if isinstance(replacement, str) else replacement(Hit(match, self))
            pieces.append(new)
            lowered.append(lower(new))
            last = match.end()
        if not pieces:
            return self
        pieces.append(self.text[last:])
        lowered.append(self.lower[last:])
        return Words("".join(pieces), "".join(lowered))

    def slice(self, start: int, end: int | None = None) -> Words:
        """The words from ``start`` to ``end``."""
        return Words(self.text[start:end], self.lower[start:end])


class Hit:
    """A rule's match, with groups read from the text as printed.

    ``hit["name"]`` is the group as printed (``None`` when it did not take
    part); :meth:`low` is the same group in lower case.
    """

    __slots__ = ("match", "words")

    def __init__(self, match: re.Match[str], words: Words) -> None:
        self.match = match
        self.words = words

    def __getitem__(self, name: str | int) -> str | None:
        start, end = self.match.span(name)
        return None if start < 0 else self.words.text[start:end]

    def low(self, name: str | int = 0) -> str:
        """A group in lower case ("" when it did not take part)."""
        return self.match.group(name) or ""

    def has(self, name: str) -> bool:
        """Whether the group ``name`` exists and took part in the match."""
        return name in self.match.re.groupindex and self.match.span(name)[0] >= 0

    def start(self, name: str | int = 0) -> int:
        """Where a group starts."""
        return self.match.start(name)

    def end(self, name: str | int = 0) -> int:
        """Where a group ends."""
        return self.match.end(name)

    @property
    def text(self) -> str:
        """The whole match, as printed."""
        return self.words.text[self.match.start() : self.match.end()]


class Rule(Generic[_B]):
    """One row of the grammar.

    Args:
        name: what the row reads ("the following replaces").
        source: the pattern; lower case unless ``cased``.
        builds: what a match of it makes (an action, a locator spec, ...).
        priority: the lower, the sooner it is tried in its table.
        cased: the pattern reads capitals (an unquoted heading is known by
            them) and searches the text as printed.

    Raises:
        GrammarError: a case-insensitive pattern spells a capital letter, or
            the pattern does not compile.
    """

    __slots__ = ("_automaton", "builds", "cased", "name", "needs", "pattern", "priority")

    def __init__(
        self,
        name: str,
        source: str,
        builds: _B,
        *,
        priority: int = 0,
        cased: bool = False,
    ) -> None:
        if not cased and _UPPER_OUTSIDE_ESCAPES.search(_GROUP_SYNTAX.sub("", source)):
            raise GrammarError(f"rule {name!r}: a lower-case pattern spells a capital: {source}")
        try:
            self.pattern = re.compile(source)
        except re.error as error:
            raise GrammarError(f"rule {name!r} does not compile: {error}") from error
        self.name = name
        self.builds = builds
        self.priority = priority
        self.cased = cased
        # A cased rule's strings are looked for in the lower case too: parts it reads
        # ignoring case ("(?i:entitled)") give strings as well as its capitals do.
        self.needs = required_literals(source, folded=cased)
        # Many strings: one Aho-Corasick pass finds the first of them, where a test per
        # string would read the text once each.
        self._automaton: Any = _automaton(self.needs) if len(self.needs) > _SCAN else None

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"

    def subject(self, words: Words) -> str:
        """The text the rule searches: the lower case, or the text as printed."""
        return words.text if self.cased else words.lower

    def may_match(self, words: Words) -> bool:
        """The prefilter: ``False`` only when the text holds none of the strings every
        match holds."""
        needs = self.needs
        if not needs:
            return True
        subject = words.lower
        automaton = self._automaton
        if automaton is not None:
            return next(automaton.iter(subject), None) is not None
        # any() over map() runs in C: no bytecode per literal.
        return any(map(subject.__contains__, needs))

    def search(self, words: Words) -> Hit | None:
        """The first match in ``words``."""
        if not self.may_match(words):
            return None
        match = self.pattern.search(self.subject(words))
        return Hit(match, words) if match is not None else None

    def match(self, words: Words) -> Hit | None:
        """A match at the start of ``words`` (no prefilter: an anchored match fails
        sooner than the literals are looked for)."""
        match = self.pattern.match(self.subject(words))
        return Hit(match, words) if match is not None else None

    def found(self, words: Words) -> bool:
        """Whether the rule matches anywhere in ``words``."""
        return self.may_match(words) and self.pattern.search(self.subject(words)) is not None

    def finditer(self, words: Words) -> Iterator[Hit]:
        """Every match, in order."""
        if not self.may_match(words):
            return
        for match in self.pattern.finditer(self.subject(words)):
            yield Hit(match, words)


def _automaton(literals: Iterable[str]) -> Any:
    """An Aho-Corasick automaton of ``literals``."""
    automaton = ahocorasick.Automaton()
    for number, literal in enumerate(literals):
        automaton.add_word(literal, number)
    automaton.make_automaton()
    return automaton


class Table(Generic[_B]):
    """Rules tried in order of priority (then as listed); the first match wins."""

    __slots__ = ("name", "rules")

    def __init__(self, name: str, rules: Iterable[Rule[_B]]) -> None:
        self.name = name
        self.rules = tuple(sorted(rules, key=lambda rule: rule.priority))
        names = [rule.name for rule in self.rules]
        if len(set(names)) != len(names):
            raise GrammarError(f"table {name!r} names a rule twice")

    def __iter__(self) -> Iterator[Rule[_B]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def first(self, words: Words) -> tuple[Rule[_B], Hit] | None:
        """The first rule that matches, and its match."""
        for rule in self.rules:
            hit = rule.search(words)
            if hit is not None:
                return rule, hit
        return None

    def found(self, words: Words) -> bool:
        """Whether any rule matches."""
        return any(rule.found(words) for rule in self.rules)

    def opens(self, words: Words) -> bool:
        """Whether any rule matches at the start of ``words``."""
        return any(rule.match(words) is not None for rule in self.rules)

    def rule(self, name: str) -> Rule[_B]:
        """The rule called ``name``."""
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(name)


# -- prefilters, derived from the patterns ------------------------------------------

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


def needed_by_any(rules: Iterable[Rule[Any]]) -> tuple[str, ...]:
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
