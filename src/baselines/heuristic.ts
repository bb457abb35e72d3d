// The user's heuristic baseline: an SQL expression over the raw columns, turned into predictions
// whose probabilities are fit on train only (a 1-D logistic on the score keeps its ranking, so AUC is the expression's own).
import type { Task } from '../learners/types.ts';

export interface HeuristicFit {
  /** predictions for every data row (binary: P(1); multiclass: row-major n×k; regression: value) */
  readonly predictions: Float64Array;
  /** how scores became predictions, for the record */
  readonly mapping: Record<string, number | string>;
}

/**
 * `scores` holds the expression's value for every data row (NaN where it is NULL).
 * Missing scores are replaced by the train median score.
 */
export function fitHeuristic(task: Task, scores: Float64Array, y: Float64Array, trainRows: Int32Array, nClasses: number): HeuristicFit {
  const fill = trainMedian(scores, trainRows);
  const s = scores.map((v) => (Number.isNaN(v) || !Number.isFinite(v) ? fill : v));
  if (task === 'regression') return { predictions: s, mapping: { kind: 'identity', missingFill: fill } };
  if (task === 'binary') return plattOnScore(s, y, trainRows, fill);
  return labelAccuracy(s, y, trainRows, nClasses, fill);
}

function trainMedian(scores: Float64Array, rows: Int32Array): number {
  const v = Float64Array.from(rows, (r) => scores[r]).filter((x) => Number.isFinite(x)).sort();
  if (v.length === 0) return 0;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** p = sigmoid(a·z + b) with z the train-standardized score, fit by Newton's method on train rows. */
function plattOnScore(s: Float64Array, y: Float64Array, rows: Int32Array, fill: number): HeuristicFit {
  let mean = 0;
  for (const r of rows) mean += s[r];
  mean /= rows.length;
  let sd = 0;
  for (const r of rows) sd += (s[r] - mean) ** 2;
  sd = Math.sqrt(sd / rows.length) || 1;
  let a = 0;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (const r of rows) {
      const z = (s[r] - mean) / sd;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const w = p * (1 - p);
      ga += (p - y[r]) * z; gb += p - y[r];
      haa += w * z * z; hab += w * z; hbb += w;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  const predictions = s.map((v) => 1 / (1 + Math.exp(-(a * (v - mean) / sd + b))));
  return { predictions, mapping: { kind: 'platt_on_score', a, b, mean, sd, missingFill: fill } };
}

/** Multiclass: the expression yields a class index; its train accuracy becomes the predicted class's probability. */
function labelAccuracy(s: Float64Array, y: Float64Array, rows: Int32Array, k: number, fill: number): HeuristicFit {
  let hits = 0;
  for (const r of rows) if (Math.round(s[r]) === y[r]) hits++;
  const acc = Math.min(Math.max((hits + 1) / (rows.length + 2), 1 / k), 1 - 1e-6);
  const other = (1 - acc) / (k - 1);
  const predictions = new Float64Array(s.length * k).fill(other);
  for (let i = 0; i < s.length; i++) {
    const c = Math.round(s[i]);
    if (c >= 0 && c < k) predictions[i * k + c] = acc;
    else for (let j = 0; j < k; j++) predictions[i * k + j] = 1 / k;
  }
  return { predictions, mapping: { kind: 'class_label', trainAccuracy: acc, missingFill: fill } };
}
