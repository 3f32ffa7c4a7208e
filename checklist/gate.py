"""`spilock review check`: the CI gate over a review record, and the states `review report` summarises.

A record passes when every item that applies to its decision is answered completely against the
current question, and every subject is byte-for-byte the file that was reviewed. Each reason to
fail is one line `record:ITEM: reason` (or `record: reason` for the record as a whole).

Decided here:
- An item whose scenario is gone from the library (or no longer applies to the decision) is a
  warning, not a failure: the answer no longer gates anything, and failing every old record when
  a scenario is retired would teach teams to ignore the gate. New scenarios, by contrast, fail.
- A missing subject fails: the reviewed document is not the one being shipped.
- `--lint` fails an item answered yes while an unsuppressed finding of its scenario stands on a
  subject, and fails when a subject cannot be linted at all (the link cannot be checked).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal

from ..scenarios.model import Library, Scenario
from .record import ReviewRecord, is_complete, sha256_file, to_plain

ItemStatus = Literal["ok", "open", "incomplete", "stale", "new", "retired"]


@dataclass(frozen=True)
class GateLine:
    """One reason a record fails (or a warning that does not fail it)."""

    record: str
    item: str | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.record}:{self.item}" if self.item else self.record
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


@dataclass(frozen=True)
class SubjectState:
    recorded: str  # as stored in the record (relative to the record's directory)
    path: Path  # on disk
    sha256: str  # at review time
    current: str | None  # now; None when the file is missing

    @property
    def status(self) -> str:
        if self.current is None:
            return "missing"
        return "ok" if self.current == self.sha256 else "changed"


@dataclass(frozen=True)
class ItemState:
    id: str
    slug: str
    status: ItemStatus
    reasons: tuple[str, ...]  # why the item does not pass, one line each
    item: dict | None  # plain copy of the record's item; None for a new item
    scenario: Scenario | None  # None for a retired item

    @property
    def answer(self) -> str | None:
        return None if self.item is None else self.item.get("answer")


def subject_states(record: ReviewRecord) -> list[SubjectState]:
    states = []
    for recorded, path, sha in record.subjects():
        current = sha256_file(path) if path.is_file() else None
        states.append(SubjectState(recorded, path, sha, current))
    return states


def item_states(record: ReviewRecord, library: Library) -> list[ItemState]:
    """The record's items in file order, then the library's new items in checklist order."""
    applicable = {i.scenario.id: i.scenario for i in library.checklist(record.decision)}
    states = [_item_state(to_plain(item), applicable.get(str(item["id"])), record.decision)
              for item in record.items]
    present = {s.id for s in states}
    for scenario_id, scenario in applicable.items():
        if scenario_id not in present:
            states.append(ItemState(scenario.id, scenario.slug, "new",
                                    (f"new item: the library now has this scenario for '{record.decision}'; "
                                     f"answer it",), None, scenario))
    return states


def _item_state(item: dict, scenario: Scenario | None, decision: str) -> ItemState:
    item_id, slug = item["id"], item["slug"]
    if scenario is None:
        reason = (f"no longer in the library for '{decision}' (retired or renumbered); "
                  f"its answer no longer gates anything, remove the item")
        return ItemState(item_id, slug, "retired", (reason,), item, None)
    answer = item.get("answer")
    if answer is None:
        previous = item.get("previous_answer")
        reason = "unanswered" + (f" (reopened for re-review; previous answer: {previous})" if previous else "")
        return ItemState(item_id, slug, "open", (reason,), item, scenario)
    reasons = []
    status: ItemStatus = "ok"
    if item["question_hash"] != scenario.review_hash:
        status = "stale"
        reasons.append(f"stale: the question or carve-out changed since it was answered "
                       f"({item['question_hash']} -> {scenario.review_hash}); answer it again")
    if not is_complete(item):
        status = "incomplete" if status == "ok" else status
        reasons.append(_incomplete_reason(answer))
    return ItemState(item_id, slug, status, tuple(reasons), item, scenario)


def _incomplete_reason(answer: str) -> str:
    if answer == "no":
        return "answered no without a mitigation or an accepted risk (rationale and approver)"
    if answer == "n/a":
        return "answered n/a without a rationale"
    return f"answer {answer!r} is incomplete"


def subject_lines(name: str, subjects: Iterable[SubjectState]) -> list[GateLine]:
    lines = []
    for s in subjects:
        if s.status == "missing":
            lines.append(GateLine(name, None, f"subject {s.recorded} not found ({s.path}); "
                                              f"the reviewed file is not the one being shipped"))
        elif s.status == "changed":
            lines.append(GateLine(name, None, f"stale: subject {s.recorded} changed since the review "
                                              f"(sha256 {s.sha256[:12]}... then, {s.current[:12]}... now); "
                                              f"re-review it with `spilock review answer`"))
    return lines


def check_record(record: ReviewRecord, library: Library, *, lint: bool = False,
                 linter: Callable | None = None) -> list[GateLine]:
    """Every reason the record fails the gate, plus warnings; an empty list means it passes."""
    name = str(record.path)
    subjects = subject_states(record)
    states = item_states(record, library)
    lines = subject_lines(name, subjects)
    for state in states:
        lines.extend(GateLine(name, state.id, reason, warning=state.status == "retired")
                     for reason in state.reasons)
    if not record.reviewers:
        lines.append(GateLine(name, None, "no reviewer named in `reviewers`", warning=True))
    if lint:
        lines.extend(lint_lines(name, subjects, states, linter))
    return lines


def passed(lines: Iterable[GateLine]) -> bool:
    return not any(not line.warning for line in lines)


def lint_lines(name: str, subjects: list[SubjectState], states: list[ItemState],
               linter: Callable | None = None) -> list[GateLine]:
    """Fail each item answered yes while the linter finds its scenario on a subject."""
    if linter is None:
        from ..analyzers import engine  # late: the gate works without the analyzers' dependencies

        linter = engine.lint
    present = [s for s in subjects if s.current is not None]
    if not present:
        return []
    report = linter([s.path for s in present])
    by_real = {s.path.resolve(): s.recorded for s in present}
    lines = [GateLine(name, None, f"subject {by_real.get(Path(e.path).resolve(), e.path)} could not be linted, "
                                  f"so --lint cannot vouch for it: {e}")
             for e in report.errors]
    for kind, count in sorted(getattr(report, "skipped", {}).items()):
        lines.append(GateLine(name, None, f"{count} subject file(s) of kind '{kind}' have no analyzer yet; "
                                          f"--lint did not check them", warning=True))
    answered_yes = {s.id: s for s in states if s.answer == "yes"}
    for finding in report.findings:
        if finding.suppressed is not None or Path(finding.path).resolve() not in by_real:
            continue
        for scenario_id in finding.scenarios:
            if scenario_id in answered_yes:
                lines.append(GateLine(name, scenario_id, (
                    f"answered yes (option preserved), but lint finding {finding.rule} {finding.name} "
                    f"stands at {finding.path}:{finding.line}:{finding.column}: {finding.message}")))
    return lines
