"""The config analyzer: training and deployment configs in YAML, JSON and TOML.

Each format is parsed into one uniform tree of `ConfigNode`s that keeps exact, 1-based positions
(key start to value end, end column exclusive) and dotted paths such as `reward.terms[2].weight`.
The LO2xx rules in `config_rules.py` run over that tree; string values that read as natural
language (system prompts, constitution principles, critique prompts) also go through the prose
analyzer and its findings are moved to where the string sits in the file.

How each format keeps positions:

* YAML: PyYAML's safe *composer* (libyaml's when available) yields nodes with start/end marks; we
  walk the nodes ourselves and never construct Python objects, so no tag is ever executed. Tags
  under `tag:yaml.org,2002:python/` and other non-standard `!!` tags are refused with their line;
  application-local tags (`!Ref`, `!include`) are read as plain data. Aliases are walked (so a
  finding inside an anchored block also counts where it is merged in) but every alias expansion
  is charged to a budget (MAX_ALIAS_NODES), so a "billion laughs" document stops with an error
  entry instead of exhausting memory. Merge keys (`<<: *base`) make the merged keys siblings.
  Duplicate keys are an error. Multi-document files: every document is linted.
* JSON: a small iterative tokenizer of our own (strings decoded by the stdlib's C scanstring),
  linear in the input, depth-capped at MAX_DEPTH; invalid JSON is an error with line and column.
  The stdlib `json` module gives no positions, so it is used only for string decoding.
* TOML: `tomllib` decides validity and gives the values (its error message carries the line);
  a light line scan locates `[table]`, `[[array]]` headers and `key = value` lines (dotted and
  quoted keys, multi-line strings and arrays) to give each top-level value of a key its span.
  Values nested inside inline tables or arrays take the span of the key that holds them.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from json.scanner import NUMBER_RE
from operator import attrgetter
from typing import Any, Callable, Iterator

import yaml

from .model import AnalysisError, Finding

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - 3.10
    import tomli as tomllib  # type: ignore[no-redef]

MAX_DEPTH = 500  # nesting deeper than this is refused (configs are never this deep)
MAX_NODES = 1_000_000  # nodes per file, all documents together
MAX_ALIAS_NODES = 100_000  # nodes reached a second time through YAML aliases

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


# --------------------------------------------------------------------------------------------
# The uniform tree
# --------------------------------------------------------------------------------------------

@dataclass(eq=False, slots=True)  # slots: one object per node, quicker to make and to read
class ConfigNode:
    """One key/value (or sequence item) with its exact span in the file.

    line/column .. end_line/end_column cover the key and its value (1-based, end exclusive);
    value_line/value_column is where the value itself starts. The parsers pass the fields by position:
    they make one node per key, and matching a dozen keywords took a third of that.
    """

    path: str
    key: str | None  # the mapping key; None for sequence items and the document root
    index: int | None  # position in the parent sequence
    kind: str  # "map", "seq" or "scalar"
    value: Any  # the scalar's value (str, int, float, bool, None); None for containers
    line: int
    column: int
    end_line: int
    end_column: int
    value_line: int
    value_column: int
    parent: "ConfigNode | None" = None
    children: list["ConfigNode"] = field(default_factory=list)
    document: int = 0
    # builds the StringMap of a string value on demand (only prose strings ever need one)
    string_locator: "Callable[[], StringMap | None] | None" = field(default=None, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def string_map(self) -> "StringMap | None":
        """Maps a (line, col) inside the decoded string to the file; None = use the whole span."""
        if self.string_locator is None:
            return None
        if "string_map" not in self._cache:
            self._cache["string_map"] = self.string_locator()
        return self._cache["string_map"]

    @property
    def is_scalar(self) -> bool:
        return self.kind == "scalar"

    def walk(self) -> Iterator["ConfigNode"]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def siblings(self) -> list["ConfigNode"]:
        if self.parent is None:
            return []
        return [c for c in self.parent.children if c is not self]

    def ancestors(self) -> Iterator["ConfigNode"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def child(self, key: str) -> "ConfigNode | None":
        for c in self.children:
            if c.key == key:
                return c
        return None

    def scalars(self) -> Iterator["ConfigNode"]:
        """This node and every scalar below it."""
        return (n for n in self.walk() if n.is_scalar)


@dataclass(frozen=True)
class StringMap:
    """Where each line of a decoded string starts in the file, and its column offsets.

    `lines[k]` = (file line, file column of the string's line k+1 first char, offsets) where
    offsets is None when characters map one to one, or a list of per-character file columns.
    """

    lines: tuple[tuple[int, int, tuple[int, ...] | None], ...]

    def to_file(self, line: int, col: int) -> tuple[int, int] | None:
        if not 1 <= line <= len(self.lines):
            return None
        file_line, file_col, offsets = self.lines[line - 1]
        if offsets is None:
            return file_line, file_col + col - 1
        if 1 <= col <= len(offsets):
            return file_line, offsets[col - 1]
        if offsets and col == len(offsets) + 1:
            return file_line, offsets[-1] + 1
        return None


@dataclass
class ConfigDocument:
    """One parsed document: its root, every node in document order, and the source text."""

    path: str
    fmt: str
    root: ConfigNode
    nodes: list[ConfigNode]
    index: int = 0
    text: str = ""  # the source, for the rules that read comments (YAML and TOML only)


class _Positions:
    """Offset <-> (line, column) for one text; columns count characters, 1-based."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end]


_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")
_PLACE = attrgetter("line", "column", "path")  # document order
_END = attrgetter("end_line", "end_column")


def _join(path: str, key: str | None, index: int | None) -> str:
    if index is not None:
        return f"{path}[{index}]"
    if key is None:
        return path
    k = _path_key(key)
    return f"{path}.{k}" if path else k


@lru_cache(maxsize=65536)  # the same keys recur on every item of a list and in every file of a repo
def _path_key(key: str) -> str:
    """A key as written in a dotted path: bare when it can be, JSON-quoted otherwise."""
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key)


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0
        self.alias_nodes = 0

    def charge(self, line: int, through_alias: bool) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise AnalysisError(f"config too large to analyse (more than {MAX_NODES:,} nodes)", line)
        if through_alias:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise AnalysisError(
                    f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} nodes "
                    "(alias bomb?); not analysed", line)


