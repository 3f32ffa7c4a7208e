"""Find the files to lint and say what kind each is. Respects .gitignore files and an exclude list."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pathspec

from .model import FileKind

KIND_BY_SUFFIX: dict[str, FileKind] = {
    ".md": "prose", ".markdown": "prose", ".txt": "prose", ".rst": "prose",
    ".yaml": "config", ".yml": "config", ".json": "config", ".toml": "config",
    ".py": "code", ".pyi": "code", ".ts": "code", ".tsx": "code", ".mts": "code", ".cts": "code",
    ".js": "code", ".jsx": "code", ".mjs": "code", ".cjs": "code",
}
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
                   ".mypy_cache", ".pytest_cache", ".ruff_cache", ".spilock_cache", "*.egg-info",
                   "site_build", "package-lock.json", "yarn.lock", "pnpm-lock.yaml")


@dataclass(frozen=True)
class SourceFile:
    path: Path  # as found on disk
    display: str  # as printed in findings: relative to the working directory when inside it
    kind: FileKind


def kind_of(path: Path | str) -> FileKind | None:
    return KIND_BY_SUFFIX.get(os.path.splitext(path)[1].lower())


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _ignore_spec(directory: Path) -> pathspec.PathSpec | None:
    gi = directory / ".gitignore"
    try:
        lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.PathSpec.from_lines("gitignore", lines)


# A group name a pattern's regex may carry: several joined in one regex must not repeat one.
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _matcher(spec: pathspec.PathSpec) -> Callable[[str], bool]:
    """`spec.match_file`; as one regex when no pattern negates another (the usual exclude list and .gitignore), since
    asking each pattern in turn is most of what discovery costs on a large tree."""
    patterns = [p for p in spec.patterns if p.include is not None]  # None: a blank or comment line
    if not patterns or not all(p.include and isinstance(getattr(p, "regex", None), re.Pattern) for p in patterns) \
            or len({p.regex.flags for p in patterns}) != 1:
        return spec.match_file
    joined = re.compile("|".join(f"(?:{_GROUP_NAME.sub('(?:', p.regex.pattern)})" for p in patterns),
                        patterns[0].regex.flags)
    return lambda path: joined.match(path) is not None


def discover(paths: Iterable[Path | str], exclude: Iterable[str] = ()) -> Iterator[SourceFile]:
    """Yield lintable files under `paths` in a stable order. Explicit file arguments are always linted."""
    excl = _matcher(pathspec.PathSpec.from_lines("gitignore", [*DEFAULT_EXCLUDE, *exclude]))
    seen: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_file() or (root.exists() and not root.is_dir()):
            kind = kind_of(root)
            if kind and root.resolve() not in seen:
                seen.add(root.resolve())
                yield SourceFile(root, display_path(root), kind)
            continue
        yield from _walk(root, excl, seen)


def _walk(root: Path, excl: Callable[[str], bool], seen: set[Path]) -> Iterator[SourceFile]:
    # (directory, [(base dir, matcher)]) — each .gitignore applies to paths below its own directory
    visited_dirs: set[Path] = set()
    stack: list[tuple[Path, list[tuple[Path, Callable[[str], bool]]]]] = [(root, [])]
    while stack:
        directory, specs = stack.pop()
        real = directory.resolve()
        if real in visited_dirs:  # symlink loop
            continue
        visited_dirs.add(real)
        spec = _ignore_spec(directory)
        if spec is not None:
            specs = [*specs, (directory, _matcher(spec))]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        shown = display_path(directory)  # once per directory: a file's display path is this plus its name
        # each matcher reads paths relative to its own base: the directory's part of them, worked out once here
        own = _relative_prefix(directory, root)
        bases = [(_relative_prefix(directory, base), match) for base, match in specs]
        subdirs = []
        for entry in entries:
            is_dir = entry.is_dir()
            kind = None if is_dir else kind_of(entry.name)
            if not is_dir and kind is None:
                continue  # not lintable: no need to ask the ignore files
            name = entry.name + "/" if is_dir else entry.name
            if excl(own + name) or excl(name):
                continue
            if any(match(prefix + name) for prefix, match in bases):
                continue
            path = Path(entry.path)
            if is_dir:
                subdirs.append(path)
                continue
            # the real path only costs a resolve for symlinks: the directory's own real path is known
            resolved = path.resolve() if entry.is_symlink() else real / entry.name
            if resolved in seen:
                continue
            seen.add(resolved)
            yield SourceFile(path, os.path.join(shown, entry.name) if shown != "." else entry.name, kind)
        stack.extend((d, specs) for d in reversed(subdirs))


def _relative_prefix(directory: Path, base: Path) -> str:
    """The directory as a path relative to `base`, ready to have a name appended ("" for the base itself)."""
    rel = directory.relative_to(base).as_posix()
    return "" if rel == "." else rel + "/"
