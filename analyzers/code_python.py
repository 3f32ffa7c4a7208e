"""The Python code analyzer: libcst, one batched walk per file, rules from code_rules.

How a file is analysed:

1. `libcst.parse_module` (the linted code is never imported or run). A syntax error, Python 2
   code or absurd nesting becomes an AnalysisError with the line libcst reports.
2. One walk over the tree serves every rule (Fixit's BatchableCSTVisitor idea): the `visit_<Node>`
   and `leave_<Node>` methods of all active rules are collected into one dispatch table. The walk
   is iterative and reads the nodes' dataclass fields directly, because libcst's own visitor
   rebuilds every node on the way back up and costs as much as the parse itself.
3. Rules report candidates; a candidate tied to a "unit" (function, class, or top-level
   statement) is dropped at the unit's end if the unit names its carve-out (a proposal step, an
   SPI exemption). This is why rules can look at the whole function without walking it again.
4. String literals that read as natural-language instructions go through the prose analyzer, and
   its findings are moved to the literal's place in the file.
5. Positions are computed only for nodes that carry a finding, by SparsePositionProvider, a
   libcst metadata provider that records just those nodes (libcst's PositionProvider records
   every node and costs about twice the parse).
"""

from __future__ import annotations

import ast
import bisect
import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata.base_provider import BaseMetadataProvider

from . import code_prefilter, code_settings, prose
from .code_rules import CodeRule, applicable_rules, children, clear_caches, identifier_words, python_rules
from .model import AnalysisError, Finding

NEWLINE_RE = re.compile(r"\r\n?|\n")
PY2_PRINT = re.compile(r"^\s*print\s+[^\s(=]")
ERROR_AT = re.compile(r"error at (\d+):(\d+)")
PLACEHOLDER = "X"  # stands in for an f-string {expression} so the sentence still reads


# --------------------------------------------------------------------------- positions


class SparsePositionProvider(BaseMetadataProvider[tuple[int, int]]):
    """Source offsets (start, end) of chosen nodes only, from one codegen pass.

    Offsets are character indices into the module's code (which libcst reproduces exactly).
    String-literal tokens get the offset of the token itself, without parentheses; other nodes
    get libcst's syntactic range (a FunctionDef starts at `def`, not at its decorators).
    """

    def __init__(self, targets: set[cst.CSTNode]) -> None:
        super().__init__()
        self.targets = set(targets)
        self.token_offset: dict[cst.CSTNode, int] = {}

    def _gen_impl(self, module: cst.Module) -> None:
        state = _OffsetState(default_indent=module.default_indent,
                             default_newline=module.default_newline, provider=self)
        try:
            module._codegen(state)
        except _AllPlaced:
            pass  # the rest of the module holds no target: generating it would record nothing


class _AllPlaced(Exception):
    """Raised by _OffsetState once every target has its range, to end codegen early."""


@dataclass
class _OffsetState(CodegenState):
    provider: SparsePositionProvider = None  # type: ignore[assignment]
    offset: int = 0
    _starts: dict = field(default_factory=dict)
    _await_token: Any = None

    def add_indent_tokens(self) -> None:
        for tok in self.indent_tokens:
            self.offset += len(tok)

    def add_token(self, value: str) -> None:
        waiting = self._await_token
        if waiting is not None and value is waiting.value:
            self.provider.token_offset[waiting] = self.offset
            self._await_token = None
        self.offset += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if node in self.provider.targets:
            self._starts[node] = self.offset
            if isinstance(node, (cst.SimpleString, cst.FormattedStringText)):
                self._await_token = node

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._starts.pop(node, None)
        if start is None:
            return
        computed = self.provider._computed
        if node not in computed:
            computed[node] = (start, self.offset)
        # `computed` only ever holds targets: when it holds them all (and no string token is awaited),
        # nothing generated later can add or change a range
        if len(computed) == len(self.provider.targets) and self._await_token is None:
            raise _AllPlaced

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None):
        if node not in self.provider.targets:
            return nullcontext()
        # the hoisted start/end nodes are generated inside this context: record them too
        for extra in (start_node, end_node):
            if extra is not None:
                self.provider.targets.add(extra)
        return self._syntactic(node, start_node, end_node)

    @contextmanager
    def _syntactic(self, node, start_node, end_node) -> Iterator[None]:
        start = self.offset
        try:
            yield
        finally:
            computed = self.provider._computed
            if start_node is not None and start_node in computed:
                start = computed[start_node][0]
            end = computed[end_node][1] if end_node is not None and end_node in computed else self.offset
            computed[node] = (start, end)


