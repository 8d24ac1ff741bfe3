"""Base editions written by hand as Markdown, for users without a 485BPOS filing.

A Markdown base starts with YAML front matter, then the document::

    ---
    registrant: Example Trust
    kind: prospectus
    date: 2020-05-01
    portfolios: [Example Fund]
    illustrative: true
    ---
    # Example Fund
    ## Principal Investment Strategy
    The Fund invests in ...

* ``#`` headings become sections, nested by level; paragraphs, ``-`` or ``*``
  bullet lists and pipe tables become blocks, kept as paragraphs, bullet items
  and rows of cells.
* A heading that names one of the front matter's ``portfolios`` holds that
  portfolio's part of the document.
* ``illustrative: true`` marks text written for a demo or a test: answers drawn
  from it say so in their provenance.  Leave it out only for text copied from
  a real filing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ._text import heading_key
from .errors import InvalidFilingError, ProspectusLedgerError
from .instants import parse_date
from .provenance import Source
from .tree import Block, BulletList, Document, DocumentKind, Paragraph, Section, Table, block_text

__all__ = ["read_markdown", "write_markdown"]

_FRONT_MATTER_KEYS = {"registrant", "kind", "date", "portfolios", "illustrative"}
_FRONT_MATTER_DEPTH = 20  # front matter needs two levels; a list of lists at most


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and deep nesting.

    An alias bomb (anchors of lists of aliases of anchors ...) expands a few hundred
    bytes into gigabytes, and nesting thousands deep overflows Python's stack; front
    matter needs neither.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed in front matter; write the value out",
                self._mark(),
            )
        if self._depth >= _FRONT_MATTER_DEPTH:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"front matter nested more than {_FRONT_MATTER_DEPTH} levels deep",
                self._mark(),
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _mark(self) -> yaml.Mark:
        return self.peek_event().start_mark  # type: ignore[no-untyped-call,no-any-return]


def _load_front_matter(text: str) -> Any:
    """The front matter's values (as ``yaml.safe_load`` reads them, with the limits
    of :class:`_FrontMatterLoader`)."""
    loader = _FrontMatterLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _split_front_matter(text: str, file: str | None) -> tuple[dict[str, Any], str, int]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise InvalidFilingError(
            file, "expected YAML front matter between '---' lines at the top", line=1
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            try:
                meta = _load_front_matter("\n".join(lines[1 : number - 1])) or {}
            except (yaml.YAMLError, ValueError, RecursionError) as error:
                # PyYAML raises ValueError for dates that do not exist (2020-02-30).
                # The place is given as the file's line, not the front matter's.
                mark = getattr(error, "problem_mark", None)
                problem = getattr(error, "problem", None) or str(error)
                raise InvalidFilingError(
                    file,
                    f"front matter is not valid YAML: {problem}",
                    line=2 + mark.line if mark is not None else 2,
                ) from error
            if not isinstance(meta, dict):
                raise InvalidFilingError(
                    file, "front matter must be a mapping of keys to values", line=2
                )
            return meta, "\n".join(lines[number:]), number
    raise InvalidFilingError(file, "front matter is not closed by a '---' line", line=1)


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
    return "".join(parts)


@attrs.define
class _Builder:
    """Turns the token stream into nested sections."""

    portfolios: dict[str, str]
    top: list[Section] = attrs.field(factory=list)
    stack: list[tuple[int, Section]] = attrs.field(factory=list)
    loose: list[Block] = attrs.field(factory=list)

    def heading(self, level: int, text: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self._close()
        portfolio = self.portfolios.get(heading_key(text))
        self.stack.append((level, Section(text, portfolio=portfolio)))

    def block(self, block: Block) -> None:
        if not self.stack:
            self.loose.append(block)
            return
        level, section = self.stack[-1]
        self.stack[-1] = (level, attrs.evolve(section, blocks=(*section.blocks, block)))

    def _close(self) -> None:
        _, section = self.stack.pop()
        if self.stack:
            level, parent = self.stack[-1]
            self.stack[-1] = (level, attrs.evolve(parent, children=(*parent.children, section)))
        else:
            self.top.append(section)

    def finish(self) -> list[Section]:
        while self.stack:
            self._close()
        return self.top


def _tokens_to_sections(
    tokens: Sequence[Token], portfolios: dict[str, str], file: str | None, offset: int
) -> list[Section]:
    builder = _Builder(portfolios)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            builder.heading(int(token.tag[1:]), _inline_text(tokens[index + 1]))
            index += 3
        elif token.type == "paragraph_open":
            builder.block(Paragraph(_inline_text(tokens[index + 1])))
            index += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            closing = token.type.replace("_open", "_close")
            items: list[str] = []
            depth = 0
            while index < len(tokens):
                current = tokens[index]
                depth += current.nesting if current.type in (token.type, closing) else 0
                if current.type == "inline":
                    items.append(_inline_text(current))
                index += 1
                if current.type == closing and depth == 0:
                    break
            builder.block(BulletList(items))
        elif token.type == "table_open":
            rows: list[list[str]] = []
            while tokens[index].type != "table_close":
                current = tokens[index]
                if current.type == "tr_open":
                    rows.append([])
                elif current.type == "inline":
                    rows[-1].append(_inline_text(current))
                index += 1
            builder.block(Table(rows))
            index += 1
        elif token.type in ("fence", "code_block"):
            builder.block(Paragraph(token.content))
            index += 1
        else:
            index += 1
    if builder.loose:
        line = offset + 1
        raise InvalidFilingError(
            file, "text before the first '#' heading belongs to no section", line=line
        )
    return builder.finish()


def read_markdown(text: str | bytes, source: Source | None = None) -> Document:
    """Read a hand-written Markdown base edition (see the module docstring).

    Raises:
        InvalidFilingError: for missing or invalid front matter (unknown keys,
            a kind or date that cannot be read), naming the file and line.
    """
    file = source.name if source else None
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidFilingError(file, f"Markdown must be UTF-8: {error}") from error
    meta, body, offset = _split_front_matter(text, file)
    unknown = set(meta) - _FRONT_MATTER_KEYS
    if unknown:
        raise InvalidFilingError(
            file,
            f"unknown front matter keys {sorted(unknown)}; "
            f"expected some of {sorted(_FRONT_MATTER_KEYS)}",
            line=2,
        )
    try:
        kind = DocumentKind.parse(str(meta.get("kind", "prospectus")))
        date = parse_date(str(meta["date"])) if meta.get("date") is not None else None
    except ProspectusLedgerError as error:
        raise InvalidFilingError(file, f"front matter: {error}", line=2) from error
    portfolios = meta.get("portfolios") or []
    if isinstance(portfolios, str):
        portfolios = [portfolios]
    if not isinstance(portfolios, list) or not all(isinstance(p, str) for p in portfolios):
        raise InvalidFilingError(file, "front matter 'portfolios' must be a list of names", line=2)
    illustrative = meta.get("illustrative", False)
    if not isinstance(illustrative, bool):
        raise InvalidFilingError(file, "front matter 'illustrative' must be true or false", line=2)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    sections = _tokens_to_sections(tokens, {heading_key(p): p for p in portfolios}, file, offset)
    registrant = meta.get("registrant")
    return Document(
        kind=kind,
        registrant=str(registrant) if registrant is not None else None,
        date=date,
        portfolios=tuple(portfolios),
        sections=tuple(sections),
        complete=True,
        illustrative=illustrative,
        source=source,
    )


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _write_section(section: Section, level: int, lines: list[str]) -> None:
    lines += ["#" * min(level, 6) + " " + section.heading, ""]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, BulletList):
            lines += [f"- {item}" for item in block.items] + [""]
        elif block.rows:
            width = max(len(row) for row in block.rows)
            rows = [list(row) + [""] * (width - len(row)) for row in block.rows]
            lines.append("| " + " | ".join(_escape_cell(c) for c in rows[0]) + " |")
            lines.append("|" + "---|" * width)
            lines += ["| " + " | ".join(_escape_cell(c) for c in row) + " |" for row in rows[1:]]
            lines.append("")
        else:
            lines += [block_text(block), ""]
    for child in section.children:
        _write_section(child, level + 1, lines)


def write_markdown(document: Document) -> str:
    """Write a document as a Markdown base that :func:`read_markdown` reads back."""
    meta: dict[str, Any] = {
        "registrant": document.registrant,
        "kind": document.kind.value,
        "date": document.date.to_date_string() if document.date else None,
        "portfolios": list(document.portfolios),
        "illustrative": document.illustrative,
    }
    lines = ["---", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip(), "---", ""]
    for section in document.sections:
        _write_section(section, 1, lines)
    return "\n".join(lines).rstrip("\n") + "\n"
