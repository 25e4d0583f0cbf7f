// The portal's one money format, shared with the other plugins.
export { formatMoney } from '@internal/plugin-mlp-react';

/** GPU-hours to a tenth of an hour. */
export function formatGpuHours(hours: number): string {
  return hours.toLocaleString('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

/** Money is rounded to cents once, where it is shown or sent. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
