"""The parser contract on every real corpus text, and a mutation fuzz of those texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import prospectus_ledger as pl
from prospectus_ledger.serialize import unstructure
from tests.mutations import DrawChooser, mutate

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "supplements.jsonl"
RECORDS: list[dict[str, Any]] = [
    json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
]
ACTIONS = {"replace", "insert", "delete", "substitute", "notice"}
KINDS = {"prospectus", "summary_prospectus", "sai"}


def _check_contract(supplement: dict[str, Any]) -> None:
    assert {"registrant", "supplement_date", "documents", "portfolios", "amendments"} <= set(
        supplement
    )
    for document in supplement["documents"]:
        assert document["kind"] in KINDS
    for amendment in supplement["amendments"]:
        assert amendment["action"] in ACTIONS
        assert amendment["document"] in KINDS | {None}
        assert isinstance(amendment["target"], list)
        assert amendment["scope"] in {*get_args(pl.operations.Scope), None}
        assert isinstance(amendment["effective_words"], str)
        assert isinstance(amendment["approximate"], bool)
        assert isinstance(amendment["text"], str)
        if amendment["action"] == "notice":
            assert amendment["text"] or amendment["diagnostic"]


@pytest.mark.parametrize("index", range(len(RECORDS)))
def test_every_corpus_text_parses_to_the_json_contract(index: int) -> None:
    record = RECORDS[index]
    supplements = pl.parse_filing(
        record["text"], pl.Source(name=f"corpus[{index}]", url=record["url"])
    )
    assert supplements, "every corpus text is a supplement"
    for supplement in unstructure(supplements):
        _check_contract(supplement)
        json.dumps(supplement)


def test_the_whole_corpus_loads_into_one_ledger() -> None:
    ledger = pl.Ledger()
    for index, record in enumerate(RECORDS):
        ledger.add_filing(record["text"], pl.Source(name=f"corpus[{index}]", url=record["url"]))
    timeline = ledger.timeline()
    assert len(timeline) >= len(RECORDS)
    reasons = [problem.reason for problem in ledger.problems()]
    assert all(reasons), "every problem says why"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(RECORDS) - 1), data=st.data(), as_bytes=st.booleans())
def test_mutated_corpus_texts_raise_only_library_errors(
    index: int, data: st.DataObject, as_bytes: bool
) -> None:
    text = RECORDS[index]["text"]
    text = mutate(text, DrawChooser(data), data.draw(st.integers(1, 4)))
    payload: str | bytes = text.encode("utf-8", errors="surrogatepass") if as_bytes else text
    ledger = pl.Ledger()
    try:
        supplements = pl.parse_filing(payload, pl.Source(name="mutant.txt"))
        ledger.add_filing(payload, pl.Source(name="mutant.txt"))
    except pl.InvalidFilingError as error:
        failure: pl.InvalidFilingError | None = error
    else:
        failure = None
    if failure is not None:
        assert failure.file == "mutant.txt"
        return
    for supplement in unstructure(supplements):
        _check_contract(supplement)
    ledger.timeline()
    ledger.problems()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=4000))
def test_random_bytes_raise_only_library_errors(data: bytes) -> None:
    try:
        pl.parse_filing(data, pl.Source(name="random.bin"))
    except pl.InvalidFilingError as error:
        failure: pl.InvalidFilingError | None = error
    else:
        failure = None
    assert failure is None or failure.file == "random.bin"
