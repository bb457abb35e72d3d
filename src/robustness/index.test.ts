// runBehavioralTests end to end: order, determinism, untouched inputs, spec errors, regression and multiclass outputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Table } from '../data/table.ts';
import type { RobustnessSpec } from '../spec/types.ts';
import { BadInputError } from '../util/errors.ts';
import { contextFor, formulaModel, INPUTS, or, riskModel, sigmoid } from './fixtures.ts';
import { resultJson, runBehavioralTests } from './index.ts';

const full: RobustnessSpec = {
  perturb: [
    { kind: 'noise', name: 'noise:late', feature: 'late', noise: 1 },
    { kind: 'missing', name: 'missing:income', features: ['income'], rate: 0.3 },
    { kind: 'unseen', name: 'unseen:region', feature: 'region', rate: 0.2 },
  ],
  invariance: [{ name: 'inv:region', feature: 'region', tolerance: 0.01 }, { name: 'inv:income', feature: 'income', tolerance: 0.01 }],
  directional: [{ name: 'dir:late', feature: 'late', change: '+1', expect: 'increase', tolerance: 0 }],
  maxFailureRate: 0.02,
  maxDegradation: 0.05,
};

const snapshot = (t: Table): unknown => t.columns.map((c) => (c.kind === 'numeric' ? [c.name, Array.from(c.values)] : [c.name, Array.from(c.codes), [...c.levels]]));

test('results follow spec order (perturb, invariance, directional) and are reproducible from the seed', () => {
  const a = runBehavioralTests(full, contextFor(riskModel()));
  assert.deepEqual(a.results.map((r) => r.name), ['noise:late', 'missing:income', 'unseen:region', 'inv:region', 'inv:income', 'dir:late']);
  assert.deepEqual(a.results.map((r) => r.kind), ['noise', 'missing', 'unseen', 'invariance', 'invariance', 'directional']);
  const b = runBehavioralTests(full, contextFor(riskModel()));
  assert.deepEqual(a.results, b.results);
  assert.deepEqual(a.results.map(resultJson), JSON.parse(JSON.stringify(b.results)));
  assert.deepEqual(a.findings, b.findings);
  const other = runBehavioralTests(full, { ...contextFor(riskModel()), seed: 43 });
  assert.notDeepEqual(other.results[0].metricPerturbed, a.results[0].metricPerturbed, 'another seed draws other noise');
  assert.equal(other.results[5].failures, a.results[5].failures, 'the directional change is deterministic');
});

test('input tables and targets are never modified', () => {
  const ctx = contextFor(riskModel());
  const before = [snapshot(ctx.metricTable), snapshot(ctx.eyeball), Array.from(ctx.metricY)];
  runBehavioralTests(full, ctx);
  assert.deepEqual([snapshot(ctx.metricTable), snapshot(ctx.eyeball), Array.from(ctx.metricY)], before);
});

test('a spec naming a non-input, or noise on a categorical, is a BadInputError before anything runs', () => {
  const ctx = contextFor(riskModel());
  const bad: RobustnessSpec = { ...full, directional: [{ name: 'd', feature: 'x', change: '+1', expect: 'increase', tolerance: 0 }] };
  assert.throws(() => runBehavioralTests(bad, ctx), (e: unknown) => e instanceof BadInputError && /^robustness\.directional\[0\]\.feature: 'x' is not a model input; inputs: late, income/.test(e.message));
  const noise: RobustnessSpec = { ...full, perturb: [{ kind: 'noise', name: 'n', feature: 'region', noise: 1 }] };
  assert.throws(() => runBehavioralTests(noise, ctx), /robustness\.perturb\[0\]\.feature: 'region' is categorical/);
});

test('regression: invariance compares values, directional reads the value, perturbation uses rmse (a loss)', () => {
  const reg = formulaModel(INPUTS, (r) => 10 * or(r('late'), 0) - 0.0001 * or(r('income'), 70000) + (r('id_suffix') === 1 ? 0.5 : 0), 'regression', 1);
  const ctx = contextFor(reg, { task: 'regression', nClasses: 1, optimize: 'rmse' });
  const metricY = ctx.metricY.map((v, i) => 10 * (i % 7) + v);
  const s: RobustnessSpec = { ...full, perturb: [full.perturb[0]], invariance: [{ name: 'inv', feature: 'id_suffix', tolerance: 0.4 }], directional: [{ name: 'd', feature: 'income', change: '-10%', expect: 'increase', tolerance: 0 }] };
  const { results } = runBehavioralTests(s, { ...ctx, metricY });
  const [clean, perturbed] = [results[0].metricClean as number, results[0].metricPerturbed as number];
  assert.ok(perturbed > clean, 'rmse grows');
  assert.ok(Math.abs((results[0].degradation as number) - (perturbed - clean) / clean) < 1e-12);
  assert.ok((results[1].failures as number) > 0 && typeof results[1].examples[0].outputAfter === 'number');
  assert.equal(results[2].failures, 0);
});

test('multiclass invariance: a row fails when any class probability moves by more than the tolerance', () => {
  const mc = formulaModel(INPUTS, (r) => {
    const a = sigmoid(or(r('late'), 0) - 3 + (r('id_suffix') === 4 ? 1 : 0));
    return [a / 2, a / 2, 1 - a];
  }, 'multiclass', 3);
  const ctx = contextFor(mc, { task: 'multiclass', nClasses: 3, optimize: 'accuracy' });
  const metricY = ctx.metricY.map((v, i) => (v === 1 ? i % 2 : 2));
  const { results, findings } = runBehavioralTests({ ...full, perturb: [], directional: [], invariance: [{ name: 'inv', feature: 'id_suffix', tolerance: 0.05 }] }, { ...ctx, metricY });
  assert.ok((results[0].failures as number) > 0);
  const e = results[0].examples[0];
  assert.ok(Array.isArray(e.outputBefore) && (e.outputBefore as number[]).length === 3);
  const moved = (e.outputAfter as number[]).map((v, k) => Math.abs(v - (e.outputBefore as number[])[k]));
  assert.ok(Math.max(...moved) > 0.05);
  assert.equal(findings[0].code, 'INVARIANCE_VIOLATION');
});
