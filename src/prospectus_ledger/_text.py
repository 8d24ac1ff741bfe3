"""Text normalisation shared by headings, lookups and the parser."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

# Characters that carry no meaning for matching: zero-width spaces and joiners,
# soft hyphens, byte-order marks, and the registered/trademark signs that some
# filings print after fund names ("Delaware Value® Fund").
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_MARKS = dict.fromkeys(map(ord, "\u00ae\u2122\u2120\u00a9"), None)
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
)
_SPACE_RUN = re.compile(r"\s+")
_DEFINED_TERM = re.compile(r"\s*\((?:the )?\"[^\"()]{1,80}\"\)$")

# Separators between the headings of a path: "--", any en/em dash with or without
# spaces, or a hyphen with white space on both sides.  A bare hyphen is part of a
# word ("Small-Cap", "Broker-Defined") and never separates.
_PATH_SEPARATOR = re.compile(r"\s*(?:--+|[\u2012\u2013\u2014\u2015])\s*|\s+-\s+|\s+>\s+")


# Quotes around a heading in a query path ('"Principal Risks"') are not part of it.
_PATH_QUOTES = " \"'\u201c\u201d\u2018\u2019"
_NEEDS_SPACING = re.compile(r"[^\S ]| {2}")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE_CHARS}]+")


def without_invisible(text: str) -> str:
    """``text`` without zero-width characters, soft hyphens and byte-order marks."""
    # ``re`` scans non-ASCII text for a character class many times slower than
    # ``in`` looks for one character: test each first (most text holds none).
    for char in _INVISIBLE_CHARS:
        if char in text:
            return _INVISIBLE_RUN.sub("", text)
    return text


def clean_text(text: str) -> str:
    """Return ``text`` with invisible characters removed and white space collapsed.

    Quotes, dashes and case are kept: this is the form in which filing text is
    stored and shown.  (``\\s`` covers non-breaking spaces.)
    """
    # This runs on every line of every filing: skip the Unicode work when the
    # text is plain ASCII, which most EDGAR text is.
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = without_invisible(text)
    if _is_spaced(text):
        return text  # already clean: keep the same string object (memory)
    # str.split() splits on exactly what "\s" matches, faster than a substitution.
    return " ".join(text.split())


def _is_spaced(text: str) -> bool:
    """Whether ``text`` holds no white space but single spaces between words.

    Every white-space character but the space (``\\s``, ``str.isspace``) is a
    control or separator character, which ``str.isprintable`` rejects: that test
    and a search for two spaces run in C, several times faster than a regular
    expression, and answer for most lines; the rest go to the expression.
    """
    if text[:1] == " " or text[-1:] == " " or "  " in text:
        return False
    return text.isprintable() or _NEEDS_SPACING.search(text) is None


@functools.lru_cache(maxsize=65536)
def heading_key(heading: str) -> str:
    """Return the key under which two headings count as the same.

    Case, white space, curly or straight quotes, the dash family, invisible
    characters, trademark signs and trailing colons or full stops are ignored.
    """
    text = unicodedata.normalize("NFKC", heading).translate(_INVISIBLE).translate(_MARKS)
    text = text.translate(_QUOTES).translate(_DASHES).casefold()
    text = _SPACE_RUN.sub(" ", text).strip()
    # "Portfolio Managers - Description" and "Portfolio Managers-Description" are one heading.
    text = re.sub(r"\s*-\s*", "-", text)
    text = text.strip(" \"'").rstrip(":.;, ")
    # A defined term after a name is not part of the heading's identity:
    # 'Merrill Lynch ("Merrill"):' is the section a supplement calls "Merrill Lynch".
    text = _DEFINED_TERM.sub("", text)
    return text.rstrip(":.;, ").strip(" \"'")


def _may_separate(path: str) -> bool:
    """Whether a path holds a character every separator has: a hyphen, a dash, ">"."""
    # The pattern opens with "\\s*" and so tries every position: most headings hold
    # none of these characters, which ``in`` finds far faster.
    return any(char in path for char in "->\u2012\u2013\u2014\u2015")


def split_heading_path(path: str | Sequence[str]) -> tuple[str, ...]:
    """Split a heading path into its headings, outermost first.

    A string is split on the dash separators used in filings and in queries
    ("MANAGEMENT -- The Advisers -- Dreman", em dashes, " - "); a tuple or list
    is taken as already split.  Empty parts are dropped.
    """
    parts: Iterable[str]
    if isinstance(path, str):
        parts = _PATH_SEPARATOR.split(path) if _may_separate(path) else [path]
    else:
        parts = path
    headings = [_path_part(part) for part in parts]
    return tuple(heading for heading in headings if heading)


@functools.lru_cache(maxsize=16384)
def _path_part(part: str) -> str:
    """One heading of a path, cleaned; ``""`` for an empty one.

    Kept per heading: a job asks many paths built from the same few headings
    (each portfolio's "Principal Investment Strategy").
    """
    cleaned = clean_text(part)
    return cleaned.strip(_PATH_QUOTES) if cleaned else ""


def closest(wanted: str, choices: Iterable[str], *, limit: int = 5) -> list[str]:
    """Return up to ``limit`` of ``choices`` most like ``wanted`` (by heading key)."""
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(heading_key(choice), choice)
    keys = difflib.get_close_matches(heading_key(wanted), list(by_key), n=limit, cutoff=0.5)
    if not keys:
        wanted_key = heading_key(wanted)
        keys = [key for key in by_key if wanted_key in key or key in wanted_key][:limit]
    return [by_key[key] for key in keys]


# A sentence ends at ., ! or ? (optionally followed by closing quotes or brackets)
# before white space and a capital letter, digit or opening quote.  Common
# abbreviations in fund documents are not sentence ends.
_ABBREVIATIONS = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Jr",
    "Sr",
    "Inc",
    "Co",
    "Corp",
    "Ltd",
    "No",
    "St",
    "U.S",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "Nos",
    "Messrs",
    "L.P",
    "N.A",
)
# Letters with full stops between them ("L.L.C.", "S.A.", "U.S.A."): an abbreviation.
_WORD_BREAK = re.compile("[ \u2013\u2014]")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.){1,4}[A-Za-z]$")
# The match takes in the mark that ends the sentence: a pattern that opens with a
# character (not a look-behind) lets ``re`` skip ahead to the marks.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[A-Z0-9\"'\u201c\u2018(])")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping every character of it.

    Joining the result with single spaces gives back the cleaned paragraph.
    """
    text = clean_text(text)
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start() + 1]
        head = candidate.rstrip("\"'\u201d\u2019)]")
        # "Techniques—B. Other Risks": a label after a dash ends no sentence either.
        last_word = _WORD_BREAK.split(head)[-1].rstrip(".!?")
        if (
            last_word in _ABBREVIATIONS
            or (len(last_word) == 1 and last_word.isupper())
            or _INITIALS.match(last_word)
        ):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def words(text: str) -> list[str]:
    """Split text into words (white space separated), for redlines and counts."""
    return clean_text(text).split(" ") if clean_text(text) else []
