"""Many questions at once (ledger.as_of_many): the same answers as one at a time."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]
import pendulum
import pyarrow as pa
import pytest

import prospectus_ledger as pl

BASE = Path(__file__).resolve().parent / "fixtures" / "delaware" / "base.html"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _one(ledger: pl.Ledger, question: dict[str, object]) -> tuple[object, object]:
    try:
        snapshot = ledger.as_of(question["when"], known_at=question.get("known_at"))
        if question.get("document"):
            snapshot = snapshot.document(str(question["document"]))
        return snapshot.section(str(question["path"])).text, None
    except pl.ProspectusLedgerError as error:
        return None, str(error)


def test_every_answer_and_error_is_the_one_at_a_time_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prospectus_ledger import batch

    asked_alone = []
    one = batch._answer_alone

    def counted(*args: object, **kwargs: object) -> object:
        asked_alone.append(args)
        return one(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "_answer_alone", counted)
    ledger = pl.load([BASE, SEEDS])
    paths = sorted({str(row["path"]) for row in ledger.versions()})
    rng = random.Random(17)
    questions = [
        {
            "when": pendulum.date(2024, 3, 1).add(days=rng.randrange(300)).isoformat(),
            "path": rng.choice(paths),
            "document": rng.choice([None, "prospectus", "sai"]),
            "known_at": rng.choice([None, None, "2007-05-31"]),
        }
        for _ in range(400)
    ]
    frame = ledger.as_of_many(pd.DataFrame(questions))
    assert len(frame) == len(questions)
    answered = errors = 0
    for question, row in zip(questions, frame.to_dict("records"), strict=True):
        text, error = _one(ledger, question)
        if error is None:
            answered += 1
            assert row["text"] == text
            assert pd.isna(row["error"]) or row["error"] is None
        else:
            errors += 1
            assert row["error"] == error
    assert answered > 100
    assert errors > 10
    # Most answers come from each section's history, found once, not asked alone.
    assert len(asked_alone) < len(questions) - answered // 2


def test_tuples_and_arrow_tables_are_questions_too() -> None:
    ledger = pl.load(SEEDS)
    strategy = "Principal Investment Strategy"
    by_tuple = ledger.as_of_many([("2007-05-22", strategy), ("2007-05-21", strategy)])
    assert by_tuple["text"][0].startswith("The Portfolio seeks")
    assert "no text is known" in by_tuple["error"][1]
    table = pa.table({"when": ["2007-05-22"], "path": [strategy]})
    by_arrow = ledger.as_of_many(table)
    assert by_arrow["edition"][0] == "prospectus of MET INVESTORS SERIES TRUST dated 2007-04-30"
    assert str(by_arrow["effective"].dt.tz) == "America/New_York"


def test_a_question_without_a_path_is_refused() -> None:
    with pytest.raises(pl.InvalidLedgerDataError, match="question 0"):
        pl.load(SEEDS).as_of_many([{"when": "2007-05-22"}])


@pytest.mark.parametrize("output_format", ["csv", "jsonl", "parquet"])
def test_cli_ask_answers_a_file_of_questions(tmp_path: Path, output_format: str) -> None:
    import duckdb
    from click.testing import CliRunner

    from prospectus_ledger.cli import main

    questions = tmp_path / "questions.csv"
    questions.write_text(
        "when,path\n2007-05-22,Principal Investment Strategy\n2007-05-21,Principal "
        "Investment Strategy\n",
        encoding="utf-8",
    )
    out = tmp_path / f"answers.{output_format}"
    result = CliRunner().invoke(
        main, ["ask", str(SEEDS), str(questions), "--format", output_format, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    if output_format == "parquet":
        rows = duckdb.sql(f"SELECT text, error FROM '{out}'").fetchall()
    elif output_format == "jsonl":
        import json

        rows = [(r["text"], r["error"]) for r in map(json.loads, out.read_text().splitlines())]
    else:
        import csv

        rows = [(r["text"] or None, r["error"] or None) for r in csv.DictReader(out.open())]
    assert rows[0][0].startswith("The Portfolio seeks")
    assert rows[0][1] is None
    assert rows[1][0] is None
    assert "no text is known" in rows[1][1]
