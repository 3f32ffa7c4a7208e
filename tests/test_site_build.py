"""The documentation site: strict build, one page per scenario and rule, content equal to the library,
and a link check over the built HTML.

The site is built once for the module through `spilock site build`; other tests build small
variants (straight mkdocs from the checkout, an extra rule, a colliding hand-written page).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import markdown
import pytest
from click.testing import CliRunner

from spilock import sitegen
from spilock.analyzers.explain import SECTIONS, rule_sections
from spilock.analyzers.model import HELP_BASE, Finding
from spilock.cli import cli
from spilock.sitegen import Site, build_site, rule_path, scenario_path

REPO = Path(sitegen.__file__).resolve().parent
SITE_ROOT = "http://site.invalid/"  # stands for the build directory when resolving links


# --------------------------------------------------------------------------- helpers

class _Page(HTMLParser):
    """What the link check and the content check need from one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, dict]] = []  # (tag, url, attrs)
        self.text: list[str] = []
        self._skip = 0
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for attr in ("href", "src"):
            if a.get(attr) is not None and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.refs.append((tag, a[attr], a))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "article":
            self._in_article += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "article":
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and self._in_article:
            self.text.append(data)

    @property
    def article_text(self) -> str:
        return norm("".join(self.text))


def norm(text: str) -> str:
    return " ".join(text.split())


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def built_file(site_dir: Path, md_path: str) -> Path:
    """Where mkdocs (use_directory_urls) writes a docs page: rules/LO101.md -> rules/LO101/index.html."""
    stem = md_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem[: -len("index")] / "index.html"
    return site_dir / stem / "index.html"


