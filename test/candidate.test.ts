// Issue 3 end to end through the CLI: bundle parity, tamper refusal, schema errors, promote/rollback, reproduce, gate exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, project } from './helpers.ts';
import { loadCandidate } from '../src/candidate/load.ts';
import { loadData } from '../src/data/load.ts';
import { rowObject, takeRows } from '../src/data/table.ts';
import { Rng } from '../src/util/rng.ts';

async function demo(cwd: string): Promise<Record<string, any>> {
  const r = await cli(['demo', '--rows', '3000', '--json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('a run ends in a bundle whose predictions equal the recorded test predictions bit for bit', async () => {
  const cwd = tempDir();
  const out = await demo(cwd);
  assert.ok(existsSync(out.candidatePath));
  assert.deepEqual(readdirSync(out.candidatePath).sort(), ['evaluation.json', 'gate.json', 'lineage.json', 'manifest.json', 'model.json', 'pipeline.json', 'report.html', 'schema.json', 'signature.json', 'test-predictions.json']);
  const c = await loadCandidate(out.candidatePath);
  assert.equal(c.schema.id, 'loan_id');
  assert.deepEqual(c.signature.outputs.map((o) => o.name), ['p_1', 'label']);
  assert.ok(!c.schema.inputs.some((i) => i.name === 'notes' || i.name === 'loan_id' || i.name === 'defaulted'));
  const region = c.schema.inputs.find((i) => i.name === 'region')!;
  assert.deepEqual(region.categories, ['central', 'east', 'north', 'south', 'west']);
  const ref = c.testPredictions!;
  const data = await loadData(join(cwd, 'gauntlet-demo', 'loans.csv'), { categorical: ['region'] });
  data.sql.close();
  const table = takeRows(data.table, Int32Array.from(ref.rows));
  const columnar = c.predictTable(table);
  const single = c.predictRaw(ref.rows.map((_, i) => rowObject(table, i)));
  for (let i = 0; i < ref.predictions.length; i++) {
    assert.ok(Object.is(columnar[i], ref.predictions[i]) && Object.is(single[i], ref.predictions[i]), `row ${ref.rows[i]}`);
  }
  const gate = c.verdict!;
  assert.equal(gate.items.length, 9);
  assert.equal(gate.items.find((i) => i.key === 'packaged')!.status, 'pass');
  assert.equal(gate.items.find((i) => i.key === 'skew')!.status, 'pass');
  assert.equal(gate.items.find((i) => i.key === 'reproducibility')!.status, 'fail', 'the temp folder is not a git repository');
  assert.match(readFileSync(out.reportPath, 'utf8'), /<html/i);

  // a modified bundle is refused
  const copy = join(cwd, 'tampered');
  cpSync(out.candidatePath, copy, { recursive: true });
  const model = JSON.parse(readFileSync(join(copy, 'model.json'), 'utf8'));
  model.state.intercept[0] += 1e-9;
  writeFileSync(join(copy, 'model.json'), JSON.stringify(model));
  await assert.rejects(loadCandidate(copy), /model\.json was modified after packaging/);
  const refused = await cli(['predict', copy, join(cwd, 'gauntlet-demo', 'loans.csv')], { cwd });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /model\.json was modified after packaging/);

  // predict writes id + signature columns; input that doesn't match the schema is refused naming row and column
  const preds = join(cwd, 'preds.csv');
  const p = await cli(['predict', out.candidatePath, join(cwd, 'gauntlet-demo', 'loans.csv'), '--out', preds], { cwd });
  assert.equal(p.code, 0, p.stderr);
  const lines = readFileSync(preds, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'loan_id,p_1,label');
  assert.equal(lines.length, 3001);
  const src = readFileSync(join(cwd, 'gauntlet-demo', 'loans.csv'), 'utf8').trim().split('\n');
  const bad = [src[0], ...src.slice(1, 40)];
  bad[12] = bad[12].replace(/^(L\d+),\d+,/, '$1,old,');
  writeFileSync(join(cwd, 'bad.csv'), bad.join('\n'));
  const wrongType = await cli(['predict', out.candidatePath, join(cwd, 'bad.csv')], { cwd });
  assert.equal(wrongType.code, 2);
  assert.match(wrongType.stderr, /bad\.csv: row 12, column 'age': expected a number, got 'old'/);
  writeFileSync(join(cwd, 'nocol.csv'), src.slice(0, 5).map((l) => l.split(',').filter((_, j) => j !== 4).join(',')).join('\n'));
  const missing = await cli(['predict', out.candidatePath, join(cwd, 'nocol.csv')], { cwd });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /column 'late_payments' is missing/);
  const unseen = [src[0], src[1].replace(/,(north|south|east|west|central),/, ',atlantis,')];
  writeFileSync(join(cwd, 'unseen.csv'), unseen.join('\n'));
  assert.equal((await cli(['predict', out.candidatePath, join(cwd, 'unseen.csv')], { cwd })).code, 0, 'unseen categories score as "no level" by default');
  const strict = await cli(['predict', out.candidatePath, join(cwd, 'unseen.csv'), '--strict'], { cwd });
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /row 1, column 'region': category 'atlantis' was never seen in training/);
});

