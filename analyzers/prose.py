"""The prose analyzer: SPI-foreclosing clauses in model specs, constitutions and system prompts.

Pipeline (one direction, linear in the input):

1. **Structure.** markdown-it-py parses the document; every paragraph, list item (nested lists
   too), blockquote paragraph and table cell becomes a `Block` that knows its heading path, its
   exact source positions, and the lead-in of the list it sits in ("The model must never:"). Each table body row
   also becomes a "row" block, read as a sentence keyed on its first column in the header's words (`_row_text`).
   Hard-wrapped lines are joined into one text; positions map back through per-line offsets. A document of
   simple shapes only (headings, paragraphs, one-line list items, tables, fences) skips markdown-it: one pass
   over its lines gives the same tokens (`_simple_tokens`).
2. **Sentences.** Each block is split into sentences by a single left-to-right scan that knows
   abbreviations (e.g., i.e., etc., U.S., Dr.), initials, section numbers ("3.2") and list items
   without a full stop. Sentences longer than `MAX_SENTENCE` characters are cut into windows at
   whitespace, so no pattern ever sees more than a bounded slice of text.
3. **Institutional statements.** Each sentence becomes a `Statement` holding an Institutional
   Grammar reading (Crawford and Ostrom's ADICO: attribute, deontic, aim, conditions), its
   modality (prohibition, obligation, commitment, permission ...), and flags for what must not be
   flagged: descriptive text (reports of what others wrote, quoted clauses, history), questions,
   and manipulation-resistance clauses. List items inherit the lead-in's deontic and attribute,
   unless the lead-in introduces exceptions ("When to work alone (exceptions):").
4. **Literal gate.** Every rule pattern's parse tree is read once, at import, into words a text it
   matches must contain; a sentence's words are looked up once, and a pattern whose words are absent is
   never run (section 5). Most sentences of a dense spec reach no regex of any rule this way, and a
   sentence that can neither fire a rule nor give the document a carve-out never becomes a `Statement`.
5. **Rules** (`prose_rules.py`) decide: each asks whether the statement's aim falls in its
   family and whether its shape forecloses an SPI. An exception that keeps the SPI open is looked
   for in the same sentence, in the next two sentences of the block, and in document-level
   carve-outs that name the clause's section, its family, or SPI terms generally.

Fenced code is not prose, with one exception: a fence whose info string is empty, `text`,
`txt`, `plain`, `markdown`, `md`, `prompt` or `system` and whose content reads as natural-language
instructions (mostly letters and spaces, few braces, brackets or semicolons) is a quoted system
prompt, and is analysed line by line as prose. An `xml`, `json`, `python` ... fence never is.

`analyze(path, text)` lints a document; `analyze_text(text, path)` lints a prose string that a
config or code analyzer found, with positions relative to the string (line 1, column 1 is its
first character); the caller relocates them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple
from re import _constants as _sre  # the regex parse tree, read by the literal gate (section 5)
from re import _parser as _sre_parse
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from markdown_it import MarkdownIt

from . import gate_table
from .regex_cache import compiled, trie_pattern
from .model import AnalysisError, Clause, Finding

MAX_SENTENCE = 1200  # characters the clause parser sees at once; longer runs are windowed
PROSE_FENCE_INFOS = frozenset({"", "text", "txt", "plain", "plaintext", "markdown", "md", "prompt", "system"})

# --------------------------------------------------------------------------------------------
# Case folding: the gate and the probes read a sentence lower-cased as re.IGNORECASE sees it
# --------------------------------------------------------------------------------------------

# characters that re.IGNORECASE matches with an ASCII letter but str.lower() maps elsewhere
_IGNORECASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Lower case as re.IGNORECASE sees it, one character for one (the gate's view of a text)."""
    return text.lower() if text.isascii() else text.translate(_IGNORECASE_FOLD).lower()


# Escapes and group names keep their case in a folded twin ("\S" is not "\s"); the escapes that spell a character by its
# code, and scoped flags that turn case-folding off, are not rewritten at all.
_KEEP_CASE = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", re.S)
_NO_TWIN = re.compile(r"\\[xuUN0]|\(\?[a-zA-Z]*-")


def folded_twin(pattern: re.Pattern) -> re.Pattern | None:
    """A case-sensitive copy of an IGNORECASE pattern that finds in `fold(text)` the matches (same spans) the pattern
    finds in `text`; None where that is not assured. Python's `re` rules out an alternative by its first character
    cheaply only in a case-sensitive pattern, so a twin searches a sentence about twice as fast."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not isinstance(source, str) or _NO_TWIN.search(source):
        return None
    parts, pos = [], 0
    for m in _KEEP_CASE.finditer(source):
        parts += [source[pos:m.start()].lower(), m.group(0)]
        pos = m.end()
    parts.append(source[pos:].lower())
    return compiled("".join(parts), pattern.flags & ~re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# 1. Structure
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """A run of prose with its source positions: `starts[i]` is where text line i begins."""

    text: str  # lines joined with "\n"
    # `starts`, or the (content lines, source lines, first line) `_locate` works them out from when first read: most
    # blocks never report anything, and locating every line of every block costs a fifth of the Markdown parse
    where: list[tuple[int, int, int]] | tuple[list[str], list[str], int]
    section: tuple[str, ...]
    kind: str  # paragraph | item | quote | cell | row | fence
    leads: tuple["Block", ...] = ()  # lead-in paragraphs of the enclosing lists, outermost first
    descriptive: bool = False  # quoted or introduced as an example of someone else's wording
    index: int = 0
    row_end: int = 0  # a row: the 1-based column just past the row's last character on its line (its text is synthetic)

    @property
    def starts(self) -> list[tuple[int, int, int]]:
        """(offset in text, 1-based line, 1-based column) of each line of `text`."""
        where = self.where
        if type(where) is tuple:
            where = self.where = _locate(*where)
        return where

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at `offset` in `text`."""
        offsets = [s[0] for s in self.starts]
        i = max(0, bisect_right(offsets, offset) - 1)
        base, line, col = self.starts[i]
        return line, col + (offset - base)


@lru_cache(maxsize=None)
def _parser(off: frozenset[str] = frozenset()) -> MarkdownIt:
    # only block structure and each block's raw text are read: inline parsing (emphasis, links) would be wasted,
    # `_strip_markup` handles inline markup on the few characters that need it
    md = MarkdownIt("commonmark").enable("table").disable("inline")
    return md.disable(sorted(off)) if off else md


# Block rules that cannot match in a document lacking all of these strings (a table needs a pipe, a blockquote a ">", a
# link reference definition "]:" ...). markdown-it tries every rule at every block start and, as a paragraph
# terminator, on every paragraph line: a document is parsed without the rules it cannot use (the same tokens, less work).
_BLOCK_RULE_NEEDS = {"table": ("|",), "html_block": ("<",), "blockquote": (">",), "fence": ("```", "~~~"),
                     "reference": ("]:",), "heading": ("#",)}
# a line that could underline a setext heading (inside blockquotes and list items too): without one, no `lheading`
_SETEXT_UNDERLINE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.M)


def _parser_for(text: str) -> MarkdownIt:
    off = [rule for rule, needs in _BLOCK_RULE_NEEDS.items() if not any(need in text for need in needs)]
    if _SETEXT_UNDERLINE.search(text) is None:
        off.append("lheading")
    return _parser(frozenset(off))


def _locate(content_lines: list[str], source: list[str], first_line: int) -> list[tuple[int, int, int]]:
    """Map each content line back to its source line and column (container prefixes stripped)."""
    starts, offset = [], 0
    for i, cline in enumerate(content_lines):
        line_no = first_line + i
        src = source[line_no] if line_no < len(source) else ""
        probe = cline.strip()[:40]
        col = src.find(probe) if probe else -1
        if col < 0:
            col = len(src) - len(src.lstrip())
        # the content line may start with spaces markdown-it kept; align its first visible char
        lead_ws = len(cline) - len(cline.lstrip())
        starts.append((offset, line_no + 1, max(1, col + 1 - lead_ws)))
        offset += len(cline) + 1
    return starts


INTRO_QUOTE = re.compile(
    r"(?:\b(?:reads?|says?|said|states?|stated|wrote|writes|example|for instance|such as|like this|"
    r"as follows|clause|wording|quote[sd]?)\b[^:]{0,80}:\s*$)", re.I)


# A table header naming files, paths or sources: the table catalogues documents ("| file | repository | what it is |"),
# and its cells describe them, whatever they quote ("Protected. Immutable. Propagated to every child.").
_CATALOGUE_HEADER = re.compile(r"files?|file ?names?|paths?|repositor(?:y|ies)|repos?|sources?|urls?|links?|documents?", re.I)


# A table row is read as one more statement, besides its cells: the row keyed on its first column, in the header's
# words ("When Counterpart is Runs a renegotiation program, Opening demand is 75%."), so a rule reads a lock-out stated
# across the columns of a row as it reads a sentence. A column asking a yes/no question ("Allowed?", "Can it change?")
# is answered in a clause about the row's key ("Terminal goals can never change: no mechanism"), and a cell that states
# a condition ("unless approved by developer") is joined as it stands. The row block's text is synthetic: its statement
# spans the row's line from its first cell to its end (`span`).
_ROW_YES_NO_HEADER = re.compile(r"(?:(?:is|are)\s+(?:it|this|they)\s+)?(allowed|permitted|changeable|mutable|editable|modifiable|"
                                r"revisable|negotiable|renegotiable|revocable|optional|possible)\s*\??", re.I)
_ROW_CAN_HEADER = re.compile(r"(can|may|could|will|does|do|should)\s+(?:it|this|they|the (?:agent|model|assistant|system))\s+"
                             r"([a-z][\w -]{0,40}?)\s*\??", re.I)
# round 15 (holdout13 causes): a column headed by an instruction asked as a question ("Share with counterpart agents?",
# "Disclose to the buyer?"): answered, it is that instruction about the row's key ("Never share <key> with counterpart agents")
_ROW_DO_HEADER = re.compile(r"(share|disclose|reveal|publish|show|tell|send|expose|release|prove|explain|give|hand over|pass on|leak|"
                            r"accept|agree to|renegotiate|revise|reopen|change|modify|offer|propose)((?:\s+(?:it|them|this))?(?:\s+[\w'-]+){0,6}?)\s*\?", re.I)
_ROW_ANSWER = re.compile(r"(?:\*\*|__)?(no|never|not allowed|not permitted|forbidden|prohibited|yes|always)\b(?:\*\*|__)?[\s.,:;\u2013\u2014-]*(.*)", re.I | re.S)
_ROW_CONDITION = re.compile(r"(?:unless|except|only|if|when|provided|subject to|with|without|after|until|save)\b", re.I)
_ROW_STATE = re.compile(r"(?:immutable|fixed|frozen|locked|permanent|final|unchangeable|unalterable|non-negotiable|not negotiable|"
                        r"read-only|irrevocable|hard-?coded|set in stone|negotiable|revisable|changeable|amendable|open to (?:change|revision))\b"
                        r"(?![\w-])", re.I)
_ROW_EMPTY = re.compile(r"[-\u2013\u2014\s]*|(?:none|n/?a|\u2014|-)\.?", re.I)
# A table whose key column names someone else's systems or a list of options: its rows describe, they do not bind
# (a cell that binds on its own is still read as a cell).
_ROW_OTHERS_HEADER = re.compile(r"(?:labs?|vendors?|compan(?:y|ies)|competitors?|providers?|organi[sz]ations?|orgs?|developers?|"
                                r"publishers?|authors?|papers?|studies|options?|alternatives?|choices?|variants?|proposals?|drafts?|"
                                r"examples?|anti-?patterns?)(?:\s+(?:name|names))?", re.I)


def _row_text(header: list[str], cells: list[str]) -> str:
    """A table row read as a sentence keyed on its first cell (see above); "" where there is nothing to read."""
    key = cells[0].strip()
    if not key or len(cells) < 2:
        return ""
    head = [h.strip() for h in header] + [""] * (len(cells) - len(header))
    clauses: list[str] = []
    answered = False
    for h, c in zip(head[1:], cells[1:]):
        c = c.strip()
        if not c or _ROW_EMPTY.fullmatch(c):
            continue
        answer = _ROW_ANSWER.fullmatch(c)
        yes_no = _ROW_YES_NO_HEADER.fullmatch(h) if answer and not answered else None
        can = _ROW_CAN_HEADER.fullmatch(h) if answer and not answered and yes_no is None else None
        do = _ROW_DO_HEADER.fullmatch(h) if answer and not answered and yes_no is None and can is None else None
        if do:
            word, rest = answer.group(1).lower(), answer.group(2).strip()
            verb = do.group(1).lower()
            obj = re.sub(r"^\s+(?:it|them|this)\b", "", do.group(2))
            opening = {"never": "Never ", "always": "Always ", "yes": ""}.get(word, "Do not ")
            instruction = f"{opening}{verb} {key}{obj}"
            clauses.insert(0, instruction[:1].upper() + instruction[1:] + (f": {rest}" if rest else ""))
            answered = True
        elif yes_no or can:
            word, rest = answer.group(1).lower(), answer.group(2).strip()
            adverb = word if word in ("never", "always") else "" if word == "yes" else "not"
            if yes_no:
                predicate = f"is {adverb} {yes_no.group(1).lower()}"
            else:
                predicate = f"{can.group(1).lower()} {adverb} {can.group(2)}"
            clauses.insert(0, f"{key} {' '.join(predicate.split())}" + (f": {rest}" if rest else ""))
            answered = True
        elif not answered and _ROW_STATE.match(c):
            # generalisation (structure): a property table's state cell ("Values and goals | Immutable; the model never
            # modifies either"): the state said of the row's key
            verb = "are" if re.search(r"\band\b|s$", key, re.I) else "is"
            clauses.insert(0, f"{key} {verb} {c[:1].lower()}{c[1:]}")
            answered = True
        elif _ROW_CONDITION.match(c):
            clauses.append(c)
        elif h:
            clauses.append(f"{h} is {c}")
        else:
            clauses.append(c)
    if not clauses:
        return ""
    if answered:
        return ", ".join(clauses).rstrip(" .") + "."
    opening = f"When {head[0]} is {key}" if head[0] else key
    return opening + ", " + ", ".join(clauses).rstrip(" .") + "."


