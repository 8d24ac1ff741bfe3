"""The real case: the Delaware Group Equity Funds II 485BPOS (prospectus and SAI, April 1, 2024)."""

from __future__ import annotations

import json
import re

import pendulum
import pytest

from prospectus_ledger import heading_key
from prospectus_ledger.parsing.editions import (
    EditionDetails,
    looks_like_edition,
    parse_editions,
)
from prospectus_ledger.tree import (
    BulletList,
    Document,
    DocumentKind,
    Paragraph,
    Section,
    Table,
    block_text,
    find_sections,
    locate_section,
    walk,
)

from .conftest import DELAWARE, load_heading_accuracy

SHA256 = "83e7685806961ff955ca188bd03b99f123c6194f3375b4f8106b5813ddd8af5a"


def _all_text(document: Document) -> str:
    parts: list[str] = []
    for located in walk(document.sections):
        parts.append(located.section.heading)
        parts.extend(block_text(block) for block in located.section.blocks)
    return "\n".join(parts)


def _section(document: Document, *path: str) -> Section:
    return locate_section(document, path).section


def _line_of(details: EditionDetails, kind: str, text: str) -> list[tuple[int, int]]:
    part = details.parts[[d.kind.value for d in details.documents].index(kind)]
    return [(h.line, h.level) for h in part.headings if heading_key(h.text) == heading_key(text)]


# -- documents and metadata ---------------------------------------------------


def test_splits_into_prospectus_and_sai(delaware: EditionDetails) -> None:
    assert [d.kind for d in delaware.documents] == [DocumentKind.PROSPECTUS, DocumentKind.SAI]
    assert [(p.first_line, p.title) for p in delaware.parts] == [
        (375, "Prospectus"),
        (8332, "Statement of Additional Information"),
    ]
    # Part C starts at line 13859: the SAI ends before it.
    assert 13800 < delaware.parts[1].last_line < 13859
    assert delaware.parts[0].last_line < 8332


def test_registrant_date_and_portfolios(delaware: EditionDetails) -> None:
    assert delaware.registrant == "DELAWARE GROUP EQUITY FUNDS II"
    assert delaware.cik == "27574"  # without its leading zeros, as every CIK is kept
    assert delaware.form == "485BPOS"
    for document in delaware.documents:
        assert document.registrant == "DELAWARE GROUP EQUITY FUNDS II"
        # The cover date, not the fiscal period end (dei:DocumentPeriodEndDate 2023-11-30).
        assert document.date == pendulum.date(2024, 4, 1)
        assert document.portfolios == ("Delaware Value Fund",)
        assert document.complete
        assert not document.illustrative
        assert document.source is not None
        assert document.source.sha256 == SHA256
        assert document.source.name == "base.html"
    assert delaware.documents[0].edition == (
        "prospectus of DELAWARE GROUP EQUITY FUNDS II dated 2024-04-01"
    )


def test_series_and_class_identifiers(delaware: EditionDetails) -> None:
    (series,) = delaware.series
    assert series.id == "S000002391"
    assert series.name == "Delaware Value Fund"
    classes = {c.ticker: (c.id, c.name) for c in series.classes}
    assert classes == {
        "DDVAX": ("C000006333", "Class A"),
        "DDVCX": ("C000006335", "Class C"),
        "DDVRX": ("C000031061", "Class R"),
        "DDVIX": ("C000006336", "Institutional Class"),
        "DDZRX": ("C000171459", "Class R6"),
    }
    assert delaware.series_named("Delaware Value® Fund") == series


def test_parse_editions_returns_the_documents(
    delaware: EditionDetails, delaware_bytes: bytes
) -> None:
    documents = parse_editions(delaware_bytes)
    assert [d.kind for d in documents] == [d.kind for d in delaware.documents]
    # Without a source, the documents still name the filing by its SHA-256.
    assert documents[0].source is not None
    assert documents[0].source.sha256 == SHA256
    assert documents[0].source.name is None
    assert [d.sections for d in documents] == [d.sections for d in delaware.documents]
    assert delaware.document("sai") is delaware.documents[1]


