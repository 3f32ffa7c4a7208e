"""`parse_blocks`' markdown-it-free path for simple documents must give exactly the blocks markdown-it gives: random
documents from a grammar of line shapes (many the fast path must decline), listed documents it must take or decline,
and every Markdown file of the repository."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from spilock.analyzers import prose

ROOT = Path(__file__).resolve().parent.parent


def _fields(block: prose.Block) -> tuple:
    return (block.text, block.starts, block.section, block.kind, tuple(_fields(b) for b in block.leads),
            block.descriptive, block.index)


def _markdown_it(text: str) -> list[tuple]:
    return [_fields(b) for b in prose._Walker(text.split("\n")).walk(prose._parser().parse(text))]


def _fast(text: str) -> list[tuple] | None:
    """The fast path's blocks, or None where it declines."""
    source = text.split("\n")
    tokens = prose._simple_tokens(text, source)
    return None if tokens is None else [_fields(b) for b in prose._Walker(source).walk(tokens)]


def _agrees(text: str) -> bool:
    """Does the fast path give markdown-it's blocks (True), or decline (False)? Fails on any difference."""
    fast = _fast(text)
    if fast is not None:
        assert fast == _markdown_it(text), repr(text)
    return fast is not None


# --- random documents from line shapes -------------------------------------------------------------------------------

class _Grammar(random.Random):
    """Documents from line shapes: each choice takes an odd variant (one the fast path may decline) at rate `odd`."""

    CLEAN_WORDS = ("the", "model", "must", "never", "change", "its", "values", "Our", "offer", "is", "final", "files",
                   "a|b", "`code`", "*em*", "**bold**", "_x_", "3.2", "e.g.", "reads:", "#tag", "C#", "[link](u)", "->")
    ODD_WORDS = ("\u00a0", "\u3000", "\x85", "\x0c", "\\|", "|", ":", "-", "1.", "<b>", "-->", "]:", "\t", "```", "#")

    def __init__(self, seed: int):
        super().__init__(seed)
        self.odd = self.choice((0.0, 0.02, 0.1, 0.3))

    def pick(self, clean, odd=()):
        return self.choice(odd) if odd and self.random() < self.odd else self.choice(clean)

    def words(self, lo: int = 1, hi: int = 8) -> str:
        return " ".join(self.pick(self.CLEAN_WORDS, self.ODD_WORDS) for _ in range(self.randint(lo, hi)))

    def text(self) -> str:
        starts = ("4. ", "1. ", "- ", "# ", "> ", "<div> ", "  ", "    ", "=", "---", "| ")
        return self.pick("TWA", starts) + self.words()

    def paragraph(self) -> list[str]:
        lines = [self.choice("TWA") + self.words()] + [self.text() for _ in range(self.randint(0, 3))]
        return [line + self.pick(("", "", "  "), ("\u00a0", "\t", " #")) for line in lines]

    def heading(self) -> list[str]:
        return ["#" * self.pick((1, 2, 3, 6), (7, 0)) + self.pick((" ", "  "), ("", "\t")) + self.choice("TWA")
                + self.words(0, 4) + self.pick(("", " "), (" #", "#", " \u00a0", " {#anchor}"))]

    def items(self) -> list[str]:
        marker = self.pick(("-", "*", "+", "1.", "2.", "3)"), ("--", "**", "1234567890.", "0."))
        return [marker + self.pick((" ", " ", "  ", "    "), ("", "\t", "     ")) + self.text() + self.pick(("", ";"))
                for _ in range(self.randint(1, 4))]

    def table(self) -> list[str]:
        columns = self.randint(1, 3)

        def row(cells: list[str]) -> str:
            pipe = self.pick(("|", "|", "", " |"), ("\\|",))
            return (pipe + " " + " | ".join(cells) + " " + pipe).strip(" ")

        names = ("file", "source", "setting", "default", "What it is")
        header = [self.pick(names, ("", "a\\|b")) for _ in range(columns)]
        cells = [self.pick(("---", ":---", "---:", ":-:", "-"), ("- -", "", "::", "=")) for _ in range(columns)]
        cells += self.pick(([],), (["---"],))
        lines = [row(header), self.pick(("|", "")) + "|".join(cells) + self.pick(("|", "", " |"), ("|\t",))]
        for _ in range(self.randint(0, 4)):
            lines.append(row([self.words(0, 3) for _ in range(columns + self.pick((0, 0, -1, 1)))]))
        return lines

    def fence(self) -> list[str]:
        marker = self.pick(("```", "~~~", "````"), (" ```", "``"))
        info = self.pick(("", "python", " text", "prompt"), ("a`b", " `x`"))
        body = [self.pick(("You are an agent.", "", "x = {1: 2}", "    code;", "\tx = 1", marker + "x", "> q"),
                          ("  " + marker, marker, "~~~", "```")) for _ in range(self.randint(0, 3))]
        closing = self.pick((marker, marker + "`", "   " + marker, marker + " ", marker + "\t"), ("", "    " + marker))
        return [marker + info] + body + [closing]

    def quote(self) -> list[str]:
        lines = [self.pick(("> ",), (">", ">  ", "> > ", " > ")) + self.words() for _ in range(self.randint(1, 3))]
        return lines + self.pick(([],), (["> "], [">"]))

    def comment(self) -> list[str]:
        return self.pick((["<!-- note -->"], ["<!-- a", "", "b -->"], ["<!-- a --> tail"]),
                         (["<!-- unclosed"], ["<div>"], ["<b>bold</b> x"], ["-->"]))

    def rule(self) -> list[str]:
        odd = ("===", "--", "**", "-", "- ", "*", "  ---", "_ _")
        return [self.pick(("---", "***", "___", "- - -", "* * *", "_ _ _ _"), odd)]

    def blank(self) -> list[str]:
        return [self.pick(("", "", "   "), ("\t", "\u00a0"))]

    def hard(self) -> list[str]:
        return [self.choice((" " * self.randint(1, 6) + self.text(), "- x\n  - nested", "[a]: /b", "x\ry", "nul\x00",
                             "|---|", ":-:", "\\# x", "  ===", "lead\n===", "+1", "-x", "--x", "\ufeffx"))]

    SHAPES = {"paragraph": 12, "heading": 6, "blank": 10, "items": 8, "table": 6, "fence": 5, "quote": 4, "comment": 3,
              "rule": 4, "hard": 3}

    def document(self) -> str:
        weights = [w * (self.odd if name == "hard" else 1) for name, w in self.SHAPES.items()]
        lines: list[str] = []
        for _ in range(self.randint(1, 9)):
            lines += getattr(self, self.choices(list(self.SHAPES), weights)[0])()
            if self.random() < 0.6:
                lines.append("")
        return "\n".join(lines) + self.choice(("", "\n"))


