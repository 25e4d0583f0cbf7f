import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { ActionError } from './states';

/**
 * Downloads a file the backend makes. A plain link cannot do it: the backend wants the user's
 * token, which only fetchApi adds, so the file is fetched and handed to the browser as a blob.
 */
export function DownloadButton(props: {
  label: string;
  fileName: string;
  fetchFile: () => Promise<Blob>;
  disabled?: boolean;
}) {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const file = await props.fetchFile();
      const url = URL.createObjectURL(file);
      const link = document.createElement('a');
      link.href = url;
      link.download = props.fileName;
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
        disabled={busy || props.disabled}
      >
        {props.label}
      </Button>
      {error !== undefined && <ActionError error={error} />}
    </Box>
  );
}
