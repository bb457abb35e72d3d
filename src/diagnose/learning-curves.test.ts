// Learning curves: the verdict rule on hand-made points, and refits on seeded synthetics where more data helps vs. is saturated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curveVerdict, type CurvePoint } from './curve-verdict.ts';
import { learningCurves } from './learning-curves.ts';
import { syntheticView } from './testing/synthetic.ts';
import type { Rng } from '../util/rng.ts';

const points = (rows: number[], train: number[], dev: number[]): CurvePoint[] => rows.map((r, i) => ({ fraction: r / rows[rows.length - 1], rows: r, trainError: train[i], devError: dev[i] }));
const ROWS = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];

test('verdict: dev error still falling with a wide train/dev gap → more data is likely to help', () => {
  const dev = ROWS.map((r) => 0.1 + 2 / Math.sqrt(r));
  const v = curveVerdict(points(ROWS, ROWS.map(() => 0.02), dev), 'auc');
  assert.equal(v.verdict, 'more data is likely to help');
  assert.ok(v.gainPerDoubling > 0.02 && v.gainPerDoubling < 0.03, String(v.gainPerDoubling)); // ln2 / √r around r = 800
  assert.match(v.reason, /still falls/);
});

test('verdict: a flat dev curve → unlikely to help, even with a wide gap', () => {
  const v = curveVerdict(points(ROWS, ROWS.map(() => 0.05), ROWS.map(() => 0.2)), 'auc');
  assert.equal(v.verdict, 'more data is unlikely to help');
  assert.ok(Math.abs(v.gainPerDoubling) < 1e-12);
  assert.match(v.reason, /has flattened/);
});

test('verdict: falling but the curves have met (gap below one doubling of gain) → unlikely to help', () => {
  const dev = ROWS.map((r) => 0.2 + 0.5 / Math.sqrt(r));
  const v = curveVerdict(points(ROWS, dev.map((d) => d - 0.002), dev), 'auc');
  assert.ok(v.gainPerDoubling >= 0.005);
  assert.equal(v.verdict, 'more data is unlikely to help');
  assert.match(v.reason, /no more than one doubling would close/);
});

test('verdict: a fall within the scatter of the points (less than 2 standard errors) → unlikely to help', () => {
  const dev = [0.2, 0.19, 0.18, 0.17, 0.16, 0.096, 0.08, 0.088, 0.088, 0.081];
  const v = curveVerdict(points(ROWS, ROWS.map(() => 0.01), dev), 'accuracy');
  assert.ok(v.gainPerDoubling >= v.minGain && v.gainPerDoubling < 2 * v.gainSe, `${v.gainPerDoubling} ± ${v.gainSe}`);
  assert.equal(v.verdict, 'more data is unlikely to help');
  assert.match(v.reason, /moves within its noise/);
});

test('verdict: unbounded losses use 1% of the final dev error as the least gain; too few points say so', () => {
  const dev = ROWS.map((r) => 10 + 30 / Math.sqrt(r));
  const v = curveVerdict(points(ROWS, ROWS.map(() => 5), dev), 'rmse');
  assert.ok(Math.abs(v.minGain - 0.01 * dev[9]) < 1e-12);
  assert.equal(v.verdict, 'more data is likely to help');
  const few = curveVerdict(points([10, 20], [0, 0], [0.3, 0.2]), 'auc');
  assert.match(few.reason, /only 2 of 2 points/);
});

/** 100 informative features, heavy noise, 1000 train rows: a linear model that is still data-hungry. */
function hungryRow(rng: Rng) {
  const x = Array.from({ length: 100 }, () => rng.normal());
  const z = x.reduce((a, v, j) => a + v * (j % 2 ? 1 : -1) * (0.5 + (j % 5) / 5), 0);
  return { numeric: x, label: (z + 3 * rng.normal() > 0 ? 1 : 0) as 0 | 1 };
}

/** One weak feature and much label noise: the model has learned all it can from a few hundred rows. */
function saturatedRow(rng: Rng) {
  const x = [rng.normal(), rng.normal()];
  return { numeric: x, label: (x[0] + 1.5 * rng.normal() > 0 ? 1 : 0) as 0 | 1 };
}

test('learning curves on a data-hungry synthetic: nested subsamples, dev error falls, more data is likely to help', async () => {
  const view = await syntheticView({ rows: 2000, seed: 3, learner: 'logistic', row: hungryRow });
  const c = await learningCurves(view, 'logistic');
  assert.equal(c.metric, 'auc');
  assert.deepEqual(c.points.map((p) => p.rows), ROWS);
  assert.equal(c.points[0].trainError, 0, '100 rows of 100 features are memorized');
  assert.ok(c.points[0].devError > 3 * c.points[9].devError, `dev error ${c.points[0].devError} → ${c.points[9].devError}`);
  assert.equal(c.verdict, 'more data is likely to help', c.reason);
  const again = await learningCurves(view, 'logistic');
  assert.deepEqual(again.points, c.points, 'seeded: the same curve twice');
});

test('learning curves on a saturated synthetic: dev error flat, more data is unlikely to help', async () => {
  const view = await syntheticView({ rows: 8000, seed: 4, learner: 'logistic', row: saturatedRow });
  const c = await learningCurves(view, 'logistic', [0.1, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(c.points.map((p) => p.rows), [400, 1000, 2000, 3000, 4000]);
  assert.ok(Math.abs(c.points[4].devError - c.points[0].devError) < 0.005);
  assert.equal(c.verdict, 'more data is unlikely to help', c.reason);
  await assert.rejects(learningCurves(view, 'logistic', [0, 1]), /fractions must be in \(0, 1\]/);
  await assert.rejects(learningCurves(view, 'ridge'), /'ridge' must be a learner model of the run; learners: logistic/);
});
