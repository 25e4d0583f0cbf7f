import { createPermission } from '@backstage/plugin-permission-common';

/** See training jobs (the backend limits a user to their teams' jobs). */
export const jobsReadPermission = createPermission({
  name: 'jobs.read',
  attributes: { action: 'read' },
});

/** Submit and cancel training jobs for one's own teams (membership is checked by the backend). */
export const jobsSubmitPermission = createPermission({
  name: 'jobs.submit',
  attributes: { action: 'create' },
});

export const jobsPermissions = [jobsReadPermission, jobsSubmitPermission];
