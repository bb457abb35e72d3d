// The stable finding codes of diagnosis and one constructor, so every finding has the same shape.
import type { Finding, Severity } from '../evaluate/findings.ts';
import type { Json } from '../track/types.ts';

export const DIAGNOSE_CODES = [
  /** decision table: the largest gap is avoidable bias (train error far above human level) */
  'HIGH_BIAS',
  /** decision table: the largest gap is variance (trainDev error far above train error) */
  'HIGH_VARIANCE',
  /** decision table: the largest gap is data mismatch (blackbox error far above trainDev error) */
  'DATA_MISMATCH',
  /** decision table: the largest gap is overfitting to the dev set (test error far above blackbox error) */
  'DEV_OVERFIT',
  /** sanity: the learner cannot fit a tiny batch of training rows even with its strongest settings */
  'CANNOT_OVERFIT_TINY_BATCH',
  /** sanity: a model input is NaN (for a learner that cannot take missing values) or ±Infinity after the pipeline */
  'NAN_IN_TRAINING',
  /** sanity: a recorded training curve has a NaN or infinite value */
  'NON_FINITE_LOSS',
  /** sanity: the single-row serving path disagrees with the batch path */
  'TRAIN_SERVE_MISMATCH',
  /** weak-slice discovery: a slice whose error rate is significantly above the rest */
  'WEAK_SLICE',
] as const;

export type DiagnoseCode = (typeof DIAGNOSE_CODES)[number];

export function finding(code: DiagnoseCode, severity: Severity, message: string, evidence: Json): Finding {
  return { code, severity, message, evidence };
}
