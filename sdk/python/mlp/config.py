"""Where ``mlp login`` keeps the portal's URL and the user's token.

The file is ``$XDG_CONFIG_HOME/mlp/config.json`` (``~/.config/mlp/config.json``
by default), readable by its owner only (0600, in a 0700 folder): the token
acts as the user on the portal. ``MLP_PORTAL_URL`` and ``MLP_TOKEN`` override
what is stored, for CI.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

__all__ = [
    "ENV_URL",
    "ENV_TOKEN",
    "ENV_SERVICE_TOKEN",
    "SERVICE_TOKEN_PREFIX",
    "Login",
    "config_path",
    "load",
    "save",
    "delete",
    "resolve",
    "locked",
]

ENV_URL = "MLP_PORTAL_URL"
ENV_TOKEN = "MLP_TOKEN"
#: A service token for automation (a keeper makes it on the CLI access page).
ENV_SERVICE_TOKEN = "MLP_SERVICE_TOKEN"
#: How every service token starts (mlpst_<id>_<secret>).
SERVICE_TOKEN_PREFIX = "mlpst_"


@dataclass(frozen=True)
class Login:
    """What ``mlp login`` stores."""

    url: str
    #: The access token (a portal user token).
    token: str
    user: str = ""
    teams: List[str] = field(default_factory=list)
    #: Set by the browser login: the refresh token that renews ``token``, the auth backend that
    #: issued it, and when ``token`` expires (seconds since the epoch).
    refresh_token: str = ""
    issuer: str = ""
    expires_at: float = 0.0

    @property
    def renewable(self) -> bool:
        return bool(self.refresh_token and self.issuer)


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
    refresh_token, issuer, expires_at = data.get("refresh_token"), data.get("issuer"), data.get("expires_at")
    return Login(
        url=url,
        token=token,
        user=user if isinstance(user, str) else "",
        teams=[t for t in teams if isinstance(t, str)] if isinstance(teams, list) else [],
        refresh_token=refresh_token if isinstance(refresh_token, str) else "",
        issuer=issuer if isinstance(issuer, str) else "",
        expires_at=float(expires_at) if isinstance(expires_at, (int, float)) else 0.0,
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


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """Holds a lock next to the stored login, so one process at a time renews it."""
    folder = config_path().parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


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
