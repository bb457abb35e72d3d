// Fairness: per-group measures and the fairness_gap constraint (FAIRNESS_GAP findings).
export { fairnessGap, DEFAULT_MIN_GROUP_ROWS, type FairnessContext, type FairnessGapResult, type GroupValue } from './gap.ts';
export { groupsOf, MAX_NUMERIC_GROUPS, type Group } from './groups.ts';
export { scorerFor, supportOf, type FairnessMeasure, type GroupScorer } from './measures.ts';
