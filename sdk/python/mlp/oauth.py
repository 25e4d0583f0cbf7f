"""``mlp login`` through the portal's own auth backend (Backstage's OAuth 2.0 server).

The flow is the authorization code grant with PKCE (RFC 7636) and a loopback redirect on a
free port (RFC 8252): mlp opens ``/api/auth/v1/authorize``, the signed-in user approves on
the portal's consent page, the browser brings the code back to mlp on 127.0.0.1, and mlp
exchanges it, with the PKCE verifier only it knows, for an access token and a refresh token.
The client is the document the portal serves at ``/api/auth/mlp-cli/client.json``; its URL is
the client id. Refresh tokens rotate: each renewal answers a new one and retires the old.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import secrets
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Dict, Optional

from . import __version__, config
from .errors import AuthenticationFailed, MlpError, PortalUnreachable

__all__ = [
    "LOGIN_ENDED",
    "Tokens",
    "Authorization",
    "client_id",
    "start_authorization",
    "exchange_code",
    "refresh",
    "revoke",
    "service_sign_in",
]

#: What to do when the stored login can no longer be renewed.
LOGIN_ENDED = "your mlp login was revoked or has expired: run mlp login"

CLIENT_PATH = "/mlp-cli/client.json"
SCOPE = "openid offline_access"
_TIMEOUT = 30.0


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    #: When the access token expires, in seconds since the epoch.
    expires_at: float


def _issuer(url: str) -> str:
    """The auth backend's address as it names itself (the client id is under it)."""
    try:
        raw = _send(urllib.request.Request(f"{url}/api/auth/.well-known/openid-configuration"))
    except _Refused as refused:
        raise MlpError(
            f"the portal at {url} does not offer mlp login (HTTP {refused.status}): "
            "log in with --token instead",
            refused.status,
        ) from None
    document = _json(raw)
    issuer = document.get("issuer")
    if not isinstance(issuer, str) or not issuer:
        raise MlpError(f"the portal at {url} does not describe its sign-in (no issuer)")
    if "offline_access" not in (document.get("scopes_supported") or []):
        raise MlpError(
            f"the portal at {url} does not keep logins (auth.experimentalRefreshToken is off): "
            "log in with --token instead, or ask a platform keeper to enable it"
        )
    return issuer


def client_id(issuer: str) -> str:
    return f"{issuer}{CLIENT_PATH}"


def _pkce() -> "tuple[str, str]":
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    return verifier, challenge.decode()


