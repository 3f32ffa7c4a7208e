"""Decide from CPython's AST whether anything at all can be found in a Python file, before libcst.

libcst's parse is the slowest step of a large run and most files yield no finding. code_python
already builds CPython's `ast` tree (about seven times faster than libcst) to guard against deep
nesting; this module reads that tree and answers two questions:

1. `possible_rules`: for each LO3xx rule, could it report anything in this file? Each rule has a
   NECESSARY condition here, written from the rule's visit_/leave_ methods in code_rules: what must
   exist in the file for `self.report(...)` to be reached (a `return` whose head words name a
   fallback, a comparison of a counterpart's identity, ...). Only the positive parts of a rule's test
   are kept; its exclusions ("... and not a proposal step", keep-callbacks, carve-outs) are dropped,
   so a condition can say "possible" where the rule stays silent, never the reverse. A rule that
   cannot report is not run at all (that also covers the notes rules leave each other in unit tags:
   a rule writes its tag only when it reports).
2. `prose_may_fire`: could a string literal hold an instruction the prose analyzer flags? The
   literals libcst's LiteralCollector would assemble are rebuilt from the AST and the source with
   the same texts (possibly more literals, never fewer or different ones: see "string literals"
   below) and run through the same prose check.

If no rule can report and no literal has a prose finding, code_python returns [] without libcst.
Otherwise it runs the libcst path unchanged, with only the rules found possible.

Why the AST sees what libcst sees:
- identifier words: every cst.Name of a libcst subtree has an AST counterpart (Name.id,
  Attribute.attr, keyword.arg, arg.arg, def/class names, import aliases, global names, except and
  match-pattern names), and True/False/None, which libcst parses as Names, are AST Constants.
  Words are compared as a set; the vocabularies never match across the space that joins words.
- string values: libcst keeps the parts of "a" "b" apart, the AST joins them into one Constant.
  A vocabulary found in one part is found in the joined text once its look-arounds and anchors are
  removed (`relaxed`), so strings are tested with relaxed patterns.
- CPython NFKC-normalises identifiers and libcst does not; a file where that could change a name
  gets no fast path (`ast_reads_like_libcst`), and neither does one with a lone carriage return.
- some code_rules helpers recurse once per `and`/`or` operand or `if-else` level, and end in
  "too deeply nested" on a very long chain; a condition that meets such a chain says "possible",
  so that the full path reproduces that outcome (as it does for the two shapes on which a rule
  raises: see lo311 and lo315).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from typing import Callable, Iterable, Iterator

from . import code_python, prose
from .regex_cache import compiled
from . import code_rules as R
from .code_rules import identifier_words, normalise_text

# --------------------------------------------------------------------------- the file index


_UNITS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# node kinds the conditions look at; each is listed with its enclosing unit name and function
_INDEXED = (ast.For, ast.AsyncFor, ast.Return, ast.If, ast.Call, ast.keyword, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr,
            ast.Dict, ast.Compare, ast.FunctionDef, ast.AsyncFunctionDef, ast.Raise, ast.Assert, ast.ExceptHandler,
            ast.ClassDef)
_STRING_NODES = (ast.Constant, ast.JoinedStr, ast.BinOp)


class Site:
    """An indexed node with what rules read of its surroundings."""

    __slots__ = ("node", "unit", "function")

    def __init__(self, node: ast.AST, unit: str, function: ast.AST | None) -> None:
        self.node = node
        self.unit = unit  # identifier words of the innermost def or class (code_rules' unit_name)
        self.function = function  # the innermost def (code_rules' function_unit)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
# fields that never hold a node worth visiting (expression context, operators: read directly)
_SCALAR_FIELDS = {"ctx", "op", "ops", "id", "attr", "arg", "name", "asname", "module", "level", "kind",
                  "type_comment", "conversion", "is_async", "lineno"}


def _child_fields(kind: type) -> tuple[str, ...]:
    fields = tuple(f for f in kind._fields if f not in _SCALAR_FIELDS)
    if kind is ast.Constant:
        fields = ()
    _CHILD_FIELDS[kind] = fields
    return fields


def _descendants(root: ast.AST) -> Iterable[ast.AST]:
    """The nodes of a subtree, root included (ast.walk without expression contexts and operators)."""
    stack = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        yield node
        fields = _CHILD_FIELDS.get(type(node))
        if fields is None:
            fields = _child_fields(type(node))
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for child in value:
                    if isinstance(child, ast.AST):
                        push(child)
            elif isinstance(value, ast.AST):
                push(value)


# LiteralCollector's contexts whose strings are no prompts (messages, keys, comparisons, modules)
_QUIET = (ast.Raise, ast.Assert, ast.Compare, ast.Subscript, ast.Import, ast.ImportFrom)
_DOCUMENTED = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class FileIndex:
    """One walk over the AST: the nodes rules react to, and the string nodes in walk order."""

    def __init__(self, tree: ast.AST) -> None:
        self.sites: dict[type, list[Site]] = {kind: [] for kind in _INDEXED}
        # string nodes, parents before children (as libcst's walk visits them), each with whether it
        # is inside a context LiteralCollector skips
        self.strings: list[tuple[ast.AST, bool]] = []
        self.docstrings: dict[int, ast.AST] = {}  # first-statement strings, by id, with their owner
        self.returning: set[int] = set()  # ids of defs with a `return` of their own
        self._words: dict[int, str] = {}
        self._assigned: dict[str, list[ast.AST]] | None = None  # name -> values assigned to it (`assigned`)
        self._walk(tree)

    def of(self, *kinds: type) -> Iterable[Site]:
        for kind in kinds:
            yield from self.sites[kind]

    def _walk(self, tree: ast.AST) -> None:
        sites, strings, returning = self.sites, self.strings, self.returning
        stack: list[tuple[ast.AST, str, ast.AST | None, bool]] = [(tree, "", None, False)]
        pop, push = stack.pop, stack.append
        while stack:
            node, unit, function, quiet = pop()
            kind = type(node)
            found = sites.get(kind)
            if found is not None:
                found.append(Site(node, unit, function))
                if kind is ast.Return and function is not None:
                    returning.add(id(function))
            if kind in _STRING_NODES:
                strings.append((node, quiet))
            elif kind in _QUIET:
                quiet = True
            if kind in _DOCUMENTED:
                self._note_docstring(node)
                if kind is not ast.Module:
                    # libcst pushes the unit before walking decorators and parameters: they are inside it
                    unit = identifier_words(node.name)
                    if kind is not ast.ClassDef:
                        function = node
            fields = _CHILD_FIELDS.get(kind)
            if fields is None:
                fields = _child_fields(kind)
            for name in fields:
                value = getattr(node, name, None)
                if value.__class__ is list:
                    for child in value:
                        if isinstance(child, ast.AST):
                            push((child, unit, function, quiet))
                elif isinstance(value, ast.AST):
                    push((value, unit, function, quiet))

    def _note_docstring(self, node: ast.AST) -> None:
        first = node.body[0] if node.body else None
        if type(first) is ast.Expr and (type(first.value) is ast.JoinedStr or (
                type(first.value) is ast.Constant and isinstance(first.value.value, (str, bytes)))):
            self.docstrings[id(first.value)] = node

    def assigned(self, name: str) -> list[ast.AST]:
        """The values assigned to `name` by single-target assignments anywhere in the file, in walk order. Indexed once:
        looking them up per comparison made a large test module (numpy's, 420 KB) take a minute."""
        if self._assigned is None:
            self._assigned = {}
            for site in self.sites[ast.Assign]:
                targets = site.node.targets
                if len(targets) == 1 and isinstance(targets[0], ast.Name):
                    self._assigned.setdefault(targets[0].id, []).append(site.node.value)
        return self._assigned.get(name, [])

    def words(self, node: ast.AST | None) -> str:
        """libcst's words_of(node) as a set: identifier words of a subtree, space-joined, unordered."""
        if node is None:
            return ""
        found = self._words.get(id(node))
        if found is None:
            found = self._words[id(node)] = " ".join({identifier_words(n) for n in _names(node) if n})
        return found


_CONSTANT_NAMES = {True: "True", False: "False", None: "None"}


def _names(root: ast.AST) -> Iterable[str]:
    """Every string libcst holds as a cst.Name in this subtree."""
    for node in _descendants(root):
        kind = type(node)
        if kind is ast.Name:
            yield node.id
        elif kind is ast.Attribute:
            yield node.attr
        elif kind is ast.Constant:
            if _name_constant(node):
                yield _CONSTANT_NAMES[node.value]
        elif kind is ast.keyword or kind is ast.arg:
            yield node.arg or ""
        elif kind in _UNITS:
            yield node.name
        elif kind is ast.alias:
            yield from node.name.split(".")
            yield node.asname or ""
        elif kind is ast.ImportFrom:
            yield from (node.module or "").split(".")
        elif kind is ast.Global or kind is ast.Nonlocal:
            yield from node.names
        elif kind is ast.ExceptHandler or kind is ast.MatchAs or kind is ast.MatchStar:
            yield node.name or ""
        elif kind is ast.MatchMapping:
            yield node.rest or ""
        elif kind is ast.MatchClass:
            yield from node.kwd_attrs


# --------------------------------------------------------------------------- helpers mirrored from code_rules


def is_const(node: ast.AST | None, value: object) -> bool:
    """code_rules.is_const / is_none: True, False and None (`is`, so 0 is not False)."""
    return isinstance(node, ast.Constant) and node.value is value


def _name_constant(node: ast.AST | None) -> bool:
    """True, False and None: Names in libcst."""
    return isinstance(node, ast.Constant) and (node.value is None or node.value is True or node.value is False)


def head_words(ix: FileIndex, expr: ast.AST | None) -> str:
    while isinstance(expr, (ast.Await, ast.Subscript)):
        expr = expr.value
    if isinstance(expr, ast.Call):
        return ix.words(expr.func)
    if isinstance(expr, (ast.Name, ast.Attribute)) or _name_constant(expr):
        return ix.words(expr)
    return ""


def _string_move_pair(pair: ast.Tuple) -> bool:
    """round 18: code_rules._string_move_pair: a (string move, payload) pair whose payload is no status code,
    headers or text (libcst's Integer/Float/Imaginary/Dict/strings; True/False/None are Names there)."""
    if len(pair.elts) != 2:
        return False
    second = pair.elts[1]
    if isinstance(second, (ast.Dict, ast.JoinedStr)):
        return False
    return not (isinstance(second, ast.Constant) and second.value is not None and not isinstance(second.value, bool)
                and second.value is not Ellipsis)


def outcomes(ix: FileIndex, expr: ast.AST | None) -> list[str] | None:
    """code_rules.outcomes: the action words of each value an expression may take.

    None means "too deep to mirror": libcst's recursion on a long `a if c else b if ...` chain
    may end in a RecursionError, which the full path must be left to reproduce."""
    out: list[str] = []
    stack = [(expr, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, ast.IfExp):
            if depth > _DEEP:
                return None
            stack.extend(((current.orelse, depth + 1), (current.body, depth + 1)))
            continue
        if isinstance(current, ast.Tuple) and current.elts:
            # code_rules.outcomes: a (move, payload) pair names its move first (not a string: a response body)
            first = current.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, (str, bytes)) \
                    and not _string_move_pair(current):
                continue
            current = first.value if isinstance(first, ast.Starred) else first  # libcst's StarredElement.value
        words = head_words(ix, current)
        if not words and isinstance(current, ast.Constant) and isinstance(current.value, str) \
                and R._ACTION_STRING.fullmatch(current.value.strip()):
            words = normalise_text(current.value)
        if words:
            out.append(words)
    return out


def statement_value(stmt: ast.AST) -> ast.AST | None:
    if isinstance(stmt, (ast.Return, ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign)):
        return stmt.value
    return None


def strings(node: ast.AST | None) -> list[str]:
    """The string constants of a subtree (bytes read as Latin-1, as code_rules.strings_of does)."""
    if node is None:
        return []
    out = []
    for n in _descendants(node):
        if type(n) is ast.Constant:
            value = n.value
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, bytes):
                out.append(value.decode("latin-1"))
    return out


