"""What the CLI prints: plain-text tables and reports, from the portal's answers."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Collection, Iterable, List, Optional, Sequence, Tuple

from .models import (
    BudgetStatus,
    CostLine,
    CostSummary,
    Deployment,
    DeployResult,
    Endpoint,
    GpuUtilization,
    JobFigures,
    Job,
    ModelDeployments,
    PlatformMetrics,
    QuotaOk,
    SubmittedJob,
    UtilizationSource,
)

__all__ = [
    "table",
    "key_values",
    "number",
    "money",
    "hours",
    "duration",
    "utilization_percent",
    "utilization_line",
    "timestamp",
    "percent",
    "quota_report",
    "cost_report",
    "submitted_report",
    "job_report",
    "jobs_table",
    "metrics_report",
    "short_id",
    "replicas",
    "deployed_report",
    "deployments_report",
    "rolled_back_report",
    "approved_report",
    "rejected_report",
]


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    right: Collection[int] = (),
) -> str:
    """Columns padded to their widest cell, two spaces apart; ``right`` columns right-aligned."""
    cells: List[List[str]] = [list(headers)] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        padded = [
            row[i].rjust(widths[i]) if i in right else row[i].ljust(widths[i])
            for i in range(len(headers))
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def key_values(pairs: Sequence[Tuple[str, str]]) -> str:
    """``Label:  value`` lines with the values aligned."""
    width = max((len(label) for label, _ in pairs), default=0) + 1
    return "\n".join(f"{label + ':':<{width}} {value}" for label, value in pairs)


def number(value: float) -> str:
    """8 -> ``8``, 1.5 -> ``1.5``: whole numbers without decimals."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def money(amount: float, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def hours(value: float) -> str:
    """A number of hours as given: 24 -> ``24``, 1.5 -> ``1.5``."""
    return number(value)


def duration(seconds: float) -> str:
    """``h:mm:ss`` (hours may pass 24)."""
    total = max(0, int(seconds))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def timestamp(value: Optional[str]) -> str:
    """An ISO time as ``YYYY-MM-DD HH:MM UTC``; as given when it does not parse."""
    if not value:
        return "-"
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def percent(part: float, whole: float) -> int:
    """``part`` of ``whole`` in percent, rounded half up (3 of 8 -> 38)."""
    return int(math.floor(part / whole * 100 + 0.5)) if whole else 0


def quota_report(answer: QuotaOk) -> str:
    quota = answer["quota"]
    lines = [f"GPU quota of {quota['team']} (namespace {quota['namespace']})", ""]
    lines.append(
        table(
            ["RESOURCE", "QUOTA", "IN USE", "FREE", "MAX PER JOB"],
            [
                [
                    r["resource"],
                    number(r["hard"]),
                    number(r["used"]),
                    number(r["available"]),
                    number(r["maxPerJob"]) if "maxPerJob" in r else "-",
                ]
                for r in quota["resources"]
            ],
            right={1, 2, 3, 4},
        )
    )
    lines.append("")
    workloads = quota["workloads"]
    if not workloads:
        lines.append("No pods of the team hold GPUs.")
    else:
        several = len({res for w in workloads for res in w["gpus"]}) > 1
        lines.append(
            table(
                ["POD", "GPUS", "PHASE", "SINCE"],
                [
                    [
                        w["pod"],
                        ", ".join(
                            f"{number(n)} {res}" if several else number(n)
                            for res, n in w["gpus"].items()
                        ),
                        w["phase"],
                        timestamp(w["since"]),
                    ]
                    for w in workloads
                ],
                right={1} if not several else (),
            )
        )
    return "\n".join(lines)


def utilization_percent(value: float) -> str:
    """A utilization: whole numbers from 10 up, one decimal below ("4.5 %", "63 %")."""
    return f"{value:.1f} %" if value < 10 and value != int(value) else f"{value:.0f} %"


