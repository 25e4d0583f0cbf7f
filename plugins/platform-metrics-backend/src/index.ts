/**
 * The platform metrics backend: jobs, GPU-hours, queue wait, time to first job and adoption per
 * team, from the portal's own records (/api/platform-metrics).
 *
 * @packageDocumentation
 */
export { platformMetricsPlugin as default } from './plugin';
