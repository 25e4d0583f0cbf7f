"""What each ``mlp`` command does, given its parsed arguments.

Inputs are checked (naming the flag) before any request; output goes to
stdout; failures are raised as :class:`~mlp.errors.MlpError` for
:func:`mlp.cli.main` to print as one line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Callable, Dict, Optional

from . import config, validation
from . import format as fmt
from .client import Client
from .errors import AuthenticationFailed, InvalidInput, MlpError

__all__ = ["COMMANDS"]

TOKEN_SOURCE = "the portal's Jobs page, \"Use the mlp CLI\""


def _ask(prompt: str, field: str, env: str, secret: bool = False) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise InvalidInput.of(field, f"is required (there is no terminal to ask on); or set {env}")
    try:
        return getpass.getpass(prompt) if secret else input(prompt)
    except EOFError:
        raise InvalidInput.of(field, f"is required; or set {env}") from None


def login(args: argparse.Namespace) -> int:
    stored = config.load()
    url: Optional[str] = args.url or os.environ.get(config.ENV_URL)
    if not url:
        default = stored.url if stored else None
        answer = _ask(
            f"Portal URL{f' [{default}]' if default else ''}: ", "--url", config.ENV_URL
        ).strip()
        url = answer or default
    url = validation.portal_url(url, "--url")
    token: Optional[str] = args.token or os.environ.get(config.ENV_TOKEN)
    if not token:
        token = _ask(f"Token (from {TOKEN_SOURCE}): ", "--token", config.ENV_TOKEN, secret=True)
    token = validation.token(token, "--token")

    try:
        me = Client(url, token).me()
    except AuthenticationFailed as refused:
        raise AuthenticationFailed(
            f"the portal at {url} refused this token (it may have expired): "
            f"copy a fresh one from {TOKEN_SOURCE}, and run mlp login again",
            refused.status,
            portal_message=refused.portal_message,
        ) from None
    config.save(config.Login(url=url, token=token, user=me["userEntityRef"], teams=list(me["teams"])))
    teams = ", ".join(me["teams"]) or "none"
    print(f"Logged in to {url} as {me['userEntityRef']} (teams: {teams})")
    return 0


def logout(args: argparse.Namespace) -> int:
    path = config.config_path()
    if config.delete():
        print(f"Logged out: removed {path}")
    else:
        print(f"Not logged in: nothing stored at {path}")
    for name in (config.ENV_TOKEN, config.ENV_URL):
        if os.environ.get(name):
            print(f"Note: {name} is still set in the environment, and mlp uses it.")
    return 0


def _team(client: Client, team: Optional[str]) -> str:
    if team is not None:
        return team
    return validation.choose_team(None, client.me()["teams"], "--team")


def quota(args: argparse.Namespace) -> int:
    team = validation.team(args.team, "--team") if args.team is not None else None
    client = Client()
    answer = client.team_quota(_team(client, team))
    if answer["status"] != "ok":
        raise MlpError(answer["message"])
    print(fmt.quota_report(answer))
    return 0


def cost(args: argparse.Namespace) -> int:
    team = validation.team(args.team, "--team") if args.team is not None else None
    month = validation.month(args.month, "--month")
    client = Client()
    name = _team(client, team)
    summary = client.team_cost(name, month)
    # The portal keeps budget status for the current month only.
    budget = client.budget_status(name) if month == validation.current_month() else None
    print(fmt.cost_report(summary, month, budget))
    return 0


def train(args: argparse.Namespace) -> int:
    name = validation.job_name(args.name, "--name")
    image = validation.image(args.image, "--image")
    script = validation.script(args.script, "--script")
    gpus = validation.gpus(args.gpu, "--gpu")
    memory = validation.memory(args.memory, "--memory")
    cpu = validation.cpu(args.cpu, "--cpu")
    timeout = validation.timeout_hours(args.timeout_hours, "--timeout-hours")
    retries = validation.retries(args.retries, "--retries")
    artifacts = validation.paths(args.output_artifacts or [], "--output-artifacts")
    experiment = validation.experiment(args.experiment, "--experiment")
    project = validation.team(args.project, "--project") if args.project is not None else None
    team = validation.team(args.team, "--team") if args.team is not None else None
    gpu_type = validation.gpu_type(args.gpu_type, "--gpu-type")
    validation.simulation(
        args.simulate_runtime,
        args.simulate_exit_code,
        args.simulate_failure,
        ("--simulate-runtime", "--simulate-exit-code", "--simulate-failure"),
    )

    client = Client()
    result = client.submit_training(
        name=name,
        image=image,
        gpus=gpus,
        memory=memory,
        timeout_hours=timeout,
        team=_team(client, team),
        script=script,
        args=args.script_args,
        cpu=cpu,
        retries=retries,
        output_artifacts=artifacts,
        experiment=experiment,
        project=project,
        gpu_type=gpu_type,
        simulate_runtime=args.simulate_runtime,
        simulate_exit_code=args.simulate_exit_code,
        simulate_failure=args.simulate_failure,
    )
    print(fmt.submitted_report(result))
    return 0


def status(args: argparse.Namespace) -> int:
    job_id = validation.job_id(args.job, "JOB")
    print(fmt.job_report(Client().job(job_id)))
    return 0


def logs(args: argparse.Namespace) -> int:
    job_id = validation.job_id(args.job, "JOB")
    text = Client().logs(job_id)
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    return 0


def jobs(args: argparse.Namespace) -> int:
    team = validation.team(args.team, "--team") if args.team is not None else None
    print(fmt.jobs_table(Client().jobs(team)))
    return 0


def cancel(args: argparse.Namespace) -> int:
    job_id = validation.job_id(args.job, "JOB")
    job = Client().cancel(job_id)
    print(f"Cancelled {job.get('id', job_id)} (its reservation is released)")
    return 0


COMMANDS: Dict[str, Callable[[argparse.Namespace], int]] = {
    "login": login,
    "logout": logout,
    "quota": quota,
    "cost": cost,
    "train": train,
    "status": status,
    "logs": logs,
    "jobs": jobs,
    "cancel": cancel,
}