def test_looks_like_an_edition_and_supplements_do_not(delaware_bytes: bytes) -> None:
    assert looks_like_edition(delaware_bytes)
    for path in ("supplements.jsonl", "related_other_editions.jsonl"):
        for line in (DELAWARE / path).read_text(encoding="utf-8").splitlines():
            assert not looks_like_edition(json.loads(line)["text"])


# -- the heading tree ---------------------------------------------------------


def test_sai_portfolio_managers_conflicts(delaware: EditionDetails) -> None:
    sai = delaware.document("sai")
    (located,) = find_sections(
        sai, ["Portfolio Managers", "Description of Material Conflicts of Interest"]
    )
    assert len(located.indices) == 2
    assert located.headings[0] == "Portfolio Managers"
    blocks = located.section.blocks
    assert blocks
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text.startswith("Individual portfolio managers may perform")
    assert "The Manager has adopted procedures designed to allocate investments fairly" in (
        located.section.text
    )
    # The running header and page number "33 Portfolio Managers" on the next page are furniture.
    texts = [block_text(block) for block in blocks]
    assert "33" not in texts
    assert "Portfolio Managers" not in texts
    siblings = [c.heading for c in _section(sai, "Portfolio Managers").children]
    assert siblings == [
        "Other Accounts Managed",
        "Description of Material Conflicts of Interest",
        "Compensation Structure",
        "Ownership of Fund Shares",
    ]


def test_statutory_investment_manager(delaware: EditionDetails) -> None:
    prospectus = delaware.document("prospectus")
    (located,) = find_sections(prospectus, ["Who manages the Fund", "Investment manager"])
    assert len(located.indices) == 2
    first = located.section.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text.startswith("The Manager, located at 100 Independence")
    assert (1338, 2) in _line_of(delaware, "prospectus", "Investment manager")
    siblings = [c.heading for c in _section(prospectus, "Who manages the Fund").children]
    assert siblings[:2] == ["Investment manager", "Sub-advisor"]


def test_fund_summary_investment_manager(delaware: EditionDetails) -> None:
    prospectus = delaware.document("prospectus")
    (located,) = find_sections(
        prospectus, ["Fund summary", "Who manages the Fund?", "Investment manager"]
    )
    assert located.headings == ("Fund summary", "Who manages the Fund?", "Investment manager")
    assert located.section.blocks[0] == Paragraph(
        "Delaware Management Company, a series of Macquarie Investment Management Business "
        "Trust (a Delaware statutory trust)"
    )
    assert (747, 3) in _line_of(delaware, "prospectus", "Investment manager")
    # "Investment manager" is ambiguous in the prospectus: the two sections, nothing else
    # (not the table-of-contents entry, not the glossary term "Investment manager:").
    assert len(find_sections(prospectus, ["Investment manager"])) == 2


def test_broker_defined_appendix(delaware: EditionDetails) -> None:
    prospectus = delaware.document("prospectus")
    appendix = _section(prospectus, "Broker-Defined Sales Charge Waiver Policies")
    assert appendix in prospectus.sections
    children = [c.heading for c in appendix.children]
    assert children[:3] == [
        "CDSC Waivers on Class C Shares",
        "Merrill Lynch (\u201cMerrill\u201d):",
        "Morgan Stanley Wealth Management:",
    ]
    merrill = _section(
        prospectus,
        "Broker-Defined Sales Charge Waiver Policies",
        "Merrill Lynch (\u201cMerrill\u201d)",
    )
    assert isinstance(merrill.blocks[0], Paragraph)
    assert merrill.blocks[0].text.startswith("Purchases or sales of front-end")
    assert "Morgan Stanley" not in merrill.own_text


