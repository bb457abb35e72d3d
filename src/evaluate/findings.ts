// Findings: every check reports { code, severity, message, evidence } with a stable upper-case code, like a linter's rule ids.
import type { Json } from '../track/types.ts';

export type Severity = 'info' | 'warning' | 'error';

export interface Finding {
  /** stable, upper-case, e.g. 'MISCALIBRATED', 'FAIRNESS_GAP', 'SIMPSONS_PARADOX' */
  readonly code: string;
  readonly severity: Severity;
  /** one line naming the model, split, slice, feature or figure, and what to do */
  readonly message: string;
  readonly evidence: Json;
}

export const FINDING_CODES = [
  'MISCALIBRATED',
  'ROBUSTNESS_DEGRADATION',
  'INVARIANCE_VIOLATION',
  'DIRECTIONAL_VIOLATION',
  'FAIRNESS_GAP',
  'SIMPSONS_PARADOX',
] as const;
