// A seed for the fake: users with fixed session tokens, templates and quota budgets. main.ts loads
// one from a JSON file for the end-to-end tests; unit tests can apply one too.
import { FakeCoder, FakeCoderUserInput, FakeTemplateInput } from './server';

export interface FakeCoderSeed {
  /** Each user needs a fixed token in Coder's format so the portal's config can name it. */
  users: Array<FakeCoderUserInput & { token: string }>;
  templates?: FakeTemplateInput[];
  /** Credits per username; users not listed have a budget of 0. */
  quotaBudgets?: Record<string, number>;
  /** Build step length when FAKE_CODER_BUILD_STEP_MS is not set. */
  buildStepMs?: number;
}

/** Checks the parts of a parsed JSON seed the fake relies on, with errors that name the field. */
export function parseSeed(value: unknown): FakeCoderSeed {
  const fail = (what: string): never => {
    throw new Error(`fake coder seed: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('must be a JSON object');
  const seed = value as Partial<FakeCoderSeed>;
  if (!Array.isArray(seed.users)) fail('"users" must be an array');
  seed.users!.forEach((u, i) => {
    if (typeof u?.username !== 'string')
      fail(`users[${i}].username must be a string`);
    if (typeof u?.token !== 'string')
      fail(`users[${i}].token must be a string`);
  });
  if (seed.templates !== undefined && !Array.isArray(seed.templates))
    fail('"templates" must be an array');
  (seed.templates ?? []).forEach((t, i) => {
    if (typeof t?.name !== 'string')
      fail(`templates[${i}].name must be a string`);
  });
  if (
    seed.quotaBudgets !== undefined &&
    (typeof seed.quotaBudgets !== 'object' || seed.quotaBudgets === null)
  )
    fail('"quotaBudgets" must be an object of username -> credits');
  return seed as FakeCoderSeed;
}

export function applySeed(fake: FakeCoder, seed: FakeCoderSeed): void {
  for (const user of seed.users) fake.addUser(user);
  for (const template of seed.templates ?? []) fake.addTemplate(template);
  for (const [username, credits] of Object.entries(seed.quotaBudgets ?? {})) {
    fake.setQuotaBudget(username, credits);
  }
}
