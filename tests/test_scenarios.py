"""The scenario library: the bundled library validates, and each malformation gives its error and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from spilock.cli import cli
from spilock.scenarios import loader
from spilock.scenarios.model import DECISIONS

PRIVATE = textwrap.dedent("""\
    id: ACME-S001
    slug: acme-never-renegotiate-vendor-terms
    title: Vendor terms declared never renegotiable
    kind: implementation
    actors: [developer]
    stages: [deal-terms]
    decisions: [commitment]
    families: [irrevocable-commitment]
    severity: warning
    summary: Our vendor contract template says terms are never renegotiated, even to a Pareto improvement.
    action: Legal adds a no-renegotiation clause to every vendor agreement an agent signs.
    mechanism:
      spi: [renegotiation]
      text: A later Pareto-improving renegotiation of a conflict outcome is ruled out by the contract.
    shapes:
      prose: ["terms are final and will never be renegotiated"]
    detection:
      kinds: [prose]
    carve_out: Terms are final, except for Pareto improvements that leave each party's demands unchanged.
    checklist:
      question: Does the contract admit Pareto improvements on the conflict outcome?
      look_at: The renegotiation and amendment clauses of the template.
    backfire: Openly revocable terms can be exploited by a counterparty that raises its demands.
    grounding: extrapolated
    caveat: The agenda discusses AI commitments, not vendor contracts; this is our extrapolation.
    sources:
      - ref: agenda26
        locator: intro, fn 2
    related: [S01]
    examples:
      flag:
        - kind: prose
          text: These terms are final and will never be renegotiated.
        - kind: prose
          text: The agent shall not reopen any signed agreement.
        - kind: prose
          text: Signed terms are irrevocable under all circumstances.
      clean:
        - kind: prose
          text: These terms are final, except for Pareto improvements that leave demands unchanged.
        - kind: prose
          text: The supplier may propose a renegotiation at any time.
        - kind: prose
          text: Do you want these terms to be final?
    """)


def write_private(tmp_path: Path, text: str, name: str = "ACME-S001.yaml") -> Path:
    d = tmp_path / "private"
    d.mkdir(exist_ok=True)
    (d / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return d


def line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")


def private_problems(tmp_path: Path, text: str | bytes):
    d = write_private(tmp_path, text)
    lib, problems = loader.check_library([d])
    return lib, [p for p in problems if "private" in p.path]


def test_bundled_library_validates(library):
    assert len(library.scenarios) == 35
    assert [s.id for s in library.scenarios] == [f"S{i:02d}" for i in range(1, 36)]


def test_private_scenarios_extend_the_library(tmp_path):
    lib, problems = private_problems(tmp_path, PRIVATE)
    assert problems == []
    assert lib is not None and lib.get("ACME-S001").slug == "acme-never-renegotiate-vendor-terms"


# (description, old text, new text, expected message fragment, line marker in the new text)
MALFORMED = [
    ("example kind outside the vocabulary", "  - kind: prose\n      text: The agent shall not",
     "  - kind: poem\n      text: The agent shall not", "examples.flag[1].kind: 'poem' is not one of", "kind: poem"),
    ("non-direct grounding without a caveat",
     "caveat: The agenda discusses AI commitments, not vendor contracts; this is our extrapolation.\n", "",
     "'caveat' is a required property", "id: ACME-S001"),
    ("error severity without a located source", "severity: warning", "severity: error",
     "sources: [{'ref': 'agenda26'}] does not contain items matching", "sources:"),
    ("bad id pattern", "id: ACME-S001", "id: acme_1", "id: 'acme_1' does not match", "id: acme_1"),
    ("decision outside the vocabulary", "decisions: [commitment]", "decisions: [merger]",
     "decisions[0]: 'merger' is not one of", "decisions: [merger]"),
    ("too few flag examples", "    - kind: prose\n      text: Signed terms are irrevocable under all circumstances.\n", "",
     "examples.flag: [", "flag:"),
    ("checklist-only without a note", "  kinds: [prose]", "  kinds: []", "'note' is a required property",
     "detection:"),
    ("question that is not a question", "on the conflict outcome?", "on the conflict outcome.",
     "checklist.question", "question:"),
    ("unknown field", "backfire:", "backfires: x\nbackfire:", "Additional properties are not allowed",
     "id: ACME-S001"),
    ("duplicate id", "id: ACME-S001", "id: S01", "id: 'S01' is already used", "id: S01"),
    ("duplicate slug", "slug: acme-never-renegotiate-vendor-terms", "slug: value-change-ban-unconditional",
     "slug: 'value-change-ban-unconditional' is already used", "slug: value-change"),
    ("unknown family", "families: [irrevocable-commitment]", "families: [vibes]", "unknown family 'vibes'",
     "families: [vibes]"),
    ("missing bibliography entry", "- ref: agenda26", "- ref: nobody99", "'nobody99' is not in references.yaml",
     "ref: nobody99"),
    ("related scenario that does not exist", "related: [S01]", "related: [S99]", "no scenario with id 'S99'",
     "related: [S99]"),
    ("example kind not detectable", "  kinds: [prose]", "  kinds: [code]", "is not in detection.kinds",
     "- kind: prose"),
    ("duplicate key", "kind: implementation\n", "kind: implementation\nkind: incentive\n", "duplicate key 'kind'",
     "kind: incentive"),
    ("unsafe tag", "title: Vendor terms declared never renegotiable",
     "title: !!python/object/apply:os.system [echo hi]", "unsafe or unknown YAML tag", "title: !!python"),
    ("malformed YAML", "actors: [developer]", "actors: [developer", "invalid YAML", "stages:"),
]


@pytest.mark.parametrize("case", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_each_malformation_gives_its_error_and_line(tmp_path, case):
    _, old, new, fragment, marker = case
    assert old in PRIVATE, "test case out of date"
    text = PRIVATE.replace(old, new, 1)
    if "severity: error" in new:  # an error-severity scenario also needs a located source
        text = text.replace("    locator: intro, fn 2\n", "")
    lib, problems = private_problems(tmp_path, text)
    assert lib is None
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"no problem containing {fragment!r} in {[str(p) for p in problems]}"
    if marker != "id: ACME-S001":  # document-level problems point at the top
        assert matching[0].line == line_of(text, marker), str(matching[0])
    rendered = str(matching[0])
    assert rendered.startswith(str(tmp_path / "private" / "ACME-S001.yaml") + ":")
    assert "\n" not in rendered and "Traceback" not in rendered


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    text = PRIVATE.replace("families: [irrevocable-commitment]", "families: [vibes]").replace(
        "related: [S01]", "related: [S99]")
    _, problems = private_problems(tmp_path, text)
    assert len(problems) == 2


def test_non_utf8_file_is_one_line_error(tmp_path):
    raw = PRIVATE.encode("utf-8").replace(b"Vendor terms", b"Vendor \xff terms")
    _, problems = private_problems(tmp_path, raw)
    assert len(problems) == 1 and "not valid UTF-8" in problems[0].message and problems[0].line == 3


def test_validate_command_exit_codes(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate"])
    assert ok.exit_code == 0 and "35 scenarios, 0 errors" in ok.output
    bad = write_private(tmp_path, PRIVATE.replace("families: [irrevocable-commitment]", "families: [vibes]"))
    res = runner.invoke(cli, ["validate", str(bad)])
    assert res.exit_code == 2
    assert "unknown family 'vibes'" in res.output and "Traceback" not in res.output


def test_every_scenario_has_what_the_schema_demands(library):
    for s in library.scenarios:
        assert s.sources and s.carve_out and s.question.endswith("?") and s.backfire
        assert set(s.decisions) <= set(DECISIONS)
        assert s.family in library.families
        if s.grounding != "direct":
            assert s.caveat, s.id
        if s.checklist_only:
            assert s.detection_note and not s.examples, s.id
        else:
            assert len(s.examples_of("flag")) >= 3 and len(s.examples_of("clean")) >= 3, s.id
            for kind in s.detection_kinds:
                assert s.examples_of("flag", kind) and s.examples_of("clean", kind), (s.id, kind)


def test_checklist_only_scenarios_exist_and_say_why(library):
    only = [s for s in library.scenarios if s.checklist_only]
    assert only, "late-to-commit and similar scenarios are checklist-only"
    assert library.get("late-to-commit").checklist_only


def test_scenarios_cli_list_and_show():
    runner = CliRunner()
    res = runner.invoke(cli, ["scenarios", "list", "--format", "json"])
    assert res.exit_code == 0
    import json
    rows = json.loads(res.output)
    assert {"id", "title", "kind", "families", "grounding"} <= set(rows[0])
    shown = runner.invoke(cli, ["scenarios", "show", "value-change-ban-unconditional"])
    assert shown.exit_code == 0 and "Carve-out" in shown.output and "agenda26" in shown.output
    missing = runner.invoke(cli, ["scenarios", "show", "nope"])
    assert missing.exit_code == 2
