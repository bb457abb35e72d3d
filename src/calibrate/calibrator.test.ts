// The Calibrator contract, run for every method and layout: applyInPlace == apply bit for bit, JSON round trips bit for
// bit, inputs untouched, probabilities in [0, 1] and rows summing to 1, frozen objects; loadCalibrator's errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Task } from '../learners/types.ts';
import { fitCalibrator } from './fit.ts';
import { loadCalibrator } from './load.ts';
import { binaryMiscalibrated, multiclassMiscalibrated, rows, type Labeled } from './testing/synthetic.ts';
import { CALIBRATOR_FORMAT, CALIBRATOR_VERSION, type CalibrationMethod, type Calibrator } from './types.ts';

interface Case { readonly method: CalibrationMethod; readonly task: Task; readonly k: number }

const CASES: readonly Case[] = [
  { method: 'none', task: 'binary', k: 2 },
  { method: 'platt', task: 'binary', k: 2 },
  { method: 'isotonic', task: 'binary', k: 2 },
  { method: 'none', task: 'multiclass', k: 3 },
  { method: 'temperature', task: 'multiclass', k: 3 },
  { method: 'platt', task: 'multiclass', k: 3 },
  { method: 'isotonic', task: 'multiclass', k: 3 },
];

function data(c: Case): { fit: Labeled; other: Labeled; width: number } {
  const width = c.task === 'binary' ? 1 : c.k;
  const d = c.task === 'binary' ? binaryMiscalibrated(1000, 31, 2, 0.7) : multiclassMiscalibrated(1000, c.k, 32, 2);
  return { fit: rows(d, width, 0, 500), other: rows(d, width, 500, 1000), width };
}

/** Row by row through applyInPlace, as a server does it. */
function byRows(cal: Calibrator, pred: Float64Array, width: number): Float64Array {
  const out = new Float64Array(pred.length);
  const row = new Float64Array(width);
  for (let o = 0; o < pred.length; o += width) {
    row.set(pred.subarray(o, o + width));
    cal.applyInPlace(row);
    out.set(row, o);
  }
  return out;
}

function assertSameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths differ`);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) assert.fail(`${what}: value ${i >> 1} differs: ${a[i >> 1]} vs ${b[i >> 1]}`);
}

function assertProbabilities(p: Float64Array, width: number): void {
  for (let o = 0; o < p.length; o += width) {
    let sum = 0;
    for (let c = 0; c < width; c++) { assert.ok(p[o + c] >= 0 && p[o + c] <= 1, `${p[o + c]} is not a probability`); sum += p[o + c]; }
    if (width > 1) assert.ok(Math.abs(sum - 1) < 1e-12, `row ${o / width} sums to ${sum}`);
  }
}

for (const c of CASES) {
  test(`${c.method} (${c.task}): applyInPlace == apply, JSON round trip bit-identical, inputs untouched, valid probabilities`, () => {
    const { fit, other, width } = data(c);
    const snapshot = [Array.from(fit.y), Array.from(fit.pred), Array.from(other.pred)];
    const cal = fitCalibrator(c.method, c.task, fit.y, fit.pred, c.k);
    const out = cal.apply(other.pred);
    assert.notEqual(out, other.pred, 'apply returns a new array');
    assertSameBits(byRows(cal, other.pred, width), out, 'applyInPlace vs apply');
    const loaded = loadCalibrator(JSON.parse(JSON.stringify(cal.toJSON())));
    assert.equal(loaded.method, c.method);
    assertSameBits(loaded.apply(other.pred), out, 'apply after JSON round trip');
    assert.deepEqual(loaded.toJSON(), cal.toJSON());
    assertProbabilities(out, width);
    assert.deepEqual([Array.from(fit.y), Array.from(fit.pred), Array.from(other.pred)], snapshot, 'inputs must not change');
    assert.ok(Object.isFrozen(cal) && Object.isFrozen(cal.toJSON()), 'calibrators and their JSON are frozen');
  });
}

test('a row of the wrong width is rejected; apply checks the layout', () => {
  const { fit } = data(CASES[4]);
  const cal = fitCalibrator('temperature', 'multiclass', fit.y, fit.pred, 3);
  assert.throws(() => cal.applyInPlace(new Float64Array(2)), /one row must hold 3 outputs; got 2/);
  assert.throws(() => cal.apply(new Float64Array(4)), /must hold 3 values per row; got 4 values/);
});

test('loadCalibrator names the key at fault', () => {
  const header = { format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION };
  assert.throws(() => loadCalibrator({ ...header, format: 'x' }), /calibrator JSON: format must be 'gauntlet-calibrator'; got "x"/);
  assert.throws(() => loadCalibrator({ ...header, version: 9 }), /version must be 1/);
  assert.throws(() => loadCalibrator({ ...header, method: 'beta' }), /unknown method 'beta'/);
  assert.throws(() => loadCalibrator({ ...header, method: 'platt', classes: [{ a: 1 }] }), /classes\[0\].b must be a finite number; got undefined/);
  assert.throws(() => loadCalibrator({ ...header, method: 'isotonic', classes: [{ x: [0.2, 0.1], y: [0, 1] }] }), /classes\[0\].x must be strictly increasing/);
  assert.throws(() => loadCalibrator({ ...header, method: 'isotonic', classes: [{ x: [0.1, 0.2], y: [0] }] }), /classes\[0\].y must be 2 values/);
  assert.throws(() => loadCalibrator({ ...header, method: 'temperature', nClasses: 3, temperature: -1 }), /temperature must be > 0/);
  assert.throws(() => loadCalibrator({ ...header, method: 'temperature', nClasses: 1, temperature: 1 }), /nClasses must be an integer >= 2/);
});
