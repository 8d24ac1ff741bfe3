"""Measure the edition parser's headings: against hand-labelled documents, and Form N-1A's
summary items on every real document.

Usage::

    python scripts/heading_accuracy.py             # Markdown tables of the figures
    python scripts/heading_accuracy.py --json      # the figures as JSON
    python scripts/heading_accuracy.py --frozen    # Form N-1A items on the frozen fifth

Three measurements:

* the Delaware Group Equity Funds II 485BPOS, labelled by reading (below);
* documents of other families labelled by reading (six summary prospectuses and a
  485APOS's prospectus and SAI,
  ``tests/fixtures/documents/headings/*.json``, same format and matching; their
  notes say how each was labelled; a part labelled from one line to another is
  measured there only), each against the target;
* Form N-1A's nine summary items (:data:`prospectus_ledger.parsing.grammar.items.ITEMS`)
  found as section headings, on every document of
  ``../shared/corpus/bases/documents.jsonl`` read as :func:`prospectus_ledger.load`
  reads a file (the copies in ``tests/fixtures/documents`` when ``../shared`` is
  absent).  The documents of the registrants whose ``int(cik) % 5 == 0`` are the
  frozen fifth of issue 14: left out unless ``--frozen`` asks for them alone.

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
import gzip
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from prospectus_ledger import heading_key
from prospectus_ledger.files import parse_any
from prospectus_ledger.parsing.editions import EditionDetails, parse_edition_details
from prospectus_ledger.parsing.grammar.items import ITEMS, item_of
from prospectus_ledger.provenance import Source
from prospectus_ledger.tree import walk

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "delaware" / "base.html"
LABELS = ROOT / "tests" / "fixtures" / "delaware" / "headings.json"
DOCUMENTS = ("prospectus", "sai")
LEVELS = (1, 2)
TARGET = 0.95
DELAWARE_TARGET = 0.98
NEAR_LINES = 3
LABELLED = ROOT / "tests" / "fixtures" / "documents" / "headings"
COPIED = ROOT / "tests" / "fixtures" / "documents" / "development.jsonl.gz"
SHARED = ROOT.parent / "shared" / "corpus" / "bases" / "documents.jsonl"
ITEM_TARGET = 0.98
FROZEN_ITEM_TARGET = 0.95


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
    all_labelled: list[tuple[int, str]] = []
    all_parsed: list[tuple[int, str]] = []
    for name in DOCUMENTS:
        wanted = [
            (entry["level"], heading_key(entry["text"]))
            for entry in labels["documents"][name]["headings"]
        ]
        part = parts.get(name)
        got = [(h.level, heading_key(h.text)) for h in part.headings] if part else []
        result["documents"][name] = _level_figures(wanted, got)
        all_labelled.extend((level, f"{name}:{key}") for level, key in wanted)
        all_parsed.extend((level, f"{name}:{key}") for level, key in got)
    # Keys carry their document's name: a heading matches only in its own document.
    overall = _level_figures(all_labelled, all_parsed)
    result["overall"] = overall
    headings = [h for part in details.parts for h in part.headings]
    result["not_headings"] = _not_headings(labels["not_headings"], headings)
    result["labelled_documents"] = evaluate_labelled()
    result["items"] = evaluate_items()
    return result


def _level_figures(
    wanted: Sequence[tuple[int, str]], got: Sequence[tuple[int, str]]
) -> dict[str, Any]:
    """Figures at level 1, level 2, both, and ignoring level."""
    figures: dict[str, Any] = {}
    for level in (*LEVELS, "all"):
        keep = LEVELS if level == "all" else (level,)
        labelled = Counter(item for item in wanted if item[0] in keep)
        parsed = Counter(item for item in got if item[0] in keep)
        figures[str(level)] = _figures(labelled, parsed)
    figures["ignoring_level"] = _ignoring_level(wanted, got)
    return figures


def _not_headings(entries: list[dict[str, Any]], headings: Sequence[Any]) -> dict[str, Any]:
    """The labelled not-headings the parser made a section of, within a few lines of where
    they are labelled."""
    produced = []
    for entry in entries:
        key = heading_key(entry["text"])
        for heading in headings:
            if heading_key(heading.text) == key and abs(heading.line - entry["line"]) <= NEAR_LINES:
                produced.append({**entry, "parsed_line": heading.line, "level": heading.level})
                break
    return {"total": len(entries), "produced": len(produced), "entries": produced}


def _copied_rows() -> dict[str, dict[str, Any]]:
    with gzip.open(COPIED, "rt", encoding="utf-8") as file:
        rows = [json.loads(line) for line in file]
    return {str(row["url"]).rsplit("/", 1)[-1]: row for row in rows}


def evaluate_labelled() -> dict[str, Any]:
    """Each labelled document of another family (``tests/fixtures/documents/headings``): its
    figures by level (as for Delaware) and the not-headings produced as sections."""
    rows = _copied_rows()
    result: dict[str, Any] = {}
    for path in sorted(LABELLED.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        name = labels["source"]
        details = parse_edition_details(rows[name]["text"], Source(name=name))
        parts = {part.kind.value: part for part in details.parts}
        for kind, labelled in labels["documents"].items():
            part = parts.get(kind)
            # Only what the labels cover: a part labelled from one line to another.
            first, last = labelled.get("first_line", 0), labelled.get("last_line", 1 << 30)
            headings = [h for h in part.headings if first <= h.line <= last] if part else []
            got = [(h.level, heading_key(h.text)) for h in headings]
            wanted = [
                (entry["level"], heading_key(entry["text"])) for entry in labelled["headings"]
            ]
            figures = _level_figures(wanted, got)
            # The file's not-headings that stand in this part (each counted once).
            entries = [e for e in labels["not_headings"] if first <= e["line"] <= last]
            figures["not_headings"] = _not_headings(entries, headings)
            result[f"{name} ({kind})"] = figures
    return result


def document_rows(*, frozen: bool = False) -> tuple[str, list[dict[str, Any]]]:
    """The real documents to check for Form N-1A's items, and where they come from: the
    development (or, with ``frozen``, the frozen) part of ``../shared``, else the copies."""
    if SHARED.exists():
        rows = [json.loads(line) for line in SHARED.read_text(encoding="utf-8").splitlines()]
        keep = [row for row in rows if (int(row["cik"]) % 5 == 0) == frozen]
        return str(SHARED.relative_to(ROOT.parent)), keep
    if frozen:
        return "no frozen documents (../shared is absent)", []
    return str(COPIED.relative_to(ROOT)), list(_copied_rows().values())


def evaluate_items(*, frozen: bool = False) -> dict[str, Any]:
    """Form N-1A's nine summary items found as section headings, document by document, with
    each filing read as ``pl.load`` reads it (what it is, then its documents)."""
    source, rows = document_rows(frozen=frozen)
    keys = [rule.builds.key for rule in ITEMS]
    documents: list[dict[str, Any]] = []
    for row in rows:
        name = str(row["url"]).rsplit("/", 1)[-1]
        # What EDGAR's index says of it, as a manifest gives it (a .htm prints no filer).
        known = Source(
            name=name,
            url=row["url"],
            form=row["form"],
            cik=row["cik"],
            company=row.get("registrant"),
        )
        _supplements, parsed, doubt = parse_any(
            str(row["text"]).encode("utf-8"), known, max_bytes=1 << 30
        )
        found = {
            item.key
            for document in parsed
            for place in walk(document.sections)
            if (item := item_of(place.section.heading)) is not None
        }
        documents.append(
            {
                "document": name,
                "cik": row["cik"],
                "read_as": [document.kind.value for document in parsed] or ["supplement"],
                "doubt": doubt,
                "found": sum(key in found for key in keys),
                "missing": [key for key in keys if key not in found],
                "identified": all(
                    (document.registrant or document.cik) and document.portfolios
                    for document in parsed
                )
                and bool(parsed),
                "undated": [document.kind.value for document in parsed if document.date is None],
            }
        )
    pairs = len(documents) * len(keys)
    found_pairs = sum(document["found"] for document in documents)
    return {
        "source": source,
        "frozen": frozen,
        "documents": documents,
        "pairs": pairs,
        "found": found_pairs,
        "share": found_pairs / pairs if pairs else 1.0,
        "editions": sum("supplement" not in document["read_as"] for document in documents),
        "identified": sum(bool(document["identified"]) for document in documents),
    }


def _row(document: str, level: str, figures: dict[str, Any], target: float = TARGET) -> str:
    ok = figures["precision"] >= target and figures["recall"] >= target
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
        f"Target: precision and recall of at least {DELAWARE_TARGET:.0%} each.",
        "",
        "| document | level | labelled | parsed | matched | precision | recall | target met |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    names = {"1": "1", "2": "2", "all": "1 and 2", "ignoring_level": "1 and 2, ignoring level"}
    for document in DOCUMENTS:
        for level, title in names.items():
            lines.append(
                _row(document, title, result["documents"][document][level], DELAWARE_TARGET)
            )
    for level, title in names.items():
        lines.append(_row("overall", title, result["overall"][level], DELAWARE_TARGET))
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
    if "labelled_documents" in result:
        lines += render_labelled(result["labelled_documents"])
    if "items" in result:
        lines += render_items(result["items"])
    return "\n".join(lines)


def render_labelled(labelled: dict[str, Any]) -> list[str]:
    """The labelled documents of other families as Markdown lines."""
    lines = [
        "## Documents of other families",
        "",
        "Labelled by reading (`tests/fixtures/documents/headings`); the same matching and "
        f"target ({TARGET:.0%}) as above. These documents were read while the edition reader "
        "was built on them: development figures, not a measure of how it generalises (the "
        "frozen fifth of the Form N-1A check is).",
        "",
        "| document | level | labelled | parsed | matched | precision | recall | target met |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    names = {"all": "1 and 2", "ignoring_level": "1 and 2, ignoring level"}
    for document, figures in labelled.items():
        for level, title in names.items():
            lines.append(_row(document, title, figures[level]))
    produced = [
        (document, entry)
        for document, figures in labelled.items()
        for entry in figures["not_headings"]["entries"]
    ]
    total = sum(figures["not_headings"]["total"] for figures in labelled.values())
    lines += ["", f"Not-headings produced as sections: {len(produced)} of {total}."]
    lines.extend(
        f"- {document}, line {entry['line']}: {entry['text']!r} ({entry['why']})"
        for document, entry in produced
    )
    return [*lines, ""]


def render_items(items: dict[str, Any]) -> list[str]:
    """The Form N-1A item check as Markdown lines."""
    part = "the frozen fifth" if items["frozen"] else "the development documents"
    target = FROZEN_ITEM_TARGET if items["frozen"] else ITEM_TARGET
    lines = [
        "## Form N-1A's summary items",
        "",
        f"On {part} of `{items['source']}`: {len(items['documents'])} documents, "
        f"{items['editions']} read as editions. Items found as sections: "
        f"{items['found']} of {items['pairs']} (document, item) pairs = {items['share']:.1%} "
        f"(target {target:.0%}: {'met' if items['share'] >= target else '**not met**'}).",
        "",
        "Each is read with what EDGAR's index says of it, as a manifest gives it (URL, form, "
        "CIK, and the company where the corpus records one). Documents whose every part has "
        f"its registrant (name or CIK) and its portfolios: {items['identified']} of "
        f"{len(items['documents'])}. Undated: "
        + (
            "; ".join(
                f"{document['document']} ({', '.join(document['undated'])})"
                for document in items["documents"]
                if document["undated"]
            )
            or "none"
        )
        + ".",
        "",
    ]
    lines.extend(
        f"- {document['document']} (CIK {document['cik']}, read as "
        f"{', '.join(document['read_as'])}): missing {', '.join(document['missing'])}"
        for document in items["documents"]
        if document["missing"]
    )
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; exit status 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--frozen", action="store_true", help="only the Form N-1A items, on the frozen fifth"
    )
    arguments = parser.parse_args(argv)
    if arguments.frozen:
        items = evaluate_items(frozen=True)
        print(json.dumps(items, indent=2) if arguments.json else "\n".join(render_items(items)))
        return 0 if items["share"] >= FROZEN_ITEM_TARGET else 1
    result = evaluate_headings()
    if arguments.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(render(result))
    return 0 if headings_met(result) else 1


def headings_met(result: dict[str, Any]) -> bool:
    """Whether every precision and recall reaches the target, with no furniture taken."""
    met = all(
        figures["precision"] >= DELAWARE_TARGET and figures["recall"] >= DELAWARE_TARGET
        for scope in (*result["documents"].values(), result["overall"])
        for name, figures in scope.items()
        if name != "ignoring_level"
    )
    labelled = result.get("labelled_documents", {})
    met = met and all(
        figures["all"]["precision"] >= TARGET
        and figures["all"]["recall"] >= TARGET
        and figures["not_headings"]["produced"] == 0
        for figures in labelled.values()
    )
    items = result.get("items")
    met = met and (items is None or items["share"] >= ITEM_TARGET)
    return met and result["not_headings"]["produced"] == 0


if __name__ == "__main__":
    sys.exit(main())
