"""What the CLI prints, from answers shaped like the portal's."""

from __future__ import annotations

from mlp import format as fmt
from mlp.models import (
    BudgetStatus,
    CostSummary,
    Deployment,
    DeployResult,
    Endpoint,
    Job,
    ModelDeployments,
    PlatformMetrics,
    QuotaOk,
    SubmittedJob,
)

JOB: Job = {
    "id": "bert-finetuning-x7k2p",
    "name": "bert-finetuning",
    "team": "nlp-team",
    "phase": "Running",
    "image": "ml-training:latest",
    "script": "train.py",
    "gpus": 1,
    "gpuResource": "nvidia.com/gpu",
    "memory": "16Gi",
    "cpu": "4",
    "timeoutHours": 24,
    "retries": 0,
    "submittedBy": "user:default/amira.haddad",
    "createdAt": "2026-11-23T06:15:56.505Z",
    "startedAt": "2026-11-23T06:16:10Z",
    "runtimeSeconds": 3723.9,
    "costSoFar": 2.5,
    "estimatedCost": 60,
    "currency": "EUR",
    "mlflow": {"experiment": "bert-finetuning", "url": "http://mlflow/#/experiments/3"},
    "pods": ["bert-finetuning-x7k2p-1"],
}


def submitted(budget: bool) -> SubmittedJob:
    result: SubmittedJob = {
        "job": JOB,
        "quota": {"resource": "nvidia.com/gpu", "hard": 8, "usedAfter": 3},
        "budget": {"reservationId": "r-1", "estimate": 60, "currency": "EUR", "month": "2026-11"},
    }
    if budget:
        result["budget"]["budget"] = 1000
        result["budget"]["remaining"] = 940
    return result


def test_table_pads_and_aligns() -> None:
    text = fmt.table(["NAME", "N"], [["a", 1], ["long-name", 22]], right={1})
    assert text == "NAME        N\na           1\nlong-name  22"


def test_key_values() -> None:
    assert fmt.key_values([("Phase", "Running"), ("Cost so far", "1.00 EUR")]) == (
        "Phase:       Running\nCost so far: 1.00 EUR"
    )


def test_small_formats() -> None:
    assert fmt.duration(3723.9) == "1:02:03"
    assert fmt.duration(90061) == "25:01:01"
    assert fmt.percent(3, 8) == 38
    assert fmt.percent(1, 8) == 13  # half up, as in the portal
    assert fmt.percent(1, 0) == 0
    assert fmt.money(60, "EUR") == "60.00 EUR"
    assert fmt.number(8.0) == "8" and fmt.number(1.5) == "1.5"
    assert fmt.timestamp("2026-11-23T06:15:56.505Z") == "2026-11-23 06:15 UTC"
    assert fmt.timestamp("yesterday") == "yesterday"


def test_submitted_with_a_budget() -> None:
    assert fmt.submitted_report(submitted(budget=True)).splitlines() == [
        "Submitted job bert-finetuning-x7k2p to nlp-team.",
        "GPU quota: 3/8 (38% of team allocation)",
        "Estimated cost: 60.00 EUR for up to 24 h; budget left after it: 940.00 of 1000.00 EUR (2026-11)",
        "Follow it: mlp status bert-finetuning-x7k2p · mlp logs bert-finetuning-x7k2p",
    ]


def test_submitted_without_a_budget() -> None:
    lines = fmt.submitted_report(submitted(budget=False)).splitlines()
    assert lines[2] == "Estimated cost: 60.00 EUR for up to 24 h; nlp-team has no budget for 2026-11"


