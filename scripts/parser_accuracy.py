"""Measure the supplement parser against the labelled corpus.

Usage::

    python scripts/parser_accuracy.py                  # print the report
    python scripts/parser_accuracy.py --split dev      # development entries only
    python scripts/parser_accuracy.py --split heldout --summary   # figures, no misses
    python scripts/parser_accuracy.py --write          # also write docs/parser-accuracy.md

Entries whose corpus index is 2 modulo 5 are held out: the parser is
developed against the other ("development") entries only, and the held-out
figures measure it on texts nobody tuned it to.  ``--write`` always measures
every entry, and keeps the hand-written sections of the existing report
("Held-out (measured once, ...)", "Label corrections", "Left as they are").

The labels (tests/fixtures/labels/supplements.json) were made by reading each
corpus text (tests/fixtures/corpus/supplements.jsonl); the parser never saw
them.  Per-field accuracy is counted over labelled supplements (supplement
date, documents, registrant) and labelled amendments (action, target,
effective, document).  A labelled amendment is matched to the parsed
amendment whose instruction words it begins like, in filing order; a
labelled amendment the parser did not produce counts as wrong on every field.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from heading_accuracy import evaluate_headings, headings_met
from heading_accuracy import render as render_headings

from prospectus_ledger import ProspectusLedgerError, Source, heading_key, parse_filing
from prospectus_ledger.serialize import unstructure

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
LABELS = ROOT / "tests" / "fixtures" / "labels" / "supplements.json"
REPORT = ROOT / "docs" / "parser-accuracy.md"

SPLITS = ("all", "dev", "heldout")
SPLIT_TITLES = {"all": "all", "dev": "development", "heldout": "held-out"}
KEPT_SECTIONS = ("## Held-out (measured once", "## Label corrections", "## Left as they are")

SUPPLEMENT_FIELDS = ("supplement_date", "documents", "registrant")
AMENDMENT_FIELDS = ("action", "target", "effective", "document")
TARGETS = {
    "supplement_date": 0.97,
    "documents": 0.97,
    "action": 0.97,
    "target": 0.97,
    "effective": 0.97,
}


@dataclass
class Tally:
    """Correct and total counts per field, and the misses."""

    correct: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[int, str, str, str]] = field(default_factory=list)

    def count(self, index: int, name: str, expected: object, got: object, ok: bool) -> None:
        self.total[name] = self.total.get(name, 0) + 1
        if ok:
            self.correct[name] = self.correct.get(name, 0) + 1
        else:
            self.misses.append((index, name, _show(expected), _show(got)))

    def ratio(self, name: str) -> float:
        total = self.total.get(name, 0)
        return self.correct.get(name, 0) / total if total else 1.0


@dataclass
class _Fanout:
    """Counts one comparison in several tallies (the whole run and its splits)."""

    tallies: list[Tally]

    def count(self, index: int, name: str, expected: object, got: object, ok: bool) -> None:
        for tally in self.tallies:
            tally.count(index, name, expected, got, ok)


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 90 else text[:87] + "..."


def split_of(index: int) -> str:
    """``heldout`` for corpus entries whose index is 2 modulo 5, else ``dev``."""
    return "heldout" if index % 5 == 2 else "dev"


def _in_split(index: int, split: str) -> bool:
    return split == "all" or split_of(index) == split


def _norm(text: str) -> str:
    return heading_key(text or "")


def _same_words(label: str, parsed: str) -> float:
    """How well a parsed instruction's words match the label's opening words (0..1)."""
    want, have = _norm(label), _norm(parsed)
    if not want or not have:
        return 0.0
    if have.startswith(want):
        return 1.0
    if want in have:
        return 0.95
    return difflib.SequenceMatcher(a=want, b=have[: len(want) + 20], autojunk=False).ratio()


def _align(
    labelled: Sequence[dict[str, Any]], parsed: Sequence[dict[str, Any]]
) -> list[int | None]:
    """For each labelled amendment, the index of its parsed counterpart (in order), or None."""
    result: list[int | None] = []
    start = 0
    for label in labelled:
        best, best_score = None, 0.6
        for index in range(start, len(parsed)):
            candidate = parsed[index]
            words = f"{candidate.get('words') or ''} {candidate.get('text') or ''}"
            score = _same_words(label.get("words", ""), words)
            if score > best_score:
                best, best_score = index, score
                if score >= 0.95:
                    break
        result.append(best)
        if best is not None:
            start = best + 1
    return result


def _effective_key(value: str | None) -> str | None:
    if not value:
        return None
    date = value[:10]
    hour = value[11:13] if len(value) > 10 else "00"
    return f"{date}T{hour or '00'}"


def _documents_key(documents: Sequence[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return sorted({(d["kind"], d.get("date")) for d in documents}, key=lambda d: (d[0], d[1] or ""))


def _target_key(target: Sequence[str]) -> list[str]:
    return [_norm(part) for part in target]


def evaluate(split: str = "all") -> tuple[Tally, dict[str, Any]]:
    """Parse the labelled corpus texts of ``split`` and compare with their labels.

    ``stats["splits"]`` holds one :class:`Tally` per split measured (``all``,
    ``dev``, ``heldout``; only the one asked for and its parts).
    """
    texts = [
        json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["entries"]
    parts = {name: Tally() for name in SPLITS if split == "all" or name == split}
    tally = parts[split]
    stats: dict[str, Any] = {
        "split": split,
        "splits": parts,
        "entries": 0,
        "supplements": 0,
        "amendments": 0,
        "errors": [],
        "bytes": 0,
        "heldout_indices": [e["index"] for e in labels if split_of(e["index"]) == "heldout"],
    }
    started = time.perf_counter()
    for entry in labels:
        index = entry["index"]
        if not _in_split(index, split):
            continue
        record = texts[index]
        stats["entries"] += 1
        stats["bytes"] += len(record["text"].encode("utf-8"))
        try:
            parsed = unstructure(
                parse_filing(record["text"], Source(name=f"corpus[{index}]", url=record["url"]))
            )
        except ProspectusLedgerError as error:
            stats["errors"].append((index, str(error)))
            parsed = []
        entry_tally = _Fanout(
            [parts[name] for name in dict.fromkeys(("all", split_of(index))) if name in parts]
        )
        for position, label in enumerate(entry["supplements"]):
            stats["supplements"] += 1
            got = parsed[position] if position < len(parsed) else {}
            entry_tally.count(
                index,
                "supplement_date",
                label["supplement_date"],
                got.get("supplement_date"),
                label["supplement_date"] == got.get("supplement_date"),
            )
            want_docs = _documents_key(label["documents"])
            have_docs = _documents_key(got.get("documents", []))
            entry_tally.count(index, "documents", want_docs, have_docs, want_docs == have_docs)
            want_reg, have_reg = label.get("registrant"), got.get("registrant")
            entry_tally.count(
                index,
                "registrant",
                want_reg,
                have_reg,
                _norm(want_reg or "") == _norm(have_reg or ""),
            )
        wanted = [a for s in entry["supplements"] for a in s["amendments"]]
        found = [a for s in parsed for a in s.get("amendments", [])]
        for label, match in zip(wanted, _align(wanted, found), strict=True):
            stats["amendments"] += 1
            got = found[match] if match is not None else {}
            entry_tally.count(
                index,
                "action",
                label["action"],
                got.get("action"),
                label["action"] == got.get("action"),
            )
            want_target, have_target = (
                _target_key(label["target"]),
                _target_key(got.get("target", [])),
            )
            entry_tally.count(
                index, "target", label["target"], got.get("target"), want_target == have_target
            )
            want_eff, have_eff = (
                _effective_key(label["effective"]),
                _effective_key(got.get("effective")),
            )
            entry_tally.count(
                index, "effective", label["effective"], got.get("effective"), want_eff == have_eff
            )
            entry_tally.count(
                index,
                "document",
                label["document"],
                got.get("document"),
                label["document"] == got.get("document"),
            )
    stats["seconds"] = time.perf_counter() - started
    return tally, stats


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _split_table(stats: dict[str, Any]) -> list[str]:
    parts: dict[str, Tally] = stats["splits"]
    names = [name for name in SPLITS if name in parts]
    lines = [
        "## By split",
        "",
        "Held-out entries: corpus index 2 modulo 5 "
        f"({', '.join(str(i) for i in stats['heldout_indices'])}).",
        "",
        "| field | " + " | ".join(SPLIT_TITLES[name] for name in names) + " |",
        "| --- |" + " ---: |" * len(names),
    ]
    for field_name in (*SUPPLEMENT_FIELDS, *AMENDMENT_FIELDS):
        cells = [
            f"{parts[name].ratio(field_name):.1%} "
            f"({parts[name].correct.get(field_name, 0)}/{parts[name].total.get(field_name, 0)})"
            for name in names
        ]
        lines.append(f"| {field_name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def kept_sections(previous: str) -> str:
    """The hand-written sections of an earlier report, to carry into the new one."""
    kept: list[list[str]] = []
    keeping = False
    for line in previous.splitlines():
        if line.startswith("## "):
            keeping = line.startswith(KEPT_SECTIONS)
            if keeping:
                kept.append([])
        if keeping:
            kept[-1].append(line)
    return "\n\n".join("\n".join(part).strip("\n") for part in kept)


def render(tally: Tally, stats: dict[str, Any], *, misses: bool = True, kept: str = "") -> str:
    """The report as Markdown."""
    scope = "" if stats["split"] == "all" else f", {SPLIT_TITLES[stats['split']]} entries only"
    lines = [
        "# Parser accuracy",
        "",
        "Produced by `python scripts/parser_accuracy.py --write` on the labelled corpus "
        f"({stats['entries']} filings, {stats['supplements']} supplements, "
        f"{stats['amendments']} amendments labelled by reading them; "
        f"`tests/fixtures/labels/supplements.json`{scope}).",
        "",
        "| field | correct | total | accuracy | target |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in (*SUPPLEMENT_FIELDS, *AMENDMENT_FIELDS):
        target = TARGETS.get(name)
        lines.append(
            f"| {name} | {tally.correct.get(name, 0)} | {tally.total.get(name, 0)} | "
            f"{tally.ratio(name):.1%} | {f'{target:.0%}' if target else '-'} |"
        )
    lines += ["", f"Exceptions raised while parsing: {len(stats['errors'])}.", ""]
    for index, message in stats["errors"]:
        lines.append(f"- corpus[{index}]: {message}")
    if stats["errors"]:
        lines.append("")
    lines += _split_table(stats)
    if kept:
        lines += [kept, ""]
    if misses:
        lines += [
            "## Misses",
            "",
            "| corpus entry | field | expected | parsed |",
            "| ---: | --- | --- | --- |",
        ]
        for index, name, expected, got in tally.misses:
            lines.append(f"| {index} | {name} | {_cell(expected)} | {_cell(got)} |")
        if not tally.misses:
            lines.append("| - | - | none | - |")
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {REPORT.relative_to(ROOT)}")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="measure all entries, development entries only, or held-out entries only",
    )
    parser.add_argument(
        "--summary", action="store_true", help="print the figures without the list of misses"
    )
    args = parser.parse_args(argv)
    if args.write and args.split != "all":
        parser.error("--write measures every entry; drop --split")
    tally, stats = evaluate(args.split)
    kept = kept_sections(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else ""
    headings = evaluate_headings()
    # The base-edition parser's heading tree, measured by the same command (issue 4).
    heading_report = "\n".join(
        ("#" + line if line.startswith("#") else line)
        for line in render_headings(headings).splitlines()
    )
    report = render(tally, stats, misses=not args.summary, kept=kept) + "\n" + heading_report + "\n"
    sys.stdout.write(report)
    megabytes = stats["bytes"] / 1e6
    sys.stderr.write(
        f"parsed {megabytes:.2f} MB in {stats['seconds']:.2f} s "
        f"({megabytes / stats['seconds']:.1f} MB/s, including serialisation)\n"
    )
    if args.write:
        full = render(tally, stats, kept=kept) + "\n" + heading_report + "\n"
        REPORT.write_text(full, encoding="utf-8")
    met = all(tally.ratio(name) >= target for name, target in TARGETS.items())
    return 0 if met and headings_met(headings) and not stats["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
