"""Instruction recognition, and splitting a body into instruction segments."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import BlockLocator, SentenceSpan
from prospectus_ledger.parsing.blocks import body_items
from prospectus_ledger.parsing.instructions import (
    looks_like_instruction,
    recognise,
    split_instructions,
)
from prospectus_ledger.parsing.plaintext import plain_text_units
from prospectus_ledger.tree import DocumentKind, Paragraph

DREMAN = "Dreman Small-Cap Value Portfolio"

# -- looks_like_instruction ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Effective on May 22, 2007, the following replaces in its entirety the information "
        'appearing under the heading "Principal Investment Strategy" in the prospectuses:',
        "The following replaces in its entirety the information appearing under the heading",
        'The section entitled "Introduction" is deleted.',
        "The third paragraph under the caption \u201cPrincipal Investment Policies\u201d is "
        "revised as follows:",
        'All references to "Old Fund" are replaced with "New Fund".',
        "Under the heading \u201cYour account,\u201d the following paragraph is deleted:",
        'The information under "Management" is revised accordingly.',
        '1. THE FOLLOWING REPLACES "PURCHASING SHARES":',
    ],
)
def test_instructions_are_seen(text: str) -> None:
    assert looks_like_instruction(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Adviser has provided the Trust with the following information regarding the "
        "Portfolio's portfolio managers identified in the Trust's Prospectus.",
        "The Portfolio may continue to hold or buy additional stock in a company that exceeds "
        "this range if the stock remains attractive.",
        "Investors who meet the following criteria may be able to invest in the Fund:",
        "Quantitative factors:",
        "On February 16, 2005, the Board of Trustees of the Trust approved a proposal to "
        "reorganize Money Market Portfolio.",
        "x" * 5000,
        "",
    ],
)
def test_other_paragraphs_are_not(text: str) -> None:
    assert not looks_like_instruction(text)


# -- recognise -------------------------------------------------------------------


def test_replace_section_under_heading() -> None:
    found = recognise(
        "Effective at the close of the New York Stock Exchange on December 21, 2006, the "
        "following replaces in its entirety the information appearing under the heading "
        '"MANAGEMENT  - The  Advisers  - Dreman  Value  Management,  LLC" in the Prospectuses.',
        [DREMAN],
    )
    assert found.action == "replace_section"
    assert found.path == ("MANAGEMENT", "The Advisers", "Dreman Value Management, LLC")
    assert found.documents == (DocumentKind.PROSPECTUS,)
    assert found.portfolio is None
    assert found.takes_content


def test_replace_appendix_with_respect_to_portfolio() -> None:
    found = recognise(
        "Effective at the close of the New York Stock Exchange on December 21, 2006, the "
        "following replaces in its entirety the information appearing in Appendix C to the SAI "
        "with respect to Dreman Small-Cap Value Portfolio.",
        [DREMAN],
    )
    assert found.action == "replace_section"
    assert found.path == ("Appendix C",)
    assert found.portfolio == DREMAN
    assert found.documents == (DocumentKind.SAI,)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (
            'Effective immediately, the section "Principal  Investment  Strategies" on page 1 of '
            "the Summary Prospectus is replaced in its entirety with the following:",
            ("Principal Investment Strategies",),
        ),
        (
            "The subsection entitled \u201cPortfolio Managers\u201d of the section entitled "
            "\u201cManagement\u201d is deleted in its entirety and replaced with the following:",
            ("Management", "Portfolio Managers"),
        ),
        (
            "The disclosure in the Trust's SAI under the heading \"Investment Objectives and "
            'Policies--Real Estate Investment Trusts" is replaced in its entirety with the '
            "following:",
            ("Investment Objectives and Policies", "Real Estate Investment Trusts"),
        ),
        (
            "The following information replaces in its entirety the CLOSED FUND POLICIES section "
            "of the Prospectus:",
            ("CLOSED FUND POLICIES",),
        ),
        ('1. THE FOLLOWING REPLACES "PURCHASING SHARES":', ("PURCHASING SHARES",)),
        (
            "Effective immediately, the information appearing in the section "
            "\u201cPORTFOLIO SUMMARY:\u2014Portfolio Managers\u201d of the Prospectus is replaced "
            "in its entirety with the following:",
            ("PORTFOLIO SUMMARY", "Portfolio Managers"),
        ),
        (
            "The following replaces in its entirety the information appearing under the heading "
            "'Principal Investment Strategy' in the prospectuses:",
            ("Principal Investment Strategy",),
        ),
    ],
)
def test_replace_section_forms(text: str, path: tuple[str, ...]) -> None:
    found = recognise(text)
    assert found.action == "replace_section"
    assert found.path == path


@pytest.mark.parametrize(
    ("text", "action", "locator", "sentences"),
    [
        (
            "Effective immediately, the third paragraph in the \u201cPORTFOLIO "
            "SUMMARY:\u2014Principal "
            "Investment Strategies\u201d section of the Prospectus is replaced in its entirety "
            "with "
            "the following:",
            "replace_block",
            BlockLocator("paragraph", 3),
            None,
        ),
        (
            "In the section of the prospectus describing the Met/Putnam Voyager Portfolio, the "
            "third "
            'paragraph under "Portfolio Management" is deleted.',
            "delete_block",
            BlockLocator("paragraph", 3),
            None,
        ),
        (
            'The last paragraph of the "Goals and Strategies" section is replaced with the '
            "following:",
            "replace_block",
            BlockLocator("paragraph", -1),
            None,
        ),
        (
            "Under the heading entitled \u201cWhat are the Fund's Investment Strategies?,\u201d "
            "please "
            "delete the fourth paragraph in its entirety and replace it with the following:",
            "replace_block",
            BlockLocator("paragraph", 4),
            None,
        ),
        (
            "The third sentence of the second paragraph of the subsection captioned "
            "\u201cInvesting "
            "for the Shorter Term\u201d on page 13 is deleted and replaced with the following:",
            "replace_block",
            BlockLocator("paragraph", 2),
            SentenceSpan(2, 3),
        ),
        (
            'In the "Fund Summary" section, the following is added following the eighth paragraph:',
            "insert_blocks",
            BlockLocator("paragraph", 8),
            None,
        ),
    ],
)
def test_block_instructions(
    text: str, action: str, locator: BlockLocator, sentences: SentenceSpan | None
) -> None:
    found = recognise(text)
    assert found.action == action
    assert found.locator == locator
    assert found.sentences == sentences


def test_delete_section() -> None:
    found = recognise('The section entitled "Proposed Reorganization" is deleted in its entirety.')
    assert found.action == "delete_section"
    assert found.path == ("Proposed Reorganization",)
    assert not found.takes_content


def test_insert_at_end() -> None:
    found = recognise(
        'The following disclosure is added to the "PRINCIPAL INVESTMENT STRATEGY" section:'
    )
    assert found.action == "insert_blocks"
    assert found.position == "end"
    assert found.path == ("PRINCIPAL INVESTMENT STRATEGY",)


def test_substitute() -> None:
    found = recognise(
        'Effective October 1, 2006, all references to the "Lord Abbett Growth Opportunities '
        'Portfolio" are changed to the "Van Kampen Mid-Cap Growth Portfolio."'
    )
    assert found.action == "substitute"
    assert found.old == "Lord Abbett Growth Opportunities Portfolio"
    assert found.new == "Van Kampen Mid-Cap Growth Portfolio"


@pytest.mark.parametrize(
    "text",
    [
        'Effective immediately, the information appearing in the "Management--The Advisers" '
        "section of the Prospectuses regarding the portfolio managers to the Lord Abbett Mid "
        "Cap Value Portfolio is revised in its entirety with the following:",
        'The following replaces similar text under the heading "Management":',
    ],
)
def test_information_regarding_a_section_replaces_the_section(text: str) -> None:
    found = recognise(text)
    assert found.action == "replace_section"
    assert found.path[0] == "Management"


def test_supplements_a_section_adds_at_its_end() -> None:
    found = recognise('The following supplements the information under "Tax-Managed Investing":')
    assert (found.action, found.position, found.path) == (
        "insert_blocks",
        "end",
        ("Tax-Managed Investing",),
    )


def test_table_in_a_section() -> None:
    found = recognise(
        'Effective immediately, the management fee table in the "Investment Advisory and Other '
        'Services--The Manager" section of the SAI is replaced with the following:'
    )
    assert found.action == "replace_block"
    assert found.locator == BlockLocator("table")
    assert found.path == ("Investment Advisory and Other Services", "The Manager")


def test_revised_accordingly_is_an_announcement() -> None:
    found = recognise(
        'The information appearing under the heading "Management--The Advisers" in the Trust\'s '
        "Prospectuses regarding the portfolio managers is revised accordingly."
    )
    assert found.action == "announcement"
    assert found.path == ("Management", "The Advisers")
    assert not found.takes_content


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            'The second or third paragraph of the "Investment Advisor" section is replaced '
            "with the following:",
            "several blocks",
        ),
        (
            "The information in the prospectus is hereby amended.",
            "no section",
        ),
        (
            'The information under "Management" is hereby amended.',
            "does not know",
        ),
        (
            'All references to "A", "B" and "C" in the Prospectus are replaced with "D" and "E", '
            "respectively.",
            "substitutes",
        ),
        (
            "All references to A Fund, B Fund and C Fund are replaced with "
            "D Fund and E Fund, respectively.",
            "substitutes",
        ),
    ],
)
def test_not_understood_says_why(text: str, reason: str) -> None:
    found = recognise(text)
    assert found.action == "unknown"
    assert found.reason is not None
    assert reason in found.reason
    assert found.takes_content


# -- split_instructions ---------------------------------------------------------


def split(text: str, portfolios: tuple[str, ...] = ()) -> list[tuple[str | None, list[str]]]:
    body = split_instructions(body_items(plain_text_units(text)), portfolios=portfolios)
    return [
        (
            segment.recognised.action if segment.recognised else None,
            [
                item.block.text if isinstance(item.block, Paragraph) else "<block>"
                for item in segment.content
            ],
        )
        for segment in body.segments
    ]


INSTRUCTION = 'The following replaces in its entirety the information under the heading "{}":'


def test_text_runs_to_the_next_instruction() -> None:
    text = "\n\n".join(
        [INSTRUCTION.format("A"), "New A one.", "New A two.", INSTRUCTION.format("B"), "New B."]
    )
    assert split(text) == [
        ("replace_section", ["New A one.", "New A two."]),
        ("replace_section", ["New B."]),
    ]


def test_separator_and_trailer_end_the_text() -> None:
    text = "\n\n".join(
        [
            "Preamble text that is not an instruction.",
            "* * *",
            INSTRUCTION.format("A"),
            "New A.",
            "Date: May 31, 2007",
        ]
    )
    body = split_instructions(body_items(plain_text_units(text)))
    assert [(s.recognised.action if s.recognised else None) for s in body.segments] == [
        None,
        "replace_section",
    ]
    assert [item.block for item in body.trailer] == [Paragraph("Date: May 31, 2007")]


def test_text_after_an_instruction_without_text_is_its_own_segment() -> None:
    text = "\n\n".join(['The section entitled "X" is deleted.', "Some other statement."])
    assert split(text) == [("delete_section", []), (None, ["Some other statement."])]


def test_portfolio_heading_scopes_what_follows() -> None:
    portfolios = ("FUND ONE PORTFOLIO", "FUND TWO PORTFOLIO")
    text = "\n\n".join(
        [
            "FUND ONE PORTFOLIO",
            INSTRUCTION.format("A"),
            "New A.",
            "FUND TWO PORTFOLIO",
            INSTRUCTION.format("A"),
            "Other A.",
        ]
    )
    body = split_instructions(body_items(plain_text_units(text)), portfolios=portfolios)
    assert [segment.portfolio for segment in body.segments] == list(portfolios)
    assert [len(segment.content) for segment in body.segments] == [1, 1]
    assert [item.block for item in body.labels] == [Paragraph(name) for name in portfolios]


def test_portfolio_name_first_in_new_text_is_text() -> None:
    text = "\n\n".join([INSTRUCTION.format("Management"), "ONE PORTFOLIO", "o  Manager bio."])
    assert split(text, ("One Portfolio",)) == [("replace_section", ["ONE PORTFOLIO", "<block>"])]


def test_roman_numeral_headings_are_labels() -> None:
    text = "\n\n".join(
        ["I.  Change in the Adviser", INSTRUCTION.format("A"), "New A.", "II.  Other Changes"]
    )
    body = split_instructions(body_items(plain_text_units(text)))
    assert [item.block.text for item in body.labels if isinstance(item.block, Paragraph)] == [
        "I. Change in the Adviser",
        "II. Other Changes",
    ]
    assert len(body.segments) == 1


def test_revised_accordingly_is_its_own_segment() -> None:
    text = "\n\n".join(
        [
            "Scott Amero is removed from the portfolio management team.",
            'The information under the heading "Management" is revised accordingly.',
        ]
    )
    assert split(text) == [
        (None, ["Scott Amero is removed from the portfolio management team."]),
        ("announcement", []),
    ]


def test_instruction_run_together_with_its_text() -> None:
    text = (
        'Effective immediately, the section "X" is replaced in its entirety with the following: '
        "The Portfolio invests in stocks."
    )
    assert split(text) == [("replace_section", ["The Portfolio invests in stocks."])]


def test_form_codes_at_the_end_are_trailer() -> None:
    text = "\n\n".join([INSTRUCTION.format("A"), "New A.", "Other text.", "SUP-0407"])
    body = split_instructions(body_items(plain_text_units(text)))
    assert [item.block for item in body.trailer] == [Paragraph("SUP-0407")]
    assert [len(segment.content) for segment in body.segments] == [2]
