import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  GpuAdmission,
  MisfitWording,
} from '@internal/plugin-mlp-admission-node';
import type {
  Job,
  ParsedJobSubmission,
  SubmittedJob,
} from '@internal/plugin-jobs-common';
import type { KubeHttp, KubeList } from '@internal/plugin-mlp-kube-node';
import { ServiceUnavailableError, TeamAccess } from '@internal/plugin-mlp-node';
import { randomBytes } from 'node:crypto';
import type { JobRecorder } from '../records/JobRecorder';
import type { JobMlflowRuns } from './JobMlflowRuns';
import { JobsSettings } from '../settings';
import { clusterError } from './errors';
import { hourlyRateOf, jobView } from './jobView';
import type { JobUtilization } from './JobUtilization';
import type { NodeObject, PodObject, WorkflowObject } from './kubeObjects';
import type { ClusterView } from './waitingReason';
import { ARGO_WORKFLOW_LABEL, JOB_LABEL } from './labels';
import { experimentOf, workflowManifest } from './workflowManifest';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

const workflowsPath = (ns: string) =>
  `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(ns)}/workflows`;

/** A job's refusals, in the CLI's and the API's words. */
const jobWording: MisfitWording = (misfit, { team, gpus, resource }) => {
  if (misfit.reason === 'per-job-maximum') {
    return `gpus: ${gpus} GPUs is more than ${team}'s per-job maximum of ${misfit.max}; ask for at most ${misfit.max}`;
  }
  const { used = 0, hard = 0, available = 0 } = misfit.figures ?? {};
  return `Over quota: ${gpus} GPUs do not fit in ${team}'s GPU quota: ${used} of ${hard} ${resource} are in use, ${available} free. Ask for at most ${available}, wait for running jobs, or request a quota increase`;
};

/**
 * Training jobs: each is an Argo Workflow in its team's namespace. A submission is checked
 * against the per-job maximum, the team's free GPUs and its budget (which reserves the estimate)
 * before the Workflow is created; a user sees and cancels only their teams' jobs.
 */
export class JobService {
  constructor(
    private readonly options: {
      kube?: KubeHttp;
      admission: GpuAdmission;
      access: TeamAccess;
      settings: JobsSettings;
      logger: LoggerService;
      /** Keeps the portal's records of jobs (platform metrics), when there is one. */
      recorder?: JobRecorder;
      /** Makes each job's MLflow run, when an MLflow server is configured. */
      runs?: JobMlflowRuns;
      /** How busy the jobs' GPUs were (Prometheus), on what users read. */
      utilization?: JobUtilization;
      now?: () => Date;
    },
  ) {}

