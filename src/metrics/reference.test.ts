// Reproduces REFERENCE.md: scikit-learn 1.2.1's metrics of the Adult test predictions, to 1e-9.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  accuracyScore, averagePrecisionScore, brierScore, ece, eceTop, f1Score, logLoss, precisionScore, recallScore, rocAucScore,
} from './binary.ts';

const CSV = fileURLToPath(new URL('../../../shared/datasets/adult_test_predictions.csv', import.meta.url));

/**
 * Computed with /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24.2): roc_auc_score, log_loss(eps=1e-15),
 * brier_score_loss, accuracy/precision/recall/f1 of (p > 0.5), average_precision_score, and ECE /
 * top-label ECE by REFERENCE.md's formula in numpy (15 bins, bin = min(floor(15p), 14)).
 */
const EXPECTED: Record<string, Record<string, number>> = {
  p_logreg: { auc: 0.9082440251587774, logloss: 0.31477396656847006, brier: 0.1000889088591272, accuracy: 0.8550566398253037, precision: 0.741777466759972, recall: 0.6046776953793497, f1: 0.666247642991829, pr_auc: 0.7748504761677235, ece: 0.006273906448108588, eceTop: 0.005134883271005781 },
  p_xgb: { auc: 0.9304004657759285, logloss: 0.2718265768558037, brier: 0.0858864884980767, accuracy: 0.8800327555616214, precision: 0.7928954423592494, recall: 0.674843126069595, f1: 0.7291217257318954, pr_auc: 0.8378581326977127, ece: 0.010413336320072294, eceTop: 0.009774763963531764 },
  p_xgb_spw: { auc: 0.9303864450116883, logloss: 0.32923080206560046, brier: 0.10897864494008064, accuracy: 0.8344479323051727, precision: 0.6085209003215434, recall: 0.8636622932116372, f1: 0.7139825512850743, pr_auc: 0.8370951754158286, ece: 0.10476003429520367, eceTop: 0.028970456592438413 },
  p_hgb_default: { auc: 0.9284835100461335, logloss: 0.2762371944751162, brier: 0.08739854936337461, accuracy: 0.8758018288521905, precision: 0.7838383838383839, recall: 0.6640045636052482, f1: 0.7189623224212477, pr_auc: 0.8319635106284949, ece: 0.010449613730621565, eceTop: 0.008570991734305864 },
  // isotonic output has 829 predictions of exactly 0 or 1 and many ties: exercises clipping and tie groups
  p_xgb_isotonic: { auc: 0.9299055942030587, logloss: 0.27322043256075973, brier: 0.08615285752938051, accuracy: 0.8793503480278422, precision: 0.8049122807017544, recall: 0.6543069024529378, f1: 0.7218376337319068, pr_auc: 0.8280532009268016, ece: 0.012482327164905606, eceTop: 0.012916028668649378 },
};

const METRICS: Record<string, (y: Float64Array, p: Float64Array) => number> = {
  auc: rocAucScore, logloss: logLoss, brier: brierScore, accuracy: accuracyScore, precision: precisionScore,
  recall: recallScore, f1: f1Score, pr_auc: averagePrecisionScore, ece: (y, p) => ece(y, p), eceTop: (y, p) => eceTop(y, p),
};

/** Tiny CSV reader: header row, numeric cells, no quoting (the file has none). */
function readColumns(path: string): Map<string, Float64Array> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const columns = header.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    for (let j = 0; j < header.length; j++) columns[j][i - 1] = Number(cells[j]);
  }
  return new Map(header.map((name, j) => [name, columns[j]]));
}

for (const [column, expected] of Object.entries(EXPECTED)) {
  test(`Adult test predictions ${column}: every binary metric equals scikit-learn's to 1e-9`, (t) => {
    if (!existsSync(CSV)) {
      t.skip(`${CSV} is absent: the shared datasets are not mounted here`);
      return;
    }
    const data = readColumns(CSV);
    const y = data.get('y') as Float64Array;
    const p = data.get(column) as Float64Array;
    assert.equal(y.length, 7327);
    for (const [metric, value] of Object.entries(expected)) {
      const got = METRICS[metric](y, p);
      assert.ok(Math.abs(got - value) <= 1e-9, `${metric} of ${column}: expected ${value}, got ${got}`);
    }
  });
}
