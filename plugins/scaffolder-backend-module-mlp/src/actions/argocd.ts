import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { applyManaged } from '../kube/applyManaged';
import { applicationManifest, appProjectManifest } from '../kube/manifests';
import { dnsLabel, parseInput } from '../validation';
import { ActionDeps, ADOPT_DESCRIPTION } from './deps';
import { requireNamespace } from './requireNamespace';

const PROJECT_ID = 'mlp:argocd:project';
const APP_ID = 'mlp:argocd:application';

const projectInput = z
  .object({
    team: dnsLabel('Catalog Group name of the team; also the AppProject name'),
    adopt: z.boolean().optional().describe(ADOPT_DESCRIPTION),
  })
  .strict();

export function createArgoProjectAction({
  kube,
  access,
  settings,
}: ActionDeps) {
  return createTemplateAction({
    id: PROJECT_ID,
    description:
      "Creates the team's ArgoCD AppProject: its applications may deploy into the team's namespace only",
    supportsDryRun: true,
    examples: [
      {
        description: 'AppProject of the nlp-team',
        example: `steps:\n  - id: argocd-project\n    action: ${PROJECT_ID}\n    input:\n      team: nlp-team\n`,
      },
    ],
    schema: {
      input: () => projectInput,
      output: {
        projectName: zod => zod.string().describe('Name of the AppProject'),
        result: zod =>
          zod.string().describe('created, updated, unchanged or planned'),
      },
    },
    async handler(ctx) {
      const input = parseInput(PROJECT_ID, projectInput, ctx.input);
      await access.assertMayOnboard(
        await ctx.getInitiatorCredentials(),
        PROJECT_ID,
      );
      await requireNamespace(
        kube,
        ctx.isDryRun,
        settings.argocd.namespace,
        PROJECT_ID,
        'mlp.argocd.namespace',
      );
      const applied = await applyManaged(
        ctx,
        kube,
        appProjectManifest({
          team: input.team,
          argocdNamespace: settings.argocd.namespace,
          destinationServer: settings.argocd.destinationServer,
        }),
        input,
      );
      ctx.output('projectName', input.team);
      ctx.output('result', applied.result);
    },
  });
}

const appInput = z
  .object({
    name: dnsLabel('Application name: the ML project name'),
    team: dnsLabel(
      "Catalog Group name of the project's team (its AppProject and namespace)",
    ),
    repoUrl: z
      .string({ required_error: 'is required' })
      .superRefine((value, ctx) => {
        if (!/^(https?|ssh|git|file):\/\/\S+$|^git@\S+:\S+$/.test(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `'${value}' is not a git repository URL: use https://..., ssh://..., git@host:org/repo or file://...`,
          });
        }
      })
      .describe('Git repository with the deployment manifests'),
    path: z
      .string()
      .default('deploy')
      .describe('Folder of the manifests in the repository'),
    revision: z
      .string()
      .default('HEAD')
      .describe('Branch, tag or commit to deploy'),
    adopt: z.boolean().optional().describe(ADOPT_DESCRIPTION),
  })
  .strict();

export function createArgoApplicationAction({
  kube,
  access,
  settings,
}: ActionDeps) {
  return createTemplateAction({
    id: APP_ID,
    description:
      "Creates the ArgoCD Application that deploys an ML project into its team's namespace (automated sync, prune, self-heal)",
    supportsDryRun: true,
    examples: [
      {
        description: 'Deploy the deploy/ folder of a project repository',
        example: `steps:\n  - id: argocd-app\n    action: ${APP_ID}\n    input:\n      name: ticket-router\n      team: nlp-team\n      repoUrl: https://git.example.com/nlp/ticket-router.git\n`,
      },
    ],
    schema: {
      input: () => appInput,
      output: {
        applicationName: zod =>
          zod.string().describe('Name of the Application'),
        url: zod =>
          zod
            .string()
            .describe(
              'Link to the Application in the ArgoCD UI (empty when mlp.argocd.baseUrl is unset)',
            ),
        result: zod =>
          zod.string().describe('created, updated, unchanged or planned'),
      },
    },
    async handler(ctx) {
      const input = parseInput(APP_ID, appInput, ctx.input);
      await access.assertMayActForTeam(
        await ctx.getInitiatorCredentials(),
        input.team,
        APP_ID,
      );
      await requireNamespace(kube, ctx.isDryRun, input.team, APP_ID, 'team');
      const applied = await applyManaged(
        ctx,
        kube,
        applicationManifest({
          name: input.name,
          team: input.team,
          argocdNamespace: settings.argocd.namespace,
          destinationServer: settings.argocd.destinationServer,
          repoUrl: input.repoUrl,
          path: input.path,
          revision: input.revision,
        }),
        input,
      );
      ctx.output('applicationName', input.name);
      ctx.output(
        'url',
        settings.argocd.baseUrl
          ? `${settings.argocd.baseUrl.replace(/\/$/, '')}/applications/${
              settings.argocd.namespace
            }/${input.name}`
          : '',
      );
      ctx.output('result', applied.result);
    },
  });
}
