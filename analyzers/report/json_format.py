"""The JSON output contract of DESIGN.md (version 1)."""

from __future__ import annotations

import json

from ..engine import Report


def to_dict(report: Report) -> dict:
    active = report.active()
    summary = {"files": report.files, "findings": len(active), "errors": len(report.errors),
               "suppressed": len(report.findings) - len(active)}
    if report.skipped:
        summary["skipped"] = dict(sorted(report.skipped.items()))
    return {"version": 1, "findings": [f.to_json() for f in report.findings],
            "errors": [e.to_json() for e in report.errors], "summary": summary}


def render(report: Report, **_: object) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False)
