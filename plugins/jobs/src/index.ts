/**
 * Training jobs in the portal: the `jobs` frontend plugin (default export, found by the app's
 * `app.packages: all`) with its Training jobs page, its team card and its API client.
 *
 * @packageDocumentation
 */
export { jobsPlugin as default } from './plugin';
export { jobsPlugin } from './plugin';
export {
  jobsApi,
  jobsEntityCard,
  jobsEntityFilter,
  jobsPage,
} from './extensions';
export { JobsClient, jobsApiRef } from './api';
export type { JobsApi, MyTeams } from './api';
export { MyJobsCard } from './components/MyJobsCard';
