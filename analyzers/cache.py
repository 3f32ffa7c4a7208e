"""A persistent result cache keyed on file content, tool version, library and settings.

One JSON file per (tool version, library fingerprint, settings digest) in the cache directory,
loaded once and written atomically at the end of a run. Entries are keyed on the file's display
path and bytes, so any edit misses.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import __version__
from ..errors import Problem
from ..yamlio import atomic_write
from .model import Clause, Finding, Suppression
from .settings import Settings


def library_fingerprint() -> str:
    """Hash of the bundled library and of the analyzers' own code: an edit to either misses.

    The version number alone is not enough for an editable install, where code changes under it.
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    files = [*sorted((root / "scenarios").rglob("*")), *sorted((root / "analyzers").glob("*.py"))]
    for path in files:
        if path.suffix in (".yaml", ".json", ".py") and path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _finding_from_json(d: dict) -> Finding:
    d = dict(d)
    d["scenarios"] = tuple(d["scenarios"])
    if d.get("clause") is not None:
        d["clause"] = Clause(**d["clause"])
    if d.get("suppressed") is not None:
        d["suppressed"] = Suppression(**d["suppressed"])
    return Finding(**d)


def _finding_to_json(f: Finding) -> dict:
    out = {k: getattr(f, k) for k in Finding.__dataclass_fields__}
    out["scenarios"] = list(f.scenarios)
    out["clause"] = f.clause.__dict__ if f.clause else None
    out["suppressed"] = f.suppressed.__dict__ if f.suppressed else None
    return out


class Cache:
    def __init__(self, directory: Path, settings: Settings):
        self.directory = Path(directory)
        name = f"v{__version__}-{library_fingerprint()}-{settings.digest}.json"
        self.path = self.directory / name
        self.entries: dict[str, dict] = {}
        self.dirty = False
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}  # a missing or damaged cache is just a cold run

    def get(self, key: str):
        from .engine import Report

        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            return Report(findings=[_finding_from_json(f) for f in entry["findings"]],
                          errors=[Problem(**e) for e in entry["errors"]], files=entry["files"],
                          skipped=entry["skipped"])
        except (KeyError, TypeError):
            return None

    def put(self, key: str, report) -> None:
        self.entries[key] = {"findings": [_finding_to_json(f) for f in report.findings],
                             "errors": [e.__dict__ for e in report.errors], "files": report.files,
                             "skipped": report.skipped}
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n")
            atomic_write(self.path, json.dumps(self.entries, separators=(",", ":")))
        except OSError:
            pass  # an unwritable cache directory must not fail the lint
