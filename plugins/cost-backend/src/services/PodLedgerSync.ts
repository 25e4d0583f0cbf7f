import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeHttp,
  KubeList,
  KubeObject,
  Pod,
  podCompute,
  podGpus,
  WatchEvent,
} from '@internal/plugin-mlp-kube-node';
import type { LedgerStore, ReservationStore } from '../store/CostStore';
import { Allocation } from './costMath';
import { RateCard } from './RateCard';

import {
  MODEL_LABEL,
  PROJECT_LABEL,
  RESERVATION_LABEL,
  TEAM_LABEL,
  USER_LABEL,
} from '@internal/plugin-mlp-kube-node';

export {
  MODEL_LABEL,
  PROJECT_LABEL,
  RESERVATION_LABEL,
  TEAM_LABEL,
  USER_LABEL,
};

const FINISHED = new Set(['Succeeded', 'Failed']);

export type SyncResult = {
  started: number;
  ended: number;
  open: number;
  /** Of the pod list: a watch from here misses nothing. */
  resourceVersion?: string;
};

type PodLedger = {
  starts: Omit<Allocation, 'endedAt'>[];
  end?: string;
};

/**
 * Brings the ledger up to date with the cluster. `run` lists (team namespaces, pods) and makes
 * idempotent inserts keyed by pod UID: a pod that started holding GPUs gets its allocation; one
 * that finished, is being deleted or is gone gets its end. Running it after a restart or a missed
 * change catches up without counting anything twice. `apply` does the same for one watch event.
 */
export class PodLedgerSync {
  /** Team of each team namespace, as of the last list. */
  private teamOf = new Map<string, string>();

  constructor(
    private readonly http: KubeHttp,
    private readonly store: LedgerStore & Pick<ReservationStore, 'release'>,
    private readonly rates: RateCard,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(): Promise<SyncResult> {
    const at = this.now().toISOString();
    const [namespaces, podList] = await Promise.all([
      this.list(
        `/api/v1/namespaces?labelSelector=${encodeURIComponent(TEAM_LABEL)}`,
        'list team namespaces',
      ),
      this.http.request<KubeList>({
        method: 'GET',
        path: '/api/v1/pods',
        what: 'list pods',
      }),
    ]);
    this.teamOf = new Map(
      namespaces.items.map(ns => [
        ns.metadata.name,
        ns.metadata.labels![TEAM_LABEL],
      ]),
    );
    const starts: Omit<Allocation, 'endedAt'>[] = [];
    const ends = new Map<string, string>();
    const seen = new Set<string>();
    for (const pod of (podList?.items ?? []) as Pod[]) {
      const ledger = this.ledgerOf(pod);
      if (!ledger) continue;
      seen.add(pod.metadata.uid!);
      starts.push(...ledger.starts);
      if (ledger.end) ends.set(pod.metadata.uid!, ledger.end);
    }
    await this.store.recordStarts(starts);
    // Open allocations whose pod is gone ended, at the latest, now.
    const open = await this.store.openAllocations();
    for (const allocation of open) {
      if (!seen.has(allocation.podUid) && !ends.has(allocation.podUid)) {
        ends.set(allocation.podUid, at);
      }
    }
    await this.store.recordEnds(
      [...ends].map(([podUid, endedAt]) => ({ podUid, endedAt })),
    );
    // Reservations of ended jobs hold nothing any more.
    const released = open
      .filter(a => a.reservationId && ends.has(a.podUid))
      .map(a => a.reservationId!);
    await this.store.release([...new Set(released)], at);
    const result = {
      started: starts.length,
      ended: ends.size,
      open: open.length,
      resourceVersion: podList?.metadata?.resourceVersion,
    };
    this.logger.debug('cost ledger synced', result);
    return result;
  }

  /** One pod changed (a watch event): records its start and, when it stopped, its end. */
  async apply(event: WatchEvent<Pod>): Promise<void> {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
    const pod = event.object;
    const ledger = this.ledgerOf(pod);
    if (!ledger) return;
    await this.store.recordStarts(ledger.starts);
    const end =
      ledger.end ??
      (event.type === 'DELETED' ? this.now().toISOString() : undefined);
    if (!end) return;
    await this.store.recordEnds([{ podUid: pod.metadata.uid!, endedAt: end }]);
    const reservation = pod.metadata.labels?.[RESERVATION_LABEL];
    if (reservation) await this.store.release([reservation], end);
  }

  /**
   * What the ledger holds of a pod in a team namespace that has started: its GPUs, and its CPU
   * and memory when those are priced. Nothing for other pods.
   */
  private ledgerOf(pod: Pod): PodLedger | undefined {
    const team = this.teamOf.get(pod.metadata.namespace ?? '');
    const uid = pod.metadata.uid;
    const startedAt = pod.status?.startTime;
    if (!team || !uid || !startedAt) return undefined;
    const gpus = Object.entries(podGpus(pod));
    const units: Array<[string, number, number]> = [];
    for (const [resource, count] of gpus) {
      if (!this.rates.knows(resource)) {
        // Not recorded yet: once a rate is configured, the next sync records it from the
        // pod's own start time, so no time is lost.
        this.logger.warn(
          'no hourly rate for a GPU type; its pods are not costed yet',
          {
            resource,
            pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
          },
        );
        continue;
      }
      units.push([resource, count, this.rates.hourlyRate(resource)]);
    }

    const { cpu, memory } = this.rates.compute;
    const compute = podCompute(pod);
    if (cpu !== undefined && compute.cpu > 0) {
      units.push(['cpu', compute.cpu, cpu]);
    }
    if (memory !== undefined && compute.memoryGiB > 0) {
      units.push(['memory', compute.memoryGiB, memory]);
    }
    if (gpus.length === 0 && units.length === 0) return undefined;
    const labels = pod.metadata.labels ?? {};
    const starts = units.map(([resource, count, hourlyRate]) => ({
      podUid: uid,
      resource,
      team,
      namespace: pod.metadata.namespace!,
      pod: pod.metadata.name,
      project: labels[PROJECT_LABEL] ?? '(none)',
      model: labels[MODEL_LABEL] ?? '(none)',
      user: labels[USER_LABEL] ?? '(none)',
      reservationId: labels[RESERVATION_LABEL],
      units: count,
      hourlyRate,
      startedAt,
    }));
    return { starts, end: endOf(pod) };
  }

  private async list(path: string, what: string) {
    const answer = await this.http.request<KubeList>({
      method: 'GET',
      path,
      what,
    });
    return { items: (answer?.items ?? []) as KubeObject[] };
  }
}

/** When a pod stopped holding its GPUs, if it did. */
function endOf(pod: Pod): string | undefined {
  if (FINISHED.has(pod.status?.phase ?? '')) {
    const finished = (pod.status?.containerStatuses ?? [])
      .map(s => s.state?.terminated?.finishedAt)
      .filter((t): t is string => Boolean(t))
      .sort();
    if (finished.length) return finished.at(-1);
    // Failed without its containers' ends: the kubelet never said (its node was lost, and the
    // pod-GC controller failed it). It held the GPUs until then: the DisruptionTarget
    // condition's time, else its deletion.
    const disrupted = pod.status?.conditions?.find(
      c => c.type === 'DisruptionTarget' && c.status === 'True',
    )?.lastTransitionTime;
    return disrupted ?? pod.metadata.deletionTimestamp ?? pod.status?.startTime;
  }
  return pod.metadata.deletionTimestamp;
}
