// runDataChecks end to end (CSV + spec → prepare → the run's splits → findings), blockingFindings and `gauntlet check`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepare } from '../run/prepare.ts';
import { blockingFindings, runDataChecks, splitLikeRun, ERROR_CODES } from './index.ts';
import { checkReport } from '../cli/check-command.ts';
import { csv, project, removeProjects } from './test-data.ts';
import { Rng } from '../util/rng.ts';
import type { Finding } from '../evaluate/findings.ts';

after(removeProjects);

const N = 3000;
const T0 = 1_700_000_000;

/** Loan-like rows: a real but moderate signal, prediction time, an earlier event time. */
function loans(seed: number, n = N, incomeScale = 1) {
  const rng = new Rng(seed);
  const cols = { id: [] as string[], age: [] as number[], income: [] as number[], region: [] as string[], applied_at: [] as number[], last_payment_at: [] as number[], y: [] as number[] };
  for (let i = 0; i < n; i++) {
    const age = 20 + rng.int(50);
    const income = Math.round(incomeScale * Math.exp(10.5 + 0.4 * rng.normal()));
    const region = ['north', 'south', 'east', 'west'][rng.int(4)];
    const z = -1 + 0.03 * (40 - age) - 0.8 * (Math.log(income / incomeScale) - 10.5) + (region === 'south' ? 0.5 : 0);
    cols.id.push(`L${seed}-${i}`);
    cols.age.push(age);
    cols.income.push(income);
    cols.region.push(region);
    cols.applied_at.push(T0 + 3600 * i + rng.int(600));
    cols.last_payment_at.push(cols.applied_at[i] - 86_400 * (1 + rng.int(90)));
    cols.y.push(rng.float() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return cols;
}

const SPEC = (extra = '') => `name: checks
data:
  source: data.csv
  target: y
  id: id
  time: applied_at
  eventTimes: [last_payment_at]
  production: prod.csv
objective: { optimize: auc }
splits: { strategy: stratified, seed: 3${extra} }
`;

function cleanProject(): string {
  return project({ 'data.csv': csv(loans(1)), 'prod.csv': csv(loans(2, 1500)), 'gauntlet.yaml': SPEC() });
}

/** Every problem at once: a leaked outcome column, copied rows, future event times, constant/sparse/id-like columns, drifted production. */
function dirtyProject(extra = ''): string {
  const d = loans(1);
  const rng = new Rng(5);
  const paidBack = d.y.map((v) => 1 - v + 0.3 * rng.normal());
  for (let i = 0; i < 40; i++) {
    const from = 10 * i;
    const to = N - 1 - 10 * i;
    for (const k of ['age', 'income', 'region', 'applied_at', 'last_payment_at', 'y'] as const) (d[k] as unknown[])[to] = d[k][from];
    paidBack[to] = paidBack[from];
  }
  for (let i = 5; i < N; i += 100) d.last_payment_at[i] = d.applied_at[i] + 3600;
  const email = d.id.map((id) => `${id.toLowerCase()}@example.com`);
  const referral = d.y.map((_, i) => (i % 3 === 0 ? `R${i % 7}` : null));
  for (let i = 0; i < 40; i++) {
    email[N - 1 - 10 * i] = email[10 * i];
    referral[N - 1 - 10 * i] = referral[10 * i];
  }
  const extraCols = { paid_back: paidBack, source_system: d.y.map(() => 'crm'), referral_code: referral, email };
  return project({ 'data.csv': csv({ ...d, ...extraCols }), 'prod.csv': csv(loans(2, 1500, 3)), 'gauntlet.yaml': SPEC(extra) });
}

async function check(dir: string): Promise<Finding[]> {
  const p = await prepare(join(dir, 'gauntlet.yaml'));
  try {
    return await runDataChecks(p, splitLikeRun(p));
  } finally {
    p.data.sql.close();
  }
}

const columnOf = (f: Finding): string => {
  const e = f.evidence as { column?: string; compared?: string[] };
  return e.column ?? (e.compared ?? []).join('~');
};

test('clean data, clean production sample: no findings', async () => {
  assert.deepEqual(await check(cleanProject()), []);
});

test('dirty data: every check fires once, errors first, naming the column', async () => {
  const f = await check(dirtyProject());
  assert.deepEqual(f.map((x) => `${x.severity} ${x.code} ${columnOf(x)}`), [
    'error DUPLICATES_ACROSS_SPLITS ',
    'error FUTURE_TIMESTAMP last_payment_at',
    'error LEAKY_FEATURE paid_back',
    'warning CONSTANT_COLUMN source_system',
    'warning HIGH_MISSING referral_code',
    'warning ID_LIKE_COLUMN email',
    'warning PRODUCTION_MISMATCH training data~prod.csv',
  ]);
  assert.equal((f[1].evidence as { rows: number }).rows, 30);
  assert.ok((f[0].evidence as { groups: number }).groups >= 15, JSON.stringify(f[0].evidence));
  assert.match(f[6].message, /PSI \d+\.\d\d in 'income'/);
});

test('splits.dedupe: true drops the later copies, so duplicates no longer cross splits', async () => {
  const codes = (await check(dirtyProject(', dedupe: true'))).map((x) => x.code);
  assert.ok(!codes.includes('DUPLICATES_ACROSS_SPLITS'), codes.join());
  assert.ok(codes.includes('LEAKY_FEATURE'));
});

test('deterministic: the same data and spec give identical findings', async () => {
  const dir = dirtyProject();
  assert.deepEqual(await check(dir), await check(dir));
});

test('blockingFindings: error findings not allowed; warnings never block', () => {
  const f: Finding[] = [
    { code: 'LEAKY_FEATURE', severity: 'error', message: '', evidence: null },
    { code: 'FUTURE_TIMESTAMP', severity: 'error', message: '', evidence: null },
    { code: 'HIGH_MISSING', severity: 'warning', message: '', evidence: null },
  ];
  assert.deepEqual(blockingFindings(f, ['LEAKY_FEATURE']).map((x) => x.code), ['FUTURE_TIMESTAMP']);
  assert.deepEqual(blockingFindings(f, ['LEAKY_FEATURE', 'FUTURE_TIMESTAMP']), []);
  assert.deepEqual([...ERROR_CODES].sort(), ['DUPLICATES_ACROSS_SPLITS', 'FUTURE_TIMESTAMP', 'LEAKY_FEATURE']);
});

test('gauntlet check: one line per finding, exit 1 while errors remain, 0 once they are allowed', async () => {
  const spec = join(dirtyProject(), 'gauntlet.yaml');
  const failing = await checkReport(spec, {});
  assert.equal(failing.exitCode, 1);
  const lines = failing.text.trim().split('\n');
  assert.equal(lines.length, 8);
  assert.match(lines[2], /^ERROR LEAKY_FEATURE: column 'paid_back' alone has AUC 0\.9\d\d /);
  assert.match(lines[3], /^WARNING CONSTANT_COLUMN: column 'source_system'/);
  assert.equal(lines[7], 'data checks: 3 error(s) (3 blocking), 4 warning(s)');
  const allowed = await checkReport(spec, { allow: ['leaky_feature,FUTURE_TIMESTAMP', 'DUPLICATES_ACROSS_SPLITS'] });
  assert.equal(allowed.exitCode, 0);
  assert.match(allowed.text, /LEAKY_FEATURE: .* \(allowed\)\n/);
  const json = await checkReport(spec, { json: true, allow: ['LEAKY_FEATURE'] });
  const doc = JSON.parse(json.text) as { ok: boolean; blocking: string[]; findings: Finding[] };
  assert.deepEqual([doc.ok, doc.blocking, doc.findings.length, json.exitCode], [false, ['DUPLICATES_ACROSS_SPLITS', 'FUTURE_TIMESTAMP'], 7, 1]);
});

test('gauntlet check --allow with an unknown code is bad input (exit 2) with a suggestion', async () => {
  await assert.rejects(checkReport(join(cleanProject(), 'gauntlet.yaml'), { allow: ['LEAKY_FEATUR'] }), (e: Error & { exitCode?: number }) => {
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /--allow: 'LEAKY_FEATUR' is not a data-check code; did you mean 'LEAKY_FEATURE'\?/);
    return true;
  });
});

test('checkCommand prints the lines and sets the exit code (fresh process)', () => {
  const spec = join(dirtyProject(), 'gauntlet.yaml');
  const module = fileURLToPath(new URL('../cli/check-command.ts', import.meta.url));
  const script = `const { checkCommand } = await import(${JSON.stringify(module)}); await checkCommand(${JSON.stringify(spec)}, { allow: ['LEAKY_FEATURE'] });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^ERROR DUPLICATES_ACROSS_SPLITS: /);
  assert.match(r.stdout, /\ndata checks: 3 error\(s\) \(2 blocking\), 4 warning\(s\)\n$/);
});
