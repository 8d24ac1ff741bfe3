"""Text tests the parser runs on every line: a faster equivalent of
:func:`prospectus_ledger._text.clean_text`, and lengths."""

from __future__ import annotations

import unicodedata

from .._text import without_invisible
from ._memo import memo

__all__ = ["collapsed_length", "tidy"]


@memo
def tidy(text: str) -> str:
    """``clean_text(text)``: invisible characters removed, white space collapsed.

    Remembered per filing: the parser tidies the same lines and paragraphs over and
    over (a line three or four times on average), and looking one up costs a fraction
    of reading it again.

    ``str.split()`` splits on exactly the characters the regular expression
    ``\\s`` matches (both use Python's ``isspace``), and is several times faster
    on the short strings the parser cleans over and over.
    """
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = without_invisible(text)
    # _collapsed(), spelled out: this runs tens of thousands of times a filing.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _collapsed(text: str) -> bool:
    """Whether ``text`` holds no white space but single spaces between words.

    Every white-space character but the space is unprintable: most lines pass
    this test, which runs in C without building a list of words.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def collapsed_length(text: str) -> int:
    """``len(" ".join(text.split()))``: the length with white space collapsed."""
    return len(text) if _collapsed(text) else len(" ".join(text.split()))
