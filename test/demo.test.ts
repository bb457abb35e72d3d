// The README's first command: `gauntlet demo` generates data, runs the spec, records everything; runs/show read it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.ts';
import { generateLoansCsv } from '../src/demo/generate.ts';

test('demo data are seeded and realistic: missing values, categories, a 10–30% default rate', () => {
  const a = generateLoansCsv(3000, 42);
  assert.equal(a, generateLoansCsv(3000, 42));
  const rows = a.trim().split('\n').slice(1).map((l) => l.split(','));
  const rate = rows.filter((r) => r[r.length - 1] === '1').length / rows.length;
  assert.ok(rate > 0.1 && rate < 0.3, `default rate ${rate}`);
  assert.ok(rows.some((r) => r[2] === ''), 'some incomes missing');
  assert.equal(new Set(rows.map((r) => r[7]).filter(Boolean)).size, 5);
});

test('demo → runs → show → split export', async () => {
  const cwd = tempDir();
  const r = await cli(['demo', '--rows', '4000', '--json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 'succeeded');
  assert.match(out.runId, /^\d{8}-\d{6}-[0-9a-f]+$/);
  assert.equal(out.selected.name, 'logistic');
  assert.ok(out.metrics.logistic.blackbox.auc > out.metrics.heuristic.blackbox.auc);
  assert.deepEqual(Object.keys(out.metrics.logistic), ['train', 'trainDev', 'eyeball', 'blackbox', 'test']);
  assert.deepEqual(out.constraints.map((c: { metric: string }) => c.metric), ['latency_p99_ms', 'model_size_mb', 'ece']);
  assert.ok(out.constraints.every((c: { value: number }) => Number.isFinite(c.value)));
  const sizes = out.evaluation.splitSizes;
  const expected = { train: 2400, trainDev: 200, eyeball: 200, blackbox: 600, test: 600 };
  for (const [k, v] of Object.entries(expected)) assert.ok(Math.abs(sizes[k] - v) <= 2, `${k}: ${sizes[k]}`);
  assert.equal(Object.values(sizes).reduce((a: number, b) => a + (b as number), 0), 4000);
  assert.ok(existsSync(join(cwd, 'gauntlet-demo', '.gauntlet', 'gauntlet.db')));

  const runs = await cli(['runs', '--json'], { cwd });
  assert.equal(runs.code, 0, runs.stderr);
  const list = JSON.parse(runs.stdout);
  assert.equal(list[0].id, out.runId);
  assert.equal(list[0].summary.selected, 'logistic');

  const csv = join(cwd, 'splits.csv');
  const show = await cli(['show', out.runId.slice(0, 17), '--json', '--splits', csv], { cwd: join(cwd, 'gauntlet-demo') });
  assert.equal(show.code, 0, show.stderr);
  const detail = JSON.parse(show.stdout);
  assert.equal(detail.id, out.runId);
  assert.equal(detail.lineage.dataSnapshot.length, 64);
  assert.equal(detail.lineage.featureSetVersion.length, 16);
  assert.equal(detail.testAccesses.length, 1);
  assert.ok(detail.samples.length >= 5 * 50 - 10);
  assert.ok(detail.curves.some((c: { name: string }) => c.name === 'train_loss'));
  assert.deepEqual(detail.steps.map((s: { step: string }) => s.step), ['splits', 'checks', 'slices', 'baselines', 'champion', 'fit:logistic', 'robustness', 'diagnose', 'package']);
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines.length, 4001);
  assert.equal(lines.filter((l) => l.endsWith(',test')).length, sizes.test);

  const again = await cli(['demo', '--rows', '4000', '--json'], { cwd });
  const out2 = JSON.parse(again.stdout);
  assert.equal(out2.lineage.dataSnapshot, out.lineage.dataSnapshot, 'same bytes, same snapshot id');
  assert.deepEqual(out2.metrics, out.metrics, 'same seed, same numbers');
});
