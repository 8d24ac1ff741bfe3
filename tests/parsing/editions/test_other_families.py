"""Real base editions of eleven other fund families, loaded as a user loads them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pendulum
import pytest

import prospectus_ledger as pl
from prospectus_ledger.parsing.editions import parse_editions
from prospectus_ledger.parsing.grammar.items import ITEMS, item_of
from prospectus_ledger.tree import DocumentKind, block_text, walk

from ..documents import name, rows
from .conftest import load_heading_accuracy

NINE = [rule.builds.key for rule in ITEMS]
# What a document does not print, read in the document itself.
NOT_PRINTED = {
    # Its shares are for managed accounts only: no payments to intermediaries, no Item 8.
    "c111480_497k.htm": ["intermediaries"],
}


@pytest.fixture(scope="module", params=rows(), ids=name)
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    row = request.param
    folder = tmp_path_factory.mktemp("document")
    (folder / name(row)).write_text(row["text"], encoding="utf-8")
    return row, pl.load(folder)


def test_each_loads_as_an_edition_with_nothing_in_doubt(loaded: Any) -> None:
    row, ledger = loaded
    assert ledger.supplements == ()
    assert ledger.problems() == []
    kinds = [document.kind for document in ledger.documents]
    if row["form"] == "485APOS":
        assert sorted(kind.value for kind in kinds) == ["prospectus", "sai"]
    else:
        assert kinds == [DocumentKind.SUMMARY_PROSPECTUS]


def test_each_has_its_date_and_its_fund(loaded: Any) -> None:
    row, ledger = loaded
    (first,) = [document for document in ledger.documents if document.kind is not DocumentKind.SAI]
    wanted = row["document_date"]
    # The 485APOS is a draft: its date is left blank ("_________, 2024").
    assert first.date == (pendulum.parse(wanted).date() if wanted else None)
    assert row["fund"].casefold() in {portfolio.casefold() for portfolio in first.portfolios}


def test_each_has_form_n1a_summary_items_as_sections(loaded: Any) -> None:
    row, ledger = loaded
    found = {
        item.key
        for document in ledger.documents
        for place in walk(document.sections)
        if (item := item_of(place.section.heading)) is not None
    }
    assert [key for key in NINE if key not in found] == NOT_PRINTED.get(name(row), [])


def test_the_registrant_where_the_filing_names_it(loaded: Any) -> None:
    """In an EDGAR header, in the HTML title ("Natixis Funds Trust II"), or as the fund
    itself when the fund is a company of its own ("Value Line ... Fund, Inc.")."""
    row, ledger = loaded
    registrants = {(document.registrant or "").casefold() for document in ledger.documents}
    if row["registrant"]:
        assert registrants == {str(row["registrant"]).casefold()}
    else:
        # Most summary prospectuses print no registrant: EDGAR's index knows it.
        assert registrants == {""}


def test_labelled_headings_of_seven_families() -> None:
    """Six summary prospectuses and the iShares 485APOS's prospectus and SAI."""
    labelled = load_heading_accuracy().evaluate_labelled()
    assert len(labelled) == 8
    for document, figures in labelled.items():
        assert figures["all"]["precision"] >= 0.95, document
        assert figures["all"]["recall"] >= 0.95, document
        assert figures["not_headings"]["produced"] == 0, document


