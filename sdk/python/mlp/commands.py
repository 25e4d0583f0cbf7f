"""What each ``mlp`` command does, given its parsed arguments.

Inputs are checked (naming the flag) before any request; output goes to
stdout; failures are raised as :class:`~mlp.errors.MlpError` for
:func:`mlp.cli.main` to print as one line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import socket
import sys
import webbrowser
from typing import Callable, Dict, Optional

from . import config, oauth, validation
from . import format as fmt
from .client import Client
from .errors import AuthenticationFailed, InvalidInput, MlpError

__all__ = ["COMMANDS"]

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
    if token:
        return _login_with_token(url, validation.token(token, "--token"))
    return _login_in_browser(url, no_browser=args.no_browser)


def _login_with_token(url: str, token: str) -> int:
    if token.startswith(config.SERVICE_TOKEN_PREFIX):
        # A service token is not a bearer token: it signs in for one each time mlp runs.
        raise InvalidInput.of(
            "--token",
            f"this is a service token: set {config.ENV_SERVICE_TOKEN} (with {config.ENV_URL}) "
            "where mlp runs instead of logging in with it",
        )
    try:
        me = Client(url, token).me()
    except AuthenticationFailed as refused:
        raise AuthenticationFailed(
            f"the portal at {url} refused this token (it may have expired): "
            "run mlp login without --token to log in in the browser",
            refused.status,
            portal_message=refused.portal_message,
        ) from None
    config.save(config.Login(url=url, token=token, user=me["userEntityRef"], teams=list(me["teams"])))
    _logged_in(url, me)
    return 0


def _login_in_browser(url: str, no_browser: bool) -> int:
    authorization = oauth.start_authorization(url)
    print(f"Approve mlp in the portal: {authorization.approval_url}", flush=True)
    opened = False if no_browser else webbrowser.open(authorization.approval_url)
    if not opened:
        print(
            "Open that address in a browser where you use the portal. When the browser is on "
            "another computer, it then fails to open an http://127.0.0.1 address: copy that whole "
            "address from its address bar and paste it here.",
            flush=True,
        )
        if sys.stdin and sys.stdin.isatty():
            oauth.run_paste_reader(authorization, "Address (or wait for the browser): ")
    tokens = authorization.wait()
    client = Client(url, tokens.access_token)
    me = client.me()
    previous = config.load()
    config.save(
        config.Login(
            url=url,
            token=tokens.access_token,
            user=me["userEntityRef"],
            teams=list(me["teams"]),
            refresh_token=tokens.refresh_token,
            issuer=authorization.issuer,
            expires_at=tokens.expires_at,
        )
    )
    _logged_in(url, me)
    if previous is not None and previous.renewable:
        # The login this one replaces would otherwise stay valid, unused, until it expires.
        try:
            oauth.revoke(previous.issuer, previous.refresh_token)
        except MlpError:
            pass
    host = _host_name()
    try:
        # The refresh token is "<login id>.<secret>"; the id names the login on the portal.
        client.report_login_host(tokens.refresh_token.split(".", 1)[0], host)
    except MlpError as e:
        print(f"Note: the portal's CLI access page will not show this computer's name ({e.message})")
    print(
        f"The login renews itself; see or revoke it on the portal's CLI access page (as {host}), "
        "or with mlp logout."
    )
    return 0


def _host_name() -> str:
    """This computer's name as the CLI access page may show it."""
    name = re.sub(r"[^\w.@:-]", "-", socket.gethostname())[:100].strip("-")
    return name or "unknown-host"


def _logged_in(url: str, me: Dict) -> None:
    teams = ", ".join(me["teams"]) or "none"
    print(f"Logged in to {url} as {me['userEntityRef']} (teams: {teams})", flush=True)


def logout(args: argparse.Namespace) -> int:
    path = config.config_path()
    stored = config.load()
    if stored is not None and stored.renewable:
        # Revoked on the portal first, so a copy of the file is no use either.
        oauth.revoke(stored.issuer, stored.refresh_token)
        print(f"Revoked the login on {stored.url}")
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


def metrics(args: argparse.Namespace) -> int:
    days = validation.metrics_days(args.days, "--days")
    print(fmt.metrics_report(Client().platform_metrics(days)))
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


def deploy(args: argparse.Namespace) -> int:
    model = validation.model_name(args.model, "MODEL")
    version, alias = validation.version_or_alias(args.version, args.alias, ("--version", "--alias"))
    environment = validation.environment(args.env, "--env")
    replicas = validation.replicas(args.replicas, "--replicas")
    gpus = validation.gpus_per_replica(args.gpu, "--gpu")
    result = Client().deploy(
        model, version=version, alias=alias, environment=environment, replicas=replicas, gpus=gpus
    )
    print(fmt.deployed_report(result))
    return 0


def deployments(args: argparse.Namespace) -> int:
    model = validation.model_name(args.model, "MODEL")
    print(fmt.deployments_report(Client().deployments(model)))
    return 0


def rollback(args: argparse.Namespace) -> int:
    model = validation.model_name(args.model, "MODEL")
    environment = validation.environment(args.env, "--env")
    print(fmt.rolled_back_report(Client().rollback(model, environment)))
    return 0


def approve(args: argparse.Namespace) -> int:
    deployment_id = validation.deployment_id(args.deployment, "ID")
    print(fmt.approved_report(Client().approve_deployment(deployment_id)))
    return 0


def reject(args: argparse.Namespace) -> int:
    deployment_id = validation.deployment_id(args.deployment, "ID")
    reason = validation.reason(args.reason, "--reason")
    print(fmt.rejected_report(Client().reject_deployment(deployment_id, reason)))
    return 0


COMMANDS: Dict[str, Callable[[argparse.Namespace], int]] = {
    "login": login,
    "logout": logout,
    "quota": quota,
    "cost": cost,
    "metrics": metrics,
    "train": train,
    "status": status,
    "logs": logs,
    "jobs": jobs,
    "cancel": cancel,
    "deploy": deploy,
    "deployments": deployments,
    "rollback": rollback,
    "approve": approve,
    "reject": reject,
}
