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
    "JobFigures",
    "TeamMetrics",
    "WeekMetrics",
    "FirstJob",
    "PlatformMetrics",
    "Environment",
    "DeploymentStatus",
    "Deployment",
    "DeploymentBudget",
    "DeployResult",
    "EndpointPod",
    "Endpoint",
    "ModelDeployments",
    "AuditAction",
    "AuditEvent",
    "LineageDataset",
    "LineageRun",
    "LineageJob",
    "LineageDeployment",
    "Lineage",
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


class _GpuUtilization(TypedDict):
    averagePercent: float
    peakPercent: float
    measuredGpuHours: float
    idleGpuHours: float


class GpuUtilization(_GpuUtilization, total=False):
    """How busy GPUs were (Prometheus, dcgm-exporter): idle = under the idle threshold."""

    idleCost: float
    peakMemoryMiB: float


class UtilizationSource(TypedDict, total=False):
    """Where utilization comes from: ``state`` measured, not-configured or unavailable."""

    state: Literal["measured", "not-configured", "unavailable"]
    idleBelowPercent: float
    resolutionSeconds: float
    message: str


class _CostLine(TypedDict):
    key: str
    gpuHours: float
    cost: float


class CostLine(_CostLine, total=False):
    """One slice of a breakdown: a project, model, user or GPU type."""

    utilization: GpuUtilization


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
        "utilization": GpuUtilization,
        "utilizationSource": UtilizationSource,
    },
    total=False,
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
    #: The MLflow run the portal made for the job (MLFLOW_RUN_ID in its pods).
    runId: str


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
    utilization: GpuUtilization
    utilizationSource: UtilizationSource


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


class _JobFigures(TypedDict):
    submitted: int
    succeeded: int
    failed: int
    cancelled: int
    unfinished: int
    uniqueUsers: int
    gpuHours: float


class JobFigures(_JobFigures, total=False):
    """Jobs submitted in a window and how they went; averages are absent when no job had one."""

    averageRuntimeSeconds: float
    averageQueueWaitSeconds: float
    medianQueueWaitSeconds: float
    #: Coder workspaces the portal created or started (absent without Coder).
    workspacesUsed: int
    workspaceUsers: int


class _Adoption(TypedDict):
    members: int
    adopters: int


class Adoption(_Adoption, total=False):
    adoptionRate: float


class Overall(JobFigures, Adoption, total=False):
    medianTimeToFirstJobSeconds: float


class TeamMetrics(JobFigures, Adoption, total=False):
    team: str


class WeekMetrics(JobFigures, total=False):
    week: str


class _FirstJob(TypedDict):
    userEntityRef: str
    firstSignInAt: str


class FirstJob(_FirstJob, total=False):
    """A user who first signed in in the window; when their first job ran, once one did."""

    firstRunningAt: str
    seconds: float


#: ``GET /api/platform-metrics/summary``: the platform's figures (platform keepers). The
#: functional form, since ``from`` is a Python keyword.
PlatformMetrics = TypedDict(
    "PlatformMetrics",
    {
        "days": int,
        "from": str,
        "to": str,
        "overall": Overall,
        "teams": List[TeamMetrics],
        "weeks": List[WeekMetrics],
        "newUsers": List[FirstJob],
    },
)


#: Where a model version is deployed; production needs an approval.
Environment = Literal["staging", "production"]

#: Waiting for a production approval or refused; serving (``live``); replaced by a later deploy
#: or a rollback (``superseded``); or failed to reach the cluster.
DeploymentStatus = Literal["pending-approval", "rejected", "live", "superseded", "failed"]


class _Deployment(TypedDict):
    id: str
    model: str
    environment: Environment
    team: str
    version: str
    replicas: int
    #: GPUs per replica.
    gpus: int
    status: DeploymentStatus
    requestedBy: str
    requestedAt: str
    namespace: str
    inferenceService: str
    modelUri: str


class Deployment(_Deployment, total=False):
    """One deploy of a registered model's version to an environment, as the portal recorded it."""

    #: The alias the request named (e.g. champion).
    alias: str
    #: Who approved or rejected it (production), or deployed it, and when.
    decidedBy: str
    decidedAt: str
    #: Why it was rejected.
    reason: str
    #: The deployment whose version this rollback brought back.
    rollbackOf: str
    runId: str
    jobId: str
    dataset: str
    reservationId: str


class DeploymentBudget(TypedDict):
    """The estimate held against the team's budget for the GPUs, for the ``hours`` left in the month."""

    reservationId: str
    estimate: float
    currency: str
    hours: float


class _DeployResult(TypedDict):
    deployment: Deployment


class DeployResult(_DeployResult, total=False):
    """``POST /api/deployments`` (and a rollback or an approval): ``budget`` when GPUs were reserved."""

    budget: DeploymentBudget


class EndpointPod(TypedDict, total=False):
    name: str
    phase: str
    node: str
    ready: bool


class _Endpoint(TypedDict):
    environment: Environment
    namespace: str
    inferenceService: str
    #: False when no InferenceService is there (never deployed, or not applied yet).
    exists: bool
    ready: bool
    replicas: int
    readyReplicas: int
    pods: List[EndpointPod]


class Endpoint(_Endpoint, total=False):
    """What the cluster serves for one environment; ``message`` says why it is not ready."""

    url: str
    versionServed: str
    message: str


class _ModelDeployments(TypedDict):
    model: str
    #: Newest first.
    deployments: List[Deployment]
    #: One per environment; empty when the portal has no cluster configured.
    endpoints: List[Endpoint]
    #: The caller may approve the team's production deploys (a platform keeper or its lead).
    canApprove: bool
    #: The caller may deploy this model (a member of its team).
    canDeploy: bool


class ModelDeployments(_ModelDeployments, total=False):
    """``GET /api/deployments/models/{model}``: the model's deployments and endpoints."""

    team: str
    maxReplicas: int


AuditAction = Literal[
    "requested", "approved", "rejected", "deployed", "rolled-back", "superseded", "failed"
]


class _AuditEvent(TypedDict):
    id: int
    deploymentId: str
    model: str
    environment: Environment
    version: str
    action: AuditAction
    actor: str
    at: str


class AuditEvent(_AuditEvent, total=False):
    """One line of a model's deployment audit trail."""

    detail: str


class _LineageDataset(TypedDict):
    name: str


class LineageDataset(_LineageDataset, total=False):
    digest: str
    source: str


class _LineageRun(TypedDict):
    id: str
    experimentId: str


class LineageRun(_LineageRun, total=False):
    name: str
    status: str
    url: str


class _LineageJob(TypedDict):
    id: str


class LineageJob(_LineageJob, total=False):
    phase: str
    gpuHours: float
    cost: float
    currency: str


class _LineageDeployment(TypedDict):
    id: str
    environment: Environment
    status: DeploymentStatus
    requestedAt: str


class LineageDeployment(_LineageDeployment, total=False):
    decidedAt: str


class _Lineage(TypedDict):
    model: str
    version: str
    modelUri: str
    deployments: List[LineageDeployment]


class Lineage(_Lineage, total=False):
    """``GET /api/deployments/models/{model}/lineage``: dataset → job → run → version → deployments."""

    versionStatus: str
    versionUrl: str
    dataset: LineageDataset
    run: LineageRun
    job: LineageJob
