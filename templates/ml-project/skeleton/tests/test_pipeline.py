"""Trains on a little data with a throw-away MLflow store, then evaluates and predicts."""

import os

import pytest
from mlflow.tracking import MlflowClient

from src import config, evaluate, inference, train

CLASSES = {"tabular": 2, "vision": 10, "nlp": 3, "reinforcement": 4}["${{ values.modelType }}"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """Trains once for all tests of this file, into a throw-away MLflow store and output folder."""
    tmp = tmp_path_factory.mktemp("run")
    saved = {k: os.environ.get(k) for k in ("MLFLOW_TRACKING_URI", "MLP_OUTPUT_DIR")}
    os.environ["MLFLOW_TRACKING_URI"] = f"sqlite:///{tmp / 'mlflow.db'}"
    os.environ["MLP_OUTPUT_DIR"] = str(tmp / "outputs")
    inference._model = None
    hp = config.load(epochs=3, samples=600)
    yield hp, train.main(hp)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_training_learns_and_logs_every_epoch(trained):
    hp, run_id = trained
    client = MlflowClient()
    run = client.get_run(run_id)
    assert run.data.params["epochs"] == "3"
    assert run.data.tags["project"] == "${{ values.name }}"
    assert len(client.get_metric_history(run_id, "val_accuracy")) == 3
    assert run.data.metrics["val_accuracy"] > 1 / CLASSES + 0.15


def test_evaluation_and_inference_use_the_trained_model(trained):
    hp, _ = trained
    scores = evaluate.main(hp)
    assert scores["accuracy"] > 1 / CLASSES + 0.15
    assert scores["examples"] == int(600 * hp.validation_fraction)
    from src import data

    _, x_val, _, _ = data.load(hp.samples, hp.validation_fraction, hp.seed)
    predictions = inference.predict(x_val[:4])
    assert len(predictions) == 4 and all(0 <= p < CLASSES for p in predictions)


def test_inference_rejects_a_flat_vector(trained):
    with pytest.raises(ValueError, match="2-D array"):
        inference.predict([1.0, 2.0])
