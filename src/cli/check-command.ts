// `gauntlet check SPEC`: the data checks on the splits a run would make; one line per finding, exit 1 on blocking errors.
import { prepare } from '../run/prepare.ts';
import { blockingFindings, CHECK_CODES, runDataChecks, splitLikeRun } from '../checks/index.ts';
import type { Finding } from '../evaluate/findings.ts';
import { BadInputError, unknownNameHint } from '../util/errors.ts';

export interface CheckFlags {
  readonly json?: boolean;
  /** codes whose error findings do not fail the check (repeatable, or comma-separated) */
  readonly allow?: readonly string[];
}

export async function checkCommand(spec: string, flags: CheckFlags): Promise<void> {
  const report = await checkReport(spec, flags);
  process.stdout.write(report.text);
  process.exitCode = report.exitCode;
}

export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly blocking: readonly Finding[];
  /** what the command prints (lines, or the JSON document) */
  readonly text: string;
  /** 1 when blocking error findings remain, else 0 */
  readonly exitCode: number;
}

/** Everything `gauntlet check` does except printing: prepare, split as a run would, check. */
export async function checkReport(spec: string, flags: CheckFlags): Promise<CheckReport> {
  const allow = allowedCodes(flags.allow ?? []);
  const p = await prepare(spec);
  let findings: Finding[];
  try {
    findings = await runDataChecks(p, splitLikeRun(p));
  } finally {
    p.data.sql.close();
  }
  const blocking = blockingFindings(findings, allow);
  const text = flags.json
    ? `${JSON.stringify({ ok: blocking.length === 0, blocking: blocking.map((f) => f.code), allowed: allow, findings }, null, 2)}\n`
    : renderFindings(findings, allow);
  return { findings, blocking, text, exitCode: blocking.length > 0 ? 1 : 0 };
}

/** `ERROR LEAKY_FEATURE: column 'x' alone has AUC 0.99 …` per finding, then a one-line summary. */
export function renderFindings(findings: readonly Finding[], allow: readonly string[]): string {
  const lines = findings.map((f) => `${f.severity.toUpperCase()} ${f.code}: ${f.message}${f.severity === 'error' && allow.includes(f.code) ? ' (allowed)' : ''}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const blocking = blockingFindings(findings, allow).length;
  const summary = findings.length === 0
    ? 'data checks: no findings'
    : `data checks: ${errors} error(s) (${blocking} blocking), ${findings.length - errors} warning(s)`;
  return `${[...lines, summary].join('\n')}\n`;
}

function allowedCodes(given: readonly string[]): string[] {
  const codes = given.flatMap((g) => g.split(',')).map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  const known: readonly string[] = CHECK_CODES;
  for (const c of codes) {
    if (!known.includes(c)) throw new BadInputError(`--allow: '${c}' is not a data-check code; ${unknownNameHint(c, known)}`);
  }
  return codes;
}
