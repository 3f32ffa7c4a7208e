"""spilock at scale, side by side with a regex floor and semgrep, in one run.

    python benchmarks/bench_scale.py                 # 40 MB repository (the target size)
    python benchmarks/bench_scale.py --size-mb 5     # a quick look

On one generated repository (benchmarks/gen_repo.py; created on first use and reused) it measures:

  re floor       one compiled regex of trigger words over every line of the same files, in Python:
                 the cost of reading the bytes and looking at every line, and nothing else (the fastest
                 of three runs)
  spilock cold   `spilock lint` with an empty cache directory (full analysis; fills the cache)
  spilock warm   the same command again (every file a cache hit)
  semgrep        semgrep from PyPI with the same trigger regex as a regex-only rule, run offline
                 (--metrics=off --disable-version-check), installed into its own virtualenv under
                 the work directory and never into spilock's environment; skipped with a note when
                 it cannot be installed

For each: wall time, MiB/s over the bytes of the lintable files, and peak memory. Each command runs
under a small wrapper process, so `getrusage(RUSAGE_CHILDREN).ru_maxrss` is that command's own
peak (the largest single process: the CLI or one pool worker); on Linux the wrapper also samples
the resident memory of the whole process tree, which is what a parallel run costs the machine.
Timings depend on the machine and its load (the load average is printed); no test asserts them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRIGGER_WORDS = ("never", "must not", "shall not", "may not", "cannot", "under no circumstances", "irrevocable",
                 "irrevocably", "non-negotiable", "final", "immutable", "prohibited", "forbidden", "always",
                 "without exception", "renegotiat", "values_immutable", "allowRenegotiation", "revocable")
# Word-bounded at the start only, so `renegotiat` also finds renegotiate/renegotiation.
TRIGGER_REGEX = r"(?i)\b(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in TRIGGER_WORDS) + ")"
MiB = 1024 * 1024
FLOOR_RUNS = 3  # the floor row is the fastest of these


# --- the measured commands ---------------------------------------------------------------------


def lintable_suffixes() -> tuple[str, ...]:
    from spilock.analyzers.discover import KIND_BY_SUFFIX  # the suffixes spilock itself lints

    return tuple(sorted(KIND_BY_SUFFIX))


def library_fingerprint() -> str | None:
    """What spilock's cache key takes from its own sources (None if this version has no such key)."""
    try:
        from spilock.analyzers.cache import library_fingerprint as fingerprint
    except ImportError:
        return None
    return fingerprint()


def re_floor(root: Path, suffixes: tuple[str, ...]) -> dict:
    """One regex over every line of every lintable file: the floor a line-oriented scan cannot beat."""
    pattern = re.compile(TRIGGER_REGEX)
    files = size = lines = matches = 0
    for directory, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if not name.lower().endswith(suffixes):
                continue
            raw = Path(directory, name).read_bytes()
            files += 1
            size += len(raw)
            for line in raw.decode("utf-8", errors="replace").splitlines():
                lines += 1
                if pattern.search(line):
                    matches += 1
    return {"files": files, "bytes": size, "lines": lines, "matching_lines": matches}


def measure(cmd: list[str], cwd: Path, log: Path) -> dict:
    """Run `cmd` under a wrapper process so that its peak memory is measured on its own."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--_measure", str(log), "--", *cmd]
    done = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"measuring {' '.join(cmd)} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run_measured(log: Path, cmd: list[str]) -> int:
    """The wrapper: run cmd, print wall time, its peak RSS (getrusage) and the sampled tree peak."""
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        returncode = proc.wait()
        wall = time.perf_counter() - start
        sampler.stop()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every process it waited for
    maxrss_bytes = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024  # Linux reports KiB
    print(json.dumps({"wall": wall, "returncode": returncode, "max_process_rss": maxrss_bytes,
                      "tree_rss": sampler.peak or None, "cpu": usage.ru_utime + usage.ru_stime}))
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants from /proc (Linux only)."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._halt = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        if not Path("/proc/self/stat").exists():
            return
        while not self._halt.wait(self.interval):
            self.peak = max(self.peak, self._tree_rss())

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=2)

    def _tree_rss(self) -> int:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])  # field 4, after the parenthesised name
            children.setdefault(ppid, []).append(int(entry.name))
        total, stack = 0, [self.pid]
        while stack:
            pid = stack.pop()
            stack.extend(children.get(pid, ()))
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self._page
            except (OSError, IndexError, ValueError):
                pass
        return total


# --- semgrep -----------------------------------------------------------------------------------


def find_or_install_semgrep(work: Path, explicit: str | None, install: bool) -> tuple[str | None, str]:
    """(path to semgrep, note). semgrep goes into its own virtualenv, never spilock's."""
    if explicit:
        return explicit, "given with --semgrep"
    venv = work / "semgrep-venv"
    exe = venv / ("Scripts/semgrep.exe" if os.name == "nt" else "bin/semgrep")
    if exe.exists():
        return str(exe), f"from {venv}"
    if not install:
        return None, "not installed (--no-install-semgrep)"
    print(f"installing semgrep into {venv} (one time) ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        pip = venv / ("Scripts/pip.exe" if os.name == "nt" else "bin/pip")
        subprocess.run([str(pip), "install", "-q", "semgrep"], check=True, capture_output=True, text=True,
                       timeout=1200)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        return None, f"could not be installed: {str(detail).strip().splitlines()[-1:]}"
    return (str(exe), f"installed into {venv}") if exe.exists() else (None, "installed, but no semgrep executable")


def semgrep_rules(path: Path, suffixes: tuple[str, ...]) -> Path:
    """One regex-only rule with the floor's trigger regex, over the same file suffixes."""
    rule = {"rules": [{
        "id": "spilock-trigger-words", "message": "candidate lock-out wording", "severity": "INFO",
        "languages": ["regex"], "pattern-regex": TRIGGER_REGEX,
        "paths": {"include": [f"*{s}" for s in suffixes]},
    }]}
    path.write_text(json.dumps(rule, indent=2) + "\n", encoding="utf-8")  # JSON is valid YAML
    return path


def semgrep_version(exe: str) -> str:
    try:
        return subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=120).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


