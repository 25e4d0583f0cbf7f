import type { TeamGpuQuota } from '@internal/plugin-gpu-quota-common';

export type TeamSortKey = 'team' | 'used' | 'hard' | 'pressure';
export type SortDirection = 'asc' | 'desc';

export function totalUsed(team: TeamGpuQuota): number {
  return team.resources.reduce((sum, r) => sum + r.used, 0);
}

export function totalHard(team: TeamGpuQuota): number {
  return team.resources.reduce((sum, r) => sum + r.hard, 0);
}

const VALUE_OF: Record<
  Exclude<TeamSortKey, 'team'>,
  (t: TeamGpuQuota) => number
> = {
  used: totalUsed,
  hard: totalHard,
  pressure: t => t.pressure,
};

/** A sorted copy; ties fall back to the team name so the order is stable. */
export function sortTeams(
  teams: TeamGpuQuota[],
  key: TeamSortKey,
  direction: SortDirection,
): TeamGpuQuota[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...teams].sort((a, b) => {
    const byName = a.team.localeCompare(b.team);
    if (key === 'team') {
      return sign * byName;
    }
    const difference = VALUE_OF[key](a) - VALUE_OF[key](b);
    return difference !== 0 ? sign * difference : byName;
  });
}
