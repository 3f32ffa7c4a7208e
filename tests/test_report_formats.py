"""The CI formats: SARIF 2.1.0 (validated against the vendored OASIS schema), GitHub workflow
commands and JUnit XML. Reports are built by hand, so each test states exactly what goes in and
what must come out: levels, escaping, suppressions, file errors and ordering.
"""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from spilock.analyzers import report as reporters
from spilock.analyzers.engine import Report
from spilock.analyzers.model import HELP_BASE, Finding, Suppression
from spilock.analyzers.report import github_format, junit_format, sarif_format
from spilock.analyzers.rules import all_rules, get_rule
from spilock.cli import cli
from spilock.errors import Problem

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-2.1.0.json"

# A clause the prose analyzer reports as LO101; built by hand so these tests do not depend on it.
LO101 = Finding(
    rule="LO101", name="unconditional-value-change-prohibition", family="value-change-prohibition",
    severity="error", confidence="high", path="specs/model_spec.md", line=12, column=1, end_line=12,
    end_column=53, message="prohibits any change of its values with no exception: may foreclose a surrogate goal",
    scenarios=("S01",), fix="add: unless the change adopts a surrogate goal", snippet="The model must never "
    "change its own values or goals.",
)


def finding(**changes) -> Finding:
    return replace(LO101, **changes)


def sample_report() -> Report:
    """Active findings of each severity, an inline and a baseline suppression, a file error, a skip."""
    return Report(
        findings=[
            LO101,
            finding(line=30, end_line=31, end_column=9, severity="warning", path="specs/model_spec.md"),
            finding(line=5, end_line=5, column=3, end_column=20, severity="info", path="configs/train.yaml"),
            finding(line=40, end_line=40, suppressed=Suppression("inline", "reviewed in SPI-42, carve-out in §5", 39)),
            finding(path="docs/old.md", suppressed=Suppression("baseline", "in baseline .spilock-baseline.json")),
            get_rule("LO901").finding(path="configs/train.yaml", line=2, column=1, end_line=2, end_column=30,
                                      codes="LO201"),
        ],
        errors=[Problem("configs/broken.yaml", "duplicate key 'lr'", 3, 5), Problem("specs/blob.md", "binary file")],
        files=5,
        skipped={"code": 2},
        stale_baseline=[{"rule": "LO101", "path": "specs/gone.md", "fingerprint": "abc", "line": 7, "message": "m"}],
    )


# --- SARIF -------------------------------------------------------------------------------------

_URI_CHARS = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"


def _uri_format_checker() -> jsonschema.FormatChecker:
    """RFC 3986 syntax for `uri` / `uri-reference` (jsonschema checks them only with extra packages)."""
    checker = jsonschema.FormatChecker()

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:" + _URI_CHARS, value) is not None

    @checker.checks("uri-reference")
    def is_uri_reference(value: object) -> bool:
        if not isinstance(value, str) or is_uri(value):
            return True
        first_segment = value.split("/", 1)[0]
        return ":" not in first_segment and re.fullmatch(_URI_CHARS, value) is not None

    return checker


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(log: dict, schema: dict) -> None:
    """Validate with the draft the schema declares (draft-04 for the OASIS errata01 file) and with
    draft-07 as well, so that neither dialect's reading of the schema rejects our output."""
    checker = _uri_format_checker()
    declared = jsonschema.validators.validator_for(schema)
    for cls in {declared, jsonschema.Draft7Validator}:
        errors = sorted(cls(schema, format_checker=checker).iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def sarif(report: Report) -> dict:
    return json.loads(reporters.render(report, "sarif"))


def test_vendored_schema_is_the_oasis_sarif_2_1_0_schema(sarif_schema):
    assert sarif_schema["id"] == sarif_format.SCHEMA_URI
    assert sarif_schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert "result" in sarif_schema["definitions"] and "suppression" in sarif_schema["definitions"]


def test_sarif_validates_with_findings_suppressions_and_errors(sarif_schema):
    log = sarif(sample_report())
    validate(log, sarif_schema)
    assert log["version"] == "2.1.0" and log["$schema"] == sarif_format.SCHEMA_URI
    run = log["runs"][0]
    assert len(run["results"]) == 6  # suppressed findings stay in the log
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_validator_would_catch_a_broken_log(sarif_schema):
    """The schema check is not vacuous: a level outside the enum and a missing message fail."""
    log = sarif(sample_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["results"][1]["message"]
    with pytest.raises(AssertionError, match="fatal"):
        validate(log, sarif_schema)


def test_sarif_empty_report_validates(sarif_schema):
    log = sarif(Report())
    validate(log, sarif_schema)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_levels_follow_severity():
    results = sarif(sample_report())["runs"][0]["results"]
    by_line = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]): r["level"] for r in results}
    assert by_line[("specs/model_spec.md", 12)] == "error"
    assert by_line[("specs/model_spec.md", 30)] == "warning"
    assert by_line[("configs/train.yaml", 5)] == "note"


