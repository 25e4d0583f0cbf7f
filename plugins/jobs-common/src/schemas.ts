import { z } from 'zod';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes memory quantity such as 16Gi or 512Mi. */
export const MEMORY_PATTERN = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/;
/** A Kubernetes CPU quantity such as 4 or 500m. */
export const CPU_PATTERN = /^[0-9]+(\.[0-9]+)?m?$/;

/** A runtime such as 90s, 5m or 2h. */
export const SIMULATED_RUNTIME_PATTERN = /^[0-9]{1,6}[smh]$/;

/**
 * Only on a simulated cluster (KWOK's GPU nodes, `jobs.simulatedCluster`): how the job's pods
 * behave, since nothing really runs there. Without it a pod runs until its timeout.
 */
export const simulationSchema = z
  .object({
    runtime: z
      .string()
      .regex(
        SIMULATED_RUNTIME_PATTERN,
        'must be a duration such as 90s, 5m or 2h',
      ),
    exitCode: z
      .number()
      .int('must be a whole number from 0 to 255')
      .min(0, 'must be a whole number from 0 to 255')
      .max(255, 'must be a whole number from 0 to 255')
      .default(0),
    failure: z.string().max(200, 'must be at most 200 characters').optional(),
    /** The utilization, in %, the local GPU metrics exporter reports for the job's GPUs. */
    gpuUtil: z
      .number()
      .min(0, 'must be a utilization in % from 0 to 100')
      .max(100, 'must be a utilization in % from 0 to 100')
      .optional(),
  })
  .strict();

/** POST /jobs: a training job to run on the team's GPUs. */
export const jobSubmissionSchema = z
  .object({
    name: z
      .string()
      .max(40, 'must be at most 40 characters')
      .regex(
        dnsLabel,
        'must be lowercase letters, digits and -, such as bert-finetuning',
      ),
    team: z
      .string()
      .regex(dnsLabel, 'must be a team name such as nlp-team')
      .max(63),
    image: z
      .string({
        message:
          'is required: the container image to run, such as ml-training:latest',
      })
      .min(
        1,
        'is required: the container image to run, such as ml-training:latest',
      )
      .max(500)
      .regex(/^[^\s]+$/, 'must be an image reference without spaces'),
    script: z
      .string()
      .min(1)
      .max(500)
      .regex(/^[^\s]+$/, 'must be a path without spaces, such as train.py')
      .optional(),
    args: z.array(z.string().max(1000)).max(50).default([]),
    gpus: z
      .number({ message: 'must be a whole number of GPUs, 1 or more' })
      .int('must be a whole number of GPUs, 1 or more')
      .min(1, 'must be 1 or more (a training job needs a GPU)'),
    gpuProduct: z
      .string()
      .max(63, 'must be at most 63 characters')
      .regex(
        /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
        'must be a GPU model as the nodes are labelled (nvidia.com/gpu.product), such as NVIDIA-A100-SXM4-80GB or NVIDIA-L4',
      )
      .optional(),
    memory: z
      .string()
      .regex(MEMORY_PATTERN, 'must be a memory quantity such as 16Gi or 512Mi'),
    cpu: z
      .string()
      .regex(CPU_PATTERN, 'must be a CPU quantity such as 4 or 500m')
      .default('4'),
    timeoutHours: z
      .number({ message: 'must be a number of hours' })
      .positive('must be more than 0')
      .max(336, 'must be at most 336 (two weeks)'),
    retries: z.number().int().min(0).max(5, 'must be at most 5').default(0),
    outputArtifacts: z
      .array(z.string().min(1).max(500))
      .max(20, 'at most 20 paths')
      .default([]),
    experiment: z.string().min(1).max(250).optional(),
    project: z.string().regex(dnsLabel).max(63).optional(),
    simulate: simulationSchema.optional(),
  })
  .strict();

export type JobSubmission = z.input<typeof jobSubmissionSchema>;
export type ParsedJobSubmission = z.output<typeof jobSubmissionSchema>;

/** GET /jobs */
export const listJobsQuerySchema = z
  .object({
    team: z
      .string()
      .regex(dnsLabel, 'must be a team name such as nlp-team')
      .optional(),
  })
  .strict();

/** A job id is the name of its Argo Workflow. */
export const jobIdSchema = z
  .string()
  .max(63)
  .regex(
    dnsLabel,
    'must be a job id as `mlp jobs` prints it, such as bert-finetuning-x7k2p',
  );