def test_quota_report() -> None:
    answer: QuotaOk = {
        "status": "ok",
        "fetchedAt": "2026-11-23T06:15:56.505Z",
        "maxAgeSeconds": 1,
        "quota": {
            "team": "nlp-team",
            "namespace": "nlp-team",
            "resources": [
                {"resource": "nvidia.com/gpu", "hard": 8, "used": 4, "available": 4, "maxPerJob": 4},
                {"resource": "nvidia.com/mig-1g.10gb", "hard": 2, "used": 0, "available": 2},
            ],
            "workloads": [
                {"pod": "bert-finetuning-0", "gpus": {"nvidia.com/gpu": 2}, "phase": "Running",
                 "since": "2026-11-22T20:23:28Z"},
            ],
            "pressure": 0.5,
        },
    }
    lines = fmt.quota_report(answer).splitlines()
    assert lines[0] == "GPU quota of nlp-team (namespace nlp-team)"
    assert lines[2].split() == ["RESOURCE", "QUOTA", "IN", "USE", "FREE", "MAX", "PER", "JOB"]
    assert lines[3].split() == ["nvidia.com/gpu", "8", "4", "4", "4"]
    assert lines[4].split() == ["nvidia.com/mig-1g.10gb", "2", "0", "2", "-"]
    assert lines[6].split() == ["POD", "GPUS", "PHASE", "SINCE"]
    assert lines[7].split() == ["bert-finetuning-0", "2", "Running", "2026-11-22", "20:23", "UTC"]


def test_cost_report() -> None:
    summary: CostSummary = {
        "team": "nlp-team", "from": "2026-11-01", "to": "2026-12-01", "currency": "EUR",
        "gpuHours": 12.5, "cost": 31.25, "daily": [],
        "byProject": [{"key": "ticket-triage", "gpuHours": 12.5, "cost": 31.25}],
        "byModel": [], "byUser": [], "byGpuType": [], "byComputeResource": [],
    }
    budget: BudgetStatus = {
        "team": "nlp-team", "month": "2026-11", "currency": "EUR", "budget": 1000,
        "spent": 31.25, "reserved": 60, "remaining": 908.75, "alerts": [],
    }
    text = fmt.cost_report(summary, "2026-11", budget)
    assert "GPU-hours: 12.50" in text
    assert "Cost:      31.25 EUR" in text
    assert "Remaining: 908.75 EUR" in text
    assert ["ticket-triage", "12.50", "31.25", "EUR"] in [line.split() for line in text.splitlines()]
    assert "USER: no GPU use" in text
    no_budget: BudgetStatus = {"team": "nlp-team", "month": "2026-11", "currency": "EUR",
                               "spent": 0, "reserved": 0, "alerts": []}
    assert "Budget:    none set for 2026-11" in fmt.cost_report(summary, "2026-11", no_budget)
    assert "Budget" not in fmt.cost_report(summary, "2026-11", None)


def test_cost_report_with_utilization() -> None:
    util = {"averagePercent": 42.46, "peakPercent": 95, "measuredGpuHours": 12.5,
            "idleGpuHours": 1.25, "idleCost": 3.13}
    summary: CostSummary = {
        "team": "nlp-team", "from": "2026-11-01", "to": "2026-12-01", "currency": "EUR",
        "gpuHours": 12.5, "cost": 31.25, "daily": [],
        "byProject": [{"key": "ticket-triage", "gpuHours": 12.5, "cost": 31.25, "utilization": util},
                      {"key": "unmeasured", "gpuHours": 1, "cost": 2.5}],
        "byModel": [], "byUser": [], "byGpuType": [], "byComputeResource": [],
        "utilization": util,
        "utilizationSource": {"state": "measured", "idleBelowPercent": 10, "resolutionSeconds": 60},
    }
    lines = fmt.cost_report(summary, "2026-11").splitlines()
    assert "GPU utilization: avg 42 %, peak 95 %; idle 1.25 GPU-h (3.13 EUR)" in lines
    header = next(i for i, line in enumerate(lines) if line.startswith("PROJECT"))
    assert lines[header].split() == ["PROJECT", "GPU-HOURS", "COST", "AVG", "UTIL", "IDLE", "GPU-H", "IDLE", "COST"]
    assert lines[header + 1].split() == ["ticket-triage", "12.50", "31.25", "EUR", "42", "%", "1.25", "3.13", "EUR"]
    assert lines[header + 2].split() == ["unmeasured", "1.00", "2.50", "EUR", "-", "-", "-"]
    down: CostSummary = {**summary, "utilizationSource": {  # type: ignore[typeddict-item]
        "state": "unavailable", "message": "Prometheus at http://p:9090 did not answer"}}
    del down["utilization"]
    text = fmt.cost_report(down, "2026-11")
    assert "GPU utilization: unknown: Prometheus at http://p:9090 did not answer" in text
    assert "AVG UTIL" not in text


