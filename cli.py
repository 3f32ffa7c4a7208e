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


class SpilockGroup(click.Group):
    """Turns a SpilockError from any command into one line per problem and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SpilockError as exc:
            fail(exc)


@click.group(cls=SpilockGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "junit"]), default=None,
              help="Output format (default: text, or the configured one).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding at or above this severity stands (default: warning).")
@click.option("--select", help="Comma-separated rule codes, prefixes (LO1) or families to report.")
@click.option("--ignore", help="Comma-separated rule codes, prefixes or families to skip.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this spilock.toml / pyproject.toml instead of the closest one.")
@click.option("--show-fix", is_flag=True, help="Print the suggested carve-out under each finding.")
@click.option("--statistics", is_flag=True, help="Print counts per rule.")
@click.option("--exclude", multiple=True, help="Extra gitignore-style patterns to skip.")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False), help="Record today's findings as the baseline.")
@click.option("--no-cache", is_flag=True, help="Analyse every file afresh (the cache never changes results).")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=Path(".spilock_cache"),
              show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: one per core).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings stand (errors in use still exit 2).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
def lint(paths, fmt, fail_on, select, ignore, config_file, show_fix, statistics, exclude, baseline,
         write_baseline, no_cache, cache_dir, jobs, exit_zero, output) -> None:
    """Lint PATHS (default: .) for clauses that lock out safe Pareto improvements."""
    from .analyzers import baseline as baselines, engine, report as reporters, settings as config
    from .errors import EXIT_FINDINGS, EXIT_OK, Problem
    from .yamlio import atomic_write

    paths = paths or (Path("."),)
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        fail(SpilockError([Problem(str(p), "no such file or directory") for p in missing]))
    settings = config.resolve(paths[0], config_file, {
        "select": _codes(select), "ignore": _codes(ignore), "fail_on": fail_on, "format": fmt})
    progress = _progress_printer() if sys.stderr.isatty() else None
    result = engine.lint(paths, exclude=exclude, settings=settings, cache_dir=None if no_cache else cache_dir,
                         jobs=jobs, progress=progress)
    if write_baseline:
        count = baselines.write(write_baseline, result.active())
        click.echo(f"wrote {count} baseline entries to {write_baseline}", err=True)
    if baseline:
        result.findings, result.stale_baseline = baselines.apply(
            result.findings, baselines.read(baseline), str(baseline))
    text = reporters.render(result, settings.format, show_fix=show_fix, statistics=statistics)
    if output and output.exists() and not output.is_file():  # /dev/null, a pipe: never rename over it
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    elif output:
        atomic_write(output, text + "\n")
    else:
        click.echo(text)
    # A file that could not be linted fails the gate too: an unparseable file must not hide a clause.
    failed = result.failing(settings.fail_on) or result.errors
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


def _progress_printer():
    """Progress on stderr, only for long runs on a terminal; cleared when done."""
    import time

    start = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - start > 1.0:
            end = "\n" if done == total else ""
            click.echo(f"\rspilock: {done}/{total} files", err=True, nl=False)
            if end:
                click.echo("", err=True)
    return show


@cli.group("config")
def config_group() -> None:
    """Inspect spilock's configuration."""


@config_group.command("show")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False))
def config_show(path: Path, config_file) -> None:
    """Print the resolved settings for PATH and where each came from."""
    from .analyzers import settings as config

    resolved = config.resolve(path, config_file)
    origin = dict(resolved.sources)
    for key, value in resolved.to_json().items():
        click.echo(f"{key.replace('_', '-'):<18} = {json.dumps(value)}    # {origin.get(key, 'default')}")


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


# ==== checklist + review commands (issue 6; owner: checklist engineer) — begin ====
# Logic lives in spilock.checklist; these commands parse arguments, call it, and print.

from .scenarios.model import DECISIONS as _DECISIONS  # noqa: E402


@cli.command("checklist")
@click.option("--decision", type=click.Choice(_DECISIONS), help="Only the items for this decision type.")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--extra", multiple=True, type=click.Path(path_type=Path), help="A team's scenario directory.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to a file.")
def checklist_cmd(decision, fmt, extra, output) -> None:
    """The SPI lock-out checklist, generated from the library (all decision types unless --decision)."""
    from .checklist.generate import render
    from .yamlio import atomic_write

    text = render(library_or_exit(extra), decision, fmt)
    if output:
        atomic_write(output, text if text.endswith("\n") else text + "\n")
    else:
        click.echo(text.rstrip("\n"))


@cli.group()
def review() -> None:
    """Review records: answers to the checklist that gate a commitment decision in CI."""


@review.command("init")
@click.option("--decision", required=True, type=click.Choice(_DECISIONS))
@click.option("--subject", "subjects", multiple=True, required=True, type=click.Path(path_type=Path),
              help="A file under review (repeat for several); its SHA-256 is recorded.")
@click.option("--reviewer", "reviewers", multiple=True, help="A reviewer's name (repeatable).")
@click.option("--extra", multiple=True, type=click.Path(path_type=Path), help="A team's scenario directory.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing record (its answers are lost).")
def review_init(decision, subjects, reviewers, extra, output, force) -> None:
    """Create a review record with one open item per scenario that applies to DECISION."""
    from .checklist.record import create_record, library_for, write_new

    try:
        record = create_record(output, library_for(extra), decision, subjects, reviewers, extra)
        write_new(record, force=force)
    except SpilockError as exc:
        fail(exc)
    click.echo(f"{output}: {len(record.items)} items to answer for {decision}; "
               f"next: spilock review answer {output}")


