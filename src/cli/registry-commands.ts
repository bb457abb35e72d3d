// `promote`, `rollback`, `registry` and `reproduce`: the champion/challenger registry and verified re-runs.
import { resolveCandidate, registryStore, specNameFor } from './resolve.ts';
import { storeForReading, storeForSpec } from './store-arg.ts';
import { table, num } from './format.ts';
import { loadCandidate } from '../candidate/load.ts';
import { run } from '../run/run.ts';
import { hashFile } from '../util/hash.ts';
import { metricRowsOf } from '../evaluate/document.ts';
import { BadInputError } from '../util/errors.ts';
import type { Spec } from '../spec/types.ts';
import type { Json, MetricRow } from '../track/types.ts';
import { existsSync } from 'node:fs';

interface Flags {
  readonly json?: boolean;
  readonly store?: string;
  readonly spec?: string;
}

export async function promoteCommand(candidate: string, flags: Flags & { as: string; reason?: string }): Promise<void> {
  if (flags.as !== 'champion' && flags.as !== 'challenger') throw new BadInputError(`--as must be 'champion' or 'challenger'; got '${flags.as}'`);
  const c = await resolveCandidate(candidate, flags.store);
  await loadCandidate(c.dir); // refuses a modified bundle before it can be promoted
  const store = await registryStore(flags.store, c);
  try {
    const version = (await store.listCandidates(c.specName)).find((x) => x.runId === c.runId && x.path === c.dir);
    if (!version) throw new BadInputError(`${c.dir} is not registered in ${store.uri}; promote it with the store its run used (--store)`);
    const before = await store.getAlias(c.specName, flags.as);
    await store.setAlias(c.specName, flags.as, version.id, flags.reason ?? `promoted from the CLI`);
    const msg = `${c.specName}: ${flags.as} → v${version.id} (run ${c.runId})${before ? `, was v${before.id}` : ''}`;
    process.stdout.write(flags.json ? `${JSON.stringify({ specName: c.specName, alias: flags.as, version: version.id, previous: before?.id ?? null })}\n` : `${msg}\n`);
  } finally {
    await store.close();
  }
}

export async function rollbackCommand(flags: Flags & { alias: string }): Promise<void> {
  const store = await registryStore(flags.store);
  try {
    const spec = await specNameFor(store, flags.spec);
    const before = await store.getAlias(spec, flags.alias);
    if (!before) throw new BadInputError(`${spec} has no ${flags.alias} to roll back; promote one first`);
    const history = await store.aliasHistory(spec, flags.alias);
    const undoable = history.filter((h) => h.action === 'set').length > history.filter((h) => h.action === 'rollback').length + 1;
    if (!undoable) throw new BadInputError(`${spec}: ${flags.alias} v${before.id} has no previous ${flags.alias} to roll back to; promote another candidate instead (gauntlet promote CANDIDATE)`);
    const now = await store.rollbackAlias(spec, flags.alias, 'rollback from the CLI');
    const out = { specName: spec, alias: flags.alias, from: before.id, to: now.id, runId: now.runId, path: now.path };
    process.stdout.write(flags.json ? `${JSON.stringify(out)}\n` : `${spec}: ${flags.alias} rolled back from v${before.id} to v${now.id} (run ${now.runId})\n`);
  } finally {
    await store.close();
  }
}

