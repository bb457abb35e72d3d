// Issue 5 through `gauntlet run`: behavioral tests declared in the spec, fairness constraints, findings and the gate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { cli, project } from './helpers.ts';
import { generateLoansCsv } from '../src/demo/generate.ts';

const spec = (learner: string, extra = '') => `name: rob
data: { source: loans.csv, target: defaulted, id: loan_id, exclude: [notes] }
objective:
  optimize: auc
  constraints:
    - { metric: fairness_gap, attribute: region, measure: selection_rate, max: 0.2 }
learners: [${learner}]
rollback: { fallback: heuristic }
robustness:
  perturb:
    - { feature: income, noise: 0.1 }
    - { missing: [tenure_years], rate: 0.3 }
    - { feature: region, unseen: 0.1 }
  directional:
    - { feature: income, change: "+10%", expect: decrease }
    - { feature: late_payments, change: "+1", expect: increase }
${extra}`;

test('monotone gbdt: 0 directional violations; results, CIs and eyeball-only examples recorded; fairness measured', async () => {
  const dir = project({ 'loans.csv': generateLoansCsv(4000, 5), 'g.yaml': spec('{ gbdt: { rounds: 60, monotone: { income: -1, late_payments: 1 } } }') });
  const r = await cli(['run', join(dir, 'g.yaml'), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const rob = out.evaluation.robustness;
  assert.deepEqual(rob.map((x: { name: string }) => x.name), ['noise:income', 'missing:tenure_years', 'unseen:region', 'directional:income+10%', 'directional:late_payments+1']);
  for (const d of rob.filter((x: { kind: string }) => x.kind === 'directional')) {
    assert.equal(d.failures, 0, `${d.name}: ${d.failures} violations`);
    assert.equal(d.passed, true);
    assert.ok(d.ci[0] === 0 && d.ci[1] > 0 && d.ci[1] < 0.01, `Wilson CI ${d.ci}`);
  }
  const fair = out.evaluation.models.find((m: { name: string }) => m.name === 'gbdt').fairness[0];
  assert.equal(fair.attribute, 'region');
  assert.equal(fair.groups.length, 5);
  const c = out.constraints.find((x: { metric: string }) => x.metric === 'fairness_gap');
  assert.ok(Number.isFinite(c.value) && c.value === fair.gap);
});

test('an invariance test on a feature the model uses fails, raises INVARIANCE_VIOLATION and fails gate item 3', async () => {
  const dir = project({ 'loans.csv': generateLoansCsv(4000, 5), 'g.yaml': spec('logistic', '  invariance:\n    - { feature: employment, tolerance: 0.001 }\n') });
  const r = await cli(['run', join(dir, 'g.yaml'), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const inv = out.evaluation.robustness.find((x: { kind: string }) => x.kind === 'invariance');
  assert.equal(inv.passed, false);
  assert.ok(inv.failureRate > 0.5, `failure rate ${inv.failureRate}`);
  assert.ok(inv.examples.length > 0 && inv.examples.length <= 5);
  const splits = await cli(['show', out.runId, '--splits', join(dir, 's.csv')], { cwd: dir });
  assert.equal(splits.code, 0);
  const eyeballRows = new Set(readFileSync(join(dir, 's.csv'), 'utf8').trim().split('\n').filter((l) => l.endsWith(',eyeball')).map((l) => Number(l.split(',')[0])));
  for (const e of inv.examples) assert.ok(eyeballRows.has(e.row), `example row ${e.row} is an eyeball row`);
  assert.ok(out.evaluation.findings.some((f: { code: string }) => f.code === 'INVARIANCE_VIOLATION'));
  const item = out.gate.items.find((i: { key: string }) => i.key === 'slices');
  assert.equal(item.status, 'fail');
  assert.match(item.reason, /INVARIANCE_VIOLATION/);
});

test('a robustness test naming a feature that is not a model input is a spec error before anything runs', async () => {
  const dir = project({ 'loans.csv': generateLoansCsv(800, 5), 'g.yaml': spec('logistic').replace('feature: income, noise', 'feature: incme, noise') });
  const r = await cli(['run', join(dir, 'g.yaml')], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /robustness\.perturb\[0\]\.feature: 'incme' is not a model input; did you mean 'income'\?/);
});
