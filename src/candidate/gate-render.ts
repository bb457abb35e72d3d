// The gate verdict as the CLI checklist: one aligned line per item, then the READY / NOT READY line.
import type { GateItem, GateStatus, Verdict } from './types.ts';

const TAGS: Readonly<Record<GateStatus, string>> = { pass: '[pass]', fail: '[fail]', 'not-applicable': '[n/a] ' };

function itemLine(it: GateItem, idWidth: number, titleWidth: number): string {
  const id = `${it.id}.`.padStart(idWidth);
  return `${TAGS[it.status]} ${id} ${it.title.padEnd(titleWidth)} — ${it.reason}`;
}

function summaryLine(v: Verdict): string {
  const failed = v.items.filter((it) => it.status === 'fail');
  const passed = v.items.filter((it) => it.status === 'pass').length;
  const na = v.items.length - passed - failed.length;
  const counts = `${passed} pass, ${failed.length} fail, ${na} n/a`;
  if (v.ready) return `READY: ${counts}`;
  return `NOT READY: ${counts}; failing: ${failed.map((it) => `${it.id} (${it.key})`).join(', ')}`;
}

/** One line per checklist item (status, number, title, reason; columns aligned) and the overall line. */
export function renderVerdict(v: Verdict): string {
  const idWidth = Math.max(0, ...v.items.map((it) => `${it.id}.`.length));
  const titleWidth = Math.max(0, ...v.items.map((it) => it.title.length));
  return [...v.items.map((it) => itemLine(it, idWidth, titleWidth)), summaryLine(v)].join('\n') + '\n';
}
