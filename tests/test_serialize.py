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
    serialize,
)
from prospectus_ledger.instants import read_written_instant
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


def _parsed_by_pendulum(value: str) -> pendulum.DateTime:
    """What reading an instant meant before the quick path: pendulum's parser."""
    parsed = pendulum.parse(value, exact=True, strict=True)
    assert isinstance(parsed, pendulum.DateTime)
    return parsed.in_timezone("America/New_York")


def _instants() -> list[str]:
    """Every hour of 2010 (its two clock changes among them) written in four zones, and
    instants with microseconds, the wall times the clocks skip or show twice, and
    other spellings."""
    start = pendulum.datetime(2010, 1, 1, tz="UTC")
    written = [
        start.add(hours=hour).in_timezone(zone).isoformat()
        for hour in range(0, 24 * 366, 1)
        for zone in ("America/New_York", "UTC", "Asia/Kolkata", "America/Chicago")
    ]
    return [
        *written,
        "2010-06-03T16:00:00.000001-04:00",
        "2010-06-03T16:00:00.123456-04:00",
        "2010-11-07T01:30:00-04:00",  # shown twice: the first time
        "2010-11-07T01:30:00-05:00",  # and the second
        "2010-03-14T02:30:00-04:00",  # skipped
        "2010-03-14T02:30:00-05:00",
        "2010-06-03T16:00:00Z",
        "2010-06-03T16:00-04:00",
        "2010-06-03 16:00:00-04:00",
        "2010-06-03T16:00:00.5-04:00",
    ]


def test_instants_read_quickly_are_the_instants_pendulum_reads() -> None:
    quick = 0
    for value in _instants():
        found = serialize.parse_datetime.__wrapped__(value)
        expected = _parsed_by_pendulum(value)
        assert found == expected, value
        assert found.isoformat() == expected.isoformat(), value
        assert (found.fold, found.timezone_name, type(found)) == (
            expected.fold,
            expected.timezone_name,
            type(expected),
        ), value
        quick += read_written_instant(value) is not None
    # New York's own instants are read quickly: every hour written there but the two
    # of the autumn's repeated hour, and the two with microseconds.
    assert quick == 24 * 366 - 2 + 2


def test_an_instant_not_read_quickly_is_still_refused_when_it_is_not_one() -> None:
    for value in ("2010-02-30T00:00:00-05:00", "2010-06-03T25:00:00-04:00", "not a date"):
        with pytest.raises(pl.InvalidLedgerDataError):
            serialize.parse_datetime.__wrapped__(value)
