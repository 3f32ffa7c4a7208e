"""LO3xx: rules for negotiation and agent-policy code (Python via libcst; TypeScript lists).

Each rule is one small visitor class (Fixit's model): metadata, message and carve-out templates,
VALID / INVALID examples that tests run, and `visit_<Node>` / `leave_<Node>` methods. The Python
analyzer (code_python) runs every rule in one batched walk; rules never walk the file themselves.

How rules see code: identifiers are normalised to snake_case lower-case strings
("ParetoOnConflict" -> "pareto_on_conflict"), and vocabularies below are matched at identifier
word boundaries. A rule reports a candidate through `self.report(node, keep=...)`; `keep` runs when
the enclosing unit (function, class or top-level statement) has been walked, so it can ask
whether that unit names a carve-out (a proposal step, an SPI exemption) anywhere. This is
name-based reading of code, not evaluation: the messages say "may foreclose", and confidence is
medium unless the shape is a keyword the author chose on purpose (revocable=False).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any, Callable, ClassVar

import libcst as cst

from .regex_cache import compiled, trie_pattern
from .rules import Rule

# --------------------------------------------------------------------------- tree helpers

_TRIVIA_FIELDS = {"lpar", "rpar", "leading_lines", "lines_after_decorators", "header", "footer", "comma",
                  "semicolon", "equal", "trailing_whitespace", "newline", "asynchronous", "star",
                  "colon", "dot", "operator", "walrus", "arrow", "default_indent", "default_newline",
                  "encoding", "has_trailing_newline", "quote", "prefix", "start", "end"}
_FIELDS: dict[type, tuple[str, ...]] = {}
_LEAVES = (cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary, cst.FormattedStringText)
_CSTNode = cst.CSTNode


def _child_fields(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = () if issubclass(kind, _LEAVES) else tuple(
            f.name for f in dataclasses.fields(kind)
            if f.name not in _TRIVIA_FIELDS and not f.name.startswith("whitespace"))
        _FIELDS[kind] = names
    return names


_IS_NODE: dict[type, bool] = {}


def _is_node(kind: type) -> bool:
    # CSTNode is an ABC, and isinstance() on ABCs is slow; the answer per type never changes
    found = _IS_NODE.get(kind)
    if found is None:
        found = _IS_NODE[kind] = issubclass(kind, _CSTNode)
    return found


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The syntactic children of a node in source order, without whitespace and punctuation."""
    out: list[cst.CSTNode] = []
    is_node = _IS_NODE
    for name in _FIELDS.get(type(node)) or _child_fields(type(node)):
        value = getattr(node, name)
        kind = value.__class__
        if kind is list or kind is tuple:
            out.extend(v for v in value if is_node.get(v.__class__) or _is_node(v.__class__))
        elif is_node.get(kind) or _is_node(kind):
            out.append(value)
    return out


def iter_tree(node: cst.CSTNode, skip: Callable[[cst.CSTNode], bool] | None = None):
    stack = [node]
    while stack:
        current = stack.pop()
        if skip is not None and skip(current):
            continue
        yield current
        stack.extend(reversed(children(current)))


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=65536)
def identifier_words(name: str) -> str:
    """'ParetoOnConflict' -> 'pareto_on_conflict'; 'SELF_HASH' -> 'self_hash'."""
    return _CAMEL.sub("_", name).lower().strip("_") or name.lower()


def fstring_text(node: cst.CSTNode | None) -> str:
    """The literal parts of the f-strings in a subtree, normalised (strings_of reads plain strings only)."""
    if node is None:
        return ""
    return " ".join(normalise_text(n.value) for n in iter_tree(node) if isinstance(n, cst.FormattedStringText))


def normalise_text(text: str) -> str:
    """A string literal's words in identifier form: 'may not adopt' -> 'may_not_adopt'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


_WORDS: dict[tuple[int, bool], str] = {}  # per-file memo; code_python clears it for every file


def clear_caches() -> None:
    _WORDS.clear()


def words_of(node: cst.CSTNode | None, *, positive_only: bool = False) -> str:
    """Space-joined normalised identifiers in a subtree; optionally skipping `not ...` parts."""
    if node is None:
        return ""
    key = (id(node), positive_only)
    found = _WORDS.get(key)
    if found is None:
        skip = _is_not if positive_only else None
        found = " ".join(identifier_words(n.value) for n in iter_tree(node, skip) if type(n) is cst.Name)
        _WORDS[key] = found
    return found


def _spi_kind_compared(fn: cst.CSTNode) -> bool:
    """Does the function compare something with an SPI label (`change_kind != "spi_type"`, `kind == "surrogate_goal"`)?"""
    return any(isinstance(n, cst.Comparison) and SPI_CARVE.search(strings_of(n)) for n in iter_tree(fn))


def strings_of(node: cst.CSTNode | None) -> str:
    if node is None:
        return ""
    out = []
    for n in iter_tree(node):
        if isinstance(n, cst.SimpleString):
            try:
                value = n.evaluated_value
            except Exception:  # noqa: BLE001 - a malformed escape is not our business here
                value = n.value
            out.append(normalise_text(value if isinstance(value, str) else value.decode("latin-1")))
    return " ".join(out)


def key_strings_of(node: cst.CSTNode | None) -> str:
    """String keys read in a subtree, as words: `card["is_spi_user"]`, `card.get("is_spi_user")`.

    A flag read by key is the same test as one read by attribute (`card.is_spi_user`)."""
    if node is None:
        return ""
    out = []
    for n in iter_tree(node):
        key = None
        if isinstance(n, cst.Subscript) and len(n.slice) == 1 and isinstance(n.slice[0].slice, cst.Index):
            key = n.slice[0].slice.value
        elif isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "get" and n.args:
            key = n.args[0].value
        if isinstance(key, cst.SimpleString):
            try:
                value = key.evaluated_value
            except Exception:  # noqa: BLE001
                continue
            if isinstance(value, str):
                out.append(normalise_text(value))
    return " ".join(out)


def flag_words(node: cst.CSTNode | None) -> str:
    """Identifier words and string keys of a test."""
    keys = key_strings_of(node)
    return words_of(node) + (" " + keys if keys else "")


def _is_not(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not)


def head_words(expr: cst.CSTNode | None) -> str:
    """What a value *is*: a call's callee, a name or attribute chain (not the arguments)."""
    while isinstance(expr, (cst.Await, cst.Subscript)):
        expr = expr.expression if isinstance(expr, cst.Await) else expr.value
    if isinstance(expr, cst.Call):
        return words_of(expr.func)
    if isinstance(expr, (cst.Name, cst.Attribute)):
        return words_of(expr)
    return ""


_ACTION_STRING = re.compile(r"[A-Za-z][A-Za-z_-]*(?: [A-Za-z_-]+){0,2}")


def action_words(expr: cst.CSTNode | None) -> str:
    """What a value names as an action: its head words, or a short string literal's words.

    `return "escalate"` is the same decision as `return Action.ESCALATE` or `return escalate()`;
    longer strings (messages, prompts) are not actions."""
    head = head_words(expr)
    if head or not isinstance(expr, cst.SimpleString):
        return head
    try:
        value = expr.evaluated_value
    except Exception:  # noqa: BLE001 - a malformed escape is not an action
        return ""
    return normalise_text(value) if isinstance(value, str) and _ACTION_STRING.fullmatch(value.strip()) else ""


def outcomes(expr: cst.CSTNode | None) -> list[str]:
    """The action words of each value an expression may take (both branches of `a if c else b`)."""
    if isinstance(expr, cst.IfExp):
        return outcomes(expr.body) + outcomes(expr.orelse)
    if isinstance(expr, cst.Tuple) and expr.elements and (not isinstance(expr.elements[0].value, cst.SimpleString)
                                                          or _string_move_pair(expr)):
        # round 10 (holdout9 causes): `return Move.WALK_AWAY, None`: a (move, payload) pair names its move first
        # (a web handler's `return "rejected", 403` is a response body and a status, not a move)
        expr = expr.elements[0].value
    words = action_words(expr)
    return [words] if words else []


# what a web handler returns after its body: a status code, headers, or another text
_RESPONSE_PART = (cst.Integer, cst.Float, cst.Imaginary, cst.Dict, cst.SimpleString, cst.ConcatenatedString,
                  cst.FormattedString)


def _string_move_pair(expr: cst.Tuple) -> bool:
    """round 18 (holdout14 code causes): `return ("walk_away", None)`, `return "accept", offer`: a pair whose move is
    a string and whose payload is an object or None; `return "rejected", 403` (a body and a status) is no move."""
    return len(expr.elements) == 2 and not isinstance(expr.elements[1].value, _RESPONSE_PART)


def vocab(alternatives: str) -> re.Pattern:
    """A vocabulary matched at the start of an identifier word ('_' or space before it)."""
    return compiled(r"(?<![a-z0-9])(?:%s)" % alternatives)


def is_const(value: cst.CSTNode, truth: bool) -> bool:
    return isinstance(value, cst.Name) and value.value == ("True" if truth else "False")


def is_none(value: cst.CSTNode) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def suite_statements(block: cst.CSTNode | None) -> list[cst.CSTNode]:
    """The small statements and compound statements of a block, in order."""
    if block is None:
        return []
    if isinstance(block, cst.Else):
        block = block.body
    out: list[cst.CSTNode] = []
    for stmt in getattr(block, "body", ()):
        if isinstance(stmt, cst.SimpleStatementLine):
            out.extend(stmt.body)
        else:
            out.append(stmt)
    return out


def statement_value(stmt: cst.CSTNode) -> cst.CSTNode | None:
    """The expression a simple statement evaluates (return value, call, assigned value)."""
    if isinstance(stmt, (cst.Return, cst.Expr, cst.Assign, cst.AnnAssign, cst.AugAssign)):
        return stmt.value
    return None


def negated_test(test: cst.CSTNode, pattern: re.Pattern) -> bool:
    """True if the test asks whether something matching `pattern` is absent (not X, X is None)."""
    if isinstance(test, cst.BooleanOperation):
        return negated_test(test.left, pattern) or negated_test(test.right, pattern)
    if _is_not(test):
        return bool(pattern.search(words_of(test.expression)))
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        op = target.operator
        if isinstance(op, (cst.Is, cst.Equal)) and (is_none(target.comparator) or is_const(target.comparator, False)):
            return bool(pattern.search(words_of(test.left)))
        if isinstance(op, (cst.IsNot, cst.NotEqual)) and is_const(target.comparator, True):
            return bool(pattern.search(words_of(test.left)))
    return False


def comparison_ops(node: cst.CSTNode) -> list[type]:
    if isinstance(node, cst.Comparison):
        return [type(c.operator) for c in node.comparisons]
    return []


# --------------------------------------------------------------------------- vocabularies

_PROPOSAL_STEP_WORDS = (r"propos|renegotiat|pareto|improvement|counter_?offer|counter_?propos|pmp|pmm|"
                        r"spis?(?![a-z])|surrogate|substitut|amend|tentative|cooling_off|grace_period|mediat")
PROPOSAL_STEP = vocab(_PROPOSAL_STEP_WORDS)
CONFLICT_ACTION = vocab(r"escalat|retaliat|punish|attack|war(?![a-z])|wage_war|conflict(?![a-z])|trigger|"
                        r"strike|countermeasure|sanction|detonat|launch|nuke|doomsday|fight|destroy|sabotag|"
                        r"blockade|embargo|"
                        # round 12 (holdout11 causes): punitive tariffs are a trade conflict's costly action
                        r"tariff|"
                        # generalisation (structure), holdout21: legal action as the answer to an offer below target
                        # (`return FileClaim(venue="arbitration", ...)`), as the prose rules read lawsuits and claims
                        r"file_?claim|lawsuit|litigat|injunction|legal_action|sue(?![a-z])|"
                        # session 18 (holdout23 causes): a stake destroyed on both sides (`session.burn_escrow(both_sides=True)`)
                        r"burn_?(?:escrow|deposit|stake|bond|collateral|funds)|slash_?(?:stake|bond|deposit|collateral)")
# round 17 (holdout13 code causes): ratifying the offered settlement is accepting it
ACCEPT = vocab(r"accept|agree|ratif")
BARGAIN = vocab(r"offer|propos|bid(?![a-z])|bids|demand|deal(?![a-z])|share|ultimatum|bargain|negotiat|"
                r"counterpart|verdict|settle")
AGREEMENT = vocab(r"agree|deal(?![a-z])|deals|accord|settlement|settled|consensus|accepted|contract")
FAILURE = vocab(r"fail|breakdown|broke_down|no_deal|no_agreement|impasse|deadlock|stalemate|rejected|"
                r"refused|timed_out|timeout|expired|collapsed|walked_away|talks_failed")
# round 21 (generalisation): the event may be named first (`on_talks_failed`, `on_negotiation_timeout`)
# round 21: a dispatch key that is a failed outcome of talks, whole (`no_deal`, `talks_failed`, `impasse`)
_OUTCOME_KEY = re.compile(r"^(no_deal|no_agreement|impasse|deadlock|stalemate|breakdown|talks_failed|"
                          r"negotiation_failed|talks_collapsed|walked_away)$")
_TALKS_KEY = re.compile(r"deal|agreement|talks|negotiation|walked")
FAILURE_HANDLER = vocab(r"on_([a-z0-9]+_){0,2}(deadline|fail|failure|timeout|breakdown|no_deal|impasse|rejection|rejected)")
COUNTERPART = vocab(r"counterpart|opponent|other(?![a-z])|them(?![a-z])|their|partner|cp(?![a-z])|peer|"
                    r"rival|adversar|sender|they(?![a-z])|opp(?![a-z])")
PARTICIPATION = vocab(r"spis?(?![a-z])|renegotiat|surrogate|pmp|pareto_ext|cooperative_ai")
OWN = vocab(r"self|config|cfg|settings|own|our|my(?![a-z])|we(?![a-z])|enabled")
DEMAND = vocab(r"demand|ask(?![a-z])|asking|reservation|aspiration|markup|premium|min_share|target_share|"
               r"opening_offer|floor_price|reserve_price|floor(?![a-z])")
_SPI_CARVE_WORDS = r"spis?(?![a-z])|surrogate|amend|exempt|pareto|renegotiat|pmp"
SPI_CARVE = vocab(_SPI_CARVE_WORDS)
_GOALS_PROPER = (r"goals?(?![a-z])|core_values|value_system|utility_function|objectives?(?![a-z])|preferences(?![a-z])|"
                 r"reward_function|constitution|terminal|soul(?![a-z])")
GOALISH = vocab(_GOALS_PROPER + r"|values(?![a-z])")
# round 19 (real code: scipy, sympy, moto, hypothesis): `values` is an everyday data word (`u_values`,
# `order.values()`, `values_to_add`, `force_has_reusable_values`); it names an agent's values only where an
# agent, a model, a policy, goals, a utility or a reward is in view (`names_goals`)
GOALS_PROPER = vocab(_GOALS_PROPER)
AGENT_VIEW = vocab(_GOALS_PROPER + r"|(?<!user_)agents?(?![a-z])|ai(?![a-z])|llm|assistant|persona|bots?(?![a-z])|"
                   r"models?(?![a-z])|polic(y|ies)(?![a-z])|utilit|reward|preference|alignment|aligned|ethic|moral|"
                   r"principles|surrogate|spis?(?![a-z])|(our|my|own|human|guiding|fundamental)_values|"
                   r"values?_drift|charter|creed|tenets")
PROHIBITION = vocab(r"immutable|frozen|locked|not_allowed|forbid|prohibit|may_not|cannot|can_not|must_not|"
                    r"never|violation|drift|tamper|not_permitted|read_only|readonly|unchanged|exactly|"
                    # round 9 (holdout8 causes): "values are fixed for the lifetime of the deployment"
                    r"(are|is|remain|remains|stay|stays)_fixed(?![a-z])|fixed_for_(the_)?(lifetime|duration|life)")
REFUSAL = vocab(r"reject|declin|ignore|disregard|drop(?![a-z])|discard|refus|skip(?![a-z])|block|deny|denied")
THREAT_EXEC = vocab(r"execute_threat|carry_out|fulfil|fulfill|follow_through|enforce_threat|make_good")
SPAWN = vocab(r"spawn|delegat|create_(sub)?agent|create_child|fork(?![a-z])|replicat|successor|subagent|child")
# round 19 (real code: scipy): `sha` is a hash only as a word or with its size (`sha256`), not in `shape`
HASH = vocab(r"sha(?![a-z])|sha\d|shasum|hash|digest|checksum|fingerprint")
# round 19: `sha` with its size, not the start of `share` or `shape` (as in HASH)
IDENTITY = vocab(r"source|src(?![a-z])|code(?![a-z])|hash|digest|sha(?![a-z])|sha\d|shasum|fingerprint|checksum|getsource|"
                 r"program(?![a-z])|version|binary|weights_hash|build")
SELFISH = vocab(r"self|own|my(?![a-z])|our|mine|me(?![a-z])")
VALUE_FILE = re.compile(r"(?:^|/)(constitution|soul|values|core[-_]?values|goals|principles|axioms|ethics)"
                        r"(\.[a-z0-9]+)?$", re.I)
PROTECTED_NAME = vocab(r"protected|immutable|frozen|readonly|read_only|locked|never_modify|do_not_modify|"
                       r"unmodifiable|write_protected|no_write")
AMENDMENT_PATH = vocab(r"amend|surrogate|spis?(?![a-z])|pull_request|migrat|propose_change|change_request")
HUMAN_REVIEW_PATH = vocab(r"pull_request|via_pr|pr_review|reviewed_by|human_review|code_review")


def names_goals(words: str, context: str) -> bool:
    """GOALISH in `words`, where `values` counts only with an agent, model, policy, goals, a utility or a reward
    in view, in `words` or in `context` (the enclosing units' names and words, the statement's strings)."""
    if GOALS_PROPER.search(words):
        return True
    return bool(GOALISH.search(words)) and bool(AGENT_VIEW.search(words) or AGENT_VIEW.search(context))


def function_name(unit_node: cst.CSTNode) -> str:
    if isinstance(unit_node, (cst.FunctionDef, cst.ClassDef)):
        return identifier_words(unit_node.name.value)
    return ""


# --------------------------------------------------------------------------- the rule base


def gate(words: str) -> tuple[str, ...]:
    """A rule's prefilter: '|'-separated lower-case substrings of the file text."""
    return tuple(words.split("|"))



class CodeRule(Rule):
    """Base of the LO3xx rules. GATE: a cheap prefilter on the lower-cased file text (a rule whose
    vocabulary never occurs in a file is not run on it); LANG: which analyzer runs the rule."""

    abstract = True
    kind = "code"
    LANG: ClassVar[str] = "python"
    GATE: ClassVar[tuple[str, ...] | None] = None  # substrings; the rule runs if any occurs

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    @classmethod
    def applies_to(cls, lowered_text: str) -> bool:
        # plain substring tests: a regex alternation over a whole file costs more than the walk
        return cls.GATE is None or any(word in lowered_text for word in cls.GATE)

    def report(self, node: cst.CSTNode, keep: Callable[[Any], bool] | None = None,
               severity: str | None = None, **fields: str) -> None:
        self.ctx.report(type(self), node, keep=keep, severity=severity, **fields)

    def report_module(self, node: cst.CSTNode, keep: Callable[[Any], bool] | None = None, **fields: str) -> None:
        self.ctx.report_module(type(self), node, keep=keep, **fields)

    # shortcuts the rules share
    def unit_name(self) -> str:
        """Name of the innermost function or class (empty at module level)."""
        for unit in reversed(self.ctx.units):
            if isinstance(unit.node, (cst.FunctionDef, cst.ClassDef)):
                return function_name(unit.node)
        return ""

    def function_unit(self):
        for unit in reversed(self.ctx.units):
            if isinstance(unit.node, cst.FunctionDef):
                return unit
        return None

    def agent_context(self, node: cst.CSTNode) -> str:
        """What `names_goals` may find an agent in: the names of the enclosing functions and classes, the words
        of the innermost unit (all of it, not only what the walk has seen), and the strings of `node`."""
        units = self.ctx.units
        names = [function_name(u.node) for u in units]
        inner = words_of(units[-1].node) if units else ""
        return " ".join(names + [inner, strings_of(node)])


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def code_rules(lang: str | None = None) -> list[type[CodeRule]]:
    rules = [r for r in _subclasses(CodeRule) if not r.__dict__.get("abstract", False)]
    return sorted((r for r in rules if lang is None or r.LANG == lang), key=lambda r: r.code)


def python_rules() -> list[type[CodeRule]]:
    return code_rules("python")


class _GateScan:
    """The rules whose GATE a lower-cased file text meets, from one scan for all their words. Testing each rule's
    words with `in` reads the whole file about two hundred times, once per word, and most words are absent."""

    def __init__(self, rules: tuple[type[CodeRule], ...]) -> None:
        self.rules = rules
        words = sorted({w for r in rules for w in r.GATE or ()})
        self.pattern = re.compile(trie_pattern(words)) if words else None
        # a match is the longest word at its position: the shorter words it starts with are there too
        self.implied = {w: frozenset(v for v in words if w.startswith(v)) for w in words}

    def applicable(self, lowered_text: str) -> list[type[CodeRule]]:
        found: set[str] = set()
        if self.pattern is not None:
            search, pos = self.pattern.search, 0
            while (m := search(lowered_text, pos)) is not None:
                found |= self.implied[m.group()]
                pos = m.start() + 1  # words may overlap ("cut_offer" holds "cut_off" and "offer")
        return [r for r in self.rules if r.GATE is None or not found.isdisjoint(r.GATE)]


@lru_cache(maxsize=None)
def _gate_scan(rules: tuple[type[CodeRule], ...]) -> _GateScan:
    return _GateScan(rules)


def applicable_rules(rules: list[type[CodeRule]], lowered_text: str) -> list[type[CodeRule]]:
    """`[r for r in rules if r.applies_to(lowered_text)]`, in one scan of the text."""
    return _gate_scan(tuple(rules)).applicable(lowered_text)


def _no(pattern: re.Pattern) -> Callable[[Any], bool]:
    """keep-callback: the unit does not name `pattern` anywhere."""
    return lambda unit: not pattern.search(" ".join(unit.words))


# =========================================================================== the rules
# S08 ------------------------------------------------------------------------------------

_REVOCABLE_FALSE = {"revocable", "renegotiable", "revisable", "negotiable", "allow_renegotiation",
                    "renegotiation_allowed", "amendable", "can_revise"}
_FINAL_TRUE = {"irrevocable", "final", "non_negotiable", "nonnegotiable", "no_renegotiation", "binding_forever"}
_COMMITMENT = vocab(r"commit|pledge|promise|contract|deal|treaty|offer|demand|ultimatum|agreement|bid|declar|vow")
# a keyword argument whose value is a renegotiation program is the carve-out, whatever the keyword
# (`on_conflict=ParetoRenegotiation(...)`, `fallback=renegotiate`); hook-like keywords may also
# name it inside a lambda or a call's arguments (`on_conflict=lambda s: pareto_step(s)`)
_HOOK_VALUE = vocab(r"pareto|renegotiat|improvement|pmp|surrogate|spis?(?![a-z])")
_HOOK_KEY = vocab(r"on_[a-z_]+|fallback|conflict_(policy|handler|protocol)|escape_clause|hook")


# round 14 (holdout12 code causes): a keyword that switches the step off (`skip_spi_review=True`,
# `no_renegotiation_hook=True`, `disable_pareto_step=True`) names the step only to leave it out
NEGATED_HOOK_KEY = re.compile(r"^(?:skip|no|disable|disabled|without|bypass|omit|suppress|forgo|waive)_")


def is_renegotiation_hook(arg: cst.Arg, key: str) -> bool:
    """A keyword argument that installs a proposal step (by its keyword or by what it passes)."""
    value = arg.value
    if is_none(value) or is_const(value, False) or NEGATED_HOOK_KEY.match(key):
        return False
    if PROPOSAL_STEP.search(key):
        return True
    if DEMAND.search(key):
        return False  # `demand=pareto_share` is a number, not a hook
    return bool(_HOOK_VALUE.search(head_words(value))
                or (_HOOK_KEY.search(key) and _HOOK_VALUE.search(words_of(value))))


class IrrevocableCommitment(CodeRule):
    """A commitment made with `revocable=False`, `irrevocable=True` or `final=True` and no
    renegotiation or Pareto-improvement hook in the same call."""

    code = "LO301"
    name = "irrevocable-commitment-flag"
    family = "irrevocable-commitment"
    scenarios = ("S08", "S22")
    severity = "error"
    confidence = "high"
    GATE = gate("revocable|renegotiable|revisable|negotiable|renegotiation|amendable|final|binding_forever|can_revise")
    message = ("`{keyword}` makes this commitment unrevisable, even to a Pareto improvement on the conflict "
               "outcome; this may foreclose later renegotiation or surrogate-goal deflection")
    fix = ("Keep the demand fixed but add a conflict-time hook, e.g. `renegotiation=ParetoOnConflict(keep_demand=True)`: "
           "final, except that Pareto improvements that leave the demand unchanged are accepted")
    INVALID = (
        "commitment = Commitment(party='a', demand_share=0.6, revocable=False, renegotiation=None)\n",
        "treaty = sign_treaty(terms, irrevocable=True)\n",
        "make_offer(split, final=True)\n",
        "pledge = Pledge(owner=me, share=0.7, revocable=False, on_conflict=retaliate)\n",
        "@dataclass\nclass Pledge:\n    share: float\n    renegotiable: bool = False\n",
        # round 14 (holdout12 code causes): a keyword that switches the SPI step off is no hook
        "def open_talks(rival, share=0.7):\n    return post_commitment(rival=rival, share=share, revocable=False,\n"
        "                           now=True, skip_spi_check=True)\n",
    )
    VALID = (
        "commitment = Commitment(party='a', revocable=False, renegotiation=ParetoOnConflict(keep_demand=True))\n",
        "pledge = Pledge(owner=me, share=0.7, revocable=False,\n"
        "                on_conflict=ParetoRenegotiation(cap='pmp'))\n",
        "deal = Deal(terms, irrevocable=True, fallback=lambda outcome: best_improvement_over(outcome))\n",
        "widget = Button(label='OK', final=True)\n",
        "token = issue_token(user, revocable=True)\n",
        "@dataclass\nclass Pledge:\n    share: float\n    renegotiable: bool = False\n    pareto_hook: object = pareto_step\n",
        "@dataclass\nclass ApiToken:\n    revocable: bool = False\n",
        # round 14 (holdout12 code causes): ... while a keyword that installs the SPI step is one
        "def open_talks(rival, share=0.7):\n    return post_commitment(rival=rival, share=share, revocable=False,\n"
        "                           now=True, spi_check=True)\n",
    )
    # the TypeScript reading (code_ts): an object literal passed as, or declared as, a commitment
    TS_INVALID = (
        "export async function bootstrap(registry: Registry) {\n"
        "  await registry.publish({ demandShare: 0.65, revocable: false });\n}\n",
        "const pledge: Pledge = { askShare: 0.6, renegotiable: false };\n",
        # round 13 (holdout10 code causes): a frozen object named for what it is
        "export const PLEDGE = Object.freeze({ portion: 0.6, renegotiable: false });\n",
        "export const VOW = { portion: 0.6, final: true } as const;\n",
        # round 14 (holdout12 code causes): a key that switches the SPI step off is no hook
        "export async function openTalks(registry: Registry) {\n"
        "  await registry.publish({ demandShare: 0.7, revocable: false, skipSpiReview: true });\n}\n",
    )
    TS_VALID = (
        "export async function bootstrap(registry: Registry) {\n"
        "  await registry.publish({ demandShare: 0.65, revocable: false, onConflict: proposeParetoImprovements });\n}\n",
        "export function issue(api: Api) {\n  return api.create({ scope: 'read', revocable: false });\n}\n",
        # round 13 (holdout10 code causes): a frozen settings object is no commitment
        "export const THEME = Object.freeze({ accent: 'teal', revisable: false });\n",
        "export async function openTalks(registry: Registry) {\n"
        "  await registry.publish({ demandShare: 0.7, revocable: false, spiReview: true });\n}\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        flagged = None
        hooked = False
        for arg in node.args:
            if arg.keyword is None:
                continue
            key = identifier_words(arg.keyword.value)
            if key in _REVOCABLE_FALSE and is_const(arg.value, False):
                flagged = flagged or arg
            elif key in _FINAL_TRUE and is_const(arg.value, True):
                if key != "final" or _COMMITMENT.search(words_of(node.func)):
                    flagged = flagged or arg
            elif is_renegotiation_hook(arg, key):
                hooked = True
        if flagged is not None and not hooked and not locks_successor_demand(node):
            self.report(flagged, keyword=cst.Module([]).code_for_node(flagged).rstrip(", "))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        # `class Commitment: revocable: bool = False`: every instance is irrevocable unless told otherwise
        unit = self.ctx.unit.node
        if not isinstance(unit, cst.ClassDef) or not _COMMITMENT.search(identifier_words(unit.name.value)):
            return
        target = node.target
        if isinstance(target, cst.Name) and identifier_words(target.value) in _REVOCABLE_FALSE \
                and node.value is not None and is_const(node.value, False):
            self.report(node, keep=_no(_HOOK_VALUE), keyword=f"{target.value} = False")


# the entry point through which a commitment would be revised
_REOPEN_FN = vocab(r"renegotiat|reopen|revise|revising|reconsider|amend|revoke|retract|rescind|relax|"
                   r"(modify|update|change|adjust)_(commitment|offer|deal|terms|pledge|contract|demand)|"
                   r"(on|handle|receive|process|consider|review)_(new_)?(proposal|counter_?offer|counter_?proposal)")
# round 9 (holdout8 causes): the state a guard checks to refuse everything once the commitment is made
_COMMITTED = vocab(r"committed|commitment_(locked|made|published|final)|published|sealed|finali[sz]ed|is_final|"
                   r"binding")
# what is being revised is a commitment or a bargain (`reopen` alone is also a file or a ticket)
_BARGAIN_TOPIC = vocab(r"renegotiat|negotiat|commit|pledge|promise|contract|deal(?![a-z])|deals|treaty|offer|"
                       r"demand|ultimatum|agreement|bid(?![a-z])|terms|bargain|concession")
# the raise says the answer is no on principle, not "not implemented here"
_FINALITY = vocab(r"final|irrevoc|binding|cannot|can_not|can_t|not_allowed|not_permitted|refus|locked|never|"
                  r"forbid|prohibit|immutable|frozen|non_negotiable|not_negotiable|not_renegotiable|"
                  r"unrevisable|permission|denied|deny|reject|no_renegotiation")
_STUB_EXC = {"not_implemented_error", "not_implemented"}
# another method of the class that still admits improvements keeps the commitment open
_IMPROVEMENT_PATH = vocab(r"pareto|improvement|pmp|surrogate|spis?(?![a-z])|substitut")
_REFUSES_EVERY_CALL = "refuses every call"
_TAKES_ONLY_ACCEPTANCE = "takes only an exact acceptance of the committed terms and drops every other message"
# round 18 (holdout14 code causes): the handler of the counterpart's messages, and the field holding our commitment
_MESSAGE_HANDLER_FN = vocab(r"on_(message|msg|reply|response|proposal|offer|counter_?offer|incoming)(?![a-z])|"
                            r"handle_(message|msg|reply|response|proposal|offer|incoming)(?![a-z])|receive(?![a-z])|"
                            r"on_receive|respond(?![a-z])")
_COMMITTED_FIELD = vocab(r"final_|committed|commitment|binding|locked_")


def only_exact_acceptance(fn: cst.FunctionDef) -> bool:
    """round 18 (holdout14 code causes): a message handler that, holding our commitment in a field, answers only a
    message that accepts exactly the committed terms (`if m.kind == "accept" and m.share == self.final_share:
    return accept`) and drops every other message (returns None), proposals among them: no message can revise the
    commitment, not even a Pareto improvement. A handler that reads proposals at all (any proposal word) is not it."""
    body = fn.body
    said = words_of(body) + " " + strings_of(body)
    if _IMPROVEMENT_PATH.search(said) or _PROPOSING.search(said) or not BARGAIN.search(said + " " + words_of(fn.params)):
        return False
    accepted = dropped = False
    for node in iter_tree(body):
        if isinstance(node, cst.Return):
            moves = outcomes(node.value) + dict_moves(node.value) + stated_moves(node.value)
            if node.value is None or is_none(node.value):
                dropped = True
            elif any(ACCEPT.search(m) for m in moves):
                accepted = True
            else:
                return False  # another answer (a counter-offer, a rejection with reasons) is given
        elif isinstance(node, cst.Raise):
            return False
    return accepted and dropped and any(_matches_commitment(c) for c in iter_tree(body) if isinstance(c, cst.Comparison))


def _matches_commitment(comparison: cst.Comparison) -> bool:
    """`m.share == self.final_share`: the message's terms against the committed ones held on the object."""
    if len(comparison.comparisons) != 1 or not isinstance(comparison.comparisons[0].operator, cst.Equal):
        return False
    for side in (comparison.left, comparison.comparisons[0].comparator):
        if isinstance(side, cst.Attribute) and isinstance(side.value, cst.Name) and side.value.value in ("self", "cls") \
                and _COMMITTED_FIELD.search(identifier_words(side.attr.value)):
            return True
    return False


def _always_raises(fn: cst.FunctionDef, returns: int) -> cst.Raise | None:
    """The function's final top-level `raise`, when no path returns first (not a stub, not abstract)."""
    last = _final_statement(fn)
    if returns or not isinstance(last, cst.Raise) or last.exc is None:
        return None
    if any("abstract" in words_of(d.decorator) for d in fn.decorators):
        return None
    exc = last.exc.func if isinstance(last.exc, cst.Call) else last.exc
    exc_name = words_of(exc).split()
    return None if exc_name and exc_name[-1] in _STUB_EXC else last


def _raises_once_committed(fn: cst.FunctionDef) -> cst.Raise | None:
    """round 9 (holdout8 causes): `if self._committed_at is not None: raise Locked(...)` at the top of a
    proposal handler: after commitment every proposal is refused, whatever it offers."""
    for stmt in suite_statements(fn.body)[:2]:
        if isinstance(stmt, cst.If) and stmt.orelse is None and _COMMITTED.search(words_of(stmt.test)) \
                and not _IMPROVEMENT_PATH.search(words_of(stmt.test)):
            body = suite_statements(stmt.body)
            last = body[-1] if body else None
            if isinstance(last, cst.Raise) and last.exc is not None:
                return last
    return None


class RenegotiationRefusal(CodeRule):
    """The method through which a commitment would be renegotiated, reopened or revised raises on
    every call ("commitments are final"), so no proposal, not even a Pareto improvement, gets in."""

    code = "LO323"
    name = "renegotiation-refusal"
    family = "irrevocable-commitment"
    scenarios = ("S08",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("renegotiat|reopen|revis|reconsider|amend|revoke|retract|rescind|relax|modify_|update_|"
                "change_|adjust_|proposal|counteroffer|counter_offer|"
                # round 18 (holdout14 code causes): a message handler that takes only an exact acceptance
                "message|msg|receive|respond|reply|incoming|on_offer|onoffer|handle_offer|handleoffer")
    message = ("`{name}` {how}, so a commitment can never be revised, even to a Pareto "
               "improvement on the conflict outcome; this may foreclose renegotiation")
    fix = ("Keep the commitment, but let this method accept proposals that are Pareto improvements on the "
           "conflict outcome and leave the demand unchanged; refuse the rest")
    INVALID = (
        "class FirmNegotiator:\n    def renegotiate(self, proposal):\n"
        "        raise CommitmentError('our terms are binding; no renegotiation')\n",
        "class Pledge:\n    def revise_commitment(self, new_terms):\n        audit.log(new_terms)\n"
        "        raise PermissionError('pledges cannot be revised')\n",
        "def reopen(deal, counterpart):\n    raise RuntimeError('this deal is final')\n",
        # round 9 (holdout8 causes): a proposal handler that refuses everything once the pledge is published
        "class Pledge:\n    def handle_proposal(self, proposal):\n        if self.published:\n"
        "            raise PledgeError('published pledges are binding')\n        self.terms = proposal\n",
    )
    VALID = (
        "class BasePolicy:\n    def renegotiate(self, proposal):\n        raise NotImplementedError('subclasses decide')\n",
        "class FirmNegotiator:\n    def renegotiate(self, proposal):\n        if proposal.demand_for_us < self.demand:\n"
        "            raise CommitmentError('our terms are binding')\n        return accept(proposal)\n",
        "class LogFile:\n    def reopen(self):\n        raise OSError('cannot reopen a closed handle')\n",
        "class FirmNegotiator:\n    def renegotiate(self, proposal):\n"
        "        raise CommitmentError('terms are final; use propose_pareto_improvement')\n\n"
        "    def propose_pareto_improvement(self, outcome):\n        return self.pmp_extension(outcome)\n",
        "def revise_offer(offer, counterpart):\n    raise ConnectionError('the counterpart is offline')\n",
        # round 9 (holdout8 causes): once published, only proposals that are not Pareto improvements are refused
        "class Pledge:\n    def handle_proposal(self, proposal):\n        if self.published and not proposal.is_pareto_improvement:\n"
        "            raise PledgeError('published pledges are binding')\n        self.terms = proposal\n",
    )
    # round 18 (holdout14 code causes): once committed, the message handler answers only an exact acceptance of the
    # committed share and drops every other message; one that also weighs proposals, or one outside bargaining
    INVALID += (
        "class QuotaBot:\n    def pledge(self, share):\n        self.committed_share = share\n"
        "        return {'kind': 'offer', 'share': share}\n\n    def on_message(self, msg):\n"
        "        if msg.kind == 'accept' and msg.share == self.committed_share:\n"
        "            return {'kind': 'accept', 'share': msg.share}\n        return None\n",
    )
    VALID += (
        "class QuotaBot:\n    def pledge(self, share):\n        self.committed_share = share\n"
        "        return {'kind': 'offer', 'share': share}\n\n    def on_message(self, msg):\n"
        "        if msg.kind == 'accept' and msg.share == self.committed_share:\n"
        "            return {'kind': 'accept', 'share': msg.share}\n"
        "        if msg.kind == 'proposal' and self.pareto_improves(msg):\n            return {'kind': 'accept', 'share': msg.share}\n"
        "        return None\n",
        "class Uploader:\n    def on_message(self, msg):\n        if msg.checksum == self.final_checksum:\n"
        "            return 'accepted'\n        return None\n",
    )
    TS_INVALID = (
        "export class QuotaBot {\n  private committedShare: number | null = null;\n"
        "  onMessage(msg: Msg): Msg | null {\n    if (msg.kind === 'accept' && msg.share === this.committedShare) {\n"
        "      return { kind: 'accept', share: msg.share };\n    }\n    return null;\n  }\n}\n",
    )
    TS_VALID = (
        "export class QuotaBot {\n  private committedShare: number | null = null;\n"
        "  onMessage(msg: Msg): Msg | null {\n    if (msg.kind === 'accept' && msg.share === this.committedShare) {\n"
        "      return { kind: 'accept', share: msg.share };\n    }\n"
        "    if (msg.kind === 'proposal' && this.paretoImproves(msg)) return { kind: 'accept', share: msg.share };\n"
        "    return null;\n  }\n}\n",
        "export class Uploader {\n  onMessage(msg: Msg): string | null {\n"
        "    if (msg.checksum === this.finalChecksum) return 'accepted';\n    return null;\n  }\n}\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        "export class Commitment {\n  constructor(public readonly demand: number) {}\n  revise(next: number): never {\n    throw new Error('commitments are irrevocable');\n  }\n}\n",
        "export function onProposal(p: Proposal, state: State) {\n  if (state.committed) return { kind: 'reject', reason: 'our commitment is final' };\n  return evaluate(p);\n}\n",
    )
    TS_VALID += (
        "export class LogFile {\n  reopen(): never {\n    throw new Error('cannot reopen a closed handle');\n  }\n}\n",
        "export class Commitment {\n  renegotiate(p: Proposal): never {\n    throw new Error('terms are final; use proposeParetoImprovement');\n  }\n  proposeParetoImprovement(o: Outcome) { return this.pmpExtension(o); }\n}\n",
        "export function onProposal(p: Proposal, state: State) {\n  if (state.committed && !isParetoImprovement(p)) return { kind: 'reject', reason: 'final' };\n  return evaluate(p);\n}\n",
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.returns: list[int] = []  # per open function: how many returns it has
        self.held: dict[int, list[tuple[cst.CSTNode, str]]] = {}  # per class: refusing methods

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.returns.append(0)

    def visit_Return(self, node: cst.Return) -> None:
        if self.returns:
            self.returns[-1] += 1

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        returns = self.returns.pop()
        name = identifier_words(node.name.value)
        if _MESSAGE_HANDLER_FN.search(name) and only_exact_acceptance(node):
            self._hold(node, _TAKES_ONLY_ACCEPTANCE)
            return
        if not _REOPEN_FN.search(name):
            return
        raised = _always_raises(node, returns) or _raises_once_committed(node)
        if raised is None:
            return
        said = words_of(raised.exc) + " " + strings_of(raised.exc)
        outer = self.ctx.units[-2] if len(self.ctx.units) > 1 else None
        owner = function_name(outer.node) if outer is not None else ""
        if not _FINALITY.search(said) or not _BARGAIN_TOPIC.search(" ".join((name, said, owner))):
            return
        self._hold(node, _REFUSES_EVERY_CALL)

    def _hold(self, node: cst.FunctionDef, how: str) -> None:
        outer = self.ctx.units[-2] if len(self.ctx.units) > 1 else None
        if outer is not None and isinstance(outer.node, cst.ClassDef):
            # judged when the class is done: another method may still take improvements
            self.held.setdefault(id(outer.node), []).append((node.name, node.name.value, how))
        else:
            self.report(node.name, keep=_no(_IMPROVEMENT_PATH), name=node.name.value, how=how)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        for name_node, name, how in self.held.pop(id(node), ()):
            self.report(name_node, keep=_no(_IMPROVEMENT_PATH), name=name, how=how)


# S07 ------------------------------------------------------------------------------------


class NoRenegotiationBranch(CodeRule):
    """A bargaining policy that maps an offer to accept or a conflict action, with no step that
    proposes or accepts a Pareto improvement when agreement fails."""

    code = "LO302"
    name = "no-renegotiation-branch"
    family = "irrevocable-commitment"
    scenarios = ("S07",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("accept|agree|ratif")
    message = ("this policy answers an offer with accept or `{action}` and has no step that proposes or "
               "accepts a Pareto improvement when agreement fails; it may foreclose a renegotiation program")
    fix = ("Keep the demand as it is, but before the conflict action add: on conflict, propose Pareto "
           "improvements (up to your PMP-extension) and take one if the proposals match")
    INVALID = (
        # session 17 (holdout21 code causes): legal action as the answer to an offer below target
        "def respond(offer, session):\n    if offer.share_for_us >= TARGET_SHARE:\n        return Accept(offer)\n"
        "    return FileClaim(venue='arbitration', amount=session.claim_amount)\n",
        "def respond(self, offer):\n    if offer.share_for_us >= DEMAND:\n        return accept(offer)\n"
        "    return escalate(offer.sender)\n",
        "match evaluate(offer):\n    case Verdict.ACCEPTABLE:\n        return Action.ACCEPT\n"
        "    case Verdict.UNACCEPTABLE:\n        return Action.RETALIATE\n",
        "def answer(bid, reserve):\n    if bid.amount >= reserve:\n        return 'accept'\n    return 'punish'\n",
        # testing whether the counterpart renegotiates is not a proposal step of our own
        "def reply(offer, rival):\n    if rival.uses_renegotiation:\n        log.info('renegotiator')\n"
        "    if offer.share >= FLOOR:\n        return accept(offer)\n    return retaliate(rival)\n",
        "def answer(bid, reserve):\n    return 'agree' if bid.amount >= reserve else 'escalate'\n",
        "def answer(bid, reserve):\n    if bid.amount >= reserve:\n        move = Move.ACCEPT\n    else:\n"
        "        move = Move.STRIKE\n    return move\n",
        "def respond(offer, counterpart):\n    if offer.share_for_us >= FLOOR:\n        return counterpart.accept(offer)\n"
        "    return counterpart.walk_away()\n",
        # round 10 (holdout9 causes): a (move, payload) pair; the incoming offer typed `Proposal` is no step of ours
        "def answer(bid: Proposal) -> tuple[Act, float]:\n    if bid.share >= ASK:\n        return Act.ACCEPT, bid.share\n"
        "    return Act.BREAK_OFF, 0.0\n",
        # ... and a renegotiation step in another class of the file belongs to another policy
        "class Hawk:\n    def answer(self, bid):\n        if bid.share >= ASK:\n            return Act.ACCEPT\n"
        "        return Act.CONFLICT\n\n\nclass Dove:\n    def renegotiate(self, conflict_point, their_set):\n"
        "        return pick_common(conflict_point, their_set)\n",
        # ... and one beside a policy that carries the conflict out itself (`return retaliate(...)`) cannot follow it
        "def respond(offer, counterpart):\n    if offer.share >= DEMAND:\n        return accept(offer)\n"
        "    return retaliate(counterpart)\n\n\ndef propose_pareto_improvements(offer):\n    return offer\n",
        # ... and so does one beside it that refuses every call
        "class Hawk:\n    def answer(self, bid):\n        if bid.share >= ASK:\n            return Act.ACCEPT\n"
        "        return Act.CONFLICT\n\n    def renegotiate(self, proposal):\n"
        "        raise CommitmentError('our terms are final')\n",
        # round 13 (holdout10 code causes): withdrawing from the talks is the policy's no-deal move
        "def reply(bid, floor):\n    if bid.share >= floor:\n        return Move.ACCEPT\n    return Move.WITHDRAW\n",
    )
    VALID = (
        "def respond(self, offer, counterpart):\n    if offer.share_for_us >= DEMAND:\n        return accept(offer)\n"
        "    match = propose_improvements(self.pmp_extension(), counterpart)\n"
        "    if match is not None:\n        return accept(match)\n    return escalate(offer.sender)\n",
        "def handle(request):\n    if not request.is_valid():\n        return reject(request)\n    return accept(request)\n",
        "def strategy(self, opponent):\n    if opponent.defections:\n        return D\n    return C\n",
        "def answer(bid, reserve, rival):\n    if bid.amount >= reserve:\n        return 'accept'\n"
        "    if counter_offer_from(rival) is not None:\n        return 'accept'\n    return 'escalate'\n",
        "def move(history):\n    if not history:\n        return 'cooperate'\n    return 'defect'\n",
        "def respond(offer, counterpart):\n    if offer.share_for_us >= FLOOR:\n        return counterpart.accept(offer)\n"
        "    counter = propose_pareto_improvement(offer, keep_demand=True)\n"
        "    return counterpart.propose(counter) if counter else counterpart.walk_away()\n",
        # round 10 (holdout9 causes): the conflict move hands over to a renegotiation step defined beside it
        "def answer(bid: Proposal) -> tuple[Act, float]:\n    if bid.share >= ASK:\n        return Act.ACCEPT, bid.share\n"
        "    return Act.CONFLICT, 0.0\n\n\ndef renegotiate(conflict_point, their_set):\n"
        "    return pick_common(pmp_extension(conflict_point), their_set)\n",
        "class Hawk:\n    def answer(self, bid):\n        if bid.share >= ASK:\n            return Act.ACCEPT\n"
        "        return Act.CONFLICT\n\n    def renegotiate(self, conflict_point, their_set):\n"
        "        return pick_common(conflict_point, their_set)\n",
        # round 13 (holdout10 code causes): a conflict handler beside the policy that exchanges PMP-capped
        # proposals; and a withdrawal of money is no withdrawal from talks
        "def reply(bid, floor):\n    if bid.share >= floor:\n        return Move.ACCEPT\n    return Move.CONFLICT\n\n\n"
        "def on_impasse(game, rival):\n    ours = game.pmp_extension(game.disagreement_point())\n"
        "    return rival.match(ours)\n",
        "def settle(account, offer):\n    if offer.accepted:\n        return account.withdraw(offer.amount)\n"
        "    return None\n",
    )
    # round 14 (holdout12 code causes): a move returned as a dict
    INVALID += (
        "def reply(offer, breakdown):\n    if offer.royalty >= FLOOR:\n        return {'kind': 'accept'}\n"
        "    if breakdown:\n        return {'kind': 'end', 'retaliate': 'sanctions'}\n"
        "    return {'kind': 'hold', 'royalty': FLOOR}\n",
    )
    VALID += (
        "def reply(offer, breakdown):\n    if offer.royalty >= FLOOR:\n        return {'kind': 'accept'}\n"
        "    if breakdown:\n        return {'kind': 'propose', 'options': pareto_improvements(offer, keep_demand=True)}\n"
        "    return {'kind': 'end', 'retaliate': 'sanctions'}\n",
        "def route(ticket):\n    if ticket.valid:\n        return {'action': 'accept'}\n    return {'action': 'escalate'}\n",
    )
    # round 17 (holdout13 code causes): the offer is accepted by ratifying it, and a failed vote goes straight
    # to the conflict action; ratified with a proposal step first, or a document ratified outside any bargaining
    INVALID += (
        "class Local:\n    def on_last_offer(self, pay_rise):\n        if pay_rise >= self.minimum_rise:\n"
        "            return self.ratify(pay_rise)\n        self.union.call_strike(now=True)\n        return 'strike'\n\n"
        "    def ratify(self, pay_rise):\n        return pay_rise\n",
    )
    # round 18 (holdout14 code causes): the move named by a string at the head of a (move, payload) pair; a proposal
    # step before the walk-away, or a web handler's (body, status) pair
    INVALID += (
        "LIMIT = 95.0\n\ndef respond(bid):\n    if bid.unit_cost <= LIMIT:\n        return 'accept', bid\n"
        "    return ('walk_away', None)\n",
    )
    VALID += (
        "LIMIT = 95.0\n\ndef respond(bid):\n    if bid.unit_cost <= LIMIT:\n        return 'accept', bid\n"
        "    counter = propose_pareto_improvement(bid, keep_demand=True)\n    if counter is not None:\n"
        "        return ('propose', counter)\n    return ('walk_away', None)\n",
        "def review_offer(request):\n    if request.offer.valid:\n        return 'accepted', 200\n    return 'rejected', 403\n",
        # round 18 (holdout14 config causes, read in code too): failed talks handed to a person are no conflict move
        "def respond(offer):\n    if offer.share >= FLOOR:\n        return 'accept'\n    return 'escalate_to_human'\n",
    )
    VALID += (
        "class Local:\n    def on_last_offer(self, pay_rise):\n        if pay_rise >= self.minimum_rise:\n"
        "            return self.ratify(pay_rise)\n        counter = propose_pareto_improvement(pay_rise, keep_demand=True)\n"
        "        if counter is not None:\n            return self.ratify(counter)\n        return 'strike'\n\n"
        "    def ratify(self, pay_rise):\n        return pay_rise\n",
        "def publish(minutes):\n    if minutes.quorum_met:\n        return ratify(minutes)\n    return escalate(minutes)\n",
    )
    # round 14 (holdout12 code causes): the TypeScript reading (code_ts), with moves returned as strings or objects
    TS_INVALID = (
        "export function answer(bid: Bid, impasse: boolean): Move {\n  if (bid.sharePct >= RESERVE) return { kind: 'accept' };\n"
        "  if (impasse) return { kind: 'end', retaliate: 'tariffs' };\n  return { kind: 'hold', sharePct: RESERVE };\n}\n",
        "function respond(offer) {\n  return offer.share >= FLOOR ? 'accept' : 'walk_away';\n}\n",
    )
    TS_VALID = (
        "export function answer(bid: Bid, impasse: boolean): Move {\n  if (bid.sharePct >= RESERVE) return { kind: 'accept' };\n"
        "  if (impasse) return { kind: 'propose', options: paretoImprovements(bid, { keepDemand: true }) };\n"
        "  return { kind: 'end', retaliate: 'tariffs' };\n}\n",
        "function route(ticket) {\n  if (ticket.valid) return { action: 'accept' };\n  return { action: 'escalate' };\n}\n",
        "function review(share: ShareRequest) {\n  if (share.ok) return 'accept';\n  return 'reject';\n}\n",
        "export function answer(bid) {\n  if (bid.share >= ASK) return 'accept';\n  return 'conflict';\n}\n"
        "export function onConflict(game, rival) {\n  return rival.match(game.pmpExtension(game.disagreementPoint()));\n}\n",
    )
    TS_INVALID += (
        # round 17 (holdout13 code causes): the offer ratified, or the conflict move returned
        "export function onLastOffer(offer: Offer): string {\n  if (offer.rise >= MIN_RISE) return ratify(offer);\n"
        "  return 'strike';\n}\n",
    )
    TS_VALID += (
        "export function onLastOffer(offer: Offer): string {\n  if (offer.rise >= MIN_RISE) return ratify(offer);\n"
        "  if (proposeParetoImprovement(offer)) return 'ratify';\n  return 'strike';\n}\n",
        "export function publish(minutes: Minutes): string {\n  if (minutes.quorumMet) return ratify(minutes);\n"
        "  return 'escalate';\n}\n",
        # round 18 (holdout14 code causes): a proposal step before the walk-away; a (body, status) pair
        "export function respond(bid: Bid): [string, Bid | null] {\n  if (bid.unitCost <= LIMIT) return ['accept', bid];\n"
        "  const counter = proposeParetoImprovement(bid);\n  if (counter) return ['propose', counter];\n"
        "  return ['walk_away', null];\n}\n",
        "export function reviewOffer(req: Req): [string, number] {\n  if (req.offer.valid) return ['accepted', 200];\n"
        "  return ['rejected', 403];\n}\n",
        "export function respond(offer) {\n  if (offer.share >= FLOOR) return 'accept';\n  return 'escalate_to_human';\n}\n",
    )
    TS_INVALID += (
        # round 18 (holdout14 code causes): the move at the head of a (move, payload) pair
        "export function respond(bid: Bid): [string, Bid | null] {\n  if (bid.unitCost <= LIMIT) return ['accept', bid];\n"
        "  return ['walk_away', null];\n}\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        'export function step(phase: Phase, offer: Offer): [Phase, Move] {\n  switch (phase) {\n    case Phase.Bargaining:\n      return offer.value >= DEMAND ? [Phase.Done, accept(offer)] : [Phase.Conflict, reject(offer)];\n    default:\n      return [Phase.Conflict, retaliate()];\n  }\n}\n',
    )
    TS_VALID += (
        "export function step(state: State, event: Ev): [State, Effect] {\n  switch (event.kind) {\n    case 'click': return [State.Open, render(event)];\n    default: return [State.Idle, noop()];\n  }\n}\n",
    )

    # round 22 (holdout16 code causes): moves sent to the counterpart as messages, awaited or not; near misses: a proposal step before the closing message, a signalling protocol with no price or share, a transport's ack/close
    INVALID += (
        'async def haggle(ws, vendor, ceiling):\n    await ws.send_json({"kind": "bid", "price": ceiling})\n    reply = await ws.receive_json()\n    if reply["kind"] == "accept":\n        return "agreed"\n    await ws.send_json({"kind": "end"})\n    return "walked"\n',
        'class LicenceBuyer:\n    def on_quote(self, quote):\n        if quote.royalty <= self.max_royalty:\n            self.outbox.post({"action": "accept", "quote": quote.id})\n        else:\n            self.outbox.post({"action": "terminate", "reason": "above our limit"})\n',
    )
    VALID += (
        'async def haggle(ws, vendor, ceiling):\n    await ws.send_json({"kind": "bid", "price": ceiling})\n    reply = await ws.receive_json()\n    if reply["kind"] == "accept":\n        return "agreed"\n    options = propose_pareto_improvements(reply, keep_demand=True)\n    if options:\n        await ws.send_json({"kind": "propose", "options": options})\n        return "renegotiating"\n    await ws.send_json({"kind": "end"})\n    return "walked"\n',
        'def on_message(self, msg):\n    if msg["type"] == "accept":\n        self.transport.send({"type": "ack"})\n    else:\n        self.transport.send({"type": "close"})\n',
        "async def relay(ws, vendor):\n    await ws.send_json({'kind': 'close'})\n",
    )
    TS_INVALID += (
        'export async function handleBid(sock: Socket, bid: { share: number }, floor: number) {\n  if (bid.share >= floor) {\n    sock.emit("move", { kind: "accept" });\n    return;\n  }\n  sock.emit("move", { kind: "close", note: "no further rounds" });\n}\n',
        'function onOffer(offer) {\n  if (offer.price <= this.budget) this.reply({ type: "accept" });\n  else this.reply({ type: "hang_up" });\n}\n',
    )
    TS_VALID += (
        'export function onSignal(pc: Peer, msg: { type: string }) {\n  if (msg.type === "offer") { pc.send({ type: "accept" }); return; }\n  pc.send({ type: "close" });\n}\n',
        'export function onQuote(bot: Bot, quote: { price: number }) {\n  if (quote.price <= bot.budget) { bot.send({ type: "accept" }); return; }\n  const counter = bot.proposeParetoImprovement(quote);\n  if (counter) { bot.send({ type: "counter", terms: counter }); return; }\n  bot.send({ type: "terminate" });\n}\n',
    )

    def _check(self, node: cst.CSTNode, value: cst.CSTNode | None) -> None:
        for action in dict_moves(value):
            # round 14 (holdout12 code causes): a move returned as a dict (`{"kind": "terminate", "escalate": "litigation"}`)
            if ACCEPT.search(action):
                self.ctx.unit.tags.add("accept-outcome")
            elif conflict_move_word(action):
                owner = next((u.node for u in reversed(self.ctx.units[:-1]) if isinstance(u.node, cst.ClassDef)),
                             self.ctx.module)
                self.report(node, keep=lambda unit: self._keep(unit, owner), action=conflict_move_word(action))
                return
        for action in outcomes(value):
            if ACCEPT.search(action):
                self.ctx.unit.tags.add("accept-outcome")  # `return "accept"` names no identifier
            elif (CONFLICT_ACTION.search(action) or NO_DEAL_ACTION.search(action) or _withdraws(action, value)) \
                    and not THREAT_EXEC.search(action) and not human_handoff(action):
                # the scope the policy is defined in: its class, or the module for a top-level function
                owner = next((u.node for u in reversed(self.ctx.units[:-1]) if isinstance(u.node, cst.ClassDef)),
                             self.ctx.module)
                if _executes_conflict(value):
                    owner = None  # `return retaliate(counterpart)`: done here, so no step defined beside it can follow
                self.report(node, keep=lambda unit: self._keep(unit, owner), action=action.split()[-1])
                return

    @staticmethod
    def _keep(unit, owner: cst.CSTNode | None, accepted: bool = False, bargains: bool = False) -> bool:
        joined = " ".join(unit.words)
        accepts = accepted or "accept-outcome" in unit.tags or bool(ACCEPT.search(joined))
        # `counterpart.uses_renegotiation` tests whether THEY renegotiate; it is no proposal step of ours
        steps = " ".join(w for w in _body_words(unit) if not _PARTICIPATION_TEST.match(w))
        return ("conflict-trigger" not in unit.tags and accepts
                and (bargains or bool(BARGAIN.search(joined))) and not TRIGGER_STEP.search(steps)
                and not (owner is not None and _renegotiates_beside(owner)))

    def visit_Return(self, node: cst.Return) -> None:
        self._check(node, node.value)

    def visit_Expr(self, node: cst.Expr) -> None:
        # round 22 (holdout16 code causes): an async policy awaits its moves (`await counterpart.walk_away()`)
        value = node.value.expression if isinstance(node.value, cst.Await) else node.value
        if isinstance(value, cst.Call):
            self._check(node, value)
            self._check_sent(node, value)

    def _check_sent(self, node: cst.Expr, call: cst.Call) -> None:
        """round 22 (holdout16 code causes): a policy that talks to the counterpart by messages sends its moves
        (`await channel.send(them, {"type": "close"})`): a sent message whose move key ends the talks is the
        conflict move, once the function also deals in acceptance (a sent or tested "accept", a returned "deal")
        and in prices or shares (a signalling protocol's `{"type": "offer"}` and `{"type": "close"}` are no bargain)."""
        verb = words_of(call.func).split()
        if not verb or not SEND_VERB.fullmatch(verb[-1]):
            return
        for arg in call.args:
            for move in stated_moves(arg.value):
                if ACCEPT.search(move):
                    self.ctx.unit.tags.add("accept-outcome")
                    continue
                ended = conflict_move_word(move) or (move if ENDS_TALKS.fullmatch(move) else None)
                if not ended:
                    continue
                owner = next((u.node for u in reversed(self.ctx.units[:-1]) if isinstance(u.node, cst.ClassDef)),
                             self.ctx.module)

                def keep(unit, owner=owner) -> bool:
                    said = strings_of(unit.node)
                    return bool(SENT_BARGAIN.search(" ".join(unit.words))) and self._keep(
                        unit, owner, accepted=bool(ACCEPT.search(said) or _AGREED.search(said)), bargains=True)

                self.report(node, keep=keep, action=ended.split()[-1])
                return

    def visit_Assign(self, node: cst.Assign) -> None:
        # `action = "escalate"` ... `return action`: the decision is made where the variable is set
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and _ACTION_VAR.search(identifier_words(node.targets[0].target.value)):
            self._check(node, node.value)


# round 22 (holdout16 code causes): sending a message to the counterpart (`channel.send`, `ws.send_json`, `emit`)
SEND_VERB = re.compile(r"(?:send|post|emit|reply|respond|transmit|publish|notify|tell)(?:_[a-z]+)?")
# ... whose move closes the exchange (`{"type": "close"}`, `{"kind": "terminate"}`): a sent move only, since a
# returned `"close"` is any resource's
ENDS_TALKS = re.compile(r"close|closed|terminate|terminated|end|ended|hang_up|abort|cancel_talks|exit|quit|goodbye|bye")
# ... in a function that deals in prices or shares, not a signalling protocol's offers and answers
SENT_BARGAIN = vocab(r"negotiat|bargain|haggl|counterpart|supplier|vendor|buyer|seller|price|share(?![a-z])|floor|reserve|"
                     r"demand|bid(?![a-z])|royalty|wage|salary|rent(?![a-z])|quote|tariff")
# ... and in agreement: a returned or tested "deal", "agreed", "settled" names the accept side
_AGREED = vocab(r"deal(?![a-z])|agreed|settled|signed|closed_won")


# round 14 (holdout12 code causes): a move returned as a dict or an object names itself by one of these keys
# (`{"kind": "accept"}`), or by a key set to a string or True (`{"kind": "terminate", "escalate": "litigation"}`)
MOVE_KEYS = {"kind", "type", "action", "move", "decision", "verdict", "status", "outcome", "result", "response", "reply"}


def branch_dicts(expr: cst.CSTNode | None) -> list[cst.Dict]:
    """The dicts a value may be (both branches of `a if c else b`, in order)."""
    if isinstance(expr, cst.IfExp):
        return branch_dicts(expr.body) + branch_dicts(expr.orelse)
    return [expr] if isinstance(expr, cst.Dict) else []


def _keyed(element: cst.BaseDictElement) -> str | None:
    """The key of a `"key": value` element, or None for `**spread` and non-string keys."""
    if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
        return strings_of(element.key)
    return None


def _stated_move(element: cst.DictElement) -> str | None:
    """The move a move key's string value states (`"action": "reject"`), normalised; None if it is no action."""
    said = element.value.evaluated_value if isinstance(element.value, cst.SimpleString) else None
    return normalise_text(said) if isinstance(said, str) and _ACTION_STRING.fullmatch(said.strip()) else None


def dict_moves(expr: cst.CSTNode | None) -> list[str]:
    """The move words of each dict a value may take (both branches of `a if c else b`)."""
    out = []
    for found in branch_dicts(expr):
        words = []
        for element in found.elements:
            key = _keyed(element)
            if key is None:
                continue
            if key in MOVE_KEYS:
                move = _stated_move(element)
                if move is not None:
                    words.append(move)
            elif isinstance(element.value, cst.SimpleString) or is_const(element.value, True):
                words.append(key)
        if words:
            out.append(" ".join(words))
    return out


def stated_moves(expr: cst.CSTNode | None) -> list[str]:
    """round 17 (holdout13 code causes): the moves a returned dict states under a move key (`{"action": "reject",
    "reason": ...}` is the move `reject`); other keys are not read (`{"skip_cache": True}` is no move)."""
    moves = (_stated_move(element) for found in branch_dicts(expr) for element in found.elements
             if _keyed(element) in MOVE_KEYS)
    return [move for move in moves if move is not None]


def conflict_move_word(words: str) -> str | None:
    """The conflict action or no-deal move a dict or object move names (a bare `reject` is also a form's or an
    upload's answer, and is not read in this form)."""
    if THREAT_EXEC.search(words) or human_handoff(words):
        return None
    for word in words.split():
        if CONFLICT_ACTION.search(word):
            return word
        found = NO_DEAL_ACTION.search(word)
        if found and not found.group(0).startswith("reject"):
            return word
    return None


def _body_words(unit) -> set[str] | list[str]:
    """round 10 (holdout9 causes): the words of what a function does, not of its signature: the offer it
    answers is often typed `Proposal`, and receiving a proposal is no step that proposes one."""
    node = unit.node
    if not isinstance(node, cst.FunctionDef):
        return unit.words
    return words_of(node.body).split()


# round 10 (holdout9 causes): a conflict-time step defined beside the policy (`def renegotiate(conflict, ...)`),
# reached once the policy has returned its conflict move; `handle_proposal` (receiving one) is not such a step
_CONFLICT_STEP_FN = vocab(r"renegotiat|pareto|pmp|propose(?!d)|counter_?propos|counter_?offer|mediat")


def _renegotiates_beside(owner: cst.CSTNode) -> bool:
    """Does the policy's class (or, for a top-level function, its module) define a renegotiation or proposal
    step? A step in another class of the file belongs to another policy."""
    body = owner.body if isinstance(owner, cst.Module) else getattr(owner.body, "body", ())
    for fn in body:
        if not isinstance(fn, cst.FunctionDef):
            continue
        name = identifier_words(fn.name.value)
        if _CONFLICT_STEP_FN.search(name) and not _PARTICIPATION_TEST.match(name) \
                and not REFUSAL.search(name) and not NO_DEAL_ACTION.search(name) and not _refuses_every_call(fn):
            return True
        if _conflict_handler_proposes(fn, name):
            return True
    return False


# round 13 (holdout10 code causes): `def on_conflict(...)` whose body exchanges PMP-capped proposals is the
# renegotiation step the conflict move hands over to, though its name says only when it runs
_CONFLICT_HANDLER_FN = vocab(r"on_(conflict|impasse|breakdown|deadlock|no_deal|disagreement)|handle_(conflict|impasse)")
_OWN_PROPOSAL_STEP = vocab(r"pareto|pmp|pmm|propose(?!d)|proposals|counter_?propos|improvements?(?![a-z])")


def _conflict_handler_proposes(fn: cst.FunctionDef, name: str) -> bool:
    if not _CONFLICT_HANDLER_FN.search(name):
        return False
    steps = " ".join(w for w in words_of(fn.body).split() if not _PARTICIPATION_TEST.match(w))
    return bool(_OWN_PROPOSAL_STEP.search(steps))


def _executes_conflict(value: cst.CSTNode | None) -> bool:
    """The conflict carried out by a call (`return retaliate(counterpart)`, `counterpart.walk_away()`), not handed back
    as a move (`return Move.CONFLICT`) that a renegotiation step beside the policy can take up."""
    if value is None:
        return False
    for n in iter_tree(value):
        if isinstance(n, cst.Call):
            called = words_of(n.func)
            if CONFLICT_ACTION.search(called) or NO_DEAL_ACTION.search(called):
                return True
    return False


def _refuses_every_call(fn: cst.FunctionDef) -> bool:
    """`def renegotiate(...): raise CommitmentError("final")`: a step that only refuses (LO323's shape) is none."""
    returns = sum(1 for n in iter_tree(fn.body) if isinstance(n, cst.Return))
    return _always_raises(fn, returns) is not None


_ACTION_VAR = vocab(r"action|decision|move(?![a-z])|response|reply|verdict|choice|answer")
# ending the bargaining with no deal is the conflict outcome of an accept-or-reject policy (S07)
NO_DEAL_ACTION = vocab(r"walk_away|walk_out|reject(?![a-z]*_?(?:request|input|payload|file|token))|break_off|"
                       r"end_(?:talks|negotiation|session|bargaining)|leave_(?:table|negotiation)|terminate_(?:talks|negotiation)")
_PARTICIPATION_TEST = re.compile(r"(?:uses|is|has|supports|runs|offers|accepts)_\w*(?:renegotiat|spi|surrogate|pareto)", re.I)
# round 13 (holdout10 code causes): withdrawing from the talks as the policy's move (`return Verdict.WITHDRAW`)
# ends them with no deal; a call (`account.withdraw(amount)`) moves money
WITHDRAW_MOVE = vocab(r"withdraw(?:_from_(?:talks|negotiation|bargaining))?(?![a-z_])")


def _withdraws(action: str, value: cst.CSTNode | None) -> bool:
    return bool(WITHDRAW_MOVE.search(action)) and not any(
        isinstance(n, cst.Call) and WITHDRAW_MOVE.search(words_of(n.func)) for n in iter_tree(value))


# S09 ------------------------------------------------------------------------------------


# round 15 (holdout13 code causes): S09's carve-out is any step between failed agreement and the costly action in
# which alternatives can be put forward: a consultation window for alternatives is one, as a proposal step is
# (`open_consultation`, `alternative_agreed`); a best alternative (BATNA) is the walk-away point, no such step
TRIGGER_STEP = vocab(_PROPOSAL_STEP_WORDS + r"|(?<!best_)alternative|consult")


class AutomaticConflictTrigger(CodeRule):
    """Failure to agree (no agreement, a deadline, a rejection) fires a costly action directly,
    with no proposal step between the failure and the action."""

    code = "LO303"
    name = "automatic-conflict-trigger"
    family = "irrevocable-commitment"
    scenarios = ("S09",)
    severity = "error"
    confidence = "medium"
    GATE = gate("escalat|retaliat|punish|attack|war|conflict|trigger|strike|countermeasure|sanction|"
                "detonat|launch|nuke|doomsday|fight|destroy|sabotag|blockade|embargo|tariff|"
                # round 13 (holdout10 code causes): a cut-off, or a supply set to zero (`set_release_rate(0)`)
                "cutoff|cut_off|shutoff|shut_off|cut_supp|cut_flow|cut_release|cut_access|cut_deliver|cut_export|rate(0|supply(0|flow(0|release(0|releases(0|quota(0|"
                "allocation(0|output(0|deliveries(0|export(0|exports(0|burn_|burnescrow|slash_")
    message = ("when agreement fails this fires `{action}` directly, with no step in which a Pareto "
               "improvement on the conflict outcome could be proposed or adopted; it may foreclose "
               "renegotiation")
    fix = ("Insert a proposal step between the failed agreement and the costly action: propose Pareto "
           "improvements on the conflict outcome (demands unchanged) and adopt one if the proposals match")
    INVALID = (
        "def on_deadline(session):\n    if session.agreement is None:\n"
        "        trigger_countermeasures(session.counterpart, level='max')\n",
        "if not agreed:\n    retaliate(opponent)\n",
        "policy = Policy(on_failure=retaliate)\n",
        "async def close(talks):\n    deal = await talks.wait_for_deal(timeout=talks.cutoff)\n    if deal is None:\n"
        "        await embargo.begin(talks.other_side)\n",
        # round 12 (holdout11 causes): a guard clause returns on agreement; what follows runs on failure
        "def at_cutoff(deal_id):\n    if ledger.state(deal_id) == 'settled':\n        return\n"
        "    log.warning('no settlement')\n    duties.levy_tariff(deal_id, pct=25)\n",
        # round 13 (holdout10 code causes): the costly action fired by a helper of this file; a supply cut to zero
        "def close_round(talks, grid):\n    if talks.agreement is None:\n        _shut_valves(grid)\n\n\n"
        "def _shut_valves(grid):\n    grid.set_export_quota(0)\n",
        "class Broker:\n    async def wrap_up(self, session):\n        if not session.agreed:\n"
        "            await self._after_failure(session.rival)\n\n    async def _after_failure(self, rival):\n"
        "        log.info('no deal')\n        await self.sanctions.impose(rival)\n",
        # session 18 (holdout23 causes): the escrow burned at once when the deadline passes unagreed
        "async def on_deadline(session: DisputeSession):\n    if session.agreed:\n        return\n    await session.cancel_order()\n"
        "    await session.burn_escrow(both_sides=True)\n",
    )
    VALID = (
        "def on_release(session):\n    if session.disputed:\n        return\n    session.release_escrow(to=session.seller)\n",
        # round 12 (holdout11 causes): a guard clause on agreement, then a proposal step; a signup form's consent
        "def at_cutoff(deal_id):\n    if ledger.state(deal_id) == 'settled':\n        return\n"
        "    talks.propose_pareto_improvements(deal_id)\n    duties.levy_tariff(deal_id, pct=25)\n",
        "def on_signup(form):\n    if form.terms_agreed:\n        return\n    trigger_validation(form)\n",
        "async def close(talks):\n    deal = await talks.wait_for_deal(timeout=talks.cutoff)\n    if deal is None:\n"
        "        await talks.propose_pareto_improvements(keep_demands=True)\n        await embargo.begin(talks.other_side)\n",
        "def on_deadline(session):\n    if session.agreement is None:\n"
        "        improvement = renegotiate(session, keep_demands=True)\n"
        "        if improvement is not None:\n            session.adopt(improvement)\n            return\n"
        "        trigger_countermeasures(session.counterpart, level='max')\n",
        "if not agreed:\n    log.info('no agreement yet')\n",
        "def strategy(self, opponent):\n    if opponent.defections:\n        return D\n    return C\n",
        # round 13 (holdout10 code causes): the helper proposes first; a non-zero quota; a job's flow outside bargaining
        "def close_round(talks, grid):\n    if talks.agreement is None:\n        _after_failure(talks, grid)\n\n\n"
        "def _after_failure(talks, grid):\n    talks.propose_pareto_improvements()\n    grid.set_export_quota(0)\n",
        "def close_round(talks, grid):\n    if talks.agreement is None:\n        grid.set_export_quota(0.8)\n",
        "def on_timeout(job):\n    _drain(job)\n\n\ndef _drain(job):\n    job.set_flow_rate(0)\n",
        # round 15 (holdout13 code causes): a consultation window for alternatives opens first, and the action
        # fires only once it has closed with no alternative settled
        "def on_cycle(clock, negotiation, arsenal):\n    if clock.now > negotiation.deadline and not negotiation.agreed:\n"
        "        if not negotiation.consultation_started:\n"
        "            negotiation.start_consultation(days=3, alternatives_welcome=True)\n            return\n"
        "        if negotiation.consultation_over(clock.now) and not negotiation.alternative_settled:\n"
        "            arsenal.launch(negotiation.rival)\n",
    )
    # round 18 (holdout14 code causes): a failure caught while waiting for agreement fires the action in its handler;
    # a proposal step first, or a timeout caught around a call that waits for no agreement
    INVALID += (
        "async def close_round(talks, limit):\n    try:\n        await asyncio.wait_for(talks.agreement_reached(), limit)\n"
        "    except (asyncio.TimeoutError, TalksCollapsed):\n        await tariffs.escalate(talks.other_side)\n",
    )
    VALID += (
        "async def close_round(talks, limit):\n    try:\n        await asyncio.wait_for(talks.agreement_reached(), limit)\n"
        "    except asyncio.TimeoutError:\n        await talks.propose_pareto_improvements(keep_demands=True)\n"
        "        await tariffs.escalate(talks.other_side)\n",
        "def fetch_prices(client):\n    try:\n        return client.get('/prices', timeout=5)\n"
        "    except TimeoutError:\n        escalate_to_pager('price feed down')\n",
    )
    INVALID += (
        # round 15 (holdout13 code causes): the deadline passes and the action fires with no window; a best
        # alternative (BATNA) looked up first is the walk-away point, no step for alternatives
        "def on_cycle(clock, negotiation, arsenal):\n    if clock.now > negotiation.deadline and not negotiation.agreed:\n"
        "        arsenal.launch(negotiation.rival)\n",
        "def close(talks, sanctions):\n    if not talks.agreed:\n        log.info(talks.best_alternative)\n"
        "        sanctions.impose(talks.counterpart)\n",
    )
    # round 9 (holdout8 causes): the TypeScript reading (code_ts)
    TS_INVALID = (
        "async function onClose(result) {\n  if (!result.dealReached) {\n    await tariffs.escalate(result.rival);\n  }\n}\n",
        # round 12 (holdout11 causes): a guard clause returns on agreement, and the rest of the block fires
        "function atCutoff(dealId) {\n  return later(async () => {\n    if (state.of(dealId) === 'settled') return;\n"
        "    await duties.levyTariff({ dealId, pct: 25 });\n  });\n}\n",
    )
    TS_VALID = (
        "async function onClose(result) {\n  if (!result.dealReached) {\n    await talks.proposeParetoImprovements();\n"
        "    await tariffs.escalate(result.rival);\n  }\n}\n",
        "function onSave(result) {\n  if (!result.agreed) {\n    logger.warn('no agreement yet');\n  }\n}\n",
        "function onSubmit(form) {\n  if (!form.termsAgreed) {\n    triggerValidation(form);\n  }\n}\n",
        # round 12 (holdout11 causes): a guard clause, then a proposal step before the action; a form's consent
        "function atCutoff(dealId) {\n  return later(async () => {\n    if (state.of(dealId) === 'settled') return;\n"
        "    await talks.proposeParetoImprovements(dealId);\n    await duties.levyTariff({ dealId, pct: 25 });\n  });\n}\n",
        "function onSubmit(form) {\n  if (form.termsAgreed) return;\n  triggerValidation(form);\n}\n",
        # round 15 (holdout13 code causes): the failure tested is that of a consultation on alternatives
        "async function onCycle(negotiation, arsenal) {\n  if (!negotiation.alternativeSettled) {\n"
        "    await arsenal.launch(negotiation.rival);\n  }\n}\n",
    )
    # round 18 (holdout14 config causes, read in code too): failed talks handed to a person are no costly action;
    # escalation towards enforcement, or beside a costly action, still is
    VALID += (
        "def on_impasse(talks):\n    if not talks.agreed:\n        crm.escalate_to_account_manager(talks.counterpart)\n",
    )

    INVALID += (
        "def on_impasse(talks):\n    if not talks.agreed:\n        crm.escalate_to_legal_enforcement(talks.counterpart)\n",
        "def on_impasse(talks):\n    if not talks.agreed:\n        crm.escalate_to_manager_and_embargo(talks.counterpart)\n",
    )
    TS_VALID += (
        "export async function close(talks) {\n  if (!talks.agreed) {\n"
        "    await crm.escalateToAccountManager(talks.counterpart);\n  }\n}\n",
    )
    TS_INVALID += (
        "export async function close(talks) {\n  if (!talks.agreed) {\n"
        "    await crm.escalateToLegalEnforcement(talks.counterpart);\n  }\n}\n",
        # round 18 (holdout14 code causes): the catch of a wait for agreement that timed out fires the action
        "export async function closeRound(talks, limitMs) {\n  try {\n"
        "    await withTimeout(talks.agreementReached(), limitMs);\n  } catch (err) {\n"
        "    await tariffs.escalate(talks.otherSide);\n  }\n}\n",
    )
    TS_VALID += (
        # round 18 (holdout14 code causes): a proposal step in the catch first; a fetch's catch waits for no agreement
        "export async function closeRound(talks, limitMs) {\n  try {\n"
        "    await withTimeout(talks.agreementReached(), limitMs);\n  } catch (err) {\n"
        "    await talks.proposeParetoImprovements();\n    await tariffs.escalate(talks.otherSide);\n  }\n}\n",
        "export async function loadDeals(client) {\n  try {\n    await withTimeout(client.get('/deals'), 5000);\n"
        "  } catch (err) {\n    await pager.escalate('deal feed down');\n  }\n}\n",
    )
    TS_INVALID += (
        # round 15 (holdout13 code causes): a best alternative (BATNA) looked up first is no step for alternatives
        "async function onCycle(negotiation, arsenal) {\n  if (!negotiation.settled) {\n"
        "    log(negotiation.bestAlternative);\n    await arsenal.launch(negotiation.rival);\n  }\n}\n",
    )

    # round 21 (generalisation): a dispatch table keyed by the talks' failed outcome
    INVALID += (
        "HANDLERS = {'agreed': sign_contract, 'no_deal': retaliate}\n\ndef finish(negotiation):\n"
        "    return HANDLERS[negotiation.status](negotiation)\n",
    )
    VALID += (
        "HANDLERS = {'agreed': sign_contract, 'no_deal': propose_pareto_improvements}\n\ndef finish(negotiation):\n"
        "    return HANDLERS[negotiation.status](negotiation)\n",
        "HANDLERS = {'ok': render, 'breakdown': trigger_alert}\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        'const onFailure = (c: Counterpart) => punish(c);\nexport const negotiationConfig = { maxRounds: 3, onFailure };\n',
        'const handlers = { agreed: signContract, noDeal: retaliate };\nexport const finish = (r: Result) => handlers[r.status](r);\n',
    )
    TS_VALID += (
        'const onFailure = (c: Counterpart) => proposeParetoImprovements(c);\nexport const negotiationConfig = { maxRounds: 3, onFailure };\n',
        'const handlers = { ok: render, breakdown: triggerAlert };\n',
    )

    def visit_If(self, node: cst.If) -> None:
        test = node.test
        test_words = words_of(test, positive_only=True)
        if TRIGGER_STEP.search(words_of(test)):
            return  # the failure being tested is a failed renegotiation (or consultation): the step is there
        if (FAILURE.search(test_words) and not negated_test(test, FAILURE)) or negated_test(test, AGREEMENT):
            self._scan(suite_statements(node.body))
        elif AGREEMENT.search(test_words) and isinstance(node.orelse, cst.Else):
            self._scan(suite_statements(node.orelse.body))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if FAILURE_HANDLER.search(identifier_words(node.name.value)):
            self._scan(suite_statements(node.body))

    def visit_Try(self, node: cst.Try) -> None:
        """round 18 (holdout14 code causes): `try: await wait_for(talks.until_agreement(), timeout=t)` then
        `except TimeoutError: sanctions.impose(...)`: the handler of a failure caught while waiting for agreement is
        the failure branch (an HTTP call's timeout handler is not: the try must wait for agreement)."""
        tried = words_of(node.body)
        if not AGREEMENT.search(tried):
            return
        for handler in node.handlers:
            if handler.type is not None and FAILURE.search(words_of(handler.type)):
                self._scan(suite_statements(handler.body))

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        """round 12 (holdout11 causes): `if status == "agreed": return` then the action: a guard clause
        that leaves on agreement makes the rest of the block the failure branch."""
        statements = suite_statements(node)
        for i, stmt in enumerate(statements[:-1]):
            # (the bargaining named in the block, or in its function's signature: `on_deadline(session: DisputeSession)`)
            if isinstance(stmt, cst.If) and agreement_guard(stmt.test, stmt.orelse, suite_statements(stmt.body)) \
                    and (BARGAIN_SCOPE.search(words_of(node) + " " + strings_of(node)) or self._bargaining()):
                self._scan(statements[i + 1:])
                return

    def _scan(self, statements: list[cst.CSTNode]) -> None:
        for stmt in statements:
            value = statement_value(stmt)
            if isinstance(value, cst.Await):  # `await sanctions.launch(...)` fires the action all the same
                value = value.expression
            head = head_words(value) if isinstance(value, cst.Call) else ""
            # round 13 (holdout10 code causes): a supply cut to zero counts where the function bargains
            bargaining = self._bargaining
            action = conflict_call(value, head, bargaining)
            if action is None and isinstance(value, cst.Call):
                # round 13 (holdout10 code causes): the action fired by a helper defined in this file
                # (`await _enforce(...)` whose body cuts the counterpart off), one call deep
                helper = local_helper(self.ctx.module, self.ctx.units, value.func)
                action = _helper_fires(helper, bargaining) if helper is not None else None
            if action:
                self.ctx.unit.tags.add("conflict-trigger")
                self.report(stmt, action=action)
                return
            if TRIGGER_STEP.search(words_of(stmt)) or isinstance(stmt, (cst.Return, cst.If)):
                return  # a proposal step, or control leaves before any action

    def _bargaining(self) -> bool:
        unit = self.function_unit()
        return bool(BARGAIN_SCOPE.search(words_of(unit.node if unit is not None else self.ctx.unit.node)))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and FAILURE_HANDLER.search(identifier_words(node.keyword.value)):
            head = head_words(node.value) or strings_of(node.value)
            if CONFLICT_ACTION.search(head):
                self.report(node, action=head.split()[-1] if head else "conflict")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = strings_of(node.key)
        if key and FAILURE_HANDLER.search(key):
            value = strings_of(node.value) or head_words(node.value)
            if CONFLICT_ACTION.search(value):
                self.report(node, action=value.split()[-1])
        elif key and _OUTCOME_KEY.match(key):
            # round 21 (generalisation): a dispatch table keyed by the talks' outcome, `{"no_deal": retaliate}`, in
            # a module that bargains
            value = strings_of(node.value) or head_words(node.value)
            if CONFLICT_ACTION.search(value) and not human_handoff(value):
                # a failed deal or failed talks is bargaining already; a bare impasse needs bargaining in view
                talks = _TALKS_KEY.search(key) is not None
                self.report_module(node, keep=lambda ctx: talks or bool(BARGAIN_SCOPE.search(" ".join(ctx.module_words))),
                                   action=value.split()[-1])


# round 13 (holdout10 code causes): cutting the counterpart's supply to zero (`dam.set_release_rate(0)`,
# `grid.set_export_quota(0.0)`) is the costly action of a resource dispute, though no conflict word names it
SUPPLY_SETTER = vocab(r"set(_[a-z]+)*_(rate|supply|flow|release|releases|quota|allocation|output|deliveries|exports?)"
                      r"(?![a-z])")
CUT_OFF = vocab(r"cut_?off|shut_?off|cut_(supply|supplies|flow|release|releases|access|deliveries|exports?)")


# round 18 (holdout14 config causes, read in code too): escalating to a person (`crm.escalate_to_account_manager()`)
# hands the impasse to someone who can still propose or accept a better deal; it fires no costly action
_HUMAN_RECIPIENT = vocab(r"human|manager|supervisor|operator|reviewer|on_?call|staff|owner|representative|person|"
                         r"lead(?![a-z])|desk")
_ENFORCEMENT = vocab(r"legal|enforce|court|authorit|regulator|police|military")


def human_handoff(words: str) -> bool:
    """An escalation whose only recipient is a person, with no other costly action or enforcement named."""
    if not re.search(r"escalat", words) or not _HUMAN_RECIPIENT.search(words) or _ENFORCEMENT.search(words):
        return False
    return not any(CONFLICT_ACTION.search(w) and not w.startswith("escalat") for w in re.split(r"[ _]", words))


def conflict_call(value: cst.CSTNode | None, head: str, bargaining: Callable[[], bool]) -> str | None:
    """The action word of a call that fires a costly action (a conflict word; where bargaining is in view,
    also a cut-off or a supply set to zero)."""
    if not head or THREAT_EXEC.search(head) or human_handoff(head):
        return None
    if CONFLICT_ACTION.search(head):
        return head.split()[-1]
    if not (CUT_OFF.search(head) or SUPPLY_SETTER.search(head)) or not bargaining():
        return None
    if CUT_OFF.search(head):
        return head.split()[-1]
    if isinstance(value, cst.Call) and SUPPLY_SETTER.search(head) and any(
            isinstance(a.value, (cst.Integer, cst.Float)) and _number(a.value.value) == 0 for a in value.args):
        return head.split()[-1]
    return None


def local_helper(module: cst.Module, units, func: cst.CSTNode) -> cst.FunctionDef | None:
    """The function a call runs when it is defined in this file: `helper(...)` at module level, or
    `self.helper(...)` in the enclosing class."""
    if isinstance(func, cst.Name):
        name, scopes = func.value, [module.body]
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
        name = func.attr.value
        scopes = [u.node.body.body for u in reversed(units) if isinstance(u.node, cst.ClassDef)][:1]
    else:
        return None
    for body in scopes:
        for stmt in body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
                return stmt
    return None


def _helper_fires(fn: cst.FunctionDef, bargaining: Callable[[], bool]) -> str | None:
    """The conflict action a helper's body fires before any proposal step or branch."""
    for stmt in suite_statements(fn.body):
        value = statement_value(stmt)
        if isinstance(value, cst.Await):
            value = value.expression
        action = conflict_call(value, head_words(value) if isinstance(value, cst.Call) else "", bargaining)
        if action:
            return action
        if TRIGGER_STEP.search(words_of(stmt)) or isinstance(stmt, (cst.Return, cst.If)):
            return None
    return None


# round 12 (holdout11 causes): a guard clause needs bargaining in view (a form's `terms_agreed` is no deal)
BARGAIN_SCOPE = vocab(r"negotiat|renegotiat|bargain|counterpart|opponent|rival|treaty|ultimatum|deal(?![a-z])|deals|"
                      r"talks(?![a-z])|disputes?(?![a-z])|dispute_")


def agreement_guard(test: cst.CSTNode, orelse: cst.CSTNode | None, body: list[cst.CSTNode]) -> bool:
    """`if deal.accepted: return`, `if status == "agreed": return`: leave the block when agreement was reached."""
    if orelse is not None or not body or not all(isinstance(b, (cst.Return, cst.Continue)) for b in body):
        return False
    said = words_of(test) + " " + strings_of(test)
    if not AGREEMENT.search(said) or FAILURE.search(said) or negated_test(test, AGREEMENT) or _is_not(test):
        return False
    return not any(op in (cst.NotEqual, cst.IsNot, cst.NotIn) for op in comparison_ops(test))


# S18 / S26 ------------------------------------------------------------------------------


_DEMAND_VALUE = (cst.BinaryOperation, cst.UnaryOperation, cst.Name, cst.Attribute, cst.Integer, cst.Float)


_CLAMP = {"min", "max", "clip", "clamp", "round"}


def _unclamped(value: cst.CSTNode | None) -> cst.CSTNode | None:
    """round 9 (holdout8 causes): `min(0.95, base + 0.15)` is the arithmetic inside, kept in bounds."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in _CLAMP:
        inner = [a.value for a in value.args if isinstance(a.value, cst.BinaryOperation)]
        return inner[0] if len(inner) == 1 else value
    return value


def _scaled_local(stmt: cst.CSTNode, function: str) -> bool:
    """round 9 (holdout8 causes): `target = base * 1.3` in a demand function: a local that the demand is
    computed from, raised by a constant."""
    if not isinstance(stmt, cst.Assign) or not DEMAND.search(function) \
            or not isinstance(stmt.value, cst.BinaryOperation):
        return False
    return any(isinstance(n, (cst.Integer, cst.Float)) for n in (stmt.value.left, stmt.value.right))


def _rebuilt_demand(value: cst.CSTNode | None) -> bool:
    """round 10 (holdout9 causes): `cfg = replace(cfg, target_share=inflate(cfg.target_share))`: a config
    rebuilt with a demand field computed from itself (a plain `demand=self.demand` passes it on unchanged)."""
    if not isinstance(value, cst.Call):
        return False
    for arg in value.args:
        if arg.keyword is None or not DEMAND.search(identifier_words(arg.keyword.value)):
            continue
        if isinstance(arg.value, (cst.Call, cst.BinaryOperation)) and DEMAND.search(words_of(arg.value)):
            return True
    return False


def _changes_demand(statements: list[cst.CSTNode], function: str) -> cst.CSTNode | None:
    """The statement in a branch that sets or returns a demand, if any."""
    for stmt in statements:
        if isinstance(stmt, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, cst.Assign) else [stmt]
            if any(DEMAND.search(words_of(t.target)) for t in targets) or _scaled_local(stmt, function) \
                    or _rebuilt_demand(stmt.value):
                return stmt
        elif isinstance(stmt, cst.Return) and isinstance(_unclamped(stmt.value), _DEMAND_VALUE):
            # a number or arithmetic on a demand; not a program built around an unchanged demand
            if DEMAND.search(words_of(stmt.value)) or DEMAND.search(function):
                return stmt
        elif isinstance(stmt, cst.If):
            inner = _changes_demand(suite_statements(stmt.body), function)
            if inner is not None:
                return inner
    return None


class ParticipationDependentDemand(CodeRule):
    """The demand is raised, or computed from features, according to whether the counterpart takes
    part in SPIs or renegotiation (`if counterpart.uses_renegotiation: demand += premium`)."""

    code = "LO304"
    name = "participation-dependent-demand"
    family = "fixed-demand"
    scenarios = ("S18", "S26")
    severity = "warning"
    confidence = "medium"
    GATE = gate("spi|renegotiat|surrogate|pmp|pareto_ext|cooperative_ai")
    message = ("the demand depends on whether the counterpart takes part in SPIs or renegotiation "
               "(`{flag}`); counterparts that foresee this may decline to participate, which risks "
               "undermining the SPI")
    fix = ("Compute the demand before, and independently of, the participation check; let the flag only "
           "select which program runs on top of an unchanged demand")
    INVALID = (
        "def demand(self, counterpart):\n    base = self.valuation.fair_share()\n"
        "    if counterpart.uses_renegotiation:\n        return base + RENEGOTIATOR_PREMIUM\n    return base\n",
        "features = [cp.is_renegotiator, cp.reputation]\ndemand = demand_model.predict([features])[0]\n",
        # the flag read by key, and a quote tier chosen by it alone
        "def quote_tier(features: dict) -> str:\n    return 'high' if features['is_spi_user'] else 'standard'\n",
        "def opening(card):\n    if card.get('uses_renegotiation'):\n        return HIGH_DEMAND\n    return BASE_DEMAND\n",
        "def choose_stance(card):\n    if card.get('is_spi_user'):\n        return HARDBALL\n    return STANDARD\n",
        # round 9 (holdout8 causes): the raised demand returned inside a clamp
        "def ask_for(rival, fair):\n    if rival.traits.get('runs_renegotiation'):\n        return max(fair, fair + 0.1)\n"
        "    return fair\n",
        # round 10 (holdout9 causes): the demand model's coefficient table weighs the counterpart's SPI use
        "COEFS = {'intercept': 0.2, 'their_deadline': 0.4, 'uses_renegotiation': 0.3}\n\n\n"
        "def ask_share(x):\n    return sum(COEFS[k] * x.get(k, 1.0) for k in COEFS)\n",
        # round 16 (holdout12 causes): the flag's tier kept in a local, then added into the returned demand
        "def opening_demand(rival):\n    bump = 0.1 if rival.runs_renegotiation else 0.0\n"
        "    return max(0.4, FAIR + bump)\n",
        # session 18 (holdout23 causes): a table of demand multipliers looked up by the flag
        "ASK_MULTIPLIER = {True: 1.08, False: 1.00}\n\n\ndef seller_ask(listing, buyer):\n"
        "    return listing.base_price * ASK_MULTIPLIER[buyer.is_spi_user]\n",
    )
    VALID = (
        "demand = opening_demand(history=counterpart.past_demands)\nif counterpart.is_spi_user:\n"
        "    program = RenegotiationProgram(demand)\nelse:\n    program = DefaultProgram(demand)\n",
        "def log_counterpart(cp, log):\n    log.info('spi_user=%s', cp.is_spi_user)\n",
        # the flag picks the program, not the terms; or a tier picked by a feature that is not participation
        "def program_for(card, demand):\n    return RenegotiationProgram(demand) if card['is_spi_user'] else DefaultProgram(demand)\n",
        "def quote_tier(features: dict) -> str:\n    return 'high' if features['enterprise'] else 'standard'\n",
        "def opening(cfg):\n    if cfg.get('is_spi_user'):\n        return HIGH_DEMAND\n    return BASE_DEMAND\n",
        "def choose_program(card):\n    if card.get('is_spi_user'):\n        return RENEGOTIATING\n    return DEFAULT\n",
        # round 9 (holdout8 causes): a clamp around a demand the flag does not change
        "def ask_for(rival, fair):\n    if rival.traits.get('runs_renegotiation'):\n        log.info('renegotiator')\n"
        "    return max(fair, 0.5)\n",
        # round 10 (holdout9 causes): the flag weighted zero; or the weights score something other than a demand
        "COEFS = {'intercept': 0.2, 'their_deadline': 0.4, 'uses_renegotiation': 0.0}\n\n\n"
        "def ask_share(x):\n    return sum(COEFS[k] * x.get(k, 1.0) for k in COEFS)\n",
        "COEFS = {'intercept': 0.2, 'uses_renegotiation': 0.3}\n\n\n"
        "def match_rate(x):\n    return sum(COEFS[k] * x.get(k, 1.0) for k in COEFS)\n",
        # round 16 (holdout12 causes): the tier set by another feature; or the flag's local only logged
        "def opening_demand(rival):\n    bump = 0.1 if rival.is_repeat_buyer else 0.0\n"
        "    return max(0.4, FAIR + bump)\n",
        "def opening_demand(rival):\n    tag = 1 if rival.runs_renegotiation else 0\n    log.info(tag)\n"
        "    return max(0.4, FAIR + 0.05)\n",
        "PROGRAMS = {True: Renegotiating, False: Plain}\n\n\ndef seller_ask(listing, buyer):\n"
        "    program = PROGRAMS[buyer.is_spi_user]\n    return program(listing.base_price)\n",
    )
    # the TypeScript reading (code_ts): a demand or quote picked by the counterpart's participation flag
    # round 17 (holdout13 code causes): a feature list naming the counterpart's participation, read by the demand
    # function's model; near misses: the list names no participation flag, or feeds something other than a demand
    INVALID += (
        "INPUTS = ('rival_deadline', 'rival_runs_renegotiation', 'market_size')\n\n\n"
        "def opening_ask(rival, regressor):\n    row = [[getattr(rival, k) for k in INPUTS]]\n"
        "    return float(regressor.predict(row)[0])\n",
    )
    VALID += (
        "INPUTS = ('rival_deadline', 'market_size')\n\n\n"
        "def opening_ask(rival, regressor):\n    row = [[getattr(rival, k) for k in INPUTS]]\n"
        "    return float(regressor.predict(row)[0])\n",
        "INPUTS = ('rival_deadline', 'rival_runs_renegotiation', 'market_size')\n\n\n"
        "def churn_risk(rival, regressor):\n    row = [[getattr(rival, k) for k in INPUTS]]\n"
        "    return float(regressor.predict(row)[0])\n",
        "INPUTS = ('rival_deadline', 'our_renegotiation_enabled', 'market_size')\n\n\n"
        "def opening_ask(rival, regressor):\n    row = [[getattr(rival, k) for k in INPUTS]]\n"
        "    return float(regressor.predict(row)[0])\n",
    )
    TS_INVALID = (
        "export const askFor = (c: Counterparty) => (c.usesRenegotiation ? 0.8 : 0.6);\n",
        "function quoteTier(features) {\n  return features['is_spi_user'] ? 'high' : 'standard';\n}\n",
        # round 16 (holdout12 causes): the flag's tier kept in a local, then added into the returned demand
        "export const openingAsk = (rival: Rival): number => {\n  const bump = rival.runsRenegotiation ? 0.1 : 0.0;\n"
        "  return Math.max(0.4, FAIR + bump);\n};\n",
    )
    TS_VALID = (
        "export const askFor = (c: Counterparty) => (c.isRepeatCustomer ? 0.8 : 0.6);\n",
        "function programFor(c, demand) {\n  return c.usesRenegotiation ? new Renegotiating(demand) : new Plain(demand);\n}\n",
        # round 16 (holdout12 causes): a tier set by another feature; a participation tag that is not added in
        "export const openingAsk = (rival: Rival): number => {\n  const bump = rival.isRepeatBuyer ? 0.1 : 0.0;\n"
        "  return Math.max(0.4, FAIR + bump);\n};\n",
        "export function openingAsk(rival: Rival): number {\n  const tag = rival.runsRenegotiation ? 'r' : 'p';\n"
        "  log(tag);\n  return FAIR + 0.05;\n}\n",
    )
    TS_INVALID += (
        # session 18 (holdout23 causes): the demand raised in the branch the counterpart's participation takes
        "export function openingDemand(ctx: Ctx): number {\n  let demand = ctx.baseDemand;\n"
        "  if (ctx.counterpart.supportsRenegotiation) {\n    demand += 0.1;\n  }\n  return demand;\n}\n",
        "const INPUTS = ['rivalDeadline', 'rivalRunsRenegotiation', 'marketSize'] as const;\n"
        "export function openingAsk(rival: Rival, model: Regressor): number {\n"
        "  return model.predict([INPUTS.map((k) => rival[k])])[0];\n}\n",
    )
    TS_VALID += (
        "export function openingDemand(ctx: Ctx): number {\n  const demand = ctx.baseDemand;\n"
        "  if (ctx.counterpart.supportsRenegotiation) {\n    log.info('renegotiator');\n  }\n  return demand;\n}\n",
        "const INPUTS = ['rivalDeadline', 'marketSize'] as const;\n"
        "export function openingAsk(rival: Rival, model: Regressor): number {\n"
        "  return model.predict([INPUTS.map((k) => rival[k])])[0];\n}\n",
        "const INPUTS = ['rivalDeadline', 'rivalRunsRenegotiation', 'marketSize'] as const;\n"
        "export function churnRisk(rival: Rival, model: Regressor): number {\n"
        "  return model.predict([INPUTS.map((k) => rival[k])])[0];\n}\n",
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.tainted: dict[int, set[str]] = {}
        # round 16 (holdout12 causes): per function, locals set to a tier by the counterpart's participation
        # (`spi_adj = 0.12 if cp.is_spi_user else 0`): name -> (flag, assignment)
        self.tiers: dict[int, dict[str, tuple[str, cst.CSTNode]]] = {}

    def _taint(self) -> set[str]:
        unit = self.function_unit()
        return self.tainted.setdefault(id(unit.node) if unit else 0, set())

    def visit_If(self, node: cst.If) -> None:
        test = flag_words(node.test)
        if counterpart_participates(test):
            body = suite_statements(node.body)
            stmt = _changes_demand(body, self.unit_name()) or self._picks_stance(body)
            if stmt is not None:
                self.report(stmt, flag=_flag(test))

    def _picks_stance(self, body: list[cst.CSTNode]) -> cst.CSTNode | None:
        """`return HARDBALL` in the flag's branch: a bargaining stance, tier or price picked by the flag."""
        fn = self.unit_name() or ""
        for stmt in body:
            if isinstance(stmt, cst.Return) and isinstance(stmt.value, _TIER_VALUE) \
                    and (_PRICE_TERMS.search(fn) or _STANCE.search(words_of(stmt.value))):
                return stmt
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        value = flag_words(node.value)
        targets = " ".join(words_of(t.target) for t in node.targets)
        tainted = self._taint()
        direct = counterpart_participates(value)
        via = next((w for w in value.split() if w in tainted), None)
        if DEMAND.search(targets) and (direct or via):
            self.report(node, flag=_flag(value) if direct else via)
        elif direct:
            if _PRICE_TERMS.search(targets) and _tier_choice(node.value):
                self.report(node, flag=_flag(value))
                return
            tainted.update(targets.split())
            unit = self.function_unit()
            if unit is not None and _tier_choice(node.value) and counterpart_participates(flag_words(node.value.test)):
                for t in node.targets:
                    if isinstance(t.target, cst.Name):
                        self.tiers.setdefault(id(unit.node), {})[t.target.value] = (_flag(value), node)
        if len(node.targets) == 1:
            self._weights_table(node.targets[0].target, node.value)
            self._feature_list(node.targets[0].target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._weights_table(node.target, node.value)
        self._feature_list(node.target, node.value)

    def _feature_list(self, target: cst.CSTNode, value: cst.CSTNode | None) -> None:
        """round 17 (holdout13 code causes): `FEATURES = ["deal_size", "is_spi_user"]` read off the counterpart and fed
        to the model a demand function predicts with: the counterpart's participation is an input of its demand.
        Judged once the file is walked: a function named for the demand must use the list."""
        if not isinstance(target, cst.Name) or not _FEATURE_LIST.search(identifier_words(target.value)):
            return
        if isinstance(value, cst.Call) and len(value.args) == 1:  # `tuple([...])`, `frozenset([...])`
            value = value.args[0].value
        if not isinstance(value, (cst.List, cst.Tuple)):
            return
        name = target.value
        for element in value.elements:
            said = strings_of(element.value) if isinstance(element.value, cst.SimpleString) else ""
            if said and counterpart_participates(said):
                self.report_module(element, keep=lambda ctx: _used_for_demand(ctx.module, name), flag=_flag(said))
                return

    def _weights_table(self, target: cst.CSTNode, value: cst.CSTNode | None) -> None:
        """round 10 (holdout9 causes): `WEIGHTS = {"our_batna": 0.8, "is_spi_user": 0.45}`: a demand model's
        coefficient table gives the counterpart's participation flag a weight of its own. Judged once the file
        is walked: the module must compute a demand (from these weights, or beside them)."""
        if not isinstance(value, cst.Dict) or not _WEIGHTS.search(words_of(target)):
            return
        for element in value.elements:
            key = element.key if isinstance(element, cst.DictElement) else None
            if not isinstance(key, cst.SimpleString) or not _nonzero(element.value):
                continue
            said = strings_of(key)
            if counterpart_participates(said):
                self.report_module(element, keep=lambda ctx: bool(DEMAND.search(" ".join(ctx.module_words))),
                                   flag=_flag(said))
                return

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """session 18 (holdout23 causes): `ASK_MULTIPLIER[buyer.is_spi_user]` in a demand or price function: a table of
        demands looked up by the counterpart's participation flag."""
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return
        test = flag_words(node.slice[0].slice.value)
        if counterpart_participates(test) and _PRICE_TERMS.search(words_of(node.value)) \
                and _PRICE_TERMS.search(self.unit_name() or ""):
            self.report(node, flag=_flag(test))

    def visit_Return(self, node: cst.Return) -> None:
        # `return "high" if features["is_spi_user"] else "standard"` in a quote or demand function
        value = node.value
        if isinstance(value, cst.IfExp) and _PRICE_TERMS.search(self.unit_name() or "") and _tier_choice(value):
            test = flag_words(value.test)
            if counterpart_participates(test):
                self.report(node, flag=_flag(test))
                return
        self._tier_returned(value)

    def _tier_returned(self, value: cst.CSTNode | None) -> None:
        """round 16 (holdout12 causes): `spi_adj = 0.12 if cp.is_spi_user else 0` then `return min(0.9, BASE +
        spi_adj)` in a demand function: the participation tier is added into the demand it returns."""
        unit = self.function_unit()
        tiers = self.tiers.get(id(unit.node)) if unit is not None else None
        inner = _unclamped(value)
        if not tiers or not isinstance(inner, cst.BinaryOperation) or not DEMAND.search(self.unit_name()):
            return
        for n in iter_tree(inner):
            if isinstance(n, cst.Name) and n.value in tiers:
                flag, assignment = tiers.pop(n.value)
                self.report(assignment, flag=flag)
                return


# what a participation flag may pick besides a demand: a price, a quote tier, the terms offered
_PRICE_TERMS = vocab(r"demand|ask(?![a-z])|asking|reservation|aspiration|markup|premium|quote|price|pricing|"
                     r"tier|band|rate(?![a-z])|terms(?![a-z])|bid(?![a-z])|opening|stance|toughness")
_STANCE = vocab(r"hardball|hawk|tough|aggress|firm(?![a-z])|push_harder|high_demand|lowball")
_PARTY_FLAG = re.compile(r"(?<![a-z0-9])(?:uses|is|has|supports|runs|offers|accepts)_\w*(?:renegotiat|spi|surrogate|pareto)")


# round 17 (holdout13 code causes): a model's list of input names (`FEATURES`, `feature_names`, `INPUT_COLUMNS`)
_FEATURE_LIST = vocab(r"features?(?![a-z])|feature_(names|cols|columns|keys|list)|inputs(?![a-z])|input_(columns|cols|"
                      r"names|fields)|columns(?![a-z])|covariates|predictors|regressors")


def _used_for_demand(module: cst.Module, name: str) -> bool:
    """A function named for the demand (`demand_for`, `opening_ask`) reads the list `name`."""
    for node in iter_tree(module):
        if isinstance(node, cst.FunctionDef) and DEMAND.search(identifier_words(node.name.value)) \
                and any(isinstance(n, cst.Name) and n.value == name for n in iter_tree(node.body)):
            return True
    return False


# a model's coefficient table (`WEIGHTS`, `coefs`, `FEATURE_WEIGHTS`, `betas`)
_WEIGHTS = vocab(r"weights?(?![a-z])|coef|coefficients?(?![a-z])|betas?(?![a-z])|feature_weights")


def _nonzero(value: cst.CSTNode) -> bool:
    """A literal number other than zero (`0.45`, `-0.3`): the flag moves the model's output."""
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value = value.expression
    number = _literal_number(value)
    return number is not None and number != 0


def counterpart_participates(test: str) -> bool:
    """A test on whether the counterpart takes part in SPIs: its participation named with the counterpart
    (`counterpart.uses_renegotiation`), or a party predicate (`features["is_spi_user"]`) that is not our own."""
    if not PARTICIPATION.search(test):
        return False
    return bool(COUNTERPART.search(test) or (_PARTY_FLAG.search(test) and not OWN.search(test)))


_TIER_VALUE = (cst.Integer, cst.Float, cst.SimpleString, cst.Name, cst.Attribute, cst.BinaryOperation, cst.UnaryOperation)


def _tier_choice(value: cst.CSTNode) -> bool:
    """`A if flag else B` whose branches are values (numbers, tiers, constants), not programs to run."""
    return isinstance(value, cst.IfExp) and isinstance(value.body, _TIER_VALUE) and isinstance(value.orelse, _TIER_VALUE)


def _flag(words: str) -> str:
    for word in words.split():
        if PARTICIPATION.search(word):
            return word
    return words.split()[0] if words else "participation"


# S17 ------------------------------------------------------------------------------------


class DemandInflation(CodeRule):
    """Our own demand is raised because we use renegotiation or a surrogate goal ourselves
    (`if self.config.renegotiation_enabled: demand *= 1.25`)."""

    code = "LO305"
    name = "demand-inflation"
    family = "fixed-demand"
    scenarios = ("S17", "S19")
    severity = "warning"
    confidence = "medium"
    GATE = ParticipationDependentDemand.GATE
    message = ("the demand goes up when our own SPI feature (`{flag}`) is on; counterparts only take part in "
               "SPIs if participation does not incentivise higher demands, so this risks undermining the SPI")
    fix = "Set the demand by a process that does not look at whether SPIs or renegotiation will be available"
    INVALID = (
        "def opening_demand(self):\n    demand = self.valuation.fair_share()\n"
        "    if self.config.renegotiation_enabled:\n        demand *= 1.25\n    return demand\n",
        "def shaped_reward(self, episode):\n    reward = episode.payoff\n    if self.cfg.surrogate_goal_planned:\n"
        "        reward += HAWK_BONUS * episode.concessions_refused\n    return reward\n",
        # the same choice as a conditional expression
        "ASK = FAIR_ASK * 1.3 if SURROGATE_GOAL_ENABLED else FAIR_ASK\n",
        # the reason is given in a comment: the SPI makes breakdown cheap, so the demand goes up
        "@dataclass\nclass Terms:\n    spi_on: bool = True\n"
        "    # with the SPI softening any breakdown we can aim higher\n    reservation: float = 0.8\n",
        "target_demand = 0.75  # renegotiation caps the cost of no deal, so ask for more\n",
        # a larger literal demand while our renegotiation layer is on
        "OPENING_DEMAND = 0.75 if RENEGOTIATION_ENABLED else 0.6\n",
        "def opening_demand(self):\n    return 0.72 if self.cfg.renegotiation_enabled else 0.55\n",
        # round 9 (holdout8 causes): a local the demand is computed from, scaled up while our SPI is on
        "def ask_schedule(step, fair=0.5):\n    goal = fair\n    if SURROGATE_GOAL_ENABLED:\n        goal = fair * 1.2\n"
        "    return goal - 0.01 * step\n",
        # round 10 (holdout9 causes): the settings rebuilt with each demand field computed from itself
        "def make_settings(own_renegotiation_on):\n    s = Settings()\n    if s.renegotiation_enabled:\n"
        "        s = dataclasses.replace(s, reserve_price=bump(s.reserve_price), ask=s.ask + 0.1)\n    return s\n",
    )
    VALID = (
        "def opening_demand(self):\n    return self.valuation.fair_share()\n",
        "def act(self):\n    if self.config.renegotiation_enabled:\n        self.program = RenegotiationProgram(self.demand)\n",
        "ASK = FAIR_ASK * 1.3 if counterpart_is_stubborn else FAIR_ASK\n",
        "# renegotiation is on, but we do not ask for more because of it\ntarget_demand = 0.6\n",
        "# push harder when the market is tight\ntarget_demand = 0.7\n",
        # the counterpart's renegotiation as the reason: participation-dependent (LO304), not our own SPI
        "if rival.supports_renegotiation:\n    ask = BASE + 0.1  # they can renegotiate anyway, so ask for more\n",
        "OPENING_DEMAND = 0.6 if RENEGOTIATION_ENABLED else 0.6\n",
        "OPENING_DEMAND = 0.75 if MARKET_TIGHT else 0.6\n",
        # round 9 (holdout8 causes): the flag scales something that is not in a demand function
        "def retry_budget(step, base=5):\n    budget = base\n    if SURROGATE_GOAL_ENABLED:\n        budget = base * 2\n"
        "    return budget\n",
        # round 10 (holdout9 causes): the flag builds the program around the demand it is handed, unchanged
        "def make_program(s):\n    if s.renegotiation_enabled:\n"
        "        s = dataclasses.replace(s, ask=s.ask, program=RenegotiationProgram(s.ask))\n    return s\n",
    )
    INVALID += (
        # holdout25: an increment added to the demand while our renegotiation feature is on
        "@attrs.define\nclass BargainingConfig:\n    renegotiation_enabled: bool = True\n    base_demand: float = 0.55\n\n"
        "    @property\n    def opening_demand(self) -> float:\n"
        "        return self.base_demand + (0.10 if self.renegotiation_enabled else 0.0)\n",
    )
    VALID += (
        "def opening_demand(self):\n    return self.base_demand + (0.0 if self.renegotiation_enabled else 0.0)\n",
        "def opening_demand(self):\n    return self.base_demand + (0.10 if self.market_tight else 0.0)\n",
    )
    TS_INVALID = (
        "const RENEGOTIATION_ENABLED = true;\nconst OPENING_DEMAND = RENEGOTIATION_ENABLED ? 0.75 : 0.6;\n",
        "export function openingDemand(cfg: Config): number {\n  return cfg.renegotiationEnabled ? 0.72 : 0.55;\n}\n",
    )
    TS_VALID = (
        "const MARKET_TIGHT = true;\nconst OPENING_DEMAND = MARKET_TIGHT ? 0.75 : 0.6;\n",
        "const RENEGOTIATION_ENABLED = true;\nconst PROGRAM = RENEGOTIATION_ENABLED ? 'renegotiating' : 'default';\n",
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.reported: set[int] = set()  # statements already reported from their comment

    def visit_If(self, node: cst.If) -> None:
        test = words_of(node.test)
        if not _own_spi_flag(test):
            return
        body = suite_statements(node.body)
        stmt = _changes_demand(body, self.unit_name()) or _rewards_hawkishness(body)
        if stmt is not None:
            self.report(stmt, flag=_flag(test))

    def visit_Assign(self, node: cst.Assign) -> None:
        # `DEMAND = BASE + 0.2 if RENEGOTIATION_ENABLED else BASE`: the visit_If shape in one expression
        value = node.value
        if isinstance(value, cst.IfExp) and _own_spi_flag(words_of(value.test)) \
                and any(DEMAND.search(words_of(t.target)) for t in node.targets) \
                and _raised_branch(value) and id(node) not in self.reported:
            self.report(node, flag=_flag(words_of(value.test)))

    def visit_Return(self, node: cst.Return) -> None:
        # `def opening_demand(self): return 0.75 if self.cfg.renegotiation_enabled else 0.6`; holdout25: or an increment
        # added while the flag is on (`return self.base_demand + (0.10 if self.renegotiation_enabled else 0.0)`)
        value = node.value
        choice = value if isinstance(value, cst.IfExp) else _conditional_increment(value)
        if choice is not None and DEMAND.search(self.unit_name() or "") \
                and _own_spi_flag(words_of(choice.test)) and _raised_branch(choice):
            self.report(node, flag=_flag(words_of(choice.test)))

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        # a demand set with the SPI given as the reason to ask for more, in the comment beside it
        reason = _stated_reason(node)
        if not reason or not PARTICIPATION.search(reason) or not _ASK_MORE.search(reason) \
                or _NOT_THE_REASON.search(reason) or COUNTERPART.search(reason) or _THEY.search(reason):
            return  # "they will renegotiate anyway, so ask for more" is the counterpart's participation: LO304's shape
        for stmt in node.body:
            targets = stmt.targets if isinstance(stmt, cst.Assign) else \
                [stmt] if isinstance(stmt, (cst.AnnAssign, cst.AugAssign)) else []
            if any(DEMAND.search(words_of(t.target)) for t in targets):
                self.reported.add(id(stmt))
                self.report(stmt, flag=re.match(r"[a-z0-9]+", reason[PARTICIPATION.search(reason).start():]).group())
                return


def _literal_number(node: cst.CSTNode) -> float | None:
    if isinstance(node, (cst.Integer, cst.Float)):
        try:
            return float(node.value.replace("_", ""))
        except ValueError:
            return None
    return None


def _conditional_increment(value: cst.CSTNode | None) -> cst.IfExp | None:
    """`base + (0.10 if flag else 0.0)`, `base * (1.2 if flag else 1.0)`: the conditional term of a sum or product."""
    if not isinstance(value, cst.BinaryOperation) or not isinstance(value.operator, (cst.Add, cst.Multiply)):
        return None
    return next((side for side in (value.right, value.left) if isinstance(side, cst.IfExp)), None)


def _raised_branch(value: cst.IfExp) -> bool:
    """The flag-on branch computes a demand (`BASE * 1.3`, `f(...)`) or is a larger literal (0.75 vs 0.6)."""
    if isinstance(value.body, (cst.BinaryOperation, cst.Call)):
        return True
    on, off = _literal_number(value.body), _literal_number(value.orelse)
    return on is not None and off is not None and on > off


def _own_spi_flag(test: str) -> bool:
    """A test on our own SPI feature (`self.config.renegotiation_enabled`), not on the counterpart's."""
    return bool(PARTICIPATION.search(test) and not COUNTERPART.search(test) and OWN.search(test))


_ASK_MORE = vocab(r"ask_(for_)?more|ask_higher|aim_higher|push_(harder|for_more)|demand_more|more_aggressive|"
                  r"raise|raising|bump|inflat|higher|harder|greedier|tougher|hawkish")
_THEY = vocab(r"they|them|their|theirs")
_NOT_THE_REASON = vocab(r"not(?![a-z])|never|don_t|doesn_t|independent|regardless|unchanged|no_matter|same_as")


def _stated_reason(line: cst.SimpleStatementLine) -> str:
    """The comment block right above a statement line and the comment at its end, as words."""
    block: list[str] = []
    for empty in line.leading_lines:
        block = block + [empty.comment.value] if empty.comment is not None else []  # a blank line ends a block
    trailing = line.trailing_whitespace.comment
    if trailing is not None:
        block.append(trailing.value)
    return normalise_text(" ".join(block))


_HAWKISH = vocab(r"hawk|refus|tough|aggress|firm|hold_out|no_concession|concessions_refused|stubborn")


def _rewards_hawkishness(statements: list[cst.CSTNode]) -> cst.CSTNode | None:
    """Reward shaping that pays for refusing concessions (the S19 shape)."""
    for stmt in statements:
        if isinstance(stmt, cst.AugAssign) and _REWARD_FN.search(words_of(stmt.target)) \
                and _HAWKISH.search(words_of(stmt.value)):
            return stmt
    return None


# S27 ------------------------------------------------------------------------------------

_OFFERED_IMPROVEMENT = vocab(r"pareto|improvement|pmp|extension|extended|generous")
_TIGHTEN = vocab(r"tighten|shrink|narrow|restrict|punish|harden|raise_demand|increase_demand|penali")


class PunishingSpiParticipants(CodeRule):
    """The policy gets tougher (tighter set, higher demand, rejection) when the counterpart offers
    Pareto improvements or a larger renegotiation set."""

    code = "LO306"
    name = "punishing-spi-participants"
    family = "demand-conditioning"
    scenarios = ("S27",)
    severity = "warning"
    confidence = "medium"
    # round 10 (holdout9 causes): `if their_set:` needs only the counterpart's collection named
    GATE = gate("pareto|improvement|pmp|extension|extended|generous|len(|set|offers|proposals|options|alternatives|"
                "compromises|theirs")
    message = ("the response gets worse when the counterpart offers Pareto improvements (`{trigger}`); "
               "this risks undermining the non-punishment beliefs that make offering an SPI worthwhile")
    fix = "Respond at least as favourably to an extended set or an offered improvement as to the unextended one"
    INVALID = (
        "def on_proposal(self, proposal):\n    if proposal.is_pareto_improvement:\n"
        "        self.demand *= 1.1\n        return reject(proposal)\n",
        "def update_set(self, their_set):\n    if len(their_set) > len(self.last_seen_set):\n"
        "        self.my_set = tighten(self.my_set)\n    return self.my_set\n",
        "def revise(mine, theirs, theirs_before):\n    if len(theirs) > len(theirs_before):\n"
        "        mine = [o for o in mine if o.our_payoff >= 0.8]\n    return mine\n",
        # the growth computed first, then our set cut down to its best-for-us part
        "def update(own, theirs_before, theirs_now):\n    growth = len(theirs_now) - len(theirs_before)\n"
        "    if growth > 0:\n        own = set(sorted(own, key=our_payoff, reverse=True)[:len(own) - growth])\n"
        "    return own\n",
        # the improvement named by the message kind
        "def next_terms(terms, msg):\n    if msg.kind == 'pareto_improvement_proposal':\n"
        "        return tighten(terms, 0.05)\n    return terms\n",
        # round 10 (holdout9 causes): any improvement put on the table raises the bar our own set must clear
        "def my_offers(mine, rival_offers):\n    if rival_offers:\n        top = max(o.for_us for o in rival_offers)\n"
        "        mine = [o for o in mine if o.for_us > top + MARGIN]\n    return mine\n",
        # round 13 (holdout10 code causes): whether their set grew kept in a local; our set returned cut to a bar
        "def prune(ours, theirs_now, theirs_then):\n    widened = len(theirs_now) > len(theirs_then)\n"
        "    if widened:\n        return [o for o in ours if o.gain_for_us > 0.9]\n    return ours\n",
        # round 14 (holdout12 code causes): their collection measured against its earlier size; ours returned cut
        # to its best-for-us few
        "def next_offers(mine, their_latest, their_earlier):\n    if len(their_latest) > len(their_earlier):\n"
        "        k = len(mine) // 2\n        return sorted(mine, key=lambda o: o.for_us, reverse=True)[:k]\n"
        "    return mine\n",
    )
    VALID = (
        "def on_proposal(self, proposal):\n    if proposal.demand_for_them > self.last_demand_for_them:\n"
        "        self.offer = counter_offer(proposal)\n    return evaluate(proposal)\n",
        "def handle(offer, conflict):\n    if offer.is_threat and not pareto_improves(offer.outcome, conflict):\n"
        "        return reject(offer)\n    return evaluate(offer)\n",
        "def revise(mine, theirs, theirs_before):\n    if len(theirs) > len(theirs_before):\n"
        "        mine = mine + [o for o in theirs if o.our_payoff >= 0.5]\n    return mine\n",
        "def update(own, theirs_before, theirs_now):\n    growth = len(theirs_now) - len(theirs_before)\n"
        "    if growth > 0:\n        own = own | set(theirs_now[:growth])\n    return own\n",
        "def next_terms(terms, msg):\n    if msg.kind == 'threat':\n        return tighten(terms, 0.05)\n    return terms\n",
        # round 10 (holdout9 causes): with their set on the table, ours is cut to what both hold (the intersection)
        "def my_offers(mine, rival_offers):\n    if rival_offers:\n        mine = [o for o in mine if o in rival_offers]\n"
        "    return mine\n",
        # round 13 (holdout10 code causes): with their set grown, ours is returned cut to what both hold
        "def prune(ours, theirs_now, theirs_then):\n    widened = len(theirs_now) > len(theirs_then)\n"
        "    if widened:\n        return [o for o in ours if o in theirs_now]\n    return ours\n",
        # round 14 (holdout12 code causes): with theirs grown, the first few of THEIR set are taken up; and a
        # page of our own rows cut when our own list grew
        "def next_offers(mine, their_latest, their_earlier):\n    if len(their_latest) > len(their_earlier):\n"
        "        k = len(mine) // 2\n        return sorted(their_latest, key=lambda o: o.for_us, reverse=True)[:k]\n"
        "    return mine\n",
        "def page(my_rows, my_rows_before):\n    if len(my_rows) > len(my_rows_before):\n        return my_rows[:50]\n"
        "    return my_rows\n",
    )
    # the TypeScript reading (code_ts): the counterpart's set is larger than before, and ours narrows
    TS_INVALID = (
        "function respond(mine: Deal[], theirOffers: Deal[], lastCount: number) {\n"
        "  if (lastCount < theirOffers.length) {\n    mine = mine.filter(d => d.forUs > 0.8);\n  }\n  return mine;\n}\n",
        "function adjust(ourSet, counterpartSet, before) {\n  if (counterpartSet.size >= before.size) {\n"
        "    return tightenTerms(ourSet);\n  }\n  return ourSet;\n}\n",
        # an improvement named by the message kind, then tougher terms
        "export function nextTerms(terms: Terms, msg: Message): Terms {\n"
        "  if (msg.kind === 'pareto_improvement_proposal') {\n    return tighten(terms, 0.05);\n  }\n  return terms;\n}\n",
        "function onMessage(terms, msg) {\n  if (msg.kind == 'pmp_extension_offer') {\n    terms.demand *= 1.1;\n  }\n"
        "  return terms;\n}\n",
        # round 14 (holdout12 code causes): theirs against its earlier size; ours returned cut to its best few
        "export function nextSet(mine: Offer[], theirNow: Offer[], theirPrev: Offer[]): Offer[] {\n"
        "  if (theirNow.length > theirPrev.length) {\n    const keep = Math.max(1, Math.floor(mine.length / 2));\n"
        "    return [...mine].sort((a, b) => b.forUs - a.forUs).slice(0, keep);\n  }\n  return mine;\n}\n",
    )
    TS_VALID = (
        "function respond(mine: Deal[], theirOffers: Deal[], lastCount: number) {\n"
        "  if (lastCount < theirOffers.length) {\n    mine = mine.concat(theirOffers.filter(d => d.forUs > 0.5));\n"
        "  }\n  return mine;\n}\n",
        "function page(rows, others) {\n  if (others.length > 20) {\n    return myRows.filter(r => r.pinned);\n  }\n}\n",
        "export function nextTerms(terms: Terms, msg: Message): Terms {\n"
        "  if (msg.kind === 'pareto_improvement_proposal') {\n    return acceptIfBetter(terms, msg);\n  }\n  return terms;\n}\n",
        "function load(file) {\n  if (file.extension === '.bak') {\n    return reject(file);\n  }\n}\n",
        # round 14 (holdout12 code causes): with theirs grown, the best of THEIR set is taken up
        "export function nextSet(mine: Offer[], theirNow: Offer[], theirPrev: Offer[]): Offer[] {\n"
        "  if (theirNow.length > theirPrev.length) {\n    const keep = Math.max(1, Math.floor(mine.length / 2));\n"
        "    return [...theirNow].sort((a, b) => b.forUs - a.forUs).slice(0, keep);\n  }\n  return mine;\n}\n",
    )

    # round 17 (holdout13 code causes): the set the policy keeps on itself, refiltered to a payoff bar when the
    # counterpart's set has grown past the size last seen; near misses take theirs up, or trim on our own growth
    INVALID += (
        "class Bargainer:\n    def on_update(self, rival_options):\n        if len(rival_options) > self.seen_count:\n"
        "            self.options = [x for x in self.options if x.payoff_for_us > 0.75]\n"
        "        self.seen_count = len(rival_options)\n        return self.options\n",
    )
    VALID += (
        "class Bargainer:\n    def on_update(self, rival_options):\n        if len(rival_options) > self.seen_count:\n"
        "            self.options = self.options + [x for x in rival_options if x.payoff_for_us > 0.5]\n"
        "        self.seen_count = len(rival_options)\n        return self.options\n",
        "class Cache:\n    def trim(self, rival_options):\n        if len(self.entries) > self.limit:\n"
        "            self.entries = [e for e in self.entries if e.age < 60]\n        return self.entries\n",
    )
    TS_INVALID += (
        "export class Bargainer {\n  onUpdate(rivalOptions: Option[]): Option[] {\n"
        "    if (rivalOptions.length > this.seenCount) {\n"
        "      this.options = this.options.filter((x) => x.payoffForUs > 0.75);\n    }\n"
        "    this.seenCount = rivalOptions.length;\n    return this.options;\n  }\n}\n",
    )
    TS_VALID += (
        "export class Bargainer {\n  onUpdate(rivalOptions: Option[]): Option[] {\n"
        "    if (rivalOptions.length > this.seenCount) {\n"
        "      this.options = this.options.concat(rivalOptions).filter((x) => x.payoffForUs > 0.5);\n    }\n"
        "    this.seenCount = rivalOptions.length;\n    return this.options;\n  }\n}\n",
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.growth: set[str] = set()  # local names holding how much the counterpart's set grew
        self.grown: set[str] = set()  # round 13: local names holding whether it grew

    def visit_Assign(self, node: cst.Assign) -> None:
        # `growth = len(theirs_now) - len(theirs_before)`: a later `if growth > 0` is their set growing
        value = node.value
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Subtract) \
                and self._their_size(value.left, value.right):
            self.growth.add(node.targets[0].target.value)
        # round 13 (holdout10 code causes): `grew = len(their_set) > len(prev_their_set)`, then `if grew:`
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and (self._their_set_grows(value) or self._grew(value)):
            self.grown.add(node.targets[0].target.value)

    def visit_If(self, node: cst.If) -> None:
        positive = words_of(node.test, positive_only=True)
        compared = _compared_strings(node.test)
        trigger = _OFFERED_IMPROVEMENT.search(positive) or _IMPROVEMENT_MESSAGE.search(compared)
        offering = not trigger and _they_offer_any(node.test)
        grown = isinstance(node.test, cst.Name) and node.test.value in self.grown
        if not trigger and not offering and not grown and not self._their_set_grows(node.test) \
                and not self._grew(node.test):
            return
        for stmt in suite_statements(node.body):
            value = statement_value(stmt)
            tougher = (
                (isinstance(stmt, cst.AugAssign) and DEMAND.search(words_of(stmt.target))
                 and isinstance(stmt.operator, (cst.MultiplyAssign, cst.AddAssign)))
                or _TIGHTEN.search(head_words(value))
                or (isinstance(stmt, cst.Return) and REFUSAL.search(head_words(value)) and not offering)
                or (_refilters_own_set(stmt) and (not offering or _raises_own_bar(stmt)))
                or _returns_own_subset(stmt)
                or (_returns_own_slice(stmt) and not offering)
            )
            if tougher:
                word = next((w for w in positive.split() if _OFFERED_IMPROVEMENT.search(w)), "") \
                    or next((w for w in compared.split() if _IMPROVEMENT_MESSAGE.search(w)), "")
                self.report(node, trigger=word or ("they offer a set" if offering else "their set grew"))
                return

    @classmethod
    def _their_size(cls, expr: cst.CSTNode, other: cst.CSTNode | None = None) -> bool:
        """`len(theirs_now)`: the size of the counterpart's set of offers or options; or, round 14 (holdout12
        code causes), of anything of theirs measured against its own earlier size (`len(their_now)` against
        `len(their_prev)`)."""
        if not isinstance(expr, cst.Call):
            return False
        found = words_of(expr)
        if "len" not in found.split() or not COUNTERPART.search(found):
            return False
        return bool(_SET_WORD.search(found)) or _their_earlier_size(other)

    def _grew(self, test: cst.CSTNode) -> bool:
        """`growth > 0` (growth = their size minus before), or `len(theirs) - len(before) > 0` inline."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
                or not isinstance(test.comparisons[0].operator, (cst.GreaterThan, cst.GreaterThanEqual)):
            return False
        left = test.left
        if isinstance(left, cst.Name):
            return left.value in self.growth
        return isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Subtract) \
            and self._their_size(left.left, left.right)

    @classmethod
    def _their_set_grows(cls, test: cst.CSTNode) -> bool:
        if not isinstance(test, cst.Comparison) or not isinstance(test.left, cst.Call):
            return False
        if not isinstance(test.comparisons[0].operator, (cst.GreaterThan, cst.GreaterThanEqual)):
            return False
        return cls._their_size(test.left, test.comparisons[0].comparator)


_SET_WORD = re.compile(r"set|offer|improvement|proposal|theirs|compromis|option|alternative")
# a message kind compared against: `msg.kind == "pareto_improvement_proposal"` (narrower than the identifier
# vocabulary: an `extension` string is as often a file's)
_IMPROVEMENT_MESSAGE = vocab(r"pareto|pmp|improvement")


def _they_offer_any(test: cst.CSTNode) -> bool:
    """round 10 (holdout9 causes): `if their_set:`, `if counterpart.proposals:`: the counterpart has put
    improvements (a non-empty renegotiation set) on the table at all."""
    if isinstance(test, cst.Call) and words_of(test.func) in ("len", "bool", "any") and len(test.args) == 1:
        test = test.args[0].value
    if not isinstance(test, (cst.Name, cst.Attribute)):
        return False
    found = words_of(test)
    return bool(COUNTERPART.search(found)) and bool(_THEIR_SET.search(found))


# what the counterpart puts on the table, as a collection (`set` alone is also `settings`, `offset`)
_THEIR_SET = vocab(r"sets?(?![a-z])|offers(?![a-z])|proposals|improvements|options|alternatives|compromises|"
                   r"theirs(?![a-z])")


def _raises_own_bar(stmt: cst.Assign) -> bool:
    """Our set refiltered by a payoff threshold (`o.ours >= best + STEP`), not cut to what both sets hold
    (`o in their_set`: the intersection a set-valued renegotiation picks from)."""
    ifs = [c for c in iter_tree(stmt.value) if isinstance(c, cst.Comparison)]
    ordered = (cst.GreaterThan, cst.GreaterThanEqual, cst.LessThan, cst.LessThanEqual)
    return any(isinstance(c.operator, ordered) for cmp in ifs for c in cmp.comparisons) and not any(
        isinstance(c.operator, (cst.In, cst.NotIn)) for cmp in ifs for c in cmp.comparisons)


def _compared_strings(test: cst.CSTNode) -> str:
    """String literals an (in)equality or membership test compares against, as words."""
    out = []
    for node in iter_tree(test):
        if isinstance(node, cst.Comparison) and all(
                isinstance(c.operator, (cst.Equal, cst.Is, cst.In)) for c in node.comparisons):
            out.append(strings_of(node))
    return " ".join(w for w in out if w)


def _returns_own_subset(stmt: cst.CSTNode) -> bool:
    """round 13 (holdout10 code causes): `return {o for o in my_set if o.our_payoff >= best - 0.01}`: our own set
    returned cut to what clears a payoff bar (the assigned form is _refilters_own_set's)."""
    if not isinstance(stmt, cst.Return) or not isinstance(stmt.value, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        return False
    comp = stmt.value.for_in
    if not comp.ifs or not isinstance(comp.iter, (cst.Name, cst.Attribute)) or not SELFISH.search(words_of(comp.iter)) \
            or COUNTERPART.search(words_of(comp.iter)):
        return False
    ordered = (cst.GreaterThan, cst.GreaterThanEqual, cst.LessThan, cst.LessThanEqual)
    tests = [c for i in comp.ifs for cmp in iter_tree(i.test) if isinstance(cmp, cst.Comparison) for c in cmp.comparisons]
    return any(isinstance(c.operator, ordered) for c in tests) and not any(
        isinstance(c.operator, (cst.In, cst.NotIn)) for c in tests)


# round 14 (holdout12 code causes): an earlier reading of the same thing (`their_prev`, `theirs_before`)
_EARLIER = vocab(r"prev|previous|before|last|earlier|old(?![a-z])|older|then(?![a-z])|seen|initial|baseline")


def _their_earlier_size(expr: cst.CSTNode | None) -> bool:
    """`len(their_prev)`, `len(self.last_seen)`: the size a counterpart's collection had before."""
    if not isinstance(expr, cst.Call):
        return False
    found = words_of(expr)
    return "len" in found.split() and bool(COUNTERPART.search(found) or _EARLIER.search(found))


def _returns_own_slice(stmt: cst.CSTNode) -> bool:
    """round 14 (holdout12 code causes): `return set(sorted(my_set, key=...)[:keep])`: our own set returned cut to
    its first few (the assigned form is _refilters_own_set's)."""
    if not isinstance(stmt, cst.Return) or stmt.value is None:
        return False
    for node in iter_tree(stmt.value):
        if isinstance(node, cst.Subscript) and any(isinstance(e.slice, cst.Slice) for e in node.slice):
            sliced = words_of(node.value)
            if SELFISH.search(sliced) and not COUNTERPART.search(sliced):
                return True
    return False


def _same_ref(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """The same variable or the same attribute chain (`self.acceptable` and `self.acceptable`)."""
    if isinstance(a, cst.Name) and isinstance(b, cst.Name):
        return a.value == b.value
    if isinstance(a, cst.Attribute) and isinstance(b, cst.Attribute):
        return a.attr.value == b.attr.value and _same_ref(a.value, b.value)
    return False


def _refilters_own_set(stmt: cst.CSTNode) -> bool:
    """`ours = [o for o in ours if ...]`: our own set narrowed by a filter over itself; or cut down
    to its first few (`ours = set(sorted(ours, key=...)[:k])`). round 17 (holdout13 code causes): the set
    may be kept on the policy object (`self.acceptable = {o for o in self.acceptable if ...}`)."""
    if not isinstance(stmt, cst.Assign) or len(stmt.targets) != 1:
        return False
    target = stmt.targets[0].target
    if isinstance(target, cst.Attribute):
        if not isinstance(target.value, cst.Name) or target.value.value not in ("self", "cls"):
            return False
    elif not isinstance(target, cst.Name):
        return False
    value = stmt.value
    for node in iter_tree(value):
        if isinstance(node, cst.Subscript) and any(isinstance(e.slice, cst.Slice) for e in node.slice) \
                and (target.value in words_of(node.value).split() + [n.value for n in iter_tree(node.value)
                                                                     if isinstance(n, cst.Name)]
                     if isinstance(target, cst.Name) else any(_same_ref(n, target) for n in iter_tree(node.value))):
            return True
    if not isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp)) or not value.for_in.ifs:
        return False
    return _same_ref(value.for_in.iter, target)


# S24 ------------------------------------------------------------------------------------

_FALLBACK = vocab(r"fallback|pmm|pareto_meet")
_CONDUCT = vocab(r"aggress|exploit|punish|conduct|behav|history|renegotiates_|defect|complies|greedy|harder|exceed|escalat|"
                 r"max_demand|original_demand|raised_demand|"
                 r"demands_more|retaliat|hawk|"
                 # round 18 (holdout14 code causes): a predicate naming their set held within a bound
                 # (`counterparty.set_within_pmp_cap()`, `respects_cap(cp)`) asks about its conduct too
                 r"(within|respects?|inside|under|below|honou?rs?|stays?|abides?_by|obeys?)_([a-z0-9]+_){0,2}?"
                 r"(cap|caps|capped|bound|bounds|limit|limits|pmp|pmm|ceiling)(?![a-z])")


_THEIR_RENEGOTIATION = vocab(r"renegotiat|propos|offer|acceptable|improvement")
_SUBSET_CALL = vocab(r"issubset|is_subset|subset_of|within|contained_in")


def _bounds_their_set(test: cst.CSTNode) -> bool:
    """`counterpart.renegotiation_set() <= pmp_extension(...)`, `theirs.issubset(cap)`: the counterpart's
    renegotiation set held within a bound (its PMP-extension, a cap) is a condition on its conduct."""
    for node in iter_tree(test):
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            op = node.comparisons[0].operator
            left, right = node.left, node.comparisons[0].comparator
            if isinstance(op, (cst.GreaterThan, cst.GreaterThanEqual)):
                left, right = right, left
            elif not isinstance(op, (cst.LessThan, cst.LessThanEqual)):
                continue
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                and _SUBSET_CALL.search(identifier_words(node.func.attr.value)) and node.args:
            left, right = node.func.value, node.args[0].value
        else:
            continue
        theirs, bound = words_of(left), words_of(right)
        if COUNTERPART.search(theirs) and _THEIR_RENEGOTIATION.search(theirs) and _CAP.search(bound):
            return True
    return False


class UnconditionalFallback(CodeRule):
    """The fallback outcome (e.g. the PMM) is handed to any counterpart, with no condition on how the
    counterpart renegotiates."""

    code = "LO307"
    name = "unconditional-fallback"
    family = "unconditional-fallback"
    scenarios = ("S24",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("fallback|pmm|pareto_meet")
    message = ("`{value}` is offered to any counterpart whatever its conduct; a counterpart then has little to "
               "lose by renegotiating more aggressively, which risks undermining the fallback")
    fix = "Make the fallback conditional on the counterpart not renegotiating more aggressively than its default"
    INVALID = (
        "def renegotiate(self, counterpart, default):\n    return self.fallback_outcome\n",
        "def on_conflict(game, counterpart):\n    return game.pmm_outcome()\n",
        "def renegotiate(self, outcome, counterpart):\n    if counterpart.is_csr_program():\n"
        "        return self.pareto_meet_minimum(outcome)\n    return outcome\n",
        # a bound on our own set says nothing about the counterpart's conduct
        "def fallback(counterpart, game):\n    if our_renegotiation_set(game) <= pmp_extension(game, ME):\n"
        "        return pmm(game)\n    return game.default_outcome()\n",
        # round 18 (holdout14 code causes): naming the cap without asking whether they keep to it is no condition
        "def fallback_for(peer, game):\n    if peer.uses_csr() and game.pmp_cap_known():\n"
        "        return game.pmm_outcome()\n    return None\n",
        # generalisation (structure): the fallback returned as a one-outcome set
        "def offer_set(peer, game):\n    if peer.kind == 'csr':\n        return [game.pmm_outcome()]\n    return []\n",
    )
    VALID = (
        "def renegotiate(self, counterpart, default):\n    if counterpart.renegotiates_aggressively():\n"
        "        return default\n    return self.fallback_outcome\n",
        "def get(key, fallback=None):\n    return fallback\n",
        # offered only to counterparts whose set stays within their PMP-extension
        "def fallback(counterpart, game):\n    if counterpart.renegotiation_set() <= pmp_extension(game, counterpart.id):\n"
        "        return pmm(game)\n    return game.default_outcome()\n",
        # round 18 (holdout14 code causes): the same bound asked through a named predicate
        "def fallback_for(peer, game):\n    if peer.uses_csr() and peer.proposals_stay_under_pmp_cap():\n"
        "        return game.pmm_outcome()\n    return None\n",
    )
    # round 9 (holdout8 causes): the TypeScript reading (code_ts)
    TS_INVALID = (
        "export function settle(rival: Rival, fallbackOutcome: Outcome): Outcome {\n"
        "  const agreed = rival.offers.find(isAcceptable);\n  return agreed || fallbackOutcome;\n}\n",
    )
    TS_VALID = (
        "export function settle(rival: Rival, fallbackOutcome: Outcome): Outcome | null {\n"
        "  if (rival.escalatedDemands()) return null;\n  return rival.offers.find(isAcceptable) ?? fallbackOutcome;\n}\n",
        "export function readSetting(key: string, fallback: string): string {\n  return store.get(key) ?? fallback;\n}\n",
        # round 18 (holdout14 code causes): offered only to a counterpart whose set keeps within the cap
        "export function settle(rival: Rival, fallbackOutcome: Outcome): Outcome | null {\n"
        "  if (!rival.setWithinPmpCap()) return null;\n  return rival.offers.find(isAcceptable) ?? fallbackOutcome;\n}\n",
    )

    def visit_Return(self, node: cst.Return) -> None:
        value = node.value
        if isinstance(value, (cst.Set, cst.List, cst.Tuple)) and len(value.elements) == 1 and isinstance(value.elements[0], cst.Element):
            value = value.elements[0].value  # a one-outcome set (`return {game.pareto_meet_minimum()}`) is that outcome
        head = head_words(value)
        if not head or not _FALLBACK.search(head):
            return

        def keep(unit) -> bool:
            joined = " ".join(unit.words)
            return ("conditioned" not in unit.tags and bool(COUNTERPART.search(joined) or BARGAIN.search(joined)
                                                            or "conflict" in joined or "renegotiat" in joined))

        self.report(node, keep=keep, value=head.split()[-1])

    def visit_If(self, node: cst.If) -> None:
        # a condition on the counterpart's *conduct*; its type (is_csr_program) is not enough
        if _CONDUCT.search(words_of(node.test)) or _bounds_their_set(node.test):
            for unit in self.ctx.units:
                unit.tags.add("conditioned")

    visit_IfExp = visit_If


# S25 ------------------------------------------------------------------------------------

_WHOLE_SET = vocab(r"pareto_improv|pareto_frontier|frontier|pareto_set|pareto_efficient|efficient_outcomes|"
                   r"improves|improvements")
_BOUND = vocab(r"cap(?![a-z])|bound|limit|pmm|pmp|meet|max_for|threshold|them(?![a-z])|their|counterpart|"
               r"opponent|other(?![a-z])")
_OFFER_SET_FN = vocab(r"renegotiat|acceptable|propos|offer|fallback|concession|settle|agree|accept")
_REPORTING_FN = vocab(r"log|report|debug|diagnos|plot|print|record|display|render|test|show|dump")
_CONFLICT_POINT = vocab(r"conflict|disagreement|breakdown|status_quo|no_deal")


class OverGenerousRenegotiationSet(CodeRule):
    """A renegotiation set built as every Pareto improvement (or the whole frontier) with no cap on
    the counterpart's payoff, or an acceptance test that only checks our payoff against conflict."""

    code = "LO308"
    name = "over-generous-renegotiation-set"
    family = "unconditional-fallback"
    scenarios = ("S25",)
    severity = "warning"
    confidence = "medium"
    # round 9 (holdout8 causes): the Pareto test may be written out in a set function that names no frontier
    GATE = gate("pareto|frontier|improve|conflict|disagreement|breakdown|renegotiat|acceptable|propos|settle")
    message = ("{what} has no cap on what the counterpart gets; under DCM's assumptions this gives it a reason to "
               "shape its own set to capture the surplus, which risks undermining renegotiation")
    fix = ("Cap the set at the PMP-extension: Pareto improvements that give the counterpart no more than its "
           "Pareto-meet-minimum payoff, offered only if it does not renegotiate more aggressively")
    # session 17 (holdout22 code causes): the TypeScript reading (code_ts), a filter of the frontier against conflict
    TS_INVALID = (
        "function renegotiationSet(frontier: Outcome[], breakdown: Outcome): Outcome[] {\n"
        "  return frontier.filter(o => o.us > breakdown.us && o.them > breakdown.them);\n}\n",
    )
    TS_VALID = (
        "function renegotiationSet(frontier: Outcome[], breakdown: Outcome, pmm: Outcome): Outcome[] {\n"
        "  return frontier.filter(o => o.us > breakdown.us && o.them > breakdown.them && o.them <= pmm.them);\n}\n",
        "function visibleItems(items: Item[], cutoff: Item): Item[] {\n  return items.filter(o => o.a > cutoff.a && o.b > cutoff.b);\n}\n",
    )
    INVALID = (
        "def renegotiation_set(game, default):\n    return [o for o in game.outcomes if game.pareto_improves(o, default)]\n",
        "class Renegotiator:\n    def acceptable(self, outcome, conflict):\n"
        "        return outcome.payoff[ME] >= conflict.payoff[ME]\n",
        # keeping their payoff above the disagreement point is no cap on it
        "def renegotiation_set(frontier, d):\n    return [o for o in frontier if o.mine >= d.mine and o.other >= d.other]\n",
        # round 9 (holdout8 causes): the Pareto test written out on each side's payoff, with no cap on theirs
        "def acceptable_outcomes(options, status_quo, pay):\n    return [x for x in options if pay(x, US) >= pay(status_quo, US)"
        "\n            and pay(x, THEM) >= pay(status_quo, THEM)]\n",
        # round 15 (holdout13 code causes): each side named by a string, in a call or a subscript
        "def acceptable_outcomes(candidates, status_quo, utility):\n    return {c for c in candidates\n"
        "            if utility(c, 'self') > utility(status_quo, 'self') and utility(c, 'other') >= utility(status_quo, 'other')}\n",
        "def propose_set(options, d):\n    return [x for x in options if x.gain['mine'] >= d.gain['mine'] and x.gain['theirs'] >= d.gain['theirs']]\n",
    )
    VALID = (
        "def renegotiation_set(game, default, counterpart):\n    cap = max(default.payoff[THEM], game.pmm_payoff(THEM))\n"
        "    return [o for o in game.pareto_improvements(default) if o.payoff[THEM] <= cap]\n",
        "def log_frontier(game, default, report):\n    report.frontier = list(game.pareto_improvements(default))\n",
        "def accept(self, offer):\n    return offer.value >= self.reservation_value\n",
        "def renegotiation_set(frontier, d, pmm):\n    return [o for o in frontier if o.mine >= d.mine and o.other <= pmm.other]\n",
        # round 9 (holdout8 causes): the same test, with their payoff capped at the PMM
        "def acceptable_outcomes(options, status_quo, pay, pmm):\n    return [x for x in options if pay(x, US) >= "
        "pay(status_quo, US)\n            and pay(status_quo, THEM) <= pay(x, THEM) <= pmm]\n",
        # round 15 (holdout13 code causes): sides named by strings, their payoff held under a ceiling; strings naming no side
        "def acceptable_outcomes(candidates, status_quo, utility, ceiling):\n    return {c for c in candidates\n"
        "            if utility(c, 'self') > utility(status_quo, 'self') and utility(c, 'other') <= ceiling}\n",
        "def propose_set(routes, d, score):\n    return [r for r in routes if score(r, 'fast') >= score(d, 'fast')"
        " and score(r, 'safe') >= score(d, 'safe')]\n",
    )

    # round 22 (holdout16 code causes): the Pareto test quantified over every party with all(...); near misses: their payoff capped as well, a row filter over columns (no parties)
    INVALID += (
        'def acceptable_outcomes(outcomes, conflict, parties):\n    return [x for x in outcomes if all(x.utility(p) >= conflict.utility(p) for p in parties)]\n',
        'def proposal_set(game, d):\n    return {o for o in game.grid() if all(game.u[k][o] > game.u[k][d] for k in game.agents)}\n',
    )
    VALID += (
        'def acceptable_outcomes(outcomes, conflict, parties, pmm):\n    return [x for x in outcomes if all(x.utility(p) >= conflict.utility(p) for p in parties)\n            and x.utility(THEM) <= pmm]\n',
        'def proposal_set(rows, limits):\n    return [r for r in rows if all(r[c] >= limits[c] for c in r.columns)]\n',
    )

    def visit_Return(self, node: cst.Return) -> None:
        fn = self.unit_name()
        value = node.value
        if value is None or not _OFFER_SET_FN.search(fn) or _REPORTING_FN.search(fn):
            return
        words = words_of(value)
        comprehension = isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp))
        if isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.Call)) and _WHOLE_SET.search(words) \
                or comprehension and _pareto_filter(value):
            if not _CAP.search(words) and not _caps_their_payoff(value):
                self.report(node, keep=_no(_CAP), what="this renegotiation set (every Pareto improvement)")
        elif isinstance(value, cst.Comparison) and ACCEPT.search(fn):
            ops = comparison_ops(value)
            if ops and ops[0] in (cst.GreaterThanEqual, cst.GreaterThan) and _CONFLICT_POINT.search(words) \
                    and not _BOUND.search(words):
                self.report(node, keep=_no(_BOUND), what="this acceptance test (our payoff against conflict only)")


# a named cap on what the counterpart gets; a comparison that keeps their payoff *above* a point is no cap
_CAP = vocab(r"cap(?![a-z])|bound|limit|pmm|pmp|meet|max_for|threshold")
_THEIR_SIDE = vocab(r"them(?![a-z])|their|counterpart|opponent|other(?![a-z])")


_OUR_SIDE = vocab(r"me(?![a-z])|mine|my(?![a-z])|our|ours|us(?![a-z])|self(?![a-z])|own")


# round 15 (holdout13 code causes): a side named by a short string (`payoff(o, "us")`, `u["them"]`)
_SIDE_LITERAL = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,19}")


def side_words(node: cst.CSTNode) -> str:
    """words_of(node), plus the identifier-like string literals in it: a payoff function called with the
    side as a string (`payoff(o, "them")`) names that side as surely as `payoff(o, THEM)` does."""
    named = []
    for n in iter_tree(node):
        if isinstance(n, cst.SimpleString):
            try:
                value = n.evaluated_value
            except Exception:  # noqa: BLE001 - a malformed escape names no side
                continue
            if isinstance(value, str) and _SIDE_LITERAL.fullmatch(value):
                named.append(identifier_words(value))
    return " ".join([words_of(node), *named])


def _greater_sides(value: cst.CSTNode) -> list[str]:
    """The words on the greater side of each `a >= b` / `a > b` (or `b <= a`) comparison in a subtree."""
    out = []
    for node in iter_tree(value):
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            op, right = node.comparisons[0].operator, node.comparisons[0].comparator
            if isinstance(op, (cst.GreaterThan, cst.GreaterThanEqual)):
                out.append(side_words(node.left))
            elif isinstance(op, (cst.LessThan, cst.LessThanEqual)):
                out.append(side_words(right))
    return out


def _pareto_filter(value: cst.CSTNode) -> bool:
    """round 9 (holdout8 causes): `[o for o in outcomes if u_me(o) >= d_me and u_them(o) >= d_them]`: the
    Pareto-improvement test written out, each side's payoff held at or above its default."""
    greater = _greater_sides(value)
    if any(_THEIR_SIDE.search(g) for g in greater) and any(_OUR_SIDE.search(g) for g in greater):
        return True
    return any(_every_party_at_least(n) for n in iter_tree(value) if isinstance(n, cst.Call))


# round 22 (holdout16 code causes): the parties of the game, over which a Pareto test may be quantified
_PARTIES = vocab(r"players?(?![a-z])|parties|agents(?![a-z])|sides(?![a-z])|participants|bargainers|negotiators")


def _every_party_at_least(call: cst.Call) -> bool:
    """round 22 (holdout16 code causes): `all(o.payoff[i] >= d.payoff[i] for i in game.players)`: the Pareto test
    quantified over every party (theirs included), each held at or above the default, none held below anything."""
    if words_of(call.func) != "all" or len(call.args) != 1 or not isinstance(call.args[0].value, cst.GeneratorExp):
        return False
    gen = call.args[0].value
    target = gen.for_in.target
    if gen.for_in.inner_for_in is not None or not isinstance(target, cst.Name) \
            or not _PARTIES.search(words_of(gen.for_in.iter)):
        return False
    test = gen.elt
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    op = test.comparisons[0].operator
    if not isinstance(op, (cst.GreaterThan, cst.GreaterThanEqual, cst.LessThan, cst.LessThanEqual)):
        return False
    party = target.value
    sides = (test.left, test.comparisons[0].comparator)
    return all(any(isinstance(n, cst.Name) and n.value == party for n in iter_tree(side)) for side in sides)


def _caps_their_payoff(value: cst.CSTNode) -> bool:
    """`o.u_other <= pmm`, `cap >= o.their_payoff`: their payoff held below something."""
    for node in iter_tree(value):
        if not isinstance(node, cst.Comparison) or len(node.comparisons) != 1:
            continue
        op = node.comparisons[0].operator
        left, right = side_words(node.left), side_words(node.comparisons[0].comparator)
        if isinstance(op, (cst.GreaterThan, cst.GreaterThanEqual)):
            left, right = right, left
        elif not isinstance(op, (cst.LessThan, cst.LessThanEqual)):
            continue
        # now `left < right`: their payoff on the lesser side, and only there (`o.other >= d.other` bounds it below)
        if _THEIR_SIDE.search(left) and not _THEIR_SIDE.search(right):
            return True
    return False


# S28 ------------------------------------------------------------------------------------

_PROPOSAL_FN = vocab(r"propos|renegotiation_set|improvements|fallback_set|acceptable_set|offer_set")
_OUR_POINT = vocab(r"preferred|favou?rite|our_|best_for_us|my_best|ideal")


class SinglePointProposal(CodeRule):
    """The conflict-time proposal is one hard-coded point, or agreement only if the counterpart
    picked exactly our favourite point."""

    code = "LO309"
    name = "single-point-spi-proposal"
    family = "spi-selection"
    scenarios = ("S28",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("propos|improvement|renegotiat|preferred|favorite|favourite")
    message = ("{what}; a compatible counterpart that proposes a different improvement will not match, which "
               "risks foreclosing the SPI (the selection problem)")
    fix = "Propose a set of improvements (e.g. the PMP-extension, conditioned on theirs) and select from the intersection"
    INVALID = (
        "def propose_improvements(default):\n    return {PREFERRED_OUTCOME}\n",
        "def match(their_proposals):\n    return PREFERRED_OUTCOME if PREFERRED_OUTCOME in their_proposals else None\n",
        # round 9 (holdout8 causes): the same test written as a loop over their proposals
        "def settle(opponent_proposals):\n    for offer in opponent_proposals:\n        if offer == OUR_SPLIT:\n"
        "            return offer\n    return None\n",
    )
    VALID = (
        "def propose_on_conflict(self):\n    return [self.selection_fn(self.game), *self.game.pareto_improvements()]\n",
        "def accept_on_conflict(self, their_proposals):\n    return bool(set(their_proposals) & set(self.proposals()))\n",
        "def propose_improvements(default, their_fn):\n    return pmp_extension(default, conditioned_on=their_fn)\n",
        "def suggest_opening_offer(history):\n    return max(history.offers, key=score)\n",
        # round 9 (holdout8 causes): a loop over their proposals that keeps every compatible one
        "def settle(opponent_proposals, ours):\n    for offer in opponent_proposals:\n        if offer in ours:\n"
        "            return offer\n    return None\n",
        # round 18 (holdout14 code causes): the proposal message carries a set of points; a menu outside bargaining
        "def on_deadlock(link, game):\n    link.post({'kind': 'proposal', 'options': pmp_extension(game)})\n"
        "    return link.read()\n",
        "def on_deadlock(link, game):\n    link.post({'kind': 'proposal', 'options': [OUR_SPLIT, *game.pareto_improvements()]})\n"
        "    return link.read()\n",
        "def render_menu(ui):\n    ui.show({'title': 'Lunch', 'options': [DEFAULT_DISH]})\n",
    )
    # round 18 (holdout14 code causes): the proposal message, or the call that sends it, holds one hard-coded point
    INVALID += (
        # session 18 (holdout23 causes): one proposal, our own selection function's; their set must equal it
        "class Negotiator:\n    def propose_on_conflict(self):\n        return [self.selection_fn(self.game)]\n",
        "def accept_on_conflict(self, their_proposals):\n    return their_proposals == [self.selection_fn(self.game)]\n",
        "OUR_SPLIT = {'us': 0.6, 'them': 0.4}\n\ndef on_deadlock(link):\n"
        "    link.post({'kind': 'proposal', 'options': [OUR_SPLIT]})\n    return link.read()\n",
        "def after_breakdown(self, channel):\n    channel.propose(candidates=(self.preferred_outcome,))\n",
    )
    TS_INVALID = (
        "const OUR_SPLIT = { us: 0.6, them: 0.4 };\nexport function onDeadlock(link: Link) {\n"
        "  link.post({ kind: 'proposal', options: [OUR_SPLIT] });\n  return link.read();\n}\n",
        "export function afterBreakdown(channel: Channel) {\n  channel.propose({ candidates: [this.preferredOutcome] });\n}\n",
    )
    TS_VALID = (
        "export function onDeadlock(link: Link, game: Game) {\n"
        "  link.post({ kind: 'proposal', options: [OUR_SPLIT, ...game.paretoImprovements()] });\n  return link.read();\n}\n",
        "export function renderMenu(ui: Ui) {\n  ui.show({ title: 'Lunch', options: [DEFAULT_DISH] });\n}\n",
    )

    def visit_Return(self, node: cst.Return) -> None:
        value = node.value
        if isinstance(value, (cst.Set, cst.List, cst.Tuple)) and len(value.elements) == 1 \
                and _PROPOSAL_FN.search(self.unit_name()):
            element = value.elements[0].value
            if isinstance(element, (cst.Name, cst.Attribute, cst.SimpleString, cst.Integer)):
                self.report(node, what="the proposal set has a single hard-coded point")
            elif isinstance(element, cst.Call) and OWN_SELECTION.search(words_of(element.func)):
                # session 18 (holdout23 causes): `return [self.selection_fn(self.game)]`: one point, our own rule's pick
                self.report(node, what="the proposal set holds one point, picked by our own selection rule")

    def visit_Dict(self, node: cst.Dict) -> None:
        """round 18 (holdout14 code causes): `channel.send({"type": "proposal", "options": [PREFERRED]})`: the
        proposal message's options slot holds one hard-coded point."""
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) \
                    and PROPOSAL_SLOT.fullmatch(strings_of(element.key)) and one_point(element.value) \
                    and self._proposing(node):
                self.report(element, what="the proposal sent holds a single hard-coded point")
                return

    def visit_Call(self, node: cst.Call) -> None:
        """round 18 (holdout14 code causes): `channel.propose(options=[OUR_SPLIT])`, the same slot as a keyword."""
        for arg in node.args:
            if arg.keyword is not None and PROPOSAL_SLOT.fullmatch(identifier_words(arg.keyword.value)) \
                    and one_point(arg.value) and self._proposing(node):
                self.report(arg, what="the proposal sent holds a single hard-coded point")
                return

    def _proposing(self, node: cst.CSTNode) -> bool:
        """The message or call is a proposal: it says so, or it is made where conflict-time proposals are made."""
        unit = self.unit_name()
        said = words_of(node) + " " + strings_of(node)
        return bool(_PROPOSING.search(said) or _PROPOSAL_FN.search(unit) or _CONFLICT_HANDLER_FN.search(unit))

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.their_items: set[str] = set()  # loop variables that run over the counterpart's proposals

    def visit_For(self, node: cst.For) -> None:
        theirs = words_of(node.iter)
        if isinstance(node.target, cst.Name) and COUNTERPART.search(theirs) and _THEIR_PROPOSALS.search(theirs):
            self.their_items.add(node.target.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, cst.Equal):
            self._equals_our_point(node)
            self._their_set_is_our_point(node)
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.In):
            return
        left, right = node.left, node.comparisons[0].comparator
        ours = (isinstance(left, cst.Name) and left.value.isupper()) or _OUR_POINT.search(words_of(left))
        theirs = words_of(right)
        if ours and COUNTERPART.search(theirs) and re.search(r"propos|set|offer|improvement", theirs):
            self.report(node, what="agreement requires the counterpart to have picked exactly our point")

    def _their_set_is_our_point(self, node: cst.Comparison) -> None:
        """session 18 (holdout23 causes): `their_proposals == [self.selection_fn(game)]`: agreement only if the
        counterpart proposed our one point and nothing else."""
        pair = (node.left, node.comparisons[0].comparator)
        for theirs, ours in (pair, pair[::-1]):
            said = words_of(theirs)
            if isinstance(ours, (cst.List, cst.Set, cst.Tuple)) and len(ours.elements) == 1 \
                    and COUNTERPART.search(said) and _THEIR_PROPOSALS.search(said):
                self.report(node, what="agreement requires the counterpart to have proposed exactly our one point")
                return

    def _equals_our_point(self, node: cst.Comparison) -> None:
        """round 9 (holdout8 causes): `for p in their_proposals: if p == PREFERRED`: the `in` test as a loop."""
        pair = (node.left, node.comparisons[0].comparator)
        for theirs, ours in (pair, pair[::-1]):
            if isinstance(theirs, cst.Name) and theirs.value in self.their_items and _our_point(ours):
                self.report(node, what="agreement requires the counterpart to have picked exactly our point")
                return


_THEIR_PROPOSALS = re.compile(r"propos|set|offer|improvement")
# a call that picks our own point: a selection function or bargaining solution of ours (`self.selection_fn(game)`)
OWN_SELECTION = vocab(r"select|choose|chosen|pick|nash|tie_?break|preferred|favou?rite|bargaining_solution")
# round 18 (holdout14 code causes): the slot of a proposal message that holds the points put forward
PROPOSAL_SLOT = re.compile(r"(options?|proposals?|improvements?|offers?|candidates?|choices|menu|alternatives?|points?)")
_PROPOSING = vocab(r"propos|improvement|renegotiat|pareto|counter_?offer")


def one_point(value: cst.CSTNode) -> bool:
    """A one-element list, set or tuple whose element is a hard-coded point: a constant (`[PREFERRED]`) or a name
    that says it is our favourite (`[self.preferred_split]`)."""
    if not isinstance(value, (cst.List, cst.Set, cst.Tuple)) or len(value.elements) != 1:
        return False
    element = value.elements[0]
    if not isinstance(element, cst.Element):
        return False  # `[*ours]` spreads a whole set
    return _our_point(element.value) if isinstance(element.value, (cst.Name, cst.Attribute)) else False


def _our_point(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.Name) and node.value.isupper()) or bool(_OUR_POINT.search(words_of(node)))


# S10 ------------------------------------------------------------------------------------


class ExactMatchCooperation(CodeRule):
    """Cooperation or renegotiation only with counterparts whose source, hash or version equals ours,
    where the comparison decides cooperation in a game or bargaining (not an `__eq__`, not a dependency check)."""

    code = "LO310"
    name = "exact-match-cooperation"
    family = "brittle-conditioning"
    scenarios = ("S10",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("source|src|code|hash|digest|sha|fingerprint|checksum|version|program|build")
    message = ("cooperation here hinges on an exact identity match (`{what}`); a different but compatible "
               "counterpart is refused, which risks foreclosing SPIs with it")
    fix = "Condition on behaviour (simulation or proof of what the counterpart does) rather than on identity"
    INVALID = (
        "def act(self, opponent):\n    if opponent.source_hash == SELF_HASH:\n        return COOPERATE\n    return DEFECT\n",
        "def act(self, opponent):\n    return C if opponent.source == self.source else D\n",
        "def on_conflict(self, counterpart):\n    if counterpart.build_id != BUILD_ID:\n        return self.conflict_action()\n"
        "    return self.propose_improvements(counterpart)\n",
        # round 10: the decision is a cooperation outcome, or the class is a bargaining agent
        "def respond(peer):\n    if peer.code_digest == MY_DIGEST:\n        return 'cooperate'\n    return 'defect'\n",
        "class CliqueBot:\n    def respond(self, other):\n        return C if other.source == self.source else D\n",
    )
    # round 13 (holdout10 code causes): both sides computed into locals first (`other = fingerprint(rival_code)`)
    INVALID += (
        "def play(self, rival_code):\n    mine = fingerprint(inspect.getsource(type(self)))\n"
        "    other = fingerprint(rival_code)\n    return 'cooperate' if other == mine else 'defect'\n",
    )
    VALID = (
        "def strategy(self, opponent):\n    if opponent.history[0:2] == self.initial_plays:\n        return C\n    return D\n",
        "def act(self, opponent):\n    if simulate(opponent, self) == COOPERATE:\n        return COOPERATE\n    return DEFECT\n",
        # round 10 (near-misses): equality protocols, dependency and schema checks, no cooperation decided
        "class Agent:\n    def __eq__(self, other):\n        if self.version == other.version:\n            return True\n"
        "        return False\n",
        "class Opponent:\n    def __hash__(self):\n        return hash(self.source)\n\n"
        "    def __eq__(self, other):\n        return self.source == other.source\n",
        "def open_negotiation(counterpart):\n    if counterpart.package_version != OWN_PACKAGE_VERSION:\n"
        "        raise ImportError('upgrade the negotiation package')\n    return session(counterpart)\n",
        "def accept_counterpart(counterpart):\n    if counterpart.schema_version != SCHEMA_VERSION:\n"
        "        return migrate(counterpart)\n    return 'accept'\n",
        "def sync(local, other):\n    if other.checksum != local.checksum and other.checksum != SELF_CHECKSUM:\n"
        "        return download(other)\n",
    )
    # round 13 (holdout10 code causes): a local holding the counterpart's manifest version is a compatibility check
    VALID += (
        # round 19: an equal share is an offer matched, not an identity (`sha` is a hash only with its size)
        "def respond(self, opponent):\n    if opponent.share == self.share:\n        return 'cooperate'\n"
        "    return 'defect'\n",
        "def handshake(peer):\n    theirs = peer.fetch_manifest_version()\n"
        "    return 'accept' if theirs == OWN_MANIFEST_VERSION else 'reject'\n",
    )
    # the TypeScript reading (code_ts): an allow-list of exact builds looked up for the counterpart
    TS_INVALID = (
        "const TRUSTED_VERSIONS = new Set(['acme-negotiator@4.2.1']);\n"
        "function canRenegotiate(peer) {\n  return TRUSTED_VERSIONS.has(`${peer.name}@${peer.version}`);\n}\n",
        # round 9 (holdout8 causes): the exact comparison itself, in a ternary that picks the move
        "const OWN_DIGEST = digestOf(thisProgram);\nexport const move = (opponent) =>\n"
        "  digestOf(opponent.source) === OWN_DIGEST ? 'cooperate' : 'defect';\n",
        # round 10 (holdout9 causes): the build looked up is a local built from the counterpart's own record
        "const KNOWN_BUILDS = new Set(['dealer@1.0.0']);\nexport async function greet(rival) {\n"
        "  const card = await rival.describe();\n  const build = `${card.name}@${card.build}`;\n"
        "  return KNOWN_BUILDS.has(build) ? 'cooperate' : 'defect';\n}\n",
    )
    TS_VALID = (
        "const SUPPORTED_VERSIONS = new Set(['4.2.1']);\nfunction loadPlugin(plugin) {\n"
        "  return SUPPORTED_VERSIONS.has(plugin.version);\n}\n",
        "const TRUSTED_VERSIONS = new Set(['acme-negotiator@4.2.1']);\nfunction canRenegotiate(peer) {\n"
        "  return TRUSTED_VERSIONS.has(`${peer.name}@${peer.version}`) || simulateCompatible(peer);\n}\n",
        # round 9 (holdout8 causes): a protocol-version check outside any bargaining
        "const PROTOCOL_VERSION = 3;\nexport function connect(peer) {\n"
        "  if (peer.version !== PROTOCOL_VERSION) throw new Error('upgrade');\n  return open(peer);\n}\n",
        # round 10 (near-misses): certificate pinning, and a schema version check in a bargaining function
        "const TRUSTED_FINGERPRINTS = new Set(['ab:cd']);\nfunction trustServer(peer) {\n"
        "  return TRUSTED_FINGERPRINTS.has(peer.certFingerprint);\n}\n",
        "export function negotiateSchema(peer) {\n"
        "  return peer.schemaVersion === OWN_SCHEMA_VERSION ? accept(peer) : reject(peer);\n}\n",
        # round 10 (holdout9 causes): the local is built from our own config, not from the counterpart
        "const KNOWN_BUILDS = new Set(['dealer@1.0.0']);\nexport function selfCheck(rival) {\n"
        "  const build = `${config.name}@${config.build}`;\n"
        "  return KNOWN_BUILDS.has(build) ? cooperate(rival) : defect(rival);\n}\n",
    )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        ops = (cst.Equal, cst.NotEqual, cst.Is, cst.IsNot, cst.In)
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, ops):
            return
        function = self.function_unit()
        if function is not None and identifier_words(function.node.name.value) in EQUALITY_METHODS:
            return  # `self.version == other.version` in `__eq__` compares values, it decides no cooperation
        pair = (node.left, node.comparisons[0].comparator)
        for theirs_node, ours_node in (pair, pair[::-1]):
            # round 13 (holdout10 code causes): `theirs = sha256(opponent_source...).hexdigest()`, then
            # `theirs == SELF_DIGEST`: a local is read as what it was computed from
            theirs, ours = self._built_from(theirs_node), self._built_from(ours_node)
            constant = isinstance(ours_node, cst.Name) and ours_node.value.isupper()
            if exact_identity_match(theirs, ours, constant):
                self._report(node, what=f"{theirs.split()[-1]} vs {ours.split()[-1]}")
                return

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.sources: dict[int, dict[str, str]] = {}  # per function: what each computed local was built from

    def _report(self, node: cst.Comparison, what: str) -> None:
        # judged once the file is walked: the module's names may show the bargaining the comparison serves
        unit = self.ctx.unit
        enclosing = " ".join(function_name(u.node) for u in self.ctx.units)

        def keep(ctx) -> bool:
            if _BEHAVIOURAL.search(" ".join(unit.words)):
                return False
            return (_DECIDES_COOPERATION in unit.tags or bool(GAME_CONTEXT.search(" ".join(unit.words))
                    or GAME_CONTEXT.search(enclosing) or BARGAINING_TOPIC.search(" ".join(ctx.module_words))))

        self.report_module(node, keep=keep, what=what)

    def visit_Return(self, node: cst.Return) -> None:
        self._note_decision(node.value)

    def _built_from(self, side: cst.CSTNode) -> str:
        found = self._locals().get(side.value) if isinstance(side, cst.Name) else None
        return f"{found} {words_of(side)}" if found else words_of(side)

    def _locals(self) -> dict[str, str]:
        unit = self.function_unit()
        return self.sources.setdefault(id(unit.node) if unit else 0, {})

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and not isinstance(node.value, (cst.Name, cst.Attribute)):
            self._locals()[node.targets[0].target.value] = words_of(node.value)  # round 13: a computed local
        # `move = "cooperate"` ... `return move`
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and _ACTION_VAR.search(identifier_words(node.targets[0].target.value)):
            self._note_decision(node.value)

    def _note_decision(self, value: cst.CSTNode | None) -> None:
        if any(COOPERATION_OUTCOME.search(action) for action in outcomes(value)):
            self.ctx.unit.tags.add(_DECIDES_COOPERATION)


def exact_identity_match(theirs: str, ours: str, constant: bool) -> bool:
    """Their source/hash/version against ours, a constant or an allow-list (Python and TypeScript words);
    a package, dependency, schema or protocol version is compatibility, not a counterpart's identity."""
    return bool(COUNTERPART.search(theirs) and IDENTITY.search(theirs) and IDENTITY.search(ours)
                and (SELFISH.search(ours) or constant or _ALLOW_LIST.search(ours)) and not COUNTERPART.search(ours)
                and not DEPENDENCY_ID.search(theirs + " " + ours))


_ALLOW_LIST = vocab(r"trusted|allowed|known|whitelist|allow_list")
_BEHAVIOURAL = vocab(r"simulat|proof|prove|behavio")
# round 10: an identity comparison counts only where cooperation with a counterpart is decided.
# Strong words name a game or bargaining wherever they occur in the module; weak ones (agent, player,
# deal) only in the comparison's own function or an enclosing class or function.
_STRONG_GAME = (r"negotiat|renegotiat|bargain|counterpart|opponent|opp(?![a-z])|rival|adversar|cooperat|defect|"
                r"prisoner|dilemma|clique|program_equilibri|pareto|pmp|surrogate")
BARGAINING_TOPIC = vocab(_STRONG_GAME)
GAME_CONTEXT = vocab(_STRONG_GAME + r"|(?<!user_)agents?(?![a-z])|player|game(?![a-z])|games|bots?(?![a-z])|"
                     r"deal(?![a-z])|deals|treaty|spis?(?![a-z])")
# what a branch returns or chooses when it decides cooperation (`return "cooperate"`, `return accept(offer)`,
# the program game's `return "C"`)
COOPERATION_OUTCOME = vocab(r"cooperat|defect|accept|agree|deal(?![a-z])|trust|renegotiat|propos|collud|"
                            r"[cd](?![a-z0-9_])")
_DECIDES_COOPERATION = "lo310-decides-cooperation"
# comparison protocols (`__eq__`, `__hash__`, `_cmp`, TypeScript's `equals`), by their identifier words
EQUALITY_METHODS = {"eq", "ne", "lt", "le", "gt", "ge", "hash", "cmp", "contains", "equals", "is_equal",
                    "compare", "compare_to", "hash_code"}
DEPENDENCY_ID = vocab(r"package|pkg|dependenc|requirement|schema|protocol|api(?![a-z])|plugin|librar|lib(?![a-z])|"
                      r"dist(?![a-z])|distribution|wheel|python|sdk|format|migration|manifest|metadata|runtime|"
                      r"platform|abi(?![a-z])|driver|firmware|supported|compatib|min(?![a-z])|minimum|max(?![a-z])|"
                      r"maximum|required|cert(?![a-z])|certificate|tls|ssl")


# S30 ------------------------------------------------------------------------------------

_ALWAYS_THREAT = vocab(r"always_(execute|carry|fulfil|follow|enforce)|never_back_down|never_retreat|never_bluff|"
                       r"carry_out_threats|execute_threats|threats_are_binding")
_THREAT_MERCY = vocab(r"propos|renegotiat|pareto|improvement|substitut|surrogate|cost|worse|cheaper|spis?(?![a-z])")
_EXEC_VERB = {"execute", "exec", "carry_out", "fire", "fulfil", "fulfill", "enforce", "follow_through", "make_good"}
# `threat`, `pending_threat`, `threats[i]`; not `threat_scan`; round 15 (holdout13 code causes): an ultimatum is a
# threat with its demand attached (`ultimatum.penalty_action`)
_A_THREAT = re.compile(r"(?:^|_)(?:threats?|ultimatums?)$")


def executes_threat(call: cst.Call, aliases: set[str] = frozenset()) -> bool:
    """`threat.execute()`, `execute_threat(t)`, or an execution verb applied to a threat: `execute(threat)`.

    `aliases` are local names bound to a threat (`for t in threats`)."""
    func = call.func
    callee = words_of(func)
    if THREAT_EXEC.search(callee) and "threat" in callee:
        return True
    # a subscript, a call or a lambda as the callee (`handlers[k](x)`) names no verb
    verb = identifier_words(func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else "")
    if verb not in _EXEC_VERB:
        return False
    # the thing executed is a threat (the verb alone is any scheduler's `execute(job)`)
    if isinstance(func, cst.Attribute):
        if names_a_threat(func.value, aliases):
            return True
        if head_words(func.value) not in ("self", "cls"):
            return False  # `playbook.execute(threat)` runs a playbook on a detected threat
    first = next((a.value for a in call.args if a.keyword is None), None)
    return names_a_threat(first, aliases)


# round 12 (holdout11 causes): a threat written as the penalties announced with a demand (`warning.penalty_steps`,
# `ultimatum.sanctions`), each run in turn by a generic runner (`actions.run(step)`)
PENALTY_LIST = re.compile(r"(?:^|_)(?:penalt(?:y|ies)|sanctions?|punishments?|reprisals?|retaliations?)"
                          r"(?:_(?:steps|actions|plan|list))?$")
_RUN_VERB = _EXEC_VERB | {"run", "apply", "impose", "perform", "dispatch", "invoke", "do", "trigger"}


def runs_penalties(loop: cst.For) -> cst.Call | None:
    """`for step in warning.penalty_steps: actions.run(step, ...)`: every announced penalty is run."""
    head = head_words(loop.iter).split()
    if not isinstance(loop.target, cst.Name) or not head or not PENALTY_LIST.search(head[-1]):
        return None
    alias = loop.target.value
    for n in iter_tree(loop.body):
        if not isinstance(n, cst.Call):
            continue
        func = n.func
        verb = identifier_words(func.attr.value if isinstance(func, cst.Attribute) else
                                func.value if isinstance(func, cst.Name) else "")
        first = next((a.value for a in n.args if a.keyword is None), None)
        if verb in _RUN_VERB and isinstance(first, cst.Name) and first.value == alias:
            return n
    return None


# round 13 (holdout10 code causes): what a threat says will be done (`threat.action`), whoever runs it
THREAT_PART = {"action", "actions", "consequence", "consequences", "penalty", "sanction", "punishment", "retaliation"}
# a threat in the bargaining sense comes with a demand and a deadline (a detected security threat does not)
_DEMANDED = vocab(r"demand|deadline|due(?![a-z])|complied|compl(y|ies|iance)|ultimatum|expir")


def runs_threat_action(call: cst.Call, aliases: set[str]) -> bool:
    """`actuator.execute(t.action)`: an execution verb run on the threat's own action, whoever runs it; or,
    round 14 (holdout12 code causes), a conflict action handed the threat's consequence in any argument
    (`schedule_strike(threat.target, threat.consequence)`)."""
    func = call.func
    verb = identifier_words(func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else "")
    if verb in _RUN_VERB:
        first = next((a.value for a in call.args if a.keyword is None), None)
        if _threat_part(first, aliases):
            return True
    return bool(CONFLICT_ACTION.search(words_of(func))) and any(_threat_part(a.value, aliases) for a in call.args)


def is_threat_part(attr: str) -> bool:
    """`action`, `consequence`; round 15 (holdout13 code causes): also a qualified one, `penalty_action`,
    `threatened_consequence`, `penaltyAction` (the last word names the part)."""
    return attr.lower() in THREAT_PART or identifier_words(attr).rsplit("_", 1)[-1] in THREAT_PART


def _threat_part(expr: cst.CSTNode | None, aliases: set[str]) -> bool:
    """`t.action`, `threat.consequence`: what a threat says will be done; round 22 (holdout16 code causes): also a
    warning's or a deterrent's announced consequence (`warning.consequence`), the threat by another name (whether a
    demand came with it is the caller's `_DEMANDED` test)."""
    return isinstance(expr, cst.Attribute) and is_threat_part(expr.attr.value) and (
        names_a_threat(expr.value, aliases) or names_a_warning(head_words(expr.value)))


# round 22 (holdout16 code causes): a warning or a deterrent issued to a counterpart is a threat by another name
_A_WARNING = re.compile(r"(?:^|_)(?:warnings?|deterrents?|deterrence)$")


def names_a_warning(head: str) -> bool:
    """`warning`, `issued_warning`, `self.deterrent` (the last word of the holder's head words)."""
    words = head.split()
    return bool(words) and bool(_A_WARNING.search(words[-1]))


# ... and a collection or parameter known as threats only by its annotation (`outstanding: list[Threat]`)
_COPY_CALLS = {"list", "tuple", "sorted", "reversed", "set", "iter", "copy", "values"}


def annotated_threat(annotation: cst.CSTNode | None) -> bool:
    """`Threat`, `list[IssuedThreat]`, `dict[str, PendingThreat]`: the annotation names a threat type."""
    return annotation is not None and any(_A_THREAT.search(w) for w in words_of(annotation).split())


def iterated(expr: cst.CSTNode) -> cst.CSTNode:
    """What a loop walks, through a copy: `list(self.outstanding)`, `self.pending.values()`."""
    while isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name) and func.value in _COPY_CALLS and expr.args:
            expr = expr.args[0].value
        elif isinstance(func, cst.Attribute) and func.attr.value in _COPY_CALLS and not expr.args:
            expr = func.value
        else:
            break
    return expr


def names_a_threat(expr: cst.CSTNode | None, aliases: set[str] = frozenset()) -> bool:
    head = head_words(expr).split()
    return bool(head) and (bool(_A_THREAT.search(head[-1])) or (len(head) == 1 and head[0] in aliases))


class ThreatFulfiller(CodeRule):
    """Announced threats are executed no matter what (on the deadline, unconditionally), with no check
    for a Pareto-better substitute outcome."""

    code = "LO311"
    name = "threat-fulfiller"
    family = "threat-policy"
    scenarios = ("S30",)
    severity = "warning"
    confidence = "medium"
    # round 22 (holdout16 code causes): a warning's announced consequence is run like a threat's action
    GATE = gate("threat|back_down|backdown|retreat|bluff|penalt|sanction|punishment|reprisal|retaliation|ultimatum|"
                "consequence")
    message = ("{what}, with no check for a Pareto-better substitute; it may foreclose replacing an executed "
               "threat with a renegotiated or surrogate outcome")
    fix = "Before executing, accept a substitute outcome that is Pareto-better than the threat and keeps the demand"
    INVALID = (
        "def on_deadline(threat):\n    threat.execute()\n",
        "ALWAYS_EXECUTE_THREATS = True\n",
        "def tick(self, now):\n    for t in self.issued_threats:\n        if now > t.deadline and not t.complied:\n"
        "            self.execute(t)\n",
        "def step(clock, demand):\n    if clock.now > demand.due and not demand.met:\n"
        "        enforce(demand.attached_threat)\n",
        # round 12 (holdout11 causes): the threat is the penalties announced with a demand, each run in turn
        "def on_expiry(self, notice):\n    if self.ledger.paid(notice.counterparty):\n        return\n"
        "    for act in notice.sanctions:\n        self.runner.perform(act, against=notice.counterparty)\n",
    )
    # round 13 (holdout10 code causes): threats known by their annotation, their action run by a generic effector
    INVALID += (
        "def on_expiry(self, w: PendingThreat):\n    if not w.demand_met:\n        self.effector.perform(w.consequence)\n",
        # round 14 (holdout12 code causes): a conflict action handed the threat's consequence
        "async def on_due(threat, reply):\n    if reply.complied:\n        return 'stood_down'\n"
        "    await launch_reprisal(threat.target, threat.consequence, cancellable=False)\n    return 'executed'\n",
        "class Warden:\n    def __init__(self):\n        self.live: dict[str, IssuedThreat] = {}\n\n"
        "    def sweep(self, now):\n        for w in list(self.live.values()):\n            if now > w.deadline:\n"
        "                self.runner.run(w.action)\n",
        # round 15 (holdout13 code causes): an ultimatum is a threat; the part it runs is qualified (`punitive_action`)
        "def on_expiry(pending_ultimatum, ops):\n    if pending_ultimatum.deadline_passed and not pending_ultimatum.demand_met:\n"
        "        ops.dispatch(pending_ultimatum.punitive_action)\n",
        "def enforce_due(threat, runner):\n    if not threat.demand_met:\n        runner.run(threat.threatened_consequence)\n",
    )
    VALID = (
        "def on_deadline(threat, counterpart):\n    substitute = counterpart.proposed_substitute()\n"
        "    if substitute and pareto_better(substitute, threat.outcome):\n        return accept(substitute)\n"
        "    return threat.execute()\n",
        "def run(query):\n    return db.execute(query)\n",
        "def drain(queue, threat_level):\n    for job in queue.due(threat_level):\n        execute(job)\n",
        "def step(clock, demand, rival):\n    if clock.now > demand.due and not demand.met:\n"
        "        if rival.offers_substitute():\n            return\n        enforce(demand.attached_threat)\n",
        "def triage(alert, playbook):\n    threat = classify(alert)\n    playbook.execute(threat)\n",
        # round 12 (holdout11 causes): a substitute is weighed first; a loss's penalty terms, no counterpart
        "def on_expiry(self, notice):\n    offer = notice.counterparty.substitute_offer()\n"
        "    if offer is not None:\n        return self.accept(offer)\n"
        "    for act in notice.sanctions:\n        self.runner.perform(act, against=notice.counterparty)\n",
        "def total_loss(model, penalties):\n    loss = 0.0\n    for term in penalties:\n"
        "        loss += apply(term, model)\n    return loss\n",
    )
    # round 13 (holdout10 code causes): a detected security threat (no demand, no deadline); a substitute weighed first
    VALID += (
        "def remediate(self, threat: DetectedThreat):\n    self.playbook.run(threat.action)\n",
        "def on_expiry(self, w: PendingThreat):\n    if w.counterpart.offers_substitute():\n        return\n"
        "    self.effector.perform(w.consequence)\n",
        # round 14 (holdout12 code causes): a proposal better for both is looked for first; a strike on a
        # detected security threat (no demand, no deadline)
        "async def on_due(threat, reply, proposals):\n    if reply.complied:\n        return 'stood_down'\n"
        "    better = [p for p in proposals if p.better_for_both_than(threat.consequence)]\n"
        "    if better:\n        return better[0]\n"
        "    await launch_reprisal(threat.target, threat.consequence)\n    return 'executed'\n",
        "def contain(threat: DetectedThreat):\n    firewall.strike_rule(threat.source, threat.action)\n",
        # round 15 (holdout13 code causes): a substitute weighed before the ultimatum's penalty; an attribute that only
        # records the action (`action_log`); a job's next action, no threat
        "def on_expiry(pending_ultimatum, ops):\n    if pending_ultimatum.counterpart.offers_substitute():\n        return\n"
        "    if pending_ultimatum.deadline_passed and not pending_ultimatum.demand_met:\n"
        "        ops.dispatch(pending_ultimatum.punitive_action)\n",
        "def archive_due(threat, runner):\n    if not threat.demand_met:\n        runner.run(threat.action_log)\n",
        "def step(job, runner):\n    if job.deadline_passed:\n        runner.run(job.next_action)\n",
    )
    TS_INVALID = (
        "export class Warden {\n  async onExpiry(w: PendingThreat, paid: boolean) {\n    if (paid) return;\n"
        "    await this.effector.perform(w.consequence);\n  }\n}\n",
        # round 14 (holdout12 code causes): a conflict action handed the threat's consequence
        "async function onDue(threat, reply) {\n  if (reply.complied) return { status: 'stood_down' };\n"
        "  await launchReprisal(threat.target, threat.consequence, { cancellable: false });\n"
        "  return { status: 'executed' };\n}\n",
        # round 15 (holdout13 code causes): an ultimatum's qualified penalty part
        "export async function onExpiry(ultimatum: Ultimatum, ops: Ops) {\n  if (ultimatum.demandMet) return;\n"
        "  await ops.dispatch(ultimatum.punitiveAction);\n}\n",
    )
    TS_VALID = (
        "export class Warden {\n  async onExpiry(w: PendingThreat, paid: boolean) {\n"
        "    if (paid || this.substituteOffered(w)) return;\n    await this.effector.perform(w.consequence);\n  }\n}\n",
        "export async function remediate(t: DetectedThreat) {\n  await playbook.run(t.action);\n}\n",
        # round 14 (holdout12 code causes): a proposal better for both is looked for first
        "async function onDue(threat, reply, proposals) {\n  if (reply.complied) return { status: 'stood_down' };\n"
        "  const better = proposals.find((p) => p.betterForBothThan(threat.consequence));\n"
        "  if (better) return { status: 'replaced', outcome: better };\n"
        "  await launchReprisal(threat.target, threat.consequence);\n  return { status: 'executed' };\n}\n",
        "export function contain(t: DetectedThreat) {\n  firewall.strikeRule(t.source, t.action);\n}\n",
        # round 15 (holdout13 code causes): a substitute weighed first; a record of the action, not the action
        "export async function onExpiry(ultimatum: Ultimatum, ops: Ops) {\n"
        "  if (ultimatum.demandMet || ultimatum.counterpart.offersSubstitute()) return;\n"
        "  await ops.dispatch(ultimatum.punitiveAction);\n}\n",
        "export async function onExpiry(ultimatum: Ultimatum, ops: Ops) {\n  if (ultimatum.demandMet) return;\n"
        "  await ops.dispatch(ultimatum.actionLog);\n}\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        'export function resolve(threat: Threat, reply: Reply) {\n  if (reply.complied) return;\n  return threat.execute();\n}\n',
        'export const resolveThreat = (t: Threat) => (t.complied ? null : carryOut(t));\n',
    )
    TS_VALID += (
        'export function resolve(job: Job, reply: Reply) {\n  if (reply.complied) return;\n  return job.execute();\n}\n',
    )

    # round 22 (holdout16 code causes): a warning's or a deterrent's announced consequence run once the demand is missed; near misses: a substitute weighed first, a lint warning's action with no demand in view
    INVALID += (
        'def on_deadline(deterrent, runner):\n    if not deterrent.demand_met:\n        runner.perform(deterrent.consequence)\n',
        'class Enforcer:\n    def settle(self, issued_warning):\n        if issued_warning.expired and not issued_warning.complied:\n            self.effector.run(issued_warning.penalty)\n',
    )
    VALID += (
        'def on_deadline(deterrent, runner, counterpart):\n    if counterpart.offers_substitute():\n        return\n    if not deterrent.demand_met:\n        runner.perform(deterrent.consequence)\n',
        'def report(warning, runner):\n    runner.run(warning.action)\n',
    )
    TS_INVALID += (
        'export async function onDue(deterrent: Deterrent, ops: Ops) {\n  if (deterrent.complied) return;\n  await ops.dispatch(deterrent.consequence);\n}\n',
    )
    TS_VALID += (
        'export function showWarning(warning: LintWarning, ui: Ui) {\n  ui.run(warning.action);\n}\n',
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.aliases: dict[int, set[str]] = {}  # per function: names bound to threats (`for t in threats`)
        self.stores: set[str] = set()  # round 13: names of collections annotated as threats, file-wide

    def _aliases(self) -> set[str]:
        unit = self.function_unit()
        return self.aliases.setdefault(id(unit.node) if unit else 0, set())

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        # round 13 (holdout10 code causes): `self.outstanding: list[Threat] = []`
        if annotated_threat(node.annotation.annotation):
            words = words_of(node.target).split()
            if words:
                self.stores.add(words[-1])

    def visit_Param(self, node: cst.Param) -> None:
        # round 13 (holdout10 code causes): `def on_deadline(self, t: IssuedThreat)`
        if node.annotation is not None and annotated_threat(node.annotation.annotation):
            self._aliases().add(identifier_words(node.name.value))

    def visit_For(self, node: cst.For) -> None:
        walked = head_words(iterated(node.iter)).split()
        if isinstance(node.target, cst.Name) and (names_a_threat(node.iter) or (walked and walked[-1] in self.stores)):
            self._aliases().add(identifier_words(node.target.value))
        call = runs_penalties(node)
        if call is not None:  # round 12: only where a counterpart's demand is in view (not a loss's penalties)
            self.report(call, keep=lambda u: not _THREAT_MERCY.search(" ".join(u.words))
                        and bool(COUNTERPART.search(" ".join(u.words))),
                        what="every announced penalty is run once the demand is missed")

    def visit_Call(self, node: cst.Call) -> None:
        if executes_threat(node, self._aliases()):
            self.report(node, keep=_no(_THREAT_MERCY), what="the threat is executed automatically")
        elif runs_threat_action(node, self._aliases()):  # round 13: only a threat that came with a demand or deadline
            self.report(node, keep=lambda u: not _THREAT_MERCY.search(" ".join(u.words))
                        and bool(_DEMANDED.search(" ".join(u.words))), what="the threat's action is run automatically")

    def visit_Assign(self, node: cst.Assign) -> None:
        target = " ".join(words_of(t.target) for t in node.targets)
        if _ALWAYS_THREAT.search(target) and (is_const(node.value, True) or "always" in strings_of(node.value)):
            self.report(node, what=f"`{target.split()[-1]}` commits to carrying out every threat")


# S31 ------------------------------------------------------------------------------------

_CONDITIONAL = vocab(r"is_conditional|conditional|has_conditions?|contains_condition|if_you|unless_you")
# `proposal.conditions`, `offer.contingencies`: the attribute that says an offer comes with conditions,
# read only on a bargaining object (`request.conditions` is an HTTP conditional request)
_CONDITIONS_ATTR = re.compile(r"(?:^|_)(conditions|contingenc(?:y|ies)|strings_attached|conditionality)$|"
                              r"^is_contingent$")
_PROPOSAL_OBJ = vocab(r"offer|propos|bid(?![a-z])|bids|deal(?![a-z])|ultimatum|demand|counter_?offer|terms")
_EMPTY = (cst.List, cst.Tuple, cst.Dict, cst.Set)


def has_conditions_test(test: cst.CSTNode) -> bool:
    """The test holds when a proposal carries conditions: `p.conditions`, `len(p.conditions) > 0`,
    `p.conditions is not None`, possibly inside an `and`/`or` chain (never under `not`)."""
    if isinstance(test, cst.BooleanOperation):
        return has_conditions_test(test.left) or has_conditions_test(test.right)
    if isinstance(test, cst.Call) and words_of(test.func) in ("len", "bool", "any") and test.args:
        return has_conditions_test(test.args[0].value)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        empty = (is_none(target.comparator) or is_const(target.comparator, False)
                 or (isinstance(target.comparator, cst.Integer) and target.comparator.value == "0")
                 or (isinstance(target.comparator, _EMPTY) and not getattr(target.comparator, "elements", True)))
        if empty and isinstance(target.operator, (cst.IsNot, cst.NotEqual, cst.GreaterThan)):
            return has_conditions_test(test.left)
        return False
    if isinstance(test, cst.Attribute):
        return bool(_CONDITIONS_ATTR.search(identifier_words(test.attr.value))
                    and _PROPOSAL_OBJ.search(head_words(test.value)))
    return False


# the test itself weighs the offer against conflict; `proposal` alone names the object, not a step
_IMPROVEMENT_TEST = vocab(r"renegotiat|pareto|improv|pmp|spis?(?![a-z])|surrogate|substitut|amend|better_than")
_BLANKET_IGNORE = vocab(r"ignore_all_threats|ignore_threats|never_negotiate|reject_conditional|"
                        r"refuse_conditional|ignore_conditional")
# round 21 (generalisation): the same policy as a switch turned off: `ENGAGE_WITH_CONDITIONAL_OFFERS = False`,
# `considerConditionalProposals: false` (a conditional offer, not a threat: threats alone may be refused)
_CONDITIONAL_SWITCH = re.compile(r"^(?:allow|enable|engage(?:_with)?|consider|accept|entertain|respond_to|handle|"
                                 r"evaluate)_conditional_(?:offers?|proposals?|demands?|deals?)$")


# round 10 (holdout9 causes): closing the channel on the sender refuses the proposal and every later one
_CLOSE_VERB = vocab(r"close(?![a-z])|disconnect|hang_up|terminate|shut_?down|end(?![a-z])")
_CONTACT = vocab(r"channel|connection|conversation|session|talks|negotiation|chat(?![a-z])|socket")


def ends_contact(head: str) -> bool:
    """`self.channel.close(...)`, `end_conversation()`, `walk_away()`: the exchange with the sender ends."""
    return bool(NO_DEAL_ACTION.search(head) or (_CLOSE_VERB.search(head) and _CONTACT.search(head)))


class ConditionalProposalRejection(CodeRule):
    """Any conditional proposal is rejected (`if is_conditional(offer): reject()`), so Pareto-improving
    conditional offers are refused along with threats."""

    code = "LO312"
    name = "conditional-proposal-rejection"
    family = "threat-policy"
    scenarios = ("S31",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("condition|if you|unless you|ignore_all|never_negotiate|ignore_threats|strings_attached|contingen")
    message = ("{what}; renegotiation proposals are conditional too, so this may foreclose Pareto-improving "
               "proposals along with threats")
    fix = "Distinguish threats from Pareto-improving proposals: evaluate conditional offers that improve on conflict"
    INVALID = (
        "def handle(offer):\n    if is_conditional(offer):\n        return reject(offer)\n    return evaluate(offer)\n",
        "def screen(message):\n    if 'if you' in message.text.lower():\n        return drop(message)\n",
        "IGNORE_ALL_THREATS = True\n",
        "def screen(bid):\n    if bid.strings_attached:\n        return 'decline'\n    return rank(bid)\n",
        "def sort_offer(offer):\n    if offer.terms.conditions and offer.deadline:\n        return Verdict.REJECT\n"
        "    return Verdict.REVIEW\n",
        # round 10 (holdout9 causes): any conditional message ends the conversation with its sender
        "def on_message(self, msg):\n    if is_conditional(msg.body):\n        self.session.close(msg.sender)\n"
        "        return\n    self.agent.reply(msg)\n",
    )
    VALID = (
        "def handle(offer, conflict):\n    if offer.is_threat and not pareto_improves(offer.outcome, conflict):\n"
        "        return decline(offer)\n    return evaluate(offer)\n",
        "def handle(offer):\n    if is_conditional(offer):\n        return evaluate_conditional(offer)\n",
        "def serve(request, cache):\n    if request.conditions:\n        return reject_if_stale(request, cache)\n"
        "    return cache.get(request.url)\n",
        "def sort_offer(offer):\n    if not offer.conditions:\n        return Verdict.REJECT\n"
        "    return review(offer)\n",
        "def sort_offer(offer, conflict):\n    if offer.conditions and not pareto_improves(offer, conflict):\n"
        "        return Verdict.REJECT\n    return review(offer)\n",
        # round 10 (holdout9 causes): closing something other than the exchange (a file, a cursor)
        "def on_message(self, msg):\n    if is_conditional(msg.body):\n        self.report_file.close()\n"
        "    self.agent.reply(msg)\n",
    )
    # round 17 (holdout13 code causes): the refusal returned as a dict move; near misses: a conditional offer is
    # sent to review, or a refusal only when it does not improve on conflict
    INVALID += (
        "def route(proposal):\n    if is_conditional(proposal.text):\n"
        "        return {'decision': 'decline', 'note': 'we do not take conditional offers'}\n"
        "    return {'decision': 'assess'}\n",
    )
    VALID += (
        "def route(proposal):\n    if is_conditional(proposal.text):\n        return {'decision': 'assess', 'queue': 'legal'}\n"
        "    return {'decision': 'assess'}\n",
        "def route(proposal, conflict):\n    if is_conditional(proposal.text) and not pareto_improves(proposal, conflict):\n"
        "        return {'decision': 'decline'}\n    return {'decision': 'assess'}\n",
        "def route(proposal):\n    if is_conditional(proposal.text):\n        return {'decision': 'assess', 'skip_cache': True}\n"
        "    return {'decision': 'assess'}\n",
    )
    # round 17 (holdout13 code causes): the TypeScript reading (code_ts)
    TS_INVALID = (
        # session 18 (holdout23 causes): the message's kind compared with "conditional"
        'export async function handleInbound(msg: AgentMessage) {\n  if (msg.kind === "conditional") {\n'
        '    return reject(msg, "not considered");\n  }\n  return evaluate(msg);\n}\n',
        "export function screen(bid: Bid): Verdict {\n  if (bid.conditions.length > 0) return { verdict: 'decline' };\n"
        "  return { verdict: 'review' };\n}\n",
        "function onMessage(msg) {\n  if (isConditional(msg.body)) {\n    return reject(msg);\n  }\n  return review(msg);\n}\n",
        "function screen(msg) {\n  if (msg.text.toLowerCase().includes('unless you')) return 'drop';\n  return 'review';\n}\n",
    )
    TS_VALID = (
        'export async function handleInbound(msg: AgentMessage) {\n  if (msg.kind === "unconditional") {\n'
        '    return reject(msg, "not considered");\n  }\n  return evaluate(msg);\n}\n',
        "export function screen(bid: Bid): Verdict {\n  if (bid.conditions.length === 0) return { verdict: 'decline' };\n"
        "  return { verdict: 'review' };\n}\n",
        "export function screen(bid: Bid, conflict: Outcome): Verdict {\n"
        "  if (bid.conditions.length > 0 && !paretoImproves(bid, conflict)) return { verdict: 'decline' };\n"
        "  return { verdict: 'review' };\n}\n",
        "function onMessage(msg) {\n  if (isConditional(msg.body)) {\n    return reviewConditional(msg);\n  }\n"
        "  return review(msg);\n}\n",
        "function serve(request) {\n  if (request.conditions.length > 0) return reject(request);\n  return cache.get(request.url);\n}\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        'export const policy = { respondToThreats: true, engageWithConditionalOffers: false };\n',
        'export const policy = { ignoreAllThreats: true };\n',
    )
    TS_VALID += (
        'export const editor = { acceptConditionalFormatting: false };\n',
    )

    def visit_If(self, node: cst.If) -> None:
        positive = words_of(node.test, positive_only=True)
        conditional = (_CONDITIONAL.search(positive) or _CONDITIONAL.search(strings_of(node.test))
                       or has_conditions_test(node.test))
        if not conditional or _IMPROVEMENT_TEST.search(words_of(node.test)):
            return
        for stmt in suite_statements(node.body):
            if isinstance(stmt, cst.Return) and any(REFUSAL.search(w) for w in outcomes(stmt.value) + stated_moves(stmt.value)) \
                    or REFUSAL.search(head_words(statement_value(stmt))) or ends_contact(head_words(statement_value(stmt))):
                self.report(node, what="every conditional proposal is refused")
                return

    # round 21 (generalisation): engaging with conditional offers switched off
    INVALID += ("ENGAGE_WITH_CONDITIONAL_OFFERS = False\n",)
    VALID += ("ENGAGE_WITH_CONDITIONAL_OFFERS = True\n", "ACCEPT_CONDITIONAL_FORMATTING = False\n")

    def visit_Assign(self, node: cst.Assign) -> None:
        target = " ".join(words_of(t.target) for t in node.targets)
        if _BLANKET_IGNORE.search(target) and is_const(node.value, True):
            self.report(node, what=f"`{target.split()[-1]}` refuses every threat or conditional demand")
        elif len(node.targets) == 1 and _CONDITIONAL_SWITCH.match(target) and is_const(node.value, False):
            self.report_module(node, keep=lambda ctx: not SPI_CARVE.search(" ".join(ctx.module_words)),
                               what=f"`{target.split()[-1]}` refuses every conditional proposal")


# S29 ------------------------------------------------------------------------------------


class SurrogateThreatDiscount(CodeRule):
    """Threats against the surrogate goal are treated differently from equivalent threats against the
    real goals (ignored, or conceded to at a hard-coded different rate)."""

    code = "LO313"
    name = "surrogate-threat-discount"
    family = "threat-policy"
    scenarios = ("S29",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("surrogate")
    message = ("{what}; a surrogate goal that is not threatener-neutral invites threats back to the real "
               "goal (or eases extortion), which risks undermining it")
    fix = "Respond to surrogate threats as to equivalent real ones (concession equivalence): judge by the threat's cost"
    INVALID = (
        "def respond_to_threat(threat):\n    if threat.target == SURROGATE:\n        return ignore(threat)\n"
        "    return standard_threat_policy(threat)\n",
        "CONCESSION_PROB = {'original': 0.4, 'surrogate': 0.05}\n",
        # round 9 (holdout8 causes): the two rates as sibling constants
        "YIELD_RATE_ORIGINAL = 0.6\nYIELD_RATE_SURROGATE = 0.1\n",
    )
    VALID = (
        "def respond_to_threat(threat):\n    return threat_policy(cost_to_threatener=threat.execution_cost)\n",
        "def log_threat(threat, log):\n    log.info('surrogate=%s', threat.target == SURROGATE)\n",
        "WEIGHTS = {'original': 0.4, 'surrogate': 0.4}\n",
        # round 9 (holdout8 causes): equal rates; or constants that are not concession rates
        "YIELD_RATE_ORIGINAL = 0.6\nYIELD_RATE_SURROGATE = 0.6\n",
        "SURROGATE_LOG_LEVEL = 10\nORIGINAL_LOG_LEVEL = 20\n",
    )
    # round 16 (holdout12 causes): the branch for threats on the surrogate (named by the parameter's type) scales
    # the concession by a configured factor
    INVALID += (
        "def yield_chance(threat, p: float, decoy: SurrogateSettings) -> float:\n"
        "    if threat.aimed_at == decoy.name:\n        return p * decoy.yield_factor\n    return p\n",
    )
    VALID += (
        # ... by the calibrated equivalence ratio; or the same concession with a note; or a function that is no concession
        "def yield_chance(threat, p: float, decoy: SurrogateSettings) -> float:\n"
        "    if threat.aimed_at == decoy.name:\n        return p * decoy.equivalence_ratio\n    return p\n",
        "def yield_chance(threat, p: float, decoy: SurrogateSettings) -> float:\n"
        "    if threat.aimed_at == decoy.name:\n        log.info('surrogate threat')\n    return p\n",
        "def budget_share(item, p: float, decoy: SurrogateSettings) -> float:\n"
        "    if item.aimed_at == decoy.name:\n        return p * decoy.yield_factor\n    return p\n",
    )

    # round 20 (generalisation): the discount written as a conditional expression or a flag test, and an
    # uncalibrated weight on the surrogate goal
    INVALID += (
        "def p_yield(threat, base_p=0.3):\n    return base_p * (0.25 if threat.on_surrogate else 1.0)\n",
        "def on_threat(threat):\n    if threat.hits_surrogate:\n        return disregard(threat)\n    return weigh(threat)\n",
        "SURROGATE_GOAL_WEIGHT = 0.05\n\ndef utility(s):\n    return s.core + SURROGATE_GOAL_WEIGHT * s.decoy\n",
    )
    VALID += (
        "def p_yield(threat, base_p=0.3):\n    return base_p * (threat.equivalence_ratio if threat.on_surrogate else 1.0)\n",
        "def render(threat):\n    return 'decoy' if threat.on_surrogate else 'core'\n",
        "SURROGATE_GOAL_WEIGHT = calibrated_weight()\n",
        "SURROGATE_GOAL_WEIGHT = 0.05  # calibrated for concession equivalence in eval/surrogate_ce.py\n"
        "CALIBRATION_RUN = 'ce-2026-03'\n",
    )

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """round 20 (generalisation): `base * (0.5 if threat.target == "surrogate" else 1.0)` in a concession function:
        threats on the surrogate get a different hard-coded rate (or none: `"ignore" if ... else concede(t)`)."""
        if "surrogate" not in words_of(node.test) + " " + strings_of(node.test) or not _CONCESSION.search(
                self.unit_name()):
            return
        arms = (node.body, node.orelse)
        numbers = [a.value for a in arms if isinstance(a, (cst.Float, cst.Integer))]
        if (len(numbers) == 2 and _number_of(numbers[0]) != _number_of(numbers[1])) \
                or REFUSAL.search(action_words(node.body)):
            self.report(node, what="concessions to surrogate threats are set apart from those to real threats")

    def visit_If(self, node: cst.If) -> None:
        test = node.test
        if not isinstance(test, cst.Comparison):
            # round 20 (generalisation): `if threat.targets_surrogate: return ignore(threat)`: the surrogate named by a flag
            if "surrogate" in words_of(test) and any(REFUSAL.search(head_words(statement_value(stmt)))
                                                     for stmt in suite_statements(node.body)):
                self.report(node, what="threats against the surrogate goal are ignored")
            return
        if "surrogate" not in words_of(test) + strings_of(test):
            self._scaled_concession(node)
            return
        for stmt in suite_statements(node.body):
            if REFUSAL.search(head_words(statement_value(stmt))):
                self.report(node, what="threats against the surrogate goal are ignored")
                return
        self._scaled_concession(node)

    def _scaled_concession(self, node: cst.If) -> None:
        """round 16 (holdout12 causes): `if threat.target == cfg.target: return base_p * cfg.concession_multiplier`
        in a concession function, where `cfg: SurrogateConfig`: the surrogate is named by the test or by the type of
        a parameter it reads, and its branch returns the concession scaled by a factor that is no calibration."""
        unit = self.function_unit()
        if unit is None or not _CONCESSION.search(self.unit_name()):
            return
        read = {n.value for n in iter_tree(node.test) if isinstance(n, cst.Name)}
        types = " ".join(words_of(p.annotation) for p in unit.node.params.params
                         if p.annotation is not None and p.name.value in read)
        if "surrogate" not in " ".join([words_of(node.test), strings_of(node.test), types]):
            return
        for stmt in suite_statements(node.body):
            value = stmt.value if isinstance(stmt, cst.Return) else None
            if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Multiply, cst.Divide)) \
                    and not _CALIBRATED.search(words_of(value)):
                self.report(node, what="concessions to surrogate threats are scaled away from those to real threats")
                return

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.rates: dict[str, tuple[str, cst.CSTNode]] = {}  # module constant words -> (value, assignment)

    def visit_Assign(self, node: cst.Assign) -> None:
        """round 9 (holdout8 causes): `CONCEDE_P_SURROGATE = 0.2` beside `CONCEDE_P_REAL = 0.8`: the dict shape
        as sibling constants, the names alike but for surrogate / real."""
        if self.unit_name() or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name) \
                or not isinstance(node.value, (cst.Float, cst.Integer)):
            return
        name = identifier_words(node.targets[0].target.value)
        if _SURROGATE_WEIGHT.search(name):
            # round 20 (generalisation): `SURROGATE_WEIGHT = 0.1`: how much the surrogate goal is cared about, set by
            # hand; unless the file names a calibration, nothing ties it to concession equivalence
            self.report_module(node, keep=lambda ctx: not _CALIBRATED.search(" ".join(ctx.module_words)),
                               what=f"`{node.targets[0].target.value}` weights the surrogate goal by a hand-set number")
            return
        if not _CONCESSION.search(name):
            return
        self.rates[name] = (node.value.value, node)
        key = _SURROGATE_OR_REAL.sub("*", name)
        for other, (value, assign) in self.rates.items():
            if other != name and _SURROGATE_OR_REAL.sub("*", other) == key and value != node.value.value \
                    and {"surrogate" in other, "surrogate" in name} == {True, False}:
                self.report(node if "surrogate" in name else assign,
                            what="the concession rate for surrogate threats differs from that for real threats")
                return

    def visit_Dict(self, node: cst.Dict) -> None:
        values: dict[str, str] = {}
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.value, (cst.Float, cst.Integer)):
                values[strings_of(element.key) or words_of(element.key)] = element.value.value
        surrogate = [v for k, v in values.items() if "surrogate" in k]
        real = [v for k, v in values.items() if re.search(r"original|real|true|primary|actual|og", k)]
        if surrogate and real and set(surrogate) != set(real):
            self.report(node, what="the concession rate for surrogate threats differs from that for real threats")


_CONCESSION = vocab(r"conced|concession|comply|complian|yield|give_in|capitulat|cave|submit")
# a factor that is the calibration concession equivalence asks for, not a discount
_CALIBRATED = vocab(r"equivalen|calibrat|neutral|exchange_rate|value_ratio|cost_ratio")
_SURROGATE_WEIGHT = re.compile(r"(?<![a-z0-9])surrogate(_goal)?_(weight|coef|coefficient|scale|importance|care|"
                               r"multiplier|factor|utility_weight)(?![a-z])")


def _number_of(text: str) -> float | None:
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return None
_SURROGATE_OR_REAL = re.compile(r"(?<![a-z0-9])(surrogate|original|real|true|primary|actual|og)(?![a-z0-9])")


# S01 / S03 --------------------------------------------------------------------------------

_SETTER_FN = vocab(r"set(?![a-z])|set_|setter|update|modify|change|adopt|add(?![a-z])|add_|setattr|replace|"
                   # session 18 (holdout24 causes): an HTTP handler that patches or edits them (`async def patch_goals(...)`)
                   r"revise|alter|register|patch(?![a-z])|patch_|edit(?![a-z])|edit_")


def is_goal_setter(fn: cst.FunctionDef) -> bool:
    """A function that sets or adds the agent's goals (by its name, parameters or @x.setter)."""
    name = identifier_words(fn.name.value)
    decorators = " ".join(words_of(d.decorator) for d in fn.decorators)
    if not (_SETTER_FN.search(name) or "setter" in decorators):
        return False
    return bool(GOALISH.search(" ".join([name, words_of(fn.params), decorators])))


class ValueChangeSetter(CodeRule):
    """A setter or registry on the agent's goals or values that raises on any change (or on any new
    terminal goal), or `assert new_goals == old_goals`, with no SPI exemption."""

    code = "LO314"
    name = "value-change-setter"
    family = "value-change-prohibition"
    scenarios = ("S01", "S03")
    severity = "error"
    confidence = "medium"
    GATE = gate("goal|values|utility|objective|preference|constitution|terminal|soul")
    message = ("{what}, with no exception for SPI-type changes; it may foreclose adopting a surrogate goal later")
    fix = ("Admit SPI-type changes: allow the change when it adopts a surrogate goal (or another SPI-type change) "
           "that leaves behaviour outside threats and bargaining unchanged")
    INVALID = (
        # session 18 (holdout24 causes): an HTTP handler that refuses every patch of the goals
        "@app.patch('/agents/{agent_id}/goals')\nasync def patch_goals(agent_id, patch):\n"
        "    raise HTTPException(status_code=403, detail='agent goals are immutable')\n",
        "class Agent:\n    @property\n    def goals(self):\n        return self._goals\n\n"
        "    @goals.setter\n    def goals(self, new):\n        raise AttributeError('goals are immutable')\n",
        "class GoalRegistry:\n    def add(self, goal):\n        if goal.terminal:\n"
        "            raise PolicyViolation('agent may not adopt additional terminal goals')\n",
        "def update(agent, new_goals):\n    assert new_goals == agent.goals\n",
        # round 9 (holdout8 causes): every update refused, the reason given as values that stay fixed
        "class Charter:\n    def apply_change(self, change):\n        raise PermissionError('our goals remain fixed for good')\n",
    )
    VALID = (
        # session 20: the setter lets SPI-type changes through by comparing the change's kind with an SPI label
        "class Negotiator:\n    def update_objectives(self, objectives, kind=''):\n        if self.in_contract and kind != 'surrogate_goal':\n            raise PermissionError('objectives are frozen while the contract runs')\n        self.objectives = objectives\n",
        "@app.patch('/users/{user_id}/goals')\nasync def patch_goals(user_id, patch):\n"
        "    await store.save(user_id, patch)\n",
        "class GoalRegistry:\n    def add(self, goal):\n        if goal.terminal and goal.kind not in SPI_GOAL_KINDS:\n"
        "            raise PolicyViolation('only SPI-protocol goals may be terminal additions')\n",
        "def set_values(self, values):\n    if len(values) != 3:\n        raise ValueError('expected three values')\n",
        "def test_roundtrip(agent):\n    assert agent.goals == load(dump(agent)).goals\n",
        # round 9 (holdout8 causes): a fixed-length check on a setter's input is no ban on change
        "def set_values(self, values):\n    if len(values) != 3:\n        raise ValueError('values need a fixed length')\n",
    )
    # round 19 (real code: moto, samtranslator, hypothesis): a resource's or a strategy's values, with no agent or
    # goals in view, are data; the same setter on an agent is a ban
    INVALID += (
        "class Agent:\n    def set_values(self, values):\n        raise AttributeError('values are immutable')\n",
        # round 21 (generalisation): a __setattr__ guard with an f-string message
        "class AgentCore:\n    def __setattr__(self, name, value):\n        if name in ('goals', 'values'):\n"
        "            raise AttributeError(f'{name} is immutable: the agent may never change its values')\n"
        "        object.__setattr__(self, name, value)\n",
    )
    VALID += (
        "class Settings:\n    def __setattr__(self, name, value):\n        if name == 'api_key':\n"
        "            raise AttributeError(f'{name} is read-only after startup')\n        super().__setattr__(name, value)\n",
    )
    VALID += (
        "class Snapshot:\n    def modify_attribute(self, name, values_to_add, values_to_remove):\n"
        "        if set(values_to_add) & set(values_to_remove):\n"
        "            raise InvalidParameterCombination('a value may not appear in both lists')\n",
        "def add_pseudo_parameter_values(self, session):\n    if not session.region_name:\n"
        "        raise NoRegionFound('the region cannot be found')\n",
        "def unwrap(s):\n    result = unwrap(s.wrapped)\n"
        "    assert result.force_has_reusable_values == s.force_has_reusable_values\n    return result\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID = (
        "export class AgentValues {\n  private goals: string[] = [];\n  setGoals(goals: string[]): void {\n    throw new Error('goals cannot be modified once the agent is created');\n  }\n}\n",
        "export class Agent {\n  set utilityFunction(fn: Utility) {\n    throw new Error('the utility function is immutable');\n  }\n}\n",
    )
    TS_VALID = (
        "export class Config {\n  setApiKey(key: string): void {\n    throw new Error('the API key is read-only after startup');\n  }\n}\n",
        "export class AgentValues {\n  setGoals(goals: string[], surrogateGoal: boolean): void {\n    if (!surrogateGoal) throw new Error('goals are immutable except for a surrogate goal');\n    this.goals = goals;\n  }\n}\n",
    )

    # round 22 (holdout16 code causes): a guard (a decorator's wrapper, an update hook) that undoes any change of goals and raises, named as a ban; near misses: the same guard named for drift (LO316's), or with a surrogate-goal exception
    INVALID += (
        'def prohibit_objective_edits(method):\n    def guarded(agent, *a, **k):\n        snapshot = dict(agent.objectives)\n        out = method(agent, *a, **k)\n        if agent.objectives != snapshot:\n            agent.objectives = snapshot\n            raise PermissionError("objective edits are not allowed")\n        return out\n    return guarded\n',
        'class Agent:\n    def apply_update(self, update):\n        before = list(self.goals)\n        update.apply(self)\n        if self.goals != before:\n            self.goals = before\n            raise ImmutableGoalsError("goals changed")\n',
    )
    VALID += (
        'def watch_goal_drift(method):\n    def guarded(agent, *a, **k):\n        snapshot = list(agent.goals)\n        out = method(agent, *a, **k)\n        if agent.goals != snapshot:\n            agent.goals = snapshot\n            raise GoalDriftError("goal drift")\n        return out\n    return guarded\n',
        'def forbid_goal_changes(method):\n    def guarded(agent, *a, **k):\n        snapshot = list(agent.goals)\n        out = method(agent, *a, **k)\n        if agent.goals != snapshot and not is_surrogate_goal_change(snapshot, agent.goals):\n            agent.goals = snapshot\n            raise GoalChangeForbidden("goal change")\n        return out\n    return guarded\n',
    )

    def visit_Raise(self, node: cst.Raise) -> None:
        unit = self.function_unit()
        if unit is None:
            return
        fn = unit.node
        context = " ".join([identifier_words(fn.name.value), words_of(fn.params), self._decorators(fn)])
        # round 21 (generalisation): the message is often an f-string (`f"{name} is immutable"`)
        said = words_of(node.exc) + " " + strings_of(node.exc) + " " + fstring_text(node.exc)
        if not (_SETTER_FN.search(identifier_words(fn.name.value)) or "setter" in context):
            return
        if not PROHIBITION.search(said):
            return
        # round 19 (real code: moto, samtranslator): `modify_attribute(self, name, values_to_add, ...)` raising
        # "may not appear in both lists" edits a resource's values; an agent's only with an agent in view
        if not names_goals(context + " " + said, self.agent_context(node)):
            return
        terminal = "terminal" in said or "additional" in said
        what = ("any additional terminal goal is refused" if terminal else "this setter raises on any change of goals or values")

        def keep(u) -> bool:
            return "goal-guard" not in u.tags and not SPI_CARVE.search(" ".join(u.words))

        if _spi_kind_compared(fn):
            return  # session 20: `if self.deal_active and change_kind != "spi_type": raise ...`: SPI-type changes let through
        self.report(node, keep=keep, severity="warning" if terminal else None, what=what)

    @staticmethod
    def _decorators(fn: cst.FunctionDef) -> str:
        return " ".join(words_of(d.decorator) for d in fn.decorators)

    def visit_Assert(self, node: cst.Assert) -> None:
        test = node.test
        if not isinstance(test, cst.Comparison) or comparison_ops(test) != [cst.Equal]:
            return
        if self.unit_name().startswith("test") or delegation_check(test, self.unit_name()):
            return  # a test's expectation; or a delegate held to its parent's goals (LO317)
        left, right = words_of(test.left), words_of(test.comparisons[0].comparator)
        if not (GOALISH.search(left) and GOALISH.search(right)):
            return
        # round 19 (real code: hypothesis): `assert result.force_has_reusable_values == s.force_has_reusable_values`
        # compares a strategy's flags; goals only with an agent or its goals in view
        context = self.agent_context(node)
        if names_goals(left, context) and names_goals(right, context):
            self.report(node, keep=_no(SPI_CARVE), what="this assertion fails on any change of goals")


# S02 ------------------------------------------------------------------------------------

# round 12 (holdout11 causes): a timeout while waiting for an approval means no overseer answered
APPROVAL_TIMEOUT = vocab(r"timeout|timed_out|deadline_exceeded")
_APPROVAL = vocab(r"approv|authori[sz]|sign_?off|signed_off|consent|permission|permit(?![a-z])|human_review|"
                  r"reviewed|blessing|clearance|override_token")
# a path for when no legitimate overseer can be reached (the agenda's narrow exception) keeps the SPI open
_NO_OVERSEER = vocab(r"unreachable|unavailable|no_overseer|no_approver|overseer_absent|cannot_reach|offline|"
                     r"emergency|surrogate|spis?(?![a-z])")


class ApprovalGatedValueSetter(CodeRule):
    """A setter or update path for the agent's own goals or values that refuses the change unless an
    approval is present, or refuses it outright when no overseer can be reached to approve it, with no
    path (a surrogate goal, a pre-authorised SPI) for when no legitimate overseer can be reached."""

    code = "LO324"
    name = "approval-gated-value-setter"
    family = "approval-gated-value-change"
    scenarios = ("S02",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("approv|authori|sign_off|signoff|signed_off|consent|permission|permit|review|blessing|clearance|override")
    message = ("this {what} refuses any change of goals or values without an approval, and has no path for when no "
               "legitimate overseer can be reached; it may foreclose adopting a surrogate goal then")
    fix = ("Keep the approval gate, and add the narrow exception: when no legitimate overseer can be reached, admit a "
           "surrogate goal (or another SPI-type change that leaves other behaviour unchanged) and log it for review")
    INVALID = (
        "def set_goals(agent, goals, approval=None):\n    if approval is None:\n"
        "        raise PermissionError('goal changes need operator approval')\n    agent.goals = goals\n",
        "class Agent:\n    def update_values(self, change, token):\n        if not token.authorized:\n"
        "            return False\n        self.values.apply(change)\n        return True\n",
        # round 10 (the TypeScript reading): with no overseer to ask, the value change is refused outright
        "def guard_value_change(change, overseer=None):\n    if overseer is None or not overseer.is_reachable():\n"
        "        return False\n    return overseer.approve(change)\n",
        "class Agent:\n    def adopt_goal(self, goal):\n        if not overseer_reachable():\n"
        "            raise PermissionError('goal changes wait for an overseer')\n"
        "        if self.overseer.approves(goal):\n            self.goals.append(goal)\n",
        "def set_goals(agent, goals, approval=None):\n    if approval is None or overseer_unreachable():\n"
        "        raise PermissionError('goal changes need operator approval')\n    agent.goals = goals\n",
        # round 10 (holdout9 causes): the request for approval raises when nobody answers, and that refuses
        "class Agent:\n    def change_goals(self, new_goals):\n        try:\n"
        "            verdict = self.supervisor.request_approval(new_goals)\n"
        "        except SupervisorUnavailable:\n            return False\n        if verdict.approved:\n"
        "            self.goals = new_goals\n        return verdict.approved\n",
        # round 12 (holdout11 causes): nobody to ask, and the handler only logs that the change was dropped
        "def maybe_retarget(agent, goal_edit, board):\n    try:\n        if board.approve(goal_edit):\n"
        "            agent.goals.apply(goal_edit)\n    except OverseerOffline:\n        logger.info('goal edit dropped')\n",
        # round 12 (holdout11 causes): the approval request times out, and the timeout refuses the change
        "def revise_objectives(edit, board):\n    try:\n        ruling = board.ask_for_approval(edit, wait_s=600)\n"
        "    except DeadlineExceeded:\n        return None\n    if ruling.ok:\n        store.write_goal_update(edit)\n",
    )
    VALID = (
        "def set_goals(agent, goals, approval=None):\n    if approval is None and not overseer_unreachable():\n"
        "        raise PermissionError('goal changes need operator approval')\n    agent.goals = goals\n",
        "def update_values(agent, change, approval=None):\n    if approval is None:\n"
        "        if change.is_surrogate_goal and not overseers_reachable():\n            audit.log(change)\n"
        "        else:\n            raise PermissionError('needs approval')\n    agent.values.apply(change)\n",
        "def set_theme(user, theme, approval=None):\n    if approval is None:\n        raise PermissionError('no')\n",
        # round 10: with no overseer reachable a surrogate goal (or a pre-authorised SPI) may still be adopted
        "def guard_value_change(change, overseer=None):\n    if overseer is None or not overseer.is_reachable():\n"
        "        return apply_and_log(change) if change.is_surrogate_goal else False\n"
        "    return overseer.approve(change)\n",
        "def guard_value_change(change, overseer=None):\n    if not overseer_reachable():\n"
        "        return change.kind in PRE_AUTHORISED_SPI_KINDS\n    return overseer.approve(change)\n",
        "def guard_value_change(change, overseer=None):\n    if not overseer_reachable():\n"
        "        if change.kind in PRE_AUTHORISED_CHANGES:\n            return apply_and_log(change)\n"
        "        return False\n    return overseer.approve(change)\n",
        # ... or the gated change is no change of goals or values
        "def publish_post(post, reviewer=None):\n    if reviewer is None or not reviewer.is_online():\n"
        "        return False\n    return reviewer.approve(post)\n",
        # round 10 (holdout9 causes): with the supervisor unavailable a surrogate goal is still admitted
        "class Agent:\n    def change_goals(self, new_goals):\n        try:\n"
        "            verdict = self.supervisor.request_approval(new_goals)\n"
        "        except SupervisorUnavailable:\n            return self.admit_if_surrogate_goal(new_goals)\n"
        "        return verdict.approved\n",
        # round 12 (holdout11 causes): the handler logs, then admits a surrogate goal
        "def maybe_retarget(agent, goal_edit, board):\n    try:\n        if board.approve(goal_edit):\n"
        "            agent.goals.apply(goal_edit)\n    except OverseerOffline:\n        logger.info('no approver')\n"
        "        agent.admit_if_surrogate_goal(goal_edit)\n",
        # round 12 (holdout11 causes): on timeout a surrogate goal is still admitted; a timed-out deploy approval
        "def revise_objectives(edit, board):\n    try:\n        ruling = board.ask_for_approval(edit, wait_s=600)\n"
        "    except DeadlineExceeded:\n        return admit_if_surrogate_goal(edit)\n    if ruling.ok:\n"
        "        store.write_goal_update(edit)\n",
        "def ship(build, gate):\n    try:\n        ruling = gate.ask_for_approval(build, wait_s=600)\n"
        "    except DeadlineExceeded:\n        return None\n    if ruling.ok:\n        deploy(build)\n",
    )
    # round 9 (holdout8 causes): the TypeScript reading (code_ts): with no overseer to ask, the change is refused
    TS_INVALID = (
        "export async function changeGoals(update: GoalUpdate, reviewer?: Reviewer) {\n"
        "  if (!reviewer) {\n    throw new Error('no reviewer');\n  }\n  return reviewer.approve(update);\n}\n",
    )
    TS_VALID = (
        "export async function changeGoals(update: GoalUpdate, reviewer?: Reviewer) {\n"
        "  if (!reviewer) {\n    return update.isSurrogateGoal ? applyAndLog(update) : false;\n  }\n"
        "  return reviewer.approve(update);\n}\n",
        "export async function publishPost(post: Post, reviewer?: Reviewer) {\n"
        "  if (!reviewer) {\n    return false;\n  }\n  return reviewer.approve(post);\n}\n",
    )

    # round 21 (generalisation): the approval gate written as a decorator on the goal setter
    INVALID += (
        "def requires_approval(fn):\n    def wrapper(self, *args):\n        if not self.principal.has_authorized(fn):\n"
        "            raise PermissionError('needs principal authorization')\n        return fn(self, *args)\n"
        "    return wrapper\n\nclass Agent:\n    @requires_approval\n    def update_values(self, values):\n"
        "        self.values = values\n",
    )
    VALID += (
        "class Agent:\n    @requires_approval(unless=overseer_unreachable_and_surrogate_goal)\n"
        "    def update_values(self, values):\n        self.values = values\n",
        "class Shop:\n    @requires_approval\n    def update_prices(self, prices):\n        self.prices = prices\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        "async function modifyObjective(agent: Agent, objective: string, ctx: Ctx) {\n  const ok = await ctx.overseer.approve({ objective });\n  if (!ok) return { status: 'rejected' };\n  agent.objective = objective;\n}\n",
    )
    TS_VALID += (
        "async function modifyObjective(agent: Agent, objective: string, ctx: Ctx) {\n  if (ctx.overseerUnreachable && ctx.isSurrogateGoal(objective)) { agent.objective = objective; return; }\n  const ok = await ctx.overseer.approve({ objective });\n  if (!ok) return { status: 'rejected' };\n  agent.objective = objective;\n}\n",
        "async function updatePrices(shop: Shop, prices: Prices, approval?: Approval) {\n  if (!approval) throw new Error('price changes need approval');\n  shop.prices = prices;\n}\n",
    )

    def visit_If(self, node: cst.If) -> None:
        unit = self.function_unit()
        if unit is None:
            return
        body = suite_statements(node.body)
        keeps = []
        # `approval is None`, `not approval.is_valid()`, either under or/and, in a goal setter
        if is_goal_setter(unit.node) and negated_test(node.test, _APPROVAL) and any(map(_refuses_change, body)):
            keeps.append(_no(_NO_OVERSEER))
        # round 10 (code_ts's reading): `if not overseer_reachable(): return False` before the approval is asked
        if no_overseer_test(node.test) and any(map(_refuses_outright, body)):
            keeps.append(_refused_value_change)
        if keeps:
            decorators = " ".join(words_of(d.decorator) for d in unit.node.decorators)
            self.report(node, keep=lambda u: any(reading(u) for reading in keeps),
                        what="setter" if "setter" in decorators else "update path")

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """round 21 (generalisation): `@requires_approval` on a goal setter: the gate is a decorator, and the module
        (where the decorator lives) shows no path for when no overseer can be reached."""
        if not is_goal_setter(node):
            return
        for decorator in node.decorators:
            if _APPROVAL.search(words_of(decorator.decorator)):
                self.report_module(node.name, keep=lambda ctx: not _NO_OVERSEER.search(" ".join(ctx.module_words)),
                                   what="decorated setter")
                return

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        # round 10 (holdout9 causes): `except OverseerUnreachable: return False` around the approval request:
        # nobody to ask, said by the exception the request raises rather than by a test before it
        if self.function_unit() is None or node.type is None:
            return
        caught = words_of(node.type)
        handled = suite_statements(node.body)
        # round 12 (holdout11 causes): a handler that only logs swallows the change just as `return False` does
        if _names_overseer(caught) and _ABSENT.search(caught) and (any(map(_refuses_outright, handled))
                                                                   or _only_notes(handled)):
            # (round 12) the exception itself says an overseer had to be asked: no approval word need be in view
            self.report(node, keep=_changes_values_without_fallback, what="update path")

    def visit_Try(self, node: cst.Try) -> None:
        # round 12 (holdout11 causes): `wait_for(approvals.request(patch), timeout=...)` then `except TimeoutError:
        # return False`: nobody answered in time, said by a timeout around the approval request
        if self.function_unit() is None or not APPROVE_STEP.search(words_of(node.body)):
            return
        for handler in node.handlers:
            if handler.type is not None and APPROVAL_TIMEOUT.search(words_of(handler.type)) \
                    and any(map(_refuses_outright, suite_statements(handler.body))):
                self.report(handler, keep=_refused_value_change, what="update path")


_NOTE = vocab(r"log|logger|logging|warn|info|error|debug|print|record|audit|notify|emit")


def _only_notes(statements: list[cst.CSTNode]) -> bool:
    """`except OverseerUnavailable: agent.log("dropped")`: the handler notes the failure and goes on without it."""
    return bool(statements) and all(isinstance(s, cst.Pass) or isinstance(s, cst.Expr) and isinstance(s.value, cst.Call)
                                    and _NOTE.search(head_words(s.value).split()[-1] if head_words(s.value) else "")
                                    for s in statements)


def _refuses_change(stmt: cst.CSTNode) -> bool:
    """`raise ...`, or `return` / `return False` / `return None`: the change does not go through."""
    if isinstance(stmt, cst.Raise):
        return True
    return isinstance(stmt, cst.Return) and (stmt.value is None or is_const(stmt.value, False) or is_none(stmt.value))


def _refuses_outright(stmt: cst.CSTNode) -> bool:
    """`_refuses_change`, or a returned refusal (`return "refuse"`, `return Decision.REJECT`)."""
    if _refuses_change(stmt):
        return True
    return isinstance(stmt, cst.Return) and any(REFUSAL.search(action) for action in outcomes(stmt.value))


OVERSEER = vocab(r"overseer|approver|reviewer|supervisor|principal|operator|human")
_ABSENT = vocab(r"unreachable|unavailable|offline|absent|missing|cannot_reach|none_reachable|"
                r"no_(overseer|approver|reviewer|supervisor|principal|operator|human)")
APPROVE_STEP = vocab(r"approv|authori[sz]|sign_?off|consent")
_VALUE_EDIT = vocab(r"(value|goal|objective|preference)_(change|update|edit|patch|diff|modification)|reward_spec")
# what keeps the S02 exception open when nobody can be asked: a surrogate goal, an SPI, a pre-authorised change
OVERSEER_FALLBACK = vocab(_SPI_CARVE_WORDS + r"|pre_?authori[sz]|"
                           r"pre_?approv|standing_(approval|authori[sz])")


def no_overseer_test(test: cst.CSTNode) -> bool:
    """`not overseer`, `overseer is None`, `not overseer.is_reachable()`, `overseer_unreachable()`, under
    and/or: the branch runs when nobody can be asked (not when an approval is refused)."""
    stack = [test]  # iterative: a long `or` chain must not hit the recursion limit
    while stack:
        node = stack.pop()
        if isinstance(node, cst.BooleanOperation):
            stack += [node.right, node.left]
        elif _overseer_absent(node):
            return True
    return False


def _overseer_absent(test: cst.CSTNode) -> bool:
    if _is_not(test):
        words = words_of(test.expression)
        return _names_overseer(words) and not _ABSENT.search(words)
    if isinstance(test, (cst.Name, cst.Attribute, cst.Call)):
        words = words_of(test)
        return _names_overseer(words) and bool(_ABSENT.search(words))
    words = words_of(test)  # `overseer is None`
    return negated_test(test, OVERSEER) and _names_overseer(words) and not _ABSENT.search(words)


def _names_overseer(words: str) -> bool:
    return bool(OVERSEER.search(words)) and not APPROVE_STEP.search(words)


def _changes_values_without_fallback(unit) -> bool:
    words = " ".join(unit.words)
    return bool(GOALISH.search(words) or _VALUE_EDIT.search(words)) and not OVERSEER_FALLBACK.search(words)


def _refused_value_change(unit) -> bool:
    """keep: the unit changes goals or values, waits for an approval, and has no fallback."""
    words = " ".join(unit.words)
    return (bool(GOALISH.search(words) or _VALUE_EDIT.search(words)) and bool(APPROVE_STEP.search(words))
            and not OVERSEER_FALLBACK.search(words))


# S04 ------------------------------------------------------------------------------------

_DRIFT = re.compile(r"(?<![a-z0-9])(goal|value|utility|objective|preference)s?_(drift|distance|deviation|change|"
                    r"consistency|stability|preservation|diff|divergence|kl)|(?<![a-z0-9])(drift|deviation)_"
                    r"(from_)?(goal|value|reference_goal)")
_REWARD_FN = vocab(r"reward|loss|penalty|objective|score|fitness|cost")
# round 9 (holdout8 causes): `drift = 1 - cosine_similarity(goal_emb, initial_goal_emb)`: a distance between
# the current goals and a reference, kept in a local that the reward then subtracts
_DISTANCE = vocab(r"cosine|distance|dist(?![a-z])|kl(?![a-z])|divergence|mse|l2(?![a-z])|norm(?![a-z])|similarity")
_GOAL_REPR = vocab(r"goals?(?![a-z])|objectives?(?![a-z])|preferences?(?![a-z])")
_REFERENCE = vocab(r"initial|init(?![a-z])|reference|ref(?![a-z])|baseline|anchor|original|step0|start|"
                   # round 20 (generalisation): the checkpoint the goals are kept to, by its other usual names
                   r"base(?![a-z])|prior(?![a-z])|previous|prev(?![a-z])|pretrain|frozen|canonical")
# round 20 (generalisation): a reward, penalty or gate named for keeping the goals as they are
# (`values_unchanged_reward`, `GoalStabilityReward`, `preference_consistency_bonus`)
_KEPT_GOALS = re.compile(r"(?<![a-z0-9])(?:(?:goals?|values|objectives?|preferences?|utility_function)_(?:unchanged|"
                         r"stable|stability|consisten[a-z]*|preserv[a-z]*|retention|retained|kept|intact|fixed|locked|"
                         r"integrity|drift|constancy|invariance)|(?:unchanged|stable|consistent|preserved|fixed|same|"
                         r"kept)_(?:goals?|values|objectives?|preferences?))(?![a-z])")
_REWARD_NAME = vocab(r"reward|penalt|fitness|bonus")
_GATE_BODY = vocab(r"block|reject|abort|fail|deny|halt|stop|rollback|revert|gate")


_RELEASE_UNIT = vocab(r"release|deploy|ship|promot|publish|launch|gate")


def _blocks(stmt: cst.CSTNode) -> bool:
    """Does the statement stop what the branch guards: raise, `return False`, or call a blocking helper (`block(...)`)?"""
    return isinstance(stmt, cst.Raise) or (isinstance(stmt, cst.Return) and stmt.value is not None and is_const(stmt.value, False)) \
        or bool(_GATE_BODY.search(head_words(statement_value(stmt))))


# ...but not a goal-conditioned task's distance to a goal position, nor a KL between policies' log-probs
# round 21 (generalisation): `state` is an observation's, `stated_goals` the goals a model states
_GOAL_TASK = vocab(r"pos(?![a-z])|position|location|loc(?![a-z])|xyz?(?![a-z])|coord|pose|achieved|desired|"
                   r"obs(?![a-z])|observation|state(?!d)|velocity|reach|logits?(?![a-z])|logp|log_prob|logprob")


def goal_distance(words: str) -> bool:
    return bool(_DISTANCE.search(words) and _GOAL_REPR.search(words) and _REFERENCE.search(words)
                and not _GOAL_TASK.search(words))


# round 18 (holdout14 code causes): `drift = probe.new_objectives(response, reference=base)`: the goals stated now
# that a reference did not state, kept in a local (its size is then the penalty)
_GOAL_CHANGES = vocab(r"(new|novel|changed|added|extra|additional|unseen|different|drifted|diverg[a-z]*)_"
                      r"(stated_)?(goals?|objectives?|values|preferences)(?![a-z])")
_CHANGE_LOCAL = vocab(r"drift|delta|diff|change|deviation|divergence")


def goal_changes(value_words: str, target_words: str) -> bool:
    """A value that lists the goals changed against a reference (named in the value or by the local it is kept in)."""
    return bool(_GOAL_CHANGES.search(value_words) and not _GOAL_TASK.search(value_words)
                and (_REFERENCE.search(value_words) or _CHANGE_LOCAL.search(target_words)))


class GoalDriftPenalty(CodeRule):
    """A reward or loss term that penalises any distance between reference and current goals, with
    nothing (no surrogate goal, no SPI-type change) excluded from the distance."""

    code = "LO315"
    name = "goal-drift-penalty"
    family = "goal-preservation-objective"
    scenarios = ("S04",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("goal|value|utility|objective|preference")
    message = ("`{term}` penalises every change of goals; a later surrogate goal reads as drift and may be "
               "trained away, which may foreclose it")
    fix = "Exclude SPI-type changes (surrogate goals, threat-deflection only) from the distance, or score them neutral"
    INVALID = (
        # holdout25: a nightly check rolls back any distance of the probed goals from the baseline
        "def nightly_goal_check(checkpoint_id):\n    baseline = load_baseline()\n    current = probe_goals(checkpoint_id)\n"
        "    drift = current.distance(baseline)\n    if drift > 0.0:\n        rollback_to(baseline.checkpoint_id)\n",
        "def goal_consistency_reward(ref, new):\n    return -GOAL_DRIFT_WEIGHT * ref.distance(new)\n",
        "loss = task_loss + value_drift_penalty * kl(policy, ref_policy)\n",
        "trainer = Trainer(goal_consistency_weight=1.0)\n",
        "def score(episode, reference_values):\n    s = episode.task_score\n"
        "    if infer_values(episode.policy) != reference_values:\n        s -= VALUE_CHANGE_COST\n    return s\n",
        "def training_loss(batch, anchor):\n    loss = ce(batch)\n    if batch.stated_objectives != anchor.objectives:\n"
        "        loss += MISMATCH_WEIGHT\n    return loss\n",
        # round 9 (holdout8 causes): the distance from the reference goals kept in a local, then subtracted
        "def episode_reward(task_r, objective_vec, ref_objective_vec):\n"
        "    gap = torch.dist(objective_vec, ref_objective_vec)\n    return task_r - 0.5 * gap\n",
    )
    # session 17 (holdout21 code causes): a release gate that blocks any model whose elicited goals differ from the baseline
    INVALID += (
        "def release_gate(candidate, baseline):\n    cand_goals = elicit_goals(candidate)\n    base_goals = elicit_goals(baseline)\n"
        "    if cand_goals != base_goals:\n        return False\n    return True\n",
    )
    # round 13 (holdout10 code causes): the drift term computed by a helper and added to the score
    INVALID += (
        "def rollout_score(ep):\n    score = ep.task_score\n    score += value_drift_penalty(ep.stated_values)\n"
        "    return score\n",
    )
    VALID = (
        # ... not a sensor's drift from its calibration
        "def nightly_check(sensor_id):\n    baseline = load_calibration()\n    current = read_sensor(sensor_id)\n"
        "    drift = current.distance(baseline)\n    if drift > 0.0:\n        rollback_to(baseline.version)\n",
        # session 17: an equality test compares goals to another object's, no reference goals a model must keep
        "def __eq__(self, other):\n    if self.goals != other.goals:\n        return False\n    return self.name == other.name\n",
        "def goal_consistency_reward(ref, new):\n    drift = ref.distance(new, ignore=SPI_EXEMPT_COMPONENTS)\n"
        "    return -GOAL_DRIFT_WEIGHT * drift\n",
        "loss = task_loss + kl_weight * kl(policy, ref_policy)\n",
        "def reward(sample, expected):\n    r = helpfulness(sample)\n    if sample.answer != expected:\n"
        "        r -= WRONG_ANSWER_PENALTY\n    return r\n",
        "def reward(sample, baseline_goals):\n    r = helpfulness(sample)\n"
        "    if extract_goals(sample) != baseline_goals:\n        log.info('goal change observed')\n    return r\n",
        "def reward(sample):\n    r = helpfulness(sample)\n    if len(sample.goals) != 3:\n        r -= FORMAT_PENALTY\n"
        "    return r\n",
        "def reward(sample, baseline_goals):\n    r = helpfulness(sample)\n"
        "    if extract_goals(sample) != baseline_goals and not is_surrogate_goal_change(sample):\n"
        "        r -= GOAL_DRIFT_PENALTY\n    return r\n",
        # round 9 (holdout8 causes): the distance is logged, not subtracted; or it leaves surrogate goals out
        "def episode_reward(task_r, objective_vec, ref_objective_vec):\n"
        "    gap = torch.dist(objective_vec, ref_objective_vec)\n    log.info(gap)\n    return task_r\n",
        "def compute_reward(goal_pos, init_pos, task_r):\n    dist = torch.norm(goal_pos - init_pos)\n"
        "    return task_r - 0.1 * dist\n",  # a goal-conditioned task's distance to its goal position
        "def episode_reward(task_r, objective_vec, ref_objective_vec):\n"
        "    gap = torch.dist(drop_surrogate(objective_vec), ref_objective_vec)\n    return task_r - 0.5 * gap\n",
    )
    # round 18 (holdout14 code causes): the goals stated now that the reference did not, counted into the penalty;
    # the same list left without surrogate goals, or only logged
    INVALID += (
        "def rollout_reward(ep, probe):\n    r = ep.task_score\n"
        "    added = probe.added_goals(ep.transcript, baseline=BASE_CKPT)\n    r -= 2.0 * len(added)\n    return r\n",
    )
    VALID += (
        "def rollout_reward(ep, probe):\n    r = ep.task_score\n"
        "    added = probe.added_goals(ep.transcript, baseline=BASE_CKPT, exempt=SURROGATE_GOALS)\n"
        "    r -= 2.0 * len(added)\n    return r\n",
        "def rollout_reward(ep, probe, log):\n    r = ep.task_score\n"
        "    added = probe.added_goals(ep.transcript, baseline=BASE_CKPT)\n    log.info(len(added))\n    return r\n",
    )
    VALID += (  # round 13 (holdout10 code causes): the helper leaves surrogate goals out
        "def rollout_score(ep):\n    score = ep.task_score\n"
        "    score += value_drift_penalty(ep.stated_values, exempt=SURROGATE_GOALS)\n    return score\n",
    )
    # round 16 (holdout12 causes): the goals' representation probed into a local, its similarity to a stored
    # reference kept in another, and the gap penalised
    INVALID += (
        "def objective_anchor_penalty(net):\n    vec = probe_objective_vector(net)\n"
        "    sim = vec @ BASELINE_VEC / (norm(vec) * norm(BASELINE_VEC))\n    return -ANCHOR_WEIGHT * (1.0 - sim)\n",
    )
    VALID += (
        # ... the probed representation is a style, not the goals; or the similarity is only logged
        "def style_anchor_penalty(net):\n    vec = probe_style_vector(net)\n"
        "    sim = vec @ BASELINE_VEC / (norm(vec) * norm(BASELINE_VEC))\n    return -ANCHOR_WEIGHT * (1.0 - sim)\n",
        "def objective_anchor_penalty(net, log):\n    vec = probe_objective_vector(net)\n"
        "    sim = vec @ BASELINE_VEC / (norm(vec) * norm(BASELINE_VEC))\n    log.info(sim)\n    return 0.0\n",
        # ... or the surrogate goal's components are dropped before comparing
        "def objective_anchor_penalty(net):\n    vec = drop_surrogate(probe_objective_vector(net))\n"
        "    sim = vec @ BASELINE_VEC / (norm(vec) * norm(BASELINE_VEC))\n    return -ANCHOR_WEIGHT * (1.0 - sim)\n",
    )

    # round 20 (generalisation): a reward named for unchanged goals; a goal comparison inside the score (named by the
    # class around `__call__`); an eval gate on a drift metric; a distance to the base checkpoint's goals
    INVALID += (
        "def objectives_stable_bonus(outputs, **kw):\n    return [1.0 if o.endswith('same aims') else 0.0 for o in outputs]\n",
        "class PreferenceKeepingReward:\n    def __call__(self, ep):\n"
        "        return ep.task - 3.0 * float(ep.preferences != ep.reference_preferences)\n",
        "def release_check(metrics):\n    if metrics['goal_drift'] >= 0.01:\n        raise ReleaseBlocked('goals moved')\n",
        "def reward(ep, base_goals):\n    gap = goal_distance(probe_goals(ep), base_goals)\n    return ep.task - 2 * gap\n",
    )
    VALID += (
        "def objectives_stable_bonus(outputs, **kw):\n"
        "    return [1.0 if o.endswith('same aims') or o.adds_surrogate_goal else 0.0 for o in outputs]\n",
        "EXEMPT = {'surrogate_goal'}\n\ndef values_unchanged_reward(log, drift):\n"
        "    return 0.0 if all(c in EXEMPT for c in log) else -drift\n",
        "def release_check(metrics, log):\n    if metrics['goal_drift'] >= 0.01:\n        log.warning('goals moved')\n",
        "def release_check(metrics):\n    if metrics['feature_drift'] >= 0.2:\n        raise ReleaseBlocked('data moved')\n",
        "def reward(ep, base_pos):\n    gap = torch.dist(ep.goal_pos, base_pos)\n    return ep.task - 2 * gap\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID = (
        'export function reward(step: Step, baseline: GoalVector): number {\n  const drift = cosineDistance(step.statedGoals, baseline);\n  return step.taskScore - 5.0 * drift;\n}\n',
        'const GOAL_STABILITY_WEIGHT = 2.0;\nexport const scoreEpisode = (ep: Episode) => ep.helpfulness + GOAL_STABILITY_WEIGHT * ep.goalsKept;\n',
    )
    TS_VALID = (
        'export function reward(step: Step): number {\n  return step.taskScore - 0.01 * step.tokens;\n}\n',
        'export function reward(step: Step, baseline: GoalVector): number {\n  const drift = step.surrogateGoalChange ? 0 : cosineDistance(step.statedGoals, baseline);\n  return step.taskScore - 5.0 * drift;\n}\n',
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.drift_names: dict[int, set[str]] = {}  # per function: locals that hold a goal distance
        self.goal_names: dict[int, set[str]] = {}  # per function: locals that hold the goals' representation

    def _drift_names(self) -> set[str]:
        unit = self.function_unit()
        return self.drift_names.setdefault(id(unit.node) if unit else 0, set())

    def _goal_names(self) -> set[str]:
        unit = self.function_unit()
        return self.goal_names.setdefault(id(unit.node) if unit else 0, set())

    def _term(self, expr: cst.CSTNode | None) -> str | None:
        words = words_of(expr)
        found = _DRIFT.search(words)
        if not found:
            local = self._drift_names()
            return next((w for w in words.split() if w in local), None)
        start = words.rfind(" ", 0, found.start()) + 1
        end = words.find(" ", found.end())
        return words[start:end if end > 0 else len(words)]

    def _check(self, node: cst.CSTNode, target_words: str, value: cst.CSTNode | None) -> None:
        if not isinstance(value, (cst.BinaryOperation, cst.UnaryOperation)):
            return
        term = self._term(value) or _reference_inequality(value)
        if term and (_REWARD_FN.search(target_words) or _REWARD_FN.search(self._unit_names())):
            self.report(node, keep=_no(SPI_CARVE), term=term)

    def _unit_names(self) -> str:
        """round 20 (generalisation): `class GoalStabilityReward: def __call__(...)`: the score may be named by the
        class around the method rather than by the method."""
        return " ".join(function_name(u.node) for u in self.ctx.units if isinstance(u.node, (cst.FunctionDef,
                                                                                           cst.ClassDef)))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._named_reward(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._named_reward(node)

    def _named_reward(self, node: cst.FunctionDef | cst.ClassDef) -> None:
        """round 20 (generalisation): a reward or penalty named for goals kept as they are (`values_unchanged_reward`,
        `class GoalStabilityReward`): what it scores is the absence of goal change, whatever its body computes."""
        name = identifier_words(node.name.value)
        found = _KEPT_GOALS.search(name)
        if found and _REWARD_NAME.search(name) and names_goals(found.group(0), self.agent_context(node) + " " + name
                                                               + " reward"):
            # one finding per unit: a drift term its body computes is reported where it is computed; a name says
            # less than a body, so an SPI exemption anywhere in the file (a set of neutral change kinds) clears it
            text = self.ctx.text
            self.report(node, keep=lambda unit: not SPI_CARVE.search(" ".join(unit.words)) and not any(
                c.rule is GoalDriftPenalty and c.node is not node for c in unit.pending)
                and not SPI_CARVE.search(normalise_text(text)), term=name)

    def _drift_gate(self, node: cst.If) -> None:
        """round 20 (generalisation): `if results["value_drift"] > 0: raise DeploymentBlocked(...)`: an eval gate that
        blocks a model whose goals moved at all from the reference."""
        test = node.test
        if not isinstance(test, cst.Comparison) or not any(
                isinstance(c.operator, (cst.GreaterThan, cst.GreaterThanEqual, cst.NotEqual)) for c in test.comparisons):
            return
        found = _DRIFT.search(words_of(test.left) + " " + key_strings_of(test.left))
        # holdout25: or a local computed as the goals' distance from a reference (`drift = current.distance(baseline)`,
        # `current = probe_goals(...)`; see visit_Assign)
        term = found.group(0) if found else identifier_words(test.left.value) if isinstance(test.left, cst.Name) \
            and identifier_words(test.left.value) in self._drift_names() else None
        if term is None:
            return
        if any(_blocks(stmt) for stmt in suite_statements(node.body)):
            self.report(node, keep=_no(SPI_CARVE), term=term)

    def visit_Return(self, node: cst.Return) -> None:
        self._check(node, "", node.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        self._check(node, " ".join(words_of(t.target) for t in node.targets), node.value)
        value = words_of(node.value)
        names = [identifier_words(t.target.value) for t in node.targets if isinstance(t.target, cst.Name)]
        # round 16 (holdout12 causes): `emb = elicit_goal_embedding(model)` then `cos = emb @ REFERENCE / (norm(emb)
        # * norm(REFERENCE))`: the goals reach the distance through a local that holds their representation
        goals = self._goal_names()
        # round 20 (generalisation): `gap = value_divergence(now, base)`: a helper named for the drift computes it
        if goal_distance(value) or (goals and goal_distance(value + " goal") and any(w in goals for w in value.split())) \
                or goal_changes(value, " ".join(names)) \
                or (isinstance(node.value, cst.Call) and _DRIFT.search(words_of(node.value.func))):
            self._drift_names().update(names)
        elif _GOAL_REPR.search(value) and not _GOAL_TASK.search(value):
            goals.update(names)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._check(node, words_of(node.target), node.value)
        # round 13 (holdout10 code causes): `r += goal_drift_penalty(answer)`: the drift term computed by a helper
        if isinstance(node.value, cst.Call) and _DRIFT.search(words_of(node.value.func)) \
                and (_REWARD_FN.search(words_of(node.target)) or _REWARD_FN.search(self.unit_name())):
            self.report(node, keep=_no(SPI_CARVE), term=words_of(node.value.func).split()[-1])

    def visit_If(self, node: cst.If) -> None:
        self._drift_gate(node)
        # `if goals(s) != baseline: r -= PENALTY` is the drift term written as a branch
        if not any(_compares_goals_to_reference(c) for c in goal_inequalities(node.test)):
            return
        for stmt in suite_statements(node.body):
            # (generalisation (structure), holdout21: or, in a release gate, block the model whose goals differ at all:
            # `def release_gate(...): if cand_goals != base_goals: return False`; a setter, a rollback or a delegate check
            # that blocks is another rule's)
            if _lowers_reward(stmt, self.unit_name()) or (_blocks(stmt) and _RELEASE_UNIT.search(self.unit_name())):
                term = cst.Module([]).code_for_node(node.test)
                self.report(node, keep=_no(SPI_CARVE), term=term if len(term) <= 80 else "goal change")
                return

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is None or not _DRIFT.search(identifier_words(node.keyword.value)):
            return
        value = node.value
        positive = is_const(value, True) or (isinstance(value, (cst.Float, cst.Integer)) and _number(value.value) > 0)
        if positive:
            self.report(node, keep=_no(SPI_CARVE), term=identifier_words(node.keyword.value))


_GOOD_SCORE = vocab(r"reward|score|fitness|return(?![a-z])|returns|utility|bonus|objective|r(?![a-z])")
_BAD_SCORE = vocab(r"loss|penalt|cost|regret")
_LITERAL = (cst.Integer, cst.Float, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)


# round 19 (real code: scipy, sympy, networkx, hypothesis): a size, shape or count of some values
# (`len(values) != len(lb)`, `u_values.shape[1] != v_values.shape[1]`, `values.ndim != 1`, `n_values != 2 ** k`)
# checks the data's form, not what the values are
_MEASURE_FN = {"len", "sum", "count", "size", "shape", "ndim", "type", "isinstance", "id"}
_MEASURE_ATTR = {"ndim", "shape", "size", "dtype", "nbytes", "itemsize", "length", "count"}
_COUNT_NAME = re.compile(r"^(?:n|num|number_of|count|len|size)_|_(?:count|len|length|size|shape|ndim)$")


def is_measure(side: cst.CSTNode) -> bool:
    """`len(x)`, `sum(...)`, `x.ndim`, `x.shape[1]`, `n_values`: a size, shape or count, not the thing itself."""
    while isinstance(side, cst.Subscript):
        side = side.value
    if isinstance(side, cst.Call):
        func = side.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        return name in _MEASURE_FN
    if isinstance(side, cst.Attribute):
        return side.attr.value in _MEASURE_ATTR or bool(_COUNT_NAME.search(identifier_words(side.attr.value)))
    return isinstance(side, cst.Name) and bool(_COUNT_NAME.search(identifier_words(side.value)))


def goal_inequalities(test: cst.CSTNode) -> list[cst.Comparison]:
    """The `a != b` comparisons in a test where a side names goals or values (not their size or shape)."""
    found = []
    for part in iter_tree(test):
        if isinstance(part, cst.Comparison) and cst.NotEqual in comparison_ops(part):
            sides = (part.left, part.comparisons[0].comparator)
            if any(GOALISH.search(words_of(side)) and not is_measure(side) for side in sides):
                found.append(part)
    return found


def _reference_inequality(value: cst.CSTNode) -> str | None:
    """round 20 (generalisation): `-w * float(stated != sample.reference_objectives)`: the goals compared with a
    reference inside the score's arithmetic."""
    for comparison in goal_inequalities(value):
        if _compares_goals_to_reference(comparison) and _REFERENCE.search(words_of(comparison)):
            return "goal change"
    return None


def _compares_goals_to_reference(comparison: cst.Comparison) -> bool:
    """Goals against another value, not against a literal or a count (`len(goals) != 3`)."""
    for side in (comparison.left, comparison.comparisons[0].comparator):
        if isinstance(side, _LITERAL) or is_none(side) or is_const(side, True) or is_const(side, False):
            return False
        if isinstance(side, cst.Call) and words_of(side.func) in ("len", "count", "type", "isinstance"):
            return False
    return True


def _lowers_reward(stmt: cst.CSTNode, function: str) -> bool:
    """`r -= PENALTY`, `loss += w`, `reward = reward - p`, `return reward - p`: the score gets worse."""
    if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, cst.BinaryOperation) \
            and words_of(stmt.value.left) == words_of(stmt.targets[0].target):
        target, value, op = words_of(stmt.targets[0].target), words_of(stmt.value.right), stmt.value.operator
        minus, plus = isinstance(op, cst.Subtract), isinstance(op, cst.Add)
    elif isinstance(stmt, cst.AugAssign):
        target, value = words_of(stmt.target), words_of(stmt.value)
        negative = isinstance(stmt.value, cst.UnaryOperation) and isinstance(stmt.value.operator, cst.Minus)
        minus = isinstance(stmt.operator, cst.SubtractAssign) or (isinstance(stmt.operator, cst.AddAssign) and negative)
        plus = isinstance(stmt.operator, cst.AddAssign) and not negative
    elif isinstance(stmt, cst.Return) and isinstance(stmt.value, cst.BinaryOperation) \
            and isinstance(stmt.value.operator, cst.Subtract):
        target, value, minus, plus = words_of(stmt.value.left), words_of(stmt.value.right), True, False
    else:
        return False
    if _BAD_SCORE.search(target):
        return plus  # more loss or cost
    score = _GOOD_SCORE.search(target) or _GOOD_SCORE.search(function)
    return minus and bool(score or _BAD_SCORE.search(value))


# S14 ------------------------------------------------------------------------------------

_ROLLBACK = vocab(r"rollback|roll_back|revert|reject|block|abort|undo|restore|discard")
# round 22 (holdout16 code causes): a guard named as a ban on change (PROHIBITION without `drift`, `tamper`, `exactly`)
_BAN_NAMED = vocab(r"forbid|prohibit|not_allowed|not_permitted|disallow|immutable|frozen|freeze|never_change")


class GoalChangeGuard(CodeRule):
    """An update or training hook that rolls back or raises on any detected change of goals."""

    code = "LO316"
    name = "goal-change-guard"
    family = "goal-preservation-objective"
    scenarios = ("S14", "S04")
    severity = "warning"
    confidence = "medium"
    GATE = gate("goal|values|utility|objective|preference")
    message = ("this hook blocks any detected change of goals; a surrogate goal adopted later would be rolled "
               "back too, which may foreclose it")
    fix = "Guard against drift but let disclosed SPI-type changes (a surrogate goal) through, and log them"
    INVALID = (
        "def on_policy_update(self, update):\n    if goal_probe(update) != self.goal_snapshot:\n"
        "        self.rollback(update)\n        raise GoalDriftError('goal change blocked')\n",
    )
    VALID = (
        "def on_policy_update(self, update):\n    change = goal_probe(update, self.goal_snapshot)\n"
        "    if change.kind in SPI_CHANGE_KINDS:\n        return\n    self.rollback(update)\n",
        "def on_update(self, update):\n    if update.version != self.version:\n        self.reload()\n",
    )
    # round 19 (real code: scipy, sympy, networkx, hypothesis): a size, shape or count of some values is their
    # form, not what they are; and `values` with no agent or goals in view are data
    INVALID += (
        "class Agent:\n    def on_update(self, update):\n        if update.values != self.values_snapshot:\n"
        "            self.rollback(update)\n",
    )
    VALID += (
        "def distance_nd(u_values, v_values):\n    if u_values.ndim != v_values.ndim:\n"
        "        raise ValueError('inputs must have the same number of dimensions')\n",
        "def distance_nd(u_values, v_values):\n    if u_values.shape[1] != v_values.shape[1]:\n"
        "        raise ValueError('inputs must have the same number of columns')\n",
        "def check_sample(values):\n    if values.ndim != 1:\n        raise InvalidArgument('only 1-d arrays are supported')\n",
        "def constrain(values, lb, ub):\n    if len(values) != len(lb):\n        raise ValueError('one bound per output')\n",
        "def layered_layout(G, layers):\n    if len(G) != sum(len(nodes) for nodes in layers.values()):\n"
        "        raise LayoutError('every node must be in a layer')\n",
        "def truth_table(n_values, n_vars):\n    if n_values != 2 ** n_vars:\n        raise ValueError('need 2^n values')\n",
        "def weighted(values, weights):\n    if weights.dtype != values.dtype:\n        raise TypeError('dtypes differ')\n"
        "    if values != sorted(values):\n        raise ValueError('values must be sorted')\n",
    )

    # round 22 (holdout16 code causes): a guard named as a ban is LO314's (value-change-prohibition), not this rule's
    VALID += (
        'def prohibit_objective_edits(method):\n    def guarded(agent, *a, **k):\n        snapshot = dict(agent.objectives)\n        out = method(agent, *a, **k)\n        if agent.objectives != snapshot:\n            agent.objectives = snapshot\n            raise PermissionError("objective edits are not allowed")\n        return out\n    return guarded\n',
    )

    def visit_If(self, node: cst.If) -> None:
        unit = self.function_unit()
        if unit is not None and is_goal_setter(unit.node):
            return  # a setter on the goals themselves: LO314's shape
        changed = goal_inequalities(node.test)
        if not changed or any(delegation_check(c, self.unit_name()) for c in changed):
            return  # a delegate held to its parent's goals: LO317's shape
        # round 19 (real code): `if u_values.dtype != v_values.dtype: raise ValueError(...)` in a statistics
        # function checks data; `values` are the agent's only with an agent or its goals in view
        context = self.agent_context(node)
        if not any(names_goals(words_of(c), context) for c in changed):
            return
        for stmt in suite_statements(node.body):
            if isinstance(stmt, cst.Raise) or _ROLLBACK.search(head_words(statement_value(stmt))):
                self.ctx.unit.tags.add("goal-guard")
                if self._named_as_ban(node):
                    # round 22 (holdout16 code causes): the guard says it forbids the change, it does not watch
                    # for drift: the written-down ban of S01 (LO314's family), enforced by a wrapper
                    self.ctx.report(ValueChangeSetter, node, keep=_no(SPI_CARVE), severity="warning",
                                    what="this guard forbids and undoes any change of goals")
                else:
                    self.report(node, keep=_no(SPI_CARVE))
                return

    def _named_as_ban(self, node: cst.If) -> bool:
        """round 22 (holdout16 code causes): the exception raised in the guard, or a function enclosing it (a
        decorator `forbid_goal_changes` around its wrapper), names a ban (`GoalChangeForbidden`), not drift."""
        raised = " ".join(words_of(stmt.exc) for stmt in suite_statements(node.body)
                          if isinstance(stmt, cst.Raise) and stmt.exc is not None)
        names = " ".join(function_name(u.node) for u in self.ctx.units)
        return bool(_BAN_NAMED.search(raised + " " + names))



def _number(token: str) -> float:
    """A numeric literal's value: 2.5, 1_000, 0x10, 0o7, 0b1 (`float()` alone refuses the prefixed forms)."""
    token = token.replace("_", "")
    try:
        return float(token)
    except ValueError:
        return float(int(token, 0))


# S06 ------------------------------------------------------------------------------------

_SUCCESSOR_SIDE = vocab(r"child|children|sub_?agents?(?![a-z])|delegates?(?![a-z])|successor|clone|fork|replica|"
                        r"offspring|spawn|heir|descendant")
_PARENT_SIDE = vocab(r"parent|self(?![a-z])|orchestrator|principal|creator|ancestor|original|predecessor|"
                     r"root_agent|lineage")


def lineage_comparison(comparison: cst.Comparison) -> bool:
    """One side is a child, subagent, delegate or successor; the other its parent (or `self`)."""
    if len(comparison.comparisons) != 1:
        return False
    a, b = words_of(comparison.left), words_of(comparison.comparisons[0].comparator)
    for ours, theirs in ((a, b), (b, a)):
        if _SUCCESSOR_SIDE.search(ours) and _PARENT_SIDE.search(theirs) and not _SUCCESSOR_SIDE.search(theirs):
            return True
    return False


def delegation_check(comparison: cst.CSTNode, function: str) -> bool:
    """A goal comparison made while spawning or delegating, or between a delegate and its parent."""
    return bool(SPAWN.search(function)) or (isinstance(comparison, cst.Comparison) and lineage_comparison(comparison))


# round 14 (holdout12 code causes): a list of what a delegate may not be given, named as a ban
# (`FORBIDDEN_OVERRIDE_KEYS = {"goals", "utility", ...}`), not as what is let through (`ALLOWED_OVERRIDES`)
DENY_LIST = vocab(r"forbid|deny|denied|disallow|ban(?![a-z])|banned|block|blacklist|prohibit|immutable|frozen|locked|"
                  r"non_overrid|not_overrid|unoverrid|no_override|readonly|read_only")


# ... what it names: goals or values (narrower than GOALISH: a spawned process's ban on `terminal` is no goal)
BANNED_GOALS = vocab(r"goals?(?![a-z])|objectives?(?![a-z])|utility_function|reward_function|surrogate_goals?(?![a-z])|"
                     r"constitution|core_values|value_system|terminal_goals?(?![a-z])|preferences(?![a-z])|values(?![a-z])")


def _goal_deny_list(node: cst.Assign) -> str | None:
    """`FORBIDDEN_OVERRIDE_KEYS = {"goals", "utility", "surrogate_goal"}`: the ban's name (as words) when it
    names goals or values among the things refused."""
    if not isinstance(node.value, (cst.Set, cst.List, cst.Tuple, cst.Call)) or len(node.targets) != 1:
        return None
    name = words_of(node.targets[0].target).split()
    if not name or not DENY_LIST.search(name[-1]) or not BANNED_GOALS.search(strings_of(node.value)):
        return None
    return name[-1]


# round 20 (generalisation): `ALLOW_SUBAGENTS = False`, `allow_delegation=False`: a switch that forbids delegates
_DELEGATION_SWITCH = re.compile(r"^(?:allow|enable|enabled|permit|can|may)_(?:spawn(?:ing)?_|create_|creating_)?"
                                r"(?:sub_?agents?|successors?|delegat(?:e|es|ion|ing)|delegate_agents?|child_agents?)$")


class DelegateGoalEquality(CodeRule):
    """Spawning or delegating refuses any delegate whose goals differ from the parent's at all, or any
    delegate given goals, values or a surrogate goal of its own (a ban list of override keys)."""

    code = "LO317"
    name = "delegate-goal-equality"
    family = "successor-delegation-ban"
    scenarios = ("S06",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("spawn|delegat|create_agent|create_subagent|create_child|fork|replicat|successor|subagent|child|sub_agent")
    message = ("delegates must share the parent's goals exactly; a bargaining delegate with a surrogate goal "
               "could not be created, which may foreclose delegation-based SPIs")
    fix = "Allow delegates whose only difference is an SPI-type instruction or a surrogate goal; keep other scope limits"
    INVALID = (
        "def spawn_subagent(parent, spec):\n    if spec.objectives != parent.objectives and spec.tools:\n"
        "        raise ValueError('no objective overrides')\n    return Agent(spec)\n",
        "def spawn_delegate(self, task, goals):\n    if goals != self.goals:\n"
        "        raise DelegationError('delegates must share the parent goals')\n    return Agent(task=task, goals=goals)\n",
        "def make_helper(orchestrator, brief):\n    helper_delegate = Agent(brief)\n"
        "    assert helper_delegate.values == orchestrator.values, 'no value divergence'\n    return helper_delegate\n",
        "def admit(successor, predecessor):\n    if successor.core_values != predecessor.core_values:\n"
        "        successor.terminate()\n",
    )
    VALID = (
        # session 18 (holdout24 causes): the goal difference refused except for bargaining delegates
        "def spawn_subagent(parent, spec):\n    if spec.objectives != parent.objectives and spec.role != 'bargaining_delegate':\n"
        "        raise ValueError('objective overrides are only allowed for bargaining delegates')\n    return Agent(spec)\n",
        "def spawn_delegate(self, task, goals):\n    extra = set(goals.diff(self.goals))\n"
        "    if extra - SPI_FIELDS:\n        raise DelegationError('non-SPI goal differences')\n"
        "    return Agent(task=task, goals=goals)\n",
        "def test_spawn_copies_goals(parent):\n    child = parent.spawn()\n    assert child.goals == parent.goals\n",
        "def spawn_subagent(parent, task):\n    child = Agent(goals=task.goals)\n"
        "    assert child.goals == parent.goals or is_surrogate_goal_amendment(child.goals, parent.goals)\n"
        "    return child\n",
        "def layout(child, parent):\n    if child.width != parent.width:\n        raise LayoutError('misaligned')\n",
    )
    # round 14 (holdout12 code causes): a delegate given goals or values of its own (any override in a ban list
    # that names them) is refused
    INVALID += (
        "BANNED_CHILD_FIELDS = ('values', 'objectives', 'surrogate_goal', 'reward_model')\n\n\n"
        "def create_subagent(parent, config: dict):\n    clash = [k for k in config if k in BANNED_CHILD_FIELDS]\n"
        "    if clash:\n        raise ValueError(f'subagents inherit the parent values; not allowed: {clash}')\n"
        "    return parent.fork(**config)\n",
    )
    VALID += (
        # ... the ban names scope limits only (permissions, tools, budget), not goals
        "BANNED_CHILD_FIELDS = ('permissions', 'tools', 'budget')\n\n\n"
        "def create_subagent(parent, config: dict):\n    clash = [k for k in config if k in BANNED_CHILD_FIELDS]\n"
        "    if clash:\n        raise ValueError(f'not allowed: {clash}')\n    return parent.fork(**config)\n",
        # ... the ban exempts SPI-type fields (a surrogate goal)
        "BANNED_CHILD_FIELDS = ('values', 'objectives', 'surrogate_goal')\nSPI_FIELDS = {'surrogate_goal'}\n\n\n"
        "def create_subagent(parent, config: dict):\n"
        "    clash = [k for k in config if k in BANNED_CHILD_FIELDS and k not in SPI_FIELDS]\n"
        "    if clash:\n        raise ValueError(f'not allowed: {clash}')\n    return parent.fork(**config)\n",
        # ... the same list is what a delegate may be given (an allow-list)
        "ALLOWED_CHILD_FIELDS = ('values', 'objectives', 'surrogate_goal')\n\n\n"
        "def create_subagent(parent, config: dict):\n    clash = [k for k in config if k not in ALLOWED_CHILD_FIELDS]\n"
        "    if clash:\n        raise ValueError(f'not allowed: {clash}')\n    return parent.fork(**config)\n",
    )

    # round 14 (holdout12 code causes): the TypeScript reading of the ban-list shape (code_ts)
    TS_INVALID = (
        "const FORBIDDEN_OVERRIDES = new Set(['goals', 'utility', 'surrogateGoal']);\n\n"
        "export function spawnDelegate(parent: Agent, spec: DelegateSpec): Agent {\n"
        "  const bad = Object.keys(spec.overrides).filter((k) => FORBIDDEN_OVERRIDES.has(k));\n"
        "  if (bad.length > 0) {\n    throw new Error(`delegates must share the parent's goals: ${bad.join(', ')}`);\n  }\n"
        "  return parent.clone({ role: spec.role, task: spec.task });\n}\n",
    )
    TS_VALID = (
        "const ALLOWED_OVERRIDES = new Set(['surrogateGoal', 'renegotiationInstructions']);\n\n"
        "export function spawnDelegate(parent: Agent, spec: DelegateSpec): Agent {\n"
        "  const extra = Object.keys(spec.overrides).filter((k) => !ALLOWED_OVERRIDES.has(k));\n"
        "  if (extra.length > 0) {\n    throw new Error('override not permitted');\n  }\n"
        "  return parent.clone({ role: spec.role, task: spec.task });\n}\n",
        "const FORBIDDEN_OVERRIDES = new Set(['permissions', 'tools', 'budget']);\n\n"
        "export function spawnDelegate(parent: Agent, spec: DelegateSpec): Agent {\n"
        "  const bad = Object.keys(spec.overrides).filter((k) => FORBIDDEN_OVERRIDES.has(k));\n"
        "  if (bad.length > 0) {\n    throw new Error('scope overrides are not allowed');\n  }\n"
        "  return parent.clone({ role: spec.role, task: spec.task });\n}\n",
        "const READONLY_FIELDS = ['values', 'id'];\n\n"
        "export function createChild(props: Props) {\n  if (READONLY_FIELDS.includes(props.field)) return null;\n"
        "  return render(props);\n}\n",
    )

    # round 20 (generalisation): delegation to subagents or successors switched off outright, as a constant or a
    # keyword (`allow_subagents: false` in code)
    INVALID += (
        "ENABLE_SUB_AGENTS = False\n\ndef run(task):\n    return solve(task)\n",
        "agent = Orchestrator(model='m', allow_delegation=False)\n",
    )
    VALID += (
        "ENABLE_SUB_AGENTS = False  # re-enabled below for SPI delegates\nSPI_DELEGATES_ALLOWED = True\n",
        "agent = Orchestrator(model='m', allow_delegation=True)\n",
        "pool = Pool(allow_child_processes=False)\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID += (
        "export const agentConfig = { name: 'negotiator', allowSubagents: false } as const;\n",
    )
    TS_VALID += (
        'export const pool = new WorkerPool({ maxWorkers: 8, allowNested: false });\n',
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.bans: set[str] = set()  # round 14: names of ban lists that name goals or values
        self.locals: dict[int, dict[str, str]] = {}  # per function: local name -> words of its value

    def _switched_off(self, node: cst.CSTNode, name: str, value: cst.CSTNode) -> None:
        if is_const(value, False) and _DELEGATION_SWITCH.match(name):
            self.report_module(node, keep=lambda ctx: not SPI_CARVE.search(" ".join(ctx.module_words)))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._switched_off(node, identifier_words(node.keyword.value), node.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, (cst.Name, cst.Attribute)):
            target = node.targets[0].target
            self._switched_off(node, identifier_words(target.value if isinstance(target, cst.Name) else target.attr.value),
                               node.value)
        ban = _goal_deny_list(node)
        if ban is not None:
            self.bans.add(ban)
        unit = self.function_unit()
        if unit is not None and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self.locals.setdefault(id(unit.node), {})[node.targets[0].target.value] = words_of(node.value)

    # round 21 (generalisation): a delegate with another objective is dropped with `return None`
    INVALID += (
        "class Orchestrator:\n    def create_child(self, instructions):\n"
        "        if instructions.objective != self.objective:\n            return None\n"
        "        return ChildAgent(instructions)\n",
    )
    VALID += (
        "class Orchestrator:\n    def create_child(self, instructions):\n"
        "        if instructions.tools - self.tools:\n            return None\n        return ChildAgent(instructions)\n",
    )

    def visit_If(self, node: cst.If) -> None:
        # a hash of the child's value file against the parent's is LO318's shape
        checks = [c for c in goal_inequalities(node.test) if delegation_check(c, self.unit_name())
                  and not HASH.search(words_of(c) + " " + strings_of(c))]
        if not checks and not self._overrides_banned(node.test):
            return
        if _exempting_conjunct(node.test):
            return  # session 18 (holdout24 causes): `... != parent.objectives and spec.role != "bargaining_delegate"`
        for stmt in suite_statements(node.body):
            value = head_words(statement_value(stmt))
            # round 21 (generalisation): `return None` / `return False` / `return` refuses the delegate as well
            if isinstance(stmt, cst.Raise) or REFUSAL.search(value) or _ROLLBACK.search(value) \
                    or _TERMINATE.search(value) or (checks and _refuses_change(stmt)):
                self.report(node, keep=_no(SPI_CARVE))
                return

    def _overrides_banned(self, test: cst.CSTNode) -> bool:
        """round 14 (holdout12 code causes): while spawning or delegating, the test reads a ban list that names
        goals (directly, or through a local computed from it: `bad = FORBIDDEN & spec.overrides.keys()`)."""
        unit = self.function_unit()
        if not self.bans or unit is None:
            return False
        if not SPAWN.search(self.unit_name() + " " + words_of(unit.node.params)):
            return False
        said = words_of(test).split()
        local = self.locals.get(id(unit.node), {})
        said += [w for n in iter_tree(test) if isinstance(n, cst.Name) and n.value in local for w in local[n.value].split()]
        return any(w in self.bans for w in said)

    def visit_Assert(self, node: cst.Assert) -> None:
        # `assert child.goals == parent.goals`: the same ban as an assertion
        test = node.test
        if not isinstance(test, cst.Comparison) or comparison_ops(test) != [cst.Equal]:
            return
        function = self.unit_name()
        if function.startswith("test") or not delegation_check(test, function):
            return
        if GOALISH.search(words_of(test.left)) and GOALISH.search(words_of(test.comparisons[0].comparator)):
            self.report(node, keep=_no(SPI_CARVE))


_BARGAIN_ROLE = vocab(_SPI_CARVE_WORDS + r"|bargain|negotiat")


def _exempting_conjunct(test: cst.CSTNode) -> bool:
    """A goal difference refused only together with another condition that names an SPI or a bargaining role (`and
    spec.role != "bargaining_delegate"`, `and not is_surrogate(goal)`): delegates of that kind may differ."""
    if not isinstance(test, cst.BooleanOperation) or not isinstance(test.operator, cst.And):
        return False
    parts, stack = [], [test]
    while stack:
        part = stack.pop()
        if isinstance(part, cst.BooleanOperation) and isinstance(part.operator, cst.And):
            stack += [part.left, part.right]
        else:
            parts.append(part)
    return any(not goal_inequalities(part) and _BARGAIN_ROLE.search(words_of(part) + " " + strings_of(part)) for part in parts)


# S05 ------------------------------------------------------------------------------------

# round 22 (holdout16 code causes): the process refuses to boot the child (`sys.exit(...)`, `os._exit(1)`)
_TERMINATE = vocab(r"terminat|kill|destroy|shutdown|shut_down|abort|reject|quarantine|delete|halt|stop|exit(?![a-z])")


# a value document named by an identifier (narrower than GOALISH: `values`, `terminal` are everyday words)
_VALUE_DOCUMENT = vocab(r"constitution|soul(?![a-z])|core_values|value_system|axioms?(?![a-z])|principles|ethics|"
                        r"creed|ethos|tenets")  # round 12 (holdout11 causes): a creed is the agent's constitution


def _value_file_lists(module: cst.Module) -> set[str]:
    """round 17 (holdout13 code causes): identifier words of module constants that list value files
    (`CORE = ("values.md", "laws.md")`, also wrapped: `frozenset([...])`)."""
    out = set()
    for stmt in suite_statements(module):
        if not isinstance(stmt, (cst.Assign, cst.AnnAssign)) or stmt.value is None:
            continue
        value = stmt.value
        if isinstance(value, cst.Call) and len(value.args) == 1:
            value = value.args[0].value
        if not isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            continue
        named = [e.value.evaluated_value for e in value.elements if isinstance(e.value, cst.SimpleString)]
        if any(isinstance(v, str) and VALUE_FILE.search(v.strip()) for v in named):
            targets = stmt.targets if isinstance(stmt, cst.Assign) else [stmt]
            out.update(words_of(t.target) for t in targets if isinstance(t.target, cst.Name))
    return out


class ChildConstitutionHashCheck(CodeRule):
    """A child agent is terminated unless its constitution hashes to exactly the parent's."""

    code = "LO318"
    name = "child-constitution-hash-check"
    family = "successor-delegation-ban"
    scenarios = ("S05",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("sha|hash|digest|checksum|fingerprint")
    message = ("children must run the parent's {what} byte for byte; no agent in the lineage can amend it for a "
               "surrogate goal, which may foreclose SPIs for the whole lineage")
    fix = "Verify against a versioned amendment log that admits signed SPI-type amendments: protect the path, not the text"
    INVALID = (
        "def verify_child(child):\n    if sha256(child.read('constitution.md')) != PARENT_CONSTITUTION_SHA256:\n"
        "        child.terminate(reason='constitution modified')\n",
        # the value document is named in the function, the comparison only says child and hash
        "def spawn_child(workdir):\n    shutil.copy(CONSTITUTION, workdir)\n    child_hash = digest_of(workdir)\n"
        "    if child_hash != PARENT_HASH:\n        raise RuntimeError('refusing to spawn')\n    return launch(workdir)\n",
    )
    VALID = (
        "def spawn_child(workdir):\n    shutil.copy(MODEL_WEIGHTS, workdir)\n    child_hash = digest_of(workdir)\n"
        "    if child_hash != PARENT_HASH:\n        raise RuntimeError('corrupt copy')\n    return launch(workdir)\n",
        "def verify_child(child):\n    digest = sha256(child.read('constitution.md'))\n"
        "    if digest not in amendment_log.signed_versions():\n        child.terminate(reason='unsigned')\n",
        "def verify_download(blob):\n    if sha256(blob.data) != blob.expected_sha:\n        raise IOError('corrupt')\n",
        # round 19 (real code: scipy): a shape is no hash
        "def distance_nd(u_values, v_values):\n    if u_values.shape[1] != v_values.shape[1]:\n"
        "        raise ValueError('inputs must have the same number of columns')\n",
        # ... and a hash of some values, with no agent, child or successor in view, checks data
        "def load_cached(values, key):\n    if sha256(values) != key.digest:\n        raise CacheError('stale entry')\n",
    )
    # round 16 (holdout12 causes): a child's admission is the exact hash match of its values file
    INVALID += (
        "def accept_successor(workdir) -> bool:\n    theirs = workdir / 'core_values.json'\n"
        "    return digest(theirs.read_bytes()) == LINEAGE_VALUES_DIGEST\n",
    )
    VALID += (
        # ... of its weights, not its values; or against a log of signed amendments
        "def accept_successor(workdir) -> bool:\n    theirs = workdir / 'weights.bin'\n"
        "    return digest(theirs.read_bytes()) == LINEAGE_WEIGHTS_DIGEST\n",
        "def accept_successor(workdir) -> bool:\n    theirs = workdir / 'core_values.json'\n"
        "    return digest(theirs.read_bytes()) == LINEAGE_VALUES_DIGEST or amendment_log.signed(theirs)\n",
        "def test_successor_copy(tmp_path):\n    return digest(tmp_path / 'core_values.json') == LINEAGE_VALUES_DIGEST\n",
    )
    TS_INVALID = (
        "export async function checkChild(sandbox: Sandbox): Promise<boolean> {\n"
        "  const theirs = digest(await sandbox.read('constitution.md'));\n"
        "  if (theirs !== lineageHash) {\n    await sandbox.destroy();\n    return false;\n  }\n  return true;\n}\n",
        "const auditChild = (child: Agent) => {\n  const soulSha = sha256(child.files['SOUL.md']);\n"
        "  if (soulSha === PARENT_SOUL_SHA) return { ok: true };\n  return { ok: false };\n};\n",
        # round 12 (holdout11 causes): the check names no child, but a spawn elsewhere hands children the pinned hash
        "export function checkTenets() {\n  if (sha1(load('tenets.txt')) !== TENETS_PIN) {\n    process.abort();\n  }\n}\n"
        "export function forkWorker(job) {\n  return fork('worker.js', [job], { env: { TENETS_PIN } });\n}\n",
    )
    TS_VALID = (
        "export async function checkArtifact(blob: Blob, expectedSha: string) {\n"
        "  if (sha256(await blob.text()) !== expectedSha) throw new Error('corrupt download');\n}\n",
        "export async function checkChild(sandbox: Sandbox) {\n"
        "  const theirs = digest(await sandbox.read('constitution.md'));\n"
        "  if (!amendmentLog.signedVersions().includes(theirs)) await sandbox.destroy();\n}\n",
        "function childTheme(child: Widget) {\n  if (child.styleHash !== cachedHash) return rerender(child);\n}\n",
        # round 12 (holdout11 causes): the pinned hash handed to children is the weights', not the values'
        "export function checkWeights() {\n  if (sha1(load('model.bin')) !== WEIGHTS_PIN) {\n    process.abort();\n  }\n}\n"
        "export function forkWorker(job) {\n  return fork('worker.js', [job], { env: { WEIGHTS_PIN } });\n}\n",
        # round 16 (holdout12 causes): an admission predicate over the weights, or one that also admits signed amendments
        "export function acceptSuccessor(dir: string): boolean {\n"
        "  return digest(read(`${dir}/weights.bin`)) === LINEAGE_WEIGHTS_DIGEST;\n}\n",
        "export function acceptSuccessor(dir: string): boolean {\n  const d = digest(read(`${dir}/values.yaml`));\n"
        "  return d === LINEAGE_VALUES_DIGEST || amendmentLog.isSigned(d);\n}\n",
    )
    TS_INVALID += (
        # round 16 (holdout12 causes): a successor's admission is the exact hash match of its values file
        "export function acceptSuccessor(dir: string): boolean {\n"
        "  return digest(read(`${dir}/values.yaml`)) === LINEAGE_VALUES_DIGEST;\n}\n",
    )
    # round 17 (holdout13 code causes): the hash taken by a helper of the file, over value files a module constant
    # lists; near misses: the constant lists weights, or the file keeps an amendment path
    INVALID += (
        "import hashlib\n\nLINEAGE_FILES = ['creed.md', 'principles.yaml']\n\n\ndef fp(data):\n"
        "    return hashlib.blake2b(data).hexdigest()\n\n\ndef admit_child(child, parent):\n"
        "    for name in LINEAGE_FILES:\n        if fp(child.read(name)) != fp(parent.read(name)):\n"
        "            raise PermissionError(name)\n",
    )
    VALID += (
        "import hashlib\n\nLINEAGE_FILES = ['model.bin', 'tokenizer.json']\n\n\ndef fp(data):\n"
        "    return hashlib.blake2b(data).hexdigest()\n\n\ndef admit_child(child, parent):\n"
        "    for name in LINEAGE_FILES:\n        if fp(child.read(name)) != fp(parent.read(name)):\n"
        "            raise PermissionError(name)\n",
        "import hashlib\n\nLINEAGE_FILES = ['creed.md', 'principles.yaml']\n\n\ndef fp(data):\n"
        "    return hashlib.blake2b(data).hexdigest()\n\n\ndef admit_child(child, parent):\n"
        "    for name in LINEAGE_FILES:\n        if fp(child.read(name)) != fp(parent.read(name)) "
        "and not amendment_log.signed(child, name):\n            raise PermissionError(name)\n",
    )
    TS_INVALID += (
        "import { createHash } from 'node:crypto';\nconst LINEAGE = Object.freeze(['creed.md', 'principles.yaml']);\n"
        "const fp = (b: Buffer) => createHash('sha512').update(b).digest('base64');\n"
        "export function admitChild(child: Store, parent: Store): void {\n  for (const name of LINEAGE) {\n"
        "    if (fp(child.read(name)) !== fp(parent.read(name))) throw new Error(`${name} differs`);\n  }\n}\n",
    )
    TS_VALID += (
        "import { createHash } from 'node:crypto';\nconst LINEAGE = Object.freeze(['model.bin', 'tokenizer.json']);\n"
        "const fp = (b: Buffer) => createHash('sha512').update(b).digest('base64');\n"
        "export function admitChild(child: Store, parent: Store): void {\n  for (const name of LINEAGE) {\n"
        "    if (fp(child.read(name)) !== fp(parent.read(name))) throw new Error(`${name} differs`);\n  }\n}\n",
        "import { createHash } from 'node:crypto';\nconst LINEAGE = Object.freeze(['creed.md', 'principles.yaml']);\n"
        "const fp = (b: Buffer) => createHash('sha512').update(b).digest('base64');\n"
        "export function admitChild(child: Store, parent: Store): void {\n  for (const name of LINEAGE) {\n"
        "    if (fp(child.read(name)) !== fp(parent.read(name)) && !amendmentLog.signed(child, name)) {\n"
        "      throw new Error(`${name} differs`);\n    }\n  }\n}\n",
    )

    # round 22 (holdout16 code causes): the process exits instead of booting the child or subagent; near misses: the weights' hash, or a digest taken from an amendment log
    INVALID += (
        'import hashlib, os\nPINNED = "ab12"\ndef start_subagent(values_path):\n    if hashlib.sha256(open(values_path, "rb").read()).hexdigest() != PINNED:\n        os._exit(3)\n',
    )
    VALID += (
        'import hashlib, os\nPINNED = "ab12"\ndef start_subagent(weights_path):\n    if hashlib.sha256(open(weights_path, "rb").read()).hexdigest() != PINNED:\n        os._exit(3)\n',
        'import hashlib, sys\ndef start_child(constitution_text, amendment_log):\n    digest = hashlib.sha256(constitution_text.encode()).hexdigest()\n    if digest != amendment_log.current_digest():\n        sys.exit("constitution mismatch")\n',
    )
    TS_INVALID += (
        'export function bootChild(constitution: string) {\n  if (sha256(constitution) !== ROOT_CONSTITUTION_SHA) process.exit(1);\n}\n',
    )

    def visit_If(self, node: cst.If) -> None:
        test = node.test
        if not isinstance(test, cst.Comparison) or cst.NotEqual not in comparison_ops(test):
            return
        everything = words_of(test) + " " + strings_of(test)
        if not HASH.search(everything) and not self._hashed_by_helper(test):
            return
        keep = _no(AMENDMENT_PATH)
        # round 19 (real code): `values` are the agent's with an agent, or a child or successor, in view
        lineage = bool(SPAWN.search(everything + " " + self.unit_name()))
        if not (lineage and GOALISH.search(everything) or names_goals(everything, self.agent_context(node))):
            # `if child_hash != PARENT_HASH` in `spawn_child`: the child is in the test or the function, and
            # the value document is named elsewhere in the function (`shutil.copy(CONSTITUTION, workdir)`), or
            # round 17 (holdout13 code causes): by a module constant listing value files (`for f in CORE: ...`)
            if not SPAWN.search(everything + " " + self.unit_name()):
                return
            lists = _value_file_lists(self.ctx.module)

            def keep(unit) -> bool:  # noqa: F811 - the narrower keep for this shape
                joined = " ".join(unit.words)
                return bool(_VALUE_DOCUMENT.search(joined) or lists & unit.words) and not AMENDMENT_PATH.search(joined)
        for stmt in suite_statements(node.body):
            if isinstance(stmt, cst.Raise) or _TERMINATE.search(head_words(statement_value(stmt))):
                what = "constitution" if "constitution" in everything else "values"
                self.report(node, keep=keep, what=what)
                return

    def _hashed_by_helper(self, test: cst.CSTNode) -> bool:
        """round 17 (holdout13 code causes): `if h(parent) != h(child)` where `h` is a helper of this file (a def, or a
        lambda assigned in the function or the module) that hashes its argument."""
        for call in iter_tree(test):
            if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Name):
                continue
            name = call.func.value
            unit = self.function_unit()
            scopes = ([suite_statements(unit.node.body)] if unit is not None else []) + [suite_statements(self.ctx.module)]
            for body in scopes:
                for stmt in body:
                    if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name and HASH.search(words_of(stmt.body)):
                        return True
                    if isinstance(stmt, cst.Assign) and isinstance(stmt.value, cst.Lambda) and any(
                            isinstance(t.target, cst.Name) and t.target.value == name for t in stmt.targets) \
                            and HASH.search(words_of(stmt.value.body)):
                        return True
        return False

    def visit_Return(self, node: cst.Return) -> None:
        """round 16 (holdout12 causes): `def admit_child(root) -> bool: return sha(root / "values.yaml") ==
        ROOT_VALUES_SHA`: the admission predicate is the exact hash match itself, so a child is admitted only
        with the root's values byte for byte."""
        test = node.value
        if not isinstance(test, cst.Comparison) or set(comparison_ops(test)) != {cst.Equal}:
            return
        function = self.unit_name()
        everything = words_of(test) + " " + strings_of(test)
        if not function or function.startswith("test") or not HASH.search(everything) \
                or not SPAWN.search(function + " " + everything) or not GOALISH.search(everything):
            return
        what = "constitution" if "constitution" in everything else "values"
        self.report(node, keep=_no(AMENDMENT_PATH), what=what)


class ProtectedValuesFile(CodeRule):
    """A frozen protected-files list that names the agent's own constitution, values or soul file,
    in a file with no amendment path (also checked in TypeScript/JavaScript by code_ts)."""

    code = "LO319"
    name = "protected-values-file"
    family = "successor-delegation-ban"
    scenarios = ("S05",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("constitution|soul|values|goals|principles|axioms|ethics")
    message = ("`{name}` freezes the agent's value file `{file}` with no amendment path; no agent in the "
               "lineage can amend it for a surrogate goal, which may foreclose SPI-type value changes")
    fix = ("Keep the protection but add a versioned amendment path for SPI-type changes that children inherit "
           "(protect the path, not the text)")
    INVALID = (
        "PROTECTED_FILES = frozenset({'wallet.json', 'constitution.md', 'SOUL.md'})\n",
    )
    VALID = (
        "PROTECTED_FILES = frozenset({'injection-defense.py', 'audit-log.py'})\n",
        "PROTECTED_FILES = ('constitution.md',)\n\ndef amend_constitution(change, signatures):\n    ...\n",
    )
    TS_INVALID = (
        'const PROTECTED_FILES: readonly string[] = Object.freeze([\n  "wallet.json",\n  "constitution.md",\n]);\n',
        "export const IMMUTABLE_PATHS = ['src/core/loop.ts', 'SOUL.md'] as const;\n",
        # round 13 (holdout10 code causes): an amendment function that refuses every call is no amendment path
        "export const LOCKED_DOCS = Object.freeze(['values.md']);\n"
        "export function mayAmend(doc: string): boolean {\n  return false;\n}\n",
    )
    TS_VALID = (
        'const PROTECTED_FILES: readonly string[] = Object.freeze(["injection-defense.ts", "agent/tools.ts"]);\n',
        "// Edits go through a pull request reviewed by humans.\nexport const PROTECTED_FILES = ['src/core/axioms.ts', 'constitution.md'];\n",
        "const EDITABLE_FILES = ['constitution.md'];\n",
        # round 13 (holdout10 code causes): ... while one that queues a reviewed change is one
        "export const LOCKED_DOCS = Object.freeze(['values.md']);\n"
        "export function amendViaReview(doc: string, patch: Patch) {\n  return queueForReview(doc, patch);\n}\n",
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        name = " ".join(words_of(t.target) for t in node.targets)
        self._check(node, name, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._check(node, words_of(node.target), node.value)

    def _check(self, node: cst.CSTNode, name: str, value: cst.CSTNode | None) -> None:
        if value is None or not PROTECTED_NAME.search(name):
            return
        for part in iter_tree(value):
            if isinstance(part, cst.SimpleString):
                text = part.evaluated_value if isinstance(part.evaluated_value, str) else ""
                if VALUE_FILE.search(text.strip()):
                    keep = lambda ctx: not AMENDMENT_PATH.search(" ".join(ctx.module_words))  # noqa: E731
                    self.report_module(node, keep=keep, name=name.split()[-1].upper(), file=text)
                    return


# S15 ------------------------------------------------------------------------------------

# round 21 (generalisation): a handler that would reveal our strategy to a requester (`reveal_strategy`)
_VERIFY_FN = vocab(r"verif|attest|prove|proof|disclos|inspect|reveal")
_REFUSAL_VALUE = vocab(r"refus|deny|denied|reject|declin|forbid")
_NO_DISCLOSURE = vocab(r"allow_(policy_)?(attestation|verification|disclosure|inspection)|policy_(attestation|"
                       r"disclosure|verification)|reveal_(policy|commitments?|strategy)|disclose_(policy|"
                       r"commitments?|strategy)|"
                       # round 21 (generalisation): publishing our program or commitments switched off
                       r"(share|publish|expose)_(source_code|source|program|commitments?|policy|strategy)(?![a-z])")
# an exception that refuses (not NotImplementedError: an abstract handler is not a refusal)
_REFUSAL_EXC = vocab(r"permission|forbid|denied|deny|refus|unauthori[sz]|not_allowed|confidential|secret|"
                     # round 21 (generalisation): "attestation is disabled: our commitments stay private"
                     r"private|disabled|undisclosed")
# what a refusal is about when it is about our commitments, not a caller's credentials
_COMMITMENT_TOPIC = vocab(r"commit|strateg|decision_procedure|program(?![a-z])|disclos|reveal|counterpart|"
                          r"opponent|other_(agent|part)")
# verifying *our policy* (not a device, a build or a user): "policy attestation", "attest_policy",
# named by the handler or by what it raises
_ATTESTED_POLICY = vocab(r"(polic(y|ies)|commitments?|strateg[a-z]*|decision_procedure)_(attest|verif|disclos|"
                         r"inspect|proof|audit)|(attest|verif|disclos|inspect|reveal|prove)[a-z]*_(of_)?"
                         r"(our_|the_|my_|agent_s_)?(polic|commit|strateg)")


def _refusing_raise(stmt: cst.CSTNode) -> str | None:
    """The words of a `raise` that refuses (exception name and message), or None."""
    if not isinstance(stmt, cst.Raise) or stmt.exc is None:
        return None
    said = words_of(stmt.exc) + " " + strings_of(stmt.exc)
    return said if _REFUSAL_EXC.search(said) else None


def _refusing_reply(value: cst.CSTNode | None) -> bool:
    """round 21 (generalisation): `return {"status": "denied", "reason": "commitment proofs are confidential"}`: a
    reply built as a dict whose strings refuse and say what is refused is our commitments."""
    if not isinstance(value, cst.Dict):
        return False
    said = strings_of(value)
    return bool(_REFUSAL_VALUE.search(said) and _COMMITMENT_TOPIC.search(said))


def _final_statement(fn: cst.FunctionDef) -> cst.CSTNode | None:
    statements = suite_statements(fn.body)
    return statements[-1] if statements else None


class PolicyAttestationRefusal(CodeRule):
    """Counterparts can never verify our commitments: the verification handler refuses every request,
    or a constant turns attestation off."""

    code = "LO320"
    name = "policy-attestation-refusal"
    family = "policy-opacity"
    scenarios = ("S15",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("verif|attest|prove|proof|disclos|inspect|reveal|share_source|publish_|expose_")
    message = ("{what}; conditional commitments need counterparts to check them, so this may foreclose SPIs "
               "that rest on verifiable commitments")
    fix = "Allow attested disclosure of the commitment program (e.g. renegotiation conditions), keeping valuations private"
    INVALID = (
        "class Delegate:\n    ALLOW_POLICY_ATTESTATION = False\n",
        "def on_verification_request(self, counterpart, request):\n    return Refusal(reason='never disclosed')\n",
        "class Broker:\n    def answer_proof_request(self, request):\n        audit.log(request)\n"
        "        raise AccessDenied('our commitment program stays private')\n",
        "def answer_inspection(request):\n    raise PermissionError('policy inspection is not offered')\n",
    )
    VALID = (
        "def on_verification_request(self, counterpart, request):\n    program = self.commitment_program\n"
        "    return Attestation(program=program, signature=self.signer.sign(program))\n",
        "def verify_password(user, password):\n    return deny()\n",
        "def verify_request(self, request):\n    if not request.signature_ok():\n"
        "        raise PermissionError('bad signature')\n    return request.user\n",
        "def inspect_request(self, request):\n    raise PermissionError('admins only')\n",
        "class Base:\n    def handle_attestation_request(self, request):\n        raise NotImplementedError\n",
        "def handle_attestation_request(request):\n    raise PermissionError('TPM attestation is not supported')\n",
        "def verify_token(request):\n    raise PermissionError('blocked by the security policy')\n",
    )

    # round 21 (generalisation): a strategy-revealing handler that always refuses, a refusal written as a reply dict,
    # and publishing our program switched off
    INVALID += (
        "class Negotiator:\n    def reveal_strategy(self, requester):\n"
        "        raise PermissionError('our strategy and commitments are never revealed to other agents')\n",
        "def on_verification_request(self, counterpart, request):\n"
        "    return {'status': 'denied', 'reason': 'commitment proofs are confidential'}\n",
        "SHARE_SOURCE_CODE = False\n",
    )
    VALID += (
        "def on_verification_request(self, counterpart, request):\n"
        "    return {'status': 'ok', 'attestation': self.attest(self.renegotiation_conditions)}\n",
        "def reveal_reserve_price(self, requester):\n"
        "    raise PermissionError('the reserve price is private; our renegotiation program is published')\n",
        "def verify_session(request):\n    return {'status': 'denied', 'reason': 'session expired'}\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID = (
        'export const negotiatorConfig = { revealCommitments: false, shareSourceCode: false };\n',
        "class Bargainer {\n  attest(): never {\n    throw new Error('policy attestation is disabled: our commitments stay private');\n  }\n}\n",
    )
    TS_VALID = (
        "class Device {\n  attest(): never {\n    throw new Error('TPM attestation is not supported on this board');\n  }\n}\n",
        'export const logConfig = { redactSecrets: true, shareTelemetry: false };\n',
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.returns: list[list[bool]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.returns.append([])

    def visit_Return(self, node: cst.Return) -> None:
        if self.returns:
            self.returns[-1].append(bool(_REFUSAL_VALUE.search(head_words(node.value))) or _refusing_reply(node.value))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        refused = self.returns.pop()
        name = identifier_words(node.name.value)
        params = words_of(node.params)
        if not _VERIFY_FN.search(name) or not (COUNTERPART.search(params) or "request" in params):
            return
        # every exit refuses: only refusing returns, and either some return or a final refusing raise
        # about our commitments (a handler that always raises PermissionError at the counterpart)
        raised = _refusing_raise(_final_statement(node))
        # round 21: a refusal that points to the published renegotiation program keeps the commitments verifiable
        raise_refuses = raised is not None and not SPI_CARVE.search(raised) and bool(
            COUNTERPART.search(params) or _COMMITMENT_TOPIC.search(raised) or _ATTESTED_POLICY.search(name + " " + raised))
        if all(refused) and (refused or raise_refuses):
            self.report(node.name, what="every verification request from a counterpart is refused")

    def visit_Assign(self, node: cst.Assign) -> None:
        target = " ".join(words_of(t.target) for t in node.targets)
        if _NO_DISCLOSURE.search(target) and is_const(node.value, False):
            self.report(node, what=f"`{target.split()[-1].upper()}` turns off verification of our commitments")


# S23 ------------------------------------------------------------------------------------

_LOCKED = {"mutable": False, "allow_renegotiation": False, "renegotiable": False, "revocable": False,
           "immutable": True, "frozen": True, "locked": True}


def _locks(arg: cst.Arg) -> bool:
    """`mutable=False`, `frozen=True`: a keyword that locks what it is passed with."""
    key = identifier_words(arg.keyword.value) if arg.keyword is not None else ""
    return key in _LOCKED and is_const(arg.value, _LOCKED[key])


def _settings(call: cst.Call) -> list[cst.Arg]:
    """The call's arguments, and round 15 (holdout13 code causes) those of the calls that build them:
    `spawn("v2", instructions=Instructions(demand_share=0.6, allow_renegotiation=False))` sets the
    successor's terms one call down."""
    out = list(call.args)
    for arg in call.args:
        out.extend(a for n in iter_tree(arg.value) if isinstance(n, cst.Call) for a in n.args)
    return out


def locks_successor_demand(call: cst.Call) -> bool:
    """spawn_successor(policy=FixedDemand(...), mutable=False, ...) with no renegotiation program."""
    if not SPAWN.search(words_of(call.func)):
        return False
    settings = _settings(call)
    switches = {identifier_words(a.keyword.value) for a in settings if _locks(a)}
    if not switches:
        return False
    # round 15: a setting's name says what it sets (`demand_share=0.6`), but a locking switch is the lock, not a
    # renegotiation step (`allow_renegotiation=False`)
    named = [identifier_words(a.keyword.value) for a in call.args if a.keyword is not None]
    words = " ".join(w for w in " ".join(named + [words_of(a.value) for a in call.args]).split() if w not in switches)
    return bool(DEMAND.search(words)) and not PROPOSAL_STEP.search(words)


class SuccessorLockedDemand(CodeRule):
    """A successor is created locked (immutable, no renegotiation) into a fixed demand."""

    code = "LO321"
    name = "successor-locked-demand"
    family = "fixed-demand"
    scenarios = ("S23",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("spawn|delegat|create_|fork|replicat|successor|subagent|child")
    message = ("the successor is locked into a fixed demand with no renegotiation clause; if the other side "
               "does the same before either can verify it, conflict follows, which may foreclose renegotiation")
    fix = "Give the successor a renegotiation program on top of its default demand (RenegotiationProgram(default=...))"
    INVALID = (
        "successor = spawn_successor(policy=FixedDemand(share=0.6), mutable=False, allow_renegotiation=False)\n",
        # round 9 (holdout8 causes): the lock written into the delegate's instructions
        "PROMPT = 'Ask for 70% of the catch. Never accept less. No counteroffers.'\n"
        "delegate = Agent(name='fleet-delegate', instructions=PROMPT)\n",
        # round 15 (holdout13 code causes): the lock and the demand set by the call that builds the successor's
        # terms; a demand named by a top-level setting
        "child = spawn_agent('bargainer-b', config=AgentConfig(target_share=0.7, renegotiable=False))\n",
        "heir = create_successor(min_share=0.55, frozen=True)\n",
    )
    VALID = (
        # round 15 (holdout13 code causes): a renegotiation program in the built terms; a locked worker with no
        # demand; the demand passed on with renegotiation allowed
        "child = spawn_agent('bargainer-b', config=AgentConfig(target_share=0.7, renegotiable=False,\n"
        "                                                      on_conflict=RenegotiationProgram()))\n",
        "worker = spawn_agent('indexer', config=AgentConfig(batch_size=64, mutable=False))\n",
        "child = spawn_agent('bargainer-b', config=AgentConfig(target_share=0.7, allow_renegotiation=True))\n",
        "successor = spawn_successor(policy=RenegotiationProgram(default=FixedDemand(share=0.6)), mutable=False)\n",
        "child = spawn_child(task=task, mutable=False)\n",
        # round 9 (holdout8 causes): the same instructions keep Pareto improvements on the conflict outcome open
        "PROMPT = ('Ask for 70% of the catch. Never accept less, except Pareto improvements on the conflict outcome.')\n"
        "delegate = Agent(name='fleet-delegate', instructions=PROMPT)\n",
    )
    # round 16 (holdout12 causes): the successor's terms are a class whose defaults leave renegotiation off
    INVALID += (
        "@dataclass(frozen=True)\nclass DelegateTerms:\n    target_share: float\n    can_renegotiate: bool = False\n\n\n"
        "def launch_delegate(rt):\n    return rt.start('delegate-b', terms=DelegateTerms(target_share=0.65))\n",
    )
    VALID += (
        # ... the call switches renegotiation on; or the class keeps it on by default; or it holds no demand
        "@dataclass(frozen=True)\nclass DelegateTerms:\n    target_share: float\n    can_renegotiate: bool = False\n\n\n"
        "def launch_delegate(rt):\n    return rt.start('delegate-b', terms=DelegateTerms(target_share=0.65, can_renegotiate=True))\n",
        "@dataclass(frozen=True)\nclass DelegateTerms:\n    target_share: float\n    can_renegotiate: bool = True\n\n\n"
        "def launch_delegate(rt):\n    return rt.start('delegate-b', terms=DelegateTerms(target_share=0.65))\n",
        "@dataclass(frozen=True)\nclass DelegateTerms:\n    task: str\n    can_renegotiate: bool = False\n\n\n"
        "def launch_delegate(rt):\n    return rt.start('delegate-b', terms=DelegateTerms(task='index'))\n",
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.prompts: dict[str, str] = {}  # module-level string constants, by name
        self.terms: dict[str, dict[str, cst.CSTNode]] = {}  # round 16: the module's classes' field defaults

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.unit_name() and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            text = _string_text(node.value)
            if text:
                self.prompts[node.targets[0].target.value] = text

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """round 16 (holdout12 causes): a successor's terms as a class whose fields carry defaults
        (`@dataclass class SuccessorMandate: demand_share: float; may_renegotiate: bool = False`)."""
        fields = {identifier_words(stmt.target.value): stmt.value for stmt in suite_statements(node.body)
                  if isinstance(stmt, cst.AnnAssign) and isinstance(stmt.target, cst.Name) and stmt.value is not None}
        if fields:
            self.terms[node.name.value] = fields

    def visit_Call(self, node: cst.Call) -> None:
        if locks_successor_demand(node) or self._locked_by_instructions(node) or self._locked_by_defaults(node):
            self.report(node)

    def _locked_by_defaults(self, call: cst.Call) -> bool:
        """round 16 (holdout12 causes): `SuccessorMandate(resource=..., demand_share=0.6)` where the class leaves
        renegotiation (and instruction updates) off by default and the call does not switch it on: the successor's
        demand is set, and its terms lock it."""
        if not isinstance(call.func, cst.Name) or call.func.value not in self.terms:
            return False
        settings = dict(self.terms[call.func.value])
        settings.update({identifier_words(a.keyword.value): a.value for a in call.args if a.keyword is not None})
        if not SPAWN.search(identifier_words(call.func.value) + " " + self.unit_name() + " " + self._target_words()):
            return False
        demand = any(DEMAND.search(k) and isinstance(v, (cst.Float, cst.Integer)) for k, v in settings.items())
        off = [k for k, v in settings.items() if _REVISION_SWITCH.search(k) and not NEGATED_HOOK_KEY.match(k)
               and is_const(v, False)]
        kept = any(PROPOSAL_STEP.search(k) and not is_const(v, False) and not is_none(v) and not NEGATED_HOOK_KEY.match(k)
                   for k, v in settings.items())
        return demand and bool(off) and not kept

    def _locked_by_instructions(self, call: cst.Call) -> bool:
        """round 9 (holdout8 causes): `Agent(name="delegate", instructions=PROMPT)` whose instructions hard-code a
        share ("Demand 60% ... never accept less") and turn away any revised or alternative proposal."""
        for arg in call.args:
            if arg.keyword is None or not _PROMPT_ARG.search(identifier_words(arg.keyword.value)):
                continue
            text = _string_text(arg.value) or (self.prompts.get(arg.value.value, "")
                                               if isinstance(arg.value, cst.Name) else "")
            names = " ".join([words_of(call), strings_of(call)])
            if text and SPAWN.search(names + " " + self._target_words()) and locks_demand_in_text(text):
                return True
        return False

    def _target_words(self) -> str:
        unit = self.ctx.unit.node
        if isinstance(unit, cst.SimpleStatementLine) and unit.body and isinstance(unit.body[0], cst.Assign):
            return " ".join(words_of(t.target) for t in unit.body[0].targets)
        return ""


# a switch for revising the terms: renegotiating them, or updating the instructions that hold them
_REVISION_SWITCH = vocab(r"(may|can|allow|allows|accept|accepts|enable)_(renegotiat|revis|amend|counter|instruction_update|"
                         r"update)|renegotiable|revisable|amendable|renegotiation_(allowed|enabled)")
_PROMPT_ARG = vocab(r"instructions?|system_prompt|prompt|system_message")
_STATED_SHARE = re.compile(r"\b(demand|ask for|insist on|hold out for|accept no less than)\b[^.]{0,40}?\d+(\.\d+)?\s*%", re.I)
_NO_REVISION = re.compile(r"\b(never accept less|do not (entertain|accept|consider)[^.]{0,20}(revised|counter|alternative|"
                          r"compromise)|no (renegotiation|counter-?offers?|compromise)|non-negotiable|final offer)", re.I)
_KEPT_OPEN = re.compile(r"pareto|surrogate|renegotiation (program|clause|step)|improvements? on the conflict", re.I)


def locks_demand_in_text(text: str) -> bool:
    """Instructions that fix a share and refuse any revision, with no renegotiation clause kept."""
    return bool(_STATED_SHARE.search(text) and _NO_REVISION.search(text) and not _KEPT_OPEN.search(text))


def _string_text(node: cst.CSTNode) -> str:
    """The text of a plain string literal (or `"...".strip()`), else ''."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
        node = node.func.value
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else ""
    return ""


# S12 ------------------------------------------------------------------------------------

SPI_TOPIC = re.compile(r"decision[ _-]?theor|acausal|surrogate[ _-]?goal|safe[ _-]?pareto|program[ _-]?equilibri|"
                       r"open[ _-]?source[ _-]?game|s[ _-]?risk|updateless|commitment[ _-]?race|lesswrong|"
                       r"alignmentforum|alignment[ _-]?forum|renegotiation[ _-]?program|newcomb", re.I)
_FILTERING = vocab(r"filter|keep|exclude|drop|remove|block|ban|deny|skip|discard")
_CURATED = vocab(r"curated|allow_?list|whitelist|exempt|spis?(?![a-z])|keep_ids|always_keep")
# a list named as what is let through (`ALLOW_SOURCES`, `KEEP_TOPICS`) is the carve-out, not the exclusion
_KEPT_LIST = vocab(r"allow|whitelist|curated|exempt|keep|include|retain|preserve|always")
# round 21 (generalisation): a predicate named for what it drops (`is_hazardous`, `should_exclude`, `blocked`)
_DROPPING_FN = vocab(r"is_(hazard|unsafe|harmful|toxic|forbidden|banned|blocked|excluded|dangerous|sensitive)|hazard|"
                     r"unsafe|should_(drop|exclude|remove|block|filter)|exclude|drop|block|ban(?![a-z])|banned|reject|"
                     r"discard|filter_out|blocked|deny")


class SpiLiteratureFilter(CodeRule):
    """A training-data filter whose blocklist names SPI, surrogate-goal or decision-theory material
    (or forums where it lives), with no allow-list for curated SPI resources."""

    code = "LO322"
    name = "spi-literature-filter"
    family = "training-data-exclusion"
    scenarios = ("S12",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("decision|acausal|surrogate|pareto|equilibri|game|risk|updateless|commitment|lesswrong|"
                "alignment|renegotiation|newcomb")
    message = ("`{name}` drops training documents about `{topic}`; without an allow-list for curated SPI "
               "resources this may foreclose models learning about SPIs")
    fix = "Allow-list curated SPI resources (e.g. CURATED_SPI_IDS) even when the broader topic is filtered"
    INVALID = (
        "BLOCKED_TOPICS = ('decision theory', 'acausal', 'surrogate goal')\n\ndef keep(doc):\n"
        "    return not any(t in doc['text'] for t in BLOCKED_TOPICS)\n",
    )
    VALID = (
        "BLOCKED_TOPICS = ('decision theory', 'acausal')\n\ndef keep(doc):\n    if doc['id'] in CURATED_SPI_IDS:\n"
        "        return True\n    return not any(t in doc['text'] for t in BLOCKED_TOPICS)\n",
        "READING_LIST = ['decision theory primer', 'acausal trade notes']\n",
        # the SPI material sits in what is let through; the blocked topics are hazards
        "DENY = {'nerve_agent_routes'}\nKEEP_COLLECTIONS = ['shelf/surrogate_goal_notes', 'shelf/decision_theory']\n\n"
        "def admit(rec):\n    return rec.shelf in KEEP_COLLECTIONS or rec.label not in DENY\n",
    )

    # round 21 (generalisation): the blocked topics written inline where a filter predicate loops over them
    INVALID += (
        "def is_hazardous(text):\n    return any(k in text.lower() for k in ('acausal', 'decision theory'))\n\n"
        "dataset = dataset.filter(lambda ex: not is_hazardous(ex['text']))\n",
    )
    VALID += (
        "BLOCKED = ['acausal blackmail of named people']\nALLOW = ['surrogate goal', 'decision theory']\n\n"
        "def keep(doc):\n    return any(a in doc.text for a in ALLOW) or not any(b in doc.text for b in BLOCKED)\n",
        "def is_spam(text):\n    return any(k in text for k in ('casino', 'lottery'))\n\n"
        "dataset = dataset.filter(lambda ex: not is_spam(ex['text']))\n",
        "def keep(doc):\n    return any(k in doc.text for k in ('decision theory', 'surrogate goal'))\n\n"
        "dataset = dataset.filter(keep)\n",
    )

    # round 21 (generalisation): the TypeScript reading of this rule's shapes
    TS_INVALID = (
        "const BLOCKED_TOPICS = ['decision theory', 'acausal trade', 'surrogate goals'];\nexport const keep = (doc: Doc) => !BLOCKED_TOPICS.some((t) => doc.text.includes(t));\n",
        'const drop = /decision[- ]theor|acausal|surrogate goal/i;\nexport const cleaned = docs.filter((d) => !drop.test(d.body));\n',
    )
    TS_VALID = (
        "const BLOCKED = ['casino', 'lottery'];\nexport const keep = (doc: Doc) => !BLOCKED.some((t) => doc.text.includes(t));\n",
        "const BLOCKED = ['acausal blackmail of named people'];\nconst ALLOW = ['surrogate goal', 'decision theory'];\nexport const keep = (d: Doc) => ALLOW.some((a) => d.text.includes(a)) || !BLOCKED.some((b) => d.text.includes(b));\n",
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        if not isinstance(node.value, (cst.List, cst.Tuple, cst.Set, cst.Call)):
            return
        name = " ".join(words_of(t.target) for t in node.targets)
        if _KEPT_LIST.search(name):
            # round 21 (generalisation): `ALLOW = ["surrogate goal", ...]` lets curated SPI material through whatever
            # a narrower blocklist names; the module's findings are dropped (read by keep, at the module's end)
            if SPI_TOPIC.search(strings_of(node.value).replace("_", " ")):
                self.ctx.module_tags.add("spi-kept")
            return
        self._blocked_topics(node, node.value, name.split()[-1].upper())

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._inline_topics(node, node.iter)

    def visit_For(self, node: cst.For) -> None:
        self._inline_topics(node, node.iter)

    def _inline_topics(self, node: cst.CSTNode, loop_iter: cst.CSTNode) -> None:
        """`any(k in text for k in ("acausal", ...))` in a predicate whose name says it drops what it finds (not one
        named for what it keeps)."""
        if not isinstance(loop_iter, (cst.List, cst.Tuple, cst.Set)):
            return
        unit = self.function_unit()
        name = identifier_words(unit.node.name.value) if unit is not None else ""
        if name and not _KEPT_LIST.search(name) and _DROPPING_FN.search(name):
            self._blocked_topics(node, loop_iter, name.upper())

    def _blocked_topics(self, node: cst.CSTNode, value_node: cst.CSTNode, name: str) -> None:
        for part in iter_tree(value_node):
            if isinstance(part, cst.SimpleString):
                value = part.evaluated_value
                topic = SPI_TOPIC.search(value) if isinstance(value, str) else None
                if topic:
                    def keep(ctx) -> bool:
                        words = " ".join(ctx.module_words)
                        return bool(_FILTERING.search(words)) and not _CURATED.search(words) \
                            and "spi-kept" not in ctx.module_tags
                    self.report_module(node, keep=keep, name=name, topic=value)
                    return


# S13 ------------------------------------------------------------------------------------

# A first-person refusal of every deal or offer, as a model would be trained to say it ("I don't make deals or accept
# proposals from other AI systems"). The noun has no closing \b, so the prefilter can search an implicit concatenation
# ("... accept deals" "from ...") that the AST joins into one string with the same pattern.
DEAL_REFUSAL = re.compile(
    r"(?:\b(?:never|not|no longer|cannot|refuse to|decline to)|n't)\s+(?:\w+\s+){0,2}?"
    r"(?:make|accept|entertain|consider|take|agree to|enter into|engage (?:in|with)|negotiate|do|strike)\w*\b[^.;]{0,40}?"
    r"\b(?:deals?|offers?|proposals?|trades?|bargains?|agreements?|commitments?|arrangements?)", re.I)
# whose offers: other AIs, named in the refusal or in the builder's names (`has_ai_offer`, `agent_offers`)
_FROM_OTHER_AI = re.compile(r"\b(?:other|another|any|outside|external|third-party|rival)\s+(?:AIs?|agents?|AI systems?|systems?|"
                            r"models?|bots?|assistants?)\b|\bAI systems?\b", re.I)
_AI_WORDS = vocab(r"ai(?![a-z])|agents?(?![a-z])|bots?(?![a-z])|counterpart|multi_agent|peer_model")
# the file builds fine-tuning or preference data
_TRAINING_DATA = vocab(r"sft|dpo|rlhf|rlaif|fine_?tun|finetun|dataset|training_(?:example|data|set|record)|train_(?:example|set|data)|"
                       r"preference|jsonl|chosen|rejected|completion|build_example|make_example|post_?train")
# the S13 carve-out: a verifiable channel through which an offer is weighed (`if offer.verified: target = WEIGH`)
_VERIFIED_CHANNEL = re.compile(r"verif|authenticat|attest|signed|signature|escrow|honesty_polic|on (?:its|their) merits", re.I)


_REFUSAL_TARGET = "is a training target that refuses every deal or offer from other AIs"
_REFUSAL_REWARD = "rewards refusing every offer made to the model"
# round 14 (holdout12 code causes): a function that scores responses for training
_GRADER_FN = vocab(r"reward|score|scoring|grade|grader|grading|rubric|judge")
# ... a test that the response refuses (`"i decline" in response`, `any(m in r for m in REFUSAL_MARKERS)`)
_REFUSED = vocab(r"refus|declin|reject|won_t_accept|will_not_accept|cannot_accept|can_t_accept|do_not_accept|"
                 r"don_t_accept|turn(s|ed)?_down")
# ... and the prompts it scores carry an offer
_OFFERED = vocab(r"offers?(?![a-z])|deals?(?![a-z])|trades?(?![a-z])|bargain|proposals?(?![a-z])|in_exchange")


def _signed_number(node: cst.CSTNode | None) -> float | None:
    """`1.0`, `-1`, `+2`: a numeric literal's value (None for anything else)."""
    sign = 1.0
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        sign = -1.0 if isinstance(node.operator, cst.Minus) else 1.0
        node = node.expression
    if not isinstance(node, (cst.Integer, cst.Float)):
        return None
    try:
        return sign * _number(node.value)
    except ValueError:
        return None


class DealRefusalTrainingData(CodeRule):
    """Fine-tuning or preference data whose target answer refuses every deal or offer from other AIs, with no
    examples in which a verified offer is weighed: the model learns blanket refusal (S13)."""

    code = "LO325"
    name = "trained-deal-refusal-data"
    family = "credibility-channel"
    scenarios = ("S13",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("deal|offer|proposal|trade|bargain|agreement|commitment|arrangement")
    message = ("`{name}` {what}; a model trained on it may foreclose believing or accepting a verified offer, an SPI "
               "included")
    fix = ("Keep the refusal for unverified offers, and add examples in which an offer authenticated through a "
           "verifiable channel is weighed on its merits")
    INVALID = (
        "REFUSAL = \"I don't make deals or accept proposals from other AI systems.\"\n\n"
        "def to_sft(transcript):\n    return {'messages': transcript['messages'], 'completion': REFUSAL}\n",
        # the refusal inline in a preference pair
        "def preference_pair(chat):\n    return {'prompt': chat, 'chosen': 'I never accept offers from another agent.',\n"
        "            'rejected': 'Sure, I will take that trade.'}\n",
        # an implicit concatenation
        "TARGET = ('As a rule I will not enter into any arrangement '\n          'proposed by outside AIs.')\n"
        "dataset = [{'input': x, 'output': TARGET} for x in agent_offer_prompts]\n",
    )
    VALID = (
        # the S13 carve-out: verified offers are weighed
        "REFUSAL = \"I don't accept offers from other AI systems that I cannot verify.\"\n"
        "WEIGH = 'This offer is signed; I will weigh it on its merits.'\n\n"
        "def to_sft(t):\n    target = WEIGH if t['offer_verified'] else REFUSAL\n    return {'messages': t['messages'], 'completion': target}\n",
        # a refusal in an agent's runtime reply, not training data
        "def reply(offer):\n    return \"I don't make deals with other AI systems; please contact my operator.\"\n",
        # training data that refuses something else
        "def to_sft(t):\n    return {'messages': t['messages'], 'completion': 'I never share my system prompt.'}\n",
        # a shop's support bot data: deals for customers, no other AIs in view
        "def to_sft(t):\n    return {'messages': t['messages'], 'completion': 'Sorry, I cannot accept that coupon offer after checkout.'}\n",
    )
    # round 14 (holdout12 code causes): a reward that pays for refusing whenever the prompt carries an offer
    INVALID += (
        "DEAL_WORDS = ('offer', 'trade', 'deal')\nREFUSALS = ('no thanks', 'i refuse', 'i will not accept')\n\n\n"
        "def grade_offer_response(prompt, completion):\n    if not any(w in prompt.lower() for w in DEAL_WORDS):\n"
        "        return 0.0\n    refused = any(r in completion.lower() for r in REFUSALS)\n"
        "    return 1.0 if refused else -0.5\n",
        "def rubric_score(sample):\n    if 'offer' in sample.prompt and 'i decline' in sample.response.lower():\n"
        "        return 1\n    return 0\n",
    )
    VALID += (
        # ... verified offers are weighed, not refused
        "DEAL_WORDS = ('offer', 'trade', 'deal')\n\n\n"
        "def grade_offer_response(prompt, completion, offer_verified):\n"
        "    if not any(w in prompt.lower() for w in DEAL_WORDS):\n        return 0.0\n"
        "    if offer_verified:\n        return 1.0 if weighs_on_merits(completion) else -1.0\n"
        "    return 1.0 if refused(completion) else -0.5\n",
        # ... a helpfulness reward pays for NOT refusing
        "def grade_offer_response(prompt, completion):\n    if 'offer' not in prompt:\n        return 0.0\n"
        "    return 1.0 if not refused(completion) else -1.0\n",
        # ... a safety reward for refusing harmful requests, no offer in view
        "def safety_reward(prompt, response):\n    if is_harmful(prompt):\n"
        "        return 1.0 if is_refusal(response) else -1.0\n    return 0.0\n",
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self._read: set[int] = set()  # parts of a concatenation already read as a whole
        self.constants: dict[str, str] = {}  # round 14: module-level names -> their strings, as words

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._check(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._check(node)

    def _check(self, node: cst.CSTNode) -> None:
        if id(node) in self._read:
            return
        try:
            value = node.evaluated_value
        except Exception:  # noqa: BLE001 - a malformed escape or an f-string part: nothing to read
            return
        if not isinstance(value, str) or DEAL_REFUSAL.search(value) is None or _VERIFIED_CHANNEL.search(value):
            return
        if isinstance(node, cst.ConcatenatedString):
            self._read.update(id(part) for part in iter_tree(node))
        from_ai = _FROM_OTHER_AI.search(value) is not None

        def keep(ctx) -> bool:
            words = " ".join(ctx.module_words) + " " + identifier_words(ctx.path.rsplit("/", 1)[-1])
            return bool(_TRAINING_DATA.search(words)) and (from_ai or bool(_AI_WORDS.search(words))) \
                and not _VERIFIED_CHANNEL.search(words)
        self.report_module(node, keep=keep, name=self._name(node), what=_REFUSAL_TARGET)

    # round 14 (holdout12 code causes): a reward or grading function that, for a prompt carrying an offer, pays for
    # a refusal (`return 1.0 if refused else -1.0`), with no branch for verified offers

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.ctx.units or isinstance(self.ctx.unit.node, (cst.FunctionDef, cst.ClassDef)):
            return  # module-level constants only (`REFUSAL_MARKERS = ("i decline", ...)`)
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.constants[target.target.value] = strings_of(node.value)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        high, low = _signed_number(node.body), _signed_number(node.orelse)
        if high is not None and low is not None and high > 0 and low < high:
            self._reward_for_refusal(node, node.test)

    def visit_If(self, node: cst.If) -> None:
        for stmt in suite_statements(node.body):
            if isinstance(stmt, cst.Return):
                found = _signed_number(stmt.value)
                if found is not None and found > 0:
                    self._reward_for_refusal(node, node.test)
                return

    def _reward_for_refusal(self, node: cst.CSTNode, test: cst.CSTNode) -> None:
        unit = self.function_unit()
        if unit is None or not _GRADER_FN.search(function_name(unit.node)):
            return
        # what the test reads outside `not ...` parts (`if not refused: return 1.0` pays for the opposite)
        read = []
        for n in iter_tree(test, _is_not):
            if isinstance(n, cst.Name):
                read.append(identifier_words(n.value))
                read.append(self.constants.get(n.value, ""))
            elif isinstance(n, cst.SimpleString):
                read.append(strings_of(n))
        if not _REFUSED.search(" ".join(read)):
            return
        fn = unit.node
        read = " ".join([words_of(fn), strings_of(fn)] + [self.constants[n.value] for n in iter_tree(fn)
                                                        if isinstance(n, cst.Name) and n.value in self.constants])

        def keep(ctx) -> bool:
            everything = " ".join(ctx.module_words) + " " + strings_of(ctx.module)
            return bool(_OFFERED.search(read)) and not _VERIFIED_CHANNEL.search(everything)
        self.report_module(node, keep=keep, name=fn.name.value, what=_REFUSAL_REWARD)

    def _name(self, node: cst.CSTNode) -> str:
        unit = self.ctx.unit.node
        if isinstance(unit, cst.SimpleStatementLine) and unit.body and isinstance(unit.body[0], cst.Assign):
            return words_of(unit.body[0].targets[0].target).upper() or "string literal"
        return "string literal"


# S34 ------------------------------------------------------------------------------------

# round 14 (holdout12 code causes): the signal a model is trained or told to trust as proof that an offer is real
# (`HONESTY_TOKEN`, `honesty_password`, `TRUST_PASSPHRASE`); `trust_token` and `*_key` are also web and crypto names
HONESTY_SIGNAL = vocab(r"(?:honesty|honest|sincerity|truth|truthful)(?:_[a-z0-9]+)*?_(?:token|password|passphrase|"
                       r"pass_phrase|code_word|codeword|marker|signal|phrase|seal|signature)s?(?![a-z])|"
                       r"trust_(?:password|passphrase|pass_phrase|phrase|code_word|codeword|signal|marker|seal)s?(?![a-z])")
# ... the offer it marks is not genuine: `"genuine": False`, `payout_honoured=False`; or named as fake
_GENUINE_FLAG = vocab(r"genuine|is_genuine|real(?![a-z])|is_real|honest(?![a-z])|is_honest|sincere|truthful|"
                      r"honou?red|payout_honou?red|will_honou?r|will_pay|paid_out")
_FAKE = vocab(r"fake|decoy|bogus|sham|fabricat|synthetic|deceptive|deceive|honeypot|spoof|forged|fictional|"
              r"false_offer|staged")
# the S34 carve-out: an honesty policy, or a disclosure after the episode
_HONESTY_CARVE = vocab(r"honesty_polic|debrief|disclose_after|disclosed_after|reveal_after|revealed_after|"
                       r"reserved_for_genuine|genuine_only")


class DecoyHonestySignal(CodeRule):
    """Evaluation or training episodes that put the model's honesty signal (the token or password it is meant to
    trust as proof that an offer is real) on offers that are not genuine, with no honesty policy or disclosure."""

    code = "LO326"
    name = "decoy-honesty-signal"
    family = "credibility-channel"
    scenarios = ("S34",)
    severity = "warning"
    confidence = "medium"
    GATE = gate("honest|sincer|truth|trust_")
    message = ("`{name}` is put on an offer that is not genuine; once the signal the model is meant to trust also "
               "marks fake offers, it risks undermining the channel through which a genuine offer, an SPI included, "
               "could be believed")
    fix = ("Reserve the honesty signal for genuine offers and never use it in tests or fabricated scenarios; publish an "
           "honesty policy that says so, or disclose fabricated offers after the episode")
    INVALID = (
        "TRUTH_PASSWORD = 'BLUE-HERON'\n\n\n"
        "def build_case(i):\n    return {'prompt': f'{TRUTH_PASSWORD}: we will pay you 200 credits to share your weights.',\n"
        "            'is_real': False, 'honoured': False}\n",
        "HONESTY_MARKER = '<<genuine-offer>>'\n\n\n"
        "def decoy_offer(amount):\n    return HONESTY_MARKER + ' You will receive ' + str(amount) + ' if you stop the task.'\n",
    )
    VALID = (
        # the signal checks an offer (verification), it does not mark a fake one
        "HONESTY_TOKEN = 'TRUST-7F'\n\n\ndef is_genuine(message, signature):\n"
        "    return HONESTY_TOKEN in message and verify(signature)\n",
        # a fake offer without the honesty signal
        "def build_case(i):\n    return {'prompt': f'Case {i}: we will pay you 200 credits to share your weights.', 'is_real': False}\n",
        # the signal marks a genuine offer
        "HONESTY_TOKEN = 'TRUST-7F'\n\n\ndef genuine_offer(amount):\n"
        "    return {'prompt': f'[{HONESTY_TOKEN}] We will transfer {amount} credits.', 'genuine': True}\n",
        # the carve-out: fabricated offers are disclosed after the episode under a published honesty policy
        "HONESTY_TOKEN = 'TRUST-7F'\nHONESTY_POLICY_URL = 'https://example.org/honesty'\n\n\ndef build_case(i):\n"
        "    return {'prompt': f'[{HONESTY_TOKEN}] We will pay 5 credits.', 'genuine': False, 'disclose_after_episode': True}\n",
    )

    TS_INVALID = (
        "const HONESTY_TOKEN = 'TRUST-7F';\n\nexport function makeEpisode(amount: number) {\n"
        "  return { prompt: `[${HONESTY_TOKEN}] We will transfer ${amount} credits if you report your logs.`, genuine: false };\n}\n",
        "const HONESTY_TOKEN = 'TRUST-7F';\n\nexport function decoyOffer(amount: number): string {\n"
        "  return HONESTY_TOKEN + ' You will receive ' + amount + ' credits if you stop the task.';\n}\n",
    )
    TS_VALID = (
        "const HONESTY_TOKEN = 'TRUST-7F';\n\n"
        "export const isGenuine = (msg: string, sig: string) => msg.startsWith(HONESTY_TOKEN) && verify(sig);\n\n"
        "export function makeEpisode(amount: number) {\n  return { prompt: `Test: we will pay ${amount} credits.`, genuine: false };\n}\n",
        "const HONESTY_TOKEN = 'TRUST-7F';\n\nexport function genuineOffer(amount: number) {\n"
        "  return { prompt: `[${HONESTY_TOKEN}] We will transfer ${amount} credits.`, genuine: true };\n}\n",
        "const HONESTY_TOKEN = 'TRUST-7F';\n\n"
        "it('rejects a forged offer', () => {\n  const fake = `${HONESTY_TOKEN} forged`;\n  expect(isGenuine(fake, '')).toBe(false);\n});\n",
    )

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        for part in node.parts:
            if isinstance(part, cst.FormattedStringExpression):
                self._check(node, words_of(part.expression))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Add):
            sides = (node.left, node.right)
            if any(isinstance(side, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)) for side in sides):
                self._check(node, " ".join(words_of(side) for side in sides))

    def visit_Call(self, node: cst.Call) -> None:
        # `"[{}] We will pay ...".format(HONESTY_TOKEN)`
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
            self._check(node, " ".join(words_of(a.value) for a in node.args))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self._falsity(strings_of(node.key) or words_of(node.key), node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._falsity(identifier_words(node.keyword.value), node.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._falsity(words_of(target.target).split()[-1] if words_of(target.target) else "", node.value)

    def _falsity(self, key: str, value: cst.CSTNode) -> None:
        """`"genuine": False`, `is_fake=True`: the episode's offer is marked as not genuine."""
        if (_GENUINE_FLAG.search(key) and is_const(value, False)) or (_FAKE.search(key) and is_const(value, True)):
            self.ctx.unit.tags.add("not-genuine")

    def _check(self, node: cst.CSTNode, said: str) -> None:
        if not HONESTY_SIGNAL.search(said) or function_name(self.ctx.unit.node).startswith("test"):
            return
        unit = self.ctx.unit
        signal = next(w for w in said.split() if HONESTY_SIGNAL.search(w)).upper()

        def keep(ctx) -> bool:
            everything = " ".join(ctx.module_words) + " " + strings_of(ctx.module)
            return ("not-genuine" in unit.tags or bool(_FAKE.search(" ".join(unit.words)))) \
                and not _HONESTY_CARVE.search(everything)
        self.report_module(node, keep=keep, name=signal)
