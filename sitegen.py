"""Generate the documentation site's pages from the scenario library and the rules.

The pages are built at `mkdocs build` time by the hook in site_hooks.py and never committed, so a
page cannot disagree with the library it shows. Hand-written pages (home, pitch, glossary, ...)
live in site/; everything here is derived. Links between pages are relative `.md` links, so
`mkdocs build --strict` checks every one of them.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .analyzers.explain import SECTIONS, rule_sections
from .analyzers.rules import Rule, all_rules
from .scenarios import load_library
from .scenarios.model import DECISIONS, DEFAULT_LANG, Example, Library, Reference, Scenario

REPO_ROOT = Path(__file__).resolve().parent
CONFIG_FILE = REPO_ROOT / "mkdocs.yml"

GROUNDING = {
    "direct": ("D", "direct", "A cited source states this risk or example directly."),
    "extrapolated": ("X", "extrapolated",
                     "This library extrapolates from a cited source: plausible, but not claimed by the source."),
    "speculative": ("S", "speculative",
                    "A speculative tension worth a reviewer's look, not an established risk."),
}
SEVERITY = {
    "error": "may foreclose an SPI outright",
    "warning": "risks foreclosing an SPI, or only in some circumstances",
    "info": "worth a reviewer's look",
}
DECISION_TITLES = {
    "spec-change": "Changing a model spec, constitution or system prompt",
    "training-run": "Starting a training run, or changing its objectives, rewards or data",
    "deployment": "Deploying a model or agent, or changing its configuration",
    "negotiation-policy": "Writing or changing a negotiation or bargaining policy",
    "commitment": "Making a commitment: a public statement, contract, treaty or deal",
    "successor-creation": "Creating successor agents or subagents",
}
# Each SPI mechanism a scenario names links to its glossary entry (anchors in site/glossary.md).
SPI_GLOSSARY = {
    "surrogate-goal": ("surrogate goals", "surrogate-goal"),
    "concession-equivalence": ("concession equivalence", "concession-equivalence"),
    "renegotiation": ("renegotiation programs", "renegotiation-program"),
    "conditional-commitment": ("conditional commitments", "conditional-commitment"),
    "program-equilibrium": ("program equilibrium", "program-equilibrium"),
    "delegation": ("delegation", "delegation"),
    "deals": ("deals with AIs", "deals"),
    "spi-in-general": ("SPIs in general", "safe-pareto-improvement"),
}
RULE_SERIES = {"prose": "LO1xx", "config": "LO2xx", "code": "LO3xx"}


# --------------------------------------------------------------------------- the model of the site

@dataclass(frozen=True)
class Page:
    """One generated Markdown page; `path` is relative to docs_dir, POSIX-style."""

    path: str
    title: str
    markdown: str
    nav_title: str = ""


@dataclass
class Site:
    """The library and rules, plus the cross-indexes every page needs."""

    library: Library
    rules: list[type[Rule]]
    rules_by_scenario: dict[str, list[type[Rule]]] = field(default_factory=dict)
    cited_by: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            for sid in rule.scenarios:
                self.rules_by_scenario.setdefault(sid, []).append(rule)
        for s in self.library.scenarios:
            for src in s.sources:
                cited = self.cited_by.setdefault(src.reference.key, [])
                if s.id not in cited:
                    cited.append(s.id)

    @classmethod
    def load(cls, extra_dirs: Iterable[Path | str] = ()) -> "Site":
        """Raises SpilockError (every problem, one line each) when the library does not validate."""
        return cls(library=load_library(extra_dirs), rules=all_rules())

    def target(self, token: str) -> str | None:
        """The page a scenario id (S01), rule code (LO101) or source key names, if it exists in this build."""
        if token in self.library.references:
            return f"{BIBLIOGRAPHY}#{ref_anchor(token)}"
        if token.startswith("LO"):
            return rule_path(token) if any(r.code == token for r in self.rules) else None
        s = self.library.get(token)
        return scenario_path(s) if s else None


def scenario_path(s: Scenario) -> str:
    return f"scenarios/{s.id}-{s.slug}.md"


def rule_path(code: str) -> str:
    # use_directory_urls turns rules/LO101.md into rules/LO101/, the findings' help_uri.
    return f"rules/{code}.md"


def family_path(family_id: str) -> str:
    return f"families/{family_id}.md"


def checklist_path(decision: str) -> str:
    return f"checklist/{decision}.md"


BIBLIOGRAPHY = "bibliography.md"
COVERAGE = "coverage.md"
GLOSSARY = "glossary.md"


def ref_anchor(key: str) -> str:
    return f"ref-{key}"


def rel(here: str, target: str, anchor: str = "") -> str:
    """A relative link from page `here` to page `target`, as mkdocs resolves .md links."""
    link = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"{link}#{anchor}" if anchor else link


# --------------------------------------------------------------------------- Markdown helpers

_ESCAPE = re.compile(r"([\\`*_\[\]{}|#])")
# Scenario ids, rule codes, and the key of a source label such as "[agenda26, §II.2]".
_TOKEN = re.compile(r"\b(S\d{2}|LO\d{3})\b|(?<=\[)([a-z][a-z0-9-]*)(?=[,\]])")


def _escape_run(text: str) -> str:
    text = html.escape(re.sub(r"\s+", " ", text), quote=False)
    return _ESCAPE.sub(r"\\\1", text)


def _paragraph_start(text: str) -> str:
    """A paragraph that starts like a list item or a numbered item must stay a paragraph."""
    return re.sub(r"^([-+>]) ", r"\\\1 ", re.sub(r"^(\d+)\. ", r"\1\\. ", text))


def escape(text: str) -> str:
    """Library text rendered literally: no accidental emphasis, links, HTML or tables."""
    return _paragraph_start(_escape_run(text.strip()))


_CODE = re.compile(r"`([^`\n]+)`")


def inline(text: str, here: str, site: Site) -> str:
    """Escape `text`, keep its `code spans`, and link every scenario id, rule code and source key
    that has a page in this build."""
    text = " ".join(text.split())
    out, pos = [], 0
    for m in _CODE.finditer(text):
        out += [_linked(text[pos:m.start()], here, site), f"`{m.group(1)}`"]
        pos = m.end()
    out.append(_linked(text[pos:], here, site))
    return _paragraph_start("".join(out))


def _linked(text: str, here: str, site: Site) -> str:
    out, pos = [], 0
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        target = site.target(token)
        if target is None:
            continue
        page, _, anchor = target.partition("#")
        out += [_escape_run(text[pos:m.start()]), f"[{token}]({rel(here, page, anchor)})"]
        pos = m.end()
    out.append(_escape_run(text[pos:]))
    return "".join(out)


def fence(text: str, lang: str) -> str:
    """A fenced code block that survives any backticks inside `text`."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


