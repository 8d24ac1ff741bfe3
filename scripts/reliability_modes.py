"""The failure modes of issue 15, tried at length by scripts/reliability.py.

Each check returns how many inputs it tried; a wrong outcome raises
``AssertionError`` (recorded as a failure), a library error where one is
expected is the right outcome.  The same modes are tested, smaller, in
tests/test_failure_modes.py and tests/test_store_failures.py.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import prospectus_ledger as pl
from prospectus_ledger.authoring import read_markdown
from prospectus_ledger.cli import main as cli
from prospectus_ledger.parsing.editions import parse_editions
from prospectus_ledger.tree import walk

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DELAWARE = ROOT / "tests" / "fixtures" / "delaware" / "base.html"
sys.path.insert(0, str(ROOT))

from tests.test_hostile import SCALED  # noqa: E402

Check = Callable[[str, Callable[[], object]], None]
"""``run(what, check)``: runs a check and records anything but a library error."""

SUPPLEMENT = (
    "<html><body><p>EXAMPLE TRUST</p>"
    "<p>SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2019</p>{middle}"
    '<p>Effective immediately, the section entitled "Principal Risks" is deleted in its '
    "entirety.</p></body></html>"
)
LINEAR_RATIO = 5.0
"""The most time 4x an input may take, as a multiple of the time of 1x."""


def _expect(error: type[Exception], run: Callable[[], object], what: str) -> None:
    try:
        run()
    except error:
        return
    raise AssertionError(f"{what}: expected {error.__name__}, none was raised")


def _nested(depth: int, tag: str = "div") -> str:
    return f"<{tag}>" * depth + "x" + f"</{tag}>" * depth


def deep_html(run: Check) -> int:
    """1. Deep HTML: read whole, or refused naming the line; never cut silently."""
    depths = [300, 1000, 2500, 10_000, 50_000]
    for depth in depths:

        def supplement(depth: int = depth) -> None:
            (found,) = pl.parse_filing(SUPPLEMENT.format(middle=_nested(depth)), pl.Source())
            if len(found.amendments) != 1:
                raise AssertionError(f"{depth} deep: {len(found.amendments)} amendments, not 1")

        run(f"deep HTML: supplement, {depth} deep", supplement)
    base = DELAWARE.read_text(encoding="utf-8")
    at = base.index(">", base.index("<body")) + 1

    def sections(text: str) -> int:
        return sum(1 for document in parse_editions(text) for _ in walk(document.sections))

    whole = sections(base)
    for depth in depths[:3]:

        def edition(depth: int = depth) -> None:
            if sections(base[:at] + _nested(depth) + base[at:]) != whole:
                raise AssertionError(f"{depth} deep: the base lost sections")

        run(f"deep HTML: base edition, {depth} deep", edition)
    for depth in (2500, 10_000):
        text = SUPPLEMENT.format(middle=_nested(depth, "table><tr><td"))
        run(
            f"deep HTML: tables {depth} deep",
            lambda text=text: _expect(
                pl.InvalidFilingError, lambda: pl.parse_filing(text), "nested tables"
            ),
        )
    return len(depths) + 3 + 2


def _front_matter(body: str) -> str:
    return f"---\n{body}\n---\n# Investment Objective\n\nText.\n"


def yaml_front_matter(run: Check) -> int:
    """2, 3. Alias bombs and deep nesting in a Markdown base's front matter."""
    count = 0
    for levels in range(3, 12):
        lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
        text = _front_matter("\n".join(lines))

        def bomb(text: str = text) -> None:
            started = time.perf_counter()
            _expect(pl.InvalidFilingError, lambda: read_markdown(text), "alias bomb")
            if time.perf_counter() - started > 1.0:
                raise AssertionError("an alias bomb took over a second to refuse")

        run(f"YAML alias bomb, {levels} levels", bomb)
        count += 1
    for depth in (21, 100, 1000, 5000, 100_000):
        text = _front_matter("registrant: " + "[" * depth + "]" * depth)
        run(
            f"YAML nested {depth} deep",
            lambda text=text: _expect(
                pl.InvalidFilingError, lambda: read_markdown(text), "deep YAML"
            ),
        )
        count += 1
    return count


def json_exports(run: Check) -> int:
    """4. Deeply nested JSON and numbers longer than Python reads."""
    texts = [("[" * depth + "]" * depth) for depth in (1000, 10_000, 100_000, 1_000_000)]
    texts += [
        '{"documents": [], "supplements": [], "version": ' + "9" * digits + "}"
        for digits in (4301, 5000, 100_000)
    ]
    for number, text in enumerate(texts):
        run(
            f"hostile JSON #{number}",
            lambda text=text: _expect(
                pl.InvalidLedgerDataError, lambda: pl.Ledger.from_json(text), "hostile JSON"
            ),
        )
    return len(texts)


