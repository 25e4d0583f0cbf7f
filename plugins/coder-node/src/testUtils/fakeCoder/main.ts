// Runs the fake Coder server for the end-to-end tests until killed:
//   node --require @backstage/cli/config/nodeTransform.cjs \
//     plugins/coder-node/src/testUtils/fakeCoder/main.ts
// FAKE_CODER_PORT (default 7480), FAKE_CODER_SEED (a seed JSON file; default seed.example.json next
// to this file), FAKE_CODER_BUILD_STEP_MS (default: the seed's buildStepMs, else 1500).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed, parseSeed } from './seed';
import { startFakeCoder } from './server';

async function main() {
  const port = Number(process.env.FAKE_CODER_PORT ?? 7480);
  const seedPath =
    // eslint-disable-next-line no-restricted-syntax
    process.env.FAKE_CODER_SEED ?? join(__dirname, 'seed.example.json');
  const seed = parseSeed(JSON.parse(readFileSync(seedPath, 'utf8')));
  const stepEnv = process.env.FAKE_CODER_BUILD_STEP_MS;
  const fake = await startFakeCoder({
    port,
    buildStepMs: stepEnv ? Number(stepEnv) : seed.buildStepMs ?? 1500,
  });
  applySeed(fake, seed);
  process.stdout.write(`fake coder listening on ${fake.url}\n`);
  const stop = () => {
    fake.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(e => {
  process.stderr.write(
    `fake coder failed to start: ${e instanceof Error ? e.stack : e}\n`,
  );
  process.exit(1);
});
