"""The no-word-lost check: every word of a filing must be somewhere in its parse."""

from __future__ import annotations

import re
from collections import Counter

from prospectus_ledger._text import clean_text
from prospectus_ledger.parsing import FilingSupplements

# Markup that carries no words: SGML tags (<PAGE>, <TABLE>, <S>, <C>, ...).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}>")
# Bullet markers at the start of a line: "o ", "•", "-", "*", "|n".
_BULLET = re.compile(r"^( *)(?:o|\u2022|\u00b7|\u25aa|\u25a0|\*|-|\|[nlq]|\.)(?= |$)", re.MULTILINE)


def _is_word(token: str) -> bool:
    return any(char.isalnum() for char in token)


# A "|" opening a line marks a table cell in text flattened from HTML.
_CELL = re.compile(r"^\|", re.MULTILINE)


# "as follows:Fees and Expenses": a colon glued to the next word separates two words
# (the parser splits an instruction from its text there).
_GLUED = re.compile(r":(?=[A-Z])")


def input_words(text: str) -> Counter[str]:
    """The words of a plain-text filing, markup and bullet markers left out."""
    text = _GLUED.sub(": ", _CELL.sub(" ", _BULLET.sub(r"\1 ", _TAG.sub(" ", text))))
    return Counter(token for token in clean_text(text).split(" ") if _is_word(token))


def output_words(parsed: FilingSupplements) -> Counter[str]:
    """The words of everything the parse kept."""
    counter: Counter[str] = Counter()
    for supplement in parsed.supplements:
        for text in supplement.kept_text():
            counter.update(token for token in clean_text(text).split(" ") if _is_word(token))
    return counter


def lost_words(text: str, parsed: FilingSupplements) -> Counter[str]:
    """Words of the input that the parse does not account for (empty when none is lost)."""
    return input_words(text) - output_words(parsed)
