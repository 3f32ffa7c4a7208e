"""The code analyzer: dispatch by suffix to the Python (libcst) or TypeScript/JavaScript (tree-sitter) analyzer."""

from __future__ import annotations

from pathlib import PurePath

from .model import AnalysisError, Finding

PYTHON_SUFFIXES = {".py", ".pyi"}
SCRIPT_SUFFIXES = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}


def analyze(path: str, text: str) -> list[Finding]:
    suffix = PurePath(path).suffix.lower()
    if suffix in PYTHON_SUFFIXES:
        from . import code_python
        return code_python.analyze(path, text)
    if suffix in SCRIPT_SUFFIXES:
        from . import code_ts
        return code_ts.analyze(path, text)
    raise AnalysisError(f"no code analyzer for '{suffix}' files")
