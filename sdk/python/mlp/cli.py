"""The ``mlp`` command line: argparse wiring, and errors as one line with an exit code.

Exit codes: 0 done; 1 the portal refused (or another error); 2 usage error
(a flag missing or wrong); 3 not logged in or the token was refused;
4 the portal could not be reached. ``--debug`` prints tracebacks.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import List, NoReturn, Optional, Sequence

from . import __version__, commands, config
from .errors import MlpError

__all__ = ["main", "build_parser"]

EXIT_USAGE = 2


class UsageError(Exception):
    """A command line argparse refused."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def _debug_flag(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="show tracebacks of errors",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mlp",
        description=(
            "The ML platform portal from the terminal: GPU quota, cost, training jobs and model "
            "deployments. "
            "Start with `mlp login`."
        ),
        epilog=(
            "Exit codes: 0 done, 1 refused by the portal, 2 usage error, "
            "3 not logged in or token refused, 4 portal unreachable."
        ),
    )
    parser.add_argument("--version", action="version", version=f"mlp {__version__}")
    _debug_flag(parser, False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help: str, description: Optional[str] = None) -> argparse.ArgumentParser:
        child = sub.add_parser(name, help=help, description=description or help)
        # Also accepted after the command; SUPPRESS keeps the global value otherwise.
        _debug_flag(child, argparse.SUPPRESS)
        return child

    login = command(
        "login",
        "log in to the portal once, approving in the browser",
        "Log in to the portal: mlp opens your browser on the portal, you approve there, and the "
        "login lasts (30 days unused by default, renewed by each use) until you revoke it or run "
        "mlp logout. On a remote shell use --no-browser: open the address it prints on any "
        "computer, approve, and paste the address the browser then fails to open. "
        f"--token (or {config.ENV_TOKEN}, with {config.ENV_URL}) logs in with a token instead, "
        f"e.g. a portal token; automation uses {config.ENV_SERVICE_TOKEN} instead. The login is kept in "
        "$XDG_CONFIG_HOME/mlp/config.json (~/.config/mlp/config.json), readable by you only.",
    )
    login.add_argument("--url", help="the portal's address, e.g. https://portal.example.com")
    login.add_argument(
        "--no-browser",
        action="store_true",
        help="print the approval address instead of opening a browser (remote shells)",
    )
    login.add_argument(
        "--token",
        help="log in with this portal token instead of the browser",
    )

    command("logout", "forget the stored login")

    quota = command("quota", "the team's GPU quota and the pods using it")
    quota.add_argument("--team", help="the team (default: your only team)")

    cost = command("cost", "the team's GPU cost in a month, and its budget")
    cost.add_argument("--team", help="the team (default: your only team)")
    cost.add_argument("--month", metavar="YYYY-MM", help="the month (default: the current one, UTC)")

    metrics = command(
        "metrics",
        "the platform's adoption figures (platform keepers)",
        "Jobs submitted, succeeded and failed, users, GPU-hours, runtime, queue wait, adoption "
        "and time to first job, overall, per team and per week, from the portal's own records. "
        "Platform keepers only.",
    )
    metrics.add_argument("--days", default="30", help="the window: 7, 30 or 90 days (default: 30)")

    train = command(
        "train",
        "submit a training job to the team's GPUs",
        "Submit a training job. The portal checks the team's GPU quota and budget first. "
        "Arguments after -- go to the script.",
    )
    train.add_argument("--name", required=True, help="job name: lowercase, digits and -, e.g. bert-finetuning")
    train.add_argument("--image", required=True, help="container image, e.g. ml-training:latest")
    train.add_argument("--script", help="the script to run in the image, e.g. train.py")
    train.add_argument("--gpu", required=True, metavar="N", help="GPUs for the job, 1 or more")
    train.add_argument("--memory", required=True, help="memory, a Kubernetes quantity such as 16Gi")
    train.add_argument("--cpu", default="4", help="CPUs, e.g. 4 or 500m (default: 4)")
    train.add_argument(
        "--timeout-hours", required=True, metavar="H", help="stop the job after this many hours (at most 336)"
    )
    train.add_argument("--retries", default="0", metavar="N", help="retries of a failed job, 0 to 5 (default: 0)")
    train.add_argument(
        "--output-artifacts", nargs="+", action="extend", metavar="PATH", help="files the job saves, e.g. model.pt"
    )
    train.add_argument("--experiment", help="the MLflow experiment to log to")
    train.add_argument("--project", help="the project the cost is counted to")
    train.add_argument("--team", help="the team (default: your only team)")
    train.add_argument("--gpu-type", metavar="MODEL", help="a GPU model, e.g. NVIDIA-L4 (default: any)")
    simulated = train.add_argument_group(
        "simulated cluster", "only on a cluster whose GPU nodes are simulated, such as the portal's local one"
    )
    simulated.add_argument("--simulate-runtime", metavar="DURATION", help="how long its pods run, e.g. 60s, 5m")
    simulated.add_argument("--simulate-exit-code", metavar="N", help="how its pods end: 0 succeeds (default), else fails")
    simulated.add_argument("--simulate-failure", metavar="TEXT", help="the failure message, e.g. 'CUDA out of memory'")

    for name, help in (
        ("status", "a job's phase, runtime and cost"),
        ("logs", "a job's logs"),
        ("cancel", "stop a job; its budget reservation is released"),
    ):
        command(name, help).add_argument("job", metavar="JOB", help="the job id `mlp jobs` prints")

    jobs = command("jobs", "the team's jobs, newest first")
    jobs.add_argument("--team", help="the team (default: all your teams)")

    deploy = command(
        "deploy",
        "deploy a registered model's version to staging or production",
        "Deploy a version of a registered model (MLflow), named by number (--version) or alias "
        "(--alias). Staging goes live at once; production waits for a platform keeper or the "
        "team's lead to approve it (mlp approve), never the one who asked. The portal checks "
        "the team's GPU quota and budget first.",
    )
    deploy.add_argument("model", metavar="MODEL", help="the registered model, e.g. support-ticket-classifier")
    which = deploy.add_mutually_exclusive_group()
    which.add_argument("--version", metavar="N", help="the version number, e.g. 3")
    which.add_argument("--alias", help="the alias naming the version, e.g. champion")
    deploy.add_argument("--env", required=True, metavar="ENV", help="staging or production")
    deploy.add_argument("--replicas", default="1", metavar="N", help="copies of the model serving, 1 or more (default: 1)")
    deploy.add_argument("--gpu", default="0", metavar="N", help="GPUs per replica, 0 or more (default: 0)")

    command("deployments", "a model's endpoints and deployments").add_argument(
        "model", metavar="MODEL", help="the registered model, e.g. support-ticket-classifier"
    )

    rollback = command(
        "rollback",
        "serve the version an environment served before again",
        "Serve again the version the environment served before the current one (no approval "
        "needed, also in production).",
    )
    rollback.add_argument("model", metavar="MODEL", help="the registered model")
    rollback.add_argument("--env", required=True, metavar="ENV", help="staging or production")

    approve = command(
        "approve",
        "approve a production deploy (platform keepers and the team's lead)",
        "Approve a production deploy waiting for approval: it goes live. Platform keepers and the "
        "team's lead approve, never the one who asked for it.",
    )
    approve.add_argument("deployment", metavar="ID", help="the deployment id mlp deploy or mlp deployments prints")

    reject = command("reject", "reject a production deploy waiting for approval")
    reject.add_argument("deployment", metavar="ID", help="the deployment id mlp deploy or mlp deployments prints")
    reject.add_argument("--reason", required=True, metavar="TEXT", help="why, at most 500 characters")
    return parser


def _one_line(message: str) -> str:
    return " ".join(message.split())


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs ``mlp`` with ``argv`` (default: the command line); returns the exit code."""
    words: List[str] = list(sys.argv[1:] if argv is None else argv)
    script_args: List[str] = []
    if "--" in words:
        cut = words.index("--")
        words, script_args = words[:cut], words[cut + 1 :]

    try:
        args = build_parser().parse_args(words)
    except UsageError as usage:
        print(f"mlp: error: {_one_line(str(usage))}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    if script_args and args.command != "train":
        print("mlp: error: only mlp train takes arguments after --", file=sys.stderr)
        return EXIT_USAGE
    args.script_args = script_args

    try:
        return commands.COMMANDS[args.command](args)
    except MlpError as error:
        if args.debug:
            traceback.print_exc()
        print(f"mlp: error: {_one_line(error.message)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("mlp: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - a bug: one line unless --debug
        if args.debug:
            traceback.print_exc()
        print(
            f"mlp: error: unexpected {type(error).__name__}: {_one_line(str(error))} "
            "(run with --debug for the traceback)",
            file=sys.stderr,
        )
        return 1
