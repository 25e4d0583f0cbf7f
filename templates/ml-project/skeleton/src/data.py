"""Example data for a ${{ values.modelType }} model. Replace `load` with your own data."""

import numpy as np
from sklearn.model_selection import train_test_split
{%- if values.modelType == 'vision' %}
from sklearn.datasets import load_digits
{%- elif values.modelType == 'nlp' %}
from sklearn.feature_extraction.text import HashingVectorizer
{%- else %}
from sklearn.datasets import make_classification
{%- endif %}
{%- if values.modelType == 'nlp' %}

_TOPICS = {
    0: ["invoice", "refund", "charge", "payment", "billing", "price"],
    1: ["login", "password", "error", "crash", "bug", "timeout"],
    2: ["delivery", "parcel", "shipping", "address", "courier", "late"],
}


def _texts(n: int, rng: np.random.Generator):
    labels = rng.integers(0, len(_TOPICS), n)
    words = [w for ws in _TOPICS.values() for w in ws]
    texts = [
        " ".join(rng.choice(_TOPICS[int(y)], 4).tolist() + rng.choice(words, 2).tolist())
        for y in labels
    ]
    return texts, labels


VECTORIZER = HashingVectorizer(n_features=256, alternate_sign=False, norm="l2")
{%- endif %}


def load(samples: int, validation_fraction: float, seed: int):
    """Returns (x_train, x_val, y_train, y_val) as float32 features and integer labels."""
{%- if values.modelType == 'vision' %}
    digits = load_digits()  # 8x8 images, bundled with scikit-learn
    x = (digits.images.reshape(len(digits.images), -1) / 16.0)[:samples]
    y = digits.target[:samples]
{%- elif values.modelType == 'nlp' %}
    texts, y = _texts(samples, np.random.default_rng(seed))
    x = VECTORIZER.transform(texts).toarray()
{%- elif values.modelType == 'reinforcement' %}
    # A contextual bandit: the label is the arm with the best reward for the context.
    x, y = make_classification(
        n_samples=samples, n_features=12, n_informative=6, n_classes=4, random_state=seed
    )
{%- else %}
    x, y = make_classification(
        n_samples=samples, n_features=20, n_informative=8, n_classes=2, random_state=seed
    )
{%- endif %}
    return train_test_split(
        x.astype(np.float32), y.astype(np.int64), test_size=validation_fraction, random_state=seed
    )
