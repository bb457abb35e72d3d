// Scale guard: every data check on 100k rows × 20 columns (in memory) finishes in seconds, not minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../spec/load.ts';
import { runDataChecks, splitLikeRun, type CheckInput } from './index.ts';
import { binaryTarget, cat, draw, num, tableOf } from './test-data.ts';

const N = 100_000;

function bigInput(): CheckInput {
  const xs = Array.from({ length: 15 }, (_, j) => draw(N, 100 + j, (r) => (r.float() < 0.02 ? NaN : r.normal())));
  const cs = Array.from({ length: 5 }, (_, j) => cat(`c${j}`, Array.from(draw(N, 200 + j, (r) => r.int(3 + 10 * j)), (v) => `L${v}`)));
  const y = draw(N, 7, (r) => r.float()).map((u, i) => (u < 1 / (1 + Math.exp(-((xs[0][i] || 0) + 0.5 * (xs[1][i] || 0)))) ? 1 : 0));
  const table = tableOf(...xs.map((v, j) => num(`x${j}`, v)), ...cs, num('y', y));
  const spec = parseSpec({ name: 'perf', data: { source: 'data.csv', target: 'y' }, objective: { optimize: 'auc' } }, '/tmp/gauntlet.yaml');
  return { spec, data: { table }, target: binaryTarget(y), featureColumns: table.columns.map((c) => c.name).filter((n) => n !== 'y') };
}

test('100k rows × 20 features: all checks in well under 15 s, and clean data gives no findings', async (t) => {
  const input = bigInput();
  const splits = splitLikeRun(input);
  const t0 = performance.now();
  const findings = await runDataChecks(input, splits);
  const ms = performance.now() - t0;
  t.diagnostic(`runDataChecks: ${ms.toFixed(0)} ms on ${N} rows × ${input.featureColumns.length} features`);
  assert.deepEqual(findings, []);
  assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
});