# --------------------------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------------------------

_STD_TAGS = {f"tag:yaml.org,2002:{t}" for t in
             ("str", "int", "float", "bool", "null", "map", "seq", "omap", "pairs", "set", "binary",
              "timestamp", "merge", "value")}
_YAML_BOOL = {"yes": True, "true": True, "on": True, "y": True, "no": False, "false": False, "off": False, "n": False}


def _may_be_deep(text: str) -> bool:
    """Does a cheap over-estimate of nesting depth reach 200? (To keep deep input away from libyaml.)

    libyaml's composer recurses in C and can crash the process on very deep input, so
    anything that might be deep goes through the pure-Python composer, whose RecursionError we
    turn into an error entry.
    """
    depth = flow = 0
    for ch in re.findall(r"[\[\]{}]", text):
        flow += 1 if ch in "[{" else -1
        depth = max(depth, flow)
    limit = 200 - depth
    lines = text.splitlines()
    # a line's indent and its "- " and "? " marks take a character each at least: only a long line can reach
    return limit <= 0 or max(map(len, lines), default=0) >= limit and any(
        len(line) - len(line.lstrip(" ")) + line.count("- ") + line.count("? ") >= limit
        for line in lines if len(line) >= limit)


def _compose_all(text: str) -> list[yaml.Node]:
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and not _may_be_deep(text):
        return list(yaml.compose_all(text, Loader=fast))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * MAX_DEPTH + 200))
    try:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except RecursionError:
        raise AnalysisError(f"YAML nested more than {MAX_DEPTH} levels deep; not analysed") from None
    finally:
        sys.setrecursionlimit(limit)


