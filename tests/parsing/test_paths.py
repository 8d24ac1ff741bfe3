"""The heading-path grammar: how instructions of many fund families name their place."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import BlockLocator, SentenceSpan
from prospectus_ledger.parsing import recognise

from .labelled import amendments


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # Putnam: a quoted heading under another holds the one before it.
        (
            '4. In "How to Buy Shares," the section entitled "Class A Shares" under "Classes of '
            'Shares" on page 11 is changed to read as follows:',
            ("How to Buy Shares", "Classes of Shares", "Class A Shares"),
        ),
        # Eaton Vance: the same, after the verb's object.
        (
            "1. The following is added to \u201cInterest Rate Risk.\u201d under \u201cInvestment "
            "Objectives & Principal Policies and Risks\u201d:",
            ("Investment Objectives & Principal Policies and Risks", "Interest Rate Risk"),
        ),
        (
            "The following replaces the last row of the sales charge table in \u201cClass A "
            "Front-End Sales Charge\u201d under \u201cSales Charges\u201d:",
            ("Sales Charges", "Class A Front-End Sales Charge"),
        ),
        # ... but "the "X" section under the heading "Y"" names Y inside X.
        (
            'the information found in the "A" section under the heading "B" is replaced as '
            "follows:",
            ("A", "B"),
        ),
        # BlackRock: a quoted name with its noun after it.
        (
            "Effective immediately, the \u201cLarge Shareholder\u201d risk in the \u201cMore on "
            "Risks of Investing in the Funds\u201d section of the Retail Prospectus is deleted "
            "in its entirety and replaced with the following:",
            ("More on Risks of Investing in the Funds", "Large Shareholder"),
        ),
        # A bare quoted heading after "added to".
        (
            "4. For Eaton Vance Government Obligations Fund only, the following is added to "
            "\u201cInvestment Objectives & Principal Policies and Risks\u201d:",
            ("Investment Objectives & Principal Policies and Risks",),
        ),
        # Unquoted: a table's name inside its section.
        (
            "Accordingly, effective immediately, the Funds\u2019 Annual Fund Operating Expenses "
            "table footnote in the Fees and Expenses section of the Summary and Statutory "
            "Prospectuses is revised as follows:",
            ("Fees and Expenses", "Annual Fund Operating Expenses"),
        ),
        (
            "The following is added as the penultimate row to the Average Annual Total Returns "
            "table under the \u201cSummary \u2014 Aberdeen U.S. Equity Fund \u2014 "
            "Performance\u201d section of the Fund\u2019s prospectus:",
            ("Summary", "Aberdeen U.S. Equity Fund", "Performance", "Average Annual Total Returns"),
        ),
        # Vanguard: unquoted headings, "within".
        (
            "the text under the heading Frequent-Trading Limitations within the Investing With "
            "Vanguard section is amended to read as follows:",
            ("Investing With Vanguard", "Frequent-Trading Limitations"),
        ),
        # A lower-case section name.
        (
            "The portfolio manager section of the prospectus is hereby restated as follows:",
            ("portfolio manager",),
        ),
        # Jackson: a numbered section with its title.
        (
            "The following sentence is added at the end of the second paragraph in section 6.b "
            "Daily Lock Income Benefit, under the section entitled \u201cHow is the charge for "
            "the rider calculated.\u201d",
            ("section 6.b Daily Lock Income Benefit", "How is the charge for the rider calculated"),
        ),
        # An anchor inside the place: after a heading of the place.
        (
            "The Section of the Fund's Statement of Additional Information entitled \"Investment "
            'Policies and Restrictions" is hereby amended to add the following language after '
            '"Investment Policies and Restrictions - Lending of Securities":',
            ("Investment Policies and Restrictions", "Lending of Securities"),
        ),
        # ... and an anchor that is no heading: the place stays.
        (
            "Under \u201cSummary \u2014 Aberdeen Fund \u2014 Fees and Expenses of the Fund\u201d "
            "on page 43, the following footnote 2 is added after \u201cAcquired Fund Fees and "
            "Expenses\u201d in the fee table:",
            ("Summary", "Aberdeen Fund", "Fees and Expenses of the Fund"),
        ),
        # A fund's part of the document is no heading.
        (
            "The first paragraph in each Portfolio's section of the Prospectus entitled "
            '"Portfolio Summary\u2014Fees and Expenses" is hereby deleted and replaced with '
            "the following:",
            ("Portfolio Summary", "Fees and Expenses"),
        ),
    ],
)
def test_paths(text: str, path: tuple[str, ...]) -> None:
    assert recognise(text).path == path


@pytest.mark.parametrize(
    "text",
    [
        "This section of the disclosure is hereby revised as follows:",
        "The disclosure in this section is hereby deleted in its entirety and replaced with the "
        "following:",
    ],
)
def test_pointing_words_name_no_heading(text: str) -> None:
    assert recognise(text).path == ()


def test_a_run_in_caption_names_the_place_of_what_follows() -> None:
    # First Trust: "PROSPECTUS - INDEX INFORMATION - FIRST TRUST CHINDIA ETF. This section
    # ... is revised as follows:" and lettered items under it.
    found = [a for a in amendments("000144554618002979") if a.action == "replace"]
    assert len(found) == 4
    assert {a.target.path for a in found if a.target is not None} == {
        ("INDEX INFORMATION", "FIRST TRUST CHINDIA ETF"),
        ("INDEX INFORMATION", "FIRST TRUST NATURAL GAS ETF"),
    }
    assert found[0].operation.sentences == SentenceSpan(0, 1)  # type: ignore[union-attr]
    # First Trust again: '"Non-Diversification Risk" is hereby deleted from the section
    # entitled "Principal Risks."' under the caption "Prospectus - Principal Risks."
    deleted = next(a for a in amendments("000144554618002742") if "Non-Div" in a.words)
    assert deleted.target is not None
    assert deleted.target.path == ("Principal Risks", "Non-Diversification Risk")


def test_a_place_followed_by_items_names_their_place() -> None:
    # MainStay: '2. The "Know With Whom You Are Investing: Who Manages Your Money?" section
    # of the Prospectus is revised as follows:' then "a. The first sentence ...", "b. ...",
    # and "3." starts a place of its own.
    found = [a for a in amendments("tv529902_497.htm") if a.action == "replace"]
    paths = list(dict.fromkeys((a.words, a.target.path) for a in found if a.target is not None))
    place = ("Know With Whom You Are Investing: Who Manages Your Money?",)
    assert [path for _, path in paths] == [place, place, ("Principal Investment Strategies",)]
    assert found[0].operation.locator == BlockLocator("paragraph", 1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("key", "paths"),
    [
        # Pioneer: "The following supplements the corresponding section of the prospectus."
        (
            "pf041703497e.txt",
            [("MANAGEMENT", "INVESTMENT ADVISER"), ("MANAGEMENT", "MANAGEMENT FEE")],
        ),
        (
            "pf103103497e.txt",
            [
                (
                    "BUYING, EXCHANGING AND SELLING SHARES",
                    "GENERAL RULES ON BUYING, EXCHANGING AND SELLING YOUR FUND SHARES",
                    "MINIMUM INVESTMENT AMOUNTS",
                )
            ],
        ),
    ],
)
def test_the_corresponding_section_is_named_by_the_new_texts_headings(
    key: str, paths: list[tuple[str, ...]]
) -> None:
    found = [a for a in amendments(key) if a.action in ("insert", "replace")]
    assert [a.target.path for a in found if a.target is not None] == paths


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # ProFunds: "the section entitled X under the heading Y" is Y, then X.
        (
            "The section entitled \u201cProFunds VP Management\u201d under the heading "
            "\u201cPortfolio Management\u201d of the Funds\u2019 Prospectus is hereby amended by "
            "deleting reference to Michael Neches.",
            ("Portfolio Management", "ProFunds VP Management"),
        ),
        (
            'The paragraph captioned "Fees" under the heading "Summary" is deleted.',
            ("Summary", "Fees"),
        ),
        # (But "the "X" section under the heading "Y"" names Y inside X.)
        ('The "Fees" section under the heading "Summary" is deleted.', ("Fees", "Summary")),
        # J.P. Morgan: a verb between a named part and the place that holds it.
        (
            'The "Significant Holding Risk" disclosure will be deleted under "Main Risks".',
            ("Main Risks", "Significant Holding Risk"),
        ),
        # Legg Mason: "(\u201cSAI\u201d)" defines a word, "the Funds' Statements of
        # Additional Information" is a document, "listed in Schedule A" names funds.
        (
            "With respect to all Funds listed in Schedule A, the following text replaces the "
            "corresponding text found in the Funds\u2019 Statements of Additional Information "
            "(\u201cSAI\u201d) under the heading \u201cDisclosure of Portfolio Holdings\u201d:",
            ("Disclosure of Portfolio Holdings",),
        ),
        ('The following replaces "Appendix A" in its entirety:', ("Appendix A",)),
        ("Appendix A is deleted in its entirety.", ("Appendix A",)),
    ],
)
def test_more_paths(text: str, path: tuple[str, ...]) -> None:
    assert recognise(text).path == path


def test_the_words_a_substitution_changes_are_no_place() -> None:
    found = recognise("All references to Appendix A are deleted from the prospectus.")
    assert (found.action, found.path, found.old) == ("substitute", (), "Appendix A")
    scoped = recognise('All references to Class B in the "Fees" section are deleted.')
    assert (scoped.action, scoped.path) == ("substitute", ("Fees",))
