"""Benchmarks on synthetic ledgers: query latency, the alternatives, load and memory.

:func:`run` measures everything from one run and returns the Markdown lines of
the report; :mod:`run` puts them in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import bisect
import cProfile
import enum
import functools
import gc
import json
import linecache
import multiprocessing
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
import types
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import alternatives
import pendulum
import synthetic
from timing import duration, log, median_seconds, percentile, ratio, timed

import prospectus_ledger as pl
from prospectus_ledger._text import _path_part
from prospectus_ledger.instants import _read_when, end_of_day, wall_clock_key
from prospectus_ledger.snapshot import _split_cached
from prospectus_ledger.store import IngestReport

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000, 100_000)
QUERIES = 400
SCOPED_QUERIES = 100
REPEATS = 3
"""Further passes over the same queries, for the latency of a question asked again."""
ALTERNATIVE_BUDGET = 12.0
"""Seconds of queries each alternative gets per size (at least one query)."""
SINGLE_QUERY_LIMIT = 60.0
"""A replay projected to take longer than this for one query is not run."""
TARGET_SIZE = 10_000
GROWTH_FROM, GROWTH_TO = 1_000, 100_000
PROFILE_SIZE = 10_000
MEMORY_SIZE = 10_000
COMPILE_PROFILE_SIZE = 1_000
FLOOR_STEPS = (
    "reading the day (`pl.parse_when`, first time)",
    "`ledger.as_of(day)` (day already read)",
    "`.section((portfolio, section))`",
    "`.text`",
)

Query = tuple[Any, str, str]


class Alternative(Protocol):
    """What :mod:`alternatives` classes provide."""

    name: str

    def answer(self, day: Any, portfolio: str, section: str) -> str:
        """The section's text at the end of ``day``."""
        ...


@dataclass
class AlternativeResult:
    """One alternative at one size."""

    name: str
    build_seconds: float | None
    times: list[float] = field(default_factory=list)
    mismatches: int = 0
    projected: float | None = None
    note: str = ""


@dataclass
class SizeResult:
    """Everything measured at one number of supplements."""

    size: int
    shape: dict[str, int]
    generate_seconds: float
    add_seconds: float
    first_seconds: float
    latencies: list[float]
    lookups: list[float]
    repeated: list[float]
    answer_chars: float
    scoped: list[float]
    histories: list[float]
    """``ledger.history((portfolio, section))`` for the first paths asked."""
    documents: list[float]
    """``ledger.as_of(day).documents()``: every document whole, as it read that day."""
    statuses: Counter[str]
    problems: Counter[str]
    text_bytes: int
    ops_per_query: list[int]
    alternatives: list[AlternativeResult] = field(default_factory=list)


@dataclass
class Extras:
    """Profiles and checks reported once."""

    query_profile: list[str] = field(default_factory=list)
    compile_profile: list[str] = field(default_factory=list)
    whole_state_delta: tuple[bool, float] | None = None
    floor: dict[str, float] | None = None
    parts: dict[str, float] | None = None
    # The smaller ledger of the growth target, kept to be asked again beside
    # the larger one; then both ledgers' timings from that interleaved pass.
    growth_ledger: pl.Ledger | None = None
    growth: tuple[Timings, Timings] | None = None


# -- the ledger ----------------------------------------------------------------


def _ask(ledger: pl.Ledger, query: Query) -> str:
    day, portfolio, section = query
    return ledger.as_of(day.isoformat()).section((portfolio, section)).text


def _ask_scoped(ledger: pl.Ledger, query: Query) -> str:
    day, portfolio, section = query
    return ledger.as_of(day.isoformat()).portfolio(portfolio).section(section).text


@dataclass
class Timings:
    """One pass of the ledger over the queries."""

    answers: list[str]
    lookups: list[float]
    """``as_of(day).section(...)`` alone, per query."""
    latencies: list[float]
    """The whole query, ``.text`` included (one more clock call than the lookup)."""


def _time_one(ledger: pl.Ledger, query: Query, timings: Timings) -> None:
    day, portfolio, section = query
    started = time.perf_counter()
    view = ledger.as_of(day.isoformat()).section((portfolio, section))
    found = time.perf_counter()
    timings.answers.append(view.text)
    done = time.perf_counter()
    timings.lookups.append(found - started)
    timings.latencies.append(done - started)


def _ledger_queries(ledger: pl.Ledger, queries: Sequence[Query]) -> Timings:
    timings = Timings([], [], [])
    for query in queries:
        _time_one(ledger, query, timings)
    return timings


def _interleaved(
    ledger: pl.Ledger, baseline: pl.Ledger, queries: Sequence[Query]
) -> tuple[Timings, Timings]:
    """Each query asked of both ledgers in turn, which one first alternating (the first
    reads the day and splits the path), so that the machine's mood weighs on both alike."""
    mine, theirs = Timings([], [], []), Timings([], [], [])
    for number, query in enumerate(queries):
        order = [(ledger, mine), (baseline, theirs)]
        for target, timings in order if number % 2 == 0 else reversed(order):
            _time_one(target, query, timings)
    return mine, theirs


