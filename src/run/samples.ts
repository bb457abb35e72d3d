// Sample predictions recorded with each run: the first N rows of each split (already in random order) with inputs, label, prediction.
import { rowObject, type Table } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import type { Splits } from '../data/splits.ts';
import { SPLIT_NAMES, type SplitName } from '../spec/types.ts';
import type { SampleRow, Json } from '../track/types.ts';

export function collectSamples(
  model: { id: string },
  table: Table,
  target: Target,
  splits: Splits,
  perSplit: number,
  featureColumns: readonly string[],
  preds: Partial<Record<SplitName, Float64Array>>,
): SampleRow[] {
  const k = target.task === 'multiclass' ? target.nClasses : 1;
  const out: SampleRow[] = [];
  for (const split of SPLIT_NAMES) {
    const p = preds[split];
    if (!p) continue;
    const rows = splits.rows[split];
    for (let i = 0; i < Math.min(perSplit, rows.length); i++) {
      const all = rowObject(table, rows[i]);
      const inputs = Object.fromEntries(featureColumns.map((c) => [c, all[c]]));
      const label = target.task === 'regression' ? target.y[rows[i]] : target.classes[target.y[rows[i]]];
      const prediction = k === 1 ? p[i] : Array.from(p.subarray(i * k, (i + 1) * k));
      out.push({ model: model.id, split, row: rows[i], data: { inputs, label, prediction } as Json });
    }
  }
  return out;
}
