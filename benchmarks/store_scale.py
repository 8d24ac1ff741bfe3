"""The store and batch questions at EDGAR scale, against SQLite used well and DuckDB.

For N synthetic supplements (``synthetic.generate``): each supplement is written
as a filing (a short plain-text 497 that says what it changes, with its new
text), the base edition as its Markdown; all are stored with
``Store.add_parsed`` (no parsing: the synthetic supplements are the parse).
Then, for each N:

* the store's size against the bytes of the filings ingested;
* cold start: a fresh process opens the store and answers one question,
  against loading the same parsed supplements into a ledger in memory and
  answering the same question (the same process's other option);
* the stored query median (first asking of each of 400 questions, in a fresh
  process) against the in-memory median on the same questions;
* ``as_of_many`` on 100,000 questions (in memory, and on the store in a fresh
  process) against DuckDB's ``ASOF JOIN`` of the same questions with
  ``ledger.versions()`` (both return each question's text), and against the
  same questions asked one at a time;
* compile: loading the parsed supplements and compiling the ledger;
* peak memory of a fresh process answering 10,000 random questions from the store.

Run alone: ``python benchmarks/store_scale.py --sizes 3000``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import synthetic
from store_worker import AGAIN
from timing import duration, log, ratio

import prospectus_ledger as pl
from prospectus_ledger.authoring import write_markdown
from prospectus_ledger.render._common import path_text

SIZES = (10_000, 100_000)
QUESTIONS = 100_000
STORED_QUERIES = 400
MEMORY_QUESTIONS = 10_000
ONE_AT_A_TIME = 2_000
COLD_RUNS = 3
WORKER = Path(__file__).resolve().parent / "store_worker.py"


@attrs.frozen
class StoreResult:
    """Every figure of one size."""

    size: int
    filings: int
    filing_bytes: int
    store_bytes: int
    tables: dict[str, int]
    ingest: float
    import_seconds: float
    cold: float
    check: float
    memory_start: float
    stored_median: float
    memory_median: float
    many_first: float
    many_again: float
    many_stored_first: float
    many_stored_again: float
    duckdb: float
    duckdb_keys: float
    one_at_a_time: float
    answered: int
    compile_seconds: float
    peak: int
    rss: int


def filing_text(supplement: pl.Supplement) -> str:
    """A short plain-text 497 that says what the supplement changes, with its new text."""
    amendment = supplement.amendments[0]
    dated = supplement.supplement_date
    return "\n".join(
        [
            str(supplement.registrant),
            f"Supplement dated {dated.format('MMMM D, YYYY') if dated else ''}",
            f"to the Prospectus dated {synthetic.EDITION_DATE.format('MMMM D, YYYY')}",
            "",
            supplement.portfolios[0],
            "",
            (amendment.words or "").split(":")[0] + ":",
            "",
            amendment.operation.text or "",
            "",
            "Please keep this supplement with your prospectus for future reference.",
            "",
        ]
    )


def filings_of(data: synthetic.Synthetic) -> list[pl.ParsedFiling]:
    """The base edition and every supplement, as the filings a store keeps."""
    found = [pl.ParsedFiling("base.md", write_markdown(data.base).encode("utf-8"), [], [data.base])]
    found += [
        pl.ParsedFiling(
            str(supplement.source.name), filing_text(supplement).encode("utf-8"), [supplement], []
        )
        for supplement in data.supplements
    ]
    return found


def _worker(mode: str, store: Path, questions: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(WORKER), mode, str(store), str(questions)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def _closed_size(store: pl.Store) -> int:
    """The store's file size once closed, its write-ahead log folded in."""
    store._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return store.path.stat().st_size


def _tables(path: Path) -> dict[str, int]:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        connection.close()
    return {str(name): int(size) for name, size in sorted(rows, key=lambda row: -row[1])}


FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
# The real filings a clone holds: 497s (the corpus, the labelled development set),
# a 485BPOS with its supplements, summary prospectuses and a 485APOS.
REAL_FILINGS = (
    FIXTURES / "corpus" / "supplements.jsonl",
    FIXTURES / "labelled" / "development.jsonl",
    FIXTURES / "delaware" / "supplements.jsonl",
    FIXTURES / "documents" / "development.jsonl.gz",
)


