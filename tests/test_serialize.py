"""JSON through the one converter: round trips and validation."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings

import prospectus_ledger as pl
from prospectus_ledger import (
    Document,
    DocumentKind,
    InvalidLedgerDataError,
    Paragraph,
    Section,
    Supplement,
)
from prospectus_ledger.serialize import dumps, loads, structure, unstructure
from tests import strategies

SAMPLE = Document(
    DocumentKind.PROSPECTUS,
    "Example Trust",
    pendulum.date(2020, 5, 1),
    ("Example Fund",),
    (Section("Principal Risks", (Paragraph("You can lose money."),)),),
)


@settings(max_examples=60, deadline=None)
@given(strategies.supplements())
def test_supplement_json_round_trip_is_identity(supplement: Supplement) -> None:
    assert loads(dumps(supplement), Supplement) == supplement


@settings(max_examples=30, deadline=None)
@given(strategies.base_documents())
def test_document_json_round_trip_is_identity(document: Document) -> None:
    assert loads(dumps(document), Document) == document


@settings(max_examples=20, deadline=None)
@given(strategies.supplements())
def test_amendment_json_has_the_parser_contract_keys(supplement: Supplement) -> None:
    data = unstructure(supplement)
    assert {"registrant", "supplement_date", "documents", "portfolios", "amendments"} <= set(data)
    for amendment in data["amendments"]:
        assert {
            "action",
            "document",
            "target",
            "scope",
            "effective",
            "effective_words",
            "approximate",
            "text",
            "diagnostic",
        } <= set(amendment)
        assert amendment["action"] in {"replace", "insert", "delete", "substitute", "notice"}
        pendulum.parse(amendment["effective"])


def test_instants_and_dates_are_iso_strings() -> None:
    assert (
        unstructure(pendulum.datetime(2006, 12, 21, 16, tz="America/New_York"))
        == "2006-12-21T16:00:00-05:00"
    )
    assert unstructure(pendulum.date(2007, 4, 30)) == "2007-04-30"


def test_unknown_keys_are_rejected_with_the_place() -> None:
    document = unstructure(SAMPLE)
    document["sections"][0]["colour"] = "red"
    with pytest.raises(InvalidLedgerDataError) as caught:
        structure(document, Document, file="export.json")
    assert "export.json" in str(caught.value)
    assert "colour" in str(caught.value)


@pytest.mark.parametrize(
    "mutation",
    [
        lambda d: d.update(date="2007-02-30"),
        lambda d: d.update(kind="annual_report"),
        lambda d: d["sections"][0]["blocks"][0].update(type="video"),
        lambda d: d.update(sections="not a list"),
    ],
)
def test_invalid_values_raise_the_library_error(mutation: object) -> None:
    data = unstructure(SAMPLE)
    mutation(data)  # type: ignore[operator]
    with pytest.raises(InvalidLedgerDataError):
        structure(data, Document)


def test_malformed_json_raises_the_library_error() -> None:
    with pytest.raises(InvalidLedgerDataError, match="not valid JSON"):
        loads("{", Document, file="broken.json")
    with pytest.raises(InvalidLedgerDataError):
        loads(json.dumps([1, 2]), Supplement)


def test_whole_ledger_json_export_round_trip(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    ledger = pl.load(seeds)
    ledger.add_document(SAMPLE)
    text = ledger.to_json()
    reloaded = pl.load(sorted(seeds.iterdir(), reverse=True))
    reloaded.add_document(SAMPLE)
    assert reloaded.to_json() == text, "the export does not depend on the order of loading"
    again = pl.Ledger.from_json(text)
    assert again.to_json() == text
    for when in ("2006-12-21", "2007-05-22"):
        assert again.as_of(when).documents() == ledger.as_of(when).documents()
    exported = tmp_path / "ledger.json"
    exported.write_text(text, encoding="utf-8")
    assert pl.load(exported).timeline() == ledger.timeline()


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda d: d.update(format="something else"), "not a prospectus-ledger export"),
        (lambda d: d.update(version=99), "newer than this library reads"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["supplements"][0].update(registrant=5), "registrant"),
    ],
)
def test_bad_exports_are_rejected_clearly(mutation: object, message: str) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    data = json.loads(pl.load(seeds).to_json())
    mutation(data)  # type: ignore[operator]
    with pytest.raises(InvalidLedgerDataError, match=message):
        pl.Ledger.from_json(json.dumps(data), file="export.json")