class LineIndex:
    """Character offset -> 1-based (line, column), with libcst's notion of a newline."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in NEWLINE_RE.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        line = min(max(line, 1), len(self.starts))
        return self.starts[line - 1] + max(column, 1) - 1


# --------------------------------------------------------------------------- units and context


@dataclass
class Candidate:
    rule: type[CodeRule]
    node: cst.CSTNode
    fields: dict[str, str]
    keep: Callable[[Any], bool] | None = None  # run at the unit's (or module's) end: False drops it
    severity: str | None = None


@dataclass
class Unit:
    """A function, a class, or a top-level statement: the scope a carve-out is looked for in."""

    node: cst.CSTNode
    words: set[str] = field(default_factory=set)
    pending: list[Candidate] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # rules leave notes for each other here


class FileContext:
    """What rules see of the file: the current unit, reporting, and the module's words."""

    def __init__(self, path: str, text: str, module: cst.Module) -> None:
        self.path = path
        self.text = text
        self.module = module
        self.units: list[Unit] = []
        self.module_words: set[str] = set()
        self.module_tags: set[str] = set()  # notes rules leave for module-level keep callbacks (LO322's "spi-kept")
        self.accepted: list[Candidate] = []
        self.module_pending: list[Candidate] = []

    @property
    def unit(self) -> Unit:
        return self.units[-1]

    @property
    def enclosing(self) -> list[Unit]:
        return self.units

    def report(self, rule: type[CodeRule], node: cst.CSTNode, keep: Callable[[Any], bool] | None = None,
               severity: str | None = None, **fields: str) -> None:
        self.unit.pending.append(Candidate(rule, node, fields, keep, severity))

    def report_module(self, rule: type[CodeRule], node: cst.CSTNode, keep: Callable[[Any], bool] | None = None,
                      **fields: str) -> None:
        """A candidate judged once the whole file is walked (keep receives this context)."""
        self.module_pending.append(Candidate(rule, node, fields, keep))

    def push(self, node: cst.CSTNode) -> None:
        self.units.append(Unit(node))

    def pop(self) -> None:
        unit = self.units.pop()
        self.accepted.extend(c for c in unit.pending if c.keep is None or c.keep(unit))
        if self.units:
            self.units[-1].words |= unit.words
        self.module_words |= unit.words

    def finish(self) -> None:
        self.accepted.extend(c for c in self.module_pending if c.keep is None or c.keep(self))


UNIT_TYPES = (cst.FunctionDef, cst.ClassDef)


_METHODS: dict[type, list[tuple[str, type, str]]] = {}


def _node_methods(cls: type) -> list[tuple[str, type, str]]:
    """(prefix, node type, method name) for each visit_/leave_ method of a handler class (cached)."""
    found = _METHODS.get(cls)
    if found is None:
        found = []
        for attr in dir(cls):
            for prefix in ("visit_", "leave_"):
                node_type = getattr(cst, attr[len(prefix):], None) if attr.startswith(prefix) else None
                if isinstance(node_type, type):
                    found.append((prefix, node_type, attr))
        _METHODS[cls] = found
    return found


