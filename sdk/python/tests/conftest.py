"""Shared fixtures: every test gets its own config folder and no MLP_* login variables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from mlp.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


RunMlp = Callable[..., Run]


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("MLP_TOKEN", raising=False)
    monkeypatch.delenv("MLP_PORTAL_URL", raising=False)
    monkeypatch.delenv("MLP_SERVICE_TOKEN", raising=False)
    return home


@pytest.fixture
def mlp(capsys: pytest.CaptureFixture[str]) -> RunMlp:
    """Runs `mlp ARGS...` in this process; returns exit code, stdout and stderr."""

    def run(*argv: str) -> Run:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
