"""parse_filing end to end: the two seeds exactly, sources, errors, no word lost."""

from __future__ import annotations

import contextlib
import hashlib
import time
from pathlib import Path

import pendulum
import pytest

from prospectus_ledger.errors import InvalidFilingError, ProspectusLedgerError
from prospectus_ledger.operations import Notice, ReplaceSection, SectionTarget
from prospectus_ledger.parsing import parse_filing, read_filing
from prospectus_ledger.provenance import Source
from prospectus_ledger.supplement import DocumentRef
from prospectus_ledger.tree import BulletList, DocumentKind, Paragraph, Table

from .conftest import FILINGS, SEED_000, SEED_004
from .words import input_words, lost_words

THIRD_AVENUE = "Third Avenue Small Cap Value Portfolio"
DREMAN = "Dreman Small-Cap Value Portfolio"


# -- seed 000: Third Avenue ----------------------------------------------------------


def test_seed_000_header(seed_000: bytes) -> None:
    (supplement,) = parse_filing(seed_000, Source(name=SEED_000.name))
    assert supplement.registrant == "MET INVESTORS SERIES TRUST"
    assert supplement.portfolios == (THIRD_AVENUE,)
    assert supplement.documents == (
        DocumentRef(DocumentKind.PROSPECTUS, pendulum.date(2007, 4, 30)),
    )
    assert supplement.supplement_date == pendulum.date(2007, 5, 31)
    assert supplement.known_at is not None
    assert supplement.known_at.isoformat() == "2007-05-31T00:00:00-04:00"


def test_seed_000_amendment(seed_000: bytes) -> None:
    (supplement,) = parse_filing(seed_000, Source(name=SEED_000.name))
    (amendment,) = supplement.amendments
    operation = amendment.operation
    assert isinstance(operation, ReplaceSection)
    assert operation.target == SectionTarget(
        ("Principal Investment Strategy",), portfolio=THIRD_AVENUE
    )
    assert amendment.document is DocumentKind.PROSPECTUS
    assert amendment.effective is not None
    assert amendment.effective.isoformat() == "2007-05-22T00:00:00-04:00"
    assert amendment.effective_words == "Effective on May 22, 2007"
    assert amendment.approximate is False
    assert amendment.words == (
        "Effective on May 22, 2007, the following replaces in its entirety the information "
        'appearing under the heading "Principal Investment Strategy" in the prospectuses:'
    )
    assert amendment.diagnostic is None
    assert amendment.position == 0
    assert [type(block) for block in operation.blocks] == [Paragraph] * 3
    first, second, third = (
        block.text for block in operation.blocks if isinstance(block, Paragraph)
    )
    assert first.startswith(
        "The Portfolio seeks to achieve its objective by investing at least 80%"
    )
    assert first.endswith("invest up to 35% of its total assets in foreign securities.")
    assert second.startswith("The Portfolio adheres to a strict value discipline")
    assert 'follows a strategy of "buy and hold."' in second
    assert third == (
        "The Portfolio is non-diversified, which means that the Portfolio may have fewer "
        "investments than diversified mutual funds of comparable size. However, the Portfolio "
        "currently intends to operate as a diversified fund."
    )


# -- seed 004: Dreman ----------------------------------------------------------------


def test_seed_004_header(seed_004: bytes) -> None:
    (supplement,) = parse_filing(seed_004)
    assert supplement.registrant == "MET INVESTORS SERIES TRUST"
    assert supplement.portfolios == (DREMAN,)
    assert supplement.documents == (
        DocumentRef(DocumentKind.PROSPECTUS, pendulum.date(2006, 5, 1)),
        DocumentRef(DocumentKind.SAI, pendulum.date(2006, 5, 1), (pendulum.date(2006, 11, 1),)),
    )
    assert supplement.supplement_date == pendulum.date(2006, 12, 21)


