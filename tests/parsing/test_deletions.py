"""Instructions that delete words wherever they stand, and instructions whose text is missing."""

from __future__ import annotations

import pytest

import prospectus_ledger as pl

HEADER = (
    "MET INVESTORS SERIES TRUST\n\nExample Portfolio\n\n"
    "SUPPLEMENT DATED MAY 1, 2009 TO PROSPECTUS DATED MAY 1, 2008\n\n"
)


def test_all_references_are_deleted_becomes_a_scoped_word_deletion() -> None:
    text = HEADER + (
        'II. In the section entitled "The Portfolios," under the subheadings '
        '"Management--The Manager," all references to Jason Kezelman are deleted.\n'
    )
    (supplement,) = pl.parse_filing(text)
    (amendment,) = [a for a in supplement.amendments if a.action == "delete"]
    assert amendment.operation == pl.SubstituteText(
        "Jason Kezelman",
        "",
        pl.SectionTarget(("The Portfolios", "Management", "The Manager"), "Example Portfolio"),
    )


@pytest.mark.parametrize(
    ("sentence", "funds"),
    [
        # The Hartford: "all references and disclosures concerning <a fund> are deleted".
        (
            "Accordingly, effective July 27, 2009, all references and disclosures concerning "
            "The Hartford Tax-Free California Fund are deleted.",
            ["The Hartford Tax-Free California Fund"],
        ),
        # Sentinel: the disclosure of two funds, in the middle of a paragraph of news.
        (
            "The reorganizations are expected to occur on or about September 23, 2005. "
            "Effective upon the reorganizations, disclosure relating to the Bond Fund and Core "
            "Mid Cap Fund is deleted. The Growth Index Fund is the surviving fund.",
            ["Bond Fund", "Core Mid Cap Fund"],
        ),
    ],
)
def test_the_disclosure_of_a_fund_is_its_part_of_the_document(
    sentence: str, funds: list[str]
) -> None:
    (supplement,) = pl.parse_filing(HEADER + sentence + "\n")
    deleted = [a for a in supplement.amendments if a.action == "delete"]
    assert [a.target.path for a in deleted if a.target is not None] == [(f,) for f in funds]
    assert all(isinstance(a.operation, pl.DeleteSection) for a in deleted)
    if "reorganizations" in sentence:
        # "effective upon the reorganizations": the date given for them.
        assert {a.effective.to_date_string() for a in deleted if a.effective} == {"2005-09-23"}


def test_an_instruction_cut_off_before_its_text_keeps_its_action_and_says_why() -> None:
    text = HEADER + (
        "Effective May 1, 2009, the following replaces in its entirety the information "
        'appearing under the heading "Principal Investment Strategy" in the prospectus:\n'
    )
    (supplement,) = pl.parse_filing(text, pl.Source(name="cut.txt", complete=False))
    (amendment,) = supplement.amendments
    assert amendment.action == "replace"
    assert amendment.diagnostic is not None
    assert "no new text" in amendment.diagnostic
