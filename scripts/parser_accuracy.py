"""Measure the supplement parser against the labelled corpus.

Usage::

    python scripts/parser_accuracy.py            # print the report
    python scripts/parser_accuracy.py --write    # also write docs/parser-accuracy.md

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

from prospectus_ledger import ProspectusLedgerError, Source, heading_key, parse_filing
from prospectus_ledger.serialize import unstructure

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
LABELS = ROOT / "tests" / "fixtures" / "labels" / "supplements.json"
REPORT = ROOT / "docs" / "parser-accuracy.md"

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


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 90 else text[:87] + "..."


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


def evaluate() -> tuple[Tally, dict[str, Any]]:
    """Parse every labelled corpus text and compare with its labels."""
    texts = [
        json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["entries"]
    tally = Tally()
    stats: dict[str, Any] = {
        "entries": 0,
        "supplements": 0,
        "amendments": 0,
        "errors": [],
        "bytes": 0,
    }
    started = time.perf_counter()
    for entry in labels:
        index = entry["index"]
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
        for position, label in enumerate(entry["supplements"]):
            stats["supplements"] += 1
            got = parsed[position] if position < len(parsed) else {}
            tally.count(
                index,
                "supplement_date",
                label["supplement_date"],
                got.get("supplement_date"),
                label["supplement_date"] == got.get("supplement_date"),
            )
            want_docs = _documents_key(label["documents"])
            have_docs = _documents_key(got.get("documents", []))
            tally.count(index, "documents", want_docs, have_docs, want_docs == have_docs)
            want_reg, have_reg = label.get("registrant"), got.get("registrant")
            tally.count(
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
            tally.count(
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
            tally.count(
                index, "target", label["target"], got.get("target"), want_target == have_target
            )
            want_eff, have_eff = (
                _effective_key(label["effective"]),
                _effective_key(got.get("effective")),
            )
            tally.count(
                index, "effective", label["effective"], got.get("effective"), want_eff == have_eff
            )
            tally.count(
                index,
                "document",
                label["document"],
                got.get("document"),
                label["document"] == got.get("document"),
            )
    stats["seconds"] = time.perf_counter() - started
    return tally, stats


def render(tally: Tally, stats: dict[str, Any]) -> str:
    """The report as Markdown."""
    lines = [
        "# Parser accuracy",
        "",
        "Produced by `python scripts/parser_accuracy.py --write` on the labelled corpus "
        f"({stats['entries']} filings, {stats['supplements']} supplements, "
        f"{stats['amendments']} amendments labelled by reading them; "
        "`tests/fixtures/labels/supplements.json`).",
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
    lines += [
        "## Misses",
        "",
        "| corpus entry | field | expected | parsed |",
        "| ---: | --- | --- | --- |",
    ]
    for index, name, expected, got in tally.misses:
        cell = lambda text: text.replace("|", "\\|")  # noqa: E731
        lines.append(f"| {index} | {name} | {cell(expected)} | {cell(got)} |")
    if not tally.misses:
        lines.append("| - | - | none | - |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {REPORT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    tally, stats = evaluate()
    report = render(tally, stats)
    sys.stdout.write(report)
    if args.write:
        REPORT.write_text(report, encoding="utf-8")
    met = all(tally.ratio(name) >= target for name, target in TARGETS.items())
    return 0 if met and not stats["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