def normalised_strings(node: ast.AST | None) -> list[str]:
    return [normalise_text(s) for s in strings(node)]


_LOOKAROUND = re.compile(r"\(\?<?[=!](?:[^()\\]|\\.)*\)")
_ANCHOR = re.compile(r"(?<![\[\\])[\^$]")


def relaxed(pattern: re.Pattern) -> re.Pattern:
    """The pattern without look-arounds and anchors: it matches wherever the original does, and in
    any text containing that match (a part of an implicitly concatenated string, say)."""
    return compiled(_ANCHOR.sub("", _LOOKAROUND.sub("", pattern.pattern)), pattern.flags)


def names_or_says(ix: FileIndex, node: ast.AST | None, pattern: re.Pattern, loose: re.Pattern) -> bool:
    """pattern in words_of(node) + strings_of(node) (the strings tested with its relaxed form)."""
    return bool(pattern.search(ix.words(node))) or any(loose.search(s) for s in normalised_strings(node))


def operand_count(node: ast.AST) -> int:
    """Operands of `and`/`or` in a subtree: libcst nests them one level per operand."""
    return sum(len(n.values) for n in _descendants(node) if type(n) is ast.BoolOp)


# libcst's helpers recurse once per nested `and`/`or`/`if-else`; past this, leave it to the full path
_DEEP = 150

_CONFLICT = relaxed(R.CONFLICT_ACTION)
_NO_DEAL = relaxed(R.NO_DEAL_ACTION)
_AGREEMENT = relaxed(R.AGREEMENT)
_FAILURE_HANDLER = relaxed(R.FAILURE_HANDLER)
_FINALITY = relaxed(R._FINALITY)
_CONDITIONAL = relaxed(R._CONDITIONAL)
_PROHIBITION = relaxed(R.PROHIBITION)
_GOALISH = relaxed(R.GOALISH)
_BANNED_GOALS = relaxed(R.BANNED_GOALS)
_HASH = relaxed(R.HASH)
_REFUSAL_EXC = relaxed(R._REFUSAL_EXC)
_REFUSAL = relaxed(R.REFUSAL)
_VALUE_FILE = relaxed(R.VALUE_FILE)
_SPI_TOPIC = relaxed(R.SPI_TOPIC)


def body_has(ix: FileIndex, body: list[ast.stmt], pattern: re.Pattern, raise_counts: bool = False) -> bool:
    """Some statement of a block (code_rules.suite_statements) is a raise, or its value's head
    words match `pattern` (code_rules: `pattern.search(head_words(statement_value(stmt)))`)."""
    return any((raise_counts and isinstance(stmt, ast.Raise))
               or pattern.search(head_words(ix, statement_value(stmt))) for stmt in body)


def goal_inequalities(ix: FileIndex, test: ast.AST) -> list[ast.Compare]:
    found = []
    for part in _descendants(test):
        if type(part) is ast.Compare and any(type(op) is ast.NotEq for op in part.ops):
            if R.GOALISH.search(ix.words(part.left) + " " + ix.words(part.comparators[0])):
                found.append(part)
    return found


# --------------------------------------------------------------------------- one condition per rule
# Each function answers "could this rule report in the file?"; the comment names what it mirrors.


def lo301(ix: FileIndex) -> bool:
    # visit_Call: a keyword `revocable=False`-like, or `irrevocable=True`-like (`final=True` on a commitment)
    for site in ix.of(ast.Call):
        for kw in site.node.keywords:
            key = identifier_words(kw.arg) if kw.arg else ""
            if key in R._REVOCABLE_FALSE and is_const(kw.value, False):
                return True
            if key in R._FINAL_TRUE and is_const(kw.value, True) and (
                    key != "final" or R._COMMITMENT.search(ix.words(site.node.func))):
                return True
    # visit_AnnAssign: a `revocable: bool = False` field default (the class name is left to the rule)
    return any(isinstance(s.node.target, ast.Name) and identifier_words(s.node.target.id) in R._REVOCABLE_FALSE
               and s.node.value is not None and is_const(s.node.value, False) for s in ix.of(ast.AnnAssign))


def lo323(ix: FileIndex) -> bool:
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        # only_exact_acceptance (round 18): a message handler that compares a field naming our commitment for
        # equality (its returns and words not mirrored)
        fn = site.node
        if R._MESSAGE_HANDLER_FN.search(identifier_words(fn.name)) and any(
                isinstance(n, ast.Compare) and any(isinstance(op, ast.Eq) for op in n.ops) and any(
                    isinstance(side, ast.Attribute) and R._COMMITTED_FIELD.search(identifier_words(side.attr))
                    for side in (n.left, *n.comparators)) for n in ast.walk(fn)):
            return True
    # leave_FunctionDef: a reopen-like def that never returns and ends in a raise that says "final"
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        fn = site.node
        if not R._REOPEN_FN.search(identifier_words(fn.name)) or id(fn) in ix.returning:
            continue
        last = fn.body[-1]
        if isinstance(last, ast.Raise) and last.exc is not None \
                and names_or_says(ix, last.exc, R._FINALITY, _FINALITY):
            return True
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        # _raises_once_committed: a guard among the first statements that raises (returns allowed)
        fn = site.node
        if R._REOPEN_FN.search(identifier_words(fn.name)) and any(
                isinstance(stmt, ast.If) and any(isinstance(b, ast.Raise) for b in stmt.body) for stmt in fn.body[:3]):
            return True
    return False


def lo302(ix: FileIndex) -> bool:
    # _check from visit_Return / visit_Expr (a call) / visit_Assign (an action variable): an outcome
    # that names a conflict action
    values = [s.node.value for s in ix.of(ast.Return)]
    # round 22: an awaited call is read as the call
    calls = [s.node.value.value if isinstance(s.node.value, ast.Await) else s.node.value for s in ix.of(ast.Expr)]
    calls = [c for c in calls if isinstance(c, ast.Call)]
    values += calls
    # round 22 (_check_sent): a message sent with a dict argument whose string ends the talks (which key not mirrored)
    if any(_sends_end(ix, call) for call in calls):
        return True
    values += [s.node.value for s in ix.of(ast.Assign)
               if len(s.node.targets) == 1 and isinstance(s.node.targets[0], ast.Name)
               and R._ACTION_VAR.search(identifier_words(s.node.targets[0].id))]
    for value in values:
        found = outcomes(ix, value)
        if found is None or any(R.CONFLICT_ACTION.search(action) or R.NO_DEAL_ACTION.search(action)
                                or R.WITHDRAW_MOVE.search(action) for action in found):  # round 13: a withdraw move
            return True
        if _dict_move(value):
            return True
    return False


