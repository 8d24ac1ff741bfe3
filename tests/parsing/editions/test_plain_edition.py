"""EDGAR plain-text editions, on a hand-written fixture (illustrative: true, not a filing)."""

from __future__ import annotations

import re

import pendulum
import pytest

from prospectus_ledger.parsing.editions import (
    EditionDetails,
    looks_like_edition,
    parse_edition_details,
    parse_editions,
)
from prospectus_ledger.tree import (
    BulletList,
    DocumentKind,
    Paragraph,
    Table,
    block_text,
    locate_section,
    walk,
)


def test_documents_and_metadata(acme: EditionDetails) -> None:
    assert [d.kind for d in acme.documents] == [DocumentKind.PROSPECTUS, DocumentKind.SAI]
    assert acme.registrant == "ACME SAMPLE TRUST"
    assert acme.cik == "999999"
    assert acme.form == "485BPOS"
    assert acme.source.accession == "0000999999-07-000012"
    assert acme.source.filed == pendulum.date(2007, 4, 27)
    for document in acme.documents:
        assert document.date == pendulum.date(2007, 5, 1)
        assert document.registrant == "ACME SAMPLE TRUST"
        # Names from the EDGAR header's series, matched to the cover's capitals.
        assert document.portfolios == ("Acme Growth Fund", "Acme Income Fund")
        # The fixture says it is hand-written; so do its documents.
        assert document.illustrative


def test_series_and_classes_from_the_header(acme: EditionDetails) -> None:
    assert [(s.id, s.name) for s in acme.series] == [
        ("S000099991", "Acme Growth Fund"),
        ("S000099992", "Acme Income Fund"),
    ]
    assert [(c.id, c.name, c.ticker) for c in acme.series[0].classes] == [
        ("C000099991", "Class A", "ACGAX"),
        ("C000099992", "Class B", "ACGBX"),
    ]


def test_centred_and_capitalised_headings_make_the_tree(acme: EditionDetails) -> None:
    prospectus = acme.document("prospectus")
    assert [s.heading for s in prospectus.sections] == [
        "ACME GROWTH FUND",
        "ACME INCOME FUND",
        "MANAGEMENT",
        "SHAREHOLDER INFORMATION",
    ]
    growth = prospectus.sections[0]
    assert growth.portfolio == "Acme Growth Fund"
    assert [c.heading for c in growth.children] == [
        "INVESTMENT OBJECTIVE",
        "PRINCIPAL INVESTMENT STRATEGIES",
        "FEES AND EXPENSES",
    ]
    assert prospectus.sections[2].portfolio is None
    # Underlined mixed-case headings sit under the centred capitals.
    assert [c.heading for c in prospectus.sections[2].children] == [
        "The Adviser",
        "Portfolio Managers",
    ]
    objective = locate_section(
        prospectus, ["Investment Objective"], portfolio="Acme Income Fund"
    ).section
    assert objective.blocks == (Paragraph("The Fund seeks a high level of current income."),)
    levels = {(h.text, h.level) for h in acme.parts[0].headings}
    assert {("MANAGEMENT", 1), ("The Adviser", 2), ("FEES AND EXPENSES", 2)} <= levels


def test_bullets_and_tables(acme: EditionDetails) -> None:
    prospectus = acme.document("prospectus")
    strategies = locate_section(
        prospectus, ["Principal Investment Strategies"], portfolio="Acme Growth Fund"
    ).section
    assert strategies.blocks[1] == BulletList(
        ["strong earnings growth;", "sound balance sheets; and", "experienced management."]
    )
    fees = locate_section(prospectus, ["Fees and Expenses"]).section
    table = fees.blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (
        ("Class A", "Class B"),
        ("Management fee", "0.75%", "0.75%"),
        ("Distribution (12b-1) fees", "0.25%", "1.00%"),
        ("Total annual fund operating expenses", "1.25%", "2.00%"),
    )


def test_furniture_contents_and_other_parts_are_left_out(acme: EditionDetails) -> None:
    for document, details in zip(acme.documents, acme.parts, strict=True):
        text = "\n".join(
            [located.section.heading for located in walk(document.sections)]
            + [block_text(b) for located in walk(document.sections) for b in located.section.blocks]
        )
        assert "ACME SAMPLE TRUST PROSPECTUS" not in text
        assert "STATEMENT OF ADDITIONAL INFORMATION" not in text
        assert "TABLE OF CONTENTS" not in text
        assert "......" not in text
        assert not re.search(r"^(?:B-)?\d$", text, re.MULTILINE)
        for outside in ("PART C", "SIGNATURES", "Exact Name of Registrant", "Declaration of Trust"):
            assert outside not in text
        reasons = {item.reason for item in details.left_out}
        assert reasons == {"page number", "running header"}
    assert [(e.text, e.level) for e in acme.parts[0].contents[:3]] == [
        ("ACME GROWTH FUND", 1),
        ("Investment Objective", 2),
        ("Principal Investment Strategies", 2),
    ]
    sai = acme.document("sai")
    assert [s.heading for s in sai.sections] == [
        "INVESTMENT RESTRICTIONS",
        "MANAGEMENT OF THE TRUST",
        "INVESTMENT ADVISORY SERVICES",
        "PORTFOLIO TRANSACTIONS",
    ]
    # The SAI's cover (no table of contents) is front matter, not sections.
    assert Paragraph("May 1, 2007") in acme.parts[1].front_matter


def test_without_the_edgar_header(acme_text: str) -> None:
    body = acme_text.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    assert looks_like_edition(body)  # the facing page says so
    details = parse_edition_details(body)
    assert details.form is None
    assert details.registrant == "ACME SAMPLE TRUST"  # from the facing page
    assert details.series == ()
    assert details.documents[0].portfolios == ("ACME GROWTH FUND", "ACME INCOME FUND")
    # Without its "illustrative: true" note the text is taken at its word.
    assert not details.documents[0].illustrative
    assert next(s.heading for s in details.documents[1].sections) == "INVESTMENT RESTRICTIONS"


def test_line_numbers_count_from_the_start_of_the_file(
    acme: EditionDetails, acme_text: str
) -> None:
    lines = acme_text.splitlines()
    for details in acme.parts:
        for heading in details.headings:
            assert heading.text in lines[heading.line - 1]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bytes_and_line_endings(acme_text: str, newline: str) -> None:
    data = acme_text.replace("\n", newline).encode("cp1252")
    documents = parse_editions(data)
    assert [s.heading for s in documents[0].sections][:2] == [
        "ACME GROWTH FUND",
        "ACME INCOME FUND",
    ]
