// The Store contract suite: every backend runs these node:test cases (runs, logs, exact values, prefixes, registry, concurrency).
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { Rng } from '../../util/rng.ts';
import type { Json, MetricRow, Store } from '../types.ts';
import { registerRegistryContract } from './store-contract-registry.ts';
import { newRun, rejectsWithCode, RUN_ID_PATTERN, withStore, type MakeStore } from './store-helpers.ts';

export interface StoreContractOptions {
  /** a second handle on the same database as `store`; without it the two-handle concurrency case is skipped */
  readonly reopen?: (store: Store) => Promise<Store>;
}

/** Doubles that SQL columns and drivers tend to mangle. */
const AWKWARD_VALUES = [0.1 + 0.2, 1 / 3, -0, 0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, 2 ** 70, 1e-300,
  NaN, Infinity, -Infinity, 42];

function awkwardMetrics(): MetricRow[] {
  return AWKWARD_VALUES.map((value, i) => ({ model: 'logistic', split: i % 2 ? 'blackbox' : 'trainDev', metric: `m${i}`, value, slice: i % 3 ? '' : 'region=eu' }));
}

function assertSameNumbers(actual: readonly number[], expected: readonly number[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((v, i) => assert.ok(Object.is(actual[i], v), `value ${i}: expected ${v} (Object.is), got ${actual[i]}`));
}

function registerRunLifecycle(makeStore: MakeStore): void {
  test('createRun: a running run with every field read back exactly', () => withStore(makeStore, async (store) => {
    const before = new Date().toISOString();
    const id = await store.createRun(newRun('churn', { target: 'y', nested: { list: [1, 'a', null, true] } }));
    assert.match(id, RUN_ID_PATTERN);
    const run = await store.getRun(id);
    assert.ok(run);
    assert.deepEqual({ ...run, startedAt: 'x' }, {
      id, specName: 'churn', status: 'running', startedAt: 'x', endedAt: null, successHash: 'success-churn', summary: null, error: null,
      specPath: '/specs/churn/gauntlet.yaml', specHash: 'spec-churn', spec: { target: 'y', nested: { list: [1, 'a', null, true] } },
      params: {}, lineage: null, steps: [], metrics: [], curves: [], samples: [], testAccesses: [], artifacts: [],
    });
    assert.ok(run.startedAt >= before && Date.parse(run.startedAt) <= Date.now() + 1000, `startedAt ${run.startedAt}`);
  }));

  test('finishRun: succeeded, failed and interrupted record status, summary, error and end time', () => withStore(makeStore, async (store) => {
    const [a, b, c] = [await store.createRun(newRun()), await store.createRun(newRun()), await store.createRun(newRun())];
    await store.finishRun(a, 'succeeded', { optimize: 'auc', blackbox: 0.91, selected: 'logistic' });
    await store.finishRun(b, 'failed', null, 'DataError: data.csv: column "y" is missing');
    await store.finishRun(c, 'interrupted', { partial: true });
    const [ra, rb, rc] = [await store.getRun(a), await store.getRun(b), await store.getRun(c)];
    assert.deepEqual([ra?.status, ra?.summary, ra?.error], ['succeeded', { optimize: 'auc', blackbox: 0.91, selected: 'logistic' }, null]);
    assert.deepEqual([rb?.status, rb?.summary, rb?.error], ['failed', null, 'DataError: data.csv: column "y" is missing']);
    assert.deepEqual([rc?.status, rc?.summary], ['interrupted', { partial: true }]);
    assert.ok(ra?.endedAt && ra.endedAt >= ra.startedAt);
  }));

  test('finishRun: a run leaves running exactly once; unknown runs and statuses are refused', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    await store.finishRun(id, 'succeeded', null);
    await rejectsWithCode(store.finishRun(id, 'failed', null, 'late'), 'RUN_ALREADY_FINISHED', /already 'succeeded'/);
    assert.equal((await store.getRun(id))?.status, 'succeeded');
    await rejectsWithCode(store.finishRun('20000101-000000-000000', 'failed', null), 'UNKNOWN_RUN');
    const other = await store.createRun(newRun());
    await rejectsWithCode(store.finishRun(other, 'running' as 'failed', null), 'BAD_STORE_WRITE');
    assert.equal((await store.getRun(other))?.status, 'running');
  }));

  test('listRuns: newest first, with limit, spec and status filters', () => withStore(makeStore, async (store) => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await store.createRun(newRun(i % 2 ? 'fraud' : 'churn')));
    await store.finishRun(ids[1], 'succeeded', null);
    const all = await store.listRuns();
    assert.deepEqual(all.map((r) => r.id), [...ids].reverse());
    assert.deepEqual([...ids].sort().reverse(), [...ids].reverse(), 'ids sort in creation order');
    assert.deepEqual((await store.listRuns({ limit: 2 })).map((r) => r.id), [ids[4], ids[3]]);
    assert.deepEqual((await store.listRuns({ specName: 'fraud' })).map((r) => r.id), [ids[3], ids[1]]);
    assert.deepEqual((await store.listRuns({ status: 'succeeded' })).map((r) => r.id), [ids[1]]);
    assert.deepEqual((await store.listRuns({ specName: 'none' })), []);
    assert.deepEqual(Object.keys(all[0]).sort(), ['endedAt', 'error', 'id', 'specName', 'startedAt', 'status', 'successHash', 'summary']);
  }));

  test('getRun: a unique prefix finds the run; an ambiguous one lists the matches; no match is null', () => withStore(makeStore, async (store) => {
    const ids = [await store.createRun(newRun()), await store.createRun(newRun())];
    assert.equal((await store.getRun(ids[0]))?.id, ids[0]);
    assert.equal((await store.getRun(ids[1].slice(0, 20)))?.id, ids[1], 'a 20-character prefix is unique here');
    assert.equal((await store.getRun(ids[1].toUpperCase()))?.id, ids[1], 'prefixes are case-insensitive');
    await rejectsWithCode(store.getRun(ids[0].slice(0, 8)), 'AMBIGUOUS_RUN_ID', new RegExp(`${ids[0]}.*${ids[1]}|${ids[1]}.*${ids[0]}`));
    assert.equal(await store.getRun('19990101'), null);
    assert.equal(await store.getRun('%'), null);
    assert.equal(await store.getRun(''), null);
  }));
}

