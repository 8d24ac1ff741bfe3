"""Form N-1A's items: their headings in the wordings real filings print."""

from __future__ import annotations

import pytest

from prospectus_ledger.parsing.grammar import Words
from prospectus_ledger.parsing.grammar.items import (
    ITEMS,
    SUMMARY_LEGEND,
    group_of,
    item_of,
    part_of,
    run_in_item,
)

# Headings as printed in the summary prospectuses of eleven families (GMO, Voya, Virtus,
# Value Line, Invesco, Natixis, Tradr, Volumetric, Acuitas, Weitz, Vanguard, iShares).
PRINTED = {
    "objective": [
        "Investment Objective",
        "Investment objective",
        "Investment Goal",
        "Investment Objective(s)",
        "INVESTMENT OBJECTIVES / GOALS",
        "Investment Objective.",
        "The Fund's Investment Objective",
        "Item 2. Investment Objective:",
    ],
    "fees": [
        "Fees and Expenses",
        "Fees and expenses",
        "Fees and Expenses of the Fund",
        "Fees and Expenses of the Portfolio",
        "Fund Fees & Expenses",
    ],
    "strategies": [
        "Principal Investment Strategies",
        "Principal investment strategies of the Fund",
        "PRINCIPAL INVESTMENT STRATEGIES",
    ],
    "risks": [
        "Principal Risks",
        "Principal risks of investing in the Fund",
        "Summary of Principal Risks",
        "PRINCIPAL INVESTMENT RISKS",
        "Principal Risks of Investing in the Weitz Multisector Bond ETF",
    ],
    "performance": [
        "Performance",
        "Performance Information",
        "Fund performance",
        "Annual Total Returns",
    ],
    "management": [
        "Management",
        "Management of the Fund",
        "Portfolio Management",
        "Investment Advisor",
        "Investment Adviser",
        "INVESTMENT ADVISER",
    ],
    "purchase": [
        "Purchase and Sale of Fund Shares",
        "Purchase and sale of Fund shares",
        "Purchase and Sale of Portfolio Shares",
        "PURCHASE AND SALE OF SHARES",
    ],
    "tax": ["Tax Information", "Taxes", "U.S. tax information", "TAX INFORMATION"],
    "intermediaries": [
        "Payments to Broker-Dealers and Other Financial Intermediaries",
        "Payments to broker-dealers and other financial intermediaries",
        "Payments to Financial Intermediaries",
        "Financial intermediary compensation",
        "PAYMENTS TO BROKER-DEALERS AND FINANCIAL INTERMEDIATES",
        "Payments to Broker-Dealers or Other Financial Intermediaries",
    ],
}


@pytest.mark.parametrize(
    ("key", "heading"),
    [(key, heading) for key, headings in PRINTED.items() for heading in headings],
)
def test_item_headings_as_printed(key: str, heading: str) -> None:
    found = item_of(heading)
    assert found is not None
    assert found.key == key


def test_every_item_row_is_printed_by_some_filing() -> None:
    assert {rule.builds.key for rule in ITEMS} == set(PRINTED)


@pytest.mark.parametrize(
    "text",
    [
        "Example",
        "Portfolio Turnover",
        "Management Risk",
        "Investments, Risks and Performance",
        "Summary Prospectus",
        "Annual Fund Operating Expenses",
        "Shareholder Information",
        "More Information About the Fund",
        "Fees and expenses are described in the table below, which you should read.",
    ],
)
def test_what_is_no_item_heading(text: str) -> None:
    assert item_of(text) is None


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("Example", "fees"),
        ("Expense Example", "fees"),
        ("Portfolio Turnover", "fees"),
        ("Sub-Adviser", "management"),
        ("Portfolio Managers", "management"),
        ("Portfolio Manager", "management"),
        ("Principal Risks", "risk/return"),
        ("Performance Information", "risk/return"),
    ],
)
def test_the_parts_of_items(heading: str, item: str) -> None:
    found = part_of(heading)
    assert found is not None
    assert found.key == item


def test_a_heading_that_groups_item_four() -> None:
    group = group_of("Investments, Risks and Performance")
    assert group is not None
    assert group.key == "risk/return"
    assert part_of("Investments, Risks and Performance") is None
    assert group_of("Principal Risks") is None


@pytest.mark.parametrize(
    ("text", "key", "rest"),
    [
        ("Investment Objective. The primary investment objective is income.", "objective", "The"),
        ("Fees and Expenses of the Fund. This table describes the fees.", "fees", "This"),
        ("Example. This Example is intended to help you.", "fees", "This"),
        ("Tax Information \u2014 The Fund's distributions are taxable.", "tax", "The"),
    ],
)
def test_a_heading_run_into_its_paragraph(text: str, key: str, rest: str) -> None:
    found = run_in_item(text)
    assert found is not None
    item, start = found
    assert item.key == key
    assert text[start:].startswith(rest)


@pytest.mark.parametrize(
    "text",
    [
        # A glossary's term, not a heading: a colon follows it.
        "Investment manager: Delaware Management Company, a series of Macquarie.",
        # A sentence that starts with an item's words goes on in lower case.
        "Taxes. the Fund pays none.",
        "Management Risk. The Fund is actively managed.",
    ],
)
def test_what_is_no_run_in_heading(text: str) -> None:
    assert run_in_item(text) is None


@pytest.mark.parametrize(
    "legend",
    [
        "Before you invest, you may want to review the Fund's prospectus, which contains more "
        "information about the Fund and its risks.",
        "Before you invest, you may want to review the portfolio's Prospectus, which contains",
        "Before you invest, you may want to review the Weitz Multisector Bond ETF (the Fund ) "
        "prospectus, which contains more information",
        "BEFORE YOU INVEST, YOU MAY WANT TO REVIEW THE FUND'S STATUTORY PROSPECTUS",
    ],
)
def test_the_summary_prospectus_legend(legend: str) -> None:
    assert SUMMARY_LEGEND.found(Words(legend))


def test_a_prospectus_that_is_no_summary_carries_no_legend() -> None:
    text = "Before you invest, please read this prospectus carefully. It contains information."
    assert not SUMMARY_LEGEND.found(Words(text))
