"""Run the analyzers over discovered files. One direction: discover -> analyze -> filter -> Report.

Analyzers are plain functions `analyze(path: str, text: str) -> list[Finding]` that raise
AnalysisError for input they cannot parse. Nothing an analyzer does can crash the run: any failure,
a worker crash or a file over the time limit becomes an `errors` entry for that file.

Files are analysed in a process pool (workers return findings, never trees) and the results are
cached on file content, tool version, library and settings, so an unchanged repository re-lints
almost at once. The cache never changes results: a hit returns what the analysis returned.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import itertools
import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import Problem
from ..yamlio import utf8_error
from . import suppress
from .cache import Cache
from .discover import SourceFile, discover
from .model import SEVERITY_RANK, AnalysisError, Finding
from .settings import Settings

Analyzer = Callable[[str, str], list[Finding]]
ANALYZER_MODULES = {"prose": "prose", "config": "config", "code": "code"}
BINARY_SNIFF = 8192
PARALLEL_MIN_FILES = 16  # below this a pool costs more than it saves
DEFAULT_TIMEOUT = 60.0  # seconds per file
RECURSION_LIMIT = 5000  # deep but legitimate trees (a module of long implicitly joined strings) parse within it
BATCH_BYTES = 128 * 1024  # bytes of source per pool task (see _batches)
BATCH_FILES = 32
# fork where the platform has it: workers inherit the compiled rules instead of re-importing them
_MP_CONTEXT = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    files: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # kind -> files with no analyzer yet
    stale_baseline: list[dict] = field(default_factory=list)
    cacheable: bool = True  # False when the worker crashed or timed out: the next run must try again

    def add(self, other: "Report") -> None:
        self.findings.extend(other.findings)
        self.errors.extend(other.errors)
        self.files += other.files
        for k, v in other.skipped.items():
            self.skipped[k] = self.skipped.get(k, 0) + v

    def sort(self) -> None:
        self.findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
        self.errors.sort(key=lambda e: (e.path, e.line or 0))

    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    def failing(self, fail_on: str) -> list[Finding]:
        limit = SEVERITY_RANK[fail_on]
        return [f for f in self.active() if SEVERITY_RANK[f.severity] <= limit]


def analyzer_for(kind: str) -> Analyzer | None:
    try:
        module = importlib.import_module(f"{__package__}.{ANALYZER_MODULES[kind]}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__package__}.{ANALYZER_MODULES[kind]}":
            return None  # that analyzer has not been written yet
        raise
    return getattr(module, "analyze", None)


def decode(raw: bytes) -> str:
    """The file's text, or AnalysisError naming why it cannot be linted (binary, not UTF-8)."""
    if b"\x00" in raw[:BINARY_SNIFF]:
        raise AnalysisError("binary file (NUL bytes) with a text extension; not linted")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message, line = utf8_error(raw, exc)
        raise AnalysisError(f"{message}; not linted", line) from None


