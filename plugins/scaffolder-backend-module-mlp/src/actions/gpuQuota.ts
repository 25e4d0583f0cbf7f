import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { applyManaged } from '../kube/applyManaged';
import {
  GPU_RESOURCE,
  LIMIT_RANGE_NAME,
  limitRangeManifest,
  QUOTA_NAME,
  resourceQuotaManifest,
} from '../kube/manifests';
import {
  dnsLabel,
  gpuCount,
  gpuTypes,
  parseInput,
  quantity,
} from '../validation';
import { ActionDeps, ADOPT_DESCRIPTION } from './deps';
import { requireNamespace } from './requireNamespace';

const ID = 'mlp:k8s:gpu-quota';

function schemaFor(maxTeam: number, maxJob: number) {
  return z
    .object({
      namespace: dnsLabel("The team's namespace"),
      team: dnsLabel('Catalog Group name of the team'),
      gpus: gpuCount(
        `GPUs (${GPU_RESOURCE}) the team may request in total`,
        0,
        maxTeam,
        'mlp.gpu.maxPerTeam',
      ),
      gpuTypes: gpuTypes(
        'Quotas for other GPU resources, such as MIG slices: { "nvidia.com/mig-1g.10gb": 8 }',
        maxTeam,
        'mlp.gpu.maxPerTeam',
      ).optional(),
      maxGpusPerJob: gpuCount(
        'Most GPUs one container may request',
        1,
        maxJob,
        'mlp.gpu.maxPerJob',
      ),
      cpu: quantity('CPU the team may request in total, such as 64').optional(),
      memory: quantity(
        'Memory the team may request in total, such as 256Gi',
      ).optional(),
      adopt: z.boolean().optional().describe(ADOPT_DESCRIPTION),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.gpuTypes && GPU_RESOURCE in value.gpuTypes) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['gpuTypes', GPU_RESOURCE],
          message: `set ${GPU_RESOURCE} with gpus, not in gpuTypes`,
        });
      }
    });
}

export function createGpuQuotaAction({ kube, access, settings }: ActionDeps) {
  const inputSchema = schemaFor(
    settings.maxGpusPerTeam,
    settings.maxGpusPerJob,
  );
  return createTemplateAction({
    id: ID,
    description: `Sets a team's GPU quota: ResourceQuota ${QUOTA_NAME} (requests.${GPU_RESOURCE}, other GPU types, CPU, memory) and LimitRange ${LIMIT_RANGE_NAME} (per-container GPU max, default 0; default CPU/memory requests when those have a quota)`,
    supportsDryRun: true,
    examples: [
      {
        description: '8 GPUs, at most 4 per job, 64 CPUs and 256Gi memory',
        example: `steps:\n  - id: quota\n    action: ${ID}\n    input:\n      namespace: nlp-team\n      team: nlp-team\n      gpus: 8\n      maxGpusPerJob: 4\n      cpu: "64"\n      memory: 256Gi\n`,
      },
    ],
    schema: {
      input: () => inputSchema,
      output: {
        quotaName: zod => zod.string().describe('Name of the ResourceQuota'),
        limitRangeName: zod => zod.string().describe('Name of the LimitRange'),
        result: zod =>
          zod
            .string()
            .describe(
              'What happened to the ResourceQuota: created, updated, unchanged or planned',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(ID, inputSchema, ctx.input);
      if (input.maxGpusPerJob > input.gpus && input.gpus > 0) {
        throw new InputError(
          `${ID} was given bad input, nothing was changed. maxGpusPerJob: ${input.maxGpusPerJob} is more than the team's quota of ${input.gpus} GPUs; a job could never start`,
        );
      }
      await access.assertMayOnboard(await ctx.getInitiatorCredentials(), ID);
      await requireNamespace(kube, ctx.isDryRun, input.namespace, ID);
      const quota = await applyManaged(
        ctx,
        kube,
        resourceQuotaManifest(input),
        input,
      );
      await applyManaged(
        ctx,
        kube,
        limitRangeManifest({
          namespace: input.namespace,
          team: input.team,
          maxGpusPerJob: input.maxGpusPerJob,
          gpuResources: [GPU_RESOURCE, ...Object.keys(input.gpuTypes ?? {})],
          cpuQuota: input.cpu !== undefined,
          memoryQuota: input.memory !== undefined,
        }),
        input,
      );
      ctx.output('quotaName', QUOTA_NAME);
      ctx.output('limitRangeName', LIMIT_RANGE_NAME);
      ctx.output('result', quota.result);
    },
  });
}
