"""The ${{ values.framework }} model: trained one epoch at a time, so every epoch's metrics reach MLflow."""

from pathlib import Path

import numpy as np
{%- if values.framework == 'sklearn' %}
import joblib
import mlflow.sklearn
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
{%- elif values.framework == 'pytorch' %}
import mlflow.pytorch
import torch
from torch import nn
{%- else %}
import mlflow.tensorflow
import tensorflow as tf
{%- endif %}


class Model:
    def __init__(self, n_features: int, n_classes: int, learning_rate: float, batch_size: int, seed: int):
        self.n_classes = n_classes
        self.batch_size = batch_size
{%- if values.framework == 'sklearn' %}
        self.scaler = StandardScaler()
        self.classifier = SGDClassifier(
            loss="log_loss", learning_rate="constant", eta0=learning_rate, random_state=seed
        )
{%- elif values.framework == 'pytorch' %}
        torch.manual_seed(seed)
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.net = nn.Sequential(nn.Linear(n_features, 64), nn.ReLU(), nn.Linear(64, n_classes)).to(self.device)
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=learning_rate)
        self.loss = nn.CrossEntropyLoss()
{%- else %}
        tf.keras.utils.set_random_seed(seed)
        self.net = tf.keras.Sequential(
            [
                tf.keras.Input(shape=(n_features,)),
                tf.keras.layers.Dense(64, activation="relu"),
                tf.keras.layers.Dense(n_classes),
            ]
        )
        self.net.compile(
            optimizer=tf.keras.optimizers.Adam(learning_rate),
            loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
{%- endif %}

    def train_epoch(self, x: np.ndarray, y: np.ndarray) -> float:
        """One pass over the training data; returns the training loss."""
{%- if values.framework == 'sklearn' %}
        if not hasattr(self.scaler, "mean_"):
            self.scaler.fit(x)
        xs = self.scaler.transform(x)
        for start in range(0, len(xs), self.batch_size):
            batch = slice(start, start + self.batch_size)
            self.classifier.partial_fit(xs[batch], y[batch], classes=np.arange(self.n_classes))
        proba = self.classifier.predict_proba(xs)
        return float(-np.mean(np.log(proba[np.arange(len(y)), y] + 1e-12)))
{%- elif values.framework == 'pytorch' %}
        self.net.train()
        xt = torch.from_numpy(x).to(self.device)
        yt = torch.from_numpy(y).to(self.device)
        total = 0.0
        for start in range(0, len(xt), self.batch_size):
            self.optimizer.zero_grad()
            loss = self.loss(self.net(xt[start : start + self.batch_size]), yt[start : start + self.batch_size])
            loss.backward()
            self.optimizer.step()
            total += loss.item() * len(yt[start : start + self.batch_size])
        return total / len(xt)
{%- else %}
        history = self.net.fit(x, y, epochs=1, batch_size=self.batch_size, verbose=0)
        return float(history.history["loss"][-1])
{%- endif %}

    def predict(self, x: np.ndarray) -> np.ndarray:
{%- if values.framework == 'sklearn' %}
        return self.classifier.predict(self.scaler.transform(x))
{%- elif values.framework == 'pytorch' %}
        self.net.eval()
        with torch.no_grad():
            return self.net(torch.from_numpy(x).to(self.device)).argmax(dim=1).cpu().numpy()
{%- else %}
        return np.argmax(self.net.predict(x, verbose=0), axis=1)
{%- endif %}

    def log_to_mlflow(self, input_example: np.ndarray):
        """Logs the model to the active MLflow run (an MLflow 3 logged model)."""
{%- if values.framework == 'sklearn' %}
        return mlflow.sklearn.log_model(
            make_pipeline(self.scaler, self.classifier), name="model", input_example=input_example
        )
{%- elif values.framework == 'pytorch' %}
        return mlflow.pytorch.log_model(self.net.cpu(), name="model")
{%- else %}
        return mlflow.tensorflow.log_model(self.net, name="model")
{%- endif %}

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
{%- if values.framework == 'sklearn' %}
        path = directory / "model.joblib"
        joblib.dump(self, path)
{%- elif values.framework == 'pytorch' %}
        path = directory / "model.pt"
        torch.save(self, path)
{%- else %}
        path = directory / "model.keras"
        self.net.save(path)
{%- endif %}
        return path


def load(directory: Path) -> "Model":
{%- if values.framework == 'sklearn' %}
    return joblib.load(directory / "model.joblib")
{%- elif values.framework == 'pytorch' %}
    return torch.load(directory / "model.pt", weights_only=False)
{%- else %}
    model = Model.__new__(Model)
    model.net = tf.keras.models.load_model(directory / "model.keras")
    return model
{%- endif %}
