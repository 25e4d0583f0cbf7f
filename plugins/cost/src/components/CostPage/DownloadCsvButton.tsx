import { useApi } from '@backstage/frontend-plugin-api';
import { DownloadButton } from '@internal/plugin-mlp-react';
import { costApiRef, type CostRange } from '../../api';

/** The name the backend gives the file too. */
export function csvFileName(team: string, range: CostRange): string {
  return `gpu-cost-${team}-${range.from}-${range.to}.csv`;
}

/** Downloads the backend's CSV of the summary. */
export function DownloadCsvButton(props: { team?: string; range?: CostRange }) {
  const { team, range } = props;
  const api = useApi(costApiRef);
  return (
    <DownloadButton
      label="Download CSV"
      fileName={team && range ? csvFileName(team, range) : ''}
      fetchFile={() => api.exportSummaryCsv(team!, range!)}
      disabled={!team || !range}
    />
  );
}
