import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/frontend-plugin-api';
import { gpuQuotaApiRef } from '../../api';
import { ActionError } from '@internal/plugin-mlp-react';

export const AUDIT_FILE_NAME = 'gpu-quota-audit.csv';

/**
 * Downloads the audit trail. A plain link cannot do it: the backend wants the user's token,
 * which only fetchApi adds, so the file is fetched and handed to the browser as a blob.
 */
export function ExportAuditButton() {
  const api = useApi(gpuQuotaApiRef);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const csv = await api.exportAuditCsv();
      const url = URL.createObjectURL(csv);
      const link = document.createElement('a');
      link.href = url;
      link.download = AUDIT_FILE_NAME;
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
        disabled={busy}
      >
        Export audit (CSV)
      </Button>
      {error !== undefined && <ActionError error={error} />}
    </Box>
  );
}