def _forget_reads() -> None:
    """Clear the days and paths the library remembers: the next question is a first one.

    Every size asks the same (day, portfolio, section) questions.
    """
    _read_when.cache_clear()
    _split_cached.cache_clear()
    _path_part.cache_clear()


def _floor(ledger: pl.Ledger, queries: Sequence[Query]) -> dict[str, float]:
    """Medians of each step of a query timed alone, the day read as if for the first time."""
    steps: dict[str, list[float]] = {name: [] for name in FLOOR_STEPS}
    for day, portfolio, section in queries:
        text = day.isoformat()
        # The ledger keeps the days it has read; clear them so that reading
        # the day costs what it costs on a day not asked before.
        _read_when.cache_clear()
        started = time.perf_counter()
        pl.parse_when(text)
        parsed = time.perf_counter()
        snapshot = ledger.as_of(text)
        built = time.perf_counter()
        view = snapshot.section((portfolio, section))
        found = time.perf_counter()
        _ = view.text
        done = time.perf_counter()
        spans = (parsed - started, built - parsed, found - built, done - found)
        for name, seconds in zip(FLOOR_STEPS, spans, strict=True):
            steps[name].append(seconds)
    return {name: statistics.median(times) for name, times in steps.items()}


PARTS = (
    "the day's instant (`end_of_day`: one pendulum `DateTime`)",
    "a `Snapshot` (frozen attrs, 6 fields)",
    "one binary search of the section's version keys",
    "a `SectionView` (frozen attrs, 3 fields)",
    "the answer's text (`Section.text`: its paragraphs joined)",
)


def _parts(ledger: pl.Ledger, queries: Sequence[Query]) -> dict[str, float]:
    """Medians of the pieces every answer is made of, each timed alone over the same
    queries: what is left when the lookup itself costs nothing but one search."""
    compiled = ledger._compile()
    index = compiled.index_of(compiled.editions[0])
    spans: dict[str, list[float]] = {name: [] for name in PARTS}
    clock = time.perf_counter
    for day, portfolio, section in queries:
        view = ledger.as_of(day.isoformat()).section((portfolio, section))
        keys = index.by_ancestor[(pl.heading_key(portfolio), pl.heading_key(section))][0].keys
        key = wall_clock_key(view.as_of)
        started = clock()
        end_of_day(day)
        instant = clock()
        pl.Snapshot(compiled, view.as_of, None, _when_key=key)
        snapshot = clock()
        bisect.bisect_right(keys, key)  # type: ignore[arg-type]
        searched = clock()
        pl.SectionView(located=view._located, in_edition=view._in_edition, as_of=view.as_of)
        viewed = clock()
        _ = view.section.text
        done = clock()
        times = (instant - started, snapshot - instant, searched - snapshot, viewed - searched)
        for name, seconds in zip(PARTS, (*times, done - viewed), strict=True):
            spans[name].append(seconds)
    return {name: statistics.median(times) for name, times in spans.items()}


