"""Trains the model and logs params, per-epoch metrics and the model to MLflow.

    python -m src.train
"""

import os
from dataclasses import asdict
from pathlib import Path

import mlflow
import numpy as np
from sklearn.metrics import accuracy_score, f1_score

from src import config, data
from src.model import Model

EXPERIMENT = os.environ.get("MLFLOW_EXPERIMENT_NAME", "${{ values.team }}/${{ values.name }}")


def output_dir() -> Path:
    return Path(os.environ.get("MLP_OUTPUT_DIR", config.ROOT / "outputs"))


def main(hp: config.Hyperparams | None = None) -> str:
    """Trains; returns the MLflow run id."""
    hp = hp or config.load()
    if not os.environ.get("MLFLOW_TRACKING_URI"):
        mlflow.set_tracking_uri(f"sqlite:///{config.ROOT / 'mlruns.db'}")
    mlflow.set_experiment(EXPERIMENT)
    x_train, x_val, y_train, y_val = data.load(hp.samples, hp.validation_fraction, hp.seed)
    n_classes = int(max(y_train.max(), y_val.max()) + 1)
    model = Model(x_train.shape[1], n_classes, hp.learning_rate, hp.batch_size, hp.seed)
    with mlflow.start_run() as run:
        mlflow.log_params(asdict(hp))
        mlflow.set_tags(
            {"team": "${{ values.team }}", "project": "${{ values.name }}", "framework": "${{ values.framework }}"}
        )
        for epoch in range(hp.epochs):
            loss = model.train_epoch(x_train, y_train)
            accuracy = accuracy_score(y_val, model.predict(x_val))
            mlflow.log_metrics({"train_loss": loss, "val_accuracy": accuracy}, step=epoch)
            print(f"epoch {epoch + 1}/{hp.epochs}: loss {loss:.4f}, val accuracy {accuracy:.3f}")
        predictions = model.predict(x_val)
        mlflow.log_metric("val_f1_macro", f1_score(y_val, predictions, average="macro"))
        model.log_to_mlflow(input_example=np.asarray(x_val[:2]))
        model.save(output_dir())
        return run.info.run_id


if __name__ == "__main__":
    print(f"MLflow run {main()}")
