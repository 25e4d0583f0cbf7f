import { aliasMoveTag } from '@internal/plugin-mlflow-common';
import { z } from 'zod';

/** `<version>@<ISO time>`, as the portal's tools write it with an alias. */
const moveRecord = z
  .string()
  .regex(/^\d+@/)
  .transform(value => {
    const at = value.indexOf('@');
    return { version: value.slice(0, at), time: value.slice(at + 1) };
  })
  .pipe(
    z.object({
      version: z.string(),
      time: z.iso.datetime({ offset: true }),
    }),
  );

const OUTSIDE = "moved outside the portal's tools";

/**
 * When `alias` moved to `version`, from the registered model's `mlp.alias.<alias>` tag. MLflow
 * does not record it, so a tag that is missing, unreadable or names another version (the alias
 * moved since, some other way) gives no time, only the reason.
 */
export function aliasMovedAt(
  tags: Record<string, string>,
  alias: string,
  version: string,
): { movedAt: number } | { movedAtUnknown: string } {
  const tag = aliasMoveTag(alias);
  const value = tags[tag];
  if (value === undefined) {
    return { movedAtUnknown: `${OUTSIDE}: no ${tag} tag records when` };
  }
  const record = moveRecord.safeParse(value);
  if (!record.success) {
    return {
      movedAtUnknown: `${OUTSIDE}: ${tag} is "${value}", not <version>@<ISO time>`,
    };
  }
  if (record.data.version !== version) {
    return {
      movedAtUnknown: `${OUTSIDE}: ${tag} records version ${record.data.version}, the alias is on version ${version}`,
    };
  }
  return { movedAt: Date.parse(record.data.time) };
}
