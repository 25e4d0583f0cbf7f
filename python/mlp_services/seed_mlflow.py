"""Seeds a running MLflow server with realistic data by really training small models.

For each team: two experiments named "<team>/<model>" (the catalog's mlflow.org/experiment-name
annotation), three runs each with parameters, per-epoch metric histories and tags, the runs' models
logged as MLflow 3 logged models, and a registered model with one version per run, aliased
`champion` (best validation accuracy) and `challenger` (second best).

MLflow does not record when an alias moved, so whoever moves one through the platform's tools also
sets the registered-model tag `mlp.alias.<alias>` = "<version>@<ISO time>" (see `move_alias`);
the portal shows that time only while the tag names the version the alias is on. The tag
`mlp.key_metric` names the metric the portal shows first for the model.

Data ships inside the packages: scikit-learn's bundled datasets and our own ticket corpus.
Usage: python -m mlp_services.seed_mlflow --tracking-uri http://127.0.0.1:5000
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

import mlflow
import numpy as np
from mlflow import MlflowClient
from sklearn.datasets import load_breast_cancer, load_digits, load_wine
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .tickets import load_tickets

EPOCHS = 8
# (alpha, eta0) per run: three honest hyper-parameter settings, not rigged results.
SETTINGS = [(1e-4, 0.01), (1e-3, 0.05), (1e-2, 0.1)]
SKLEARN_REQUIREMENT = "scikit-learn"
# The metric the portal shows first (registered-model tag `mlp.key_metric`).
KEY_METRIC = "val_accuracy"


@dataclass
class Project:
    team: str
    model: str  # registered model name and second half of the experiment name
    dataset: str
    load: Callable[[], tuple[np.ndarray, np.ndarray]]
    registered: bool  # whether it gets a registered model (the catalog's three models do)


def _tickets():
    texts, labels = load_tickets()
    features = HashingVectorizer(n_features=2**12, alternate_sign=False, ngram_range=(1, 2))
    return features.transform(texts).toarray(), np.array(labels)


def _sklearn(loader):
    return lambda: loader(return_X_y=True)


PROJECTS = [
    Project("nlp-team", "support-ticket-classifier", "support-tickets (bundled)", _tickets, True),
    Project("nlp-team", "ticket-urgency", "support-tickets (bundled)", _tickets, False),
    Project("vision-team", "defect-detector", "sklearn digits", _sklearn(load_digits), True),
    Project("vision-team", "digit-reader", "sklearn digits", _sklearn(load_digits), False),
    Project("tabular-team", "churn-predictor", "sklearn breast_cancer", _sklearn(load_breast_cancer), True),
    Project("tabular-team", "wine-grader", "sklearn wine", _sklearn(load_wine), False),
]


def train_run(project: Project, alpha: float, eta0: float, seed: int) -> tuple[str, mlflow.models.model.ModelInfo, float]:
    """Trains one model epoch by epoch inside an MLflow run; returns (run id, logged model, val acc)."""
    x, y = project.load()
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25, random_state=seed, stratify=y)
    scaler = StandardScaler().fit(x_train)
    x_train_s, x_val_s = scaler.transform(x_train), scaler.transform(x_val)
    classes = np.unique(y)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, eta0=eta0, learning_rate="adaptive", random_state=seed)

    with mlflow.start_run(run_name=f"{project.model}-a{alpha:g}") as run:
        mlflow.set_tags({"team": project.team, "framework": "sklearn", "dataset": project.dataset})
        # The data it trained on, as MLflow records datasets: the model's lineage in the portal shows it.
        mlflow.log_input(mlflow.data.from_numpy(x_train, targets=y_train, name=project.dataset), context="training")
        mlflow.log_params({"alpha": alpha, "eta0": eta0, "epochs": EPOCHS, "model": "SGDClassifier"})
        for epoch in range(1, EPOCHS + 1):
            clf.partial_fit(x_train_s, y_train, classes=classes)
            mlflow.log_metrics(
                {
                    "train_loss": log_loss(y_train, clf.predict_proba(x_train_s), labels=classes),
                    "val_loss": log_loss(y_val, clf.predict_proba(x_val_s), labels=classes),
                    "val_accuracy": accuracy_score(y_val, clf.predict(x_val_s)),
                },
                step=epoch,
            )
        val_accuracy = accuracy_score(y_val, clf.predict(x_val_s))
        mlflow.log_metric("val_f1_macro", f1_score(y_val, clf.predict(x_val_s), average="macro"))
        pipeline = make_pipeline(scaler, clf)
        # An MLflow 3 logged model, linked to this run.
        info = mlflow.sklearn.log_model(
            pipeline,
            name="model",
            input_example=x_val[:2],
            pip_requirements=[SKLEARN_REQUIREMENT],
        )
        return run.info.run_id, info, val_accuracy


def move_alias(client: MlflowClient, model: str, alias: str, version: str) -> None:
    """Points `alias` at `version` and records when: tag mlp.alias.<alias> = "<version>@<ISO time>"."""
    client.set_registered_model_alias(model, alias, version)
    moved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    client.set_registered_model_tag(model, f"mlp.alias.{alias}", f"{version}@{moved_at}")


def seed(tracking_uri: str) -> dict[str, int]:
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri)
    counts = {"experiments": 0, "runs": 0, "model_versions": 0}
    for project in PROJECTS:
        name = f"{project.team}/{project.model}"
        existing = client.get_experiment_by_name(name)
        if existing and client.search_runs([existing.experiment_id], max_results=1):
            continue  # already seeded; seeding is idempotent
        mlflow.set_experiment(name)
        client.set_experiment_tag(mlflow.get_experiment_by_name(name).experiment_id, "team", project.team)
        counts["experiments"] += 1
        results = []
        for i, (alpha, eta0) in enumerate(SETTINGS):
            results.append(train_run(project, alpha, eta0, seed=i))
            counts["runs"] += 1
        if not project.registered:
            continue
        try:
            client.create_registered_model(
                project.model,
                tags={"team": project.team, "framework": "sklearn"},
                description=f"Demo model of the {project.team}, trained on {project.dataset}.",
            )
        except mlflow.exceptions.MlflowException as e:
            if "RESOURCE_ALREADY_EXISTS" not in str(e):
                raise
        client.set_registered_model_tag(project.model, "mlp.key_metric", KEY_METRIC)
        versions = []
        for run_id, info, accuracy in results:
            mv = client.create_model_version(
                project.model, source=info.model_uri, run_id=run_id, model_id=info.model_id
            )
            versions.append((accuracy, mv.version))
            counts["model_versions"] += 1
        ranked = sorted(versions, reverse=True)
        move_alias(client, project.model, "champion", ranked[0][1])
        move_alias(client, project.model, "challenger", ranked[1][1])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tracking-uri", required=True, help="e.g. http://127.0.0.1:5000")
    args = parser.parse_args()
    started = time.monotonic()
    counts = seed(args.tracking_uri)
    print(
        f"seeded {counts['experiments']} experiments, {counts['runs']} runs, "
        f"{counts['model_versions']} model versions in {time.monotonic() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