def test_job_report_with_utilization() -> None:
    report = fmt.job_report({**JOB, "utilization": {  # type: ignore[typeddict-item]
        "averagePercent": 4.5, "peakPercent": 6, "measuredGpuHours": 2, "idleGpuHours": 2, "idleCost": 5}})
    assert "GPU utilization: avg 4.5 %, peak 6 %; idle 2.00 GPU-h (5.00 EUR)" in report
    unknown = fmt.job_report({**JOB, "utilizationSource": {"state": "not-configured"}})  # type: ignore[typeddict-item]
    assert "GPU utilization: not measured (the portal has no Prometheus configured)" in unknown


def test_job_report_and_table() -> None:
    report = fmt.job_report({**JOB, "message": "pod pending"})
    assert "Phase:       Running" in report
    assert "Message:     pod pending" in report
    assert "GPUs:        1 × nvidia.com/gpu · memory 16Gi · cpu 4" in report
    assert "Runtime:     1:02:03 (timeout 24 h)" in report
    assert "Cost so far: 2.50 EUR" in report
    assert "Estimated:   60.00 EUR" in report
    assert "MLflow:      bert-finetuning · http://mlflow/#/experiments/3" in report
    assert "MLflow run" not in report
    with_run = fmt.job_report({**JOB, "mlflow": {**JOB["mlflow"], "runId": "ab" * 16}})
    assert f"MLflow run:  {'ab' * 16}" in with_run
    assert "Submitted:   by user:default/amira.haddad at 2026-11-23 06:15 UTC" in report
    table = fmt.jobs_table([JOB]).splitlines()
    assert table[0].split() == ["ID", "PHASE", "GPUS", "RUNTIME", "COST", "SUBMITTED"]
    assert table[1].split() == [
        "bert-finetuning-x7k2p", "Running", "1", "1:02:03", "2.50", "EUR", "2026-11-23", "06:15", "UTC"
    ]
    assert fmt.jobs_table([]) == "No jobs."


def test_metrics_report() -> None:
    figures = {
        "submitted": 3,
        "succeeded": 2,
        "failed": 1,
        "cancelled": 0,
        "unfinished": 0,
        "uniqueUsers": 2,
        "gpuHours": 1.5,
        "averageRuntimeSeconds": 1800,
        "averageQueueWaitSeconds": 42,
        "medianQueueWaitSeconds": 30,
    }
    metrics: PlatformMetrics = {
        "days": 7,
        "from": "2026-11-30T12:00:00.000Z",
        "to": "2026-12-07T12:00:00.000Z",
        "overall": {**figures, "members": 4, "adopters": 2, "adoptionRate": 0.5, "medianTimeToFirstJobSeconds": 1500},  # type: ignore[typeddict-item]
        "teams": [{**figures, "team": "nlp-team", "members": 4, "adopters": 2, "adoptionRate": 0.5}],  # type: ignore[typeddict-item]
        "weeks": [{**figures, "week": "2026-11-30"}],  # type: ignore[typeddict-item]
        "newUsers": [
            {"userEntityRef": "user:default/li.wei", "firstSignInAt": "2026-12-01T09:00:00Z"},
        ],
    }
    text = fmt.metrics_report(metrics)
    assert text.splitlines()[0] == (
        "Platform metrics, the last 7 days (2026-11-30 12:00 UTC to 2026-12-07 12:00 UTC)"
    )
    assert "Queue wait:          0:00:42 (median 0:00:30)" in text
    assert "Adoption:            2 of 4 (50 %)" in text
    assert "Time to first job:   0:25:00 (median)" in text
    assert "Workspaces used:     -" in text
    metrics["overall"] = {**metrics["overall"], "workspacesUsed": 4, "workspaceUsers": 1}  # type: ignore[typeddict-item]
    assert "Workspaces used:     4 by 1 person" in fmt.metrics_report(metrics)
    assert "nlp-team          3          2       1      2        1.5  0:00:42 (median 0:00:30)  2 of 4 (50 %)" in text
    assert "user:default/li.wei  2026-12-01 09:00 UTC  no job ran yet" in text


