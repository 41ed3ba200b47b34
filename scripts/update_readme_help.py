"""Rewrite the "Commands" reference in README.md from the live `--help` of every command.

Usage: python scripts/update_readme_help.py [--check]
With --check, exit 1 if README.md is out of date (tests/test_readme.py runs the same comparison).
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- commands:begin -->", "<!-- commands:end -->"


def help_text(args: list[str]) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="directives", terminal_width=100)
    return result.output.rstrip() + "\n"


def commands_section() -> str:
    parts = ["```text", "$ directives --help", help_text([]).rstrip(), "```", ""]
    for name in sorted(cli.commands):  # type: ignore[attr-defined]
        parts += [
            f"### `directives {name}`",
            "",
            "```text",
            f"$ directives {name} --help",
            help_text([name]).rstrip(),
            "```",
            "",
        ]
    return "\n".join(parts)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    updated = f"{head}{BEGIN}\n{commands_section()}{END}{tail}"
    if "--check" in sys.argv:
        return 0 if updated == text else 1
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