function registerLogs(makeStore: MakeStore): void {
  test('logParams merges keys (later values win); setLineage overwrites', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    await store.logParams(id, { 'learner.logistic.C': 1, 'seed.splits': 7, tags: ['a', 'b'] });
    await store.logParams(id, { 'learner.logistic.C': 0.25, 'learner.gbdt': { depth: 6, lr: 0.1 }, flag: false, none: null });
    await store.setLineage(id, { commit: 'abc', dirty: true });
    await store.setLineage(id, { commit: 'def', dirty: false, snapshot: 'sha256:01' });
    const run = await store.getRun(id);
    assert.deepEqual(run?.params, {
      'learner.logistic.C': 0.25, 'seed.splits': 7, tags: ['a', 'b'], 'learner.gbdt': { depth: 6, lr: 0.1 }, flag: false, none: null,
    });
    assert.deepEqual(run?.lineage, { commit: 'def', dirty: false, snapshot: 'sha256:01' });
  }));

  test('logStep keeps order, detail and seconds', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    const steps = [
      { step: 'load', status: 'ok' as const, detail: { rows: 1000 }, seconds: 0.125 },
      { step: 'split', status: 'skipped' as const, detail: null, seconds: 0 },
      { step: 'load', status: 'failed' as const, detail: 'retry', seconds: 1.5 },
    ];
    for (const s of steps) await store.logStep(id, s);
    assert.deepEqual((await store.getRun(id))?.steps, steps);
  }));

  test('logMetrics: exact doubles including NaN, ±Infinity and -0; later rows of a key win', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    const rows = awkwardMetrics();
    await store.logMetrics(id, rows);
    await store.logMetrics(id, [{ model: 'logistic', split: 'trainDev', metric: 'm0', value: 0.5, slice: 'region=eu' },
      { model: 'ridge', split: 'test', metric: 'auc', value: 0.7 }, { model: 'ridge', split: 'test', metric: 'auc', value: 0.8 }]);
    const got = (await store.getRun(id))?.metrics ?? [];
    const byKey = new Map(got.map((m) => [`${m.model}/${m.split}/${m.slice}/${m.metric}`, m.value]));
    assert.equal(got.length, rows.length + 1);
    assert.ok(got.every((m) => typeof m.slice === 'string'));
    const expected = rows.map((r, i) => (i === 0 ? 0.5 : r.value));
    assertSameNumbers(rows.map((r) => byKey.get(`${r.model}/${r.split}/${r.slice}/${r.metric}`)!), expected);
    assert.equal(byKey.get('ridge/test//auc'), 0.8);
  }));

  test('logCurves: float arrays round trip exactly, NaN included; same name overwrites', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    await store.logCurves(id, [{ model: 'gbdt', name: 'loss', steps: [0, 1, 2], values: [0.7, NaN, 0.1 + 0.2] }]);
    await store.logCurves(id, [{ model: 'gbdt', name: 'auc', steps: [1, 10], values: [0.5, Infinity] },
      { model: 'gbdt', name: 'loss', steps: [0, 1], values: [0.69, -0] }]);
    const curves = (await store.getRun(id))?.curves ?? [];
    assert.deepEqual(curves.map((c) => c.name), ['loss', 'auc']);
    assertSameNumbers(curves[0].values, [0.69, -0]);
    assertSameNumbers(curves[1].values, [0.5, Infinity]);
    assert.deepEqual(curves[1].steps, [1, 10]);
    await rejectsWithCode(store.logCurves(id, [{ model: 'm', name: 'bad', steps: [1], values: [] }]), 'BAD_STORE_WRITE', /same length/);
  }));

  test('logSamples: rows, order and JSON data; same (model, split, row) overwrites', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    const samples = [
      { model: 'logistic', split: 'eyeball', row: 17, data: { y: 1, p: 0.83, x: { age: 40, city: 'Zürich' } } },
      { model: 'logistic', split: 'eyeball', row: 3, data: [1, 2, 3] },
    ];
    await store.logSamples(id, samples);
    await store.logSamples(id, [{ model: 'logistic', split: 'eyeball', row: 3, data: 'replaced' }]);
    assert.deepEqual((await store.getRun(id))?.samples, [samples[0], { ...samples[1], data: 'replaced' }]);
  }));

  test('logSplits: 100k split indices round trip; a view into a larger buffer is stored by its own bytes', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    assert.equal(await store.getSplits(id), null);
    const rng = new Rng(11);
    const backing = new Uint8Array(100_010);
    for (let i = 0; i < backing.length; i++) backing[i] = rng.int(5);
    const splits = backing.subarray(5, 100_005);
    await store.logSplits(id, splits);
    const got = await store.getSplits(id);
    assert.ok(got instanceof Uint8Array);
    assert.equal(got.length, 100_000);
    assert.deepEqual(got, new Uint8Array(splits));
    await store.logSplits(id, new Uint8Array([4, 0, 1]));
    assert.deepEqual(await store.getSplits(id), new Uint8Array([4, 0, 1]));
  }));

  test('recordTestAccess keeps every access, in order, with a time', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    await store.recordTestAccess(id, 'logistic', 'final evaluation');
    await store.recordTestAccess(id, 'logistic', 'final evaluation');
    await store.recordTestAccess(id, 'gbdt', 'gate');
    const accesses = (await store.getRun(id))?.testAccesses ?? [];
    assert.deepEqual(accesses.map((a) => [a.model, a.purpose]), [['logistic', 'final evaluation'], ['logistic', 'final evaluation'], ['gbdt', 'gate']]);
    assert.ok(accesses.every((a) => !Number.isNaN(Date.parse(a.at))));
    assert.ok(accesses[0].at <= accesses[2].at);
  }));

  test('artifacts: JSON documents round trip, overwrite by name, listed by name; missing is null', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    const evaluation: Json = { version: 1, metrics: { auc: 0.91, ece: 0.02 }, slices: [{ name: 'eu', n: 120 }], note: 'naïve "quoted"\n' };
    await store.putArtifact(id, 'evaluation', evaluation);
    await store.putArtifact(id, 'model:logistic', { coef: [0.5, -1.25], intercept: 0 });
    await store.putArtifact(id, 'model:logistic', { coef: [0.75], intercept: 1 });
    assert.deepEqual(await store.getArtifact(id, 'evaluation'), evaluation);
    assert.deepEqual(await store.getArtifact(id, 'model:logistic'), { coef: [0.75], intercept: 1 });
    assert.equal(await store.getArtifact(id, 'pipeline'), null);
    assert.deepEqual((await store.getRun(id))?.artifacts, ['evaluation', 'model:logistic']);
  }));
}