class BatchedWalker:
    """One iterative walk that dispatches to every rule's visit_/leave_ methods."""

    def __init__(self, handlers: list[object]) -> None:
        self.visit: dict[type, list[Callable]] = {}
        self.leave: dict[type, list[Callable]] = {}
        for handler in handlers:
            for prefix, node_type, attr in _node_methods(type(handler)):
                table = self.visit if prefix == "visit_" else self.leave
                table.setdefault(node_type, []).append(getattr(handler, attr))

    def run(self, ctx: FileContext) -> None:
        for handler in self.visit.get(cst.Module, ()):
            handler(ctx.module)
        for statement in ctx.module.body:
            is_unit = isinstance(statement, UNIT_TYPES)
            if not is_unit:
                ctx.push(statement)
            self._walk(statement, ctx)
            if not is_unit:
                ctx.pop()
        ctx.finish()

    def _walk(self, root: cst.CSTNode, ctx: FileContext) -> None:
        visit, leave = self.visit, self.leave
        words_of = identifier_words
        stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            kind = type(node)
            if leaving:
                for handler in leave.get(kind, ()):
                    handler(node)
                if kind in UNIT_TYPES:
                    ctx.pop()
                continue
            if kind is cst.Name:
                ctx.units[-1].words.add(words_of(node.value))
            elif kind in UNIT_TYPES:
                ctx.push(node)
            for handler in visit.get(kind, ()):
                handler(node)
            if kind in leave or kind in UNIT_TYPES:
                stack.append((node, True))
            kids = children(node)
            if kids:
                stack.extend((k, False) for k in reversed(kids))


# --------------------------------------------------------------------------- prompts in string literals


@dataclass
class Literal:
    """A natural-language candidate: its text and, for each character, its offset in the file."""

    node: cst.CSTNode
    text: str = ""
    offsets: list[int] = field(default_factory=list)


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a",
                   "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE_RE = re.compile(r"\\(N\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|.)", re.S)


def decode_body(body: str, raw: bool, fstring: bool) -> tuple[str, list[int]]:
    """Decode a literal's body; return the text and each character's index in `body`."""
    out: list[str] = []
    idx: list[int] = []
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        if fstring and ch in "{}" and body[i:i + 2] in ("{{", "}}"):
            out.append(ch)
            idx.append(i)
            i += 2
            continue
        if ch == "\\" and not raw:
            m = _ESCAPE_RE.match(body, i)
            if m:
                decoded = _decode_escape(m.group(1))
                out.extend(decoded)
                idx.extend([i] * len(decoded))
                i = m.end()
                continue
        out.append(ch)
        idx.append(i)
        i += 1
    return "".join(out), idx


def _decode_escape(esc: str) -> str:
    if esc in ("\n", "\r\n", "\r"):
        return ""  # line continuation inside the literal
    if esc in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[esc]
    head = esc[0]
    try:
        if head in "xuU":
            return chr(int(esc[1:], 16))
        if head in "01234567":
            return chr(int(esc, 8))
        if head == "N":
            import unicodedata
            return unicodedata.lookup(esc[2:-1])
    except (ValueError, KeyError):
        pass
    return "\\" + esc  # unknown escapes stay as written


def _prefix_quote(token: str) -> tuple[str, str]:
    """Split a literal token into (prefix, quote)."""
    i = 0
    while token[i] not in "'\"":
        i += 1
    quote = token[i:i + 3] if token[i:i + 3] in ('"""', "'''") else token[i]
    return token[:i].lower(), quote