def _yaml_error(exc: yaml.YAMLError) -> AnalysisError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "malformed YAML"
        if exc.context and exc.problem:
            reason = f"{exc.problem} ({exc.context})"
        return AnalysisError(f"invalid YAML: {reason}", mark.line + 1 if mark else None,
                             mark.column + 1 if mark else None)
    return AnalysisError(f"invalid YAML: {exc}")


@lru_cache(maxsize=1024)
def _scalar_type(tag: str) -> str:
    """Which of bool/null/int/float a scalar's tag asks for ("str" for any other tag)."""
    return next((t for t in ("bool", "null", "int", "float") if tag.endswith(f":{t}")), "str")


def _yaml_scalar(node: yaml.ScalarNode) -> Any:
    raw = node.value
    kind = _scalar_type(node.tag)
    if kind == "str":
        return raw
    if kind == "bool":
        return _YAML_BOOL.get(raw.lower(), raw)
    if kind == "null":
        return None
    if kind == "int":
        try:
            return int(raw.replace("_", ""), 0) if not raw.lstrip("+-").startswith("0") or raw in ("0", "+0", "-0") \
                else int(raw.replace("_", ""), 8 if raw.lstrip("+-")[1:2].isdigit() else 0)
        except ValueError:
            return raw
    try:  # float
        return float(raw.replace("_", ""))
    except ValueError:
        return raw


def _check_tag(node: yaml.Node) -> None:
    tag = node.tag or ""
    if tag in _STD_TAGS:
        return  # the common case, settled with one set lookup
    if tag.startswith("tag:yaml.org,2002:") and tag not in _STD_TAGS:
        mark = node.start_mark
        raise AnalysisError(f"unsafe or unknown YAML tag '!!{tag.split(':', 2)[2]}' refused (never executed)",
                            mark.line + 1, mark.column + 1)