@attrs.frozen
class RealResult:
    """A store of the real filings in tests/fixtures."""

    filings: int
    filing_bytes: int
    store_bytes: int
    tables: dict[str, int]


def run_real(folder: Path) -> RealResult:
    """Ingest the real filings of tests/fixtures (read and parsed) into a store."""
    import gzip

    texts: list[str] = [(FIXTURES / "delaware" / "base.html").read_text(encoding="utf-8")]
    for source in REAL_FILINGS:
        data = source.read_bytes()
        lines = (gzip.decompress(data) if source.suffix == ".gz" else data).decode("utf-8")
        texts += [json.loads(line)["text"] for line in lines.splitlines() if line.strip()]
    files = folder / "real"
    files.mkdir()
    paths = []
    for number, text in enumerate(texts):
        # As EDGAR serves them: HTML documents as .htm, the others as .txt.
        suffix = ".htm" if text.lstrip()[:1] == "<" else ".txt"
        path = files / f"filing-{number:04d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    filing_bytes = sum(path.stat().st_size for path in paths)
    log(f"store of real filings: ingesting {len(paths)} ({filing_bytes / 1e6:.1f} MB)")
    stored = folder / "real.sqlite"
    store = pl.Store(stored)
    store.ingest(paths)
    return RealResult(len(paths), filing_bytes, _closed_size(store), _tables(stored))


def _duckdb(ledger: pl.Ledger, asked: Sequence[tuple[Any, str, str]]) -> tuple[float, float, int]:
    """DuckDB's ASOF JOIN of the questions with the version table: median of 3 returning
    each answer's text, median of 3 returning only its version's start, and how many
    questions it answered."""
    import duckdb
    import pandas as pd  # type: ignore[import-untyped]

    versions = ledger.versions().to_dataframe()[["path", "valid_from", "valid_to", "text"]]
    questions = pd.DataFrame(
        {
            "path": [path_text((portfolio, section)) for _, portfolio, section in asked],
            "at": pd.to_datetime([pl.parse_when(day).isoformat() for day, _, _ in asked], utc=True),
        }
    )
    connection = duckdb.connect()
    connection.register("v_frame", versions)
    connection.register("q_frame", questions)
    connection.execute("CREATE TABLE v AS SELECT * FROM v_frame")
    connection.execute("CREATE TABLE q AS SELECT * FROM q_frame")
    query = (
        "SELECT q.path, q.at, v.text FROM q ASOF LEFT JOIN v "
        "ON q.path = v.path AND q.at >= v.valid_from"
    )
    keys = query.replace("v.text", "v.valid_from")
    times: dict[str, list[float]] = {query: [], keys: []}
    answered = 0
    for _ in range(3):
        for sql in (query, keys):
            start = time.perf_counter()
            frame = connection.execute(sql).df()
            times[sql].append(time.perf_counter() - start)
            if sql == query:
                answered = int(frame["text"].notna().sum())
    connection.close()
    return statistics.median(times[query]), statistics.median(times[keys]), answered