def _bad_files(folder: Path) -> list[str]:
    (folder / "bomb.md").write_text(
        _front_matter(
            'a0: &a0 ["lol","lol"]\n'
            + "\n".join(f"a{i}: &a{i} [*a{i - 1},*a{i - 1}]" for i in range(1, 30))
        ),
        encoding="utf-8",
    )
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "deep.md").write_text(_front_matter("registrant: " + "[" * 5000 + "]" * 5000))
    (folder / "tables.htm").write_text(SUPPLEMENT.format(middle=_nested(3000, "table><tr><td")))
    (folder / "scan.pdf.txt").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return ["bomb.md", "deep.json", "deep.md", "tables.htm", "scan.pdf.txt"]


def ingest_with_bad_files(run: Check) -> int:
    """5. One bad file never aborts an ingest: every one is reported, the rest stored."""
    count = 0
    for jobs in (1, 2):

        def check(jobs: int = jobs) -> None:
            with tempfile.TemporaryDirectory() as temp:
                folder = Path(temp) / "in"
                folder.mkdir()
                for seed in SEEDS.glob("*.txt"):
                    (folder / seed.name).write_bytes(seed.read_bytes())
                bad = _bad_files(folder)
                store = Path(temp) / "s.sqlite"
                result = CliRunner().invoke(
                    cli, ["ingest", str(folder), "--store", str(store), "-j", str(jobs)]
                )
                if result.exit_code != 0 or "Traceback" in result.output:
                    raise AssertionError(f"ingest exited {result.exit_code}: {result.output}")
                missing = [name for name in bad if f"{name}: " not in result.output]
                if missing:
                    raise AssertionError(f"not reported: {missing}")
                if len(pl.open_store(store, create=False).supplements) != 2:
                    raise AssertionError("the good filings were not all stored")

        run(f"ingest with 5 bad files, {jobs} job(s)", check)
        count += 1
    return count


def linear_time(run: Check, size: int = 250_000) -> list[tuple[str, float, float]]:
    """6. Every adversarial pattern: 4x the input in under 5x the time."""
    rows: list[tuple[str, float, float]] = []
    for name, make in sorted(SCALED.items()):
        times = []
        for scale in (1, 4):
            text = make(size * scale)
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                with contextlib.suppress(pl.ProspectusLedgerError):
                    pl.parse_filing(text, pl.Source(name="adversarial.txt"))
                best = min(best, time.perf_counter() - started)
            times.append(best)
        rows.append((name, times[0], times[1]))

        def check(small: float = times[0], large: float = times[1], name: str = name) -> None:
            # Below a few milliseconds the ratio is noise, not growth.
            if large > 0.05 and large / max(small, 1e-3) > LINEAR_RATIO:
                raise AssertionError(f"{name}: 4x the input took {large / small:.1f}x the time")

        run(f"linear time: {name}", check)
    return rows


_STORE_BASE = (
    "---\nregistrant: {trust}\ndate: 2020-05-01\nportfolios: [{trust} Fund]\n---\n"
    "# Principal Risks\n\nThe risks of {trust}.\n"
)


def stale_handle(run: Check) -> int:
    """7. A handle kept open while another ingest writes answers as a fresh one does."""
    count = 0
    for rounds in (1, 3):

        def check(rounds: int = rounds) -> None:
            with tempfile.TemporaryDirectory() as temp:
                folder = Path(temp)
                store = folder / "s.sqlite"
                first = folder / "a.md"
                first.write_text(_STORE_BASE.format(trust="Alpha Trust"), encoding="utf-8")
                pl.Store(store).ingest([first])
                kept = pl.open_store(store, create=False)
                kept.as_of("2020-06-01").sections()
                for number in range(rounds):
                    other = folder / f"o{number}.md"
                    other.write_text(_STORE_BASE.format(trust=f"Trust {number}"))
                    subprocess.run(
                        [sys.executable, "-m", "prospectus_ledger.cli", "ingest", str(other),
                         "--store", str(store), "-j", "1"],
                        check=True, capture_output=True,
                    )  # fmt: skip
                fresh = pl.open_store(store, create=False)
                for ledger in (kept, fresh):
                    ledger.as_of("2020-06-01")
                old = {(v.edition, v.text) for v in kept.as_of("2020-06-01").sections()}
                new = {(v.edition, v.text) for v in fresh.as_of("2020-06-01").sections()}
                if old != new or repr(kept) != repr(fresh):
                    raise AssertionError("the open handle answers differently from a fresh one")

        run(f"stale handle, {rounds} other ingest(s)", check)
        count += 1
    return count


def _create_and_ingest(arguments: tuple[str, str]) -> str:
    store, filing = arguments
    try:
        pl.Store(store).ingest([filing])
    except pl.ProspectusLedgerError as error:
        return f"{type(error).__name__}: {error}"
    return ""


