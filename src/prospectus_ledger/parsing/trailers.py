"""The lines that close a supplement: "Date: May 31, 2007", "The date of this
Supplement is July 16, 1999.", "Supplement dated September 13, 2001", "Please
retain this supplement for future reference" (perhaps with a date), form codes
("MEPS", "SUP-0407", "72808 6/01", "st-CRPS").

A trailer ends the instruction before it; its words are recognised, not lost.
Form codes look like any short upper-case line, so they count only at the
very end of a supplement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pendulum

from ._dates import DATE_SEARCH, is_date_only, read_date
from ._memo import memo
from ._tidy import collapsed_length, tidy
from .grammar import Gate, Words
from .grammar import supplements as grammar

__all__ = ["closing_date", "is_form_code", "is_trailer", "trailer_date"]


# "SUP-0407", "PS309/402-3600", and DWS's lower-case prefixes ("st-CRPS").
_CODE_TOKEN = re.compile(r"^(?:[A-Z0-9][A-Z0-9/&.\-()#]{0,19}|[a-z]{1,4}-[A-Za-z0-9]{1,12})$")
_MAX_RETAIN = 250
_SENTENCE_END = (".", "!", "?", ".)", '."', ".\u201d")
_MAX_CODE = 48
# What a closing line's rules need: a line with none of it is no closing line.
_CLOSING = Gate(
    [
        grammar.DATE_LINE,
        grammar.SUPPLEMENT_DATED_LINE,
        grammar.DATE_OF_SUPPLEMENT,
        grammar.RETAIN,
    ]
)


def trailer_date(text: str) -> pendulum.Date | None:
    """The date a closing line gives: "Date: May 31, 2007", "June 2, 2003   MEPS"."""
    if len(text) > 4 * _MAX_RETAIN:
        return None
    words = tidy(text)
    read = Words(words)
    match = (
        grammar.DATE_LINE.match(read)
        or grammar.DATE_OF_SUPPLEMENT.match(read)
        or grammar.SUPPLEMENT_DATED_LINE.match(read)
    )
    if match:
        return read_date(match["date"] or "").date
    if len(read) <= _MAX_RETAIN and grammar.RETAIN.found(read):
        # "... for Future Reference March 11, 2019": a date printed with the legend.
        edge = grammar.EDGE_DATE.search(read)
        return read_date(edge["first"] or edge["last"] or "").date if edge else None
    if is_form_code(words):
        dated = DATE_SEARCH.search(words)
        return read_date(dated.group(0)).date if dated else None
    return None


@memo
def is_trailer(text: str) -> bool:
    """Whether a paragraph is a closing line: "Date: ..." or "retain for future reference"."""
    if len(text) > 4 * _MAX_RETAIN or (
        len(text) > _MAX_RETAIN and collapsed_length(text) > _MAX_RETAIN
    ):
        return False
    words = tidy(text)
    if not _CLOSING.may_match(words):
        return False  # none of a closing line's words: most paragraphs
    read = Words(words)
    if grammar.DATE_LINE.match(read) or grammar.SUPPLEMENT_DATED_LINE.match(read):
        return True
    stated = grammar.DATE_OF_SUPPLEMENT.match(read)
    if stated is not None:
        # What follows the date may only be a form number: "Form No. X76002-97".
        rest = (stated["rest"] or "").strip()
        return not rest or is_form_code(rest) or any(char.isdigit() for char in rest)
    return len(read) <= _MAX_RETAIN and grammar.RETAIN.found(read)


@memo
def is_form_code(text: str) -> bool:
    """Whether a short line is a form code or a date with one ("June 2, 2003  MEPS")."""
    if len(text) > 4 * _MAX_CODE:
        return False
    words = tidy(text)
    if not words or len(words) > _MAX_CODE:
        return False
    dated = DATE_SEARCH.search(words)
    rest = (words[: dated.start()] + " " + words[dated.end() :]).strip() if dated else words
    tokens = rest.split()
    if not tokens:
        return dated is not None
    if not all(_CODE_TOKEN.match(token) for token in tokens):
        return False
    return any(char.isdigit() for char in rest) or len(rest) <= 10


def closing_date(texts: Sequence[str]) -> pendulum.Date | None:
    """The supplement's date printed among its body's paragraphs ``texts``, for a
    supplement whose title, intro and trailer give none.

    "The date of this Supplement is November 19, 2002." inside a paragraph (text whose
    line breaks were lost); else the first closing line left among the instructions'
    text: a date alone after a sentence that ends ("November 15, 2011" after a fund's
    section, "July 14, 2025" before the distributor's address) or above a form code
    ("July 20, 2006" / "st-CRPS"), or a date with a form code ("June 9, 2006 st-VBF"
    before a page break).
    """
    for text in texts:
        # Most paragraphs name no supplement: answered before their words are read.
        if "upplement" in text or "UPPLEMENT" in text:
            found = grammar.DATE_OF_SUPPLEMENT_SENTENCE.search(Words(tidy(text)))
            if found is not None:
                return read_date(found["date"] or "").date
    for index, text in enumerate(texts):
        if len(text) > 4 * _MAX_CODE:
            continue
        words = tidy(text)
        if is_date_only(words):
            # After a sentence that ends, or above a form code ("July 20, 2006" / "st-CRPS"):
            # not a date in a list of funds and dates.
            before = texts[index - 1].rstrip() if index else ""
            after = texts[index + 1] if index + 1 < len(texts) else ""
            coded = is_form_code(after) and any(char.isdigit() or char == "-" for char in after)
            day = read_date(words).date if before.endswith(_SENTENCE_END) or coded else None
        elif is_form_code(words) and (dated := DATE_SEARCH.search(words)) is not None:
            day = read_date(dated.group(0)).date
        else:
            continue
        if day is not None:
            return day
    return None
