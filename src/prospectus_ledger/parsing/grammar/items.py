"""Form N-1A's items: the headings every prospectus carries, with the variants filings print.

The SEC fixes what a summary prospectus says and in which order (Items 2 to
8 of Form N-1A): investment objective, fees and expenses, principal
investment strategies, principal risks, performance, management, purchase
and sale of fund shares, tax information, payments to financial
intermediaries.  Fund families word the headings differently ("Investment
Goal", "Fund Fees & Expenses", "Annual Total Returns", "Taxes", "Financial
Intermediary Compensation"); each row of :data:`ITEMS` reads one item in all
the wordings met, built from the words below.  :func:`item_of` answers which
item a heading is; the edition reader and the scripts that measure it ask
only this table.

Adding a wording is adding it to its row's words (or a new row); the tests
check every row against headings printed in real filings.
"""

from __future__ import annotations

import attrs

from ._engine import Rule, Table, Words
from .vocabulary import alt

__all__ = [
    "ITEMS",
    "ITEM_GROUPS",
    "ITEM_PREFIX",
    "PARTS",
    "SUMMARY_LEGEND",
    "Item",
    "item_of",
    "part_of",
    "run_in_item",
]


# Longer than any heading of an item: a paragraph.
_LONGEST = 120


@attrs.frozen
class Item:
    """One item of Form N-1A.

    Attributes:
        number: the item's number in the form ("4(b)(2)" for the bar chart and table).
        name: its heading as the form names it.
        key: a short name for it ("performance").
    """

    number: str
    name: str
    key: str


# -- the words item headings are made of ----------------------------------------------

# What a heading may say the item is of: "Principal Risks of Investing in the Fund".
_FUND_NOUNS = ("fund", "funds", "portfolio", "portfolios", "etf", "series", "trust")
_OF_FUND = (
    rf"(?: (?:of|for|in) (?:investing in )?(?:the|this|each|a|your) "
    rf"(?:[a-z.&'-]+ ){{0,6}}?{alt(_FUND_NOUNS)})?"
)
# What may stand before it: "The Fund's", "Fund", "Summary of".
_OWNER = rf"(?:(?:the )?(?:{alt(_FUND_NOUNS)}(?:'s|s')? |summary of (?:the )?))?"
_AND = "(?: and | & | and/or | ?/ ?)"
_OBJECTIVE = ("objective", "objectives", "objective(s)", "goal", "goals", "goal(s)")
_FEES = ("fees", "fee")
_EXPENSES = ("expenses", "expense")
_STRATEGY = ("strategy", "strategies")
_RISKS = ("risk", "risks")
_PERFORMANCE = (
    "performance",
    "past performance",
    "performance information",
    "performance history",
    "historical performance",
    "annual total returns",
    "annual total return",
    "risk/return bar chart and table",
    "bar chart and performance table",
    "performance bar chart and table",
)
# Who manages the fund: Item 5's heading, or its parts' under a management heading.
_ADVISERS = (
    "investment adviser",
    "investment advisers",
    "investment advisor",
    "investment advisors",
    "adviser",
    "advisor",
    "investment manager",
    "portfolio manager",
    "portfolio managers",
    "portfolio management",
)
_MANAGEMENT = (
    *_ADVISERS,
    "management",
    "investment management",
    "fund management",
    "investment adviser and portfolio managers",
    "investment advisor and portfolio managers",
    "manager",
)
_SHARES = ("fund shares", "shares", "portfolio shares", "etf shares")
_PURCHASE = (
    "purchase and sale",
    "purchase and redemption",
    "purchases and sales",
    "purchases and redemptions",
    "buying and selling",
    "purchasing and selling",
    "purchasing and redeeming",
    "buying and redeeming",
    "purchase, exchange and redemption",
)
_TAX = ("tax information", "taxes", "tax", "u.s. tax information", "taxation", "tax consequences")
_BROKERS = ("broker-dealers", "broker dealers", "brokers")
# "Intermediates" is a misprint filings carry.
_INTERMEDIARY = ("intermediaries", "intermediary", "intermediates")
_INTERMEDIARIES = (
    rf"(?:payments to (?:{alt(_BROKERS)}"
    rf"(?: (?:and|or) (?:other )?(?:financial )?{alt(_INTERMEDIARY)})?"
    rf"|(?:financial )?{alt(_INTERMEDIARY)})"
    rf"|(?:financial )?intermediary compensation"
    rf"|compensation (?:to|of) (?:financial )?{alt(_INTERMEDIARY)})"
)


_STRATEGIES = rf"(?:principal |main |primary )?(?:investment )?{alt(_STRATEGY)}"
_PRINCIPAL_RISKS = (
    rf"(?:principal |main |primary |summary of principal )(?:investment )?{alt(_RISKS)}"
)


def _whole(body: str) -> str:
    """A heading that is ``body`` whole, with what may stand before and after it."""
    return rf"^{_OWNER}{body}{_OF_FUND}$"


def _row(key: str, number: str, name: str, body: str) -> Rule[Item]:
    return Rule(key, _whole(body), Item(number, name, key))


