import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * How long the auth backend keeps a login: unused for `tokenLifetime` (each renewal restarts
 * it), and `maxRotationLifetime` after it was made at most. The same keys and defaults as the
 * auth backend's own (auth.experimentalRefreshToken).
 */
export function readLifetimes(config: Config) {
  const key = (name: string) => `auth.experimentalRefreshToken.${name}`;
  const read = (name: string, fallback: number) =>
    config.has(key(name))
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: key(name) }),
        )
      : fallback;
  const day = 24 * 3600 * 1000;
  return {
    unusedMs: read('tokenLifetime', 30 * day),
    maxMs: read('maxRotationLifetime', 365 * day),
  };
}

export type Lifetimes = ReturnType<typeof readLifetimes>;

/** When a login ends unless used again, or at the latest. */
export function expiresAt(
  session: { createdAt: Date; lastUsedAt: Date },
  lifetimes: Lifetimes,
): Date {
  return new Date(
    Math.min(
      session.lastUsedAt.getTime() + lifetimes.unusedMs,
      session.createdAt.getTime() + lifetimes.maxMs,
    ),
  );
}
