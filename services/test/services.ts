// Connection details of the running local services, as scripts/services.sh wrote them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ENV_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'data',
  'services',
  'services.env',
);

export function serviceEnv(name: string): string {
  if (process.env[name]) return process.env[name] as string;
  let text: string;
  try {
    text = readFileSync(ENV_FILE, 'utf8');
  } catch {
    throw new Error(
      `${ENV_FILE} is missing: start the services with scripts/services.sh up`,
    );
  }
  const line = text.split('\n').find(l => l.startsWith(`${name}=`));
  if (!line)
    throw new Error(`${name} is not in ${ENV_FILE}: is that service up?`);
  return line.slice(name.length + 1);
}
