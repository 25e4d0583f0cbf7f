"""Local services of the ML platform portal (MLflow seeding)."""