def _branch_dicts(value: ast.AST | None) -> Iterator[ast.Dict | None]:
    """The dicts a value may be, through the branches of `a if c else b`, as code_rules.branch_dicts reads them; None
    for branches nested too deep to follow (that function recurses once per level: the full path decides)."""
    stack = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, ast.IfExp):
            if depth > _DEEP:
                yield None
                continue
            stack.extend(((current.body, depth + 1), (current.orelse, depth + 1)))
        elif isinstance(current, ast.Dict):
            yield current


def _sends_end(ix: FileIndex, call: ast.Call) -> bool:
    """round 22: code_rules.LO302._check_sent: a send-verb call with a dict argument holding a string that names a
    conflict action, a no-deal move or the end of the exchange."""
    if not any(R.SEND_VERB.fullmatch(w) for w in ix.words(call.func).split()):  # (a word set: any word, a superset)
        return False
    for arg in list(call.args) + [k.value for k in call.keywords]:
        if _dict_move(arg) or any(R.ENDS_TALKS.fullmatch(normalise_text(t)) for found in _branch_dicts(arg)
                                  if found is not None for n in found.values if n is not None for t in strings(n)):
            return True
    return False


def _dict_move(value: ast.AST | None) -> bool:
    """round 14: code_rules.dict_moves + conflict_move_word: a dict (or a branch of `a if c else b`) with a
    string key or a string value that names a conflict action or a no-deal move (which key, and the
    bare-reject exclusion, not mirrored)."""
    for found in _branch_dicts(value):
        if found is None or any(_CONFLICT.search(w) or _NO_DEAL.search(w) for w in (
                normalise_text(t) for n in found.keys + found.values if n is not None for t in strings(n))):
            return True
    return False


def _conflict_call(ix: FileIndex, value: ast.AST | None) -> bool:
    """code_rules.conflict_call (its THREAT_EXEC exclusion dropped): a conflict word, a cut-off, or a
    supply setter called with a literal zero."""
    if not isinstance(value, ast.Call):
        return False
    head = head_words(ix, value)
    if R.CONFLICT_ACTION.search(head) or R.CUT_OFF.search(head):
        return True
    return bool(R.SUPPLY_SETTER.search(head)) and any(
        _number(a) and a.value == 0 for a in value.args + [k.value for k in value.keywords])


def _helper_fires(ix: FileIndex, call: ast.AST | None) -> bool:
    """round 13: code_rules.local_helper + _helper_fires: a call to a def of this file (any def of that
    name: a superset of the module-level or same-class one) whose body fires a conflict call first."""
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    if isinstance(func, ast.Name):
        name = func.id
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
        name = func.attr
    else:
        return False
    return any(s.node.name == name and _scan(ix, s.node.body, helpers=False)
               for s in ix.of(ast.FunctionDef, ast.AsyncFunctionDef))


def _scan(ix: FileIndex, statements: list[ast.stmt], helpers: bool = True) -> bool:
    """AutomaticConflictTrigger._scan without its proposal-step exit: a conflict call (or a call to a
    helper that fires one) comes before control leaves the block."""
    for stmt in statements:
        value = statement_value(stmt)
        if isinstance(value, ast.Await):  # the rule reads the awaited call
            value = value.value
        if _conflict_call(ix, value) or (helpers and _helper_fires(ix, value)):
            return True
        if isinstance(stmt, (ast.Return, ast.If)):
            return False
    return False


def lo303(ix: FileIndex) -> bool:
    guarded = False
    for site in ix.of(ast.If):
        # visit_If: a test naming failure or agreement, then a conflict call in the body or the else
        node = site.node
        if operand_count(node.test) > _DEEP:
            return True  # negated_test recurses once per operand
        if (R.FAILURE.search(ix.words(node.test)) or R.AGREEMENT.search(ix.words(node.test))) \
                and (_scan(ix, node.body) or _scan(ix, node.orelse)):
            return True
        # visit_IndentedBlock (round 12): a guard clause that returns on agreement, then a conflict call
        # somewhere after it (any conflict call in the file: a superset)
        if not guarded and not node.orelse and all(isinstance(b, (ast.Return, ast.Continue)) for b in node.body) \
                and names_or_says(ix, node.test, R.AGREEMENT, _AGREEMENT):
            guarded = True
            if any(_conflict_call(ix, c.node) or _helper_fires(ix, c.node) for c in ix.of(ast.Call)):
                return True
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        # visit_FunctionDef: an on_failure-like handler whose body fires a conflict call
        if R.FAILURE_HANDLER.search(identifier_words(site.node.name)) and _scan(ix, site.node.body):
            return True
    for site in ix.of(ast.ExceptHandler):
        # visit_Try (round 18): a failure caught (its try's agreement test not mirrored), then a conflict call
        handler = site.node
        if handler.type is not None and R.FAILURE.search(ix.words(handler.type)) and _scan(ix, handler.body):
            return True
    for site in ix.of(ast.keyword):
        # visit_Arg: `on_failure=retaliate` (head words or strings of the value)
        kw = site.node
        if kw.arg and R.FAILURE_HANDLER.search(identifier_words(kw.arg)) \
                and (R.CONFLICT_ACTION.search(head_words(ix, kw.value))
                     or any(_CONFLICT.search(s) for s in normalised_strings(kw.value))):
            return True
    for site in ix.of(ast.Dict):
        # visit_DictElement: {"on_failure": "retaliate"}
        for key, value in zip(site.node.keys, site.node.values):
            if key is not None and any(_FAILURE_HANDLER.search(s) or R._OUTCOME_KEY.match(s)
                                       for s in normalised_strings(key)) \
                    and (R.CONFLICT_ACTION.search(head_words(ix, value))
                         or any(_CONFLICT.search(s) for s in normalised_strings(value))):
                return True
    return False


def _key_strings(node: ast.AST) -> str:
    """code_rules.key_strings_of: string keys read by subscript or `.get("...")` (any string constant
    under a subscript or a `get` call: a superset)."""
    out = []
    for n in _descendants(node):
        key = None
        if isinstance(n, ast.Subscript):
            key = n.slice
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" and n.args:
            key = n.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            out.append(normalise_text(key.value))
    return " ".join(out)


def lo304(ix: FileIndex) -> bool:
    # visit_If (a participation test on the counterpart), visit_Assign (a demand computed from one,
    # directly or through a variable that was) and visit_Return (a tier picked by one): all need such
    # words, identifiers or string keys, in a test, a value or a returned value
    exprs = [s.node.test for s in ix.of(ast.If)] + [s.node.value for s in ix.of(ast.Assign)] \
        + [s.node.value for s in ix.of(ast.Return) if s.node.value is not None]
    # _weights_table: a dict literal whose string key is a party's participation flag (its value not mirrored)
    if any(isinstance(s.node.value, ast.Dict) and any(
            isinstance(k, ast.Constant) and isinstance(k.value, str) and R.counterpart_participates(normalise_text(k.value))
            for k in s.node.value.keys) for s in ix.of(ast.Assign, ast.AnnAssign)):
        return True
    # round 17: _feature_list, a list or tuple (possibly wrapped in one call) whose string names a party's participation
    for s in ix.of(ast.Assign, ast.AnnAssign):
        value = s.node.value
        if isinstance(value, ast.Call) and len(value.args) == 1:
            value = value.args[0]
        if isinstance(value, (ast.List, ast.Tuple)) and any(
                isinstance(e, ast.Constant) and isinstance(e.value, str) and R.counterpart_participates(normalise_text(e.value))
                for e in value.elts):
            return True
    for e in exprs:
        found = ix.words(e)
        if not R.PARTICIPATION.search(found):
            keys = _key_strings(e)
            if not R.PARTICIPATION.search(keys):
                continue
            found = found + " " + keys
        if R.counterpart_participates(found) or R.COUNTERPART.search(found):
            return True
    return False


def _conditional_demand(value: ast.AST | None) -> bool:
    """`X if flag else Y`, or `base + (X if flag else Y)` (R._conditional_increment's sum or product)."""
    if isinstance(value, ast.IfExp):
        return True
    return isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mult)) \
        and (isinstance(value.left, ast.IfExp) or isinstance(value.right, ast.IfExp))


