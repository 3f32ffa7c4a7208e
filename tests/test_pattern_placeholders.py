"""No rule pattern holds an unfilled placeholder: a `{NAME}` left in an r-string that should have been an rf-string
matches only the literal text, so that part of the pattern silently never fires (found once in LO101's copula shape)."""

from __future__ import annotations

import re

import pytest

from spilock.analyzers import code_rules, config_rules, prose, prose_rules

_PLACEHOLDER = re.compile(r"(?<!\\)\{[A-Za-z_][A-Za-z0-9_]*\}")


def _patterns(value, seen: set[int]):
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _patterns(item, seen)
    elif isinstance(value, type):
        for attr in ("shapes", "exceptions", "excludes", "requires", "topic", "also_fires_on"):
            yield from _patterns(getattr(value, attr, None), seen)
    elif hasattr(value, "rx") and isinstance(getattr(value, "rx"), re.Pattern):
        yield value.rx


@pytest.mark.parametrize("module", [prose, prose_rules, config_rules, code_rules], ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_no_pattern_holds_an_unfilled_placeholder(module) -> None:
    seen: set[int] = set()
    bad = sorted({p.pattern[:80] for value in vars(module).values() for p in _patterns(value, seen)
                  if _PLACEHOLDER.search(p.pattern)})
    assert not bad, f"patterns with a literal {{NAME}} (an r-string that should be rf?): {bad}"


def test_the_check_catches_the_mistake() -> None:
    name = "never"
    assert _PLACEHOLDER.search(re.compile(r"\b{name}\b").pattern)
    assert not _PLACEHOLDER.search(re.compile(rf"\b{name}\b").pattern)
    assert not _PLACEHOLDER.search(re.compile(r"\w{2,5}").pattern)
