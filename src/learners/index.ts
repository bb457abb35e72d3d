// The built-in learners, by name. A new learner registers here and passes learners/testing/conformance.ts.
import type { Learner, Task } from './types.ts';
import { logistic } from './logistic.ts';
import { ridge } from './ridge.ts';
import { gbdt } from './gbdt/index.ts';

export const LEARNERS: Readonly<Record<string, Learner>> = {
  logistic,
  ridge,
  gbdt,
};

export function learnersFor(task: Task): Learner[] {
  return Object.values(LEARNERS).filter((l) => l.tasks.includes(task));
}

export * from './types.ts';