def utilization_line(u: GpuUtilization, currency: Optional[str] = None) -> str:
    """``avg 42 %, peak 95 %; idle 1.25 GPU-h (3.13 EUR)``."""
    idle = f"idle {u['idleGpuHours']:.2f} GPU-h"
    if currency and "idleCost" in u:
        idle += f" ({money(u['idleCost'], currency)})"
    return f"avg {utilization_percent(u['averagePercent'])}, peak {utilization_percent(u['peakPercent'])}; {idle}"


def utilization_unknown(source: Optional[UtilizationSource]) -> Optional[str]:
    """Why no utilization is shown, or None when it was measured (or nothing says)."""
    if not source or source.get("state") == "measured":
        return None
    if source.get("state") == "unavailable":
        return f"unknown: {source.get('message', 'Prometheus did not answer')}"
    return "not measured (the portal has no Prometheus configured)"


def _breakdown(title: str, lines: Sequence[CostLine], currency: str, measured: bool = False) -> str:
    if not lines:
        return f"{title}: no GPU use"
    headers = [title, "GPU-HOURS", "COST"]
    if measured:
        headers += ["AVG UTIL", "IDLE GPU-H", "IDLE COST"]
    rows = []
    for line in lines:
        row = [line["key"], f"{line['gpuHours']:.2f}", money(line["cost"], currency)]
        if measured:
            u = line.get("utilization")
            row += (
                [utilization_percent(u["averagePercent"]), f"{u['idleGpuHours']:.2f}", money(u.get("idleCost", 0), currency)]
                if u
                else ["-", "-", "-"]
            )
        rows.append(row)
    return table(headers, rows, right=set(range(1, len(headers))))


def cost_report(
    summary: CostSummary, month: str, budget: Optional[BudgetStatus] = None
) -> str:
    """Totals, the budget (when given: the current month's), and cost by project and by user."""
    currency = summary["currency"]
    rows: List[Tuple[str, str]] = [
        ("GPU-hours", f"{summary['gpuHours']:.2f}"),
        ("Cost", money(summary["cost"], currency)),
    ]
    source = summary.get("utilizationSource")
    measured = bool(source) and source.get("state") == "measured"
    if summary.get("utilization"):
        rows.append(("GPU utilization", utilization_line(summary["utilization"], currency)))
    elif utilization_unknown(source):
        rows.append(("GPU utilization", utilization_unknown(source)))
    if budget is not None:
        if "budget" in budget:
            rows.append(("Budget", money(budget["budget"], budget["currency"])))
            rows.append(("Spent", money(budget["spent"], budget["currency"])))
            rows.append(("Reserved", money(budget["reserved"], budget["currency"])))
            if "remaining" in budget:
                rows.append(("Remaining", money(budget["remaining"], budget["currency"])))
            if budget["alerts"]:
                crossed = ", ".join(f"{a}%" for a in budget["alerts"])
                rows.append(("Alerts", f"spent and reserved passed {crossed} of the budget"))
        else:
            rows.append(("Budget", f"none set for {budget['month']}"))
    parts = [
        f"GPU cost of {summary['team']} in {month} (UTC, {summary['from']} to {summary['to']} exclusive)",
        "",
        key_values(rows),
        "",
        _breakdown("PROJECT", summary["byProject"], currency, measured),
        "",
        _breakdown("USER", summary["byUser"], currency, measured),
    ]
    return "\n".join(parts)


def submitted_report(result: SubmittedJob) -> str:
    """The four lines ``mlp train`` prints."""
    job, quota, budget = result["job"], result["quota"], result["budget"]
    used, hard = quota["usedAfter"], quota["hard"]
    estimate = (
        f"Estimated cost: {money(budget['estimate'], budget['currency'])} "
        f"for up to {hours(job['timeoutHours'])} h; "
    )
    if "budget" in budget and "remaining" in budget:
        estimate += (
            f"budget left after it: {budget['remaining']:.2f} of "
            f"{money(budget['budget'], budget['currency'])} ({budget['month']})"
        )
    else:
        estimate += f"{job['team']} has no budget for {budget['month']}"
    return "\n".join(
        [
            f"Submitted job {job['id']} to {job['team']}.",
            f"GPU quota: {number(used)}/{number(hard)} ({percent(used, hard)}% of team allocation)",
            estimate,
            f"Follow it: mlp status {job['id']} · mlp logs {job['id']}",
        ]
    )


