"""Body lines into paragraphs, bullet lists, tables and markers."""

from __future__ import annotations

from prospectus_ledger.parsing.blocks import Marker, SourcedBlock, body_items
from prospectus_ledger.parsing.lines import CellTable
from prospectus_ledger.parsing.plaintext import plain_text_units
from prospectus_ledger.tree import Block, BulletList, Paragraph, Table


def blocks(text: str) -> list[Block]:
    return [
        item.block for item in body_items(plain_text_units(text)) if isinstance(item, SourcedBlock)
    ]


def test_paragraphs_are_separated_by_blank_lines() -> None:
    assert blocks("     First line\nof the first.\n\nSecond\n  paragraph.\n") == [
        Paragraph("First line of the first."),
        Paragraph("Second paragraph."),
    ]


def test_first_line_indentation_starts_a_paragraph() -> None:
    text = (
        "The first paragraph runs over\nseveral lines and ends here.\n"
        "     The second one starts indented\nand goes on.\n"
    )
    assert blocks(text) == [
        Paragraph("The first paragraph runs over several lines and ends here."),
        Paragraph("The second one starts indented and goes on."),
    ]


def test_hanging_indentation_is_one_paragraph() -> None:
    text = (
        "(i)  Relative ranking of the Fund's performance against its peers in the one,\n"
        "     three and five year categories.\n"
    )
    assert blocks(text) == [
        Paragraph(
            "(i) Relative ranking of the Fund's performance against its peers in the one, three "
            "and five year categories."
        )
    ]


def test_bullets_of_each_style() -> None:
    text = (
        "o    E. Clifton Hoover, Jr. is Managing Director\n     of Dreman's Strategy.\n\n"
        "\u2022 Second item\n- Third item\n  .  Fourth item\n|n Fifth item\n"
    )
    assert blocks(text) == [
        BulletList(
            [
                "E. Clifton Hoover, Jr. is Managing Director of Dreman's Strategy.",
                "Second item",
                "Third item",
                "Fourth item",
                "Fifth item",
            ]
        )
    ]


def test_glyph_on_its_own_line_starts_an_item() -> None:
    assert blocks("|n\n|\nThe Portfolio is managed by a team.\n") == [
        BulletList(["The Portfolio is managed by a team."])
    ]


def test_paragraph_after_a_list_ends_it() -> None:
    assert blocks("o  One\n\no  Two\n\nAfter the list.\n") == [
        BulletList(["One", "Two"]),
        Paragraph("After the list."),
    ]


def test_separator_and_page_break_are_markers() -> None:
    items = body_items(plain_text_units("One.\n\n* * *\n\nTwo.\n\n<PAGE>\n\nThree.\n"))
    assert [(type(item).__name__, getattr(item, "kind", None)) for item in items] == [
        ("SourcedBlock", None),
        ("Marker", "separator"),
        ("SourcedBlock", None),
        ("Marker", "break"),
        ("SourcedBlock", None),
    ]


def test_paragraph_continues_across_a_page_break() -> None:
    text = (
        "The Portfolio may invest in\nforeign securities and\n\n   7\n\n<PAGE>\n\n"
        "emerging markets.\n"
    )
    items = body_items(plain_text_units(text))
    assert [item.block for item in items if isinstance(item, SourcedBlock)] == [
        Paragraph("The Portfolio may invest in foreign securities and emerging markets.")
    ]
    assert not any(isinstance(item, Marker) for item in items)


def test_sentence_end_does_not_continue_across_a_break() -> None:
    assert blocks("One sentence.\n\n<PAGE>\n\nlower case start.\n") == [
        Paragraph("One sentence."),
        Paragraph("lower case start."),
    ]


def test_tables_keep_their_lines() -> None:
    items = body_items(
        [*plain_text_units("<TABLE>\nA    B\n1    2\n</TABLE>\n"), CellTable(9, (("x", "y"),), 9)]
    )
    assert [item.block for item in items if isinstance(item, SourcedBlock)] == [
        Table([("A", "B"), ("1", "2")]),
        Table([("x", "y")]),
    ]
    first = items[0]
    assert isinstance(first, SourcedBlock)
    assert (first.first_line, first.last_line) == (1, 4)
