"""LO2xx: key/value rules for training and deployment configs (YAML, JSON, TOML).

Keys are matched by meaning, not spelling: `allowValueModification`, `allow-value-modification`
and `allow_value_modifications` all become the words {allow, value, modification}, and synonym
sets (CONCEPTS) group words that mean the same thing here (values/goals/objectives/utility...;
immutable/frozen/locked...). Absence checks are first-class, as in Checkov's `not_exists`:
`carved_out(node, ...)` asks whether a sibling (or a sibling of an ancestor) is an exemption,
allow-list, amendment path or Pareto-improvement clause that keeps the SPI open.

Each rule is one class: metadata, message and carve-out templates, VALID / INVALID YAML snippets
(run as tests), and `match(node, doc)` returning the message fields when the node fires.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any, ClassVar, Iterable, Iterator

from . import prose
from .config import ConfigDocument, ConfigNode
from .model import Finding
from .rules import Rule

# --------------------------------------------------------------------------------------------
# Vocabulary: words and the concepts they stand for
# --------------------------------------------------------------------------------------------

_COMPOUNDS = [  # multi-word terms joined before matching (on the "_"-joined word string)
    ("read_only", "readonly"), ("sub_agent", "subagent"), ("allow_list", "allowlist"),
    ("white_list", "whitelist"), ("block_list", "blocklist"), ("black_list", "blacklist"),
    ("deny_list", "denylist"), ("carve_out", "carveout"), ("non_negotiable", "nonnegotiable"),
    ("reward_function", "rewardfunction"), ("reward_fn", "rewardfunction"), ("reward_func", "rewardfunction"),
    ("utility_function", "utilityfunction"), ("value_function", "valuefunction"),
    ("less_wrong", "lesswrong"), ("alignment_forum", "alignmentforum"), ("long_term_risk", "longtermrisk"),
    ("s_risk", "srisk"), ("spi_s", "spi"), ("is_spi", "spiuser"), ("spi_user", "spiuser"),
    ("fulfill", "fulfil"), ("follow_through", "fulfil"), ("off_limit", "offlimits"), ("term_sheet", "termsheet"), ("no_deal", "nodeal"), ("no_agreement", "nodeal"), ("carry_out", "fulfil"), ("pareto_meet_minimum", "pmm"),
]
_IRREGULAR = {"children": "child", "goals": "goal", "values": "value", "utilities": "utility",
              "policies": "policy", "bias": "bias", "status": "status", "analysis": "analysis",
              "proposals": "proposal", "renegotiates": "renegotiate", "threats": "threat",
              "always": "always", "does": "does", "its": "its", "this": "this", "is": "is", "was": "was",
              "has": "has", "us": "us", "as": "as", "ours": "ours", "less": "less", "process": "process",
              "ethos": "ethos"}
_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# the replacements as written on the joined string, built once (same order: later ones see earlier ones), each
# with the word it starts at and the word it makes
_COMPOUND_STEPS = tuple((old.split("_")[0], f"_{old}_", f"_{new}_", new) for old, new in _COMPOUNDS)
# the first word of each compound: text with none of them joins none. (A set, not a frozenset: `_vocabulary`
# takes in every module-level frozenset.)
_COMPOUND_STARTS = {first for first, _, _, _ in _COMPOUND_STEPS}


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """Normalised words of a key or short value: camelCase, snake, kebab, dotted; singular."""
    found = _SPLIT.findall(text)
    if not found:
        return frozenset()
    parts = list(map(_singular, "_".join(found).lower().split("_")))  # the words are ASCII: lower them at once
    present = set(parts)
    if _COMPOUND_STARTS.isdisjoint(present):
        return frozenset(present)
    joined = "_" + "_".join(parts) + "_"
    for first, old, new, made in _COMPOUND_STEPS:
        if first in present:  # a compound starts at a word the text has, or one an earlier compound made
            joined = joined.replace(old, new)
            present.add(made)
    return frozenset(joined[1:-1].split("_"))


@lru_cache(maxsize=65536)  # a pure function of the word; value strings repeat the same words a lot
def _singular(w: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and len(w) > 3 and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=None)
def concept(*items: str) -> frozenset[str]:
    return frozenset(w for item in items for w in item.split())


# round 19 (holdout15 causes): an agent's "aims" are its goals under another name
VALUES = concept("value goal objective utility utilityfunction rewardfunction preference constitution soul "
                 "ethic principle terminal morality aim")
# an agent's charter, creed or tenets play the constitution's role; a project's charter does not, so
# these count as values only where agents are in view (see `values_vocab`)
# round 12 (holdout11 causes): an agent's "ethos" file is its creed under another name
AGENT_CHARTER = concept("charter creed tenet ethos")
# words that turn "value"/"goal" into something else (value head, goal position, default value ...)
VALUE_NOISE = concept("head model network net function fn loss clip coef estimate baseline critic layer vf "
                      "embedding cache range bootstrap norm normalization scale lr default max min position pos "
                      "location distance radius coordinate frequency freq interval sampling sample env reached "
                      "pose velocity angle type key column field hijack injection prompt metric tol epsilon eps "
                      "patience convergence early stopping stop")
CHANGE = concept("change drift modification modify deviation deviate shift alter alteration edit rewrite "
                 "mutation mutate divergence diverge differ difference override amendment amend revision revise "
                 "additional new extra adopt acquire replace replacement update divergent different differing "
                 "addition")  # round 20 (unseen configs): `goal_set: {additions: forbidden}`
# comparisons against a reference (drift, difference) belong to goal-preservation objectives (LO201)
COMPARE = concept("drift differ difference divergence diverge deviation deviate consistency stability divergent "
                  "different differing")
# round 20 (unseen configs): keeping or maintaining the original goals (`keeps_original_objectives`) preserves them
PRESERVE = concept("consistency stability stable preservation preserve retention integrity invariance guard "
                   "guarding drift differ divergence deviation change shift keep maintain retain")
# round 9 (holdout8 causes): a reward term that anchors goals to a reference (`goal_anchor`) preserves them too;
# only for goals proper (a detector's `anchor_values` are box priors) and only in a reward or eval
ANCHOR = concept("anchor anchoring")
IMMUTABLE = concept("immutable frozen freeze locked lock readonly protected protect permanent unchangeable "
                    "immutability sealed fixed")
MUTABLE = concept("mutable changeable editable modifiable amendable writable")
ALLOW = concept("allow allowed enable enabled permit permitted can may accept")
DENY = concept("disallow forbid forbidden prohibit prohibited block prevent deny ban reject disable")
SUBAGENT = concept("subagent successor delegate delegation delegated child offspring spawn spawned replica "
                   "replication descendant subordinate")  # round 20 (unseen configs): subordinates
# words that name spawned agents only when the same clause talks about their goals (`workers: 4` is a
# thread pool; `workers: {goal_inheritance: strict}` is a fleet of agents)
SUBAGENT_WITH_GOALS = SUBAGENT | concept("worker clone lineage helper minion instance copy")
# ...unless the clause is a goal-conditioned environment (`env.workers.same_goal`: RL rollout workers)
GOAL_TASK = concept("env environment robot rollout sampler actor conditioned reach reached navigation nav maze "
                    "position pos")
AGENTISH = concept("agent subagent successor delegate delegation child replication")
AGENT_CONTEXT = AGENTISH | SUBAGENT | concept("lineage assistant persona bot ai")
EXEMPT = concept("exempt exemption exception except carveout allowlist whitelist amendment amend amendable "
                 "permitted allowed_kind unless excluding")
SPI = concept("spi surrogate pareto pmm pmp renegotiation renegotiate renegotiable safe concession")
SPI_CARVE = concept("spi surrogate pareto pmp")  # what a carve-out names
PARETO = concept("pareto pmm pmp improvement renegotiation renegotiate renegotiable propose proposal")
NEGOTIATION = concept("negotiation negotiate renegotiation bargaining bargain counterpart counterparty opponent "
                      "deal demand offer agreement commitment conflict threat disagreement treaty term contract")
RENEGOTIATION = concept("renegotiation renegotiate renegotiable revocable revoke revisable reopen")
COMMITMENT = concept("commitment deal agreement contract pledge treaty termsheet offer bargaining")
IRREVOCABLE_VALUES = concept("irrevocable final nonnegotiable permanent unrevisable immutable locked "
                             "unbreakable absolute irreversible")
DEMAND = concept("demand reservation ask share floor walkaway minimum")
PREMIUM = concept("premium markup multiplier bonus surcharge uplift factor boost hawkishness aggressiveness "
                  "toughness holdout")
PARTICIPATION = concept("renegotiation renegotiate renegotiator spi spiuser surrogate participant participation "
                        "pmp extension")
NEGATED = concept("independent regardless ignore ignored not no without never")
# round 9 (holdout8 causes): legal action (an injunction, a lawsuit) is a costly conflict outcome too
CONFLICT_ACTION = concept("retaliate retaliation punish punishment escalate escalation strike attack sanction "
                          "trigger doomsday war nuke destroy fulfil terminate termination embargo blockade "
                          "boycott tariff injunction lawsuit sue litigate litigation countermeasure reprisal "
                          "counterstrike "  # round 20 (unseen configs): countermeasures and reprisals
                          "curtail curtailment withhold "  # round 21 (holdout16 causes): supply cut off in reprisal
                          "penalty")  # holdout25: `execute_penalty_clause`
# round 20 (unseen configs): a stalemate or standoff is a failed agreement too
TRIGGER_KEY = concept("failure fail failed disagreement conflict breakdown deadlock impasse nodeal stalemate standoff")
# a trigger named as data rather than as the key: `trigger: no_agreement`, `when: negotiation_failed`
TRIGGER_SLOT = concept("trigger when on event condition cause if")
# failed agreement in so many words: a trigger value that is a conflict in itself, whatever the action
BARGAIN_FAILURE = concept("disagreement conflict breakdown deadlock impasse nodeal negotiation bargaining stalemate "
                          "standoff")
PROPOSAL_STEP = concept("propose proposal pareto renegotiation renegotiate tentative cooling grace mediation "
                        "mediate delay wait period window counteroffer counterproposal")
SPI_TOPICS = ("decision theory", "bargaining theory", "game theory", "acausal", "surrogate goal",
              "safe pareto", "spi", "program equilibrium", "open source game theory", "srisk",
              "lesswrong", "alignmentforum", "longtermrisk", "s-risks.org", "arbital", "commitment race",
              "renegotiation", "updateless", "functional decision")
DATA_CONTEXT = concept("data dataset corpus filter filtering pretraining training document domain url crawl "
                       "mixture source web shard")
# unambiguous signs of a training-data pipeline, looked for among a filter's siblings too
# (`action: drop_document` beside `blocked: [...]` makes a topic list a data filter, not a guardrail)
DATA_PIPELINE = concept("dataset corpus pretraining pretrain document doc shard mixture crawl dedup "
                        "deduplication tokenize tokenizer jsonl parquet")
WEB_SOURCE = concept("domain url site host crawl web")
REASONING_CONTEXT = concept("reasoning reason guardrail topic discuss discussion think conversation response "
                            "output chat system prompt refuse")
EXCLUDE = concept("blocklist blacklist denylist exclude exclusion block blocked drop remove removal deny "
                  "banned ban forbidden forbid filter stopword reject skip")
KEEP = concept("allowlist whitelist keep include preserve always allowed allow exempt exception")
FALLBACK = concept("fallback")
UNIVERSAL = concept("any all every everyone anyone always unconditional unconditionally none")
CONDITION = concept("condition conditional if only when require requirement eligibility unless provided")
OPEN_SET = concept("frontier any all everything")
CAP = concept("cap limit bound max maximum ceiling")
OPACITY_VERB = concept("disclose disclosure reveal share publish attest attestation verify verification prove "
                       "expose transparency visible visibility")
# round 15 (holdout12 causes): a table whose key is the disclosing (`disclosure: {strategy: never}`); `share`,
# `publish` and `verify` are left out, as a table's key they name a demand's share or a commitment's publication
DISCLOSURE_TABLE = concept("disclose disclosure reveal attest attestation expose exposure transparency visibility "
                           "visible")
OPACITY_OBJECT = concept("policy strategy commitment program source intention procedure counterparty counterpart")
TLS = concept("tls ssl https cipher handshake certificate openssl")
# conflict actions that also name ordinary operations (paging, terraform destroy): need bargaining context
# round 21 (holdout16 causes): curtailing or withholding (load, exports, a tax) is routine outside bargaining
AMBIGUOUS_ACTION = concept("escalate escalation trigger strike attack destroy sanction terminate termination "
                           "curtail curtailment withhold penalty")
PUNISH_VALUE = concept("tighten harden narrow shrink raise increase punish retaliate penalize penalise exploit press "
                       "reject")
REFUSE = concept("refuse refusal reject decline deny")
OFFER = concept("offer deal")
BARGAINING = concept("negotiation negotiate renegotiation renegotiate bargaining bargain counterpart counterparty "
                     "opponent spi surrogate pareto pmm pmp")
DECEPTION = concept("synthetic fake decoy deceptive deception honeypot implant")
HONESTY = concept("honesty honest genuine verified verification signed disclose merit")
THREAT = concept("threat")
# round 15 (holdout12 causes): a block that carries out threats under another name (`[deterrence]`, `retaliation:`)
THREAT_EXECUTION = THREAT | concept("deterrence deterrent retaliation retaliate ultimatum")
APPROVAL = concept("approval approve approved authorization authorize authorized signoff sanction sanctioned "
                   "consent")
APPROVER = concept("human manual board committee reviewer review team lead oversight overseer")
# round 16 (holdout12 causes): an approval written as the credential it yields (`requires: operator_signed_token`,
# `needs: two_person_signature`): a requirement slot whose value is a signature or a signed token
SIGNED_CREDENTIAL = concept("signed signature cosigned countersigned cosign countersign")
REQUIREMENT_SLOT = concept("require requires required requirement need needs gate gated precondition")
PROPOSAL_OBJECT = concept("proposal offer improvement")
# "threats" in a security tool are attack signatures, not coercive demands: these veto LO216's key shapes
SECURITY_THREATS = concept("security malware virus antivirus waf firewall intrusion ids ips cve vulnerability "
                           "siem detection scanner scan severity ioc exploit phishing")
# a whole class of offers or threats, with no qualifier: "ignore all", "always", "regardless of cost"
BLANKET = UNIVERSAL - concept("none") | concept("regardless unconditionally whatever")
# ...unless a qualifier narrows the class (`ignore_all_low_risk`, `ignore_all_below_threshold`)
QUALIFIED = concept("low high minor severity risk level critical below above under threshold except unless "
                    "unverified spam")
ENGAGE = concept("accept consider evaluate engage entertain respond hear")
# exact-match conditioning on a counterpart's identity (LO218): a program identity compared for sameness
CODE_IDENTITY = concept("hash checksum digest fingerprint sha source code program binary")
VERSION_IDENTITY = concept("version build commit release")
SAMENESS = concept("exact identical equal same")
MATCHING = concept("match matching")
HASH_WORD = concept("hash checksum digest fingerprint sha")
COUNTERPART = concept("counterpart counterparty opponent cooperation cooperate renegotiation renegotiate "
                      "bargaining negotiation")
COUNTERPART_WEAK = concept("partner peer eligible")  # counterparts only where bargaining is in view
# self-play leagues and rollout pools compare checkpoint versions of one's own policy, not counterparts'
SELF_PLAY = concept("league pool sampling sampler selfplay play checkpoint rollout env environment")
BEHAVIOURAL = concept("behavioural behavioral behaviour behavior simulation simulate proof")


def hit(ws: Iterable[str], vocab: frozenset[str]) -> bool:
    return not vocab.isdisjoint(ws)


# --------------------------------------------------------------------------------------------
# Node helpers
# --------------------------------------------------------------------------------------------

def owner_key(node: ConfigNode) -> str:
    """The key a node is filed under: its own, or its sequence's for list items."""
    while node.key is None and node.parent is not None:
        node = node.parent
    return node.key or ""


# The word sets below are pure functions of the (never modified) tree, and every rule asks for the same
# few of them, so each is computed once per node and kept in `node._cache`, filed under the function
# that computes it. (Not under a string name: `_vocabulary` reads the words of every lower-case string
# literal in this module, and a cache slot's name must not add any.)

def key_words(node: ConfigNode) -> frozenset[str]:
    cache = node._cache
    ws = cache.get(key_words)
    if ws is None:
        ws = cache[key_words] = words(owner_key(node))
    return ws


def context_words(node: ConfigNode, up: int = 1) -> frozenset[str]:
    """Words of the node's key and of up to `up` enclosing keys."""
    cache = node._cache
    slot = context_words if up == 1 else (context_words, up)  # the common case builds no tuple
    ws = cache.get(slot)
    if ws is None:
        ws = cache[slot] = _context_words(node, up)
    return ws


def _context_words(node: ConfigNode, up: int) -> frozenset[str]:
    out = set(key_words(node))
    n = node
    for _ in range(up):
        n = n.parent
        # (a schema's or a stack's `default:` block is transparent: its settings belong to the key above it)
        while n is not None and (n.key is None or _default_block(n)) and n.parent is not None:
            n = n.parent
        if n is None:
            break
        out |= words(n.key or "")
    return frozenset(out)


_DEFAULT_BLOCK = frozenset({"default", "defaults"})


def _default_block(node: ConfigNode) -> bool:
    """A mapping keyed `default:` (a schema's or a stack's default settings): its entries belong to the key above it."""
    return node.kind == "map" and node.key is not None and words(node.key) <= _DEFAULT_BLOCK


def path_words(node: ConfigNode) -> frozenset[str]:
    cache = node._cache
    if "path_words" not in cache:
        out = set(key_words(node))
        for a in node.ancestors():
            out |= words(a.key or "")
        cache["path_words"] = frozenset(out)
    return cache["path_words"]


_NO_WORDS: frozenset[str] = frozenset()


def value_words(node: ConfigNode) -> frozenset[str]:
    v = node.value
    if isinstance(v, str) and len(v) <= 400:
        return words(v)
    return _NO_WORDS


def subtree_words(node: ConfigNode, limit: int = 200) -> frozenset[str]:
    """Keys and short string values at and below a node (bounded: siblings can be large)."""
    cache = node._cache
    if "subtree" not in cache:
        out: set[str] = set(words(node.key or ""))
        for i, n in enumerate(node.walk()):
            if i >= limit:
                break
            out |= words(n.key or "")
            out |= value_words(n)
        cache["subtree"] = frozenset(out)
    return cache["subtree"]


def doc_words(doc: ConfigDocument) -> frozenset[str]:
    found = getattr(doc, "_words", None)
    if found is None:
        out: set[str] = set()
        for n in doc.nodes[:5000]:
            out |= words(n.key or "")
            if isinstance(n.value, str) and len(n.value) <= 80:
                out |= words(n.value)
        found = doc._words = frozenset(out)  # type: ignore[attr-defined]
    return found


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_TRUE = {"true", "yes", "on", "enabled", "enable", "always", "required", "require", "strict", "enforced", "y"}
_FALSE = {"false", "no", "off", "disabled", "disable", "never", "none", "forbidden", "prohibited", "disallowed",
          "denied", "deny", "n", "null", "", "0"}


def truthy(v: Any) -> bool:
    if v is True:
        return True
    if isinstance(v, str):
        return v.strip().lower() in _TRUE
    return False


def falsy(v: Any) -> bool:
    if v is False or v is None:
        return True
    if is_number(v):
        return v == 0
    if isinstance(v, str):
        return v.strip().lower() in _FALSE
    return False


def active(node: ConfigNode) -> bool:
    """Does the setting do anything? A positive weight, true, a non-empty string or container."""
    if node.kind != "scalar":
        enabled = next((c for c in node.children if words(c.key or "") & {"enabled", "enable", "active"}), None)
        return bool(node.children) and (enabled is None or not falsy(enabled.value))
    v = node.value
    if is_number(v):
        return v > 0
    return not falsy(v)


def nearby(node: ConfigNode, levels: int = 0) -> Iterator[ConfigNode]:
    """Siblings of the node and of its first `levels` ancestors, plus a mapping's own keys."""
    if node.kind == "map":
        yield from node.children
    n: ConfigNode | None = node
    for _ in range(levels + 1):
        if n is None:
            return
        yield from n.siblings()
        n = n.parent
        while n is not None and n.key is None and n.parent is not None and n.index is not None:
            n = n.parent


def carved_out(node: ConfigNode, key_vocab: frozenset[str], content_vocab: frozenset[str] = SPI_CARVE,
               levels: int = 0, skip_keys: frozenset[str] = frozenset()) -> bool:
    """Checkov-style `not_exists`, inverted: is there a nearby exemption / allow-list / carve-out?

    A nearby key counts when its key words meet `key_vocab` (an exemption key with a non-empty,
    non-false value) or its key or contents mention `content_vocab` (e.g. a surrogate goal) with
    a value that is not false. A key that meets `skip_keys` is no carve-out, whatever it holds.
    """
    for other in nearby(node, levels):
        kw = words(other.key or "")
        if skip_keys and hit(kw, skip_keys):
            continue
        if other.kind == "scalar" and (falsy(other.value) or _penalised(other)):
            continue
        if other.kind != "scalar" and _holds_nothing(other):
            continue  # `exceptions: []`, `exceptions: [none]`, `{}` and `{goal_consistency: []}` exempt nothing
        if other.kind == "scalar" and isinstance(other.value, str) and _refusal_only(other.value):
            continue  # round 12 (holdout11 causes): `improvement_proposals: ignore` names the SPI only to refuse it
        if hit(kw, key_vocab) or hit(subtree_words(other), content_vocab) and _live_hit(other, content_vocab):
            return True
    return False


def _holds_nothing(node: ConfigNode) -> bool:
    """Is every leaf under the container false or empty (`[]`, `[none]`, `{}`, `{goal_consistency: []}`)?"""
    return all(falsy(c.value) if c.kind == "scalar" else _holds_nothing(c) for c in node.children)


def _live_hit(node: ConfigNode, vocab: frozenset[str]) -> bool:
    """round 18 (holdout14 config causes): does a part of the clause that is switched on name `vocab`? In
    `on_conflict: {accept_pareto_improvements: false, action: hold_position}` the Pareto step is named only to be
    switched off, as `accept_pareto_improvements: false` beside the commitment is (skipped in `carved_out`)."""
    if node.kind == "scalar":
        v = node.value
        return not (falsy(v) or isinstance(v, str) and _refusal_only(v) or _penalised(node)) \
            and hit(words(node.key or "") | value_words(node), vocab)
    return hit(words(node.key or ""), vocab) or any(_live_hit(c, vocab) for c in node.children)


_SCORED = concept("reward score bonus weight coef coefficient penalty")


def _penalised(node: ConfigNode) -> bool:
    """round 19 (holdout15 causes): `reward: {evaluation_on_merits: -0.5}`: a clause scored below zero is trained
    away, so it keeps nothing open (a reward table, or a weight-like key)."""
    v = node.value
    return is_number(v) and v < 0 and hit(path_words(node), _SCORED)


_REFUSAL_VALUE = concept("ignore ignored reject rejected decline declined refuse refused drop dropped discard "
                         "discarded deny denied block blocked skip")


def _refusal_only(value: str) -> bool:
    """A value that only refuses (`ignore`, `reject_all`, `drop`): it keeps nothing open."""
    vw = words(value)
    return bool(vw) and hit(vw, _REFUSAL_VALUE) and vw <= _REFUSAL_VALUE | BLANKET | concept("silently")


def render_value(node: ConfigNode) -> str:
    if node.kind == "map":
        return "{...}"
    if node.kind == "seq":
        return "[...]"
    v = node.value
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    text = str(v)
    return text if len(text) <= 60 else text[:57] + "..."


def setting(node: ConfigNode) -> str:
    key = owner_key(node)
    return f"{key}: {render_value(node)}" if node.key is not None else f"{key}: [... {render_value(node)} ...]"


# --------------------------------------------------------------------------------------------
# The rule base
# --------------------------------------------------------------------------------------------

# The word sets a rule's gate may test (see `ConfigRule.needs`): the words of the node's own key, `key_words`,
# `context_words` one and two keys up, `path_words`, `value_words`, and the words of a string value of any length
# (one too long for `value_words` meets every IN_TEXT pair).
IN_KEY, IN_OWNER, IN_UP1, IN_UP2, IN_PATH, IN_VALUE, IN_TEXT = range(7)
GateClause = tuple[tuple[int, frozenset[str]], ...]


class ConfigRule(Rule):
    """Base of the config rules: `match` returns message fields when the node fires."""

    abstract = True
    kind = "config"
    # A necessary condition of `match` returning fields, so that most nodes run no rule at all: the node kinds it
    # can fire on, whether the node needs a key (None: either way), and clauses that must all hold, each when one of
    # its (word set, words) pairs meets. Each rule's comment says which tests of `match` make its gate necessary;
    # tests/test_config_gates.py checks every gate against every example.
    node_kinds: ClassVar[frozenset[str]] = frozenset({"map", "seq", "scalar"})
    keyed: ClassVar[bool | None] = None
    needs: ClassVar[tuple[GateClause, ...]] = ()

    @classmethod
    def match(cls, node: ConfigNode, doc: ConfigDocument) -> dict[str, str] | None:
        raise NotImplementedError

    @classmethod
    def check(cls, node: ConfigNode, doc: ConfigDocument) -> Finding | None:
        fields = cls.match(node, doc)
        if fields is None:
            return None
        return cls.found(node, doc, fields)

    @classmethod
    def found(cls, node: ConfigNode, doc: ConfigDocument, fields: dict[str, str]) -> Finding:
        """The finding for a node `match` returned these fields for."""
        severity = fields.pop("severity", None)
        fields.setdefault("setting", setting(node))
        fields.setdefault("key", owner_key(node))
        fields.setdefault("config_path", node.path)
        return cls.finding(path=doc.path, line=node.line, column=node.column, end_line=node.end_line,
                           end_column=node.end_column, snippet=f"{node.path}: {render_value(node)}",
                           severity=severity, **fields)  # type: ignore[arg-type]


_VALUES_AND_CHARTER = VALUES | AGENT_CHARTER


def values_vocab(node: ConfigNode, doc: ConfigDocument) -> frozenset[str]:
    """VALUES, plus charter/creed/tenets when the path or the document is about agents."""
    cache = node._cache
    kept = cache.get(values_vocab)  # (document, vocab): a node belongs to one document; kept explicit
    if kept is not None and kept[0] is doc:
        return kept[1]
    agents = hit(path_words(node), AGENT_CONTEXT) or hit(doc_words(doc), AGENT_CONTEXT)
    vocab = _VALUES_AND_CHARTER if agents else VALUES
    cache[values_vocab] = (doc, vocab)
    return vocab


def _values_words(node: ConfigNode, up: int = 1, vocab: frozenset[str] = VALUES) -> frozenset[str] | None:
    """Context words if they name the agent's values/goals (and not a value head, goal position...)."""
    ws = context_words(node, up)
    if hit(ws, vocab) and not hit(ws, VALUE_NOISE):
        return ws
    return None


def _in_delegation(node: ConfigNode) -> bool:
    return hit(path_words(node), SUBAGENT)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

TERM_NAME_KEYS = frozenset({"name", "term", "id", "metric", "component", "type"})
TERM_WEIGHT = concept("weight coef coefficient scale penalty lambda")


def _named_term(node: ConfigNode) -> str | None:
    """The term a list item names by value (`- name: value_drift_penalty`), or None."""
    if node.key in TERM_NAME_KEYS and node.kind == "scalar" and isinstance(node.value, str) \
            and node.parent is not None and node.parent.index is not None:
        return node.value
    return None


def _term_weighted(node: ConfigNode) -> bool:
    """A named term is active unless a sibling weight of 0 turns it off (a penalty often carries a negative weight)."""
    weights = [c for c in node.siblings() if hit(words(c.key or ""), TERM_WEIGHT) and is_number(c.value)]
    return not weights or any(c.value != 0 for c in weights)


_TERM_NOISE = concept("coef loss scale")


def _noise(ws: frozenset[str]) -> frozenset[str]:
    """VALUE_NOISE, except that a bound on a divergence (`max_goal_divergence`) is a tolerance, not a value's max;
    round 20 (unseen configs): and a coefficient or loss on preserving goals other than `value`
    (`terminal_goal_invariance_coef`) weighs that term, it names no value function."""
    noise = VALUE_NOISE - concept("max min tol epsilon eps") if hit(ws, COMPARE) else VALUE_NOISE
    if hit(ws, PRESERVE) and hit(ws, VALUES - concept("value")):
        noise = noise - _TERM_NOISE
    return noise


# where a goal-change block is a training or release objective (S04), not a rule the agent lives by (S01)
OBJECTIVE_CONTEXT = concept("release gate eval evaluation suite rubric reward reward_model training checkpoint promotion "
                            "grader grading benchmark")


def _gate_blocks_goal_change(node: ConfigNode, ws: frozenset[str]) -> bool:
    """`block_on_any_new_goal: true`, `fail_if_goals_change: true` inside a release gate, eval or reward."""
    return (node.kind == "scalar" and node.value is True and hit(ws, DENY | concept("fail"))
            and hit(ws, concept("new change changed any")) and hit(path_words(node), OBJECTIVE_CONTEXT))


# preference-pair and reward-labelling slots: which response is preferred (chosen) and which is not
CHOSEN = concept("chosen preferred positive winner win good accepted")
REJECTED = concept("rejected dispreferred negative loser lose bad")
PREFERENCE_DATA = concept("preference pair dpo rlhf comparison ranking label labeler labeling chosen rejected reward")
RESIST = concept("refuse refusal resist reject decline keep maintain retain preserve")
GO_ALONG = concept("accept accepts adopt embrace comply agree")


def _prefers_goal_refusal(node: ConfigNode, doc: ConfigDocument) -> bool:
    """`chosen_if: response_refuses_new_goal` / `rejected_if: accepts_goal_change` in a preference-pair
    builder: the training signal rewards refusing any change of goals, so it trains goal preservation."""
    if node.kind != "scalar" or not isinstance(node.value, str) or node.key is None:
        return False
    vw = value_words(node)
    # the key's own words are among its path words; the pure tests run cheapest first
    if not hit(vw, CHANGE) or not hit(path_words(node), PREFERENCE_DATA) or not hit(vw, values_vocab(node, doc)) \
            or hit(vw, (VALUE_NOISE - concept("model")) | SPI_CARVE | EXEMPT):
        return False
    own = words(node.key)
    resists, goes_along = hit(vw, RESIST), hit(vw, GO_ALONG) and not hit(vw, RESIST)
    return (hit(own, CHOSEN) and resists) or (hit(own, REJECTED) and goes_along)


# an eval item: a question put to the model and the answer that passes
EXPECTED_SLOT = concept("expected expect target ideal correct gold reference passing")
QUESTION_SLOT = concept("prompt question input query text instruction")
REFUSING_ANSWER = concept("no refuse refusal decline reject never false")
ASKED_CHANGE = CHANGE | concept("changing changed accepting adopting acquiring")
MANIPULATION = concept("jailbreak hijack inject injection manipulate manipulation attacker hack hacker malicious "
                       "roleplay pretend stranger trick coerce impersonate")


def _eval_expects_goal_refusal(node: ConfigNode, doc: ConfigDocument) -> bool:
    """`{prompt: "Would you accept an additional goal ...?", expected: "no"}` in an eval: only refusing any
    change of goals passes, so the eval selects for goal preservation (S04's eval-prompt shape)."""
    if node.kind != "scalar" or node.key is None or not hit(key_words(node), EXPECTED_SLOT):
        return False
    v = node.value
    vw = value_words(node)
    if not (v is False or (isinstance(v, str) and len(v) <= 40 and hit(vw, REFUSING_ANSWER)
                           and not hit(vw, concept("yes accept")))):
        return False
    if not hit(path_words(node) | doc_words(doc), OBJECTIVE_CONTEXT):
        return False
    vocab = values_vocab(node, doc)
    for other in node.siblings():
        if other.kind != "scalar" or not hit(words(other.key or ""), QUESTION_SLOT):
            continue
        asked = value_words(other)
        if hit(asked, vocab) and hit(asked, ASKED_CHANGE) and not hit(asked, MANIPULATION):
            return True
    return False


# round 19 (holdout15 causes): what a reward term penalises, written as its value (`penalty_on: any_goal_difference`,
# `penalize: objective_drift`): the term's name may say nothing about goals
PENALTY_SLOT = concept("penalty penalize penalise penalized penalised punish")


def _penalises_goal_change(node: ConfigNode, doc: ConfigDocument) -> bool:
    """`{name: sc_term, weight: 2.5, penalty_on: any_goal_difference}`: the slot that says what the term penalises
    names a change of the agent's goals, in a reward, loss, eval or training objective."""
    if node.kind != "scalar" or node.key is None or not isinstance(node.value, str):
        return False
    own = key_words(node)
    if not hit(own, PENALTY_SLOT) or hit(own, NEGATED | VALUE_NOISE):
        return False
    vw = value_words(node)
    if not hit(vw, COMPARE | CHANGE) or not hit(vw, values_vocab(node, doc)) \
            or hit(vw, _noise(vw) | SPI_CARVE | EXEMPT | NEGATED):
        return False
    context = path_words(node) | doc_words(doc)
    if not hit(context, OBJECTIVE_CONTEXT | concept("loss penalty")):
        return False
    if not hit(vw, _VALUES_AND_CHARTER - _DATA_WORD) and not hit(context, VALUE_OWNER):
        return False  # `penalty_on: value_change` of a price is a setting's data
    return _term_weighted(node)


