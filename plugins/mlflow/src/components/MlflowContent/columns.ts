import type { RunSummary } from '@internal/plugin-mlflow-common';

/** The two kinds of run values a column can show. */
export type ColumnKind = 'metrics' | 'params';

/** Which metric and parameter keys are shown as columns. */
export type ColumnChoice = Record<ColumnKind, string[]>;

const DEFAULT_METRICS = 3;
const DEFAULT_PARAMS = 2;

/** Every key of the given kind that any of the runs has, by name. */
export function keysOf(runs: RunSummary[], kind: ColumnKind): string[] {
  return [...new Set(runs.flatMap(r => Object.keys(r[kind])))].sort();
}

/**
 * The columns shown before anyone chooses: three metrics, validation ones (`val_*`) first,
 * and the first two parameters, by name.
 */
export function defaultChoice(
  metricKeys: string[],
  paramKeys: string[],
): ColumnChoice {
  const byName = [...metricKeys].sort();
  const validation = byName.filter(k => k.startsWith('val_'));
  const others = byName.filter(k => !k.startsWith('val_'));
  return {
    metrics: [...validation, ...others].slice(0, DEFAULT_METRICS),
    params: [...paramKeys].sort().slice(0, DEFAULT_PARAMS),
  };
}

/** The chosen keys that are present, in the order of `available`; others are ignored. */
export function shownKeys(available: string[], chosen: string[]): string[] {
  const wanted = new Set(chosen);
  return available.filter(k => wanted.has(k));
}
