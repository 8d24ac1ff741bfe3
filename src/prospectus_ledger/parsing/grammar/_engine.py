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
  the pattern.  A pattern that opens with a word boundary is compiled behind
  a look-ahead for the characters its matches start with
  (:func:`~._prefilters.look_ahead`).  Nothing is kept "in step" by hand:
  change the pattern and the prefilter and look-ahead follow.
* :class:`Table` is an ordered set of rules: the first that matches wins.
* :class:`Gate` answers for several rules at once whether any of them may
  match (the union of their prefilters): a question that only those rules can
  answer "yes" is turned away before any of them runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from ._prefilters import Prefilter, end_reach, look_ahead, needed_by_any, required_literals

__all__ = [
    "Gate",
    "GrammarError",
    "Hit",
    "Rule",
    "Table",
    "Words",
    "lower",
]

_B = TypeVar("_B")

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
        if lowered is None:
            # lower(), its common case spelled out: words are made tens of thousands of
            # times a filing.
            lowered = text.lower()
            if len(lowered) != len(text):
                lowered = lower(text)
        self.lower = lowered

    def __repr__(self) -> str:
        return f"Words({self.text!r})"

    def __len__(self) -> int:
        return len(self.text)

    def sub(self, rule: Rule[Any], replacement: str | Callable[[Hit], str]) -> Words:
        """Both texts with every match of ``rule`` replaced by ``replacement`` (or by
        what it answers for the match)."""
        test = rule._test
        if test is not None and not test(self.lower):
            return self
        pieces: list[str] = []
        lowered: list[str] = []
        last = 0
        # A fixed replacement is lower-cased once, not once per match.
        fixed_lower = lower(replacement) if isinstance(replacement, str) else ""
        for match in rule._finditer(self.text if rule.cased else self.lower):
            start = match.start()
            pieces.append(self.text[last:start])
            lowered.append(self.lower[last:start])
            if isinstance(replacement, str):
                pieces.append(replacement)
                lowered.append(fixed_lower)
            else:
                new = replacement(Hit(match, self))
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

    __slots__ = (
        "_finditer",
        "_match",
        "_prefilter",
        "_reach",
        "_search",
        "_test",
        "builds",
        "cased",
        "name",
        "needs",
        "pattern",
        "priority",
        "source",
    )

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
            # The look-ahead changes no match, only how soon a place of the text fails.
            self.pattern = re.compile(look_ahead(source))
        except re.error as error:
            raise GrammarError(f"rule {name!r} does not compile: {error}") from error
        self.name = name
        self.source = source
        self.builds = builds
        self.priority = priority
        self.cased = cased
        # A cased rule's strings are looked for in the lower case too: parts it reads
        # ignoring case ("(?i:entitled)") give strings as well as its capitals do.
        self.needs = required_literals(source, folded=cased)
        self._prefilter = Prefilter(self.needs)
        # The pattern's methods and the prefilter's test, bound once: the methods below
        # run tens of thousands of times a filing, and each attribute looked up or
        # method called on the way costs as much as a short search.
        self._test = self._prefilter.test
        self._search = self.pattern.search
        self._match = self.pattern.match
        self._finditer = self.pattern.finditer
        # A pattern anchored at the end is searched from where a match can start.
        self._reach = end_reach(source)

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"

    def subject(self, words: Words) -> str:
        """The text the rule searches: the lower case, or the text as printed."""
        return words.text if self.cased else words.lower

    def may_match(self, words: Words) -> bool:
        """The prefilter: ``False`` only when the text holds none of the strings every
        match holds."""
        test = self._test
        return test is None or test(words.lower)

    def search(self, words: Words) -> Hit | None:
        """The first match in ``words``."""
        lowered = words.lower
        test = self._test
        if test is not None and not test(lowered):
            return None
        subject = words.text if self.cased else lowered
        reach = self._reach
        if reach is None:
            match = self._search(subject)
        else:
            match = self._search(subject, max(len(subject) - reach, 0))
        return Hit(match, words) if match is not None else None

    def match(self, words: Words) -> Hit | None:
        """A match at the start of ``words`` (no prefilter: an anchored match fails
        sooner than the literals are looked for)."""
        match = self._match(words.text if self.cased else words.lower)
        return Hit(match, words) if match is not None else None

    def found(self, words: Words) -> bool:
        """Whether the rule matches anywhere in ``words``."""
        lowered = words.lower
        test = self._test
        if test is not None and not test(lowered):
            return False
        subject = words.text if self.cased else lowered
        reach = self._reach
        if reach is None:
            return self._search(subject) is not None
        return self._search(subject, max(len(subject) - reach, 0)) is not None

    def finditer(self, words: Words) -> Iterator[Hit]:
        """Every match, in order."""
        lowered = words.lower
        test = self._test
        if test is not None and not test(lowered):
            return iter(())
        matches = self._finditer(words.text if self.cased else lowered)
        return (Hit(match, words) for match in matches)


class Gate:
    """Whether any of some rules may match a text, asked of the text once.

    It holds the union of the rules' prefilters (:func:`needed_by_any`): a text
    it turns away holds none of the strings every match of any of the rules
    holds, so none of them matches it.  Put one before a test that only those
    rules can pass: most text is answered without building its
    :class:`Words` or running a rule.

    Args:
        rules: the rules the gate answers for; one rule with no prefilter
            makes a gate that lets every text through.
    """

    __slots__ = ("_prefilter", "rules")

    def __init__(self, rules: Iterable[Rule[Any]]) -> None:
        self.rules = tuple(rules)
        self._prefilter = Prefilter(needed_by_any(self.rules))

    def __repr__(self) -> str:
        return f"Gate({[rule.name for rule in self.rules]!r})"

    @property
    def needs(self) -> tuple[str, ...]:
        """The strings one of which every match of any of the rules holds."""
        return self._prefilter.needs

    def may_match(self, text: str | Words) -> bool:
        """``False`` only when none of the rules can match ``text`` (normalised words, in
        any case; :class:`Words` give their lower case, made once)."""
        test = self._prefilter.test
        return test is None or test(text.lower if isinstance(text, Words) else lower(text))


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