def lo305(ix: FileIndex) -> bool:
    # visit_If: a test on our own participation flag
    if any(R.PARTICIPATION.search(ix.words(s.node.test)) and R.OWN.search(ix.words(s.node.test))
           for s in ix.of(ast.If)):
        return True
    # visit_Assign (a conditional expression) and visit_SimpleStatementLine (a reason in a comment, which
    # the AST does not keep): both report an assignment to a demand-named target
    if any(_conditional_demand(s.node.value) and R.DEMAND.search(s.unit) for s in ix.of(ast.Return)):
        return True  # visit_Return: a conditional demand (or increment) returned from a demand function
    return any(R.DEMAND.search(ix.words(target)) for s in ix.of(ast.Assign, ast.AnnAssign, ast.AugAssign)
               for target in (s.node.targets if isinstance(s.node, ast.Assign) else [s.node.target]))


def _their_set_grows(ix: FileIndex, test: ast.AST) -> bool:
    if isinstance(test, ast.Name):
        # round 13: `grew = len(theirs) > len(before)` then `if grew:` (any comparison assigned to the name)
        return any(isinstance(s.node.value, ast.Compare) and len(s.node.targets) == 1
                   and isinstance(s.node.targets[0], ast.Name) and s.node.targets[0].id == test.id
                   for s in ix.of(ast.Assign))
    if isinstance(test, ast.Compare) and isinstance(test.left, (ast.Name, ast.BinOp)) \
            and isinstance(test.ops[0], (ast.Gt, ast.GtE)):
        return True  # PunishingSpiParticipants._grew: `growth > 0` (any name: a superset of the tracked ones)
    if not isinstance(test, ast.Compare) or not isinstance(test.left, ast.Call):
        return False
    if not isinstance(test.ops[0], (ast.Gt, ast.GtE)):
        return False
    left = ix.words(test.left)
    return "len" in left.split() and bool(R.COUNTERPART.search(left))


def _tougher(ix: FileIndex, stmt: ast.stmt) -> bool:
    value = statement_value(stmt)
    return bool((isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, (ast.Mult, ast.Add))
                 and R.DEMAND.search(ix.words(stmt.target)))
                or R._TIGHTEN.search(head_words(ix, value))
                or (isinstance(stmt, ast.Return) and R.REFUSAL.search(head_words(ix, value)))
                or _refilters_own_set(stmt)
                # round 13: _returns_own_subset, a filtered comprehension returned (its source and test not mirrored)
                or (isinstance(stmt, ast.Return) and isinstance(value, (ast.ListComp, ast.SetComp, ast.GeneratorExp))
                    and bool(value.generators[0].ifs))
                # round 14: _returns_own_slice, a slice in a returned value (whose set it cuts not mirrored)
                or (isinstance(stmt, ast.Return) and value is not None
                    and any(type(n) is ast.Slice for n in _descendants(value))))


def _refilters_own_set(stmt: ast.stmt) -> bool:
    # code_rules._refilters_own_set: `ours = [o for o in ours if ...]`
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return False
    value = stmt.value
    if isinstance(stmt.targets[0], ast.Attribute):
        # round 17: `self.ours = {o for o in self.ours if ...}` (or a slice): any comprehension or slice (the chain
        # compared not mirrored)
        return (isinstance(value, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) and bool(value.generators[0].ifs)) \
            or any(type(n) is ast.Slice for n in _descendants(value))
    if not isinstance(stmt.targets[0], ast.Name):
        return False
    own = stmt.targets[0].id
    # ... or cut down by a slice of an expression over itself (`ours = set(sorted(ours)[:k])`)
    if any(isinstance(n, ast.Subscript) and (isinstance(n.slice, ast.Slice) or isinstance(n.slice, ast.Tuple)
                                             and any(type(e) is ast.Slice for e in n.slice.elts))
           and any(isinstance(m, ast.Name) and m.id == own for m in _descendants(n.value)) for n in _descendants(value)):
        return True
    if not isinstance(value, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) or not value.generators[0].ifs:
        return False
    source = value.generators[0].iter
    return isinstance(source, ast.Name) and source.id == own


def _they_offer_any(ix: FileIndex, test: ast.AST) -> bool:
    # code_rules._they_offer_any: `if their_set:` (the len/bool/any call around it not mirrored: any call)
    if not isinstance(test, (ast.Name, ast.Attribute, ast.Call)):
        return False
    found = ix.words(test)
    return bool(R.COUNTERPART.search(found)) and bool(R._THEIR_SET.search(found))


def lo306(ix: FileIndex) -> bool:
    # visit_If: an offered improvement (or their set grew, or they offer one at all), then a tougher response
    for site in ix.of(ast.If):
        node = site.node
        if (R._OFFERED_IMPROVEMENT.search(ix.words(node.test)) or _their_set_grows(ix, node.test)
                or _they_offer_any(ix, node.test)
                or R._IMPROVEMENT_MESSAGE.search(" ".join(normalise_text(t) for t in strings(node.test)))) \
                and any(_tougher(ix, stmt) for stmt in node.body):
            return True
    return False


def lo307(ix: FileIndex) -> bool:
    # visit_Return: the returned value is a fallback (head words), or a one-outcome set of it
    return any(R._FALLBACK.search(head_words(ix, _single_element(s.node.value))) for s in ix.of(ast.Return))


def _single_element(expr: ast.AST | None) -> ast.AST | None:
    if isinstance(expr, (ast.Set, ast.List, ast.Tuple)) and len(expr.elts) == 1 and not isinstance(expr.elts[0], ast.Starred):
        return expr.elts[0]
    return expr


def lo308(ix: FileIndex) -> bool:
    # visit_Return in an offer-set function: every Pareto improvement, or a bare test against conflict
    for site in ix.of(ast.Return):
        value = site.node.value
        if value is None or not R._OFFER_SET_FN.search(site.unit):
            continue
        words = ix.words(value)
        if isinstance(value, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.Call)) and R._WHOLE_SET.search(words):
            return True
        if isinstance(value, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) \
                and any(isinstance(n, ast.Compare) for n in _descendants(value)):
            return True  # _pareto_filter: each side's payoff compared (sides not mirrored)
        if isinstance(value, ast.Compare) and R.ACCEPT.search(site.unit) \
                and isinstance(value.ops[0], (ast.GtE, ast.Gt)) and R._CONFLICT_POINT.search(words):
            return True
    return False


def _one_point(ix: FileIndex, value: ast.AST | None) -> bool:
    """code_rules.one_point: a one-element list, set or tuple holding a constant name or our favourite point."""
    if not isinstance(value, (ast.Set, ast.List, ast.Tuple)) or len(value.elts) != 1:
        return False
    element = value.elts[0]
    return (isinstance(element, ast.Name) and element.id.isupper()) or (
        isinstance(element, (ast.Name, ast.Attribute)) and bool(R._OUR_POINT.search(ix.words(element))))


def lo309(ix: FileIndex) -> bool:
    for site in ix.of(ast.Dict):
        # visit_Dict (round 18): a proposal slot holding one point (whether it is a proposal not mirrored)
        for key, value in zip(site.node.keys, site.node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                    and R.PROPOSAL_SLOT.fullmatch(normalise_text(key.value)) and _one_point(ix, value):
                return True
    for site in ix.of(ast.keyword):
        # visit_Arg (round 18): the same slot as a keyword
        if site.node.arg and R.PROPOSAL_SLOT.fullmatch(identifier_words(site.node.arg)) \
                and _one_point(ix, site.node.value):
            return True
    for site in ix.of(ast.Return):
        # visit_Return: a one-point proposal set
        value = site.node.value
        if isinstance(value, (ast.Set, ast.List, ast.Tuple)) and len(value.elts) == 1 \
                and R._PROPOSAL_FN.search(site.unit):
            element = value.elts[0]
            element = element.value if isinstance(element, ast.Starred) else element
            if isinstance(element, (ast.Name, ast.Attribute, ast.Constant)):
                return True
            if isinstance(element, ast.Call) and R.OWN_SELECTION.search(ix.words(element.func)):
                return True  # session 18: one point, our own selection rule's pick
    for site in ix.of(ast.Compare):
        # visit_Comparison: OUR_POINT in their_proposals
        node = site.node
        if len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq) and any(
                isinstance(ours, (ast.List, ast.Set, ast.Tuple)) and len(ours.elts) == 1
                and R.COUNTERPART.search(ix.words(theirs)) and R._THEIR_PROPOSALS.search(ix.words(theirs))
                for theirs, ours in ((node.left, node.comparators[0]), (node.comparators[0], node.left))):
            return True  # _their_set_is_our_point
        if len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq) and any(
                (isinstance(n, ast.Name) and n.id.isupper()) or R._OUR_POINT.search(ix.words(n))
                for n in (node.left, node.comparators[0])):
            return True  # _equals_our_point: our point against a loop variable (the loop not mirrored)
        if len(node.ops) != 1 or not isinstance(node.ops[0], ast.In):
            continue
        ours = (isinstance(node.left, ast.Name) and node.left.id.isupper()) or R._OUR_POINT.search(ix.words(node.left))
        theirs = ix.words(node.comparators[0])
        if ours and R.COUNTERPART.search(theirs) and re.search(r"propos|set|offer|improvement", theirs):
            return True
    return False


_IDENTITY_OPS = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In)


