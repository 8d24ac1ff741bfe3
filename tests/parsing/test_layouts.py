"""Layouts of real filings: lines as paragraphs, no blank lines, tables left open,
titles and supplements that start mid-text, edition dates listed in the title."""

from __future__ import annotations

import pendulum

from prospectus_ledger.operations import DeleteBlock, Notice, ReplaceBlock, ReplaceSection
from prospectus_ledger.parsing.blocks import Layout, SourcedBlock, body_items, layout_of
from prospectus_ledger.parsing.plaintext import plain_text_units
from prospectus_ledger.supplement import DocumentRef
from prospectus_ledger.tree import DocumentKind, Paragraph, Table

from .corpus import amendment, amendments, day, path_of, supplements

PROSPECTUS, SAI = DocumentKind.PROSPECTUS, DocumentKind.SAI


def paragraphs(text: str, layout: Layout | None = None) -> list[str]:
    items = body_items(plain_text_units(text), layout)
    return [
        item.block.text
        for item in items
        if isinstance(item, SourcedBlock) and isinstance(item.block, Paragraph)
    ]


def test_lines_of_flattened_html_are_paragraphs() -> None:
    # corpus[26]: HTML flattened to text, one paragraph per line, no blank lines.
    text = "x" * 200 + ".\nThe subsection entitled “A” is deleted:\nNew text.\nshort\nline\n"
    assert layout_of(plain_text_units(text)).unwrapped
    assert paragraphs(text)[1:] == [
        "The subsection entitled “A” is deleted:",
        "New text. short line",
    ]
    first, second = amendments(26)
    assert isinstance(first.operation, ReplaceSection)
    assert path_of(first) == ("Management", "Portfolio Managers")
    assert path_of(second) == ("Additional Information about Management", "The Subadviser")


def test_typed_lines_broken_on_purpose_end_paragraphs() -> None:
    # A short line that ends a sentence, where the next word would have fitted.
    text = (
        "THE FIRST PARAGRAPH IS DELETED ON THE COVER OF THE\nPROSPECTUSES.\n"
        "THE FOLLOWING IS ADDED:\n"
    )
    assert paragraphs(text, Layout(width=80)) == [
        "THE FIRST PARAGRAPH IS DELETED ON THE COVER OF THE PROSPECTUSES.",
        "THE FOLLOWING IS ADDED:",
    ]
    # corpus[88]: an all-capitals supplement typed without blank lines.
    cover, added, entries = amendments(88)[:3]
    assert isinstance(cover.operation, DeleteBlock)
    assert path_of(added) == ("ADDITIONAL POLICIES AFFECTING YOUR INVESTMENT",)
    assert path_of(entries) == ("THE FUND MANAGEMENT TEAM",)


def test_instruction_left_inside_an_open_table() -> None:
    # corpus[4]: the SAI instruction and the "Date:" line sit inside the <TABLE>.
    (supplement,) = supplements(4)
    prospectus, sai = supplement.amendments
    assert (prospectus.document, sai.document) == (PROSPECTUS, SAI)
    assert path_of(sai) == (
        "Investment Advisory and Other Services",
        "The Manager",
        "Met/Putnam Capital Opportunities",
    )
    operation = sai.operation
    assert isinstance(operation, ReplaceSection)
    assert isinstance(operation.blocks[0], Table)


def test_lone_pipes_are_gaps_and_item_numbers_are_labels() -> None:
    # corpus[70]-like cells: "| Effective ...:" then "|" then the new text.
    text = (
        "| Effective March 1, 2004, the following replaces the section entitled “A”:\n|\n| New.\n"
    )
    assert paragraphs(text) == [
        "Effective March 1, 2004, the following replaces the section entitled “A”:",
        "New.",
    ]
    # corpus[60]: "|1." on a line of its own numbers the instruction after it.
    assert [a.words[:5] for a in amendments(60)] == ["Sales", "Under"]


