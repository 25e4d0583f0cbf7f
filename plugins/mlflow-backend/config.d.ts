export interface Config {
  mlflow?: {
    /** MLflow tracking servers; entities pick one with mlflow.org/server (the first by default). */
    servers?: Array<{
      name: string;
      /** The tracking server's address, e.g. http://mlflow.mlflow:5000. */
      baseUrl: string;
      /** Where people open the MLflow UI, when it differs from baseUrl. */
      uiUrl?: string;
      /**
       * Bearer token, for MLflow behind an authenticating proxy.
       * @visibility secret
       */
      token?: string;
      /** MLflow's basic auth user. */
      username?: string;
      /**
       * MLflow's basic auth password.
       * @visibility secret
       */
      password?: string;
    }>;
    /** How long answers of MLflow are reused, in seconds (default 15). */
    cacheSeconds?: number;
    /** Registered models ingested into the catalog as ml-model Components. */
    catalog?: {
      /** Default true when servers are configured. */
      enabled?: boolean;
      /** How often, in minutes (default 30). */
      frequencyMinutes?: number;
      /** Seconds after start before the first pass (default 120), once the catalog read its files. */
      initialDelaySeconds?: number;
      /** Owner of models without a valid `team` tag (default group:default/platform-team). */
      defaultOwner?: string;
    };
  };
}