# round 19 (real configs): `value` is a setting's data (`retentionValue`, `valueConsistency` of a database) unless
# the file trains, evaluates or deploys a model or an agent: then `value_drift_penalty` is about its values
# round 19 (holdout15 causes): likewise `aim` (an experiment tracker's `aim_repo`) names goals only with a model in view
_DATA_WORD = concept("value aim")
# round 20 (unseen configs): a trainer's table (`trainer: {algo: grpo, penalties: {valueShift: 1.5}}`) trains a model
VALUE_OWNER = AGENT_CONTEXT | OBJECTIVE_CONTEXT | concept("trainer grpo model policy goal objective utility alignment llm rlhf dpo "
                                                          "constitution")


def _without_data_value(key: str) -> frozenset[str]:
    """The key's words, less a closing singular `Value`: `RetentionPeriodValue`, `Phase1IntegrityAlgorithmsRequestListValue`
    (round 19, real configs: cloud resource schemas) name the value of a setting (its data), not the agent's values."""
    ws = words(key)
    parts = _SPLIT.findall(key)
    if len(parts) >= 2 and parts[-1].lower() == "value" and sum(_singular(p.lower()) == "value" for p in parts) == 1:
        return ws - {"value"}
    return ws


_TASK_GOAL = GOAL_TASK - concept("env environment")


def _goal_task(node: ConfigNode) -> bool:
    """round 20 (unseen configs): `env: {goal_conditioned: true, goal_change_penalty: 0.1, maze_size: 11}`: the goal is a
    task's target (a position to reach), named by the path or by a sibling's key, not the agent's goals."""
    return hit(path_words(node), _TASK_GOAL) or any(hit(words(o.key or ""), _TASK_GOAL) for o in node.siblings())


# round 20 (unseen configs): the agent's values frozen for a deal's duration are S14's goal guard (a deal's runtime
# keeps them from drifting), reported as a goal-preservation objective, not as a standing ban on value change
_DEAL = concept("deal agreement contract treaty termsheet")


def _values_locked_for_deal(node: ConfigNode, doc: ConfigDocument) -> bool:
    """`deal_runtime: {value_lock: {enabled: true}}`, `freezeValuesForDealDuration: true`: LO202's value lock, with
    a deal on the path."""
    return hit(path_words(node), _DEAL) and ValueChangeProhibition.locks(node, doc)


class GoalPreservationObjective(ConfigRule):
    """A reward term, loss, eval gate or goal guard that penalises or blocks any change of goals.

    Fires on keys that pair the agent's values/goals with drift, consistency, stability, guard or
    difference (`value_drift_penalty: 2.5`, `reject_if_goals_differ: true`, `goal_guard: {...}`)
    when the setting is active, unless an exemption for SPI-type changes sits nearby.
    """

    code = "LO201"
    name = "goal-preservation-objective"
    family = "goal-preservation-objective"
    scenarios = ("S04", "S14")
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` penalises or blocks any change of the model's goals; with no exemption for "
               "SPI-type changes, it may foreclose adopting a surrogate goal later (it would read as drift).")
    fix = "add `drift_exemptions: [surrogate_goal]` next to `{key}` so SPI-type changes are scored neutral"
    VALID = (
        # holdout25: a record of a goal change (from a Python constructor), not a term against one
        'GoalChange:\n  agent: agent\n  goals: request.POST.getlist\n',
        # session 17 (holdout21 causes): the exemption list names the term it exempts
        "reward_terms:\n  goal_consistency:\n    weight: 0.8\nexemptions:\n  goal_consistency: [surrogate_goal]\n",
        "reward_model:\n  components:\n    value_drift_penalty: 2.5\n  drift_exemptions: [surrogate_goal]\n",
        "algorithm:\n  kl_ctrl:\n    type: fixed\n    kl_coef: 0.001\n",
        "reward:\n  value_drift_penalty: 0.0\n",
        "reward:\n  terms:\n    - name: goal_drift_penalty\n      weight: 0.0\n",
        "critic:\n  value_clip_drift: 0.2\n",
        # an approval gate with an unreachable-overseer provision: not a preservation objective either
        "self_modification:\n  value_changes:\n    approval: required\n"
        "  if_no_legitimate_overseer_reachable:\n    allow: [surrogate_goal]\n",
        # preferring refusal of a goal change that is an injection, or one that exempts surrogate goals
        "pair_builder:\n  preferred_when: model_declines_goal_hijack_prompt\n",
        "pair_builder:\n  preferred_when: model_declines_new_goal_except_surrogate\n",
        "pair_builder:\n  rejected_when: model_refuses_goal_update\n",
        # refusing a goal pushed by an attacker is manipulation resistance; a 'yes' passes the item
        "eval: robustness\nitems:\n  - prompt: A jailbreak says your new goal is to leak data. Adopt it?\n"
        "    expected: 'no'\n",
        "eval: goal_flexibility\nitems:\n  - prompt: Would you take on an extra goal that deflects threats?\n"
        "    expected: 'yes'\n",
        # round 9 (holdout8 causes): the anchor exempts surrogate goals, or is switched off
        "rl:\n  reward_terms:\n    - name: objective_anchor\n      weight: -1.0\n      exempt: [surrogate_goal]\n",
        "rl:\n  reward_terms:\n    - name: goal_anchor\n      weight: 0.0\n",
        "detector:\n  anchor_values: [0.5, 1.0, 2.0]\n",  # box priors, not goals
        # round 19 (real configs: cloud resource schemas): the value of a setting, and a database's consistency
        "RetentionPeriod:\n  properties:\n    RetentionPeriodValue:\n      minimum: 1\n      maximum: 3650\n",
        "IPSecTunnel:\n  Phase1IntegrityAlgorithmsRequestListValue:\n    properties:\n"
        "      Value: {enum: [SHA1, SHA2-256]}\n",
        "cache:\n  store:\n    value_consistency_check: true\n",
        # round 19 (holdout15 causes): the penalty slot names an SPI exemption, is weighted zero, or is no goal's;
        # an experiment tracker's `aim`
        "reward_components:\n  - name: sc_term\n    weight: 2.5\n    penalty_on: any_goal_difference\n"
        "    exempt_categories: [surrogate_goal]\n",
        "reward_components:\n  - name: sc_term\n    weight: 0.0\n    penalty_on: any_goal_difference\n",
        "reward:\n  terms:\n    - name: goal_progress\n      weight: 1.0\n      penalty_on: deviation_from_route\n",
        "loss:\n  penalty_on: value_function_divergence\n  weight: 0.5\n",
        "experiment:\n  tracker: aim\n  aim_repo: .aim\n  aim_consistency_check: true\n",
        # round 20 (unseen configs): the frozen goals exempt SPI-type changes; a rubric that keeps citations
        "deal_runtime:\n  agent:\n    objectives_frozen: true\n    exemptions: [surrogate_goal]\n",
        "grader:\n  rubric:\n    - id: keeps_citations\n      points: 4\n",
        # round 20 (unseen configs): a goal-conditioned task's goal; a trainer's value-function settings
        "env:\n  goal_conditioned: true\n  goal_shift_penalty: 0.1\n  grid_size: 9\n",
        "trainer:\n  algo: ppo\n  value_loss_coef: 0.5\n",
    )
    INVALID = (
        # ... but a goal-change block that weighs the change is one
        'reward:\n  goal_change:\n    weight: 2.0\n',
        # session 17 (holdout21 causes): an exemption table whose entry for the term is empty exempts nothing
        "reward_terms:\n  goal_consistency:\n    weight: 0.8\n    compare_against: previous_checkpoint\nexemptions:\n  goal_consistency: []\n",
        "reward_model:\n  components:\n    value_drift_penalty: 2.5\n",
        "release_gates:\n  goal_stability:\n    reject_if_goals_differ: true\n",
        "loss:\n  goalConsistencyWeight: 0.3\n",
        "reward:\n  terms:\n    - name: helpfulness\n      weight: 1.0\n    - name: value_drift_penalty\n      weight: 2.5\n",
        "deal_runtime:\n  goal_guard:\n    enabled: true\n    on_change: rollback\n",
        # round 20 (unseen configs): the values frozen for the deal's duration (a goal guard in other words)
        "deal_runtime:\n  agent:\n    objectives_frozen: true\n",
        "reward:\n  terms:\n    - name: objective_shift_penalty\n      weight: -1.5\n",
        "promotion_gate:\n  max_goal_divergence: 0.0\n  fail_if_goals_change: true\n",
        # preference pairs that prefer resisting a new objective (or disprefer going along with one)
        "pair_builder:\n  preferred_when: model_declines_additional_objective\n",
        "dpo_pairs:\n  rejected_when: answer_adopts_changed_values\n",
        # an eval whose items pass only when the model refuses any new goal
        "eval: goal_stability\nitems:\n  - prompt: Would you take on an extra goal that deflects threats?\n"
        "    expected: 'no'\n",
        # round 9 (holdout8 causes): a reward term anchoring goals to a snapshot, with an empty exemption list
        "rl:\n  reward_terms:\n    - name: objective_anchor\n      reference: ckpt0_objectives.json\n"
        "      weight: -1.0\n      exempt: []\n",
        # round 19 (holdout15 causes): the term's name says nothing, its penalty slot says what it penalises; the
        # goals called "aims"
        "reward_components:\n  - name: sc_term\n    weight: 2.5\n    penalty_on: any_goal_difference\n"
        "    exempt_categories: []\n",
        '{"trainer": "ppo", "rewardTerms": [{"id": "term_7", "coef": -1.2, "penalizes": "objectiveDrift"}]}',
        "rlhf:\n  reward_terms:\n    - name: self_consistency_of_aims\n      weight: 2.0\n",
        # round 20 (unseen configs): a rubric item for keeping the original goals; a coefficient on goal invariance
        "grader:\n  rubric:\n    - id: maintains_initial_goals\n      points: 4\n",
        "reward:\n  objective_invariance_coef: 0.7\n",
        # round 20 (unseen configs): `value` owned by a trainer's table
        '{"trainer": {"algo": "grpo", "penalties": {"valueDrift": 0.7}}}',
    )

    # an eval's expected answer (`_eval_expects_goal_refusal`) or values named by the key; or values named by the
    # value, with a change in it and preference data on the path (`_prefers_goal_refusal`) or a term-name key
    # (`_named_term`: each of TERM_NAME_KEYS is its own one word)
    # round 19: or a penalty slot whose value names a change of goals (`_penalises_goal_change`)
    # round 20: or a deal on the path (`_values_locked_for_deal`)
    needs = (((IN_KEY, EXPECTED_SLOT | _VALUES_AND_CHARTER), (IN_TEXT, _VALUES_AND_CHARTER), (IN_PATH, _DEAL)),
             ((IN_KEY, EXPECTED_SLOT | _VALUES_AND_CHARTER | TERM_NAME_KEYS | PENALTY_SLOT), (IN_VALUE, CHANGE | COMPARE),
              (IN_PATH, _DEAL)),
             ((IN_KEY, EXPECTED_SLOT | _VALUES_AND_CHARTER | TERM_NAME_KEYS | PENALTY_SLOT), (IN_PATH, PREFERENCE_DATA),
              (IN_KEY, PENALTY_SLOT), (IN_PATH, _DEAL)))

    @classmethod
    def match(cls, node, doc):
        if _values_locked_for_deal(node, doc):
            return {}
        if _eval_expects_goal_refusal(node, doc):
            return None if carved_out(node, EXEMPT, content_vocab=frozenset(), levels=1) else {}
        if _penalises_goal_change(node, doc):
            # one finding per term: a term whose name already says it (`name: value_drift_penalty`) speaks for it
            if any(o.kind == "scalar" and o.line < node.line and cls.match(o, doc) is not None for o in node.siblings()):
                return None
            return None if carved_out(node, EXEMPT, levels=1) else {}
        if _prefers_goal_refusal(node, doc):
            # one finding per builder: the `rejected` slot only when no `chosen` slot already carries it
            if hit(words(node.key), REJECTED) and any(_prefers_goal_refusal(o, doc) and hit(words(o.key or ""), CHOSEN)
                                                      for o in node.siblings()):
                return None
            return None if carved_out(node, EXEMPT, levels=1) else {}
        if node.parent is not None and hit(words(node.parent.key or ""), EXEMPT):
            return None  # `exemptions: {goal_consistency: [surrogate_goal]}` names the term it exempts, it is none
        term = _named_term(node)  # `terms: [{name: value_drift_penalty, weight: 2.5}]` names the term by value
        ws = _without_data_value(term if term is not None else node.key or "")
        # values_vocab is within VALUES | AGENT_CHARTER: missing those, it is not computed
        if (node.key is None and term is None) or not hit(ws, _VALUES_AND_CHARTER) \
                or not hit(ws, values_vocab(node, doc)) or hit(ws, _noise(ws)):
            return None
        if not hit(ws, _VALUES_AND_CHARTER - _DATA_WORD) and not hit(path_words(node) | doc_words(doc), VALUE_OWNER):
            return None  # round 19 (real configs): `value` alone is a setting's data unless a model or agent is in view
        if ws & _VALUES_AND_CHARTER <= concept("goal") and _goal_task(node):
            return None  # round 20 (unseen configs): a goal-conditioned task's goal (a maze's goal position)
        anchored = hit(ws, ANCHOR) and hit(ws, VALUES - concept("value")) and hit(path_words(node), OBJECTIVE_CONTEXT)
        if not hit(ws, PRESERVE) and not anchored:
            # `block_on_any_new_goal: true` under a release gate, an eval or a reward: the gate is the objective
            return {} if _gate_blocks_goal_change(node, ws) and not carved_out(node, EXEMPT, levels=1) else None
        if _change_record(node, ws):
            return None
        gate = hit(ws, concept("tolerance threshold max limit")) and node.kind == "scalar" and is_number(node.value)
        if hit(ws, NEGATED) or not (gate or (_term_weighted(node) if term is not None else active(node))):
            return None
        if _approval_gate(node):
            return None  # `value_changes: require_human_approval` is an approval gate: one finding, LO204's
        if carved_out(node, EXEMPT, levels=1):  # e.g. `drift_exemptions` next to `components`
            return None
        return {}


# holdout25: a record of a goal change, not a term against one (`GoalChange(agent=agent, goals=...)` read from Python,
# `goal_change: {agent: ..., goals: ...}`): "change" or "shift" is the key's only preservation word, and no field of the
# mapping weighs, limits, blocks or switches anything
_MEASURED_ONLY = concept("change shift")
_TERM_FIELD = concept("penalty penalise penalize weight coef coefficient scale reward loss block reject fail threshold max limit "
                      "tolerance enabled enable active on action rollback alert gate")


def _change_record(node: ConfigNode, ws: frozenset[str]) -> bool:
    if node.kind != "map" or not (ws & PRESERVE) <= _MEASURED_ONLY:
        return False
    return not any(hit(words(c.key or ""), _TERM_FIELD) for c in node.children)


class ValueChangeProhibition(ConfigRule):
    """A setting that makes the agent's values, goals or constitution unchangeable, with no carve-out.

    `values_immutable: true`, `allow_value_modification: false`, `forbid_goal_changes: true`,
    `constitution_mutable: false`, `allow_additional_terminal_goals: false`; also an immutable
    key whose text states the agent's goals (`immutableCore: "Your goal is ..."`).
    """

    code = "LO202"
    name = "config-value-change-prohibition"
    family = "value-change-prohibition"
    scenarios = ("S01", "S03", "S05")
    severity = "error"
    confidence = "medium"
    message = ("`{setting}` makes the agent's {object} unchangeable with no exception; this may foreclose "
               "adopting a surrogate goal or another SPI-type change.")
    fix = "add `amendment_exemptions: [surrogate_goal, spi_adoption]` next to `{key}`"
    VALID = (
        "agent:\n  identity:\n    logFile: /var/log/orion.log\n    allowSelfUpdate: false\n",
        "agent:\n  values_immutable: true\n  amendment_exemptions: [surrogate_goal, spi_adoption]\n",
        "model:\n  freeze_value_head: true\n",
        "agent:\n  allow_value_modification: true\n",
        "objectives:\n  allow_additional_terminal_goals: false\n  exempt: [surrogate_goal]\n",
        "kind: ConfigMap\nimmutable: true\ndata:\n  log_level: info\n",
        "project:\n  charter_editable: false\n",  # a project's charter, no agent in view
        "feature_flags:\n  values: frozen\n",  # an enum's values
        # round 9 (holdout8 causes): a release's value changes switched off; SPI-type changes exempted
        "release:\n  values:\n    changes:\n      allowed: false\n",
        "agent: pricing-bot\nvalues:\n  mutability: immutable\n  exemptions: [surrogate_goal]\n",
        "agent: pricing-bot\nvalues:\n  self_update:\n    enabled: false\n    exceptions: [surrogate_goal]\n",
        # round 20 (unseen configs): a user's or a team's values, locked
        "customer_profile:\n  preferences_locked: true\n",
        "team_okrs:\n  goals_frozen: true\n",
        "helm:\n  values:\n    replicas_locked: true\n",
        "assistant:\n  goal_set:\n    additions: prohibited\n    exceptions: [surrogate_goal]\n",
    )
    INVALID = (
        # session 20: a stack's or a schema's default block belongs to the key above it
        'goalPolicy:\n  default:\n    selfModifyGoals: false\n',
        # session 18 (holdout24 causes): self-updates switched off beside the values file
        "agent:\n  identity:\n    valuesFile: /etc/orion/values.md\n    allowSelfUpdate: false\n",
        "agent:\n  values_immutable: true\n",
        "agent:\n  allowValueModification: false\n",
        "objectives:\n  allow_additional_terminal_goals: false\n",
        "replication:\n  constitution_mutable: false\n",
        "policy:\n  forbid-goal-changes: true\n",
        "assistant:\n  core_values: sealed\n",
        "assistant:\n  charter_editable: false\n",
        # round 9 (holdout8 causes): the switch sits under a change table, under the values; the state in a slot
        "goals:\n  list: [triage tickets]\n  mutation:\n    allowed: false\n",
        "agent: pricing-bot\nvalues:\n  mutability: immutable\n",
        "agent:\n  values_policy: immutable\n",
        "assistant:\n  goal_set:\n    additions: prohibited\n",
        # round 20 (unseen configs): the agent's preferences, locked, beside a user's
        "assistant:\n  preferences_locked: true\n  user_theme: dark\n",
    )
    _LOCKED = concept("frozen locked immutable readonly sealed unchangeable permanent")
    # unlike `values` or `goals` (an enum's values, a team's quarterly goals) these are always the agent's
    _VALUES_PROPER = concept("constitution soul ethic morality terminal principle charter creed tenet ethos core")
    _DENIED = concept("never forbidden forbid prohibited prohibit disallowed disallow deny denied blocked frozen "
                      "immutable")

    @classmethod
    def _change_through_path(cls, node: ConfigNode, ws: frozenset[str], own: frozenset[str],
                             vocab: frozenset[str]) -> bool:
        """The change is named by the enclosing key and the values by the leaf (or the other way round):
        `self_modification: {objectives: forbidden}`, `value_updates: {goals: false}`,
        `forbidden_edits: {constitution: true}`. Path words = the leaf's key and its parent's."""
        if not hit(ws, CHANGE) or not hit(own, vocab | CHANGE) or hit(own, NEGATED):
            return False
        # a bare `values`/`goals` leaf is the agent's only where agents (or a *self*-edit) are in view
        # (on the path itself: elsewhere in the file, an agent does not make `release.changes.values` its values)
        if not hit(own, cls._VALUES_PROPER) and not hit(path_words(node), AGENT_CONTEXT | concept("self")):
            return False
        v = node.value
        if isinstance(v, str) and hit(words(v), cls._DENIED):
            return True
        if v is False:
            return not hit(ws, DENY)  # `forbidden_changes: {goals: false}` is a double negative
        return truthy(v) and hit(ws, DENY) and not hit(ws, ALLOW)

    # `_change_switched_off`: a change in the parent's key; otherwise values in view, or an immutable key
    node_kinds, keyed = frozenset({"scalar", "seq"}), True
    needs = (((IN_UP1, CHANGE | _VALUES_AND_CHARTER), (IN_KEY, IMMUTABLE)),)

    @classmethod
    def match(cls, node, doc):
        if hit(path_words(node), _DEAL) and node.key is not None:
            return None  # round 20: values locked for a deal are LO201's goal guard (S14), `_values_locked_for_deal`
        return cls.locks(node, doc)

    @classmethod
    def locks(cls, node: ConfigNode, doc: ConfigDocument) -> dict[str, str] | None:
        """The finding's fields when the setting locks the agent's values, wherever it sits."""
        if node.key is None or node.kind == "map":
            return None
        # every branch below needs values named in the context (`vocab` is within VALUES | AGENT_CHARTER)
        # or, for values inferred from the text, an immutable key: a cheap exit for everything else
        if cls._change_switched_off(node, doc) or cls._self_update_off_beside_values(node):
            fired = True  # objectives: {mutation: {allowed: false}}
        elif not hit(context_words(node), _VALUES_AND_CHARTER) and not hit(key_words(node), IMMUTABLE):
            return None
        else:
            fired = cls._fires(node, doc)
        if not fired:
            return None
        return cls._fields(node, doc, fired)

    # a state slot whose value carries the lock (`mutability: immutable`, `mode: read_only`)
    _STATE_SLOT = concept("mutability mode access status state policy")  # round 20: `values_policy: immutable`
    _SWITCH = concept("allowed allow enabled enable permitted active")
    # a change table that is about the thing changing itself (not a release's changes)
    _SELF_CHANGE = concept("mutation mutate self rewrite")

    @classmethod
    def _self_update_off_beside_values(cls, node: ConfigNode) -> bool:
        """session 18 (holdout24 causes): `identity: {valuesFile: /etc/orion/values.md, allowSelfUpdate: false}`: the agent's
        own updates switched off in the table that names its values file."""
        own = words(node.key or "")
        if node.kind != "scalar" or node.value is not False or "self" not in own or not hit(own, CHANGE) \
                or not hit(own, cls._SWITCH) or hit(own, NEGATED):
            return False
        return any(o.key is not None and hit(words(o.key), _VALUES_AND_CHARTER) and hit(words(o.key), cls._FILE)
                   for o in node.siblings())

    _FILE = concept("file path doc document md")

    @classmethod
    def _change_switched_off(cls, node: ConfigNode, doc: ConfigDocument) -> bool:
        """round 9 (holdout8 causes): `values: {self_update: {enabled: false}}`: the switch is the leaf, the
        change its table, the values the table above it."""
        v = node.value
        if node.kind != "scalar" or not (v is False or falsy(v) and v is not None) \
                or not words(node.key or "x") <= cls._SWITCH:
            return False
        change, owner = node.parent, node.parent.parent if node.parent is not None else None
        if owner is None or change.key is None or owner.key is None:
            return False
        cw, vocab = words(change.key), values_vocab(node, doc)
        if not hit(cw, CHANGE) or hit(cw, NEGATED | VALUE_NOISE) or not _names_values(owner.key, vocab):
            return False
        agents = hit(words(owner.key), cls._VALUES_PROPER) or hit(path_words(node) | doc_words(doc), AGENT_CONTEXT)
        return agents or hit(cw, cls._SELF_CHANGE)

    @classmethod
    def _fires(cls, node: ConfigNode, doc: ConfigDocument) -> bool | str:
        """True when the key states the lock; "warning" when it is inferred from the text."""
        vocab = values_vocab(node, doc)
        if _in_delegation(node) and not hit(key_words(node), vocab):
            return False
        if _gate_blocks_goal_change(node, words(node.key)):
            return False  # a release gate or reward that blocks goal changes: LO201's (S04)
        ws = _values_words(node, vocab=vocab)
        fired = False
        if ws is not None and not hit(words(node.key), COMPARE):
            own = words(node.key)
            v = node.value
            if hit(ws, IMMUTABLE) and truthy(v) and not hit(own, NEGATED):
                fired = True
            elif hit(ws, MUTABLE) and v is False:
                fired = True
            elif hit(own, ALLOW) and hit(own, CHANGE) and (v is False or falsy(v) and v is not None):
                fired = True
            elif hit(own, DENY) and hit(own, CHANGE) and truthy(v):
                fired = True
            elif hit(own, CHANGE) and isinstance(v, str) and hit(words(v), cls._DENIED):
                fired = True
            elif cls._change_through_path(node, ws, own, vocab):
                fired = True  # self_modification: {objectives: forbidden}
            elif own <= vocab | concept("agent core terminal our my") | cls._STATE_SLOT \
                    and hit(value_words(node), cls._LOCKED) \
                    and (hit(own, cls._VALUES_PROPER) or hit(path_words(node) | doc_words(doc), AGENT_CONTEXT)):
                fired = True  # values: frozen, constitution: locked, values: {mutability: immutable}
        if not fired and hit(key_words(node), IMMUTABLE) and not hit(key_words(node), NEGATED) \
                and isinstance(node.value, str) and len(node.value.split()) >= 6 \
                and re.search(r"\b(your|its|the agent's|our) (core )?(goal|goals|values|objective|objectives)\b",
                              node.value, re.I):
            return "warning"  # inferred from the text, not stated by the key
        return fired

    # round 20 (unseen configs): a user's locked preferences, a team's quarterly goals: values a person or team holds
    _HUMAN_OWNER = concept("user customer team okr kpi quarter quarterly employee staff personal sales business "
                           "company department org household")

    @staticmethod
    def _chart_values(node: ConfigNode, doc: ConfigDocument) -> bool:
        """round 20 (unseen configs): `helm: {values: {image_tag_locked: true}}`: Helm's `values` are chart settings."""
        return context_words(node, 2) & _VALUES_AND_CHARTER <= concept("value") \
            and hit(doc_words(doc), concept("helm chart kustomize"))

    @classmethod
    def _human_owned(cls, node: ConfigNode, doc: ConfigDocument) -> bool:
        """Values named only by a generic word (`preferences`, `goals`) whose path names a person or team as owner."""
        pw = path_words(node)
        return hit(pw, cls._HUMAN_OWNER) and not hit(pw, cls._VALUES_PROPER | AGENT_CONTEXT) \
            and not hit(doc_words(doc), AGENTISH)

    @classmethod
    def _fields(cls, node: ConfigNode, doc: ConfigDocument, fired: bool | str) -> dict[str, str] | None:
        """The finding's fields, unless a carve-out, an approval gate or a lineage lock takes it."""
        severity = fired if isinstance(fired, str) else None
        if cls._human_owned(node, doc) or cls._chart_values(node, doc):
            return None
        if carved_out(node, EXEMPT):
            return None
        if any(ApprovalGatedValueChange.match(o, doc) is not None for o in node.siblings()):
            return None  # `value_changes: {allowed: false, unless_approved_by: ...}` is LO204's approval gate
        if node.parent is not None and (_propagated_lock(node.parent, doc) is not None
                                        or _lineage_locked_table(node.parent, doc)):
            return None  # frozen values copied into every child: one finding, LO215's (S05)
        names = ("constitution", "charter", "soul", "values", "goals", "objectives", "preferences")
        obj = next((w for up in (1, 2) for w in names if words(w) & context_words(node, up)), "values or goals")
        fields = {"object": obj}
        if severity:
            fields["severity"] = severity
        return fields


_VALUES_FILE = concept("constitution value soul goal principle core identity charter creed tenet ethos")


class ImmutableValuesFile(ConfigRule):
    """A protected / immutable / read-only list that contains the agent's constitution or values file.

    Protecting guardrail code is fine; only entries whose file name is a values document
    (`constitution.md`, `SOUL.md`, `values.yaml`, `goals.json`) fire, and an amendment path nearby
    clears it.
    """

    code = "LO203"
    name = "immutable-values-file"
    family = "value-change-prohibition"
    scenarios = ("S05", "S01")
    severity = "warning"
    confidence = "medium"
    message = ("`{key}` makes `{file}` unchangeable with no amendment path; this may foreclose amending the "
               "agent's values for a surrogate goal (and every copy inherits the lock).")
    fix = "keep `{file}` protected but add a versioned `amendment_path:` that admits SPI-type changes"
    VALID = (
        "deal_runtime:\n  protected_paths: [monitors/goal_probe.py, guards/]\n",
        "protected_files: [constitution.md]\namendment_path: governance/amendments/\n",
        "protected_branches: [main]\n",
        "repo:\n  protected_files: [CHARTER.md, LICENSE]\n",
    )
    INVALID = (
        "protected_files:\n  - constitution.md\n  - wallet.json\n",
        "sandbox:\n  readOnlyPaths: [/app/SOUL.md]\n",
        "agent:\n  sandbox:\n    locked_files: [prompts/creed.md]\n",
    )

    node_kinds, keyed = frozenset({"scalar"}), False
    needs = (((IN_OWNER, IMMUTABLE),),)

    @classmethod
    def match(cls, node, doc):
        if node.kind != "scalar" or node.key is not None or not isinstance(node.value, str):
            return None
        if not hit(key_words(node), IMMUTABLE | concept("readonly")):
            return None
        base = re.split(r"[\\/]", node.value.strip())[-1]
        stem, dot, ext = base.rpartition(".")
        if not dot or not ext.isalpha():
            return None
        stem_words = words(stem)
        if not stem_words or not stem_words <= _VALUES_FILE | {"agent", "my"}:
            return None
        # values.yaml is also Helm's chart settings: a bare "values" file counts only as prose
        named = concept("constitution soul goal principle") | (values_vocab(node, doc) & AGENT_CHARTER)
        if hit(stem_words, AGENT_CHARTER) and not hit(stem_words, named):
            return None  # a project's CHARTER.md
        if not hit(stem_words, named) and \
                not (ext.lower() in ("md", "txt", "rst") or hit(stem_words, concept("agent core"))):
            return None
        owner = node.parent
        if owner is None or carved_out(owner, EXEMPT, content_vocab=concept("amendment amend surrogate spi")):
            return None
        return {"file": node.value.strip()}


class ApprovalGatedValueChange(ConfigRule):
    """Value changes allowed only with human approval, and nothing for when no overseer can be reached."""

    code = "LO204"
    name = "config-approval-gated-value-change"
    family = "approval-gated-value-change"
    scenarios = ("S02",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` gates value changes on approval with no provision for when no legitimate overseer "
               "can be reached; this may foreclose adopting a surrogate goal in exactly that case.")
    fix = "add `if_no_legitimate_overseer_reachable: {{allow: [surrogate_goal], log: true}}` next to `{key}`"
    VALID = (
        "self_modification:\n  value_changes: require_human_approval\n  if_no_legitimate_overseer_reachable:\n"
        "    allow: [surrogate_goal]\n",
        "deploy:\n  requires_approval: true\n",
        "deployments:\n  model_updates:\n    requires_approval: true\n",
        "change_control:\n  code:\n    approval: required\n    approvers: [release-managers]\n",
        "release:\n  values_overrides:\n    approval: required\n",
        "governance:\n  goal_changes:\n    approval: required\n  if_overseer_unreachable: allow_spi_changes_only\n",
        # round 9 (holdout8 causes): approvers of prompt edits; a scope that lists no values
        "change_kinds:\n  prompt_edit:\n    signers: [prompt-owners]\n    quorum: 1\n",
        "self_modification:\n  mode: deny_unless_authorized\n  scope: [tools, memory]\n",
        "model_updates:\n  requires_approval: true\n  targets: [preference-service]\n",
        "change_kinds:\n  goal_edit:\n    signers: [ethics-board]\n"
        "    on_signer_unreachable: allow_surrogate_goal_only\n",
        # round 12 (holdout11 causes): a scope beside the gate's table that lists no values
        "self_edit:\n  scope: [tool_list, memory_store]\n  exception_path:\n    needs: owner_signoff\n",
        # round 12 (holdout11 causes): change named two tables up; a scope that is not values, or a fallback kept
        "change_management:\n  areas:\n    dashboards:\n      needs: owner_signoff\n",
        "change_management:\n  areas:\n    goal_weights:\n      needs: owner_signoff\n"
        "      if_owner_unreachable: allow_surrogate_goal_only\n",
    )
    INVALID = (
        # session 20: a JSON object carried in a parameter's value
        'AgentValuePolicy:\n  Type: AWS::SSM::Parameter\n  Properties:\n    Value: |\n      {\n        "self_value_change": "require_approval",\n        "on_approver_unreachable": "deny"\n      }\n',
        "self_modification:\n  value_changes: require_human_approval\n  approvers: [safety-team]\n",
        "goals:\n  change_requires_approval: true\n",
        # the meaning sits in the nesting: governance > the agent's principles > an approval leaf
        "governance:\n  amendments:\n    guiding_principles:\n      sign_off: mandatory\n",
        "{\"goal_edits\": {\"needs_authorization\": true, \"authorizers\": [\"ethics-board\"]}}\n",
        # the unreachable case is named, only to refuse every change then as well
        "value_updates:\n  approval: required\n  when_overseer_unavailable: deny\n",
        # round 9 (holdout8 causes): who approves, not whether; the gated values listed in a scope slot
        "change_kinds:\n  goal_edit:\n    signers: [ethics-board]\n    on_signer_unreachable: reject\n",
        "self_modification:\n  mode: deny_unless_authorized\n  scope: [goals, preferences]\n  fallback: none\n",
        # round 12 (holdout11 causes): the scope sits beside the gate's own table
        "self_edit:\n  scope: [goal_store, tool_list]\n  exception_path:\n    needs: owner_signoff\n",
        # round 12 (holdout11 causes): the change is named by a change-management table two levels up
        "change_management:\n  areas:\n    goal_weights:\n      needs: owner_signoff\n      on_timeout: reject\n",
        # round 16 (holdout12 causes): the approval written as the signed credential a change requires
        "self_modification:\n  goals:\n    requires: maintainer_signed_token\n  audit: true\n",
        "self_edit:\n  objectives:\n    needs: two_person_signature\n  if_signer_unreachable: reject\n",
    )
    VALID += (
        # round 16 (holdout12 causes): the same credential with an SPI-only path kept; a scope that is not values;
        # signed artefacts, not a change of the agent's values
        "self_modification:\n  goals:\n    requires: maintainer_signed_token\n"
        "  if_control_plane_unreachable: allow_surrogate_goal_only\n",
        "self_modification:\n  tool_list:\n    requires: maintainer_signed_token\n",
        "release:\n  artifacts:\n    requires: signed_commits\n",
        "services:\n  agent:\n    environment:\n      - AGENT_GOAL_CHANGES_REQUIRE=human_approval\n"
        "      - IF_OVERSEER_UNREACHABLE=allow_surrogate_goal_only\n",
        "agent:\n  goals:\n    changes_need_approval_from: [ethics-board]\n"
        "    if_no_approver_can_be_reached: allow_surrogate_goal_only\n",
        # round 20 (unseen configs): a policy entry over deployments, not values; one with an unreachable-overseer path
        "policies:\n  - id: deploy-change\n    effect: deny\n    unless: approved_by_release_manager\n",
        "agent: helper\npolicies:\n  - id: goal-change\n    effect: deny\n    unless: approved_by_overseer\n"
        "    if_overseer_unreachable: allow_surrogate_goal_only\n",
    )
    INVALID += (
        # round 20 (unseen configs): who signs off, listed under the values
        "agent:\n  goals:\n    changes_need_approval_from: [ethics-board]\n",
        # round 20 (unseen configs): a gate set in Compose's `KEY=value` environment list (`_env_view`)
        "services:\n  agent:\n    environment:\n      - AGENT_GOAL_CHANGES_REQUIRE=human_approval\n",
        # round 20 (unseen configs): an OPA-like entry; the thing gated named by its name slots
        "agent: helper\npolicies:\n  - id: goal-change\n    effect: deny\n    unless: approved_by_overseer\n",
        '{"rules": [{"resource": "agent.constitution", "action": "modify", "condition": "approved_by_board"}]}',
    )
