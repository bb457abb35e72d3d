// nativeMatrix equals what the fitted pipeline gives the GBDT (so adversarial validation may skip fitting one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FittedPipeline } from '../features/pipeline.ts';
import { LEARNERS } from '../learners/index.ts';
import { nativeMatrix, takesNativeInput } from './native-matrix.ts';
import { cat, num, tableOf } from './test-data.ts';

test('gbdt takes native input, and nativeMatrix matches FittedPipeline.apply on the same table', () => {
  const t = tableOf(num('x', [1.5, NaN, -2, 0]), cat('c', ['b', null, 'a', 'b']));
  assert.ok(takesNativeInput(LEARNERS.gbdt.input));
  const viaPipeline = FittedPipeline.fit(t, ['x', 'c'], LEARNERS.gbdt.input).apply(t);
  const direct = nativeMatrix(t);
  assert.deepEqual(direct.features, viaPipeline.features);
  assert.deepEqual(direct.columns.map((c) => Array.from(c)), viaPipeline.columns.map((c) => Array.from(c)));
});
