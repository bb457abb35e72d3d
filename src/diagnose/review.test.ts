// Review sheet and error-analysis pieces: CSV round trip, import validation, summary priorities, misprediction sampling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, parseCsv, sheetCsv, type SheetRow } from './review-sheet.ts';
import { parseReview, type ErrorAnalysis } from './review-import.ts';
import { summarizeReview } from './review-summary.ts';
import { sampleMispredictions, wrongFlags } from './mispredictions.ts';

test('CSV cells are quoted only when needed and parse back exactly (commas, quotes, line breaks, CRLF, BOM)', () => {
  const cells = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
  const text = `\uFEFF${cells.map(csvCell).join(',')}\r\n1,2,3,4,5\r\n`;
  assert.deepEqual(parseCsv(text, 'x.csv'), [cells, ['1', '2', '3', '4', '5']]);
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(NaN), '');
  assert.throws(() => parseCsv('"open,1\n', 'x.csv'), /x\.csv: a quoted field is never closed/);
});

test('the sheet has row, label, prediction, score, every feature, suggested and empty category / fix_cost', () => {
  const rows: SheetRow[] = [{ row: 7, label: 'yes', prediction: 'no', score: 0.2, features: { income: 1000, row: 'x', city: 'a, b' }, suggested: 'city = a, b' }];
  const [header, first] = parseCsv(sheetCsv(rows, ['income', 'row', 'city']), 's.csv');
  assert.deepEqual(header, ['row', 'label', 'prediction', 'score', 'income', 'feature:row', 'city', 'suggested', 'category', 'fix_cost']);
  assert.deepEqual(first, ['7', 'yes', 'no', '0.2', '1000', 'x', 'a, b', 'city = a, b', '', '']);
});

const eyeball = new Set([3, 5, 8, 13]);
const sheet = (lines: string[]): string => ['row,label,category,fix_cost', ...lines].join('\n');

test('import: categories (several per row with ;), fix costs, untagged rows; errors name the line and the row', () => {
  const rows = parseReview(sheet(['3,1,blurry; dark ,2', '5,0,,', '8,1,dark,']), 'reviewed.csv', eyeball);
  assert.deepEqual(rows, [{ row: 3, categories: ['blurry', 'dark'], fixCost: 2 }, { row: 5, categories: [], fixCost: null }, { row: 8, categories: ['dark'], fixCost: null }]);
  assert.throws(() => parseReview(sheet(['3,1,a,1', '5,1,b,cheap']), 'r.csv', eyeball), { message: "r.csv line 3: row 5: fix_cost must be a positive number (e.g. days of work); got 'cheap'" });
  assert.throws(() => parseReview(sheet(['4,1,a,1']), 'r.csv', eyeball), /r\.csv line 2: row 4 is not an eyeball row of this run/);
  assert.throws(() => parseReview(sheet(['x,1,a,1']), 'r.csv', eyeball), /line 2: row must be a data row number/);
  assert.throws(() => parseReview(sheet(['3,1,a,1', '3,1,b,1']), 'r.csv', eyeball), /line 3: row 3 appears twice/);
  assert.throws(() => parseReview('row,label\n3,1\n', 'r.csv', eyeball), /must have a 'category' column/);
  const jsonl = parseReview('{"row":13,"category":"dark","fix_cost":"4"}\n', 'r.jsonl', eyeball);
  assert.deepEqual(jsonl, [{ row: 13, categories: ['dark'], fixCost: 4 }]);
});

test('summary: share of tagged errors, priority = share / mean fix cost, top three; no fix cost sorts last', () => {
  const a: ErrorAnalysis = {
    format: 'gauntlet-error-analysis', version: 1, runId: 'r', model: 'm', split: 'eyeball', source: 's.csv', importedAt: '',
    rows: [
      { row: 1, categories: ['dark'], fixCost: 4 }, { row: 2, categories: ['dark'], fixCost: 2 }, { row: 3, categories: ['dark', 'blurry'], fixCost: 3 },
      { row: 4, categories: ['blurry'], fixCost: 0.5 }, { row: 5, categories: ['label noise'], fixCost: null }, { row: 6, categories: ['typo'], fixCost: 10 },
      { row: 7, categories: [], fixCost: null },
    ],
  };
  const s = summarizeReview(a);
  assert.equal(s.reviewed, 7);
  assert.equal(s.tagged, 6);
  assert.deepEqual(s.categories.map((c) => [c.category, c.count, c.fixCost]), [['blurry', 2, 1.75], ['dark', 3, 3], ['typo', 1, 10], ['label noise', 1, null]]);
  assert.ok(Math.abs(s.categories[0].priority! - 2 / 6 / 1.75) < 1e-12);
  assert.ok(Math.abs(s.categories[1].share - 0.5) < 1e-12);
  assert.deepEqual(s.top, ['blurry', 'dark', 'typo']);
});

test('mispredictions: binary p > 0.5, multiclass argmax, regression the largest residuals; seeded sample', () => {
  assert.deepEqual([...wrongFlags('binary', Float64Array.of(1, 0, 1, 0), Float64Array.of(0.9, 0.6, 0.5, 0.1), 2)], [0, 1, 1, 0]);
  assert.deepEqual([...wrongFlags('multiclass', Float64Array.of(2, 0), Float64Array.of(0.1, 0.2, 0.7, 0.3, 0.6, 0.1), 3)], [0, 1]);
  const y = Float64Array.from({ length: 20 }, (_, i) => i);
  const pred = y.map((v, i) => v + (i === 4 ? 9 : i === 11 ? -7 : 0.1));
  assert.deepEqual([...wrongFlags('regression', y, pred, 1)].flatMap((f, i) => (f ? [i] : [])), [4, 11]);
  assert.deepEqual([...sampleMispredictions('regression', y, pred, 1, 1, 0)], [4]);
  const yb = Float64Array.from({ length: 200 }, (_, i) => i % 2);
  const pb = Float64Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 - (i % 2) : i % 2));
  const s1 = sampleMispredictions('binary', yb, pb, 2, 10, 42);
  assert.equal(s1.length, 10);
  assert.ok([...s1].every((i) => i % 3 === 0));
  assert.deepEqual(s1, sampleMispredictions('binary', yb, pb, 2, 10, 42));
  assert.notDeepEqual(s1, sampleMispredictions('binary', yb, pb, 2, 10, 43));
});
