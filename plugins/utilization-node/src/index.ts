/**
 * GPU utilization per pod from the Prometheus that scrapes dcgm-exporter.
 *
 * @packageDocumentation
 */
export { GpuUtilizationReader, podKey } from './GpuUtilizationReader';
export type { PodUtilizations } from './GpuUtilizationReader';
export { PrometheusClient } from './PrometheusClient';
export type { VectorSample } from './PrometheusClient';
export { FB_USED, GPU_UTIL, windowQueries } from './promql';
export { readUtilizationSettings } from './settings';
export type { PrometheusSettings, UtilizationSettings } from './settings';
