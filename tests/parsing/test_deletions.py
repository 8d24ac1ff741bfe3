"""Instructions that delete words wherever they stand, and instructions whose text is missing."""

from __future__ import annotations

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


def test_references_and_disclosures_concerning_a_fund_stay_a_notice() -> None:
    text = HEADER + (
        "Accordingly, effective July 27, 2009, all references and disclosures concerning "
        "The Hartford Tax-Free California Fund are deleted.\n"
    )
    (supplement,) = pl.parse_filing(text)
    assert all(a.action == "notice" for a in supplement.amendments)


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
