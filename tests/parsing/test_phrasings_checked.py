"""Phrasings and layouts taught after the held-out corpus entries were first measured
(each on its corpus text in ``tests/fixtures/filings``, sources in ``SOURCES.json``,
and where it helps on a short example)."""

from __future__ import annotations

import pytest

from prospectus_ledger._text import clean_text
from prospectus_ledger.operations import (
    BlockLocator,
    DeleteBlock,
    InsertBlocks,
    Notice,
    ReplaceBlock,
    ReplaceSection,
    SentenceSpan,
    SubstituteText,
)
from prospectus_ledger.parsing import looks_like_instruction, parse_filing, recognise
from prospectus_ledger.parsing._tidy import tidy
from prospectus_ledger.tree import DocumentKind

from .corpus import amendment, amendments, day, fixture, path_of, supplements


def test_renamed_respectively() -> None:
    found = recognise(
        "As of the Transition Date, the A Growth Portfolio and B Growth Portfolio are "
        "renamed the C Growth Portfolio and D Growth Portfolio, respectively."
    )
    assert found.action == "substitute"
    assert found.pairs == (
        ("A Growth Portfolio", "C Growth Portfolio"),
        ("B Growth Portfolio", "D Growth Portfolio"),
    )
    # corpus[12]: one substitution per pair, at the time "the Transition Date" stands for.
    renamed = [a for a in amendments(12) if "are renamed" in a.words]
    assert [(a.operation.old, a.operation.new) for a in renamed] == [  # type: ignore[union-attr]
        ("Cyclical Growth and Income ETF Portfolio", "SSgA Growth and Income ETF Portfolio"),
        ("Cyclical Growth ETF Portfolio", "SSgA Growth ETF Portfolio"),
    ]
    assert {day(a) for a in renamed} == {"2008-09-02T00:00"}
    quoted = [a for a in amendments(12) if "Gallatin" in a.words]
    assert [(a.operation.old, a.operation.new) for a in quoted] == [  # type: ignore[union-attr]
        ("Gallatin Asset Management, Inc.", "SSgA Funds Management, Inc."),
        ("Gallatin", "SSgA FM"),
    ]


def test_names_keep_their_abbreviations() -> None:
    found = recognise(
        'All references to "A Management, Inc." and "A Partners, L.P." are replaced with '
        '"B Management, Inc." and "B Partners, L.P.," respectively.'
    )
    assert found.pairs == (
        ("A Management, Inc.", "B Management, Inc."),
        ("A Partners, L.P.", "B Partners, L.P."),
    )
    renamed = recognise(
        "Effective July 1, 2015, Institutional Class will be renamed Class I. The features "
        "and policies of the class will not change."
    )
    assert renamed.pairs == (("Institutional Class", "Class I"),)


def test_reference_is_changed_to() -> None:
    found = recognise('The reference to "A Portfolio" is changed to "B Portfolio."')
    assert (found.action, found.old, found.new) == ("substitute", "A Portfolio", "B Portfolio")
    # corpus[17]: numbered items under "I. In the section "Introduction--..."" share its place.
    changed = amendment(17, "Federated High Yield")
    assert isinstance(changed.operation, SubstituteText)
    assert path_of(changed) == ("Introduction", "Understanding the Portfolios")
    assert day(changed) == "2006-11-01T00:00"


def test_all_references_deleted_deletes_the_words_in_that_section() -> None:
    # corpus[17]: "all references to Jason Kezelman are deleted" under one heading.
    deleted = amendment(17, "Jason Kezelman")
    assert deleted.action == "delete"
    assert deleted.operation.old == "Jason Kezelman"  # type: ignore[union-attr]
    assert deleted.operation.new == ""  # type: ignore[union-attr]
    assert path_of(deleted) == ("The Portfolios", "Management", "The Manager")


