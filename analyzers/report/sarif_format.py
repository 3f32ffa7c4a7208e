"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, SARIF viewers).

The log validates against the OASIS schema (errata01; vendored in tests/schemas and checked by the
suite). Choices that matter to consumers:

- Paths are relative URIs resolved against `%SRCROOT%` (the directory spilock ran in). Its
  absolute URI is left out on purpose, so that the same checkout gives the same log on every
  machine (SARIF Appendix F, deterministic output).
- `tool.driver.rules` lists every registered rule in code order, so `ruleIndex` is stable from run
  to run; a finding whose rule is not registered still gets a descriptor.
- Every result carries `suppressions` (empty when active): the spec requires all results of a run
  to have it or none to have it, and spilock decides suppression for every finding.
- A carve-out is prose, not a text edit, so it is not a SARIF `fix`; it goes in
  `properties.fix` and in the markdown message.
- A file that could not be linted is an error notification: the run's results are then known to be
  incomplete, which is the truth. The tool itself still ran as asked (`executionSuccessful`).
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from ... import __version__
from ...errors import Problem
from ..engine import Report
from ..model import HELP_BASE, Finding
from ..rules import Rule, all_rules

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://spilock.dev/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "spilockClauseFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "block": "inSource", "baseline": "external", "config": "external"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")  # what could start emphasis, code, links or HTML


def render(report: Report, *, show_fix: bool = False, statistics: bool = False) -> str:
    # show_fix and statistics shape the text output; SARIF always carries carve-outs and rule data.
    return json.dumps(to_sarif(report), indent=2, ensure_ascii=False)


def to_sarif(report: Report) -> dict:
    findings = sorted(report.findings, key=_finding_order)
    rules = _rule_table(findings)
    index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    run = {
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation(report)],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The directory spilock was run in."}}},
        "columnKind": "unicodeCodePoints",  # analyzers count columns in Python str characters
        "results": [_result(f, index[f.rule]) for f in findings],
        "properties": {"files": report.files, "suppressed": len(report.findings) - len(report.active())},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _driver(rules: list[dict]) -> dict:
    driver = {"name": "spilock", "version": __version__, "informationUri": INFORMATION_URI, "rules": rules}
    if re.fullmatch(r"\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?", __version__):
        driver["semanticVersion"] = __version__
    return driver


def _finding_order(f: Finding) -> tuple:
    return (f.path, f.line, f.column, f.rule, f.end_line, f.end_column, f.message)


# --- rules -------------------------------------------------------------------------------------


def _rule_table(findings: list[Finding]) -> list[dict]:
    table = {rule.code: _descriptor(rule) for rule in all_rules()}
    # A finding from a rule outside the registry still needs a descriptor for its ruleIndex; taking
    # it from the first finding in sorted order keeps the log independent of input order.
    for f in findings:
        table.setdefault(f.rule, _descriptor_from_finding(f))
    return [table[code] for code in sorted(table)]


def _descriptor(rule: type[Rule]) -> dict:
    description = rule.description() or rule.name
    help_uri = f"{HELP_BASE}{rule.code}/"  # the same address Finding.help_uri gives
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(description)},
        "fullDescription": {"text": description},
        "helpUri": help_uri,
        "help": {"text": f"{description}\n\nSee {help_uri}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"family": rule.family, "confidence": rule.confidence, "kind": rule.kind,
                       "scenarios": list(rule.scenarios), "tags": _tags(rule.family, rule.kind)},
    }


def _descriptor_from_finding(f: Finding) -> dict:
    return {
        "id": f.rule, "name": f.name, "shortDescription": {"text": f.name}, "helpUri": f.help_uri,
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {"family": f.family, "confidence": f.confidence, "scenarios": list(f.scenarios),
                       "tags": _tags(f.family)},
    }


def _tags(family: str, kind: str | None = None) -> list[str]:
    tags = ["spilock", family]
    if kind and kind != "any":
        tags.append(kind)
    return list(dict.fromkeys(tags))  # SARIF tags are a set: no duplicates


