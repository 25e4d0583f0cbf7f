"""The token :class:`~mlp.client.Client` sends, renewed by itself when ``mlp login`` stored one.

A browser login stores a short-lived access token with a refresh token. Shortly before the
access token expires, or when the portal refuses it, the refresh token buys a new pair (the
portal rotates it: the old one stops working) and the pair is stored again. Several mlp
processes may renew at once; a lock next to the stored login lets one renew and the others
take its result.

A service token (``MLP_SERVICE_TOKEN``, for automation) signs in for a short-lived user token
of its service account, and again when that expires or is refused.
"""

from __future__ import annotations

import time
from typing import Optional

from . import config, oauth

__all__ = ["Credentials"]

#: Renew this many seconds before the access token expires.
EARLY_SECONDS = 60


class Credentials:
    def __init__(self, token: str, login: Optional[config.Login] = None) -> None:
        self._token = token
        #: The stored login the token came from, when it can be renewed.
        self._login = login if login is not None and login.renewable else None
        #: (portal URL, service token) when a service token signs in for each user token.
        self._service: Optional["tuple[str, str]"] = None
        self._service_expires_at = 0.0

    @classmethod
    def for_service(cls, url: str, service_token: str) -> "Credentials":
        """Signs in with a service token (automation) and renews the user token it gives."""
        credentials = cls("")
        credentials._service = (url, service_token)
        return credentials

    @property
    def renewable(self) -> bool:
        return self._login is not None or self._service is not None

    def token(self) -> str:
        if self._service is not None:
            if not self._token or self._service_expires_at - EARLY_SECONDS < time.time():
                self.renew()
        elif self._login is not None and self._login.expires_at - EARLY_SECONDS < time.time():
            self.renew()
        return self._token

    def renew(self) -> None:
        """A fresh access token from the refresh token; LOGIN_ENDED (exit 3) when it is refused."""
        if self._service is not None:
            tokens = oauth.service_sign_in(*self._service)
            self._token, self._service_expires_at = tokens.access_token, tokens.expires_at
            return
        if self._login is None:
            return
        with config.locked():
            stored = config.load()
            if (
                stored is not None
                and stored.renewable
                and stored.refresh_token != self._login.refresh_token
                and stored.expires_at - EARLY_SECONDS > time.time()
            ):
                # Another mlp process renewed meanwhile: its pair is the current one.
                self._login, self._token = stored, stored.token
                return
            tokens = oauth.refresh(self._login.issuer, self._login.refresh_token)
            renewed = config.Login(
                url=self._login.url,
                token=tokens.access_token,
                user=self._login.user,
                teams=list(self._login.teams),
                refresh_token=tokens.refresh_token,
                issuer=self._login.issuer,
                expires_at=tokens.expires_at,
            )
            config.save(renewed)
            self._login, self._token = renewed, renewed.token
