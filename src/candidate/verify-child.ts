// Run in a fresh process by verify.ts: load the bundle from disk, re-score the recorded test rows through
// the columnar and the single-row paths, and print the comparison with the run's recorded predictions as JSON.
import { loadCandidate } from './load.ts';
import { loadData } from '../data/load.ts';
import { rowObject, takeRows } from '../data/table.ts';

async function main(dir: string): Promise<void> {
  const t0 = performance.now();
  const c = await loadCandidate(dir);
  const ref = c.testPredictions;
  const dataFile = (c.lineage as { dataFile?: string }).dataFile;
  if (!ref || !dataFile) throw new Error('bundle has no recorded test predictions or data file to compare with');
  const data = await loadData(dataFile, { categorical: (c.lineage as { categorical?: string[] }).categorical ?? [] });
  data.sql.close();
  const rows = Int32Array.from(ref.rows);
  const table = takeRows(data.table, rows);
  const columnar = c.predictTable(table);
  const single = c.predictRaw(Array.from(rows, (_, i) => rowObject(table, i)));
  let maxAbsDiff = 0;
  let identical = columnar.length === ref.predictions.length && single.length === ref.predictions.length;
  for (let i = 0; i < ref.predictions.length; i++) {
    const d = Math.max(Math.abs(columnar[i] - ref.predictions[i]), Math.abs(single[i] - ref.predictions[i]));
    if (!(d <= maxAbsDiff)) maxAbsDiff = Number.isNaN(d) ? Infinity : d;
    if (!Object.is(columnar[i], ref.predictions[i]) || !Object.is(single[i], ref.predictions[i])) identical = false;
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ ok: true, rows: rows.length, seconds, maxAbsDiff, identical }));
}

main(process.argv[2]).catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
});
