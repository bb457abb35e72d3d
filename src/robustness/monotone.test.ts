// A gbdt trained with monotone: { income: -1 } on data where income's effect is non-monotone has 0 directional violations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Table } from '../data/table.ts';
import { FittedPipeline } from '../features/pipeline.ts';
import { gbdt } from '../learners/gbdt/index.ts';
import { resolveParams } from '../learners/params.ts';
import type { Model } from '../learners/types.ts';
import type { RobustnessSpec } from '../spec/types.ts';
import { Rng } from '../util/rng.ts';
import { sigmoid } from './fixtures.ts';
import { runBehavioralTests } from './index.ts';

/** Risk falls with income up to 60k, then rises again (a U shape): an unconstrained model learns the rise. */
function uShaped(n: number, seed: number): { table: Table; y: Float64Array } {
  const rng = new Rng(seed);
  const income = Float64Array.from({ length: n }, (_, i) => (i % 20 === 7 ? NaN : 20000 + rng.int(100001)));
  const late = Float64Array.from({ length: n }, () => rng.int(7));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const x = Number.isNaN(income[i]) ? 60000 : income[i];
    return rng.float() < sigmoid(0.6 * (late[i] - 3) + 3 * ((x - 60000) / 40000) ** 2 - 1) ? 1 : 0;
  });
  return { table: { nRows: n, columns: [{ name: 'income', kind: 'numeric', values: income }, { name: 'late', kind: 'numeric', values: late }] }, y };
}

const spec: RobustnessSpec = {
  perturb: [], invariance: [], maxFailureRate: 0.02, maxDegradation: 0.05,
  directional: [{ name: 'income up, risk down', feature: 'income', change: '+10%', expect: 'decrease', tolerance: 0 }],
};

async function trained(monotone: Record<string, number>): Promise<{ model: Model; pipeline: FittedPipeline }> {
  const train = uShaped(3000, 1);
  const pipeline = FittedPipeline.fit(train.table, ['income', 'late'], gbdt.input);
  const params = resolveParams('gbdt', gbdt.params, { rounds: 80, threads: 1, earlyStoppingRounds: 0, monotone }, 'gbdt');
  const model = await gbdt.fit(pipeline.apply(train.table), train.y, { task: 'binary', nClasses: 2, seed: 3, threads: 1 }, params);
  return { model, pipeline };
}

test('monotone gbdt: 0 directional violations; the unconstrained gbdt violates on the rising side', async () => {
  const blackbox = uShaped(2000, 2);
  const eyeball = uShaped(200, 3);
  const ctx = { task: 'binary' as const, nClasses: 2, optimize: 'auc', metricTable: blackbox.table, metricY: blackbox.y, eyeball: eyeball.table, eyeballRowIds: Int32Array.from({ length: 200 }, (_, i) => i), seed: 5 };
  const mono = runBehavioralTests(spec, { ...ctx, ...(await trained({ income: -1 })) }).results[0];
  assert.equal(mono.rows, 1900, 'every 20th income is missing and skipped');
  assert.equal(mono.failures, 0);
  assert.ok(mono.passed);
  const free = runBehavioralTests(spec, { ...ctx, ...(await trained({})) });
  assert.ok((free.results[0].failureRate as number) > 0.1, `unconstrained failure rate ${free.results[0].failureRate}`);
  assert.equal(free.findings[0].code, 'DIRECTIONAL_VIOLATION');
});
