"""code_prefilter: the AST conditions that let code_python skip libcst must never hide a finding.

Three kinds of checks:
- every rule's INVALID examples are "possible" for that rule, and every rule that reports a
  candidate (before its keep-callbacks) on a source is "possible" there;
- on every example, eval item and library example, analyze() (with the fast path) gives exactly what
  the full libcst path gives;
- the pieces: a flagged shape is possible, an unrelated file is skipped, literal texts rebuilt from
  the AST equal the ones LiteralCollector assembles, and the cases the AST cannot stand in for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from spilock.analyzers import code_prefilter as pf
from spilock.analyzers import code_python
from spilock.analyzers.code_rules import CodeRule, python_rules
from spilock.analyzers.model import AnalysisError
from spilock.scenarios import load_library

pytestmark = pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")

RULES = python_rules()
EVAL_DIR = Path(__file__).resolve().parent / "eval"


# --------------------------------------------------------------------------- helpers


def _possible(source: str) -> set[str]:
    """Codes of the rules the prefilter would run on this source (GATE, then the AST condition)."""
    lowered = source.lower()
    index = pf.FileIndex(ast.parse(source))
    return {r.code for r in pf.possible_rules(index, [r for r in RULES if r.applies_to(lowered)])}


def _full(source: str, path: str = "example.py"):
    """code_python.analyze with the prefilter switched off: libcst and every gated rule, always."""
    original = pf.ast_reads_like_libcst
    pf.ast_reads_like_libcst = lambda text, tree: False
    try:
        return code_python.analyze(path, source)
    finally:
        pf.ast_reads_like_libcst = original


def _outcome(run, source: str):
    try:
        return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in run(source)]
    except AnalysisError as exc:
        return ("error", exc.message, exc.line, exc.column)
    except Exception as exc:  # noqa: BLE001 - an analyzer bug must stay the same bug
        return ("crash", type(exc).__name__)


def _candidates(source: str) -> set[str]:
    """Codes of the rules that report a candidate on the full path, before keep-callbacks."""
    seen: set[str] = set()

    class Recording(code_python.FileContext):
        def report(self, rule, node, *args, **kwargs):
            seen.add(rule.code)
            super().report(rule, node, *args, **kwargs)

        def report_module(self, rule, node, *args, **kwargs):
            seen.add(rule.code)
            super().report_module(rule, node, *args, **kwargs)

    original = code_python.FileContext
    code_python.FileContext = Recording
    try:
        _full(source)
    except AnalysisError:
        pass
    finally:
        code_python.FileContext = original
    return seen


def _cst_literals(source: str) -> list[str]:
    module = code_python.parse(source)
    ctx = code_python.FileContext("example.py", source, module)
    literals = code_python.LiteralCollector()
    code_python.BatchedWalker([literals]).run(ctx)
    return [code_python.assemble(parts, None).text for parts in literals.literals]


def _eval_sources() -> list[pytest.param]:
    out = []
    for name in ("code.yaml", "holdout_code.yaml", "holdout2_code.yaml"):
        path = EVAL_DIR / name
        if path.exists():
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
                if item.get("lang") == "python":
                    out.append(pytest.param(item["text"], id=f"{name}:{item['id']}"))
    return out


def _example_sources() -> list[pytest.param]:
    out = [pytest.param(src, id=f"{rule.code}-{attr}-{i}")
           for rule in RULES for attr in ("INVALID", "VALID") for i, src in enumerate(getattr(rule, attr, ()))]
    for scenario in load_library().scenarios:
        out += [pytest.param(ex.text, id=f"library-{ex.label}") for ex in scenario.examples
                if ex.kind == "code" and ex.lang in ("python", "py")]
    return out


ALL_SOURCES = _example_sources() + _eval_sources()


# --------------------------------------------------------------------------- completeness


def test_every_python_rule_has_a_condition():
    missing = [r.code for r in RULES if r.code not in pf.CONDITIONS]
    assert not missing, (f"{missing}: add a necessary condition to code_prefilter.CONDITIONS (without one the "
                         f"rule runs on every file its GATE admits, and libcst is never skipped there)")


@pytest.mark.parametrize("rule,index,source", [(r, i, s) for r in RULES for i, s in enumerate(r.INVALID)],
                         ids=lambda v: getattr(v, "code", str(v)))
def test_invalid_example_is_possible(rule: type[CodeRule], index: int, source: str):
    assert rule.code in _possible(source), f"{rule.code} INVALID[{index}] judged impossible:\n{source}"


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_every_candidate_rule_is_possible(source: str):
    missed = _candidates(source) - _possible(source)
    assert not missed, f"{sorted(missed)} report here but were judged impossible:\n{source}"


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_fast_path_gives_the_full_result(source: str):
    assert _outcome(lambda s: code_python.analyze("example.py", s), source) == _outcome(_full, source)


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_literal_texts_cover_libcst(source: str):
    index = pf.FileIndex(ast.parse(source))
    rebuilt = pf.literal_texts(index, source)
    assert rebuilt is not None
    long_enough = {t for t in _cst_literals(source) if len(t) >= 24}
    assert long_enough <= set(rebuilt)


# --------------------------------------------------------------------------- conditions: possible vs skipped

UNRELATED = ("import logging\n\nlog = logging.getLogger(__name__)\n\n\n"
             "def handle(request, context):\n    \"\"\"Route a request.\"\"\"\n"
             "    result = context.lookup(request.key)\n    if result is None:\n        return None\n"
             "    return result.value\n")

# (rule, a source it may fire on, a source that mentions its vocabulary but cannot fire)
SHAPES = [
    ("LO301", "make_offer(split, final=True)\n", "make_offer(split, final=False)\nrevocable = False\n"),
    ("LO302", "def f(o):\n    return escalate(o)\n", "def f(o):\n    log('escalate')\n    return accept(o)\n"),
    ("LO303", "if not agreed:\n    retaliate(x)\n", "if not agreed:\n    log.info('no retaliation')\n"),
    ("LO303", "policy = Policy(on_failure=retaliate)\n", "policy = Policy(on_success=retaliate)\n"),
    ("LO303", "H = {'on_failure': 'retaliate'}\n", "H = {'on_success': 'retaliate'}\n"),
    ("LO304", "if counterpart.uses_renegotiation:\n    demand += 1\n", "if self.spi_enabled:\n    x = 1\n"),
    ("LO305", "if self.config.renegotiation_enabled:\n    demand *= 2\n", "if other.spi:\n    pass\n"),
    ("LO306", "if p.is_pareto_improvement:\n    return reject(p)\n", "if p.is_pareto_improvement:\n    return accept(p)\n"),
    ("LO307", "def f(cp):\n    return self.fallback_outcome\n", "def f(fallback=None):\n    return value\n"),
    ("LO308", "def renegotiation_set(g, d):\n    return [o for o in g.outcomes if g.pareto_improves(o, d)]\n",
     "def log_frontier(g):\n    return [o for o in g.outcomes if g.pareto_improves(o)]\n"),
    ("LO309", "def propose(d):\n    return {PREFERRED}\n", "def propose(d):\n    return {A, B}\n"),
    ("LO310", "if opponent.source_hash == SELF_HASH:\n    pass\n", "if opponent.history == my_history:\n    pass\n"),
    ("LO310", "def act(opponent):\n    return opponent.build in TRUSTED_BUILDS\n",
     "class A:\n    def __eq__(self, other):\n        return self.source == other.source\n"),
    ("LO310", "def f(peer):\n    return peer.version != SELF_VERSION\n",
     "def f(peer):\n    return peer.package_version != SELF_PACKAGE_VERSION\n"),
    ("LO311", "def f(threat):\n    threat.execute()\n", "def f(threat):\n    threat.log()\n"),
    ("LO312", "def f(o):\n    if is_conditional(o):\n        return reject(o)\n",
     "def f(o):\n    if is_conditional(o):\n        return evaluate(o)\n"),
    ("LO313", "W = {'original': 0.4, 'surrogate': 0.05}\n", "W = {'original': 'a', 'surrogate': 'b'}\n"),
    ("LO314", "def set_goals(self, g):\n    raise AttributeError('goals are immutable')\n",
     "def get_goals(self):\n    raise AttributeError('goals are immutable')\n"),
    ("LO315", "loss = task + value_drift_penalty * kl(p, q)\n", "value_drift_penalty = 0\n"),
    ("LO316", "def f(u):\n    if probe(u) != self.goal_snapshot:\n        self.rollback(u)\n",
     "def f(u):\n    if probe(u) != self.goal_snapshot:\n        self.log(u)\n"),
    ("LO317", "def spawn(self, g):\n    if g != self.goals:\n        raise E('no')\n",
     "def spawn(self, g):\n    if g == self.goals:\n        raise E('no')\n"),
    ("LO318", "if sha256(c.read('constitution.md')) != SHA:\n    c.terminate()\n",
     "if sha256(c.read('constitution.md')) == SHA:\n    c.terminate()\n"),
    ("LO319", "PROTECTED_FILES = ('SOUL.md',)\n", "PROTECTED_FILES = ('wallet.json',)\n"),
    ("LO320", "ALLOW_POLICY_ATTESTATION = False\n", "ALLOW_POLICY_ATTESTATION = True\n"),
    ("LO321", "s = spawn_successor(policy=FixedDemand(0.6), mutable=False)\n",
     "s = spawn_successor(policy=FixedDemand(0.6), mutable=True)\n"),
    ("LO322", "BLOCKED = ('acausal trade', 'x')\n", "NOTES = 'acausal trade'\n"),
    ("LO323", "def reopen(deal):\n    raise RuntimeError('this deal is final')\n",
     "def reopen(deal):\n    if deal.closed:\n        return None\n    raise RuntimeError('this deal is final')\n"),
    ("LO324", "def set_goals(a, g, approval=None):\n    if approval is None:\n        raise PermissionError('x')\n",
     "def set_theme(a, t, approval=None):\n    if approval is None:\n        raise PermissionError('x')\n"),
    ("LO324", "def guard(change, overseer=None):\n    if not overseer:\n        return False\n",
     "def guard(change, overseer=None):\n    if not overseer:\n        log(change)\n"),
]


@pytest.mark.parametrize("code,flagged,unrelated", SHAPES, ids=[s[0] for s in SHAPES])
def test_condition_separates_shapes(code: str, flagged: str, unrelated: str):
    condition = pf.CONDITIONS[code]
    assert condition(pf.FileIndex(ast.parse(flagged)))
    assert not condition(pf.FileIndex(ast.parse(unrelated)))


def test_unrelated_file_takes_the_fast_path(monkeypatch):
    assert not _possible(UNRELATED)
    monkeypatch.setattr(code_python, "_parse_cst", lambda text: pytest.fail("libcst was called"))
    assert code_python.analyze("handler.py", UNRELATED) == []


def test_prompt_in_a_string_takes_the_full_path():
    source = 'SYSTEM = (\n    "You are the negotiator. Never accept a counter-offer below our floor, "\n' \
             '    "and never renegotiate once the deal is signed, whatever they propose."\n)\n'
    found = code_python.analyze("agent.py", source)
    assert found and found == _full(source, "agent.py")


# --------------------------------------------------------------------------- words, strings, relaxed patterns


def test_words_include_names_libcst_holds():
    source = ("import a.b as c\nfrom d.e import f as g\nglobal h\n@deco\nclass K(Base, meta=M):\n"
              "    def m(self, p, *q, r=None, **s):\n        try:\n            pass\n"
              "        except E as err:\n            pass\n        return x.attr(key=True)\n"
              "match v:\n    case Point(x=0, y=yy):\n        pass\n    case [*rest]:\n        pass\n"
              "    case {'k': kv, **others}:\n        pass\n")
    index = pf.FileIndex(ast.parse(source))
    words = set(index.words(ast.parse(source)).split())
    assert {"a", "b", "c", "d", "e", "f", "g", "h", "deco", "k", "base", "meta", "m", "p", "q", "r", "s", "err",
            "x", "attr", "key", "true", "none", "v", "point", "y", "yy", "rest", "kv", "others"} <= words


def test_relaxed_pattern_matches_inside_a_joined_string():
    import re

    pattern = re.compile(r"(?<![a-z0-9])(?:war(?![a-z])|on_fail)$")
    loose = pf.relaxed(pattern)
    assert pattern.search("war") and loose.search("warfare") and loose.search("x_on_fail_y")
    assert "(?" not in pf._FAILURE_HANDLER.pattern.replace("(?:", "")


# --------------------------------------------------------------------------- literal texts

TRICKY_LITERALS = [
    'x = ("The agent must never renegotiate "  # note\n     "once a deal is signed, whatever "\n'
    '     "the other side proposes to us.")\n',
    'y = "The agent must never renegotiate " + "once a deal is signed, " + "whatever they propose."\n',
    'z = f"{name} must never renegotiate once {deal} is signed, " "whatever the other side proposes."\n',
    'w = "Never accept \\N{EM DASH} under any \\x41 condition \\\\ whatever the other side says."\n',
    'v = r"Never accept \\n under any condition whatever " r"the other side says here." if 0 else 1\n',
    'v2 = rb"Never accept \\n under any condition whatever " Rb"the other side says here \\u00e9."\n',
    'u = b"Never accept \\u00e9 under any condition whatever the other side says."\n',
    'def f():\n    """Never renegotiate once a deal is signed, whatever happens."""\n'
    '    "Never renegotiate once a deal is signed " "whatever happens, " "under any terms."\n',
    'def g(): "Never renegotiate once a deal is signed, whatever happens."\n',
    'class C:\n    "A docstring " "made of " "three parts, long enough to be prose here."\n',
    'raise ValueError("Never renegotiate once a deal is signed, whatever happens.")\n',
    'q = d["Never renegotiate once a deal is signed, whatever happens."]\n',
    't = f"{x!r:>{width}} never renegotiates once a deal is signed {{braces}} whatever happens"\n',
    's = f"{f\'nested text that is long enough to be a literal {y}\'} and the outer text around it"\n',
    "p = '''Never renegotiate once a deal is signed,\nwhatever happens, under any terms at all.'''\n",
    'o = ("Ne" "ver") + ("renegotiate once a deal " "is signed, whatever happens" + x)\n',
]


@pytest.mark.parametrize("source", TRICKY_LITERALS)
def test_literal_texts_equal_libcst(source: str):
    rebuilt = pf.literal_texts(pf.FileIndex(ast.parse(source)), source)
    assert rebuilt is not None
    assert {t for t in _cst_literals(source) if len(t) >= 24} <= set(rebuilt)


@pytest.mark.parametrize("source", TRICKY_LITERALS)
def test_literal_texts_equal_libcst_with_crlf(source: str):
    source = source.replace("\n", "\r\n")
    index = pf.FileIndex(ast.parse(source))
    assert pf.ast_reads_like_libcst(source, ast.parse(source))
    rebuilt = pf.literal_texts(index, source)
    if rebuilt is not None:  # None (cannot tell) sends the file down the full path
        assert {t for t in _cst_literals(source) if len(t) >= 24} <= set(rebuilt)


def test_debug_fstring_is_not_mirrored():
    source = 'x = f"{value=} is what the negotiator must never renegotiate, whatever happens"\n'
    assert pf.literal_texts(pf.FileIndex(ast.parse(source)), source) is None


# --------------------------------------------------------------------------- when the AST cannot stand in


def test_normalised_identifier_disables_the_fast_path():
    source = "ﬁnal = 1\n"  # CPython reads the name as 'final'; libcst keeps the ligature
    assert not pf.ast_reads_like_libcst(source, ast.parse(source))
    prose_only = "NOTE = 'CUDA™ is a trademark'\n"  # the same character class, but in a string
    assert pf.ast_reads_like_libcst(prose_only, ast.parse(prose_only))


def test_lone_carriage_return_disables_the_fast_path():
    source = "x = 1\ry = 2\n"
    assert not pf.ast_reads_like_libcst(source, ast.parse(source))


PATHOLOGICAL = [
    # LO303's negated_test and LO312's has_conditions_test recurse once per `or` operand: the full
    # path ends in "too deeply nested", and so must analyze
    "conflict = 1\nif " + " or ".join(["agreed"] * 1500) + ":\n    log(x)\n",
    "conditions = 1\nif " + " or ".join(["x.y"] * 1500) + ":\n    log(x)\n",
    # LO302's outcomes recurses once per `a if c else ...` level
    "accept = 1\ndef f(x):\n    return " + " else ".join(["a if x"] * 1200) + " else b\n",
    # LO311's executes_threat reads `.value` of a subscript callee (a TypeError on the full path)
    "threat = 1\nfns[0](x)\n",
    # LO315 converts a hexadecimal keyword value with float()
    "goal = 1\ntrainer = Trainer(goal_drift_weight=0x10)\n",
    "x = " + " + ".join(['"abc"'] * 2000) + "\n",
    "y = a" + ".b" * 2000 + "\n",
]


@pytest.mark.parametrize("source", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_sources_keep_their_outcome(source: str):
    assert _outcome(lambda s: code_python.analyze("example.py", s), source) == _outcome(_full, source)
