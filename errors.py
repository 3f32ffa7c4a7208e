"""Exit statuses and the one-line error type every user-facing failure uses.

Kept in one module, as semgrep does, so that no command invents its own codes.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0  # nothing at or above the fail threshold / the check passed
EXIT_FINDINGS = 1  # findings at or above the threshold / the review gate failed
EXIT_USAGE = 2  # the tool could not do what was asked (bad input, bad arguments)


@dataclass(frozen=True)
class Problem:
    """One problem with a user's file, printed as `path:line:col: message`."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "message": self.message}


class SpilockError(Exception):
    """A failure the user must fix; carries one or more Problems, never a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(path="spilock", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
