/** A run time as h:mm:ss, e.g. "1:02:03" or "26:00:00". */
export function formatRuntime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

// The portal's one money format, shared with the other plugins.
export { formatMoney } from '@internal/plugin-mlp-react';

/** Who submitted a job: the name of `user:default/alex.kim` (the portal's one user-name form). */
export { userName as submitterName } from '@internal/plugin-mlp-react';
