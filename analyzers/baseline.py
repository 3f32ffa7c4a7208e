"""Baselines: record today's findings, then report only new ones.

Entries are keyed on (rule, path, fingerprint of the normalised clause text) and matched entry for
entry: one old entry absorbs at most one finding, never one in another file, and moving lines does
not break a match. Entries that match nothing are stale and reported.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from ..errors import Problem, SpilockError
from ..yamlio import atomic_write
from .model import Finding, Suppression

VERSION = 1


def _key(rule: str, path: str, fingerprint: str) -> tuple[str, str, str]:
    return rule, path.replace("\\", "/"), fingerprint


def write(path: Path, findings: list[Finding]) -> int:
    entries = [{"rule": f.rule, "path": f.path.replace("\\", "/"), "fingerprint": f.fingerprint,
                "line": f.line, "message": f.message}
               for f in findings if f.suppressed is None]
    entries.sort(key=lambda e: (e["path"], e["line"], e["rule"]))
    atomic_write(path, json.dumps({"version": VERSION, "entries": entries}, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def read(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SpilockError(Problem(str(path), f"cannot read baseline: {exc.strerror or exc}")) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise SpilockError(Problem(str(path), f"baseline is not valid JSON: {getattr(exc, 'msg', exc)}", line)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise SpilockError(Problem(str(path), f"not a spilock baseline (expected version {VERSION} with entries)"))
    for i, e in enumerate(data["entries"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("rule", "path", "fingerprint")):
            raise SpilockError(Problem(str(path), f"entries[{i}]: needs rule, path and fingerprint strings"))
    return data["entries"]


def apply(findings: list[Finding], entries: list[dict], baseline_path: str) -> tuple[list[Finding], list[dict]]:
    """(findings with baselined ones marked suppressed, stale entries)."""
    pool: dict[tuple, list[dict]] = defaultdict(list)
    for e in entries:
        pool[_key(e["rule"], e["path"], e["fingerprint"])].append(e)
    out = []
    for f in findings:
        bucket = pool.get(_key(f.rule, f.path, f.fingerprint))
        if f.suppressed is None and bucket:
            bucket.pop()
            out.append(replace(f, suppressed=Suppression("baseline", f"in baseline {baseline_path}", None)))
        else:
            out.append(f)
    stale = [e for bucket in pool.values() for e in bucket]
    return out, stale
