// The splits a run makes for a spec (same strata, groups, times and dedupe as run.ts), so checks see the run's splits.
import { makeSplits, quantileStrata, type Splits } from '../data/splits.ts';
import type { Table } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import type { Spec } from '../spec/types.ts';
import { duplicateMask } from './row-groups.ts';

export interface SplitInput {
  readonly spec: Spec;
  readonly data: { readonly table: Table };
  readonly target: Target;
  readonly featureColumns: readonly string[];
}

/** Exactly the assignment `gauntlet run` makes for this prepared spec and data. */
export function splitLikeRun(p: SplitInput): Splits {
  const { spec, target, data } = p;
  const s = spec.splits;
  const strata = s.strategy !== 'stratified' ? undefined : target.task === 'regression' ? quantileStrata(target.y) : Int32Array.from(target.y);
  const col = (name: string | undefined) => data.table.columns.find((c) => c.name === name);
  const g = col(s.group);
  const groups = g ? (g.kind === 'categorical' ? g.codes : Int32Array.from(codesOf(g.values))) : undefined;
  const t = col(s.time);
  const times = t ? (t.kind === 'numeric' ? t.values : Float64Array.from(t.codes, (c) => (c < 0 ? NaN : c))) : undefined;
  const drop = s.dedupe ? duplicateMask(data.table, p.featureColumns) : undefined;
  return makeSplits(data.table.nRows, { strategy: s.strategy, seed: s.seed, fractions: s.fractions, strata, groups, times, drop });
}

/** Dense integer codes of numeric values in order of first appearance (NaN is its own code), as run.ts does. */
function codesOf(values: Float64Array): number[] {
  const index = new Map<number, number>();
  return Array.from(values, (v) => {
    const k = Number.isNaN(v) ? -1 : v;
    if (!index.has(k)) index.set(k, index.size);
    return index.get(k)!;
  });
}