def test_title_that_starts_after_a_form_code_line() -> None:
    # corpus[68]: "ASAP2 (12/96) (this Supplement replaces ...)" comes before the title.
    (supplement,) = supplements(68)
    assert supplement.supplement_date == pendulum.date(1997, 1, 2)
    assert supplement.documents == (DocumentRef(PROSPECTUS, pendulum.date(1996, 5, 1)),)


def test_supplement_that_starts_mid_text() -> None:
    # corpus[83] and [84]: a second sticker follows the first with no page break.
    first, second = supplements(83)
    assert first.supplement_date == second.supplement_date == pendulum.date(2009, 3, 25)
    _prospectus, sai = supplements(84)
    assert [ref.kind for ref in sai.documents] == [SAI]
    assert [a.document for a in sai.amendments] == [SAI, SAI]


def test_title_lines_that_continue_the_phrase() -> None:
    # corpus[78]: "... Prospectus for the" / "<fund names>, dated" / "October 1, 2009 (...)".
    (supplement,) = supplements(78)
    assert supplement.documents == (DocumentRef(PROSPECTUS, pendulum.date(2009, 10, 1)),)
    # corpus[110]: "Supplement dated November 19, 2010" / "to the Class A, ... Shares" / ...
    (supplement,) = supplements(110)
    assert supplement.documents[0].date == pendulum.date(2010, 7, 1)


def test_editions_in_parentheses_and_per_registrant() -> None:
    # corpus[89]: "(Summary Prospectus and Prospectus dated August 1, 2018)".
    (supplement,) = supplements(89)
    assert {(ref.kind, ref.date) for ref in supplement.documents} == {
        (PROSPECTUS, pendulum.date(2018, 8, 1)),
        (DocumentKind.SUMMARY_PROSPECTUS, pendulum.date(2018, 8, 1)),
    }
    # corpus[90]: "American Century Mutual Funds, Inc. (SAI dated July 26, 2013)", ...
    (supplement,) = supplements(90)
    assert {ref.date for ref in supplement.documents} == {
        pendulum.date(2013, 5, 1),
        pendulum.date(2013, 7, 26),
        pendulum.date(2013, 12, 1),
    }


def test_editions_each_as_dated_below() -> None:
    # corpus[56]: the dates listed under "each as dated below" are editions, not the date.
    (supplement,) = supplements(56)
    assert supplement.supplement_date is None
    assert [ref.date for ref in supplement.documents] == [
        pendulum.date(2019, 3, 1),
        pendulum.date(2019, 5, 1),
        pendulum.date(2019, 7, 1),
    ]
    # corpus[113]: a "DATE OF PROSPECTUS" column.
    (supplement,) = supplements(113)
    assert DocumentRef(PROSPECTUS, pendulum.date(2016, 4, 1)) in supplement.documents


def test_a_range_of_edition_dates_names_both_ends() -> None:
    # corpus[40]: "statements of additional information dated May 1, 2022 - December 1, 2022".
    (supplement,) = supplements(40)
    assert supplement.documents == (
        DocumentRef(SAI, pendulum.date(2022, 5, 1)),
        DocumentRef(SAI, pendulum.date(2022, 12, 1)),
    )


def test_date_of_this_supplement_closing_line() -> None:
    for index, date in ((99, (2007, 11, 1)), (33, (1997, 8, 21)), (101, (1997, 11, 3))):
        assert supplements(index)[0].supplement_date == pendulum.date(*date)


def test_supplement_that_supersedes_another_is_a_notice() -> None:
    found = amendment(65, "This supplement supersedes")
    assert isinstance(found.operation, Notice)
    assert found.diagnostic is None


def test_table_flattened_to_lines_still_pairs() -> None:
    # corpus[84]: "the first paragraph and the table under ..." with the table as lines.
    paragraph, table = (a for a in amendments(84) if "first paragraph and" in a.words)
    assert isinstance(paragraph.operation, ReplaceBlock)
    assert paragraph.operation.locator.kind == "paragraph"
    assert isinstance(table.operation, ReplaceBlock)
    assert table.operation.locator.kind == "table"
    assert day(paragraph) == "2011-11-23T00:00"