def job_report(job: Job) -> str:
    """``mlp status``: one job, as ``Label: value`` lines."""
    rows: List[Tuple[str, str]] = [
        ("Job", f"{job['id']} ({job['team']})"),
        ("Phase", job["phase"]),
    ]
    if job.get("waitingFor"):
        rows.append(("Waiting", job["waitingFor"]))
    if job.get("message"):
        rows.append(("Message", job["message"]))
    if job.get("exitCode") is not None and job["phase"] in ("Failed", "Error", "Succeeded"):
        rows.append(("Exit code", str(job["exitCode"])))
    attempts = job.get("attempts", 0)
    if attempts > 1 or job["retries"] > 0:
        rows.append(("Attempts", f"{attempts} of {job['retries'] + 1}"))
    if job.get("node"):
        rows.append(("Node", job["node"]))
    rows += [
        ("Image", job["image"] + (f" · {job['script']}" if job.get("script") else "")),
        ("GPUs", f"{job['gpus']} × {job['gpuResource']} · memory {job['memory']} · cpu {job['cpu']}"),
        ("Runtime", f"{duration(job['runtimeSeconds'])} (timeout {hours(job['timeoutHours'])} h)"),
        ("Cost so far", money(job["costSoFar"], job["currency"])),
        ("Estimated", money(job["estimatedCost"], job["currency"])),
    ]
    if job.get("utilization"):
        rows.append(("GPU utilization", utilization_line(job["utilization"], job["currency"])))
    elif utilization_unknown(job.get("utilizationSource")):
        rows.append(("GPU utilization", utilization_unknown(job.get("utilizationSource"))))
    mlflow = job["mlflow"]
    rows.append(("MLflow", mlflow["experiment"] + (f" · {mlflow['url']}" if mlflow.get("url") else "")))
    if mlflow.get("runId"):
        rows.append(("MLflow run", mlflow["runId"]))
    rows.append(("Submitted", f"by {job['submittedBy']} at {timestamp(job['createdAt'])}"))
    if job.get("startedAt"):
        rows.append(("Started", timestamp(job.get("startedAt"))))
    if job.get("finishedAt"):
        rows.append(("Finished", timestamp(job.get("finishedAt"))))
    return key_values(rows)


def jobs_table(jobs: Sequence[Job]) -> str:
    if not jobs:
        return "No jobs."
    return table(
        ["ID", "PHASE", "GPUS", "RUNTIME", "COST", "SUBMITTED"],
        [
            [
                job["id"],
                job["phase"],
                job["gpus"],
                duration(job["runtimeSeconds"]),
                money(job["costSoFar"], job["currency"]),
                timestamp(job["createdAt"]),
            ]
            for job in jobs
        ],
        right={2, 3, 4},
    )



def _optional_duration(seconds: Optional[float]) -> str:
    return "-" if seconds is None else duration(seconds)


def _queue_wait(figures: JobFigures) -> str:
    average = figures.get("averageQueueWaitSeconds")
    if average is None:
        return "-"
    return f"{duration(average)} (median {_optional_duration(figures.get('medianQueueWaitSeconds'))})"


def _workspaces(figures: JobFigures) -> str:
    used = figures.get("workspacesUsed")
    if used is None:
        return "-"
    people = figures.get("workspaceUsers", 0)
    return f"{used} by {people} {'person' if people == 1 else 'people'}"


def _adoption(adopters: int, members: int) -> str:
    return f"{adopters} of {members} ({percent(adopters, members)} %)" if members else "no members"


