// Invariance and directional tests: per-row output changes under a change of one input, judged on the metric table.
import type { InputFeature } from '../features/pipeline.ts';
import type { DirectionalTest, InvarianceTest } from '../spec/types.ts';
import { parseChange } from './check.ts';
import { addNoise, shiftValues, swapLevels } from './columns.ts';
import { notApplicable, runRowTest, type Prepared, type RowTest } from './engine.ts';
import { fmt } from './format.ts';
import { absDelta } from './outputs.ts';
import type { BehavioralKind, BehavioralResult } from './types.ts';

export function invarianceTest(p: Prepared, t: InvarianceTest, threshold: number, label: number): BehavioralResult {
  const f = inputOf(p, t.feature);
  const fails = (b: Float64Array, a: Float64Array, i: number): boolean => !(absDelta(b, a, i, p.width) <= t.tolerance);
  const base = { name: t.name, kind: 'invariance' as const, feature: t.feature, tolerance: t.tolerance, threshold, fails };
  if (f.type === 'numeric') {
    const sd = f.std;
    return runRowTest(p, { ...base, change: `${t.feature} + Normal(0, ${fmt(sd)}) (1 train std)`, apply: (tb, rng) => addNoise(tb, t.feature, sd, rng) }, label);
  }
  const observed = f.levels.filter((_, k) => f.counts[k] > 0);
  const change = `${t.feature} swapped to another level seen in train`;
  if (observed.length < 2) return skipped(t.name, 'invariance', t.feature, change, threshold, `'${t.feature}' has ${observed.length} level(s) in train: nothing to swap to`);
  return runRowTest(p, { ...base, change, apply: (tb, rng) => swapLevels(tb, t.feature, observed, rng) }, label);
}

/**
 * A row fails when its output moves the wrong way. With tolerance 0, only a strictly wrong-side Δ
 * fails and an unchanged output passes (trees are flat between thresholds, so "no change" is
 * common and not a violation); with tolerance > 0, the output must move the right way by MORE than
 * the tolerance, so |Δ| ≤ tolerance fails too. A NaN output fails. Rows where the feature is
 * missing, or where the change leaves it as it was (0 × 1.1), are skipped and counted.
 */
export function directionalTest(p: Prepared, t: DirectionalTest, threshold: number, label: number): BehavioralResult {
  const change = `${t.feature} ${t.change}`;
  if (p.ctx.task === 'multiclass') {
    return skipped(t.name, 'directional', t.feature, change, threshold, 'directional tests need one output per row (binary P(1) or a regression value); a multiclass model has one per class');
  }
  const parsed = parseChange(t.change, 'change');
  const sign = t.expect === 'increase' ? 1 : -1;
  const fails = (b: Float64Array, a: Float64Array, i: number): boolean => {
    const s = sign * (a[i] - b[i]);
    return t.tolerance > 0 ? !(s > t.tolerance) : !(s >= 0);
  };
  const test: RowTest = { name: t.name, kind: 'directional', feature: t.feature, change, tolerance: t.tolerance, threshold, fails, apply: (tb) => shiftValues(tb, t.feature, parsed) };
  return runRowTest(p, test, label);
}

function inputOf(p: Prepared, name: string): InputFeature {
  const f = p.ctx.pipeline.json.inputs.find((x) => x.name === name);
  if (!f) throw new Error(`internal: '${name}' is not a model input (checkRobustnessSpec runs first)`);
  return f;
}

export function skipped(name: string, kind: BehavioralKind, feature: string, change: string, threshold: number, reason: string): BehavioralResult {
  return { name, kind, features: [feature], change, threshold, rows: 0, skipped: 0, ...notApplicable(reason) };
}