def test_an_item_heading_set_smaller_than_its_text_is_a_heading(tmp_path: Path) -> None:
    """Written for the test (not a real filing): item headings in 8pt bold over 10pt text,
    the fee table's example in the text's own type on a line of its own."""

    def item(heading: str) -> str:
        return f'<p style="font-size:8pt"><b>{heading}</b></p>' + text(
            "The text of this part of the summary, as long as the running text of a real one."
        )

    def text(words: str) -> str:
        return f'<p style="font-size:10pt">{words}</p>'

    html = (
        '<html><body><p style="font-size:16pt"><b>Example Income Fund</b></p>'
        '<p style="font-size:14pt">Summary Prospectus</p><p>May 1, 2024</p>'
        + text("Before you invest, you may want to review the Fund's Prospectus.")
        + item("Investment Objective")
        + item("Fees and Expenses of the Fund")
        + text("Example")
        + text("Costs follow.")
        + item("Principal Investment Strategies")
        + item("Principal Risks")
        + item("Performance")
        # An item's heading right above a table heads it; it captions nothing.
        + '<p style="font-size:8pt"><b>Purchase and Sale of Fund Shares</b></p>'
        + "<table><tr><td>Minimum</td><td>Initial</td><td>Additional</td></tr>"
        + "<tr><td>Regular accounts</td><td>$1,000</td><td>$100</td></tr></table>"
        + "</body></html>"
    )
    (tmp_path / "small.htm").write_text(html, encoding="utf-8")
    (document,) = pl.load(tmp_path).documents
    outline = [
        ("  " * (len(place.indices) - 1)) + place.section.heading
        for place in walk(document.sections)
    ]
    assert outline == [
        "Investment Objective",
        "Fees and Expenses of the Fund",
        "  Example",
        "Principal Investment Strategies",
        "Principal Risks",
        "Performance",
        "Purchase and Sale of Fund Shares",
    ]
    assert document.portfolios == ("Example Income Fund",)


COVER_CLASSES = {
    "f40502d1.htm": [("Investor Shares", "VSTCX")],
    "f42746d1.htm": [
        ("Class ADV", "IPEAX"),
        ("Class I", "IPEIX"),
        ("Class R6", "VLCRX"),
        ("Class S", "IPESX"),
        ("Class S2", "IPETX"),
    ],
    "d800724d497k.htm": [
        ("Class A", "VKMMX"),
        ("Class C", "VMICX"),
        ("Class Y", "VMIIX"),
        ("Investor", "VMINX"),
        ("Class R6", "VKMSX"),
    ],
    "d72865d497k.htm": [
        ("Class A", "VNSAX"),
        ("Class C", "VNSCX"),
        ("Class N", "VNSNX"),
        ("Class T", "VNSTX"),
        ("Class Y", "VNSYX"),
    ],
    "fp0090597-2_497k.htm": [("Institutional Shares", "AFMCX")],
    "ea0255312-08_497k.htm": [(None, "VOYX")],
}


def test_share_classes_and_tickers_from_the_cover(loaded: Any) -> None:
    """A summary prospectus with no EDGAR header and no inline XBRL names its classes and
    tickers on its cover only."""
    row, ledger = loaded
    wanted = COVER_CLASSES.get(name(row))
    if wanted is None:
        return
    (document,) = ledger.documents
    (series,) = document.series
    assert series.id is None
    assert (series.name or "").casefold() == row["fund"].casefold()
    assert [(share.name, share.ticker) for share in series.classes] == wanted


def test_run_in_headings_the_contents_list() -> None:
    """The iShares SAI's contents list "Borrowing", "Non-U.S. Securities" ... among its
    sections, all set alike; the body prints them in bold at the start of paragraphs. Each
    is a heading, at the level the type gives it (under the 24pt section)."""
    (row,) = [item for item in rows() if item["form"] == "485APOS"]
    documents = parse_editions(row["text"])
    (sai,) = [document for document in documents if document.kind is DocumentKind.SAI]
    strategies = next(s for s in sai.sections if s.heading == "Investment Strategies and Risks")
    children = [child.heading for child in strategies.children]
    assert children[:3] == ["Borrowing.", "Currency Transactions.", "Diversification Status."]
    assert "Non-U.S. Securities." in children
    # The paragraph keeps the rest of its text.
    body = " ".join(block_text(block) for block in strategies.children[0].blocks)
    assert body.startswith("The Fund may borrow")


