import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { costBudgetServiceRef } from '@internal/plugin-cost-node';
import { gpuQuotaReaderServiceRef } from '@internal/plugin-gpu-quota-node';
import { jobsPermissions } from '@internal/plugin-jobs-common';
import { GpuAdmission } from '@internal/plugin-mlp-admission-node';
import { scheduleLoggedTask, TeamAccess } from '@internal/plugin-mlp-node';
import { KubeHttp, readKubeCluster } from '@internal/plugin-mlp-kube-node';
import { MlflowClient, readMlflowServers } from '@internal/plugin-mlflow-node';
import { DatabaseJobRecordStore } from './records/DatabaseJobRecordStore';
import { JobRecorder } from './records/JobRecorder';
import { createRouter } from './router';
import { JobMlflowRuns } from './services/JobMlflowRuns';
import { JobService } from './services/JobService';
import {
  GpuUtilizationReader,
  readUtilizationSettings,
} from '@internal/plugin-utilization-node';
import { JobUtilization } from './services/JobUtilization';
import { readJobsSettings } from './settings';

/** Training jobs as Argo Workflows in team namespaces, under /api/jobs. */
export const jobsPlugin = createBackendPlugin({
  pluginId: 'jobs',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        quota: gpuQuotaReaderServiceRef,
        budget: costBudgetServiceRef,
      },
      async init(deps) {
        const settings = readJobsSettings(deps.config);
        const cluster = readKubeCluster(deps.config);
        if (!cluster) {
          deps.logger.warn(
            'no Kubernetes cluster configured: training jobs are refused with 503',
          );
        }
        deps.permissionsRegistry.addPermissions(jobsPermissions);
        const records = await DatabaseJobRecordStore.create({
          database: deps.database,
        });
        // Each job's MLflow run, on the portal's first MLflow server.
        const mlflow = readMlflowServers(deps.config)[0];
        const runs = mlflow
          ? new JobMlflowRuns(new MlflowClient(mlflow), deps.logger)
          : undefined;
        const recorder = new JobRecorder(records, deps.logger, { runs });
        const service = new JobService({
          kube: cluster ? new KubeHttp(cluster) : undefined,
          admission: new GpuAdmission({
            quota: deps.quota,
            budget: deps.budget,
            logger: deps.logger,
          }),
          access: new TeamAccess(deps.permissions, deps.userInfo),
          settings,
          logger: deps.logger,
          recorder,
          runs,
          utilization: new JobUtilization(
            new GpuUtilizationReader(readUtilizationSettings(deps.config)),
            () => new Date(),
          ),
        });
        if (cluster) {
          await scheduleLoggedTask({
            scheduler: deps.scheduler,
            logger: deps.logger,
            id: 'jobs-records',
            frequency: { seconds: settings.recordSeconds },
            timeout: { minutes: 2 },
            failure: 'recording the jobs failed; the next pass catches up',
            run: () => recorder.pass(() => service.allJobs()),
          });
        }
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service,
            records,
          }),
        );
      },
    });
  },
});
