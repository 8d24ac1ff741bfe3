"""Heading normalisation, path splitting and sentence splitting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospectus_ledger import heading_key, split_heading_path
from prospectus_ledger._text import clean_text, closest, split_sentences, words


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Principal Investment Strategy", "principal  investment\nSTRATEGY"),
        ("Fund\u2019s Investments", "Fund's Investments"),
        ("\u201cPrincipal Risks\u201d", '"Principal Risks"'),
        ("Broker-Defined Sales Charge", "Broker\u2013Defined Sales Charge"),
        ("Delaware Value\u00ae Fund", "Delaware Value Fund"),
        ("Delaware Value\u200b\u00ae Fund", "Delaware Value Fund"),
        ("Investment manager:", "Investment Manager"),
        ("Portfolio Managers - Description", "Portfolio Managers\u2014Description"),
        ("Shares\u00a0Offered", "Shares Offered"),
    ],
)
def test_headings_match_regardless_of_case_space_quotes_dashes(left: str, right: str) -> None:
    assert heading_key(left) == heading_key(right)


def test_different_headings_differ() -> None:
    assert heading_key("Principal Risks") != heading_key("Principal Risk Factors")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "MANAGEMENT  - The  Advisers  - Dreman  Value  Management,  LLC",
            ("MANAGEMENT", "The Advisers", "Dreman Value Management, LLC"),
        ),
        ("MANAGEMENT--The Advisers--Dreman", ("MANAGEMENT", "The Advisers", "Dreman")),
        (
            "Portfolio Managers\u2014Description of Conflicts",
            ("Portfolio Managers", "Description of Conflicts"),
        ),
        (
            "Purchasing Shares \u2014General Information",
            ("Purchasing Shares", "General Information"),
        ),
        (
            "Section 1 \u2013 Portfolio Summaries \u2013 Fund",
            ("Section 1", "Portfolio Summaries", "Fund"),
        ),
        ("Dreman Small-Cap Value Portfolio", ("Dreman Small-Cap Value Portfolio",)),
        (("A - B", "C"), ("A - B", "C")),
        ("\u201cPrincipal Risks\u201d", ("Principal Risks",)),
        (("  Example  Fund ", "", '""', "Principal\tRisks"), ("Example Fund", "Principal Risks")),
    ],
)
def test_split_heading_path(path: str | tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert split_heading_path(path) == expected


def test_clean_text_drops_invisible_characters_and_collapses_space() -> None:
    assert clean_text(" a\u200b b\u00a0\n c ") == "a b c"


def test_closest_ranks_similar_headings_first() -> None:
    choices = ["Principal Risks", "Principal Investment Strategy", "Management"]
    assert closest("Principal Investment Strategies", choices)[0] == "Principal Investment Strategy"
    assert closest("zzz", choices) == []


def test_split_sentences_respects_abbreviations() -> None:
    text = (
        "Mr. Hoover joined Dreman Value Management, L.P. in 2006. "
        "He manages U.S. stocks, e.g. banks. Done!"
    )
    assert split_sentences(text) == [
        "Mr. Hoover joined Dreman Value Management, L.P. in 2006.",
        "He manages U.S. stocks, e.g. banks.",
        "Done!",
    ]


@given(
    st.lists(
        st.sampled_from(["Alpha beta.", "Gamma delta!", "Mr. Smith said so.", "It is 5.5% now."]),
        max_size=6,
    )
)
def test_split_sentences_keeps_every_word(parts: list[str]) -> None:
    text = " ".join(parts)
    assert " ".join(split_sentences(text)) == clean_text(text)
    assert words(" ".join(split_sentences(text))) == words(text)