def admonition(kind: str, title: str, body: str) -> str:
    indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}\n'


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def scenario_table(header: list[str], rows: list[list[str]]) -> str:
    """A table whose first column is a scenario title, kept wide enough to read."""
    return f'<div class="spilock-scenario-table" markdown>\n\n{table(header, rows)}\n\n</div>'


def badge(s: Scenario, short: bool = False) -> str:
    """The grounding tag as a badge; `short` (for tables) shows [D] and keeps the word as a tooltip."""
    tag, word, meaning = GROUNDING[s.grounding]
    label = f"[{tag}]" if short else f"[{tag}] {word}"
    return (f'<span class="spilock-badge spilock-grounding-{tag}" title="{word}: {html.escape(meaning)}">'
            f"{label}</span>")


def severity_badge(severity: str, prefix: str = "") -> str:
    return f'<span class="spilock-badge spilock-severity-{severity}">{prefix}{severity}</span>'


def scenario_link(s: Scenario, here: str, with_title: bool = True) -> str:
    label = f"{s.id} {escape(s.title)}" if with_title else s.id
    return f"[{label}]({rel(here, scenario_path(s))})"


def rule_link(rule: type[Rule], here: str, with_name: bool = True) -> str:
    label = f"{rule.code} {escape(rule.name)}" if with_name else rule.code
    return f"[{label}]({rel(here, rule_path(rule.code))})"


def family_link(site: Site, family_id: str, here: str) -> str:
    fam = site.library.families.get(family_id)
    title = escape(fam.title) if fam else escape(family_id)
    return f"[{title}]({rel(here, family_path(family_id))})" if fam else title


