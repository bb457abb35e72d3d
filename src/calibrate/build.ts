// From a CalibratorJSON to a working Calibrator: the one constructor both fitting and loading use, so a loaded
// calibrator computes exactly what the fitted one did.
import { isotonicMap, isotonicTable, type IsotonicTable } from './isotonic.ts';
import { identityCalibrator, makeCalibrator, type RowKernel } from './make.ts';
import { logit, plattMap } from './platt.ts';
import { temperatureRow } from './temperature.ts';
import type { Calibrator, CalibratorJSON, PlattParams } from './types.ts';

type Map1 = (p: number) => number;

function plattFn(params: PlattParams): Map1 {
  const { a, b } = params;
  return (p) => plattMap(logit(p), a, b);
}

function isotonicFn(table: IsotonicTable): Map1 {
  return (p) => isotonicMap(table, p);
}

/** Row sum 0 (every class mapped to 0) becomes the uniform row, as sklearn's CalibratedClassifierCV does. */
function renormalize(buf: Float64Array, offset: number, k: number): void {
  let sum = 0;
  for (let c = offset; c < offset + k; c++) sum += buf[c];
  if (sum === 0) buf.fill(1 / k, offset, offset + k);
  else for (let c = offset; c < offset + k; c++) buf[c] /= sum;
}

/** One map for binary P(class 1); one per class, then renormalization, for one-vs-rest multiclass. */
function perClassKernel(maps: readonly Map1[]): RowKernel {
  if (maps.length === 1) {
    const map = maps[0];
    return (buf, o) => { buf[o] = map(buf[o]); };
  }
  const k = maps.length;
  return (buf, o) => {
    for (let c = 0; c < k; c++) buf[o + c] = maps[c](buf[o + c]);
    renormalize(buf, o, k);
  };
}

/** The calibrator a (validated) JSON describes. */
export function buildCalibrator(json: CalibratorJSON): Calibrator {
  switch (json.method) {
    case 'none':
      return identityCalibrator();
    case 'platt':
      return makeCalibrator(json, json.classes.length, perClassKernel(json.classes.map(plattFn)));
    case 'isotonic':
      return makeCalibrator(json, json.classes.length, perClassKernel(json.classes.map((c) => isotonicFn(isotonicTable(c)))));
    case 'temperature': {
      const { nClasses: k, temperature } = json;
      return makeCalibrator(json, k, (buf, o) => temperatureRow(buf, o, k, temperature));
    }
  }
}
