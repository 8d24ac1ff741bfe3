"""What a filing is, read from its content: real summary prospectuses are editions, real
supplements are supplements, and weak evidence is said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import prospectus_ledger as pl
from prospectus_ledger.parsing.identify import VERDICTS, Evidence, identify
from prospectus_ledger.tree import DocumentKind

from .documents import name, rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUPPLEMENT_FILES = (
    FIXTURES / "corpus" / "supplements.jsonl",
    FIXTURES / "labelled" / "development.jsonl",
    FIXTURES / "labelled" / "frozen.jsonl",
)


def _supplements() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in SUPPLEMENT_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            found.append((str(row["url"]).rsplit("/", 1)[-1], row["text"]))
    return found


@pytest.mark.parametrize("row", rows(), ids=name)
def test_every_real_document_of_other_families_is_an_edition(row: dict[str, object]) -> None:
    identity = identify(str(row["text"]))
    assert identity.kind == "edition"
    assert identity.doubt is None
    if row["form"] == "497K":
        assert identity.verdict == "a summary prospectus"
        assert identity.documents == (DocumentKind.SUMMARY_PROSPECTUS,)
        assert identity.evidence.legend
        assert len(identity.evidence.items) >= 5


def test_every_real_supplement_is_a_supplement() -> None:
    """All 359 labelled and corpus 497s: read as supplements, none on weak evidence."""
    misread = []
    for file, text in _supplements():
        identity = identify(text)
        if identity.kind != "supplement" or identity.doubt is not None:
            misread.append((file, identity.verdict, identity.doubt))
    assert misread == []
    assert len(_supplements()) == 359


def _evidence(**given: object) -> Evidence:
    fields: dict[str, object] = {
        "form": None,
        "facing": False,
        "opening": False,
        "legend": False,
        "summary_title": False,
        "sai_title": False,
        "items": (),
    }
    fields.update(given)
    return Evidence(**fields)  # type: ignore[arg-type]


NINE = ("objective", "fees", "strategies", "risks", "performance", "management", "purchase")


@pytest.mark.parametrize(
    ("evidence", "kind", "doubtful"),
    [
        (_evidence(form="485BPOS"), "edition", False),
        (_evidence(facing=True), "edition", False),
        (_evidence(opening=True), "supplement", False),
        # A supplement that restates the summary section prints its item headings.
        (_evidence(opening=True, items=NINE), "supplement", True),
        # A sticker over a whole summary prospectus.
        (_evidence(opening=True, legend=True, items=NINE), "edition", True),
        (_evidence(legend=True, items=NINE[:3]), "edition", False),
        # A whole prospectus filed under form 497, with no legend.
        (_evidence(form="497", items=NINE), "edition", False),
        (_evidence(legend=True), "edition", True),
        (_evidence(form="497K"), "supplement", True),
        (_evidence(form="497"), "supplement", False),
        (_evidence(items=NINE[:3]), "supplement", True),
    ],
)
def test_the_verdicts_in_order(evidence: Evidence, kind: str, doubtful: bool) -> None:
    for _name, test, verdict, doubt in VERDICTS:
        if test(evidence):
            assert verdict == kind
            assert (doubt(evidence) is not None) == doubtful
            return
    pytest.fail("no verdict")


def _summary_html(*, sticker: bool = False, items: bool = True) -> str:
    """A small summary prospectus written for the test (not a real filing)."""
    parts = ["<html><body>"]
    if sticker:
        parts.append("<p>Supplement dated June 1, 2024 to the Summary Prospectus</p>")
    parts += [
        '<p style="font-size:18pt">Example Growth Fund</p>',
        '<p style="font-size:14pt">Summary Prospectus</p>',
        "<p>May 1, 2024</p>",
        "<p>Before you invest, you may want to review the Fund's Prospectus, which contains "
        "more information about the Fund and its risks.</p>",
    ]
    headings = [
        "Investment Objective",
        "Fees and Expenses of the Fund",
        "Principal Investment Strategies",
        "Principal Risks",
        "Performance",
        "Management",
        "Purchase and Sale of Fund Shares",
        "Tax Information",
        "Payments to Broker-Dealers and Other Financial Intermediaries",
    ]
    for heading in headings if items else []:
        parts.append(f"<p><b>{heading}</b></p><p>The Fund says something about this.</p>")
    parts.append("</body></html>")
    return "".join(parts)


def test_a_folder_holding_one_summary_prospectus_loads_one_edition(tmp_path: Path) -> None:
    (tmp_path / "summary.htm").write_text(_summary_html(), encoding="utf-8")
    ledger = pl.load(tmp_path)
    assert repr(ledger) == "<Ledger: 1 base editions, 0 supplements>"
    (document,) = ledger.documents
    assert document.kind is DocumentKind.SUMMARY_PROSPECTUS
    assert document.date == pl.parse_when("2024-05-01").date()
    assert document.portfolios == ("Example Growth Fund",)
    assert [section.heading for section in document.sections][:2] == [
        "Investment Objective",
        "Fees and Expenses of the Fund",
    ]
    assert ledger.problems() == []


def test_weak_evidence_is_a_problem_and_nothing_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "stickered.htm").write_text(_summary_html(sticker=True), encoding="utf-8")
    ledger = pl.load(tmp_path)
    (document,) = ledger.documents
    assert document.kind is DocumentKind.SUMMARY_PROSPECTUS
    (problem,) = ledger.problems()
    assert problem.kind == "uncertain_kind"
    assert problem.source.name == "stickered.htm"
    assert "read as the summary prospectus" in problem.reason


def test_a_legend_without_items_is_an_edition_with_a_doubt(tmp_path: Path) -> None:
    (tmp_path / "cover.htm").write_text(_summary_html(items=False), encoding="utf-8")
    ledger = pl.load(tmp_path)
    assert len(ledger.documents) == 1
    (problem,) = ledger.problems()
    assert "only 0 of Form N-1A's summary item headings" in problem.reason


def test_parse_editions_still_refuses_a_supplement() -> None:
    supplement = "<html><body><p>Supplement dated June 1, 2024 to the Prospectus</p>"
    supplement += "<p>The Fund's name changes.</p></body></html>"
    with pytest.raises(pl.InvalidFilingError, match="this is a supplement"):
        pl.parsing.editions.parse_editions(supplement)


def test_identify_names_the_file_of_empty_data() -> None:
    with pytest.raises(pl.InvalidFilingError, match=r"empty\.htm"):
        identify(b"", file="empty.htm")
