// The registry part of the Store contract: candidate versions per spec, alias moves, history and rollback.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../types.ts';
import { newRun, rejectsWithCode, withStore, type MakeStore } from './store-helpers.ts';

/** Register `n` candidates of `specName` from one run; returns the run id. */
async function registerMany(store: Store, specName: string, n: number): Promise<string> {
  const runId = await store.createRun(newRun(specName));
  for (let i = 1; i <= n; i++) {
    await store.registerCandidate({ runId, specName, path: `/bundles/${specName}/v${i}`, contentHash: `sha256:${specName}${i}` });
  }
  return runId;
}

function registerCandidates(makeStore: MakeStore): void {
  test('registerCandidate numbers versions 1, 2, 3… per spec; candidates read back exactly', () => withStore(makeStore, async (store) => {
    const runId = await store.createRun(newRun('churn'));
    const before = new Date().toISOString();
    const ids = [];
    for (const spec of ['churn', 'fraud', 'churn', 'churn', 'fraud']) {
      ids.push(await store.registerCandidate({ runId, specName: spec, path: `/b/${spec}/${ids.length}`, contentHash: `h${ids.length}` }));
    }
    assert.deepEqual(ids, [1, 1, 2, 3, 2]);
    const c = await store.getCandidate('churn', 2);
    assert.deepEqual({ ...c, createdAt: 'x' }, { specName: 'churn', id: 2, runId, path: '/b/churn/2', contentHash: 'h2', createdAt: 'x', aliases: [] });
    assert.ok(c && c.createdAt >= before);
    assert.equal(await store.getCandidate('churn', 9), null);
    assert.deepEqual((await store.listCandidates('churn')).map((x) => x.id), [1, 2, 3]);
    assert.deepEqual((await store.listCandidates()).map((x) => `${x.specName}:${x.id}`), ['churn:1', 'churn:2', 'churn:3', 'fraud:1', 'fraud:2']);
    assert.deepEqual(await store.listCandidates('none'), []);
  }));

  test('registerCandidate refuses unknown runs and empty fields', () => withStore(makeStore, async (store) => {
    await rejectsWithCode(store.registerCandidate({ runId: '20000101-000000-000000', specName: 's', path: '/p', contentHash: 'h' }), 'UNKNOWN_RUN');
    const runId = await store.createRun(newRun('s'));
    await rejectsWithCode(store.registerCandidate({ runId, specName: 's', path: '', contentHash: 'h' }), 'BAD_STORE_WRITE', /'path'/);
    assert.equal(await store.registerCandidate({ runId, specName: 's', path: '/p', contentHash: 'h' }), 1, 'failed attempts use no version');
  }));
}

function registerAliases(makeStore: MakeStore): void {
  test('setAlias points an alias, records each move with its previous target, and shows on candidates', () => withStore(makeStore, async (store) => {
    await registerMany(store, 'churn', 3);
    assert.equal(await store.getAlias('churn', 'champion'), null);
    await store.setAlias('churn', 'champion', 1, 'first model');
    await store.setAlias('churn', 'challenger', 2, 'beats v1 on blackbox');
    await store.setAlias('churn', 'champion', 2, 'promoted after shadow week');
    await store.setAlias('churn', 'champion', 2, 'same target: no move');
    await store.setAlias('churn', 'challenger', 3, 'new');
    assert.equal((await store.getAlias('churn', 'champion'))?.id, 2);
    assert.deepEqual((await store.getAlias('churn', 'challenger'))?.aliases, ['challenger']);
    assert.deepEqual((await store.listCandidates('churn')).map((c) => c.aliases), [[], ['champion'], ['challenger']]);
    const history = await store.aliasHistory('churn');
    assert.deepEqual(history.map((m) => [m.alias, m.candidateId, m.previousCandidateId, m.reason, m.action]), [
      ['champion', 1, null, 'first model', 'set'],
      ['challenger', 2, null, 'beats v1 on blackbox', 'set'],
      ['champion', 2, 1, 'promoted after shadow week', 'set'],
      ['challenger', 3, 2, 'new', 'set'],
    ]);
    assert.ok(history.every((m, i) => m.specName === 'churn' && (i === 0 || m.at >= history[i - 1].at)));
    assert.deepEqual((await store.aliasHistory('churn', 'challenger')).map((m) => m.candidateId), [2, 3]);
    assert.deepEqual(await store.aliasHistory('fraud'), []);
  }));

  test('setAlias refuses unknown candidates (naming the registered ones) and malformed aliases', () => withStore(makeStore, async (store) => {
    await registerMany(store, 'churn', 2);
    await rejectsWithCode(store.setAlias('churn', 'champion', 7, 'x'), 'UNKNOWN_CANDIDATE', /registered versions are 1, 2/);
    await rejectsWithCode(store.setAlias('fraud', 'champion', 1, 'x'), 'UNKNOWN_CANDIDATE', /none/);
    await rejectsWithCode(store.setAlias('churn', 'the champion', 1, 'x'), 'BAD_ALIAS');
    assert.deepEqual(await store.aliasHistory('churn'), []);
  }));

  test('rollbackAlias walks back through earlier targets, then refuses', () => withStore(makeStore, async (store) => {
    await registerMany(store, 'churn', 4);
    for (const id of [1, 2, 3]) await store.setAlias('churn', 'champion', id, `promote v${id}`);
    assert.equal((await store.rollbackAlias('churn', 'champion', 'v3 regressed on EU slice')).id, 2);
    assert.equal((await store.getAlias('churn', 'champion'))?.id, 2);
    await store.setAlias('churn', 'champion', 4, 'promote v4');
    assert.equal((await store.rollbackAlias('churn', 'champion')).id, 2, 'undoes v4, back to the target before it');
    assert.equal((await store.rollbackAlias('churn', 'champion')).id, 1, 'v3 was already undone: next is v1');
    await rejectsWithCode(store.rollbackAlias('churn', 'champion'), 'NOTHING_TO_ROLL_BACK', /points at candidate 1/);
    await rejectsWithCode(store.rollbackAlias('churn', 'challenger'), 'NOTHING_TO_ROLL_BACK', /never been set/);
    const moves = (await store.aliasHistory('churn', 'champion')).map((m) => [m.action, m.candidateId, m.previousCandidateId, m.reason]);
    assert.deepEqual(moves.slice(3), [
      ['rollback', 2, 3, 'v3 regressed on EU slice'], ['set', 4, 2, 'promote v4'],
      ['rollback', 2, 4, 'rollback from candidate 4'], ['rollback', 1, 2, 'rollback from candidate 2'],
    ]);
    assert.equal((await store.getAlias('churn', 'champion'))?.id, 1);
  }));
}

export function registerRegistryContract(makeStore: MakeStore): void {
  registerCandidates(makeStore);
  registerAliases(makeStore);
}
