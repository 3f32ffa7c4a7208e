"""JUnit XML for CI dashboards (Jenkins, GitLab, Azure Pipelines, test-report actions).

The Report holds findings, not the list of clean files, so each active finding is one testcase
(classname = path, name = "LO101 line 42"): an error or warning finding is a <failure>, an info
finding a <skipped> case whose details are in <system-out> (worth a look, not a failure). A file
that could not be linted is an <error> case. A clean run still has one passing case, because some
dashboards treat a report without cases as a broken run. Suppressed findings are not cases; the
suite's properties count them.

Text from linted files reaches the XML (messages quote clauses), so characters that XML 1.0 cannot
hold (control characters, lone surrogates) are replaced; ElementTree escapes the rest.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...errors import Problem
from ..engine import Report
from ..model import Finding

# Characters outside XML 1.0's Char production: C0 controls except TAB/LF/CR, surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(report: Report, *, show_fix: bool = False, statistics: bool = False) -> str:
    # Every case carries its carve-out; statistics are what the dashboard computes from the cases.
    return to_xml(report)


def to_xml(report: Report) -> str:
    cases = [_finding_case(f) for f in report.active()] + [_error_case(e) for e in report.errors]
    if not cases:
        cases = [_case("spilock", f"{report.files} files linted, no findings")]
    counts = {"tests": len(cases), "failures": _count(cases, "failure"), "errors": _count(cases, "error"),
              "skipped": _count(cases, "skipped")}
    root = ET.Element("testsuites", {"name": "spilock", **{k: str(v) for k, v in counts.items()}})
    suite = ET.SubElement(root, "testsuite", {"name": "spilock", **{k: str(v) for k, v in counts.items()}})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("files", report.files), ("suppressed", len(report.findings) - len(report.active()))):
        ET.SubElement(properties, "property", {"name": name, "value": str(value)})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _count(cases: list[ET.Element], tag: str) -> int:
    return sum(1 for case in cases if case.find(tag) is not None)


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": clean(classname), "name": clean(name), "time": "0"})


def _finding_case(f: Finding) -> ET.Element:
    case = _case(f.path, f"{f.rule} line {f.line}")
    case.set("file", clean(f.path))
    case.set("line", str(f.line))
    details = clean(_details(f))
    if f.severity == "info":
        ET.SubElement(case, "skipped", {"message": clean(f"{f.rule} [info] {f.message}")})
        ET.SubElement(case, "system-out").text = details
    else:
        failure = ET.SubElement(case, "failure", {"message": clean(f.message), "type": f"{f.rule} [{f.severity}]"})
        failure.text = details
    return case


def _details(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} {f.name} [{f.severity}, confidence {f.confidence}]",
             f.message]
    if f.fix:
        lines.append(f"Carve-out: {f.fix}")
    if f.scenarios:
        lines.append("Scenarios: " + ", ".join(f.scenarios))
    lines.append(f"Help: {f.help_uri}")
    return "\n".join(lines)


def _error_case(problem: Problem) -> ET.Element:
    case = _case(problem.path, "not linted" if problem.line is None else f"not linted (line {problem.line})")
    case.set("file", clean(problem.path))
    error = ET.SubElement(case, "error", {"message": clean(problem.message), "type": "file-error"})
    error.text = clean(str(problem))
    return case