def metrics_report(metrics: PlatformMetrics) -> str:
    """The platform's figures: overall, per team, per week and each new user's first job."""
    o = metrics["overall"]
    lines = [
        f"Platform metrics, the last {metrics['days']} days "
        f"({timestamp(metrics['from'])} to {timestamp(metrics['to'])})",
        "",
        key_values(
            [
                ("Jobs submitted", str(o["submitted"])),
                ("Succeeded", str(o["succeeded"])),
                ("Failed", str(o["failed"])),
                ("Cancelled", str(o["cancelled"])),
                ("Waiting or running", str(o["unfinished"])),
                ("Users who submitted", str(o["uniqueUsers"])),
                ("GPU-hours", number(o["gpuHours"])),
                ("Average runtime", _optional_duration(o.get("averageRuntimeSeconds"))),
                ("Queue wait", _queue_wait(o)),
                ("Adoption", _adoption(o["adopters"], o["members"])),
                ("Time to first job", _optional_duration(o.get("medianTimeToFirstJobSeconds")) + " (median)"),
                ("Workspaces used", _workspaces(o)),
            ]
        ),
        "",
        "By team",
        table(
            ["TEAM", "SUBMITTED", "SUCCEEDED", "FAILED", "USERS", "GPU-HOURS", "QUEUE WAIT", "ADOPTION"],
            [
                [
                    t.get("team", ""),
                    t["submitted"],
                    t["succeeded"],
                    t["failed"],
                    t["uniqueUsers"],
                    number(t["gpuHours"]),
                    _queue_wait(t),
                    _adoption(t["adopters"], t["members"]),
                ]
                for t in metrics["teams"]
            ],
            right=(1, 2, 3, 4, 5),
        ),
        "",
        "By week (from Monday, UTC)",
        table(
            ["WEEK", "SUBMITTED", "SUCCEEDED", "FAILED", "GPU-HOURS"],
            [
                [w.get("week", ""), w["submitted"], w["succeeded"], w["failed"], number(w["gpuHours"])]
                for w in metrics["weeks"]
            ],
            right=(1, 2, 3, 4),
        ),
    ]
    if metrics["newUsers"]:
        lines += [
            "",
            "Time to first training job (first sign-in in the window)",
            table(
                ["USER", "FIRST SIGN-IN", "FIRST JOB RUNNING", "TIME"],
                [
                    [
                        u["userEntityRef"],
                        timestamp(u["firstSignInAt"]),
                        timestamp(u.get("firstRunningAt")) if u.get("firstRunningAt") else "no job ran yet",
                        _optional_duration(u.get("seconds")),
                    ]
                    for u in metrics["newUsers"]
                ],
            ),
        ]
    return "\n".join(lines)


# --- model deployments ---------------------------------------------------------

#: Who approves a production deploy.
APPROVERS = "a platform keeper or the team's lead"


def short_id(deployment_id: str) -> str:
    """The first 8 characters of a deployment id, as the deployments table shows it."""
    return deployment_id[:8]


def _plural(count: float, word: str) -> str:
    return f"{number(count)} {word}{'' if count == 1 else 's'}"


def replicas(deployment: Deployment) -> str:
    """``2 replicas × 1 GPU``: the replicas and the GPUs of each."""
    return f"{_plural(deployment['replicas'], 'replica')} × {_plural(deployment['gpus'], 'GPU')}"


def _version(deployment: Deployment) -> str:
    alias = deployment.get("alias")
    return f"version {deployment['version']}" + (f" (alias {alias})" if alias else "")


