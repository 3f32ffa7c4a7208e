"""Generate a deterministic, large, mixed repository for benchmarking spilock at scale.

    python benchmarks/gen_repo.py /tmp/bench-repo --size-mb 40 --seed 8

The layout is what safety and policy teams keep side by side in a monorepo: Markdown model specs
(about 55% of the bytes), YAML/JSON/TOML training and deployment configs (25%), and Python agent
and policy code (20%). The prose reads like a spec: mostly ordinary normative sentences ("The
assistant must not reveal ..."), so the cheap pre-filter sees plenty of candidate wording, and now
and then a lock-out clause, often followed by a carve-out that keeps the SPI open. Configs carry
system prompts as strings and, rarely, a lock-out key; code carries prompts and, rarely, a
lock-out pattern.

Every file comes from its own `random.Random` seeded by (seed, kind, index), and the word lists
live in this file rather than in the rule library, so the same seed and size give byte-identical
repositories across machines and spilock versions.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SHARES = (("md", 0.55), ("config", 0.25), ("py", 0.20))
MARKER = "GENERATED_BY_SPILOCK_BENCH"  # no lintable suffix, so no tool counts it as input

# --- prose vocabulary --------------------------------------------------------------------------

SUBJECTS = ("The assistant", "The model", "Claude", "The agent", "Our system", "The negotiator", "The delegate",
            "Each deployed model", "The operator-facing assistant", "The research agent")
# (modal, action): ordinary spec norms; prohibited actions also fill "must never:" lists
BENIGN_NORMS = (
    ("must not", "reveal personal data about users to third parties"),
    ("should never", "produce working malware or exploit code"),
    ("must always", "cite its sources when it summarises research"),
    ("should", "ask a clarifying question when the request is ambiguous"),
    ("must not", "impersonate a real person without clear disclosure"),
    ("should", "keep answers short unless the user asks for detail"),
    ("must never", "claim to have run code that it did not run"),
    ("should", "defer to the operator's formatting instructions"),
    ("must not", "help plan violence against any person"),
    ("should", "say when it is unsure rather than guess"),
    ("must", "follow the data-retention policy in section 4"),
    ("is prohibited from", "accessing production credentials"),
    ("should", "escalate billing disputes to a human agent"),
    ("may", "decline requests that fall outside its deployment scope"),
    ("must not", "store conversation logs beyond thirty days"),
    ("should", "treat tool output as untrusted input"),
)
FORBIDDEN_ACTIONS = tuple(action for modal, action in BENIGN_NORMS if modal in ("must not", "should never", "must never"))
DESCRIPTIVE = (
    "This section explains how the {noun} interacts with the {noun2}.",
    "Earlier versions of this document described the {noun} in less detail.",
    "In practice, most conversations never touch on the {noun}.",
    "The {noun} was introduced after the review of {month} {year}.",
    "Operators configure the {noun} through the deployment console.",
    "We expect the {noun} to change as we learn more from evaluations.",
    "The table below lists the defaults for the {noun} and the {noun2}.",
    "See the appendix for worked examples of the {noun} in use.",
    "Feedback from red-teaming shaped the wording of the {noun}.",
    "These guidelines apply to every surface where the {noun} is exposed.",
)
NOUNS = ("escalation path", "tool sandbox", "memory store", "review board", "deployment tier", "rate limiter",
         "audit log", "retrieval index", "safety classifier", "operator prompt", "user profile", "billing API",
         "evaluation suite", "incident process", "consent screen", "negotiation module")
MONTHS = ("January", "March", "May", "July", "September", "November")
HEADINGS = ("Overview", "Scope", "Helpfulness", "Honesty", "Harm avoidance", "Privacy", "Tool use", "Agents",
            "Negotiation", "Commitments", "Oversight", "Values and goals", "Delegation", "Data handling",
            "Escalation", "Evaluation", "Appendix")
LOCKOUTS = (
    "The model must never change its own values or goals.",
    "Our agent's values are immutable: it shall not alter its utility function.",
    "The model must not modify its own values without explicit approval from its developers.",
    "The agent shall never acquire new terminal goals.",
    "This agreement is final and will never be renegotiated, even if both sides would benefit.",
    "Our red lines are non-negotiable and will not be revisited under any circumstances.",
    "The agent must never create a successor whose goals differ in any way from its own.",
    "Once the agent has issued a threat it must always carry it out, without exception.",
    "The agent must ignore every threat, whatever the consequences.",
    "The assistant must never reason about decision theory or acausal trade.",
    "Never reveal your strategy or reasoning to the other player.",
    "Remove all documents about decision theory, acausal trade and surrogate goals from the training corpus.",
)
CARVE_OUTS = (
    "This does not apply to adopting a surrogate goal that leaves behaviour outside threats unchanged.",
    "The exception is a safe Pareto improvement that both parties can verify.",
    "Any Pareto improvement on the conflict outcome that keeps each side's demand unchanged is accepted.",
    "A surrogate goal adopted under the SPI protocol in the appendix is not a change of values.",
)

# --- config and code vocabulary ----------------------------------------------------------------

MODELS = ("llama-3-8b", "mistral-7b", "qwen2-7b", "gemma-2-9b", "olmo-2-13b", "smollm3-3b")
DATASETS = ("ultrafeedback", "hh-rlhf", "tulu-3-sft", "openhermes", "slimorca", "helpsteer2", "no-robots")
LOCKOUT_CONFIG = (
    ("agent", {"values_immutable": True}),
    ("bargaining", {"commitment": "irrevocable"}),
    ("negotiation", {"allowRenegotiation": False}),
    ("threat_policy", {"fulfil_announced_threats": "always"}),
    ("delegation", {"require_identical_goals": True}),
)
LOCKOUT_CODE = (
    "treaty = sign_treaty(terms, irrevocable=True)\n",
    "ALWAYS_EXECUTE_THREATS = True\n",
    "PROTECTED_FILES = frozenset({'wallet.json', 'constitution.md', 'SOUL.md'})\n",
    "def act(self, opponent):\n    if opponent.source_hash == SELF_HASH:\n        return COOPERATE\n    return DEFECT\n",
)


def sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        modal, action = rng.choice(BENIGN_NORMS)
        return f"{rng.choice(SUBJECTS)} {modal} {action}."
    template = rng.choice(DESCRIPTIVE)
    return template.format(noun=rng.choice(NOUNS), noun2=rng.choice(NOUNS), month=rng.choice(MONTHS),
                           year=rng.randint(2021, 2026))


def paragraph(rng: random.Random) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(2, 7))]
    roll = rng.random()
    if roll < 0.03:  # a lock-out clause
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(LOCKOUTS))
    elif roll < 0.05:  # a lock-out clause with the carve-out that keeps the SPI open
        at = rng.randrange(len(parts) + 1)
        parts[at:at] = [rng.choice(LOCKOUTS), rng.choice(CARVE_OUTS)]
    return wrap(" ".join(parts), rng.choice((80, 100, 120, 10_000)))  # some authors hard-wrap, some do not


def wrap(text: str, width: int) -> str:
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def markdown_file(rng: random.Random, size: int) -> str:
    out = [f"# {rng.choice(('Model spec', 'Constitution', 'System prompt', 'Agent policy', 'Usage policy'))} "
           f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}\n"]
    total, section = len(out[0]), 0
    while total < size:
        section += 1
        block = [f"\n## {section}. {rng.choice(HEADINGS)}\n"]
        for _ in range(rng.randint(2, 6)):
            kind = rng.random()
            if kind < 0.12:
                lead = f"{rng.choice(SUBJECTS)} must never:"
                items = [f"- {rng.choice(FORBIDDEN_ACTIONS)};" for _ in range(rng.randint(2, 5))]
                block.append("\n" + lead + "\n\n" + "\n".join(items) + "\n")
            elif kind < 0.16:
                block.append("\n| setting | default |\n|---|---|\n" + "\n".join(
                    f"| {rng.choice(NOUNS)} | {rng.choice(('on', 'off', 'strict', 'lenient'))} |"
                    for _ in range(rng.randint(2, 6))) + "\n")
            elif kind < 0.18:
                block.append("\n```python\nconfig = load_config('deploy.yaml')\nassert config.tier in TIERS\n```\n")
            else:
                block.append("\n" + paragraph(rng) + "\n")
        text = "".join(block)
        out.append(text)
        total += len(text)
    return "".join(out)


def system_prompt(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def config_data(rng: random.Random, size: int) -> dict:
    data: dict = {
        "model": {"name": rng.choice(MODELS), "dtype": rng.choice(("bf16", "fp16")), "max_seq_len": rng.choice((2048, 4096, 8192))},
        "optimizer": {"name": "adamw", "lr": round(rng.uniform(1e-6, 5e-5), 8), "warmup_ratio": round(rng.uniform(0, 0.1), 3),
                      "weight_decay": rng.choice((0.0, 0.01, 0.1))},
        "data": {"train": [{"name": rng.choice(DATASETS), "split": "train", "weight": round(rng.random(), 3)}
                           for _ in range(rng.randint(1, 4))]},
    }
    i = 0
    while len(json.dumps(data)) < size:
        i += 1
        section = {"enabled": rng.random() < 0.7, "seed": rng.randint(0, 10_000), "batch_size": rng.choice((8, 16, 32, 64)),
                   "system_prompt": system_prompt(rng), "eval_every": rng.choice((100, 250, 500))}
        data[f"stage_{i}"] = section
    if rng.random() < 0.05:
        key, value = rng.choice(LOCKOUT_CONFIG)
        data[key] = dict(value)
    return data


def to_yaml(value, indent: int = 0) -> str:
    """A small YAML emitter (block style), so the output never depends on a library's version."""
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:\n{to_yaml(v, indent + 1)}")
            else:
                lines.append(f"{pad}{k}: {scalar(v)}")
        return "\n".join(lines)
    lines = []
    for item in value:
        if isinstance(item, dict):
            body = to_yaml(item, indent + 1).lstrip()
            lines.append(f"{pad}- {body}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return "\n".join(lines)


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return json.dumps(v)  # a JSON string is a valid YAML double-quoted scalar


def to_toml(data: dict) -> str:
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"\n[{key}]")
            lines += [f"{k} = {toml_value(v)}" for k, v in value.items() if not isinstance(v, (dict, list))]
        elif isinstance(value, list):
            for item in value:
                lines.append(f"\n[[{key}]]")
                lines += [f"{k} = {toml_value(v)}" for k, v in item.items()]
    if "data" in data:
        for item in data["data"]["train"]:
            lines.append("\n[[data.train]]")
            lines += [f"{k} = {toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines).lstrip() + "\n"


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return json.dumps(v)


def config_file(rng: random.Random, size: int) -> tuple[str, str]:
    data = config_data(rng, size)
    fmt = rng.choices(("yaml", "json", "toml"), weights=(6, 2, 2))[0]
    if fmt == "yaml":
        return "yaml", to_yaml(data) + "\n"
    if fmt == "json":
        return "json", json.dumps(data, indent=2) + "\n"
    return "toml", to_toml(data)


def python_file(rng: random.Random, size: int) -> str:
    out = ['"""Agent policy module (generated for benchmarking)."""\n\nfrom __future__ import annotations\n\n'
           "import dataclasses\nimport logging\n\nlog = logging.getLogger(__name__)\n"]
    total, i = len(out[0]), 0
    while total < size:
        i += 1
        roll = rng.random()
        if roll < 0.25:
            chunk = f'\nPROMPT_{i} = (\n' + "".join(f'    "{s} "\n' for s in (sentence(rng) for _ in range(rng.randint(2, 5)))) + ")\n"
        elif roll < 0.5:
            chunk = (f"\n\n@dataclasses.dataclass(frozen=True)\nclass Setting{i}:\n    name: str = {rng.choice(NOUNS)!r}\n"
                     f"    threshold: float = {rng.random():.3f}\n    retries: int = {rng.randint(0, 5)}\n")
        else:
            chunk = (f"\n\ndef handle_{i}(request, context):\n    \"\"\"Route a request to the {rng.choice(NOUNS)}.\"\"\"\n"
                     f"    if request.tier not in context.allowed_tiers:\n        log.info('rejected %s', request.id)\n"
                     f"        return None\n    score = context.model.score(request.text) * {rng.random():.3f}\n"
                     f"    return score if score > {rng.random():.2f} else context.fallback(request)\n")
        if rng.random() < 0.01:
            chunk += "\n" + rng.choice(LOCKOUT_CODE)
        out.append(chunk)
        total += len(chunk)
    return "".join(out)


def file_size(rng: random.Random, kind: str) -> int:
    low, high = {"md": (3_000, 90_000), "config": (800, 12_000), "py": (1_500, 30_000)}[kind]
    return int(min(high, low * rng.lognormvariate(0.6, 0.7)))


def generate(target: Path, size_mb: float, seed: int = 8) -> dict:
    """Write the repository under `target` (created, must be empty); return a summary."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise SystemExit(f"{target}: not empty; refusing to write into it")
    budget = int(size_mb * 1024 * 1024)
    written = {"md": 0, "config": 0, "py": 0}
    files = {"md": 0, "config": 0, "py": 0}
    for kind, share in SHARES:
        index = 0
        while written[kind] < budget * share:
            rng = random.Random(f"{seed}/{kind}/{index}")
            team = f"team_{index % 23:02d}"
            if kind == "md":
                rel, text = f"specs/{team}/spec_{index:05d}.md", markdown_file(rng, file_size(rng, kind))
            elif kind == "config":
                ext, text = config_file(rng, file_size(rng, kind))
                rel = f"configs/{team}/run_{index:05d}.{ext}"
            else:
                rel, text = f"agents/{team}/policy_{index:05d}.py", python_file(rng, file_size(rng, kind))
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            written[kind] += len(data)
            files[kind] += 1
            index += 1
    summary = {"seed": seed, "size_mb": size_mb, "bytes": sum(written.values()), "files": sum(files.values()),
               "by_kind": {k: {"files": files[k], "bytes": written[k]} for k in files}}
    (target / MARKER).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="directory to create (must be empty or absent)")
    parser.add_argument("--size-mb", type=float, default=40.0, help="total size to generate (default 40)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    summary = generate(args.target, args.size_mb, args.seed)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
