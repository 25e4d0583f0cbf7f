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




# --- model deployments: the requests sent, and the portal's refusals as typed errors ---------

DEPLOYMENT_ID = "0b6c1a2f-5d3e-4c7a-9f10-2a4b6c8d0e1f"


def deployment(**changes: Any) -> Dict[str, Any]:
    base = {
        "id": DEPLOYMENT_ID,
        "model": "support-ticket-classifier",
        "environment": "staging",
        "team": "nlp-team",
        "version": "3",
        "replicas": 2,
        "gpus": 1,
        "status": "live",
        "requestedBy": "user:default/amira.haddad",
        "requestedAt": "2026-11-23T06:15:56.505Z",
        "namespace": "nlp-team",
        "inferenceService": "support-ticket-classifier-staging",
        "modelUri": "mlflow-artifacts:/1/abc/artifacts/model",
    }
    return {**base, **changes}


def answer_json(stand_in: StandIn, status: int, body: Any) -> None:
    stand_in.answer = (status, "application/json; charset=utf-8", json.dumps(body).encode())


def test_deploy_sends_the_request_and_answers_the_deployment(stand_in: StandIn) -> None:
    pending = deployment(environment="production", status="pending-approval", alias="champion")
    answer_json(stand_in, 202, {"deployment": pending})
    client = Client(stand_in.url, "t0k3n")
    got = client.deploy_model(
        "support-ticket-classifier", alias="champion", environment="production", replicas=2, gpus=1
    )
    assert got == pending and got["status"] == "pending-approval"
    seen = stand_in.seen[-1]
    assert (seen["method"], seen["path"]) == ("POST", "/api/deployments")
    assert seen["headers"]["Content-Type"] == "application/json"
    assert json.loads(seen["body"]) == {
        "model": "support-ticket-classifier",
        "alias": "champion",
        "environment": "production",
        "replicas": 2,
        "gpus": 1,
    }

    budget = {"reservationId": "r-1", "estimate": 372.5, "currency": "EUR", "hours": 149}
    answer_json(stand_in, 201, {"deployment": deployment(), "budget": budget})
    result = client.deploy("support-ticket-classifier", version=3)
    assert result["budget"] == budget
    assert json.loads(stand_in.seen[-1]["body"]) == {
        "model": "support-ticket-classifier",
        "version": "3",
        "environment": "staging",
        "replicas": 1,
        "gpus": 0,
    }


def test_sdk_checks_deploy_inputs_before_sending(stand_in: StandIn) -> None:
    client = Client(stand_in.url, "t0k3n")
    cases: List[Tuple[Dict[str, Any], str, str]] = [
        ({}, "version", r"^version: name exactly one of version \(such as 3\) or alias \(such as champion\)$"),
        ({"version": 3, "alias": "champion"}, "version", r"^version: name exactly one of"),
        ({"version": 0}, "version", r"^version: '0' is not a version number"),
        ({"alias": "champion!"}, "alias", r"^alias: 'champion!' is not an alias"),
        ({"version": 3, "environment": "prod"}, "environment", r"^environment: 'prod' is not an environment"),
        ({"version": 3, "replicas": 0}, "replicas", r"^replicas: must be at least 1"),
        ({"version": 3, "gpus": -1}, "gpus", r"^gpus: must be 0 or more GPUs per replica$"),
        ({"version": 3, "gpus": 1.5}, "gpus", r"^gpus: '1.5' is not a whole number"),
    ]
    for arguments, field, message in cases:
        with pytest.raises(InvalidInput, match=message) as caught:
            client.deploy_model("support-ticket-classifier", **arguments)
        assert caught.value.field == field and caught.value.exit_code == 2, arguments
    with pytest.raises(InvalidInput, match=r"^model: 'ticket classifier' is not a registered model name"):
        client.deploy_model("ticket classifier", version=3)
    with pytest.raises(InvalidInput, match=r"^model:"):
        client.deployments("")
    with pytest.raises(InvalidInput, match=r"^environment:"):
        client.rollback("support-ticket-classifier", "Production")
    with pytest.raises(InvalidInput, match=r"^id: '0b6c1a2f' is not a deployment id"):
        client.approve_deployment("0b6c1a2f")
    with pytest.raises(InvalidInput, match=r"^reason: is required"):
        client.reject_deployment(DEPLOYMENT_ID, " ")
    with pytest.raises(InvalidInput, match=r"^version: 'latest' is not a version number"):
        client.lineage("support-ticket-classifier", "latest")
    assert stand_in.seen == []


@pytest.mark.parametrize(
    "status, name, message, kind, field",
    [
        (
            400,
            "InputError",
            'model: MLflow has no registered model named "nope"; use the name shown on the model page',
            InvalidInput,
            "model",
        ),
        (400, "InputError", "alias: nope has no alias \"champion\"; its aliases are best", InvalidInput, "alias"),
        (400, "InputError", "Invalid deployment: replicas: must be a whole number", InvalidInput, "replicas"),
        (409, "ConflictError", "Over quota: nlp-team would use 10 of its 8 nvidia.com/gpu", Rejected, None),
        (403, "NotAllowedError", "nope belongs to vision-team; only its members deploy it", PermissionDenied, None),
        (404, "NotFoundError", "no model named nope in the registry or the catalog", NotFound, None),
        (503, "ServiceUnavailableError", "no MLflow server is configured (mlflow.servers)", MlpError, None),
    ],
)
def test_deploy_refusals_are_typed(
    stand_in: StandIn, mlp: RunMlp, status: int, name: str, message: str, kind: Type[MlpError], field: Any
) -> None:
    stand_in.backstage_error(status, name, message)
    with pytest.raises(kind) as caught:
        Client(stand_in.url, "t0k3n").deploy_model("nope", version=1)
    assert type(caught.value) is kind
    assert caught.value.status == status and caught.value.message == message
    assert getattr(caught.value, "field", None) == field
    login(stand_in.url)
    run = mlp("deploy", "nope", "--version", "1", "--env", "staging")
    assert run.code == 1
    assert run.err == f"mlp: error: {message}\n"
    assert run.out == ""


