"""Review records: the YAML file a reviewer signs for one commitment decision.

Read and written with ruamel.yaml's round-trip mode, so the comments, key order and quoting a
reviewer added by hand survive every save; every save is atomic (`yamlio.atomic_write`).

Reading is strict, and every problem is one line `path:line:col: message`:
1. the bytes must be UTF-8 (`yamlio.decode_utf8`);
2. the text must pass the safe PyYAML pass of `yamlio.parse_yaml`: it refuses unsafe or unknown
   tags (`!!python/object/apply:...`), which the round-trip loader would otherwise keep as
   inert tagged nodes, and duplicate keys; it also gives the node positions for messages;
3. the round-trip data must match review.schema.json (the structure; how complete the answers
   are is the gate's business, see gate.py) and name each item once;
4. item ids are checked against the library (`library_problems`).

Decisions recorded here (README-level, keep in sync with the report):
- Subject paths are stored relative to the record's directory, '/'-separated, so a record moves
  with the repository and CI finds the subjects wherever the checkout is.
- An item id that the current library does not have is a malformed record (exit 2) when the
  record was made from this very library (same digest): it cannot be a retired scenario, so it
  is a typo or a hand edit. When the library has changed since, the scenario may have been
  retired or renumbered: `review check` prints a warning and the item no longer gates anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Iterable

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..errors import Problem, SpilockError
from ..scenarios.model import DECISIONS, Library, Scenario
from ..yamlio import Document, atomic_write, decode_utf8, parse_yaml
from .generate import environment

HERE = Path(__file__).resolve().parent
REVIEW_SCHEMA = HERE / "review.schema.json"
RECORD_VERSION = 1
ANSWERS = ("yes", "no", "n/a")
# Canonical order of an item's keys; keys a reviewer added by hand keep their place.
ITEM_KEYS = ("id", "slug", "question_hash", "question", "answer", "previous_answer", "mitigation",
             "accepted_risk", "rationale", "notes", "answered_by", "answered_at")


# --------------------------------------------------------------------------------------------
# schema


@lru_cache(maxsize=1)
def review_schema() -> dict:
    schema = json.loads(REVIEW_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@lru_cache(maxsize=1)
def record_validator() -> Draft202012Validator:
    return Draft202012Validator(review_schema())


@lru_cache(maxsize=1)
def complete_item_validator() -> Draft202012Validator:
    """Validates one item against `$defs/complete_item` (refs resolve inside the same $defs)."""
    defs = review_schema()["$defs"]
    return Draft202012Validator({"$ref": "#/$defs/complete_item", "$defs": defs})


def is_complete(item: dict) -> bool:
    return complete_item_validator().is_valid(to_plain(item))


# --------------------------------------------------------------------------------------------
# YAML round trip


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, order and quoting; never constructs Python objects
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one value per line: stable diffs in review
    yaml.allow_duplicate_keys = False
    # `answer: null` reads better to a reviewer than an empty value.
    yaml.representer.add_representer(
        type(None), lambda rep, _data: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def to_plain(node: Any) -> Any:
    """ruamel's round-trip types as JSON-like builtins, for schema validation and reports."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, (dt.datetime, dt.date)):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _quoted(answer: str | None) -> Any:
    """Quote answers: a YAML 1.1 reader (PyYAML, yq) would read bare yes/no as booleans."""
    return None if answer is None else SingleQuotedScalarString(answer)


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------------------------
# the record