def _first_sentence(text: str) -> str:
    first = text.split("\n\n", 1)[0].replace("\n", " ").strip()
    match = re.match(r"(.+?[.!?])(\s|$)", first)
    return match.group(1) if match else first


# --- results -----------------------------------------------------------------------------------


def _result(f: Finding, rule_index: int) -> dict:
    properties: dict = {"name": f.name, "family": f.family, "severity": f.severity,
                        "confidence": f.confidence, "scenarios": list(f.scenarios)}
    if f.fix:
        properties["fix"] = f.fix
    if f.clause is not None:
        properties["clause"] = f.clause.to_json()
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": _message(f),
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(f.path),
                                            "region": _region(f)}}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "suppressions": _suppressions(f),
        "properties": properties,
    }


def _message(f: Finding) -> dict:
    markdown = _md(f.message)
    if f.fix:
        markdown += f"\n\n**Carve-out:** {_md(f.fix)}"
    markdown += f"\n\n[{f.rule} {_md(f.name)}]({f.help_uri})"
    return {"text": f.message, "markdown": markdown}


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _region(f: Finding) -> dict:
    # SARIF positions are 1-based, like ours; an end before the start is dropped rather than
    # emitted as an invalid region.
    line, column = max(f.line, 1), max(f.column, 1)
    region = {"startLine": line, "startColumn": column}
    if f.end_line > line or (f.end_line == line and f.end_column >= column):
        region["endLine"] = f.end_line
        region["endColumn"] = max(f.end_column, 1)
    return region


def _suppressions(f: Finding) -> list[dict]:
    if f.suppressed is None:
        return []
    s = f.suppressed
    entry = {"kind": SUPPRESSION_KINDS.get(s.kind, "external"), "status": "accepted", "justification": s.reason,
             "properties": {"spilockKind": s.kind}}
    if s.line is not None and entry["kind"] == "inSource":
        entry["location"] = {"physicalLocation": {"artifactLocation": artifact_location(f.path),
                                                  "region": {"startLine": s.line}}}
    return [entry]


def artifact_location(path: str) -> dict:
    """A relative path becomes a percent-encoded URI under %SRCROOT%; an absolute one a file: URI."""
    if path.startswith("/"):
        return {"uri": PurePosixPath(path).as_uri()}
    if PureWindowsPath(path).is_absolute():  # C:\... when spilock runs on Windows
        return {"uri": PureWindowsPath(path).as_uri()}
    posix = path.replace("\\", "/")
    return {"uri": quote(posix, safe="/-._~!$&'()*+,;=@"), "uriBaseId": SRCROOT}


# --- invocation --------------------------------------------------------------------------------


def _invocation(report: Report) -> dict:
    invocation: dict = {"executionSuccessful": True}
    execution = [_file_error(e) for e in sorted(report.errors, key=lambda e: (e.path, e.line or 0, e.message))]
    for kind, count in sorted(report.skipped.items()):
        execution.append({"level": "warning", "message": {
            "text": f"{count} {kind} file{'s' if count != 1 else ''} not linted: no {kind} analyzer yet"}})
    if execution:
        invocation["toolExecutionNotifications"] = execution
    stale = [_stale_entry(e) for e in report.stale_baseline]
    if stale:
        invocation["toolConfigurationNotifications"] = stale
    return invocation


def _file_error(problem: Problem) -> dict:
    location: dict = {"artifactLocation": artifact_location(problem.path)}
    if problem.line is not None and problem.line >= 1:
        location["region"] = {"startLine": problem.line}
        if problem.column is not None and problem.column >= 1:
            location["region"]["startColumn"] = problem.column
    return {"level": "error", "message": {"text": f"not linted: {problem.message}"},
            "locations": [{"physicalLocation": location}]}


def _stale_entry(entry: dict) -> dict:
    path = str(entry.get("path", ""))
    where = f"{path}:{entry['line']}" if isinstance(entry.get("line"), int) else path
    note: dict = {"level": "note", "message": {
        "text": f"stale baseline entry: {entry.get('rule')} at {where} matches no finding; remove it"}}
    if path:
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]
    return note
