"""The CLI and SDK against the REAL portal backend.

Needs MLP_TEST_PORTAL_URL (e.g. http://localhost:7107) and MLP_TEST_TOKEN (a
user's token, e.g. the guest's: amira.haddad of nlp-team). Without them every
test here FAILS: run the offline tests alone with ``-m 'not portal'``.

Expected figures are read straight from the portal's APIs with urllib, not
through the SDK under test.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Optional

import pytest

from mlp import Client, InvalidInput, config
from tests.conftest import Run, RunMlp

pytestmark = pytest.mark.portal

TEAM = "nlp-team"
GPU = "nvidia.com/gpu"
PHASES = {"Pending", "Running", "Succeeded", "Failed", "Error"}


@dataclass
class Portal:
    url: str
    token: str


def portal() -> Portal:
    url = os.environ.get("MLP_TEST_PORTAL_URL", "").strip()
    token = os.environ.get("MLP_TEST_TOKEN", "").strip()
    if not url or not token:
        pytest.fail(
            "the portal tests need MLP_TEST_PORTAL_URL (e.g. http://localhost:7107) and "
            "MLP_TEST_TOKEN (a user's token, e.g. the guest's from /api/auth/guest/refresh) "
            "in the environment; to run only the offline tests, add -m 'not portal'",
            pytrace=False,
        )
    return Portal(url.rstrip("/"), token)


def api(p: Portal, path: str, **query: str) -> Any:
    """GET a portal API directly (not through the SDK under test)."""
    target = p.url + path + ("?" + urllib.parse.urlencode(query) if query else "")
    request = urllib.request.Request(target, headers={"Authorization": f"Bearer {p.token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def logged_in(mlp: RunMlp) -> Portal:
    p = portal()
    run = mlp("login", "--url", p.url, "--token", p.token)
    assert run.code == 0, run.err
    return p


def one_line_error(run: Run) -> str:
    assert run.err.count("\n") == 1 and run.err.startswith("mlp: error: "), repr(run.err)
    return run.err[len("mlp: error: ") :].strip()


def rows(text: str) -> List[List[str]]:
    return [line.split() for line in text.splitlines()]


def month_bounds(month: str) -> tuple[str, str]:
    year, mon = (int(x) for x in month.split("-"))
    end = date(year + 1, 1, 1) if mon == 12 else date(year, mon + 1, 1)
    return date(year, mon, 1).isoformat(), end.isoformat()


def test_login_then_quota(mlp: RunMlp) -> None:
    p = portal()
    me = api(p, "/api/gpu-quota/me")
    assert TEAM in me["teams"], f"the test user {me['userEntityRef']} must be in {TEAM}"

    run = mlp("login", "--url", p.url, "--token", p.token)
    assert run.code == 0, run.err
    assert run.out == f"Logged in to {p.url} as {me['userEntityRef']} (teams: {', '.join(me['teams'])})\n"
    stored = config.config_path()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert config.load() == config.Login(p.url, p.token, me["userEntityRef"], me["teams"])

    teams_to_try: List[Optional[str]] = [TEAM] + ([None] if len(me["teams"]) == 1 else [])
    for team in teams_to_try:
        before = api(p, f"/api/gpu-quota/teams/{TEAM}")
        run = mlp("quota", *(["--team", team] if team else []))
        after = api(p, f"/api/gpu-quota/teams/{TEAM}")
        assert run.code == 0, run.err
        assert before["status"] == "ok", before
        shown = [row for row in rows(run.out) if row and row[0] == GPU]
        assert len(shown) == 1, run.out
        figures = [float(cell) for cell in shown[0][1:4]]
        expected = [
            [float(r["hard"]), float(r["used"]), float(r["available"])]
            for answer in (before, after)
            for r in answer["quota"]["resources"]
            if r["resource"] == GPU
        ]
        assert figures in expected, f"{run.out}\nportal: {expected}"
        resource = next(r for r in before["quota"]["resources"] if r["resource"] == GPU)
        if "maxPerJob" in resource:
            assert float(shown[0][4]) == float(resource["maxPerJob"]), run.out
        else:
            assert shown[0][4] == "-", run.out


def test_quota_of_a_team_without_one(mlp: RunMlp) -> None:
    logged_in(mlp)
    run = mlp("quota", "--team", "no-such-team-xyz")
    assert run.code == 1
    assert "no GPU quota" in one_line_error(run)


def test_cost_totals_equal_the_summary(mlp: RunMlp) -> None:
    p = logged_in(mlp)
    month = datetime.now(timezone.utc).strftime("%Y-%m")
    start, end = month_bounds(month)
    before = api(p, f"/api/cost/teams/{TEAM}/summary", **{"from": start, "to": end})
    run = mlp("cost", "--team", TEAM)
    after = api(p, f"/api/cost/teams/{TEAM}/summary", **{"from": start, "to": end})
    assert run.code == 0, run.err
    hours = re.search(r"^GPU-hours:\s+(\S+)$", run.out, re.M)
    cost = re.search(r"^Cost:\s+(\S+) ([A-Z]{3})$", run.out, re.M)
    assert hours and cost, run.out
    assert hours.group(1) in {f"{s['gpuHours']:.2f}" for s in (before, after)}
    assert cost.group(1) in {f"{s['cost']:.2f}" for s in (before, after)}
    assert cost.group(2) == before["currency"]

    status = api(p, f"/api/cost/teams/{TEAM}/budget-status")
    if "budget" in status:
        assert re.search(rf"^Budget:\s+{status['budget']:.2f} {status['currency']}$", run.out, re.M), run.out
        assert re.search(r"^Remaining:\s+\S+ [A-Z]{3}$", run.out, re.M), run.out
    else:
        assert re.search(rf"^Budget:\s+none set for {status['month']}$", run.out, re.M), run.out

    # A past month: its totals, and no budget (the portal keeps this month's only).
    previous = (date.fromisoformat(start) - timedelta(days=1)).strftime("%Y-%m")
    p_start, p_end = month_bounds(previous)
    summary = api(p, f"/api/cost/teams/{TEAM}/summary", **{"from": p_start, "to": p_end})
    run = mlp("cost", "--team", TEAM, "--month", previous)
    assert run.code == 0, run.err
    assert f"GPU-hours: {summary['gpuHours']:.2f}" in run.out
    assert "Budget" not in run.out


def test_sdk_reads_what_the_apis_answer() -> None:
    p = portal()
    client = Client(p.url, p.token)
    assert client.me() == api(p, "/api/gpu-quota/me")
    quota = client.team_quota(TEAM)
    assert quota["status"] == "ok"
    month = datetime.now(timezone.utc).strftime("%Y-%m")
    start, end = month_bounds(month)
    summary = client.team_cost(TEAM)
    assert (summary["from"], summary["to"], summary["team"]) == (start, end, TEAM)
    status = client.budget_status(TEAM)
    assert status["month"] == month and status.get("budget") == api(
        p, f"/api/cost/teams/{TEAM}/budget-status"
    ).get("budget")


def test_train_status_jobs_cancel(mlp: RunMlp) -> None:
    p = logged_in(mlp)
    run = mlp(
        "train", "--team", TEAM, "--name", "mlp-cli-e2e", "--image", "ml-training:latest",
        "--script", "train.py", "--gpu", "1", "--memory", "1Gi", "--timeout-hours", "1",
        "--", "--epochs", "1",
    )
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) == 4, run.out
    submitted = re.fullmatch(rf"Submitted job (mlp-cli-e2e-[a-z0-9-]+) to {TEAM}\.", lines[0])
    assert submitted, lines[0]
    job_id = submitted.group(1)
    cancelled = False
    try:
        quota = re.fullmatch(r"GPU quota: (\d+)/(\d+) \((\d+)% of team allocation\)", lines[1])
        assert quota, lines[1]
        used, hard, pct = (int(x) for x in quota.groups())
        assert used >= 1 and pct == math.floor(used / hard * 100 + 0.5)
        assert re.fullmatch(
            r"Estimated cost: \d+\.\d\d [A-Z]{3} for up to 1 h; "
            rf"(budget left after it: -?\d+\.\d\d of \d+\.\d\d [A-Z]{{3}} \(\d{{4}}-\d\d\)"
            rf"|{TEAM} has no budget for \d{{4}}-\d\d)",
            lines[2],
        ), lines[2]
        assert lines[3] == f"Follow it: mlp status {job_id} · mlp logs {job_id}"

        for argv in (["jobs", "--team", TEAM], ["jobs"]):
            run = mlp(*argv)
            assert run.code == 0, run.err
            assert rows(run.out)[0] == ["ID", "PHASE", "GPUS", "RUNTIME", "COST", "SUBMITTED"]
            listed = [row for row in rows(run.out) if row and row[0] == job_id]
            assert len(listed) == 1, run.out
            assert listed[0][1] in PHASES and listed[0][2] == "1"

        run = mlp("status", job_id)
        assert run.code == 0, run.err
        assert re.search(rf"^Job:\s+{job_id} \({TEAM}\)$", run.out, re.M), run.out
        phase = re.search(r"^Phase:\s+(\S+)$", run.out, re.M)
        assert phase and phase.group(1) in PHASES, run.out
        assert re.search(r"^GPUs:\s+1 × \S+ · memory 1Gi", run.out, re.M), run.out
        assert re.search(r"^Runtime:\s+\d+:\d\d:\d\d \(timeout 1 h\)$", run.out, re.M), run.out
        for label in ("Cost so far", "Estimated", "MLflow", "Submitted"):
            assert re.search(rf"^{label}:\s+\S", run.out, re.M), run.out

        job = Client(p.url, p.token).job(job_id)
        assert (job["gpus"], job["memory"], job["team"], job["image"]) == (1, "1Gi", TEAM, "ml-training:latest")

        run = mlp("cancel", job_id)
        assert run.code == 0, run.err
        assert run.out == f"Cancelled {job_id} (its reservation is released)\n"
        cancelled = True

        run = mlp("status", job_id)
        assert run.code == 1, run.out
        message = one_line_error(run)
        assert "not found" in message.lower() or job_id in message, message
    finally:
        if not cancelled:
            mlp("cancel", job_id)


def _status_field(run: Run, label: str) -> Optional[str]:
    found = re.search(rf"^{label}:\s+(.+)$", run.out, re.M)
    return found.group(1) if found else None


def test_train_runs_on_a_gpu_node_and_bills_its_runtime(mlp: RunMlp) -> None:
    """On the local cluster the job really runs: scheduled on a simulated GPU node, ended by KWOK."""
    p = logged_in(mlp)
    # A project of this run's own: the cluster (and its pods' ledger lines) outlive a test run.
    project = f"mlp-cli-live-{os.urandom(3).hex()}"
    run = mlp(
        "train", "--team", TEAM, "--name", "mlp-cli-live", "--image", "ml-training:latest",
        "--script", "train.py", "--gpu", "2", "--memory", "1Gi", "--timeout-hours", "1",
        "--project", project, "--simulate-runtime", "15s",
    )
    assert run.code == 0, run.err
    job_id = re.match(r"Submitted job (\S+) to", run.out).group(1)  # type: ignore[union-attr]
    seen = set()
    deadline = datetime.now() + timedelta(seconds=90)
    while datetime.now() < deadline:
        run = mlp("status", job_id)
        assert run.code == 0, run.err
        phase = _status_field(run, "Phase")
        seen.add(phase)
        if phase == "Running":
            assert re.fullmatch(r"gpu-[a-z0-9-]+", _status_field(run, "Node") or ""), run.out
        if phase == "Succeeded":
            break
        time.sleep(1)
    assert phase == "Succeeded", run.out
    assert "Running" in seen, seen
    assert _status_field(run, "Exit code") == "0", run.out
    assert _status_field(run, "Finished"), run.out

    job = Client(p.url, p.token).job(job_id)
    assert 15 <= job["runtimeSeconds"] <= 17, job
    # What the job says it cost is what the ledger bills: 2 GPUs × its runtime × the rate.
    today = date.today().isoformat()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for _ in range(30):
        summary = api(p, f"/api/cost/teams/{TEAM}/summary", **{"from": today, "to": tomorrow})
        line = next((l for l in summary["byProject"] if l["key"] == project), None)
        if line and abs(line["cost"] - job["costSoFar"]) < 0.005:
            break
        time.sleep(1)
    assert line and abs(line["cost"] - job["costSoFar"]) < 0.005, (line, job)
    assert job["costSoFar"] > 0


def test_train_more_gpus_than_allowed(mlp: RunMlp) -> None:
    p = logged_in(mlp)
    run = mlp(
        "train", "--team", TEAM, "--name", "mlp-cli-too-big", "--image", "ml-training:latest",
        "--script", "train.py", "--gpu", "999", "--memory", "1Gi", "--timeout-hours", "1",
    )
    assert run.code == 1, run.out
    assert "gpu" in one_line_error(run).lower()
    jobs = api(p, "/api/jobs", team=TEAM)["jobs"]
    assert not [job for job in jobs if job["name"] == "mlp-cli-too-big"]


def test_bad_token(mlp: RunMlp, monkeypatch: pytest.MonkeyPatch) -> None:
    p = portal()
    run = mlp("login", "--url", p.url, "--token", "not-a-valid-token")
    assert run.code == 3
    assert "refused" in one_line_error(run)
    assert config.load() is None

    logged_in(mlp)
    monkeypatch.setenv("MLP_TOKEN", "not-a-valid-token")
    run = mlp("quota", "--team", TEAM)
    assert run.code == 3
    assert run.err == "mlp: error: the portal refused your token (it may have expired): run mlp login\n"


def test_sdk_asks_for_more_gpus_and_the_request_is_pending() -> None:
    p = portal()
    client = Client(p.url, p.token)
    hard = next(
        r["hard"] for r in client.team_quota(TEAM)["quota"]["resources"] if r["resource"] == GPU
    )
    made = client.request_quota_increase(
        TEAM, total_gpus=hard + 1, justification="One more GPU for the CLI test run", days=1
    )
    try:
        assert made["status"] == "pending"
        pending = api(p, "/api/gpu-quota/requests", team=TEAM, status="pending")["requests"]
        listed = [r for r in pending if r["id"] == made["id"]]
        assert listed and listed[0]["requestedAmount"] == hard + 1, pending
    finally:
        # Withdrawn again, so the other tests see the team's requests as they were.
        request = urllib.request.Request(
            f"{p.url}/api/gpu-quota/requests/{made['id']}/cancel",
            data=b"{}",
            method="POST",
            headers={"Authorization": f"Bearer {p.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200


def test_metrics_are_for_keepers_only(mlp: RunMlp) -> None:
    # The test user is a data scientist: the portal refuses, and mlp says its words.
    logged_in(mlp)
    run = mlp("metrics", "--days", "7")
    assert run.code == 1
    assert one_line_error(run) == (
        "Only platform keepers see the platform metrics (permission platform-metrics.read)"
    )


DEMO_MODEL = "support-ticket-classifier"


def test_deploy_an_unknown_model(mlp: RunMlp) -> None:
    # MLflow (the e2e's local one) has no such registered model: refused before anything is made.
    p = logged_in(mlp)
    model = f"mlp-cli-no-such-model-{os.urandom(3).hex()}"
    run = mlp("deploy", model, "--version", "1", "--env", "staging")
    assert run.code == 1, run.out
    message = one_line_error(run)
    assert message.startswith("model: ") and model in message, message
    assert run.out == ""

    with pytest.raises(InvalidInput) as caught:
        Client(p.url, p.token).deploy_model(model, version=1)
    assert caught.value.status == 400 and caught.value.field == "model"


def test_deployments_of_a_demo_model(mlp: RunMlp) -> None:
    p = logged_in(mlp)
    before = api(p, f"/api/deployments/models/{DEMO_MODEL}")
    run = mlp("deployments", DEMO_MODEL)
    after = api(p, f"/api/deployments/models/{DEMO_MODEL}")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == f"Deployments of {DEMO_MODEL} ({before['team']})", run.out

    if before["endpoints"]:
        assert rows(run.out)[2] == ["ENV", "READY", "VERSION", "URL"], run.out
        shown = {row[0]: row for row in rows(run.out)[3 : 3 + len(before["endpoints"])]}
        assert set(shown) == {e["environment"] for e in before["endpoints"]}, run.out
        for env, row in shown.items():
            expected = [
                ["-", "-", "not", "deployed"]
                if not e["exists"]
                else [f"{e['readyReplicas']}/{e['replicas']}", e.get("versionServed", "-"), e.get("url") or "-"]
                for answer in (before, after)
                for e in answer["endpoints"]
                if e["environment"] == env
            ]
            assert row[1:] in expected, f"{run.out}\nportal: {expected}"
    else:
        assert "Endpoints: unknown" in run.out, run.out

    ids = {d["id"][:8] for answer in (before, after) for d in answer["deployments"]}
    listed = [row[0] for row in rows(run.out) if row and re.fullmatch(r"[0-9a-f]{8}", row[0])]
    if before["deployments"] or after["deployments"]:
        assert listed and set(listed) <= ids, run.out
        assert len(listed) in {len(before["deployments"]), len(after["deployments"])}, run.out
    else:
        assert f"No deployments yet: mlp deploy {DEMO_MODEL}" in run.out

    # The SDK answers what the API does.
    answer = Client(p.url, p.token).deployments(DEMO_MODEL)
    assert answer["model"] == DEMO_MODEL and answer["team"] == before["team"]
    assert answer["canDeploy"] == before["canDeploy"]


def test_deployments_of_an_unknown_model(mlp: RunMlp) -> None:
    logged_in(mlp)
    model = f"mlp-cli-no-such-model-{os.urandom(3).hex()}"
    run = mlp("deployments", model)
    assert run.code == 1, run.out
    assert model in one_line_error(run)