@dataclass
class ReviewRecord:
    """A loaded (or new) record. `data` is the round-trip tree; edit it only through the methods."""

    path: Path
    data: CommentedMap
    document: Document | None = None  # positions of the file as loaded, for messages

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def decision(self) -> str:
        return str(self.data["decision"])

    @property
    def items(self) -> list[CommentedMap]:
        return list(self.data["items"])

    @property
    def reviewers(self) -> list[str]:
        return [str(r) for r in self.data.get("reviewers") or []]

    def item(self, item_id: str) -> CommentedMap | None:
        for item in self.data["items"]:
            if item["id"] == item_id:
                return item
        return None

    def subjects(self) -> list[tuple[str, Path, str]]:
        """(path as recorded, path on disk, recorded sha256) for each subject."""
        return [(str(s["path"]), self.resolve(str(s["path"])), str(s["sha256"])) for s in self.data["subjects"]]

    def resolve(self, recorded: str) -> Path:
        path = Path(recorded)
        return path if path.is_absolute() else self.base_dir / path

    def extra_dirs(self) -> list[Path]:
        return [self.resolve(str(p)) for p in self.data["library"].get("extra") or []]

    # -- writing --------------------------------------------------------------------------------

    def dumps(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.data, out)
        return out.getvalue()

    def save(self) -> None:
        """Atomic: a kill at any moment leaves either the old record or the new one, never half."""
        atomic_write(self.path, self.dumps())

    def set_answer(self, scenario: Scenario, answer: str, *, mitigation: str | None = None,
                   accepted_risk: tuple[str, str] | None = None, rationale: str | None = None,
                   notes: str | None = None, by: str | None = None, at: str | None = None) -> CommentedMap:
        """Record a complete answer to the current version of `scenario`'s question.

        Refuses an incomplete answer (no without mitigation or accepted risk, n/a without
        rationale), so records written through this API always pass the completeness check.
        The item is added if the library gained the scenario after `review init`.
        """
        require_complete(scenario.id, answer, mitigation, accepted_risk, rationale)
        item = self.item(scenario.id) or self.add_item(scenario)
        _put(item, "slug", scenario.slug)
        _put(item, "question_hash", scenario.review_hash)
        _put(item, "question", scenario.question)
        _put(item, "answer", _quoted(answer))
        item.pop("previous_answer", None)
        if answer == "no":
            _set_or_drop(item, "mitigation", mitigation)
            if accepted_risk:
                _put(item, "accepted_risk", CommentedMap([("rationale", accepted_risk[0]),
                                                         ("approver", accepted_risk[1])]))
            else:
                item.pop("accepted_risk", None)
        else:  # a mitigation or accepted risk left over from an earlier "no" would mislead the report
            item.pop("mitigation", None)
            item.pop("accepted_risk", None)
        if rationale is not None:
            _set_or_drop(item, "rationale", rationale)
        if notes is not None:
            _set_or_drop(item, "notes", notes)
        _set_or_drop(item, "answered_by", by)
        _put(item, "answered_at", at or utc_now())
        return item

    def add_item(self, scenario: Scenario) -> CommentedMap:
        item = new_item(scenario)
        self.data["items"].append(item)
        return item

    def reopen_all(self) -> int:
        """Start a re-review: every answer becomes `previous_answer` and the item is open again."""
        count = 0
        for item in self.data["items"]:
            if item.get("answer") is not None:
                _put(item, "previous_answer", _quoted(str(item["answer"])))
                _put(item, "answer", None)
                count += 1
        return count

    def restamp_subjects(self) -> list[str]:
        """Record the current SHA-256 of every subject; returns the paths whose hash changed."""
        changed = []
        for subject in self.data["subjects"]:
            new = sha256_file(self.resolve(str(subject["path"])))
            if new != subject["sha256"]:
                subject["sha256"] = new
                changed.append(str(subject["path"]))
        return changed


def _put(item: CommentedMap, key: str, value: Any) -> None:
    """Set `key`, inserting a new key at its canonical place rather than at the end."""
    if key in item:
        item[key] = value
        return
    rank = ITEM_KEYS.index(key)
    position = sum(1 for k in item if k in ITEM_KEYS and ITEM_KEYS.index(k) < rank)
    item.insert(position, key, value)


def _set_or_drop(item: CommentedMap, key: str, value: str | None) -> None:
    if value is None or not str(value).strip():
        item.pop(key, None)
    else:
        _put(item, key, value.strip())


def require_complete(item_id: str, answer: str, mitigation: str | None,
                     accepted_risk: tuple[str, str] | None, rationale: str | None) -> None:
    def blank(text: str | None) -> bool:
        return text is None or not text.strip()

    if answer not in ANSWERS:
        raise SpilockError(f"{item_id}: answer must be one of {', '.join(ANSWERS)}, not {answer!r}")
    if answer == "no" and blank(mitigation) and accepted_risk is None:
        raise SpilockError(f"{item_id}: a 'no' needs a mitigation or an accepted risk (rationale and approver)")
    if accepted_risk is not None and (blank(accepted_risk[0]) or blank(accepted_risk[1])):
        raise SpilockError(f"{item_id}: an accepted risk needs both a rationale and an approver")
    if answer == "n/a" and blank(rationale):
        raise SpilockError(f"{item_id}: 'n/a' needs a rationale saying why the item does not apply")


def new_item(scenario: Scenario) -> CommentedMap:
    return CommentedMap([("id", scenario.id), ("slug", scenario.slug), ("question_hash", scenario.review_hash),
                         ("question", scenario.question), ("answer", None)])


# --------------------------------------------------------------------------------------------
# creating


