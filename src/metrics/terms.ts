// Bootstrap support for metrics that are means of per-row terms: terms are computed once, a resample only averages them.

import type { ResampleScorer } from './types.ts';

/** Mean of `terms` over the resampled rows, summed in resample order so it matches the plain metric bit for bit. */
export function meanOfTerms(terms: Float64Array): ResampleScorer {
  return (idx) => {
    let sum = 0;
    for (let j = 0; j < idx.length; j++) sum += terms[idx[j]];
    return sum / idx.length;
  };
}

/** Per-row terms `term(r)` for every row r < n. */
export function rowTerms(n: number, term: (r: number) => number): Float64Array {
  const terms = new Float64Array(n);
  for (let r = 0; r < n; r++) terms[r] = term(r);
  return terms;
}