def test_seed_004_prospectus_amendment(seed_004: bytes) -> None:
    (supplement,) = parse_filing(seed_004)
    first = supplement.amendments[0]
    operation = first.operation
    assert isinstance(operation, ReplaceSection)
    assert operation.target == SectionTarget(
        ("MANAGEMENT", "The Advisers", "Dreman Value Management, LLC"), portfolio=DREMAN
    )
    assert first.document is DocumentKind.PROSPECTUS
    assert first.effective is not None
    assert first.effective.isoformat() == "2006-12-21T16:00:00-05:00"
    assert first.effective_words == (
        "Effective at the close of the New York Stock Exchange on December 21, 2006"
    )
    assert first.approximate is False
    assert first.diagnostic is None
    assert first.position == 0
    paragraph, bullets = operation.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text.startswith('DREMAN VALUE MANAGEMENT, LLC ("Dreman"), 520 East Cooper')
    assert paragraph.text.endswith("Dreman managed nearly $20 billion in assets.")
    assert isinstance(bullets, BulletList)
    (item,) = bullets.items
    assert item.startswith("E. Clifton Hoover, Jr. is Managing Director and co-Chief Investment")
    assert item.endswith("oversaw several Large and Small Cap portfolios.")


def test_seed_004_sai_amendment(seed_004: bytes) -> None:
    (supplement,) = parse_filing(seed_004)
    second = supplement.amendments[1]
    operation = second.operation
    assert isinstance(operation, ReplaceSection)
    assert operation.target == SectionTarget(("Appendix C", DREMAN), portfolio=DREMAN)
    assert second.document is DocumentKind.SAI
    assert second.effective is not None
    assert second.effective.isoformat() == "2006-12-21T16:00:00-05:00"
    assert second.effective_words == (
        "Effective at the close of the New York Stock Exchange on December 21, 2006"
    )
    assert second.words.endswith("to the SAI with respect to Dreman Small-Cap Value Portfolio.")
    assert second.diagnostic is None
    assert second.position == 1
    kinds = [type(block).__name__ for block in operation.blocks]
    assert kinds[:3] == ["Paragraph", "Table", "Paragraph"]
    assert kinds.count("Table") == 2
    assert kinds[-1] == "Table"
    texts = [block.text for block in operation.blocks if isinstance(block, Paragraph)]
    assert texts[0].startswith("The Adviser has provided the Trust with the following information")
    for part in (
        "(a)(4) Description of any material conflicts",
        "(b) Compensation",
        "(c) Ownership of Securities.",
        "Quantitative factors:",
        "Qualitative factors:",
    ):
        assert part in texts
    assert any(text.startswith("(iii)Performance of the Fund's portfolio") for text in texts)
    assert any(text.startswith("(iii)Other factors such as contributing") for text in texts)
    assert "Date" not in " ".join(texts[-3:])


def test_seed_004_tables(seed_004: bytes) -> None:
    (supplement,) = parse_filing(seed_004)
    operation = supplement.amendments[1].operation
    assert isinstance(operation, ReplaceSection)
    accounts, ownership = (block for block in operation.blocks if isinstance(block, Table))
    assert accounts.caption == (
        "Met Investors Series Trust Dreman Small-Cap Value Portfolio Dreman Value Management LLC"
    )
    cells = {cell for row in accounts.rows for cell in row}
    assert {"David Dreman", "E. Clifton Hoover, Jr."} <= cells
    david = next(row for row in accounts.rows if row[0] == "David Dreman")
    assert david == (
        "David Dreman",
        "19",
        "$15.7 billion",
        "3",
        "$6.0 million",
        "114",
        "$4.1 billion",
        "0",
        "$0",
        "3",
        "$60.0 million",
        "0",
        "$0",
    )
    assert all(len(row) == 13 for row in accounts.rows)
    assert ownership.rows[0] == (
        "Portfolio Manager",
        "none",
        "$1-$10,000",
        "$10,001-$50,000",
        "$50,001-$100,000",
        "$100,001-$500,000",
        "$500,001- $1,000,000",
        "over $1,000,000",
    )
    assert ownership.rows[1][:2] == ("David Dreman", "XXX")
    assert ownership.rows[2][:2] == ("E. Clifton Hoover,Jr.", "XXX")


