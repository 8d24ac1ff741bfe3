"""What changed between two instants: sections added, removed and changed, with redlines."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, Literal

import attrs

from ._text import heading_key, words
from .snapshot import SectionView, Snapshot

__all__ = ["LedgerDiff", "RedlineSegment", "SectionChange", "diff_snapshots", "redline"]


@attrs.frozen
class RedlineSegment:
    """A run of words that is unchanged, inserted or deleted."""

    kind: Literal["equal", "insert", "delete"]
    text: str


def redline(before: str, after: str) -> tuple[RedlineSegment, ...]:
    """A word-level redline from ``before`` to ``after``.

    Joining the ``equal`` and ``delete`` segments gives ``before``'s words;
    joining ``equal`` and ``insert`` gives ``after``'s.
    """
    old, new = words(before), words(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    segments: list[RedlineSegment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(RedlineSegment("equal", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(RedlineSegment("delete", " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(RedlineSegment("insert", " ".join(new[j1:j2])))
    return tuple(segments)


@attrs.frozen
class SectionChange:
    """A section whose text differs between the two instants."""

    before: SectionView
    after: SectionView
    redline: tuple[RedlineSegment, ...]

    @property
    def path(self) -> tuple[str, ...]:
        """The section's heading path (as of the later instant)."""
        return self.after.path


@attrs.frozen
class LedgerDiff:
    """Sections added, removed and changed from one snapshot to another."""

    before: Snapshot
    after: Snapshot
    added: tuple[SectionView, ...]
    removed: tuple[SectionView, ...]
    changed: tuple[SectionChange, ...]
    unknown: tuple[SectionView, ...] = ()
    """Sections of the earlier instant whose text at the later one is not known (its
    edition is known only from supplements): neither removed nor changed."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_dataframe(self) -> Any:
        """One row per section added, removed or changed, with its text before and
        after (pandas, from the ``notebook`` extra)."""
        from .render._frames import diff_frame

        return diff_frame(self)

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import diff_html

        return diff_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import diff_markdown

        return diff_markdown(self)


def _key(view: SectionView) -> str:
    # Names match as headings do: an edition printing "EXAMPLE TRUST" where the last
    # printed "Example Trust" holds the same sections.
    portfolio = heading_key(view.portfolio) if view.portfolio else "*"
    return " | ".join(
        (
            view.document.value,
            heading_key(view.registrant or ""),
            portfolio,
            " -- ".join(heading_key(part) for part in view.path),
        )
    )


def _index(views: Sequence[SectionView]) -> dict[str, SectionView]:
    return {_key(view): view for view in views}


def diff_snapshots(before: Snapshot, after: Snapshot) -> LedgerDiff:
    """Compare two snapshots section by section (DeepDiff on their texts).

    Each section is compared on its own text (its blocks), so a change deep in
    the tree is reported once, for the section that changed, not again for
    every ancestor.
    """
    old = _index(before.sections())
    new = _index(after.sections())
    texts_old = {key: view.section.own_text for key, view in old.items()}
    texts_new = {key: view.section.own_text for key, view in new.items()}
    # Wrapping the dicts keeps every reported path one level down: DeepDiff
    # reports an empty dict against a full one as a change of the root itself.
    from deepdiff import DeepDiff  # with pandas when installed: imported only to diff

    delta = DeepDiff({"sections": texts_old}, {"sections": texts_new}, view="tree")

    def keys(report: str) -> list[str]:
        found = {leaf.path(output_format="list")[1] for leaf in delta.get(report, ())}
        return sorted(found)

    added, removed, changed = keys("dictionary_item_added"), keys("dictionary_item_removed"), []
    for leaf in delta.get("values_changed", ()):
        path = leaf.path(output_format="list")
        if len(path) == 1:  # one side had no sections at all
            added, removed = (
                sorted(set(texts_new) - set(texts_old)),
                sorted(set(texts_old) - set(texts_new)),
            )
        else:
            changed.append(path[1])
    # Text that is merely unknown later is never shown as deleted: a section whose own
    # text the later instant does not know, or that a later edition known only from
    # supplements does not hold, is "unknown", not changed or removed.
    unknown = [key for key in changed if new[key].partial and texts_new[key] == ""]
    unknown += [key for key in removed if _unknown_later(old[key], after)]
    changed = sorted(key for key in changed if key not in unknown)
    removed = [key for key in removed if key not in unknown]
    return LedgerDiff(
        before=before,
        after=after,
        added=tuple(new[key] for key in added),
        removed=tuple(old[key] for key in removed),
        changed=tuple(
            SectionChange(old[key], new[key], redline(texts_old[key], texts_new[key]))
            for key in changed
        ),
        unknown=tuple(old[key] for key in sorted(unknown)),
    )


def _unknown_later(view: SectionView, after: Snapshot) -> bool:
    """Whether the later snapshot holds the view's document only as an edition known
    from supplements (whose other sections' text is unknown)."""
    return any(
        not document.complete
        and document.kind is view.document
        and heading_key(document.registrant or "") == heading_key(view.registrant or "")
        for document in after.documents()
    )
