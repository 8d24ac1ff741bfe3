"""HTML and Markdown views of the ledger's answers, for Jupyter and for reports.

Every function here is pure: it reads the value it is given and returns a
string.  :class:`~prospectus_ledger.SectionView`,
:class:`~prospectus_ledger.Snapshot`, :class:`~prospectus_ledger.History`,
:class:`~prospectus_ledger.LedgerDiff` and :class:`~prospectus_ledger.Timeline`
use them for ``_repr_html_`` and ``_repr_markdown_``, so a notebook shows them
as formatted text; :func:`problems_html` renders ``ledger.problems()``.

All text that comes from a filing (and every heading, file name or URL) is
escaped, so a filing holding ``<script>``, event-handler attributes or
``javascript:`` links renders as inert text.  The HTML carries no script and
no link; Markdown output escapes what Markdown (and Jupyter's maths) would
interpret, pipes in tables included::

    >>> import prospectus_ledger as pl
    >>> from prospectus_ledger import render
    >>> view = pl.load("seeds/").as_of("2007-05-22").section("Principal Investment Strategy")
    >>> "<h3>Principal Investment Strategy</h3>" in render.section_html(view)
    True
    >>> render.section_markdown(view).splitlines()[2]
    '### Principal Investment Strategy'

The DataFrames behind ``to_dataframe()`` are built in :mod:`._frames`.
"""

from __future__ import annotations

from ._views import (
    Renderable,
    diff_html,
    diff_markdown,
    history_html,
    history_markdown,
    html_page,
    problems_html,
    problems_markdown,
    section_html,
    section_markdown,
    snapshot_html,
    snapshot_markdown,
    timeline_html,
    timeline_markdown,
    to_html,
    to_markdown,
)

__all__ = [
    "Renderable",
    "diff_html",
    "diff_markdown",
    "history_html",
    "history_markdown",
    "html_page",
    "problems_html",
    "problems_markdown",
    "section_html",
    "section_markdown",
    "snapshot_html",
    "snapshot_markdown",
    "timeline_html",
    "timeline_markdown",
    "to_html",
    "to_markdown",
]
