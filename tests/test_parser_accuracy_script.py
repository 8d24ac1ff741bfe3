"""scripts/parser_accuracy.py reports the external scorer's own figures.

The scorer (``score_parser.py``) is vendored in ``tests/fixtures/tools``; these
tests keep the copy identical to ``../shared/tools/score_parser.py`` when that
exists, check the first corpus's label conversion, the reading of the scorer's
output, and run the real scorer and command on a few development filings.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VENDORED = ROOT / "tests" / "fixtures" / "tools" / "score_parser.py"
FIRST_LABELS = ROOT / "tests" / "fixtures" / "labels" / "supplements.json"
FIRST_CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
LABELLED = ROOT / "tests" / "fixtures" / "labelled"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


script = _load("parser_accuracy", ROOT / "scripts" / "parser_accuracy.py")
runs = sys.modules["scorer_runs"]  # imported by the script from scripts/
scorer = _load("vendored_score_parser", VENDORED)

CANNED = """\
MISS ['1997', 'iV3rm9AwOt1OyKE.shtml'] unmatched amendment replace ['Fee Table']
MISS ['000002782502000012', 'incomepro-sticker1002.htm'] effective None != 2002-09-30
MISS ['000002782502000012', 'incomepro-sticker1002.htm'] supplement_date None != 2002-09-01
MISS ['0001', 'odd]name.htm'] documents [] vs ["('sai', None)"]
supplement_date  92/92 = 1.000
documents        106/107 = 0.991
action           158/160 = 0.988
target           150/160 = 0.938
effective        157/160 = 0.981
notices          40/58 = 0.690
crash            115/115 = 1.000
held-out parser accuracy: overall 0.975, worst field 0.938, 115 supplements
"""


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _printed_fields(stdout: str) -> dict[str, tuple[int, int]]:
    """The scorer's ``name right/total = ratio`` lines, read independently of the script."""
    fields = {}
    for line in stdout.splitlines():
        words = line.split()
        if len(words) == 4 and words[2] == "=" and "/" in words[1] and line[0] != "M":
            right, total = words[1].split("/")
            fields[words[0]] = (int(right), int(total))
    return fields


def test_vendored_scorer_is_the_shared_one() -> None:
    vendored = VENDORED.read_bytes()
    defined = {n.name for n in ast.parse(vendored).body if isinstance(n, ast.FunctionDef)}
    assert {"main", "target_ok", "merge_per_document", "run_cli"} <= defined
    if SHARED.exists():
        assert (SHARED / "tools" / "score_parser.py").read_bytes() == vendored, (
            "tests/fixtures/tools/score_parser.py differs from ../shared/tools/score_parser.py: "
            "copy it again"
        )
        assert runs.scorer_path() == SHARED / "tools" / "score_parser.py"
    else:
        assert runs.scorer_path() == VENDORED


