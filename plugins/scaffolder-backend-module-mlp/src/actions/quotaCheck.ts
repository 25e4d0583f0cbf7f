import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { gpuMisfit, type GpuMisfit } from '@internal/plugin-mlp-admission-node';
import { gpuCount as gpuQuantity } from '@internal/plugin-mlp-kube-node';
import { z } from 'zod/v3';
import { NotConfiguredError, QuotaExceededError } from '../errors';
import { GPU_RESOURCE, LIMIT_RANGE_NAME, QUOTA_NAME } from '../kube/manifests';
import { KubeObjects } from '../kube/types';
import { dnsLabel, gpuCount, parseInput } from '../validation';
import { ActionDeps } from './deps';

const ID = 'mlp:quota:check';

type QuotaFigures = {
  hard: number;
  used: number;
  available: number;
  maxPerJob?: number;
};

/** The team's GPU quota as the API server reports it (status.hard / status.used). */
export async function readGpuQuota(
  kube: KubeObjects,
  namespace: string,
): Promise<QuotaFigures> {
  const quota = (await kube.get({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: QUOTA_NAME, namespace },
  })) as
    | {
        status?: {
          hard?: Record<string, string>;
          used?: Record<string, string>;
        };
      }
    | undefined;
  if (!quota) {
    const ns = await kube.get({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    throw new InputError(
      ns
        ? `team: namespace '${namespace}' has no GPU quota (ResourceQuota ${QUOTA_NAME}); a platform keeper must onboard the team first`
        : `team: '${namespace}' has no namespace on the cluster; a platform keeper must onboard the team first (template "Onboard an ML team")`,
    );
  }
  const key = `requests.${GPU_RESOURCE}`;
  const hard = gpuFigure(quota.status?.hard?.[key], `${QUOTA_NAME} hard`);
  const used = gpuFigure(quota.status?.used?.[key], `${QUOTA_NAME} used`);
  const limits = (await kube.get({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: LIMIT_RANGE_NAME, namespace },
  })) as
    | { spec?: { limits?: Array<{ max?: Record<string, string> }> } }
    | undefined;
  const max = limits?.spec?.limits?.find(l => l.max?.[GPU_RESOURCE])?.max?.[
    GPU_RESOURCE
  ];
  return {
    hard,
    used,
    available: Math.max(0, hard - used),
    ...(max ? { maxPerJob: gpuFigure(max, `${LIMIT_RANGE_NAME} max`) } : {}),
  };
}

/** A GPU count of the quota objects, read with the shared parser (absent is 0). */
function gpuFigure(quantity: string | undefined, what: string): number {
  const n = gpuQuantity(quantity ?? '0');
  if (Number.isNaN(n)) {
    throw new InputError(
      `team: ${what} for ${GPU_RESOURCE} is "${quantity}", not a whole number of GPUs; a platform keeper must fix the team's quota`,
    );
  }
  return n;
}

/** The check's refusals, in the template's words (its field is `gpusPerJob`). */
const templateWording = (
  misfit: GpuMisfit,
  team: string,
  gpus: number,
): string => {
  if (misfit.reason === 'per-job-maximum') {
    return `gpusPerJob: ${gpus} GPUs per job is more than ${team}'s per-job maximum of ${misfit.max}; ask for at most ${misfit.max}, or ask a platform keeper to raise it`;
  }
  const { used = 0, hard = 0, available = 0 } = misfit.figures ?? {};
  return `gpusPerJob: ${gpus} GPUs do not fit in ${team}'s GPU quota: ${used} of ${hard} are in use, ${available} free. Ask for at most ${available}, or request a quota increase`;
};

export function createQuotaCheckAction({ kube, access, settings }: ActionDeps) {
  const inputSchema = z
    .object({
      team: dnsLabel(
        'Catalog Group name of the team (its namespace has the same name)',
      ),
      gpusPerJob: gpuCount(
        'GPUs one training job of the project will request',
        0,
        settings.maxGpusPerJob,
        'mlp.gpu.maxPerJob',
      ),
    })
    .strict();
  return createTemplateAction({
    id: ID,
    description:
      "Checks that a team's GPU quota can hold a job of the given size: within the per-job max and the GPUs not yet in use. Reads only",
    supportsDryRun: true,
    examples: [
      {
        description: 'Can the nlp-team run 2-GPU jobs?',
        example: `steps:\n  - id: quota\n    action: ${ID}\n    input:\n      team: nlp-team\n      gpusPerJob: 2\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        hard: zod => zod.number().describe("The team's GPU quota"),
        used: zod => zod.number().describe('GPUs requested by its pods now'),
        available: zod => zod.number().describe('GPUs still free in the quota'),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      await access.assertMayActForTeam(
        await ctx.getInitiatorCredentials(),
        input.team,
        ID,
      );
      if (!kube) {
        if (ctx.isDryRun) {
          ctx.logger.info('Dry run without a cluster: GPU quota not checked');
          return;
        }
        throw new NotConfiguredError(
          'No Kubernetes cluster is configured, so the GPU quota cannot be checked: add one under kubernetes.clusterLocatorMethods',
        );
      }
      const figures = await readGpuQuota(kube, input.team);
      const misfit = gpuMisfit(
        { resource: GPU_RESOURCE, ...figures },
        input.gpusPerJob,
      );
      if (misfit) {
        throw new QuotaExceededError(
          templateWording(misfit, input.team, input.gpusPerJob),
        );
      }
      ctx.logger.info(
        `${input.team}: ${figures.used}/${figures.hard} GPUs in use, ${figures.available} free; a ${input.gpusPerJob}-GPU job fits`,
      );
      ctx.output('hard', figures.hard);
      ctx.output('used', figures.used);
      ctx.output('available', figures.available);
    },
  });
}
