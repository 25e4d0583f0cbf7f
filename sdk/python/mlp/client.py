"""The SDK: :class:`Client` calls the portal's APIs as the logged-in user.

Every call goes through one private method, :meth:`Client._request`, which
adds the token, sends, and turns every failure into an
:class:`~mlp.errors.MlpError` subclass.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union, cast

from . import __version__, config, validation
from .credentials import Credentials
from .errors import (
    AuthenticationFailed,
    InvalidInput,
    MlpError,
    NotFound,
    NotLoggedIn,
    PermissionDenied,
    PortalUnreachable,
    Rejected,
)
from .models import (
    AuditEvent,
    BudgetStatus,
    CostSummary,
    Deployment,
    DeployResult,
    Job,
    Lineage,
    Me,
    ModelDeployments,
    PlatformMetrics,
    QuotaRequest,
    QuotaStatus,
    SubmittedJob,
)

__all__ = ["Client", "TOKEN_REFUSED"]

#: What to do when the portal refuses the token.
TOKEN_REFUSED = "the portal refused your token (it may have expired): run mlp login"

#: The field a 400 names: "Invalid job: gpus: ..." (a request's schema) or "model: ..." (a check
#: of the Deployments API).
_FIELD_IN_MESSAGE = re.compile(r"^(?:Invalid [^:]*: ([A-Za-z_][\w.]*)|([a-z][\w.]*)): ")


class Client:
    """The portal's APIs for GPU quota, cost, training jobs and model deployments.

    ``url`` and ``token`` default to ``MLP_PORTAL_URL``/``MLP_TOKEN``, then to
    what ``mlp login`` stored (renewed by itself); :class:`~mlp.errors.NotLoggedIn`
    when neither has them. Without a token, ``MLP_SERVICE_TOKEN`` (automation)
    signs in as its service account.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        *,
        timeout: float = 30.0,
    ) -> None:
        service_token = (
            None
            if token or os.environ.get(config.ENV_TOKEN)
            else os.environ.get(config.ENV_SERVICE_TOKEN)
        )
        if service_token:
            # Automation: the service token signs in as its user for each short-lived user token.
            stored = config.load()
            service_url = url or os.environ.get(config.ENV_URL) or (stored.url if stored else None)
            if not service_url:
                raise NotLoggedIn(f"{config.ENV_SERVICE_TOKEN} is set: set {config.ENV_URL} too")
            self.url = validation.portal_url(service_url, "url")
            self._credentials = Credentials.for_service(self.url, service_token)
            self.timeout = timeout
            return
        found_url, found_token = config.resolve(url, token)
        if not found_url or not found_token:
            raise NotLoggedIn(
                "not logged in to the portal: run mlp login "
                f"(or set {config.ENV_URL} and {config.ENV_TOKEN})"
            )
        self.url = validation.portal_url(found_url, "url")
        # A stored browser login renews itself; a given or MLP_TOKEN token is used as it is.
        stored = config.load() if not token and not os.environ.get(config.ENV_TOKEN) else None
        from_storage = stored is not None and stored.token == found_token and stored.url == found_url
        self._credentials = Credentials(found_token, stored if from_storage else None)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Client(url={self.url!r})"

    # --- who and which teams -------------------------------------------------

    def me(self) -> Me:
        """The user the token stands for and their teams."""
        return cast(Me, self._request("GET", ["gpu-quota", "me"]))

    def report_login_host(self, login_id: str, host: str) -> None:
        """Names the computer of a browser login on the portal's CLI access page (mlp login does)."""
        self._request(
            "PUT", ["auth", "mlp-cli", "sessions", login_id, "host"], body={"host": host}
        )

    # --- GPU quota -----------------------------------------------------------

    def team_quota(self, team: str) -> QuotaStatus:
        """The team's GPU quota and the pods using it; see ``status``."""
        name = validation.team(team, "team")
        return cast(QuotaStatus, self._request("GET", ["gpu-quota", "teams", name]))

    def request_quota_increase(
        self,
        team: str,
        total_gpus: int,
        justification: str,
        days: int,
        resource: str = "nvidia.com/gpu",
    ) -> QuotaRequest:
        """Asks the platform team to raise the team's quota to ``total_gpus`` for ``days``."""
        body = {
            "team": validation.team(team, "team"),
            "resource": resource,
            "amount": validation.gpus(total_gpus, "total_gpus"),
            "justification": validation.justification(justification, "justification"),
            "durationDays": validation.duration_days(days, "days"),
        }
        return cast(QuotaRequest, self._request("POST", ["gpu-quota", "requests"], body=body))

    # --- cost ----------------------------------------------------------------

    # --- platform metrics (platform keepers) -------------------------------------

    def platform_metrics(self, days: int = 30) -> PlatformMetrics:
        """Jobs, GPU-hours, queue wait, adoption and time to first job over 7, 30 or 90 days."""
        window = validation.metrics_days(days, "days")
        return cast(
            PlatformMetrics,
            self._request("GET", ["platform-metrics", "summary"], query={"days": str(window)}),
        )

    def team_cost(self, team: str, month: Optional[str] = None) -> CostSummary:
        """The team's GPU cost in a ``YYYY-MM`` month (UTC; the current one by default)."""
        name = validation.team(team, "team")
        start, end = validation.month_range(validation.month(month, "month"))
        return cast(
            CostSummary,
            self._request(
                "GET",
                ["cost", "teams", name, "summary"],
                query={"from": start, "to": end},
            ),
        )

    def budget_status(self, team: str) -> BudgetStatus:
        """Where the team stands against this month's budget."""
        name = validation.team(team, "team")
        return cast(BudgetStatus, self._request("GET", ["cost", "teams", name, "budget-status"]))

    # --- training jobs -------------------------------------------------------

    def submit_training(
        self,
        name: str,
        image: str,
        gpus: int,
        memory: str,
        timeout_hours: float,
        team: Optional[str] = None,
        script: Optional[str] = None,
        args: Sequence[str] = (),
        cpu: str = "4",
        retries: int = 0,
        output_artifacts: Sequence[str] = (),
        experiment: Optional[str] = None,
        project: Optional[str] = None,
        gpu_type: Optional[str] = None,
        simulate_runtime: Optional[str] = None,
        simulate_exit_code: Optional[int] = None,
        simulate_failure: Optional[str] = None,
    ) -> SubmittedJob:
        """Submits a training job to the team's GPUs (the user's only team by default).

        The portal checks the team's quota and budget first and refuses with
        :class:`~mlp.errors.Rejected` when the job does not fit. ``gpu_type`` asks for
        one GPU model (e.g. ``NVIDIA-L4``). On a simulated cluster (the local one) the
        ``simulate_*`` arguments say how long its pods run and how they end.
        """
        body: Dict[str, Any] = {
            "name": validation.job_name(name, "name"),
            "team": self._team(team),
            "image": validation.image(image, "image"),
            "gpus": validation.gpus(gpus, "gpus"),
            "memory": validation.memory(memory, "memory"),
            "cpu": validation.cpu(cpu, "cpu"),
            "timeoutHours": validation.timeout_hours(timeout_hours, "timeout_hours"),
            "retries": validation.retries(retries, "retries"),
            "args": _strings(args, "args"),
            "outputArtifacts": validation.paths(output_artifacts, "output_artifacts"),
        }
        if script is not None:
            body["script"] = validation.script(script, "script")
        if experiment is not None:
            body["experiment"] = validation.experiment(experiment, "experiment")
        if project is not None:
            body["project"] = validation.team(project, "project")
        if gpu_type is not None:
            body["gpuProduct"] = validation.gpu_type(gpu_type, "gpu_type")
        simulate = validation.simulation(simulate_runtime, simulate_exit_code, simulate_failure)
        if simulate is not None:
            body["simulate"] = simulate
        return cast(SubmittedJob, self._request("POST", ["jobs"], body=body))

    def jobs(self, team: Optional[str] = None) -> List[Job]:
        """The team's jobs (all the user's teams' by default), newest first."""
        query = {"team": validation.team(team, "team")} if team is not None else None
        answer = self._request("GET", ["jobs"], query=query)
        return cast(List[Job], answer["jobs"])

    def job(self, id: str) -> Job:
        """One job; :class:`~mlp.errors.NotFound` when there is none with that id."""
        return cast(Job, self._request("GET", ["jobs", validation.job_id(id, "id")]))

    def logs(self, id: str) -> str:
        """The job's logs as text."""
        return cast(
            str,
            self._request("GET", ["jobs", validation.job_id(id, "id"), "logs"], text=True),
        )

    def cancel(self, id: str) -> Job:
        """Stops the job and deletes its workflow; its budget reservation is released."""
        answer = self._request("DELETE", ["jobs", validation.job_id(id, "id")])
        return cast(Job, answer["job"])

    # --- model deployments ---------------------------------------------------

    def deploy(
        self,
        model: str,
        *,
        version: Optional[Union[int, str]] = None,
        alias: Optional[str] = None,
        environment: str = "staging",
        replicas: int = 1,
        gpus: int = 0,
    ) -> DeployResult:
        """Deploys a version of a registered model, named by number or alias (exactly one).

        Answers the deployment and, when it holds GPUs (``gpus`` per replica), the budget
        reserved for them. Staging goes live at once; production waits for a platform keeper
        or the team's lead to approve it (status ``pending-approval``, no budget yet). Over the
        team's GPU quota or budget: :class:`~mlp.errors.Rejected`; an unknown model, version
        or alias, or more replicas than the team may have: :class:`~mlp.errors.InvalidInput`
        naming it (``field``).
        """
        body: Dict[str, Any] = {"model": validation.model_name(model, "model")}
        number, named = validation.version_or_alias(version, alias, ("version", "alias"))
        if number is not None:
            body["version"] = number
        if named is not None:
            body["alias"] = named
        body["environment"] = validation.environment(environment, "environment")
        body["replicas"] = validation.replicas(replicas, "replicas")
        body["gpus"] = validation.gpus_per_replica(gpus, "gpus")
        return cast(DeployResult, self._request("POST", ["deployments"], body=body))

    def deploy_model(
        self,
        model: str,
        *,
        version: Optional[Union[int, str]] = None,
        alias: Optional[str] = None,
        environment: str = "staging",
        replicas: int = 1,
        gpus: int = 0,
    ) -> Deployment:
        """:meth:`deploy`, answering the deployment alone.

        A production deploy is a normal answer with ``status`` ``'pending-approval'``.
        """
        return self.deploy(
            model,
            version=version,
            alias=alias,
            environment=environment,
            replicas=replicas,
            gpus=gpus,
        )["deployment"]

    def deployments(self, model: str) -> ModelDeployments:
        """The model's deployments (newest first) and what each environment's endpoint serves."""
        name = validation.model_name(model, "model")
        return cast(ModelDeployments, self._request("GET", ["deployments", "models", name]))

    def deployment(self, id: str) -> Deployment:
        """One deployment; :class:`~mlp.errors.NotFound` when there is none with that id."""
        return cast(
            Deployment,
            self._request("GET", ["deployments", validation.deployment_id(id, "id")]),
        )

    def rollback(self, model: str, environment: str) -> Deployment:
        """Serves the version the environment served before the current one again.

        :class:`~mlp.errors.Rejected` when it serves nothing, or served no other version before.
        """
        name = validation.model_name(model, "model")
        body = {"environment": validation.environment(environment, "environment")}
        answer = self._request("POST", ["deployments", "models", name, "rollback"], body=body)
        return cast(Deployment, answer["deployment"])

    def approve_deployment(self, id: str) -> Deployment:
        """Approves a production deploy waiting for approval: it goes live.

        Platform keepers and the team's lead approve, never the one who asked for it
        (:class:`~mlp.errors.PermissionDenied`).
        """
        answer = self._request(
            "POST", ["deployments", validation.deployment_id(id, "id"), "approve"], body={}
        )
        return cast(Deployment, answer["deployment"])

    def reject_deployment(self, id: str, reason: str) -> Deployment:
        """Rejects a production deploy waiting for approval, saying why."""
        answer = self._request(
            "POST",
            ["deployments", validation.deployment_id(id, "id"), "reject"],
            body={"reason": validation.reason(reason, "reason")},
        )
        return cast(Deployment, answer["deployment"])

    def lineage(self, model: str, version: Optional[Union[int, str]] = None) -> Lineage:
        """Dataset, training job, MLflow run and deployments behind a version of the model.

        Without ``version``: the version live in production, else the one deployed last.
        """
        name = validation.model_name(model, "model")
        query = (
            {"version": validation.model_version(version, "version")}
            if version is not None
            else None
        )
        return cast(
            Lineage,
            self._request("GET", ["deployments", "models", name, "lineage"], query=query),
        )

    def deployment_audit(self, model: str) -> List[AuditEvent]:
        """The model's deployment audit trail: requested, approved, deployed, rolled back, ..."""
        name = validation.model_name(model, "model")
        answer = self._request("GET", ["deployments", "models", name, "audit"])
        return cast(List[AuditEvent], answer["events"])

    # --- the one way to the portal --------------------------------------------

    def _team(self, team: Optional[str]) -> str:
        if team is not None:
            return validation.team(team, "team")
        return validation.choose_team(None, self.me()["teams"], "team")

    def _request(
        self,
        method: str,
        path: Sequence[str],
        *,
        query: Optional[Mapping[str, str]] = None,
        body: Optional[Mapping[str, Any]] = None,
        text: bool = False,
    ) -> Any:
        """Sends ``method /api/<path>``; a refused stored login is renewed once and sent again."""
        try:
            return self._send(method, path, query=query, body=body, text=text)
        except AuthenticationFailed:
            if not self._credentials.renewable:
                raise
        self._credentials.renew()
        return self._send(method, path, query=query, body=body, text=text)

    def _send(
        self,
        method: str,
        path: Sequence[str],
        *,
        query: Optional[Mapping[str, str]] = None,
        body: Optional[Mapping[str, Any]] = None,
        text: bool = False,
    ) -> Any:
        """Sends ``method /api/<path>`` once and returns the JSON answer (or text).

        Raises :class:`~mlp.errors.PortalUnreachable` when nothing (or not the
        portal's API) answers, and the matching :class:`~mlp.errors.MlpError`
        subclass when the portal refuses.
        """
        route = "/api/" + "/".join(urllib.parse.quote(part, safe="") for part in path)
        target = self.url + route
        if query:
            target += "?" + urllib.parse.urlencode(query)
        headers = {
            "Authorization": f"Bearer {self._credentials.token()}",
            "Accept": "text/plain" if text else "application/json",
            "User-Agent": f"mlp-platform/{__version__}",
        }
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(target, data=data, headers=headers, method=method)
        where = f"{method} {route}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
                content_type = response.headers.get("Content-Type", "")
                charset = response.headers.get_content_charset() or "utf-8"
                raw = response.read()
        except urllib.error.HTTPError as refusal:
            try:
                raw_error = refusal.read()
            except (OSError, http.client.HTTPException):
                raw_error = b""
            raise self._refusal(
                refusal.code, refusal.reason, refusal.headers.get("Content-Type", ""), raw_error, where
            ) from None
        except (socket.timeout, TimeoutError):
            raise PortalUnreachable(
                f"the portal at {self.url} did not answer within {self.timeout:g} s"
            ) from None
        except urllib.error.URLError as failure:
            raise PortalUnreachable(
                f"cannot reach the portal at {self.url}: {_reason(failure.reason)}"
            ) from None
        except (OSError, http.client.HTTPException) as failure:
            raise PortalUnreachable(
                f"cannot reach the portal at {self.url}: {_reason(failure)}"
            ) from None

        if text:
            return raw.decode(charset, errors="replace")
        if status == 204 or not raw:
            return None
        parsed = _json(raw)
        if parsed is _NOT_JSON or "json" not in content_type.lower():
            kind = content_type.split(";")[0].strip() or "no content type"
            raise PortalUnreachable(
                f"{self.url} answered {where} with {kind}, not the portal's API: "
                "is it the portal's address (as in your browser, e.g. https://portal.example.com)?",
                status,
            )
        return parsed

    def _refusal(
        self, status: int, reason: str, content_type: str, raw: bytes, where: str
    ) -> MlpError:
        """The exception for an error status, with the portal's message when it sent one."""
        parsed = _json(raw) if "json" in content_type.lower() else _NOT_JSON
        portal_message: Optional[str] = None
        if isinstance(parsed, dict):
            error = parsed.get("error")
            if isinstance(error, dict) and isinstance(error.get("message"), str):
                portal_message = error["message"]
            elif isinstance(error, str):
                portal_message = error
            elif isinstance(parsed.get("message"), str):
                portal_message = parsed["message"]
        message = portal_message or f"the portal answered {where} with {status} {reason}".rstrip()

        if status == 401:
            return AuthenticationFailed(TOKEN_REFUSED, status, portal_message=portal_message)
        if status == 403:
            return PermissionDenied(message, status, portal_message=portal_message)
        if status == 404:
            if portal_message is None:
                message = (
                    f"the portal at {self.url} has no {where}: "
                    "it may be a version without this feature"
                )
            return NotFound(message, status, portal_message=portal_message)
        if status == 409:
            return Rejected(message, status, portal_message=portal_message)
        if status in (400, 422):
            found = _FIELD_IN_MESSAGE.match(portal_message or "")
            return InvalidInput(
                message,
                status,
                field=(found.group(1) or found.group(2)) if found else None,
                portal_message=portal_message,
            )
        if status in (502, 503, 504) and portal_message is None:
            return PortalUnreachable(
                f"the portal at {self.url} is not available ({status} {reason})".rstrip(),
                status,
            )
        return MlpError(message, status, portal_message=portal_message)


_NOT_JSON = object()


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _NOT_JSON


def _reason(reason: Union[BaseException, str]) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is it running, and is the port right?)"
    if isinstance(reason, socket.gaierror):
        return "unknown host name"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "it did not answer in time"
    text = getattr(reason, "strerror", None) or str(reason)
    return text or reason.__class__.__name__


def _strings(values: Sequence[str], field: str) -> List[str]:
    if isinstance(values, str):
        raise InvalidInput.of(field, "must be a list of strings, not one string")
    result = list(values)
    if not all(isinstance(value, str) for value in result):
        raise InvalidInput.of(field, "must be a list of strings")
    return result