class _YamlBuilder:
    """Turns one composed YAML document into ConfigNodes, iteratively and within the budget."""

    def __init__(self, pos: _Positions, budget: _Budget, doc_index: int):
        self.pos = pos
        self.budget = budget
        self.doc = doc_index
        self.seen: set[int] = set()

    def build(self, root: yaml.Node) -> list[ConfigNode]:
        top = self._make(root, None, "", None, None, None)
        nodes = [top]
        seen, charge = self.seen, self.budget.charge
        # (yaml node, config node, depth, reached through an alias)
        stack: list[tuple[yaml.Node, ConfigNode, int, bool]] = [(root, top, 0, False)]
        while stack:
            ynode, cnode, depth, via_alias = stack.pop()
            if depth > MAX_DEPTH:
                raise AnalysisError(f"YAML nested more than {MAX_DEPTH} levels deep; not analysed",
                                    cnode.value_line)
            kids = cnode.children
            for kid_y, kid_c in self._children(ynode, cnode):
                again = via_alias or id(kid_y) in seen
                seen.add(id(kid_y))
                charge(kid_c.line, again)
                kids.append(kid_c)
                nodes.append(kid_c)
                stack.append((kid_y, kid_c, depth + 1, again))
        for node in reversed(nodes):  # children were created after parents: close spans bottom-up
            if node.children and node.end_line == 0:
                node.end_line, node.end_column = max(map(_END, node.children))
        return nodes

    def _children(self, ynode: yaml.Node, parent: ConfigNode) -> Iterator[tuple[yaml.Node, ConfigNode]]:
        if isinstance(ynode, yaml.SequenceNode):
            for i, item in enumerate(ynode.value):
                yield item, self._make(item, parent, parent.path, None, i, None)
        elif isinstance(ynode, yaml.MappingNode):
            for key, key_node, value_node in self._pairs(ynode):
                yield value_node, self._make(value_node, parent, parent.path, key, None, key_node)

    def _pairs(self, ynode: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(key, key node, value node): own pairs first, then keys merged in with `<<` that the
        mapping does not override."""
        own, merged = [], []
        keys: dict[str, yaml.Node] = {}
        for key_node, value_node in ynode.value:
            _check_tag(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in sources:
                    if isinstance(src, yaml.MappingNode):
                        merged.extend(src.value)
                continue
            key = self._key_text(key_node)
            if key in keys:
                mark = key_node.start_mark
                raise AnalysisError(f"duplicate key '{key}' (first at line {keys[key].start_mark.line + 1})",
                                    mark.line + 1, mark.column + 1)
            keys[key] = key_node
            own.append((key, key_node, value_node))
        for key_node, value_node in merged:
            key = self._key_text(key_node)
            if key not in keys:
                keys[key] = key_node
                own.append((key, key_node, value_node))
        return own

    @staticmethod
    def _key_text(key_node: yaml.Node) -> str:
        if isinstance(key_node, yaml.ScalarNode):
            return key_node.value
        return f"<{type(key_node).__name__.removesuffix('Node').lower()} key>"

    def _make(self, ynode: yaml.Node, parent: ConfigNode | None, base: str, key: str | None,
              index: int | None, key_node: yaml.Node | None) -> ConfigNode:
        if ynode.tag not in _STD_TAGS:
            _check_tag(ynode)
        mark = ynode.start_mark
        start = key_node.start_mark if key_node is not None else mark
        if isinstance(ynode, yaml.ScalarNode):
            kind, value = "scalar", _yaml_scalar(ynode)
            end_line, end_col = self._scalar_end(ynode)
        else:
            kind, value = ("seq" if isinstance(ynode, yaml.SequenceNode) else "map"), None
            if ynode.flow_style or not ynode.value:
                end_line, end_col = ynode.end_mark.line + 1, ynode.end_mark.column + 1
            else:
                end_line, end_col = 0, 0  # closed from the last child in build()
        node = ConfigNode(_join(base, key, index), key, index, kind, value, start.line + 1, start.column + 1,
                          end_line, end_col, mark.line + 1, mark.column + 1, parent, [], self.doc)
        if kind == "scalar" and isinstance(value, str) and value.strip():
            first = mark.line + 1
            node.string_locator = lambda: _verbatim_map(value, self.pos, first, end_line)
        return node

    def _scalar_end(self, ynode: yaml.ScalarNode) -> tuple[int, int]:
        """End of the scalar's own text: block scalars' marks run into the following lines."""
        mark, starts = ynode.end_mark, self.pos.starts
        end = self.pos.offset(mark.line + 1, mark.column + 1)
        begin = self.pos.offset(ynode.start_mark.line + 1, ynode.start_mark.column + 1)
        text = self.pos.text
        if end > begin and mark.column and text[end - 1] not in " \t\r\n" and \
                (mark.line + 1 == len(starts) or end <= starts[mark.line + 1]):
            return mark.line + 1, mark.column + 1  # the mark ends the text on its own line: what `at` would say
        while end > begin and text[end - 1] in " \t\r\n":
            end -= 1
        line, col = self.pos.at(end - 1) if end > begin else self.pos.at(begin)
        return line, col + 1 if end > begin else col


def _verbatim_map(value: str, pos: _Positions, first_line: int, last_line: int) -> StringMap | None:
    """Map each line of a decoded string to where it appears verbatim in the file, in order.

    Works for plain and quoted one-line strings, literal blocks and multi-line TOML strings; a
    string whose lines were folded or escaped is not found and falls back to the node's span.
    """
    out = []
    line, search_from = first_line, 0
    for piece in value.split("\n"):
        if not piece.strip():
            out.append((line, 1, None))
            line += 1
            search_from = 0
            continue
        while line <= last_line:
            found = pos.line_text(line).find(piece, search_from)
            if found >= 0:
                out.append((line, found + 1, None))
                break
            line += 1
            search_from = 0
        else:
            return None
        line += 1
        search_from = 0
    return StringMap(tuple(out))


def parse_yaml(text: str, path: str) -> list[ConfigDocument]:
    pos = _Positions(text)
    try:
        roots = _compose_all(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None
    budget = _Budget()
    docs = []
    for i, root in enumerate(r for r in roots if r is not None):
        nodes = _YamlBuilder(pos, budget, i).build(root)
        nodes.sort(key=_PLACE)
        docs.append(ConfigDocument(path, "yaml", nodes[0], nodes, i, text))
    return docs


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------

_JSON_WS = re.compile(r"[ \t\r\n]*")
_JSON_SPACE = frozenset(" \t\r\n")
_JSON_LITERALS = {"true": True, "false": False, "null": None, "NaN": float("nan"),
                  "Infinity": float("inf"), "-Infinity": float("-inf")}
_scanstring = json.decoder.scanstring


class _JsonParser:
    """An iterative JSON parser that records where every key and value starts and ends."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.pos = _Positions(text)
        self.i = 0
        self.nodes: list[ConfigNode] = []
        self.budget = _Budget()

    def error(self, message: str, offset: int | None = None) -> AnalysisError:
        line, col = self.pos.at(self.i if offset is None else offset)
        return AnalysisError(f"invalid JSON: {message}", line, col)

    def skip_ws(self) -> None:
        self.i = _JSON_WS.match(self.text, self.i).end()

    def peek(self) -> str:
        ch = self.text[self.i:self.i + 1]
        if ch not in _JSON_SPACE:  # most tokens follow one another with no whitespace between
            return ch
        self.skip_ws()
        return self.text[self.i:self.i + 1]

    def parse(self) -> ConfigDocument:
        if not self.peek():
            raise self.error("empty document")
        root = self.value(None, "", None, None, None)
        stack: list[ConfigNode] = [root] if root.kind != "scalar" else []
        while stack:
            node = stack[-1]
            closer = "}" if node.kind == "map" else "]"
            ch = self.peek()
            if ch == closer:
                self.i += 1
                node.end_line, node.end_column = self.pos.at(self.i)
                stack.pop()
                continue
            if node.children:
                if ch != ",":
                    raise self.error(f"expected ',' or '{closer}'" if ch else
                                     f"unexpected end of input, expected '{closer}'")
                self.i += 1
                if self.peek() == closer:
                    raise self.error("trailing comma")
            child = self.item(node)
            node.children.append(child)
            if child.kind != "scalar":
                if len(stack) >= MAX_DEPTH:
                    raise self.error(f"nested more than {MAX_DEPTH} levels deep; not analysed",
                                     self.pos.offset(child.value_line, child.value_column))
                stack.append(child)
        self.skip_ws()
        if self.i != len(self.text):
            raise self.error("extra data after the document")
        return ConfigDocument(self.path, "json", root, self.nodes, 0)

    def item(self, parent: ConfigNode) -> ConfigNode:
        if parent.kind == "seq":
            return self.value(parent, parent.path, None, len(parent.children), None)
        if self.peek() != '"':
            raise self.error("expected a string key" if self.peek() else "unexpected end of input")
        key_start = self.i
        key, self.i = self._string()
        if any(c.key == key for c in parent.children):
            line, col = self.pos.at(key_start)
            raise AnalysisError(f"duplicate key '{key}'", line, col)
        if self.peek() != ":":
            raise self.error("expected ':' after the key")
        self.i += 1
        return self.value(parent, parent.path, key, None, key_start)

    def _string(self) -> tuple[str, int]:
        try:
            return _scanstring(self.text, self.i + 1, True)
        except json.JSONDecodeError as exc:
            raise self.error(exc.msg, exc.pos) from None

    def value(self, parent: ConfigNode | None, base: str, key: str | None, index: int | None,
              key_start: int | None) -> ConfigNode:
        ch = self.peek()
        start = self.i
        line, col = self.pos.at(start)
        kline, kcol = self.pos.at(key_start) if key_start is not None else (line, col)
        node = ConfigNode(_join(base, key, index), key, index, "scalar", None, kline, kcol, 0, 0, line, col, parent)
        self.budget.charge(line, False)
        self.nodes.append(node)
        if ch in "{[":
            node.kind = "map" if ch == "{" else "seq"
            self.i += 1
            return node  # items and the closing bracket are read by parse()
        if ch == '"':
            node.value, self.i = self._string()
            node.string_locator = lambda: _json_string_map(self.text, start, self.pos)
        else:
            m = NUMBER_RE.match(self.text, self.i)
            if m and m.group():
                integer, frac, exp = m.groups()
                node.value = float(integer + (frac or "") + (exp or "")) if frac or exp else int(integer)
                self.i = m.end()
            else:
                for word, val in _JSON_LITERALS.items():
                    if self.text.startswith(word, self.i):
                        node.value, self.i = val, self.i + len(word)
                        break
                else:
                    raise self.error(f"unexpected character {ch!r}" if ch else "unexpected end of input")
        node.end_line, node.end_column = self.pos.at(self.i)
        return node


def _json_string_map(text: str, start: int, pos: _Positions) -> StringMap:
    """Exact map from the decoded string's characters to file columns, escapes included."""
    lines: list[tuple[int, int, tuple[int, ...] | None]] = []
    cols: list[int] = []
    i = start + 1
    line, first_col = pos.at(i)
    cur_start = first_col
    simple = True
    while text[i] != '"':
        col = i - pos.starts[line - 1] + 1
        if text[i] == "\\":
            simple = False
            esc = text[i + 1]
            width = 6 if esc == "u" else 2
            if esc == "n":
                lines.append((line, cur_start, tuple(cols)))
                cols = []
                cur_start = col + 2
            else:
                cols.append(col)
            i += width
            continue
        cols.append(col)
        i += 1
    lines.append((line, cur_start, tuple(cols)))
    if simple:
        return StringMap(((line, first_col, None),))
    return StringMap(tuple(lines))


def parse_json(text: str, path: str) -> list[ConfigDocument]:
    return [_JsonParser(text, path).parse()]


# --------------------------------------------------------------------------------------------
# TOML
# --------------------------------------------------------------------------------------------

_TOML_ERR = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_HEADER = re.compile(r"\s*(\[\[?)\s*(.+?)\s*(\]\]?)\s*(?:#.*)?$")
_TOML_BARE = re.compile(r"[A-Za-z0-9_\-]+")


def _toml_key_parts(raw: str) -> list[str]:
    """Split a dotted TOML key (bare, "basic" or 'literal' parts) into its parts."""
    parts, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch in " \t.":
            i += 1
        elif ch == '"':
            val, i = _scanstring(raw, i + 1, False)
            parts.append(val)
        elif ch == "'":
            j = raw.index("'", i + 1)
            parts.append(raw[i + 1:j])
            i = j + 1
        else:
            m = _TOML_BARE.match(raw, i)
            if not m:
                break
            parts.append(m.group())
            i = m.end()
    return parts


def _toml_key_end(line: str) -> int:
    """Index of the '=' that ends the key on a key/value line, or -1."""
    i, quote = 0, ""
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            return i
        elif ch == "#":
            return -1
        i += 1
    return -1


def _toml_value_end(text: str, i: int) -> int:
    """Offset just past a TOML value starting at i (strings, arrays, inline tables)."""
    depth, last = 0, i
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            j = _toml_string_end(text, i, ch)
            if j < 0:
                return n
            i = last = j
            continue
        if ch == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            last = i + 1
            if depth <= 0:
                return last if depth == 0 else i
        elif ch == "\n" and depth == 0:
            return last
        elif ch == "," and depth == 0:
            return last
        if not ch.isspace() and ch not in "]}":
            last = i + 1
        i += 1
    return last


# a one-line basic string's text, where an escape skips the character after it (the loop unrolled: runs, not chars)
_TOML_BASIC_BODY = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*', re.S)


def _toml_string_end(text: str, i: int, quote: str) -> int:
    """Offset just past the string that opens at i, or -1 for a multi-line string that never closes."""
    if text.startswith(quote * 3, i):
        q = quote * 3
        j = i + 3
        while True:
            j = text.find(q, j)
            if j < 0:
                return -1
            if q == '"""' and _escaped(text, j):
                j += 1
                continue
            break
        while text.startswith(quote, j + 3):  # up to two quotes may close the string
            j += 1
        return j + 3
    # a one-line string ends at its closing quote or at the end of the line
    if quote == '"':
        j = _TOML_BASIC_BODY.match(text, i + 1).end()
        return j + 1 if j == len(text) or text[j] != "\\" else j + 3  # a backslash ending the text skips one more
    j = text.find("\n", i + 1)
    k = text.find(quote, i + 1, j if j >= 0 else len(text))
    return (k if k >= 0 else j if j >= 0 else len(text)) + 1


def _escaped(text: str, j: int) -> bool:
    k, slashes = j - 1, 0
    while k >= 0 and text[k] == "\\":
        slashes += 1
        k -= 1
    return slashes % 2 == 1


def _toml_spans(text: str, pos: _Positions) -> dict[tuple, tuple[int, int, int, int, int, int]]:
    """(key path tuple) -> (line, col, value line, value col, end line, end col) for each key line."""
    spans: dict[tuple, tuple[int, int, int, int, int, int]] = {}
    table: tuple = ()
    array_counts: dict[tuple, int] = {}
    i, n = 0, len(text)
    while i < n:
        nl = text.find("\n", i)
        line_end = n if nl < 0 else nl
        raw = text[i:line_end]
        stripped = raw.strip()
        line, _ = pos.at(i)
        if not stripped or stripped.startswith("#"):
            i = line_end + 1
            continue
        header = _TOML_HEADER.match(raw) if stripped.startswith("[") else None
        if header:
            parts = tuple(_toml_key_parts(header.group(2)))
            col = raw.index("[") + 1
            if header.group(1) == "[[":
                idx = array_counts.get(parts, 0)
                array_counts[parts] = idx + 1
                table = parts + (idx,)
                spans.setdefault(parts, (line, col, line, col, line, len(raw.rstrip()) + 1))
            else:
                table = parts
            spans[table] = (line, col, line, col, line, len(raw.rstrip()) + 1)
            i = line_end + 1
            continue
        eq = _toml_key_end(raw)
        if eq < 0:
            i = line_end + 1
            continue
        parts = table + tuple(_toml_key_parts(raw[:eq]))
        key_col = len(raw) - len(raw.lstrip()) + 1
        vstart = i + eq + 1
        while vstart < n and text[vstart] in " \t":
            vstart += 1
        vend = _toml_value_end(text, vstart)
        vline, vcol = pos.at(vstart)
        eline, ecol = pos.at(max(vend - 1, vstart))
        spans[parts] = (line, key_col, vline, vcol, eline, ecol + 1)
        nl = text.find("\n", vend)
        i = n if nl < 0 else nl + 1
    return spans


def parse_toml(text: str, path: str) -> list[ConfigDocument]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_ERR.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        raise AnalysisError(f"invalid TOML: {_TOML_ERR.sub('', msg).strip()}", line, col) from None
    pos = _Positions(text)
    spans = _toml_spans(text, pos)
    budget = _Budget()
    nodes: list[ConfigNode] = []
    root = ConfigNode(path="", key=None, index=None, kind="map", value=None, line=1, column=1,
                      end_line=len(pos.starts), end_column=len(pos.line_text(len(pos.starts))) + 1,
                      value_line=1, value_column=1)
    nodes.append(root)
    # (python value, its config node, key path tuple, the span it inherits, depth)
    stack: list[tuple[Any, ConfigNode, tuple, tuple | None, int]] = [(data, root, (), None, 0)]
    while stack:
        value, node, parts, inherited, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise AnalysisError(f"TOML nested more than {MAX_DEPTH} levels deep; not analysed", node.line)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            key, index = (str(k), None) if isinstance(value, dict) else (None, k)
            sub = parts + (k,)
            span = spans.get(sub) or inherited or (node.line, node.column, node.value_line, node.value_column,
                                                  node.end_line, node.end_column)
            kind = "map" if isinstance(v, dict) else "seq" if isinstance(v, list) else "scalar"
            scalar = v if kind == "scalar" else None
            if kind == "scalar" and not isinstance(v, (str, int, float, bool)):
                scalar = str(v)  # dates and times
            child = ConfigNode(_join(node.path, key, index), key, index, kind, scalar, span[0], span[1], span[4],
                               span[5], span[2], span[3], node)
            budget.charge(span[0], False)
            node.children.append(child)
            nodes.append(child)
            if isinstance(scalar, str) and scalar.strip():
                child.string_locator = (lambda s=scalar, a=span[2], b=span[4]: _verbatim_map(s, pos, a, b))
            if kind != "scalar":
                stack.append((v, child, sub, span, depth + 1))  # unlocated children take this span
    nodes.sort(key=_PLACE)
    return [ConfigDocument(path, "toml", root, nodes, 0, text)]


# --------------------------------------------------------------------------------------------
# The analyzer
# --------------------------------------------------------------------------------------------

PARSERS = {"yaml": parse_yaml, "json": parse_json, "toml": parse_toml}


def format_of(path: str) -> str | None:
    lower = path.lower()
    for suffix, fmt in SUFFIXES.items():
        if lower.endswith(suffix):
            return fmt
    return None


def parse(path: str, text: str) -> list[ConfigDocument]:
    """The documents of a config file, or AnalysisError naming the line that does not parse."""
    fmt = format_of(path)
    if fmt is None:
        raise AnalysisError("not a config file (.yaml, .yml, .json or .toml)")
    return PARSERS[fmt](text, path)


def analyze(path: str, text: str) -> list[Finding]:
    """Findings of the LO2xx rules and of embedded prose, for one config file."""
    return _dedupe(_findings(path, text, nested=False))


def _findings(path: str, text: str, nested: bool) -> list[Finding]:
    from . import config_rules  # imported here: the rules import this module's tree types

    findings: list[Finding] = []
    for doc in parse(path, text):
        findings.extend(config_rules.check_document(doc))
        if not nested:
            findings.extend(_carried_file_findings(path, doc))
    return findings


def _carried_file_findings(path: str, doc: ConfigDocument) -> list[Finding]:
    """A config file carried as a string under its file name (a Kubernetes ConfigMap's `policy.yaml: |`, a Helm value):
    read as the config it is, at its lines in this file. One level deep; a carried file that does not parse is data."""
    out: list[Finding] = []
    for node in doc.nodes:
        # (the value first: almost no scalar holds several lines, so the key's suffix is rarely read)
        if node.kind != "scalar" or not isinstance(node.value, str) or "\n" not in node.value.strip() or not node.key:
            continue
        # session 20: or a JSON object carried under any key (a CloudFormation parameter's `Value: |` holding `{...}`)
        carried = node.key if format_of(node.key) is not None else "carried.json" if _json_object(node.value) else None
        if carried is None:
            continue
        where = node.string_map
        if where is None:
            continue  # folded or escaped: its lines are not where they read
        try:
            found = _findings(carried, node.value, nested=True)
        except (AnalysisError, RecursionError):
            continue
        for f in found:
            start, end = where.to_file(f.line, f.column), where.to_file(f.end_line, f.end_column)
            if start is not None:
                end = end if end is not None else start
                out.append(f.at(path).moved(*start, *end))
    return out


def _json_object(text: str) -> bool:
    """Does the string read as a JSON object: "{", a quoted key, ..., "}"?"""
    body = text.strip()
    return body.startswith("{") and body.endswith("}") and body[1:].lstrip().startswith('"')


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Aliased YAML is walked more than once; the same rule at the same span is one finding."""
    seen: set[tuple] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.rule, f.end_line, f.end_column)):
        key = (f.rule, f.line, f.column, f.end_line, f.end_column)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