def concurrent_creation(run: Check, rounds: int = 5, processes: int = 8) -> int:
    """8. Several processes creating one new store at once: every ingest lands."""
    for number in range(rounds):

        def check() -> None:
            with tempfile.TemporaryDirectory() as temp:
                folder = Path(temp)
                filings = []
                for index in range(processes):
                    path = folder / f"b{index}.md"
                    path.write_text(_STORE_BASE.format(trust=f"Trust {index}"))
                    filings.append(str(path))
                store = str(folder / "s.sqlite")
                context = multiprocessing.get_context("spawn")
                with context.Pool(processes) as pool:
                    errors = [
                        e for e in pool.map(_create_and_ingest, [(store, f) for f in filings]) if e
                    ]
                if errors:
                    raise AssertionError(f"{len(errors)} of {processes} failed: {errors[0]}")
                held = len(pl.open_store(store, create=False).documents)
                if held != processes:
                    raise AssertionError(f"{held} of {processes} editions stored")

        run(f"concurrent creation, round {number}", check)
    return rounds * processes


def terminal_output(run: Check) -> int:
    """10. Control sequences in filing text never reach the terminal raw."""
    escapes = "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\u202e\x1bP+q\x1b\\"
    commands = 0
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "base.md").write_text(
            "---\nregistrant: Example Trust\ndate: 2020-05-01\n---\n"
            f"# Principal Risks{escapes}\n\nOld risks{escapes}.\n",
            encoding="utf-8",
        )
        (folder / "supplement.txt").write_text(
            "EXAMPLE TRUST\n\nSUPPLEMENT DATED JUNE 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2020\n"
            '\nEffective June 1, 2020, the section entitled "Principal Risks" is replaced '
            f"with the following:\n\nRisks{escapes} are many.\n",
            encoding="utf-8",
        )
        for args in (
            ["show", str(folder), "Principal Risks", "--as-of", "2020-06-01"],
            *(
                ["show", str(folder), "Principal Risks", "--as-of", "2020-06-01", "--format", f]
                for f in ("json", "markdown", "html")
            ),
            ["history", str(folder), "Principal Risks"],
            ["diff", str(folder), "2020-05-31", "2020-06-01"],
            ["diff", str(folder), "2020-05-31", "2020-06-01", "--color"],
            ["timeline", str(folder)],
            ["problems", str(folder)],
            ["show", str(folder), "No Such Section\x1b[2J", "--as-of", "2020-06-01"],
        ):

            def check(args: list[str] = args) -> None:
                output = CliRunner().invoke(cli, args, color=True).output
                raw = re.sub(r"\x1b\[[0-9;]*m", "", output)
                if any(character in raw for character in "\x1b\x07\x9b\u202e"):
                    raise AssertionError(f"{args[0]}: a control character reached the terminal")

            run(f"terminal: {' '.join(args[:1] + args[2:3])}", check)
            commands += 1
    return commands


def not_filings(run: Check, rng: random.Random, count: int = 50) -> int:
    """11. What is not a filing is refused; a title date that does not exist is said."""
    inputs: list[bytes] = [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
        b"<html><body><p>FORM 10-K</p><p>ANNUAL REPORT</p><p>Item 1. Business</p></body></html>",
    ]
    inputs += [bytes(rng.randrange(0xA0, 0x100) for _ in range(4000)) for _ in range(count)]
    for number, data in enumerate(inputs):
        run(
            f"not a filing #{number}",
            lambda data=data: _expect(
                pl.InvalidFilingError, lambda: pl.Ledger().add_filing(data), "not a filing"
            ),
        )
    dates = ["FEBRUARY 30, 2020", "13/45/2020", "April 31, 2021", "2/29/2023"]
    for date in dates:
        text = (
            f"EXAMPLE TRUST\n\nSUPPLEMENT DATED {date}\nTO THE PROSPECTUS DATED MAY 1, 2019\n\n"
            'Effective immediately, the section entitled "Risks" is deleted in its entirety.\n'
        )

        def said(text: str = text) -> None:
            ledger = pl.Ledger()
            ledger.add_filing(text)
            if not any(problem.kind == "unreadable_date" for problem in ledger.problems()):
                raise AssertionError("a title date that does not exist was not reported")

        run(f"title date {date}", said)
    return len(inputs) + len(dates)


