"""Hyperparameters from config/hyperparams.yaml."""

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Hyperparams:
    epochs: int
    learning_rate: float
    batch_size: int
    validation_fraction: float
    seed: int
    samples: int


def load(path: Path = ROOT / "config" / "hyperparams.yaml", **overrides) -> Hyperparams:
    values = yaml.safe_load(path.read_text())
    values.update(overrides)
    return Hyperparams(**values)
