"""The checklist, generated from the scenario library: never hand-maintained.

One item per scenario and decision type it applies to, ordered strongest first (severity, then
grounding, as `ChecklistItem.sort_key` says). `checklist_data` builds the plain structure that the
Markdown template and the JSON output (described by checklist.schema.json) both render, so the two
formats cannot drift apart.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..scenarios.model import DECISIONS, Library, Scenario

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
CHECKLIST_SCHEMA = HERE / "checklist.schema.json"
FORMAT_VERSION = 1

# How each grounding tag is shown in an item. Extrapolated and speculative items must never read as
# settled (domain brief: "a scenario tagged [X] or [S] must never be phrased as settled").
GROUNDING_NOTE = {
    "direct": "The cited sources state this risk directly.",
    "extrapolated": "Extrapolated: plausible from the cited sources, but not claimed by them.",
    "speculative": "Speculative: a tension worth a reviewer's look, not an established risk.",
}
DECISION_TITLES = {
    "spec-change": "Changing a model spec or constitution",
    "training-run": "Launching a training run",
    "deployment": "Deploying an agent",
    "negotiation-policy": "Adopting a negotiation policy",
    "commitment": "Making a commitment (deals, treaties, public statements)",
    "successor-creation": "Creating a successor or subagent",
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja2 for Markdown and YAML comments: autoescape off (HTML escaping would corrupt both)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["oneline"] = oneline
    env.filters["comment"] = comment_lines
    return env


def oneline(text: object) -> str:
    """Collapse whitespace so user text cannot break a Markdown list item or a heading."""
    return " ".join(str(text).split())


def comment_lines(text: str) -> str:
    """Prefix every line with '# ' so any text is inert inside a YAML comment block."""
    return "\n".join(("# " + line).rstrip() for line in text.splitlines())


def source_json(src) -> dict:
    ref = src.reference
    return {"ref": ref.key, "locator": src.locator, "label": src.label, "citation": ref.citation,
            "url": ref.url, "note": src.note}


def item_json(s: Scenario) -> dict:
    """Everything a reviewer needs to answer one item, in the order the Markdown shows it."""
    return {
        "id": s.id, "slug": s.slug, "title": s.title, "severity": s.severity,
        "grounding": s.grounding, "grounding_tag": s.grounding_tag, "grounding_note": GROUNDING_NOTE[s.grounding],
        "caveat": s.caveat or None,
        "question": s.question, "look_at": s.look_at, "carve_out": s.carve_out, "backfire": s.backfire,
        "open_questions": list(s.open_questions),
        "families": list(s.families), "spi": list(s.spi), "effect": s.effect,
        "decisions": list(s.decisions),
        "linted": list(s.detection_kinds), "checklist_only_note": s.detection_note if s.checklist_only else None,
        "sources": [source_json(src) for src in s.sources],
        "review_hash": s.review_hash,
    }


def checklist_data(library: Library, decision: str | None = None) -> dict:
    """The checklist as plain data: one group per decision type (only `decision` when given)."""
    decisions = [decision] if decision else list(DECISIONS)
    unknown = [d for d in decisions if d not in DECISIONS]
    if unknown:
        raise ValueError(f"unknown decision type {unknown[0]!r}; expected one of {', '.join(DECISIONS)}")
    groups = [{"decision": d, "title": DECISION_TITLES[d],
               "items": [item_json(item.scenario) for item in library.checklist(d)]} for d in decisions]
    return {"version": FORMAT_VERSION,
            "library": {"version": library.version, "digest": library.digest},
            "decisions": groups}


def render_markdown(data: dict) -> str:
    return environment().get_template("checklist.md.j2").render(data=data)


def render_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def render(library: Library, decision: str | None, fmt: str) -> str:
    data = checklist_data(library, decision)
    return render_json(data) if fmt == "json" else render_markdown(data)
