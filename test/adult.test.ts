// Adult (../shared/datasets): logistic regression against scikit-learn's figure on the reference split, and a whole run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, hasShared, cli, tempDir } from './helpers.ts';
import { loadData } from '../src/data/load.ts';
import { takeRows } from '../src/data/table.ts';
import { FittedPipeline } from '../src/features/pipeline.ts';
import { logistic } from '../src/learners/logistic.ts';
import { resolveParams } from '../src/learners/params.ts';
import { rocAucScore } from '../src/metrics/index.ts';

const skip = !hasShared('adult.csv') || !hasShared('adult_split.csv');
const why = 'needs ../shared/datasets/adult.csv and adult_split.csv (absent on a fresh clone)';

function referenceSplit(): { train: Int32Array; test: Int32Array } {
  const lines = readFileSync(join(SHARED, 'adult_split.csv'), 'utf8').trim().split('\n').slice(1);
  const train: number[] = [];
  const test: number[] = [];
  for (const l of lines) {
    const [row, split] = l.split(',');
    if (split === 'train') train.push(Number(row));
    if (split === 'test') test.push(Number(row));
  }
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

test('logistic regression on Adult matches scikit-learn test AUC 0.9082 within 0.003', { skip: skip && why }, async () => {
  const data = await loadData(join(SHARED, 'adult.csv'));
  data.sql.close();
  const { train, test: testRows } = referenceSplit();
  const features = data.table.columns.map((c) => c.name).filter((n) => n !== 'income_gt_50k');
  const pipeline = FittedPipeline.fit(takeRows(data.table, train), features, logistic.input);
  const yCol = data.table.columns.find((c) => c.name === 'income_gt_50k')!;
  const y = yCol.kind === 'numeric' ? yCol.values : new Float64Array();
  const model = await logistic.fit(pipeline.apply(takeRows(data.table, train)), Float64Array.from(train, (r) => y[r]), { task: 'binary', nClasses: 2, seed: 0 }, resolveParams('logistic', logistic.params, {}, 'logistic'));
  const p = model.predict(pipeline.apply(takeRows(data.table, testRows)));
  const auc = rocAucScore(Float64Array.from(testRows, (r) => y[r]), p);
  assert.ok(Math.abs(auc - 0.9082) <= 0.003, `AUC ${auc}`);
});

test('gauntlet run on Adult: the example-shaped spec runs end to end', { skip: skip && why }, async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'gauntlet.yaml'), `name: adult
data: { source: ${join(SHARED, 'adult.csv')}, target: income_gt_50k, categorical: [education_num] }
objective:
  optimize: auc
  constraints: [{ metric: latency_p99_ms, max: 5 }, { metric: ece, max: 0.05 }]
splits: { strategy: stratified, seed: 7, dedupe: true }
slices: [{ name: young, where: "age < 25" }, { by: sex }]
baselines: { heuristic: "education_num + hours_per_week / 10", human: { auc: 0.9 } }
learners: [logistic]
`);
  const r = await cli(['run', join(dir, 'gauntlet.yaml'), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 'succeeded');
  assert.equal(out.selected.name, 'logistic');
  const test = out.metrics.logistic.test;
  assert.ok(test.auc > 0.895 && test.auc < 0.92, `test AUC ${test.auc}`);
  assert.ok(out.metrics.heuristic.blackbox.auc > 0.7 && out.metrics.heuristic.blackbox.auc < out.metrics.logistic.blackbox.auc);
  assert.equal(out.metrics.zero_rule.blackbox.auc, 0.5);
  assert.equal(out.metrics.heuristic.test, undefined, 'baselines never touch test');
  assert.equal(out.comparison.significant, true);
  const sexSlices = out.evaluation.models.find((m: { name: string }) => m.name === 'logistic').splits.test.slices.filter((s: { group: string }) => s.group === 'sex');
  assert.deepEqual(sexSlices.map((s: { name: string }) => s.name), ['sex=Female', 'sex=Male']);

  // run → predict on a labeled file → metrics computed here, independently, equal evaluate's
  const preds = join(dir, 'preds.csv');
  const p = await cli(['predict', out.candidatePath, join(SHARED, 'adult.csv'), '--out', preds], { cwd: dir });
  assert.equal(p.code, 0, p.stderr);
  const ev = await cli(['evaluate', out.candidatePath, join(SHARED, 'adult.csv'), '--json'], { cwd: dir });
  assert.equal(ev.code, 0, ev.stderr);
  const m = JSON.parse(ev.stdout).metrics;
  const prob = readFileSync(preds, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
  const labels = readFileSync(join(SHARED, 'adult.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',').pop()));
  const ind = independentMetrics(labels, prob);
  for (const k of ['auc', 'logloss', 'brier', 'accuracy'] as const) assert.ok(Math.abs(ind[k] - m[k]) <= 1e-9, `${k}: ${ind[k]} vs ${m[k]}`);
  assert.equal(out.gate.items.find((i: { key: string }) => i.key === 'packaged').status, 'pass', 'the bundle loads in a new process');
});

/** Straightforward textbook formulas, written separately from src/metrics. */
function independentMetrics(y: number[], p: number[]): { auc: number; logloss: number; brier: number; accuracy: number } {
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const ranks = new Array<number>(p.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]] === p[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  const rankSum = y.reduce((a, v, i) => a + (v === 1 ? ranks[i] : 0), 0);
  const auc = (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
  const clip = (x: number) => Math.min(Math.max(x, 1e-15), 1 - 1e-15);
  const logloss = -y.reduce((a, v, i) => a + (v === 1 ? Math.log(clip(p[i])) : Math.log(1 - clip(p[i]))), 0) / y.length;
  const brier = y.reduce((a, v, i) => a + (p[i] - v) ** 2, 0) / y.length;
  const accuracy = y.reduce((a, v, i) => a + ((p[i] > 0.5 ? 1 : 0) === v ? 1 : 0), 0) / y.length;
  return { auc, logloss, brier, accuracy };
}

test('gauntlet run on Adult with the default learners selects gbdt over logistic on blackbox', { skip: skip && why }, async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'gauntlet.yaml'), `name: adult-default
data: { source: ${join(SHARED, 'adult.csv')}, target: income_gt_50k }
objective: { optimize: auc }
splits: { strategy: stratified, seed: 7, dedupe: true }
`);
  const r = await cli(['run', join(dir, 'gauntlet.yaml'), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out.metrics).sort(), ['gbdt', 'logistic', 'zero_rule']);
  assert.equal(out.selected.name, 'gbdt');
  assert.ok(out.metrics.gbdt.blackbox.auc > out.metrics.logistic.blackbox.auc + 0.01, JSON.stringify(out.metrics.gbdt.blackbox));
  assert.ok(out.metrics.gbdt.test.auc > 0.925, `gbdt test AUC ${out.metrics.gbdt.test.auc}`);
  const gbdt = out.evaluation.models.find((m: { name: string }) => m.name === 'gbdt');
  assert.ok(Object.keys(gbdt.importance.gain).length > 5, 'feature importance in the evaluation document');
});
