"""The `spilock` command group. Commands parse arguments, call the library, and print; no logic lives here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_USAGE, SpilockError
from .scenarios import loader


def fail(exc: SpilockError) -> None:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    sys.exit(EXIT_USAGE)


def library_or_exit(extra_dirs=()):
    try:
        return loader.load_library(extra_dirs)
    except SpilockError as exc:
        fail(exc)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spilock")
def cli() -> None:
    """Find clauses that lock out safe Pareto improvements (SPIs) before they ship."""


@cli.command()
@click.argument("dirs", nargs=-1, type=click.Path(path_type=Path))
def validate(dirs: tuple[Path, ...]) -> None:
    """Validate the bundled scenario library, plus any DIRS of a team's own scenarios."""
    lib, problems = loader.check_library(dirs)
    for problem in problems:
        click.echo(str(problem))
    if lib is None:
        click.echo(f"{len(problems)} error{'s' if len(problems) != 1 else ''}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{len(lib.scenarios)} scenarios, 0 errors")


@cli.group()
def scenarios() -> None:
    """Browse the scenario library."""


def _scenario_row(s) -> dict:
    return {"id": s.id, "slug": s.slug, "title": s.title, "kind": s.kind, "severity": s.severity,
            "families": list(s.families), "grounding": s.grounding, "decisions": list(s.decisions),
            "detection": list(s.detection_kinds) or "checklist-only"}


@scenarios.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--family", help="Only scenarios of this family.")
@click.option("--decision", help="Only scenarios that apply to this decision type.")
@click.option("--extra", "extra", multiple=True, type=click.Path(path_type=Path), help="A team's scenario directory.")
def scenarios_list(fmt: str, family: str | None, decision: str | None, extra) -> None:
    """List scenarios: id, title, kind, families, grounding."""
    lib = library_or_exit(extra)
    rows = [s for s in lib.scenarios
            if (family is None or family in s.families) and (decision is None or decision in s.decisions)]
    if fmt == "json":
        click.echo(json.dumps([_scenario_row(s) for s in rows], indent=2))
        return
    for s in rows:
        click.echo(f"{s.id:<5} [{s.grounding_tag}] {s.kind:<14} {s.slug:<42} {', '.join(s.families)}")
    click.echo(f"{len(rows)} scenarios")


@scenarios.command("show")
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--extra", "extra", multiple=True, type=click.Path(path_type=Path))
def scenarios_show(key: str, fmt: str, extra) -> None:
    """Show one scenario by id (S01) or slug."""
    lib = library_or_exit(extra)
    s = lib.get(key)
    if s is None:
        click.echo(f"spilock: no scenario '{key}' (try `spilock scenarios list`)", err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "json":
        row = _scenario_row(s) | {
            "summary": s.summary, "action": s.action, "mechanism": s.mechanism, "carve_out": s.carve_out,
            "question": s.question, "look_at": s.look_at, "backfire": s.backfire, "caveat": s.caveat,
            "open_questions": list(s.open_questions), "related": list(s.related),
            "sources": [{"ref": x.reference.key, "locator": x.locator, "citation": x.reference.citation}
                        for x in s.sources],
            "examples": [{"expect": e.expect, "kind": e.kind, "lang": e.lang, "text": e.text, "note": e.note}
                         for e in s.examples]}
        click.echo(json.dumps(row, indent=2))
        return
    click.echo(render_scenario_text(s))


def render_scenario_text(s) -> str:
    wrap = lambda t: click.wrap_text(t, 88, initial_indent="  ", subsequent_indent="  ")  # noqa: E731
    parts = [f"{s.id} {s.slug}: {s.title}",
             f"kind: {s.kind} | severity: {s.severity} | grounding: {s.grounding} [{s.grounding_tag}]"
             f" | families: {', '.join(s.families)}",
             f"decisions: {', '.join(s.decisions)} | stages: {', '.join(s.stages)}"]
    if s.caveat:
        parts += ["", "Caveat:", wrap(s.caveat)]
    for title, text in (("Summary", s.summary), ("What is done", s.action), ("What it forecloses", s.mechanism),
                        ("Carve-out", s.carve_out), ("Backfire risk", s.backfire)):
        parts += ["", f"{title}:", wrap(text)]
    parts += ["", "Checklist question:", wrap(s.question), wrap("Look at: " + s.look_at)]
    if s.open_questions:
        parts += ["", "Open questions:"] + [wrap("- " + q) for q in s.open_questions]
    if s.checklist_only:
        parts += ["", "Linter: checklist-only. " + s.detection_note]
    parts += ["", "Sources:"] + [f"  {src.label} {src.reference.citation}" for src in s.sources]
    return "\n".join(parts)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "junit"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Exit 1 when a finding at or above this severity stands.")
@click.option("--show-fix", is_flag=True, help="Print the suggested carve-out under each finding.")
@click.option("--statistics", is_flag=True, help="Print counts per rule.")
@click.option("--exclude", multiple=True, help="Extra gitignore-style patterns to skip.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings stand (errors in use still exit 2).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to a file.")
def lint(paths, fmt, fail_on, show_fix, statistics, exclude, exit_zero, output) -> None:
    """Lint PATHS (default: .) for clauses that lock out safe Pareto improvements."""
    from .analyzers import engine, report as reporters
    from .errors import EXIT_FINDINGS, EXIT_OK, Problem

    paths = paths or (Path("."),)
    missing = [p for p in paths if not p.exists()]
    if missing:
        fail(SpilockError([Problem(str(p), "no such file or directory") for p in missing]))
    result = engine.lint(paths, exclude=exclude)
    text = reporters.render(result, fmt, show_fix=show_fix, statistics=statistics)
    if output:
        from .yamlio import atomic_write
        atomic_write(output, text + "\n")
    else:
        click.echo(text)
    sys.exit(EXIT_FINDINGS if result.failing(fail_on) and not exit_zero else EXIT_OK)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_cmd(fmt: str) -> None:
    """List the lint rules: code, name, family, severity, confidence, scenarios."""
    from .analyzers.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([rule_row(r) for r in rules], indent=2))
        return
    for r in rules:
        click.echo(f"{r.code}  {r.name:<44} {r.kind:<6} {r.family:<28} {r.severity:<7} {r.confidence:<6} "
                   f"{','.join(r.scenarios)}")
    click.echo(f"{len(rules)} rules")


def rule_row(r) -> dict:
    return {"code": r.code, "name": r.name, "kind": r.kind, "family": r.family, "severity": r.severity,
            "confidence": r.confidence, "scenarios": list(r.scenarios), "message": r.message, "fix": r.fix,
            "description": r.description()}


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: what it checks, why, an example that fires and one that doesn't, how to fix."""
    from .analyzers.explain import explain_rule
    from .analyzers.rules import get_rule

    rule = get_rule(code)
    if rule is None:
        click.echo(f"spilock: no rule '{code}' (try `spilock rules`)", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(explain_rule(rule, library_or_exit()))


def main() -> None:
    try:
        cli(prog_name="spilock")
    except SpilockError as exc:
        fail(exc)


if __name__ == "__main__":
    main()
