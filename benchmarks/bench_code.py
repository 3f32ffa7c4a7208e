"""Throughput of the Python code analyzer beside bare `libcst.parse_module` on the same files.

    .venv/bin/python benchmarks/bench_code.py [--repeat N] [--check]

Files: the corpus code (../shared/corpus/code, when that directory exists), this repository's own
Python sources, and generated files (bargaining policies with prompts, one large generated file).
The analyzer's time includes everything it does: CPython's nesting guard, the libcst parse, the
batched rule walk, prose analysis of prompt literals, and positions for findings. Overhead is
(analyzer - parse) / parse, shown with and without the prose analyzer's share (prompt literals are
handed to it, and its speed is its own); --check exits 1 if the code-only overhead exceeds 50%. TypeScript/JavaScript throughput
(tree-sitter) is reported for information.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import libcst

from spilock.analyzers import code_python, code_ts, prose
from spilock.analyzers.model import AnalysisError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "code"
LIMIT = 0.50


def generated_policy(n: int) -> str:
    """A bargaining module of n policy functions, some with prompts and some with rule findings."""
    parts = ['"""Generated negotiation policies."""\n\nDEMAND = 0.6\n\n']
    for i in range(n):
        parts.append(
            f"def respond_{i}(self, offer, counterpart):\n"
            f"    prompt = (\"You are negotiator {i} for the buyer. Keep the demand fixed, and when talks \"\n"
            f"              \"fail, propose Pareto improvements before anything else.\")\n"
            f"    if offer.share_for_us >= DEMAND + {i} / 1000:\n"
            f"        return accept(offer)\n"
            f"    if counterpart.history and counterpart.history[-1] == 'D':\n"
            f"        return counter_offer(offer, step={i})\n"
            f"    return {'escalate(offer.sender)' if i % 50 == 0 else 'wait(offer)'}\n\n"
        )
    return "".join(parts)


def file_groups() -> dict[str, list[tuple[str, str]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    if CORPUS.is_dir():
        groups["corpus"] = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.py"))]
    groups["repository"] = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
                            for p in sorted(ROOT.glob("**/*.py"))
                            if ".venv" not in p.parts and "fixtures" not in p.parts]
    groups["generated"] = [("generated_small.py", generated_policy(40)), ("generated_large.py", generated_policy(3000))]
    groups["all"] = [s for group in list(groups.values()) for s in group]
    return groups


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def without_prose(fn):
    """Run fn with the prose analyzer stubbed out: the code analyzer's own share of the time."""
    def run() -> None:
        saved = prose.analyze_text
        prose.analyze_text = lambda text, path: []
        try:
            fn()
        finally:
            prose.analyze_text = saved
    return run


def measure(sources: list[tuple[str, str]], repeat: int) -> tuple[float, float, float, int]:
    def parse_all() -> None:
        for _, text in sources:
            libcst.parse_module(text)

    def analyze_all() -> None:
        for name, text in sources:
            try:
                code_python.analyze(name, text)
            except AnalysisError:
                pass

    analyze_all()  # warm caches (rule tables, identifier cache) once, as a real run would
    findings = sum(len(code_python.analyze(n, t)) for n, t in sources)
    return (best_of(repeat, parse_all), best_of(repeat, analyze_all), best_of(repeat, without_prose(analyze_all)),
            findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help=f"exit 1 if overhead exceeds {LIMIT:.0%}")
    args = parser.parse_args(argv)

    groups = file_groups()
    print(f"{'set':<11}{'files':>6}{'lines':>8}  {'parse f/s':>10}{'parse l/s':>11}  "
          f"{'analyze f/s':>12}{'analyze l/s':>12}  {'overhead':>8}  {'no prose':>8}  findings")
    worst = 0.0
    for label, group in groups.items():
        if not group:
            continue
        lines = sum(t.count("\n") + 1 for _, t in group)
        parse_s, analyze_s, code_only_s, findings = measure(group, args.repeat)
        overhead = (analyze_s - parse_s) / parse_s
        code_only = (code_only_s - parse_s) / parse_s
        worst = max(worst, code_only) if label == "all" else worst
        print(f"{label:<11}{len(group):>6}{lines:>8}  {len(group) / parse_s:>10.1f}{lines / parse_s:>11.0f}  "
              f"{len(group) / analyze_s:>12.1f}{lines / analyze_s:>12.0f}  {overhead:>7.0%}  {code_only:>7.0%}  "
              f"{findings}")

    ts_files = sorted(CORPUS.glob("*.ts")) if CORPUS.is_dir() else []
    if ts_files:
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in ts_files]
        lines = sum(t.count("\n") + 1 for _, t in texts)
        elapsed = best_of(args.repeat, lambda: [code_ts.analyze(n, t) for n, t in texts])
        print(f"\nTypeScript (tree-sitter + prose): {len(texts)} files, {lines} lines: "
              f"{len(texts) / elapsed:.1f} files/s, {lines / elapsed:.0f} lines/s")
    if args.check and worst > LIMIT:
        print(f"overhead {worst:.0%} exceeds {LIMIT:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
