"""Measure the edition parser's headings against the hand-labelled Delaware base.

Usage::

    python scripts/heading_accuracy.py           # Markdown table of the figures
    python scripts/heading_accuracy.py --json    # the figures as JSON

The labels (tests/fixtures/delaware/headings.json) list every level-1 and
level-2 heading of the prospectus and the SAI of the Delaware Group Equity
Funds II 485BPOS (tests/fixtures/delaware/base.html), and ``not_headings``:
table-of-contents entries, running headers, page numbers, bold table cells and
run-in glossary terms that must not become sections.  The labels were made by
reading the filing, not from parser output.

A parsed heading matches a labelled one when both are in the same document,
at the same level, and their texts have the same
:func:`prospectus_ledger.heading_key`; headings that occur several times are
matched as many times as both sides have them.  "Ignoring level" matches the
labelled headings against the parser's headings of any level (recall) and the
parser's level-1 and level-2 headings against labelled headings of either
level (precision).  A ``not_headings`` entry counts as wrongly produced when
the parser made a section of that text within three lines of the labelled
line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from prospectus_ledger import heading_key
from prospectus_ledger.parsing.editions import EditionDetails, parse_edition_details
from prospectus_ledger.provenance import Source

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "delaware" / "base.html"
LABELS = ROOT / "tests" / "fixtures" / "delaware" / "headings.json"
DOCUMENTS = ("prospectus", "sai")
LEVELS = (1, 2)
TARGET = 0.95
NEAR_LINES = 3


def _figures(labelled: Counter[Any], parsed: Counter[Any]) -> dict[str, Any]:
    matched = sum((labelled & parsed).values())
    found, wanted = sum(parsed.values()), sum(labelled.values())
    return {
        "labelled": wanted,
        "parsed": found,
        "matched": matched,
        "precision": matched / found if found else 1.0,
        "recall": matched / wanted if wanted else 1.0,
    }


def _ignoring_level(
    labelled: Iterable[tuple[int, str]], parsed: Iterable[tuple[int, str]]
) -> dict[str, Any]:
    labelled_keys = Counter(key for _, key in labelled)
    parsed_all = list(parsed)
    parsed_keys = Counter(key for level, key in parsed_all if level in LEVELS)
    any_level = Counter(key for _, key in parsed_all)
    found, wanted = sum(parsed_keys.values()), sum(labelled_keys.values())
    return {
        "labelled": wanted,
        "parsed": found,
        "matched": sum((labelled_keys & any_level).values()),
        "precision": sum((parsed_keys & labelled_keys).values()) / found if found else 1.0,
        "recall": sum((labelled_keys & any_level).values()) / wanted if wanted else 1.0,
    }


def _parse(runs: int = 3) -> tuple[EditionDetails, list[float]]:
    data = BASE.read_bytes()
    times: list[float] = []
    started = time.perf_counter()
    details = parse_edition_details(data, Source(name=BASE.name))
    times.append(time.perf_counter() - started)
    for _ in range(runs - 1):
        started = time.perf_counter()
        parse_edition_details(data, Source(name=BASE.name))
        times.append(time.perf_counter() - started)
    return details, times


def evaluate_headings(*, runs: int = 3) -> dict[str, Any]:
    """Precision and recall of the parser's level-1 and level-2 headings, per document and overall.

    Returns a dict with ``documents`` (per document: per level, ``all``
    levels and ``ignoring_level``, each with ``labelled``, ``parsed``,
    ``matched``, ``precision``, ``recall``), ``overall`` (the same over both
    documents), ``not_headings`` (``total``, ``produced`` and the offending
    ``entries``) and ``parse_seconds`` (the median of ``runs`` parses).
    """
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    details, times = _parse(max(runs, 1))
    parts = {part.kind.value: part for part in details.parts}
    result: dict[str, Any] = {"documents": {}, "parse_seconds": statistics.median(times)}
    totals: dict[str, tuple[Counter[Any], Counter[Any]]] = {}
    all_labelled: list[tuple[int, str]] = []
    all_parsed: list[tuple[int, str]] = []
    for name in DOCUMENTS:
        wanted = [
            (entry["level"], heading_key(entry["text"]))
            for entry in labels["documents"][name]["headings"]
        ]
        part = parts.get(name)
        got = [(h.level, heading_key(h.text)) for h in part.headings] if part else []
        figures: dict[str, Any] = {}
        for level in (*LEVELS, "all"):
            keep = LEVELS if level == "all" else (level,)
            labelled = Counter(item for item in wanted if item[0] in keep)
            parsed = Counter(item for item in got if item[0] in keep)
            figures[str(level)] = _figures(labelled, parsed)
            old = totals.get(str(level), (Counter(), Counter()))
            totals[str(level)] = (old[0] + labelled, old[1] + parsed)
        figures["ignoring_level"] = _ignoring_level(wanted, got)
        result["documents"][name] = figures
        all_labelled.extend((level, f"{name}:{key}") for level, key in wanted)
        all_parsed.extend((level, f"{name}:{key}") for level, key in got)
    overall = {level: _figures(*pair) for level, pair in totals.items()}
    overall["ignoring_level"] = _ignoring_level(all_labelled, all_parsed)
    result["overall"] = overall
    produced = []
    headings = [h for part in details.parts for h in part.headings]
    for entry in labels["not_headings"]:
        key = heading_key(entry["text"])
        for heading in headings:
            if heading_key(heading.text) == key and abs(heading.line - entry["line"]) <= NEAR_LINES:
                produced.append({**entry, "parsed_line": heading.line, "level": heading.level})
                break
    result["not_headings"] = {
        "total": len(labels["not_headings"]),
        "produced": len(produced),
        "entries": produced,
    }
    return result


def _row(document: str, level: str, figures: dict[str, Any]) -> str:
    ok = figures["precision"] >= TARGET and figures["recall"] >= TARGET
    return (
        f"| {document} | {level} | {figures['labelled']} | {figures['parsed']} | "
        f"{figures['matched']} | {figures['precision']:.1%} | {figures['recall']:.1%} | "
        f"{'yes' if ok else '**no**'} |"
    )


def render(result: dict[str, Any]) -> str:
    """The figures as a Markdown report."""
    lines = [
        "# Heading accuracy: Delaware Group Equity Funds II 485BPOS",
        "",
        f"Target: precision and recall of at least {TARGET:.0%} each.",
        "",
        "| document | level | labelled | parsed | matched | precision | recall | target met |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    names = {"1": "1", "2": "2", "all": "1 and 2", "ignoring_level": "1 and 2, ignoring level"}
    for document in DOCUMENTS:
        for level, title in names.items():
            lines.append(_row(document, title, result["documents"][document][level]))
    for level, title in names.items():
        lines.append(_row("overall", title, result["overall"][level]))
    wrong = result["not_headings"]
    lines += [
        "",
        f"Not-headings produced as sections: {wrong['produced']} of {wrong['total']} "
        "(table-of-contents entries, running headers, page numbers, bold cells, glossary terms).",
    ]
    lines.extend(
        f"- line {entry['line']}: {entry['text']!r} ({entry['why']})" for entry in wrong["entries"]
    )
    lines += ["", f"Parse time (median of 3): {result['parse_seconds']:.2f} s", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; exit status 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args(argv)
    result = evaluate_headings()
    if arguments.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(render(result))
    return 0 if headings_met(result) else 1


def headings_met(result: dict[str, Any]) -> bool:
    """Whether every precision and recall reaches the target, with no furniture taken."""
    met = all(
        figures["precision"] >= TARGET and figures["recall"] >= TARGET
        for scope in (*result["documents"].values(), result["overall"])
        for name, figures in scope.items()
        if name != "ignoring_level"
    )
    return met and result["not_headings"]["produced"] == 0


if __name__ == "__main__":
    sys.exit(main())
