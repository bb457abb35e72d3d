// Package entry for plain Node: registers the TypeScript loader, then re-exports the library (src/index.ts).
import { register } from 'tsx/esm/api';

register();
const lib = await import('./src/index.ts');

export const {
  loadSpec, parseSpec, loadData, FittedPipeline, LEARNERS, learnersFor, loadModel, METRICS, metricsFor, computeMetric,
  bootstrapCI, pairedBootstrap, evaluateSplit, run, openStore, defaultStoreUri, loadCandidate, evaluateGate, renderVerdict, renderReport,
} = lib;
