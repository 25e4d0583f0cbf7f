"""Checks of inputs, shared by the CLI and the SDK, made before any request.

Each check takes the value and the name to blame (a CLI flag such as
``--gpu`` or an SDK argument such as ``gpus``), returns the value in the form
the portal expects, and raises :class:`~mlp.errors.InvalidInput` otherwise.
The rules are the portal's own (the Jobs, GPU-quota and Deployments APIs), so a mistake is
caught here with a clear message instead of a round trip.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone
from typing import Any, Dict, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

from .errors import InvalidInput

__all__ = [
    "MAX_TIMEOUT_HOURS",
    "MAX_RETRIES",
    "MAX_DURATION_DAYS",
    "METRICS_WINDOWS",
    "portal_url",
    "token",
    "metrics_days",
    "team",
    "choose_team",
    "job_name",
    "job_id",
    "image",
    "script",
    "gpus",
    "memory",
    "cpu",
    "timeout_hours",
    "retries",
    "paths",
    "gpu_type",
    "simulation",
    "experiment",
    "month",
    "current_month",
    "month_range",
    "justification",
    "duration_days",
    "ENVIRONMENTS",
    "model_name",
    "model_version",
    "alias",
    "version_or_alias",
    "environment",
    "replicas",
    "gpus_per_replica",
    "deployment_id",
    "reason",
]

#: Longest a training job may run: two weeks.
MAX_TIMEOUT_HOURS = 336
#: Most times Argo retries a failed job.
MAX_RETRIES = 5
#: Longest a quota increase lasts.
MAX_DURATION_DAYS = 90
#: Longest job name: the portal adds a suffix to make the id.
MAX_JOB_NAME = 40

_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
MEMORY_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$")
CPU_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+)?m?$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")

Number = Union[int, float, str]


def portal_url(value: Optional[str], field: str = "url") -> str:
    """The portal's base URL, without a trailing slash."""
    text = (value or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        shown = f"'{text}'" if text else "an empty value"
        raise InvalidInput.of(
            field,
            f"{shown} is not the portal's address; give it with http:// or https://, "
            "as in your browser's address bar",
        )
    return text.rstrip("/")


def token(value: Optional[str], field: str = "token") -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput.of(
            field,
            "is required: run mlp login without it to approve in the browser",
        )
    if any(c.isspace() for c in text):
        raise InvalidInput.of(field, "must be the token alone, without spaces")
    return text


def team(value: str, field: str = "team") -> str:
    if not isinstance(value, str) or len(value) > 63 or not _DNS_LABEL.match(value):
        raise InvalidInput.of(field, f"'{value}' is not a team name; use e.g. nlp-team")
    return value


def choose_team(value: Optional[str], teams: Sequence[str], field: str = "team") -> str:
    """The team given, or else the user's only team."""
    if value is not None:
        return team(value, field)
    if len(teams) == 1:
        return teams[0]
    if not teams:
        raise InvalidInput.of(
            field, "is required: the portal knows no team of yours; name one, e.g. nlp-team"
        )
    raise InvalidInput.of(
        field, f"is required: you are in several teams ({', '.join(teams)}); choose one"
    )


def job_name(value: str, field: str = "name") -> str:
    if (
        not isinstance(value, str)
        or len(value) > MAX_JOB_NAME
        or not _DNS_LABEL.match(value)
    ):
        raise InvalidInput.of(
            field,
            f"'{value}' is not a job name: use lowercase letters, digits and -, "
            f"at most {MAX_JOB_NAME} characters, e.g. bert-finetuning",
        )
    return value


def job_id(value: str, field: str = "job") -> str:
    if not isinstance(value, str) or len(value) > 63 or not _DNS_LABEL.match(value):
        raise InvalidInput.of(
            field,
            f"'{value}' is not a job id; use the id `mlp jobs` prints, e.g. bert-finetuning-x7k2p",
        )
    return value


def image(value: Optional[str], field: str = "image") -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InvalidInput.of(
            field, "is required: the container image to run, e.g. ml-training:latest"
        )
    if any(c.isspace() for c in text) or len(text) > 500:
        raise InvalidInput.of(field, f"'{value}' is not an image reference (no spaces)")
    return text


def script(value: Optional[str], field: str = "script") -> Optional[str]:
    if value is None:
        return None
    if not value or any(c.isspace() for c in value) or len(value) > 500:
        raise InvalidInput.of(
            field, f"'{value}' is not a script path; use a path without spaces, e.g. train.py"
        )
    return value


def _whole_number(value: Number) -> Optional[int]:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?[0-9]+\s*", value):
        return int(value)
    return None


def _real_number(value: Number) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def gpus(value: Number, field: str = "gpus") -> int:
    number = _whole_number(value)
    if number is None:
        raise InvalidInput.of(field, f"'{value}' is not a whole number of GPUs; use 1 or more")
    if number < 1:
        raise InvalidInput.of(field, "must be 1 or more")
    return number


def memory(value: str, field: str = "memory") -> str:
    if not isinstance(value, str) or not MEMORY_PATTERN.match(value):
        raise InvalidInput.of(field, f"'{value}' is not a Kubernetes quantity; use e.g. 16Gi")
    return value


def cpu(value: Union[str, int, float], field: str = "cpu") -> str:
    text = str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not CPU_PATTERN.match(text):
        raise InvalidInput.of(field, f"'{value}' is not a CPU quantity; use e.g. 4 or 500m")
    return text


def timeout_hours(value: Number, field: str = "timeout_hours") -> Union[int, float]:
    number = _real_number(value)
    if number is None:
        raise InvalidInput.of(field, f"'{value}' is not a number of hours")
    if number <= 0:
        raise InvalidInput.of(field, "must be more than 0 hours")
    if number > MAX_TIMEOUT_HOURS:
        raise InvalidInput.of(field, f"must be at most {MAX_TIMEOUT_HOURS} hours (two weeks)")
    return int(number) if number.is_integer() else number


def retries(value: Number, field: str = "retries") -> int:
    number = _whole_number(value)
    if number is None or not 0 <= number <= MAX_RETRIES:
        raise InvalidInput.of(field, f"must be a whole number from 0 to {MAX_RETRIES}")
    return number


def paths(values: Sequence[str], field: str = "output_artifacts") -> list[str]:
    if isinstance(values, str):
        raise InvalidInput.of(field, "must be a list of paths, not one string")
    result = list(values)
    for path in result:
        if not isinstance(path, str) or not path or len(path) > 500:
            raise InvalidInput.of(field, f"'{path}' is not a path")
    if len(result) > 20:
        raise InvalidInput.of(field, "at most 20 paths")
    return result


_LABEL_VALUE = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_RUNTIME = re.compile(r"^[0-9]{1,6}[smh]$")


def gpu_type(value: Optional[str], field: str = "gpu_type") -> Optional[str]:
    """A GPU model as the nodes are labelled (nvidia.com/gpu.product), e.g. NVIDIA-L4."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 63 or not _LABEL_VALUE.match(value):
        raise InvalidInput.of(field, f"'{value}' is not a GPU model; use one such as NVIDIA-A100-SXM4-80GB or NVIDIA-L4")
    return value


def simulation(
    runtime: Optional[str],
    exit_code: Optional[Number] = None,
    failure: Optional[str] = None,
    fields: Tuple[str, str, str] = ("simulate_runtime", "simulate_exit_code", "simulate_failure"),
) -> Optional[Dict[str, Any]]:
    """How a job's pods behave on a simulated cluster (the local one): runtime, exit code, failure."""
    field, code_field, failure_field = fields
    if runtime is None:
        if exit_code is not None or failure is not None:
            raise InvalidInput.of(field, "is needed with an exit code or a failure: say how long it runs, e.g. 60s")
        return None
    if not isinstance(runtime, str) or not _RUNTIME.match(runtime):
        raise InvalidInput.of(field, f"'{runtime}' is not a duration; use e.g. 90s, 5m or 2h")
    result: Dict[str, Any] = {"runtime": runtime}
    if exit_code is not None:
        code = _whole_number(exit_code)
        if code is None or not 0 <= code <= 255:
            raise InvalidInput.of(code_field, "must be a whole number from 0 to 255")
        result["exitCode"] = code
    if failure is not None:
        if not isinstance(failure, str) or len(failure) > 200:
            raise InvalidInput.of(failure_field, "must be at most 200 characters")
        result["failure"] = failure
    return result


def experiment(value: Optional[str], field: str = "experiment") -> Optional[str]:
    if value is None:
        return None
    if not value.strip() or len(value) > 250:
        raise InvalidInput.of(field, "must be an MLflow experiment name of 1 to 250 characters")
    return value


def current_month() -> str:
    """The current calendar month in UTC, as the portal's budgets count it."""
    return datetime.now(timezone.utc).strftime("%Y-%m")


def month(value: Optional[str], field: str = "month") -> str:
    """``YYYY-MM``; the current UTC month when None."""
    if value is None:
        return current_month()
    match = _MONTH.match(value) if isinstance(value, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput.of(field, f"'{value}' is not a month; use YYYY-MM, e.g. 2026-11")
    return value


#: The windows of platform metrics, in days.
METRICS_WINDOWS = (7, 30, 90)


def metrics_days(value: object, field: str = "days") -> int:
    """7, 30 or 90 (a number or its text)."""
    text = str(value).strip()
    if not text.isdigit() or int(text) not in METRICS_WINDOWS:
        raise InvalidInput.of(field, f"'{value}' is not a window; use 7, 30 or 90 (days)")
    return int(text)


def month_range(value: str) -> Tuple[str, str]:
    """The ``from`` (inclusive) and ``to`` (exclusive) days of a ``YYYY-MM`` month."""
    year, mon = (int(part) for part in month(value).split("-"))
    start = date(year, mon, 1)
    end = date(year + 1, 1, 1) if mon == 12 else date(year, mon + 1, 1)
    return start.isoformat(), end.isoformat()


def justification(value: str, field: str = "justification") -> str:
    text = value.strip() if isinstance(value, str) else ""
    if len(text) < 10:
        raise InvalidInput.of(field, "is too short: say in a sentence what the GPUs are for")
    if len(text) > 2000:
        raise InvalidInput.of(field, "is longer than 2000 characters: link to a document instead")
    return text


def duration_days(value: Number, field: str = "days") -> int:
    number = _whole_number(value)
    if number is None or not 1 <= number <= MAX_DURATION_DAYS:
        raise InvalidInput.of(field, f"must be a whole number of days from 1 to {MAX_DURATION_DAYS}")
    return number


# --- model deployments (the rules of the Deployments API's schemas) -------------------

#: Where a model version can be deployed; production needs an approval.
ENVIRONMENTS = ("staging", "production")
#: Longest rejection reason.
MAX_REASON = 500

_MODEL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_MODEL_VERSION = re.compile(r"^[1-9][0-9]{0,8}$")
_ALIAS = re.compile(r"^[A-Za-z0-9_-]{1,63}$")
_DEPLOYMENT_ID = re.compile(r"^[0-9a-f-]{36}$")


def model_name(value: str, field: str = "model") -> str:
    """A registered model's name in MLflow, e.g. support-ticket-classifier."""
    if not isinstance(value, str) or not _MODEL_NAME.match(value):
        shown = f"'{value}'" if value else "an empty name"
        raise InvalidInput.of(
            field,
            f"{shown} is not a registered model name; use letters, digits, ., _ and -, "
            "e.g. support-ticket-classifier",
        )
    return value


def model_version(value: Union[int, str], field: str = "version") -> str:
    """A model version number (1 or more), as the text the portal expects: 3 -> '3'."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not _MODEL_VERSION.match(text):
        raise InvalidInput.of(field, f"'{value}' is not a version number; use e.g. 3")
    return text


def alias(value: str, field: str = "alias") -> str:
    """A registered model's alias, e.g. champion."""
    if not isinstance(value, str) or not _ALIAS.match(value):
        raise InvalidInput.of(
            field, f"'{value}' is not an alias; use letters, digits, _ and -, e.g. champion"
        )
    return value


def version_or_alias(
    version: Optional[Union[int, str]],
    alias_: Optional[str],
    fields: Tuple[str, str] = ("version", "alias"),
) -> Tuple[Optional[str], Optional[str]]:
    """Exactly one of a version number and an alias, each checked; the other None."""
    version_field, alias_field = fields
    if version is not None and alias_ is None:
        return model_version(version, version_field), None
    if alias_ is not None and version is None:
        return None, alias(alias_, alias_field)
    raise InvalidInput.of(
        version_field,
        f"name exactly one of {version_field} (such as 3) or {alias_field} (such as champion)",
    )


def environment(value: str, field: str = "environment") -> str:
    if value not in ENVIRONMENTS:
        raise InvalidInput.of(field, f"'{value}' is not an environment; use staging or production")
    return value


def replicas(value: Number, field: str = "replicas") -> int:
    number = _whole_number(value)
    if number is None:
        raise InvalidInput.of(field, f"'{value}' is not a whole number of replicas; use 1 or more")
    if number < 1:
        raise InvalidInput.of(field, "must be at least 1: an endpoint with 0 replicas serves nothing")
    return number


def gpus_per_replica(value: Number, field: str = "gpus") -> int:
    number = _whole_number(value)
    if number is None:
        raise InvalidInput.of(field, f"'{value}' is not a whole number of GPUs per replica; use 0 or more")
    if number < 0:
        raise InvalidInput.of(field, "must be 0 or more GPUs per replica")
    return number


def deployment_id(value: str, field: str = "id") -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    if not _DEPLOYMENT_ID.match(text):
        raise InvalidInput.of(
            field,
            f"'{value}' is not a deployment id; use the whole id (36 characters) that "
            "mlp deploy or mlp deployments MODEL prints",
        )
    return text


def reason(value: str, field: str = "reason") -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InvalidInput.of(field, "is required: say why the deploy is rejected")
    if len(text) > MAX_REASON:
        raise InvalidInput.of(field, f"must be at most {MAX_REASON} characters")
    return text