def relative_to_record(subject: Path, record_path: Path) -> str:
    """The subject as the record stores it: relative to the record's directory, '/' separated."""
    try:
        rel = os.path.relpath(os.path.abspath(subject), os.path.abspath(record_path.parent))
    except ValueError:  # another drive on Windows: no relative path exists
        return Path(os.path.abspath(subject)).as_posix()
    return PurePosixPath(*Path(rel).parts).as_posix()


def create_record(path: Path, library: Library, decision: str, subjects: Iterable[Path],
                  reviewers: Iterable[str] = (), extra_dirs: Iterable[Path] = (),
                  created: str | None = None) -> ReviewRecord:
    """A new record with one open item per scenario that applies to `decision` (not yet saved)."""
    if decision not in DECISIONS:
        raise SpilockError(f"unknown decision type '{decision}'; expected one of {', '.join(DECISIONS)}")
    subjects = list(subjects)
    problems = [Problem(str(s), "subject not found" if not s.exists() else "a subject must be a file")
                for s in subjects if not s.is_file()]
    if not subjects:
        problems.append(Problem(str(path), "a review needs at least one --subject"))
    if problems:
        raise SpilockError(problems)
    library_map = CommentedMap([("version", library.version), ("digest", library.digest)])
    extra = [relative_to_record(Path(d), path) for d in extra_dirs]
    if extra:
        library_map["extra"] = CommentedSeq(extra)
    data = CommentedMap([
        ("version", RECORD_VERSION),
        ("decision", decision),
        ("subjects", CommentedSeq(CommentedMap([("path", relative_to_record(s, path)), ("sha256", sha256_file(s))])
                                  for s in subjects)),
        ("library", library_map),
        ("reviewers", CommentedSeq(r.strip() for r in reviewers if r.strip())),
        ("created", created or utc_now()),
        ("items", CommentedSeq(new_item(item.scenario) for item in library.checklist(decision))),
    ])
    return ReviewRecord(path=path, data=data)


def render_new(record: ReviewRecord) -> str:
    """The first version of the file: the header comment (a Jinja2 template) plus the data.

    The template writes only comments; the data itself is emitted by ruamel.yaml, which does
    the YAML quoting, so no reviewer-supplied string can break the file.
    """
    header = environment().get_template("review.yaml.j2").render(decision=record.decision)
    return header + record.dumps()


def write_new(record: ReviewRecord, force: bool = False) -> None:
    if record.path.exists() and not force:
        raise SpilockError(Problem(str(record.path), "a review record already exists here; "
                                                     "use --force to overwrite it (its answers will be lost)"))
    atomic_write(record.path, render_new(record))


# --------------------------------------------------------------------------------------------
# reading


def read_record(path: Path | str) -> ReviewRecord:
    """Parse and validate the structure of a record; SpilockError with every problem otherwise."""
    path = Path(path)
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpilockError(Problem(shown, f"cannot read review record: {exc.strerror or exc}")) from None
    text = decode_utf8(raw, shown)
    document = parse_yaml(text, shown)  # safe pass: unsafe tags, duplicate keys, syntax, positions
    data = _round_trip_load(text, shown)
    if not isinstance(data, CommentedMap):
        raise SpilockError(Problem(shown, "a review record must be a YAML mapping "
                                          "(see `spilock review init`)", 1, 1))
    record = ReviewRecord(path=path, data=data, document=document)
    problems = schema_problems(record) or duplicate_problems(record)
    if problems:
        raise SpilockError(problems)
    return record


def _round_trip_load(text: str, shown: str) -> Any:
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:  # the safe pass normally catches these first
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise SpilockError(Problem(shown, f"invalid YAML: {exc.problem or exc.context}", line, col)) from None
    except YAMLError as exc:
        raise SpilockError(Problem(shown, f"invalid YAML: {exc}")) from None


def schema_problems(record: ReviewRecord) -> list[Problem]:
    """One line per violation of the record's structure, at the offending YAML node."""
    plain = to_plain(record.data)
    errors = sorted(record_validator().iter_errors(plain), key=lambda e: [str(p) for p in e.absolute_path])
    return [_locate(record, _node_path(err), describe(err)) for err in errors]


def _node_path(err: ValidationError) -> list[Any]:
    """Where to point: at the first unknown key itself rather than at the mapping that holds it."""
    path = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        path += extra[:1]
    return path


