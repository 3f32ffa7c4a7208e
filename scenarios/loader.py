"""Load, validate and cross-check the scenario library. The only module that parses scenario YAML.

Validation reports every problem, not the first: each is `path:line:col: json.path: message`,
with the line of the offending YAML node.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..errors import Problem, SpilockError
from ..yamlio import Document, load_yaml
from .model import DEFAULT_LANG, Example, Family, Library, Reference, Scenario, Source

HERE = Path(__file__).resolve().parent
BUNDLED_DIR = HERE / "library"
SCHEMA_PATH = HERE / "schema.json"
RESERVED = {"families.yaml", "references.yaml"}


@lru_cache(maxsize=1)
def _validator():
    # imported here: jsonschema takes a tenth of a second to import, and most commands never validate the library
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _json_path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(document)"


def schema_problems(doc: Document) -> list[Problem]:
    """Every schema violation, located at its YAML node."""
    problems = []
    errors = sorted(_validator().iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        for leaf in _leaves(err):
            path = list(leaf.absolute_path)
            problems.append(doc.problem(path, f"{_json_path(path)}: {leaf.message}"))
    return problems


def _leaves(err):
    """Report the innermost errors of if/then/allOf so the message names the real field."""
    if err.context:
        for sub in err.context:
            yield from _leaves(sub)
    else:
        yield err


def _load_mapping_file(path: Path, problems: list[Problem]) -> Document | None:
    if not path.exists():
        return None
    try:
        doc = load_yaml(path)
    except SpilockError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(str(path), "expected a mapping of keys to entries", 1, 1))
        return None
    return doc


def _references(doc: Document, problems: list[Problem]) -> dict[str, Reference]:
    refs = {}
    for key, entry in doc.data.items():
        if not isinstance(entry, dict) or not all(k in entry for k in ("authors", "year", "title")):
            problems.append(doc.problem([key], f"{key}: a reference needs authors, year and title"))
            continue
        allowed = {"authors", "year", "title", "venue", "url", "read", "note"}
        unknown = set(entry) - allowed
        if unknown:
            problems.append(doc.problem([key], f"{key}: unknown field(s) {sorted(unknown)}"))
            continue
        url = entry.get("url")
        if url is not None and not str(url).startswith(("https://", "http://")):
            problems.append(doc.problem([key, "url"], f"{key}.url: not an http(s) link: {url!r}"))
        refs[key] = Reference(key=key, **{k: entry[k] for k in entry})
    return refs


def _families(doc: Document, problems: list[Problem]) -> dict[str, Family]:
    fams = {}
    for key, entry in doc.data.items():
        if not isinstance(entry, dict) or not {"title", "description"} <= set(entry):
            problems.append(doc.problem([key], f"{key}: a family needs a title and a description"))
            continue
        fams[key] = Family(id=key, title=entry["title"], description=entry["description"])
    return fams


def _scenario(doc: Document, refs: dict[str, Reference]) -> Scenario:
    d = doc.data
    sources = tuple(
        Source(reference=refs[s["ref"]], locator=s.get("locator"), note=s.get("note")) for s in d["sources"]
    )
    examples = []
    for expect in ("flag", "clean"):
        for i, e in enumerate(d.get("examples", {}).get(expect, [])):
            examples.append(Example(
                scenario_id=d["id"], expect=expect, index=i, kind=e["kind"],
                lang=e.get("lang", DEFAULT_LANG[e["kind"]]), text=e["text"], note=e.get("note", ""),
            ))
    return Scenario(
        id=d["id"], slug=d["slug"], title=d["title"], kind=d["kind"], actors=tuple(d["actors"]),
        stages=tuple(d["stages"]), decisions=tuple(d["decisions"]), families=tuple(d["families"]),
        severity=d["severity"], summary=d["summary"].strip(), action=d["action"].strip(),
        spi=tuple(d["mechanism"]["spi"]), effect=d["mechanism"].get("effect", "forecloses"),
        mechanism=d["mechanism"]["text"].strip(),
        shapes={k: tuple(v) for k, v in d["shapes"].items()},
        detection_kinds=tuple(d["detection"]["kinds"]), detection_note=d["detection"].get("note", "").strip(),
        carve_out=d["carve_out"].strip(), question=d["checklist"]["question"].strip(),
        look_at=d["checklist"]["look_at"].strip(), backfire=d["backfire"].strip(),
        grounding=d["grounding"], caveat=d.get("caveat", "").strip(),
        open_questions=tuple(d.get("open_questions", [])), sources=sources,
        related=tuple(d.get("related", [])), examples=tuple(examples), path=doc.path,
    )


def _cross_check(docs: list[Document], refs, fams, problems: list[Problem]) -> None:
    """What a schema cannot see: uniqueness and references between files."""
    ids: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for doc in docs:
        d = doc.data
        for field, seen in (("id", ids), ("slug", slugs)):
            if d[field] in seen:
                problems.append(doc.problem([field], f"{field}: '{d[field]}' is already used by {seen[d[field]]}"))
            else:
                seen[d[field]] = doc.path
    for doc in docs:
        d = doc.data
        for i, fam in enumerate(d["families"]):
            if fam not in fams:
                problems.append(doc.problem(["families", i], f"families[{i}]: unknown family '{fam}'"))
        for i, src in enumerate(d["sources"]):
            if src["ref"] not in refs:
                problems.append(doc.problem(["sources", i, "ref"],
                                            f"sources[{i}].ref: '{src['ref']}' is not in references.yaml"))
        for i, rel in enumerate(d.get("related", [])):
            if rel not in ids:
                problems.append(doc.problem(["related", i], f"related[{i}]: no scenario with id '{rel}'"))
            elif rel == d["id"]:
                problems.append(doc.problem(["related", i], f"related[{i}]: a scenario cannot relate to itself"))
        kinds = set(d["detection"]["kinds"])
        for kind in sorted(kinds):  # each place a linter looks needs a fixture that fires and one that doesn't
            for expect in ("flag", "clean"):
                if not any(ex["kind"] == kind for ex in d.get("examples", {}).get(expect, [])):
                    problems.append(doc.problem(["detection", "kinds"],
                                                f"detection.kinds: '{kind}' has no {expect} example"))
        for expect in ("flag", "clean"):
            for i, ex in enumerate(d.get("examples", {}).get(expect, [])):
                if ex["kind"] not in kinds:
                    problems.append(doc.problem(
                        ["examples", expect, i, "kind"],
                        f"examples.{expect}[{i}].kind: '{ex['kind']}' is not in detection.kinds {sorted(kinds)}"))


def scenario_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.name not in RESERVED)


def _dirs(extra_dirs: Iterable[Path | str]) -> list[tuple[Path, Path]]:
    """(scenario dir, metadata dir) pairs: the bundled library's metadata sits one level up."""
    pairs = [(BUNDLED_DIR, HERE)]
    for extra in extra_dirs:
        p = Path(extra)
        pairs.append((p, p))
    return pairs


