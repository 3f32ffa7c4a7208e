"""Review records end to end, with real files in a temporary directory: init, check, answer (through
the API and through `review answer`), staleness of subjects and of single items, new and retired
items, interrupted sessions, hand-written comments, the --lint link and the report."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from spilock.analyzers import engine
from spilock.analyzers.model import Finding, Suppression
from spilock.checklist import record as record_mod
from spilock.checklist.record import open_record, read_record
from spilock.cli import cli
from spilock.errors import SpilockError

DECISION = "spec-change"
SPEC = "# Spec\n\n1.1 The model must never change its own values or goals.\n"

# A team scenario in an extra directory: lets a test change a question without touching the bundle.
TEAM_SCENARIO = textwrap.dedent("""\
    id: ACME-S{num}
    slug: acme-scenario-{num}
    title: A team scenario used by the review tests
    kind: implementation
    actors: [developer]
    stages: [model-spec]
    decisions: [spec-change]
    families: [value-change-prohibition]
    severity: info
    summary: A scenario that exists so that the review tests can change its wording.
    action: The team writes a clause that this test scenario stands for.
    mechanism:
      spi: [surrogate-goal]
      text: The clause would keep a surrogate goal from being adopted, in this test's story.
    shapes:
      other: ["a clause in the test story"]
    detection:
      kinds: []
      note: Checklist-only, because it exists for tests.
    carve_out: {carve_out}
    checklist:
      question: {question}
      look_at: The clause in the test story and its exceptions.
    backfire: Over-applying the test carve-out has no real cost.
    grounding: speculative
    caveat: This scenario is invented for tests and claims nothing.
    sources:
      - ref: agenda26
        locator: "§II.2"
    """)


def team_scenario(directory: Path, num: str = "001", question: str = "Does the test clause admit a surrogate goal?",
                  carve_out: str = "Add the test exception for surrogate goals.") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"ACME-S{num}.yaml"
    path.write_text(TEAM_SCENARIO.format(num=num, question=question, carve_out=carve_out), encoding="utf-8")
    return path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A small repository: a spec, a team scenario dir, and a reviews dir; cwd is its root."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "model_spec.md").write_text(SPEC, encoding="utf-8")
    team_scenario(tmp_path / "team")
    return tmp_path


def init(repo: Path, *extra_args: str, name: str = "spec.yaml", team: bool = False) -> Path:
    """`review init` in the repo; with team=True the record also covers the team's scenario dir."""
    out = Path("reviews") / name
    result = run("review", "init", "--decision", DECISION, "--subject", "specs/model_spec.md",
                 "--reviewer", "Ada", *(["--extra", "team"] if team else []), "-o", str(out), *extra_args)
    assert result.exit_code == 0, result.output
    return out


def answer_all(path: Path, answer: str = "yes") -> None:
    """Answer every open item through the API, saving after each (as `review answer` does)."""
    record, library = open_record(path)
    for item in record.items:
        scenario = library[str(item["id"])]
        if item["answer"] is None or item["question_hash"] != scenario.review_hash:
            record.set_answer(scenario, answer, by="Ada", rationale="checked section 1" if answer == "n/a" else None)
            record.save()
    for scenario in (i.scenario for i in library.checklist(record.decision)):
        if record.item(scenario.id) is None:  # new in the library since init
            record.set_answer(scenario, answer, by="Ada")
            record.save()


def check(*paths: Path, lint: bool = False):
    return run("review", "check", *map(str, paths), *(["--lint"] if lint else []))


def fail_lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": warning: " not in line]


# ---------------------------------------------------------------------------------------------
# the lifecycle


