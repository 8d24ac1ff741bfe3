"""Every version a section has had, with its validity interval and provenance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pendulum

from .provenance import Provenance
from .tree import DocumentKind, Section

__all__ = ["History", "SectionVersion"]


@attrs.frozen
class SectionVersion:
    """One version of a section.

    Attributes:
        section: the section as it read.
        path: its full heading path.
        document: the kind of document.
        edition: the edition's name.
        portfolio: the portfolio whose part holds it, ``None`` if shared.
        valid_from: the instant this version took effect.
        valid_to: the instant the next version (or a new edition, or a
            deletion) took over; ``None`` while it is still in force.
        provenance: where this version's text came from (``None`` for a
            placeholder whose own text is unknown).
    """

    section: Section
    path: tuple[str, ...]
    document: DocumentKind
    edition: str
    portfolio: str | None
    valid_from: pendulum.DateTime
    valid_to: pendulum.DateTime | None
    provenance: Provenance | None

    @property
    def text(self) -> str:
        """The version's plain text."""
        return self.section.text

    def contains(self, when: pendulum.DateTime) -> bool:
        """Whether this version is the one in force at ``when``."""
        return self.valid_from <= when and (self.valid_to is None or when < self.valid_to)


@attrs.frozen
class History:
    """The versions of one section, oldest first; iterable and indexable.

    Attributes:
        path: the heading path that was asked for.
        versions: the versions, by ``valid_from``.
    """

    path: tuple[str, ...]
    versions: tuple[SectionVersion, ...]

    def __iter__(self) -> Iterator[SectionVersion]:
        return iter(self.versions)

    def __len__(self) -> int:
        return len(self.versions)

    def __getitem__(self, index: int) -> SectionVersion:
        return self.versions[index]

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import history_html

        return history_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import history_markdown

        return history_markdown(self)

    def to_dataframe(self) -> Any:
        """One row per version, as a pandas ``DataFrame`` (needs the ``notebook`` extra).

        Columns: ``valid_from`` and ``valid_to`` (New York datetimes, ``NaT``
        while in force), ``path``, ``document``, ``edition``, ``portfolio``,
        ``source``, ``words``, ``effective``, ``known_at``, ``illustrative``,
        ``partial`` and ``text``.

        Raises:
            ModuleNotFoundError: when pandas is not installed.
        """
        from .render._frames import history_frame

        return history_frame(self)
