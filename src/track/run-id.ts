// Run ids and timestamps: ids sort by creation time (to the millisecond), read as a date, and may be abbreviated to a unique prefix.
import { randomBytes } from 'node:crypto';

let lastMs = 0;

/**
 * Wall-clock milliseconds, strictly increasing within this process, so runs created back to back keep their order.
 * Each call may run up to 1 ms ahead of the clock: use it for run creation, not for per-row timestamps.
 */
export function monotonicNow(): number {
  lastMs = Math.max(Date.now(), lastMs + 1);
  return lastMs;
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** For timestamps that order nothing (rows carry `seq` for order), so bursts of rows do not push the clock ahead. */
export function nowIso(): string {
  return new Date().toISOString();
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * `YYYYMMDD-HHMMSS-mmmrrr` in UTC: `mmm` is the millisecond in hex (000–3e7), `rrr` three random hex digits,
 * e.g. `20261129-124501-1f4a3c`. Lexical order is creation order to the millisecond.
 */
export function runIdAt(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
  const milli = d.getUTCMilliseconds().toString(16).padStart(3, '0');
  const random = randomBytes(2).toString('hex').slice(0, 3);
  return `${date}-${time}-${milli}${random}`;
}

/** Characters a run id can contain; a prefix with anything else matches nothing. */
export function isRunIdPrefix(prefix: string): boolean {
  return /^[0-9a-f-]+$/.test(prefix);
}
