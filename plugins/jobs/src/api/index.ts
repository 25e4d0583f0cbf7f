export { jobsApiRef } from './JobsApi';
export type { JobsApi, MyTeams } from './JobsApi';
export { JobsClient } from './JobsClient';
