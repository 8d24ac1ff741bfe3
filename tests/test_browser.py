"""The rendered views in a real browser: headless Chromium reads the page, runs no filing script.

Each check runs Chromium's command line (``--dump-dom`` for the DOM after the
page has loaded and run whatever scripts it would run, ``--screenshot`` for
the picture), in its own throw-away profile, with no network features, and
bounded by a timeout.  The tests skip only when ``/usr/bin/chromium`` is absent
(Debian's ``chromium`` package; ``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import prospectus_ledger as pl
from prospectus_ledger import render
from tests.test_render import PAYLOADS, hostile_items, hostile_ledger, inspect, text_of

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 90  # seconds, per browser call
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"chromium is not installed: {CHROMIUM} is absent "
            "(apt-get install chromium, as .ci/run does)"
        )


def run_chromium(tmp_path: Path, page: Path, *options: str) -> str:
    """Run Chromium once on ``page`` in a fresh profile; return its standard output.

    The browser runs in its own process group, which is killed if it
    outlives :data:`TIMEOUT`.
    """
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *options, page.as_uri()]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(command)}")
    assert process.returncode == 0, stderr[-3000:]
    return stdout


def dump_dom(tmp_path: Path, page: Path) -> str:
    """The page's DOM after loading (scripts, if any, have run)."""
    return run_chromium(tmp_path, page, "--dump-dom")


def title_of(dom: str) -> str:
    found = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert found, dom[:500]
    return found.group(1)


def write(tmp_path: Path, name: str, markup: str) -> Path:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def test_dump_dom_shows_when_a_script_runs(tmp_path: Path) -> None:
    """The control: a page whose script does run changes its title in the dumped DOM."""
    page = write(
        tmp_path,
        "control.html",
        "<!DOCTYPE html><html><head><title>unchanged</title></head><body>"
        "<img src=x onerror=\"document.title+=' img-ran'\">"
        "<script>document.title='script-ran'</script></body></html>",
    )
    assert title_of(dump_dom(tmp_path, page)) == "script-ran img-ran"


def test_seed_section_and_diff_render_in_chromium(tmp_path: Path) -> None:
    ledger = pl.load(SEEDS)
    view = ledger.as_of("2007-05-22").section("Principal Investment Strategy")
    diff = ledger.diff("2007-05-21", "2007-05-22")
    page = write(tmp_path, "seeds.html", render.html_page(view, diff, title="Third Avenue"))
    dom = dump_dom(tmp_path, page)
    assert title_of(dom) == "Third Avenue"
    shown = text_of(dom)
    assert "Principal Investment Strategy" in shown
    assert "The Portfolio seeks to achieve its objective by investing at least 80%" in shown
    assert "Filing 000_6de0636f7720f9ef.txt" in shown
    assert "Changes from 2007-05-21, end of day to 2007-05-22, end of day" in shown
    assert "<ins>The Portfolio seeks to achieve its objective" in dom
    assert "<script" not in dom.lower()


@pytest.mark.parametrize("content_security_policy", [False, True], ids=["plain", "csp"])
def test_hostile_filing_runs_no_script_in_chromium(
    tmp_path: Path, content_security_policy: bool
) -> None:
    """Escaping alone keeps the attacks inert (``plain``, as in a notebook); CSP adds a guard."""
    items = hostile_items(hostile_ledger())
    markup = render.html_page(
        *items, title="hostile page", content_security_policy=content_security_policy
    )
    page = write(tmp_path, "hostile.html", markup)
    dom = dump_dom(tmp_path, page)
    assert title_of(dom) == "hostile page"  # no script or onerror handler ran
    inspect(dom)  # the live DOM holds only the renderer's tags and attributes
    lowered = dom.lower()
    for tag in ("<script", "<img", "<a ", "<iframe", "<b>"):
        assert tag not in lowered
    shown = text_of(dom)
    for payload in PAYLOADS:
        assert payload in shown  # every attack is visible as text


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the inflated scanlines of a PNG (enough to tell blank from drawn)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width = height = 0
    chunks = []
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def test_screenshot_of_a_rendered_page_is_a_drawn_png(tmp_path: Path) -> None:
    ledger = pl.load(SEEDS)
    snapshot = ledger.as_of("2006-12-21")
    page = write(
        tmp_path,
        "screenshot.html",
        render.html_page(
            ledger.as_of("2007-05-22").section("Principal Investment Strategy"),
            snapshot.section("MANAGEMENT -- The Advisers -- Dreman Value Management, LLC"),
            ledger.timeline(),
            title="screenshot",
        ),
    )
    picture = tmp_path / "page.png"
    run_chromium(tmp_path, page, f"--screenshot={picture}", "--window-size=1200,900")
    data = picture.read_bytes()
    assert len(data) > 10_000
    width, height, pixels = png_pixels(data)
    assert (width, height) == (1200, 900)
    # A blank page inflates to a handful of byte values; text and rules give many.
    assert len(set(pixels)) > 64
