"""What the CLI prints, from answers shaped like the portal's."""

from __future__ import annotations

from mlp import format as fmt
from mlp.models import BudgetStatus, CostSummary, Job, QuotaOk, SubmittedJob

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


def test_job_report_and_table() -> None:
    report = fmt.job_report({**JOB, "message": "pod pending"})
    assert "Phase:       Running" in report
    assert "Message:     pod pending" in report
    assert "GPUs:        1 × nvidia.com/gpu · memory 16Gi · cpu 4" in report
    assert "Runtime:     1:02:03 (timeout 24 h)" in report
    assert "Cost so far: 2.50 EUR" in report
    assert "Estimated:   60.00 EUR" in report
    assert "MLflow:      bert-finetuning · http://mlflow/#/experiments/3" in report
    assert "Submitted:   by user:default/amira.haddad at 2026-11-23 06:15 UTC" in report
    table = fmt.jobs_table([JOB]).splitlines()
    assert table[0].split() == ["ID", "PHASE", "GPUS", "RUNTIME", "COST", "SUBMITTED"]
    assert table[1].split() == [
        "bert-finetuning-x7k2p", "Running", "1", "1:02:03", "2.50", "EUR", "2026-11-23", "06:15", "UTC"
    ]
    assert fmt.jobs_table([]) == "No jobs."