def run_size(size: int, folder: Path) -> StoreResult:
    """Every figure for ``size`` supplements."""
    log(f"store {size:,}: generating")
    data = synthetic.generate(size)
    filings = filings_of(data)
    filing_bytes = sum(len(filing.content) for filing in filings)
    path = folder / f"store-{size}.sqlite"
    log(f"store {size:,}: ingesting {len(filings):,} filings ({filing_bytes / 1e6:.1f} MB)")
    start = time.perf_counter()
    store = pl.Store(path)
    store.add_parsed(filings)
    ingest = time.perf_counter() - start
    store_bytes = _closed_size(store)
    asked = [
        (day.isoformat(), portfolio, section)
        for day, portfolio, section in synthetic.queries(data, QUESTIONS, seed=11)
    ]
    questions = folder / f"questions-{size}.json"
    questions.write_text(json.dumps(asked[:STORED_QUERIES]), encoding="utf-8")
    many = folder / f"many-{size}.json"
    many.write_text(json.dumps(asked), encoding="utf-8")
    sample = folder / f"memory-{size}.json"
    sample.write_text(json.dumps(asked[-MEMORY_QUESTIONS:]), encoding="utf-8")

    log(f"store {size:,}: cold starts and stored queries (fresh processes)")
    colds = [_worker("cold", path, questions) for _ in range(COLD_RUNS)]
    stored = _worker("queries", path, questions)
    stored_many = _worker("many", path, many)
    memory = _worker("memory", path, sample)

    log(f"store {size:,}: the same in memory")
    start = time.perf_counter()
    ledger = pl.Ledger()
    ledger.add_document(data.base)
    for supplement in data.supplements:
        ledger.add_supplement(supplement)
    ledger._compile()
    compile_seconds = time.perf_counter() - start
    day, portfolio, section = asked[0]
    ledger.as_of(day).section((portfolio, section)).text  # noqa: B018 - the first answer
    memory_start = time.perf_counter() - start
    times = []
    for day, portfolio, section in asked[:STORED_QUERIES]:
        begin = time.perf_counter()
        ledger.as_of(day).section((portfolio, section)).text  # noqa: B018 - timed
        times.append(time.perf_counter() - begin)

    log(f"store {size:,}: {QUESTIONS:,} questions at once, one at a time, and DuckDB")
    import pandas as pd

    frame = pd.DataFrame(
        {"when": [q[0] for q in asked], "path": [f"{q[1]} -- {q[2]}" for q in asked]}
    )
    start = time.perf_counter()
    answers = ledger.as_of_many(frame)
    many_first = time.perf_counter() - start
    again = []
    for _ in range(AGAIN):
        start = time.perf_counter()
        ledger.as_of_many(frame)
        again.append(time.perf_counter() - start)
    many_again = statistics.median(again)
    start = time.perf_counter()
    for day, portfolio, section in asked[:ONE_AT_A_TIME]:
        ledger.as_of(day).section((portfolio, section)).text  # noqa: B018 - timed
    one = (time.perf_counter() - start) / ONE_AT_A_TIME * QUESTIONS
    duck, duck_keys, _ = _duckdb(ledger, asked)
    result = StoreResult(
        size=size,
        filings=len(filings),
        filing_bytes=filing_bytes,
        store_bytes=store_bytes,
        tables=_tables(path),
        ingest=ingest,
        import_seconds=statistics.median(c["import"] for c in colds),
        cold=statistics.median(c["cold"] for c in colds),
        check=statistics.median(c["check"] for c in colds),
        memory_start=memory_start,
        stored_median=stored["median"],
        memory_median=statistics.median(times),
        many_first=many_first,
        many_again=many_again,
        many_stored_first=stored_many["first"],
        many_stored_again=stored_many["again"],
        duckdb=duck,
        duckdb_keys=duck_keys,
        one_at_a_time=one,
        answered=int(answers["error"].isna().sum()),
        compile_seconds=compile_seconds,
        peak=memory["peak"],
        rss=memory["rss"],
    )
    del ledger, answers
    return result


def _met(condition: bool) -> str:
    return "met" if condition else "**NOT met**"


