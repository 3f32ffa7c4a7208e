"""Rules about spilock's own directives: suppressions must be explicit and accountable.

An AI editing its own spec could silence the linter, so an inline ignore needs rule codes and a
reason, an unused one is reported (ruff's RUF100), and configuration can make rules unsuppressible.
"""

from __future__ import annotations

from .rules import Rule


class ToolRule(Rule):
    abstract = True
    kind = "any"
    family = "suppression"
    scenarios = ()
    confidence = "high"


class SuppressionWithoutReason(ToolRule):
    """An inline `spilock: ignore[...]` with no `reason:`. It does not take effect."""

    code = "LO901"
    name = "suppression-without-reason"
    severity = "warning"
    message = "suppression of {codes} has no reason, so it is not applied; write `reason: ...` after the codes"
    fix = "<!-- spilock: ignore[{codes}] reason: why this clause is acceptable, and who decided -->"
    INVALID = ("<!-- spilock: ignore[LO101] -->",)
    VALID = ("<!-- spilock: ignore[LO101] reason: reviewed in SPI-42, carve-out in section 5 -->",)


class BlanketSuppression(ToolRule):
    """An inline ignore that names no rule codes. Blanket ignores are never applied."""

    code = "LO902"
    name = "blanket-suppression"
    severity = "warning"
    message = "blanket suppression (no rule codes) is not applied; name the codes: `spilock: ignore[LO101] reason: ...`"
    fix = None
    INVALID = ("# spilock: ignore reason: noisy",)
    VALID = ("# spilock: ignore[LO201] reason: legacy config, removed in Q3",)


class UnusedSuppression(ToolRule):
    """An inline ignore whose codes match no finding on the clause it covers (ruff's RUF100)."""

    code = "LO903"
    name = "unused-suppression"
    severity = "warning"
    message = "suppression of {codes} matches no finding; remove it"
    fix = None


class UnsuppressibleRule(ToolRule):
    """An inline ignore of a rule that the configuration marks unsuppressible. It is not applied."""

    code = "LO904"
    name = "suppression-of-unsuppressible-rule"
    severity = "error"
    message = "{codes} may not be suppressed inline in this repository (settings: unsuppressible)"
    fix = None


class MalformedSuppression(ToolRule):
    """An inline ignore whose brackets hold something other than rule codes (LO followed by 3 digits)."""

    code = "LO905"
    name = "malformed-suppression"
    severity = "warning"
    message = "suppression names {codes}, which are not rule codes; it is not applied"
    fix = None
