/** The MLflow experiment whose runs an ML model or project entity shows. */
export const MLFLOW_EXPERIMENT_ANNOTATION = 'mlflow.org/experiment-name';
/** The MLflow registered model an ML model entity is. */
export const MLFLOW_MODEL_ANNOTATION = 'mlflow.org/registered-model';
/** Which configured MLflow server (`mlflow.servers[].name`); the first one when absent. */
export const MLFLOW_SERVER_ANNOTATION = 'mlflow.org/server';