def read_source(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AnalysisError(f"cannot read file: {exc.strerror or exc}") from None


def analyze_source(source: SourceFile, raw: bytes, settings: Settings) -> Report:
    """Analyse one file's bytes: decode, run its analyzer, apply settings and inline suppressions."""
    report = Report(files=1)
    analyze = analyzer_for(source.kind)
    if analyze is None:
        return Report(skipped={source.kind: 1})
    try:
        text = decode(raw)
        found = [f for f in analyze(source.display, text) if settings.enabled(f.rule, f.family, source.display)]
        found = suppress.apply(source.display, text, found, settings.is_unsuppressible)
        report.findings.extend(f for f in found if settings.enabled(f.rule, f.family, source.display))
    except AnalysisError as exc:
        report.errors.append(Problem(source.display, exc.message, exc.line, exc.column))
    except RecursionError:
        report.errors.append(Problem(source.display, "too deeply nested to analyse (recursion limit)"))
    except Exception as exc:  # noqa: BLE001 - an analyzer bug must not lose the other files
        report.errors.append(Problem(source.display, f"internal error in the {source.kind} analyzer: "
                                                     f"{type(exc).__name__}: {exc}"))
    return report


def _worker(batch: list[tuple[SourceFile, bytes]], settings: Settings) -> list[Report]:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    return [analyze_source(source, raw, settings) for source, raw in batch]


@dataclass
class Job:
    source: SourceFile
    raw: bytes
    key: str


def lint(paths: Iterable[Path | str], exclude: Iterable[str] = (), settings: Settings | None = None, *,
         cache_dir: Path | None = None, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
         progress: Callable[[int, int], None] | None = None) -> Report:
    """Lint `paths`. With `cache_dir`, reuse results for unchanged files; `jobs` caps the pool."""
    settings = settings or Settings()
    report = Report()
    cache = Cache(cache_dir, settings) if cache_dir else None

    def misses() -> Iterator[Job]:
        """The files to analyse, read as the pool needs them: discovery overlaps the analysis, and the parent holds
        only the files in flight, never the whole repository."""
        for source in discover(paths, [*exclude, *settings.exclude]):
            try:
                raw = read_source(source.path)
            except AnalysisError as exc:
                report.add(Report(files=1, errors=[Problem(source.display, exc.message)]))
                continue
            key = hashlib.sha256(source.display.encode() + b"\0" + raw).hexdigest()
            hit = cache.get(key) if cache else None
            if hit is not None:
                report.add(hit)
            else:
                yield Job(source, raw, key)

    for job, result in _run(misses(), settings, jobs, timeout, progress):
        report.add(result)
        if cache is not None and result.cacheable:
            cache.put(job.key, result)
    if cache is not None:
        cache.save()
    report.sort()
    return report


class _Count:
    """How many files discovery has handed over so far, and whether it is done (for the progress line)."""

    def __init__(self, jobs: Iterable[Job]):
        self._jobs = iter(jobs)
        self.seen = 0
        self.done = False

    def __iter__(self) -> Iterator[Job]:
        for job in self._jobs:
            self.seen += 1
            yield job
        self.done = True

    def total(self, finished: int) -> int:
        return self.seen if self.done else max(self.seen, finished + 1)  # never "finished" while discovery goes on


def _run(pending: Iterable[Job], settings: Settings, jobs: int | None, timeout: float, progress):
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    count = _Count(pending)
    stream = iter(count)
    head = list(itertools.islice(stream, PARALLEL_MIN_FILES))
    if not head:
        return  # every file a cache hit (or none at all): the rules are never even imported
    # Import analyzers and compile their rule patterns once, here: forked workers inherit them
    # instead of each paying the compile cost (seconds for the prose rules).
    from .rules import all_rules

    all_rules()
    for kind in ANALYZER_MODULES:
        analyzer_for(kind)
    # The compiled rules live for the whole run: moved out of the cyclic collector's sight, they are not
    # traversed again at every collection, and forked workers do not touch (and so copy) their pages.
    gc.freeze()
    if workers <= 1 or len(head) < PARALLEL_MIN_FILES:
        # the same limit as in a worker: a file must not lint alone differently from in a directory run
        sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
        for i, job in enumerate(itertools.chain(head, stream), 1):
            yield job, analyze_source(job.source, job.raw, settings)
            if progress:
                progress(i, count.total(i))
        return
    yield from _run_pool(_batches(itertools.chain(head, stream), workers), settings, workers, timeout,
                         progress and (lambda done: progress(done, count.total(done))))


def _batches(jobs: Iterable["Job"], workers: int) -> Iterator[list["Job"]]:
    """Files grouped so that one task carries about BATCH_BYTES (at most BATCH_FILES files): small files no longer
    pay a round trip each, and there are still several tasks per worker to balance the load. A run too small to give
    every worker eight full batches gets smaller ones: discovery is read ahead that far to tell."""
    jobs = iter(jobs)
    ahead: list[Job] = []
    size = 0
    for job in jobs:
        ahead.append(job)
        size += len(job.raw)
        if size >= BATCH_BYTES * workers * 8:
            break
    limit = max(1, min(BATCH_BYTES, size // (workers * 8)))
    batch: list[Job] = []
    size = 0
    for job in itertools.chain(ahead, jobs):
        if batch and (size + len(job.raw) > limit or len(batch) >= BATCH_FILES):
            yield batch
            batch, size = [], 0
        batch.append(job)
        size += len(job.raw)
    if batch:
        yield batch


def _one_per_task(batch: list[Job]) -> list[list[Job]]:
    """A failed batch's files as tasks of their own, ready for the queue (which pops from its end)."""
    return [[job] for job in reversed(batch)]


def _run_pool(batches: Iterable[list[Job]], settings: Settings, workers: int, timeout: float, progress):
    """A process pool that survives crashed and stuck workers: the file becomes an errors entry.

    A task is a batch of files. When a batch crashes its worker or overruns the per-file time limit, its files are
    queued again one per task, so the failure is blamed on the right file and its neighbours still get analysed."""
    fresh = iter(batches)
    queue: list[list[Job]] = []  # batches to run again, popped from the end before any fresh one
    done_count = 0
    solo: list[Job] = []
    more = True
    while more:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_MP_CONTEXT)
        futures: dict[Future, list[Job]] = {}
        started: dict[Future, float] = {}
        broken = False
        try:
            while not broken:
                while len(futures) < workers * 3:  # bounded in-flight: memory stays flat
                    batch = queue.pop() if queue else next(fresh, None)
                    if batch is None:
                        break
                    try:
                        futures[pool.submit(_worker, [(job.source, job.raw) for job in batch], settings)] = batch
                    except BrokenProcessPool:
                        # a worker died while we were still submitting: this batch never ran; the batches in flight
                        # fail below with the same error, which tells the culprit's batch apart
                        queue.append(batch)
                        broken = not futures  # nothing in flight to report it: start a fresh pool for the queue
                        break
                if broken:
                    continue
                if not futures:
                    more = False
                    break
                finished, _ = wait(futures, timeout=0.25, return_when=FIRST_COMPLETED)
                now = time.monotonic()
                for fut in finished:
                    batch = futures.pop(fut)
                    started.pop(fut, None)
                    try:
                        results = fut.result()
                    except BrokenProcessPool:
                        broken = True  # we cannot tell which file killed the worker: retry each alone
                        if len(batch) == 1:
                            solo.extend(batch)
                        else:
                            queue.extend(_one_per_task(batch))
                        continue
                    for job, result in zip(batch, results):
                        done_count += 1
                        yield job, result
                    if progress:
                        progress(done_count)
                for fut in futures:
                    if fut.running():
                        started.setdefault(fut, now)
                stuck = [f for f, t in started.items() if now - t > timeout]
                if stuck:
                    for fut in stuck:
                        batch = futures.pop(fut)
                        started.pop(fut)
                        if len(batch) > 1:
                            queue.extend(_one_per_task(batch))  # which file is slow? each alone
                            continue
                        done_count += 1
                        yield batch[0], _failure(batch[0], f"analysis exceeded the per-file time limit ({timeout:g}s)")
                    broken = True
        finally:
            if broken:
                for proc in list(getattr(pool, "_processes", {}).values()):
                    proc.kill()
                # requeue what had not finished (innocent bystanders of a kill or crash)
                queue.extend(futures.values())
            pool.shutdown(wait=not broken, cancel_futures=True)
    for job in solo:
        done_count += 1
        yield job, _run_solo(job, settings, timeout)
        if progress:
            progress(done_count)


def _failure(job: Job, message: str) -> Report:
    """An errors entry for a file whose worker failed; never cached, so a later run retries it."""
    return Report(files=1, errors=[Problem(job.source.display, message)], cacheable=False)


def _run_solo(job: Job, settings: Settings, timeout: float) -> Report:
    """Run one suspect file in a worker of its own, so a crash is blamed on the right file."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_MP_CONTEXT)
    fut = pool.submit(_worker, [(job.source, job.raw)], settings)
    try:
        return fut.result(timeout=timeout)[0]
    except BrokenProcessPool:
        return _failure(job, "the analysis worker crashed on this file")
    except TimeoutError:
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        return _failure(job, f"analysis exceeded the per-file time limit ({timeout:g}s)")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
