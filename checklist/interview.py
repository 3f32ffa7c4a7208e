"""`spilock review answer`: walk the items that need an answer, one at a time, saving after each.

The queue is every item the gate would fail for a missing or outdated answer: open items (also
those reopened by a re-review), answered items whose question or carve-out changed, and items
the library gained since `review init`. The record is saved atomically after every answer, so a
kill between answers loses nothing and running the command again resumes where it stopped.

If a subject changed since the review, every answer was given about another file: the reviewer
is asked to re-review, which records the new SHA-256 and reopens all items (each remembers its
previous answer, offered as the default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import click

from ..scenarios.model import Library, Scenario
from .gate import ItemState, item_states, subject_states
from .record import ReviewRecord

CHOICES = ("yes", "no", "n/a", "skip", "quit")


@dataclass
class Outcome:
    answered: int = 0
    skipped: int = 0
    remaining: int = 0
    quit: bool = False
    declined_rereview: bool = False


def queue(record: ReviewRecord, library: Library) -> list[ItemState]:
    return [s for s in item_states(record, library) if s.status in ("open", "stale", "new")]


def wrap(text: str, indent: str = "  ") -> str:
    return click.wrap_text(" ".join(text.split()), 88, initial_indent=indent, subsequent_indent=indent)


def show_item(state: ItemState, position: int, total: int, echo: Callable = click.echo) -> None:
    s: Scenario = state.scenario
    echo("")
    echo(click.style(f"[{position}/{total}] {s.id} {s.slug}", bold=True)
         + f"  ({s.severity}, grounding [{s.grounding_tag}] {s.grounding})")
    if state.status == "stale":
        echo(wrap(f"The question or carve-out changed since this was answered {state.answer!r}; answer it again."))
    elif state.status == "new":
        echo(wrap("New item: the library added this scenario since the review was created."))
    echo("")
    echo(wrap(s.question))
    echo("")
    echo("  Look at:")
    echo(wrap(s.look_at, "    "))
    echo("  If no, the carve-out:")
    echo(wrap(s.carve_out, "    "))
    echo("  Backfire risk of over-applying it:")
    echo(wrap(s.backfire, "    "))
    if s.grounding != "direct" and s.caveat:
        echo(f"  Grounding [{s.grounding_tag}] {s.grounding}, not settled:")
        echo(wrap(s.caveat, "    "))
    if s.open_questions:
        echo("  Open (contested, not settled):")
        for question in s.open_questions:
            echo(click.wrap_text(" ".join(question.split()), 88, initial_indent="    - ",
                                 subsequent_indent="      "))
    previous = (state.item or {}).get("previous_answer") or (state.answer if state.status == "stale" else None)
    if previous:
        echo(f"  Previous answer: {previous}")


def _text(prompt: str, default: str | None = None, required: bool = True) -> str | None:
    """A free-text prompt; required ones repeat until the reviewer writes something."""
    while True:
        value = click.prompt(prompt, default=default or ("" if not required else None),
                             show_default=bool(default))
        value = (value or "").strip()
        if value or not required:
            return value or None
        click.echo("  This is required.")


def ask(state: ItemState, reviewer: str | None) -> dict | None:
    """Prompt for one answer. Returns keyword arguments for ReviewRecord.set_answer, or None to skip.

    Raises click.Abort on quit (and click raises it on Ctrl-C / end of input).
    """
    item = state.item or {}
    previous = item.get("previous_answer") or (state.answer if state.status == "stale" else None)
    choice = click.prompt("  Answer", type=click.Choice(CHOICES), default=previous, show_choices=True)
    if choice == "quit":
        raise click.Abort()
    if choice == "skip":
        return None
    fields: dict = {"answer": choice, "by": reviewer}
    if choice == "no":
        how = click.prompt("  Mitigation adopted, or risk accepted?", type=click.Choice(["mitigation", "accept"]),
                           default="accept" if item.get("accepted_risk") else "mitigation")
        if how == "mitigation":
            fields["mitigation"] = _text("  Mitigation (what was changed to keep the option open)",
                                         item.get("mitigation"))
        else:
            risk = item.get("accepted_risk") or {}
            fields["accepted_risk"] = (_text("  Why is the risk accepted", risk.get("rationale")),
                                       _text("  Approver (who accepts it)", risk.get("approver")))
    elif choice == "n/a":
        fields["rationale"] = _text("  Why does this item not apply", item.get("rationale"))
    if choice != "n/a":
        fields["rationale"] = _text("  Rationale (optional)", item.get("rationale"), required=False)
    return fields


def offer_rereview(record: ReviewRecord) -> bool:
    """Ask to re-review when subjects changed; on yes, restamp and reopen every item, then save."""
    changed = [s for s in subject_states(record) if s.status != "ok"]
    if not changed:
        return True
    for s in changed:
        click.echo(f"Subject {s.recorded} is {'missing' if s.status == 'missing' else 'changed since the review'}.")
    if any(s.status == "missing" for s in changed):
        click.echo("Restore the missing subject, or start a new review with `spilock review init`.")
        return False
    if not click.confirm("Every answer was given about the old version. Re-review all items now?", default=True):
        return False
    record.restamp_subjects()
    reopened = record.reopen_all()
    record.save()
    click.echo(f"Recorded the new SHA-256; {reopened} answer(s) reopened (each offered as the default).")
    return True


def run(record: ReviewRecord, library: Library, reviewer: str | None) -> Outcome:
    """The interactive session. Saves after every answer; click.Abort propagates after a save."""
    outcome = Outcome()
    if not offer_rereview(record):
        outcome.declined_rereview = True
        return outcome
    todo = queue(record, library)
    if not todo:
        click.echo("Nothing to answer: every item is answered against the current library.")
        return outcome
    click.echo(f"{len(todo)} item(s) to answer for this {record.decision} review. "
               f"Answers are saved one by one; quit at any time and run this again to resume.")
    for position, state in enumerate(todo, start=1):
        show_item(state, position, len(todo))
        try:
            fields = ask(state, reviewer)
        except click.Abort:
            outcome.quit = True
            outcome.remaining = len(todo) - position + 1
            return outcome
        if fields is None:
            outcome.skipped += 1
            continue
        record.set_answer(state.scenario, fields.pop("answer"), **fields)
        record.save()
        outcome.answered += 1
    outcome.remaining = outcome.skipped
    return outcome
