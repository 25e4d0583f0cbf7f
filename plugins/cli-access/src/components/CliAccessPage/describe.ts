import type { CliSession } from '@internal/plugin-cli-access-common';

/** "mlp on amira-laptop", or the client alone when it did not name its computer. */
export function describeSession(session: CliSession): string {
  const client = session.client.startsWith('mlp') ? 'mlp' : session.client;
  return session.host ? `${client} on ${session.host}` : client;
}
