"""Settings written in Python as literals, read by the config rules.

Policy code often carries its settings as literals rather than in a config file: a dataclass field
`revocable: bool = False`, `POLICY = {"on_deadlock": "retaliate"}`, or `ALLOW_RENEGOTIATION = False` in a settings
module. This module turns those literals into the tree the config analyzer builds from YAML, so the LO2xx rules
judge them exactly as they judge `allow_renegotiation: false` in a YAML file:

- a dict literal with string keys is a mapping, a list, tuple or set of literals a sequence;
- a class whose body holds fields only is a mapping under the class name, and so is a class declared as a record of
  settings (`@dataclass`, `@attrs.define`, a pydantic `BaseModel`) whatever methods it also has: its field defaults;
- other module-level constants are settings only in a module of settings (no functions): where logic reads
  them, what it does with them is the code rules' to judge, and the constant alone says nothing;
- a settings object built with keyword arguments (`SuccessorSpec(target_share=0.6, renegotiate_on_conflict=False)`,
  a CapWords constructor outside test functions) is a mapping under its class name;
- a value that names something (`ParetoRenegotiation(cap="pmp")`, `Mode.RENEGOTIATE`) is read as that name.

Only literals and names are read (the code is parsed, never run). String values are not read as prose here:
code_python already lints string literals with the prose analyzer.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from .config import ConfigDocument, ConfigNode, _join
from .model import Finding

_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line breaks CPython's tokenizer counts (not \f, \v or \x1c..)
_NO_VALUE = object()


class _Columns:
    """AST columns are UTF-8 byte offsets; findings count characters (1-based)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    def column(self, line: int, byte_offset: int) -> int:
        if self.text.isascii():
            return byte_offset + 1
        if self._lines is None:
            self._lines = _NEWLINE.split(self.text)
        source = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        return len(source.encode("utf-8")[:byte_offset].decode("utf-8", "replace")) + 1


def _literal(node: ast.AST) -> Any:
    """The scalar a literal node spells, or _NO_VALUE."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool, type(None))):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and type(node.operand.value) in (int, float):
        return -node.operand.value
    return _NO_VALUE


class _Builder:
    def __init__(self, text: str) -> None:
        self.columns = _Columns(text)

    def node(self, parent: ConfigNode, key: str | None, index: int | None, kind: str, value: Any,
             span: ast.AST, value_span: ast.AST) -> ConfigNode:
        col = self.columns.column
        made = ConfigNode(_join(parent.path, key, index), key, index, kind, value,
                          span.lineno, col(span.lineno, span.col_offset),
                          span.end_lineno, col(span.end_lineno, span.end_col_offset),
                          value_span.lineno, col(value_span.lineno, value_span.col_offset), parent, [])
        parent.children.append(made)
        return made

    def value(self, parent: ConfigNode, key: str | None, index: int | None, expr: ast.AST, span: ast.AST) -> None:
        """Add `expr` under `parent` if it is a literal or a name (a container keeps its literal parts)."""
        scalar = _literal(expr)
        if scalar is _NO_VALUE:  # `on_conflict=ParetoRenegotiation(cap="pmp")`: read as the name it holds
            scalar = _dotted(expr.func if isinstance(expr, ast.Call) else expr) or _NO_VALUE
        if scalar is not _NO_VALUE:
            self.node(parent, key, index, "scalar", scalar, span, expr)
        elif isinstance(expr, ast.Dict):
            pairs = [(k.value, k, v) for k, v in zip(expr.keys, expr.values)
                     if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            if pairs:
                mapping = self.node(parent, key, index, "map", None, span, expr)
                for name, k, v in pairs:
                    self.value(mapping, name, None, v, _Span(k, v))
        elif isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            items = [e for e in expr.elts if _literal(e) is not _NO_VALUE or isinstance(e, (ast.Dict, ast.List, ast.Tuple))]
            if items:
                seq = self.node(parent, key, index, "seq", None, span, expr)
                for i, item in enumerate(items):
                    self.value(seq, None, i, item, item)

    def statements(self, parent: ConfigNode, body: list[ast.stmt], declarative: bool) -> None:
        """Literal assignments of a module or class body, and the literal fields of its field-only classes. Where the
        body also holds logic (functions that read the constants), only dict literals are settings: the logic is the
        code rules' to judge, and a constant alone says nothing about what the code does with it."""
        for stmt in body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                target, value = stmt.targets[0].id, stmt.value
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name):
                target, value = stmt.target.id, stmt.value
            else:
                if isinstance(stmt, ast.ClassDef) and (_declarative(stmt.body) or _settings_class(stmt)):
                    fields = self.mapping(parent, stmt.name, _Span(stmt, stmt))
                    self.statements(fields, stmt.body, True)
                    self.drop_if_empty(fields)
                continue
            if declarative or isinstance(value, ast.Dict):
                self.value(parent, target, None, value, stmt)

    def constructors(self, parent: ConfigNode, tree: ast.AST) -> None:
        """Each settings object built with keyword arguments, as a mapping under its class name."""
        for call, name in _constructions(tree, self.columns.text):
            fields = self.mapping(parent, name, _Span(call, call))
            for k in call.keywords:
                if k.arg is not None:
                    self.value(fields, k.arg, None, k.value, k)
            self.drop_if_empty(fields)

    def mapping(self, parent: ConfigNode, name: str, span: "_Span") -> ConfigNode:
        """A class, or an object built from one, as a mapping under its name (dropped again if no field is a literal)."""
        return self.node(parent, name, None, "map", None, span, span)

    @staticmethod
    def drop_if_empty(mapping: ConfigNode) -> None:
        if not mapping.children:
            mapping.parent.children.remove(mapping)