def _summary(title: str, *, pages: list[str], fund: str = "Example Growth Fund") -> str:
    """Written for the tests below (not a real filing): a one-fund summary prospectus in
    HTML, its pages split where a printer would break them."""

    def item(heading: str) -> str:
        words = "The text of this part of the summary, as long as the text of a real one."
        return f"<p><b>{heading}</b></p><p>{words}</p>"

    items = "".join(
        item(heading)
        for heading in (
            "Investment Objective",
            "Fees and Expenses of the Fund",
            "Principal Investment Strategies",
            "Principal Risks",
            "Performance",
            "Management",
            "Purchase and Sale of Fund Shares",
            "Tax Information",
        )
    )
    page_break = '<hr style="page-break-after:always"/>'
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<p style="font-size:16pt"><b>{fund}</b></p>'
        '<p style="font-size:14pt">Summary Prospectus</p><p>May 1, 2024</p>'
        "<p>Before you invest, you may want to review the Fund's Prospectus.</p>"
        + items
        + "".join(page_break + page for page in pages)
        + "</body></html>"
    )


def test_a_title_beside_a_page_number_is_a_running_footer(tmp_path: Path) -> None:
    """ "Summary Prospectus / 7 of 7 / the fund" at the foot of the last page (as Voya
    prints it) starts no second document."""
    footer = (
        '<p style="font-size:8pt">Summary Prospectus</p><p style="font-size:8pt">7 of 7</p>'
        '<p style="font-size:8pt">Example Growth Fund</p>'
    )
    html = _summary("Example Growth Fund", pages=[footer, "<p>SPRO-EGF (0524-050124)</p>"])
    (tmp_path / "egf.htm").write_text(html, encoding="utf-8")
    (document,) = pl.load(tmp_path).documents
    assert document.date == pendulum.date(2024, 5, 1)
    assert document.kind is DocumentKind.SUMMARY_PROSPECTUS


def test_a_fund_that_is_a_company_is_its_own_portfolio(tmp_path: Path) -> None:
    """A fund incorporated on its own ("Value Line ... Fund, Inc.") is the registrant and
    its one portfolio, whether its name is read from the cover or from a manifest."""
    html = _summary("Example Growth Fund, Inc.", pages=[]).replace(
        "<b>Example Growth Fund</b>", "<b>Example Growth Fund, Inc.</b>"
    )
    (tmp_path / "egf.htm").write_text(html, encoding="utf-8")
    (document,) = pl.load(tmp_path).documents
    assert document.registrant == "Example Growth Fund, Inc."
    assert document.portfolios == ("Example Growth Fund, Inc.",)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text('path,company\negf.htm,"Example Growth Fund, Inc."\n', encoding="utf-8")
    (listed,) = pl.load(tmp_path / "egf.htm", manifest=manifest).documents
    assert listed.registrant == "Example Growth Fund, Inc."
    assert listed.portfolios == ("Example Growth Fund, Inc.",)


def test_together_with_their_manifest_each_is_its_registrants_edition(tmp_path: Path) -> None:
    """All twelve in one folder, with a manifest as EDGAR's index gives it (URL, form,
    the company where the corpus records it): every document is its registrant's (its
    CIK, from the URL, is its identity), none is taken for another's duplicate, and the
    registrant is named as the document or the manifest names it."""
    lines = []
    for row in rows():
        (tmp_path / name(row)).write_text(row["text"], encoding="utf-8")
        entry = {"path": name(row), "url": row["url"], "form": row["form"]}
        if row["registrant"]:
            entry["company"] = row["registrant"]
        lines.append(json.dumps(entry))
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = sorted(path for path in tmp_path.iterdir() if path != manifest)
    ledger = pl.load(files, manifest=manifest)
    assert ledger.problems() == []
    by_cik = {document.cik: document for document in ledger.documents}
    assert set(by_cik) == {str(int(row["cik"])) for row in rows()}
    for row in rows():
        document = by_cik[str(int(row["cik"]))]
        if row["registrant"]:
            assert (document.registrant or "").casefold() == row["registrant"].casefold()
        else:
            assert document.registrant is None
            assert f"of CIK {int(row['cik'])} dated" in document.edition
        if document.date is not None:
            # Each is in force, as its own edition, for its own fund.
            objective = next(
                place.headings
                for place in walk(document.sections)
                if (item := item_of(place.section.heading)) and item.key == "objective"
            )
            view = (
                ledger.as_of(document.date)
                .portfolio(document.portfolios[0])
                .document(document.kind)
                .section(list(objective))
            )
            assert view.provenance.edition == document.edition


