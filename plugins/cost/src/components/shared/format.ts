/** An amount of money as the backend's figures are meant: two decimals, then the currency. */
export function formatMoney(amount: number, currency: string): string {
  return `${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;
}

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
