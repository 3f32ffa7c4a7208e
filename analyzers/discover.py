"""Find the files to lint and say what kind each is. Respects .gitignore files and an exclude list."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

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


def kind_of(path: Path) -> FileKind | None:
    return KIND_BY_SUFFIX.get(path.suffix.lower())


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


def discover(paths: Iterable[Path | str], exclude: Iterable[str] = ()) -> Iterator[SourceFile]:
    """Yield lintable files under `paths` in a stable order. Explicit file arguments are always linted."""
    excl = pathspec.PathSpec.from_lines("gitignore", [*DEFAULT_EXCLUDE, *exclude])
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


def _walk(root: Path, excl: pathspec.PathSpec, seen: set[Path]) -> Iterator[SourceFile]:
    # (directory, [(base dir, spec)]) — each .gitignore applies to paths below its own directory
    visited_dirs: set[Path] = set()
    stack: list[tuple[Path, list[tuple[Path, pathspec.PathSpec]]]] = [(root, [])]
    while stack:
        directory, specs = stack.pop()
        real = directory.resolve()
        if real in visited_dirs:  # symlink loop
            continue
        visited_dirs.add(real)
        spec = _ignore_spec(directory)
        if spec is not None:
            specs = [*specs, (directory, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        shown = display_path(directory)  # once per directory: a file's display path is this plus its name
        subdirs = []
        for entry in entries:
            is_dir = entry.is_dir()
            path = Path(entry.path)
            kind = None if is_dir else kind_of(path)
            if not is_dir and kind is None:
                continue  # not lintable: no need to ask the ignore files
            suffix = "/" if is_dir else ""
            if excl.match_file(path.relative_to(root).as_posix() + suffix) or excl.match_file(entry.name + suffix):
                continue
            if any(s.match_file(path.relative_to(base).as_posix() + suffix) for base, s in specs):
                continue
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
