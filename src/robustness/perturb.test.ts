// Perturbation tests: corrupting an input the model ignores costs nothing; corrupting its key input is ROBUSTNESS_DEGRADATION.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricFn } from '../metrics/index.ts';
import type { PerturbTest, RobustnessSpec } from '../spec/types.ts';
import { contextFor, formulaModel, INPUTS, riskModel, sigmoid } from './fixtures.ts';
import { runBehavioralTests } from './index.ts';
import { predictTable } from './outputs.ts';
import type { BehavioralResult } from './types.ts';

const spec = (perturb: PerturbTest[]): RobustnessSpec => ({ perturb, invariance: [], directional: [], maxFailureRate: 0.02, maxDegradation: 0.05 });
const one = (t: PerturbTest, model = riskModel(), optimize = 'auc'): { r: BehavioralResult; codes: string[] } => {
  const out = runBehavioralTests(spec([t]), contextFor(model, { optimize }));
  return { r: out.results[0], codes: out.findings.map((f) => f.code) };
};

test('noise on an input the model ignores: no degradation, no examples, passed', () => {
  const { r, codes } = one({ kind: 'noise', name: 'noise:tenure', feature: 'tenure', noise: 1 });
  assert.equal(r.kind, 'noise');
  assert.equal(r.metricClean, r.metricPerturbed);
  assert.equal(r.degradation, 0);
  assert.deepEqual(r.ci, [0, 0]);
  assert.equal(r.changedRows, 1500);
  assert.equal(r.failures, null);
  assert.ok(r.passed);
  assert.deepEqual(r.examples, []);
  assert.deepEqual(codes, []);
});

test('noise on the key input: the metric figures are exact, the degradation CI holds the estimate, ROBUSTNESS_DEGRADATION', () => {
  const ctx = contextFor(riskModel());
  const out = runBehavioralTests(spec([{ kind: 'noise', name: 'noise:late', feature: 'late', noise: 2 }]), ctx);
  const r = out.results[0];
  const clean = metricFn('auc', 'binary')(ctx.metricY, predictTable(ctx.model, ctx.pipeline, ctx.metricTable));
  assert.equal(r.metricClean, clean);
  assert.ok(Math.abs((r.degradation as number) - (clean - (r.metricPerturbed as number)) / clean) < 1e-12);
  assert.ok((r.degradation as number) > 0.15, `degradation ${r.degradation}`);
  assert.ok(r.ci[0] <= (r.degradation as number) && (r.degradation as number) <= r.ci[1] && r.ci[0] > 0.05);
  assert.equal(r.passed, false);
  assert.equal(out.findings.length, 1);
  const f = out.findings[0];
  assert.equal(f.code, 'ROBUSTNESS_DEGRADATION');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^noise:late: auc on blackbox degrades \d+(\.\d+)?% \(0\.\d+ → 0\.\d+, 95% CI .*\) when late \+ Normal\(0, [\d.]+\) \(2 × train std\); allowed 5%/);
  assert.equal((f.evidence as { features: string[] }).features[0], 'late');
  // examples: eyeball rows only, the largest output moves first
  assert.equal(r.examples.length, 5);
  const moves = r.examples.map((e) => Math.abs((e.outputAfter as number) - (e.outputBefore as number)));
  assert.ok(moves.every((m, i) => i === 0 || moves[i - 1] >= m));
  assert.ok(r.examples.every((e) => e.row >= 10000 && Object.keys(e.after).join() === 'late' && Object.keys(e.before).join() === INPUTS.join()));
});

test('missing: the key input half missing degrades; irrelevant inputs missing do not', () => {
  const key = one({ kind: 'missing', name: 'm', features: ['late'], rate: 0.5 });
  assert.ok(!key.r.passed && key.codes[0] === 'ROBUSTNESS_DEGRADATION');
  const idle = one({ kind: 'missing', name: 'm', features: ['tenure', 'id_suffix'], rate: 0.5 });
  assert.ok(idle.r.passed && idle.r.degradation === 0);
  assert.deepEqual(idle.r.features, ['tenure', 'id_suffix']);
  assert.ok((idle.r.changedRows as number) > 750, 'rows with either feature blanked');
});

test('unseen: a model built on region degrades when most of its values become unseen; one ignoring id_suffix does not', () => {
  const regional = formulaModel(INPUTS, (r) => sigmoid(r('region') === 2 ? 1.5 : 0));
  const hit = one({ kind: 'unseen', name: 'u', feature: 'region', rate: 0.9 }, regional);
  assert.ok(!hit.r.passed && (hit.r.degradation as number) > 0.05, `degradation ${hit.r.degradation}`);
  assert.ok(hit.r.examples.every((e) => e.after.region === '<unseen>'));
  const idle = one({ kind: 'unseen', name: 'u', feature: 'id_suffix', rate: 0.5 });
  assert.ok(idle.r.passed && idle.r.degradation === 0);
  assert.equal(idle.r.changedRows, Math.round(0.5 * (1500 - Math.ceil(1500 / 17))), 'half the present values');
});

test('a loss metric degrades upward: logloss rises under noise, degradation positive', () => {
  const { r } = one({ kind: 'noise', name: 'n', feature: 'late', noise: 2 }, riskModel(), 'logloss');
  assert.ok((r.metricPerturbed as number) > (r.metricClean as number));
  assert.ok(Math.abs((r.degradation as number) - ((r.metricPerturbed as number) - (r.metricClean as number)) / (r.metricClean as number)) < 1e-12);
  assert.ok(r.ci[0] <= (r.degradation as number) && (r.degradation as number) <= r.ci[1]);
});
