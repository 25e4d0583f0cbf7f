import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  deploymentsApprovePermission,
  ENVIRONMENTS,
  type AuditEvent,
  type DeployResult,
  type Deployment,
  type Environment,
  type ModelDeployments,
  type ParsedDeployRequest,
} from '@internal/plugin-deployments-common';
import type {
  GpuAdmission,
  MisfitWording,
} from '@internal/plugin-mlp-admission-node';
import { clusterError, type KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  refusalOf,
  ServiceUnavailableError,
  TeamAccess,
} from '@internal/plugin-mlp-node';
import { randomUUID } from 'node:crypto';
import type { DeploymentsSettings } from '../settings';
import type { DeploymentStore, Transition } from '../store/DeploymentStore';
import {
  inferenceServiceManifest,
  inferenceServiceName,
  isvcPath,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  type InferenceServiceObject,
} from './inferenceService';
import { EndpointReader } from './EndpointReader';
import { ModelRegistry } from './ModelRegistry';
import type { TeamDirectory, TeamFacts } from './TeamDirectory';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

const FIELD_MANAGER = 'mlp-portal';

/** A deployment's refusals, in the deploy form's and mlp deploy's words. */
const deployWording: MisfitWording = (
  misfit,
  { team, gpus, resource, perPod },
) => {
  if (misfit.reason === 'per-job-maximum') {
    return `gpus: ${perPod} GPUs per replica is more than ${team}'s per-pod maximum of ${misfit.max}; ask for at most ${misfit.max}`;
  }
  if (misfit.reason === 'not-in-quota') {
    return `gpus: ${team}'s quota has no ${resource}; deploy with gpus 0 or ask for a GPU quota`;
  }
  const { used = 0, hard = 0, available = 0 } = misfit.figures ?? {};
  return `Over quota: the replicas need ${gpus} more GPUs, and ${team}'s GPU quota has ${available} free (${used} of ${hard} ${resource} in use). Ask for fewer replicas or GPUs, stop other work, or request a quota increase`;
};

/** Hours from now to the end of the month (UTC), at least 1: what an endpoint's budget reservation covers. */
export function hoursLeftInMonth(now: Date): number {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((end - now.getTime()) / 3_600_000));
}

/**
 * Model deployments: a registered model version (by number or alias) served by a KServe
 * InferenceService in its team's namespace, one per environment. A deploy is checked against the
 * registry (the version exists and is READY), the team's replica maximum, its free GPUs and its
 * budget (which reserves the endpoint's GPUs until the month ends); production waits for a keeper
 * or the team's lead, never the requester. Every step is in the audit trail.
 */
