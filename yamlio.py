"""Safe YAML reading that keeps node positions, and atomic writes of user data.

Every YAML file spilock owns (scenarios, the bibliography, review records) is read here so that
an error can name the file and the line of the offending node, not just a JSON path.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import Problem, SpilockError


@dataclass(frozen=True)
class Document:
    """A parsed YAML document: the plain data and the composed node tree (for line lookups)."""

    path: str
    data: Any
    node: yaml.Node | None

    def locate(self, json_path: Iterable[Any]) -> tuple[int | None, int | None]:
        """1-based (line, column) of the node at `json_path`, or of its deepest existing parent.

        A block mapping or sequence is located at its key ("sources:"), a scalar at its value.
        """
        node, anchor = self.node, self.node
        for step in json_path:
            key, child = _child(node, step)
            if child is None:
                break
            node = child
            anchor = key if key is not None and isinstance(child, (yaml.MappingNode, yaml.SequenceNode)) else child
        if anchor is None:
            return None, None
        return anchor.start_mark.line + 1, anchor.start_mark.column + 1

    def problem(self, json_path: Iterable[Any], message: str) -> Problem:
        line, col = self.locate(list(json_path))
        return Problem(self.path, message, line, col)


def _child(node: yaml.Node | None, step: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node or None, value node) one step down from `node`."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return None, node.value[step]
    return None, None


def utf8_error(raw: bytes, exc: UnicodeDecodeError) -> tuple[str, int]:
    """(message, 1-based line) for the first byte that is not UTF-8: one wording for every reader."""
    return f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", raw[: exc.start].count(b"\n") + 1


def decode_utf8(raw: bytes, path: str) -> str:
    """Decode strictly; a bad byte is reported with the line it sits on."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message, line = utf8_error(raw, exc)
        raise SpilockError(Problem(path, message, line)) from None


def read_text(path: Path | str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SpilockError(Problem(str(path), f"cannot read file: {exc.strerror or exc}")) from None
    return decode_utf8(raw, str(path))


def parse_yaml(text: str, path: str) -> Document:
    """Parse one YAML document with the safe loader; duplicate keys and unsafe tags are errors."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _reject_duplicate_keys(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "malformed YAML"
        if "could not determine a constructor" in str(exc):
            reason = f"unsafe or unknown YAML tag ({reason.split('tag')[-1].strip()}) refused"
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise SpilockError(Problem(path, f"invalid YAML: {reason}", line, col)) from None
    except yaml.YAMLError as exc:
        raise SpilockError(Problem(path, f"invalid YAML: {exc}")) from None
    finally:
        loader.dispose()
    return Document(path, data, node)


def load_yaml(path: Path | str) -> Document:
    return parse_yaml(read_text(path), str(path))


def _reject_duplicate_keys(root: yaml.Node, path: str) -> None:
    stack = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # aliases share nodes; visit each once
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        mark = key.start_mark
                        raise SpilockError(
                            Problem(path, f"duplicate key '{key.value}'", mark.line + 1, mark.column + 1)
                        )
                    keys.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def atomic_write(path: Path | str, text: str | bytes, new_mode: int | None = None) -> None:
    """Write via a temporary file in the same directory, fsync, then rename over the target. The target keeps its
    permissions; a new file gets `new_mode` if given (else the temporary file's owner-only ones)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8", newline="")) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        elif new_mode is not None:
            os.chmod(tmp, new_mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