def test_sai_investment_manager(delaware: EditionDetails) -> None:
    sai = delaware.document("sai")
    parent = _section(sai, "Investment Manager and Other Service Providers")
    assert parent in sai.sections
    manager = _section(sai, "Investment Manager and Other Service Providers", "Investment Manager")
    assert [c.heading for c in parent.children][:2] == ["Investment Manager", "Sub-advisor"]
    first = manager.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text.startswith("The Manager, located at 100 Independence")
    fee_table = next(b for b in manager.blocks if isinstance(b, Table))
    assert fee_table.rows[0][0] == "Fund Name"
    assert fee_table.rows[1][0] == "Delaware Value Fund"


def test_top_level_sections(delaware: EditionDetails) -> None:
    prospectus, sai = delaware.documents
    assert [s.heading for s in prospectus.sections] == [
        "Fund summary",
        "How we manage the Fund",
        "Who manages the Fund",
        "About your account",
        "Financial highlights",
        "Broker-Defined Sales Charge Waiver Policies",
        "Additional information",
    ]
    assert len(sai.sections) == 20
    assert sai.sections[0].heading == "Organization and Classification"
    assert sai.sections[-1].heading == "Appendix A \u2014 Description of Ratings"


def test_choosing_a_share_class_is_level_two_as_the_contents_list_it(
    delaware: EditionDetails,
) -> None:
    prospectus = delaware.document("prospectus")
    about = _section(prospectus, "About your account")
    choosing = _section(prospectus, "About your account", "Choosing a share class")
    assert choosing in about.children
    assert [c.heading for c in choosing.children][:2] == ["Class A", "Class A sales charges"]
    contents = {entry.text: entry.level for entry in delaware.parts[0].contents}
    assert contents["Choosing a share class"] == 2
    assert contents["About your account"] == 1


def test_fee_items_stay_under_the_fee_heading(delaware: EditionDetails) -> None:
    prospectus = delaware.document("prospectus")
    fees = _section(prospectus, "Fund summary", "What are the Fund\u2019s fees and expenses?")
    assert [c.heading for c in fees.children] == ["Example", "Portfolio turnover"]


# -- blocks, tables and furniture ------------------------------------------------


def test_tables_are_kept_as_tables_with_captions(delaware: EditionDetails) -> None:
    prospectus = delaware.document("prospectus")
    fees = _section(prospectus, "What are the Fund\u2019s fees and expenses?")
    tables = [b for b in fees.blocks if isinstance(b, Table)]
    assert [t.caption for t in tables] == [
        "Shareholder fees (fees paid directly from your investment)",
        "Annual fund operating expenses (expenses that you pay each year as a percentage of "
        "the value of your investment)",
    ]
    assert tables[0].rows[0] == ("Class", "A", "C", "R", "Inst.", "R6")
    highlights = _section(prospectus, "Financial highlights")
    per_class = [b for b in highlights.blocks if isinstance(b, Table) and b.caption]
    assert [t.caption for t in per_class] == ["Delaware Value® Fund"] * 5
    # Columns split by the generator (a header over two cells, ")" in a cell of its own)
    # are read back as one column.
    assert per_class[0].rows[1] == (
        "Class A shares",
        "11/30/23",
        "11/30/22",
        "11/30/21",
        "11/30/20",
        "11/30/19",
    )
    assert per_class[0].rows[5][:2] == ("Net realized and unrealized gain (loss)", "(1.52)")


def test_bullets_are_lists(delaware: EditionDetails) -> None:
    prospectus = delaware.document("prospectus")
    strategies = _section(
        prospectus, "How we manage the Fund", "Our principal investment strategies"
    )
    lists = [b for b in strategies.blocks if isinstance(b, BulletList)]
    assert lists
    assert lists[0].items[0].startswith("a security price that reflects a market valuation")


