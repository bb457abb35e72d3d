// Number and value formatting for the report: every missing or non-finite figure (NaN, or null after a JSON round trip) shows as "—".

export const MISSING = '—';

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A metric value: 4 decimals, exponent notation for very small or very large magnitudes. */
export function fmt(x: unknown, digits = 4): string {
  if (!finite(x)) return MISSING;
  if (x === 0 || Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return x.toExponential(2);
  if (a >= 100) return x.toFixed(1);
  return x.toFixed(digits);
}

/** A signed difference in fixed notation, e.g. "+0.1008", "-0.0006". */
export function signed(x: unknown, digits = 4): string {
  if (!finite(x)) return MISSING;
  const a = Math.abs(x);
  const text = a >= 1e6 ? a.toExponential(2) : a >= 100 ? a.toFixed(1) : a.toFixed(digits);
  if (Number(text) === 0) return text;
  return (x > 0 ? '+' : '-') + text;
}

/** A count with thousands separators. */
export function count(x: unknown): string {
  if (!finite(x)) return MISSING;
  return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function percent(x: unknown, digits = 1): string {
  if (!finite(x)) return MISSING;
  return `${(x * 100).toFixed(digits)}%`;
}

export function millis(x: unknown): string {
  if (!finite(x)) return MISSING;
  if (x < 0.01) return `${(x * 1000).toFixed(2)} µs`;
  return `${fmt(x, 3)} ms`;
}

export function bytes(x: unknown): string {
  if (!finite(x)) return MISSING;
  if (x < 1024) return `${x} B`;
  if (x < 1024 ** 2) return `${(x / 1024).toFixed(1)} KiB`;
  return `${(x / 1024 ** 2).toFixed(2)} MiB`;
}

export function rate(x: unknown): string {
  if (!finite(x)) return MISSING;
  return `${count(x)} rows/s`;
}

/** A p-value: "< 0.001" rather than an exponent. */
export function pValue(x: unknown): string {
  if (!finite(x)) return MISSING;
  return x < 0.001 ? '< 0.001' : x.toFixed(3);
}

export function interval(low: unknown, high: unknown): string {
  if (!finite(low) || !finite(high)) return MISSING;
  return `[${fmt(low)}, ${fmt(high)}]`;
}

/** A bound of a constraint, e.g. "≤ 5" or "≥ 0.7 and ≤ 0.9". */
export function bound(c: { readonly min?: number; readonly max?: number }): string {
  const parts: string[] = [];
  if (c.min !== undefined && c.min !== null) parts.push(`≥ ${fmt(c.min)}`);
  if (c.max !== undefined && c.max !== null) parts.push(`≤ ${fmt(c.max)}`);
  return parts.join(' and ') || MISSING;
}

/** Any JSON scalar as text; objects and arrays as compact JSON. */
export function scalar(x: unknown): string {
  if (x === null || x === undefined) return MISSING;
  if (typeof x === 'number') return fmt(x);
  if (typeof x === 'string') return x;
  if (typeof x === 'boolean') return x ? 'yes' : 'no';
  return JSON.stringify(x);
}