def test_first_corpus_labels_convert_to_the_scorers_format() -> None:
    entries = json.loads(FIRST_LABELS.read_text(encoding="utf-8"))["entries"]
    rows = runs.first_corpus_rows()
    assert [row["url"] for row in rows] == [entry["url"] for entry in entries]
    corpus_urls = {row["url"] for row in _jsonl(FIRST_CORPUS)}
    assert all(row["url"] in corpus_urls for row in rows)
    kept = [row for row in rows if not row["skip"]]
    assert len(kept) == len([e for e in entries if e["supplements"]]) == 115
    amendments = [a for e in entries for s in e["supplements"] for a in s["amendments"]]
    assert sum(len(row["amendments"]) for row in kept) == len(amendments) == 218
    # Spot checks: an instruction at the close of business keeps its day only, and a
    # filing with two supplements keeps the first one's date and everything of both.
    assert rows[6] == {
        "url": "https://www.sec.gov/Archives/edgar/data/1126087/000090873706000882/dec20.txt",
        "skip": False,
        "registrant": "Met Investors Series Trust",
        "supplement_date": "2006-12-21",
        "documents": [
            {"kind": "prospectus", "date": "2006-05-01"},
            {"kind": "sai", "date": "2006-05-01"},
        ],
        "amendments": [
            {
                "action": "replace",
                "document": "prospectus",
                "target": ["MANAGEMENT", "The Advisers", "Dreman Value Management, LLC"],
                "effective_date": "2006-12-21",
                "approximate": False,
            },
            {
                "action": "replace",
                "document": "sai",
                "target": ["Appendix C", "Dreman Small-Cap Value Portfolio"],
                "effective_date": "2006-12-21",
                "approximate": False,
            },
        ],
    }
    two = rows[82]
    assert two["url"].endswith("/000119312504157018/d497.htm")
    assert two["supplement_date"] == "2004-09-15"
    assert len(two["documents"]) == 4
    assert {(d["kind"], d["date"]) for d in two["documents"]} == {
        ("prospectus", "2004-01-30"),
        ("sai", "2004-01-30"),
    }
    assert [a["action"] for a in two["amendments"]] == [
        "replace",
        "notice",
        "notice",
        "notice",
        "replace",
    ]

    # The scorer accepts the rows and counts every one of them.
    score = script.measure(script.LABEL_SETS[0])
    assert score is not None
    assert score.supplements == score.fields["crash"][1] == len(kept)
    assert score.fields["supplement_date"][1] == sum(1 for r in kept if r["supplement_date"])
    assert score.fields["documents"][1] == sum(1 for r in kept if r["documents"])
    edits = sum(
        len(scorer.merge_per_document([a for a in r["amendments"] if a["action"] != "notice"]))
        for r in kept
    )
    notices = sum(1 for r in kept for a in r["amendments"] if a["action"] == "notice")
    for name in ("action", "target", "effective"):
        assert score.fields[name][1] == edits
    assert score.fields["notices"][1] == notices


def test_scorer_output_is_read_back() -> None:
    score = runs.parse_scorer_output(CANNED)
    assert list(score.fields) == list(runs.FIELDS)
    assert score.fields["documents"] == (106, 107)
    assert score.fields["notices"] == (40, 58)
    assert score.ratio("target") == pytest.approx(150 / 160)
    assert (score.overall, score.worst, score.supplements) == (0.975, 0.938, 115)
    assert [m.filing for m in score.misses] == [
        "1997/iV3rm9AwOt1OyKE.shtml",
        "000002782502000012/incomepro-sticker1002.htm",
        "000002782502000012/incomepro-sticker1002.htm",
        "0001/odd]name.htm",
    ]
    assert score.misses[0].message == "unmatched amendment replace ['Fee Table']"
    assert score.misses[3].message == """documents [] vs ["('sai', None)"]"""
    # notices is below 97% too, but the scorer leaves it out of its worst figure.
    assert score.below(0.97) == ["target"]
    assert script.failures({"first": score, "development": None, "frozen": None}) == [
        "first: target"
    ]
    assert script.failures({"first": None, "development": None, "frozen": score}) == []
    with pytest.raises(ValueError, match="per-field"):
        runs.parse_scorer_output("Traceback (most recent call last):\n")


def test_kept_sections_are_carried_over_verbatim() -> None:
    previous = (
        "# Parser accuracy\n\nOld intro.\n\n## First corpus\n\n| old | table |\n\n"
        "## Frozen fifth (measured once)\n\nMeasured on 2027-01-02:\n\n"
        "| field | ratio |\n| --- | ---: |\n| action | 93.0% |\n\n### Why\n\nText.\n\n"
        "## Misses\n\n- old\n\n## Label corrections\n\n| entry | why |\n| 80 | merged |\n"
    )
    kept = script.kept_sections(previous)
    assert kept.startswith("## Frozen fifth (measured once)\n\nMeasured on 2027-01-02:")
    assert "### Why\n\nText." in kept
    assert kept.endswith("## Label corrections\n\n| entry | why |\n| 80 | merged |")
    assert "old" not in kept
    score = runs.parse_scorer_output(CANNED)
    report = script.markdown_report(
        {"first": score, "development": score, "frozen": None}, kept=kept, when="2027-01-03"
    )
    assert kept in report
    assert script.kept_sections(report) == kept
    assert "Not yet measured" in report
    assert "| target | 150 | 160 | 93.8% | 97% | **no** |" in report
    assert "| notices | 40 | 58 | 69.0% | - | not scored |" in report
    assert "- `1997/iV3rm9AwOt1OyKE.shtml` (corpus entry 33" in report
    assert "    - `documents [] vs [\"('sai', None)\"]`" in report
    assert not any(line.lstrip().startswith(">>>") for line in report.splitlines())
    assert script.dropped_sections(previous, report) == []


