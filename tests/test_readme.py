"""The README's quickstart command prints exactly the output the README shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quickstart_output_matches_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"It prints \(real output\):\n\n```text\n(.*?)\n```", readme, re.DOTALL)
    assert shown is not None, "the README lost its quickstart output block"
    result = subprocess.run(
        [sys.executable, "examples/quickstart.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.rstrip("\n") == shown.group(1)
    assert "The Portfolio seeks to achieve its objective" in result.stdout
    assert "NoTextKnownError: no text is known for 'Principal Investment Strategy'" in result.stdout


def test_readme_gives_one_install_one_quickstart_and_one_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install -e '.[dev]'" in readme
    assert "python examples/quickstart.py" in readme
    assert "python -m pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[dev]'" in ci
    assert "\npython -m pytest\n" in ci
