// Spec validation: the example works verbatim; every mistake names the key path and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from './load.ts';
import { parse } from 'yaml';
import { DEMO_SPEC } from '../demo/generate.ts';
import { successDefinition, successHash, specHash } from './success.ts';
import { SpecError } from '../util/errors.ts';

const file = '/project/gauntlet.yaml';
const base = (): Record<string, unknown> => parse(DEMO_SPEC) as Record<string, unknown>;

function errorOf(raw: unknown): string {
  try {
    parseSpec(raw, file);
  } catch (e) {
    assert.ok(e instanceof SpecError, `expected SpecError, got ${e}`);
    assert.equal((e as SpecError).exitCode, 2);
    return (e as Error).message;
  }
  assert.fail('expected a SpecError');
}

test('the example spec parses verbatim with its values', () => {
  const s = parseSpec(base(), file);
  assert.equal(s.name, 'loans');
  assert.equal(s.data.source, '/project/loans.csv');
  assert.deepEqual(s.data.exclude, ['notes']);
  assert.equal(s.task, 'binary');
  assert.equal(s.objective.optimize, 'auc');
  assert.deepEqual(s.objective.constraints.map((c) => [c.metric, c.max, c.split]), [['latency_p99_ms', 5, 'blackbox'], ['model_size_mb', 50, 'blackbox'], ['ece', 0.05, 'blackbox']]);
  assert.deepEqual(s.splits.fractions, { train: 0.6, trainDev: 0.05, eyeball: 0.05, blackbox: 0.15, test: 0.15 });
  assert.equal(s.splits.seed, 7);
  assert.deepEqual(s.slices.map((x) => x.name), ['young', 'region']);
  assert.deepEqual(s.learners, [{ name: 'logistic', params: {}, keyPath: 'learners[0]' }]);
});

test('unknown keys get a did-you-mean with the key path', () => {
  const raw = base();
  (raw.objective as Record<string, unknown>).optimise = 'auc';
  assert.match(errorOf(raw), /^gauntlet\.yaml: objective\.optimise: unknown key; did you mean 'optimize'\?/);
  const r2 = base();
  r2.splitz = {};
  assert.match(errorOf(r2), /splitz: unknown key; did you mean 'splits'\?/);
});

test('split fractions must sum to 1', () => {
  const raw = base();
  (raw.splits as Record<string, number>).test = 0.1;
  assert.match(errorOf(raw), /splits: fractions .* must sum to 1; they sum to 0\.95/);
});

test('missing required keys and bad types name the key', () => {
  const raw = base();
  delete (raw.data as Record<string, unknown>).target;
  assert.match(errorOf(raw), /data\.target: is required/);
  const r2 = base();
  r2.task = 'binay';
  assert.match(errorOf(r2), /task: unknown value 'binay'; did you mean 'binary'\?/);
  const r3 = base();
  (r3.data as Record<string, unknown>).source = 'loans.xlsx';
  assert.match(errorOf(r3), /data\.source: unsupported file type/);
  const r4 = base();
  r4.slices = [{ name: 'x' }];
  assert.match(errorOf(r4), /slices\[0\]: a slice needs 'where/);
});

test('the success definition hash changes with a threshold and not with a slice', () => {
  const a = parseSpec(base(), file);
  const raw = base();
  ((raw.objective as Record<string, unknown>).constraints as Record<string, number>[])[2].max = 0.04;
  const b = parseSpec(raw, file);
  assert.notEqual(successHash(successDefinition(a, 'binary')), successHash(successDefinition(b, 'binary')));
  const r2 = base();
  r2.slices = [];
  const c = parseSpec(r2, file);
  assert.equal(successHash(successDefinition(a, 'binary')), successHash(successDefinition(c, 'binary')));
  assert.notEqual(specHash(a), specHash(c));
  assert.equal(specHash(a), specHash(parseSpec(base(), '/elsewhere/gauntlet.yaml')));
});
