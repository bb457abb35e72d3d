// Data-check codes, their severities and every threshold, declared once (messages, docs and tests read them from here).
import type { Finding, Severity } from '../evaluate/findings.ts';
import type { Json } from '../track/types.ts';

export const CHECK_CODES = [
  'DUPLICATES_ACROSS_SPLITS',
  'LEAKY_FEATURE',
  'FUTURE_TIMESTAMP',
  'ID_LIKE_COLUMN',
  'CONSTANT_COLUMN',
  'HIGH_MISSING',
  'DEV_TEST_MISMATCH',
  'PRODUCTION_MISMATCH',
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

/** Codes reported at error level: they block a run unless allowed explicitly. */
export const ERROR_CODES: ReadonlySet<string> = new Set<CheckCode>(['DUPLICATES_ACROSS_SPLITS', 'LEAKY_FEATURE', 'FUTURE_TIMESTAMP']);

export function severityOf(code: CheckCode): Severity {
  return ERROR_CODES.has(code) ? 'error' : 'warning';
}

export function finding(code: CheckCode, message: string, evidence: Json): Finding {
  return { code, severity: severityOf(code), message, evidence };
}

/**
 * LEAKY_FEATURE fires for a feature whose single-feature score (held-out) is ≥ `alone`, or is ≥ `dominant`
 * and at least `margin` above the second-best feature. Scores per task:
 * - binary: max(AUC, 1 − AUC) of the raw value (numeric) or of the train target rate of its level (categorical);
 * - multiclass: error reduction over the majority class, 1 − err/err₀, of the per-level (per-bin) majority class;
 * - regression: R² of the per-level (per-quantile-bin) mean.
 */
export const LEAK_THRESHOLDS = {
  binary: { measure: 'auc', alone: 0.99, dominant: 0.9, margin: 0.15 },
  multiclass: { measure: 'errorReduction', alone: 0.9, dominant: 0.75, margin: 0.3 },
  regression: { measure: 'r2', alone: 0.95, dominant: 0.8, margin: 0.3 },
} as const;

export const CHECK_LIMITS = {
  /** leakage scores use at most this many rows (seeded sample) … */
  leakRows: 50_000,
  /** … of which this fraction is held out to evaluate per-level statistics fit on the rest */
  holdout: 0.3,
  /** ID_LIKE_COLUMN: distinct non-missing values per row at least this */
  idLikeDistinct: 0.95,
  /** ID_LIKE_COLUMN: columns with fewer rows are not judged */
  idLikeMinRows: 20,
  /** HIGH_MISSING: missing rate at least this */
  highMissing: 0.5,
  /** mismatch checks: PSI minus its chance level (see drift.ts) at least this */
  psi: 0.25,
  /** mismatch checks: adversarial-validation AUC at least this */
  adversarialAuc: 0.7,
  /** mismatch checks: rows sampled per side */
  rowsPerSide: 20_000,
  /** mismatch checks: a side with fewer rows is not compared (PSI and AUC of smaller samples are mostly noise) */
  minRowsPerSide: 200,
  /** DUPLICATES_ACROSS_SPLITS / FUTURE_TIMESTAMP: example rows in the evidence */
  examples: 5,
  /** features listed in evidence */
  topFeatures: 10,
} as const;

/** A number for a message: 2–3 significant decimals. */
export function fmt(v: number, digits = 2): string {
  return Number.isFinite(v) ? v.toFixed(digits) : String(v);
}

export function pct(v: number): string {
  return `${(100 * v).toFixed(v < 0.01 ? 1 : 0)}%`;
}

/** Round a figure for evidence JSON (stable, readable). */
export function round(v: number, digits = 4): number | null {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
