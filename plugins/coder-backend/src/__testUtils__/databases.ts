// Test-only: the databases the plugin supports, SQLite and the local PostgreSQL server.
import { TestDatabases } from '@backstage/backend-test-utils';
import { localPostgresUrl } from '@internal/plugin-mlp-kube-node/testUtils';

export function testDatabases() {
  // TestDatabases takes an existing server from this variable instead of starting Docker.
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
    localPostgresUrl();
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}
