import Chip from '@material-ui/core/Chip';
import type { QuotaRequestStatus } from '@internal/plugin-gpu-quota-common';

const COLORS: Record<QuotaRequestStatus, 'default' | 'primary' | 'secondary'> =
  {
    pending: 'secondary',
    approved: 'primary',
    rejected: 'default',
    cancelled: 'default',
    expired: 'default',
  };

export function RequestStatusChip(props: { status: QuotaRequestStatus }) {
  return (
    <Chip
      size="small"
      label={props.status}
      color={COLORS[props.status]}
      variant={props.status === 'pending' ? 'outlined' : 'default'}
    />
  );
}
