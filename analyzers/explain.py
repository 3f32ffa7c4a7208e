"""One template with fixed sections (as ruff documents rules), shared by `spilock explain` and the site."""

from __future__ import annotations

from ..scenarios.model import Library
from .rules import Rule

SECTIONS = ("What it checks", "Why it matters", "Example that fires", "Example that does not fire",
            "How to fix", "Severity and confidence", "Scenarios and sources")


def rule_sections(rule: type[Rule], library: Library) -> dict[str, str]:
    """The content of each fixed section, as Markdown-friendly plain text."""
    scenarios = [library.get(sid) for sid in rule.scenarios]
    scenarios = [s for s in scenarios if s is not None]
    fires = list(rule.INVALID) or [e.text for s in scenarios for e in s.examples_of("flag", rule.kind)]
    calm = list(rule.VALID) or [e.text for s in scenarios for e in s.examples_of("clean", rule.kind)]
    why = "\n\n".join(f"{s.id} {s.title} [{s.grounding_tag}]: {s.mechanism}"
                      + (f"\nCaveat: {s.caveat}" if s.caveat else "") for s in scenarios)
    fix = _placeholders(rule.fix) if rule.fix else (scenarios[0].carve_out if scenarios else "")
    sources = "\n".join(f"{s.id} ({s.slug}): " + "; ".join(f"{src.label} {src.reference.citation}"
                                                             for src in s.sources) for s in scenarios)
    return {
        "What it checks": rule.description(),
        "Why it matters": why,
        "Example that fires": fires[0].strip() if fires else "(none recorded)",
        "Example that does not fire": calm[0].strip() if calm else "(none recorded)",
        "How to fix": fix.strip(),
        "Severity and confidence": f"{rule.severity}, {rule.confidence} confidence. Family: {rule.family}.",
        "Scenarios and sources": sources,
    }


def _placeholders(template: str) -> str:
    """Show a template's fields as <field>: a finding fills them from the clause it is about."""
    import string

    class Marked(dict):
        def __missing__(self, key: str) -> str:
            return f"<{key}>"
    return string.Formatter().vformat(template, (), Marked())


def explain_rule(rule: type[Rule], library: Library) -> str:
    out = [f"{rule.code} {rule.name} ({rule.kind}, family {rule.family})", ""]
    for title, body in rule_sections(rule, library).items():
        out.append(f"## {title}")
        out.append(_indent(body) if title.startswith("Example") else body)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
