"""The notebook views (prospectus_ledger.render): structure of the markup, and escaping.

A filing is untrusted input: its text, headings, file name and URL must reach
HTML and Markdown as text, never as tags, attributes or links.
"""

from __future__ import annotations

import doctest
import re
from html.parser import HTMLParser
from pathlib import Path

import pendulum
import pytest
from markdown_it import MarkdownIt

import prospectus_ledger as pl
from prospectus_ledger import render
from prospectus_ledger.authoring import read_markdown
from prospectus_ledger.render._common import excerpt, instant_text
from prospectus_ledger.render._markdown import md_escape
from prospectus_ledger.render._markup import Markup, element, page_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXAMPLE_BASE = ROOT / "tests" / "fixtures" / "bases" / "example-trust-2020.md"
DREMAN = "MANAGEMENT -- The Advisers -- Dreman Value Management, LLC"

# -- hostile filings ----------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">click me</a>'
# The same attacks, visible to a browser test: they would change the page title.
TITLE_SCRIPT = "<script>document.title='pwned'</script>"
TITLE_IMG = "<img src=x onerror=\"document.title='pwned'\">"
MARKDOWN_LINK = "[click](javascript:alert(1)) ![x](javascript:alert(1))"
HOSTILE = (
    f"Before {SCRIPT} {IMG} {LINK} {TITLE_SCRIPT} {TITLE_IMG} "
    f"{MARKDOWN_LINK} a | pipe, *stars*, $x$ and `code` after."
)
PAYLOADS = (SCRIPT, IMG, LINK, TITLE_SCRIPT, TITLE_IMG)

TRUST = "Hostile <b>Trust</b>"
FUND = f"Fund {IMG}"
RISKS = f"Principal Risks {SCRIPT}"
WHEN = pendulum.datetime(2020, 6, 1, tz="America/New_York")


def hostile_ledger() -> pl.Ledger:
    """A ledger whose every string a filing controls carries an attack.

    An illustrative base edition holds the section; a supplement replaces it
    with hostile paragraphs, bullets, a table and a sub-section, with hostile
    words and file name; a second instruction targets a heading that does not
    exist (a failure with a hostile reason) and a third is a hostile notice.
    """
    base = pl.Document(
        pl.DocumentKind.PROSPECTUS,
        TRUST,
        pendulum.date(2020, 5, 1),
        portfolios=(FUND,),
        sections=[
            pl.Section(
                FUND,
                children=[pl.Section(RISKS, [pl.Paragraph(f"Old risks: {HOSTILE}")])],
                portfolio=FUND,
            )
        ],
        illustrative=True,
        source=pl.Source(name=f"base {SCRIPT}.md", sha256="hostile-base"),
    )
    replacement = pl.ReplaceSection(
        pl.SectionTarget((RISKS,), FUND),
        [
            pl.Paragraph(f"New risks: {HOSTILE}"),
            pl.BulletList([HOSTILE, IMG]),
            pl.Table([["Risk | kind", LINK], [SCRIPT, "$5"]], caption=f"Table {IMG}"),
        ],
        [pl.Section(f"Sub-risk {IMG}", [pl.Paragraph(LINK)])],
    )
    supplement = pl.Supplement(
        TRUST,
        (FUND,),
        (pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(2020, 5, 1)),),
        pendulum.date(2020, 6, 2),
        pl.Source(name=f"evil {SCRIPT}.txt", url="javascript:alert(1)", sha256="hostile"),
        (
            pl.Amendment(
                replacement,
                pl.DocumentKind.PROSPECTUS,
                WHEN,
                "Effective June 1, 2020",
                words=f"Effective June 1, 2020, the following replaces {SCRIPT} {IMG}",
            ),
            pl.Amendment(
                pl.ReplaceSection(
                    pl.SectionTarget((f"Missing {IMG}",), FUND), [pl.Paragraph(HOSTILE)]
                ),
                pl.DocumentKind.PROSPECTUS,
                WHEN,
                words=f"replace {LINK}",
                position=1,
            ),
            pl.Amendment(
                pl.Notice(f"Notice {HOSTILE}"),
                pl.DocumentKind.PROSPECTUS,
                WHEN,
                words=f"Notice {TITLE_SCRIPT}",
                diagnostic=f"not understood: {TITLE_IMG}",
                position=2,
            ),
        ),
    )
    ledger = pl.Ledger()
    ledger.add_document(base)
    ledger.add_supplement(supplement)
    return ledger