def report(results: Sequence[StoreResult], real: RealResult | None = None) -> list[str]:
    """The section of docs/benchmarks.md."""
    lines = [
        "## The store and batch questions (issue 17)",
        "",
        "Synthetic ledgers of the shape above (one trust, 50 portfolios x 20 sections, "
        "one-amendment supplements). Each supplement is stored as a filing: a short "
        "plain-text 497 saying what it changes, with its new text; the base as its "
        "Markdown; all through `Store.add_parsed` (the synthetic supplements are the "
        "parse). Fresh processes measure the store as a nightly script meets it: opening "
        "it and answering one question, 400 questions asked once each (medians), "
        "`as_of_many`, and the peak memory of 10,000 questions. The in-memory figures load "
        "the same parsed supplements into a ledger in this process.",
        "",
        "| supplements | filings | store | store ÷ filings (target ≤ 1.0) | ingest | "
        "cold start: open + first answer (fresh process) | load + first answer in memory | "
        "ratio (target ≥ 200x) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {r.filing_bytes / 1e6:.1f} MB | {r.store_bytes / 1e6:.1f} MB | "
            f"{r.store_bytes / r.filing_bytes:.2f} ({_met(r.store_bytes <= r.filing_bytes)}) | "
            f"{duration(r.ingest)} | {duration(r.cold)} (+ {duration(r.import_seconds)} "
            f"importing; a whole-file quick_check, which opening no longer runs, takes "
            f"{duration(r.check)}) | "
            f"{duration(r.memory_start)} | {ratio(r.memory_start / r.cold)} "
            f"({_met(r.memory_start / r.cold >= 200)}) |"
        )
    lines += [
        "",
        "| supplements | stored query median | in-memory median | ratio (target ≤ 3) | "
        "compile | supplements/s (target ≥ 50,000) | peak memory, 10,000 stored questions |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        rate = r.size / r.compile_seconds
        lines.append(
            f"| {r.size:,} | {duration(r.stored_median)} | {duration(r.memory_median)} | "
            f"{ratio(r.stored_median / r.memory_median)} "
            f"({_met(r.stored_median / r.memory_median <= 3)}) | {duration(r.compile_seconds)} | "
            f"{rate:,.0f} ({_met(rate >= 50_000)}) | {r.peak / 1e6:.0f} MB peak, "
            f"{r.rss / 1e6:.0f} MB resident at the end |"
        )
    lines += [
        "",
        f"{QUESTIONS:,} questions at once (`as_of_many`, answers with their texts as a "
        "DataFrame): first call (finds each path's versions) and again (median of "
        f"{AGAIN} more calls); DuckDB's ASOF JOIN of "
        "the same questions with `ledger.versions()` loaded as a table (median of 3, its text "
        "column returned; and, as a bound, returning only each answer's version start); the "
        "same questions one at a time (projected from "
        f"{ONE_AT_A_TIME:,}).",
        "",
        "| supplements | `as_of_many` first | again | on the store (fresh process), first | "
        "again | DuckDB ASOF JOIN | again ÷ DuckDB (target ≤ 2) | DuckDB, keys only | "
        "one at a time | one at a time ÷ again (target ≥ 20x) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {duration(r.many_first)} | {duration(r.many_again)} | "
            f"{duration(r.many_stored_first)} | {duration(r.many_stored_again)} | "
            f"{duration(r.duckdb)} | {ratio(r.many_again / r.duckdb)} "
            f"({_met(r.many_again / r.duckdb <= 2)}) | {duration(r.duckdb_keys)} | "
            f"{duration(r.one_at_a_time)} | "
            f"{ratio(r.one_at_a_time / r.many_again)} "
            f"({_met(r.one_at_a_time / r.many_again >= 20)}) |"
        )
    lines += ["", "Where the store's bytes go (SQLite's `dbstat`), at the largest size:", ""]
    last = results[-1]
    lines += ["| table or index | size | share |", "| --- | ---: | ---: |"]
    for name, size in list(last.tables.items())[:10]:
        lines.append(f"| `{name}` | {size / 1e6:.1f} MB | {size / last.store_bytes:.0%} |")
    lines.append("")
    if real is not None:
        lines += [
            "The same store of real filings: every filing of `tests/fixtures` a clone holds "
            f"({real.filings} files: 497 supplements, a 485BPOS with its supplements, "
            "summary prospectuses, a 485APOS), read and parsed by `Store.ingest`. Real "
            "filings are tens of kilobytes, not one: compression has more to work on, and a "
            "row's keys weigh less against its text.",
            "",
            "| filings | bytes | store | store ÷ filings | largest tables |",
            "| ---: | ---: | ---: | ---: | --- |",
            f"| {real.filings} | {real.filing_bytes / 1e6:.1f} MB | "
            f"{real.store_bytes / 1e6:.1f} MB | {real.store_bytes / real.filing_bytes:.2f} | "
            + ", ".join(
                f"`{name}` {size / 1e6:.1f} MB" for name, size in list(real.tables.items())[:4]
            )
            + " |",
            "",
        ]
    return lines


def run(sizes: Sequence[int] = SIZES) -> list[str]:
    """Measure every size; the report's lines."""
    with tempfile.TemporaryDirectory(prefix="ledger-bench-store-scale-") as folder:
        results = [run_size(size, Path(folder)) for size in sizes]
        real = run_real(Path(folder))
    return report(results, real)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the store benchmark alone and print its section."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    sys.stdout.write("\n".join(run(sizes)) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