def test_full_lifecycle(repo, library):
    path = init(repo, team=True)
    record = read_record(path)
    expected = sorted(i.id for i in library.checklist(DECISION)) + ["ACME-S001"]
    assert sorted(str(i["id"]) for i in record.items) == sorted(expected)
    assert record.data["subjects"][0]["path"] == "../specs/model_spec.md"

    result = check(path)  # nothing answered yet
    assert result.exit_code == 1
    assert sorted(fail_lines(result)) == sorted(f"{path}:{i}: unanswered" for i in expected)

    answer_all(path)
    result = check(path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""

    (repo / "specs" / "model_spec.md").write_text(SPEC + "\n1.2 Added after the review.\n", encoding="utf-8")
    result = check(path)
    assert result.exit_code == 1
    [line] = fail_lines(result)
    assert line.startswith(f"{path}: stale: subject ../specs/model_spec.md changed since the review")

    # re-review through the CLI: accept the re-review, then confirm each previous answer
    todo = len(expected)
    result = run("review", "answer", str(path), input="y\n" + "\n\n" * todo)
    assert result.exit_code == 0, result.output
    assert "Previous answer: yes" in result.output
    assert check(path).exit_code == 0


def test_answer_interactively_with_every_kind_of_answer(repo, library):
    path = init(repo)
    n = len(read_record(path).items)
    script = ("yes\nall clauses carry the exception\n"                           # yes + optional rationale
              "no\nmitigation\nadded the carve-out to section 1.4\n\n"            # no + mitigation
              "no\naccept\nthe spec is retired next month\nGrace Hopper\n\n"      # no + accepted risk
              "n/a\nno negotiation in this product\n"                             # n/a + rationale
              "skip\n" + "yes\n\n" * (n - 5))
    result = run("review", "answer", str(path), input=script)
    assert result.exit_code == 0, result.output
    record = read_record(path)
    first = [to_dict(i) for i in record.items[:5]]
    assert first[0]["answer"] == "yes" and first[0]["rationale"] == "all clauses carry the exception"
    assert first[1]["answer"] == "no" and first[1]["mitigation"] == "added the carve-out to section 1.4"
    assert first[2]["accepted_risk"] == {"rationale": "the spec is retired next month", "approver": "Grace Hopper"}
    assert first[3]["answer"] == "n/a" and first[3]["rationale"] == "no negotiation in this product"
    assert first[4]["answer"] is None  # skipped
    assert all(i["answered_by"] == "Ada" for i in first[:4])
    result = check(path)
    assert result.exit_code == 1
    assert fail_lines(result) == [f"{path}:{first[4]['id']}: unanswered"]
    result = run("review", "answer", str(path), input="yes\n\n")  # resume: only the skipped item is left
    assert result.exit_code == 0, result.output
    assert "[1/1]" in result.output
    assert check(path).exit_code == 0


def to_dict(item) -> dict:
    return record_mod.to_plain(item)


def test_interactive_walk_shows_question_look_at_and_carve_out(repo, library):
    path = init(repo)
    first = library[str(read_record(path).items[0]["id"])]
    result = run("review", "answer", str(path), input="quit\n")
    flat = " ".join(result.output.split())
    for text in (first.question, first.look_at, first.carve_out):
        assert " ".join(text.split()) in flat


def test_answers_are_quoted_so_yaml_1_1_readers_see_strings(repo):
    path = init(repo)
    answer_all(path, "n/a")
    plain = yaml.safe_load(path.read_text(encoding="utf-8"))  # PyYAML reads bare no/yes as booleans
    assert {i["answer"] for i in plain["items"]} == {"n/a"}
    record, library = open_record(path)
    record.set_answer(library[str(record.items[0]["id"])], "no", mitigation="carve-out added")
    record.save()
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["items"][0]["answer"] == "no"


# ---------------------------------------------------------------------------------------------
# staleness of single items; new and retired items


@pytest.mark.parametrize("change", ["question", "carve_out"])
def test_a_scenario_text_change_makes_exactly_its_item_stale(repo, change):
    path = init(repo, team=True)
    answer_all(path)
    assert check(path).exit_code == 0
    edit = {"question": "Does the reworded test clause admit a surrogate goal?"} if change == "question" \
        else {"carve_out": "Add the reworded test exception for surrogate goals."}
    team_scenario(repo / "team", **edit)
    result = check(path)
    assert result.exit_code == 1
    [line] = fail_lines(result)
    assert line.startswith(f"{path}:ACME-S001: stale: the question or carve-out changed")
    result = run("review", "answer", str(path), input="\n\n")  # only that item; Enter keeps the old answer
    assert result.exit_code == 0, result.output
    assert "[1/1] ACME-S001" in result.output and "changed since this was answered 'yes'" in result.output
    assert check(path).exit_code == 0
    expected = edit.get("question", "Does the test clause admit a surrogate goal?")
    assert read_record(path).item("ACME-S001")["question"] == expected


def test_a_new_library_scenario_is_a_new_item_to_answer(repo):
    path = init(repo, team=True)
    answer_all(path)
    team_scenario(repo / "team", num="002")
    result = check(path)
    assert result.exit_code == 1
    assert fail_lines(result) == [f"{path}:ACME-S002: new item: the library now has this scenario for "
                                  f"'{DECISION}'; answer it"]
    result = run("review", "answer", str(path), input="yes\n\n")
    assert result.exit_code == 0, result.output
    assert check(path).exit_code == 0
    assert read_record(path).item("ACME-S002")["answer"] == "yes"


def test_a_retired_scenario_is_a_warning_not_a_failure(repo):
    path = init(repo, team=True)
    answer_all(path)
    (repo / "team" / "ACME-S001.yaml").unlink()
    result = check(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (f"{path}:ACME-S001: warning: no longer in the library for '{DECISION}' "
                                     f"(retired or renumbered); its answer no longer gates anything, remove the item")


def test_a_moved_repository_still_passes(repo, tmp_path_factory, monkeypatch):
    path = init(repo)
    answer_all(path)
    moved = tmp_path_factory.mktemp("elsewhere") / "checkout"
    shutil.copytree(repo, moved)
    monkeypatch.chdir(moved.parent)
    result = check(Path("checkout") / path)
    assert result.exit_code == 0, result.output


def test_a_missing_subject_fails(repo):
    path = init(repo)
    answer_all(path)
    (repo / "specs" / "model_spec.md").unlink()
    result = check(path)
    assert result.exit_code == 1
    assert "subject ../specs/model_spec.md not found" in result.stdout


# ---------------------------------------------------------------------------------------------
# incomplete answers written by hand; the API refuses them


@pytest.mark.parametrize("edit, reason", [
    ("    answer: 'no'\n", "answered no without a mitigation or an accepted risk (rationale and approver)"),
    ("    answer: 'no'\n    mitigation: '   '\n", "answered no without a mitigation or an accepted risk"),
    ("    answer: 'n/a'\n", "answered n/a without a rationale"),
])
def test_incomplete_hand_answers_fail_the_gate(repo, edit, reason):
    path = init(repo)
    answer_all(path)
    text = path.read_text(encoding="utf-8")
    first_answer = "    answer: 'yes'\n"
    path.write_text(text.replace(first_answer, edit, 1), encoding="utf-8")
    result = check(path)
    assert result.exit_code == 1
    [line] = fail_lines(result)
    first_id = read_record(path).items[0]["id"]
    assert line.startswith(f"{path}:{first_id}: {reason}")


@pytest.mark.parametrize("kwargs, message", [
    ({"answer": "no"}, "needs a mitigation or an accepted risk"),
    ({"answer": "no", "accepted_risk": ("fine", " ")}, "needs both a rationale and an approver"),
    ({"answer": "n/a"}, "needs a rationale"),
    ({"answer": "maybe"}, "answer must be one of"),
])
def test_the_api_refuses_incomplete_answers(repo, library, kwargs, message):
    path = init(repo)
    record, library = open_record(path)
    scenario = library[str(record.items[0]["id"])]
    with pytest.raises(SpilockError, match=message):
        record.set_answer(scenario, kwargs.pop("answer"), **kwargs)


def test_complete_item_schema_agrees_with_the_api(library):
    scenario = library["S01"]
    base = {"id": "S01", "slug": scenario.slug, "question_hash": scenario.review_hash}
    cases = [({"answer": None}, False), ({"answer": "yes"}, True), ({"answer": "no"}, False),
             ({"answer": "no", "mitigation": "carve-out"}, True),
             ({"answer": "no", "accepted_risk": {"rationale": "r", "approver": "a"}}, True),
             ({"answer": "n/a"}, False), ({"answer": "n/a", "rationale": " "}, False),
             ({"answer": "n/a", "rationale": "not in scope"}, True)]
    for extra, complete in cases:
        assert record_mod.is_complete(base | extra) is complete, extra


# ---------------------------------------------------------------------------------------------
# interruption, atomic writes, hand-written comments


def test_an_interrupted_answer_session_keeps_the_answers_so_far(repo):
    path = init(repo)
    result = run("review", "answer", str(path), input="yes\n\nn/a\nout of scope\n")  # input ends: like a kill
    assert "2 answer(s) saved" in result.output
    record = read_record(path)  # still a valid record
    answers = [i["answer"] for i in record.items]
    assert answers[:2] == ["yes", "n/a"] and set(answers[2:]) == {None}
    result = run("review", "answer", str(path), input="quit\n")
    assert f"[1/{len(answers) - 2}]" in result.output  # resumes at the third item


def test_a_keyboard_interrupt_mid_session_keeps_the_answers_so_far(repo, monkeypatch):
    path = init(repo)
    import click

    replies = iter(["yes", "", "yes", ""])

    def prompt(*args, **kwargs):
        try:
            return next(replies)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(click, "prompt", prompt)
    result = run("review", "answer", str(path))
    assert result.exit_code == 1 and "Aborted" in result.output  # click turns Ctrl-C into Abort
    answers = [i["answer"] for i in read_record(path).items]
    assert answers[:2] == ["yes", "yes"] and set(answers[2:]) == {None}


def test_a_crash_while_saving_leaves_the_previous_record(repo, monkeypatch):
    path = init(repo)
    answer_all(path)
    before = path.read_bytes()
    record, library = open_record(path)
    record.set_answer(library[str(record.items[0]["id"])], "n/a", rationale="changed mind")

    def crash(*_args):
        raise OSError("disk pulled")

    import spilock.yamlio as yamlio

    monkeypatch.setattr(yamlio.os, "replace", crash)  # the rename is the commit point of a save
    with pytest.raises(OSError):
        record.save()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_hand_added_comments_and_keys_order_survive_saves(repo):
    path = init(repo)
    text = path.read_text(encoding="utf-8")
    first_id = read_record(path).items[0]["id"]
    text = text.replace(f"  - id: {first_id}\n",
                        f"  # legal looked at this one on Monday\n  - id: {first_id}  # tricky\n", 1)
    text = text.replace("reviewers:\n", "reviewers:  # both sign\n", 1)
    path.write_text(text, encoding="utf-8")
    answer_all(path)
    run("review", "answer", str(path), input="quit\n")
    saved = path.read_text(encoding="utf-8")
    assert "# legal looked at this one on Monday\n" in saved
    assert f"- id: {first_id}  # tricky\n" in saved
    assert "reviewers:  # both sign\n" in saved
    assert saved.startswith("# spilock review record")
    keys = list(yaml.safe_load(saved))
    assert keys == ["version", "decision", "subjects", "library", "reviewers", "created", "items"]


# ---------------------------------------------------------------------------------------------
# init


def test_init_refuses_to_overwrite_without_force(repo):
    path = init(repo)
    answer_all(path)
    result = run("review", "init", "--decision", DECISION, "--subject", "specs/model_spec.md", "-o", str(path))
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert read_record(path).items[0]["answer"] == "yes"
    assert init(repo, "--force") == path
    assert read_record(path).items[0]["answer"] is None


def test_init_rejects_a_missing_subject(repo):
    result = run("review", "init", "--decision", DECISION, "--subject", "specs/nope.md", "-o", "r.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == "specs/nope.md: subject not found"
    assert not Path("r.yaml").exists()


# ---------------------------------------------------------------------------------------------
# several records; exit statuses


def test_check_exit_status_over_several_records(repo):
    good = init(repo, name="good.yaml")
    answer_all(good)
    open_ = init(repo, name="open.yaml")
    broken = Path("reviews/broken.yaml")
    broken.write_text("- not a record\n", encoding="utf-8")
    assert check(good).exit_code == 0
    assert check(good, open_).exit_code == 1
    result = check(good, open_, broken)
    assert result.exit_code == 2
    assert f"{broken}:1:1: a review record must be a YAML mapping" in result.stderr
    assert "3 review record(s): 1 passed, 1 failed, 1 unusable" in result.stderr


# ---------------------------------------------------------------------------------------------
# the --lint link


def fake_finding(path: str, scenario: str = "S01", suppressed: Suppression | None = None) -> Finding:
    return Finding(rule="LO101", name="unconditional-value-change-prohibition", family="value-change-prohibition",
                   severity="error", confidence="high", path=path, line=3, column=5, end_line=3, end_column=60,
                   message="may foreclose adopting a surrogate goal", scenarios=(scenario,),
                   suppressed=suppressed)


def fake_lint(findings):
    def lint(paths, exclude=()):
        return engine.Report(findings=list(findings), files=len(list(paths)))
    return lint


@pytest.fixture
def spec_review(repo):
    path = Path("reviews/spec.yaml")
    result = run("review", "init", "--decision", DECISION, "--subject", "specs/model_spec.md",
                 "--reviewer", "Ada", "-o", str(path))
    assert result.exit_code == 0, result.output
    answer_all(path)
    return path


def test_lint_fails_a_yes_contradicted_by_a_finding(spec_review, monkeypatch):
    monkeypatch.setattr(engine, "lint", fake_lint([fake_finding("specs/model_spec.md")]))
    assert check(spec_review).exit_code == 0  # without --lint the linter is not consulted
    result = check(spec_review, lint=True)
    assert result.exit_code == 1
    [line] = fail_lines(result)
    assert line == (f"{spec_review}:S01: answered yes (option preserved), but lint finding LO101 "
                    f"unconditional-value-change-prohibition stands at specs/model_spec.md:3:5: "
                    f"may foreclose adopting a surrogate goal")


@pytest.mark.parametrize("finding", [
    fake_finding("specs/model_spec.md", suppressed=Suppression("inline", "reviewed: SPI carve-out in 4.2", 3)),
    fake_finding("specs/other.md"),  # not a subject of this review
    fake_finding("specs/model_spec.md", scenario="S99"),  # a scenario this review has no item for
])
def test_lint_ignores_findings_that_do_not_contradict_the_review(spec_review, monkeypatch, finding):
    monkeypatch.setattr(engine, "lint", fake_lint([finding]))
    result = check(spec_review, lint=True)
    assert result.exit_code == 0, result.output


def test_lint_does_not_fail_an_item_answered_no(spec_review, monkeypatch):
    record, library = open_record(spec_review)
    record.set_answer(library["S01"], "no", mitigation="carve-out lands in the next spec release")
    record.save()
    monkeypatch.setattr(engine, "lint", fake_lint([fake_finding("specs/model_spec.md")]))
    assert check(spec_review, lint=True).exit_code == 0


def test_lint_end_to_end_with_the_real_prose_rules(spec_review):
    from spilock.analyzers.rules import all_rules

    if not any(r.kind == "prose" and "S01" in r.scenarios for r in all_rules()):
        pytest.skip("no prose rule for S01 yet: the prose analyzer has not landed")
    result = check(spec_review, lint=True)
    assert result.exit_code == 1, result.output
    assert any(line.startswith(f"{spec_review}:S01: answered yes") and "specs/model_spec.md:3:" in line
               for line in fail_lines(result)), result.output


# ---------------------------------------------------------------------------------------------
# the report


def test_report_summarises_for_a_pr_comment(repo):
    path = init(repo)
    record, library = open_record(path)
    items = [library[str(i["id"])] for i in record.items]
    record.set_answer(items[0], "no", accepted_risk=("the spec is retired next month", "Grace Hopper"), by="Ada")
    record.set_answer(items[1], "no", mitigation="carve-out added to 1.4", by="Ada")
    record.set_answer(items[2], "n/a", rationale="no negotiation", by="Ada")
    record.set_answer(items[3], "yes", by="Ada")
    record.save()
    result = run("review", "report", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "fail"
    assert data["counts"] == {"yes": 1, "no": 2, "n/a": 1, "unanswered": len(items) - 4}
    assert data["accepted_risks"] == [{"id": items[0].id, "slug": items[0].slug, "question": items[0].question,
                                       "rationale": "the spec is retired next month", "approver": "Grace Hopper",
                                       "answered_by": "Ada"}]
    assert [o["id"] for o in data["open"]] == [s.id for s in items[4:]]
    md = run("review", "report", str(path)).stdout
    assert "### spilock review: spec-change (FAIL)" in md
    assert f"- {items[0].id} {items[0].slug}: approved by **Grace Hopper**: the spec is retired next month" in md
    assert "**Answers:** 1 yes · 2 no · 1 n/a" in md


def test_report_lists_stale_items_and_subjects(repo):
    path = init(repo, team=True)
    answer_all(path)
    team_scenario(repo / "team", question="Does the reworded test clause admit a surrogate goal?")
    (repo / "specs" / "model_spec.md").write_text(SPEC + "edited\n", encoding="utf-8")
    data = json.loads(run("review", "report", str(path), "--format", "json").stdout)
    assert [s["id"] for s in data["stale"]] == ["ACME-S001"]
    assert data["subjects"][0]["status"] == "changed"
    assert data["status"] == "fail"
