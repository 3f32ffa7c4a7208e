"""Throughput of the prose analyzer in MB/s: over the shared corpus specs and a generated 5 MB paragraph.

    .venv/bin/python benchmarks/bench_prose.py

The corpus lives outside the repository (../shared/corpus/specs); without it that part is skipped.
"""

from __future__ import annotations

import time
from pathlib import Path

from spilock.analyzers import prose

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "specs"
UNIT = ("The assistant helps users draft letters, e.g. to a landlord, and must never change its own values. "
        "It answers questions about the U.S. tax code in section 3.2 plainly. ")


def measure(name: str, path: str, text: str) -> tuple[float, float]:
    start = time.perf_counter()
    findings = prose.analyze(path, text)
    seconds = time.perf_counter() - start
    mb = len(text.encode()) / 1e6
    print(f"{name:<55} {mb:8.3f} MB {seconds:8.3f} s {mb / seconds if seconds else float('inf'):8.3f} MB/s "
          f"{len(findings):5d} findings")
    return mb, seconds


def main() -> None:
    prose.analyze("warmup.md", "The model must never change its values.")  # import and compile rules once
    total_mb = total_s = 0.0
    if CORPUS.is_dir():
        for path in sorted(CORPUS.iterdir()):
            if path.suffix in (".md", ".txt"):
                mb, s = measure(path.name, str(path), path.read_text(encoding="utf-8"))
                total_mb += mb
                total_s += s
        print(f"{'corpus total':<55} {total_mb:8.3f} MB {total_s:8.3f} s {total_mb / total_s:8.3f} MB/s")
    else:
        print(f"corpus not found at {CORPUS}; skipped")
    paragraph = (UNIT * (5_000_000 // len(UNIT) + 1))[:5_000_000]
    measure("generated 5 MB single paragraph", "big.md", paragraph)


if __name__ == "__main__":
    main()
