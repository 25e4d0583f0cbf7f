import type { JobRecord } from '@internal/plugin-jobs-common';
import type { SignInRecord } from '@internal/plugin-cli-access-common';
import type { WorkspaceUse } from '@internal/plugin-coder-common';
import type {
  FirstJob,
  JobFigures,
  PlatformMetrics,
  TeamMetrics,
  WeekMetrics,
} from '@internal/plugin-platform-metrics-common';

const DAY_MS = 86_400_000;

/** The ML teams and their members, from the catalog. */
export type TeamMembers = Record<string, string[]>;

/**
 * The platform's figures over the `days` before `now`, counted from the portal's own records:
 * a job counts when it was submitted in the window, a workspace when it was created or started in
 * it; a new user is one whose first sign-in is in it. Nothing is estimated: a figure without data (no job ran) is absent, not zero.
 */
export function computeMetrics(input: {
  records: JobRecord[];
  signIns: SignInRecord[];
  teams: TeamMembers;
  /** Users who are not people (CI service accounts): never "new users". */
  serviceAccounts?: string[];
  /** Workspaces the portal created or started; undefined when Coder could not say. */
  workspaceUses?: WorkspaceUse[];
  days: number;
  now: Date;
}): PlatformMetrics {
  const { days, now, teams } = input;
  const to = now.getTime();
  const from = to - days * DAY_MS;
  const inWindow = (t: string) => {
    const ms = Date.parse(t);
    return ms >= from && ms < to;
  };
  const records = input.records.filter(r => inWindow(r.createdAt));
  const uses = input.workspaceUses?.filter(u => inWindow(u.at));
  /** Workspace figures of the uses `keep` selects, when the uses are known. */
  const workspaces = (keep: (u: WorkspaceUse) => boolean) => {
    if (!uses) return {};
    const kept = uses.filter(keep);
    return {
      workspacesUsed: new Set(kept.map(u => u.workspaceId)).size,
      workspaceUsers: new Set(kept.map(u => u.userEntityRef)).size,
    };
  };

  const members = new Set(Object.values(teams).flat());
  /** Of the users `of`, those who had a job of `rs` reach Running. */
  const adoption = (rs: JobRecord[], of: Set<string>) => {
    const ran = new Set(rs.filter(r => r.startedAt).map(r => r.submittedBy));
    const adopters = [...of].filter(u => ran.has(u)).length;
    return {
      members: of.size,
      adopters,
      ...(of.size > 0 ? { adoptionRate: round(adopters / of.size, 4) } : {}),
    };
  };

  const machines = new Set(input.serviceAccounts ?? []);
  const newUsers = firstJobs(
    input.signIns.filter(s => !machines.has(s.userEntityRef)),
    input.records,
    inWindow,
  );
  const waits = newUsers
    .map(u => u.seconds)
    .filter((s): s is number => s !== undefined);

  const teamNames = [
    ...new Set([...Object.keys(teams), ...records.map(r => r.team)]),
  ].sort();
  const teamMetrics: TeamMetrics[] = teamNames.map(team => {
    const rs = records.filter(r => r.team === team);
    return {
      team,
      ...figures(rs),
      ...workspaces(u => u.team === team),
      ...adoption(rs, new Set(teams[team] ?? [])),
    };
  });

  return {
    days,
    from: new Date(from).toISOString(),
    to: now.toISOString(),
    overall: {
      ...figures(records),
      ...workspaces(() => true),
      ...adoption(records, members),
      ...(waits.length > 0
        ? { medianTimeToFirstJobSeconds: median(waits) }
        : {}),
    },
    teams: teamMetrics,
    weeks: weeks(records, from, to).map(w => {
      const start = Math.max(Date.parse(w.week), from);
      const end = Math.min(Date.parse(w.week) + 7 * DAY_MS, to);
      return {
        ...w,
        ...workspaces(u => {
          const t = Date.parse(u.at);
          return t >= start && t < end;
        }),
      };
    }),
    newUsers,
  };
}

function figures(records: JobRecord[]): JobFigures {
  const count = (phases: string[]) =>
    records.filter(r => phases.includes(r.phase)).length;
  const ran = records.filter(
    r =>
      ['Succeeded', 'Failed', 'Error'].includes(r.phase) &&
      r.runtimeSeconds > 0,
  );
  const waits = records
    .filter(r => r.startedAt)
    .map(r => (Date.parse(r.startedAt!) - Date.parse(r.createdAt)) / 1000)
    .map(s => Math.max(0, s));
  return {
    submitted: records.length,
    succeeded: count(['Succeeded']),
    failed: count(['Failed', 'Error']),
    cancelled: count(['Cancelled']),
    unfinished: count(['Pending', 'Running']),
    uniqueUsers: new Set(records.map(r => r.submittedBy)).size,
    gpuHours: round(
      records.reduce((sum, r) => sum + (r.gpus * r.runtimeSeconds) / 3600, 0),
      4,
    ),
    ...(ran.length > 0
      ? {
          averageRuntimeSeconds: round(
            ran.reduce((s, r) => s + r.runtimeSeconds, 0) / ran.length,
            1,
          ),
        }
      : {}),
    ...(waits.length > 0
      ? {
          averageQueueWaitSeconds: round(
            waits.reduce((s, w) => s + w, 0) / waits.length,
            1,
          ),
          medianQueueWaitSeconds: median(waits),
        }
      : {}),
  };
}

/**
 * Users whose first sign-in is in the window, with the first time one of their jobs reached
 * Running after it. A job that ran before their first sign-in (submitted with a token) does not
 * count as their first: the figure is the time from sign-in to a running job.
 */
function firstJobs(
  signIns: SignInRecord[],
  records: JobRecord[],
  inWindow: (t: string) => boolean,
): FirstJob[] {
  return signIns
    .filter(s => inWindow(s.firstAt))
    .map(s => {
      const signedIn = Date.parse(s.firstAt);
      const first = records
        .filter(
          r =>
            r.submittedBy === s.userEntityRef &&
            r.startedAt &&
            Date.parse(r.startedAt) >= signedIn,
        )
        .map(r => r.startedAt!)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
      return {
        userEntityRef: s.userEntityRef,
        firstSignInAt: s.firstAt,
        ...(first
          ? {
              firstRunningAt: first,
              seconds: Math.round((Date.parse(first) - signedIn) / 1000),
            }
          : {}),
      };
    })
    .sort((a, b) => a.firstSignInAt.localeCompare(b.firstSignInAt));
}

/** Weeks from Monday (UTC); the first starts with the window, the last ends with it. */
function weeks(records: JobRecord[], from: number, to: number): WeekMetrics[] {
  const bounds: Array<{ monday: number; start: number; end: number }> = [];
  for (let start = from; start < to; ) {
    const day = new Date(start);
    const monday =
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) -
      ((day.getUTCDay() + 6) % 7) * DAY_MS;
    const end = Math.min(monday + 7 * DAY_MS, to);
    bounds.push({ monday, start, end });
    start = end;
  }
  return bounds.map(({ monday, start, end }) => ({
    week: new Date(monday).toISOString().slice(0, 10),
    ...figures(
      records.filter(r => {
        const t = Date.parse(r.createdAt);
        return t >= start && t < end;
      }),
    ),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : round((sorted[mid - 1] + sorted[mid]) / 2, 1);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