def test_second_to_last_sentence() -> None:
    found = recognise(
        "the second to last sentence set forth in the second paragraph of the section entitled "
        '"A" is hereby deleted in its entirety and replaced with the following:'
    )
    assert (found.action, found.path) == ("replace_block", ("A",))
    assert (found.locator, found.sentences) == (BlockLocator("paragraph", 2), SentenceSpan(-2, -1))
    # corpus[47]: four numbered items in table cells; the second deletes a sentence.
    first, second, third, fourth = amendments(47)
    assert isinstance(first.operation, ReplaceBlock)
    assert isinstance(second.operation, DeleteBlock)
    assert second.operation.sentences == SentenceSpan(-2, -1)
    assert second.operation.locator == BlockLocator("paragraph", 3)
    assert isinstance(third.operation, ReplaceBlock)
    assert third.operation.sentences == SentenceSpan(2, 3)
    assert isinstance(fourth.operation, ReplaceBlock)
    assert fourth.operation.locator == BlockLocator("paragraph", 7)


def test_numbered_paragraph_and_sticker_codes() -> None:
    found = recognise(
        "The following information replaces the similar information found in paragraph 4. "
        'in the "A" section under the heading "B" on page 14.'
    )
    assert (found.action, found.path) == ("replace_block", ("A", "B"))
    assert found.locator == BlockLocator("paragraph", anchor="4.")
    # corpus[52]: three stickers, each closed by a form code and date.
    parsed = supplements(52)
    assert [str(s.supplement_date) for s in parsed] == ["2015-10-30", "2015-10-30", "None"]
    first = parsed[0].amendments
    assert isinstance(first[0].operation, SubstituteText)
    assert (first[0].operation.old, first[0].operation.new) == ("Institutional Class", "Class I")
    assert day(first[0]) == "2015-07-01T00:00"
    assert isinstance(first[1].operation, ReplaceBlock)


def test_xbrl_period_date_and_glued_colon() -> None:
    # corpus[57]: "Oct. 01, 2019" heads an XBRL page (the document's period date,
    # not the supplement's); "is revised as follows:Fees and Expenses of the Fund".
    (parsed,) = supplements(57)
    assert parsed.supplement_date is None
    assert [(d.kind, str(d.date)) for d in parsed.documents] == [
        (DocumentKind.PROSPECTUS, "2019-10-01")
    ]
    revised = amendment(57, "Accordingly")
    assert isinstance(revised.operation, ReplaceBlock)
    assert revised.operation.locator.kind == "table"
    assert path_of(revised) == ("Fees and Expenses",)
    assert day(revised) == "2020-09-01T00:00"


def test_quoted_subject_revised_to_reflect() -> None:
    # corpus[62]: '"A--B" and "C" are revised to reflect that ...' gives no new text.
    (found,) = amendments(62)
    assert isinstance(found.operation, Notice)
    assert path_of(found) == ("Fund summary", "Fees and expenses")


def test_news_before_an_instruction_and_sentences() -> None:
    # corpus[67]: the cut-off text opens with news; then a sentence added inside a
    # paragraph (inserted after it, with a diagnostic) and a sentence replaced.
    news, added, third, section = amendments(67)
    assert isinstance(news.operation, Notice)
    assert isinstance(added.operation, InsertBlocks)
    assert (added.operation.position, added.operation.locator) == (
        "after",
        BlockLocator("paragraph", 1),
    )
    assert added.diagnostic is not None
    assert isinstance(third.operation, ReplaceBlock)
    assert third.operation.sentences == SentenceSpan(2, 3)
    assert isinstance(section.operation, ReplaceSection)


def test_added_with_its_own_time() -> None:
    text = (
        "The following information about Ms. Guernsey is added to the Funds\u2019 statements "
        "of additional information effective January 1, 2011:"
    )
    assert looks_like_instruction(text)
    assert recognise(text).action == "insert_blocks"
    added = amendment(77, "Ms. Guernsey")  # corpus[77]
    assert isinstance(added.operation, InsertBlocks)
    assert added.document == DocumentKind.SAI
    assert day(added) == "2011-01-01T00:00"


