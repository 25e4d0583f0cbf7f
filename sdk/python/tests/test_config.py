"""The stored login: where it is, who may read it, and what overrides it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from mlp import Client, NotLoggedIn, config
from tests.conftest import RunMlp

LOGIN = config.Login(
    url="https://portal.example.com", token="s3cret", user="user:default/amira.haddad", teams=["nlp-team"]
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_path_follows_xdg_config_home(config_home: Path) -> None:
    assert config.config_path() == config_home / "mlp" / "config.json"


def test_path_defaults_to_dot_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config.config_path() == tmp_path / ".config" / "mlp" / "config.json"


def test_saved_readable_by_owner_only(config_home: Path) -> None:
    old = os.umask(0)  # even with a permissive umask
    try:
        path = config.save(LOGIN)
    finally:
        os.umask(old)
    assert path == config_home / "mlp" / "config.json"
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert json.loads(path.read_text()) == {
        "url": "https://portal.example.com",
        "token": "s3cret",
        "user": "user:default/amira.haddad",
        "teams": ["nlp-team"],
        "refresh_token": "",
        "issuer": "",
        "expires_at": 0.0,
    }
    assert [p.name for p in path.parent.iterdir()] == ["config.json"]  # no temporary left


def test_save_narrows_a_wider_existing_file(config_home: Path) -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o755)
    config.save(LOGIN)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_load_round_trip_and_garbage(config_home: Path) -> None:
    assert config.load() is None
    config.save(LOGIN)
    assert config.load() == LOGIN
    config.config_path().write_text("not json")
    assert config.load() is None


def test_environment_overrides_the_stored_login(monkeypatch: pytest.MonkeyPatch) -> None:
    config.save(LOGIN)
    assert config.resolve() == ("https://portal.example.com", "s3cret")
    monkeypatch.setenv("MLP_TOKEN", "from-ci")
    assert config.resolve() == ("https://portal.example.com", "from-ci")
    monkeypatch.setenv("MLP_PORTAL_URL", "http://ci-portal:7007")
    assert config.resolve() == ("http://ci-portal:7007", "from-ci")
    assert config.resolve("https://given", "given-token") == ("https://given", "given-token")


def test_client_needs_a_login(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(NotLoggedIn, match="run mlp login") as caught:
        Client()
    assert caught.value.exit_code == 3
    monkeypatch.setenv("MLP_PORTAL_URL", "http://ci-portal:7007/")
    monkeypatch.setenv("MLP_TOKEN", "from-ci")
    assert Client().url == "http://ci-portal:7007"


def test_logout(mlp: RunMlp) -> None:
    config.save(LOGIN)
    run = mlp("logout")
    assert run.code == 0
    assert run.out.startswith("Logged out: removed ")
    assert not config.config_path().exists()
    run = mlp("logout")
    assert run.code == 0
    assert run.out.startswith("Not logged in")
