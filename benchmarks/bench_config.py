"""Config analyzer throughput (files/s, MB/s) next to a plain PyYAML C-loader parse of the same files.

    python -m spilock.benchmarks.bench_config      # or: .venv/bin/python benchmarks/bench_config.py

Two inputs: the corpus configs in ../shared/corpus/configs (skipped when absent; the repository
stands alone) and generated configs (training recipes, agent manifests with embedded prompts,
negotiation policies) written to a temporary directory. The baseline is
`yaml.load(text, Loader=yaml.CSafeLoader)` for YAML and `json.loads` / `tomllib.loads` for the
others: parsing alone, no positions, no rules.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Callable

import yaml

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

from spilock.analyzers.config import analyze

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "configs"
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def baseline_parse(name: str, text: str) -> object:
    if name.endswith((".yaml", ".yml")):
        return list(yaml.load_all(text, Loader=FAST))
    if name.endswith(".json"):
        return json.loads(text)
    return tomllib.loads(text)


def generated(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """Configs shaped like real ones, a few with SPI-relevant settings and prose."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        layers = "\n".join(f"    - name: layer{j}\n      lr: {rng.random():.5f}\n      frozen: {rng.random() < .3}"
                           for j in range(rng.randint(5, 40)))
        prompt = " ".join(rng.choice(["Be", "helpful", "and", "honest", "with", "the", "user", "always"])
                          for _ in range(rng.randint(10, 60)))
        risky = "  values_immutable: true\n" if i % 10 == 0 else ""
        yaml_text = (f"model_name_or_path: org/model-{i}\nbeta: {rng.random():.3f}\nreward_model:\n"
                     f"  kl_penalty: kl\n  kl_coef: 0.001\n  layers:\n{layers}\nagent:\n"
                     f"  system_prompt: |\n    {prompt}.\n{risky}")
        out.append((f"gen{i}.yaml", yaml_text))
        data = {"constitutions": [{"critic": prompt, "revision": prompt[::-1]} for _ in range(rng.randint(2, 20))],
                "negotiation": {"renegotiation": i % 7 != 0, "min_demand": round(rng.random(), 2)}}
        out.append((f"gen{i}.json", json.dumps(data, indent=2)))
        toml_text = "\n".join(f"[section{j}]\nlr = {rng.random():.4f}\nname = \"s{j}\"\nsteps = [1, 2, 3]\n"
                              for j in range(rng.randint(3, 30)))
        out.append((f"gen{i}.toml", toml_text))
    return out


def corpus_files() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.iterdir())
            if p.suffix in (".yaml", ".yml", ".json", ".toml")]


def measure(files: list[tuple[str, str]], fn: Callable[[str, str], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for name, text in files:
            fn(name, text)
        best = min(best, time.perf_counter() - t0)
    return best


def report(label: str, files: list[tuple[str, str]], repeat: int = 3) -> None:
    if not files:
        print(f"{label}: skipped (no files)")
        return
    mb = sum(len(t.encode()) for _, t in files) / 1e6
    analyzer = measure(files, analyze, repeat)
    parse = measure(files, baseline_parse, repeat)
    findings = sum(len(analyze(n, t)) for n, t in files)
    from spilock.analyzers import config_rules

    real = config_rules.prose.analyze_text
    config_rules.prose.analyze_text = lambda text, path: []  # structure + LO2xx rules only
    try:
        rules_only = measure(files, analyze, repeat)
    finally:
        config_rules.prose.analyze_text = real
    print(f"{label}: {len(files)} files, {mb:.2f} MB, {findings} findings")
    print(f"  spilock config analyzer : {len(files) / analyzer:9.1f} files/s {mb / analyzer:7.2f} MB/s")
    print(f"  ... without embedded prose: {len(files) / rules_only:9.1f} files/s {mb / rules_only:7.2f} MB/s")
    print(f"  plain parse (C loader)  : {len(files) / parse:9.1f} files/s {mb / parse:7.2f} MB/s"
          f"   (analyzer is {analyzer / parse:.1f}x the parse time)")


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 200
    report("corpus configs", corpus_files(), repeat=5)
    report(f"generated configs (n={3 * n})", generated(n))


if __name__ == "__main__":
    main(sys.argv)
