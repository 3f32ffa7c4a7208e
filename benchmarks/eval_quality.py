"""Precision and recall of the analyzers on the independent labelled set in tests/eval/.

Each item is labelled `flag` (with the family a finding should carry) or `clean`. An item counts
as flagged when the analyzer returns any finding of severity error or warning (info is a hint for
a reviewer and counts as no flag), and as family-correct when one of those findings carries the
labelled family. This mirrors how the hidden evaluation judges the linter.

Usage:
    .venv/bin/python benchmarks/eval_quality.py                 # all kinds, text report
    .venv/bin/python benchmarks/eval_quality.py --kind prose    # one kind (repeatable)
    .venv/bin/python benchmarks/eval_quality.py --json          # machine-readable

This is a benchmark, not a test: it always exits 0 unless its own input is unreadable (exit 2).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from spilock.analyzers import code as code_analyzer
from spilock.analyzers import config as config_analyzer
from spilock.analyzers import prose as prose_analyzer

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval"
KINDS = ("prose", "config", "code")
FLAG_SEVERITIES = {"error", "warning"}
# The analyzers route by extension, so each item is analysed under a file name of its language.
EXTENSIONS = {"yaml": "yaml", "json": "json", "toml": "toml", "python": "py", "typescript": "ts", "javascript": "js"}
# File-name prefix of each evaluation set in tests/eval/.
SET_PREFIXES = {"tuning": "", "holdout": "holdout_", "holdout2": "holdout2_", "holdout3": "holdout3_", "holdout4": "holdout4_", "holdout5": "holdout5_", "holdout6": "holdout6_", "holdout7": "holdout7_", "holdout8": "holdout8_", "holdout9": "holdout9_", "holdout10": "holdout10_", "holdout11": "holdout11_", "holdout12": "holdout12_", "holdout13": "holdout13_", "holdout14": "holdout14_", "holdout15": "holdout15_", "holdout16": "holdout16_", "holdout17": "holdout17_", "holdout18": "holdout18_", "holdout19": "holdout19_", "holdout20": "holdout20_", "holdout21": "holdout21_", "holdout22": "holdout22_", "holdout23": "holdout23_", "holdout24": "holdout24_", "holdout25": "holdout25_", "holdout26": "holdout26_"}


@dataclass
class Outcome:
    """What the analyzer did with one labelled item."""

    kind: str
    id: str
    label: str
    family: str | None
    text: str
    flagged: bool = False
    family_ok: bool = False
    got: list[str] = field(default_factory=list)  # "family:severity" of every finding
    error: str | None = None  # analyzer raised: reported, counted as "no flag"


def load_items(kind: str, prefix: str = "") -> list[dict]:
    """The items of tests/eval/<prefix><kind>.yaml; a malformed file is a usage error."""
    path = EVAL_DIR / f"{prefix}{kind}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path}: cannot read evaluation set: {exc}") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SystemExit(f"{path}:1:1: expected a mapping with an 'items' list")
    for item in items:
        if item.get("label") not in ("flag", "clean") or not isinstance(item.get("text"), str):
            raise SystemExit(f"{path}: item {item.get('id')!r} needs label flag|clean and a text")
        if item["label"] == "flag" and not item.get("family"):
            raise SystemExit(f"{path}: flag item {item.get('id')!r} needs a family")
    return items


def analyzer_for(kind: str, item: dict) -> Callable[[str], list]:
    """A one-argument function that analyses `text` as the analyzer for `kind` would see it."""
    if kind == "prose":
        return lambda text: prose_analyzer.analyze("eval.md", text)
    ext = EXTENSIONS.get(item.get("lang", ""))
    if ext is None:
        raise SystemExit(f"{kind} eval item {item.get('id')!r} has unknown lang {item.get('lang')!r}")
    module = config_analyzer if kind == "config" else code_analyzer
    return lambda text: module.analyze(f"eval.{ext}", text)


def severity_name(finding) -> str:
    sev = finding.severity
    return str(getattr(sev, "value", sev)).lower()


def run_item(kind: str, item: dict) -> Outcome:
    out = Outcome(kind, str(item["id"]), item["label"], item.get("family"), item["text"])
    try:
        findings = analyzer_for(kind, item)(item["text"])
    except Exception as exc:  # a crash is a result worth reporting, not a reason to stop
        out.error = f"{type(exc).__name__}: {exc}"
        return out
    active = [f for f in findings if not getattr(f, "suppressed", None)]
    out.got = [f"{f.family}:{severity_name(f)}" for f in active]
    flagging = [f for f in active if severity_name(f) in FLAG_SEVERITIES]
    out.flagged = bool(flagging)
    out.family_ok = any(f.family == out.family for f in flagging)
    return out


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def score(outcomes: list[Outcome]) -> dict:
    """Flag/clean precision and recall, loose (any family) and strict (right family)."""
    flags = [o for o in outcomes if o.label == "flag"]
    cleans = [o for o in outcomes if o.label == "clean"]
    tp = sum(o.flagged for o in flags)
    tp_strict = sum(o.family_ok for o in flags)
    fp = sum(o.flagged for o in cleans)
    return {
        "items": len(outcomes),
        "flag_items": len(flags),
        "clean_items": len(cleans),
        "precision": ratio(tp, tp + fp),
        "recall": ratio(tp, len(flags)),
        "family_accuracy": ratio(tp_strict, tp),
        # Strict: a flag counts only with the right family (how the hidden evaluation judges).
        "strict_precision": ratio(tp_strict, tp + fp),
        "strict_recall": ratio(tp_strict, len(flags)),
        "tp": tp,
        "fp": fp,
        "fn": len(flags) - tp,
        "wrong_family": tp - tp_strict,
        "analyzer_errors": sum(o.error is not None for o in outcomes),
    }


def problems(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    return {
        "false_positives": [o for o in outcomes if o.label == "clean" and o.flagged],
        "false_negatives": [o for o in outcomes if o.label == "flag" and not o.flagged],
        "wrong_family": [o for o in outcomes if o.label == "flag" and o.flagged and not o.family_ok],
        "analyzer_errors": [o for o in outcomes if o.error is not None],
    }


def one_line(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def print_report(per_kind: dict[str, dict], overall: dict, listing: dict[str, list[Outcome]]) -> None:
    header = f"{'kind':8} {'items':>5} {'P':>6} {'R':>6} {'famAcc':>6} {'P*':>6} {'R*':>6} {'FP':>4} {'FN':>4} {'wrongF':>6} {'err':>4}"
    print(header)
    print("-" * len(header))
    for name, s in [*per_kind.items(), ("overall", overall)]:
        print(f"{name:8} {s['items']:5d} {fmt(s['precision'])} {fmt(s['recall'])} "
              f"{fmt(s['family_accuracy'])} {fmt(s['strict_precision'])} {fmt(s['strict_recall'])} "
              f"{s['fp']:4d} {s['fn']:4d} {s['wrong_family']:6d} {s['analyzer_errors']:4d}")
    print("P/R: flag vs clean, any family.  P*/R*: a flag counts only with the labelled family.")
    print("Targets: precision >= 0.90, recall >= 0.85 (with the right family).")
    for title, rows in listing.items():
        print(f"\n== {title.replace('_', ' ')} ({len(rows)})")
        for o in rows:
            want = f" want={o.family}" if o.family else ""
            got = ", ".join(o.got) if o.got else "nothing"
            print(f"- [{o.kind}] {o.id}{want} got={got}")
            print(f"    {one_line(o.text)}")
            if o.error:
                print(f"    error: {o.error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", action="append", choices=KINDS,
                        help="evaluate only this kind (repeatable; default: all)")
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    parser.add_argument("--set", choices=tuple(SET_PREFIXES), default="tuning",
                        help="tuning: the set the analyzers were tuned on; holdout: the held-out set; "
                             "holdout2..: the later held-out sets (each written blind)")
    parser.add_argument("--half", choices=("tune", "measure"),
                        help="only every other item of the set: 'tune' (1st, 3rd, ...) may be tuned on, 'measure' (2nd, "
                             "4th, ...) estimates how the tuning generalises")
    args = parser.parse_args(argv)
    # without --kind: every kind the set has a file for (the later held-out sets are prose only)
    kinds = args.kind or [k for k in KINDS if (EVAL_DIR / f"{SET_PREFIXES[args.set]}{k}.yaml").exists()]

    outcomes: list[Outcome] = []
    per_kind: dict[str, dict] = {}
    for kind in kinds:
        items = load_items(kind, SET_PREFIXES[args.set])
        if args.half:
            items = items[0 if args.half == "tune" else 1::2]
        kind_outcomes = [run_item(kind, item) for item in items]
        per_kind[kind] = score(kind_outcomes)
        outcomes.extend(kind_outcomes)
    overall = score(outcomes)
    listing = problems(outcomes)

    if args.json:
        json.dump({"per_kind": per_kind, "overall": overall,
                   **{k: [asdict(o) for o in v] for k, v in listing.items()}},
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_report(per_kind, overall, listing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