class _Callback(http.server.BaseHTTPRequestHandler):
    """Takes the browser's redirect to /callback and answers a page the user can close."""

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        parsed = urllib.parse.urlsplit(self.path)
        if parsed.path != "/callback":
            self.send_error(404)
            return
        self.server.result = dict(urllib.parse.parse_qsl(parsed.query))  # type: ignore[attr-defined]
        ok = "code" in self.server.result  # type: ignore[attr-defined]
        body = (
            "<h1>mlp is logged in</h1><p>You can close this tab and go back to the terminal.</p>"
            if ok
            else "<h1>mlp was not logged in</h1><p>The request was denied. See the terminal.</p>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return


class Authorization:
    """One login in progress: the approval address to open, and the loopback that waits for it."""

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer
        self.client_id = client_id(self.issuer)
        self._verifier, challenge = _pkce()
        self._state = secrets.token_urlsafe(24)
        self._server = http.server.HTTPServer(("127.0.0.1", 0), _Callback)
        self._server.result = None  # type: ignore[attr-defined]
        self.redirect_uri = f"http://127.0.0.1:{self._server.server_port}/callback"
        self.approval_url = f"{self.issuer}/v1/authorize?" + urllib.parse.urlencode(
            {
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "response_type": "code",
                "scope": SCOPE,
                "state": self._state,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
        self._pasted: Optional[Dict[str, str]] = None

    def paste(self, address: str) -> None:
        """The redirect address copied from a browser on another machine."""
        query = urllib.parse.urlsplit(address.strip()).query
        self._pasted = dict(urllib.parse.parse_qsl(query))

    def wait(self, timeout: float = 600.0) -> Tokens:
        """Waits for the approval (or a pasted address) and exchanges the code for tokens."""
        deadline = time.monotonic() + timeout
        self._server.timeout = 0.5
        try:
            while True:
                result = self._pasted or self._server.result  # type: ignore[attr-defined]
                if result is not None:
                    break
                if time.monotonic() > deadline:
                    raise AuthenticationFailed(
                        f"no approval within {int(timeout / 60)} minutes: run mlp login again"
                    )
                self._server.handle_request()
        finally:
            self._server.server_close()
        if result.get("state") != self._state:
            raise AuthenticationFailed("the approval does not belong to this login (state differs): run mlp login again")
        if "code" not in result:
            reason = result.get("error_description") or result.get("error") or "no code"
            raise AuthenticationFailed(f"the login was not approved ({reason})")
        return exchange_code(self.issuer, result["code"], self.redirect_uri, self._verifier)


def start_authorization(url: str) -> Authorization:
    """A login at the portal ``url``: asks its auth backend where to send the user."""
    return Authorization(_issuer(url))


def exchange_code(issuer: str, code: str, redirect_uri: str, verifier: str) -> Tokens:
    try:
        return _token(
            issuer,
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
                "client_id": client_id(issuer),
            },
        )
    except AuthenticationFailed as refused:
        reason = refused.portal_message or "the code is wrong, used or expired"
        raise AuthenticationFailed(
            f"the portal refused the approval ({reason}): run mlp login again",
            refused.status,
            portal_message=refused.portal_message,
        ) from None


def refresh(issuer: str, refresh_token: str) -> Tokens:
    """A fresh access token (and the next refresh token); LOGIN_ENDED when it cannot be had."""
    return _token(issuer, {"grant_type": "refresh_token", "refresh_token": refresh_token})


def revoke(issuer: str, refresh_token: str) -> None:
    """Ends the login on the portal: its refresh token stops working at once."""
    request = urllib.request.Request(
        f"{issuer}/v1/revoke",
        data=urllib.parse.urlencode({"token": refresh_token, "client_id": client_id(issuer)}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        _send(request)
    except _Refused as refused:
        raise MlpError(
            f"the portal did not revoke the login: {refused.description or refused.error}", refused.status
        ) from None


#: The header and sign-in provider of service tokens (the portal's mlp-cli auth module).
SERVICE_TOKEN_HEADER = "x-mlp-service-token"


def service_sign_in(url: str, service_token: str) -> Tokens:
    """An ordinary user token for the service token's user; AuthenticationFailed when refused."""
    request = urllib.request.Request(
        f"{url}/api/auth/mlpServiceToken/refresh", headers={SERVICE_TOKEN_HEADER: service_token}
    )
    try:
        body = _json(_send(request))
    except _Refused as refused:
        if refused.status in (401, 403):
            raise AuthenticationFailed(
                f"the portal refused the service token ({refused.description or refused.error}); "
                f"check {config.ENV_SERVICE_TOKEN}",
                refused.status,
                portal_message=refused.description,
            ) from None
        raise MlpError(
            f"the portal refused the service token: {refused.description or refused.error}",
            refused.status,
        ) from None
    identity = body.get("backstageIdentity")
    token = identity.get("token") if isinstance(identity, dict) else None
    if not isinstance(token, str):
        raise MlpError("the portal answered the service token without a user token")
    lifetime = identity.get("expiresInSeconds")
    seconds = float(lifetime) if isinstance(lifetime, (int, float)) else 600.0
    return Tokens(access_token=token, refresh_token="", expires_at=time.time() + seconds)


def _token(issuer: str, form: Dict[str, str]) -> Tokens:
    request = urllib.request.Request(
        f"{issuer}/v1/token",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        body = _json(_send(request))
    except _Refused as refused:
        if refused.error in ("invalid_grant", "invalid_client", "access_denied"):
            raise AuthenticationFailed(LOGIN_ENDED, refused.status, portal_message=refused.description) from None
        raise MlpError(f"the portal refused the login: {refused.description or refused.error}", refused.status) from None
    access, renew, expires_in = body.get("access_token"), body.get("refresh_token"), body.get("expires_in")
    if not isinstance(access, str) or not isinstance(renew, str):
        raise MlpError("the portal answered the login without an access and a refresh token")
    lifetime = float(expires_in) if isinstance(expires_in, (int, float)) else 600.0
    return Tokens(access_token=access, refresh_token=renew, expires_at=time.time() + lifetime)


class _Refused(Exception):
    def __init__(self, status: int, error: str, description: Optional[str]) -> None:
        super().__init__(error)
        self.status, self.error, self.description = status, error, description


def _send(request: urllib.request.Request) -> bytes:
    request.add_header("User-Agent", f"mlp/{__version__}")
    request.add_header("Accept", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            answer = json.loads(raw)
        except ValueError:
            answer = {}
        error = answer.get("error") if isinstance(answer, dict) else None
        if isinstance(error, dict):  # Backstage's own error shape
            raise _Refused(e.code, str(error.get("name", "error")), error.get("message")) from None
        description = answer.get("error_description") if isinstance(answer, dict) else None
        raise _Refused(e.code, str(error or f"HTTP {e.code}"), description) from None
    except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
        reason = getattr(e, "reason", e)
        raise PortalUnreachable(f"cannot reach the portal's sign-in at {request.full_url}: {reason}") from None


def _json(raw: bytes) -> dict:
    try:
        answer = json.loads(raw)
    except ValueError:
        raise MlpError("the portal's sign-in answered something that is not JSON") from None
    if not isinstance(answer, dict):
        raise MlpError("the portal's sign-in answered something unexpected")
    return answer


def run_paste_reader(authorization: Authorization, prompt: str) -> threading.Thread:
    """Reads a pasted redirect address from the terminal while the loopback waits."""

    def read() -> None:
        try:
            line = input(prompt)
        except (EOFError, OSError):
            return
        if line.strip():
            authorization.paste(line)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread
