/** A run time as h:mm:ss, e.g. "1:02:03" or "26:00:00". */
export function formatRuntime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** An amount of money as the backend's figures are meant: two decimals, then the currency. */
export function formatMoney(amount: number, currency: string): string {
  return `${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "4 days ago". */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '—';
  }
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) {
    return seconds < 10 ? 'just now' : `${seconds} s ago`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ago`;
  }
  return `${Math.floor(hours / 24)} days ago`;
}

/** A date and time in the reader's own locale and time zone. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Who submitted a job: the name of `user:default/alex.kim`, or the text as it is. */
export function submitterName(ref: string): string {
  if (!ref) {
    return 'unknown';
  }
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return name.slice(name.indexOf(':') + 1) || ref;
}
