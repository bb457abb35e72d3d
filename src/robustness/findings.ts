// Findings for failed behavioral tests: ROBUSTNESS_DEGRADATION, INVARIANCE_VIOLATION, DIRECTIONAL_VIOLATION (all warnings).
import type { Finding } from '../evaluate/findings.ts';
import { fmt, pct } from './format.ts';
import { resultJson, type BehavioralResult } from './types.ts';

/** One finding per failed (applicable) test, with the whole result as evidence. */
export function findingsOf(results: readonly BehavioralResult[]): Finding[] {
  return results.filter((r) => !r.passed && r.notApplicable === undefined).map(findingOf);
}

function findingOf(r: BehavioralResult): Finding {
  const ci = `95% CI ${pct(r.ci[0])}–${pct(r.ci[1])}`;
  if (r.kind === 'invariance') {
    return finding('INVARIANCE_VIOLATION', r,
      `${r.name}: ${pct(r.failureRate ?? NaN)} of blackbox rows (${r.failures}/${r.rows}, ${ci}) change output by more than ${fmt(r.tolerance ?? 0)} when ${r.change}; ` +
        `allowed ${pct(r.threshold)}. See the eyeball examples; drop '${r.features[0]}' or reduce the model's reliance on it`);
  }
  if (r.kind === 'directional') {
    return finding('DIRECTIONAL_VIOLATION', r,
      `${r.name}: ${pct(r.failureRate ?? NaN)} of blackbox rows (${r.failures}/${r.rows}, ${ci}) move the wrong way under ${r.change}; ` +
        `allowed ${pct(r.threshold)}. See the eyeball examples; a monotone constraint (gbdt monotone: { ${r.features[0]}: ±1 }) enforces the direction`);
  }
  return finding('ROBUSTNESS_DEGRADATION', r,
    `${r.name}: ${r.metric} on blackbox degrades ${pct(r.degradation ?? NaN)} (${fmt(r.metricClean ?? NaN)} → ${fmt(r.metricPerturbed ?? NaN)}, ${ci}) when ${r.change}; ` +
      `allowed ${pct(r.threshold)}. Make the model rely less on ${r.features.join(', ')}, or train on data with this corruption`);
}

function finding(code: string, r: BehavioralResult, message: string): Finding {
  return { code, severity: 'warning', message, evidence: resultJson(r) };
}
