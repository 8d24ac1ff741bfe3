"""Measure the supplement parser with the project's external scorer.

Usage::

    python scripts/parser_accuracy.py                # print the figures of every set
    python scripts/parser_accuracy.py --misses       # ... and the scorer's misses
    python scripts/parser_accuracy.py --write        # also write docs/parser-accuracy.md
    python scripts/parser_accuracy.py --no-gate      # exit 0 even when a target is missed

The figures are the scorer's own: ``score_parser.py`` (``../shared/tools/`` beside
the repository when it exists, else its copy in ``tests/fixtures/tools/``) is run
with ``--verbose`` once per set on the installed ``prospectus-ledger`` command, and
its per-field lines and its MISS lines are read back (``scripts/scorer_runs.py``).
The sets: the first corpus (its labels, ``tests/fixtures/labels/supplements.json``,
converted to the scorer's format in a temporary file), the labelled development set
and, once it is copied into ``tests/fixtures/labelled/``, the frozen fifth (its
misses are never printed: it is measured once, unseen).

Exit status 1 when a field the scorer counts in its worst figure (every field but
``notices``) is below 97% on the first corpus or the development set; ``--write``
keeps the hand-written sections of the existing report (``KEPT_SECTIONS``) and adds
the heading-tree figures of ``scripts/heading_accuracy.py``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from heading_accuracy import evaluate_headings, headings_met
from heading_accuracy import render as render_headings
from scorer_runs import (
    FIRST_LABELS,
    ROOT,
    SHARED_SCORER,
    UNSCORED,
    Score,
    filing_key,
    first_corpus_rows,
    run_scorer,
    scorer_path,
    write_jsonl,
)

FIRST_CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
LABELLED = ROOT / "tests" / "fixtures" / "labelled"
REPORT = ROOT / "docs" / "parser-accuracy.md"

#: Hand-written sections of an earlier report carried, verbatim, into the new one.
KEPT_SECTIONS = (
    "## Frozen fifth (measured once)",
    "## Held-out (measured once, before any held-out misses were looked at)",
    "## Label corrections",
    "## Left as they are",
)


@dataclass(frozen=True)
class LabelSet:
    """A set of supplements and its labels, as the scorer reads them."""

    key: str
    title: str
    supplements: Path
    labels: Path | None  # None: the first corpus, whose labels are converted first
    target: float
    gated: bool  # whether a missed target makes the script fail
    show_misses: bool  # the frozen fifth's misses stay unseen

    def present(self) -> bool:
        """Whether the set's files are in the repository."""
        return self.supplements.exists() and (self.labels is None or self.labels.exists())

    def describe(self) -> str:
        """Where the set's texts and labels are, for the report."""
        labels = self.labels or FIRST_LABELS
        return f"`{_relative(self.supplements)}`, labels `{_relative(labels)}`"


LABEL_SETS = (
    LabelSet("first", "First corpus", FIRST_CORPUS, None, 0.97, True, True),
    LabelSet(
        "development",
        "Labelled development set",
        LABELLED / "development.jsonl",
        LABELLED / "development-labels.jsonl",
        0.97,
        True,
        True,
    ),
    LabelSet(
        "frozen",
        "Labelled frozen fifth (the current parser; measured once before: see below)",
        LABELLED / "frozen.jsonl",
        LABELLED / "frozen-labels.jsonl",
        0.90,
        False,
        False,
    ),
)


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix() if path != SHARED_SCORER else "../shared/tools/score_parser.py"


def measure(label_set: LabelSet, *, scorer: Path | None = None) -> Score | None:
    """The scorer's figures for ``label_set``; None when its files are not there."""
    if not label_set.present():
        return None
    if label_set.labels is not None:
        return run_scorer(label_set.labels, label_set.supplements, scorer=scorer)[0]
    with tempfile.TemporaryDirectory(prefix="pl-accuracy-") as folder:
        labels = write_jsonl(first_corpus_rows(), Path(folder) / "first-labels.jsonl")
        return run_scorer(labels, label_set.supplements, scorer=scorer)[0]


def failures(scores: dict[str, Score | None]) -> list[str]:
    """``set: field`` for every gated set's field below its target."""
    return [
        f"{label_set.key}: {name}"
        for label_set in LABEL_SETS
        if label_set.gated and (score := scores.get(label_set.key)) is not None
        for name in score.below(label_set.target)
    ]


