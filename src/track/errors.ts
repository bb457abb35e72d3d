// Store errors: each states what must hold, what was found, and what to do about it.
import { BadInputError, GauntletError } from '../util/errors.ts';

/** A store call that breaks the store's contract (unknown run, double finish, malformed rows). */
export class StoreError extends GauntletError {
  constructor(code: string, message: string) {
    super(code, message, 1);
  }
}

export function unknownRun(runId: string): StoreError {
  return new StoreError('UNKNOWN_RUN', `run '${runId}' must exist before anything is logged to it, but the store has no such run: create it with createRun()`);
}

export function badWrite(what: string, problem: string): StoreError {
  return new StoreError('BAD_STORE_WRITE', `${what}: ${problem}`);
}

export function ambiguousRunId(prefix: string, matches: readonly string[], more: boolean): BadInputError {
  const list = matches.join(', ') + (more ? ', …' : '');
  return new BadInputError(`run id prefix '${prefix}' must match one run, but it matches ${list}: type more characters`, 'AMBIGUOUS_RUN_ID');
}
