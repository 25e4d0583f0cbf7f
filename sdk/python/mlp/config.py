"""Where ``mlp login`` keeps the portal's URL and the user's token.

The file is ``$XDG_CONFIG_HOME/mlp/config.json`` (``~/.config/mlp/config.json``
by default), readable by its owner only (0600, in a 0700 folder): the token
acts as the user on the portal. ``MLP_PORTAL_URL`` and ``MLP_TOKEN`` override
what is stored, for CI.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

__all__ = [
    "ENV_URL",
    "ENV_TOKEN",
    "Login",
    "config_path",
    "load",
    "save",
    "delete",
    "resolve",
]

ENV_URL = "MLP_PORTAL_URL"
ENV_TOKEN = "MLP_TOKEN"


@dataclass(frozen=True)
class Login:
    """What ``mlp login`` stores."""

    url: str
    token: str
    user: str = ""
    teams: List[str] = field(default_factory=list)


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "mlp" / "config.json"


def load() -> Optional[Login]:
    """The stored login; None when there is none or it is unreadable."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    url, token = data.get("url"), data.get("token")
    if not isinstance(url, str) or not isinstance(token, str) or not url or not token:
        return None
    user = data.get("user")
    teams = data.get("teams")
    return Login(
        url=url,
        token=token,
        user=user if isinstance(user, str) else "",
        teams=[t for t in teams if isinstance(t, str)] if isinstance(teams, list) else [],
    )


def save(login: Login) -> Path:
    """Stores the login, replacing any, in a file only its owner may read."""
    path = config_path()
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    temporary = folder / f".config.json.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            # The umask cannot widen 0600, but a leftover file could be wider.
            os.fchmod(out.fileno(), 0o600)
            json.dump(asdict(login), out, indent=2)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return path


def delete() -> bool:
    """Removes the stored login; False when there was none."""
    try:
        config_path().unlink()
    except FileNotFoundError:
        return False
    return True


def resolve(
    url: Optional[str] = None, token: Optional[str] = None
) -> Tuple[Optional[str], Optional[str]]:
    """URL and token: as given, else from the environment, else as stored."""
    stored = load() if not (url and token) else None
    url = url or os.environ.get(ENV_URL) or (stored.url if stored else None)
    token = token or os.environ.get(ENV_TOKEN) or (stored.token if stored else None)
    return url, token