test('promote → the champion is the next run\'s baseline → rollback; reproduce is identical', async () => {
  const cwd = tempDir();
  const first = await demo(cwd);
  const promote = await cli(['promote', first.candidatePath], { cwd });
  assert.equal(promote.code, 0, promote.stderr);
  assert.match(promote.stdout, /loans: champion → v1/);
  const second = await demo(cwd);
  assert.ok(second.metrics.champion, 'champion evaluated as a baseline');
  assert.equal(second.metrics.champion.blackbox.auc, first.metrics.logistic.blackbox.auc);
  const beats = second.gate.items.find((i: { key: string }) => i.key === 'beats-baseline');
  assert.equal(beats.status, 'fail', 'an identical model does not beat the champion');
  assert.equal(second.gate.items.find((i: { key: string }) => i.key === 'rollback').status, 'pass');
  assert.equal((await cli(['promote', second.runId], { cwd: join(cwd, 'gauntlet-demo') })).code, 0);
  const reg = JSON.parse((await cli(['registry', '--json'], { cwd })).stdout);
  assert.deepEqual(reg.candidates.map((c: { id: number; aliases: string[] }) => [c.id, c.aliases]), [[1, []], [2, ['champion']]]);
  const rb = await cli(['rollback', '--json'], { cwd });
  assert.equal(rb.code, 0, rb.stderr);
  assert.deepEqual([JSON.parse(rb.stdout).from, JSON.parse(rb.stdout).to], [2, 1]);
  const again = await cli(['rollback'], { cwd });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /no previous champion to roll back to/);

  const rep = await cli(['reproduce', first.runId, '--json'], { cwd });
  assert.equal(rep.code, 0, rep.stderr);
  const r = JSON.parse(rep.stdout);
  assert.equal(r.identical, true);
  assert.ok(r.compared > 100, `compared ${r.compared}`);
  assert.deepEqual(r.missing, []);
});

test('a dataset with no signal fails gate item 1 and `gate` exits 1', async () => {
  const rng = new Rng(11);
  const lines = ['x1,x2,grp,y'];
  for (let i = 0; i < 3000; i++) lines.push(`${rng.normal().toFixed(4)},${rng.normal().toFixed(4)},${'abc'[rng.int(3)]},${rng.float() < 0.3 ? 1 : 0}`);
  const dir = project({ 'd.csv': lines.join('\n'), 'g.yaml': 'name: noise\ndata: { source: d.csv, target: y }\nobjective: { optimize: auc }\nlearners: [logistic]\nrollback: { fallback: zero_rule }\n' });
  const r = await cli(['run', join(dir, 'g.yaml'), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ready, false);
  const item = out.gate.items.find((i: { id: number }) => i.id === 1);
  assert.equal(item.status, 'fail');
  assert.match(item.reason, /not significantly better/);
  const g = await cli(['gate', out.runId], { cwd: dir });
  assert.equal(g.code, 1);
  assert.match(g.stdout, /\[fail\] 1\. /);
  assert.match(g.stdout, /NOT READY/);
});

test('`report RUN` writes the self-contained page with the diagnosis; `check` and `diagnose` answer for the demo', async () => {
  const cwd = tempDir();
  const out = await demo(cwd);
  const file = join(cwd, 'r.html');
  const r = await cli(['report', out.runId, '--out', file], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const page = readFileSync(file, 'utf8');
  assert.match(page, /Diagnosis: bias, variance, mismatch/);
  assert.match(page, /Learning curves/);
  assert.doesNotMatch(page, /https?:\/\//);
  const check = await cli(['check', join(cwd, 'gauntlet-demo', 'gauntlet.yaml')], { cwd });
  assert.equal(check.code, 0, check.stderr + check.stdout);
  assert.match(check.stdout, /data checks: no findings/);
  const diag = await cli(['diagnose', out.runId, '--no-curves', '--json'], { cwd });
  assert.ok(diag.code === 0 || diag.code === 1, diag.stderr);
  const d = JSON.parse(diag.stdout);
  assert.equal(d.decision.model, 'logistic');
  assert.equal(d.decision.rows.length, 5);
});