def test_deploy_cli_prints_the_wait_for_approval(stand_in: StandIn, mlp: RunMlp) -> None:
    answer_json(stand_in, 202, {"deployment": deployment(environment="production", status="pending-approval")})
    login(stand_in.url)
    run = mlp("deploy", "support-ticket-classifier", "--version", "3", "--env", "production",
              "--replicas", "2", "--gpu", "1")
    assert run.code == 0, run.err
    assert "waiting for approval by a platform keeper or the team's lead" in run.out
    assert DEPLOYMENT_ID in run.out and "2 replicas × 1 GPU" in run.out
    assert json.loads(stand_in.seen[-1]["body"])["replicas"] == 2


def test_deployments_rollback_approve_reject_lineage_audit(stand_in: StandIn, mlp: RunMlp) -> None:
    client = Client(stand_in.url, "t0k3n")
    model = {
        "model": "support-ticket-classifier", "team": "nlp-team", "deployments": [deployment()],
        "endpoints": [], "canApprove": False, "canDeploy": True, "maxReplicas": 4,
    }
    answer_json(stand_in, 200, model)
    assert client.deployments("support-ticket-classifier") == model
    assert stand_in.seen[-1]["path"] == "/api/deployments/models/support-ticket-classifier"
    login(stand_in.url)
    run = mlp("deployments", "support-ticket-classifier")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "Deployments of support-ticket-classifier (nlp-team)"
    assert any(line.startswith("0b6c1a2f  staging") for line in run.out.splitlines()), run.out

    answer_json(stand_in, 201, {"deployment": deployment(version="2", rollbackOf="x")})
    assert client.rollback("support-ticket-classifier", "staging")["version"] == "2"
    seen = stand_in.seen[-1]
    assert (seen["method"], seen["path"]) == ("POST", "/api/deployments/models/support-ticket-classifier/rollback")
    assert json.loads(seen["body"]) == {"environment": "staging"}

    stand_in.backstage_error(
        409, "ConflictError", "environment: support-ticket-classifier serves nothing in production, so there is nothing to roll back"
    )
    with pytest.raises(Rejected, match="nothing to roll back"):
        client.rollback("support-ticket-classifier", "production")
    run = mlp("rollback", "support-ticket-classifier", "--env", "production")
    assert run.code == 1 and "nothing to roll back" in run.err

    answer_json(stand_in, 200, {"deployment": deployment(environment="production")})
    assert client.approve_deployment(DEPLOYMENT_ID.upper())["status"] == "live"
    seen = stand_in.seen[-1]
    assert (seen["method"], seen["path"]) == ("POST", f"/api/deployments/{DEPLOYMENT_ID}/approve")
    run = mlp("approve", DEPLOYMENT_ID)
    assert run.code == 0 and run.out.startswith("Approved: support-ticket-classifier version 3 in production")

    stand_in.backstage_error(
        403, "NotAllowedError", "you requested this deploy, so you cannot approve it: a platform keeper or nlp-team's lead does"
    )
    with pytest.raises(PermissionDenied, match="you cannot approve it"):
        client.approve_deployment(DEPLOYMENT_ID)
    run = mlp("approve", DEPLOYMENT_ID)
    assert run.code == 1 and run.err.startswith("mlp: error: you requested this deploy")

    rejected = deployment(environment="production", status="rejected", reason="not before the release")
    answer_json(stand_in, 200, {"deployment": rejected})
    assert client.reject_deployment(DEPLOYMENT_ID, " not before the release ") == rejected
    seen = stand_in.seen[-1]
    assert (seen["method"], seen["path"]) == ("POST", f"/api/deployments/{DEPLOYMENT_ID}/reject")
    assert json.loads(seen["body"]) == {"reason": "not before the release"}

    lineage = {"model": "support-ticket-classifier", "version": "3", "modelUri": "m", "deployments": []}
    answer_json(stand_in, 200, lineage)
    assert client.lineage("support-ticket-classifier", 3) == lineage
    assert stand_in.seen[-1]["path"] == "/api/deployments/models/support-ticket-classifier/lineage?version=3"
    client.lineage("support-ticket-classifier")
    assert stand_in.seen[-1]["path"] == "/api/deployments/models/support-ticket-classifier/lineage"

    answer_json(stand_in, 200, {"events": [{"id": 1, "action": "deployed"}]})
    assert client.deployment_audit("support-ticket-classifier") == [{"id": 1, "action": "deployed"}]
    assert stand_in.seen[-1]["path"] == "/api/deployments/models/support-ticket-classifier/audit"
