import { useApi } from '@backstage/frontend-plugin-api';
import { DownloadButton } from '@internal/plugin-mlp-react';
import { gpuQuotaApiRef } from '../../api';

export const AUDIT_FILE_NAME = 'gpu-quota-audit.csv';

/** Downloads the audit trail as CSV. */
export function ExportAuditButton() {
  const api = useApi(gpuQuotaApiRef);
  return (
    <DownloadButton
      label="Export audit (CSV)"
      fileName={AUDIT_FILE_NAME}
      fetchFile={() => api.exportAuditCsv()}
    />
  );
}