def hostile_items(ledger: pl.Ledger) -> list[render.Renderable]:
    """Every view of the hostile ledger: section, snapshot, history, diff, timeline, problems."""
    return [
        ledger.as_of("2020-06-01").section(RISKS),
        ledger.as_of("2020-06-01"),
        ledger.history(RISKS),
        ledger.diff("2020-05-31", "2020-06-01"),
        ledger.timeline(),
        ledger.problems(),
    ]


# -- an HTML inspector -----------------------------------------------------------------

# fmt: off
ALLOWED_TAGS = {
    "html", "head", "title", "meta", "style", "body", "div", "section", "footer", "p", "span",
    "strong", "em", "ul", "li", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "blockquote", "ins", "del", "time",
}
# fmt: on
VOID_TAGS = {"meta"}
INLINE_TAGS = {"span", "strong", "em", "ins", "del", "time"}


class Inspector(HTMLParser):
    """Collects the tags, attributes and text of a piece of HTML, checking nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag not in INLINE_TAGS:
            self.text.append(" ")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()
        if tag not in INLINE_TAGS:
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.open or self.open[-1] != "style":
            self.text.append(data)


def inspect(markup: str) -> Inspector:
    """Parse ``markup``; assert it is balanced and uses only the renderer's tags."""
    inspector = Inspector()
    inspector.feed(markup)
    inspector.close()
    assert not inspector.open, f"unclosed: {inspector.open}"
    assert set(inspector.tags) <= ALLOWED_TAGS, set(inspector.tags) - ALLOWED_TAGS
    names = {name for name, _ in inspector.attributes}
    assert names <= {"class", "datetime", "charset", "http-equiv", "content"}, names
    return inspector


def text_of(markup: str) -> str:
    """The text a browser would show (entities decoded), white space collapsed."""
    return re.sub(r"\s+", " ", "".join(inspect(markup).text)).strip()


def markdown_to_html(markdown: str) -> str:
    """Markdown rendered as Jupyter would (CommonMark, tables, raw HTML allowed)."""
    rendered: str = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return rendered


# -- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> pl.Ledger:
    return pl.load(SEEDS)


@pytest.fixture(scope="module")
def hostile() -> pl.Ledger:
    return hostile_ledger()


@pytest.fixture(scope="module")
def example() -> pl.Ledger:
    """The illustrative example base, with a supplement rewording its strategy."""
    base = read_markdown(EXAMPLE_BASE.read_text(), pl.Source(name=EXAMPLE_BASE.name))
    ledger = pl.Ledger()
    ledger.add_document(base)
    ledger.add_supplement(
        pl.Supplement(
            "Example Trust",
            ("Example Fund",),
            (pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(2020, 5, 1)),),
            pendulum.date(2020, 9, 1),
            pl.Source(name="example-supplement.txt", sha256="example-supplement"),
            (
                pl.Amendment(
                    pl.ReplaceBlock(
                        pl.SectionTarget(("Principal Investment Strategy",), "Example Fund"),
                        pl.BlockLocator("paragraph", 2),
                        [pl.Paragraph("The Fund may invest up to 35% of its assets in bonds.")],
                    ),
                    pl.DocumentKind.PROSPECTUS,
                    pendulum.datetime(2020, 9, 1, 16, tz="America/New_York"),
                    words="Effective at the close of business on September 1, 2020, ...",
                ),
            ),
        )
    )
    return ledger


# -- section views ---------------------------------------------------------------------


def test_section_html_has_heading_paragraphs_and_provenance_footer(seeds: pl.Ledger) -> None:
    view = seeds.as_of("2007-05-22").section("Principal Investment Strategy")
    markup = render.section_html(view)
    inspector = inspect(markup)
    assert "<h3>Principal Investment Strategy</h3>" in markup
    assert inspector.tags.count("p") >= 3 + 1  # three paragraphs and the meta line
    assert "<footer" in markup
    shown = text_of(markup)
    assert "The Portfolio seeks to achieve its objective" in shown
    assert "Filing 000_6de0636f7720f9ef.txt" in shown
    assert "Effective 2007-05-22" in shown
    assert "Known at 2007-05-31" in shown
    assert 'the heading "Principal Investment Strategy" in the prospectuses' in shown
    assert "as of 2007-05-22, end of day" in shown
    assert 'datetime="2007-05-22T00:00:00-04:00"' in markup
    assert "illustrative" not in shown
    assert "<script" not in markup.lower()


