import {
  TRANSITIONAL_STATES,
  type CoderWorkspace,
  type WorkspaceState,
  type WorkspaceTransition,
} from '@internal/plugin-coder-common';

/** Whether a build is still running, so the card keeps asking Coder about it. */
export function isTransitional(state: WorkspaceState): boolean {
  return TRANSITIONAL_STATES.includes(state);
}

/**
 * The builds a user may start from a state: start a stopped, failed or canceled workspace, stop
 * a running one, delete any whose build has finished.
 */
export function availableTransitions(
  state: WorkspaceState,
): WorkspaceTransition[] {
  const transitions: WorkspaceTransition[] = [];
  if (state === 'stopped' || state === 'failed' || state === 'canceled') {
    transitions.push('start');
  }
  if (state === 'running') {
    transitions.push('stop');
  }
  if (!isTransitional(state) && state !== 'deleted') {
    transitions.push('delete');
  }
  return transitions;
}

/** Whether a poll brought news worth showing (and worth polling sooner for). */
export function workspaceChanged(
  before: CoderWorkspace,
  after: CoderWorkspace,
): boolean {
  return (
    before.state !== after.state ||
    before.transition !== after.transition ||
    before.buildError !== after.buildError
  );
}