_PEAK = """
import re, resource, sys
import prospectus_ledger as pl

def peak_kb():
    # VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec on Linux).
    try:
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

# The baseline: the library loaded and warmed up on a small filing.
pl.parse_filing(b"SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2019", pl.Source())
before = peak_kb()
row = "<tr><td>Class A shares of the Fund</td><td>1.00%</td><td>2.00%</td><td>3.00%</td></tr>"
size = int(float(sys.argv[1]) * 1_000_000)
text = ("<html><body><p>SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2019</p>"
        "<p>Effective immediately, the following table is added:</p><table>"
        + row * (size // len(row)) + "</table></body></html>").encode()
pl.parse_filing(text, pl.Source(name="table.htm"))
after = peak_kb()
print((after - before) / 1024, len(text) / 1_000_000)
"""


def peak_memory(megabytes: tuple[float, ...] = (2.0, 8.0)) -> list[tuple[float, float, float]]:
    """Peak memory of parsing one large HTML table, per MB of input (each in a process of
    its own, so that one measurement does not hide another)."""
    rows = []
    # A first, small run compiles whatever .pyc files are stale: compiling peaks higher
    # than parsing a few MB, and would hide the parse's peak in the first measurement.
    subprocess.run([sys.executable, "-c", _PEAK, "0.01"], capture_output=True, check=True)
    for size in megabytes:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", _PEAK, str(size)], capture_output=True, text=True, check=True
        )
        grown, actual = (float(value) for value in result.stdout.split())
        rows.append((actual, time.perf_counter() - started, grown / actual))
    return rows


def all_modes(run: Check, rng: random.Random, quick: bool) -> dict[str, Any]:
    """Every mode, with its inputs and seconds; the linear-time and memory figures."""
    timed: list[tuple[str, int, float]] = []

    def timed_mode(name: str, mode: Callable[[], int]) -> None:
        started = time.perf_counter()
        count = mode()
        timed.append((name, count, time.perf_counter() - started))

    timed_mode("1. deep HTML", lambda: deep_html(run))
    timed_mode("2, 3. YAML aliases and nesting", lambda: yaml_front_matter(run))
    timed_mode("4. hostile JSON", lambda: json_exports(run))
    timed_mode("5. bad files in an ingest", lambda: ingest_with_bad_files(run))
    linear: list[tuple[str, float, float]] = []

    def linear_mode() -> int:
        linear.extend(linear_time(run, 100_000 if quick else 250_000))
        return len(linear)

    timed_mode("6. linear time (each adversarial input, 1x and 4x)", linear_mode)
    timed_mode("7. a store handle kept open", lambda: stale_handle(run))
    timed_mode(
        "8. processes creating one store", lambda: concurrent_creation(run, 2 if quick else 5)
    )
    timed_mode("10. control sequences on the terminal", lambda: terminal_output(run))
    timed_mode("11. not a filing; dates that do not exist", lambda: not_filings(run, rng))
    memory = peak_memory((2.0,) if quick else (2.0, 8.0, 20.0))
    return {"modes": timed, "linear": linear, "memory": memory}


def render_modes(figures: dict[str, Any], failures: list[tuple[str, str]]) -> list[str]:
    """The report's section on the failure modes."""
    prefixes = {
        "1.": "deep HTML",
        "2,": "YAML",
        "4.": "hostile JSON",
        "5.": "ingest with",
        "6.": "linear time",
        "7.": "stale handle",
        "8.": "concurrent creation",
        "10.": "terminal",
        "11.": ("not a filing", "title date"),
    }
    lines = [
        "## Failure modes of issue 15",
        "",
        "Each mode is tried at length here and tested, smaller, in "
        "tests/test_failure_modes.py and tests/test_store_failures.py. Mode 9 (damaged "
        "stores) is the damaged-store row above: a damaged store that opens must answer "
        "what the undamaged one answers.",
        "",
        "| mode | inputs | failures | seconds |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, count, seconds in figures["modes"]:
        prefix = prefixes[name.split(" ")[0]]
        starts = prefix if isinstance(prefix, tuple) else (prefix,)
        bad = sum(1 for what, _ in failures if what.startswith(starts))
        lines.append(f"| {name} | {count} | {bad} | {seconds:.1f} |")
    lines += [
        "",
        f"### Linear time: 4x the input in under {LINEAR_RATIO:.0f}x the time",
        "",
        "The best of three runs of `parse_filing` at each size.",
        "",
        "| input | 1x (s) | 4x (s) | ratio |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {name} | {small:.3f} | {large:.3f} | {large / max(small, 1e-9):.1f} |"
            for name, small, large in figures["linear"]
        ),
        "",
        "### Peak memory per MB of input",
        "",
        "One HTML table of many rows, parsed in a process of its own; the growth of the "
        "process's peak resident memory, per MB of input.",
        "",
        "| input (MB) | seconds | peak growth per MB |",
        "| ---: | ---: | ---: |",
        *(
            f"| {size:.1f} | {seconds:.1f} | {ratio:.0f}x |"
            for size, seconds, ratio in figures["memory"]
        ),
        "",
    ]
    return lines
