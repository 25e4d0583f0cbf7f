export interface Config {
  /** Settings of the ML platform's own plugins. */
  mlp?: {
    /** Where the mlp:* scaffolder actions create Kubernetes objects. */
    kubernetes?: {
      /**
       * Name of the cluster to use, from kubernetes.clusterLocatorMethods (type: config), the
       * same list the Kubernetes plugin reads. Default: the first cluster there.
       */
      cluster?: string;
      /**
       * The local cluster's progress file (data/services/kube/progress.json), written by
       * scripts/services.sh while the cluster is built and started. While it says the cluster is
       * not up yet, what needs the cluster answers 503 ClusterStartingError with the step and
       * about how long is left, instead of "the API server did not answer". Not for real clusters.
       */
      localClusterProgress?: string;
    };
    /** Bounds the actions enforce on GPU counts. */
    gpu?: {
      /** Largest GPU quota a team may get. Default 512. */
      maxPerTeam?: number;
      /** Largest number of GPUs one job may request. Default 64. */
      maxPerJob?: number;
    };
    /** Fair-share scheduler queue created for each team: none (default) or volcano. */
    scheduler?: {
      queue?: 'none' | 'volcano';
    };
    /** ArgoCD: where Applications and AppProjects go, and the UI to link to. */
    argocd?: {
      /** Namespace ArgoCD watches. Default argocd. */
      namespace?: string;
      /** Base URL of the ArgoCD UI, for links. */
      baseUrl?: string;
      /** Cluster ArgoCD deploys to. Default https://kubernetes.default.svc. */
      destinationServer?: string;
    };
    /** Offline publishing (no git host): projects become git repositories in this folder. */
    publish?: {
      /** Folder of the published repositories, relative to the backend's working directory. */
      localDirectory?: string;
    };
  };
  /** MLflow tracking servers. */
  mlflow?: {
    servers?: Array<{
      /** A short name, such as local or prod. */
      name: string;
      /** Base URL of the tracking server's REST API, such as http://127.0.0.1:5050. */
      baseUrl: string;
      /** Base URL of its web UI, for links; default baseUrl. */
      uiUrl?: string;
    }>;
  };
}