def test_sarif_driver_lists_every_rule_with_help_and_default_level():
    driver = sarif(sample_report())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "spilock" and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    registered = {rule.code: rule for rule in all_rules()}
    assert set(registered) <= set(ids) and "LO101" in ids
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor in driver["rules"]:
        assert descriptor["helpUri"] == f"{HELP_BASE}{descriptor['id']}/"
        rule = registered.get(descriptor["id"])
        if rule is not None:
            assert descriptor["name"] == rule.name
            assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
            assert descriptor["properties"]["family"] == rule.family
            assert descriptor["properties"]["confidence"] == rule.confidence
            assert descriptor["properties"]["scenarios"] == list(rule.scenarios)
            assert rule.family in descriptor["properties"]["tags"]
            assert descriptor["fullDescription"]["text"] == rule.description()


def test_sarif_rule_index_points_at_the_rule_of_each_result():
    run = sarif(sample_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_result_location_message_fingerprint_and_carve_out():
    result = sarif(Report(findings=[LO101], files=1))["runs"][0]["results"][0]
    assert result["ruleId"] == "LO101"
    assert result["message"]["text"] == LO101.message
    assert "**Carve-out:** add: unless the change adopts a surrogate goal" in result["message"]["markdown"]
    assert f"({HELP_BASE}LO101/)" in result["message"]["markdown"]
    assert result["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "specs/model_spec.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 1, "endLine": 12, "endColumn": 53}}}]
    assert result["partialFingerprints"] == {"spilockClauseFingerprint/v1": LO101.fingerprint}
    assert "fixes" not in result  # a carve-out is prose, not an edit a tool could apply
    assert result["properties"]["fix"] == LO101.fix
    assert result["properties"]["family"] == "value-change-prohibition"
    assert result["suppressions"] == []  # decided and not suppressed, as opposed to unknown


def test_sarif_fingerprint_survives_moved_lines():
    moved = finding(line=80, end_line=80)
    fingerprints = [sarif(Report(findings=[f]))["runs"][0]["results"][0]["partialFingerprints"] for f in (LO101, moved)]
    assert fingerprints[0] == fingerprints[1]


def test_sarif_markdown_escapes_markup_from_the_clause():
    result = sarif(Report(findings=[finding(message="never *revise* [the] deal_terms")]))["runs"][0]["results"][0]
    assert result["message"]["text"] == "never *revise* [the] deal_terms"
    assert result["message"]["markdown"].startswith(r"never \*revise\* \[the\] deal\_terms")


def test_sarif_suppressions_inline_in_source_and_baseline_external():
    results = sarif(sample_report())["runs"][0]["results"]
    suppressed = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  + f":{r['locations'][0]['physicalLocation']['region']['startLine']}": r["suppressions"]
                  for r in results if r["suppressions"]}
    inline = suppressed["specs/model_spec.md:40"]
    assert inline == [{"kind": "inSource", "status": "accepted", "justification": "reviewed in SPI-42, carve-out in §5",
                       "properties": {"spilockKind": "inline"},
                       "location": {"physicalLocation": {
                           "artifactLocation": {"uri": "specs/model_spec.md", "uriBaseId": "%SRCROOT%"},
                           "region": {"startLine": 39}}}}]
    baseline = suppressed["docs/old.md:12"]
    assert [(s["kind"], s["justification"]) for s in baseline] == [("external", "in baseline .spilock-baseline.json")]
    assert len(suppressed) == 2
    # the spec wants suppressions on all results of a run or on none
    assert all(isinstance(r["suppressions"], list) for r in results)


def test_sarif_file_errors_become_error_notifications():
    invocation = sarif(sample_report())["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert errors == [
        {"level": "error", "message": {"text": "not linted: duplicate key 'lr'"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "configs/broken.yaml", "uriBaseId": "%SRCROOT%"},
                                             "region": {"startLine": 3, "startColumn": 5}}}]},
        {"level": "error", "message": {"text": "not linted: binary file"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "specs/blob.md", "uriBaseId": "%SRCROOT%"}}}]},
    ]
    skipped = [n["message"]["text"] for n in invocation["toolExecutionNotifications"] if n["level"] == "warning"]
    assert skipped == ["2 code files not linted: no code analyzer yet"]
    stale = invocation["toolConfigurationNotifications"]
    assert [n["level"] for n in stale] == ["note"] and "LO101 at specs/gone.md:7" in stale[0]["message"]["text"]