def test_seed_trailers_are_recognised(seed_000: bytes, seed_004: bytes) -> None:
    for data, date in ((seed_000, "May 31, 2007"), (seed_004, "December 21, 2006")):
        (parsed,) = read_filing(data).supplements
        assert [item.block for item in parsed.body.trailer] == [Paragraph(f"Date: {date}")]
        intro = parsed.header.intro[0].block
        assert isinstance(intro, Paragraph)
        assert intro.text.startswith("This Supplement is made as of")


# -- no word lost ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [SEED_000, SEED_004, *sorted(FILINGS.glob("*.txt"))], ids=lambda path: path.name
)
def test_no_word_is_lost(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parsed = read_filing(text)
    assert sum(input_words(text).values()) > 20
    assert not lost_words(text, parsed)


def test_lost_words_helper_notices_a_missing_word(seed_000: bytes) -> None:
    text = seed_000.decode()
    parsed = read_filing(text)
    assert lost_words(text + "\nextraordinaryword\n", parsed) == {"extraordinaryword": 1}


# -- sources -----------------------------------------------------------------------------


def test_source_gets_sha256_and_keeps_its_names(seed_000: bytes) -> None:
    source = Source(name="x.txt", url="https://example.invalid/x.txt", accession="0000-00-1")
    (supplement,) = parse_filing(seed_000, source)
    assert supplement.source.sha256 == hashlib.sha256(seed_000).hexdigest()
    assert (supplement.source.name, supplement.source.url, supplement.source.accession) == (
        "x.txt",
        "https://example.invalid/x.txt",
        "0000-00-1",
    )


def test_given_sha256_is_kept(seed_000: bytes) -> None:
    (supplement,) = parse_filing(seed_000, Source(sha256="abc"))
    assert supplement.source.sha256 == "abc"


def test_text_and_bytes_parse_alike(seed_004: bytes) -> None:
    from_bytes = parse_filing(seed_004)
    from_text = parse_filing(seed_004.decode("utf-8"))
    assert from_bytes == from_text
    assert from_text[0].source.sha256 == hashlib.sha256(seed_004).hexdigest()


def test_no_source_makes_one() -> None:
    (supplement,) = parse_filing("SUPPLEMENT DATED MAY 1, 2007\n\nSome text.\n")
    assert supplement.source.name is None
    assert supplement.source.sha256 is not None


# -- several supplements -------------------------------------------------------------


def test_filing_with_prospectus_and_sai_parts() -> None:
    text = (FILINGS / "corpus_009_two_supplements.txt").read_text(encoding="utf-8")
    prospectus, sai = parse_filing(text)
    assert prospectus.documents == (
        DocumentRef(DocumentKind.PROSPECTUS, pendulum.date(2007, 4, 30)),
    )
    assert sai.documents == (DocumentRef(DocumentKind.SAI, pendulum.date(2007, 4, 30)),)
    assert prospectus.supplement_date == sai.supplement_date == pendulum.date(2007, 6, 7)
    assert isinstance(prospectus.amendments[0].operation, ReplaceSection)
    assert [a.position for a in (*prospectus.amendments, *sai.amendments)] == [0, 1]


def test_seeds_joined_by_a_page_break_are_two_supplements(seed_000: bytes, seed_004: bytes) -> None:
    joined = seed_000 + b"\n\n<PAGE>\n\n" + seed_004
    first, second = parse_filing(joined)
    assert first.portfolios == (THIRD_AVENUE,)
    assert second.portfolios == (DREMAN,)
    assert [a.position for a in first.amendments] == [0]
    assert [a.position for a in second.amendments] == [1, 2]
    assert first.amendments[0] == parse_filing(seed_000)[0].amendments[0]


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", "", b"   \n\t\n", "\n\n"])
def test_empty_filing_raises_naming_the_file(data: str | bytes) -> None:
    with pytest.raises(InvalidFilingError, match="empty") as caught:
        parse_filing(data, Source(name="empty.txt"))
    assert caught.value.file == "empty.txt"


def test_binary_filing_raises_naming_the_file_and_line() -> None:
    data = b"GIF89a\x01\x00\x01\x00\x00\xff\x00,\x00\x00\x00\x00"
    with pytest.raises(InvalidFilingError, match="binary") as caught:
        parse_filing(data, Source(name="logo.gif"))
    assert caught.value.file == "logo.gif"
    assert caught.value.line == 1


def test_markup_only_filing_raises() -> None:
    with pytest.raises(InvalidFilingError, match="no text"):
        parse_filing("<PAGE>\n<TABLE>\n</TABLE>\n", Source(name="m.txt"))


def test_unrecognised_text_becomes_a_notice_with_a_diagnostic() -> None:
    (supplement,) = parse_filing(
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, of the Prospectus.\n"
    )
    (amendment,) = supplement.amendments
    assert isinstance(amendment.operation, Notice)
    assert amendment.operation.notice.startswith("Lorem ipsum")
    assert amendment.diagnostic is not None
    assert "line 1" in amendment.diagnostic


def test_text_that_names_no_fund_document_and_changes_nothing_is_refused() -> None:
    """Not a supplement: no prospectus, SAI or supplement named, no instruction."""
    with pytest.raises(InvalidFilingError, match="not a prospectus supplement or edition"):
        parse_filing("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n")


@pytest.mark.parametrize(
    "data",
    [
        "\x1b[0m" * 10,
        "<html><body><script>x()</script></body></html>",
        "\ufeff",
        b"\xff\xfe" + "text".encode("utf-16-le"),
        "<DOCUMENT><TYPE>497<TEXT></TEXT></DOCUMENT>",
        b"\x81\x8d\x8f\x90",
    ],
)
def test_odd_input_raises_only_library_errors(data: str | bytes) -> None:
    with contextlib.suppress(ProspectusLedgerError):
        parse_filing(data)


@pytest.mark.parametrize(
    "text",
    [
        "a " * 100_000,
        "Fund\n\n" * 30_000,
        "<TABLE>\n" + "a  " * 60_000 + "\n" + "b\n" * 20_000,
        '"' * 200_000,
        "Effective " * 20_000,
        "o  item\n" * 25_000,
        "SUPPLEMENT DATED MAY 1, 2007 TO PROSPECTUS DATED MAY 1, 2006\n\nText of it.\n\n" * 2000,
    ],
    ids=["words", "short-lines", "wide-table", "quotes", "effective", "bullets", "headers"],
)
def test_large_adversarial_inputs_stay_fast(text: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ProspectusLedgerError):
        parse_filing(text)
    assert time.perf_counter() - started < 10


SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_6de0636f7720f9ef.txt"


@pytest.mark.parametrize("source", ["000.txt", Path("filings/000.txt"), Source(name="000.txt")])
def test_a_source_given_as_a_name_or_a_path(source: str | Path | Source) -> None:
    (supplement,) = parse_filing(SEED.read_bytes(), source=source)
    assert supplement.source.name == "000.txt"


def test_a_path_given_as_the_filing_says_so() -> None:
    with pytest.raises(InvalidFilingError, match="is the path of a file, not a filing's text"):
        parse_filing(str(SEED))


def test_a_title_line_in_lower_case_names_no_fund() -> None:
    """ "Supplement to the current Statutory Prospectus" / "for each Delaware Fund (each, a
    "Fund"), as may be amended": the second line goes on with the phrase; it is no fund."""
    text = (
        "Delaware Funds by Macquarie\n\nSupplement to the current Statutory Prospectus\n"
        'for each Delaware Fund (each, a "Fund"), as may be amended\n\n'
        'Effective immediately, the following is added to the "Investment manager" section '
        "of each Fund's Statutory Prospectus:\n\nNew text.\n"
    )
    (supplement,) = parse_filing(text, Source(name="x.txt"))
    assert not any(name[:1].islower() for name in supplement.portfolios)
