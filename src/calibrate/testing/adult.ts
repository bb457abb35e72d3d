// Test fixture: Adult test-split predictions from REFERENCE.md (y, p_xgb, p_xgb_spw), split into a fit half and an evaluation half.
import { existsSync, readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';

export interface Half {
  readonly y: Float64Array;
  readonly p: Float64Array;
}

export interface AdultHalves {
  /** the first ⌊n/2⌋ rows of the file */
  readonly fit: Half;
  /** the remaining rows */
  readonly evaluate: Half;
}

const URL_ = new URL('../../../../shared/datasets/adult_test_predictions.csv', import.meta.url);

function column(header: string[], name: string): number {
  const j = header.indexOf(name);
  if (j < 0) throw new Error(`adult_test_predictions.csv has no column '${name}'`);
  return j;
}

/** y and the named probability column, halved; undefined (and the test skipped with the reason) when ../shared is absent. */
export function adultHalves(t: TestContext, predictionColumn: 'p_xgb' | 'p_xgb_spw'): AdultHalves | undefined {
  if (!existsSync(URL_)) {
    t.skip('../shared/datasets/adult_test_predictions.csv is not present (dataset tests need the shared datasets)');
    return undefined;
  }
  const [head, ...lines] = readFileSync(URL_, 'utf8').trim().split('\n');
  const header = head.split(',');
  const jy = column(header, 'y');
  const jp = column(header, predictionColumn);
  const cells = lines.map((l) => l.split(','));
  const y = Float64Array.from(cells, (c) => Number(c[jy]));
  const p = Float64Array.from(cells, (c) => Number(c[jp]));
  const h = Math.floor(y.length / 2);
  return { fit: { y: y.subarray(0, h), p: p.subarray(0, h) }, evaluate: { y: y.subarray(h), p: p.subarray(h) } };
}
