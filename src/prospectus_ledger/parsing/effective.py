"""When an instruction takes effect, read from its words.

The forms, all in New York time:

* "Effective on May 22, 2007", "Effective as of May 22, 2007", "Effective May
  22, 2007" -- 00:00 that day (:func:`~prospectus_ledger.instants.start_of_day`);
* "Effective at the close of the New York Stock Exchange on December 21,
  2006", "at the close of business on ..." -- 16:00 that day
  (:func:`~prospectus_ledger.instants.at_close`);
* "Effective on or about October 1, 2023" -- that day, flagged approximate;
* "Effective immediately", "effective as of the date of this supplement", and
  no stated time at all -- 00:00 of the supplement's date;
* an opening "As of May 22, 2007", "Beginning ...", "On or about ...", "From
  September 30, 2002 through November 18, 2002" (the start of the period),
  also after "In addition," -- as if "Effective" were written;
* "Effective as of the Transition Date" -- the instant an earlier phrase
  defined (``... on August 7, 2008 (the "Transition Date")``).

The exact words are kept.  A stated date that does not exist falls back to the
supplement's date and says so in ``problem``; a year with a dropped digit
("June 12, 209" in a supplement of June 2009) is read as the year it
misprints, and ``problem`` says that too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs
import pendulum

from ..instants import at_close, start_of_day
from ._dates import read_date
from ._memo import memo
from ._targets import words_of
from ._tidy import tidy
from .grammar import Hit, Rule, Words
from .grammar import times as grammar
from .grammar.vocabulary import EVENTS, alt, with_plurals

__all__ = ["LAST_DATE", "EffectiveTime", "defined_times", "find_effective", "news_time"]

LAST_DATE = "\x00last date"
"""The key, among the instants a supplement defines, of the last date its text gave before
the words being read ("effective as of that date")."""

# Curly double quotes made straight, one ``str.replace`` each (``str.translate`` with a
# table, and ``re`` with a character class, are many times slower on non-ASCII text).
_QUOTES = "\u201c\u201d\u201e\u201f"


def _straight(text: str) -> str:
    if not text.isascii():
        for quote in _QUOTES:
            if quote in text:
                text = text.replace(quote, '"')
    return text


@attrs.frozen
class EffectiveTime:
    """An instruction's effective instant and the words it was read from.

    Attributes:
        instant: the instant (America/New_York); ``None`` when no time is
            stated and no supplement date is known.
        words: the words as printed, white space collapsed ("Effective on
            May 22, 2007"); empty when no time is stated.
        approximate: ``True`` for "on or about" dates.
        problem: why a stated date was not used, if it was not.
    """

    instant: pendulum.DateTime | None
    words: str = ""
    approximate: bool = False
    problem: str | None = None


@memo
def _unstated(day: pendulum.Date | None) -> EffectiveTime:
    """The time of words that state none (frozen: one per day in a filing will do)."""
    return EffectiveTime(start_of_day(day) if day is not None else None)


def _default(
    day: pendulum.Date | None, words: str = "", problem: str | None = None
) -> EffectiveTime:
    if not words and problem is None:
        return _unstated(day)
    return EffectiveTime(start_of_day(day) if day is not None else None, words, False, problem)


def _dated(
    words: str, date_words: str, *, close: bool, approximate: bool, default: pendulum.Date | None
) -> EffectiveTime:
    reading = read_date(date_words, near=default)
    if reading.date is None:
        fallback = _default(default, words, reading.problem)
        return attrs.evolve(fallback, problem=f"{reading.problem}; the supplement's date is used")
    instant = at_close(reading.date) if close else start_of_day(reading.date)
    return EffectiveTime(instant, words, approximate, reading.problem)


def find_effective(
    text: str,
    *,
    default: pendulum.Date | None = None,
    defined: Mapping[str, EffectiveTime] | None = None,
) -> EffectiveTime:
    """The effective time an instruction's words state.

    Args:
        text: the instruction's words.
        default: the supplement's date: the time of "Effective immediately"
            and of instructions that state no time.
        defined: instants earlier phrases named ("Transition Date"), by name
            in lower case.
    """
    # The instruction's words are read by other rules too: made once (_targets.words_of).
    words = words_of(_straight(tidy(text)))
    for match in grammar.EFFECTIVE.finditer(words):
        time = _read_phrase(match, default, defined or {})
        if time is not None:
            return time
    opening = grammar.OPENING.match(words)
    if opening is not None:
        time = _read_phrase(opening, default, defined or {})
        if time is not None:
            return time
    return _default(default)


def news_time(text: str) -> EffectiveTime:
    """The time news states for the change it announces: an effective phrase, else the
    first time it states anywhere (:data:`~.grammar.times.NEWS`)."""
    time = find_effective(text)
    if time.words:
        return time
    words = Words(_straight(tidy(text)))
    for match in grammar.NEWS.finditer(words):
        found = _read_phrase(match, None, {})
        if found is not None:
            return found
    return time


def _group(match: Hit, name: str) -> str | None:
    return match[name] if match.has(name) else None


def _read_phrase(
    match: Hit, default: pendulum.Date | None, defined: Mapping[str, EffectiveTime]
) -> EffectiveTime | None:
    found = match.text.rstrip(",")
    if _group(match, "immediately"):
        return _default(default, found)
    close_date = _group(match, "close_date")
    if close_date:
        return _dated(found, close_date, close=True, approximate=False, default=default)
    about_date = _group(match, "about_date")
    if about_date:
        return _dated(found, about_date, close=False, approximate=True, default=default)
    date = _group(match, "date")
    if date:
        return _dated(found, date, close=False, approximate=False, default=default)
    if _group(match, "that"):
        # "At a meeting held on June 17, 2025, ... The following changes are made, effective
        # as of that date:": the last date stated before.
        before = defined.get(LAST_DATE)
        return attrs.evolve(before, words=found) if before is not None else None
    term = _group(match, "term")
    # A defined term is printed with a capital ("the Closing Date"); an event by its noun
    # ("upon the reorganization"), which a date given for it defines.
    if term and (term[0].isupper() or term.lower().startswith(_EVENT_NOUNS)):
        for name, time in defined.items():
            if term.lower().startswith(name):
                stop = match.start("term") - match.start() + len(name)
                return attrs.evolve(time, words=found[:stop])
    return None


_EVENT_NOUNS = tuple(EVENTS)


def _singular(noun: str) -> str:
    """An event's noun in the singular, which its plural starts with."""
    return noun[:-1] if noun.endswith("s") and noun[:-1] in EVENTS else noun


# Where a definition or an event's date may be: the rules are run on the words around
# these only (a long paragraph holds one or two, and scanning all of it costs more).
_DEFINES = re.compile(grammar.DEFINES)
_EVENT_WORD = re.compile(grammar.EXPECTED)
# What stands before each mark: a date's last figure right before a definition ("May 1,
# 2020 (the "Closing Date")"), an event's noun before "expected".
_DATE_ENDS = re.compile(r"\d,? ?$")
_EVENT_NOUN = re.compile(rf"\b{alt(with_plurals(EVENTS))}\b")
_DEFINED_BEFORE = 260
_EVENT_BEFORE = 200
_AFTER = 240


def _near(
    rule: Rule[str],
    words: Words,
    marks: re.Pattern[str],
    *,
    before: int,
    after: int,
    needs: re.Pattern[str],
) -> list[Hit]:
    """The matches of ``rule`` in windows of ``words`` around each of ``marks`` whose words
    before the mark hold ``needs``, in order, each once."""
    if not rule.may_match(words):
        return []
    hits: dict[tuple[int, int], Hit] = {}
    for mark in marks.finditer(words.lower):
        start = max(mark.start() - before, 0)
        if not needs.search(words.lower, start, mark.start()):
            continue
        for hit in rule.finditer(words.slice(start, mark.end() + after)):
            hits.setdefault((start + hit.start(), start + hit.end()), hit)
    return [hits[key] for key in sorted(hits)]


@memo
def defined_times(text: str, *, default: pendulum.Date | None = None) -> dict[str, EffectiveTime]:
    """Instants ``text`` names.

    'Effective as of the close of business on August 7, 2008 (the "Transition
    Date")' gives ``{"transition date": <16:00 on August 7, 2008>}``.
    """
    found: dict[str, EffectiveTime] = {}
    if "(" not in text and not _EVENT_WORD.search(text.lower()):
        return found  # neither a definition nor an event's date can be here
    words = Words(_straight(tidy(text)))
    events = _near(
        grammar.EVENT, words, _EVENT_WORD, before=_EVENT_BEFORE, after=_AFTER, needs=_EVENT_NOUN
    )
    for event in events:
        when = event["when"] or ""
        time = find_effective(f"effective {when}", default=default)
        if time.instant is not None and time.problem is None:
            found[_singular(event.low("term"))] = attrs.evolve(time, words=when)
    definitions = _near(
        grammar.DEFINITION, words, _DEFINES, before=_DEFINED_BEFORE, after=_AFTER, needs=_DATE_ENDS
    )
    for match in definitions:
        when = match["when"] or ""
        # "on or about May 1, 2020" reads as the effective phrase it stands for.
        stated = when if when.lower().startswith("effective") else f"effective {when}"
        time = find_effective(stated, default=default)
        if time.instant is not None and time.problem is None:
            found[match.low("term")] = attrs.evolve(time, words=when)
    return found
