// Seeded row samples and held-out parts for the checks: typed arrays, ascending row order, same result for the same seed.
import { Rng } from '../util/rng.ts';

/** At most `cap` of `rows`, chosen uniformly with `rng` (all of them when there are few enough), ascending. */
export function sampleRows(rows: Int32Array, cap: number, rng: Rng): Int32Array {
  if (rows.length <= cap) return Int32Array.from(rows);
  const pool = Int32Array.from(rows);
  for (let i = 0; i < cap; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, cap).sort();
}

export interface Holdout {
  /** rows to fit statistics on */
  readonly fit: Int32Array;
  /** rows to evaluate them on */
  readonly evaluate: Int32Array;
}

/** Split `rows` at random into a fit part and a held-out fraction `frac` (each kept ascending). */
export function holdout(rows: Int32Array, frac: number, rng: Rng): Holdout {
  const shuffled = rng.shuffle(Int32Array.from(rows));
  const nEval = Math.max(1, Math.round(rows.length * frac));
  return { fit: shuffled.slice(nEval).sort(), evaluate: shuffled.slice(0, nEval).sort() };
}

/** Rows whose split assignment is not NO_SPLIT, ascending. */
export function assignedRows(assignment: Uint8Array, noSplit: number): Int32Array {
  let n = 0;
  for (const a of assignment) if (a !== noSplit) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let r = 0; r < assignment.length; r++) if (assignment[r] !== noSplit) out[k++] = r;
  return out;
}
