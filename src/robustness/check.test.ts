// checkRobustnessSpec: unknown inputs and kind mismatches are SpecErrors naming the key; parseChange's grammar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RobustnessSpec } from '../spec/types.ts';
import { BadInputError } from '../util/errors.ts';
import { applyChange, checkRobustnessSpec, parseChange } from './check.ts';
import { INPUTS, loans } from './fixtures.ts';

const empty: RobustnessSpec = { perturb: [], invariance: [], directional: [], maxFailureRate: 0.02, maxDegradation: 0.05 };
const { table } = loans(50, 1);

test('parseChange: percentages scale, plain numbers add', () => {
  assert.deepEqual(parseChange('+10%', 'k'), { op: 'scale', amount: 0.1 });
  assert.deepEqual(parseChange('-5%', 'k'), { op: 'scale', amount: -0.05 });
  assert.deepEqual(parseChange('+1', 'k'), { op: 'add', amount: 1 });
  assert.deepEqual(parseChange('-2.5', 'k'), { op: 'add', amount: -2.5 });
  assert.ok(Math.abs(applyChange(parseChange('+10%', 'k'), 200) - 220) < 1e-9);
  assert.equal(applyChange(parseChange('-5%', 'k'), 100), 95);
  assert.equal(applyChange(parseChange('+1', 'k'), 3), 4);
  assert.throws(() => parseChange('10%', 'robustness.directional[0].change'), /robustness\.directional\[0\]\.change: must look like "\+10%"/);
});

test('a feature that is not a model input is named with the key path, a guess and the inputs', () => {
  const spec: RobustnessSpec = { ...empty, directional: [{ name: 'd', feature: 'incme', change: '+10%', expect: 'decrease', tolerance: 0 }] };
  assert.throws(() => checkRobustnessSpec(spec, INPUTS), (e: unknown) => {
    assert.ok(e instanceof BadInputError);
    assert.equal(e.message, `robustness.directional[0].feature: 'incme' is not a model input; did you mean 'income'? inputs: ${INPUTS.join(', ')}`);
    return true;
  });
  const missing: RobustnessSpec = { ...empty, perturb: [{ kind: 'missing', name: 'm', features: ['late', 'x'], rate: 0.1 }] };
  assert.throws(() => checkRobustnessSpec(missing, INPUTS), /robustness\.perturb\[0\]\.missing\[1\]: 'x' is not a model input/);
  const inv: RobustnessSpec = { ...empty, invariance: [{ name: 'i', feature: 'zip', tolerance: 0.01 }] };
  assert.throws(() => checkRobustnessSpec(inv, INPUTS), /robustness\.invariance\[0\]\.feature: 'zip' is not a model input/);
});

test('kind mismatches: noise on a categorical, unseen on a numeric, directional on a categorical', () => {
  const noise: RobustnessSpec = { ...empty, perturb: [{ kind: 'noise', name: 'n', feature: 'region', noise: 0.5 }] };
  assert.throws(() => checkRobustnessSpec(noise, INPUTS, table), /robustness\.perturb\[0\]\.feature: 'region' is categorical, but noise needs a numeric input; for a categorical one use unseen/);
  const unseen: RobustnessSpec = { ...empty, perturb: [{ kind: 'unseen', name: 'u', feature: 'income', rate: 0.1 }] };
  assert.throws(() => checkRobustnessSpec(unseen, INPUTS, table), /robustness\.perturb\[0\]\.feature: 'income' is numeric, but unseen needs a categorical input/);
  const dir: RobustnessSpec = { ...empty, directional: [{ name: 'd', feature: 'region', change: '+1', expect: 'increase', tolerance: 0 }] };
  assert.throws(() => checkRobustnessSpec(dir, INPUTS, table), /robustness\.directional\[0\]\.feature: 'region' is categorical, but a directional change needs a numeric input/);
  // without a table only names are checked
  assert.doesNotThrow(() => checkRobustnessSpec(noise, INPUTS));
});

test('negative noise or tolerance is rejected; a valid spec passes', () => {
  const neg: RobustnessSpec = { ...empty, perturb: [{ kind: 'noise', name: 'n', feature: 'income', noise: -1 }] };
  assert.throws(() => checkRobustnessSpec(neg, INPUTS, table), /robustness\.perturb\[0\]\.noise: must be a number >= 0/);
  const tol: RobustnessSpec = { ...empty, invariance: [{ name: 'i', feature: 'id_suffix', tolerance: -0.1 }] };
  assert.throws(() => checkRobustnessSpec(tol, INPUTS, table), /robustness\.invariance\[0\]\.tolerance: must be a number >= 0/);
  const ok: RobustnessSpec = {
    ...empty,
    perturb: [{ kind: 'noise', name: 'n', feature: 'income', noise: 0.5 }, { kind: 'missing', name: 'm', features: ['region', 'late'], rate: 0.2 }, { kind: 'unseen', name: 'u', feature: 'region', rate: 0.1 }],
    invariance: [{ name: 'i', feature: 'id_suffix', tolerance: 0.01 }],
    directional: [{ name: 'd', feature: 'income', change: '+10%', expect: 'decrease', tolerance: 0 }],
  };
  assert.doesNotThrow(() => checkRobustnessSpec(ok, INPUTS, table));
});