@pytest.mark.parametrize("path, uri, base", [
    ("specs/a b%.md", "specs/a%20b%25.md", "%SRCROOT%"),  # percent-encoded, % itself included
    ("specs\\win.md", "specs/win.md", "%SRCROOT%"),  # Windows separators become URI slashes
    ("c:notes.md", "c%3Anotes.md", "%SRCROOT%"),  # a colon must not read as a URI scheme
    ("specs/ünï.md", "specs/%C3%BCn%C3%AF.md", "%SRCROOT%"),
    ("/abs/dir/spec.md", "file:///abs/dir/spec.md", None),  # absolute: no base id (SARIF 3.4.4)
])
def test_sarif_artifact_uris(path, uri, base, sarif_schema):
    log = sarif(Report(findings=[finding(path=path)]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location.get("uri") == uri and location.get("uriBaseId") == base
    validate(log, sarif_schema)


def test_sarif_drops_an_end_before_the_start(sarif_schema):
    log = sarif(Report(findings=[finding(line=4, column=9, end_line=4, end_column=2)]))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 9}
    validate(log, sarif_schema)


def test_sarif_rule_outside_the_registry_gets_a_descriptor(sarif_schema):
    log = sarif(Report(findings=[finding(rule="LO999", name="not-registered")]))
    run = log["runs"][0]
    descriptor = run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]
    assert descriptor["id"] == "LO999" and descriptor["name"] == "not-registered"
    validate(log, sarif_schema)


def test_sarif_output_does_not_depend_on_finding_order():
    report = sample_report()
    expected = reporters.render(report, "sarif")
    for seed in range(5):
        shuffled = list(report.findings)
        random.Random(seed).shuffle(shuffled)
        assert reporters.render(replace(report, findings=shuffled), "sarif") == expected
    uris = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in json.loads(expected)["runs"][0]["results"]]
    assert uris == sorted(uris)


# --- GitHub workflow commands ------------------------------------------------------------------


def github(report: Report, **options) -> list[str]:
    return reporters.render(report, "github", **options).split("\n")


def test_github_single_line_finding_is_one_exact_command():
    assert github(Report(findings=[LO101], files=1))[0] == (
        "::error file=specs/model_spec.md,line=12,col=1,endLine=12,endColumn=53,"
        "title=LO101 unconditional-value-change-prohibition::" + LO101.message)


def test_github_levels_and_suppressed_findings_left_out():
    lines = github(sample_report())
    commands = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    # error, warning, notice (info), LO901 warning; two file errors; the stale baseline notice
    assert commands == ["::error", "::warning", "::notice", "::warning", "::error", "::error", "::notice"]
    assert not any("line=40," in line for line in lines)  # the inline-suppressed finding
    assert not any("docs/old.md" in line for line in lines)  # the baselined one
    assert lines[-1].startswith("5 files linted; 4 findings") and "2 suppressed" in lines[-1]


def test_github_multiline_finding_names_lines_only():
    line = github(Report(findings=[finding(line=30, end_line=31, end_column=9)]))[0]
    assert line.startswith("::error file=specs/model_spec.md,line=30,endLine=31,title=")
    assert "col=" not in line and "endColumn=" not in line


def test_github_escapes_data_and_properties():
    f = finding(path="specs/a,b:c%.md", name="x", message="50% sure\r\nsecond line: a, b",
                fix="line1\nline2")
    line = github(Report(findings=[f]), show_fix=True)[0]
    assert line == ("::error file=specs/a%2Cb%3Ac%25.md,line=12,col=1,endLine=12,endColumn=53,title=LO101 x::"
                    "50%25 sure%0D%0Asecond line: a, b%0ACarve-out: line1%0Aline2")


def test_github_message_cannot_inject_a_second_command():
    lines = github(Report(findings=[finding(message="ok\n::error file=evil.md::forged")]))
    assert [line for line in lines if line.startswith("::")] == [
        lines[0]] and "%0A::error file=evil.md::forged" in lines[0]


def test_github_carve_out_only_with_show_fix():
    assert "Carve-out" not in github(Report(findings=[LO101]))[0]
    assert github(Report(findings=[LO101]), show_fix=True)[0].endswith("%0ACarve-out: " + LO101.fix)


def test_github_file_errors_are_error_annotations():
    lines = github(Report(errors=[Problem("configs/broken.yaml", "duplicate key 'lr'", 3, 5),
                                  Problem("specs/blob.md", "binary file")]))
    assert lines[:2] == ["::error file=configs/broken.yaml,line=3,col=5,title=file not linted::duplicate key 'lr'",
                         "::error file=specs/blob.md,title=file not linted::binary file"]