class LiteralCollector:
    """Visits string nodes during the batched walk and assembles whole literals.

    Implicit concatenation ("a" "b"), `+` between literals and f-strings become one text;
    docstrings and strings in raise/assert/comparisons/subscripts are not prompts and are skipped.
    """

    SKIP_INSIDE = (cst.Raise, cst.Assert, cst.Comparison, cst.Subscript, cst.Import, cst.ImportFrom)

    def __init__(self) -> None:
        self.literals: list[list[cst.CSTNode]] = []  # each: the string nodes making one literal
        self.consumed: set[int] = set()
        self.skip_depth = 0

    def _skip_docstring(self, body: Any) -> None:
        stmts = getattr(body, "body", body)
        if stmts and isinstance(stmts, (list, tuple)) and isinstance(stmts[0], cst.SimpleStatementLine):
            first = stmts[0].body[0] if stmts[0].body else None
            if isinstance(first, cst.Expr) and isinstance(first.value, (cst.SimpleString, cst.ConcatenatedString)):
                self.consumed.add(id(first.value))
                self.consumed.update(id(p) for p in _string_parts(first.value) or ())

    def visit_Module(self, node: cst.Module) -> None:
        self._skip_docstring(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._skip_docstring(node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._skip_docstring(node.body)

    def _enter(self, node) -> None:
        self.skip_depth += 1

    def _leave(self, node) -> None:
        self.skip_depth -= 1

    visit_Raise = visit_Assert = visit_Comparison = visit_Subscript = visit_Import = visit_ImportFrom = _enter
    leave_Raise = leave_Assert = leave_Comparison = leave_Subscript = leave_Import = leave_ImportFrom = _leave

    def _take(self, node: cst.CSTNode) -> None:
        if id(node) in self.consumed:
            return
        parts = _string_parts(node)
        if parts is None:
            return
        self.consumed.update(id(p) for p in parts)
        self.consumed.update(id(n) for n in _string_composites(node))  # "a" "b" "c" holds "b" "c": one literal
        if self.skip_depth == 0:
            self.literals.append(parts)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Add):
            self._take(node)

    def visit_Call(self, node: cst.Call) -> None:
        """round 18 (holdout14 code causes): `"\\n".join(["You negotiate ...", "Never reason about ..."])` is one
        prompt, a sentence often running on from one element to the next: one literal, the separator between the
        elements (the separator's own node stands for it, so its characters map to the separator in the file)."""
        joined = _joined_strings(node)
        if joined is None:
            return
        separator, elements = joined
        if any(id(e) in self.consumed for e in elements):
            return
        parts: list[cst.CSTNode] = []
        for i, element in enumerate(elements):
            if i:
                parts.append(separator)
            parts.extend(_string_parts(element) or ())
            self.consumed.update(id(p) for p in _string_parts(element) or ())
            self.consumed.update(id(n) for n in _string_composites(element))
        self.consumed.add(id(separator))
        if self.skip_depth == 0:
            self.literals.append(parts)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._take(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._take(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._take(node)


def _string_parts(node: cst.CSTNode) -> list[cst.CSTNode] | None:
    """The SimpleString / FormattedString nodes that make up a literal expression, or None.

    Iterative: a generated `1 + 1 + ... + 1` chain must not exhaust the recursion limit."""
    parts: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.SimpleString, cst.FormattedString)):
            parts.append(current)
        elif isinstance(current, cst.ConcatenatedString) or (
                isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Add)):
            stack.append(current.right)
            stack.append(current.left)
        else:
            return None
    return parts


def _joined_strings(node: cst.Call) -> tuple[cst.SimpleString, list[cst.CSTNode]] | None:
    """`sep.join([...])` with a plain (not bytes) string separator and a list or tuple of at least two string
    literals: (the separator, the elements), else None."""
    func = node.func
    if not isinstance(func, cst.Attribute) or func.attr.value != "join" or len(node.args) != 1 \
            or not isinstance(func.value, cst.SimpleString) or "b" in _prefix_quote(func.value.value)[0]:
        return None
    arg = node.args[0]
    if arg.keyword is not None or arg.star or not isinstance(arg.value, (cst.List, cst.Tuple)):
        return None
    elements = []
    for element in arg.value.elements:
        if not isinstance(element, cst.Element):
            return None  # `*more` spreads values we cannot read
        parts = _string_parts(element.value)
        if parts is None or any(isinstance(p, cst.SimpleString) and "b" in _prefix_quote(p.value)[0] for p in parts):
            return None
        elements.append(element.value)
    return (func.value, elements) if len(elements) >= 2 else None