def decision_link(decision: str, here: str) -> str:
    return f"[{decision}]({rel(here, checklist_path(decision))})"


def spi_link(mechanism: str, here: str) -> str:
    label, anchor = SPI_GLOSSARY.get(mechanism, (mechanism, ""))
    return f"[{label}]({rel(here, GLOSSARY, anchor)})" if anchor else escape(label)


def words(values: Iterable[str]) -> str:
    return ", ".join(escape(v.replace("-", " ")) for v in values)


def repo_relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return Path(path).name


# --------------------------------------------------------------------------- scenario pages

def scenario_page(s: Scenario, site: Site) -> Page:
    here = scenario_path(s)
    parts = [f"# {s.id} · {escape(s.title)}", "",
             f"{badge(s)} {severity_badge(s.severity, 'severity: ')} "
             f'<span class="spilock-badge">{escape(s.kind)} lock-out</span> '
             f'<span class="spilock-badge">may {_verb(s)}</span>', "",
             f"**Summary.** {inline(s.summary, here, site)}", "",
             _grounding_box(s, here, site),
             "## The carve-out that keeps the option open", "",
             admonition("tip", "Carve-out", inline(s.carve_out, here, site)),
             "## What is done", "", inline(s.action, here, site), "",
             f"## What it may {_verb(s)}", "",
             "SPI mechanisms at stake: " + ", ".join(spi_link(m, here) for m in s.spi) + ".", "",
             inline(s.mechanism, here, site), "",
             "## Backfire risk", "",
             admonition("warning", "If the carve-out is over-applied", inline(s.backfire, here, site)),
             "## Checklist question", "",
             admonition("question", escape(s.question), "**Look at:** " + inline(s.look_at, here, site)),
             "Asked in reviews before: " + ", ".join(decision_link(d, here) for d in s.decisions) + ".", ""]
    parts += _examples_section(s)
    parts += _shapes_section(s)
    parts += _detection_section(s, here, site)
    if s.open_questions:
        parts += ["## Open questions", "", "These points are contested or unresolved; the page does not settle them.",
                  ""] + [f"- {inline(q, here, site)}" for q in s.open_questions] + [""]
    parts += _related_section(s, here, site)
    parts += _sources_section(s, here)
    parts += _record_section(s, here, site)
    return Page(here, f"{s.id} {s.title}", "\n".join(parts) + "\n", nav_title=f"{s.id} {s.title}")


def _verb(s: Scenario) -> str:
    return "foreclose" if s.effect == "forecloses" else "undermine"


def _grounding_box(s: Scenario, here: str, site: Site) -> str:
    tag, word, meaning = GROUNDING[s.grounding]
    body = meaning + (f"\n\n**Caveat:** {inline(s.caveat, here, site)}" if s.caveat else "")
    kind = {"D": "success", "X": "info", "S": "danger"}[tag]
    return admonition(kind, f"Grounding [{tag}]: {word}", body)


def _examples_section(s: Scenario) -> list[str]:
    if not s.examples:
        return []
    out = ["## Example clauses", "",
           "These are the library's own test fixtures: every analyzer runs on them.", ""]
    for expect, heading in (("flag", "Clauses a linter should flag"),
                            ("clean", "Clauses it should leave alone (carve-outs and near-misses)")):
        examples = s.examples_of(expect)
        if examples:
            out += [f"### {heading}", ""]
            for ex in examples:
                out += _example(ex)
    return out


def _example(ex: Example) -> list[str]:
    label = f"*{ex.kind}*" + (f" · {escape(ex.note)}" if ex.note else "")
    return [label, "", fence(ex.text, ex.lang), ""]


def _shapes_section(s: Scenario) -> list[str]:
    out = ["## Telltale shapes", ""]
    for kind, shapes in s.shapes.items():
        out += [f"**{escape(kind)}**", ""] + [f"- {escape(x)}" for x in shapes] + [""]
    return out