def describe(err: ValidationError) -> str:
    """A short message naming the field, instead of jsonschema's generic text."""
    path = list(err.absolute_path)
    where = _json_path(path)
    leaf = best_match(err.context) if err.context else err
    value = leaf.instance
    if path and path[-1] in ("answer", "previous_answer"):
        hint = " (quote it, e.g. answer: 'no')" if isinstance(value, bool) else ""
        return f"{where}: must be yes, no, n/a{' or null' if path[-1] == 'answer' else ''}, not {value!r}{hint}"
    if leaf.validator == "additionalProperties":
        extra = sorted(set(value) - set(leaf.schema.get("properties", {})))
        return f"{where}: unknown field{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}"
    if leaf.validator == "required":
        return f"{where}: {leaf.message.replace(' is a required property', '')} is required"
    if leaf.validator == "const":
        return f"{where}: must be {leaf.validator_value!r}, not {value!r}"
    if leaf.validator == "pattern":
        return f"{where}: {PATTERN_MEANING.get(leaf.validator_value, 'does not match ' + leaf.validator_value)}, " \
               f"not {value!r}"
    if leaf.validator == "type":
        return f"{where}: expected {_type_name(leaf.validator_value)}, got {_type_name_of(value)} {value!r}"
    return f"{where}: {leaf.message}"


PATTERN_MEANING = {
    "\\S": "must not be blank",
    "^[0-9a-f]{64}$": "must be a SHA-256 (64 lowercase hex digits)",
    "^[0-9a-f]{16}$": "must be a 16-digit lowercase hex hash",
    "^(?:[A-Z][A-Z0-9]{1,9}-)?S[0-9]{2,4}$": "must be a scenario id such as S01 or ACME-S001",
}


def _type_name(expected: Any) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
             "null": "null", "boolean": "true/false", "number": "a number"}
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, str(expected))


def _type_name_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "an integer",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _json_path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "record"


def _locate(record: ReviewRecord, path: list[Any], message: str) -> Problem:
    if record.document is not None:
        return record.document.problem(path, message)
    return Problem(str(record.path), message)


def duplicate_problems(record: ReviewRecord) -> list[Problem]:
    problems = []
    first_seen: dict[str, int] = {}
    for i, item in enumerate(record.data["items"]):
        item_id = str(item["id"])
        if item_id in first_seen:
            first_line = _locate(record, ["items", first_seen[item_id]], "").line
            problems.append(_locate(record, ["items", i, "id"],
                                    f"items[{i}].id: duplicate item '{item_id}' (first at line {first_line})"))
        else:
            first_seen[item_id] = i
    seen_paths: set[str] = set()
    for i, subject in enumerate(record.data["subjects"]):
        if subject["path"] in seen_paths:
            problems.append(_locate(record, ["subjects", i, "path"],
                                    f"subjects[{i}].path: duplicate subject '{subject['path']}'"))
        seen_paths.add(subject["path"])
    return problems


def library_problems(record: ReviewRecord, library: Library) -> list[Problem]:
    """Item ids the library cannot have retired since the record was made (same digest): typos."""
    if str(record.data["library"]["digest"]) != library.digest:
        return []  # the library changed: unknown ids are retired scenarios, a warning in `review check`
    problems = []
    for i, item in enumerate(record.data["items"]):
        scenario = library.get(str(item["id"]))
        if scenario is None or scenario.id != item["id"]:
            problems.append(_locate(record, ["items", i, "id"],
                                    f"items[{i}].id: unknown item '{item['id']}': no such scenario in "
                                    f"library {library.version} ({library.digest}), from which this record was made"))
        elif record.decision not in scenario.decisions:
            problems.append(_locate(record, ["items", i, "id"],
                                    f"items[{i}].id: item '{item['id']}' does not apply to decision "
                                    f"'{record.decision}' in the library this record was made from"))
    return problems


def open_record(path: Path | str) -> tuple[ReviewRecord, Library]:
    """Read a record and the library it is checked against (bundled + the record's extra dirs)."""
    record = read_record(path)
    library = library_for(record.extra_dirs())
    problems = library_problems(record, library)
    if problems:
        raise SpilockError(problems)
    return record, library


_LIBRARIES: dict[tuple, Library] = {}


def library_for(extra_dirs: Iterable[Path]) -> Library:
    """load_library, memoised per process: `review check reviews/*.yaml` loads it once, not per record.

    The key includes every library file's size and mtime, so an edited scenario is reloaded.
    """
    from ..scenarios import loader

    dirs = [Path(loader.BUNDLED_DIR), Path(loader.HERE), *(Path(d) for d in extra_dirs)]
    key = tuple((str(d.resolve()), _stat_signature(d)) for d in dirs)
    if key not in _LIBRARIES:
        _LIBRARIES.clear()  # one live entry is enough; a changed library replaces the old one
        _LIBRARIES[key] = loader.load_library(list(extra_dirs))
    return _LIBRARIES[key]


def _stat_signature(directory: Path) -> tuple:
    try:
        files = sorted(directory.glob("*.yaml"))
        return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    except OSError:
        return ()
