// The SQLite store: the shared Store contract on a temp file and in memory, plus URIs, migrations and write speed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { BadInputError } from '../util/errors.ts';
import { defaultStoreUri, openStore } from './open.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { runStoreContract } from './testing/store-contract.ts';
import { newRun, rejectsWithCode } from './testing/store-helpers.ts';
import type { MetricRow, SampleRow } from './types.ts';

const root = mkdtempSync(join(tmpdir(), 'gauntlet-track-'));
after(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
const freshFile = (): string => join(root, `db${++files}`, 'gauntlet.db');

runStoreContract('sqlite (temp file)', () => openStore(`sqlite:${freshFile()}`), { reopen: (store) => openStore(store.uri) });
runStoreContract('sqlite (:memory:)', () => openStore('sqlite::memory:'));

describe('openStore', () => {
  test('sqlite:<path> creates parent folders, uses WAL, and reopens with the data intact', async () => {
    const file = join(root, 'nested', 'deeper', 'g.db');
    const store = await openStore(`sqlite:${file}`);
    assert.equal(store.uri, `sqlite:${file}`);
    const id = await store.createRun(newRun());
    assert.ok(existsSync(`${file}-wal`), 'a write-ahead log sits beside the database');
    await store.close();
    const again = await openStore(`sqlite:${file}`);
    assert.equal((await again.getRun(id))?.status, 'running');
    await again.close();
    const raw = new Database(file);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(raw.prepare('select version from schema_version order by version').all(), [{ version: SCHEMA_VERSION }]);
    raw.close();
  });

  test('relative paths and SQLAlchemy-style sqlite:/// URIs resolve against the working directory', async () => {
    const store = await openStore(`sqlite:////${join(root, 'alchemy.db').slice(1)}`);
    assert.equal(store.uri, `sqlite:${join(root, 'alchemy.db')}`);
    await store.close();
    const rel = await openStore('sqlite:///' + join('.', 'relative-test.db'));
    assert.equal(rel.uri, `sqlite:${join(process.cwd(), 'relative-test.db')}`);
    await rel.close();
    rmSync(join(process.cwd(), 'relative-test.db'), { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(join(process.cwd(), `relative-test.db${suffix}`), { force: true });
  });

  test('a database from a newer Gauntlet is refused with the versions named', async () => {
    const file = freshFile();
    await (await openStore(`sqlite:${file}`)).close();
    const raw = new Database(file);
    raw.prepare('insert into schema_version (version, applied_at) values (?, ?)').run(SCHEMA_VERSION + 1, 'later');
    raw.close();
    await rejectsWithCode(openStore(`sqlite:${file}`), 'STORE_TOO_NEW', new RegExp(`version ${SCHEMA_VERSION} or older.*version ${SCHEMA_VERSION + 1}`));
  });

  test('unknown and not-yet-available schemes are bad input naming the URI and the supported schemes', async () => {
    for (const [uri, why] of [['mysql://db/x', /unknown scheme 'mysql'/], ['postgres://localhost/g', /not yet available/], ['gauntlet.db', /scheme/]] as const) {
      await assert.rejects(openStore(uri), (err: Error) => {
        assert.ok(err instanceof BadInputError);
        assert.match(err.message, new RegExp(uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
        assert.match(err.message, why);
        assert.match(err.message, /sqlite:<path>.*sqlite::memory:/);
        return true;
      });
    }
    await rejectsWithCode(openStore('sqlite:'), 'BAD_STORE_URI', /must name a database file/);
  });

  test('defaultStoreUri is <specDir>/.gauntlet/gauntlet.db unless GAUNTLET_STORE says otherwise', () => {
    assert.equal(defaultStoreUri('/srv/project', {}), 'sqlite:/srv/project/.gauntlet/gauntlet.db');
    assert.equal(defaultStoreUri('/srv/project', { GAUNTLET_STORE: 'sqlite::memory:' }), 'sqlite::memory:');
    assert.equal(defaultStoreUri('/srv/project', { GAUNTLET_STORE: ' ' }), 'sqlite:/srv/project/.gauntlet/gauntlet.db');
    assert.equal(defaultStoreUri('rel', {}), `sqlite:${join(process.cwd(), 'rel', '.gauntlet', 'gauntlet.db')}`);
  });
});

/** Start the writer process; resolves with its exit promise once it has opened the store. */
function startWriter(args: readonly string[]): Promise<Promise<number>> {
  const script = fileURLToPath(new URL('./testing/concurrent-writer.ts', import.meta.url));
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? -1)));
  return new Promise((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) ready(exited); });
    exited.then((code) => fail(new Error(`writer exited with ${code} before it was ready`)));
  });
}

