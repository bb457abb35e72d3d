// Behavioral (CheckList-style) tests of a fitted model: perturbation, invariance and directional, with findings.
import type { RobustnessSpec } from '../spec/types.ts';
import { checkAgainstKinds, pipelineKinds } from './check.ts';
import { prepareRun } from './engine.ts';
import { findingsOf } from './findings.ts';
import { perturbTest } from './perturb.ts';
import { directionalTest, invarianceTest } from './row-tests.ts';
import type { BehavioralContext, BehavioralReport, BehavioralResult } from './types.ts';

export { checkRobustnessSpec, parseChange, applyChange, type ParsedChange, type InputKind } from './check.ts';
export { wilson } from './outputs.ts';
export { resultJson } from './types.ts';
export type { BehavioralContext, BehavioralExample, BehavioralKind, BehavioralReport, BehavioralResult, Output } from './types.ts';

/** Seed-stream labels, so adding a test of one kind never changes another kind's random draws. */
const LABEL = { perturb: 1000, invariance: 2000, directional: 3000 } as const;

/**
 * Runs every test of `spec` against `ctx.model` (results in spec order: perturb, invariance,
 * directional) and returns one finding per failed test. Rates and metrics come from the metric
 * (blackbox) table; examples come from the eyeball rows only. Input tables are never modified.
 */
export function runBehavioralTests(spec: RobustnessSpec, ctx: BehavioralContext): BehavioralReport {
  checkAgainstKinds(spec, pipelineKinds(ctx.pipeline));
  if (ctx.metricY.length !== ctx.metricTable.nRows) throw new Error(`metricY must have one target per metric-table row (${ctx.metricTable.nRows}); got ${ctx.metricY.length}`);
  if (ctx.eyeballRowIds.length !== ctx.eyeball.nRows) throw new Error(`eyeballRowIds must have one id per eyeball row (${ctx.eyeball.nRows}); got ${ctx.eyeballRowIds.length}`);
  const p = prepareRun(ctx);
  const results: BehavioralResult[] = [
    ...spec.perturb.map((t, i) => perturbTest(p, t, spec.maxDegradation, LABEL.perturb + i)),
    ...spec.invariance.map((t, i) => invarianceTest(p, t, spec.maxFailureRate, LABEL.invariance + i)),
    ...spec.directional.map((t, i) => directionalTest(p, t, spec.maxFailureRate, LABEL.directional + i)),
  ];
  return { results, findings: findingsOf(results) };
}
