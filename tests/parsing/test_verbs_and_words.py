"""Verbs, introducers and quoting as families write them; each from at least two fund
families (short examples modelled on the labelled filings)."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import BlockLocator, SentenceSpan
from prospectus_ledger.parsing import parse_filing, recognise


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # Franklin: "is hereby revised and replaced with".
        (
            "The description of the fund\u2019s market capitalization policy under Principal "
            "Investment Strategies in the fund\u2019s summary prospectus is hereby revised and "
            "replaced with the following:",
            "replace_section",
        ),
        (
            'The "Portfolio Managers" section is hereby amended and replaced by the following:',
            "replace_section",
        ),
        # Aberdeen: "The following amends the disclosure in the section labeled ...".
        (
            "The following amends the disclosure in the section labeled \u201cDistributions and "
            "Taxes\u2014Income and Capital Gains Distributions\u201d in the Prospectus:",
            "replace_section",
        ),
        # ProFunds: "amended by deleting ...".
        (
            "The section entitled \u201cProFunds VP Management\u201d under the heading "
            "\u201cPortfolio Management\u201d of the Funds\u2019 Prospectus is hereby amended by "
            "deleting reference to Michael Neches and all text in the related paragraph.",
            "delete_block",
        ),
        ('The section "Fees" is amended by deleting the second paragraph.', "delete_block"),
        # T. Rowe Price: a misprinted "as follow:".
        (
            "On page 8, the disclosure under \u201cPortfolio Management\u201d is supplemented as "
            "follow:",
            "insert_blocks",
        ),
        ('The section "Risks" is amended as follow:', "replace_section"),
    ],
)
def test_verbs(text: str, action: str) -> None:
    assert recognise(text).action == action


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # "labeled", "labelled" introduce a heading as "entitled" does.
        ('The following replaces the section labelled "Redemptions":', ("Redemptions",)),
        # An unquoted heading after an introducer.
        (
            "The following is added to the end of the section of each Prospectus entitled "
            "Intermediary-Defined Sales Charge Waiver Policies:",
            ("Intermediary-Defined Sales Charge Waiver Policies",),
        ),
        (
            "The section entitled Purchase of Shares, in the SAI, is deleted.",
            ("Purchase of Shares",),
        ),
        # "regarding X in the section entitled Y": X inside Y.
        (
            "The following information supplements the disclosure regarding Shareholder Fees in "
            'the section entitled "Fees and Expenses":',
            ("Fees and Expenses", "Shareholder Fees"),
        ),
        # A quote left open closes before the colon that ends the instruction.
        (
            "The following paragraph is added after the fourth paragraph of the section "
            "\u201cPurchase and Redemption of Fund Shares\u2014Additional Payments to Financial "
            "Intermediaries:",
            (
                "Purchase and Redemption of Fund Shares",
                "Additional Payments to Financial Intermediaries",
            ),
        ),
    ],
)
def test_places(text: str, path: tuple[str, ...]) -> None:
    assert recognise(text).path == path


@pytest.mark.parametrize(
    "text",
    [
        # Federated: a long quoted passage to delete, with an apostrophe inside.
        "Under the heading entitled \u201cHow is the Fund Sold?,\u201d please delete \u201cA share"
        "holder in the Fund's Class A Shares who holds the shares through an account with a "
        "financial intermediary that has entered into an agreement with the Fund's distributor "
        "may exchange them for Institutional Shares of the Fund if the shareholder meets the "
        "Institutional Shares' eligibility criteria and investment minimum, all as further "
        "described in the prospectus for the Institutional Shares,\u201d and replace with the "
        "following:",
        'Under the heading "Purchases," please delete "'
        + "x " * 150
        + '" and replace it with the following:',
    ],
)
def test_a_long_quoted_passage_is_not_the_instructions_own_words(text: str) -> None:
    found = recognise(text)
    assert found.action in ("replace_section", "replace_block")
    assert found.path
    assert found.path[0] in ("How is the Fund Sold?", "Purchases")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Under the heading entitled \u201cHow is the Fund Sold?,\u201d please delete the last "
            "sentence related to financial intermediary contact information and replace it with "
            "the following:",
            SentenceSpan(-1, None),
        ),
        (
            'In "Redemptions", the first sentence that begins "Shares may" is deleted.',
            SentenceSpan(0, 1),
        ),
    ],
)
def test_a_sentence_named_by_what_it_is_about(text: str, sentences: SentenceSpan) -> None:
    found = recognise(text)
    assert found.sentences == sentences
    assert found.locator is not None
    assert found.locator.kind == "paragraph"
    assert found.locator == BlockLocator("paragraph", found.locator.ordinal)


def test_a_quote_opened_at_the_end_of_a_line_goes_on_in_the_next_paragraph() -> None:
    html = (
        "<html><body><p>SUPPLEMENT DATED MAY 1, 2013 TO THE PROSPECTUS DATED JANUARY 1, 2013</p>"
        "<p>Under the heading entitled \u201c</p>"
        "<p>What are the Fund's Principal Investments?,\u201d please add the following as the "
        "second paragraph:</p><p>The Fund may invest in swaps.</p></body></html>"
    )
    (supplement,) = parse_filing(html)
    (amendment,) = [a for a in supplement.amendments if a.action == "insert"]
    assert amendment.target is not None
    assert amendment.target.path == ("What are the Fund's Principal Investments?",)
