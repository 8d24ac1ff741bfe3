"""Instruction phrasings taught from the labelled corpus, each on its corpus text
(``tests/fixtures/filings``, sources in ``SOURCES.json``) and on a short example."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import (
    BlockLocator,
    DeleteBlock,
    InsertBlocks,
    InsertSection,
    Notice,
    ReplaceBlock,
    ReplaceSection,
    SentenceSpan,
    SubstituteText,
)
from prospectus_ledger.parsing import recognise

from .corpus import amendment, amendments, day, path_of


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ('The section "A" is amended as follows:', "replace_section"),
        ('The section "A" is amended to read as follows:', "replace_section"),
        ('The section "A" is revised to read:', "replace_section"),
        (
            'The following amends and replaces information in the section entitled "A":',
            "replace_section",
        ),
        (
            'Effective June 21, 1999, the following replaced in its entirety the heading "A":',
            "replace_section",
        ),
        (
            'The section entitled "A" is hereby amended by deleting all information in its '
            "entirety and replacing it with the following:",
            "replace_section",
        ),
        (
            'The section "A" is updated to reflect that the charges are as follows:',
            "replace_section",
        ),
        ('The section "A" is amended to include the following:', "insert_blocks"),
        (
            'Under the heading entitled "A," please insert the following risk descriptions:',
            "insert_blocks",
        ),
        ('The section "A" is hereby supplemented with the following:', "insert_blocks"),
        ('The following will be added to the list under "A":', "insert_blocks"),
    ],
)
def test_verbs(text: str, action: str) -> None:
    assert recognise(text).action == action


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (
            'The following information under "C" in the "B" sub-heading of '
            'the "A" section replaces it:',
            ("A", "B", "C"),
        ),
        (
            'Under the heading "A," in the "B" subsection, under the '
            'subheading "C" the text is deleted:',
            ("A", "B", "C"),
        ),
        (
            'the information found in the "A" section under the heading "B" '
            "is replaced as follows:",
            ("A", "B"),
        ),
        (
            'the sub-section entitled "B" beneath the main heading "A" is restated as follows:',
            ("A", "B"),
        ),
        (
            'the sub-section entitled "C" in Appendix C entitled "B" is restated as follows:',
            ("Appendix C", "B", "C"),
        ),
        (
            'Under "A \u2013 B" in the X section or Y section, the following replaces it:',
            ("A", "B"),
        ),
        ('the following replaces disclosure in the "A" section and the "B" section:', ("A",)),
        (
            "In the More on the Funds section, under “Stocks,” the following replaces it:",
            ("More on the Funds", "Stocks"),
        ),
        (
            "The following replaces The Fund Management Team section on page 10:",
            ("The Fund Management Team",),
        ),
        (
            "The following replaces the text immediately under the heading Management.",
            ("Management",),
        ),
        (
            "the Appendix of Underlying Funds in each Prospectus is hereby "
            "deleted and replaced with:",
            ("Appendix of Underlying Funds",),
        ),
        (
            "the following paragraph in section 2 under The Management Fee is removed:",
            ("section 2", "The Management Fee"),
        ),
        (
            'the paragraph in the "B" section in each Fund\'s Fund Summary is '
            "deleted and replaced with:",
            ("Fund Summary", "B"),
        ),
        (
            'Under the Prospectus Summary section "A," replace "B" with:',
            ("Prospectus Summary", "A", "B"),
        ),
        (
            'The following text is added at the end of "How to buy shares '
            'Additional Information About Class A":',
            ("How to buy shares", "Additional Information About Class A"),
        ),
        (
            "THE FOLLOWING ENTRIES ARE ADDED TO THE FUND MANAGEMENT TEAM ON "
            "PAGE 14 OF THE PROSPECTUS.",
            ("THE FUND MANAGEMENT TEAM",),
        ),
    ],
)
def test_locations(text: str, path: tuple[str, ...]) -> None:
    assert recognise(text).path == path


def test_missing_closing_quote_is_restored() -> None:
    found = recognise(
        "The information under the subheading \u201cCurrency transactions in the "
        "\u201cDescription of certain securities\u201d section is amended to read as follows:"
    )
    assert found.path == ("Description of certain securities", "Currency transactions")


def test_blocks_by_label_text_and_sentences() -> None:
    footnote = recognise(
        'the section entitled "A" is amended to (1) delete footnote (2) to the table and '
        "(2) substitute the following in its place:"
    )
    assert (footnote.action, footnote.locator) == (
        "replace_block",
        BlockLocator("paragraph", anchor="(2)"),
    )
    except_last = recognise(
        'The following under "A" replaces all except the last two '
        "sentences of the existing paragraph:"
    )
    assert except_last.sentences == SentenceSpan(None, -2)
    last = recognise("The following replaces the last sentence in the paragraph:")
    assert (last.locator, last.sentences) == (BlockLocator("paragraph"), SentenceSpan(-1, None))


def test_corpus_blocks() -> None:
    # corpus[34]: a footnote, and sentences added inside a paragraph (approximated).
    footnote, tenth = amendments(34)[:2]
    assert isinstance(footnote.operation, ReplaceBlock)
    assert isinstance(tenth.operation, InsertBlocks)
    assert tenth.operation.locator == BlockLocator("paragraph", 10)
    assert tenth.diagnostic is not None
    assert "inside that paragraph" in tenth.diagnostic
    # corpus[39]: "the following ... policy ... is hereby deleted:" quotes the deleted text.
    deleted = amendment(39, "non-fundamental")
    assert isinstance(deleted.operation, DeleteBlock)
    assert (deleted.operation.locator.anchor or "").startswith("(6) call options")
    assert path_of(deleted) == ("INVESTMENT RESTRICTIONS", "Other Investment Policies")
    assert deleted.approximate
    assert day(deleted) == "2023-10-01T00:00"
    # corpus[49] and [84]: a "similar" paragraph or bullet, found by the new text's first words.
    similar = amendment(49, "similar paragraph").operation
    assert isinstance(similar, ReplaceBlock)
    assert similar.locator.anchor == "Each Managed Payout Fund may invest"
    bullet = amendment(84, "bulleted paragraph").operation
    assert isinstance(bullet, ReplaceBlock)
    assert bullet.locator.kind == "bullet"


def test_inserts_by_position() -> None:
    listed = amendment(50, "added to the list").operation  # corpus[50]
    assert isinstance(listed, InsertBlocks)
    assert (listed.position, listed.locator) == ("after", BlockLocator("bullet", -1))
    chart = amendment(64, "under the chart").operation  # corpus[64]
    assert isinstance(chart, InsertBlocks)
    assert chart.locator == BlockLocator("table")
    fifteenth = amendment(114, "fifteenth bullet").operation  # corpus[114]
    assert isinstance(fifteenth, InsertBlocks)
    assert fifteenth.locator == BlockLocator("bullet", 14)
    section = amendment(88, "FIRST SECTION").operation  # corpus[88]
    assert isinstance(section, InsertSection)
    assert section.position == "first_child"
    assert section.section.heading == "ELIGIBILITY FOR INVESTOR CLASS SHARES"


def test_several_blocks() -> None:
    # corpus[63]: "Items (i) and (iv) ... are revised to read as follows:".
    first, fourth = (a.operation for a in amendments(63) if "Items (i)" in a.words)
    assert isinstance(first, ReplaceBlock)
    assert first.locator.anchor == "(i)"
    assert isinstance(fourth, ReplaceBlock)
    assert fourth.locator.anchor == "(iv)"
    # corpus[85]: "the first paragraph ... is the following, instead of the current first
    # four paragraphs": one replacement of the run, in each of the documents it names.
    run = [a.operation for a in amendments(85) if "first paragraph" in a.words]
    documents = {a.document for a in amendments(85) if "first paragraph" in a.words}
    assert len(run) == len(documents)
    assert all(isinstance(op, ReplaceBlock) for op in run)
    assert {op.locator for op in run if isinstance(op, ReplaceBlock)} == {
        BlockLocator("paragraph", 1, through=4)
    }
    # corpus[108]: "The ... table and the sentence immediately preceding such table".
    sentence, table = (a.operation for a in amendments(108) if "table and" in a.words)
    assert isinstance(sentence, ReplaceBlock)
    assert sentence.locator.anchor
    assert isinstance(table, ReplaceBlock)
    assert table.locator.kind == "table"


def test_blocks_without_a_heading() -> None:
    # corpus[16], [55], [81], [104]: a fee table, a sales charge schedule, a cover table.
    for index, words in (
        (16, "fee and expense table"),
        (55, "fee table"),
        (81, "cover"),
        (104, "schedule"),
    ):
        found = amendment(index, words)
        assert isinstance(found.operation, ReplaceBlock), index
        assert found.operation.locator.kind == "table"
        assert path_of(found) == ()
        assert found.diagnostic is not None
        assert "names no heading" in found.diagnostic


def test_new_text_that_names_its_section() -> None:
    # corpus[46]: "the SAI has been modified to reflect ..." then "Foreign Securities." text.
    (found,) = amendments(46)
    assert isinstance(found.operation, ReplaceSection)
    assert path_of(found) == ("Foreign Securities",)
    assert found.diagnostic is not None
    assert "taken as the section" in found.diagnostic


def test_substitutions() -> None:
    # corpus[15]: two substitutions in one paragraph; the second takes the first's date.
    first, second = amendments(15)[:2]
    assert first.operation == SubstituteText(
        "Lord Abbett Growth Opportunities Portfolio", "Van Kampen Mid-Cap Growth Portfolio"
    )
    assert second.operation == SubstituteText(
        "Lord, Abbett & Co. LLC", "Morgan Stanley Investment Management, Inc., d/b/a Van Kampen"
    )
    assert day(first) == day(second) == "2006-10-01T00:00"
    # corpus[36]: an unquoted substitution, and "are no longer applicable" (a notice).
    first, second = amendments(36)[:2]
    assert first.operation == SubstituteText(
        "Franklin Templeton Trust Company", "Franklin Templeton Bank & Trust"
    )
    assert isinstance(second.operation, Notice)
    assert second.diagnostic is None


def test_news_then_instruction_in_one_paragraph() -> None:
    # corpus[79]: "Effective immediately, X and Y manage it. Accordingly, ... replaced:".
    found = amendments(79)
    news = next(a for a in found if a.words.startswith("Effective immediately, each of"))
    assert isinstance(news.operation, Notice)
    instruction = next(a for a in found if a.words.startswith("Accordingly"))
    assert path_of(instruction) == ("Fund Summary", "Investment Adviser/Portfolio Managers")
    # corpus[55]: the instruction is the last of three sentences.
    table = amendment(55, "To reflect the lowering")
    assert day(table) == "2016-11-01T00:00"


def test_run_on_instruction_and_its_text() -> None:
    # corpus[15]: "... is deleted and replaced with the following information. The in".
    found = amendment(15, "In Appendix C")
    assert isinstance(found.operation, ReplaceSection)
    # corpus[41]: 'The following ... supplements the tables ... under "Profile: X." The fol'.
    found = amendment(41, "The following, which reflects")
    assert isinstance(found.operation, InsertBlocks)
    assert path_of(found) == (
        "Profile: Delaware Corporate Bond Fund and Delaware Extended Duration Bond Fund",
    )


def test_headings_above_instructions_place_blocks() -> None:
    # corpus[114]: heading lines printed above "The following replaces the thirteenth bullet:".
    found = amendment(114, "thirteenth bullet")
    assert path_of(found) == (
        "BUYING, EXCHANGING AND SELLING SHARES",
        "QUALIFYING FOR A REDUCED SALES CHARGE",
        "CLASS A PURCHASES AT NET ASSET VALUE ARE AVAILABLE TO",
    )
    last = amendment(114, "last sentence")
    assert path_of(last)[1] == "WAIVER OR REDUCTION OF CONTINGENT DEFERRED SALES CHARGES (CDSC)"
    # corpus[16]: a heading above a table instruction is the supplement's own.
    assert path_of(amendment(16, "fee and expense table")) == ()


def test_portfolio_names_inside_new_text_do_not_end_it() -> None:
    # corpus[105]: fund names head tables inside the new text.
    (found,) = amendments(105)
    assert isinstance(found.operation, ReplaceSection)
    assert len(found.operation.blocks) > 10


def test_portfolio_named_anywhere_in_an_appendix_instruction() -> None:
    found = amendments(24)[0]  # corpus[24]
    assert path_of(found) == ("Appendix C", "Goldman Sachs Mid Cap Value Portfolio")


def test_section_describing_a_portfolio_and_regarding_a_heading() -> None:
    (found,) = amendments(94)
    assert path_of(found) == ("Met/Putnam Voyager Portfolio", "Portfolio Management")
    (found,) = amendments(95)
    assert path_of(found) == (
        "Section II",
        "Information about each Portfolio",
        "Disclosure of Portfolio Holdings",
    )
