// Through the real CLI: demo run → `errors` export → edit the sheet → --import → --summary; refusals; `diagnose` stores its artifact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, type CliResult } from '../../test/helpers.ts';
import { parseCsv, csvCell } from './review-sheet.ts';

/** The real `gauntlet` CLI (bin/gauntlet.js). */
function gauntlet(args: readonly string[], cwd: string): Promise<CliResult> {
  return cli(args, { cwd });
}

let shared: Promise<{ cwd: string; runId: string }> | undefined;
/** One demo run for the whole file (the tests run in order and only add artifacts to it). */
const demo = (): Promise<{ cwd: string; runId: string }> => (shared ??= demoRun());

async function demoRun(): Promise<{ cwd: string; runId: string }> {
  const cwd = tempDir('gauntlet-diagnose-');
  const r = await cli(['demo', '--rows', '3000', '--json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  return { cwd, runId: JSON.parse(r.stdout).runId as string };
}

test('error analysis round trip: export eyeball mispredictions → tag the CSV → import → summary', async () => {
  const { cwd, runId } = await demo();
  const out = await gauntlet(['errors', runId, '--n', '30', '--json'], cwd);
  assert.equal(out.code, 0, out.stderr);
  const exported = JSON.parse(out.stdout);
  assert.equal(exported.split, 'eyeball');
  assert.equal(exported.sampled, Math.min(30, exported.mispredicted));
  const csv = join(cwd, `errors-${runId}.csv`);
  assert.deepEqual(exported.files, [`errors-${runId}.csv`, `errors-${runId}.jsonl`]);
  assert.ok(existsSync(join(cwd, `errors-${runId}.jsonl`)));
  const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'), csv);
  assert.deepEqual(header.slice(0, 4), ['row', 'label', 'prediction', 'score']);
  assert.deepEqual(header.slice(-3), ['suggested', 'category', 'fix_cost']);
  for (const f of ['age', 'income', 'region', 'employment']) assert.ok(header.includes(f), f);
  assert.equal(rows.length, exported.sampled);
  assert.ok(rows.every((r) => r[1] !== r[2]), 'every row is a misprediction: label ≠ prediction');
  const again = await gauntlet(['errors', runId, '--n', '30', '--out', join(cwd, 'again')], cwd);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(cwd, 'again.csv'), 'utf8'), readFileSync(csv, 'utf8'), 'seeded: the same sample twice');

  const none = await gauntlet(['errors', runId, '--summary'], cwd);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /has no error analysis yet; export with 'gauntlet errors/);

  const [cat, cost] = [header.indexOf('category'), header.indexOf('fix_cost')];
  const tags = ['missing income', 'young; missing income', 'label noise', ''];
  const edited = rows.map((r, i) => r.map((c, j) => (j === cat ? tags[i % 4] : j === cost ? ['2', '5', '1', ''][i % 4] : c)));
  writeFileSync(join(cwd, 'reviewed.csv'), [header, ...edited].map((r) => r.map(csvCell).join(',')).join('\n'));
  const imported = await gauntlet(['errors', runId, '--import', 'reviewed.csv'], cwd);
  assert.equal(imported.code, 0, imported.stderr);
  const tagged = edited.filter((_, i) => i % 4 !== 3).length;
  assert.match(imported.stdout, new RegExp(`imported ${rows.length} reviewed rows \\(${tagged} tagged, ${rows.length - tagged} untagged\\) into run ${runId} as artifact 'error-analysis'`));

  const summary = await gauntlet(['errors', runId, '--summary', '--json'], cwd);
  assert.equal(summary.code, 0, summary.stderr);
  const s = JSON.parse(summary.stdout).summary;
  assert.equal(s.tagged, tagged);
  const missing = s.categories.find((c: { category: string }) => c.category === 'missing income');
  assert.equal(missing.count, edited.filter((_, i) => i % 4 < 2).length);
  assert.deepEqual(s.top, ['label noise', 'missing income', 'young'], 'priority = share / fix cost');
  const text = await gauntlet(['errors', runId, '--summary'], cwd);
  assert.match(text.stdout, /^category\s+count\s+share\s+fix cost\s+priority$/m);

  const show = await cli(['show', runId, '--json'], { cwd });
  assert.ok(JSON.parse(show.stdout).artifacts.includes('error-analysis'));
});

test('errors refuses blackbox and test with exit 2 and says why; bad fix_cost and unknown rows name the row', async () => {
  const { cwd, runId } = await demo();
  for (const split of ['blackbox', 'test']) {
    const r = await gauntlet(['errors', runId, '--split', split, '--out', 'refused'], cwd);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`--split ${split} is refused: .*leaks them into your decisions`));
  }
  assert.equal(existsSync(join(cwd, 'refused.csv')), false, 'nothing written');
  const out = await gauntlet(['errors', runId, '--n', '5', '--out', 'five.csv'], cwd);
  assert.equal(out.code, 0, out.stderr);
  const csv = readFileSync(join(cwd, 'five.csv'), 'utf8');
  const [header, ...rows] = parseCsv(csv, 'x');
  const bad = rows.map((r, i) => r.map((c, j) => (j === header.indexOf('fix_cost') && i === 1 ? 'lots' : c)));
  writeFileSync(join(cwd, 'bad.csv'), [header, ...bad].map((r) => r.map(csvCell).join(',')).join('\n'));
  const r1 = await gauntlet(['errors', runId, '--import', 'bad.csv'], cwd);
  assert.equal(r1.code, 2);
  assert.equal(r1.stderr.trim(), `gauntlet: bad.csv line 3: row ${rows[1][0]}: fix_cost must be a positive number (e.g. days of work); got 'lots'`);
  writeFileSync(join(cwd, 'unknown.csv'), `${header.join(',')}\n999999,${'x,'.repeat(header.length - 2)}\n`);
  const r2 = await gauntlet(['errors', runId, '--import', 'unknown.csv'], cwd);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /unknown\.csv line 2: row 999999 is not an eyeball row of this run/);
});

test('diagnose: decision table, learning curve, sanity checks and weak slices; stored as artifact diagnosis', async () => {
  const { cwd, runId } = await demo();
  const r = await gauntlet(['diagnose', runId.slice(0, 17), '--json'], cwd);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.format, 'gauntlet-diagnosis');
  assert.equal(d.runId, runId);
  assert.deepEqual(d.decision.rows.map((x: { level: string }) => x.level), ['human', 'train', 'trainDev', 'blackbox', 'test']);
  assert.ok(Math.abs(d.decision.rows[0].error - 0.15) < 1e-12, 'the demo spec gives human auc 0.85');
  assert.equal(d.learningCurves.length, 1);
  assert.equal(d.learningCurves[0].points.length, 10);
  assert.deepEqual(d.sanity[0].checks.map((c: { pass: boolean }) => c.pass), [true, true, true, true]);
  assert.equal(d.weakSlices.split, 'blackbox');
  const show = await cli(['show', runId, '--json'], { cwd });
  assert.ok(JSON.parse(show.stdout).artifacts.includes('diagnosis'));
  const text = await gauntlet(['diagnose', runId, '--no-curves'], cwd);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /decision table of logistic \(auc error: 1 − auc\)/);
  assert.match(text.stdout, /recommendation: /);
  assert.doesNotMatch(text.stdout, /learning curve of/);
  assert.match(text.stdout, /\[pass\] train\/serve parity/);
});
