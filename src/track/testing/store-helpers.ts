// Helpers shared by the Store contract suites: fresh stores, sample runs, error-code assertions.
import assert from 'node:assert/strict';
import type { Json, NewRun, Store } from '../types.ts';

export type MakeStore = () => Promise<Store>;

export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

export function newRun(specName = 'churn', spec: Json = { target: 'churned', optimize: 'auc' }): NewRun {
  return { specName, specPath: `/specs/${specName}/gauntlet.yaml`, specHash: `spec-${specName}`, successHash: `success-${specName}`, spec };
}

/** Run `body` against a fresh store, closing it afterwards. */
export async function withStore(makeStore: MakeStore, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await makeStore();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

export async function rejectsWithCode(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: { code?: string; message?: string }) => {
    assert.equal(err.code, code, `expected error code ${code}, got ${err.code}: ${err.message}`);
    if (message) assert.match(err.message ?? '', message);
    return true;
  });
}

