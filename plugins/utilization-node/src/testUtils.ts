// Test-only: what the local Prometheus scraped, counted by hand from the raw samples (the reader
// samples every resolutionSeconds with subqueries instead).

/**
 * GPU-seconds of a pod that Prometheus holds raw samples of: the number of samples of each of
 * its GPUs' DCGM_FI_DEV_GPU_UTIL series over the last `minutes`, times the scrape interval.
 */
export async function scrapedGpuSeconds(input: {
  baseUrl: string;
  namespace: string;
  pod: string;
  scrapeSeconds: number;
  minutes?: number;
}): Promise<number> {
  const query = `sum(count_over_time(DCGM_FI_DEV_GPU_UTIL{namespace="${
    input.namespace
  }",pod="${input.pod}"}[${input.minutes ?? 10}m]))`;
  const response = await fetch(`${input.baseUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query }).toString(),
  });
  const body = (await response.json()) as {
    data: { result: Array<{ value: [number, string] }> };
  };
  return Number(body.data.result[0]?.value[1] ?? 0) * input.scrapeSeconds;
}
