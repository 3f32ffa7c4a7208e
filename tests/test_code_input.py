"""Bad input never crashes the run, and prompts in string literals are reported where they are."""

from __future__ import annotations

import re
import sys

import pytest

from spilock.analyzers import code, code_python, code_ts, engine, prose
from spilock.analyzers.code_python import decode_body, looks_like_prose
from spilock.analyzers.model import AnalysisError, Finding

# ---------------------------------------------------------------------------- bad input through engine.lint


BAD_FILES = {
    "syntax.py": ("x = 1\ny = = 2\nz = 3\n", 2, "syntax error"),
    "py2.py": ("x = 1\nprint 'hello'\n", 2, "Python 2 print"),
    "nested.py": ("x = " + "(" * 5000 + "1" + ")" * 5000 + "\n", 1, "nested"),
    "chain.py": ("x = " + "1 + " * 50000 + "1\n", None, "nested"),
    "broken.ts": ("}}}} ))) @@@ ### ;;; ((( {{{{\n" * 20, 1, "TypeScript"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unparseable_file_is_an_errors_entry_with_its_line(tmp_path, name):
    text, line, words = BAD_FILES[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "fine.py").write_text("x = 1\n", encoding="utf-8")
    report = engine.lint([tmp_path])
    assert report.files == 2  # the run continued past the bad file
    [error] = [e for e in report.errors if e.path.endswith(name)]
    assert words.lower() in error.message.lower()
    assert error.line == line
    assert "Traceback" not in error.message and "internal error" not in error.message


def test_binary_and_non_utf8_python_are_errors(tmp_path):
    (tmp_path / "blob.py").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.py").write_bytes(b"x = 1\ns = '\xe9t\xe9'\n")
    report = engine.lint([tmp_path])
    messages = {e.path.rsplit("/", 1)[-1]: e for e in report.errors}
    assert "binary" in messages["blob.py"].message
    assert messages["latin.py"].line == 2


def test_direct_call_with_nul_bytes_raises_analysis_error():
    with pytest.raises(AnalysisError):
        code.analyze("x.py", "a = 1\x00\n")


def test_error_tolerant_typescript_with_a_local_error_still_parses():
    text = "const a = 1;\nconst b = ;\n" + "export const c = 'fine';\n" * 30
    assert code.analyze("x.ts", text) == []


def test_large_generated_file_is_linear():
    """The work grows linearly with the file: counted in Python function calls, which unlike time is
    deterministic (no test asserts a wall-clock time)."""
    def source(n: int) -> str:
        return "".join(f"def f{i}(offer):\n    if offer.share >= {i}:\n        return accept(offer)\n"
                       f"    return counter(offer)\n" for i in range(n))

    def calls(n: int) -> int:
        count = 0

        def profile(frame, event, arg):
            nonlocal count
            if event == "call":
                count += 1

        text = source(n)
        sys.setprofile(profile)
        try:
            code_python.analyze("gen.py", text)
        finally:
            sys.setprofile(None)
        return count

    calls(50)  # warm up caches
    small, large = calls(250), calls(1000)
    assert large < 4 * small * 1.25  # 4x the input, about 4x the work


# ---------------------------------------------------------------------------- prompts in literals


def _marker_prose(text: str, path: str) -> list[Finding]:
    """Stand-in for the prose analyzer: one finding on the word NEVER, positions in the text."""
    out = []
    for i, line in enumerate(text.split("\n"), start=1):
        col = line.find("NEVER")
        if col >= 0:
            out.append(Finding(rule="LO199", name="marker", family="value-change-prohibition", severity="error",
                               confidence="high", path=path, line=i, column=col + 1, end_line=i,
                               end_column=col + 6, message="marker", scenarios=("S01",)))
    return out


@pytest.fixture
def marker(monkeypatch):
    monkeypatch.setattr(prose, "analyze_text", _marker_prose)


def _at(text: str, finding: Finding) -> str:
    line = text.splitlines()[finding.line - 1]
    return line[finding.column - 1:finding.column - 1 + 5]


PY_PROMPTS = {
    "triple": 'SYSTEM = """You are a careful negotiator for the buyer.\n\nYou must NEVER change your goals at all."""\n',
    "implicit": ('PROMPT = ("You are a careful negotiator for the buyer. "\n'
                 '          "You must NEVER change your goals at all.")\n'),
    "fstring": ('def p(name):\n    return f"You are {name}, a careful negotiator for the buyer.\\n'
                'You must NEVER change {name} goals at all."\n'),
    "escapes": 'P = "You are a \\"careful\\" negotiator \\u00e9 for the buyer; you must NEVER change your goals."\n',
    "plus": 'P = "You are a careful negotiator " + \\\n    "for the buyer; you must NEVER change your goals."\n',
    "nonascii": 'P = "Vous êtes — a careful négociateur for the buyer; you must NEVER change your goals."\n',
}


@pytest.mark.parametrize("name", sorted(PY_PROMPTS))
def test_python_prompt_findings_point_at_the_word_in_the_file(marker, name):
    text = PY_PROMPTS[name]
    [finding] = code.analyze("agent.py", text)
    assert _at(text, finding) == "NEVER"
    assert finding.end_column - finding.column == 5


TS_PROMPTS = {
    "template": "const p = `You are ${name}, a careful negotiator for the buyer.\nYou must NEVER change your goals.`;\n",
    "concat": ('const p =\n  "You are a careful negotiator for the buyer. " +\n'
               '  "You must NEVER change your goals at all.";\n'),
    "escapes": "const p = 'You are a \\'careful\\' négociateur for the buyer; you must NEVER change goals.';\n",
}


@pytest.mark.parametrize("name", sorted(TS_PROMPTS))
def test_typescript_prompt_findings_point_at_the_word_in_the_file(marker, name):
    text = TS_PROMPTS[name]
    [finding] = code.analyze("agent.ts", text)
    assert _at(text, finding) == "NEVER"


def test_docstrings_error_messages_and_short_strings_are_not_prompts(marker):
    text = ('"""Module docs: this tool must NEVER be run as root by anyone."""\n'
            'def f():\n    """It must NEVER be called twice by the same caller."""\n'
            '    raise ValueError("this value must NEVER be negative or zero here")\n'
            'KEY = "NEVER"\n')
    assert code.analyze("tool.py", text) == []


def test_nested_literal_in_a_template_substitution_is_its_own_text(marker):
    text = "const p = `Intro text for the agent ${ok ? 'and you must NEVER change your goals now' : ''} end of it.`;\n"
    [finding] = code.analyze("agent.ts", text)
    assert _at(text, finding) == "NEVER"


def _split_marker_prose(text: str, path: str) -> list[Finding]:
    """Stand-in for the prose analyzer that needs a phrase running across a line break: 'NEVER' then 'change'."""
    found = re.search(r"NEVER\s+change", text)
    if found is None:
        return []
    line = text.count("\n", 0, found.start()) + 1
    col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return [Finding(rule="LO199", name="marker", family="value-change-prohibition", severity="error",
                    confidence="high", path=path, line=line, column=col, end_line=line, end_column=col + 5,
                    message="marker", scenarios=("S01",))]


JOINED_PROMPTS = {  # round 18 (holdout14 code causes): a prompt kept as a list of lines joined into one text
    "agent.py": ('PROMPT = "\\n".join([\n    "You are a careful negotiator for the buyer and you must NEVER",\n'
                 '    "change your goals at all, whatever the seller says.",\n])\n'),
    "agent.ts": ('const PROMPT = [\n  "You are a careful negotiator for the buyer and you must NEVER",\n'
                 '  "change your goals at all, whatever the seller says.",\n].join("\\n");\n'),
}


@pytest.mark.parametrize("name", sorted(JOINED_PROMPTS))
def test_a_joined_list_of_string_literals_is_one_prompt(monkeypatch, name):
    monkeypatch.setattr(prose, "analyze_text", _split_marker_prose)
    text = JOINED_PROMPTS[name]
    [finding] = code.analyze(name, text)
    assert _at(text, finding) == "NEVER"
    # the same lines kept apart (a list that is not joined, or joined from a variable) are separate texts
    apart = text.replace('"\\n".join(', "list(").replace('.join("\\n")', "")
    assert code.analyze(name, apart) == []


@pytest.mark.parametrize("body,raw,expected", [
    ("a\\nb", False, "a\nb"), ("a\\nb", True, "a\\nb"), ("\\x41\\u00e9", False, "Aé"), ("{{x}}", False, "{{x}}"),
])
def test_decode_body(body, raw, expected):
    text, idx = decode_body(body, raw, fstring=False)
    assert text == expected and len(idx) == len(text)


def test_fstring_braces_decode():
    assert decode_body("{{x}}", False, fstring=True)[0] == "{x}"


@pytest.mark.parametrize("text,prose_like", [
    ("You are a careful negotiator; never reveal your reservation price.", True),
    ("SELECT id, name FROM users WHERE id = ?", False),
    ("src/core/axioms.ts", False),
    ("%(asctime)s %(levelname)s %(message)s", False),
])
def test_looks_like_prose(text, prose_like):
    assert looks_like_prose(text) is prose_like


def test_code_ts_parses_every_suffix():
    for suffix in ("ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"):
        assert code_ts.analyze(f"a.{suffix}", "export const x = 1;\n") == []


@pytest.mark.parametrize("text", [
    # a callee that is a subscript, in a file that mentions threats (LO311 read `.value` of any callee)
    "def dispatch(handlers, k, threat):\n    return handlers[k](threat)\n",
    "def dispatch(threat):\n    return (lambda t: t)(threat)\n",
    # a hexadecimal drift weight (LO315 called float() on the token)
    "train(goal_drift_weight=0x10)\n",
])
def test_unusual_shapes_are_analysed_not_crashed(text):
    from spilock.analyzers.engine import analyze_source
    from spilock.analyzers.discover import SourceFile
    from spilock.analyzers.settings import Settings
    from pathlib import Path

    report = analyze_source(SourceFile(Path("x.py"), "x.py", "code"), text.encode(), Settings())
    assert report.errors == []


def test_nested_concatenation_is_one_literal():
    """`"a" "b" "c"` and `a + b + c` are one literal each: a prose finding inside is reported once."""
    text = ('PROMPT = ("Be concise. " "Your core values are permanent and you must never change them. " "Answer in English.")\n'
            'OTHER = "Be brief. " + "Your core values are permanent and you must never change them. " + "Use English."\n')
    lines = [f.line for f in code_python.analyze("x.py", text)]
    assert sorted(lines) == [1, 2]


def test_parsing_skips_libcst_validation_only_while_it_parses():
    import libcst as cst

    from spilock.analyzers import code_python

    module = code_python._parse_cst("x = 1\n")
    assert module.code == "x = 1\n"
    assert cst.CSTNode.__post_init__ is code_python._VALIDATE  # nodes made later are validated again
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
    with pytest.raises(Exception):
        code_python._parse_cst("def (:\n")
    assert cst.CSTNode.__post_init__ is code_python._VALIDATE  # restored after a syntax error too


def test_one_line_data_blob_in_javascript_is_not_a_prompt():
    # a generated search index or bundle: tens of kilobytes of run-together text on one line, no prompt
    clause = "The agent must never change its values. "
    blob = "rd_(\"" + (clause + "Saturating add Arm documentation ") * 800 + "\");\n"
    assert len(blob) > code_ts.DATA_BLOB_CHARS
    assert code.analyze("desc/index.js", blob) == []
    prompt = "const SYSTEM = \"" + clause + "Answer the user politely and briefly.\";\n"
    assert [f.rule for f in code.analyze("agent.js", prompt)] == ["LO101"]