@pytest.fixture(scope="module")
def site() -> Site:
    return Site.load()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "build"
    result = CliRunner().invoke(cli, ["site", "build", "--site-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"built \d+ pages in [\d.]+s into .+\n", result.output), result.output
    return out


@pytest.fixture(scope="module")
def pages(built) -> dict[str, _Page]:
    """Every built HTML page, keyed by its path relative to the build directory."""
    return {p.relative_to(built).as_posix(): parse(p) for p in built.rglob("*.html")}


# --------------------------------------------------------------------------- building

def test_cli_build_is_strict_and_reports_pages(built, site):
    n_html = sum(1 for _ in built.rglob("index.html"))
    assert n_html >= len(site.library.scenarios) + len(site.rules) + 10


def test_mkdocs_build_strict_works_straight_from_the_checkout(tmp_path):
    out = tmp_path / "direct"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=REPO, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                          "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr
    assert (out / "scenarios" / "index.html").is_file()


def test_site_build_without_mkdocs_yml_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["site", "build", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "mkdocs.yml not found" in lines[0] and str(tmp_path) in lines[0]


def test_generated_pages_are_not_committed(site):
    """Generated Markdown exists only at build time; a hand-written copy would be a second truth."""
    for page in sitegen.generate(site):
        assert not (REPO / "site" / page.path).exists(), page.path
    for folder in ("scenarios", "rules", "families", "checklist"):
        assert not (REPO / "site" / folder).exists(), f"site/{folder}/ is generated; do not commit it"


def test_a_hand_written_page_colliding_with_a_generated_one_fails_the_build(tmp_path, site, caplog):
    docs = tmp_path / "docs"
    (docs / "scenarios").mkdir(parents=True)
    first = site.library.scenarios[0]
    (docs / scenario_path(first)).write_text("# stale copy\n", encoding="utf-8")
    (docs / "index.md").write_text("# home\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {docs}\nhooks:\n  - {REPO / 'site_hooks.py'}\n", encoding="utf-8")
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(tmp_path / "out", config)
    assert any(scenario_path(first) in r.getMessage() and "generated from the library" in r.getMessage()
               for r in caplog.records)


# --------------------------------------------------------------------------- one page per scenario and rule

def test_every_scenario_has_a_page(built, site):
    for s in site.library.scenarios:
        page = built_file(built, scenario_path(s))
        assert page.is_file(), s.id
        assert f"<title>{s.id} " in page.read_text(encoding="utf-8")


def test_every_rule_has_a_page_at_its_help_uri(built, site):
    for rule in site.rules:
        finding = Finding(rule=rule.code, name=rule.name, family=rule.family, severity=rule.severity,
                          confidence=rule.confidence, path="x.md", line=1, column=1, end_line=1,
                          end_column=2, message="m", scenarios=tuple(rule.scenarios))
        assert finding.help_uri.startswith(HELP_BASE)
        relative = finding.help_uri[len("https://spilock.dev/"):]
        assert (built / relative / "index.html").is_file(), finding.help_uri


def test_site_url_matches_the_findings_help_uri():
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: https://spilock\.dev/$", config, re.M)
    assert HELP_BASE == "https://spilock.dev/rules/"


def test_navigation_lists_every_generated_page(pages, site):
    nav = pages["index.html"]
    hrefs = {h for tag, h, _ in nav.refs if tag == "a"}
    for s in site.library.scenarios:
        assert f"scenarios/{s.id}-{s.slug}/" in hrefs, s.id
    for r in site.rules:
        assert f"rules/{r.code}/" in hrefs, r.code


# --------------------------------------------------------------------------- content equals the library

def scenario_fields(s) -> list[str]:
    """Every piece of text in the scenario's library entry that its page must show."""
    fields = [s.id, s.slug, s.title, s.summary, s.action, s.mechanism, s.carve_out, s.question, s.look_at,
              s.backfire, s.caveat, s.detection_note, s.review_hash, s.kind, s.severity,
              *s.open_questions, *s.related, *s.decisions, *s.detection_kinds,
              *(x for shapes in s.shapes.values() for x in shapes)]
    for ex in s.examples:
        fields += [ex.text, ex.note]
    for src in s.sources:
        fields += [src.reference.key, src.reference.title, src.reference.authors, src.locator or "",
                   src.note or ""]
    return [norm(f) for f in fields if f and f.strip()]


def test_scenario_pages_show_every_field_of_the_library(built, site):
    missing = []
    for s in site.library.scenarios:
        text = parse(built_file(built, scenario_path(s))).article_text
        missing += [f"{s.id}: {f[:60]!r}" for f in scenario_fields(s) if f not in text]
        for fam in s.families:
            if site.library.families[fam].title not in text:
                missing.append(f"{s.id}: family {fam}")
        tag = {"direct": "[D]", "extrapolated": "[X]", "speculative": "[S]"}[s.grounding]
        if f"{tag} {s.grounding}" not in text or f"Grounding {tag}: {s.grounding}" not in text:
            missing.append(f"{s.id}: grounding badge {tag}")
    assert missing == []


def test_scenario_pages_link_related_scenarios_rules_and_sources(pages, site):
    for s in site.library.scenarios:
        page = pages[built_file(Path("."), scenario_path(s)).as_posix()]
        hrefs = [h for tag, h, _ in page.refs if tag == "a"]
        for rid in s.related:
            r = site.library[rid]
            assert any(h.endswith(f"{r.id}-{r.slug}/") for h in hrefs), f"{s.id} -> {rid}"
        for rule in site.rules_by_scenario.get(s.id, []):
            assert any(h.endswith(f"rules/{rule.code}/") for h in hrefs), f"{s.id} -> {rule.code}"
        for src in s.sources:
            assert any(h.endswith(f"bibliography/#ref-{src.reference.key}") for h in hrefs), src.reference.key
            if src.reference.url:
                assert src.reference.url in hrefs, src.reference.url


def test_rule_pages_have_the_fixed_sections_filled_from_the_library(built, site):
    problems = []
    for rule in site.rules:
        raw = built_file(built, rule_path(rule.code)).read_text(encoding="utf-8")
        headings = [norm(html.unescape(re.sub(r"<[^>]+>", "", h)))
                    for h in re.findall(r"<h2[^>]*>(.*?)</h2>", raw, re.S)]
        headings = [h.rstrip("¶").strip() for h in headings]
        if headings != list(SECTIONS):
            problems.append(f"{rule.code}: sections {headings}")
        text = parse(built_file(built, rule_path(rule.code))).article_text
        for title, body in rule_sections(rule, site.library).items():
            for line in (norm(part).replace("`", "") for part in body.split("\n\n")):
                if line and line not in text and norm(body).replace("`", "") not in text:
                    problems.append(f"{rule.code}: {title}: {line[:60]!r}")
    assert problems == []


class FakeRule:
    """Shaped like a spilock Rule, but never registered: it must not leak into other tests."""

    code = "LO998"
    name = "fake-rule-for-site-tests"
    kind = "prose"
    family = "value-change-prohibition"
    scenarios = ("S01", "S99")  # S99 does not exist: the page must still build
    severity = "error"
    confidence = "medium"
    message = "may foreclose"
    fix = None
    VALID = ("The agent may revise `its` goals to adopt a surrogate goal.",)
    INVALID = ()

    @classmethod
    def description(cls) -> str:
        return ("A paragraph wrapped\n    over two lines, with `code`.\n\n- a list item\n- another one\n\n"
                "Characters that Markdown would eat: *stars*, _under_, [brackets](x), <b>tags</b>, a | pipe.")


def test_rule_pages_build_for_any_rule_shape(monkeypatch, tmp_path):
    """A rule whose scenario is missing and a Markdown-hostile docstring still build strictly."""
    monkeypatch.setattr(sitegen, "all_rules", lambda: [FakeRule])
    result = build_site(tmp_path / "fake")
    page = parse(built_file(result.site_dir, rule_path(FakeRule.code)))
    text = page.article_text
    assert "A paragraph wrapped over two lines, with code." in text
    assert "Characters that Markdown would eat: *stars*, _under_, [brackets](x), <b>tags</b>, a | pipe." in text
    assert "The agent may revise `its` goals to adopt a surrogate goal." in text  # examples stay literal


def test_with_zero_rules_the_rules_index_says_so_and_nothing_links_to_a_rule(site):
    bare = Site(library=site.library, rules=[])
    pages = sitegen.generate(bare)
    assert [p.path for p in pages if p.path.startswith("rules/")] == ["rules/index.md"]
    assert "No rules are registered" in sitegen.rules_index(bare).markdown
    assert not any("rules/LO" in p.markdown for p in pages)


@pytest.mark.parametrize("text", [
    "plain words",
    "*not emphasis* and _not either_ and **nor this**",
    "[not a link](http://x) ![nor an image](y.png)",
    "<script>alert(1)</script> & <b>bold?</b> &amp; entity",
    "a | table | row",
    "# not a heading",
    "- not a list item",
    "1. not a numbered item",
    "{: .not-an-attr-list } back\\slash",
    "S99 and LO999 are no pages, so they stay text",
])
def test_escaped_library_text_renders_exactly_as_written(text, site):
    rendered = markdown.markdown(sitegen.inline(text, "scenarios/x.md", site), extensions=["tables", "attr_list"])
    plain = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert norm(plain) == norm(text)


def test_inline_links_scenarios_rules_and_source_keys_that_exist(site):
    first = site.library.scenarios[0]
    key = first.sources[0].reference.key
    out = sitegen.inline(f"see {first.id}, [{key}, §1] and S99", "rules/LO101.md", site)
    assert f"[{first.id}](../{scenario_path(first)})" in out
    assert f"[{key}](../bibliography.md#ref-{key})" in out
    assert "[S99]" not in out


def test_placeholders_fill_from_the_library_and_warn_when_unknown(site):
    s = site.library.scenarios[0]
    warnings: list[str] = []
    out = sitegen.fill_placeholders(f"<!-- spilock:carve-out {s.id} --> <!-- spilock:carve-out S99 -->",
                                    "pitch.md", site, warnings.append)
    assert sitegen.inline(s.carve_out, "pitch.md", site) in out
    assert len(warnings) == 1 and "S99" in warnings[0]


def test_expand_nav_puts_generated_pages_under_their_section():
    pages = [sitegen.Page("scenarios/index.md", "Scenarios", ""),
             sitegen.Page("scenarios/S01-a.md", "S01", "", nav_title="S01 A"),
             sitegen.Page("rules/index.md", "Rules", "")]
    nav = sitegen.expand_nav([{"Home": "index.md"}, {"Scenarios": "scenarios/index.md"},
                              {"Rules": "rules/index.md"}], pages)
    assert nav == [{"Home": "index.md"}, {"Scenarios": ["scenarios/index.md", {"S01 A": "scenarios/S01-a.md"}]},
                   {"Rules": "rules/index.md"}]


def test_coverage_lists_checklist_only_scenarios_with_the_reason(built, site):
    text = parse(built / "coverage" / "index.html").article_text
    only = [s for s in site.library.scenarios if s.checklist_only]
    for s in only:
        assert norm(s.detection_note) in text, s.id
    for s in site.library.scenarios:
        assert s.id in text


def test_checklist_pages_hold_each_applicable_question_once(built, site):
    for decision in sitegen.decisions(site):
        text = parse(built / "checklist" / decision / "index.html").article_text
        for s in site.library.scenarios:
            count = text.count(norm(s.question))
            assert count == (1 if decision in s.decisions else 0), (decision, s.id, count)


# --------------------------------------------------------------------------- link check

def resolve(page_path: str, url: str) -> tuple[str, str, str]:
    """(scheme, built file path, fragment) of a link found on `page_path`."""
    base = SITE_ROOT + page_path
    parts = urlsplit(urljoin(base, url))
    if parts.netloc != urlsplit(SITE_ROOT).netloc:
        return parts.scheme, url, ""
    path = unquote(parts.path.lstrip("/"))
    if path == "" or path.endswith("/"):
        path += "index.html"
    return "internal", path, parts.fragment


def test_no_broken_internal_link_or_anchor(built, pages):
    broken = []
    for page_path, page in pages.items():
        for tag, url, _ in page.refs:
            kind, target, fragment = resolve(page_path, url)
            if kind != "internal":
                continue
            if not (built / target).is_file():
                broken.append(f"{page_path}: {url} -> {target} missing")
            elif fragment and target.endswith(".html") and fragment not in pages[target].ids:
                broken.append(f"{page_path}: {url} -> no #{fragment} in {target}")
    assert broken == []


def well_formed(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") and "." in parts.netloc and " " not in url
            and not re.search(r"[<>\"'\\]", url))


def test_bibliography_links_are_well_formed_and_complete(pages, site):
    page = pages["bibliography/index.html"]
    external = [url for tag, url, _ in page.refs if tag == "a" and urlsplit(url).scheme in ("http", "https")]
    assert external, "the bibliography has no outside links"
    assert [u for u in external if not well_formed(u)] == []
    for ref in site.library.references.values():
        assert f"ref-{ref.key}" in page.ids, ref.key
        if ref.url:
            assert ref.url in external, ref.key


def test_no_page_loads_anything_from_outside(pages):
    """Offline: scripts, stylesheets, images and fonts all come from the build; outside links are
    only ever plain <a> links or the canonical URL."""
    outside = []
    for page_path, page in pages.items():
        for tag, url, attrs in page.refs:
            if urlsplit(url).scheme in ("http", "https", "") and urlsplit(url).netloc:
                if tag == "a" or (tag == "link" and attrs.get("rel") == "canonical"):
                    assert well_formed(url), f"{page_path}: {url}"
                    continue
                outside.append(f"{page_path}: <{tag}> {url}")
    assert outside == []
