"""Compiled regular expressions kept between runs, as Python keeps compiled bytecode in `__pycache__`.

Compiling the rules' 1,200 patterns is about half of spilock's start-up, and every run pays it again (a pre-commit
hook that lints one file pays little else), because `re` keeps compiled patterns only for the life of a process.
This module keeps what `re`'s compiler makes of each pattern (the SRE program, by pattern and flags) in a file next to
the package's bytecode, named for the Python build and the SRE format, and gives it to `_sre.compile`, the call
`re.compile` itself ends with, which checks a program before accepting it. A program is stored only after it has
been checked equal to the one `re.compile` makes in this very build. A pattern the file lacks, a file that cannot
be read or written, and any failure fall back to `re.compile`: the cache can make start-up faster, never a pattern
different.
"""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path

try:
    import _sre

    try:
        from re import _compiler, _parser  # Python 3.11 and later
    except ImportError:
        import sre_compile as _compiler  # Python 3.10
        import sre_parse as _parser
except ImportError:  # another implementation: no SRE internals to reuse
    _sre = None

Key = tuple[str, int]
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]  # what `_sre.compile` takes after the pattern

_VERSION = ".".join(map(str, sys.version_info[:3])) + sys.version_info.releaselevel
FILE = Path(__file__).with_name("__pycache__") / (
    f"regex.{sys.implementation.cache_tag}-{_VERSION}-{getattr(_sre, 'MAGIC', 0)}.marshal")

_stored: dict[Key, Program] | None = None  # read from FILE at the first compile
_used: dict[Key, Program] = {}  # the programs this process used: what `save` writes
_new = False  # did this process make a program FILE lacks?
_closed = False  # set by `save`: the rules are loaded, later patterns are compiled as usual and the table is let go


def trie_pattern(words: list[str] | tuple[str, ...], shortest: bool = False) -> str:
    """One regex for literal `words`, written as a trie so the engine steps down one branch per character instead of
    trying every word in turn. At a position it matches the longest word that starts there; with `shortest`, the first
    word a path completes (enough to tell that some word occurs, and cheaper)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if shortest and "" in node:
            return ""
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the stored program when there is one."""
    global _new
    flags = int(flags)
    if _closed or _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _load().get(key)
    if program is not None:
        try:
            found = _sre.compile(pattern, *program)
        except Exception:  # noqa: BLE001 - a program this build rejects: compile afresh
            pass
        else:
            _used[key] = program
            return found
    found = re.compile(pattern, flags)
    program = _program(pattern, flags, found)
    if program is not None:
        _used[key] = program
        _new = True
    return found


def _program(pattern: str, flags: int, expected: re.Pattern) -> Program | None:
    """The SRE program `re.compile` made of `pattern` (its steps, repeated), or None if they no longer agree."""
    try:
        if flags & (re.DEBUG | getattr(re, "TEMPLATE", 0)):
            return None
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # plain ints: the compiler's opcodes are an int subclass that marshal cannot write
        program = (flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1, groupindex,
                   tuple(indexgroup))
        made = _sre.compile(pattern, *program)
    except Exception:  # noqa: BLE001 - `re`'s internals changed: store nothing
        return None
    # Pattern equality compares the flags, the pattern and the program itself
    if made != expected or made.groups != expected.groups or made.groupindex != expected.groupindex:
        return None
    return program


def _load() -> dict[Key, Program]:
    global _stored
    if _stored is None:
        try:
            stored = marshal.loads(FILE.read_bytes())
            _stored = stored if isinstance(stored, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            _stored = {}  # no file yet, or a damaged one: it is rewritten by `save`
    return _stored


def save() -> None:
    """Write the programs this process used, if it made any the file lacked (atomically; never an error), and let go
    of the table (about a million ints) so that neither this process nor its workers keep it; patterns compiled later
    go straight to `re.compile`."""
    global _new, _stored, _used, _closed
    if _closed:
        return
    _closed = True
    used, _used, _stored = _used, {}, None
    if not _new:
        return
    from ..yamlio import atomic_write  # here, not at import: only a run that made a new program writes

    try:
        atomic_write(FILE, marshal.dumps(used), new_mode=0o644)  # readable like the bytecode beside it
    except (OSError, ValueError):
        return  # a read-only install: every run compiles, as without this module
    _new = False
