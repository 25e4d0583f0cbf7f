"""Scores the trained model (outputs/) on the validation split.

    python -m src.evaluate
"""

import json

from sklearn.metrics import accuracy_score, f1_score

from src import config, data, model
from src.train import output_dir


def main(hp: config.Hyperparams | None = None) -> dict:
    hp = hp or config.load()
    _, x_val, _, y_val = data.load(hp.samples, hp.validation_fraction, hp.seed)
    predictions = model.load(output_dir()).predict(x_val)
    return {
        "accuracy": float(accuracy_score(y_val, predictions)),
        "f1_macro": float(f1_score(y_val, predictions, average="macro")),
        "examples": int(len(y_val)),
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