def _detection_section(s: Scenario, here: str, site: Site) -> list[str]:
    out = ["## Rules that detect it", ""]
    rules = site.rules_by_scenario.get(s.id, [])
    if rules:
        out += [f"- {rule_link(r, here)} ({r.kind}, {r.severity}, {r.confidence} confidence)" for r in rules]
        out.append("")
    elif s.checklist_only:
        out += ["**Checklist-only:** no linter can see this scenario; the checklist question covers it.", ""]
    else:
        out += ["No rule in this build detects it yet. A linter could read it in "
                + ", ".join(escape(k) for k in s.detection_kinds)
                + "; until a rule lands, the checklist question covers it.", ""]
    if s.detection_kinds:
        out += ["Input kinds a linter can read for it: " + ", ".join(escape(k) for k in s.detection_kinds) + ".", ""]
    if s.detection_note:
        out += [inline(s.detection_note, here, site), ""]
    return out


def _related_section(s: Scenario, here: str, site: Site) -> list[str]:
    related = [site.library.get(r) for r in s.related]
    if not related:
        return []
    return ["## Related scenarios", ""] + [f"- {badge(r)} {scenario_link(r, here)}" for r in related if r] + [""]


def _sources_section(s: Scenario, here: str) -> list[str]:
    out = ["## Sources", ""]
    for src in s.sources:
        ref = src.reference
        key = f"[{escape(ref.key)}]({rel(here, BIBLIOGRAPHY, ref_anchor(ref.key))})"
        locator = f", {escape(src.locator)}" if src.locator else ""
        note = f" {escape(src.note)}" if src.note else ""
        out.append(f"- {key}{locator}: {citation(ref)}{note}")
    return out + [""]


def citation(ref: Reference) -> str:
    venue = f" {escape(ref.venue)}." if ref.venue else ""
    link = f" [{escape(_link_text(ref.url))}]({ref.url})" if ref.url else ""
    return f"{escape(ref.authors)} ({ref.year}). *{escape(ref.title)}*.{venue}{link}"


