// Invariance and directional tests on formula models: pass when the model behaves, fail with the right counts when not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DirectionalTest, InvarianceTest, RobustnessSpec } from '../spec/types.ts';
import { contextFor, formulaModel, INPUTS, or, riskModel, sigmoid } from './fixtures.ts';
import { runBehavioralTests } from './index.ts';
import { wilson } from './outputs.ts';
import type { BehavioralReport } from './types.ts';

const spec = (invariance: InvarianceTest[], directional: DirectionalTest[] = []): RobustnessSpec => ({ perturb: [], invariance, directional, maxFailureRate: 0.02, maxDegradation: 0.05 });
const usesSuffix = riskModel((r) => (r('id_suffix') === 0 ? 0.8 : 0));
const plusIncome = riskModel((r) => 0.00002 * or(r('income'), 70000));
const inv = (feature: string, tolerance = 0.01): InvarianceTest => ({ name: `invariance:${feature}`, feature, tolerance });
const dir = (feature: string, change: string, expect: 'increase' | 'decrease', tolerance = 0): DirectionalTest => ({ name: `directional:${feature}${change}`, feature, change, expect, tolerance });
const run = (s: RobustnessSpec, model = riskModel()): BehavioralReport => runBehavioralTests(s, contextFor(model));

test('invariance: a model ignoring id_suffix passes; rows with id_suffix missing are skipped', () => {
  const { results, findings } = run(spec([inv('id_suffix'), inv('tenure')]));
  const [sfx, tenure] = results;
  assert.equal(sfx.rows + sfx.skipped, 1500);
  assert.equal(sfx.skipped, Math.ceil(1500 / 17), 'every 17th row has no id_suffix');
  assert.equal(sfx.failures, 0);
  assert.deepEqual(sfx.ci, wilson(0, sfx.rows));
  assert.ok(sfx.passed && tenure.passed && tenure.failures === 0);
  assert.deepEqual(findings, []);
});

test('invariance: a model using id_suffix fails: rows swapped away from or onto level a move by 0.8 in logit', () => {
  const { results, findings } = run(spec([inv('id_suffix')]), usesSuffix);
  const r = results[0];
  // a swap moves the output exactly when it leaves or reaches level 'a' (code 0): about 2/5 of rows
  assert.ok((r.failureRate as number) > 0.3 && (r.failureRate as number) < 0.5, `rate ${r.failureRate}`);
  assert.deepEqual(r.ci, wilson(r.failures as number, r.rows));
  assert.equal(r.passed, false);
  assert.equal(findings[0].code, 'INVARIANCE_VIOLATION');
  assert.match(findings[0].message, /^invariance:id_suffix: [\d.]+% of blackbox rows \(\d+\/1411, 95% CI .*\) change output by more than 0\.01 when id_suffix swapped to another level seen in train; allowed 2%/);
  assert.equal(r.examples.length, 5);
  for (const e of r.examples) {
    assert.ok(e.row >= 10000, 'eyeball row ids only');
    assert.notEqual(e.after.id_suffix, e.before.id_suffix);
    assert.ok(e.after.id_suffix === 'a' || e.before.id_suffix === 'a');
    assert.ok(Math.abs((e.outputAfter as number) - (e.outputBefore as number)) > 0.01);
  }
});

test('invariance tolerance: a small effect passes under a tolerance larger than it', () => {
  const tiny = riskModel((r) => (r('id_suffix') === 0 ? 0.01 : 0)); // |ΔP| ≤ 0.0025
  assert.equal(run(spec([inv('id_suffix', 0.01)]), tiny).results[0].failures, 0);
  assert.ok((run(spec([inv('id_suffix', 0.001)]), tiny).results[0].failures as number) > 0);
});

test('directional: −income passes "income +10% → decrease"; +income fails every row; missing incomes are skipped', () => {
  const good = run(spec([], [dir('income', '+10%', 'decrease')])).results[0];
  assert.equal(good.kind, 'directional');
  assert.equal(good.skipped, 150, 'every 10th income is missing');
  assert.equal(good.rows, 1350);
  assert.equal(good.failures, 0);
  assert.ok(good.passed);
  const bad = run(spec([], [dir('income', '+10%', 'decrease')]), plusIncome);
  assert.equal(bad.results[0].failures, 1350);
  assert.equal(bad.results[0].failureRate, 1);
  assert.equal(bad.findings[0].code, 'DIRECTIONAL_VIOLATION');
  assert.match(bad.findings[0].message, /^directional:income\+10%: 100% of blackbox rows \(1350\/1350, 95% CI [\d.]+%–100%\) move the wrong way under income \+10%/);
  for (const e of bad.results[0].examples) {
    assert.ok(Math.abs((e.after.income as number) - 1.1 * (e.before.income as number)) < 1e-6);
    assert.ok((e.outputAfter as number) > (e.outputBefore as number));
  }
});

test('directional tolerance: no change passes at tolerance 0 and fails at tolerance > 0; +1 adds', () => {
  const flat = formulaModel(INPUTS, (r) => sigmoid(0.5 * or(r('late'), 0)));
  assert.equal(run(spec([], [dir('income', '-5%', 'increase')]), flat).results[0].failures, 0);
  const strict = run(spec([], [dir('income', '-5%', 'increase', 0.001)]), flat).results[0];
  assert.equal(strict.failures, strict.rows);
  const late = run(spec([], [dir('late', '+1', 'increase', 0.01)]), flat).results[0];
  assert.equal(late.failures, 0, 'ΔP ≥ 0.0125 for late in 0..6');
  assert.equal(late.skipped, Math.ceil((1500 - 5) / 13), 'missing late values are skipped');
});

test('directional on a multiclass model is not applicable and reported with a reason', () => {
  const mc = formulaModel(INPUTS, (r) => { const a = sigmoid(or(r('late'), 0) - 3); return [a / 2, a / 2, 1 - a]; }, 'multiclass', 3);
  const ctx = contextFor(mc, { task: 'multiclass', nClasses: 3, optimize: 'logloss' });
  const y = ctx.metricY.map((v, i) => (v === 1 ? i % 2 : 2));
  const { results, findings } = runBehavioralTests(spec([inv('id_suffix')], [dir('late', '+1', 'increase')]), { ...ctx, metricY: y });
  assert.equal(results[1].notApplicable, 'directional tests need one output per row (binary P(1) or a regression value); a multiclass model has one per class');
  assert.ok(results[1].passed && results[1].failures === null);
  assert.equal(results[0].failures, 0, 'multiclass invariance compares every class probability');
  assert.deepEqual(findings, []);
});
