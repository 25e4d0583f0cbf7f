import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/frontend-plugin-api';
import { costApiRef, type CostRange } from '../../api';
import { ActionError } from '@internal/plugin-mlp-react';

/** The name the backend gives the file too. */
export function csvFileName(team: string, range: CostRange): string {
  return `gpu-cost-${team}-${range.from}-${range.to}.csv`;
}

/**
 * Downloads the backend's CSV of the summary. A plain link cannot do it: the backend wants the
 * user's token, which only fetchApi adds, so the file is fetched and handed over as a blob.
 */
export function DownloadCsvButton(props: { team?: string; range?: CostRange }) {
  const { team, range } = props;
  const api = useApi(costApiRef);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    if (!team || !range) {
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const csv = await api.exportSummaryCsv(team, range);
      const url = URL.createObjectURL(csv);
      const link = document.createElement('a');
      link.href = url;
      link.download = csvFileName(team, range);
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        onClick={download}
        disabled={busy || !team || !range}
      >
        Download CSV
      </Button>
      {error !== undefined && <ActionError error={error} />}
    </Box>
  );
}