describe('sqlite store across processes', () => {
  test('two processes writing batches to one run at once lose no rows', async () => {
    const uri = `sqlite:${freshFile()}`;
    const store = await openStore(uri);
    try {
      const runId = await store.createRun(newRun());
      const [batches, rows] = [40, 250];
      const exited = await startWriter([uri, runId, 'child', String(batches), String(rows)]);
      for (let k = 0; k < batches; k++) {
        await store.logMetrics(runId, Array.from({ length: rows }, (_, i) => ({ model: 'parent', split: `b${k}`, metric: `m${i}`, value: i })));
        await store.logStep(runId, { step: `parent-${k}`, status: 'ok', detail: null, seconds: 0 });
      }
      assert.equal(await exited, 0);
      const run = await store.getRun(runId);
      assert.equal(run?.metrics.length, 2 * batches * rows);
      assert.equal(run?.steps.length, 2 * batches);
    } finally {
      await store.close();
    }
  });
});

function metricRows(n: number): MetricRow[] {
  return Array.from({ length: n }, (_, i) => ({ model: `m${i % 10}`, split: 'blackbox', metric: `auc${Math.floor(i / 10)}`, value: i / 7, slice: i % 3 ? '' : 'eu' }));
}

function sampleRows(n: number): SampleRow[] {
  return Array.from({ length: n }, (_, i) => ({ model: 'gbdt', split: 'eyeball', row: i, data: { y: i % 2, p: (i % 97) / 97, x: { age: 30 + (i % 40), city: 'Basel' } } }));
}

/** CPU time of one call (better-sqlite3 works on this thread, so it includes SQLite's work); wall time is reported too. */
async function timed(label: string, diagnostic: (msg: string) => void, body: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await body();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  diagnostic(`${label}: ${wall.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);
  return cpuMs;
}

describe('sqlite store write speed', () => {
  // Typically ~0.5 s for the metrics and ~0.25 s for the samples; CPU time, not wall time, so a busy CI machine does not flake it.
  const budgetMs = 1_500;
  test('100k metric rows and 50k samples each write in one batch within budget', async (t) => {
    const store = await openStore(`sqlite:${freshFile()}`);
    try {
      const id = await store.createRun(newRun());
      const [metrics, samples] = [metricRows(100_000), sampleRows(50_000)];
      const metricMs = await timed('logMetrics 100k rows', (m) => t.diagnostic(m), () => store.logMetrics(id, metrics));
      const sampleMs = await timed('logSamples 50k rows', (m) => t.diagnostic(m), () => store.logSamples(id, samples));
      await timed('getRun (100k metrics + 50k samples)', (m) => t.diagnostic(m), async () => {
        const run = await store.getRun(id);
        assert.deepEqual([run?.metrics.length, run?.samples.length], [100_000, 50_000]);
        assert.deepEqual(run?.metrics[99_999], metrics[99_999]);
        assert.deepEqual(run?.samples[49_999], samples[49_999]);
      });
      assert.ok(metricMs < budgetMs && sampleMs < budgetMs, `writes took ${metricMs.toFixed(0)} and ${sampleMs.toFixed(0)} ms of CPU`);
    } finally {
      await store.close();
    }
  });
});
