// detectSimpsons: a constructed Simpson reversal (AUC), a majority-of-rows reversal (accuracy), where-slice complements, and clean data without findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SliceMask } from '../data/slices.ts';
import { accuracyScore, rocAucScore } from '../metrics/index.ts';
import { Rng } from '../util/rng.ts';
import { detectSimpsons, sliceGroups, type SimpsonInput } from './simpson.ts';

/** The split holds data rows OFFSET.., so masks (over the whole data) and split positions differ. */
const OFFSET = 5;

function maskOf(nData: number, member: (position: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: nData }, (_, r) => (r >= OFFSET && member(r - OFFSET) ? 1 : 0));
}

function splitRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i + OFFSET);
}

/**
 * Two strata of 1000 rows, base rates 0.8 ('high') and 0.2 ('low'). The reference scores the
 * stratum's base rate plus a weak signal; the candidate a stronger signal but ignores the stratum.
 * Within each stratum the candidate ranks better (AUC ≈ 0.76 vs 0.58); pooled, the reference's
 * stratum offset orders most cross-stratum pairs right, so it wins overall (≈ 0.83 vs 0.76).
 */
function simpsonAuc(): SimpsonInput {
  const rng = new Rng(11);
  const n = 2000;
  const y = new Float64Array(n), cand = new Float64Array(n), ref = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const high = i < n / 2;
    y[i] = rng.float() < (high ? 0.8 : 0.2) ? 1 : 0;
    cand[i] = y[i] + rng.normal();
    ref[i] = (high ? 10 : 0) + 0.3 * y[i] + rng.normal();
  }
  const stratum: SliceMask[] = [
    { name: 'stratum=high', group: 'stratum', mask: maskOf(n + OFFSET, (i) => i < n / 2) },
    { name: 'stratum=low', group: 'stratum', mask: maskOf(n + OFFSET, (i) => i >= n / 2) },
  ];
  return {
    metric: 'auc', task: 'binary', nClasses: 2, higherIsBetter: true, y, predCandidate: cand, predReference: ref,
    candidateName: 'gbdt', referenceName: 'heuristic', slices: stratum, rows: splitRows(n), minSliceRows: 30,
  };
}

test('classic Simpson reversal: the candidate ranks better within both strata, worse pooled', () => {
  const input = simpsonAuc();
  const overall = rocAucScore(input.y, input.predCandidate) - rocAucScore(input.y, input.predReference);
  assert.ok(overall < -0.03, `overall Δ ${overall}`);
  const findings = detectSimpsons(input);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f.code, 'SIMPSONS_PARADOX');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^'gbdt' loses to 'heuristic' on auc overall \(Δ -0\.\d+\) but wins within stratum=high \(n=1000, Δ \+0\.\d+\), stratum=low \(n=1000, Δ \+0\.\d+\), 100% of the rows of slice group 'stratum'/);
  const ev = f.evidence as { overall: { delta: number }; share: number; slices: { name: string; n: number; delta: number }[] };
  assert.equal(ev.overall.delta, overall);
  assert.equal(ev.share, 1);
  for (const s of ev.slices) assert.ok(s.n === 1000 && s.delta > 0.1, JSON.stringify(s));
});

/**
 * Accuracy is a row average: over the same rows, a model that wins within every slice of a
 * partition wins overall, so the reversal reachable with accuracy is a majority one. Here the
 * candidate loses within 'young' (700 rows, 85% vs 90% right) and wins within the rest (300 rows,
 * 90% vs 50%): it wins overall (86.5% vs 78%) while losing on 70% of the rows.
 */
