"""The effective-time grammar: how an instruction says when it takes effect.

:data:`EFFECTIVE` reads "effective ..." phrases, :data:`OPENING` the phrases
that open an instruction and state a time without the word ("As of May 22,
2007, ...", "On or about ..."), :data:`DEFINITION` a defined instant
('... on August 7, 2008 (the "Transition Date")').  The named group that
took part says what was read:

* ``immediately`` -- the supplement's date;
* ``close`` with ``close_date`` -- 16:00 that day (the exchange's close);
* ``about`` with ``about_date`` -- that day, approximate;
* ``date`` -- 00:00 that day;
* ``term`` -- the instant an earlier definition gave that name;
* ``that`` -- "effective as of that date": the last date the text before it gave.
"""

from __future__ import annotations

from ._engine import Rule
from .vocabulary import EVENTS, EXCHANGE_NAMES, MONTHS, alt, with_plurals

__all__ = [
    "CLOSE",
    "DATE",
    "DEFINES",
    "DEFINITION",
    "EFFECTIVE",
    "EVENT",
    "EXPECTED",
    "MONTH",
    "NEWS",
    "OPENING",
    "TERM",
]

MONTH = alt(MONTHS) + r"\.?"
"""A month's name or abbreviation ("may", "sept.")."""
DATE = (
    rf"(?:\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? ?\d{{3,4}}\b"
    r"|\b\d{1,2}(?:-\d{1,2}-|/\d{1,2}/|\u2013\d{1,2}\u2013)(?:\d{4}|\d{2})\b)"
)
"""A date in words ("may 22, 2007", "feb. 27, 2012") or digits ("3-25-2009", "11/15/12",
"5\u201325\u201312" with en dashes), lower case."""

_EXCHANGE = rf"{alt(EXCHANGE_NAMES)}(?: \([^()]{{0,30}}\))?"
CLOSE = (
    r"(?:(?:at|as of|after|upon|on|following|from|with) )?the close of (?:regular )?"
    rf"(?:(?:business|trading)(?: (?:on|of) the {_EXCHANGE})?|the {_EXCHANGE}) on "
)
"""The close of business or of the exchange on a day ("at the close of the NYSE on ")."""
TERM = r"[a-z][a-z-]{1,30}(?: [a-z][a-z-]{1,30}){0,3}"
"""A defined term's words ("Transition Date"); it must be printed with a capital."""

_IMMEDIATELY = r"immediately|upon (?:receipt|filing)|as of the date (?:of this supplement|hereof)"

EFFECTIVE = Rule(
    "effective ...",
    r"\beffective,? "
    rf"(?:(?P<immediately>{_IMMEDIATELY})"
    rf"|(?P<close>{CLOSE})(?P<close_date>{DATE})"
    rf"|(?P<about>on or about |as of or about )(?P<about_date>{DATE})"
    rf"|(?P<on>on |as of |from |beginning |starting |with )?(?P<date>{DATE})"
    r"|(?P<that>(?:as of |on |from )?(?:that|such|the same) date)"
    rf"|(?:as of |on |from |upon )?the (?P<term>{TERM}))",
    "effective",
)
"""'Effective on May 22, 2007', 'effective immediately', 'effective as of the Closing Date'."""

OPENING = Rule(
    "opening time",
    # After an item number and up to two short opening clauses ("In connection with this
    # change, as of the Effective Date, ...").
    r"^(?:[\w.()]{1,6} )?(?:[^,.:;\"]{1,60}, ){0,2}"
    rf"(?:(?P<about>on or about )(?P<about_date>{DATE})"
    rf"|(?:as of|beginning|starting|from|on or after|on)(?: on)? (?P<date>{DATE})"
    rf"|(?P<close>{CLOSE})(?P<close_date>{DATE})"
    rf"|(?:on|as of|from|beginning on|after|upon) the (?P<term>{TERM}))",
    "opening",
)
"""A time that opens an instruction without the word "effective": "As of May 22, 2007,",
"On July 31, 2024, in the ... section, delete ...", "In addition, on or about ...", "In
connection with this change, as of the Closing Date,"."""

NEWS = Rule(
    "a time news states",
    rf"(?P<close>{CLOSE})(?P<close_date>{DATE})"
    rf"|\b(?:on or after|beginning on|beginning|starting on|starting|as of) (?P<date>{DATE})",
    "news",
)
"""A time stated anywhere in news ("All purchases ... made on or after September 15, 2006,
will be subject to ...", "After the close of business on September 30, 2005, Vanguard
will begin ..."): when the supplement gives no date, the time of the change it announces."""

DEFINES = r"\((?:the |each, the |collectively, the )?\""
"""How a definition opens: '(the "', '(each, the "'."""
EXPECTED = r"\b(?:expected|anticipated|scheduled|planned|proposed)\b"
"""The words an event's date follows ("expected to occur on ...")."""

DEFINITION = Rule(
    "defined instant",
    rf"(?P<when>(?:\beffective,? (?:[^\"()]{{0,120}}? )?)?(?:(?:{CLOSE})|on or about "
    rf"|as of or about |on or after |on |as of |from |beginning |starting )?{DATE}),? "
    rf"{DEFINES}(?P<term>[^\"]{{1,40}})\"\)",
    "definition",
)
"""'Effective as of the close of business on August 7, 2008 (the "Transition Date")', 'on or
about May 1, 2020 (the "Closing Date")'."""

EVENT = Rule(
    "an event's date",
    rf"\bthe (?P<term>{alt(with_plurals(EVENTS))})\b[^.]{{0,120}}? (?:is|are|will be|has been)"
    rf" (?:currently |now )?{EXPECTED} to (?:occur|close"
    r"|take place|be completed|be consummated|be effective|become effective|happen)"
    rf"[^.]{{0,40}}? (?P<when>(?:{CLOSE}|on or about |on or after |as of |on )?{DATE})",
    "event",
)
"""'the reorganizations are expected to occur on or about September 23, 2005': the date
that "effective upon the reorganization" stands for (the term: the event's noun)."""
