// Sanity: model inputs after the pipeline are finite (NaN allowed only where the learner takes missing values natively).
import type { Matrix } from '../learners/index.ts';

export interface BadInput {
  readonly feature: string;
  readonly kind: 'NaN' | 'Infinity';
  /** data row of the first bad value */
  readonly firstRow: number;
  readonly count: number;
}

/**
 * Scan every model input column of X (whose row i is data row `rows[i]`): ±Infinity is always bad;
 * NaN is bad when `nanAllowed` is false (the learner needs imputed inputs). One entry per feature and kind.
 */
export function scanInputs(X: Matrix, rows: Int32Array, nanAllowed: boolean): BadInput[] {
  const out: BadInput[] = [];
  X.columns.forEach((col, j) => {
    let nan = 0, inf = 0, firstNan = -1, firstInf = -1;
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v - v === 0) continue; // finite: the common case, one comparison
      if (Number.isNaN(v)) { if (nan++ === 0) firstNan = i; }
      else if (inf++ === 0) firstInf = i;
    }
    const feature = X.features[j].name;
    if (inf > 0) out.push({ feature, kind: 'Infinity', firstRow: rows[firstInf], count: inf });
    if (nan > 0 && !nanAllowed) out.push({ feature, kind: 'NaN', firstRow: rows[firstNan], count: nan });
  });
  return out;
}
