"""The one request path against transport-level faults.

A tiny http.server stands in for a broken or foreign server only: nothing
answering, an HTML page, a refused token, error envelopes, no answer in time.
What the portal's APIs do is tested against the real portal (test_portal.py).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Tuple, Type

import pytest

from mlp import (
    AuthenticationFailed,
    Client,
    InvalidInput,
    MlpError,
    NotFound,
    PermissionDenied,
    PortalUnreachable,
    Rejected,
    config,
)
from tests.conftest import RunMlp


class StandIn:
    """Answers every request with one canned (status, content type, body); records requests."""

    def __init__(self) -> None:
        self.answer: Tuple[int, str, bytes] = (200, "application/json", b"{}")
        self.delay = 0.0
        self.seen: List[Dict[str, Any]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                stand_in.seen.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": self.rfile.read(length) if length else b"",
                    }
                )
                if stand_in.delay:
                    time.sleep(stand_in.delay)
                status, content_type, body = stand_in.answer
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = handle_one

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def backstage_error(self, status: int, name: str, message: str) -> None:
        body = {
            "error": {"name": name, "message": message, "stack": f"{name}: {message}\n    at x"},
            "request": {"method": "GET", "url": "/x"},
            "response": {"statusCode": status},
        }
        self.answer = (status, "application/json; charset=utf-8", json.dumps(body).encode())


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    server = StandIn()
    thread = threading.Thread(target=server.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def login(url: str) -> None:
    config.save(config.Login(url=url, token="t0k3n", user="user:default/x", teams=["nlp-team"]))


def test_unreachable_port() -> None:
    url = closed_port_url()
    with pytest.raises(PortalUnreachable) as caught:
        Client(url, "t0k3n").me()
    assert url in caught.value.message
    assert caught.value.exit_code == 4
    assert caught.value.status is None


def test_unreachable_port_cli(mlp: RunMlp) -> None:
    url = closed_port_url()
    login(url)
    run = mlp("quota", "--team", "nlp-team")
    assert run.code == 4
    assert run.err.count("\n") == 1
    assert run.err.startswith(f"mlp: error: cannot reach the portal at {url}")


def test_debug_shows_the_traceback(mlp: RunMlp) -> None:
    login(closed_port_url())
    run = mlp("--debug", "quota", "--team", "nlp-team")
    assert run.code == 4
    assert "Traceback" in run.err
    assert run.err.splitlines()[-1].startswith("mlp: error: cannot reach the portal")


def test_html_answer(stand_in: StandIn, mlp: RunMlp) -> None:
    stand_in.answer = (200, "text/html; charset=utf-8", b"<!doctype html><html>app</html>")
    with pytest.raises(PortalUnreachable, match="text/html, not the portal's API") as caught:
        Client(stand_in.url, "t0k3n").me()
    assert stand_in.url in caught.value.message
    login(stand_in.url)
    run = mlp("quota", "--team", "nlp-team")
    assert run.code == 4
    assert run.err.count("\n") == 1 and stand_in.url in run.err


def test_token_refused(stand_in: StandIn, mlp: RunMlp) -> None:
    stand_in.backstage_error(401, "AuthenticationError", "Illegal token")
    with pytest.raises(AuthenticationFailed) as caught:
        Client(stand_in.url, "expired").me()
    assert caught.value.status == 401
    assert caught.value.portal_message == "Illegal token"
    login(stand_in.url)
    run = mlp("jobs")
    assert run.code == 3
    assert run.err == "mlp: error: the portal refused your token (it may have expired): run mlp login\n"


def test_login_with_a_refused_token_stores_nothing(stand_in: StandIn, mlp: RunMlp) -> None:
    stand_in.backstage_error(401, "AuthenticationError", "Illegal token")
    run = mlp("login", "--url", stand_in.url, "--token", "expired")
    assert run.code == 3
    assert "refused this token" in run.err and "run mlp login" in run.err
    assert config.load() is None


def test_request_carries_the_token_and_json(stand_in: StandIn) -> None:
    stand_in.answer = (201, "application/json", b'{"id": "q-1", "status": "pending"}')
    answer = Client(stand_in.url + "/", "t0k3n").request_quota_increase(
        "nlp-team", 8, "fine-tuning BERT for the ticket triage", 14
    )
    assert answer["id"] == "q-1"
    seen = stand_in.seen[-1]
    assert seen["method"] == "POST"
    assert seen["path"] == "/api/gpu-quota/requests"
    assert seen["headers"]["Authorization"] == "Bearer t0k3n"
    assert json.loads(seen["body"]) == {
        "team": "nlp-team",
        "resource": "nvidia.com/gpu",
        "amount": 8,
        "justification": "fine-tuning BERT for the ticket triage",
        "durationDays": 14,
    }


@pytest.mark.parametrize(
    "status, name, kind",
    [
        (400, "InputError", InvalidInput),
        (403, "NotAllowedError", PermissionDenied),
        (404, "NotFoundError", NotFound),
        (409, "ConflictError", Rejected),
        (500, "Error", MlpError),
    ],
)
def test_error_envelopes(stand_in: StandIn, status: int, name: str, kind: Type[MlpError]) -> None:
    stand_in.backstage_error(status, name, f"the portal's words for {status}")
    with pytest.raises(kind) as caught:
        Client(stand_in.url, "t0k3n").me()
    assert caught.value.status == status
    assert caught.value.message == f"the portal's words for {status}"
    assert caught.value.exit_code == 1


def test_invalid_input_names_the_field(stand_in: StandIn) -> None:
    stand_in.backstage_error(400, "InputError", "Invalid request body: gpus: must be 1 or more")
    with pytest.raises(InvalidInput) as caught:
        Client(stand_in.url, "t0k3n").me()
    assert caught.value.field == "gpus"


def test_missing_api_is_named(stand_in: StandIn) -> None:
    stand_in.answer = (404, "", b"")
    with pytest.raises(NotFound, match=r"has no GET /api/jobs/x-1"):
        Client(stand_in.url, "t0k3n").job("x-1")


def test_bad_gateway_is_unreachable(stand_in: StandIn) -> None:
    stand_in.answer = (502, "text/html", b"<h1>502 Bad Gateway</h1>")
    with pytest.raises(PortalUnreachable, match="not available"):
        Client(stand_in.url, "t0k3n").me()


def test_no_answer_in_time(stand_in: StandIn) -> None:
    stand_in.delay = 2.0
    with pytest.raises(PortalUnreachable, match="did not answer within 0.3 s"):
        Client(stand_in.url, "t0k3n", timeout=0.3).me()


def test_sdk_checks_inputs_before_sending(stand_in: StandIn) -> None:
    client = Client(stand_in.url, "t0k3n")
    with pytest.raises(InvalidInput, match=r"^gpus: must be 1 or more$") as caught:
        client.submit_training("bert", "ml-training:latest", 0, "16Gi", 24, team="nlp-team")
    assert caught.value.field == "gpus" and caught.value.exit_code == 2
    with pytest.raises(InvalidInput, match=r"^memory: '16GB' is not a Kubernetes quantity"):
        client.submit_training("bert", "ml-training:latest", 1, "16GB", 24, team="nlp-team")
    with pytest.raises(InvalidInput, match=r"^month:"):
        client.team_cost("nlp-team", "November")
    with pytest.raises(InvalidInput, match=r"^justification: is too short"):
        client.request_quota_increase("nlp-team", 8, "need", 14)
    assert stand_in.seen == []


def test_text_answer(stand_in: StandIn) -> None:
    stand_in.answer = (200, "text/plain; charset=utf-8", "epoch 1 loss 0.42 ✓\n".encode())
    assert Client(stand_in.url, "t0k3n").logs("bert-x7k2p") == "epoch 1 loss 0.42 ✓\n"
    assert stand_in.seen[-1]["path"] == "/api/jobs/bert-x7k2p/logs"


