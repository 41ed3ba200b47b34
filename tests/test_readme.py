"""The README documents every command with its current --help (checked docs)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_help_is_in_the_readme():
    for name in cli.commands:  # type: ignore[attr-defined]
        output = CliRunner().invoke(cli, [name, "--help"], prog_name="directives", terminal_width=100).output
        assert output.rstrip() in README, f"`directives {name} --help` is missing or stale in README.md"


def test_readme_help_section_is_current():
    result = subprocess.run([sys.executable, "scripts/update_readme_help.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "run: python scripts/update_readme_help.py"


def test_the_two_fresh_machine_commands_are_the_ones_ci_runs():
    commands = re.findall(r"^\$ (.+)$", README.split("## Two commands", 1)[1].split("##", 1)[0], re.M)
    assert len(commands) == 2
    assert "directives build" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].split("&&")[-1].strip() in ci