function registerBatches(makeStore: MakeStore): void {
  test('logBatch writes every kind of row at once', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    await store.logBatch(id, {
      params: { seed: 1 }, lineage: { commit: 'abc' }, steps: [{ step: 'fit', status: 'ok', detail: null, seconds: 2 }],
      metrics: [{ model: 'm', split: 'blackbox', metric: 'auc', value: 0.9 }], curves: [{ model: 'm', name: 'loss', steps: [1], values: [0.3] }],
      samples: [{ model: 'm', split: 'eyeball', row: 0, data: { y: 0 } }], splits: new Uint8Array([0, 1, 2]),
      testAccesses: [{ model: 'm', purpose: 'gate' }], artifacts: { evaluation: { ok: true } },
    });
    const run = await store.getRun(id);
    assert.deepEqual([run?.params, run?.lineage, run?.steps.length, run?.metrics, run?.curves.length, run?.samples.length, run?.testAccesses.length, run?.artifacts],
      [{ seed: 1 }, { commit: 'abc' }, 1, [{ model: 'm', split: 'blackbox', metric: 'auc', value: 0.9, slice: '' }], 1, 1, 1, ['evaluation']]);
    assert.deepEqual(await store.getSplits(id), new Uint8Array([0, 1, 2]));
  }));

  test('a batch is all or nothing: a bad row or an unknown run writes nothing', () => withStore(makeStore, async (store) => {
    const id = await store.createRun(newRun());
    const bad = [{ model: 'm', split: 's', metric: 'ok', value: 1 }, { model: 'm', split: 's', metric: 'bad', value: '0.5' as unknown as number }];
    await rejectsWithCode(store.logBatch(id, { params: { a: 1 }, metrics: bad }), 'BAD_STORE_WRITE', /metrics\[1\].*'value' must be a number/);
    await rejectsWithCode(store.logMetrics('20000101-000000-000000', [bad[0]]), 'UNKNOWN_RUN', /createRun/);
    const run = await store.getRun(id);
    assert.deepEqual([run?.params, run?.metrics], [{}, []]);
  }));
}

