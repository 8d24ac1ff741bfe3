"""Every operation: what it changes, what it shares, and the error for a missing target."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger import (
    AmbiguousSectionError,
    BlockLocator,
    BlockNotFoundError,
    BulletList,
    DeleteBlock,
    DeleteSection,
    Document,
    DocumentKind,
    InsertBlocks,
    InsertSection,
    Notice,
    Paragraph,
    ReplaceBlock,
    ReplaceSection,
    Section,
    SectionNotFoundError,
    SectionTarget,
    SentenceSpan,
    SubstituteText,
    Table,
    TextNotFoundError,
)
from prospectus_ledger.tree import find_sections

FUND = "Example Fund"


def make_document(*, complete: bool = True) -> Document:
    strategy = Section(
        "Principal Investment Strategy",
        [
            Paragraph("The Fund invests in stocks. It may buy bonds. It holds cash."),
            Paragraph("The Fund is diversified."),
            BulletList(["Equity risk", "Bond risk", "Cash risk"]),
            Table([["Class", "Fee"], ["A", "1.00%"]]),
        ],
    )
    risks = Section("Principal Risks", [Paragraph("You can lose money.")])
    part = Section(FUND, [], [strategy, risks], portfolio=FUND)
    management = Section(
        "MANAGEMENT", [], [Section("The Advisers", [Paragraph("Advisers of Example Fund.")])]
    )
    return Document(
        DocumentKind.PROSPECTUS,
        "Example Trust",
        pendulum.date(2020, 5, 1),
        portfolios=(FUND,),
        sections=(part, management) if complete else (),
        complete=complete,
    )


def section(document: Document, *path: str) -> Section:
    (found,) = find_sections(document, path)
    return found.section


STRATEGY = SectionTarget(("Principal Investment Strategy",), FUND)


def test_replace_section_replaces_blocks_and_children_and_shares_the_rest() -> None:
    document = make_document()
    new = ReplaceSection(STRATEGY, [Paragraph("New strategy.")]).apply(document)
    assert section(new, "Principal Investment Strategy").text == "New strategy."
    assert section(new, "Principal Risks") is section(document, "Principal Risks")
    assert new.sections[1] is document.sections[1]
    assert document.sections[0].children[0].blocks[0].text.startswith("The Fund invests")


def test_replace_section_keeps_heading_unless_given() -> None:
    document = make_document()
    kept = ReplaceSection(STRATEGY, [Paragraph("x.")]).apply(document)
    renamed = ReplaceSection(STRATEGY, [Paragraph("x.")], heading="Strategy").apply(document)
    assert section(kept, "Principal Investment Strategy").heading == "Principal Investment Strategy"
    assert section(renamed, "Strategy").text == "x."


def test_replace_section_missing_in_complete_edition_raises_with_closest() -> None:
    with pytest.raises(SectionNotFoundError) as caught:
        ReplaceSection(SectionTarget(("Principal Investment Strategies",)), []).apply(
            make_document()
        )
    assert "Principal Investment Strategy" in caught.value.closest


def test_replace_section_creates_in_edition_known_only_from_supplements() -> None:
    document = make_document(complete=False)
    new = ReplaceSection(STRATEGY, [Paragraph("Known now.")]).apply(document)
    (found,) = find_sections(new, ("Principal Investment Strategy",), portfolio=FUND)
    assert found.headings == (FUND, "Principal Investment Strategy")
    assert found.portfolio == FUND
    assert new.sections[0].placeholder
    assert not found.section.placeholder


def test_delete_section() -> None:
    new = DeleteSection(SectionTarget(("Principal Risks",))).apply(make_document())
    assert not find_sections(new, ("Principal Risks",))
    with pytest.raises(SectionNotFoundError):
        DeleteSection(SectionTarget(("Principal Risks",))).apply(new)


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ("before", ["Principal Investment Strategy", "Fees", "Principal Risks"]),
        ("after", ["Principal Investment Strategy", "Principal Risks", "Fees"]),
    ],
)
def test_insert_section_before_and_after(position: str, expected: list[str]) -> None:
    new = InsertSection(
        SectionTarget(("Principal Risks",)),
        position,
        Section("Fees", [Paragraph("Fees.")]),  # type: ignore[arg-type]
    ).apply(make_document())
    assert [child.heading for child in new.sections[0].children] == expected


def test_insert_section_inside_and_at_top_level() -> None:
    inside = InsertSection(
        SectionTarget(("MANAGEMENT",)), "first_child", Section("The Manager", [Paragraph("M.")])
    ).apply(make_document())
    assert [c.heading for c in inside.sections[1].children] == ["The Manager", "The Advisers"]
    top = InsertSection(None, "last_child", Section("Appendix", [])).apply(make_document())
    assert top.sections[-1].heading == "Appendix"
    with pytest.raises(SectionNotFoundError):
        InsertSection(SectionTarget(("Nowhere",)), "after", Section("X", [])).apply(make_document())


def test_replace_block_by_ordinal_and_anchor() -> None:
    document = make_document()
    by_ordinal = ReplaceBlock(
        STRATEGY, BlockLocator("paragraph", 2), [Paragraph("Not diversified.")]
    )
    assert section(by_ordinal.apply(document), "Principal Investment Strategy").blocks[
        1
    ] == Paragraph("Not diversified.")
    by_anchor = ReplaceBlock(
        STRATEGY, BlockLocator("paragraph", anchor="the fund is"), [Paragraph("Anchored.")]
    )
    assert (
        section(by_anchor.apply(document), "Principal Investment Strategy").blocks[1].text
        == "Anchored."
    )  # type: ignore[union-attr]
    last = ReplaceBlock(STRATEGY, BlockLocator("paragraph", -1), [Paragraph("Last.")])
    assert section(last.apply(document), "Principal Investment Strategy").blocks[1].text == "Last."  # type: ignore[union-attr]


def test_replace_block_missing_ordinal_raises() -> None:
    with pytest.raises(BlockNotFoundError) as caught:
        ReplaceBlock(STRATEGY, BlockLocator("paragraph", 5), [Paragraph("x")]).apply(
            make_document()
        )
    assert caught.value.available == 2


def test_replace_sentences_and_all_but_last_two() -> None:
    document = make_document()
    second = ReplaceBlock(
        STRATEGY, BlockLocator("paragraph", 1), [Paragraph("It may buy notes.")], SentenceSpan(1, 2)
    )
    text = section(second.apply(document), "Principal Investment Strategy").blocks[0].text  # type: ignore[union-attr]
    assert text == "The Fund invests in stocks. It may buy notes. It holds cash."
    all_but = ReplaceBlock(
        STRATEGY, BlockLocator("paragraph", 1), [Paragraph("New start.")], SentenceSpan(None, -2)
    )
    text = section(all_but.apply(document), "Principal Investment Strategy").blocks[0].text  # type: ignore[union-attr]
    assert text == "New start. It may buy bonds. It holds cash."
    with pytest.raises(BlockNotFoundError):
        ReplaceBlock(
            STRATEGY, BlockLocator("paragraph", 2), [Paragraph("x")], SentenceSpan(3, 4)
        ).apply(document)


def test_bullet_and_table_blocks() -> None:
    document = make_document()
    bullet = ReplaceBlock(STRATEGY, BlockLocator("bullet", 2), [Paragraph("Credit risk")])
    assert section(bullet.apply(document), "Principal Investment Strategy").blocks[2] == BulletList(
        ["Equity risk", "Credit risk", "Cash risk"]
    )
    table = ReplaceBlock(
        STRATEGY, BlockLocator("table"), [Table([["Class", "Fee"], ["A", "0.90%"]])]
    )
    assert section(table.apply(document), "Principal Investment Strategy").blocks[3].rows[1] == (
        "A",
        "0.90%",
    )  # type: ignore[union-attr]


def test_delete_block_sentence_and_bullet() -> None:
    document = make_document()
    paragraph = DeleteBlock(STRATEGY, BlockLocator("paragraph", 2)).apply(document)
    assert len(section(paragraph, "Principal Investment Strategy").blocks) == 3
    sentence = DeleteBlock(STRATEGY, BlockLocator("paragraph", 1), SentenceSpan(-2, -1)).apply(
        document
    )
    assert section(sentence, "Principal Investment Strategy").blocks[0].text == (  # type: ignore[union-attr]
        "The Fund invests in stocks. It holds cash."
    )
    bullet = DeleteBlock(STRATEGY, BlockLocator("bullet", 1)).apply(document)
    assert section(bullet, "Principal Investment Strategy").blocks[2] == BulletList(
        ["Bond risk", "Cash risk"]
    )


def test_insert_blocks_positions() -> None:
    document = make_document()
    after = InsertBlocks(STRATEGY, [Paragraph("Added.")], "after", BlockLocator("paragraph", 1))
    assert section(after.apply(document), "Principal Investment Strategy").blocks[1] == Paragraph(
        "Added."
    )
    end = InsertBlocks(SectionTarget(("Principal Risks",)), [Paragraph("New risk.")])
    assert (
        section(end.apply(document), "Principal Risks").text == "You can lose money.\n\nNew risk."
    )
    new_bullet = InsertBlocks(
        STRATEGY, [Paragraph("New risk")], "after", BlockLocator("bullet", -1)
    )
    assert (
        section(new_bullet.apply(document), "Principal Investment Strategy").blocks[2].items[-1]
        == "New risk"
    )  # type: ignore[union-attr]
    with pytest.raises(SectionNotFoundError):
        InsertBlocks(SectionTarget(("Nope",)), [Paragraph("x")]).apply(document)


def test_substitute_text_everywhere_including_headings_and_portfolios() -> None:
    renamed = SubstituteText("Example Fund", "Renamed Fund").apply(make_document())
    assert renamed.portfolios == ("Renamed Fund",)
    assert renamed.sections[0].heading == "Renamed Fund"
    assert renamed.sections[0].portfolio == "Renamed Fund"
    assert section(renamed, "The Advisers").text == "Advisers of Renamed Fund."
    with pytest.raises(TextNotFoundError):
        SubstituteText("Nonexistent words", "x").apply(make_document())


def test_substitute_text_within_scope_only() -> None:
    document = make_document()
    scoped = SubstituteText(
        "Fund", "Portfolio", SectionTarget(("Principal Investment Strategy",))
    ).apply(document)
    assert "Portfolio invests" in section(scoped, "Principal Investment Strategy").text
    assert section(scoped, "The Advisers") is section(document, "The Advisers")


def test_notice_changes_nothing() -> None:
    document = make_document()
    assert Notice("The Fund will be reorganized.").apply(document) is document


def test_ambiguous_target_raises_and_portfolio_scope_resolves() -> None:
    other = Section(
        "Other Fund",
        [],
        [Section("Principal Risks", [Paragraph("Other.")])],
        portfolio="Other Fund",
    )
    document = make_document()
    document = Document(
        document.kind,
        document.registrant,
        document.date,
        (FUND, "Other Fund"),
        (*document.sections, other),
    )
    with pytest.raises(AmbiguousSectionError) as caught:
        DeleteSection(SectionTarget(("Principal Risks",))).apply(document)
    assert len(caught.value.candidates) == 2
    scoped = DeleteSection(SectionTarget(("Principal Risks",), "Other Fund")).apply(document)
    assert len(find_sections(scoped, ("Principal Risks",))) == 1


def test_operation_properties_for_the_parser_contract() -> None:
    assert ReplaceSection(STRATEGY, []).action == "replace"
    assert ReplaceBlock(STRATEGY, BlockLocator("table"), []).scope == "table"
    assert DeleteBlock(STRATEGY, BlockLocator(), SentenceSpan(0, 1)).scope == "sentence"
    assert SubstituteText("a", "b").scope == "text"
    assert Notice("x").scope is None
    assert InsertBlocks(STRATEGY, [Paragraph("x")]).text == "x"


def test_substitute_with_no_new_words_deletes_them() -> None:
    deletion = SubstituteText("Example Fund", "", SectionTarget(("The Advisers",)))
    assert deletion.action == "delete"
    assert deletion.scope == "text"
    new = deletion.apply(make_document())
    assert section(new, "The Advisers").text == "Advisers of ."
    assert SubstituteText("a", "b").action == "substitute"


def _run_document() -> Document:
    strategy = Section(
        "Principal Investment Strategy",
        [
            Paragraph("First."),
            Paragraph("Second."),
            BulletList(["Kept bullet"]),
            Paragraph("Third."),
            Paragraph("Fourth."),
        ],
    )
    return Document(
        DocumentKind.PROSPECTUS,
        "Example Trust",
        pendulum.date(2020, 5, 1),
        portfolios=(FUND,),
        sections=(Section(FUND, [], [strategy], portfolio=FUND),),
    )


def test_a_run_of_paragraphs_is_replaced_at_once() -> None:
    # "The following replaces the second and third paragraphs": the new text stands where
    # the second stood; a list between them stays.
    run = BlockLocator("paragraph", 2, through=3)
    replaced = ReplaceBlock(STRATEGY, run, [Paragraph("New A."), Paragraph("New B.")])
    blocks = section(replaced.apply(_run_document()), "Principal Investment Strategy").blocks
    assert blocks == (
        Paragraph("First."),
        Paragraph("New A."),
        Paragraph("New B."),
        BulletList(["Kept bullet"]),
        Paragraph("Fourth."),
    )
    assert replaced.scope == "paragraph"
    assert run.describe() == "paragraphs 2-3"


def test_a_run_of_paragraphs_is_deleted_at_once() -> None:
    deleted = DeleteBlock(STRATEGY, BlockLocator("paragraph", 1, through=4))
    blocks = section(deleted.apply(_run_document()), "Principal Investment Strategy").blocks
    assert blocks == (BulletList(["Kept bullet"]),)


def test_a_run_longer_than_the_section_raises() -> None:
    with pytest.raises(BlockNotFoundError) as caught:
        DeleteBlock(STRATEGY, BlockLocator("paragraph", 3, through=6)).apply(_run_document())
    assert caught.value.available == 4
    assert "paragraphs 3-6" in str(caught.value)


@pytest.mark.parametrize(("ordinal", "through"), [(None, 3), (3, 3), (4, 2), (-1, 2)])
def test_a_run_needs_a_first_ordinal_before_its_last(ordinal: int | None, through: int) -> None:
    with pytest.raises(ValueError, match="a run of blocks needs a first ordinal"):
        BlockLocator("paragraph", ordinal, through=through)
