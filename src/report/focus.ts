// Which model the detail sections describe, and safe reads of figures from the evaluation document.
import type { Evaluation, ModelEval } from '../evaluate/document.ts';
import type { SplitEval } from '../evaluate/evaluate.ts';
import { SPLIT_NAMES, type SplitName } from '../spec/types.ts';

export { SPLIT_NAMES, type SplitName };

/** The selected model; without a selection, the first learner (or the first model) so the details still show something. */
export function focusModel(ev: Evaluation): ModelEval | undefined {
  const byName = ev.selected ? ev.models.find((m) => m.name === ev.selected?.name) : undefined;
  return byName ?? ev.models.find((m) => m.kind === 'learner') ?? ev.models[0];
}

export function isSelected(ev: Evaluation, m: ModelEval): boolean {
  return ev.selected?.name === m.name;
}

/** How the focus model was chosen, for captions. */
export function focusCaption(ev: Evaluation, m: ModelEval): string {
  return isSelected(ev, m) ? `selected model “${m.name}”` : `model “${m.name}” (no model was selected)`;
}

export function splitOf(m: ModelEval | undefined, split: SplitName): SplitEval | undefined {
  return m?.splits[split];
}

export function metricOf(m: ModelEval | undefined, split: SplitName, metric: string): number | undefined {
  return m?.splits[split]?.metrics[metric];
}

/** The splits the model was scored on, in split order. */
export function scoredSplits(m: ModelEval | undefined): SplitName[] {
  return SPLIT_NAMES.filter((s) => m?.splits[s] !== undefined);
}

/** Whether `a` is better than `b` in the optimizing direction (false when either is missing). */
export function better(ev: Evaluation, a: number | undefined, b: number | undefined): boolean {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  return ev.higherIsBetter ? a > b : a < b;
}

export function direction(ev: Evaluation): string {
  return ev.higherIsBetter ? 'maximize (higher is better)' : 'minimize (lower is better)';
}