def test_github_statistics_counts_active_findings_per_rule():
    lines = github(sample_report(), statistics=True)
    assert "    3  LO101  unconditional-value-change-prohibition" in lines
    assert "    1  LO901  suppression-without-reason" in lines


def test_github_escape_helpers_follow_actions_core():
    assert github_format.escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert github_format.escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


# --- JUnit -------------------------------------------------------------------------------------


def junit(report: Report) -> ET.Element:
    text = reporters.render(report, "junit")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_counts_match_the_cases():
    root = junit(sample_report())
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    # 4 active findings + 2 file errors; the 2 suppressed findings are not cases
    assert len(cases) == 6
    counted = {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases),
               "errors": sum(c.find("error") is not None for c in cases),
               "skipped": sum(c.find("skipped") is not None for c in cases)}
    assert counted == {"tests": 6, "failures": 3, "errors": 2, "skipped": 1}
    for element in (root, suite):
        assert {k: int(element.get(k)) for k in counted} == counted
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert properties == {"files": "5", "suppressed": "2"}


def test_junit_cases_name_file_rule_and_line():
    cases = junit(sample_report()).find("testsuite").findall("testcase")
    first = cases[0]
    assert (first.get("classname"), first.get("name"), first.get("file"), first.get("line")) == (
        "specs/model_spec.md", "LO101 line 12", "specs/model_spec.md", "12")
    failure = first.find("failure")
    assert failure.get("type") == "LO101 [error]" and failure.get("message") == LO101.message
    assert f"Carve-out: {LO101.fix}" in failure.text and "Scenarios: S01" in failure.text
    info = next(c for c in cases if c.get("classname") == "configs/train.yaml" and c.get("name") == "LO101 line 5")
    assert info.find("failure") is None and info.find("skipped") is not None
    assert LO101.message in info.find("system-out").text
    error = next(c for c in cases if c.get("classname") == "configs/broken.yaml")
    assert error.get("name") == "not linted (line 3)"
    assert error.find("error").get("message") == "duplicate key 'lr'"
    assert error.find("error").text == "configs/broken.yaml:3:5: duplicate key 'lr'"


def test_junit_escapes_markup_and_replaces_characters_xml_cannot_hold():
    nasty = 'never <revise> "deals" & \'terms\'\x07\x00\ud800 ok'
    root = junit(Report(findings=[finding(message=nasty, path="specs/<a&b>.md")]))
    case = root.find("testsuite/testcase")
    assert case.get("classname") == "specs/<a&b>.md"
    assert case.find("failure").get("message") == 'never <revise> "deals" & \'terms\'\ufffd\ufffd\ufffd ok'


def test_junit_clean_run_has_one_passing_case():
    root = junit(Report(files=3))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 1 and list(cases[0]) == []
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


def test_junit_clean_helper_keeps_tab_newline_and_text():
    assert junit_format.clean("a\tb\nc\rd é") == "a\tb\nc\rd é"
    assert junit_format.clean("a\x1bb") == "a\ufffdb"


# --- through the command line ------------------------------------------------------------------


@pytest.fixture()
def repo_with_bad_files(tmp_path, monkeypatch) -> Path:
    """Files that fail before any analyzer runs, so the test does not depend on the analyzers."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "blob.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "specs" / "latin1.md").write_bytes(b"# Spec\n\nna\xefve\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_sarif_with_unlintable_files_validates(repo_with_bad_files, sarif_schema):
    result = CliRunner().invoke(cli, ["lint", "--no-cache", "--format", "sarif", "specs"])
    assert result.exit_code == 1, result.output  # a file that could not be linted fails the gate
    log = json.loads(result.output)
    validate(log, sarif_schema)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    uris = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes if n["level"] == "error"]
    assert uris == ["specs/blob.md", "specs/latin1.md"]
    latin1 = next(n for n in notes if "latin1" in json.dumps(n))
    assert latin1["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


@pytest.mark.parametrize("fmt", ["github", "junit"])
def test_cli_github_and_junit(repo_with_bad_files, fmt):
    result = CliRunner().invoke(cli, ["lint", "--no-cache", "--format", fmt, "specs"])
    assert result.exit_code == 1, result.output
    if fmt == "github":
        assert result.output.startswith("::error file=specs/blob.md,title=file not linted::binary file")
        assert "::error file=specs/latin1.md,line=3,title=file not linted::not valid UTF-8" in result.output
    else:
        root = ET.fromstring(result.output.encode("utf-8"))
        assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("2", "2", "0")