def test_running_headers_page_numbers_and_contents_are_left_out(
    delaware: EditionDetails,
) -> None:
    prospectus, sai = delaware.documents
    for document in (prospectus, sai):
        for located in walk(document.sections):
            heading = located.section.heading
            assert not re.fullmatch(r"\d+", heading)
            assert heading_key(heading) not in ("table of contents", "prospectus")
            for block in located.section.blocks:
                if isinstance(block, Paragraph):
                    assert not re.fullmatch(r"\d+", block.text)
                    assert "intentionally left blank" not in block.text
    # Each level-1 title once, though running headers repeat it page after page.
    assert sum(s.heading == "How we manage the Fund" for s in prospectus.sections) == 1
    left_out = {(item.line, item.reason) for item in delaware.parts[0].left_out}
    assert {(914, "page number"), (923, "running header"), (1463, "running header")} <= left_out
    assert (8306, "form code") in left_out
    sai_left_out = {(item.line, item.reason) for item in delaware.parts[1].left_out}
    assert {(8668, "page number"), (11590, "running header")} <= sai_left_out
    # The tables of contents are read as outlines, not kept as text.
    assert len(delaware.parts[0].contents) == 36
    assert len(delaware.parts[1].contents) == 20
    for part in delaware.parts:
        for block in part.front_matter:
            assert "Table of contents" not in block_text(block)
    assert "US equity mutual fund" in [block_text(b) for b in delaware.parts[0].front_matter]


def test_not_headings_are_not_sections(delaware: EditionDetails) -> None:
    headings = [h for part in delaware.parts for h in part.headings]
    for entry in json.loads((DELAWARE / "headings.json").read_text())["not_headings"]:
        key = heading_key(entry["text"])
        assert not any(
            heading_key(h.text) == key and abs(h.line - entry["line"]) <= 3 for h in headings
        ), entry


def test_split_runs_entities_and_invisible_characters(delaware: EditionDetails) -> None:
    prospectus, sai = delaware.documents
    text = _all_text(prospectus) + _all_text(sai)
    assert "Broker- Defined" not in text
    assert "Sub- advisor" not in text
    assert "Broker-Defined Sales Charge Waiver Policies" in text
    assert "Who manages the Fund?" in text
    assert "\u200b" not in text
    assert "\u00a0" not in text
    assert "&#" not in text
    # Curly quotes stay as printed; straight apostrophes where the filing has them.
    assert "What is the Fund\u2019s investment objective?" in text
    assert "Who's who" in text
    assert "Delaware Group\u00ae Equity Funds II" in text


def test_hidden_inline_xbrl_header_is_not_text(delaware: EditionDetails) -> None:
    text = "".join(_all_text(d) for d in delaware.documents)
    blocks = "".join(block_text(b) for part in delaware.parts for b in part.front_matter)
    for hidden in ("D231130", "0000027574", "2023-11-30", "dgefii-20231130.xsd"):
        assert hidden not in text
        assert hidden not in blocks


def test_facing_page_and_part_c_are_not_documents(delaware: EditionDetails) -> None:
    text = "".join(_all_text(d) for d in delaware.documents)
    for outside in ("Exact Name of Registrant", "PART C", "SIGNATURES", "INDEX TO EXHIBITS"):
        assert outside not in text


# -- the accuracy targets ---------------------------------------------------------


@pytest.fixture(scope="module")
def accuracy() -> dict[str, object]:
    module = load_heading_accuracy()
    result: dict[str, object] = module.evaluate_headings(runs=1)
    return result


def test_heading_precision_and_recall_meet_the_targets(accuracy: dict[str, object]) -> None:
    documents = accuracy["documents"]
    overall = accuracy["overall"]
    assert isinstance(documents, dict)
    assert isinstance(overall, dict)
    for scope in (*documents.values(), overall):
        for level in ("1", "2", "all"):
            assert scope[level]["precision"] >= 0.95, (level, scope[level])
            assert scope[level]["recall"] >= 0.95, (level, scope[level])
    not_headings = accuracy["not_headings"]
    assert isinstance(not_headings, dict)
    assert not_headings["produced"] == 0, not_headings["entries"]


def test_parses_well_under_five_seconds(accuracy: dict[str, object]) -> None:
    seconds = accuracy["parse_seconds"]
    assert isinstance(seconds, float)
    assert seconds < 5.0


def test_heading_accuracy_report_renders(accuracy: dict[str, object]) -> None:
    report = load_heading_accuracy().render(accuracy)
    assert "| overall | 1 and 2 |" in report
    assert "Not-headings produced as sections: 0" in report
