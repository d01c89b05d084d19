"""The command line: the README's first command runs the demo."""

from __future__ import annotations

import subprocess
import sys

import pytest

from trainingrules import policy
from trainingrules.__main__ import main


def test_demo_prints_every_catalogue_policy_with_findings(capsys):
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for policy_id in policy.ids():
        assert f"== {policy_id}" in out
    # Hohhot H2 (二): 40 remote hours in 2007 against 48 each year.
    assert "2007: 40 hours of remote training, below the 48 required (8 short)" in out
    # Jiangxi J2 (三.1): "当年男满55周岁、女满53周岁以下" — 以下 includes 55 (民法典 art. 1259,
    # interpretation J2.bound), so a man aged 56 in 2014 is outside the remedial scope.
    assert "aged 56 in 2014: outside the remedial scope (men aged 55 or under)" in out


def test_demo_in_chinese(capsys):
    assert main(["demo", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "2007年远程培训40学时，少于要求的48学时（差8学时）" in out
    assert "remote training" not in out


def test_policies_lists_the_catalogue(capsys):
    assert main(["policies"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(policy.ids())


def test_unknown_command_exits_with_usage():
    with pytest.raises(SystemExit) as exit_info:
        main(["nonsense"])
    assert exit_info.value.code == 2


def test_module_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "trainingrules", "policies"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "jx-2014" in result.stdout