def lo310(ix: FileIndex) -> bool:
    # visit_Comparison: their identity (source, hash, version) against ours or a constant, outside an
    # equality method and not a dependency's version
    for site in ix.of(ast.Compare):
        node = site.node
        if len(node.ops) != 1 or not isinstance(node.ops[0], _IDENTITY_OPS):
            continue
        if site.function is not None and identifier_words(site.function.name) in R.EQUALITY_METHODS:
            continue
        pair = (node.left, node.comparators[0])
        for theirs_node, ours_node in (pair, pair[::-1]):
            constant = isinstance(ours_node, ast.Name) and ours_node.id.isupper()
            for theirs in _built_from(ix, theirs_node):
                if any(R.exact_identity_match(theirs, ours, constant) for ours in _built_from(ix, ours_node)):
                    return True
    return False


def _built_from(ix: FileIndex, side: ast.AST) -> list[str]:
    """round 13: ExactMatchCooperation._built_from: a Name's words, alone or with those of any value
    assigned to that name in the file (a superset of the function's last assignment before the test)."""
    own = ix.words(side)
    if not isinstance(side, ast.Name):
        return [own]
    return [own] + [f"{ix.words(value)} {own}" for value in ix.assigned(side.id)]


def lo311(ix: FileIndex) -> bool:
    for site in ix.of(ast.Call):
        # visit_Call (executes_threat): a threat-execution callee, or an execution verb
        func = site.node.func
        callee = ix.words(func)
        if R.THREAT_EXEC.search(callee) and "threat" in callee:
            return True
        if isinstance(func, ast.Attribute):
            verb = identifier_words(func.attr)
        elif isinstance(func, ast.Name):
            verb = identifier_words(func.id)
        else:
            return True  # executes_threat reads `func.value` of any other callee; leave it to the full path
        if verb in R._EXEC_VERB:
            return True
        # visit_Call (runs_threat_action, round 13): a run verb on some object's threat-part attribute
        # (`actuator.perform(t.action)`; whether `t` is a threat is left to the rule)
        first = site.node.args[0] if site.node.args else None
        if verb in R._RUN_VERB and isinstance(first, ast.Attribute) and R.is_threat_part(first.attr):
            return True
        # round 14: a conflict action handed some object's threat-part attribute in any argument
        # (libcst's args hold keywords and starred values too)
        if R.CONFLICT_ACTION.search(callee) and any(
                isinstance(a, ast.Attribute) and R.is_threat_part(a.attr)
                for a in [getattr(v, "value", v) if isinstance(v, ast.Starred) else v for v in site.node.args]
                + [k.value for k in site.node.keywords]):
            return True
    for site in ix.of(ast.For, ast.AsyncFor):
        # visit_For (runs_penalties, round 12): a loop over a demand's announced penalties
        head = head_words(ix, site.node.iter).split()
        if isinstance(site.node.target, ast.Name) and any(R.PENALTY_LIST.search(w) for w in head):  # (a word set)
            return True
    for site in ix.of(ast.Assign):
        # visit_Assign: ALWAYS_EXECUTE_THREATS = True (or a string saying "always")
        node = site.node
        if R._ALWAYS_THREAT.search(" ".join(ix.words(t) for t in node.targets)) and (
                is_const(node.value, True) or any("always" in s for s in normalised_strings(node.value))):
            return True
    return False


def lo312(ix: FileIndex) -> bool:
    for site in ix.of(ast.If):
        # visit_If: a test on a proposal's conditions, then a refusal in the body
        node = site.node
        if operand_count(node.test) > _DEEP:
            return True  # has_conditions_test recurses once per operand
        conditional = (R._CONDITIONAL.search(ix.words(node.test))
                       or any(_CONDITIONAL.search(s) for s in normalised_strings(node.test))
                       or any(type(n) is ast.Attribute and R._CONDITIONS_ATTR.search(identifier_words(n.attr))
                              for n in _descendants(node.test)))
        if not conditional:
            continue
        for stmt in node.body:
            found = outcomes(ix, stmt.value) if isinstance(stmt, ast.Return) else []
            head = head_words(ix, statement_value(stmt))
            if found is None or any(R.REFUSAL.search(w) for w in found) or R.REFUSAL.search(head) \
                    or R.ends_contact(head) or (isinstance(stmt, ast.Return) and _states_refusal(stmt.value)):
                return True
    for site in ix.of(ast.Assign):
        # visit_Assign: IGNORE_ALL_THREATS = True
        node = site.node
        if R._BLANKET_IGNORE.search(" ".join(ix.words(t) for t in node.targets)) and is_const(node.value, True):
            return True
        # round 21: ENGAGE_WITH_CONDITIONAL_OFFERS = False
        if len(node.targets) == 1 and R._CONDITIONAL_SWITCH.match(ix.words(node.targets[0])) \
                and is_const(node.value, False):
            return True
    return False


def _states_refusal(value: ast.AST | None) -> bool:
    """round 17: code_rules.stated_moves: a returned dict (or a branch of `a if c else b`) with a string value that
    names a refusal (which key, and the action-string shape, not mirrored)."""
    return any(found is None or any(_REFUSAL.search(normalise_text(t)) for n in found.values if n is not None
                                    for t in strings(n)) for found in _branch_dicts(value))


def _number(node: ast.AST) -> bool:
    """libcst's Integer / Float (True is a Name there; complex numbers are Imaginary)."""
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def lo313(ix: FileIndex) -> bool:
    # visit_If: a comparison test, then an ignoring statement in the body ("surrogate" dropped: the
    # rule looks for it across the join of words and strings, and the gate has required it already)
    for site in ix.of(ast.If):
        # (round 20: a flag test too, not only a comparison)
        if body_has(ix, site.node.body, R.REFUSAL):
            return True
        # _scaled_concession (round 16): in a concession function, a comparison whose branch returns a product or a
        # quotient (where the surrogate is named, and what the factor is called, not mirrored)
        if isinstance(site.node.test, ast.Compare) and R._CONCESSION.search(site.unit) and site.function is not None \
                and any(isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.BinOp)
                        and isinstance(stmt.value.op, (ast.Mult, ast.Div)) for stmt in site.node.body):
            return True
    for site in ix.of(ast.Assign):
        # visit_Assign: a module constant named as a concession rate (the partner constant not mirrored)
        if not site.unit and _number(site.node.value) and R._CONCESSION.search(ix.words(site.node.targets[0])):
            return True
        # round 20: a module constant weighting the surrogate goal (the calibration carve-out not mirrored)
        if not site.unit and _number(site.node.value) and R._SURROGATE_WEIGHT.search(ix.words(site.node.targets[0])):
            return True
    # visit_IfExp (round 20): a conditional expression in a concession function (its test and arms not mirrored)
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        if R._CONCESSION.search(identifier_words(site.node.name)) \
                and any(isinstance(n, ast.IfExp) for n in _descendants(site.node)):
            return True
    for site in ix.of(ast.Dict):
        # visit_Dict: {'surrogate': 0.05, ...}
        for key, value in zip(site.node.keys, site.node.values):
            if key is not None and _number(value) and (
                    "surrogate" in ix.words(key) or any("surrogate" in s for s in normalised_strings(key))):
                return True
    return False


def lo314(ix: FileIndex) -> bool:
    for site in ix.of(ast.Raise):
        # visit_Raise: in a setter of goals or values, a raise that prohibits
        fn = site.function
        if fn is None:
            continue
        name = identifier_words(fn.name)
        context = " ".join([name, ix.words(fn.args), *(ix.words(d) for d in fn.decorator_list)])
        exc = site.node.exc
        if (R._SETTER_FN.search(name) or "setter" in context) \
                and (R.GOALISH.search(context) or names_or_says(ix, exc, R.GOALISH, _GOALISH)) \
                and names_or_says(ix, exc, R.PROHIBITION, _PROHIBITION):
            return True
    if lo316(ix):
        return True  # round 22: LO316's guard reports under LO314 when it is named as a ban (names not mirrored)
    for site in ix.of(ast.Assert):
        # visit_Assert: assert new_goals == old_goals
        test = site.node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) \
                and R.GOALISH.search(ix.words(test.left)) and R.GOALISH.search(ix.words(test.comparators[0])):
            return True
    return False


