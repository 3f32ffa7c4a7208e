"""The literal gate's clauses for every rule pattern, worked out ahead of time.

Reading a pattern's parse tree for the literals it requires (`prose.gate_keys`) costs about half a second over the rules'
few hundred patterns, at every start: a third of what linting one file costs. `gate_table.json` holds the answers,
keyed by a hash of each pattern and its flags. A pattern the table lacks (a rule edited since it was written)
is worked out as before, so a stale table costs time, never a finding; the test suite fails on a stale table.

    python -m spilock.analyzers.gate_table          rewrite the table
    python -m spilock.analyzers.gate_table --check  exit 1 if it is stale
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("gate_table.json")
Clauses = list[frozenset[str]]

_seen: dict[str, re.Pattern] = {}  # every pattern looked up in this process, by key


def key(pattern: re.Pattern) -> str:
    return hashlib.blake2b(f"{pattern.flags}\0{pattern.pattern}".encode(), digest_size=8).hexdigest()


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[int]], list[frozenset[str]]]:
    """(pattern key -> indexes of its clauses, the clauses): a clause shared by many patterns is stored once."""
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
        return data["patterns"], [frozenset(clause) for clause in data["clauses"]]
    except (OSError, ValueError, KeyError, TypeError):
        return {}, []  # no table (or a broken one): every pattern is worked out


def lookup(pattern: re.Pattern) -> Clauses | None:
    """The pattern's clauses as the table holds them, in order; None if the table lacks it."""
    k = key(pattern)
    _seen[k] = pattern
    patterns, clauses = _table()
    found = patterns.get(k)
    return None if found is None else [clauses[i] for i in found]


def _fresh() -> dict[str, Clauses]:
    """Every pattern the rule modules look up, with its clauses worked out anew."""
    from . import prose
    from .rules import all_rules

    all_rules()
    return {k: prose.gate_keys(p) for k, p in sorted(_seen.items())}


def _current() -> dict[str, Clauses]:
    patterns, clauses = _table()
    return {k: [clauses[i] for i in found] for k, found in patterns.items()}


def _dump(fresh: dict[str, Clauses]) -> str:
    """One clause (its keys sorted) per line, each stored once; one pattern per line."""
    clauses = sorted({tuple(sorted(c)) for found in fresh.values() for c in found})
    index = {c: i for i, c in enumerate(clauses)}
    lines = ['{"clauses": [']
    lines += [json.dumps(list(c), ensure_ascii=False) + "," for c in clauses]
    lines[-1] = lines[-1].rstrip(",")
    lines.append('], "patterns": {')
    lines += [f'"{k}": {[index[tuple(sorted(c))] for c in found]},' for k, found in fresh.items()]
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    fresh = _fresh()
    if "--check" in argv:
        stale = fresh != _current()
        print(f"{TABLE_PATH.name}: {'stale: run python -m spilock.analyzers.gate_table' if stale else 'up to date'}")
        return 1 if stale else 0
    fd, tmp = tempfile.mkstemp(dir=TABLE_PATH.parent, prefix=".gate_table.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(_dump(fresh))
    os.chmod(tmp, 0o644)
    os.replace(tmp, TABLE_PATH)
    print(f"wrote {TABLE_PATH.name}: {len(fresh)} patterns")
    return 0


if __name__ == "__main__":  # run the module prose.py imports, not a second copy of it
    from spilock.analyzers.gate_table import main as run

    sys.exit(run(sys.argv[1:]))
