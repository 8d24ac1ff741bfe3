"""The exceptions raised by prospectus-ledger.

Every error the library raises derives from :class:`ProspectusLedgerError`, so a
caller can catch that one class.  Each subclass is named after the failure and
keeps the offending value as attributes; its message says what was expected and
what arrived.  Lookup failures also derive from :class:`LookupError` and input
failures from :class:`ValueError`, so code written against the built-in
exceptions keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousSectionError",
    "BlockNotFoundError",
    "EditionNotFoundError",
    "InvalidDateError",
    "InvalidFilingError",
    "InvalidLedgerDataError",
    "InvalidManifestError",
    "NoTextKnownError",
    "ProspectusLedgerError",
    "SectionNotFoundError",
    "StoreError",
    "TextNotFoundError",
    "UnknownScopeError",
]


class ProspectusLedgerError(Exception):
    """Base class of every error raised by prospectus-ledger."""


class InvalidDateError(ProspectusLedgerError, ValueError):
    """A date or instant could not be understood.

    Attributes:
        value: what arrived (e.g. ``"2007-02-30"`` or ``"yesterday"``).
        expected: a description of the accepted forms.
    """

    def __init__(self, value: object, expected: str, *, reason: str | None = None) -> None:
        self.value = value
        self.expected = expected
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        super().__init__(f"expected {expected}, got {value!r}{detail}")


class InvalidFilingError(ProspectusLedgerError, ValueError):
    """A filing could not be read: empty, binary, too large, or not a filing at all.

    Attributes:
        file: the file name or source the data came from (``None`` when unnamed).
        line: the 1-based line where the problem was found, when there is one.
        problem: what was wrong.
    """

    def __init__(self, file: str | None, problem: str, *, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = file or "<data>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {problem}")


class InvalidLedgerDataError(ProspectusLedgerError, ValueError):
    """Serialised ledger data (JSON export, fixture) did not have the expected shape.

    Attributes:
        file: where the data came from, when known.
        path: the location inside the data (e.g. ``"supplements[3].amendments[0]"``).
        problem: what was wrong.
    """

    def __init__(self, problem: str, *, file: str | None = None, path: str | None = None) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        where = ", ".join(part for part in (file, path) if part)
        super().__init__(f"{where}: {problem}" if where else problem)


class InvalidManifestError(ProspectusLedgerError, ValueError):
    """A manifest of filings (CSV, JSON Lines or an EDGAR index) could not be read.

    Attributes:
        file: the manifest's path.
        line: the 1-based line where the problem was found, when there is one.
        problem: what was wrong.
    """

    def __init__(self, file: str, problem: str, *, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = file if line is None else f"{file}, line {line}"
        super().__init__(f"manifest {where}: {problem}")


class StoreError(ProspectusLedgerError):
    """A store file could not be used: not a store, damaged, or from a newer version.

    Attributes:
        file: the store's path (``None`` when not known at the place of failure).
        problem: what was wrong.
    """

    def __init__(self, file: str | None, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}" if file else problem)


class SectionNotFoundError(ProspectusLedgerError, LookupError):
    """No section matches a heading path in the requested scope.

    Attributes:
        path: the heading path that was asked for, outermost first.
        when: the instant of the query (``None`` when the lookup was not timed).
        scope: a description of the scope searched (documents, portfolio).
        closest: the existing headings most like the request, best first.
    """

    def __init__(
        self,
        path: Sequence[str],
        *,
        when: object = None,
        scope: str = "",
        closest: Sequence[str] = (),
        detail: str | None = None,
    ) -> None:
        self.path = tuple(path)
        self.when = when
        self.scope = scope
        self.closest = tuple(closest)
        self.detail = detail
        super().__init__(self._message())

    def _message(self) -> str:
        if not any(part.strip() for part in self.path):
            return (
                "expected a heading path such as 'Principal Risks' or "
                "'MANAGEMENT -- The Advisers', got ''"
            )
        parts = [f"no section {' -- '.join(self.path)!r}"]
        if self.scope:
            parts.append(f"in {self.scope}")
        if self.when is not None:
            parts.append(f"as of {self.when}")
        message = " ".join(parts)
        if self.detail:
            message += f"; {self.detail}"
        if self.closest:
            message += "; closest headings: " + "; ".join(repr(c) for c in self.closest)
        return message


class NoTextKnownError(SectionNotFoundError):
    """The section exists in the ledger, but no text of it is known at the instant asked.

    This happens when no base edition is loaded and the first supplement that
    gives the section's text takes effect later than the query.

    Attributes:
        first_known: the first instant from which the section's text is known.
    """

    def __init__(
        self,
        path: Sequence[str],
        *,
        when: object,
        first_known: object,
        scope: str = "",
        detail: str | None = None,
    ) -> None:
        self.first_known = first_known
        super().__init__(path, when=when, scope=scope, detail=detail)

    def _message(self) -> str:
        message = (
            f"no text is known for {' -- '.join(self.path)!r} as of {self.when}; "
            f"the first known text takes effect {self.first_known}"
        )
        if self.scope:
            message += f" ({self.scope})"
        if self.detail:
            message += f"; {self.detail}"
        return message


class AmbiguousSectionError(ProspectusLedgerError, LookupError):
    """A heading path matches several sections; the query must be scoped.

    Attributes:
        path: the heading path that was asked for.
        candidates: a description of every matching section.
    """

    def __init__(self, path: Sequence[str], candidates: Sequence[str], *, hint: str = "") -> None:
        self.path = tuple(path)
        self.candidates = tuple(candidates)
        super().__init__(
            self.describe(hint or "scope the query with .portfolio(name) or .document(kind)")
        )

    def describe(self, advice: str) -> str:
        """The message, ending with ``advice`` on how to scope the question (the command
        line gives its own options)."""
        listing = "; ".join(self.candidates)
        return (
            f"{' -- '.join(self.path)!r} matches {len(self.candidates)} sections: {listing}; "
            f"{advice}"
        )


class UnknownScopeError(ProspectusLedgerError, LookupError):
    """A portfolio or document scope names nothing the ledger holds.

    Attributes:
        kind: ``"portfolio"`` or ``"document"``.
        value: the name that was asked for.
        known: the names that do exist.
    """

    def __init__(self, kind: str, value: str, known: Sequence[str]) -> None:
        self.kind = kind
        self.value = value
        self.known = tuple(known)
        choices = ", ".join(repr(k) for k in self.known) or "none"
        also = " (or a series ID, class ID or ticker of one)" if kind == "portfolio" else ""
        super().__init__(f"no {kind} {value!r} in this ledger; expected one of: {choices}{also}")


class EditionNotFoundError(ProspectusLedgerError, LookupError):
    """No edition of a document is in force at the instant asked.

    Attributes:
        when: the instant of the query.
        scope: a description of what was searched.
    """

    def __init__(self, when: object, scope: str) -> None:
        self.when = when
        self.scope = scope
        what = f"edition of {scope}" if scope else "document"
        super().__init__(f"no {what} is in force as of {when}")


class BlockNotFoundError(ProspectusLedgerError, LookupError):
    """An operation named a paragraph, bullet, table or sentence that the section does not have.

    Attributes:
        path: the section's heading path.
        locator: a description of the block that was asked for.
        available: how many blocks of that kind the section has.
    """

    def __init__(self, path: Sequence[str], locator: str, available: int) -> None:
        self.path = tuple(path)
        self.locator = locator
        self.available = available
        super().__init__(
            f"section {' -- '.join(self.path)!r} has no {locator} "
            f"(it has {available} such block{'s' if available != 1 else ''})"
        )


class TextNotFoundError(ProspectusLedgerError, LookupError):
    """Quoted text that an operation needs does not occur in its scope.

    Attributes:
        text: the text that was looked for.
        scope: a description of where it was looked for.
    """

    def __init__(self, text: str, scope: str) -> None:
        self.text = text
        self.scope = scope
        super().__init__(f"text {text!r} does not occur in {scope}")
