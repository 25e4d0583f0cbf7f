"""Usage errors: caught before any request, one line on stderr, exit code 2."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import List

import pytest

from mlp import __version__, config
from tests.conftest import RunMlp

TRAIN = ["train", "--name", "bert-finetuning", "--image", "ml-training:latest",
         "--script", "train.py", "--memory", "16Gi", "--timeout-hours", "24"]


DEPLOY = ["deploy", "support-ticket-classifier", "--env", "staging"]
DEPLOYMENT_ID = "0b6c1a2f-5d3e-4c7a-9f10-2a4b6c8d0e1f"


def train(*extra: str, gpu: str = "1") -> List[str]:
    return TRAIN + ["--gpu", gpu, *extra]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def logged_in_nowhere() -> str:
    """A stored login whose portal does not answer: a request would exit 4, not 2."""
    url = f"http://127.0.0.1:{closed_port()}"
    config.save(config.Login(url=url, token="t0k3n", user="user:default/x", teams=["nlp-team"]))
    return url


def assert_one_line(err: str, expected: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert err.startswith("mlp: error: "), err
    assert expected in err, err


@pytest.mark.parametrize("gpu", ["0", "-1"])
def test_gpu_below_one(mlp: RunMlp, logged_in_nowhere: str, gpu: str) -> None:
    run = mlp(*train(gpu=gpu))
    assert run.code == 2
    assert run.err == "mlp: error: --gpu: must be 1 or more\n"
    assert run.out == ""


@pytest.mark.parametrize("gpu", ["1.5", "two", ""])
def test_gpu_not_a_whole_number(mlp: RunMlp, logged_in_nowhere: str, gpu: str) -> None:
    run = mlp(*train(gpu=gpu))
    assert run.code == 2
    assert_one_line(run.err, "--gpu: ")


def test_memory_not_a_quantity(mlp: RunMlp, logged_in_nowhere: str) -> None:
    args = train()
    args[args.index("16Gi")] = "16GB"
    run = mlp(*args)
    assert run.code == 2
    assert run.err == "mlp: error: --memory: '16GB' is not a Kubernetes quantity; use e.g. 16Gi\n"


@pytest.mark.parametrize("memory", ["16Gi", "512Mi", "1.5G", "1024"])
def test_memory_quantities_pass(memory: str) -> None:
    from mlp import validation

    assert validation.memory(memory, "--memory") == memory


def test_image_missing(mlp: RunMlp, logged_in_nowhere: str) -> None:
    args = train()
    at = args.index("--image")
    del args[at : at + 2]
    run = mlp(*args)
    assert run.code == 2
    assert_one_line(run.err, "--image")


def test_image_empty(mlp: RunMlp, logged_in_nowhere: str) -> None:
    args = train()
    args[args.index("ml-training:latest")] = "  "
    run = mlp(*args)
    assert run.code == 2
    assert_one_line(run.err, "--image: is required")


def test_unknown_flag(mlp: RunMlp, logged_in_nowhere: str) -> None:
    run = mlp(*train("--gpus", "2"))
    assert run.code == 2
    assert_one_line(run.err, "unrecognized arguments: --gpus")


@pytest.mark.parametrize(
    "flag, value, expected",
    [
        ("--name", "BERT", "--name: 'BERT' is not a job name"),
        ("--name", "a" * 41, "at most 40 characters"),
        ("--name", "bert_finetuning", "--name:"),
        ("--timeout-hours", "0", "--timeout-hours: must be more than 0"),
        ("--timeout-hours", "337", "--timeout-hours: must be at most 336"),
        ("--timeout-hours", "soon", "--timeout-hours: 'soon' is not a number"),
        ("--retries", "6", "--retries: must be a whole number from 0 to 5"),
        ("--cpu", "4 cores", "--cpu: '4 cores' is not a CPU quantity"),
        ("--team", "NLP", "--team: 'NLP' is not a team name"),
    ],
)
def test_train_flag_checks(
    mlp: RunMlp, logged_in_nowhere: str, flag: str, value: str, expected: str
) -> None:
    args = train()
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    run = mlp(*args)
    assert run.code == 2
    assert_one_line(run.err, expected)


def test_month_checked(mlp: RunMlp, logged_in_nowhere: str) -> None:
    run = mlp("cost", "--team", "nlp-team", "--month", "2026-13")
    assert run.code == 2
    assert_one_line(run.err, "--month: '2026-13' is not a month; use YYYY-MM")


def test_job_id_checked(mlp: RunMlp, logged_in_nowhere: str) -> None:
    run = mlp("status", "Bert!")
    assert run.code == 2
    assert_one_line(run.err, "JOB: 'Bert!' is not a job id")


def test_script_args_only_for_train(mlp: RunMlp) -> None:
    run = mlp("jobs", "--", "--lr", "3e-4")
    assert run.code == 2
    assert_one_line(run.err, "only mlp train takes arguments after --")


def test_no_command(mlp: RunMlp) -> None:
    run = mlp()
    assert run.code == 2
    assert_one_line(run.err, "required")


def test_debug_after_the_command_is_accepted(mlp: RunMlp) -> None:
    run = mlp("quota", "--debug")
    assert run.code == 3  # not a usage error: it got to the (missing) login


@pytest.mark.parametrize(
    "argv",
    [
        ["quota"],
        ["quota", "--team", "nlp-team"],
        ["cost", "--team", "nlp-team"],
        ["jobs"],
        ["status", "bert-finetuning-x7k2p"],
        ["logs", "bert-finetuning-x7k2p"],
        ["cancel", "bert-finetuning-x7k2p"],
        TRAIN + ["--gpu", "1", "--", "--epochs", "3"],
        ["deploy", "support-ticket-classifier", "--version", "3", "--env", "staging"],
        ["deploy", "support-ticket-classifier", "--alias", "champion", "--env", "production",
         "--replicas", "2", "--gpu", "1"],
        ["deployments", "support-ticket-classifier"],
        ["rollback", "support-ticket-classifier", "--env", "staging"],
        ["approve", DEPLOYMENT_ID],
        ["reject", DEPLOYMENT_ID, "--reason", "not before the release"],
    ],
)
def test_not_logged_in(mlp: RunMlp, argv: List[str]) -> None:
    run = mlp(*argv)
    assert run.code == 3
    assert_one_line(run.err, "not logged in")
    assert "run mlp login" in run.err


def test_login_without_url_and_no_terminal(mlp: RunMlp) -> None:
    run = mlp("login", "--token", "abc")
    assert run.code == 2
    assert_one_line(run.err, "--url: is required")


def test_login_url_checked(mlp: RunMlp) -> None:
    run = mlp("login", "--url", "localhost:7007", "--token", "abc")
    assert run.code == 2
    assert_one_line(run.err, "--url: 'localhost:7007' is not the portal's address")


def test_help_and_version(mlp: RunMlp) -> None:
    run = mlp("login", "--help")
    assert run.code == 0
    assert "approve there" in run.out and "--no-browser" in run.out
    run = mlp("--version")
    assert run.code == 0
    assert __version__ in run.out


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mlp", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"mlp {__version__}"


@pytest.mark.parametrize(
    "extra, expected",
    [
        (["--simulate-runtime", "60"], "mlp: error: --simulate-runtime: '60' is not a duration; use e.g. 90s, 5m or 2h\n"),
        (
            ["--simulate-exit-code", "1"],
            "mlp: error: --simulate-runtime: is needed with an exit code or a failure: say how long it runs, e.g. 60s\n",
        ),
        (
            ["--simulate-runtime", "5s", "--simulate-exit-code", "300"],
            "mlp: error: --simulate-exit-code: must be a whole number from 0 to 255\n",
        ),
        (
            ["--gpu-type", "NVIDIA L4"],
            "mlp: error: --gpu-type: 'NVIDIA L4' is not a GPU model; "
            "use one such as NVIDIA-A100-SXM4-80GB or NVIDIA-L4\n",
        ),
    ],
)
def test_simulation_and_gpu_type_checked_before_any_request(
    mlp: RunMlp, logged_in_nowhere: str, extra: List[str], expected: str
) -> None:
    run = mlp(*train(*extra))
    assert run.code == 2
    assert run.err == expected
    assert run.out == ""


def test_metrics_window_checked(mlp: RunMlp, logged_in_nowhere: str) -> None:
    run = mlp("metrics", "--days", "14")
    assert run.code == 2
    assert_one_line(run.err, "--days: '14' is not a window; use 7, 30 or 90 (days)")


@pytest.mark.parametrize(
    "extra, expected",
    [
        ([], "mlp: error: --version: name exactly one of --version (such as 3) or --alias (such as champion)\n"),
        (["--version", "0"], "mlp: error: --version: '0' is not a version number; use e.g. 3\n"),
        (["--version", "v3"], "mlp: error: --version: 'v3' is not a version number; use e.g. 3\n"),
        (
            ["--alias", "the champion"],
            "mlp: error: --alias: 'the champion' is not an alias; use letters, digits, _ and -, e.g. champion\n",
        ),
        (
            ["--version", "3", "--replicas", "0"],
            "mlp: error: --replicas: must be at least 1: an endpoint with 0 replicas serves nothing\n",
        ),
        (
            ["--version", "3", "--replicas", "two"],
            "mlp: error: --replicas: 'two' is not a whole number of replicas; use 1 or more\n",
        ),
        (["--version", "3", "--gpu", "-1"], "mlp: error: --gpu: must be 0 or more GPUs per replica\n"),
        (
            ["--version", "3", "--gpu", "0.5"],
            "mlp: error: --gpu: '0.5' is not a whole number of GPUs per replica; use 0 or more\n",
        ),
    ],
)
def test_deploy_flags_checked_before_any_request(
    mlp: RunMlp, logged_in_nowhere: str, extra: List[str], expected: str
) -> None:
    run = mlp(*DEPLOY, *extra)
    assert run.code == 2
    assert run.err == expected
    assert run.out == ""


def test_deploy_version_and_alias_together(mlp: RunMlp, logged_in_nowhere: str) -> None:
    run = mlp(*DEPLOY, "--version", "3", "--alias", "champion")
    assert run.code == 2
    assert_one_line(run.err, "argument --alias: not allowed with argument --version")


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["deploy", "support-ticket-classifier", "--version", "3"], "the following arguments are required: --env"),
        (
            ["deploy", "support-ticket-classifier", "--version", "3", "--env", "prod"],
            "--env: 'prod' is not an environment; use staging or production",
        ),
        (["rollback", "support-ticket-classifier"], "the following arguments are required: --env"),
        (
            ["rollback", "support-ticket-classifier", "--env", "Production"],
            "--env: 'Production' is not an environment; use staging or production",
        ),
        (["deploy", "--version", "3", "--env", "staging"], "the following arguments are required: MODEL"),
        (
            ["deploy", "ticket classifier", "--version", "3", "--env", "staging"],
            "MODEL: 'ticket classifier' is not a registered model name",
        ),
        (["deployments", "support-ticket-classifier", "--team", "nlp-team"], "unrecognized arguments: --team"),
        (["deployments", "models/x"], "MODEL: 'models/x' is not a registered model name"),
        (["rollback", "a" * 201, "--env", "staging"], "is not a registered model name"),
        (["approve", "0b6c1a2f"], "ID: '0b6c1a2f' is not a deployment id; use the whole id (36 characters)"),
        (["approve"], "the following arguments are required: ID"),
        (["reject", DEPLOYMENT_ID], "the following arguments are required: --reason"),
        (["reject", DEPLOYMENT_ID, "--reason", "  "], "--reason: is required: say why the deploy is rejected"),
        (["reject", DEPLOYMENT_ID, "--reason", "x" * 501], "--reason: must be at most 500 characters"),
    ],
)
def test_deployment_commands_checked_before_any_request(
    mlp: RunMlp, logged_in_nowhere: str, argv: List[str], expected: str
) -> None:
    run = mlp(*argv)
    assert run.code == 2
    assert_one_line(run.err, expected)
    assert run.out == ""


def test_deploy_help(mlp: RunMlp) -> None:
    run = mlp("deploy", "--help")
    assert run.code == 0
    assert "--version N | --alias ALIAS" in run.out
    assert "--env ENV" in run.out and "GPUs per replica" in run.out


def test_deployment_checks() -> None:
    from mlp import InvalidInput, validation

    assert validation.version_or_alias(3, None) == ("3", None)
    assert validation.version_or_alias(None, "champion") == (None, "champion")
    assert validation.model_name("support-ticket-classifier") == "support-ticket-classifier"
    assert validation.model_name("Org.Model_v2") == "Org.Model_v2"
    assert validation.replicas("2") == 2 and validation.gpus_per_replica(0) == 0
    assert validation.deployment_id(DEPLOYMENT_ID.upper()) == DEPLOYMENT_ID
    assert validation.reason("  not now  ") == "not now"
    for environment in ("staging", "production"):
        assert validation.environment(environment) == environment
    with pytest.raises(InvalidInput) as caught:
        validation.version_or_alias(3, "champion")
    assert caught.value.field == "version"
    assert caught.value.message.startswith("version: name exactly one of version")
    with pytest.raises(InvalidInput, match=r"^replicas: 'True' is not a whole number of replicas"):
        validation.replicas(True)
