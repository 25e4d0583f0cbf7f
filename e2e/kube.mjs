// Reads the local cluster the portal under test uses, as its admin, with the kubeconfig
// scripts/services.sh wrote (data/services/services.env names it). The tests only read: what
// runs there is the scheduler's, KWOK's and Argo's doing.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function adminConnection() {
  const env = readFileSync(join(root, 'data/services/services.env'), 'utf8');
  const file = /^MLP_KUBECONFIG=(.*)$/m.exec(env)?.[1];
  if (!file)
    throw new Error('data/services/services.env names no MLP_KUBECONFIG');
  const config = parse(readFileSync(file, 'utf8'));
  const context = config.contexts.find(
    c => c.name === config['current-context'],
  ).context;
  const cluster = config.clusters.find(c => c.name === context.cluster).cluster;
  const user = config.users.find(u => u.name === context.user).user;
  return {
    server: cluster.server,
    ca: readFileSync(resolve(dirname(file), cluster['certificate-authority'])),
    token: user.token,
  };
}

/** GET a path of the API server; answers the parsed JSON, or throws with the status. */
export async function kubeGet(path) {
  const { server, ca, token } = adminConnection();
  return new Promise((resolveAnswer, reject) => {
    const req = https.request(
      new URL(path, server),
      {
        ca,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolveAnswer(JSON.parse(body))
            : reject(
                new Error(
                  `GET ${path}: ${res.statusCode} ${body.slice(0, 300)}`,
                ),
              ),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
