"""The browser login's local parts: the loopback callback, a pasted address, the stored
pair, renewal. The whole flow against the real portal and Chromium is in
e2e/cli-login.e2e.test.mjs."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest

from mlp import AuthenticationFailed, config
from mlp.credentials import Credentials
from mlp.oauth import LOGIN_ENDED, Authorization
from tests.test_transport import StandIn, stand_in  # noqa: F401 (the fixture)

ISSUER = "http://127.0.0.1:9/api/auth"  # nothing listens: no test here may reach it


def visit(url: str) -> None:
    def go() -> None:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()

    threading.Thread(target=go, daemon=True).start()


def test_the_approval_address_asks_for_a_code_with_pkce() -> None:
    authorization = Authorization(ISSUER)
    url = authorization.approval_url
    assert url.startswith(f"{ISSUER}/v1/authorize?")
    assert "code_challenge_method=S256" in url
    assert "scope=openid+offline_access" in url
    assert "client_id=http%3A%2F%2F127.0.0.1%3A9%2Fapi%2Fauth%2Fmlp-cli%2Fclient.json" in url
    assert authorization.redirect_uri.startswith("http://127.0.0.1:")
    assert authorization.redirect_uri.endswith("/callback")


def test_a_redirect_with_another_state_is_refused() -> None:
    authorization = Authorization(ISSUER)
    visit(f"{authorization.redirect_uri}?code=abc&state=not-this-login")
    with pytest.raises(AuthenticationFailed, match="state differs") as refused:
        authorization.wait(timeout=10)
    assert refused.value.exit_code == 3


def test_a_denied_approval_says_so() -> None:
    authorization = Authorization(ISSUER)
    state = dict(
        p.split("=", 1) for p in authorization.approval_url.split("?", 1)[1].split("&")
    )["state"]
    visit(
        f"{authorization.redirect_uri}?error=access_denied"
        f"&error_description=User+denied+the+request&state={state}"
    )
    with pytest.raises(AuthenticationFailed, match=r"not approved \(User denied the request\)"):
        authorization.wait(timeout=10)


def test_a_pasted_address_is_read_like_the_redirect() -> None:
    authorization = Authorization(ISSUER)
    authorization.paste("  http://127.0.0.1:1/callback?code=abc&state=pasted-from-elsewhere \n")
    with pytest.raises(AuthenticationFailed, match="state differs"):
        authorization.wait(timeout=10)


def test_no_approval_in_time() -> None:
    with pytest.raises(AuthenticationFailed, match="no approval within"):
        Authorization(ISSUER).wait(timeout=0.3)


def browser_login(refresh_token: str, expires_at: float, token: str = "access") -> config.Login:
    return config.Login(
        url="http://127.0.0.1:9",
        token=token,
        user="user:default/amira.haddad",
        teams=["nlp-team"],
        refresh_token=refresh_token,
        issuer=ISSUER,
        expires_at=expires_at,
    )


def test_the_pair_is_stored_and_read_back() -> None:
    login = browser_login("s1.secret", 1234.5)
    config.save(login)
    assert config.load() == login
    assert login.renewable
    assert not config.Login(url="u", token="t").renewable


def test_a_valid_access_token_is_used_as_it_is() -> None:
    login = browser_login("s1.secret", time.time() + 3600)
    assert Credentials(login.token, login).token() == "access"


def test_a_pair_renewed_by_another_process_is_taken() -> None:
    mine = browser_login("s1.old", 0, token="expired")
    config.save(browser_login("s1.newer", time.time() + 3600, token="fresh"))
    credentials = Credentials(mine.token, mine)
    assert credentials.token() == "fresh"


def test_a_refused_renewal_ends_the_login_with_exit_code_3(stand_in: StandIn) -> None:  # noqa: F811
    stand_in.answer = (
        400,
        "application/json",
        json.dumps({"error": "invalid_grant", "error_description": "Invalid refresh token"}).encode(),
    )
    login = browser_login("s1.revoked", 0)
    login = config.Login(**{**login.__dict__, "issuer": f"{stand_in.url}/api/auth"})
    config.save(login)
    with pytest.raises(AuthenticationFailed) as ended:
        Credentials(login.token, login).token()
    assert ended.value.message == LOGIN_ENDED
    assert ended.value.exit_code == 3
    sent = stand_in.seen[-1]
    assert sent["path"] == "/api/auth/v1/token"
    assert b"grant_type=refresh_token" in sent["body"]
    assert b"refresh_token=s1.revoked" in sent["body"]


def test_a_refused_approval_code_says_so(stand_in: StandIn) -> None:  # noqa: F811
    stand_in.answer = (
        400,
        "application/json",
        json.dumps({"error": "invalid_grant", "error_description": "Invalid code verifier"}).encode(),
    )
    from mlp.oauth import exchange_code

    with pytest.raises(AuthenticationFailed) as refused:
        exchange_code(f"{stand_in.url}/api/auth", "c0de", "http://127.0.0.1:1/callback", "v")
    assert refused.value.message == (
        "the portal refused the approval (Invalid code verifier): run mlp login again"
    )
    assert refused.value.exit_code == 3


def test_a_service_token_signs_in_for_a_user_token(
    stand_in: StandIn, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    from mlp import Client

    monkeypatch.setenv("MLP_PORTAL_URL", stand_in.url)
    monkeypatch.setenv("MLP_SERVICE_TOKEN", "mlpst_the-token")
    stand_in.answer = (
        200,
        "application/json",
        json.dumps(
            {"backstageIdentity": {"token": "user-token-1", "expiresInSeconds": 3600}}
        ).encode(),
    )
    Client().me()
    sign_in, call = stand_in.seen[0], stand_in.seen[1]
    assert sign_in["path"] == "/api/auth/mlpServiceToken/refresh"
    headers = {k.lower(): v for k, v in sign_in["headers"].items()}
    assert headers["x-mlp-service-token"] == "mlpst_the-token"
    assert call["path"] == "/api/gpu-quota/me"
    assert call["headers"]["Authorization"] == "Bearer user-token-1"


def test_a_refused_service_token_exits_3(
    stand_in: StandIn, monkeypatch: pytest.MonkeyPatch, mlp  # noqa: F811
) -> None:
    monkeypatch.setenv("MLP_PORTAL_URL", stand_in.url)
    monkeypatch.setenv("MLP_SERVICE_TOKEN", "mlpst_revoked")
    stand_in.backstage_error(401, "AuthenticationError", "the service token was revoked or never existed")
    run = mlp("quota", "--team", "nlp-team")
    assert run.code == 3
    assert run.err.strip() == (
        "mlp: error: the portal refused the service token "
        "(the service token was revoked or never existed); check MLP_SERVICE_TOKEN"
    )


def test_a_service_token_is_not_a_login(stand_in: StandIn, mlp) -> None:  # noqa: F811
    run = mlp("login", "--url", stand_in.url, "--token", "mlpst_0f0e_abc")
    assert run.code == 2
    assert run.err.strip() == (
        "mlp: error: --token: this is a service token: set MLP_SERVICE_TOKEN (with MLP_PORTAL_URL) "
        "where mlp runs instead of logging in with it"
    )
    assert stand_in.seen == []