def test_section_html_renders_bullet_lists_and_real_tables(seeds: pl.Ledger) -> None:
    snapshot = seeds.as_of("2006-12-21")
    adviser = render.section_html(snapshot.section(DREMAN))
    assert re.search(r"<ul><li>E\. Clifton Hoover, Jr\. is Managing Director", adviser)
    assert "Effective 2006-12-21 16:00 EST" in text_of(adviser)

    appendix = snapshot.document("sai").section(("Appendix C", "Dreman Small-Cap Value Portfolio"))
    markup = render.section_html(appendix)
    inspector = inspect(markup)
    assert inspector.tags.count("table") == 2
    assert "<td>David Dreman</td><td>19</td><td>$15.7 billion</td>" in markup
    assert "<caption>Met Investors Series Trust Dreman Small-Cap Value Portfolio" in markup
    # Every row of a table has as many cells as its widest row.
    first = markup[markup.index("<table") : markup.index("</table>")]
    widths = {row.count("<td>") for row in first.split("<tr>")[1:]}
    assert widths == {13}


def test_section_html_nests_sub_sections_and_marks_illustrative_text(example: pl.Ledger) -> None:
    view = example.as_of("2020-06-01").section("Example Fund")
    markup = render.section_html(view)
    assert "<h3>Example Fund</h3>" in markup
    assert "<h4>Investment Objective</h4>" in markup
    assert "<ul><li>Market risk</li><li>Small-company risk</li>" in markup
    assert "<td>Management fee</td>" in markup
    shown = text_of(markup)
    assert "illustrative: written by hand, not a filing's text" in shown
    assert "base text of the edition (no instruction)" in shown
    assert "Filing example-trust-2020.md" in shown

    # A sub-section changed by a supplement says so under its heading.
    later = render.section_html(example.as_of("2020-09-02").section("Example Fund"))
    assert "Supplement from example-supplement.txt, effective 2020-09-01 16:00 EDT" in text_of(
        later
    )


def test_partial_views_say_their_text_is_unknown(seeds: pl.Ledger) -> None:
    view = seeds.as_of("2006-12-21").section("Appendix C")
    shown = text_of(render.section_html(view))
    assert "Only part of this section is known" in shown
    assert "No provenance" in shown
    assert "Only part of this section is known" in render.section_markdown(view)


def test_section_markdown_has_heading_blocks_tables_and_footer(seeds: pl.Ledger) -> None:
    snapshot = seeds.as_of("2006-12-21")
    adviser = render.section_markdown(snapshot.section(DREMAN))
    assert "### Dreman Value Management, LLC" in adviser
    assert "\n- E. Clifton Hoover, Jr. is Managing Director" in adviser
    assert "**Effective:** 2006-12-21 16:00 EST" in adviser
    assert "> Effective at the close of the New York Stock Exchange" in adviser
    assert "nearly \\$20 billion" in adviser  # no maths in Jupyter

    appendix = render.section_markdown(
        snapshot.section(("Appendix C", "Dreman Small-Cap Value Portfolio"))
    )
    assert "| David Dreman | 19 | \\$15.7 billion |" in appendix
    html = markdown_to_html(appendix)
    assert html.count("<table>") == 2
    assert "<td>David Dreman</td>" in html


def test_repr_methods_delegate_to_render(seeds: pl.Ledger) -> None:
    view = seeds.as_of("2007-05-22").section("Principal Investment Strategy")
    snapshot = seeds.as_of("2006-12-21")
    history = seeds.history("Principal Investment Strategy")
    diff = seeds.diff("2007-05-21", "2007-05-22")
    timeline = seeds.timeline()
    assert view._repr_html_() == render.section_html(view)
    assert view._repr_markdown_() == render.section_markdown(view)
    assert snapshot._repr_html_() == render.snapshot_html(snapshot)
    assert snapshot._repr_markdown_() == render.snapshot_markdown(snapshot)
    assert history._repr_html_() == render.history_html(history)
    assert history._repr_markdown_() == render.history_markdown(history)
    assert diff._repr_html_() == render.diff_html(diff)
    assert diff._repr_markdown_() == render.diff_markdown(diff)
    assert timeline._repr_html_() == render.timeline_html(timeline)
    assert timeline._repr_markdown_() == render.timeline_markdown(timeline)
    values: list[render.Renderable] = [view, snapshot, history, diff, timeline]
    for value in values:
        assert render.to_html(value) == value._repr_html_()  # type: ignore[union-attr]
        assert render.to_markdown(value) == value._repr_markdown_()  # type: ignore[union-attr]
        inspect(render.to_html(value))


# -- snapshot, history, diff, timeline, problems ---------------------------------------


def test_snapshot_html_lists_documents_and_outline(seeds: pl.Ledger) -> None:
    markup = render.snapshot_html(seeds.as_of("2006-12-21"))
    shown = text_of(markup)
    assert "Documents in force as of 2006-12-21, end of day" in shown
    assert "Scope: every portfolio and document. Applying everything in the ledger." in shown
    assert "<h4>prospectus of MET INVESTORS SERIES TRUST dated 2006-05-01</h4>" in markup
    assert "<h4>SAI of MET INVESTORS SERIES TRUST dated 2006-05-01</h4>" in markup
    assert shown.count("known only from supplements") == 2
    # The outline nests: portfolio > MANAGEMENT > The Advisers > Dreman Value Management.
    nested = re.search(
        r"<strong>MANAGEMENT</strong>.*?<ul><li><strong>The Advisers</strong>.*?"
        r"<ul><li><strong>Dreman Value Management, LLC</strong>",
        markup,
    )
    assert nested
    assert "supplement 004_75a3e5324524647b.txt, effective 2006-12-21 16:00 EST" in shown

    scoped = seeds.as_of("2007-05-22", known_at="2007-06-01").document("sai")
    shown = text_of(render.snapshot_html(scoped))
    assert "Scope: the SAI. Applying what was known at 2007-06-01, end of day." in shown
    assert "prospectus of" not in shown
    markdown = render.snapshot_markdown(scoped)
    assert "*Scope: the SAI; applying what was known at 2007-06-01, end of day.*" in markdown


def test_snapshot_markdown_outline_is_a_nested_list(seeds: pl.Ledger) -> None:
    markdown = render.snapshot_markdown(seeds.as_of("2006-12-21"))
    assert "#### SAI of MET INVESTORS SERIES TRUST dated 2006-05-01" in markdown
    assert "\n    - **The Advisers** — *heading only, text not known*" in markdown
    html = markdown_to_html(markdown)
    assert html.count("<ul>") >= 5


def test_snapshot_with_nothing_in_force_says_so(seeds: pl.Ledger) -> None:
    assert "No document is in force" in text_of(render.snapshot_html(seeds.as_of("1990-01-01")))
    assert "No document is in force" in render.snapshot_markdown(seeds.as_of("1990-01-01"))


def test_history_renders_a_table_of_versions(seeds: pl.Ledger, example: pl.Ledger) -> None:
    markup = render.history_html(seeds.history("Principal Investment Strategy"))
    inspector = inspect(markup)
    assert inspector.tags.count("tr") == 2
    shown = text_of(markup)
    assert "Valid from Valid to Filing Edition Text" in shown
    assert "2007-05-22 in force supplement: 000_6de0636f7720f9ef.txt" in shown
    assert "The Portfolio seeks to achieve its objective" in shown
    assert "\u2026" in shown  # an excerpt, not the whole text

    two = example.history("Principal Investment Strategy")
    markup = render.history_html(two)
    shown = text_of(markup)
    assert "2 versions" in shown
    assert "2020-05-01 2020-09-01 16:00 EDT base text: example-trust-2020.md" in shown
    assert "illustrative" in shown
    markdown = render.history_markdown(two)
    assert "| 2020-09-01 16:00 EDT | in force | supplement: example-supplement.txt |" in markdown
    assert markdown_to_html(markdown).count("<tr>") == 3


def test_diff_html_redlines_changes_with_ins_and_del(example: pl.Ledger) -> None:
    diff = example.diff("2020-08-31", "2020-09-01")
    markup = render.diff_html(diff)
    inspect(markup)
    assert "<h4>Changed</h4>" in markup
    assert "may invest up to <del>20%</del> <ins>35%</ins> of its assets in" in markup
    assert "<del>foreign securities.</del> <ins>bonds.</ins>" in markup
    shown = text_of(markup)
    assert "0 added, 0 removed, 1 changed." in shown
    assert "Example Fund -- Principal Investment Strategy" in shown
    markdown = render.diff_markdown(diff)
    assert "may invest up to <del>20%</del> <ins>35%</ins> of its assets in" in markdown
    assert "<del>foreign securities.</del> <ins>bonds.</ins>" in markdown
    html = markdown_to_html(markdown)
    assert "<del>20%</del> <ins>35%</ins>" in html

    unchanged = example.diff("2020-06-01", "2020-07-01")
    assert "No section changed." in text_of(render.diff_html(unchanged))
    assert "No section changed." in render.diff_markdown(unchanged)


def test_diff_html_shows_added_sections_inserted(seeds: pl.Ledger) -> None:
    markup = render.diff_html(seeds.diff("2007-05-21", "2007-05-22"))
    assert "<h4>Added</h4>" in markup
    assert "<p><ins>The Portfolio seeks to achieve its objective" in markup
    assert "(heading only; its own text is not known)" in text_of(markup)
    # Back in time, the strategy's text is not yet known (no base loaded): it is not
    # known later, never shown as deleted.
    earlier = render.diff_html(seeds.diff("2007-05-22", "2007-05-21"))
    assert "<h4>Not known later</h4>" in earlier
    assert "<del>" not in earlier
    assert "Not shown as deleted." in text_of(earlier)


def test_timeline_renders_a_table_of_amendments(seeds: pl.Ledger) -> None:
    markup = render.timeline_html(seeds.timeline())
    inspector = inspect(markup)
    assert inspector.tags.count("tr") == 4
    shown = text_of(markup)
    assert "Effective Action Target Status Filing Reason" in shown
    assert (
        "2006-12-21 16:00 EST replace MANAGEMENT -- The Advisers -- Dreman Value Management, "
        "LLC prospectus, Dreman Small-Cap Value Portfolio applied 004_75a3e5324524647b.txt"
    ) in shown
    assert markup.count('class="pl-status pl-status-applied"') == 3
    markdown = render.timeline_markdown(seeds.timeline())
    assert "| 2007-05-22 | replace | Principal Investment Strategy (prospectus, Third" in markdown
    assert markdown_to_html(markdown).count("<tr>") == 4


def test_problems_render_kind_reason_and_words(seeds: pl.Ledger, hostile: pl.Ledger) -> None:
    assert "No problems" in text_of(render.problems_html(seeds.problems()))
    assert "No problems" in render.problems_markdown([])
    problems = hostile.problems()
    assert {problem.kind for problem in problems} == {"failed", "not_understood"}
    shown = text_of(render.problems_html(problems))
    assert "Problems (2)" in shown
    assert "failed: " in shown
    assert "not_understood: not understood: " in shown
    assert render.to_html(problems) == render.problems_html(problems)
    assert render.to_markdown(problems) == render.problems_markdown(problems)


# -- hostile filings -------------------------------------------------------------------


def test_hostile_text_renders_as_text_in_html(hostile: pl.Ledger) -> None:
    for item in hostile_items(hostile):
        markup = render.to_html(item)
        inspector = inspect(markup)  # only the renderer's own tags and attributes
        lowered = markup.lower()
        for tag in ("<script", "<img", "<a ", "<b>", "<i>"):
            assert tag not in lowered, (type(item).__name__, tag)
        assert "javascript:" not in " ".join(str(value) for _, value in inspector.attributes)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup, type(item).__name__


def test_hostile_section_shows_every_attack_as_visible_text(hostile: pl.Ledger) -> None:
    view = hostile.as_of("2020-06-01").section(RISKS)
    shown = text_of(render.section_html(view))
    for payload in PAYLOADS:
        assert payload in shown
    assert f"evil {SCRIPT}.txt (javascript:alert(1))" in shown  # the URL is text, not a link
    assert "illustrative" not in shown  # the supplement's text is a filing's, not illustrative
    assert "<caption>Table &lt;img src=x onerror=alert(1)&gt;</caption>" in render.section_html(
        view
    )


