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

import attrs

from .._text import clean_text, heading_key, split_heading_path

_DOUBLE_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
)
# Single quotes (straight or curly) used as quotes: 'Principal Investment Strategy'.
_SINGLE_QUOTED = re.compile(
    r"(?<![\w])[\u2018'](?=[A-Z])([^\u2018\u2019'\"]{1,200})[\u2019'](?![\w])"
)
_QUOTED = re.compile(r'"([^"]{1,200})"')

_SUBSECTION_OF = re.compile(
    r"\bsub-?(?:section|heading) (?:entitled |captioned |titled |called )?"
    r'"(?P<child>[^"]{1,200})",? '
    r"(?:of|in|beneath|under|within) the (?:main )?(?:section|heading|caption) "
    r'(?:entitled |captioned |titled |called )?"(?P<parent>[^"]{1,200})"',
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"\b(?:heading|sub-?heading|caption|section|sub-?section|entitled|captioned|titled|called)"
    r'(?: entitled| captioned| titled)?,? "(?P<heading>[^"]{1,200})"',
    re.IGNORECASE,
)
_UNDER = re.compile(r'\b(?:under|beneath)(?: the)? "(?P<heading>[^"]{1,200})"', re.IGNORECASE)
_BEFORE_NOUN = re.compile(
    r'"(?P<heading>[^"]{1,200})" (?:section|sub-?section|heading|sub-?heading|caption)s?\b',
    re.IGNORECASE,
)
_REPLACES_QUOTED = re.compile(
    r'\b(?:replaces|supersedes)(?: in (?:its|their) entirety)? (?:the )?"(?P<heading>[^"]{1,200})"',
    re.IGNORECASE,
)
_APPENDIX = re.compile(
    r'\b(?:in|to|of|under|within) (?:the )?(?:"(?P<quoted>appendix\b[^"]{0,200})"'
    r"|(?P<bare>appendix [A-Z0-9]{1,4}\b))",
    re.IGNORECASE,
)
_CAPS_SECTION = re.compile(r"\bthe (?P<heading>[A-Z][A-Z0-9,&'/ -]{2,80}) section\b")
_STRUCTURE_WORD = re.compile(
    r"\b(?:heading|caption|section|sub-?section|entitled|captioned)\b", re.IGNORECASE
)
_WITH_RESPECT = re.compile(
    r"\b(?:with respect to|as it relates to|regarding|relating to|for) (?:the |each of the )?"
    r"(?P<name>[^,.;:()\"]{3,120})",
    re.IGNORECASE,
)
_MIN_PREFIX = 5
_PORTFOLIO_WORD = re.compile(r"\b(?:Portfolio|Fund)$", re.IGNORECASE)

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "last": -1,
    "final": -1,
    "second to last": -2,
    "next to last": -2,
    "penultimate": -2,
}
ORDINAL = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"


def normalise(text: str) -> str:
    """Collapse white space and make every double quote (and quoting single quote) ``"``."""
    text = clean_text(text).translate(_DOUBLE_QUOTES)
    return _SINGLE_QUOTED.sub(r'"\1"', text)


def unquoted(text: str) -> str:
    """``text`` with quoted parts blanked out (for looking at the instruction's own words)."""
    return _QUOTED.sub('""', text)


def _path(heading: str) -> tuple[str, ...]:
    return tuple(part.rstrip(",;:") for part in split_heading_path(heading.strip().rstrip(",;:")))


@attrs.frozen
class SectionRef:
    """A section an instruction names, and where in the text it was named."""

    path: tuple[str, ...]
    start: int
    end: int


def section_ref(text: str) -> SectionRef | None:
    """The section a normalised instruction names, outermost heading first."""
    nested = _SUBSECTION_OF.search(text)
    if nested is not None:
        path = _path(nested.group("parent")) + _path(nested.group("child"))
        return SectionRef(path, nested.start(), nested.end())
    candidates = [
        match
        for pattern in (_NAMED, _BEFORE_NOUN, _REPLACES_QUOTED, _UNDER)
        for match in [pattern.search(text)]
        if match is not None
    ]
    if candidates:
        first = min(candidates, key=lambda match: match.start())
        return SectionRef(_path(first.group("heading")), first.start(), first.end())
    appendix = _APPENDIX.search(text)
    if appendix is not None:
        heading = appendix.group("quoted") or appendix.group("bare")
        return SectionRef(_path(heading), appendix.start(), appendix.end())
    caps = _CAPS_SECTION.search(text)
    if caps is not None:
        return SectionRef(_path(caps.group("heading")), caps.start(), caps.end())
    quoted = list(_QUOTED.finditer(text))
    if len(quoted) == 1 and _STRUCTURE_WORD.search(text):
        return SectionRef(_path(quoted[0].group(1)), quoted[0].start(), quoted[0].end())
    return None


def named_portfolio(text: str, portfolios: Sequence[str]) -> str | None:
    """The portfolio a "with respect to X" (or "regarding", "for") phrase names.

    The name is returned as the supplement's header prints it when it is one
    of ``portfolios`` (or the start of one: corpus texts can be cut short),
    else as the instruction prints it when it ends in "Portfolio" or "Fund".
    """
    keys = {heading_key(name): name for name in portfolios}
    for match in _WITH_RESPECT.finditer(text):
        name = match.group("name").strip()
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
    return None
