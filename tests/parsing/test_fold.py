"""The folded twins answer exactly as the case-insensitive patterns they stand for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import prospectus_ledger as pl
from prospectus_ledger.parsing import _fold

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "supplements.jsonl"


def _corpus_texts() -> list[str]:
    return [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def _patterns() -> list[re.Pattern[str]]:
    """Every pattern the parser sends through the twins (they register on first use)."""
    for text in _corpus_texts()[:40]:
        pl.parse_filing(text)
    return [entry.pattern for entry in list(_fold._ENTRIES.values())]


PATTERNS = _patterns()


def _same(found: re.Match[str] | None, expected: re.Match[str] | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return found.span() == expected.span() and found.groups() == expected.groups()


def _check(text: str) -> None:
    for pattern in PATTERNS:
        assert _same(_fold.search(pattern, text), pattern.search(text)), (pattern.pattern, text)
        found = [(m.span(), m.groups()) for m in _fold.finditer(pattern, text)]
        assert found == [(m.span(), m.groups()) for m in pattern.finditer(text)], pattern.pattern


def test_the_parser_uses_twins() -> None:
    twins = [entry for entry in _fold._ENTRIES.values() if entry.twin is not None]
    assert len(twins) >= 20


def _samples() -> list[str]:
    samples = []
    for text in _corpus_texts():
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        samples.extend(paragraphs[:8])
    return samples


@pytest.mark.parametrize("case", ["as-is", "upper", "swapped", "unfoldable"])
def test_twins_agree_with_the_patterns_on_corpus_paragraphs(case: str) -> None:
    for paragraph in _samples()[::3]:
        text = {
            "as-is": paragraph,
            "upper": paragraph.upper(),
            "swapped": paragraph.swapcase(),
            # Characters whose case folding breaks the twins' premise.
            "unfoldable": paragraph.replace("k", "\u212a").replace("s", "\u017f", 3),
        }[case]
        _check(text)


_ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:-\"'()\n",
        "\u2019",
        "\u201c",
        "\u201d",
        "\u2014",
        "\u00a0",
        "\u0130",
        "\u0131",
        "\u017f",
        "\u212a",
        "\u00e9",
        "\u00c9",
        "\u00df",
    ]
)
_WORDS = st.sampled_from(
    [
        "effective",
        "Effective",
        "EFFECTIVE",
        "immediately",
        "replaced",
        "deleted",
        "added",
        "amended",
        "supplement",
        "Supplement",
        "Prospectus",
        "SAI",
        "Statement of Additional Information",
        "dated",
        "heading",
        "section entitled",
        "under the heading",
        "the following",
        "is hereby",
        "in its entirety",
        "as of",
        "on or about",
        "close of business",
        "New York Stock Exchange",
        "May 1, 2007",
        "Fund",
        "Portfolio",
        "all references to",
        "Please retain this supplement",
        "paragraph",
        "sentence",
        "third",
        "last",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=6)), max_size=30))
def test_twins_agree_with_the_patterns_on_made_up_text(pieces: list[str]) -> None:
    _check(" ".join(pieces))
