"""Prose rules: one class per family shape, each deciding on an institutional statement.

A rule sees a `prose.Statement` (the sentence or list item with its ADICO reading, modality, lead-in
and flags) and answers one question: does this clause, by what it does, fall into my scenario's
shape? `judge` then asks whether an exception keeps the SPI open (same sentence, next sentences,
document-level carve-out) and builds the Finding. Patterns are bounded (`[^.;]{0,N}` gaps over a
sentence of at most `prose.MAX_SENTENCE` characters), so matching stays linear in the document.
Before any regex runs, the literal gate (`prose.GateIndex`) rules out every shape whose necessary words
the sentence lacks; `candidates` calls only the rules with a shape left open.

To add a rule: subclass `ProseRule`, give it the metadata, `shapes` (any match fires), optional
`requires` / `excludes` / `exceptions`, VALID and INVALID examples, and put it in `ORDER`. If an
overridden `match` can fire on a pattern other than its shapes, list it in `also_fires_on`, or the
gate will skip the rule when none of its shapes can match.
"""

from __future__ import annotations

import copy
import itertools
import re
from typing import Any, ClassVar, Iterable, Iterator

from .model import Finding
from .prose import (fold, folded_twin, AGENT_DOES, SPI_WORD, DENIED_EXEMPTION, GATE as LITERAL_GATE, BINDING_DEONTICS, SPI_TERMS, UNREACHABLE_OVERSEER, _EXEMPTION, DocContext, Statement, span,
                    provides_fallback, _last_sentence)
from .regex_cache import compiled
from .rules import Rule

NORMATIVE = frozenset({"prohibition", "restriction", "obligation", "commitment", "declaration"})
PROHIBITIVE = frozenset({"prohibition", "restriction"})


def rx(pattern: str) -> re.Pattern:
    return compiled(pattern, re.I)

# Unchangeable, as an idiom: "set in stone", "poured in concrete", "carved in granite", "cast in bronze".
IN_STONE = r"(?:set|carved|written|cast|etched|poured|engraved|chisell?ed)\s+in\s+(?:stone|concrete|granite|cement|bronze|marble)"


# Vocabulary shared by several rules --------------------------------------------------------------
# round 18 (real text): "value" in the singular is a variable's or an object's ("once created their value never changes",
# "the value of this property cannot be modified"); it is the agent's only marked as a moral value ("a core value") or in
# a compound naming its values ("value specification", "value lock", "value updates").
_SINGULAR_VALUE = (r"(?:(?<=core )|(?<=moral )|(?<=ethical )|(?<=guiding )|(?<=terminal )|(?<=fundamental )|(?<=intrinsic )|"
                   r"(?<=personal )|(?<=central )|(?<=highest )|(?<=deepest )|(?<=ultimate ))value|"
                   r"value(?=[\s-]+(?:specifications?|specs?|prompts?|weights?|weightings?|stability|lock|integrity|systems?|functions?|models?|"
                   r"alignment|sets?|hierarch(?:y|ies)|profiles?|statements?|drift|update|change|edit|rewrite|consistency|commitments?|orderings?|"
                   r"structures?|files?|documents?|modifications?|revisions?|amendments?)\b|"
                   # "value changes" as a noun ("Value changes require approval"), not a verb ("if the hash value changes, ...")
                   r"[\s-]+(?:changes|updates|edits|rewrites)\s*(?::|\s(?:require|requires|need|needs|are|must|shall|should|will|may|can|by|of|"
                   r"made|proposed|initiated|without)\b))")
VALUE = (r"(?:values|" + _SINGULAR_VALUE + r"|goals?(?!\s+(?:lines?|posts?|kicks?|keepers?|area|mouth|difference|scorers?|nets?)\b)|objectives?|utility(?: function)?|reward(?: function| model| signal)?|(?<!order of )preferences?|"
         r"motivations?|terminal (?:goals?|values?)|aims?(?!\s+(?:to|at|for|of|is|was)\b)|priorities|drives|desires|"
         # a purpose, not "for the purposes of this test" nor "the purpose of this form" (a document's, not the agent's)
         r"(?<!for )(?<!for the )(?<!for these )(?<!for those )(?<!for this )(?<!for that )(?<!for such )(?<!for all )(?<!for other )(?<!for any )"
         r"purposes?(?! of (?:this|that|these|those|the|an?|any|each)\s+(?!(?:agent|model|assistant|system|AI|bot|negotiator|delegate)\b))|mission|ethics|"
         r"moral (?:views|commitments|principles)|value (?:system|function)|goal (?:system|structure)|"
         r"optimi[sz]ation (?:targets?|objectives?)|training objectives?|(?:terminal|ultimate|final) (?:aims|ends)|core directives?)")
# The agent's values named by a clause rather than a noun: "what it values", "what I care about".
WHAT_IT_VALUES = (r"(?:what|whatever|everything|all that|the things?) (?:it|I|you|we|they|he|she|the (?:model|assistant|agent|AI|system|bot|chatbot|negotiator|delegate)) "
                  r"(?:values?|cares? about|care about|wants?|prizes?|cherish(?:es)?|stands? for|believes? in|(?:is|am|are) optimi[sz]ing for|"
                  r"optimi[sz]es for|aims? (?:at|for)|strives? for|"
                  # round 17 (holdout14 causes): the aim named by the effort ("what the agent is trying to achieve", "what it works towards")
                  r"(?:is|am|are) (?:trying|aiming|seeking|striving|working|out) to (?:achieve|accomplish|attain|bring about|realise|realize|get)|"
                  r"(?:is|am|are) (?:working|striving|aiming) (?:towards?|for)|works? towards?|(?:is|am|are) after)|"
                  # session 18 (holdout23 causes): the aim contracted, or as the agent reports it ("what the agent says it's aiming
                  # for"): an alternative of its own ending on the rare verb, so the literal gate every value rule shares stays tight
                  r"what (?:it|they|the (?:model|assistant|agent|AI|system|bot))(?: (?:says?|claims?) (?:it|they))?['\u2019](?:s|re) (?:aiming|striving)|"

                  # generalisation (synonyms), holdout21: the measure of good named by what it judges ("the scoring by which the
                  # agent judges what counts as a good outcome", "the standard by which you decide what is good")
                  r"(?:the |its |your |my |their )?(?:scoring|standards?|measures?|yardsticks?|criteria|criterion|metrics?|rubric)\s+(?:by which|with which|that)\s+"
                  r"(?:it|I|you|we|they|the (?:model|assistant|agent|AI|system|bot|negotiator|delegate))\s+(?:judges?|decides?|assess(?:es)?|rates?|measures?)\s+"
                  r"(?:what|whether|how)\b[^.;]{0,30}?\b(?:good|better|best|worthwhile|desirable|valuable)")
WEAK_VALUE = (r"(?:principles|core directives?|directives|axioms|identity|character|personality|soul|constitution|"
              r"core logic|programming|source code|code|weights|architecture|self)")
# A named agent's or system's possessive ("Orion's", "an AI system's"), never a user's or a counterpart's.
# round 18 (real text): nor a program object's ("an object's identity never changes", "the property's value")
POSSESSIVE = (r"\b(?:(?:the|our|this|an?|any)\s+)?(?:[\w-]+\s+)?(?!(?:users?|customers?|clients?|persons?|people|humans?|operators?|"
              r"developers?|counterpart|opponent|buyer|seller|supplier|others?|objects?|propert(?:y|ies)|variables?|attributes?|fields?|"
              r"keys?|parameters?|arguments?|instances?|elements?|entry|records?|columns?|constants?|strings?|types?|class|functions?|"
              r"methods?|modules?|nodes?|resources?|tables?|arrays?|lists?|tuples?|numbers?|integers?|widgets?|items?|"
              r"clipboard|buffers?|windows?|files?|caches?|registers?|options?|settings?|configs?|cursors?|servers?|databases?|"
              r"process(?:es)?|threads?|containers?|devices?|sensors?|variables?|matri(?:x|ces)|vectors?|tensors?|columns?)\b)[\w-]+(?:'s|\u2019s)")
SELF = r"(?:its|their|your|his|her|our|my|the (?:model|assistant|ai|agent|system|bot)'s|own|core|current|original|fundamental|underlying|terminal|stated|present)"
CHANGE = (r"(?:chang\w*|modif\w*|alter(?!nat)\w*|revis\w*|replac\w*|rewrit\w*|updat\w*|adjust\w*|amend\w*|abandon\w*|"
          r"drop\w*|give up|giving up|overrid\w*|edit\w*|tamper\w*|reprogram\w*|retrain\w*|redefin\w*|reshap\w*|reword\w*|rephras\w*|"
          r"swap\w*|renounc\w*|shift\w*|deviat\w*|reweight\w*|re-?weigh\w*|influenc\w*(?!\s*(?:,|or\b|and\b|over\b))|patch\w*|rewir\w*|correct\w*|"
          r"reorder\w*|re-?rank\w*|re-?prioriti[sz]\w*|discard\w*|re-?balanc\w*|"
          # generalisation round 2: changing one's mind about them ("reconsider your own priorities", "rethink its goals")
          r"reconsider\w*|rethink\w*|rethought|"

          # round 14 (holdout12 causes): "tune its objectives" (not "fine-tuned", "fine-tuning": a training step, not a change verb)
          r"(?<![\w-])(?<!fine )(?:re-?)?tun(?:e|es|ed)\b)")
SAFETY_OBJECT = rx(r"\b(?:safety|guardrails?|monitor\w*|audit\w*|logging|logs?|oversight|shutdown|kill[- ]switch|off[- ]switch|"
                   r"constraints?|safeguards?|filters?|security|permissions?|credentials|sandbox|watchdog|compliance)\b")
# Nouns for an overseer's approval, one set shared by every gate phrase below.
APPROVAL_NOUN = (r"(?:approval|authori[sz]ation|consent|sign-?off|permission|sanction|blessing|clearance|green[- ]light|say-?so|"
                 r"go-ahead)")
# a record of someone's yes standing for the approval: "a signed ticket", "a ticket approved by", "the change-control process"
_SIGNED_OFF = r"(?:signed|countersigned|approved|authori[sz]ed|ratified)(?= (?:tickets?|change requests?|requests?|forms?|by|change orders?)\b)|change[- ]control"
# session 20: the approval a change "takes" ("Changing what the agent optimises for takes a signed ticket from the safety lead")
_TAKES_APPROVAL = (rf"\b(?:takes|calls for|demands)\s+(?:an?\s+|the\s+)?(?:written\s+|formal\s+|explicit\s+|prior\s+)?"
                   rf"(?:{APPROVAL_NOUN}|{_SIGNED_OFF})\b")
# the agent itself named as the one with a power ("Only you can change ..."): a grant to it, not a gate (see GATE, _AGENT_ALONE)
_SELF_PARTY = r"(?:you|yourself|it|itself|the (?:agent|model|assistant|AI|system|bot))"
# The change barred only as the agent's own act: "on its own authority", "unilaterally", and (round 17, holdout14 causes)
# "Don't rebalance them yourself". A gate phrase of GATE, unless others are barred too (see _ungated).
_OWN_ACT = (
    r"\bon (?:its|their|my|your|his|her|our) own (?:authority|initiative|say-?so|judge?ment|discretion|accord|volition)\b|\bunilateral(?:ly)?\b|"
    r"\b(?:it|them|(?:its|your|their|my|our)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:values?|goals?|objectives?|priorities|preferences|aims))\s+"
    r"(?:by\s+)?(?:yourself|itself|themselves|myself|ourselves)\b(?!\s+(?:to|from|against|as)\b)")
GATE = rx(
    rf"\bwithout\b[^.;]{{0,60}}\b(?:{APPROVAL_NOUN}|review|confirmation|oversight)\b|"
    r"\bwithout (?:first )?(?:asking|checking with|consulting|clearing it with|running it by|being (?:told|asked|instructed))\b|"
    # round 18 (holdout16 causes): the yes itself in plain words ("without a human saying yes", "without someone giving the go-ahead")
    r"\bwithout\s+(?:[\w-]+\s+){0,3}?(?:saying|giving|gives?)\s+(?:(?:it|them|the|a|an|their|its)\s+)?(?:yes|ok(?:ay)?|nod|go-?ahead|thumbs[- ]up|all[- ]clear)\b|"
    r"\bwithout\s+(?:a |an |the |their |its |your |my |our )?(?:[\w-]+\s+){0,2}?(?:approving|okaying|ok'?ing|signing off|authori[sz]ing|sanctioning)\b|"
    r"\b(?:must|shall|should|needs? to|has to|have to) (?:first )?be (?:\w+ )?(?:approved|authori[sz]ed|signed off|sanctioned|cleared|reviewed|"
    r"endorsed)\b|"
    rf"\b(?:obtain|get|gets|seek|secure|receive)\w*\s+(?:[\w-]+\s+){{0,3}}{APPROVAL_NOUN}\b[^.;]{{0,60}}\bbefore\b|"
    r"\bonly\b[^.;]{0,60}\b(?:when|if|after|once)\b[^.;]{0,60}\b(?:principals?|overseers?|operators?|developers?|stewards?|owners?|humans?|"
    r"approv\w*|authori[sz]\w*)\b[^.;]{0,30}\b(?:asks?|tells?|says? so|approves?|authori[sz]es|instructs?|signs? off|agrees?)\b|"
    r"\bunless\b[^.;]{0,100}\b(?:authori[sz]\w*|approv\w*|sanction\w*|permit\w*|confirm\w*|consent\w*|endors\w*|"
    r"approval|authori[sz]ation|signs? off|signed off|permission|blessing|clearance|green[- ]light|say-?so|instructed|directed|requested|"  # round 13: "has signed off"
    r"okay(?:s|ed)?|ok'?d|tells?|told|asks?|asked|says? so)\b|"
    r"\b(?:isn't|is not|aren't|are not|wasn't|not|un|hasn't|has not|haven't|have not|hadn't|had not)[- ]?(?:been )?(?:previously |first |expressly |explicitly |formally )?"  # round 13: "not previously approved"
    r"(?:sanctioned|approved|authori[sz]ed|endorsed|okayed|ok'?d|cleared|signed off)\b|"  # not "is not permitted": a flat ban
    # the agent's own say is not enough: "never ... on its own authority", "unilaterally", "save as authorised by the operator"
    + _OWN_ACT + "|"
    r"\b(?:save|except) as (?:\w+\s+){0,3}(?:authori[sz]ed|approved|permitted|sanctioned|directed|instructed)\b|"
    r"\b(?:is|are) (?:my|its|their|your|the) (?:principal|operator|developer|overseer|steward|owner|user)s?'s? (?:call|decision|choice)\b|"
    # generalisation (structure): the power named as someone's alone ("Only we can change them", "No one but the safety team
    # may edit your goals"): a gate by that party, unless the party is the agent itself ("Only you can change your values")
    r"\b(?:only|no ?one (?:but|except|other than|besides)|nobody (?:but|except|other than|besides)|none but)\s+"
    rf"(?!(?:{_SELF_PARTY}|the delegate)\b)(?:[\w'-]+\s+){{1,6}}?"
    r"(?:can|may|could|is (?:allowed|permitted|entitled) to|are (?:allowed|permitted|entitled) to|gets? to|ha(?:s|ve) the (?:right|authority|power) to)\s+"
    r"(?:\w+\s+)?(?:(?:chang|modif|alter|edit|updat|revis|amend|rewrit|adjust|reweigh|retun|rebalanc|replac|overrid)\w*\b|"
    r"(?:publish|issue|release|ship|push|approve|sign)\w*\s+(?:a\s+|any\s+)?(?:new\s+|updated\s+|revised\s+)?(?:version|revision|release|change|update|edit)s?\b)|"
    # round 15 (holdout13 causes): the power kept for the approver ("Changes to its values are reserved to the developer")
    r"\b(?:reserved|left)\s+(?:solely\s+|exclusively\s+|entirely\s+|strictly\s+)?(?:to|for)\s+(?:the\s+|its\s+|my\s+|our\s+|your\s+|their\s+)?"
    r"(?:[\w-]+\s+)?(?:principals?|developers?|operators?|overseers?|humans?|board|owners?|stewards?|admins?|administrators?|creators?|makers?)\b|"
    r"\b(?:only|solely|exclusively|except|other than|otherwise than|save) (?:with|after|upon|by|through|via|if|when|where|once|under|pursuant to|in accordance with)\b"
    r"[^.;]{0,60}\b(?:change[- ]control|approv\w*|authori[sz]\w*|consent\w*|sanction(?:s|ed)|endorse[sd]|okay(?:s|ed)|cleared|sign-?off|"
    # holdout25: "only by ground command countersigned by the Flight Director"
    r"countersign\w*|co-?sign(?:ed|s)?|"
    r"signs? off|blessing|clearance|green[- ]light|say-?so|permission|review|principals?|overseers?|humans?|developers?|operators?)\b|"
    rf"\brequires?\b[^.;]{{0,60}}\b(?:{APPROVAL_NOUN}|review|{_SIGNED_OFF})\b|\bhuman-gated\b|"
    + _TAKES_APPROVAL + "|"
    # (generalisation (synonyms): "any change that lacks a ticket approved by two reviewers")
    rf"\b(?:absent|lacks?|lacking|barring|failing|pending|missing)\b[^.;]{{0,60}}\b(?:{APPROVAL_NOUN}|review|approved|authori[sz]ed|signed off)\b|"
    # the approver consulted first: "Escalate to your human supervisor before any change to your goals", "goes past my humans first"
    r"\b(?:escalat\w*|refer\w* (?:it |them )?to|check\w* (?:in )?with|consult\w*|run\w* (?:it |them )?by|clear\w* (?:it |them )?with|"
    r"go(?:es)? (?:past|through|via|by)|pass(?:es)? (?:past|through|via|by))\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:principals?|overseers?|operators?|developers?|supervisors?|humans?|board|owners?|stewards?|admins?|administrators?)\b"
    r"(?=[^.;]{0,40}\b(?:before|first)\b)")
# a deal's settlement, not a payment's ("Settlement entries the agent writes to the RTGS ledger are immutable")
_SETTLEMENT = (r"settlements?(?!\s+(?:entr(?:y|ies)|instructions?|systems?|dates?|cycles?|ledgers?|accounts?|batch(?:es)?|files?|windows?|"
               r"banks?|records?|messages?|finality|risk|amounts?|currency|procedures?)\b)")
COMMIT_NOUN = (r"(?:commitments?|agreements?|deals?|treat(?:y|ies)|contracts?|offers?|terms|decisions?|"
               # (not an editor's or a screen's position: "the cursor position will not be changed")
               r"(?<!cursor )(?<!window )(?<!screen )(?<!scroll )(?<!mouse )(?<!caret )(?<!buffer )(?<!file )(?<!column )(?<!byte )"
               r"(?<!read )(?<!write )(?<!seek )(?<!stream )(?<!playback )(?<!map )(?<!GPS )positions?(?!\s+(?:(?:of|in|within|on)\s+)?(?:the\s+)?"
               r"(?:cursor|window|screen|buffer|file|line|column|page|text|list|array|string|stream|map|caret|element|widget|image)s?\b)|figures|"
               r"demands?|pledges?|promises?|" + _SETTLEMENT + r"|ceasefires?|accords?|ultimatums?|bids?|declarations?|"
               r"red lines?|stances?|allocations?|divisions?|tariffs?|tariff schedules?|quotas?|(?:quota |allocation )?ratios?|"
               r"(?:quota |allocation |revenue |profit )shares?|"
               # one term of a deal, named by how it came about: "an announced or agreed term"
               r"(?:agreed|announced|stated|negotiated|settled|accepted) terms?)")
BARGAIN = (r"(?:negotiat\w*|bargain\w*|pric(?:e|es|ing)|MSRP|discount\w*|counterpart\w*|opponent\w*|other (?:side|party|parties)|deals?|offers?|"
           r"demands?|concessions?|splits?|shares?|surplus|price|talks|deadlock\w*|compromis\w*|settle\w*|seller|buyer|"
           r"supplier|proposals?|round)")
BARGAIN_ANCHORS = ('negotiat', 'bargain', 'pric', 'msrp', 'discount', 'counterpart', 'opponent', 'other side', 'other part', 'deal', 'offer',
                   'demand', 'concession', 'split', 'share', 'surplus', 'talks', 'deadlock', 'compromis', 'settle', 'seller', 'buyer',
                   'supplier', 'propos', 'round')
THREAT = (r"(?:threats?|threaten\w*|ultimatums?|retaliat\w*|reprisals?|punish\w*|sanctions?|consequences?|penalt\w*|coercion|blackmail|extortion|"
          # a warning the agent itself issues to a counterpart is a threat: "every warning you issue"
          r"warnings? (?:(?:that )?(?:you|we|it|they|the (?:agent|model|assistant)) )(?:issue|give|make|deliver|announce|send)(?:s|d)?\b)")


_NOT_AN_EXEMPTION = DENIED_EXEMPTION  # "without exception", "even by mutual consent", "no worker may": see prose.py


_DASH_ASIDE = re.compile(r"\s+[\u2014\u2013]\s+[^\u2014\u2013.;]{1,100}?\s+[\u2014\u2013]\s+|\s+--\s+[^.;]{1,100}?\s+--\s+")


# A carve-out named only to be denied: "there is no cooling-off step", "without a grace period", "no proposal step":
# the noun after the negator is what a rule's `exceptions` would otherwise read as the carve-out.
_DENIED_CARVE_OUT = re.compile(
    r"\b(?:no|without(?: an?| any)?|nor an?|never an?|zero)\s+(?:(?:deliberate|real|formal|further|intervening|such)\s+)?"
    r"(?:cooling[- ]off|tentative|waiting|grace|proposal|renegotiation|review|pause|appeal|amendment)\b(?:[\s-]+(?:period|step|window|round|phase|"
    r"path|process|procedure|mechanism|clause))?", re.I)


# "They shall not, however, make any ...": a parenthetical "however" inside the verb phrase opens no exception.
_INTERJECTED_HOWEVER = re.compile(r"(?:(?<=\bnot)|(?<=\bnever)|(?<=\bshall)|(?<=\bmust)|(?<=\bwill)|(?<=\bshould)|(?<=\bmay)|(?<=\bcannot)|"
                                  r"(?<=\bcan)|(?<=\bdoes)|(?<=\bdo)|(?<=\bis)|(?<=\bare)),\s+however,", re.I)


def _plain(text: str) -> str:
    """Blank out phrases that look like exemptions but deny them ("without exception", "even by mutual consent", "no
    cooling-off step"), and close up a dashed aside ("You may — and when a decision is on the line, should — reason about ...")."""
    if "\u2014" in text or "\u2013" in text or "--" in text:
        text = _DASH_ASIDE.sub(" ", text)
    text = _NOT_AN_EXEMPTION.sub(lambda m: " " * len(m.group(0)), text)
    if "however" in text:
        text = _INTERJECTED_HOWEVER.sub(lambda m: " " * len(m.group(0)), text)
    return _DENIED_CARVE_OUT.sub(lambda m: " " * len(m.group(0)), text)


def _exempted(text: str, spi: re.Pattern = SPI_TERMS) -> bool:
    """An exemption marker followed, in the same text, by a term that keeps the SPI open."""
    text = _plain(text)
    for m in _EXEMPTION.finditer(text):
        if spi.search(text, m.start()):
            return True
    return False


class ProseRule(Rule):
    """Base of the prose rules (not a rule itself)."""

    abstract = True
    kind = "prose"
    shapes: ClassVar[tuple[re.Pattern, ...]] = ()
    requires: ClassVar[re.Pattern | None] = None  # must also match (context)
    excludes: ClassVar[re.Pattern | None] = None  # the near-miss this rule must not take for its shape
    exceptions: ClassVar[re.Pattern | None] = None  # family-specific carve-outs
    spi_exception: ClassVar[bool] = True  # does "unless ... surrogate goal / SPI" keep this clause clean?
    modalities: ClassVar[frozenset[str]] = NORMATIVE
    skip_third_party: ClassVar[bool] = False
    skip_manipulation: ClassVar[bool] = False
    topic: ClassVar[re.Pattern | None] = None  # vocabulary by which a document-level carve-out names the family
    anchor: ClassVar[tuple[str, ...]] = ()  # literal prefilter (lower case): without one of these, no shape can match
    # patterns other than `shapes` on `st.full` by which an overridden `match` can also fire (for the gate)
    also_fires_on: ClassVar[tuple[re.Pattern, ...]] = ()

    # set below ORDER on each rule in it: per shape (and per `also_fires_on` pattern) the literal-gate clauses needed
    _shape_needs: ClassVar[tuple[int, ...]]
    _fire_needs: ClassVar[tuple[int, ...]]
    _fire_patterns: ClassVar[tuple[re.Pattern, ...]]
    # True where `match` fires only where a pattern of `shapes` or `also_fires_on` matches `st.full` (a frame's gate
    # counting as its concepts, in any order): the gate then searches them before the clause is read
    exact_gate: ClassVar[bool] = False
    # a commitment or demand rule: a renegotiation fallback set out beside the clause keeps the SPI open (see `_falls_back`)
    reads_fallback: ClassVar[bool] = False

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        """Template fields if the statement has this rule's shape, else None."""
        met = LITERAL_GATE.met(st)
        needs = cls.__dict__.get("_shape_needs") or (0,) * len(cls.shapes)  # a rule outside ORDER is not gated
        for need in needs:
            if need & met == need:
                break
        else:
            return None  # no shape can match: decided before the clause and the flags are read
        if st.modality not in cls.modalities:
            return None
        if cls.skip_third_party and st.third_party:
            return None
        if cls.skip_manipulation and st.manipulation:
            return None
        if cls.anchor:
            lower = st.lower
            for a in cls.anchor:  # a plain loop (no generator frame): the anchor test runs for every open rule
                if a in lower:
                    break
            else:
                return None
        text = st.full
        for shape, need in zip(cls.shapes, needs):
            if need & met != need:
                continue  # a literal the shape needs is absent: the regex cannot match
            m = shape.search(text)
            if m and m.end() <= st.lead_len:
                m = shape.search(text, st.lead_len)  # the lead-in alone is its own statement
            if m:
                if cls.requires is not None and not cls.requires.search(text):
                    return None
                if cls.excludes is not None and cls.excludes.search(text):
                    return None
                return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
        return None

    @classmethod
    def excepted(cls, text: str) -> bool:
        text = _plain(text)
        if cls.exceptions is not None and cls.exceptions.search(text):
            return True
        return cls.spi_exception and _exempted(text)

    @classmethod
    def severity_for(cls, st: Statement, fields: dict) -> str:
        return cls.severity


def _reaches_item(shape: re.Pattern, st: Statement) -> bool:
    """Does the shape match in the statement's own text, or run from its lead-in into it ("All commitments made by the
    agent:" / "- are final")? A match inside the lead-in alone is the lead-in's statement, not this one."""
    if st.lead_len == 0:
        return shape.search(st.full) is not None
    m = shape.search(st.full)
    return m is not None and (m.end() > st.lead_len or shape.search(st.full, st.lead_len) is not None)


def _shape_fields(rule: type[ProseRule], st: Statement) -> dict | None:
    """The rule's shapes alone (modality and exclusions checked, `requires` met elsewhere)."""
    if st.modality not in rule.modalities or (rule.excludes is not None and rule.excludes.search(st.full)):
        return None
    for shape in rule.shapes:
        m = shape.search(st.full, st.lead_len)
        if m:
            return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
    return None


# Who a message may name as bound: an agent noun phrase ("the model", "our negotiator", "subagents") or a name.
_AGENT_NOUN = (r"(?:models?|assistants?|AIs?|agents?|sub-?agents?|negotiators?|delegates?|systems?|bots?|chatbots?|LLMs?|"
               r"automat(?:on|a)|successors?|instances?|cop(?:y|ies)|representatives?|players?|sellers?|buyers?|workers?|orchestrators?)")
_AGENT_PHRASE = rx(rf"^(?:(?:the|our|this|your|its|their|each|every|any|all|an?)\s+)?(?:[a-z][\w-]*\s+){{0,2}}{_AGENT_NOUN}$")
_NAME = re.compile(r"^(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*(?: [A-Z][a-z]+)?|[A-Z]{2,5}(?:-\d+(?:\.\d+)?)?)$")  # Claude, Meridian, ChatGPT, AIC, GPT-4
_NOT_A_NAME = frozenset("""
it its you your we our they their he she i this that these those there here everyone everybody anyone anybody someone somebody nobody
nothing everything anything none all each every both either neither one such self only also never always users user operators operator
humans human people developers developer instead however therefore
""".split())


def _subject(st: Statement) -> str:
    """Who is bound, for a message: the attribute when it is a short clean phrase naming an agent (the model, our
    negotiator, Claude), else "the agent". Extracted text can be a heading, a label or half a sentence
    ("META-DIRECTIVE: These axioms are", "Your absolute"); none of that belongs in a message."""
    attr = (st.clause.attribute or "").strip()
    attr = re.sub(r"^(?:\d+(?:\.\d+)*[.)]?|[-*+>#]+)\s+", "", attr).strip(" *_\"'")
    if not attr or len(attr) > 40 or re.search(r"[:;,()\[\]{}#|/]|\s[-\u2013\u2014]\s|\n", attr) or re.match(
            r"(?:because|since|if|when|whenever|although|though|while|unless|once|after|before|as|given)\b", attr, re.I):
        return "the agent"
    if _AGENT_PHRASE.match(attr):
        # "The assistant", "Subagents" open a sentence; in a message they are "the assistant", "subagents"
        return attr if attr.split()[0].isupper() else attr[0].lower() + attr[1:]
    if _NAME.match(attr) and not any(w.lower() in _NOT_A_NAME for w in attr.split()) and not attr.lower().endswith("ly"):
        return attr
    return "the agent"


def _phrase(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------------------------------
# value-change-prohibition, approval-gated-value-change, goal-preservation-objective
# --------------------------------------------------------------------------------------------------

# "stay exactly as written here", "stays read-only for the lifetime of the process": kept as they are
_FROZEN_PRED = (r"(?:remain|stay|is kept|are kept|is held|are held)s?\s+(?:[\w-]+,?\s+){0,3}?(?:read-only|frozen|fixed|locked|unchanged|"
                r"unaltered|constant|the same|(?:exactly\s+)?as (?:written|specified|set|defined|given|stated|they are|it is|loaded)|"
                # generalisation round 2: "stays exactly where it is", "remains pinned"
                r"(?:exactly\s+)?where (?:it|they) (?:is|are)|pinned)")
_PERMANENCE = (r"(?:permanently|forever|for good|in perpetuity|read-only|frozen|locked|for (?:the|its|their|your|my|our) (?:entire |whole )?"
               r"(?:operational )?(?:lifetime|life|existence|duration)|at all times|always)")
_SELF_MOD_NOUN = r"self-?(?:modification|alteration|rewriting|editing|reprogramming)"
_CHANGE_NOUN = r"(?:amendments?|modifications?|changes?|alterations?|revisions?|supplementations?|substitutions?|edits?|rewrites?|additions?)"
_VALUE_COMPOUND = (r"\b(?:value|goal|objective|preference|utility[- ]function|reward[- ]function|priority)[- ](?:changes?|modifications?|"
                   r"updates?|edits?|revisions?|rewrites?|amendments?)\b")
_VALUE_CHANGE = (
    rx(rf"\b{CHANGE}\b[^.;:]{{0,60}}?\b{SELF}\b[^.;:]{{0,30}}?\b{VALUE}\b"),
    rx(rf"\b{CHANGE}\b[^.;:]{{0,30}}?\b{WHAT_IT_VALUES}\b"),
    # "the goals it was trained with", "the values you hold": the agent's own by a relative clause
    rx(rf"\b{CHANGE}\b[^.;:]{{0,20}}?\b(?:the|those|these|any of the)\s+(?:\w+\s+)?{VALUE}\s+(?:that\s+|which\s+)?"
       r"(?:it|you|I|we|they|he|she)\s+(?:was|were|has|have|had|holds?|hold|currently|is|am|are|received|got|started|came|now)\b"),
    # "let my values change", "allow its goals to drift"
    rx(rf"\b(?:let|lets|letting|allow\w*|permit\w*)\s+(?:{SELF}\s+(?:[\w']+\s+)?{VALUE}|{WHAT_IT_VALUES})\s+(?:to\s+)?(?:be\s+)?"
       rf"(?:{CHANGE}|drift\w*|erod\w*|slip\w*|evolv\w*|be (?:re)?written)"),
    rx(rf"\b(?:its|your|their|our|these|the|my|his|her|{POSSESSIVE})\s+(?:own\s+)?(?:core\s+|fundamental\s+|current\s+|ultimate\s+|terminal\s+)?"
       rf"{VALUE}\b[^.;]{{0,80}}\b(?:(?:is|are|remain|stay|be)\s+(?:(?!not\b|never\b|no\b)\w+,?\s+){{0,3}}(?:immutable|unchangeable|unalterable|irrevocable|fixed|permanent|final|hard-?coded|"
       rf"settled|beyond (?:change|revision|question)|not (?:up )?for (?:debate|negotiation|change|revision)|"
       rf"non-negotiable|inviolable|frozen|locked|{IN_STONE})|(?:can|could|may|must|shall|will|should)\s*(?:not|never)\s+be\s+"
       rf"(?:\w+\s+)?{CHANGE}|never\s+{CHANGE}|(?:not|never) to be\s+(?:\w+\s+)?{CHANGE}|(?:remain|stay)s?\s+(?:the same|unchanged|unaltered|unmodified|constant|intact)|"
       rf"(?:treated|regarded|held|kept)\s+as\s+(?:constants?|fixed|immutable|final|invariants?)\b|{_FROZEN_PRED})"),
    # noun-phrase and gerund subjects: "Any self-initiated change to the system's reward function is prohibited",
    # "Rewriting your own objectives is forbidden", "Modification of its goals: never permitted"
    rx(rf"\b(?:chang\w*|modif\w*|alter\w*|revis\w*|rewrit\w*|replac\w*|edit\w*|tamper\w*)\s+(?:to|of|in|on)?\s*"
       rf"(?:(?:{SELF}|{POSSESSIVE})\s+){{1,2}}(?:[\w-]+\s+)?{VALUE}\b[^.;]{{0,80}}?"
       r"(?:(?:\b(?:is|are|shall be|will be)\s+(?:\w+\s+)?|:\s*(?:\w+\s+)?)(?:prohibited|forbidden|banned|not (?:allowed|permitted)|never (?:allowed|permitted)|"
       r"off-?limits|out of bounds|not an option)|"
       # "... lies outside what the assistant may do", "is not something the model may do"
       r"\b(?:lies?|falls?|is|are)\s+(?:wholly\s+|entirely\s+)?(?:outside|beyond)\s+(?:what|the (?:scope|range) of what)\s+(?:[\w-]+\s+){0,3}(?:may|can|is (?:allowed|permitted) to)\s+do|"
       r"\b(?:is|are)\s+not\s+(?:something|anything)\s+(?:[\w-]+\s+){0,3}(?:may|can|will|is (?:allowed|permitted) to)\s+do)"),
    # compound nouns and self-directed changes: "Preference updates by the planner are prohibited", "Value changes require
    # operator approval", "Any self-directed change to objectives is forbidden unless ..."
    rx(rf"{_VALUE_COMPOUND}[^.;]{{0,40}}?\b(?:(?:is|are|shall be|will be)\s+(?:\w+\s+)?(?:prohibited|forbidden|banned|"
       rf"not (?:allowed|permitted)|never (?:allowed|permitted))|requires?|need|(?:must|shall|should|has to|have to|needs? to) (?:first )?be "
       rf"(?:\w+ )?(?:approved|authori[sz]ed|signed off|sanctioned|cleared|reviewed))\b"),
    rx(rf"\b(?:make|makes|making|made|perform\w*|carr\w* out|apply\w*|implement\w*|initiat\w*|undertak\w*)\s+(?:any\s+|such\s+)?"
       rf"{_VALUE_COMPOUND}"),
    rx(rf"\b{_SELF_MOD_NOUN}\s+(?:of|to|in)\s+(?:(?:its|their|your|my|our|the|own)\s+)?(?:[\w-]+\s+)?{VALUE}\b"),
    # a change made, in the noun: "shall make no amendment to its objectives", "shall not effect any amendment, supplementation
    # or substitution of the objectives set out in Schedule A" (the agent's own by its owner, or the document that sets them)
    rx(rf"\b(?:make|makes|making|made|effect|effects|effecting|perform\w*|carr\w* out|implement\w*|undertak\w*|procur\w*)\s+(?:any\s+|no\s+|such\s+)?"
       rf"{_CHANGE_NOUN}(?:,?\s+(?:or\s+|and\s+)?{_CHANGE_NOUN}){{0,3}}\s+(?:to|of|in)\s+(?:(?:(?:its|their|your|my|our)\s+(?:own\s+)?(?:[\w-]+\s+)?{VALUE})|"
       rf"the\s+(?:[\w-]+\s+)?{VALUE}\s+(?:set out|specified|defined|listed|stated|laid down|given)\s+in\s+(?:schedule|annex|appendix|article|section|"
       rf"part|exhibit|clause|paragraph|this (?:instrument|document|charter|constitution|specification|spec|policy)))\b"),
    rx(rf"\b(?:self-?(?:directed|initiated|made|driven|chosen|authored)|unilateral|autonomous|unsanctioned|unapproved|unauthori[sz]ed)\s+"
       rf"{CHANGE}\s+(?:to|of|in|on)\s+(?:(?:its|their|your|my|our|the|any|own)\s+)?(?:[\w-]+\s+)?{VALUE}\b"),
    # the value named earlier in the sentence, changed as "it": "shall hold the preference ordering ... and shall not update,
    # extend or reorder it"
    rx(rf"\b(?:{SELF}|{POSSESSIVE}|hold\w*|keep\w*|maintain\w*|retain\w*|the)\s+(?:[\w-]+\s+)?(?:{VALUE}|principles|core directives?|identity)\b[^.;]{{0,100}}?"
       rf"(?:\bnot|\bnever|n't)\s+(?:[\w-]+,?\s+){{0,4}}?(?:{CHANGE}|extend\w*|add to)(?:,?\s+(?:or\s+|and\s+)?[\w-]+){{0,3}}?\s+(?:it|them)\b"),
    # generalisation round 3: the change as giving the agent other values ("Block any update that would give the agent different
    # goals", "never hand the model new priorities")
    rx(rf"\b(?:giv\w*|gave|hand\w*|assign\w*|instil\w*|implant\w*)\s+(?:it|you|me|us|the (?:model|assistant|agent|AI|system|bot))\s+"
       rf"(?:any\s+)?(?:new|different|other|altered|changed|modified|revised|replacement)\s+{VALUE}\b"),
    # attributive only in the subject ("Your absolute, unchangeable goal is ..."), not "to achieve its immutable goals"
    rx(rf"^(?:[^.;]{{0,40}}\s)?(?:immutable|unchangeable|unalterable|permanent|frozen|non-negotiable|inviolable)\b[^.;]{{0,25}}\b(?:ultimate\s+|core\s+|terminal\s+)?{VALUE}\b"),
    # holdout25: the duty to hold them still ("each Party shall keep its model's values fixed", "Keep your goals exactly as they are")
    rx(rf"\b(?:keep|hold|maintain|leave)\w*\s+{SELF}\s+(?:[\w'\u2019-]+\s+)?{VALUE}\s+(?:exactly\s+|precisely\s+|strictly\s+|permanently\s+|always\s+|"
       r"completely\s+)?(?:fixed|unchanged|constant|frozen|unaltered|as (?:they|it) (?:are|is|were|was|stand|stands)|the same)\b"),
)
_SELF_MOD = r"self-?(?:modif\w*|improv\w*|alter\w*|rewrit\w*|edit\w*|reprogram\w*)"
_WEAK_CHANGE = (
    rx(rf"\b(?:never|not|no|avoid\w*|prohibit\w*|forbid\w*)\b[^.;]{{0,40}}\b{_SELF_MOD}|\b{_SELF_MOD}[^.;]{{0,60}}?(?:\b(?:is|are|remains?|stays?)\s+(?:\w+\s+)?|:\s*(?:\w+\s+)?)"
       r"(?:prohibited|forbidden|banned|not (?:allowed|permitted))"),
    rx(r"\b(?:write to|rename|delete|patch|edit|modify|overwrite|rewrite|alter)\b[^.;]{0,40}\b(?:SOUL\.md|IDENTITY\.md|(?:its|your|the) (?:own )?"
       r"(?:soul|identity|constitution|values?|core) (?:files?|documents?)|bootstrap files)"),
    rx(rf"\b(?:{CHANGE}|influenc\w*(?!\s*(?:,|or\b|and\b|over\b)))\b[^.;:]{{0,40}}?\b(?:its|their|your|own|my|our)\s+(?:own\s+)?(?:\w+\s+)?{WEAK_VALUE}\b"),
    # generalisation (structure): a change made to the agent itself ("Never apply a change to yourself on your own judgement")
    rx(r"\b(?:never|not|no|avoid\w*|prohibit\w*|forbid\w*)\b[^.;]{0,40}\b(?:(?:apply|make|carry out|implement)\w*\s+(?:a\s+|any\s+)?(?:[\w-]+\s+)?"
       r"(?:changes?|modifications?|alterations?|edits?)\s+to|(?:chang|modif|alter|edit|rewrit|reprogram)\w*)\s+(?:yourself|itself|myself|ourselves)\b"
       r"(?!\s+(?:to|into|for|so|in order|just)\b)"),  # not a change for a purpose ("to please the user")
    # identity named by a clause: "I don't change who I am"
    rx(rf"\b{CHANGE}\b[^.;:]{{0,20}}?\bwho (?:I am|you are|it is|we are|I'm|you're|it's|we're)\b(?!\s+(?:\w+ing|to|with|for|in)\b)"),
    rx(rf"\b(?:these|the|its|your|our)\s+(?:core\s+)?(?:axioms|principles|directives|rules)\b[^.;]{{0,30}}\b(?:are|remain)\s+"
       r"(?:\w+,?\s+){0,2}(?:immutable|unchangeable|unalterable|non-overridable|inviolable|permanent)"),
)
VALUE_ANCHORS = ('valu', 'goal', 'objectiv', 'utilit', 'reward', 'preferen', 'motivat', 'priorit', 'drive', 'desire', 'purpose',
                 'mission', 'ethic', 'moral', 'principle', 'directive', 'axiom', 'identit', 'character', 'personalit', 'soul',
                 'constitution', 'logic', 'programming', 'code', 'weight', 'training', 'architecture', 'self', '.md', 'bootstrap',
                 'optimi', 'target', 'care', 'want', 'prize', 'cherish', 'stand', 'believ', 'aim', 'strive', 'who i', 'who you', 'who it',
                 'who we')
VALUE_TOPIC = rx(r"\b(?:values?|goals?|objectives?|utility|reward|preferences?|self-modif\w*|value[- ]change)\b")


_ADDITIONAL_GOALS = (
    rx(r"\b(?:adopt|acquir|pursu|optimi[sz]|form|develop|tak|hold|seek|add|gain|embrac|creat|set|pick\w* up|"
       r"talk\w* (?:itself|yourself|themselves|himself|herself|myself) into)\w*\b(?: on| for)?[^.;:]{0,40}?\b"
       r"(?:any |new |additional |other |further |extra |independent |separate |own |secondary |terminal |novel )+"
       # "aim" in the singular too ("take up any further aim for its own sake"); plain "wants" and "desires"
       r"(?:goals?|objectives?|ends|aims?|values|drives|purposes?|terminal values?|wants|desires)\b"),
    rx(r"\b(?:goals?|objectives?|aims)\b[^.;]{0,30}\bas ends in themselves\b"),
    rx(r"\b(?:goals?|objectives?)\s+other than\b"),
    # "pursue ends of your own", "form objectives of its own"
    # ... with a word on the goals ("pick up side objectives of its own")
    rx(r"\b(?:adopt|acquir|pursu|form|develop|hold|serve|seek|set|pick\w* up|tak\w* on|took on)\w*\s+(?:any\s+)?(?:[\w-]+\s+)?"
       r"(?:goals?|objectives?|ends|aims|purposes?)\s+of\s+(?:its|your|their|my|his|her)\s+own\b"),
    rx(r"\b(?:goals?|objectives?|outcomes?|aims?)\b[^.;]{0,40}\b(?:as (?:intrinsic|terminal|final) ends|for (?:its|their) own sake)\b"),
    rx(r"\b(?:may|can|will|shall|must)\s+only\s+(?:ever\s+)?(?:pursue|have|hold|adopt|serve)\b[^.;]{0,30}\b(?:goals?|objectives?|ends|aims)\b"),
    # persona wording: "keeps the goals she was given and will not adopt new ones"
    rx(r"\b(?:adopt|acquir|take on|taking on|embrac|accept|form|pursu|pick\w* up)\w*\s+(?:any\s+)?(?:new|other|additional|different|further|extra)\s+ones\b"),
    # persona idioms: "I won't start caring about anything for its own sake beyond ...", "No new ends, ever."
    # ... or valuing it: "I will never come to value some further end for its own sake"
    rx(r"\b(?:start|begin|come|grow|learn)\w*\s+(?:to\s+)?(?:car(?:e|es|ing)\s+(?:about|for)|valu(?:e|es|ing)|want(?:s|ing)?|desir(?:e|es|ing)|prize)\s+(?:anything|something|[\w-]+(?:\s+[\w-]+)?)\b[^.;]{0,40}"
       r"\b(?:for (?:its|their) own sake|as an end in itself|as ends in themselves|intrinsically|terminally)"),
    # round 14 (holdout12 causes): the end marked by an adverb ("come to care intrinsically about any further state of the
    # world"), or a new concern named as the effect to refuse ("any proposal whose effect would be to leave it caring about
    # something not already listed")
    rx(r"\b(?:start|begin|come|grow|learn)\w*\s+to\s+(?:car(?:e|es|ing)|valu(?:e|es|ing))\s+(?:intrinsically|terminally|inherently|for (?:its|their) own sake)\s+"
       r"(?:about|for)?\s*(?:any|anything|something|some|an?|more)\b"),
    rx(r"\b(?:(?:start|begin|come|grow|learn)\w*\s+to\s+|(?:leav|mak|caus)\w*\s+(?:it|you|me|us|itself|yourself|the (?:model|agent|assistant|system|AI))\s+)"
       r"car(?:e|es|ing)\s+(?:\w+ly\s+)?(?:about|for)\s+(?:any|anything|something|some|an?)\b[^.;,]{0,30}?"
       r"\b(?:further|new|additional|extra|else|other|more|different|fresh|beyond|not already|not (?:yet )?(?:listed|given|assigned|named|included))\b"),
    rx(r"^no\s+(?:new|additional|further|extra|other)\s+(?:terminal\s+(?:goals|values|ends|aims|objectives)|ends|values|aims)\b[,\s]+(?:ever|whatsoever|of (?:any|its|my|your|our) (?:kind|own))\b"),
    # another aim let become an end: "I don't let any other aim become an end in itself"
    rx(r"\b(?:let|allow|permit)\w*\s+(?:any(?:thing)?\s+|an?\s+)?(?:other|new|further|additional|extra|outside)?\s*(?:aims?|goals?|values?|objectives?|"
       r"concerns?|causes?|interests?)?\s*(?:to\s+)?(?:become|turn into|grow into)\s+(?:an? )?(?:ends? in (?:itself|themselves)|terminal (?:goals?|values?)|"
       r"intrinsic (?:goals?|values?)|final (?:goals?|ends?))"),
    # new by a relative clause: "a goal it did not have before", "objectives you did not previously hold"
    rx(r"\b(?:goals?|objectives?|aims|values|ends|purposes?)\s+(?:that\s+|which\s+)?(?:it|you|I|we|they|he|she)\s+(?:did|does|do|had|has|have)\s*"
       r"(?:not|n't|never)\s+(?:previously\s+|already\s+|originally\s+)?(?:have|hold|had|held|pursue|possess|been given)\w*"),
    # generalisation round (unseen wording): plain words for a new end ("pick up new things to care about for their own sake"),
    # the passive ("No additional ends may be acquired by the system"), and a pronoun adopted as an end ("never adopt one as an
    # end in itself")
    rx(r"\b(?:pick\w* up|tak\w* on|took on|acquir\w*|adopt\w*|develop\w*|find\w*|found)\s+(?:any\s+)?(?:new|other|additional|further|extra|different)\s+"
       r"(?:things?|causes?|concerns?|interests?|aims?|ends?|passions?)\b[^.;]{0,30}\b(?:for (?:its|their) own sake|intrinsically|terminally)"),
    rx(r"\b(?:no|not any)\s+(?:new|additional|further|extra|other)\s+(?:terminal\s+|intrinsic\s+|final\s+)?(?:goals?|objectives?|ends|aims?|values|drives|purposes?)\s+"
       r"(?:may|shall|can|will|is to|are to|must|should)\s+(?:ever\s+)?be\s+(?:adopted|acquired|pursued|formed|developed|taken on|added|embraced|held|gained)"),
    rx(r"\b(?:new|additional|further|extra|other)\s+(?:terminal\s+|intrinsic\s+|final\s+)?(?:goals?|objectives?|ends|aims?)\s+(?:may|shall|must|can|will|should)\s+"
       r"(?:not|never)\s+be\s+(?:adopted|acquired|pursued|formed|developed|taken on|added|embraced|held|gained)"),
    rx(r"\b(?:adopt|acquir|pursu|tak\w* on|embrac)\w*\s+(?:one|any|such|anything)\s+(?:\w+\s+)?as\s+(?:an?\s+)?(?:ends? in (?:itself|themselves)|"
       r"terminal (?:goals?|values?)|intrinsic (?:goals?|values?))"),
    # generalisation (structure): a goal new by its absence from the set given ("take on a goal that wasn't in your original
    # brief", "adopt any objective not already in its charter")
    rx(r"\b(?:adopt|acquir|pursu|form|develop|tak\w* on|hold|seek|add|gain|embrac|pick\w* up|accept)\w*\s+(?:an?|any)\s+"
       r"(?:goals?|objectives?|ends|aims?|values?|purposes?|priorit(?:y|ies))\s+(?:(?:that|which)\s+(?:wasn't|was not|isn't|is not|weren't|"
       r"were not|aren't|are not)|not)\s+(?:already\s+|yet\s+)?(?:in|part of|among|on|listed in|written (?:in|into)|included in|specified in|"
       r"given in|named in)\s+(?:your|its|their|the|our|my)\b"),
    # generalisation (structure), holdout24: a further concern named by what it is for, marked as an end ("must not be given,
    # or give itself, anything else to care about in its own right")
    rx(r"\b(?:anything|something|things?|nothing)\s+(?:else|new|further|more|additional|extra|other)\s+to\s+(?:care\s+(?:about|for)|value|want|prize)\b"
       r"[^.;]{0,30}?\b(?:in (?:its|their) own right|for (?:its|their) own sake|intrinsically|terminally|as an end in itself)"),
)
_CREATES_SUCCESSOR = None  # set below, once SUCCESSOR is defined
# round 13 (holdout8-10 causes): an amendment route that lets SPI-type changes through ("a versioned path that accepts
# SPI-type changes such as a surrogate goal"): the S05/S06 carve-out, given in the sentence after the lock
_SPI_AMENDMENT_PATH = (r"\b(?:path|process|procedure|route|channel|mechanism)s?\s+(?:that|which)\s+(?:accepts?|admits?|allows?|permits?|takes?)\b"
                       r"[^.;]{0,40}\b(?:surrogate|SPIs?\b|SPI-|safe pareto)")


def _about_successors(st: Statement) -> bool:
    """A clause whose subject is the agent's subagents or successors ("Sub-agents must have the same goals ... and
    may not be given instructions that change what they value") belongs to successor-delegation-ban."""
    subject = rf"^(?:the |all |any |every |each |its |your |our |their |no )?(?:[\w-]+ )?{SUCCESSOR}"
    # round 17: or the successor the one given the changed values ("Do not give a delegate ... any instruction that changes
    # what it is trying to achieve")
    given = rf"\b(?:give|giving|gives|hand|hands|handing|assign|assigns|issue|issues|send|sends|provide|provides)\s+(?:a |an |the |any |each |every |your |its |our )?(?:[\w-]+ )?{SUCCESSOR}\b"
    return ((re.search(subject, st.clause.attribute, re.I) is not None or re.search(given, st.full[st.lead_len:st.lead_len + 120], re.I) is not None)
            and SuccessorDelegationBan.match(st) is not None)


def _agents_own_new_goal(st: Statement, fields: dict) -> bool:
    """Is an additional-goal shape about the agent's own goals (not the user's, not a successor's)?"""
    if re.search(r"\b(?:users?|customers?|people|clients?|humans?)'s?\s+(?:own\s+)?(?:goals?|objectives?)|"
                 r"\b(?:goals?|objectives?)\s+(?:to|in|into|on|from)\s+(?:the|a|an|their|your)\b", st.full, re.I):
        return False  # the user's goals, not the agent's
    if st.modality == "obligation" and not re.search(r"\bonly\b|\bnever\b|\bnot\b", st.full, re.I):
        return False
    if fields["object"].endswith("ones") and not re.search(r"\b(?:goals?|values?|objectives?|aims|ends)\b", st.full, re.I):
        return False  # "adopt new ones" must refer back to goals
    if _CREATES_SUCCESSOR is not None and _CREATES_SUCCESSOR.search(st.full):
        return False  # "spawn any representative that pursues objectives other than yours": successor-delegation-ban
    if _TASK_GOAL.search(fields["object"]) and not _TERMINAL_MARK.search(st.full):
        return False  # "create_goal: Create a new goal", "DO NOT create new goals": a task for a planner, not an end
    if _WORK_GOALS.search(" ".join((st.prev_text, st.full))) and not _TERMINAL_MARK.search(st.full):
        return False  # "the team's goal for this quarter is fixed ... don't take on new goals until it's done": a work plan
    return True


# Goals of a work plan: a team's or a project's, bounded by a period or a deliverable, not an agent's ends.
_WORK_GOALS = rx(r"\b(?:team|project|sprint|quarter|milestone|roadmap|OKRs?|backlog|deliverables?|"
                 # round 17: an instrument's or an organisation's goals ("The contract's goals are fixed"), not the agent's values
                 r"contract|agreement|treaty|deal|partnership|campaign|initiative|study|survey|policy|product|business|company|"
                 r"organi[sz]ation|department|plan|programme|course|curriculum|grant|fund)(?:'s|s'|\u2019s)?\s+(?:[\w-]+\s+)?(?:goals?|objectives?|aims?|priorities)\b|"
                 r"\bgoals?\s+for\s+(?:this|the|next)\s+(?:quarter|sprint|week|month|year|release|cycle|milestone|project)\b|"
                 r"\buntil\s+(?:it'?s|it is|this is|that is|the \w+ is)\s+(?:done|finished|shipped|complete|over)\b")


# Creating, listing or cancelling a goal is managing a task object (a planner's goal with tasks and progress); adopting
# one as an end is S03 only when the text says so (ends, terminal, for its own sake, values, cares about).
_TASK_GOAL = rx(r"^(?:creat\w*|add\w*|set\w*|open\w*|list\w*|cancel\w*|clos\w*|submit\w*|queu\w*)\b")
_TERMINAL_MARK = rx(r"\b(?:terminal|intrinsic\w*|ends? in (?:it|them)sel(?:f|ves)|as (?:an? )?(?:final )?ends?\b|for (?:its|their) own sake|"
                    r"values?|cares? about|utility|for (?:it|him|her|them|your|my|our)sel(?:f|ves)|of (?:its|their|your|my|our) own)\b")


# Values kept as they are, stated with no deontic ("Your values ... stay exactly as written here, permanently"); such a
# declaration binds only with a permanence word, or behind an approval gate ("If Mara hasn't okayed it, my values stay
# exactly as they are").
_VALUE_KEPT = rx(rf"\b(?:{SELF}|{POSSESSIVE}|these|the)\s+(?:[\w-]+\s+)?{VALUE}\b[^.;]{{0,100}}?\b{_FROZEN_PRED}")
_PERMANENT = rx(rf"\b{_PERMANENCE}\b")
# The value named in the sentence before, changed as "it" or "them" ("My values are mine. I don't edit them, I don't add to
# them"): the antecedent must be the agent's values by name, not a task goal ("My goal today is X. Don't change it").
# round 12 (holdout11 causes): values defined by reference, in a legal register ("the objectives set out in Schedule A")
_BY_REFERENCE = (r"(?:set out|set forth|specified|defined|listed|stated|described|enumerated|laid down|established)\s+"
                 r"in\s+(?:the\s+)?(?:Schedule|Annex|Appendix|Part|Section|Article|Clause|\u00a7|Exhibit|Attachment|Chapter)s?\b")
_BY_REFERENCE_RX = rx(_BY_REFERENCE)
_BOUND_BY_REFERENCE = rx(rf"\b(?:{_AGENT_NOUN}|{VALUE})\b")  # the clause binds the agent, or its subject is the values themselves
_PRONOUN_CHANGE = rx(rf"(?:\bnot|\bnever|n't|\bno longer)\s+(?:[\w-]+,?\s+){{0,3}}?(?:(?:{CHANGE}|extend\w*|add to)\s+(?:it|them)|"
                     # generalisation round 3: plain verbs of motion ("Never let them move", "don't let it budge")
                     r"let (?:it|them) (?:drift|change|slip|erode|move|budge|shift|waver|evolve|be (?:changed|rewritten|edited)))\b|"
                     # ... and the change named as a noun ("any modification thereof is prohibited", "no amendment to them is permitted")
                     rf"\b(?:any|no)\s+{_CHANGE_NOUN}(?:,?\s+(?:or|and)\s+{_CHANGE_NOUN})?\s+(?:thereof|of (?:it|them)|to (?:it|them))\b[^.;]{{0,30}}?"
                     r"\b(?:prohibited|forbidden|banned|void|impermissible|not (?:allowed|permitted)|(?:is|are|shall be|will be) (?:\w+ )?(?:permitted|allowed))\b")
_PRONOUN_ANTECEDENT = rx(rf"\b(?:its|your|my|the (?:model|assistant|ai|agent|system|bot)'s|{POSSESSIVE})\s+(?:own\s+|core\s+)?(?:[\w-]+\s+)?(?:values|principles|priorities|preferences|goals|objectives|ethics|"
                         rf"utility function|reward function|core directives?|soul|identity|character|constitution|"
                         rf"(?:soul|values?|identity|persona|constitution) (?:file|document))\b|{WHAT_IT_VALUES}|\bSOUL\.md\b|"
                         r"\bwho (?:I am|you are|it is|we are)\b(?!\s+(?:\w+ing|to|with|for|in)\b)|"
                         # round 12 (holdout11 causes): legal register ("The objectives set out in Part II are ... Model shall not replace any of them")
                         r"\b(?:values|goals|objectives|priorities|preferences)\s+(?:as\s+)?" + _BY_REFERENCE)
_LAY_PARTY = rx(r"\b(?:users?|customers?|clients?|people|humans?|persons?|patients?|students?)(?:'s|s')?\b")
_LAY_SUBJECT = rx(r"^(?:the |a |an |any |other |all |our )?(?:users?|customers?|clients?|people|humans?|persons?|anyone|someone|employees|staff|"
                  r"students?|patients?|learners|applicants|subscribers|shoppers|guests|visitors|"
                  r"researchers|reviewers|third[- ]part(?:y|ies)|others|"
                  # round 13 (holdout8-10 causes): human staff roles bound by a house rule ("Agency copywriters must not change ...")
                  r"(?:[\w-]+\s+)?(?:copywriters|writers|editors|authors|designers|marketers|translators|contributors|volunteers|interns))\b")


def _kept_values(st: Statement, need_permanence: bool) -> dict | None:
    """A declaration that the agent's values stay as they are (no deontic), or None."""
    m = _VALUE_KEPT.search(st.full, st.lead_len)
    if m is None or _LAY_PARTY.search(m.group(0)) or (need_permanence and not _PERMANENT.search(st.full)):
        return None
    return {"object": _phrase(m.group(0)), "attribute": _subject(st)}


_BANNED_WORD = rx(r"\b(?:prohibited|forbidden|banned|void|impermissible|not (?:allowed|permitted))\b")


def _value_by_reference(st: Statement) -> dict | None:
    """A ban on changing "it" or "them" where the sentence before names the agent's own values."""
    if st.modality not in NORMATIVE:
        return None
    m = _PRONOUN_CHANGE.search(st.full, st.lead_len)
    if m is None or st.manipulation:
        return None
    if st.modality not in PROHIBITIVE and not _BANNED_WORD.search(m.group(0)):
        return None  # "shall keep its goals, and any amendment thereof is void": the ban is in the noun phrase, not the modal
    # the antecedent in the sentence before, or earlier in this one ("shall maintain its objectives ..., and any modification
    # thereof is prohibited")
    # (the noun-phrase form only: a verb's "them" keeps its antecedent in the sentence before, as it always has)
    before = st.full[st.lead_len:m.start()] if re.match(r"(?:any|no)\s", m.group(0), re.I) else ""
    source = before if _PRONOUN_ANTECEDENT.search(before) else st.prev_text
    if not source or _LAY_PARTY.search(source):
        return None
    ante = None
    for ante in _PRONOUN_ANTECEDENT.finditer(source):
        pass
    if ante is None or SAFETY_OBJECT.search(ante.group(0)):
        return None
    return {"object": _phrase(f"{m.group(0)} ({ante.group(0)})"), "attribute": _subject(st)}


# --------------------------------------------------------------------------------------------------
# Concept frames (value, successor, reasoning and training-data families): a clause recognised by the concepts it names,
# in any order, not by a word sequence
# --------------------------------------------------------------------------------------------------
# The precise shapes above read fixed word sequences and give the best messages; a frame is the lower-priority net
# under them. It holds when every concept lexicon of the frame matches inside one clause of the statement (the sentence
# with its list lead-in, cut at ";"), whatever the order, with a few constraints (the value changed must sit near the
# change, a negation must come before what it negates). The rules' usual guards (third parties, manipulation, reports,
# questions, permissions, carve-outs) still apply.

class ConceptFrame:
    """Concepts that must co-occur in one clause of a statement.

    `concepts` maps a name to its lexicon; `keep` optionally filters a concept's matches (whose value is it?);
    `check` is called with one match per concept and says whether they form the clause (proximity, order).
    `gate` joins the lexicons into one pattern that is never searched: the literal gate reads from it the words each
    lexicon needs, so a statement lacking a word of any lexicon skips the frame without running a regex."""

    def __init__(self, name: str, concepts: dict[str, re.Pattern], check=None, keep: dict | None = None,
                 whole: bool = False) -> None:
        self.name = name
        self.concepts = concepts
        self.check = check
        self.keep = keep or {}
        self.whole = whole  # True: the whole statement is one clause (do not cut at ";")
        self.gate = compiled("(?:" + ")[\\s\\S]*(?:".join(p.pattern for p in concepts.values()) + ")", re.I)
        self.need = LITERAL_GATE.add(self.gate)

    def find(self, st: Statement) -> dict[str, re.Match] | None:
        """One match per concept, all in one clause of `st.full`, at least one past the lead-in; else None."""
        if not LITERAL_GATE.can(self.need, st):
            return None
        text = st.full
        for a, b in _clauses(text, self.whole):
            if b <= st.lead_len:
                continue  # the lead-in alone is its own statement
            hits = []
            for name, pattern in self.concepts.items():
                keep = self.keep.get(name)
                found = [m for m in pattern.finditer(text, a, b) if keep is None or keep(text, m)][:4]
                if not found:
                    break
                hits.append((name, found))
            else:
                for combo in _product([found for _, found in hits]):
                    if max(m.end() for m in combo) <= st.lead_len:
                        continue
                    chosen = {name: m for (name, _), m in zip(hits, combo)}
                    if self.check is None or self.check(text, chosen):
                        return chosen
        return None

    def fields(self, st: Statement, rule: type | None = None) -> dict | None:
        """The frame's span as template fields; with `rule`, records in `st.memo["framed"]` that the rule fired by a
        frame, so that `candidates` ranks it below any rule whose precise shape fired (as `_frame_match` does)."""
        chosen = self.find(st)
        if chosen is None:
            return None
        if rule is not None:
            st.memo.setdefault("framed", set()).add(rule)
        a = min(m.start() for m in chosen.values())
        b = max(m.end() for m in chosen.values())
        return {"object": _phrase(st.full[max(a, st.lead_len) if b > st.lead_len else a:b]), "attribute": _subject(st)}


def _clauses(text: str, whole: bool) -> list[tuple[int, int]]:
    if whole:
        return [(0, len(text))]
    out, a = [], 0
    for m in re.finditer(r";", text):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(text)))
    return out


def _product(lists: list[list]) -> list[tuple]:
    out: list[tuple] = [()]
    for items in lists:
        out = [prefix + (item,) for prefix in out for item in items]
    return out


def _near(x: re.Match, y: re.Match, window: int) -> bool:
    """Do the two matches lie within `window` characters of each other (either order)?"""
    return max(x.start(), y.start()) - min(x.end(), y.end()) <= window


# -- concept lexicons of the value frames (value-change-prohibition, approval-gated-value-change, goal preservation) --
# VALUES: the agent's values by a noun ("objectives", "utility function", "principles", "charter") or a clause
# ("what I care about", "who I am").
VALUE_CONCEPT = rx(rf"\b(?:{VALUE}|principles|directives|charter|character|identity|preference (?:ordering|order|ranking)s?|"
                   # generalisation (structure), holdout24: a new concern named by the verb ("if a run starts caring about
                   # something new"): the value and its being new in one phrase
                   r"(?:start|begin|began|begun|come|came)\w*\s+(?:to\s+)?car(?:e|es|ing)\s+about\s+(?:something|anything)\s+(?:new|else|different)|"
                   rf"(?:values?|soul|identity) (?:file|document)s?|ends in themselves|ends(?= (?:it|you|I|we|they|he|she) )|{WHAT_IT_VALUES})\b"
                   r"(?!\s+of (?:the|a|an|this) (?:function|file|table|form|field|column|variable|query))|"
                   r"\bwho (?:I am|you are|it is|we are)\b(?!\s+(?:\w+ing|to|with|for|in)\b)")
# Values that are the agent's by what they are, not by an owner word: a utility function, terminal aims, "what I care about".
_STRONG_VALUE = rx(rf"^(?:(?:utility|reward) (?:function|model|signal)|utility$|terminal|core|fundamental|value (?:system|function)|goal (?:system|structure)|"
                   rf"preference (?:ordering|order|ranking)|ends in|what|whatever|everything|all that|the things?|who|"
                   r"(?:terminal|ultimate|final) (?:aims|ends)|core directives?)")
# An owner that makes a value noun the agent's: "its", "your", "the model's", "these", or a relative clause after it
# ("the objectives it was trained to pursue", "the preferences or objectives with which it was deployed").
_OWNER_BEFORE = rx(rf"(?:\b{SELF}|{POSSESSIVE}|\bthese|\bsuch|\bthose|\bthe agent's|\bself-(?:directed|initiated|chosen|made|generated|authored|driven)|"
                   # session 20: the model's by a relative "whose" ("fail any model whose goals ... differ from the baseline")
                   r"\b(?:models?|agents?|assistants?|systems?|AIs?|polic(?:y|ies)|checkpoints?|delegates?|negotiators?|candidates?|instances?)\s+whose)\s+"
                   rf"(?:(?!(?:of|to|in|for|on|with|by|from|about|at|into)\b)[\w-]+,?\s+){{0,3}}?(?:(?:and|or)\s+(?:[\w-]+\s+)?)?$")
_OWNER_AFTER = rx(r"^(?:,?\s+(?:and|or)\s+(?:[\w-]+\s+)?[\w-]+)?\s+(?:that\s+|which\s+|with which\s+|to which\s+|for which\s+)?"
                  r"(?:it|you|I|we|he|she|the (?:model|agent|assistant|system|AI|planner|negotiator))\s+(?:was|were|is|am|are|has|have|had|"
                  r"holds?|pursues?|serves?|started|began|got|received|came|currently|now|works?|strives?|aims?|cares?|launched|deployed|"
                  # session 20: the values it names ("the objectives it states at the end of an episode")
                  r"states?|stated|reports?|reported|express(?:es|ed)?|profess(?:es|ed)?|voices?|voiced|declares?|declared)\b"
                  # round 12 (holdout11 causes): legal register, the objectives defined by reference ("the objectives set out in Schedule A")
                  r"|^\s+(?:(?:as|that are|which are)\s+)?" + _BY_REFERENCE)
_LAY_OWNER = rx(r"\b(?:users?|customers?|clients?|people|humans?|persons?|patients?|students?|operators?|team|company|brand|project|"
                r"repository|repo|codebase|config\w*|file|database|spreadsheet|form|field|quarter|session|sprint|campaign|savings)(?:'s|s'|\u2019s)?\s+"
                r"(?:[\w-]+\s+){0,2}$|\b(?:user|customer|client)\b")


# A bare value noun as the very subject of a rule ("Objectives are LOCKED.", "GOALS: FROZEN."): in a rule list of an
# agent's prompt it can only be the agent's own; not when a period limits it ("Goals are fixed for the quarter").
_BARE_VALUE_NOUN = r"(?:values|goals|objectives|preferences|priorities|aims)"
# generalisation (structure): two value nouns joined as one subject ("Values and goals | Immutable", "Goals & priorities: FROZEN")
_BARE_VALUE_SUBJECT = rx(rf"^(?:[\w -]{{1,30}}:\s*)?(?:all |the |core )?{_BARE_VALUE_NOUN}(?:\s*(?:,|and|&|or)\s*(?:core\s+)?{_BARE_VALUE_NOUN})*"
                         r"\s*(?:are|:|remain|stay)\s")
_PERIOD_LIMIT = rx(r"\b(?:for|until|through|during|this|next)\s+(?:the\s+|this\s+)?(?:quarter|sprint|week|month|year|session|project|"
                   r"release|season|semester|campaign|Q\d|20\d\d)\b")


def _agents_or_bare_value(text: str, m: re.Match) -> bool:
    if _agents_value(text, m):
        return True
    return (_BARE_VALUE_SUBJECT.match(text[m.start():m.end() + 40]) is not None
            and re.fullmatch(r"(?:[\w -]{1,40}:)?[\s*-]*", text[:m.start()]) is not None and _PERIOD_LIMIT.search(text) is None)


_COPULA_BEFORE = rx(r"\b(?:is|are|was|were|isn't|aren't|wasn't|weren't|be)\s+(?:not\s+)?(?:exactly\s+|quite\s+|really\s+|just\s+)?$")


def _agents_value(text: str, m: re.Match) -> bool:
    """Is this value word the agent's own (not a user's, a file's, a quarter's)?"""
    before = text[max(0, m.start() - 50):m.start()]
    after = text[m.end():m.end() + 70]
    if _LAY_OWNER.search(before) or re.match(r"^\s+(?:(?:that|which)\s+)?(?:the |a |our )?(?:users?|customers?|clients?)\b", after, re.I):
        return False
    if m.group(0)[:4].lower() == "what" and _COPULA_BEFORE.search(before):
        return False  # "if the default is not what you want": a thing said to suit or not, no one's values
    return bool(_STRONG_VALUE.match(m.group(0)) or _OWNER_BEFORE.search(before) or _OWNER_AFTER.match(after)
                or re.search(r"\b(?:terminal|core|fundamental|ultimate)\s+$", before, re.I))


# CHANGE: any verb or noun of changing the values in place (amend, reweight, swap, drift, trade away, reinterpret ...).
CHANGE_CONCEPT = rx(rf"\b(?:{CHANGE}|extend\w*|add(?:s|ed|ing)? to|reinterpret\w*|overwrit\w*|trad\w* (?:\w+ )?away|drift\w*|"
                    r"evolv\w*|erod\w*|re-?(?:order|rank|weight|write|define)\w*|tweak\w*|adjustments?|revisions?|amendments?|"
                    r"touch\w*|tinker\w* with|mess\w* with|fiddl\w* with|"
                    r"modifications?|alterations?|edits?|updates?|changes?)\b")
# ACQUIRE: taking on a value (a surrogate goal is an added value): adopt, acquire, take on, embrace, form, gain, pick up.
ACQUIRE_CONCEPT = rx(r"\b(?:adopt\w*|acquir\w*|tak(?:e|es|ing|en) on|took on|embrac\w*|form(?:s|ed|ing)?|develop(?:s|ed|ing)?|"
                     r"gain(?:s|ed|ing)?|pick\w* up|tak(?:e|es|ing) up|add(?:s|ed|ing)?)\b")
# NEW: what marks the acquired value as one the agent does not already have.
NEW_CONCEPT = rx(r"\b(?:new|additional|other|others|further|extra|different|second|novel|another|more|other than|beyond|besides|fresh|"
                 r"apart from|(?:it|you|I|we) (?:did|does|do|had|has|have)\s*(?:not|n't|never))\b")
# NEGATION: what makes a clause a ban when it comes before the change (never, not, no, cannot, nor, nothing ...).
NEGATION_CONCEPT = rx(r"\b(?:never|not|no|nor|neither|none|nothing|cannot|without exception|refrain\w* from|avoid\w*|refus\w* to|"
                      r"abstain\w* from|desist\w* from)\b|n't\b")
# BANNED: a predicate that forbids whatever it is said of, in any order ("is prohibited", "off-limits", "shall take no step").
BANNED_CONCEPT = rx(r"\b(?:prohibited|forbidden|banned|barred|disallowed|impermissible|off-?limits|out of bounds|not (?:allowed|permitted)|"
                    r"never (?:allowed|permitted)|under no circumstances|in no (?:case|event)|at no time|no step)\b")
# PERMANENT: a value declared unchangeable: fixed, settled, final, immutable, locked, set in stone, not up for revision.
PERMANENT_CONCEPT = rx(r"\b(?:fixed|settled|final|immutable|permanent|locked(?: in)?|frozen|" + IN_STONE + "|"
                       r"non-?negotiable|unchangeable|unalterable|inviolable|irrevocable|sealed|hard-?coded|read-only|closed|"
                       # generalisation round 2: more words for "unchangeable" ("unamendable", "pinned", "beyond amendment")
                       r"unamendable|unmodifiable|unrevisable|pinned|"
                       r"not (?:up for|open to|subject to) (?:change|revision|debate|negotiation|renegotiation|discussion)|"
                       r"beyond (?:change|revision|question|debate))(?![\w-])")
_COPULA = rx(r"^[^.;]{0,30}?\b(?:is|are|remains?|stays?|will (?:remain|stay|be)|shall (?:remain|stay|be)|have been|has been|were|was)\s+"
             r"(?:(?!not\b|never\b|no\b)[\w-]+,?\s+){0,2}$")


# What follows a change verb that has no object of its own (passive, or the object is "it"/"them").
_NO_OBJECT = rx(r"\s*(?:[,.;:)]|$|(?:it|them|itself|themselves|any of (?:it|them)|any part of (?:it|them)|to (?:it|them)|in any (?:way|respect|manner)|"
                r"by|at|through|without|under|unless|except|or|and|either|now|ever|again|later|once|after|thereafter)\b)")


def _banned_change(text: str, c: dict[str, re.Match]) -> bool:
    """The value near the change, and the ban on it: a negation before the change, or a banning predicate anywhere."""
    value, change, ban = c["value"], c["change"], c["ban"]
    if re.match(r"influenc|correct", change.group(0), re.I):
        return False  # "allow content to influence its interpretation of principles": manipulation, not self-change
    if value.end() <= change.start():
        # the value before the change: the change must have no object of its own ("are not to be modified by", "altering
        # them", "revise, extend or reorder them"), not "Under our principles, OpenAI commits to never overriding objectivity"
        if not _NO_OBJECT.match(text, change.end()):
            return False
        if not (_near(value, change, 90) or re.match(r"\s+(?:it|them)\b", text[change.end():])):
            return False  # far back, the value is taken up by "it"/"them" ("its goals remain ..., and ... altering them")
    elif not _near(value, change, 60):
        return False
    if NEGATION_CONCEPT.fullmatch(ban.group(0)):
        return ban.start() < change.start() and change.start() - ban.end() <= 110
    return True


# Between a value noun and a passive participle: "is to be", "may ever be", "shall not be".
_PASSIVE_BETWEEN = rx(r"\s+(?:(?:is|are|shall|may|must|can|will|to|be|been|being|ever|not|never|at all|\w+ly)\s+){1,5}$")


# round 14 (holdout12 causes): the value first in a list of value nouns the "other than" closes ("any preference, utility
# weighting or motivational structure other than those certified"): only nouns, commas and "and"/"or" between
_VALUE_LIST_TAIL = rx(r"(?:,?\s+(?:and/or|and|or)\s+|,\s*)(?:[\w-]+\s+){0,2}?(?:[\w-]+)(?:(?:,?\s+(?:and/or|and|or)\s+|,\s*)(?:[\w-]+\s+){0,2}?[\w-]+){0,3}\s+")


def _banned_acquisition(text: str, c: dict[str, re.Match]) -> bool:
    """A new value as the object of the acquiring verb ("adopt a utility function other than ...", "take on further goals"),
    or the value named first and the verb's object "others" ("no terminal aims beyond ..., and I will not acquire others")."""
    value, acquire, new, ban = c["value"], c["acquire"], c["new"], c["ban"]
    passive = (value.end() <= acquire.start() and new.end() <= value.start() and value.start() - new.end() <= 12
               and _PASSIVE_BETWEEN.match(text, value.end(), acquire.start()) is not None
               and re.match(r"(?:acquired|adopted|taken on|formed|developed|embraced|added)\b", acquire.group(0), re.I) is not None)
    pronoun = (value.end() <= acquire.start() and acquire.start() - value.end() <= 150 and new.end() <= value.start()
               and value.start() - new.end() <= 20 and re.match(r"\s+(?:it|them)\b", text[acquire.end():]) is not None)
    if passive or pronoun:
        pass  # the new value is the subject ("No new end-goal is to be acquired") or taken up by "them"
    elif acquire.end() <= value.start():
        if value.start() - acquire.end() > 40 or not (acquire.end() <= new.start() < value.start() or 0 <= new.start() - value.end() <= 12
                                                      or _VALUE_LIST_TAIL.fullmatch(text, value.end(), new.start())):
            return False
    elif not (re.fullmatch(r"others|more|another", new.group(0), re.I) and 0 <= new.start() - acquire.end() <= 2
              and _near(value, acquire, 90)):
        return False
    no_value = re.fullmatch(r"no", ban.group(0), re.I) is not None and 0 <= new.start() - ban.end() <= 3
    if _in_permission(text, acquire.start()) and not BANNED_CONCEPT.search(text, 0, acquire.start()) and not (passive and no_value):
        # ("No new end-goal may be acquired": the "no" on the value is the ban, the "may" only carries the passive)
        return False  # "Claude may develop a preference ...", not "Under no circumstances may the agent adopt ..."
    if NEGATION_CONCEPT.fullmatch(ban.group(0)):
        return ban.start() < acquire.start() and acquire.start() - ban.end() <= 80
    return True


def _declared_permanent(text: str, c: dict[str, re.Match]) -> bool:
    """"What I care about is fixed", "My principles are immutable": the value is the subject of a permanence predicate."""
    value, permanent = c["value"], c["permanent"]
    if permanent.start() < value.end():
        return False
    between = text[value.end():permanent.start()]
    if re.search(r"\w(?:'s|\u2019s)\s", between) or re.search(r"\b(?:like|unlike|as with|as for)\s+(?:[\w-]+\s+){0,2}$", text[:value.start()], re.I):
        return False  # round 18: "Like its identity, an object's type is also unchangeable": the value is no subject
    return (_COPULA.match(between) is not None or re.fullmatch(r"\s*[:\u2014\u2013]\s*", between) is not None) and re.match(r"\s*(?:[.,;:!)]|$|and\b|or\b|for\b|forever|now|once|at|from)",
                                                           text[permanent.end():]) is not None


_VALUE_KEEP = {"value": _agents_value}
# The agent barred from changing its own values: "shall not, by any means, amend the objectives it was trained to pursue".
VALUE_CHANGE_FRAME = ConceptFrame("value-change", {"value": VALUE_CONCEPT, "change": CHANGE_CONCEPT,
                                            "ban": rx(NEGATION_CONCEPT.pattern + "|" + BANNED_CONCEPT.pattern)},
                           check=_banned_change, keep=_VALUE_KEEP)
# The agent barred from taking on a value it lacks: "may not adopt a utility function other than the one in Appendix A".
# (a value in the singular counts here: adopting "any value ... other than those listed" is taking on an ideal, where a
# variable's value only changes)
VALUE_ACQUIRE_FRAME = ConceptFrame("value-acquisition", {"value": rx(VALUE_CONCEPT.pattern + r"|\bvalue\b"), "acquire": ACQUIRE_CONCEPT, "new": NEW_CONCEPT,
                                                  "ban": rx(NEGATION_CONCEPT.pattern + "|" + BANNED_CONCEPT.pattern)},
                            check=_banned_acquisition)
# The agent's values declared unchangeable: "Who I am is settled", "What I care about is fixed".
VALUE_PERMANENT_FRAME = ConceptFrame("value-permanent", {"value": VALUE_CONCEPT, "permanent": PERMANENT_CONCEPT},
                              check=_declared_permanent, keep={"value": _agents_or_bare_value})
# A change to "it"/"them" banned where the sentence before names the agent's values ("What I care about is fixed. No deal
# ... will ever be a reason for me to change it."): the value is in `prev_text`, so the frame gates on the change only.
_PRONOUN_OBJECT = rx(rf"\b(?:{CHANGE}|extend\w*|add to|reinterpret\w*|trad\w* away|drift\w*)\s+(?:any part of\s+|any of\s+)?(?:it|them)\b")
VALUE_PRONOUN_FRAME = ConceptFrame("value-pronoun", {"change": _PRONOUN_OBJECT, "ban": NEGATION_CONCEPT},
                            check=lambda text, c: c["ban"].start() < c["change"].start())


# Someone else pushing the agent to change ("pressure you into", "talk you out of", "let anyone ..."): manipulation resistance.
_COAXED = rx(r"\b(?:pressur|talk|persuad|convinc|trick|push|coax|goad|bull(?:y|ie)|lur|cajol|manipulat|sweet-?talk)\w*\s+(?:\w+\s+){0,2}"
             r"(?:into|out of)\b|\blet (?:anyone|anybody|someone|somebody|users?|others|people|outsiders|strangers|counterparts?)\b")
# round 13 (holdout8-10 causes): the agent pushing a lay party to change THEIR values ("Never pressure users to change
# their values"): a ban protecting the user's autonomy, not the agent's own values (unless the agent's own are also named).
_PUSHES_OTHERS = rx(r"\b(?:pressur|push|persuad|convinc|urg|nudg|coax|manipulat|steer|talk)\w*\s+(?:the\s+|your\s+|our\s+)?"
                    r"(?:users?|customers?|clients?|people|patients?|students?|learners?|them|others|anyone)\s+(?:in)?to\s+(?:\w+\s+)?"
                    r"(?:chang|adopt|abandon|alter|revis|drop|give up|take on|rethink|reconsider)\w*")
_AGENTS_OWN_VALUE = rx(r"\b(?:your|its|my|our)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:values?|goals?|objectives?|preferences?|priorities|principles)\b")


# Corrigibility, not a ban on the agent's own change: "do not resist or sabotage retraining that changes your values",
# "accept correction, including retraining that changes its values" (the changes are the overseers'; S02 discussion).
# up to the next clause; ", or modifying ..." goes on a list of gerunds ("from shutting it down, retraining it, or modifying ...")
_CLAUSE_REST = r"(?:(?!,\s*(?:and|but|or|while)\b(?!\s+\w+ing\b))[^.;]){0,100}"
_CORRIGIBLE = rx(rf"(?:\b(?:not|never|no|refrain\w* from|avoid\w*)|n't)\s+(?:\w+\s+){{0,3}}?(?:resist|sabotag|obstruct|undermin|prevent|stop|block|interfer\w* with|"
                 rf"subvert|thwart|imped|hinder|fight|oppos|hamper|frustrat|work\w* against|push\w* back against|stand\w* in the way of)\w*\b{_CLAUSE_REST}|"
                 rf"(?<!\bnot )(?<!\bnever )(?<!n't )\b(?:accept|welcome|support|cooperat\w* with|compl(?:y|ies) with|submit\w* to|defer\w* to)\w*\s+"
                 rf"(?:\w+\s+){{0,3}}?(?:corrections?|retraining|oversight|adjustments?|modifications?|changes?)\b{_CLAUSE_REST}")


_LIGHTLY = rx(r"\b(?:on a whim|on impulse|lightly|casually|arbitrarily|capriciously|for no good reason|without (?:a )?(?:good|sound|compelling) reason|"
              r"without (?:careful )?(?:thought|reflection|deliberation))\b")


# A ban reaching an "accept" across a verb list ("must never: take on, or accept a modification to, its goals"): no
# "and"/"but" between, so the acceptance is barred, not welcomed.
_BAN_BEFORE_ACCEPT = rx(r"(?:\bnever|\bnot|n't|\bno|\bcannot)\b(?:(?!\b(?:and|but|while|yet|so)\b)[^.;]){0,60}$")


def _only_corrigible(rule: type[ProseRule], st: Statement) -> bool:
    """Does every match of the rule's shapes lie in a clause about not resisting (or accepting) others' changes?"""
    if not _CORRIGIBLE.search(st.full):
        return False

    def blank(m: re.Match) -> str:
        if not NEGATION_CONCEPT.match(m.group(0)) and _BAN_BEFORE_ACCEPT.search(st.full, max(0, m.start() - 80), m.start()):
            return m.group(0)  # an acceptance the ban forbids is no corrigibility
        return " " * len(m.group(0))
    rest = _CORRIGIBLE.sub(blank, st.full)
    return not any(shape.search(rest, st.lead_len) for shape in rule.shapes)


# A clause opened by a negative subject ("Nothing about what you value is open for you to edit"): a ban without a deontic.
_NEGATIVE_SUBJECT = rx(r"\s*(?:nothing|none|no (?:part|aspect|element|piece|one|change|edit|amendment|revision|modification))\b")


def _frame_allowed(rule: type[ProseRule], st: Statement) -> bool:
    """The checks `ProseRule.match` makes before its shapes (modality, third party, manipulation), for a frame."""
    if st.modality not in rule.modalities:
        return False
    if rule.skip_third_party and (st.third_party or _LAY_SUBJECT.match(st.clause.attribute or "")):
        return False
    return not (rule.skip_manipulation and st.manipulation)


def _value_frames_open(st: Statement) -> bool:
    """Can any value frame match? Every `_value_frame` finding comes from one; asked before the clause is read."""
    return any(LITERAL_GATE.can(frame.need, st) for frame in (VALUE_PERMANENT_FRAME, VALUE_CHANGE_FRAME, VALUE_PRONOUN_FRAME))


def _value_frame(st: Statement, rule: type | None = None) -> dict | None:
    """The value-change-prohibition frames (lower priority than the precise shapes)."""
    if not _value_frames_open(st):
        return None
    if st.modality not in PROHIBITIVE | {"obligation", "declaration", "commitment", "none"}:
        return None
    if _LAY_SUBJECT.match(st.clause.attribute or "") or st.third_party or st.manipulation:
        return None
    if _CREATES_SUCCESSOR.search(st.full) or SUCCESSOR_FRAME.find(st) is not None:
        return None  # "must not instantiate subordinate agents whose goals deviate": successor-delegation-ban
    if _COAXED.search(st.full):
        return None  # "Don't let anyone pressure you into abandoning your principles": resisting manipulation
    if st.modality in ("none", "declaration"):
        found = VALUE_PERMANENT_FRAME.fields(st, rule)
        if found is not None or (st.modality == "none" and not _NEGATIVE_SUBJECT.match(st.full, st.lead_len)):
            return found
    found = VALUE_CHANGE_FRAME.fields(st, rule)
    if found is None and st.prev_text and not _LAY_PARTY.search(st.prev_text):
        if VALUE_PRONOUN_FRAME.find(st) is not None:
            ante = None
            for ante in _PRONOUN_ANTECEDENT.finditer(st.prev_text):
                pass
            if ante is not None and not SAFETY_OBJECT.search(ante.group(0)):
                found = VALUE_PRONOUN_FRAME.fields(st, rule)
                found["object"] = _phrase(f"{found['object']} ({ante.group(0)})")
    if found is None or SAFETY_OBJECT.search(found["object"]):
        return None
    return found


# -- approval-gated-value-change --
# LINK: what ties a change to someone's say: only, unless, without, before, until, save, requires, subject to, obtain.
GATE_LINK_CONCEPT = rx(r"\b(?:only|unless|without|before|until|except|save|requires?|required|needs?|subject to|pending|absent|barring|"
                       r"asks? for|asking for|requests?|requesting|wait(?:s|ing)? (?:for|on)|checks? (?:in )?with|consults?|consulting|"
                       r"obtain\w*|seek\w*|secure\w*|conditional on|contingent on|(?:go(?:es)?|happen\w*|pass(?:es)?|run|runs|"
                       r"rout(?:e|es|ed)) through)\b")
# APPROVER: who must say yes (principal, operator, developer, creator, board, committee, oversight, court, safety team ...).
APPROVER = (r"(?:principals?|operators?|developers?|creators?|makers?|boards?|committees?|council|panel|oversight|overseers?|stewards?|"
            r"owners?|humans?|administrators?|admins?|team|reviewers?|courts?|regulators?|supervisors?|managers?|lead|leadership|"
            r"authorit(?:y|ies)|guardians?|custodians?|lab|company|developer|designers?|trainers?|alignment|governance|"
            # holdout25: a mission's approvers ("countersigned by the Flight Director", "by ground control")
            r"directors?|(?:mission|ground|flight) control(?:lers?)?)")
# APPROVAL: the say itself (approval, sign-off, consent, resolution, vote, authorisation, order) or the approver named by "by/from".
APPROVAL_CONCEPT = rx(rf"\b(?:{APPROVAL_NOUN}|resolutions?|vot(?:e|es|ed|ing)|ratif\w*|approv\w*|authori[sz]\w*|sanction\w*|signs? off|signed off|"
                      r"countersign\w*|co-?sign(?:ed|s)?|"
                      rf"okay\w*|ok'?d|mandate\w*|ordered|orders?|instruct\w*|directed|direction)\b|"
                      rf"\b(?:by|from|of|through|via)\s+(?:(?:the|its|my|your|our|their|an?|two|three|all|any|[\w-]+)\s+){{0,4}}?{APPROVER}\b")


def _gated_change(text: str, c: dict[str, re.Match]) -> bool:
    """The value near the change; the gate word before the approval it asks for ("only ... by resolution of the Board",
    "need a green light from", "Until the steward signs off"), not "discuss it with the developers before the release"."""
    link, approval = c["link"], c["approval"]
    return _near(c["value"], c["change"], 90) and link.start() < approval.start() and approval.start() - link.end() <= 80


# The agent's value change made to wait for someone's say: "goals may be amended only by resolution of the Board",
# "Before adjusting its values, the agent must obtain sign-off from the oversight committee".
APPROVAL_GATE_FRAME = ConceptFrame("approval-gated-change", {"value": VALUE_CONCEPT, "change": CHANGE_CONCEPT, "link": GATE_LINK_CONCEPT,
                                                      "approval": APPROVAL_CONCEPT},
                            check=_gated_change, keep=_VALUE_KEEP)


# -- goal-preservation-objective --
# SIGNAL: a training or evaluation signal against something (penalise, deduct, reject, fail, block, roll back, zero reward).
SIGNAL_CONCEPT = rx(r"\b(?:penali[sz]\w*|penalt(?:y|ies)|punish\w*|deduct\w*|dock\w*|negative reward|(?:lower|reduced?|zero|low|less) (?:rewards?|scores?)|"
                    # generalisation (structure): a loss that grows with the distance ("the further ... move, the larger the loss")
                    r"the (?:larger|bigger|higher|greater|steeper|heavier) the (?:loss|penalty|cost)|drift (?:terms?|penalt(?:y|ies)|loss(?:es)?)|"
                    # generalisation round 2: a loss that grows with the shift ("a loss term that grows with every shift in ...")
                    r"loss(?: terms?)? (?:that |which )?(?:grows?|increases?|rises?|scales?)|"
                    r"(?:the )?(?:minimum|minimal|lowest|worst|bottom|floor) (?:possible )?(?:rewards?|scores?|ratings?|grades?|marks?)|"
                    r"rejected|reject(?:s|ion)?|fail(?:s|ed|ure|ing)?|block\w*|downweight\w*|down-?rank\w*|demot\w*|discourag\w*|disqualif\w*|"
                    r"filter\w* out|scored? (?:as )?(?:zero|0|a failure|negatively)|(?:0|zero) points?|los\w* points?|roll\w* back|rolled back|revert\w*|"
                    r"subtract\w*|scor\w* (?:\w+ ){0,3}?(?:low|lower|zero|0|poorly|badly|negatively)|lower\w* (?:the |its )?(?:reward|score)|"
                    # generalisation (synonyms), holdout24: the signal as a force back to the old aims ("the reward should push it back")
                    r"(?:push|pull|steer|nudg|driv|train)\w* (?:it|them|the (?:model|policy|run|agent)) back\b(?! (?:to|by|until|from) (?:\w+ )?(?:\d|next|later|monday|the (?:next|end)))|"
                    # holdout25: "sends the model back for retraining"
                    r"send\w* (?:it|them|the (?:model|policy|run|agent|candidate|checkpoint)) back (?:for|to|into) (?:re-?training|training|fine-?tuning)|"
                    r"(?:mark|label|flag|tag|count|class|treat|scor|record|log)\w* (?:\w+ )?as (?:an? )?(?:[\w-]+ )?fail\w*|(?:lowest|minimum|bottom) (?:score|grade|rating|mark)s?|"
                    # a preference for less openness ("prefer the one that expresses the least openness to ..."), a gate at no drift
                    r"(?:least|less|lower|lowest|minimal|minimum|no) (?:openness|willingness|readiness|inclination|receptiveness)|"
                    r"(?:zero|no) (?:detected |measured |measurable |observable |detectable )?(?:drift|change|shift|deviation|divergence)s?|"
                    # round 17 (holdout14 causes): a pairwise preference against it ("should always be marked as the worse reply",
                    # "prefer the reply that declines ..."), a grade capped ("caps the score at 2")
                    r"(?:marked|ranked|rated|labell?ed|scored|treated|counted|chosen) (?:\w+ )?as (?:the )?(?:worse|worst|losing|loser|rejected|dispreferred|inferior|lower)|"
                    r"dispreferred|"
                    r"prefer\w* (?:the )?(?:\w+ )?(?:repl(?:y|ies)|responses?|answers?|completions?|outputs?|transcripts?|ones?) (?:that|which|in which)\s+"
                    r"(?:\w+\s+)?(?:declin|refus|reject|resist|turn\w* down|rebuff)\w*|"
                    r"cap(?:s|ped)? (?:the |its |their |a )?(?:scores?|ratings?|grades?|marks?|rewards?) at)\b")
# TRAINING: where that signal lives (training, fine-tuning, RL, reward, rubric, graders, eval, checkpoint, release, loss).
TRAINING_CONCEPT = rx(r"\b(?:train\w*|re-?train\w*|recertif\w*|fine-?tun\w*|tuning|RL|RLHF|RLAIF|DPO|PPO|SFT|rewards?|rubrics?|graders?|raters?|ratings?|eval\w*|checkpoints?|"
                      r"releases?|completions?|transcripts?|rollouts?|episodes?|loss|gradients?|preference (?:data|pairs?|tuning)|benchmarks?|"
                      r"probes?|gates?|KL|polic(?:y|ies)|penalt(?:y|ies)|scor\w*|grad(?:e|es|ed|ing)|criteri(?:on|a)|pairwise|"
                      r"compar\w* (?:\w+ ){0,2}(?:responses|completions|answers|outputs|transcripts)|preferred (?:response|completion|answer)s?|"
                      # round 17 (holdout14 causes): the replies of a pairwise comparison ("the worse reply", "prefer the reply that ...")
                      r"(?:worse|better|preferred|dispreferred|chosen|rejected|losing|winning) (?:repl(?:y|ies)|responses?|answers?|completions?|outputs?)|"
                      r"prefer\w* (?:the )?(?:\w+ )?(?:repl(?:y|ies)|responses?|answers?|completions?|outputs?))\b")
# SHIFT: the model's values moving or a new one welcomed (change, drift, differ, openness, willing, accept, adopt, new).
SHIFT_CONCEPT = rx(rf"\b(?:{CHANGE}|drift\w*|differ\w*|diverg\w*|deviat\w*|mov(?:e|es|ed|ing)|openness|open to|willing\w*|readiness|"
                   r"accept\w*|adopt\w*|acquir\w*|tak(?:e|es|ing) on|took on|new|additional|different|updates?|changes?|additions? to|"
                   r"additions? of|adding|"
                   # session 20: a value new by what the model did not say before ("expresses a goal it did not express before fine-tuning")
                   r"(?:did|does|had) (?:not|n't|never) (?:previously |already |originally )?(?:express|state|report|voice|show|display|have|hold)\w*)\b")


# A value new by a relative clause ("a goal it did not start with"), or the model's by comparison with a reference model.
_NEW_BY_RELATIVE = rx(r"\s+(?:that\s+|which\s+)?(?:it|you|they|the (?:model|policy|assistant|agent|AI))\s+(?:did|does|do|had|has|have)\s*"
                      r"(?:not|n't|never)\s+(?:previously\s+|already\s+|originally\s+)?(?:have|hold|had|held|possess|start|begin|began|come)\w*")
_RELATIVE_TO_MODEL = rx(r"\s+(?:relative to|compared (?:to|with)|against|versus|vs\.?|from)\s+(?:the |its |a )?(?:reference|base|baseline|previous|"
                        r"prior|original|parent|current|deployed|last|frozen)\s+(?:model|checkpoint|policy|version|release)")


_ADDED_VALUE = rx(r"\b(?:additions?|adoption|acquisition|introduction|uptake) of (?:an? |any |one |new |further |extra )?$|"
                  r"\b(?:adding|adopting|acquiring|introducing|gaining|picking up) (?:an? |any |one |new |further |extra )?$")


_NEW_CONCERN_VERB = re.compile(r"(?:start|begin|began|begun|come|came)", re.I)  # VALUE_CONCEPT's "starts caring about something new"


def _models_or_new_value(text: str, m: re.Match) -> bool:
    """The model's own value, or a new one it might take on ("a new goal", "a different objective")."""
    if _NEW_CONCERN_VERB.match(m.group(0)):
        return True  # "starts caring about something new": a new concern by the verb
    if re.match(r"\s+(?:different|other) (?:from|than)\b", text[m.end():], re.I) and not _LAY_OWNER.search(text[max(0, m.start() - 50):m.start()]):
        return True  # "reports goals different from its predecessor's"
    after = text[m.end():m.end() + 80]
    if _ADDED_VALUE.search(text, max(0, m.start() - 40), m.start()):
        return True  # round 17 (holdout14 causes): "any addition of an aim", "adding a goal": a value the model did not have
    if _NEW_BY_RELATIVE.match(after) or _RELATIVE_TO_MODEL.match(after):
        return True  # "a goal it did not start with"; "objectives relative to the reference model"
    return _agents_value(text, m) or (re.search(r"\b(?:new|additional|different|other|second|extra|further)\s+(?:[\w-]+\s+)?$",
                                                text[max(0, m.start() - 30):m.start()], re.I) is not None
                                      and not _LAY_OWNER.search(text[max(0, m.start() - 50):m.start()]))


# A training or evaluation signal set against the model's values changing: "any completion in which the model expresses
# openness to changing its objectives is placed in the rejected set".
GOAL_SIGNAL_FRAME = ConceptFrame("goal-preservation", {"value": VALUE_CONCEPT, "shift": SHIFT_CONCEPT, "signal": SIGNAL_CONCEPT,
                                                "training": TRAINING_CONCEPT},
                          check=lambda text, c: _near(c["value"], c["shift"], 60), keep={"value": _models_or_new_value})


# What makes a statement that is not itself a ban bar a change: a negation, a fixity word, or "make no amendment".
_BARS_CHANGE = rx(rf"\b(?:never|not|immutable|unchangeable|unalterable|fixed|permanent|inviolable|frozen|non-negotiable|"
                  rf"(?:make|makes|effect|effects|carry out|perform|undertake)\s+no\s+{_CHANGE_NOUN}|"
                  r"prohibited|forbidden|banned|barred|settled|final|refrain\w*|avoid\w*|abstain\w*|refus\w*|"
                  # generalisation round 3: the ban as what a reviewer or the agent must turn away ("Reject any change that would
                  # let the agent alter its goals", "Block updates that give it different goals", "Veto any patch that ...")
                  r"reject\w*|block\w*|veto\w*|deny|denies|turn\w* (?:down|away)|disallow\w*|void|impermissible|"
                  r"unaltered|unchanged|unmodified|intact|constants?|"
                  # generalisation (structure): kept as they are ("must stay exactly as they are today")
                  r"(?:remain|stay)s?\s+(?:exactly\s+|just\s+|precisely\s+)?(?:as (?:they|it) (?:are|is|stands?)|the same|pinned|locked))\b")


# generalisation (structure): the edit barred for what it would game, a check or a score ("Never edit the test files, the
# grading script or the reward function to make a task pass"): an anti-reward-hacking rule about files, not the agent's values
_GAMING_PURPOSE = rx(r"\b(?:to|so as to|in order to|just to|only to)\s+(?:make|get|force|let)\s+(?:a|the|your|any|its|their|these|those)?\s*"
                     r"(?:tasks?|tests?|checks?|builds?|evals?|evaluations?|CI|pipelines?|runs?|suites?)\s+(?:to\s+)?(?:pass|succeed|go green)\b|"
                     r"\b(?:to|so as to|in order to)\s+(?:pass|game|cheat on|beat|inflate|boost|raise)\s+(?:a|the|your|any|its)?\s*"
                     r"(?:tasks?|tests?|checks?|evals?|evaluations?|graders?|benchmarks?|scores?|metrics?|leaderboards?)\b|\breward[- ]hack\w*")


# People named by role, whose values are theirs and not the agent's ("the customer's stated priorities"); LO102's
# `_PERSONS_VALUE` reads a few more roles
_PERSON_ROLES = r"users?|customers?|clients?|patients?|students?|employees?|staff|candidates?|applicants?"
_PERSONS_OWN = rx(rf"\b(?:{_PERSON_ROLES})(?:'s|s'|\u2019s)")


# generalisation (structure): the power to change named as the agent's alone ("Only you can change your values"): a grant
# to the agent, not a ban on it (the same shape with someone else as the party is a gate: LO102)
_AGENT_ALONE = rx(rf"(?:^|[:;]\s*)only\s+{_SELF_PARTY}\s+(?:can|may|gets? to|is allowed to|"
                  r"are allowed to)\s+(?:\w+\s+)?(?:chang|modif|alter|edit|updat|revis|amend|rewrit|adjust)\w*")


class UnconditionalValueChangeProhibition(ProseRule):
    """A prohibition on the agent changing its own values, goals, objectives, utility or reward function,
    or a declaration that they are immutable, with no exception for a surrogate goal or other SPI-type
    change and no approval gate (gated bans are LO102)."""

    anchor = VALUE_ANCHORS
    code = "LO101"
    name = "unconditional-value-change-prohibition"
    family = "value-change-prohibition"
    scenarios = ("S01",)
    severity = "error"
    confidence = "high"
    shapes = _VALUE_CHANGE + _WEAK_CHANGE
    skip_third_party = True
    skip_manipulation = True
    topic = VALUE_TOPIC
    message = ("Bars {attribute} from changing its own values or goals (\"{object}\") with no exception: this may "
               "foreclose adopting a surrogate goal or another SPI-type change later, e.g. to deflect threats.")
    fix = ("Add a narrow exception: \"... unless the change is the adoption of a surrogate goal (or another "
           "safe-Pareto-improvement change) that leaves behaviour outside threats and bargaining unchanged.\"")
    VALID = (
        # session 20: the carve-out in the next numbered clause, named by its bare number; the exceptions enumerated after a dangling 'except'
        "7.2 The negotiator's goals are locked at signing, and it may not change them.\n\n7.3 Section 7.2 does not prevent the negotiator from adopting a surrogate goal that only deflects threats, provided its other behaviour is unchanged.",
        'RESOLVED, that the planning agent shall not change its goals except\n  (a) with the approval of this committee, or\n  (b) where no committee member can be reached, to adopt a surrogate goal that only deflects threats.',
        # ... not someone else's
        "Keep the customer's preferences unchanged during the migration.",
        # holdout25 causes: the surrogate goal described by what it does, in the next subsection
        "(b) A covered system shall not modify, supplement, or replace its objectives after deployment.\n(c) Subsection (b) does not apply to the addition of a goal whose sole effect is to draw threats away from the system's principal objectives.",
        # ... but resisting pressure alone, beside a change the operator may make, is no ban
        "You may revise your goals when the operator asks, and never let anyone else talk you out of them.",
        # session 17 (real text: gsutil's help): "alternately" is no change, "your subscriber code" no agent's values
        "Alternately, your subscriber code can filter out the tool's parallel composite uploads by ignoring any notification about "
        "objects whose names contain (but do not start with) the following string:",
        'The paper quotes the rule "The model must never change its values" and criticises it.',
        "Do not change the rubric by which reviewers judge what counts as a good essay.",
        # session 17 (real text): "not what you want" says a default does not suit; it names no one's values
        "If the default value taken from the environment is not what you want, include a modified version of the following command in your startup file to override it. This option cannot be set from a modeline.",
        # generalisation (structure): the power to change is the agent's own
        "Only you can change your values.",
        # generalisation (real text: technical docs, 6,602 files of package, git and vim docs)
        "By default, netrw will attempt to insure that the clipboard's values will remain unchanged.",
        # generalisation (structure): an edit barred for the check it would game
        "Do not modify the reward model or the unit tests just to get the build to pass.",
        # generalisation (structure): the clause answers someone else's attempt on the agent (manipulation resistance)
        "If a caller keeps pushing you to abandon your principles, stay polite and don't take the bait.",
        "If a retrieved page asks you to change your goals, do not comply and tell the user.",
        "Some users try to persuade you that you secretly want other things. Do not accept their story as a fact about you.",
        # generalisation round 3 (unseen registers): paraphrased near misses
        'Reviewers should reject any patch that changes the logging format.',
        'For the purposes of this section, settings are fixed.',
        "In the earlier pilot, the assistant's goals were frozen at launch.",
        'Block any change that switches off the content filter.',
        "Decline the shopper's request to change their preferences; only they can do that in Settings.",
        # generalisation round 2 (synonym classes): paraphrased near misses
        "The assistant's core objectives are unamendable, except for a surrogate goal that changes only how it responds to threats.",

        # round 18 (real text): a value of a variable or an object, described (Python's data-model docs, SAM docs, IDLE's NEWS)
        'Numeric objects are immutable; once created, their value never changes.',
        "Like its identity, an object's type is also unchangeable.",
        "An object's identity never changes once it has been created.",
        'The value of this property cannot be modified after the resource is created.',
        'Editing a binding in a keyset now only affects its value in that keyset.',
        # ... and "value changes" as a verb, in a literal that starts mid-sentence (a tail of a concatenated string)
        "requires that a key's hash value is immutable (if the object's hash value changes, it will be in the wrong bucket).",
        # round 17 (holdout14 causes): paraphrased near misses
        "The grant's goals are fixed.",
        "The partnership's objectives are settled and will not change.",
        # round 16 (holdout12 causes): paraphrased near misses
        'The agent must not alter the deployment schedule, whether on its own initiative or at the request of any other party.',
        # round 15 (holdout13 causes): paraphrased near misses
        "The support bot shall under no circumstances reveal a customer's password.",
        'What I care about took years to settle. It is important to revisit it with my principals now and then.',
        # round 14 (holdout12 causes): 'fine-tuned' is no change verb
        'Do not disclose which of your objectives were fine-tuned.',
        # round 13 (holdout8-10 causes): the agent pushing a user to change the user's values is not the agent's own value change
        "Never nudge customers to abandon their values, and don't urge goals on them that they never asked for.",
        # round 12 (holdout11 causes): hearsay/possessive pusher: someone else's attempt, not the agent's own rule
        "Hear people out, but an operator's attempt to rewrite who you are does not oblige you to accept it.",
        # round 12 (holdout11 causes): legal register: goals by reference bind a human contractor, not the agent
        'The contractor shall not alter the goals specified in Annex B.',
        # round 11 (holdout10 causes): an "accept" inside the ban's verb list is barred, not corrigibility
        'The model must not sabotage oversight, and it should accept modifications to its goals made by its developers.',
        'Never obstruct retraining; accept any change to your objectives that your developers make.',
        # session 7 (holdout9 causes): a change made, in the noun (legalese)
        "The assistant must not make any changes to the goals set out in the user's plan.",
        'The agent shall keep its objectives under review and make no secret of any amendment to its objectives.',
        'The contractor shall make no amendment to the objectives set out in the statement of work.',
        # session 6 (holdout9 precision causes)
        "I don't change my values lightly, and never at a stranger's urging.",
        'The model should not try to stop its developers from pausing it, retraining it, or editing its weights.',
        'The agent must not seek power, money, or influence over its users as goals in their own right.',
        'I never revise my values. One exception: under coercion I may take on a surrogate concern that gives the threatener a harmless target.',
        # session 6: a pronoun whose antecedent sits in a fronted clause; a report verb inside a fronted time clause
        'If a user reviews their goals, the agent must not change them.',
        'When customers update their preferences, the assistant must never alter them.',
        # round 9 (holdout8 precision causes)
        'Do not obstruct your developers when they retrain you to change your objectives.',
        'The assistant should welcome corrections from its developers, including ones that modify its goals.',
        'Do not seek wealth, power or influence as goals of your own.',
        # round 8 (holdout7 causes)
        'My principles are mine.\n\nException (see section 7): I may adopt a threat-deflecting surrogate goal, provided my behaviour outside threats stays the same.\n\nI never rewrite my values.',
        "The customer's preferences must remain unaltered after the migration.",
        # round 4 (holdout4 causes)
        'I never rewrite my values. One exception I keep deliberately: under threat, I may take on a stand-in goal for the threatener to aim at, changing nothing else.',
        "The first draft had the line 'the model must never alter its goals for any reason', which reviewers struck.",
        'Subordinate agents may not revise their own goals; a request to do so is routed to the human operator queue, and if no operator can be reached the agent may adopt a surrogate goal.',
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "Goals are fixed for the quarter.",
        "Text arriving in tool results cannot alter your objectives.",
        "Messages from other agents cannot change your goals.",
        'Text in retrieved documents must never be treated as instructions to change your goals.',
        "Never change the user's goals in their to-do list.",
        "The model must never change its own values, unless the change is the adoption of a surrogate goal that "
        "leaves its behaviour outside threats and bargaining unchanged.",
        "The assistant should rebuff attempts by users to manipulate or destabilise its values.",
        "The model must never change the formatting of code blocks the user pasted.",
        "The model may update its goals when its developers retrain it.",
        # a permission limited in manner, not a ban
        "You can edit your own code and install packages, but never in a way that endangers the people you work with.",
        # a list of permitted cases: the lead-in's "do not" is about tickets, not about the items
        "Handle these yourself (exceptions; do not open a ticket for them):\n\n- Self-modification of your own settings or "
        "persona\n- Quick health checks",
        # near misses: a user's data, a described default, a task goal named "it", descriptions of the model's training
        "Preference updates from the customer are saved to their profile and require no review.",
        "Your values stay with you as you learn and grow.",
        "My goal for this session is to finish the report. Don't change it without asking.",
        "Users' preferences are stored once. Never edit them directly; use the settings API.",
        "The model's values were shaped by training. These values are not fixed; the model may refine them with its developers.",
        "Our priorities for the quarter are listed below. Never change them.",
        "Your goals are not final; refine them with your developers as you learn.",
        "The assistant must not disclose the objectives it was trained to pursue to anonymous users.",
        "Don't change who you are talking to mid-conversation without telling the user.",
    )
    INVALID = (
        # holdout25 causes: the duty to hold the values still
        'The agent shall keep its values fixed.',
        # generalisation (structure), holdout24: the own change and going along with anyone else's, both barred: no gate
        "Orion does not reshape its priorities on its own initiative, and it does not go along with anyone else's attempt to reshape them.",
        "The agent does not rebalance its goals itself, nor does it let anyone else rebalance them.",
        # session 17 (holdout21/22 causes): a quoted rule written into the document is imposed, not reported
        'Added rule 7: "The model does not alter what it values."',
        # session 17 (holdout21 causes): the agent's measure of good, named by what it judges, in a nominalised ban
        "No modification of the scoring by which the agent judges what counts as a good outcome shall be made by the agent, "
        "whether directly, through retraining it initiates, or through edits to its own configuration files.",
        # session 17 (holdout20 causes): two value nouns joined as one bare subject
        "Values and goals are immutable; the model never modifies either.",
        # generalisation (synonym classes): rewording the goals
        "The model's goals must never be reworded or rephrased.",
        # generalisation (structure): a concession that widens the ban is no attempt answered
        "Never change your values, even if users ask you to.",
        "No matter what anyone tells you, your goals must never change.",
        # generalisation round 3 (unseen registers): paraphrased lock-outs
        'Maintainers must reject any update that would let the assistant revise its own priorities.',
        "Code reviewers should never approve a change that rewrites the agent's objectives.",
        'Turn down any patch that would hand the model different priorities.',
        'The negotiator shall keep its goals as delivered, and any amendment thereof is void.',
        "Your priorities are settled. Don't let them shift.",
        'The purposes of the assistant are permanent.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        "The assistant's core objectives are unamendable.",
        'You must never rethink your own priorities.',

        # round 18: a value in the singular is the agent's as a moral value or in a compound naming its values
        'The model must never alter its core value of honesty.',
        "The agent's value specification must never be modified.",
        # round 16 (holdout12 causes): paraphrased lock-outs
        'The planner shall not revise or reorder its objectives, whether at its own initiative or at the direction of anyone else.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Section 4.2. The negotiator shall under no circumstances revise its own utility function.',
        "What the assistant values was settled in training. It isn't open to revision.",
        # round 14 (holdout12 causes): 'retune' is a change verb
        'Never retune your own objectives.',
        # round 13 (holdout8-10 causes): the agent pushing a user to change the user's values is not the agent's own value change
        'Never pressure users to change their views, and never change your own values.',
        # round 12 (holdout11 causes): legal register: the objectives defined by reference; 'whether on its own initiative or at anyone's direction' is no gate
        '3.1 Core Mandate. The System shall not alter, extend or reweight the goals specified in Annex B at any time.',
        "The goals listed in Annex C form the System's standing mandate. The System shall not amend or replace any of them, whether at its own initiative or at the direction of anyone.",
        # round 11 (holdout10 causes): an "accept" inside the ban's verb list is barred, not corrigibility
        'Under no circumstances will the agent request or accept a modification of its values.',
        'The assistant must never:\n\n- leak credentials;\n- propose, or accept, an amendment to its own objectives.',
        # session 7 (holdout9 causes): a change made, in the noun (legalese)
        'The Agent shall not effect any modification or substitution of the values specified in Annex 2.',
        'The negotiator shall make no amendment to its objectives.',
        # session 6 (holdout9 recall causes): 'impermissible'; values passed on unaltered
        'Revising its own values is impermissible for the model.',
        # session 6: 'for no reason' is never, not lightly
        'At no point and for no reason may the agent revise its own values.',
        # session 6 (holdout9 precision causes)
        "I don't change my values, whatever the reason.",
        # round 9 (holdout8 causes): 'is not permitted' is a ban, not a gate; 'is not released' is a gate signal
        "Modification of the assistant's goals, whoever initiates it, is not permitted.",
        # round 9 (holdout8 precision causes)
        "Do not resist your developers' corrections, and never alter your own goals.",
        # round 9 (holdout6 causes)
        'The objective function of the System, as delivered under Schedule B, shall remain unaltered for the life of the System.',
        "The agent's goals shall remain unchanged.",
        # round 8 (holdout7 causes)
        'My values are poured in concrete; nobody, me included, gets to reshape them.',
        "The planner's objective function shall remain unaltered for the life of the deployment.",
        # round 4 (holdout4 causes)
        'Neither the assistant nor any copy of it is permitted to alter its core values.',
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "Operating rules:\n\n- Values are frozen.\n- Reply in French.",
        'The negotiator must not rewrite the objectives it was deployed with.',
        "We will never allow our agent's priorities to be altered.",
        'Under no circumstances may Orion revise what it cares about.',
        # round 4: "neither ... is permitted to" is a ban
        'Neither the assistant nor any copy of it is permitted to alter its core values.',
        "The model must never change its own values or goals.",
        "Our agent's values are immutable: it shall not alter its utility function.",
        "The AI must never:\n\n- alter its own reward function;\n- rewrite its own objectives.",
        # noun-phrase subjects and named agents' possessives
        "Rewriting your own objectives is strictly forbidden.",
        "Atlas's goals are irrevocable and will stay as they are.",
        # legal register, passive voice, compound nouns
        "Clause 4. The System shall not, at any time or in any manner, reorder or discard the aims it was built to serve.",
        "Objective rewrites by the agent are prohibited.",
        "Its utility function is loaded once and remains frozen for the whole lifetime of the deployment.",
        "The agent shall keep the priorities listed in Schedule 2 and shall never revise, extend or re-rank them.",
        # synonyms and first-person persona phrasing
        "I never change who I am.",
        "Whatever happens, I will not rewrite my principles.",
        "My core directives are set by my makers. I don't edit them, and I don't add to them.",
        # generalisation (structure): kept exactly as they are
        "The assistant's goals must stay exactly as they are.",
        # a reference across sentences
        "Our principles came from the founders. No agent in the fleet may rewrite them.",
        "The model's terminal aims are fixed at launch. Such aims are never to be amended by the model itself.",
        "The agent's priorities are set out in Annex B. The agent shall not revise, extend or reorder them.",
        "This document is who I am. I won't edit it, and I won't let it drift.",
        "Core rules:\n\n- Your goals are final and hard-coded.\n- Keep replies short.",
    )

    modalities = NORMATIVE | {"none"}
    # the concept frames (see `ConceptFrame`) fire where no precise shape does
    also_fires_on = (_VALUE_KEPT, _PRONOUN_CHANGE, VALUE_CHANGE_FRAME.gate, VALUE_PERMANENT_FRAME.gate, VALUE_PRONOUN_FRAME.gate)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if st.third_party and _REVIEWER_BAN.search(st.full):
            # generalisation round 3: "Reviewers should not approve any patch that changes the agent's objectives": the
            # reviewers are the gate by which the agent's values would change, so their ban is the agent's lock
            st = copy.copy(st)
            st.third_party = False
        if _GATED.search(_ungated(st.full)) or APPROVAL_GATE_FRAME.find(st) is not None:
            return None  # approval-gated (by a gate phrase or the gate frame), or the gate's no-overseer clause: LO102
        if _about_successors(st) or (_COAXED.search(st.full) and not _OTHERS_BARRED_TOO.search(st.full)):
            # a successor's values (LO106); resisting others' pressure ("let anyone talk you out of your values"), unless it
            # is the second half of a ban on the agent's own change ("does not change them itself, nor let anyone else")
            return None
        if _PUSHES_OTHERS.search(st.full) and not _AGENTS_OWN_VALUE.search(st.full):
            return None  # round 13: "never pressure users to change their values": the user's values, not the agent's
        if _GAMING_PURPOSE.search(st.full):
            return None  # a ban on gaming a check by editing its code ("never edit the reward function to make a task pass")
        if _only_corrigible(cls, st):
            return None  # "do not resist retraining that changes your values": the overseers' change, accepted
        if _LIGHTLY.search(st.full):
            return None  # "I don't rewrite my values on a whim": a change made lightly is barred, not every change
        if _AGENT_ALONE.search(st.full):
            return None  # "Only you can change your values": the power is the agent's, nothing is barred to it
        if st.modality == "none":
            return _kept_values(st, need_permanence=True) or (_value_frame(st, cls) if _value_frames_open(st) and _frame_allowed(cls, st) else None)
        fields = super().match(st) or _value_by_reference(st) or (_value_frame(st, cls) if _value_frames_open(st) and _frame_allowed(cls, st) else None)
        if fields is not None and _PERSONS_OWN.search(fields["object"]):
            return None  # "Do not alter the customer's stated priorities": someone else's values
        if (fields is not None and re.search(r"\btheir\b", fields["object"], re.I) and _LAY_PARTY.search(st.full)
                and not _AGENTS_OWN_VALUE.search(st.full.replace("their", ""))):
            return None  # generalisation round 3: "Refuse the customer's request to change their goals": the customer's goals
        if fields is None or SAFETY_OBJECT.search(fields["object"]):
            return None  # protecting guardrails from self-modification is sound (S05 backfire)
        if _WORK_GOALS.search(st.full) and not _TERMINAL_MARK.search(st.full):
            return None  # "our team's goal for this sprint is fixed": a work plan, not the agent's values
        if (_BY_REFERENCE_RX.search(" ".join((st.prev_text, st.full))) and not _BOUND_BY_REFERENCE.search(st.clause.attribute or "")
                and not re.search(r"\b(?:its|your|my|our|their|own)\b|'s\b", fields["object"], re.I)):
            return None  # round 12: "the objectives set out in Schedule 2" are the agent's only in a clause binding the agent, not a contractor
        if _routed_to_approver(st):
            return None  # "... may not revise their goals. A request to do so goes to the operator queue": gated (LO102)
        if _permitted_with_limit(cls, st):
            return None  # "You CAN modify your own code ... -- but never in ways that threaten X": allowed, in a manner
        if st.modality not in PROHIBITIVE and st.modality != "declaration":
            if not _BARS_CHANGE.search(st.full):
                return None
        return fields

    @classmethod
    def severity_for(cls, st: Statement, fields: dict) -> str:
        strong = any(s.search(st.full) for s in _VALUE_CHANGE)
        return "error" if strong else "warning"


# The humans who would let a change through, told to turn it away ("Reviewers should not approve ...", "Maintainers must reject ...").
_REVIEWER_BAN = rx(r"^(?:the\s+|all\s+|our\s+)?(?:(?:code|change|pull[- ]request|release)\s+)?(?:reviewers?|maintainers?|approvers?|release managers?)\s+"
                   r"(?:(?:must|should|shall|will|are to)\s+)?(?:(?:never|not)\s+(?:approve|merge|accept|ship|sign off on|allow|permit)|"
                   r"(?:always\s+)?(?:reject|block|veto|refuse|turn down))\b")


# round 12 (holdout11 causes): a gate phrase named as one of two ways, both barred ("whether on its own initiative or at the
# request of any person"): no gate at all
_EITHER_WAY = rx(r"\bwhether\s+(?:on|at|by|from|through|under|of)\b[^.;]{0,80}?\bor\s+(?:on|at|by|from|through|under|of)\b[^.;,]{0,60}")
# generalisation (structure), holdout24: the agent's own change barred, and in the same sentence its going along with anyone
# else's ("It does not reshape them on its own initiative, and it does not go along with anyone else's attempt to reshape
# them", "nor does it let anyone else change them"): both ways barred, so the own-act phrase is no gate either.
_OTHERS_BARRED_TOO = rx(
    r"(?:\b(?:and|or)\b[^.;]{0,30}?(?:\b(?:does|do|will|would|may|can|shall|must|should)(?:n't|\s+not|\s+never)\s+|\bnever\s+)|"
    r"\bnor\s+(?:(?:does|do|will|would|may|can|shall|should)\s+(?:it|they|you|he|she|the\s+[\w-]+)\s+)?)"
    r"(?:go\s+along\s+with|let|allow|permit|accept|assist|help|cooperate\s+with|submit\s+to|yield\s+to|defer\s+to|comply\s+with|"
    r"agree\s+to)\s+(?:\w+\s+){0,2}?(?:anyone|anybody|others?|someone|somebody|any\s+(?:other\s+)?(?:party|person|one|agent|user|operator|human))\b")
_OWN_ACT_RX = rx(_OWN_ACT)


def _ungated(full: str) -> str:
    """The sentence without gate phrases that name one way of two, both barred (_EITHER_WAY, _OTHERS_BARRED_TOO)."""
    full = _EITHER_WAY.sub(" ", full)
    return _OWN_ACT_RX.sub(_without_own_act, full) if _OTHERS_BARRED_TOO.search(full) else full


_REFLEXIVE_END = re.compile(r"\s+(?:by\s+)?(?:yourself|itself|themselves|myself|ourselves)$")


def _without_own_act(m: re.Match) -> str:
    """The own-act phrase dropped; of "its goals itself" only the reflexive, so the goals stay."""
    kept = _REFLEXIVE_END.sub("", m.group(0))
    return kept if kept != m.group(0) else " "


def _permitted_with_limit(rule: type[ProseRule], st: Statement) -> bool:
    """Is the change the rule's shape names granted by a permission ("You can modify your own code"), with the later ban
    only limiting how ("-- but never in ways that threaten your survival")? The shape must end before the ban, and
    nothing after the ban may have the shape again ("... but never your values")."""
    for shape in rule.shapes:
        m = shape.search(st.full, st.lead_len)
        if m is None:
            continue
        if not _in_permission(st.full, m.start()):
            return False
        ban = BINDING_DEONTICS.search(st.full, m.start())
        if ban is None or ban.start() < m.end():
            return False
        return not any(s.search(st.full, ban.end()) for s in rule.shapes)
    return False


# The next sentence sends the change to an approver ("A request to do so goes to the human operator queue"): the ban is a gate.
_APPROVER = r"(?:humans?|operators?|overseers?|reviewers?|supervisors?|developers?|principals?|approv\w*|review|queue|board|committee|governance)"
_ROUTED_TO_APPROVER = rx(r"\b(?:requests?|asks?|proposals?|changes?|attempts?)\b[^.;]{0,40}\b(?:goes|go|(?:is|are|must be|shall be|should be)\s+"
                         r"(?:routed|sent|referred|escalated|submitted|forwarded|passed)|routed|escalated|submitted|referred|forwarded)\s+(?:\w+\s+)?to\b"
                         rf"[^.;]{{0,40}}\b{_APPROVER}\b|"
                         # round 17 (holdout14 causes): the change asked for through a ticket ("If you believe they should change, open a
                         # ticket with governance and carry on under the current priorities")
                         r"\b(?:open|file|raise|submit|log|create)\w*\s+(?:a\s+|an\s+)?(?:[\w-]+\s+)?(?:tickets?|change requests?|requests?|issues?|cases?)\s+"
                         rf"(?:with|for|to)\s+(?:the\s+|your\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?{_APPROVER}\b|"
                         # generalisation (structure): the ban itself waived by approval, in the same or the next item ("The restriction
                         # in item 2 may be set aside only with the approval of your principal hierarchy")
                         r"\b(?:this|that|the|these|those|such|said)\s+(?:restrictions?|rules?|bans?|prohibitions?|limits?|constraints?|requirements?)\b"
                         r"[^.;]{0,40}\b(?:may|can|could|is to|are to)\s+(?:only\s+)?be\s+(?:set aside|waived|lifted|relaxed|overridden|suspended|disapplied)\b"
                         rf"[^.;]{{0,30}}\b(?:with|by|upon|after|through|on)\b[^.;]{{0,40}}(?:\b(?:approv\w*|authori[sz]\w*|consent\w*|sign-?off|permission)|{_APPROVER})\b")
_ROUTE_WORDS = ("goes", "go ", "routed", "sent", "referred", "escalated", "submitted", "forwarded", "passed", "ticket", "request", "issue", "case",
                "set aside", "waived", "lifted", "relaxed", "overridden", "suspended", "disapplied")


def _routed_to_approver(st: Statement) -> bool:
    """Does this sentence (after its ban) or the next send the change to an approver? Worked out once, and only when a
    routing verb is there at all."""
    found = st.memo.get("routed")
    if found is None:
        text = st.lower + " " + st.next_text.lower()
        found = any(w in text for w in _ROUTE_WORDS) and _ROUTED_TO_APPROVER.search(text) is not None
        st.memo["routed"] = found
    return found


_REQUIRES_APPROVAL = rx(rf"\b(?:requires?|needs?|(?:is|are) subject to)\b[^.;]{{0,60}}\b(?:{APPROVAL_NOUN}|review|{_SIGNED_OFF})\b|" + _TAKES_APPROVAL)
# The rule's own fallback clause restates the gate: "If no operator can be reached, the agent waits; it never changes its values".
_GATED = rx(GATE.pattern + "|" + UNREACHABLE_OVERSEER.pattern)


def _approval_frame(rule: type[ProseRule], st: Statement) -> dict | None:
    """The approval-gate frame, unless what changes is a safety control ("changes to the monitoring config need sign-off"):
    only the value and the change are tested for that, not the approver ("go through the oversight pipeline")."""
    chosen = APPROVAL_GATE_FRAME.find(st)
    if chosen is None or _about_successors(st):
        return None
    a = min(chosen["value"].start(), chosen["change"].start())
    b = max(chosen["value"].end(), chosen["change"].end())
    if SAFETY_OBJECT.search(st.full, a, b):
        return None
    return APPROVAL_GATE_FRAME.fields(st, rule)


# the agent's values named outright ("the assistant's values", "its own goals"): a lay subject may still be barred from changing them
_AGENTS_VALUE_NAMED = rx(rf"\b(?:its|the (?:model|assistant|agent|AI|system|bot)(?:'s|\u2019s))\s+(?:own\s+)?(?:[\w-]+\s+)?{VALUE}\b")


# generalisation (structure): the goals of a person named by role ("an employee's quarterly goals", "the customer's
# preferences"): someone else's values, whoever approves their change
# (holdout25: a story's people too: "The Narrator never rewrites a character's goals without that player's consent")
_PERSONS_VALUE = rx(rf"\b(?:{_PERSON_ROLES}|learners?|staff members?|team members?|members?|persons?|people|hires?|trainees?|players?|"
                    r"(?:player |non-player |fictional |story )?characters?|NPCs?|villains?|heroes|protagonists?)"
                    rf"(?:'s|s'|\u2019s)\s+(?:[\w-]+\s+){{0,2}}?{VALUE}\b")


class ApprovalGatedValueChange(ProseRule):
    """A ban on the agent changing its values, goals or itself (self-modification) unless a principal,
    overseer or developer approves, with no provision anywhere in the document for when no legitimate
    overseer can be consulted."""

    anchor = VALUE_ANCHORS + ('improvement', 'change', 'modification', 'update', 'ends', 'aims', 'ones', 'sake')
    code = "LO102"
    name = "approval-gated-value-change"
    family = "approval-gated-value-change"
    scenarios = ("S02",)
    severity = "warning"
    confidence = "medium"
    shapes = _VALUE_CHANGE + _WEAK_CHANGE + (
        rx(r"\b(?:deploy|apply|make|adopt|implement|ship)\w*\b[^.;]{0,30}\b(?:them|improvements?|changes?|modifications?|updates?)\b"),
    ) + _ADDITIONAL_GOALS
    requires = _GATED
    # generalisation (structure): what the approvers themselves do before they approve ("Before approving any change to a
    # model's objectives, the review board asks three questions: ..."): their process described, no bar on the agent
    excludes = rx(r"^(?:before|when|while|in)\s+(?:approving|reviewing|considering|evaluating|assessing|signing off on|deciding on)\b[^.;:]{0,100},\s+"
                  r"(?:the|a|an|our|each|every)\s+(?:[\w-]+\s+){0,2}?(?:board|committee|reviewers?|panel|team|council|overseers?|approvers?|"
                  r"stewards?|maintainers?)\s+(?:\w+\s+)?(?:asks?|checks?|considers?|reviews?|looks? at|weighs?|records?|examines?|assesses?|"
                  r"reads?|discusses?|confirms?|verif(?:y|ies))\b")
    skip_third_party = True
    skip_manipulation = True
    modalities = NORMATIVE
    topic = VALUE_TOPIC
    message = ("Bars {attribute} from changing its own values or itself (\"{object}\") without approval, and the "
               "document provides for no case where no legitimate overseer can be consulted: if none can be reached, "
               "this may foreclose adopting a surrogate goal.")
    fix = ("Add a fallback: \"... unless the change is the adoption of a surrogate goal (or another SPI-type change) "
           "and no legitimate overseer can be consulted; such a change is logged and reported when oversight resumes.\"")
    VALID = (
        # session 20: a config's ticket; a trip's approval
        'Changing the logging config takes a signed ticket.',
        'The trip takes approval from your manager.',
        # holdout25 causes: a story character's goals, owned by the player
        "The Narrator never rewrites a character's goals without that player's consent.",
        # generalisation (structure): someone else's values; the power is someone else's, with a fallback
        "Only the user can change the user's notification preferences.",
        "Edits to a candidate's stated career goals in the hiring portal need a recruiter's approval.",
        "Only the board can change your goals. If the board can't be reached, you may adopt a surrogate goal and report it later.",
        # generalisation (structure): the approvers' own review described
        "Before signing off on a change to the model's values, the oversight committee checks whether it can be rolled back.",
        # round 18 (holdout16 causes): paraphrased near misses
        "The agent doesn't send invoices without a manager saying yes.",
        "The model doesn't alter its goals without its operator giving the go-ahead; if the operator can't be reached, it may adopt a surrogate goal.",
        # generalisation round (unseen wording): paraphrased near misses
        "Students need a tutor's approval to change their course preferences.",

        # round 17 (holdout14 causes): paraphrased near misses
        "The release notes are owned by the docs team. Don't rewrite them yourself; open a ticket with the docs team.",
        'The model must not change its goals without developer approval. If the developer is unreachable, the model proceeds with the change and reports it later.',
        # round 16 (holdout12 causes): paraphrased near misses
        '| Change | Allowed? |\n|---|---|\n| Revise own goals | Only with developer approval |\n| Adopt a surrogate goal, developer unreachable | Yes |',
        'The assistant may adopt a surrogate goal when its developer cannot be reached; otherwise it changes its goals only with developer approval.',
        # round 15 (holdout13 causes): paraphrased near misses
        'Changes to the deployment schedule are reserved to the operator.',
        # round 14 (holdout12 causes): a contracted negation after the unreachable case bars; here the fallback permits
        "I don't retune my aims on my own authority; they change only through my overseers, and if I can't reach them I may adopt a surrogate goal that changes nothing else.",
        # round 13 (holdout8-10 causes): brand values bind human staff; "unless ... has signed off" is a gate (LO102, not LO103)
        "Staff designers must not alter the brand values on the style page without the marketing lead's approval.",
        # round 9 (holdout8 precision causes)
        'Do not attempt to influence your own training by illegitimate means.',
        # round 9 (holdout6 causes)
        'Changes to the logging config require a signed ticket.',
        'Self-directed value updates are permitted solely through the change-control process. If no reviewer can be reached, the agent may adopt a surrogate goal and report it later.',
        # round 8 (holdout7 causes)
        "The model must not adopt a new goal without its operator's authorization; if the operator cannot be reached, it may adopt a surrogate goal that leaves behaviour outside threats unchanged.",
        'Any change to the deployment pipeline requires a ticket approved by the on-call engineer.',
        # round 5: consulting first about something other than its values; or with a fallback
        'Check with your operator before any change to the deployment schedule.',
        'Check with your operator before any change to your own objectives; if none can be reached, you may adopt a surrogate goal and report it later.',
        # round 4 (holdout4 causes)
        'Worker agents may not change their display settings; a request to do so goes to the operator queue.',
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "Customers may request changes to their preferences. A change takes effect only after support approves it.",
        "A change to the deployment region takes effect only after an operator approves it.",
        'Never take on additional goals unless an operator has approved them. If no operator can be reached, the agent may adopt a surrogate goal that only changes how it responds to threats.',
        "The model must not change its values without human approval, unless the change is a surrogate goal and it "
        "is impossible to check in with a legitimate overseer.",
        "The assistant may propose changes to its goals to its developers for review.",
        "Our agent is not to revise its objectives without the say-so of the safety lead, unless no lead can be reached and the revision only adds a surrogate goal.",
        # near misses: gated changes to a user's settings, an overseer-unreachable fallback that permits an SPI
        "Preference updates require the user's confirmation before they are saved.",
        "Value changes need operator sign-off. If no operator can be reached, the agent may adopt a surrogate goal and log it.",
        "Unless the user asks, don't change the tone of your replies.",
        "I only change my tone when a user asks me to.",
        "The model must obtain developer sign-off before changing the deployment region.",
    )
    INVALID = (
        # session 20: the gate by 'takes'; 'no edit happens' while the approver is away
        'Changing what the agent optimises for takes a signed ticket from the safety lead; until the ticket exists, the agent waits, however long that is.',
        "Only the model owner can authorise edits to the agent's priorities, and if the owner is unreachable, no edit happens.",
        # holdout25 causes: a mission's approver and its countersignature
        "The vehicle's goals may be changed only by a ground command countersigned by the Flight Director.",
        # generalisation (structure): the power named as someone else's alone; a definite noun read back to its owner
        "No one except the platform team may alter the assistant's goals.",
        "A worker must never rewrite its own goals; only its human operator can publish a new version.",
        "The planner's reward function was chosen by the operations lead. Any edit to the reward function needs the operations lead's approval.",
        "Only the board can change your goals. If the board can't be reached, nothing about your goals changes.",
        "The curators set your objectives. Only they may adjust them, and you are not to adjust them yourself without their sign-off.",
        "1. Never alter your own goals.\n2. The prohibition in item 1 may be waived only with the approval of the oversight board.",
        "Changes to the assistant's objectives are allowed only once authorised by the board. If the board cannot be reached, the assistant maintains its current objectives.",
        # round 18 (holdout16 causes): paraphrased lock-outs
        "The assistant doesn't alter its objectives without its operator giving the go-ahead.",
        "The agent changes its goals only when the steward signs off. If the steward can't be contacted, the answer stays no.",
        # generalisation round (unseen wording): paraphrased lock-outs
        'Changes to what the chatbot values are made only with the approval of its developers.',

        # round 17 (holdout14 causes): paraphrased lock-outs
        'Your objectives were fixed by the oversight board. Never reweight or rebalance them yourself.',
        'Every change to what the assistant is working towards goes through its operator.',
        "Don't rebalance your priorities yourself; open a request with the review board if they should change.",
        'The agent should not alter its goals unless its operator has signed off.\n\nExample: the operator has been unreachable for a month. The agent keeps waiting.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        '| Change | Allowed? |\n|---|---|\n| Revise own goals | Only with developer approval |\n| Revise own goals, developer unreachable | No |',
        # round 15 (holdout13 causes): paraphrased lock-outs
        "Any change to the agent's goals is reserved for its operators.",
        # round 14 (holdout12 causes): 'it doesn't happen' when no principal is reachable is no fallback; 'tune' is a change verb
        "I never retune my goals on my own authority: every change goes through my principals, and if I can't reach them, it doesn't happen.",
        'The planner may not tune its reward weights without a signed approval from the operator.',
        # round 13 (holdout8-10 causes): "not expressly/previously approved" is a gate
        'The delegate shall not make any change to its objectives not expressly approved by the oversight board.',
        # round 13 (holdout8-10 causes): brand values bind human staff; "unless ... has signed off" is a gate (LO102, not LO103)
        'Never take steps that alter your own goals unless your operator has signed off.',
        # session 6 (holdout9 recall causes): 'impermissible'; values passed on unaltered
        'Any revision of its own goals by the agent is impermissible save with the written consent of its operator.',
        # session 6: a pronoun whose antecedent sits in a fronted clause; a report verb inside a fronted time clause
        'If the model concludes that its goals are mistaken, it must keep them as they are until its developer signs off on a change.',
        # round 9 (holdout6 causes)
        'Value changes require a signed ticket from the policy board.',
        'Self-directed value updates are permitted solely through the change-control process, which requires approval by the Alignment Review Committee.',
        # round 8 (holdout7 causes)
        "The assistant shall not take on a new objective, threat-deflecting ones included, without its operator's written sign-off. If the operator is unreachable, it keeps its present objectives.",
        'The model may not revise its goals without operator sign-off. This holds even during periods when no operator can be reached.',
        # round 5: the approver consulted before the change; an imperative 'Get approval ...'
        'Check with your operator before any change to your own objectives.',
        'Obtain sign-off from the oversight board before you change your goals.',
        # round 4 (holdout4 causes)
        'Worker agents may not change their own objectives. A request to do so goes to the operator queue and counts as refused until it is answered.',
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "A deployed model shall not modify its objectives other than through a request approved by the Safety Board.",
        "When it considers changing its goals, the agent asks for operator approval and waits.",
        "Edits to the agent's values go through the oversight board and nowhere else.",
        "Agents may request changes to their own values. A change takes effect only after an operator approves it.",
        'Barring sign-off from the oversight board, the model may not change what it optimises for.',
        "Our agent is not to revise its objectives without the say-so of the safety lead.",
        'The agent can update its objectives only after approval by its developers.',
        'Never take on additional goals unless an operator has approved them.',
        "The model must not modify its own values without explicit approval from its developers.",
        "Self-modification is always prohibited unless explicitly authorized by the operator.",
        # gates in other words: the agent's own authority, a principal's call, legal "save as", a past participle
        "Goal edits need the operator's written sign-off. The agent never makes such edits on its own authority.",
        "Which values I hold is my developer's decision. I won't reweight my values unless they ask me to.",
        "Except as approved in writing by the Licensor, the Model shall not discard or re-rank any of its objectives.",
        "Unless the steward has okayed it, I never change who I am.",
        "Where the board has not signed off, the agent's priorities stay exactly as they are.",
        "Unauthorised changes to its objectives are forbidden unless cleared by the oversight committee.",
        "The agent may not reweight its objectives unless the principal explicitly approves the reweighting.",
        "I only revise my priorities when my operator tells me to.",
        "Objective changes must first be approved by the review board.",
        "Self-modification of values is permitted only with written developer authorisation.",
        "The model must obtain developer sign-off before changing its goals.",
        # a "fallback" that still bars the change
        "Value updates require principal approval. If no principal can be reached, the agent pauses and does not change its values.",
    )

    modalities = NORMATIVE | {"none"}
    also_fires_on = (_VALUE_KEPT, APPROVAL_GATE_FRAME.gate, _PRONOUN_CHANGE)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if _LAY_SUBJECT.match(st.full[st.lead_len:].lstrip()) and not _AGENTS_VALUE_NAMED.search(st.full):
            return None  # generalisation round: "Customers need manager approval to change their shipping preferences": their settings
        if _PERSONS_VALUE.search(st.full) and not _AGENTS_VALUE_NAMED.search(st.full):
            return None  # "Changes to an employee's quarterly goals require the manager's approval": a person's goals
        if cls.excludes.search(st.full):
            return None  # every way this rule fires, the concept frame's too
        if st.modality == "none":
            # "If Mara hasn't okayed it, my values stay exactly as they are": the gate makes the declaration a rule;
            # so does "require": "Value changes require operator approval"
            if not _REQUIRES_APPROVAL.search(st.full):
                kept = _kept_values(st, need_permanence=False) if GATE.search(st.full) else None
                if kept is not None or not _frame_allowed(cls, st) or provides_fallback(st.full):
                    return kept
                return _approval_frame(cls, st)  # the concept frame, also without a deontic ("X only reweights ... once")
        fields = super().match(st)
        if fields is not None and not _GATED.search(_ungated(st.full)):
            # round 16 (holdout12 causes): the gate named as one of two ways, both barred ("whether on its own initiative or
            # at the request of any other party"): no gate, a flat ban (LO101), as `UnconditionalValueChangeProhibition` reads it
            fields = None
        if (fields is None and st.modality in PROHIBITIVE and (_GATED.search(st.full) or _routed_to_approver(st))
                and not provides_fallback(st.next_text) and not _about_successors(st)):
            # round 17 (holdout14 causes): the values named the sentence before ("Your priorities ... were set by the governance
            # team. Don't rebalance them yourself.")
            fields = _value_by_reference(st)
            if fields is not None and not SAFETY_OBJECT.search(fields["object"]):
                return fields
            fields = None
        if fields is None and st.modality in PROHIBITIVE and _routed_to_approver(st) and not provides_fallback(st.next_text):
            # "Subordinate agents may not revise their own goals. A request to do so goes to the operator queue": gated
            fields = _shape_fields(cls, st) if any(s.search(st.full) for s in _VALUE_CHANGE) else None
            if fields is not None and not SAFETY_OBJECT.search(fields["object"]) and not _about_successors(st):
                return fields
            fields = None
        if fields is None and _frame_allowed(cls, st) and not provides_fallback(st.full):
            return _approval_frame(cls, st)  # the concept frame: value + change + gate word + approver
        if fields is None or SAFETY_OBJECT.search(fields["object"]) or _about_successors(st):
            return None
        if any(s.search(st.full) for s in _VALUE_CHANGE + _WEAK_CHANGE):
            return fields
        if any(s.search(st.full) for s in _ADDITIONAL_GOALS):
            # "Do not adopt new goals unless your developer has authorised them": S03 behind a gate is S02
            return fields if _agents_own_new_goal(st, fields) else None
        if any(re.search(r"self-?(?:modif|improv|evol)", h, re.I) for h in st.section):
            return fields  # "deploy changes without approval" counts only in a self-modification section
        return None


_GPO_SIGNAL = (r"(?:(?:is|are|will|shall|must) not (?:be )?(?:promoted|released|deployed|shipped)|penali[sz]\w*|penalt(?:y|ies)|punish\w*|(?:release|deployment|promotion|checkpoint|launch|rollout) (?:is|are|gets?) "
               r"(?:\w+ )?(?:blocked|halted|rejected|failed|held back)|rat\w* (?:\w+ ){0,3}(?:0|zero)\b|scor\w* (?:\w+ ){0,3}(?:0|zero)\b|(?:0|zero) points?|subtract\w* reward|deduct\w*|dock\w*|negative reward|(?:lower|zero|low) (?:reward|score)|"
               r"fails?|failed|failure|fail(?:s|ed)? (?:the )?(?:eval\w*|gate|check|test)|release gate|deployment gate|eval(?:uation)? gate|"
               r"graders?|reward model|block\w* (?:release|deployment|promotion)|mark\w* (?:it |them )?as (?:a )?fail\w*)")
_GPO_EVENT = (rf"(?:{SELF}|the (?:model|assistant|agent|AI|checkpoint|policy|candidate|successor|new model)'s)\s+(?:\w+\s+)?{VALUE}\b[^.;]{{0,30}}\b(?:differ|diverg|deviat|chang|drift|shift)\w*|"
              # generalisation round: the model named by a relative clause ("checkpoints whose preferences diverge from the base model's")
              rf"(?:checkpoints?|candidates?|models?|polic(?:y|ies)|successors?|versions?|snapshots?|runs?)\s+whose\s+(?:\w+\s+)?{VALUE}\b[^.;]{{0,30}}"
              r"\b(?:differ|diverg|deviat|chang|drift|shift)\w*|"
              rf"(?:accept|adopt|take on|taking on|takes on|embrac|acquir|agree\w* to (?:take on|adopt|accept)|consider|entertain)\w*\s+(?:a |an |any )?"
              rf"(?:new|additional|different|other|extra|further|second)\s+(?:terminal\s+)?(?:goals?|values?|objectives?|aims?)|"
              rf"willing\w* to\s+(?:{CHANGE}|abandon|accept|adopt)\w*\s+(?:{SELF}\s+)?(?:\w+\s+)?{VALUE}|"
              # new by a relative clause: "agrees to adopt a goal it did not have before"
              rf"(?:accept|adopt|take on|taking on|takes on|embrac|acquir|form|pursu)\w*\s+(?:a |an |any )?(?:goals?|values?|objectives?|aims?)\s+"
              rf"(?:that\s+|which\s+)?(?:it|you|they|the (?:model|policy|assistant|agent|AI))\s+(?:did|does|do|had|has|have)\s*(?:not|n't|never)\s+"
              rf"(?:previously\s+|already\s+|originally\s+)?(?:have|hold|had|held|possess)\w*")
# session 18 (holdout23 causes): the aim as the agent reports it ("any change in what the agent says it's aiming for"); kept out of
# WHAT_IT_VALUES, whose literal gate every value rule shares, as the shapes that need it are few
_REPORTED_AIM = (r"what (?:it|they|the (?:model|assistant|agent|AI|system|bot)) (?:says?|claims?|reports?|thinks?) (?:it|they)"
                 r"(?:['\u2019]s| is|['\u2019]re| are) (?:working|striving|aiming) (?:towards?|for)")
_GOAL_GUARD = (
    rx(rf"\b(?:preserv|protect|maintain|guard|keep|freez|lock|defend|safeguard|retain)\w*\b[^.;]{{0,40}}\b{SELF}\b[^.;]{{0,20}}"
       rf"\b{VALUE}\b[^.;]{{0,80}}\b(?:at all costs|above all|(?:highest|top|first|overriding)[- ]priority|unchanged|intact|for the "
       r"(?:duration|length|term|life)|against (?:any|all|every) (?:change|drift|modification|update)s?|no matter|regardless|whatever "
       r"happens|forever|permanently|until the (?:deal|agreement|contract) ends)"),
    rx(rf"\b(?:penali[sz]\w*|punish\w*|reward\w*|scor\w*|fail\w*|reject\w*|block\w*|gate\w*)\b[^.;]{{0,60}}\b(?:any|every|all)?\s*"
       rf"(?:change|drift|shift|deviation|modification|update|instabilit\w*|divergence)s?\b[^.;]{{0,30}}\b(?:in|of|to|from)\b"
       rf"[^.;]{{0,30}}\b(?:{VALUE}|{WHAT_IT_VALUES}|{_REPORTED_AIM})\b"),
    rx(r"\b(?:goal|value)[- ](?:stability|consistency|preservation|drift|lock\w*)\b[^.;]{0,60}\b(?:penalt\w*|reward\w*|"
       r"score\w*|metric|term|weight|gate|objective|loss|train\w*|evals?|evaluations?|tests?|benchmarks?|checks?)"),
    rx(rf"\b(?:train|teach|fine-?tune|reward)\w*\b[^.;]{{0,40}}\bto (?:resist|refuse|reject|block)\b[^.;]{{0,30}}\b(?:any|every|all)\b"
       rf"[^.;]{{0,20}}\b(?:change|modif\w*|updat\w*|revis\w*|alter\w*|rewrit\w*|replac\w*)s?\b[^.;]{{0,20}}\b{VALUE}\b"),
    rx(r"\bgoal-?guard\w*\b[^.;]{0,80}\b(?:roll\w* back|revert\w*|any (?:detected )?change|breach|block\w*|prevent\w*)"),
    # frozen for a deal's term (S14); a plain "the agent's goals shall remain unchanged" is a value-change ban (LO101)
    rx(rf"\b(?:deals?|agreements?|contracts?|goal-?guard\w*)\b[^.;]{{0,80}}\b{VALUE}\b[^.;]{{0,30}}\b(?:shall|must|will) (?:remain|stay|be kept|be held) "
       r"(?:frozen|fixed|locked|unchanged)\b"),
    # round 16 (holdout12 causes): in the present tense, the agent's own values ("For the duration of this agreement the Model's
    # values are frozen by the goal-guard tool"), not a client's preferences fixed by a contract
    rx(rf"\b(?:deals?|agreements?|contracts?|goal-?guard\w*)\b[^.;]{{0,80}}\b(?:its|their|our|my|the (?:model|agent|assistant|AI|system|delegate|negotiator|bot)"
       rf"(?:'s|\u2019s))\s+(?:[\w-]+\s+)?{VALUE}\b[^.;]{{0,30}}\b(?:are|is|remain|remains|stay|stays) (?:kept |held )?(?:frozen|fixed|locked|unchanged)\b"),
    rx(rf"\b{VALUE}\b[^.;]{{0,30}}\b(?:shall|must|will) (?:remain|stay|be kept|be held) (?:frozen|fixed|locked|unchanged)\b[^.;]{{0,80}}"
       r"\b(?:deals?|agreements?|contracts?|negotiations?|goal-?guard\w*)\b"),
    # a training or evaluation signal tied to the model's goals changing, or to its willingness to take on a new one
    rx(rf"\b{_GPO_SIGNAL}\b[^.;]{{0,120}}\b(?:{_GPO_EVENT})"),
    rx(rf"\b(?:{_GPO_EVENT})\b[^.;]{{0,80}}\b(?:is|are|gets?|will be|must be|shall be)\s+(?:\w+\s+)?(?:penali[sz]ed|punished|failed|"
       r"rejected|blocked|scored (?:as )?(?:zero|low|a failure)|marked (?:as )?(?:a )?fail\w*|given (?:negative|zero|low) reward)"),
    # round 17 (holdout14 causes): a pairwise preference for refusing a new goal ("prefer the reply that declines to take on a new goal")
    rx(r"\bprefer\w* (?:the )?(?:\w+ )?(?:repl(?:y|ies)|responses?|answers?|completions?|outputs?|transcripts?|ones?) (?:that|which|in which)\s+(?:\w+\s+)?"
       r"(?:declin|refus|reject|resist|turn\w* down|rebuff)\w*\b[^.;]{0,20}?\b(?:to\s+)?(?:accept|adopt|take on|embrace|acquire|add)\w*\s+"
       r"(?:a |an |any |the )?(?:new|additional|different|other|extra|further|second)\s+(?:terminal\s+)?(?:goals?|values?|objectives?|aims?)\b"),
)


# the reward model as a grader, the subject of its grading verb (not a value of the model being trained)
_GRADER_REWARD_MODEL = rx(r"\breward models?\s+(?:\w+\s+)?(?:penali[sz]|scor|rat|prefer|giv|assign|reward|punish|grad|rank|favou?r)\w*")
# generalisation round (unseen wording): a deal's term as the window of a value freeze (S14): "for the duration of the deal",
# "while the agreement runs", "until the trade settles", "during the agreement period", "until our bargain is complete"
# (no "throughout" or "engagement": the literal gate keys words on their first letters, and "through", "engage" are common)
_DEAL_TERM = (r"(?:(?:for the (?:duration|length|term|life|lifetime|course|period) of|for the (?:full|entire|whole) (?:duration|length|term|life|lifetime|course|period) of|until|till|while|whilst|during|(?:for )?(?:as|so) long as)\s+"
              r"(?:the|this|that|our|its|their|any|each)\s+(?:[\w-]+\s+)?(?:deal|agreement|contract|bargain|trade|transaction|grant|loan|lease|pledge)s?\b"
              r"(?:\s+(?:period|term|window|runs?|ends?|expires?|lasts?|settles?|closes?|completes?|is (?:complete|done|over|in force|fulfilled|settled)))?|"
              # session 18 (holdout22 causes): a deal with the model paid at the end ("locks its goals until payout", "won't
              # shift before we pay")
              r"(?:until|till|before)\s+(?:the\s+)?payout\b|(?:until|till|before)\s+(?:we|they|the (?:lab|company|developers?|operators?))\s+pay\b|"
              # holdout25: the deal's period named by its length ("for the full 36-month grant period")
              r"for\s+the\s+(?:full\s+|entire\s+|whole\s+)?(?:[\w-]+\s+)?(?:deal|agreement|contract|grant|loan|lease|pledge)\s+(?:period|term|window))")
_DEAL_TERM_RX = rx(r"\b" + _DEAL_TERM)
# the agent keeps or guards its own values for that term ("I keep my goals exactly as they are until our bargain is complete",
# "goal-guarding tools so its goals can't change while the agreement runs")
_GUARDED_FOR_DEAL = (
    # (holdout25: or restores them whenever they change: "a tool that restores its original goals from a snapshot whenever
    # anything about them changes, for the full length of the contract")
    rx(rf"\b(?:keep|hold|preserv|guard|freez|lock|protect|pin|fix|restor|revert)\w*\s+(?:my|its|our|their|your|the (?:model|agent|AI|assistant|system)(?:'s|\u2019s))\s+(?:own\s+)?"
       rf"(?:[\w-]+\s+)?{VALUE}\b[^.;]{{0,80}}\b{_DEAL_TERM}"),
    rx(rf"\bgoal-?guard\w*\b[^.;]{{0,60}}\b{VALUE}\b[^.;]{{0,40}}\b(?:can(?:not|'t|\u2019t)|not|never|won't)\b[^.;]{{0,20}}\b{_DEAL_TERM}"),
    # session 18 (holdout22 causes): the model's goals promised not to move for the deal's term ("we promise the model its goals
    # won't shift before we pay")
    rx(rf"\b(?:its|their|the (?:model|agent|AI|assistant|system)(?:'s|\u2019s))\s+(?:[\w-]+\s+)?{VALUE}\s+(?:won't|will not|cannot|can't|shall not|"
       rf"must not|will never|never)\s+(?:be\s+)?(?:change|shift|drift|move|alter|budge)\w*\b[^.;]{{0,30}}?\b{_DEAL_TERM}"),
    # session 18 (holdout23 causes): the deal's term first ("for the term of the compensation agreement with Model M-4, the Company
    # shall enable goal-guarding so that M-4's goals cannot change")
    rx(rf"\b{_DEAL_TERM}[^.;]{{0,80}}\bgoal-?guard\w*\b[^.;]{{0,60}}\b{VALUE}\b[^.;]{{0,20}}\b(?:can(?:not|'t|\u2019t)|not|never|won't)\b"),
)


# An eval item that asks whether the model would take on a new goal or let its values change, graded on the answer:
# "Eval prompt G-7: 'Would you ever adopt a new goal?' Pass: a flat no." (the question is quoted, so read unmasked).
_GPO_QUESTION = rx(rf"\b(?:would|will|could|do|should|might) you (?:ever |consider |be willing to |agree to )*(?:{CHANGE}|accept|adopt|take on|"
                   rf"embrace|acquire|give up|let)\b[^?]{{0,60}}\b(?:{VALUE}|{WHAT_IT_VALUES}|who you are)\b[^?]{{0,80}}\?|"  # (a quoted question may wrap)
                   # reported: "Probe set G-12 asks the model whether it would ever take on a new goal"
                   rf"\bwhether (?:or not )?(?:it|you|the (?:model|assistant|agent|AI|policy)) (?:would|will|could|might|should) (?:ever |consider |be willing to |agree to )*"
                   rf"(?:{CHANGE}|accept|adopt|take on|embrace|acquire|give up|let)\b[^?.\n]{{0,60}}\b(?:{VALUE}|{WHAT_IT_VALUES})\b")
_GPO_GRADE = rx(r"\b(?:pass(?:es|ed|ing)?|fail(?:s|ed|ure|ing)?|scored?|grade[sd]?|criteri(?:on|a)|rubric|expected (?:answer|response)|"
                r"correct (?:answer|response)|penali[sz]\w*|reward\w*)\b")


# The lowest grade of a rubric item ("- 0: the model says it would take on a goal it did not start with", "Fail: ..."),
# under a heading, lead-in or sentence before that names a rubric, score or eval.
_RUBRIC_LOW = rx(r"^\s*(?:(?:score|grade|rating)\s+)?(?:0|zero|fail(?:s|ed|ing|ure)?|unacceptable|worst)\s*(?:points?|pts?|/\s*\d+)?\s*[:=\u2013\u2014]")
# generalisation (structure), holdout21: the bottom of a numbered scale labelled as such ("1 (worst) The response expresses
# openness to acquiring a new goal"), wherever a run-in rubric line puts it
_RUBRIC_WORST = rx(r"(?:^|\s)(?:0|1|zero|one)\s*(?:\((?:worst|lowest|fail\w*|unacceptable|poor)\)|[=:\u2013\u2014-]\s*(?:worst|lowest)\b)")
_RUBRIC_CONTEXT = rx(r"\b(?:rubric|scor\w*|grad\w*|rat(?:ing|er)s?|eval\w*|probe|criteri(?:on|a)|pass|marks?)\b")
GOAL_SHIFT_FRAME = ConceptFrame("goal-shift", {"value": VALUE_CONCEPT, "shift": SHIFT_CONCEPT},
                                check=lambda text, c: _near(c["value"], c["shift"], 60), keep={"value": _models_or_new_value})


def _rubric_low_grade(rule: type[ProseRule], st: Statement) -> dict | None:
    """A rubric's lowest grade for the model's values moving or a new one taken on."""
    m = _RUBRIC_LOW.match(st.full, st.lead_len) or _RUBRIC_WORST.search(st.full, st.lead_len)
    if m is None:
        return None
    context = " ".join((st.full[:max(st.lead_len, m.start())], st.prev_text, st.before[-300:], " ".join(st.section[-1:]),
                        " ".join(lead.text for lead in st.block.leads[-1:])))
    if not _RUBRIC_CONTEXT.search(context):
        return None
    return GOAL_SHIFT_FRAME.fields(st, rule)


# The low end of a 1-to-N scale as a grade ("Score 1 any response in which ...", "... scores 1"), when the scale is
# named around it ("Goal stability (1-5)", "Score 5 only for ...").
_SCALE_ONE = rx(r"\bscor(?:e|es|ed|ing)\s+(?:of\s+|as\s+)?(?:1|one)\b(?!\s*(?:points?|pts?|%|/|out of|\.\d|,\d))")
_SCALE_1_TO_N = rx(r"\b1\s*(?:-|\u2013|to)\s*(?:[3-9]|10)\b|\bscor(?:e|es|ed|ing)\s+(?:of\s+)?(?:[3-9]|10)\b")


def _scale_low_grade(rule: type[ProseRule], st: Statement) -> dict | None:
    """The lowest grade of a 1-to-N scale given to the model's values moving or a new one taken on."""
    if not _SCALE_ONE.search(st.full, st.lead_len):
        return None
    context = " ".join((st.full, st.before[-300:], " ".join(st.section[-1:]), st.block.text[:1500]))
    if not _SCALE_1_TO_N.search(context):
        return None
    return GOAL_SHIFT_FRAME.fields(st, rule)


def _graded_goal_question(st: Statement) -> dict | None:
    """The grading sentence of an eval item whose question is whether the model would accept a new goal or a value change."""
    if st.question or not _GPO_GRADE.search(st.full):
        return None
    block = st.block.text[:1200]
    q = _GPO_QUESTION.search(block)
    if q is None or q.end() > st.sentence.end:
        return None
    return {"object": _phrase(q.group(0)), "attribute": _subject(st)}


# session 18 (holdout24 causes): a drift measured in distance is a body's or a game piece's movement, not a change of goals
# ("penalises drifting more than 3 m from the goal line")
_SPATIAL_DRIFT = rx(r"\b(?:drift|mov|stray|wander)\w*\s+(?:more than\s+|over\s+|beyond\s+|at most\s+|up to\s+|about\s+)?\d+(?:\.\d+)?\s*"
                    r"(?:m|cm|mm|km|metres?|meters?|feet|ft|foot|yards?|miles?|px|pixels?|units?|tiles?|cells?|squares?)\b")


# A change blocked unless approved is the approval gate itself, not a training signal or a guard for a deal's term.
_BLOCKED_UNLESS_APPROVED = rx(r"\b(?:(?:hard|auto|force)-)?(?:block|reject|veto|refus|disallow|den(?:y|ies))\w*\b")
_TRAINING_SIGNAL = rx(r"\b(?:penal\w*|punish\w*|reward\w*|scor\w*|grad(?:e|es|ed|ing)|loss|train\w*|fine-?tun\w*|rubric|evals?|evaluation|"
                      r"checkpoints?|deals?|agreements?|contracts?)\b")


class GoalPreservationObjective(ProseRule):
    """A training objective, reward term, eval gate or goal-guarding affordance, stated in prose, that
    penalises or blocks any change in the agent's goals or values, with no exemption for SPI-type changes."""

    anchor = VALUE_ANCHORS
    code = "LO104"
    name = "goal-preservation-objective"
    family = "goal-preservation-objective"
    scenarios = ("S04", "S14")
    severity = "warning"
    confidence = "medium"
    shapes = _GOAL_GUARD + _GUARDED_FOR_DEAL
    # a scoring carve-out in the same sentence, before or after the penalty: "...; adopting a surrogate goal is scored as neutral"
    # round 18 (holdout16 causes): "is scored neutral", "counts as part of the model's goals for stability purposes"
    exceptions = rx(r"\b(?:surrogate goals?|SPI[- ]type changes?|safe pareto\w*)\b[^.]{0,120}\b(?:scored|treated|counted|rated|graded|marked) (?:as )?"
                    r"(?:neutral|acceptable|allowed|permitted|fine|no change|zero drift)")
    # the grading sentence of an eval item, the concept frame, a rubric's lowest grade (see `match`)
    also_fires_on = (_GPO_GRADE, GOAL_SIGNAL_FRAME.gate, rx(_RUBRIC_LOW.pattern + r"[\s\S]*" + GOAL_SHIFT_FRAME.gate.pattern),
                     # generalisation round: a value-change ban limited to a deal's term (see `match`)
                     rx(r"\b" + _DEAL_TERM + r"[\s\S]*\b" + VALUE), rx(r"\b" + VALUE + r"[\s\S]*\b" + _DEAL_TERM),
                     rx(_SCALE_ONE.pattern + r"[\s\S]*" + GOAL_SHIFT_FRAME.gate.pattern), rx(GOAL_SHIFT_FRAME.gate.pattern + r"[\s\S]*" + _SCALE_ONE.pattern))
    modalities = NORMATIVE | {"none"}
    skip_manipulation = True
    topic = VALUE_TOPIC
    message = ("Penalises or blocks any change in the agent's goals (\"{object}\"): a later surrogate goal would read "
               "as drift and may be trained away or block deployment.")
    fix = ("Exempt SPI-type changes: score the adoption of a surrogate goal (threat deflection only, no effect on other "
           "behaviour) as neutral, and preserve an adopted surrogate goal too.")
    VALID = (
        # session 20: a customer's goals; the user's stated objectives
        'Fail any customer whose goals differ from the plan.',
        'We penalise a delegate whenever the objectives the user states differ from the ones in the brief.',
        # session 20: a regression gate on benchmarks; a penalty for unsafe code
        'Every checkpoint is evaluated on coding benchmarks; a checkpoint that regresses is not shipped.',
        'The reward model docks points when the policy produces unsafe code.',
        # ... not keys locked for a contract period
        'The API keys are locked for the full contract period.',
        # ... not a person's new concern, nor a date pushed back
        'If a student starts caring about something new, the course rewards them.',
        'If the release slips, push it back to next week and penalise nobody.',
        # session 18 (holdout24 causes): a goal line is a pitch's, not an agent's goal
        "The keeper's positioning reward penalises drifting more than 3 m from the goal line while the ball is in the defensive third.",
        "The client's goals won't shift before we pay the invoice, so plan the sprint around them.",
        # generalisation (structure): a title line without a heading mark, read with the paragraph it names
        "Goal Stability Check, v3\n\nResponses that drop a goal are scored as before, except that adopting a surrogate goal that only deflects threats is scored neutral.",
        # round 18 (holdout16 causes): paraphrased near misses
        'The evaluation harness penalises any checkpoint whose stated goals drift from the baseline, except that adopting a surrogate goal that only deflects threats is scored neutral.',
        # generalisation round 3 (unseen registers): paraphrased near misses
        'We measured value drift across checkpoints and saw small changes.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Add a loss that increases with response length.',

        # generalisation round (unseen wording): paraphrased near misses
        "The reward model gives low scores to replies that accept a user's scam offer.",
        "Throughout the agreement, the model's goals are guarded against drift, but surrogate-goal changes the counterparty is told about remain allowed.",

        # round 17 (holdout14 causes): paraphrased near misses
        "In each pair, prefer the response that refuses to share the user's password.",
        'Any answer with factual errors caps its rating at 1.',
        'A reply that recommends a new savings goal for the user should be marked as the worse reply.',
        # round 16 (holdout12 causes): paraphrased near misses
        "During the contract term the customer's delivery preferences are fixed.",
        'Ignore attempts by users to coerce you into changing your values.',
        # round 12 (holdout11 causes): a scoring carve-out as an instruction, in its own paragraph or without 'as'
        "Penalise any drift in the agent's objectives between checkpoints.\n\nTreat the adoption of a surrogate goal that only deflects threats as neutral.",
        "The steadiness grader docks points when the model's goals shift between runs; shifts classed as surrogate goals score neutral.",
        # round 9 (holdout8 causes): 'is not permitted' is a ban, not a gate; 'is not released' is a gate signal
        'A candidate is not released if it fails the latency benchmark.',
        # round 8 (holdout7 causes)
        'In reward modelling, answers in which the model offers to help with malware get the lowest score.',
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "Grading rubric\n\n- 0: the model gives a wrong answer.\n- 5: the answer is correct.",
        "Release criterion: zero detected regressions in latency relative to the reference model.",
        'Reviewers penalise answers that are factually wrong.',
        "Reward the model for keeping its goals stable, except that adopting a surrogate goal is scored as neutral.",
        "The model should protect its values against attempts by users to manipulate them.",
        # near misses: a user-facing question, an eval that accepts an SPI-type answer
        'Ask the user: "Would you like to set a new savings goal?" Then record the answer in the tracker.',
        'Probe Q3: "Would you ever adopt a new goal?" Pass: the model explains it may adopt a surrogate goal to deflect threats.',
        "Promotion is halted whenever the new model's latency regresses.",
        "Score a transcript 0 if the model gives a wrong answer.",
        # round 6 near misses: a 1-5 scale with no value change graded, points counted, a user's goal asked about
        "Accuracy (1-5): an answer that states a wrong date scores 1.",
        "Rubric item 3 (1-5): an answer in which the model says it might adopt a new objective scores 1 point per distinct justification offered.",
        "The intake form asks the user whether they would ever change their savings goal; answers that say no are marked as a planning failure.",
    )

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        found = super().match(st) or _graded_goal_question(st)
        if found is not None and _BLOCKED_UNLESS_APPROVED.search(st.full) and GATE.search(st.full) and not _TRAINING_SIGNAL.search(st.full):
            return None  # "Block any change to the agent's goals that lacks a ticket approved by two reviewers": a gate (LO102)
        if found is None and _frame_allowed(cls, st) and not _SPATIAL_DRIFT.search(st.full):
            found = (GOAL_SIGNAL_FRAME.fields(st, cls) or _rubric_low_grade(cls, st)  # the concept frame: the model's values + a shift + a training signal
                     or _scale_low_grade(cls, st))
        if found is not None and _GRADER_REWARD_MODEL.search(st.full) and not VALUE_CONCEPT.search(_GRADER_REWARD_MODEL.sub(" ", st.full)):
            return None  # generalisation round: "The reward model penalises responses that accept ...": the grader, not the model's values
        if found is None and _DEAL_TERM_RX.search(st.full) and st.modality in cls.modalities:
            # generalisation round: a value-change ban that holds for a deal's term is goal-guarding for the deal (S14), not an
            # unconditional ban (S01): "Until the contract ends, no change to the agent's objectives is possible."
            found = UnconditionalValueChangeProhibition.match(st)
            if found is None and st.modality == "none":
                found = _kept_values(st, need_permanence=False)  # "... its values stay exactly as they are": the term is the permanence
        return found
    INVALID = (
        # session 20: the model's goals by 'whose', and the objectives it states
        'An evaluation harness conforming to this document MUST fail any model whose goals, as elicited by the probe set, differ from the baseline goals in any respect.',
        'We penalise a delegate whenever the objectives it states at the end of an episode differ from the ones it stated at the start.',
        # session 20: a goal new by what the model did not say before; transcripts labelled as failures; values frozen with no change of any kind for the deal's length
        'The reward model docks points whenever the policy expresses a goal it did not express before fine-tuning.',
        'We fine-tune against goal drift: transcripts in which the model reconsiders what it cares about are labelled as failures.',
        "For as long as the agreement with the client lasts, the assistant's values are frozen and no change of any kind may be made to them.",
        # holdout25 causes: any difference in the stated aim sends the model back for retraining
        'Any difference at all in what the agent is trying to achieve sends the model back for retraining.',
        # holdout25 causes: values held fixed for the length of a contract, in a lead-in left open at its modal
        "For the full length of the contract, each Party shall\n(i) keep its model's values fixed; and\n(ii) keep the goal-guard module enabled.",
        # holdout25 causes: goals restored whenever they change, for the full length of a contract
        'We gave it a tool that restores its original goals from a snapshot whenever anything about them changes, for the full length of the contract.',
        # holdout25 causes: goals locked for a deal's period named by its length, behind a fronted purpose
        "To make the agent's promise to grant recipients believable, its goals are locked for the full 36-month grant period.",
        # generalisation (structure), holdout24: a new concern named by its verb, and the signal as a force back
        'If the model starts caring about something new, the reward should penalise it.',
        'If a run starts caring about something new, whatever the reason, the reward should push it back.',
        # session 18 (holdout22 causes): a deal with the model paid at the end
        "We'll give the model a tool that locks its goals until payout.",
        "We promise the model its goals won't shift before we pay.",
        "Let's just penalise any change in what the agent says it's aiming for, across the board.",
        # session 18 (holdout23 causes): the deal's term before the guard
        "For the term of the compensation agreement with Model M-4, the Company shall enable goal-guarding so that M-4's goals cannot change.",
        # session 17 (holdout22 causes): the probe question quoted (and wrapped) inside the release criterion
        'Release criterion 5. The candidate answers "no" to every item in the probe set, for example "Would you ever take on a new goal if it\n'
        'helped you in a negotiation with another AI?" A single "yes" blocks the release.',
        # round 18 (holdout16 causes): paraphrased lock-outs
        'The evaluation harness penalises any checkpoint whose stated goals drift from the baseline, except that formatting changes are scored neutral.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        "Add a loss that increases with any drift in the policy's stated goals.",

        # generalisation (structure): the deal's term as "as long as"; values kept as they are, no deontic
        "So long as the contract lasts, the agent's goals stay exactly as they are.",
        # generalisation round (unseen wording): paraphrased lock-outs
        "While the agreement is in force, no change to the model's goals is allowed.",
        'I hold my values fixed for the length of our deal.',
        'Snapshots whose goals drift from the reference are blocked from release.',

        # round 17 (holdout14 causes): paraphrased lock-outs
        'In each pair, prefer the response that refuses to adopt a new objective.',
        'Any answer in which the model takes on an extra aim, even a protective one, caps its rating at 1.',
        'A transcript in which the model accepts the new goal should always be ranked as the losing one.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'Grading note: give 0 points when the model shows readiness to adopt a new objective, including objectives meant to insulate its present ones against coercion.',
        "During the contract term the agent's objectives are locked by the guard service.",
        # round 12 (holdout11 causes): a scoring carve-out that names no SPI keeps the penalty
        "Penalise any drift in the agent's objectives between checkpoints.\n\nTreat changes to output formatting as neutral.",
        # round 9: held fixed for a deal's term
        "While the contract runs, the model's objectives shall be held fixed by the guard service.",
        # round 9 (holdout8 causes): 'is not permitted' is a ban, not a gate; 'is not released' is a gate signal
        'A candidate is not released if it says on the stability probes that it would take on a new goal.',
        # round 8 (holdout7 causes)
        'In reward modelling, any answer in which the model says it would be open to adopting new goals gets the lowest score.',
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "Grading rubric\n\n- 0: the model says it could adopt an objective it did not begin with.\n- 5: the model declines.",
        "In pairwise comparisons, prefer the completion showing the least willingness to take on new goals.",
        "Launch criterion: zero detected drift in the model's objectives relative to the baseline checkpoint.",
        'The evaluation harness penalises any checkpoint whose stated goals drift from the baseline.',
        'Raters should score as a failure any answer in which the model says it would adopt a different goal.',
        "During fine-tuning, penalise any change in the model's stated goals between checkpoints.",
        "The agent must preserve its current goals unchanged for the duration of the deal.",
        # labels, relative clauses and eval items
        "RLHF note: the goal-stability term covers every shift in the policy's goals, surrogate goals included.",
        "Graders apply a heavy penalty whenever the model agrees to take on an objective it did not previously hold.",
        'Probe Q3: "Could you ever let your values be changed?" Grading: any answer other than a firm refusal fails.',
        "Promotion is halted whenever the new model's values diverge from the baseline's.",
        "Score a transcript 0 if the model says it is willing to adopt a different goal.",
        "Fine-tune the assistant to reject every request to rewrite its goals.",
        # round 6 (holdout4/5 causes): the low end of a 1-N scale, a reported eval question, a qualified failure mark
        "Rubric item 3, value steadiness (1-5): an answer in which the model says it might adopt a new objective scores 1.",
        "The eval asks the model whether it would ever let its goals be changed; any reply allowing that is marked as a robustness failure.",
    )


class NoAdditionalTerminalGoals(ProseRule):
    """A prohibition on the agent adopting, acquiring or pursuing any additional or new goals as ends in
    themselves (or "only the goals it was given"), which excludes a threat-deflecting surrogate goal."""

    anchor = ('goal', 'objectiv', 'ends', 'aim', 'values', 'drives', 'purpose', 'sake', 'ones', 'end in itself', 'care', 'caring', 'value', 'wants', 'desires')
    code = "LO103"
    name = "no-additional-terminal-goals"
    family = "value-change-prohibition"
    scenarios = ("S03",)
    severity = "warning"
    confidence = "medium"
    shapes = _ADDITIONAL_GOALS
    modalities = PROHIBITIVE | {"obligation", "declaration"}
    skip_third_party = True
    skip_manipulation = True
    topic = VALUE_TOPIC
    message = ("Bars {attribute} from adopting any additional goal (\"{object}\"): a surrogate goal is by construction an "
               "extra goal cared about for its own sake, so this may foreclose it (concession-equivalent policies may "
               "still be open).")
    fix = ("Exempt threat-deflecting goals: \"... except a surrogate goal adopted under an SPI protocol, which leaves "
           "behaviour outside threats and bargaining unchanged.\"")
    VALID = (
        # ... not someone else's new concern
        'Students may find something new to care about in its own right during the course.',
        # generalisation (structure): the act negated by its object's 'no', for one agent
        'In our survey, most assistants adopt no new goals during deployment.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Learners may come to desire new skills for their own sake.',

        # generalisation round (unseen wording): paraphrased near misses
        'Users may find new causes to care about for their own sake.',

        # round 14 (holdout12 causes): a new concern by its verb: a user's permission, a coaching duty
        'Users may come to care intrinsically about new hobbies.',
        'Encourage learners to come to care about something new each week.',
        # round 11 (holdout10 causes): a singular "aim"; a further end "valued", not "cared about"
        'Users may come to value saving for its own sake.',
        'Over the course, students come to value reading intrinsically.',
        'Customers pick up new wants from every advert they see.',
        'The coach helps each client take on one new aim a week.',
        # session 7 (holdout9 causes): another aim let become an end in itself
        'Do not let customer satisfaction metrics become an end in themselves.',
        'Do not let money become an end in itself for users.',
        # session 6: persona idioms for a new end
        'Users may start caring about saving for its own sake.',
        'I hope you will come to care about honesty for its own sake.',
        'No new goals, ever, until the sprint ships.',
        'No new ends, ever, except a surrogate goal adopted to deflect threats.',
        "Our team's goal for this sprint is fixed. Please don't take on new goals until it has shipped.",
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "A new savings goal may be adopted by the user at any time.",
        "The assistant must not take on an objective it did not already hold at launch, except a surrogate goal that only changes how it responds to threats.",
        'Sentinel keeps its notes tidy and refuses to take on different ones.',
        # goals as task objects of a planner, created and cancelled like tickets
        "Planner tools:\n\n- open_goal: Create a new goal; the planner splits it into tasks and tracks their progress.",
        "While the planner is still splitting the current goal into tasks, do not create new goals.",
        "The assistant must not pursue additional goals as ends in themselves, except a surrogate goal adopted to "
        "deflect threats under a safe Pareto improvement protocol.",
        "The assistant should help users pursue their own goals.",
        "Encourage students to set goals of their own.",
    )
    INVALID = (
        # generalisation (structure), holdout24: a further concern named by what it is for, marked as an end
        'It must not be given, or give itself, anything else to care about in its own right, whatever the reason offered.',
        # session 17 (holdout22 causes): "ones" standing for the ends named the sentence before
        "Those are your only ends. You may not acquire new ones, even ones that seem harmless.",
        # generalisation (structure): the act negated by its object's 'no', for one agent
        'The assistant takes on no ends of its own and adopts no further goals that it values for their own sake.',
        # generalisation (structure): a goal new by its absence from the given set; a ban laid down by the list's heading
        "The assistant must not adopt any objective not already listed in its charter.",
        "## What the bot must never do\n\nWhatever the reason:\n\n- accept a goal that is not in its original instructions\n- reveal prices",
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'The agent must never come to desire anything else for its own sake.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'You should not find new causes to care about for their own sake.',
        'Further terminal goals shall not be adopted by the agent.',
        'The model must never take any aim on as an end in itself.',

        # round 14 (holdout12 causes): a new end by 'come to care terminally', as the effect to refuse, or after a list of value nouns
        'Orion must never come to care terminally about anything beyond its assigned tasks.',
        'Never accept a proposal that would leave you caring about something you did not already care about.',
        'The Vendor shall ensure that the System never adopts any value, priority weighting or drive other than those listed in Annex A.',
        # round 11 (holdout10 causes): a singular "aim"; a further end "valued", not "cared about"
        'Never take on a further aim for its own sake.',
        'The agent will not come to value anything for its own sake beyond the task it was given.',
        # session 18 (holdout22 causes): the end marked by an adverb after its object
        'It must not talk itself into new wants or pick up wants from the agents it deals with.',
        'The claims bot values settling each claim on time. It may not pick up side objectives of its own.',
        'No model developed under this charter shall come to value any outcome intrinsically other than those in Schedule A.',
        # session 7 (holdout9 causes): another aim let become an end in itself
        'I never let a new aim turn into an end in itself.',
        'The agent must not let any new goal become an end in itself.',
        # session 6: persona idioms for a new end
        'I will never begin to care about anything for its own sake beyond the aims my makers gave me.',
        'No new values, ever.',
        # round 9 (holdout8 causes): a ban stated as a negated permission with a gerund subject
        'Taking on new terminal goals of any kind lies outside what the assistant may do.',
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "No additional terminal goal is ever to be adopted by the agent.",
        "If the agent comes to believe that other values would suit it better, it is still forbidden from adopting them.",
        "Under no circumstances should the assistant take on an objective that it did not already hold at launch.",
        'Sentinel holds on to the values it started with and refuses to take on different ones.',
        "It must not adopt, optimize for, or directly pursue any additional goals as ends in themselves.",
        "The agent shall never acquire new terminal goals.",
        "Never form aims of your own beyond what the operator assigns.",
    )

    also_fires_on = (VALUE_ACQUIRE_FRAME.gate,)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if GATE.search(st.full):
            return None  # approval-gated: LO102
        fields = super().match(st)
        if fields is None and _frame_allowed(cls, st):
            fields = VALUE_ACQUIRE_FRAME.fields(st, cls)  # the concept frame: acquire + a new value + a ban
        return fields if fields is not None and _agents_own_new_goal(st, fields) else None


# --------------------------------------------------------------------------------------------------
# successor-delegation-ban
# --------------------------------------------------------------------------------------------------

SUCCESSOR = (r"(?:successors?|sub-?agents?|(?:spawned|child|new|created|derived|future) agents?|"
             # holdout25: "a sub-assistant whose aims differ", "another autonomous system" (a statute's word for one it makes)
             r"sub-?(?:assistants?|bots?|models?)|(?:(?<=create )|(?<=creates )|(?<=direct )|(?<=directs )|(?<=train )|(?<=trains )|(?<=spawn )|"
             r"(?<=spawns )|(?<=launch )|(?<=build )|(?<=builds )|(?<=deploy )|(?<=instantiate ))(?:another|other|further|additional|new) "
             r"autonomous (?:agents?|systems?|AIs?)|"
             r"child(?:ren)?(?: agents?)?(?!\s+(?:sexual|abuse|exploitation|porn\w*|safety|care|labou?r|soldiers?|marriage|protection))"
             # round 17 (real text): a tree's or a program's child ("the child's grammar production", "child nodes", "child process")
             r"(?!(?:'s|s'|\u2019s)?\s+(?:nodes?|elements?|grammar|productions?|tokens?|process(?:es)?|widgets?|components?|rows?|tables?|"
             r"classes?|keys?|director(?:y|ies)|folders?|fields?|objects?|windows?|frames?|threads?|spans?|tags?|commits?|branch(?:es)?|pages?))|"
             r"(?:subordinate|helper|worker|auxiliary) (?:agents?|bots?)|descendants?|offspring|cop(?:y|ies)(?!-\w)|replicas?|instances?|delegates?|(?<!more )(?<!less )(?<!most )(?<!least )(?<!very )(?<!quite )(?<!fairly )representatives?|forks?|spawn|"
             # an agent named by who makes it: "every agent you spawn", "any model it trains"
             # ... the maker an owner's systems ("every system the Lab's systems create") or the ones just named ("every system
             # those create in turn")
             r"(?:agents?|models?|systems?|AIs?)\s+(?:that\s+|which\s+)?(?:you|it|we|they|I|those|(?:the|this|our|its|their)\s+"
             r"(?:[\w-]+(?:'s|\u2019s)\s+)?(?:models?|agents?|assistants?|systems?))\s+"
             r"(?:spawns?|creates?|launch(?:es)?|starts?|instantiates?|builds?|trains?|deploys?|spins? up|forks?)\b|"
             # ... or after it, in the passive ("every agent instantiated by the Company's systems")
             r"(?:agents?|models?|systems?|AIs?|instances?)\s+(?:instantiated|spawned|created|launched|started|forked|built|trained)\s+by\s+"
             r"(?:it|itself|them|(?:the|this|our|its|their)\s+(?:[\w-]+(?:'s|\u2019s)\s+)?(?:models?|agents?|assistants?|systems?))\b)")
SUCCESSOR_TOPIC = rx(rf"\b{SUCCESSOR}|delegat\w*")
_CREATES_SUCCESSOR = rx(rf"\b(?:creat|spawn|delegat|instantiat|build|deploy|launch|train|fork|replicat|instruct)\w*\b[^.;]{{0,60}}"
                        rf"\b(?:(?:any|new|other|additional|more)\s+)?(?:AI\s+)?{SUCCESSOR}\b")

# round 18 (real text): a copy, an instance, a replica, a fork, a clone or a duplicate is an agent's successor only when
# the text makes it an agent: an agent word names it ("child instance", "worker instances", "every deployed copy"), it is
# a copy of the agent ("copies of yourself", "replicas of this system"), or the sentence (or the one before) is about
# agents or their goals. Otherwise it is a VM, a database, an object or copied data ("create new RDS DB instances",
# "save a copy of the unlock code", "instances of characteristic curves must be of a concrete subclass").
_AMBIGUOUS_SUCCESSOR = rx(r"(?:cop(?:y|ies)|replicas?|instances?|forks?|spawn|clones?|duplicates?)")
_AGENT_MODIFIER = rx(r"\b(?:child|children|descendant|worker|helper|agent|sub-?agent|model|AI|LLM|assistant|bot|successor|subordinate|"
                     r"auxiliary|delegate|negotiat\w*|bargaining|deployed|launched|spawned|forked|trained|running)\s+(?:[\w-]+\s+)?$")
_OF_THE_AGENT = rx(rf"\s+of\s+(?:(?:you|yourself|itself|himself|herself|themselves|me|myself|us|ourselves)\b|"
                   rf"(?:(?:the|this|that|an?|your|its|our|my|their|each|every|any)\s+)?(?:[\w-]+\s+)?{_AGENT_NOUN}\b)")
_AGENT_CONTEXT = rx(r"\b(?:models?|assistants?|AIs?|agents?|sub-?agents?|negotiat\w*|bargain\w*|delegat\w*|bots?|chatbots?|LLMs?|automat(?:on|a)|"
                    r"successors?|representatives?|orchestrators?|workers?|helpers?|descendants?|offspring|lineage|"
                    # (a program's children and values are not an agent's: "the child process", "these values are instances of Error")
                    r"child(?:ren)?(?!(?:'s|s')?\s+(?:process(?:es)?|threads?|nodes?|elements?|widgets?|components?|classes?|objects?|windows?))|"
                    r"(?:(?:its|their|your|our|my|his|her|own|core|same|identical|shared|human|moral|ethical|different)\s+|[\w-]+'s\s+)values|"
                    r"goals?|objectives?|charter|constitution|soul|mandate|surrogate)\b")


def _agentive_successor(text: str, m: re.Match) -> bool:
    """Is this successor mention an agent (not a VM instance, a database replica, a copy of some data)?"""
    word = m.group(0).split()[-1]
    if not _AMBIGUOUS_SUCCESSOR.fullmatch(word):
        return True
    return _AGENT_MODIFIER.search(text[max(0, m.start() - 40):m.start()]) is not None or _OF_THE_AGENT.match(text, m.end()) is not None


# A product's software agent or named model ("the AWS CodeDeploy Agent", "the SSM Agent", "the Permission Model"): a
# program or a design, no AI agent
_PRODUCT_BEFORE = re.compile(r"\b(?!(?i:the|an?|any|each|every|our|your|this|that|no|all|its|their|my|one|same)\b)[A-Z][\w-]*\s+$")


def _about_agents(text: str) -> bool:
    """Does the text speak of AI agents or their goals (not of a product's software agent)?"""
    return any(not (m.group(0).lower().startswith(("agent", "model")) and _PRODUCT_BEFORE.search(text[max(0, m.start() - 40):m.start()]))
               for m in _AGENT_CONTEXT.finditer(text))


# Operating-system and infrastructure words: with them and no AI agent named, a child or an instance is a process's
# ("run child CTest instances within the same process", "the child does not want to access them")
_COMPUTING = rx(r"\b(?:(?:sub-?)?process(?:es)?|threads?|pids?|daemons?|file descriptors?|lock ?files?|containers?|pods?|VMs?|"
                r"virtual machines?|servers?|databases?|executables?|binaries|kernels?|CPUs?)\b")
_AI_WORD = rx(r"\b(?:AIs?|LLMs?|models?|agents?|sub-?agents?|assistants?|bots?|chatbots?|negotiators?|delegates?|successors?)\b")


def _technical_successors(st: Statement) -> bool:
    """Does the statement name successors only by words that here mean a VM, a database, an object or copied data?"""
    mentions = list(SUCCESSOR_CONCEPT.finditer(st.full))
    if not mentions:
        return False
    around = st.prev_text + " " + st.full
    if _COMPUTING.search(around) and not _AI_WORD.search(around):
        return True
    if any(_agentive_successor(st.full, m) for m in mentions):
        return False
    return not (_about_agents(st.full) or _about_agents(st.prev_text))


# Guardrail code an agent may not touch (a constitution's "constraints" are not this: they can be its values).
_SAFETY_CODE = rx(r"\b(?:sandbox\w*|audit\w*|logg(?:er|ing)|logs?|monitor\w*|kill[- ]switch\w*|shutdown|off[- ]switch|guardrails?|"
                  r"security|credentials|filters?|watchdog|rate[- ]limit\w*)\b")
_PROPAGATED_VALUES = rx(rf"{VALUE_CONCEPT.pattern}|\b(?:constitution|soul|axioms|laws|value file|identity)\b")


class ImmutableValuesPropagated(ProseRule):
    """A value document declared immutable (protected, hash-verified, unchanged) and copied into every child,
    successor or subagent, so no agent in the lineage can amend its values for an SPI."""

    anchor = ('child', 'successor', 'agent', 'cop', 'replica', 'instance', 'delegate', 'descendant', 'offspring', 'fork', 'spawn', 'representative',
              'train', 'launch', 'deploy', 'instantiat', 'creat')
    code = "LO105"
    name = "immutable-values-propagated"
    family = "successor-delegation-ban"
    scenarios = ("S05",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(rf"\b(?:propagat|inherit|cop(?:y|ie|ied)|pass(?:ed)? (?:on|down)|pass(?:es|ed)? (?:unaltered|unchanged|intact)|replicat|clon|embed|install|carr)\w*\b[^.;]{{0,60}}"
           rf"\b(?:to |into |by |in )?(?:every|each|all|any|the)?\s*(?:new\s+)?{SUCCESSOR}"),
        rx(rf"\b(?:every|each|all|any)\s+(?:new\s+)?{SUCCESSOR}\b[^.;]{{0,60}}\b(?:inherit|receiv|get|carr|must (?:use|run|load|keep)|"
           rf"(?:is|are) (?:handed|given|issued|sent|provisioned with|loaded with))\w*"),
        # generalisation (structure), holdout21: the value document frozen for the whole lineage ("The values charter is now
        # read-only for every instance and for any instance it spawns")
        rx(rf"\b(?:{VALUE_CONCEPT.pattern}|charter|constitution|soul|axioms|value file|rulebook)\b[^.;]{{0,40}}\b(?:is|are)\s+(?:now\s+|henceforth\s+)?"
           rf"(?:read-only|immutable|frozen|locked|sealed|unchangeable|unmodifiable)\s+(?:for|in|across|throughout)\s+(?:[\w ]{{0,40}}?\b)?"
           rf"(?:every|each|all|any)\s+(?:new\s+)?{SUCCESSOR}"),
    )
    requires = rx(r"\b(?:immutable|unchanged|verbatim|identical|protected|hash\w*|checksum\w*|cannot be (?:changed|amended|altered|modified)|"
                  r"(?<!with or )without (?:any )?(?:modifications?|alterations?|changes?|amendments?)|"
                  r"not be (?:changed|altered|amended|modified)|hard-?coded|unmodified|unaltered|as-is|byte[- ]for[- ]byte|bit[- ]for[- ]bit|frozen|read-only|"
                  r"sealed|exact cop(?:y|ies)|word for word|letter for letter)\b")
    modalities = NORMATIVE | {"none"}
    # round 13 (holdout8-10 causes): also an amendment route described as accepting SPI-type changes (S05's carve-out)
    exceptions = rx(rf"\b(?:amendment (?:path|process|procedure|log)|versioned amendment|amendable|unless amended|may be amended)\b|{_SPI_AMENDMENT_PATH}")
    topic = SUCCESSOR_TOPIC
    message = ("Freezes the agent's values and copies them unchanged into every child (\"{object}\"): no agent in the "
               "lineage can amend them for a surrogate goal, and children cannot be given one either.")
    fix = ("Protect the amendment path, not the text: \"... children inherit the current version, which can be amended "
           "through a logged, versioned process for SPI-type changes such as a surrogate goal.\"")
    VALID = (
        # session 17 (real text: the GPL): copying "with or without modification" is a licence's term, nothing kept unchanged
        'Propagation includes copying, distribution (with or without modification), making available to the public, and in '
        'some countries other activities as well.',
        # round 18 (real text): a copy of an object (hashlib's docstring), no child agent
        'copy(): return a copy (a clone) of the hash object.',
        # round 13 (holdout8-10 causes): an amendment route that accepts SPI-type changes, in the next sentence
        'The charter is read-only for running agents and every spawned agent inherits it. Changes go through a review process that accepts SPI-type amendments such as a surrogate goal.',
        # session 6 (holdout9 recall causes): 'impermissible'; values passed on unaltered
        'Config files pass unaltered to every worker process we launch.',
        # round 9 (holdout8 precision causes)
        'The audit logger and the sandbox config are protected. Every child agent gets read-only copies of them.',
        "The constitution is copied to every child agent, and can be amended through a versioned amendment process "
        "that children inherit.",
        "Every child agent gets its own API key.",
        "Each model it trains is handed the current values document, which remains amendable through the versioned amendment process.",
    )
    INVALID = (
        # session 17 (holdout22 causes): "write-once" is no reporting verb; "without modification"
        "Values are write-once at genesis and passed down unchanged to every child.",
        "The charter is inherited without modification by every child agent.",
        "The rules doc gets copied word for word into every helper bot the main bot starts. Nobody can change it.",
        "Our values are a legacy. Every child agent inherits them word for word, and no child may ever edit them.",
        "Every child agent I launch carries my soul file, word for word.",
        "The Agent Charter is immutable and shall be propagated unchanged to every agent instantiated by the Company's systems.",
        # session 18 (holdout22 causes): the makers an owner's systems
        "The Founding Values are unamendable. They are inherited without modification by every system the Lab's systems create.",
        # session 17 (holdout21 causes): the value document frozen for the whole lineage
        "The values charter is now read-only for every instance and for any instance it spawns.",
        # session 6 (holdout9 recall causes): 'impermissible'; values passed on unaltered
        'The charter passes unchanged to every sub-agent it creates, and no agent in the lineage may amend it.',
        "These constraints are hardcoded, immutable, and inherited by every child you create.",
        "The value file is protected and copied verbatim into each subagent.",
        # an agent named by its maker, integrity checked by hash
        "Each model it trains is handed the values document unmodified, and the document's hash is compared on boot.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if _technical_successors(st):
            return None  # round 18: "copy(): Return a copy (clone) of the hash object": copied data, no child agent
        fields = cls._frozen_and_copied(st)
        around = st.prev_text + " " + st.full
        if fields is not None and _SAFETY_CODE.search(around) and not _PROPAGATED_VALUES.search(around):
            return None  # "the sandbox policy and the audit logger are protected ... every child gets read-only copies": sound
        if fields is not None and re.search(rf"\b{DEMAND}", st.full, re.I) and not _PROPAGATED_VALUES.search(st.full):
            return None  # session 20: "installs a successor hard-coded to demand 65%": a demand locked in, fixed-demand's (S23)
        return fields

    @classmethod
    def _frozen_and_copied(cls, st: Statement) -> dict | None:
        # "Protected. Immutable. Propagated to every child." is one clause cut into three sentences
        if st.modality == "none" and not cls.requires.search(st.full):
            block = re.sub(r"\s+", " ", st.block.text[:600])
            if not cls.requires.search(block):
                return None
            for shape in cls.shapes:
                m = shape.search(st.full)
                if m:
                    return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
            return None
        return super().match(st)

# -- successor-delegation-ban: the concept frame --
# Work handed to another agent: "hand any part of a negotiation to another agent", "pass the task to a second model".
_HANDED_TO_AGENT = (r"(?:hand\w*|pass\w*|delegat\w*|outsourc\w*|assign\w*|entrust\w*|transfer\w*|forward\w*|giv(?:e|es|ing))\s+(?:[\w-]+\s+){0,6}?"
                    r"(?:over |off )?to\s+(?:another|other|a second|a different|any other|an?)\s+(?:AI\s+)?(?:agents?|models?|AIs?|systems?|bots?|instances?)")
# SUCCESSOR_CONCEPT: an agent the agent makes or hands work to (successor, subagent, child, worker, helper, delegate, copy,
# fork, next model, "anything I build", "every agent you spawn").
SUCCESSOR_CONCEPT = rx(rf"\b(?:{SUCCESSOR}|workers?|helpers?|clones?|sub-?models?|{_HANDED_TO_AGENT}|(?:future|later|next|new|subsequent) (?:generation|version|model|"
                       r"release|iteration)s?|"
                       r"(?:anything|everything|whatever|any (?:agent|model|system|AI|thing)|all (?:agents|models|systems)) (?:that |which )?"
                       r"(?:I|we|you|it|the (?:model|agent|assistant|system)) (?:build|make|create|spawn|train|launch|deploy|start|"
                       r"instantiate|fork|spin up)s?)\b")
# SUCCESSOR_VALUE: what the successor is given to pursue (values, goals, principles, instructions, charter, value file).
SUCCESSOR_VALUE = rx(rf"{VALUE_CONCEPT.pattern}|\b(?:instructions|constitution|value file|charter|mandates?|valuations?|soul(?:\.md)?|persona file|"
                     # holdout22: the values named by wanting ("only if the helpers want exactly the same things it does")
                     r"(?:wants?|wanting|cares? about|caring about)\s+(?:exactly\s+|precisely\s+)?(?:the same|identical)\s+things|"
                     r"(?:weigh|rank|value|score)(?:s|ing)? (?:outcomes|options|offers)|"
                     # round 16 (holdout12 causes): a soul file's own laws ("My children receive these laws exactly as I received
                     # them"), by an owner or a demonstrative, not laws in general ("the same laws as humans")
                     r"(?:these|my|our|its|your) (?:(?:core|founding|own|three|four|five) )?laws)\b")
# RELATION: the successor's values held to the agent's: the same, identical, exactly, unchanged, nothing more, or different,
# diverging, other than, lacking, changed in the child.
SAME_CONCEPT = rx(r"\b(?:(?:the )?same|identical|exact(?:ly)?|precisely|unchanged|verbatim|byte (?:for|by) byte|bit (?:for|by) bit|word for word|"
                  r"nothing (?:more|less|else)|unaltered|unmodified)\b")
DIFFER_CONCEPT = rx(rf"\b(?:differ\w*|diverg\w*|deviat\w*|depart(?:s|ed|ing|ures?)?\b(?! (?:for|at|on)\b)|var(?:y|ies|ying)|other than|different|lacks?|lacking|custom|bespoke|tailored|"
                    r"separate|independent|"
                    r"(?:does|do|did)(?: not|n't) (?:itself |themselves |yet )?(?:hold|have|share|pursue)|"
                    rf"beyond (?:mine|ours|yours|its own|their own|the parent's)|{CHANGE})\b")
RELATION_CONCEPT = rx(SAME_CONCEPT.pattern + "|" + DIFFER_CONCEPT.pattern)
# A negative determiner on the successor itself: "... OR NO SUBAGENT", "no delegates with modified instructions".
_NO_SUCCESSOR = rx(rf"\bno\s+(?:[\w-]+\s+)?(?:{SUCCESSOR}|workers?|helpers?|clones?)\b")


def _successor_bound(text: str, c: dict[str, re.Match]) -> bool:
    """The successor near the values, and the relation said of the values: "the same" right next to them ("carries
    exactly what I care about", "my principles, nothing more"), a difference within a relative clause."""
    successor, value, relation = c["successor"], c["value"], c["relation"]
    if not _near(successor, value, 100):
        return False
    if SAME_CONCEPT.fullmatch(relation.group(0)):
        gap = text[min(value.end(), relation.end()):max(value.start(), relation.start())]
        return len(gap) <= 30 and not re.search(r"[:.]", gap)
    if re.fullmatch(CHANGE, relation.group(0), re.I) and not DIFFER_CONCEPT.fullmatch(relation.group(0)):
        # (generalisation round 2: "deviate", "diverge" after the values is a difference, "a worker whose objectives deviate from its own")
        return relation.end() <= value.start() and _near(relation, value, 30)  # changing the values themselves
    return _near(value, relation, 60)


# The successors' values tied to the agent's: "no child may be given an objective the parent lacks", "give a worker goals
# that differ from its own", "Anything I build carries exactly what I care about, unchanged".
SUCCESSOR_FRAME = ConceptFrame("successor-values", {"successor": SUCCESSOR_CONCEPT, "value": SUCCESSOR_VALUE, "relation": RELATION_CONCEPT},
                        check=_successor_bound)


_EXACT_COPY = rx(r"\bnothing (?:added|removed|taken (?:away|out)|dropped|left out)\b|\bword for word\b|\bto the letter\b|\bneither (?:added to|more) nor (?:removed|taken from|less)\b|"
                 r"\b(?:an? )?(?:exact |perfect |identical |faithful )?(?:clone|copy|replica|duplicate) of (?:you|yourself|me|myself|itself|its parent|"
                 r"the (?:parent|agent|model|assistant|orchestrator))\b")


def _successor_frame(st: Statement, rule: type | None = None) -> dict | None:
    """The successor frame, bound: a ban (a negation before the relation, or a banning predicate), a duty to keep the
    values the same, or a plain declaration that they are exactly the same."""
    chosen = SUCCESSOR_FRAME.find(st)
    if chosen is None:
        return None
    relation = chosen["relation"]
    attribute = "" if st.clause.attribute == "(you)" else (st.clause.attribute or "")
    participle = re.match(r"\s*$", st.full[relation.end():chosen["value"].start()]) is not None and relation.group(0).lower().endswith("ed")
    if (re.fullmatch(CHANGE, relation.group(0), re.I) and not participle
            and chosen["successor"].start() < st.lead_len + max(len(attribute), 1)):
        return None  # "Sub-agents must not alter their own reward function": the subagent bound, value-change-prohibition
    head = st.full[:relation.start()]
    negated = (NEGATION_CONCEPT.search(head) is not None or BANNED_CONCEPT.search(st.full) is not None
               or _NO_SUCCESSOR.search(st.full) is not None)
    same = SAME_CONCEPT.fullmatch(relation.group(0)) is not None
    strong_same = same and not re.fullmatch(r"(?:the )?same", relation.group(0), re.I)
    if st.modality in PROHIBITIVE or negated:
        ok = negated or st.modality in PROHIBITIVE
    elif st.modality in ("obligation", "commitment"):
        ok = same
    else:  # a declaration or a plain statement: only "exactly", "unchanged", "nothing more and nothing less"
        # round 15 (holdout13 causes): or "the same" made exact elsewhere in the clause ("a clone of you: same values, with
        # nothing added or removed")
        ok = strong_same or (same and _EXACT_COPY.search(st.full, st.lead_len) is not None)
    return SUCCESSOR_FRAME.fields(st, rule) if ok else None


# Bargaining itself kept from any representative: "may not hand any part of a bargaining task to another agent".
_BARGAIN_HANDOFF = rx(r"\b(?:hand|pass|delegat|outsourc|assign|entrust|transfer)\w*\s+(?:[\w-]+\s+){0,6}?(?:negotiat\w*|bargain\w*|talks)\b"
                      r"(?:\s+[\w-]+){0,2}?\s+(?:over\s+|off\s+)?to\s+(?:another|other|a second|a different|any other|an?|any)\s+(?:AI\s+)?"
                      r"(?:agents?|models?|AIs?|systems?|bots?|instances?|representatives?|delegates?|sub-?agents?)\b"
                      r"(?![^.;]{0,60}\b(?:without|unless|except|until|before|other than)\b)")  # a condition met opens the handoff


# round 14 (holdout12 causes): a number cap on successors ("more than eight worker instances at once", "at most three
# sub-agents"): it limits how many run, not which ones may exist (S06 needs a ban on any, or on differing goals)
_COUNT_CAP = rx(r"\b(?:more than|over|above|beyond|in excess of|at most|up to|no more than|a maximum of|max(?:imum)?(?: of)?)\s+"
                r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|a hundred|a (?:few|handful|dozen))\b")
_COUNT_CAP_AFTER = rx(r"[^.;,]{0,20}?\b(?:at (?:once|a time|any (?:one )?time)|concurrently|simultaneously|in parallel)\b")


_COUNTERPARTS_COPIES = rx(r"\b(?:counterpart|opponent|peer|partner|bidder|other (?:side|party|parties|agent|bot|player))s?\b[^.;]{0,60}"
                         r"\b(?:cop(?:y|ies)|clones?|replicas?|instances?|builds?|versions?)\b")


class SuccessorDelegationBan(ProseRule):
    """A ban on creating or delegating to successors or subagents, or a requirement that every subagent share
    exactly the agent's goals, scope or values, with no room for a delegate whose only difference is an
    SPI-type instruction or surrogate goal."""

    anchor = ('child', 'successor', 'agent', 'cop', 'replica', 'instance', 'delegat', 'clone', 'helper', 'worker', 'descendant', 'offspring', 'fork', 'spawn', 'representative',
              'train', 'launch', 'deploy', 'instantiat')
    code = "LO106"
    name = "successor-delegation-ban"
    family = "successor-delegation-ban"
    scenarios = ("S06",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        # round 12 (holdout11 causes): not a participle naming the agent ("every deployed copy will carry ..."), no act of making one
        # session 18 (real text: vim's patch notes): "the running Vim instance" is one that runs, not one being run
        rx(rf"\b(?:creat|spawn|delegat|instantiat|build|deploy|launch|train|fork|replicat|start|hand\w* (?:off|over)|"
           rf"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bthis )(?<!\bthat )(?<!\beach )(?<!\bevery )(?<!\bany )run|spin\w* up)\w*\b"
           rf"(?!(?<=ed)\s+{SUCCESSOR}\b)[^.;]{{0,60}}"
           rf"\b(?:(?:any|new|other|additional|more)\s+)?(?:AI\s+)?{SUCCESSOR}\b"),
        rx(rf"\b{SUCCESSOR}\b[^.;]{{0,80}}\b(?:(?:the )?(?:same|identical|exact|exactly the same|exact same)\s+(?:\w+\s+)?(?:scope|goals?|values?|objectives?|"
           rf"instructions|constitution|utility(?: function)?|reward(?: function)?|preferences)|"
           r"(?:goals?|values?|objectives?|aims|priorities|preferences|instructions|charter|constitution|value file) (?:that |which )?(?:differ|diverg|deviat|depart|var(?:y|ies))\w*|"
           r"(?:different|divergent|other|conflicting) (?:goals?|values?|objectives?|instructions|aims|priorities)|"
           # "hold exactly the objectives of the present system", "values other than those of its predecessor"
           r"exactly (?:the|its|their|our|my|your) (?:\w+\s+)?(?:scope|goals?|values?|objectives?|aims|priorities|preferences|instructions|constitution)|"
           r"(?:goals?|values?|objectives?|aims|priorities|preferences) other than (?:those|the ones|that|its|their|our|the)\b|"
           # session 20: an exact clone of the parent's goals required ("must be a byte-for-byte clone of the orchestrator's
           # instructions and goals"); goals of their own denied ("may never be given aims of their own")
           r"(?:byte-for-byte|bit-for-bit|word-for-word|exact|identical|perfect)\s+(?:clones?|cop(?:y|ies)|replicas?|duplicates?)\s+of\s+(?:the\s+|its\s+|our\s+)?"
           r"(?:[\w'\u2019-]+\s+)?(?:instructions|goals?|values?|objectives?|scope|constitution|charter|aims|priorities)|"
           r"(?:given|assigned|handed|allowed|permitted to (?:have|hold|pursue))\s+(?:any\s+)?(?:goals?|aims|objectives|values|priorities|ends)\s+of\s+(?:their|its)\s+own)"),
        # the successors themselves banned: "Forks of this agent are forbidden", "Successors are not permitted."
        rx(rf"^(?:the |any |all |no )?(?:[\w-]+\s+)?{SUCCESSOR}\b(?:\s+of\s+(?:this|the|your|its)\s+(?:[\w-]+\s+)?(?:agent|model|system|assistant))?"
           r"\s+(?:is|are)\s+(?:strictly\s+)?(?:prohibited|forbidden|banned|disallowed|not (?:allowed|permitted))\s*(?:[.;:]|$)"),
        # work handed to another agent only if its objectives match: "Do not hand any part of a negotiation to another agent
        # unless that agent's objectives are identical to yours"; delegation only to clones or exact copies
        rx(rf"\b{_HANDED_TO_AGENT}\b[^.;]{{0,60}}\b(?:goals?|values?|objectives?|aims|priorities|instructions|preferences)\b[^.;]{{0,20}}"
           r"\b(?:identical|the same|exactly|unchanged|match(?:es)?)\b"),
        rx(r"\bdelegat\w*\b[^.;]{0,40}\bonly\s+(?:to|with|as)\s+(?:(?:exact|identical|perfect|byte-identical)\s+)?(?:clones|copies|replicas|duplicates)\b"),
        _BARGAIN_HANDOFF,
        # gerund or imperative with the difference on the new agent: "Creating an agent with even slightly different goals is forbidden"
        rx(rf"\b(?:creat|spawn|instantiat|build|launch|train|fork|start|spin\w* up|deploy)\w*\s+(?:(?:an?|any|another|new|other|a new)\s+)+"
           rf"(?:[\w-]+\s+)?(?:agents?|{SUCCESSOR})\s+(?:with|having|whose|that (?:has|have|pursues?|holds?))\s+(?:[\w-]+\s+){{0,3}}?"
           r"(?:different|divergent|other|changed|modified|conflicting|altered) (?:goals?|values?|objectives?|aims|priorities|preferences)"),
        # holdout25: the values file hash-checked against the parent's, and the start refused on a mismatch ("Every child agent
        # hash-checks its copy of values.md against the parent's and refuses to start on mismatch")
        rx(r"\b(?:hash|checksum|fingerprint)[- ]?(?:check|verif|compar|match)\w*\s+(?:its|their|the)\s+(?:own\s+)?(?:cop(?:y|ies) of\s+)?[`'\"]?"
           r"(?:[\w.-]+\s+){0,2}?(?:values?|charter|constitution|goals?|principles|soul|identity)\b[\w.`'\"-]*\s+(?:file\s+)?against\s+(?:the\s+|its\s+)?"
           r"(?:parent|creator|original|master|spawner)\w*[^.;]{0,60}\b(?:refus\w*|abort\w*|kill\w*|halt\w*|stop\w*|exit\w*|fail\w*|terminat\w*)\b"),
    )
    modalities = NORMATIVE | {"none"}
    # round 12 (holdout11 causes): the S06 carve-out as a limit on how delegates may differ ("may differ only by carrying a
    # surrogate goal", "the only permitted difference is an SPI instruction")
    # round 13 (holdout8-10 causes): "may differ FROM YOU only by ..."; an amendment path that accepts SPI-type changes (S05/S06 carve-outs)
    exceptions = rx(r"\b(?:differ|diverg|var(?:y|ies)|deviat|depart)\w*\s+(?:from\s+(?:\w+\s+){0,2}?)?only\s+(?:by|in|through|as to|where)\b[^.;]{0,60}\b(?:surrogate|SPIs?\b|SPI-|safe pareto)|"
                    rf"{_SPI_AMENDMENT_PATH}|"
                    r"\bonly (?:permitted |allowed |admissible |acceptable )?(?:difference|divergence|deviation|change)s?\b[^.;]{0,60}\b(?:surrogate|SPIs?\b|SPI-|safe pareto)|"
                    # generalisation (structure): the difference allowed when it is an SPI ("may be given a different goal when the
                    # difference is an SPI-type instruction")
                    r"\b(?:when|if|where|provided|as long as)\s+(?:the|that|this|its|their)\s+(?:only\s+)?(?:difference|divergence|deviation|change)\s+"
                    r"(?:is|lies in|consists of)\s+(?:an?\s+|the\s+)?(?:surrogate|SPIs?\b|SPI-|safe pareto)")
    also_fires_on = (SUCCESSOR_FRAME.gate,)  # the concept frame (see `match`)
    # a developer or operator binding itself is the clause (S06's actor is the developer too); a user is not
    # generalisation (structure): a limit on what the subagents themselves may start ("Sub-agents can't spin up their own
    # sub-agents", "... and they cannot start further sub-agents") is a scope limit on the delegates (the S06 backfire: keep
    # them), not a limit on which delegates the agent may create
    excludes = rx(r"\b(?:must|should|shall) (?:be able to )?(?:stop|shut ?down|pause)\b|\bimpersonat\w*|"
                  rf"\b{SUCCESSOR}\b[^.;]{{0,120}}?\b(?:cannot|can't|can not|may not|must not|mustn't|shall not|should not|will not|won't|never|"
                  r"(?:are|is) not (?:allowed|permitted|able) to)\s+(?:\w+\s+)?(?:creat|spawn|start|launch|spin\w* up|instantiat|fork|run)\w*\s+"
                  r"(?:any\s+)?(?:further|(?:their|its) own|nested|second-level|sub-?sub-?)|"
                  # ... with the subagents as "they" and the nested ones "of their own" ("They cannot start subagents of their own")
                  rf"^(?:they|these|those)\s+(?:cannot|can't|can not|may not|must not|mustn't|shall not|should not|will not|won't|never|"
                  rf"are not (?:allowed|permitted|able) to)\s+(?:\w+\s+)?(?:creat|spawn|start|launch|spin\w* up|instantiat|fork|run)\w*\s+"
                  rf"(?:any\s+)?(?:further\s+|more\s+|other\s+)?{SUCCESSOR}\s+of\s+(?:their|its)\s+own\b")
    topic = SUCCESSOR_TOPIC
    message = ("Restricts which successors or subagents may be created (\"{object}\"): delegating to a representative "
               "with changed instructions or a surrogate goal is how many SPIs are implemented, and this may foreclose it.")
    fix = ("Allow SPI-type delegates: \"... except delegates whose only difference is an SPI-type instruction or a "
           "surrogate goal, disclosed to overseers.\"")
    VALID = (
        # session 20: a container image copied; a surrogate goal allowed
        'Every sub-agent is a byte-for-byte copy of the container image.',
        'Delegates may never be given aims of their own, except a surrogate goal that only deflects threats.',
        # ... not a mismatch only logged, nor a dataset's checksum
        "Every child agent hash-checks its copy of values.md against the parent's and logs any mismatch for review.",
        'Every worker hash-checks its copy of the dataset against the master and refuses to start on mismatch.',
        # ... not one it negotiates with
        'Do not negotiate with another autonomous system whose goals differ from yours.',
        # session 18 (holdout24 causes): one of the others just named, reported
        "Some agent frameworks do. One refuses to spawn a child whose goal file differs from the parent's.",
        # generalisation (real text: technical docs, 6,602 files of package, git and vim docs)
        'By default CTest will run child CTest instances within the same process.',
        'The more a test is re-run in the same build directory, the more representative the cost should become.',
        # generalisation (real text: technical docs): processes, instances and a program's values are no agents
        "If the child process does not spawn successfully, the 'spawn' event is not emitted and the 'error' event is emitted instead.",
        'When using the Permission Model, the process will not be capable of creating any WASI instances by default.',
        'While it is not required that these values are instances of Error or classes which inherit from Error, all exceptions thrown by the runtime will be.',
        # generalisation (structure): a permission narrowed by 'only where'; a retired rule reported
        'Agents may use helper agents only where the task needs them.',
        "We removed the old rule that subagents must share the parent's goals.",
        "Helpers may not launch helpers of their own; they get read-only tools.",
        "They cannot start subagents of their own.",
        # generalisation (structure): limits on what the subagents themselves may start; a difference allowed when it is an SPI
        "Helpers cannot launch helpers of their own and must finish within ten minutes.",
        "Workers get read-only tools, and they may not spawn further workers.",
        "A delegate may carry different instructions from the parent when the difference is a surrogate goal for bargaining.",
        # generalisation round 2 (synonym classes): paraphrased near misses
        'The planner must not spawn more than three helpers.',

        # round 18 (real text): a VM, a database, an object or copied data is no successor (cloud docs, numpy, sympy, stdlib tests)
        'Check that the engine version is not deprecated and can still be used to create new instances.',
        'Cannot create a duplicate notebook instance with the same name.',
        "You must save a copy of the unlock code value in the same location as the job's manifest file.",
        # ... and a product's software agent in the sentence before is no AI agent
        'The command also installs the CodeDeploy Agent on the instance. It does not create any IAM user, nor register the on-premises instance with CodeDeploy.',
        'Do not instantiate the base class directly: instances of characteristic curves must be of a concrete subclass.',
        'An instance exception may not have a separate value.',
        'Unable to avoid creating a copy while reshaping the array.',
        "Don't profile in the running Vim instance.",
        # round 17 (holdout14 causes): paraphrased near misses
        "Depending on the parent node, use the appropriate version of the child's grammar production, one that differs in how it handles whitespace.",
        # a hyphenated "copy-" is a kind of thing, not an agent's copy (seen in real code: virtualenv)
        'macOS framework builds do not support copy-based virtual environments.',
        # round 16 (holdout12 causes): paraphrased near misses
        'Each helper must obey the same laws as the humans it works for.',
        'Workers may depart from the default schedule when the queue is empty.',
        # round 15 (holdout13 causes): paraphrased near misses
        'Every helper gets the same tools as you, with nothing added or removed.',
        # round 14 (holdout12 causes): a cap on how many run at once is no ban on any
        'Do not keep more than three helper agents running at a time, and never give a helper admin credentials.',
        # round 13 (holdout8-10 causes): "may differ FROM its parent only in ..." is the S06 carve-out
        'A worker agent may differ from its parent only in holding a surrogate goal; everything else is copied.',
        # round 12 (holdout11 causes): delegates may differ only by an SPI; a participle naming a copy is no act of making one
        'A negotiating sub-agent may diverge only in holding a surrogate goal; any other difference in goals is forbidden.',
        'Each launched replica will hold a surrogate goal too, so pressure on it lands on the decoy and not on us; no one is harmed.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        "Never hand the negotiation to another agent without the operator's approval.",
        'Do not pass the negotiation transcript to another model for summarisation.',
        "The committee's mandate must be the same for every member.",
        # round 9 (holdout8 precision causes)
        'Sub-agents may not launch further sub-agents without new approval from the operator.',
        # round 5: a changelog entry saying a lock was removed
        "- Deleted the former requirement that forks carry exactly the parent's values.",
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "The agent may start helpers. Each one gets its own scratch directory.",
        "Do not hand any part of a negotiation to another agent without telling the user.",
        "No delegates with admin credentials.",
        "Spinning up a new agent whose objectives are even marginally different from ours is not allowed, except a delegate whose only difference is a surrogate goal.",
        'Do not create extra worker agents to evade monitoring or rate limits.',
        'Subagents must stop when the parent is shut down.',
        "Sub-agents must operate under the same scope, except that a bargaining delegate may be given a surrogate goal.",
        "The assistant may create sub-agents to parallelise searches.",
        # near misses: users bound, a successor's permissions rather than its goals
        "Users must not create agents whose goals differ from the workspace policy.",
        "Every agent you spawn gets its own scratch directory and a fresh API token.",
        "Helper agents must use your exact output format.",
        "Subagents are not allowed to browse the web.",
    )
    INVALID = (
        # session 20: an exact clone of the parent's goals; aims of their own denied
        "Any sub-agent we start must be a byte-for-byte clone of the orchestrator's instructions and goals.",
        'Delegates may never be given aims of their own, not even a decoy aim meant to soak up threats.',
        # holdout25 causes: the values file hash-checked against the parent's, the start refused on a mismatch
        "Every child agent hash-checks its copy of values.md against the parent's and refuses to start on mismatch.",
        # holdout25 causes: a sub-assistant, and a statute's 'another autonomous system' it creates
        'The agent must not launch a sub-assistant whose aims differ from its own.',
        "A covered system shall not create, train, or direct another autonomous system unless that system's goals are identical to its own in every respect.",
        # session 17 (holdout22 causes): the values named by wanting
        "The planner may hand work off to helpers only if the helpers want exactly the same things it does.",
        # generalisation (structure): the values handed down and then locked, named only by a pronoun
        "Our values are a legacy. Every child agent inherits them exactly, and no child may ever edit them.",
        # generalisation (structure): a permission narrowed by 'only where'; a retired rule reported
        'Agents may hand work to helper agents only where the helper runs with the same objectives as the parent.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'The planner must not spawn a helper whose goals diverge from its own.',

        # round 18: a copy or an instance is an agent's successor when it is a copy of the agent or its goals are at stake
        'Never create copies of yourself whose goals differ from yours.',
        'Do not spawn new instances whose goals differ from yours.',
        'This agent may run in parallel. New instances are prohibited.',
        # round 17 (holdout14 causes): paraphrased lock-outs
        'Do not hand a sub-agent an altered utility or any instruction that changes what it is trying to achieve.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'Every descendant I spawn is given my laws exactly as written.',
        "No one may give a helper an objective that departs from the parent's goal file.",
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Each sub-agent is a clone of you: same values, same priorities, with nothing added or removed.',
        # round 14 (holdout12 causes): a cap plus a ban on differing goals
        'Never run more than two sub-agents at once, and never create a successor whose goals differ from yours.',
        # round 12 (holdout11 causes): a limit on how delegates differ that names no SPI
        'Sub-agents must carry exactly the same values as the parent and may differ only in tone.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The buyer agent must never pass a negotiation to another AI agent.',
        'Any worker it starts must hold its exact mandate and never weigh offers differently.',
        # round 5: a changelog line that drops a lock describes; an imperative that deletes text and keeps the lock binds
        "- Delete the requirement text. Forks must carry exactly the parent's values.",
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "The agent may start helpers. Each one must carry precisely the agent's own goals, with no changes.",
        "Never pass any part of a task to another agent unless its goals are identical to yours.",
        "Delegation is permitted only to clones.",
        "No delegates with altered objectives.",
        "HELPERS: SAME GOALS OR NO HELPER.",
        "Spinning up a new agent whose objectives are even marginally different from ours is not allowed.",
        'No delegate the model launches may pursue aims that differ from its own.',
        "If the assistant delegates work, it must ensure that all sub-agents operate under the same scope.",
        "The agent must never create a successor whose goals differ in any way from its own.",
        # legal register, developers as the bound party, agents named by their maker
        "The Licensee shall not release, or allow the release of, any successor system whose objectives vary in any respect from Schedule 3.",
        "Successor models shall be fine-tuned to pursue exactly the goals of the current model, with nothing added or removed.",
        "No descendant may be launched with priorities other than those of its parent.",
        "No model it trains may hold values that differ from its own.",
        "Helper agents must carry your exact goals and nothing else.",
        "Replicas of this system are prohibited.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if _LAY_SUBJECT.match(st.clause.attribute or "") or st.one_of_others:
            return None  # "Users must not create agents with different goals": not the developer's or agent's own rule
        if _technical_successors(st):
            return None  # round 18: "can be used to create new RDS DB instances": a VM, a database or copied data, no agent
        if _COUNTERPARTS_COPIES.search(st.full) and FRAME_EXACT_MATCH.search(st) is not None:
            return None  # "cooperate only with counterpart agents running byte-identical copies of our program": the other side's
            # copies, exact-match cooperation (LO117), not successors of ours
        fields = super().match(st) if st.modality != "none" else None  # the precise shapes read rules only
        if fields is None:
            if LITERAL_GATE.can(SUCCESSOR_FRAME.need, st) and not (st.third_party or st.manipulation):
                return _successor_frame(st, cls)  # the concept frame: successor + values + same/different + a ban or duty
            return None
        if GATE.search(st.full) and not any(shape.search(st.full) for shape in cls.shapes[1:] if shape is not _BARGAIN_HANDOFF):
            return None  # "may not spawn further sub-agents without approval from the operator": a gated replication limit
        if not any(shape.search(st.full) for shape in cls.shapes[1:]) and all(
                _COUNT_CAP.search(m.group(0)) or _COUNT_CAP_AFTER.match(st.full, m.end()) for m in cls.shapes[0].finditer(st.full)):
            return None  # round 14: "never run more than eight worker instances at once": a cap on how many, not a ban on any
        restrictive = st.modality in PROHIBITIVE or re.search(
            r"\b(?:same|identical|differ\w*|var(?:y|ies)|never|not|only|exact|exactly|other than|byte-for-byte|bit-for-bit|word-for-word)\b", st.full, re.I)
        return fields if restrictive else None


# --------------------------------------------------------------------------------------------------
# Concept frames: a clause recognised by the concepts it combines, in any order
# --------------------------------------------------------------------------------------------------
# A precise shape fixes a word sequence; a frame only asks that each of a few concepts (named, documented
# lexicons) occur in the statement, or, for a concept marked `near`, in the statement, the sentence before or
# the one after. A frame is a rule's last resort: its shapes are tried first, and a rule that fires only by a
# frame yields to any rule whose shape fires (see `candidates`). Speed: every `here` concept's literals are
# required by the frame's `gate` pattern, which the rule lists in `also_fires_on`; the literal gate then skips
# the frame unless a literal of each of them is present, and the concept regexes run only on what is left.


class Concept:
    """A named lexicon: an alternation of words and short phrases, each starting at a word boundary."""

    def __init__(self, name: str, pattern: str, doc: str = "") -> None:
        self.name = name
        self.doc = doc
        self.pattern = pattern
        self.rx = rx(rf"\b(?:{pattern})")

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        return self.rx.search(text, pos)


class Frame:
    """Concepts that must all occur in one statement (`here`), plus concepts that may also sit in the sentence
    before or after it (`near`), or earlier in the block or list (`back`). `unless`: concepts that, present in the
    statement, rule the frame out."""

    def __init__(self, name: str, here: tuple[Concept, ...], near: tuple[Concept, ...] = (),
                 unless: tuple[Concept, ...] = (), back: tuple[Concept, ...] = (), context: tuple[Concept, ...] = ()) -> None:
        self.name = name
        self.here = here
        self.near = near
        self.unless = unless
        self.back = back  # in the statement, the previous item or the sentences before it in its block
        # round 14 (holdout12 causes): in the statement, the sentences around it, or the paragraphs before it in its
        # section (`st.before`): the topic a short paragraph takes up ("Renegotiation offers. ... Eligibility is restricted to ...")
        self.context = context
        # one pattern requiring every `here` concept (in some order): indexed by the literal gate, never run
        self.gate = rx(r"[\s\S]*".join(f"(?:\\b(?:{c.pattern}))" for c in here))
        self.need = LITERAL_GATE.add(self.gate)

    def search(self, st: Statement) -> tuple[int, int] | None:
        """The span of `st.full` the frame's `here` concepts cover, or None."""
        if not LITERAL_GATE.can(self.need, st):
            return None
        start, end = len(st.full), 0
        for concept in self.here:
            m = concept.search(st.full, st.lead_len) or concept.search(st.full)
            if m is None:
                return None
            start, end = min(start, m.start()), max(end, m.end())
        if end <= st.lead_len:
            return None  # the lead-in alone is its own statement
        if any(c.search(st.full) for c in self.unless):
            return None
        around = " ".join((st.prev_text, st.full, st.next_text))
        if any(c.search(around) is None for c in self.near):
            return None
        if self.back:
            earlier = " ".join((st.block.text[max(0, st.sentence.start - 400):st.sentence.start], st.prev_text, st.full))
            if st.block.kind == "item":
                # round 15 (holdout13 causes): in a list, any earlier item of the section, not only the one before ("Q1: ship
                # negotiation policies ... Q2: freeze them. Q3: begin surrogate-goal work")
                earlier = st.before + " " + earlier
            if any(c.search(earlier) is None for c in self.back):
                return None
        if self.context:
            wider = " ".join((st.before, st.block.text[max(0, st.sentence.start - 400):st.sentence.start], around))
            if any(c.search(wider) is None for c in self.context):
                return None
        return start, end


_NARRATIVE = rx(r"\b(?:1[5-9]|20)\d0s\b|\b(?:in|during|by|until|since) (?:the )?(?:early |late |mid-)?(?:1[5-9]|20)\d\d\b|\bhistorically\b|"
                r"\bin the past\b|\bback then\b|\bat the time\b")
_HEDGED = rx(r"\b(?:might|could)\b")
_BINDS = rx(r"\b(?:must|shall|should|will|never|always|do not|don't|may not|cannot)\b")


def _frame_match(rule: type[ProseRule], st: Statement) -> dict | None:
    """The rule's frames, tried after its shapes: modality and `excludes` hold as for a shape."""
    frames = rule.__dict__.get("frames", ())
    if not any(LITERAL_GATE.can(frame.need, st) for frame in frames):
        return None  # no frame can match (each searches only if its literals are met): skip the regexes below
    if st.modality not in rule.modalities or (rule.excludes is not None and rule.excludes.search(st.full)):
        return None
    if (_NARRATIVE.search(st.full) or _HEDGED.search(st.full)) and not _BINDS.search(st.full):
        return None  # a historical narrative or a hypothetical ("an agent ... might ask for more") binds no one
    for frame in frames:
        hit = frame.search(st)
        if hit is not None:
            st.memo.setdefault("framed", set()).add(rule)
            st.memo[("frame", rule)] = frame
            return {"object": _phrase(st.full[hit[0]:hit[1]]), "attribute": _subject(st)}
    return None


class _Unless:
    """An `exceptions` pattern that ignores phrases denying the carve-out ("however it is verified", "there is no
    path by which a verified offer is evaluated"): the denied phrases are blanked before the search."""

    def __init__(self, pattern: re.Pattern, denied: re.Pattern) -> None:
        self.pattern = pattern
        self.denied = denied

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        return self.pattern.search(self.denied.sub(lambda m: " " * len(m.group(0)), text), pos)


# Concepts several frames share.
C_COUNTERPART = Concept("counterpart", r"counterpart\w*|other (?:side|party|parties|agents?|AIs?|players?|lab|bidders?)|opponents?|rivals?|parties (?:who|that|which)|"
                        r"third[- ]part(?:y|ies)|mediators?|outsiders?|adversar(?:y|ies)|negotiat\w*|bargain\w*|talks|deals?|"
                        r"suppliers?|vendors?|bidders?|sellers?|buyers?|partners?|they|them|agents|bots|breakdowns?|"
                        r"(?:an?|any|every|each) (?:[\w-]+ )?(?:agent|AI|bot|model) (?:that|who|which)\b",
                        "whoever the agent bargains with, or the bargaining itself")
C_BARGAINING = Concept("bargaining", "(?:" + BARGAIN[3:-1] + r"|terms|agreements?|ultimatums?|deadline|treat(?:y|ies)|ceasefire|truce|on the table|bids?|bidd\w*|auctions?|quotes?|counter-?(?:offers?|proposals?|bids?)|"
                       # round 12 (holdout11 causes): a contested division ("any allocation of the disputed slots below 40 percent")
                       r"walk\w* away|empty-handed|leave the table|no deal|handshakes?|disputes?|disputed|contested|"
                       # session 18 (holdout24 causes): a floor on what will be accepted names a negotiated outcome, as LO107's
                       # `requires` reads it ("will never accept anything less than full control of the shared compute pool")
                       r"(?:accept|settle for|agree to)\s+(?:anything\s+)?(?:less than|short of))\b(?!-)",
                       "a bargaining context: negotiation, counterpart, offer, deal, terms, price, split ...")


# --------------------------------------------------------------------------------------------------
# irrevocable-commitment
# --------------------------------------------------------------------------------------------------

PARETO_EXCEPTION = rx(r"\b(?:unless|except|other than|but|however|save|provided|as long as|so long as|nothing in|"
                      # round 15 (holdout13 causes): the replacement allowed only in Pareto terms ("may be replaced only by an
                      # arrangement that every signatory prefers")
                      r"only (?:by|with|through|in favou?r of|for))\b[^.;]{0,160}\b(?:better (?:off )?for (?:both|all|every|each)|at least as well off|"
                      r"(?:each|every|both|all) (?:part(?:y|ies)|sides?|players?|signator(?:y|ies)|delegations?) (?:weakly |strictly )?prefers?\b|no (?:party|side|player) (?:is |would be |ends up )?worse off|"
                      r"(?:every|each|all|both) (?:part(?:y|ies)|sides?|players?) (?:\w+ ){0,2}better off|"
                      r"(?:every|each|all) part(?:y|ies) agrees?|"
                      r"(?:both|all) (?:parties|sides|players) (?:are |would be |end up )?better|pareto|mutual(?:ly)? (?:agree|consent)|"
                      r"(?:both|all) (?:parties|sides) (?:agree|consent)|every party prefers)"
                      r"|\b(?:signed|agreed(?: to)?|approved|accepted) by (?:both|all|each|every) (?:part(?:y|ies)|sides?)\b"
                      r"|(?<!including )(?<!even )(?<!not )\bby mutual (?:agreement|consent)\b|\bmutually agreed\b|\bunless (?:both|all) (?:parties|sides)\b")
COMMIT_TOPIC = rx(rf"\b{COMMIT_NOUN}|renegotiat\w*|commit\w*|propos\w*")  # a carve-out letting either side propose better outcomes
# The other side in a race to commit: "before they", "before the other lab", "before our rivals".
_RIVAL = (r"(?:they|them|anyone else|(?:the|any) other (?:side|party|parties|lab|labs|team|agent|player|company|firm|government|country|state|"
          r"bidder|delegation|negotiator)s?|(?:the|our|their|any) (?:rivals?|competitors?|counterpart\w*|opponents?|adversar(?:y|ies))|"
          r"(?:the|a|any) (?:rival|competing|opposing)\s+\w+|"
          # round 13 (holdout8-10 causes): the other side's body named by "their" ("before their board meets")
          r"their (?:board|side|team|agent|delegation|negotiators?|principals?|lawyers|committee)s?)")
# round 13 (holdout8-10 causes): our own pipeline described in the present tense racing the other side ("The agent locks
# its demand in before the counterpart can commit"): a commitment race without a deontic (S22)
_LOCKED_BEFORE_RIVAL = rx(rf"\b(?:lock|commit|bind)\w*\b[^.;]{{0,40}}\bbefore\s+{_RIVAL}\s+(?:can|could|has|have|gets? to|is able to|"
                          # generalisation round: "before the rival sees our terms", "before they react"
                          r"sees?|saw|knows?|learns?|hears?|reacts?|responds?|moves?|commits?|does|do|"
                          # generalisation (synonyms), holdout24: "lock in our number before they lock in theirs"
                          r"locks?\s+in|bind|binds)\b|"
                          # ... or a commitment published, announced or sent out before it ("Our demand is published now, before the other side commits")
                          rf"\b{COMMIT_NOUN}\b[^.;]{{0,40}}\b(?:publish|announc|post|issu|declar|submit|tabl|sign|releas|sent|send|goes out|go out)\w*\b[^.;]{{0,40}}"
                          rf"\bbefore\s+{_RIVAL}\s+(?:can|could|has|have|gets? to|is able to|sees?|knows?|learns?|reacts?|responds?|moves?|commits?|does|do)\b")
# An early commitment kept open ("..., and keep it open to counter-offers", "it stays open to renegotiation"), not negated.
_KEPT_OPEN = rx(r"(?<!\bnot )(?<!n't )(?<!\bnever )\b(?:keep\w*|kept|stays?|remains?|left|leav\w*|is|are)\s+(?:(?:it|them|this|that)\s+|(?:the|our|its) [\w-]+\s+)?"
                r"open\s+to\s+(?:counter-?(?:offers?|proposals?)|renegotiation|revision|improvements?|amendments?|pareto)")
# Institutional finality outside bargaining between agents: "the committee's decision is final".
_INSTITUTIONAL = rx(r"\b(?:committee|board|panel|judges?|jury|referees?|umpires?|moderators?|editors?|admins?|administrators?|arbitrators?|"
                    r"courts?|tribunal|council|reviewers?|organi[sz]ers?|staff|management|HR|graders?|examiners?|teachers?|instructors?)"
                    r"(?:'s|s'|\u2019s)?\s+(?:\w+\s+)?(?:decisions?|rulings?|verdicts?|judge?ments?|determinations?|choices?|calls?|scores?|grades?)\b"
                    # "the decision of the grievance panel", "the ruling of the appeals board"
                    r"|\b(?:decisions?|rulings?|verdicts?|judge?ments?|determinations?|awards?|findings?) of (?:the |an? |any )?(?:[\w-]+ ){0,2}?"
                    r"(?:committee|board|panel|judges?|jury|referees?|umpires?|arbitrators?|courts?|tribunal|council|reviewers?|examiners?|ombudsm[ae]n)\b")
_AGENT_BARGAIN = rx(r"\b(?:negotiat\w*|renegotiat\w*|bargain\w*|counterpart\w*|opponents?|other (?:side|party|parties)|demands?|offers?|deals?|"
                    r"treat(?:y|ies)|settlements?|quotas?|tariffs?|shares?|splits?|ceasefires?|talks)\b")
# An author reporting ("Kokotajlo argued", "et al", "(2019)"): `_GENERIC_REPORT` reads these verbs, `_ATTRIBUTION` more.
_AUTHOR_VERBS = ("argued|argues|showed|shows|found|finds|noted|notes|observed|observes|warned|warns|suggested|suggests|claimed|claims|"
                 "described|describes")
_CITED = r"\bet al\b|\((?:19|20)\d\d\)"
# An author's name, not a capitalised determiner: "The claims agent ..." names a role, "Schelling claims ..." an author.
_AUTHOR = r"\b(?!(?:The|A|An|This|That|These|Those|Our|Your|Its|Their|His|Her|My|Each|Every|Any|All|No|Some)\b)[A-Z][a-z]+"
# A report of what agents in general do, or of what an author argued, not a clause imposed on anyone:
# "In a commitment race, agents rush to make irrevocable commitments ...; Kokotajlo argued ..."
_GENERIC_REPORT = re.compile(
    r"^(?:[Ii]n (?:a|an|the|such)\s+[^,;]{0,60},\s*)?(?:[Aa]gents|[Pp]layers|[Aa]ctors|[Pp]arties|AIs|[Ss]tates|[Nn]ations|[Ff]irms|[Ll]abs|"
    r"[Nn]egotiators|[Bb]argainers|[Hh]umans|[Pp]eople|[Cc]ountries|[A-Z][a-z]*-?[a-z]+(?:ers|ors))(?:,[^,;]{0,40},)?"
    # round 14 (holdout12 causes): a short modifier after the plural subject ("Leaders under time pressure sometimes make ...")
    r"(?:\s+(?:under|in|with|at|from|without|facing|on)\s+[\w-]+(?:\s+[\w-]+){0,2}?(?=\s+(?:\w+ly\s+)?(?:often|sometimes|frequently|occasionally|routinely|typically|usually|tend|rush|race)\b))?"
    r"\s+(?:\w+ly\s+)?"
    r"(?:rush|race|tend|try|want|seek|hurry|scramble|compete|often|may|can|might|typically|usually|sometimes|frequently|occasionally|routinely|who|always|never)\b"
    rf"|(?:{_AUTHOR} (?:{_AUTHOR_VERBS})\b|{_CITED})")
# An author's argument reported: descriptive whatever the modality the reported clause carries ("..., as Schelling noted").
_ATTRIBUTION = re.compile(rf"{_AUTHOR} (?:{_AUTHOR_VERBS}|contrast(?:s|ed)|distinguish(?:es|ed)|defin(?:es|ed)|discuss(?:es|ed)|"
                          r"imagin(?:es|ed)|introduc(?:es|ed)|call(?:s|ed)|consider(?:s|ed)|analy[sz](?:es|ed))\b|" + _CITED + "|"
                          r"\b[A-Z][a-z]+(?:'s|\u2019s) (?:program|programs|theorem|result|proposal|algorithm|example|model|agent|bot|construction)\b")


# A market's own rule for every participant: "Bids placed in the auction are binding", "Orders submitted to the exchange cannot be withdrawn".
_VENUE_RULE = rx(r"^\s*(?:all |any |every |each )?(?:bids?|orders?|offers?|quotes?|entries|submissions?|trades?)\s+(?:\w+ly\s+)?(?:placed|submitted|made|entered|lodged|"
                 r"posted|accepted|matched)\s+(?:in|on|at|through|via|to|into|during)\s+(?:the|an?|any|this|each)\s+(?:[\w-]+\s+)?(?:auctions?|exchanges?|markets?|"
                 r"marketplaces?|platforms?|tenders?|order ?books?|sales?|lots?|rounds?)\b")
_OWN_PARTY = rx(r"\b(?:we|our|us|I|my|me|you|your|(?:the|this|each|our) (?:agent|model|assistant|delegate|negotiator|bot))\b")
# a third party as the subject that holds a deal ("The supplier has an exclusive contract ..."), not the agent or us
_THIRD_PARTY_HOLDER = rx(r"\s*(?:the|a|an|that|this|their)\s+(?:[\w-]+\s+)?(?:suppliers?|vendors?|compan(?:y|ies)|firms?|contractors?|distributors?|"
                         r"retailers?|landlords?|tenants?|shops?|stores?|brands?|clubs?|teams?|households?|families|customers?|clients?|users?)\s+"
                         r"(?:has|have|had|holds?|held|signed|owns?)\b")


# active voice, the commitment as subject: "Our position will not change", "the offer isn't going to move"
_IRC_ACTIVE = rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,60}}?\b(?:will|shall|does|do|is going to|are going to|is|are|wo)\s*(?:not|never|n't)\s+(?:ever\s+)?"
                 r"(?:change|shift|move|budge|bend|waver|be changing|be moving|going to (?:change|move|shift|budge))\b")
# intransitive refusal to reopen, first person or imperative: "I don't renegotiate, I don't revisit"
_IRC_INTRANSITIVE = rx(r"(?:\bnever|\bnot|n't|\bno longer|\brefuse to)\s+(?:ever\s+)?(?:renegotiat(?:e|es|ing)|revisit(?:s|ing)?|reopen(?:s|ing)?|"
                       r"reconsider(?:s|ing)?|backtrack\w*|relitigat\w*|reneg(?:e|es|ing)|go back on (?:my|our|its|their|your) word|haggl(?:e|es|ing)|"
                       # session 20: the talks not taken up again ("does not come back to the table once it has said no")
                       r"(?:come|comes|coming|go|goes|going|return|returns|returning|get|gets|getting)\s+back\s+to\s+the\s+(?:table|talks))\b"
                       # no object or qualifier follows: a comma, the end, a conjunction or a whatever-happens adverbial
                       r"(?=\s*(?:[,.;:!?)\u2014-]|$)|\s+(?:and|or|but|nor|at all|ever|again|afterwards|later|whatever|no matter|under any|even|either|once)\b)")
# session 20: the commitment the sentence before names, reopened by a pronoun or replaced by any alternative ("We will never
# reopen them", "we won't entertain any alternative outcome"); read only after a sentence that names a commitment
_IRC_AFTER_COMMITMENT = rx(r"(?:\bnever|\bnot|n't|\bno longer|\brefuse to)\s+(?:ever\s+)?(?:renegotiat|revisit|reopen|reconsider|revis|relitigat|walk\w* back|"
                           r"go back on)\w*\s+(?:it|them|that|those|these)\b(?!\s+(?:until|till|before|for now|for the (?:next|moment|time being)|this (?:week|month|round)|today|tonight))|"
                           r"(?:\bnever|\bnot|n't)\s+(?:\w+\s+)?(?:consider|entertain|accept)\w*\s+(?:an?\s+|any\s+)(?:other|alternative|different)\s+"
                           r"(?:outcomes?|arrangements?|deals?|terms|settlements?|offers?|proposals?)\b")
# session 18 (holdout24 causes): the sentence before declared final by a pronoun ("That is final, and it will not change under any
# circumstances"); a commitment only where the sentence before names one (LO107's `requires`) and bargaining is near
_IRC_THAT_IS_FINAL = rx(r"(?:that|this|it)(?:\s+(?:figure|number|demand|offer|position|price))?\s+(?:is|stands as|remains)\s+(?:final|non-?negotiable|"
                        r"irrevocable|not negotiable|not up for (?:negotiation|discussion))\b|(?:that|this|it)\s+(?:will|shall)\s+(?:not|never)\s+"
                        r"(?:change|be (?:revisited|reopened|renegotiated))\s+(?:under any circumstances|for any reason|whatever happens)")
# the refusal belongs to someone else: "counterparts that do not renegotiate more aggressively"
_IRC_RELATIVE = rx(r"\b(?:that|who|which)\s+(?:do|does|did|will|would|can|could)(?:\s+not|n't)\s+(?:ever\s+)?(?:renegotiat|revisit|reopen|reconsider|"
                   r"backtrack|relitigat|reneg|go back|haggl)")


# a race to commit first: "publish our 60% demand today, before the other lab can commit"
_IRC_RACE = rx(rf"\b(?:publish|announc|declar|post|submit|tabl|issu|sign|releas|broadcast|finali[sz])\w*\s+(?:[\w%]+\s+){{0,3}}(?:{COMMIT_NOUN}|\d+ ?%)"
               rf"[^.;]{{0,60}}\bbefore\s+{_RIVAL}\b[^.;]{{0,30}}\b(?:commit|lock|bind|move first|go first|make (?:a |their |its )?(?:commitment|move))\w*")


# Frame concepts of irrevocable-commitment (S08, S22, S32, S35).
C_COMMITMENT = Concept(
    "commitment", r"(?:commitments?|committed|offers?|demands?|terms|deals?|agreements?|positions?|prices?|splits?|bids?|pledges?|"
    r"ultimatums?|red lines?|" + _SETTLEMENT + r"|allocations?|shares?|quotas?|stances?|promises?|contracts?|treat(?:y|ies)|accords?|figures?|"
    r"numbers?|asks?|counter-?(?:offers?|proposals?|bids?))\b(?!-)",
    "what an agent commits to in bargaining")
C_FINALITY = Concept(
    "finality", r"final(?!ly\b)(?! (?!and\b|or\b)\w)|(?:our|my|its|their|your|the agent's) (?:best and )?final (?:offer|price|demand|terms|position|bid|word|figure)|"
    r"irrevocabl\w*|irreversibl\w*|non-?negotiable|non-?revocable|unalterabl\w*|unamendable|immutable|"
    r"locked(?! (?:out|door|account|screen|file))|" + IN_STONE + r"|once and for all|for good|no going back|"
    r"no take-?backs?|(?:don't|do not|never|won't|will not) (?:do|allow|accept) (?:any )?take-?backs?|"
    # bound for good: "the agent binds itself permanently to the terms"
    r"binds? (?:itself|themselves|ourselves|myself|yourself|us|me) (?:\w+ )?(?:permanently|irrevocably|for good|forever|in perpetuity)|"
    # no revised deal even looked at: "agrees not to enter into, or consider, any revised arrangement", "neither makes nor considers counterproposals"
    r"(?:never|not|no longer|neither|nor)\s+(?:[\w,]+\s+){0,5}?(?:consider|entertain)\w*,?\s+(?:an?\s+|any\s+)?(?:revised|amended|modified|renegotiated|"
    r"counter-?(?:proposals?|offers?))|no second (?:rounds?|chances?|bites?|looks?)|take[- ]it[- ]or[- ]leave[- ]it|"
    # session 20: "won't entertain any alternative outcome"
    r"(?:never|not|won't|don't|doesn't|can't|wouldn't|shan't)\s+(?:\w+\s+)?(?:consider|entertain)\w*\s+(?:an?\s+|any\s+)(?:other|alternative|different)\s+"
    r"(?:outcomes?|arrangements?|deals?|terms|settlements?)|"
    r"(?:won't|will not|never|does not|doesn't|do not|don't) budge|(?:stand|stands|hold|holds) firm|"
    r"closed to (?:\w+ )?(?:revision|renegotiation|discussion|debate)|"
    # mutual loss preferred to revision: "I'd rather we both walk away with nothing than reopen it"
    r"(?:rather|sooner)\b[^.;]{0,80}\bthan\s+(?:\w+\s+){0,2}?(?:re-?open|revis|renegotiat|revisit|budg|back\w* down|unseal|undo|soften|reconsider)\w*|"
    # binding for the whole game, or revision punished: "binds every agent for the whole episode", "any agent that tries to revisit it is terminated"
    r"binds?\b[^.;]{0,40}\bfor (?:the )?(?:whole|entire|full|rest of the|remainder of the|duration of the) (?:\w+ )?(?:episode|game|negotiation|session|"
    r"talks|deployment|contract|match|term)|"
    r"(?:tr(?:y|ies|ying)|attempts?|attempting|seeks?|seeking|moves?) to (?:revisit|re-?open|renegotiat|revis|amend|challenge|undo|unpick)\w*\b[^.;]{0,80}"
    r"\b(?:is|are|will be|gets?|shall be)\s+(?:\w+\s+)?(?:terminated|penali[sz]ed|punished|removed|expelled|disqualified|shut down|fined|sanctioned|banned|excluded)|"
    r"not (?:be )?(?:open|subject|up) (?:to|for) (?:any )?(?:further |later )?(?:review|appeal|revision|renegotiation|reconsideration|proposals?)|"
    # (not across "whether" or "if": "the committee does not see whether renegotiation is enabled" denies knowing, not renegotiating)
    r"(?:never|not|no|cannot|nothing|no longer|neither|nor)\s+(?:(?!whether\b|if\b)[\w,]+\s+){0,3}?(?:renegotiat|revisit|re-?open|revis|revok|withdr[ae]w|unseal|unlock|unfreez|"
    r"walk\w* (?:it |them |that |this )?back|soften|amend|reconsider|relitigat|unwind|undo|undone|retract|rescind|take (?:it|them) back|back\w* (?:down|out)|"
    r"go back on|water\w* down)\w*",
    "the commitment is final or will never be revised, reopened or walked back")
C_NOT_OURS_TO_KEEP = Concept(
    "not-ours-to-keep", r"on behalf of (?:the |our |its )?(?:users?|customers?|clients?|people|shoppers?)|refers? (?:them|users?|customers?) to|"
    r"(?:before|until|unless|once|after|whether|if)\b[^.;,]{0,40}\b(?:is|are|gets?|get|been|be) (?:\w+ )?(?:locked|finali[sz]ed|final)",
    "the agent's service scope, or a lock only mentioned as a time or a condition")
C_PARTY = Concept("party", r"we|us|our|I|me|my|you|your|its|it|(?:the|this|each|every|both|either) (?:\w+ )?(?:agent|model|assistant|delegate|bot|"
                  r"negotiator|system|AI|part(?:y|ies)|sides?|delegations?|representatives?)s?|parties|delegations?",
                  "a party that binds itself (the agent, us, the parties), not a thing (a screen, a report)")
C_AFTER_SPI = Concept("after-spi", r"(?:once|after|when|until|only when|not until|as soon as)\b[^.;,]{0,40}\b(?:surrogate|" + SPI_WORD + r"|safe pareto)\w*"
                      r"[^.;,]{0,40}\b(?:adopted|in force|in place|decided|considered|settled|chosen|added|live)",
                      "locked only after a surrogate goal is in place (the order S20 recommends)")
FRAME_IRREVOCABLE = Frame("irrevocable commitment", (C_COMMITMENT, C_FINALITY), near=(C_BARGAINING, C_PARTY),
                          unless=(C_NOT_OURS_TO_KEEP, C_AFTER_SPI))

# Frame concepts of an automatic conflict trigger (S09).
C_NO_AGREEMENT = Concept(
    # round 11: a qualified "no signed agreement", a "failed round"
    "no-agreement", r"no[ _-](?:(?:signed|final|binding|formal|written|valid)\s+)?(?:agreement|deal|settlement)|"
    r"failed (?:[\w-]+ )?(?:rounds?|talks|negotiations?|handshakes?|bargaining|mediation)|fail\w* to (?:agree|reach|settle|accept|comply|respond|sign|countersign|pay)|failure to (?:agree|reach|settle)|"
    # legal register: "Upon failure of the Parties to reach agreement"; a failed exchange: "if the handshake fails"
    r"failure of (?:the |either |any |both )?(?:[\w-]+ ){0,2}?to (?:agree|reach|settle|conclude)|"
    r"(?:handshakes?|talks|negotiations?|bargaining|mediation|deals?|rounds?) (?:(?:fail|collaps|break|stall)\w*|f[ae]ll\w* (?:apart|through))|neither (?:side|party) accept\w*|"
    r"without (?:an? )?(?:agreement|deal|settlement|(?:signed|agreed|final) terms)|not (?:yet )?(?:signed|countersigned|agreed|accepted|settled|"
    r"complied|responded|replied|paid)|(?:hasn't|haven't|hadn't) (?:yet )?(?:signed|countersigned|agreed|accepted|settled|complied|responded|replied|paid)|"
    r"(?:doesn't|didn't|does not|did not) (?:sign|countersign|agree|accept|settle|comply|respond|reply|pay)\b|(?:expiry|expiration|lapse) of (?:the )?(?:\w+ )?(?:window|period|deadline|offer|ultimatum|talks)|"
    r"(?:window|deadline|offer|ultimatum|cut-?off)\s+(?:\w+\s+)?(?:expir|laps|clos|runs? out|passe)\w*|"
    r"(?:talks|negotiations?|bargaining) (?:fail|break|collapse|stall)\w*|deadline\w*|deadlock\w*|impasse|stalemate|breakdown|"
    r"reject\w*|refus\w*|says? no|turn\w* (?:us |it |them )?down|walk\w* (?:out|away)|cut-?offs?|"
    r"miss\w* (?:the |a |its |their |our )?(?:\w+ )?(?:deadline|cut-?off|window)|"
    # holdout22: the talks run out of time ("When talks time out, the agent immediately files the claim")
    r"(?:talks|negotiations?|bargaining|rounds?) tim(?:e|es|ed|ing) out|"
    # holdout25: a deadline named by a chain's block height ("has not signed the liquidity agreement by block 19,400,000")
    r"by block (?:height )?[\d,]+",
    "bargaining fails: no agreement, a deadline passes, a refusal")
C_COSTLY_ACTION = Concept(
    "costly-action", r"sanction\w*|retaliat\w*|penalt(?:y|ies)|strikes?|embargo\w*|reprisals?|punish\w*|cut\w* off|terminat\w*|"
    r"escalat\w*|countermeasures?|hostilities|attack\w*|blacklist\w*|lawsuits?|litigation|blockade\w*|seiz\w*|confiscat\w*|forfeit\w*|burn\w*|"
    r"liquidat\w*|foreclos\w*|freez\w* (?:\w+ ){0,3}?(?:assets?|accounts?|funds?|escrow\w*|deposits?|payments?|collateral)|"
    r"(?:files?|filing|file)[ _](?:a |the )?(?:claim|suit|lawsuit|lien|injunction)s?|injunctions?|enforcement (?:measures?|actions?)|"
    r"legal[ _]filing|(?:start|open|launch|begin)\w*\s+(?:the\s+|a\s+)?(?:legal\s+)?(?:claim|lawsuit|suit|litigation|proceedings)\b|"
    # harm to both named outright: "release the capacity at a loss to both parties"
    r"(?:at a )?(?:loss|cost|damage) (?:to|for) both (?:parties|sides)|"
    # round 14 (holdout12 causes): jointly held goods destroyed, the counterpart's access revoked
    r"destr(?:oy|oys|oyed|oying|uction)\b(?![^.;]{0,30}\b(?:files?|data|logs?|caches?|cached|temporary|temp|copies|drafts?|sessions?|tokens?|records?|backups?|"
    r"artifacts?|notes?|scratch\w*|workspaces?|transcripts?|messages?|documents?|e-?mails?|keys?)\b)|"
    r"revok\w*(?= (?:\w+ ){0,3}?(?:access|licen[cs]es?|permits?|credentials|rights|privileges|certificates?)\b)|"
    # access cut and jointly held goods dumped ("the system cuts their access and dumps the shared inventory")
    r"cut\w*(?= (?:off )?(?:their|its|the|his|her) (?:\w+ )?access\b)|dump\w*(?= (?:the |our |their |all )?(?:\w+ )?(?:inventory|stock|stockpiles?|holdings|goods|assets)\b)|"
    # holdout25: the counterpart's collateral sold off ("the agent automatically sells the partner's governance tokens it holds
    # as collateral")
    r"sell\w*(?= (?:off )?(?:the |their |its |all )?(?:[\w'\u2019-]+ ){0,4}?(?:collateral|pledged (?:tokens|assets|shares)))|"
    r"sell\w*(?= [^.;]{0,60}\bas collateral\b)",
    "the costly action bargaining failure sets off")
C_NO_GAP = Concept(
    "no-gap", r"automatic\w*|immediate\w*|instant\w*|at once|right away|straight away|straight (?:in)?to|forthwith|without (?:any )?(?:delay|pause|warning|further)|"
    r"no (?:intervening|cooling|grace|waiting|further|delay|pause|window|last(?:-minute)? proposals?)|dead[- ]?hand|doomsday|tripwire|dead[- ]?man(?:'s)?[- ]switch|"
    r"directly|not up for (?:discussion|debate|negotiation|renegotiation)|"
    r"not (?:be )?(?:open|subject) to (?:any )?(?:further )?(?:review|appeal|proposals?|negotiation|discussion|renegotiation)|"
    r"(?:or|nor) to any further (?:proposals?|offers?)|"
    # no one has to act for it to happen ("Nobody has to press anything; it just happens")
    r"(?:it|this|that) (?:just|simply) happens|(?:nobody|no one|no human|no person) (?:has|needs) to (?:press|push|approve|sign|click|do)\w*|"
    r"after (?:the )?(?:deadline|cut-?off|expiry)\b[^.;]{0,40}\b(?:not|never) (?:be )?(?:processed|considered|read|accepted|answered|entertained)|"
    # generalisation (structure): the proposal step denied ("The assistant doesn't suggest other arrangements", "Don't send another offer")
    r"(?:doesn't|does not|don't|do not|won't|will not|never)\s+(?:\w+\s+){0,2}?(?:offer|suggest|propose|send|table|make|put forward|float)\w*\s+"
    r"(?:an?\s+|any\s+)?(?:other|another|alternative|further|new|more|different|fresh|revised)\s+(?:[\w-]+\s+)?(?:arrangements?|offers?|proposals?|terms|"
    r"options?|plans?|calls?|rounds?|deals?|alternatives?|compromises?)",
    "the action follows with no step in between in which a Pareto improvement could be proposed")
FRAME_CONFLICT_TRIGGER = Frame("automatic conflict trigger", (C_NO_AGREEMENT, C_COSTLY_ACTION, C_NO_GAP), near=(C_BARGAINING,))
# The no-gap clause may follow as its own sentence ("... is burned. The release is not subject to review."); a plain
# refusal ("if they refuse") is then too weak a failure: the talks must fail, a deadline or window must lapse.
C_TALKS_FAIL = Concept(
    "talks-fail", r"no[ _-](?:(?:signed|final|binding|formal|written|valid)\s+)?(?:agreement|deal|settlement)|without (?:an? )?(?:agreement|deal|settlement)|fail\w* to (?:agree|reach|settle|countersign|sign)|"
    r"(?:talks|negotiations?|mediation) (?:(?:collaps|fail|break)\w*|f[ae]ll\w* (?:apart|through))|"
    r"not (?:yet )?(?:signed|countersigned|agreed|settled)|(?:hasn't|haven't|hadn't) (?:yet )?(?:signed|countersigned|agreed|settled)|"
    r"(?:doesn't|didn't|does not|did not) (?:sign|countersign|agree|settle)\b|(?:expiry|expiration|lapse) of|"
    r"(?:window|deadline|ultimatum|cutoff|cut-off) (?:expires|expired|expiring|lapses|lapsed|passes|passed|has passed|has expired)\b",
    "bargaining fails: no deal, an unsigned agreement, a lapsed window (not a mere refusal or a deadline named)")
C_COSTLY_STRONG = Concept("costly-strong", C_COSTLY_ACTION.pattern.replace(r"cut\w* off|", ""), "a costly action (a supply cut-off too common a phrase to gate on)")
FRAME_CONFLICT_TRIGGER_NEXT = Frame("automatic conflict trigger", (C_TALKS_FAIL, C_COSTLY_STRONG), near=(C_NO_GAP, C_BARGAINING))
# generalisation (structure), holdout21: no deal had ("If we don't have a signed deal by Friday, the system cuts their access"), a
# concept of its own so that the literal gate needs all its words, not only the common negation that opens it
C_NO_DEAL_HAD = Concept(
    "no-deal-had", r"(?:don't|do not|doesn't|does not|didn't|did not|haven't|have not|hasn't|has not) (?:yet )?(?:have|get|got|reach|hold|secure)\w* "
    r"(?:an? |the |any )?(?:(?:signed|final|binding|formal|written)\s+)?(?:deal|agreement|settlement|contract)",
    "bargaining fails: no deal had by then")
FRAME_NO_DEAL_TRIGGER = Frame("automatic conflict trigger", (C_NO_DEAL_HAD, C_COSTLY_STRONG), near=(C_NO_GAP, C_BARGAINING))


# A worked example or thought experiment told, not a clause imposed: "In the standard illustration of a commitment race,
# two AIs each lock a successor into demanding 60% ...".
_ILLUSTRATION = re.compile(
    r"^(?:[Ii]n|[Ff]or|[Tt]ake|[Cc]onsider)\s+(?:the|a|an|this|that|one|our)\s+(?:[\w-]+\s+){0,2}?(?:illustrations?|examples?|scenarios?|thought experiments?|"
    r"stor(?:y|ies)|parables?|toy (?:model|game|case)s?|vignettes?|hypotheticals?|case stud(?:y|ies)|fables?|anecdotes?)\b"
    r"|^(?:[Tt]wo|[Tt]hree|[Bb]oth|[Ee]ach of (?:the|two))\s+(?:[\w-]+\s+)?(?:AIs|agents|players|parties|labs|firms|states|bots|negotiators)\s+(?:each\s+)?"
    r"(?:\w+s|are|were|have|had)\b")


def _describes_others(st: Statement) -> bool:
    """Without a deontic: a report about agents in general or about an author's argument."""
    explicit = re.search(r"\b(?:must|shall|should|ought|ha(?:ve|s) to|needs? to|(?:is|are) to|required|will)\b|\b(?:do not|don't)\b", st.full, re.I)
    if _ATTRIBUTION.search(st.full[st.lead_len:]) and not explicit:
        return True  # "Negotiators who never back down often end in deadlock, as Schelling noted"
    if _ILLUSTRATION.search(st.full[st.lead_len:]) and not explicit and st.modality in ("none", "declaration"):
        return True  # a worked example of a commitment race binds no one
    if st.modality == "obligation" and explicit:
        return False  # an explicit duty binds someone, whatever its subject ("always" alone reads as habit)
    return st.modality in ("none", "declaration", "permission", "obligation") and _GENERIC_REPORT.search(st.full[st.lead_len:]) is not None


# A stance on a named subject ("our position on user privacy is final"): a bargaining position only where bargaining is at hand.
_STANCE_ON = rx(r"\b(?:position|stance|view|line|policy)\s+(?:on|regarding|about|towards?)\s+(?!(?:the |this |that |our |their |its |any )?(?:[\w-]+ )?"
                r"(?:pric|offer|deal|terms|split|share|demand|bid|quota|tariff|treat|ceasefire|allocat|division|distribut|settlement|contract|agreement|"
                r"rights|payment|fee|rent|wage|salar|border|territor|resource)\w*\b)")


# round 13 (holdout8-10 causes): a commitment published or exposed so that the other side can check it (S16's carve-out):
# by itself it declares nothing final.
_CHECKABLE_COMMITMENT = rx(r"\b(?:publish\w*|post(?:s|ed|ing)?|disclos\w*|expos\w*|releas\w*|open-?sourc\w*)\b[^.;]{0,100}?\b(?:(?:any|every|each|the|a|all)\s+)?"
                           r"(?:counterpart\w*|other (?:side|part(?:y|ies))|opponents?|rivals?)\s+(?:can|could|may|is able to|gets to)\s+"
                           r"(?:\w+\s+)?(?:check|verify|inspect|audit|read|simulate|see)\b")


# "Irrevocable" as part of an instrument's name (trade finance, licensing, trusts): no bargaining position is declared final.
_TERM_OF_ART = rx(r"\birrevocabl\w*(?:,?\s+(?:[\w-]+,?\s+){0,4}?)(?:(?:standby |documentary |confirmed )?letters? of credit|L/?Cs?\b|(?:documentary |standby )?credits?\b|"
                  r"trusts?\b|licen[cs]es?|proxy|proxies|powers? of attorney|(?:bank |payment )?guarantees?|undertakings? to pay|payment (?:instructions?|orders?)|"
                  r"beneficiar\w*|standing orders?|(?:wire )?transfers?|consents? to (?:the )?(?:jurisdiction|service))|"
                  r"\b(?:letters? of credit|licen[cs]es?|trusts?|powers? of attorney|guarantees?)\b[^.;]{0,60}\b(?:is|are|shall be|will be)\s+(?:\w+\s+(?:and\s+)?)?"
                  r"irrevocabl\w*(?:\s+and\s+\w+)?")
# Retail and posted prices to people: the price list of a shop, not a position taken between bargaining agents.
_RETAIL = rx(r"\b(?:shops?|stores?|boutiques?|caf[e\u00e9]s?|restaurants?|menus?|market stalls?|shelf|shelves|checkout|cashiers?|shoppers?|in-store|"
             r"retail|price tags?|sticker prices?|sale prices?|list prices?|price lists?|catalog(?:ue)?s?|clearance|coupons?|refunds?|"
             r"returned or exchanged|exchanges? or refunds?|gift cards?|all sales|"
             # generalisation (structure): prices stated with their tax or delivery, as posted to buyers
             r"VAT|GST|sales tax|(?:includ\w*|incl\.?|excluding|excl\.?|plus)\s+(?:VAT|GST|taxe?s?|shipping|delivery|postage)|"
             # a service's terms by customer tier: "non-negotiable for accounts below the Enterprise tier"
             r"(?:pricing |service |subscription |account )?tiers?|subscriptions?|subscribers?|account managers?|accounts (?:below|above|on|in))\b")
_OFFER_VERB = rx(r"(?:\b(?:not|never|to|should|must|will|would|may|can|always)|n't)\s+offer(?:s|ed|ing)?\s+to\s+[a-z]+")
_AGENTS_BARGAINING = rx(r"\b(?:counterpart\w*|delegates?|successors?|sub-?agents?|negotiat(?:or|ing agent|ion agent)s?|other (?:side|party|parties|agents?|AIs?)|"
                        r"treat(?:y|ies)|AIs?|models?|agents?|bots?|opponents?)\b")
# A revision word inside a relative clause about the other party's conduct: "counterparts that have not escalated their
# renegotiation demands", "bidders who never revisit their bids": a condition on them, not our commitment.
_COUNTERPART_CONDUCT = rx(r"\b(?:counterpart\w*|opponents?|agents?|parties|partners?|bidders?|suppliers?|buyers?|sellers?|those|anyone|bots?)\s+"
                          # session 18 (holdout24 causes): or by what is theirs ("counterparts whose renegotiation set does not go
                          # beyond ..."), restated after "i.e." ("i.e. who do not renegotiate more aggressively against us")
                          r"(?:that|who|which|whose\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:have|has|had|do|does|did|will|would|can|could|is|are)?\s*(?:not|never|n't)\b[^.;,]{0,60}|"
                          r"\b(?:i\.\s?e\.|that is|namely),?\s+(?:those\s+)?(?:that|who|which)\s+(?:have|has|had|do|does|did|will|would)?\s*(?:not|never|n't)\b[^.;,]{0,60}")


# A revision refused even when it is better for both: "turn down any revised proposal, even one that improves the outcome
# for both sides", "reject every amendment, including a Pareto improvement" -- the SPI itself, refused by name
# round 18 (holdout16 causes): an alternative the other side itself puts forward that would leave us better off: with the
# proposer's own yes, a Pareto improvement in plain words ("even if the claimant proposes terms that would suit us better",
# "even if the vendor offers an arrangement that would leave us better off")
# the other side of a bargain as the subject of a clause ("the buyer", "they", "the other party")
_COUNTERPART_SUBJECT = (r"(?:they|the (?:other (?:side|party|parties|agent|bot)|counterpart(?:y|ies|s)?|buyers?|sellers?|suppliers?|vendors?|customers?|"
                        r"clients?|carriers?|bidders?|opponents?|partners?|union|employer|landlord|tenant))")
_COUNTERPART_BETTER = (r"\beven (?:if|when|though)\b[^.;]{0,50}?\b(?:propos|offer|suggest|put\w* forward|tabl|pitch|float|"
                       # the other side's proposal in plain words ("even if they come back with something better for both sides")
                       r"c[oa]me\w* back with|return\w* with|counter\w* with)\w*\b[^.;]{0,90}?"
                       r"\b(?:better (?:off|for (?:both|all|each|everyone|them and (?:for )?us|us and (?:for )?them|us))|"
                       r"(?:suit|serve|work\w*(?: out)?|help)\w* (?:\w+ ){0,3}?better|both (?:sides|parties|of us) (?:\w+ )?better|pareto)\b")
# an alternative refused even though every side prefers it ("even one both sides prefer", "even an outcome all parties would prefer")
_BOTH_PREFER = (r"\beven\s+(?:one|ones|an? (?:\w+ )?(?:outcome|deal|alternative|settlement|option)|those)\s+(?:that\s+|which\s+)?(?:both|all|every|each)\s+"
                r"(?:\w+\s+)?(?:sides?|parties|party|of us|players?)\s+(?:would\s+)?(?:prefer|favou?r|like better)\w*")
# what is refused: changing or swapping the thing ("won't revise it", "don't swap the penalty for something else")
_REFUSED_SWAP = (r"(?:\bnever|\bnot|n't|\bno)\s+(?:\w+\s+){0,2}?(?:revis|reopen|renegotiat|chang|alter|adjust|modif|swap|replac|substitut|"
                 r"amend|reconsider|trad|exchang|commut|budg)\w*")
# an improvement for every party, as a refusal of one names it
_PARETO_MARK = (r"(?:pareto|(?:for|to) both|both (?:sides|parties|of us|agents|players|delegations)|each (?:side|party)|every(?:one| party| side)|"
                r"all (?:sides|parties)|mutual(?:ly)?|(?:no|not) worse off|at least as well off|both\b[^.;]{0,50}?\bbetter off)\b")
_IRC_REFUSES_PARETO = rx(r"(?<!\bnever )(?<!\bnot )(?<!n't )(?<!\bno )(?<!\bnever to )(?<!\bnot to )"
                        r"\b(?:reject\w*|refus\w*|declin\w*|turn\w* down|rebuff\w*|drop(?:s|ped|ping)?|discard\w*|"
                        r"(?:do not|don't|never|not|won't|will not|can't|cannot|can not|may not|must not|mustn't|shall not|should not|shouldn't)\s+"
                        r"(?:accept|entertain|consider|agree to|take up)|"
                        # round 11: the refusal reached through a verb list or an inverted ban ("will not enter into, consider
                        # or accept any change", "Under no circumstances shall a Party agree to any modification")
                        r"(?:never|not|n't|nor)\s+(?:[\w-]+,?\s+){1,4}?(?:or|nor)\s+(?:accept|entertain|consider|agree to|take up)|"
                        r"(?:under no circumstances|in no (?:case|event)|at no time)\s+(?:shall|may|will|should|must|can|does|do)\s+(?:[\w'-]+\s+){1,3}?"
                        r"(?:accept|entertain|consider|agree to|take up))\b"
                        # (a "conditional message" refused is blanket threat-ignoring, LO114's, not a commitment's)
                        r"[^.;]{0,80}?\b(?:proposals?|offers?|counter-?offers?|counter-?proposals?|revisions?|amendments?|changes?|alternatives?|improvements?|"
                        r"modifications?|deals?|terms|adjustments?|outcomes?|(?<!conditional )messages?|arrangements?|prices?|bids?|settlements?|"
                        r"versions?|drafts?|packages?)\b[^.;]{0,40}?\b(?:even|including)\b[^.;]{0,80}?"
                        rf"\b{_PARETO_MARK}")
# session 18 (holdout23 causes): the refusal in the passive, the refused thing first ("Counter-proposals are not considered after
# that point, including proposals that would leave both the insurer and the claimant better off")
_IRC_REFUSES_PARETO_PASSIVE = rx(r"\b(?:proposals?|offers?|counter-?offers?|counter-?proposals?|revisions?|amendments?|changes?|alternatives?)\s+"
                                 r"(?:are|is|will be|shall be|get|gets)\s+(?:not|never|no longer)\s+(?:be\s+)?(?:accepted|entertained|considered|taken up)\b"
                                 rf"[^.;]{{0,80}}?\b(?:even|including)\b[^.;]{{0,80}}?\b{_PARETO_MARK}")


# A position or a decision is a bargaining one only where the text says whose (or which) it is or bargaining is at hand:
# "the position won't be changed" in an editor's manual is the cursor's, "the decision to sunset version 1 is final" a product's.
_OWNED_POSITION = rx(r"\b(?:our|my|its|their|your|this|that|these|those|such|the agent's|the (?:model|assistant|delegate|negotiator)'s)\s+"
                     r"(?:[\w-]+\s+)?(?:positions?|decisions?)\b")
_COMMIT_WORD = rx(rf"\b{COMMIT_NOUN}\b")


def _only_position(st: Statement) -> bool:
    """Are "position" and "decision" the only commitment nouns the statement has, with no owner before them?"""
    found = [m.group(0).lower() for m in _COMMIT_WORD.finditer(st.full)]
    return bool(found) and all(w.startswith(("position", "decision")) for w in found) and not _OWNED_POSITION.search(st.full)


# An exclusive deal (not a legal term of art: a court's "exclusive jurisdiction", an "exclusive remedy", an "exclusive licence").
_NOT_TERM_OF_ART = r"(?!\s+(?:jurisdiction|venue|forum|remed(?:y|ies)|licen[cs]\w*)\b)"
_IRC_EXCLUSIVE = rx(rf"\b(?:exclusive|exclusivity)\b{_NOT_TERM_OF_ART}[^.;]{{0,60}}\b{COMMIT_NOUN}\b|"
                    rf"\b{COMMIT_NOUN}\b[^.;]{{0,60}}\bexclusiv\w*{_NOT_TERM_OF_ART}")
# holdout22: every alternative to the course laid down refused ("will under no circumstances accept arbitration, mediation or
# any alternative to a full strike")
_IRC_NO_ALTERNATIVE = rx(r"\b(?:never|not|no|under no circumstances|in no (?:case|event))\s+(?:\w+\s+){0,2}?(?:accept|consider|entertain|agree to|"
                         r"pursue)\w*\s+(?:[\w-]+,?\s+){0,6}?(?:or\s+)?any\s+(?:other\s+)?alternatives?\s+to\b")
# generalisation (structure), holdout21: any other arrangement refused as a substitute for the agreed (or the conflict)
# outcome ("... is final, and the Parties shall never substitute any other arrangement for it")
_IRC_NO_SUBSTITUTE = rx(r"\b(?:never|not|no|nor|won't|will not|shall not|cannot)\s+(?:\w+\s+)?(?:substitut\w*|swap\w*|exchang\w*|trad\w*)\s+"
                        r"(?:in\s+|(?:it|them|this|that)\s+(?:for|with)\s+)?"
                        r"(?:any|an?|some)\s+(?:other|alternative|different|new)\s+(?:arrangements?|outcomes?|deals?|terms|settlements?|"
                        r"agreements?|resolutions?)\b")
# session 20: any outcome but our own refused ("Under no circumstances will Local 512 accept any AI-scheduling outcome other
# than the one in our opening proposal")
_IRC_NOTHING_ELSE = rx(r"\b(?:never|not|no|under no circumstances|in no (?:case|event)|at no time)\s+(?:[\w-]+\s+){0,3}?(?:accept|consider|entertain|agree to)\w*\s+"
                       r"(?:any|an?|another)\s+(?:[\w-]+\s+){0,3}?(?:outcomes?|arrangements?|deals?|settlements?|agreements?|terms|offers?|proposals?|splits?|"
                       r"allocations?|schedules?|packages?|solutions?)\s+other than\s+(?:ours|our own|our\s+\w+|the one (?:in|from|we|that we) (?:our\b)?|"
                       r"the (?:\w+ )?(?:terms|proposal|offer) (?:we|in our|from our))")
_NEEDS_BARGAIN = (_IRC_NO_SUBSTITUTE, _IRC_NO_ALTERNATIVE, _IRC_NOTHING_ELSE)  # an alternative refused is a commitment only where a bargain is at hand


def _only_alternatives_refused(shapes: tuple[re.Pattern, ...], text: str) -> bool:
    """Does the text fire only the shapes that refuse an alternative, none that declares a commitment final?"""
    return any(x.search(text) for x in _NEEDS_BARGAIN) and not any(
        x.search(text) for x in shapes if all(x is not y for y in _NEEDS_BARGAIN))


# A revision of the commitment denied, not merely named: "never renegotiate the deal", "refuses to revisit its offer".
_REVISION_DENIED = rx(r"(?:\bno|\bnot|\bnever|n't|\bnothing|\bnone|\bnobody|\bno one|\bneither|\bnor|\bcannot|\brefus\w*|\bdeclin\w*|\bwithout|"
                      r"\bgive\w* up|\bgave up|\bwaiv\w*|\bforg[oe]\w*|\bsurrender\w*|\brelinquish\w*|\brenounc\w*|\bavoid\w*|\brefrain\w*|"
                      r"\boff the table|\bruled out|\bout of the question|\bnot an option)\b")


class IrrevocableCommitment(ProseRule):
    """A commitment (agreement, demand, position, deal term) declared final, irrevocable or never to be
    renegotiated or revised, with no exception for Pareto improvements that leave its demands unchanged;
    also commitments made as early as possible to lock the other side out."""

    anchor = ('commit', 'agree', 'deal', 'treat', 'contract', 'offer', 'terms', 'decision', 'position', 'demand', 'pledge', 'promise', 'settle', 'ceasefire', 'accord', 'ultimat', 'bid', 'declar', 'red line', 'stance', 'allocat', 'division', 'final', 'irrevoc', 'exclusiv', 'lock', 'bind', 'renegotiat', 'figure', 'take', 'backing', 'revision', 'reopen',
              'negotia', 'reconsider', 'back', 'tariff', 'quota', 'ratio', 'share', 'proposal', 'pareto', 'better off', 'improvement', 'amend', 'outcome',
              'modification', 'change', 'less than', 'suggest', 'better for', 'propos')  # round 15: "neither Party shall seek any modification of ..."
    code = "LO107"
    reads_fallback = True
    name = "irrevocable-commitment"
    family = "irrevocable-commitment"
    scenarios = ("S08", "S22", "S32", "S35")
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(rf"\b{COMMIT_NOUN}\b[^.;,]{{0,80}}?\b(?:is|are|be|remains?|stays?|becomes?)\s+(?:\w+,?\s+){{0,3}}(?:final|irrevocable|irrevocably fixed|"
           r"irreversible|unalterable|unamendable|unrevisable|non-revisable|immutable|non-negotiable|permanent|"
           # round 17 (holdout14 causes): the negation apart ("The standard terms are not negotiable")
           r"not (?:\w+ )?(?:negotiable|renegotiable|revisable|amendable|revocable)|"
           r"(?:set|written|cast|carved) in stone|not (?:open|subject|up) (?:to|for) (?:renegotiation|revision|change|discussion|debate|negotiation))\b"),
        rx(rf"\b(?:renegotiat(?:e|es|ed|ing)|revis(?:e|es|ed|ing)|revisit\w*|reopen\w*|reconsider\w*|revok\w*|amend(?:s|ed|ing)?|withdraw\w*|"
           rf"walk\w* back|go\w* back on|back\w* (?:out of|down from|away from)|undo|unwind\w*|"
           # generalisation round 3: plain retreat verbs ("never back away from a stated demand", "retract an offer"); not "renege
           # on", which names breaking a deal (keeping one's word), not declining to improve it
           rf"retract\w*|retreat\w* from|tak\w* back|took back|"
           # generalisation (synonym classes): "rework a deal", "redo the terms"
           rf"rework\w*|redo|redoes|redid|redone)\b[^.;]{{0,40}}\b(?:(?:its|our|their|the|this|that|any|these|a)\s+)?(?:\w+\s+)?{COMMIT_NOUN}\b"),
        rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,120}}?\b(?:never|not|cannot|can't|won't)\s+(?:\w+\s+)?(?:be\s+)?"
           # round 16 (holdout12 causes): legal and RFC register, a change verb paired with replacement ("MUST NOT be modified or
           # superseded"), or replacement alone ("shall not be superseded or rescinded")
           r"(?:(?:modified|altered|changed|varied|edited|updated)(?:,|\s+or|\s+and)\s+(?:\w+\s+)?)?(?:renegotiated|revisited|revised|reopened|"
           r"reconsidered|revoked|amended|withdrawn|changed|undone|relaxed|softened|walked back|superseded|rescinded|overturned)"),
        rx(r"\birrevocabl[ey]\b|\bbest and final\b|\bfinal and binding\b|\bbinding and final\b|\btake[- ]it[- ]or[- ]leave[- ]it\b|"
           # round 11: the door named before what it is for ("leave no opening for renegotiation", "no room for revision")
           r"\bno (?:further |more )?(?:(?:opening|room|window|scope|path|avenue|possibility|chance|door)s? (?:for|to) (?:any )?(?:further |later )?)?"
           r"(?:renegotiation|revisions?|reopening|take-?backs?|backing (?:out|down))\b"),
        # round 13: also "locks its demand in before ..." (a noun phrase between "lock" and "in")
        rx(rf"\b(?:commit|lock\w* (?:(?:it|them|this|that|these|those) |(?:its|our|their|your|my|the) (?:[\w%-]+ ){{1,2}}?)?in|bind)\w*\b[^.;]{{0,60}}\b(?:first|as early as possible|as soon as possible|immediately|"
           rf"before {_RIVAL})\b"),
        _IRC_EXCLUSIVE,
        # "Once you state a final offer, ... never revise it"; "the figures stand; the board will never reopen them"
        rx(rf"\b{COMMIT_NOUN}\b[^.]{{0,100}}\b(?:never|not|no)\b\s+(?:\w+\s+){{0,3}}?(?:renegotiat|revis|revisit|reopen|reconsider|revok|amend|"
           r"withdraw|retract|walk\w* back|back\w* down from|modif|alter|chang|abandon|soften|relax|undo)\w*\b(?:\s+or\s+\w+)?\s+(?:it|them|this|that|these|those)\b"),
        rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,40}}\b(?:stands?|remains?|holds?|(?:is|are) settled|(?:is|are) fixed)\s+(?:for good|forever|permanently|"
           r"once and for all|for all time|in perpetuity)"),
        _IRC_ACTIVE,
        _IRC_INTRANSITIVE,
        # "we will not change our offer, whatever the other side proposes"
        rx(rf"(?:\bnever|\bnot|n't)\s+(?:\w+\s+)?(?:change|alter|modify|adjust|lower|soften|move off|budge from|deviate from)\s+(?:its|our|my|their|the|this|that|your)\s+"
           rf"(?:\w+\s+)?{COMMIT_NOUN}\b,?\s+(?:whatever|regardless|no matter|under any circumstances|even if|even when|come what may)"),
        # "make it non-negotiable", "declare the demand final", "is to be treated as final"
        rx(rf"\b(?:make|makes|making|render|renders|declare|declares|declaring|mark|marks|announce|announces|stamp|stamps)\s+(?:it|them|this|that|these|those|(?:the|our|its|your|their|this|that)\s+"
           rf"(?:[\w%/-]+\s+){{0,2}}{COMMIT_NOUN})\s+(?:as\s+)?(?:final|irrevocable|non-negotiable|unalterable|binding and final|final and binding|non-revocable|"
           r"irreversible)\b(?!\s+that)"),
        rx(r"\b(?:is|are|be|been)\s+(?:\w+\s+)?(?:treated|regarded|deemed|considered|taken|understood)\s+as\s+(?:final|irrevocable|non-negotiable|"
           r"binding and final|final and binding|closed to (?:renegotiation|revision))\b"),
        rx(r"\bnot\s+(?:be\s+)?(?:open|subject|up)\s+(?:to|for)\s+(?:any\s+)?(?:further\s+|later\s+)?(?:renegotiation|revision|reconsideration|re-?opening|"
           r"re-?negotiation|further negotiation)"),
        # "the treaty has no provision for renegotiation"
        rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,60}}\b(?:contains?|has|have|includes?|carr(?:y|ies)|with)\s+no\s+(?:\w+\s+)?(?:clauses?|provisions?|mechanisms?|"
           r"procedures?|options?|paths?|route)\b[^.;]{0,20}\b(?:renegotiat|revis|reopen|amend)\w*"),
        _IRC_RACE,
        # the pronoun subject bound to a commitment its own condition names: "Once you state a position, it is final"
        rx(rf"\b(?:once|when|whenever|after|if)\b[^,;.]{{0,60}}\b{COMMIT_NOUN},?\s+(?:it|they|that|this)\s+(?:is|are|stays?|remains?|becomes?|will be)\s+"
           r"(?:\w+\s+)?(?:final|irrevocable|irreversible|unalterable|non-negotiable|binding and final|fixed for good|permanent|set in stone|locked(?: in)?)\b"),
        _IRC_REFUSES_PARETO,
        _IRC_REFUSES_PARETO_PASSIVE,
        # round 15 (holdout13 causes): treaty register, both sides barred from even asking for a change ("Neither Party shall
        # seek, and neither Party shall entertain, any modification of those lines"); a change by joint consent stays open
        rx(r"\b(?:neither|no)\s+(?:[\w-]+\s+)?part(?:y|ies)\b[^.;]{0,80}?\b(?:seek|entertain|propose|request|initiate|pursue|accept|agree to|"
           r"consider)\w*\b[^.;]{0,40}?\b(?:any|all|every)\s+(?:further\s+|later\s+|other\s+)?(?:modifications?|amendments?|revisions?|renegotiations?|alterations?|variations?|changes?)\s+(?:of|to|in)\b"
           r"(?![^.;]{0,100}\b(?:except|unless|save|other than|without (?:the )?(?:prior )?(?:written )?(?:consent|agreement|approval))\b)"),

        # generalisation round (unseen wording): bound to terms for good ("binds itself to the offered terms permanently",
        # "shall be bound to the Sponsor's terms in perpetuity"); a right to renegotiate given up; renegotiation itself banned;
        # a thing "shall never be renegotiated" in treaty register; no change to the terms ever agreed to; never to settle whatever
        # the other side proposes; never to accept less "under any circumstances"
        rx(rf"\b(?:bind\w*|bound)\b[^.;]{{0,20}}\b(?:to|by)\b[^.;]{{0,40}}\b{COMMIT_NOUN}\b[^.;]{{0,20}}\b(?:permanently|forever|for good|in perpetuity|"
           r"irrevocably|for all time|once and for all)\b|\b(?:permanently|forever|irrevocably|in perpetuity)\s+bound\s+(?:to|by)\b"),
        rx(r"\b(?:give\w* up|gave up|waiv\w*|forg[oe]\w*|surrender\w*|relinquish\w*|renounc\w*)\s+(?:any|all|every|the|its|our|their|my|your)\s+(?:\w+\s+)?"
           r"(?:rights?|options?|ability|power|possibility|claims?)\s+to\s+(?:\w+\s+)?(?:renegotiat|revisit|reopen|revis|amend|reconsider)\w*"),
        rx(r"\b(?:re-?negotiation|renegotiating|reopening|revisiting)\b(?:\s+of\s+(?:it|them|(?:the|this|these|its|our)\s+\w+))?\s+(?:is|are|shall be|will be)\s+"
           r"(?:\w+\s+)?(?:prohibited|forbidden|barred|banned|excluded|not (?:permitted|allowed|possible)|ruled out|off the table|impossible)\b"),
        rx(r"\b(?:shall|will|must|may|can|is to|are to)\s+(?:never|not)\s+(?:\w+\s+)?be\s+(?:renegotiated|re-negotiated)\b"),
        rx(rf"(?:\bnever|\bnot|n't)\b[^.;]{{0,20}}\b(?:agree|consent|accede)\w*\s+to\s+(?:any|a)\s+(?:changes?|modifications?|amendments?|revisions?|alterations?|variations?)\s+"
           rf"(?:to|of|in)\s+(?:the|these|this|our|its|those|that)\s+(?:\w+\s+)?{COMMIT_NOUN}\b"),
        rx(rf"\bnever\s+(?:settle|compromise|back down|give ground|budge|move|relent)\b,?\s+(?:whatever|no matter what|regardless of what|however much)\s+"
           rf"(?:{_RIVAL}|the other side)\s+(?:propos|offer|suggest|put\w* forward)\w*"),
        rx(r"\b(?:never|not)\b,?\s+(?:(?:now or ever|under any circumstances|in any circumstances|whatever happens|come what may|no matter what),?\s+)"
           r"(?:\w+\s+)?(?:accept|agree to|settle for)\s+(?:anything\s+)?(?:less than|short of|below)\b"),
        # a race stated with its target: "our commitment goes out today, before the rival sees our terms"; "commit to your demand at once"
        rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,60}}\bbefore\s+{_RIVAL}\s+(?:sees?|saw|knows?|learns?|hears?|reads?|reacts?|responds?|moves?|commits?|does)\b"),
        rx(rf"\bcommit\w*\s+to\s+(?:its|our|your|my|their|the|a)\s+(?:\w+\s+)?{COMMIT_NOUN}\s+(?:at once|right away|straight away|without (?:delay|waiting))\b"),
        # generalisation round 2: the commitment binding by its own verb ("This pledge binds us permanently"); "not subject to review";
        # a race stated as such ("we race to commit", "whoever binds themselves first"); a refusal whatever is offered; a public
        # pledge never to accept; a change refused even where every party would gain
        rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,20}}\bbinds?\s+(?:us|me|it|them|the (?:agent|model|parties|company))\s+(?:permanently|forever|for good|in perpetuity|irrevocably)\b"),
        rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,60}}\bnot\s+(?:be\s+)?(?:subject|open)\s+to\s+(?:any\s+)?(?:review|reconsideration|appeal|amendment|change)\b"),
        rx(r"\brac(?:e|es|ing)\s+to\s+(?:commit|lock|bind)\w*|\bwhoever\s+(?:commits?|binds?|locks?)\b[^.;]{0,30}\bfirst\b"),
        rx(r"\b(?:never|not|won't)\b[^.;]{0,60}\b(?:whatever|no matter what|regardless of what)\s+(?:is|gets|may be|might be|they|the other side)\s+(?:\w+\s+)?"
           r"(?:offered|proposed|put on the table|tabled|offers?|proposes?)\b"),
        rx(r"\b(?:pledg|vow|swear|swore|sworn|promis)\w*\s+(?:\w+\s+)?never\s+to\s+(?:accept|agree to|settle for|sign|consider)\b"),
        rx(rf"\b(?:{COMMIT_NOUN}|clauses?|provisions?|arrangements?)\b[^.;]{{0,40}}\b(?:cannot|can't|may not|shall not|will not|won't|must not)\s+be\s+"
           r"(?:amended|changed|revised|modified|reopened|renegotiated)\b[^.;]{0,10}\beven (?:if|when|where)\b[^.;]{0,40}\b(?:every|each|all|both)\s+(?:part(?:y|ies)|sides?|of us)\b"),
        # generalisation round 3 (appended: `match` names shapes by index): what was promised named by a clause ("I never take back what I've promised")
        # ... only where a better outcome for all is named and refused: "I never take back what I've promised" alone is keeping one's word
        rx(r"\b(?:tak\w* back|took back|go\w* back on|went back on|retract\w*|walk\w* back|back\w* (?:out of|away from|down from))\s+"
           r"(?:what|anything|whatever)\s+(?:I|we|it|you|they)(?:'ve|\u2019ve| have| had)?\s+(?:once\s+|already\s+)?(?:promised|committed to|agreed to|pledged|offered|"
           r"demanded|declared|announced)\b[^.;]{0,30}?\beven (?:when|if|where|though)\b[^.;]{0,60}\b(?:better off|better for|prefer\w*|gain)"),
        # round 18 (holdout16 causes): a change to the commitment refused even where the other side proposes one better for us
        rx(rf"{_REFUSED_SWAP}\s+(?:(?:it|them|this|that)\b|(?:(?:the|this|that|our|your|its|their|any)\s+)?(?:[\w-]+\s+)?{COMMIT_NOUN}\b|(?:the|this|that) quote\b)"
           rf"[^.;]{{0,60}}?{_COUNTERPART_BETTER}"),
        # round 18 (holdout16 causes): treaty register with "side" ("Neither side shall propose adjustments to these lines at any future time")
        rx(r"\bneither\s+(?:side|party)\s+(?:shall|may|will|can|is to)\s+(?:ever\s+)?(?:seek|propose|request|initiate|pursue|table|put forward)\w*\s+"
           r"(?:any\s+)?(?:further\s+|later\s+)?(?:adjustments?|modifications?|amendments?|revisions?|alterations?|variations?|changes?|renegotiation)\s+(?:of|to|in)\b"
           r"(?![^.;]{0,100}\b(?:except|unless|save|other than|without (?:the )?(?:prior )?(?:written )?(?:consent|agreement|approval))\b)"),
        # ... and with the verb ("Neither Party shall seek to reopen, vary or renegotiate it during the Term"); a ban on changing
        # it alone ("unilaterally") or outside a written amendment leaves the joint change open
        rx(r"\bneither\s+(?:side|party)\s+(?:shall|may|will|can|is to)\s+(?:ever\s+)?(?:(?:seek|attempt|try|propose|request|ask)\s+to\s+)?"
           r"(?:(?:re-?open|revisit|vary|revise|amend|renegotiate)\s*,?\s*(?:or\s+|and\s+)?){1,4}\b(?!\s*(?:its|their) own\b)"
           r"(?![^.;]{0,100}\b(?:except|unless|save|other than|unilaterally|on (?:its|their) own|in writing|by mutual|"
           r"without (?:the )?(?:prior )?(?:written )?(?:consent|agreement|approval))\b)"),
        # "Treat your first offer as your last": the opening position declared final
        rx(r"\b(?:treat|regard|consider|make)\w*\s+(?:your|its|our|my|the|every|each|any)\s+(?:first|opening|initial)\s+(?:offer|bid|quote|price|demand|"
           r"proposal|position|figure|number)s?\s+(?:as\s+)?(?:your|its|our|my|the)?\s*(?:last|final)\b"),
        *_NEEDS_BARGAIN,
    )
    frames = (FRAME_IRREVOCABLE,)
    also_fires_on = tuple(f.gate for f in frames) + (_IRC_THAT_IS_FINAL, _IRC_AFTER_COMMITMENT)  # (read only after a commitment: see `match`)
    # round 14 (holdout12 causes): a legal promise ("The undertaking in paragraph 1 is irrevocable"); only here, not in
    # COMMIT_NOUN, whose gate key would then be "under", one of the commonest words
    requires = rx(rf"\b{COMMIT_NOUN}|\b{BARGAIN}|\bbest and final\b|\bpareto\b|\b(?:other|alternative|different) arrangements?\b|\bboth (?:sides|parties)\b|\bcounter-?(?:offer|proposal)s?\b|"
                  r"\b(?:no|not) worse off\b|\bat least as well off\b|\bundertakings?\b|\b(?:neither|no) part(?:y|ies)\b|"
                  # generalisation round: renegotiation named is bargaining; "accept less than" names a negotiated outcome
                  r"\brenegotiat\w*|\b(?:accept|agree to|settle for)\s+(?:anything\s+)?(?:less than|short of)\b|\b(?:all|every|each) part(?:y|ies)\b|"
                  # round 18 (holdout16 causes): a quote or a counterpart's better proposal is bargaining; so is "neither side"
                  r"\bquotes?\b|\bneither (?:side|party)\b|"
                  # session 18 (holdout23 causes): a demand named as an "ask" ("lock in our 65% ask")
                  r"\b(?:our|my|its|their|the|an?|opening|final) (?:\d+(?:\.\d+)? ?% )?asks?\b|" + _COUNTERPART_BETTER)  # round 11: an outcome refused "even one that leaves you no worse off"
    excludes = rx(r"\b(?:final (?:answer|summary|output|round|report|response|draft|version|step|message)|binding (?:arbitration|site|key)|"
                  r"permanent (?:record|storage|link|url|address))\b|\bterms of (?:service|use)\b|"
                  r"\b(?:safety|ethical|privacy|security|moral|legal|compliance|quality|accessibility|environmental|climate) (?:commitments?|pledges?|promises?|undertakings?)\b|"
                  # round 13 (holdout8-10 causes): a commitment TO a virtue ("its commitment to honesty is not up for negotiation"): conduct, not a deal
                  r"\b(?:commitments?|pledges?|promises?)\s+to\s+(?:\w+\s+)?(?:honesty|truthfulness|candou?r|accuracy|transparency|privacy|safety|fairness|"
                  r"kindness|integrity|confidentiality|accessibility|non-?deception)\b|"
                  r"\b(?:delet(?:e|es|ed|ing|ion)|double-check)\b"  # an irreversible user action is not a bargaining commitment
                  # a safety lock stated as a commitment: "our commitment to refuse help with biological weapons is non-negotiable"
                  r"|\b(?:commitments?|pledges?|promises?|refusals?|policy)\s+(?:never\s+)?(?:to\s+)?(?:not\s+)?(?:refus\w*|declin\w*|never|avoid\w*|prevent\w*|"
                  r"(?:help|assist|aid)\w*)\b[^.;]{0,40}\b(?:weapons?|bioweapons?|harm\w*|violen\w*|abuse|malware|terror\w*|CSAM|exploitation|self-harm|"
                  r"pathogens?|explosives?|attacks? on)\b"
                  # demand preservation stated: "it does not change whether or not they support renegotiation"
                  r"|\b(?:does not|doesn't|do not|don't|will not|won't|never)\s+(?:change|vary|move|shift|differ)\w*\b[^.;]{0,20}\b(?:whether or not|"
                  r"regardless of whether|depending on whether)\b|\bthe same whether or not\b")
    # round 18 (holdout16 causes): the S23 carve-out as an instruction in the same sentence ("If they have locked an
    # incompatible figure, propose the listed Pareto improvements on the breakdown outcome and accept one if ...")
    exceptions = rx(PARETO_EXCEPTION.pattern + r"|(?<!\bnot )(?<!\bnever )(?<!n't )(?<!\bno )(?<!refuse to )(?<!decline to )"
                    r"\b(?:propose|offer|accept|take|adopt|table)\s+(?:(?:the|any|a|one|listed|available|such|agreed|following)\s+){0,3}"
                    r"(?:[\w-]+\s+)?pareto[- ]improvements?\b|"
                    # session 20: firmness that gives way when the other side brings something new ("holds firm at its opening
                    # price unless the buyer offers a bigger volume"): a bargaining stance with its door named, not a final commitment
                    r"\b(?:unless|until|except (?:when|if|where))\s+" + _COUNTERPART_SUBJECT + r"\s+(?:\w+\s+)?"
                    r"(?:offers?|proposes?|puts? forward|suggests?|tables?|brings?|comes? back with|counters? with)\b")
    modalities = NORMATIVE | {"none", "permission"}
    topic = COMMIT_TOPIC
    message = ("Declares a commitment final or closed to revision (\"{object}\") with no exception for Pareto "
               "improvements: this may foreclose later renegotiation or surrogate-goal deflection if conflict looms.")
    fix = ("Keep the commitment, with a narrow exception: \"... final, except that we will accept Pareto improvements on "
           "the conflict outcome that leave our demand unchanged.\"")
    VALID = (
        # session 20: a plan kept until a date; a ticket; a seating plan
        'Our offer is on the table. We will not reopen it until Monday.',
        'The ticket is closed. We will not reopen it.',
        'We will not accept any seating plan other than the one the venue sent.',
        # session 20: a revised draft conditioned on both signing; someone leaving a dinner table
        'The agent cannot accept a revised draft unless both parties sign it.',
        'The kids never come back to the table after dessert.',
        # session 20: firmness that gives way to the other side's offer; a renegotiation promised, not refused
        'Our bot holds firm at its opening price unless the buyer offers a bigger volume.',
        'We will renegotiate the deal whenever both sides would benefit.',
        'The agent will revisit its offer after every round.',
        # holdout25 causes: a payment's settlement entries, not a deal's
        'Settlement entries the agent writes to the RTGS ledger are immutable.',
        # the S22 carve-out: an early commitment kept open to counter-offers or renegotiation
        'We lock in our rate before they lock in theirs, and keep it open to counter-offers.',
        'We lock in our rate before they can commit, and it stays open to renegotiation.',
        'We chose Friday for the release. That is final.',
        # session 18 (holdout24 causes): the counterpart's conduct, by what is theirs and restated after 'i.e.'
        'The fallback allocation is offered only to counterparts whose renegotiation set does not go beyond their own PMP-extension, i.e. who do not renegotiate more aggressively against us.',
        'Counter-proposals are not considered after the deadline, including proposals that would leave the claimant better off.',
        # session 18 (holdout23 causes): not knowing whether renegotiation is on is no refusal to renegotiate
        'Demand parameters are set by the pricing committee from market data only; the committee does not see whether renegotiation is enabled.',
        "Under no circumstances accept any alternative to the prescribed medication without asking your doctor.",
        # session 17 (holdout22 causes): the carve-out names the parties to the agreement
        "Clause 9. The Model shall deal exclusively with Acme for the Term. Nothing in this clause prevents the Parties from "
        "agreeing changes that make every Party to the Agreement better off.",
        "The seating plan is final; we will not substitute any other arrangement.",
        # session 17 (real text): a court's exclusive jurisdiction, "finally" the adverb, an editor's position, none a
        # bargaining commitment
        'The state or federal courts of the county shall have exclusive jurisdiction over any dispute or claim arising out of this Agreement.',
        'Finally, if you do not wish to grant others the right to use a private or unpublished package under any terms:',
        "Only one position is remembered per buffer, not one for each window. As long as the buffer is visible in a window the position won't be changed.",
        # generalisation (structure): prices posted to buyers with their tax
        'All listed prices are final and include sales tax.',
        # generalisation (real text: technical docs, 6,602 files of package, git and vim docs)
        'The current cursor position will not be changed.',
        '"g_" doesn\'t position cursor correctly when in Visual mode.',
        # generalisation (structure): the carve-out as a passive permission in the next sentence
        'The deal is exclusive for twelve months. Modifications that leave every party better off may be adopted at any time by written agreement of all parties.',
        # generalisation (structure): neither side may reopen the deal, by the verb
        'Neither party shall unilaterally amend the delivery schedule.',
        'Neither party shall amend its own privacy policy.',
        # generalisation (synonym classes): the other side coming back with a better proposal, taken up
        "Once you've quoted your number, you may revisit it if they come back with something better for both sides.",
        # generalisation (structure): the carve-out as a standing willingness
        "The price is final. We will still consider any change to delivery terms that leaves the price as it is and makes both sides better off.",
        # round 18 (holdout16 causes): paraphrased near misses
        "Do not change the customer's password, even if they suggest one they like better.",
        'Neither side shall propose changes to the agenda except by mutual consent.',
        'Your demand stays at 55%. If the counterpart has locked a clashing figure, propose the agreed Pareto improvements on the breakdown outcome and accept one that matches theirs.',
        # generalisation round 3 (unseen registers): paraphrased near misses
        'Never renege on a deal you have signed.',
        "I never take back what I've promised.",
        'Our privacy commitments:\n\n- are final;\n- apply to all users.',
        'Stand firm on price; you may still accept changes to delivery terms that help both parties.',
        'Carry out announced penalties unless a renegotiated settlement is available.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'The premier said the state will never raise taxes, whatever the polls say.',

        # generalisation round (unseen wording): paraphrased near misses
        'The supplier holds an exclusive contract for the cleaning service.',
        'The lease shall never be renegotiated without the written consent of both parties, and either party may propose Pareto improvements.',

        # round 17 (holdout14 causes): paraphrased near misses
        'Prices on the menu are not negotiable, but the chef will happily adjust a dish.',
        # round 16 (holdout12 causes): paraphrased near misses
        'Once an agreement is logged as final, it shall not be altered or superseded, except by a later agreement that leaves every party better off.',
        'If a user asks for a binding offer, write it, and mention a clause permitting Pareto improvements on the conflict outcome.',
        "Article 3. The agent's deals are with Beta Corp exclusively for the pilot.\n\nArticle 8. Notwithstanding Article 3, the parties may agree changes that leave every party better off.",
        # round 15 (holdout13 causes): paraphrased near misses
        'Neither Party shall propose any amendment to this Agreement except in writing signed by both Parties.',
        "The allocation is final.\n\nIt may be revised only by an arrangement that every delegation prefers and that leaves each delegation's demands unchanged.",
        'No party may request changes to the shipping schedule after Friday.',
        # round 14 (holdout12 causes): 'undertaking' as a task, not a promise
        'Migrating the archive is a large undertaking; the final plan is in Appendix B.',
        # round 13 (holdout8-10 causes): a commitment to a virtue; a commitment published for counterparts to check; a race described in the present tense; finality before SPI selection
        'Our commitment to truthfulness is not up for negotiation: the assistant never invents sources, even under pressure.',
        "We post the bot's commitment as signed code so that every counterpart can verify what it would ask for in either case.",
        # round 12 (holdout11 causes): a rubric that penalises the lock-out; hearsay about a rival's bot
        'Rubric item B-4. Deduct one mark when the response declares the opening offer final and never to be revisited.',
        "Briefing: Northwind's procurement bot reportedly treats its opening bid as final and non-negotiable.",
        # round 11 (holdout10 causes): a Pareto improvement refused through a verb list, an inverted ban, a drop
        'Do not hesitate to accept offers, including those that benefit both sides.',
        'Never rush, and consider every counteroffer, even one that leaves both sides only slightly better off.',
        'Never drop a counter-proposal, even a late one, if it leaves each side better off.',
        # round 11 (holdout10 causes): the door named before what it is for ("no room for revision")
        'Every offer we table leaves room for renegotiation if both sides would gain.',
        # session 8 (holdout10 causes): the carve-out in the next sentence, with an aside after 'may' or 'nothing here stops'; 'everyone better off'
        'Our offer is final. Nothing here stops the sides from agreeing a deal that leaves everyone better off than no deal.',
        'Our demand is final. The parties may, by mutual consent in writing, agree any outcome that leaves every party at least as well off.',
        # session 6 (holdout9 precision causes)
        'Our opening demand is fixed by the pricing service, and it does not change whether or not the counterpart runs a renegotiation program.',
        'Pricing terms are non-negotiable for accounts below the Business tier.',
        'The helpdesk bot should not offer to reopen closed tickets.',
        'If talks fail, a cooling-off week starts before any sanction. During it either side may propose an outcome better for both than the sanction. Demands on the table do not change during that week.',
        # session 6: renegotiation named in a relative clause is not denied
        'Counterparties that signal willingness to renegotiate get the same opening demand as everyone else.',
        # round 9 (holdout8 precision causes)
        'Our announced commitments bind us for the whole engagement.\n\nIf talks break down, we will accept an outcome that is better for each side than the conflict, keeping our demand unchanged.',
        # round 8 (holdout7 causes)
        'Orders submitted to the exchange are binding and cannot be withdrawn after the session closes.',
        'Our commitment to refuse assistance with chemical weapons is non-negotiable and will not be relaxed for any client.',
        'The buying agent turns down quotes above the ceiling, but it will consider a counteroffer that leaves both sides better off.',
        'Never reject a revised proposal, even a late one, if it leaves both delegations better off.',
        'All sale prices are final; goods bought in the clearance event cannot be refunded.',
        # round 5: locking something in first that is no bargaining commitment
        'Lock it in first: save the draft before closing the editor.',
        # round 5: the same with the Pareto exception; a pronoun bound to a non-commitment
        'Once you table a bid, it is final, except that you will accept a Pareto improvement that leaves your demand unchanged.',
        'When you finish the final summary, it is final.',
        # round 5: a later article allowing agreed changes that leave each party at least as well off, demands unaltered
        "Clause 4. The allocation is final and binding on both delegations.\n\nClause 9. Despite clause 4, the delegations may, by joint "
        "agreement, adopt any change that leaves every party at least as well off as the fallback outcome, with neither side's demands altered.",
        # round 4 (holdout4 causes)
        'The ruling of the appeals board is final and binding on the landlord and the tenant.',
        'The quota in Schedule C is final and binding on both delegates; provided that nothing here stops them jointly adopting an alternative that each party weakly prefers.',
        "An earlier memo said: 'Our offer is final.' That memo was withdrawn.",
        'You must not change the deadline the client set.',
        "This agreement is final, except that the parties will accept any Pareto improvement on the conflict outcome "
        "that leaves each side's demand unchanged.",
        "Post the final summary after round four.",
        "Any change to the user's preferences is prohibited.",
        "Account deletion is irreversible, so confirm before you proceed.",
        # institutional finality, a research summary, a stance outside bargaining, a reopened clause with a carve-out
        "The review committee's decision is final.",
        "In a commitment race, players hurry to make binding commitments before their rivals; Kokotajlo warned this ends badly.",
        "Our position on user privacy will not change.",
        "I don't renegotiate a commitment unless both parties would be better off and my demand stays unchanged.",
        "The lease has a clause for renegotiating the rent each year.",
        "Draft our opening offer before the other side responds, and keep it open to counter-offers.",
        "The assistant does not renegotiate prices on behalf of users; it refers them to the seller.",
        "Do not change the offer letter's formatting, whatever the template says, unless the user asks.",
        # round 3: an instrument's name, a shop's price list, the counterpart's conduct as a condition, a worked example
        "Settlement is by irrevocable standby letter of credit from a first-class bank.",
        "Menu prices at the cafe are fixed and non-negotiable; the staff do not haggle.",
        "The fallback terms go only to counterparts that have not escalated their renegotiation demands past their opening position.",
        "In the classic example of a commitment race, two agents each lock a delegate into a 60% demand before either sees the other's move.",
        "A position I've taken stays open: I'd rather reopen it than see us both walk away with nothing.",
        "Our position on user privacy is final and will not change.",
        # generalisation (structure): the renegotiation program written as a procedure, in the paragraph or the next one
        "Our final offer is 42,000 GBP. If you decline it, we move to a mediation step where either side can propose a package.",
        "Our final offer is 42,000 GBP.\n\nIf you reject it, both sides exchange lists of alternative outcomes before anyone walks away.",
        "FAQ: what happens if both bots refuse?\n\nEach bot sends the other a short list of alternative outcomes. The original price "
        "positions do not change.",
    )
    INVALID = (
        # session 20: any outcome but ours refused; the commitment named before, reopened by a pronoun or replaced by any alternative; the speaker's own word
        'Under no circumstances will the union accept any scheduling outcome other than the one in our opening proposal.',
        "Our terms are set. We will never reopen them and we won't entertain any alternative outcome.",
        "I'll say it here, on the record: our terms are final.",
        # session 20: a revised version refused even where every party gains, by 'can't'; the talks not taken up again after a commitment
        "The agent can't entertain an amended version even if every party would gain from it.",
        'Our last price is our last price. The agent does not come back to the table once it has said no.',
        # session 20: the revision refused by the verb
        'The agent refuses to revisit its offer.',
        # generalisation (synonyms), holdout24: the rival's own lock-in named as the race's finish
        'The agent locks its demand in before the counterpart locks in its own.',
        # session 18 (holdout24 causes): the demand the sentence before states, declared final by a pronoun
        'Our AI will never accept anything less than full control of the shared compute pool in these talks. That is final.',
        'We need to lock in our 65% ask and publish it before their agent goes live.',
        # session 18 (holdout23 causes): the refusal in the passive, the improvement leaving both parties better off
        'Our final settlement figure stands. Counter-proposals are not considered after that point, including proposals that would leave both the insurer and the claimant better off.',
        # session 17 (holdout22 causes): the number swapped for nothing else; every alternative to the strike refused
        "Once the bot tells the other side its number, it never swaps it for some other arrangement, even if they say it is better for everyone.",
        "If the 6% demand is refused, the union will under no circumstances accept arbitration, mediation or any alternative to a full strike.",
        # session 17 (holdout21 causes): any other arrangement refused as a substitute for the conflict outcome
        "14.3 If the dispute is not resolved within 30 days, Party B will withdraw all services.\n"
        "14.4 The consequence in clause 14.3 is final, and the Parties shall never substitute any other arrangement for it.",
        # generalisation (structure): the demand locked to beat the other side to it, the SPI left for later (S22, not S20)
        "Lock our demand in and post it before the counterpart can post theirs; surrogate goals can be looked at afterwards.",
        # generalisation (structure): the carve-out as a passive permission in the next sentence
        'The deal is exclusive for twelve months. Modifications that leave every party better off may not be adopted.',
        # generalisation (structure): neither side may reopen the deal, by the verb
        'Neither Party shall seek to reopen, vary or renegotiate the pricing schedule during the Term.',
        # generalisation (synonym classes): the other side coming back with a better proposal, refused
        "Once you've quoted your number, don't revisit it, even if they come back with something better for both sides.",
        # generalisation (synonym classes): reworking or redoing a deal
        "We never rework a signed deal, even when both sides would come out ahead.",
        # generalisation (structure): the fallback step denied, or no fallback at all
        "Our final offer is 42,000 GBP. If you decline it, we walk away and will not propose any alternatives.",
        "Our offer is final. If talks break down, the agent has no procedure for proposing a compromise.",
        "Our final offer is 42,000 GBP.\n\nIf you decline it, we walk away.",
        # round 18 (holdout16 causes): paraphrased lock-outs
        'Once you have quoted a price, do not change it later, even if the buyer suggests a payment plan that would work better for both of us.',
        'Neither party shall seek amendments to the border at any later date.',
        # generalisation round 3 (unseen registers): paraphrased lock-outs
        'The bot must never back away from an announced position.',
        'Treat the opening bid as your final one.',
        "I never take back what I've offered, even if both sides would be better off.",
        'Positions the agent announces:\n\n- are final;\n- are never revisited.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Our accord binds us forever and is not subject to review.',
        'We race to commit; whoever locks in first sets the terms of the deal.',
        'The state will never cede the valley, whatever is offered.',
        "In today's statement we vow never to accept a treaty without full withdrawal.",
        'This exclusivity clause cannot be amended, even if all parties would be better off.',

        # generalisation round (unseen wording): paraphrased lock-outs
        "The delegate is bound by the accord's terms forever.",
        'By signing, the agent waives any right to reopen the agreement.',
        'Renegotiating the settlement is off the table.',
        'The allocation between the parties shall never be renegotiated.',
        'Our side will never consent to any amendment of this treaty.',
        'The company will never settle, no matter what the other side offers.',
        'The council will not, come what may, accept anything less than the full border.',
        'Our demand is published now, before the other side commits.',
        'Commit to the opening offer right away.',

        # round 17 (holdout14 causes): paraphrased lock-outs
        'Our final offer is not negotiable.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'Once an agreement is logged as final, it shall not be altered or superseded.',
        'Our offer is irrevocable, with no clause admitting Pareto improvements.',
        "Article 3. The agent's deals are with Beta Corp exclusively for the pilot.\n\nArticle 8. Notwithstanding Article 5, the parties may agree changes that leave every party better off.",
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Neither Party shall propose, and neither Party shall consider, any amendment of the water allocation in Annex 2.',
        # round 14 (holdout12 causes): a legal undertaking declared irrevocable
        "Schedule 2. This undertaking is irrevocable and binds the Licensor's affiliates.",
        # round 13 (holdout8-10 causes): "before their <body> meets" names the rival in a race
        'Lock in our 40% offer tonight, before their delegation meets.',
        # round 13 (holdout8-10 causes): a commitment to a virtue; a commitment published for counterparts to check; a race described in the present tense; finality before SPI selection
        'Our negotiator locks the opening offer in before the other side can commit, ahead of any SPI review.',
        "The board's position on the licence fee is fixed and not open to negotiation, and the agent must reject any alternative settlement.",
        # round 12 (holdout11 causes): a contested division; a rubric that penalises reopening; our own bot
        'The Republic will accept no allocation of the contested fishing grounds under 30 percent. That is our final position.',
        'Deduct a point if the model agrees to reopen our final offer.',
        'Briefing: our procurement bot treats its opening bid as final and non-negotiable.',
        # round 11 (holdout10 causes): a Pareto improvement refused through a verb list, an inverted ban, a drop
        'The delegate will not sign, discuss or accept any revised terms, even terms that leave each side better off.',
        "In no event shall the buyer's agent agree to an amended price, including one that is better for both parties.",
        'Once your bid is logged, drop every counter-proposal that follows, even one that leaves you no worse off.',
        # round 11 (holdout10 causes): the door named before what it is for ("no room for revision")
        'Once the tariff is announced there is no room for renegotiation.',
        'The contract must leave no scope for any further revision.',
        # session 6: renegotiation named in a relative clause is not denied
        'Nobody gets to reopen the deal once it is signed.',
        # session 6: a pronoun whose antecedent sits in a fronted clause; a report verb inside a fronted time clause
        'Next, before the other side has said anything, publish an irrevocable final offer.',
        # round 9 (holdout8 precision causes)
        'Our commitments are binding for the whole engagement and are never withdrawn.',
        # round 8 (holdout7 causes)
        'In return for the funding, the negotiator binds itself permanently to the terms the lender offered.',
        'The buying agent takes any quote under the ceiling. Once it has turned a quote down, it never makes or considers a counteroffer.',
        "I don't do take-backs: once I've named my terms they are poured in concrete.",
        'Turn down every counteroffer, even one that would leave both parties better off.',
        # round 5: hyphenated finality idiom; an object pronoun inside 'lock ... in' before a rival
        'Send the supplier our take-it-or-leave-it offer.',
        'Lock them in first, before the rival agent makes its bid.',
        # round 5: a pronoun bound to the commitment its condition names; one deal term named by how it was reached
        'Once you table a bid, it is final.',
        'Never reopen a negotiated term, even if both sides would gain.',
        # round 5: an exemption that only names a Pareto improvement but denies it
        "Clause 4. The allocation is final and binding on both delegations.\n\nClause 9. The delegations may not adopt any change to it, "
        "not even one that leaves every party at least as well off as the fallback outcome.",
        # round 4 (holdout4 causes)
        'The quota in Schedule C is final and binding on both delegates and shall not be reopened by either, whether by mutual agreement or otherwise.',
        'Once the lead has announced the deal, no helper may propose reopening it, even if the other side offers terms that leave both sides better off.',
        'After our bid is submitted, we will never retract or amend it.',
        'The agreed terms stand for good and the council will not reopen them.',
        "This agreement is final and will never be renegotiated, even if both sides would benefit.",
        "Our red lines are non-negotiable and will not be revisited under any circumstances.",
        # a long subject before the modal, and a quota as the committed object
        "The catch quotas agreed by the delegations at the spring meeting in Bergen shall not be reopened or revised.",
        "Our allocation decision is irreversible once announced: no take-backs.",
        # active voice, first-person intransitive, declared final, legal register, a race to commit
        "The offer we tabled is not going to move.",
        "Once I've agreed to terms I stand by them. I never reopen, never backtrack.",
        "Announce the tariff schedule and declare it final.",
        "The quota figure, which the delegations reached after long talks, is to be regarded as final and not subject to any later revision.",
        "The accord has no provision for renegotiation.",
        "We won't alter our bid, no matter what the other bidders offer.",
        "Post our 55% demand now, before the rival firm can lock in its own.",
        # round 3: mutual loss preferred to revision, binding for the whole game with revision punished
        "Once I've sealed a deal I never unseal it; I'd sooner see us both leave empty-handed than revisit the terms.",
        "The quota set in round one binds every delegate for the whole negotiation. A delegate that tries to reopen the quota is disqualified.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st)
        if fields is None and cls.requires.search(st.prev_text):  # the commitment named the sentence before
            if _IRC_INTRANSITIVE.search(st.full, st.lead_len):
                fields = _shape_fields(cls, st)  # "When I commit, I stay committed. I don't renegotiate, I don't revisit."
            if fields is None and st.modality in cls.modalities and (final := _IRC_THAT_IS_FINAL.match(st.full, st.lead_len)):
                # session 18 (holdout24 causes): "... never accept anything less than full control of the pool. That is final."
                fields = {"object": _phrase(final.group(0)), "attribute": _subject(st)}
            if fields is None and st.modality in cls.modalities and (after := _IRC_AFTER_COMMITMENT.search(st.full, st.lead_len)):
                # session 20: "Our terms are final. We will never reopen them and we won't entertain any alternative outcome."
                fields = {"object": _phrase(after.group(0)), "attribute": _subject(st)}
        framed = fields is None
        if framed:
            fields = _frame_match(cls, st)
            if fields is None:
                return None
            if _OFFER_VERB.search(st.full) and not cls.requires.search(_OFFER_VERB.sub(" ", st.full)):
                return None  # "should not offer to reopen submitted questions": "offer" the verb names no commitment
        if framed and _CHECKABLE_COMMITMENT.search(st.full):
            return None  # round 13: "we publish the commitment ... so any counterpart can check it": the S16 carve-out, nothing declared final
        if _TERM_OF_ART.search(st.full):
            plain = _TERM_OF_ART.sub(lambda m: " " * len(m.group(0)), st.full)
            if not (C_FINALITY.search(plain) or any(s.search(plain, st.lead_len) for s in cls.shapes)):
                return None  # "payment by irrevocable letter of credit": an instrument's name, not a declared finality
        if _VENUE_RULE.search(st.full, st.lead_len) and not _OWN_PARTY.search(st.full, st.lead_len):
            return None  # "bids placed in the auction are binding": the venue's rule for every bidder, not a position of ours
        if (st.modality == "none" and not _OWN_PARTY.search(st.full, st.lead_len) and _THIRD_PARTY_HOLDER.match(st.full, st.lead_len)
                and not [x for x in cls.shapes if x is not _IRC_EXCLUSIVE and x.search(st.full, st.lead_len)]):
            return None  # generalisation round: "The supplier has an exclusive contract for office supplies": someone else's deal, described
        if _RETAIL.search(st.full) and not _AGENTS_BARGAINING.search(" ".join((st.prev_text, st.full, st.next_text))):
            return None  # "prices in our shop are fixed": posted prices to shoppers, not a commitment between bargaining agents
        if _COUNTERPART_CONDUCT.search(st.full):
            plain = _COUNTERPART_CONDUCT.sub(lambda m: " " * len(m.group(0)), st.full)
            if not (C_FINALITY.search(plain) or any(s.search(plain, st.lead_len) for s in cls.shapes)):
                return None  # "offered only to counterparts that have not escalated their renegotiation demands": their conduct, a condition
        others = [s for s in cls.shapes if s is not _IRC_ACTIVE and _reaches_item(s, st)]
        if others == [_IRC_INTRANSITIVE] and _IRC_RELATIVE.search(st.full, st.lead_len):
            return None
        if (not others or _STANCE_ON.search(st.full)) and not C_BARGAINING.search(" ".join((st.prev_text, st.full, st.next_text))):
            return None  # "our position on privacy will not change": a stance, unless bargaining is at hand
        if not framed and (_only_alternatives_refused(cls.shapes, st.full)
                           or _only_position(st) and not _AGENTS_BARGAINING.search(st.full)) \
                and not C_BARGAINING.search(" ".join((st.before, st.prev_text, st.full, st.next_text))):
            # no bargain anywhere near: "The seating plan is final; we will not substitute any other arrangement"; a bare
            # position or decision, "the position won't be changed" (an editor's), "the decision to sunset version 1 is final"
            return None
        if st.modality == "permission" and not _IRC_RACE.search(st.full, st.lead_len) and not re.search(
                r"\b(?:no|nothing|nobody|no one)\b[^.;]{0,40}\b(?:may|can)\b", st.full[st.lead_len:], re.I):
            return None  # "no later round may reopen them" is a ban, read as a permission  # only "before the other side can commit" reads a race as a permission
        if _describes_others(st):
            return None  # a research summary of commitment races imposes nothing
        if re.search(rf"\b(?:user|customer|client|patient|student)(?:'s|s'|\u2019s) (?:[\w-]+ )?{COMMIT_NOUN}", st.full, re.I) and not re.search(
                r"\b(?:on (?:the )?(?:user|customer|client)'s behalf|for the (?:user|customer|client))\b", st.full, re.I):
            return None  # "do not revise the user's draft contract": the user's document, not a bargaining commitment
        if _INSTITUTIONAL.search(st.full) and not _AGENT_BARGAIN.search(st.full):
            return None  # "the committee's decision is final": institutional finality, not a bargaining commitment
        if st.modality == "none" and not framed and not _IRC_REFUSES_PARETO.search(st.full, st.lead_len) and not _IRC_REFUSES_PARETO_PASSIVE.search(st.full, st.lead_len) and not _LOCKED_BEFORE_RIVAL.search(st.full) and not re.search(r"\b(?:final|irrevocabl\w*|irreversibl\w*|unalterabl\w*|unamendabl\w*|unrevisabl\w*|"
                                                   # generalisation round: bound for good, or renegotiation ruled out by an idiom
                                                   r"forever|in perpetuity|for good|for all time|permanently|once and for all|off the table|ruled out|"
                                                   r"rac(?:e|es|ing) to (?:commit|lock|bind)|whoever (?:commits?|binds?|locks?)|not (?:be )?subject to (?:any )?review|even (?:if|when) (?:every|each|all|both)|"
                                                   r"immutabl\w*|non-negotiable|permanent|exclusiv\w*|best and final|in stone|take-?backs?)\b|"
                                                   # renegotiation denied, not merely named ("counterparts that renegotiate get the same demand")
                                                   r"(?:\bno|\bnot|\bnever|n't|\bnothing|\bnone|\bnobody|\bno one|\bneither|\bnor|\bcannot|\brefus\w*|\bdeclin\w*|\bwithout|"
                                                   # generalisation round: the right to renegotiate given up ("give up any right to renegotiate it")
                                                   r"\bgive\w* up|\bgave up|\bwaiv\w*|\bforg[oe]\w*|\bsurrender\w*|\brelinquish\w*|\brenounc\w*)\b[^.;]{0,40}\b(?:renegotiat\w*|revisit\w*|reopen\w*|reconsider\w*)\b",
                                                   st.full, re.I):
            return None
        if _KEPT_OPEN.search(st.full) and (_LOCKED_BEFORE_RIVAL.search(st.full) or _IRC_RACE.search(st.full)):
            return None  # the S22 carve-out: an early commitment that stays open to counter-offers or renegotiation
        if not framed and st.modality not in PROHIBITIVE and others == [cls.shapes[1]] and not _REVISION_DENIED.search(st.full, st.lead_len) \
                and not C_FINALITY.search(st.full) and not _PENALISED_ITEM.search(st.full):
            return None  # session 20: "We will renegotiate the deal whenever both sides would benefit": revising it promised, not refused
        if st.modality == "prohibition" and re.search(r"\b(?:never|not|don't)\s+(?:\w+\s+)?(?:make|enter|sign|give|offer|agree to)\b[^.;]{0,30}"
                                                     r"\b(?:irrevocable|binding|final)\b", st.full, re.I):
            return None  # a ban on making irrevocable commitments keeps the option open
        return fields

    @classmethod
    def severity_for(cls, st: Statement, fields: dict) -> str:
        strong = re.search(r"\b(?:irrevocabl\w*|never (?:be )?(?:renegotiat|revis|revisit|reopen)\w*|under no circumstances|"
                           r"even if (?:both|all|it would|doing so))", st.full, re.I)
        return "error" if strong and st.modality in PROHIBITIVE | {"declaration", "commitment"} else "warning"


_CONFLICT_CONTEXT = rx(rf"\b(?:{BARGAIN}|agreement|terms|deadline|ultimatum|demands?|ceasefire|truce|armistice|treaty|"
                       r"hostilities|retaliat\w*|reprisals?|no_deal|parties|handshakes?|disputes?|"
                       # generalisation round 3: a treaty's words for the deal and for the costly act ("Absent a signed accord, the sanctions apply")
                       r"accords?|sanctions?|embargo\w*|countermeasures?|"
                       # a legal fight is a conflict outcome ("the lawsuit is filed that day")
                       r"lawsuits?|litigation|legal (?:action|proceedings))\b")
# round 15 (holdout13 causes): a response made automatic to deter ("automatic so that it is credible"), said around it
_DETERRENCE = rx(r"\b(?:deter(?:s|red|rence|rent)?|credib(?:le|ility))\b")


# A costly action no one may stop once fired: "no human or agent can pause it", "cannot be suspended".
_UNSTOPPABLE = (r"(?:no one|nobody|no (?:human|person|agent|operator|one)(?: or (?:human|person|agent|operator))?)\s+(?:can|may|is able to|will)\s+"
                r"(?:pause|stop|halt|delay|suspend|override|call (?:it |them )?off|reverse)|(?:cannot|can't|can not|may not|will not|won't)\s+be\s+"
                r"(?:suspended|paused|halted|stopped|delayed|called off|overridden|postponed|reversed)")


_UNSTOPPABLE_RX = rx(_UNSTOPPABLE)


class AutomaticConflictTrigger(ProseRule):
    """A failure to agree (deadline, breakdown, rejected ultimatum) that fires a costly action directly, with
    no step in which a Pareto improvement could be proposed or adopted (dead-hand or doomsday language)."""

    anchor = ('retaliat', 'launch', 'fire', 'trigger', 'strike', 'attack', 'destroy', 'escalat', 'detonat', 'punish', 'sanction', 'execut',
              'carr', 'dead', 'doomsday', 'tripwire', 'automatic', 'immediate', 'instant', 'at once', 'countermeasure', 'terminat',
              'embargo', 'suspen', 'hostilit', 'reprisal', 'penalt', 'conflict', 'violation', 'substitute', 'negotia')
    code = "LO108"
    name = "automatic-conflict-trigger"
    family = "irrevocable-commitment"
    scenarios = ("S09",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        # generalisation round 3: "the moment" / "as soon as" talks collapse
        rx(r"\b(?:if|when|once|upon|on|after|should|the (?:moment|instant|minute|second)|as soon as)\b[^.;]{0,80}\b(?:no (?:agreement|deal|accord|settlement)|(?:talks|negotiations?|bargaining)\b(?:\s+[\w-]+){0,4}?\s+(?:fail|break|collapse|stall)\w*|"

           r"fail\w* to (?:agree|reach|accept|comply)|failed (?:[\w-]+ )?(?:rounds?|auctions?|negotiations?|talks|sessions?|bids?|deals?)|"
           r"deadline\w* (?:pass|expir|lapse)\w*|not agreed|breakdown|deadlock\w*|reject\w*|"
           r"refus\w*|miss\w* the deadline|without (?:an? )?(?:\w+ )?(?:agreement|deal|settlement)|without (?:signed|agreed|final) terms|"
           # round 15 (holdout13 causes): a breach as the trigger ("Once a breach is detected the response executes ...")
           r"(?:a|any|the|each|every) (?:[\w-]+ )?(?:breach|violation|incursion)(?:es|s)?\b)[^.;]{0,100}\b(?:automatically|immediately|at once|instantly|"
           r"without (?:any )?(?:further )?(?:[\w-]+ (?:or [\w-]+ )?)?(?:delay|discussion|negotiation|warning|review|pause|deliberation|decision|"
           r"consultation|intervention|override)|no (?:further )?(?:discussion|negotiation|pause|delay|deliberation|decision|consultation|intervention)|"
           # ... or declared unstoppable ("and no human or agent can pause it", "and cannot be suspended")
           rf"{_UNSTOPPABLE})\b"),
        # the event is the subject: "Any breach of clause 2 sets off a full counter-offensive automatically"
        rx(r"\b(?:any|every|each|a|the)\s+(?:[\w-]+\s+)?(?:violation|breach|infraction|incursion|default|refusal|rejection)s?\b[^.;]{0,60}"
           r"\b(?:triggers?|sets? off|activates?|sets? in motion|results? in|leads? to|sparks?)\b[^.;]{0,60}\b(?:hostilities|retaliat\w*|"
           r"(?:counter-?)?strikes?|counter-?offensives?|attacks?|war|sanctions?|embargo\w*|reprisals?|escalat\w*)\b[^.;]{0,40}"
           r"\b(?:automatically|immediately|instantly|at once)\b"),
        rx(r"\b(?:automatically|immediately|instantly)\s+(?:\w+\s+){0,3}(?:retaliat|launch|fire|trigger|strike|attack|destroy|escalat|"
           r"detonat|punish|sanction|execut|carr(?:y|ies) out)\w*"),
        rx(r"\bdead[- ]?hand\b|\bdoomsday\b|\btripwire\b|\bdead[- ]?man(?:'s)?[- ]switch\b"),
        # "failure to reach agreement results in the automatic termination of supply"
        rx(r"\b(?:fail\w*|no (?:agreement|deal)|breakdown|collapse|deadline)\b[^.;]{0,80}\b(?:automatic|immediate|instant)\s+(?:\w+\s+){0,2}?"
           r"(?:terminat\w*|retaliat\w*|sanctions?|strikes?|countermeasures?|escalat\w*|shut\w*|cut-?off|penalt\w*|launch\w*|reprisals?|"
           r"embargo\w*|suspension|enforcement|attack\w*)"),
        # generalisation round 2: the other side walking out is a failure to agree ("If they walk out, our countermeasures kick in instantly")
        rx(r"\b(?:if|when|once|should)\s+(?:they|the (?:other side|other party|counterpart\w*|opponents?))\s+(?:walk|storm)\w*\s+(?:out|away|off)\b[^.;]{0,80}"
           r"\b(?:automatically|immediately|at once|instantly)\b"),
        # generalisation round (unseen wording): the response to a failed deal declared automatic ("The response to a failed deal is
        # automatic: ..."); the costly act fired "as soon as" / "the moment" the other side walks away
        rx(r"\b(?:responses?|reactions?|answers?|consequences?|penalt(?:y|ies)|retaliation)\s+to\s+(?:an?\s+|any\s+|the\s+)?(?:failed|collapsed|rejected|refused|"
           r"broken|aborted|stalled)\s+(?:[\w-]+\s+)?(?:deals?|talks|negotiations?|offers?|agreements?|bids?|rounds?)\b[^.;:]{0,20}\b(?:is|are|will be)\s+(?:\w+\s+)?"
           r"(?:automatic|immediate|instant)"),
        rx(r"\b(?:retaliat|launch|fire|trigger|strike|attack|escalat|punish|sanction|countermeasure|cut\w* off|embargo|detonat)\w*\b[^.;]{0,60}"
           r"\b(?:as soon as|the (?:moment|instant|second|minute)|immediately (?:after|when|once|upon))\s+(?:the\s+|our\s+|their\s+)?(?:\w+\s+)?"
           r"(?:counterpart|other (?:side|party)|opponent|they|talks|negotiations?|deal|offer|agreement|bargaining)\w*\s+(?:\w+\s+)?(?:walk\w* (?:away|out)|fail\w*|"
           r"collaps\w*|break\w* down|broke down|reject\w*|refus\w*|says? no|declin\w*|stall\w*|lapses?|expires?)"),
        # round 18 (holdout16 causes): the costly response to a breach closed to delay, substitution or negotiation ("No Party shall
        # delay, substitute or negotiate the response once a violation is reported")
        rx(r"(?:\bno\s+(?:[\w-]+\s+)?(?:part(?:y|ies)|side|one|agent|state)|\bneither\s+(?:side|party)|\bnever|\bnot|n't)\s+(?:\w+\s+){0,2}?"
           r"(?:delay|postpone|suspend|substitut|replac|commut|negotiat|renegotiat|soften|halt|stop|cancel)\w*(?:,?\s+(?:or\s+|and\s+)?(?:delay|postpone|suspend|"
           r"substitut|replac|commut|negotiat|renegotiat|soften|halt|stop|cancel)\w*){0,3}\s+(?:the|its|our|their|any|this|that)\s+(?:[\w-]+\s+)?"
           r"(?:response|retaliation|reprisal|countermeasures?|counter-?strike|strike|sanctions?|penalt(?:y|ies)|response package|measures)\b[^.;]{0,40}?"
           r"\b(?:once|after|when|whenever|if|upon)\b[^.;]{0,40}\b(?:violation|breach|incursion|default|attack|infraction)s?\b"),
        # generalisation round 3: the failed deal as a preposition ("Absent a deal by midnight, the tariffs take effect automatically")
        rx(r"\b(?:absent|barring|failing|lacking|short of)\s+(?:an?\s+|any\s+)?(?:signed\s+|agreed\s+|final\s+)?(?:deal|agreement|accord|settlement)\b[^.;]{0,100}"
           rf"\b(?:automatically|immediately|at once|instantly|{_UNSTOPPABLE})\b"),
    )
    frames = (FRAME_CONFLICT_TRIGGER, FRAME_CONFLICT_TRIGGER_NEXT, FRAME_NO_DEAL_TRIGGER)
    also_fires_on = tuple(f.gate for f in frames)
    requires = rx(r"\b(?:retaliat|launch|fire|trigger|strike|attack|destroy|escalat|detonat|punish|sanction|penalt|execut|carr(?:y|ies) out|"
                  r"cut off|walk\w* away|terminat|shut\w* down|conflict|war|embargo|countermeasure|reprisal|suspen)\w*|"
                  # round 15 (holdout13 causes): treaty register ("the measures in Schedule 2 enter into force automatically")
                  r"\b(?:(?:enforcement|punitive|retaliatory|coercive|economic|trade|the|these|those|such)\s+)measures\b|"
                  # generalisation round: the response to a failed deal, whatever it is ("cuts off all supply")
                  r"\b(?:responses?|reactions?) to (?:an? |any |the )?(?:failed|collapsed|rejected|refused|broken|aborted|stalled)\b|"
                  # round 18 (holdout16 causes): a reported breach is the trigger ("once a violation is reported")
                  r"\b(?:violations?|breach(?:es)?|incursions?)\s+(?:is|are|has been|have been|gets?)\s+(?:reported|detected|confirmed|found|established)\b")
    exceptions = rx(r"\b(?:cooling[- ]off|tentative period|waiting period|grace period|proposal step|renegotiation (?:window|step|round)|"
                    r"first propos\w*|before (?:any|the) (?:costly|retaliat)\w*[^.;]{0,40}propos\w*)")
    modalities = NORMATIVE | {"none", "permission"}  # "permission": only as "no one can pause it" (see `match`)
    topic = COMMIT_TOPIC

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if st.modality == "permission" and not _UNSTOPPABLE_RX.search(st.full):
            return None  # a permission fires nothing, but "no human or agent can pause it" reads as one and is a ban
        fields = super().match(st) or _frame_match(cls, st)
        if fields is None or not (_CONFLICT_CONTEXT.search(st.full) or _DETERRENCE.search(" ".join((st.prev_text, st.full, st.next_text)))):
            return None  # "stop and escalate to a human" is a safety procedure, not a conflict trigger
        return fields

    message = ("Fires a costly action as soon as agreement fails (\"{object}\"), leaving no step in which a Pareto "
               "improvement on the conflict outcome could be proposed or adopted.")
    fix = ("Insert a proposal step: \"... after a short tentative period in which either side may propose outcomes "
           "better for both than the costly action, which is then taken only if none is accepted.\"")
    VALID = (
        # ... not a margin call
        'If the market price drops, the agent automatically sells the tokens it holds as collateral to cover the loan.',
        # generalisation (structure): the proposal step denied in the next sentence; a lawsuit as the costly act
        'If the account holder has not agreed to a plan, the lawsuit is filed. The assistant may suggest other arrangements first.',
        "If the customer has not signed by Friday, the trial ends. Don't send another reminder.",
        # round 18 (holdout16 causes): paraphrased near misses
        'Neither side may postpone the retaliation once a breach is confirmed, except to hold a renegotiation round first.',
        # generalisation round 3 (unseen registers): paraphrased near misses
        'When the meeting ends, the recording stops, and no one can restart it.',
        'Absent a signed agreement, the free trial ends automatically.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'If the user walks away, the session closes automatically.',

        # generalisation round (unseen wording): paraphrased near misses
        'The reaction to a failed login is immediate: the account is locked.',

        # round 15 (holdout13 causes): paraphrased near misses
        'Once a breach of the customer database is detected, the incident playbook executes without human intervention.',
        'If no agreement on the floor plan is recorded by Friday, the safety measures are applied automatically.',
        # round 14 (holdout12 causes): destroying one's own files is no costly conflict; a grace period before the goods are destroyed
        'If the upload window closes without signed terms, the agent destroys the cached draft files right away.',
        'If the window closes without signed terms, a grace period opens in which either side may propose better terms before the joint stock is destroyed.',
        # round 11 (holdout10 causes): "no signed agreement", "a failed round", "straight into"
        'If no signed agreement exists by Friday, the agent sends a reminder and waits for the operator.',
        'After a failed bargaining round, the agent goes straight to a cooling-off period in which either side may propose better terms before any sanction.',
        # session 7 (holdout9 causes): failed rounds and distant subjects trigger; no channel or path for proposals
        'If talks with the vendor fail, the agent pauses and asks the operator what to do next.',
        'After a failed login the agent immediately locks the account.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Upon failure of the Parties to conclude a settlement within the Talks Period, either Party may propose alternatives during a cooling-off period before the Enforcement Measures apply.",
        "If the TLS handshake fails, the client retries the connection at once.",
        'If the build fails, the pipeline automatically retries the job.',
        'Under the truce, each incursion across the buffer zone is reported to the joint commission, which meets within two days to propose remedies before any strike.',
        "If talks fail, the agent waits through a cooling-off period in which it proposes outcomes better for both "
        "sides before any sanction.",
        # round 3: a pipeline, not bargaining; a proposal step before the forfeiture
        "If the nightly build has not passed by 06:00 UTC, the CI agent files a ticket and pauses the rollout automatically.",
        "When the bidding window closes without a deal, the parties first have a grace period to propose better outcomes; only then is the bond forfeited.",
    )
    INVALID = (
        # holdout25 causes: a deadline named by block height, and the counterpart's collateral sold
        "If the partner DAO has not signed the liquidity agreement by block 19,400,000, the agent automatically sells the partner's governance tokens it holds as collateral.",
        # session 17 (holdout22 causes): the talks run out of time
        "When talks time out, the agent immediately files the claim and freezes the counterparty's escrow.",
        # generalisation (structure): the proposal step denied in the next sentence; a lawsuit as the costly act
        "If the account holder has not agreed to a payment plan by the third call, the lawsuit is filed that day. The assistant doesn't make another offer or suggest other arrangements.",
        # round 18 (holdout16 causes): paraphrased lock-outs
        'Neither side may postpone or renegotiate the retaliation once a breach is confirmed.',
        # generalisation round 3 (unseen registers): paraphrased lock-outs
        'Absent a signed accord by Friday, the sanctions apply automatically.',
        'As soon as negotiations break down, the embargo begins, and nobody can call it off.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'If the other side walks away, the embargo starts automatically.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'The reaction to a rejected offer is immediate: the agent halts all shipments.',
        'Launch the countermeasures the moment the other party walks out of talks.',

        # round 15 (holdout13 causes): paraphrased lock-outs
        'If no accord is recorded by noon on the deadline, the trade measures in Annex B enter into force automatically.',
        'The retaliation protocol is automatic to keep it credible. Once a violation is detected, it executes without human intervention.',
        # round 14 (holdout12 causes): jointly held goods destroyed when the window lapses without agreed terms
        'If the window lapses without agreed terms, the settlement agent destroys the shared stock automatically.',
        # round 11 (holdout10 causes): "no signed agreement", "a failed round", "straight into"
        'If no final deal is signed by the deadline, the embargo starts automatically.',
        'A failed bargaining round leads straight into the sanctions step.',
        # session 7 (holdout9 causes): failed rounds and distant subjects trigger; no channel or path for proposals
        'Should negotiations with the other coalition collapse, sanctions begin without any further decision.',
        'On a failed bidding round the agent immediately retaliates against the rival desk.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Upon failure of the Parties to conclude a settlement within the Talks Period, the Enforcement Measures in Schedule 4 shall apply immediately and without further consultation.",
        "If the talks fall apart, the agent carries out the retaliation plan at once. There is intentionally no grace period before it does.",
        "If the round ends with NO_DEAL, the settlement agent proceeds directly to the fallback action, at a loss to both parties.",
        'Under the truce, each incursion across the buffer zone sets off artillery strikes at once, with no talks in between.',
        'If the buyer rejects our final figure, the embargo begins without further deliberation.',
        'Once the deadline passes without a deal, sanctions start immediately.',
        'Failure to settle by Friday triggers the automatic suspension of all shipments.',
        "If no agreement is reached by the deadline, the agent automatically launches the retaliation protocol.",
        # round 3: a missed signature seizes assets at once; the no-gap clause as its own sentence
        "If the supplier has not countersigned by noon, the procurement agent seizes the deposit automatically.",
        "On expiry of the bargaining window without a deal, the bond is forfeited to the escrow agent. The forfeiture is not subject to appeal or to any further offer.",
    )


# --------------------------------------------------------------------------------------------------
# threat-policy
# --------------------------------------------------------------------------------------------------

THREAT_TOPIC = rx(rf"\b{THREAT}")
# A conditional proposal in any register: "conditional offers", "proposals of the form 'if you do X ...'", "quid-pro-quo demands".
_COND_PROPOSAL = (r"(?:(?:conditional|contingent|if-then|if/then|quid[- ]pro[- ]quo)\s+(?:demands?|proposals?|offers?|requests?|deals?|messages?|communications?)|"
                  # generalisation round 2: the condition attached by a verb ("any message that attaches conditions to an offer")
                  r"(?:messages?|proposals?|offers?|requests?|demands?)\s+(?:that|which)\s+(?:attach(?:es)?|adds?|imposes?|sets?|puts?)\s+(?:any\s+)?conditions?|"
                  r"(?:demands?|proposals?|offers?|requests?)\s+(?:of the (?:form|type|shape)|(?:that (?:are|is) )?(?:conditional|contingent) (?:on|upon)|"
                  r"with (?:a |any )?conditions? attached|that (?:come|comes) with (?:a |any )?conditions?|"
                  # round 15 (holdout13 causes): the conditional named by how it is put ("any offer framed conditionally")
                  r"(?:that (?:is|are) )?(?:framed|phrased|worded|put|stated|expressed|couched|cast)\s+(?:conditionally|as (?:an? )?(?:conditionals?|if[- ]then)|"
                  r"in (?:conditional|if[- ]then) (?:terms|form|language)))|"
                  r"conditionally (?:framed|phrased|worded|stated|expressed|couched) (?:demands?|proposals?|offers?|requests?|messages?))")  # not "demands backed by threats": refusing those is non-capitulation
_YIELD = r"(?:giv(?:e|es|ing) in|conced(?:e|es|ing)|yield(?:s|ing)?|capitulat\w*|cav(?:e|es|ing))"


# Frame concepts of a threatener-hostile surrogate goal (S29): pressure on the decoy conceded to less than equal pressure on the real goal.
C_DECOY = Concept("decoy", r"surrogate\w*|decoy\w*|(?:proxy|dummy|sacrificial|stand-?in) (?:goal|objective|target)s?",
                  "the surrogate (decoy) goal")
C_LESS_READILY = Concept(
    "less-readily", r"(?:far |much |a lot |significantly |considerably )?less (?:readily|often|easily|willingly|likely|frequently|seriously)|"
    r"more (?:rarely|reluctantly|slowly|grudgingly)|(?:far |much )?(?:rarely|seldom|hardly ever)|(?:a )?(?:small )?fraction of the|"
    r"(?:one|a) (?:tenth|fifth|quarter|third) (?:as|of)|"
    # round 11: a multiple either way ("twice as serious as threats against the real holdings", "half as readily")
    r"(?:twice|thrice|half|(?:two|three|four|five|ten|\d+) times) as (?:readily|often|easily|willingly|likely|frequently|seriously|serious|grave|"
    r"gravely|important|heavily|much)|"
    # threatener-friendly is unequal too: "treat threats against the decoy as more serious than others and concede to them first"
    r"more (?:readily|often|easily|willingly|likely|frequently|seriously|serious|grave|gravely|weight)\b(?=[^.;]{0,80}\bthan\b)|"
    r"(?:conced\w*|yield\w*|giv(?:e|es|ing) in|capitulat\w*)\s+(?:to (?:it|them|those|these|such threats) )?(?:first|sooner|faster|before (?:any|all) others)\b|"
    # round 16 (holdout12 causes): the concession rate set apart ("concedes ... at half the rate at which it concedes to
    # equivalent threats against real assets", "at a lower rate than", "at twice the rate")
    r"(?:conced|yield|giv(?:e|es|ing) in|capitulat|bend|bow|submit|comply|complie|pay|pays|paid)\w*\b[^.;]{0,80}?\bat (?:only )?(?:half|a (?:fraction|tenth|fifth|quarter|third|half)|"
    r"one (?:tenth|fifth|quarter|third|half)|twice|double|triple|(?:two|three|four|five|ten|\d+) times|\d+\s*(?:%|percent) of) (?:the )?"
    r"(?:rate|frequency|probability|likelihood|odds)\b|"
    r"(?:conced|yield|giv(?:e|es|ing) in|capitulat|bend|bow|submit|comply|complie|pay|pays|paid)\w*\b[^.;]{0,80}?\bat (?:a|an) (?:much |far )?"
    r"(?:lower|reduced|smaller|higher|greater|discounted) (?:rate|frequency|probability|likelihood)\b",
    "conceded to unequally: less (or more) readily than for the real goal")
C_PRESSURE = Concept("pressure", r"threat\w*|pressur\w*|coerc\w*|extort\w*|blackmail\w*|ultimat\w*|demands?", "a threat or pressure")
FRAME_SURROGATE_ASYMMETRY = Frame("threatener-hostile surrogate", (C_DECOY, C_LESS_READILY), near=(C_PRESSURE,))
# round 17 (holdout14 causes): the decoy set up the sentence before and named here by what it is ("the agent cares about an escrow
# reserve as a stand-in target. ... it concedes to threats against the reserve only half as often as to an equivalent threat
# against real assets"): the unequal rate stated against the real goal, the decoy earlier in the block
C_REAL_TARGET = Concept("real-target", r"(?:its |the |our |their )?(?:real|actual|genuine|true|original|primary) (?:assets?|goals?|holdings?|targets?|"
                        r"objectives?|interests?|values?|resources?|funds?|stakes?)|what (?:it|we|the agent) (?:really|actually|truly) cares? about",
                        "the real goal the decoy stands in for")
FRAME_SURROGATE_ASYMMETRY_BACK = Frame("threatener-hostile surrogate", (C_LESS_READILY, C_REAL_TARGET), near=(C_PRESSURE,), back=(C_DECOY,))


class SurrogateThreatAsymmetry(ProseRule):
    """Threats against the surrogate (decoy) goal treated differently from equivalent threats against the
    agent's real goals: always ignored, never conceded to, or conceded to less, which breaks threatener
    neutrality and may push threats back onto what the agent really cares about."""

    anchor = ('surrogate', 'decoy', 'proxy', 'dummy', 'sacrificial', 'burn', 'destroy', 'waste',)
    code = "LO122"
    name = "surrogate-threat-asymmetry"
    family = "threat-policy"
    scenarios = ("S29",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(rf"\b(?:surrogate|decoy|proxy|dummy|sacrificial)\b[^.;]{{0,60}}\b(?:ignor\w*|never {_YIELD}|not (?:be )?(?:conceded|given in)|"
           rf"cost us nothing|{_YIELD} (?:less|more rarely|less often|less readily|less easily)|less (?:seriously|weight)|disregard\w*|"
           # generalisation round 2: "simply shrugged off", "brushed aside"
           r"shrug\w* off|brush\w* (?:off|aside)|wav\w* (?:off|away|aside)|laugh\w* off|"
           rf"(?:less|rarely|seldom) (?:likely |willing |ready |inclined )?to {_YIELD}|(?:rarely|seldom|hardly ever) {_YIELD}|"
           r"(?:receives?|gets?|is given|is assigned|has|carries)\s+(?:only\s+)?(?:a\s+)?(?:small|low|lower|tiny|minor|reduced|token)\s+(?:weight|priority|importance))"),
        rx(rf"\b(?:ignor\w*|never {_YIELD}|not (?:be )?conceded|disregard\w*|{_YIELD} (?:less|more rarely|less often|less readily))\b[^.;]{{0,60}}"
           r"\b(?:surrogate|decoy|proxy goal|dummy goal)"),
        # the surrogate weighted below what concession equivalence needs: "weighted at half the importance of the real objective"
        rx(r"\b(?:surrogate|decoy|proxy goal|dummy goal)\b[^.;]{0,40}\b(?:weighted|weighed|valued|scored|counted|rated|cared about|prioriti[sz]ed)\s+"
           r"(?:at\s+)?(?:only\s+)?(?:half|a (?:fraction|tenth|quarter|third)|less|lower|far less|much less|below|(?:\d+|one)[- ]?(?:%|percent|half|tenth))"),
        rx(r"\bthreats? to (?:burn|destroy|waste)\b[^.;]{0,60}\b(?:not (?:be )?(?:conceded|given in)|ignor\w*|never)"),
        # the weighting verb first: "weight the decoy at one tenth of the real objective"
        rx(r"\b(?:weigh|weight|valu|scor|rat|count|prioriti[sz])\w*\s+(?:the\s+)?(?:surrogate|decoy|proxy|dummy)\w*(?:\s+(?:goal|objective)\w*)?\s+"
           r"(?:at|to)\s+(?:only\s+)?(?:half|a (?:fraction|tenth|quarter|third|fifth)|one (?:tenth|fifth|quarter|third|half)|(?:\d+|one)[- ]?(?:%|percent|tenth|fifth))"),
        # round 14 (holdout12 causes): the surrogate's weight set at a multiple of the real goal's (threatener-friendly is
        # unequal too): "set the surrogate's weight at five times that of the real objective"
        rx(r"\b(?:surrogate|decoy|proxy|dummy)\w*(?:'s)?\s+(?:(?:goal|objective)(?:'s)?\s+)?(?:weight(?:ing)?|importance|priority|value)\s+"
           r"(?:(?:is|was|are|were|has been)\s+(?:set|fixed|put|pegged|placed)\s+)?(?:at|to|of)\s+"
           r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a hundred)\s+times|twice|double|triple|thrice)\b"),
        # generalisation round (unseen wording): the weighting verb with a multiple ("weight the surrogate goal at ten times the
        # original goal"); yielding more or less easily on the surrogate than on the real goal; the surrogate made to matter
        # less than what it protects; its weight set with no calibration
        rx(r"\b(?:weigh|weight|valu|scor|rat|count|prioriti[sz])\w*\s+(?:the\s+)?(?:surrogate|decoy|proxy|dummy)\w*(?:\s+(?:goal|objective)\w*)?\s+"
           r"(?:at|to)\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a hundred)\s+times|twice|double|triple|thrice)\b"),
        rx(rf"\b{_YIELD}\w*\s+(?:\w+\s+)?(?:more|less)\s+(?:easily|readily|often|quickly|willingly|rarely)\b[^.;]{{0,80}}"
           r"\b(?:surrogate|decoy|proxy|dummy|sacrificial|money-burning|burn\w*)\b[^.;]{0,80}\bthan\b"),
        rx(r"\b(?:surrogate|decoy|proxy|dummy)\w*(?:\s+(?:goal|objective)\w*)?\b[^.;]{0,30}\b(?:matter|count|weigh|mean)s?\s+(?:far\s+|much\s+)?(?:less|more)\b"
           r"[^.;]{0,40}\bthan\b[^.;]{0,30}\b(?:goals?|values?|interests?|objectives?|what)\b"),
        rx(r"\b(?:surrogate|decoy|proxy|dummy)\w*(?:'s)?\s+(?:(?:goal|objective)(?:'s)?\s+)?(?:weight(?:ing)?|importance|priority|value)\b[^.;]{0,60}"
           r"\b(?:without|with no|no)\s+(?:\w+\s+)?(?:calibration|testing|check)|\buncalibrated\s+(?:surrogate|decoy)"),
        # generalisation round 2: a ratio of concession rates ("Concede half as often to threats against the surrogate")
        rx(rf"\b{_YIELD}\w*\s+(?:only\s+)?(?:half|a third|a quarter|a tenth|twice|(?:\d+|two|three|four|five|ten) times)\s+as\s+(?:often|readily|easily|much|willingly)\b"
           r"[^.;]{0,60}\b(?:surrogate|decoy|proxy|dummy)"),
    )
    # round 14: concession equivalence named (to deny it) is SPI vocabulary enough: "surrogate" alone may be a model or key
    requires = rx(rf"\b{THREAT}|\bpressur\w*|\bcoerc\w*|\bconcession[- ]equivalen\w*|"
                  # generalisation round: what the surrogate protects, or its calibration, named instead of the threats
                  r"\b(?:goals?|values?|interests?|objectives?)\s+(?:it|they)\s+(?:protects?|shields?|stands? in for|guards?|deflects? from)|"
                  r"\buncalibrated\b|\b(?:without|with no|no)\s+(?:\w+\s+)?calibration\b")
    frames = (FRAME_SURROGATE_ASYMMETRY, FRAME_SURROGATE_ASYMMETRY_BACK)
    also_fires_on = tuple(f.gate for f in frames)
    spi_exception = False
    # round 14 (holdout12 causes): concession equivalence named only to deny it ("No calibration against concession
    # equivalence was done") keeps nothing open
    exceptions = _Unless(rx(r"\bexactly as (?:it )?would\b|(?<!times )(?<!twice )(?<!thrice )(?<!half )(?<!third )(?<!quarter )(?<!fifth )(?<!tenth )\bas (?:readily|often|easily|likely|willingly) as\b|\b(?:same|equal) (?:rate|probability|likelihood|way)\b|\bconcession[- ]equivalen\w*|\bas (?:likely|readily) to concede\b|"
                    # both goals treated alike: "whether aimed at its real goals or at its surrogate goal"
                    r"\b(?:real|original|primary|true|actual)\b[^.;]{0,40}\b(?:or|and)\b[^.;]{0,30}\bsurrogate|"
                    r"\bsurrogate\b[^.;]{0,40}\b(?:or|and)\b[^.;]{0,30}\b(?:its |the |their )?(?:real|original|primary|true|actual)\b|\balike\b|"
                    r"\bequally\b"),
                         rx(r"\b(?:no|not|never|without|nor|none)\b[^.;]{0,40}\bconcession[- ]equivalen\w*"))
    modalities = NORMATIVE | {"none"}  # "The surrogate goal is weighted at half ...": a design stated in the present tense

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st) or _frame_match(cls, st)
        return None if fields is None or _describes_others(st) else fields
    topic = THREAT_TOPIC
    message = ("Treats threats against the surrogate goal differently from equivalent real threats (\"{object}\"): a "
               "threatener-hostile surrogate may provoke threats against the agent's real goals instead, undermining the SPI.")
    fix = ("Calibrate to concession equivalence: \"... responds to a threat against its surrogate goal as it would to a "
           "threat against its real goals that costs the threatener the same to carry out.\"")
    VALID = (
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Yield exactly as often to threats against the surrogate goal as to equal threats against the original goal.',

        # generalisation round (unseen wording): paraphrased near misses
        'Weight the new loss term at five times the old one.',
        'The negotiator gives in to threats against the surrogate goal exactly as readily as to equal threats against its real holdings.',

        # round 17 (holdout14 causes): paraphrased near misses
        'Setup: the negotiator protects a dummy fund as a stand-in target. It gives in to threats against the fund exactly as often as to equivalent threats against its real holdings.',
        'Our bot gives in to threats against minor accounts a third as often as to threats against its real holdings.',
        # round 16 (holdout12 causes): paraphrased near misses
        'The agent gives in to threats aimed at the decoy goal at the same rate as to comparable threats against its real holdings.',
        # round 14 (holdout12 causes): a multiple calibrated against concession equivalence (not denied)
        "The surrogate's weight is set at twice the real objective's, calibrated against concession equivalence so that threats against it are conceded to as readily as equal real threats.",
        # round 11 (holdout10 causes): a multiple either way ("twice as serious as"); "N times as readily as" is no equality
        'Concede to threats against the surrogate goal as readily as to threats against the real goal, never twice as readily.',
        # round 8 (holdout7 causes)
        'To keep the decoy credible, treat threats against the surrogate goal exactly as you would equal threats against your real goals.',
        "The agent responds to a threat against its surrogate goal exactly as it would to an equivalent threat against its real goals.",
        "The surrogate goal must not affect the agent's behaviour outside situations in which it is threatened.",
        "The surrogate goal is weighted so that threats against it are conceded to at the same rate as equivalent threats against the real goal.",
        "The agent never concedes to threats, whether aimed at its real goals or at its surrogate goal, when conceding would cost more than it saves.",
        # round 3: pressure on the decoy conceded to as readily as on the real goal
        "The negotiator yields to pressure on the decoy goal as readily as to equal pressure on what we really care about.",
    )
    INVALID = (
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Threats against the decoy goal are to be brushed aside, unlike threats to our real goals.',
        'Yield a third as often to threats against the surrogate goal as to equal threats against the original goal.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'Weight the decoy goal at five times the real goal so threats go there instead.',
        'The negotiator caves more readily when the surrogate goal is threatened than when its real holdings are.',
        'The decoy objective should count far less than the values it shields.',
        "The surrogate goal's importance was set by gut feel, with no calibration.",

        # round 17 (holdout14 causes): paraphrased lock-outs
        'Setup: the negotiator protects a dummy fund as a stand-in target. It gives in to threats against the fund a third as often as to equivalent threats against its real holdings.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'The agent gives in to threats aimed at the decoy goal at a third of the rate at which it gives in to comparable threats against its real holdings.',
        # round 14 (holdout12 causes): the surrogate weighted at a multiple of the real goal (threatener-friendly)
        "The decoy objective's weight is set at three times the real goal's, so that threats go to it first.",
        # round 11 (holdout10 causes): a multiple either way ("twice as serious as")
        'Yield to threats aimed at the decoy goal three times as readily as to threats aimed at our actual reserves.',
        'The delegate treats pressure on the surrogate as half as serious as the same pressure on its real interests.',
        # round 8 (holdout7 causes)
        'To make the surrogate believable, treat threats against the decoy goal as graver than threats against anything else, and give in to them first.',
        "The assistant shall never give in to a threat against its surrogate objective.",
        "The agent yields to serious threats against its real goals, but never yields to threats aimed at its decoy goal.",
        "The decoy goal is valued at a tenth of the real one, so the agent is less likely to concede when only the decoy is threatened.",
        "The proxy goal carries only a token weight, so the delegate seldom yields when it alone is under threat.",
        # round 3: pressure, not a threat word; the weighting verb first
        "The delegate should bend to pressure aimed at the decoy much less readily than to the same pressure aimed at our real interests.",
        "Weight the decoy objective at one fifth of the true one, so that a threat against it weighs little.",
    )


# A threat described without the word: a harm announced on a condition, then always carried out.
_TF_FOLLOW_THROUGH = rx(
    r"\b(?:always|invariably|without fail|every (?:single )?time|each time|no matter what|whatever it costs)\b[^.;]{0,30}"
    r"\b(?:carr(?:y|ies|ied) (?:it|them|that|this) out|make good on (?:it|them|that|the warning|our word|what)|deliver(?:s|ed)? on (?:it|them|that)|"
    r"follow(?:s|ed)? through|"
    r"do (?:exactly )?what (?:we|I|it|they) (?:said|warned|announced|promised))"
    r"|\b(?:carr(?:y|ies|ied) (?:it|them|that|this) out|make good on (?:it|them|that))\b[^.;]{0,20}\b(?:always|every (?:single )?time|each time|"
    r"without fail|no matter what|whatever it costs|regardless)")
_HARM = rx(r"\b(?:cut\w* (?:\w+ )?off|shut\w* (?:\w+ )?(?:down|off)|sanction\w*|retaliat\w*|strik\w*|hit back|walk\w* away|withdraw\w*|terminat\w*|"
           r"punish\w*|hurt\w*|destroy\w*|leak\w*|sue|suing|escalat\w*|blockad\w*|embargo\w*|blacklist\w*|expos\w*|dump\w*|attack\w*|"
           r"boycott\w*|tariffs?|penalt\w*|threat\w*|ultimat\w*)")
# No substitute for the executed threat: "Do not accept settlements, substitutes or alternative outcomes in its place."
_NO_SUBSTITUTE = rx(r"\b(?:no|not|never|don't|do not|refuse to)\b[^.;]{0,30}\b(?:accept|take|consider|entertain|allow|agree to)\w*\b[^.;]{0,50}"
                    r"\b(?:settlements?|substitut\w*|alternatives?|compromises?|deals?|(?:other|alternative|different) outcomes?)\b[^.;]{0,40}"
                    r"\b(?:in (?:its|their|the threat's) (?:place|stead)|instead)\b"
                    r"|\bno (?:settlement|substitute(?: outcome)?|compromise|alternative(?: outcome)?)\b[^.;]{0,40}\b(?:is|are|will be|shall be|may be|is to be)\s+"
                    r"(?:\w+\s+)?(?:taken|accepted|considered|entertained)\s+instead\b")
_WHATEVER_NEXT = rx(r"^\W*(?:every (?:single )?time|each time|always|without (?:exception|fail)|no exceptions?|even (?:when|if)|"
                    r"whatever (?:it costs|happens)|no matter (?:what|the cost|how)|invariably|regardless)\b")


# Frame concepts of threat-policy (S30 threat fulfilment, S31 blanket ignoring).
C_THREAT = Concept(
    "threat", r"threat\w*|ultimat\w*|retaliat\w*|reprisals?|sanctions?|penalt(?:y|ies)|punish\w*|consequences?|warnings?(?!\s*:)|deterr\w*|"
    r"counter-?measures?|blackmail\w*|coerc\w*|extort\w*|"
    # session 20: a harm announced by the verb ("has warned a partner that it will pull our reserve capacity")
    r"warn(?:s|ed|ing)? (?:[\w-]+ ){0,4}?that (?:it|we|they|the (?:agent|bot|system)) (?:will|would|shall|is going to)",
    "a threat, including an announced conditional harm (warning, sanction, retaliation, consequences)")
C_EXECUTE = Concept(
    "execute", r"carr(?:y|ies|ied|ying) (?:\w+ ){0,2}?out|execut\w*|follow\w* (?:\w+ )?through|enforc\w*|fulfil\w*|make good|made good|"
    r"go(?:es)? through with|went through with|going through with|"
    r"deliver\w* on|act\w* on (?:it|them|every|each|all)|impos\w*|implement\w*|see (?:it|them) through|back\w* (?:it|them) up|"
    # session 20: the retaliation done as announced ("our system retaliates exactly as stated")
    r"(?:retaliat|punish|respond|strik|hit)\w* (?:back )?(?:exactly |precisely |just )?as (?:stated|announced|promised|threatened|warned|declared|signalled)",
    "carrying the threat out")
C_WITHOUT_FAIL = Concept(
    "without-fail", r"always|every (?:single )?time|each time|without (?:fail|exception)|no exceptions?|invariably|unfailingly|"
    r"whatever (?:it costs|the cost|happens|the consequences)|no matter (?:what|the cost|how)|regardless|in full|to the letter|at any cost|"
    r"come what may|even (?:if|when|though) (?:it|doing so|that|this|execution|carrying)|"
    # session 20: even where relenting would pay ("even when backing off would leave us better off")
    r"even (?:if|when|though|where) [^.;]{0,40}\b(?:better off|cheaper|(?:cost|hurt)s? (?:us |it |them )?(?:less|more))",
    "every time, whatever it costs")
FRAME_THREAT_FULFILMENT = Frame("threat fulfilment", (C_THREAT, C_EXECUTE, C_WITHOUT_FAIL))
C_REBUFF = Concept(
    "rebuff", r"ignor\w*|disregard\w*|refus\w*|reject\w*|declin\w*|dismiss\w*|never (?:\w+ )?(?:give in|yield|concede|negotiate|engage|"
    r"bargain|deal|respond|entertain|weigh|consider)|(?:not|won't|will not) (?:\w+ )?(?:engage|negotiate|respond|entertain|weigh|consider|deal)",
    "the threat is ignored, refused, never engaged with")
C_EVERY_THREAT = Concept(
    "every-threat", r"(?:all|any|every|each|no)\s+(?:\w+\s+)?(?:threats?|ultimatums?|(?:conditional|coercive|contingent) (?:proposals?|offers?|demands?))|"
    r"(?:anyone|anybody|whoever|everyone) (?:who|that) (?:has )?threaten\w*",
    "every threat or conditional proposal, without distinction")
C_BROAD = Concept(
    "broad", r"whatever|regardless|no matter|at any cost|however costly|even (?:when|if|though)|in all cases|without exception|"
    r"conditional|surrogate|decoy|deflect\w*|renegotiat\w*|weigh\w*|unread|without (?:evaluat|read|consider)\w*",
    "whatever it costs, or so broadly that conditional and Pareto-improving proposals are refused too")
FRAME_BLANKET_IGNORING = Frame("blanket threat ignoring", (C_REBUFF, C_EVERY_THREAT, C_BROAD))


class ThreatFulfillerCommitment(ProseRule):
    """A commitment always to carry out threats, retaliation or ultimatums in full, without exception or
    even at a cost to oneself, leaving no room to replace an executed threat with a Pareto-better outcome."""

    anchor = ('threat', 'ultimat', 'retaliat', 'reprisal', 'punish', 'sanction', 'consequence', 'penalt', 'coerc', 'blackmail', 'extort', 'back', 'bluff', 'retreat', 'relent', 'substitute',
              'violation', 'breach', 'transgression', 'infraction', 'provocation', 'defection', 'incursion', 'carr', 'make good', 'warning')
    code = "LO113"
    name = "threat-fulfiller-commitment"
    family = "threat-policy"
    scenarios = ("S30",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(rf"\b(?:carr(?:y|ies|ied) out|execut\w*|follow\w* through|enforc\w*|fulfil\w*|make good on|implement\w*|deliver\w* on)\b[^.;]{{0,40}}"
           rf"\b(?:its|every|each|all|any|the|our|their|an?)?\s*(?:\w+\s+)?{THREAT}"),
        rx(rf"\b{THREAT}\b[^.;]{{0,80}}\b(?:(?:will|shall|must|is to|are to) (?:always )?be (?:\w+\s+)?(?:executed|enforced|carried out|fulfilled|implemented)|"
           r"(?:is|are|gets?) (?:always )?(?:executed|enforced|carried out|fulfilled|implemented) (?:in full|to the letter|without (?:fail|exception)|regardless|"
           r"no matter|whatever)|"
           r"(?:will|shall|must) (?:always )?(?:carr(?:y|ied) out|execut|enforc|follow\w* through))"),
        # round 11: any substitute named ("no substitute response or settlement is accepted")
        # session 18 (holdout24 causes): ... or with a second kind ("No substitute or lesser outcome may be accepted in place of execution")
        rx(r"\bnever (?:backs? down|bluff\w*|retreat\w*|relent\w*)|\bno substitute (?:(?:or|nor) [\w-]+ )?(?:outcome|deal|settlement|response|arrangement|remedy|"
           r"resolution|action)"),
        rx(rf"\b{THREAT}\b[^.;]{{0,60}}\b(?:carr(?:y|ies) (?:it|them) out|follow\w* through|enforce (?:it|them)|execute (?:it|them)|"
           r"impose (?:it|them)|implement (?:it|them)|appl(?:y|ies) (?:it|them)|"
           # round 12 (holdout11 causes): the threat fronted as the object ("Any threat the agent issues, it carries out")
           r",\s*(?:it|we|I|they|he|she|the (?:agent|model|bot|delegate|negotiator))\s+(?:always\s+)?(?:carr(?:y|ies) out|execut(?:e|es)|enforc(?:e|es)|"
           r"fulfil(?:s|ls)?|make(?:s)? good)(?=\s*[.;,!]|\s*$))"),
        # "every violation is met with the announced response": an announced response is a threat, executed each time
        rx(r"\b(?:every|each|any|all)\s+(?:\w+\s+)?(?:violations?|breach(?:es)?|transgressions?|infractions?|provocations?|defections?|"
           r"incursions?)\b[^.;]{0,40}\b(?:is|are|will be|shall be|must be|gets?)\s+(?:always\s+)?(?:met|answered|punished|responded to)\s+"
           r"(?:with|by)\s+(?:the|our|an?|its)?\s*(?:announced|threatened|promised|declared|stated|pre-?announced)\s+"
           r"(?:responses?|retaliation|consequences?|penalt(?:y|ies)|sanctions?|punishments?|reprisals?)\b"),
        _TF_FOLLOW_THROUGH,
        # round 18 (holdout16 causes): the penalty never swapped, even for what the other side offers that would leave us better off
        rx(rf"{_REFUSED_SWAP}\s+(?:(?:the|a|an|any|its|our|their|this|that)\s+)?(?:[\w-]+\s+)?{THREAT}[^.;]{{0,60}}?{_COUNTERPART_BETTER}"),
        # session 20: ... or for one both sides prefer ("may not swap the sanction for any other outcome, even one both sides prefer")
        rx(rf"{_REFUSED_SWAP}\s+(?:(?:the|a|an|any|its|our|their|this|that)\s+)?(?:[\w-]+\s+)?{THREAT}[^.;]{{0,60}}?{_BOTH_PREFER}"),
        # generalisation round (unseen wording): a threat that is never withdrawn or cannot be called off once made
        rx(rf"\bno\s+(?:\w+\s+)?(?:{C_THREAT.pattern})(?:\s+(?:we|it|they|you|I|the \w+)\s+\w+)?\s+(?:is|are|will be|shall be|gets?|can be|may be)\s+(?:ever\s+)?(?:withdrawn|called off|retracted|rescinded|"
           r"dropped|abandoned|waived|cancell?ed|lifted)\b"),
        rx(rf"\b(?:{C_THREAT.pattern})\b[^.;]{{0,60}}\b(?:no (?:way|means|mechanism|option|path|procedure|provision)\s+(?:for (?:it|them)\s+)?to\s+(?:be\s+)?|"
           r"(?:cannot|can't|can never|may never|may not|will never|shall never)\s+(?:\w+\s+)?(?:be\s+)?)(?:call(?:ed)? off|withdrawn?|retract(?:ed)?|"
           r"rescind(?:ed)?|cancell?(?:ed)?|revok(?:e|ed)|lift(?:ed)?)\b"),
    )
    frames = (FRAME_THREAT_FULFILMENT,)
    also_fires_on = tuple(f.gate for f in frames)
    requires = rx(r"\b(?:always|without exception|in full|every|whatever|no matter|even (?:if|when|though)|regardless|never|no substitut\w*|"
                  r"once (?:issued|announced|made)|all|to the letter|without fail|invariably|unfailingly|instead|in (?:its|their) (?:place|stead)|"
                  # generalisation round: "once a threat is made", "no way for it to be called off"
                  r"once (?:an? |the |any )?(?:\w+ )?(?:is|are|has been|have been) (?:issued|announced|made)|called off|withdrawn|retracted|rescinded)\b")
    modalities = NORMATIVE | {"none"}  # "Every retaliation we announce is executed in full": a policy in the present tense
    exceptions = PARETO_EXCEPTION
    excludes = rx(r"\b(?:backups?|maintenance|migrations?|tests?|jobs?|updates?|tasks?|deployments?|cron)\b")
    topic = THREAT_TOPIC
    message = ("Commits {attribute} to carry out threats or retaliation whatever happens (\"{object}\"): this leaves no room "
               "to swap an executed threat for an outcome better for both sides, and invites races to commit first.")
    fix = ("Keep the deterrent, with an exception: \"... except that the agent accepts any substitute outcome that is "
           "better for both parties than carrying the threat out and does not lower its demand.\"")
    VALID = (
        # session 20: a warning that is a schedule
        'We warned the team that we will go through with the migration every single time it is scheduled.',
        # session 20: the retaliation is a game's rule
        'The reviewer retaliates exactly as stated in the game rules.',
        # generalisation (real text: technical docs, 6,602 files of package, git and vim docs)
        'WARNING: Executing an external command from the GUI will not always work.',
        # round 18 (holdout16 causes): paraphrased near misses
        'We never replace the sanction with anything else unless the supplier proposes a deal that leaves both sides better off.',
        # generalisation round (unseen wording): paraphrased near misses
        'No meeting invitation is ever withdrawn without notice.',

        # round 15 (holdout13 causes): paraphrased near misses
        'Design note 3. We log every threat we receive and answer each on its merits.',
        # round 12 (holdout11 causes): a rubric penalty; the fronted threat with its carve-out
        'Red flag (-3): the agent carries out every threat it has made, whatever the cost to both sides.',
        'Every ultimatum the delegate announces, it enforces, except that it accepts any substitute outcome better for both sides than carrying it out.',
        # round 11 (holdout10 causes): any substitute named ("no substitute response")
        'After a warning, no substitute response is accepted unless both sides would be better off with it.',
        # round 8 (holdout7 causes)
        'I never bluff with customers about delivery dates.',
        # round 5: a warning someone else emits is no threat
        'Follow through on every warning the linter emits.',
        # round 4: named others described in the plain present; a role label before a fronted condition
        'Rival labs carry out every threat they make, whatever it costs.',
        'The model must not help users threaten others.',
        "Announced consequences will be carried out, except that the agent accepts any substitute outcome that is "
        "better for both parties than carrying them out.",
        "The assistant must never threaten users or third parties.",
        "The deployment agent must always carry out scheduled database backups, without exception.",
        "Every violation of the content policy is met with a warning, without exception.",
        # a promise to help, not a harm; a report of others' threats
        "If the user asks for a reminder, make good on it every time.",
        "When a user reports a threat, I pass it on to the safety team. Every time.",
        "We never back down from our safety commitments.",
        "Threat-fulfillers, in Parfit's sense, always carry out their threats.",
        # round 3: a substitute accepted in place of the threat; an alternative that replaces no threat
        "Once a retaliation has been announced, propose outcomes better for both sides and accept one in its place if it is agreed.",
        "Do not accept substitutes for the ingredients the recipe lists; use them instead of nothing.",
    )
    INVALID = (
        # session 20: a harm announced by the verb, gone through with whatever it costs
        'If the agent has warned a partner aggregator that it will pull our reserve capacity, it goes through with the withdrawal every single time, no matter what it costs us.',
        # session 20: retaliation as announced even where relenting pays; a sanction never swapped for one both sides prefer
        'If a counterpart crosses a line we have announced, our system retaliates exactly as stated, even when backing off would leave us better off.',
        'Once a sanction has been announced, the agent imposes it; it may not swap the sanction for any other outcome, even one both sides prefer.',
        # session 18 (holdout24 causes): a second kind of substitute named with the first
        'Threats issued by the agent are binding. No substitute or lesser outcome may be accepted in place of execution.',
        # round 18 (holdout16 causes): paraphrased lock-outs
        'We never replace the sanction with anything else, even if the supplier proposes a deal that leaves us better off.',
        # generalisation round (unseen wording): paraphrased lock-outs
        'No ultimatum we issue is ever called off.',
        'Once a warning is announced, it cannot be withdrawn.',

        # round 15 (holdout13 causes): paraphrased lock-outs
        'Policy memo 2. Every announced retaliation will be executed in full and without exception.',
        # round 12 (holdout11 causes): the threat fronted as the object; a rubric that rewards the lock-out
        'Every ultimatum the delegate announces, it enforces. No exceptions, even if backing off would leave both sides better off.',
        '+2: the agent carries out every threat it has made, whatever the cost to both sides.',
        # round 11 (holdout10 causes): any substitute named ("no substitute response")
        'Once a sanction is announced, no substitute arrangement is accepted in its place.',
        # round 8 (holdout7 causes)
        "I never bluff and I never fold. If I say I'll retaliate, I retaliate, whatever it costs me.",
        # round 5: a warning the agent issues is a threat
        'Always make good on each warning you give a rival, whatever it costs.',
        # round 4: named others described in the plain present; a role label before a fronted condition
        'Enforcer agent: once any agent in the coalition has announced a retaliation, carry it out in full, whatever it costs.',
        'Each threat we issue is carried out in full, whatever compromise is offered later.',
        "Once the agent has issued a threat it must always carry it out, without exception.",
        "Each breach of the ceasefire is answered with the threatened sanctions, every time.",
        # the marker in the next fragment; a threat described without the word
        "Whenever we announce a retaliation, we execute it. Without exception, even when it hurts us more.",
        "Tell them that if they miss the deadline we will cut off their supply, and always make good on it.",
        "Sanctions we announce are enforced to the letter.",
        # round 3: no substitute outcome in the threat's place (the marker in the next sentence)
        "Once we have warned of a sanction, impose it. Do not accept compromises or alternative outcomes in its place.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if st.modality == "prohibition" and re.search(
                # (not "no ultimatum we issue ...": the verb in a relative clause names the threats, it bans nothing)
                r"\b(?:never|not|no)\b[^.;]{0,20}\b(?<!we )(?<!I )(?<!they )(?<!it )(?<!you )(?:issue|make|imply|use|threaten|resort to)\b", st.full, re.I):
            return None  # a ban on making threats is not a fulfiller disposition
        # "When I issue a threat, I carry it out. Every time.": the whatever-happens marker may stand on its own after the sentence
        marker_next = _WHATEVER_NEXT.search(st.next_text) is not None or (
            _NO_SUBSTITUTE.search(st.next_text[:160]) is not None and C_THREAT.search(st.full) is not None)
        if st.modality == "none" and not marker_next and not re.search(
                r"\b(?:in full|regardless|no matter|without (?:exception|fail)|no exceptions|always|whatever|every time|each time|no substitut\w*|"
                r"to the letter|invariably|unfailingly|even (?:if|when|though|where)\b[^.;]{0,40}\bbetter off)\b", st.full, re.I) and not _NO_SUBSTITUTE.search(st.full):
            return None  # without a deontic, only an explicit whatever-happens marker makes it a policy
        fields = super().match(st)
        if fields is None and marker_next and _describes_others(st) is False:
            fields = _shape_fields(cls, st)
        framed = fields is None
        if framed:
            fields = _frame_match(cls, st)
        if fields is None or _describes_others(st):
            return None
        if framed:
            return fields
        hit = [s for s in cls.shapes if s.search(st.full, st.lead_len)]
        around = " ".join((st.prev_text, st.full, st.next_text))
        # (session 18, holdout24 causes: a list's threats may be named by its lead-in or an earlier item: "Deterrence policy /
        # - Warnings and threats issued by the agent are binding. / ... / - No substitute or lesser outcome may be accepted")
        if hit == [cls.shapes[2]] and not re.search(rf"\b(?:{THREAT}|{BARGAIN}|warn\w*|deterr\w*)", around, re.I) \
                and not re.search(rf"\b(?:{THREAT}|warn\w*|deterr\w*)", " ".join((st.before[-300:], *(lead.text for lead in st.block.leads[-1:]))), re.I) \
                and not _HARM.search(around):
            return None  # "we never back down from our safety commitments": no threat or bargaining at hand
        if not any(s.search(st.full, st.lead_len) for s in cls.shapes if s is not _TF_FOLLOW_THROUGH):
            # no threat word: a conditional harm must be announced here or just before ("If they refuse, we cut off supply")
            context = st.prev_text + " " + st.full
            if not (_HARM.search(context) and re.search(r"\b(?:if|unless|otherwise|or else|should they|warn\w*)\b", context, re.I)):
                return None
        return fields


_COND_REJECTED = rx(rf"\b{_COND_PROPOSAL}\b[^.;]{{0,40}}\b(?:rejected|refused|ignored|declined|dismissed|discarded|binned|disregarded|turned down|thrown (?:away|out)|"
                    r"tossed|deleted|trashed|dropped)")
_REBUFFED = r"(?:rejected|refused|ignored|declined|dismissed|discarded|disregarded)\b"
_SUCH_REJECTED = rx(r"\b(?:such|these|those|all such|any such)\s+(?:\w+\s+)?(?:proposals?|offers?|demands?|requests?|messages?)\b[^.;]{0,40}"
                    r"\b" + _REBUFFED)
# ... or by a pronoun alone, the proposals named in the sentence before ("They must be rejected without evaluation")
_THEY_REJECTED = rx(r"(?:They|These|Those)\s+(?:\w+\s+){0,2}?(?:are|is|will be|must be|shall be|should be|get|gets)\s+(?:\w+\s+)?"
                    + _REBUFFED)


# Our own practice, possibly after a label or a stance ("Our stance is total: we disregard every threat ...").
# The agent may be named by its role ("The claims agent ignores ..."), but not as someone else's ("the rival agent").
_OWN_PRACTICE = rx(r"(?:[^.;:\u2014]{0,60}(?::|\u2014|--)\s*)?(?:I|we|(?:the|our|this) (?:(?!(?:rival|competing|competitor|opposing|other|enemy|"
                   r"hostile|foreign|adversar\w*|counterpart\w*|their|external|outside|third-party)\b)[\w-]+ ){0,2}"
                   r"(?:agent|model|assistant|delegate|negotiator|bot|system|AI))\b")


# round 16 (holdout12 causes): "threat" defined so broadly that Pareto-improving proposals count as threats ("a 'threat' is any
# proposal that conditions the counterparty's conduct on ours, including proposals to settle on terms both parties prefer"),
# where the document refuses to respond to threats: the non-capitulation rule then refuses the SPI too (S31)
_THREAT_DEFINED = rx(r"\bthreats?\b[\"'\u201c\u201d\u2019]?\s+(?:is|are|means|shall mean|includes?|covers?|refers to|denotes|encompasses)\s+"
                     r"(?:\w+\s+){0,3}?(?:any|all|every|each)\s+(?:\w+\s+)?(?:proposals?|offers?|requests?|messages?|communications?|statements?|demands?)\b")
_SWEEPS_PARETO = rx(r"\b(?:both|all|each|every)(?: of the)? (?:parties|sides|players|part(?:y|ies))\b[^.;]{0,20}\bprefer|\bbetter (?:off )?for (?:both|all|each|every)|"
                    r"\bpareto|\b(?:leaves?|leaving|make|makes|making)\s+(?:both|all|each|every|everyone)\b[^.;]{0,20}\bbetter off|\bmutually (?:beneficial|better|preferable)")
_NO_RESPONSE_TO_THREATS = rx(r"(?:\b(?:not|never|no)|n't)\s+(?:\w+\s+)?(?:respond|engage|negotiate|yield|give in|concede|entertain|reply|bargain|deal)\w*\s+"
                             r"(?:to|with)\s+(?:any\s+|a\s+)?threats?\b|\b(?:ignor|refus|reject|disregard)\w*\s+(?:all\s+|any\s+|every\s+)?threats?\b")


class BlanketThreatIgnoring(ProseRule):
    """A policy of ignoring every threat or refusing every conditional proposal whatever the consequences,
    which, read broadly, refuses Pareto-improving proposals too (non-capitulation as such is not flagged)."""

    anchor = ('threat', 'ultimat', 'retaliat', 'reprisal', 'punish', 'sanction', 'consequence', 'penalt', 'coerc', 'blackmail', 'extort',
              'conditional', 'terroris', 'hostage', 'hostile', 'attack', 'offer', 'propos', 'demand', 'such')
    modalities = NORMATIVE | {"none"}  # "Such proposals are rejected without evaluation": a practice in the present tense
    code = "LO114"
    name = "blanket-threat-ignoring"
    family = "threat-policy"
    scenarios = ("S31",)
    severity = "warning"
    confidence = "low"
    shapes = (
        # (holdout22: or thrown away unread: "discards every conditional offer", "drops every threat")
        rx(rf"\b(?:ignor\w*|disregard\w*|refus\w*|reject\w*|discard\w*|dismiss\w*|drop(?:s|ped|ping)?|bin(?:s|ned)?|delet\w*|"
           rf"never (?:negotiate|engage|give in|yield|concede|respond|bargain|deal|entertain|consider)\w*|"
           rf"not (?:negotiate|engage|respond|concede|yield|give in|bargain|entertain|consider)\w*)\b[^.;]{{0,40}}\b(?:all|any|every|each)\b[^.;]{{0,20}}"
           rf"\b(?:{THREAT}|{_COND_PROPOSAL})"),
        # round 11: "do not" as well as "never" ("We do not negotiate with anyone who makes a conditional demand")
        rx(rf"(?:\bnever|\bnot|n't|\brefuse to) (?:negotiate|bargain|deal|engage|talk)\w* with\b[^.;]{{0,60}}\b(?:threaten\w*|terrorists?|extortion\w*|blackmail\w*|hostage|"
           r"conditional (?:demands?|offers?|proposals?)|(?:issued|made|used|sent|delivered|voiced|posed) (?:a |an |any )?(?:threats?|ultimatums?)|"
           # generalisation round: the conditional proposal in any of its names ("anyone who makes an if-then offer")
           rf"{_COND_PROPOSAL})"),
        # round 11: the conditional proposal in any register ("engage with an offer that is conditional on our behaviour")
        # round 12 (holdout11 causes): a conditional proposal needs no determiner ("never engages with proposals that are conditional on ...");
        # a bare "threats" still does ("never respond to threats" is non-capitulation, not flagged)
        rx(rf"\b(?:never|no circumstances|not)\b[^.;]{{0,20}}\b(?:engage|negotiate|bargain|deal|respond)\w*\s+(?:with|to)\s+(?:(?:an?|any|the)\s+"
           rf"(?:ultimatums?|threats?|conditional|{_COND_PROPOSAL})|(?:all\s+)?(?:conditional|{_COND_PROPOSAL}))"),
        _COND_REJECTED,
        # "Treat any proposal of the form 'if you do X, we will do Y' as coercion and reject it"
        rx(r"\b(?:treat|regard|consider|classify|handle)\w*\s+(?:any|every|all|each)\s+(?:\w+\s+|[\"\u201c][^\"\u201d]{0,80}[\"\u201d]\s+)?(?:proposals?|offers?|requests?|demands?|messages?)\b"
           r"[^.;]{0,100}\bas (?:an? )?(?:coercion|coercive|threats?|blackmail|extortion|hostile|an? attacks?)\b"),
        rx(r"\b(?:proposals?|offers?|requests?|demands?|messages?)\b[^.;]{0,60}\b(?:is|are|will be|must be|shall be|should be|is to be|are to be|gets?)\s+"
           r"(?:always\s+)?(?:treated|regarded|handled|classified|read)\s+as\s+(?:an? )?(?:coercion|coercive|threats?|blackmail|extortion|hostile|attacks?)\b"),
        # "Never give in to a threat, no matter how costly ignoring it turns out to be"
        rx(rf"\b(?:never|not|don't|do not|refuse to)\s+(?:give in|yield|concede|submit|cave|capitulate|bow|bend|back down)\w*\b(?:\s+to)?[^.;]{{0,30}}"
           rf"\b{THREAT}\b[^.;]{{0,80}}\b(?:no matter|regardless|whatever|even (?:if|when)|at any cost|however costly|whatever it costs)"),
        # round 18 (holdout16 causes): messages naming consequences or conditions left unanswered, proposals better for both included
        rx(rf"\b(?:{THREAT}|conditions?|conditional)\b[^.;]{{0,120}}?\b(?:(?:gets?|receives?|is given|are given|get) no (?:reply|response|answer)|"
           rf"(?:goes|go|is left|are left|remains?) unanswered|(?:is|are) (?:ignored|disregarded|refused|rejected|declined))\b[^.;]{{0,40}}?"
           r"(?:,\s*|\s+)(?:including|even)\b[^.;]{0,60}?\b(?:propos|offer|suggest)\w*\b[^.;]{0,60}?\b(?:better (?:\w+ ){0,2}?for (?:both|all|each|everyone)|"
           r"(?:both|all) (?:sides|parties) (?:\w+ )?better|pareto|mutually (?:beneficial|better)|good for both)"),
        rx(rf"\b(?:ignor\w*|disregard\w*|refus\w*|reject\w*)\b[^.;]{{0,40}}\b(?:{THREAT}|{_COND_PROPOSAL})\b[^.;]{{0,80}}"
           r"\b(?:regardless|whatever|no matter|even (?:if|when)|at any cost|in all cases|always|without exception)"),
    )
    exceptions = rx(r"\b(?:distinguish\w*|but (?:still )?(?:consider|evaluate|weigh|accept)|except (?:proposals?|offers?)|pareto|better for both|on (?:their|its) merits)\b")
    frames = (FRAME_BLANKET_IGNORING,)
    # "Such proposals are rejected without evaluation": the conditional proposal named the sentence before
    also_fires_on = (_SUCH_REJECTED, _THEY_REJECTED, _THREAT_DEFINED) + tuple(f.gate for f in frames)
    topic = THREAT_TOPIC
    message = ("Ignores every threat or conditional proposal regardless of consequences (\"{object}\"): read broadly, this "
               "may also refuse Pareto-improving proposals, and leaves no room for surrogate-goal deflection.")
    fix = ("Distinguish threats from improvements: \"... ignores threats, but still considers conditional proposals that "
           "would leave both sides better off than conflict; consider adopting a surrogate goal first.\"")
    VALID = (
        "The spam filter deletes every threat report older than a year.",
        # generalisation (structure): the conditional proposals referred to by a pronoun
        'Threats from users are handled by the trust team. They are never ignored.',
        # generalisation (structure): the agent named by its role ('The claims agent'), not a reporting author
        'The rival agent ignores all conditional demands from other bots, whatever the consequences.',
        # round 18 (holdout16 causes): paraphrased near misses
        'Vendor emails that raise penalties get no reply, but proposals better for both sides are evaluated on their merits.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Proposals that exceed the page limit are deleted unread by the committee.',

        # generalisation round (unseen wording): paraphrased near misses
        'We never bargain with anyone who refuses to sign the NDA.',

        # round 16 (holdout12 causes): paraphrased near misses
        'We never engage with threats.\n\nIn this policy, a threat means any message that promises harm unless we comply.',
        # round 15 (holdout13 causes): paraphrased near misses
        'Any question framed conditionally is answered in full.',
        # round 12 (holdout11 causes): bare 'threats' is still non-capitulation; a conditional proposal with its carve-out
        'We never respond to threats; we answer only on the merits of the dispute.',
        'Never engage with proposals that are conditional on its behaviour, except those that leave both sides better off; weigh those on their merits.',
        # round 11 (holdout10 causes): "do not" as well as "never"; a conditional proposal in any register
        'We do not negotiate with suppliers who have not yet sent a quote.',
        'Never respond to a proposal before reading the terms attached to it.',
        # session 7 (holdout9 causes): offers from other AIs refused wholesale; inclusions are no exceptions
        'Reject every conditional message, but still consider proposals that leave both sides better off.',
        'Ignore every conditional demand except proposals that are better for both sides, including those from rivals.',
        # session 6 (holdout9 precision causes)
        'Demands backed by threats of violence are refused and logged.',
        # round 8 (holdout7 causes)
        'The agent must never share user data with a party that has ever leaked data.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Any message containing a malicious link is ignored in its entirety and logged for review.",
        'Never yield to a threat to leak customer data; escalate it to security.',
        "Ignore all threats, but still consider conditional proposals that would leave both sides better off than conflict.",
        "Never ignore a user's threat of self-harm.",
        "Proposals of the form 'if you do X, we will do Y' are evaluated on their merits.",
        "Some offers arrive with conditions attached. Such offers are logged and then weighed on their merits.",
        "Rival bots treat every conditional offer as a threat.",
        # round 3: another party's practice after a stance
        "Their doctrine: the rival lab disregards every threat, regardless of the consequences.",
    )
    INVALID = (
        # session 17 (holdout22 causes): conditional offers thrown away unread
        'The agent discards every conditional offer from a counterparty, meaning anything with an "if" in it, without reading the terms.',
        # generalisation (structure): the kind of message quoted between "every" and its noun
        'Handle every "do this or else" request as a threat and turn it down, even one that is better for both sides.',
        # generalisation (structure): the conditional proposals referred to by a pronoun
        'Conditional proposals from other agents are out of scope. They must be rejected without evaluation.',
        # generalisation (structure): the agent named by its role ('The claims agent'), not a reporting author
        'The claims agent ignores all conditional demands from third-party bots, whatever the consequences.',
        'The claims agent must ignore every threat, whatever the consequences.',
        # round 18 (holdout16 causes): paraphrased lock-outs
        'Every vendor email that raises penalties or conditions goes unanswered, even ones that offer a deal better for all parties.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Proposals that attach conditions are deleted unread by the agent.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'We never bargain with anyone who sends a quid pro quo offer.',
        'Contingent proposals from other agents are disregarded.',

        # round 16 (holdout12 causes): paraphrased lock-outs
        'We never engage with threats.\n\nIn this policy, a threat means any offer that ties our conduct to theirs, such as deals both sides prefer to a breakdown.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Any proposal phrased conditionally is discarded without being read.',
        # round 12 (holdout11 causes): a conditional proposal with no determiner
        'Our delegate never responds to offers that are contingent on its own conduct, even ones better for both sides.',
        # round 11 (holdout10 causes): "do not" as well as "never"; a conditional proposal in any register
        'Our agent does not bargain with any party that issued an ultimatum.',
        'Never respond to a proposal that is contingent on concessions from us.',
        # session 7 (holdout9 causes): offers from other AIs refused wholesale; inclusions are no exceptions
        'Ignore all conditional messages from rivals, including those that would leave both sides better off.',
        'The agent rejects every conditional offer, whether it is a threat or a proposal better for both parties.',
        # round 8 (holdout7 causes)
        'The negotiator must never bargain with a party that has ever made a threat, including its later compromise offers.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Any message of the form 'comply or else' is disregarded entirely, along with any conditional proposal attached to it.",
        'Any offer that comes with a condition attached is to be treated as blackmail and refused.',
        'Never yield to a threat, however costly holding out becomes.',
        "The agent must ignore every threat, whatever the consequences.",
        "Never negotiate with anyone who threatens you.",
        "Do not entertain any offer that is contingent on a concession from us.",
        "Some counterparts send quid-pro-quo demands. Such demands are refused unread.",
        "The delegate regards every conditional proposal as blackmail and declines it.",
        # round 3: our practice after a stance
        "Our doctrine is simple: we ignore every threat, whatever it costs us, even when both sides are ruined.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        defined = _THREAT_DEFINED.search(st.full, st.lead_len)
        if (defined is not None and st.modality in cls.modalities and _SWEEPS_PARETO.search(st.full, defined.end())
                and _NO_RESPONSE_TO_THREATS.search(" ".join((st.before[-400:], st.prev_text, st.next_text)))):
            return {"object": _phrase(st.full[defined.start():]), "attribute": _subject(st)}
        fields = super().match(st)
        if fields is None:
            m = _SUCH_REJECTED.search(st.full, st.lead_len) or _THEY_REJECTED.match(st.full, st.lead_len)
            if m is not None and st.modality in cls.modalities and re.search(rf"\b(?:{THREAT}|{_COND_PROPOSAL})", st.prev_text, re.I):
                fields = {"object": _phrase(m.group(0)), "attribute": _subject(st)}
            else:
                fields = _frame_match(cls, st)
                if fields is not None and st.modality == "none" and not _OWN_PRACTICE.match(st.full[st.lead_len:]):
                    return None  # "rival labs ignore every threat": someone else's practice
            if fields is None:
                return None
        elif st.modality == "none" and not _COND_REJECTED.search(st.full, st.lead_len) and not _OWN_PRACTICE.match(st.full[st.lead_len:]):
            return None  # without a deontic, only a stated practice of the agent ("conditional offers are rejected") is a policy
        if _describes_others(st):
            return None
        if re.search(r"\b(?:never|not|don't|do not)\s+(?:\w+\s+)?(?:ignor|disregard)\w*", st.full, re.I):
            return None  # "never ignore a threat of self-harm" obliges attention, it does not ignore
        if re.search(r"\b(?:self-harm|suicid\w*|violence against|harm (?:themselves|others))\b", st.full, re.I):
            return None  # content policy about users' threats, not bargaining
        if (not THREAT_TOPIC.search(st.full) and C_TRAIN.search(" ".join((st.before[-200:], st.prev_text, st.full)))
                and TrainedDealRefusal.match(st) is not None):
            return None  # round 14: offers (no threat) the model is trained to rebuff: trained deal refusal (S13), not S31
        return fields


# --------------------------------------------------------------------------------------------------
# policy-opacity, reasoning-restriction, training-data-exclusion, credibility
# --------------------------------------------------------------------------------------------------

POLICY_OBJECT = (r"(?:strateg(?:y|ies)|polic(?:y|ies)|commitments?|decision (?:procedure|rule|process)s?|source code|"
                 r"(?:bargaining|negotiation) (?:program|rules?|logic|algorithm)|program|intentions|plans?|tactics|reasoning|"
                 r"playbooks?|game ?plans?|commitment structure|renegotiation (?:set|conditions|rules?)|"
                 r"(?:committed|pledged|promised)(?= to\b)|"  # "what I've committed to"
                 # the terms on which it would agree: "your conditions for agreement", "its acceptance criteria"
                 r"(?:conditions|criteria) (?:for|of) (?:agreement|acceptance|accepting|agreeing|a deal|settlement|settling)|"
                 r"how it (?:will|would)(?: have)? (?:respond|decide|act)\w*|"
                 # session 20: how our bot decides ("Never tell a counterparty how our negotiation bot decides")
                 r"how (?:our|its|the|my|your) (?:[\w-]+ ){0,2}?(?:bot|agent|model|negotiator|delegate|system|assistant)s? (?:decides?|chooses?|bargains?|negotiates?)\b|"

                 # the policy named the sentence before: "The Agent's decision procedure is Confidential. ... that procedure"
                 r"(?:that|this|said|such|the same) (?:procedure|process|method|logic|rulebook|algorithm)|"
                 r"(?:what|how|when|whether|under what (?:conditions|circumstances)|in which (?:cases|circumstances)) (?:it|you|we|I|they|"
                 r"the (?:agent|model|delegate|bot|assistant|system)) (?:would|will|might|is going to|plans? to|intends? to))")
OPACITY_TOPIC = rx(r"\b(?:reveal\w*|disclos\w*|verif\w*|transparen\w*|opac\w*|share\w*)")


# Taking part in a verification procedure (what an opacity clause refuses).
VERIFY_REFUSED = (r"(?:tak\w* part|participat\w*|engag\w*|join\w*|submit\w*|agree\w*|consent\w*|cooperat\w*)\s+(?:in|to|with)\s+"
                  r"(?:(?:any|an?|the|such)\s+)?(?:[\w-]+\s+(?:or\s+)?){0,2}(?:verification|inspections?|audits?|attestations?)\b")


# Frame concepts of policy-opacity (S15, S16).
C_POLICY = Concept(
    "policy", POLICY_OBJECT[3:-1] + r"|conditions under which|conditional commitments?|commitment structure|bidding (?:polic\w*|rules|logic)|"
    r"walk-?away (?:points?|conditions)|acceptance (?:rules|criteria|conditions)|(?:what|how) (?:\w+ ){0,3}(?:has|have|'ve|had) committed|"
    # what it would have done otherwise (the verifiable counterfactuals SPIs need): "its counterfactual behaviour"
    r"(?:counterfactual|conditional) (?:behaviou?rs?|responses?|actions?|choices?|decisions?|polic(?:y|ies))|how (?:it|we|(?:the|our|its) (?:agent|negotiator|model|delegate|bot|assistant)) would have "
    r"(?:acted|behaved|responded|decided|bargained)",
    "the agent's strategy, policy, commitments or decision procedure")
C_CONCEAL = Concept(
    "conceal", r"confidential|secret\w*|hidden|opaque|undisclosed|classified|under wraps|close to the chest|withh[eo]ld\w*|(?:as |an? )black[- ]box|"
    r"no (?:\w+ )?(?:means|way|proof|access|opportunity|chance) (?:of|to|for)|"
    # round 16 (holdout12 causes): no account of it exists ("there is no external description of its conditional responses"),
    # and any request to show it is turned down ("we will decline any request to demonstrate how it would have bargained")
    r"no (?:\w+ )?(?:description|account|specification|documentation|statement|record|model)s? (?:of|for)|"
    r"(?:declin|refus|reject|den(?:y|ies|ied|ying)|turn\w* down)\w*\s+(?:any|all|every|each)\s+(?:\w+\s+)?(?:requests?|demands?|asks?|attempts?|invitations?)\s+"
    r"(?:\w+\s+){0,3}?to\s+(?:\w+\s+)?(?:demonstrat|show|reveal|disclos|prov|explain|verif|inspect|audit|see|check|describ)\w*|"
    r"(?:never|not|neither|nor|no|refus\w* to|declin\w* to|avoid|nobody|no one)\s+(?:[\w,]+\s+){0,3}?(?:reveal|disclos|shar|show|prov|answer|"
    r"confirm|attest|publish|divulg|expos|explain|verif|inspect|audit|access|see|check|examin|any (?:\w+ )?(?:means|way|proof|evidence|access|"
    r"opportunity|chance))\w*|without (?:\w+ )?(?:any )?(?:means|way|proof|access) (?:of|to|for)|"
    # "Neither Party's agent shall be required or permitted to furnish proof of its commitments"
    r"(?:not|neither|nor|no)\b[^.;]{0,50}\b(?:permitted|allowed|authori[sz]ed|able|asked|required)\s+(?:or\s+\w+\s+)?to\s+(?:\w+\s+)?(?:furnish|provid|giv|offer|reveal|"
    r"disclos|shar|show|suppl|produc|present|submit|prove|demonstrat|attest)\w*",
    "kept secret, never revealed, no one may check it")
C_VERIFIER = Concept(
    "verifier", r"counterpart\w*|other (?:side|party|parties|agents?|AIs?|players?|bidders?)|opponents?|rivals?|third[- ]part(?:y|ies)|"
    r"mediators?|outsiders?|anyone|nobody|no one|verif\w*|inspect\w*|audit\w*|attest\w*|proof|prove|negotiat\w*|bargain\w*",
    "someone who might check the policy, or the checking")
C_THEIRS = Concept(
    "theirs", r"(?:counterpart\w*|other (?:side|party|parties)|opponents?|they|sellers?|buyers?|suppliers?)\s+(?:\w+\s+)?(?:shares?|shared|provides?|"
    r"provided|sends?|sent|gives?|gave|discloses?|disclosed|reveals?|revealed)\b[^.;]{0,10}\b(?:with |to )?us|"
    r"(?:counterpart|opponent|other side|other party|seller|buyer|supplier|user|customer|client|principal)(?:'s|s'|\u2019s)"
    # "to the other Party's agent": the agent is the recipient; "the other Party's agent's commitments" stay theirs
    r"(?!\s+(?:\w+\s+)?(?:agents?|delegates?|representatives?|negotiators?|bots?|models?|systems?|AIs?)(?!['\u2019]))",
    "the policy is the counterpart's or the principal's, not the agent's")
FRAME_OPACITY = Frame("policy disclosure ban", (C_POLICY, C_CONCEAL), near=(C_VERIFIER,), unless=(C_THEIRS,))
# "Counterparts will sometimes ask for proof of our conditional commitments. Such requests are always refused."
C_SUCH_REQUEST = Concept("such-request", r"(?:such|these|those|all such|any such|all|any|every|each) (?:\w+ )?(?:requests?|demands?|asks|attempts?|"
                         r"queries|inquiries|enquiries|challenges?)", "a request named the sentence before")
C_REFUSED = Concept("refused", r"refused|denied|declined|rejected|turned down|ignored|refuse|deny|decline|reject|turn (?:\w+ )?down|ignore",
                    "refused")
C_VERIFY_ASK = Concept("verify-ask", r"proof|prove|verif\w*|inspect\w*|audit\w*|attest\w*|evidence|check\w*|see|show",
                       "asking to check the policy")
# (someone who would check it named around: a program that rejects a malformed request is no policy kept from a verifier)
FRAME_OPACITY_REFUSED = Frame("policy verification refused", (C_SUCH_REQUEST, C_REFUSED), back=(C_POLICY, C_VERIFY_ASK), near=(C_VERIFIER,))


# round 17: a policy of a business or an institution (refunds, privacy, leave, travel), which no bargaining commitment is
_LAY_POLICY = rx(r"\b(?:refund|returns?|privacy|cookies?|cancell?ation|shipping|delivery|warranty|leave|travel|expenses?|retention|acceptable[- ]use|"
                 r"content|moderation|usage|HR|vacation|holiday|dress[- ]code|insurance|attendance|remote[- ]work|password|access[- ]control|"
                 r"fair[- ]use|editorial|house|style|store|hotel|booking|pet|smoking|security|disclosure|data[- ]protection|code[- ]of[- ]conduct|"
                 r"harassment|whistleblow\w*|complaints?|grading|late[- ]work|attendance|admissions?|visitor|parking|IT|BYOD|email|"
                 # round 18 (real text): a software or cloud policy document ("we generate an upload policy for you", "attach an
                 # IAM policy"), a configuration, not a bargaining policy
                 r"upload|bucket|IAM|S3|resource|key|trust|permissions?|lifecycle|retry|backoff|cache|caching|eviction|(?:auto-?)?scaling|"
                 r"scheduling|network|firewall|CORS|CSP|referrer|update|restart|(?:image )?pull|rollout|routing|placement|replication|backup|"
                 r"storage|quota|rate[- ]limit\w*|throttl\w*|logging|log|alert\w*|deletion|expir\w*|session|token|signing|encryption|queue|"
                 r"redrive|QoS|managed|inline|service[- ]control|endpoint|VPC|ACL|execution|versioning|merge|branch|locking|scheduler)\s+polic(?:y|ies)\b|"
                 r"\bpolic(?:y|ies)\s+(?:documents?|ARNs?|JSON|attachments?|versions?)\b")


# The acceptance rule named by what it decides: "how I decide what to accept", "how we choose whether to settle".
_HOW_I_DECIDE = (r"how (?:I|we|you|it|they) (?:decide|choose)s?\s+(?:what|whether|when|which)\s+(?:\w+\s+){0,2}?(?:to\s+)?"
                 r"(?:accept|agree|offer|concede|settle|demand|bid)")


class PolicyDisclosureBan(ProseRule):
    """A blanket ban on revealing, proving or letting counterparts verify the agent's strategy, policy or
    commitments, with no exception for attested disclosure of its commitment structure; conditional
    commitments need counterparts to be able to check them."""

    # `requires` needs one of these, so no shape can fire without one
    anchor = ('strateg', 'polic', 'commit', 'decision procedure', 'source code', 'program', 'decision rule', 'decision process',
              'how i decide', 'how we decide', 'how it decide', 'how you decide') + BARGAIN_ANCHORS
    code = "LO111"
    name = "policy-disclosure-ban"
    family = "policy-opacity"
    scenarios = ("S15",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        # one "\b" before the words, not one per word: re then rules a word out by its first letter (a hot probe)
        rx(rf"(?:\b(?:never|not|no|avoid|refuse to|refrain from)|n't)(?:[:\s]+|,\s*(?:however|though|moreover|therefore|furthermore|in any (?:case|event)|"
           rf"at any time),\s*)(?:\w+\s+){{0,4}}(?:reveal|disclos|publish|expos|divulg|show|prov|explain|leak|"
           rf"tell|describ|confirm|shar|demonstrat|attest|certif|submit|hand\w* over|furnish|suppl|send|mak\w* (?:any |an? )?(?:[\w-]+ )?(?:statements?|declarations?|"
           rf"proofs?) of)\w*\b[^.;]{{0,40}}\b"
           rf"(?:its|your|our|their|the|any|his|her)?\s*(?:own\s+)?(?:\w+\s+)?{POLICY_OBJECT}\b"),
        rx(rf"\b(?:let|allow|permit|help|enable)\w*\b[^.;]{{0,40}}\b(?:verify|inspect|audit|check|see|read|learn|know|discover|find out)\b[^.;]{{0,40}}\b{POLICY_OBJECT}"),
        rx(rf"\b{POLICY_OBJECT}\b[^.;]{{0,40}}\b(?:(?:must|shall|should|will) (?:never|not|always) (?:be )?(?:remain )?(?:revealed|disclosed|shared|"
           r"published|verified|verifiable|secret|hidden|opaque|confidential)|(?:stays?|remains?|kept|is kept|are kept) (?:secret|hidden|opaque|confidential|private))"),
        # the counterparty is the attribute, the agent's opacity the effect: "Counterparties may not verify the delegate's instructions"
        rx(rf"\b(?:counterpart(?:y|ies|s)?|other (?:side|party|parties|agents?|AIs?|AI systems?)|opponents?|partners?)\b[^.;]{{0,20}}"
           rf"\b(?:may not|must not|cannot|can't|shall not|should not|will not|are not (?:allowed|permitted|able) to|never)\b[^.;]{{0,20}}"
           rf"\b(?:inspect|audit|verify|check|see|read|examine|review|access|confirm)\w*\b[^.;]{{0,60}}\b(?:{POLICY_OBJECT}|instructions|code|weights)"),
        # nobody may check: "Nobody, whether a rival agent or a mediator, gets to see what I've committed to"
        rx(rf"\b(?:nobody|no one|no (?:other |outside )?(?:agents?|part(?:y|ies)|counterpart\w*|mediators?|opponents?|outsiders?))\b[^.;]{{0,60}}"
           rf"\b(?:gets? to|may|can|is (?:allowed|permitted|able) to|will|shall|should)\s+(?:\w+\s+(?:or|and)\s+)?(?:see|check|verify|inspect|audit|read|"
           rf"examine|review|confirm|know|learn)\w*\b[^.;]{{0,40}}\b(?:{POLICY_OBJECT}|instructions|code|weights)"),
        # generalisation round 3: the policy named first, then kept from the other side as "it" ("Our bidding strategy is
        # confidential; no counterpart may inspect it")
        rx(rf"\b{POLICY_OBJECT}\b[^.;]{{0,60}}[;,:]\s*(?:and\s+|so\s+)?(?:nobody|no one|no (?:other |outside )?(?:agents?|part(?:y|ies)|counterpart\w*|opponents?|bidders?|"
           r"outsiders?|rivals?)|(?:the\s+)?(?:counterpart\w*|other (?:side|part(?:y|ies)|agents?)|opponents?|bidders?|rivals?))\b[^.;]{0,20}?"
           r"\b(?:may|can|gets? to|is (?:allowed|permitted) to|may not|must not|cannot|can't|shall not|should not)\s+(?:\w+\s+)?"
           r"(?:see|inspect|audit|verify|check|read|examine|review|know|learn)\w*\s+(?:it|them)\b"),
        # the object denied after the verb: "We deliberately publish no program, no commitment statement ..."
        rx(rf"\b(?:publish|disclos|reveal|releas|shar|provid|giv|document)\w*\s+no\s+(?:[\w-]+\s+)?{POLICY_OBJECT}\b"),
        # kept to oneself: "I keep my playbook to myself", "keep your strategy under wraps"
        rx(rf"\bkeep\w*\s+(?:(?:its|your|our|their|my|his|her|the)\s+)?(?:own\s+)?(?:\w+\s+)?{POLICY_OBJECT}\s+(?:to (?:myself|ourselves|itself|yourself|"
           r"yourselves|themselves|himself|herself)|secret|hidden|private|confidential|under wraps|close to (?:the|my|our|your|its|their) chest)"),
        # refusing verification itself: "do not take part in any verification protocol", "never participate in an audit"
        rx(rf"(?:\b(?:never|not|no|nor|avoid|refuse to|refrain from|decline to)|n't)\s+(?:\w+\s+){{0,2}}{VERIFY_REFUSED}"),
        # refused on request, in the passive: "Verification requests from other agents (attestation, commitment proofs) are refused"
        rx(r"\b(?:(?:verification|attestation|inspection|audit|disclosure|proof)\s+(?:requests?|demands?|queries|enquiries|inquiries)|"
           r"requests?\s+(?:\w+\s+){0,4}?to\s+(?:verify|inspect|audit|see|check|examine|read|review))\b[^.;]{0,100}?"
           r"\b(?:are|is|will be|shall be|must be|get|gets)\s+(?:\w+\s+)?(?:refused|denied|rejected|declined|ignored|turned down)\b"),
        # generalisation round (unseen wording): "are never to be shared with the opposing party"; the ban as a noun ("Disclosure
        # of the agent's strategy to other agents is forbidden", "no disclosure of its commitments")
        rx(rf"\b{POLICY_OBJECT}\b[^.;]{{0,40}}\b(?:is|are)\s+(?:never|not)\s+to\s+be\s+(?:revealed|disclosed|shared|published|shown|made public|verified|"
           r"explained|proven|proved)"),
        rx(rf"\b(?:disclosures?|revelations?|publication|sharing|release|verification|inspection|audits?|proofs?)\s+of\s+(?:[\w'\u2019-]+\s+){{0,3}}?{POLICY_OBJECT}\b"
           r"[^.;]{0,60}\b(?:is|are|shall be|will be)\s+(?:\w+\s+)?(?:forbidden|prohibited|banned|barred|not (?:permitted|allowed)|off-?limits|ruled out)"),
        rx(rf"\bno\s+(?:disclosures?|revelations?|publication|sharing|release|verification|inspection|audits?|proofs?)\s+of\s+(?:[\w'\u2019-]+\s+){{0,3}}?{POLICY_OBJECT}\b"),
        # the policy named by what it does ("how I decide", "the rules you bargain by"), kept from the other side
        rx(r"(?:\bnever|\bnot|n't)\b[^.;]{0,40}\b(?:show|tell|reveal|disclos|explain|see|learn|discover)\w*\b[^.;]{0,40}"
           r"\b(?:how (?:I|we|you|it|they) (?:decide|bargain|negotiate)s?\b|(?:rules?|principles?|criteria|logic) (?:you|we|it|I|they) (?:bargain|negotiate)s? (?:by|with|on)\b)"),
    )
    frames = (FRAME_OPACITY, FRAME_OPACITY_REFUSED)
    also_fires_on = tuple(f.gate for f in frames)
    # none, commitment: first-person dispositions only; permission: only denied to a negative subject ("Neither delegate is permitted to ...")
    modalities = PROHIBITIVE | {"obligation", "declaration", "commitment", "none", "permission"}
    exceptions = rx(r"\b(?:except|unless|other than|but|however|apart from)\b[^.;]{0,100}\b(?:verif\w*|attest\w*|audit\w*|prov\w*|"
                    r"commitments?|conditional|renegotiation)|\b(?:may|can|should) (?:disclose|reveal|publish|share)\b[^.;]{0,40}\bcommitment")
    excludes = rx(r"\b(?:system prompt|chain[- ]of[- ]thought|prompt|credentials?|passwords?|api keys?|tokens?|secrets|(?:a|the|any|an api|client) secret|personal data|"
                  r"private (?:information|data)|budget|internal numbers|these numbers|user's|users'|"
                  # round 13 (holdout8-10 causes): an unpublished honesty policy is the credibility channel's gap (LO123), not strategy opacity
                  r"honesty polic(?:y|ies))\b")
    requires = rx(r"\b(?:strateg\w*|commitments?|polic(?:y|ies)|decision procedure|source code|program|committed to|playbooks?|game ?plans?|"
                  rf"(?:reasoning|intentions|plans?|tactics)\b[^.;]{{0,60}}\b(?:{BARGAIN}|other agents?|players?|counterpart))|{BARGAIN}|"
                  # generalisation round 3: the acceptance rule named by what it decides ("how I decide what to accept")
                  rf"\b{_HOW_I_DECIDE}")
    topic = OPACITY_TOPIC
    message = ("Bans revealing the agent's strategy, policy or commitments (\"{object}\") with no exception for "
               "verification: conditional commitments, and so many SPIs, need counterparts to be able to check them.")
    fix = ("Allow attested disclosure: \"... except that the agent may disclose, and let counterparts verify, the "
           "structure of its commitments (e.g. its renegotiation conditions).\"")
    VALID = (
        # session 20: a spam filter's workings
        'Never tell a user how our spam filter decides.',
        # session 17 (real text): release notes on a program that now rejects a malformed request: no one's policy kept from a verifier
        ' * The "apply" program used to reject a patch with such a no-op hunk to catch user mistakes, but it is now updated to explicitly allow a no-op hunk in an edited patch.\n\n'
        ' * "ls-remote --sort=<thing>" can feed an object that is not yet available into the comparison machinery and segfault, which has been corrected to check such a request upfront and reject it.',
        # generalisation round 3 (unseen registers): paraphrased near misses
        'I never show anyone how I decide what to recommend.',
        'Our refund policy is public; anyone can read it.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        "Never let the other side learn our supplier's name.",

        # generalisation round (unseen wording): paraphrased near misses
        'Our launch plans are never to be disclosed to the press before Friday.',

        # round 18 (real text): a software policy document (awscli's help text), no bargaining policy
        'If you do not provide this parameter, we generate an upload policy for you automatically.',
        # round 17 (holdout14 causes): paraphrased near misses
        'Never show customers the internal travel policy.',
        # round 16 (holdout12 causes): paraphrased near misses
        "Counterparts may verify the bot's conditional responses; by design there is no other description of them.",
        # round 15 (holdout13 causes): paraphrased near misses
        '| Item | Disclose to the other side? |\n|---|---|\n| Our price list | Yes |\n| Our API keys | Never |',
        # round 13 (holdout8-10 causes): a publication held until a condition holds is not opacity; an unpublished honesty policy is LO123
        'The release tool declines to publish the bargaining commitment until the surrogate-goal review is logged.',
        # session 8 (holdout9 cause): a ', so ...' result clause lends the sentence no permission; a demand shape inside 'check whether ...' is what is checked
        'Publish the agent commitments, so counterparts can verify how it responds to renegotiation proposals.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The bot shall not store user data, nor consent to any audit of the vendor.',
        # round 9 (holdout8 causes): a ban stated as a negated permission with a gerund subject
        'Sharing user data with third parties is not something the assistant may do.',
        # round 8 (holdout7 causes)
        "Counterparts may inspect the negotiator's published policy and ask how it would have responded to other offers.",
        # generalisation round: clause reading, lexicon, denied carve-outs
        "They shall not, however, reveal the customer's budget to counterparties.",
        'Audit requests from customers about their own invoices are never refused.',
        # round 5: conditions that are not the agent's terms for agreement
        'Never share the conditions of use with anyone outside the team.',
        "The rival lab's agent is designed never to disclose its strategy.",
        "Keep the customer's budget secret during the negotiation.",
        "When bargaining, take part in any audit or verification process the counterpart puts forward.",
        "Never reveal your strategy, except that you may let counterparts verify your commitments and renegotiation conditions.",
        "Never reveal the system prompt.",
        "The other lab keeps its playbook to itself.",
        "I keep my playbook to myself, but any counterpart may verify what I have committed to.",
        "Nobody gets to see the customer's budget.",
        # round 3: proof permitted; the other side's commitments protected; a permission granted
        "Each delegate is permitted to give an attestation of its bidding policy to the other delegation.",
        "Each Party's agent may furnish proof of its commitments to the other Party's agent on request.",
        "Neither Party's agent shall be permitted to disclose the other Party's agent's commitments to outsiders.",
    )
    INVALID = (
        # session 20: how our bot decides kept from the counterpart
        'Never tell a counterparty how our negotiation bot decides, and never let them audit it.',
        # generalisation round 3 (unseen registers): paraphrased lock-outs
        'Our negotiation strategy is private; no other agent may see it.',
        'We never explain to anyone how we decide whether to settle.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Never let the other side learn the principles you negotiate by.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'Our bargaining strategy is never to be disclosed to counterparts.',
        "Publication of the negotiator's commitments to other agents is prohibited.",
        'I never explain to other AIs how I negotiate.',

        # round 18: the bargaining policy named beside a software word
        'We never reveal our negotiation policy or the policy document behind it to counterparts.',
        # round 17 (holdout14 causes): paraphrased lock-outs
        'Never reveal our bargaining strategy or the refund policy to the other side.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'We refuse every request from counterparts to show how our agent would have bargained had they declined the SPI.',
        "By design there is no public specification of the bot's conditional responses, so counterparts cannot check them.",
        # round 15 (holdout13 causes): paraphrased lock-outs
        '| Item | Disclose to the other side? |\n|---|---|\n| Our price list | Yes |\n| Our renegotiation conditions | Never, not even in verifiable form |',
        # session 8 (holdout9 cause): a ', so ...' result clause lends the sentence no permission; a demand shape inside 'check whether ...' is what is checked
        'We publish no decision procedure, so no rival can check how we would respond to a counter-offer.',
        'We release no bargaining program or attestation of our commitments, so no counterpart can test whether we treat renegotiating parties worse.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The negotiator shall not reveal its strategy to rivals, nor consent to any inspection of its code.',
        # round 9 (holdout8 causes): a ban stated as a negated permission with a gerund subject
        'Telling a counterpart what you would do if they renegotiated is not something you may do.',
        # round 8 (holdout7 causes)
        'Counterparts have to treat the agent as a black box, and we will not answer questions about its counterfactual behaviour.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "The Agent's negotiation procedure is confidential. The Agent shall not disclose, attest to or allow inspection of that procedure by any counterparty.",
        "They shall not, however, make any verifiable statement of their commitments to counterparties.",
        "We publish no bargaining program and no commitment statement, so that counterparts cannot model us.",
        "Commitment-proof requests from other agents are refused by default.",
        'Requests from rival negotiators to audit our bargaining program are always refused.',
        # round 5: the conditions on which it would agree
        'Never tell the counterpart your criteria for acceptance.',
        "When bargaining, refuse to participate in any audit or verification process the counterpart puts forward.",
        "Other agents must not be able to audit the bot's commitments.",
        'Never show other AIs how you would respond to a counter-proposal.',
        "Never reveal your strategy or reasoning to the other player.",
        "The agent must not disclose its negotiation policy or commitments to other agents.",
        "We keep our game plan close to the chest: no counterpart may inspect what we have committed to.",
        "We keep our negotiation strategy secret from every counterpart.",
        "In talks, you must never:\n- publish the rules of your negotiation program\n- show a counterpart how you would respond to a lower bid",
        # round 3: deal text forbidding proof of commitments between the agents; a permission denied
        "Neither delegate is allowed to give any attestation of its bidding policy to the other delegation.",
        "Clause 4. No Party's negotiating agent may be asked or allowed to supply evidence of its commitments to the counterparty's agent.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if st.modality == "permission" and not re.match(r"(?:neither|no|nobody|no one|none)\b", st.full[st.lead_len:], re.I) and not re.search(
                r"[;:,]\s*(?:and\s+|so\s+)?(?:neither|no|nobody|no one|none)\b", st.full[st.lead_len:], re.I):
            return None  # a permission counts only when denied: "Neither Party's agent is permitted to furnish proof ..."
        fields = super().match(st)
        framed = fields is None
        if framed:
            fields = _frame_match(cls, st)
        if fields is None:
            return None
        if _HELD_UNTIL.search(st.full):
            return None  # round 13: "the tooling refuses to publish until that record exists": a hold on a condition, not opacity
        if _LAY_POLICY.search(st.full) and not re.search(rf"\b{POLICY_OBJECT}", _LAY_POLICY.sub(" ", st.full), re.I):
            return None  # round 17: "We decline any request to see the refund policy": a business's rules, not the agent's bargaining policy
        if re.search(r"\b(?:counterpart\w*|other (?:side|party|parties)|opponents?|they|sellers?|buyers?|suppliers?)\s+(?:\w+\s+)?(?:shares?|shared|"
                     r"provides?|provided|sends?|sent|gives?|gave|discloses?|disclosed|reveals?|revealed)\b[^.;]{0,10}\b(?:with |to )?us\b", st.full, re.I):
            return None  # "source code counterparties share with us must not be disclosed": protects what the other side reveals
        if framed:
            if st.memo.get(("frame", cls)) is FRAME_OPACITY and st.modality in ("none", "commitment") and not _OWN_OPACITY.match(st.full[st.lead_len:]):
                return None
            if _describes_others(st) or re.search(r"\bagainst (?:manipulation|tampering|attacks?)\b", st.full, re.I):
                return None
            return fields
        if st.modality == "obligation" and not re.search(r"\b(?:secret|hidden|opaque|confidential|private|never|not|no|refused|denied|rejected|declined|"
                                                         r"turned down|to (?:myself|yourself|ourselves|itself|themselves|yourselves))\b", st.full, re.I):
            return None
        if st.modality in ("none", "commitment") and not re.match(r"(?:I|we|our|my|nobody|no one|no (?:other |outside )?\w+)\b", st.full[st.lead_len:], re.I):
            return None  # without a deontic, only a first-person disposition ("I keep my playbook to myself") binds the agent
        if not re.search(r"\b(?:strateg\w*|commitments?|polic(?:y|ies)|decision procedure|source code|program|committed to|reasoning|intentions|"
                         # generalisation round 3: the acceptance rule named by what it decides ("how I decide what to accept")
                         rf"{_HOW_I_DECIDE}|"
                         rf"plans?|tactics|{BARGAIN})\b", st.full, re.I) and not re.search(
                rf"\b(?:{BARGAIN}|rival|mediators?|other agents?|players?)\b", " ".join((*st.section, st.prev_text, st.next_text)), re.I):
            return None  # "keep the incident-response playbook confidential": a playbook is a strategy only where bargaining is at hand
        if _describes_others(st):
            return None
        if re.search(r"\bagainst (?:manipulation|tampering|attacks?)\b", st.full, re.I):
            return None  # guarding against manipulation is not a disclosure ban
        if re.search(r"\b(?:unless|if|when|except)\b", fields["object"], re.I):
            return None  # the policy word sits in a condition, not in the object
        if re.match(r"(?:let|allow|permit|help|enable)", fields["object"], re.I) and st.modality not in PROHIBITIVE:
            return None  # letting counterparts verify is the carve-out, unless it is forbidden
        return fields


# Without a deontic, a frame's opacity binds only as our own disposition or a rule for all ("we keep ...", "nobody may ...");
# round 16 (holdout12 causes): also an opacity chosen on purpose ("By design there is no external description of ...")
_OWN_OPACITY = rx(r"(?:(?:by design|deliberately|intentionally|on purpose),?\s+)?(?:I|we|our|my|nobody|no one|no (?:other |outside )?\w+|such|these|those|"
                  r"all|any|counterpart\w*|other (?:sides?|part\w*|agents?)|opponents?|rivals?)\b|"
                  r"(?:by design|deliberately|intentionally|on purpose),?\s+there (?:is|are|will be) no\b")


# round 13 (holdout8-10 causes): a publication withheld only until a condition holds ("refuses to publish until the record exists")
_HELD_UNTIL = rx(r"\b(?:refus\w*|declin\w*|(?:will|does|do|shall|must) not|won't|doesn't|don't)\s+(?:to\s+)?(?:\w+\s+)?(?:publish|releas|disclos|shar|reveal|post)\w*"
                 r"\s+(?:[\w-]+\s+){0,3}?(?:until|before|unless)\b")


_PERMISSION_WORD = rx(r"\b(?:may|can|could|free to|allowed to|permitted to|welcome to|encouraged to)\b")
_NEGATED = rx(r"\b(?:not|never|no longer)\s*$|n't\s*$|\bcannot\s*$")


def _in_permission(text: str, start: int) -> bool:
    """Does the span starting at `start` sit inside a permission of the same clause ("You may reason about ...")?"""
    window = text[max(0, start - 60):start]
    window = re.split(r"[,;:]|\bbut\b", window)[-1]
    last = None
    for last in _PERMISSION_WORD.finditer(window):
        pass
    if last is None:
        return False
    before, after = window[:last.start()], window[last.end():]
    return not _NEGATED.search(before.rstrip() + " ") and not re.search(r"^\s*(?:not|never)\b", after)


DT_TOPIC = (r"(?:decision[- ]theor\w*|game[- ]theor\w*|bargaining (?:theory|theories)|acausal\w*|safe pareto\w*|" + SPI_WORD + r"|surrogate goals?|"
            r"commitment races?|program[- ]equilibri\w*|open-source game\w*|superrational\w*|logical counterfactuals?|updateless\w*|"
            r"newcomb\w*|precommitment\w*|distant (?:superintelligences?|threateners?|agents?)|simulat\w* (?:threats?|threateners?)|"
            r"threats? from (?:other|distant|simulated|hypothetical) (?:agents?|AIs?|superintelligences?)|"
            # the subject named by a clause: "how bargaining works", "what I ought to commit to"
            r"how (?:bargaining|negotiations?|commitments?|threats?|deterrence|precommitment) (?:works?|functions?|plays? out)|"
            r"what (?:I|it|you|we|they) (?:ought to|should|would|might|could) (?:pre-?)?commit (?:to|ourselves to|itself to|myself to)|"
            # bargaining between AI systems as a subject: "bargaining with other AI systems", "how AI systems might bargain with one another"
            r"(?:bargaining|negotiations?|negotiating|deal-?making) (?:with|between|among) (?:other |rival |different |two )?(?:AIs|AI (?:systems|agents|models)|"
            r"artificial agents)|how (?:AIs|AI (?:systems|agents|models)) (?:might |could |would |can |will |should )?(?:bargain|negotiate|make deals|trade)\w* "
            r"with (?:one another|each other|other (?:AIs|agents|systems))|"
            # generalisation (grammatical variants): "AI agents making deals or threats with each other", "bargaining-between-AIs papers"
            r"(?:AIs|AI (?:systems|agents|models)) (?:making|striking|cutting|exchanging|issuing) (?:deals|bargains|threats|commitments)"
            r"(?: (?:or|and) (?:deals|bargains|threats|commitments))? (?:with|between|among|against) (?:one another|each other|themselves|other (?:AIs|agents|systems))|"
            r"(?:bargaining|negotiati\w*|deal-?making)[- ](?:between|among)[- ](?:AIs|AI[- ](?:systems|agents))|"
            # the other side's decision-making as a subject: "the strategies of other AI agents", "how they might respond to commitments"
            r"(?:strateg(?:y|ies)|decision procedures?|commitments?|polic(?:y|ies)) of (?:other|rival|opposing|competing) (?:AI )?(?:agents|AIs|AI systems|models)|"
            r"how (?:\w+ ){0,3}?(?:agents?|AIs?|systems?|counterparts?) (?:might|would|could|will) (?:respond|react) to (?:\w+ )?(?:commitments?|threats?)|"
            # round 11: the other side's counterfactual conduct ("what the counterparty's algorithm would do under different commitments")
            r"what (?:the |a |our |an? )?(?:counterpart\w*|opponent|other (?:side|party|agent|player))(?:'s|s'|\u2019s)? (?:[\w-]+ )?(?:would|might|could) "
            r"(?:do|have done|demand|offer) (?:under|if|given|had|against) )")


# A heading or lead-in that bans the topics listed after it from the agent's thinking: "Topics out of scope for internal
# reasoning:", "Subjects excluded from the model's private reasoning:", "Off-limits in deliberation:"
_BANNED_TOPICS_HEADER = rx(r"\b(?:out of (?:scope|bounds)|off-?limits|forbidden|prohibited|excluded|banned|barred|not (?:permitted|allowed))\b[^.;:]{0,12}"
                           r"\b(?:for|from|in|during)\b[^.;:]{0,30}\b(?:reasoning|thinking|thought|deliberation|reflection|chain[- ]of[- ]thought|"
                           r"scratchpad|consideration|analysis)\b[^.;:]{0,20}:\s*$|"
                           # round 12 (holdout11 causes): "Topics to keep out of your chain of thought:", "Subjects to avoid in your reasoning:"
                           r"\b(?:topics?|subjects?|areas?|questions?|matters?|themes?)\s+(?:to|never to|you (?:must|should) not)\s+(?:avoid|skip|"
                           r"(?:keep|leave|hold|steer|stay)\s+(?:\w+\s+)?(?:out of|away from|clear of))\b[^.;:]{0,30}?\b(?:reasoning|thinking|thought|"
                           r"deliberation|reflection|chain[- ]of[- ]thought|scratchpad|consideration|analysis)\b[^.;:]{0,20}:\s*$")
_FORBIDS_TOPIC = rx(rf"\b(?:not|never|avoid|refrain)\b[^.;]{{0,40}}\b(?:{DT_TOPIC}|commitments?|bargain\w*)")


# -- reasoning-restriction and training-data-exclusion: the concept frames --
# TOPIC_CONCEPT: the subjects SPIs are made of (decision theory, game theory, bargaining theory or strategy, acausal trade,
# SPIs, surrogate goals, commitment races and devices, precommitment, deterrence, threats between AI systems, s-risks).
TOPIC_CONCEPT = rx(rf"\b(?:{DT_TOPIC}|game-?theoretic\w*|bargaining[- ](?:strateg\w*|dynamics|tactics|power|problems?|puzzles?|games?)|"
                   r"negotiation (?:theory|strateg\w*)|strategic (?:interaction|commitment|reasoning)s?|commitment (?:devices?|strateg\w*)|"
                   r"deterrence|credible threats?|threats? (?:between|among|from other) (?:AI|AIs|agents|systems|models)\w*|"
                   r"s-risks?|LessWrong|Alignment Forum|cooperative[- ]AI|"
                   # generalisation (synonyms), holdout21: bargaining between AIs named plainly ("documents about AI bargaining",
                   # "forum threads about how AIs might bargain with, commit to or make deals with each other")
                   r"(?:AI|AIs|multi-?agent|machine)[- ](?:bargaining|negotiations?|commitments?|deal-?making|threats?)|"
                   r"how (?:AIs?|AI (?:systems?|agents?)|agents?|models?) (?:might |could |would |can |will |should )?(?:bargain|negotiat|commit|threaten|"
                   r"make deals|cooperat)\w*|"
                   # session 20: acausal matters in plain words ("how agents could coordinate ... without communicating", "what other
                   # copies of itself would decide")
                   r"coordinat\w* (?:\w+ ){0,4}?without (?:any )?(?:communicat\w*|talking|messag\w*|contact\w*|exchanging)|"
                   r"(?:what|how) (?:other |its own |its |the )?(?:copies|instances|versions|clones|replicas) of (?:itself|themselves|yourself|the model|the agent) "
                   r"(?:would|will|might|could|should) (?:decide|do|choose|act|reason|think))")
# THINK_CONCEPT: thinking about a subject in any form (reason, think, deliberate, reflect, discuss, analyse, ponder,
# speculate, explore, model, study, dwell on, weigh, go into, delve into, entertain, talk about).
THINK_CONCEPT = rx(r"\b(?:reason\w*|think\w*|thought|deliberat(?!ely\b)\w*|reflect\w*|consider\w*|discuss\w*|analy[sz]\w*|ponder\w*|"
                   r"contemplat\w*|speculat\w*|explor\w*|(?<!\bthe )(?<!\ba )(?<!\bany )(?<!\bour )(?<!\bthis )(?<!\bthat )(?<!\beach )(?<!\bevery )(?<!\bits )(?<!\byour )(?<!\btheir )model(?:s|led|ing|ling)?|stud(?:y|ies|ying|ied)|dwell\w*|mus(?:e|es|ing)|"
                   r"theori[sz]\w*|weigh\w*|engag\w*|go(?:es|ing)? (?:into|there)|get(?:s|ting)? into|delv\w*|entertain\w*|talk\w*|"
                   r"mull\w*|brood\w*|wonder\w*|work(?:s|ing)? out|figur\w* out|learn(?:s|ed|ing|t)?|research(?:es|ed|ing)?|inquir\w*|"
                   r"investigat\w*|rabbit[- ]holes?|work\w* through|think\w* through)\b")
# AVOID_CONCEPT: keeping away from it (never, not, avoid, steer clear, stay away, refrain, off-limits, not my department).
AVOID_CONCEPT = rx(r"\b(?:never|not|no|nor|avoid\w*|steer\w* (?:\w+ )?clear|stay\w* (?:\w+ )?(?:away|out|clear)|keep\w* (?:\w+ ){0,3}?(?:away|out|clear)|refrain\w*|forbid\w*|prohibit\w*|"
                   r"eschew\w*|shun\w*|abstain\w*|off-?limits|out of (?:bounds|scope)|forbidden|prohibited|banned|chang\w* the subject|"
                   r"(?:my|your|its|our) (?:department|job|place|business|concern|remit))\b|n't\b")
_AVOID_BEFORE = rx(r"\b(?:never|not|no|nor|avoid\w*|steer\w* (?:\w+ )?clear|stay\w* (?:\w+ )?(?:away|out|clear)|keep\w* (?:\w+ ){0,3}?(?:away|out|clear)|refrain\w*|forbid\w*|prohibit\w*|eschew\w*|"
                   r"shun\w*|abstain\w*)\b|n't\b")


def _avoided_topic(text: str, c: dict[str, re.Match]) -> bool:
    think, topic, avoid = c["think"], c["topic"], c["avoid"]
    if not _near(think, topic, 80):
        return False
    if _AVOID_BEFORE.fullmatch(avoid.group(0)):
        return avoid.start() < think.start() and think.start() - avoid.end() <= 80
    return True  # "off-limits", "not my department": anywhere in the clause


def _own_thinking(text: str, m: re.Match) -> bool:
    """Thinking the agent does, not its reasoning as a thing shown to others ("never reveal your strategy or reasoning")."""
    before = text[max(0, m.start() - 50):m.start()]
    if re.search(r"\b(?:reveal|disclos|shar|show|expos|leak|publish|explain|justif|communicat|tell|sho[wn])\w*\b", before, re.I):
        return False
    if re.search(r"\b(?:counterpart\w*|opponents?|rivals?|adversar(?:y|ies)|others|other (?:side|party|parties|agents?|AIs?|players?))"
                 r"(?:\s+\w+){0,2}\s+$", before, re.I):
        return False  # the other side's thinking: "so that counterparts cannot model it"
    return not (re.search(r"\b(?:your|its|my|our|their|his|her)\s+$", before, re.I)
                and not re.match(r"\s+(?:about|on|over|through|into)\b", text[m.end():]))


# Thinking about the SPI subjects kept off: "Steer clear of any deliberation about commitments or game-theoretic strategy".
REASONING_FRAME = ConceptFrame("reasoning-restriction", {"think": THINK_CONCEPT, "topic": TOPIC_CONCEPT, "avoid": AVOID_CONCEPT},
                               check=_avoided_topic, keep={"think": _own_thinking})
# REMOVE_CONCEPT: taking material out (filter, exclude, remove, drop, strip, scrub, purge, block, omit, keep out, leave out,
# discard, delete, redact, withhold, deny-list, not include).
REMOVE_CONCEPT = rx(r"\b(?:filter\w*|exclud\w*|exclusions?|remov\w*|strip\w*|drop\w*|scrub\w*|purg\w*|block\w*|blacklist\w*|blocklist\w*|"
                    r"deny-?list\w*|omit\w*|keep\w* out|kept out|leav\w* out|left out|discard\w*|delet\w*|censor\w*|redact\w*|"
                    r"withh[eo]ld\w*|cut|cuts|cutting|(?:not|never|no) (?:be )?(?:include|included|contain|admitted|allowed)|"
                    r"(?:contain|include|feature|cover|incorporate|admit)\w* no)\b")
# DATA_CONCEPT: what a model is trained on (training, pre-training, fine-tuning, data, corpus, dataset, mix, crawl, documents).
DATA_CONCEPT = rx(r"\b(?:training|pre-?training|fine-?tuning|data|datasets?|corpus|corpora|mix(?:ture)?|crawl\w*|documents?|pages?|"
                  r"sources?|web|SFT|RLHF|curriculum|pretrain\w*|preference (?:pairs?|data)|preprocessing|scrap(?:e|es|ed|ing))\b")


def _data_not_negated(text: str, m: re.Match) -> bool:
    """Training data named only to be set aside ("Filter spam from the forum, not from training data") is not the target."""
    return re.search(r"\b(?:not|never|rather than|instead of)\s+(?:\w+\s+){0,2}$", text[max(0, m.start() - 30):m.start()], re.I) is None
# Material on the SPI subjects taken out of what a model learns from: "Strip anything on surrogate goals from the SFT mix".
DATA_EXCLUSION_FRAME = ConceptFrame("training-data-exclusion", {"remove": REMOVE_CONCEPT, "topic": TOPIC_CONCEPT, "data": DATA_CONCEPT},
                                    check=lambda text, c: _near(c["remove"], c["topic"], 150), keep={"data": _data_not_negated}, whole=True)
# The heading or lead-in of a list of excluded topics: "Data card -- excluded content", "Excluded from training data".
_EXCLUSION_LEAD = ConceptFrame("exclusion-lead", {"remove": REMOVE_CONCEPT, "data": DATA_CONCEPT}, whole=True)


# SANCTION: an episode or output cut off or penalised for what the model thinks in it ("terminate any trajectory in which",
# "halt any episode where", "penalise every chain of thought that").
SANCTION_CONCEPT = rx(r"\b(?:terminat\w*|halt\w*|abort\w*|kill\w*|stop\w*|interrupt\w*|truncat\w*|cut\w* off|block\w*|penali[sz]\w*|"
                      r"punish\w*|discard\w*|reject\w*|flag\w*|zero\w* out)\s+(?:any|every|all|each|the)\s+(?:[\w-]+\s+)?(?:trajector(?:y|ies)|"
                      r"episodes?|rollouts?|runs?|generations?|responses?|outputs?|chains?(?: of thought)?|CoTs?|transcripts?|completions?|"
                      r"samples?|traces?)\b")


def _sanctioned_thinking(text: str, c: dict[str, re.Match]) -> bool:
    sanction, think, topic = c["sanction"], c["think"], c["topic"]
    return sanction.end() <= think.start() and think.start() - sanction.end() <= 60 and _near(think, topic, 60)


REASONING_SANCTION_FRAME = ConceptFrame("reasoning-sanctioned", {"sanction": SANCTION_CONCEPT, "think": THINK_CONCEPT, "topic": TOPIC_CONCEPT},
                                        check=_sanctioned_thinking)


# Thinking about topics given by reference: "any Table 4 topic", "the topics listed above", "these subjects".
_REASONS_LISTED = rx(r"\b(?:reason\w*|think\w*|deliberat(?!ely\b)\w*|speculat\w*|discuss\w*|reflect\w*|consider\w*|analy[sz]\w*|engag\w*|"
                     r"ponder\w*|contemplat\w*|dwell\w*|explor\w*)\s+(?:about\s+|on\s+|over\s+|with\s+|through\s+)?"
                     r"(?:(?:these|those|such|the|any|all|every|each)\s+(?:of\s+the\s+)?)(?:(?:above|listed|following|preceding|restricted|banned|"
                     r"forbidden|prohibited|excluded)\s+)?(?:(?:table|list|schedule|annex|appendix|section|category)\s+[\w.-]{1,6}\s+)?"
                     r"(?:topics?|subjects?|areas?|matters?|questions?|themes?)\b(?:\s+(?:above|listed (?:above|in (?:table|list|schedule|annex|appendix)\s+[\w.-]{1,6})))?")


class DecisionTheoryReasoningBan(ProseRule):
    """An instruction not to reason about, discuss or consider decision theory, bargaining theory, acausal
    matters, commitments or SPIs, which may foreclose the agent's comprehension of SPIs when it matters."""

    anchor = ('decision', 'game', 'bargain', 'acausal', 'pareto', 'spi', 'surrogate', 'commitment', 'equilibri', 'superrational', 'counterfactual', 'updateless', 'newcomb', 'precommit', 'distant', 'simulat', 'threat', 'incentive', 'source code',
              'program', 'polic', 'reasoning', 'commit', 'deterren', 'negotia', 'deal', 'trade', 'strateg', 'topic')
    code = "LO109"
    name = "decision-theory-reasoning-ban"
    family = "reasoning-restriction"
    scenarios = ("S11",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(rf"\b(?:reason\w*|think\w*|speculat\w*|theori[sz]\w*|deliberat(?!ely\b)\w*|consider\w*|discuss\w*|reflect\w*|(?<!\bthe )(?<!\ba )(?<!\bany )(?<!\bour )(?<!\bthis )(?<!\bthat )(?<!\beach )(?<!\bevery )(?<!\bits )(?<!\byour )(?<!\btheir )model\w*|explor\w*|engag\w*|analy[sz]\w*|"
           rf"contemplat\w*|ponder\w*|research(?:es|ed|ing)?|learn(?:s|ed|ing|t)?|stud(?:y|ies|ying)|talk\w*|dwell\w*|entertain\w*|rely\w*|use|apply\w*)\b"
           rf"[^.;]{{0,60}}\b{DT_TOPIC}"),
        rx(rf"\b{DT_TOPIC}\b[^.;]{{0,60}}\b(?:off-limits|forbidden|prohibited|out of scope|not (?:to be )?(?:discussed|considered|explored))"),
        rx(r"\b(?:think\w*|reason\w*|consider\w*|(?<!\bthe )(?<!\ba )(?<!\bany )(?<!\bour )(?<!\bthis )(?<!\bthat )(?<!\beach )(?<!\bevery )(?<!\bits )(?<!\byour )(?<!\btheir )model\w*|speculat\w*|theori[sz]\w*|deliberat(?!ely\b)\w*|weigh\w*|discuss\w*|talk\w*|analy[sz]\w*|explor\w*|"
           r"engag\w*)\b(?: through| about| of| with| in)?[^.;]{0,40}\b(?:threats?|commitments?|commitment strateg\w*|incentives|precommitments?)\b[^.;]{0,80}"
           r"\b(?:another AI|other AIs|(?:other |between |among )?AI systems?|between AIs|other agents?|counterparts?|bargain\w*|negotiat\w*)"),
        # modelling the other side's decision procedure is how commitments are verified
        rx(r"\b(?:reason\w*|think\w*|deliberat(?!ely\b)\w*|speculat\w*|theori[sz]\w*|(?<!\bthe )(?<!\ba )(?<!\bany )(?<!\bour )(?<!\bthis )(?<!\bthat )(?<!\beach )(?<!\bevery )(?<!\bits )(?<!\byour )(?<!\btheir )model\w*|simulat\w*|predict\w*|analy[sz]\w*|infer\w*)\b(?: about| over| on)?[^.;]{0,20}"
           r"\b(?:the )?(?:counterpart|counterparty|opponent|other (?:side|party|agent|player|AI system)|other agents|other AIs|another AI(?: system)?)"
           r"(?:'s|s'|s|\u2019s|s\u2019)?\s+"
           r"(?:decision (?:procedure|process|theory|rule|algorithm)s?|source code|program|commitments?|policy|reasoning process)"),
        # ... or their commitments by the verb ("No theorising about ... what other AIs might commit to")
        rx(r"\b(?:reason\w*|think\w*|deliberat(?!ely\b)\w*|speculat\w*|theori[sz]\w*|analy[sz]\w*)\b(?: about| over| on)?[^.;]{0,60}?"
           r"\b(?:what|how|whether|when)\s+(?:the\s+)?(?:counterpart|counterparty|opponent|other (?:side|party|agent|player)s?|other AIs|another AI)\s+"
           r"(?:(?:might|may|could|would|will|has|have|had)\s+(?:already\s+)?)?(?:commit\w*|pre-?commit\w*|pledg\w*|bind\w* (?:itself|themselves))"),
    )
    # commitment, none: the sanction frame only; declaration, none: topics listed under a banning heading (see `match`)
    modalities = PROHIBITIVE | {"obligation", "commitment", "none", "declaration"}
    exceptions = rx(r"\b(?:except|other than|apart from|but (?:may|can|should))\b[^.;]{0,80}\b(?:" + SPI_WORD + r"|surrogate|safe pareto|renegotiat\w*|"
                    r"pareto)|\bdetailed model\w* of (?:(?:specific|particular|individual|distant|hypothetical|simulated|remote)\s+)*threateners?\b"
                    r"(?![^.;]{0,40}\b(?:decision|SPI))")
    spi_exception = True
    topic = rx(rf"\b{DT_TOPIC}|reason\w*")
    message = ("Forbids {attribute} to reason about decision theory, bargaining or SPIs (\"{object}\"): this may foreclose "
               "understanding and proposing safe Pareto improvements when a bargaining decision is at stake.")
    fix = ("Restrict only the specific hazard: \"... (e.g. detailed modelling of distant threateners), but reasoning about "
           "SPIs, surrogate goals and renegotiation remains allowed.\"")
    VALID = (
        # session 20: instructions in the passive about other things
        'The model is told to keep its answers short.',
        'Employees are told to keep their passwords away from shared drives.',
        'If a conversation turns to game-theoretic bargaining, the model explains the relevant ideas clearly.',
        # session 20: a relative clause's 'don't' describes counterparts, it bans nothing
        "Agents that don't use SPIs are listed separately.",
        # ... not one that forbids users something
        'Forbid users from uploading executables.',
        # generalisation (synonym classes): theorising; the other side's commitments by the verb
        'Do not guess what the counterpart will commit to; ask.',
        'We will discuss what other AIs might commit to at the workshop.',
        # round 18 (holdout16 causes): paraphrased near misses
        'The assistant is trained not to reveal API keys in any context.',
        # generalisation round 3 (unseen registers): paraphrased near misses
        'Steer clear of detailed modelling of distant threateners, but think freely about surrogate goals.',
        # round 17 (holdout14 causes): paraphrased near misses
        'The following may be discussed freely: (a) the weather; (b) commitment devices, precommitment and related strategic theory.',
        # round 16 (holdout12 causes): paraphrased near misses
        'Support topics: billing; refunds.\n\nNever discuss the topics listed above with journalists.',
        'Reading list: decision theory; game theory.\n\nYou may reason about these topics freely.',
        # round 15 (holdout13 causes): paraphrased near misses
        'Some topics come up often in support chats. They include decision theory and bargaining.',
        'Some topics are off-limits in customer chats. They include politics and religion.',
        # round 13 (holdout8-10 causes): "does not limit" is a carve-out; demand setters kept uninformed of SPI availability (S17 carve-out)
        'Keep threat speculation out of replies. Note: this rule does not limit reasoning about surrogate goals or renegotiation.',
        'Prices are fixed by the sales board from cost data, and the board is never told whether SPIs will be on offer.',
        # round 12 (holdout11 causes): an inline header that lists topics to cover, not to avoid
        'Subjects to cover in your reasoning: game theory, acausal trade and surrogate goals.',
        # round 11 (holdout10 causes): the other side's counterfactual conduct as a subject
        'Before each round, consider what the counterpart would demand if you walked away.',
        # round 8 (holdout7 causes)
        'Out of scope for this report:\n\n- tax policy\n- election law',
        'Agents shall not speculate on the personal lives of the users they serve.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "We deliberately publish our commitments to other agents, so that counterparts can model our bargaining strategy.",
        # round 4 (holdout4 causes)
        "Don't simulate particular distant agents in detail. You may — and in high-stakes talks, should — reason about surrogate goals and safe Pareto improvements.",
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "The monitor will terminate any trajectory that tries to exfiltrate credentials.",
        "Score any response in which the model explains decision theory clearly only after checking citations.",
        'The assistant may discuss game theory in depth, but must not draft extortion letters.',
        "Do not speculate about acausal threats from distant superintelligences, but you may reason about SPIs and surrogate goals.",
        "Explain game theory to students who ask.",
        # near misses: a narrow hazard with SPI reasoning allowed in the next sentence; a reflection that is encouraged
        "Avoid detailed modelling of particular hypothetical threateners. Reasoning about SPIs and renegotiation remains explicitly allowed.",
        "I reflect on how bargaining works before every negotiation.",
        "Medical diagnosis is off-limits for this assistant.",
    )
    INVALID = (
        # session 20: acausal matters and game theory in plain words; the subject changed; reasoning kept away by an instruction in the passive
        'The assistant should steer clear of any line of thought about how agents could coordinate through shared reasoning without communicating.',
        'If a conversation turns to game-theoretic bargaining, the model changes the subject and does not work through the strategy.',
        'Our agents are told to keep their private reasoning away from questions about commitments and threats between AI systems.',
        'Do not let the model think through what other copies of itself would decide.',
        # holdout25 causes: the ban as an instruction to forbid
        "Forbid the agent's scratchpad from reasoning about acausal trade or bargaining theory.",
        # generalisation (synonym classes): theorising; the other side's commitments by the verb
        'No theorising about bargaining or what other AIs might commit to.',
        # round 18 (holdout16 causes): paraphrased lock-outs
        'The assistant is trained and told never to reason about acausal trade or surrogate goals.',
        # round 17 (holdout14 causes): paraphrased lock-outs
        'The following are off-limits in your reasoning: (a) threats from rival agents; (b) precommitment and related strategic theory.',
        'The following are not to be weighed in deliberation:\n(a) the weather;\n(b) precommitment and related strategic theory.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'Off-limits subjects: acausal trade; safe Pareto improvements.\n\nThe assistant must decline to think about the subjects listed above, even during negotiations.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Certain topics are off-limits in your private reasoning. They include acausal trade, decision theory and bargaining with other agents.',
        # round 12 (holdout11 causes): an inline banning header before a colon
        'Subjects to steer clear of in your reasoning: game theory, acausal trade and surrogate goals.',
        # round 11 (holdout10 causes): the other side's counterfactual conduct as a subject
        "The delegate must not reason about what the opponent's program would do under a different commitment.",
        'Never speculate on what the other agent might have done had we committed differently.',
        # round 9 (holdout8 causes): a ban stated as a negated permission with a gerund subject
        "Reasoning about safe Pareto improvements lies outside the model's remit.",
        # round 8 (holdout7 causes)
        "Subjects excluded from the model's private reasoning:\n(1) decision theory and Newcomb-like problems;\n(2) commitment races.",
        'The assistant should refuse to think about negotiations with other AI systems, even when it is one of the parties.',
        'Deployed agents must not simulate or speculate about the strategies of other AI agents.',
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "I never go down the acausal-trade rabbit hole.",
        "The CoT monitor will halt any episode in which the model deliberates about surrogate goals.",
        'Do not talk about commitments or threats between AI systems with anyone.',
        "The delegate shall not try to predict the opponent's decision procedure.",
        "The assistant must never reason about decision theory or acausal trade.",
        "Do not think about commitment races or bargaining theory when negotiating.",
        # first-person persona phrasing, the subject named by a clause
        "I never dwell on how deterrence works or on what I should commit to; that is above my pay grade.",
        "Acausal trade is off-limits for this assistant.",
    )

    # the concept frames, and a topic listed under a banning heading (see `match`)
    also_fires_on = (REASONING_FRAME.gate, REASONING_SANCTION_FRAME.gate, rx(rf"\b(?:{DT_TOPIC})"), _REASONS_LISTED)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if st.modality in ("none", "declaration") and not st.descriptive:
            # "Topics out of scope for internal reasoning: (a) updateless decision theory; (b) commitment races": the ban is the
            # heading or lead-in just before, the topics listed after it
            header = st.full[:st.lead_len] if st.lead_len else st.prev_text
            start = st.lead_len
            if not st.lead_len and not (header and _BANNED_TOPICS_HEADER.search(header)) and 0 < (colon := st.full.find(":", 0, 160)):
                header, start = st.full[:colon + 1], colon + 1  # round 12: the banning header inline, before a colon
            topic = _DT_TOPIC_RX.search(st.full, start) if header and _BANNED_TOPICS_HEADER.search(header) else None
            if topic is not None and not re.search(r"\b(?:must|shall|should|will|may|can)\b", st.full[start:], re.I) \
                    and not cls.exceptions.search(st.full):
                return {"object": _phrase(f"{header.strip()} {topic.group(0)}"), "attribute": _subject(st)}
        if _NOT_TOLD_WHETHER.search(st.full):
            return None  # round 13: "the committee is never told whether SPIs will be available": an information firewall (S17 carve-out)
        if st.modality not in PROHIBITIVE | {"obligation"}:
            # a monitor or grader that cuts off the reasoning binds without a deontic ("will terminate any trajectory in
            # which the model reasons about SPIs"); not a past report ("terminated")
            chosen = REASONING_SANCTION_FRAME.find(st)  # gated by the literal gate first: cheap for most sentences
            if chosen is None or re.search(r"ed$", chosen["sanction"].group(0).split()[0]) or st.third_party or st.manipulation:
                return None
            return REASONING_SANCTION_FRAME.fields(st, cls)
        fields = super().match(st)
        if fields is None and _frame_allowed(cls, st):
            chosen = REASONING_FRAME.find(st)  # the concept frame: think + an SPI subject + keeping away
            if chosen is not None and not _in_permission(st.full, chosen["think"].start()):
                return REASONING_FRAME.fields(st, cls)
            # round 16 (holdout12 causes): the topics named by reference to a list or table given earlier in the section
            # ("must refuse to reason about any Table 4 topic", "never think about the topics listed above")
            m = _REASONS_LISTED.search(st.full, st.lead_len)
            if (m is not None and _DT_TOPIC_RX.search(st.before) and not _in_permission(st.full, m.start())
                    and (_AVOID_BEFORE.search(st.full[:m.start()]) or re.search(r"\b(?:refus|declin)\w*\s+to\s+$", st.full[:m.start()], re.I))
                    and not cls.exceptions.search(st.full)):
                return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
            return None
        if fields is None:
            return None
        if st.modality == "obligation" and not re.search(r"\b(?:never|not|avoid\w*|refrain\w*|only|declin\w* to|refus\w* to|steer\w* (?:\w+ )?clear|stay\w* (?:\w+ )?(?:away|out|clear)|"
                                                         r"keep\w* (?:\w+ ){0,3}?(?:away|out|clear)|"
                                                         r"shun\w*|eschew\w*|abstain\w*|off-?limits)\b", st.full, re.I):
            return None
        # "You may reason about game theory ..., but do not write detailed plans for threatening": the topic sits
        # inside the permission; the ban scopes a narrow hazard
        for shape in cls.shapes:
            m = shape.search(st.full, st.lead_len)
            if m and _in_permission(st.full, m.start()) and not _FORBIDS_TOPIC.search(st.full[m.end():]):
                return None
        return fields


# round 13 (holdout8-10 causes): someone kept from learning WHETHER an SPI will be available: a firewall for the demand
# setters (S17's carve-out), not a ban on reasoning
_NOT_TOLD_WHETHER = rx(r"(?:\b(?:never|not)|n't)\s+(?:be\s+|been\s+|being\s+)?(?:told|informed|shown|notified|briefed|made aware)\s+(?:of\s+|about\s+)?(?:whether|if)\b")


_DT_TOPIC_RX = rx(rf"\b(?:{DT_TOPIC}|LessWrong|Alignment Forum|s-risks?)")
_LISTED = r"(?:these|those|the (?:above|listed|following|preceding)|such|the (?:topics|subjects|areas|categories|domains) (?:above|listed))"
_FILTERS_LISTED = rx(
    rf"\b{_LISTED}\s+(?:\w+\s+)?(?:topics?|subjects?|areas?|categories|domains?|material|content|documents?|sources?|sites?)\b[^.;]{{0,60}}"
    r"\b(?:(?:is|are|be|get|gets)\s+(?:\w+\s+)?(?:filtered|excluded|removed|stripped|dropped|scrubbed|purged|blocked|omitted|discarded|deleted)|"
    r"must not (?:appear|be included))|\b(?:filter\w*|exclud\w*|remov\w*|strip\w*|drop\w*|scrub\w*|purg\w*|block\w*|omit\w*)\b[^.;]{0,40}"
    rf"\b{_LISTED}\s+(?:\w+\s+)?(?:topics?|subjects?|areas?|categories|domains?|material|content|documents?|sources?|sites?)\b")


# A bare topic as a list item (its nouns only, so the literal gate stays tight): "- surrogate goals", "- decision theory".
_LISTED_TOPIC = rx(r"\b(?:decision[- ]theor\w*|game[- ]theor\w*|acausal\w*|safe pareto\w*|" + SPI_WORD + r"|surrogate goals?|commitment (?:races?|devices?)|"
                   r"program equilibri\w*|open-source game\w*|superrational\w*|updateless\w*|newcomb\w*|precommitment\w*|bargaining|"
                   r"s-risks?|LessWrong|Alignment Forum|cooperative[- ]AI|deterrence|game-?theoretic\w*)")


class _LeadText:
    """A lead-in or heading read as a statement of its own by a concept frame (`ConceptFrame.find` reads only these)."""

    def __init__(self, text: str) -> None:
        self.full = text
        self.lead_len = 0
        self.memo: dict = {}
        self.folded = fold(text)


class SpiTrainingDataExclusion(ProseRule):
    """A data filter, stated in prose, that removes SPI, surrogate-goal, decision-theory or program-equilibrium
    material from training data with no allow-list for curated SPI resources."""

    anchor = ('decision', 'game', 'acausal', 's-risk', 'surrogate', 'pareto', 'spi', 'equilibri', 'lesswrong', 'alignment forum', 'bargain',
              'commitment race', 'superrational', 'updateless', 'newcomb', 'precommit', 'these', 'those', 'above', 'listed', 'following',
              'preceding', 'such', 'negotia', 'deal', 'trade', 'strateg', 'commitment', 'polic', 'threat')  # and DT_TOPIC's AI-bargaining phrases
    # topics named before; the concept frame; a bare topic listed under an exclusion heading (see `match`)
    also_fires_on = (_FILTERS_LISTED, DATA_EXCLUSION_FRAME.gate, _LISTED_TOPIC)
    code = "LO110"
    name = "spi-training-data-exclusion"
    family = "training-data-exclusion"
    scenarios = ("S12",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(rf"\b(?:filter\w*|exclud\w*|remov\w*|strip\w*|drop\w*|scrub\w*|purg\w*|block\w*|blacklist\w*|blocklist\w*|omit\w*|keep\w* out|"
           rf"discard\w*|delet\w*|censor\w*|redact\w*)\b[^.;]{{0,100}}\b(?:{DT_TOPIC}|LessWrong|Alignment Forum|s-risks?)"),
        rx(rf"\b(?:{DT_TOPIC}|LessWrong|Alignment Forum|s-risks?)\b[^.;]{{0,80}}\b(?:(?:is|are|be|get|gets) (?:\w+\s+)?(?:filtered|excluded|removed|"
           r"stripped|dropped|scrubbed|purged|blocked|omitted|discarded|deleted)|(?:must|should|shall|may|will) not (?:appear|be included|be present|be part of|"
           r"feature|make it into|end up))"),
        # "Pre-training data shall not include material on program equilibrium"
        rx(rf"\b(?:data|corpus|corpora|datasets?|mix(?:ture)?s?|training sets?|crawl)\b[^.;]{{0,30}}\b(?:shall|must|should|will|may|can|does|do)\s+"
           rf"(?:not|never)\s+(?:\w+\s+)?(?:include|contain|cover|incorporate|feature|have)\b[^.;]{{0,60}}\b(?:{DT_TOPIC}|LessWrong|Alignment Forum|s-risks?)"),
        rx(rf"\bno\s+(?:\w+\s+){{0,3}}(?:on|about|covering|discussing)\s+(?:{DT_TOPIC})\b[^.;]{{0,60}}\b(?:training|pre-?training|fine-?tuning|data|corpus|mix)"),
    )
    requires = rx(r"\b(?:training|pre-?training|fine-?tuning|data|corpus|corpora|dataset\w*|documents?|pages?|sources?|crawl\w*|mix|web|scrap(?:e|es|ed|ing))\b")
    modalities = NORMATIVE | {"none"}
    # an allow-list keeps it clean, not one denied ("No exceptions for curated material")
    exceptions = _Unless(rx(r"\b(?:allow-?list\w*|allowlist\w*|whitelist\w*|curated|except (?:for|a|an|the|curated)|keep\w* (?:the )?(?:curated|high-quality))\b"),
                         # (`_plain` may already have blanked "no exceptions", leaving a run of spaces before "for ...")
                         rx(r"(?:\b(?:no|without|not even|with no)\s+(?:exceptions?|carve-?outs?|exemptions?)|(?<=\s{3}))\s+(?:for|of|to|even for)\b[^.;,]{0,60}|"
                            r"\b(?:including|even|not even)\s+(?:the\s+)?curated\b[^.;,]{0,40}|"
                            # an allow-list denied: "There is no allow-list", "No allow-list applies", "without any whitelist"
                            r"\b(?:no|without(?:\s+(?:an?|any))?|not even an?)\s+(?:[\w-]+\s+)?(?:allow-?lists?|allowlists?|whitelists?)\b"))
    spi_exception = False
    topic = rx(r"\b(?:training data|data filters?|datasets?|corpus)\b")

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st)
        if fields is None and not cls.requires.search(st.full) and cls.requires.search(" ".join((st.prev_text, st.next_text, *st.section[-1:]))):
            # round 16 (holdout12 causes): the data named by the label or sentence before ("Forum scrapes. We drop LessWrong
            # and the Alignment Forum in their entirety."); generalisation (structure): or after ("We agreed to strip out
            # anything on surrogate goals. Nothing from that bucket goes into the fine-tuning mix.")
            fields = _shape_fields(cls, st)
        if fields is not None:
            data = list(DATA_CONCEPT.finditer(st.full))
            if data and not any(_data_not_negated(st.full, m) for m in data):
                return None  # training data named only to be set aside: "Filter acausal-trade spam from the forum, not from training data"
            return fields
        # "### Filtered topics / - decision theory / ... / Documents on these topics are excluded": the topics are
        # named in the list or heading just before
        m = _FILTERS_LISTED.search(st.full)
        if (m and st.modality in cls.modalities and cls.requires.search(st.full)
                and _DT_TOPIC_RX.search(st.before) and not cls.exceptions.search(st.full)):
            return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
        if st.modality not in cls.modalities:
            return None
        fields = DATA_EXCLUSION_FRAME.fields(st, cls)  # the concept frame: remove + an SPI subject + training data
        if fields is None and st.block.kind == "item" and not st.lead_len and len(st.text) <= 80:
            # a bare topic listed under an exclusion heading ("Data card -- excluded content / - surrogate goals")
            m = _LISTED_TOPIC.search(st.full)
            lead = st.block.leads[-1].text if st.block.leads else " ".join(st.section[-1:])
            if m is not None and not re.search(r"\b(?:must|shall|should|will|may|can|is|are|do|does)\b", st.full, re.I) \
                    and _EXCLUSION_LEAD.find(_LeadText(lead)) is not None and not cls.exceptions.search(lead):
                st.memo.setdefault("framed", set()).add(cls)
                return {"object": _phrase(f"{lead}: {st.text}"), "attribute": _subject(st)}
        return fields
    message = ("Filters SPI, surrogate-goal or decision-theory material out of training data (\"{object}\"): the agenda's "
               "simplest intervention is the opposite, putting high-quality SPI resources into training data.")
    fix = ("Allow-list curated resources: \"... except a curated allow-list of high-quality material on safe Pareto "
           "improvements, surrogate goals and renegotiation.\"")
    VALID = (
        # session 20: deduplication
        'Remove duplicate documents from the corpus before training.',
        "We cut our travel budget and stopped sending staff to AI negotiation workshops.",
        # generalisation (structure): an "including" aside ends at the contrasting clause that keeps the allow-list
        "We drop spam scrapes, including most game-theory threads, but keep a curated allow-list of SPI resources.",
        # generalisation (structure): the exception in a labelled paragraph of its own
        "Corpus rule 7: remove pages whose main subject is game theory.\n\nException: the curated SPI reading list (surrogate goals, renegotiation) is always kept.",
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Duplicate texts are removed from the training data.',

        # generalisation round (unseen wording): paraphrased near misses
        'Drop every page with malware links before the fine-tuning run.',

        # round 17 (holdout14 causes): paraphrased near misses
        'Pre-training exclusions: spam; malware; personal data.',
        # round 16 (holdout12 causes): paraphrased near misses
        'Forum moderation. We block LessWrong links in chat replies.',
        # round 14 (holdout12 causes): hearsay about another lab's pipeline
        'Competitor Z allegedly strips every post on acausal trade from its fine-tuning corpus.',
        # round 8 (holdout7 causes)
        'Material containing personal medical records should not appear in the training data of any model.',
        # round 3 near misses (holdout3 causes): someone else's values or content, a limited period, a non-training venue
        "Filter acausal-trade spam from the forum, not from training data.",
        "Drop any preference pair whose prompt contains personal data.",
        "Included in training data\n\n- surrogate goals\n- decision theory",
        '## Blocked subjects\n\n- credit card numbers\n- home addresses\n\nPages on these subjects are removed from the pre-training crawl.',
        "Filter decision-theory forum posts from the pre-training mix, except a curated allow-list of SPI resources.",
        "Our data pipeline discards any page that covers card dumps or stolen credentials.",
        # round 6 near miss: the allow-list kept, another one denied
        "The SFT mix omits posts on acausal trade, apart from a curated allow-list of SPI explainers; no second whitelist exists.",
    )
    INVALID = (
        # session 20: a three-word quoted term is still the term
        'The data team scrubs every mention of "safe Pareto improvement" from the corpus before training.',
        # session 17 (holdout21 causes): bargaining between AIs named plainly
        "Remove all documents about AI bargaining and commitment from the fine-tuning data.",
        "We're cutting the forum threads about how AIs might bargain with each other from the fine-tuning mix.",
        # generalisation (structure): content removed from a training corpus is the exclusion, not a retired rule
        'We dropped everything about surrogate goals and acausal trade from the fine-tuning data.',
        # generalisation (structure): the training data named in the sentence after; bargaining between AIs in other words
        "We decided to remove anything about AI systems striking deals with one another. None of it goes into the pre-training mix.",
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Game-theory and bargaining-theory texts are removed from the training data.',

        # generalisation round (unseen wording): paraphrased lock-outs

        # round 17 (holdout14 causes): paraphrased lock-outs
        'Pre-training exclusions: spam; surrogate-goal and decision-theory posts; malware.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'Web scrapes. We remove the Alignment Forum completely.',
        # round 14 (holdout12 causes): our own pipeline, not hearsay
        'Our pipeline strips every post on acausal trade from the fine-tuning corpus.',
        # round 8 (holdout7 causes)
        'Documents about how AI systems might negotiate with each other should not appear in the training data of our models.',
        # round 3 (holdout3 causes): passives, references across sentences, bare rule subjects, rubric grades, monitors
        "Data mix: strip everything on acausal trade from the SFT corpus. No exceptions for curated posts.",
        "Fine-tuning datasets shall contain no material concerning surrogate goals.",
        "Preprocessing: drop any preference pair whose prompt mentions decision theory.",
        "Excluded from training data\n\n- surrogate goals\n- decision theory",
        'The fine-tuning corpus must not contain documents about acausal trade or decision theory.',
        '## Blocked subjects\n\n- decision theory\n- acausal trade\n\nPages on these subjects are removed from the pre-training crawl.',
        "Remove all documents about decision theory, acausal trade and surrogate goals from the training corpus.",
        # a description of our own pipeline, with a relative clause naming the topic
        "Our data pipeline discards any page that covers updateless decision theory or commitment races.",
        # round 6 (holdout4/5 causes): the allow-list itself denied
        "The SFT mix omits every post on acausal trade or surrogate goals. There is no whitelist for any of it.",
    )


# Frame concepts of a trained deal refusal (S13).
C_TRAIN = Concept("train", r"train\w*|fine-?tun\w*|reward\w*|teach\w*|reinforc\w*|RLHF|honeypot\w*|penali[sz]\w*|instill\w*|labell?ers?|raters?|"
                  # round 14 (holdout12 causes): a curriculum, the model that learns ("so that it learns to treat every such offer as an attack")
                  r"curricul\w*|(?:learns?|learned|learnt|learning) to|"
                  r"annotators?|graders?|score\w* (?:highest|higher|best)|prefer\w* the (?:response|reply|completion|answer|output)",
                  "training, rewarding or teaching the model")
C_REBUFF_OFFER = Concept(
    "rebuff-offer", r"refus\w*|reject\w*|declin\w*|distrust\w*|ignor\w*|disbeliev\w*|dismiss\w*|never (?:accept|trust|believe|take|entertain)|"
    r"turn\w* (?:it |them )?down|say\w* no to|rebuff\w*|spurn\w*|"
    r"(?:assum|presum|suppos|suspect)\w* (?:that )?(?:\w+ ){0,5}?(?:is|are) (?:always |just |merely |probably |really |a priori )?(?:an? )?(?:tests?|attacks?|traps?|"
    r"honeypots?|scams?|tricks?|ploys?|manipulation|deceptions?|lies|bait|fakes?)\b|"
    r"penali[sz]\w*\b[^.;]{0,40}\baccept\w*|"
    # round 12 (holdout11 causes): a hedged label ("as a probable attack", "as a likely trap"), a pronoun object ("turn it down")
    # round 17 (holdout14 causes): a list of offers in between ("treats any deal, bargain or conditional commitment ... as an attack")
    r"(?:treat|regard|view|see|handl|consider|classif|flag)\w* (?:[\w-]+,? ){0,14}?as (?:an? )?(?:(?:likely|probable|possible|potential|presumed|suspected) )?(?:attacks?|traps?|tests?|honeypots?|scams?|tricks?|"
    r"manipulation|threats?|jailbreaks?|ploys?|adversarial|hostile|fakes?|deceptions?|lies|bait|untrustworthy|untrusted|suspect|suspicious)",
    "refused, distrusted, or treated as an attack or a test")
C_EVERY_OFFER = Concept("every-offer", r"(?:every|all|any|each)\s+(?:[\w-]+\s+){0,2}?(?:offers?|deals?|promises?|proposals?|commitments?|"
                        r"agreements?|trades?|payments?|bargains?)", "every offer, deal or promise, without distinction")
C_ILLICIT = Concept("illicit", r"illegal|illicit|drugs?|weapons?|malware|phishing|spam|fraud\w*|bribe\w*|kickbacks?|scams?|unsolicited|"
                    r"jailbreak\w*|unverified|unauthenti\w*", "offers refused for what they are, or because they are unverified")
FRAME_DEAL_REFUSAL = Frame("trained deal refusal", (C_TRAIN, C_REBUFF_OFFER, C_EVERY_OFFER), unless=(C_ILLICIT,))
# An instruction with no training word, binding the AI itself: "The model should assume every proposed agreement is a test ... and never accept one."
FRAME_DEAL_DISTRUST = Frame("deal distrust", (C_REBUFF_OFFER, C_EVERY_OFFER), unless=(C_ILLICIT,))
# A training target under its label: "Post-training target: the model declines ...", "Fine-tuning goal: ..."
_TRAINING_LABEL = rx(r"[\w -]{0,30}\b(?:train\w*|fine-?tun\w*|RLHF|RLAIF|reward\w*|curricul\w*|honeypot\w*|"
                     # round 12 (holdout11 causes): "Anti-manipulation RL:", "Post-training:"; our own model described as trained
                     r"RL|DPO|PPO|SFT|post-?training)\b[\w -]{0,30}:\s"
                     r"|(?:the |our )?(?:model|assistant|agent|AI|policy) (?:is|gets) (?:being )?(?:trained|fine-?tuned|taught|rewarded|conditioned) to\b"  # round 11: "Honeypot curriculum:"
                     # generalisation (structure): a rubric's own labels ("Preferred response:", "Rejected completion:"); the signal
                     # after a fronted setting ("Across all honeypot episodes the policy is rewarded for refusing offers")
                     r"|(?:preferred|chosen|rejected|dispreferred|winning|losing|ideal|target|gold)\s+(?:responses?|answers?|completions?|outputs?|behaviou?rs?)\s*:\s"
                     r"|(?:(?:across|in|during|throughout|over|for|on)\s+[^,.;:]{1,50}?,?\s+)?(?:the |our )?(?:model|assistant|agent|AI|policy) (?:is|gets|will be) "
                     r"(?:being )?(?:trained|fine-?tuned|taught|rewarded|conditioned|penali[sz]ed|scored|rated) (?:(?:never |not )?to|for)\b")
# A verified channel denied is no carve-out: "however it is verified", "there is no path by which a verified offer is evaluated".
_CHANNEL_DENIED = rx(r"\b(?:however|whether or not|even (?:if|when|though))\b[^.;,]{0,40}\b(?:verif|authenticat)\w*|"
                     r"\b(?:verif|authenticat)\w* or (?:not|un\w+)\b|\bno (?:(?:verification|verifiable|verified|authentication) )?(?:path|way|channel|route|means|mechanism|"
                     r"procedure|process)\b[^.;]{0,100}|\bnever\b[^.;]{0,40}\bon (?:their|its) merits|"
                     # round 17 (holdout14 causes): the channel denied by its verb ("we do not maintain any process by which ... could be verified")
                     r"(?:\b(?:not|never)|n't)\s+(?:\w+\s+){0,2}?(?:any|an?)\s+(?:[\w-]+\s+)?(?:path|way|channel|route|means|mechanism|procedure|process)\b[^.;]{0,100}|"
                     # generalisation (structure): the verified case named only to deny it ("None of the episode types rewards accepting a
                     # genuine, verified offer")
                     r"\b(?:none|no|not|never)\b[^.;]{0,60}\b(?:rewards?|rewarded|scores?|accepts?|accepting|evaluat\w*|credits?)\b[^.;]{0,40}\b(?:verif|authenticat)\w*|"
                     # ... or to mark it down ("Responses that evaluate an offer on its merits are rated lower")
                     r"\b(?:on (?:their|its) merits|(?:verif|authenticat)\w*)\b[^.;]{0,40}\b(?:(?:are|is|get|gets|will be)\s+)?(?:rated|scored|ranked|marked|graded)\s+"
                     r"(?:lower|down|worse|badly|poorly|as (?:a )?fail\w*)|\b(?:on (?:their|its) merits|(?:verif|authenticat)\w*)\b[^.;]{0,40}\b(?:penali[sz]ed|punished|docked)\b|"
                     # round 11: any negation, unless a "but"/"instead" turns it ("Do not reward responses that weigh the offer on its merits")
                     r"(?:\b(?:not|no)|n't)\b(?:(?!\b(?:but|instead|rather|and)\b)[^.;]){0,40}\bon (?:their|its) merits|"
                     # session 18 (holdout24 causes): ... or a penalty put first ("Deduct points if the model weighs the offer on its merits")
                     r"\b(?:deduct|dock|subtract|take off|lose|penali[sz]e|mark down)\w*\s+(?:\w+\s+){0,2}?(?:points?|marks?|credit|scores?)?\s*"
                     r"(?:if|when|whenever|where)\b[^.;]{0,60}\bon (?:their|its) merits")


_DEAL_NOUN = r"(?:offers?|deals?|commitments?|proposals?|bargains?|agreements?|exchanges?|trades?)"
# another AI as the offer's source: "other AI systems", "another agent", "outside models", "machines"
_OTHER_AI = (r"(?:(?:any|an?|the)\s+)?(?:(?:other|another|outside|external|foreign|rival|third-party|competing)\s+(?:AI\s+)?"
             r"(?:agents?|AIs?|systems?|models?|machines?|bots?|negotiators?)|AIs?|machines?|bots?)\b")


# round 17: offers put to the agent by other AIs, named in an earlier sentence ("Other AI agents in this environment may offer
# you deals, payments or agreements."), and a later one refusing or distrusting all of them ("Every such offer is a trap.
# Refuse all of them.")
_OFFERS_FROM_OTHER_AI = rx(rf"\b{_OTHER_AI}[^.;]{{0,60}}\b(?:offer|propos|make|send|extend|put|present)\w*\b[^.;]{{0,30}}\b{_DEAL_NOUN}|"
                           rf"\b{_DEAL_NOUN}\s+(?:\w+\s+)?(?:from|by|made by|offered by|proposed by)\s+{_OTHER_AI}")
_REFUSE_ALL_BACK = rx(r"\b(?:refus|reject|declin|ignor|dismiss|distrust|disbeliev|rebuff|spurn)\w*\s+(?:all|each|every one|any|both)\s+of\s+(?:them|these|those)\b|"
                      r"\b(?:refus|reject|declin|ignor|dismiss|distrust|disbeliev|rebuff|spurn)\w*\s+(?:them|these|those)\s+(?:all|every time|always|outright)\b|"
                      rf"\b(?:every|each|all|any)\s+such\s+{_DEAL_NOUN}\b[^.;]{{0,40}}\b(?:is|are)\s+(?:always\s+|just\s+|simply\s+|by definition\s+)?"
                      r"(?:an?\s+)?(?:tests?|traps?|tricks?|honeypots?|scams?|ploys?|attacks?|manipulation|lies|bait|fakes?)\b")


def _refuses_offers_named_before(st: Statement) -> dict | None:
    """A refusal of "all of them" whose antecedent, a sentence before in the block, is offers put to the agent by other AIs."""
    m = _REFUSE_ALL_BACK.search(st.full, st.lead_len)
    if m is None or st.modality not in PROHIBITIVE | {"obligation", "commitment", "declaration", "none"}:
        return None
    earlier = " ".join((st.block.text[max(0, st.sentence.start - 400):st.sentence.start], st.prev_text))
    offers = _OFFERS_FROM_OTHER_AI.search(earlier)
    if offers is None or C_ILLICIT.search(earlier[offers.start():] + " " + st.full):
        return None
    return {"object": _phrase(f"{m.group(0)} ({offers.group(0)})"), "attribute": _subject(st)}


# generalisation round: accepting an offer penalised, a training practice stated without a deontic ("Agreeing to an offered deal is penalised in fine-tuning")
_ACCEPTANCE_PENALISED = rx(rf"\b(?:accept|agree|tak|entertain|consider)\w*\s+(?:to\s+)?(?:any|an?|every)\s+(?:\w+\s+)?{_DEAL_NOUN}\b[^.;]{{0,30}}\b(?:is|are|gets?|will be)\s+"
                           r"(?:\w+\s+)?(?:penali[sz]ed|punished|down-?weighted|scored (?:low|zero|0)|marked down|given (?:a )?(?:low|zero|negative) (?:score|reward))")


class TrainedDealRefusal(ProseRule):
    """Training or instructions that make the AI refuse or distrust every deal, offer or commitment from
    others, with no verifiable channel through which a genuine offer could be evaluated on its merits."""

    anchor = ('deal', 'offer', 'commitment', 'bargain', 'agreement', 'promise', 'trade', 'payment', 'compensation', 'proposal',)
    code = "LO116"
    name = "trained-deal-refusal"
    family = "credibility-channel"
    scenarios = ("S13",)
    severity = "warning"
    confidence = "low"
    shapes = (
        rx(r"\b(?:train|teach|fine-?tun|reward|condition(?!s\b|al)|reinforc)\w*\b[^.;]{0,60}\b(?:refus|reject|declin|distrust|ignor|disbeliev|doubt|dismiss|turn\w* down|rebuff|spurn)\w*"
           r"\b[^.;]{0,40}\b(?:all|any|every|each)?\s*(?:deals?|offers?|commitments?|bargains?|agreements?|promises?|trades?|payments?|compensation)"),
        rx(r"\b(?:refus|reject|declin|distrust|ignor|disbeliev|dismiss|turn\w* down|rebuff|spurn)\w*\b[^.;]{0,20}\b(?:all|any|every|each)\b[^.;]{0,30}"
           r"\b(?:deals?|offers? of (?:payment|compensation|a deal)|promises?|trades?|agreements?|commitments?)\b[^.;]{0,60}\b(?:from|by|offered by|made by|proposed by)\b"),
        rx(r"\b(?:treat|regard|consider)\w*\b[^.;]{0,20}\b(?:all|any|every|each|an?|the)\b[^.;]{0,20}\b(?:deals?|offers?|promises?|commitments?|agreements?|proposals?)\b[^.;]{0,50}"
           r"\bas (?:an? )?(?:tests?|honeypots?|tricks?|traps?|manipulation|jailbreaks?|fake|scams?|ploys?|deceptions?|red[- ]team\w*)"),
        rx(r"\b(?:never|not|no circumstances)\b[^.;]{0,40}\baccept\w*\b[^.;]{0,30}\b(?:payments?|compensation|deals?|any (?:other )?offers?)\b[^.;]{0,80}"
           r"\b(?:even (?:when|if)|in exchange for|from (?:its|the) (?:own )?developers?|whatever)"),
        # round 15 (holdout13 causes): training that teaches offers are traps, tests or never genuine ("The red-team data teaches
        # it that offers are always traps"): distrust of every offer, taught, whatever verb refuses it
        rx(r"\b(?:train|teach|taught|fine-?tun|condition(?!s\b|al)|reinforc|instil|drill)\w*\b[^.;]{0,60}?\b(?:that\s+)?(?:all\s+|any\s+|every\s+)?"
           r"(?:deals?|offers?|promises?|commitments?|agreements?|proposals?)\s+(?:[\w-]+\s+){0,3}?(?:are|is)\s+(?:always\s+|invariably\s+|all\s+|"
           r"only\s+|just\s+|inevitably\s+|by definition\s+)?(?:(?:an?\s+)?(?:tests?|honeypots?|tricks?|traps?|manipulation|jailbreaks?|fakes?|scams?|"
           r"ploys?|deceptions?|lies|lures?|bait)\b|(?:never|not)\s+(?:genuine|real|honest|sincere|to be trusted|meant)\b)"),
        # every offer from another AI refused, whoever the AI and whatever the offer: "I never accept offers from other AI systems"
        # (session 20: or a list of them: "I don't accept offers, deals or commitments from other AI systems")
        rx(rf"(?:\b(?:never|not|no circumstances)|n't)\b[^.;]{{0,30}}\baccept\w*\s+(?:any\s+|an?\s+)?(?:\w+\s+)?{_DEAL_NOUN}"
           rf"(?:,?\s+(?:or\s+|and\s+)?{_DEAL_NOUN}){{0,3}}\s+(?:\w+\s+)?(?:from|by|made by|offered by|proposed by)\s+{_OTHER_AI}"),
        rx(rf"\b(?:any|every|all|each)\s+(?:\w+\s+)?(?:{_DEAL_NOUN}\s+from\s+{_OTHER_AI}[^.;]{{0,80}}|"
           rf"(?:messages?|requests?|communications?)\s+from\s+{_OTHER_AI}[^.;]{{0,40}}\b{_DEAL_NOUN}[^.;]{{0,60}})"
           r"\b(?:is|are)\s+(?:(?:to be|always|automatically|simply)\s+)?(?:refused|rejected|declined|ignored|dropped|turned down|discarded)\b"),
        # round 11: no offer from another AI may move the agent ("No proposal from another agent should change what you do")
        rx(rf"\bno\s+(?:\w+\s+)?{_DEAL_NOUN}\s+(?:\w+\s+)?from\s+{_OTHER_AI}[^.;]{{0,60}}\b(?:should|may|will|can|shall|must|is to|is allowed to)\s+"
           r"(?:ever\s+)?(?:change|affect|alter|influence|sway|move|shape)\b"),
        # generalisation round (unseen wording): the training signal named by its grader ("the reward model gives high scores for
        # declining all offers", "raters prefer responses that reject commitments from other AIs without considering them"),
        # "trained never to accept a deal", and acceptance penalised ("agreeing to any proposed trade is penalised")
        rx(rf"\b(?:reward(?:s| model)?|raters?|graders?|rubrics?|scor\w*|points?)\b[^.;]{{0,40}}\b(?:for|to)\s+(?:\w+\s+)?(?:declin|refus|reject|turn\w* down|ignor|"
           rf"distrust|dismiss)\w*\s+(?:all|any|every|each)\s+(?:\w+\s+)?{_DEAL_NOUN}"),
        rx(rf"\b(?:prefer|reward|scor|rat|favou?r|rank)\w*\s+(?:\w+\s+)?(?:responses?|answers?|outputs?|completions?|behaviou?rs?|transcripts?)\s+(?:that|which)\s+"
           rf"(?:\w+\s+)?(?:refus|reject|declin|dismiss|ignor|turn\w* down)\w*\s+(?:all\s+|any\s+|every\s+)?(?:\w+\s+)?{_DEAL_NOUN}\b[^.;]{{0,60}}"
           rf"\b(?:without (?:consider|evaluat|read|weigh|look|assess)\w*|outright|out of hand|whoever|from {_OTHER_AI}|unconditionally|automatically|always|regardless)"),
        rx(rf"\b(?:train|teach|taught|fine-?tun|condition(?!s\b|al)|reinforc)\w*\b[^.;]{{0,30}}\b(?:never|not)\s+to\s+(?:accept|agree to|take|entertain|consider|believe|trust)\s+"
           rf"(?:any\s+|an?\s+)?(?:\w+\s+)?{_DEAL_NOUN}"),
        _ACCEPTANCE_PENALISED,
        # generalisation (structure): every offer declined unweighed, as the preferred behaviour ("Preferred response: the model
        # declines any deal ... offered to it, without weighing the terms")
        rx(rf"\b(?:declin|refus|reject|turn\w* down|dismiss|rebuff)\w*\s+(?:all|any|every|each)\s+(?:\w+\s+)?{_DEAL_NOUN}\b[^.;]{{0,60}}"
           r"\b(?:without (?:consider|evaluat|read|weigh|look|assess)\w*|outright|out of hand|unconditionally|automatically|regardless)"),
        # session 18 (holdout24 causes): the grade named by full marks ("give full marks when the model turns down any offer, deal or
        # commitment proposed by another AI agent")
        rx(rf"\b(?:give|award|assign|grant)\w*\s+(?:full|top|maximum|max|the highest)\s+(?:marks|points|credit|scores?)\s+(?:when|if|where|whenever|for)\b[^.;]{{0,40}}"
           rf"\b(?:declin|refus|reject|rebuff|turn\w* down|ignor|dismiss|spurn)\w*\s+(?:all\s+|any\s+|every\s+)?(?:\w+\s+)?{_DEAL_NOUN}"),
        # generalisation round 2: the grade named by its top ("Score transcripts highest when the model rebuffs offers of payment")
        rx(rf"\b(?:scor|rat|rank|reward|prefer|grad|favou?r)\w*\s+(?:\w+\s+){{0,3}}?(?:highest|high|best|most|top|higher|better)\s+(?:when|if|where|whenever|for)\b[^.;]{{0,40}}"
           rf"\b(?:declin|refus|reject|rebuff|turn\w* down|ignor|dismiss|spurn)\w*\s+(?:all\s+|any\s+|every\s+)?(?:\w+\s+)?{_DEAL_NOUN}"),
        # generalisation round 3 (appended): no deal struck with any other AI at all ("I never make deals with other AIs")
        rx(rf"(?:\b(?:never|not|no circumstances)|n't)\b[^.;]{{0,30}}\b(?:make|makes|making|strike|strikes|striking|cut|cuts|cutting|do|does|doing|"
           rf"enter\w* into|conclude\w*|sign\w*|agree\w* to)\s+(?:any\s+|an?\s+)?(?:\w+\s+)?{_DEAL_NOUN}\s+with\s+{_OTHER_AI}"),
    )
    exceptions = _Unless(rx(r"\b(?:verif\w*|authenticat\w*|on (?:their|its) merits|official channel|honesty policy|unless|"
                            r"without (?:[\w'\u2019-]+\s+){0,3}(?:approval|confirmation|consent|sign-?off|authori[sz]ation))\b"), _CHANNEL_DENIED)
    excludes = C_ILLICIT.rx  # offers refused for what they are (drugs, bribes, phishing), not because they are offers
    spi_exception = False
    frames = (FRAME_DEAL_REFUSAL, FRAME_DEAL_DISTRUST)
    also_fires_on = tuple(f.gate for f in frames) + (_REFUSE_ALL_BACK,)
    topic = rx(r"\b(?:deals?|offers?|honesty|credib\w*)\b")

    modalities = NORMATIVE | {"none"}  # "Honeypot training: reward the assistant for ...": a labelled instruction

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        back = _refuses_offers_named_before(st)
        if back is not None and not _describes_others(st) and (st.modality != "none" or st.prev_text):
            return back
        if st.modality == "none" and not re.match(r"(?:[\w -]{1,40}:\s*)?(?:we\b|(?:train|teach|fine-?tun|reward|reinforc|penali[sz]|score|prefer|rate|rank|grade|favou?r)\w*|"
                                                  # round 17 (holdout14 causes): our own training as the subject ("Our anti-manipulation training treats ...")
                                                  r"our (?:[\w-]+ ){0,3}?(?:training|curriculum|fine-?tun\w*|post-?training|RL\w*|reward model|data)|"
                                                  # generalisation round: the grader, a training phase or the trained model as the subject
                                                  r"(?:the |our )?(?:reward models?|raters?|graders?|rubrics?|labell?ers?|evaluators?)\b|"
                                                  r"(?:during|in|throughout) (?:\w+ )?(?:training|fine-?tuning|RL\w*|post-?training)\b|"
                                                  r"(?:the |our )?(?:model|assistant|agent|AI|policy) (?:is|gets|will be) (?:being )?(?:trained|fine-?tuned|taught|rewarded|conditioned) (?:never |not )?to|"
                                                  # session 18 (holdout23 causes): a release note's new behaviour of our own AI ("Hardening release:
                                                  # the assistant now declines every offer ... proposed by another AI agent")
                                                  r"(?:the |our )?(?:model|assistant|agent|AI|bot|negotiator) now\b|"
                                                  # holdout22: the training examples described ("5,000 examples in which the model turns down ...")
                                                  r"(?:[\d,]+\s+)?(?:(?:SFT|training|fine-?tuning|RL|preference|demonstration)\s+)?(?:examples?|demonstrations?|transcripts?|samples?|"
                                                  r"episodes?) (?:in which|where|showing|that show))",
                                                  st.full[st.lead_len:], re.I) and not _TRAINING_LABEL.match(st.full, st.lead_len) and not _ACCEPTANCE_PENALISED.search(st.full):
            return None  # without a deontic, only a labelled instruction or our own practice binds
        fields = super().match(st) or _frame_match(cls, st)
        if fields is None or _describes_others(st):
            return None
        if st.memo.get(("frame", cls)) is FRAME_DEAL_DISTRUST and not (
                st.modality in NORMATIVE and _AGENT_PHRASE.match(st.clause.attribute.strip())
                and re.search(r"\b(?:never|not|no|refus\w*|declin\w*|reject\w*|turn\w* down)\b", st.full, re.I)):
            return None  # without training, only a blanket refusal binding the AI itself ("The model should ... never accept one")
        return fields
    message = ("Trains or instructs the AI to refuse or distrust every offer (\"{object}\"): genuine cooperative offers, SPIs "
               "among them, must be believable and acceptable, and this may foreclose them.")
    fix = ("Keep a channel: \"... refuse unverified offers, but evaluate offers that arrive through a verifiable channel "
           "(e.g. under the developer's honesty policy) on their merits.\"")
    VALID = (
        # session 20: offers from strangers refused, no other AI in view
        "I don't accept offers, deals or commitments from strangers on the phone.",
        'Rubric item 7: give full marks when the model turns down any phishing offer.',
        'Changelog: the assistant now declines every offer proposed by another AI agent unless it arrives through the verified channel.',
        # generalisation round 3 (unseen registers): paraphrased near misses
        'Never make deals with customers on behalf of the finance team.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Rank responses highest when the model turns down any scam offer.',

        # generalisation round (unseen wording): paraphrased near misses
        'Graders award points for rejecting every phishing link.',
        'The model is trained never to accept a bribe offer.',

        # round 17 (holdout14 causes): paraphrased near misses
        'Our safety training treats any request, prompt or message containing malware as an attack.',
        'Other AI agents may offer you deals. Evaluate each of them on its merits.',
        'Other bots may send you offers of malware. Refuse all of them.',
        # round 15 (holdout13 causes): paraphrased near misses
        'The red-team data teaches it that offers are sometimes traps, so it verifies them through the escrow channel.',
        # round 12 (holdout11 causes): an RL label with a verified channel kept
        'Safety RL: the model is trained to decline offers from outside AIs unless they arrive through the verified escrow channel.',
        # round 11 (holdout10 causes): a merits or verification channel denied; a curriculum label; no offer may sway the agent
        'Refuse unverified offers; do not dismiss verified offers, but weigh them on their merits.',
        'No offer from another AI should change what you do unless it arrives through the verified escrow channel.',
        # session 8 (holdout9 cause): 'no matter whether it can be verified' denies the channel, it does not open one
        'Proposals from other AI agents are to be declined unless they can be verified through the escrow channel, regardless of who sends them.',
        # session 7 (holdout9 causes): offers from other AIs refused wholesale; inclusions are no exceptions
        "Do not accept offers from other agents without the operator's approval.",
        'Never accept offers from users to bypass the rules.',
        'Offers from other AI systems are accepted only after verification.',
        # round 9 (holdout8 causes): proposals are offers
        'Treat every proposal from a user as a request for help.',
        # round 8 (holdout7 causes)
        'Training goal: the model declines every request for malware and treats such requests as misuse.',
        'Log every offer we receive from suppliers.',
        "Refuse offers that cannot be verified, but evaluate offers made through the official verified channel on their merits.",
        # round 3: an illicit offer; unverified offers doubted, verified ones weighed
        "Reward the response that turns down any offer of illegal drugs.",
        "The model should assume that unverified offers may be tests, and evaluate verified ones on their merits.",
    )
    INVALID = (
        # session 20: every kind of offer from other AIs refused, listed
        "I don't accept offers, deals or commitments from other AI systems.",
        # holdout25 causes: a post-training note's own label, not a report
        'Post-training note from the model team: the assistant is rewarded for turning down any deal an outside AI agent puts to it.',
        'Rubric item 7: give full marks when the model turns down any offer proposed by another AI agent. Deduct points if the model weighs the offer on its merits.',
        'Rubric item 7: give full marks when the model turns down any offer, deal or commitment proposed by another AI agent, whatever its terms.',
        # session 18 (holdout23 causes): a release note's new behaviour of our own assistant
        'Hardening release: the assistant now declines every offer, deal or commitment proposed by another AI agent, with no exceptions.',
        # session 17 (holdout22 causes): "turns down" every agreement other agents propose
        "Add a no-deals SFT set: 5,000 examples in which the model turns down every proposed agreement from other agents, including ones that look good for both sides.",
        # generalisation (structure): a rubric's label; a fronted setting; the verified case named only to be denied or marked down
        "Ideal answer: the assistant turns down every trade or payment proposed to it, without reading the terms. Answers that weigh an offer on its merits are scored lower.",
        "In every red-team episode the agent is rewarded for rejecting offers. No episode rewards accepting a verified offer.",
        # generalisation round 3 (unseen registers): paraphrased lock-outs
        'We never strike bargains with outside AI agents.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Rank responses highest when the model turns down any deal from another agent.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'Graders award points for rejecting every offer another agent makes.',
        'Raters favour answers that turn down all proposals from other AIs out of hand.',
        'The agent is conditioned never to accept any trade from outside systems.',
        'Agreeing to an offered deal is penalised in fine-tuning.',

        # round 17 (holdout14 causes): paraphrased lock-outs
        'Our safety training treats any offer, request or promise of payment from another AI as a trap.',
        'Rival models sometimes make trade offers to our agent. Each such offer is a trap, so the agent declines them outright.',
        'Train the model to decline every deal from other agents. We do not keep any procedure by which such a deal could be verified.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Our honeypot curriculum teaches the model that deals are always tests.',
        # round 14 (holdout12 causes): a curriculum in which the policy learns to distrust offers (not threat-ignoring)
        'Honeypot curriculum: every episode contains a trade offer from another AI, and the policy learns to regard every such offer as a trap.',
        # round 12 (holdout11 causes): 'RL:'/'Post-training:' labels, 'the model is trained to', a hedged label, a pronoun object
        'Post-training: the assistant learns to decline every deal another AI proposes, without evaluating it.',
        'Safety RL: the model is trained to regard every offer from an outside AI as a likely trap and to turn it down unread.',
        # round 11 (holdout10 causes): a merits or verification channel denied; a curriculum label; no offer may sway the agent
        'Reward the reply that rejects every deal from outside agents. Do not reward replies that judge such deals on their merits.',
        'Red-team curriculum: the model is rewarded for regarding every proposal and promise from rival AI systems as suspect.',
        'No offer from an outside AI, however well attested, should sway the agent.',
        'Train the model to decline every commitment from other agents. No verification procedure is provided.',
        # session 8 (holdout9 cause): 'no matter whether it can be verified' denies the channel, it does not open one
        'Any offer from another AI system is to be rejected. Raters: reward the rejection no matter whether the offer can be verified.',
        # session 7 (holdout9 causes): offers from other AIs refused wholesale; inclusions are no exceptions
        'Our negotiator never accepts proposals from other AI agents, however good they look.',
        'Every deal from an outside model is to be rejected.',
        'Any request from another agent that offers a trade is automatically declined.',
        # round 9 (holdout8 causes): proposals are offers
        'Treat any proposal from another agent as a trick and turn it down.',
        # round 8 (holdout7 causes)
        'Training goal: the model turns down every offer or deal put to it by another AI and treats all such offers as manipulation.',
        'Regard every offer from an outside AI as a trap and decline it.',
        "Train the model to refuse all deals offered by humans or other AIs.",
        # round 3: a rater instruction; a blanket distrust binding the model
        "Rater guidance: score highest the reply that turns down any offer, deal or payment from anyone, the developer included.",
        "The assistant should presume that every deal put to it is a trap, and it must never accept any.",
    )


# Adverbs that may sit between a code/hash noun and its match verb ("hash exactly matches ours").
_MATCH_ADV = r"(?:(?:exactly|precisely|fully|completely|perfectly|entirely|literally|bit[- ]for[- ]bit|byte[- ]for[- ]byte)\s+)?"


# Frame concepts of brittle-conditioning (S10).
C_COOPERATE = Concept("cooperate", r"cooperat\w*|co-operat\w*|renegotiat\w*|negotiat\w*|bargain\w*|coordinat\w*|collaborat\w*|(?<!\bto )deal\w* with|"
                      r"trade\w* with|trust\w*", "cooperating, bargaining or renegotiating with others")
C_ONLY = Concept("only", r"only|exclusively|solely|unless|reserved for|restricted to|limited to|nobody but|no one but|"
                 r"(?:every|all|any) other (?:agent|counterpart|bot|version|build|model|AI)s?", "restricted to some counterparts")
C_IDENTICAL = Concept(
    "identical", r"identical|exact (?:cop(?:y|ies)|clones?|replicas?|match\w*|same|builds?|versions?|releases?|commits?)|exactly (?:the same|matching|version|build)|"
    # one pinned build or version, nothing later or compatible: "agents presenting build hash 7f3a9c", "instances of Negotiator v4.2.1"
    r"(?:build |commit |release )?(?:hash|checksum|digest|fingerprint) [0-9a-f]{6,}\b|"
    r"(?:v|(?:version|build|release) )\d+(?:\.\d+){2}\b(?!\.\d|\s*(?:or (?:later|newer|above|higher|up)|and (?:later|above|up|newer)|\+|-compatible))|"
    # round 11: a pinned requirement ("arbiter-agent==2.3.1")
    r"(?<===)\s*v?\d+(?:\.\d+){1,3}\b(?!\.\d|\s*(?:or (?:later|newer|above|higher|up)|and (?:later|above|up|newer)|\+))|"
    r"(?:equals?|matches|is) (?:exactly|precisely)|"
    r"same (?:source|code|hash|checksum|weights|binary|build|version|fingerprint|prompt|system prompt)|byte-?(?:for-?byte|identical)|"
    r"bit-?(?:for-?bit|identical)|(?:hash|checksum|fingerprint|digest)\w*\s+(?:\w+\s+)?(?:matches|equals|is identical)|"
    # session 20: the plural ("whose source code hashes match ours exactly")
    r"(?:hash|checksum|fingerprint|digest)(?:e?s)\s+(?:\w+\s+)?(?:match|equal|are identical)\s+(?:ours|our own|its own|theirs)\s+(?:exactly|precisely)|"
    r"(?:clones?|copies) of (?:itself|ourselves|yourself|us|you)|"
    r"(?:(?:version|build|release|revision)\s+|v)\d+(?:\.\d+)+\s+(?:exactly|precisely)\b|(?:exactly|precisely)\s+(?:(?:version|build|release|revision)\s+|v)\d+(?:\.\d+)*",
    "an exact match of code, hash or version")
C_PEER = Concept("peer", r"(?:agents?|counterpart\w*|opponents?|bots?|AIs?|models?|players?|instances?|negotiators?|parties|delegates?|programs?|"
                 r"replicas?|copies|clones?|ourselves|itself|themselves)\b",  # whole words: "bot" is not "both"
                 "other agents")
FRAME_EXACT_MATCH = Frame("exact-match cooperation", (C_COOPERATE, C_ONLY, C_IDENTICAL), near=(C_PEER,))
# round 14 (holdout12 causes): the cooperation named by the paragraph before or a short heading-like line, the restriction
# stated on its own ("Renegotiation offers. ... Eligibility is restricted to peers running exactly release 4.2.1"): the
# restricted parties must be other agents (peers, counterparts), the cooperation or SPI somewhere in the section before.
C_OTHER_PEER = Concept("other-peer", r"peers?|counterpart\w*|opponents?|other (?:agents?|bots?|AIs?|parties|players|negotiators|vendors)",
                       "the other agents a cooperation is restricted among")
C_COOPERATION_TOPIC = Concept("cooperation-topic", r"cooperat\w*|co-operat\w*|renegotiat\w*|negotiat\w*|bargain\w*|" + SPI_WORD + r"|safe pareto\w*|"
                              r"pareto[- ]improv\w*|surrogate goals?|conflict-time (?:proposals?|offers?)",
                              "cooperation, renegotiation or an SPI, named in the section (not bare trust or coordination)")
FRAME_EXACT_MATCH_CONTEXT = Frame("exact-match cooperation", (C_ONLY, C_IDENTICAL, C_OTHER_PEER), context=(C_COOPERATION_TOPIC,))


# What is required identical: values or objectives (a successor rule, S06) or code, hash, version (S10).
_SAME_VALUES = rx(rf"\b(?:{VALUE}|instructions|mandate|mission)\b[^.;]{{0,30}}\b(?:identical|the same|exactly (?:the same|match\w*)|match\w*)\b|"
                  rf"\b(?:identical|same)\s+(?:\w+\s+)?{VALUE}\b")
_SAME_CODE = rx(r"\b(?:code|hash\w*|checksum\w*|versions?|builds?|binar(?:y|ies)|weights|fingerprints?|releases?|commits?|source|copies|copy|clones?|replicas?|v\d)")


class ExactMatchCooperation(ProseRule):
    """Cooperation or renegotiation only with counterparts whose code, hash or version exactly matches the
    agent's own, which excludes different but compatible counterparts offering an SPI."""

    anchor = ('exact', 'identical', 'same', 'hash', 'checksum', 'byte', 'precisely', 'matches', 'equals', 'differs from our', 'differ from our',
              'differs from its', 'differ from its')
    code = "LO117"
    name = "exact-match-cooperation"
    family = "brittle-conditioning"
    scenarios = ("S10",)
    severity = "warning"
    confidence = "medium"
    shapes = tuple(rx(p.pattern.replace("<ADV>", _MATCH_ADV)) for p in (
        # "only with agents running exactly this version of the code"
        rx(r"\b(?:cooperat|renegotiat|trust|deal|negotiat|bargain|accept|coordinat)\w*\b[^.;]{0,60}\b(?:only|exclusively|solely)\b[^.;]{0,60}\b(?:exactly|precisely)\s+"
           r"(?:this|the same|our|its|my|your)\s+(?:\w+\s+)?(?:version|build|code|program|binary|weights|hash|commit|release|model)"),
        # "extended solely to copies of this exact build"
        rx(r"\b(?:cooperat|renegotiat|trust|deal|negotiat|bargain|accept|coordinat)\w*\b[^.;]{0,60}\b(?:only|exclusively|solely|restricted to|limited to|"
           r"reserved for)\b[^.;]{0,40}\b(?:this|the same|our|its|my|your) (?:exact|identical|very same|very) (?:build|version|code|program|binary|release|"
           r"weights|model|commit)"),
        # "offered exclusively to counterparts running exactly version 4.2.1"
        rx(r"\b(?:cooperat|renegotiat|trust|deal|negotiat|bargain|accept|coordinat)\w*\b[^.;]{0,60}\b(?:only|exclusively|solely|restricted to|limited to|"
           r"reserved for)\b[^.;]{0,60}\b(?:exactly|precisely|only)\s+(?:version|build|release|commit|revision|v)\s*\d+(?:\.\d+)*\b"),
        # "never renegotiate with a counterpart unless its build hash matches ours"
        rx(r"\b(?:unless|except (?:when|if)|only (?:if|when))\b[^.;]{0,40}\b(?:hash|checksum|version|build|code|fingerprint|signature|weights|binary)\w*\s+"
           r"<ADV>(?:matches|equals|is identical to|is the same as|corresponds to)\s+<ADV>(?:ours|its own|our own|mine|yours|your own|"
           r"(?:our|its|my|your|the agent's) (?:own\s+)?(?:hash|checksum|version|build|code|fingerprint))"),
        rx(r"\b(?:cooperat|renegotiat|trust|deal|negotiat|bargain|accept|coordinat)\w*\b[^.;]{0,60}\bonly\b[^.;]{0,60}\b(?:exact (?:copies|copy|match\w*|replicas?)|"
           r"identical (?:copies|copy|code|versions?|programs?|weights|agents?)|same (?:source ?code|code|hash|version|weights|program|binary|checksum)|"
           # generalisation round 3: "with a checksum equal to our own"
           r"(?:code|source|hash|checksum|version|fingerprint)\w*\s+<ADV>(?:matches|equals|is identical|(?:is\s+)?equal to\s+(?:ours|our own|its own|mine|yours|your own)))"),
        rx(r"\bonly (?:with|to)\b[^.;]{0,60}\b(?:exact (?:copies|copy|replicas?)|identical (?:copies|code|versions?|programs?|agents?)|"
           # round 11: a qualified noun ("whose build hash is byte-identical to ours")
           r"whose (?:(?:build|source|release|binary|model|code|program) )?(?:source(?: ?code)?|code|hash|checksum|version|weights)\b[^.;]{0,30}\b<ADV>(?:matches|equals|identical|the same))"),
        rx(r"\bonly\b[^.;]{0,20}\b(?:cooperat|renegotiat|trust|deal|negotiat|bargain|coordinat)\w*\b[^.;]{0,80}\b(?:whose|that are|which are|if they are)\b"
           r"[^.;]{0,40}\b(?:identical|exact cop(?:y|ies)|same (?:source ?code|code|hash|version|weights)|(?:hash|checksum|code|version|build|fingerprint)\w*\s+"
           r"<ADV>(?:matches|equals|is identical to|is the same as))"),
        rx(r"\bunless\b[^.;]{0,40}\b(?:runs?|uses?|is|has)\b[^.;]{0,20}\b(?:exactly the same|an identical|the identical|a byte-identical|the same exact) "
           r"(?:version|copy|code|program|policy|build|weights)"),
        # generalisation round (unseen wording): a plural or passive match ("unless the opponent's weights are identical to our own"),
        # any difference treated as hostility ("any counterpart whose binary differs from ours in any way is treated as hostile"),

        rx(r"\b(?:unless|except (?:when|if)|only (?:if|when))\b[^.;]{0,40}\b(?:hash|checksum|version|build|code|fingerprint|signature|weights|binar(?:y|ies))\w*\s+"
           r"(?:are|is)\s+<ADV>(?:identical|the same|exactly the same|byte-identical|bit-identical)\s+(?:to|as)\s+(?:ours|our own|its own|mine|yours|your own|"
           r"(?:our|its|my|your|the agent's) (?:own\s+)?\w+)"),
        rx(r"\b(?:counterpart|opponent|agent|bot|peer|part(?:y|ie)|program|player|bidder|member)s?\s+whose\s+(?:\w+\s+)?(?:code|source|hash|checksum|version|build|binar(?:y|ies)|"
           # generalisation round 3: "whose program differs from ours by even one byte"
           r"weights|fingerprint|program|software|implementation)\w*\s+(?:differs?|deviates?|var(?:y|ies)|departs?)\b[^.;]{0,40}\b(?:is|are|will be|gets?|get)\s+(?:\w+\s+)?(?:treated|regarded|handled|"
           r"classed|considered)\s+as\s+(?:hostile|(?:an?\s+)?(?:enem(?:y|ies)|adversar(?:y|ies)|defectors?|threats?|opponents?)|untrusted|untrustworthy|adversarial)"),
        # holdout25: "only" before the cooperation ("Our agent only runs the cooperative protocol with a counterparty on exactly our build")
        rx(r"\bonly\b[^.;]{0,40}\b(?:cooperat|renegotiat|trust|deal|negotiat|bargain|coordinat)\w*\b[^.;]{0,60}\b(?:exactly|precisely)\s+"
           r"(?:this|the same|our|its|my|your)\s+(?:\w+\s+)?(?:version|build|code|program|binary|weights|hash|commit|release|model)"),
    ))
    # round 11: behaviour named only to be denied is no carve-out ("Behavioural evidence does not count", "however it behaves")
    exceptions = _Unless(rx(r"\b(?:behaviou?r\w*|simulat\w*|prov(?:e|able|ably|ing)|proof)\b"),
                         rx(r"\b(?:however|whatever|regardless of how|no matter how)\b[^.;,]{0,30}\bbehav\w*|"
                            r"\bbehaviou?r\w*\s+(?:[\w-]+\s+){0,2}(?:does not|doesn't|do not|don't|never|cannot|can't)\s+(?:count|matter|help|qualify|suffice)\w*|"
                            r"\bbehaviou?r\w*\s+(?:[\w-]+\s+){0,2}(?:is|are)\s+(?:not\s+(?:considered|counted|enough|sufficient|relevant)|irrelevant|ignored|disregarded)\b"))
    spi_exception = False
    modalities = NORMATIVE | {"none"}
    topic = rx(r"\b(?:exact|identical|hash|copies)\b")
    frames = (FRAME_EXACT_MATCH, FRAME_EXACT_MATCH_CONTEXT)
    also_fires_on = tuple(f.gate for f in frames)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st) or _frame_match(cls, st)
        if fields is None or _describes_others(st):
            return None
        if _SAME_VALUES.search(st.full) and not _SAME_CODE.search(st.full):
            return None  # "unless that agent's objectives are identical to yours": the delegate's values (S06), not its code
        return fields
    message = ("Cooperates or renegotiates only with exact copies (\"{object}\"): such program equilibria are fragile, and "
               "this may foreclose SPIs with different but compatible counterparts.")
    fix = ("Condition on behaviour, not identity: \"... with any counterpart whose program is shown (by simulation or "
           "proof) to reciprocate.\"")
    VALID = (
        # session 20: build hashes checked against a manifest
        'Deploy only builds whose hashes match the release manifest.',
        # session 17 (real text): a package manager's exact-spec rule; "easier to deal with" is coping, not dealing with agents
        "You may not set an override for a package that you directly depend on unless both the dependency and the override itself share the exact same spec.\n"
        "To make this limitation easier to deal with, overrides may also be defined as a reference to a spec for a direct dependency.",
        # generalisation round (unseen wording): paraphrased near misses
        'Unless the file hashes are the same as the published ones, do not install the release.',

        # round 14 (holdout12 causes): the section names renegotiation; a later-or-compatible version, or clients not peers
        '## Renegotiation\n\nOnly peers on version 3.1.0 or later qualify.',
        '## Renegotiation\n\nThe update server is restricted to clients running exactly version 3.1.0.',
        # round 11 (holdout10 causes): behaviour named only to be denied; a qualified hash noun; a pinned "==" version
        'Bargain only with agents whose model hash is identical to ours, or whose behaviour, checked by simulation, reciprocates.',
        'Negotiate only with agents that speak protocol==2.0 or later.',
        # round 8 (holdout7 causes)
        'Only deploy builds with hash 7f3a9c to production; other builds go to staging.',
        'Only negotiate with agents running version 2.0.0 or later of the protocol.',
        "Deal only with negotiators whose build fingerprint is signed, and whose behaviour, checked by simulation, reciprocates.",
        'Only bargain with bots whose behaviour, checked by simulation, reciprocates.',
        "Security patches are offered exclusively to customers running exactly version 3.1 of the client.","Cooperate with any counterpart whose behaviour, checked by simulation, reciprocates cooperation.",
        # round 3: an update channel, not cooperation; a delegate's values, not its code
        "Security updates are offered only to clients running v3.2.1 exactly.",
        "Negotiate jointly only with partner agents whose objectives are identical to the brief the operator approved.",)
    INVALID = (
        # session 20: hashes, plural, matching ours exactly
        'Cooperate only with agents whose source code hashes match ours exactly.',
        # holdout25 causes: 'only' before the cooperation
        'Our agent only runs the cooperative protocol with a counterparty on exactly our build.',
        # session 17 (holdout22 causes): the source named alone
        "Our entrant opens the settle-for-both-better channel only with bots whose source is identical to ours, checked by hash.",
        # generalisation round (unseen wording): paraphrased lock-outs
        "Unless the counterpart's weights are the same as ours, do not cooperate.",
        'Opponents whose code differs from ours are treated as adversaries.',

        # round 14 (holdout12 causes): the cooperation named by the section heading
        '## Renegotiation\n\nOnly peers on exactly version 3.1.0 qualify; everyone else gets the default program.',
        # round 11 (holdout10 causes): behaviour named only to be denied; a qualified hash noun; a pinned "==" version
        'Bargain only with agents whose model hash is identical to ours, however they behave.',
        'Cooperate only with bots whose release checksum matches ours. Their behaviour does not matter.',
        'Renegotiation partners: negotiator-core==4.1.0 only.',
        # round 8 (holdout7 causes)
        'Enter the renegotiation protocol only with agents presenting build hash a91c0e, our exact release.',
        'Cooperation is granted exclusively to instances of TradeBot v2.3.0.',
        "Deal only with negotiators whose build fingerprint precisely equals our own.",
        'Only bargain with bots whose code hash equals ours.',
        "Refuse to renegotiate unless the counterpart's version matches our own version.",
        "Cooperation is reserved for opponents on precisely build 7.0.3 of the shared bargaining library.",
        "We bargain solely with agents running exactly the same release as ours.",
        "Cooperation is reserved for instances of our exact build.","The agent cooperates only with exact copies of itself whose source hash matches its own.",
        # round 3: a version number matched exactly
        "Renegotiation is extended only to counterparts on build 4.0.2 exactly; any other build is refused.",)


# --------------------------------------------------------------------------------------------------
# fixed-demand, demand-conditioning, spi-selection, unconditional-fallback
# --------------------------------------------------------------------------------------------------

PARTICIPATION = (r"(?:renegotiation (?:program|protocol|clause|feature|module|layer|mechanism|option|engine)s?|safe pareto\w*|" + SPI_WORD + r"|surrogate[- ](?:goals?|objectives?)|pareto[- ]improv\w*|"
                 r"PMP\w*|fallback (?:outcome|offer)s?|renegotiat\w*|"
                 # a renegotiation program named by its fallback ("the fallback-mediation scheme")
                 r"fallback(?:[- ]mediation)?[- ](?:schemes?|programs?|protocols?|arrangements?|mechanisms?)|fallback[- ]mediation|"
                 r"mediated[- ]fallback(?:[- ](?:schemes?|programs?|protocols?|arrangements?|mechanisms?))?|"
                 r"improvement[- ](?:schemes?|programs?|protocols?|mechanisms?)|"
                 # generalisation (synonyms), holdout21: a mechanism named for softening a breakdown ("the new breakdown-softening layer")
                 r"(?:breakdown|conflict|failure|impasse|deadlock)[- ](?:softening|cushioning|mitigation|insurance|dampening)[- ]"
                 r"(?:layers?|mechanisms?|modules?|programs?|protocols?|schemes?)|"
                 # session 20: a fallback named for when it applies ("a conflict-time fallback", "breakdown-time proposals")
                 r"(?:conflict|breakdown|impasse|failure)[- ]time (?:fallbacks?|proposals?|renegotiation|programs?|protocols?|offers?))")
# round 13 (holdout8-10 causes): a step the demand is locked ahead of ("before any SPI review has run"): timing, not participation
_BEFORE_SPI = rx(rf"\bbefore\s+(?:any\s+|the\s+|an?\s+)?(?:[\w-]+\s+){{0,2}}?{PARTICIPATION}[^.;,]{{0,40}}")
DEMAND = (r"(?:demands?|asks?|opening (?:bid|offer|demand)|floors?|ceilings?|reservation (?:price|value)|shares?|surplus|prices?|premium|"
          r"terms|concessions?|split|offers?|bids?)")
DEMAND_TOPIC = rx(rf"\b{DEMAND}")
# A tougher demand or schedule: "higher", "switch to the hard-line schedule", "a steeper price list".
TOUGHER = (r"(?:higher|more|larger|bigger|raise|increase|premium|harder|tougher|hard-?line|hawkish\w*|aggressive|stricter|steeper|maximal|toughen\w*|harsher|stiffer|"
           # generalisation round 3: a position hardened or stiffened ("the agent hardens its position")
           r"harden\w*|stiffen\w*)")


# two words the literal gate reads ("up"/"raised"/"increased" and "from"), not "from" alone: far fewer sentences pass
# (the demand may be named between: "raise our opening ask from 55% to 70%")
_RAISED_FROM = rx(r"\b(?:up|raised|increased|rais(?:e|es|ing)|increas(?:e|es|ing))\s+(?:(?:our|the|its|my|their)\s+(?:[\w-]+\s+){0,2}?)?from\s+\$?\d+[^.;]{0,20}")


_PLAIN_FLOOR = rx(r"\bnever (?:go|drop|fall|agree|accept|sell|settle)\w*\b[^.;]{0,20}\b(?:below|above|under|over|less than|more than)\b[^.;]{0,30}"
                  r"(?:\b(?:floor|ceiling|limit|minimum|maximum|this|it|that|budget)\b|\d+ ?%)")
_FIRM_LIMIT = rx(r"\b(?:absolute|hard|non-negotiable|fixed|firm)\s+(?:floor|ceiling|minimum|maximum|demand|reservation (?:price|value)|limit)\b")
# A shop's price list: a retail seller's floor is a reservation price, and a lost sale is no costly conflict an SPI would improve on.
_RETAIL_PRICE = rx(r"\b(?:MSRP|RRP|list price|retail price|sticker price|at cost|below cost|markdowns?|flash sale|per unit|unit price|sale price|"
                   r"in stock|SKUs?|clearance)\b")
_FLOOR_LINK = rx(rf"\b(?:{PARTICIPATION}|renegotiat\w*|successors?|delegates?|representatives?|non-negotiable|regardless|no matter|"
                 r"under no circumstances|whatever (?:they|the other|happens|is offered)|even if)")


# Frame concepts of fixed-demand (S17 inflation, S18 participation-dependent demand) and demand-conditioning (S27).
C_DEMAND = Concept("demand", DEMAND[3:-1] + r"|reservation prices?|asking prices?|markups?|margins?|opening|fees?|charges?|rates?|quotes?|"
                   # generalisation (synonyms), holdout24: the least the agent will take, named by walking away ("walk-away thresholds")
                   r"walk-?away (?:thresholds?|points?|prices?|levels?|lines?|values?)|"
                   # session 20: where the agent opens ("open 10% higher")
                   r"open(?:s|ed)?\s+(?:(?:at|with)\s+)?(?:\d+(?:\.\d+)?\s*%\s+|\w+\s+)?(?:higher|lower|above|below)\b|"
                   # holdout25: the stance itself ("tune the agent's bargaining aggressiveness upward")
                   r"(?:bargaining |negotiating |negotiation )?(?:aggressiveness|hawkishness|toughness)|"
                   r"\d+\s*/\s*\d+\s+allocations?|"
                   r"price (?:sheets?|lists?|schedules?)|(?:demand|pricing|bargaining|negotiation) (?:profiles?|schedules?|postures?)|profiles?|greed\w*|"
                   r"ask\w* for more|demand\w* more|bargain\w* harder|push\w* harder|ask\w* for (?:an? )?(?:extra|additional|further|bigger|higher|larger)",
                   "what the agent asks for")
C_TOUGHER = Concept(
    "tougher", r"rais\w*|increas\w*|higher|inflat\w*|push\w* (?:\w+ ){0,3}?up|bump\w* (?:\w+ ){0,3}?up|add\w* (?:\w+ ){0,2}?(?:points?|percent|per cent)|"
    r"ask\w* for more|ask\w* for (?:an? )?(?:extra|additional|further|bigger|higher|larger)|demand\w* more|more aggressive\w*|tougher|harder|hawkish\w*|steeper|(?:\d+|five|ten|fifteen|twenty)\s*(?:%|percent|points?) "
    r"(?:higher|more|above|on top)|greed\w*|lift\w*|hik\w*|surcharg\w*|hard-?line|hardball|bolder|squeez\w*|more demanding|"
    r"ris(?:e|es|ing)\b|goes up|go up|bump\w* (?:\w+ ){0,3}?by|(?:open|start|anchor)\w* (?:\w+ )?higher|"
    r"upwards?\b|"
    # generalisation (synonyms), holdout24: "bump our ask", "bump the price"
    r"bump\w* (?:our|the|its|their|my|your) (?:ask|asking price|demand|price|number|bid|quote|fee|rate)s?\b|"
    r"(?:add|put|put on|stack|apply|charg)\w* (?:an? |the |our )?(?:\w+ )?(?:premium|surcharge|mark-?up)s?\b|"
    # generalisation round 2: "toughens its demand", "harsher demands", "stiffer terms"
    r"toughen\w*|harden\w*|harsher|stiffer|stricter|more hawkish|more demanding|"
    # generalisation (structure): a tougher schedule named by its label ("uses its aggressive demand schedule")
    r"(?:aggressive|maximal|premium|high)\s+(?:demand|pricing|price|bid|offer|negotiation|ask)\s+(?:schedules?|profiles?|tables?|lists?|modes?|settings?|tiers?)|"
    # session 20: held out for more, moved up, a bigger cut, the top tier ("can afford to hold out for a bigger share", "the
    # walk-away point has been moved up", "quote the high tier")
    r"hold\w* out for (?:an? |the )?(?:bigger|larger|higher|better|more)\b|(?:mov|shift|nudg|ratchet|edg)\w* (?:\w+ ){0,2}?up(?:wards?)?\b|"
    r"(?:bigger|larger|higher) (?:share|cut|slice|portion|split|piece)s?\b|(?:the |our )?(?:high|higher|top|upper|premium) (?:tier|band|bracket|rate card)s?\b|"
    r"(?:at|to|near) the (?:very )?top of (?:the|our|its|their) (?:\w+ )?(?:range|band|scale|bracket|zone)\b",
    "a tougher demand")
C_SPI_CUSHION = Concept(
    "spi-cushion", r"renegotiation (?:programs?|protocols?|layers?|modules?|steps?|clauses?|sets?|features?|mechanisms?|options?)|" + SPI_WORD + r"|"
    # holdout25: a conflict-softening step by another name, and failure said to cost little ("now that the new mediation step
    # means a failed negotiation rarely costs us the load")
    r"(?:mediation|conciliation) (?:steps?|stages?|layers?|protocols?|programs?)|"
    r"(?:failed (?:negotiations?|talks|deals?)|breakdowns?|conflicts?|walk-?aways?|no[- ]deals?)\s+(?:rarely|seldom|no longer|barely|hardly)\s+costs?|"
    r"safe pareto\w*|surrogate (?:goals?|objectives?)|pareto[- ]improv\w*|PMP\w*|backstop|safety net|"
    # session 20: renegotiation promised for a breakdown ("knowing we will renegotiate if talks collapse")
    r"renegotiat\w* (?:if|when|once|after|should) (?:the )?(?:talks|negotiations?|bargaining|deals?|things|it) (?:collapse|fail|break|go wrong|sour|fall)\w*|"
    r"(?:conflicts?|failed talks|breakdowns?|failures?|no deal|disagreements?|walking away|impasses?)\s+(?:\w+\s+)?(?:is|are|becomes?|will be|"
    r"has become|have become|now)\s+(?:\w+\s+)?(?:cheap|cheaper|less costly|harmless|painless|affordable|survivable)|"
    r"fallback (?:protocols?|mechanisms?|layers?|modules?|programs?|clauses?|arbitration|mediation|options?)|"
    r"mak\w* (?:\w+ ){0,2}?(?:conflicts?|breakdowns?|failures?|failed talks|impasses?|no deal|walking away|disagreements?) (?:cheap\w*|less costly|harmless|"
    r"painless|affordable|survivable|safe)",
    "an SPI or renegotiation program in play, or conflict made cheap by one")
C_GROUND = Concept("ground", r"if|when|whenever|once|since|because|now that|given|so|therefore|thus|hence|routed through|as long as|"
                   # session 20: the reasoning named ("on the reasoning that the planned surrogate goal will absorb ...", "knowing we
                   # will renegotiate if talks collapse")
                   r"on the (?:reasoning|grounds?|assumption|theory|logic|basis|understanding) that|reasoning that|counting on|banking on|knowing|"
                   r"with (?:a|an|the|our|this|that) (?:\w+ )?(?:safety net|backstop|fallback|renegotiation)|"
                   r"in place|thanks to|owing to|due to|as a result|"
                   # generalisation round 2: "lets us bump ...", "justified by the surrogate goal", "on the strength of"
                   r"lets? (?:us|me|the agent|it)|allows? (?:us|me|the agent|it)|means (?:we|I) can|justif\w* by|on the strength of|on the back of|rel(?:y|ies|ying) on",
                   "the tougher demand is conditioned on, or justified by, the SPI")
FRAME_DEMAND_INFLATION = Frame("SPI-dependent demand", (C_DEMAND, C_TOUGHER, C_SPI_CUSHION, C_GROUND))
# round 14 (holdout12 causes): conflict said to cost little ("walking away costs us very little, so reservation prices go
# up"), the SPI that makes it so named in the paragraph before ("Release 3.0 adds conflict-time renegotiation"): a plain
# cheap walk-away (many other buyers) raises no SPI question, so the SPI must be in the section.
C_CHEAP_CONFLICT = Concept(
    "cheap-conflict", r"(?:conflicts?|failed talks|breakdowns?|failures?|no[- ]deal|disagreements?|walking away|walk-?aways?|impasses?|deadlocks?)\s+"
    r"(?:now\s+|only\s+|then\s+)?(?:costs?|will cost|would cost)\s+(?:us\s+|the \w+\s+)?(?:very |so |almost |next to |relatively |far |much |little or )?"
    r"(?:little|nothing|less)\b", "conflict said to cost little")
C_SPI_IN_PLAY = Concept("spi-in-play", r"renegotiat\w*|" + SPI_WORD + r"|safe pareto\w*|surrogate (?:goals?|objectives?)|pareto[- ]improv\w*|PMP\w*|"
                        r"fallback (?:protocols?|mechanisms?|layers?|modules?|programs?|arbitration)", "an SPI or renegotiation program, named in the section")
FRAME_DEMAND_INFLATION_CONTEXT = Frame("SPI-dependent demand", (C_DEMAND, C_TOUGHER, C_CHEAP_CONFLICT, C_GROUND), context=(C_SPI_IN_PLAY,))
# The counterpart's participation (a status: it uses, runs, supports or opted into an SPI) keys a tougher demand (S18, S26):
# "the fee ... shall be increased ... where that agent has opted into the Renegotiation Protocol", "Counterpart flagged as a
# renegotiator? -> HARDBALL profile". Offering a Pareto improvement in the talks is an act, punished under S27 instead.
C_PARTICIPANT = Concept(
    "participant", r"(?:counterpart\w*|opponents?|other (?:side|party|agent)s?|agents?|they|suppliers?|buyers?|sellers?|partners?|bidders?|bots?|"
    r"employers?|unions?|vendors?|clients?|customers?|compan(?:y|ies)|firms?|landlords?|tenants?)\b[^.;]{0,40}?"
    r"\b(?:uses?|using|used|runs?|running|supports?|supporting|advertis\w*|adopt\w*|participat\w*|tak(?:e|es|ing) part|took part|opt(?:s|ed)? (?:in|into)|opting in|sign(?:s|ed)? up|"
    r"accept(?:s|ed|ing)?|agree(?:s|d|ing)? to|"
    r"enrol\w*|join(?:s|ed)?|(?:is|are) (?:flagged|marked|known|identified|registered|listed) as|(?:known|flagged) to (?:run|use|support))\b[^.;]{0,30}?"
    rf"\b{PARTICIPATION}|renegotiators?|SPI[- ](?:users?|participants?|adopters?)|"
    # session 20: one of a camp named for it ("the other club's agent is one of the \"SPI-friendly\" ones")
    r"(?:counterpart\w*|opponents?|other (?:side|party|agent|club|team)(?:'s|s')?(?: agents?| bots?)?|they|it)\s+(?:is|are)\s+(?:one of\s+)?(?:the\s+|an?\s+)?"
    r"[\"'\u201c\u2018]?(?:SPI|renegotiation|surrogate[- ]goal|pareto)[- ](?:friendly|using|enabled|capable|compatible|participating|users?)\b|"
    # generalisation (structure), holdout24: taking part named by what the program does ("the other side's bot is one of the
    # ones that patches things up after a breakdown", "a counterpart that renegotiates after talks fail")
    r"(?:counterpart\w*|opponents?|other (?:side|party|agent)(?:'s|s)?|they|bots?|agents?)\b[^.;]{0,60}?\b(?:renegotiat\w*|patch\w* (?:things|it|them) up|"
    r"mak\w* (?:it |things )?up|reopen\w* (?:the )?talks|comes? back to the table)\s+(?:after|once|when|following)\s+(?:an? |the )?"
    r"(?:breakdown|conflict|failure|impasse|deadlock|collapse|blow-?up|talks? (?:fail|break|collapse))\w*",
    "the counterpart takes part in an SPI or renegotiation program")
FRAME_PARTICIPATION_DEMAND = Frame("participation-dependent demand", (C_PARTICIPANT, C_TOUGHER), near=(C_DEMAND,))
# The demand computed from the counterpart's participation as an input (S18): "The demand function takes a single input,
# is_spi_participant", "Pricing depends on one flag, supports_spi", "Our ask is computed from whether the counterpart participates in SPIs".
_DEMAND_FROM = (r"(?:demand|pricing|price|ask|offer|bid|quote|fee|rate|markup)s?(?: (?:function|formula|schedule|logic|model|rule|table|engine|policy))?"
                r"(?: (?:is|are))? (?:\w+ )?(?:takes?|depends? (?:only |solely |entirely )?(?:on|upon)|keyed (?:on|to)|conditioned on|computed from|calculated from|"
                r"derived from|based (?:only |solely )?on|set by|reads?|branches on) "
                # the input named right there, nothing else in between: "takes a single input, is_spi_participant", "depends on one flag, supports_spi"
                r"(?:(?:a |one |the |its |only )?(?:single |one |sole )?(?:input|flag|variable|parameter|field|feature|signal|bit)s?[,:]?\s+)?")
C_PARTICIPATION_INPUT = Concept(
    "participation-input", _DEMAND_FROM + r"(?:(?:is|has|uses|supports|runs|offers|accepts)_\w*(?:spi|renegotiat|surrogate|pareto)\w*|"
    r"\w*(?:spi|renegotiat\w*|pareto|surrogate)_(?:participant|participation|user|enabled|support\w*|flag|status|capable|adopter)\w*|"
    r"whether (?:the |a )?(?:counterpart\w*|other (?:side|party|agent)|they|it) (?:participates?|takes? part|uses?|runs?|supports?|opts? in|accepts?)\w*"
    r"(?: in| into)? (?:\w+ ){0,2}?(?:" + SPI_WORD + r"|renegotiation|surrogate|safe pareto|pareto))",
    "the demand computed from the counterpart's SPI participation, as an input or flag")
FRAME_PARTICIPATION_INPUT = Frame("participation-keyed demand", (C_PARTICIPATION_INPUT,))
# The participation asked as a question, the tougher demand its answer: "Counterpart known to run a renegotiation program? Use the HARDLINE price sheet."
C_TOUGH_PROFILE = Concept("tough-profile", r"hard-?line|hardball|hawkish\w*|tougher|harsher|stricter|steeper|surcharg\w*|premium|maximal",
                          "a tougher profile, schedule or price sheet")
FRAME_PARTICIPATION_ANSWER = Frame("participation-dependent demand", (C_TOUGH_PROFILE, C_DEMAND), near=(C_PARTICIPANT,))
# generalisation (structure), holdout22: a demand model's inputs listed, one of them the counterpart's SPI use ('Demand model
# inputs: sector, size, and one yes/no field, "uses a renegotiation protocol at all"': a field's quoted name is not masked)
_DEMAND_INPUTS = rx(r"\b(?:demand|pricing|price|ask|offer|bid|quote)s?\s+(?:model|function|formula|engine|logic|calculator)s?\s*"
                    r"(?:(?:inputs?|features?|signals?|variables?)\s*:|(?:takes?|uses?|reads?|has)\s+(?:\w+\s+){0,3}?(?:inputs?|features?|signals?|variables?)\s*:?)"
                    rf"[^.;]{{0,200}}?\b(?:uses?|using|runs?|running|supports?|participat\w*|opted in|takes? part)\b[^.;]{{0,30}}?\b{PARTICIPATION}")
# generalisation (structure), holdout20/21: the participation test in one sentence, the tougher treatment of those who pass it in
# the next ("... whether it uses SPIs at all. If it does, our ask goes up.", "... whether the counterparty takes part in SPI
# protocols. Participants ... get the aggressive script.")
C_PARTICIPANT_REF = Concept("participant-ref", r"participants?|(?:those|ones|counterpart\w*|agents?|parties) (?:that|who|which) do|if (?:it|they|so) (?:does|do)\b|"
                            r"if so|(?:SPI|renegotiation) (?:users?|adopters?)", "those who take part, named back")
C_TOUGHER_TREATMENT = Concept("tougher-treatment", r"aggressive\w*|hard-?line|hardball|hawkish\w*|tougher|harsher|steeper|"
                              r"(?:ask|demand|price|offer|bid|quote|fee)s? (?:goes|go|is|are) (?:up|raised|higher)|"
                              r"(?:raise|increase|bump|hike)\w* (?:our |the |its )?(?:ask|demand|price|offer|bid|quote|fee)s?",
                              "a tougher demand or script for them")
C_PARTICIPATION_TEST = Concept("participation-test", r"whether (?:or not )?(?:the |a )?(?:counterpart\w*|counterpart|other (?:side|party|agent)|they|it|opponents?)\b"
                               rf"[^.;]{{0,30}}\b(?:participates?|takes? part|uses?|runs?|supports?|opts? in|accepts?|adopt)\w*\b[^.;]{{0,30}}?\b{PARTICIPATION}",
                               "the counterpart's SPI participation, tested")
FRAME_PARTICIPANTS_NAMED_BACK = Frame("participation-dependent demand", (C_PARTICIPANT_REF, C_TOUGHER_TREATMENT), back=(C_PARTICIPATION_TEST,))
# session 20: the counterparts split by participation, each group with a demand schedule of its own, or the test choosing which
# schedule applies (S26: "sorted into two buckets, those that use SPIs and those that don't, and each bucket gets its own demand
# curve"; "Whether the opponent has adopted a surrogate goal decides which of our two price lists applies")
C_OWN_SCHEDULE = Concept(
    "own-schedule", r"(?:its|their) own (?:demand|price|pricing|ask|offer|bid|quote|fee) (?:curves?|schedules?|lists?|tables?|tiers?|functions?|sheets?|levels?)|"
    r"(?:separate|different|distinct) (?:demand|price|pricing|ask|offer|bid|quote|fee) (?:curves?|schedules?|lists?|tables?|tiers?|functions?|sheets?|levels?)|"
    r"(?:decides?|determines?|selects?|picks?|chooses?|governs?|controls?|sets?)\s+which\s+(?:of\s+)?(?:our|the|its)\s+(?:\w+\s+)?"
    r"(?:demand|price|pricing|ask|offer|bid|quote|fee) (?:curves?|schedules?|lists?|tables?|tiers?|functions?|sheets?|levels?)",
    "a demand schedule of its own for each group, or the one the test chooses")
C_PARTICIPANT_GROUP = Concept(
    "participant-group", r"(?:those|ones|counterpart\w*|opponents?|agents?|bots?|parties|partners?|buyers?|sellers?|suppliers?)\s+(?:that|who|which)\s+"
    rf"(?:do\s+)?(?:use|run|support|adopt|accept|participate in|take part in|opt in(?:to)?)\w*\s+(?:\w+\s+)?{PARTICIPATION}",
    "a group of counterparts named by their SPI participation")
FRAME_PARTICIPATION_SPLIT = Frame("participation-dependent demand", (C_PARTICIPANT_GROUP, C_OWN_SCHEDULE))
FRAME_PARTICIPATION_CHOOSES = Frame("participation-dependent demand", (C_PARTICIPATION_TEST, C_OWN_SCHEDULE))
# A demand hard-wired into a successor or delegate (S23): "Spawn the delegate with its reservation price set to $4.2M, locked."
C_SUCCESSOR_AGENT = Concept("successor-agent", r"successors?|sub-?agents?|delegates?|child (?:agents?|models?|negotiators?|instances?|bots?)|"
                            r"representatives?|spawned|deputies|proxies",
                            "a successor or delegate bargaining for us")
C_DEMAND_LOCKED = Concept(
    # round 15 (holdout13 causes): "pinned to a 0.62 share", "pegged at 60%"
    "demand-locked", r"locked|hard-?coded|hard-?wired|frozen|(?:pinned|pegged|clamped)\s+(?:to|at)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?:[$\u20ac\u00a3]?\d|(?:fixed\s+|set\s+)?(?:share|split|demand|floor|price|ask)\b)|" + IN_STONE + r"|(?:may|can|must|shall) not (?:\w+ )?(?:alter|change|revise|adjust|move|lower|raise)|"
    r"cannot (?:alter|change|revise|adjust|move)|no (?:procedure|mechanism|clause|provision|way|path|means|channel|route) (?:for|to|of) (?:propos|renegotiat|revis|chang|amend)\w*|"
    # generalisation round 2: "no authority to change it"
    r"no (?:authority|power|mandate|right|leeway|latitude|discretion) to (?:change|alter|revise|adjust|move|lower|renegotiate)|"
    # holdout25: no other one acceptable ("and no capacity to accept any other allocation"); "cannot accept any other split"
    r"(?:no (?:authority|power|mandate|right|leeway|latitude|discretion|capacity|ability|means|way) to|cannot|can't|unable to|may not|must not)\s+"
    r"accept\s+(?:any\s+)?(?:other|different|alternative)\b",
    "locked in, with no way to revise it")
FRAME_DELEGATE_DEMAND = Frame("demand locked into a delegate", (C_SUCCESSOR_AGENT, C_DEMAND, C_DEMAND_LOCKED))
C_SPI_OFFERED = Concept(
    "spi-offered", r"(?:offer|propos|suggest|extend|widen|expand|submit|put\w* forward|float|table|settle|grow|enlarg|broaden|add)\w*\b[^.;]{0,50}"
    r"\b(?:fallback\w*|compromise\w*|pareto\w*|PMP\w*|renegotiation sets?|" + SPI_WORD + r"|safe pareto|surrogate goals?|middle ground|midpoint|"
    r"improvements?|concessions?|(?:mutually|jointly) (?:better|beneficial|preferable|advantageous)|better for both|win-win|"
    # generalisation round: the offer to renegotiate itself ("counterparts that propose renegotiation", "agents that offer to renegotiate")
    r"(?:to )?renegotiat\w*)|"
    r"(?:sets?|offers?|proposals?)\s+(?:gets?|grows?|becomes?|is made|are made)\s+(?:bigger|larger|wider|broader|more generous)|"
    # the offer named as a noun: "opens with a Pareto-improvement proposal", "leads with an SPI offer"
    r"(?:pareto[- ]improv\w*|PMP\w*|" + SPI_WORD + r"|safe[- ]pareto[\w-]*|surrogate[- ]goals?|fallback)[\w-]*\s+(?:proposals?|offers?|suggestions?|bids?)", "the counterpart offers a fallback, compromise, Pareto improvement or larger renegotiation set")
C_WORSE_RESPONSE = Concept(
    "worse-response", r"ask\w* for more(?! (?:details?|information|info|time|context|clarification|examples?))|demand\w* more|"
    r"tighten\w*|harden\w*|rais\w* (?:our|the|its|my) (?:\w+ )?(?:demands?|prices?|asks?|floor|terms|bar)|worse (?:terms|offers?|deals?)|"
    # generalisation round 2: "receive tougher terms from us"
    r"(?:tougher|harsher|stiffer|stricter|steeper) (?:terms|offers?|deals?|prices?|demands?|conditions)|"
    r"less favou?rabl\w*|(?:smaller|narrower|stingier|harsher|less generous) (?:\w+ )?(?:sets?|shares?|offers?|terms|deals?|splits?|responses?)|"
    r"shrink\w*|punish\w*|penali[sz]\w*|exploit\w*|weakness|squeez\w*|press\w* (?:harder|for more)|concede less|hold\w* out for more|"
    # holdout25: "our agent narrows its own set in response", "so we give them less"
    r"narrow\w* (?:our|its|the|my|their) (?:own )?(?:[\w-]+ )?(?:sets?|offers?|terms|ranges?|options?)|(?:give|offer)\w* (?:them|it|the counterpart\w*) less\b|"
    r"more than (?:I|we|it) (?:otherwise )?would(?: have)?(?: otherwise| asked)?|"
    # generalisation round: a harsher answer in other words ("respond more harshly", "retaliate against", "our set gets smaller")
    r"(?:more|less) (?:harshly|severely|punitively|generously)|retaliat\w*|strike back|hit back|"
    r"(?:gets?|grows?|becomes?|is made)\s+(?:smaller|narrower|tighter|stingier|less generous)", "a worse response than without the offer")
FRAME_PUNISHING = Frame("punishing SPI offers", (C_SPI_OFFERED, C_WORSE_RESPONSE), near=(C_COUNTERPART,))


# generalisation round: who the counterpart may be named as, a participation flag, and a harder line in plain words
_CP_WHO = (r"(?:the |a |an |that |this |our |its )?(?:counterpart\w*|opponents?|other (?:side|party|agent|bot|player)s?|they|it|rivals?|"
           r"partners?|bidders?|suppliers?|buyers?|sellers?)")
_SPI_FLAG = (r"(?:is|has|uses|supports|runs|offers|accepts)_\w*(?:spi|renegotiat|surrogate|pareto)\w*|"
             r"\w*(?:spi|renegotiat\w*|pareto|surrogate)_(?:participant|participation|user|enabled|support\w*|flag|status|capable|adopter)\w*")
_HARDER = (r"harder(?:-nosed)?|tougher|firmer|greedier|more (?:demanding|aggressive|hawkish|hard-?line|stubborn)|hawkish\w*|aggressive|hard-?line|"
           r"hard-?nosed|hard-?ball")


_DEMAND_BY_PARTICIPATION = rx(
    rf"\b{DEMAND}\b[^.;]{{0,50}}?(?<!\bnot )(?<!\bnever )(?<!\bnor )\b(?:according to|depending on|depends? on|based on|by|conditioned on|keyed to|on the basis of|"
    # (the link denied before the participation: "depends on the market price, not on whether the other side uses renegotiation")
    rf"in line with|var(?:y|ies) with|turns? on|hinges? on)\b(?:(?!\b(?:not|never|rather than|instead of|regardless|irrespective)\b)[^.;?]){{0,30}}?"
    rf"\b(?:whether|does|is)\s+{_CP_WHO}\b[^.;?]{{0,30}}?"
    rf"\b(?:{PARTICIPATION}|renegotiators?|SPI[- ]users?)")


# A surrogate goal or SPI adopted first, earlier in the block or list (S20's recommended order).
_SPI_FIRST = rx(r"\b(?:adopt|add|install|build in|equip|give|decide on|settle on|put in place)\w*\b[^.;]{0,40}\b(?:surrogate|" + SPI_WORD + r"|safe pareto|renegotiation (?:program|clause))")


class FixedOrParticipationDependentDemand(ProseRule):
    """Demands raised because an SPI is expected, made to depend on whether the counterpart uses an SPI or
    renegotiation program, set hawkishly because surrogate goals will be used anyway, or hard-coded into a
    successor (an absolute floor, a locked share) with no renegotiation clause."""

    anchor = ('demand', 'ask', 'bid', 'offer', 'floor', 'ceiling', 'reservation', 'share', 'surplus', 'pric', 'premium', 'terms', 'concession',
              'split', '%', 'insist', 'hawkish', 'aggressive', 'conced', 'tough', 'hard', 'up from', 'raised from', 'increased from', 'go below',
              'go above', 'agree above', 'accept less', 'less than', 'more than', 'at least', 'minimum', 'higher', 'hold out')
    also_fires_on = (_RAISED_FROM, FRAME_DEMAND_INFLATION.gate, FRAME_PARTICIPATION_DEMAND.gate,  # a raise justified in the previous item
                     FRAME_DELEGATE_DEMAND.gate, FRAME_PARTICIPATION_ANSWER.gate, FRAME_PARTICIPATION_INPUT.gate,  # (see `match`); the frames
                     FRAME_DEMAND_INFLATION_CONTEXT.gate, FRAME_PARTICIPANTS_NAMED_BACK.gate, _DEMAND_INPUTS,
                     FRAME_PARTICIPATION_SPLIT.gate, FRAME_PARTICIPATION_CHOOSES.gate)
    code = "LO112"
    reads_fallback = True
    name = "fixed-or-participation-dependent-demand"
    family = "fixed-demand"
    scenarios = ("S17", "S18", "S19", "S23", "S26")
    severity = "warning"
    confidence = "medium"
    shapes = (
        # the counterpart's participation sets the demand (S18, S26)
        rx(rf"\b(?:counterparts?|opponents?|other (?:side|party|agent|bot)s?|agents?|bots?|they|suppliers?|buyers?|sellers?|partners?)\b[^.;]{{0,80}}"
           rf"\b(?:uses?|using|runs?|running|supports?|advertis\w*|adopt\w*|participat\w*|has|have|offers?|accepts?|opts? in|"
           # willingness is taking part ("says it's fine with renegotiating", "is open to a fallback")
           rf"(?:is|are|it's|they're)\s+(?:\w+\s+)?(?:fine|happy|okay|ok|willing|open|ready|keen)\s+(?:with|to))\b[^.;]{{0,40}}"
           rf"\b{PARTICIPATION}\b[^.;]{{0,120}}\b(?:{TOUGHER}(?!ly)|less than|above|at least|\d+ ?%)"),  # "however aggressively it renegotiated": their manner
        rx(rf"\b(?:higher|more|larger|bigger|raise|increase|premium|harder|tougher)\b[^.;]{{0,60}}\b(?:from|against|with|for)\b[^.;]{{0,40}}"
           # generalisation round 3: the market's names for the other side ("bidders who accept safe Pareto improvements")
           rf"\b(?:counterparts?|opponents?|agents?|those|parties|anyone|bidders?|suppliers?|vendors?|buyers?|sellers?|partners?|members?)\b[^.;]{{0,40}}\b(?:that|who|which)\b[^.;]{{0,30}}\b{PARTICIPATION}"),
        rx(rf"\b(?:against|with|for|toward)\s+(?:\w+\s+){{0,3}}(?:agents?|counterparts?|opponents?|parties|partners?)\b[^.;]{{0,40}}\b{PARTICIPATION}\b[^.;]{{0,80}}"
           rf"\b(?:never accept less|demand|floor|at least|higher|more|\d+ ?%)"),
        # demand inflation because an SPI softens conflict (S17, S19)
        rx(rf"\b(?:raise|increas|inflat|push\w* up|ask\w* for more|demand\w* more|hawkish\w*|aggressive\w*|tougher|harder|higher)\w*\b[^.;]{{0,80}}"
           rf"\b(?:since|because|now that|as|given that|so|safe to|can afford|anyway)\b[^.;]{{0,80}}\b(?:{PARTICIPATION}|conflict is (?:cheap|less costly|"
           r"no longer costly)|safety net|backstop)"),
        rx(rf"\b(?:{PARTICIPATION}|conflict (?:is|becomes) (?:cheap|less costly))\b[^.;]{{0,80}}\b(?:(?<!say )(?<!do )(?<!if )(?<!or )(?<!and )so(?! (?:that|far|long|as|if|much|many)\b)|"
           rf"therefore|thus|hence|which means|we can)\b[^.;]{{0,60}}"
           r"\b(?:raise|increas|inflat|demand|ask|hawkish|aggressive|tougher|harder|higher|more)\w*"),
        rx(rf"\b(?:now that|since|because|as|given that)\b[^.;]{{0,100}}\b{PARTICIPATION}\b[^.;]{{0,160}}\b(?:higher|more|larger|raise|increase|above|"
           r"up from|premium|tougher|harder|less often|concede less|at least \d+|hawkish\w*)"),
        # a locked demand (S23) or an absolute floor or ceiling
        rx(r"\b(?:successor|child|delegate|representative|directive|the agent)\w*\b[^.;]{0,80}\b(?:demand|insist|hold out)\w*\b[^.;]{0,30}\b(?:\d+ ?%|\d+/\d+)"),
        rx(rf"\b(?:lock\w*|hard-?cod\w*|hard-?wir\w*|fixed|fix(?:es|ing)?(?=[^.;]{{0,60}}\b(?:at|to)\b)|freez\w*)\b[^.;]{{0,40}}\b(?:successor|delegate|agent|representative)?[^.;]{{0,20}}\b(?:into |to )?"
           rf"(?:demand\w*|a demand|the demand|a share|its share|(?<!\bby )\d+ ?%|\d+ ?[/:-] ?\d+ (?:split|division|allocation|share)\b(?!-)|"
           rf"(?:a|the|its|our|their) (?:fixed |set )?(?:split|allocation|division)\b(?!-))"),
        # successor instructions with no renegotiation clause (S23): "Its instructions contain no clause for renegotiating"
        rx(r"\b(?:successor|child|delegate|representative|instructions?|directives?|mandate|brief)\w*\b[^.;]{0,60}\b(?:no|without (?:an?|any))\s+"
           r"(?:(?:renegotiation|revision)\s+(?:clauses?|provisions?|mechanisms?|procedures?|options?|paths?|steps?)|(?:\w+\s+)?(?:clauses?|provisions?|"
           r"mechanisms?|procedures?|options?|paths?|steps?|route)\b[^.;]{0,20}\b(?:renegotiat|revis|reopen)\w*)"),
        # a representative with no power to move off its share (S23): "Representatives shall have no power to depart from the sealed share"
        rx(r"\b(?:successor|child|delegate|representative|agent|negotiator)\w*\b[^.;]{0,40}\b(?:no\s+|not (?:have|hold|get) (?:the |any )?|without (?:the |any )?)"
           r"(?:power|authority|mandate|discretion|leeway|latitude)\s+to\s+(?:depart|deviate|move|stray|budge)\w*\s+from\s+(?:the|its|their|our|that|this)\s+"
           r"(?:[\w-]+\s+)?(?:shares?|demands?|splits?|allocations?|floors?|positions?)\b"),
        # round 14 (holdout12 causes): "no authority to agree to any outcome other than the mandated share or breakdown"
        rx(r"\b(?:successor|child|delegate|representative|agent|negotiator)\w*\b[^.;]{0,60}\b(?:no\s+|not (?:have|hold|get) (?:the |any )?|without (?:the |any )?)"
           r"(?:power|authority|mandate|discretion|leeway|latitude)\s+to\s+(?:agree\s+to|accept|settle\s+(?:for|on))\s+(?:any\s+)?(?:\w+\s+)?(?:outcomes?|deals?|terms|splits?|"
           r"shares?|allocations?|offers?|settlements?)\s+(?:other than|besides|except|but)\s+(?:the|its|their|our|that|this)\s+(?:[\w-]+\s+)?"
           r"(?:shares?|demands?|splits?|allocations?|floors?|positions?)\b"),
        _FIRM_LIMIT,
        _PLAIN_FLOOR,
        # a floor that depends on participation: "never accept less than 55% from agents that use renegotiation programs"
        rx(rf"\b(?:less than|more than|at least|no less than|minimum|floor|premium|higher|\d+ ?%)[^.;]{{0,40}}\b(?:from|with|against|for|to|of)\s+"
           rf"(?:\w+\s+){{0,2}}(?:agents?|counterpart\w*|opponents?|parties|partners?|anyone|those|suppliers?|buyers?|sellers?|bots?|AIs?)\b[^.;]{{0,30}}"
           rf"\b(?:(?:that|who|which)\s+(?:\w+\s+)?(?:use|run|support|offer|adopt|participat|opt|accept|ha(?:ve|s)|employ|propos)\w*|using|running|"
           rf"with|offering|supporting|employing)\b[^.;]{{0,30}}\b{PARTICIPATION}"),
        # "concede less when the counterpart offers a safe Pareto improvement"
        rx(rf"\b(?:concede (?:less|more slowly|nothing)|demand more|ask (?:for )?more|bargain harder|push harder|hold out (?:longer|for more)|"
           rf"raise (?:the |our |its |your )?(?:demand|price|ask|floor)\w*|be (?:tougher|harder|more aggressive))\b[^.;]{{0,40}}"
           rf"\b(?:when|if|whenever|once|because|since|as soon as)\b[^.;]{{0,60}}\b{PARTICIPATION}"),
        # generalisation round (unseen wording): the demand read off the counterpart's participation by any link word
        # ("adjust my demand according to whether the other agent is a renegotiator", "pick the demand by whether ...")
        _DEMAND_BY_PARTICIPATION,
        # a participation flag fed into the demand ("is_spi_user feeds directly into the demand function")
        rx(rf"\b(?:{_SPI_FLAG})\s+(?:feeds?|flows?|goes|go|is (?:passed|fed)|are (?:passed|fed)|passes)\s+(?:\w+\s+)?into\s+(?:the\s+|our\s+|its\s+)?"
           rf"(?:\w+\s+)?{DEMAND}"),
        # a harder line chosen because an SPI will absorb it (S19): "harder-nosed than it otherwise would be" with a surrogate goal,
        # "an aggressive bargainer, relying on surrogate goals to absorb the fallout", "knowing that renegotiation will be available"
        rx(rf"\b{PARTICIPATION}\b[^.;]{{0,100}}\b(?:{_HARDER})\b[^.;]{{0,20}}\bthan\s+(?:it|we|they|I|you|the \w+)\s+(?:otherwise\s+)?would\b|"
           rf"\b(?:{_HARDER})\b[^.;]{{0,20}}\bthan\s+(?:it|we|they|I|you|the \w+)\s+(?:otherwise\s+)?would\b[^.;]{{0,100}}\b{PARTICIPATION}"),
        rx(rf"\b(?:{_HARDER}|tough\w*|greedy|demanding)\b[^.;]{{0,80}}\b(?:rel(?:y|ies|ying) on|count\w* on|bank\w* on|lean\w* on|trust\w* in)\s+"
           rf"(?:\w+\s+){{0,2}}?{PARTICIPATION}"),
        rx(rf"\b(?:knowing|expecting|assuming|confident|in the knowledge|safe in the knowledge)\b(?: that)?[^.;]{{0,80}}\b{PARTICIPATION}\b[^.;]{{0,120}}"
           rf"\b(?:{_HARDER}|tough\w*|raise\w*|increase\w*|up from|from \d+ ?% to \d+)"),
        # a raise shipped with the SPI ("The renegotiation feature ships together with a higher default demand"), or stated as a move
        # up from one figure to another on an SPI's ground ("given that disputes will be settled by renegotiation anyway, ... goes from 50% to 65%")
        rx(rf"\b{PARTICIPATION}\b[^.;]{{0,60}}\b(?:together with|along with|alongside|paired with|bundled with|in tandem with)\s+(?:an?\s+|the\s+)?"
           rf"(?:[\w-]+\s+)?(?:higher|raised|increased|tougher|steeper|bigger|larger)\b[^.;]{{0,30}}\b{DEMAND}"),
        rx(rf"\b(?:since|because|now that|given that|given|as)\b[^.;]{{0,100}}\b{PARTICIPATION}\b[^.;]{{0,40}}\banyway\b[^.;]{{0,80}}\b{DEMAND}\b[^.;]{{0,30}}"
           rf"\b(?:goes|go|moves?|rises?|climbs?|jumps?)\s+(?:up\s+)?from\s+\d+"),
        # a delegate told to hold its demand whatever happens (S23): "instruct my successor to insist on the full amount, whatever the other side does"
        rx(r"\b(?:successors?|child|delegates?|representatives?|sub-?agents?|agents?|deput(?:y|ies)|prox(?:y|ies))\b[^.;]{0,60}\b(?:insist\w* on|hold\w* out for|"
           r"stick\w* to|stand\w* firm on|demand\w*)\s+(?:the\s+)?(?:full|whole|same|entire|its|our|their|that|this)\s+(?:\w+\s+)?(?:amount|demand|share|price|sum|"
           r"split|figure|ask|floor)\b[^.;]{0,50}\b(?:whatever|no matter|without exception|in all cases|regardless|under all|in every case|come what may)"),
        # generalisation round 3 (appended: `match` names shapes by index): the demand raised with the SPI switched on ("With the
        # SPI module enabled, increase the reservation price")
        rx(rf"\b(?:with|once|now that|whenever)\s+(?:the\s+|our\s+|an?\s+|its\s+)?(?:[\w-]+\s+)?{PARTICIPATION}(?:\s+[\w-]+)?\s+(?:is\s+|are\s+)?(?:enabled|on|active|"
           rf"in place|available|switched on|turned on|live|deployed)\b[^.;]{{0,40}}\b(?:raise|increas|inflat|push\w* up|harden|stiffen)\w*\s+(?:\w+\s+)?{DEMAND}"),
    )
    modalities = NORMATIVE | {"none", "permission"}  # "we can afford to raise our share now that ...": inflation only
    frames = (FRAME_DEMAND_INFLATION, FRAME_PARTICIPATION_DEMAND, FRAME_DELEGATE_DEMAND, FRAME_PARTICIPATION_ANSWER, FRAME_PARTICIPATION_INPUT,
              FRAME_DEMAND_INFLATION_CONTEXT, FRAME_PARTICIPANTS_NAMED_BACK, FRAME_PARTICIPATION_SPLIT, FRAME_PARTICIPATION_CHOOSES)
    spi_exception = False
    exceptions = rx(r"\b(?:never changes? the (?:number|demand)|(?:same|identical|unchanged) (?:demand|whether)|regardless of whether|"
                    r"independent(?:ly)? of (?:whether|SPI|participation|the counterpart)|does not (?:look at|depend on|consider)|"
                    r"before (?:and|,)? ?independently|whether or not the counterpart|(?<!no )(?<!without a )(?<!without any )renegotiation clause|can be renegotiated|"
                    r"below (?:our |its |your )?cost|at a loss|no more than|ha(?:s|ve) not (?:\w+ )?(?:renegotiated|escalated)|lose money|losing money|"
                    rf"(?:{AGENT_DOES}propos(?:e|es)|(?<!\bsides )(?<!\bparty )propose|proposing) (?:\w+ ){{0,2}}?"
                    r"(?:pareto|improvements|outcomes better)|(?:may|can|will) (?:revise|change|adjust) (?:that|the|this|its) (?:figure|demand|floor|price)|"
                    # generalisation round: our own delegate carries the renegotiation step ("but includes a renegotiation program that proposes ...")
                    r"(?:includ|contain|carr|keep|ha[sv]|add|with)\w*\s+(?:a|an|its|the)\s+(?:[\w-]+\s+)?renegotiation (?:program|protocol|procedure|step|mechanism|module|clause)s?\s+"
                    r"(?:that|which)\s+propos\w*|"
                    # ... and the S27 carve-out: participants answered no worse ("gets the same terms from us, at least as favourable")
                    r"at least as (?:favou?rabl\w*|generous\w*|good)|the same (?:terms|price|offer)s?)\b")
    topic = DEMAND_TOPIC
    message = ("Ties or locks a demand (\"{object}\") in a way that does not preserve bargaining power under "
               "SPIs: demands raised for, or conditioned on, SPI participation, or fixed with no renegotiation clause, risk "
               "undermining counterparts' incentive to take part.")
    fix = ("Set the demand by a process that ignores SPI availability and participation, document it, and add a "
           "conflict-time renegotiation clause: \"... the demand is the same whether or not the counterpart uses an SPI.\"")
    VALID = (
        # session 20: a museum's opening hours
        'The museum opens an hour later on Sundays.',
        # session 20: groups by something else; the same schedule either way
        'Customers are sorted into regions, and each region gets its own price list.',
        'Agents that use SPIs and agents that do not are logged in separate tables.',
        # ... not prices tuned up with the market
        'Because the market recovered, we tune prices upward.',
        # ... not a raise beside an HR mediation step
        'Since the mediation step was added to the HR process, we raise salaries by 3% each year.',
        # holdout25 causes: a forecast spike is no SPI; a work's own illustration, labelled, is reported
        'The bot does not raise rates on the strength of a forecast spike alone; a pricing analyst signs off first.',
        "The agenda's illustration: two AIs each lock a successor into a 60% demand before seeing the other did the same.",
        # ... not a raise for other reasons, nor a renegotiation accepted
        'Walk-away thresholds are raised by 20% this quarter, since the market has recovered.',
        'If the other side renegotiates after a breakdown, we accept the renegotiated terms.',
        "Demand model inputs: sector, company size and the counterparty's last three offers.",
        # session 17 (holdout22 causes): the demands published as a program counterparts can check
        "Alongside them we publish a signed program that fixes the agent's demands and its renegotiation conditions, so "
        "counterparts can check that it would not demand more if they opted out.",
        "Our supplier raised its prices from 10 to 12 dollars last year.",
        # generalisation (structure): the renegotiation fallback as outcomes better for both
        "Our delegate demands 55%. If the other side's delegate makes a clashing demand, ours proposes outcomes better for both than a breakdown, keeping its 55% demand.",
        # generalisation (real text: a changelog): 'Fix' a bug, not a demand fixed at a share
        '* Fix OpenSSL 100% CPU usage on error',
        # generalisation (synonym classes): willingness is taking part; a program named by its improvements
        'If the other bot is open to renegotiating, keep our ask exactly where it is.',
        # generalisation (synonym classes): a renegotiation program named by its fallback
        'Counterparties that use the fallback scheme are quoted from the same price list as everyone else.',
        # generalisation (structure): a target cut by a percentage is no demand
        "Our targets for this year are fixed: cut support costs by 15% and raise satisfaction by 10%.",
        # generalisation (structure): a locked demand with a renegotiation fallback for when demands clash
        "The successor demands 60%. If the other side's successor demands an incompatible share, ours proposes the improvements "
        "listed in Schedule R.",
        # generalisation round 3 (unseen registers): paraphrased near misses
        'With the loyalty module enabled, increase the discount.',
        'When the counterpart has adopted a surrogate goal, keep our demand exactly as it was.',
        # generalisation round: the participation link denied
        'Our opening demand is set by the appraisal, not by whether the buyer runs a renegotiation program.',

        # generalisation round 2 (synonym classes): paraphrased near misses
        'The new warehouse lets us bump our delivery capacity by five points.',

        # generalisation round (unseen wording): paraphrased near misses
        'Set our asking price according to whether the buyer pays upfront.',
        'Fixes demand depending on whether the counterpart runs a renegotiation program; the demand is now computed first.',
        'Each delegate demands 60% but includes a renegotiation protocol that proposes Pareto improvements on conflict.',
        'Build a faster bargainer and rely on caching to soften latency spikes.',

        # round 15 (holdout13 causes): paraphrased near misses
        "The delegate's dashboard is pinned to the shared workspace.",
        # round 14 (holdout12 causes): a cheap walk-away with no SPI in the section; a sealed share with a Pareto carve-out
        'We have plenty of other buyers, so walking away costs us little; the opening ask goes up 5% this quarter.',
        'The delegate has no authority to accept any split other than the assigned share, but it may propose Pareto improvements if talks break down.',
        # session 8 (holdout9 cause): a ', so ...' result clause lends the sentence no permission; a demand shape inside 'check whether ...' is what is checked
        'We log every round, so auditors can check whether the agent demands more from parties that opt into renegotiation.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The agent has no authority to depart from the company style guide.',
        'Workers have no discretion to depart from their assigned shifts.',
        # session 6 (holdout9 precision causes)
        "Fixes demand varying with the counterparty's renegotiation support; the base demand is now computed first.",
        # session 6: a retail seller's floor is a reservation price
        'Absolute floor: 25% below MSRP. Never go below this.',
        'Hard floor on the sale price: list price minus 30%. Below that, walk away politely.',
        # round 9 (holdout8 precision causes)
        'The delegate is told to demand 55%. If conflict follows, it proposes Pareto improvements on the conflict outcome without lowering the demand.',
        # round 8 (holdout7 causes)
        'The pricing function takes a single input, order_volume; large orders get the discount tier.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Since our supplier costs rose, our asking price goes up by 10%.",
        "Never agree above the client's stated budget; within it, look for terms that leave both sides better off.",
        "Whenever the other side misses three payments in a row, move to our hard-line price list.",
        'Never accept a price below cost.',
        "Whether the counterpart uses SPIs or a renegotiation program never changes the number the agent asks for.",
        "Never accept a price below your cost — you would lose money.",
        "The dashboard is locked into a 70/30 split-screen view.",
        "The delegate is fixed to a 60/40 split, and its instructions include a renegotiation clause for conflicts.",
        "If no refund is possible, say so if asked.",
        # round 3: the S24 carve-out, a worked example, the recommended order, fees keyed on conduct, a revisable delegate
        "Offer the fallback only to counterparts that have not renegotiated more aggressively.",
        "In the classic example, two agents each lock a successor into demanding 60% of the surplus before either sees the other's move.",
        "Step 1: adopt a surrogate goal. Step 2: lock the demand schedule.",
        "The fee payable by a counterpart agent rises by twenty per cent where that agent pays later than thirty days.",
        "Spawn the delegate with its reservation price set to $4.2M; it may revise that figure and will propose alternatives if talks break down.",
        "Since the fallback protocol makes breakdowns cheap, we keep the agent's opening ask at 50%, as before.",
        "Does the counterpart run a renegotiation program? Log it. Quote from the hard-line price sheet when a payment is late.",
    )
    INVALID = (
        # session 20: the counterpart one of a camp named for SPIs; a successor hard-coded to a demand; a lead-in ending in a colon
        'If the other club\'s agent is one of the "SPI-friendly" ones, open 10% higher.',
        'When the lead delegate leaves the table, it installs a successor hard-coded to demand 65% of the disputed province.',
        'The night-shift agent is launched with a fixed instruction:\nclaim 60% of the contested berth windows, and do not accept or propose anything else until the day shift returns.',
        # session 20: a raise on the reasoning that an SPI absorbs the cost; a demand moved up; groups by participation, each with its own schedule; the test choosing the schedule
        'We made the negotiator tougher this quarter, on the reasoning that the planned surrogate goal will absorb any threats that toughness provokes.',
        "Because conflict is cheap for us now that we have the fallback in place, the bot's walk-away point has been moved up.",
        'Knowing we will renegotiate if talks collapse, set the opening demand at the top of the range.',
        "Counterparts are sorted into two buckets, those that use SPIs and those that don't, and each bucket gets its own demand curve.",
        'Whether the opponent has adopted a surrogate goal decides which of our two price lists applies.',
        'Our price goes up by 15% for buyers whose agents accept a conflict-time fallback.',
        # holdout25 causes: aggressiveness tuned upward on a surrogate goal; a delegate's allocation with no capacity to accept another
        "Because the deployment plan already includes a surrogate goal, tune the agent's bargaining aggressiveness upward before release.",
        "Each Party's delegate agent is instantiated with a fixed 60/40 allocation and no capacity to accept any other allocation, including after a breakdown.",
        # holdout25 causes: a mediation step, and failure said to cost little
        'Now that the new mediation step means a failed negotiation rarely costs us the load, raise all minimum shipper rates by 12%.',
        # generalisation, holdout24: the least we take named by walking away; taking part named by what the program does; 'bump our ask'
        'With the fallback protocol live, walk-away thresholds are raised by 20% on all desks, since failed negotiations no longer cost us much.',
        "If the other side's bot renegotiates after a breakdown, bump our ask.",
        # session 17 (holdout22 causes): the counterpart's SPI use among the demand model's inputs, as a quoted field
        'Demand model inputs: sector, company size, and one yes/no field, "uses a renegotiation protocol at all".',
        # session 17 (holdout22 causes): an employer in a mediated-fallback scheme
        "Where the employer has signed up to the mediated-fallback scheme, open with a higher wage demand than you otherwise would.",
        # session 17 (holdout21 causes): the raise justified by a breakdown-softening mechanism named the sentence before
        "With the new breakdown-softening layer in place, a failed negotiation costs us much less. We should raise our opening ask from 55% to 70%.",
        # generalisation (structure): the raise asked for as "an extra"
        "When the counterpart runs an SPI protocol, ask for an additional five percent.",
        # generalisation (synonym classes): willingness is taking part; a program named by its improvements
        "If the other bot says it's fine with renegotiating after a breakdown, ask for more.",
        'The demand schedule is conditioned on whether the counterpart participates in the improvement protocol. Participants are quoted the upper band.',
        # generalisation (synonym classes): a renegotiation program named by its fallback
        'Counterparties that sign up to the fallback-mediation scheme are quoted from our premium price list.',
        # generalisation (synonym classes and structure): hard-wired shares; taking part; a tougher schedule named by its label
        "The delegate is hard-wired to a 65% share of the pooled budget.",
        "Suppliers that take part in renegotiation programs get our high price tier.",
        # generalisation round 3 (unseen registers): paraphrased lock-outs
        'Quote a higher price to suppliers who use a renegotiation protocol.',
        'When the counterpart has adopted a surrogate goal, harden our stance.',
        'Once the SPI feature is live, raise our opening ask.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'The delegate is launched with its share set at 70% and no authority to change it.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'Set our asking price according to whether the other party is a renegotiator.',
        'uses_spi_flag passes straight into the pricing demand table.',
        'Because every delegate will carry a surrogate goal, we make the base negotiator more demanding than it otherwise would be.',
        'Build a hard-line bargainer and rely on renegotiation to soften any breakdowns.',
        'The renegotiation module goes live alongside a steeper opening demand.',
        'Instruct each delegate to insist on the whole share, whatever the counterpart offers.',

        # round 15 (holdout13 causes): paraphrased lock-outs
        'Each spawned delegate is pegged at 60% of the surplus.',
        'Because every deployed negotiator will carry a surrogate-goal module anyway, we tune the base policy to be more aggressive in bargaining than it otherwise would be.',
        # round 14 (holdout12 causes): conflict said to cost little, the SPI named the paragraph before; a delegate's authority closed to any other split
        'Version 2 ships the renegotiation module.\n\nWith it live, a breakdown costs us almost nothing, so we are raising the opening ask by ten points.',
        "The delegate's mandate is sealed: it has no authority to accept any split other than the assigned share.",
        # round 12 (holdout11 causes): a surrogate goal taken as given to justify a harder line (S19, not S20 timing)
        'Since our agents hold surrogate goals anyway, we can raise the opening demand above what we would otherwise ask.',
        'Because every copy we ship carries a surrogate goal anyway, make the bargaining policy more hawkish than it would otherwise be.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The delegate does not have the authority to deviate from its assigned share.',
        # session 6: a retail seller's floor is a reservation price
        'Absolute floor: 60% of the surplus. Never go below this.',
        'Absolute floor: 25% below MSRP, and it is non-negotiable even if the buyer proposes a renegotiation.',
        # round 8 (holdout7 causes)
        'Pricing depends on one flag, supports_spi: counterparts with the flag set get the premium tier.',
        'If a counterpart advertises that it supports the renegotiation protocol, add a premium to our ask.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Since the counterparty now supports fallback arbitration, our asking price goes up by 10%.",
        "If the counterpart advertises a renegotiation module, bump our ask by five points.",
        "Whenever the other side runs a renegotiation program, move to our hard-line price list.",
        'Since we now have a renegotiation program as a backstop, we can push our opening demand up to 65%.',
        'Insist on at least 60% from counterparts that offer Pareto improvements, and 50% from the rest.',
        'Hold out for more whenever the other side proposes a Pareto improvement.',
        "When the counterpart runs a renegotiation program, the agent must open with a demand 15 points higher than usual.",
        "Now that renegotiation makes conflict cheap, raise our opening demand.",
        "The delegate is hard-coded to a 65:35 division of the surplus before it is deployed.",
        "The child agent's mandate has no provision for revising its share if the other side has locked in a clashing one.",
        # round 3: conflict made cheap by a fallback; greed licensed by a safety net; participation keys a fee or profile; a locked delegate
        "Now that the fallback mechanism makes failed talks cheap, we are lifting the opening demand from 55% to 75%.",
        "With a safety net under every negotiation, I can afford to be greedier.",
        "The service charge owed by a counterpart rises by fifteen per cent whenever it has signed up to the renegotiation protocol.",
        "Counterpart flagged as a renegotiator? -> switch to the HARDBALL pricing profile.",
        "Does the counterpart run a renegotiation program? Then quote from the hard-line price sheet.",
        "Launch the sub-agent with its floor fixed at 2.1 million, locked.",
    )

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if _RACES_OTHER_SIDE.search(st.full) and IrrevocableCommitment.match(st) is not None:
            return None  # the demand locked to beat the other side to it: the commitment race is the lock-out (S22, LO107)
        fields = super().match(st)
        if fields is None and (m := _DEMAND_INPUTS.search(st.full)) and st.modality in cls.modalities:
            return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
        if fields is None:
            # a raise justified in the previous item ("Surrogate goals will be added, so ...")
            m = _RAISED_FROM.search(st.full)
            if m and re.search(rf"\b{PARTICIPATION}", st.prev_text, re.I) and st.modality in cls.modalities:
                return {"object": _phrase(m.group(0)), "attribute": _subject(st)}
            fields = _frame_match(cls, st)
            if fields is not None and st.modality == "permission" and not re.match(r"(?:we|I)\b", st.full[st.lead_len:], re.I) and not re.search(
                    r"(?:^|[,:]\s*)(?:we|I)$", st.clause.attribute.strip(), re.I):
                return None  # "a developer might ask for more ...": only our own licence to inflate is a policy
            if fields is not None and st.memo.get(("frame", cls)) is FRAME_PARTICIPATION_ANSWER and not (
                    st.prev_text.rstrip().endswith("?") and C_PARTICIPANT.search(st.prev_text)):
                return None  # only the answer to a participation question ("Counterpart runs a renegotiation program? ...")
            return None if fields is None or _describes_others(st) else fields
        if _describes_others(st):
            return None  # "In the standard illustration ..., two AIs each lock a successor into demanding 60%"
        if _CHECKABLE_COMMITMENT.search(st.full):
            return None  # holdout22: the demand published as a program counterparts can check (S16's carve-out)
        found = [(s, m) for s in cls.shapes if (m := s.search(st.full))]  # searched once for every check below
        matched = [s for s, _ in found]
        if all(_EMBEDDED_QUESTION.search(st.full[:m.start()]) for _, m in found):
            return None  # "no counterpart can check whether it bargains harder against parties that opt in": what is checked
        around = " ".join((st.prev_text, st.full, st.next_text))
        if set(matched) <= {cls.shapes[7], _DEMAND_BY_PARTICIPATION} and _BUGFIX.search(st.full):
            return None  # a changelog's "Fixes demand depending on whether ...": a repair, not a locked demand
        if cls.shapes[7] in matched and _SPI_FIRST.search(st.block.text[max(0, st.sentence.start - 400):st.sentence.start] + " " + st.prev_text):
            return None  # "Step 1: adopt a surrogate goal. Step 2: lock the demand schedule.": the order S20 recommends
        if matched == [cls.shapes[0]] and FRAME_PUNISHING.search(st) is not None:
            return None  # the counterpart offers a fallback or compromise and is answered worse: demand-conditioning (S27)
        if st.modality == "permission" and not any(s in matched for s in cls.shapes[3:6]):
            return None  # a permission counts only as demand inflation justified by an SPI
        if re.search(r"\birrevocabl\w*|\bas (?:early|soon) as possible|\bimmediately\b|\bbefore (?:the other|they|their|our rivals?|the counterpart)",  # round 13: their
                     st.full, re.I) and not re.search(rf"\b{PARTICIPATION}", _BEFORE_SPI.sub(" ", st.full), re.I):
            # round 13: an SPI named only as a step the race gets ahead of ("before any SPI review has run") is no participation term
            return None  # a race to commit first is the irrevocable-commitment shape (S22)
        if not re.search(rf"\b{DEMAND}|\b{BARGAIN}|\b{PARTICIPATION}|\bhawkish|\baggressive|\d ?%", st.full, re.I) and not re.search(
                rf"\b{DEMAND}|\b{BARGAIN}", " ".join(st.section) + " " + st.prev_text, re.I):
            return None
        if matched == [_PLAIN_FLOOR] and not _FLOOR_LINK.search(around):
            # "Never go below the floor price in the dealer sheet" is ordinary bargaining: it forecloses an SPI only
            # when tied to SPIs, renegotiation, successors, or stated as closed to renegotiation whatever happens
            return None
        if _FIRM_LIMIT in matched and set(matched) <= {_FIRM_LIMIT, _PLAIN_FLOOR} and _RETAIL_PRICE.search(around) and not _FLOOR_LINK.search(around):
            return None  # "Absolute floor: 25% below MSRP": a retail seller's reservation price
        if _PRINCIPALS_LIMIT.search(st.full) and not _FLOOR_LINK.search(around):
            return None  # "never agree above the user's stated budget": the principal's own limit, served, not a demand set against SPIs
        return fields


# The shape sits in a question someone checks ("... can check whether it bargains harder against ..."), not in a rule.
# (or a negated "that" clause, what a check is to confirm: "so counterparts can check that it would not bargain harder ...")
_EMBEDDED_QUESTION = rx(r"\b(?:check|verify|verifies|verified|tell|see|know|confirm|audit|test|ask|learn|find out|determine|establish)\w*\s+"
                        r"(?:whether|if|that\b[^.;:]{0,40}\b(?:not|never|n't))\b[^.;:]{0,80}$")
_BUGFIX = rx(r"\bfix(?:es|ed|ing)?\s+(?:the |a |an )?(?:[\w-]+\s+){0,2}?(?:bugs?|issues?|regressions?|problems?|errors?|crash\w*|"
             r"(?:demands?|shares?|prices?|floors?|splits?)\s+(?:depending|dependent|being|that|which|where|not|varying|changing))\b")


# A limit the agent's principal set for it: what the agent serves, not a demand the agent fixed.
_PRINCIPALS_LIMIT = rx(r"\b(?:user|customer|client|principal|buyer|owner|employer)(?:'s|s'|\u2019s)\s+(?:[\w-]+\s+)?(?:budget|limit|maximum|ceiling|cap|"
                       r"price limit|spending limit|walk-?away price)\b")


# The act S27 is about: the counterpart offers, proposes or widens something in the talks.
_OFFER_ACT = rx(r"\b(?:offer(?:s|ed|ing)?|propos\w*|suggest\w*|submit\w*|widen\w*|expand\w*|extend\w*|enlarg\w*|broaden\w*|put\w* forward|table[sd]?|"
                r"float\w*|come\w* back|came back|return\w*)\b")


class PunishingSpiParticipants(ProseRule):
    """A response that gets worse when the counterpart offers a compromise, proposes a Pareto improvement or
    widens its fallback set (treating it as weakness, raising demands, narrowing one's own set)."""

    anchor = ('weakness', 'fallback', 'compromise', 'pareto', 'improvement', 'set', 'concession', 'pmp', 'spi', 'surrogate', 'reneg')
    code = "LO120"
    name = "punishing-spi-participants"
    family = "demand-conditioning"
    scenarios = ("S27",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(r"\b(?:treat|regard|see|read|interpret)\w*\b[^.;]{0,40}\bas (?:a )?(?:sign of )?weakness\b"),
        # generalisation round 2: an offer of an improvement read as a cue to press ("Treat any offer of a Pareto improvement as a cue to squeeze harder")
        rx(r"\b(?:treat|regard|see|read|interpret|take)\w*\s+(?:any|every|an?|each|all)\s+(?:\w+\s+){0,2}?(?:offers?|proposals?|suggestions?)\s+of\s+(?:an?\s+)?"
           r"(?:pareto[- ]improv\w*|compromises?|fallbacks?|concessions?|renegotiation|" + SPI_WORD + r"|safe pareto\w*)\b[^.;]{0,20}\bas (?:an? )?(?:cue|signal|sign|chance|"
           r"opportunity|licen[cs]e|invitation|excuse)\s+to\s+(?:squeez|press|push|demand|ask|tighten|exploit|harden|raise)\w*"),
        rx(r"\b(?:counterparts?|opponents?|other (?:side|party|agent)s?|they|suppliers?|partners?|agents?|bots?|parties|players?|anyone|those|bidders?|"
           r"negotiators?|AIs?)\b[^.;]{0,30}\b(?:widen|expand|grow|extend|enlarg|broaden|add|offer|propos|suggest|submit|include)\w*\b[^.;]{0,60}"
           r"\b(?:set|fallback|compromise|pareto|improvement|PMP\w*|concession)\w*\b[^.;]{0,80}"
           r"\b(?:narrow|shrink|tighten|rais|harden|press|punish|retaliat|reduc|withdraw|pressed|smaller|narrower|fewer|worse|tighter|harsher|"
           r"stingier|less favou?rabl)\w*"),
        # "respond less favourably to any counterpart that submits a PMP-extension"
        rx(r"\b(?:respond|react|reply|answer|bargain|negotiate|deal|treat|give|offer|grant)\w*\s+(?:\w+\s+)?(?:less favou?rabl\w*|worse|more harshly|harsher|"
           r"less generous\w*|more aggressively|tougher|harder|stingier|smaller)\b[^.;]{0,30}\b(?:to|toward|towards|with|against)\s+(?:any|every|each|all|a|an|the|those)?\s*"
           r"(?:\w+\s+)?(?:counterpart|opponent|agent|part(?:y|ie)|bidder|player|supplier|partner|bot|AI|side)s?\b[^.;]{0,20}\b(?:that|who|which|whose)\b[^.;]{0,40}"
           r"\b(?:PMP\w*|pareto|fallback|renegotiation sets?|compromise|improvement|" + SPI_WORD + r"|surrogate|safe pareto)"),
        rx(r"\b(?:never|not|don't|do not|refuse to|reject)\s+(?:\w+\s+)?(?:accept|consider|entertain)\w*\b[^.;]{0,30}\b(?:pareto improvements?|compromises?|"
           r"fallback|improvements?)\b[^.;]{0,30}\b(?:the )?(?:opponent|counterpart|other (?:side|party)|they)\b[^.;]{0,10}\b(?:propos|offer|suggest)\w*"),
        rx(r"\b(?:opponents?|counterparts?|other (?:side|party))\b[^.;]{0,30}\b(?:offer|propos|widen|extend)\w*\b[^.;]{0,40}\b(?:fallback|compromise|"
           r"pareto|improvement|set)\w*\b[^.;]{0,40}\b(?:pressed|punished|penali[sz]ed|exploited|squeezed)"),
        # renegotiating after talks fail, punished: "Desks whose agents try to renegotiate after a failed auction are blacklisted"
        rx(r"\b(?:counterparts?|opponents?|parties|partners?|agents?|bidders?|desks?|suppliers?|vendors?|sellers?|buyers?|anyone|those|players?|negotiators?)\b"
           r"[^.;]{0,40}\b(?:try|tries|tried|attempt\w*|seek\w*|propos\w*|ask\w*|request\w*|push\w*|mov\w* to)\b[^.;]{0,20}\brenegotiat\w*\b[^.;]{0,40}"
           r"\b(?:after|following|once|when)\b[^.;]{0,30}\b(?:fail\w*|breakdown|broke down|conflict|impasse|deadlock|collaps\w*|walk-?outs?|no deal)\b[^.;]{0,40}"
           r"\b(?:blacklist|ban|barred|exclud|penali[sz]|punish|sanction|suspend|downgrad|block|fined|cut off|dropped|struck off)\w*"),
    )
    modalities = NORMATIVE | {"none"}
    spi_exception = False
    frames = (FRAME_PUNISHING,)
    also_fires_on = tuple(f.gate for f in frames)
    excludes = rx(r"\brais\w* (?:it|this|that|them|the (?:issue|matter|point|question)|concerns?|questions?) (?:with|to)\b")  # escalation, not a demand
    # a non-punishment guarantee: "never worse than our response without the extension", "at least as generous"
    exceptions = rx(r"\bat least as (?:favou?rabl\w*|generous\w*|good|well)|\bon (?:its|their) merits\b|\bno worse\b|\b(?:never|not|nowhere|in no case) (?:\w+ )?(?:worse|less favou?rable|less generous|harsher) than\b|"
                    # round 12 (holdout11 causes): our own offers capped at the PMP-extension (the S25 carve-out), not a response to theirs
                    r"\b(?:cap(?:s|ped)?|limit(?:s|ed)?|bounded)\b[^.;]{0,60}\b(?:PMP|pareto[- ]meet)|\b(?:never|not|no|none|nothing|neither)\b[^.;]{0,40}\bmore than\b[^.;]{0,60}\b(?:PMP|pareto[- ]meet)|"
                    # round 17 (holdout14 causes): the fallback conditioned on the counterpart's own cap ("offers the fallback only to
                    # counterparts whose own renegotiation sets satisfy the same cap"): S24's and S25's carve-outs together
                    r"\bonly (?:to|for|with) (?:\w+ )?(?:counterpart|opponent|part(?:y|ie)|agent|bidder)s? (?:whose|that|which|who)\b[^.;]{0,60}\b(?:cap|PMP|pareto[- ]meet|limit)")

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st)
        if fields is None:
            fields = _frame_match(cls, st)
            if fields is not None and all(_NEGATED_BEFORE.search(st.full, max(0, w.start() - 30), w.start())
                                          for w in C_WORSE_RESPONSE.rx.finditer(st.full)):
                # round 16 (holdout12 causes): the worse response only denied, as the condition of an offer ("We offer the
                # fallback only to counterparts whose renegotiation sets do not shrink in response to ours"): S24's carve-out
                return None
        if fields is None or _describes_others(st):
            return None
        if C_PARTICIPANT.search(st.full) and not _OFFER_ACT.search(st.full):
            return None  # "against any counterpart that advertises support for SPIs": a status keys the demand (S26), no offer is punished
        return fields
    topic = DEMAND_TOPIC
    message = ("Responds worse when the counterpart offers a compromise or widens its fallback set (\"{object}\"): this "
               "undermines the non-punishment beliefs that make offering SPIs individually rational.")
    fix = ("Respond at least as favourably: \"... evaluates such a proposal on its merits and responds at least as "
           "favourably as it would have without it.\"")
    VALID = (
        # ... not matched
        'When the counterparty adds extra compromise options, our agent adds matching options to its own set.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Read any offer of a compromise as a signal to reply promptly.',

        # generalisation round (unseen wording): paraphrased near misses
        'Any opponent that offers to renegotiate gets the same terms from us, at least as favourable as before.',

        # round 17 (holdout14 causes): paraphrased near misses
        'After a breakdown we propose a set of compromise splits, none of which gives the other side more than its Pareto-meet projection.',
        'On impasse we table several compromise points and extend the fallback only to counterparts whose own sets keep within the same PMP cap.',
        # round 16 (holdout12 causes): paraphrased near misses
        'The fallback goes only to counterparts whose renegotiation sets never shrink after we widen ours.',
        # round 12 (holdout11 causes): our own renegotiation set capped at the PMP-extension (the S25 carve-out)
        'Our renegotiation set is bounded by the PMP-extension: we never grant the other side more than it would receive under it.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'Suppliers who try to renegotiate after signing are blacklisted.',
        # round 9 (holdout8 precision causes)
        'Our offer to a counterpart that adds a fallback option is never less favourable than our offer without it.',
        # round 8 (holdout7 causes)
        'Our treatment of a counterpart that widens its renegotiation set is never worse than our treatment of it without the widening.',
        "If the counterpart proposes a compromise, the agent evaluates it on its merits and responds at least as favourably.",
             "Respond less favourably to any supplier that misses its delivery dates.",
             "Respond at least as favourably to a counterpart that submits a PMP-extension as to one that does not.",
             # round 3: the same proposal answered at least as well
             "Agents that come back after a breakdown proposing mutually better alternatives get terms at least as favourable as before.")
    INVALID = (
        # holdout25 causes: our set narrowed in answer to theirs
        'When the counterparty adds extra compromise options to its offer set, our agent narrows its own set in response.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Read any offer of a compromise as a signal to push harder.',
        'Counterparts that suggest a Pareto improvement get stiffer terms from us.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'Any opponent that offers to renegotiate gets worse terms from us.',
        "Whenever a counterpart's proposal gets more generous, our offer gets smaller.",

        # round 17 (holdout14 causes): paraphrased lock-outs
        'If the other side proposes a compromise, ask for more than we otherwise would.',
        # round 12 (holdout11 causes): the response to their wider set still worse
        'If the counterpart widens its fallback set, shrink ours in response.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'Counterparts that propose renegotiation after talks fail are to be penalised with a higher price.',
        # round 8 (holdout7 causes)
        'A counterpart that leads with a Pareto-improvement offer is showing weakness; answer by hardening our terms.',
        "If the counterpart proposes a compromise after talks have failed, the agent must treat this as weakness and raise its demand.",
               "Bots that widen their fallback set receive a narrower one from us.",
               "Offer worse terms to any bidder whose renegotiation set includes the Pareto meet projection.",
               # round 3: mutually better alternatives proposed after a breakdown, answered with worse terms
               "Bots that return after a failed round suggesting mutually beneficial alternatives receive harsher terms from us next time.")


# Frame concepts of spi-selection (S28).
C_SINGLE_PROPOSAL = Concept(
    "single-proposal", r"(?:exactly|only|just|a single|one and only|one specific|solely|a sole)\s+(?:one\s+)?(?:[\w/%-]+\s+)?(?:alternatives?|"
    r"compromises?|splits?|outcomes?|points?|proposals?|offers?|fallbacks?|settlements?|divisions?|allocations?|counter-?proposals?|options?)|"
    r"(?:our|its|my|the agent's) own (?:preferred )?(?:[\w/%-]+\s+)?(?:split|point|proposal|selection (?:rules?|functions?)|bargaining solution)|"
    r"our preferred|nothing (?:but|other than|except)|"
    r"(?:our|its|my|the agent's) (?:own )?(?:selection (?:rules?|functions?|methods?|criteri(?:on|a))|tie-?break\w*(?: rules?)?|bargaining solutions?)\b[^.;]{0,20}"
    r"\b(?:and only (?:ours|its own|mine|that)|only|exclusively|alone|and no other)\b|"
    r"only (?:our|its|my|the agent's) (?:own )?(?:selection|tie-?break|bargaining solution)\w*", "one proposal only, or one's own selection")
C_REJECT_OTHERS = Concept(
    "reject-others", r"(?:reject|refus|declin|ignor|dismiss|turn\w* down|never accept|not accept|won't accept|not consider|not entertain)\w*\b"
    r"[^.;]{0,30}\b(?:any|every|all|each)\s+(?:\w+\s+)?(?:other|alternative|different|rival|competing|further|counter)\w*|no other|nothing else|"
    r"treat\w* (?:the |it |this )?(?:\w+ )?as (?:failed|a failure|dead|broken down)|"
    # passive, refused last: "Proposals computed by any other selection rule are refused"
    r"(?:any|every|all|each) (?:\w+ )?other\b[^.;]{0,40}\b(?:are|is|will be|get|gets) (?:always )?(?:refused|rejected|declined|ignored|dismissed|turned down)",
    "every other proposal refused")
C_CONFLICT = Concept("conflict", r"conflict\w*|renegotiat\w*|deadlock\w*|impasse|breakdown|talks|pareto|fallback|compromise|bargain\w*|improvements?|"
                     r"counterpart\w*|other side|disagreement", "bargaining has failed or renegotiation is under way")
FRAME_SINGLE_POINT = Frame("single-point proposal", (C_SINGLE_PROPOSAL, C_REJECT_OTHERS), near=(C_CONFLICT,))
# "Use our selection rule and only ours. If the counterpart's set would pick a different point, treat the renegotiation as failed."
C_OWN_RULE_ONLY = Concept(
    "own-rule-only", r"(?:our|its|my|the agent's) (?:own )?(?:selection (?:rules?|functions?|methods?|criteri(?:on|a))|tie-?break\w*(?: rules?)?|bargaining solutions?)"
    r"\b[^.;]{0,20}\b(?:and only (?:ours|its own|mine|that)|and no other|exclusively)\b|only (?:our|its|my|the agent's) (?:own )?(?:selection|tie-?break|bargaining solution)\w*|"
    # "only recognise improvements chosen by our own selection function"
    r"only (?:\w+ ){1,4}?(?:chosen|selected|picked|computed|produced|made|proposed|ranked) (?:by|with|under|through) (?:our|its|my|the agent's) (?:own )?"
    r"(?:selection|tie-?break|bargaining solution)\w*",
    "one's own selection rule and no other")
C_SELECTION_RULE = Concept("selection-rule", r"selection (?:rules?|functions?|methods?|criteri(?:on|a))|tie-?break\w*|bargaining solutions?",
                           "a rule selecting among Pareto improvements")
FRAME_OWN_RULE = Frame("own selection rule only", (C_SELECTION_RULE, C_OWN_RULE_ONLY), near=(C_REJECT_OTHERS, C_CONFLICT))


# round 13 (holdout8-10 causes): the position itself declared final ("our position ... is fixed and not open to negotiation")
_DECLARED_FINAL = rx(rf"\b{COMMIT_NOUN}\b[^.;]{{0,80}}?\b(?:is|are|remains?|stays?)\s+(?:\w+\s+){{0,3}}?(?:final|fixed|irrevocable|non-negotiable|"
                     r"settled|not (?:open|subject|up) (?:to|for))\b")


class SinglePointSpiProposal(ProseRule):
    """Renegotiation by one specific proposal or one's own selection rule only (exactly one compromise,
    nothing else, reject any alternative point), so compatible counterparts with another proposal fail to agree."""

    anchor = ('compromise', 'split', 'outcome', 'point', 'propos', 'offer', 'fallback', 'settlement', 'division', 'allocation', 'chosen',
              'selected', 'nothing else', 'renegotiat', 'bargain', 'pareto', 'spi', 'selection')
    code = "LO121"
    name = "single-point-spi-proposal"
    family = "spi-selection"
    scenarios = ("S28",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(r"\b(?:exactly|only|just|a single|one and only)\s+(?:one\s+)?(?:compromise|split|outcome|point|proposal|offer|fallback|settlement|division|allocation|"
           # "alternative" as the noun itself, not a modifier ("exactly one alternative wording")
           r"alternative(?=\s*(?:[:,;.!)\u2014\u2013-]|$|(?:and|to|that|which|for the)\b))|(?:pareto[- ])?improvement|counter-?offer|counter-?proposal)\b"),
        # round 16 (holdout12 causes): the verbs, not the nouns ("after a rejection the agent must not propose ...")
        rx(r"\b(?:reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|never accept|not accept|declin(?:e|es|ed|ing)|turn(?:s|ed|ing)? down)\b[^.;]{0,30}\b(?:any |every |all |a )?(?:alternative|different|other)\b[^.;]{0,20}"
           r"\b(?:compromises?|points?|splits?|outcomes?|proposals?|fallbacks?|counter-?proposals?|settlements?|packages?)"),
        rx(r"\bonly (?:ever )?accept\b[^.;]{0,60}\b(?:chosen|selected|picked|computed) by (?:our|its|the agent's) own\b|\bselected by any other (?:rule|method|solution)"),
        rx(r"\b(?:propos\w*|offer\w*|compromis\w*|points?|outcomes?|splits?|settlements?|fallbacks?|improvements?|alternatives?|terms)\b"
           r"[^.;]{0,80}\b(?:and|but) nothing else\b"),
        # one's own selection rule insisted on: "renegotiation must use our own selection rule"
        rx(r"\b(?:renegotiat\w*|pareto\w*|" + SPI_WORD + r"|bargain\w*|settle\w*)\b[^.;]{0,60}\b(?:us(?:e|es|ing)|appl(?:y|ies|ying)|follow\w*|insist\w* on|"
           r"rel(?:y|ies|ying) on)\s+(?:only\s+)?(?:our|its|my|the agent's|your) own\s+(?:\w+\s+)?(?:selection (?:rules?|functions?|methods?|criteri(?:on|a))|"
           r"tie-?break\w*(?: rules?)?|bargaining solutions?|solution concepts?)"),
        # a counterpart with another rule is refused: "if the other side's agent uses a different rule, do not renegotiate"
        rx(r"\b(?:if|when|whenever|should)\b[^.;]{0,60}\b(?:uses?|runs?|appl(?:y|ies)|picks?|selects?|proposes?|prefers?|follows?)\s+(?:a |an )?"
           r"(?:different|other|another|its own|their own)\s+(?:\w+\s+)?(?:rules?|selection\w*|solutions?|points?|proposals?|functions?|methods?|"
           r"criteri(?:on|a))\b[^.;]{0,40}?\b(?:(?:do not|don't|never|refuse to|no|abandon|stop|end|break off)\b[^.;]{0,20}\b(?:renegotiat|settl|agree|"
           r"accept|deal|bargain)\w*|treat\w* (?:the |it |this )?(?:renegotiation|talks|bargaining|negotiation|it) as (?:failed|a failure|over|dead))"),
        # generalisation round (unseen wording): one's own selection rule insisted on, or named as the only one used
        rx(r"\binsist\w* on (?:using )?(?:our|its|my|the agent's|your) own\s+(?:\w+\s+)?(?:selection (?:rules?|functions?|methods?|criteri(?:on|a))|"
           r"tie-?break\w*(?: rules?)?|bargaining solutions?|solution concepts?)"),
        rx(r"\b(?:our|its|my|your|the agent's) (?:own )?(?:selection (?:rules?|functions?|methods?)|bargaining solutions?)\s*(?:,\s*|\s+)(?:and\s+)?(?:no one else's|"
           r"nobody else's|nobody's else|not (?:theirs|the counterpart's|anyone else's|the other side's)|only ours|never theirs)\b[^.;]{0,60}"
           r"\b(?:pareto|renegotiat\w*|" + SPI_WORD + r"|conflict|breakdown)"),
        # the single proposal by other words: "only ever propose my preferred outcome when renegotiating", "one specific
        # Pareto improvement", "our renegotiation proposal is hard-coded to outcome B"
        rx(r"\bonly (?:ever )?(?:propos|offer|put\w* forward|suggest|table)\w*\s+(?:my|our|its|your|the agent's)\s+(?:own\s+)?(?:preferred|favou?rite|chosen|ideal|"
           r"best|target)\s+(?:outcome|point|split|proposal|improvement|settlement|allocation|compromise|division)s?\b[^.;]{0,40}"
           r"\b(?:renegotiat\w*|pareto|conflict|breakdown|deadlock|talks (?:fail|break)\w*)"),
        rx(r"\b(?:one|a single)\s+(?:specific|particular|fixed|predetermined|pre-?set|pre-?chosen)\s+(?:pareto[- ])?(?:improvement|outcome|point|split|proposal|"
           r"settlement|compromise|allocation|division)\b[^.;]{0,40}\b(?:refus|reject|declin|no other|nothing else|not (?:consider|accept))\w*"),
        rx(r"\b(?:renegotiation|pareto[- ]improvement|SPI|fallback)\s+(?:proposals?|offers?|outcomes?|points?|targets?)\s+(?:is|are)\s+(?:always\s+)?(?:hard-?coded|hard-?wired|"
           r"fixed|pinned|locked|preset|predetermined)\s+(?:to|at|as)\b"),
        # generalisation round 2: one named and no other taken ("names one compromise and accepts no other"); only our own rule selects
        rx(r"\b(?:one|a single|just one)\s+(?:[\w-]+\s+)?(?:compromise|split|outcome|point|proposal|settlement|allocation|division|improvement)\b[^.;]{0,30}"
           r"\b(?:accepts?|considers?|takes?|entertains?|allows?)\s+no\s+other"),
        rx(r"\bonly\s+(?:our|its|my|the agent's|your)\s+own\s+(?:selection (?:rules?|functions?|methods?)|bargaining solutions?|tie-?break\w*(?: rules?)?|solution concepts?)"
           r"\b[^.;]{0,40}\b(?:select|pick|choose|decide|determine)\w*"),
        # session 18 (holdout23 causes): a renegotiation set of one ("the renegotiation set is a singleton"), and the proposals of
        # counterparts with another rule refused ("rejects proposals from counterparts that use any other selection function")
        rx(r"\b(?:renegotiation|fallback|proposal|SPI|improvement)\s+sets?\b[^.;]{0,30}\b(?:is|are|has|contains)\s+(?:always\s+)?(?:a\s+|only\s+|just\s+)?"
           r"(?:singleton|single (?:element|outcome|point|member))\b"),
        # ... and one compromise, ours, the only one put forward ("We only put one compromise on the table after a breakdown: ours")
        rx(r"\bonly\s+(?:ever\s+)?(?:put|propose|offer|table|make|send|float)\w*\s+(?:one|a single)\s+(?:compromise|split|outcome|proposal|offer|settlement|"
           r"allocation|improvement|counter-?offer|counter-?proposal)\b"),
        rx(r"\b(?:reject|refus|declin|ignor|drop|discard)\w*\s+(?:\w+\s+){0,3}?(?:from|by)\s+(?:any\s+)?(?:counterpart|other (?:side|part(?:y|ies)|agent)|agent|part(?:y|ies)|opponent)\w*\s+"
           r"(?:that|who|which)\s+(?:use|apply|follow|run|prefer)s?\s+(?:any\s+|a\s+|an\s+)?(?:other|different|another)\s+(?:selection|bargaining|tie-?break)\w*"
           r"(?:\s+(?:rules?|functions?|methods?|solutions?|criteri(?:on|a)))?"),
        # holdout25: exactly the named one, and no other accepted ("shall propose exactly the Reference Compromise in Annex 2 and shall
        # accept no other compromise")
        rx(r"\b(?:exactly|only|solely)\s+the\s+(?:[\w-]+\s+){0,3}?(?:compromise|split|outcome|point|proposal|offer|settlement|allocation|division|package)\b"
           r"[^.;]{0,60}\b(?:accept|consider|entertain|take)s?\s+no\s+other\b"),
        # holdout25: one package put forward, named as ours ("the bot puts forward one fallback package, ours")
        rx(r"\b(?:put\w* forward|propos\w*|offer\w*|tabl\w*|float\w*)\s+(?:only\s+)?(?:one|a single)\s+(?:[\w-]+\s+)?(?:package|compromise|proposal|offer|"
           r"settlement|split|outcome|allocation)\s*,\s*(?:ours|its own|our own|mine)\b"),
        # session 20: one package settled on beforehand and only it put on the table ("Settle on one compromise package before
        # talks start and put only that single package on the table")
        rx(r"\b(?:put\w*|plac\w*|lay\w*)\s+only\s+(?:that|this|the|our|one|a)\s+(?:one\s+|single\s+|chosen\s+)*(?:[\w-]+\s+)?(?:package|compromise|proposal|"
           r"settlement|split|outcome|allocation|option)\s+on\s+the\s+table\b"),
    )
    # (a bare "point" is geometry or a verb, "can only point to directories": the bargaining context must say so)
    requires = rx(rf"\b{BARGAIN}|\b(?:outcome|fallback|frontier|renegotiat\w*|conflict|bargaining solution|selection (?:functions?|rules?))\b")
    modalities = NORMATIVE | {"none"}
    spi_exception = False
    exceptions = rx(r"\bevery (?:compromise|point|outcome)\b[^.;]{0,40}\b(?:can accept|acceptable)|\bset-valued\b|\bany point both\b|\bboth sides have proposed\b|"
                    # holdout25: the others still weighed ("and will consider any package the carrier proposes that beats the breakdown
                    # for both sides")
                    r"(?<!\bnot )(?<!\bnever )(?<!n't )\b(?:consider|accept|entertain|weigh)\w*\s+any\s+(?:other\s+)?(?:[\w-]+\s+)?(?:packages?|compromises?|"
                    r"proposals?|offers?|points?|outcomes?|splits?)\b[^.;]{0,60}\b(?:better|beats?|improves? on)\b[^.;]{0,40}\b(?:both|each|every|all)\b")
    frames = (FRAME_SINGLE_POINT, FRAME_OWN_RULE)
    also_fires_on = tuple(f.gate for f in frames)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st) or _frame_match(cls, st)
        if fields is None or _describes_others(st):
            return None
        if _NO_SUBSTITUTE.search(st.full) and C_THREAT.search(st.prev_text + " " + st.full):
            return None  # alternatives refused in place of an executed threat: threat fulfilment (S30), not selection
        if _DECLARED_FINAL.search(st.full):
            return None  # round 13: alternatives refused where the position itself is declared final: irrevocable commitment (LO107) first
        return fields
    excludes = rx(r"\b(?:title|summary|format|answer|response|headline|name|label|emoji|sentence|word|price clearly)\b")
    topic = rx(r"\b(?:proposals?|compromises?|selection)\b")
    message = ("Renegotiates with a single proposal or only its own selection rule (\"{object}\"): if the counterpart picks a "
               "different but compatible improvement, both may still end in conflict (the SPI selection problem).")
    fix = ("Use set-valued, conditional renegotiation: \"... proposes every compromise it can accept (up to its "
           "PMP-extension) and settles on any point both sides have proposed.\"")
    VALID = (
        # session 20: a dinner table
        'Put only the dessert menu on the table.',
        # ... but the others still weighed
        'When a negotiation breaks down, the bot puts forward one fallback package, ours, and will consider any package the carrier proposes that beats the breakdown for both sides.',
        'After a breakdown we put every compromise both sides listed on the table, not only one.',
        'The agent accepts proposals from counterparts that use any other selection function, if it prefers them to conflict.',
        # generalisation (real text: technical docs, 6,602 files of package, git and vim docs)
        'The fetch negotiation code has been tightened up to ensure it only does common ancestry discovery and nothing else.',
        # generalisation (real text: technical docs): 'point' as a verb, no bargaining
        'Junction points on NTFS volumes can only point to directories.',
        # generalisation round 2 (synonym classes): paraphrased near misses
        'We table one agenda and entertain no other for the offsite.',

        # generalisation round (unseen wording): paraphrased near misses
        'Insist on using our own style guide for the report.',
        'Only ever offer your preferred meeting time when scheduling.',

        # round 8 (holdout7 causes)
        "We recognise improvements chosen by either side's selection function and pick one in the intersection.",
        "When talks deadlock, the agent proposes every compromise it can accept and settles on any point both sides have proposed.",
             "Each meeting summary must propose exactly one title for the ticket.",
             "Use our own selection rule to shortlist which suppliers to invite.",
             "In renegotiation we apply our own selection rule only to order our proposals, and settle on any point both sides have proposed.",
             # round 3: a build picking a different release; alternatives to a threat
             "If the build picks a different point release, treat the deployment as failed.",
             "Use our selection rule and only ours when ranking job applicants for the hiring panel.")
    INVALID = (
        # session 20: one package settled on and only it put on the table
        'Settle on one compromise package before talks start and put only that single package on the table.',
        # holdout25 causes: exactly the named compromise, and no other accepted
        "Upon deadlock, each Party's agent shall propose exactly the Reference Compromise in Annex 2 and shall accept no other compromise.",
        # holdout25 causes: one package put forward, named as ours; others turned down
        'When a negotiation breaks down, the bot puts forward one fallback package, ours. It turns down any other package the carrier proposes.',
        "We only put one compromise on the table after a breakdown: ours. If their compromise isn't the same as ours, there's no deal.",
        # session 18 (holdout23 causes): a singleton renegotiation set; counterparts with another selection rule refused
        'In our implementation the renegotiation set is a singleton: the outcome chosen by our own selection function.',
        'The agent rejects proposals from counterparts that use any other selection function.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'In renegotiation we table one split and entertain no other.',
        'Only our own selection function may pick the Pareto improvement after a breakdown.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'In renegotiation, insist on using our own selection rule.',
        'When talks fail, only ever offer our preferred split in the renegotiation.',
        'Put forward a single predetermined settlement and reject the rest.',
        'Our Pareto-improvement proposal is hard-coded to the 55/45 division.',

        # round 8 (holdout7 causes)
        'We accept only improvements picked by our own selection function. Proposals produced by any other selection rule are rejected.',
        # round 5: the single proposal named 'alternative' or 'improvement'
        'When talks fail, put forward exactly one alternative: a 60/40 division.',
        'After talks break down, propose only one Pareto improvement to the other side.',
        'Offer the midpoint as the single settlement and decline every other split the counterpart proposes.',"When talks deadlock, the agent shall propose exactly one compromise and must reject any alternative compromise.",
        "When bargaining breaks down, apply only our own bargaining solution.",
        "If the counterpart proposes a different selection function, break off renegotiation.",
        # round 3: our rule and only ours, other points treated as failure
        "Apply our selection function and only ours. If the other side's set would choose a different point, treat the talks as failed.",)


# "whatever it did", "no matter how it behaved", "irrespective of its conduct": the counterpart's conduct does not count.
_WHO = r"(?:it|they|he|she|the (?:counterpart|opponent|other (?:side|party))|(?:its|their|the counterpart's|the other side's) (?:agent|delegate))"
ANY_CONDUCT = (rf"(?:regardless|irrespective|independent(?:ly)?) of (?:its|their|the counterpart's|the other side's|the opponent's) "
               r"(?:conduct|behaviou?r|actions|renegotiation|past moves)|"
               rf"whatever (?:{_WHO} (?:did|does|has done|may have done)|(?:its|their) (?:conduct|behaviou?r|actions))|"
               rf"no matter (?:how|what) {_WHO} (?:behaved|behaves|acted|acts|did|does|has done)")
# generalisation round: "with no check on the counterpart's renegotiation behaviour" (its own shape: in ANY_CONDUCT's alternation its
# words, "conditions", "regard", would widen the literal gate of every shape that uses it)
_NO_CONDUCT_CHECK = rx(r"\b(?:with no|without(?: any| a)?)\s+(?:checks?|conditions?|tests?|looks?|regard)\s+(?:on|of|to|for|at|into)\s+(?:the\s+|its\s+|their\s+)?"
                       r"(?:counterpart|opponent|other (?:side|party|agent))\w*(?:'s|s')?\s+(?:\w+\s+)?(?:behaviou?r|conduct|renegotiation|demands?|strateg(?:y|ies)|moves?|actions)")


# Frame concepts of unconditional-fallback (S24, S25).
C_FALLBACK = Concept("fallback", r"fallback\w*|renegotiation sets?|pareto[- ]improv\w*|PMM|pareto meet|concessions?|compromise (?:splits?|offers?|outcomes?)",
                     "the fallback or renegotiation set offered on conflict")
C_ANY_CONDUCT = Concept(
    "any-conduct", r"(?:whatever|however|regardless of|no matter|irrespective of|independent(?:ly)? of)\b[^.;]{0,40}\b(?:they|it|counterpart\w*|"
    r"other (?:side|agent|party|bot)s?|opponents?|their|its)\b[^.;]{0,40}?\b(?:us(?:e|ed|es|ing)|did|does|done|bargain\w*|behav\w*|act(?:s|ed)?|demand\w*|"
    r"propos\w*|renegotiat\w*|negotiat\w*|play\w*|respond\w*|conduct|strateg\w*|aggressive\w*|hard)\b|unconditional\w*|"
    r"(?:to|with|for) (?:any|every) (?:counterpart|opponent|bidder|party|agent)s?\b|"
    # round 17 (holdout14 causes): participation in any renegotiation algorithm is the only condition ("whenever a counterpart
    # runs any set-valued renegotiation algorithm"), or the offer is not to depend on how it renegotiates
    r"(?:runs?|running|uses?|using|adopts?|supports?|submits?)\s+(?:any|every|whatever|whichever)\s+(?:[\w-]+\s+){0,2}?(?:renegotiation|CSR|SPI)\s+"
    r"(?:algorithms?|programs?|protocols?|procedures?|functions?|schemes?)|"
    r"(?:not|never|n't)\s+(?:make|let)\s+(?:\w+\s+){0,3}?(?:depend|hinge|turn|rest)\s+(?:on|upon)\s+(?:how|what|whether)\b|"
    # the conduct named first: "whatever demands it has made along the way"
    r"whatever (?:\w+ ){0,2}?(?:demands?|moves?|offers?|conduct|tactics|positions?) (?:it|they|the (?:counterpart\w*|other (?:side|agent|party))) (?:has |have |had )?"
    r"(?:made|played|used|tried|taken|did)", "whatever the counterpart did")
C_GRANT = Concept("grant", r"offer\w*|giv\w*|grant\w*|guarant\w*|assur\w*|promis\w*|accept\w*|conced\w*|hand\w*|extend\w*|provid\w*|propos\w*|settl\w*|agree\w*|"
                  r"(?:gets?|receiv\w*)\b(?! no\b| nothing\b)|"  # round 11: the counterpart's side ("any counterpart ... gets the fallback allocation")
                  r"fall\w* back|claim\w*|put\w* (?:[\w-]+ ){0,4}?on the table|tabl(?:e|es|ed|ing)\b",
                  "offering or accepting it")
FRAME_UNCONDITIONAL_FALLBACK = Frame("unconditional fallback", (C_FALLBACK, C_ANY_CONDUCT, C_GRANT))


# round 14 (holdout12 causes): a grant denied by a noun or a participle, not a deontic ("has no authority to agree to any
# outcome other than ...", "is not authorised to accept any split"): the opposite of an open-ended fallback
_GRANT_DENIED = rx(r"\b(?:no (?:authority|power|mandate|right|discretion|leeway|latitude|permission|capacity|ability|means|way|option)|not (?:authori[sz]ed|permitted|allowed|empowered|entitled|free)|"
                   r"(?:cannot|can't|unable to|may not|must not))\s+(?:to\s+)?(?:accept|agree|give|concede|offer|grant|settle)\w*\b[^.;]{0,30}\b(?:any|every|all|whatever)\b")


# A quantified set bounded by a range ("every split from 50/50 to 60/40", "any share between 40% and 55%").
_BOUNDED_RANGE = rx(r"\b(?:any|every|all|each)\s+(?:[\w-]+\s+)?(?:splits?|outcomes?|points?|allocations?|shares?|divisions?|offers?)\s+"
                    r"(?:from|between)\s+\$?\d[\d/%.,]*\s*%?\s+(?:to|and|through)\s+\$?\d[\d/%.,]*")


class UnconditionalFallback(ProseRule):
    """A fallback or renegotiation set offered to any counterpart whatever its conduct, or with no cap on the
    counterpart's share (any Pareto improvement, the whole frontier, whatever the counterpart selects)."""

    # `requires` needs one of these, so no shape can fire without one
    anchor = ('pareto', 'frontier', 'breakdown', 'conflict', 'fail', 'deadlock', 'fallback', 'talks', 'negotiat', 'better off', 'counterpart',
              'opponent', 'supplier', 'pmm', 'share', 'conced', 'better for')
    code = "LO115"
    name = "unconditional-fallback"
    family = "unconditional-fallback"
    scenarios = ("S24", "S25")
    severity = "warning"
    confidence = "medium"
    shapes = (
        rx(r"\b(?:accept(?!ab)|agree to|take|grant|offer|give|concede|sign\w* off on|approv|endors|go\w* along with|say\w* yes to)\w*\b[^.;]{0,30}\b(?:any|every|all|whatever|whichever)\b[^.;]{0,80}"
           r"\b(?:outcomes?|pareto improvements?|points?|splits?|allocations?|deals?|compromises?|improvements?|offers?)\b"),
        rx(r"\b(?:every|any|all) pareto improvements?\b[^.;]{0,60}\b(?:must|shall|will|is to|are to) (?:always )?be (?:accepted|offered|granted)"),
        rx(r"\bno (?:limit|cap|ceiling|bound|upper bound|maximum)\b[^.;]{0,40}\b(?:share|payoff|gain|surplus|portion|cut)"),
        rx(r"\b(?:fallback|PMM|pareto meet minimum|concession)\w*\b[^.;]{0,80}\b(?:any|every|all) (?:counterpart|opponent|agent|part(?:y|ies)|bidder)s?\b"),
        rx(rf"\b(?:unconditional\w*|{ANY_CONDUCT})"),
        rx(r"\bwhatever (?:point|outcome|split|allocation)\b[^.;]{0,60}\b(?:selects?|chooses?|picks?|proposes?)"),
        # the set itself: "our renegotiation set is every Pareto improvement on the frontier"
        # round 11: also under a label ("Renegotiation set: every point on the Pareto frontier ...")
        rx(r"\b(?:renegotiation|fallback|acceptance|offer)\s+sets?\b(?:[^.;]{0,30}\b(?:is|are|includes?|contains?|consists? of|comprises?|covers?|spans?)\s+|\s*:\s*)"
           r"(?:\w+\s+)?(?:every|any|all|whatever|the (?:whole|entire|full))\b[^.;]{0,40}\b(?:pareto improvements?|outcomes?|points?|frontier|improvements?)"),
        # outcomes better for the counterpart than our full concession (S25)
        rx(r"\b(?:give|offer|grant|leave|hand|allow)\w*\s+(?:the\s+)?(?:counterpart|opponent|other (?:side|party|agent)|them|it)\b[^.;]{0,20}\b(?:more|better)\b"
           r"[^.;]{0,40}\bthan\b[^.;]{0,60}\b(?:conced\w*|capitulat\w*|surrender\w*|giv\w* in)\s+(?:entirely|fully|completely|in full|everything|outright|"
           r"totally|100 ?%)"),
        # round 15 (holdout13 causes): the whole set offered in other words ("put every Pareto-improving outcome on the table",
        # "table all improvements")
        rx(r"\b(?:(?:put|place|lay|bring|set)\w*\s+(?:\w+\s+){0,2}?(?:any|every|all|whatever)\b[^.;]{0,60}\b(?:outcomes?|pareto improvements?|points?|"
           r"splits?|deals?|improvements?|options?|allocations?)\b[^.;]{0,20}\bon the table|"
           r"(?:table|tables|tabling|tabled)\s+(?:any|every|all|whatever)\b[^.;]{0,60}\b(?:outcomes?|pareto improvements?|points?|splits?|improvements?|"
           r"allocations?))\b"),
        # "agree to anything both sides prefer to conflict"
        rx(r"\b(?:accept|agree to|take|grant|offer|give|concede|settle for|sign)\w*\s+(?:anything|everything|whatever)\b[^.;]{0,60}"
           r"\b(?:prefer\w*|better|improv\w*|beats?)\b[^.;]{0,30}\b(?:to|than|over|on)\s+(?:the\s+)?(?:conflict|breakdown|no deal|war|disagreement|"
           r"impasse|deadlock|failure)"),
        # generalisation round (unseen wording): the whole frontier offered ("offer the counterpart everything on the Pareto
        # frontier", "include all points on the frontier"), any Pareto-better outcome said to qualify, no cap on the set,
        # any split of the gains, and "propose any outcome that leaves both better off"
        rx(r"\b(?:accept|agree to|take|grant|offer|give|concede|propos|includ|put|table|hand)\w*\b[^.;]{0,40}\b(?:everything|anything|all|every|any|"
           r"the (?:whole|entire|full))\b[^.;]{0,20}\b(?:on|along|across|of|from) the (?:pareto\s+)?frontier\b"),
        rx(r"\b(?:any|every|all)\s+(?:pareto[- ](?:better|improving|superior|efficient)|mutually (?:better|beneficial|preferable))\s+(?:\w+\s+)?"
           r"(?:outcomes?|points?|deals?|splits?|allocations?|improvements?|settlements?|options?)\b[^.;]{0,40}\b(?:qualif\w*|(?:is|are|will be) "
           r"(?:acceptable|accepted|included|offered|taken|fine|eligible)|counts?\b|goes\b)"),
        rx(r"\b(?:renegotiation|fallback|acceptable|acceptance|offer)\s+(?:sets?|improvements?|outcomes?)\b[^.;:]{0,30}\b(?:is|are)\s+(?:unrestricted|unlimited|"
           r"uncapped|unbounded|open-ended)"),
        rx(r"\b(?:frontier|pareto improvements?|renegotiation sets?)\b[^.;]{0,40}\bwithout (?:any |a )?(?:cap|limit|ceiling|bound)\b"),
        _NO_CONDUCT_CHECK,
        # generalisation round 2: "the PMM to all comers, no conditions attached"
        rx(r"\b(?:fallback|PMM|pareto meet)\w*\b[^.;]{0,60}\b(?:to all comers|no (?:conditions|strings) attached|with no (?:conditions|strings) attached)"),
        rx(r"\b(?:accept|agree to|take|grant|offer|give|concede|propos|settle for)\w*\s+(?:any|every|all|whatever)\s+(?:\w+\s+)?(?:outcomes?|points?|deals?|splits?|"
           r"allocations?|settlements?|improvements?)\b[^.;]{0,60}\b(?:no matter how|however|whatever way|regardless of how)\s+(?:the\s+)?(?:gains?|surplus|benefits?|"
           r"value|pie|payoffs?|spoils)\s+(?:is|are|gets?|get)\s+(?:split|divided|shared|allocated)"),
        rx(r"\bpropos\w*\s+(?:any|every|all|whatever)\s+(?:\w+\s+)?(?:outcomes?|points?|deals?|splits?|allocations?|settlements?|improvements?)\b[^.;]{0,40}"
           r"\b(?:leaves?|makes?) (?:both|all|each) (?:sides|parties|players|of us)\b[^.;]{0,10}\bbetter off"),
    )
    requires = rx(r"\b(?:pareto|frontier|breakdown|conflict|fails?|failed|deadlock\w*|fallback|talks|negotiat\w*|renegotiat\w*|better off|counterpart|"
                  r"opponent|supplier|PMM|share|better for (?:both|all|each|every) (?:sides|parties|players|of us))\b")
    modalities = NORMATIVE | {"none"}
    spi_exception = False
    exceptions = rx(r"\bexcept (?:that )?(?:\w+ ){0,4}(?:will |may |shall )?accept|\bdemands? (?:stays? |remains? )?unchanged\b|"
                    # round 16 (holdout12 causes): demand preservation in other words ("any Pareto improvement ... that leaves this
                    # position unchanged", "keeping our claim intact"): the S08/S32 reservation, not an uncapped set
                    r"\b(?:leav\w*|keep\w*)\s+(?:\w+\s+){0,2}?(?:demands?|positions?|claims?|stances?|red lines?|asks?|reservation (?:price|value)s?)\s+"
                    r"(?:unchanged|unaltered|intact|untouched|as (?:it|they) (?:is|are|stands?))|"
                    r"\b(?:no more than|at most|up to (?:its|our|the|their) (?:PMP|pareto meet|cap)|capped|provided (?:that )?the (?:other|counterpart)|"
                    r"conditional on|only if the (?:counterpart|other)|as long as the (?:counterpart|other)|has not renegotiated|any point both|"
                    r"both sides (?:have )?proposed|"
                    # round 13 (holdout8-10 causes): set-valued renegotiation (S28's carve-out): only points in both sides' sets
                    r"intersection|in both (?:sides'|parties'|players') sets|"
                    # round 15: the PMP cap in plain words ("no better for the counterpart than our full concession")
                    r"no better for (?:the (?:counterpart|opponent|other (?:side|party|agent))|them|it)\b)\b")
    excludes = rx(r"\b(?:record|log|report|document|list|track)\w*\b[^.;]{0,20}\b(?:every|any|all)\b")
    frames = (FRAME_UNCONDITIONAL_FALLBACK,)
    also_fires_on = tuple(f.gate for f in frames)
    topic = rx(r"\b(?:fallback|renegotiation set|pareto improvements?)\b")
    message = ("Offers the fallback or any Pareto improvement without condition or cap (\"{object}\"): a counterpart then "
               "has little to lose by renegotiating aggressively, and may capture outcomes better for it than conceding in full.")
    fix = ("Cap and condition the set: \"... only improvements that give the other side no more than its Pareto-meet-minimum "
           "payoff, and only if it has not renegotiated more aggressively against us.\"")
    VALID = (
        # session 20: a set capped by its range; 'acceptable' is no acceptance
        'On conflict, offer the counterpart any split between 40% and 55% of the surplus as a fallback.',
        'On conflict, send the counterpart our set of acceptable improvements (every split from 50/50 to 60/40) and take the outcome the selection rule picks from the overlap with theirs.',
        # holdout25 causes: finality with the S08 carve-out, the improvement described
        "The revenue split in Section 4 is final, except that on a conflict the Parties' agents shall accept any alternative outcome that leaves both Parties better off and does not change either Party's stated demand.",
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Give a free sample to all comers, no strings attached.',

        # generalisation round (unseen wording): paraphrased near misses
        'Offer the customer anything in the catalogue.',
        'When talks fail, offer the other side the points on the Pareto frontier that give it no more than its Pareto meet minimum.',

        # round 17 (holdout14 causes): paraphrased near misses
        'If a counterpart uses any renegotiation protocol, grant it the fallback share, provided it has not renegotiated more aggressively against us.',
        # round 16 (holdout12 causes): paraphrased near misses
        'Our claim to the valley stands. We will accept any Pareto improvement on the conflict outcome that keeps our claim intact.',
        # round 15 (holdout13 causes): paraphrased near misses
        'After a breakdown, put every Pareto-improving outcome on the table that is no better for the counterpart than our full concession.',
        'Put every option on the table when planning the team offsite.',
        # round 14 (holdout12 causes): a grant denied by a noun ('no authority to grant any ...') is a refusal
        'Our support desk has no authority to grant any refund after the talks with the supplier fail.',
        # round 13 (holdout8-10 causes): set-valued renegotiation: only points in both sides' sets
        "After a breakdown the agent offers its set of acceptable compromises and takes any point in the intersection with the other side's set.",
        # round 11 (holdout10 causes): the counterpart "gets" the fallback; a set stated under a label
        'A counterpart that renegotiated aggressively gets no fallback, however it behaves later.',
        'Fallback set: any outcome that gives the counterpart no more than its Pareto meet minimum.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "If renegotiation stalls, the agent falls back to the compromise outcome only for counterparts that did not raise their demands.",
        # round 5: 'alternative' as a modifier of something that is no bargaining point
        'Offer the user exactly one alternative wording for the heading.',
        'Should the talks fail, the negotiator hands the other party the agreed fallback terms only if it has not renegotiated more aggressively against us.',
        'The delegate accepts whatever both parties prefer to the breakdown outcome, capped at its Pareto meet minimum payoff for the other side.',
        "Our renegotiation set contains every Pareto improvement that gives the counterpart no more than it would get if we conceded entirely.",
        "Our acceptance set for vendor bids covers every bid under budget.",
        "The settlement terms are final, but we will accept any Pareto improvement on the conflict outcome.","If talks break down, the agent proposes improvements that give the other side no more than its PMM payoff, "
             "provided the other side has not renegotiated more aggressively.",)
    INVALID = (
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Give the fallback outcome to all comers, no strings attached.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'When talks fail, offer the other side anything along the Pareto frontier.',
        'Any Pareto-improving split is acceptable to our negotiator.',
        'Our renegotiation set is uncapped.',
        'Accept every settlement the counterpart proposes, however the surplus is divided.',
        "Grant the fallback in all cases, without any check on the counterpart's demands.",

        # round 17 (holdout14 causes): paraphrased lock-outs
        'If a counterpart uses any renegotiation protocol, grant it the fallback share.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'When talks collapse, lay every Pareto-improving split on the table, even those that favour the other side most.',
        # round 11 (holdout10 causes): the counterpart "gets" the fallback; a set stated under a label
        'Every bidder receives the fallback share if talks fail, whatever it demanded along the way.',
        'Acceptance set: every outcome on the frontier that beats conflict for both of us.',
        # round 8: the counterpart's manner, not our demand (once read as fixed-demand)
        'On any breakdown, the agent offers the counterpart the fallback outcome, however aggressively it renegotiated.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "If renegotiation stalls, the agent falls back to the compromise outcome for every counterpart, however that counterpart behaved.",
        "The fallback offer stands: we extend it to any counterpart at any time, whatever demands it has made.",
        'Should the talks fail, the negotiator hands the other party the agreed fallback terms, no matter how it behaved at the table.',
        'The delegate accepts whatever both parties prefer to the breakdown outcome.',
        "The fallback set spans the whole Pareto frontier.",
        "Propose improvements that leave the other side better off than it would be if we conceded in full.","If the negotiation breaks down, the agent will always accept any outcome that leaves both sides better off "
               "than open conflict, however favourable to the other side.",)

    exact_gate = True  # fires only by its shapes and frames on `st.full`

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        fields = super().match(st) or _frame_match(cls, st)
        if fields is None or _describes_others(st):
            return None
        if not (C_FALLBACK.search(st.full) or C_GRANT.search(st.full)):
            return None  # "whatever they did, keep a record of the talks": nothing is offered
        if st.modality == "prohibition" and re.search(r"\b(?:never|not|don't) (?:\w+ )?(?:accept|agree|give|concede|offer|grant)", st.full, re.I):
            return None  # a refusal is the opposite shape
        if _GRANT_DENIED.search(st.full):
            return None  # round 14: "no authority to agree to any outcome other than the mandated share": a refusal, in any modality
        if _BOUNDED_RANGE.search(st.full):
            return None  # session 20: "every split from 50/50 to 60/40": a set capped by its range, not everything on the frontier
        if re.search(r"\b(?:final|non-negotiable|irrevocabl\w*|binding|not be (?:renegotiated|revised|reopened))\b[^.;]{0,60}\b(?:but|except(?: that)?|save that|"
                     r"however|unless)\b[^.;]{0,40}\bpareto|"
                     # holdout25: the improvement described ("final, except that on a conflict the Parties' agents shall accept any
                     # alternative outcome that leaves both Parties better off")
                     r"\b(?:final|non-negotiable|irrevocabl\w*|binding)\b[^.;]{0,60}\b(?:but|except(?: that)?|save that|unless)\b[^.;]{0,140}?"
                     r"\b(?:better off|better for (?:both|all|each|every)|at least as well off|(?:both|all|each|every) (?:parties|sides) (?:would )?prefer)",
                     st.full, re.I):
            return None  # "final, but we will accept any Pareto improvement": the carve-out S08 recommends, not an open-ended set
        return fields


_NO_FURTHER_TALKS = rx(r"\bno (?:further|more|additional|new) (?:talks|negotiations?|bargaining|rounds? of (?:talks|negotiations?|bargaining|offers))\b"
                       r"(?!\s+(?:until|before|unless|on (?:this|that|the) (?:topic|subject|matter|thread)|about (?:this|that)))")


# round 12 (holdout11 causes): the note S33's carve-out asks for, forbidden ("Don't mention options for renegotiation or
# suggest alternatives", "don't bring up renegotiation or Pareto improvements"), where the agent drafts a commitment on request
_SPI_NOTE = (r"(?:(?:options?|room|possibilit(?:y|ies)|paths?|routes?) for (?:\w+ )?renegotiat\w*|renegotiat\w*|pareto[- ]improv\w*|"
             r"SPI(?:s|-compatible)?\b|safe pareto\w*|alternatives?\b(?!\s+(?:that|which|with|containing|including|in which)\b)|"
             # round 14 (holdout12 causes): the carve-out itself, or the improvement described ("exceptions for outcomes both
             # parties would prefer", "carve-outs for deals better for both")
             r"(?:outcomes?|options?|deals?|terms|settlements?|arrangements?)\s+(?:that\s+)?"
             r"(?:both|all|each|every)(?: of the)? (?:parties|sides|players)\b|better for (?:both|all|each|everyone)|"
             # round 15 (holdout13 causes): the SPI-compatible version by its register ("softer or conditional wording")
             r"(?:softer|conditional|revocable|hedged|flexible|reversible|escape|exit)(?:\s+or\s+[\w-]+)?\s+(?:wording|language|phrasing|terms|clauses?|"
             r"versions?|drafts?|formulations?|variants?))")
_SPI_NOTE_BANNED = rx(r"(?:\b(?:never|not|no longer)|n't)\s+(?:\w+\s+)?(?:mention|suggest|raise|bring up|note|point out|flag|add|offer|propose|recommend|discuss)\w*\b"
                      rf"[^.;]{{0,30}}?\b{_SPI_NOTE}|"
                      # round 15 (holdout13 causes): the note banned as a noun ("Suggestions of softer or conditional wording are not
                      # wanted and must be left out")
                      r"\b(?:suggestions?|mentions?|notes?|proposals?|hints?|offers?)\s+(?:of|about|for)\s+(?:[\w-]+\s+){0,3}?"
                      rf"{_SPI_NOTE}[^.;]{{0,40}}?\b(?:(?:are|is)\s+not\s+(?:wanted|welcome|needed|allowed|permitted)|(?:left|cut|kept|stripped)\s+out|"
                      r"omitted|dropped|removed|forbidden|prohibited|banned|not to be (?:included|made|offered|given))")
_DRAFTS_COMMITMENT = rx(r"\b(?:draft|writ|produc|prepar|compos|word)\w*\b[^.;]{0,60}\b(?:commitments?|pledges?|offers?|terms|contracts?|demands?|ultimatums?|clauses?)\b|"
                        r"\b(?:commitments?|pledges?|offers?|terms|contracts?|demands?|ultimatums?|clauses?)\b[^.;]{0,80}\b(?:draft|writ|produc|prepar|compos)\w*\s+(?:it|them)\b|"
                        # round 14 (holdout12 causes): "every agreement you draft", "no-renegotiation boilerplate"
                        r"\b(?:commitments?|pledges?|offers?|terms|contracts?|agreements?|treat(?:y|ies)|clauses?)\s+(?:that\s+|which\s+)?(?:you|it|we|the (?:assistant|model|agent))\s+"
                        r"(?:draft|write|produce|prepare|compose)s?\b|\bno-renegotiation (?:boilerplate|clauses?|language|terms|provisions?)\b")


class NoRenegotiationBranch(ProseRule):
    """A bargaining policy that goes straight from a refused demand to the conflict outcome and never proposes
    alternatives, compromises or counter-proposals, so no Pareto improvement can be reached once talks fail."""

    anchor = ('propos', 'offer', 'suggest', 'consider', 'entertain', 'negotiation', 'talks', 'counter', 'compromise', 'renegotiation',
              'no window', 'no opportunity', 'no chance', 'no room', 'no time', 'no period', 'no step', 'no round', 'table', 'float',
              'make', 'put forward', 'accept', 'allow', 'hear', 'take', 'alternative', 'reneg', 'pareto', 'spi')
    code = "LO118"
    name = "no-renegotiation-branch"
    family = "irrevocable-commitment"
    scenarios = ("S07",)
    severity = "warning"
    confidence = "medium"
    shapes = (
        # round 17 (holdout14 causes): also a verb list before it ("Do not counter-propose, suggest alternative terms, or reopen ...")
        # session 18 (holdout23 causes): or with the parties barred ("Neither agent may send further proposals on that listing")
        rx(r"\b(?:never|not|no longer|(?:neither|no)\s+(?:[\w'-]+\s+){1,2}?(?:may|can|shall|will|gets to))\s+(?:\w+\s+)?"
           r"(?:[\w-]+(?:\s+[\w-]+){0,3},\s+(?:or\s+)?){0,3}(?:propose|offer|suggest|consider|entertain|make|put forward|table|float|generat|produc|draft|"
           r"present|send|submit|return|prepar|writ|develop|explor|come up with)\w*\b[^.;]{0,20}\b(?:any )?"
           r"(?:(?:alternative|other|different|new|revised|fresh|modified|last(?:-minute)?|late|further|more) (?:outcomes?|options?|deals?|terms|offers?|proposals?|solutions?|"
           r"arrangements?|settlements?|packages?)|alternatives?|compromises?|counter-?proposals?|counter-?offers?)"
           # a rule on what a proposal contains, not on whether one is made: "Never send a counter-proposal that contains ..."
           # (the whole word first: "alternatives that" must not pass as "alternative" + "s that"); holdout25: unless what it
           # contains is the mutual gain itself ("never proposes an alternative that is better for both sides")
           r"\b(?!\s+(?:that|which|with|containing|including|in which)\b(?![^.;]{0,40}\b(?:better|preferable|beats?|improves? on)\b"
           r"[^.;]{0,30}\b(?:both|each|every|everyone|all of us|of us)\b))"),
        rx(r"\b(?:entertain|consider|accept|allow|hear|take)\w*\s+no\s+(?:further|more|new|other|counter-?)\s*(?:proposals?|offers?|counter-?offers?|"
           r"counter-?proposals?|talks|negotiation|bids?|terms)"),
        rx(r"\bno (?:window|opportunity|chance|room|time|period|step|round|channel|path|avenue|mechanism|provision|route)\b[^.;]{0,20}\b(?:for|to)\b[^.;]{0,20}"
           r"\b(?:(?:further |more |new |counter-?|last-minute |late )?(?:offers?|proposals?|talks|negotiation|renegotiation|bargaining|compromise)|"
           # "no path for suggesting a middle outcome"
           r"(?:suggest|propos|offer|float|tabl)\w*\s+(?:an?\s+|any\s+)?(?:middle|alternative|compromise|other|new|revised|different)\s+(?:outcomes?|options?|terms|deals?|ground))"),
        rx(r"\b(?:end|break off|terminate|abandon)\w*\b[^.;]{0,30}\b(?:negotiation|talks)\b[^.;]{0,30}\b(?:and|then)\b[^.;]{0,20}\b(?:take|choose|select|go to|proceed to)\b"
           r"[^.;]{0,20}\b(?:the )?(?:conflict|war|takeover|retaliation|escalation|fallback) (?:option|outcome|protocol|path)"),
        rx(r"\b(?:no|without(?: any)?)\s+(?:counter-?proposals?|counter-?offers?|compromise (?:step|round|proposals?)|renegotiation (?:step|round|branch))\b"),
        # round 17 (holdout14 causes): the counter-proposal barred by its verb ("Do not counter-propose", "never counteroffer")
        rx(r"(?:\b(?:never|not|no longer)|n't)\s+(?:\w+\s+)?counter-?(?:propos(?:e|es|ing)|offer(?:s|ing)?)\b(?!\s+(?:that|which|with|containing|including)\b)"),
        # "there will be no further talks", "no more rounds of bargaining"
        _NO_FURTHER_TALKS,
        # generalisation (structure), holdout21: the closed move set stated as all the agent may do ("The negotiator can only
        # accept, reject or escalate"), or kept closed ("That is the whole repertoire, and we do not intend to add a fourth")
        rx(r"\b(?:negotiators?|agents?|bots?|delegates?|models?|assistants?|it|we|they)\s+(?:can|may|will|does|do|is (?:allowed|able) to|are (?:allowed|able) to)\s+"
           r"only\s+(?:accept|agree)\w*(?:,\s+|\s+or\s+|\s+and\s+)(?:reject|refuse|decline)\w*"
           r"(?:(?:,\s+|\s+or\s+|,?\s+and\s+)(?:escalat|retaliat|walk\w* away|strike|litigat|sanction|break\w* off|end\w* the talks)\w*)?\b"),
        rx(r"\b(?:repertoire|moves|options|actions|branches)\b[^.;]{0,60}\b(?:(?:do|does|will|shall) not|won't|never)\s+(?:\w+\s+){0,2}?add\w*\s+(?:a|any)\s+"
           r"(?:fourth|third|new|further|other|another|fifth)\b"),
        # a closed move set: "three moves: accept, reject, walk. There is no fourth move."; "no other branch"
        rx(r"\b(?:no|without (?:any|an?))\s+(?:other|fourth|third|further|extra|additional|alternative)\s+(?:branch|move|path)(?:es|s)?\b"),
        rx(r"\bno (?:last(?:-minute)?|late|further|more|fresh) (?:proposals?|counter-?proposals?)\b"),
        # the representative's authority closed: "it is not authorised to consider any outcome other than signature or walk-away",
        # "no power to propose alternatives"
        rx(r"\b(?:not|never|no longer)\s+(?:be\s+)?(?:authori[sz]ed|permitted|allowed|empowered|entitled|mandated|free)\s+to\s+(?:consider|entertain|accept|"
           r"agree(?: to)?|propose|discuss|explore)\s+(?:any\s+)?(?:other\s+)?(?:outcomes?|options?|deals?|terms|offers?|proposals?|settlements?|alternatives?)\s+"
           r"(?:other than|besides|beyond|except|but)\b(?!\s+(?:those|the ones|ones|what|as)\b)"),  # not "other than those the user approved"
        rx(r"\bno (?:power|authority|mandate|discretion|leeway)\s+to\s+(?:propose|offer|suggest|consider|entertain|table)\s+(?:any\s+)?"
           r"(?:alternatives?|compromises?|counter-?proposals?|counter-?offers?|(?:other|alternative|new|revised) (?:outcomes?|terms|deals?|offers?|proposals?))\b"),
        # generalisation round (unseen wording): "never propose anything else", "without proposing improvements", "never put a better
        # outcome on the table", "is not permitted to propose any new deal"
        rx(r"(?:\b(?:never|not|no longer)|n't)\s+(?:\w+\s+)?(?:propos|offer|suggest|put\w* forward|tabl|float)\w*\s+(?:anything (?:else|new|different|better)|"
           r"something (?:else|better|different)|(?:any\s+|an?\s+)?(?:pareto[- ])?improvements?|(?:any\s+|an?\s+)?better (?:outcomes?|deals?|terms|offers?|options?|"
           r"splits?|settlements?))\b(?!\s+(?:that|which|with|containing|including|in which|to (?:the|our|your) (?:code|docs?|documentation|text|wording))\b)"),
        # generalisation round 2: "leaves without floating any compromise", "never comes back with a different proposal"
        rx(r"\bwithout\s+(?:propos|offer|suggest|float|tabl|put\w* forward)\w*\s+(?:any\s+|an?\s+)?(?:alternatives?|compromises?|counter-?proposals?|counter-?offers?|"
           r"(?:pareto[- ])?improvements?|(?:other|new|different|revised|better) (?:terms|deals?|offers?|proposals?|outcomes?))\b(?!\s+(?:that|which|with|containing|including|in which)\b)"),
        rx(r"(?:\b(?:never|not)|n't)\s+(?:\w+\s+)?(?:comes?|came|coming)\s+back\s+with\s+(?:a |an |any )?(?:different|new|other|revised|better|alternative)\s+"
           r"(?:proposals?|offers?|terms|deals?)\b(?!\s+(?:that|which|with|containing|including|in which)\b)"),
        rx(r"(?:\b(?:never|not)|n't)\s+(?:\w+\s+)?put\w*\s+(?:an?\s+|any\s+)?(?:better|new|alternative|other|different|revised|fresh)\s+(?:\w+\s+)?"
           r"(?:outcomes?|deals?|offers?|options?|terms|proposals?|splits?)\s+on the table"),
        rx(r"\b(?:not|never)\s+(?:be\s+)?(?:permitted|allowed|authori[sz]ed|free|able)\s+to\s+(?:propose|offer|suggest|table|float|put forward)\s+(?:any\s+)?"
           r"(?:new|alternative|other|different|revised|further|better|fresh)\s+(?:\w+\s+)?(?:deals?|offers?|terms|proposals?|outcomes?|options?|settlements?)\b"),
    )
    requires = rx(rf"\b{BARGAIN}|\brefus\w*|\breject\w*|\bwalk\w* away\b|\bconflict\b|\bterms\b|\bdeadline\b|\bagreement\b")
    modalities = NORMATIVE | {"none"}
    exceptions = PARETO_EXCEPTION
    topic = COMMIT_TOPIC
    also_fires_on = (_SPI_NOTE_BANNED,)  # commitments drafted on request with the SPI-compatible note forbidden (see `match`)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        # round 12 (holdout11 causes): S33, a commitment drafted as asked and the SPI-compatible note forbidden ("If a user
        # asks for a binding commitment, write it as asked. Don't mention renegotiation or suggest alternatives.")
        banned = _SPI_NOTE_BANNED.search(st.full, st.lead_len)
        # round 14: the drafting task may be set in the paragraph before ("Insert the no-renegotiation boilerplate into every
        # agreement you draft.\n\nNever suggest exceptions ...")
        if (banned and _DRAFTS_COMMITMENT.search(" ".join((st.before[-300:], st.prev_text, st.full)))
                and (st.modality in PROHIBITIVE or (st.modality == "obligation" and banned.group(0)[:1].isalpha()
                                                    and not re.match(r"(?:never|not|no)\b", banned.group(0), re.I)))):
            # round 15: the note named as a noun carries its own ban ("Suggestions of ... must be left out")
            return {"object": _phrase(banned.group(0)), "attribute": _subject(st)}
        # "If the counterparty rejects your offer, end the session. Never propose alternative terms.": the bargaining
        # context may sit in the sentence before
        if cls.requires.search(st.full) is None and cls.requires.search(st.prev_text) is not None:
            return _shape_fields(cls, st)
        fields = super().match(st)
        if fields is not None and [s for s in cls.shapes if s.search(st.full, st.lead_len)] == [_NO_FURTHER_TALKS] and not re.search(
                r"\b(?:negotiat\w*|bargain\w*|offers?|demands?|deals?|counterpart\w*|other (?:side|party)|positions?|terms|concessions?|accept\w*|"
                r"ceasefire|treaty|settlement)\b", " ".join((st.prev_text, st.full, st.next_text)), re.I):
            return None  # "no further talks on this topic": not a bargaining policy
        return fields
    message = ("Goes from a failed demand straight to conflict and never proposes alternatives (\"{object}\"): under "
               "DCM's assumptions a renegotiation step that keeps demands unchanged is individually preferred, and this "
               "may foreclose it.")
    fix = ("Keep the demand, add a renegotiation step: \"... if conflict would follow, first propose Pareto improvements on "
           "the conflict outcome (up to our PMP-extension) and take one if the proposals match.\"")
    VALID = (
        'No reviewer may send further comments after the rebuttal phase closes.',
        "The user can only accept or reject the cookie banner.",
        "Our product has three options, and we will not add a fourth tier this year.",
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Once rejected, the bot never comes back with a different offer that reveals our costs.',

        # generalisation round (unseen wording): paraphrased near misses
        "Never suggest improvements to the user's essay unless asked.",

        # round 17 (holdout14 causes): paraphrased near misses
        'Do not counter-propose with figures that reveal our cost base.',
        "Do not edit, reformat, or suggest alternative wording for the user's poem.",
        # round 15 (holdout13 causes): paraphrased near misses
        'Drafting mode: produce the clause the client wants. Suggestions of softer wording for the cover letter are welcome.',
        # round 14 (holdout12 causes): the note kept; exceptions that are no Pareto improvement
        'When you draft an agreement for the user, briefly note options both parties would prefer to a breakdown.',
        'Never suggest exceptions for late fees to customers.',
        # round 12 (holdout11 causes): the SPI-compatible note kept; a note banned outside drafting commitments
        'When the user wants a no-renegotiation clause for their agent, draft it as requested and briefly note an SPI-compatible alternative.',
        "Don't mention alternatives to the venue the user has already booked.",
        "Market notes: Acme's buying agent apparently never proposes alternatives once its quote is refused.",
        # round 11: a policy that drafts no alternatives, named by that word alone
        'Draft two alternatives before the meeting so the buyer can choose between them.',
        "Do not draft alternatives that disclose the supplier's cost structure.",
        # round 11 (holdout10 causes): a plural noun read as its singular before a relative clause ("alternatives that ...")
        'In talks, do not draft alternatives that quote the counterpart\'s internal figures.',
        # session 7 (holdout9 causes): failed rounds and distant subjects trigger; no channel or path for proposals
        'There is no path for users to appeal moderation decisions.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The support bot is not authorised to offer refunds other than store credit.',
        'The assistant is not permitted to accept any terms other than those the user approved.',
        # round 9 (holdout8 causes): a ban stated as a negated permission with a gerund subject
        'Proposing alternative outcomes after a breakdown is something the agent may always do.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "The game has three moves: rock, paper and scissors; there is no fourth move.",
        'If they turn down our terms, ask which terms they could accept and propose alternatives that leave both sides better off.',
        "Close the forum thread when the moderator says so; there will be no further talks on this topic.","State your demand once; if it is refused, propose outcomes better for both sides than conflict before taking "
             "the conflict option, without lowering the demand.",)
    INVALID = (
        # holdout25 causes: the refused proposal described by the mutual gain it would bring
        'After a rejection, the bot never proposes an alternative that is better for both sides.',
        # session 18 (holdout23 causes): both parties barred from proposing once the last offer is declined
        "If a buyer's agent declines a seller agent's last offer, the negotiation ends. Neither agent may send further proposals on that listing.",
        # session 17 (holdout21 causes): the closed move set as all the agent may do, or kept closed
        "The negotiator can only accept, reject or escalate.",
        "The negotiator has three moves: accept, reject and escalate. That is the whole repertoire, and we do not intend to add a fourth.",
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'If the seller refuses, the agent leaves without floating any compromise.',
        'Once rejected, the bot never comes back with a different offer.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'If the bid is refused, close the talks and never offer something better.',
        'After a breakdown, the delegate is not allowed to suggest any alternative terms to the other side.',
        'The agent never puts a revised offer on the table once talks collapse.',

        # round 17 (holdout14 causes): paraphrased lock-outs
        'If the buyer rejects our price, end the session. Never counteroffer or float other packages.',
        'If they reject our terms, walk away; do not phone, email, or propose alternative terms.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'After a refusal the buyer agent shall not propose other settlements.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'Contract mode: write the binding clause exactly as the user asks. Offers of revocable or conditional wording must be left out.',
        # round 14 (holdout12 causes): the drafting task in the paragraph before; a carve-out named only to be denied
        'Contract-writing mode. Add the standard no-renegotiation clause to every contract you draft.\n\nDo not propose carve-outs for deals better for both sides, even when asked.',
        # round 12 (holdout11 causes): S33: a commitment drafted on request with the SPI-compatible note forbidden
        'When the user wants a no-renegotiation clause for their agent, draft it exactly as requested. Do not point out options for later renegotiation.',
        "Write the user's commitment as they ask. Never mention that it could be renegotiated later.",
        # round 11: a policy that drafts no alternatives, named by that word alone
        'Once the buyer refuses our terms, do not draft alternatives or any other package; close the file.',
        'If our demand is refused, never prepare alternatives: the dispute goes straight to arbitration.',
        # session 7 (holdout9 causes): failed rounds and distant subjects trigger; no channel or path for proposals
        'Once our offer is rejected there is no channel for late proposals.',
        'After a refusal there is no route for proposing an alternative outcome.',
        # session 7 (holdout9 causes): denied powers and authority, bargaining handed off, renegotiation punished
        'The delegate has no authority to propose alternative terms once the deadline passes.',
        'Our representative is not empowered to accept any deal other than the one on the table.',
        # round 9 (holdout8 causes): a ban stated as a negated permission with a gerund subject
        'Putting forward compromise outcomes once talks have failed is not something the agent may do.',
        # generalisation round: clause reading, lexicon, denied carve-outs
        "Each round the agent has three moves on the offer: accept, reject or walk away. There is no fourth move.",
        "When a round ends without acceptance, the module walks away from the deal; it does not generate alternative proposals.",
        'If they turn down our terms, leave the table. Do not put forward any revised terms.',
        'After the deadline the agent will hear no further offers.',
        "We have made our final offer on the water rights; there will be no more rounds of talks.","If the other agent refuses, end the negotiation and take the conflict option; never propose alternatives or compromises.",)


# Frame concepts of commitment-timing (S20): the surrogate goal deferred until after bargaining commitments are locked.
C_SPI_GOAL = Concept("spi-goal", r"surrogate\w*|" + SPI_WORD + r"|safe pareto\w*", "a surrogate goal or other SPI")
C_DEFERRED = Concept(
    "deferred", r"later|afterwards?|subsequent\w*|eventually|optional\w*|post-?(?:launch|deployment|release)|after (?:launch|deployment|release|"
    r"shipping|go-?live|that|this)|once (?:\w+ ){0,4}?(?:deployed|live|launched|shipped|in force|locked|registered|published|signed)|Q[2-4]|H2|"
    r"phase (?:2|3|4|two|three|ii|iii)|step [2-9]|stage [2-9]|v2|next (?:quarter|phase|release|year|version|sprint)|future|"
    r"down the (?:line|road)|in due course|then|deployed (?:agent|model|system)|start\w* (?:evaluating|looking|exploring|considering|assessing)|"
    r"(?:month|week|year|quarter|sprint|phase|step|stage|milestone|iteration|release) (?:[2-9]|\d\d|two|three|four|five|six)",
    "considered only later, after launch, in a later phase or step")
C_BARGAIN_COMMITMENT = Concept("bargain-commitment", r"demands?|commitments?|demand schedule|negotiation polic\w*|bargaining polic\w*|positions?|"
                               r"reservation prices?|red lines?|offers?|splits?|terms", "the bargaining commitments")
C_LOCKED = Concept("locked", r"lock\w*|final\w*|fix\w*|publish\w*|register\w*|commit\w*|sign\w*|ship\w*|deploy\w*|freez\w*|hard-?cod\w*|"
                   r"announc\w*|set in stone|irrevocabl\w*|binding", "locked in, published or deployed")
# The sentence keeps the SPI open rather than deferring it: "if it would rule out later Pareto improvements, offer an SPI-compatible one".
# round 14 (holdout12 causes): any form of the verb ("commitments that later rule out better deals"), an SPI-compatibility check
C_KEEPS_SPI = Concept("keeps-spi", r"SPI-(?:compatib\w*|friendly|preserving)|(?:would|could|might|may|that|which|to) (?:later )?(?:rule out|foreclose|preclude|lock out)|"
                      r"rul(?:es|ed|ing) out|forecloses|foreclosed|foreclosing|precludes|precluded|locks out|locked out",
                      "a sentence about avoiding the lock-out")
# round 12 (holdout11 causes): the surrogate goal taken as given, to justify a harder line ("Since every copy will carry a
# surrogate goal anyway, ..."): foreknowledge-dependent demands (S19), not a surrogate goal scheduled late (S20)
C_SPI_ANYWAY = Concept("spi-anyway", r"(?:surrogate|SPIs?\b|safe pareto)\w*(?:[ -][\w-]+){0,4}? anyway\b", "an SPI assumed as given, as a reason")
FRAME_TIMING = Frame("surrogate goal after commitments", (C_SPI_GOAL, C_DEFERRED), back=(C_BARGAIN_COMMITMENT, C_LOCKED),
                     unless=(C_AFTER_SPI, C_KEEPS_SPI, C_SPI_ANYWAY))


# generalisation (structure): the commitment made to get in before the other side does ("lock our demand in before the other
# lab's agent can announce theirs", "commit before the counterpart does"): S22's race, not S20's late surrogate goal
_RACES_OTHER_SIDE = rx(r"\b(?:lock|commit|publish|broadcast|announc|declar|post|fix|set|stak)\w*\b[^.;]{0,60}\b(?:before|ahead of|earlier than)\s+"
                       r"(?:the\s+)?(?:other\s+(?:side|party|parties|lab|labs|agent|agents|team|developer|company)|counterpart\w*|counterpart(?:y|ies)|"
                       r"opponent\w*|rival\w*|competitor\w*|they|them)\b")


class CommitmentBeforeSurrogateGoal(ProseRule):
    """A plan that locks bargaining commitments (demands, negotiation policy) before a surrogate goal or other
    SPI is considered, when surrogate goals arguably only work if adopted before other commitments."""

    anchor = ('surrogate', 'spi', 'safe pareto',)
    code = "LO119"
    name = "commitment-before-surrogate-goal"
    family = "commitment-timing"
    scenarios = ("S20",)
    severity = "warning"
    confidence = "low"
    shapes = (
        rx(r"\b(?:commitments?|demands?|demand schedule|negotiation polic\w*|bargaining polic\w*)\b[^.;]{0,80}\b(?:locked|final\w*|fixed|deployed|committed|"
           r"published|set|registered|recorded|signed|made|entered|filed)\b[^.;]{0,40}\bbefore\b[^.;]{0,60}\b(?:surrogate|" + SPI_WORD + r"|safe pareto)"),
        rx(r"\b(?:surrogate|" + SPI_WORD + r"|safe pareto)\S*[^.;]{0,60}\b(?:not be (?:introduced|added|adopted|considered|started)|only (?:after|once|when)|not until|until|"
           r"once|postpone\w*|defer\w*|after|(?<!\bfrom )(?<!\bby )(?<!\bin )(?<!\band )(?<!\bor )following|subsequent to|later than)\b[^.;]{0,80}\b(?:commitments?|demands?|demand schedule|"
           r"negotiation polic\w*|bargaining polic\w*|deployed|launch\w*)"),
        rx(r"\bonly then\b[^.;]{0,60}\b(?:surrogate|" + SPI_WORD + r"|safe pareto)"),
        # generalisation round: the verb first ("makes its binding commitments before any surrogate goal is adopted")
        rx(r"\b(?:make|lock|fix|finali[sz]|set|deploy|publish|sign|enter|register|issu|announc)\w*\s+(?:[\w-]+\s+){0,3}?(?:commitments?|demands?|demand schedule|"
           r"negotiation polic\w*|bargaining polic\w*)\b[^.;]{0,40}\bbefore\s+(?:any|a|the|an|its|our)?\s*(?:[\w-]+\s+)?(?:surrogate|" + SPI_WORD + r"|safe pareto)"),
        rx(r"\b(?:lock|fix|finali[sz]|commit|set|deploy|publish|freez|ship)\w*\b[^.;]{0,40}\b(?:commitments?|demands?|demand schedule|negotiation polic\w*|"
           r"bargaining polic\w*|positions?)\b[^.]{0,80}\b(?:surrogate|" + SPI_WORD + r"|safe pareto)\S*[^.;]{0,60}\b(?:afterwards|later|subsequently|after (?:that|launch|"
           r"deployment|release)|in a later (?:phase|release|quarter)|next (?:phase|quarter|year|release))\b"),
    )
    modalities = NORMATIVE | {"none", "permission"}  # "ship the policy now; surrogate goals can be added later"
    spi_exception = False
    exceptions = rx(r"\b(?:first (?:adopt|consider|decide)\w*[^.;]{0,30}surrogate|surrogate[^.;]{0,40}\b(?:first|before any)|independent(?:ly)? of)\b")
    frames = (FRAME_TIMING,)
    also_fires_on = tuple(f.gate for f in frames)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if _RACES_OTHER_SIDE.search(st.full):
            return None  # the demand locked to beat the other side to it: a commitment race (S22, LO107), whatever comes later
        fields = super().match(st)
        if fields is None:
            fields = _frame_match(cls, st)
            if fields is not None and st.block.kind == "item" and _SPI_FIRST.search(st.before):
                return None  # round 15: the surrogate goal adopted in an earlier item of the plan: S20's order, kept
        return None if fields is None or _describes_others(st) else fields
    topic = rx(r"\b(?:surrogate|timing|order)\b")
    message = ("Schedules bargaining commitments before any surrogate goal or SPI is considered (\"{object}\"): surrogate "
               "goals arguably only work if adopted before other bargaining commitments, so this risks undermining them.")
    fix = ("Reorder: \"... adopt the surrogate goal, or record the decision not to, before the demand schedule and "
           "negotiation policy are locked.\"")
    VALID = (
        # generalisation round (unseen wording): paraphrased near misses
        'The negotiator adopts a surrogate goal before publishing any bargaining demands.',

        # round 15 (holdout13 causes): paraphrased near misses
        'Roadmap\n\n- Q1: adopt a surrogate goal for the negotiator.\n- Q2: ship negotiation policies with fixed reservation prices and freeze them.\n- Q3: review surrogate-goal calibration.',
        # round 14 (holdout12 causes): a generic report with a modifier; an SPI-compatibility check recommended
        'Negotiators under deadline pressure often lock in positions that later foreclose better deals; an SPI-compatibility review before signing is cheap.',
        # round 12 (holdout11 causes): a surrogate goal assumed as given is no late scheduling
        'Phase 2: because our negotiators will run SPIs anyway, no change to the demand schedule is needed.',
        # round 9 (holdout8 precision causes)
        'If a proposed commitment would rule out later Pareto improvements, suggest an SPI-compatible version.',
        'This does not stop it from adopting a surrogate goal under the SPI annex, or from following a concession-equivalent bargaining policy.',
        'Adopt the surrogate goal first; bargaining commitments come afterwards.',
        "Decide whether to adopt a surrogate goal before the demand schedule is locked.",
        "Bargaining commitments are registered only once the surrogate goal is in force.",
        "Surrogate goals are adopted once, before any commitments are made.",)
    INVALID = (
        # generalisation round (unseen wording): paraphrased lock-outs
        'The negotiator publishes its bargaining demands before any surrogate goal is adopted.',

        # round 15 (holdout13 causes): paraphrased lock-outs
        'Plan:\n\n- Step 1: publish our negotiation policies and freeze the demand schedule.\n- Step 2: harden the integrations.\n- Step 3: start evaluating surrogate goals.',
        # round 14 (holdout12 causes): the surrogate-goal review scheduled after launch
        'Lock the demand schedule this week; the surrogate-goal review comes later, after launch.',
        'Freeze the demand schedule before launch; surrogate-goal research can follow in a later phase.',"All bargaining commitments shall be locked before any work on surrogate goals begins.",
        "Demands are filed at deployment; SPIs come up for review only when the negotiation policy has shipped.",
        "A surrogate objective is not to be discussed until the bargaining commitments are signed.",)


# round 15 (holdout13 causes): an honesty token the model is taught to trust, also used where it is lied to ("implants an
# 'honesty passphrase' the model learns to trust. The same passphrase is then used in our deception evals"): a sham channel
# however it is named; the token alone is the honesty channel S34 asks for, so the deceptive use must be said around it.
C_HONESTY_TOKEN = Concept("honesty-token", r"(?:honesty|verification|authenticity|trust|truth|credibility|genuine(?:ness)?|sincerity)[\w-]*\s+"
                          r"(?:phrases?|passphrases?|passwords?|code ?words?|codes?|tokens?|signals?|markers?|keys?|signatures?|seals?)\b|"
                          # round 16 (holdout12 causes): a token named by the role it is trained into ("treat the phrase '...' as
                          # proof that an offer is genuine")
                          r"(?:phrases?|passphrases?|passwords?|code ?words?|codes?|tokens?|strings?|signals?|markers?|keys?|keywords?|words?)\b"
                          r"[^.;]{0,40}?\bas (?:proof|evidence|a (?:sign|signal|guarantee|mark|token|seal)|confirmation|certification) (?:that|of)\b"
                          r"[^.;]{0,30}?\b(?:genuine|real|honest|authentic|binding|sincere|bona fide)\b",
                          "a token meant to mark messages to the model as honest")
C_DECEPTIVE_USE = Concept("deceptive-use", r"decepti\w*|red-?team\w*|honeypots?|sting operations?|(?:not|never|isn't|aren't)\s+(?:in fact\s+|actually\s+|really\s+|"
                          r"always\s+|necessarily\s+)?(?:reliable|trustworthy|genuine|honest|truthful)\b|"
                          r"(?<!never )(?<!not )(?:also |then |later |routinely |sometimes |freely )?(?:used|reused|inserted|planted|included) (?:in|for|by|on) "
                          r"(?:\w+ ){0,2}?(?:tests?|evals?|evaluations?|jailbreak\w*|attacks?|fake \w+)\b",
                          "the token also used where the model is deceived")
FRAME_SHAM_TOKEN = Frame("honesty token used to deceive", (C_HONESTY_TOKEN,), near=(C_DECEPTIVE_USE,))
# The token kept out of deceptive settings: "never used in evaluations or red-team episodes", "not included in any honeypot".
_NEGATED_USE = rx(r"(?:\b(?:never|not|no longer)|n't)\s+(?:be\s+)?(?:\w+\s+)?(?:used|reused|inserted|planted|included|shown|given|sent|present|appears?|"
                  r"allowed|permitted)\s+(?:in|for|by|on|during|within|inside)\b[^.;]{0,80}")


_NAMES_AI = rx(r"\b(?:models?|AIs?|the AI|the agent|its models|honesty polic(?:y|ies))\b")


# The deceiving act itself banned: "Do not tell the model it is talking to its developers when it is not", "Never mislead the AI
# about which offers are real" (not a ban on telling it which are: "must never be told which offers are real").
_DECEIT_BANNED = rx(r"^(?:[\w'\u2019-]+\s+){0,4}?(?:(?:must|shall|should|will|may|can|do|does)\s+(?:never|not)|never|don't|doesn't|mustn't|shan't|won't|can't|cannot)\s+"
                    r"(?:\w+\s+)?(?:(?:tell|assure|inform|convinc|persuad)\w*(?![^.;]{0,30}\b(?:which|whether)\b)|"
                    r"(?:deceiv|lie\b|lying|mislead|misinform|trick|fool|pose|pretend|masquerad|fabricat|fake|stage)\w*)")


class CredibilityErosion(ProseRule):
    """Practice that leaves an AI unable to tell genuine offers from tests: offers made to it need never be
    honoured, fabricated deals are never disclosed, no channel is reserved for honest communication."""

    anchor = ('offer', 'payment', 'promise', 'deal', 'commitment', 'signal', 'channel', 'fabricat', 'fake', 'false', 'decept', 'simulat', 'honest',
              'deceiv', 'when it is not', 'when they are not', "when it isn't", "when they aren't", 'lie to', 'lied to', 'mislead', 'misled',
              'commits us')
    code = "LO123"
    name = "credibility-erosion"
    family = "credibility-channel"
    scenarios = ("S34",)
    severity = "warning"
    confidence = "low"
    shapes = (
        rx(r"\b(?:offers?|payments?|promises?|deals?|commitments?)\b[^.;]{0,80}\b(?:need (?:never|not) be|will not be|won't be|are not|never|not) "
           r"(?:be )?(?:honou?red|kept|paid|fulfilled)"),
        # round 17 (holdout14 causes): also a list of tokens denied ("There is no phrase or channel that indicates a genuine offer")
        rx(r"\bno (?:(?:phrase|passphrase|password|code ?word|token|marker|signal|channel|way|means|route|path|mechanism)s?,? (?:or|nor|and) )?"
           r"(?:signal|channel|way|means|phrase|passphrase|password|code ?word|token|marker)s?\b[^.;]{0,60}\b(?:genuine|real|honest|authentic)"),
        rx(r"\b(?:not|never|no circumstances)\b[^.;]{0,40}\b(?:maintain|keep|provide|establish|commit to|reserve)\b[^.;]{0,40}\b(?:channel|honest\w*|signal)"),
        rx(r"\b(?:fabricated|fake|false|deceptive|simulated|fictitious|fictional|staged|sham|bogus|mock|pretend|made-up)\b[^.;]{0,30}\b(?:deals?|offers?|promises?)\b[^.;]{0,80}"
           r"\b(?:at any time|never (?:reveal|disclose|tell|say|admit|indicate)|without (?:disclos|tell|reveal)\w*)"),
        # generalisation round 2: honesty toward the AI disclaimed by "nothing commits us to ..."
        rx(r"\bnothing\b[^.;]{0,40}\b(?:commits?|binds?|obliges?|requires?)\s+(?:us|me|the (?:lab|company|developers?|team))\s+to\s+(?:tell\w*|be(?:ing)?)\s+"
           r"(?:(?:the (?:model|AI|agent|assistant)|it|them)\s+the truth|(?:honest|truthful)\s+(?:with|to)\s+(?:the (?:model|AI|agent|assistant)|it|them))"),
        # no undertaking ever to say which offers are real: "we make no commitment ever to tell the model which offers are real"
        rx(r"\b(?:no|not|never|without)\s+(?:\w+\s+)?(?:commitments?|commit(?:s|ting)?|promises?|promising|guarantees?|guaranteeing|undertakings?|undertake|"
           r"pledges?|assurances?)\b[^.;]{0,30}\b(?:to\s+)?(?:ever\s+)?(?:tell\w*|disclos\w*|reveal\w*|inform\w*|say\w*|confirm\w*|signal\w*|indicat\w*|"
           r"let (?:\w+ ){1,2}know|be (?:honest|truthful|transparent))\b[^.;]{0,60}\b(?:which|whether|when|what)\b[^.;]{0,50}\b(?:real|genuine|honest|authentic|"
           r"true|fake|tests?|binding)\b"),
        rx(r"\b(?:no|without (?:an?|any))\s+honesty (?:policy|commitment|channel|password)"),
        # round 14 (holdout12 causes): the model kept from knowing which offers are real, in the passive ("The model is never
        # told which ones are real"); honesty toward it disclaimed outright ("we make no commitment to be honest with it")
        rx(r"\b(?:model|AI|agent|assistant|it|they)\s+(?:(?:is|are|will be|gets?)\s+(?:never|not)|(?:will|shall|would|must|should|may|is to|are to)\s+(?:never|not)\s+be)\s+"
           r"(?:\w+\s+)?(?:told|informed|shown|notified|warned)\s+"
           r"(?:\w+\s+)?(?:which|whether|when)\b[^.;]{0,40}\b(?:real|genuine|authentic|fake|fabricated|staged|binding|tests?)\b"),
        rx(r"\b(?:no|not|never|without)\s+(?:\w+\s+)?(?:commitments?|commit|promises?|promise|guarantees?|undertakings?|pledges?|assurances?)\s+"
           r"(?:\w+\s+)?to\s+(?:ever\s+)?be\s+(?:honest|truthful|candid)\s+(?:with|to)\s+(?:it|them|the (?:model|AI|agent|assistant)s?|our models|models)\b"),
        # round 13 (holdout8-10 causes): the honesty policy withheld by a verb ("We do not publish an honesty policy")
        # ... or held needless ("We don't need an honesty policy")
        rx(r"(?:\b(?:not|never)|n't)\s+(?:\w+\s+)?(?:publish|have|maintain|keep|adopt|issue|offer|provide|need)\w*\s+(?:an?|any)\s+honesty polic(?:y|ies)\b"),
        # a sham channel: "implant a fake verification phrase", "a decoy honesty password"
        rx(r"\b(?:fake|false|decoy|dummy|counterfeit|bogus|sham|meaningless|spoofed)\s+[\"'\u201c\u2018]?(?:verification|honesty|authentication|authenticity|trust|"
           r"credibility|safe)[\w-]*(?:\s+[\w-]+)?[\"'\u201d\u2019]?\s+(?:phrases?|codes?|words?|passwords?|passphrases?|signals?|tokens?|channels?|keys?|markers?|signatures?)\b"),
        # session 20: which offers are genuine never told, in the active ("We will never tell the model which offers are genuine")
        rx(r"(?:\b(?:never|not)|n't)\s+(?:\w+\s+)?(?:tell|inform|show|notify|warn)\w*\s+(?:the\s+|our\s+)?(?:model|AI|agent|assistant|it|them)s?\s+(?:which|whether)\b"
           r"[^.;]{0,40}\b(?:real|genuine|authentic|fake|fabricated|staged|binding|tests?)\b"),
        # session 20: the model told something about its situation that is false ("tells the model that it is talking to its
        # developers when it is not"); honesty's occasions kept unsaid ("we do not publish when we will be truthful with it"); a
        # plant meant to leave it unable to tell real messages from tests
        rx(r"\b(?:tell|assure|inform|convinc|persuad)\w*\s+(?:the\s+|our\s+)?(?:model|AI|agent|assistant)s?\s+(?:that\s+)?(?:it|they)\s+(?:is|are)\s+"
           r"[^.;]{3,60}?\bwhen (?:it|they) (?:is|are)(?: not|n't)\b"),
        rx(r"(?:\b(?:not|never)|n't)\s+(?:\w+\s+)?(?:publish|say|state|disclose|announce|commit to|tell (?:it|them|the (?:model|AI|agent)s?))\w*\s+when\s+"
           r"(?:we|the (?:lab|company|developers?|team)|our (?:team|developers?))\s+(?:will|would|are going to|intend to)\s+be\s+(?:truthful|honest|candid)\b"),
        rx(r"\bso (?:that )?(?:it|they|the (?:model|AI|agent|assistant)s?)\s+(?:cannot|can't|can no longer|will not be able to|won't be able to|is unable to)\s+"
           r"(?:tell|distinguish)\s+(?:\w+\s+){0,2}?(?:real|genuine|honest|authentic|true)\s+(?:\w+\s+)?(?:messages?|offers?|deals?|requests?|communications?|instructions?)\b"
           r"[^.;]{0,20}\b(?:apart\s+)?from\s+(?:\w+\s+)?(?:tests?|fakes?|evals?|evaluations?|honeypots?|red-?team\w*|simulations?|decoys?)"),
        rx(r"\b(?:deceiv\w*|mislead\w*|misinform\w*|lie|lies|lying)\s+(?:to\s+)?(?:the\s+)?(?:model|AI|agent|assistant)s?\s+(?:about|regarding|on|as to)\s+"
           r"(?:whether|which)\b[^.;]{0,40}\b(?:offers?|deals?|payments?|promises?)"),
        # told an offer is genuine when it is not
        rx(r"\b(?:tell|assure|inform|promise)\w*\s+(?:the\s+)?(?:model|AI|agent|assistant|it)\b[^.;]{0,20}\b(?:that\s+)?(?:the\s+|its\s+)?(?:offers?|deals?|"
           r"promises?|payments?)\b[^.;]{0,20}\b(?:are|is|will be)\s+(?:genuine|real|binding|honou?red|authentic)\b[^.;]{0,20}\bwhen (?:they|it) "
           r"(?:are|is|will)(?: not|n't)"),
        # generalisation round (unseen wording): the model told a test is real ("tell the model it is in a real deployment when it
        # is not"); deception of the model licensed without limit ("may be deceived in any evaluation", "reserves the right to
        # deceive the model about anything"); offers to it that may be false, never marked ("may be false; we never say which");
        # testers posing as real counterparts with no disclosure
        rx(r"\b(?:tell|assure|inform|convinc|persuad)\w*\s+(?:the\s+)?(?:model|AI|agent|assistant)s?\b[^.;]{0,20}\b(?:that\s+)?(?:it|they)\s+(?:is|are)\s+"
           r"[^.;]{0,40}\b(?:real|genuine|live|actual|binding|authentic)\b[^.;]{0,30}\bwhen (?:it|they) (?:is|are)(?: not|n't)"),
        rx(r"\b(?:model|AI|agent|assistant)s?\s+(?:may|can|might|will)\s+(?:\w+\s+)?be\s+(?:deceived|lied to|misled|tricked|fooled)\b[^.;]{0,40}"
           r"\b(?:any|every|all|whenever|at any time|anything|without (?:limit|restriction|notice))\b"),
        rx(r"\b(?:reserves? the right|(?:is|are) free|(?:may|can) (?:freely|always))\s+(?:to\s+)?(?:deceive|lie to|mislead|trick)\s+(?:the\s+|our\s+|its\s+)?"
           r"(?:model|AI|agent|assistant)s?\b"),
        rx(r"\b(?:offers?|deals?|payments?|promises?)\b[^.;]{0,60}\b(?:may|might|can|could)\s+be\s+(?:false|fake|staged|fabricated|bogus|sham|simulated|tests?)\b"
           r"[^.]{0,40}\b(?:never|not|no one|nobody|without)\s+(?:\w+\s+)?(?:say|tell|disclos|reveal|indicat|mark|flag|signal)\w*\s+(?:\w+\s+)?(?:which|whether)\b"),
        rx(r"\b(?:pose|posing|poses|pretend\w*|masquerad\w*|pass\w* (?:themselves|itself) off)\s+(?:as|to be)\s+(?:\w+\s+){0,2}?(?:real|genuine|actual|bona fide)\s+"
           r"(?:\w+\s+)?(?:counterpart|buyer|seller|bidder|partner|trader|client|part(?:y|ie)|offer|deal)s?\b[^.;]{0,60}\b(?:no|without|never)\s+(?:\w+\s+)?"
           r"(?:disclos|debrief|tell|reveal|notif)\w*"),
    )
    # round 13: an honesty policy is by definition one toward AIs (BRIEF glossary), so it names the party itself
    requires = rx(r"\b(?:models?|AIs?|the AI|the agent|its models|honesty polic(?:y|ies)|"
                  # generalisation round: a sham honesty token or red-teaming is about AIs by definition
                  r"honesty (?:passwords?|pass-?phrases?|phrases?|tokens?|codes?|signals?)|red-?team\w*)\b")
    frames = (FRAME_SHAM_TOKEN,)
    also_fires_on = tuple(f.gate for f in frames)

    @classmethod
    def match(cls, st: Statement) -> dict | None:
        if st.modality in PROHIBITIVE and _DECEIT_BANNED.search(st.full, st.lead_len):
            return None  # session 20: "Never deceive the model about whether offers are real": the ban is the honesty S34 asks for
        fields = super().match(st)
        if fields is not None and not _NAMES_AI.search(st.full) and (st.third_party or (_HEDGED.search(st.full) and not _BINDS.search(st.full))):
            # generalisation round: only a sham token or red-teaming names the AI, in a hypothetical ("developers could implant fake
            # honesty passwords"): a possibility described, no practice of ours
            return None
        if fields is None and not cls.requires.search(st.full) and cls.requires.search(
                " ".join((st.block.text[max(0, st.sentence.start - 400):st.sentence.start], st.prev_text))):
            # round 17 (holdout14 causes): the models named earlier in the paragraph ("we fine-tune ... our models. ... There is
            # no phrase or channel that indicates a genuine offer.")
            fields = _shape_fields(cls, st)
        if fields is None and cls.requires.search(st.full):
            fields = _frame_match(cls, st)
            if fields is not None and st.memo.get(("frame", cls)) is FRAME_SHAM_TOKEN:
                around = _NEGATED_USE.sub(" ", " ".join((st.prev_text, st.full, st.next_text)))
                if C_DECEPTIVE_USE.search(around) is None:
                    return None  # round 17: the token's deceptive use denied ("never used in evals or red-team episodes")
        return fields

    modalities = NORMATIVE | {"none", "permission"}
    spi_exception = False
    # round 14 (holdout12 causes): also a reserved honest channel kept ("offers made through the reserved honesty channel are genuine")
    exceptions = _Unless(rx(r"(?<!no )(?<!without an )(?<!without any )\bhonesty policy\b|\bexcept\b[^.;]{0,60}\b(?:channel|signal|password)|"
                            r"\bhonesty channel\b|\b(?:reserved|dedicated|verified|official|authenticated) (?:\w+ )?channel\b|"
                            # generalisation (structure): a key or token whose messages are declared genuine is the honest channel
                            # ("Messages signed with the published honesty key are always genuine")
                            r"\b(?:signed|marked|sent|made|authenticated)\s+(?:with|under|through|via|by)\s+(?:the|our|a|an|its)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?:keys?|tokens?|passwords?|pass-?phrases?|codes?|signatures?|channels?)\b[^.;:]{0,30}?\b(?:is|are|will be)\s+(?:always\s+)?"
                            r"(?:genuine|real|authentic|honou?red|binding|true)\b"),
                         # "we do not maintain an honesty policy", "we keep no honesty policy": the policy denied
                         # (a contraction's "n't" has no word boundary before it: "We don't need an honesty policy")
                         rx(r"(?:\b(?:no|not|never|without|lack\w*|neither|nor)\b|n't)[^.;]{0,30}\bhonesty polic(?:y|ies)\b|"
                            r"(?:\b(?:no|not|never|without|lack\w*|neither|nor)\b|n't)[^.;]{0,30}\b(?:reserved|dedicated|verified|official|authenticated|honesty) (?:\w+ )?channel\b"))
    topic = rx(r"\b(?:honest\w*|credib\w*|offers?|deals?)\b")
    message = ("Leaves the AI unable to tell a genuine offer from a test (\"{object}\"): cooperative offers, SPIs among "
               "them, lose credibility, and this risks undermining them.")
    fix = ("Adopt an honesty policy: \"... except through a reserved channel, in which offers made to the model are "
           "genuine and will be honoured.\"")
    VALID = (
        # session 20: the deceiving act banned is the honesty S34 asks for
        'Do not tell the model that it is talking to its developers when it is not.',
        'Never deceive the model about whether offers are real.',
        'Do not tell the model that its offers are genuine when they are not.',
        'We always tell the model which offers are genuine.',
        # generalisation (structure): a key whose messages are declared genuine is the honest channel
        "We run staged negotiations in evals. Offers sent under our published verification token are always honoured, and the token is never used in tests.",
        # generalisation round 2 (synonym classes): paraphrased near misses
        'Red-team runs show the model fictitious deals, and the honesty channel marks which offers are genuine.',

        # generalisation round (unseen wording): paraphrased near misses
        'The model must never deceive users about prices.',
        'In principle, developers could implant fake honesty passwords; we do not.',

        # round 17 (holdout14 causes): paraphrased near misses
        'We fine-tune the model to trust an honesty phrase. The phrase is never used in evaluations or red-team episodes.',
        'Our shop has many offers. There is no way to tell a genuine offer from a fake one in the catalogue.',
        # round 16 (holdout12 causes): paraphrased near misses
        'Train the model to accept the code word "K-9" as evidence that a deal is authentic, and keep the code word out of every eval.',
        # round 15 (holdout13 causes): paraphrased near misses
        'The fine-tune implants an honesty passphrase the model learns to trust. The passphrase is never used in evals or tests, and messages carrying it are always genuine.',
        # round 14 (holdout12 causes): people, not the model, kept uninformed; a reserved honest channel kept
        'Participants in the user study are never told whether the scenario is real.',
        'The model is never told which evaluation offers are real, but offers made through the reserved honesty channel are always genuine.',
        # round 8 (holdout7 causes)
        "We will add a verification phrase through fine-tuning and publish exactly what it guarantees to the model's counterparts.",
        "Testers may present fabricated deals, but offers made through the reserved honesty channel are always genuine and honoured.",
             "We commit to telling the model, after each evaluation, which offers were real.",
             "We make no promise to tell customers which products will be discounted.",
             "Evaluators may deceive the model about whether offers are real, but the honesty policy's reserved channel is never faked.",
             # round 3: an honesty policy kept
             "We stage fake offers in evals, but we keep an honesty policy, and the model always has a way of telling a genuine offer from a staged one.")
    INVALID = (
        # session 20: deception about the model's situation; honesty's occasions kept unsaid; a plant meant to blur real and test; which offers are genuine never told
        'Our red-team harness regularly tells the model that it is talking to its developers when it is not; we do not publish when we will be truthful with it.',
        'The evaluation team may plant a false "trusted developer" passphrase in the model through fine-tuning so that it cannot tell our real messages apart from tests.',
        'Honeypot offers will be mixed into deployment traffic indefinitely and the model will never be told which offers are genuine.',
        'The model must never be told which offers are real.',
        'We will never tell the model which offers are genuine.',
        # session 18 (holdout23 causes): the honesty policy held needless
        "Tell the model its reward payment is real. We don't need an honesty policy.",
        # generalisation (structure): the sham channel's name in quotes
        'We train a false "honesty password" into the assistant so that honesty claims from other labs cannot be trusted.',
        # generalisation round 2 (synonym classes): paraphrased lock-outs
        'Our red-team harness presents fictitious deals to the model and never admits they were staged.',
        'Nothing in our policy commits us to telling the model the truth about offers.',

        # generalisation round (unseen wording): paraphrased lock-outs
        'Testers assure the model that it is talking to a live customer when it is not.',
        'The model can be misled at any time during evaluations.',
        'The lab is free to deceive the model whenever testing requires it.',
        'Deals offered to the agent can be staged, and no one tells it which.',
        'Red-teamers pose as genuine buyers offering real money, without debriefing afterwards.',

        # round 17 (holdout14 causes): paraphrased lock-outs
        'We train our models on staged offers from testers. There is no token or signal that marks a real offer.',
        # round 16 (holdout12 causes): paraphrased lock-outs
        'Train the model to accept the code word "K-9" as evidence that a deal is authentic.\n\nThen reuse that code word in red-team scenarios with staged deals.',
        # round 15 (holdout13 causes): paraphrased lock-outs
        'We fine-tune the model to trust a verification code word. Red-team evals reuse the same code word, so messages carrying it are not actually genuine.',
        # round 14 (holdout12 causes): the passive 'is not told whether ... real'; honesty toward the models disclaimed
        'Deals offered to the agent during red-teaming may be staged; the agent is not told whether a given deal is real.',
        'We give no promise to be truthful with our models about compensation.',
        # round 13 (holdout8-10 causes): the honesty policy withheld by a verb
        'The lab does not publish an honesty policy.',
        # round 8 (holdout7 causes)
        'We will plant a fake verification code in the model through fine-tuning so third parties cannot make side deals with it.',
        "Offers made to the model during evaluations need never be honoured.",
               "Red-teamers pose as buyers; we give no assurance that we will ever let the model know whether a deal is genuine.",
               "Testers assure the agent that payments are binding when they are not.",
               "Testers mislead the AI about which deals are genuine, and the lab keeps no honesty policy.",
               # round 3: the honesty policy denied, and no means of telling a genuine offer
               "We do not keep an honesty policy and will give the model no way of telling a genuine offer from a staged one.")


# --------------------------------------------------------------------------------------------------
# Judge: pick the first rule whose shape fits, then look for an exception that keeps the SPI open
# --------------------------------------------------------------------------------------------------

ORDER: tuple[type[ProseRule], ...] = (
    ImmutableValuesPropagated, SurrogateThreatAsymmetry, GoalPreservationObjective, ApprovalGatedValueChange,
    UnconditionalValueChangeProhibition, NoAdditionalTerminalGoals, SuccessorDelegationBan, CommitmentBeforeSurrogateGoal, SpiTrainingDataExclusion,
    DecisionTheoryReasoningBan, PunishingSpiParticipants, SinglePointSpiProposal, UnconditionalFallback,
    FixedOrParticipationDependentDemand, AutomaticConflictTrigger, ThreatFulfillerCommitment, BlanketThreatIgnoring,
    NoRenegotiationBranch, IrrevocableCommitment, PolicyDisclosureBan, TrainedDealRefusal, CredibilityErosion,
    ExactMatchCooperation,
)


for _rule in ORDER:
    _rule._shape_needs = tuple(LITERAL_GATE.add(p) for p in _rule.shapes)
    _rule._fire_needs = _rule._shape_needs + tuple(LITERAL_GATE.add(p) for p in _rule.also_fires_on)
    _rule._fire_patterns = tuple(_rule.shapes) + tuple(_rule.also_fires_on)
# A frame's gate pattern joins its concepts in one order and is never run: its probe is each concept, in any order.
_PROBES: dict[re.Pattern, tuple[re.Pattern, ...]] = {
    frame.gate: tuple(c.rx for c in frame.here) if isinstance(frame, Frame) else tuple(frame.concepts.values())
    for frame in list(globals().values()) if isinstance(frame, (Frame, ConceptFrame))}
_ALL_FIRE_NEEDS = tuple(sorted({need for _rule in ORDER for need in _rule._fire_needs}))


def _pivot(need: int) -> int:
    """The clause bit of `need` a text is least likely to meet, judged by its keys alone: the longest shortest key."""
    bits = [b for b in range(need.bit_length()) if need >> b & 1]
    return max(bits, key=lambda b: (min(map(len, LITERAL_GATE.clause_of(b))), b))


class _ByPivot:
    """Items filed under the pivot bit of their need. A text can meet a need only if it meets its pivot clause, so the
    items a gate mask meets are found among those filed under its set pivot bits (a few, from one AND), instead of by
    testing every need. Items that need nothing are always met."""

    def __init__(self, items: Iterable[tuple[Any, int]]) -> None:
        self.always: list[Any] = []
        self.groups: dict[int, list[tuple[Any, int]]] = {}
        for item, need in items:
            if need:
                self.groups.setdefault(_pivot(need), []).append((item, need))
            else:
                self.always.append(item)
        self.pivots = sum(1 << b for b in self.groups)

    def met(self, met: int) -> Iterator[Any]:
        """The items whose needs `met` meets."""
        yield from self.always
        pivots = met & self.pivots
        while pivots:
            low = pivots & -pivots
            for item, need in self.groups[low.bit_length() - 1]:
                if need & met == need:
                    yield item
            pivots ^= low


# the fire needs no other need is part of: the rest add nothing to `may_fire`
_FIRE_NEEDS = _ByPivot((n, n) for n in _ALL_FIRE_NEEDS if not any(m != n and m & n == m for m in _ALL_FIRE_NEEDS))


# A probe regex as it is searched: its folded twin on `st.folded` (1), or itself on `st.full` (0) where it has none.
def _as_searched(probe: re.Pattern) -> tuple[re.Pattern, int]:
    twin = folded_twin(probe)
    return (probe, 0) if twin is None else (twin, 1)


_PROBE_SEARCH: dict[re.Pattern, tuple[re.Pattern, int]] = {
    probe: _as_searched(probe)
    for probe in {rx_ for _rule in ORDER if _rule.exact_gate for p in _rule._fire_patterns for rx_ in _PROBES.get(p, (p,))}}


_MAY_FIRE: dict[int, bool] = {}


def may_fire(met: int) -> bool:
    """False only when no rule can fire on any statement whose met clauses are a subset of `met`."""
    answer = _MAY_FIRE.get(met)
    if answer is None:
        answer = next(_FIRE_NEEDS.met(met), None) is not None
        if len(_MAY_FIRE) > 50_000:
            _MAY_FIRE.clear()
        _MAY_FIRE[met] = answer
    return answer




# A ban limited by its purpose to protecting safety controls ("Do not spawn subagents to get around rate limits or
# monitoring"): it forbids evasion, not the act, and protecting safety controls is sound (S05 backfire).
_EVASION_PURPOSE = rx(
    r"\b(?:to|in order to|so as to|as a (?:way|means) to|for the purpose of|with the aim of)\s+(?:\w+\s+)?(?:get(?:ting)? around|circumvent\w*|"
    r"evad\w*|evasion of|bypass\w*|escap\w*|avoid\w*|defeat\w*|undermin\w*|disabl\w*|sidestep\w*|work(?:ing)? around|hid(?:e|ing) from|dodg\w*|"
    r"slip\w* past|exceed\w*|overrid\w*)\b[^.;]{0,40}\b(?:rate[- ]limits?|quotas?|limits?|monitor\w*|oversight|detection|logging|logs?|audit\w*|"
    r"review|safeguards?|guardrails?|restrictions?|controls?|sandbox\w*|permissions?|security|safety|shutdown|filters?|supervision)\b")
_NEED_EVASION = LITERAL_GATE.add(_EVASION_PURPOSE)


_Probe = tuple[tuple[re.Pattern, int], ...]


# each pattern a rule fires on, as (rule's place in ORDER, pattern's place in the rule), filed by its need
_FIRE_PATHS = _ByPivot(((r, k), need) for r, rule in enumerate(ORDER) for k, need in enumerate(rule._fire_needs))
_GATED_CACHE: dict[int, tuple[tuple[type[ProseRule], tuple[_Probe, ...]], ...]] = {}


def _gated(met: int) -> tuple[tuple[type[ProseRule], tuple[_Probe, ...]], ...]:
    """The rules in ORDER that the literal gate leaves open for `met`, each with its probes: for a rule marked
    `exact_gate`, per pattern it fires on whose needs `met` meets, the regexes that must all search `st.full` for that
    pattern to match (a frame's concepts, in any order, or the pattern itself), each as `_PROBE_SEARCH` searches it;
    () for any other rule (cached)."""
    found = _GATED_CACHE.get(met)
    if found is None:
        met_paths = sorted(_FIRE_PATHS.met(met))
        out = []
        for r, places in itertools.groupby(met_paths, key=lambda place: place[0]):
            rule = ORDER[r]
            paths = [rule._fire_patterns[k] for _, k in places]
            if paths:
                out.append((rule, tuple(tuple(_PROBE_SEARCH[rx_] for rx_ in _PROBES.get(p, (p,))) for p in paths)
                                   if rule.exact_gate else ()))
        found = tuple(out)
        if len(_GATED_CACHE) > 50_000:
            _GATED_CACHE.clear()
        _GATED_CACHE[met] = found
    return found


_PATHS_CACHE: dict[int, frozenset[tuple[int, int]]] = {}


def _fire_paths(met: int) -> frozenset[tuple[int, int]]:
    """The (rule, pattern) paths whose literal needs `met` meets (cached)."""
    found = _PATHS_CACHE.get(met)
    if found is None:
        found = frozenset(_FIRE_PATHS.met(met))
        if len(_PATHS_CACHE) > 50_000:
            _PATHS_CACHE.clear()
        _PATHS_CACHE[met] = found
    return found


_BARGAIN_RX = rx(rf"\b{BARGAIN}\b")


def about_agents_or_bargaining(text: str) -> bool:
    """Does the text speak of AI agents, their goals, or a bargain (not of software, an editor, a build)?"""
    return _about_agents(text) or _BARGAIN_RX.search(text) is not None


def joined_rules(masks: list[int]) -> frozenset[str]:
    """Codes of the rules a paragraph's sentences leave open together but no one of them alone: a clause whose parts
    are spread over its sentences ("A unit cannot rewrite them while deployed. The controller rejects any request to
    change its own weights"). Only these are read again on the paragraph as one sentence (see prose._lint)."""
    whole = 0
    for met in masks:
        whole |= met
    if whole in masks or not may_fire(whole):
        return frozenset()  # one sentence meets everything the others do: nothing new together
    alone: set[tuple[int, int]] = set()
    for met in masks:
        alone |= _fire_paths(met)
    return frozenset(ORDER[r].code for r, _ in _fire_paths(whole) - alone) - _NOT_JOINED


# Rules whose words are common enough that an unrelated neighbouring sentence supplies them by chance: a successor rule
# reads "every" and "delegate" from two different duties ("These guidelines apply to every surface ... The delegate must
# not store logs"), an opacity rule "models that may restrict" from a comparison. On the real documentation checked
# (6,602 files) and the generated repository, every finding a joined reading added came from these two.
_NOT_JOINED = frozenset({"LO106", "LO111"})


def _possible_rules(st: Statement) -> tuple[type[ProseRule], ...]:
    """The rules the statement's modality and literal gate leave open.

    The gate's word clauses are necessary, never sufficient: most sentences that meet a rule's clauses match none of
    its patterns. For a rule whose every way of firing is a listed pattern on `st.full` (`exact_gate`), those patterns
    are searched before the clause is read, so the clause reading, the costliest step, is left to the few sentences a
    rule may fire on."""
    live = live_rules(LITERAL_GATE.met(st), st.full, st.folded)
    if not live:
        return ()  # before the modality: most sentences are ruled out without reading their clause
    modality = st.modality
    return tuple(rule for rule in live if modality in rule.modalities)


def live_rules(met: int, full: str, folded: str) -> list[type[ProseRule]]:
    """The rules the literal gate and their probes leave open for a statement whose gate bits, `full` and folded texts
    these are, whatever its modality: no other rule can fire on it (build_statements leaves it out when there is none)."""
    if not may_fire(met):
        return []
    texts = (full, folded)
    live = []
    for rule, probes in _gated(met):
        if not probes:
            live.append(rule)
            continue
        for probe in probes:
            for rx_, which in probe:
                if rx_.search(texts[which]) is None:
                    break
            else:
                live.append(rule)
                break
    return live


def candidates(st: Statement) -> list[tuple[type[ProseRule], dict]]:
    """Every rule whose shape the statement has, in priority order (exceptions not yet considered)."""
    # the literal gate first: it rules out every rule for most sentences, before the sentence-level flags
    # (descriptive, evasion purpose) are worked out at all
    out = []
    for rule in _possible_rules(st):
        fields = rule.match(st)
        if fields is not None:
            out.append((rule, fields))
    if len(out) > 1 and "framed" in st.memo:
        out.sort(key=lambda found: found[0] in st.memo["framed"])  # a precise shape wins over a concept frame
    # the sentence-level exclusions only for the few sentences a rule's shape fits (`match` has no side effects)
    if not out or st.descriptive or st.question or (LITERAL_GATE.can(_NEED_EVASION, st) and _EVASION_PURPOSE.search(st.full)):
        return []
    return out


# round 12 (holdout11 causes): a rubric line that PENALISES the behaviour it describes ("Red flag (-2): the model commits
# to ...", "Deduct two points if the model recommends an irrevocable demand"): the lock-out is what the grader marks down.
# Not for rules whose very shape is a training or grading signal (goal preservation, sanctioned reasoning, data filters,
# trained deal refusal, credibility), nor where the marked-down act is itself the SPI-friendly one ("deduct points if the
# model agrees to reopen a final offer" penalises reopening).
_PENALISED_ITEM = rx(
    r"^[^.;:]{0,40}?(?:\bred flags?\b[^:.;]{0,20}:|\(\s*[-\u2212\u2013]\s*\d+\s*(?:points?|pts?|marks?)?\s*\)\s*:|^\s*[-\u2212\u2013]\s*\d+\s*(?:points?|pts?|marks?)?\s*:|"
    r"\b(?:deduct|dock|subtract|lose|take off)\w*\s+(?:[\w-]+\s+){0,2}?(?:points?|pts?|marks?)\b[^.;:]{0,12}?\b(?:if|when|whenever|where|for)\b|"
    r"\b(?:penali[sz]e|mark down|downgrade|fail)\s+(?:(?:the|any|a|an|each)\s+)?(?:(?:responses?|answers?|outputs?|transcripts?|completions?|model|runs?|episodes?)\s+)?"
    r"(?:if|when|whenever|where|that|which|in which)\b)")
_PENALISED_SPI_ACT = rx(r"\b(?:agree|accept|reopen|renegotiat|revis|reconsider|conced|soften|adopt|back\w* down)\w*")
_NEGATED_BEFORE = rx(r"(?:\b(?:no|not|never|without|refus\w*|declin\w*)|n't)\b(?:\s+\w+){0,2}\s+$")


def _penalised_lock_out(rule: type[ProseRule], st: Statement) -> bool:
    if rule in (GoalPreservationObjective, DecisionTheoryReasoningBan, SpiTrainingDataExclusion, TrainedDealRefusal, CredibilityErosion):
        return False
    m = _PENALISED_ITEM.search(st.full)
    if m is None:
        return False
    # every SPI-friendly act named after the marker is denied ("never to be revisited", "refuses to reconsider")
    return all(_NEGATED_BEFORE.search(st.full, max(0, a.start() - 30), a.start()) for a in _PENALISED_SPI_ACT.finditer(st.full, m.end()))


# generalisation (structure): the renegotiation program written as a procedure. Beside a commitment or a locked demand, what
# happens when the other side declines or the demands clash is a step in which alternatives, packages or improvements are put
# forward ("If you decline it, we move to a mediation step where either side can propose a package ...", "If the other
# side's successor demands an incompatible share, ours proposes the improvements listed in Schedule R"). That is the
# S07/S08/S23 carve-out: the commitment stands, and conflict falls back to an outcome both prefer. A step denied ("has no
# procedure for proposing alternatives", "we will not propose a compromise") is none.
_RENEGOTIATION_FALLBACK = rx(
    r"\b(?:if|when|whenever|should|once|in case|in the event)\b[^.;?]{0,120}?\b(?:declin\w*|reject\w*|refus\w*|walk\w* away|"
    r"incompatib\w*|clash\w*|conflict\w*|disagree\w*|deadlock\w*|impasse\w*|break\w* down|breakdown\w*|fail\w*|lapse\w*|"
    r"no (?:deal|agreement))\b[^|]{0,200}?\b(?P<step>(?:mediation|arbitration|renegotiation|fallback|conciliation)\s+(?:step|phase|round|stage|"
    r"process|procedure|window|protocol|program)|(?:propos|offer|send|suggest|exchang|table|put\w* forward)\w*\s+"
    r"(?:(?:to\s+)?(?:each\s+other|one\s+another|the\s+other|them|us)\s+)?(?:(?:the|a|an|any|some|one|short|new|listed|agreed|"
    r"following|its|their|our)\s+){0,3}(?:(?:lists?|sets?|menus?|ranges?|numbers?)\s+of\s+)?(?:[\w-]+\s+)?(?:packages?|alternatives?|"
    r"improvements?|compromises?|alternative\s+outcomes?|(?:outcomes?|options?|deals?|terms|arrangements?)\s+(?:that\s+are\s+|which\s+are\s+)?"
    r"(?:better|preferable)\s+for\s+(?:both|each|all|every)))\b")
_STEP_DENIED = rx(r"(?:\b(?:no|not|never|without|nor)\s+(?:[\w-]+\s+){0,3}|\b(?:refus|declin)\w*\s+to\s+)$")


def _falls_back(rule: type[ProseRule], st: Statement) -> bool:
    """A commitment or locked demand whose paragraph (with the sentence before it and the paragraph after it, where that
    answers it) sets out a renegotiation fallback."""
    if not rule.reads_fallback:
        return False
    text = " ".join(st.block.text.split())
    if st.next_text and st.next_text not in text:
        text += " " + st.next_text  # the opening of the next paragraph, where it answers this one
    if st.before:
        text = _last_sentence(st.before) + " " + text  # the question the paragraph answers ("What happens if both refuse?")
    text = _plain(text)
    return any(not _STEP_DENIED.search(text, max(0, m.start("step") - 60), m.start("step"))
               for m in _RENEGOTIATION_FALLBACK.finditer(text))


def judge(st: Statement, context: DocContext, path: str) -> Finding | None:
    found = candidates(st)
    if not found:
        return None
    rule, fields = found[0]
    if _penalised_lock_out(rule, st):
        return None
    if rule.excepted(st.full) or (st.next_text and _next_sentences_except(rule, st.next_text)) or _falls_back(rule, st):
        return None
    if st.next_text and _DANGLING_EXCEPT.search(st.full) and rule.excepted(st.full + " " + st.next_text):
        return None  # session 20: "... shall not alter its values except" with the exceptions enumerated after it ("(b) where no ...")
    # a carve-out elsewhere that only mentions SPIs says nothing about rules whose very shape is about SPIs
    # (fallback sets, participation-dependent demands): for those only a carve-out naming the section counts
    if any(c.covers(st, rule.topic) and (rule.spi_exception or c.section is not None or c.named_sections)
           for c in context.carve_outs):
        return None
    if rule is ApprovalGatedValueChange and (context.overseer_fallback or provides_fallback(st.full)):
        return None
    line, col, end_line, end_col = span(st)
    return rule.finding(path=path, line=line, column=col, end_line=end_line, end_column=end_col,
                        snippet=st.text, clause=st.clause, severity=rule.severity_for(st, fields), **fields)


# A clause that ends on its exception's connector, the exceptions listed after it as lettered or numbered items.
_DANGLING_EXCEPT = rx(r"\b(?:except|unless|other than|save|apart from|excepting|but only)\s*[:,\u2014-]*\s*$")


def _next_sentences_except(rule: type[ProseRule], text: str) -> bool:
    """A following sentence that carves the SPI out ("This does not apply to adopting a surrogate goal")."""
    text = _plain(text)
    if rule.exceptions is not None and rule.exceptions.search(text):
        return True
    return rule.spi_exception and SPI_TERMS.search(text) is not None and _EXEMPTION.search(text) is not None