def test_hostile_attribute_values_cannot_break_out() -> None:
    markup = element("span", "x", class_='a" onerror="alert(1)', title="<script>")
    assert markup == ('<span class="a&#34; onerror=&#34;alert(1)" title="&lt;script&gt;">x</span>')
    inspector = Inspector()
    inspector.feed(markup)
    assert inspector.attributes == [("class", 'a" onerror="alert(1)'), ("title", "<script>")]


def test_hostile_text_is_inert_in_markdown(hostile: pl.Ledger) -> None:
    for item in hostile_items(hostile):
        markdown = render.to_markdown(item)
        html = markdown_to_html(markdown)
        lowered = html.lower()
        for tag in ("<script", "<img", "<a ", "<b>", "<i>", "<code>", "<em>stars", "<strong>stars"):
            assert tag not in lowered, (type(item).__name__, tag, html)
        assert "javascript:alert(1)" not in re.findall(r'(?:href|src)="([^"]*)"', html)
        tags = set(re.findall(r"<([a-z0-9]+)", lowered))
        allowed = {"p", "h3", "h4", "h5", "ul", "li", "strong", "em", "blockquote", "hr", "br"}
        assert tags <= allowed | {"table", "thead", "tbody", "tr", "th", "td", "ins", "del"}
    section = render.section_markdown(hostile.as_of("2020-06-01").section(RISKS))
    assert "a \\| pipe, \\*stars\\*, \\$x\\$ and \\`code\\` after." in section
    assert '| Risk \\| kind | &lt;a href="javascript:alert(1)"&gt;click me&lt;/a&gt; |' in section
    shown = markdown_to_html(section)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "[click](javascript:alert(1))" in shown  # shown as typed, not as a link


def test_hostile_page_title_and_fragments_are_escaped(hostile: pl.Ledger) -> None:
    page = render.html_page(*hostile_items(hostile), title=f"Report {SCRIPT}")
    assert page.startswith('<!DOCTYPE html>\n<html><head><meta charset="utf-8">')
    assert "<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "Content-Security-Policy" in page
    inspect(page)
    plain = render.html_page(hostile.timeline(), content_security_policy=False)
    assert "Content-Security-Policy" not in plain


# -- the builder's own guards, and small helpers -----------------------------------------


def test_builder_refuses_unknown_tags_attributes_and_raw_fragments() -> None:
    with pytest.raises(ValueError, match="tag 'script'"):
        element("script", "alert(1)")
    with pytest.raises(ValueError, match="attribute 'onclick'"):
        element("p", "x", onclick="alert(1)")
    with pytest.raises(ValueError, match="attribute 'href'"):
        element("span", "x", href="javascript:alert(1)")
    with pytest.raises(TypeError, match="only fragments the renderer built"):
        page_html("t", [SCRIPT], content_security_policy=True)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="cannot render str"):
        render.to_html(SCRIPT)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot render int"):
        render.to_markdown(3)  # type: ignore[arg-type]
    assert element("p", "<b>", Markup("<em>ok</em>"), None, ["&", ("x",)]) == (
        "<p>&lt;b&gt;<em>ok</em>&amp;x</p>"
    )


def test_md_escape() -> None:
    assert md_escape("a | b") == "a \\| b"
    assert md_escape("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("- not a bullet") == "\\- not a bullet"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("costs $5 and *x* _y_ [z](u) `c` ~d~") == (
        "costs \\$5 and \\*x\\* \\_y\\_ \\[z\\](u) \\`c\\` \\~d\\~"
    )
    assert md_escape("two\nlines") == "two lines"


def test_instant_text_and_excerpt() -> None:
    new_york = "America/New_York"
    assert instant_text(pendulum.datetime(2007, 5, 22, tz=new_york)) == "2007-05-22"
    assert instant_text(pendulum.datetime(2006, 12, 21, 16, tz=new_york)) == (
        "2006-12-21 16:00 EST"
    )
    end = pendulum.datetime(2007, 5, 21, 23, 59, 59, 999999, tz=new_york)
    assert instant_text(end) == "2007-05-21, end of day"
    assert instant_text(pendulum.datetime(2007, 5, 22, 13, 30, 5, tz="UTC")) == (
        "2007-05-22 09:30:05 EDT"
    )
    assert excerpt("short text") == "short text"
    assert excerpt("word " * 100, 20) == "word word word word\u2026"


def test_render_module_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(render, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3
    assert result.failed == 0
