"""Sentences that give two instructions, and changes described in words; each from at
least two fund families (the labelled filings, and short examples modelled on them)."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import (
    DeleteSection,
    InsertBlocks,
    Notice,
    ReplaceBlock,
    SubstituteText,
)
from prospectus_ledger.parsing import parse_filing, recognise
from prospectus_ledger.parsing._paragraphs import split_clauses
from prospectus_ledger.provenance import Source
from prospectus_ledger.supplement import Amendment

from .labelled import amendments


def _paths(found: list[Amendment]) -> list[tuple[str, tuple[str, ...]]]:
    read: list[tuple[str, tuple[str, ...]]] = []
    for amendment in found:
        target = getattr(amendment.operation, "target", None)
        read.append((type(amendment.operation).__name__, target.path if target else ()))
    return read


# -- two instructions in one sentence -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # J.P. Morgan: a deletion under a place, then an addition "to the section".
        (
            "The \u201cSignificant Holding Risk\u201d disclosure will be deleted under "
            "\u201cRisk/Return Summary \u2014 The Fund\u2019s Main Investment Risks\u201d and the "
            "following risk factor will be added to the section:",
            (
                "delete_section",
                (
                    "Risk/Return Summary",
                    "The Fund\u2019s Main Investment Risks",
                    "Significant Holding Risk",
                ),
            ),
            ("insert_blocks", ("Risk/Return Summary", "The Fund\u2019s Main Investment Risks")),
        ),
        # "... will no longer be applicable to the Fund and the following ... will be added".
        (
            "In addition, \u201cSignificant Holding Risk\u201d disclosure in the \u201cMore About "
            "the Funds \u2014 Investment Risks\u201d will no longer be applicable to the Fund and "
            "the following risk factor will be added to the risk table and in the section.",
            (
                "delete_section",
                ("More About the Funds", "Investment Risks", "Significant Holding Risk"),
            ),
            ("insert_blocks", ("More About the Funds", "Investment Risks")),
        ),
        # Another family's wording: "removed from ... and the following will be inserted".
        (
            "The \u201cPortfolio Turnover\u201d sub-section will be removed from the \u201cFund "
            "Summary\u201d section and the following will be inserted in the section:",
            ("delete_section", ("Fund Summary", "Portfolio Turnover")),
            ("insert_blocks", ("Fund Summary",)),
        ),
    ],
)
def test_a_deletion_and_an_addition_in_one_sentence(
    text: str, first: tuple[str, tuple[str, ...]], second: tuple[str, tuple[str, ...]]
) -> None:
    parts = split_clauses(text)
    assert parts is not None
    deleted = recognise(parts[0])
    assert (deleted.action, deleted.path) == first
    # "the section" is the one that holds the part the first clause deletes.
    added = recognise(parts[1], place=second[1])
    assert (added.action, added.path) == second
    assert parts[1][0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        # One replacement, not two instructions.
        'The "Liquidity Risk" paragraph is deleted and the following is added in its place:',
        'The section "Fees" is deleted in its entirety and replaced with the following:',
        # Two places of one instruction.
        'The following is added to the "Fees" section and to the "Expenses" section:',
        # Nothing after "and" that acts.
        'The "Fees" and "Expenses" sections are deleted.',
    ],
)
def test_one_instruction_is_not_cut(text: str) -> None:
    assert split_clauses(text) is None


def test_jpmorgan_filing_reads_each_clause() -> None:
    # d882709d497k.htm: two sentences with a deletion and an addition each; the added
    # risk factor is the text after each sentence.
    found = amendments("d882709d497k")
    read = _paths(found)
    held = ("Risk/Return Summary", "The Fund\u2019s Main Investment Risks")
    assert ("DeleteSection", (*held, "Significant Holding Risk")) in read
    assert ("InsertBlocks", held) in read
    more = ("More About the Funds", "Investment Risks")
    assert ("DeleteSection", (*more, "Significant Holding Risk")) in read
    assert ("InsertBlocks", more) in read
    inserted = [a for a in found if isinstance(a.operation, InsertBlocks)]
    assert any("Non-Diversified Fund Risk" in a.operation.text for a in inserted)


def test_a_replacement_and_a_described_removal_in_one_sentence() -> None:
    # Invesco (tm2517463d16_497k.htm): "The following information replaces the first
    # sentence ..., and information in this section regarding ... China is removed:" -- the
    # replacement takes the text after the sentence; the removal is a notice in its place.
    found = amendments("tm2517463d16_497k")
    china = [
        a
        for a in found
        if "China is removed" in a.words or "first sentence in the description" in a.words
    ]
    kinds = {type(a.operation) for a in china}
    assert Notice in kinds
    assert ReplaceBlock in kinds
    (notice,) = [a for a in china if isinstance(a.operation, Notice)]
    assert notice.diagnostic is not None
    assert "describes the change" in notice.diagnostic
    (replaced,) = [a for a in china if isinstance(a.operation, ReplaceBlock)]
    assert "excluding China" in replaced.operation.text
    # Another family's wording of the same shape, in a whole filing.
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        "The following replaces the second paragraph under \u201cFees\u201d, and information "
        "in this section regarding Class B shares is deleted:\n\n"
        "The Fund charges no sales load on Class A shares.\n"
    )
    (supplement,) = parse_filing(text, Source(name="x.txt"))
    operations = [a.operation for a in supplement.amendments]
    assert [type(op) for op in operations] == [Notice, ReplaceBlock]
    assert operations[1].target.path == ("Fees",)  # type: ignore[union-attr]
    assert operations[1].text == "The Fund charges no sales load on Class A shares."


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # Putnam: "The section X, as well as all references to Appendix A, are deleted".
        (
            "The section Appendix A - Supplemental Performance Information, as well as all "
            "references to Appendix A, are deleted from the prospectus in light of a change in "
            "Putnam Management's prior expectation.",
            ("delete_section", ("Appendix A - Supplemental Performance Information",)),
            ("substitute", ()),
        ),
        (
            "The \u201cFees\u201d section, as well as the footnote to the fee table, is deleted in "
            "its entirety.",
            ("delete_section", ("Fees",)),
            ("delete_block", ()),
        ),
    ],
)
def test_two_subjects_of_one_verb(
    text: str, first: tuple[str, tuple[str, ...]], second: tuple[str, tuple[str, ...]]
) -> None:
    parts = split_clauses(text)
    assert parts is not None
    one, other = (recognise(words) for words in parts)
    assert (one.action, one.path) == first
    assert (other.action, other.path) == second


def test_putnam_filing_deletes_the_appendix_and_its_references() -> None:
    found = amendments("a_absretnsupp")
    deleted = [a.operation for a in found if isinstance(a.operation, DeleteSection)]
    assert [op.target.path for op in deleted] == [
        ("Appendix A - Supplemental Performance Information",)
    ]
    words = [a.operation for a in found if isinstance(a.operation, SubstituteText)]
    assert [(op.old, op.new, op.target) for op in words] == [("Appendix A", "", None)]


# -- changes described in words ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Invesco.
        "The descriptions of Invesco Developing Markets Fund and Invesco EQV Emerging Markets "
        "All Cap Fund in the \u201cObjective(s) and Strategies\u201d section are revised to remove "
        "information related to each Fund's respective investment in issuers that have "
        "above-average earnings growth.",
        "The section entitled \u201cInvestment Policies\u201d is amended to delete information "
        "regarding the Fund\u2019s use of derivatives.",
        "Information relating to Mr. Jones under \u201cPortfolio Managers\u201d is removed.",
        # First Trust (corrected label): "revised to denote that".
        "The table in the section entitled \u201cGeneral Description of the Trust and the Funds"
        "\u201d is hereby revised to denote that the Fund is diversified.",
    ],
)
def test_a_change_described_in_words_is_a_notice(text: str) -> None:
    found = recognise(text)
    assert found.described
    assert found.action == "unknown"
    assert not found.takes_content


def test_a_named_part_that_no_longer_applies_is_deleted() -> None:
    found = recognise(
        "The \u201cConcentration Risk\u201d paragraph in the \u201cMain Risks\u201d section "
        "will no longer apply to the Fund."
    )
    assert (found.action, found.path) == ("delete_section", ("Main Risks", "Concentration Risk"))
    # Words that name no part stay news (the first corpus labels them notices).
    assert recognise("References to Ms. Sharpe are no longer applicable.").action == "announcement"
