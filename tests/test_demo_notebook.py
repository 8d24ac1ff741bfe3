"""docs/demo.ipynb is what scripts/make_demo_notebook.py builds, and it runs cleanly.

The notebook is executed with nbclient in a ``python3`` kernel that runs this
virtual environment's Python, from ``docs/`` (the notebook loads ``../seeds/``).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NOTEBOOK = DOCS / "demo.ipynb"
SCRIPT = ROOT / "scripts" / "make_demo_notebook.py"
TIMEOUT = 120  # seconds per cell


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_demo_notebook", SCRIPT)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ensure_python3_kernel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Make a ``python3`` kernel spec resolvable, installing one with ipykernel if none is.

    A missing spec is written to a temporary Jupyter data folder (put first on
    ``JUPYTER_PATH``) rather than into the environment.
    """
    try:
        KernelSpecManager().get_kernel_spec("python3")
        return
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    prefix = tmp_path / "jupyter-prefix"
    install(kernel_name="python3", prefix=str(prefix))
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    KernelSpecManager().get_kernel_spec("python3")


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The demo notebook after running every cell, plus a cell reporting the kernel's Python."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        ensure_python3_kernel(monkeypatch, tmp_path_factory.mktemp("kernel"))
        notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
        probe = "import json, sys\nprint(json.dumps({'prefix': sys.prefix}))"
        notebook.cells.append(new_code_cell(probe))  # type: ignore[no-untyped-call]
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=TIMEOUT,
            resources={"metadata": {"path": str(DOCS)}},
        )
        client.execute()
    return notebook


def outputs(notebook: Any) -> list[Any]:
    return [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]


def test_notebook_is_what_the_script_builds() -> None:
    script = load_script()
    assert NOTEBOOK.read_text(encoding="utf-8") == script.render_notebook(), (
        "docs/demo.ipynb is stale: run python scripts/make_demo_notebook.py"
    )
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    nbformat.validate(notebook)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_notebook_runs_without_errors(executed: Any) -> None:
    errors = [output for output in outputs(executed) if output.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None


def test_kernel_runs_this_environments_python(executed: Any) -> None:
    (probe,) = executed.cells[-1].outputs
    assert json.loads(probe.text)["prefix"] == sys.prefix


def test_notebook_shows_section_history_diff_and_timeline(executed: Any) -> None:
    html = "\n".join(
        output.data["text/html"]
        for output in outputs(executed)
        if output.output_type in ("execute_result", "display_data") and "text/html" in output.data
    )
    assert "Third Avenue Small Cap Value Portfolio" in html
    assert "The Portfolio seeks to achieve its objective by investing at least 80%" in html
    assert "<h3>Principal Investment Strategy</h3>" in html
    assert "History of Principal Investment Strategy" in html
    assert "<ins>The Portfolio seeks to achieve its objective" in html
    assert "<h3>Timeline</h3>" in html
    assert "David Dreman" in html
    assert "No problems" in html
    # The DataFrame and the plot.
    assert "2007-05-22 00:00:00-04:00" in html
    images = [o for o in outputs(executed) if "image/png" in o.get("data", {})]
    assert len(images) == 1
    # Every rich view offers Markdown as well.
    assert any("text/markdown" in o.get("data", {}) for o in outputs(executed))


def test_a_missing_python3_kernel_spec_is_installed_for_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = KernelSpecManager.get_kernel_spec
    calls: list[str] = []

    def first_lookup_fails(self: KernelSpecManager, kernel_name: str) -> Any:
        calls.append(kernel_name)
        if len(calls) == 1:
            raise NoSuchKernel(kernel_name)
        return real(self, kernel_name)

    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", first_lookup_fails)
    ensure_python3_kernel(monkeypatch, tmp_path)
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir).is_relative_to(tmp_path)
    assert spec.argv[0] == sys.executable