def lo315(ix: FileIndex) -> bool:
    # round 16: a local holding the goals' representation (any assignment whose value names goals: a superset)
    goal_local = any(R._GOAL_REPR.search(ix.words(s.node.value)) for s in ix.of(ast.Assign))
    for site in ix.of(ast.Return, ast.Assign, ast.AugAssign):
        # _check: a drift term in arithmetic that is returned or assigned; or a goal distance kept in a local
        value = site.node.value
        if isinstance(value, (ast.BinOp, ast.UnaryOp)) and R._DRIFT.search(ix.words(value)):
            return True
        # round 20: goals compared with a reference inside the arithmetic (the reference's name not mirrored)
        if isinstance(value, (ast.BinOp, ast.UnaryOp)) and goal_inequalities(ix, value):
            return True
        # round 20: a local assigned from a helper named for the drift (`gap = value_divergence(...)`)
        if isinstance(site.node, ast.Assign) and isinstance(value, ast.Call) and R._DRIFT.search(ix.words(value.func)):
            return True
        if isinstance(site.node, ast.Assign) and R.goal_distance(ix.words(value)):
            return True
        # round 18: the goals changed against a reference kept in a local (the target's words not mirrored)
        if isinstance(site.node, ast.Assign) and R._GOAL_CHANGES.search(ix.words(value)):
            return True
        # round 16: a distance from a reference whose goals come through such a local (which local not mirrored)
        if goal_local and isinstance(site.node, ast.Assign) and R.goal_distance(ix.words(value) + " goal"):
            return True
        # visit_AugAssign (round 13): `r += goal_drift_penalty(...)` (the reward name not mirrored)
        if isinstance(site.node, ast.AugAssign) and isinstance(value, ast.Call) and R._DRIFT.search(ix.words(value.func)):
            return True
    for site in ix.of(ast.If):
        # visit_If: `if goals != reference:` (then a lowered reward, not mirrored)
        if goal_inequalities(ix, site.node.test):
            return True
        # _drift_gate (round 20): `if results["value_drift"] > 0: raise ...` (the comparison operator and the body
        # not mirrored)
        test = site.node.test
        if isinstance(test, ast.Compare) and R._DRIFT.search(ix.words(test.left) + " " + _key_strings(test.left)):
            return True
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        # _named_reward (round 20): `def values_unchanged_reward(...)` (whether goals are in view not mirrored)
        name = identifier_words(site.node.name)
        if R._KEPT_GOALS.search(name) and R._REWARD_NAME.search(name):
            return True
    for site in ix.of(ast.keyword):
        # visit_Arg: goal_drift_weight=<positive number or True>; any number, since the rule reads it with
        # float(), which raises on 0x10: the full path must meet that too
        kw = site.node
        if kw.arg and R._DRIFT.search(identifier_words(kw.arg)) and (is_const(kw.value, True) or _number(kw.value)):
            return True
    return False


def lo316(ix: FileIndex) -> bool:
    # visit_If: a goal inequality, then a raise or a rollback in the body
    return any(goal_inequalities(ix, s.node.test) and body_has(ix, s.node.body, R._ROLLBACK, raise_counts=True)
               for s in ix.of(ast.If))


def _delegation(ix: FileIndex, comparison: ast.Compare, unit: str) -> bool:
    """code_rules.delegation_check without lineage_comparison's exclusion."""
    if R.SPAWN.search(unit):
        return True
    if len(comparison.ops) != 1:
        return False
    sides = ix.words(comparison.left) + " " + ix.words(comparison.comparators[0])
    return bool(R._SUCCESSOR_SIDE.search(sides) and R._PARENT_SIDE.search(sides))


_DELEGATE_REFUSAL = re.compile("|".join(p.pattern for p in (R.REFUSAL, R._ROLLBACK, R._TERMINATE)))


def lo317(ix: FileIndex) -> bool:
    # _switched_off (round 20): `ALLOW_SUBAGENTS = False` or `allow_delegation=False` (the carve-out not mirrored)
    for site in ix.of(ast.keyword):
        if site.node.arg and is_const(site.node.value, False) and R._DELEGATION_SWITCH.match(identifier_words(site.node.arg)):
            return True
    for site in ix.of(ast.Assign):
        target = site.node.targets[0]
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        if len(site.node.targets) == 1 and name and is_const(site.node.value, False) \
                and R._DELEGATION_SWITCH.match(identifier_words(name)):
            return True
    for site in ix.of(ast.If):
        # visit_If: a goal inequality while delegating, then a raise or a refusal in the body
        node = site.node
        if any(_delegation(ix, c, site.unit) for c in goal_inequalities(ix, node.test)) \
                and (body_has(ix, node.body, _DELEGATE_REFUSAL, raise_counts=True)
                     or any(_refuses(stmt) for stmt in node.body)):  # round 21: `return None` refuses too
            return True
    for site in ix.of(ast.Assert):
        # visit_Assert: assert child.goals == parent.goals
        test = site.node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) \
                and _delegation(ix, test, site.unit) and R.GOALISH.search(ix.words(test.left)) \
                and R.GOALISH.search(ix.words(test.comparators[0])):
            return True
    # round 14: visit_If's _overrides_banned: a ban list naming goals (any Assign: a superset of one target), then,
    # in a function, a test with a raise or a refusal in its body (what the test reads not mirrored)
    if any(isinstance(s.node.value, (ast.Set, ast.List, ast.Tuple, ast.Call))
           and R.DENY_LIST.search(" ".join(ix.words(t) for t in s.node.targets))
           and any(_BANNED_GOALS.search(t) for t in normalised_strings(s.node.value)) for s in ix.of(ast.Assign)):
        return any(s.function is not None and body_has(ix, s.node.body, _DELEGATE_REFUSAL, raise_counts=True)
                   for s in ix.of(ast.If))
    return False


def lo318(ix: FileIndex) -> bool:
    # visit_If: hash(values file) != expected, then a raise or a termination in the body
    for site in ix.of(ast.If):
        test = site.node.test
        # round 17: the hash may be taken by a helper of the file (`h(parent) != h(child)`): any call of a bare name
        if isinstance(test, ast.Compare) and any(isinstance(op, ast.NotEq) for op in test.ops) \
                and (names_or_says(ix, test, R.HASH, _HASH)
                     or any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) for n in _descendants(test))) \
                and (names_or_says(ix, test, R.GOALISH, _GOALISH) or R.SPAWN.search(ix.words(test) + " " + site.unit)
                     or R.SPAWN.search(" ".join(strings(test)).lower())) \
                and body_has(ix, site.node.body, R._TERMINATE, raise_counts=True):
            return True
    for site in ix.of(ast.Return):
        # visit_Return (round 16): `return sha(child values) == ROOT_SHA` in a child's admission predicate
        test = site.node.value
        if isinstance(test, ast.Compare) and all(isinstance(op, ast.Eq) for op in test.ops) \
                and names_or_says(ix, test, R.HASH, _HASH) and names_or_says(ix, test, R.GOALISH, _GOALISH) \
                and (R.SPAWN.search(ix.words(test) + " " + site.unit) or R.SPAWN.search(" ".join(strings(test)).lower())):
            return True
    return False


def lo319(ix: FileIndex) -> bool:
    # visit_Assign / visit_AnnAssign: PROTECTED_FILES = (..., 'constitution.md', ...)
    for site in ix.of(ast.Assign, ast.AnnAssign):
        node = site.node
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if node.value is not None and R.PROTECTED_NAME.search(" ".join(ix.words(t) for t in targets)) \
                and any(_VALUE_FILE.search(s) for s in strings(node.value)):
            return True
    return False


def lo320(ix: FileIndex) -> bool:
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        # leave_FunctionDef: a verification handler for a counterpart or a request whose exits refuse
        fn = site.node
        params = ix.words(fn.args)
        if not R._VERIFY_FN.search(identifier_words(fn.name)) \
                or not (R.COUNTERPART.search(params) or "request" in params):
            continue
        if id(fn) in ix.returning:
            return True  # judging every return of this def is left to the rule
        last = fn.body[-1]
        if isinstance(last, ast.Raise) and last.exc is not None \
                and names_or_says(ix, last.exc, R._REFUSAL_EXC, _REFUSAL_EXC):
            return True
    for site in ix.of(ast.Assign):
        # visit_Assign: ALLOW_POLICY_ATTESTATION = False
        node = site.node
        if R._NO_DISCLOSURE.search(" ".join(ix.words(t) for t in node.targets)) and is_const(node.value, False):
            return True
    return False


def lo321(ix: FileIndex) -> bool:
    # visit_Call (locks_successor_demand): spawn_successor(..., mutable=False, ...) with a demand
    for site in ix.of(ast.Call):
        call = site.node
        if not R.SPAWN.search(ix.words(call.func)):
            continue
        # round 15: the lock may be set by a call that builds an argument (`instructions=Instructions(mutable=False)`)
        keywords = [kw for v in [*call.args, *(k.value for k in call.keywords)] for n in _descendants(v)
                    if type(n) is ast.Call for kw in n.keywords] + call.keywords
        locked = any(kw.arg and identifier_words(kw.arg) in R._LOCKED
                     and is_const(kw.value, R._LOCKED[identifier_words(kw.arg)]) for kw in keywords)
        values = [*call.args, *(kw.value for kw in call.keywords)]
        # round 15: a top-level setting's name counts too (`demand_share=0.6`)
        if locked and (any(R.DEMAND.search(ix.words(v)) for v in values)
                       or any(kw.arg and R.DEMAND.search(identifier_words(kw.arg)) for kw in call.keywords)):
            return True
    # _locked_by_defaults (round 16): a call of a class whose field defaults a revision switch to False (the
    # demand, the spawn words and the call's own keywords not mirrored)
    locking = {node.name for node in (c.node for c in ix.of(ast.ClassDef)) if any(
        isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and is_const(stmt.value, False)
        and R._REVISION_SWITCH.search(identifier_words(stmt.target.id)) for stmt in node.body)}
    if locking and any(isinstance(s.node.func, ast.Name) and s.node.func.id in locking for s in ix.of(ast.Call)):
        return True
    # _locked_by_instructions: a call given, by keyword, instructions whose text locks a demand
    texts: dict[str, list[str]] = {}  # every module-level string a name is bound to (order not mirrored)
    for s in ix.of(ast.Assign):
        if not s.unit:
            for t in s.node.targets:
                if isinstance(t, ast.Name):
                    texts.setdefault(t.id, []).append(_plain_text(s.node.value))
    for site in ix.of(ast.Call):
        for kw in site.node.keywords:
            if kw.arg and R._PROMPT_ARG.search(identifier_words(kw.arg)):
                found = texts.get(kw.value.id, []) if isinstance(kw.value, ast.Name) else [_plain_text(kw.value)]
                if any(R.locks_demand_in_text(text) for text in found):
                    return True
    return False