function majorityAccuracy(): SimpsonInput {
  const n = 1000;
  const y = new Float64Array(n).fill(1);
  const right = (i: number, share: number, size: number): number => ((i % size) < share * size ? 0.9 : 0.1);
  const cand = Float64Array.from({ length: n }, (_, i) => (i < 700 ? right(i, 0.85, 100) : right(i, 0.9, 100)));
  const ref = Float64Array.from({ length: n }, (_, i) => (i < 700 ? right(i, 0.9, 100) : right(i, 0.5, 100)));
  const young: SliceMask = { name: 'young', group: 'young', mask: maskOf(n + OFFSET, (i) => i < 700) };
  return {
    metric: 'accuracy', task: 'binary', nClasses: 2, higherIsBetter: true, y, predCandidate: cand, predReference: ref,
    candidateName: 'logistic', referenceName: 'zero-rule', slices: [young], rows: splitRows(n), minSliceRows: 30,
  };
}

test('majority reversal via accuracy: a where slice is compared with its complement', () => {
  const input = majorityAccuracy();
  assert.ok(Math.abs(accuracyScore(input.y, input.predCandidate) - 0.865) < 1e-12);
  assert.ok(Math.abs(accuracyScore(input.y, input.predReference) - 0.78) < 1e-12);
  const [f, ...rest] = detectSimpsons(input);
  assert.equal(rest.length, 0);
  assert.match(f.message, /^'logistic' beats 'zero-rule' on accuracy overall \(Δ \+0\.0850\) but loses within young \(n=700, Δ -0\.0500\), 70% of the rows of slice group 'young'/);
  const ev = f.evidence as { slices: { name: string; n: number; delta: number }[] };
  assert.deepEqual(ev.slices.map((s) => [s.name, s.n]), [['young', 700], ['not young', 300]]);
  assert.ok(Math.abs(ev.slices[1].delta - 0.4) < 1e-12);
});

test('lower-is-better metrics: a loss reversal is read in its direction', () => {
  const input = majorityAccuracy();
  // log loss of the same predictions: the candidate is better (lower) overall and worse within young
  const [f] = detectSimpsons({ ...input, metric: 'logloss', higherIsBetter: false });
  assert.match(f.message, /^'logistic' beats 'zero-rule' on logloss overall \(Δ -0\.\d+\) but loses within young \(n=700, Δ \+0\.\d+\)/);
});

test('slices under minSliceRows count for neither side', () => {
  const input = majorityAccuracy();
  assert.deepEqual(detectSimpsons({ ...input, minSliceRows: 701 }), []);
});

test('no finding when the candidate wins within every slice and overall, or ties overall', () => {
  const input = majorityAccuracy();
  const better = Float64Array.from(input.predCandidate, (p, i) => (i < 700 ? 0.9 : p)); // 100% right within young
  assert.deepEqual(detectSimpsons({ ...input, predCandidate: better }), []);
  assert.deepEqual(detectSimpsons({ ...input, predCandidate: input.predReference }), []);
  // the Simpson data once the candidate also uses the stratum: same order within strata, better pooled
  const clean = simpsonAuc();
  const stratified = clean.predCandidate.map((v, i) => v + (i < 1000 ? 10 : 0));
  assert.ok(rocAucScore(clean.y, stratified) > rocAucScore(clean.y, clean.predReference) + 0.03);
  assert.deepEqual(detectSimpsons({ ...clean, predCandidate: stratified }), []);
});

test('sliceGroups keeps by-value groups as they are and pairs a lone where slice with its complement', () => {
  const m = (bits: number[]): Uint8Array => Uint8Array.from(bits);
  const groups = sliceGroups([
    { name: 'region=N', group: 'region', mask: m([1, 0, 0]) },
    { name: 'old', group: 'old', mask: m([0, 1, 1]) },
    { name: 'region=S', group: 'region', mask: m([0, 1, 1]) },
  ]);
  assert.deepEqual([...groups.keys()], ['region', 'old']);
  assert.deepEqual(groups.get('region')!.map((s) => s.name), ['region=N', 'region=S']);
  assert.deepEqual(groups.get('old')!.map((s) => [s.name, [...s.mask]]), [['old', [0, 1, 1]], ['not old', [1, 0, 0]]]);
});
