#!/usr/bin/env node
// Turns the connection details scripts/services.sh wrote (services.env) into an app-config file
// the portal starts with, so the Kubernetes plugin and our plugins talk to the running services.
//
// Usage: node scripts/services-config.mjs SERVICES_ENV OUT_YAML
//
// Kubernetes: the current context of MLP_KUBECONFIG (local or a real cluster) becomes the cluster
// `mlp` of the Kubernetes plugin. Backstage needs a bearer token for it; a kubeconfig whose user
// signs in another way (client certificate, exec plugin) is reported with the fix, not guessed at.
// MLflow: MLP_MLFLOW_URL becomes the MLflow server `local`. Coder: MLP_CODER_URL and MLP_CODER_DIR
// (the local Coder's state) become `coder.*`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

export function readEnvFile(text) {
  const env = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

function named(list, name, what, file) {
  const item = (list ?? []).find(entry => entry?.name === name);
  if (!item) throw new Error(`${file}: ${what} '${name}' is not defined`);
  return item;
}

/** The Kubernetes plugin's cluster entry for the current context of a kubeconfig file. */
export function clusterFromKubeconfig(file) {
  const config = parse(readFileSync(file, 'utf8'));
  const contextName = config?.['current-context'];
  if (!contextName) throw new Error(`${file}: no current-context is set`);
  const { context } = named(config.contexts, contextName, 'context', file);
  const { cluster } = named(config.clusters, context.cluster, 'cluster', file);
  const { user } = named(config.users, context.user, 'user', file);
  const base = dirname(file);
  let token = user?.token;
  if (!token && user?.tokenFile)
    token = readFileSync(resolve(base, user.tokenFile), 'utf8').trim();
  if (!token) {
    throw new Error(
      `${file}: user '${context.user}' has no token (it signs in with ${
        user?.exec ? 'an exec plugin' : 'a client certificate or another method'
      }); the portal needs a service-account token: add the cluster to app-config.local.yaml under kubernetes.clusterLocatorMethods (see README, "Point it at a real cluster")`,
    );
  }
  const entry = {
    name: 'mlp',
    url: cluster.server,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
  };
  if (cluster['certificate-authority'])
    entry.caFile = resolve(base, cluster['certificate-authority']);
  else if (cluster['certificate-authority-data'])
    entry.caData = cluster['certificate-authority-data'];
  if (cluster['insecure-skip-tls-verify']) entry.skipTLSVerify = true;
  return entry;
}

export function servicesAppConfig(env) {
  const config = {};
  if (env.MLP_KUBECONFIG) {
    config.kubernetes = {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              ...clusterFromKubeconfig(env.MLP_KUBECONFIG),
              // The local control plane runs no metrics-server.
              ...(env.MLP_KUBE_NO_METRICS === '1'
                ? { skipMetricsLookup: true }
                : {}),
            },
          ],
        },
      ],
    };
  }
  // The local cluster says how far its first build and start are, for the pages to show.
  if (env.MLP_KUBECONFIG && env.MLP_KUBE_PROGRESS) {
    config.mlp = {
      kubernetes: { localClusterProgress: env.MLP_KUBE_PROGRESS },
    };
  }
  // KWOK's simulated GPU nodes: jobs may say how long their pods run and how they end.
  if (env.MLP_KUBECONFIG && env.MLP_KUBE_SIMULATED === '1') {
    config.jobs = { simulatedCluster: true };
    // The local demo only: scripts/seed-demo-jobs.mjs submits each team's demo jobs as one of its
    // catalog users, named in X-Forwarded-User as oauth2-proxy would. Whoever reaches the backend
    // could do the same, so this is never part of a config for a shared or deployed portal.
    config.auth = {
      providers: {
        oauth2Proxy: {
          signIn: {
            resolvers: [{ resolver: 'forwardedUserMatchingUserEntityName' }],
          },
        },
      },
    };
  }
  // The local Coder (scripts/services/coder.sh): its URL, the key the portal seals users' Coder
  // tokens with, and the bootstrap's admin session, which lists templates for users who have not
  // connected yet.
  // (Prepared before Coder's first build, there is no admin session yet.)
  if (env.MLP_CODER_URL && env.MLP_CODER_DIR) {
    const tokensFile = resolve(env.MLP_CODER_DIR, 'tokens.json');
    config.coder = {
      baseUrl: env.MLP_CODER_URL,
      tokenEncryptionKey: readFileSync(
        resolve(env.MLP_CODER_DIR, 'token-key'),
        'utf8',
      ).trim(),
      ...(existsSync(tokensFile)
        ? {
            adminToken: JSON.parse(readFileSync(tokensFile, 'utf8')).admin
              .token,
          }
        : {}),
    };
  }
  if (env.MLP_PROMETHEUS_URL) {
    config.utilization = {
      prometheus: { baseUrl: env.MLP_PROMETHEUS_URL },
      // The local Prometheus scrapes every 5 s: utilization is measured at that resolution.
      // ... and idle reclaim looks every 15 s, so the demo's policy acts within minutes.
      ...(env.MLP_PROMETHEUS_SCRAPE_SECONDS
        ? {
            resolutionSeconds: Number(env.MLP_PROMETHEUS_SCRAPE_SECONDS),
            reclaim: { intervalSeconds: 15 },
          }
        : {}),
    };
  }
  if (env.MLP_MLFLOW_URL) {
    config.mlflow = {
      servers: [{ name: 'local', baseUrl: env.MLP_MLFLOW_URL }],
    };
  }
  return config;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [envFile, out] = process.argv.slice(2);
  if (!envFile || !out) {
    console.error(
      'usage: node scripts/services-config.mjs SERVICES_ENV OUT_YAML',
    );
    process.exit(2);
  }
  try {
    const config = servicesAppConfig(
      readEnvFile(readFileSync(envFile, 'utf8')),
    );
    writeFileSync(
      out,
      `# Written by scripts/services.sh from ${envFile}; do not edit, it is rewritten on each start.\n${stringify(
        config,
      )}`,
      { mode: 0o600 },
    );
  } catch (error) {
    console.error(`[mlp] error: ${error.message}`);
    process.exit(1);
  }
}
