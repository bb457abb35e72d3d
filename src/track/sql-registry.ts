// The model registry over Kysely: immutable candidate versions per spec, movable aliases with a full history, rollback.
import type { Kysely, Selectable } from 'kysely';
import { BadInputError } from '../util/errors.ts';
import { badWrite, unknownRun } from './errors.ts';
import { nowIso } from './run-id.ts';
import type { CandidatesTable, Database } from './schema.ts';
import type { AliasMove, Candidate, NewCandidate } from './types.ts';

type Db = Kysely<Database>;
type Counter = 'last_candidate_id' | 'last_history_seq';

const ALIAS_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function checkNewCandidate(c: NewCandidate): void {
  for (const key of ['runId', 'specName', 'path', 'contentHash'] as const) {
    if (typeof c[key] !== 'string' || c[key] === '') throw badWrite('registerCandidate', `'${key}' must be a non-empty string, got ${JSON.stringify(c[key])}`);
  }
}

function checkAlias(alias: string): void {
  if (typeof alias !== 'string' || !ALIAS_PATTERN.test(alias)) {
    throw new BadInputError(`an alias must be a letter followed by letters, digits, '_', '.' or '-' (e.g. 'champion'), got ${JSON.stringify(alias)}`, 'BAD_ALIAS');
  }
}

/**
 * Atomically add one to a per-spec counter and return the new value. As a write to the spec's row it also
 * serializes registry writers of one spec (Postgres row lock; SQLite's single writer).
 */
async function bump(trx: Db, specName: string, counter: Counter): Promise<number> {
  const first = { spec_name: specName, last_candidate_id: 0, last_history_seq: 0, [counter]: 1 };
  const row = await trx.insertInto('registry_specs').values(first)
    .onConflict((oc) => oc.column('spec_name').doUpdateSet((eb) => ({ [counter]: eb(`registry_specs.${counter}`, '+', 1) })))
    .returning(counter).executeTakeFirstOrThrow();
  return Number(row[counter]);
}

/** Register a new immutable version of a spec's candidate; versions count 1, 2, 3… per spec. */
export async function registerCandidate(db: Db, c: NewCandidate): Promise<number> {
  checkNewCandidate(c);
  return db.transaction().execute(async (trx) => {
    const id = await bump(trx, c.specName, 'last_candidate_id');
    const run = await trx.selectFrom('runs').select('id').where('id', '=', c.runId).executeTakeFirst();
    if (!run) throw unknownRun(c.runId);
    await trx.insertInto('candidates').values({
      spec_name: c.specName, id, run_id: c.runId, path: c.path, created_at: nowIso(), content_hash: c.contentHash,
    }).execute();
    return id;
  });
}

async function aliasesBySpec(db: Db, specName?: string): Promise<Map<string, string[]>> {
  let q = db.selectFrom('aliases').select(['spec_name', 'alias', 'candidate_id']).orderBy('alias');
  if (specName !== undefined) q = q.where('spec_name', '=', specName);
  const byCandidate = new Map<string, string[]>();
  for (const a of await q.execute()) {
    const key = `${a.spec_name}\u0000${a.candidate_id}`;
    byCandidate.set(key, [...(byCandidate.get(key) ?? []), a.alias]);
  }
  return byCandidate;
}

function toCandidate(r: Selectable<CandidatesTable>, aliases: Map<string, string[]>): Candidate {
  return {
    specName: r.spec_name, id: Number(r.id), runId: r.run_id, path: r.path, contentHash: r.content_hash, createdAt: r.created_at,
    aliases: aliases.get(`${r.spec_name}\u0000${r.id}`) ?? [],
  };
}

export async function getCandidate(db: Db, specName: string, candidateId: number): Promise<Candidate | null> {
  const row = await db.selectFrom('candidates').selectAll().where('spec_name', '=', specName).where('id', '=', candidateId).executeTakeFirst();
  return row ? toCandidate(row, await aliasesBySpec(db, specName)) : null;
}

export async function listCandidates(db: Db, specName?: string): Promise<Candidate[]> {
  let q = db.selectFrom('candidates').selectAll().orderBy('spec_name').orderBy('id');
  if (specName !== undefined) q = q.where('spec_name', '=', specName);
  const aliases = await aliasesBySpec(db, specName);
  return (await q.execute()).map((r) => toCandidate(r, aliases));
}