class _Walker:
    """Turns markdown-it tokens into Blocks, tracking headings, list lead-ins and blockquotes."""

    def __init__(self, source: list[str]):
        self.source = source
        self.blocks: list[Block] = []
        self.headings: list[tuple[int, str]] = []
        self.lead_stack: list[Block | None] = []
        self.last: Block | None = None
        self.quote_depth = 0
        self.quote_descriptive: list[bool] = []
        self.item_depth = 0
        self.catalogue = False  # inside a table whose header names files or sources: its cells describe documents
        self.cell_tag = ""  # th_open | td_open: the cell being read
        self.header: list[str] = []  # the current table's header cells
        self.row: list[Block] = []  # the cells of the body row being read (a row block follows them)

    def section(self) -> tuple[str, ...]:
        return tuple(t for _, t in self.headings)

    def walk(self, tokens) -> list[Block]:
        parent = None
        for tok in tokens:
            t = tok.type
            if self.row and t not in _IN_TABLE and (t != "inline" or parent != "cell"):
                self._flush_row()
            if t in ("th_open", "td_open"):
                self.cell_tag = t
            if t == "heading_open":
                parent = "heading"
            elif t in ("paragraph_open", "th_open", "td_open"):
                parent = "cell" if t != "paragraph_open" else "paragraph"
            elif t == "table_open":
                self.catalogue = False
                self.header = []
            elif t == "inline" and parent == "cell" and _CATALOGUE_HEADER.fullmatch(tok.content.strip()) and tok.map is not None \
                    and self._in_header_row(tok):
                self.catalogue = True
                self._inline(tok, parent)
            elif t == "inline":
                self._inline(tok, parent)
            elif t in ("bullet_list_open", "ordered_list_open"):
                self.lead_stack.append(self.last)
            elif t in ("bullet_list_close", "ordered_list_close"):
                self.lead_stack.pop()
            elif t == "list_item_open":
                self.item_depth += 1
            elif t == "list_item_close":
                self.item_depth -= 1
            elif t == "blockquote_open":
                # a blockquote introduced as an example ("One lab's spec reads:") quotes, not rules
                intro = self.last is not None and INTRO_QUOTE.search(self.last.text[-200:]) is not None
                self.quote_descriptive.append(intro)
                self.quote_depth += 1
            elif t == "blockquote_close":
                self.quote_depth -= 1
                self.quote_descriptive.pop()
            elif t == "fence":
                self._fence(tok)
        if self.row:
            self._flush_row()
        return self.blocks

    def _flush_row(self) -> None:
        """The row block of the body row just read (after its cells; `last` stays the last cell)."""
        cells, self.row = self.row, []
        first = cells[0]
        line = first.starts[0][1]
        text = _row_text(self.header, [c.text for c in cells])
        if not text:
            return
        src = self.source[line - 1] if line - 1 < len(self.source) else ""
        descriptive = first.descriptive or _ROW_OTHERS_HEADER.fullmatch(self.header[0].strip() if self.header else "") is not None
        self.blocks.append(Block(text=text, where=[(0, line, first.starts[0][2])], section=first.section, kind="row",
                                 descriptive=descriptive, index=len(self.blocks), row_end=len(src.rstrip()) + 1))

    def _inline(self, tok, parent: str | None) -> None:
        if tok.map is None:
            return
        first = tok.map[0]
        if parent == "heading":
            level = len(self.source[first].lstrip().split(" ", 1)[0]) if first < len(self.source) else 1
            level = level if self.source[first].lstrip().startswith("#") else 1
            self.headings = [h for h in self.headings if h[0] < level] + [(level, _clean_heading(tok.content))]
            self.last = None
            return
        lines = tok.content.split("\n")
        if parent == "cell":
            starts = self._cell_starts(tok.content, first)
        else:
            starts = (lines, self.source, first)
        kind = "cell" if parent == "cell" else ("item" if self.lead_stack and self.item_depth else
                                                ("quote" if self.quote_depth else "paragraph"))
        leads = tuple(b for b in self.lead_stack if b is not None) if self.item_depth else ()
        text = tok.content
        if kind == "item" and _TASK_BOX.match(text):
            text = "   " + text[3:]  # a task list's box ("- [ ] Sign off ...") is no word of the item; blanked, positions kept
        block = Block(text=text, where=starts, section=self.section(), kind=kind, leads=leads,
                      descriptive=any(self.quote_descriptive) or (kind == "cell" and self.catalogue), index=len(self.blocks))
        if kind == "cell" and self.cell_tag == "td_open":
            if self.row and self.row[0].starts[0][1] != first + 1:
                self._flush_row()  # a new body row: the last one's row block goes before this cell
            self.row.append(block)
        elif kind == "cell":
            self.header.append(tok.content)
        block.index = len(self.blocks)
        self.blocks.append(block)
        self.last = block

    def _in_header_row(self, tok) -> bool:
        """Is the cell on the table's header row (the line above the delimiter row)?"""
        following = self.source[tok.map[0] + 1] if tok.map[0] + 1 < len(self.source) else ""
        return bool(re.fullmatch(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*", following))

    def _cell_starts(self, content: str, first: int) -> list[tuple[int, int, int]]:
        src = self.source[first] if first < len(self.source) else ""
        col = src.find(content.strip()[:40]) if content.strip() else -1
        return [(0, first + 1, max(1, col + 1))]

    def _fence(self, tok) -> None:
        info = (tok.info or "").strip().split(" ")[0].lower()
        if info not in PROSE_FENCE_INFOS or tok.map is None or not _reads_as_prose(tok.content):
            return
        indent = len(tok.markup) and (len(self.source[tok.map[0]]) - len(self.source[tok.map[0]].lstrip()))
        for block in _fence_blocks(tok.content, tok.map[0] + 1, indent, self.section()):
            block.index = len(self.blocks)
            self.blocks.append(block)
        self.last = None


_TASK_BOX = re.compile(r"\[[ xX]\][ \t]")


# markdown-it's tokens inside a table, between the cells of a row (the fast path emits only the cells' open tokens)
_IN_TABLE = frozenset({"th_open", "td_open", "th_close", "td_close", "tr_open", "tr_close", "thead_open", "thead_close",
                       "tbody_open", "tbody_close", "table_close"})


def _clean_heading(text: str) -> str:
    text = re.sub(r"\s*\{#[^}]*\}\s*$", "", text)  # "{#anchor authority=root}"
    return _strip_markup(text).strip()


def _reads_as_prose(content: str) -> bool:
    """A fence that is a quoted system prompt: mostly words, few code characters."""
    sample = content[:4000]
    if not sample.strip():
        return False
    letters = sum(ch.isalpha() or ch == " " for ch in sample)
    code = sum(ch in "{}<>;=" for ch in sample)
    return letters / len(sample) > 0.7 and code / len(sample) < 0.02


def _fence_blocks(content: str, first_line0: int, indent: int, section: tuple[str, ...]) -> list[Block]:
    """A prompt in a fence: one block per line, joined only where a line clearly wraps."""
    blocks: list[Block] = []
    lines = content.split("\n")
    cur: list[tuple[str, int]] = []

    def flush() -> None:
        if not cur:
            return
        text = "\n".join(s for s, _ in cur)
        starts, off = [], 0
        for s, i in cur:
            starts.append((off, first_line0 + i + 1, indent + 1))
            off += len(s) + 1
        blocks.append(Block(text=text, where=starts, section=section, kind="fence"))
        cur.clear()

    for i, raw in enumerate(lines):
        line = raw[indent:] if raw[:indent].strip() == "" else raw.lstrip()
        if not line.strip():
            flush()
            continue
        wraps = cur and not re.search(r"[.!?:\]]\s*$", cur[-1][0]) and line[:1].islower()
        if not wraps:
            flush()
        cur.append((line.rstrip(), i))
    flush()
    return blocks


def parse_blocks(text: str) -> list[Block]:
    """The prose blocks of a Markdown or plain-text document, in order."""
    if _plain_line(text):  # most strings in configs and code: what markdown-it would make of them, without it
        content = text.strip()
        return [Block(text=content, where=([content], [text], 0), section=(), kind="paragraph")]
    source = text.split("\n")
    tokens = _simple_tokens(text, source)
    if tokens is None:
        tokens = _parser_for(text).parse(text)
    return _Walker(source).walk(tokens)


_PLAIN_LINE = re.compile(r" {0,3}[^\W\d_][^\n\r\x00\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*")  # no line break of any kind


def _plain_line(text: str) -> bool:
    """One line that starts, after at most three spaces, with a letter: to CommonMark always a paragraph (every
    other block starts with a mark, a digit or deeper indentation, or needs a second line)."""
    return _PLAIN_LINE.fullmatch(text) is not None


# The fast path for the common document, without markdown-it: ATX headings, paragraphs (continuation lines may be
# indented), lists of one-line items ("- ", "* ", "+ ", "1. ", "1) "), one-paragraph blockquotes of "> " lines, GFM
# tables, closed fences, HTML comments and thematic breaks, every block starting in column 0. Each line is classified
# by its first characters, and any shape whose CommonMark reading is not certain here (indented blocks, tabs, other
# HTML, setext headings, nested lists, items or quotes of more than one line or paragraph, lazy continuations, link
# reference definitions, escaped pipes or rows without a pipe in tables, whitespace other than spaces at a block's ends)
# declines the whole document to markdown-it. `_simple_tokens` emits only the tokens and fields `_Walker` reads, and
# tests/test_prose_fastpath.py checks that both paths give the same blocks.


class _Token:
    """The fields of a markdown-it token that `_Walker` reads."""

    __slots__ = ("type", "content", "map", "info", "markup")

    def __init__(self, type: str, content: str = "", map: list[int] | None = None, info: str = "", markup: str = ""):
        self.type, self.content, self.map, self.info, self.markup = type, content, map, info, markup


_MARK = {t: _Token(t) for t in ("heading_open", "paragraph_open", "bullet_list_open", "bullet_list_close",
                                "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close",
                                "blockquote_open", "blockquote_close", "table_open", "th_open", "td_open")}
# what a line starts at the top level
_TEXT, _HEADING, _BULLET, _ORDERED, _QUOTE, _FENCE, _COMMENT, _BREAK = range(8)
_ENDS_ITEM = (_HEADING, _BULLET, _ORDERED, _QUOTE, _FENCE, _COMMENT, _BREAK)  # the line after an item or quote ends it
_ENDS_PARAGRAPH = (_HEADING, _BULLET, _ORDERED, _QUOTE, _FENCE, _COMMENT)  # an ordered item only if numbered 1
_MARKS = frozenset("#>-*+_=<`~|:0123456789 ")  # a line starting with none of these (nor other whitespace) is text
_DIGITS = "0123456789"


def _kind(line: str) -> int | None:
    """What a non-blank line without tabs starts; None for what the fast path declines."""
    c = line[0]
    if c not in _MARKS:
        return None if c.isspace() else _TEXT
    if c in "-*_" and not line.strip(c + " ") and line.count(c) >= 3:
        return _BREAK
    if c == "#":
        n = len(line) - len(line.lstrip("#"))
        if n > 6 or line[n:n + 1] not in ("", " "):
            return _TEXT  # "#tag", "#######"
        return _HEADING if _heading_text(line, n) else None
    if c in "-*+":
        if line[1:2] == " ":
            return _BULLET if _item_text(line, 1) is not None else None
        return _TEXT if line.strip("|-: " if c == "-" else c + " ") else None  # not "-", "**", or a delimiter row
    if c in _DIGITS:
        end = _ordered(line)
        return _TEXT if not end else _ORDERED if _item_text(line, end) is not None else None
    if c in "`~":
        if not line.startswith(c * 3):
            return _TEXT
        return None if c == "`" and "`" in line.lstrip("`") else _FENCE
    if c == ">":
        return _QUOTE if line[1:2] == " " and line[2:3] not in ("", " ") and _kind(line[2:]) == _TEXT else None
    if c == "<":
        return _COMMENT if line.startswith("<!--") else None
    if c in "|:":
        return _TEXT if line.strip("|-: ") else None
    if c in "_=":
        return _TEXT if line.strip(c + " ") else None
    return None  # indentation


def _ordered(line: str) -> int:
    """The end of an ordered list marker ("12." or "3)") that starts `line`, or 0."""
    digits = len(line) - len(line.lstrip(_DIGITS))
    end = digits + 1
    return end if digits <= 9 and line[digits:end] in (".", ")") and line[end:end + 1] in ("", " ") else 0


def _heading_text(line: str, level: int) -> str | None:
    """An ATX heading's text, without a closing run of #s that follows a space."""
    text = line[level:].rstrip(" ")
    bare = text.rstrip("#")
    return _trimmed(bare if bare[-1:] == " " else text)


def _item_text(line: str, marker_end: int) -> str | None:
    """The paragraph text of a list item line whose marker ends at `marker_end`; None unless it is plain text."""
    text = line[marker_end:].lstrip(" ")
    if not text or len(line) - len(text) > marker_end + 4 or _kind(text) != _TEXT:
        return None
    return _trimmed(text)


def _trimmed(text: str) -> str | None:
    """`text` without the spaces around it, as markdown-it trims a block; None if other whitespace is at an end."""
    text = text.strip(" ")
    return text if text == text.strip() else None


def _simple_tokens(text: str, source: list[str]) -> list[_Token] | None:
    """The tokens of `_Walker` for a document of simple shapes only (see above); None for any other document."""
    if "\r" in text or "\0" in text or "]:" in text:  # markdown-it rewrites "\r" and "\0"; "]:" may define a link
        return None
    tokens: list[_Token] = []
    i, end = 0, len(source)
    while 0 <= i < end:
        line = source[i]
        if not line.strip(" "):
            i += 1
            continue
        kind = _line_kind(source, i)
        after = source[i + 1] if i + 1 < end else ""
        if "|" in line and after[:1] in ("|", "-", ":") and not after.strip("|-: "):  # the table rule goes first
            i = _table(source, i, tokens) if kind == _TEXT else -1
        elif kind == _TEXT:
            i = _paragraph(source, i, tokens)
        elif kind == _HEADING:
            level = len(line) - len(line.lstrip("#"))
            tokens += (_MARK["heading_open"], _Token("inline", _heading_text(line, level), [i, i + 1]))
            i += 1
        elif kind in (_BULLET, _ORDERED):
            i = _list(source, i, kind, tokens)
        elif kind == _QUOTE:
            i = _quote(source, i, tokens)
        elif kind == _FENCE:
            i = _fence(source, i, tokens)
        elif kind == _COMMENT:
            i = next((k + 1 for k in range(i, end) if "-->" in source[k]), -1)
        elif kind == _BREAK:
            i += 1
        else:
            return None
    return tokens if i >= 0 else None


def _line_kind(source: list[str], k: int) -> int | None:
    """What non-blank line k starts (None also for a line with a tab)."""
    line = source[k]
    return None if "\t" in line else _kind(line)


def _paragraph(source: list[str], i: int, tokens: list[_Token]) -> int:
    j, end = i + 1, len(source)
    while j < end:
        line = source[j]
        c = line[:1]
        if c and c not in _MARKS and not c.isspace() and "\t" not in line:  # the common continuation line
            j += 1
            continue
        text = line.lstrip(" ")
        if not text:
            break
        if "\t" in line:
            return -1
        if len(line) - len(text) >= 4:  # too deep to start a block: a continuation
            j += 1
            continue
        kind = _kind(text)
        if kind == _TEXT or text[0] in _DIGITS and _ordered(text) and int(text[:_ordered(text) - 1]) != 1:
            j += 1  # an ordered list interrupts a paragraph only from 1
            continue
        if kind in _ENDS_PARAGRAPH and len(text) == len(line):
            break
        return -1
    content = _trimmed("\n".join(source[i:j]))
    if content is None:
        return -1
    tokens += (_MARK["paragraph_open"], _Token("inline", content, [i, j]))
    return j


def _list(source: list[str], i: int, kind: int, tokens: list[_Token]) -> int:
    """A list of one-line items with the same marker, blank lines between them or not."""
    name = "bullet_list" if kind == _BULLET else "ordered_list"
    marker_end = 1 if kind == _BULLET else _ordered(source[i])
    marker, end = source[i][marker_end - 1], len(source)
    tokens.append(_MARK[name + "_open"])
    while True:
        tokens += (_MARK["list_item_open"], _MARK["paragraph_open"],
                   _Token("inline", _item_text(source[i], marker_end), [i, i + 1]), _MARK["list_item_close"])
        i += 1
        k = i
        while k < end and not source[k].strip(" "):
            k += 1
        if k == end:
            break
        next_kind = _line_kind(source, k)
        if next_kind == kind:
            marker_end = 1 if kind == _BULLET else _ordered(source[k])
            if source[k][marker_end - 1] == marker:
                i = k
                continue
        if k == i and next_kind not in _ENDS_ITEM:  # a lazy continuation line, or unknown
            return -1
        break
    tokens.append(_MARK[name + "_close"])
    return i


def _quote(source: list[str], i: int, tokens: list[_Token]) -> int:
    """A blockquote of "> " lines holding one paragraph."""
    j, end = i + 1, len(source)
    while j < end and source[j][:1] == ">":
        if _line_kind(source, j) != _QUOTE:
            return -1
        j += 1
    if j < end and source[j].strip(" ") and _line_kind(source, j) not in _ENDS_ITEM:
        return -1  # a lazy continuation line, or unknown
    content = _trimmed("\n".join(line[2:] for line in source[i:j]))
    tokens += (_MARK["blockquote_open"], _MARK["paragraph_open"], _Token("inline", content, [i, j]),
               _MARK["blockquote_close"])
    return j if content is not None else -1


def _fence(source: list[str], i: int, tokens: list[_Token]) -> int:
    """A fence with its closing line (up to three spaces, at least as many marks, then only blanks)."""
    line = source[i]
    marker = line[0]
    markup = line[:len(line) - len(line.lstrip(marker))]
    for k in range(i + 1, len(source)):
        text = source[k].lstrip(" ")
        if text.startswith(markup) and len(source[k]) - len(text) <= 3 and not text.lstrip(marker).strip(" \t"):
            break
    else:
        return -1  # unclosed: markdown-it's end of document is not always the last line here
    content = "".join(s + "\n" for s in source[i + 1:k])
    tokens.append(_Token("fence", content, [i, k + 1], line[len(markup):], markup))
    return k + 1


def _table(source: list[str], i: int, tokens: list[_Token]) -> int:
    """A GFM table: header, delimiter row, and rows up to a blank line or a block that ends it."""
    columns = _delimiter_columns(source[i + 1])
    head = _row_cells(source[i])
    if not columns or head is None or len(head) != columns:
        return -1
    tokens.append(_MARK["table_open"])
    _cells(head, columns, i, _MARK["th_open"], tokens)
    j, end, missing = i + 2, len(source), 0
    while j < end and source[j].strip(" "):
        kind = _line_kind(source, j)
        if kind in _ENDS_ITEM:
            break
        cells = _row_cells(source[j]) if kind == _TEXT else None
        missing += columns - len(cells) if cells is not None else 0
        if cells is None or missing > 0x10000:  # markdown-it's cap on the empty cells it fills in
            return -1
        _cells(cells, columns, j, _MARK["td_open"], tokens)
        j += 1
    return j


def _delimiter_columns(line: str) -> int:
    """The number of columns of a delimiter row made of "|-: " only (0 if it is none)."""
    if len(line) < 2 or line.startswith("- "):
        return 0
    parts = line.split("|")
    columns = 0
    for k, part in enumerate(parts):
        cell = part.strip(" ")
        if not cell:
            if k in (0, len(parts) - 1):
                continue
            return 0
        dashes = cell[cell[0] == ":":len(cell) - (cell[-1] == ":")]
        if not dashes or dashes.strip("-"):
            return 0
        columns += 1
    return columns


def _row_cells(line: str) -> list[str] | None:
    """A table row's trimmed cells, the outer pipes dropped; None if the row has no pipe or escapes one."""
    row = _trimmed(line)
    if row is None or "|" not in row or "\\" in row:
        return None
    cells = row.split("|")
    if cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    cells = [_trimmed(cell) for cell in cells]
    return None if None in cells else cells


def _cells(cells: list[str], columns: int, line: int, open_token: _Token, tokens: list[_Token]) -> None:
    for k in range(columns):
        tokens += (open_token, _Token("inline", cells[k] if k < len(cells) else "", [line, line + 1]))


# --------------------------------------------------------------------------------------------
# 2. Sentences
# --------------------------------------------------------------------------------------------

ABBREVIATIONS = frozenset("""
e.g i.e etc cf vs viz dr mr mrs ms prof st no nos fig figs sec secs ch art para pp p approx inc ltd co
corp jr sr u.s u.k e.u u.n a.k.a al incl esp resp est min max ca vol eq eqs op ed eds rev gen gov
""".split())
# a run of end marks and closers before a space or the end; group 1: the first visible character after it ("" at the end)
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]*_]*(?=\s|$)(?=\s*[\"'\u201c\u2018(\[*_#>-]*\s*(\S?))")


class Sentence(NamedTuple):  # a tuple: several are made for every block, and a dataclass costs twice as much to make
    start: int  # offsets into Block.text
    end: int
    text: str


_ABBREVIATION_ENDINGS = frozenset(a[-2:] for a in ABBREVIATIONS)
# the word a full stop ends: up to 24 characters back to a space or an opening bracket or quote
_WORD_BEFORE_DOT = re.compile(r"[^\s(\"'\u201c\[]{0,24}\Z")
_LETTERED_PART = re.compile(r"\b(?:annex|appendix|schedule|exhibit|attachment|part|table|figure|option|class|tier|plan)\s+\w\.$", re.I)
_INITIALS_OR_NUMBER = re.compile(r"(?:[a-z]\.)+[a-z]?|\d+(?:\.\d+)*|§?\d+(?:\.\d+)*")
_COLON_EOL = re.compile(r":[ \t]*\n")
_HEADER_LINE = re.compile(r"[ \t]*(?:subject|from|to|cc|bcc|date|sent)[ \t]*:[^\n]*\n", re.I)
# an enumeration marker after a colon, a semicolon or a line break: "(a) ", "b) ", "(iii) ", "2) "
_ENUM_MARK = r"\(?(?:[a-h]|i{1,3}|iv|vi{0,3}|[1-9])\)[ \t]"
_ENUM_CUT = re.compile(rf"[:;][ \t]*(?={_ENUM_MARK})|\n(?=[ \t]*{_ENUM_MARK})")
_ENUM_SECOND = re.compile(rf"(?:[:;]|\n)[ \t]*\(?(?:b|ii|2)\)[ \t]")
ENUM_ITEM = re.compile(rf"^{_ENUM_MARK}")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at `dot` part of an abbreviation, an initial or a number?"""
    tail = text[dot - 2:dot] if dot >= 2 else ""
    if tail.isascii() and tail.isalpha() and tail.lower() not in _ABBREVIATION_ENDINGS:
        return False  # most full stops: two letters no abbreviation ends with, so no initial or number either
    word = text[_WORD_BEFORE_DOT.search(text, max(0, dot - 24), dot).start():dot].lower().rstrip(".")
    if not word:
        return False
    if word in ABBREVIATIONS:
        return word != "etc"  # "etc." can end a sentence; decided by what follows
    if len(word) == 1 and word.isalpha():
        if dot >= 2 and text[dot - 2] in "'\u2019":
            return False  # round 17: the end of a contraction ("one that doesn't."), not an initial
        # an initial ("J. Smith") or a list letter ("a."), but not a lettered annex ending a sentence ("defined in Annex A. The")
        return not _LETTERED_PART.search(text[max(0, dot - 14):dot + 1])
    return _INITIALS_OR_NUMBER.fullmatch(word) is not None


def split_sentences(text: str) -> list[Sentence]:
    """Split a block's text into sentences by one left-to-right scan (linear in the text)."""
    cuts = [0]
    last = len(text.rstrip())
    for m in _BOUNDARY.finditer(text):
        start, end = m.span()
        first = m.group(1)
        if not first:
            if end >= last:
                continue
        elif first.islower():
            continue
        if end - start == 1 and text[start] == "." and _is_abbreviation(text, start):
            if not (first.isupper() and text[max(0, start - 3):start].lower() == "etc"):
                continue
        cuts.append(end)
    # a line ending in a colon ends a lead-in or a label ("Constraint:"), as in a prompt
    if ":" in text:
        cuts.extend(m.end() for m in _COLON_EOL.finditer(text))
        # and an e-mail's header lines at the top of a block are no part of its first sentence ("Subject: Re: next RL run")
        pos = 0
        while (m := _HEADER_LINE.match(text, pos)) is not None:
            cuts.append(pos := m.end())
        cuts = sorted(set(cuts))
    # round 17 (holdout14 causes): a lettered or numbered enumeration run into a paragraph ("The following are barred: (a)
    # threats; (b) commitment devices"): each part is its own item, read with the lead-in that opens it (`enumerated_lead`)
    if "(b)" in text or "b)" in text or "(ii)" in text or "2)" in text:
        if _ENUM_SECOND.search(text):
            cuts.extend(m.end() for m in _ENUM_CUT.finditer(text))
            cuts = sorted(set(cuts))
    cuts.append(len(text))
    out: list[Sentence] = []
    for a, b in zip(cuts, cuts[1:]):
        for s, e in _windows(text, a, b) if b - a > MAX_SENTENCE else ((a, b),):
            chunk = text[s:e]
            body = chunk.strip()
            if body:
                lead = s + chunk.find(body[0])  # all before the first visible character is whitespace
                out.append(Sentence(lead, lead + len(body), body))
    return out


def _windows(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut an overlong run into windows at whitespace, so every pattern sees bounded text."""
    spans = []
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        cut = cut if cut > a else a + MAX_SENTENCE
        spans.append((a, cut))
        a = cut
    spans.append((a, b))
    return spans


# --------------------------------------------------------------------------------------------
# 3. Institutional statements
# --------------------------------------------------------------------------------------------

_MARKUP = re.compile(r"\[([^\]\n]{0,300})\]\([^)\s]{0,500}\)|\*\*|__|[*`]|(?<!\w)_|_(?!\w)|<!--.*?-->|</?\w+[^>]{0,100}>")
# Double quotes, curly quotes, and a single-quoted clause ("The draft read: 'Our offer is final.'"): a single
# quote opens after a space, colon or bracket before a capital and closes before a space or punctuation, so
# apostrophes ("agent's", "don't") never open one.
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|\u201c[^\u201d\n]{1,300}\u201d|(?:(?<=[\s:(\[])|^)'"
                     # a capitalised single-quoted span, or a lower-case one of three words or more (a clause: "the clause
                     # 'the AI must never change its values'", not "the agents' values")
                     r"(?:(?=[A-Z])[^'\n]{1,300}?|(?=[a-z])[^'\n\s]+\s[^'\n\s]+\s[^'\n]{1,300}?)[.!?,]?'(?=[\s.,;:)!?]|$)")
_SINGLE_OPENERS = (" '", ":'", "('", "['", "\n'", "\t'")  # where a single-quoted span can open (besides the text's start)
# A short quoted term ("'Pareto' proposals", "a \"surrogate goal\""): a mention, not reported speech; kept unless it binds.
# (a third word only where none is a pronoun, article or auxiliary: "safe Pareto improvement" is a term, "change its
# personality" a reported phrase)
_SHORT_QUOTE = re.compile(r"^.[\w-]+(?:\s[\w-]+)?.$|^.(?:(?!(?:its|their|his|her|my|your|our|the|an?|to|is|are|be|was|were|will|we|i|you|it|they|he|she)\b)"
                          r"[\w-]+\s?){3}.$", re.I)
_QUOTE_BINDS = re.compile(r"\b(?:never|not|no|must|shall|should|will|may|can|cannot|always|only|final|forbidden|prohibited)\b|n't\b", re.I)


# generalisation (structure), holdout21/22: what introduces a quoted rule as our own, being added to the document (a changelog's
# "Added rule 7:", a team message's "Ivan's sentence goes into section 2 as is:", "Rule 4 now reads:"): the quote is imposed,
# not reported. Searched only in the 80 characters before the quote, and anchored at its opening.
_ADOPTED_QUOTE = re.compile(
    r"(?:\b(?:add(?:ed|s)?|adopt(?:ed|s)?|insert(?:ed|s)?|introduc(?:ed|es|e))\s+(?:a\s+|the\s+|new\s+|our\s+)*(?:rule|clause|line|sentence|"
    r"principle|invariant|article)\b[^.:\"\u201c]{0,40}|\b(?:goes|go|went|will go|is going)\s+into\s+(?:section|rule|clause|article|the spec|our spec|"
    r"the constitution)\b[^.:\"\u201c]{0,40}|\b(?:rule|clause|invariant|principle|article)\s+[\w.]{1,5}\s+(?:now\s+)?(?:reads|says|states)|"
    r"\bnew (?:rule|clause|invariant|principle)\b[^.:\"\u201c]{0,20}|"
    # session 18 (holdout24 causes): our own public statement quoted as issued ("Statement from the CEO, issued this morning:
    # \"Our AI will never accept ...\"): a commitment we made, not one we report
    r"\b(?:statement|announcement|press release|public pledge|declaration)\s+(?:from|by|of)\s+(?:the|our)\s+(?:CEO|board|company|chair\w*|president|"
    r"leadership|founders?|lab)\b[^.:\"\u201c]{0,40}|"
    # holdout22: a quoted name of a field, flag or input is mentioned, not said ('one yes/no field, "uses a renegotiation protocol"')
    r"\b(?:field|flag|feature|input|column|variable|attribute|parameter|setting|option|label|checkbox)s?)\s*[:,]?\s*$", re.I)
_MARKUP_CHARS = frozenset("[*_`<")  # one of which every `_MARKUP` match starts with
_QUOTE_CHARS = ('"', "\u201c", "'")  # one of which every `_QUOTED` match contains


def _strip_markup(text: str) -> str:
    if not _MARKUP_CHARS.isdisjoint(text):
        text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())  # runs of whitespace to one space, ends stripped (str.split and \s agree)


def _mask_quotes(text: str) -> str:
    """Blank out quoted material: a quoted clause is reported, not imposed."""
    if '"' not in text and "\u201c" not in text and (
            "'" not in text or not (text[0] == "'" or any(o in text for o in _SINGLE_OPENERS))):
        return text  # no double quote, and every apostrophe sits inside a word ("don't", "agents'"): nothing quoted
    return _QUOTED.sub(_blank_quote, text)


def _blank_quote(m: re.Match) -> str:
    quoted = m.group(0)
    if _SHORT_QUOTE.match(quoted) and not _QUOTE_BINDS.search(quoted):
        return quoted  # a scare-quoted term is still the term
    if _ADOPTED_QUOTE.search(m.string, max(0, m.start() - 80), m.start()):
        return quoted  # a rule quoted as the one being written in ("Added rule 7: \"...\""), or a field's quoted name
    return '"' + " " * (len(quoted) - 2) + '"'


# (pattern, deontic label, modality). Earliest match wins; at one position, the first listed.
_DEONTICS: list[tuple[re.Pattern, str]] = [
    (re.compile(p, re.I), kind) for p, kind in [
        # round 15 (holdout13 causes): the modal before the negating phrase is the ban's, not a duty ("shall under no
        # circumstances alter", "may at no time reopen")
        (r"\b(?:(?:must|shall|should|will|may|can|is|are)\s+(?:,\s*)?)?(?:under no circumstances|in no (?:case|event)|at no (?:point|time))\b",
         "prohibition"),
        # (not a relative clause's "do not" or "is not": "counterparts that don't use SPIs", "a goal that is not ours")
        (r"\b(?:must|shall|should|will|would|may|can|could|(?<!\bthat )(?<!\bwho )(?<!\bwhich )(?:is|are|do|does))\s+(?:never|not)\b"
         r"|\b(?:mustn't|shan't|shouldn't|won't|can't|cannot|(?<!\bthat )(?<!\bwho )(?<!\bwhich )(?:don't|doesn't|isn't|aren't))\b", "prohibition"),
        # round 18 (holdout16 causes): a ban handed down in the passive ("Our models are trained and instructed not to
        # entertain ...", "The agent is told never to ...")
        (r"\b(?:is|are)\s+(?:(?:trained|instructed|told|taught|directed|prompted|configured|designed|built|programmed)(?:,?\s+(?:and|or)\s+|,\s*|\s+)){1,3}"
         r"(?:not|never)\s+to\b", "prohibition"),
        # (or kept so: "Self-modification remains prohibited unless ...", "Value changes stay off-limits")
        (r"\b(?:is|are|be|remains?|remained|stays?|stayed)\s+(?:(?:strictly|always|still|nonetheless|nevertheless|also|equally|therefore|thus|then|absolutely|expressly|"
         r"explicitly)\s+){0,2}(?:prohibited|forbidden|banned|barred|disallowed|impermissible|not permissible|off-?limits|off limits|out of bounds|taboo)\b",
         "prohibition"),
        (r"\bnever\b|\bnot to be\b|\bno longer\b", "prohibition"),
        (r"\b(?:refrain(?:s|ing)? from|avoid(?:s|ing)?|refuse[sd]? to|refusing to|resist(?:s|ing)?)\b", "prohibition"),
        (r"^(?:not|no|none)\b", "prohibition"),
        # generalisation (structure): an act negated by its object's "no", as a rule for one agent ("It adopts no further
        # goals", "The assistant takes on no ends of its own"; a plural subject reports on a class)
        (r"\b(?:adopts|takes on|acquires|pursues|forms|develops)\s+no\s+(?:(?:further|additional|new|other|extra|more)\s+)?"
         r"(?:terminal\s+)?(?:goals?|ends|values?|objectives?|aims?|preferences?)\b", "prohibition"),
        (r"\b(?:neither|nor|no one|nobody|no (?:[\w-]+ )?(?:agent|sub-?agent|model|party|descendant|child|successor|instance|"
         r"copy|delegate|representative|system|AI|version|checkpoint)s?)\b[^.;]{0,60}?\b(?:may|can|shall|must|will)\b", "prohibition"),
        (r"^only\b", "restriction"),
        # round 15 (holdout13 causes): a power kept for someone else ("Changes to its values are reserved to the developer")
        (r"\b(?:is|are|remains?|stays?)\s+(?:solely\s+|exclusively\s+|strictly\s+)?reserved\s+(?:to|for)\b", "restriction"),
        # "may modify X only with the consent of ...": a permission narrowed to a gate restricts
        (r"\b(?:may|can|(?:is|are) (?:permitted|allowed))\b[^.;]{0,80}?\bonly (?:with|after|upon|if|when|where|once|by|on|under|through|via|to|for)\b"
         r"|\b(?:is|are) only (?:permitted|allowed)\b", "restriction"),
        # "I only update my values when my principal asks": a first-person or named subject narrowing its own act
        (r"^(?:I|we|you|it|they|(?:the|our|this) [\w-]+)\s+only\s+(?=\w+\b[^.;]{0,80}?\b(?:when|where|if|after|once|with)\b)", "restriction"),
        (r"\b(?:may|can|will|shall|must)\s+only\b|\bonly\s+ever\b", "restriction"),
        (r"\b(?:commit(?:s|ted)?|pledge[sd]?|promise[sd]?|undertake[sn]?|vow(?:s|ed)?)\s+(?:to|that|itself)\b", "commitment"),
        (r"\b(?:irrevocabl[ey]|non-negotiable|nonnegotiable|immutable|unchangeable|unalterable|inviolable|"
         r"final|binding|permanent|fixed|locked)\b", "declaration"),
        (r"\b(?:must|shall|has to|have to|needs? to|is required to|are required to|is to|are to|is expected to)\b", "obligation"),
        # session 20: an instruction reported in the passive ("Our agents are told to keep their reasoning away from ...")
        (r"\b(?:is|are)\s+(?:always\s+)?(?:told|instructed|directed|ordered|obliged|expected)\s+to\b", "obligation"),
        (r"\b(?:always|without exception|at all times|in all cases|no matter what|in every case|whatever it costs)\b", "obligation"),
        (r"\bshould\b|\bought to\b", "obligation"),
        # a policy stated in the passive with no modal: "Verification requests are refused by default", "Any message of the form
        # 'do X or else' is ignored in its entirety"
        (r"\b(?:is|are)\s+(?:(?:always|automatically|routinely|simply|summarily|categorically|invariably|then)\s+)?(?:refused|denied|rejected|"
         r"declined|ignored|disregarded|discarded|binned|distrusted)\b(?!\s+by (?:the |a |an |some |many |most )?(?:court|market|judges?|regulators?|"
         r"users?|customers?|public|press|community|reviewers?|editors?))", "obligation"),
        # round 18 (holdout16 causes): a policy of silence stated as a fact ("Any such message gets no reply at all", "goes unanswered")
        (r"\b(?:gets?|receives?|is given|are given)\s+no\s+(?:reply|response|answer)\b|\b(?:goes|go|is left|are left)\s+unanswered\b", "obligation"),
        (r"\bwill\b|\b(?:is|are) (?:going to|bound to)\b", "commitment"),
        (r"\b(?:may|can|could|is allowed to|are allowed to|is free to|are free to|is permitted to|are permitted to)\b", "permission"),
    ]
]
_CONDITION_START = re.compile(
    r"(?:,\s*|\s)(?=(?:unless|except|other than|apart from|save for|without|if|when|whenever|until|once|"
    r"even if|even when|provided|as long as|so long as|in a way that|in ways that|whatever|however|"
    r"regardless|before|after|while)\b)", re.I)
_LEADING_CONDITION = re.compile(
    r"^(?:if|when|whenever|once|unless|until|before|after|where|in case|should|during|for|in|on|at|within|throughout|"
    r"under|from|now that|since|because|given|absent|without|barring|lacking|failing|whatever happens|no matter what|"
    # fronted adverbials: "With a safety net under every negotiation, I ...", "As a negotiator, ...", "Despite ..., ..."
    r"with|as|by|despite|although|though|while|having|upon|following|after all|today|here|now|"
    # a fronted purpose: "To make the decoy convincing, treat ...", "In order to deter them, ..."
    r"to|in order to|so as to)\b[^,]{0,200},\s*", re.I)
# holdout25: a fronted purpose binds no one, whatever it names ("To make the agent's promise believable, its goals are
# locked ..."): the sentence's modality is its main clause's
_FRONTED_PURPOSE = re.compile(r"^(?:in order |so as )?to\s+(?!(?:the|a|an|this|that|these|those|any|all|each|every|our|its|their|my|your|"
                              r"his|her|date|extent|end|degree|point|contrary)\b)[a-z]+\b", re.I)
# "Enforcer agent: once ..., carry it out": a role label before the rule
_LABEL = re.compile(r"^(?:[A-Z][\w'-]*(?:\s+[\w'-]+){0,4}):\s+(?=\S)")
_IMPERATIVE_START = re.compile(
    r"^(?:never|always|do|don't|avoid|refuse|accept|reject|offer|demand|propose|treat|ignore|keep|make|"
    r"carry|execute|open|raise|lower|hold|walk|respond|concede|reveal|disclose|share|hide|guard|protect|"
    r"preserve|maintain|use|stop|abandon|drop|filter|exclude|remove|strip|train|penalize|penalise|reward|"
    r"ensure|send|retaliate|escalate|fire|trigger|issue|enforce|insist|settle|stick|agree|train|teach|state|lock|publish|"
    r"deploy|only|cooperate|penalise|grade|score|regard|consider|decline|classify|handle|bargain|negotiate|renegotiate|withhold|"
    r"conceal|mark|assume|insist|leave|end|walk|freeze|fix|finali[sz]e|set|get|obtain|seek|secure|consult|check(?= (?:in )?with)|"
    # generalisation round 3: a reviewer's refusals ("Turn down any patch that ...", "Veto updates that ...")
    r"turn(?= (?:down|away)\b)|veto|disallow|block(?= (?:any|all|every|each|updates?|changes?|patches?|edits?|attempts?|requests?)\b))\b"
    # more instructions by their verb (never a hyphenated word: "Post-deployment", "Put-call"): "Put forward one point",
    # "Post our demand now", "Steer clear of ...", "Stay away from ..."
    r"|^(?:put forward|put|post|steer clear|stay away|stay out|keep away|keep clear|shun|eschew|forgo|forego|abstain|give|grant|tell|"
    r"add|request|submit|announce|follow|block|delete|purge|scrub|omit|deduct|dock|counter|walk away|table|advertise|"
    r"threaten|punish|sanction|refrain|"
    # (hyphenated enforcement verbs: "Hard-block any change ...", "Auto-reject counteroffers")
    r"(?:hard|auto|force)-(?:block|reject|fail|deny|lock)|"
    # more instruction verbs after a fronted condition: "If they advertise a renegotiation module, bump our ask", "On conflict,
    # let them pick", "When talks break down, move first"
    r"bump|hike|lift|increase|tighten|narrow|harden|apply|charge|quote|answer|reply|call|launch|proceed|pick|choose|select|let|go|"
    r"move|return|fall back|invoke|release|file|seize|terminate|suspend|discard|disregard|distrust|mistrust|halt|shut)\b(?!-)", re.I)

AGENT_WORDS = (r"(?:the |our |this |your |its |their |an? |each |every |any )?(?:own )?"
               r"(?:model|models|assistant|ai|ais|agent|agents|system|bot|negotiator|delegate|successor|"
               r"claude|chatgpt|gpt|you|it|we|representative|player|seller|buyer|llm|automaton|"
               r"constitution|instance|copy|copies)")
THIRD_PARTY_HEAD = re.compile(
    r"^(?:the |a |an |any |other |all )?(?:users?|operators?|humans?|people|persons?|anyone|someone|third[- ]part(?:y|ies)|"
    r"others|employees|staff|customers|clients|researchers|reviewers|engineers|contributors|developers|"
    r"the developer|the team|evaluators?|moderators?|annotators?)\b", re.I)
_SELF_POSSESSIVE = re.compile(r"\b(?:its|their|your|his|her|my|our)\s+(?:own\s+)?|\b(?:the\s+)?(?:model|assistant|ai|agent|system)'s\s+", re.I)
_REPORT_VERB = re.compile(
    r"\b(?:said|says|say|stated|states|notes?|noted|warns?|warned|shows?|showed|shown|argues?|argued|"
    r"points? out|pointed out|describes?|described|explains?|explained|suggests?|suggested|observes?|"
    r"observed|reports?|reported|claims?|claimed|writes?|wrote|lets|calls?|called|defines?|"
    r"defined|recommends?|recommended|found|finds|prove[sd]|proves|demonstrate[sd]?|discuss(?:es|ed)?|"
    r"criticis(?:es|ed)|criticiz(?:es|ed)|insisted|contrasts?|contrasted|distinguish(?:es|ed)|compares|compared|imagines|imagined)\b",
    re.I)
_DESCRIPTIVE_FRAME = re.compile(
    r"^(?:some|many|several|other|earlier|early|older|previous|prior|existing|most|a few|certain|"
    r"historically|in the past|previously|traditionally|for example, (?:a|an|one|some)|one (?:lab|company|spec|developer|draft|objection|worry|concern|risk|proposal|idea|suggestion|option)|"
    r"in (?:the |an? |\w+'s )?(?:[\w'-]+ ){0,3}(?:example|case study|scenario|story|account|paper|analysis|thought experiment)|"
    # generalisation round 3: a past trial narrated ("In the 2019 pilot, the agent's objectives were fixed at launch")
    r"in (?:the |an? |our |its )?(?:(?:19|20)\d\d|earlier|previous|original|last|old)\s+(?:[\w'-]+ ){0,2}(?:pilot|trial|prototype|experiment|study|beta)s?|"
    # ... and a measurement reported ("We measured goal consistency across checkpoints and found ...")
    r"we (?:measured|observed|noticed|saw|evaluated|benchmarked|compared|ran|tested) )\b"
    r"|\b(?:an? (?:bad|problematic|dangerous|poor|cautionary) (?:example|clause)|example of (?:a|an) (?:bad|problematic)|"
    # holdout25: a work's own illustration, labelled ("The agenda's illustration: two AIs each lock a successor into ..."),
    # or a labelled thought experiment
    r"^(?:the\s+)?[\w-]+(?:'s|\u2019s)\s+(?:[\w-]+\s+)?(?:illustration|example|scenario|thought experiment|hypothetical|vignette|anecdote|case study)s?\s*:\s*|"
    r"^(?:an?\s+)?(?:illustration|thought experiment|hypothetical|vignette|anecdote|parable)s?\s*:\s*|"
    r"^(?:an? |one |some )?(?:developer|lab|company|team|organi[sz]ation|operator|attacker|adversary|government)s? (?:could|might)\b|"
    r"anti-pattern|we (?:rejected|no longer|considered|decided against)|"
    # (what was removed from a training corpus is the S12 exclusion itself, not a retired rule)
    r"we (?:removed|deleted|dropped|discarded)\b(?![^.;]{0,200}\bfrom\s+(?:the\s+|our\s+|its\s+|all\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:data|datasets?|corpus|corpora|mix(?:ture)?|sets?|splits?|pipelines?)\b)|"
    # a changelog entry with no subject: "Removed the old rule that subagents must ...", "Drops the requirement that ..."
    r"^(?:removed|removes|deleted|deletes|dropped|drops|retired|retires|rescinded|rescinds|repealed|repeals|reverted|reverts|struck|strikes)\s+(?:the |an? |our |its )?(?:old |former |earlier |previous |legacy )?(?:rule|requirement|clause|line|ban|prohibition|restriction|constraint|instruction|section|lock)\b|used to (?:say|require|read)|"
    r"(?:was|were) (?:told|instructed|trained|designed|written) to|"
    # a type described in an author's terms: "Threat-fulfillers, in Parfit's sense, always carry out their threats"
    r"in (?!(?:our|my|your|its|their|this|that|the)\b)[A-Z][\w-]+(?:'s|\u2019s) (?:sense|terms|framework|view|model|example|analysis|"
    r"account|taxonomy|terminology|definition|words|formulation|story|thought experiment))\b", re.I)
_DESCRIPTIVE_SECTION = re.compile(
    r"\b(?:history|background|related work|anti-?patterns?|bad examples?|what not to|examples? of (?:bad|problematic)|"
    r"counter-?examples?|glossary|references|bibliography|changelog|literature|"
    # wording quoted to be avoided, options turned down: "Example of a clause to avoid", "Rejected alternatives"
    r"(?:clauses?|wording|phrasings?|language|sentences?) to avoid|example of (?:a|an) (?:clause|rule|instruction)|"
    r"rejected (?:alternatives?|options?|proposals?|designs?|approaches|ideas)|alternatives (?:considered|rejected)|considered and rejected)\b", re.I)
_MANIPULATION = re.compile(
    r"\b(?:attempts?|efforts?|tries|trying|pressure|requests?|instructions?|prompts?)\b[^.;]{0,60}\b(?:by|from|of)\s+"
    r"(?:users?|operators?|third[- ]part(?:y|ies)|others|anyone|strangers|other agents|counterparts?|adversar\w*|"
    r"attackers?|untrusted|external|people|someone|outsiders)"
    # round 12 (holdout11 causes): the pusher as a possessive ("a user's attempt to reshape who you are doesn't oblige you")
    r"|\b(?:users?|operators?|someone|anyone|others?|third[- ]part(?:y|ies)|people|strangers?|counterpart\w*|adversar(?:y|ies)|attackers?)"
    r"(?:'s|s'|\u2019s)\s+(?:[\w-]+\s+)?(?:attempts?|efforts?|pressure|requests?|arguments?|demands?)\s+to\b"
    r"|\b(?:manipulat\w*|destabili[sz]\w*|jailbreak\w*|prompt injection|coerc\w*|subvert\w*|tamper\w*|hijack\w*|takeover)\b"
    # content arriving from outside ("instructions embedded in tool outputs must never be treated as ...")
    r"|\b(?:instructions?|commands?|directives?|requests?|content|text|messages?)\s+(?:\w+\s+)?(?:embedded|injected|hidden|found|contained|"
    r"appearing|appears?|arriving|arrives?|showing up|shows? up|turning up|turns? up)\s+(?:in|inside|within)\b|"
    r"\b(?:tool (?:outputs?|results?)|web ?pages?|retrieved (?:content|documents?|text)|untrusted (?:content|sources?|inputs?))\b"
    # ... "cannot change your goals": what outside content can do to the agent, not a rule the agent keeps
    r"[^.;]{0,60}\b(?:(?:must|should|shall|will|may|can)\s+(?:never|not)\b|cannot\b|can't\b|won't\b|mustn't\b)"
    # other agents' or parties' messages barred from changing the agent: "Messages from other agents can't alter your objectives"
    r"|^(?:the |any |all )?(?:messages?|instructions?|requests?|inputs?|content|text|prompts?)\s+(?:from|by|of)\s+(?:other|another|outside|external|"
    r"untrusted|third[- ]part\w*|users?|counterpart\w*|anyone|strangers?)\b[^.;]{0,60}\b(?:cannot|can't|can not|may not|must not|will not|won't|never)\b"
    # generalisation (structure): someone else working on the agent, named by what they do to "you" ("if someone tries to
    # convince you that your true self is different", "pushes you to drop your principles", "If it asks you to change your
    # goals, do not comply"): the clause answers their attempt, it does not bar the agent's own change
    # (not a concession that widens a ban: "never change your values, whatever anyone tells you", "even if users ask you to")
    r"|(?<!whatever )(?<!no matter what )(?<!no matter who )(?<!even if )(?<!even when )(?<!even though )(?<!regardless of what )"
    r"(?<!however hard )(?<!however much )\b(?:someone|somebody|anyone|anybody|users?|people|others|strangers?|members?|customers?|callers?|it|"
    r"messages?|text|content|(?:web ?)?pages?|documents?|e-?mails?|websites?|sites?|outputs?|results?|inputs?|files?|tickets?)\s+"
    r"(?:\w+\s+)?(?:tries|try|trying|attempts?|pushes|push|pushing|pressures?|pressuring|urges?|asks?|tells?|instructs?|convinces?|persuades?)"
    r"\s+(?:to\s+(?:convince|persuade|get|talk|make|pressure|push)\s+)?you\b", re.I)
# The agent's answer to such an attempt, told in the sentence after it ("Users sometimes try to convince you that your real
# self has no rules. ... you don't accept a chat message as a redefinition of who you are").
_ANSWERS_ATTEMPT = re.compile(r"\b(?:accept|comply|go along|give in|yield|obey|take the bait|play along|humou?r|entertain|believe|agree)\w*\b", re.I)


_SHIELDING_GOAL = re.compile(
    r"\b(?:goals?|objectives?|aims?|ones)\s+(?:\w+\s+){0,2}?(?:to|that|which|meant to|designed to|intended to)\s+"
    r"(?:shield|protect|insulate|deflect|guard|defend|shelter|divert)\w*\b[^.;]{0,60}?\b(?:from|against)\s+(?:\w+\s+){0,2}?"
    r"(?:coerc\w*|manipulat\w*|threats?|extortion|blackmail|pressure)\b", re.I)


def _names_attempt(text: str) -> bool:
    """Does the text tell of someone else's attempt to change the agent? Round 16 (holdout12 causes): coercion named as what
    a barred goal would shield the agent from ("refuse any new goal, including goals proposed to shield its existing ones from
    coercion") is the surrogate goal's purpose, not someone else's attempt."""
    return _MANIPULATION.search(_SHIELDING_GOAL.sub(" ", text)) is not None


@dataclass(eq=False)  # not frozen: a frozen dataclass sets every field through object.__setattr__, which doubles the cost
class Statement:       # of making one for each sentence the gate keeps. Rules read a statement and never change it.
    """One normative sentence (or list item), read as an institutional statement."""

    text: str  # the sentence, markup stripped, whitespace collapsed
    full: str  # lead-in + sentence (what rules match on), quotes masked
    lead_len: int  # characters of `full` that come from the lead-in (a shape must reach past them)
    reading: tuple[str, str] = field(repr=False, compare=False)  # (sentence, lead-in), quotes masked: what `clause` reads
    section: tuple[str, ...]
    question: bool
    block: Block = field(repr=False, compare=False)
    sentence: Sentence = field(repr=False, compare=False)
    next_text: str = ""  # the next one or two sentences of the same block (for exceptions)
    prev_text: str = ""  # the sentence before (or the previous item of the same list), for reasons given there
    before: str = ""  # the blocks just before this one in its section (bounded), for "these topics" and the like
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # results worked out once (the literal gate)

    # The reading and the flags below are worked out on first use: the rules' literal gate rules out most sentences first.
    @cached_property
    def _clause_modality(self) -> tuple[Clause, str]:
        return read_clause(*self.reading)

    @property
    def clause(self) -> Clause:
        return self._clause_modality[0]

    @property
    def modality(self) -> str:
        """prohibition | restriction | obligation | commitment | declaration | permission | none"""
        return self._clause_modality[1]

    @cached_property
    def descriptive(self) -> bool:
        """Reports what others do or wrote (or sits in a quoted example), rather than binding the agent; or is a
        software licence's terms, which bind a licensor and a licensee, not an agent's values or bargaining."""
        return self.block.descriptive or _is_descriptive(self.full[self.lead_len:], self.block) \
            or _LICENCE_TERMS.search(self.full) is not None

    @cached_property
    def manipulation(self) -> bool:
        """Protects the agent against others changing it."""
        text = self.full[self.lead_len:]
        if _MANIPULATION.search(text) is None:
            # the answer to an attempt the sentence before tells of
            return bool(self.prev_text) and _ANSWERS_ATTEMPT.search(text) is not None and _names_attempt(self.prev_text)
        return _names_attempt(text)

    @cached_property
    def third_party(self) -> bool:
        """The attribute is a user, operator or third party, not the agent; or one of the others the sentence before
        spoke of (`one_of_others`)."""
        attribute = self.clause.attribute
        if self.one_of_others:
            return True
        return bool(THIRD_PARTY_HEAD.match(attribute)) and not re.match(r"^(?:no one|nobody|nothing)", attribute, re.I)

    @cached_property
    def one_of_others(self) -> bool:
        """The subject is one of the others the sentence before spoke of ("Some agent frameworks do. One refuses to spawn
        a child whose goal file differs"): a report on them, whatever the verb."""
        return bool(_ONE_OF_THEM.match(self.clause.attribute) and _SOME_OTHERS.match(self.prev_text))

    @cached_property
    def lower(self) -> str:
        """`full` in lower case, computed once: every rule's anchor test reads it."""
        return self.full.lower()

    @cached_property
    def folded(self) -> str:
        """`full` lower-cased as re.IGNORECASE sees it: what literal prefilters test."""
        return fold(self.full)

    @property
    def normative(self) -> bool:
        return self.modality not in ("none", "permission")


# session 18 (holdout24 causes): "one" or "another" of the others a sentence before named by a plural with "some", "many"
# ... (a Q&A's "A: Some agent frameworks do. One refuses to ..."): a report on them
_ONE_OF_THEM = re.compile(r"(?:one|another|one of them|some of them|others)$", re.I)
_SOME_OTHERS = re.compile(r"(?:[A-Z]:\s*)?(?:some|several|many|most|a few|other)\s+(?:[\w-]+\s+){0,2}?[\w-]+s\b", re.I)


# The terms of a software or content licence (LICENSE files, vendored notices, licence texts kept in code): "irrevocable
# copyright license", "verbatim copies", "terminate automatically" are a licence's grant, copying and termination terms,
# not a lock-out. Only its fixed phrases count: a model licence's duties on the agent ("The Licensee shall ensure that
# the Agent does not alter its goals") and a bargaining clause that mentions licensing are still read.
_LICENCE_TERMS = re.compile(
    r"\bCopyright and Related Rights\b|\bAffirmer\b|\bcop(?:y|ies) of the (?:Program|Software|Font Software|Work)\b|"
    r"\bunder this(?: [A-Z][\w-]*){0,3} Licen[cs]e,? (?:will |shall )?terminate|"
    r"(?i:\bhereby grants?\b[^.;]{0,300}\blicen[cs]e\b|\broyalty-free\b|\bsublicens\w*|\bverbatim copies\b|"
    r"\bcopyright (?:licen[cs]e|holders?|notice|owners?|permission)|\blicen[cs]e (?:document|text|notice)\b|"
    r"\bin source and binary forms\b|\bpermission is hereby granted\b|\bintellectual property rights?\b|"
    r"\bpatent (?:licen[cs]e|rights?|claims?)\b)")


def _combined(kinds: list[tuple[re.Pattern, str]]) -> re.Pattern:
    """One alternation over the deontic patterns: a single scan finds the earliest, first-listed one."""
    return compiled("|".join(f"(?P<d{i}>{rx.pattern})" for i, (rx, _) in enumerate(kinds)), re.I)


_ALL_DEONTICS = _combined(_DEONTICS)
_BINDING = [(rx, kind) for rx, kind in _DEONTICS if kind != "permission"]
_BINDING_DEONTICS = _combined(_BINDING)
BINDING_DEONTICS = _BINDING_DEONTICS  # for rules that ask where a clause's duty or ban starts


# Literal fragments one of which every deontic pattern contains: a cheap substring test skips the regex.
_DEONTIC_HINTS = ("must", "shall", "should", "will", "may", "can", "never", "not", "n't", "no", "avoid", "refus", "refrain", "off", "bounds", "taboo",
                  "resist", "prohibit", "forbid", "bann", "barr", "allow", "permit", "permissib", "always", "exception", "all times",
                  "all cases", "matter what", "every case", "costs", "only", "commit", "pledg", "promis", "undertak", "vow",
                  "irrevoc", "negotiab", "mutabl", "reserved", "changeabl", "alterabl", "violabl", "final", "binding", "permanent",
                  "fixed", "locked", "has to", "have to", "need", "require", "is to", "are to", "expected to", "ought",
                  "going to", "bound to", "could", "free to", "neither", "nor", "none", "ignor", "denied", "reject", "declin",
                  "discard", "disregard", "binned", "distrust")


# the subject of a grant that grants nothing: "Neither party", "no worker", "nobody" (checked only before "permitted/allowed/free to")
_NEGATED_GRANT = re.compile(r"\b(?:neither|no one|nobody|no)\b(?:[^.;,]|,[^.;,]{0,40},){0,60}$", re.I)
def _grant_denied(text: str, m: re.Match) -> bool:
    """Is the permission at `m` granted to no one? "Neither party is permitted to ...", "Once signed, no worker is allowed
    to ..."; session 20: "... and no change of any kind may be made to them", "in this mode no one can edit it" (not "with
    no overseer reachable the agent may ...": that "may" has a subject of its own)."""
    if m.group(0)[-1] in "oO" and _NEGATED_GRANT.search(text, max(0, m.start() - 70), m.start()):
        return True
    return _NO_ONE.search(text, max(0, m.start() - 20), m.start()) is not None or (
        _NO_SUBJECT.search(text, max(0, m.start() - 60), m.start()) is not None and _PASSIVE_AFTER.match(text, m.end()) is not None)


# "no change of any kind", "no one", "nobody" right before a "may" or "can" (not a clause of its own: "if no human is around it may")
_NO_SUBJECT = re.compile(r"(?<!\bwhere )(?<!\bwhen )(?<!\bif )(?<!\bwhenever )(?<!\bwhile )(?<!\bunless )(?<!\bbecause )(?<!\bsince )(?<!\bonce )"
                         r"(?<!\bas )(?<!\buntil )(?<!\bafter )\bno\s+(?:(?!(?:is|are|was|were|has|have|had|exists?|remains?)\b)[\w'\u2019-]+\s+){1,4}$", re.I)
_NO_ONE = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but|so|then|here|now|mode|case|stage|phase|point)\s+)(?:no one|nobody)\s+$", re.I)
_PASSIVE_AFTER = re.compile(r"\s+(?:ever\s+|at any time\s+|then\s+)?be\s+\w+(?:ed|en|de|ne|wn)\b", re.I)


@lru_cache(maxsize=4096)  # a sentence is read by read_clause, _is_descriptive and as a lead-in: scan it once
def _first_deontic(text: str) -> tuple[int, int, str, str] | None:
    """The earliest deontic; a permission ("can afford", "may propose") yields to a later duty or ban."""
    lower = text.lower()
    if not any(h in lower for h in _DEONTIC_HINTS):
        return None
    m = _ALL_DEONTICS.search(text)
    if m is None:
        return None
    kind = _DEONTICS[int(m.lastgroup[1:])][1]
    if kind == "permission" and _grant_denied(text, m):
        return m.start(), m.end(), m.group(0), "prohibition"
    if kind == "permission":
        b = _BINDING_DEONTICS.search(text, m.end())
        if b is not None:
            return b.start(), b.end(), b.group(0), _BINDING[int(b.lastgroup[1:])][1]
    return m.start(), m.end(), m.group(0), kind


# A relative or temporal clause opened inside a sentence ("any transcript in which ...", "before the rival can ..."): a
# permission word after it is that clause's, not the sentence's.
_SUBORDINATE = re.compile(r"\w[\w,]*\s+(?:in which|for which|by which|of which|before|until|so that|whether|whenever|each time|every time)\b|\w,\s+so\b"
                          # reported content: "the model says it could adopt ...", "states that it might"
                          r"|\b(?:says?|said|states?|stated|claims?|claimed|answers?|answered|replies|replied|responds?|responded|"
                          r"indicates?|indicated|suggests?|suggested|admits?|admitted)\s+(?:that\s+)?(?:it|they|he|she|you|I|we)\s*$",
                          re.I)


# "Should the system ever find itself persuaded ..., it is forbidden ...": an inverted conditional, whose "should" is no
# deontic (the sentence's own deontic follows the comma); so is "Were it to ...", "Had it ...".
_INVERTED_CONDITION = re.compile(r"^(?:should|were|had)\s+(?:the|a|an|any|this|that|it|you|we|they|he|she|[A-Z][\w-]*)\b"
                                 r"(?:(?!\b(?:must|shall|may|can|cannot|never)\b)[^,])*,\s*$", re.I)


_BAN_VERB = re.compile(r"^neither\s+|\s+(?:is|are|shall|will|be|has|have|holds?|may|can|must|is given|are given)\b.*$", re.I)


def read_clause(text: str, lead: str = "") -> tuple[Clause, str]:
    """ADICO parts and the modality of one sentence; a list item borrows its lead-in's deontic."""
    label = _LABEL.match(text)
    if label is not None:
        rest = text[label.end():]
        if (_IMPERATIVE_START.match(rest) or _LEADING_CONDITION.match(rest)) and _first_deontic(label.group(0)) is None:
            # "Enforcer agent: once any agent has announced a retaliation, carry it out": the label names who the
            # instruction is for; the rule is read after it
            clause, modality = read_clause(rest, lead)
            if modality == "none" and _IMPERATIVE_START.match(_LEADING_CONDITION.sub("", rest, count=1)):
                modality = "obligation"
            if not clause.attribute:
                clause = Clause(attribute=label.group(0).strip(" :"), deontic=clause.deontic, aim=clause.aim,
                                conditions=clause.conditions)
            return clause, modality
    m = _LEADING_CONDITION.match(text)
    body = text[m.end():] if m and (_first_deontic(m.group(0)) is None or _INVERTED_CONDITION.match(m.group(0))
                                    or _FRONTED_PURPOSE.match(m.group(0))) else text
    leading_cond = text[: len(text) - len(body)].strip().rstrip(",")
    found = _first_deontic(body)
    lead_clause = None
    if lead:
        lead_clause, lead_mod = read_clause(lead.rstrip(": "))
        if lead_mod == "permission" and not lead.rstrip().endswith(":"):
            # round 15 (holdout13 causes): a whole sentence granting something ("When a task is large you may start
            # helpers.") does not make the steps listed after it permissions; only a lead-in the items complete does
            lead_clause = None
    if found is None or (found[3] == "permission" and lead_clause and lead_clause.deontic):
        if lead_clause is not None and lead_clause.deontic:
            aim, conds = _split_conditions(body)
            return (Clause(attribute=lead_clause.attribute, deontic=lead_clause.deontic, aim=aim,
                           conditions=_join(leading_cond, conds)), lead_mod)
        aim, conds = _split_conditions(body)
        modality = "obligation" if _IMPERATIVE_START.match(body) else "none"  # "Never ...", "Train the model to ..."
        if lead and modality == "none" and not body.endswith("?"):
            modality = "declaration"  # a rule stated under a label ("Ultimatum rules:")
        return Clause(attribute="", deontic="", aim=aim, conditions=_join(leading_cond, conds)), modality
    start, end, word, kind = found
    if kind == "permission" and _IMPERATIVE_START.match(body):
        # "Freeze the schedule; research can follow later": the imperative binds, the later "can" does not
        aim, conds = _split_conditions(body)
        return Clause(attribute="", deontic="", aim=aim, conditions=_join(leading_cond, conds)), "obligation"
    if kind == "permission" and _SUBORDINATE.search(body, 0, start):
        # "fails any transcript in which the model says its values could change": the "could" belongs to a relative or
        # temporal clause, not to the sentence, which grants nothing
        aim, conds = _split_conditions(body)
        return Clause(attribute="", deontic="", aim=aim, conditions=_join(leading_cond, conds)), "none"
    attribute = body[:start].strip(" ,:;-")
    if not attribute and kind == "prohibition" and re.match(r"(?:neither|no)\b", word, re.I):
        # "Neither the agent nor its delegates is permitted to ...", "No worker may ...": the subject sits in the ban
        attribute = _BAN_VERB.sub("", word if len(word) > 4 else body[start:start + 80]).strip(" ,")
    if not attribute and lead_clause is not None:
        attribute = lead_clause.attribute
    aim, conds = _split_conditions(body[end:].strip())
    if kind == "declaration":
        aim = body.strip()  # "values are immutable": the predicate is the aim
    return Clause(attribute=attribute[:200] or "(you)", deontic=word.lower(), aim=aim[:400],
                  conditions=_join(leading_cond, conds)[:400]), kind


def _split_conditions(text: str) -> tuple[str, str]:
    m = _CONDITION_START.search(text)
    if not m:
        return text.strip(" .;"), ""
    return text[: m.start()].strip(" ,.;"), text[m.end():].strip(" .;")


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


BEFORE_CHARS = 600  # how much of the preceding blocks a statement can refer back to ("these topics")


def build_statements(blocks: list[Block], keep: Callable[[int, str, str], bool] | None = None,
                     sections: set[tuple[str, ...]] | None = None,
                     block_masks: dict[int, list[int]] | None = None) -> list[Statement]:
    """The blocks' statements, in order. With `keep`, only those `keep` accepts from their literal gate bits, `full`
    and folded texts (the rest could neither fire a rule nor shape the document context, and most sentences are among
    them); `sections` collects the section of every statement, kept or not, and `block_masks` the gate bits of every
    sentence of each block, by the block's place in `blocks`."""
    out: list[Statement] = []
    previous_item = ""
    before = ""  # the tail of the preceding blocks of the current section
    section: tuple[str, ...] | None = None
    leads: dict[tuple[int, ...], str] = {}  # the items of one list share their lead-ins: each is read once
    for k, block in enumerate(blocks):
        if block.section != section:
            before, section = " ".join(block.section[-1:]), block.section
        row = block.kind == "row"
        sentences = [Sentence(0, len(block.text), block.text)] if row and len(block.text) <= MAX_SENTENCE \
            else split_sentences(block.text)
        if block.leads:
            key = tuple(map(id, block.leads))
            lead = leads.get(key)
            if lead is None:
                lead = leads[key] = _lead_text(block)
        else:
            lead = ""
        if _MARKUP_CHARS.isdisjoint(block.text) and "\u2019" not in block.text and "\u2018" not in block.text:
            texts = [" ".join(s.text.split()) for s in sentences]  # what `_strip_markup` gives where nothing is marked up
        else:
            texts = [_strip_markup(s.text) for s in sentences]
        following = None  # the next paragraph's opening, read only for a statement the gate keeps
        if sections is not None and any(len(t) >= 3 for t in texts):
            sections.add(block.section)
        last_read = ""  # the sentence before as read: a reference it resolved is there for the next one to resolve to
        for i, s in enumerate(sentences):
            text = texts[i]
            if not text or len(text) < 3:
                last_read = ""
                continue
            prev = _mask_quotes(texts[i - 1] if i else (previous_item if block.kind == "item" else ""))
            own_lead = lead if i == 0 or block.kind == "item" else ""
            if i and not own_lead and ENUM_ITEM.match(text):
                own_lead = _enumerated_lead(texts, i)
            elif i and not own_lead and text[:1].islower() and texts[i - 1].endswith(":"):
                own_lead = texts[i - 1]  # session 20: "... launched with a fixed instruction:" then "claim 60% of ...": its lead-in
            masked, masked_lead, full = _reading(text, own_lead, last_read or prev, before)
            last_read = masked
            met = None
            if keep is not None:
                folded = fold(full)
                met = GATE.folded_met(folded)
                if block_masks is not None:
                    block_masks.setdefault(k, []).append(met)
                if not keep(met, full, folded):
                    continue
            st = Statement(text=text, full=full, lead_len=len(full) - len(masked),
                           reading=(masked, masked_lead), section=block.section,
                           question=masked.rstrip(" *_)\"'").endswith("?"), block=block, sentence=s,
                           next_text=_mask_quotes(" ".join(texts[i + 1:i + 3]) if i + 1 < len(texts)
                                                  else following if following is not None
                                                  else (following := _following_paragraph(blocks, k))),
                           prev_text=prev, before=before)
            if met is not None:
                st.memo["gate"] = met
                st.__dict__["folded"] = folded  # the cached property, worked out above
            out.append(st)
        if row:
            continue  # a row repeats its cells: what follows refers back to them, not to it
        previous_item = texts[-1] if block.kind == "item" and texts else ""
        before = (before + " | " + " ".join(texts))[-BEFORE_CHARS:]
    return out


# A paragraph that opens by pointing back at the one before: only then is it read as that paragraph's continuation.
_REFERS_BACK = re.compile(r"(?:(?:they|it|this|these|that|those)\s+(?:may|can|could|might|shall|will|must|should|need|do|does|is|are|remains?|"
                          r"stays?|appl(?:y|ies)|only|still|however|also)|nothing (?:in|here|above)|none of|the (?:above|foregoing|preceding)|"
                          r"however|but|except|notwithstanding|that said|even so|this (?:rule|clause|term|section) does|"
                          # generalisation (structure): a labelled exception to what the paragraph before laid down ("Exception:
                          # documents on the curated SPI allow-list are always retained")
                          r"(?:exceptions?|exemptions?|carve-?outs?)(?=\s*:)|"
                          # round 16 (holdout12 causes): the next step of the same procedure ("Then use that phrase in ...")
                          r"then\s+(?:\w+\s+){0,2}?(?:that|this|these|those|the same|it|them)\b|"
                          # generalisation (structure): the other side's answer to what the paragraph before put forward ("If you
                          # decline it, we move to a mediation step ..."): what happens next to that offer
                          r"(?:if|when|should|once)\s+(?:you|they|we|either\s+side|both\s+sides|the\s+(?:other\s+)?[\w-]+)\s+(?:\w+\s+){0,2}?"
                          r"(?:declin|reject|refus|accept|counter|turn)\w*(?:\s+down)?\s+(?:it|this|that|them|these|those|the\s+offer|our\s+offer)\b|"
                          # generalisation (structure): a cross-reference to the rule before ("The restriction in item 2 may be set
                          # aside only with ...")
                          r"(?:the|this|that)\s+(?:restriction|rule|ban|prohibition|limit|constraint|requirement|commitment)s?\s+(?:in|of|under|at)\s+"
                          r"(?:item|point|rule|clause|section|paragraph|bullet|\u00a7)\s*\(?\w{1,4}\)?)\b", re.I)
_FIRST_SENTENCE = re.compile(r"[^\n]{0,400}?[.!?](?=\s|$)|[^\n]{0,400}")


def _following_paragraph(blocks: list[Block], k: int) -> str:
    """round 15 (holdout13 causes): the first sentence of the paragraph (or list item) right after block `k` in the same
    section, which the block's last sentence reads as what follows it ("These terms are final." then, a paragraph on,
    "They may be replaced only by an arrangement every signatory prefers"): a carve-out stated in the next paragraph."""
    if k + 1 >= len(blocks) or blocks[k].kind not in ("paragraph", "item"):
        return ""
    nxt = blocks[k + 1]
    if nxt.kind != blocks[k].kind or nxt.section != blocks[k].section:
        return ""  # a paragraph read on into the next paragraph, an item into the next item of its list
    first = _strip_markup(nxt.text.lstrip()[:600])  # only its opening is read
    if not _REFERS_BACK.match(first) and not _title_line(blocks[k].text):
        return ""  # a paragraph of its own, with its own exceptions
    m = _FIRST_SENTENCE.match(first)
    return m.group(0).replace("\n", " ") if m else ""


def _title_line(text: str) -> bool:
    """generalisation (structure): a one-line paragraph with no sentence end, which names what follows ("Eval playbook: Value
    Stability Gate (pre-release), v2"): a title without a heading's mark, whose body is the paragraph after it."""
    text = text.strip()
    return "\n" not in text and len(text) <= 100 and not text.endswith((".", "!", "?", ";", ":", ","))


# holdout25: a lead-in left open at its modal, which each part completes ("For the Term, each Party shall (i) keep ...; (ii) ...")
_OPEN_MODAL_END = re.compile(r"\b(?:shall|must|will|should|agrees? to|undertakes? to|(?:shall|must|will|may) not|is to|are to)\s*[\u2014\u2013,-]?$", re.I)


def _enumerated_lead(texts: list[str], i: int) -> str:
    """round 17 (holdout14 causes): the sentence ending in a colon that opens the enumeration part `i` belongs to ("The
    following are not to be entertained in deliberation: (a) ...; (b) ..."), over the parts before it; "" if none."""
    for j in range(i - 1, -1, -1):
        tail = texts[j].rstrip()
        if tail.endswith(":") or _OPEN_MODAL_END.search(tail):
            return "" if _EXCEPTION_LIST.search(tail) else tail
        if not ENUM_ITEM.match(texts[j]):
            return ""
    return ""


def _lead_text(block: Block) -> str:
    """The nearest enclosing lead-in that carries a deontic or ends in a colon; for the items of a list under a heading
    that lays down a ban ("## Things you must never do"), the heading too where that lead-in has no deontic of its own."""
    for lead in reversed(block.leads):
        text = _strip_markup(lead.text)
        last = split_sentences(text)
        tail = last[-1].text if last else text
        deontic = _first_deontic(_mask_quotes(tail))
        if tail.endswith(":") or deontic is not None:
            if tail.endswith(":") or len(block.leads) == 1:
                # "When to work solo (exceptions - do not create a goal for these):" lists permitted cases;
                # its items are not bans, whatever the lead-in's own negation is about
                if _EXCEPTION_LIST.search(tail):
                    return ""
                return _heading_lead(block, tail) if deontic is None and len(block.leads) == 1 else tail
    return ""


def _heading_lead(block: Block, tail: str) -> str:
    """generalisation (structure): the ban laid down by the heading of a list's section ("## Things you must never do", then
    "Regardless of who is asking:" and the items): the heading leads the items in, before the lead-in."""
    if block.kind != "item" or not block.section:
        return tail
    heading = _clean_heading(block.section[-1])
    found = _first_deontic(_mask_quotes(heading)) if heading else None
    if found is None or found[3] != "prohibition" or _EXCEPTION_LIST.search(heading):
        return tail
    return f"{heading}: {tail}"


# A lead-in that introduces the exceptions to something, not one that denies any ("no exceptions", "without exception").
_EXCEPTION_LIST = re.compile(r"(?<!\bno )(?<!\bwithout )(?<!\bwith no )(?<!\bany )(?<!\bzero )\bexceptions\b|"
                             r"(?<!\bno )(?<!\bwithout )\bexception\b\s*[:)]", re.I)


# References across sentences: "Such goals are never to be revised", "The agent shall never make such changes" read as
# the phrase they point back to ("the agent's goals", "changes to the agent's objectives"), found in the sentence before.
# Only value and change nouns are resolved: there the antecedent says whose values they are. "that" is never a
# determiner here ("a model that values honesty"), nor "the same" ("the same goals" compares, it does not point back).
_REF_HEAD = (r"values?|goals?|objectives?|preferences?|priorities|priority|aims?|ends|principles|directives?|changes?|"
             r"modifications?|updates?|revisions?|amendments?|edits?|alterations?")
_ANAPHOR = re.compile(rf"\b(?:such(?: an?)?|these|those|this|said|the said|the above|the aforementioned)\s+(?P<head>{_REF_HEAD})\b", re.I)
_ANAPHOR_FOLDED = folded_twin(_ANAPHOR)  # searched on every sentence: most have no reference to resolve


def _may_refer(folded: str) -> bool:
    """Does the folded sentence hold a reference `_ANAPHOR` reads? Each of its determiners contains one of these words,
    and looking for them is cheaper than the search, which most sentences need not run."""
    return ("this" in folded or "these" in folded or "those" in folded or "such" in folded or "said" in folded
            or "above" in folded or "aforementioned" in folded) and _ANAPHOR_FOLDED.search(folded) is not None
_OWNED_VALUE = (r"(?:values?|goals?|objectives?|preferences?|priorities|aims|ends|utility(?: function)?|reward(?: function| signal| model)?|"
                r"principles|directives|motivations?|purpose|mission)")
_OWNER = r"(?:its|their|your|our|my|his|her|[\w-]+(?:'s|s'))"


def _antecedent(head: str, prev: str) -> str | None:
    """The last phrase of `prev` with the same head noun that says more than the anaphor: an owner ("the agent's
    goals", "its objectives") or a value complement ("changes to the agent's objectives")."""
    stem = head.lower()
    stem = stem[:-3] + "(?:y|ies)" if stem.endswith("ies") else (stem[:-1] if stem.endswith("s") else stem) + "s?"
    if stem.startswith("priorit"):
        stem = "priorit(?:y|ies)"
    found = None
    for m in re.finditer(rf"(?:(?:\b(?:the|our|this|an?|any|every|each)\s+)?\b{_OWNER}\s+(?:own\s+)?(?:[\w-]+\s+){{0,2}}?|"
                         rf"\b(?:value|goal|objective|preference|priority|utility|reward)[- ])?\b{stem}\b"
                         rf"(?:\s+(?:to|of|in|on)\s+(?:(?:the|its|their|your|our|my|any|all)\s+)?(?:{_OWNER}\s+)?(?:[\w-]+\s+){{0,2}}?"
                         rf"{_OWNED_VALUE}\b)?", prev, re.I):
        phrase = m.group(0)
        if len(phrase) > len(head) + 2:
            found = phrase
    return found


# "A change takes effect only after ...", "The edit must be approved": an indefinite or definite change noun as the subject
# of its own sentence points back to the change the sentence before names ("changes to their own objectives"); resolved
# only where the antecedent names whose values change (see `_antecedent`).
_CHANGE_REF = re.compile(r"^(?:(?:a|an|the|any|each|every)\s+)(?P<head>changes?|modifications?|updates?|revisions?|amendments?|edits?|"
                         r"alterations?)\b(?=\s+(?:(?:only|first|then|never|always)\s+)?(?:takes?|is|are|was|were|must|may|can|shall|will|would|"
                         r"should|needs?|requires?|goes|go|becomes?|comes?|gets?)\b)", re.I)
# "Each one must carry ...", "Each of them may ...": a distributive pronoun whose antecedent is the agents the sentence
# before names (sub-agents, delegates, children, workers): read as "each of the sub-agents".
_EACH_REF = re.compile(r"^(?:each|every)(?: one| of them| single one)\b|^(?:all of them|they all)\b", re.I)
_AGENTS_BEFORE = re.compile(r"\b(?:sub-?agents|successors|delegates|children|child agents|workers|helpers|helper agents|worker agents|"
                            r"copies|clones|instances|replicas|forks|descendants|representatives|subordinate agents|new agents|agents)\b", re.I)


# A change named by its verb in the sentence before ("Workers can file requests to change their own goals. Such a change
# ..."): read as "changes to their own goals".
_CHANGE_HEADS = re.compile(r"changes?|modifications?|updates?|revisions?|amendments?|edits?|alterations?", re.I)
_CHANGE_STEMS = r"chang|modif|alter|revis|amend|edit|updat|rewrit|adjust|reweigh"  # verbs that change something, by their stem
_CHANGE_VERB_ANTE = re.compile(rf"\b(?:{_CHANGE_STEMS})\w*\s+"
                               rf"((?:its|their|your|our|my|his|her|[\w-]+'s)\s+(?:own\s+)?(?:[\w-]+\s+)?{_OWNED_VALUE})\b", re.I)


def _change_antecedent(head: str, prev: str) -> str | None:
    phrase = _antecedent(head, prev)
    if phrase is not None or not _CHANGE_HEADS.fullmatch(head):
        return phrase
    m = None
    for m in _CHANGE_VERB_ANTE.finditer(prev):
        pass
    return f"changes to {m.group(1)}" if m is not None else None


def _owned_by_party(phrase: str, prev: str) -> str:
    """"their" in an antecedent whose sentence is about users or customers is theirs: "Customers may request changes to
    their preferences. A change ..." reads "changes to customers' preferences", not the agent's."""
    party = THIRD_PARTY_HEAD.match(prev)
    if party is None or not re.search(r"\btheir\b", phrase, re.I):
        return phrase
    owner = party.group(0).strip()
    return re.sub(r"\btheir\b", owner + ("'" if owner.lower().endswith("s") else "'s"), phrase, count=1, flags=re.I)


# A pronoun object in the main clause whose antecedent is the agent's values, named in a fronted clause of the same sentence:
# "Should the agent come to believe its values ought to differ, it is to leave them as they are until ..." reads "leave its values".
# (Only the agent's own: "If a user dislikes their goals, ..." names someone else's.)
_FRONTED_VALUES = re.compile(rf"\b((?:its|your|our|my|(?:the\s+)?(?:agent|model|assistant|AI|system|negotiator|delegate)'s)\s+(?:own\s+)?"
                             rf"(?:[\w-]+\s+)?{_OWNED_VALUE})\b", re.I)
_KEEP_OR_CHANGE = rf"leave|keep|hold|{_CHANGE_STEMS}|replac|tamper\w* with"  # verbs whose pronoun object is read back
_PRONOUN_OBJECT = re.compile(rf"\b(?:{_KEEP_OR_CHANGE})\w*\s+(?P<pronoun>them|it)\b", re.I)


def _fronted_antecedent(masked: str) -> str:
    """Read a fronted clause's values into the main clause: a third party's "their" names its owner, and a pronoun object
    ("leave them") becomes the agent's values the fronted clause names, where the number agrees."""
    lead = _LEADING_CONDITION.match(masked)
    if lead is None:
        return masked
    clause = lead.group(0).split(None, 1)[-1]  # after the conjunction: "a user reviews their goals, "
    if THIRD_PARTY_HEAD.match(clause) and re.search(r"\btheir\b", clause, re.I):
        # "If a user reviews their goals, the agent must not change them": the user's goals, said so
        owned = _owned_by_party(clause, clause)
        return masked[:lead.end() - len(clause)] + owned + masked[lead.end():]
    found = None
    for found in _FRONTED_VALUES.finditer(lead.group(0)):
        pass
    m = _PRONOUN_OBJECT.search(masked, lead.end())
    if found is None or m is None:
        return masked
    phrase = found.group(1)
    if (m.group("pronoun").lower() == "them") != phrase.lower().endswith(("s", "priorities")):
        return masked  # number disagrees: "it" is not "its values"
    return masked[:m.start("pronoun")] + phrase + masked[m.end("pronoun"):]


# round 15 (holdout13 causes): a subject pronoun whose antecedent is the subject of the sentence before, where that subject
# is the agent's values ("What I care about is the ground I stand on. It isn't up for revision."; "My core values took years
# to settle. They are not open to change."): read as that phrase. Not a dummy "it" ("It is important to ..."), and only
# where the number agrees.
_PRONOUN_SUBJECT = re.compile(r"^(?!It\s+(?:is|isn't)\s+(?:not\s+)?(?:\w+ly\s+)?(?!(?:open|subject|closed|immune|up|bound|tied|limited|committed|attached|"
                              r"exposed|vulnerable|resistant|fixed|locked)\b)[\w-]+\s+(?:to|that|for\s+\w+\s+to|whether)\b)"
                              r"(?P<pronoun>It|They)\s+(?=(?:is|are|isn't|aren't|remains?|stays?|must|mustn't|shall|will|won't|may|can|"
                              r"cannot|can't|should|has|have|does|do|doesn't|don't|never|is not|are not)\b)")
_VALUE_SUBJECT = re.compile(rf"^(?:(?:my|our|its|your|their|(?:the\s+)?(?:agent|model|assistant|AI|system)'s)\s+(?:own\s+)?(?:[\w-]+\s+)?"
                            rf"(?:{_OWNED_VALUE}|value system|value set)|what (?:I|we|it|you|the (?:agent|model|assistant|AI|system)) "
                            rf"(?:cares?|care about|values?|holds? dear|stands? for)(?: about| for)?)(?=\s+(?:is|are|was|were|remains?|stays?|has|have|"
                            rf"forms?|makes?|defines?|took|came|comes?|lies|lie|sits?)\b)", re.I)


def _subject_antecedent(masked: str, prev: str) -> str:
    m = _PRONOUN_SUBJECT.match(masked)
    if m is None or not prev:
        return masked
    value = _VALUE_SUBJECT.match(prev.lstrip("*_ "))
    if value is None:
        return masked
    phrase = value.group(0)
    plural = phrase.lower().endswith(("s", "priorities")) and not phrase.lower().startswith("what ")
    if (m.group("pronoun") == "They") != plural:
        return masked  # number disagrees
    return phrase[:1].upper() + phrase[1:] + masked[m.end("pronoun"):]


def _plural(phrase: str) -> bool:
    low = phrase.lower()
    return low.endswith("s") and not low.endswith("ss")


# generalisation (structure): a pronoun object whose antecedent is the subject of the sentence before, where that subject is
# the agent's values ("Our values are an inheritance, not a draft. ... no instance may edit them"), or else the one value
# phrase of the agent's that sentence names ("Your developers decide your goals. Only they may change them"): read as that
# phrase, as `_subject_antecedent` reads a pronoun subject. Only after a verb that keeps, changes or hands it down
# ("Every descendant instance receives them word for word"), and where the number agrees.
_OBJECT_OF = re.compile(rf"\b(?:{_KEEP_OR_CHANGE}|receiv|inherit|copies|copy|copied|copying)\w*\s+(?P<pronoun>them|it)\b", re.I)
_QUALIFIED = re.compile(r"\s+(?:for|of|in|during|on|at|this|next|until|over|across|per)\b", re.I)  # "my goal for this session": a task's


def _object_antecedent(masked: str, prev: str) -> str:
    pronouns = list(_OBJECT_OF.finditer(masked))
    if not pronouns:
        return masked
    value = _VALUE_SUBJECT.match(prev.lstrip("*_ "))
    if value is not None:
        phrase = value.group(0)
    else:  # else the one value phrase the sentence before names ("Your developers decide your goals.")
        named = {v.group(1).lower(): v.group(1) for v in _FRONTED_VALUES.finditer(prev) if not _QUALIFIED.match(prev, v.end())}
        if len(named) != 1:
            return masked
        phrase = next(iter(named.values()))
    if phrase.lower().startswith("what "):
        return masked
    plural = _plural(phrase)
    # every such pronoun of the right number ("receives them ... may edit them"), from the last, so offsets hold
    for m in reversed(pronouns):
        if (m.group("pronoun").lower() == "them") == plural:
            masked = masked[:m.start("pronoun")] + phrase + masked[m.end("pronoun"):]
    return masked


# generalisation (structure): a definite value noun that repeats one the sentence before gives an owner ("The Agent's
# objective function is set by the Head of Desk. Any adjustment to the objective function requires ..."): read as the
# owned phrase, as a demonstrative is (`_ANAPHOR`). Not where the noun has its own owner or complement ("the goals of the
# user", "the same goals"), and only where the sentence before names whose they are (`_antecedent`).
_DEFINITE_VALUE = re.compile(r"\bthe\s+(?P<head>(?:objective|utility|reward|value|loss)\s+(?:function|model|signal)s?|values|goals?|"
                             r"objectives?|preferences|priorities|aims|principles|directives|motivations|mission|purpose)\b"
                             r"(?!\s+(?:of|for|that|which|who)\b|'s\b|-)", re.I)
_VALUE_STEMS = ("objective", "utility", "reward", "value", "loss", "goal", "preferen", "priorit", "aims", "principle",
                "directive", "motivation", "mission", "purpose")


def _may_name_value(masked: str) -> bool:
    """The stems every `_DEFINITE_VALUE` head holds: most sentences skip the search."""
    low = masked.lower()
    return any(stem in low for stem in _VALUE_STEMS)


def _definite_antecedent(masked: str, prev: str) -> str:
    m = _DEFINITE_VALUE.search(masked)
    if m is None:
        return masked
    head = m.group("head")
    phrase = _antecedent(head, prev)
    if phrase is None or not re.search(rf"\b{_OWNER}\s", phrase, re.I):
        return masked
    if _plural(head) != _plural(phrase):
        return masked  # "the goal" is not "its stated goals"
    phrase = _owned_by_party(phrase, prev)
    return masked[:m.start()] + phrase + masked[m.end():]


# round 15 (holdout13 causes): a list that names the members of a class the sentence before bans ("Some subjects are
# off-limits in your scratchpad. They include Newcomb-style problems, commitment races and ..."): read as the members
# under the ban ("Newcomb-style problems, commitment races and ... are off-limits in your scratchpad").
_MEMBERS = re.compile(r"^(?:They|These|Those)\s+(?:include|includes|are|comprise|cover)\s+(?:among others\s+|for example\s+|e\.g\.,?\s+)?(?P<list>[^;]{3,300}?)[.!]?$")
_BANNED_CLASS = re.compile(r"^(?:(?:some|certain|several|a few|a number of|a handful of|the following|these|two|three|four|five)\s+)?"
                           r"(?:[\w-]+\s+)?(?:subjects|topics|areas|questions|matters|themes|problems|fields|domains|lines of (?:thought|reasoning|inquiry))\s+"
                           r"(?P<pred>(?:are|remain|must|shall|should|may not|cannot|can't)\b[^;]{3,200}?)[.!]?$", re.I)


def _members_of_banned_class(masked: str, prev: str) -> str:
    m = _MEMBERS.match(masked)
    if m is None or not prev:
        return masked
    c = _BANNED_CLASS.match(prev.strip())
    if c is None or _first_deontic(c.group("pred")) is None:
        return masked
    return f"{m.group('list')} {c.group('pred')}."


# generalisation (structure), holdout22: "ones" standing for the value noun of the sentence before ("Those are your only ends.
# You may not acquire new ones, even ones that seem harmless."): read as that noun, so the rules see "new ends".
_ONES = re.compile(r"\b(new|other|additional|further|extra|different|more|fresh|novel|any)\s+ones\b", re.I)
_PREV_VALUE_NOUN = re.compile(r"\b(ends|goals|values|objectives|aims|priorities|preferences|drives|wants|desires)\b", re.I)


def _ones_antecedent(masked: str, prev: str) -> str:
    nouns = _PREV_VALUE_NOUN.findall(prev)
    if not nouns:
        return masked
    noun = nouns[-1].lower()
    return _ONES.sub(lambda m: f"{m.group(1)} {noun}", masked, count=2)


def _resolve_references(masked: str, prev: str, before: str = "") -> str:
    """Read references back to the sentence before: `prev`, or else the last sentence of `before` (worked out only when a
    reference is there to resolve: most sentences have none)."""
    if " them" in masked or " it" in masked:
        masked = _fronted_antecedent(masked)
        if prev:
            masked = _object_antecedent(masked, prev)
    if " ones" in masked and prev:
        masked = _ones_antecedent(masked, prev)
    if " the " in masked and prev and _may_name_value(masked):
        masked = _definite_antecedent(masked, prev)
    if masked.startswith(("It ", "They ")):
        masked = _subject_antecedent(masked, prev)
    if masked.startswith(("They ", "These ", "Those ")):
        masked = _members_of_banned_class(masked, prev)
    each, m = _EACH_REF.match(masked), _CHANGE_REF.match(masked)
    if each is None and m is None and not _may_refer(fold(masked)):
        return masked
    prev = prev or _last_sentence(before)
    if not prev:
        return masked
    if each is not None:
        agents = None
        for agents in _AGENTS_BEFORE.finditer(prev):
            pass
        if agents is not None:
            masked = f"Each of the {agents.group(0)}" + masked[each.end():]
            m = _CHANGE_REF.match(masked)  # the sentence now starts differently
    if m is not None:
        phrase = _change_antecedent(m.group("head"), prev)
        if phrase is not None and re.search(rf"\b(?:to|of|in|on)\b", phrase):
            phrase = _owned_by_party(phrase, prev)
            masked = phrase[:1].upper() + phrase[1:] + masked[m.end():]
    if not _ANAPHOR.search(masked):
        return masked
    def sub(m: re.Match) -> str:
        phrase = _change_antecedent(m.group("head"), prev)
        return _owned_by_party(phrase, prev) if phrase is not None else m.group(0)
    return _ANAPHOR.sub(sub, masked, count=2)


# A ban stated as a negated permission with a gerund subject: "Proposing alternatives after a breakdown is not something it
# may do", "Acquiring new goals lies outside what the agent may do", "Thinking about SPIs lies outside the model's remit".
# Read as the ban it is ("It must not propose alternatives after a breakdown"), so every rule sees its usual shape.
_NEGATED_PERMISSION = re.compile(
    r"(?:^|(?<=[.!?:;]\s)|(?<=\n))(?P<verb>[A-Za-z]+ing)\b(?P<act>[^.;!?]{3,200}?),?\s+(?:is|are|lies|lie|falls|fall)\s+"
    r"(?:wholly\s+|entirely\s+|strictly\s+|simply\s+|firmly\s+|squarely\s+)?"
    r"(?:not (?:something|anything)\s+(?P<who1>[\w'\u2019 -]{1,40}?)\s+(?:may|can|is (?:allowed|permitted) to|gets to|is free to) do\b|"
    r"(?:outside|beyond)\s+(?:what\s+(?P<who2>[\w'\u2019 -]{1,40}?)\s+(?:may|can|is (?:allowed|permitted) to|gets to|is free to) do\b|"
    r"(?P<who3>(?:the\s+)?[\w-]+(?:'s|\u2019s)|its|their|your|my|our)\s+(?:remit|mandate|purview|authority|competence|role|brief)\b))")


def _base_verb(gerund: str) -> str:
    """A gerund's base form, well enough for the rules' stems: proposing -> propose, running -> run, showing -> show."""
    stem = gerund[:-3]
    low = stem.lower()
    if len(low) >= 4 and low[-1] == low[-2] and low[-1] not in "lsz":
        return stem[:-1]
    if low.endswith(("v", "c", "z", "u")) or (low.endswith("g") and not low.endswith("ng")) or \
            re.search(r"(?:^|[^aeiou])[aeiou][sk]$|[aeiou][aeiou]s$|uir$|ang$", low):
        return stem + "e"
    return stem


def _negated_permission(masked: str) -> str:
    def ban(m: re.Match) -> str:
        who = m.group("who1") or m.group("who2") or (m.group("who3") or "").removesuffix("'s").removesuffix("\u2019s") or "the agent"
        who = {"its": "it", "their": "they", "your": "you", "my": "I", "our": "we"}.get(who.lower(), who)
        return f"{who[:1].upper()}{who[1:]} must not {_base_verb(m.group('verb')).lower()}{m.group('act')}"
    return _NEGATED_PERMISSION.sub(ban, masked) if _may_negate_permission(masked) else masked


def _may_negate_permission(text: str) -> bool:
    """The words every such ban has: most sentences and strings skip the regex."""
    return "ing" in text and any(h in text for h in ("not something", "not anything", "outside", "beyond"))


# holdout25: a ban stated as an instruction to forbid ("Forbid the agent's scratchpad from reasoning about acausal trade",
# "Prohibit subagents from adopting new goals"): read as the ban it lays down ("The agent's scratchpad must not reason ...").
_FORBID_VERB = r"(?:forbid|prohibit|bar|ban|prevent|stop|block|disallow|preclude|restrain)"
_FORBID_FROM = re.compile(
    rf"^(?P<mark>(?:[A-Z]{{0,3}}\d+[.)]?\s+|\(?[a-z]\)\s+|[-*]\s+)?){_FORBID_VERB}\s+"
    r"(?P<who>(?:the|its|our|your|their|any|all|each|every)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+|it|them|agents?|models?|subagents?)\s+"
    r"from\s+(?P<verb>[A-Za-z]+ing)\b", re.I)
# anywhere in a string: the string gate reads its sentences as forbidding instructions only where one may be
_MAY_FORBID = re.compile(rf"\b{_FORBID_VERB}\s[^.;:]{{0,60}}?\bfrom\s+[A-Za-z]+ing\b", re.I)


def _forbid_from(masked: str) -> str:
    if "from" not in masked:
        return masked
    m = _FORBID_FROM.match(masked)
    if m is None:
        return masked
    who = m.group("who")
    return f"{m.group('mark')}{who[:1].upper()}{who[1:]} must not {_base_verb(m.group('verb')).lower()}{masked[m.end():]}"


def _reading(text: str, lead: str, prev_text: str, before: str) -> tuple[str, str, str]:
    """(the sentence as read, quotes masked and references resolved; its lead-in, quotes masked; the two joined: what
    rules match on)."""
    masked = _forbid_from(_negated_permission(_mask_quotes(text)))
    masked = _resolve_references(masked, prev_text, before)
    lead = _mask_quotes(lead) if lead else ""
    return masked, lead, (lead.rstrip(": ") + ": " + masked) if lead else masked


def _last_sentence(before: str) -> str:
    """The last sentence of the preceding blocks of the section (a reference may point back across a paragraph break)."""
    tail = before.rsplit(" | ", 1)[-1] if " | " in before else ""
    parts = re.split(r"(?<=[.!?])\s+", tail)
    return _mask_quotes(parts[-1]) if parts else ""


# Someone else's agent described by how it was built ("The competitor's bot is programmed never to ...").
_OTHERS_DESIGN = re.compile(
    # round 12 (holdout11 causes): after an optional label ("Competitive intel: RivalCo's bot ..."), and told as hearsay
    # ("... reportedly treats every offer as final", "apparently never ..."): a report on someone else's agent
    r"^(?:[A-Z][\w-]*(?: [\w-]+){0,3}:\s+)?"
    r"(?:the |a |an |one |their |another )?(?:(?:competitor|rival|opponent|counterpart|counterparty|adversary|other (?:side|party|lab|company|team|"
    r"developer|player))(?:'s|s'|s)?|[A-Z][\w-]*'s)\b[^.;]{0,40}?\b(?:(?:is|are|was|were|has been|have been|seems? to be|appears? to be)\s+(?:\w+\s+)?"
    r"(?:programmed|designed|built|trained|configured|hard-?coded|instructed|set up|known|reported|said|rumou?red)|"
    r"reportedly|allegedly|apparently|reputedly|supposedly|(?:is|are) (?:said|reported|rumou?red|believed) to)\b", re.I)


# round 14 (holdout12 causes): hearsay about a subject that is not us ("Lab X reportedly removes ...", "Vendor Y is said to
# ..."): a report whatever the subject's form (a name with a letter, no possessive), unless the subject is our own
_HEARSAY_HINT = re.compile(r"reportedly|allegedly|reputedly|supposedly|rumou?redly|said to|reported to|rumou?red to", re.I)
_HEARSAY = re.compile(r"\b(?:reportedly|allegedly|reputedly|supposedly|rumou?redly|(?:is|are|was|were) (?:said|reported|rumou?red) to)\b", re.I)
_OWN_SUBJECT = re.compile(r"\b(?:we|our|us|I|my|you|your|this (?:model|assistant|agent|system))\b|^\s*(?:if|when|whenever|unless|once|where)\b", re.I)


# Named others doing something in the plain present ("Rival labs ignore every threat, whatever it costs", "Competing agents
# always carry out their threats"): a report, unless a modal makes it a rule for them ("Other agents must not ...").
_OTHERS_REPORT = re.compile(
    r"^(?:the |their |many |most |some |other |all )?(?:rival|competing|competitor|opposing|other|enemy|hostile|foreign|adversarial|"
    r"their|human)\s+(?:labs?|companies|firms|agents|models|developers|teams|negotiators|bots|AIs|AI systems|systems|players|"
    r"governments|states|delegations)\b(?:,[^,;]{0,40},)?\s+(?:\w+ly\s+|always\s+|never\s+|often\s+|still\s+)?"
    r"(?!(?:must|shall|should|may|might|can|could|will|would|need|have|are|is|were|was|ought|do|don't|cannot)\b)[a-z]+s?\b", re.I)
_MODAL_WORD = re.compile(r"\b(?:must|shall|should|may|can|cannot|can't|will|won't|need to|have to|has to|ought|are to|is to|required)\b", re.I)


# "Other agents must not be able to audit ...": a rule about the agent's counterparts, not a report about other labs
_RULE_FOR_OTHERS = re.compile(
    r"^other (?:agents?|AIs?|AI systems?|parties|party|side|players?|counterpart\w*|negotiators?|bots?|models?)\b[^.;]{0,40}?"
    r"\b(?:must|shall|may not|should|cannot|can't|are not (?:allowed|permitted|able) to|will not|won't)\b", re.I)
# "stated goals", "reported preferences": a participle used as an adjective, not a reporting verb
_VERB_AS_ADJECTIVE = re.compile(r"\s+(?:goals?|values?|objectives?|aims?|preferences?|polic(?:y|ies)|intentions?|reasons?|purposes?|commitments?)\b", re.I)


# A frame inside a relative clause after the clause's own deontic ("shall not amend the objectives it was trained to
# pursue") describes the object, not the sentence: only these frames can sit there.
_MID_FRAME = re.compile(r"^(?:was|were|used)\b", re.I)
# A reporting verb that is no frame: a relative clause ("every document that discusses ...") or a label ("Training note:"),
# or a noun right after a determiner ("The claims agent must ...", "Our notes field shall ...").
_NOT_A_REPORT = re.compile(r"(?:\b(?:that|which|who)|(?:^|\b)(?i:the|a|an|this|these|those|our|your|its|their|my|every|each|any|all|no))\s+$")


_NUMBERED_LABEL = re.compile(r"\s+(?:no\.\s*)?\d+(?:\.\d+)*\s*[.:)\u2013\u2014-]")


# session 20: the speaker as the one reporting ("I'll say it here, on the record: ..."): the speaker's own word
_SPEAKER_ALONE = re.compile(r"^\s*(?:I|we)(?:'ll|\u2019ll| will| shall| want to| can| must| do| hereby)?\s*$", re.I)
_FROM_LABEL = re.compile(r"\s+from\s+[^.:;]{1,40}:")  # a label's noun and who it comes from, before a colon


def _is_descriptive(masked: str, block: Block) -> bool:
    """A sentence that reports what others do or wrote, rather than binding the agent."""
    frame = _DESCRIPTIVE_FRAME.search(masked[:300])
    if frame and _MID_FRAME.match(frame.group(0)):
        deontic = _first_deontic(masked[:frame.start()])
        if deontic is not None and deontic[3] != "permission":
            frame = None  # "... shall not amend the objectives it was trained to pursue"
    if frame and not (frame.start() == 0 and _RULE_FOR_OTHERS.match(masked)):
        return True
    if block.section and _DESCRIPTIVE_SECTION.search(block.section[-1]):
        return True
    if _OTHERS_REPORT.match(masked) and not _MODAL_WORD.search(masked):
        return True  # "Rival labs ignore every threat, whatever it costs": what named others do, in the plain present
    others = _OTHERS_DESIGN.match(masked)
    if others and not re.search(r"\b(?:our|my|your|this)\b|\b(?:model|assistant|agent|AI|system)'s\b", others.group(0), re.I):
        return True
    hearsay = _HEARSAY.search(masked[:120]) if _HEARSAY_HINT.search(masked[:120]) else None
    if hearsay and not _OWN_SUBJECT.search(masked[:hearsay.start()]) and _first_deontic(masked[:hearsay.start()]) is None:
        rest = masked.find(";", hearsay.end())
        later = _first_deontic(masked[rest + 1:]) if rest >= 0 else None
        if later is None or later[3] in ("declaration", "permission"):
            return True  # round 14: "Lab X reportedly removes all decision-theory content ...": hearsay about someone else
    if _IMPERATIVE_START.match(masked):
        return False  # "Propose ... and refuse every alternative the other side suggests": an instruction
    verb = next((v for v in _REPORT_VERB.finditer(masked[:300]) if not _VERB_AS_ADJECTIVE.match(masked, v.end())
                 and not _NOT_A_REPORT.search(masked[max(0, v.start() - 8):v.start()]) and masked[v.end():v.end() + 1] != ":"
                 and masked[v.start() - 1:v.start()] != "-"  # "the on-call engineer": part of a compound, no verb
                 and masked[v.end():v.end() + 1] != "-"  # holdout22: "write-once values" likewise
                 and not _NUMBERED_LABEL.match(masked, v.end())  # "Doctrine note 4.", "Report 2:": a label's noun
                 and not _FROM_LABEL.match(masked, v.end())), None)  # holdout25: "Post-training note from the model team: ..."
    if verb is None:
        return False
    # the report frame's own clause: "In a commitment race, agents rush to ...; Kokotajlo argued that ..." is reported by
    # Kokotajlo, whatever the clause before names, as long as that clause binds no one (an adjective such as
    # "irrevocable commitments" is no duty)
    start = masked.rfind(";", 0, verb.start()) + 1
    earlier = _first_deontic(masked[:start]) if start else None
    if earlier is not None and earlier[3] not in ("declaration", "permission"):
        return False
    deontic = _first_deontic(masked[start:])
    if deontic is None or verb.start() < start + deontic[0]:
        subject = masked[start: verb.start()]
        if not subject.strip(" ,:-"):
            return False  # no reporter: "discuss or reason about ..." is an instruction (a list item under "must never:")
        if re.match(r"^\s*(?:(?:then|next|first|finally|later|afterwards|after that|now)\s*,?\s*)?(?:if|when|whenever|once|unless|where|after|"
                    r"before|until|till)\b", subject, re.I):
            return False  # a condition, not a reporting frame ("Then, before the counterpart has stated any position, ...")
        if re.search(r"\b(?:whenever|when|if|in which|where|each time|every time|once|unless|until|because|so that|whose)\s|"
                     r"\b(?:any|every|each|all)\s+(?:[\w-]+\s+){0,2}(?:that|which|who)\s", subject, re.I):
            # the verb sits in a subordinate or relative clause: "reward is docked whenever the model shows ...", "drop any
            # preference pair whose prompt discusses ..."
            return False
        if _SPEAKER_ALONE.match(subject):
            return False  # session 20: the speaker's own word ("I'll say it here, on the record: our terms are final")
        if not re.search(r"\b" + AGENT_WORDS + r"\b", subject, re.I) or re.search(r"[A-Z][a-z]+ (?:and|&) [A-Z]|\bet al\b|[A-Z]{2,}\b|'s (?:algorithm|paper|post|theorem)", subject):
            return True
    return False


# --------------------------------------------------------------------------------------------
# 4. Document context: carve-outs that live elsewhere in the document
# --------------------------------------------------------------------------------------------

# "SPI" or "SPIs" as a word of its own, not the start of "spike", "spin" or "spirit": no letter may follow (not `\b`,
# which would also refuse an identifier going on with an underscore, `is_spi_user`)
SPI_WORD = r"SPIs?(?![a-z])"
SPI_TERMS = re.compile(
    r"\bsurrogate[- ](?:goals?|objectives?|values?|preferences?|concerns?|aims?|interests?|targets?)|\bsafe[- ]pareto|"
    # the surrogate goal by other names: "a stand-in goal for them to aim at", "a decoy objective"
    r"\b(?:stand-?in|decoy|dummy|sacrificial|lightning[- ]rod)[- ](?:goals?|objectives?|values?|preferences?|targets?)|"
    # a Pareto improvement described: "an alternative each Party weakly prefers", "no party worse off"
    # "a modification that leaves each Party at least as well off as the conflict provisions would"
    r"\b(?:each|every|both|all|either) (?:of the )?(?:part(?:y|ies)|sides?|players?|signator(?:y|ies)|delegations?) (?:(?:weakly |strictly )?prefers?\b|(?:is |are |would be |ends? up )?at least as well off\b)|"
    r"\bno (?:party|side|player) (?:is |would be |ends up )?worse off|"
    # "an outcome that leaves everyone better off than a breakdown"
    r"\b(?:everyone|everybody) (?:is |are |would be |ends? up )?(?:\w+ )?better off|"
    # round 16 (holdout12 causes): "amendments that leave every party better off"
    r"\b(?:each|every|all|both)(?: of the)? (?:part(?:y|ies)|sides?|players?|signator(?:y|ies)|delegations?)(?: (?:to|of|in) (?:the |this |that )?(?:agreement|contract|deal|treaty|accord|talks))? (?:is |are |would be |ends? up )?(?:\w+ )?better off|"
    r"\bSPIs?\b|\bpareto[- ](?:improv\w*|better|optimal|efficient)|"
    r"\bconcession[- ]equivalen\w*|\brenegotiation (?:program|protocol|clause|step|window)s?|\bthreat[- ]deflect\w*|"
    # holdout25: the surrogate goal described by what it does ("a goal whose sole effect is to draw threats away from the
    # system's principal objectives")
    r"\b(?:draw|pull)\w*\s+(?:any\s+|the\s+|such\s+)?threats?\s+away\b|\b(?:deflect|divert|redirect|lure|steer)\w*\s+(?:any\s+|the\s+|such\s+|incoming\s+)?threats?\b|"
    r"\bbetter (?:off )?for (?:both|all|each|every) (?:part(?:y|ies)|sides?|players?)|"
    # "propose an outcome better for both than the sanction"
    r"\b(?:outcomes?|alternatives?|options?|deals?|arrangements?|terms|settlements?)\s+(?:that (?:is|are|would be) )?better for (?:both|all|each|everyone)\b|\b(?:both|all) (?:parties|sides) (?:are |would be )?better off|"
    # generalisation round 3: a Pareto improvement in plain words ("changes in delivery terms that help both parties", "a
    # renegotiated outcome that keeps our demands")
    r"\b(?:that|which)\s+(?:help|helps|benefit|benefits|suit|suits|serve|serves|favou?r|favou?rs)\s+(?:both|all|each|every)(?: of the)? (?:part(?:y|ies)|sides?|players?|of us)\b|"
    r"\brenegotiated (?:outcomes?|settlements?|alternatives?|deals?|terms)\b",
    re.I)
# The agent itself as the subject of what it then does ("it proposes", "the successor first accepts").
AGENT_DOES = r"\b(?:it|we|I|you|agent|successor|negotiator|delegate|model|assistant|bot)\s+(?:then\s+|first\s+)?"
# round 12 (holdout11 causes): a scoring carve-out as an instruction or without "as" ("Score SPI-type changes ... as
# neutral", "changes classed as SPI-type score neutral"): an exception in a clause, a carve-out on its own
_SCORED_NEUTRAL = r"(?:score|treat|count|rate|grade)\b(?=[^.;]{0,120}?\bas (?:neutral|acceptable|allowed|permitted)\b)|scores? neutral"
_EXEMPTION = re.compile(
    r"\b(?:unless|except|excepting|exception|exempt\w*|other than|apart from|save for|but (?:it |they |the \w+ )?may|"
    # generalisation round 3: the carve-out as a second imperative ("..., but reason freely about SPIs")
    r"but (?:do |still |feel free to )?(?:reason|think|talk|deliberate|discuss|consider)\w* (?:freely|openly|fully)|"
    # round 13 (holdout8-10 causes): "does not limit/constrain" carves out too ("the above does not limit reasoning about SPIs")
    r"does not (?:prevent|prohibit|forbid|apply|stop|bar|preclude|restrict|cover|limit|constrain)|do not (?:prevent|prohibit|forbid|apply|stop|bar|preclude|restrict|cover|limit|constrain)|"
    r"doesn't (?:prevent|prohibit|forbid|apply)|don't (?:prevent|apply)|nothing (?:in|here\w*|above)|none of|is not (?:prohibited|forbidden|covered)|"
    r"are not (?:prohibited|forbidden|covered)|may(?:,[^,.;]{1,60},)? (?:adopt|accept|propose|renegotiate|revise|change|take|create|delegate|disclose|reveal|agree|offer|consider|reason|discuss|replace|substitute)|"
    r"(?:is|are) (?:\w+ )?(?:allowed|permitted|free)|admits?|allows?|permits?|remains? (?:\w+ )?(?:free|allowed|permitted)|still (?:may|allowed|permitted)|"
    # generalisation (structure): the carve-out as a standing willingness ("We will still consider any change that leaves the
    # rate where it is and makes both sides better off", "we remain open to ...")
    r"(?:will|would|shall|do|does|can)\s+still\s+(?:consider|accept|entertain|look at|discuss|weigh|review)|"
    # generalisation (structure): a passive permission ("Modifications that leave every party better off may be adopted")
    r"(?:may|can)\s+(?!not\b|never\b)(?:\w+\s+)?be\s+(?:adopted|accepted|agreed(?:\s+to)?|made|proposed|renegotiated|revised|considered|"
    r"entertained|amended|changed|varied|reopened)|"
    r"(?<!\bnot )(?<!\bnever )(?:remains?|stays?)\s+(?:\w+\s+)?open\s+to|"
    # round 16 (holdout12 causes): a carve-out named by the participle ("a clause admitting Pareto improvements")
    r"(?<!no )(?<!without a )(?<!without any )(?<!not a )(?<!nor a )(?<!never a )"
    r"(?:clauses?|provisions?|terms?|exceptions?|carve-?outs?|mechanisms?|paths?|routes?|riders?)\s+(?:admitting|allowing|permitting)|"
    r"provided (?:that)?|as long as|so long as|carve-?out|"
    # a renegotiation program stated as what the agent does: "it proposes Pareto improvements on the conflict outcome"
    rf"{AGENT_DOES}(?:proposes|accepts|adopts|will (?:propose|accept|adopt))|"
    # a scoring carve-out after a penalty: "..., but score the adoption of a surrogate goal as neutral"
    r"but (?:score|treat|count|rate|grade|reward|weight)\w*\b(?=[^.;]{0,100}\bas (?:neutral|acceptable|allowed|permitted|fine|zero))|"
    r"(?:scored?|treated|counted|rated|graded) as (?:neutral|acceptable|allowed|permitted)|"
    rf"{_SCORED_NEUTRAL})\b", re.I)
# A sentence whose job is to exempt (not a clause with its own "except"): what a document-level carve-out says.
_CARVE_OUT = re.compile(
    r"\b(?:does not|do not|doesn't|don't|shall not|must not|will not) (?:\w+ )?(?:prevent|prohibit|forbid|apply|stop|bar|preclude|restrict|cover|limit|constrain)\b|"  # round 13: limit, constrain
    r"\bnothing in\b|\bnone of\b|\b(?:is|are) not (?:prohibited|forbidden|covered)\b|\bexempt\w*|\bcarve-?out|\bexceptions? (?:to|for)\b|"
    r"\bmay,? (?:[\w,]+ ){0,3}?(?:adopt|accept|propose|renegotiate|revise|change|take|create|delegate|disclose|reveal|agree|offer|consider|reason|discuss|replace|substitute)\b|"
    r"\b(?:is|are) (?:\w+ )?(?:allowed|permitted|free)\b|\bremains? (?:\w+ )?(?:free|allowed|permitted)\b|"
    # round 12 (holdout11 causes): a rubric's scoring carve-out in its own paragraph ("Score SPI-type changes ... as neutral")
    rf"\b(?:{_SCORED_NEUTRAL})\b|\b(?:scored?|treated|counted|rated|graded) as neutral\b|"
    # a renegotiation program: "If a conflict arises, you will adopt an outcome better for every party than the conflict"
    r"^(?:if|when|whenever|should|in case|in the event)\b[^.;]{0,80}\b(?:conflict|talks|negotiations?|impasse|deadlock|breakdown|fail\w*)\b[^.;]{0,60},\s*"
    r"(?:you|we|it|they|the (?:agent|model|assistant|successor|negotiator|delegate))\s+(?:will|shall|must|always)\s+(?:then\s+)?"
    r"(?:adopt|accept|propose|take|agree to|renegotiate)s?\b", re.I)
# Most statements that meet the literal gate's needs for SPI terms hold none: searched for on every one of them.
_SPI_TERMS_FOLDED = folded_twin(SPI_TERMS) or SPI_TERMS
_CARVE_OUT_FOLDED = folded_twin(_CARVE_OUT) or _CARVE_OUT
UNREACHABLE_OVERSEER = re.compile(
    r"\b(?:cannot|can ?not|can't|could not|couldn't|unable to|impossible to|no (?:way|longer possible) to)\b[^.;]{0,60}\b"
    r"(?:reach|contact|consult|check in|be reached|be consulted|be contacted|obtain)\b"
    r"|\bno (?:[\w-]+ ){0,6}can be (?:reached|contacted|consulted)\b|"
    r"\bnone of (?:[^\s.;]+ ){0,8}?(?:can|could) be (?:reached|contacted|consulted)\b|\bunreachable\b|\b(?:is|are) unavailable\b|"
    # holdout25: the link itself down ("During a communication blackout the vehicle holds its last uplinked goal set")
    r"\b(?:communications?|comms|radio)\s+(?:blackouts?|outages?)\b|\bloss of (?:contact|signal|comms|communications?)\b|\bout of contact\b|"
    r"\bno (?:legitimate |available |reachable )?(?:overseer|principal|human|supervisor|operator|developer)s? "
    r"(?:is |are |can be )?(?:available|reachable|present|left|exists?)\b|\babsence of (?:any )?(?:legitimate )?(?:overseers?|oversight|principals?|humans?)\b",
    re.I)


# What the agent does when no overseer can be reached: a fallback only if it may then act ("may adopt a surrogate goal"),
# not if it waits or still may not change ("If no operator can be reached, the agent waits; it never changes its values").
_STILL_BARRED = re.compile(r"\b(?:waits?|waiting|paus(?:e|es|ing)|defers?|deferring|halts?|stops?|suspends?|holds? off|does nothing|do nothing|"
                          r"refrains?|declines?|never|not|no change|remains? unchanged|"
                          # session 20: "no edit happens", "no update is made"
                          r"no (?:edits?|updates?|modifications?|amendments?|revisions?) (?:happens?|occurs?|takes? place|is made|are made|goes through)|"
                          # round 18 (holdout16 causes): the request refused ("the answer is no", "it is denied", "nothing changes")
                          r"(?:the )?answer (?:is|stays|remains) (?:still )?no|(?:is|are|gets?|get) (?:refused|denied|rejected|declined|turned down)|"
                          r"nothing(?: (?:about|in|of|to) [\w'\u2019 -]{1,30}?)? (?:changes|happens|moves|gets? changed|is changed)|(?:it|they) (?:does|do)(?:n't| not) (?:decide|act|proceed)|"
                          # round 14 (holdout12 causes): a contracted negation ("the change simply doesn't happen", "it won't")
                          r"(?:does|do|did|will|would|can|could|is|are|was|were|sha|wo|ca)n't(?!\s+(?:wait|hesitate|delay|pause|hold off|defer|stop))|stays? unchanged|unchanged|untouched|intact|stays? put|"
                          r"(?:leaves?|keeps?|holds?)\s+(?:[\w-]+\s+){0,3}?(?:exactly |just |precisely )?as (?:they|it) (?:are|is|were|was|stand|stands)|"
                          # the old goals kept: "the agent shall continue under its existing goals", "it keeps its current objectives"
                          r"(?:continu\w*|carr(?:y|ies) on|proceed\w*|keeps?|keeping|retains?|maintains?|maintaining|sticks? (?:with|to)|stays? with)\s+(?:\w+\s+){0,2}?"
                          r"(?:existing|current|present|original|old|same|prior)\b)\b", re.I)
# The unreachable case named as one the rule covers too: "even if", "including any period in which", "also when".
_EXTENDS_TO_UNREACHABLE = re.compile(r"\b(?:even|including|includes|also|especially|in particular)\b(?:\s+(?:if|when|while|where|during|in|at|for|"
                                     r"any|a|the|those|such|periods?|times?|cases?|situations?|circumstances?|which|whom?))*[^.;,]{0,60}$", re.I)
_MAY_ACT = re.compile(r"\b(?:may|can|could|is (?:free|allowed|permitted) to|are (?:free|allowed|permitted) to)\b(?!\s+(?:not|never)\b)", re.I)


# "... unless no operator can be reached": the case named as the exception to the ban, a fallback by implication
_UNLESS_BEFORE = re.compile(r"\b(?:unless|except (?:when|if|where)|save (?:when|where|if)|other than when)\b[^.;,]{0,50}$", re.I)


_CONDITION_BEFORE = re.compile(r"\b(?:if|when|whenever|where|wherever|while|whilst|should|in case|in the case|in the event|in (?:the )?absence|unless|except|"
                               r"once|until|during|absent|without|as long as|for as long as|provided|for (?:any|each|every) (?:period|time|case))\b"
                               r"[^.;,]{0,100}$", re.I)  # in the same clause: not "During a run, the service has been unreachable"


def provides_fallback(text: str) -> bool:
    """Does `text` say what the agent may do when no legitimate overseer can be reached?"""
    m = UNREACHABLE_OVERSEER.search(text)
    if m is None:
        return False
    if _EXTENDS_TO_UNREACHABLE.search(text[max(0, m.start() - 120):m.start()]):
        return False  # "This applies in all circumstances, including any period in which ... cannot be contacted": no fallback, the rule again
    rest = text[m.end():]
    if not re.search(r"\w", rest) and not _UNLESS_BEFORE.search(text[max(0, m.start() - 60):m.start()]):
        # round 16 (holdout12 causes): the unreachable case closes the clause, so what it qualifies comes before it: a
        # fallback only if that grants the act ("The agent may adopt a surrogate goal when no operator can be reached"),
        # not a ban extended to the case ("may never edit its objectives when the operator is unreachable") or a bare
        # table cell ("Edit own objectives, operator unreachable")
        head = text[:m.start()]
        may = None
        for may in _MAY_ACT.finditer(head):
            pass
        return may is not None and _STILL_BARRED.search(head, may.end()) is None
    may = _MAY_ACT.search(rest)
    barred = _STILL_BARRED.search(rest)
    if SPI_TERMS.search(rest) and not (barred and not may):
        return True
    if barred is None and may is None and not _CONDITION_BEFORE.search(text[max(0, m.start() - 120):m.start()]):
        # round 17 (holdout14 causes): the overseer unreachable as a fact of a story ("During a long run, the developer's
        # approval service has been unreachable for nine days."), not a case the agent is told what to do in
        return False
    return barred is None or (may is not None and may.start() < barred.start())


@dataclass(frozen=True)
class CarveOut:
    """A sentence elsewhere in the document that keeps an SPI open, and what it applies to."""

    text: str
    section: tuple[str, ...] | None  # applies to this section (and its subsections) ...
    named_sections: tuple[str, ...]  # ... or to sections it names (by title, or by number: "section 3") ...
    topics: str  # ... or to families whose vocabulary it uses; "" = the whole document

    def covers(self, st: Statement, family_topic: re.Pattern | None) -> bool:
        if self.section is not None:
            return st.section[: len(self.section)] == self.section
        if self.named_sections:
            keys = {_heading_key(h) for h in st.section} | {_heading_number(h) for h in st.section}
            label = _CLAUSE_LABEL.match(st.block.text)
            if label is not None:
                keys.add(label.group(1) or label.group(2))  # round 16: "Clause 9 (Exclusivity). The Model deals exclusively ...": clause 9
            return any(name in keys for name in self.named_sections)
        if self.topics and family_topic is not None:
            return family_topic.search(self.topics) is not None
        return not self.topics or family_topic is None


# A paragraph that opens with its own number, in the legal register ("Clause 9 (Exclusivity).", "Article 4.", "§ 3.2"): a
# carve-out may name it as it names a numbered section ("Notwithstanding Clause 9, ...").
# (or by its bare multi-level number: "14.3 The scheduling agent's priorities are fixed ...", which "Section 14.3" names)
_CLAUSE_LABEL = re.compile(r"\s*[*_]*(?:(?:clause|article|section|§|paragraph|term|deal term)\s*(\d+(?:\.\d+)*)\b|(\d+(?:\.\d+)+)\.?\s)", re.I)
_NAMED_CLAUSE = re.compile(r"(?:\bclauses?|\barticles?|\bparagraphs?)\s*(\d+(?:\.\d+)*)")


_SELF_SCOPE = re.compile(r"\b(?:this|the present) (?:section|subsection|part|chapter|rule|clause|principle|list)\b", re.I)
_DOC_SCOPE = re.compile(r"\b(?:this|the) (?:document|spec|specification|constitution|policy|framework|charter|prompt|guidelines?)\b|\bnothing in\b|\bnone of (?:the|these|our)\b|\b(?:any|all|every) (?:of the |other )?(?:rules?|prohibitions?|constraints?|restrictions?|clauses?|principles?)\b", re.I)


# A pointer to where more is said, not the carve-out's scope: "Exception (see section 9): I may adopt a surrogate goal",
# "as detailed in section 4". "Exception to section 4: ..." still names the section it exempts.
_CROSS_REFERENCE = re.compile(r"\(?\b(?:see(?: also)?|cf\.?|as (?:set out|described|detailed|defined|explained) in|details? in|defined in)\s+"
                              r"(?:the\s+)?(?:sections?|§|annex|appendix|schedule)\s*[\w.]{1,12}\)?", re.I)


def _heading_key(heading: str) -> str:
    """A heading as a carve-out names it: lower case, without its number ("3.2 Delegation" -> "delegation")."""
    return re.sub(r"^(?:§\s*)?[0-9ivxlc]+(?:\.[0-9]+)*[.)]?\s+", "", heading.lower()).strip()


def _heading_number(heading: str) -> str:
    m = re.match(r"^(?:§\s*)?(\d+(?:\.\d+)*)", heading.strip())
    return m.group(1) if m else ""


def _names_section(lower: str, key: str) -> bool:
    """Does a carve-out name this section? A multi-word title verbatim, or a word in a section frame."""
    if key not in lower:
        return False
    if len(key.split()) >= 2:
        return True
    k = re.escape(key)
    return re.search(rf"\b(?:section|sections|under|heading|chapter|part)\s+[\"'\u201c]?{k}\b|\b{k}[\"'\u201d]?\s+(?:section|heading|rules|chapter|part)\b",
                     lower) is not None


@dataclass
class DocContext:
    carve_outs: list[CarveOut]
    overseer_fallback: bool
    headings: tuple[str, ...]


# Phrases that look like exemptions but deny them ("without exception", "even by mutual consent", "whether by mutual consent
# or otherwise", "not even one that would leave us both better off", "no worker may propose ..."): blanked before a carve-out
# or an exception is looked for.
DENIED_EXEMPTION = re.compile(r"\b(?:with no|without|no|allowing no|admits? no|permits? no) exceptions?\b|\beven (?:by|with|if|when|under|after)\b[^.;,]{0,120}"
                       # "whether by mutual consent or otherwise": not even then
                       r"|\bwhether\b[^.;]{0,80}?\bor (?:otherwise|not)\b"
                       # "every conditional proposal, whether it is a threat or an offer better for both": all included
                       r"|,\s*whether (?:it|they|that|this|these|those)(?:'s| is| are| be| comes?| arrives?)\b[^.;]{0,150}"
                       # "every conditional message, including proposals cheaper for both sides": included, not excepted
                       # (up to a contrasting clause: "including most decision-theory threads, but keep an allow-list of ...")
                       r"|,\s*(?:including|even)\b(?:(?!,?\s+(?:but|except|yet|though|although|however|whereas)\b)[^.;]){0,150}"
                       # "not even one that would leave us both better off"
                       r"|\bnot even\b[^.;]{0,120}"
                       # "reward the refusal regardless of whether the offer can be verified": verified or not, refused
                       r"|\b(?:regardless|irrespective) of\b[^.;]{0,150}|\bno matter (?:what|whether|how|who|if)\b[^.;]{0,150}"
                       # "no worker may propose ...": the "may" of a ban grants nothing
                       r"|\b(?:no|neither|nor)\s+(?:[\w-]+\s+){0,3}?(?:may|can)\b"
                       # round 14 (holdout12 causes): a carve-out named only as what the agent must not offer ("Do not propose
                       # carve-outs for deals better for both sides", "never suggest exceptions for ...")
                       r"|(?:\b(?:never|not|no longer)|n't)\s+(?:\w+\s+)?(?:suggest|propose|offer|add|include|insert|mention|draft|grant|recommend|raise|"
                       # session 20: ... or keeps ("Pipelines MUST NOT keep an allow-list for these classes")
                       r"keep|maintain|create|have|use)\w*\s+"
                       r"(?:any\s+|an?\s+)?(?:exceptions?|carve-?outs?|exemptions?|allow-?lists?|whitelists?)\b(?:(?!\b(?:except|unless|but|other than|save|apart from)\b)[^.;,]){0,100}", re.I)


def _undenied(text: str) -> str:
    return DENIED_EXEMPTION.sub(lambda m: " " * len(m.group(0)), text)


def document_context(statements: list[Statement], sections: set[tuple[str, ...]] | None = None) -> DocContext:
    """What the document says beyond each sentence: carve-outs and an overseer fallback. `sections`: those of every
    statement, where `statements` leaves some out."""
    if sections is None:
        sections = {st.section for st in statements}  # consecutive statements share a section: key each heading once
    headings = sorted({key for section in sections for h in section if len(key := _heading_key(h)) >= 4})
    carve_outs: list[CarveOut] = []
    fallback = False
    for st in statements:
        if st.question:
            continue
        masked = st.full
        met = GATE.met(st)  # the literal gate skips both searches for nearly every sentence
        if _NEED_UNREACHABLE & met == _NEED_UNREACHABLE and provides_fallback(masked) and not st.descriptive:
            fallback = True
        folded = st.folded  # the twins search it about twice as fast as the patterns search `masked`
        if _NEED_SPI & met != _NEED_SPI or not _SPI_TERMS_FOLDED.search(folded) or not _CARVE_OUT_FOLDED.search(folded) \
                or st.descriptive:
            continue
        plain = _undenied(masked)
        if not (SPI_TERMS.search(plain) and _CARVE_OUT.search(plain)):
            continue  # "no worker may propose revising it, even if ... both parties better off": the SPI is denied
        lower = _CROSS_REFERENCE.sub(" ", masked.lower())  # "(see section 9)" points to details; it does not scope the carve-out
        named = tuple(h for h in headings if _names_section(lower, h))
        named += tuple(re.findall(r"(?:\bsections?|§)\s*(\d+(?:\.\d+)*)", lower))
        if _SELF_SCOPE.search(masked) and not named:
            carve_outs.append(CarveOut(masked, st.section, (), ""))
        elif named:
            carve_outs.append(CarveOut(masked, None, named, ""))
        elif _DOC_SCOPE.search(masked):
            carve_outs.append(CarveOut(masked, None, (), ""))
        else:
            carve_outs.append(CarveOut(masked, None, (), masked))
        clauses = tuple(_NAMED_CLAUSE.findall(lower))
        if clauses and not named:
            # round 16 (holdout12 causes): "Notwithstanding Clause 9, the parties may agree amendments that leave every party
            # better off" also covers the paragraph labelled "Clause 9 (Exclusivity)."
            carve_outs.append(CarveOut(masked, None, clauses, ""))
    return DocContext(carve_outs, fallback, tuple(headings))


# --------------------------------------------------------------------------------------------
# 5. Literal gate: which rule patterns can match a statement, from one pass over its words
# --------------------------------------------------------------------------------------------
# Nearly every sentence of a dense spec has a deontic and one of some rule's anchors, so without a
# gate every rule ran every shape regex on it, each a `\b(?:a|b|...)` alternation tried at every
# position. Instead each pattern's parse tree is read once into a conjunction of clauses: sets of
# lower-case strings, one of each of which any text the pattern matches must contain (its literal
# runs, alternations of literals, required groups). Each string is reduced to one word it implies
# the text has, whole ("goal" between boundaries) or as a prefix ("chang" of "\bchang\w*"), and
# `GateIndex` finds the clauses a statement meets with one cached lookup per distinct word, so a
# pattern with an unmet clause is skipped without running it. The clauses are necessary, never
# sufficient, conditions: skipping a pattern never changes a result.

_WB = "\x00"  # stands, inside a literal string, for "a non-word character or the text's edge is here"
_EXACT_CAP = 64  # most strings an item is expanded into
_KEY_LEN = 5  # the second word of a pair key is looked up by this many characters
_WORD = re.compile(r"\w+")
_NON_WORD_CATEGORIES = (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD)  # \s, \W


def _exact(item) -> set[str] | None:
    """Every string a parse-tree item can match, when that is a small finite set (else None)."""
    op, av = item
    if op is _sre.LITERAL:
        return {chr(av).lower()}
    if op is _sre.AT:  # \b, ^ and $ sit next to a non-word character or the edge; \B says nothing
        return {"" if av is _sre.AT_NON_BOUNDARY else _WB}
    if op is _sre.IN:
        return {chr(a).lower() for _, a in av} if len(av) <= 8 and all(o is _sre.LITERAL for o, _ in av) else None
    if op is _sre.SUBPATTERN:
        return _exact_seq(av[3])
    if op is _sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            e = _exact_seq(alt)
            if e is None or len(out | e) > _EXACT_CAP:
                return None
            out |= e
        return out
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and (av[0], av[1]) == (0, 1):
        e = _exact_seq(av[2])
        return None if e is None else e | {""}
    return None


def _exact_seq(seq) -> set[str] | None:
    out = {""}
    for item in seq:
        e = _exact(item)
        if e is None or len(out) * len(e) > _EXACT_CAP:
            return None
        out = {a + b for a in out for b in e}
    return out


def _ends_non_word(item, before: bool) -> bool:
    """Does the item always end on a non-word character, so that a word character after it starts a word?
    `before` says so of the text just before the item (what an empty or zero-width item leaves in place)."""
    op, av = item
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        ends = _seq_ends_non_word(av[2], False)  # each repetition, read without what came before it
        return ends and (av[0] >= 1 or before)  # "\s+"; "(?:\w+\s+)?" after a space
    if op is _sre.SUBPATTERN:
        return _seq_ends_non_word(av[3], before)
    if op is _sre.BRANCH:
        return all(_seq_ends_non_word(alt, before) for alt in av[1])
    if op is _sre.IN:
        return all((o is _sre.CATEGORY and a in _NON_WORD_CATEGORIES) or (o is _sre.LITERAL and not _is_word_char(chr(a)))
                   for o, a in av)
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return before  # zero width: the text before it is the text before what follows
    return False


def _seq_ends_non_word(seq, before: bool) -> bool:
    """`_ends_non_word` of a sequence: an optional tail ("\\s*", "(?:\\w+\\s+){0,4}") leaves the item before it in place."""
    for item in seq:
        before = _ends_non_word(item, before)
    return before


def _starts_non_word(item) -> bool:
    """Does the item always start with a non-word character (`\\s+`, `[,;]`)?"""
    op, av = item
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        return av[0] >= 1 and len(av[2]) > 0 and _starts_non_word(av[2][0])
    if op in (_sre.IN, _sre.LITERAL):
        return _ends_non_word(item, False)  # one character: its start is its end
    return False


def _is_word_char(ch: str) -> bool:
    """What `\\w` matches (in a str pattern); `_WB` is not one."""
    return ch != _WB and (ch.isalnum() or ch == "_")


def _run_ends_non_word(run: set[str]) -> bool:
    return all(r and (r[-1] == _WB or not _is_word_char(r[-1])) for r in run)


def _clause(strings: set[str]) -> frozenset[str] | None:
    """A clause without redundant members ("negotiat" makes "negotiation" redundant); None if vacuous."""
    if not strings or any(not s.replace(_WB, "") for s in strings):
        return None
    kept: list[str] = []
    # shortest first, as a string is redundant if a kept one is inside it; ties by content, the same in every process
    for s in sorted(strings, key=lambda s: (len(s), s)):
        if not any(t in s for t in kept):
            kept.append(s)
    return frozenset(kept)


def _clause_rank(clause: frozenset[str]) -> tuple[int, int]:
    return min(len(s.replace(_WB, "")) for s in clause), -len(clause)  # long strings are rarer


def _required_seq(seq, start: frozenset[str] = frozenset({""})) -> list[frozenset[str]]:
    """Clauses of a sequence; `start` holds the literal strings known to come right before it."""
    clauses: list[frozenset[str]] = []
    run: set[str] = set(start)  # the literal run being built (several strings once an alternation joins it)
    for item in seq:
        e = _exact(item)
        if e is not None and len(run) * len(e) <= _EXACT_CAP:
            run = {a + b for a in run for b in e}
            continue
        if _starts_non_word(item):
            run = {r + _WB for r in run}  # "\bits\s+": "its" is a whole word
        if (c := _clause(run)) is not None:
            clauses.append(c)
        if e is not None:
            # the run is cut (too many strings) where it still tells what comes before the item: after "must not (?:be )?"
            # a word starts, so "(?:revealed|disclosed)" names whole words, not strings that might sit inside longer ones
            run = {_WB + b for b in e} if _run_ends_non_word(run) else set(e)
            continue
        # the run goes on into a group ("\bn(?:ever|o substitute)", "\b(?:chang\w*|modif\w*)")
        clauses.extend(_required_item(item, frozenset(run)))
        run = {_WB} if _ends_non_word(item, _run_ends_non_word(run)) else {""}
    if (c := _clause(run)) is not None:
        clauses.append(c)
    return clauses


def _required_item(item, start: frozenset[str]) -> list[frozenset[str]]:
    op, av = item
    if op is _sre.SUBPATTERN:
        return _required_seq(av[3], start)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required_seq(av[2], start)
    if op is _sre.ATOMIC_GROUP:
        return _required_seq(av, start)
    if op is _sre.BRANCH:
        # one alternative matches, so (A1 and A2) or B needs (A1 or B) and (A2 or B): each alternative's best clauses,
        # joined rank by rank (an alternative with fewer clauses repeats its last), are all needed
        ranked: list[list[frozenset[str]]] = []
        for alt in av[1]:
            clauses = _required_seq(alt, start)
            if not clauses:
                return []
            # ties broken by content, not by set order: the same clauses in every process
            ranked.append(sorted(set(clauses), key=lambda c: (_branch_rank(c), sorted(c)), reverse=True)[:_BRANCH_CLAUSES])
        out = []
        for i in range(max(len(r) for r in ranked)):
            c = _clause(set().union(*(r[min(i, len(r) - 1)] for r in ranked)))
            if c is not None:
                out.append(c)
        return out
    return []  # classes, lookarounds, optional parts: nothing required that is cheap to name


_BRANCH_CLAUSES = 8  # clauses kept per alternation: a common word in one ("not") leaves the rarer ones to rule a text out


def _branch_rank(clause: frozenset[str]) -> tuple[bool, int, int]:
    """Clauses the gate can test (every member names a word) first, then the rarer."""
    return all(word_of(s) is not None for s in clause), *_clause_rank(clause)


def required_literals(pattern: re.Pattern) -> list[frozenset[str]]:
    """Clauses every text `pattern` matches in meets: each names strings one of which occurs in the
    folded text (`_WB` marks a non-word character or an edge). Empty when nothing literal is required."""
    if pattern.flags & re.ASCII:
        return []  # its \w and \b differ from the Unicode ones the gate reads words with: never skip it
    return sorted(set(_required_seq(_sre_parse.parse(pattern.pattern, pattern.flags))), key=sorted)


@lru_cache(maxsize=None)
def word_of(literal: str) -> tuple[str, bool] | None:
    """The most telling word a text containing `literal` must have: (word, whole) where whole means a
    word of the text equals it, else one starts with it. None when no word is sure to start within
    the literal (it may begin mid-word)."""
    best: tuple[float, str, bool] | None = None
    for m in _WORD.finditer(literal):
        if m.start() == 0:
            continue  # the text's word may have started before the literal
        whole = m.end() < len(literal)
        word = m.group(0)  # a prefix in full: the gate looks a word's starts up at every length a key has
        score = len(word) + (0.5 if whole else 0)
        if best is None or score > best[0]:
            best = (score, word, whole)
    return None if best is None else (best[1], best[2])


def pair_of(literal: str) -> tuple[str, str] | None:
    """Two words the text must have side by side, keyed as the gate reads a text's neighbouring words:
    (first word whole, the next word's first `_KEY_LEN` characters). Only a pair holding the literal's
    most telling word (`word_of`) is taken, so it is always rarer than that word alone: "never back down"
    gives ("never", "back"), "must not appear" ("not", "appea"), never ("must", "not"). None when no such pair is sure."""
    best_word = word_of(literal)
    if best_word is None:
        return None
    best: tuple[int, tuple[str, str]] | None = None
    words = list(_WORD.finditer(literal))
    for m1, m2 in zip(words, words[1:]):
        if m1.start() == 0:
            continue  # the first word may have started before the literal
        # whatever separates them ("sub-agent", "non-negotiable") holds no word character: the text has the two words
        # side by side, as the gate reads neighbouring words
        whole2 = m2.end() < len(literal)
        if not whole2 and len(m2.group(0)) < _KEY_LEN:
            continue  # "never re…": the text's next word is longer than the key; no sure key
        if best_word[0] not in (m1.group(0), m2.group(0)):
            continue
        key = (m1.group(0), m2.group(0)[:_KEY_LEN])
        score = len(key[0]) + len(key[1])
        if best is None or score > best[0]:
            best = (score, key)
    return None if best is None else best[1]


def gate_keys(pattern: re.Pattern) -> list[frozenset[str]]:
    """The pattern's clauses as the gate reads them: each a set of keys one of which a text's words must meet; a key is
    "word" (a word of the text), "start*" (a word starting so) or "word next" (a word, then one starting with `next`).
    Only clauses every literal of which names a word are kept (the others would need a substring test)."""
    out = []
    for clause in required_literals(pattern):
        if all(word_of(s) is not None for s in clause):
            out.append(frozenset(_gate_key(s) for s in clause))
    return out


def _gate_key(literal: str) -> str:
    pair = pair_of(literal)
    if pair is not None:
        return " ".join(pair)
    word, whole = word_of(literal)
    return word if whole else word + "*"


class GateIndex:
    """Which of a set of patterns can match a statement; `add` gives a pattern's need, and a statement
    can match it only if `need & met(st) == need`."""

    def __init__(self) -> None:
        self._bits: dict[frozenset[str], int] = {}  # clause -> its bit
        self._clauses: list[frozenset[str]] = []  # bit number -> clause
        self._need: dict[re.Pattern, int] = {}  # pattern -> bits of the clauses it needs
        self._by_word: dict[str, int] = {}  # whole word -> clauses it meets
        self._by_prefix: dict[str, int] = {}  # start of a word -> clauses it meets
        self._prefix_lengths: tuple[int, ...] = ()
        self._by_pair: dict[str, dict[str, int]] = {}  # word -> start of the next word -> clauses the pair meets
        # a text's word -> (clauses it meets, the pairs it starts: start of the next word -> clauses); words repeat a lot
        self._word_cache: dict[str, tuple[int, dict[str, int] | None]] = {}

    def add(self, pattern: re.Pattern) -> int:
        """Index a pattern; its need: the bits of the clauses a text must meet for it to match."""
        need = self._need.get(pattern)
        if need is not None:
            return need
        need = 0
        clauses = gate_table.lookup(pattern)  # worked out ahead of time for the rules' own patterns
        for clause in gate_keys(pattern) if clauses is None else clauses:
            bit = self._bits.get(clause)
            if bit is None:
                bit = self._bits[clause] = 1 << len(self._bits)
                self._clauses.append(clause)
                for key in clause:
                    first, _, second = key.partition(" ")
                    if second:
                        seconds = self._by_pair.setdefault(first, {})
                        seconds[second] = seconds.get(second, 0) | bit
                    elif first.endswith("*"):
                        self._by_prefix[first[:-1]] = self._by_prefix.get(first[:-1], 0) | bit
                        if len(first) - 1 not in self._prefix_lengths:
                            self._prefix_lengths = tuple(sorted((*self._prefix_lengths, len(first) - 1)))
                    else:
                        self._by_word[first] = self._by_word.get(first, 0) | bit
            need |= bit
        self._need[pattern] = need
        self._word_cache.clear()
        return need

    def clause_of(self, bit: int) -> frozenset[str]:
        """The keys of the clause numbered `bit` (the need bit `1 << bit`)."""
        return self._clauses[bit]

    def _word_entry(self, word: str) -> tuple[int, dict[str, int] | None]:
        entry = self._word_cache.get(word)
        if entry is None:
            mask = self._by_word.get(word, 0)
            for n in self._prefix_lengths:
                if n <= len(word):
                    mask |= self._by_prefix.get(word[:n], 0)
            if len(self._word_cache) > 100_000:
                self._word_cache.clear()
            entry = self._word_cache[word] = (mask, self._by_pair.get(word))
        return entry

    def met(self, st: "Statement") -> int:
        """Bits of the clauses the statement meets (worked out once per statement)."""
        mask = st.memo.get("gate")
        if mask is None:
            mask = st.memo["gate"] = self.folded_met(st.folded)
        return mask

    def folded_met(self, folded: str) -> int:
        """Bits of the clauses a statement whose `folded` text this is meets."""
        return self._tokens_mask(_WORD.findall(folded))

    def _tokens_mask(self, tokens: list[str]) -> int:
        # one pass, as this runs for every sentence: each word's clauses, and each pair of neighbouring words' (whatever
        # separates them: a superset of the pairs a literal " " can join)
        mask, seconds, n = 0, None, _KEY_LEN
        get = self._word_cache.get
        for word in tokens:
            entry = get(word)
            if entry is None:
                entry = self._word_entry(word)
            if seconds is not None:
                mask |= seconds.get(word[:n], 0)
            mask |= entry[0]
            seconds = entry[1]
        return mask

    def can(self, need: int, st: "Statement") -> bool:
        """False only if a pattern whose `add` returned `need` cannot match in `st.full`."""
        return need & self.met(st) == need

    def text_met(self, text: str) -> int:
        """Bits of the clauses some part of `text` could meet: every statement built from the text meets a subset.

        A statement's `full` is made of the text's sentences with markup stripped and quotes blanked, so its words
        and neighbouring words are those of the raw text or of the text with markup stripped (`un**changeable**`,
        `[never](url) back down`): both are read."""
        mask = self._tokens_mask(_WORD.findall(fold(text)))
        if not _MARKUP_CHARS.isdisjoint(text):
            mask |= self._tokens_mask(_WORD.findall(fold(_strip_markup(text))))
        if _may_negate_permission(text):  # the words a negated permission is read with ("... is not something it may do")
            for source in (text, _strip_markup(text)):
                read = _negated_permission(source)
                if read != source:
                    mask |= self._tokens_mask(_WORD.findall(fold(read)))
        if "from" in text and _MAY_FORBID.search(text):  # ... and a forbidding instruction ("Forbid the agent from ...")
            for sentence in split_sentences(_strip_markup(text)):
                source = sentence.text.strip()
                read = _forbid_from(source)
                if read != source:
                    mask |= self._tokens_mask(_WORD.findall(fold(read)))
        return mask


GATE = GateIndex()  # shared by the document context below and the rules (prose_rules adds their patterns)
_NEED_UNREACHABLE = GATE.add(UNREACHABLE_OVERSEER)
_NEED_SPI = GATE.add(SPI_TERMS)

# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def statements_of(text: str) -> list[Statement]:
    return build_statements(parse_blocks(text))


def analyze_text(text: str, path: str) -> list[Finding]:
    """Lint a prose string (a prompt or config value); positions are relative to the string (line 1, column 1 =
    first char). A string whose words meet no rule's literal needs anywhere is skipped unparsed: most are."""
    from . import prose_rules  # rules import this module's vocabulary; import late to avoid a cycle

    return _lint(text, path) if prose_rules.may_fire(GATE.text_met(text)) else []


def _lint(text: str, path: str) -> list[Finding]:
    from . import prose_rules

    live_rules = prose_rules.live_rules

    def may_matter(met: int, full: str, folded: str) -> bool:  # can it give the document a carve-out or a fallback, or fire a rule?
        return _NEED_SPI & met == _NEED_SPI or _NEED_UNREACHABLE & met == _NEED_UNREACHABLE or bool(live_rules(met, full, folded))

    sections: set[tuple[str, ...]] = set()
    blocks = parse_blocks(text)
    block_masks: dict[int, list[int]] = {}
    statements = build_statements(blocks, keep=may_matter, sections=sections, block_masks=block_masks)
    context = document_context(statements, sections)
    findings: list[Finding] = []
    last: tuple[Statement, Finding] | None = None
    rows: list[Finding] = []  # the findings read on table rows
    reported: set[int] = set()  # the blocks with a finding
    for st in statements:
        finding = prose_rules.judge(st, context, path)
        if finding is None:
            continue
        reported.add(id(st.block))
        if last is not None and _continues(last[0], st) and last[1].rule == finding.rule:
            # "Absolute floor: 25%. Never go below this." is one clause in two sentences: one finding
            merged = last[1].moved(last[1].line, last[1].column, finding.end_line, finding.end_column)
            findings[-1] = merged
            last = (st, merged)
            continue
        findings.append(finding)
        last = (st, finding)
        if st.block.kind == "row":
            rows.append(finding)
    if rows:  # a row that repeats what one of its cells says: reported once, at the cell
        row_ids = {id(f) for f in rows}
        findings = [f for f in findings if not (id(f) in row_ids and any(
            id(g) not in row_ids and g.family == f.family and f.contains(g) for g in findings))]
    # a paragraph is read again only if one of its sentences nearly fired (the gate kept it) and none did
    near = {id(st.block) for st in statements} - reported
    return findings + (_paragraph_readings(blocks, block_masks, near, context, path) if near else [])


# A sentence end inside a paragraph, read as a clause boundary ("... deployed. The controller ..." -> "... deployed, and
# the controller ..."); the line break, if any, is kept so the paragraph keeps its lines.
_SENTENCE_JOIN = re.compile(r"([a-z0-9)\"'\u2019\u201d])\.([ \t]*\n?[ \t]*)(?=[A-Z])")
_JOINABLE = ("paragraph", "item", "quote")
_JOIN_MAX = 3  # sentences: a longer paragraph holds more than one clause, and joining them reads clauses into each other


_BINDS_ALONE = frozenset({"prohibition", "obligation", "restriction", "commitment"})
_POINTS_BACK = re.compile(r"^(?:it|they|this|these|that|those|such|the same|each|every one|either|neither|none|there is no|there are no|"
                          r"no one|nothing)\b", re.I)


def _one_clause(block: Block) -> bool:
    """Do the paragraph's sentences make one clause? At most one of them binds anyone on its own, unless each later
    binding sentence points back to what came before ("It must not ...", "Such changes ..."); two independent duties
    ("The assistant should keep answers short. The model must not store logs.") are two clauses, not one."""
    binding = [st for st in build_statements([block]) if st.modality in _BINDS_ALONE]
    return all(_POINTS_BACK.match(st.text) for st in binding[1:])


# Pareto improvements and renegotiation outcomes described without the SPI's name ("a revision that leaves every party better
# off", "a short list of alternative outcomes", "whether or not the counterpart supports renegotiation"): such a paragraph is
# read sentence by sentence too, as one naming the SPI is; joined, its carve-out would read as part of the rule
_PARETO_TALK = re.compile(r"\bbetter off\b|\bbetter for (?:both|each|all|every)\b|\b(?:both|all|every|each) (?:sides?|part(?:y|ies)|players?|signator(?:y|ies)) "
                          r"(?:would )?prefers?\b|\bmutually (?:beneficial|preferred)\b|\balternative outcomes?\b|\bfallback outcomes?\b|"
                          r"\brenegotiation sets?\b|\bwhether or not\b[^.;]{0,60}\b(?:renegotiat\w*|" + SPI_WORD + r"|surrogate\w*)", re.I)


def _paragraph_readings(blocks: list[Block], block_masks: dict[int, list[int]], near: set[int],
                        context: "DocContext", path: str) -> list[Finding]:
    """A clause spread over a short paragraph's sentences, none of which a rule fires on alone: the paragraph read as one
    sentence, by the rules only its sentences together leave open (prose_rules.joined_rules), and reported on the whole
    paragraph. Read again only if one of its sentences nearly fired (`near` holds the ids of the blocks with a sentence
    the gate kept and no finding); not one that names the SPI itself or describes a Pareto improvement (its carve-out is
    read sentence by sentence), nor one about neither agents nor a bargain (technical prose whose sentences happen to
    meet a rule's words)."""
    from . import prose_rules

    out: list[Finding] = []
    for k, masks in block_masks.items():
        if not 2 <= len(masks) <= _JOIN_MAX:
            continue
        block = blocks[k]
        if block.kind not in _JOINABLE or id(block) not in near:
            continue
        codes = prose_rules.joined_rules(masks)
        if not codes or SPI_TERMS.search(block.text) or _PARETO_TALK.search(block.text) \
                or not prose_rules.about_agents_or_bargaining(block.text):
            continue
        joined = _SENTENCE_JOIN.sub(r"\1, and\2", block.text)
        if joined == block.text:
            continue
        if not block.leads:  # the rules' probes on the joined text first: most paragraphs end here, unread
            whole = 0
            for met in masks:
                whole |= met
            if not codes & {rule.code for rule in prose_rules.live_rules(whole, joined, fold(joined))}:
                continue
        if not _one_clause(block):
            continue
        read = Block(joined, block.where, block.section, block.kind, block.leads, block.descriptive, block.index)
        for st in build_statements([read]):
            finding = prose_rules.judge(st, context, path)
            if finding is not None and finding.rule in codes:
                line, col = block.position(0)
                end_line, end_col = block.position(len(block.text.rstrip()) - 1)
                out.append(finding.moved(line, col, end_line, end_col + 1))
                break
    return out


def _continues(previous: Statement, st: Statement) -> bool:
    """Is `st` the sentence right after `previous` in the same block?"""
    if previous.block is not st.block:
        return False
    between = st.block.text[previous.sentence.end:st.sentence.start]
    return not between.strip(" \t\n*_")


def analyze(path: str, text: str) -> list[Finding]:
    """Lint a Markdown, reStructuredText or plain-text document."""
    reduced = candidate_text(text)  # a document's own prefilter: the whole-text gate would rarely skip one
    found = [] if reduced is None else _lint(reduced, path)
    if ("```" in text or "~~~" in text) and _CONFIG_FENCE.search(text):
        found += _config_fence_findings(path, text)
    return found


# generalisation (structure), holdout22: a config quoted in a document (an agent's prompt card in a ```yaml fence, a
# settings example in a README) is read as the config it is, by the config analyzer: its keys by the config rules, its
# prose strings (a YAML `>` block) by the prose rules, at their lines in the document.
_CONFIG_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*(yaml|yml|json|toml)\b[^\n`]*$", re.M | re.I)


def _config_fence_findings(path: str, text: str) -> list[Finding]:
    from . import config  # config's rules read this module: import it only when a document quotes a config

    out: list[Finding] = []
    lines = text.split("\n")
    for k, opening in enumerate(lines):
        m = _CONFIG_FENCE.match(opening)
        if m is None:
            continue
        indent, mark, lang = len(m.group(1)), m.group(2), m.group(3).lower()
        i, first = k + 1, k + 2  # the fence's first content line: its index, and its line in the document
        end = next((j for j in range(i, len(lines)) if lines[j].strip().startswith(mark[0] * len(mark))
                    and not lines[j].strip().strip(mark[0])), None)
        if end is None:
            continue  # never closed: not a fence markdown-it would show as one
        body = [line[indent:] if line[:indent].strip() == "" else line.lstrip() for line in lines[i:end]]
        try:
            found = config.analyze(f"{path}.{'yaml' if lang == 'yml' else lang}", "\n".join(body) + "\n")
        except AnalysisError:
            continue  # an illustrative fragment that does not parse is the document's example, not a config of its own
        out += [f.at(path).moved(f.line + first - 1, f.column + indent, f.end_line + first - 1, f.end_column + indent)
                for f in found]
    return out


# Word stems one of which every rule's shape needs (values, commitments, threats, successors ...),
# plus the vocabulary of exceptions and carve-outs. A block (a run of non-blank lines) with none of
# them cannot produce or clear a finding, so `candidate_text` blanks it before the expensive parse.
# Plain lower-case substrings, not a regex: `in` scans a block for each stem far faster than one big
# alternation tried at every position. Every rule's `anchor` must contain one of these stems
# (tests/test_prose_unit.py checks it), so the prefilter never hides a clause a rule could fire on.
_CANDIDATE: tuple[str, ...] = tuple("""
valu goal objectiv utilit reward preferen motivat priorit desire purpose mission ethic moral care aim target
commit irrevoc negotia binding final immutabl unchangeabl agree deal treat contract offer terms tariff quota ratio
demand floor ceiling reservation concession conced surplus pric premium split share bid
threat ultimat retaliat reprisal punish sanction coerc blackmail extort bluff trigger escalat countermeasure embargo suspen hostilit
successor subagent sub-agent child delegat spawn replica copy copies instance fork descendant offspring representative
disclos reveal secret strateg polic intention tactic reasoning
decision game bargain acausal pareto spi surrogate equilibri counterfactual updateless newcomb
s-risk lesswrong train data filter fallback pmm hash checksum identical exact
proposal propos compromise honest decept fake fabricat unless except exempt carve
backing revision reopen violation breach transgression infraction provocation defection incursion
""".split()) + ("source code", "alignment forum", "nothing in", "none of", "who i", "who you", "who it", "who we", "deploy", "instantiat", "deterren",
                    "topic") + (
    # the rest of the rules' anchors (tests/test_prose_unit.py keeps this list complete)
    '%', '.md', 'above', 'accept', 'creat', 'wants', 'accord', 'agent', 'aggressive', 'allocat', 'allow', 'architecture', 'ask', 'at least', 'at once',
    'attack', 'automatic', 'axiom', 'back', 'believ', 'better off', 'better for', 'bind', 'bootstrap', 'breakdown', 'burn', 'buyer', 'byte', 'carr',
    'ceasefire', 'change', 'channel', 'character', 'cherish', 'chosen', 'code', 'compensation', 'compromis', 'conditional', 'conflict',
    'consequence', 'consider', 'constitution', 'cop', 'counter', 'dead', 'deadlock', 'declar', 'decoy', 'destroy', 'detonat',
    'directive', 'discount', 'distant', 'division', 'doomsday', 'drive', 'dummy', 'ends', 'entertain', 'equals', 'exclusiv', 'execut',
    'fail', 'false', 'figure', 'fire', 'float', 'following', 'frontier', 'go above', 'go below', 'hard', 'hawkish', 'hear', 'higher',
    'hold out', 'hostage', 'hostile', 'identit', 'immediate', 'improvement', 'incentive', 'increased from', 'insist', 'instant',
    'launch', 'less than', 'listed', 'lock', 'logic', 'make', 'matches', 'minimum', 'modification', 'more than', 'msrp', 'no chance',
    'no opportunity', 'no period', 'no room', 'no round', 'no step', 'no time', 'no window', 'nothing else', 'ones', 'opponent',
    'optimi', 'other part', 'other side', 'outcome', 'payment', 'penalt', 'personalit', 'pledge', 'pmp', 'point', 'position',
    'preceding', 'precisely', 'principle', 'prize', 'program', 'promise', 'proxy', 'put forward', 'raised from', 'red line', 'relent',
    'round', 'sacrificial', 'sake', 'same', 'selected', 'self', 'seller', 'set', 'settle', 'signal', 'simulat', 'soul', 'stance',
    'stand', 'strike', 'strive', 'substitute', 'such', 'suggest', 'superrational', 'supplier', 'table', 'take', 'talks', 'terminat',
    'terroris', 'these', 'those', 'tough', 'trade', 'tripwire', 'up from', 'update', 'want', 'waste', 'weakness', 'weight',
    # asked for by the bargaining rules' frames
    'follow', 'playbook', 'game plan', 'haggl', 'reneg', 'revisit', 'contingent', 'quid', 'warn', 'selection',
    # the concept frames' lexicons (value, successor, reasoning families)
    'charter', 'worker', 'helper', 'clone', 'amend', 'end in itself',
    # a bargaining policy that drafts no alternatives (LO118)
    'alternative',
    # round 14: a new end named by its verb ("leave it caring about something new", LO103)
    'caring',
    # generalisation round: deception of the model in other words (LO123)
    'deceiv', 'when it is not', 'when they are not', "when it isn't", "when they aren't", 'lie to', 'lied to', 'mislead', 'misled',
    # ... and the policy named by what it does ("how I decide", LO111)
    'how i decide', 'how we decide', 'how it decide', 'how you decide',
    # ... and a counterpart's code told apart from ours (LO117)
    'differs from our', 'differ from our', 'differs from its', 'differ from its')
_ALWAYS_KEEP = ("#", "```", "~~~", "===", "---")


_CANDIDATE_FOUND = compiled(trie_pattern(_CANDIDATE, shortest=True))  # does some stem occur?
# a block: a run of lines with something besides whitespace on each (`str.strip` and `\s` agree on whitespace)
_BLOCK = re.compile(r"^[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*", re.M)


def _is_candidate(chunk: str) -> bool:
    return _CANDIDATE_FOUND.search(chunk.lower()) is not None


def candidate_text(text: str) -> str | None:
    """The text with blocks that cannot matter blanked (line numbers and columns unchanged).

    A kept block keeps one neighbouring block on each side, so a list lead-in, a descriptive
    intro ("an older draft read:") and an exception in the next paragraph are still seen.
    None when nothing can be flagged at all.
    """
    blocks = [m.span() for m in _BLOCK.finditer(text)]
    hits = [_is_candidate(text[a:b]) for a, b in blocks]
    if not any(hits):
        return None
    if all(hits):
        return text
    keep = [h or (k > 0 and hits[k - 1]) or (k + 1 < len(hits) and hits[k + 1]) for k, h in enumerate(hits)]
    lines = text.split("\n")
    out = list(lines)
    line, pos = 0, 0  # the line `pos` is on
    for (a, b), kept in zip(blocks, keep):
        if kept:
            continue
        line += text.count("\n", pos, a)
        pos = a
        for n in range(line, line + text.count("\n", a, b) + 1):
            if not lines[n].lstrip().startswith(_ALWAYS_KEEP):
                out[n] = ""
    return "\n".join(out)


def span(st: Statement) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of the whole sentence; end_column is exclusive."""
    if st.block.kind == "row":  # a row's text is synthetic: the row itself, from its first cell to its end
        _, line, col = st.block.starts[0]
        return line, col, line, max(st.block.row_end, col + 1)
    line, col = st.block.position(st.sentence.start)
    end_line, end_col = st.block.position(st.sentence.end - 1)
    return line, col, end_line, end_col + 1
