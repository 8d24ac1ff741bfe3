"""One filing, several supplements."""

from __future__ import annotations

from prospectus_ledger.parsing.lines import Line
from prospectus_ledger.parsing.plaintext import plain_text_units
from prospectus_ledger.parsing.splitting import split_supplements

from .conftest import FILINGS, SEED_000

BODY = (
    "The body text of the supplement runs on for a while, long enough to be a\n"
    "paragraph of running text rather than a line of a title block.\n"
)


def first_texts(text: str) -> list[str]:
    parts = split_supplements(plain_text_units(text))
    return [
        next(u.stripped for u in part.units if isinstance(u, Line) and u.stripped) for part in parts
    ]


def test_one_supplement() -> None:
    assert len(split_supplements(plain_text_units(SEED_000.read_text()))) == 1


def test_parts_start_after_the_last_page_break() -> None:
    text = (
        f"A TRUST\n\nSUPPLEMENT DATED MAY 1, 2007 TO PROSPECTUS\n\n{BODY}\nMEPS\n\n<PAGE>\n\n"
        f"A TRUST\n\nSUPPLEMENT DATED MAY 1, 2007 TO SAI\n\n{BODY}"
    )
    assert first_texts(text) == ["A TRUST", "A TRUST"]
    first = split_supplements(plain_text_units(text))[0]
    assert any(isinstance(u, Line) and u.stripped == "MEPS" for u in first.units)


def test_title_blocks_are_carried_into_the_parts() -> None:
    text = (
        f"A TRUST\n\nSUPPLEMENT DATED MAY 1, 2007\n\n{BODY}\n<PAGE>\n\n"
        f"SUPPLEMENT DATED MAY 2, 2007\n\n{BODY}"
    )
    parts = split_supplements(plain_text_units(text))
    assert [len(part.blocks) for part in parts] == [1, 1]
    assert all(part.blocks[0].start == 0 for part in parts)


def test_a_banner_before_the_first_phrase_is_not_a_supplement() -> None:
    text = (
        "Some banner line that is long enough not to be a title line at all, really.\n\n"
        f"SUPPLEMENT DATED MAY 1, 2007\n\n{BODY}"
    )
    assert len(split_supplements(plain_text_units(text))) == 1


def test_titles_without_body_between_them_are_one_supplement() -> None:
    text = (
        "EATON VANCE LARGE-CAP GROWTH FUND\n   Supplement to Prospectus\n  dated February 1, "
        "2003\n\n"
        "EATON VANCE EQUITY RESEARCH FUND\n   Supplement to Prospectus\n  dated March 1, 2003\n\n"
        + BODY
    )
    assert len(split_supplements(plain_text_units(text))) == 1


def test_corpus_filing_with_two_supplements() -> None:
    text = (FILINGS / "corpus_065_aim_two_supplements.txt").read_text(encoding="utf-8")
    assert len(split_supplements(plain_text_units(text))) == 2


def test_a_closing_supplement_dated_line_starts_no_supplement() -> None:
    text = (
        "HARBOR FUND\n   Supplement to Prospectus dated\n        June 22, 2001\n\n"
        f"{BODY}\n\nSupplement dated September 13, 2001\n"
    )
    (part,) = split_supplements(plain_text_units(text))
    assert [u.stripped for u in part.units if isinstance(u, Line) and u.stripped][-1] == (
        "Supplement dated September 13, 2001"
    )


def test_a_second_title_under_names_after_a_form_code() -> None:
    # No blank lines: the closing code, the fund names, then the next supplement's phrase.
    text = (
        "ALPHA FUND\nSUPPLEMENT DATED DECEMBER 6, 2013\nTO THE PROSPECTUS DATED JANUARY 31, 2013\n"
        f"{BODY}MGN-ALPHA-1213P\nALPHA FUND\nBETA FUND\nSUPPLEMENT DATED DECEMBER 6, 2013\n"
        f"TO THE STATEMENT OF ADDITIONAL INFORMATION DATED JANUARY 31, 2013\n{BODY}"
    )
    assert first_texts(text) == ["ALPHA FUND", "ALPHA FUND"]


def test_a_second_title_under_a_date_and_a_name() -> None:
    text = (
        "March 6, 2013\nGamma Funds Offering Class A Shares\nSupplement to Current Prospectus\n"
        f"{BODY}March 6, 2013\nGamma Funds Offering Class A Shares\n"
        f"Supplement to Current Statement of Additional Information\n{BODY}"
    )
    parts = split_supplements(plain_text_units(text))
    assert first_texts(text) == ["March 6, 2013", "March 6, 2013"]
    assert len(parts) == 2


def test_the_same_title_on_the_next_page_goes_on_with_the_supplement() -> None:
    title = "ALPHA FUND\n\nSUPPLEMENT DATED MAY 1, 2007 TO THE PROSPECTUS DATED MARCH 1, 2007\n\n"
    text = f"{title}{BODY}\nMC-07-03 May 1, 2007\n\n<PAGE>\n\n{title}{BODY}"
    assert len(split_supplements(plain_text_units(text))) == 1


def test_a_page_footer_that_names_the_supplement_starts_none() -> None:
    # Ivy: "Supplement" / "Prospectus" / "1" at the foot of the last page.
    text = f"IVY FUNDS\nSupplement dated December 29, 2016 to the Prospectus\n\n{BODY}\n\n"
    text += "Supplement\nProspectus\n1\n"
    assert len(split_supplements(plain_text_units(text))) == 1


def test_a_dated_title_cut_off_at_the_end_is_a_supplement() -> None:
    text = (
        f"BETA FUND\n\nSupplement dated July 2, 2007 to the Prospectus\n\n{BODY}\n"
        "Please retain this supplement for future reference.\nMSIFISPT\n"
        "Prospectus Supplement\nJuly 2, 2007\nGamma Fund\nSupplement dated\nJuly 2, 2007 to\n"
    )
    assert len(split_supplements(plain_text_units(text))) == 2
