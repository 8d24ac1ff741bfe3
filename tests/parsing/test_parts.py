"""Edits to part of a section: sentences of a section or a paragraph, counts from the end,
whole lists, additions phrased as amendments; each from two fund families or more."""

from __future__ import annotations

import pytest

import prospectus_ledger as pl
from prospectus_ledger.operations import BlockLocator, SentenceSpan
from prospectus_ledger.parsing import recognise

SECTION_SENTENCES = [
    # Nuveen: a sentence of a section that names no paragraph.
    (
        "The third sentence of the section \u201cHow You Can Buy and Sell Shares\u2014Special "
        "Services\u2014Reinstatement Privilege\u201d is deleted and replaced with the following "
        "sentence:",
        "replace_block",
        BlockLocator("paragraph", 1),
        SentenceSpan(2, 3),
    ),
    # First Trust: the final sentence, counted from the end.
    (
        "The final sentence of the section entitled \u201cPrincipal Investment Strategies\u201d "
        "is hereby deleted.",
        "delete_block",
        BlockLocator("paragraph", -1),
        SentenceSpan(-1, None),
    ),
    # Putnam: several sentences of a section.
    (
        'In "How the Fund is Managed" the third and fourth sentences in the section entitled '
        '"Portfolio Manager" on page 9 are changed to read as follows:',
        "replace_block",
        BlockLocator("paragraph", 1),
        SentenceSpan(2, 4),
    ),
    # New York Life: a sentence of a description.
    (
        'The fifth sentence in the description for MacKay Shields LLC under "Subadvisors" is '
        "deleted.",
        "delete_block",
        BlockLocator("paragraph", 1),
        SentenceSpan(4, 5),
    ),
    # Invesco: the first sentences of a paragraph.
    (
        "The following information replaces the first two sentences of the first paragraph "
        "under the heading \u201cPrincipal Investment Strategies of the Fund\u201d:",
        "replace_block",
        BlockLocator("paragraph", 1),
        SentenceSpan(0, 2),
    ),
    # ... and the last sentences of another.
    (
        'The last two sentences of the second paragraph under "Management" are deleted.',
        "delete_block",
        BlockLocator("paragraph", 2),
        SentenceSpan(-2, None),
    ),
]


@pytest.mark.parametrize(("text", "action", "locator", "sentences"), SECTION_SENTENCES)
def test_sentences(text: str, action: str, locator: BlockLocator, sentences: SentenceSpan) -> None:
    found = recognise(text)
    assert (found.action, found.locator, found.sentences) == (action, locator, sentences)
    assert found.path


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        (  # Invesco: counted from the end.
            "7. The following information replaces the fifth to last paragraph under the heading "
            '"More Information About the Underlying Funds" in the Statutory Prospectus:',
            BlockLocator("paragraph", -5),
        ),
        (
            'The second to last paragraph of the section "Risks" is deleted in its entirety and '
            "replaced with the following:",
            BlockLocator("paragraph", -2),
        ),
        (  # Fidelity: "the second full paragraph".
            'The second full paragraph of the "Buying Shares" section is replaced with the '
            "following:",
            BlockLocator("paragraph", 2),
        ),
    ],
)
def test_ordinals(text: str, locator: BlockLocator) -> None:
    found = recognise(text)
    assert (found.action, found.locator) == ("replace_block", locator)


@pytest.mark.parametrize(
    "text",
    [
        "1. The following information replaces the list of Underlying Funds under the heading "
        "\u201cPrincipal Investment Strategies of the Fund\u201d in the Summary and Statutory "
        "Prospectuses:",
        'The bulleted list under "Principal Risks" is deleted and replaced with the following:',
    ],
)
def test_a_whole_list(text: str) -> None:
    found = recognise(text)
    assert (found.action, found.locator) == ("replace_block", BlockLocator("list"))


def test_a_whole_list_is_replaced_in_the_ledger() -> None:
    section = pl.Section(
        "Risks", (pl.Paragraph("The Fund invests in:"), pl.BulletList(["stocks", "bonds"]))
    )
    document = pl.Document(pl.DocumentKind.PROSPECTUS, "Example Trust", None, sections=(section,))
    operation = pl.ReplaceBlock(
        pl.SectionTarget(("Risks",)), BlockLocator("list"), (pl.BulletList(["cash"]),)
    )
    changed = operation.apply(document)
    assert changed.sections[0].blocks[1] == pl.BulletList(["cash"])
    assert changed.sections[0].blocks[0] == pl.Paragraph("The Fund invests in:")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        (  # Putnam: a sentence added to a paragraph.
            '5. In "How to Buy Shares," the section entitled "Which Class of Shares Should You '
            'Choose?" on page 12 is changed by adding a new final sentence to the (first) '
            "paragraph of that section as follows:",
            "after",
        ),
        (  # Franklin Templeton.
            'The section entitled "Fees and Expenses" is amended by adding the following:',
            "end",
        ),
        ('The section "Portfolio Managers" is revised by adding the following footnote:', "end"),
    ],
)
def test_additions_phrased_as_amendments(text: str, position: str) -> None:
    found = recognise(text)
    assert (found.action, found.position) == ("insert_blocks", position)


@pytest.mark.parametrize(
    "text",
    [
        # Nationwide: "delete ... and insert the following" replaces.
        "1. Delete the language under the subsection entitled \u201cDCA Fixed Account\u201d on "
        "page 21 of the prospectus and insert the following language in order to reflect the "
        "change:",
        'Please delete the paragraph under "Redemptions" and add the following:',
    ],
)
def test_deleted_and_added_is_a_replacement(text: str) -> None:
    assert recognise(text).action in ("replace_section", "replace_block")
