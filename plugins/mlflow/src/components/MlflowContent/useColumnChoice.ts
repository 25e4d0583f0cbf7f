import { useState } from 'react';
import {
  type ColumnChoice,
  type ColumnKind,
  defaultChoice,
  shownKeys,
} from './columns';
import {
  columnStorageKey,
  readColumnChoice,
  writeColumnChoice,
} from './columnStorage';

/** The columns shown for the runs of one experiment, and how to change them. */
export interface ColumnChoiceState {
  /** The shown metric and parameter keys, each among the available ones, by name. */
  shown: ColumnChoice;
  /** Whether someone chose, rather than the defaults applying. */
  chosen: boolean;
  toggle: (kind: ColumnKind, key: string) => void;
  reset: () => void;
}

/**
 * The metric and parameter columns of an experiment's runs table: the defaults until someone
 * chooses, then their choice, kept in localStorage per experiment. Chosen keys that the runs at
 * hand do not have are not shown, and stay chosen for the runs that do.
 */
export function useColumnChoice(props: {
  server?: string;
  experiment: string;
  metricKeys: string[];
  paramKeys: string[];
}): ColumnChoiceState {
  const storageKey = columnStorageKey(props.experiment, props.server);
  const [stored, setStored] = useState(() => ({
    key: storageKey,
    choice: readColumnChoice(storageKey),
  }));
  let choice = stored.choice;
  if (stored.key !== storageKey) {
    // Another experiment: its own choice, read while rendering rather than after a stale frame.
    choice = readColumnChoice(storageKey);
    setStored({ key: storageKey, choice });
  }

  const save = (next?: ColumnChoice) => {
    writeColumnChoice(storageKey, next);
    setStored({ key: storageKey, choice: next });
  };
  const current = choice ?? defaultChoice(props.metricKeys, props.paramKeys);

  return {
    shown: {
      metrics: shownKeys(props.metricKeys, current.metrics),
      params: shownKeys(props.paramKeys, current.params),
    },
    chosen: choice !== undefined,
    toggle: (kind, key) => {
      const keys = current[kind];
      save({
        ...current,
        [kind]: keys.includes(key)
          ? keys.filter(k => k !== key)
          : [...keys, key],
      });
    },
    reset: () => save(undefined),
  };
}