def _subset(tmp_path: Path, keys: tuple[str, ...]) -> tuple[Path, Path]:
    supplements = _jsonl(LABELLED / "development.jsonl")
    labels = {row["url"]: row for row in _jsonl(LABELLED / "development-labels.jsonl")}
    chosen = [s for s in supplements if any(key in s["url"] for key in keys)]
    assert len(chosen) == len(keys)
    texts = runs.write_jsonl(chosen, tmp_path / "subset.jsonl")
    wanted = runs.write_jsonl([labels[s["url"]] for s in chosen], tmp_path / "subset-labels.jsonl")
    return wanted, texts


SUBSET = (
    "dsgf04302024497k.htm",
    "cofcoacarstatutorystic-20142.htm",
    "g21266e497.htm",
    "spss020405mega.txt",
    "8qY-NVLPeKUCIPE.shtml",
)


def test_script_figures_are_the_scorers(tmp_path: Path) -> None:
    labels, texts = _subset(tmp_path, SUBSET)
    score, _ = runs.run_scorer(labels, texts)
    cli = runs.cli_path()
    printed = subprocess.run(
        [sys.executable, str(runs.scorer_path()), str(labels), str(texts), cli, "--verbose"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "TMPDIR": str(tmp_path)},  # the scorer leaves its folder behind
    ).stdout
    assert score.fields == _printed_fields(printed)
    assert set(score.fields) == set(runs.FIELDS)
    assert score.fields["crash"] == (len(SUBSET), len(SUBSET))
    assert len(score.misses) == printed.count("\nMISS ") + printed.startswith("MISS ")
    summary = re.search(r"overall ([\d.]+), worst field ([\d.]+), (\d+) supplements", printed)
    assert summary
    assert (score.overall, score.worst, score.supplements) == (
        float(summary[1]),
        float(summary[2]),
        len(SUBSET),
    )


def test_main_gates_writes_and_measures_a_frozen_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = _subset(tmp_path, SUBSET)
    report = tmp_path / "parser-accuracy.md"
    report.write_text(
        "# Parser accuracy\n\n## Frozen fifth (measured once)\n\nBy hand.\n\n## Stale\n\nx\n",
        encoding="utf-8",
    )
    first, development, frozen = script.LABEL_SETS
    sets = (
        script.LabelSet("development", "Development subset", texts, labels, 1.01, True, True),
        script.LabelSet("frozen", "Frozen subset", texts, labels, 0.90, False, False),
        script.LabelSet("missing", "Absent set", tmp_path / "no.jsonl", labels, 0.9, True, True),
    )
    monkeypatch.setattr(script, "LABEL_SETS", sets)
    monkeypatch.setattr(script, "REPORT", report)
    monkeypatch.setattr(script, "heading_section", lambda: ("## Heading accuracy\n\nok", True))
    assert script.main(["--write", "--misses"]) == 1  # no field reaches 101%
    out, err = capsys.readouterr()
    assert "below target: development: action" in err
    assert "dropped from the report: '## Stale'" in err
    assert "not yet measured" in out
    written = report.read_text(encoding="utf-8")
    assert "## Frozen fifth (measured once)\n\nBy hand." in written
    assert "## Frozen subset" in written
    assert "| 90% |" in written
    assert "### Frozen subset" not in written  # the frozen set's misses stay unseen
    assert "### Development subset" in written
    assert script.main(["--no-gate"]) == 0
    assert report.read_text(encoding="utf-8") == written  # no --write: untouched
    assert (first.target, development.target, frozen.target) == (0.97, 0.97, 0.90)
    assert (first.gated, development.gated, frozen.gated) == (True, True, False)
    assert frozen.labels == LABELLED / "frozen-labels.jsonl"