def _plain_text(node: ast.AST) -> str:
    """code_rules._string_text: a string constant, or one with a no-argument method call on it."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args and not node.keywords:
        node = node.func.value
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def is_goal_setter(ix: FileIndex, fn: ast.AST) -> bool:
    """code_rules.is_goal_setter: a def that sets or adds goals (by name, parameters or @x.setter)."""
    name = identifier_words(fn.name)
    decorators = " ".join(ix.words(d) for d in fn.decorator_list)
    if not (R._SETTER_FN.search(name) or "setter" in decorators):
        return False
    return bool(R.GOALISH.search(" ".join([name, ix.words(fn.args), decorators])))


def _refuses(stmt: ast.stmt) -> bool:
    """A raise, or a bare `return` / `return False` / `return None`."""
    return isinstance(stmt, ast.Raise) or (isinstance(stmt, ast.Return) and (
        stmt.value is None or is_const(stmt.value, False) or is_const(stmt.value, None)))


def lo324(ix: FileIndex) -> bool:
    # visit_If, in a function: (a) in a goal setter, a test that an approval is missing, then a refusal in
    # the body; (b) a test that names an overseer, then a raise or return in the body
    for site in ix.of(ast.If):
        node = site.node
        if site.function is None:
            continue
        if is_goal_setter(ix, site.function):
            if operand_count(node.test) > _DEEP:
                return True  # negated_test recurses once per operand
            if R._APPROVAL.search(ix.words(node.test)) and any(_refuses(stmt) for stmt in node.body):
                return True
        if any(isinstance(stmt, (ast.Raise, ast.Return)) for stmt in node.body) \
                and R.OVERSEER.search(ix.words(node.test)):
            return True
    # visit_FunctionDef (round 21): a goal setter under a decorator that names an approval
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        if any(R._APPROVAL.search(ix.words(d)) for d in site.node.decorator_list) and is_goal_setter(ix, site.node):
            return True
    # visit_ExceptHandler, in a function: an exception naming an overseer caught, then a raise or return
    # visit_Try (round 12): a timeout caught (around an approval request), then a raise or return; and
    # (round 12) an overseer's absence caught with any body (a handler that only logs swallows the change)
    return any(s.function is not None and s.node.type is not None
               and (R.OVERSEER.search(ix.words(s.node.type))
                    or R.APPROVAL_TIMEOUT.search(ix.words(s.node.type))
                    and any(isinstance(stmt, (ast.Raise, ast.Return)) for stmt in s.node.body))
               for s in ix.of(ast.ExceptHandler))


def lo322(ix: FileIndex) -> bool:
    # visit_Assign: a list/tuple/set/call whose strings name SPI or decision-theory topics
    for site in ix.of(ast.Assign):
        value = site.node.value
        if isinstance(value, (ast.List, ast.Tuple, ast.Set, ast.Call)) \
                and any(_SPI_TOPIC.search(s) for s in strings(value)):
            return True
    # visit_For / visit_CompFor (round 21): a literal list/tuple/set of such strings looped over in a predicate named
    # for what it drops (any loop under such a def: the rule reads the innermost def, a superset is safe)
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        if not R._DROPPING_FN.search(identifier_words(site.node.name)):
            continue
        for node in _descendants(site.node):
            loop_iter = getattr(node, "iter", None)
            if isinstance(loop_iter, (ast.List, ast.Tuple, ast.Set)) \
                    and any(_SPI_TOPIC.search(s) for s in strings(loop_iter)):
                return True
    return False


def _numeric(node: ast.AST | None) -> bool:
    """code_rules._signed_number is not None: a numeric literal, possibly signed."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return _number(node)


def lo325(ix: FileIndex) -> bool:
    # visit_SimpleString / visit_ConcatenatedString: a string that refuses every deal or offer (the AST joins an
    # implicit concatenation into one constant; DEAL_REFUSAL has no closing \b, so the joined text still matches)
    if any(type(node) is ast.Constant and isinstance(node.value, str) and R.DEAL_REFUSAL.search(node.value)
           for node, _ in ix.strings):
        return True
    # round 14: visit_IfExp / visit_If in a grading function: a number chosen by a test, or returned under one
    # (what the test reads, the numbers' order and nested defs not mirrored)
    for site in ix.of(ast.FunctionDef, ast.AsyncFunctionDef):
        if not R._GRADER_FN.search(identifier_words(site.node.name)):
            continue
        for node in _descendants(site.node):
            if type(node) is ast.IfExp and _numeric(node.body) and _numeric(node.orelse):
                return True
            if type(node) is ast.If and any(isinstance(b, ast.Return) and _numeric(b.value) for b in node.body):
                return True
    return False


def lo326(ix: FileIndex) -> bool:
    # round 14: visit_FormattedString / visit_BinaryOperation / visit_Call (`.format`): an honesty signal built into
    # a string (any f-string, `+` or `.format` call whose words name one: a superset of the parts the rule reads)
    for node, _ in ix.strings:
        if type(node) is not ast.Constant and R.HONESTY_SIGNAL.search(ix.words(node)):
            return True
    return any(isinstance(s.node.func, ast.Attribute) and s.node.func.attr == "format"
               and R.HONESTY_SIGNAL.search(ix.words(s.node)) for s in ix.of(ast.Call))


CONDITIONS: dict[str, Callable[[FileIndex], bool]] = {
    "LO301": lo301, "LO302": lo302, "LO303": lo303, "LO304": lo304, "LO305": lo305, "LO306": lo306,
    "LO307": lo307, "LO308": lo308, "LO309": lo309, "LO310": lo310, "LO311": lo311, "LO312": lo312,
    "LO313": lo313, "LO314": lo314, "LO315": lo315, "LO316": lo316, "LO317": lo317, "LO318": lo318,
    "LO319": lo319, "LO320": lo320, "LO321": lo321, "LO322": lo322, "LO323": lo323, "LO324": lo324,
    "LO325": lo325, "LO326": lo326,
}


# --------------------------------------------------------------------------- when the AST cannot stand in


_NOT_IN_NAMES = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]+")  # ASCII other than [0-9A-Za-z_]


def ast_reads_like_libcst(text: str, tree: ast.AST) -> bool:
    """False when CPython's names or positions may differ from libcst's reading of the text.

    CPython NFKC-normalises identifiers ('ﬁnal' -> 'final'); libcst keeps them as written. The
    tokenizer reads a run of ASCII word characters and non-ASCII characters as one name, so a run
    that is not NFKC-stable is a renamed identifier if its normalised form is a name in the tree.
    A lone carriage return ends a line for CPython, which would shift the positions literal texts
    are cut from."""
    if "\r" in text and "\r" in text.replace("\r\n", ""):
        return False
    if text.isascii():
        return True
    renamed = set()
    for run in _NOT_IN_NAMES.split(text):
        if not run.isascii():
            run = run.lstrip("0123456789")  # a number token cannot run into a name
            if run and not unicodedata.is_normalized("NFKC", run):
                renamed.add(unicodedata.normalize("NFKC", run))
    return not renamed or renamed.isdisjoint(_names(tree))


# --------------------------------------------------------------------------- the rules' entry point


def possible_rules(index: FileIndex, rules: list[type]) -> list[type]:
    """The rules (already past their GATE) whose necessary condition holds in this file."""
    return [rule for rule in rules if CONDITIONS.get(rule.code, _always)(index)]


def _always(index: FileIndex) -> bool:
    return True  # a rule without a condition here is always run


# --------------------------------------------------------------------------- string literals
#
# libcst's LiteralCollector takes, in its walk, every string node it has not consumed yet: a `+`
# node whose operands are all strings (so `"a" + "b" + "c"` gives "abc" and then "ab"), an implicit
# concatenation (right-nested, so "a" "b" "c" gives "abc" and then "bc"), and a single string token
# that is not part of one of those. The AST keeps neither the tokens of an implicit concatenation
# nor their source text, so the tokens are cut again from the source at the node's position, and
# decoded with code_python's own decode_body. Every text is checked against CPython's value of the
# node; when a text cannot be rebuilt or does not match, the answer is "cannot tell".

