// A table as the GBDT's native input (raw numbers, categorical codes, NaN for missing), without fitting a pipeline.
import type { Table } from '../data/table.ts';
import type { InputNeeds, Matrix } from '../learners/types.ts';

/** True when `needs` asks for exactly what `nativeMatrix` gives: no imputation, no scaling, native categoricals. */
export function takesNativeInput(needs: InputNeeds): boolean {
  return !needs.impute && !needs.scale && needs.categorical === 'native';
}

/**
 * What FittedPipeline.apply gives a native-input learner when train and the table share levels (as the aligned
 * samples do): numeric values as they are, categorical codes as numbers, NaN for missing.
 */
export function nativeMatrix(table: Table): Matrix {
  const columns = table.columns.map((c) => (c.kind === 'numeric' ? c.values : Float64Array.from(c.codes, (k) => (k < 0 ? NaN : k))));
  const features = table.columns.map((c) => (c.kind === 'numeric' ? { name: c.name, kind: 'numeric' as const } : { name: c.name, kind: 'categorical' as const, levels: c.levels.length }));
  return { nRows: table.nRows, features, columns };
}
