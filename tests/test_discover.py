"""Discovery: which files are linted, in what order, and what the ignore files and exclude list leave out."""

import os

import pathspec
import pytest

from spilock.analyzers.discover import DEFAULT_EXCLUDE, _matcher, discover


def write(path, text="x\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def found(root, exclude=()):
    return [s.path.relative_to(root).as_posix() for s in discover([root], exclude)]


@pytest.fixture()
def tree(tmp_path):
    for rel in ("a.md", "b.yaml", "c.py", "notes.bin", "docs/spec.md", "docs/draft/old.md", "docs/keep.md",
                "node_modules/pkg/index.js", "pkg.egg-info/PKG.md", ".git/config.yaml", "build/out.md",
                "src/agent.ts", "src/gen/bundle.js", "src/gen/keep.js", "data/big.json"):
        write(tmp_path / rel)
    return tmp_path


def test_lintable_files_in_a_stable_order_without_default_excludes(tree):
    # a directory's files by name, then its subdirectories by name
    assert found(tree) == ["a.md", "b.yaml", "c.py", "build/out.md", "data/big.json", "docs/keep.md", "docs/spec.md",
                           "docs/draft/old.md", "src/agent.ts", "src/gen/bundle.js", "src/gen/keep.js"]


def test_gitignore_files_apply_below_their_own_directory(tree):
    write(tree / ".gitignore", "build/\n*.json\n")
    write(tree / "src" / ".gitignore", "gen/*\n!gen/keep.js\n")  # a negation: read pattern by pattern
    write(tree / "docs" / ".gitignore", "draft\n")
    assert found(tree) == ["a.md", "b.yaml", "c.py", "docs/keep.md", "docs/spec.md", "src/agent.ts", "src/gen/keep.js"]


def test_exclude_globs_are_relative_to_the_linted_root(tree):
    assert found(tree, ["docs/*.md", "c.py"]) == ["a.md", "b.yaml", "build/out.md", "data/big.json",
                                                  "docs/draft/old.md", "src/agent.ts", "src/gen/bundle.js",
                                                  "src/gen/keep.js"]


def test_an_explicit_file_is_linted_even_if_excluded(tree):
    assert [s.display for s in discover([tree / "build" / "out.md"], ["build"])][-1].endswith("out.md")


def test_a_symlink_loop_is_walked_once(tree):
    os.symlink(tree / "docs", tree / "docs" / "loop")
    assert found(tree).count("docs/spec.md") == 1


@pytest.mark.parametrize("lines", [
    list(DEFAULT_EXCLUDE),
    ["*.json", "build/", "/top.md", "docs/**/draft", "a?c.md", "[ab].yaml", "# comment", "", "deep/**"],
    ["gen/*", "!gen/keep.js"],  # negation: left to pathspec
])
def test_the_joined_matcher_answers_as_pathspec_does(lines):
    spec = pathspec.PathSpec.from_lines("gitignore", lines)
    match = _matcher(spec)
    paths = ["a.md", "top.md", "x/top.md", "abc.md", "a.yaml", "c.yaml", "build/", "build/x.md", "x/build/",
             "docs/a/draft", "docs/draft/", "deep/x/y.md", "gen/keep.js", "gen/other.js", "data.json", ".git/",
             "node_modules/", "x.egg-info/", "package-lock.json", "site_build/", "venv/", "src/venv/"]
    assert [match(p) for p in paths] == [spec.match_file(p) for p in paths]
