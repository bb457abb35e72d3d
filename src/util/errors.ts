// The error tree: every user-facing failure has a stable code, a one-line message and an exit code.

/** Base class: `message` is one line stating what must hold, what was found and how to fix it. */
export class GauntletError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad input from the user (file, spec, data, flags): exit code 2, nothing recorded as succeeded. */
export class BadInputError extends GauntletError {
  constructor(message: string, code = 'BAD_INPUT') {
    super(code, message, 2);
  }
}

/** A spec problem; the message starts with the file and key path, e.g. `gauntlet.yaml: objective.optimize: ...`. */
export class SpecError extends BadInputError {
  readonly keyPath: string;
  constructor(keyPath: string, message: string, file?: string) {
    super(`${file ? `${file}: ` : ''}${keyPath ? `${keyPath}: ` : ''}${message}`, 'BAD_SPEC');
    this.keyPath = keyPath;
  }
}

/** A data problem, naming the file, column and (where known) row. */
export class DataError extends BadInputError {
  constructor(message: string) {
    super(message, 'BAD_DATA');
  }
}

/** A learner was asked to do something it cannot (one class, too few rows, bad params). */
export class LearnerError extends BadInputError {
  constructor(message: string) {
    super(message, 'BAD_LEARNER_INPUT');
  }
}

/** The run was interrupted by a signal. */
export class InterruptedError extends GauntletError {
  constructor(signal: string) {
    super('INTERRUPTED', `interrupted by ${signal}`, 130);
  }
}

/** Suggest the closest known name (Damerau-free Levenshtein), for "did you mean" messages. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) { bestD = d; best = k; }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** "did you mean 'x'? Known: a, b, c" tail for unknown-name messages. */
export function unknownNameHint(name: string, known: readonly string[]): string {
  const guess = closest(name, known);
  return `${guess ? `did you mean '${guess}'? ` : ''}Known: ${known.join(', ')}`;
}
