import type { ColumnChoice } from './columns';

/** The localStorage key of one experiment's column choice. */
export function columnStorageKey(experiment: string, server?: string): string {
  return `@internal/plugin-mlflow:run-columns:${server ?? ''}:${experiment}`;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}

/** The stored choice, or undefined when there is none or it is not one. */
export function readColumnChoice(key: string): ColumnChoice | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return undefined;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { metrics, params } = value as Record<string, unknown>;
    if (!isStringArray(metrics) || !isStringArray(params)) return undefined;
    return { metrics, params };
  } catch {
    // No storage (privacy settings) or not JSON: as if nothing was chosen.
    return undefined;
  }
}

/** Stores the choice, or forgets it when undefined; storage that refuses is not an error. */
export function writeColumnChoice(key: string, choice?: ColumnChoice): void {
  try {
    if (choice) window.localStorage.setItem(key, JSON.stringify(choice));
    else window.localStorage.removeItem(key);
  } catch {
    // The choice still holds until the page is left.
  }
}