def deployed_report(result: DeployResult) -> str:
    """What ``mlp deploy`` prints: what was deployed where, its status, and the budget or the wait."""
    d = result["deployment"]
    what = f"{d['model']} {_version(d)}"
    if d["status"] == "pending-approval":
        rows: List[Tuple[str, str]] = [
            ("Replicas", replicas(d)),
            ("Status", f"pending-approval: waiting for approval by {APPROVERS} ({d['team']})"),
            ("Id", d["id"]),
        ]
        return "\n".join(
            [
                f"Asked to deploy {what} to {d['environment']}.",
                key_values(rows),
                f"The approver runs: mlp approve {d['id']} (you cannot approve your own deploy)",
            ]
        )
    rows = [
        ("Replicas", replicas(d)),
        ("Status", d["status"]),
        ("Id", d["id"]),
    ]
    budget = result.get("budget")
    if budget:
        rows.append(
            (
                "Budget",
                f"{money(budget['estimate'], budget['currency'])} reserved for the "
                f"{hours(budget['hours'])} h left in the month",
            )
        )
    return "\n".join(
        [
            f"Deployed {what} to {d['environment']}.",
            key_values(rows),
            f"See it: mlp deployments {d['model']}",
        ]
    )


def _endpoint_row(endpoint: Endpoint) -> List[str]:
    if not endpoint["exists"]:
        return [endpoint["environment"], "-", "-", "not deployed"]
    return [
        endpoint["environment"],
        f"{endpoint['readyReplicas']}/{endpoint['replicas']}",
        endpoint.get("versionServed", "-"),
        endpoint.get("url") or "-",
    ]


def deployments_report(answer: ModelDeployments) -> str:
    """``mlp deployments MODEL``: the endpoints, then the deployments, newest first."""
    team = answer.get("team")
    lines = [f"Deployments of {answer['model']}" + (f" ({team})" if team else ""), ""]
    endpoints = answer["endpoints"]
    if endpoints:
        lines.append(
            table(
                ["ENV", "READY", "VERSION", "URL"],
                [_endpoint_row(e) for e in endpoints],
                right={1},
            )
        )
        for e in endpoints:
            if e["exists"] and not e["ready"] and e.get("message"):
                lines.append(f"{e['environment']} is not ready: {e['message']}")
    else:
        lines.append("Endpoints: unknown (the portal has no Kubernetes cluster configured)")
    lines.append("")
    deployments = answer["deployments"]
    if not deployments:
        lines.append(
            f"No deployments yet: mlp deploy {answer['model']} --version N --env staging"
        )
        return "\n".join(lines)
    lines.append(
        table(
            ["ID", "ENV", "VERSION", "REPLICAS", "STATUS", "REQUESTED BY", "WHEN"],
            [
                [
                    short_id(d["id"]),
                    d["environment"],
                    d["version"] + (f" ({d['alias']})" if d.get("alias") else ""),
                    f"{d['replicas']} × {d['gpus']} GPU",
                    d["status"],
                    d["requestedBy"],
                    timestamp(d["requestedAt"]),
                ]
                for d in deployments
            ],
        )
    )
    pending = [d for d in deployments if d["status"] == "pending-approval"]
    if pending:
        lines.append("")
        if answer["canApprove"]:
            lines.append("Waiting for your approval (mlp approve ID, or mlp reject ID --reason TEXT):")
        else:
            lines.append(f"Waiting for approval by {APPROVERS}:")
        lines += [f"  {d['id']}  {d['environment']} {_version(d)}" for d in pending]
    return "\n".join(lines)


def rolled_back_report(d: Deployment) -> str:
    """What ``mlp rollback`` prints."""
    return (
        f"Rolled back {d['model']} in {d['environment']} to {_version(d)} "
        f"({replicas(d)}): {d['status']}; deployment {d['id']}"
    )


def approved_report(d: Deployment) -> str:
    """What ``mlp approve`` prints."""
    return (
        f"Approved: {d['model']} {_version(d)} in {d['environment']} "
        f"({replicas(d)}) is {d['status']}; deployment {d['id']}"
    )


def rejected_report(d: Deployment) -> str:
    """What ``mlp reject`` prints."""
    because = f": {d['reason']}" if d.get("reason") else ""
    return (
        f"Rejected the {d['environment']} deploy of {d['model']} {_version(d)} "
        f"(deployment {d['id']}){because}"
    )
