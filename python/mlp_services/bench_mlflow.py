"""Seeds an MLflow backend store for bench/mlflow.sh: one experiment with many runs (params,
per-step metric histories, tags) and many registered models with a team tag. Writes straight to
the store through MLflow's own client (no server), which is much faster than over HTTP."""

import argparse
import time

from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True, help="e.g. sqlite:////tmp/mlflow.db")
    parser.add_argument("--runs", type=int, default=20000)
    parser.add_argument("--models", type=int, default=2000)
    args = parser.parse_args()
    client = MlflowClient(tracking_uri=args.store, registry_uri=args.store)
    experiment_id = client.create_experiment("bench/many-runs")
    started = time.time()
    t0 = int(time.time() * 1000) - args.runs * 1000
    for i in range(args.runs):
        start = t0 + i * 1000
        run = client.create_run(
            experiment_id, start_time=start, run_name=f"run-{i:05d}",
            tags={"team": "nlp-team"},
        )
        loss = 1.0 / (2 + i % 97)
        client.log_batch(
            run.info.run_id,
            metrics=[
                Metric("val_loss", loss * (3 - step), start + step, step)
                for step in range(3)
            ] + [Metric("val_accuracy", 1 - loss, start + 2, 2)],
            params=[Param("lr", str([0.1, 0.01, 0.001][i % 3])), Param("epochs", "3")],
            tags=[RunTag("dataset", "bench")],
        )
        client.set_terminated(run.info.run_id, end_time=start + 500)
        if (i + 1) % 2000 == 0:
            print(f"{i + 1} runs in {time.time() - started:.0f} s", flush=True)
    for i in range(args.models):
        client.create_registered_model(
            f"bench-model-{i:04d}", tags={"team": ["nlp-team", "vision-team", "tabular-team"][i % 3]},
        )
    print(
        f"seeded {args.runs} runs and {args.models} registered models in {time.time() - started:.0f} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