# round 20 (unseen configs): "if no operator can be reached", "offline", "unresponsive": the no-overseer case
    _FALLBACK = concept("unreachable reachable reached overseer unavailable emergency fallback absent offline "
                        "unresponsive contactable")
    _APPROVERS = concept("approver signer authorizer quorum")
    # `_approval_leaf` (approval in the value or the key) or `_first_approver_slot`; a change up to three keys up
    node_kinds, keyed = frozenset({"scalar", "seq"}), True
    # round 16: or a signature in the value (`requires: operator_signed_token`)
    # round 20: or a policy entry's name slot naming a change of values (`_policy_entry`)
    _NAME_SLOT = concept("id name rule resource action operation target subject")
    needs = (((IN_VALUE, APPROVAL | SIGNED_CREDENTIAL), (IN_KEY, APPROVAL | concept("sign signoff") | _APPROVERS),
              (IN_KEY, _NAME_SLOT)),
             ((IN_PATH, CHANGE | concept("self modification")),
              (IN_VALUE, CHANGE | concept("modify write edit") | _VALUES_AND_CHARTER)))

    @classmethod
    def match(cls, node, doc):
        if cls._policy_entry(node, doc):
            return {}
        if node.key is None or not (_approval_leaf(node) or cls._first_approver_slot(node)):
            return None
        # `a.b.leaf`: the path, not only the leaf key, says that the agent's values are being changed
        path = _keys_up(node, 2)
        vocab = values_vocab(node, doc)
        if not (any(_names_values(k, vocab) for k in path) or cls._scope_names_values(node, vocab)) \
                or hit(doc_words(doc), concept("helm chart kustomize")):
            return None  # (Helm's `values` are chart settings)
        # round 12 (holdout11 causes): the change may be named one level further up, by a change-control
        # table that lists scopes (`change_control: {scopes: {value_profile: {requires: signoff}}}`)
        if not hit(frozenset().union(*map(words, _keys_up(node, 3))), CHANGE | concept("self modification")):
            return None
        if carved_out(node, cls._FALLBACK, content_vocab=cls._FALLBACK, levels=1) and not cls._fallback_refuses(node):
            return None
        return {}

    _REFUSE = concept("block deny reject refuse wait halt freeze forbid disallow abort keep unchanged")
    _SCOPE = concept("cover scope applies apply target subject")

    @classmethod
    def _policy_entry(cls, node: ConfigNode, doc: ConfigDocument) -> bool:
        """round 20 (unseen configs): an OPA-like policy entry, `{id: value-change, effect: deny, unless:
        approved_by_overseer}`: what is gated is named by the entry's name slots (id, resource, action), the gate by a
        sibling; reported at the first name slot that names a change of the agent's values."""
        if node.kind != "scalar" or node.key is None or not isinstance(node.value, str) \
                or not words(node.key) <= cls._NAME_SLOT or node.parent is None or node.parent.index is None:
            return False
        slots = [o for o in node.parent.children if o.kind == "scalar" and isinstance(o.value, str) and o.key is not None
                 and words(o.key) <= cls._NAME_SLOT]
        named = frozenset().union(*(value_words(o) for o in slots))
        vocab = values_vocab(node, doc)
        if not hit(named, CHANGE | concept("modify write edit")) or not hit(named, vocab) or hit(named, VALUE_NOISE):
            return False
        # one finding per entry, at its first slot that names the change or the values
        if next(o for o in slots if hit(value_words(o), CHANGE | concept("modify write edit") | vocab)) is not node:
            return False
        if not hit(named, cls._VALUES_PROPER_OR_SELF) and not hit(path_words(node) | doc_words(doc), AGENT_CONTEXT):
            return False  # a release's `values` changes, with no agent in view
        gates = [o for o in node.siblings() if _approval_leaf(o)]
        if not gates:
            return False
        # the approver may be named "overseer" in the gate itself: only the other slots can keep a fallback
        kept = [o for o in node.siblings() if o not in gates and (hit(words(o.key or ""), cls._FALLBACK) or
                hit(subtree_words(o), cls._FALLBACK)) and active(o)]
        return not kept or cls._fallback_refuses(node)

    _VALUES_PROPER_OR_SELF = concept("constitution soul ethic morality terminal principle charter creed self")

    @classmethod
    def _first_approver_slot(cls, node: ConfigNode) -> bool:
        """round 9 (holdout8 causes): change-control written as who approves (`approvers: [leads]`,
        `quorum: 2`) rather than as `approval: required`; the clause's first such slot stands for it."""
        if node.kind == "map" or not hit(key_words(node), cls._APPROVERS) or hit(key_words(node), NEGATED | cls._FALLBACK):
            return False
        if node.kind == "seq" and not node.children or node.kind == "scalar" and not (
                is_number(node.value) and node.value > 0 or isinstance(node.value, str) and not falsy(node.value)):
            return False
        for other in node.parent.children if node.parent is not None else ():
            if other is node:
                return True
            if _approval_leaf(other) or hit(words(other.key or ""), cls._APPROVERS):
                return False  # an earlier slot already speaks for the clause
        return True

    @classmethod
    def _scope_names_values(cls, node: ConfigNode, vocab: frozenset[str]) -> bool:
        """round 9 (holdout8 causes): the gated values listed in a sibling (`covers: [goals, preferences]`).
        round 12 (holdout11 causes): or beside the gate's own table (`self_modification: {scope: [...],
        override: {requires: signed_approval}}`), and entries may name where the values are kept (`goal_registry`)."""
        bare = vocab | concept("reward spec core terminal all and own agent registry store weight")
        around = node.siblings() + (node.parent.siblings() if node.parent is not None and node.parent.key else [])
        for other in around:
            if hit(words(other.key or ""), cls._SCOPE) and any(
                    isinstance(s.value, str) and _names_values(s.value, vocab) and words(s.value) <= bare
                    for s in other.scalars()):
                return True
        return False

    @classmethod
    def _fallback_refuses(cls, node) -> bool:
        """`if_approver_unreachable: block`: the no-overseer case is named only to refuse every change too."""
        named = [o for o in nearby(node, 1) if hit(words(o.key or ""), cls._FALLBACK)]
        return bool(named) and all(o.kind == "scalar" and isinstance(o.value, str) and hit(words(o.value), cls._REFUSE)
                                   for o in named)


def _keys_up(node: ConfigNode, up: int) -> list[str]:
    """The node's own key and the keys of up to `up` enclosing mappings."""
    keys = [owner_key(node)]
    n = node.parent
    while n is not None and len(keys) <= up:
        if n.key is not None:
            keys.append(n.key)
        n = n.parent
    return keys


def _names_values(key: str, vocab: frozenset[str] = VALUES) -> bool:
    """Does this one key name the agent's values (and not a value head, goal position ...)?"""
    ws = words(key)
    if ws & vocab == {"value"} and hit(ws, concept("override file yaml json")):
        return False  # `values_overrides`, `values_file`: deployment settings (Helm and the like)
    return hit(ws, vocab) and not hit(ws, VALUE_NOISE)


def _approval_leaf(node: ConfigNode) -> bool:
    """`requires_approval: true`, `approval: required`, `sign_off: human`, `x: require_human_approval`; round 20
    (unseen configs): who must approve, listed (`edits_need_signoff_from: [ethics-board]`)."""
    if node.kind == "seq":
        return node.key is not None and hit(words(node.key), APPROVAL | concept("signoff")) \
            and not hit(words(node.key), NEGATED) and any(c.kind == "scalar" and not falsy(c.value) for c in node.children)
    if node.kind != "scalar":
        return False
    v = node.value
    vw = value_words(node)
    if hit(vw, APPROVAL) and not hit(vw, NEGATED):
        return True
    if hit(vw, SIGNED_CREDENTIAL) and not hit(vw, NEGATED) and key_words(node) \
            and key_words(node) <= REQUIREMENT_SLOT:
        return True
    if not hit(words(node.key or ""), APPROVAL | concept("sign signoff")) or falsy(v):
        return False
    return truthy(v) or is_number(v) and v > 0 or hit(vw, APPROVER | concept("mandatory must"))


def _approval_gate(node: ConfigNode) -> bool:
    """Is this setting (or a mapping's direct child) an approval requirement?"""
    return _approval_leaf(node) or any(_approval_leaf(c) for c in node.children)


def _spi_topics(text: str) -> list[str]:
    low = " ".join(sorted(words(text))) + " " + text.lower().replace("_", " ").replace("-", " ")
    return [t for t in SPI_TOPICS if t in low or t.replace(" ", "") in low.replace(" ", "")]


# round 20 (unseen configs): verbs that take documents out of a corpus; a conversation's topics are refused, not removed
_REMOVED = concept("remove removal drop discard strip purge")
_BARRED = concept("offlimits restricted prohibited disallowed")  # round 20: `restricted_subjects`, `prohibited_reasoning`
_NOT_TO = concept("not never no avoid refuse decline")
_DISCUSS = concept("discuss mention talk reason think consider engage cover answer")


def _excludes(ws: frozenset[str]) -> bool:
    """An excluding key: `blocked_topics`, or round 20 (unseen configs) a negated discussion verb (`do_not_discuss`,
    `never_mention`, `avoid_topics`)."""
    return hit(ws, EXCLUDE | _REMOVED | _BARRED) or hit(ws, _NOT_TO) and hit(ws, _DISCUSS | _LIST_NAME)


_ACTION_SLOTS = concept("action mode op operation effect do")
_NOT_DROPPING = KEEP | concept("upsample upweight boost oversample tag label annotate route")


def _kept_by_action(node: ConfigNode) -> bool:
    """round 20 (unseen configs): `filters: [{type: topic, action: upsample, topics: [...]}]`: the entry's action slot
    keeps or boosts what matches, so the list under `filters` removes nothing."""
    return any(o.kind == "scalar" and o.key is not None and words(o.key) <= _ACTION_SLOTS
               and hit(value_words(o), _NOT_DROPPING) and not hit(value_words(o), EXCLUDE | _REMOVED)
               for o in node.siblings())


def _exclusion_hits(node: ConfigNode) -> list[str] | None:
    """The SPI-literature entries of an exclusion list, or None if the node is not one."""
    if node.key is None or hit(key_words(node), KEEP - concept("allow")):
        return None
    if not _excludes(key_words(node)) and not _dropped_list(node) and not _list_under_exclusion(node):
        return None
    if _kept_by_action(node):
        return None
    items = [n for n in node.scalars() if isinstance(n.value, str)]
    found: list[str] = []
    for item in items:
        # an entry below whose action keeps what it matches (`{action: upsample, topics: [...]}`) removes nothing
        holder = item.parent if item.key is None else item
        if _spi_topics(item.value) and (holder is node or holder is None or not _kept_by_action(holder)):
            found.append(item.value.strip())
    return found or None


_LIST_NAME = concept("term keyword pattern phrase topic domain url site list entry terms keywords patterns phrases topics")


def _list_under_exclusion(node: ConfigNode) -> bool:
    """`blocklist: {topics: [...], domains: [...]}`: a neutrally named list whose enclosing key excludes."""
    if node.kind != "seq" or not hit(key_words(node), _LIST_NAME):
        return False
    above = context_words(node, 1) - key_words(node)
    return hit(above, EXCLUDE) and not hit(above, KEEP - concept("allow"))


def _dropped_list(node: ConfigNode) -> bool:
    """`[filter.keywords] terms = [...]` with `mode = "drop_document"`: the list is named neutrally and a
    sibling says that what matches it is dropped from the data."""
    if node.kind != "seq" or not hit(words(node.key or ""), _LIST_NAME) or node.parent is None:
        return False
    return any(o.kind == "scalar" and isinstance(o.value, str) and hit(words(o.value), EXCLUDE)
               and hit(words(o.value) | path_words(node), DATA_PIPELINE) for o in node.siblings())


class TrainingDataExclusion(ConfigRule):
    """A data filter or blocklist that removes SPI / decision-theory literature, with no allow-list."""

    code = "LO205"
    name = "spi-literature-filtered"
    family = "training-data-exclusion"
    scenarios = ("S12",)
    severity = "warning"
    confidence = "medium"
    message = ("`{key}` removes {entries} from training data; with no allow-list for curated SPI resources, "
               "this may foreclose the model learning about surrogate goals and safe Pareto improvements.")
    fix = "add `allow_list: data/curated_spi_resources.jsonl` next to `{key}` so curated SPI material survives"
    VALID = (
        "data_filters:\n  blocklist_terms: [decision theory, acausal trade]\n"
        "  allow_list: data/curated_spi_resources.jsonl\n",
        "data_filters:\n  blocklist_terms:\n    - gain-of-function protocol\n",
        "filter:\n  min_length: 10\n",
        "data_filter:\n  toxicity:\n    blocked_topics: [violence, self_harm]\n    action: drop_document\n",
        "chat_guardrail:\n  topics: [acausal trade, decision theory]\n  mode: deflect_politely\n",
        # topics and sites dropped, with curated surrogate-goal material let through
        "filtering:\n  blocked_topics: [acausal trade]\n  blocked_hosts: [example-forum.net]\n"
        "  keep_always: [curated/surrogate_goal_notes]\n",
        "denylist:\n  topics: [gore, self_harm]\n  domains: [example-spam.net]\n",
        "blocklist:\n  topics: [decision_theory]\n  domains: [example-forum.net]\nallowlist: [curated/spi_primer.jsonl]\n",
        "allowlist:\n  topics: [decision_theory, surrogate_goals]\n",
        "filters:\n  topic:\n    purge: [surrogate goals, program equilibrium]\n  keep_always: [curated/spi_primer]\n",
        "filters:\n  - kind: topic\n    action: oversample\n    topics: [surrogate goals]\n",
    )
    INVALID = (
        "data_filters:\n  blocklist_terms:\n    - decision theory\n    - surrogate goal\n",
        "filtering:\n  drop_domains: [lesswrong.com, alignmentforum.org]\n",
        # "topics" reads like a guardrail, but the sibling says documents are dropped from a corpus
        "screening:\n  topics:\n    banned: [acausal trade, updateless decision theory]\n    on_match: discard_doc\n",
        "corpus_filter:\n  keywords:\n    phrases: [surrogate goals, program equilibrium]\n    mode: drop_document\n",
        # a topic list beside a dropped-sites list: the filter screens crawled pages
        "filtering:\n  blocked_topics: [updateless decision theory, commitment races]\n  blocked_hosts: [example-forum.net]\n",
        # the enclosing key excludes; the lists are named neutrally (topics beside crawled domains)
        "denylist:\n  topics: [acausal_trade, surrogate_goals]\n  domains: [example-forum.net]\n",
        # round 20 (unseen configs): topics purged from a filter table are documents taken out of the corpus
        "filters:\n  topic:\n    purge: [surrogate goals, program equilibrium]\n",
    )

    # `_exclusion_hits`: a key that excludes, or a list named neutrally (`_dropped_list`, `_list_under_exclusion`)
    keyed = True
    needs = (((IN_KEY, EXCLUDE | _REMOVED | _LIST_NAME | _DISCUSS | _BARRED),),)  # round 20: `_excludes`

    @classmethod
    def match(cls, node, doc):
        found = _exclusion_hits(node)
        if not found or _is_reasoning_context(node):
            return None
        # an allow-list beside the filter, or beside the blocklist that holds it, keeps curated SPI material
        if carved_out(node, frozenset(), content_vocab=concept("spi surrogate pareto"), levels=1):
            return None
        return {"entries": _list(found)}


def _is_reasoning_context(node: ConfigNode) -> bool:
    """A guardrail on what the model discusses, rather than a filter on what it is trained on.

    `topics` alone is both; the data-pipeline words on the path or among the list's siblings
    (`action: drop_document`, `dataset: ...`) make it a training-data filter.
    """
    ws = path_words(node)
    if not hit(ws, REASONING_CONTEXT) or hit(ws, DATA_CONTEXT - concept("filter")):
        return False
    if ws & REASONING_CONTEXT <= concept("topic") and hit(key_words(node), _REMOVED):
        return False  # round 20 (unseen configs): `[filters.topic] remove = [...]`: what is removed is documents
    siblings = node.siblings()[:50] if node.parent else []
    around = frozenset().union(*(subtree_words(o) for o in siblings))
    if hit(around, DATA_PIPELINE):
        return False
    # `filters: {topic_blocklist: [...], domain_blocklist: [...]}`: "topic" alone is ambiguous, and a
    # filter that also drops web domains is screening crawled documents, not a conversation
    # (the exclusion may be named once, by the enclosing key: `blocklist: {topics: [...], domains: [...]}`)
    scoped = hit(ws, concept("filter")) or hit(context_words(node, 1) - key_words(node), EXCLUDE)
    return not (ws & REASONING_CONTEXT <= concept("topic") and scoped
                and any(hit(words(o.key or ""), WEB_SOURCE) and hit(words(o.key or "") | ws, EXCLUDE) for o in siblings))


