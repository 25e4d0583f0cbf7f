"""The portal's answers, typed: plain dicts exactly as the portal sends them.

Optional keys are declared in a ``total=False`` subclass (Python 3.9 has no
``NotRequired``); read them with ``.get()``.
"""

from __future__ import annotations

from typing import Dict, List, Literal, TypedDict, Union

__all__ = [
    "Me",
    "QuotaResource",
    "WorkloadOwner",
    "Workload",
    "TeamQuota",
    "QuotaOk",
    "QuotaMissing",
    "QuotaNotConfigured",
    "QuotaStatus",
    "CostLine",
    "DailyCost",
    "ComputeLine",
    "CostSummary",
    "BudgetStatus",
    "QuotaRequest",
    "JobPhase",
    "MlflowInfo",
    "Job",
    "QuotaAfterSubmission",
    "BudgetReservation",
    "SubmittedJob",
]


class Me(TypedDict):
    """``GET /api/gpu-quota/me``: who the token is and their teams."""

    userEntityRef: str
    teams: List[str]
    mayDecide: bool


class _QuotaResource(TypedDict):
    resource: str
    hard: float
    used: float
    available: float


class QuotaResource(_QuotaResource, total=False):
    """One GPU resource of a team's quota; ``maxPerJob`` when a job is capped."""

    maxPerJob: float


class WorkloadOwner(TypedDict):
    kind: str
    name: str


class _Workload(TypedDict):
    pod: str
    gpus: Dict[str, float]
    phase: str
    since: str


class Workload(_Workload, total=False):
    """A pod holding GPUs of the team."""

    owner: WorkloadOwner


class TeamQuota(TypedDict):
    team: str
    namespace: str
    resources: List[QuotaResource]
    workloads: List[Workload]
    pressure: float


class QuotaOk(TypedDict):
    status: Literal["ok"]
    fetchedAt: str
    maxAgeSeconds: float
    quota: TeamQuota


class QuotaMissing(TypedDict):
    """The team has no GPU quota (not onboarded)."""

    status: Literal["no-quota"]
    team: str
    message: str


class QuotaNotConfigured(TypedDict):
    """The portal has no Kubernetes cluster configured."""

    status: Literal["not-configured"]
    message: str


#: ``GET /api/gpu-quota/teams/{team}``; tell them apart by ``status``.
QuotaStatus = Union[QuotaOk, QuotaMissing, QuotaNotConfigured]


class CostLine(TypedDict):
    """One slice of a breakdown: a project, model, user or GPU type."""

    key: str
    gpuHours: float
    cost: float


class DailyCost(TypedDict):
    day: str
    gpuHours: float
    cost: float


class ComputeLine(TypedDict):
    key: str
    unit: str
    unitHours: float
    cost: float


#: ``GET /api/cost/teams/{team}/summary``: GPU cost over [from, to) (functional
#: form because ``from`` is a Python keyword).
CostSummary = TypedDict(
    "CostSummary",
    {
        "team": str,
        "from": str,
        "to": str,
        "currency": str,
        "gpuHours": float,
        "cost": float,
        "daily": List[DailyCost],
        "byProject": List[CostLine],
        "byModel": List[CostLine],
        "byUser": List[CostLine],
        "byGpuType": List[CostLine],
        "byComputeResource": List[ComputeLine],
    },
)


class _BudgetStatus(TypedDict):
    team: str
    month: str
    currency: str
    spent: float
    reserved: float
    alerts: List[int]


class BudgetStatus(_BudgetStatus, total=False):
    """``GET /api/cost/teams/{team}/budget-status``: this month; ``budget``/``remaining`` when set."""

    budget: float
    remaining: float


class _QuotaRequest(TypedDict):
    id: str
    team: str
    resource: str
    status: str
    requestedAmount: float
    justification: str
    durationDays: int
    requestedBy: str
    createdAt: str


class QuotaRequest(_QuotaRequest, total=False):
    """A request to raise a team's GPU quota, as the portal keeps it."""

    namespace: str
    currentAmount: float
    previousAmount: float
    decidedBy: str
    decisionComment: str
    decidedAt: str
    expiresAt: str
    updatedAt: str


JobPhase = Literal["Pending", "Running", "Succeeded", "Failed", "Error"]


class _MlflowInfo(TypedDict):
    experiment: str


class MlflowInfo(_MlflowInfo, total=False):
    url: str


class _Job(TypedDict):
    id: str
    name: str
    team: str
    phase: JobPhase
    image: str
    gpus: int
    gpuResource: str
    memory: str
    cpu: str
    timeoutHours: float
    retries: int
    submittedBy: str
    createdAt: str
    runtimeSeconds: float
    costSoFar: float
    estimatedCost: float
    currency: str
    mlflow: MlflowInfo
    pods: List[str]
    attempts: int


class Job(_Job, total=False):
    """A training job: an Argo Workflow in the team's namespace."""

    message: str
    waitingFor: str
    exitCode: int
    node: str
    gpuProduct: str
    script: str
    startedAt: str
    finishedAt: str
    reservationId: str


class QuotaAfterSubmission(TypedDict):
    """The team's GPU quota with the new job's GPUs counted."""

    resource: str
    hard: float
    usedAfter: float


class _BudgetReservation(TypedDict):
    reservationId: str
    estimate: float
    currency: str
    month: str


class BudgetReservation(_BudgetReservation, total=False):
    """The estimate held against the month's budget; ``remaining`` after it, when there is a budget."""

    budget: float
    remaining: float


class SubmittedJob(TypedDict):
    """``POST /api/jobs``: the job, and what it takes of the quota and the budget."""

    job: Job
    quota: QuotaAfterSubmission
    budget: BudgetReservation
