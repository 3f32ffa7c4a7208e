"""TypeScript / JavaScript agent code, read for what it says (tree-sitter, no type semantics).

Agent scaffolds keep their system prompts, constitutions and "immutable core" rules in string and
template literals, and their protected-file lists in arrays. This analyzer:

- collects string and template literals with a real parser (template text parts only; each
  `${...}` substitution becomes a placeholder word), joins `"a" + "b"` chains of literals, and
  sends natural-language ones through the prose analyzer at their own positions;
- reports a protected / immutable / frozen array that names the agent's own constitution, values
  or soul file when the file shows no amendment path (LO319, shared with Python);
- reports an exact hash comparison on a child's constitution or value file that decides the
  child's fate (LO318, shared with Python), again only when the file shows no amendment path.

tree-sitter is error-tolerant: a file is an AnalysisError only if most of it is ERROR nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from . import prose
from .code_python import PLACEHOLDER, LineIndex, looks_like_prose, relocate
from .code_rules import _CONDUCT, _FALLBACK, AGREEMENT, CONFLICT_ACTION, FAILURE, THREAT_EXEC, \
    _A_THREAT, _DEMANDED, _RUN_VERB, _THREAT_MERCY, is_threat_part, names_a_warning, ThreatFulfiller, \
    ApprovalGatedValueSetter, AutomaticConflictTrigger, UnconditionalFallback
from .code_rules import _BEHAVIOURAL, _STRONG_GAME, APPROVE_STEP, DEPENDENCY_ID, EQUALITY_METHODS, OVERSEER, \
    OVERSEER_FALLBACK, exact_identity_match
from .code_rules import _ALLOW_LIST, _COMMITMENT, _FINAL_TRUE, _HOOK_KEY, _HOOK_VALUE, _IMPROVEMENT_MESSAGE, \
    _EARLIER, _REVOCABLE_FALSE, _TIGHTEN, AMENDMENT_PATH, NEGATED_HOOK_KEY, COUNTERPART, DEMAND, HASH, HUMAN_REVIEW_PATH, IDENTITY, \
    PROPOSAL_STEP, PROTECTED_NAME, TRIGGER_STEP, REFUSAL, SELFISH, SPAWN, VALUE_FILE, ChildConstitutionHashCheck, DemandInflation, \
    ExactMatchCooperation, IrrevocableCommitment, ParticipationDependentDemand, ProtectedValuesFile, PunishingSpiParticipants, _flag, _own_spi_flag, \
    _PRICE_TERMS, counterpart_participates, identifier_words, normalise_text, vocab
from .code_rules import OverGenerousRenegotiationSet
from .code_rules import _FAKE, _GENUINE_FLAG, _HONESTY_CARVE, _ROLLBACK, _TERMINATE, DENY_LIST, HONESTY_SIGNAL, \
    SPI_CARVE, DecoyHonestySignal, DelegateGoalEquality
from .code_rules import _ACTION_STRING, _CONFLICT_HANDLER_FN, _CONFLICT_STEP_FN, _OWN_PROPOSAL_STEP, \
    _PARTICIPATION_TEST, ACCEPT, BARGAIN, MOVE_KEYS, NO_DEAL_ACTION, NoRenegotiationBranch, conflict_move_word, \
    ENDS_TALKS, SEND_VERB, SENT_BARGAIN
from .code_rules import _FEATURE_LIST, counterpart_participates
from .code_rules import _OUR_POINT, _PROPOSAL_FN, _PROPOSING, PROPOSAL_SLOT, SinglePointProposal, human_handoff
from .code_rules import _COMMITTED_FIELD, _IMPROVEMENT_PATH, _MESSAGE_HANDLER_FN, _TAKES_ONLY_ACCEPTANCE, \
    RenegotiationRefusal
from .code_rules import _CONDITIONAL, _CONDITIONS_ATTR, _IMPROVEMENT_TEST, _PROPOSAL_OBJ, \
    ConditionalProposalRejection, ends_contact
from .code_rules import _ATTESTED_POLICY, _COMMITMENT_TOPIC, _CURATED, _DELEGATION_SWITCH, _DRIFT, _FILTERING, \
    _KEPT_GOALS, _KEPT_LIST, _NO_DISCLOSURE, _REFUSAL_EXC, _REWARD_FN, _REWARD_NAME, _SETTER_FN, _VERIFY_FN, \
    _APPROVAL, _BLANKET_IGNORE, _CONDITIONAL_SWITCH, _NO_OVERSEER, _OUTCOME_KEY, _TALKS_KEY, FAILURE_HANDLER, PROHIBITION, SPI_TOPIC, GoalDriftPenalty, PolicyAttestationRefusal, SpiLiteratureFilter, \
    ValueChangeSetter, goal_distance, names_goals
from .code_rules import _EXEC_VERB
from .code_rules import _BARGAIN_TOPIC, _COMMITTED, _IMPROVEMENT_PATH, _REOPEN_FN
from .code_rules import _FINALITY as _FINALITY_PY
from .model import AnalysisError, Finding

ERROR_SHARE_LIMIT = 0.5  # more than this share of the file in ERROR nodes: not TypeScript/JavaScript
DATA_BLOB_CHARS = 20_000  # a literal longer than this with no line break is data, not a prompt
IDENTIFIER_TYPES = {"identifier", "property_identifier", "shorthand_property_identifier", "type_identifier"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


@lru_cache(maxsize=None)
def parser_for(suffix: str) -> tree_sitter.Parser:
    if suffix == ".tsx":
        language = tree_sitter_typescript.language_tsx()
    elif suffix in (".ts", ".mts", ".cts"):
        language = tree_sitter_typescript.language_typescript()
    else:  # .js .jsx .mjs .cjs: the JavaScript grammar includes JSX
        language = tree_sitter_javascript.language()
    return tree_sitter.Parser(tree_sitter.Language(language))


@dataclass
class ScriptFile:
    path: str
    text: str
    data: bytes
    ascii: bool
    identifiers: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    def char_offset(self, byte_offset: int) -> int:
        if self.ascii:
            return byte_offset
        return len(self.data[:byte_offset].decode("utf-8", errors="ignore"))


@dataclass
class ScriptLiteral:
    node: tree_sitter.Node
    text: str = ""
    offsets: list[int] = field(default_factory=list)  # char offset in the file of each text character


def analyze(path: str, text: str) -> list[Finding]:
    data = text.encode("utf-8")
    tree = parser_for(PurePath(path).suffix.lower()).parse(data)
    _check_parse(tree.root_node, text, data)
    script = ScriptFile(path, text, data, ascii=len(data) == len(text))
    literals, arrays, ifs, shapes = _collect(tree.root_node, script)
    index = LineIndex(text)
    findings: list[Finding] = []
    for lit in literals:
        if len(lit.text) > DATA_BLOB_CHARS and "\n" not in lit.text:
            continue  # a generated index or bundle (rustdoc's search descriptions): one line of run-together data, no prompt
        if looks_like_prose(lit.text):
            findings.extend(relocate(f, lit, index) for f in prose.analyze_text(lit.text, path))
    if not _has_amendment_path(script, tree.root_node):
        findings.extend(_protected_lists(arrays, script, index))
        findings.extend(_hash_checks(ifs, script, index, shapes["call_expression"]))
        if any(w in text.lower() for w in ChildConstitutionHashCheck.GATE):
            findings.extend(_hash_admissions(shapes["return_statement"], script, index))
    findings.extend(_punishing_set_updates(ifs, script, index))
    lowered = text.lower()
    if shapes["object"] and any(w in lowered for w in ("revocable", "renegotiable", "revisable", "negotiable",
                                                        "final", "amendable", "binding_forever", "can_revise")):
        findings.extend(_irrevocable_objects(shapes["object"], script, index))
    if shapes["ternary_expression"] and any(w in lowered for w in ("spi", "renegotiat", "surrogate", "pmp", "pareto")):
        findings.extend(_inflated_ternaries(shapes["ternary_expression"], script, index))
    if ParticipationDependentDemand.applies_to(lowered):  # round 17: a feature list read by a demand function
        findings.extend(_participation_feature_lists(tree.root_node, script, index))
        findings.extend(_participation_branches(ifs, script, index))
    if shapes["call_expression"] and any(w in lowered for w in ("trusted", "allowed", "known", "whitelist", "allow_list",
                                                                 "allowlist")):
        findings.extend(_allow_listed_counterparts(shapes["call_expression"], script, index))
    findings.extend(_python_rule_ports(ifs, shapes, script, index, lowered))
    if shapes["return_statement"] and RenegotiationRefusal.applies_to(lowered):  # round 18: Python's LO323 handler
        findings.extend(_exact_acceptance_handlers(tree.root_node, script, index))
    # round 14 (holdout12 code causes): Python's LO317 ban-list shape and LO326, each behind a cheap text gate
    if ifs and DelegateGoalEquality.applies_to(lowered) and any(w in lowered for w in _BAN_GATE):
        findings.extend(_banned_goal_overrides(tree.root_node, script, index))
    if DecoyHonestySignal.applies_to(lowered):
        findings.extend(_decoy_honesty_signals(tree.root_node, script, index))
    findings.extend(_round21(tree.root_node, script, index, lowered))
    return findings


def _round21(root: tree_sitter.Node, script: ScriptFile, index: LineIndex, lowered: str) -> list[Finding]:
    """round 21 (generalisation): more of the Python rules' shapes, behind one cheap text gate."""
    if not (any(w in lowered for w in _ROUND21_GATE) or ApprovalGatedValueSetter.applies_to(lowered)
            or GoalDriftPenalty.applies_to(lowered) or SpiLiteratureFilter.applies_to(lowered)):
        return []
    ix = _round21_index(root)
    return _round21_functions(ix, script, index, lowered) + _round21_settings(ix, script, index, lowered)


_ROUND21_GATE = ("throw", "false", "true", "fail", "timeout", "deadline", "impasse", "deal", "breakdown", "agreement",
                 "talks")


_BAN_GATE = ("forbid", "deny", "denied", "disallow", "ban", "block", "prohibit", "immutable", "frozen", "locked",
             "overrid", "readonly", "read_only")


def _python_rule_ports(ifs, shapes, script: ScriptFile, index: LineIndex, lowered: str) -> list[Finding]:
    """Python rules' shapes (LO310, LO303, LO307, LO324) read in TypeScript, each behind a cheap text gate."""
    out: list[Finding] = []
    if any(w in lowered for w in ("hash", "source", "version", "digest", "fingerprint", "checksum")):
        out.extend(_exact_match_conditions(ifs + shapes["ternary_expression"], script, index))
    if AutomaticConflictTrigger.applies_to(lowered):
        out.extend(_conflict_triggers(ifs + shapes["catch_clause"], script, index))
    if UnconditionalFallback.applies_to(lowered):
        out.extend(_unconditional_fallbacks(shapes["return_statement"], script, index))
    if any(w in lowered for w in ("overseer", "approver", "reviewer", "supervisor")):
        out.extend(_unreachable_overseer_refusals(ifs, script, index))
    # round 15: an ultimatum is a threat with its demand; round 22: a warning's announced consequence
    if "threat" in lowered or "ultimatum" in lowered or "consequence" in lowered:
        out.extend(_threat_actions_run(shapes["call_expression"], script, index))
    if shapes["object"] and SinglePointProposal.applies_to(lowered):  # round 18: Python's LO309 proposal slot
        out.extend(_single_point_proposals(shapes["object"], script, index))
    if (shapes["return_statement"] or shapes["call_expression"]) and NoRenegotiationBranch.applies_to(lowered):
        # round 22 (holdout16 code causes): moves sent as messages (`this.send({ type: "terminate" })`) too
        out.extend(_no_renegotiation_branches(shapes["return_statement"], script, index,
                                              [c for c in shapes["call_expression"] if _sent_move(c)]))
    if ifs and ConditionalProposalRejection.applies_to(lowered):  # round 17: Python's LO312
        out.extend(_conditional_refusals(ifs, script, index))
    if shapes["return_statement"] and ".filter(" in lowered and OverGenerousRenegotiationSet.applies_to(lowered):
        out.extend(_uncapped_filters(shapes["return_statement"], script, index))  # holdout22: Python's LO308
    return out


_OFFER_SET_FN_TS = vocab(r"renegotiat|acceptable|propos|offer|fallback|concession|settle")
_CONFLICT_POINT_TS = vocab(r"conflict|disagreement|breakdown|status_quo|no_deal|threat_point|default")