export class DeploymentService {
  constructor(
    private readonly options: {
      kube?: KubeHttp;
      registry?: ModelRegistry;
      store: DeploymentStore;
      admission: GpuAdmission;
      access: TeamAccess;
      teams: TeamDirectory;
      settings: DeploymentsSettings;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** The registry, or 503 when no MLflow server is configured. */
  registry(): ModelRegistry {
    if (!this.options.registry) {
      throw new ServiceUnavailableError(
        'no MLflow server is configured (mlflow.servers): deployments read model versions from its registry',
      );
    }
    return this.options.registry;
  }

  private kube(): KubeHttp {
    if (!this.options.kube) {
      throw new ServiceUnavailableError(
        'no Kubernetes cluster is configured (kubernetes.clusterLocatorMethods): models cannot be deployed',
      );
    }
    return this.options.kube;
  }

  /**
   * The team that owns a model: its registry `team` tag, else the catalog component's owner;
   * undefined when neither names one.
   */
  private async ownerOf(model: string, tagged?: string) {
    return tagged ?? (await this.options.teams.ownerOfModel(model));
  }

  /**
   * What the caller may do with a team's models: platform keepers deploy and approve anything,
   * members deploy, the team's lead approves. `facts` when the caller has read them already.
   */
  private async rolesIn(
    credentials: UserCredentials,
    team: string,
    facts?: TeamFacts,
  ): Promise<{ canDeploy: boolean; canApprove: boolean }> {
    const [keeper, { teams }, { lead }] = await Promise.all([
      this.options.access.allowed(credentials, deploymentsApprovePermission),
      this.options.access.member(credentials),
      facts ?? this.options.teams.team(team),
    ]);
    return {
      canDeploy: keeper || teams.includes(team),
      canApprove:
        keeper || lead === credentials.principal.userEntityRef.toLowerCase(),
    };
  }

  private assertMayDeploy(
    roles: { canDeploy: boolean },
    team: string,
    model: string,
  ) {
    if (!roles.canDeploy) {
      throw new NotAllowedError(
        `${model} belongs to ${team}; only its members (and platform keepers) deploy it`,
      );
    }
  }

  async deploy(
    credentials: UserCredentials,
    request: ParsedDeployRequest,
  ): Promise<{ status: 201 | 202; result: DeployResult }> {
    const resolved = await this.registry().resolve(request);
    const team = await this.ownerOf(request.model, resolved.team);
    if (!team) {
      throw new InputError(
        `model: ${request.model} belongs to no team: tag the registered model team=<your team> in MLflow, or give its catalog entry an owner`,
      );
    }
    const facts = await this.options.teams.team(team);
    this.assertMayDeploy(
      await this.rolesIn(credentials, team, facts),
      team,
      request.model,
    );
    const maxReplicas = facts.maxReplicas ?? this.options.settings.maxReplicas;
    if (request.replicas > maxReplicas) {
      throw new InputError(
        `replicas: ${request.replicas} is more than ${team}'s maximum of ${maxReplicas} replicas per deployment; ask for at most ${maxReplicas}`,
      );
    }
    this.kube();
    const live = await this.liveIn(request.model, request.environment);
    await this.checkQuota(credentials, team, request, live);
    const at = this.now();
    const deployment: Deployment = {
      id: randomUUID(),
      model: request.model,
      environment: request.environment,
      team,
      version: resolved.version,
      ...(resolved.alias ? { alias: resolved.alias } : {}),
      replicas: request.replicas,
      gpus: request.gpus,
      status: 'pending-approval',
      requestedBy: credentials.principal.userEntityRef,
      requestedAt: at,
      namespace: team,
      inferenceService: inferenceServiceName(
        request.model,
        request.environment,
      ),
      modelUri: resolved.modelUri,
      ...(await this.provenance(resolved.runId)),
    };
    if (request.environment === 'production') {
      await this.options.store.insert(deployment, [
        { action: 'requested', actor: deployment.requestedBy, at },
      ]);
      this.options.logger.info('production deploy requested', {
        deployment: deployment.id,
        model: deployment.model,
        version: deployment.version,
      });
      return { status: 202, result: { deployment } };
    }
    const result = await this.goLive(credentials, deployment, live, {
      insert: {
        action: 'deployed',
        detail: `version ${deployment.version} to staging`,
      },
    });
    return { status: 201, result };
  }

  async approve(
    credentials: UserCredentials,
    id: string,
  ): Promise<DeployResult> {
    const deployment = await this.pending(credentials, id, 'approve');
    const live = await this.liveIn(deployment.model, deployment.environment);
    await this.checkQuota(credentials, deployment.team, deployment, live);
    return this.goLive(credentials, deployment, live, {
      approve: { detail: `version ${deployment.version} to production` },
    });
  }

  async reject(
    credentials: UserCredentials,
    id: string,
    reason: string,
  ): Promise<Deployment> {
    await this.pending(credentials, id, 'reject');
    const at = this.now();
    const actor = credentials.principal.userEntityRef;
    await this.options.store.transition([
      {
        id,
        from: 'pending-approval',
        to: 'rejected',
        changes: { decidedBy: actor, decidedAt: at, reason },
        event: { action: 'rejected', actor, at, detail: reason },
      },
    ]);
    return (await this.options.store.get(id))!;
  }

  /** Serves the version that was live before the current one again. */
  async rollback(
    credentials: UserCredentials,
    model: string,
    environment: Environment,
  ): Promise<DeployResult> {
    const all = await this.options.store.ofModel(model, environment);
    const live = all.find(d => d.status === 'live');
    if (!live) {
      throw new ConflictError(
        `environment: ${model} serves nothing in ${environment}, so there is nothing to roll back`,
      );
    }
    this.assertMayDeploy(
      await this.rolesIn(credentials, live.team),
      live.team,
      model,
    );
    const previous = all
      .filter(
        d =>
          d.status === 'superseded' &&
          d.decidedAt &&
          d.version !== live.version,
      )
      .sort((a, b) => b.decidedAt!.localeCompare(a.decidedAt!))[0];
    if (!previous) {
      throw new ConflictError(
        `environment: ${model} has served no other version in ${environment} before version ${live.version}; deploy the version you want instead`,
      );
    }
    await this.checkQuota(credentials, live.team, previous, live);
    const at = this.now();
    const deployment: Deployment = {
      ...previous,
      id: randomUUID(),
      status: 'pending-approval',
      requestedBy: credentials.principal.userEntityRef,
      requestedAt: at,
      rollbackOf: previous.id,
    };
    delete deployment.decidedAt;
    delete deployment.decidedBy;
    delete deployment.reason;
    delete deployment.reservationId;
    delete deployment.alias;
    return this.goLive(credentials, deployment, live, {
      insert: {
        action: 'rolled-back',
        detail: `from version ${live.version} to version ${previous.version}`,
      },
    });
  }

  /**
   * Reserves the budget, records the deployment as live (the one it replaces superseded), then
   * applies its InferenceService. When the cluster refuses, the records go back as they were
   * (the new one failed, the replaced one live again) and the reservation is given back.
   */
  private async goLive(
    credentials: UserCredentials,
    deployment: Deployment,
    live: Deployment | undefined,
    how:
      | { insert: { action: 'deployed' | 'rolled-back'; detail: string } }
      | { approve: { detail: string } },
  ): Promise<DeployResult> {
    const kube = this.kube();
    const actor = credentials.principal.userEntityRef;
    const totalGpus = deployment.replicas * deployment.gpus;
    const hours = hoursLeftInMonth(this.options.now?.() ?? new Date());
    let budget: DeployResult['budget'];
    if (totalGpus > 0) {
      const checked = await this.options.admission
        .reserve(
          {
            team: deployment.team,
            resource: this.options.settings.gpuResource,
            gpus: totalGpus,
            hours,
            reference: `deployment ${deployment.model} v${deployment.version} ${deployment.environment}`,
          },
          credentials,
        )
        .catch(error => {
          const refusal = refusalOf(error, "Checking the team's budget");
          // The budget's words are a job's (GPUs for hours); say what the hours are here.
          throw refusal instanceof ConflictError
            ? new ConflictError(
                `${refusal.message} An endpoint reserves its GPUs until the month ends (${hours} h from now).`,
              )
            : refusal;
        });
      budget = {
        reservationId: checked.reservation.id,
        estimate: checked.reservation.estimate,
        currency: checked.reservation.currency,
        hours,
      };
    }
    const at = this.now();
    const current: Deployment = {
      ...deployment,
      status: 'live',
      decidedBy: actor,
      decidedAt: at,
      ...(budget ? { reservationId: budget.reservationId } : {}),
    };
    const supersede: Transition[] = live
      ? [
          {
            id: live.id,
            from: 'live',
            to: 'superseded',
            event: {
              action: 'superseded',
              actor,
              at,
              detail: `replaced by version ${deployment.version}`,
            },
          },
        ]
      : [];
    try {
      if ('insert' in how) {
        await this.options.store.insert(
          current,
          [
            ...(how.insert.action === 'deployed'
              ? [
                  {
                    action: 'requested' as const,
                    actor: deployment.requestedBy,
                    at: deployment.requestedAt,
                  },
                ]
              : []),
            { action: how.insert.action, actor, at, detail: how.insert.detail },
          ],
          supersede,
        );
      } else {
        await this.options.store.transition([
          {
            id: deployment.id,
            from: 'pending-approval',
            to: 'live',
            changes: {
              decidedBy: actor,
              decidedAt: at,
              ...(budget ? { reservationId: budget.reservationId } : {}),
            },
            event: {
              action: 'approved',
              actor,
              at,
              detail: how.approve.detail,
            },
          },
          ...supersede,
        ]);
      }
    } catch (error) {
      await this.options.admission.release(budget?.reservationId, credentials);
      throw error;
    }
    try {
      await this.apply(kube, current);
    } catch (error) {
      const failedAt = this.now();
      const message = error instanceof Error ? error.message : String(error);
      await this.options.store
        .transition([
          {
            id: current.id,
            from: 'live',
            to: 'failed',
            event: {
              action: 'failed',
              actor,
              at: failedAt,
              detail: message.slice(0, 900),
            },
          },
          ...(live
            ? [
                {
                  id: live.id,
                  from: 'superseded' as const,
                  to: 'live' as const,
                  event: {
                    action: 'deployed' as const,
                    actor,
                    at: failedAt,
                    detail: `serves on: the deploy of version ${deployment.version} failed`,
                  },
                },
              ]
            : []),
        ])
        .catch(e =>
          this.options.logger.error('could not record a failed deploy', {
            deployment: current.id,
            error: String(e),
          }),
        );
      await this.options.admission.release(budget?.reservationId, credentials);
      throw clusterError(
        error,
        `Applying the InferenceService of ${deployment.model} in ${deployment.namespace}`,
      );
    }
    if (live)
      await this.options.admission.release(live.reservationId, credentials);
    this.options.logger.info('model deployed', {
      deployment: current.id,
      model: current.model,
      version: current.version,
      environment: current.environment,
    });
    return {
      deployment: (await this.options.store.get(current.id)) ?? current,
      ...(budget ? { budget } : {}),
    };
  }

  /** Server-side apply with the portal's field manager; an object the portal did not make is refused. */
  private async apply(kube: KubeHttp, deployment: Deployment): Promise<void> {
    const path = isvcPath(deployment.namespace, deployment.inferenceService);
    const existing = await kube.request<InferenceServiceObject>({
      method: 'GET',
      path,
      what: `read InferenceService ${deployment.namespace}/${deployment.inferenceService}`,
      absent: [404],
    });
    if (
      existing &&
      existing.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY
    ) {
      throw new ConflictError(
        `InferenceService ${deployment.namespace}/${deployment.inferenceService} exists and was not made by the portal; delete or rename it, or label it ${MANAGED_BY_LABEL}=${MANAGED_BY} to hand it over`,
      );
    }
    await kube.request({
      method: 'PATCH',
      path: `${path}?fieldManager=${FIELD_MANAGER}&force=true`,
      what: `apply InferenceService ${deployment.namespace}/${deployment.inferenceService}`,
      body: inferenceServiceManifest(deployment, this.options.settings),
    });
  }

  private async checkQuota(
    credentials: UserCredentials,
    team: string,
    wanted: { replicas: number; gpus: number },
    live: Deployment | undefined,
  ): Promise<void> {
    if (wanted.gpus === 0) return;
    const held = live ? live.replicas * live.gpus : 0;
    await this.options.admission.checkQuota(
      {
        team,
        resource: this.options.settings.gpuResource,
        gpus: Math.max(0, wanted.replicas * wanted.gpus - held),
        perPod: wanted.gpus,
        hours: 1,
      },
      credentials,
      {
        wording: deployWording,
        withoutCluster: message => new ServiceUnavailableError(message),
      },
    );
  }

  private async pending(
    credentials: UserCredentials,
    id: string,
    what: 'approve' | 'reject',
  ): Promise<Deployment> {
    const deployment = await this.options.store.get(id);
    if (!deployment) throw new NotFoundError(`no deployment ${id}`);
    if (deployment.status !== 'pending-approval') {
      throw new ConflictError(
        `deployment ${id} is ${deployment.status}, not waiting for approval`,
      );
    }
    if (
      deployment.requestedBy.toLowerCase() ===
      credentials.principal.userEntityRef.toLowerCase()
    ) {
      throw new NotAllowedError(
        `you requested this deploy, so you cannot ${what} it: a platform keeper or ${deployment.team}'s lead does`,
      );
    }
    if (!(await this.rolesIn(credentials, deployment.team)).canApprove) {
      throw new NotAllowedError(
        `only platform keepers and ${deployment.team}'s lead ${what} its production deploys`,
      );
    }
    return deployment;
  }

  private async liveIn(model: string, environment: Environment) {
    return (await this.options.store.ofModel(model, environment)).find(
      d => d.status === 'live',
    );
  }

  /** The job and dataset behind a registry version's run, from the run's tags and inputs. */
  private async provenance(runId?: string) {
    if (!runId) return {};
    const run = await this.registry().run(runId);
    const { jobId, dataset } = ModelRegistry.provenance(run);
    return {
      runId,
      ...(jobId ? { jobId } : {}),
      ...(dataset ? { dataset: dataset.name } : {}),
    };
  }

  /** A model's deployments and what the cluster serves for each environment. */
  async model(
    credentials: UserCredentials,
    model: string,
  ): Promise<ModelDeployments> {
    const deployments = await this.options.store.ofModel(model);
    const team =
      deployments[0]?.team ??
      (await this.ownerOf(
        model,
        (
          await this.options.registry?.registeredModel(model)
        )?.team,
      ));
    if (!team) {
      throw new NotFoundError(
        `no model named ${model} in the registry or the catalog`,
      );
    }
    const facts = await this.options.teams.team(team);
    const reader = this.options.kube && new EndpointReader(this.options.kube);
    const endpoints = reader
      ? await Promise.all(
          ENVIRONMENTS.map(env => reader.endpoint(team, model, env)),
        )
      : [];
    return {
      model,
      team,
      deployments,
      endpoints,
      ...(await this.rolesIn(credentials, team, facts)),
      maxReplicas: facts.maxReplicas ?? this.options.settings.maxReplicas,
    };
  }

  async audit(model: string): Promise<AuditEvent[]> {
    return this.options.store.events(model);
  }
}
