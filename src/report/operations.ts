// Sections on shipping: serving figures and constraint results, lineage (where everything came from), and the gate checklist.
import type { Evaluation } from '../evaluate/document.ts';
import type { GateStatus, Verdict } from '../candidate/types.ts';
import type { Json } from '../track/types.ts';
import { html, badge, jsonBlock, mono, num, note, pairs, section, table, type Html, type Part, type Row, type Tone } from './html.ts';
import { bound, bytes, count, fmt, millis, rate, scalar, MISSING } from './format.ts';
import { focusCaption, focusModel, isSelected } from './focus.ts';

export function servingSection(ev: Evaluation): Html {
  const served = ev.models.flatMap((m) => (m.serving ? [{ m, s: m.serving }] : []));
  const rows: Row[] = served.map(({ m, s }) => {
    return [isSelected(ev, m) ? html`★ ${m.name}` : m.name, num(millis(s.latencyP50Ms)), num(millis(s.latencyP99Ms)), num(rate(s.throughputRowsPerS)), num(bytes(s.modelSizeBytes)), num(count(s.latencyRows))];
  });
  const servingTable = rows.length === 0
    ? note('No serving figures were measured.')
    : table(['model', 'latency p50', 'latency p99', 'throughput', 'size (model + pipeline)', 'rows timed'], rows);
  return section('serving', 'Latency, throughput and size',
    html`<p>Single-row latency on the real serving path (pipeline + model), batch throughput, and the size of what would ship.</p>`,
    servingTable, constraintResults(ev));
}

function constraintResults(ev: Evaluation): Html {
  const m = focusModel(ev);
  if (!m || m.constraints.length === 0) return html``;
  const rows: Row[] = m.constraints.map((c) => [mono(c.metric), c.split, bound(c), num(fmt(c.value)), c.pass ? badge('met', 'good') : badge('not met', 'bad')]);
  return html`<h3>Constraints — ${focusCaption(ev, m)}</h3>${table(['metric', 'split', 'must be', 'measured', 'result'], rows)}`;
}

type JsonObject = { readonly [k: string]: Json };

function asObject(x: Json | undefined): JsonObject | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as JsonObject) : undefined;
}

function code(x: Json | undefined): Html {
  return html`<span class="mono">${scalar(x)}</span>`;
}

function gitCell(git: Json | undefined): Part {
  const g = asObject(git);
  if (!g) return html`${badge('no git', 'warn')} not run from a git work tree: the code version is not recorded`;
  const dirty = g.dirty === true;
  const files = Array.isArray(g.dirtyFiles) && g.dirtyFiles.length > 0
    ? html`<details><summary>${g.dirtyFiles.length} changed file(s)</summary>${jsonBlock(g.dirtyFiles)}</details>` : '';
  return html`${code(g.commit)} ${dirty ? badge('dirty', 'warn') : badge('clean', 'good')}${files}`;
}

/** A flat object as "key value" pairs; anything else as JSON. */
function objectCell(x: Json | undefined): Part {
  const o = asObject(x);
  if (!o) return x === undefined ? MISSING : code(x);
  const entries = Object.entries(o);
  if (entries.length === 0) return MISSING;
  return pairs(entries.map(([k, v]) => [k, code(v)]));
}

const KNOWN: readonly (readonly [key: string, label: string])[] = [
  ['dataSnapshot', 'data snapshot'], ['dataFile', 'data file'], ['featureSetVersion', 'feature-set version'],
  ['specHash', 'spec hash'], ['successHash', 'success hash'],
];
const STRUCTURED = ['git', 'seeds', 'environment', 'system'];

export function lineageSection(lineage: Json): Html {
  const lin = asObject(lineage);
  if (!lin) return section('lineage', 'Lineage', note('No lineage was recorded.'));
  const known = KNOWN.map(([k, label]): [Part, Part] => [label, lin[k] === undefined ? MISSING : code(lin[k])]);
  const taken = new Set([...KNOWN.map(([k]) => k), ...STRUCTURED]);
  const other = Object.entries(lin).filter(([k]) => !taken.has(k)).map(([k, v]): [Part, Part] => [k, asObject(v) ? jsonBlock(v) : code(v)]);
  return section('lineage', 'Lineage',
    pairs([['git commit', gitCell(lin.git)], ...known, ...other]),
    html`<div class="cols"><div><h3>Seeds</h3>${objectCell(lin.seeds)}</div><div><h3>Environment</h3>${objectCell(lin.environment)}</div><div><h3>System metrics</h3>${objectCell(lin.system)}</div></div>`);
}

const STATUS_TONE: Readonly<Record<GateStatus, Tone>> = { pass: 'good', fail: 'bad', 'not-applicable': 'muted' };

function statusBadge(status: GateStatus): Html {
  return badge(status, STATUS_TONE[status] ?? 'warn');
}

export function gateSection(verdict: Verdict | null): Html {
  const title = 'Readiness gate';
  if (!verdict) return section('gate', title, note('Gate not evaluated: this report was written without a gate verdict.'));
  const failed = verdict.items.filter((i) => i.status === 'fail').length;
  const headline = verdict.ready
    ? html`<p>${badge('ready', 'good')} Every checklist item passes or does not apply.</p>`
    : html`<p>${badge('not ready', 'bad')} ${failed} of ${verdict.items.length} item(s) failed.</p>`;
  const rows: Row[] = verdict.items.map((i) => [
    num(i.id), html`${i.title}<br><span class="mono note">${i.key}</span>`, statusBadge(i.status), i.reason,
    html`<details><summary>evidence</summary>${jsonBlock(i.evidence)}</details>`,
  ]);
  return section('gate', title, headline, table(['#', 'item', 'status', 'reason', ''], rows));
}

/** Header badge for the gate. */
export function gateBadge(verdict: Verdict | null): Html {
  if (!verdict) return badge('gate not evaluated', 'muted');
  return verdict.ready ? badge('ready', 'good') : badge('not ready', 'bad');
}
