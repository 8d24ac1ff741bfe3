"""The document tree: text, lookup by heading path, structural sharing."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger import (
    AmbiguousSectionError,
    BulletList,
    Document,
    DocumentKind,
    InvalidLedgerDataError,
    Paragraph,
    Section,
    SectionNotFoundError,
    Table,
)
from prospectus_ledger.tree import block_text, ensure_path, find_sections, locate_section, walk


def document() -> Document:
    fund_a = Section(
        "Fund A", [], [Section("Principal Risks", [Paragraph("A risks.")])], portfolio="Fund A"
    )
    fund_b = Section(
        "Fund B", [], [Section("Principal Risks", [Paragraph("B risks.")])], portfolio="Fund B"
    )
    management = Section(
        "Management", [Paragraph("Shared.")], [Section("The Advisers", [Paragraph("Advisers.")])]
    )
    return Document(
        DocumentKind.PROSPECTUS,
        "Trust",
        pendulum.date(2020, 1, 1),
        ("Fund A", "Fund B"),
        [fund_a, fund_b, management],
    )


def test_blocks_keep_their_structure_and_clean_text() -> None:
    assert Paragraph("  a \n b ").text == "a b"
    assert BulletList(["x ", " y"]).items == ("x", "y")
    table = Table([["Name", " Fee "], ["A", "1%"]], caption="Fees")
    assert table.rows == (("Name", "Fee"), ("A", "1%"))
    assert block_text(table) == "Fees\nName\tFee\nA\t1%"
    assert block_text(BulletList(["x"])) == "\u2022 x"


def test_section_text_includes_children_with_headings() -> None:
    management = document().sections[2]
    assert management.own_text == "Shared."
    assert management.text == "Shared.\n\nThe Advisers\n\nAdvisers."


def test_walk_visits_in_document_order_with_portfolios() -> None:
    located = list(walk(document().sections))
    assert [item.headings[-1] for item in located] == [
        "Fund A",
        "Principal Risks",
        "Fund B",
        "Principal Risks",
        "Management",
        "The Advisers",
    ]
    assert located[1].portfolio == "Fund A"
    assert located[5].portfolio is None
    assert located[5].indices == (2, 0)


def test_find_prefers_the_portfolio_part_then_shared_parts() -> None:
    doc = document()
    assert len(find_sections(doc, ("Principal Risks",))) == 2
    (found,) = find_sections(doc, ("Principal Risks",), portfolio="fund b")
    assert found.section.text == "B risks."
    (shared,) = find_sections(doc, ("The Advisers",), portfolio="Fund A")
    assert shared.portfolio is None
    assert locate_section(doc, ("Fund A", "Principal Risks")).section.text == "A risks."
    with pytest.raises(AmbiguousSectionError):
        locate_section(doc, ("Principal Risks",))
    with pytest.raises(SectionNotFoundError) as caught:
        locate_section(doc, ("Principal Risk",))
    assert caught.value.closest[0] == "Principal Risks"


def test_ensure_path_creates_placeholders_and_shares_the_rest() -> None:
    doc = Document(
        DocumentKind.SAI,
        "Trust",
        pendulum.date(2020, 1, 1),
        sections=document().sections[2:],
        complete=False,
    )
    new, indices = ensure_path(doc, ("Appendix C", "Fund A"), portfolio=None)
    assert indices == (1, 0)
    assert new.sections[1].placeholder
    assert new.sections[1].children[0].placeholder
    assert new.sections[0] is doc.sections[0]
    again, same = ensure_path(new, ("Appendix C", "Fund A"), portfolio=None)
    assert again is new
    assert same == indices


def test_document_kind_parsing() -> None:
    assert DocumentKind.parse("Statement of Additional Information") is DocumentKind.SAI
    assert DocumentKind.parse("summary_prospectus") is DocumentKind.SUMMARY_PROSPECTUS
    assert DocumentKind.parse("Prospectuses") is DocumentKind.PROSPECTUS
    with pytest.raises(InvalidLedgerDataError):
        DocumentKind.parse("annual report")


def test_edition_name() -> None:
    assert document().edition == "prospectus of Trust dated 2020-01-01"


def test_a_statutory_target_skips_the_summary_sections_namesake() -> None:
    import prospectus_ledger as pl
    from prospectus_ledger.locators import SectionTarget
    from prospectus_ledger.tree import locate_target

    manager = pl.Section("Investment manager", (pl.Paragraph("Text."),))
    document = pl.Document(
        pl.DocumentKind.PROSPECTUS,
        "Example Trust",
        None,
        sections=(
            pl.Section("Fund summary", children=(pl.Section("Management", children=(manager,)),)),
            pl.Section("Management of the Fund", children=(manager,)),
        ),
    )
    with pytest.raises(pl.AmbiguousSectionError):
        locate_target(document, SectionTarget(("Investment manager",)))
    found = locate_target(document, SectionTarget(("Investment manager",), statutory=True))
    assert found.headings == ("Management of the Fund", "Investment manager")