ITEMS: Table[Item] = Table(
    "Form N-1A items",
    [
        _row(
            "objective",
            "2",
            "Investment Objective",
            rf"(?:investment )?{alt(_OBJECTIVE)}(?:{_AND}(?:investment )?{alt(_OBJECTIVE)})?",
        ),
        _row("fees", "3", "Fees and Expenses", rf"(?:annual )?{alt(_FEES)}{_AND}{alt(_EXPENSES)}"),
        _row("strategies", "4(b)(1)", "Principal Investment Strategies", _STRATEGIES),
        _row("risks", "4(b)(1)", "Principal Risks", _PRINCIPAL_RISKS),
        _row("performance", "4(b)(2)", "Performance", alt(_PERFORMANCE)),
        _row("management", "5", "Management", alt(_MANAGEMENT)),
        _row(
            "purchase",
            "6",
            "Purchase and Sale of Fund Shares",
            rf"{alt(_PURCHASE)}(?: of)?(?: {alt(_SHARES)})?",
        ),
        _row("tax", "7", "Tax Information", alt(_TAX)),
        _row(
            "intermediaries",
            "8",
            "Payments to Broker-Dealers and Other Financial Intermediaries",
            _INTERMEDIARIES,
        ),
    ],
)
"""Form N-1A's summary items, one row each; a heading matches a row whole."""

# The parts of an item printed as headings of their own, below its heading: the fee
# table's example and portfolio turnover (Item 3), the adviser and the portfolio managers
# (Item 5), and the strategies, risks and performance of Item 4 when a heading groups
# them ("Investments, Risks and Performance").
_FEE_PARTS = (
    "shareholder fees",
    "annual fund operating expenses",
    "annual portfolio operating expenses",
    "example",
    "expense example",
    "examples",
    "portfolio turnover",
    "portfolio turnover rate",
)
_MANAGEMENT_PARTS = (
    *_ADVISERS,
    "sub-adviser",
    "sub-advisers",
    "sub-advisor",
    "sub-advisors",
    "subadviser",
    "subadvisers",
    "investment sub-adviser",
    "management team",
    "investment team",
)
_RISK_RETURN = (
    rf"(?:investments?|principal investment strategies),? (?:principal )?risks?{_AND}performance"
)

PARTS: Table[Item] = Table(
    "parts of Form N-1A items",
    [
        Rule("a part of the fees", _whole(alt(_FEE_PARTS)), Item("3", "Fees and Expenses", "fees")),
        Rule(
            "a part of management",
            _whole(alt(_MANAGEMENT_PARTS)),
            Item("5", "Management", "management"),
        ),
        Rule(
            "a part of investments, risks and performance",
            _whole(rf"(?:{_STRATEGIES}|{_PRINCIPAL_RISKS}|{alt(_PERFORMANCE)})"),
            Item("4", "Investments, Risks and Performance", "risk/return"),
        ),
    ],
)
"""Headings of an item's parts; a row's :attr:`Item.key` names the item they belong to
(an item heading is read by :data:`ITEMS` first)."""

ITEM_GROUPS = Rule(
    "investments, risks and performance",
    _whole(_RISK_RETURN),
    Item("4", "Investments, Risks and Performance", "risk/return"),
)
"""A heading over Item 4's strategies, risks and performance."""

ITEM_PREFIX = Rule(
    "item number",
    r"^(?:item \d{1,2}[.:]? ?|\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)] )",
    "prefix",
)
"""A number printed before a heading ("Item 2.", "1.", "(a)"): not part of it."""

SUMMARY_LEGEND = Rule(
    "summary prospectus legend",
    # What stands between names the fund its own way: "the Weitz Multisector Bond ETF (the
    # "Fund") prospectus", "the Portfolio's Prospectus".
    r"\bbefore you invest,? you may want to review the [^.]{0,160}?\bprospectus\b",
    "legend",
)
"""The legend Rule 498 puts on every summary prospectus's cover ("Before you invest,
you may want to review the Fund's prospectus, which contains more information ...")."""


def _heading_words(text: str) -> Words:
    """A heading's words as the rows read them: single spaces, straight apostrophes, no
    number before it and no full stop or colon after it."""
    words = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    words = words.strip(" .:;\u2014\u2013-").replace("\u2014", " ").strip()
    read = Words(words)
    prefix = ITEM_PREFIX.match(read)
    if prefix is not None:
        read = read.slice(prefix.end())
    return read


def item_of(heading: str) -> Item | None:
    """The Form N-1A item a heading is, if it is one ("Fees and Expenses of the Fund" is
    Item 3)."""
    if len(heading) > _LONGEST:
        return None
    found = ITEMS.first(_heading_words(heading))
    return found[0].builds if found is not None else None


def part_of(heading: str) -> Item | None:
    """The item whose part a heading names ("Portfolio Turnover" is part of Item 3, "Sub-
    Adviser" of Item 5, "Principal Risks" of Item 4 under a heading that groups it), or
    ``None``."""
    if len(heading) > _LONGEST:
        return None
    words = _heading_words(heading)
    if ITEM_GROUPS.match(words) is not None:
        return None
    found = PARTS.first(words)
    return found[0].builds if found is not None else None


def group_of(heading: str) -> Item | None:
    """The Item 4 heading that groups strategies, risks and performance, if it is one."""
    if len(heading) > _LONGEST:
        return None
    hit = ITEM_GROUPS.match(_heading_words(heading))
    return ITEM_GROUPS.builds if hit is not None else None


def run_in_item(text: str) -> tuple[Item, int] | None:
    """An item's heading (or its part's) run into the paragraph it opens ("Investment
    Objective. The Fund seeks ...", "Example. This Example ..."), and where the
    paragraph's own text starts."""
    # Not a colon: "Investment manager: Delaware Management Company" is a glossary's term.
    for mark in (". ", " \u2014 ", " - "):
        cut = text.find(mark, 0, 120)
        if cut <= 0:
            continue
        start = cut + len(mark)
        # The paragraph's own text starts a sentence: "Taxes. The Fund's distributions ...".
        if text[start : start + 1].isupper():
            item = item_of(text[:cut]) or part_of(text[:cut])
            if item is not None:
                return item, start
    return None
