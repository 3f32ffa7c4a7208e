"""Configuration: closest file wins, `extend`, command-line overrides, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from spilock.analyzers import settings as config
from spilock.cli import cli
from spilock.errors import SpilockError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path):
    s = config.resolve(tmp_path)
    assert s.fail_on == "warning" and s.select == () and s.format == "text"


def test_pyproject_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.spilock]\nignore = ["LO103"]\nfail-on = "error"\n')
    s = config.resolve(tmp_path / "specs")
    assert s.ignore == ("LO103",) and s.fail_on == "error"
    assert dict(s.sources)["fail_on"].endswith("pyproject.toml:6")


def test_closest_file_wins_and_extend_merges(tmp_path):
    write(tmp_path / "spilock.toml", 'ignore = ["LO103"]\nfail-on = "error"\n')
    write(tmp_path / "team" / "spilock.toml", 'extend = "../spilock.toml"\nfail-on = "info"\n')
    s = config.resolve(tmp_path / "team" / "spec.md")
    assert s.fail_on == "info" and s.ignore == ("LO103",)


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "spilock.toml", 'fail-on = "error"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "y"\n')
    assert config.resolve(tmp_path / "sub").fail_on == "error"


@pytest.mark.parametrize("text, fragment, line", [
    ('fail-on = "error"\nselct = ["LO1"]\n', "unknown setting 'selct'", 2),
    ('fail-on = "loud"\n', "fail-on: expected one of error, warning, info", 1),
    ('ignore = "LO101"\n', "ignore: expected a list", 1),
    ('ignore = [\n', "invalid TOML", None),
    ('extend = "missing.toml"\n', "cannot read configuration", None),
])
def test_bad_settings_are_one_line_errors(tmp_path, text, fragment, line):
    write(tmp_path / "spilock.toml", text)
    with pytest.raises(SpilockError) as err:
        config.resolve(tmp_path)
    problem = err.value.problems[0]
    assert fragment in problem.message and "\n" not in str(problem)
    if line is not None:
        assert problem.line == line


def test_selection_by_code_prefix_family_and_per_file(tmp_path):
    s = config.Settings(select=("LO1", "threat-policy"), ignore=("LO103",),
                        per_file_ignores=(("legacy/*.md", ("LO107",)),))
    assert s.enabled("LO101", "value-change-prohibition")
    assert not s.enabled("LO103", "value-change-prohibition")
    assert s.enabled("LO305", "threat-policy")
    assert not s.enabled("LO201", "fixed-demand")
    assert not s.enabled("LO107", "irrevocable-commitment", "legacy/old.md")
    assert s.enabled("LO107", "irrevocable-commitment", "specs/new.md")


def test_config_show_and_bad_config_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "spilock.toml", 'fail-on = "error"\n')
    res = CliRunner().invoke(cli, ["config", "show"])
    assert res.exit_code == 0 and 'fail-on            = "error"' in res.output and "spilock.toml:1" in res.output
    write(tmp_path / "spilock.toml", 'colour = "blue"\n')
    write(tmp_path / "a.md", "hello\n")
    res = CliRunner().invoke(cli, ["lint", "a.md"])
    assert res.exit_code == 2 and "unknown setting 'colour'" in res.output and "Traceback" not in res.output
