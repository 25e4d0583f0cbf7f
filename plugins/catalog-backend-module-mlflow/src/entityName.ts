import { createHash } from 'node:crypto';

const MAX = 63;
const VALID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

/**
 * A catalog entity name for an MLflow registered model name. Names that are valid already (in
 * lower case) stay as they are. Others get every run of invalid characters replaced by `-`, and,
 * because two names can sanitise alike ("Churn Model" and "churn/model"), the first 8 hex digits
 * of the original's SHA-256; the original is kept in an annotation. Deterministic.
 */
export function entityNameFor(modelName: string): string {
  if (modelName.length <= MAX && VALID.test(modelName)) return modelName;
  const hash = createHash('sha256').update(modelName).digest('hex').slice(0, 8);
  const base = modelName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX - hash.length - 1)
    .replace(/-+$/g, '');
  return base ? `${base}-${hash}` : `model-${hash}`;
}