def _link_text(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _record_section(s: Scenario, here: str, site: Site) -> list[str]:
    rows = [
        ["id · slug", f"{s.id} · `{s.slug}`"],
        ["kind", f"{escape(s.kind)} ({s.effect})"],
        ["severity", f"{severity_badge(s.severity)} {SEVERITY[s.severity]}"],
        ["grounding", badge(s)],
        ["families", ", ".join(family_link(site, f, here) for f in s.families)],
        ["decisions", ", ".join(decision_link(d, here) for d in s.decisions)],
        ["stages", words(s.stages)],
        ["actors", words(s.actors)],
        ["SPI mechanisms", ", ".join(spi_link(m, here) for m in s.spi)],
        ["detection", ", ".join(s.detection_kinds) or "checklist-only"],
        ["review hash", f"`{s.review_hash}` (a review answer goes stale when this changes)"],
        ["library file", f"`{repo_relative(s.path)}`"],
    ]
    return ["## The record", "", table(["field", "value"], rows), ""]


def scenarios_index(site: Site) -> Page:
    here = "scenarios/index.md"
    rows = [[scenario_link(s, here), badge(s, short=True), severity_badge(s.severity),
             ", ".join(family_link(site, f, here) for f in s.families),
             ", ".join(s.detection_kinds) or "checklist-only"] for s in site.library.scenarios]
    md = "\n".join([
        "# Scenarios", "",
        f"The library holds {len(site.library.scenarios)} ways an early AI, or the people who build it, "
        "may lock out a safe Pareto improvement. Each page says what is done, what it may foreclose, "
        "the carve-out that keeps the option open, what over-applying the carve-out risks, and where "
        "the reasoning comes from.", "",
        _grounding_legend(), "",
        scenario_table(["scenario", "grounding", "severity", "families", "a linter can read"], rows), ""])
    return Page(here, "Scenarios", md)


def _grounding_legend() -> str:
    return "\n".join(f"- **[{tag}] {word}**: {meaning}" for tag, word, meaning in GROUNDING.values())


# --------------------------------------------------------------------------- rule pages

def rule_page(rule: type[Rule], site: Site) -> Page:
    here = rule_path(rule.code)
    sections = rule_sections(rule, site.library)
    scenarios = [site.library.get(sid) for sid in rule.scenarios]
    links = ", ".join(scenario_link(sc, here) if sc else escape(sid) for sc, sid in zip(scenarios, rule.scenarios))
    series = f" ({RULE_SERIES[rule.kind]})" if rule.kind in RULE_SERIES else ""
    parts = [f"# {rule.code} · {escape(rule.name)}", "",
             f"{severity_badge(rule.severity, 'severity: ')} "
             f'<span class="spilock-badge">{escape(rule.confidence)} confidence</span> '
             f'<span class="spilock-badge">{escape(rule.kind)}{series}</span>', "",
             f"**Family:** {family_link(site, rule.family, here)}  ",
             f"**Scenarios:** {links or 'none'}  ",
             f"**Findings link here:** `https://spilock.dev/rules/{rule.code}/`", "",
             f"The sections below are the ones `spilock explain {rule.code}` prints.", ""]
    for title in SECTIONS:
        parts += [f"## {title}", "", _section_body(title, sections.get(title, ""), rule, here, site), ""]
    return Page(here, f"{rule.code} {rule.name}", "\n".join(parts), nav_title=f"{rule.code} {rule.name}")


def _section_body(title: str, body: str, rule: type[Rule], here: str, site: Site) -> str:
    if not body.strip():
        return "(none recorded)"
    if title.startswith("Example") and body != "(none recorded)":
        return fence(body, DEFAULT_LANG.get(rule.kind, "text"))
    if title == "How to fix":
        return admonition("tip", "Carve-out", _paragraph(body, here, site))
    if title == "Scenarios and sources":
        return "\n".join(f"- {inline(line, here, site)}" for line in body.splitlines() if line.strip())
    return "\n\n".join(_paragraph(p, here, site) for p in body.split("\n\n") if p.strip())


def _paragraph(text: str, here: str, site: Site) -> str:
    """A docstring-style paragraph: wrapped lines join up; "- " lines stay a list; a caveat stands apart."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if all(line.startswith(("- ", "* ")) for line in lines):
        return "\n".join(f"- {inline(line[2:], here, site)}" for line in lines)
    out, current = [], []
    for line in lines:
        if line.startswith("Caveat:") and current:
            out.append(" ".join(current))
            current = []
        current.append(line)
    out.append(" ".join(current))
    return "\n\n".join(inline(chunk, here, site) for chunk in out)


def rules_index(site: Site) -> Page:
    here = "rules/index.md"
    intro = ["# Rules", "",
             "Each rule reads one kind of input: LO1xx prose (model specs, constitutions), LO2xx config "
             "(training and deployment settings), LO3xx code (policy and agent code). A finding's "
             "`help_uri` links to the rule's page here; the page leads to the scenario behind it, "
             "its sources and the carve-out to adopt.", ""]
    if not site.rules:
        intro += ["No rules are registered in this build yet. The [coverage matrix](../coverage.md) "
                  "shows which scenarios a linter could see, and the [checklist](../checklist/index.md) "
                  "covers every scenario in the meantime.", ""]
        return Page(here, "Rules", "\n".join(intro))
    rows = [[rule_link(r, here, with_name=False), escape(r.name), escape(r.kind),
             family_link(site, r.family, here), severity_badge(r.severity), escape(r.confidence),
             ", ".join(inline(sid, here, site) for sid in r.scenarios)] for r in site.rules]
    intro.append(table(["code", "name", "kind", "family", "severity", "confidence", "scenarios"], rows))
    return Page(here, "Rules", "\n".join(intro) + "\n")


# --------------------------------------------------------------------------- families

def family_page(family_id: str, site: Site) -> Page:
    here = family_path(family_id)
    fam = site.library.families[family_id]
    scenarios = [s for s in site.library.scenarios if family_id in s.families]
    rules = [r for r in site.rules if r.family == family_id]
    parts = [f"# {escape(fam.title)}", "", f"`{family_id}` · {escape(fam.description)}", "", "## Scenarios", ""]
    parts += [f"- {badge(s)} {scenario_link(s, here)}: {inline(s.summary, here, site)}" for s in scenarios] \
        or ["No scenario in this library uses this family yet."]
    parts += ["", "## Rules", ""]
    parts += [f"- {rule_link(r, here)} ({r.kind}, {r.severity})" for r in rules] \
        or ["No rule reports this family yet."]
    return Page(here, fam.title, "\n".join(parts) + "\n", nav_title=fam.title)


def families_index(site: Site) -> Page:
    here = "families/index.md"
    rows = []
    for fid, fam in site.library.families.items():
        count = sum(fid in s.families for s in site.library.scenarios)
        nrules = sum(r.family == fid for r in site.rules)
        rows.append([f"[{escape(fam.title)}]({rel(here, family_path(fid))})", f"`{fid}`",
                     escape(fam.description), str(count), str(nrules)])
    md = "\n".join(["# Families", "",
                    "Every finding carries a family: the kind of clause it is about. The vocabulary is the "
                    "library's, so a team that adds scenarios may add families.", "",
                    table(["family", "id", "what it is", "scenarios", "rules"], rows), ""])
    return Page(here, "Families", md)


# --------------------------------------------------------------------------- checklist

def decisions(site: Site) -> list[str]:
    """The closed vocabulary first, in its order; anything a team's library adds after it."""
    used = {d for s in site.library.scenarios for d in s.decisions}
    return [d for d in DECISIONS if d in used] + sorted(used - set(DECISIONS))


def checklist_page(decision: str, site: Site) -> Page:
    here = checklist_path(decision)
    title = DECISION_TITLES.get(decision, decision)
    parts = [f"# Checklist: {escape(title)}", "",
             f"Before a decision of type `{decision}`, answer each question. **Yes means the option is "
             "preserved.** Items are ordered by severity, then by how directly the sources support them.", ""]
    for n, item in enumerate(site.library.checklist(decision), 1):
        s = item.scenario
        parts += [f"### {n}. {escape(s.question)}", "",
                  f"{scenario_link(s, here)} {badge(s)} {severity_badge(s.severity)}", "",
                  f"**Look at:** {inline(s.look_at, here, site)}", "",
                  f"**If the answer is no, the carve-out:** {inline(s.carve_out, here, site)}", "",
                  f"**Do not over-apply it:** {inline(s.backfire, here, site)}", ""]
        if s.caveat:
            parts += [f"**Caveat:** {inline(s.caveat, here, site)}", ""]
    return Page(here, f"Checklist: {title}", "\n".join(parts), nav_title=title)


def checklist_index(site: Site) -> Page:
    here = "checklist/index.md"
    rows = [[decision_link(d, here), escape(DECISION_TITLES.get(d, d)), str(len(site.library.checklist(d)))]
            for d in decisions(site)]
    md = "\n".join([
        "# The checklist", "",
        "A reviewer goes through the checklist before a commitment decision: a model spec change, a "
        "training run, a deployment, a negotiation policy, a commitment, or the creation of a successor "
        "agent. Each item is one scenario's question, phrased so that *yes* means the SPI option is "
        "preserved, with what to look at and the carve-out to adopt if the answer is no.", "",
        table(["decision", "when", "items"], rows), "",
        "`spilock checklist --decision DECISION` prints the same list; `spilock review init` turns it "
        "into a review record that CI can check (see [Getting started](../getting-started.md#answering-a-review)).",
        ""])
    return Page(here, "Checklist", md)


# --------------------------------------------------------------------------- bibliography and coverage

def bibliography_page(site: Site) -> Page:
    here = BIBLIOGRAPHY
    refs = sorted(site.library.references.values(), key=lambda r: (r.authors.lower(), r.year, r.key))
    parts = ["# Bibliography", "",
             "Every source a scenario cites, with how closely this project read it: *full*, *abstract*, "
             "*summary* (known through another source) or *not read*. A scenario's page gives the locator "
             "(section, footnote) for each citation.", ""]
    for ref in refs:
        cited = ", ".join(inline(sid, here, site) for sid in site.cited_by.get(ref.key, [])) or "no scenario yet"
        note = f" {escape(ref.note)}" if ref.note else ""
        parts += [f'<span id="{ref_anchor(ref.key)}"></span>', "",
                  f"**[{escape(ref.key)}]** {citation(ref)}  ",
                  f"Read: *{escape(ref.read)}*.{note} Cited by: {cited}.", ""]
    return Page(here, "Bibliography", "\n".join(parts))


def coverage_page(site: Site) -> Page:
    here = COVERAGE
    lib = site.library
    rows = []
    for s in lib.scenarios:
        rules = site.rules_by_scenario.get(s.id, [])
        rows.append([scenario_link(s, here), badge(s, short=True),
                     ", ".join(s.detection_kinds) or "checklist-only",
                     ", ".join(rule_link(r, here, with_name=False) for r in rules) or "none",
                     ", ".join(decision_link(d, here) for d in s.decisions)])
    only = [s for s in lib.scenarios if s.checklist_only]
    waiting = [s for s in lib.scenarios if not s.checklist_only and s.id not in site.rules_by_scenario]
    covered = len(lib.scenarios) - len(only) - len(waiting)
    parts = ["# Coverage", "",
             f"{len(lib.scenarios)} scenarios, {len(site.rules)} rules. {covered} scenarios have a rule, "
             f"{len(waiting)} could be linted but have no rule yet, and {len(only)} are checklist-only. "
             "Every scenario is a checklist item for the decisions listed.", "",
             scenario_table(["scenario", "grounding", "a linter can read", "rules", "checklist item for"], rows), "",
             "## Scenarios no rule can see", "",
             "These are checklist-only: what locks the option out is a behaviour, a timing or an absence, "
             "not a clause in a file.", ""]
    for s in only:
        parts += [f"- {scenario_link(s, here)}: {inline(s.detection_note or 'no detection note given.', here, site)}"]
    if not only:
        parts.append("None in this library.")
    parts += ["", "## Scenarios waiting for a rule", "",
              "A linter could read these, but no rule in this build reports them; the checklist covers them.",
              ""]
    parts += [f"- {scenario_link(s, here)} ({', '.join(s.detection_kinds)})" for s in waiting] or ["None."]
    return Page(here, "Coverage", "\n".join(parts) + "\n")


# --------------------------------------------------------------------------- the whole site

def generate(site: Site) -> list[Page]:
    """Every generated page, in navigation order."""
    pages = [scenarios_index(site)] + [scenario_page(s, site) for s in site.library.scenarios]
    pages += [rules_index(site)] + [rule_page(r, site) for r in site.rules]
    pages += [families_index(site)] + [family_page(f, site) for f in site.library.families]
    pages += [checklist_index(site)] + [checklist_page(d, site) for d in decisions(site)]
    pages += [bibliography_page(site), coverage_page(site)]
    return pages


def expand_nav(nav: list | None, pages: list[Page]) -> list | None:
    """Turn each `Title: section/index.md` nav entry into a section holding the generated pages."""
    if nav is None:
        return None
    out = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, value), = entry.items()
            if isinstance(value, str) and value.endswith("/index.md"):
                folder = value[: -len("index.md")]
                children = [{p.nav_title: p.path} for p in pages
                            if p.path.startswith(folder) and p.path != value and "/" not in p.path[len(folder):]]
                if children:
                    entry = {title: [value] + children}
        out.append(entry)
    return out