def _supplement(fund: str | None, day: str, edition: str) -> str:
    """Written for the tests below (not a real filing): a supplement replacing a fund's
    investment objective."""
    named = f"{fund}\n\n" if fund else ""
    return (
        f"EXAMPLE FUNDS TRUST\n\n{named}Supplement dated {day}\n"
        f"to the Summary Prospectus dated {edition}\n\n"
        f'Effective {day}, the section entitled "Investment Objective" is deleted in its '
        "entirety and replaced with the following:\n\n"
        f"The Fund seeks a new objective, as of {day}.\n"
    )


@pytest.fixture
def one_trust(tmp_path: Path) -> Path:
    """Two funds of one trust, each with its summary prospectus dated May 1, 2024, and a
    manifest that gives the trust's CIK (the documents print no registrant)."""
    for fund, file in (("Example Growth Fund", "growth.htm"), ("Example Value Fund", "value.htm")):
        (tmp_path / file).write_text(_summary(fund, pages=[], fund=fund), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,cik,company\n"
        "growth.htm,1234,Example Funds Trust\n"
        "value.htm,1234,Example Funds Trust\n"
        "value-june.txt,1234,Example Funds Trust\n"
        "all-july.txt,1234,Example Funds Trust\n"
        "value-2023.txt,1234,Example Funds Trust\n",
        encoding="utf-8",
    )
    return tmp_path


def _objective(ledger: pl.Ledger, when: str, fund: str) -> str:
    return ledger.as_of(when).portfolio(fund).section("Investment Objective").text


def test_one_trusts_summary_prospectuses_of_one_day_are_each_their_funds(
    one_trust: Path,
) -> None:
    (one_trust / "value-june.txt").write_text(
        _supplement("Example Value Fund", "June 3, 2024", "May 1, 2024"), encoding="utf-8"
    )
    (one_trust / "all-july.txt").write_text(
        _supplement(None, "July 1, 2024", "May 1, 2024"), encoding="utf-8"
    )
    ledger = pl.load(one_trust, manifest=one_trust / "manifest.csv")
    assert ledger.problems() == []
    assert sorted(d.portfolios for d in ledger.documents) == [
        ("Example Growth Fund",),
        ("Example Value Fund",),
    ]
    # The supplement naming one fund changes that fund's summary prospectus only.
    assert "as of June 3, 2024" in _objective(ledger, "2024-06-03", "Example Value Fund")
    assert "as of June" not in _objective(ledger, "2024-06-03", "Example Growth Fund")
    # One naming no fund supplements every summary prospectus of that date.
    for fund in ("Example Growth Fund", "Example Value Fund"):
        assert "as of July 1, 2024" in _objective(ledger, "2024-07-01", fund)
    applied = [entry for entry in ledger.timeline() if entry.status == "applied"]
    assert len(applied) == 3


def test_an_earlier_summary_prospectus_named_only_by_a_supplement_ends_with_the_next(
    one_trust: Path,
) -> None:
    """A supplement to the Value Fund's summary prospectus of 2023, which the ledger does
    not hold, amends an edition of that fund that the 2024 edition replaces."""
    (one_trust / "value-2023.txt").write_text(
        _supplement("Example Value Fund", "June 1, 2023", "May 1, 2023"), encoding="utf-8"
    )
    ledger = pl.load(one_trust, manifest=one_trust / "manifest.csv")
    assert "as of June 1, 2023" in _objective(ledger, "2023-06-01", "Example Value Fund")
    assert "as of June 1, 2023" not in _objective(ledger, "2024-05-01", "Example Value Fund")
    # No edition of the Growth Fund is known before 2024.
    with pytest.raises(pl.EditionNotFoundError):
        _objective(ledger, "2023-06-01", "Example Growth Fund")
