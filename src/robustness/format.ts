// Number formatting for behavioral-test messages: 4 significant digits, percentages.

export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

export function pct(x: number): string {
  return `${fmt(100 * x)}%`;
}
