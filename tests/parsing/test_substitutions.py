"""Words changed wherever they stand: references replaced or deleted, renames, rename
tables; each phrasing from at least two fund families, short and on the real filing."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import Notice, SubstituteText
from prospectus_ledger.parsing import recognise
from prospectus_ledger.tree import DocumentKind

from .labelled import amendments


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # VALIC Company I: unquoted names, "replaced with references to".
        (
            "All references to SunAmerica as subadviser to the Fund-of-Funds Component are "
            "replaced with references to AllianceBernstein.",
            (("SunAmerica", "AllianceBernstein"),),
        ),
        # Vanguard: names with their short forms, and where the references are.
        (
            "All references to William Blair & Company, L.L.C. (William Blair & Company) in the "
            "prospectus and summary prospectus are hereby replaced with William Blair Investment "
            "Management, LLC (WBIM).",
            (
                ("William Blair & Company, L.L.C.", "William Blair Investment Management, LLC"),
                ("William Blair & Company", "WBIM"),
            ),
        ),
        # Nationwide: "will mean".
        (
            "Effective April 17, 2009, all references in your prospectus to Delaware Delchester "
            "Fund: Institutional Class will mean Delaware High-Yield Opportunity Fund: "
            "Institutional Class.",
            (
                (
                    "Delaware Delchester Fund: Institutional Class",
                    "Delaware High-Yield Opportunity Fund: Institutional Class",
                ),
            ),
        ),
        # Virtus: "changed to:" and a new text that runs on with "and all ...".
        (
            "All references to those addresses previously listed in Providence, RI are hereby "
            "changed to: Virtus Mutual Funds, P.O. Box 534470, Pittsburgh, PA 15253-4470, and all "
            "express delivery addresses previously listed are changed as well.",
            (
                (
                    "those addresses previously listed",
                    "Virtus Mutual Funds, P.O. Box 534470, Pittsburgh, PA 15253-4470",
                ),
            ),
        ),
        # Met Investors: lists paired "respectively", unquoted.
        (
            "Effective January 2, 2008, all references to Class A shares and Class B shares of "
            "the Portfolios are changed to Class I shares and Class P shares, respectively.",
            (("Class A shares", "Class I shares"), ("Class B shares", "Class P shares")),
        ),
        # Invesco: quoted lists whose commas stand inside the quotes.
        (
            "All references to \u201cA Growth Fund,\u201d \u201cB Company Fund\u201d and "
            "\u201cC Markets Fund\u201d are replaced with \u201cD Growth Fund,\u201d "
            "\u201cE Company Fund\u201d and \u201cF Markets Fund,\u201d respectively.",
            (
                ("A Growth Fund", "D Growth Fund"),
                ("B Company Fund", "E Company Fund"),
                ("C Markets Fund", "F Markets Fund"),
            ),
        ),
    ],
)
def test_references_replaced(text: str, pairs: tuple[tuple[str, str], ...]) -> None:
    found = recognise(text)
    assert (found.action, found.pairs) == ("substitute", pairs)


@pytest.mark.parametrize(
    ("text", "old"),
    [
        (  # Goldman Sachs: where the references are, after the verb.
            "All references to Ms. Trillo are hereby deleted from the Funds\u2019 Summary "
            "Prospectuses, Prospectuses and Statement of Additional Information.",
            "Ms. Trillo",
        ),
        ("All references to Mr. Roberts will be deleted at that time.", "Mr. Roberts"),
        (
            "References to the Chicago Mercantile Exchange are hereby deleted.",
            "Chicago Mercantile Exchange",
        ),
        (  # Fidelity: a command.
            "Accordingly, please remove all references to Mr. Triplett from the Fund\u2019s "
            "Summary Prospectus, Prospectus and Statement of Additional Information.",
            "Mr. Triplett",
        ),
        (
            "All references to Mr. Irfan in the Summary Prospectuses, Prospectuses and SAI are "
            "deleted in their entirety.",
            "Mr. Irfan",
        ),
    ],
)
def test_references_deleted(text: str, old: str) -> None:
    found = recognise(text)
    assert (found.action, found.pairs) == ("substitute", ((old, ""),))


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (  # First Trust: "X's name is changed to "Y."".
            "First Trust ISE Chindia Index Fund\u2019s name is changed to "
            "\u201cFirst Trust Chindia ETF.\u201d",
            (("First Trust ISE Chindia Index Fund", "First Trust Chindia ETF"),),
        ),
        (  # Aberdeen: "the name of X changed to Y", a defined term after X.
            "Effective October 31, 2015, the name of the Aberdeen U.S. Equity Fund changed to "
            "the Aberdeen U.S. Multi-Cap Equity Fund.",
            (("Aberdeen U.S. Equity Fund", "Aberdeen U.S. Multi-Cap Equity Fund"),),
        ),
        (  # Franklin Templeton: the sentence goes on after the new name.
            "Class R shares will be renamed Class I shares and will be available for (i) "
            "purchases of $1 million or more.",
            (("Class R shares", "Class I shares"),),
        ),
        (  # John Hancock: "will change from A to B".
            "Effective September 20, 2021, the TTY phone number will change from 800-231-5469 "
            "to 888-999-4721.",
            (("800-231-5469", "888-999-4721"),),
        ),
    ],
)
def test_renames(text: str, pairs: tuple[tuple[str, str], ...]) -> None:
    found = recognise(text)
    assert (found.action, found.pairs) == ("substitute", pairs)


@pytest.mark.parametrize(
    "text",
    [
        "Effective November 1, 2025, the Funds will be renamed as follows:",
        "On or about May 1, 2014, the names of the Portfolios listed above, will change as "
        "indicated in the table below:",
    ],
)
def test_renames_listed_in_a_table(text: str) -> None:
    found = recognise(text)
    assert (found.action, found.renames_below, found.takes_content) == ("substitute", True, True)


def test_a_rename_table_gives_one_substitution_per_row() -> None:
    # AMG Funds (a table of two rows) and EQ Advisors Trust (a table read as lines).
    renamed = [a.operation for a in amendments("f42782d1.htm") if a.action == "substitute"]
    assert len(set(renamed)) == 2  # each row, once for each document the supplement names
    assert all(isinstance(operation, SubstituteText) and operation.new for operation in renamed)
    eq = [a.operation for a in amendments("d678654d497.htm") if a.action == "substitute"]
    assert eq[0] == SubstituteText(
        "EQ/AXA Franklin Small Cap Value Core Portfolio",
        "AXA/Franklin Small Cap Value Managed Volatility Portfolio",
    )


def test_words_changed_everywhere_go_to_each_document_named() -> None:
    # First Trust: four renames under a lead-in that names the Prospectus and the SAI.
    renamed = [a for a in amendments("000144554616011752") if a.action == "substitute"]
    assert len(renamed) == 8
    assert [a.document for a in renamed[:2]] == [DocumentKind.PROSPECTUS, DocumentKind.SAI]
    assert (
        renamed[0].operation
        == renamed[1].operation
        == SubstituteText("First Trust ISE Chindia Index Fund", "First Trust Chindia ETF")
    )


@pytest.mark.parametrize("key", ["d65910d497k.htm", "d11365d497k.htm"])
def test_news_then_a_deletion_in_one_paragraph(key: str) -> None:
    # Goldman Sachs: "X will no longer serve ... All references to X are deleted ...".
    found = amendments(key)
    news = [a for a in found if isinstance(a.operation, Notice)]
    deleted = [a for a in found if a.action == "delete" and a.target is None]
    assert news
    assert deleted
    assert "no longer serve" in news[0].words
    assert deleted[0].operation.old.startswith("M")  # type: ignore[union-attr]


def test_bullets_that_are_instructions_are_read_one_by_one() -> None:
    # Macquarie: a lead-in, then bullets: a substitution, then an addition with its text.
    found = amendments("macqurie09102025497.htm")
    substituted = [a.operation for a in found if a.action == "substitute"]
    assert SubstituteText("MIMBT", "Nomura Investment Management Business Trust") in substituted
    assert any(a.action == "insert" and a.target is not None for a in found)
