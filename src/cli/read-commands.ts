// `gauntlet runs` and `gauntlet show`: read the store and print.
import { writeFileSync, renameSync } from 'node:fs';
import { storeForReading } from './store-arg.ts';
import { table, num } from './format.ts';
import { SPLIT_NAMES } from '../spec/types.ts';
import { BadInputError } from '../util/errors.ts';
import type { Json, RunDetail, Store } from '../track/types.ts';
import type { Evaluation } from '../evaluate/document.ts';
import { renderRunSummary } from './print-run.ts';

interface ReadFlags {
  readonly json?: boolean;
  readonly store?: string;
}

async function withStore<T>(flag: string | undefined, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await storeForReading(flag);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function runsCommand(flags: ReadFlags & { limit: string }): Promise<void> {
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new BadInputError(`--limit must be a positive integer; got '${flags.limit}'`);
  await withStore(flags.store, async (store) => {
    const runs = await store.listRuns({ limit });
    if (flags.json) return void process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
    if (!runs.length) return void process.stdout.write(`no runs yet in ${store.uri}\n`);
    const rows = runs.map((r) => {
      const s = (r.summary ?? {}) as Record<string, Json>;
      return [r.id, r.startedAt.replace('T', ' ').slice(0, 19), r.status, r.specName, s.optimize ? `${s.optimize} ${num(s.blackbox as number)}` : '', String(s.selected ?? (r.error ? r.error.slice(0, 60) : ''))];
    });
    process.stdout.write(`${table(['run', 'started (UTC)', 'status', 'spec', 'blackbox', 'selected / error'], rows)}\n`);
  });
}

export async function showCommand(id: string, flags: ReadFlags & { splits?: string }): Promise<void> {
  await withStore(flags.store, async (store) => {
    const run = await store.getRun(id);
    if (!run) throw new BadInputError(`no run '${id}' in ${store.uri}; list runs with 'gauntlet runs'`);
    if (flags.splits) await exportSplits(store, run.id, flags.splits);
    const evaluation = (await store.getArtifact(run.id, 'evaluation')) as unknown as Evaluation | null;
    if (flags.json) return void process.stdout.write(`${JSON.stringify({ ...run, evaluation }, null, 2)}\n`);
    process.stdout.write(`${renderDetail(run, evaluation, store.uri)}\n`);
  });
}

async function exportSplits(store: Store, runId: string, file: string): Promise<void> {
  const assignment = await store.getSplits(runId);
  if (!assignment) throw new BadInputError(`run ${runId} recorded no split assignment (it failed before splitting)`);
  const lines = ['row,split'];
  for (let i = 0; i < assignment.length; i++) lines.push(`${i},${SPLIT_NAMES[assignment[i]] ?? 'none (deduplicated)'}`);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${lines.join('\n')}\n`);
  renameSync(tmp, file);
  process.stderr.write(`wrote ${assignment.length} rows' split assignment to ${file}\n`);
}

function renderDetail(run: RunDetail, e: Evaluation | null, storeUri: string): string {
  const out: string[] = [];
  out.push(`run ${run.id}  status ${run.status}  spec ${run.specName} (${run.specPath})`);
  out.push(`started ${run.startedAt}  ended ${run.endedAt ?? '-'}${run.error ? `\nerror: ${run.error}` : ''}`);
  out.push(`spec hash ${run.specHash}  success definition ${run.successHash}`);
  const lin = (run.lineage ?? {}) as Record<string, Json>;
  const git = lin.git as Record<string, Json> | null | undefined;
  out.push(`lineage: data snapshot ${String(lin.dataSnapshot ?? '-').slice(0, 16)}, feature set ${lin.featureSetVersion ?? '-'}, git ${git ? `${String(git.commit).slice(0, 12)}${git.dirty ? ' (dirty)' : ' (clean)'}` : 'none (not in a git repo)'}`);
  out.push(`steps: ${run.steps.map((s) => `${s.step} ${s.status} ${s.seconds.toFixed(2)}s`).join(', ')}`);
  out.push(`params: ${Object.entries(run.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
  out.push(`curves: ${run.curves.map((c) => `${c.model}/${c.name} (${c.steps.length} pts)`).join(', ') || 'none'}; samples: ${run.samples.length}; test accesses: ${run.testAccesses.map((t) => `${t.model} at ${t.at}`).join(', ') || 'none'}`);
  out.push(`artifacts: ${run.artifacts.join(', ')}`);
  if (e) out.push('', renderRunSummary(run.id, e, { storeUri, specName: run.specName }));
  return out.join('\n');
}
