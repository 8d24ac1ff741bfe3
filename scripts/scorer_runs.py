"""Run the project's external scorer and read what it prints.

``score_parser.py`` (``../shared/tools/`` beside the repository when it exists,
else its byte-for-byte copy ``tests/fixtures/tools/score_parser.py``) runs the
installed ``prospectus-ledger parse --output DIR FILES...`` on a set of
supplements, aligns the parsed amendments to labels and prints one line per
field (``name right/total = ratio``), a summary line and, with ``--verbose``,
one ``MISS ['accession', 'file'] what`` line per miss.  This module converts
the first corpus's labels to the scorer's format, runs the scorer and parses
its output; ``scripts/parser_accuracy.py`` reports the figures.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCORER = ROOT.parent / "shared" / "tools" / "score_parser.py"
VENDORED_SCORER = ROOT / "tests" / "fixtures" / "tools" / "score_parser.py"
FIRST_LABELS = ROOT / "tests" / "fixtures" / "labels" / "supplements.json"

#: The scorer's fields, in the order it prints them.
FIELDS = ("supplement_date", "documents", "action", "target", "effective", "notices", "crash")
#: Fields the scorer leaves out of its overall and worst figures: reported, never gated.
UNSCORED = ("notices",)
SCORER_TIMEOUT = 1800  # seconds per run

_FIELD_LINE = re.compile(r"^(?P<name>\w+)\s+(?P<right>\d+)/(?P<total>\d+) = [\d.]+$")
_SUMMARY = re.compile(
    r"overall (?P<overall>[\d.]+), worst field (?P<worst>[\d.]+), (?P<count>\d+) supplements"
)


@dataclass(frozen=True)
class Miss:
    """One MISS line of the scorer: the filing (its URL's last two parts) and what was wrong."""

    filing: str
    message: str


@dataclass
class Score:
    """What the scorer printed for one set."""

    fields: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    overall: float | None = None
    worst: float | None = None
    supplements: int | None = None

    def ratio(self, name: str) -> float | None:
        """Right over total for ``name``; None when the set has nothing to count there."""
        right, total = self.fields.get(name, (0, 0))
        return right / total if total else None

    def below(self, target: float) -> list[str]:
        """The scored fields whose ratio is under ``target``."""
        return [
            name
            for name in self.fields
            if name not in UNSCORED and (ratio := self.ratio(name)) is not None and ratio < target
        ]


def filing_key(url: str) -> str:
    """The filing as the scorer names it in MISS lines: the URL's last two parts."""
    return "/".join(url.rsplit("/", 2)[-2:])


def scorer_path() -> Path:
    """``../shared/tools/score_parser.py`` when it exists, else the vendored copy."""
    return SHARED_SCORER if SHARED_SCORER.exists() else VENDORED_SCORER


def cli_path() -> str:
    """The ``prospectus-ledger`` command of this interpreter's environment, else on PATH."""
    beside = Path(sys.executable).with_name("prospectus-ledger")
    found = str(beside) if beside.exists() else shutil.which("prospectus-ledger")
    if not found:
        raise SystemExit("prospectus-ledger is not installed (pip install -e .)")
    return found


def convert_labels(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first corpus's labels (``supplements.json`` entries) in the scorer's format.

    One row per filing: the first supplement's registrant and date, the documents
    and amendments of every supplement in order, each effective instant cut to its
    day (``effective_date``).  A filing with no supplement is skipped.
    """
    rows = []
    for entry in entries:
        supplements = entry["supplements"]
        first = supplements[0] if supplements else {}
        rows.append(
            {
                "url": entry["url"],
                "skip": not supplements,
                "registrant": first.get("registrant"),
                "supplement_date": first.get("supplement_date"),
                "documents": [
                    {"kind": document["kind"], "date": document.get("date")}
                    for supplement in supplements
                    for document in supplement["documents"]
                ],
                "amendments": [
                    {
                        "action": amendment["action"],
                        "document": amendment["document"],
                        "target": amendment["target"],
                        "effective_date": (amendment["effective"] or "")[:10] or None,
                        "approximate": amendment["approximate"],
                    }
                    for supplement in supplements
                    for amendment in supplement["amendments"]
                ],
            }
        )
    return rows


def first_corpus_rows(path: Path = FIRST_LABELS) -> list[dict[str, Any]]:
    """:func:`convert_labels` of the first corpus's label file."""
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["entries"]
    return convert_labels(entries)


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> Path:
    """Write ``rows`` one JSON object a line; return ``path``."""
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _miss(line: str) -> Miss | None:
    """Read ``MISS ['accession', 'file'] message`` (the scorer prints the parts as a list)."""
    rest = line[len("MISS ") :]
    for end in (index for index, char in enumerate(rest) if char == "]"):
        try:
            parts = ast.literal_eval(rest[: end + 1])
        except (ValueError, SyntaxError):
            continue
        if isinstance(parts, list) and all(isinstance(part, str) for part in parts):
            return Miss("/".join(parts), rest[end + 1 :].strip())
    return None


def parse_scorer_output(text: str) -> Score:
    """The per-field counts, the summary and the misses in the scorer's ``--verbose`` output."""
    score = Score()
    for line in text.splitlines():
        if line.startswith("MISS "):
            miss = _miss(line)
            if miss is None:
                raise ValueError(f"unreadable MISS line: {line!r}")
            score.misses.append(miss)
        elif found := _FIELD_LINE.match(line.strip()):
            score.fields[found["name"]] = (int(found["right"]), int(found["total"]))
        elif found := _SUMMARY.search(line):
            score.overall, score.worst = float(found["overall"]), float(found["worst"])
            score.supplements = int(found["count"])
    if not score.fields:
        raise ValueError("no per-field line in the scorer's output")
    return score


def run_scorer(
    labels: Path, supplements: Path, *, scorer: Path | None = None, cli: str | None = None
) -> tuple[Score, str]:
    """Run the scorer once with ``--verbose``; its figures and its raw output.

    The scorer writes the texts and the parser's output to a folder of its own
    under the temporary directory and leaves it there; ``TMPDIR`` points it to
    one that is removed afterwards.
    """
    command = [
        sys.executable,
        str(scorer or scorer_path()),
        str(labels),
        str(supplements),
        cli or cli_path(),
        "--verbose",
    ]
    with tempfile.TemporaryDirectory(prefix="pl-accuracy-") as folder:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=SCORER_TIMEOUT,
            check=False,
            env={**os.environ, "TMPDIR": folder},
        )
    # 0 or 1: the scorer's own gate at PL_MIN_FIELD; anything else is a failure.
    if done.returncode not in (0, 1):
        raise RuntimeError(f"scorer failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return parse_scorer_output(done.stdout), done.stdout