function registerConcurrency(makeStore: MakeStore, opts: StoreContractOptions): void {
  const writeConcurrently = async (a: Store, b: Store): Promise<void> => {
    const shared = await a.createRun(newRun('shared'));
    const writer = (store: Store, tag: string) => (async () => {
      const own = await store.createRun(newRun(tag));
      await Promise.all(Array.from({ length: 20 }, (_, k) => Promise.all([
        store.logMetrics(shared, Array.from({ length: 50 }, (_, i) => ({ model: tag, split: `b${k}`, metric: `m${i}`, value: k * 100 + i }))),
        store.logMetrics(own, [{ model: tag, split: 's', metric: `k${k}`, value: k }]),
        store.logStep(shared, { step: `${tag}-${k}`, status: 'ok', detail: null, seconds: k }),
      ])));
      return own;
    })();
    const [ownA, ownB] = await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    const run = await a.getRun(shared);
    assert.equal(run?.metrics.length, 2 * 20 * 50);
    assert.equal(run?.steps.length, 40);
    assert.equal(new Set(run?.steps.map((s) => s.step)).size, 40);
    assert.equal((await b.getRun(ownA))?.metrics.length, 20);
    assert.equal((await a.getRun(ownB))?.metrics.length, 20);
    assert.equal((await b.listRuns()).length, 3);
  };

  test('concurrent writes through one handle lose no rows', () => withStore(makeStore, (store) => writeConcurrently(store, store)));

  test('concurrent writes through two handles on the same database lose no rows', async (t: TestContext) => {
    if (!opts.reopen) { t.skip('this backend cannot open a second handle on the same database (e.g. in-memory)'); return; }
    const reopen = opts.reopen;
    await withStore(makeStore, async (a) => {
      const b = await reopen(a);
      try {
        await writeConcurrently(a, b);
        const run = await a.createRun(newRun('registry'));
        const versions = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).registerCandidate({
          runId: run, specName: 'registry', path: `/c/${i}`, contentHash: `h${i}`,
        })));
        assert.deepEqual([...versions].sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      } finally {
        await b.close();
      }
    });
  });
}

/** Register the whole contract as a node:test suite named after the backend. */
export function runStoreContract(name: string, makeStore: MakeStore, opts: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    registerRunLifecycle(makeStore);
    registerLogs(makeStore);
    registerBatches(makeStore);
    registerRegistryContract(makeStore);
    registerConcurrency(makeStore, opts);
  });
}