_PLACEHOLDER = re.compile(r"<!-- spilock:([a-z-]+)(?: ([A-Za-z0-9-]+))? -->")


def fill_placeholders(markdown: str, here: str, site: Site, warn: Callable[[str], None]) -> str:
    """Hand-written pages quote the library through placeholders, so they cannot drift from it."""
    def replace(m: re.Match) -> str:
        name, arg = m.group(1), m.group(2)
        if name == "stats":
            lib = site.library
            return (f"The library holds **{len(lib.scenarios)} scenarios** in {len(lib.families)} families, "
                    f"citing {len(lib.references)} sources; the linter has **{len(site.rules)} rules**.")
        s = site.library.get(arg or "")
        if name in ("carve-out", "question", "summary") and s is not None:
            text = {"carve-out": s.carve_out, "question": s.question, "summary": s.summary}[name]
            return f"{inline(text, here, site)} ({scenario_link(s, here, with_title=False)})"
        warn(f"{here}: unknown placeholder or scenario in {m.group(0)!r}")
        return m.group(0)
    return _PLACEHOLDER.sub(replace, markdown)


# --------------------------------------------------------------------------- building

@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    warnings: tuple[str, ...]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(site_dir: Path | str | None = None, config_file: Path | str = CONFIG_FILE,
               strict: bool = True) -> BuildResult:
    """Run `mkdocs build --strict` in process. Raises mkdocs's Abort on a warning in strict mode."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    start = time.perf_counter()
    try:
        overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
        config = load_config(config_file=str(config_file), strict=strict, **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collect)
    out = Path(config.site_dir)
    pages = sum(1 for _ in out.rglob("index.html"))
    return BuildResult(out, pages, time.perf_counter() - start, tuple(collect.messages))
