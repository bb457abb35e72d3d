// Probability calibration: fit (platt on log-odds, isotonic, temperature, one-vs-rest), choose on blackbox, wrap a model.
export type { CalibrationMethod, Calibrator, CalibratorJSON, IsotonicParams, PlattParams } from './types.ts';
export { CALIBRATION_METHODS, CALIBRATOR_FORMAT, CALIBRATOR_VERSION } from './types.ts';
export { fitCalibrator } from './fit.ts';
export { loadCalibrator } from './load.ts';
export { autoMethods, chooseCalibration, type CalibrationCandidate, type CalibrationChoice, type LabeledPredictions } from './choose.ts';
export { CALIBRATED_LEARNER, calibrated, loadCalibratedModel, type CalibratedModel } from './model.ts';
