"""GitHub Actions workflow commands: one annotation per active finding, shown on the pull request.

`::error file=PATH,line=L,endLine=EL,col=C,endColumn=EC,title=LO101 name::message`. Escaping follows
@actions/core (`toCommandValue`/`escapeData`/`escapeProperty`): `%`, CR and LF in the message; those
and `:` and `,` in property values, where they would end the value early. GitHub takes columns only
when the annotation starts and ends on the same line, so a multi-line finding names lines only.
Suppressed findings are left out (the summary line counts them); a file that could not be linted
is an error annotation on that file, since it may hide a clause.
"""

from __future__ import annotations

from collections import Counter

from ...errors import Problem
from ..engine import Report
from ..model import Finding
from .text_format import summary_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render(report: Report, *, show_fix: bool = False, statistics: bool = False) -> str:
    lines = [_finding(f, show_fix) for f in report.active()]
    lines += [_file_error(e) for e in report.errors]
    for entry in report.stale_baseline:
        lines.append(command("notice", {"file": entry.get("path", ""), "title": "stale baseline entry"},
                             f"baseline entry {entry.get('rule')} matches no finding; remove it"))
    if statistics:
        counts = Counter((f.rule, f.name) for f in report.active())
        lines += [f"{n:>5}  {code}  {name}" for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines.append(summary_line(report))  # plain text in the job log; not a command
    return "\n".join(lines)


def _finding(f: Finding, show_fix: bool) -> str:
    props: dict[str, object] = {"file": f.path.replace("\\", "/"), "line": f.line}
    if f.end_line > f.line:
        props["endLine"] = f.end_line  # columns would be ignored (or rejected) across lines
    else:
        props["col"] = f.column
        if f.end_line == f.line and f.end_column >= f.column:
            props["endLine"] = f.end_line
            props["endColumn"] = f.end_column
    props["title"] = f"{f.rule} {f.name}"
    message = f.message
    if show_fix and f.fix:
        message += f"\nCarve-out: {f.fix}"
    return command(COMMANDS[f.severity], props, message)


def _file_error(problem: Problem) -> str:
    props: dict[str, object] = {"file": problem.path.replace("\\", "/")}
    if problem.line is not None:
        props["line"] = problem.line
        if problem.column is not None:
            props["col"] = problem.column
    props["title"] = "file not linted"
    return command("error", props, problem.message)