export async function registryCommand(flags: Flags): Promise<void> {
  const store = await registryStore(flags.store);
  try {
    const candidates = await store.listCandidates(flags.spec);
    const specs = [...new Set(candidates.map((c) => c.specName))];
    const history = (await Promise.all(specs.map((s) => store.aliasHistory(s)))).flat();
    if (flags.json) return void process.stdout.write(`${JSON.stringify({ candidates, history }, null, 2)}\n`);
    if (!candidates.length) return void process.stdout.write(`no candidates registered in ${store.uri}\n`);
    process.stdout.write(`${table(['spec', 'version', 'aliases', 'run', 'created (UTC)', 'path'], candidates.map((c) => [c.specName, `v${c.id}`, c.aliases.join(',') || '-', c.runId, c.createdAt.slice(0, 19).replace('T', ' '), c.path]))}\n`);
    if (history.length) {
      process.stdout.write(`\nalias history (oldest first):\n`);
      process.stdout.write(`${table(['at (UTC)', 'spec', 'alias', 'action', 'to', 'from', 'reason'], history.map((h) => [h.at.slice(0, 19).replace('T', ' '), h.specName, h.alias, h.action, `v${h.candidateId}`, h.previousCandidateId ? `v${h.previousCandidateId}` : '-', h.reason]))}\n`);
    }
  } finally {
    await store.close();
  }
}

export async function reproduceCommand(runArg: string, flags: Flags): Promise<void> {
  const store = await storeForReading(flags.store);
  let original;
  try {
    original = await store.getRun(runArg);
  } finally {
    await store.close();
  }
  if (!original) throw new BadInputError(`no run '${runArg}'; list runs with 'gauntlet runs'`);
  if (original.status !== 'succeeded') throw new BadInputError(`run ${original.id} ${original.status}; only a succeeded run can be reproduced`);
  const spec = original.spec as unknown as Spec;
  const lineage = (original.lineage ?? {}) as Record<string, Json>;
  if (!existsSync(spec.data.source)) throw new BadInputError(`${spec.data.source}: the run's data file is gone; restore it to reproduce run ${original.id}`);
  const snapshot = await hashFile(spec.data.source);
  if (snapshot !== lineage.dataSnapshot) {
    throw new BadInputError(`${spec.data.source}: data changed since run ${original.id} (snapshot ${String(lineage.dataSnapshot).slice(0, 12)}…, file now ${snapshot.slice(0, 12)}…); restore the original bytes to reproduce`);
  }
  const progress = flags.json ? undefined : (m: string) => process.stderr.write(`• ${m}\n`);
  const again = await run(spec, { store: storeForSpec(flags.store ?? (lineage.storeUri as string | undefined)), onProgress: progress, params: { reproduces: original.id } });
  const diff = diffMetrics(original.metrics, metricRowsOf(again.evaluation.models));
  const out = { original: original.id, reproduction: again.runId, compared: diff.compared, identical: diff.differences.length === 0, differences: diff.differences, missing: diff.missing };
  if (flags.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else {
    process.stdout.write(`reproduced run ${original.id} as ${again.runId}: ${diff.compared} metrics compared, ${diff.differences.length} differ, ${diff.missing.length} missing\n`);
    for (const d of diff.differences.slice(0, 20)) process.stdout.write(`  ${d.key}: ${num(d.original, 12)} → ${num(d.reproduced, 12)}\n`);
    process.stdout.write(diff.differences.length === 0 && diff.missing.length === 0 ? 'every metric identical\n' : 'NOT identical\n');
  }
  process.exitCode = diff.differences.length === 0 && diff.missing.length === 0 ? 0 : 1;
}

interface MetricDiff {
  readonly compared: number;
  readonly differences: { key: string; original: number; reproduced: number }[];
  readonly missing: string[];
}

/** Compare every (model, split, slice, metric) bit for bit; NaN equals NaN. The champion baseline may differ by design. */
function diffMetrics(a: readonly MetricRow[], b: readonly MetricRow[]): MetricDiff {
  const key = (r: MetricRow): string => `${r.model}/${r.split}${r.slice ? `/${r.slice}` : ''}/${r.metric}`;
  const other = new Map(b.map((r) => [key(r), r.value]));
  const differences: MetricDiff['differences'] = [];
  const missing: string[] = [];
  let compared = 0;
  for (const r of a) {
    if (r.model === 'champion') continue;
    const k = key(r);
    if (!other.has(k)) { missing.push(k); continue; }
    compared++;
    const v = other.get(k)!;
    if (!Object.is(v, r.value)) differences.push({ key: k, original: r.value, reproduced: v });
  }
  return { compared, differences, missing };
}
