"""Hostile and broken input: no hang, no foreign exception, no entity expansion, no network."""

from __future__ import annotations

import contextlib
import functools
import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import prospectus_ledger as pl
from prospectus_ledger.parsing.editions import looks_like_edition, parse_editions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MEGABYTE = 1_000_000
# Generous: these guard against hangs (catastrophic backtracking, runaway
# recursion), not against slowness; speed is measured in benchmarks/.
HANG_LIMIT_SECONDS = 120


@contextlib.contextmanager
def no_hang(what: str) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"{what} did not finish within {HANG_LIMIT_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_LIMIT_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _nested(depth: int) -> str:
    return (
        "<html><body>"
        + "<div>" * depth
        + "SUPPLEMENT DATED MAY 1, 2020"
        + "</div>" * depth
        + "</body></html>"
    )


SCALED: dict[str, Callable[[int], str]] = {
    "spaces": lambda size: " " * size,
    "quotes": lambda size: "\"\u201c\u201d'" * (size // 4),
    "dashes": lambda size: "-\u2013\u2014 " * (size // 4),
    "'Effective ' repeated": lambda size: "Effective " * (size // 10),
    "'Effective on' with broken dates": lambda size: "Effective on May 1, 20" * (size // 22),
    "'SUPPLEMENT DATED' repeated": lambda size: "SUPPLEMENT DATED " * (size // 17),
    "'SUPPLEMENT DATED ...' lines": lambda size: (
        "SUPPLEMENT DATED JANUARY 1, 2020\n" * (size // 33)
    ),
    "unclosed <TABLE>": lambda size: "<TABLE>\n<S> <C>\n" + ("Row  1.00%  2.00%\n" * (size // 18)),
    "nested tags": lambda size: _nested(size // 100),
    "one long line": lambda size: ("word " * (size // 5)).strip(),
    "<PAGE> and form feeds": lambda size: "<PAGE>\f" * (size // 7),
    "quoted heading never closed": lambda size: 'under the heading "' + "Principal " * (size // 10),
    "HTML with empty cells": lambda size: (
        "<table><tr>" + "<td></td>" * (size // 10) + "</tr></table>"
    ),
}
"""Adversarial inputs by size in characters: each must take time linear in its size
(scripts/reliability.py compares 4x the size with 1x)."""

ADVERSARIAL: dict[str, Callable[[], str]] = {
    f"{name} ({MEGABYTE // 1_000_000} MB)": functools.partial(make, MEGABYTE)
    for name, make in SCALED.items()
}
"""Each adversarial input at 1 MB."""


def _exercise(text: str) -> None:
    """Everything that reads a filing, on one text: only library errors may escape."""
    for payload in (text, text.encode("utf-8", errors="surrogatepass")):
        with contextlib.suppress(pl.ProspectusLedgerError):
            pl.parse_filing(payload, pl.Source(name="hostile.txt"))
        if looks_like_edition(payload):
            with contextlib.suppress(pl.ProspectusLedgerError):
                parse_editions(payload, pl.Source(name="hostile.htm"))
        ledger = pl.Ledger()
        with contextlib.suppress(pl.ProspectusLedgerError):
            ledger.add_filing(payload, pl.Source(name="hostile.txt"))
            ledger.timeline()


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_completes_and_raises_only_library_errors(name: str) -> None:
    text = ADVERSARIAL[name]()
    with no_hang(name):
        _exercise(text)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html><body><p>EXAMPLE TRUST</p>
<p>SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2019</p>
<p>Effective immediately, the following is added: &lol9;</p></body></html>
"""


def _external_entity(target: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE doc [<!ENTITY secret SYSTEM "file://{target}">
<!ENTITY remote SYSTEM "http://127.0.0.1:9/never">]>
<html><body><p>SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2019</p>
<p>Effective immediately, the following is added: &secret; &remote;</p></body></html>
"""


def test_billion_laughs_is_read_inert() -> None:
    from prospectus_ledger.serialize import dumps

    with no_hang("billion laughs"):
        try:
            supplements = pl.parse_filing(BILLION_LAUGHS, pl.Source(name="laughs.htm"))
        except pl.ProspectusLedgerError:
            return
    text = dumps(supplements)
    assert "lollollollollollol" not in text
    assert len(text) < 100_000


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    from prospectus_ledger.serialize import dumps

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS", encoding="utf-8")
    with no_hang("external entity"):
        try:
            supplements = pl.parse_filing(_external_entity(secret), pl.Source(name="xxe.htm"))
        except pl.ProspectusLedgerError:
            return
    assert "TOP-SECRET-CONTENTS" not in dumps(supplements)


def test_filing_size_limit_is_configurable_and_clear(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes((SEEDS / "000_6de0636f7720f9ef.txt").read_bytes() * 10)
    with pytest.raises(pl.InvalidFilingError, match=r"big\.txt.*limit is 1,000 bytes"):
        pl.load(big, max_filing_bytes=1000)
    ledger = pl.Ledger(max_filing_bytes=1000)
    with pytest.raises(pl.InvalidFilingError, match="limit"):
        ledger.add_filing(big.read_bytes(), pl.Source(name="big.txt"))
    assert ledger.supplements == ()
    assert pl.load(big).supplements
    store = pl.Store(tmp_path / "limited.sqlite", max_filing_bytes=1000)
    report = store.ingest([big])
    assert report.new_filings == 0
    assert "limit" in report.failures[0][1]


def _export() -> dict[str, Any]:
    return json.loads(pl.load(SEEDS).to_json())


def _mutations() -> st.SearchStrategy[Any]:
    leaves = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.text(max_size=20)
        | st.floats(allow_nan=False)
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=8), children, max_size=3)
        ),
        max_leaves=8,
    )


def _replace_somewhere(data: Any, path: list[int], value: Any) -> Any:
    if not path or not isinstance(data, dict | list) or not data:
        return value
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    data[key] = _replace_somewhere(data[key], path[1:], value)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=8), value=_mutations())
def test_json_import_rejects_anything_malformed_with_the_library_error(
    path: list[int], value: Any
) -> None:
    data = _replace_somewhere(_export(), path, value)
    try:
        ledger = pl.Ledger.from_json(json.dumps(data), file="mutant.json")
    except pl.InvalidLedgerDataError as error:
        message = str(error)
    else:
        ledger.timeline()
        return
    assert "mutant.json" in message


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(offset=st.integers(0, 200_000), junk=st.binary(min_size=1, max_size=4096))
def test_damaged_store_files_give_the_store_error(tmp_path: Path, offset: int, junk: bytes) -> None:
    path = tmp_path / f"damaged-{offset}-{len(junk)}.sqlite"
    if not path.exists():
        store = pl.Store(path)
        store.ingest(SEEDS)
        store.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    at = offset % len(data)
    data[at : at + len(junk)] = junk
    path.write_bytes(bytes(data))
    try:
        ledger = pl.open_store(path, create=False)
        ledger.as_of("2007-05-22").documents()
        ledger.timeline()
    except pl.ProspectusLedgerError:
        pass


_SLOW_INGEST = """
import sys, time
from prospectus_ledger.store import Store
import prospectus_ledger.store as store_module

original = store_module.Store._rebuild

def slow_rebuild(self):
    original(self)
    time.sleep(1.5)  # hold the transaction open while a reader looks

store_module.Store._rebuild = slow_rebuild
Store(sys.argv[1]).ingest(sys.argv[2:])
"""


def test_a_reader_sees_the_old_or_the_new_state_never_a_mix(tmp_path: Path) -> None:
    path = tmp_path / "concurrent.sqlite"
    pl.Store(path).ingest([SEEDS / "000_6de0636f7720f9ef.txt"])
    old = pl.open_store(path).to_json()
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_INGEST, str(path), str(SEEDS / "004_75a3e5324524647b.txt")],
    )
    seen: set[str] = set()
    with no_hang("reader"):
        while writer.poll() is None:
            seen.add(pl.open_store(path).to_json())
    assert writer.wait() == 0
    new = pl.open_store(path).to_json()
    assert old != new
    assert seen <= {old, new}


_SAME_INGEST = """
import sys
from prospectus_ledger.store import Store
Store(sys.argv[1]).ingest(sys.argv[2:])
"""


def test_two_processes_ingesting_the_same_filing_store_it_once(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite"
    pl.Store(path).close()
    files = [str(p) for p in sorted(SEEDS.iterdir())]
    processes = [
        subprocess.Popen([sys.executable, "-c", _SAME_INGEST, str(path), *files]) for _ in range(2)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0, 0]
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT COUNT(*) FROM filings").fetchone() == (2,)
    assert connection.execute("SELECT COUNT(*) FROM supplements").fetchone() == (2,)
    assert len(pl.open_store(path).timeline()) == 3


def test_atheris_finds_no_crash_in_the_parser(tmp_path: Path) -> None:
    try:
        import atheris  # noqa: F401
    except ImportError:
        pytest.skip("atheris is not installed here (pip install 'prospectus-ledger[fuzz]')")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for index, line in enumerate(
        (ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()[:10]
    ):
        (seeds / f"{index:03d}").write_text(json.loads(line)["text"], encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "atheris_parse.py"),
            str(seeds),
            "-runs=200",
            "-max_len=4096",
            "-seed=1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 200 runs" in result.stderr
