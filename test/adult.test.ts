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
splits: { strategy: stratified, seed: 7 }
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
});
