// The portal's backend: Backstage's new backend system with the plugins the ML platform uses.
// Wiring only; every module's logic lives next to it under src/modules.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in. Guest locally; production configs add a real identity provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Behind an oauth2-proxy (auth.providers.oauth2Proxy); the e2e tests sign keepers in with it.
backend.add(
  import('@backstage/plugin-auth-backend-module-oauth2-proxy-provider'),
);
// `mlp login`: the mlp command line's OAuth client metadata (/api/auth/mlp-cli/client.json).
backend.add(import('@internal/plugin-auth-backend-module-mlp-cli'));

// Catalog: teams, models and resources from catalog/; errors in catalog files are logged.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// File locations, for projects published offline by the mlp:publish:local scaffolder action.
backend.add(import('@internal/plugin-catalog-backend-module-mlp'));
// MLflow registered models as ml-model Components, on a schedule.
backend.add(import('@internal/plugin-catalog-backend-module-mlflow'));

// Templates.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
// mlp:* actions: team onboarding and ML project bootstrap (Kubernetes API, MLflow, catalog).
backend.add(import('@internal/plugin-scaffolder-backend-module-mlp'));

// Model cards and guides.
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('./modules/techdocsPrebuild'));

// Search: Lunr in memory on SQLite, PostgreSQL full text when the database is PostgreSQL.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-kubernetes-backend'));

// GPU quotas per team, increase requests, approval and expiry (/api/gpu-quota).
backend.add(import('@internal/plugin-gpu-quota-backend'));
// GPU cost: allocation ledger from the cluster, budgets, budget checks (/api/cost).
backend.add(import('@internal/plugin-cost-backend'));
// MLflow experiments, runs and registered models, through the backend only (/api/mlflow).
backend.add(import('@internal/plugin-mlflow-backend'));
// Each user's GPU workspaces in Coder, with their own Coder token (/api/coder).
backend.add(import('@internal/plugin-coder-backend'));
// Training jobs as Argo Workflows in team namespaces, for the portal and the mlp CLI (/api/jobs).
backend.add(import('@internal/plugin-jobs-backend'));
// Model versions deployed as KServe InferenceServices, with approvals, rollback, lineage and an
// audit trail (/api/deployments).
backend.add(import('@internal/plugin-deployments-backend'));
// Idle GPU reclaim: idle policies, notices to owners, stops after the grace.
backend.add(import('@internal/plugin-utilization-backend'));
// Platform metrics for keepers: jobs, GPU-hours, queue wait, time to first job, adoption
// (/api/platform-metrics), from the jobs plugin's records and the auth module's sign-ins.
backend.add(import('@internal/plugin-platform-metrics-backend'));

// Permissions: platform-team administers, everyone else reads and uses self-service.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