_CAPWORDS = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")  # a class name (`SuccessorSpec`), not a function or a constant
_CAPITAL_CALL = re.compile(r"[A-Z][A-Za-z0-9]*\(")  # the cheap test first: without a word boundary, re scans fast
_CONSTRUCTOR_CALL = re.compile(rf"\b{_CAPWORDS.pattern}\s*\([^)]*?\b[A-Za-z_]\w*\s*=(?!=)")


def _constructions(tree: ast.AST, text: str):
    """Calls that build a settings object (`SuccessorSpec(target_share=0.6, ...)`), outside test functions."""
    if not (_CAPITAL_CALL.search(text) and _CONSTRUCTOR_CALL.search(text)):
        return  # no CapWords call with a keyword argument anywhere: the walk would find none
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            continue  # a test builds objects to exercise the code, not to configure it
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if _CAPWORDS.fullmatch(name) and any(k.arg for k in node.keywords):
                yield node, name
        stack.extend(ast.iter_child_nodes(node))


def _dotted(expr: ast.AST) -> str | None:
    """`ParetoRenegotiation`, `Mode.RENEGOTIATE`: the dotted name an expression spells, or None."""
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    parts.append(expr.id)
    return ".".join(reversed(parts))


# holdout25: a class declared as a record of settings keeps its field defaults as settings, methods or not
# (`@dataclass(frozen=True) class SpawnPolicy: require_identical_goals: bool = True ... def check(...)`)
_SETTINGS_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "s", "attrs"})
_SETTINGS_BASES = frozenset({"BaseModel", "BaseSettings", "NamedTuple", "TypedDict"})


def _settings_class(cls: ast.ClassDef) -> bool:
    for d in cls.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
        if name in _SETTINGS_DECORATORS:
            return True
    return any((b.attr if isinstance(b, ast.Attribute) else b.id if isinstance(b, ast.Name) else "") in _SETTINGS_BASES
               for b in cls.bases)


def _declarative(body: list[ast.stmt]) -> bool:
    """A body of settings only: assignments, annotations, docstrings, imports and field-only classes; no logic."""
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            if not _declarative(stmt.body):
                return False
        elif not isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.Expr, ast.Import, ast.ImportFrom, ast.Pass)):
            return False
    return True


class _Span:
    """The span from one node's start to another's end (a dict key to its value; a class or a call on its own)."""

    def __init__(self, first: ast.AST, last: ast.AST) -> None:
        self.lineno, self.col_offset = first.lineno, first.col_offset
        self.end_lineno, self.end_col_offset = last.end_lineno, last.end_col_offset


def settings_document(path: str, text: str, tree: ast.Module) -> ConfigDocument | None:
    """The file's literal settings as a config document, or None when it has none."""
    builder = _Builder(text)
    lines = max(1, text.count("\n") + 1)
    root = ConfigNode("", None, None, "map", None, 1, 1, lines, 1, 1, 1)
    builder.statements(root, tree.body, _declarative(tree.body))
    builder.constructors(root, tree)
    if not root.children:
        return None
    nodes = [root]
    nodes.extend(n for child in root.children for n in child.walk())
    return ConfigDocument(path, "python", root, nodes, 0, text)


def findings(path: str, text: str, tree: ast.Module) -> list[Finding]:
    from . import config_rules

    doc = settings_document(path, text, tree)
    return config_rules.keyed_findings(doc) if doc is not None else []


def merge(code_findings: list[Finding], settings: list[Finding]) -> list[Finding]:
    """Where a code rule already reports on the same lines, its finding stands alone: the code rules read the literal
    with the logic around it, and one clause gets one finding."""
    kept = [s for s in settings if not any(c.line <= s.end_line and s.line <= c.end_line for c in code_findings)]
    return code_findings + kept
