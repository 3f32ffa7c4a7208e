"""`path:line:col: RULE [severity] message`, as ruff prints, with optional carve-outs and counts."""

from __future__ import annotations

from collections import Counter

from ..engine import Report


def render(report: Report, *, show_fix: bool = False, statistics: bool = False) -> str:
    lines = []
    for f in report.active():
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}")
        if show_fix and f.fix:
            lines.append(f"    fix: {f.fix}")
    for e in report.errors:
        lines.append(f"{e}  [error: not linted]")
    if statistics and report.active():
        lines.append("")
        counts = Counter((f.rule, f.name) for f in report.active())
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:>5}  {code}  {name}")
    lines.append(summary_line(report))
    return "\n".join(lines)


def summary_line(report: Report) -> str:
    active = report.active()
    by_sev = Counter(f.severity for f in active)
    parts = [f"{report.files} file{'s' if report.files != 1 else ''} linted",
             f"{len(active)} finding{'s' if len(active) != 1 else ''}"
             + (f" ({', '.join(f'{by_sev[s]} {s}' for s in ('error', 'warning', 'info') if by_sev[s])})"
                if active else "")]
    suppressed = len(report.findings) - len(active)
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    if report.errors:
        parts.append(f"{len(report.errors)} file error{'s' if len(report.errors) != 1 else ''}")
    if report.skipped:
        parts.append("skipped (no analyzer yet): " + ", ".join(f"{n} {k}" for k, n in sorted(report.skipped.items())))
    return "; ".join(parts) + "."
