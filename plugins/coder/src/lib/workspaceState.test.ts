import type { WorkspaceState } from '@internal/plugin-coder-common';
import { availableTransitions, isTransitional } from './workspaceState';

describe('availableTransitions', () => {
  it.each<[WorkspaceState, string[]]>([
    ['running', ['stop', 'delete']],
    ['stopped', ['start', 'delete']],
    ['failed', ['start', 'delete']],
    ['canceled', ['start', 'delete']],
    ['pending', []],
    ['starting', []],
    ['stopping', []],
    ['canceling', []],
    ['deleting', []],
    ['deleted', []],
  ])('%s offers %j', (state, transitions) => {
    expect(availableTransitions(state)).toEqual(transitions);
  });

  it('knows which states are still building', () => {
    expect(isTransitional('starting')).toBe(true);
    expect(isTransitional('deleting')).toBe(true);
    expect(isTransitional('running')).toBe(false);
    expect(isTransitional('failed')).toBe(false);
  });
});
