import type { Entity } from '@backstage/catalog-model';
import {
  MLFLOW_EXPERIMENT_ANNOTATION,
  MLFLOW_MODEL_ANNOTATION,
  MLFLOW_SERVER_ANNOTATION,
} from '@internal/plugin-mlflow-common';

/** What an entity says about MLflow. */
export function mlflowRefs(entity: Entity) {
  const a = entity.metadata.annotations ?? {};
  return {
    server: a[MLFLOW_SERVER_ANNOTATION] || undefined,
    experiment: a[MLFLOW_EXPERIMENT_ANNOTATION] || undefined,
    model: a[MLFLOW_MODEL_ANNOTATION] || undefined,
  };
}
