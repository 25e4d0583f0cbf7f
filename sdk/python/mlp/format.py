"""What the CLI prints: plain-text tables and reports, from the portal's answers."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Collection, Iterable, List, Optional, Sequence, Tuple

from .models import BudgetStatus, CostLine, CostSummary, Job, QuotaOk, SubmittedJob

__all__ = [
    "table",
    "key_values",
    "number",
    "money",
    "hours",
    "duration",
    "timestamp",
    "percent",
    "quota_report",
    "cost_report",
    "submitted_report",
    "job_report",
    "jobs_table",
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


def _breakdown(title: str, lines: Sequence[CostLine], currency: str) -> str:
    if not lines:
        return f"{title}: no GPU use"
    return table(
        [title, "GPU-HOURS", "COST"],
        [[line["key"], f"{line['gpuHours']:.2f}", money(line["cost"], currency)] for line in lines],
        right={1, 2},
    )


def cost_report(
    summary: CostSummary, month: str, budget: Optional[BudgetStatus] = None
) -> str:
    """Totals, the budget (when given: the current month's), and cost by project and by user."""
    currency = summary["currency"]
    rows: List[Tuple[str, str]] = [
        ("GPU-hours", f"{summary['gpuHours']:.2f}"),
        ("Cost", money(summary["cost"], currency)),
    ]
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
        _breakdown("PROJECT", summary["byProject"], currency),
        "",
        _breakdown("USER", summary["byUser"], currency),
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
    mlflow = job["mlflow"]
    rows.append(("MLflow", mlflow["experiment"] + (f" · {mlflow['url']}" if mlflow.get("url") else "")))
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

