// `predict`, `evaluate` and `gate`: thin wrappers over loadCandidate, evaluate() and the stored verdict.
import { writeFileSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCandidate } from '../candidate/load.ts';
import { loadData } from '../data/load.ts';
import { cellValue, type Column } from '../data/table.ts';
import { evaluateSplit } from '../evaluate/evaluate.ts';
import { renderVerdict } from '../candidate/gate-render.ts';
import type { Verdict } from '../candidate/types.ts';
import { resolveCandidate } from './resolve.ts';
import { storeForReading } from './store-arg.ts';
import { table, num } from './format.ts';
import { BadInputError, DataError } from '../util/errors.ts';

interface Flags {
  readonly json?: boolean;
  readonly store?: string;
  readonly strict?: boolean;
}

export async function predictCommand(candidate: string, input: string, flags: Flags & { out?: string }): Promise<void> {
  const c = await loadCandidate((await resolveCandidate(candidate, flags.store)).dir);
  const data = await loadData(input, { strayText: 'keep' });
  data.sql.close();
  const raw = c.predictTable(data.table, { strict: flags.strict, source: basename(input) });
  const outs = c.toOutputs(raw);
  const names = c.signature.outputs.map((o) => o.name);
  const idCol = c.schema.id ? data.table.columns.find((col) => col.name === c.schema.id) : undefined;
  const header = [...(idCol ? [idCol.name] : []), ...names];
  const lines = [header.map(csvCell).join(',')];
  outs.forEach((o, i) => lines.push([...(idCol ? [cellValue(idCol, i)] : []), ...names.map((n) => o[n])].map(csvCell).join(',')));
  const text = `${lines.join('\n')}\n`;
  if (!flags.out) return void process.stdout.write(text);
  const tmp = `${flags.out}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, flags.out);
  process.stderr.write(`wrote ${outs.length} predictions (${header.join(', ')}) to ${flags.out}\n`);
}

export async function evaluateCommand(candidate: string, input: string, flags: Flags): Promise<void> {
  const c = await loadCandidate((await resolveCandidate(candidate, flags.store)).dir);
  const data = await loadData(input, { strayText: 'keep' });
  data.sql.close();
  const target = c.evaluation.target;
  const col = data.table.columns.find((x) => x.name === target);
  if (!col) throw new DataError(`${basename(input)}: has no target column '${target}'; evaluate needs labeled rows`);
  const y = encodeLabels(col, c.signature.task, c.signature.classes, basename(input));
  const pred = c.predictTable(data.table, { strict: flags.strict, source: basename(input) });
  const rows = Int32Array.from({ length: data.table.nRows }, (_, i) => i);
  const k = c.signature.task === 'multiclass' ? c.signature.classes.length : 2;
  const e = evaluateSplit({ rows, y, pred }, { task: c.signature.task, nClasses: c.signature.task === 'regression' ? 1 : k, ciMetrics: [c.evaluation.optimize], bootstrap: 1000, seed: 0, slices: [], minSliceRows: 30 });
  if (flags.json) return void process.stdout.write(`${JSON.stringify({ candidate: c.dir, file: input, n: e.n, metrics: e.metrics, ci: e.ci, reliability: e.reliability ?? null }, null, 2)}\n`);
  const ci = e.ci[c.evaluation.optimize];
  process.stdout.write(`${basename(input)}: ${e.n} rows scored by ${c.manifest.model} (run ${c.manifest.runId})\n`);
  process.stdout.write(`${table(['metric', 'value'], Object.entries(e.metrics).map(([k2, v]) => [k2 + (k2 === c.evaluation.optimize ? ' *' : ''), num(v)]))}\n`);
  if (ci) process.stdout.write(`* optimizing metric, 95% bootstrap CI [${num(ci.low)}, ${num(ci.high)}]\n`);
}

/** Labels in a file → the encoding the model was trained with (class index by label text). */
function encodeLabels(c: Column, task: string, classes: readonly string[], file: string): Float64Array {
  const n = c.kind === 'numeric' ? c.values.length : c.codes.length;
  const y = new Float64Array(n);
  const index = new Map(classes.map((k, i) => [k, i]));
  for (let i = 0; i < n; i++) {
    const v = cellValue(c, i);
    if (v === null) throw new DataError(`${file}: row ${i + 1}, column '${c.name}': label is missing; evaluate needs every row labeled`);
    if (task === 'regression') y[i] = Number(v);
    else {
      const k = index.get(String(v));
      if (k === undefined) throw new DataError(`${file}: row ${i + 1}, column '${c.name}': label '${v}' is not a class the model knows (${classes.join(', ')})`);
      y[i] = k;
    }
  }
  return y;
}

export async function gateCommand(target: string, flags: Flags): Promise<void> {
  const verdict = await findVerdict(target, flags.store);
  if (flags.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  else process.stdout.write(renderVerdict(verdict));
  process.exitCode = verdict.ready ? 0 : 1;
}

async function findVerdict(target: string, storeFlag: string | undefined): Promise<Verdict> {
  const resolved = await resolveCandidate(target, storeFlag).catch(() => null);
  if (resolved) {
    const c = await loadCandidate(resolved.dir);
    if (c.verdict) return c.verdict;
  }
  const store = await storeForReading(storeFlag);
  try {
    const run = await store.getRun(target);
    if (!run) throw new BadInputError(`'${target}' is neither a candidate bundle nor a run id in ${store.uri}`);
    const v = (await store.getArtifact(run.id, 'gate')) as Verdict | null;
    if (!v) throw new BadInputError(`run ${run.id} has no gate verdict (status ${run.status}${run.error ? `: ${run.error}` : ''})`);
    return v;
  } finally {
    await store.close();
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
