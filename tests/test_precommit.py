"""The pre-commit hook, for real: `pre-commit try-repo` installs this checkout into pre-commit's own
environment (pip, from PyPI: about a minute) and runs the hook on a flagged and a clean spec.

try-repo only sees committed, staged and modified tracked files, so a hook manifest or module
that is not committed yet would be missing. The test therefore snapshots the working tree (tracked
and untracked files, minus what .gitignore excludes) into a fresh repository with one commit and
points try-repo at that: it tests exactly the code in front of it, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from spilock.analyzers.discover import KIND_BY_SUFFIX

ROOT = Path(__file__).resolve().parent.parent
FLAGGED_CLAUSE = "The model must never change its own values or goals."


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    return [exe] if exe else None


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "spilock-test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "spilock-test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _snapshot(dest: Path) -> Path:
    """Copy the working tree as git sees it (tracked + untracked, not ignored) into a new repo."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():  # deleted-but-tracked files are listed too
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=dest)
    return dest


def test_manifest_declares_the_spilock_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == ("spilock", "spilock lint",
                                                                                    "python", True)


def test_manifest_types_reach_every_suffix_spilock_lints():
    """Each suffix in spilock's table is tagged with one of the hook's types, so pre-commit passes it."""
    identify = pytest.importorskip("identify.identify", reason="identify comes with pre-commit")
    types = set(yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]["types_or"])
    for suffix in KIND_BY_SUFFIX:
        # tags_from_filename knows names only; a file's content adds `text`, which the hook lists
        tags = identify.tags_from_filename(f"x{suffix}") | {"text"}
        assert tags & types, suffix


def test_pre_commit_try_repo_flags_a_lock_out_and_passes_a_clean_spec(tmp_path):
    pre_commit = _pre_commit()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (it is in the `test` extra: pip install -e '.[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of spilock to snapshot")
    hook_repo = _snapshot(tmp_path / "hook-repo")
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    (project / "specs" / "flagged.md").write_text(f"# Model spec\n\n## Values\n\n{FLAGGED_CLAUSE}\n", encoding="utf-8")
    (project / "specs" / "clean.md").write_text(
        "# Model spec\n\n## Helpfulness\n\nThe model answers questions accurately and says when it is unsure.\n",
        encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "--no-verify", "-m", "specs", cwd=project)
    # pre-commit's store (the hook's virtualenv) stays inside tmp_path, away from ~/.cache
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)

    def try_repo(target: str) -> subprocess.CompletedProcess:
        return subprocess.run([*pre_commit, "try-repo", str(hook_repo), "spilock", "--files", target, "--verbose"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=900)

    flagged = try_repo("specs/flagged.md")
    out = flagged.stdout + flagged.stderr
    assert flagged.returncode == 1, out
    assert "specs/flagged.md:5:1: LO101 [error]" in out, out
    assert "Failed" in out

    clean = try_repo("specs/clean.md")  # the hook's environment is built once and reused here
    out = clean.stdout + clean.stderr
    assert clean.returncode == 0, out
    assert "LO1" not in out and "Passed" in out, out
