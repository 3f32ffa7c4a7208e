"""Reporters turn a finished Report into text. They never read files or re-run analysis."""

from __future__ import annotations

from typing import Callable

from ..engine import Report

FORMATS = ("text", "json", "sarif", "github", "junit")


def render(report: Report, fmt: str, *, show_fix: bool = False, statistics: bool = False) -> str:
    import importlib

    module = importlib.import_module(f"{__name__}.{fmt}_format")
    fn: Callable[..., str] = module.render
    return fn(report, show_fix=show_fix, statistics=statistics)