def _profile_rows(profile: cProfile.Profile, limit: int) -> list[str]:
    """The functions with the most own time, as Markdown table rows."""
    stats = pstats.Stats(profile)
    total = sum(entry[2] for entry in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(
        stats.stats.items(),  # type: ignore[attr-defined]
        key=lambda item: item[1][2],
        reverse=True,
    )[:limit]
    lines = [
        "| function | calls | own time | share | cumulative |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for (file, line, function), (_, calls, own, cumulative, _) in rows:
        where = "built-in" if file == "~" else f"`{_cell(_short(file))}:{line}`"
        lines.append(
            f"| `{_cell(function)}` {where} | {calls:,} | {duration(own)} | "
            f"{own / total:.0%} | {duration(cumulative)} |"
        )
    return lines


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell's code span."""
    return text.replace("`", "'").replace("|", "\\|")


def _short(file: str) -> str:
    """A file name without the installation's prefix ("prospectus_ledger/tree.py")."""
    for marker in ("/src/", "/site-packages/"):
        if marker in file:
            return file.split(marker, 1)[1]
    standard = re.search(r"/lib/python3\.\d+/(.+)$", file)
    return standard.group(1) if standard else file.rsplit("/", 1)[-1]


# -- the alternatives ------------------------------------------------------------


def _start_git(workers: Executor, size: int) -> tuple[Future[tuple[int, float]], Path]:
    """Start building the git repository of ``size`` supplements in a worker process."""
    folder = Path(tempfile.mkdtemp(prefix="ledger-bench-git-")) / "repository"
    return workers.submit(alternatives.build_repository, size, str(folder)), folder


def _build_alternatives(
    data: synthetic.Synthetic, git_build: Future[tuple[int, float]], git_folder: Path
) -> tuple[list[tuple[Alternative, float]], alternatives.GitHistory]:
    """Build the deltas; wait for the git repository that a worker process is building."""
    log("  building deepdiff deltas")
    delta_seconds, deltas = timed(lambda: alternatives.DeltaReplay(data))
    log(f"  deltas built in {duration(delta_seconds)}; waiting for the git repository")
    commits, git_seconds = git_build.result()
    git = alternatives.GitHistory(git_folder, alternatives.git_paths(data), commits)
    log(f"  git: {commits:,} commits built in {duration(git_seconds)}")
    built: list[tuple[Alternative, float]] = [
        (alternatives.PlainReplay(data), 0.0),
        (deltas, delta_seconds),  # type: ignore[list-item]
        (alternatives.NaiveReplay(data), 0.0),
        (git, git_seconds),
    ]
    return built, git


def _ops(data: synthetic.Synthetic, queries: Sequence[Query]) -> list[int]:
    instants = [step.effective for step in data.steps]
    return [bisect.bisect_right(instants, end_of_day(day)) for day, _, _ in queries]


def _time_alternative(
    alternative: Alternative,
    build_seconds: float,
    queries: Sequence[Query],
    answers: Sequence[str],
    ops: Sequence[int],
    previous: tuple[AlternativeResult, Sequence[int]] | None,
) -> AlternativeResult:
    """Time ``alternative`` on the first queries until its budget is spent."""
    result = AlternativeResult(alternative.name, build_seconds)
    is_replay = hasattr(alternative, "instants")
    if is_replay and previous is not None and previous[0].times:
        earlier, earlier_ops = previous
        per_op = statistics.median(
            seconds / count
            for seconds, count in zip(earlier.times, earlier_ops, strict=False)
            if count
        )
        if per_op * ops[0] > SINGLE_QUERY_LIMIT:
            result.projected = per_op * statistics.median(ops)
            result.note = (
                f"not run: one query would take about {duration(per_op * ops[0])}; "
                f"projected from {duration(per_op)} per applied amendment measured at "
                "the size before"
            )
            return result
    spent = 0.0
    for query, expected in zip(queries, answers, strict=True):
        if result.times and spent >= ALTERNATIVE_BUDGET:
            break
        seconds, text = timed(functools.partial(alternative.answer, *query))
        result.times.append(seconds)
        result.mismatches += text != expected
        spent += seconds
    if len(result.times) < len(queries):
        result.note = f"first {len(result.times)} of the {len(queries)} queries ({duration(spent)})"
    return result


# -- one size ------------------------------------------------------------------------


def run_size(
    size: int, previous: SizeResult | None, extras: Extras, workers: Executor
) -> SizeResult:
    """Generate a ledger of ``size`` supplements and measure it and the alternatives.

    Once the ledger's own figures are measured, a worker process builds the git
    repository while this one checks the timeline and builds the deltas (none
    of which is timed as a result).
    """
    log(f"{size:,} supplements: generating")
    generate_seconds, generated = timed(lambda: synthetic.generate(size))
    data: synthetic.Synthetic = generated  # type: ignore[assignment]
    queries = synthetic.queries(data, QUERIES)
    log(f"  generated in {duration(generate_seconds)}; adding to a ledger")
    ledger = pl.Ledger()
    started = time.perf_counter()
    ledger.add_document(data.base)
    for supplement in data.supplements:
        ledger.add_supplement(supplement)
    add_seconds = time.perf_counter() - started
    log(f"  added in {duration(add_seconds)}; first query (compiles the ledger)")
    started = time.perf_counter()
    _ask(ledger, queries[0])
    first_seconds = time.perf_counter() - started
    log(f"  first query {duration(first_seconds)}; {QUERIES} timed queries")
    _forget_reads()
    if size == GROWTH_TO and extras.growth_ledger is not None:
        first_pass, baseline_pass = _interleaved(ledger, extras.growth_ledger, queries)
        extras.growth = (baseline_pass, first_pass)
        extras.growth_ledger = None
    else:
        first_pass = _ledger_queries(ledger, queries)
    answers, latencies = first_pass.answers, first_pass.latencies
    # Each query's median over further passes: the same questions asked again,
    # as a nightly job does across funds and trade dates.
    passes = [_ledger_queries(ledger, queries).latencies for _ in range(REPEATS)]
    repeated = [statistics.median(times) for times in zip(*passes, strict=True)]
    if size == PROFILE_SIZE:
        profile = cProfile.Profile()
        profile.enable()
        _ledger_queries(ledger, queries)
        profile.disable()
        extras.query_profile = _profile_rows(profile, 10)
    if size == TARGET_SIZE:
        extras.floor = _floor(ledger, queries)
        extras.parts = _parts(ledger, queries)
    scoped = []
    for query in queries[:SCOPED_QUERIES]:
        started = time.perf_counter()
        _ask_scoped(ledger, query)
        scoped.append(time.perf_counter() - started)
    histories = [timed(functools.partial(ledger.history, (p, s)))[0] for _, p, s in queries[:5]]
    documents = [
        timed(functools.partial(ledger.as_of(day.isoformat()).documents))[0]
        for day, _, _ in queries[:SCOPED_QUERIES]
    ]
    if size == GROWTH_FROM:
        extras.growth_ledger = ledger
    git_build, git_folder = _start_git(workers, size)
    log("  git repository: building in a worker process; meanwhile timeline and problems")
    statuses: Counter[str] = Counter(entry.status for entry in ledger.timeline())
    problems: Counter[str] = Counter(problem.kind for problem in ledger.problems())
    del ledger
    gc.collect()
    result = SizeResult(
        size=size,
        shape=data.shape(),
        generate_seconds=generate_seconds,
        add_seconds=add_seconds,
        first_seconds=first_seconds,
        latencies=latencies,
        lookups=first_pass.lookups,
        repeated=repeated,
        answer_chars=statistics.mean(len(answer) for answer in answers),
        scoped=scoped,
        histories=histories,
        documents=documents,
        statuses=statuses,
        problems=problems,
        text_bytes=synthetic.distinct_text_bytes(data),
        ops_per_query=_ops(data, queries),
    )
    if size == TARGET_SIZE:
        log("  whole-state DeepDiff on 5 supplements (for comparison)")
        extras.whole_state_delta = alternatives.full_state_delta_matches(data, 5)
    built, git = _build_alternatives(data, git_build, git_folder)
    try:
        for position, (alternative, build_seconds) in enumerate(built):
            log(f"  timing {alternative.name}")
            earlier = None
            if previous is not None:
                earlier = (previous.alternatives[position], previous.ops_per_query)
            result.alternatives.append(
                _time_alternative(
                    alternative, build_seconds, queries, answers, result.ops_per_query, earlier
                )
            )
    finally:
        git.close()
        shutil.rmtree(git_folder.parent, ignore_errors=True)
    return result


def profile_compile(size: int) -> list[str]:
    """Profile adding ``size`` supplements and the first query (the compile)."""
    log(f"profiling the compile of {size:,} supplements")
    data = synthetic.generate(size)
    query = synthetic.queries(data, 1)[0]
    profile = cProfile.Profile()
    profile.enable()
    _ask(data.ledger(), query)
    profile.disable()
    return _profile_rows(profile, 10)


# -- memory ------------------------------------------------------------------------------


@dataclass
class MemoryResult:
    """Peak and retained memory of building and warming one ledger."""

    size: int
    text_bytes: int
    inputs_bytes: int
    peak_bytes: int
    retained_bytes: int
    seconds: float
    top_lines: list[tuple[str, int, int]]
    top_files: list[tuple[str, int, int]]
    answers_bytes: int
    """The objects of every version of every leaf section the index answers with."""


def bench_memory(size: int = MEMORY_SIZE) -> MemoryResult:
    """``tracemalloc`` while generating, adding, compiling and querying ``size`` supplements."""
    log(f"memory: {size:,} supplements under tracemalloc")
    synthetic.vocabulary()  # the generator's word list is not part of the ledger
    gc.collect()
    started = time.perf_counter()
    tracemalloc.start()
    data = synthetic.generate(size)
    text_bytes = synthetic.distinct_text_bytes(data)
    base, supplements = data.base, data.supplements
    query = synthetic.queries(data, 1)[0]
    del data  # the generator's own model of the history is not part of a ledger
    gc.collect()
    tracemalloc.reset_peak()
    inputs_bytes = tracemalloc.get_traced_memory()[0]
    ledger = pl.Ledger()
    ledger.add_document(base)
    for supplement in supplements:
        ledger.add_supplement(supplement)
    _ask(ledger, query)
    retained, peak = tracemalloc.get_traced_memory()
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    tracemalloc.stop()
    seconds = time.perf_counter() - started
    top_lines = []
    for stat in snapshot.statistics("lineno")[:10]:
        frame = stat.traceback[0]
        code = linecache.getline(frame.filename, frame.lineno).strip()
        where = f"`{_cell(_short(frame.filename))}:{frame.lineno}`: `{_cell(code[:70])}`"
        top_lines.append((where, stat.size, stat.count))
    top_files = [
        (f"`{_cell(_short(stat.traceback[0].filename))}`", stat.size, stat.count)
        for stat in snapshot.statistics("filename")[:6]
    ]
    answers_bytes = _answers_size(ledger)
    del ledger, supplements, base
    gc.collect()
    return MemoryResult(
        size,
        text_bytes,
        inputs_bytes,
        peak,
        retained,
        seconds,
        top_lines,
        top_files,
        answers_bytes,
    )


def _answers_size(ledger: pl.Ledger) -> int:
    """``sys.getsizeof`` over the objects reachable from every version of every leaf
    section in the ledger's index (sections, paragraphs, provenance and their strings and
    instants), each object once: what the answers themselves occupy, whatever holds them."""
    compiled = ledger._compile()
    index = compiled.index_of(compiled.editions[0])
    pending: list[object] = [
        located.section
        for versions in index.versions.values()
        for located in versions.located
        if located is not None and not located.section.children
    ]
    seen: set[int] = set()
    total = 0
    while pending:
        item = pending.pop()
        if id(item) in seen or item is None or isinstance(item, _SHARED_KINDS):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        pending.extend(gc.get_referents(item))
    return total


# Classes, modules, functions and time zones are the program's, not the answers'.
_SHARED_KINDS = (type, types.ModuleType, types.FunctionType, pendulum.Timezone, bool, enum.Enum)


# -- the store -------------------------------------------------------------------------------


@dataclass
class StoreResult:
    """Store ingest against an in-memory load of the same files."""

    files: int
    ingest_seconds: float
    load_seconds: float
    report: IngestReport | None


def bench_store(corpus: Path, seeds: Path) -> StoreResult:
    """Ingest the corpus and seed texts into a fresh store, against ``pl.load`` of them."""
    log("store: ingesting the corpus and seed texts")
    folder = Path(tempfile.mkdtemp(prefix="ledger-bench-corpus-"))
    try:
        for index, line in enumerate(corpus.read_text(encoding="utf-8").splitlines()):
            text = json.loads(line)["text"]
            (folder / f"corpus-{index:03d}.txt").write_text(text, encoding="utf-8")
        for seed in sorted(seeds.iterdir()):
            shutil.copy(seed, folder / seed.name)
        files = len(list(folder.iterdir()))
        reports: list[IngestReport] = []

        def ingest() -> None:
            with tempfile.TemporaryDirectory(prefix="ledger-bench-store-") as target:
                store = pl.Store(Path(target) / "ledger.sqlite")
                try:
                    reports.append(store.ingest(folder))
                finally:
                    store.close()

        ingest_seconds = median_seconds(ingest, repeats=3)
        load_seconds = median_seconds(lambda: pl.load(folder).timeline(), repeats=3)
        return StoreResult(files, ingest_seconds, load_seconds, reports[-1] if reports else None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the report ------------------------------------------------------------------------------


def _met(condition: bool) -> str:
    return "met" if condition else "**NOT met**"


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def _shape_lines(results: Sequence[SizeResult]) -> list[str]:
    kinds = ("ReplaceBlock", "ReplaceSection", "InsertBlocks", "SubstituteText")
    lines = [
        "## Synthetic ledgers",
        "",
        "Built through the public API by `benchmarks/synthetic.py` (no parsing; fixed seed): one "
        "trust, one prospectus edition dated 2010-05-01 (`illustrative=True`) covering 50 "
        "portfolios x 20 sections (1,050 sections), each section 1-4 paragraphs of 400-800 "
        "characters of words drawn from the corpus filings; then N supplements of one amendment "
        "each on a random portfolio's section, effective on business days from 2010-05-03 to "
        "2020-04-30 at 00:00 or at the 16:00 close. All name the one edition, so the whole "
        "history is one replay. Queries: 400 random (day, portfolio, section) triples from "
        "2010-05-01 to 2020-05-30, asked as "
        "`ledger.as_of(day.isoformat()).section((portfolio, section)).text`.",
        "",
        "| supplements | " + " | ".join(kinds) + " | retroactive | prospective "
        "| effective days | days with several | at the close | distinct text |",
        "| ---: |" + " ---: |" * (len(kinds) + 6),
    ]
    for result in results:
        shape = result.shape
        cells = [str(shape.get(kind, 0)) for kind in kinds]
        cells += [
            str(shape["retroactive"]),
            str(shape["prospective"]),
            str(shape["effective days"]),
            str(shape["days with several"]),
            str(shape["at 16:00 close"]),
            _mb(result.text_bytes),
        ]
        lines.append(f"| {result.size:,} | " + " | ".join(cells) + " |")
    lines += ["", "Every amendment applied at every size (from `ledger.timeline()`):"]
    for result in results:
        statuses = ", ".join(f"{count:,} {status}" for status, count in result.statuses.items())
        problems = ", ".join(f"{count:,} {kind}" for kind, count in result.problems.items())
        lines.append(f"- {result.size:,}: {statuses}; problems: {problems or 'none'}")
    lines.append("")
    return lines


def _latency_lines(results: Sequence[SizeResult], extras: Extras) -> list[str]:
    lines = [
        "## 1. `as_of(day).section((portfolio, section))` latency",
        "",
        f"{QUERIES} queries per size, each timed alone, after a first query that compiled the "
        "ledger (timed separately). Each query is timed twice in the same pass: the lookup, "
        "`ledger.as_of(day.isoformat()).section((portfolio, section))`, which returns the "
        "section's view, and the whole question with `.text` (the section's paragraphs "
        "joined into one string). Medians, p99 and max are of the first time each question "
        "is asked: the days and paths the library remembers are forgotten before each "
        "size's first pass, and the section's data is not in the processor's caches. "
        '"Asked again" is the median of '
        f"the same questions in {REPEATS} more passes (each query's median), with `.text`. "
        "The portfolio-scope column asks `as_of(day).portfolio(p).section(s).text` (first "
        f"{SCOPED_QUERIES} queries, after the passes above).",
        "",
        "| supplements | first query (compile) | lookup median | lookup p99 | with `.text` "
        "median | with `.text` p99 | with `.text` max | asked again | via `.portfolio(p)` "
        "| answer length (mean) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        lines.append(
            f"| {result.size:,} | {duration(result.first_seconds)} | "
            f"{duration(statistics.median(result.lookups))} | "
            f"{duration(percentile(result.lookups, 0.99))} | "
            f"{duration(statistics.median(result.latencies))} | "
            f"{duration(percentile(result.latencies, 0.99))} | "
            f"{duration(max(result.latencies))} | {duration(statistics.median(result.repeated))} "
            f"| {duration(statistics.median(result.scoped))} | "
            f"{result.answer_chars:,.0f} characters |"
        )
    lines += [
        "",
        "Two other questions: every version of a section, "
        "`ledger.history((portfolio, section))` (median of the first 5 paths asked), and "
        "every document whole as it read on a day, `ledger.as_of(day).documents()` (median "
        f"of the first {SCOPED_QUERIES} days; whole states are kept one in 16, the others "
        "rebuilt on demand).",
        "",
        "| supplements | `history(...)` | `as_of(day).documents()` |",
        "| ---: | ---: | ---: |",
        *(
            f"| {result.size:,} | {duration(statistics.median(result.histories))} | "
            f"{duration(statistics.median(result.documents))} |"
            for result in results
        ),
    ]
    by_size = {result.size: result for result in results}
    if extras.growth is not None:
        small, large = extras.growth
        lookup = statistics.median(large.lookups) / statistics.median(small.lookups)
        full = statistics.median(large.latencies) / statistics.median(small.latencies)
        longer = statistics.mean(map(len, large.answers)) / statistics.mean(map(len, small.answers))
        lines += [
            "",
            f"Growth from {GROWTH_FROM:,} to {GROWTH_TO:,} supplements, from one pass that puts "
            f"each question to both ledgers in turn (the {GROWTH_TO:,} row's first asking; the "
            f"{GROWTH_FROM:,}-supplement ledger kept from its row, its days and paths forgotten "
            "first), so that both are measured in the same minutes: the median "
            f"`as_of().section()` goes from {duration(statistics.median(small.lookups))} to "
            f"{duration(statistics.median(large.lookups))}, **{ratio(lookup)}** (target under "
            f"2x: {_met(lookup < 2)}); with `.text`, {ratio(full)} (the answers are "
            f"{longer - 1:.0%} longer at {GROWTH_TO:,}: inserted paragraphs accumulate in the "
            "synthetic sections).",
        ]
    if GROWTH_FROM in by_size and GROWTH_TO in by_size:
        first, last = by_size[GROWTH_FROM], by_size[GROWTH_TO]

        def growth(times: Callable[[SizeResult], list[float]]) -> float:
            return statistics.median(times(last)) / statistics.median(times(first))

        lines += [
            "",
            "Between the table's rows, measured minutes apart: "
            f"{ratio(growth(lambda result: result.lookups))} for the lookup, "
            f"{ratio(growth(lambda result: result.latencies))} with `.text`, "
            f"{ratio(growth(lambda result: result.repeated))} asked again, "
            f"{ratio(growth(lambda result: result.scoped))} through `.portfolio(p)`.",
        ]
    lines.append("")
    return lines


def _alternative_lines(results: Sequence[SizeResult], extras: Extras) -> list[str]:
    lines = [
        "## 2. The obvious alternatives, on the same ledgers and queries",
        "",
        "- **naive replay (deepcopy + apply)**: `copy.deepcopy` of the base `Document`, then "
        "every operation effective by the end of the day applied in order with its own "
        "`apply`, then the section looked up.",
        "- **naive replay on plain lists**: the same replay on a `dict` of paragraph lists "
        "(deep-copied per query) with the four operations written by hand: no tree at all.",
        "- **deepdiff Delta replay**: one `deepdiff.Delta` per supplement between consecutive "
        "JSON states (portfolio -> section -> paragraphs), built beforehand; a query deep-copies "
        "the base JSON and adds the deltas effective by then (`mutate=True`).",
        "- **git**: a repository with one commit per effective date (files of the sections "
        "changed that day; `GIT_AUTHOR_DATE`/`GIT_COMMITTER_DATE` set to the effective "
        "instant), one file per section, then packed (`git repack -a -d --window=0`) with a "
        "commit-graph; a query runs `git rev-list -1 --before=<end of day> HEAD` and "
        "`git show <rev>:<file>` (two processes, as a script would).",
        "",
        "Building is not timed in the query figures; its wall time is in the table (the git "
        "repository is built by a worker process while this one builds the deltas). "
        "Each alternative gets the same queries in the same order, with a budget of "
        f"{ALTERNATIVE_BUDGET:.0f} s of queries per size (at least one query); every answer "
        "is compared with the ledger's. Speed-up = the alternative's median / the ledger's "
        "median over the same queries.",
        "",
        "| supplements | alternative | build | queries timed | median | speed-up of the ledger "
        "| answers equal |",
        "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for result in results:
        for alternative in result.alternatives:
            build = "-" if not alternative.build_seconds else duration(alternative.build_seconds)
            if alternative.projected is not None:
                ledger = statistics.median(result.latencies)
                projected = alternative.projected
                lines.append(
                    f"| {result.size:,} | {alternative.name} | {build} | 0 (projected) | "
                    f"~{duration(projected)} | ~{ratio(projected / ledger)} | - |"
                )
                continue
            count = len(alternative.times)
            mine = statistics.median(result.latencies[:count])
            theirs = statistics.median(alternative.times)
            equal = "yes" if alternative.mismatches == 0 else f"**{alternative.mismatches} differ**"
            lines.append(
                f"| {result.size:,} | {alternative.name} | {build} | {count} | "
                f"{duration(theirs)} | {ratio(theirs / mine)} | {equal} |"
            )
    notes = [
        f"- {result.size:,}, {alternative.name}: {alternative.note}"
        for result in results
        for alternative in result.alternatives
        if alternative.note
    ]
    if notes:
        lines += ["", "Fewer queries where an alternative is slow:", *notes]
    target = next((r for r in results if r.size == TARGET_SIZE), None)
    if target is not None:
        by_name = {alternative.name: alternative for alternative in target.alternatives}

        def speedup(name: str) -> float:
            alternative = by_name[name]
            if alternative.projected is not None:
                return alternative.projected / statistics.median(target.latencies)
            count = len(alternative.times)
            return statistics.median(alternative.times) / statistics.median(
                target.latencies[:count]
            )

        replay = speedup(alternatives.NaiveReplay.name)
        plain = speedup(alternatives.PlainReplay.name)
        delta = speedup(alternatives.DeltaReplay.name)
        git = speedup(alternatives.GitHistory.name)
        git_times = by_name[alternatives.GitHistory.name].times
        git_again = statistics.median(git_times) / statistics.median(
            target.repeated[: len(git_times)]
        )
        lines += [
            "",
            f"At {TARGET_SIZE:,} supplements the ledger answers **{ratio(replay)}** faster than "
            f"the naive replay (target at least 100x: {_met(replay >= 100)}), {ratio(plain)} "
            f"faster than the replay on plain lists ({_met(plain >= 100)} against the same "
            f"target), {ratio(delta)} faster than the Delta replay, and **{ratio(git)}** faster "
            f"than git (target at least 1,000x: {_met(git >= 1000)}). The target is judged on "
            "the first asking. Asked again, the ledger answers "
            f"{ratio(git_again)} faster than git ({_met(git_again >= 1000)} against the same "
            "target; git's figure is its single asking, which two process starts dominate).",
        ]
    if extras.floor is not None and target is not None:
        git_median = statistics.median(by_name[alternatives.GitHistory.name].times)
        lines += [
            "",
            f"Where a query's time goes at {TARGET_SIZE:,} supplements (each step timed alone, "
            "median over the same queries; the clock calls add to the sum):",
            "",
            "| step | median |",
            "| --- | ---: |",
            *(f"| {name} | {duration(seconds)} |" for name, seconds in extras.floor.items()),
            f"| sum | {duration(sum(extras.floor.values()))} |",
            "",
            f"1,000x faster than git would mean answering the whole query in "
            f"{duration(git_median / 1000)}.",
        ]
    if extras.parts is not None and target is not None:
        git_median = statistics.median(by_name[alternatives.GitHistory.name].times)
        total = sum(extras.parts.values())
        lines += [
            "",
            "The pieces every answer is made of, each timed alone over the same queries "
            "(the clock's own cost is in each):",
            "",
            "| piece | median |",
            "| --- | ---: |",
            *(f"| {name} | {duration(seconds)} |" for name, seconds in extras.parts.items()),
            f"| sum | {duration(total)} |",
            "",
            f"These pieces alone take {duration(total)}, "
            f"{total / (git_median / 1000):.0%} of the {duration(git_median / 1000)} that "
            "1,000x faster than git allows; the rest of a query (reading the path, finding "
            "the editions in force and their scopes, the index's dictionaries, the calls "
            "between them) has to fit in what is left.",
        ]
    if extras.whole_state_delta is not None:
        same, seconds = extras.whole_state_delta
        lines += [
            "",
            "The deltas are computed with DeepDiff on the one section each supplement changed "
            "(the states are equal everywhere else). On the first 5 supplements at "
            f"{TARGET_SIZE:,} this gives {'the same' if same else '**a different**'} delta as "
            f"DeepDiff of the whole consecutive states, which takes {duration(seconds)} per "
            f"supplement: about {duration(seconds * TARGET_SIZE)} to build {TARGET_SIZE:,} "
            "deltas that way.",
        ]
    lines.append("")
    return lines


def _load_lines(
    results: Sequence[SizeResult], memory: MemoryResult, store: StoreResult
) -> list[str]:
    lines = [
        "## 3. Load, ingest and memory",
        "",
        "### Load time per supplement",
        "",
        "Adding N generated supplements to an empty ledger (`add_supplement`, which keeps "
        "each once by its filing) and the first query, which compiles and replays the whole "
        "history. Generating the supplements is not included.",
        "",
        "| supplements | generate (not included) | add | first query (compile) | total "
        "| per supplement |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        total = result.add_seconds + result.first_seconds
        lines.append(
            f"| {result.size:,} | {duration(result.generate_seconds)} | "
            f"{duration(result.add_seconds)} | {duration(result.first_seconds)} | "
            f"{duration(total)} | {duration(total / result.size)} |"
        )
    report = store.report
    counts = (
        f" ({report.new_filings} filings, {report.supplements} supplements, "
        f"{report.amendments} amendments, {len(report.failures)} unreadable)"
        if report is not None
        else ""
    )
    lines += [
        "",
        "### Store ingest per filing",
        "",
        f"`pl.Store(path).ingest(folder)` into a new SQLite file, on the {store.files} corpus "
        f"and seed texts written to a temporary folder{counts}; median of 3. The baseline is "
        "`pl.load(folder).timeline()` on the same files (parse and compile in memory).",
        "",
        "| measure | total | per filing |",
        "| --- | ---: | ---: |",
        f"| store ingest | {duration(store.ingest_seconds)} | "
        f"{duration(store.ingest_seconds / store.files)} |",
        f"| baseline: in-memory load | {duration(store.load_seconds)} | "
        f"{duration(store.load_seconds / store.files)} |",
        "",
        f"Ingesting costs {ratio(store.ingest_seconds / store.load_seconds)} an in-memory load.",
        "",
        "### Peak memory per 10,000 versions",
        "",
        f"`tracemalloc` while generating {memory.size:,} supplements, adding them to a ledger, "
        f"and compiling it with a first query ({duration(memory.seconds)} under tracing). "
        "The generator's own model of the history is dropped before the ledger is built. The "
        "text held is the UTF-8 size of the distinct paragraph strings across every version "
        "(the base's and every supplement's, and the rewritten paragraphs that substitutions "
        "produce).",
        "",
        "| measure | size | / distinct text |",
        "| --- | ---: | ---: |",
        f"| distinct paragraph text | {_mb(memory.text_bytes)} | 1.00x |",
        f"| inputs (base and supplements) before the ledger | {_mb(memory.inputs_bytes)} | "
        f"{ratio(memory.inputs_bytes / memory.text_bytes)} |",
        f"| **peak** while building and warming | **{_mb(memory.peak_bytes)}** | "
        f"**{ratio(memory.peak_bytes / memory.text_bytes)}** |",
        f"| retained after the first query | {_mb(memory.retained_bytes)} | "
        f"{ratio(memory.retained_bytes / memory.text_bytes)} |",
        f"| the answers alone: every version of every leaf section | "
        f"{_mb(memory.answers_bytes)} | {ratio(memory.answers_bytes / memory.text_bytes)} |",
        "",
        "The last row counts, with `sys.getsizeof`, each object reachable from the leaf "
        "section versions the index answers with, once: the sections, their paragraphs, the "
        "provenance of each (filing name and SHA-256, the instruction's words, effective and "
        "known-at instants) and the strings. It is what the answers themselves occupy as the "
        "library's value objects, before any index, step, state or input.",
        "",
        "The inputs are the supplements as a parser would give them: besides the new text, "
        "each carries its source (file name, SHA-256), the instruction's words, its dates and "
        "its target. On top of its inputs the ledger holds "
        f"{_mb(memory.retained_bytes - memory.inputs_bytes)}, "
        f"{(memory.retained_bytes - memory.inputs_bytes) / memory.size / 1000:.1f} kB per "
        "version.",
        "",
        f"Target: peak under 2x the distinct text: "
        f"{_met(memory.peak_bytes < 2 * memory.text_bytes)}. Largest allocation sites still "
        "held after the first query (`tracemalloc` snapshot, by line):",
        "",
        "| where | size | blocks |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {where} | {_mb(size)} | {count:,} |" for where, size, count in memory.top_lines]
    lines += ["", "By file:", "", "| file | size | blocks |", "| --- | ---: | ---: |"]
    lines += [f"| {where} | {_mb(size)} | {count:,} |" for where, size, count in memory.top_files]
    lines.append("")
    return lines


def _profile_lines(extras: Extras) -> list[str]:
    lines = ["## What dominates", ""]
    if extras.query_profile:
        lines += [
            f"`cProfile` of the {QUERIES} queries at {PROFILE_SIZE:,} supplements (own time; "
            "profiling inflates small functions):",
            "",
            *extras.query_profile,
            "",
        ]
    if extras.compile_profile:
        lines += [
            f"`cProfile` of adding {COMPILE_PROFILE_SIZE:,} supplements and the first query "
            "(the compile):",
            "",
            *extras.compile_profile,
            "",
        ]
    return lines


def run(
    corpus: Path,
    seeds: Path,
    sizes: Sequence[int] = SIZES,
    *,
    progress: Callable[[str], None] = log,
) -> list[str]:
    """Run every synthetic benchmark once and return the report's Markdown lines."""
    store = bench_store(corpus, seeds)
    extras = Extras()
    results: list[SizeResult] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as workers:
        for size in sizes:
            started = time.perf_counter()
            results.append(run_size(size, results[-1] if results else None, extras, workers))
            progress(f"{size:,} supplements done in {duration(time.perf_counter() - started)}")
    extras.compile_profile = profile_compile(min(COMPILE_PROFILE_SIZE, max(sizes)))
    memory = bench_memory(min(MEMORY_SIZE, max(sizes)))
    return [
        *_shape_lines(results),
        *_latency_lines(results, extras),
        *_alternative_lines(results, extras),
        *_load_lines(results, memory, store),
        *_profile_lines(extras),
    ]