def _row(name: str, score: Score, target: float) -> tuple[str, str, str, str, str, str]:
    right, total = score.fields[name]
    ratio = score.ratio(name)
    shown = "-" if ratio is None else f"{ratio:.1%}"
    if name in UNSCORED:
        return name, str(right), str(total), shown, "-", "not scored"
    met = "yes" if ratio is None or ratio >= target else "**no**"
    return name, str(right), str(total), shown, f"{target:.0%}", met


def _summary(score: Score) -> str:
    if score.overall is None or score.worst is None:
        return "The scorer printed no summary line."
    return (
        f"The scorer's summary: overall {score.overall:.3f}, worst field {score.worst:.3f}, "
        f"{score.supplements} supplements."
    )


def text_report(scores: dict[str, Score | None], *, misses: bool = False) -> str:
    """The figures of every set as plain text, with the misses when asked."""
    lines = [f"scorer: {_relative(scorer_path())}", ""]
    for label_set in LABEL_SETS:
        score = scores.get(label_set.key)
        lines.append(f"{label_set.title} ({label_set.describe()})")
        if score is None:
            lines += ["  not yet measured (its files are not in tests/fixtures/labelled/)", ""]
            continue
        for name in score.fields:
            cells = _row(name, score, label_set.target)
            met = cells[5].strip("*")
            lines.append(
                f"  {cells[0]:16s} {cells[1]:>5s}/{cells[2]:<5s} {cells[3]:>7s}"
                f"  target {cells[4]:>3s}  {met}"
            )
        lines += [f"  {_summary(score)}", ""]
        if misses and label_set.show_misses:
            lines += [f"  {len(score.misses)} misses:"]
            lines += [f"    {m.filing}: {m.message}" for m in score.misses]
            lines.append("")
    return "\n".join(lines)


def kept_sections(previous: str) -> str:
    """The sections of ``previous`` whose heading is in :data:`KEPT_SECTIONS`, verbatim."""
    kept: list[list[str]] = []
    keeping = False
    for line in previous.splitlines():
        if line.startswith(("# ", "## ")):
            keeping = line.rstrip() in KEPT_SECTIONS
            if keeping:
                kept.append([])
        if keeping:
            kept[-1].append(line)
    return "\n\n".join("\n".join(part).strip("\n") for part in kept)


def dropped_sections(previous: str, written: str) -> list[str]:
    """The ``##`` headings of ``previous`` that ``written`` no longer has."""
    headings = {line.rstrip() for line in written.splitlines() if line.startswith("## ")}
    return [
        line.rstrip()
        for line in previous.splitlines()
        if line.startswith("## ") and line.rstrip() not in headings
    ]


def parser_commit() -> str:
    """The repository's commit, noting uncommitted changes under ``src/``."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"`{head}`" + (" with uncommitted changes under `src/`" if dirty else "")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape(text: str) -> str:
    """``text`` with Markdown's inline markup characters escaped."""
    return re.sub(r"([\\`*_\[\]#])", r"\\\1", text).replace("<", "&lt;")


def _filing_notes(label_set: LabelSet) -> dict[str, str]:
    """Per filing (as the scorer names it): its first-corpus entry number and registrant."""
    if label_set.labels is None:
        entries = json.loads(FIRST_LABELS.read_text(encoding="utf-8"))["entries"]
        return {
            filing_key(entry["url"]): ", ".join(
                [f"corpus entry {entry['index']}"]
                + [s["registrant"] for s in entry["supplements"][:1] if s.get("registrant")]
            )
            for entry in entries
        }
    notes = {}
    for line in label_set.labels.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            notes[filing_key(row["url"])] = row.get("registrant") or ""
    return notes


def _misses_markdown(label_set: LabelSet, score: Score) -> list[str]:
    """The misses of one set, grouped by filing (with the first corpus's entry number)."""
    lines = [f"### {label_set.title}", ""]
    if not score.misses:
        return [*lines, "None.", ""]
    notes = _filing_notes(label_set)
    grouped: dict[str, list[str]] = {}
    for miss in score.misses:
        grouped.setdefault(miss.filing, []).append(miss.message)
    for filing, messages in grouped.items():
        where = f" ({_escape(notes[filing])})" if notes.get(filing) else ""
        lines.append(f"- {_code(filing)}{where}:")
        lines += [f"    - {_code(message)}" for message in messages]
    return [*lines, ""]


