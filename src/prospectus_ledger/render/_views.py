"""The view functions :mod:`prospectus_ledger.render` exports (see its docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias, TypeGuard

from ..diff import LedgerDiff
from ..history import History
from ..snapshot import SectionView, Snapshot
from ..timeline import Problem, Timeline
from . import _html as _render_html
from . import _markdown as _render_markdown
from . import _markup as _render_markup

# What the package exports is listed once, in its __init__.

Renderable: TypeAlias = SectionView | Snapshot | History | LedgerDiff | Timeline | Sequence[Problem]
"""What the renderers accept; a sequence stands for ``ledger.problems()``."""


def section_html(view: SectionView) -> str:
    """A section as HTML: heading, paragraphs, bullet lists, tables, sub-sections, provenance."""
    return _render_html.section_html(view)


def section_markdown(view: SectionView) -> str:
    """A section as Markdown, with the same parts as :func:`section_html`."""
    return _render_markdown.section_markdown(view)


def snapshot_html(snapshot: Snapshot) -> str:
    """The documents in force at a snapshot's instant, with their section outlines, as HTML."""
    return _render_html.snapshot_html(snapshot)


def snapshot_markdown(snapshot: Snapshot) -> str:
    """The documents in force at a snapshot's instant, with their section outlines, as Markdown."""
    return _render_markdown.snapshot_markdown(snapshot)


def history_html(history: History) -> str:
    """A section's versions as an HTML table: valid from / to, filing, edition, text excerpt."""
    return _render_html.history_html(history)


def history_markdown(history: History) -> str:
    """A section's versions as a Markdown table."""
    return _render_markdown.history_markdown(history)


def diff_html(diff: LedgerDiff) -> str:
    """Sections added, removed and changed, as HTML; redlines use ``<ins>`` and ``<del>``."""
    return _render_html.diff_html(diff)


def diff_markdown(diff: LedgerDiff) -> str:
    """Sections added, removed and changed, as Markdown; redlines use ``<ins>`` and ``<del>``."""
    return _render_markdown.diff_markdown(diff)


def timeline_html(timeline: Timeline) -> str:
    """Every amendment as an HTML table: effective, action, target, status, filing, reason."""
    return _render_html.timeline_html(timeline)


def timeline_markdown(timeline: Timeline) -> str:
    """Every amendment as a Markdown table."""
    return _render_markdown.timeline_markdown(timeline)


def problems_html(problems: Sequence[Problem]) -> str:
    """``ledger.problems()`` as an HTML list: kind, reason, filing, place, the words."""
    return _render_html.problems_html(problems)


def problems_markdown(problems: Sequence[Problem]) -> str:
    """``ledger.problems()`` as a Markdown list."""
    return _render_markdown.problems_markdown(problems)


def _is_problems(item: object) -> TypeGuard[Sequence[Problem]]:
    return (
        isinstance(item, Sequence)
        and not isinstance(item, str)
        and all(isinstance(problem, Problem) for problem in item)
    )


def _fragment(item: Renderable) -> _render_markup.Markup:
    if isinstance(item, SectionView):
        return _render_html.section_html(item)
    if isinstance(item, Snapshot):
        return _render_html.snapshot_html(item)
    if isinstance(item, History):
        return _render_html.history_html(item)
    if isinstance(item, LedgerDiff):
        return _render_html.diff_html(item)
    if isinstance(item, Timeline):
        return _render_html.timeline_html(item)
    if _is_problems(item):
        return _render_html.problems_html(item)
    raise TypeError(f"cannot render {type(item).__name__} as HTML")


def to_html(item: Renderable) -> str:
    """Any renderable value as an HTML fragment.

    Raises:
        TypeError: for a value the renderers do not know.
    """
    return _fragment(item)


def to_markdown(item: Renderable) -> str:
    """Any renderable value as Markdown.

    Raises:
        TypeError: for a value the renderers do not know.
    """
    if isinstance(item, SectionView):
        return _render_markdown.section_markdown(item)
    if isinstance(item, Snapshot):
        return _render_markdown.snapshot_markdown(item)
    if isinstance(item, History):
        return _render_markdown.history_markdown(item)
    if isinstance(item, LedgerDiff):
        return _render_markdown.diff_markdown(item)
    if isinstance(item, Timeline):
        return _render_markdown.timeline_markdown(item)
    if _is_problems(item):
        return _render_markdown.problems_markdown(item)
    raise TypeError(f"cannot render {type(item).__name__} as Markdown")


def html_page(
    *items: Renderable, title: str = "prospectus-ledger", content_security_policy: bool = True
) -> str:
    """A standalone HTML document showing ``items`` one after another.

    With ``content_security_policy`` (the default) the page also forbids every
    script and remote load through a ``Content-Security-Policy``, a second
    guard after escaping, for pages saved and opened outside a notebook.

    Raises:
        TypeError: for a value the renderers do not know.
    """
    return _render_markup.page_html(
        title,
        [_fragment(item) for item in items],
        content_security_policy=content_security_policy,
    )