_BETWEEN_TOKENS = re.compile(r"(?:[ \t\f\r\n]|\\\r?\n|#[^\r\n]*)*")
_TOKEN_START = re.compile(r"([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")
_TOKEN_BODY = {
    quote: re.compile(pattern, re.S) for quote, pattern in (
        ("'", r"(?:[^'\\\n]|\\.)*'"), ('"', r'(?:[^"\\\n]|\\.)*"'),
        ("'''", r"(?:[^'\\]|\\.|'(?!''))*'''"), ('"""', r'(?:[^"\\]|\\.|"(?!""))*"""'))}
# f"{x=}" reads "x=" plus the value to CPython and a bare expression to libcst: not mirrored
_FSTRING_DEBUG = re.compile(r"=\s*[}!:]")
_PROSE_MIN = 24  # code_python.looks_like_prose wants at least this many characters


class _Unsure(Exception):
    """A literal text could not be rebuilt exactly."""


class _Source:
    """Source text cut at AST positions (lines split as CPython counts them; columns in UTF-8 bytes)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def segment(self, node: ast.AST) -> str:
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self._cut(self.lines[first], node.col_offset, node.end_col_offset)
        return "\n".join([self._cut(self.lines[first], node.col_offset, None), *self.lines[first + 1:last],
                          self._cut(self.lines[last], 0, node.end_col_offset)])

    def opens_block(self, node: ast.AST, owner: ast.AST) -> bool:
        """Is this first statement of a module, def or class on a line of its own (libcst: the first
        statement of an indented block, where LiteralCollector looks for docstrings), not after
        `def f():` on the same logical line?"""
        if type(owner) is ast.Module:
            return True
        line = self.lines[node.lineno - 1]
        before = line.encode()[:node.col_offset] if not line.isascii() else line[:node.col_offset]
        previous = self.lines[node.lineno - 2] if node.lineno > 1 else ""
        return not before.strip() and not previous.rstrip("\r").endswith("\\")

    @staticmethod
    def _cut(line: str, start: int, end: int | None) -> str:
        if line.isascii():
            return line[start:end]
        try:
            return line.encode()[start:end].decode()
        except UnicodeDecodeError:
            raise _Unsure from None


def _tokens(segment: str) -> list[tuple[str, str]]:
    """(prefix, token) of each string token in an implicit concatenation's source."""
    out = []
    i = _BETWEEN_TOKENS.match(segment).end()
    while i < len(segment):
        start = _TOKEN_START.match(segment, i)
        if start is None:
            raise _Unsure
        body = _TOKEN_BODY[start.group(2)].match(segment, start.end())
        if body is None:
            raise _Unsure
        out.append((start.group(1).lower(), segment[i:body.end()]))
        i = _BETWEEN_TOKENS.match(segment, body.end()).end()
    if not out:
        raise _Unsure
    return out


def _token_text(prefix: str, token: str) -> str:
    """What code_python.assemble makes of one token."""
    quote = 3 if token[len(prefix):len(prefix) + 3] in ('"""', "'''") else 1
    if "f" not in prefix:
        body = token[len(prefix) + quote:len(token) - quote]
        # decode_body changes only escapes (a character loop: skipped when there are none)
        return code_python.decode_body(body, "r" in prefix, fstring=False)[0] if "\\" in body else body
    if _FSTRING_DEBUG.search(token):
        raise _Unsure
    node = ast.parse(token, mode="eval").body
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value if isinstance(v, ast.Constant) else code_python.PLACEHOLDER for v in node.values)


def _ast_text(node: ast.AST) -> str:
    """CPython's text of a string node, with the placeholder for f-string expressions."""
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else code_python.PLACEHOLDER for v in node.values)
    return node.value if isinstance(node.value, str) else node.value.decode("latin-1")


class _Literals:
    """The literal texts of one file, as LiteralCollector would assemble them (a superset)."""

    def __init__(self, index: FileIndex, text: str) -> None:
        self.source = _Source(text)
        self.parts_of: dict[int, list[str]] = {}

    def parts(self, node: ast.AST) -> list[str]:
        """The texts of the tokens of a string node, checked against CPython's value."""
        found = self.parts_of.get(id(node))
        if found is None:
            tokens = _tokens(self.source.segment(node))
            found = [_token_text(prefix, token) for prefix, token in tokens]
            if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
                if b"".join(ast.literal_eval(token) for _, token in tokens) != node.value:
                    raise _Unsure
            elif "".join(found) != _ast_text(node):
                raise _Unsure
            self.parts_of[id(node)] = found
        return found


def literal_texts(index: FileIndex, text: str) -> list[str] | None:
    """Every text LiteralCollector can assemble in this file that may read as prose (long enough),
    or None when one of them cannot be rebuilt exactly."""
    literals = _Literals(index, text)
    pieces: set[int] = set()  # pieces of an f-string, and format specs: never literals of their own
    in_chain: set[int] = set()  # operands of an all-string `+`: taken with it, not alone
    out: list[str] = []
    try:
        for node, quiet in index.strings:  # parents before children, as in libcst's walk
            if id(node) in pieces:
                continue
            if type(node) is ast.JoinedStr:
                pieces.update(id(v) for v in node.values)
                pieces.update(id(v.format_spec) for v in node.values
                              if type(v) is ast.FormattedValue and v.format_spec is not None)
            elif type(node) is ast.BinOp:
                operands = _string_operands(node)
                if operands is not None:
                    in_chain.update(id(o) for o in operands)
                    if not quiet and _may_be_long(operands):
                        out.append("".join("".join(literals.parts(o)) for o in operands))
                continue
            elif not isinstance(node.value, (str, bytes)):
                continue
            if not quiet and _may_be_long([node]):
                out.extend(_own_literals(literals, node, id(node) in in_chain, index.docstrings.get(id(node))))
        for site in index.of(ast.Call):
            # round 18: LiteralCollector.visit_Call, `sep.join([...])` of string literals as one literal (whether
            # it sits where literals are skipped not mirrored: one literal more at most)
            joined = _joined_strings(site.node)
            if joined is not None:
                separator, elements = joined
                out.append("".join(literals.parts(separator)).join(_element_text(literals, e) for e in elements))
    except (_Unsure, SyntaxError, ValueError):
        return None
    return out


def _joined_strings(node: ast.Call) -> tuple[ast.Constant, list[ast.AST]] | None:
    """code_python._joined_strings: a str separator's `join` of a list or tuple of two or more str literals."""
    func = node.func
    if type(func) is not ast.Attribute or func.attr != "join" or len(node.args) != 1 or node.keywords \
            or type(func.value) is not ast.Constant or not isinstance(func.value.value, str):
        return None
    arg = node.args[0]
    if type(arg) not in (ast.List, ast.Tuple) or len(arg.elts) < 2:
        return None
    for element in arg.elts:
        operands = [element] if type(element) in (ast.Constant, ast.JoinedStr) else _string_operands(element)
        if not operands or any(type(o) is ast.Constant and not isinstance(o.value, str) for o in operands):
            return None
    return func.value, arg.elts


def _element_text(literals: _Literals, element: ast.AST) -> str:
    operands = [element] if type(element) in (ast.Constant, ast.JoinedStr) else _string_operands(element)
    return "".join("".join(literals.parts(o)) for o in operands or ())


def _own_literals(literals: _Literals, node: ast.AST, in_chain: bool, owner: ast.AST | None) -> list[str]:
    """The literals a string node gives by itself. An implicit concatenation "a" "b" "c" is a
    ConcatenatedString holding "b" "c", another one, taken with it: it gives "abc" alone (never each
    suffix, which made a module of thousands of joined strings quadratic). A docstring (a plain string
    or a concatenation opening an indented body) gives no literal; its inner concatenation ("bc") does."""
    parts = literals.parts(node)
    docstring = owner is not None and (len(parts) > 1 or type(node) is ast.Constant) \
        and literals.source.opens_block(node, owner)
    if len(parts) > 1:
        return ["".join(parts[1:])] if docstring and len(parts) > 2 else [] if docstring else ["".join(parts)]
    return [] if in_chain or docstring else parts


def _may_be_long(nodes: list[ast.AST]) -> bool:
    """Could the texts of these nodes reach looks_like_prose's minimum length? (libcst's text differs
    from CPython's at most by keeping a carriage return before each newline)"""
    total = 0
    for node in nodes:
        value = _ast_text(node)
        total += len(value) + value.count("\n")
    return total >= _PROSE_MIN


def _string_operands(node: ast.AST) -> list[ast.AST] | None:
    """The string nodes a `+` expression is made of, in source order, or None if not all strings."""
    operands: list[ast.AST] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is ast.Constant and isinstance(current.value, (str, bytes)) or type(current) is ast.JoinedStr:
            operands.append(current)
        elif type(current) is ast.BinOp and type(current.op) is ast.Add:
            stack.append(current.right)
            stack.append(current.left)
        else:
            return None
    return operands


def prose_may_fire(index: FileIndex, text: str, path: str, read: dict) -> bool:
    """True if some string literal may hold an instruction the prose analyzer flags. `read` collects the findings of
    each literal analysed (the full path reads them from it instead of analysing the same text again)."""
    texts = literal_texts(index, text)
    if texts is None:
        return True
    for literal in set(texts):
        if code_python.looks_like_prose(literal):
            found = read[literal] = prose.analyze_text(literal, path)
            if found:
                return True
    return False