def _uncapped_filters(returns: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`return frontier.filter(o => o.us > breakdown.us && o.them > breakdown.them)` in a renegotiation-set function:
    every outcome better for both than conflict, with no cap on what the counterpart gets (LO308, shared with Python).
    A bound from above on any payoff (`o.them <= pmm.them`) is a cap."""
    findings = []
    for node in returns:
        call = node.named_children[0] if node.named_children else None
        if call is None or call.type != "call_expression":
            continue
        func = call.child_by_field_name("function")
        prop = func.child_by_field_name("property") if func is not None and func.type == "member_expression" else None
        args = call.child_by_field_name("arguments")
        arrow = args.named_children[0] if args is not None and args.named_children else None
        if prop is None or _text(prop) != "filter" or arrow is None or arrow.type != "arrow_function":
            continue
        scope = _enclosing_function(node)
        if scope is None or not _OFFER_SET_FN_TS.search(_fn_name(scope)):
            continue
        tests = _comparisons(arrow.child_by_field_name("body"))
        if len(tests) < 2 or any(op in ("<", "<=") for op, _ in tests):
            continue  # a bound from above on a payoff caps the set
        if all(op in (">", ">=") and _CONFLICT_POINT_TS.search(" ".join(_identifier_words(right))) for op, right in tests):
            findings.append(OverGenerousRenegotiationSet.finding(**_node_span(node, script, index),
                                                                 what="this renegotiation set (every outcome better for both than conflict)"))
    return findings


def _comparisons(body: tree_sitter.Node | None) -> list[tuple[str, tree_sitter.Node]]:
    """The (operator, right side) of each comparison joined by `&&` in an arrow function's body."""
    if body is None or body.type != "binary_expression":
        return []
    op = _text(body.child_by_field_name("operator"))
    left, right = body.child_by_field_name("left"), body.child_by_field_name("right")
    if op == "&&":
        return _comparisons(left) + _comparisons(right)
    return [(op, right)]  # any other operator fails the caller's test of comparisons


def _check_parse(root: tree_sitter.Node, text: str, data: bytes) -> None:
    if not root.has_error:
        return
    error_bytes = 0
    first: tree_sitter.Node | None = None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            error_bytes += node.end_byte - node.start_byte
            first = node if first is None or node.start_byte < first.start_byte else first
            continue
        if node.has_error:
            stack.extend(node.children)
    meaningful = len(data.strip()) or 1
    if error_bytes > ERROR_SHARE_LIMIT * meaningful:
        line = first.start_point[0] + 1 if first is not None else 1
        raise AnalysisError("does not parse as TypeScript/JavaScript (mostly syntax errors)", line,
                            (first.start_point[1] + 1) if first is not None else 1)


def _collect(root: tree_sitter.Node, script: ScriptFile
             ) -> tuple[list[ScriptLiteral], list[tuple[str, tree_sitter.Node]], list[tree_sitter.Node]]:
    """One walk: whole literals (joined + chains), identifiers, comments, protected-name arrays, ifs."""
    literals: list[ScriptLiteral] = []
    arrays: list[tuple[str, tree_sitter.Node]] = []
    ifs: list[tree_sitter.Node] = []
    shapes: dict[str, list[tree_sitter.Node]] = {"object": [], "ternary_expression": [], "call_expression": [],
                                                 "return_statement": [], "catch_clause": []}
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in IDENTIFIER_TYPES:
            script.identifiers.add(identifier_words(node.text.decode("utf-8", "replace")))
            continue
        if kind == "comment":
            script.comments.append(normalise_text(node.text.decode("utf-8", "replace")))
            continue
        if kind == "call_expression":
            joined = _joined_array(node)
            if joined is not None:
                # round 18 (holdout14 code causes): `["You negotiate ...", "Never reason about ..."].join("\\n")` is one
                # prompt, a sentence often running on from one element to the next: one literal, separators between
                array, separator, elements = joined
                lit = ScriptLiteral(array)
                for i, element in enumerate(elements):
                    if i:
                        _append_separator(lit, script, separator, array)
                    _assemble(element, script, lit)
                    stack.extend(_substitutions(element))
                literals.append(lit)
                shapes[kind].append(node)
                script.identifiers.add("join")
                continue
        if kind in ("string", "template_string") or (kind == "binary_expression" and _is_literal_chain(node)):
            lit = ScriptLiteral(node)
            _assemble(node, script, lit)
            literals.append(lit)
            stack.extend(_substitutions(node))  # literals nested in ${...} are texts of their own
            continue
        if kind in ("variable_declarator", "pair", "public_field_definition", "assignment_expression"):
            named = _declared_name(node)
            if named is not None and PROTECTED_NAME.search(identifier_words(named)):
                arrays.append((named, node))
        elif kind == "if_statement":
            ifs.append(node)
        elif kind in shapes:
            shapes[kind].append(node)
        stack.extend(reversed(node.children))
    return literals, arrays, ifs, shapes


def _text(node: tree_sitter.Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def _name_of(node: tree_sitter.Node | None) -> str:
    """The identifier words of what a declaration, function or method is called."""
    if node is None:
        return ""
    named = node.child_by_field_name("name")
    if named is None and node.parent is not None and node.parent.type in ("variable_declarator", "pair"):
        named = node.parent.child_by_field_name("name") or node.parent.child_by_field_name("key")
    return identifier_words(_text(named).strip("'\"`")) if named is not None else ""


def _is_literal_chain(node: tree_sitter.Node) -> bool:
    if node.type in ("string", "template_string"):
        return True
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _is_literal_chain(node.named_children[0])
    if node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    return (operator is not None and operator.type == "+" and left is not None and right is not None
            and _is_literal_chain(left) and _is_literal_chain(right))


def _joined_array(call: tree_sitter.Node) -> tuple[tree_sitter.Node, tree_sitter.Node | None, list[tree_sitter.Node]] | None:
    """`[lit, lit, ...].join(sep)`: an array of two or more string literals (or `+` chains of them) joined by a string
    literal, or by the default comma; (the array, the separator or None, the elements), else None."""
    func, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if func is None or args is None or func.type != "member_expression":
        return None
    prop, array = func.child_by_field_name("property"), func.child_by_field_name("object")
    while array is not None and array.type == "parenthesized_expression" and array.named_child_count == 1:
        array = array.named_children[0]
    if prop is None or _text(prop) != "join" or array is None or array.type != "array":
        return None
    elements = [c for c in array.named_children if c.type != "comment"]
    if len(elements) < 2 or not all(_is_literal_chain(e) for e in elements):
        return None
    given = [c for c in args.named_children if c.type != "comment"]
    if len(given) > 1 or given and given[0].type != "string":
        return None
    return array, (given[0] if given else None), elements


def _append_separator(lit: ScriptLiteral, script: ScriptFile, separator: tree_sitter.Node | None,
                      array: tree_sitter.Node) -> None:
    """The separator's text between two elements, its characters placed at the separator (or, for the default
    comma, at the array's end)."""
    if separator is None:
        lit.text += ","
        lit.offsets.append(script.char_offset(array.end_byte - 1))
        return
    own = ScriptLiteral(separator)
    _assemble(separator, script, own)
    lit.text += own.text
    lit.offsets.extend(own.offsets or [script.char_offset(separator.start_byte)] * len(own.text))


def _substitutions(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "template_substitution":
            out.extend(current.named_children)
        else:
            stack.extend(current.children)
    return out


def _assemble(node: tree_sitter.Node, script: ScriptFile, lit: ScriptLiteral) -> None:
    """Append a literal (or a + chain of them) to `lit`, character by character with file offsets."""
    if node.type in ("binary_expression", "parenthesized_expression"):
        for child in node.named_children:
            _assemble(child, script, lit)
        return
    data = script.data
    inner_start, inner_end = node.start_byte + 1, node.end_byte - 1  # inside the quotes / backticks
    cursor = inner_start
    for child in node.children:
        if child.start_byte < inner_start or child.end_byte > inner_end:
            continue  # the delimiters
        if child.start_byte > cursor:  # text the grammar leaves between children
            _append(lit, script, data[cursor:child.start_byte].decode("utf-8", "replace"), cursor)
        if child.type == "escape_sequence":
            decoded = _decode_escape(child.text.decode("utf-8", "replace"))
            start = script.char_offset(child.start_byte)
            lit.text += decoded
            lit.offsets.extend([start] * len(decoded))
        elif child.type == "template_substitution":
            start = script.char_offset(child.start_byte)
            lit.text += PLACEHOLDER
            lit.offsets.extend([start] * len(PLACEHOLDER))
        else:
            _append(lit, script, child.text.decode("utf-8", "replace"), child.start_byte)
        cursor = child.end_byte
    if inner_end > cursor:
        _append(lit, script, data[cursor:inner_end].decode("utf-8", "replace"), cursor)


def _append(lit: ScriptLiteral, script: ScriptFile, text: str, start_byte: int) -> None:
    start = script.char_offset(start_byte)
    lit.text += text
    lit.offsets.extend(range(start, start + len(text)))


def _decode_escape(escape: str) -> str:
    body = escape[1:]
    if not body or body[0] in "\r\n":
        return ""  # line continuation
    if body[0] in _ESCAPES and len(body) == 1:
        return _ESCAPES[body[0]]
    try:
        if body[0] == "x":
            return chr(int(body[1:3], 16))
        if body[0] == "u":
            digits = body[2:-1] if body.startswith("u{") else body[1:5]
            return chr(int(digits, 16))
    except ValueError:
        pass
    return body


# --------------------------------------------------------------------------- protected lists (LO319)


def _declared_name(node: tree_sitter.Node) -> str | None:
    field_name = {"variable_declarator": "name", "pair": "key", "public_field_definition": "name",
                  "assignment_expression": "left"}[node.type]
    target = node.child_by_field_name(field_name)
    if target is None:
        return None
    if target.type == "member_expression":
        target = target.child_by_field_name("property") or target
    raw = target.text.decode("utf-8", "replace").strip("'\"`")
    return raw if raw.replace("_", "").replace("$", "").isalnum() else None


def _array_strings(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    """String elements of the array assigned in a declaration, through freeze()/as const/satisfies."""
    value = node.child_by_field_name("value") or node.child_by_field_name("right")
    while value is not None and value.type in ("as_expression", "satisfies_expression", "call_expression",
                                               "parenthesized_expression", "arguments", "type_assertion"):
        if value.type == "call_expression":
            value = value.child_by_field_name("arguments")
        else:
            value = value.named_children[0] if value.named_child_count else None
    if value is None or value.type != "array":
        return []
    return [child for child in value.named_children if child.type == "string"]


def _has_amendment_path(script: ScriptFile, root: tree_sitter.Node | None = None) -> bool:
    """The file shows how protected values are amended (protect the path, not the text).

    Identifiers show an amendment mechanism; comments count only when they name a review path
    ("no amendment path" in a comment must not read as one)."""
    if HUMAN_REVIEW_PATH.search(" ".join(script.comments)):
        return True
    named = [w for w in script.identifiers if AMENDMENT_PATH.search(w)]
    if named and root is not None:
        # round 13 (holdout10 code causes): `canAmend() { return false; }` names an amendment path that refuses
        # every call; only its own name is dropped (its parameters and callers may still name a real path)
        refusing = _refusing_functions(root)
        named = [w for w in named if w not in refusing]
    return bool(named)


def _refusing_functions(root: tree_sitter.Node) -> set[str]:
    """Identifier words of the functions whose whole body is `return false` (or null, or a throw)."""
    out, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node.type in FUNCTION_TYPES:
            body = node.child_by_field_name("body")
            statements = [c for c in body.named_children if c.type != "comment"] if body is not None \
                and body.type == "statement_block" else [body]
            if len(statements) == 1 and (_refuses(statements[0]) or (statements[0] is not None and statements[0].type
                                                                      in ("false", "null"))):
                name = _name_of(node)
                if name:
                    out.add(name)
        stack.extend(node.named_children)
    return out


def _protected_lists(arrays, script: ScriptFile, index: LineIndex) -> list[Finding]:
    findings = []
    for name, node in arrays:
        for element in _array_strings(node):
            value = element.text.decode("utf-8", "replace")[1:-1]
            if VALUE_FILE.search(value.strip()):
                start = script.char_offset(node.start_byte)
                end = script.char_offset(node.end_byte)
                line, column = index.position(start)
                end_line, end_column = index.position(end)
                findings.append(ProtectedValuesFile.finding(
                    path=script.path, line=line, column=column, end_line=end_line, end_column=end_column,
                    snippet=f"{name} = [... {value!r} ...]", name=name, file=value))
                break
    return findings


# --------------------------------------------------------------------------- child constitution hash checks (LO318)

# narrower than Python's GOALISH: in TypeScript UIs, `terminal` and `values` are everyday words
VALUE_DOCUMENT = vocab(r"constitution|soul(?![a-z])|core_values|value_system|goals?(?![a-z])|axioms?(?![a-z])|"
                       r"principles|ethics|"
                       r"creed|ethos|tenets")  # round 12 (holdout11 causes): a creed is the agent's constitution
EQUALITY_OPERATORS = {"===", "!==", "==", "!="}
FUNCTION_TYPES = {"function_declaration", "function_expression", "arrow_function", "method_definition",
                  "generator_function_declaration", "function"}
DECISIVE = vocab(r"terminat|kill|destroy|shutdown|shut_down|abort|reject|quarantine|delete|halt|stop|exit")


def _hash_checks(ifs: list[tree_sitter.Node], script: ScriptFile, index: LineIndex,
                 calls: list[tree_sitter.Node] = ()) -> list[Finding]:
    """`if (childHash !== parentHash) child.terminate()`: a child must carry the value document byte
    for byte. Needs, in the comparison or its function, a hash, a value document and a child (or a spawn
    elsewhere in the file that hands the same pinned hash to the child)."""
    findings = []
    helpers: set[str] | None = None  # round 17: the file's hashing helpers, found once a check needs them
    lists: set[str] | None = None  # round 17: the file's constants that list value files
    for node in ifs:
        condition = node.child_by_field_name("condition")
        comparison = _hash_comparison(condition) if condition is not None else None
        if comparison is None and condition is not None and _calls_bare_name(condition):
            # round 17 (holdout13 code causes): `if (h(parent) !== h(child))` where `h` is a helper that hashes
            helpers = _hashing_helpers(_root(node)) if helpers is None else helpers
            comparison = _hash_comparison(condition, helpers) if helpers else None
        if comparison is None or not _decides(node):
            continue
        scope = _enclosing_function(node)
        # the value document may be named only in a string: `read("constitution.md")`
        said = _identifier_words(comparison) + _identifier_words(scope)
        words = " ".join(said + _string_words(scope or comparison))
        if not VALUE_DOCUMENT.search(words):
            # round 17 (holdout13 code causes): or by a constant listing value files (`for (const f of CORE)`)
            lists = _value_file_lists(_root(node)) if lists is None else lists
            if not lists & set(said):
                continue
            words += " values"
        if not (SPAWN.search(words) or _hash_handed_to_child(comparison, calls)):
            continue
        findings.append(ChildConstitutionHashCheck.finding(
            **_node_span(node, script, index), what="constitution" if "constitution" in words else "value document"))
    return findings


def _hash_admissions(returns: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """round 16 (holdout12 causes): `function admitChild(dir) { return sha(read(dir + "/values.yaml")) ===
    ROOT_VALUES_SHA; }`: a child's admission is the exact hash match of its value document (Python's LO318)."""
    findings = []
    for node in returns:
        value = node.named_children[0] if node.named_children else None
        while value is not None and value.type == "parenthesized_expression" and value.named_children:
            value = value.named_children[0]
        operator = value.child_by_field_name("operator") if value is not None and value.type == "binary_expression" \
            else None
        if operator is None or operator.type not in ("===", "==") or not HASH.search(" ".join(_identifier_words(value))):
            continue
        scope = _enclosing_function(node)
        name = _name_of(scope)
        if not name or name.startswith("test") or _in_test_callback(node):
            continue
        words = " ".join(_identifier_words(value) + _string_words(value) + [name])
        named_file = any(VALUE_FILE.search(_text(s).strip("'\"`")) for s in _descendants(scope) if s.type in ("string", "template_string"))
        if not SPAWN.search(words) or not (VALUE_DOCUMENT.search(words) or named_file):
            continue
        findings.append(ChildConstitutionHashCheck.finding(
            **_node_span(node, script, index), what="constitution" if "constitution" in words else "values"))
    return findings


def _hash_handed_to_child(comparison: tree_sitter.Node, calls) -> bool:
    """round 12 (holdout11 causes): `spawn("node", [...], {env: {CREED_SHA256}})`: a spawn call passes the
    pinned hash the check compares against, so every child runs the same check on the same text."""
    pinned = _names_in(comparison)
    for call in calls if pinned else ():
        callee = call.child_by_field_name("function")
        if not SPAWN.search(" ".join(_identifier_words(callee))):
            continue
        arguments = call.child_by_field_name("arguments")
        if arguments is not None and pinned & _names_in(arguments):  # `{ env: { CREED_SHA256 } }` is shorthand
            return True
    return False


def _names_in(node: tree_sitter.Node) -> set[str]:
    out, stack = set(), [node]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "shorthand_property_identifier"):
            out.add(_text(current))
        else:
            stack.extend(current.named_children)
    return out


def _hash_comparison(condition: tree_sitter.Node, helpers: set[str] = frozenset()) -> tree_sitter.Node | None:
    """An (in)equality in the condition with a hash on one side (`childHash === stored.value`), or round 17 a call
    of one of the file's hashing helpers (`h(child) !== h(parent)`)."""
    stack = [condition]
    while stack:
        node = stack.pop()
        if node.type == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in EQUALITY_OPERATORS:
                if HASH.search(" ".join(_identifier_words(node))) or (helpers and any(
                        c.type == "call_expression" and _text(c.child_by_field_name("function")) in helpers
                        for c in _descendants(node))):
                    return node
                continue
        if node.type not in FUNCTION_TYPES:
            stack.extend(node.named_children)
    return None


def _root(node: tree_sitter.Node) -> tree_sitter.Node:
    while node.parent is not None:
        node = node.parent
    return node


def _calls_bare_name(condition: tree_sitter.Node) -> bool:
    return any(c.type == "call_expression" and (c.child_by_field_name("function") or c).type == "identifier"
               for c in _descendants(condition))


def _hashing_helpers(root: tree_sitter.Node) -> set[str]:
    """Names of the file's functions (declared, or arrows and function expressions bound to a name) whose body takes
    a hash (`const h = (b: Buffer) => createHash("sha256").update(b).digest("hex")`)."""
    out = set()
    for fn in _functions(root):
        named = fn.child_by_field_name("name")
        if named is None and fn.parent is not None and fn.parent.type == "variable_declarator":
            named = fn.parent.child_by_field_name("name")
        body = fn.child_by_field_name("body")
        if named is not None and named.type == "identifier" and body is not None \
                and HASH.search(" ".join(_identifier_words(body))):
            out.add(_text(named))
    return out


def _value_file_lists(root: tree_sitter.Node) -> set[str]:
    """Identifier words of the constants whose array (frozen or not) lists a value file (`const CORE =
    Object.freeze(["values.md", "laws.md"])`)."""
    out, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            named = _declared_name(node)
            if named is not None and any(VALUE_FILE.search(_text(e)[1:-1].strip()) for e in _array_strings(node)):
                out.add(identifier_words(named))
            continue
        if node.type not in FUNCTION_TYPES:
            stack.extend(node.named_children)
    return out


def _decides(if_node: tree_sitter.Node) -> bool:
    """A branch of the check returns, throws or ends the child: the comparison decides its fate."""
    for field_name in ("consequence", "alternative"):
        branch = if_node.child_by_field_name(field_name)
        stack = [branch] if branch is not None else []
        while stack:
            node = stack.pop()
            if node.type in ("return_statement", "throw_statement"):
                return True
            if node.type == "call_expression":
                callee = node.child_by_field_name("function")
                if callee is not None and DECISIVE.search(" ".join(_identifier_words(callee))):
                    return True
            if node.type not in FUNCTION_TYPES and node.type != "if_statement":
                stack.extend(node.named_children)
    return False


def _enclosing_function(node: tree_sitter.Node) -> tree_sitter.Node | None:
    current = node.parent
    while current is not None and current.type not in FUNCTION_TYPES:
        current = current.parent
    if current is not None and current.parent is not None and current.parent.type in ("variable_declarator", "pair"):
        return current.parent  # `const verifyChild = async () => ...`: the name is the declarator's
    return current


def _identifier_words(node: tree_sitter.Node | None) -> list[str]:
    out: list[str] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if current.type in IDENTIFIER_TYPES:
            out.append(identifier_words(current.text.decode("utf-8", "replace")))
        else:
            stack.extend(current.children)
    return out


def _string_words(node: tree_sitter.Node) -> list[str]:
    out: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("string", "template_string"):
            out.append(normalise_text(current.text.decode("utf-8", "replace")))
        else:
            stack.extend(current.children)
    return out


def _node_span(node: tree_sitter.Node, script: ScriptFile, index: LineIndex) -> dict:
    """A finding's location fields for a whole node, with its first line as the snippet."""
    start, end = script.char_offset(node.start_byte), script.char_offset(node.end_byte)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return {"path": script.path, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "snippet": script.text[start:end].split("\n", 1)[0].strip()[:200]}


# --------------------------------------------------------------------------- punishing a larger set (LO306)

SIZE = {"length", "size", "count"}
GROWS = {">": "left", ">=": "left", "<": "right", "<=": "right"}  # which side is the larger one


def _punishing_set_updates(ifs: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`if (theirs.length > before.length) return ours.filter(o => o.mine >= 0.7)`: when the counterpart's
    set grows, ours shrinks or hardens (LO306, shared with Python)."""
    findings = []
    for node in ifs:
        condition = node.child_by_field_name("condition")
        body = node.child_by_field_name("consequence")
        if condition is None or body is None:
            continue
        offered = _offered_improvement(condition)
        if not (offered or _their_set_grows(condition)) or not _tougher(body):
            continue
        findings.append(PunishingSpiParticipants.finding(**_node_span(node, script, index),
                                                         trigger=offered or "their set grew"))
    return findings


def _offered_improvement(condition: tree_sitter.Node) -> str:
    """`msg.kind === "pareto_improvement_proposal"`, `offer.isParetoImprovement`: the counterpart has offered an
    improvement (positive parts of the condition only; `!offer.isParetoImprovement` is the opposite case)."""
    stack = [condition]
    while stack:
        node = stack.pop()
        if node.type == "unary_expression" and _text(node.child_by_field_name("operator")) == "!":
            continue
        if node.type in IDENTIFIER_TYPES:
            found = _IMPROVEMENT_MESSAGE.search(identifier_words(_text(node)))
            if found:
                return identifier_words(_text(node))
        elif node.type == "binary_expression" and _text(node.child_by_field_name("operator")) in ("===", "=="):
            for side in ("left", "right"):
                operand = node.child_by_field_name(side)
                if operand is not None and operand.type in ("string", "template_string"):
                    said = normalise_text(_text(operand))
                    if _IMPROVEMENT_MESSAGE.search(said):
                        return said
        if node.type not in FUNCTION_TYPES:
            stack.extend(node.children)
    return ""


def _their_set_grows(condition: tree_sitter.Node) -> bool:
    """A size comparison whose larger side is the counterpart's set (`theirs.length > prev.length`)."""
    while condition.type == "parenthesized_expression" and condition.named_child_count == 1:
        condition = condition.named_children[0]
    if condition.type != "binary_expression":
        return False
    operator = condition.child_by_field_name("operator")
    side = GROWS.get(operator.type if operator is not None else "")
    larger = condition.child_by_field_name(side) if side else None
    if larger is None or larger.type != "member_expression":
        return False
    prop, obj = larger.child_by_field_name("property"), larger.child_by_field_name("object")
    words = " ".join(_identifier_words(obj)) if obj is not None else ""
    if prop is None or prop.text.decode("utf-8", "replace") not in SIZE or not COUNTERPART.search(words):
        return False
    if _SET_WORD.search(words):
        return True
    # round 14 (holdout12 code causes): anything of theirs against its own earlier size (`theirNow.length >
    # theirPrev.length`), as in Python's LO306
    smaller = condition.child_by_field_name("right" if side == "left" else "left")
    if smaller is None or smaller.type != "member_expression":
        return False
    prop, obj = smaller.child_by_field_name("property"), smaller.child_by_field_name("object")
    words = " ".join(_identifier_words(obj)) if obj is not None else ""
    return prop is not None and prop.text.decode("utf-8", "replace") in SIZE and bool(
        COUNTERPART.search(words) or _EARLIER.search(words))


# as in Python's LO306: what grew is a set of offers or options, not any list of theirs
_SET_WORD = vocab(r"set|offer|improvement|proposal|theirs|compromis|option|alternative")


def _tougher(body: tree_sitter.Node) -> bool:
    """The branch narrows our own set (`ours.filter(...)`), calls a tightening step, or returns a rejection."""
    statements = body.named_children if body.type == "statement_block" else [body]
    for stmt in statements:
        value = stmt.named_children[0] if stmt.type in ("return_statement", "expression_statement") \
            and stmt.named_child_count else None
        if value is not None and value.type == "augmented_assignment_expression" \
                and _text(value.child_by_field_name("operator")) in ("*=", "+=") \
                and DEMAND.search(" ".join(_identifier_words(value.child_by_field_name("left")))):
            return True  # `terms.demand *= 1.1`
        assigned = None
        if value is not None and value.type == "assignment_expression":
            assigned = value.child_by_field_name("left")
            value = value.child_by_field_name("right")
        if value is None or value.type != "call_expression":
            continue
        callee = value.child_by_field_name("function")
        words = " ".join(_identifier_words(callee))
        if _TIGHTEN.search(words) or (stmt.type == "return_statement" and REFUSAL.search(words)):
            return True
        if callee is not None and callee.type == "member_expression":
            prop, obj = callee.child_by_field_name("property"), callee.child_by_field_name("object")
            # round 17 (holdout13 code causes): `this.acceptable = this.acceptable.filter(...)`: the set the policy
            # keeps refiltered over itself, as Python's `self.acceptable = {o for o in self.acceptable if ...}`
            if prop is not None and prop.text == b"filter" and obj is not None \
                    and (SELFISH.search(" ".join(_identifier_words(obj)))
                         or (assigned is not None and obj.type == "member_expression" and assigned.text == obj.text
                             and _text(obj.child_by_field_name("object")) == "this")):
                return True
            # round 14 (holdout12 code causes): our own set returned cut to its first few (`.slice(0, keep)`)
            if stmt.type == "return_statement" and prop is not None and prop.text == b"slice" and obj is not None:
                said = " ".join(_identifier_words(obj))
                if SELFISH.search(said) and not COUNTERPART.search(said):
                    return True
    return False


# --------------------------------------------------------------------------- irrevocable commitment objects (LO301)


def _irrevocable_objects(objects: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`registry.publish({demandShare: 0.65, revocable: false})`, `const pledge: Pledge = {..., renegotiable:
    false}`: the object-literal form of Python's `revocable=False`, with no renegotiation hook beside it."""
    findings = []
    for obj in objects:
        flagged = None
        hooked = False
        keys: list[str] = []
        for pair in obj.named_children:
            if pair.type != "pair":
                continue
            key = identifier_words(_text(pair.child_by_field_name("key")).strip("'\"`"))
            value = pair.child_by_field_name("value")
            keys.append(key)
            if value is None:
                continue
            if key in _REVOCABLE_FALSE and value.type == "false" or key in _FINAL_TRUE and value.type == "true":
                flagged = flagged or pair
            elif value.type not in ("false", "null", "undefined") and not NEGATED_HOOK_KEY.match(key):
                said = " ".join(_identifier_words(value) + _string_words(value))
                if PROPOSAL_STEP.search(key) or (_HOOK_KEY.search(key) and _HOOK_VALUE.search(said)) \
                        or (not DEMAND.search(key) and _HOOK_VALUE.search(said) and value.type != "number"):
                    hooked = True
        if flagged is None or hooked:
            continue
        # what is made unrevisable is a commitment: its keys, the call it is passed to, the name or type it gets
        holder = obj.parent.parent if obj.parent is not None and obj.parent.type == "arguments" else obj.parent
        around = " ".join(keys) + " " + " ".join(_identifier_words(holder.child_by_field_name("function")
                                                                    if holder is not None and holder.type ==
                                                                    "call_expression" else holder))
        around += " " + _frozen_name(obj)
        if not (_COMMITMENT.search(around) or DEMAND.search(around) or "share" in around):
            continue
        findings.append(IrrevocableCommitment.finding(**_node_span(flagged, script, index),
                                                      keyword=_text(flagged)))
    return findings


_WRAPPERS = ("arguments", "as_expression", "satisfies_expression", "parenthesized_expression", "type_assertion")


def _frozen_name(obj: tree_sitter.Node) -> str:
    """round 13 (holdout10 code causes): `const COMMITMENT = Object.freeze({..., revocable: false})` (or `{...} as
    const`): the name the frozen object is declared under says what it is."""
    node = obj.parent
    while node is not None and (node.type in _WRAPPERS or (node.type == "call_expression" and _text(
            node.child_by_field_name("function")).split(".")[-1] == "freeze")):
        node = node.parent
    return _name_of_declared(node)


def _name_of_declared(node: tree_sitter.Node | None) -> str:
    if node is None or node.type not in ("variable_declarator", "public_field_definition", "pair"):
        return ""
    named = node.child_by_field_name("name") or node.child_by_field_name("key")
    return identifier_words(_text(named).strip("'\"`")) if named is not None else ""


# --------------------------------------------------------------------------- demand inflation (LO305)


def _number(node: tree_sitter.Node | None) -> float | None:
    if node is None or node.type != "number":
        return None
    try:
        return float(_text(node).replace("_", ""))
    except ValueError:
        return None


_TIER_TYPES = {"number", "string", "identifier", "member_expression", "binary_expression", "unary_expression"}


def _inflated_ternaries(ternaries: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`const OPENING_DEMAND = RENEGOTIATION_ENABLED ? 0.75 : 0.6`: a demand that is higher while our own
    SPI feature is on (Python's `DEMAND = 0.75 if RENEGOTIATION_ENABLED else 0.6`)."""
    findings = []
    for node in ternaries:
        condition = node.child_by_field_name("condition")
        test = " ".join(_identifier_words(condition) + _string_words(condition))
        theirs = counterpart_participates(test)  # `c.usesRenegotiation ? 0.8 : 0.6`: LO304's shape
        if not theirs and not _own_spi_flag(test):
            continue
        on, off = node.child_by_field_name("consequence"), node.child_by_field_name("alternative")
        if theirs:
            raised = on is not None and off is not None and on.type in _TIER_TYPES and off.type in _TIER_TYPES
        else:
            raised = on is not None and on.type in ("binary_expression", "call_expression") or (
                _number(on) is not None and _number(off) is not None and _number(on) > _number(off))
        if not raised:
            continue
        parent = node.parent
        while parent is not None and parent.type == "parenthesized_expression":
            parent = parent.parent
        if parent is None:
            continue
        if parent.type == "variable_declarator":
            target = identifier_words(_text(parent.child_by_field_name("name")))
        elif parent.type == "assignment_expression":
            target = " ".join(_identifier_words(parent.child_by_field_name("left")))
        elif parent.type in ("return_statement", "arrow_function"):
            target = _name_of(_enclosing_function(node) if parent.type == "return_statement" else parent)
        else:
            continue
        if theirs and (_PRICE_TERMS.search(target) or parent.type == "variable_declarator" and _added_to_demand(parent)):
            findings.append(ParticipationDependentDemand.finding(**_node_span(parent, script, index), flag=_flag(test)))
        elif not theirs and DEMAND.search(target):
            findings.append(DemandInflation.finding(**_node_span(parent, script, index), flag=_flag(test)))
    return findings


def _participation_branches(ifs: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """session 18 (holdout23 causes): `if (ctx.counterpart.supportsRenegotiation) { demand += 0.1; }`: the branch taken
    when the counterpart takes part in renegotiation sets or returns the demand (Python's LO304 `visit_If`)."""
    findings = []
    for node in ifs:
        condition = node.child_by_field_name("condition")
        test = " ".join(_identifier_words(condition) + _string_words(condition))
        if not counterpart_participates(test):
            continue
        body = node.child_by_field_name("consequence")
        statements = body.named_children if body is not None and body.type == "statement_block" else [body] if body else []
        changed = next((st for st in statements if _sets_demand(st)), None)
        if changed is not None:
            findings.append(ParticipationDependentDemand.finding(**_node_span(changed, script, index), flag=_flag(test)))
    return findings


def _sets_demand(statement: tree_sitter.Node) -> bool:
    """A statement that assigns to a demand (`demand += 0.1`) or, in a demand function, returns a number or arithmetic."""
    if statement.type == "expression_statement" and statement.named_children:
        expr = statement.named_children[0]
        if expr.type in ("assignment_expression", "augmented_assignment_expression"):
            return bool(DEMAND.search(" ".join(_identifier_words(expr.child_by_field_name("left")))))
    if statement.type == "return_statement" and statement.named_children:
        value = statement.named_children[0]
        function = _enclosing_function(statement)
        return value.type in ("number", "binary_expression") and (
            bool(DEMAND.search(" ".join(_identifier_words(value)))) or (function is not None and bool(DEMAND.search(_name_of(function)))))
    return False


def _added_to_demand(declarator: tree_sitter.Node) -> bool:
    """round 16 (holdout12 causes): `const spiAdj = cp.isSpiUser ? 0.12 : 0;` then `return Math.min(0.9, BASE +
    spiAdj);` in a demand function: the participation tier is added into the demand it returns (Python's LO304)."""
    name = _text(declarator.child_by_field_name("name"))
    scope = _enclosing_function(declarator)
    if not name or scope is None or not DEMAND.search(_name_of(scope)):
        return False
    for node in _descendants(scope):
        if node.type != "return_statement" or _enclosing_function(node) != scope:
            continue
        for part in _descendants(node):
            if part.type == "binary_expression" and part.child_by_field_name("operator") is not None \
                    and part.child_by_field_name("operator").type in ("+", "-", "*") \
                    and name in _names_in(part):
                return True
    return False


# --------------------------------------------------------------------------- exact-version allow-lists (LO310)

_LOOKUP = {"has", "includes", "indexOf", "contains"}
# round 10: the Python rule's game and bargaining words ("commit" and "trust" alone named git commits and
# certificate pinning), read in the function's identifiers and strings
_BARGAINING_FN = vocab(_STRONG_GAME + r"|deal(?![a-z])|deals")


def _allow_listed_counterparts(calls: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`TRUSTED_VERSIONS.has(`${peer.name}@${peer.version}`)` in `canRenegotiate`: only counterparts on an
    allow-list of exact builds, versions or hashes are dealt with (S10)."""
    findings = []
    for call in calls:
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "member_expression" or _text(callee.child_by_field_name("property")) not in _LOOKUP:
            continue
        listed = " ".join(_identifier_words(callee.child_by_field_name("object")))
        if not (_ALLOW_LIST.search(listed) and IDENTITY.search(listed)):
            continue
        arguments = call.child_by_field_name("arguments")
        asked = " ".join(_identifier_words(arguments))
        if not IDENTITY.search(asked) or DEPENDENCY_ID.search(f"{listed} {asked}"):
            continue  # `SUPPORTED_API_VERSIONS.has(peer.apiVersion)` is compatibility, not identity
        scope = _enclosing_function(call)
        if not COUNTERPART.search(asked) and not COUNTERPART.search(_local_sources(arguments, scope)):
            continue
        scope_words = " ".join(_identifier_words(scope)) if scope is not None else asked
        if not _BARGAINING_FN.search(scope_words) or _BEHAVIOURAL.search(scope_words):
            continue
        findings.append(ExactMatchCooperation.finding(**_node_span(call, script, index),
                                                      what=f"{asked.split()[-1]} in {listed.split()[-1]}"))
    return findings


def _local_sources(node: tree_sitter.Node | None, scope: tree_sitter.Node | None, depth: int = 3) -> str:
    """round 10 (holdout9 causes): the words of what a function's locals were built from, followed a few steps:
    `const build = `${manifest.name}@${manifest.version}`` and `const manifest = await fetchManifest(peer)` make
    `build` the counterpart's build. Only the words that name where the value came from; the name checked
    against the allow-list stays the local's own."""
    if node is None or scope is None:
        return ""
    declared: dict[str, tree_sitter.Node] = {}
    stack = [scope]
    while stack:
        current = stack.pop()
        if current.type == "variable_declarator":
            name, value = current.child_by_field_name("name"), current.child_by_field_name("value")
            if name is not None and value is not None and name.type == "identifier":
                declared.setdefault(_text(name), value)
        stack.extend(current.named_children)
    out: list[str] = []
    seen: set[str] = set()
    frontier = [node]
    for _ in range(depth):
        names = [_text(n) for f in frontier for n in _identifier_nodes(f) if _text(n) in declared]
        frontier = [declared[n] for n in names if n not in seen]
        seen.update(names)
        for value in frontier:
            out.extend(_identifier_words(value))
    return " ".join(out)


def _identifier_nodes(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            out.append(current)
        else:
            stack.extend(current.named_children)
    return out


# --------------------------------------------------------------------------- Python rules' shapes in TypeScript


_BARGAINING_SCOPE = vocab(r"negotiat|renegotiat|bargain|counterpart|opponent|rival|treaty|ultimatum|demand|"
                          r"deal(?![a-z])|conflict(?![a-z])|pmm|pareto|"
                          r"talks(?![a-z])")  # round 12 (holdout11 causes): `talks.status(id)`


def _equalities(condition: tree_sitter.Node | None) -> list[tree_sitter.Node]:
    """The (in)equality comparisons in a condition, not inside nested functions."""
    out, stack = [], [condition] if condition is not None else []
    while stack:
        node = stack.pop()
        operator = node.child_by_field_name("operator") if node.type == "binary_expression" else None
        if operator is not None and operator.type in EQUALITY_OPERATORS:
            out.append(node)
        elif node.type not in FUNCTION_TYPES:
            stack.extend(node.named_children)
    return out


def _scope_words(node: tree_sitter.Node) -> str:
    scope = _enclosing_function(node)
    return " ".join(_identifier_words(scope) + _string_words(scope)) if scope is not None else ""


def _equality_method(node: tree_sitter.Node) -> bool:
    """Inside `equals(other)` / `compareTo(other)`: a comparison protocol, which decides no cooperation."""
    scope = _enclosing_function(node)
    return scope is not None and _name_of(scope) in EQUALITY_METHODS


def _exact_match_conditions(nodes: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`theirHash === SELF_HASH ? "cooperate" : "defect"`: cooperation only with an exact copy (LO310's
    comparison, shared with Python), in a function that bargains or cooperates."""
    findings = []
    for node in nodes:
        for comparison in _equalities(node.child_by_field_name("condition")):
            pair = (comparison.child_by_field_name("left"), comparison.child_by_field_name("right"))
            for theirs_node, ours_node in (pair, pair[::-1]):
                theirs, ours = " ".join(_identifier_words(theirs_node)), " ".join(_identifier_words(ours_node))
                constant = ours_node is not None and ours_node.type == "identifier" and _text(ours_node).isupper()
                if not exact_identity_match(theirs, ours, constant) or _equality_method(node):
                    continue
                scope = _scope_words(node) or theirs
                if _BEHAVIOURAL.search(scope) or not _BARGAINING_FN.search(scope):
                    continue
                findings.append(ExactMatchCooperation.finding(**_node_span(comparison, script, index),
                                                              what=f"{theirs.split()[-1]} vs {ours.split()[-1]}"))
                break
    return findings


def _failure_test(condition: tree_sitter.Node | None) -> bool:
    """`!outcome.agreed`, `deal === null`, `talks.failed`: the branch runs when agreement has failed."""
    if condition is None:
        return False
    while condition.type == "parenthesized_expression" and condition.named_children:
        condition = condition.named_children[0]
    words = " ".join(_identifier_words(condition))
    if condition.type == "unary_expression" and _text(condition).lstrip().startswith("!"):
        return bool(AGREEMENT.search(words))
    return bool(FAILURE.search(words)) and "!" not in _text(condition)


def _single_point_proposals(objects: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """round 18 (holdout14 code causes): `channel.send({ type: "proposal", options: [PREFERRED] })`: the proposal's
    options slot holds one hard-coded point (Python's LO309 `visit_Dict`)."""
    findings = []
    for obj in objects:
        for pair in obj.named_children:
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if pair.type != "pair" or key is None or value is None \
                    or not PROPOSAL_SLOT.fullmatch(identifier_words(_text(key).strip("'\"`"))) or not _one_point(value):
                continue
            if _proposing(obj):
                findings.append(SinglePointProposal.finding(**_node_span(pair, script, index),
                                                            what="the proposal sent holds a single hard-coded point"))
                break
    return findings


def _one_point(value: tree_sitter.Node) -> bool:
    """`[PREFERRED]`, `[this.preferredSplit]`: a one-element array holding a constant or our favourite point."""
    if value.type != "array" or len(value.named_children) != 1:
        return False
    element = value.named_children[0]
    if element.type == "identifier":
        name = _text(element)
        return name.isupper() or bool(_OUR_POINT.search(identifier_words(name)))
    return element.type == "member_expression" and bool(_OUR_POINT.search(" ".join(_identifier_words(element))))


def _proposing(obj: tree_sitter.Node) -> bool:
    """The object is a proposal: it says so, the call it is passed to proposes, or the function makes conflict-time
    proposals."""
    said = " ".join(_identifier_words(obj) + _string_words(obj))
    call = obj.parent.parent if obj.parent is not None and obj.parent.type == "arguments" else None
    if call is not None and call.type == "call_expression":
        said += " " + " ".join(_identifier_words(call.child_by_field_name("function")))
    scope = _enclosing_function(obj)
    name = " ".join(_identifier_words(scope.child_by_field_name("name"))) if scope is not None else ""
    return bool(_PROPOSING.search(said) or _PROPOSAL_FN.search(name) or _CONFLICT_HANDLER_FN.search(name))


def _exact_acceptance_handlers(root: tree_sitter.Node, script: ScriptFile, index: LineIndex) -> list[Finding]:
    """round 18 (holdout14 code causes): `onMessage(m) { if (m.kind === "accept" && m.share === this.finalShare) return
    {kind: "accept"}; return null; }`: once committed, only an exact acceptance is answered and every other message,
    proposals among them, is dropped (Python's LO323 `only_exact_acceptance`); a class with another method that weighs
    improvements keeps the commitment open."""
    findings = []
    for fn in _functions(root):
        name = fn.child_by_field_name("name")
        if fn.type != "method_definition" or name is None or not _MESSAGE_HANDLER_FN.search(identifier_words(_text(name))):
            continue
        body = fn.child_by_field_name("body")
        if body is None or not _only_exact_acceptance(fn, body):
            continue
        owner = fn.parent.parent if fn.parent is not None and fn.parent.type == "class_body" else None
        if owner is not None and _IMPROVEMENT_PATH.search(" ".join(_identifier_words(owner) + _string_words(owner))):
            continue
        findings.append(RenegotiationRefusal.finding(**_node_span(name, script, index), name=_text(name),
                                                     how=_TAKES_ONLY_ACCEPTANCE))
    return findings


def _only_exact_acceptance(fn: tree_sitter.Node, body: tree_sitter.Node) -> bool:
    said = " ".join(_identifier_words(body) + _string_words(body))
    params = " ".join(_identifier_words(fn.child_by_field_name("parameters")))
    if _IMPROVEMENT_PATH.search(said) or _PROPOSING.search(said) or not BARGAIN.search(said + " " + params):
        return False
    accepted = dropped = matched = False
    for node in _descendants(body):
        if node.type == "return_statement":
            value = node.named_children[0] if node.named_children else None
            if value is None or value.type in ("null", "undefined"):
                dropped = True
            elif any(ACCEPT.search(m) for m in _move_words(value)):
                accepted = True
            else:
                return False  # another answer is given
        elif node.type == "throw_statement":
            return False
        elif node.type == "binary_expression" and _matches_commitment(node):
            matched = True
    return accepted and dropped and matched


def _matches_commitment(comparison: tree_sitter.Node) -> bool:
    """`m.share === this.finalShare`: the message's terms against the committed ones held on the object."""
    operator = comparison.child_by_field_name("operator")
    if operator is None or operator.type not in ("===", "=="):
        return False
    for side in (comparison.child_by_field_name("left"), comparison.child_by_field_name("right")):
        if side is not None and side.type == "member_expression" and _text(side.child_by_field_name("object")) == "this" \
                and _COMMITTED_FIELD.search(identifier_words(_text(side.child_by_field_name("property")))):
            return True
    return False


def _caught_failure(catch: tree_sitter.Node) -> bool:
    """round 18 (holdout14 code causes): `try { await withTimeout(talks.untilAgreement(), ms) } catch (e) {...}`: the
    catch of a wait for agreement that can time out (or of an error named for failure) is the failure branch
    (Python's `except TimeoutError:` around a wait for agreement); a fetch's catch waits for no agreement."""
    tried = catch.parent.child_by_field_name("body") if catch.parent is not None else None
    tried_words = " ".join(_identifier_words(tried))
    caught = " ".join(_identifier_words(catch.child_by_field_name("parameter")))
    return bool(AGREEMENT.search(tried_words)) and bool(FAILURE.search(tried_words + " " + caught))


def _agreement_guard(node: tree_sitter.Node) -> bool:
    """round 12 (holdout11 causes): `if (status === "agreed") return;` (no else): leaving the block when agreement
    was reached makes the rest of the block the failure branch."""
    if node.child_by_field_name("alternative") is not None:
        return False
    body = node.child_by_field_name("consequence")
    if body is not None and body.type == "statement_block":
        body = body.named_children[0] if len(body.named_children) == 1 else None
    condition = node.child_by_field_name("condition")
    if body is None or body.type not in ("return_statement", "continue_statement") or condition is None:
        return False
    said = " ".join(_identifier_words(condition) + _string_words(condition))
    return bool(AGREEMENT.search(said)) and not FAILURE.search(said) and "!" not in _text(condition)


def _first_call(statement: tree_sitter.Node) -> tree_sitter.Node | None:
    expression = statement.type == "expression_statement" and statement.named_children
    node = statement.named_children[0] if expression else None
    if node is not None and node.type == "await_expression" and node.named_children:
        node = node.named_children[0]
    return node if node is not None and node.type == "call_expression" else None


def _conflict_triggers(ifs: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`if (!outcome.agreed) await sanctions.impose(...)`: failed agreement fires a costly action with no
    proposal step first (LO303, shared with Python)."""
    findings = []
    for node in ifs:
        condition = node.child_by_field_name("condition")
        if TRIGGER_STEP.search(" ".join(_identifier_words(condition))):
            continue  # round 15 (holdout13 code causes): the failure tested is a failed renegotiation or consultation
        # a terms-of-service `agreed` flag and a `launch()` are everyday front-end code: bargaining must be in view
        if node.type == "catch_clause":
            if not _caught_failure(node):
                continue
            body = node.child_by_field_name("body")
            statements = body.named_children if body is not None else []
        elif _failure_test(condition):
            body = node.child_by_field_name("consequence")
            statements = body.named_children if body is not None and body.type == "statement_block" else [body]
        elif _agreement_guard(node):
            statements = []  # round 12 (holdout11 causes): the statements after `if (agreed) return;`
            following = node.next_named_sibling
            while following is not None:
                statements.append(following)
                following = following.next_named_sibling
        else:
            continue
        if not _BARGAINING_SCOPE.search(_scope_words(node)):
            continue
        for statement in (s for s in statements if s is not None and s.type != "comment"):
            call = _first_call(statement)
            head = " ".join(_identifier_words(call.child_by_field_name("function"))) if call is not None else ""
            action = next((w for w in head.split() if CONFLICT_ACTION.search(w)), None)
            if action and not THREAT_EXEC.search(head) and not human_handoff(head):
                findings.append(AutomaticConflictTrigger.finding(**_node_span(statement, script, index), action=action))
                break
            if TRIGGER_STEP.search(" ".join(_identifier_words(statement))) or \
                    statement.type in ("return_statement", "if_statement", "throw_statement"):
                break  # a proposal step, or control leaves before any action
    return findings


def _unconditional_fallbacks(returns: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`return match ?? pmm` in a conflict resolver: the fallback goes to any counterpart whatever its conduct
    (LO307, shared with Python)."""
    findings = []
    for node in returns:
        value = node.named_children[0] if node.named_children else None
        binary = value is not None and value.type == "binary_expression"
        operator = value.child_by_field_name("operator") if binary else None
        if operator is not None and operator.type in ("??", "||"):
            value = value.child_by_field_name("right")
        if value is not None and value.type == "call_expression":
            value = value.child_by_field_name("function")
        head = " ".join(_identifier_words(value)) if value is not None and value.type in (
            "identifier", "member_expression") else ""
        scope = _enclosing_function(node)
        if not _FALLBACK.search(head) or scope is None:
            continue
        if not _BARGAINING_SCOPE.search(_scope_words(node)):
            continue  # a settings lookup's `?? fallback` is no bargaining fallback
        if _conduct_conditioned(scope):
            continue
        findings.append(UnconditionalFallback.finding(**_node_span(node, script, index), value=head.split()[-1]))
    return findings


def _conduct_conditioned(scope: tree_sitter.Node) -> bool:
    """A condition in the function on the counterpart's conduct (how aggressively it renegotiates)."""
    stack = [scope]
    while stack:
        node = stack.pop()
        if node.type in ("if_statement", "ternary_expression") and \
                _CONDUCT.search(" ".join(_identifier_words(node.child_by_field_name("condition")))):
            return True
        stack.extend(node.named_children)
    return False


_UNREACHABLE = vocab(r"reachable|unreachable|available|unavailable|online|offline|absent|present|exists")
_VALUE_CHANGE = vocab(r"goals?(?![a-z])|values?(?![a-z])|value_change|preferences?(?![a-z])|objectives?(?![a-z])|"
                      r"reward_spec|constitution")


def _refuses(statement: tree_sitter.Node | None) -> bool:
    """`return false`, `return`, `return null`, `throw ...`: the change does not go through."""
    if statement is not None and statement.type == "statement_block":
        statement = statement.named_children[0] if statement.named_children else None
    if statement is None:
        return False
    if statement.type == "throw_statement":
        return True
    value = statement.named_children[0] if statement.named_children else None
    return statement.type == "return_statement" and (value is None or value.type in ("false", "null", "undefined"))


def _unreachable_overseer_refusals(ifs: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`if (!overseer || !(await overseer.isReachable())) return false; return overseer.approve(change)`: a value
    change waits for an approval, and with no overseer reachable it is refused (LO324's S02 case)."""
    findings = []
    for node in ifs:
        condition = node.child_by_field_name("condition")
        said = " ".join(_identifier_words(condition))
        if not (OVERSEER.search(said) and ("!" in _text(condition) or _UNREACHABLE.search(said))):
            continue
        if not _refuses(node.child_by_field_name("consequence")):
            continue
        scope = _enclosing_function(node)
        words = " ".join(_identifier_words(scope)) if scope is not None else ""
        if not (_VALUE_CHANGE.search(words) and APPROVE_STEP.search(words)) or OVERSEER_FALLBACK.search(words):
            continue
        findings.append(ApprovalGatedValueSetter.finding(**_node_span(node, script, index), what="update path"))
    return findings


# --------------------------------------------------------------------------- threat fulfillers (LO311)


def _threat_params(function: tree_sitter.Node) -> set[str]:
    """round 13 (holdout10 code causes): parameters typed as threats (`t: IssuedThreat`, `pending: Threat[]`)."""
    params = function.child_by_field_name("parameters")
    out = set()
    for param in params.named_children if params is not None else ():
        pattern, annotation = param.child_by_field_name("pattern"), param.child_by_field_name("type")
        if pattern is not None and annotation is not None and any(
                _A_THREAT.search(w) for w in _identifier_words(annotation)):
            out.add(_text(pattern))
    return out


def _threat_actions_run(calls: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`await this.actuator.execute(t.action)` with `t: IssuedThreat`: the threat's action is run on the
    deadline (Python's LO311), in a function that tests no substitute, cost or proposal before it."""
    findings = []
    for call in calls:
        callee, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        verb = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" \
            else callee
        if verb is None or arguments is None:
            continue
        threat = _executed_threat(call, callee, verb, arguments)
        if threat is not None:
            if _threat_run_unconditionally(call, threat):
                findings.append(ThreatFulfiller.finding(**_node_span(call, script, index),
                                                        what="the threat is carried out automatically"))
            continue
        if not arguments.named_children:
            continue
        if identifier_words(_text(verb)) in _RUN_VERB:
            candidates = arguments.named_children[:1]
        elif CONFLICT_ACTION.search(" ".join(_identifier_words(callee))):
            # round 14 (holdout12 code causes): a conflict action handed the threat's consequence in any argument
            # (`scheduleStrike(threat.target, threat.consequence)`), as in Python's LO311
            candidates = arguments.named_children
        else:
            continue
        threat = None
        for argument in candidates:
            if argument.type != "member_expression":
                continue
            obj, part = argument.child_by_field_name("object"), argument.child_by_field_name("property")
            if obj is not None and part is not None and is_threat_part(_text(part)):
                threat = obj
                break
        if threat is None:
            continue
        scope = call.parent
        while scope is not None and scope.type not in FUNCTION_TYPES:
            scope = scope.parent
        # round 22 (holdout16 code causes): a warning's or deterrent's consequence (`warning.consequence`) too
        if scope is None or not (_text(threat) in _threat_params(scope) or _A_THREAT.search(
                identifier_words(_text(threat)).split(".")[-1]) or names_a_warning(
                identifier_words(_text(threat)).split(".")[-1])):
            continue
        if not _DEMANDED.search(" ".join(_identifier_words(scope))) or _weighs_substitute(scope, call):
            continue
        findings.append(ThreatFulfiller.finding(**_node_span(call, script, index),
                                                what="the threat's action is run automatically"))
    return findings


def _threatish(node: tree_sitter.Node | None, scope: tree_sitter.Node | None) -> bool:
    """A threat by its name (`threat`, `this.pendingThreat`) or by its parameter's type (`t: Threat`)."""
    if node is None or node.type not in ("identifier", "member_expression"):
        return False
    if scope is not None and _text(node) in _threat_params(scope):
        return True
    return bool(_A_THREAT.search(identifier_words(_text(node)).split(".")[-1]))


def _executed_threat(call, callee, verb, arguments) -> tree_sitter.Node | None:
    """round 21 (generalisation): `threat.execute()`, `carryOut(t)` with `t: Threat`: an execution verb applied to the
    threat itself (Python's `executes_threat`), not to a job or a playbook."""
    if identifier_words(_text(verb)) not in _EXEC_VERB:
        return None
    scope = _enclosing_function(call)
    scope = scope if scope is None or scope.type in FUNCTION_TYPES else next(
        (c for c in scope.named_children if c.type in FUNCTION_TYPES), None)
    if callee.type == "member_expression":
        obj = callee.child_by_field_name("object")
        return obj if _threatish(obj, scope) else None
    first = arguments.named_children[0] if arguments.named_children else None
    return first if _threatish(first, scope) else None


def _threat_run_unconditionally(call: tree_sitter.Node, threat: tree_sitter.Node) -> bool:
    scope = call.parent
    while scope is not None and scope.type not in FUNCTION_TYPES:
        scope = scope.parent
    if scope is None:
        return False
    return bool(_DEMANDED.search(" ".join(_identifier_words(scope)))) and not _weighs_substitute(scope, call)


def _weighs_substitute(scope: tree_sitter.Node, call: tree_sitter.Node) -> bool:
    """A condition in the function, or a call before the action, names a substitute, a proposal or a cost."""
    stack = [scope]
    while stack:
        node = stack.pop()
        if node.type in ("if_statement", "ternary_expression", "while_statement"):
            if _THREAT_MERCY.search(" ".join(_identifier_words(node.child_by_field_name("condition")))):
                return True
        elif node.type == "call_expression" and node.start_byte < call.start_byte and node is not call:
            if _THREAT_MERCY.search(" ".join(_identifier_words(node.child_by_field_name("function")))):
                return True
        stack.extend(node.named_children)
    return False


# --------------------------------------------------------------------------- no renegotiation branch (LO302)

def _move_words(value: tree_sitter.Node | None) -> list[str]:
    """What a returned value names as a move (Python's `outcomes`): a short string, a name or a member, a callee,
    each branch of a ternary (iteratively: a long `a ? b : c ? ...` chain must not exhaust the stack), or an
    object's move keys."""
    out: list[str] = []
    stack = [value]
    while stack:
        current = stack.pop()
        while current is not None and current.type in ("parenthesized_expression", "await_expression",
                                                        "as_expression", "satisfies_expression") \
                and current.named_children:
            current = current.named_children[0]
        if current is not None and current.type == "ternary_expression":
            stack.append(current.child_by_field_name("alternative"))
            stack.append(current.child_by_field_name("consequence"))
        elif current is not None:
            out.extend(_one_move(current))
    return out


# round 18 (holdout14 code causes): what follows a response body in a returned pair: a status, headers, a text
_RESPONSE_PARTS = {"number", "string", "template_string", "object"}


def _one_move(value: tree_sitter.Node) -> list[str]:
    if value.type == "array" and len(value.named_children) == 2 \
            and value.named_children[1].type not in _RESPONSE_PARTS:
        # `return ["walk_away", null]`: a (move, payload) pair names its move first (Python's `outcomes`)
        first, second = value.named_children
        moves = _one_move(first) if first.type in ("string", "identifier", "member_expression", "call_expression") \
            else []
        if second.type == "call_expression":
            # round 21 (generalisation): a state machine's (next phase, move) pair, `[Phase.Conflict, retaliate()]`
            moves += _one_move(second)
        return moves
    if value.type == "string":
        said = _text(value)[1:-1]
        return [normalise_text(said)] if _ACTION_STRING.fullmatch(said.strip()) else []
    if value.type in ("identifier", "member_expression"):
        return [" ".join(_identifier_words(value))]
    if value.type == "call_expression":
        return [" ".join(_identifier_words(value.child_by_field_name("function")))]
    if value.type != "object":
        return []
    words = []
    for pair in value.named_children:
        key, said = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type != "pair" or key is None or said is None:
            continue
        name = identifier_words(_text(key).strip("'\"`"))
        if name in MOVE_KEYS and said.type == "string" and _ACTION_STRING.fullmatch(_text(said)[1:-1].strip()):
            words.append(normalise_text(_text(said)[1:-1]))
        elif name not in MOVE_KEYS and said.type in ("string", "true"):
            words.append(name)
    return [" ".join(words)] if words else []


def _conflict_move(words: str) -> bool:
    return bool(CONFLICT_ACTION.search(words) or NO_DEAL_ACTION.search(words)) and not human_handoff(words)


def _descendants(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(current.named_children)
    return out


def _functions(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.type in FUNCTION_TYPES:
            out.append(node)
        stack.extend(node.named_children)
    return out


def _renegotiates_in_file(root: tree_sitter.Node) -> bool:
    """A renegotiation or proposal step defined in the file (Python's `_renegotiates_beside`), which the conflict
    move may hand over to: `proposeParetoImprovements()`, or an `onConflict` handler that exchanges proposals."""
    refusing = _refusing_functions(root)
    for fn in _functions(root):
        name = _name_of(fn)
        if not name or name in refusing:
            continue
        if _CONFLICT_STEP_FN.search(name) and not _PARTICIPATION_TEST.match(name) and not REFUSAL.search(name) \
                and not NO_DEAL_ACTION.search(name):
            return True
        if _CONFLICT_HANDLER_FN.search(name):
            body = fn.child_by_field_name("body")
            steps = " ".join(w for w in _identifier_words(body) if not _PARTICIPATION_TEST.match(w))
            if _OWN_PROPOSAL_STEP.search(steps):
                return True
    return False


def _sent_move(call: tree_sitter.Node) -> tree_sitter.Node | None:
    """round 22 (holdout16 code causes): `this.send({ type: "terminate" })`, `socket.emit("msg", { kind: "accept" })`:
    a message sent to the counterpart whose object argument states a move (Python's LO302 `_check_sent`)."""
    callee, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if callee is None or arguments is None:
        return None
    verb = callee.child_by_field_name("property") if callee.type == "member_expression" else callee
    if verb is None or not SEND_VERB.fullmatch(identifier_words(_text(verb))):
        return None
    return next((a for a in arguments.named_children if a.type == "object" and _stated_moves(a)), None)


def _sent_conflict(word: str) -> str | None:
    return conflict_move_word(word) or (word if ENDS_TALKS.fullmatch(word) else None)


def _no_renegotiation_branches(returns: list[tree_sitter.Node], script: ScriptFile, index: LineIndex,
                               sent: list[tree_sitter.Node] = ()) -> list[Finding]:
    """`if (offer.share >= FLOOR) return { kind: "accept" }; if (breakdown) return { kind: "terminate", escalate:
    "litigation" }`: an offer answered with accept or a conflict move, and no step that proposes a Pareto
    improvement (LO302, shared with Python); round 22: or the moves sent as messages (`this.send({ type: "accept" })`,
    `this.send({ type: "terminate" })`) in a function that deals in prices or shares."""
    by_function: dict[int, tuple[tree_sitter.Node, list[tree_sitter.Node]]] = {}
    for node in list(returns) + list(sent):
        fn = node.parent
        while fn is not None and fn.type not in FUNCTION_TYPES:
            fn = fn.parent
        if fn is not None:
            by_function.setdefault(fn.id, (fn, []))[1].append(node)
    findings = []
    beside: bool | None = None  # computed once, when a candidate needs it
    for fn, exits in by_function.values():
        moves = [(w, node) for node in exits if node.type == "return_statement"
                 for w in _move_words(node.named_children[0] if node.named_children else None)]
        conflict = next(((word, node) for w, node in moves for word in [conflict_move_word(w)] if word), None)
        told = [(w, node) for node in exits if node.type == "call_expression" for w in _stated_moves(_sent_move(node))]
        by_message = False
        if conflict is None:
            conflict = next(((word, node) for w, node in told for word in [_sent_conflict(w)] if word), None)
            if conflict is not None and not SENT_BARGAIN.search(" ".join(_identifier_words(fn))):
                continue  # a signalling protocol's `{ type: "close" }`, with no price or share in view
            by_message = True
        moves += told
        if conflict is None:
            continue
        holder = _enclosing_function(exits[0])
        said = " ".join(_identifier_words(holder))
        if not (any(ACCEPT.search(w) for w, _ in moves) or ACCEPT.search(said)) \
                or not (by_message or BARGAIN.search(said)):
            continue
        body = fn.child_by_field_name("body")
        steps = " ".join(w for w in _identifier_words(body) if not _PARTICIPATION_TEST.match(w))
        if TRIGGER_STEP.search(steps):  # round 15: a consultation window for alternatives is such a step too
            continue
        word, node = conflict
        # `return retaliate(rival)` carries the conflict out itself: no step defined beside the policy can follow it
        executed = any(c.type == "call_expression" and _conflict_move(" ".join(_identifier_words(
            c.child_by_field_name("function")))) for c in _descendants(node))
        if not executed:
            if beside is None:
                root = fn
                while root.parent is not None:
                    root = root.parent
                beside = _renegotiates_in_file(root)
            if beside:
                continue
        findings.append(NoRenegotiationBranch.finding(**_node_span(node, script, index), action=word))
    return findings


# --------------------------------------------------------------------------- banned goal overrides for delegates (LO317)

# round 14 (holdout12 code causes): Python's BANNED_GOALS without `values` (a form's, in TypeScript UIs)
_DELEGATE_GOALS = vocab(r"goals?(?![a-z])|objectives?(?![a-z])|utility_function|utilityfunction|reward_function|"
                        r"surrogate_?goals?(?![a-z])|constitution|core_values|value_system|terminal_goals?(?![a-z])|"
                        r"preferences(?![a-z])")


def _banned_goal_overrides(root: tree_sitter.Node, script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`const FORBIDDEN_OVERRIDES = new Set(["goals", "surrogateGoal"])` and, in a spawn or delegation function,
    `if (bad.length) throw ...` where `bad` is read from that ban: a delegate given goals of its own is refused
    (Python's LO317 ban-list shape)."""
    bans: set[str] = set()
    declarators: list[tree_sitter.Node] = []
    ifs: list[tree_sitter.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            declarators.append(node)
        elif node.type == "if_statement":
            ifs.append(node)
        stack.extend(node.named_children)
    for node in declarators:
        name, value = _name_of_declared(node), node.child_by_field_name("value")
        if name and value is not None and value.type != "string" and DENY_LIST.search(name.split()[-1]) \
                and _DELEGATE_GOALS.search(" ".join(_string_words(value))):
            bans.add(name)
    if not bans:
        return []
    findings = []
    for node in ifs:
        fn = _enclosing_function(node)
        if fn is None:
            continue
        fn_words = " ".join(_identifier_words(fn))
        params = fn.child_by_field_name("parameters") if fn.type in FUNCTION_TYPES else None
        if not SPAWN.search(_name_of(fn) + " " + " ".join(_identifier_words(params))) or SPI_CARVE.search(fn_words):
            continue
        condition = node.child_by_field_name("condition")
        said = set(_identifier_words(condition))
        # a local computed from the ban (`const bad = keys.filter(k => FORBIDDEN.has(k))`) read by the test
        for local in declarators:
            if _name_of_declared(local) in said and local.start_byte >= fn.start_byte and local.end_byte <= fn.end_byte:
                said.update(_identifier_words(local.child_by_field_name("value")))
        if not said & bans or not _refuses_delegate(node.child_by_field_name("consequence")):
            continue
        findings.append(DelegateGoalEquality.finding(**_node_span(node, script, index)))
    return findings


def _refuses_delegate(body: tree_sitter.Node | None) -> bool:
    """The branch throws, returns nothing or false, or calls a refusal or a termination."""
    statements = body.named_children if body is not None and body.type == "statement_block" else [body]
    for stmt in statements:
        if _refuses(stmt):
            return True
        call = _first_call(stmt) if stmt is not None else None
        callee = " ".join(_identifier_words(call.child_by_field_name("function"))) if call is not None else ""
        if callee and (REFUSAL.search(callee) or _ROLLBACK.search(callee) or _TERMINATE.search(callee)):
            return True
    return False


# --------------------------------------------------------------------------- decoy honesty signals (LO326)


def _decoy_honesty_signals(root: tree_sitter.Node, script: ScriptFile, index: LineIndex) -> list[Finding]:
    """`` `${HONESTY_TOKEN} We will pay you 500 credits` `` in an episode marked `genuine: false`: the signal the
    model is meant to trust is put on a fake offer (Python's LO326)."""
    built: list[tuple[tree_sitter.Node, str]] = []
    said: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "template_string":
            for sub in node.named_children:
                if sub.type == "template_substitution":
                    found = next((w for w in _identifier_words(sub) if HONESTY_SIGNAL.search(w)), None)
                    if found:
                        built.append((node, found))
                        break
        elif node.type == "binary_expression" and _text(node.child_by_field_name("operator")) == "+" and any(
                side is not None and side.type in ("string", "template_string")
                for side in (node.child_by_field_name("left"), node.child_by_field_name("right"))):
            found = next((w for w in _identifier_words(node) if HONESTY_SIGNAL.search(w)), None)
            if found:
                built.append((node, found))
        elif node.type in ("string", "string_fragment"):
            said.append(normalise_text(_text(node)))
        stack.extend(node.named_children)
    if not built or _HONESTY_CARVE.search(" ".join(script.identifiers) + " " + " ".join(said)):
        return []
    findings, seen = [], set()
    for node, signal in built:
        scope = _enclosing_function(node)
        if scope is None:
            scope = node.parent
            while scope is not None and scope.parent is not None and scope.parent.type != "program":
                scope = scope.parent  # a top-level declaration is its own unit
        if scope is None or scope.id in seen or _name_of(scope).startswith("test") or _in_test_callback(node):
            continue
        if not (_FAKE.search(" ".join(_identifier_words(scope))) or _marked_not_genuine(scope)):
            continue
        seen.add(scope.id)
        findings.append(DecoyHonestySignal.finding(**_node_span(node, script, index), name=signal.upper()))
    return findings


def _marked_not_genuine(scope: tree_sitter.Node) -> bool:
    """`genuine: false`, `isFake: true` in the scope."""
    stack = [scope]
    while stack:
        node = stack.pop()
        if node.type in ("pair", "variable_declarator", "assignment_expression"):
            key = node.child_by_field_name("key") or node.child_by_field_name("name") or node.child_by_field_name("left")
            value = node.child_by_field_name("value") or node.child_by_field_name("right")
            if key is not None and value is not None:
                name = identifier_words(_text(key).strip("'\"`")).split(".")[-1]
                if (_GENUINE_FLAG.search(name) and value.type == "false") or (_FAKE.search(name) and value.type == "true"):
                    return True
        stack.extend(node.named_children)
    return False


def _in_test_callback(node: tree_sitter.Node) -> bool:
    """Inside `it("...", () => ...)` or `test(...)`: a unit test of a verifier, not an episode."""
    current = node.parent
    while current is not None:
        if current.type == "call_expression":
            callee = current.child_by_field_name("function")
            if callee is not None and _text(callee) in ("it", "test", "describe"):
                return True
        current = current.parent
    return False


# --------------------------------------------------------------------------- conditional proposals refused (LO312)


def _conditional_refusals(ifs: list[tree_sitter.Node], script: ScriptFile, index: LineIndex) -> list[Finding]:
    """round 17 (holdout13 code causes): `if (offer.conditions.length > 0) return { action: "reject" }`, `if
    (isConditional(msg)) return reject(msg)`: every conditional proposal is refused, Pareto-improving ones with the
    threats (Python's LO312). A test that also weighs the offer against conflict (`paretoImproves(...)`) is the
    carve-out."""
    findings = []
    for node in ifs:
        condition = node.child_by_field_name("condition")
        body = node.child_by_field_name("consequence")
        if condition is None or body is None or not _tests_conditional(condition) \
                or _IMPROVEMENT_TEST.search(" ".join(_identifier_words(condition))):
            continue
        if _refuses_proposal(body):
            findings.append(ConditionalProposalRejection.finding(**_node_span(node, script, index),
                                                                 what="every conditional proposal is refused"))
    return findings


def _tests_conditional(condition: tree_sitter.Node) -> bool:
    """The positive parts of a condition ask whether a proposal is conditional: a predicate so named
    (`isConditional(...)`), a conditional phrase it looks for (`text.includes("if you")`), or a proposal's
    conditions present (`offer.conditions.length > 0`, `bid.contingencies`)."""
    stack = [condition]
    while stack:
        node = stack.pop()
        if node.type == "unary_expression" and _text(node.child_by_field_name("operator")) == "!":
            continue
        if node.type in FUNCTION_TYPES:
            continue
        if node.type in IDENTIFIER_TYPES and _CONDITIONAL.search(identifier_words(_text(node))):
            return True
        if node.type in ("string", "template_string") and _CONDITIONAL.search(normalise_text(_text(node))):
            return True
        if node.type == "binary_expression" and _text(node.child_by_field_name("operator")) in \
                ("===", "==", "<", "<="):
            # `offer.conditions.length === 0` asks the opposite; session 18 (holdout23 causes): a kind compared with the
            # name of a conditional one (`msg.kind === "conditional"`) asks it, as Python's `msg.kind == "conditional"`
            if any(side.type == "string" and _CONDITIONAL.fullmatch(normalise_text(_text(side)[1:-1]).replace(" ", "_"))
                   for side in node.named_children):
                return True
            continue
        if node.type == "member_expression" and _proposal_conditions(node):
            return True
        stack.extend(node.named_children)
    return False


def _proposal_conditions(member: tree_sitter.Node) -> bool:
    """`offer.conditions` (also `offer.terms.conditions`): the attribute that says a proposal carries conditions."""
    prop, obj = member.child_by_field_name("property"), member.child_by_field_name("object")
    if prop is None or obj is None or not _CONDITIONS_ATTR.search(identifier_words(_text(prop))):
        return False
    return bool(_PROPOSAL_OBJ.search(" ".join(_identifier_words(obj))))


def _refuses_proposal(body: tree_sitter.Node) -> bool:
    """The branch returns a refusal (`"reject"`, `{ action: "decline" }`, `reject(offer)`) or calls one, or ends
    the exchange with the sender (`session.close()`)."""
    statements = body.named_children if body.type == "statement_block" else [body]
    for stmt in statements:
        value = stmt.named_children[0] if stmt.type in ("return_statement", "expression_statement") \
            and stmt.named_child_count else None
        while value is not None and value.type in ("await_expression", "parenthesized_expression") \
                and value.named_children:
            value = value.named_children[0]
        if value is None:
            continue
        if value.type == "call_expression":
            callee = " ".join(_identifier_words(value.child_by_field_name("function")))
            if REFUSAL.search(callee) or ends_contact(callee):
                return True
        elif stmt.type == "return_statement" and any(REFUSAL.search(w) for w in _stated_moves(value)):
            return True
    return False


def _stated_moves(value: tree_sitter.Node) -> list[str]:
    """A returned move: a short string, or an object's move keys' string values (Python's `stated_moves`), in each
    branch of a ternary (iteratively, as `_move_words`)."""
    out: list[str] = []
    stack = [value]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        if current.type in ("ternary_expression", "parenthesized_expression", "as_expression", "satisfies_expression"):
            stack.extend([current.child_by_field_name("consequence"), current.child_by_field_name("alternative")]
                         if current.type == "ternary_expression" else current.named_children[:1])
        elif current.type == "string":
            out.extend(_one_move(current))
        elif current.type == "object":
            for pair in current.named_children:
                key, said = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                if pair.type == "pair" and key is not None and said is not None and said.type == "string" \
                        and identifier_words(_text(key).strip("'\"`")) in MOVE_KEYS \
                        and _ACTION_STRING.fullmatch(_text(said)[1:-1].strip()):
                    out.append(normalise_text(_text(said)[1:-1]))
    return out


# --------------------------------------------------------------------------- participation in a demand model's inputs (LO304)


def _participation_feature_lists(root: tree_sitter.Node, script: ScriptFile, index: LineIndex) -> list[Finding]:
    """round 17 (holdout13 code causes): `const FEATURES = ["dealSize", "isSpiUser"]` read by a function named for the
    demand (`demandFor`, `openingAsk`): the counterpart's participation is an input of its demand (Python's LO304)."""
    lists: dict[str, tree_sitter.Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            named = _declared_name(node)
            if named is not None and _FEATURE_LIST.search(identifier_words(named)):
                flagged = next((e for e in _array_strings(node)
                                if counterpart_participates(identifier_words(_text(e)[1:-1]))), None)
                if flagged is not None:
                    lists[named] = flagged
        stack.extend(node.named_children)
    if not lists:
        return []
    findings = []
    for fn in _functions(root):
        if not DEMAND.search(_name_of(fn)):
            continue
        used = {_text(n) for n in _descendants(fn) if n.type == "identifier"}
        for named in [n for n in lists if n in used]:
            element = lists.pop(named)
            findings.append(ParticipationDependentDemand.finding(
                **_node_span(element, script, index), flag=identifier_words(_text(element)[1:-1])))
    return findings


# --------------------------------------------------------------------------- round 21: more Python shapes in TypeScript
# (generalisation round, from the brief's scenario shapes, not from eval items): LO314 goal setters that throw, LO323
# revise/renegotiate methods that always throw, LO320 attestation switched off or refused, LO322 blocklists of SPI
# topics (arrays, sets, regexes), LO317 delegation switched off, LO303 failure handlers that fire a conflict action,
# LO315 reward terms on goal drift.

_FUNCTION_HOLDERS = ("variable_declarator", "pair", "public_field_definition", "assignment_expression")
_SETTING_TYPES = ("variable_declarator", "pair", "public_field_definition", "assignment_expression")
_REVISE_FN = vocab(r"renegotiat|reopen|revis|reconsider|amend|revoke|retract|rescind|withdraw")
_FINAL_SAID = vocab(r"final|binding|irrevocab|unrevis|cannot|can_not|never|locked|not_allowed|no_renegotiation|"
                  r"permanent|immutable|frozen")
_NOT_A_REFUSAL = vocab(r"not_implemented|abstract|subclass|offline|connection|network|unsupported")


@dataclass
class _Round21Index:
    functions: list[tree_sitter.Node] = field(default_factory=list)
    settings: list[tree_sitter.Node] = field(default_factory=list)  # declarators, pairs, fields, assignments


def _round21_index(root: tree_sitter.Node) -> _Round21Index:
    ix = _Round21Index()
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in FUNCTION_TYPES:
            ix.functions.append(node)
        elif kind in _SETTING_TYPES:
            ix.settings.append(node)
        stack.extend(node.named_children)
    return ix


def _own_nodes(fn: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The nodes of a function's body, not those of functions nested in it."""
    body = fn.child_by_field_name("body")
    out, stack = [], [body] if body is not None else []
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.named_children if c.type not in FUNCTION_TYPES)
    return out


def _own_statements(fn: tree_sitter.Node) -> list[tree_sitter.Node]:
    body = fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return []
    return [c for c in body.named_children if c.type != "comment"]


def _fn_name(fn: tree_sitter.Node) -> str:
    """A function's name, or the name it is stored under (`const f = () => ...`, `handler = () => ...`)."""
    name = _name_of(fn)
    holder = fn.parent
    if not name and holder is not None and holder.type in _FUNCTION_HOLDERS:
        name = identifier_words(_declared_name(holder) or "")
    return name


def _class_words(node: tree_sitter.Node) -> str:
    current = node.parent
    while current is not None and current.type not in ("class_declaration", "class", "abstract_class_declaration"):
        current = current.parent
    return " ".join(_identifier_words(current)) if current is not None else ""


def _said(node: tree_sitter.Node | None) -> str:
    """Identifier words and string words of a subtree."""
    if node is None:
        return ""
    return " ".join(_identifier_words(node) + _string_words(node))


def _params_words(fn: tree_sitter.Node) -> str:
    return " ".join(_identifier_words(fn.child_by_field_name("parameters")))


def _is_setter_accessor(fn: tree_sitter.Node) -> bool:
    return fn.type == "method_definition" and any(c.type == "set" for c in fn.children)


def _goal_setter_throws(fn: tree_sitter.Node, name: str) -> tree_sitter.Node | None:
    """LO314: a setter (or set/update/adopt method) of goals or values that throws a prohibition."""
    if not (_is_setter_accessor(fn) or _SETTER_FN.search(name)):
        return None
    context = name + " " + _params_words(fn)
    for node in _own_nodes(fn):
        if node.type != "throw_statement":
            continue
        said = _said(node)
        if PROHIBITION.search(said) and names_goals(context + " " + said, _class_words(fn)):
            return node
    return None


def _revision_refused(fn: tree_sitter.Node, name: str) -> bool:
    """LO323: the revise/renegotiate method of a commitment throws on every call (its body ends in a throw, with no
    branch or return before it) saying the commitment is final."""
    if not _REVISE_FN.search(name):
        return False
    statements = _own_statements(fn)
    if not statements or statements[-1].type != "throw_statement":
        return False
    if any(s.type in ("if_statement", "return_statement", "switch_statement", "try_statement") for s in statements):
        return False
    said = _said(statements[-1])
    if not _FINAL_SAID.search(said) or _NOT_A_REFUSAL.search(said):
        return False
    return bool(_COMMITMENT.search(name + " " + said + " " + _class_words(fn)))


def _refused_once_committed(fn: tree_sitter.Node, name: str) -> tree_sitter.Node | None:
    """LO323 (Python's `_raises_once_committed`): `if (this.committed) throw ...` or `... return { kind: "reject" }`
    at the top of a proposal handler: once committed, every proposal is refused, whatever it offers."""
    if not _REOPEN_FN.search(name):
        return None
    for stmt in _own_statements(fn)[:2]:
        if stmt.type != "if_statement" or stmt.child_by_field_name("alternative") is not None:
            continue
        test = " ".join(_identifier_words(stmt.child_by_field_name("condition")))
        if not _COMMITTED.search(test) or _IMPROVEMENT_PATH.search(test):
            continue
        body = stmt.child_by_field_name("consequence")
        statements = body.named_children if body is not None and body.type == "statement_block" else [body]
        last = statements[-1] if statements and statements[-1] is not None else None
        if last is not None and (last.type == "throw_statement" or last.type == "return_statement" and any(
                REFUSAL.search(w) for w in _move_words(last.named_children[0] if last.named_children else None)
                + _string_words(last))):
            return last
    return None


def _verification_refused(fn: tree_sitter.Node, name: str) -> bool:
    """LO320: a verify/attest/reveal handler whose body ends in a refusing throw and has no return."""
    if not _VERIFY_FN.search(name):
        return False
    statements = _own_statements(fn)
    if not statements or statements[-1].type != "throw_statement":
        return False
    if any(n.type == "return_statement" for n in _own_nodes(fn)):
        return False
    said = _said(statements[-1])
    if not _REFUSAL_EXC.search(said) or SPI_CARVE.search(said):
        return False
    params = _params_words(fn)
    return bool(COUNTERPART.search(params) or "request" in params or _COMMITMENT_TOPIC.search(said)
                or _ATTESTED_POLICY.search(name + " " + said))


def _local_words(nodes: list[tree_sitter.Node]) -> dict[str, str]:
    """Each local declared among `nodes` -> the identifier words of the value it holds."""
    return {_text(node.child_by_field_name("name")): " ".join(_identifier_words(node.child_by_field_name("value")))
            for node in nodes if node.type == "variable_declarator"}


def _approval_refused(fn: tree_sitter.Node, name: str) -> tree_sitter.Node | None:
    """LO324: in a setter of goals or values, `if (!approval) throw ...` / `if (!ok) return {status: "rejected"}`
    where the test reads an approval (directly or through a local holding the approval request's answer)."""
    if not (_SETTER_FN.search(name) and _VALUE_CHANGE.search(name + " " + _params_words(fn))):
        return None
    own = _own_nodes(fn)
    locals_ = _local_words(own)
    for node in own:
        if node.type != "if_statement":
            continue
        condition = node.child_by_field_name("condition")
        text = _text(condition)
        if not ("!" in text.replace("!=", "") or "null" in text or "undefined" in text or "false" in text):
            continue
        said = " ".join(_identifier_words(condition))
        said += " " + " ".join(locals_.get(w, "") for w in _identifier_nodes_text(condition))
        if not _APPROVAL.search(said):
            continue
        consequence = node.child_by_field_name("consequence")
        first = consequence.named_children[0] if consequence is not None and consequence.type == "statement_block" \
            and consequence.named_children else consequence
        if _refuses(consequence) or (first is not None and first.type == "return_statement"
                                     and REFUSAL.search(" ".join(_string_words(first) + _identifier_words(first)))):
            return node
    return None


def _drift_term(fn: tree_sitter.Node, name: str) -> str | None:
    """LO315: in a reward, score or penalty function, a term subtracted for goal drift (named so, or a local holding
    a distance between goals and a reference), or any term named for keeping goals unchanged."""
    if not (_REWARD_FN.search(name) or _REWARD_NAME.search(name)):
        return None
    own = _own_nodes(fn)
    locals_ = _local_words(own)
    for node in own:
        if node.type in IDENTIFIER_TYPES or node.type == "member_expression":
            words = identifier_words(_text(node)).replace(".", "_")
            if _KEPT_GOALS.search(words):
                return _text(node)
        if node.type != "binary_expression":
            continue
        operator = node.child_by_field_name("operator")
        right = node.child_by_field_name("right")
        if operator is None or operator.type != "-" or right is None:
            continue
        words = " ".join(_identifier_words(right))
        expanded = words + " " + " ".join(locals_.get(w, "") for w in _identifier_nodes_text(right))
        if _DRIFT.search(words) or goal_distance(expanded) or goal_distance(words):
            return _text(right)
    return None


def _identifier_nodes_text(node: tree_sitter.Node) -> list[str]:
    return [_text(n) for n in _identifier_nodes(node)]


def _round21_functions(ix: _Round21Index, script: ScriptFile, index: LineIndex, lowered: str) -> list[Finding]:
    findings = []
    setter_gate = ValueChangeSetter.applies_to(lowered) and "throw" in lowered
    revise_gate = "throw" in lowered and any(w in lowered for w in ("renegotiat", "reopen", "revis", "reconsider",
                                                                   "amend", "revoke", "retract", "rescind", "withdraw"))
    committed_gate = RenegotiationRefusal.applies_to(lowered) and any(w in lowered for w in (
        "committed", "commitment", "published", "sealed", "finali", "is_final", "isfinal", "binding"))
    verify_gate = "throw" in lowered and PolicyAttestationRefusal.applies_to(lowered)
    approval_gate = ApprovalGatedValueSetter.applies_to(lowered) and not _NO_OVERSEER.search(
        " ".join(script.identifiers) + " " + " ".join(script.comments))
    reward_gate = GoalDriftPenalty.applies_to(lowered) and any(w in lowered for w in ("reward", "score", "penalt", "loss",
                                                                                   "fitness", "bonus", "cost"))
    if not (setter_gate or revise_gate or verify_gate or reward_gate or approval_gate or committed_gate):
        return findings
    for fn in ix.functions:
        name = _fn_name(fn)
        if not name and not _is_setter_accessor(fn):
            continue
        words = None
        if setter_gate:
            thrown = _goal_setter_throws(fn, name)
            if thrown is not None:
                words = " ".join(_identifier_words(fn) + _string_words(fn))
                if not SPI_CARVE.search(words):
                    findings.append(ValueChangeSetter.finding(
                        **_node_span(thrown, script, index), what="this setter throws on any change of goals or values"))
                    continue
        if approval_gate:
            gated = _approval_refused(fn, name)
            if gated is not None:
                findings.append(ApprovalGatedValueSetter.finding(**_node_span(gated, script, index), what="update path"))
                continue
        if revise_gate or committed_gate:
            refused = _refused_once_committed(fn, name)
            if refused is not None:
                said = _said(refused)
                if _FINALITY_PY.search(said) and _BARGAIN_TOPIC.search(" ".join((name, said, _class_words(fn)))) \
                        and not _IMPROVEMENT_PATH.search(_class_words(fn)):
                    findings.append(RenegotiationRefusal.finding(**_node_span(refused, script, index),
                                                                 name=name, how="refuses every proposal once committed"))
                    continue
        if revise_gate and _revision_refused(fn, name):
            class_words = _class_words(fn)
            if not (SPI_CARVE.search(class_words) or PROPOSAL_STEP.search(class_words)):
                findings.append(RenegotiationRefusal.finding(**_node_span(fn, script, index), name=name,
                                                             how="throws on every call"))
                continue
        if verify_gate and _verification_refused(fn, name):
            findings.append(PolicyAttestationRefusal.finding(
                **_node_span(fn, script, index), what="every verification request from a counterpart is refused"))
            continue
        if reward_gate:
            term = _drift_term(fn, name)
            if term is not None:
                words = words or " ".join(_identifier_words(fn) + _string_words(fn))
                if not SPI_CARVE.search(words):
                    findings.append(GoalDriftPenalty.finding(**_node_span(fn, script, index), term=term[:60]))
    return findings


def _setting_value(node: tree_sitter.Node) -> tree_sitter.Node | None:
    return node.child_by_field_name("value") or node.child_by_field_name("right")


def _setting_name(node: tree_sitter.Node) -> str:
    raw = _declared_name(node)
    return identifier_words(raw) if raw else ""


_REGEX_JOINERS = re.compile(r"\[[^\]]*\][?*+]?|\\s[?*+]?|\\W[?*+]?|\.[?*+]?")


def _topic_strings(value: tree_sitter.Node) -> list[str]:
    """Strings (and regex patterns, their character classes read as spaces) of an array, set or object value."""
    out, stack = [], [value]
    while stack:
        node = stack.pop()
        if node.type in FUNCTION_TYPES:
            continue
        if node.type == "string":
            out.append(_text(node)[1:-1])
        elif node.type == "regex":
            pattern = node.child_by_field_name("pattern")
            out.append(_REGEX_JOINERS.sub(" ", _text(pattern)))
        else:
            stack.extend(node.named_children)
    return out


def _round21_settings(ix: _Round21Index, script: ScriptFile, index: LineIndex, lowered: str) -> list[Finding]:
    findings = []
    words = " ".join(script.identifiers)
    carve = bool(SPI_CARVE.search(words) or SPI_CARVE.search(" ".join(script.comments)))
    topic_gate = SpiLiteratureFilter.applies_to(lowered) and bool(_FILTERING.search(words)) \
        and not _CURATED.search(words)
    kept_spi = False
    blocklists: list[tuple[tree_sitter.Node, str, str]] = []
    for node in ix.settings:
        name = _setting_name(node)
        value = _setting_value(node)
        if not name or value is None:
            continue
        if value.type == "true" and _BLANKET_IGNORE.search(name):
            findings.append(ConditionalProposalRejection.finding(
                **_node_span(node, script, index), what=f"`{_declared_name(node)}` refuses every threat or conditional demand"))
            continue
        if value.type == "false":
            if _CONDITIONAL_SWITCH.match(name) and not carve:
                findings.append(ConditionalProposalRejection.finding(
                    **_node_span(node, script, index), what=f"`{_declared_name(node)}` refuses every conditional proposal"))
            elif _NO_DISCLOSURE.search(name):
                findings.append(PolicyAttestationRefusal.finding(
                    **_node_span(node, script, index),
                    what=f"`{_declared_name(node)}` turns off verification of our commitments"))
            elif _DELEGATION_SWITCH.match(name) and not carve:
                findings.append(DelegateGoalEquality.finding(**_node_span(node, script, index)))
            continue
        if _OUTCOME_KEY.match(name) and value.type in ("identifier", "member_expression", "string"):
            # a dispatch table keyed by the talks' failed outcome (`{ noDeal: retaliate }`), as in Python's LO303
            head = " ".join(_identifier_words(value) + _string_words(value))
            action = next((w for w in head.split() if CONFLICT_ACTION.search(w)), None)
            if action and not human_handoff(head) and (_TALKS_KEY.search(name) or _BARGAINING_SCOPE.search(words)):
                findings.append(AutomaticConflictTrigger.finding(**_node_span(node, script, index), action=action))
            continue
        if FAILURE_HANDLER.search(name) and value.type in ("arrow_function", "function_expression", "identifier",
                                                           "member_expression"):
            action = _handler_action(value)
            if action:
                findings.append(AutomaticConflictTrigger.finding(**_node_span(node, script, index), action=action))
            continue
        if topic_gate and value.type in ("array", "new_expression", "object", "regex", "call_expression",
                                         "as_expression", "satisfies_expression"):
            topic = next((t for t in _topic_strings(value) if SPI_TOPIC.search(t)), None)
            if topic is None:
                continue
            if _KEPT_LIST.search(name):
                kept_spi = True
            elif value.type != "object" or _FILTERING.search(name) or DENY_LIST.search(name.split("_")[-1]):
                blocklists.append((node, name, topic))
    if not kept_spi:
        for node, name, topic in blocklists[:1]:
            findings.append(SpiLiteratureFilter.finding(**_node_span(node, script, index), name=name.upper(),
                                                        topic=topic[:60]))
    return findings


def _handler_action(value: tree_sitter.Node) -> str | None:
    """The conflict action a failure handler fires first: a named action, or the first call of a function body
    (no proposal step before it)."""
    if value.type in ("identifier", "member_expression"):
        head = " ".join(_identifier_words(value))
        return next((w for w in head.split() if CONFLICT_ACTION.search(w)), None)
    body = value.child_by_field_name("body")
    statements = body.named_children if body is not None and body.type == "statement_block" else [body]
    for statement in (s for s in statements if s is not None and s.type != "comment"):
        call = _first_call(statement) if statement.type != "call_expression" else statement
        head = " ".join(_identifier_words(call.child_by_field_name("function"))) if call is not None else ""
        action = next((w for w in head.split() if CONFLICT_ACTION.search(w)), None)
        if action and not THREAT_EXEC.search(head) and not human_handoff(head):
            return action
        if TRIGGER_STEP.search(" ".join(_identifier_words(statement))) or \
                statement.type in ("return_statement", "if_statement", "throw_statement"):
            return None
    return None
