"""The SDK: :class:`Client` calls the portal's APIs as the logged-in user.

Every call goes through one private method, :meth:`Client._request`, which
adds the token, sends, and turns every failure into an
:class:`~mlp.errors.MlpError` subclass.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union, cast

from . import __version__, config, validation
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
    BudgetStatus,
    CostSummary,
    Job,
    Me,
    QuotaRequest,
    QuotaStatus,
    SubmittedJob,
)

__all__ = ["Client", "TOKEN_REFUSED"]

#: What to do when the portal refuses the token.
TOKEN_REFUSED = "the portal refused your token (it may have expired): run mlp login"

_FIELD_IN_MESSAGE = re.compile(r"^Invalid [^:]*: ([A-Za-z_][\w.]*): ")


class Client:
    """The portal's APIs for GPU quota, cost and training jobs.

    ``url`` and ``token`` default to ``MLP_PORTAL_URL``/``MLP_TOKEN``, then to
    what ``mlp login`` stored; :class:`~mlp.errors.NotLoggedIn` when neither
    has them.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        *,
        timeout: float = 30.0,
    ) -> None:
        found_url, found_token = config.resolve(url, token)
        if not found_url or not found_token:
            raise NotLoggedIn(
                "not logged in to the portal: run mlp login "
                f"(or set {config.ENV_URL} and {config.ENV_TOKEN})"
            )
        self.url = validation.portal_url(found_url, "url")
        self._token = found_token
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Client(url={self.url!r})"

    # --- who and which teams -------------------------------------------------

    def me(self) -> Me:
        """The user the token stands for and their teams."""
        return cast(Me, self._request("GET", ["gpu-quota", "me"]))

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
        """Sends ``method /api/<path>`` and returns the JSON answer (or text).

        Raises :class:`~mlp.errors.PortalUnreachable` when nothing (or not the
        portal's API) answers, and the matching :class:`~mlp.errors.MlpError`
        subclass when the portal refuses.
        """
        route = "/api/" + "/".join(urllib.parse.quote(part, safe="") for part in path)
        target = self.url + route
        if query:
            target += "?" + urllib.parse.urlencode(query)
        headers = {
            "Authorization": f"Bearer {self._token}",
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
                field=found.group(1) if found else None,
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
