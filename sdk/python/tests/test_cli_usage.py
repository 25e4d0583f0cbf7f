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
    assert "Jobs page" in run.out and "Use the mlp CLI" in run.out
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
