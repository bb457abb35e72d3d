// Builds a frozen Calibrator from one row kernel, so batch and single-row calibration run the same arithmetic bit for bit.
import { BadInputError } from '../util/errors.ts';
import { CALIBRATOR_FORMAT, CALIBRATOR_VERSION, type Calibrator, type CalibratorJSON } from './types.ts';

/** Calibrates the `width` outputs of one row starting at `offset`, in place, without allocating. */
export type RowKernel = (buf: Float64Array, offset: number) => void;

/** Deep-freeze a JSON value so a calibrator's serialized state cannot be changed after the fact. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function checkLayout(pred: Float64Array, width: number, method: string): void {
  if (width > 0 && pred.length % width !== 0) {
    throw new BadInputError(`calibration (${method}): predictions must hold ${width} values per row; got ${pred.length} values, not a multiple of ${width}`);
  }
}

export function makeCalibrator(json: CalibratorJSON, width: number, kernel: RowKernel): Calibrator {
  const frozen = deepFreeze(json);
  const { method } = frozen;
  return Object.freeze({
    method,
    width,
    apply(pred: Float64Array): Float64Array {
      checkLayout(pred, width, method);
      const out = Float64Array.from(pred);
      const step = width > 0 ? width : 1;
      for (let o = 0; o < out.length; o += step) kernel(out, o);
      return out;
    },
    applyInPlace(out: Float64Array): void {
      if (width > 0 && out.length !== width) {
        throw new BadInputError(`calibration (${method}): one row must hold ${width} outputs; got ${out.length}`);
      }
      kernel(out, 0);
    },
    toJSON: (): CalibratorJSON => frozen,
  });
}

/** The identity calibrator (any layout). */
export function identityCalibrator(): Calibrator {
  return makeCalibrator({ format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION, method: 'none' }, 0, () => {});
}
