// Test-only: the local services scripts/services.sh started (the test command starts them first).
import { ConfigReader } from '@backstage/config';
import * as k8s from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { readKubeCluster, KubeCluster } from '../clusterConfig';

export function repoRoot(): string {
  // Tests run from the source tree, so walking up from this file finds the repository.
  // eslint-disable-next-line no-restricted-syntax
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts', 'services.sh'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return dir;
}

function servicesDir(): string {
  return process.env.MLP_SERVICES_DIR ?? join(repoRoot(), 'data', 'services');
}

/** The portal config scripts/services.sh wrote; fails (never skips) when the services are down. */
export function servicesConfig(): ConfigReader {
  const file = join(servicesDir(), 'app-config.services.yaml');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: start the local services first (scripts/services.sh up)`,
    );
  }
  return new ConfigReader(parse(readFileSync(file, 'utf8')));
}

export function localCluster(): KubeCluster {
  const cluster = readKubeCluster(servicesConfig());
  if (!cluster)
    throw new Error(
      'no cluster in app-config.services.yaml: is the kube service up?',
    );
  return cluster;
}

/** A client-node config for the admin, or for the team identity (team.kubeconfig). */
export function kubeConfig(
  identity: 'admin' | 'team' = 'admin',
): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(join(servicesDir(), 'kube', `${identity}.kubeconfig`));
  return kc;
}

export function kubeDir(): string {
  return join(servicesDir(), 'kube');
}

/** What scripts/services.sh wrote to services.env (KEY=value lines) about the services it started. */
export function localServicesEnv(): Record<string, string> {
  const file = join(servicesDir(), 'services.env');
  const env: Record<string, string> = {};
  if (!existsSync(file)) return env;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1).trim();
  }
  return env;
}

/** A service's line of services.env; fails (never skips) when the service is not up. */
export function localServiceSetting(key: string, service: string): string {
  const value = localServicesEnv()[key];
  if (!value) {
    throw new Error(
      `no ${key} in ${join(
        servicesDir(),
        'services.env',
      )}: start the local services first (scripts/services.sh up ${service})`,
    );
  }
  return value;
}

/** The PostgreSQL server scripts/services.sh started (services.env); fails when it is down. */
export function localPostgresUrl(): string {
  return localServiceSetting('MLP_POSTGRES_URL', 'postgres');
}