DEPLOYMENT: Deployment = {
    "id": "0b6c1a2f-5d3e-4c7a-9f10-2a4b6c8d0e1f",
    "model": "support-ticket-classifier",
    "environment": "staging",
    "team": "nlp-team",
    "version": "3",
    "alias": "champion",
    "replicas": 2,
    "gpus": 1,
    "status": "live",
    "requestedBy": "user:default/amira.haddad",
    "requestedAt": "2026-11-23T06:15:56.505Z",
    "decidedBy": "user:default/amira.haddad",
    "decidedAt": "2026-11-23T06:15:57Z",
    "namespace": "nlp-team",
    "inferenceService": "support-ticket-classifier-staging",
    "modelUri": "mlflow-artifacts:/1/abc/artifacts/model",
}

PENDING: Deployment = {
    **DEPLOYMENT,  # type: ignore[typeddict-item]
    "id": "9f8e7d6c-5b4a-4321-8fed-cba987654321",
    "environment": "production",
    "status": "pending-approval",
    "requestedAt": "2026-11-23T07:00:00Z",
}


def test_deployed_to_staging_with_a_budget() -> None:
    result: DeployResult = {
        "deployment": DEPLOYMENT,
        "budget": {"reservationId": "r-1", "estimate": 372.5, "currency": "EUR", "hours": 149},
    }
    assert fmt.deployed_report(result).splitlines() == [
        "Deployed support-ticket-classifier version 3 (alias champion) to staging.",
        "Replicas: 2 replicas × 1 GPU",
        "Status:   live",
        "Id:       0b6c1a2f-5d3e-4c7a-9f10-2a4b6c8d0e1f",
        "Budget:   372.50 EUR reserved for the 149 h left in the month",
        "See it: mlp deployments support-ticket-classifier",
    ]


def test_deployed_to_staging_without_gpus() -> None:
    cpu_only: Deployment = {**DEPLOYMENT, "replicas": 1, "gpus": 0}  # type: ignore[typeddict-item]
    del cpu_only["alias"]
    report = fmt.deployed_report({"deployment": cpu_only})
    assert report.splitlines()[:2] == [
        "Deployed support-ticket-classifier version 3 to staging.",
        "Replicas: 1 replica × 0 GPUs",
    ]
    assert "Budget" not in report


def test_deployed_to_production_waits_for_approval() -> None:
    assert fmt.deployed_report({"deployment": PENDING}).splitlines() == [
        "Asked to deploy support-ticket-classifier version 3 (alias champion) to production.",
        "Replicas: 2 replicas × 1 GPU",
        "Status:   pending-approval: waiting for approval by a platform keeper or the team's lead (nlp-team)",
        "Id:       9f8e7d6c-5b4a-4321-8fed-cba987654321",
        "The approver runs: mlp approve 9f8e7d6c-5b4a-4321-8fed-cba987654321 "
        "(you cannot approve your own deploy)",
    ]


def endpoint(environment: str, **changes: object) -> Endpoint:
    base: Endpoint = {
        "environment": environment,  # type: ignore[typeddict-item]
        "namespace": "nlp-team",
        "inferenceService": f"support-ticket-classifier-{environment}",
        "exists": True,
        "ready": True,
        "replicas": 2,
        "readyReplicas": 2,
        "pods": [],
    }
    return {**base, **changes}  # type: ignore[typeddict-item]


