"""Segments into amendments: operations, notices and their diagnostics."""

from __future__ import annotations

import pendulum

from prospectus_ledger.operations import (
    DeleteBlock,
    DeleteSection,
    InsertBlocks,
    Notice,
    ReplaceBlock,
    ReplaceSection,
    SectionTarget,
    SubstituteText,
)
from prospectus_ledger.parsing.amendments import AmendmentContext, build_amendments
from prospectus_ledger.parsing.blocks import body_items
from prospectus_ledger.parsing.effective import EffectiveTime, find_effective
from prospectus_ledger.parsing.instructions import split_instructions
from prospectus_ledger.parsing.plaintext import plain_text_units
from prospectus_ledger.supplement import Amendment, DocumentRef
from prospectus_ledger.tree import DocumentKind, Paragraph

DAY = pendulum.date(2010, 6, 7)
PROSPECTUS_ONLY = (DocumentRef(DocumentKind.PROSPECTUS, pendulum.date(2010, 5, 1)),)
BOTH = (*PROSPECTUS_ONLY, DocumentRef(DocumentKind.SAI, pendulum.date(2010, 5, 1)))


def amend(
    text: str,
    *,
    documents: tuple[DocumentRef, ...] = (),
    portfolios: tuple[str, ...] = (),
    default_effective: EffectiveTime | None = None,
    first_position: int = 0,
) -> list[Amendment]:
    body = split_instructions(body_items(plain_text_units(text)), portfolios=portfolios)
    context = AmendmentContext(DAY, documents, portfolios, default_effective, first_position)
    return build_amendments(body, context)


def test_replace_section_with_single_portfolio_and_document() -> None:
    (amendment,) = amend(
        'The following replaces in its entirety the information under the heading "Goals":\n\n'
        "New goals.\n",
        documents=PROSPECTUS_ONLY,
        portfolios=("One Portfolio",),
    )
    assert amendment.operation == ReplaceSection(
        SectionTarget(("Goals",), "One Portfolio"), (Paragraph("New goals."),)
    )
    assert amendment.document is DocumentKind.PROSPECTUS
    assert amendment.effective == pendulum.datetime(2010, 6, 7, tz="America/New_York")
    assert amendment.effective_words == ""
    assert amendment.diagnostic is None


def test_document_left_open_when_the_supplement_names_several() -> None:
    (amendment,) = amend(
        'The section "Goals" is replaced in its entirety with the following:\n\nNew.\n',
        documents=BOTH,
    )
    assert amendment.document is None


def test_block_operations() -> None:
    replace, delete, insert = amend(
        "\n\n".join(
            [
                'The second paragraph of the "Goals" section is replaced with the following:',
                "New second paragraph.",
                'The last paragraph under "Risks" is deleted.',
                'The following is added after the first paragraph of the "Fees" section:',
                "Added paragraph.",
            ]
        )
    )
    assert isinstance(replace.operation, ReplaceBlock)
    assert replace.operation.blocks == (Paragraph("New second paragraph."),)
    assert isinstance(delete.operation, DeleteBlock)
    assert delete.operation.target == SectionTarget(("Risks",))
    assert isinstance(insert.operation, InsertBlocks)
    assert insert.operation.position == "after"


def test_delete_section_and_substitute() -> None:
    delete, substitute = amend(
        'The section entitled "Old Policy" is deleted.\n\n'
        'All references to "Old Name Fund" are replaced with "New Name Fund".\n'
    )
    assert delete.operation == DeleteSection(SectionTarget(("Old Policy",)))
    assert substitute.operation == SubstituteText("Old Name Fund", "New Name Fund")


def test_not_understood_becomes_a_notice_holding_the_whole_text() -> None:
    (amendment,) = amend(
        "\n\n".join(
            [
                'The information under "Investment Advisor" is hereby amended:',
                "New adviser text.",
                "o  A bullet.",
            ]
        )
    )
    operation = amendment.operation
    assert isinstance(operation, Notice)
    assert operation.notice == (
        'The information under "Investment Advisor" is hereby amended: '
        "New adviser text. \u2022 A bullet."
    )
    assert operation.target == SectionTarget(("Investment Advisor",))
    assert amendment.diagnostic == "lines 1-5: the parser does not know this kind of instruction"


def test_instruction_without_new_text_keeps_its_action_and_says_why() -> None:
    (amendment,) = amend('The section "Goals" is replaced in its entirety with the following:\n')
    assert amendment.action == "replace"
    assert amendment.text == ""
    assert amendment.diagnostic is not None
    assert "no new text follows the instruction" in amendment.diagnostic


def test_announcements_have_no_diagnostic() -> None:
    (amendment,) = amend(
        "On November 10, 2010, the Board of Trustees approved a proposal to reorganize the "
        "Portfolio into another portfolio. The reorganization is proposed to take place on or "
        "about May 2, 2011.\n"
    )
    assert isinstance(amendment.operation, Notice)
    assert amendment.diagnostic is None
    assert amendment.words.startswith("On November 10, 2010")


def test_other_text_has_a_diagnostic() -> None:
    (amendment,) = amend("Mr. Smith joined the team in 2001 and manages the Portfolio.\n")
    assert amendment.diagnostic == "line 1: text outside any recognised instruction"


def test_impossible_effective_date_is_reported() -> None:
    (amendment,) = amend(
        'Effective February 30, 2010, the section "Goals" is replaced in its entirety with the '
        "following:\n\nNew goals.\n"
    )
    assert isinstance(amendment.operation, ReplaceSection)
    assert amendment.effective_words == "Effective February 30, 2010"
    assert amendment.effective == pendulum.datetime(2010, 6, 7, tz="America/New_York")
    assert amendment.diagnostic is not None
    assert "February 30, 2010" in amendment.diagnostic


def test_misprinted_year_is_read_and_reported() -> None:
    (amendment,) = amend(
        'Effective June 12, 210, the section "Goals" is replaced in its entirety with the '
        "following:\n\nNew goals.\n"
    )
    assert amendment.effective == pendulum.datetime(2010, 6, 12, tz="America/New_York")
    assert amendment.diagnostic == "lines 1-3: 'June 12, 210' read as 2010-06-12 (misprinted year)"


def test_lead_in_effective_time_is_the_default() -> None:
    lead_in = find_effective("Effective November 1, 2006, the following changes are made:")
    first, second = amend(
        'The section "A" is replaced in its entirety with the following:\n\nNew A.\n\n'
        'Effective December 1, 2006, the section "B" is replaced in its entirety with the '
        "following:\n\nNew B.\n",
        default_effective=lead_in,
    )
    assert first.effective_words == "Effective November 1, 2006"
    assert second.effective_words == "Effective December 1, 2006"


def test_positions_count_from_the_first_position() -> None:
    amendments = amend(
        'The section "A" is deleted.\n\nThe section "B" is deleted.\n', first_position=5
    )
    assert [amendment.position for amendment in amendments] == [5, 6]