INTRO = """\
# Parser accuracy

Written by `python scripts/parser_accuracy.py --write` (without `--write` it prints the
figures; `--misses` adds the misses; the exit status is 1 when a target below is missed on
the first corpus or the development set). The figures are those of the project's external
scorer, `score_parser.py`: `../shared/tools/score_parser.py` when it exists beside the
repository, else its byte-for-byte copy `tests/fixtures/tools/score_parser.py`. The scorer
runs the installed `prospectus-ledger parse --output DIR FILES...` on a set's texts, aligns
the parsed amendments to the labels in filing order and prints a count per field; the script
runs it with `--verbose` once per set and reads those lines back.

- `supplement_date`, `documents`: per labelled filing (the first parsed supplement's date;
  every labelled document among the parsed ones).
- `action`, `target`, `effective`: per labelled edit (every action but `notice`; an
  instruction labelled once per document counts once); an edit the parser did not produce
  is wrong in all three.
- `notices`: labelled notices, right up to the number of notices parsed. The scorer leaves
  this field out of its overall and worst figures (whether an announcement is its own notice
  or the preamble of an edit is a matter of taste), so it has no target here.
- `crash`: filings the command gave output for.

Targets: 97% on the first corpus and the development set, 90% on the frozen fifth. The first
corpus's labels (`tests/fixtures/labels/supplements.json`, one entry per filing) are
converted to the scorer's format: one row per filing with the first supplement's date, the
documents and amendments of all its supplements, effective instants cut to the day.

Sections written by hand (`KEPT_SECTIONS` in the script) are carried over unchanged when the
page is rewritten. Figures quoted in them were counted the way the script counted when they
were written: before it ran the scorer, it aligned amendments by their words itself and
numbered the first corpus's filings by entry (the misses below give that number too).
"""


def markdown_report(
    scores: dict[str, Score | None], *, kept: str = "", headings: str = "", when: str = ""
) -> str:
    """The report written to ``docs/parser-accuracy.md``."""
    when = when or datetime.date.today().isoformat()
    scorer = scorer_path()
    digest = hashlib.sha256(scorer.read_bytes()).hexdigest()[:12]
    lines = [
        INTRO,
        f"Measured on {when}, parser at commit {parser_commit()}, scorer "
        f"`{_relative(scorer)}` (sha256 `{digest}...`).",
        "",
    ]
    for label_set in LABEL_SETS:
        score = scores.get(label_set.key)
        lines += [f"## {label_set.title}", "", f"{label_set.describe()}.", ""]
        if score is None:
            lines += ["Not yet measured: its files are not in `tests/fixtures/labelled/`.", ""]
            continue
        lines += [
            "| field | right | total | ratio | target | met |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        lines += [
            "| " + " | ".join(_row(name, score, label_set.target)) + " |" for name in score.fields
        ]
        lines += ["", _summary(score), ""]
    if kept:
        lines += [kept, ""]
    shown = [(s, scores[s.key]) for s in LABEL_SETS if s.show_misses and scores.get(s.key)]
    if shown:
        lines += [
            "## Misses",
            "",
            "The scorer's MISS lines, by filing (the last two parts of its URL). An unmatched "
            "amendment counts against `action`, `target` and `effective` at once.",
            "",
        ]
        for label_set, score in shown:
            assert score is not None
            lines += _misses_markdown(label_set, score)
    if headings:
        lines += [headings, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def heading_section() -> tuple[str, bool]:
    """The heading-tree figures of ``scripts/heading_accuracy.py`` (one level down) and
    whether their targets are met."""
    result = evaluate_headings()
    text = "\n".join(
        ("#" + line if line.startswith("#") else line)
        for line in render_headings(result).splitlines()
    )
    return text.rstrip("\n"), headings_met(result)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every set, print the figures, write the report when asked; the gate's status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {_relative(REPORT)}")
    parser.add_argument("--misses", action="store_true", help="also print the scorer's misses")
    parser.add_argument(
        "--no-gate", action="store_true", help="exit 0 even when a target is missed"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    scores = {label_set.key: measure(label_set) for label_set in LABEL_SETS}
    headings, headings_ok = heading_section()
    sys.stdout.write(text_report(scores, misses=args.misses) + "\n" + headings + "\n")
    if args.write:
        previous = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
        report = markdown_report(scores, kept=kept_sections(previous), headings=headings)
        REPORT.write_text(report, encoding="utf-8")
        for heading in dropped_sections(previous, report):
            sys.stderr.write(f"dropped from the report: {heading!r} (not in KEPT_SECTIONS)\n")
    sys.stderr.write(f"measured in {time.perf_counter() - started:.1f} s\n")
    if not headings_ok:
        sys.stderr.write("heading accuracy: a target is missed (not part of the gate)\n")
    missed = failures(scores)
    for item in missed:
        sys.stderr.write(f"below target: {item}\n")
    return 1 if missed and not args.no_gate else 0


if __name__ == "__main__":
    raise SystemExit(main())