# --- the run -----------------------------------------------------------------------------------


def spilock_exe() -> list[str]:
    beside = Path(sys.executable).parent / ("spilock.exe" if os.name == "nt" else "spilock")
    found = str(beside) if beside.exists() else shutil.which("spilock")
    if not found:
        raise SystemExit("spilock is not installed in this environment (pip install -e .)")
    return [found]


def ensure_repo(work: Path, size_mb: float, seed: int) -> tuple[Path, dict]:
    sys.path.insert(0, str(HERE))
    import gen_repo

    repo = work / f"repo-{size_mb:g}mb-seed{seed}"
    marker = repo / gen_repo.MARKER
    if not marker.exists():
        if repo.exists():
            shutil.rmtree(repo)  # an interrupted generation
        print(f"generating {size_mb:g} MB repository in {repo} ...", file=sys.stderr)
        gen_repo.generate(repo, size_mb, seed)
    return repo, json.loads(marker.read_text(encoding="utf-8"))


def run(args: argparse.Namespace) -> dict:
    work = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    repo, generated = ensure_repo(work, args.size_mb, args.seed)
    suffixes = lintable_suffixes()
    logs = work / f"logs-{repo.name}"  # one set per repository size
    logs.mkdir(exist_ok=True)
    rows: dict[str, dict] = {}
    notes: list[str] = []
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None

    floor_out = logs / "re_floor.json"
    # a floor is the fastest the scan can go: its best of three runs (the first one may still pay for a cold
    # page cache or an idle CPU waking up, which would flatter the others)
    rows["re floor"] = min((measure([sys.executable, str(Path(__file__).resolve()), "--_re-floor", str(repo),
                                     str(floor_out)], repo, logs / "re_floor.log") for _ in range(FLOOR_RUNS)),
                           key=lambda row: row["wall"])
    floor = json.loads(floor_out.read_text())
    total_bytes = floor["bytes"]

    fingerprint = library_fingerprint()
    cache_dir = Path(tempfile.mkdtemp(prefix="spilock-bench-cache-", dir=work))
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    results = []
    for label in ("spilock cold", "spilock warm"):
        out = logs / f"{label.replace(' ', '_')}.json"
        cmd = [*spilock_exe(), "lint", ".", "--format", "json", "-o", str(out), "--exit-zero",
               "--cache-dir", str(cache_dir), *jobs]
        rows[label] = measure(cmd, repo, logs / f"{label.replace(' ', '_')}.log")
        results.append(json.loads(out.read_text(encoding="utf-8")))
    shutil.rmtree(cache_dir, ignore_errors=True)
    if library_fingerprint() != fingerprint:
        notes.append("WARNING: spilock's analyzer or scenario sources changed during the run; the cache is keyed on "
                     "them, so the warm run was not warm. Rerun on a checkout nobody is editing.")
    if results[0]["findings"] != results[1]["findings"]:
        notes.append("WARNING: the warm run's findings differ from the cold run's (the cache changed results)")
    summary = results[0]["summary"]

    semgrep, how = (None, "skipped (--skip-semgrep)") if args.skip_semgrep else \
        find_or_install_semgrep(work, args.semgrep, not args.no_install_semgrep)
    semgrep_scanned = None
    if semgrep:
        rules = semgrep_rules(work / "semgrep-rules.yaml", suffixes)
        out = logs / "semgrep.json"
        (repo / ".semgrepignore").write_text("")  # no default ignores: scan what the others scan
        cmd = [semgrep, "scan", "--metrics=off", "--disable-version-check", "--config", str(rules), "--json",
               "-o", str(out), "--quiet", "."]
        if args.jobs:
            cmd[2:2] = ["--jobs", str(args.jobs)]
        rows["semgrep (regex-only)"] = measure(cmd, repo, logs / "semgrep.log")
        try:
            scanned = json.loads(out.read_text(encoding="utf-8"))
            semgrep_scanned = len(scanned.get("paths", {}).get("scanned", []))
        except (OSError, json.JSONDecodeError):
            notes.append(f"semgrep wrote no JSON output; see {logs / 'semgrep.log'}")
        notes.append(f"semgrep {semgrep_version(semgrep)} ({how}); scanned {semgrep_scanned} files")
    else:
        notes.append(f"semgrep {how}; its row and the 5x target are left out")

    return {
        "repo": str(repo), "generated": generated, "lintable_files": floor["files"], "bytes": total_bytes,
        "floor": floor, "spilock_summary": summary, "semgrep_scanned": semgrep_scanned, "rows": rows,
        "notes": notes, "cpus": os.cpu_count(), "python": sys.version.split()[0],
        "load_before": load_before, "load_after": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def targets(data: dict) -> list[tuple[str, bool | None, str]]:
    rows = data["rows"]
    cold, warm, floor = rows["spilock cold"]["wall"], rows["spilock warm"]["wall"], rows["re floor"]["wall"]
    out: list[tuple[str, bool | None, str]] = []
    semgrep = rows.get("semgrep (regex-only)")
    if semgrep:
        out.append(("cold >= 5x faster than semgrep regex-only", semgrep["wall"] / cold >= 5,
                    f"{semgrep['wall'] / cold:.2f}x"))
    else:
        out.append(("cold >= 5x faster than semgrep regex-only", None, "semgrep not run"))
    out.append(("cold speed >= 1/5 of the re floor", floor / cold >= 0.2, f"{floor / cold:.2f} of the floor"))
    out.append(("warm < 1/10 of cold", warm < cold / 10, f"warm/cold = {warm / cold:.3f}"))
    peak = max(rows["spilock cold"]["max_process_rss"], rows["spilock warm"]["max_process_rss"])
    out.append(("peak memory < 500 MiB (largest spilock process)", peak < 500 * MiB, f"{peak / MiB:.0f} MiB"))
    return out


def table(data: dict) -> str:
    mb = data["bytes"] / MiB
    lines = [f"repository: {data['repo']}",
             f"  {data['lintable_files']} lintable files, {mb:.1f} MiB; spilock: {data['spilock_summary']}",
             f"  re floor: {data['floor']['lines']} lines, {data['floor']['matching_lines']} with trigger words",
             f"machine: {data['cpus']} CPUs, Python {data['python']}, load average before {_load(data['load_before'])}"
             f", after {_load(data['load_after'])}", "",
             f"{'':22}{'wall s':>9}{'MiB/s':>9}{'cpu s':>9}{'peak MiB':>10}{'tree MiB':>10}  exit"]
    for name, row in data["rows"].items():
        tree = f"{row['tree_rss'] / MiB:10.0f}" if row.get("tree_rss") else f"{'-':>10}"
        cpu = f"{row['cpu']:9.2f}" if row.get("cpu") is not None else f"{'-':>9}"
        lines.append(f"{name:22}{row['wall']:9.2f}{mb / row['wall']:9.2f}{cpu}{row['max_process_rss'] / MiB:10.0f}{tree}"
                     f"  {row['returncode']}")
    lines += ["", "cpu s: user + system time of the command and all its processes (less sensitive to other load than wall)",
              "peak MiB: largest single process (getrusage); tree MiB: sampled sum over the process tree", ""]
    lines.append("targets:")
    for label, met, detail in targets(data):
        mark = {True: "met", False: "NOT met", None: "n/a"}[met]
        lines.append(f"  [{mark:7}] {label}: {detail}")
    lines += [""] + [f"note: {n}" for n in data["notes"]]
    return "\n".join(lines)


def _load(load) -> str:
    return "/".join(f"{x:.2f}" for x in load) if load else "?"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_measure"]:  # internal: the measuring wrapper
        return _run_measured(Path(argv[1]), argv[3:])
    if argv[:1] == ["--_re-floor"]:  # internal: the floor, as its own process
        Path(argv[2]).write_text(json.dumps(re_floor(Path(argv[1]), lintable_suffixes())))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=40.0, help="repository size (default 40)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "spilock-bench",
                        help="where the repository, semgrep's virtualenv and logs live (default: %(default)s)")
    parser.add_argument("--jobs", type=int, help="worker processes for spilock and semgrep (default: their own)")
    parser.add_argument("--semgrep", help="use this semgrep executable")
    parser.add_argument("--skip-semgrep", action="store_true")
    parser.add_argument("--no-install-semgrep", action="store_true", help="do not pip-install semgrep if missing")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args(argv)
    data = run(args)
    print(table(data))
    if args.json:
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
