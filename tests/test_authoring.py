"""Markdown bases written by hand."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

import prospectus_ledger as pl
from prospectus_ledger.authoring import read_markdown, write_markdown

EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "bases" / "example-trust-2020.md"


def test_markdown_base_reads_front_matter_and_nested_sections() -> None:
    document = read_markdown(EXAMPLE.read_text(encoding="utf-8"), pl.Source(name=EXAMPLE.name))
    assert document.kind is pl.DocumentKind.PROSPECTUS
    assert document.registrant == "Example Trust"
    assert document.date == pendulum.date(2020, 5, 1)
    assert document.portfolios == ("Example Fund",)
    assert document.illustrative
    assert document.complete
    fund, management = document.sections
    assert fund.portfolio == "Example Fund"
    assert management.portfolio is None
    assert [child.heading for child in fund.children] == [
        "Investment Objective",
        "Principal Investment Strategy",
        "Principal Risks",
        "Fees and Expenses",
    ]
    strategy = fund.children[1]
    assert strategy.blocks[0] == pl.Paragraph(
        "The Fund invests at least 80% of its net assets in equity securities of "
        "small-capitalization companies."
    )
    assert fund.children[2].blocks == (
        pl.BulletList(["Market risk", "Small-company risk", "Foreign investment risk"]),
    )
    table = fund.children[3].blocks[0]
    assert isinstance(table, pl.Table)
    assert table.rows == (
        ("Class", "Management fee", "Total"),
        ("A", "0.75%", "1.10%"),
        ("I", "0.75%", "0.85%"),
    )


def test_markdown_round_trip() -> None:
    document = read_markdown(EXAMPLE.read_text(encoding="utf-8"))
    assert read_markdown(write_markdown(document)) == document


def test_markdown_base_loads_and_answers_with_the_illustrative_mark() -> None:
    ledger = pl.load(EXAMPLE)
    view = ledger.as_of("2020-06-01").section("Principal Investment Strategy")
    assert view.text.startswith("The Fund invests at least 80%")
    assert view.provenance is not None
    assert view.provenance.illustrative
    assert view.provenance.source.name == EXAMPLE.name
    assert "illustrative" in view.provenance.describe()


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("# No front matter\n", "front matter", 1),
        ("---\nkind: prospectus\n", "not closed", 1),
        ("---\nkind: annual report\n---\n# A\n", "document kind", 2),
        ("---\ndate: 2020-02-30\n---\n# A\n", "day is out of range", 2),
        ("---\ndate: '2020-02-30'\n---\n# A\n", "2020-02-30", 2),
        ("---\ncolour: red\n---\n# A\n", "unknown front matter keys", 2),
        ("---\n: [\n---\n# A\n", "not valid YAML", 2),
        ("---\nkind: sai\n---\nLoose text.\n\n# A\n", "belongs to no section", 4),
        ("---\nillustrative: maybe\n---\n# A\n", "true or false", 2),
    ],
)
def test_bad_markdown_is_an_error_naming_file_and_line(text: str, message: str, line: int) -> None:
    with pytest.raises(pl.InvalidFilingError) as caught:
        read_markdown(text, pl.Source(name="bad.md"))
    assert message in str(caught.value)
    assert caught.value.file == "bad.md"
    assert caught.value.line == line