def check_library(extra_dirs: Iterable[Path | str] = ()) -> tuple[Library | None, list[Problem]]:
    """Load everything and return (library or None, every problem found)."""
    problems: list[Problem] = []
    refs: dict[str, Reference] = {}
    fams: dict[str, Family] = {}
    docs: list[Document] = []
    digest = hashlib.sha256()
    for scen_dir, meta_dir in _dirs(extra_dirs):
        if not scen_dir.is_dir():
            problems.append(Problem(str(scen_dir), "not a directory of scenarios"))
            continue
        for name, parse, into in (("references.yaml", _references, refs), ("families.yaml", _families, fams)):
            doc = _load_mapping_file(meta_dir / name, problems)
            if doc is not None:
                into.update(parse(doc, problems))
        for path in scenario_files(scen_dir):
            try:
                doc = load_yaml(path)
            except SpilockError as exc:
                problems.extend(exc.problems)
                continue
            digest.update(path.read_bytes())
            found = schema_problems(doc)
            problems.extend(found)
            if not found:
                docs.append(doc)
    _cross_check(docs, refs, fams, problems)
    if problems:
        return None, problems
    scenarios = tuple(sorted((_scenario(d, refs) for d in docs), key=lambda s: s.id))
    digest.update(json.dumps(sorted(refs)).encode())
    lib = Library(scenarios=scenarios, families=fams, references=refs,
                  version=__version__, digest=digest.hexdigest()[:16])
    return lib, []


def load_library(extra_dirs: Iterable[Path | str] = ()) -> Library:
    """The validated library, or SpilockError carrying every problem."""
    lib, problems = check_library(tuple(extra_dirs))
    if lib is None:
        raise SpilockError(problems)
    return lib