  async submit(
    credentials: UserCredentials,
    job: ParsedJobSubmission,
  ): Promise<SubmittedJob> {
    const { settings } = this.options;
    const kube = this.kube();
    await this.assertMember(credentials, job.team);
    if (job.simulate && !settings.simulatedCluster) {
      throw new InputError(
        "simulate: this cluster's nodes are real, so a job cannot say how long it runs or how it ends; remove simulate (it is for the local cluster's simulated GPU nodes, jobs.simulatedCluster)",
      );
    }
    if (job.gpus > settings.maxGpusPerJob) {
      throw new InputError(
        `gpus: ${job.gpus} GPUs is more than the portal's per-job maximum of ${settings.maxGpusPerJob}; ask for at most ${settings.maxGpusPerJob}`,
      );
    }
    const id = `${job.name}-${randomSuffix()}`;
    const {
      quota: quotaFigures,
      reservation,
      budget: status,
    } = await this.options.admission.admit(
      {
        team: job.team,
        resource: settings.gpuResource,
        gpus: job.gpus,
        hours: job.timeoutHours,
        reference: `training job ${id}`,
      },
      credentials,
      {
        wording: jobWording,
        withoutCluster: message => new ServiceUnavailableError(message),
      },
    );
    if (!quotaFigures || !reservation || !status) {
      // admit() checks the quota and reserves for every job, since a job has 1 GPU or more.
      throw new Error(
        `job ${id} was admitted without a quota check or a reservation`,
      );
    }
    const { hard, used } = quotaFigures;
    const mlflowRunId = await this.options.runs?.open({
      id,
      name: job.name,
      team: job.team,
      experiment: experimentOf(job),
      userRef: credentials.principal.userEntityRef,
      at: this.options.now?.() ?? new Date(),
    });
    const manifest = workflowManifest({
      mlflowRunId,
      job,
      id,
      userRef: credentials.principal.userEntityRef,
      reservationId: reservation.id,
      hourlyRate: reservation.estimate / (job.gpus * job.timeoutHours),
      currency: reservation.currency,
      settings,
    });
    let created: WorkflowObject | undefined;
    try {
      created = await kube.request<WorkflowObject>({
        method: 'POST',
        path: workflowsPath(job.team),
        what: `create Workflow ${job.team}/${id}`,
        body: manifest,
        contentType: 'application/json',
      });
    } catch (error) {
      await this.release(reservation.id, credentials);
      if (mlflowRunId) {
        await this.options.runs
          ?.close(mlflowRunId, 'Cancelled', new Date().toISOString())
          .catch(() => undefined);
      }
      throw clusterError(error, `Creating the job's Workflow in ${job.team}`);
    }
    this.options.logger.info('training job submitted', {
      job: id,
      team: job.team,
      gpus: job.gpus,
      reservation: reservation.id,
    });
    const submitted = await this.view(
      created ?? (manifest as WorkflowObject),
      [],
    );
    await this.recordSafely(submitted);
    return {
      job: submitted,
      quota: {
        resource: settings.gpuResource,
        hard,
        usedAfter: used + job.gpus,
      },
      budget: {
        reservationId: reservation.id,
        estimate: reservation.estimate,
        currency: reservation.currency,
        month: status.month,
        ...(status.budget !== undefined ? { budget: status.budget } : {}),
        ...(status.remaining !== undefined
          ? { remaining: status.remaining }
          : {}),
      },
    };
  }

