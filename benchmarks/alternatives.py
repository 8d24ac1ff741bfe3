"""The obvious ways to answer "what did this section say on day D", without the ledger.

Each alternative is built once from a :class:`synthetic.Synthetic` (not timed;
the build time is reported) and answers ``answer(day, portfolio, section)``
with the section's text (paragraphs separated by blank lines), the same
string as ``ledger.as_of(day).section((portfolio, section)).text``.

* :class:`NaiveReplay`: ``copy.deepcopy`` the base document, apply every
  operation effective by the end of ``day`` in order, look the section up.
* :class:`PlainReplay`: the same replay on plain Python lists (one list of
  paragraph strings per section) with hand-written operations: what someone
  would write without the library's tree.
* :class:`DeltaReplay`: one ``deepdiff.Delta`` per supplement between
  consecutive JSON states, applied in order to a copy of the base JSON.
* :class:`GitHistory`: a git repository with one commit per effective date
  and one file per section, asked with ``git rev-list -1 --before`` and
  ``git show``.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from deepdiff import DeepDiff, Delta
from synthetic import Synthetic

import prospectus_ledger as pl
from prospectus_ledger.instants import end_of_day, start_of_day

GIT = shutil.which("git") or "git"
JsonState = dict[str, dict[str, list[str]]]
_GIT_OPTIONS = [
    *("-c", "user.name=bench", "-c", "user.email=bench@example.invalid"),
    *("-c", "maintenance.auto=false", "-c", "core.fsync=none"),
]


def _text(paragraphs: list[str] | tuple[str, ...]) -> str:
    return "\n\n".join(paragraphs)


class NaiveReplay:
    """Deep-copy the base document and apply every operation effective by the date."""

    name = "naive replay (deepcopy + apply)"

    def __init__(self, synthetic: Synthetic) -> None:
        self.base = synthetic.base
        self.instants = [step.effective for step in synthetic.steps]
        self.operations = [step.operation for step in synthetic.steps]

    def answer(self, day: dt.date, portfolio: str, section: str) -> str:
        """The section's text at the end of ``day``."""
        document = copy.deepcopy(self.base)
        for operation in self.operations[: bisect.bisect_right(self.instants, end_of_day(day))]:
            document = operation.apply(document)
        part = next(s for s in document.sections if s.portfolio == portfolio)
        return next(child for child in part.children if child.heading == section).text


def _plain_apply(operation: pl.Operation, state: dict[tuple[str, str], list[str]]) -> None:
    """Apply one of the generated operations to a section's list of paragraph strings."""
    target = operation.target
    if target is None:  # pragma: no cover - every generated operation has a target
        raise TypeError(f"{operation!r} has no target")
    paragraphs = state[(target.portfolio or "", target.path[-1])]
    if isinstance(operation, pl.ReplaceBlock):
        paragraphs[(operation.locator.ordinal or 1) - 1] = operation.text
    elif isinstance(operation, pl.InsertBlocks):
        at = 0 if operation.position == "start" else len(paragraphs)
        paragraphs[at:at] = [block.text for block in operation.blocks]  # type: ignore[union-attr]
    elif isinstance(operation, pl.SubstituteText):
        paragraphs[:] = [text.replace(operation.old, operation.new) for text in paragraphs]
    elif isinstance(operation, pl.ReplaceSection):
        paragraphs[:] = [block.text for block in operation.blocks]  # type: ignore[union-attr]
    else:  # pragma: no cover - not generated
        raise TypeError(f"{type(operation).__name__} is not generated")


class PlainReplay:
    """Deep-copy a dict of paragraph lists and apply hand-written operations in order."""

    name = "naive replay on plain lists"

    def __init__(self, synthetic: Synthetic) -> None:
        self.base = {key: list(value) for key, value in synthetic.base_sections.items()}
        self.instants = [step.effective for step in synthetic.steps]
        self.operations = [step.operation for step in synthetic.steps]

    def answer(self, day: dt.date, portfolio: str, section: str) -> str:
        """The section's text at the end of ``day``."""
        state = copy.deepcopy(self.base)
        for operation in self.operations[: bisect.bisect_right(self.instants, end_of_day(day))]:
            _plain_apply(operation, state)
        return _text(state[(portfolio, section)])


def base_json(synthetic: Synthetic) -> JsonState:
    """The base edition as JSON: portfolio -> section -> paragraph strings."""
    state: JsonState = {}
    for (portfolio, section), paragraphs in synthetic.base_sections.items():
        state.setdefault(portfolio, {})[section] = list(paragraphs)
    return state


def _deltas(synthetic: Synthetic) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
    """(before, after) of every step, cut down to the one section it changed.

    Consecutive states differ only there, so DeepDiff of the cut-down pair
    gives the same delta as DeepDiff of the whole states (checked by
    :func:`full_state_delta_matches`), at a small fraction of the cost.
    """
    current = dict(synthetic.base_sections)
    for step in synthetic.steps:
        key = (step.portfolio, step.section)
        before: dict[str, object] = {step.portfolio: {step.section: list(current[key])}}
        after: dict[str, object] = {step.portfolio: {step.section: list(step.paragraphs)}}
        current[key] = step.paragraphs
        yield before, after