async function requireCandidate(trx: Db, specName: string, candidateId: number): Promise<void> {
  const found = await trx.selectFrom('candidates').select('id').where('spec_name', '=', specName).where('id', '=', candidateId).executeTakeFirst();
  if (found) return;
  const known = (await trx.selectFrom('candidates').select('id').where('spec_name', '=', specName).orderBy('id').execute()).map((r) => r.id);
  throw new BadInputError(`candidate ${candidateId} of spec '${specName}' must be registered before an alias can point at it, ` +
    `but the registered versions are ${known.length ? known.join(', ') : 'none'}`, 'UNKNOWN_CANDIDATE');
}

async function currentTarget(trx: Db, specName: string, alias: string): Promise<number | null> {
  const row = await trx.selectFrom('aliases').select('candidate_id').where('spec_name', '=', specName).where('alias', '=', alias).executeTakeFirst();
  return row ? Number(row.candidate_id) : null;
}

interface Move { readonly alias: string; readonly to: number; readonly from: number | null; readonly reason: string; readonly action: AliasMove['action'] }

/** Point the alias and append the move to its history as move `seq`, in the caller's transaction. */
async function applyMove(trx: Db, specName: string, seq: number, m: Move): Promise<void> {
  const at = nowIso();
  await trx.insertInto('aliases').values({ spec_name: specName, alias: m.alias, candidate_id: m.to, updated_at: at })
    .onConflict((oc) => oc.columns(['spec_name', 'alias']).doUpdateSet((eb) => ({
      candidate_id: eb.ref('excluded.candidate_id'), updated_at: eb.ref('excluded.updated_at'),
    })))
    .execute();
  await trx.insertInto('alias_history').values({
    spec_name: specName, seq, alias: m.alias, candidate_id: m.to, previous_candidate_id: m.from, at, reason: m.reason, action: m.action,
  }).execute();
}

export async function setAlias(db: Db, specName: string, alias: string, candidateId: number, reason: string): Promise<void> {
  checkAlias(alias);
  if (typeof reason !== 'string') throw badWrite('setAlias', `reason must be a string, got ${typeof reason}`);
  await db.transaction().execute(async (trx) => {
    await requireCandidate(trx, specName, candidateId);
    const seq = await bump(trx, specName, 'last_history_seq'); // first: the decision below reads a locked state
    const from = await currentTarget(trx, specName, alias);
    if (from !== candidateId) await applyMove(trx, specName, seq, { alias, to: candidateId, from, reason, action: 'set' });
  });
}

export async function getAlias(db: Db, specName: string, alias: string): Promise<Candidate | null> {
  const target = await currentTarget(db, specName, alias);
  return target === null ? null : getCandidate(db, specName, target);
}

function toMove(r: Selectable<Database['alias_history']>): AliasMove {
  return {
    specName: r.spec_name, alias: r.alias, candidateId: Number(r.candidate_id),
    previousCandidateId: r.previous_candidate_id === null ? null : Number(r.previous_candidate_id),
    at: r.at, reason: r.reason, action: r.action as AliasMove['action'],
  };
}

export async function aliasHistory(db: Db, specName: string, alias?: string): Promise<AliasMove[]> {
  let q = db.selectFrom('alias_history').selectAll().where('spec_name', '=', specName).orderBy('seq');
  if (alias !== undefined) q = q.where('alias', '=', alias);
  return (await q.execute()).map(toMove);
}

/** Replay an alias's history as a stack: a 'set' pushes its target, a 'rollback' pops the target it undid. */
function targetStack(moves: readonly AliasMove[]): number[] {
  const stack: number[] = [];
  for (const m of moves) {
    if (m.action === 'set') stack.push(m.candidateId);
    else stack.pop();
  }
  return stack;
}

function nothingToRollBack(specName: string, alias: string, current: number | undefined): BadInputError {
  const now = current === undefined ? 'it has never been set' : `it points at candidate ${current} with no earlier target left`;
  return new BadInputError(`alias '${alias}' of spec '${specName}' must have an earlier target to roll back to, but ${now}: ` +
    'point it explicitly with setAlias', 'NOTHING_TO_ROLL_BACK');
}

export async function rollbackAlias(db: Db, specName: string, alias: string, reason?: string): Promise<Candidate> {
  checkAlias(alias);
  const target = await db.transaction().execute(async (trx) => {
    const seq = await bump(trx, specName, 'last_history_seq'); // first: the decision below reads a locked state
    const stack = targetStack(await aliasHistory(trx, specName, alias));
    const [to, from] = [stack[stack.length - 2], stack[stack.length - 1]];
    if (to === undefined) throw nothingToRollBack(specName, alias, from);
    await applyMove(trx, specName, seq, { alias, to, from, reason: reason ?? `rollback from candidate ${from}`, action: 'rollback' });
    return to;
  });
  return (await getCandidate(db, specName, target))!;
}
