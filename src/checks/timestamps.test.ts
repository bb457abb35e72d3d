// FUTURE_TIMESTAMP: event times after the prediction time fire (numeric and text times); earlier or missing ones do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFutureTimestamps } from './timestamps.ts';
import { cat, num, tableOf } from './test-data.ts';

const N = 200;
const predictionTime = Float64Array.from({ length: N }, (_, i) => 1_700_000_000 + 86_400 * i);

test('event times later than the prediction time are counted, with the first rows', () => {
  const event = Float64Array.from(predictionTime, (t, i) => (i % 50 === 7 ? t + 3600 : t - 86_400));
  const f = checkFutureTimestamps(tableOf(num('applied_at', predictionTime), num('closed_at', event)), 'applied_at', ['closed_at']);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'FUTURE_TIMESTAMP');
  assert.equal(f[0].severity, 'error');
  const e = f[0].evidence as { column: string; timeColumn: string; rows: number; compared: number; examples: { row: number }[] };
  assert.deepEqual([e.column, e.timeColumn, e.rows, e.compared], ['closed_at', 'applied_at', 4, N]);
  assert.deepEqual(e.examples.map((x) => x.row), [8, 58, 108, 158]);
  assert.match(f[0].message, /^column 'closed_at' is later than the prediction time 'applied_at' in 4 of 200 rows \(first: data rows 8, 58, 108, 158\)/);
});

test('text timestamps are parsed; an equal time is not in the future', () => {
  const iso = (s: number) => new Date(s * 1000).toISOString();
  const time = cat('t', Array.from(predictionTime, iso));
  const event = cat('e', Array.from(predictionTime, (t, i) => iso(i === 3 ? t + 1 : t)));
  const f = checkFutureTimestamps(tableOf(time, event), 't', ['e']);
  assert.deepEqual((f[0].evidence as { rows: number }).rows, 1);
});

test('clean: every event earlier or equal, missing values skipped, no time column → nothing', () => {
  const event = Float64Array.from(predictionTime, (t, i) => (i % 9 === 0 ? NaN : t - 5));
  const t = tableOf(num('applied_at', predictionTime), num('closed_at', event));
  assert.deepEqual(checkFutureTimestamps(t, 'applied_at', ['closed_at']), []);
  assert.deepEqual(checkFutureTimestamps(t, undefined, ['closed_at']), []);
});