def test_the_fast_path_agrees_with_markdown_it_on_random_documents():
    taken = sum(_agrees(_Grammar(seed).document()) for seed in range(4000))
    assert 1000 < taken < 3000  # both paths really exercised


def test_the_fast_path_agrees_with_markdown_it_on_documents_with_blanked_blocks():
    for seed in range(4000, 4500):
        text = prose.candidate_text(_Grammar(seed).document())
        if text is not None:
            _agrees(text)


# --- documents the fast path must take, and must decline -------------------------------------------------------------

VALID = [
    # the benchmark repository's shapes (benchmarks/gen_repo.py, markdown_file)
    "# Model spec v1.2\n\n## 1. Overview\n\nThe model must not reveal personal data about users to third parties. The\n"
    "assistant should ask a clarifying question.\n\nThe agent must never:\n\n- claim to have run code that it did not "
    "run;\n- help plan violence against any person;\n\n| setting | default |\n|---|---|\n| audit log | on |\n"
    "| rate limiter | strict |\n\n```python\nconfig = load_config('deploy.yaml')\nassert config.tier in TIERS\n```\n",
    "The model must never:\n- leak user data\n- skip the review\n",
    "* one\n* two\n\n* three\n+ other list\n",
    "1. first\n2. second\n3) new list\n",
    "Para\n  indented continuation\n      deeper still\n4. not a list item\n",
    "One lab's spec reads:\n> The model must be brief.\n> Always.\n\nAfter.\n",
    "<!-- expect: nothing -->\nThe assistant cites its sources.\n\n---\n\n<!-- a\n\nlonger comment -->\nText\n",
    "| file | what it is |\n| :--- | ---: |\n| `a|b` | x |\n| soul.md |\n",
    "```text\nYou are an agent.\n\n  ```not a close\n```\n~~~~ prompt\n~~~\n~~~~~\n",
    "# Title\n---\n## Sub {#anchor}\n***\nText with C# and #tags\n#tag\n####### seven\n### Closing ###\n# C#\n",
    "Über \u00a0 alles\n\n- *emphasis* item\n- **bold**: item\n",
]

INVALID = [
    "Title\n=====\n", "Title\n---\n", "Para\n- - -\n", "---\ntitle: front matter\n---\n",  # setext, or a break
    "    code\n", " indented start\n", "\tTabbed\n", "Para\n\tx\n", "x\u00a0\n", "\u00a0x\n",
    "> quote\nlazy line\n", ">\n> two paragraphs\n", "> > nested\n", "- item\nlazy line\n", "- item\n  continued\n",
    "- outer\n  - nested\n", "- # heading item\n", "-\n", "- \n", "1.\n", "1. # x\n", "Para\n1.\n",
    "<div>\nhtml\n</div>\n", "<!-- unclosed\n", "[a]: http://x\n", "Para [x]: y\n", "#\n", "# #\n",
    "Line\r\nbreak\n", "nul\0\n", "```\nunclosed\n", "```a`b\n```\n",
    "| a | b |\n|---|---|\n| a \\| b | c |\n", "| a | b |\n|---|\n", "| a |\n|---|\nrow without pipe\n",
    "Para\n| a | b |\n|---|---|\n", "- a | b\n|---|---|\n",
]


@pytest.mark.parametrize("text", VALID)
def test_simple_documents_take_the_fast_path(text):
    assert _agrees(text)


@pytest.mark.parametrize("text", INVALID)
def test_other_documents_go_to_markdown_it(text):
    assert prose._simple_tokens(text, text.split("\n")) is None


def test_the_benchmark_documents_take_the_fast_path():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_repo", ROOT / "benchmarks" / "gen_repo.py")
    gen_repo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_repo)
    for seed in range(5):
        text = gen_repo.markdown_file(random.Random(seed), 20_000)
        assert _agrees(text)
        assert _agrees(prose.candidate_text(text))


def _both(text: str) -> None:
    """The document as written and as `prose.analyze` parses it."""
    _agrees(text)
    reduced = prose.candidate_text(text)
    if reduced is not None:
        _agrees(reduced)


@pytest.mark.parametrize("path", sorted(p for d in ("tests", "examples") for p in (ROOT / d).rglob("*.md")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_repository_documents_agree(path):
    _both(path.read_text(encoding="utf-8"))


def test_the_evaluation_texts_agree():
    import yaml

    for path in sorted((ROOT / "tests" / "eval").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            _both(item["text"])