class DeltaReplay:
    """One ``deepdiff.Delta`` per supplement, applied in order to a copy of the base JSON."""

    name = "deepdiff Delta replay"

    def __init__(self, synthetic: Synthetic) -> None:
        self.base = base_json(synthetic)
        self.instants = [step.effective for step in synthetic.steps]
        self.deltas = [
            Delta(DeepDiff(before, after), mutate=True) for before, after in _deltas(synthetic)
        ]

    def answer(self, day: dt.date, portfolio: str, section: str) -> str:
        """The section's text at the end of ``day``."""
        state = copy.deepcopy(self.base)
        for delta in self.deltas[: bisect.bisect_right(self.instants, end_of_day(day))]:
            state = state + delta
        return _text(state[portfolio][section])


def full_state_delta_matches(synthetic: Synthetic, steps: int) -> tuple[bool, float]:
    """Whether the first ``steps`` deltas equal DeepDiffs of whole consecutive states,
    and the mean seconds one whole-state DeepDiff took."""
    import time

    state = base_json(synthetic)
    same = True
    spent = 0.0
    for (before, after), step in zip(_deltas(synthetic), synthetic.steps[:steps], strict=False):
        new = copy.deepcopy(state)
        new[step.portfolio][step.section] = list(step.paragraphs)
        started = time.perf_counter()
        whole = DeepDiff(state, new)
        spent += time.perf_counter() - started
        same = same and whole.to_dict() == DeepDiff(before, after).to_dict()
        state = new
    return same, spent / max(steps, 1)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _git_date(instant: dt.datetime) -> str:
    """Git's internal date format: seconds since 1970 and the UTC offset."""
    offset = instant.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{int(instant.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def git_paths(synthetic: Synthetic) -> dict[tuple[str, str], str]:
    """One file per (portfolio, section): ``<portfolio>/<section>.txt``."""
    return {key: f"{_slug(key[0])}/{_slug(key[1])}.txt" for key in synthetic.base_sections}


def _run_git(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [GIT, *_GIT_OPTIONS, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout


class GitHistory:
    """A git repository: one commit per effective date, one file per section.

    Build one with :meth:`build` (or :func:`build_repository` in another
    process), then ask it with :meth:`answer`.
    """

    name = "git rev-list --before + git show"

    def __init__(self, folder: Path, paths: dict[tuple[str, str], str], commits: int) -> None:
        self.folder = folder
        self.paths = paths
        self.commits = commits

    @classmethod
    def build(
        cls,
        synthetic: Synthetic,
        folder: Path,
        *,
        progress: Callable[[str], None] | None = None,
    ) -> GitHistory:
        """Commit the base, then one commit per effective date, into a new ``folder``.

        Each commit holds the files of the sections changed that day, dated
        (``GIT_AUTHOR_DATE``, ``GIT_COMMITTER_DATE``) at the day's last
        effective instant.  The repository is then packed and given a
        commit-graph, as a kept repository would be.
        """
        history = cls(folder, git_paths(synthetic), 0)
        folder.mkdir(parents=True, exist_ok=True)
        _run_git(folder, "init", "-q", "-b", "main")
        _run_git(folder, "config", "gc.auto", "0")
        history._commit(
            {key: _text(value) for key, value in synthetic.base_sections.items()},
            start_of_day(synthetic.base.date or dt.date(2000, 1, 1)),
        )
        by_day: dict[dt.date, list[int]] = {}
        for number, step in enumerate(synthetic.steps):
            by_day.setdefault(step.effective.date(), []).append(number)
        for count, numbers in enumerate(by_day.values(), start=1):
            steps = [synthetic.steps[number] for number in numbers]
            changed = {(step.portfolio, step.section): _text(step.paragraphs) for step in steps}
            history._commit(changed, steps[-1].effective)
            if progress is not None and count % 500 == 0:
                progress(f"git: {count}/{len(by_day)} commits")
        # Packed without delta search (which takes minutes on 100,000 file versions and
        # only saves disk), and with a commit-graph, which is what speeds up rev-list.
        _run_git(folder, "repack", "-a", "-d", "-q", "--window=0")
        _run_git(folder, "commit-graph", "write", "--reachable")
        return history

    def _commit(self, files: dict[tuple[str, str], str], instant: dt.datetime) -> None:
        for key, text in files.items():
            path = self.folder / self.paths[key]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        _run_git(self.folder, "add", "--", *(self.paths[key] for key in files))
        when = _git_date(instant)
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        message = f"effective {instant.isoformat()}"
        _run_git(self.folder, "commit", "-q", "--no-verify", "-m", message, env=env)
        self.commits += 1

    def answer(self, day: dt.date, portfolio: str, section: str) -> str:
        """The section's file at the last commit dated on or before the end of ``day``."""
        before = _git_date(end_of_day(day).replace(microsecond=0))
        revision = _run_git(self.folder, "rev-list", "-1", f"--before={before}", "HEAD").strip()
        return _run_git(self.folder, "show", f"{revision}:{self.paths[(portfolio, section)]}")

    def close(self) -> None:
        """Delete the repository."""
        shutil.rmtree(self.folder, ignore_errors=True)


def build_repository(size: int, folder: str) -> tuple[int, float]:
    """Build the git repository of :func:`synthetic.generate` ``(size)`` in ``folder``.

    Meant for a worker process, so that the build overlaps the ledger's own
    measurements without sharing its interpreter: the ledger is generated
    again (the same, from the same seed).  Returns the number of commits and
    the seconds the build took (generation excluded).
    """
    import time

    from synthetic import generate

    data = generate(size)
    started = time.perf_counter()
    history = GitHistory.build(data, Path(folder))
    return history.commits, time.perf_counter() - started
