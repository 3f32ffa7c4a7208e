"""Lint settings from `[tool.spilock]` in pyproject.toml or a `spilock.toml` (ruff's model).

The closest configuration file above a linted path wins; `extend = "path"` pulls in a base file
whose values the nearer file overrides. Command-line options override both. Unknown keys and bad
values are one-line errors naming the file and the line.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import sys
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import Problem, SpilockError
from .model import SEVERITIES

CONFIG_FILES = ("spilock.toml", ".spilock.toml", "pyproject.toml")
FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # rule codes, code prefixes (LO1) or family names; empty = all
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    scenario_dirs: tuple[str, ...] = ()
    format: str = "text"
    unsuppressible: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (setting, where it came from) for `config show`

    def matches(self, selector: str, rule: str, family: str) -> bool:
        return rule == selector or family == selector or (selector.startswith("LO") and rule.startswith(selector))

    def enabled(self, rule: str, family: str, path: str = "") -> bool:
        if self.select and not any(self.matches(s, rule, family) for s in self.select):
            return False
        if any(self.matches(s, rule, family) for s in self.ignore):
            return False
        for pattern, selectors in self.per_file_ignores:
            if _glob_match(path, pattern) and any(self.matches(s, rule, family) for s in selectors):
                return False
        return True

    def is_unsuppressible(self, rule: str, family: str) -> bool:
        return any(self.matches(s, rule, family) for s in self.unsuppressible)

    @property
    def digest(self) -> str:
        """Part of the cache key: any change to what is reported invalidates cached results."""
        data = {k: v for k, v in asdict(self).items() if k not in ("sources", "format")}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]

    def to_json(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k != "sources"}
        out["per_file_ignores"] = {g: list(s) for g, s in self.per_file_ignores}
        return out


def _glob_match(path: str, pattern: str) -> bool:
    path = path.replace("\\", "/")
    return fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"*/{pattern}") or (
        pattern.endswith("/") and path.startswith(pattern))


# key -> (attribute, validator)
def _str_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _choice(options):
    def check(value):
        return value if value in options else None
    return check


def _per_file(value: Any):
    if not isinstance(value, dict):
        return None
    out = []
    for glob, sel in value.items():
        sel = _str_list(sel)
        if sel is None:
            return None
        out.append((glob, sel))
    return tuple(out)


KEYS = {
    "select": ("select", _str_list, "a list of rule codes, prefixes or families"),
    "ignore": ("ignore", _str_list, "a list of rule codes, prefixes or families"),
    "per-file-ignores": ("per_file_ignores", _per_file, "a table of glob = [rule codes]"),
    "exclude": ("exclude", _str_list, "a list of gitignore-style patterns"),
    "fail-on": ("fail_on", _choice(SEVERITIES), f"one of {', '.join(SEVERITIES)}"),
    "scenario-dirs": ("scenario_dirs", _str_list, "a list of directories"),
    "format": ("format", _choice(FORMATS), f"one of {', '.join(FORMATS)}"),
    "unsuppressible": ("unsuppressible", _str_list, "a list of rule codes, prefixes or families"),
}


def _key_line(text: str, key: str, table: str | None) -> int | None:
    """Best-effort line of `key =` (inside `[table]` when given): tomllib keeps no positions."""
    in_table = table is None
    for i, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = table is None or stripped.strip("[] ") == table
            continue
        if in_table and re.match(rf"""["']?{re.escape(key)}["']?\s*=""", stripped):
            return i
    return None


def read_config(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], dict[str, str]]:
    """The raw settings of one file (with its `extend` chain applied) and where each came from."""
    path = path.resolve()
    if path in seen:
        raise SpilockError(Problem(str(path), "`extend` chain loops back to this file"))
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise SpilockError(Problem(str(path), f"cannot read configuration: {exc.strerror or exc}")) from None
    except UnicodeDecodeError:
        raise SpilockError(Problem(str(path), "configuration is not valid UTF-8")) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        raise SpilockError(Problem(str(path), f"invalid TOML: {str(exc).split(' (at')[0]}",
                                   int(m[1]) if m else None, int(m[2]) if m else None)) from None
    table = None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("spilock", {})
        table = "tool.spilock"
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    if "extend" in data:
        base = data["extend"]
        if not isinstance(base, str):
            raise SpilockError(Problem(str(path), "extend: expected a path string", _key_line(text, "extend", table)))
        values, origin = read_config((path.parent / base), (*seen, path))
    for key, value in data.items():
        if key == "extend":
            continue
        line = _key_line(text, key, table)
        if key not in KEYS:
            raise SpilockError(Problem(str(path), f"unknown setting '{key}' (known: {', '.join(sorted(KEYS))})", line))
        attr, check, expected = KEYS[key]
        parsed = check(value)
        if parsed is None:
            raise SpilockError(Problem(str(path), f"{key}: expected {expected}, got {value!r}", line))
        if attr in ("scenario_dirs", "exclude"):  # relative to the file that names them
            parsed = tuple(str((path.parent / p)) if attr == "scenario_dirs" else p for p in parsed)
        values[attr] = parsed
        origin[attr] = f"{path}:{line}" if line else str(path)
    return values, origin


def find_config(start: Path) -> Path | None:
    """The closest spilock.toml, or pyproject.toml with a [tool.spilock] table, at or above `start`."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                if "spilock" in tomllib.loads(candidate.read_text(encoding="utf-8")).get("tool", {}):
                    return candidate
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                return candidate  # let read_config report it
    return None


def resolve(start: Path, explicit: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Settings for a lint run rooted at `start`: file values, then command-line overrides."""
    path = explicit or find_config(start)
    values, origin = read_config(path) if path else ({}, {})
    for attr, value in (overrides or {}).items():
        if value not in (None, (), []):
            values[attr] = tuple(value) if isinstance(value, list) else value
            origin[attr] = "command line"
    settings = Settings(**values)
    return replace(settings, sources=tuple(sorted(origin.items())))
