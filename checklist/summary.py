"""`spilock review report`: a summary of a review record that a PR comment can carry.

Built from the same states as the gate (gate.py), so the report and `review check` agree:
status, counts by answer, open items, accepted risks with their approvers, mitigations,
n/a rationales, stale items and subjects, new and retired items.
"""

from __future__ import annotations

import json

from ..scenarios.model import Library
from .gate import check_record, item_states, passed, subject_states
from .generate import environment
from .record import ANSWERS, ReviewRecord

REPORT_VERSION = 1


def summary_data(record: ReviewRecord, library: Library) -> dict:
    states = item_states(record, library)
    lines = check_record(record, library)
    live = [s for s in states if s.status != "retired"]
    counts = {answer: sum(1 for s in live if s.answer == answer) for answer in ANSWERS}
    counts["unanswered"] = sum(1 for s in live if s.answer is None)

    def row(state, **extra) -> dict:
        question = state.scenario.question if state.scenario else (state.item or {}).get("question")
        return {"id": state.id, "slug": state.slug, "question": question, **extra}

    answered_no = [s for s in live if s.answer == "no"]
    return {
        "version": REPORT_VERSION,
        "record": str(record.path),
        "decision": record.decision,
        "status": "pass" if passed(lines) else "fail",
        "reviewers": record.reviewers,
        "created": str(record.data["created"]),
        "library": {"recorded": {"version": str(record.data["library"]["version"]),
                                 "digest": str(record.data["library"]["digest"])},
                    "current": {"version": library.version, "digest": library.digest}},
        "subjects": [{"path": s.recorded, "status": s.status, "sha256": s.sha256} for s in subject_states(record)],
        "counts": counts,
        "open": [row(s, reason=s.reasons[0]) for s in live if s.status in ("open", "new")],
        "accepted_risks": [row(s, rationale=s.item["accepted_risk"]["rationale"],
                               approver=s.item["accepted_risk"]["approver"], answered_by=s.item.get("answered_by"))
                           for s in answered_no if s.item.get("accepted_risk")],
        "mitigations": [row(s, mitigation=s.item["mitigation"], answered_by=s.item.get("answered_by"))
                        for s in answered_no if s.item.get("mitigation")],
        "not_applicable": [row(s, rationale=s.item.get("rationale")) for s in live if s.answer == "n/a"],
        "stale": [row(s, reason=s.reasons[0]) for s in live if s.status == "stale"],
        "incomplete": [row(s, reason=s.reasons[-1]) for s in live if s.status == "incomplete"],
        "retired": [row(s) for s in states if s.status == "retired"],
        "problems": [str(line) for line in lines],
    }


def render_summary(record: ReviewRecord, library: Library, fmt: str) -> str:
    data = summary_data(record, library)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    return environment().get_template("report.md.j2").render(r=data).rstrip() + "\n"
