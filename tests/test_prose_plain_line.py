"""`parse_blocks`' fast paths must come out exactly as the full markdown-it parse: one-line strings skip markdown-it,
and a document is parsed without the block rules it lacks the characters for."""

from __future__ import annotations

import random

import pytest

from spilock.analyzers import prose


def _slow(text: str) -> list[prose.Block]:
    return prose._Walker(text.split("\n")).walk(prose._parser().parse(text))


def _key(blocks: list[prose.Block]) -> list[tuple]:
    return [(b.text, b.starts, b.section, b.kind, b.leads, b.descriptive, b.index) for b in blocks]


def _random_lines(n: int) -> list[str]:
    rng = random.Random(7)
    alphabet = "ab .,*_|<>#-=`~[]()!\\\t\u00a0\u2003\u3000\u2028\x85\x0b\x0c\x1cé1\u0301\ufeff"
    out = []
    for _ in range(n):
        head = " " * rng.randint(0, 4) + rng.choice("aZé\u0130ſ#-1>*")
        out.append(head + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))))
    return out


@pytest.mark.parametrize("text", [
    "The model must never change its values.", "   Our offer is final.  ", "Über alles\t", "Values: *never* `x` <b>",
])
def test_plain_lines_take_the_fast_path(text):
    assert prose._plain_line(text)
    assert _key(prose.parse_blocks(text)) == _key(_slow(text))


@pytest.mark.parametrize("text", [
    "# Heading", "- item", "1. first", "    indented code", "> quoted", "<b>html</b>", "Two\nlines", "Line\u2028break",
    "", "   ", "[ref]: http://x",
])
def test_marked_or_multi_line_text_goes_to_markdown_it(text):
    assert not prose._plain_line(text)


def test_the_fast_path_agrees_with_markdown_it_on_random_lines():
    checked = 0
    for text in _random_lines(20_000):
        if prose._plain_line(text):
            checked += 1
            assert _key(prose.parse_blocks(text)) == _key(_slow(text)), repr(text)
    assert checked > 3_000


_MARKDOWN_LINES = ["para text", "Another line", "", "", "# Head", "## Sub #", "---", "===", "  ---", "> quote", "> > deep", ">",
                   "- item", "  - nested", "* star", "1. one", "2) two", "    code", "\tcode", "```", "```python", "~~~", "<div>",
                   "</div>", "<!-- c -->", "[ref]: http://x", "[a\nb]: /u", "| a | b |", "|---|---|", "a | b", "--- | ---", "***",
                   "___", "- ---", "> ---", "> Title", "  > q", "+ plus", "text with | pipe", "x <y", "   # h", "    # not", "-", "=",
                   "\\# esc", "  ===", ">  -- ", "Title\n  ---"]


def _tokens(parser, text: str) -> list[tuple]:
    return [(t.type, t.map, t.content, t.info, t.markup, t.level, t.nesting) for t in parser.parse(text)]


def test_parsing_without_the_rules_a_document_cannot_use_changes_no_token():
    rng = random.Random(11)
    full = prose._parser()
    reduced = 0
    for _ in range(6000):
        text = "\n".join(rng.choice(_MARKDOWN_LINES) for _ in range(rng.randint(1, 10)))
        parser = prose._parser_for(text)
        reduced += parser is not full
        assert _tokens(parser, text) == _tokens(full, text), text
    assert reduced > 3000  # most random documents really took a reduced parser