def model_deployments(can_approve: bool) -> ModelDeployments:
    return {
        "model": "support-ticket-classifier",
        "team": "nlp-team",
        "deployments": [PENDING, DEPLOYMENT],
        "endpoints": [
            endpoint(
                "staging",
                readyReplicas=1,
                ready=False,
                versionServed="3",
                url="http://support-ticket-classifier-staging.nlp-team.example.com",
                message="Revision is not ready",
            ),
            endpoint("production", exists=False, ready=False, replicas=0, readyReplicas=0),
        ],
        "canApprove": can_approve,
        "canDeploy": True,
        "maxReplicas": 4,
    }


def test_deployments_report() -> None:
    lines = fmt.deployments_report(model_deployments(can_approve=False)).splitlines()
    assert lines[0] == "Deployments of support-ticket-classifier (nlp-team)"
    assert lines[2].split() == ["ENV", "READY", "VERSION", "URL"]
    assert lines[3].split() == [
        "staging", "1/2", "3", "http://support-ticket-classifier-staging.nlp-team.example.com"
    ]
    assert lines[4].split() == ["production", "-", "-", "not", "deployed"]
    assert lines[5] == "staging is not ready: Revision is not ready"
    assert lines[7].split() == ["ID", "ENV", "VERSION", "REPLICAS", "STATUS", "REQUESTED", "BY", "WHEN"]
    assert lines[8].split() == [
        "9f8e7d6c", "production", "3", "(champion)", "2", "×", "1", "GPU", "pending-approval",
        "user:default/amira.haddad", "2026-11-23", "07:00", "UTC",
    ]
    assert lines[9].split()[:5] == ["0b6c1a2f", "staging", "3", "(champion)", "2"]
    assert lines[11:] == [
        "Waiting for approval by a platform keeper or the team's lead:",
        "  9f8e7d6c-5b4a-4321-8fed-cba987654321  production version 3 (alias champion)",
    ]
    approver = fmt.deployments_report(model_deployments(can_approve=True)).splitlines()
    assert approver[11] == "Waiting for your approval (mlp approve ID, or mlp reject ID --reason TEXT):"


def test_deployments_report_of_a_model_never_deployed() -> None:
    answer: ModelDeployments = {
        "model": "ticket-urgency",
        "deployments": [],
        "endpoints": [],
        "canApprove": False,
        "canDeploy": False,
    }
    assert fmt.deployments_report(answer).splitlines() == [
        "Deployments of ticket-urgency",
        "",
        "Endpoints: unknown (the portal has no Kubernetes cluster configured)",
        "",
        "No deployments yet: mlp deploy ticket-urgency --version N --env staging",
    ]


def test_rollback_approve_and_reject_lines() -> None:
    rolled: Deployment = {**DEPLOYMENT, "version": "2", "rollbackOf": "x"}  # type: ignore[typeddict-item]
    del rolled["alias"]
    assert fmt.rolled_back_report(rolled) == (
        "Rolled back support-ticket-classifier in staging to version 2 (2 replicas × 1 GPU): live; "
        "deployment 0b6c1a2f-5d3e-4c7a-9f10-2a4b6c8d0e1f"
    )
    approved: Deployment = {**PENDING, "status": "live"}  # type: ignore[typeddict-item]
    assert fmt.approved_report(approved) == (
        "Approved: support-ticket-classifier version 3 (alias champion) in production "
        "(2 replicas × 1 GPU) is live; deployment 9f8e7d6c-5b4a-4321-8fed-cba987654321"
    )
    rejected: Deployment = {**PENDING, "status": "rejected", "reason": "not before the release"}  # type: ignore[typeddict-item]
    assert fmt.rejected_report(rejected) == (
        "Rejected the production deploy of support-ticket-classifier version 3 (alias champion) "
        "(deployment 9f8e7d6c-5b4a-4321-8fed-cba987654321): not before the release"
    )
