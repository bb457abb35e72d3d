// Bad input through the real CLI: one line naming what and where, exit code 2, no stack trace, no succeeded run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, project } from './helpers.ts';
import { generateLoansCsv } from '../src/demo/generate.ts';

const csv = generateLoansCsv(600, 1);
const spec = (over: string = ''): string => `name: t
data: { source: loans.csv, target: defaulted, id: loan_id, exclude: [notes] }
objective: { optimize: auc }
learners: [logistic]
${over}`;

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly args?: (dir: string) => string[];
  readonly message: RegExp;
}

const withColumn = (fn: (cells: string[], i: number) => string[]): string => csv.trim().split('\n').map((l, i) => fn(l.split(','), i).join(',')).join('\n') + '\n';

const cases: Case[] = [
  { name: 'missing spec file', files: {}, args: (d) => ['run', join(d, 'nope.yaml')], message: /nope\.yaml: spec file not found/ },
  { name: 'bad YAML', files: { 'g.yaml': 'name: [unclosed\n', 'loans.csv': csv }, message: /g\.yaml: not valid YAML/ },
  { name: 'unknown key', files: { 'g.yaml': spec('objectiv: {}'), 'loans.csv': csv }, message: /g\.yaml: objectiv: unknown key; did you mean 'objective'\?/ },
  { name: 'unknown metric', files: { 'g.yaml': spec().replace('optimize: auc', 'optimize: acu'), 'loans.csv': csv }, message: /objective\.optimize: unknown metric 'acu' for a binary task; did you mean 'auc'\? Known: auc, logloss/ },
  { name: 'missing data file', files: { 'g.yaml': spec() }, message: /loans\.csv: data file not found/ },
  { name: 'empty data file', files: { 'g.yaml': spec(), 'loans.csv': '' }, message: /loans\.csv: the file is empty/ },
  { name: 'missing target column', files: { 'g.yaml': spec().replace('target: defaulted', 'target: default'), 'loans.csv': csv }, message: /column 'default' named by data\.target is not in the data; columns: loan_id, age/ },
  { name: 'target with one class', files: { 'g.yaml': spec(), 'loans.csv': withColumn((c, i) => (i ? [...c.slice(0, -1), '0'] : c)) }, message: /target 'defaulted' has one class \(0\); a classifier needs at least two/ },
  { name: 'missing values in the target', files: { 'g.yaml': spec(), 'loans.csv': withColumn((c, i) => (i === 5 || i === 9 ? [...c.slice(0, -1), ''] : c)) }, message: /target 'defaulted' is missing in 2 rows \(first: data row 5\)/ },
  { name: 'numeric column with stray text', files: { 'g.yaml': spec(), 'loans.csv': withColumn((c, i) => (i === 17 ? [c[0], 'forty', ...c.slice(2)] : c)) }, message: /column 'age' is numeric but data row 17 has the text 'forty'/ },
  { name: 'split fractions', files: { 'g.yaml': spec('splits: { train: 0.5, trainDev: 0.1, eyeball: 0.1, blackbox: 0.1, test: 0.1 }'), 'loans.csv': csv }, message: /splits: fractions .* must sum to 1; they sum to 0\.9/ },
  { name: 'slice expression that does not parse', files: { 'g.yaml': spec('slices: [{ name: bad, where: "age <" }]'), 'loans.csv': csv }, message: /slices\[0\]\.where: cannot evaluate "age <": Parser Error/ },
  { name: 'slice on an unknown column', files: { 'g.yaml': spec('slices: [{ by: regio }]'), 'loans.csv': csv }, message: /slices\[0\]\.by: column 'regio' is not in the data/ },
  { name: 'unknown learner', files: { 'g.yaml': spec().replace('[logistic]', '[logistik]'), 'loans.csv': csv }, message: /learners\[0\]: unknown learner 'logistik'; did you mean 'logistic'\?/ },
  { name: 'bad learner parameter', files: { 'g.yaml': spec().replace('[logistic]', '[{ logistic: { C: -1 } }]'), 'loans.csv': csv }, message: /learners\[0\]\.logistic\.C: The 'C' parameter of logistic must be a float in the range \(0, inf\)\. Got -1 instead\./ },
];

test('bad input gives one clear line and exit code 2', { concurrency: 4 }, async (t) => {
  for (const c of cases) {
    await t.test(c.name, async () => {
      const dir = project(c.files);
      const r = await cli(c.args ? c.args(dir) : ['run', join(dir, 'g.yaml')], { cwd: dir });
      assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
      assert.match(r.stderr, c.message);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      const runs = await cli(['runs', '--json', '--store', `sqlite:${join(dir, '.gauntlet', 'gauntlet.db')}`]);
      const list = JSON.parse(runs.stdout) as { status: string }[];
      assert.ok(list.every((x) => x.status !== 'succeeded'), 'no run recorded as succeeded');
    });
  }
});

test('--debug adds the stack trace', async () => {
  const dir = project({ 'g.yaml': spec(), 'loans.csv': '' });
  const r = await cli(['run', join(dir, 'g.yaml'), '--debug'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /\n\s+at /);
});