def _open_record_or_exit(path):
    from .checklist.record import open_record

    try:
        return open_record(path)
    except SpilockError as exc:
        fail(exc)


@review.command("answer")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--as", "reviewer", help="Who is answering (default: the record's only reviewer, else asked).")
def review_answer(file, reviewer) -> None:
    """Answer open, stale and new items one at a time; saved after every answer, resumable."""
    from .checklist import interview

    record, library = _open_record_or_exit(file)
    if reviewer is None:
        names = record.reviewers
        reviewer = names[0] if len(names) == 1 else click.prompt("Your name (recorded as answered_by)")
    outcome = interview.run(record, library, reviewer)
    if outcome.declined_rereview:
        click.echo(f"{file}: not re-reviewed; `spilock review check` fails until it is.", err=True)
        sys.exit(1)  # EXIT_FINDINGS: the record still fails the gate
    left = len(interview.queue(record, library))
    state = "stopped" if outcome.quit else "done"
    click.echo(f"\n{file}: {state}; {outcome.answered} answer(s) saved, {left} item(s) still to answer.")
    if left:
        click.echo(f"Resume with: spilock review answer {file}")
    else:
        click.echo(f"Next: spilock review check {file}")


@review.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lint", "with_lint", is_flag=True,
              help="Also fail items answered yes while a lint finding of their scenario stands on a subject.")
def review_check(files, with_lint) -> None:
    """The CI gate: exit 0 when every record passes, 1 when one fails, 2 when one is unusable."""
    from .checklist.gate import check_record, passed
    from .checklist.record import open_record
    from .errors import EXIT_FINDINGS, EXIT_OK

    failed = unusable = 0
    for file in files:
        try:
            record, library = open_record(file)
        except SpilockError as exc:
            unusable += 1
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        lines = check_record(record, library, lint=with_lint)
        for line in lines:
            click.echo(str(line))
        failed += not passed(lines)
    ok = len(files) - failed - unusable
    click.echo(f"{len(files)} review record(s): {ok} passed, {failed} failed, {unusable} unusable", err=True)
    sys.exit(EXIT_USAGE if unusable else EXIT_FINDINGS if failed else EXIT_OK)


@review.command("report")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to a file.")
def review_report(file, fmt, output) -> None:
    """A summary for a PR comment: status, counts by answer, open items, accepted risks, stale items."""
    from .checklist.summary import render_summary
    from .yamlio import atomic_write

    record, library = _open_record_or_exit(file)
    text = render_summary(record, library, fmt)
    if output:
        atomic_write(output, text if text.endswith("\n") else text + "\n")
    else:
        click.echo(text.rstrip("\n"))

# ==== checklist + review commands (issue 6) — end ====


# ==== site commands (issue 7; owner: site engineer) — begin ====
@cli.group("site")
def site_group() -> None:
    """Build or preview the documentation site (mkdocs; runs from a checkout of spilock)."""


def _site_config(config_file: Path | None) -> Path:
    from .sitegen import CONFIG_FILE

    path = config_file or CONFIG_FILE
    if not path.is_file():
        click.echo(f"spilock: {path}: mkdocs.yml not found; `spilock site` needs a checkout of the spilock "
                   "repository (or --config-file)", err=True)
        sys.exit(EXIT_USAGE)
    return path


def _with_mkdocs_logging(level: int, run, *args, **kwargs):
    """mkdocs reports through logging; show its messages as its own CLI would, for this call only."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(level)
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(min(level, logging.INFO))
    try:
        return run(*args, **kwargs)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@site_group.command("build")
@click.option("-d", "--site-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Build into this directory (default: site_build/ in the checkout).")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False),
              help="The mkdocs.yml to use (default: the checkout's).")
def site_build(site_dir: Path | None, config_file: Path | None) -> None:
    """Generate the library's pages and run `mkdocs build --strict`."""
    import logging

    from mkdocs.exceptions import MkDocsException

    from .sitegen import build_site

    config = _site_config(config_file)
    try:
        result = _with_mkdocs_logging(logging.WARNING, build_site, site_dir, config)
    except (MkDocsException, OSError) as exc:
        click.echo(f"spilock: site build failed: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"built {result.pages} pages in {result.seconds:.1f}s into {result.site_dir}")


@site_group.command("serve")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False),
              help="The mkdocs.yml to use (default: the checkout's).")
def site_serve(dev_addr: str, config_file: Path | None) -> None:
    """Preview the site locally, rebuilding when a page or the library changes."""
    import logging

    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    config = _site_config(config_file)
    try:
        _with_mkdocs_logging(logging.INFO, serve, config_file=str(config), dev_addr=dev_addr, livereload=True)
    except (MkDocsException, OSError) as exc:
        click.echo(f"spilock: site serve failed: {exc}", err=True)
        sys.exit(EXIT_USAGE)
# ==== site commands (issue 7) — end ====


def main() -> None:
    try:
        cli(prog_name="spilock")
    except SpilockError as exc:
        fail(exc)


if __name__ == "__main__":
    main()