def _string_composites(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The node and the concatenations and `+` operations nested in it (for a node `_string_parts` accepted)."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.ConcatenatedString, cst.BinaryOperation)):
            out.append(current)
            stack.extend((current.left, current.right))
    return out or [node]


def looks_like_prose(text: str) -> bool:
    """Cheap test that a string is natural-language text (an instruction, a prompt), not data."""
    if len(text) < 24:
        return False
    spaces = text.count(" ")
    if spaces < 4 or sum(map(str.isalpha, text)) < 0.55 * len(text):
        return False
    words = re.findall(r"[A-Za-z][a-z']+", text)
    return len(words) >= 5 and len(words) >= 0.4 * (spaces + 1)


def _literal_targets(parts: list[cst.CSTNode]) -> list[cst.CSTNode]:
    out: list[cst.CSTNode] = []
    for part in parts:
        if isinstance(part, cst.SimpleString):
            out.append(part)
        else:
            out.extend(p for p in part.parts)
    return out


def assemble(parts: list[cst.CSTNode], offsets: dict[cst.CSTNode, int] | None) -> Literal:
    """Join a literal's pieces; with offsets (token starts) also map each character to the file."""
    lit = Literal(parts[0])
    for part in parts:
        if isinstance(part, cst.SimpleString):
            prefix, quote = _prefix_quote(part.value)
            body = part.value[len(prefix) + len(quote):len(part.value) - len(quote)]
            text, idx = decode_body(body, "r" in prefix, fstring=False)
            base = offsets.get(part, 0) + len(prefix) + len(quote) if offsets else 0
            lit.text += text
            lit.offsets.extend(base + i for i in idx)
            continue
        raw = "r" in part.start.lower()
        for piece in part.parts:
            if isinstance(piece, cst.FormattedStringText):
                text, idx = decode_body(piece.value, raw, fstring=True)
                base = offsets.get(piece, 0) if offsets else 0
            else:
                text = PLACEHOLDER
                idx = [0] * len(text)
                base = offsets.get(piece, 0) if offsets else 0
            lit.text += text
            lit.offsets.extend(base + i for i in idx)
    return lit


# --------------------------------------------------------------------------- the analyzer


def _nesting_guard(text: str) -> ast.Module | None:
    """Refuse what CPython itself refuses for nesting, before libcst sees it; return CPython's tree.

    libcst's native parser overflows the C stack (a segfault, not an exception) on a few thousand
    nested brackets; CPython's parser, ten times faster, stops at 200 with a SyntaxError. The AST is
    only built and read (by code_prefilter), never compiled or run. Other syntax errors are left to
    libcst, which knows newer grammar than the running interpreter may; the tree is then None."""
    try:
        return ast.parse(text)
    except (RecursionError, MemoryError):
        raise AnalysisError("too deeply nested for the Python parser") from None
    except SyntaxError as exc:
        if exc.msg and re.search(r"too many (nested|levels|statically)", exc.msg):
            raise AnalysisError(f"Python syntax error: {exc.msg}", exc.lineno, exc.offset) from None
    except ValueError as exc:  # e.g. NUL bytes
        raise AnalysisError(f"cannot parse: {exc}", 1, 1) from None
    return None


def parse(text: str) -> cst.Module:
    _nesting_guard(text)
    return _parse_cst(text)


def _parse_cst(text: str) -> cst.Module:
    # libcst validates every node it makes, a fifth of its parse time, though the parser only makes nodes of source
    # that parsed (libcst's own comment on CSTNode.__post_init__ says as much): skipped while parsing, restored after
    cst.CSTNode.__post_init__ = _no_validation
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise _syntax_error(exc, text) from None
    except RecursionError:
        raise AnalysisError("too deeply nested for the Python parser (recursion limit)") from None
    finally:
        cst.CSTNode.__post_init__ = _VALIDATE


_VALIDATE = cst.CSTNode.__post_init__


def _no_validation(self: cst.CSTNode) -> None:
    return None


def _syntax_error(exc: cst.ParserSyntaxError, text: str) -> AnalysisError:
    found = ERROR_AT.search(str(exc))
    line, column = (int(found.group(1)), int(found.group(2))) if found else (exc.raw_line, exc.raw_column + 1)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    detail = exc.message.splitlines()[0].removeprefix("parser error: ")
    detail = re.sub(r"^error at \d+:\d+: ", "", detail)
    if len(detail) > 100:
        detail = detail[:97] + "..."
    hint = " (Python 2 print statement?)" if PY2_PRINT.match(source_line) else ""
    return AnalysisError(f"Python syntax error{hint}: {detail}", line, column)


def analyze(path: str, text: str) -> list[Finding]:
    if "\x00" in text:
        raise AnalysisError("NUL bytes in a Python file; not linted", 1, 1)
    tree = _nesting_guard(text)
    found = _analyze_code(path, text, tree)
    if tree is not None:  # settings written as literals (`ALLOW_RENEGOTIATION = False`): the config rules read them
        found = code_settings.merge(found, code_settings.findings(path, text, tree))
    return found


def _analyze_code(path: str, text: str, tree: ast.Module | None) -> list[Finding]:
    lowered = text.lower()
    rules = applicable_rules(python_rules(), lowered)
    read: dict[str, list[Finding]] = {}  # the prose findings of string literals the prefilter has read already
    if tree is not None and code_prefilter.ast_reads_like_libcst(text, tree):
        # CPython's tree tells which rules could report at all; when none can and no string literal
        # holds a flagged instruction, libcst (the slow part) is not needed: nothing would be found
        index = code_prefilter.FileIndex(tree)
        rules = code_prefilter.possible_rules(index, rules)
        if not rules and not code_prefilter.prose_may_fire(index, text, path, read):
            return []
    module = _parse_cst(text)
    try:
        return _analyze_module(path, text, module, rules, read)
    except RecursionError:
        raise AnalysisError("too deeply nested to analyse (recursion limit)") from None


def _analyze_module(path: str, text: str, module: cst.Module, rule_types: list[type[CodeRule]],
                    read: dict[str, list[Finding]]) -> list[Finding]:
    clear_caches()
    ctx = FileContext(path, text, module)
    rules = [rule(ctx) for rule in rule_types]
    literals = LiteralCollector()
    BatchedWalker([literals, *rules]).run(ctx)

    prompt_hits: list[tuple[list[cst.CSTNode], list[Finding]]] = []
    for parts in literals.literals:
        lit = assemble(parts, None)
        if looks_like_prose(lit.text):
            found = read[lit.text] if lit.text in read else prose.analyze_text(lit.text, path)
            if found:
                prompt_hits.append((parts, found))
    if not ctx.accepted and not prompt_hits:
        return []

    targets: set[cst.CSTNode] = {c.node for c in ctx.accepted}
    for parts, _ in prompt_hits:
        targets.update(_literal_targets(parts))
    positions = SparsePositionProvider(targets)
    positions._gen_impl(module)
    index = LineIndex(text)
    out = [_rule_finding(c, positions, index, path) for c in ctx.accepted]
    keyed = list(out)
    for parts, found in prompt_hits:
        token_offsets = {**{n: r[0] for n, r in positions._computed.items()}, **positions.token_offset}
        lit = assemble(parts, token_offsets)
        # a literal's prose finding that repeats a code rule's (same family, inside its span) is reported once
        out.extend(f for f in (relocate(f, lit, index) for f in found)
                   if not any(k.family == f.family and k.contains(f) for k in keyed))
    return out


def _rule_finding(cand: Candidate, positions: SparsePositionProvider, index: LineIndex, path: str) -> Finding:
    start, end = positions._computed.get(cand.node, (0, 0))
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    snippet = index.text[start:end].split("\n", 1)[0].strip()[:200]
    return cand.rule.finding(path=path, line=line, column=column, end_line=end_line, end_column=end_column,
                             snippet=snippet, severity=cand.severity, **cand.fields)


def relocate(finding: Finding, lit: Literal, index: LineIndex) -> Finding:
    """Move a finding from positions in a literal's text to positions in the file.

    Serves Python and TS/JS literals alike: anything with `text` and per-character `offsets`.
    """
    if not lit.offsets:
        return finding
    text_index = LineIndex(lit.text)
    start = min(text_index.offset(finding.line, finding.column), len(lit.offsets) - 1)
    end = min(text_index.offset(finding.end_line, finding.end_column), len(lit.offsets))
    line, column = index.position(lit.offsets[start])
    end_line, end_column = index.position(lit.offsets[max(end - 1, start)] + 1)
    return finding.moved(line, column, end_line, end_column)
