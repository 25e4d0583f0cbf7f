import { KubeObjects } from '../kube/types';
import { MlpSettings } from '../settings';
import { Access } from '../access';

/** What the actions are built from; the module wires the real services in. */
export type ActionDeps = {
  /** Undefined when no cluster is configured: only dry runs work then. */
  kube?: KubeObjects;
  settings: MlpSettings;
  access: Access;
};

export const ADOPT_DESCRIPTION =
  'Take over objects of the same name that exist but were not created by the portal (default: refuse and change nothing)';