  /** The jobs of one team, or of all the user's teams; newest first. */
  async list(credentials: UserCredentials, team?: string): Promise<Job[]> {
    const teams = team
      ? [await this.assertMember(credentials, team)]
      : await this.teamsOf(credentials);
    const lists = await Promise.all(teams.map(t => this.jobsOf(t)));
    return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async get(credentials: UserCredentials, id: string): Promise<Job> {
    const { wf, pods } = await this.find(credentials, id);
    const [job] = await this.withUtilization([
      { wf, job: await this.view(wf, pods) },
    ]);
    return job;
  }

  /** The job's pods' logs, each headed by its pod's name. */
  async logs(credentials: UserCredentials, id: string): Promise<string> {
    const { wf, pods: all } = await this.find(credentials, id);
    // A pod that never started on a node has no log to read.
    const pods = all.filter(p => p.status?.startTime);
    if (pods.length === 0) {
      const { phase } = await this.view(wf, all);
      return `No logs yet: job ${id} is ${phase} and none of its pods has started.\n`;
    }
    const ns = wf.metadata.namespace;
    const parts = await Promise.all(
      pods
        .map(p => p.metadata.name)
        .map(async pod => {
          const text = await this.kube()
            .request<string>({
              method: 'GET',
              path: `/api/v1/namespaces/${ns}/pods/${pod}/log?container=main&tailLines=2000`,
              what: `read the log of pod ${ns}/${pod}`,
              read: 'text',
            })
            .catch(error => {
              throw clusterError(error, `Reading the logs of job ${id}`);
            });
          return pods.length > 1 ? `==> ${pod} <==\n${text ?? ''}` : text ?? '';
        }),
    );
    return parts.join('\n');
  }

  /** Deletes the job's Workflow (Argo then stops its pods) and gives its reservation back. */
  async cancel(credentials: UserCredentials, id: string): Promise<Job> {
    const { wf, pods } = await this.find(credentials, id);
    const ns = wf.metadata.namespace;
    await this.kube()
      .request({
        method: 'DELETE',
        path: `${workflowsPath(ns)}/${encodeURIComponent(id)}`,
        what: `delete Workflow ${ns}/${id}`,
        body: { propagationPolicy: 'Background' },
        contentType: 'application/json',
        absent: [404],
      })
      .catch(error => {
        throw clusterError(error, `Cancelling job ${id}`);
      });
    const job = await this.view(wf, pods);
    if (job.reservationId) await this.release(job.reservationId, credentials);
    await this.recordSafely(job, true);
    this.options.logger.info('training job cancelled', { job: id, team: ns });
    return job;
  }

  /** Every job of every team, for the records' pass (not for users: it checks no team). */
  async allJobs(): Promise<Job[]> {
    return this.jobsAt(
      `/apis/argoproj.io/v1alpha1/workflows`,
      '/api/v1/pods',
      'the jobs of all teams',
      { quick: true },
    );
  }

  /** A record that cannot be written now is written by the records' next pass. */
  private async recordSafely(job: Job, cancelled = false) {
    try {
      await this.options.recorder?.record(job, cancelled);
    } catch (error) {
      this.options.logger.warn('could not record the job; the next pass will', {
        job: job.id,
        error: String(error),
      });
    }
  }

  private async find(credentials: UserCredentials, id: string) {
    const teams = await this.teamsOf(credentials);
    for (const team of teams) {
      const wf = await this.kube()
        .request<WorkflowObject>({
          method: 'GET',
          path: `${workflowsPath(team)}/${encodeURIComponent(id)}`,
          what: `read Workflow ${team}/${id}`,
          absent: [404],
        })
        .catch(error => {
          throw clusterError(error, `Reading job ${id}`);
        });
      if (wf && wf.metadata.labels?.[JOB_LABEL] === 'true') {
        return { wf, pods: await this.podsOf(team, id) };
      }
    }
    throw new NotFoundError(
      `No job ${id} in your teams (${
        teams.join(', ') || 'none'
      }); \`mlp jobs\` lists them`,
    );
  }

  private jobsOf(team: string): Promise<Job[]> {
    return this.jobsAt(
      workflowsPath(team),
      `/api/v1/namespaces/${encodeURIComponent(team)}/pods`,
      `${team}'s jobs`,
    );
  }

  /** The jobs among the Workflows at one path, with their pods from the other. */
  private async jobsAt(
    workflowsAt: string,
    podsAt: string,
    what: string,
    options: { quick?: boolean } = {},
  ): Promise<Job[]> {
    const kube = this.kube();
    const [workflows, pods] = await Promise.all([
      kube.request<KubeList<WorkflowObject>>({
        method: 'GET',
        path: `${workflowsAt}?labelSelector=${encodeURIComponent(
          `${JOB_LABEL}=true`,
        )}`,
        what: `list the Workflows of ${what}`,
        absent: [404],
      }),
      kube.request<KubeList<PodObject>>({
        method: 'GET',
        path: `${podsAt}?labelSelector=${encodeURIComponent(
          ARGO_WORKFLOW_LABEL,
        )}`,
        what: `list the pods of ${what}`,
        absent: [404],
      }),
    ]).catch(error => {
      throw clusterError(error, `Listing ${what}`);
    });
    // Workflow names are unique within a namespace only.
    const key = (namespace: string | undefined, name: string) =>
      `${namespace}/${name}`;
    const podsByWorkflow = new Map<string, PodObject[]>();
    for (const pod of pods?.items ?? []) {
      const wf = pod.metadata.labels?.[ARGO_WORKFLOW_LABEL];
      if (!wf) continue;
      const k = key(pod.metadata.namespace, wf);
      podsByWorkflow.set(k, [...(podsByWorkflow.get(k) ?? []), pod]);
    }
    const jobs = await Promise.all(
      (workflows?.items ?? []).map(async wf => ({
        wf,
        job: await this.view(
          wf,
          podsByWorkflow.get(key(wf.metadata.namespace, wf.metadata.name)) ??
            [],
          options,
        ),
      })),
    );
    // The records' pass (quick) needs no utilization.
    return options.quick ? jobs.map(j => j.job) : this.withUtilization(jobs);
  }

  private withUtilization(
    jobs: Array<{ wf: WorkflowObject; job: Job }>,
  ): Promise<Job[]> {
    const { utilization } = this.options;
    if (!utilization) return Promise.resolve(jobs.map(j => j.job));
    return utilization.attach(
      jobs.map(({ wf, job }) => ({ job, hourlyRate: hourlyRateOf(wf) })),
    );
  }

  private async podsOf(team: string, id: string): Promise<PodObject[]> {
    const pods = await this.kube()
      .request<KubeList<PodObject>>({
        method: 'GET',
        path: `/api/v1/namespaces/${encodeURIComponent(
          team,
        )}/pods?labelSelector=${encodeURIComponent(
          `${ARGO_WORKFLOW_LABEL}=${id}`,
        )}`,
        what: `list the pods of job ${team}/${id}`,
      })
      .catch(error => {
        throw clusterError(error, `Reading job ${id}`);
      });
    return pods?.items ?? [];
  }

  /** `quick`: without the free GPUs of the nodes a waiting job could use (two more reads). */
  private async view(
    wf: WorkflowObject,
    pods: PodObject[],
    { quick = false }: { quick?: boolean } = {},
  ): Promise<Job> {
    const options = {
      pods,
      gpuResource: this.options.settings.gpuResource,
      mlflowUrl: this.options.settings.mlflowUiUrl,
      now: this.options.now?.() ?? new Date(),
    };
    const job = jobView(wf, options);
    if (quick || !job.waitingFor?.startsWith('waiting for GPUs')) return job;
    // It waits for GPUs: say how many the nodes have free, when the portal may read them.
    const cluster = await this.clusterView();
    return cluster ? jobView(wf, { ...options, cluster }) : job;
  }

  /** All nodes and the pods on them; undefined when the portal may not read them (403). */
  private async clusterView(): Promise<ClusterView | undefined> {
    try {
      const [nodes, pods] = await Promise.all([
        this.kube().request<KubeList<NodeObject>>({
          method: 'GET',
          path: '/api/v1/nodes',
          what: 'list the nodes',
        }),
        this.kube().request<KubeList<PodObject>>({
          method: 'GET',
          path: `/api/v1/pods?fieldSelector=${encodeURIComponent(
            'spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed',
          )}`,
          what: 'list the pods on nodes',
        }),
      ]);
      return { nodes: nodes?.items ?? [], pods: pods?.items ?? [] };
    } catch (error) {
      this.options.logger.debug('cannot read the nodes for a waiting job', {
        error: String(error),
      });
      return undefined;
    }
  }

  private kube(): KubeHttp {
    if (!this.options.kube) {
      throw new ServiceUnavailableError(
        'No Kubernetes cluster is configured, so training jobs cannot run: add one under kubernetes.clusterLocatorMethods',
      );
    }
    return this.options.kube;
  }

  private teamsOf(credentials: UserCredentials): Promise<string[]> {
    return this.options.access.teamsOf(credentials);
  }

  private async assertMember(
    credentials: UserCredentials,
    team: string,
  ): Promise<string> {
    const teams = await this.teamsOf(credentials);
    if (!teams.includes(team)) {
      throw new NotAllowedError(
        `team: you are not a member of ${team}; your teams: ${
          teams.join(', ') || 'none'
        }`,
      );
    }
    return team;
  }

  private release(id: string, credentials: UserCredentials) {
    return this.options.admission.release(id, credentials);
  }
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(randomBytes(5), b => alphabet[b % alphabet.length]).join(
    '',
  );
}
