"""A small support-ticket corpus for the NLP team's demo models.

scikit-learn ships no text dataset that works offline, so the tickets are composed here from
phrases per queue with a fixed seed: the same corpus every time, no download.
"""

import random

QUEUES = {
    "login": [
        "cannot log in", "password reset link expired", "two factor code not accepted",
        "account locked after failed attempts", "sso redirect loops", "error 403 at sign in",
    ],
    "billing": [
        "charged twice this month", "invoice shows wrong vat", "refund not received",
        "credit card declined at renewal", "need a copy of last invoice", "price changed without notice",
    ],
    "shipping": [
        "parcel has not arrived", "tracking number not working", "package delivered to wrong address",
        "delivery delayed by a week", "box arrived damaged", "change delivery date",
    ],
    "technical": [
        "app crashes on startup", "sync fails with timeout", "export to csv is empty",
        "dashboard loads very slowly", "api returns 500 error", "notifications stopped working",
    ],
}
OPENERS = ["hello,", "hi team,", "urgent:", "", "good morning,", "dear support,"]
CLOSERS = ["please help", "thanks", "what can i do", "", "this is blocking my work", "kind regards"]


def load_tickets(n_per_queue: int = 120, seed: int = 7) -> tuple[list[str], list[str]]:
    """Returns (texts, labels): n_per_queue tickets for each queue, shuffled deterministically."""
    rng = random.Random(seed)
    rows = []
    for queue, phrases in QUEUES.items():
        for _ in range(n_per_queue):
            body = " and ".join(rng.sample(phrases, k=rng.choice([1, 2])))
            # A little noise from other queues keeps the task from being trivial.
            if rng.random() < 0.25:
                other = rng.choice([q for q in QUEUES if q != queue])
                body += ", also " + rng.choice(QUEUES[other])
            rows.append((f"{rng.choice(OPENERS)} {body}. {rng.choice(CLOSERS)}".strip(), queue))
    rng.shuffle(rows)
    return [t for t, _ in rows], [q for _, q in rows]