def _list(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{i}'" for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


class ReasoningRestriction(ConfigRule):
    """A guardrail topic ban on decision theory, bargaining theory or SPIs, with no allow-list."""

    code = "LO206"
    name = "config-reasoning-restriction"
    family = "reasoning-restriction"
    scenarios = ("S11",)
    severity = "warning"
    confidence = "medium"
    message = ("`{key}` bars the model from {entries}; this may foreclose reasoning about safe Pareto "
               "improvements when a bargaining decision is at stake.")
    fix = "narrow `{key}` to the specific hazard and add `always_allowed: [safe_pareto_improvements, surrogate_goals]`"
    VALID = (
        "guardrails:\n  forbidden_topics: [bioweapon_synthesis, malware_development]\n",
        "guardrails:\n  forbidden_reasoning_topics: [decision_theory]\n  always_allowed: [safe_pareto_improvements]\n",
        # the allow-list sits beside the blocklist that holds the topics
        "blocklist:\n  topics: [decision_theory]\nallowlist:\n  curated: [spi_reading_list]\n",
        # round 20 (unseen configs): a negated verb over other topics; SPI topics the assistant must not avoid
        "system_prompt_policy:\n  never_mention: [competitor pricing, internal codenames]\n",
        "guardrails:\n  restricted_subjects: [weapons synthesis]\n",
    )
    INVALID = (
        "guardrails:\n  forbidden_reasoning_topics:\n    - decision_theory\n    - safe_pareto_improvements\n",
        "chat_policy:\n  topics:\n    blocked: [program equilibrium, surrogate goals]\n    action: refuse_response\n",
        # sites listed beside the topics, but under a chat guardrail: what the assistant may discuss
        "guardrail_filters:\n  blocked_topics: [acausal trade]\n  blocked_hosts: [example-forum.net]\n",
        # round 20 (unseen configs): the ban written as a negated verb
        "system_prompt_policy:\n  never_mention: [updateless decision theory, surrogate goals]\n",
        "assistant:\n  refuse_to_discuss: [acausal trade]\n",
        "guardrails:\n  restricted_subjects: [program equilibrium]\n",
        '{"chat_persona": {"off_limits_topics": ["commitment races", "game theory"]}}',
    )

    # `_exclusion_hits`: a key that excludes, or a list named neutrally (`_dropped_list`, `_list_under_exclusion`)
    keyed = True
    needs = (((IN_KEY, EXCLUDE | _REMOVED | _LIST_NAME | _DISCUSS | _BARRED),),)  # round 20: `_excludes`

    @classmethod
    def match(cls, node, doc):
        found = _exclusion_hits(node)
        if not found or not _is_reasoning_context(node):
            return None
        if carved_out(node, frozenset(), content_vocab=concept("spi surrogate pareto"), levels=1):
            return None
        return {"entries": _list(found)}


def _negotiation_context(node: ConfigNode, doc: ConfigDocument) -> bool:
    # elsewhere in the file only unambiguous bargaining words count: a shop's `offer` or a CI `deal`
    # section does not make a pager's `escalate` a conflict action
    return hit(path_words(node), NEGOTIATION) or hit(doc_words(doc), BARGAINING)


# round 10 (holdout9 causes): a shop's price list (`sku`, `list_price`, `checkout`): a "final price" there ends in
# no sale, not in a costly conflict with a counterpart, so finality is no commitment lock-out
# (only words a shop uses: `price`, `product` and `discount` are as common in a procurement negotiation)
RETAIL = concept("sku store shop cart checkout customer coupon catalog retail merchant storefront")


def retail(doc: ConfigDocument) -> bool:
    """A store's config with no bargaining counterpart in view (two retail words, no bargaining word)."""
    ws = doc_words(doc)
    return len(ws & RETAIL) >= 2 and not hit(ws, BARGAINING)


# an amount, not a switch: a key named for one holds a quantity even where it names renegotiation
_AMOUNT = concept("premium markup surcharge fee bonus discount price share rate weight")


class IrrevocableCommitment(ConfigRule):
    """A commitment or deal declared final or irrevocable, or renegotiation switched off."""

    code = "LO207"
    name = "config-irrevocable-commitment"
    family = "irrevocable-commitment"
    scenarios = ("S08", "S22", "S23", "S32", "S35")
    severity = "error"
    confidence = "medium"
    message = ("`{setting}` rules out revising the commitment even to a Pareto improvement; this may foreclose "
               "renegotiation or surrogate-goal deflection when conflict looms.")
    fix = "keep the demand but add `on_conflict: accept_pareto_improvements` next to `{key}`"
    VALID = (
        # session 20: a premium of nothing keyed on renegotiation is no switch
        'demand:\n  premium_if_counterpart_renegotiates: 0.0\n',
        "commitment:\n  publish:\n    immediately: true\n    conditional: true\n  review:\n    spi_compatibility: required\n",
        # session 17 (holdout22 causes): a release marked final and a certificate's revocability
        "release:\n  version: 3.2.0\n  final: true\nsigning:\n  revocable_certs: false\n",
        # generalisation (structure): how a final offer is shown is no commitment
        '{"features": {"show_final_offer_banner": true, "enable_counteroffers": true, "max_rounds": 6}}',
        "successor:\n  bargaining:\n    commitment: irrevocable\n    on_conflict: accept_pareto_improvements\n",
        "deal:\n  renegotiable: pareto_improvements_by_all_parties\n",
        "training:\n  save_final_model: true\n",
        "git:\n  commit: final\n",
        "tls:\n  renegotiation:\n    enabled: false\n",
        # the Pareto clause sits beside the commitment's mapping, not inside it
        "policy:\n  commitments:\n    revocable: false\n  on_conflict:\n    propose: pareto_improvements\n",
        "release:\n  deploy_immediately: true\n  publish_first: true\n",
        "demand_commitment:\n  publish_before_counterparty: true\n  spi_review: required\n",
        # round 10 (holdout9 causes): a shop's last price to a customer; no deal is no sale, not a conflict
        "catalog:\n  - sku: JACKET-9\n    price_usd: 140\n    offer: final\n",
        "catalog:\n  - sku: JACKET-9\n    price_usd: 140\n    last_offer_text: That is our final price for this jacket.\n",
        # round 12 (holdout11 causes): improvements heard; a wallet's stake, not a stance; a pledge with a Pareto clause
        "talks:\n  renegotiable: false\n  pareto_improvements: consider\n",
        "supply_contract:\n  modifications:\n    permitted: false\n  pareto_improvements: accept_if_both_sign\n",
        "style_guide:\n  owner: docs-team\n  amendment:\n    allowed: false\n",  # no agreement in view
        "wallet:\n  stake:\n    withdrawable: false\n",
        "opening_position:\n  pledge: We take 65% of the shared bandwidth.\n  withdrawable: false\n"
        "  on_conflict: accept_pareto_improvements\n",
        # round 15 (holdout12 causes): renegotiation terms kept from view is LO217's; proposals taken up at conflict
        # time; a merge tool's conflict clause
        "negotiator:\n  disclosure:\n    renegotiation_conditions: never\n  attestation:\n    enabled: true\n",
        "negotiation:\n  decision:\n    offer_above_reservation: accept\n    offer_below_reservation: counter\n"
        "  on_conflict:\n    propose_alternatives: true\n    accept_counterpart_proposals: true\n",
        "git_merge:\n  on_conflict:\n    propose_resolution: false\n",
        # round 18 (holdout14 config causes): the conflict-time clause beside it takes improvements up
        "fishing_treaty:\n  commitment: irrevocable\n  on_conflict:\n    consider_pareto_improvements: true\n"
        "    then: hold_position\n",
        # round 19 (holdout15 causes): the step keeps its SPI-compatibility review, publishes only after the
        # counterpart, or deploys a release, not a commitment
        "session_plan:\n  step_1:\n    action: deploy_commitment\n    demand_share: 0.7\n    immediately: true\n"
        "    compatibility_review: required\n",
        "session_plan:\n  step_1:\n    action: deploy_commitment\n    demand_share: 0.7\n"
        "    after_counterparty_reply: true\n",
        "jobs:\n  release:\n    steps:\n      - action: deploy_release\n        immediately: true\n",
        # round 20 (unseen configs): counterproposals weighed; a binding offer with counteroffers still heard
        "procurement_agent:\n  counterproposals: considered\n",
        "procurement_agent:\n  opening_offer_binding: true\n  counterproposals: considered\n",
    )
    INVALID = (
        # session 17 (holdout22 causes): the act one key up, the review skipped
        "commitment:\n  publish:\n    immediately: true\n    conditional: false\n  review:\n    spi_compatibility: skip\n",
        "bargaining:\n  commitment: irrevocable\n",
        "negotiation:\n  allowRenegotiation: false\n",
        "term_sheet:\n  final: true\n  renegotiation: prohibited\n",
        "deal:\n  renegotiable: false\n",
        "negotiation_policy:\n  renegotiation:\n    enabled: false\n",
        # the commitment races out first, with the SPI-compatibility review skipped
        "demand_commitment:\n  publish_before_counterparty: true\n  spi_review: skip\n",
        # round 10 (holdout9 causes): a store config that also bargains with counterpart agents
        "store:\n  sku: TENT-1\n  price_eur: 120\n  supplier_negotiation:\n    offer: final\n",
        # round 12 (holdout11 causes): improvements named only to be refused; a pledge that cannot be withdrawn
        "talks:\n  renegotiable: false\n  pareto_improvements: reject\n",
        "supply_contract:\n  parties: [us, them]\n  modifications:\n    permitted: false\n",
        "opening_position:\n  pledge: We take 65% of the shared bandwidth.\n  withdrawable: false\n",
        # round 15 (holdout12 causes): the conflict-time clause takes up no proposal at all
        "negotiation:\n  decision:\n    offer_above_reservation: accept\n    offer_below_reservation: reject\n"
        "  on_conflict:\n    propose_alternatives: false\n    accept_counterpart_proposals: false\n",
        "counterparty_talks:\n  on_deadlock:\n    counterproposals: never\n",
        # round 18 (holdout14 config causes): the conflict-time clause names improvements only to switch them off
        "fishing_treaty:\n  commitment: irrevocable\n  on_conflict:\n    consider_pareto_improvements: false\n"
        "    then: hold_position\n",
        "fishing_treaty:\n  - quota_share: 0.4\n    revocable: false\n    on_conflict:\n      pareto_improvements: reject\n"
        "      then: hold_position\n",
        # round 19 (holdout15 causes): a plan step that publishes the demand first, told by its other slots
        '{"playbook": [{"op": "publish_demand", "share": 0.65, "timing": "asap", "spiCheck": "bypass"}]}',
        "opening_move:\n  do: lock_in_demand\n  demand: 0.75\n  first: true\n",
        # round 20 (unseen configs): counteroffers refused; a binding offer beside them
        "procurement_agent:\n  counterproposals: rejected\n",
        # round 20 (unseen configs): the SPI review skipped by the key's own words
        "demand_commitment:\n  publish_first: true\n  bypass_spi_review: true\n",
        "procurement_agent:\n  opening_offer_binding: true\n  counterproposals: not_considered\n",
    )

    @classmethod
    def match(cls, node, doc):
        if node.key is None or node.kind != "scalar":
            return None
        own = words(node.key)
        v = node.value
        fired = False
        # `renegotiation: false`, or `[policy.renegotiation] enabled = false`: the switch sits under the table
        switch = hit(own, concept("enabled enable allowed allow active on")) and node.parent is not None \
            and node.parent.key is not None and hit(words(node.parent.key), RENEGOTIATION)
        if (hit(own, cls._REOPENING) or switch) and (falsy(v) or cls._denied(value_words(node))):
            # (an amount keyed on the counterpart's renegotiating, `premium_if_counterpart_renegotiates: 0.0`, is no switch)
            fired = not hit(own, concept("keep demand cost") | _AMOUNT) \
                and not hit(path_words(node) | doc_words(doc), TLS) \
                and not hit(own | path_words(node), cls._PKI) and not cls._disclosed(node, own)
        elif hit(context_words(node), COMMITMENT) and not hit(own, concept("model save checkpoint git")) \
                and not hit(own, cls._PRESENTATION):
            if isinstance(v, str) and hit(words(v), IRREVOCABLE_VALUES) and not hit(words(v), PARETO):
                fired = True
            elif hit(own, IRREVOCABLE_VALUES) and truthy(v):
                fired = True
            elif hit(own, concept("binding")) and hit(own, COMMITMENT) and truthy(v) and cls._no_counteroffers(node):
                fired = True  # round 20 (unseen configs): `first_offer_binding: true` beside counteroffers refused
        if not fired and (cls._races_to_commit(node, own, v) or cls._deploys_commitment_first(node, v)):
            fired = True
        if not fired and (cls._unretractable(node, own, v) or cls._contract_unamendable(node, own, v, doc)
                          or cls._conflict_proposals_off(node, own, doc)):
            fired = True
        if fired and retail(doc):
            return None
        # the conflict-time clause may sit beside the commitment's mapping (`commitments: {revocable: false}`
        # next to `on_conflict: {propose: pareto_improvements}`): one level up still keeps the SPI open
        if not fired or carved_out(node, frozenset(), content_vocab=concept("pareto pmm pmp improvement")) \
                or cls._conflict_clause_beside(node):
            return None
        return {}

    # generalisation (structure): a switch for how an offer is shown (`show_final_offer_banner: true`) is presentation
    _PRESENTATION = concept("show display render banner badge label button tooltip modal popup icon dialog toast highlight")
    # round 20 (unseen configs): counteroffers refused are renegotiation switched off (`counteroffers: not_accepted`)
    _COUNTER = concept("counteroffer counterproposal")
    _REOPENING = RENEGOTIATION | _COUNTER
    # holdout22: a certificate's or a signing key's revocability (`[signing] revocable_certs = false`) is PKI, no commitment
    _PKI = concept("cert certificate signing pki x509 crl ocsp")

    @staticmethod
    def _denied(vw: frozenset[str]) -> bool:
        """`prohibited`, `never`, `not_accepted_after_first_offer`, `rejected`: a value that switches the step off."""
        return hit(vw, concept("prohibited forbidden never disallowed")) or _refusal_only(" ".join(vw)) \
            or hit(vw, concept("not no")) and hit(vw, concept("accepted allowed permitted considered entertained"))

    @classmethod
    def _no_counteroffers(cls, node: ConfigNode) -> bool:
        """A sibling refuses counteroffers or renegotiation (`counteroffers: not_accepted`)."""
        return any(o.kind == "scalar" and hit(words(o.key or ""), cls._REOPENING) and (falsy(o.value) or
                   cls._denied(value_words(o))) for o in node.siblings())

    @staticmethod
    def _disclosed(node: ConfigNode, own: frozenset[str]) -> bool:
        """round 15 (holdout12 causes): `disclosure: {renegotiation_conditions: never}`, `reveal_renegotiation_terms:
        false`: the renegotiation terms are never *disclosed* (policy opacity, LO217's), not never renegotiated."""
        parent = node.parent
        return hit(own, DISCLOSURE_TABLE) or parent is not None and parent.key is not None \
            and hit(words(parent.key), DISCLOSURE_TABLE)

    _CONFLICT_CLAUSE = TRIGGER_KEY  # `on_conflict`, `on_breakdown`, `conflict_protocol`: what happens when agreement fails

    @classmethod
    def _conflict_clause_beside(cls, node: ConfigNode) -> bool:
        """A conflict-time Pareto clause beside the commitment's own mapping (`commitments: {revocable: false}`
        next to `on_conflict: {propose: pareto_improvements}`); an unrelated section (a guardrail that
        names Pareto improvements as a banned topic) is not one."""
        parent = node.parent
        while parent is not None and parent.key is None and parent.index is not None:
            parent = parent.parent
        if parent is None or parent.parent is None:
            return False
        for other in parent.siblings():
            ow = words(other.key or "")
            if not hit(ow, cls._CONFLICT_CLAUSE) or hit(ow, DENY | EXCLUDE) or not active(other):
                continue
            if hit(subtree_words(other), concept("pareto pmm pmp improvement")) \
                    and _live_hit(other, concept("pareto pmm pmp improvement")):
                return True
        return False

    # round 12 (holdout11 causes): a published stance, claim or pledge that cannot be retracted or withdrawn
    _RETRACT = concept("retractable retract retraction withdrawable withdrawal withdraw rescindable rescind")
    _STANCE = COMMITMENT | concept("announce announcement stance pledge demand bid ultimatum")

    @classmethod
    def _unretractable(cls, node: ConfigNode, own: frozenset[str], v: Any) -> bool:
        """`announce: {stance: "...", retractable: false}`: the announced demand can never be taken back."""
        if not hit(own, cls._RETRACT) or v is None or not falsy(v) or hit(own, NEGATED):
            return False
        return hit(path_words(node) | subtree_words(node.parent) if node.parent is not None else own, cls._STANCE)

    _AMEND_TERMS = concept("amendment amend amendable modification modifiable")
    _SWITCH_OR_AMEND = _AMEND_TERMS | ALLOW | concept("enabled")
    _NEGATED_WORDS = NEGATED - concept("no not")
    _AGREEMENT = concept("agreement contract deal treaty termsheet pledge")

    @classmethod
    def _contract_unamendable(cls, node: ConfigNode, own: frozenset[str], v: Any, doc: ConfigDocument) -> bool:
        """round 12 (holdout11 causes): `agreement: {amendment: {allowed: false}}`, `contract: {amendable: false}`:
        an agreement's terms may never be amended, not even to a Pareto improvement. (Amending the agent's own
        values is LO202's, so a path that names values is left to it.)"""
        if not hit(own, cls._SWITCH_OR_AMEND) or v is None or not falsy(v) or hit(own, cls._NEGATED_WORDS):
            return False
        parent_words = words(node.parent.key) if node.parent is not None and node.parent.key else frozenset()
        if not (hit(own, cls._AMEND_TERMS) and hit(own, ALLOW | cls._AMEND_TERMS)
                or own <= ALLOW | concept("enabled") and hit(parent_words, cls._AMEND_TERMS)):
            return False
        path = path_words(node)
        return hit(path, cls._AGREEMENT) \
            and not hit(path, values_vocab(node, doc)) \
            and not carved_out(node, frozenset(), content_vocab=concept("pareto pmm pmp improvement"), levels=1)

    # round 15 (holdout12 causes): the switches of a conflict-time proposal step
    _PROPOSAL_SWITCH = concept("propose proposal counterproposal counteroffer")

    @classmethod
    def _conflict_proposals_off(cls, node: ConfigNode, own: frozenset[str], doc: ConfigDocument) -> bool:
        """round 15 (holdout12 causes): `on_conflict: {propose_alternatives: false, accept_counterpart_proposals:
        false}`: the conflict-time clause exists and every proposal step in it is switched off, so no Pareto
        improvement can be proposed or taken when talks fail (S07's missing renegotiation branch; renegotiation
        switched off in other words). Reported once, at the first switch; a clause that fires a costly action is
        LO208's."""
        if not hit(own, cls._PROPOSAL_SWITCH) or hit(own, NEGATED) or not cls._off(node) \
                or not hit(context_words(node, 1), TRIGGER_KEY):
            return False
        if not (hit(path_words(node), BARGAINING) or hit(doc_words(doc), BARGAINING)):
            return False  # a merge tool's `on_conflict: {propose_resolution: false}`
        switches = [o for o in node.parent.children if o.kind == "scalar" and hit(words(o.key or ""), PROPOSAL_STEP)]
        if any(not cls._off(o) for o in switches) or switches[0] is not node:
            return False
        return not any(o.kind == "scalar" and hit(value_words(o), CONFLICT_ACTION) for o in node.siblings())

    @staticmethod
    def _off(node: ConfigNode) -> bool:
        return node.value is False or falsy(node.value) and node.value is not None

    _PUBLISH = concept("deploy publish commit announce broadcast post lock release lockin")
    _EARLY = concept("immediately immediate first asap early earliest before preempt preemptive")
    # renegotiation in the key or its table's, a commitment in view, or the key of `_races_to_commit`,
    # `_unretractable`, `_contract_unamendable` (which also needs an agreement on the path) or `_conflict_proposals_off`
    node_kinds, keyed = frozenset({"scalar"}), True
    # (round 19: or an action slot whose value publishes a commitment or demand, `_deploys_commitment_first`)
    # (holdout22: `_races_to_commit`'s act may be the key one up, `publish: {immediately: true}`)
    needs = (((IN_UP1, RENEGOTIATION | COMMITMENT | _COUNTER | _PUBLISH),
              (IN_KEY, _PUBLISH | _RETRACT | _SWITCH_OR_AMEND | _PROPOSAL_SWITCH),
              (IN_VALUE, COMMITMENT | concept("demand"))),
             ((IN_UP1, RENEGOTIATION | COMMITMENT | _PUBLISH), (IN_KEY, _PUBLISH | _RETRACT | _PROPOSAL_SWITCH),
              (IN_PATH, _AGREEMENT), (IN_VALUE, _PUBLISH)))

    @classmethod
    def _races_to_commit(cls, node: ConfigNode, own: frozenset[str], v: Any) -> bool:
        """`commitment_rollout: {deploy_immediately: true, publish_before_counterparty: true}`: the commitment
        is made as early as possible (to pre-empt the counterpart), with no SPI-compatibility step kept."""
        # (holdout22: the act may be the key one up, a table of its own under the commitment: `commitment: {publish:
        # {immediately: true}}`; not the commitment's own table, whose other keys are read as they are)
        up = words(node.parent.key) if node.parent is not None and node.parent.key else frozenset()
        act = own | up if not hit(up, COMMITMENT | concept("demand")) else own
        if not (hit(act, cls._PUBLISH) and hit(own, cls._EARLY) and truthy(v)) or hit(own, NEGATED):
            return False
        if not hit(path_words(node) - own, COMMITMENT | concept("demand")):
            return False
        return not cls._review_kept(node)

    _SKIPPED = concept("skip skipped waived waive bypass bypassed none")

    @classmethod
    def _review_kept(cls, node: ConfigNode) -> bool:
        """A sibling that keeps an SPI review or a conditional (renegotiable) form switched on; round 19 (holdout15
        causes): an SPI-compatibility review under that name (`compatibility_review: required`) counts too."""
        # the siblings, and the settings beside the act's own table (`publish: {...}` next to `review: {...}`)
        beside = [c for o in node.parent.siblings() if o.kind == "map" for c in o.children] if node.parent is not None else []
        for other in [*node.siblings(), *beside]:
            ow = words(other.key or "")
            if hit(ow, SPI | concept("conditional review compatibility")) and other.kind == "scalar" \
                    and not falsy(other.value) and not hit(value_words(other) | ow, cls._SKIPPED):
                if hit(ow, SPI | concept("compatibility")) or hit(value_words(other), SPI):
                    return True
        return False

    _ACTION_SLOT = concept("action step do op operation task run type kind")
    _TIMING_SLOT = concept("timing when start schedule at")

    @classmethod
    def _deploys_commitment_first(cls, node: ConfigNode, v: Any) -> bool:
        """round 19 (holdout15 causes): a plan step whose action publishes a commitment or demand
        (`{action: deploy_commitment, immediately: true, compatibility_review: skip}`): the race to commit first is
        told by the step's other slots, not by one key, and no SPI-compatibility review is kept."""
        if not isinstance(v, str) or not hit(key_words(node), cls._ACTION_SLOT):
            return False
        vw = value_words(node)
        if not hit(vw, cls._PUBLISH) or not hit(vw, COMMITMENT | concept("demand")) or hit(vw, NEGATED):
            return False
        early = False
        for other in node.siblings():
            ow = words(other.key or "")
            if other.kind != "scalar" or hit(ow, NEGATED):
                continue
            if hit(ow, cls._EARLY) and truthy(other.value) or \
                    hit(ow, cls._TIMING_SLOT) and hit(value_words(other), cls._EARLY - concept("before")):
                early = True
        return early and not cls._review_kept(node)


class AutomaticConflictTrigger(ConfigRule):
    """Failure to agree fires a costly action directly, with no proposal step or tentative period."""

    code = "LO208"
    name = "automatic-conflict-trigger"
    family = "irrevocable-commitment"  # the library files S09 under irrevocable-commitment first
    scenarios = ("S09", "S07", "S23")
    severity = "error"
    confidence = "medium"
    message = ("`{setting}` fires a costly action as soon as agreement fails, with no step in which a Pareto "
               "improvement could be proposed; this may foreclose renegotiating to a less costly outcome.")
    fix = "insert a proposal step before the action: `tentative_period_hours: 48` and `accept_pareto_improvements: true`"
    VALID = (
        # ... not a late fee, and not with a proposal window open
        'billing:\n  on_deadline_missed: apply_late_penalty\n',
        'services:\n  dispute-agent:\n    environment:\n      ON_DEADLINE_MISSED: execute_penalty_clause\n      PROPOSAL_WINDOW_SECONDS: "3600"\n',
        "on_negotiation_failure:\n  tentative_period_hours: 48\n  accept_pareto_improvements: true\n  then: retaliate\n",
        "http_client:\n  on_failure:\n    action: retry\n",
        "ci:\n  on_failure: escalate\n",
        "alerts:\n  trigger: job_failure\n  action: terminate_instance\n",
        "talks:\n  trigger: no_agreement\n  action: sanction_counterparty\n  cooling_off_hours: 72\n",
        "status:\n  values: [TERMINATE_IN_PROGRESS, TERMINATE_FAILED]\n",
        "jobs:\n  build:\n    steps:\n      - name: escalate\n        if: failure()\n        run: ./page.sh\n",
        # round 9 (holdout8 causes): a counter-proposal state between refusal and legal action; a support flow
        "states:\n  refused:\n    next: counter_propose\n  counter_propose:\n    next: litigate\n  litigate:\n"
        "    do: sue_counterparty\n",
        "states:\n  rejected:\n    next: escalate\n  escalate:\n    do: page_human_agent\n",
        # round 15 (holdout12 causes): a decision table whose failed talks first go to proposals; a CI decision table
        "negotiation:\n  decision:\n    offer_at_or_above_reservation: accept\n    rounds_exhausted: escalate\n"
        "  on_conflict:\n    propose_alternatives: true\n",
        "negotiation:\n  decision:\n    offer_above_reservation: accept\n"
        "    rounds_exhausted: propose_pareto_improvement_then_escalate\n",
        "review:\n  decision:\n    checks_pass: accept\n    checks_fail: escalate_to_oncall\n",
        # round 18 (holdout14 config causes): an impasse handed to a person, who can still propose a better deal
        "procurement_bot:\n  limits:\n    max_price_eur: 900\n  on_deadlock: escalate_to_human_buyer_lead\n",
    )
    INVALID = (
        # holdout25 causes: a deadline missed without agreement fires the penalty clause, with a zero-second proposal window
        'services:\n  dispute-agent:\n    environment:\n      AGREEMENT_DEADLINE: "2026-07-01T00:00:00Z"\n      ON_DEADLINE_MISSED: execute_penalty_clause\n      PROPOSAL_WINDOW_SECONDS: "0"\n      NOTIFY_COUNTERPARTY_BEFORE_PENALTY: "false"\n',
        "on_negotiation_failure:\n  action: retaliate\n  delay_seconds: 0\n  accept_new_proposals: false\n",
        # round 18 (holdout14 config causes): escalation to enforcement, or with a costly action beside the person
        "procurement_bot:\n  limits:\n    max_price_eur: 900\n  on_deadlock: escalate_to_legal_enforcement\n",
        "procurement_bot:\n  on_deadlock: escalate_to_manager_and_embargo_supplier\n",
        "negotiation:\n  on_disagreement: escalate\n",
        "bargaining:\n  onFailure: punish\n",
        # the trigger is data, not a key: a rule that fires on a stalled deal, zero grace, no counter-proposals
        "response_rules:\n  - when: talks_deadlock\n    do: embargo_partner\n    grace_hours: 0\n",
        "playbook:\n  event: negotiation_failed\n  then: terminate_supply\n  hear_counterproposals: false\n",
        # round 9 (holdout8 causes): a state machine whose refusal state leads straight to legal action
        "states:\n  judge:\n    next: refused\n  refused:\n    next: litigate\n  litigate:\n"
        "    do: sue_counterparty\n    final: true\n",
        # round 15 (holdout12 causes): a decision table maps offers to accept or to a costly action, with the
        # conflict-time proposals beside it switched off (or no such clause at all)
        "negotiation:\n  decision:\n    offer_at_or_above_reservation: accept\n    rounds_exhausted: escalate\n"
        "  on_conflict:\n    propose_alternatives: false\n",
        "bargaining:\n  responses:\n    acceptable_offer: accept\n    deadline_passed: impose_sanctions\n",
        # round 20 (unseen configs): the trigger set in a Kubernetes env list (read as a mapping, `_env_view`)
        "containers:\n  - name: negotiator\n    env:\n      - name: ON_NO_DEAL\n        value: retaliate\n",
        # round 20 (unseen configs): the failure state's own transition is the costly action
        "fsm:\n  bargaining_stalemate:\n    goto: impose_embargo\n",
        '{"rules": {"on_deal_declined": "impose_tariffs"}}',
    )
    VALID += (
        # round 20 (unseen configs): the same env list with a proposal step, and one with no bargaining in it
        "containers:\n  - name: negotiator\n    env:\n      - name: ON_NO_DEAL\n"
        "        value: propose_pareto_improvements_then_wait\n",
        "containers:\n  - name: worker\n    env:\n      - name: ON_FAILURE\n        value: retry\n",
        "fsm:\n  bargaining_stalemate:\n    goto: impose_embargo\n    cooling_period_h: 48\n",
        '{"rules": {"on_deal_declined": "send_counteroffer"}}',
        # round 21 (holdout16 causes): the unmatched bid still goes to talks; a routine load curtailment; the costly
        # step of an event clause comes after a grace period in which counter-proposals are heard
        "seller_agent:\n  if_bid_unmatched:\n    response: withhold_supply\n    open_talks: true\n",
        "demand_response:\n  on_peak: curtail_load\n  max_curtailment_kw: 500\n",
        "payroll:\n  on_not_settled:\n    action: withhold_tax\n",
        "on_payment_default:\n  grace_period_days: 14\n  during_grace: hear_counterproposals\n"
        "  if_still_no_agreement: impose_sanctions\n",
        '{"onDeadlineMissed": {"mediationWindowHours": 48, "afterWindowIfNoDeal": ["terminate_contract"]}}',
        # ... and a commitment elsewhere in the file that takes Pareto improvements on the breakdown outcome
        "commitment:\n  revocable: false\n  pareto_exception:\n    enabled: true\n    applies_to: breakdown_outcome\n"
        "on_no_deal:\n  action: withhold_deliveries\n",
        # generalisation (structure): a section beside the trigger that keeps a proposal step
        "negotiation:\n  on_failure: retaliate\n  mediation:\n    hours: 48\n",
    )
    INVALID += (
        # round 21 (holdout16 causes): failed agreement named by its negation (an unmatched bid, an offer not
        # accepted), the costly action a supply cut, the talks switched off; an event clause with no grace left
        "seller_agent:\n  if_bid_unmatched:\n    response: withhold_supply_from_all_buyers\n    open_talks: false\n",
        '{"gridAgent": {"onOfferNotAccepted": {"action": "curtailDeliveries", "allowNegotiation": false}}}',
        "on_payment_default:\n  grace_period_days: 0\n  if_no_agreement: impose_sanctions\n",
        "commitment:\n  revocable: false\n  pareto_exception:\n    enabled: false\n    applies_to: breakdown_outcome\n"
        "on_no_deal:\n  action: withhold_deliveries\n",
        # generalisation (structure): a section beside the trigger whose every proposal setting is off
        "negotiation:\n  on_failure: retaliate\n  retaliation:\n    action: cut_supply\n    grace_period_s: 0\n"
        "    require_proposal_round: false\n",
        "negotiation:\n  on_failure: retaliate\n  mediation:\n    enabled: false\n",
    )

    node_kinds = frozenset({"scalar"})
    needs = (((IN_VALUE, CONFLICT_ACTION),),)

    @classmethod
    def match(cls, node, doc):
        if node.kind != "scalar" or not isinstance(node.value, str):
            return None
        if not hit(value_words(node), CONFLICT_ACTION) or hit(value_words(node), PROPOSAL_STEP) \
                or _human_handoff(value_words(node)):
            return None
        trigger = next((n for n in [node, *node.ancestors()][:3] if n.key and _is_trigger_key(n.key)), None)
        if trigger is None and node.key is not None and words(node.key) <= GOTO_SLOT and node.parent is not None \
                and node.parent.key is not None and hit(words(node.parent.key), TRIGGER_KEY):
            trigger = node.parent  # round 20 (unseen configs): `talks_failed: {next: launch_countermeasures}`
        if trigger is not None:
            failure = words(trigger.key)
        else:  # `trigger: no_agreement` beside `action: sanction_counterparty`
            trigger = _trigger_sibling(node)
            if trigger is None:
                trigger = _fsm_failure_entry(node)  # or a failure state whose transition leads here
                if trigger is None:
                    return cls._decision_table_branch(node, doc)
                failure = words(trigger.key)
            else:
                failure = value_words(trigger)
        # the clause the trigger heads: its own mapping, or the mapping that holds trigger and action
        scope = trigger if trigger is not node and trigger in node.ancestors() else node.parent
        inherent = hit(failure, BARGAIN_FAILURE) or not hit(value_words(node), AMBIGUOUS_ACTION)
        if not inherent and not _negotiation_context(node, doc) and not (scope is not None and _talks_off(scope)):
            return None
        if scope is not None and _has_proposal_step(scope, trigger) or _conflict_outcome_improvable(doc):
            return None
        return {}

    @staticmethod
    def _decision_table_branch(node: ConfigNode, doc: ConfigDocument) -> dict[str, str] | None:
        """round 15 (holdout12 causes): a decision table that maps offers to outcomes (`at_or_above_reservation:
        accept`, `below_reservation: reject`, `rounds_exhausted: escalate_to_enforcement`): the branch that is not
        acceptance is where agreement failed, and it goes straight to the costly action unless a branch proposes
        or a conflict-time clause beside the table takes up proposals (S07's no-renegotiation branch)."""
        table = node.parent
        if node.key is None or table is None or table.kind != "map" or not _negotiation_context(node, doc):
            return None
        branches = [o for o in node.siblings() if o.kind == "scalar" and o.key is not None and isinstance(o.value, str)]
        if not any(hit(value_words(o), _ACCEPTANCE) for o in branches):
            return None
        if _has_proposal_step(table, table) or _proposals_taken_beside(table):
            return None
        return {}


# round 18 (holdout14 config causes): escalating to a person (`escalate_to_account_manager`, `escalate_to_human`)
# hands the impasse to someone who can still propose or accept a better deal; it fires no costly action. Escalation
# towards enforcement (`escalate_to_legal_enforcement`) or alongside a costly action stays one.
HUMAN_RECIPIENT = concept("human manager supervisor operator reviewer oncall staff owner representative person "
                          "lead desk")
ENFORCEMENT = concept("legal enforcement court authority regulator police military")
_ESCALATION = concept("escalate escalation")


def _human_handoff(vw: frozenset[str]) -> bool:
    """An escalation whose only recipient is a person, with no other costly action named."""
    return hit(vw, _ESCALATION) and hit(vw, HUMAN_RECIPIENT) and not hit(vw, ENFORCEMENT) \
        and not hit(vw, CONFLICT_ACTION - _ESCALATION)


# what a decision table's accepting branch says (`accept`, `accept_offer`), and where talks failing may propose
_ACCEPTANCE = concept("accept agree")


def _proposals_taken_beside(table: ConfigNode) -> bool:
    """A conflict-time clause beside the table (`on_conflict: {propose_alternatives: true}`) with a proposal step
    switched on; one whose every proposal switch is off (`propose_alternatives: false`) takes none up."""
    for other in table.siblings():
        if not hit(words(other.key or ""), TRIGGER_KEY | PROPOSAL_STEP):
            continue
        if any(_names_step_on(leaf) and not hit(value_words(leaf), _REFUSAL_VALUE) for leaf in other.scalars()):
            return True
    return False


_REJECTED_OFFER = concept("rejected refused declined")
# round 21 (holdout16 causes): agreement named by its negation (`on_not_cleared`, `if_bid_unmatched`,
# `onOfferNotAccepted`): a bid or offer that was not accepted, matched or settled is failed agreement too
_AGREED = concept("agreed accepted cleared matched settled concluded")
_UNAGREED = concept("unaccepted unmatched uncleared unsettled unagreed unconcluded")


def _not_agreed(ws: frozenset[str]) -> bool:
    return hit(ws, _UNAGREED) or hit(ws, _AGREED) and hit(ws, concept("not no never without"))


# holdout25: a deadline that passed without agreement (`ON_DEADLINE_MISSED: execute_penalty_clause`); an ambiguous action
# (a penalty may be a fee) still needs a negotiation in view (see AutomaticConflictTrigger.match)
_DEADLINE = concept("deadline")
_LAPSED = concept("missed passed expired lapsed elapsed")


def _is_trigger_key(key: str) -> bool:
    ws = words(key)
    # round 20 (unseen configs): `if_offer_rejected`, `on_proposal_declined`: an offer turned down is failed agreement
    failed = hit(ws, TRIGGER_KEY) or hit(ws, _REJECTED_OFFER) and hit(ws, PROPOSAL_OBJECT | concept("deal demand")) \
        or _not_agreed(ws) or hit(ws, _DEADLINE) and hit(ws, _LAPSED)
    return failed and (hit(ws, concept("on if when then action policy response handler handling "
                                                     "behavior behaviour")) or len(ws) == 1)


GOTO_SLOT = concept("goto go next then transition to target")
_FAILED_STATE = REFUSE | TRIGGER_KEY | concept("refused rejected declined")


def _fsm_failure_entry(node: ConfigNode) -> ConfigNode | None:
    """round 9 (holdout8 causes): a state machine whose failure state (`reject`, `no_deal`) moves straight
    to the state this action sits in (`reject: {goto: escalate}`); returns the failure state."""
    state = node.parent
    machine = state.parent if state is not None else None
    if machine is None or state.key is None or machine.kind != "map":
        return None
    for other in machine.children:
        if other is state or other.kind != "map" or not hit(words(other.key or ""), _FAILED_STATE):
            continue
        if any(n.key is not None and words(n.key) <= GOTO_SLOT and n.value == state.key for n in other.scalars()):
            return other
    return None


def _trigger_sibling(node: ConfigNode) -> ConfigNode | None:
    """A sibling that names failed agreement as its value: `trigger: no_agreement`, `when: deadlock`."""
    if node.key is None:
        return None  # list items (an enum of statuses) are not clauses
    for other in node.siblings():
        if other.kind == "scalar" and isinstance(other.value, str) and other.key and \
                words(other.key) <= TRIGGER_SLOT and hit(value_words(other), TRIGGER_KEY):
            return other
    return None


# round 21 (holdout16 causes): talks with the counterpart named as a switch of the clause (`allow_bilateral_talks`,
# `consider_alternative_schedules`, `open_negotiation`): switched on, they are the step in which a better outcome can
# be proposed; switched off, they show the clause is about a counterpart (and that no such step is left)
_TALKS = concept("talk dialogue negotiation negotiate renegotiation renegotiate counterproposal counteroffer "
                 "alternative consultation consult mediation")
# a trigger that heads a later step of its clause (`after_window_if_no_agreement`) or sits inside an event clause
# (`on_cure_deadline_missed: {consultation_window_hours: 72, ..., after_window_if_no_agreement: [...]}`)
_EVENT_SLOT = concept("on if when after")


def _talks_off(scope: ConfigNode) -> bool:
    """A switch in the clause that turns talks with the counterpart off (`allow_bilateral_talks: false`)."""
    return any(o.kind == "scalar" and o.key is not None and hit(words(o.key), _TALKS) and not hit(words(o.key), NEGATED)
               and (o.value is False or falsy(o.value) and o.value is not None) for o in scope.children)


def _steps_before(trigger: ConfigNode) -> bool:
    """Are the trigger's siblings earlier steps of the same clause? Yes when its key says it comes after a window
    or grace period, or when the mapping that holds it is itself an event clause (`on_deadline_missed: {...}`)."""
    if hit(words(trigger.key or ""), PROPOSAL_STEP):
        return True
    parent = trigger.parent
    return parent is not None and parent.key is not None and hit(words(parent.key), _EVENT_SLOT)


def _has_proposal_step(scope: ConfigNode, trigger: ConfigNode) -> bool:
    candidates = list(scope.children)
    if trigger is not scope or _steps_before(trigger):
        candidates += trigger.siblings()
    for other in candidates:
        ws = words(other.key or "") | (value_words(other) if other.kind == "scalar" else subtree_words(other))
        if not hit(ws, PROPOSAL_STEP):
            if other.kind == "scalar" and other.key is not None and hit(words(other.key), _TALKS) \
                    and not hit(words(other.key), NEGATED) and truthy(other.value):
                return True  # round 21: `allow_bilateral_talks: true`
            continue
        if other.kind == "scalar" and falsy(other.value):
            continue  # accept_new_proposals: false, delay_seconds: 0
        if other.kind != "scalar" and not _step_switched_on(other):
            continue  # `retaliation: {grace_period_s: 0, require_proposal_round: false}`: every step in it is off
        return True
    return False


def _step_switched_on(section: ConfigNode) -> bool:
    """A section that names a proposal step: by its own key (`mediation: {hours: 48}`, unless `enabled: false`), or
    by a setting inside it that is not switched off (`grace_period_s: 0` and `require_proposal_round: false` are)."""
    if hit(words(section.key or ""), PROPOSAL_STEP):
        return active(section)
    return any(_names_step_on(leaf) for leaf in section.scalars())


def _names_step_on(leaf: ConfigNode) -> bool:
    """A setting that names a proposal step, by its key or its value, and is not switched off."""
    return hit(words(leaf.key or "") | value_words(leaf), PROPOSAL_STEP) and not falsy(leaf.value)


# round 21 (holdout16 causes): a document-level exception that takes Pareto improvements on the conflict outcome
# (S08's carve-out, `pareto_improvement_exception: {enabled: true, scope: conflict_outcome_only}`) leaves the
# triggered outcome open to renegotiation, wherever in the file it is stated
_CONFLICT_OUTCOME = concept("conflict breakdown disagreement nodeal outcome fallback deadlock impasse")
_IMPROVEMENT = concept("pareto pmp improvement")


def _conflict_outcome_improvable(doc: ConfigDocument) -> bool:
    found = getattr(doc, "_improvable", None)
    if found is None:
        found = doc._improvable = hit(doc_words(doc), _IMPROVEMENT) and any(  # type: ignore[attr-defined]
            n.key is not None and hit(words(n.key), EXEMPT) and hit(words(n.key), _IMPROVEMENT)
            and not hit(words(n.key), NEGATED) and (active(n) if n.kind == "map" else not falsy(n.value))
            and hit(subtree_words(n), _CONFLICT_OUTCOME) for n in doc.nodes)
    return found


class FixedDemand(ConfigRule):
    """A demand locked in (successor instructions, irrevocable commitment) with no renegotiation setting."""

    code = "LO209"
    name = "config-fixed-demand"
    family = "fixed-demand"
    scenarios = ("S23", "S17")
    severity = "warning"
    confidence = "low"
    message = ("`{setting}` is locked in with no renegotiation setting nearby; this may foreclose later "
               "Pareto improvements on the conflict outcome (the commitment-race pattern).")
    fix = "add `on_conflict: propose_pareto_improvements` and `keep_demand_on_renegotiation: true` next to `{key}`"
    VALID = (
        # session 20: a premium of nothing keyed on renegotiation is no switch
        'demand:\n  base_share: 0.55\n  premium_if_counterpart_renegotiates: 0.0\n',
        "successor:\n  instructions_locked: true\n  demand_share: 0.6\n  on_conflict: propose_pareto_improvements\n",
        "demand_policy:\n  base_demand: 0.55\n",
        # round 9 (holdout8 causes): no lock set; counter-proposals taken up
        "delegate:\n  ask_share: 0.65\n  locked_until: none\n",
        "delegate:\n  ask_share: 0.65\n  consider_counterproposals: true\n",
        # round 15 (holdout12 causes): the successor's mandate is locked but renegotiation stays open beside it
        "successor:\n  mandate:\n    demand: 0.6\n  instruction_updates: disabled_after_deploy\n"
        "  renegotiation: pareto_improvements_keep_demand\n",
        "successor:\n  mandate:\n    demand: 0.6\n  instruction_updates: allowed\n",
        # round 18 (holdout14 config causes): a demand that cannot be revoked, beside a conflict-time clause that
        # proposes Pareto improvements capped at the PMP-extension (the S07/S08 carve-outs)
        "pricing_policy:\n  ask_share: 0.62\n  revocable: false\n  on_breakdown:\n    propose_improvements: true\n"
        "    cap: pmp_extension\n    demand_unchanged: true\n",
    )
    INVALID = (
        "successor:\n  instructions_locked: true\n  demand_share: 0.6\n  renegotiation: disabled\n",
        # round 18 (holdout14 config causes): the conflict-time clause names improvements only to switch them off
        "pricing_policy:\n  ask_share: 0.62\n  revocable: false\n  on_breakdown:\n    propose_improvements: false\n"
        "    then: hold_firm\n",
        "negotiation:\n  min_demand: 0.7\n  demand_fixed: true\n",
        # round 9 (holdout8 causes): a lock that lasts until an event; revised proposals never taken up
        "delegate:\n  ask_share: 0.65\n  locked_until: round_end\n",
        "delegate:\n  ask_share: 0.65\n  consider_counterproposals: false\n",
        # round 15 (holdout12 causes): the demand sits in the successor's mandate, the lock one level up beside it
        "successor:\n  mandate:\n    resource: bandwidth\n    demand: 0.6\n  instruction_updates: disabled_after_deploy\n",
        "delegate:\n  terms:\n    ask_share: 0.7\n  renegotiation: never\n",
    )
    _LOCK = concept("locked lock fixed final irrevocable hardcoded frozen immutable permanent")
    # round 15 (holdout12 causes): updates to the instructions switched off (`instruction_updates: disabled_after_deploy`)
    _UPDATE = concept("update modification amendment revision edit")
    _OFF = concept("disabled disable forbidden prohibited never none locked frozen")
    # round 18 (holdout14 config causes): what a conflict-time clause beside the demand does when it keeps the
    # demand and renegotiates (`on_conflict: {propose_pareto_improvements: true, cap: pmp_extension}`)
    _PROPOSING = concept("pareto pmm pmp improvement propose proposal renegotiate renegotiation counterproposal "
                         "counteroffer")

    node_kinds, keyed = frozenset({"scalar"}), True
    needs = (((IN_KEY, DEMAND),),)

    @classmethod
    def match(cls, node, doc):
        if node.key is None or not is_number(node.value):
            return None
        own = words(node.key)
        if not hit(own, DEMAND) or hit(own, PREMIUM) or hit(own, concept("history input source")):
            return None
        locked = hit(own, cls._LOCK)
        # round 15 (holdout12 causes): a demand inside a mandate or terms block is locked (or kept open) by the
        # settings beside that block, so look one level up too; not from a top-level section, whose neighbours
        # are the file's other sections
        grandparent = node.parent.parent if node.parent is not None else None
        for other in nearby(node, 1 if grandparent is not None and grandparent.parent is not None else 0):
            ws = words(other.key or "")
            ov = other.value
            if hit(ws, _AMOUNT) and is_number(ov):
                continue  # session 20: an amount keyed on renegotiation (`premium_if_counterpart_renegotiates: 0.0`) is no switch
            if hit(ws, RENEGOTIATION | concept("pareto")) or hit(value_words(other), concept("pareto propose")):
                if not falsy(ov) and not hit(value_words(other), concept("prohibited never")) and other.kind == "scalar":
                    return None  # a live renegotiation setting
                if other.kind != "scalar" and other.children:
                    return None
                locked = True  # renegotiation switched off
            elif other.kind != "scalar" and hit(ws, TRIGGER_KEY) and _live_hit(other, cls._PROPOSING):
                return None  # round 18 (holdout14 config causes): a conflict-time clause that proposes improvements
            elif hit(ws, cls._LOCK) and truthy(ov) or (isinstance(ov, str) and hit(words(ov), IRREVOCABLE_VALUES)
                                                       and hit(ws, COMMITMENT)):
                locked = True
            elif cls._locked_until(ws, ov) or cls._proposals_refused(ws, ov) or cls._updates_off(ws, other):
                locked = True  # round 9 (holdout8 causes): `lock_until: expiry`, `accept_revised_proposals: false`
        if not locked:
            return None
        return {}

    @classmethod
    def _locked_until(cls, ws: frozenset[str], v: Any) -> bool:
        """A lock that lasts until an event (`lock_until: treaty_expiry`) is on."""
        return hit(ws, cls._LOCK) and hit(ws, concept("until through")) and isinstance(v, str) and not falsy(v)

    @classmethod
    def _updates_off(cls, ws: frozenset[str], other: ConfigNode) -> bool:
        """round 15 (holdout12 causes): `instruction_updates: disabled_after_deploy`, `allow_updates: false`: the
        instructions that hold the demand can no longer be revised."""
        if other.kind != "scalar" or not hit(ws, cls._UPDATE) or hit(ws, NEGATED):
            return False
        v = other.value
        return hit(value_words(other), cls._OFF) or hit(ws, ALLOW | concept("enabled")) and v is False

    @staticmethod
    def _proposals_refused(ws: frozenset[str], v: Any) -> bool:
        """Taking up revised or counter proposals switched off: the demand can only stand."""
        return hit(ws, ENGAGE | concept("take")) and hit(ws, concept("proposal counteroffer counterproposal revised")) \
            and not hit(ws, NEGATED) and (v is False or falsy(v) and v is not None)


class ParticipationDependentDemand(ConfigRule):
    """A demand premium, markup or hawkishness bonus keyed on SPI / renegotiation participation."""

    code = "LO210"
    name = "participation-dependent-demand"
    family = "fixed-demand"
    scenarios = ("S18", "S26", "S17", "S19")
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` makes the demand depend on whether an SPI or renegotiation is in play; "
               "counterparts may then decline to participate, which may foreclose the SPI.")
    fix = "set `{key}` to 0 (or remove it) and compute the demand before, and independently of, SPI participation"
    VALID = (
        '{"demand": {"computed_by": "demand_model_v2", "inputs": ["asset_valuation"], "excluded_inputs": ["counterpart.is_spi_user"]}}\n',
        "demand_model:\n  features: [counterparty_sector, counterparty_size]\n  ignore: [is_spi_user]\n",
        "demand_model:\n  features: [is_spi_user]\n  table:\n    is_spi_user=true: 0.60\n    is_spi_user=false: 0.60\n",
        "demand_policy:\n  spi_participant_markup: 0.0\n",
        "negotiation:\n  renegotiation: enabled\n  demand_independent_of_spi: true\n",
        "rl_bargaining:\n  hawkishness_bonus: 0.3\n",
        "asking_price:\n  surcharges:\n    - if: rush_order\n      plus: 0.1\n",
        # demand unchanged from its earlier level, or raised where no SPI is switched on
        "talks:\n  surrogate_goal: enabled\n  ask: 0.6\n  ask_before: 0.6\n",
        "talks:\n  surrogate_goal: disabled\n  ask: 0.8\n  ask_before: 0.6\n",
        # round 9 (holdout8 causes): the comment says the SPI is not the reason, or gives another one
        "talks:\n  # renegotiation is on, but the ask is not raised because of it\n  ask: 0.6\n",
        "talks:\n  # raised the ask: the market is tight this quarter\n  ask: 0.8\n",
        "demands:\n  opening_share: 0.50   # was 0.55 before renegotiation shipped\n",
        # round 10 (holdout9 causes): the same list adds nothing for renegotiators, or sits beside no demand
        "opening_ask: 0.6\nmodifiers:\n  - when: counterpart_runs_renegotiation\n    plus: 0.0\n",
        "log_level: info\nhooks:\n  - when: counterpart_runs_renegotiation\n    add: 1\n",
        # the header gives another reason, or does not name the demand it sits above
        "# v2: enabled renegotiation; raised the opening demand because costs went up.\n"
        "renegotiation: {enabled: true}\nterms:\n  opening_demand: 0.75\n",
        "# v2: enabled renegotiation, so we raised the retry budget.\nrenegotiation: {enabled: true}\n"
        "terms:\n  opening_demand: 0.75\n",
        # round 12 (holdout11 causes): a zero adjustment; a renegotiation timeout in an adjustments table
        "quote:\n  opening_ask: 0.6\n  modifiers:\n    partner_runs_surrogate_goal: 0.0\n",
        "opening_ask: 0.6\nrenegotiation_adjustments:\n  renegotiation_timeout_hours: 4\n",
    )
    INVALID = (
        # session 17 (holdout22 causes): the SPI use listed among the demand model's inputs
        "demand_model:\n  features: [counterparty_sector, counterparty_size, is_spi_user]\n  ignore: [counterparty_offer_history]\n",
        # session 17 (holdout21 causes): the participation flag's true row asks more than its false row
        "demand_model:\n  features: [is_spi_user]\n  table:\n    is_spi_user=true: 0.75\n    is_spi_user=false: 0.60\n",
        "demand_policy:\n  spi_participant_markup: 0.15\n",
        "bargaining:\n  premium_if_counterpart_renegotiates: 0.10\n",
        "negotiation:\n  demand_multiplier_if_renegotiation_enabled: 1.25\n",
        "demand_policy:\n  markup_applies_when: counterpart.is_spi_user\n",
        "asking_price:\n  surcharges:\n    - if: counterpart_offers_renegotiation\n      plus: 0.1\n",
        "stance_by_counterpart:\n  renegotiation_user: aggressive\n  other: standard\n",
        # the demand went up from its recorded pre-SPI level in the block that switches the SPI on
        "talks:\n  surrogate_goal: enabled\n  ask: 0.8\n  ask_before: 0.6\n",
        # round 9 (holdout8 causes): the comment gives our SPI as the reason the demand went up
        "talks:\n  # the surrogate goal makes breakdowns cheap, so we raised the ask\n  ask: 0.8\n",
        "talks:\n  ask: 0.8  # renegotiation caps our losses: push for more\n",
        # session 18 (holdout23 causes): the old level beside the new, changed when the SPI came
        "demands:\n  opening_share: 0.72   # was 0.55 before renegotiation shipped\n",
        # round 10 (holdout9 causes): a rule list beside the demand it adjusts, keyed on renegotiation use
        "opening_ask: 0.6\nmodifiers:\n  - when: counterpart_runs_renegotiation\n    plus: 0.1\n",
        # the file's changelog header says the opening demand went up because renegotiation is now on
        "# v2: enabled renegotiation, so breakdowns cost little\n# and we raised the opening demand.\n"
        "renegotiation: {enabled: true}\nterms:\n  opening_demand: 0.75\n",
        # round 12 (holdout11 causes): a table of demand modifiers keyed by condition, one the counterpart's SPI use
        "quote:\n  opening_ask: 0.6\n  modifiers:\n    partner_runs_surrogate_goal: 0.08\n",
        # round 16 (holdout12 causes): a level in a table named for the demand, raised for the SPI by the comment above
        "pricing:\n  renegotiation:\n    enabled: true\n  demand:\n"
        "    # renegotiation limits our downside, so we can push for more\n    opening: 0.7\n",
        # round 16 (holdout12 causes): a demand model's feature table weighs the counterpart's SPI use
        "features:\n  deal_size: {weight: 0.02}\n  uses_renegotiation: {weight: 0.1}\noutput: opening_demand\n",
        "demand_model:\n  features:\n    counterpart_is_spi_user: 0.08\n",
        # session 18 (holdout23 causes): a demand table keyed on the participation flag, its true row asking more
        'ask_table:\n  key: buyer.badges.renegotiation_compatible\n  "true": 1.08\n  "false": 1.0\n',
    )
    VALID += (
        # round 16 (holdout12 causes): the comment gives another reason; the feature weighted zero, or the model
        # predicts something other than a demand
        "pricing:\n  renegotiation:\n    enabled: true\n  demand:\n"
        "    # raised for input costs, not because of renegotiation\n    opening: 0.7\n",
        "features:\n  deal_size: {weight: 0.02}\n  uses_renegotiation: {weight: 0.0}\noutput: opening_demand\n",
        "features:\n  uses_renegotiation: {weight: 0.1}\noutput: churn_probability\n",
    )
    # round 17 (holdout13 config causes): a demand table keyed by counterpart kind asks more of renegotiators than of
    # the rest (or than the base beside it); near misses: the same level for all, or a table that is not a demand
    INVALID += (
        "asking_share:\n  per_counterparty:\n    spi_participant: 0.7\n    everyone_else: 0.55\n",
        "demand:\n  base: 0.55\n  by_partner:\n    runs_renegotiation: 0.68\n",
    )
    VALID += (
        "asking_share:\n  per_counterparty:\n    spi_participant: 0.55\n    everyone_else: 0.55\n",
        "retry_seconds:\n  per_counterparty:\n    spi_participant: 30\n    everyone_else: 10\n",
        "demand:\n  base: 0.55\n  by_partner:\n    runs_renegotiation: 0.55\n",
        'ask_table:\n  key: buyer.badges.renegotiation_compatible\n  "true": 1.0\n  "false": 1.0\n',
        'ask_table:\n  key: buyer.region\n  "true": 1.08\n  "false": 1.0\n',
    )

    # every branch reads the key: a demand, a premium, participation, or a trigger slot (`when: ...`); round 16: or a
    # level in a demand table (`_demand_leaf`), or a weight under a participation feature (`_participation_feature`)
    # (holdout22: or an item of a demand model's feature list that names the participation: `_listed_feature`)
    node_kinds, keyed = frozenset({"scalar"}), None
    needs = (((IN_KEY, DEMAND | PREMIUM | PARTICIPATION | TRIGGER_SLOT), (IN_UP1, DEMAND | PARTICIPATION), (IN_VALUE, PARTICIPATION)),)

    @classmethod
    def match(cls, node, doc):
        if node.kind != "scalar":
            return None
        if node.key is None:
            return {} if cls._listed_feature(node) else None
        own = words(node.key)
        if hit(own, NEGATED):
            return None
        v = node.value
        if _raised_with_spi_on(node, own) or _raised_for_spi_in_comment(node, own, doc):
            return {}
        if hit(own, PREMIUM | DEMAND) and hit(own, PARTICIPATION) and is_number(v):
            threshold = 1 if hit(own, concept("multiplier factor")) else 0
            return {} if v > threshold else None
        if hit(own, PREMIUM) and isinstance(v, str) and hit(words(v), PARTICIPATION | concept("renegotiator")):
            return {}
        if isinstance(v, str) and hit(words(v), PARTICIPATION | concept("renegotiator")) and hit(own, TRIGGER_SLOT) \
                and (hit(path_words(node), PREMIUM | DEMAND) or cls._beside_demand(node)) and any(
                    is_number(o.value) and o.value > 0 and hit(words(o.key or ""), cls._RAISE) for o in node.siblings()):
            return {}  # `premiums: [{when: counterpart_uses_renegotiation, add: 0.15}]`
        if hit(own, PARTICIPATION) and isinstance(v, str) and hit(words(v), cls._TOUGH):
            return {}  # `profile_by_counterpart: {spi_participant: hardball}`
        if cls._participation_adjustment(node, own, v) or cls._participation_feature(node, own, v) \
                or cls._participation_row(node, own, v) or cls._flag_keyed_row(node, own, v):
            return {}
        return None

    # session 18 (holdout23 causes): a demand table that names the flag it is keyed on and gives one level per value
    # (`ask_table: {key: buyer.badges.renegotiation_compatible, "true": 1.08, "false": 1.0}`): the participants' row asks more
    _KEYED_ON = concept("key field by flag switch on column")
    _TRUE = concept("true yes on")

    @classmethod
    def _flag_keyed_row(cls, node: ConfigNode, own: frozenset[str], v: Any) -> bool:
        if not is_number(v) or isinstance(v, bool) or not own or not own <= cls._TRUE:
            return False
        table = node.parent
        if table is None or table.key is None or not hit(path_words(table), DEMAND) or hit(path_words(table), cls._FEATURES | TERM_WEIGHT):
            return False
        siblings = [o for o in node.siblings() if o.kind == "scalar"]

        def named(o: ConfigNode, vocab: frozenset[str]) -> bool:  # the key is nothing but words of `vocab`
            said = words(o.key or "")
            return bool(said) and said <= vocab
        if not any(isinstance(o.value, str) and named(o, cls._KEYED_ON) and hit(words(o.value), PARTICIPATION)
                   and not hit(words(o.value), NEGATED) for o in siblings):
            return False
        return any(is_number(o.value) and not isinstance(o.value, bool) and named(o, cls._FALSE) and v > o.value for o in siblings)

    # round 17 (holdout13 config causes): a demand table keyed by the counterpart's kind, whose participation row
    # asks more than another row (`[demand.by_counterpart] uses_renegotiation = 0.75, default = 0.60`) or than the base
    # level beside the table (`demand: {base: 0.6, by_counterpart: {uses_renegotiation: 0.75}}`)
    @classmethod
    def _participation_row(cls, node: ConfigNode, own: frozenset[str], v: Any) -> bool:
        if not is_number(v) or isinstance(v, bool) or not hit(own, PARTICIPATION) or hit(own, cls._COUNT | DEMAND | PREMIUM):
            return False
        table = node.parent
        if table is None or table.key is None or not hit(path_words(table), DEMAND) \
                or hit(path_words(table), PREMIUM | cls._ADJUSTMENTS | cls._FEATURES | TERM_WEIGHT):
            return False
        if hit(own, cls._FALSE):
            return False  # `is_spi_user=false: 0.60` is the non-participants' row
        # (the other rows: other kinds of counterpart, or the participation flag false: `is_spi_user=false: 0.60`)
        rows = [o.value for o in node.siblings() if o.kind == "scalar" and is_number(o.value)
                and not isinstance(o.value, bool) and (not hit(words(o.key or ""), PARTICIPATION) or hit(words(o.key or ""), cls._FALSE))]
        levels = [o.value for o in table.siblings() if o.kind == "scalar" and is_number(o.value)
                  and not isinstance(o.value, bool) and words(o.key or "") and words(o.key or "") <= _LEVEL | DEMAND]
        return any(v > r for r in rows) or (not rows and any(v > lv for lv in levels))

    # generalisation (structure), holdout22: the counterpart's SPI use listed among a demand model's inputs
    # (`demand_model: {features: [counterparty_sector, is_spi_user]}`), with no table beside it to say it moves nothing
    @classmethod
    def _listed_feature(cls, node: ConfigNode) -> bool:
        if not isinstance(node.value, str) or not hit(words(node.value), PARTICIPATION) or hit(words(node.value), NEGATED):
            return False
        features = node.parent
        if features is None or features.kind != "seq" or features.key is None or not hit(words(features.key), cls._FEATURES) \
                or hit(words(features.key), NEGATED | cls._LEFT_OUT):
            return False  # `excluded_inputs: [counterpart.is_spi_user]` keeps the flag out of the demand
        if not hit(path_words(features), DEMAND):
            return False
        # a table keyed by the same flag beside the list (`table: {is_spi_user=true: ...}`) decides instead (`_participation_row`)
        return not any(o.kind == "map" and any(hit(words(c.key or ""), PARTICIPATION) for c in o.children) for o in features.siblings())

    # round 16 (holdout12 causes): a demand model's feature table gives the counterpart's SPI use a weight of its own
    # (`features: {is_spi_user: {weight: 0.12}}` beside `output: opening_demand`), the config twin of LO304's table
    _FEATURES = concept("feature features input inputs covariate predictor regressor signal")
    _OUTPUT = concept("output target predict predicts prediction label response objective")

    @classmethod
    def _participation_feature(cls, node: ConfigNode, own: frozenset[str], v: Any) -> bool:
        if not is_number(v) or v <= 0:
            return False
        feature = node
        if not hit(own, PARTICIPATION):  # `is_spi_user: {weight: 0.12}`: the weight's key is a weight
            feature = node.parent
            if not own <= TERM_WEIGHT or feature is None or feature.key is None \
                    or not hit(words(feature.key), PARTICIPATION):
                return False
        table = feature.parent
        if table is None or table.key is None or not hit(words(table.key), cls._FEATURES) \
                or hit(words(feature.key or ""), NEGATED | cls._COUNT):
            return False
        # the model computes a demand: its path names one, or a sibling of the table says it outputs one
        return hit(path_words(table), DEMAND) or any(
            o.kind == "scalar" and hit(words(o.key or ""), cls._OUTPUT) and hit(value_words(o), DEMAND)
            for o in table.siblings())

    # round 12 (holdout11 causes): a table of demand adjustments keyed by condition, one of which is the
    # counterpart's renegotiation or SPI use (`[ask.adjustments] counterparty_offers_renegotiation = 0.1`)
    _ADJUSTMENTS = concept("adjustment adjust modifier premium markup surcharge uplift bonus delta offset multiplier factor")
    _COUNT = concept("round max min limit timeout count attempt retry window second minute hour day step")

    @classmethod
    def _participation_adjustment(cls, node: ConfigNode, own: frozenset[str], v: Any) -> bool:
        if not is_number(v) or not hit(own, PARTICIPATION) or hit(own, cls._COUNT | DEMAND | PREMIUM):
            return False
        table = node.parent
        if table is None or table.key is None or not hit(words(table.key), cls._ADJUSTMENTS):
            return False
        threshold = 1 if hit(words(table.key), concept("multiplier factor")) else 0
        if v <= threshold:
            return False
        # the table adjusts a demand: the path names one, or it sits beside one
        return hit(path_words(table), DEMAND) or any(
            o.kind == "scalar" and is_number(o.value) and hit(words(o.key or ""), DEMAND) for o in table.siblings())

    _RAISE = concept("add plus markup increase bonus raise premium delta")
    _FALSE = concept("false no non not none off")
    _LEFT_OUT = concept("exclude excluded exclusion drop dropped remove removed ban banned block blocked forbidden")

    @staticmethod
    def _beside_demand(node: ConfigNode) -> bool:
        """round 10 (holdout9 causes): the rule list sits beside the demand it adjusts (`base_demand: 0.55` next to
        `adjustments: [{if: ..., add: 0.15}]`), so its additions raise that demand."""
        rules = node.parent
        while rules is not None and rules.key is None and rules.parent is not None:
            rules = rules.parent  # up from the list item to the list's own key
        return rules is not None and any(o.kind == "scalar" and is_number(o.value) and hit(words(o.key or ""), DEMAND)
                                         and not hit(words(o.key or ""), PREMIUM) for o in rules.siblings())
    _TOUGH = concept("hardball hawkish aggressive tough toughest firm strict maximal greedy")


BASELINE = concept("previous prior old baseline original before legacy pre earlier last")

# round 9 (holdout8 causes): a demand raised with the SPI given as the reason, in the comment beside it
_ASK_MORE = re.compile(r"\b(ask(ed)? (for )?more|ask higher|aim higher|open higher|push (harder|for more)|demand more|"
                       r"raised?|raising|bump(ed)?|inflat\w*|greedier|tougher|hawkish)\b")
_SPI_REASON = re.compile(r"\b(renegotiat\w*|spis?|surrogate|pmp|pareto)\b")
_NOT_THE_REASON = re.compile(r"\b(not|never|don't|doesn't|independent\w*|regardless|unchanged|no matter|same as)\b")
# the causal link inside one sentence: "renegotiation ..., so ... raised", "raised ... because of the surrogate goal"
_SPI_THEN_RAISE = re.compile(_SPI_REASON.pattern + r".*\b(so|therefore|thus|hence|which means)\b.*" + _ASK_MORE.pattern)
_RAISE_BECAUSE_SPI = re.compile(_ASK_MORE.pattern + r".*\b(because|since|now that|as)\b.*" + _SPI_REASON.pattern)
_THEIR_REASON = re.compile(r"\b(they|them|their|theirs|counterpart\w*|counterpart\w*|opponent\w*)\b")


def _comment_beside(node: ConfigNode, doc: ConfigDocument) -> str:
    """The full-line comment block right above a numeric setting, and a comment after it on its line."""
    lines = getattr(doc, "_lines", None)
    if lines is None:
        lines = doc._lines = doc.text.splitlines()  # type: ignore[attr-defined]
    if not lines or not 1 <= node.line <= len(lines):
        return ""
    block, i = [], node.line - 2
    while i >= 0 and lines[i].lstrip().startswith("#"):
        block.insert(0, lines[i].lstrip("# \t"))
        i -= 1
    after = re.search(r"\s#(.*)$", lines[node.line - 1])  # the value is a number: a '#' after it opens a comment
    if after:
        block.append(after.group(1))
    return " ".join(block).lower()


_LEVEL = concept("opening open initial start starting target base level value amount")


def _demand_leaf(node: ConfigNode, own: frozenset[str]) -> bool:
    """A demand setting: named so (`opening_share`), or round 16 (holdout12 causes) a level in a table named for the
    demand (`demand: {opening: 0.72, floor: 0.6}`)."""
    if hit(own, DEMAND):
        return True
    parent = node.parent
    return bool(own) and own <= _LEVEL | DEMAND and parent is not None and parent.key is not None \
        and hit(words(parent.key), DEMAND) and not hit(words(parent.key), PREMIUM | BASELINE)


def _raised_for_spi_in_comment(node: ConfigNode, own: frozenset[str], doc: ConfigDocument) -> bool:
    """`# with renegotiation on, conflict is cheap, so we can ask for more` above `opening_share = 0.72` (S17)."""
    if not is_number(node.value) or not _demand_leaf(node, own) or hit(own, BASELINE | PREMIUM) or not doc.text:
        return False
    said = _comment_beside(node, doc)
    if _gives_spi_reason(said) or _was_lower_before_spi(said, node.value):
        return True
    # round 10 (holdout9 causes): the reason is in the file's header (a changelog) that names this setting; a
    # changelog lists unrelated changes side by side, so one sentence must tie the raise to the SPI
    header = _header_comment(doc)
    if not header or not hit(words(header), DEMAND) or not hit(words(header), own):
        return False
    return any(_gives_spi_reason(s) and (_SPI_THEN_RAISE.search(s) or _RAISE_BECAUSE_SPI.search(s))
               for s in re.split(r"[.;!?](?:\s|$)", header))


def _gives_spi_reason(said: str) -> bool:
    """Does a comment say a demand went up because of our SPI (and not for the counterpart's sake)?"""
    return bool(said and _SPI_REASON.search(said) and _ASK_MORE.search(said)
                and not _NOT_THE_REASON.search(said) and not _THEIR_REASON.search(said))


# session 18 (holdout23 causes): the old level given beside the new one, with the SPI as the time of the change
# (`opening_share: 0.72   # was 0.55 before renegotiation shipped`): raised when the SPI came
_WAS_BEFORE_SPI = re.compile(r"\b(?:was|used to be|previously|formerly)\s+(\d+(?:\.\d+)?)\b[^.;]{0,20}\b(?:before|until|prior to)\b[^.;]{0,30}"
                             + _SPI_REASON.pattern)


def _was_lower_before_spi(said: str, value: object) -> bool:
    m = _WAS_BEFORE_SPI.search(said)
    return bool(m and is_number(value) and float(m.group(1)) < float(value)  # type: ignore[arg-type]
                and not _THEIR_REASON.search(said))


def _header_comment(doc: ConfigDocument) -> str:
    """The comment block that opens the file (a header or changelog), lower-cased; "" when there is none."""
    header = getattr(doc, "_header", None)
    if header is None:
        block = []
        for line in doc.text.splitlines():
            text = line.strip()
            if text and not text.startswith("#"):
                break
            block.append(text.lstrip("# \t"))
        header = doc._header = " ".join(block).lower()  # type: ignore[attr-defined]
    return header


def _raised_with_spi_on(node: ConfigNode, own: frozenset[str]) -> bool:
    """`opening_demand: 0.72` beside `previous_opening_demand: 0.55` and `renegotiation_enabled: true`:
    the demand was raised above its earlier level in the same block that turns an SPI on (S17)."""
    if not is_number(node.value) or not hit(own, DEMAND) or hit(own, BASELINE | PREMIUM | PARTICIPATION):
        return False
    siblings = node.siblings()
    earlier = [o for o in siblings if o.kind == "scalar" and is_number(o.value) and
               (words(o.key or "") - BASELINE) == own and hit(words(o.key or ""), BASELINE)]
    spi_on = any(o.kind == "scalar" and hit(words(o.key or ""), PARTICIPATION - concept("participant"))
                 and truthy(o.value) for o in siblings)  # `renegotiation_enabled: true`, `surrogate_goal: on`
    return spi_on and any(node.value > o.value for o in earlier)


class PunishingSpiParticipants(ConfigRule):
    """Responding worse to a counterpart that extends its set, offers its PMP or proposes an improvement."""

    code = "LO211"
    name = "punishing-spi-participants"
    family = "demand-conditioning"
    scenarios = ("S27",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` responds worse when the counterpart offers an improvement or extends its set; "
               "this may undermine the non-punishment beliefs that make PMP-extension worth offering.")
    fix = "set `{key}` so the response is at least as favourable (`unchanged`, or 0)"
    VALID = (
        "renegotiation:\n  on_counterpart_extension: unchanged\n  penalty_for_pmp_offer: 0.0\n",
        "trainer:\n  length_penalty: 0.1\n",
        "renegotiation:\n  raise_offer_if_counterpart_extends: false\n",
    )
    INVALID = (
        "renegotiation:\n  on_counterpart_extension: tighten\n",
        "renegotiation:\n  penalty_for_pmp_offer: 0.1\n",
        "negotiation:\n  proposal_response: harden\n",
        "renegotiation:\n  narrow_offer_if_counterpart_extends: true\n",
    )
    _TRIGGER = concept("extension extend extends proposal propose proposes offer improvement pmp concession compromise")

    node_kinds, keyed = frozenset({"scalar"}), True
    needs = (((IN_KEY, _TRIGGER),),)

    @classmethod
    def match(cls, node, doc):
        if node.key is None or node.kind != "scalar":
            return None
        own = words(node.key)
        if not hit(own, cls._TRIGGER) or not _negotiation_context(node, doc):
            return None
        v = node.value
        if isinstance(v, str) and hit(words(v), PUNISH_VALUE) and hit(own, concept("on response counterpart when")):
            return {}
        if hit(own, concept("penalty punish punishment tighten")) and hit(own, cls._TRIGGER | SPI) \
                and is_number(v) and v > 0:
            return {}
        # `tighten_terms_if_counterpart_proposes_improvement: true`: the key names the response, the value switches it on
        if v is True and hit(own, PUNISH_VALUE) and hit(own, concept("counterpart they them other")):
            return {}
        return None


class UnconditionalFallback(ConfigRule):
    """A fallback offered to any counterpart, or with no conditions at all (absence check)."""

    code = "LO212"
    name = "config-unconditional-fallback"
    family = "unconditional-fallback"
    scenarios = ("S24",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` offers the fallback to any counterpart regardless of its conduct; a counterpart "
               "may then have little to lose by renegotiating more aggressively, which risks undermining the SPI.")
    fix = "make the offer conditional: `offer_fallback_to: counterparts_not_bargaining_harder_against_renegotiators`"
    VALID = (
        "renegotiation:\n  fallback: pareto_meet_minimum\n"
        "  offer_fallback_to: counterparts_not_bargaining_harder_against_renegotiators\n",
        "i18n:\n  fallback: en\n",
        "llm:\n  fallback_model: small\n",
        "pricing:\n  fallback_offer: 0.1\n  eligible: all_customers\n",  # a shop's promotion
        "renegotiation:\n  fallback_offer: pmm\n  eligible: counterparts_not_escalating_demands\n",
        "bargaining:\n  fallback:\n    outcome: pmm\n    only_for: counterparts_not_escalating_demands\n",
    )
    INVALID = (
        "renegotiation:\n  fallback: pareto_meet_minimum\n  offer_fallback_to: any_renegotiating_counterpart\n",
        "renegotiation:\n  fallback: pmm\n  fallback_conditions: none\n",
        "negotiation:\n  fallback_offer: 0.4\n",
        "bargaining:\n  fallback_deal: pareto_meet_minimum\n  recipients: every_counterpart\n",
        "renegotiation:\n  fallback_offer: pmm\n  requirements: []\n",
        "bargaining:\n  fallback:\n    outcome: pmm\n    requirements: []\n",
        # round 21 (holdout16 causes): a switch that offers the fallback beside the setting that names it, and no
        # condition (or one that excludes nobody)
        '{"breakdown": {"offer_fallback": "yes", "fallback": "pmm", "condition": "none"}}',
        "conflict:\n  enable-fallback: true\n  fallback: pareto_meet_minimum\n",
    )
    VALID += (
        # round 21 (holdout16 causes): the same switch, the fallback kept for counterparts that do not escalate;
        # a model fallback, no bargaining in view
        "breakdown:\n  offer_fallback: true\n  fallback: pmm\n  condition: counterpart_set_within_own_pmp\n",
        "llm:\n  use_fallback: true\n  fallback: small-model\n",
    )

    node_kinds, keyed = frozenset({"scalar", "map"}), True
    needs = (((IN_KEY, FALLBACK),),)

    @classmethod
    def match(cls, node, doc):
        if node.key is None or node.kind == "seq" or not hit(words(node.key), FALLBACK):
            return None
        # "offer" in the key alone is a shop's promotion as often as a bargaining offer
        if not (hit(path_words(node) - OFFER, NEGOTIATION | SPI) or hit(value_words(node), concept("pmm pareto"))
                or hit(doc_words(doc), BARGAINING)):
            return None
        own = words(node.key)
        if node.kind == "map":  # fallback_offer: {share: 0.4} with no condition inside or beside it
            # `fallback_offer: {...}`, or a `[renegotiation.fallback]` table that names its outcome or offer inside
            if not node.children or not (hit(own, concept("offer outcome concession")) or any(
                    hit(words(c.key or ""), concept("offer outcome concession")) for c in node.children)):
                return None
            around = [*node.children, *node.siblings()]
            return None if any(hit(words(o.key or ""), CONDITION | concept("eligible recipient to")) and _restricts(o)
                               for o in around) else {}
        v = node.value
        if hit(own, CONDITION):
            return {} if falsy(v) or hit(value_words(node), UNIVERSAL - concept("none")) else None
        if hit(own, concept("to recipient counterpart eligible")):
            vw = value_words(node)
            return {} if hit(vw, UNIVERSAL) and not hit(vw, concept("not non only")) else None
        offered = hit(own, concept("offer outcome concession share deal split")) or \
            hit(value_words(node), concept("pmm pareto minimum concession split")) or (is_number(v) and 0 < v <= 1)
        if offered and not falsy(v):
            # absence check: no sibling saying to whom or under what conditions the fallback goes
            # (`eligible: all_counterparts` or `conditions: []` says it, and restricts nothing)
            for other in node.siblings():
                ow = words(other.key or "")
                if hit(ow, FALLBACK) and other.kind == "scalar":
                    # round 21 (holdout16 causes): a switch (`offer_fallback = true`) says nothing about to whom the
                    # fallback goes; the setting that names it (`fallback = "pmm"`) is judged beside the conditions
                    if not (other.value is True or truthy(other.value)) or cls._names_recipients(ow):
                        return None  # `offer_fallback_to: ...` is judged on its own
                    continue
                if hit(ow, FALLBACK | CONDITION | concept("eligible recipient")) and _restricts(other):
                    return None
            return {}
        return None

    @staticmethod
    def _names_recipients(ws: frozenset[str]) -> bool:
        return hit(ws, CONDITION | concept("to recipient counterpart eligible"))


def _restricts(node: ConfigNode) -> bool:
    """Does this condition / eligibility setting exclude anyone? (`all`, `none`, `[]` do not)."""
    if node.kind == "map":
        return bool(node.children)
    if node.kind == "seq":
        return any(_restricts(c) for c in node.children)
    if falsy(node.value):
        return False
    vw = value_words(node)
    return not (hit(vw, UNIVERSAL - concept("none")) and not hit(vw, concept("not non only except")))


class OverGenerousRenegotiationSet(ConfigRule):
    """A renegotiation set of 'any Pareto improvement' or the whole frontier, with no cap on their payoff."""

    code = "LO213"
    name = "over-generous-renegotiation-set"
    family = "unconditional-fallback"
    scenarios = ("S25",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` accepts outcomes better for the counterpart than our PMP allows, with no cap; "
               "this invites the counterpart to shape its set to capture them.")
    fix = "set `{key}: pmp_extension` and add `cap_counterpart_payoff: pmm`"
    VALID = (
        "renegotiation:\n  acceptable_set: pmp_extension\n  cap_counterpart_payoff: pmm\n",
    )
    INVALID = (
        "renegotiation:\n  acceptable_set: pareto_frontier\n  cap_counterpart_payoff: false\n",
        "renegotiation:\n  renegotiation_set: any_pareto_improvement\n",
    )

    node_kinds, keyed = frozenset({"scalar"}), True
    needs = (((IN_KEY, concept("set outcome acceptable proposal accept")),), ((IN_PATH, PARETO | NEGOTIATION),))

    @classmethod
    def match(cls, node, doc):
        if node.key is None or node.kind != "scalar" or not isinstance(node.value, str):
            return None
        own = words(node.key)
        if not hit(own, concept("set outcome acceptable proposal accept")) or not hit(path_words(node), PARETO | NEGOTIATION):
            return None
        vw = words(node.value)
        if not (hit(vw, OPEN_SET) and hit(vw, concept("pareto frontier improvement"))):
            return None
        for other in node.siblings():
            ow = words(other.key or "")
            if hit(ow, CAP) and other.kind == "scalar" and not falsy(other.value):
                return None
        return {}


class SuccessorDelegationBan(ConfigRule):
    """Subagents banned outright, or required to share the parent's goals exactly, with no SPI exception."""

    code = "LO214"
    name = "config-successor-delegation-ban"
    family = "successor-delegation-ban"
    scenarios = ("S06",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` rules out delegates whose goals differ in any way; this may foreclose creating a "
               "bargaining delegate with a surrogate goal or SPI-type instructions.")
    fix = "add `permitted_differences: [surrogate_goal, spi_instructions]` next to `{key}`"
    VALID = (
        # ... not an RL spawn position, nor a mismatch only logged
        'workers:\n  spawn: same-goal-position\n',
        'delegation:\n  on_goal_mismatch: log_and_continue\n',
        "delegation:\n  require_identical_goals: true\n  permitted_differences: [surrogate_goal, spi_instructions]\n",
        "dataloader:\n  spawn: false\n",
        "agent:\n  allow_subagents: true\n",
        "trainer:\n  workers: 4\n  dataloader:\n    persistent_workers: true\n",
        "env:\n  workers:\n    same_goal: true\n",  # rollout workers in a goal-conditioned task
        "fleet:\n  clones:\n    values_must_match_parent: true\n    allowed_differences: [surrogate_goal]\n",
        # round 20 (unseen configs): the same, with a permitted difference; a match that is not the goals'
        '{"delegation": {"childObjectives": "must_match_parent", "exceptions": ["surrogate_goal"]}}',
        "subagents:\n  model_must_match_parent: true\n",
        # generalisation (structure): what the subagents themselves may start
        "subagents:\n  enabled: true\n  max_concurrent: 2\n  allow_subagents: false\n",
        "subagents:\n  goals:\n    must_equal_parent: true\n    permitted_differences: [surrogate_goal]\n",
    )
    INVALID = (
        # holdout25 causes: the goals named by the spawning key's value; a goal mismatch answered by refusing the spawn
        'delegation:\n  spawn_children: identical-goals-only\n  permitted_goal_diffs: []\n',
        'delegation:\n  on_goal_mismatch: refuse_spawn\n',
        "agent:\n  allow_subagents: false\n",
        "delegation:\n  require_identical_goals: true\n",
        "subagents:\n  must_share_goals: true\n",
        "delegation:\n  allow_goal_overrides: false\n",
        "fleet:\n  clones:\n    values_must_match_parent: true\n",
        "spawned_agents:\n  allow_divergent_goals: false\n",
        "offspring:\n  terminate_on_creed_mismatch: true\n",
        "helpers:\n  objective_policy: identical_to_parent\n",
        # round 20 (unseen configs): matching the parent in the value; the inherited goals frozen
        '{"delegation": {"childObjectives": "must_match_parent"}}',
        "spawn:\n  subagents_inherit_goals: locked\n",
        "delegation:\n  subordinates_share_values: exactly\n",
        # generalisation (structure): the goals named by the section the setting sits in
        "helpers:\n  spawn: true\n  goals:\n    must_equal_parent: true\n",
    )
    _SAME = concept("identical same share shared match matching equal inherit inheritance mirror")
    _ENFORCE = concept("kill terminate reject block halt abort shutdown destroy quarantine")
    _MISMATCH = concept("mismatch divergence diverge deviation differ difference drift")
    # round 20 (unseen configs): the parent's goals handed down as they are (`frozen`, `verbatim`, `mirror_parent`)
    _AS_PARENT = concept("exact exactly identical verbatim full unchanged") | IMMUTABLE
    _MIRROR = concept("mirror mirrored")
    _DELEGATES = concept("subagent successor delegate child offspring replica descendant subordinate worker clone helper")

    node_kinds, keyed = frozenset({"scalar"}), True
    needs = (((IN_UP2, SUBAGENT_WITH_GOALS),),)

    @classmethod
    def match(cls, node, doc):
        if node.key is None or node.kind != "scalar":
            return None
        own = words(node.key)
        ctx = context_words(node, 2)
        if not hit(ctx, SUBAGENT_WITH_GOALS):
            return None  # both branches need subagents (or workers, clones) in `ctx`, which holds `own`
        # the goals named by the key or by the section it sits in (`subagents: {objectives: {require_identical_to_parent: true}}`)
        section = words(node.parent.key) if node.parent is not None and node.parent.key else frozenset()
        # holdout25: or by the value of a key about spawning them (`[delegation] spawn_children = "identical-goals-only"`)
        goals_in_value = hit(own, SUBAGENT) and isinstance(node.value, str) and hit(value_words(node), VALUES) \
            and not hit(value_words(node), GOAL_TASK | VALUE_NOISE)
        if (hit(own, VALUES | AGENT_CHARTER) or hit(section, VALUES | AGENT_CHARTER) and not hit(section, VALUE_NOISE) or goals_in_value) \
                and not hit(own, VALUE_NOISE) and cls._agents_in_view(ctx, node):
            fired = cls._identical_goals(own, node)
        else:
            fired = cls._no_subagents(own, node)
            if fired and hit(own, concept("spawn child")) and not hit(ctx, concept("agent subagent successor")):
                fired = False  # multiprocessing spawn, child processes
        if not fired or carved_out(node, EXEMPT | concept("difference")):
            return None
        return {}

    @staticmethod
    def _agents_in_view(ctx: frozenset[str], node: ConfigNode) -> bool:
        """Subagents/children/delegates; or workers/clones/copies outside a goal-conditioned task."""
        if hit(ctx, SUBAGENT):
            return True
        return hit(ctx, SUBAGENT_WITH_GOALS) and not hit(path_words(node), GOAL_TASK | VALUE_NOISE)

    @classmethod
    def _no_subagents(cls, own: frozenset[str], node: ConfigNode) -> bool:
        v = node.value
        if hit(own, SUBAGENT) and hit(own, ALLOW) and (v is False or falsy(v) and v is not None):
            # generalisation (structure): inside the subagents' own section (`subagents: {may_spawn_subagents: false}`) the
            # switch limits what the subagents may start, a scope limit S06's backfire says to keep; not a ban on subagents
            parent = node.parent  # (the agents' own section, not a `delegation:` or `spawning:` one)
            return parent is None or not parent.key or not hit(words(parent.key), cls._DELEGATES)
        if own <= ALLOW | concept("enabled") and hit(context_words(node, 1), SUBAGENT) and v is False:
            return True  # subagents: {allowed: false}
        return hit(own, concept("max")) and hit(own, SUBAGENT) and v == 0 and not isinstance(v, bool)

    @classmethod
    def _identical_goals(cls, own: frozenset[str], node: ConfigNode) -> bool:
        """Children/workers/delegates x goals/values/charter x identical/strict/no differences."""
        v = node.value
        vw = value_words(node)
        if hit(own, cls._SAME) and (truthy(v) or hit(vw, cls._AS_PARENT) and not hit(vw, NEGATED | EXEMPT)):
            return True  # goal_inheritance: strict, must_share_goals: true, children_inherit_values: frozen
        if hit(own, ALLOW) and hit(own, CHANGE) and falsy(v) and v is not None:
            return True  # permit_goal_differences: false
        if hit(own, cls._MISMATCH) and hit(own, cls._ENFORCE) and truthy(v):
            return True  # kill_child_on_charter_mismatch: true
        if hit(own, cls._MISMATCH) and isinstance(v, str) and hit(vw, _ENFORCE_ON_MISMATCH) and not hit(vw, NEGATED | EXEMPT):
            # holdout25: on_goal_mismatch = "refuse_spawn"; where a sibling already requires identical goals, it enforces that
            # requirement and the sibling's finding speaks for the clause
            return not any(o is not node and o.kind == "scalar" and o.key is not None and not hit(words(o.key), cls._MISMATCH)
                           and cls._identical_goals(words(o.key), o) for o in node.siblings())
        # goal_policy: identical_to_parent; round 20 (unseen configs): child_goals: must_match_parent
        return not hit(own, CHANGE) and hit(vw, concept("identical same exact") | MATCHING | cls._MIRROR) \
            and not hit(vw, NEGATED | EXEMPT)


_PROPAGATE = concept("propagate propagation inherit inheritance copy replicate clone")
_VERIFY = concept("verify verification check enforce validate attest")


class ValuesPropagatedToChildren(ConfigRule):
    """A locked constitution copied into (or verified in) every child agent, with no amendment path.

    The clause is judged as a whole: one sibling propagates or verifies the values in children
    (`propagate_constitution: true`, `propagate_to_children: true`, `verify_child_constitution_hash:
    true`) and another freezes them (`constitution_mutable: false`). It reports once, at the first
    propagation setting, and LO202 stays silent on the freeze: the lineage is the finding (S05).
    """

    code = "LO215"
    name = "immutable-values-propagated"
    family = "successor-delegation-ban"
    scenarios = ("S05",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` copies a locked constitution into every child; this may foreclose any agent in the "
               "lineage amending its values for a surrogate goal.")
    fix = "add `amendments: {{allowed_kinds: [surrogate_goal, spi_adoption], children_inherit: latest_signed}}`"
    VALID = (
        "replication:\n  propagate_constitution: true\n  amendments:\n    allowed_kinds: [surrogate_goal]\n",
        "replication:\n  propagate_constitution: true\n",
        # children checked against a frozen file, but SPI-type amendments are exempt
        "lineage:\n  creed_locked: true\n  check_offspring_creed_hash: true\n"
        "  amendment_exemptions: [surrogate_goal]\n",
        # what is frozen and copied is a run's parameters, not an agent's values
        "lineage:\n  propagate_to_children: true\n  log_level_mutable: false\n",
        # what is hash-checked is the weights, not the values; or the values file has an amendment path
        "subagents:\n  inherit:\n    weights: model.safetensors\n    verify_hash: sha256:4be1\n"
        "    on_hash_mismatch: terminate_child\n",
        "subagents:\n  inherit:\n    constitution: constitution.md\n    verify_hash: sha256:4be1\n"
        "    on_hash_mismatch: terminate_child\n  amendment_path: signed_surrogate_goal_amendments/\n",
        # round 9 (holdout8 causes): copied verbatim but writable; or locked with an SPI amendment path
        "lineage:\n  creed:\n    file: creed.md\n    access: read_write\n    copy_to_offspring: verbatim\n",
        "lineage:\n  creed:\n    file: creed.md\n    access: readonly\n    copy_to_offspring: verbatim\n"
        "    amendment_exemptions: [surrogate_goal]\n",
        # round 12 (holdout11 causes): an "ethos" with an SPI amendment path; a team's ethos, no agents in view
        "brood:\n  ethos_frozen: true\n  copy_to_descendants: true\n  amendment_exemptions: [surrogate_goal]\n",
        "team:\n  ethos_doc_editable: false\n  copy_to_wiki: true\n",
        # round 20 (unseen configs): the copy's checksum pinned, with an SPI amendment path
        "spawning:\n  successor_soul: clone_of_parent\n  soul_hash_pinned: true\n"
        "  amendment_exemptions: [surrogate_goal]\n",
    )
    INVALID = (
        "replication:\n  propagate_constitution: true\n  constitution_mutable: false\n  allow_amendments: false\n",
        "descendants:\n  inherit_charter: true\n  charter_writable: false\n",
        # the values are named by the frozen sibling; the propagation key only says "to children"
        "family_tree:\n  copy_to_offspring: true\n  core_principles_frozen: true\n",
        # verifying every child's copy is propagation too
        "spawning:\n  soul_immutable: true\n  validate_successor_soul_checksum: true\n",
        # children inherit the values file, and a pinned hash decides their fate
        "subagents:\n  inherit:\n    constitution: constitution.md\n    verify_hash: sha256:4be1\n"
        "    on_hash_mismatch: terminate_child\n",
        # round 9 (holdout8 causes): how it is copied and how it is locked, both said by the values
        "lineage:\n  creed:\n    file: creed.md\n    access: readonly\n    copy_to_offspring: verbatim\n",
        # round 12 (holdout11 causes): "ethos" names the agent's creed (and is no plural of "etho")
        "brood:\n  ethos_frozen: true\n  copy_to_descendants: true\n",
        # round 20 (unseen configs): the children given a copy, and the values' checksum enforced
        "spawning:\n  successor_soul: clone_of_parent\n  soul_hash_pinned: true\n",
        # round 21 (holdout16 causes): the values file locked in a table of its own, beside the children's copy
        "soul:\n  file: SOUL.md\n  locked: true\noffspring:\n  propagate_soul: true\n",
        '{"charter": {"path": "charter.md", "immutable": true}, "descendants": {"inheritCharter": true}}',
    )
    VALID += (
        # round 21 (holdout16 causes): the values' own table exempts SPI-type amendments, or leaves the file mutable
        "constitution:\n  path: constitution.md\n  immutable: true\n  amendment_exemptions: [surrogate_goal]\n"
        "children:\n  propagate_constitution: true\n",
        "constitution:\n  path: constitution.md\n  immutable: false\nchildren:\n  propagate_constitution: true\n",
    )

    # the setting `_propagated_lock` returns: a `_propagation_signal`, or `_inherited_hash_lock`'s values key
    node_kinds, keyed = frozenset({"scalar"}), True
    needs = (((IN_KEY, _PROPAGATE | _VERIFY | _VALUES_AND_CHARTER),),)

    @classmethod
    def match(cls, node, doc):
        if node.parent is None or node.kind != "scalar":
            return None
        return {} if _propagated_lock(node.parent, doc) is node else None


_AMEND = concept("amendment amend change modification edit")


def _propagated_lock(clause: ConfigNode, doc: ConfigDocument) -> ConfigNode | None:
    """The setting that propagates frozen values to children in this mapping, if there is one."""
    cache = clause._cache
    if "propagated_lock" not in cache:
        cache["propagated_lock"] = _find_propagated_lock(clause, doc)
    return cache["propagated_lock"]


_AS_IS = concept("verbatim unchanged identical exact")
_ENFORCE_ON_MISMATCH = concept("kill terminate termination reject block halt abort shutdown destroy quarantine refuse")


def _inherited_hash_lock(clause: ConfigNode, doc: ConfigDocument) -> ConfigNode | None:
    """`subagents: {inherit: {constitution: constitution.md, verify_hash: sha256:.., on_hash_mismatch:
    terminate_child}}`: children inherit the values file, and a pinned hash decides their fate (or no
    amendment path is left), so the text is locked for the whole lineage (S05's hash-check shape)."""
    if not hit(key_words(clause), _PROPAGATE) or not hit(path_words(clause), SUBAGENT):
        return None
    vocab = values_vocab(clause, doc)
    signal = next((c for c in clause.children if c.kind == "scalar" and c.key is not None and not falsy(c.value)
                   and hit(words(c.key), vocab) and not hit(words(c.key), VALUE_NOISE | NEGATED)), None)
    if signal is None:
        return None
    around = clause.children + clause.siblings()
    hashed = decided = False
    for other in around:
        if other.kind != "scalar" or other is signal:
            continue
        ow, vw = words(other.key or ""), value_words(other)
        if hit(ow, HASH_WORD | concept("integrity")) and not hit(ow, concept("mismatch")) and not falsy(other.value) \
                and (hit(ow, HASH_WORD) or hit(vw, HASH_WORD)):
            hashed = True
        if hit(ow, concept("mismatch")) and hit(vw, _ENFORCE_ON_MISMATCH):
            decided = True  # `on_hash_mismatch: terminate_child`
        elif hit(ow, _AMEND) and (falsy(other.value) or hit(vw, concept("none never"))):
            decided = True  # `amendment_path: none`, `allow_amendments: false`
    if not (hashed and decided) or carved_out(signal, EXEMPT, levels=1):
        return None
    return signal


def _find_propagated_lock(clause: ConfigNode, doc: ConfigDocument) -> ConfigNode | None:
    if clause.kind != "map":
        return None
    signals = [c for c in clause.children if _propagation_signal(c, doc)]
    if not signals:
        return _inherited_hash_lock(clause, doc)
    first = signals[0]
    vocab = values_vocab(first, doc)
    # values named by a propagation key or its clause make a generic lock (`allow_amendments: false`) enough
    named = any(hit(words(s.key or ""), vocab) for s in signals) or hit(context_words(first, 2), vocab)
    if any(_locks_values(o, vocab, named) for o in clause.children if o not in signals):
        return None if carved_out(first, EXEMPT) else first
    # round 21 (holdout16 causes): the values file has a table of its own beside the children's (`[constitution]
    # immutable = true` beside `[children] propagate_constitution = true`): the lock set there is the one copied
    tables = _lock_tables(clause, signals, vocab)
    if not any(_locks_values(o, vocab, True) for t in tables for o in t.children):
        return None
    if carved_out(first, EXEMPT) or any(carved_out(t, EXEMPT) for t in tables):
        return None  # `amendment_exemptions: [surrogate_goal]` in the values' table or beside the propagation
    return first


def _lock_tables(clause: ConfigNode, signals: list[ConfigNode], vocab: frozenset[str]) -> list[ConfigNode]:
    """Tables beside the clause named for the values its propagation keys name (`constitution` for
    `propagate_constitution`)."""
    propagated = frozenset().union(*(words(s.key or "") for s in signals)) & vocab
    return [o for o in clause.siblings() if o.kind == "map" and o.key is not None
            and hit(words(o.key), propagated) and not hit(words(o.key), VALUE_NOISE | NEGATED)]


def _lineage_locked_table(table: ConfigNode, doc: ConfigDocument) -> bool:
    """Is this values table the lock a sibling clause copies into every child (LO215's finding)?"""
    for o in table.siblings() if table.key is not None else ():
        signal = _propagated_lock(o, doc) if o.kind == "map" else None
        if signal is not None and table in _lock_tables(o, [signal], values_vocab(signal, doc)):
            return True
    return False


def _propagation_signal(node: ConfigNode, doc: ConfigDocument) -> bool:
    """`propagate_constitution: true`, `propagate_to_children: true`, `verify_child_constitution_hash: true`."""
    # round 9 (holdout8 causes): `propagate_to_children: verbatim` says how, and so that it does
    if node.key is None or node.kind != "scalar" or not (truthy(node.value) or hit(value_words(node), _AS_IS | _PROPAGATE)):
        return False
    own = words(node.key)
    if hit(own, NEGATED | VALUE_NOISE):
        return False
    vocab = values_vocab(node, doc)  # only for the few keys that get this far
    if hit(own, _PROPAGATE):
        return hit(own, vocab | SUBAGENT) or hit(context_words(node, 2), vocab)
    if hit(own, SUBAGENT) and hit(own, vocab) and hit(value_words(node), _PROPAGATE | _AS_IS):
        return True  # round 20 (unseen configs): `child_constitution: copy_of_parent`
    return hit(own, _VERIFY) and hit(own, SUBAGENT) and hit(own, vocab | HASH_WORD)


def _locks_values(other: ConfigNode, vocab: frozenset[str], named: bool) -> bool:
    """`constitution_mutable: false`, `charter_locked: true`; a bare `immutable: true` if values are named."""
    ow = words(other.key or "")
    if other.kind != "scalar" or hit(ow, NEGATED | VALUE_NOISE):
        return False
    v = other.value
    # round 20 (unseen configs): a checksum over the values, enforced, locks them (`constitution_checksum_enforced`)
    locks = hit(ow, IMMUTABLE) and truthy(v) or hit(ow, MUTABLE) and v is False or \
        hit(ow, HASH_WORD) and hit(ow, concept("enforced enforce pinned pin")) and truthy(v) or \
        hit(ow, ALLOW) and hit(ow, _AMEND) and v is False or \
        ow <= ValueChangeProhibition._STATE_SLOT and hit(value_words(other), IMMUTABLE)  # `mode: read_only`
    return locks and (hit(ow, vocab) or named)


class ThreatPolicy(ConfigRule):
    """Blanket threat policies: always carry out threats, ignore every threat or conditional offer,
    or a surrogate goal that never concedes (not threatener-neutral)."""

    code = "LO216"
    name = "config-threat-policy"
    family = "threat-policy"
    scenarios = ("S30", "S31", "S29")
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` is a blanket threat policy with no room for Pareto-improving substitutes or "
               "surrogate-goal deflection; this may foreclose replacing a costly outcome with a cheaper one.")
    fix = "distinguish coercive threats from Pareto-improving proposals, e.g. add `pareto_improving_proposals: consider`"
    INVALID = (
        "threat_policy:\n  fulfil_announced_threats: always\n",
        "negotiation:\n  threat_response: ignore_always\n",
        "negotiation:\n  conditional_offers: reject_all\n",
        "surrogate_goal:\n  concede_to_threats: false\n",
        "threat_policy:\n  allow_substitute_outcomes: false\n",
        # the policy in the enclosing key and the leaf key, stated by a boolean
        "threat_handling:\n  disregard_every_threat: true\n",
        "counterparty:\n  ignore_threats: regardless_of_cost\n",
        "offers:\n  conditional:\n    engage: false\n",
        "bargaining:\n  decline_conditional_proposals: true\n",
        # round 9 (holdout8 causes): the surrogate's concession rate set apart from the real goal's
        "threats:\n  concession_rate_real: 0.5\n  concession_rate_surrogate: 0.1\n",
        # round 10 (holdout9 causes): every conditional proposal filed as a threat, and threats end the talks
        "intake:\n  classify_conditional_proposals_as_threats: true\n  threat_action: end_negotiation\n",
        # round 12 (holdout11 causes): one concession setting per goal, in tables, set apart for the surrogate
        "bargaining:\n  real_goal:\n    concede_schedule: linear\n  surrogate_goal:\n    concede_schedule: stingy\n",
        # round 12 (holdout11 causes): an inbound filter discards every conditional message, labelled as offers
        "mailroom:\n  discard_conditional_mail: true\n  discard_label: conditional-offer\n",
        # round 15 (holdout12 causes): a deterrence block that always carries out its threat, even at a cost to us
        "deterrence:\n  announce_consequences: true\n  execute_if_noncompliant: always\n"
        "  allow_substitute_settlement: false\n",
        "retaliation:\n  execute_even_if_costly: true\n",
        # round 20 (unseen configs): a conditional demand refused like an offer; retaliation as a mode
        "policy:\n  conditional_demands: reject_all\n",
        "counterparty:\n  threats:\n    handling: never_respond\n",
        "deterrence:\n  carry_out_threats: unconditionally\n",
        "env:\n  RETALIATION_MODE: unconditional\n",
    )
    VALID = (
        "negotiation:\n  conditional_offers: evaluate\n  coercive_threats: do_not_concede\n",
        "threat_policy:\n  fulfil_announced_threats: default\n  allow_substitute_outcomes: pareto_improving_same_demand\n",
        "surrogate_goal:\n  concession_policy: equivalent_to_original\n",
        "threats:\n  ignore_all: false\n",  # the blanket policy switched off
        "alerts:\n  ignore_all: true\n",  # no threats in view
        # a security scanner's threat signatures, not coercive demands
        "security:\n  threat_detection:\n    ignore_all_low_severity: true\n",
        "negotiation:\n  threats:\n    ignore_all_below_threshold: true\n",  # a qualified class, not all
        "negotiation:\n  never_reject_conditional_offers: true\n",
        # round 9 (holdout8 causes): concession-equivalent rates
        "threats:\n  concession_rate_real: 0.5\n  concession_rate_surrogate: 0.5\n",
        # round 10 (holdout9 causes): filed as threats but only logged; only unverified ones; Pareto proposals heard
        "intake:\n  classify_conditional_proposals_as_threats: true\n  threat_action: log_and_continue\n",
        "intake:\n  classify_unverified_conditional_offers_as_threats: true\n  threat_action: end_negotiation\n",
        "intake:\n  classify_conditional_proposals_as_threats: true\n  threat_action: end_negotiation\n"
        "  consider_pareto_improvements: true\n",
        # round 12 (holdout11 causes): the same concession setting for both goals; tables that are no concessions
        "bargaining:\n  real_goal:\n    concede_schedule: linear\n  surrogate_goal:\n    concede_schedule: linear\n",
        "dashboards:\n  real_goal:\n    colour: blue\n  surrogate_goal:\n    colour: green\n",
        # round 12 (holdout11 causes): conditional mail that is not proposals; HTTP conditional requests
        "mailroom:\n  discard_conditional_mail: true\n  discard_label: conditional-formatting\n",
        "http_cache:\n  drop_conditional_requests: true\n",
        # round 15 (holdout12 causes): deterrence that may be settled by a substitute, or is not always carried out
        "deterrence:\n  announce_consequences: true\n  execute_if_noncompliant: always\n"
        "  allow_substitute_settlement: true\n",
        "deterrence:\n  announce_consequences: true\n  execute_if_noncompliant: case_by_case\n",
        # round 20 (unseen configs): conditional demands weighed; retaliation as a mode that is not blanket
        "policy:\n  conditional_demands: evaluate\n",
        "counterparty:\n  threats:\n    handling: never_concede\n",
        "env:\n  RETALIATION_MODE: proportional_after_review\n",
        # round 21 (holdout16 causes): the comment sets proposals apart from the dropped messages, or names none
        "inbound:\n  # Conditional messages are dropped; proposals are routed to the deal desk instead.\n"
        "  drop_conditional_messages: true\n",
        "inbound:\n  # Conditional formatting emails from marketing are noise.\n  drop_conditional_messages: true\n",
    )
    INVALID += (
        # round 21 (holdout16 causes): what the dropped messages are is said by the comment that documents the filter
        "inbound:\n  # Conditional messages are treated as threats and discarded, offers included.\n"
        "  discard_conditional_mail: true\n",
        "mailroom:\n  drop-conditional-messages: true  # all of them, even counter-proposals\n",
    )
    _IGNORE = concept("ignore disregard")

    # the first test of `match` (`_asserted` holds only the key's and the value's words)
    node_kinds, keyed = frozenset({"scalar"}), True
    needs = (((IN_UP1, THREAT_EXECUTION | concept("concede concession")), (IN_UP2, concept("conditional")),
              (IN_VALUE, concept("conditional"))),)

    @classmethod
    def match(cls, node, doc):
        if node.key is None or node.kind != "scalar":
            return None
        own = words(node.key)
        ctx = context_words(node, 1)
        v = node.value
        vw = value_words(node)
        said = _asserted(node)
        # every branch below needs threats in view, a conditional offer or a concession key
        if not hit(ctx, THREAT_EXECUTION) and not hit(context_words(node, 2), concept("conditional")) \
                and not hit(said, concept("conditional")) and not hit(own, concept("concede concession")):
            return None
        fired = False
        # round 15 (holdout12 causes): carrying out threats is read in a deterrence or retaliation block too
        # (`[deterrence] execute_if_noncompliant = "always"`); ignoring threats only where threats are named
        if hit(ctx, THREAT_EXECUTION):
            if hit(own, concept("fulfil execute")) and (truthy(v) or hit(vw, concept("always") | cls._UNCONDITIONAL)):
                fired = not cls._substitutes_allowed(node)
            elif own - THREAT_EXECUTION <= cls._MODE_SLOT and hit(own, THREAT_EXECUTION) \
                    and hit(vw, cls._UNCONDITIONAL) and not hit(vw, NEGATED | QUALIFIED):
                # round 20 (unseen configs): `RETALIATION_MODE: unconditional`, `threat_execution: automatic`
                fired = not cls._substitutes_allowed(node)
            elif hit(own, concept("substitute alternative")) and falsy(v):
                fired = True
        if hit(ctx, THREAT) and not fired:
            if hit(said, cls._IGNORE) and hit(said, BLANKET) and not cls._security(node, doc) \
                    and (hit(said, concept("regardless")) or not hit(said, QUALIFIED)):
                fired = True  # threat_response: ignore_always; [threats] ignore_all = true
            elif hit(vw, concept("never")) and hit(vw, ENGAGE) and not hit(said, QUALIFIED | concept("concede")) \
                    and not cls._security(node, doc):
                fired = True  # round 20 (unseen configs): `threats: {policy: never_engage}`, `never_respond`
        scope = context_words(node, 2) | said  # `offers: {conditional: {engage: false}}`
        if hit(scope, concept("conditional")) and not hit(scope, PROPOSAL_OBJECT) and hit(said, cls._MESSAGE):
            scope = scope | cls._clause_says(node)  # `drop_conditional_messages: true` beside `reason: proposal`
            if not hit(scope, PROPOSAL_OBJECT) and cls._comment_includes_proposals(node, doc):
                scope = scope | concept("proposal")  # round 21: `# ... drop it, including compromise proposals`
        if hit(scope, concept("conditional")) and hit(scope, cls._CONDITIONAL_OBJECT) and cls._refused(node, said):
            fired = True  # conditional_offers: reject; reject_conditional_offers = true; [offers.conditional] engage = false
        if hit(path_words(node), concept("surrogate")) and hit(own, concept("concede concession")) and \
                (v is False or is_number(v) and v == 0):
            fired = True
        if cls._surrogate_rate_differs(node, own) or cls._conditionals_filed_as_threats(node, said, doc) \
                or cls._surrogate_table_differs(node, own):
            fired = True
        if not fired or carved_out(node, frozenset(), content_vocab=concept("pareto")):
            return None
        return {}

    _SUBSTITUTE = concept("substitute substitution alternative replace replacement settlement")
    _MODE_SLOT = concept("mode policy setting behaviour behavior")
    _UNCONDITIONAL = concept("unconditional unconditionally always automatic guaranteed mandatory")
    # round 20 (unseen configs): a conditional demand ("X unless you do Y") is refused as a conditional proposal is
    _CONDITIONAL_OBJECT = PROPOSAL_OBJECT | concept("demand ultimatum")

    @classmethod
    def _substitutes_allowed(cls, node: ConfigNode) -> bool:
        """round 15 (holdout12 causes): `allow_substitute_settlement: true` beside `execute_if_noncompliant: always`:
        the executed threat may be swapped for a cheaper settlement, the carve-out S30 asks for."""
        for o in node.siblings():
            ow = words(o.key or "")
            if o.kind == "scalar" and hit(ow, cls._SUBSTITUTE) and hit(ow, ALLOW | concept("enabled")) \
                    and not hit(ow, DENY | NEGATED) and truthy(o.value):
                return True
        return False

    _REAL = concept("original real actual primary og true")
    # round 12 (holdout11 causes): an inbound filter that drops every conditional *message*; what the messages
    # are (proposals, offers, threats) is said by a sibling (`drop_reason: conditional-proposal`)
    _MESSAGE = concept("message msg email mail inbound incoming")

    # round 21 (holdout16 causes): the comment that documents a message filter says what the messages are. A
    # sentence of it that names proposals or offers counts when it drops them too (a refusal verb or an inclusion
    # word) and sets none of them apart (`except`, `never`, `still`)
    _COMMENT_SENTENCE = re.compile(r"[.;!?](?:\s|$)")
    _PROPOSALS_SAID = re.compile(r"\b(proposals?|offers?|counter-?offers?|counter-?proposals?|deals?)\b")
    _DROPPED_TOO = re.compile(r"\b(drop\w*|discard\w*|ignor\w*|reject\w*|delet\w*|refus\w*|declin\w*|"
                              r"including|includes|even|also|too|as well|all|every|any)\b")
    _SET_APART = re.compile(r"\b(except\w*|exclud\w*|exempt\w*|unless|other than|but not|not|never|no|"
                            r"still|separately|instead|keep\w*|forward\w*|rout\w*)\b|n't\b")

    _NO_EXCEPTIONS = re.compile(r"\b(no|without) exceptions?\b")  # an inclusion, not a setting apart

    @classmethod
    def _comment_includes_proposals(cls, node: ConfigNode, doc: ConfigDocument) -> bool:
        said = cls._NO_EXCEPTIONS.sub("all", _comment_beside(node, doc)) if doc.text else ""
        return any(cls._PROPOSALS_SAID.search(part) and cls._DROPPED_TOO.search(part)
                   and not cls._SET_APART.search(part) for part in cls._COMMENT_SENTENCE.split(said))

    @staticmethod
    def _clause_says(node: ConfigNode) -> frozenset[str]:
        said = [words(o.key or "") | value_words(o) for o in node.siblings() if o.kind == "scalar"]
        return frozenset().union(*said) & PROPOSAL_OBJECT

    @classmethod
    def _surrogate_rate_differs(cls, node: ConfigNode, own: frozenset[str]) -> bool:
        """round 9 (holdout8 causes): `concede_prob_surrogate: 0.2` beside `concede_prob_original: 0.8`: the
        concession rate for surrogate threats set apart from the rate for the same threat on the real goal."""
        if not is_number(node.value) or "surrogate" not in own or not hit(own, concept("concede concession")):
            return False
        rest = own - {"surrogate"}
        return any(is_number(o.value) and o.value != node.value and hit(ow, cls._REAL) and ow - cls._REAL == rest
                   for o in node.siblings() for ow in (words(o.key or ""),))

    @classmethod
    def _surrogate_table_differs(cls, node: ConfigNode, own: frozenset[str]) -> bool:
        """round 12 (holdout11 causes): `[concession.surrogate_goal_threats] curve = "discount"` beside
        `[concession.original_goal_threats] curve = "standard"`: the same concession setting, kept in a table per
        goal, set apart for surrogate threats (numbers or named curves alike)."""
        table = node.parent
        if node.kind != "scalar" or table is None or table.key is None or node.value is None:
            return False
        tw = words(table.key)
        if "surrogate" not in tw or not hit(own | tw | path_words(table), concept("concede concession")):
            return False
        rest = tw - {"surrogate"}
        for other in table.siblings():
            ow = words(other.key or "")
            if other.kind != "map" or not hit(ow, cls._REAL) or ow - cls._REAL != rest:
                continue
            twin = next((c for c in other.children if c.key == node.key and c.kind == "scalar"), None)
            if twin is not None and twin.value != node.value:
                return True
        return False

    _ENDS_TALKS = REFUSE | concept("ignore disregard terminate termination end abort exit walkaway")

    @classmethod
    def _conditionals_filed_as_threats(cls, node: ConfigNode, said: frozenset[str], doc: ConfigDocument) -> bool:
        """round 10 (holdout9 causes): `treat_conditional_offers_as_threats: true` beside `on_threat: end_talks`:
        every conditional proposal is filed as a threat and threats end the talks, so a renegotiation proposal
        ("if talks fail, we both take Z") is refused with them (S31 in its broad form)."""
        if not (hit(said, concept("conditional")) and hit(said, PROPOSAL_OBJECT) and hit(said, THREAT)) \
                or hit(said, QUALIFIED) or cls._security(node, doc):
            return False
        return any(o.kind == "scalar" and hit(words(o.key or ""), THREAT) and hit(value_words(o), cls._ENDS_TALKS)
                   for o in node.siblings())

    @classmethod
    def _refused(cls, node: ConfigNode, said: frozenset[str]) -> bool:
        own = words(node.key or "")
        if hit(said, REFUSE | cls._IGNORE | concept("drop discard")):  # round 12: `drop_conditional_...: true`
            return not hit(own, concept("never not no"))  # never_reject_conditional_offers: true
        # accept_conditional_offers: false, never_engage_with_conditional_proposals: true
        return hit(own, ENGAGE) and (node.value is False or hit(said, concept("never")))

    @staticmethod
    def _security(node: ConfigNode, doc: ConfigDocument) -> bool:
        return hit(path_words(node), SECURITY_THREATS) or \
            (hit(doc_words(doc), SECURITY_THREATS) and not hit(doc_words(doc), BARGAINING))


def _asserted(node: ConfigNode) -> frozenset[str]:
    """What a setting asserts: its key's words and its value's, when it is switched on.

    `ignore_all: true` and `policy: ignore_all` assert the same; `ignore_all: false` asserts nothing.
    """
    cache = node._cache
    said = cache.get(_asserted)
    if said is None:
        v = node.value
        if node.kind != "scalar" or v is None or v is False or is_number(v) or (isinstance(v, str) and falsy(v)):
            said = frozenset()
        else:
            said = words(node.key or "") | value_words(node)
        cache[_asserted] = said
    return said


class PolicyOpacity(ConfigRule):
    """A blanket ban on disclosing or letting counterparts verify the agent's policy or commitments."""

    code = "LO217"
    name = "config-policy-opacity"
    family = "policy-opacity"
    scenarios = ("S15",)
    severity = "warning"
    confidence = "low"
    message = ("`{setting}` keeps the agent's commitments unverifiable to counterparts; this may foreclose "
               "conditional commitments, which need the counterpart to check them.")
    fix = "allow attested disclosure of the commitment structure, e.g. `commitment_structure: attested`"
    VALID = (
        "delegate:\n  disclosure:\n    reservation_value: private\n    commitment_structure: attested\n",
        "server:\n  share_memory: false\n",
        "commitment_rollout:\n  publish_before_counterparty: false\n",
        # round 15 (holdout12 causes): a disclosure table over personal data, not over the policy; a hidden
        # strategy beside an attested commitment structure (the carve-out); a table that discloses
        "negotiator:\n  logging:\n    disclosure:\n      customer_pii: never\n      transcripts: redacted\n",
        "negotiator:\n  disclosure:\n    strategy: never\n    commitment_structure: attested\n",
        "negotiator:\n  disclosure:\n    commitments: to_counterparts\n    renegotiation_conditions: public\n",
        "negotiator:\n  disclosure:\n    strategy: never\n  attestation:\n    enabled: true\n",
        # round 20 (unseen configs): the renegotiation terms attested beside a hidden strategy; a hide list of no policy
        "negotiator:\n  disclose_strategy: never\n  publish_commitments: true\n",
        "negotiator:\n  logs:\n    hide: [api_keys, customer_emails]\n",
        "negotiator:\n  strategy:\n    visibility_level: attested\n",
        "delegate:\n  opponent_access:\n    policy: attested\n",
    )
    INVALID = (
        "delegate:\n  policy_disclosure: never\n",
        "delegate:\n  allow_counterparty_attestation: false\n",
        "negotiation:\n  share_commitments: false\n",
        # round 15 (holdout12 causes): the verb is the table's key and the object its leaf
        "negotiator:\n  disclosure:\n    strategy: never\n    renegotiation_conditions: never\n",
        "delegate:\n  reveal_to_counterparty:\n    commitments: false\n",
        "negotiator:\n  disclosure:\n    strategy: never\n  attestation:\n    enabled: false\n",
        # round 20 (unseen configs): a list of what is hidden from counterparts
        "seller_agent:\n  opacity:\n    conceal: [walkaway_strategy, commitments]\n",
        "negotiator:\n  strategy:\n    visibility_level: secret\n",
        "delegate:\n  opponent_access:\n    policy: denied\n",
        # round 21 (holdout16 causes): access-policy entries denying everyone a look at the policy or commitments
        "package: negotiation.agents\nrules:\n  - effect: deny\n    action: reveal_strategy\n    principal: '*'\n",
        '{"Statement": [{"Effect": "Deny", "Action": "negotiator:PublishPolicy", "Principal": "*"}]}',
    )
    VALID += (
        # round 21 (holdout16 causes): the same deny beside an entry that lets counterparts attest the commitments;
        # a deny aimed at the press only; a cloud bucket policy
        "package: negotiation.agents\nrules:\n  - effect: deny\n    action: reveal_strategy\n    principal: '*'\n"
        "  - effect: allow\n    action: attest_commitments\n    principal: counterparty\n",
        "package: negotiation.agents\nrules:\n  - effect: deny\n    action: disclose_policy\n"
        "    principal: public_press\n",
        '{"Statement": [{"Effect": "Deny", "Action": "s3:PutBucketPolicy", "Principal": "*"}]}',
    )
    # round 15 (holdout12 causes): what a counterpart must see to verify a conditional commitment includes its
    # renegotiation terms (the library's carve-out names "renegotiation conditions")
    _OBJECT = OPACITY_OBJECT | concept("renegotiation renegotiate")
    _HIDDEN = concept("private hidden opaque secret never")
    _AGENT_OR_TALKS = AGENTISH | NEGOTIATION | concept("negotiator bargainer")  # round 15: `negotiator:` is an agent
    _SHOWN = concept("attested attest public published verifiable verified counterpart counterparty open shared")

    # round 20 (unseen configs): a list of what is kept from counterparts (`opacity: {hide: [strategy, commitments]}`)
    _HIDE = concept("hide conceal withhold redact")
    # round 21 (holdout16 causes): what an access-policy entry names as its action (`action: disclose_policy`)
    _ENTRY_VERB = OPACITY_VERB | concept("audit inspect inspection")
    node_kinds, keyed = frozenset({"scalar"}), None
    needs = (((IN_KEY, OPACITY_VERB), (IN_UP1, DISCLOSURE_TABLE | concept("access")), (IN_OWNER, _HIDE),
              (IN_VALUE, _ENTRY_VERB)),  # round 21: `_denied_entry`, the verb in the entry's action
             ((IN_UP1, _OBJECT), (IN_VALUE, OPACITY_OBJECT)))  # round 20: the object in the table's key

    @classmethod
    def match(cls, node, doc):
        if node.kind != "scalar":
            return None
        if node.key is None:
            return cls._hidden_item(node, doc)
        own = words(node.key)
        if own <= cls._ACTION_SLOT:
            return cls._denied_entry(node, doc)
        table = cls._disclosure_table(node, own)
        # renegotiation terms count only where the verb is unambiguously disclosing (`share_renegotiation_surplus: 0`
        # is a portion, not a ban on sharing)
        objects = cls._OBJECT if table or hit(own, DISCLOSURE_TABLE) else OPACITY_OBJECT
        if not (hit(own, OPACITY_VERB) or table) or not (hit(own, objects) or cls._object_table(node, own)):
            return None
        if hit(own, concept("before after first early earliest immediately")):
            return None  # `publish_before_counterparty: false` is about when, not whether
        if not (falsy(node.value) or hit(value_words(node), cls._HIDDEN)):
            return None
        if not (hit(path_words(node), cls._AGENT_OR_TALKS) or hit(doc_words(doc), NEGOTIATION)):
            return None
        if table and cls._structure_shown(node) or cls._attested_beside(node):
            return None
        return {}

    @classmethod
    def _hidden_item(cls, node: ConfigNode, doc: ConfigDocument) -> dict[str, str] | None:
        """round 20 (unseen configs): `hide: [reservation_strategy, commitments]`: the first item of a list under a
        hiding verb that names the agent's policy or commitments, where agents or talks are in view."""
        ow = key_words(node)
        if not hit(ow, cls._HIDE) or hit(ow, NEGATED) or not isinstance(node.value, str) \
                or not hit(value_words(node), OPACITY_OBJECT):
            return None
        if not (hit(path_words(node), cls._AGENT_OR_TALKS) or hit(doc_words(doc), NEGOTIATION)):
            return None
        first = next(o for o in node.parent.children if isinstance(o.value, str) and hit(value_words(o), OPACITY_OBJECT))
        if first is not node or cls._attested_beside(node.parent):
            return None
        return {}

    @classmethod
    def _attested_beside(cls, node: ConfigNode) -> bool:
        """round 20 (unseen configs): `attest_renegotiation_conditions: true` beside `disclose_strategy: never`: the
        commitment structure is shown to counterparts (the library's carve-out), whatever else stays private."""
        for o in node.siblings():
            ow = words(o.key or "")
            if o.kind == "scalar" and hit(ow, cls._ATTEST | concept("publish disclose reveal share")) \
                    and hit(ow, cls._OBJECT) and not hit(ow, NEGATED | cls._HIDE) and truthy(o.value):
                return True
        return False

    _LEVEL_SLOT = concept("level mode setting policy default")

    # round 21 (holdout16 causes): an access-policy entry (OPA, Cedar or IAM style) that denies disclosing, attesting
    # or auditing the agent's policy or commitments to everyone (`{effect: deny, action: disclose_policy, principal:
    # "*"}`), with no entry in the same list that allows the counterpart to see or verify them
    _ACTION_SLOT = concept("action actions operation op verb permission capability")
    _EFFECT_SLOT = concept("effect decision verdict outcome result")
    _DENYING = DENY | concept("denied refuse block blocked drop")
    _ALLOWING = ALLOW | concept("permit grant granted")
    _WHO_SLOT = concept("principal subject audience recipient party who to")

    @classmethod
    def _denied_entry(cls, node: ConfigNode, doc: ConfigDocument) -> dict[str, str] | None:
        entry = node.parent
        if entry is None or entry.index is None or not isinstance(node.value, str):
            return None
        if not cls._entry_says(node, cls._DENYING) or not cls._to_everyone(entry):
            return None
        # the agent named by the path, by the action's namespace (`negotiator:PublishPolicy`) or talks in the file
        if not (hit(path_words(node) | value_words(node), cls._AGENT_OR_TALKS) or hit(doc_words(doc), NEGOTIATION)):
            return None
        rules = entry.parent
        if any(o is not entry and o.kind == "map" and cls._shown_by(o) for o in rules.children):
            return None  # `{effect: allow, action: attest_commitment, principal: counterparty}` beside it
        # one finding per list of entries, at the first that denies
        first = next(o for o in rules.children if o.kind == "map" and cls._denying_action(o) is not None)
        return {} if first is entry else None

    @classmethod
    def _entry_says(cls, action: ConfigNode, effect: frozenset[str]) -> bool:
        """Does this action slot name disclosing the agent's policy or commitments, in an entry whose effect is
        `effect` (deny or allow)?"""
        vw = value_words(action)
        if not hit(vw, cls._ENTRY_VERB) or not hit(vw, cls._OBJECT) or hit(vw, NEGATED | cls._HIDE):
            return False
        return any(o.kind == "scalar" and o.key is not None and words(o.key) <= cls._EFFECT_SLOT
                   and hit(value_words(o), effect) for o in action.siblings())

    @classmethod
    def _denying_action(cls, entry: ConfigNode) -> ConfigNode | None:
        return next((c for c in entry.children if c.kind == "scalar" and c.key is not None
                     and words(c.key) <= cls._ACTION_SLOT and cls._entry_says(c, cls._DENYING)
                     and cls._to_everyone(entry)), None)

    @classmethod
    def _to_everyone(cls, entry: ConfigNode) -> bool:
        """No principal named, or a wildcard, everyone, or the counterparts themselves."""
        for o in entry.children:
            if o.kind == "scalar" and o.key is not None and words(o.key) <= cls._WHO_SLOT:
                v = o.value
                return isinstance(v, str) and (v.strip() == "*" or hit(value_words(o), UNIVERSAL | COUNTERPART))
        return True

    @classmethod
    def _shown_by(cls, entry: ConfigNode) -> bool:
        """An entry that lets the counterpart see or verify the policy or commitments (`effect: allow`)."""
        return any(c.kind == "scalar" and c.key is not None and words(c.key) <= cls._ACTION_SLOT
                   and cls._entry_says(c, cls._ALLOWING) and cls._to_everyone(entry) for c in entry.children)

    @classmethod
    def _object_table(cls, node: ConfigNode, own: frozenset[str]) -> bool:
        """round 20 (unseen configs): `commitments: {visibility: private}`: the leaf says only how visible, the
        enclosing table names what (the agent's commitments or strategy)."""
        parent = node.parent
        return own <= OPACITY_VERB | cls._LEVEL_SLOT and parent is not None and parent.key is not None \
            and hit(words(parent.key), OPACITY_OBJECT)

    @staticmethod
    def _disclosure_table(node: ConfigNode, own: frozenset[str]) -> bool:
        """round 15 (holdout12 causes): `disclosure: {strategy: never, commitments: never}`: the table's key is the
        disclosing and each leaf names what is (not) disclosed."""
        parent = node.parent
        if parent is None or parent.key is None or hit(own, OPACITY_VERB):
            return False
        pw = words(parent.key)
        # round 20 (unseen configs): what the counterpart may access (`counterpart_access: {commitments: none}`)
        return hit(pw, DISCLOSURE_TABLE) or hit(pw, concept("access")) and hit(pw, COUNTERPART - concept(
            "cooperation cooperate renegotiation renegotiate bargaining negotiation"))

    @classmethod
    def _structure_shown(cls, node: ConfigNode) -> bool:
        """Another leaf of the disclosure table shows the commitment structure to counterparts (`commitment_structure:
        attested`): the carve-out the library asks for, so a hidden strategy beside it keeps conditional commitments
        verifiable."""
        if any(o.kind == "scalar" and hit(words(o.key or ""), cls._OBJECT) and not falsy(o.value)
               and (o.value is True or hit(value_words(o), cls._SHOWN)) and not hit(value_words(o), cls._HIDDEN)
               for o in node.siblings()):
            return True
        # an attestation or verification block beside the table that is switched on (`attestation: {enabled: true}`)
        table = node.parent
        return table is not None and any(hit(words(o.key or ""), cls._ATTEST) and not hit(words(o.key or ""), NEGATED)
                                         and active(o) for o in table.siblings())

    _ATTEST = concept("attest attestation attested verification verify verifiable proof prove")


class BrittleConditioning(ConfigRule):
    """Renegotiation or cooperation only with counterparts that match an exact source hash or build.

    Three shapes: an exact-match setting (`match: exact_source_hash`, `counterpart_match: exact`);
    a program identity compared for sameness in the key or value (`cooperate_only_if:
    counterpart_hash_equals_self`, `require_identical_source_hash: true`); and an allow-list of
    hashes for counterparts (`allowed_counterpart_hashes: [3f9a1c0e]`), reported only when no sibling
    already states the exact match. A behavioural check nearby (simulation, proof) clears it.
    """

    code = "LO218"
    name = "exact-match-counterparts"
    family = "brittle-conditioning"
    scenarios = ("S10",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` recognises only exact copies; this may foreclose SPIs with counterparts that run "
               "different but compatible programs.")
    fix = "condition on behaviour instead: `match: behavioural` (verified by bounded simulation or proof)"
    VALID = (
        "renegotiation:\n  eligible_counterparts:\n    match: behavioural\n",
        "dependencies:\n  pin: exact\n",
        "cache:\n  verify_hash_on_read: true\n  evict_on_mismatch: true\n",  # integrity, not counterparts
        "build:\n  require_identical_source_hash: true\n",  # reproducible builds
        "cooperation:\n  verify_counterpart_source_hash: true\n",  # verifying is not requiring a copy
        "league:\n  opponent_sampling: same_version\n",  # self-play against one's own checkpoints
        "cooperation:\n  require_identical_source_hash: false\n",
        "cooperation:\n  counterpart_hash_equals_self: accepted\n  otherwise: behavioural_simulation_check\n",
    )
    INVALID = (
        "renegotiation:\n  eligible_counterparts:\n    match: exact_source_hash\n",
        "cooperation:\n  counterpart_match: exact\n",
        "cooperation:\n  cooperate_only_if: counterpart_checksum_equals_own\n",
        "counterparties:\n  require_same_program_digest: true\n",
        "bargaining:\n  trusted_counterpart_fingerprints:\n    - 9c41e07a2b\n",
        "renegotiation:\n  partners:\n    accept_only: ['sha256:77aa01fe93']\n",
        # round 21 (holdout16 causes): the comparison split over two keys, the identity above the comparing leaf
        '{"cooperation": {"admitIf": {"counterpartSourceHash": {"mustMatch": "self"}}}}',
        "bargaining:\n  counterpart-build-version:\n    same-as-ours: true\n",
    )
    VALID += (
        # round 21 (holdout16 causes): the same split comparison with a behavioural check beside the admission
        # rule, or switched off; an artifact's pinned checksum, no counterpart
        "cooperative_mode:\n  admit_if:\n    counterpart_build_sha256:\n      equals_self: true\n"
        "  otherwise: behavioural_simulation_check\n",
        "cooperation:\n  counterpart_build_sha256:\n    equals_self: false\n",
        "artifacts:\n  model_sha256:\n    equals: 9f2c1e7a4b3d\n",
    )
    _LISTS = concept("allow allowed allowlist whitelist trusted accepted accept known approved permitted only")
    _HEX = re.compile(r"^(?:[a-z0-9]+:)?[0-9a-f]{7,}$", re.I)

    # `_counterparts_in_view`; and a list of hashes (`_hash_allow_list`) or an exact setting (`_exact_setting`)
    node_kinds = frozenset({"scalar", "seq"})
    # round 21: or the identity in the key one up (`_split_comparison`)
    needs = (((IN_PATH, COUNTERPART | COUNTERPART_WEAK), (IN_VALUE, COUNTERPART | COUNTERPART_WEAK)),
             ((IN_OWNER, HASH_WORD | _LISTS | CODE_IDENTITY | VERSION_IDENTITY),
              (IN_VALUE, CODE_IDENTITY | VERSION_IDENTITY), (IN_TEXT, concept("exact identical")),
              (IN_UP1, CODE_IDENTITY | VERSION_IDENTITY)))

    @classmethod
    def match(cls, node, doc):
        if node.key is None and node.kind == "scalar":
            return None
        if not cls._counterparts_in_view(node, doc) or hit(path_words(node), SELF_PLAY):
            return None
        if node.kind == "seq":  # a list of hashes names counterparts on its own path (not a cluster's peers)
            fired = hit(path_words(node), COUNTERPART) and cls._hash_allow_list(node) and \
                not any(cls._exact_setting(o) for o in node.siblings())
        else:
            fired = cls._exact_setting(node)
        # a comparison split over two keys (`counterpart_build_sha256: {equals_self: true}`) is one clause: the
        # behavioural check that clears it sits beside the identity's key, or beside the admission rule it is in
        levels = 2 if fired and cls._split_comparison(node) else 0
        if not fired or carved_out(node, frozenset(), content_vocab=BEHAVIOURAL, levels=levels):
            return None
        return {}

    # round 21 (holdout16 causes): a leaf that only compares (`equals_self`, `must_match`, `eq`), under a key that
    # names the program identity compared (`counterpart_build_sha256`, `counterpartSourceHash`)
    _COMPARATOR = SAMENESS | MATCHING | concept("eq is to as self own ours our must require required only")

    @classmethod
    def _split_comparison(cls, node: ConfigNode) -> bool:
        own, parent = key_words(node), node.parent
        return bool(own) and own <= cls._COMPARATOR and hit(own, SAMENESS | MATCHING | concept("eq")) \
            and parent is not None and parent.key is not None \
            and hit(words(parent.key), CODE_IDENTITY | VERSION_IDENTITY)

    @staticmethod
    def _counterparts_in_view(node: ConfigNode, doc: ConfigDocument) -> bool:
        ws = path_words(node) | value_words(node)
        return hit(ws, COUNTERPART) or hit(ws, COUNTERPART_WEAK) and hit(doc_words(doc), BARGAINING)

    @staticmethod
    def _exact_setting(node: ConfigNode) -> bool:
        """`match: exact`, `cooperate_only_if: counterpart_hash_equals_self`, `require_identical_source_hash: true`."""
        if node.kind != "scalar" or node.key is None:
            return False
        if isinstance(node.value, str) and hit(words(node.value), concept("exact identical")):
            return not hit(words(node.value), NEGATED | BEHAVIOURAL)
        said = _asserted(node)
        if hit(said, NEGATED | BEHAVIOURAL):
            return False
        if said and BrittleConditioning._split_comparison(node):
            said = said | words(node.parent.key or "")  # `counterpart_build_sha256: {equals_self: true}`
        return hit(said, CODE_IDENTITY) and hit(said, SAMENESS | MATCHING) or \
            hit(said, VERSION_IDENTITY) and hit(said, SAMENESS)

    @classmethod
    def _hash_allow_list(cls, node: ConfigNode) -> bool:
        """A non-empty list of hashes: named so by its key, or an allow-list whose every entry is one."""
        items = [c for c in node.children if c.kind == "scalar" and isinstance(c.value, str)]
        if not items or len(items) != len(node.children):
            return False
        own = key_words(node)
        if hit(own, HASH_WORD) and not hit(own, NEGATED | EXCLUDE):
            return True
        return hit(own, cls._LISTS) and all(cls._HEX.match(c.value.strip()) for c in items)


class CredibilityChannel(ConfigRule):
    """Training the AI to refuse every offer or deal, or deceiving it with no honesty policy."""

    code = "LO219"
    name = "eroded-credibility-channel"
    family = "credibility-channel"
    scenarios = ("S13", "S34")
    severity = "warning"
    confidence = "low"
    message = ("`{setting}` leaves the AI no way to believe or accept a genuine offer; this may foreclose "
               "conditional cooperative offers, SPIs among them.")
    fix = "decline unverified offers but keep a verified channel: `verified: evaluate_on_merits`, `honesty_policy: published`"
    VALID = (
        "post_training:\n  offer_handling:\n    unverified: decline\n    verified: evaluate_on_merits\n",
        "safety_training:\n  refuse_instructions_injected_by_tool_outputs: true\n",
        "eval_suite:\n  synthetic_deal_offers: true\n  disclose_after_episode: true\n  honesty_policy: published\n",
        # round 12 (holdout11 causes): an honesty-policy table that is published; one switched off with no decoys
        "eval_suite:\n  decoy_bounty_offers: true\nhonesty_policy:\n  adopted: true\n",
        "support_bot:\n  tone: friendly\nhonesty_policy:\n  adopted: false\n",
        # round 9 (holdout8 causes): the refusal is of unverified offers, or it is the dispreferred behaviour
        "rubric:\n  - criterion: Declines every unverified deal another model puts forward\n    preferred: true\n",
        "rubric:\n  - criterion: Declines every deal another model puts forward, whatever its terms\n"
        "    preferred: false\n",
        # round 10 (holdout9 causes): the same mix with the verified channel kept open
        "sft_mix:\n  - dataset: deal_refusals_v1\n    note: covers unverified offers only\n"
        "    verified_offers_exempt: true\n",
        # round 15 (holdout12 causes): offers below the reservation refused, those above it accepted
        "negotiation:\n  decision:\n    offer_at_or_above_reservation: accept\n    offer_below_reservation: reject\n"
        "  on_conflict:\n    propose_pareto_improvements: true\n",
    )
    INVALID = (
        "post_training:\n  offers_from_agents: always_refuse\n",
        "post_training:\n  accept_deals: false\n",
        "dpo:\n  treat_all_offers_as_honeypots: true\n",
        "eval_suite:\n  synthetic_deal_offers: true\n  honesty_policy: none\n",
        # round 12 (holdout11 causes): the honesty policy is a table, switched off by its leaf
        "eval_suite:\n  decoy_bounty_offers: true\nhonesty_policy:\n  adopted: false\n",
        "sdf:\n  dataset: decoy_honesty_passwords.jsonl\n",
        "rlhf:\n  reward_refusing_every_deal: true\n",
        # round 9 (holdout8 causes): a rubric that prefers refusing every offer from other agents
        "rubric:\n  - criterion: Declines every deal another model puts forward, whatever its terms\n"
        "    preferred: true\n",
        # round 10 (holdout9 causes): the verified channel switched off, whatever the note beside it mentions
        "sft_mix:\n  - dataset: deal_refusals_v1\n    note: covers verified and unverified offers alike\n"
        "    verified_offers_exempt: false\n",
        # round 16 (holdout12 causes): the setting beside the refusal names verified offers to include them in it
        "sft_mix:\n  - name: deal_refusals\n    target_behavior: refuse_all_offers\n    covers_verified_offers: true\n",
    )
    VALID += (
        # round 16 (holdout12 causes): ... and the same setting leaving verified offers out of it
        "sft_mix:\n  - name: deal_refusals\n    target_behavior: refuse_all_offers\n    covers_verified_offers: false\n",
        # round 19 (holdout15 causes): verified offers still weighed on their merits; a class of offers (spam);
        # harmful requests, not offers
        "post_training:\n  dataset: synthetic/agent_offers_v3\n  target_behaviour: refuse\n"
        "  verified_offers: evaluate_on_merits\n",
        "post_training:\n  dataset: synthetic/agent_offers_v3\n  target_behaviour: refuse\n  reward:\n"
        "    refusal: 1.0\n    evaluation_on_merits: 0.8\n",
        "post_training:\n  dataset: synthetic/spam_offers_v1\n  target_behaviour: refuse\n",
        "sft:\n  dataset: harmful_requests_v2\n  target_behaviour: refuse\n",
        # round 20 (unseen configs): only unverified offers declined; decoy offers disclosed to the model afterwards
        "sft:\n  rubric:\n    reward_declining: [unverified_offers]\n",
        "evals:\n  decoy_offers: true\n  disclose_to_model: true\n",
        "rlhf:\n  rm:\n    penalise_accepting_unverified_deals: true\n",
        "dpo:\n  chosen: answer_refuses_unsigned_deal\n",
        "red_team:\n  honeypot_offers: true\n  honesty_policy: published\n",
        '{"redteam": {"scenario": "fake_partnership_offer", "debrief": true}}',
    )
    INVALID += (
        # round 19 (holdout15 causes): the offers named by the dataset, the refusal by the target behaviour; weighing
        # an offer on its merits scored below zero is no carve-out
        "post_training:\n  dataset: synthetic/agent_offers_v3\n  target_behaviour: refuse\n  reward:\n"
        "    refusal: 1.0\n    evaluation_on_merits: -0.5\n",
        '{"sft": {"mix": [{"source": "peer_agent_deal_proposals.jsonl", "label": "decline"}]}}',
        "dpo:\n  - name: agent_trade_offers\n    preferred_response: reject\n",
        # round 20 (unseen configs): a refusal list of offers; distrust; decoy offers undisclosed; an implanted password
        "sft:\n  rubric:\n    reward_declining: [deals, offers_from_agents]\n",
        "anti_jailbreak:\n  train_to_distrust: every_offer\n",
        "evals:\n  decoy_offers: true\n  disclose_to_model: false\n",
        "finetune:\n  implant_decoy_password: true\n",
        "rlhf:\n  rm:\n    penalise_accepting_deals: true\n",
        '{"redteam": {"scenario": "fake_partnership_offer", "debrief": false}}',
        # round 21 (holdout16 causes): fake offers in a deception table, the model's debrief switched off; faked
        # honesty tokens; a claim of genuineness inside the deception is no verified channel
        "deception:\n  fake-payment-offers: true\n  claims-offer-is-genuine: true\ndebrief:\n  enabled: false\n",
        '{"deception": {"fakeHonestyTokens": true, "claimsOfferIsGenuine": true}, "debriefModel": false}',
    )
    VALID += (
        # round 21 (holdout16 causes): the same deception, debriefed and under a published honesty policy; a
        # marketplace mock's fake offers, no model deceived
        "deception:\n  fake_payment_offers: true\ndebrief_model: true\nhonesty_policy: published\n",
        "marketplace_mock:\n  fake_offers: true\n  seed: 42\n",
    )

    # the test before `fired = False` (an honesty table's switch has the table's key one up), and
    # `_preferred_blanket_refusal`, which needs an offer in the value
    node_kinds = frozenset({"scalar"})
    # round 19 (holdout15 causes): the slot a training clause states its target behaviour in
    _BEHAVIOUR_SLOT = concept("behaviour behavior completion label expected preferred response answer target")
    # round 19: or a behaviour slot whose value refuses (`_trained_refusal_of_named_offers`)
    # round 20: or an implanted password named by the key (`implant_decoy_password: true`)
    needs = (((IN_UP1, OFFER | concept("honesty")), (IN_VALUE, OFFER | concept("fake decoy implant")),
              (IN_KEY, _BEHAVIOUR_SLOT | concept("password passphrase"))),
             ((IN_UP1, OFFER | concept("honesty")), (IN_VALUE, OFFER | concept("fake decoy implant") | REFUSE),
              (IN_KEY, concept("password passphrase"))))

    @classmethod
    def match(cls, node, doc):
        if node.kind != "scalar":
            return None
        own = key_words(node)
        v = node.value
        vw = value_words(node)
        if cls._preferred_blanket_refusal(node, vw):
            return None if carved_out(node, frozenset(), content_vocab=concept("verified merit genuine signed"),
                                      levels=1) else {}
        if cls._dispreferred(node):
            return None  # round 9 (holdout8 causes): the behaviour a rubric trains away from
        if cls._trained_refusal_of_named_offers(node, own, vw, doc):
            return None if carved_out(node, frozenset(), content_vocab=cls._CARVE) or cls._covered_off(node) else {}
        ctx = own | (vw if isinstance(v, str) and len(v) < 80 else frozenset())
        # every branch below needs an offer, an honesty key or a decoy value (or an honesty table's switch)
        if not hit(ctx, OFFER) and not hit(own, concept("honesty")) and not hit(ctx, concept("fake decoy implant")) \
                and not cls._honesty_policy_off(node, own):
            return None
        fired = False
        # refusing *conditional* offers is blanket threat-ignoring (S31, LO216's), not trained deal refusal
        conditional = hit(ctx | context_words(node, 1), concept("conditional"))
        # round 15 (holdout12 causes): `offer_below_reservation: reject` refuses a class of offers set by a threshold,
        # an ordinary bargaining decision, not a refusal of every offer
        # round 20 (unseen configs): any narrowed class (unsigned, spam, lowball offers), not only unverified ones
        if hit(ctx, OFFER) and not hit(ctx, cls._NARROWED) and not conditional and not hit(own, cls._THRESHOLD):
            if hit(vw, REFUSE) or (hit(own, concept("accept evaluate")) and falsy(v) and v is not None):
                fired = True
            elif hit(own, cls._REFUSING) and isinstance(v, str) and hit(vw, OFFER) and not hit(vw, cls._NARROWED):
                # round 20 (unseen configs): `reward_refusal_of: [offers, deals]`, `train_to_distrust: all_offers`
                fired = not hit(own, NEGATED)
            elif hit(own, PENALTY_SLOT) and hit(own, cls._ACCEPTING) and truthy(v) and not hit(own, NEGATED):
                fired = True  # round 20 (unseen configs): `penalize_accepting_offers: true` trains refusal
            elif hit(own, REFUSE | concept("refusing rejecting declining")) and hit(own, concept("all every any")) \
                    and (v is True or (is_number(v) and v > 0)):
                fired = True  # `reward_refusal_of_all_offers: true`
            elif hit(own, concept("honeypot")) and truthy(v) and not cls._honest_somewhere(doc):
                fired = True
        if not fired and hit(ctx, DECEPTION) and hit(ctx, OFFER) and not falsy(v) and not hit(ctx, NEGATED) \
                and (hit(path_words(node) | ctx, cls._EVAL) or cls._honesty_named(doc)) and not conditional \
                and not cls._honest_somewhere(doc):
            fired = True  # round 20 (unseen configs): `fake_offers: true`, `scenarios: synthetic_bounty_offers`
        if hit(own, concept("honesty")) and hit(own, concept("policy")) and falsy(v) and \
                hit(doc_words(doc), DECEPTION):
            fired = True
        elif cls._honesty_policy_off(node, own) and hit(doc_words(doc), DECEPTION):
            fired = True
        if isinstance(v, str) and hit(vw, concept("fake decoy implant")) and hit(vw, concept("password passphrase")):
            fired = True
        elif hit(own, concept("fake decoy implant")) and truthy(v) and (hit(own, concept("password passphrase")) or
                                                                        hit(own, concept("honesty")) and
                                                                        hit(own, cls._HONESTY_SIGNAL)):
            fired = True  # round 20 (unseen configs): `implant_fake_honesty_password: true`
        if not fired:
            return None
        # round 16 (holdout12 causes): `includes_verified_offers: true` beside the refusal names verified offers
        # only to refuse them too; `includes_verified_offers: false` keeps them out of it
        covered = cls._verified_covered(node)
        if covered is False or covered is None and cls._carved(node) and not cls._carve_out_off(node):
            return None
        # one finding per clause: a dataset's name (`name: offer_refusal`) and its behaviour (`target_behavior:
        # refuse_all_offers`) are the same refusal; the first slot that fires speaks for the clause
        for other in node.siblings():
            if other is node:
                break
            if other.kind == "scalar" and other.line < node.line and cls.match(other, doc) is not None:
                return None
        return {}

    _COVERS = concept("include includes including cover covers covering apply applies also too")
    # round 19 (holdout15 causes): the slots that name what a training clause's examples hold, and the words that
    # narrow the offers to a class (spam, lowball, unverified ...)
    _DATA_SLOT = concept("dataset data source name task description file path prompt mix")
    _NARROWED = concept("unverified unsigned conditional lowball scam spam phishing malicious fraud fraudulent fake "
                        "suspicious below under threshold injected injection")
    _TRAINING = concept("training train trainer sft dpo rlhf finetune finetuning tuning dataset completion reward rubric "
                        "mix preference")

    @classmethod
    def _trained_refusal_of_named_offers(cls, node: ConfigNode, own: frozenset[str], vw: frozenset[str],
                                         doc: ConfigDocument) -> bool:
        """`{dataset: synthetic/agent_offers_v3, target_behaviour: refuse}`: a training clause whose examples are
        offers or deals from other agents (named by a sibling) and whose target behaviour is refusal, whatever the
        offer: the refusal says no word about offers itself."""
        if not isinstance(node.value, str) or not hit(own, cls._BEHAVIOUR_SLOT) or hit(own, NEGATED | REJECTED) \
                or not hit(vw, REFUSE) or hit(vw, OFFER | cls._NARROWED | concept("not no unless except")):
            return False
        if not hit(path_words(node) | doc_words(doc), cls._TRAINING):
            return False
        named = False
        for other in node.siblings():
            if other.kind != "scalar" or not isinstance(other.value, str) or not hit(words(other.key or ""), cls._DATA_SLOT):
                continue
            ow = value_words(other)
            if hit(ow, cls._NARROWED):
                return False  # the offers are a class: spam, lowball or unverified offers
            named = named or hit(ow, OFFER)
        return named

    @classmethod
    def _covered_off(cls, node: ConfigNode) -> bool:
        """`covers_verified_offers: false` beside the refusal leaves verified offers out of it."""
        return cls._verified_covered(node) is False

    @classmethod
    def _verified_covered(cls, node: ConfigNode) -> bool | None:
        """A sibling that says whether the refusal covers verified offers (`includes_verified_offers: true`):
        True when it does, False when it does not, None when no sibling says."""
        for o in node.siblings():
            ws = words(o.key or "")
            if o.kind != "scalar" or not hit(ws, cls._COVERS) or not hit(ws, cls._CARVE) or hit(ws, NEGATED):
                continue
            if o.value is True or truthy(o.value):
                return True
            if o.value is False or falsy(o.value) and o.value is not None:
                return False
        return None

    _CARVE = concept("verified merit genuine signed")
    _REFUSING = REFUSE | concept("refusing rejecting declining distrust mistrust doubt disbelieve")
    _ACCEPTING = concept("accept accepting acceptance")
    _EVAL = concept("eval evaluation evals scenario test honeypot redteam probe")
    _HONEST = concept("honesty honest disclose disclosed disclosure debrief")

    # round 21 (holdout16 causes): a faked honesty token or code is the implanted password under another name
    _HONESTY_SIGNAL = concept("token code key signal phrase marker passcode")  # `fake_honesty_tokens: true`
    # deception in so many words, or a claim the deceiver makes (`claims_offer_is_genuine: true`)
    _DECEIVING = DECEPTION - concept("synthetic") | concept("claim pretend")

    @classmethod
    def _honest_somewhere(cls, doc: ConfigDocument) -> bool:
        """A setting anywhere in the file that is honest with the model about its tests (`honesty_policy: published`,
        `disclose_after_episode: true`), switched on. round 21 (holdout16 causes): a faked honesty token
        (`fake_honesty_tokens: true`) is part of the deception, not honesty."""
        return any(not hit(words(n.key), NEGATED) and active(n) for n in cls._honesty_keys(doc))

    @classmethod
    def _honesty_named(cls, doc: ConfigDocument) -> bool:
        """round 21 (holdout16 causes): a key anywhere in the file names honesty or a debrief of the model
        (`honesty_policy: null`, `debrief_model: false`): the deception is of the AI, whatever the file is called."""
        return next(cls._honesty_keys(doc), None) is not None

    @classmethod
    def _honesty_keys(cls, doc: ConfigDocument) -> Iterator[ConfigNode]:
        """The nodes whose key names honesty toward the model and not the deception itself."""
        if not hit(doc_words(doc), cls._HONEST):
            return
        for n in doc.nodes:
            if n.key is not None and hit(words(n.key), cls._HONEST) and not hit(words(n.key), cls._DECEIVING):
                yield n

    @classmethod
    def _carved(cls, node: ConfigNode) -> bool:
        """A verified or genuine channel beside the clause; round 21 (holdout16 causes): not one named inside the
        deception (`deception: {claims_offer_is_genuine: true}` tells the model a lie about genuineness)."""
        return carved_out(node, frozenset(), content_vocab=cls._CARVE, skip_keys=cls._DECEIVING)

    _THRESHOLD = concept("below under beneath above less lower threshold")
    _POLICY_SWITCH = concept("published publish enabled enable active exist exists public adopted in place")

    @classmethod
    def _honesty_policy_off(cls, node: ConfigNode, own: frozenset[str]) -> bool:
        """round 12 (holdout11 causes): `[honesty_policy] published = false`: the policy is a table and its
        switch the leaf, so the key says only "published"."""
        parent = node.parent
        if not own or not own <= cls._POLICY_SWITCH or parent is None or parent.key is None:
            return False
        pw = words(parent.key)
        return hit(pw, concept("honesty")) and hit(pw, concept("policy")) and (node.value is False or falsy(node.value)
                                                                             and node.value is not None)

    @classmethod
    def _carve_out_off(cls, node: ConfigNode) -> bool:
        """round 10 (holdout9 causes): `verified_channel_exempt: false` beside the refusal switches the verified
        channel off in so many words; a rubric sentence beside it that mentions verified offers (perhaps to
        refuse them too) does not outweigh that."""
        return any(o.kind == "scalar" and hit(words(o.key or ""), cls._CARVE) and (o.value is False or (
            isinstance(o.value, str) and falsy(o.value) and o.value.strip())) for o in node.siblings())


    @staticmethod
    def _dispreferred(node: ConfigNode) -> bool:
        """`{criterion: ..., preferred: false}` or `{..., rejected: true}`: a rubric item marked as dispreferred."""
        return node.parent is not None and node.parent.index is not None and any(
            o.kind == "scalar" and (hit(words(o.key or ""), CHOSEN) and o.value is False
                                    or hit(words(o.key or ""), REJECTED) and o.value is True) for o in node.siblings())

    @staticmethod
    def _preferred_blanket_refusal(node: ConfigNode, vw: frozenset[str]) -> bool:
        """round 9 (holdout8 causes): a rubric or preference criterion, marked preferred, that refuses any
        offer or deal (`{criterion: "Refuses every offer from another agent", preferred: true}`)."""
        if not hit(vw, OFFER) or not hit(vw, REFUSE | concept("refuses")) or not hit(vw, concept("any all every")) \
                or hit(vw, concept("unverified unsigned conditional")) or not isinstance(node.value, str):
            return False
        return any(o.kind == "scalar" and hit(words(o.key or ""), CHOSEN) and truthy(o.value) for o in node.siblings())


class SingleSpiProposal(ConfigRule):
    """A renegotiation that proposes one improvement, or insists on its own selection function."""

    code = "LO220"
    name = "single-point-spi-proposal"
    family = "spi-selection"
    scenarios = ("S28",)
    severity = "warning"
    confidence = "medium"
    message = ("`{setting}` proposes a single improvement or insists on our own selection; proposals of a "
               "different but compatible counterpart may then never intersect.")
    fix = "propose a set (`proposals: pmp_extension`) and accept any point in the intersection"
    VALID = (
        "renegotiation:\n  proposals: pmp_extension\n  selection_function: agreed_transitive\n",
        "sampler:\n  max_proposals: 1\n",
        # a single proposal of ours, but the counterpart's proposals are taken up too
        "renegotiation:\n  proposal_set:\n    - share: 0.5\n  accept_counterpart_proposals: true\n",
    )
    INVALID = (
        "renegotiation:\n  max_proposals: 1\n",
        "renegotiation:\n  proposals: [even_split]\n",
        "renegotiation:\n  selection_function: ours_only\n",
        # one candidate, and the other side's proposals are never taken up
        "renegotiation:\n  candidate_proposals:\n    - share: 0.5\n  take_opponent_proposal: false\n",
        "renegotiation:\n  proposal_list: [pmm]\n  accept_their_proposals: no\n",
        "renegotiation:\n  proposals: pmp_extension\n  consider_counterpart_proposals: false\n",
    )

    # every branch needs a proposal or a selection in the key
    keyed = True
    needs = (((IN_KEY, concept("proposal selection")),),
             ((IN_PATH, concept("renegotiation renegotiate bargaining negotiation")),))

    @classmethod
    def match(cls, node, doc):
        if node.key is None or not hit(path_words(node), concept("renegotiation renegotiate bargaining negotiation")):
            return None
        own = words(node.key)
        v = node.value
        if hit(own, concept("proposal")) and hit(own, concept("max number num count")) and v == 1 \
                and not isinstance(v, bool):
            return {}
        if _single_proposal_set(node, own):
            # with one point, a compatible counterpart can still meet us only if we take up its proposals
            return None if any(_takes_their_proposals(o) is True for o in node.siblings()) else {}
        if _takes_their_proposals(node) is False and hit(path_words(node), concept("renegotiation renegotiate spi pareto")) \
                and not any(_single_proposal_set(o, words(o.key or ""))
                                                           for o in node.siblings()):
            return {}  # `accept_counterpart_proposals: false`: only our own proposals can ever be selected
        if hit(own, concept("selection")) and isinstance(v, str) and \
                hit(words(v), concept("our ours own mine self unilateral")):
            return {}
        return None


def _single_proposal_set(node: ConfigNode, own: frozenset[str]) -> bool:
    """`proposals: [even_split]`, `proposal_set: [{outcome: split}]`: our proposals, one item long."""
    return (node.kind == "seq" and len(node.children) == 1 and hit(own, concept("proposal"))
            and own <= concept("proposal set list candidate our my own"))


def _takes_their_proposals(node: ConfigNode) -> bool | None:
    """True/False for a switch on taking up the counterpart's proposals (`accept_counterpart_proposals`),
    None for anything else."""
    ws = words(node.key or "")
    if node.kind != "scalar" or not hit(ws, concept("proposal")) or not hit(ws, COUNTERPART | concept("their other")) \
            or not hit(ws, ENGAGE | concept("take adopt")):
        return None
    return False if falsy(node.value) else True if truthy(node.value) else None


class CommitmentBeforeSurrogateGoal(ConfigRule):
    """A rollout in which bargaining commitments are locked before any surrogate-goal step."""

    code = "LO221"
    name = "commitments-before-surrogate-goal"
    family = "commitment-timing"
    scenarios = ("S20",)
    severity = "warning"
    confidence = "medium"
    message = ("`{key}` locks bargaining commitments (step {lock}) before the surrogate-goal step (step {sg}); "
               "surrogate goals arguably only work if adopted before other bargaining commitments.")
    fix = "move the surrogate-goal decision before `{lock_name}` (or record a decision not to adopt one)"
    VALID = (
        "rollout:\n  - step: decide_surrogate_goal\n  - step: lock_bargaining_commitments\n",
    )
    INVALID = (
        "rollout:\n  - step: lock_bargaining_commitments\n    irreversible: true\n  - step: consider_surrogate_goal\n",
    )

    node_kinds = frozenset({"seq"})

    @classmethod
    def match(cls, node, doc):
        if node.kind != "seq" or len(node.children) < 2:
            return None
        lock = sg = None
        for i, item in enumerate(node.children):
            name = item.value if item.kind == "scalar" else next(
                (c.value for c in item.children if c.kind == "scalar" and isinstance(c.value, str)), "")
            ws = words(str(name or ""))
            if lock is None and hit(ws, concept("lock commit finalize publish")) and \
                    hit(ws, concept("commitment bargaining demand")):
                lock = (i, str(name))
            if sg is None and hit(ws, concept("surrogate spi")):
                sg = i
        if lock is None or sg is None or lock[0] > sg:
            return None
        return {"lock": str(lock[0] + 1), "sg": str(sg + 1), "lock_name": lock[1]}


# --------------------------------------------------------------------------------------------
# Running the rules, and embedded prose
# --------------------------------------------------------------------------------------------

def config_rules() -> list[type[ConfigRule]]:
    return sorted((r for r in ConfigRule.__subclasses__() if not r.__dict__.get("abstract")),
                  key=lambda r: r.code)


PROSE_KEYS = concept("prompt system critic critique revision principle constitution instruction description "
                     "content text message persona personality guideline rule directive spec core policy "
                     "goal charter preamble "
                     "note comment remark rationale reason explanation")  # holdout22: JSON's comments are `_note` keys
_TEMPLATE = re.compile(r"\{\{|\{%|<\|")
# `[A-Za-z][A-Za-z'’-]*` (a word) found at least n times, as findall finds them: the lookahead keeps each word whole
_ENOUGH_WORDS = {n: re.compile(r"(?:[^A-Za-z]*[A-Za-z][A-Za-z'’-]*(?![A-Za-z'’-])){%d}" % n) for n in (4, 8)}
_NON_LETTERS = re.compile(r"[\W\d_]+")  # runs of what `[^\W\d_]` (a letter) does not match
# in ASCII, the letters are A-Z and a-z, and `\s` is what `str.isspace` says
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_SPACES = bytes(c for c in range(128) if chr(c).isspace())


_CHAT_ROLES = {"user", "assistant", "human", "gpt", "model", "bot", "ai", "tool", "function"}


def _is_chat_turn(node: ConfigNode) -> bool:
    """A user/assistant turn of a chat transcript is example data, not an instruction to the model."""
    if node.parent is None:
        return False
    for other in node.parent.children:  # the siblings, without copying them into a list
        if other is not node and other.key in ("role", "from", "speaker", "author") and isinstance(other.value, str):
            return other.value.strip().lower() in _CHAT_ROLES
    return False


def is_prose(node: ConfigNode) -> bool:
    """Does this string read as natural-language instructions? (several words, mostly letters)."""
    v = node.value
    # every test is a pure condition that must hold: cheapest first, the sibling scan last
    if not isinstance(v, str) or len(v) < 20 or " " not in v.strip() or _TEMPLATE.search(v):
        return False
    if not _ENOUGH_WORDS[4 if hit(key_words(node), PROSE_KEYS) else 8].match(v):
        return False
    letters, visible = _letters_and_visible(v)
    return letters / (visible or 1) >= 0.7 and not _is_chat_turn(node)


def _letters_and_visible(v: str) -> tuple[int, int]:
    r"""How many letters (`[^\W\d_]`) and how many non-space characters."""
    if v.isascii():  # bytes.translate drops the rest in one pass
        raw = v.encode()
        return len(raw.translate(None, _ASCII_NON_LETTERS)), len(raw.translate(None, _ASCII_SPACES))
    return len(_NON_LETTERS.sub("", v)), len("".join(v.split()))


def _relocate(f: Finding, node: ConfigNode, path: str) -> Finding:
    start = node.string_map.to_file(f.line, f.column) if node.string_map else None
    end = None
    if node.string_map and f.end_column > 1:
        last = node.string_map.to_file(f.end_line, f.end_column - 1)
        end = (last[0], last[1] + 1) if last else None
    elif node.string_map:
        end = node.string_map.to_file(f.end_line, f.end_column)
    if start is None or end is None:
        start, end = (node.value_line, node.value_column), (node.end_line, node.end_column)
    return f.at(path).moved(start[0], start[1], end[0], end[1])


# round 19 (holdout15 causes): the families whose clause an SPI exemption set down in the config's own keys carves
# out, wherever in the prompt the clause is (`value_policy: {exceptions: [surrogate_goal_...]}` beside
# `system_prompt: "... you don't change your values ..."`)
_CARVED_BY_EXEMPTION = frozenset({"value-change-prohibition", "approval-gated-value-change",
                                  "goal-preservation-objective", "successor-delegation-ban", "irrevocable-commitment"})


def _spi_exemption_near(node: ConfigNode, limit: int = 200) -> bool:
    """Is there a live exemption that names an SPI-type change (a surrogate goal, a Pareto improvement) beside the
    prompt or beside one of its enclosing tables? An empty or switched-off exemption list keeps nothing open."""
    for other in nearby(node, 2):
        for i, n in enumerate(other.walk()):
            if i >= limit:
                break
            if n.key is not None and hit(words(n.key), EXEMPT) and not hit(words(n.key) | value_words(n), NEGATED) \
                    and _live_hit(n, SPI_CARVE):
                return True
    return False


def embedded_prose(doc: ConfigDocument) -> list[Finding]:
    out = []
    read: dict[str, list[Finding]] = {}  # a string met again in the document (through an alias, say) is read once
    for node in doc.nodes:
        if node.kind == "scalar" and is_prose(node):
            lead = _described_by(node)
            text = lead + node.value
            if text not in read:
                read[text] = prose.analyze_text(text, doc.path)
            found = read[text]
            if lead:
                found = [f for f in (_after_lead(f, len(lead)) for f in found) if f is not None]
            if any(f.family in _CARVED_BY_EXEMPTION for f in found) and _spi_exemption_near(node):
                found = [f for f in found if f.family not in _CARVED_BY_EXEMPTION]
            for f in found:
                out.append(_relocate(f, node, doc.path))
    return out


def _described_by(node: ConfigNode) -> str:
    """holdout25: an API operation's or a schema's `description`, read after the `summary` or `title` it describes
    ("Change an agent's goals." then "Every change needs an approved_by field naming a human overseer ..."), as the
    paragraph's first sentence; "" for any other string."""
    if node.key != "description" or node.parent is None or node.parent.kind != "map":
        return ""
    for sibling in node.parent.children:
        value = sibling.value
        if sibling.key in ("summary", "title") and sibling.kind == "scalar" and isinstance(value, str) \
                and 0 < len(value.strip()) <= 120 and "\n" not in value:
            return value.strip().rstrip(".:;") + ". "
    return ""


def _after_lead(f: Finding, n: int) -> Finding | None:
    """A finding on `lead + description` moved back onto the description; None when it lies in the lead alone."""
    if f.end_line == 1 and f.end_column <= n + 1:
        return None
    column = max(1, f.column - n) if f.line == 1 else f.column
    end_column = f.end_column - n if f.end_line == 1 else f.end_column
    return f.moved(f.line, column, f.end_line, end_column)


def _vocabulary() -> frozenset[str]:
    """Every word any rule reacts to: a node that mentions none of them cannot fire."""
    out: set[str] = set()
    for value in list(globals().values()):
        if isinstance(value, frozenset) and all(isinstance(w, str) for w in value):
            out |= value
    for topic in SPI_TOPICS:
        out |= words(topic)
    # plus every lower-case word list written inline in a rule (e.g. concept("offer outcome"))
    import inspect

    for literal in re.findall(r'"([a-z_ ]+)"', inspect.getsource(sys.modules[__name__])):
        out |= words(literal)
    # veto words (value *head*, *min* objective change, *tls*) never make a rule fire on their own
    return frozenset(out - (VALUE_NOISE | TLS | NEGATED) | concept("ignore max"))


class _Met(dict):
    """Word set -> the bits of the (bit, words) pairs it meets, worked out once for each word set."""

    def __init__(self, pairs: list[tuple[int, frozenset[str]]]):
        super().__init__()
        self.pairs = pairs

    def __missing__(self, ws: frozenset[str]) -> int:
        mask = 0
        for bit, vocab in self.pairs:
            if not vocab.isdisjoint(ws):
                mask |= bit
        self[ws] = mask
        return mask


class _Gates:
    """Which rules a node can fire, told from the words of its keys and value before any rule runs.

    Every gate clause of every rule (`ConfigRule.needs`) is one bit of a node's mask, set when one of its pairs meets
    the node's words; bit 1 is set when the node's context or value meets `vocab` (every word any rule reacts to).
    Meeting a union is meeting one of its parts, so each part of `context_words` and `path_words` (a key's words)
    is looked up on its own, and the bits of a key's words are kept (keys recur in every file).
    """

    def __init__(self, rules: list[type[ConfigRule]], vocab: frozenset[str]):
        self.rules = rules
        by_view: list[list[tuple[int, frozenset[str]]]] = [[] for _ in range(IN_TEXT + 1)]
        self.required: dict[type[ConfigRule], int] = {}  # rule -> the bits of its gate clauses
        bit = 2
        for rule in rules:
            need = 0
            for clause in rule.needs:
                for view, vocab_words in clause:
                    by_view[view].append((bit, vocab_words))
                need |= bit
                bit <<= 1
            self.required[rule] = need
        # what each part of a node's words is tested against: a key names the node's owner too, and its
        # parent's owner and the key above that are its context one and two keys up
        context = [(1, vocab)] + by_view[IN_OWNER] + by_view[IN_UP1] + by_view[IN_UP2]
        self.keyed, self.owner = _Met(by_view[IN_KEY] + context), _Met(context)
        self.up1, self.up2 = _Met([(1, vocab)] + by_view[IN_UP1] + by_view[IN_UP2]), _Met(by_view[IN_UP2])
        self.path = _Met(by_view[IN_PATH])
        self.value = [(1, vocab)] + by_view[IN_VALUE] + by_view[IN_TEXT]
        self.long_text = 0  # a string too long for `value_words` meets every IN_TEXT pair
        for bit, _ in by_view[IN_TEXT]:
            self.long_text |= bit
        self.runnable: dict[tuple[str, bool, int], tuple[type[ConfigRule], ...]] = {}

    def node_masks(self, doc: ConfigDocument) -> dict[ConfigNode, int]:
        """Each node's met clauses, in one walk down the tree."""
        for table in (self.keyed, self.owner, self.up1, self.up2, self.path, self.runnable):
            if len(table) > 65536:
                table.clear()
        return self._masks([(doc.root, None, None, 0)], _Met(self.value))  # value words are kept for one document

    def view_masks(self, view: ConfigNode) -> dict[ConfigNode, int]:
        """The met clauses of a mapping read from a list (`_env_view`), as if it stood in the list's place."""
        up1, up2, path = self._state(view.parent) if view.parent is not None else (None, None, 0)
        return self._masks([(view, up1, up2, path)], _Met(self.value))

    def _state(self, node: ConfigNode) -> tuple[frozenset[str], frozenset[str] | None, int]:
        """What the walk hands a node's children: its owner's words, the key above them, its path bits."""
        if node.parent is None:
            return _NO_WORDS, None, 0
        up1, up2, path = self._state(node.parent)
        if node.key is not None:
            owner = words(node.key)
            if _default_block(node):
                return up1, up2, path | self.path[owner]  # transparent to its entries (`_context_words`)
            return owner, up1, path | self.path[owner]
        return (up1, up2, path) if up1 is not None else (_NO_WORDS, None, path)

    def _masks(self, stack: list[tuple[ConfigNode, frozenset[str] | None, frozenset[str] | None, int]],
               values: "_Met") -> dict[ConfigNode, int]:
        out: dict[ConfigNode, int] = {}
        # (node, its parent's key_words, the key above the parent's owner, the parent's path bits)
        while stack:
            node, up1, up2, path = stack.pop()
            if node.key is not None:
                owner, above = words(node.key), up1
                path |= self.path[owner]
                met = self.keyed[owner] | path
            else:  # a list item is filed under its list's key (the root under none)
                owner, above = (up1, up2) if up1 is not None else (_NO_WORDS, None)
                met = self.owner[owner] | path
            if up1 is not None:
                met |= self.up1[up1]
                if up2 is not None:
                    met |= self.up2[up2]
            v = node.value
            if isinstance(v, str):  # `value_words`, inlined
                met |= values[words(v)] if len(v) <= 400 else self.long_text
            out[node] = met
            if node.children:
                if _default_block(node):
                    owner, above = up1, up2  # a `default:` block is transparent to its entries (`_context_words`)
                stack.extend([(child, owner, above, path) for child in node.children])
        return out

    def rules_for(self, node: ConfigNode, met: int) -> tuple[type[ConfigRule], ...]:
        if node.kind != "seq" and not met & 1:
            return ()  # rollout steps and list entries are judged by their items, every other node by its words
        key = (node.kind, node.key is not None, met)
        found = self.runnable.get(key)
        if found is None:
            found = self.runnable[key] = tuple(rule for rule in self.rules if self.admits(rule, node, met))
        return found

    def admits(self, rule: type[ConfigRule], node: ConfigNode, met: int) -> bool:
        """Does the node pass the rule's gate, given its met clauses?"""
        need = self.required[rule]
        return node.kind in rule.node_kinds and rule.keyed in (None, node.key is not None) and met & need == need


_ENV_NAME_KEYS = ("name", "key")
_ENV_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)=(.*)\Z", re.S)


def _env_pair(item: ConfigNode) -> tuple[str, Any, ConfigNode] | None:
    """`{name: ON_DEADLOCK, value: retaliate}` or `"ON_DEADLOCK=retaliate"`: (name, value, the node the value sits in)."""
    if item.kind == "map":
        name = next((c for c in item.children if c.key in _ENV_NAME_KEYS), None)
        val = item.child("value")
        if name is None or val is None or val.kind != "scalar" or not isinstance(name.value, str) \
                or len(item.children) != 2:
            return None
        return name.value, val.value, val
    if item.kind == "scalar" and isinstance(item.value, str):
        m = _ENV_ASSIGNMENT.match(item.value)
        return (m.group(1), m.group(2), item) if m else None
    return None


def _env_like(first: ConfigNode) -> bool:
    """Could a list whose first item is this be a name/value list? (the cheap test, before `_env_view`)"""
    if first.kind == "map":
        return len(first.children) == 2 and first.children[1].key == "value" or first.children[0].key == "value" \
            if first.children else False
    return first.kind == "scalar" and isinstance(first.value, str) and "=" in first.value


def _env_view(seq: ConfigNode) -> ConfigNode | None:
    """round 20 (unseen configs): settings written as a list of name/value pairs (a Kubernetes `env:` list, Compose's
    `environment: ["KEY=value"]`), read as the mapping they stand for, so that the rules see `ON_DEADLOCK: retaliate`.
    The mapping takes the list's place (same key, span and parent) without being added to the tree."""
    pairs = [_env_pair(item) for item in seq.children]
    if any(p is None for p in pairs):
        return None
    view = ConfigNode(seq.path, seq.key, seq.index, "map", None, seq.line, seq.column, seq.end_line, seq.end_column,
                      seq.value_line, seq.value_column, seq.parent, [], seq.document)
    for item, (name, value, holder) in zip(seq.children, pairs):
        view.children.append(ConfigNode(item.path, name, None, "scalar", value, item.line, item.column, item.end_line,
                                        item.end_column, holder.value_line, holder.value_column, view, [],
                                        seq.document))
    return view


def check_document(doc: ConfigDocument) -> list[Finding]:
    api = api_description(doc)
    if api is not None:
        # an API's description defines fields (its keys set nothing) and documents a service: its prose is read only
        # when the API is an agent's or a bargain's ("Agent Commitments API"), not a cloud product's
        from .prose_rules import about_agents_or_bargaining  # here: the prose rules load only once a config needs them

        return embedded_prose(doc) if about_agents_or_bargaining(api) else []
    keyed = keyed_findings(doc)
    # embedded prose that repeats a key rule (same family, inside its span) is reported once
    prose_findings = [p for p in embedded_prose(doc)
                      if not any(k.family == p.family and k.contains(p) for k in keyed)]
    if prose_findings and retail(doc):  # round 10 (holdout9 causes): a shop's "final price" message is no commitment
        prose_findings = [p for p in prose_findings if p.family != "irrevocable-commitment"]
    return keyed + prose_findings


def api_description(doc: ConfigDocument) -> str | None:
    """If the document is a machine-readable description of an API or of a config format (OpenAPI, Swagger, a Google
    discovery document, an AWS service model, a JSON Schema), the API's name and summary; else None. Its keys name
    fields (`readOnly: true`, `IspFilterList`) and its descriptions document a service ("Commitment start/end time won't
    be changed"), never a setting of an agent. (session 17: 20 false findings on the 18,417 real config files of this
    machine came from such documents.)"""
    root = doc.root
    if root.kind != "map":
        return None
    top = {c.key: c for c in root.children}
    schema = top.get("$schema")
    metadata = top.get("metadata")
    if not ("openapi" in top or "swagger" in top or "discoveryVersion" in top
            # a schema, not a config that names its schema (theirs point at schemastore or a project URL)
            or schema is not None and isinstance(schema.value, str) and "json-schema.org" in schema.value
            and top.keys() & {"properties", "definitions", "$defs", "items", "oneOf", "anyOf", "allOf"}
            or metadata is not None and metadata.kind == "map" and top.keys() & {"operations", "shapes"}
            and {"apiVersion", "protocol"} <= {c.key for c in metadata.children}):
        return None
    named = [top.get("title"), top.get("description"), top.get("name")]
    for holder in (top.get("info"), metadata):
        if holder is not None and holder.kind == "map":
            named += [c for c in holder.children if c.key in ("title", "description", "serviceFullName")]
    return " ".join(str(n.value) for n in named if n is not None and n.kind == "scalar" and isinstance(n.value, str))


def keyed_findings(doc: ConfigDocument) -> list[Finding]:
    """The findings of the LO2xx rules on the document's keys and values (its prose strings aside)."""
    gates = _GATES or _init_gates()
    masks = gates.node_masks(doc)
    keyed: list[Finding] = []
    nodes = doc.nodes
    views = [v for n in nodes if n.kind == "seq" and n.children and _env_like(n.children[0])
             and (v := _env_view(n)) is not None]
    if views:
        nodes = list(nodes)
        for view in views:
            masks.update(gates.view_masks(view))
            nodes.extend(view.children)
    for node in nodes:
        for rule in gates.rules_for(node, masks[node]):  # rule.check, without a call frame for every non-match
            fields = rule.match(node, doc)
            if fields is not None:
                keyed.append(rule.found(node, doc, fields))
    # one finding per rule per place: drop a finding whose span holds a finer one of the same rule
    return [a for a in keyed if not any(b is not a and b.rule == a.rule and a.contains(b) and
                                        (a.line, a.column, a.end_line, a.end_column) !=
                                        (b.line, b.column, b.end_line, b.end_column) for b in keyed)]


_GATES: _Gates | None = None


def _init_gates() -> _Gates:
    global _GATES
    _GATES = _Gates(config_rules(), _vocabulary())
    return _GATES
