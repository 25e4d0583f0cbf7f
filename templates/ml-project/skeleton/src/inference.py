"""Predictions with the trained model (outputs/); the deployment serves `predict`.

    python -m src.inference
"""

import numpy as np

from src import config, data, model
from src.train import output_dir

_model = None


def predict(features: np.ndarray) -> list[int]:
    """The predicted class of each row of features."""
    global _model
    if _model is None:
        _model = model.load(output_dir())
    features = np.asarray(features, dtype=np.float32)
    if features.ndim != 2:
        raise ValueError(f"features must be a 2-D array (rows of features), got shape {features.shape}")
    return [int(p) for p in _model.predict(features)]


if __name__ == "__main__":
    hp = config.load()
    _, x_val, _, y_val = data.load(hp.samples, hp.validation_fraction, hp.seed)
    print("predicted:", predict(x_val[:5]), "actual:", [int(y) for y in y_val[:5]])