def test_sentence_under_a_quoted_name_and_shall_apply() -> None:
    found = recognise(
        'Under the "A \u2013 B" section in the Prospectuses, the first sentence under '
        '"C" is replaced with the following:'
    )
    assert (found.action, found.path) == ("replace_block", ("A", "B", "C"))
    assert found.sentences == SentenceSpan(0, 1)
    applies = recognise(
        'Under the "A" section of the SAI, the disclosure in the "B" paragraph shall apply '
        "to TempFund as well as TempCash."
    )
    assert (applies.action, applies.path) == ("announcement", ("A", "B"))
    # corpus[82]: two supplements; "of the BlackRock Liquidity Funds" names the registrant.
    parsed = supplements(82)
    assert [s.registrant for s in parsed] == ["BlackRock Liquidity Funds"] * 2
    first = parsed[0].amendments
    assert isinstance(first[0].operation, ReplaceBlock)
    assert [type(a.operation) for a in first[1:]] == [Notice, Notice, Notice]
    assert first[3].document == DocumentKind.SAI


def test_several_instructions_share_the_paragraphs_below() -> None:
    # corpus[92]: a column of funds with their prospectus dates under "Fund" /
    # "Prospectuses dated"; one paragraph holds two instructions whose new text is
    # "the paragraphs below".
    (parsed,) = supplements(92)
    assert parsed.registrant is None
    assert parsed.portfolios[0] == "Columbia European Equity Fund"
    assert [str(d.date) for d in parsed.documents] == [
        "2010-12-30",
        "2011-08-01",
        "2012-01-27",
        "2011-04-11",
        "2011-06-29",
    ]
    unusual, defensive = parsed.amendments
    assert isinstance(unusual.operation, ReplaceSection)
    assert isinstance(defensive.operation, ReplaceSection)
    assert path_of(unusual) == (
        "Other Investment Strategies and Risks",
        "Unusual Market Conditions",
    )
    assert path_of(defensive) == ("Other Investment Strategies and Risks", "Investing Defensively")
    assert unusual.text == defensive.text
    assert unusual.text.startswith("Investing Defensively.")


def test_deleted_and_replaced_to_read() -> None:
    # corpus[97]: 'Under the heading "A" in the Prospectuses, the section entitled "B" is
    # deleted in its entirety and replaced to read as follows:'.
    replaced = amendment(97, "Proposed Reorganization")
    assert isinstance(replaced.operation, ReplaceSection)
    assert path_of(replaced) == ("The Hartford Tax-Free California Fund", "Proposed Reorganization")


def test_series_of_and_page_of_a_document() -> None:
    # corpus[107]: "(a series of JPMorgan Trust" / "I)" over two lines names the
    # registrant; "On the first page of the Risk/Return Summary of the A/C/Select
    # Prospectus" names the section, not the document.
    (parsed,) = supplements(107)
    assert parsed.registrant == "JPMorgan Trust I"
    assert parsed.portfolios == ("JPMorgan Global Focus Fund",)
    added = amendment(107, "On the first page of the Risk/Return Summary of the A/C")
    assert isinstance(added.operation, InsertBlocks)
    assert path_of(added) == ("Risk/Return Summary",)
    footnote = amendment(107, "On the fourth page of the Risk/Return Summary of the A/C")
    assert path_of(footnote) == ("Risk/Return Summary", "Average Annual Total Returns")


def test_series_of_in_a_title() -> None:
    text = (
        "ACME FUNDS\nAcme Growth Fund\n(a series of Acme Trust\nII)\n"
        "Supplement dated May 1, 2020 to the Prospectus dated March 1, 2020\n\n"
        'The section entitled "Risks" is deleted in its entirety.\n'
    )
    (parsed,) = parse_filing(text)
    assert parsed.registrant == "Acme Trust II"
    assert "Acme Growth Fund" in parsed.portfolios


@pytest.mark.parametrize(
    "text",
    ["", "  a  b ", "a\u00a0\u2003b\n\tc", "x\u200by\u00adz", "e\u0301t\u00e9", "\x1c a \x85"],
)
def test_tidy_is_clean_text(text: str) -> None:
    assert tidy(text) == clean_text(text)


def test_answers_are_not_kept_between_filings() -> None:
    text = fixture(47)
    assert looks_like_instruction.cache_info().currsize == 0
    first = parse_filing(text)
    assert looks_like_instruction.cache_info().currsize == 0
    assert parse_filing(text) == first
