// The input schema and signature of a candidate, derived from its fitted pipeline (what train saw) and the task.
import type { PipelineJSON } from '../features/pipeline.ts';
import type { InputNeeds, Task } from '../learners/types.ts';
import type { InputSchema, Signature, SignatureOutput } from './types.ts';

/**
 * Every input column with its type, the range / categories seen in train, and whether null is accepted
 * (it is when train had missing values, or when the model handles missing values natively).
 * Unseen categories are accepted by default (encoded as "no level"); `predict --strict` refuses them.
 */
export function schemaFromPipeline(p: PipelineJSON, id: string | undefined): InputSchema {
  const nativeMissing = !p.needs.impute;
  return {
    id,
    inputs: p.inputs.map((f) =>
      f.type === 'numeric'
        ? { name: f.name, type: 'numeric', nullable: nativeMissing || f.missingRate > 0, min: f.min, max: f.max }
        : { name: f.name, type: 'categorical', nullable: true, categories: [...f.levels], allowUnseen: true },
    ),
  };
}

export function signatureFor(task: Task, classes: readonly string[], inputs: readonly string[]): Signature {
  return { task, inputs: [...inputs], outputs: outputsFor(task, classes), classes: [...classes] };
}

function outputsFor(task: Task, classes: readonly string[]): SignatureOutput[] {
  if (task === 'regression') return [{ name: 'prediction', type: 'value', meaning: 'predicted value of the target' }];
  if (task === 'binary') {
    return [
      { name: `p_${classes[1]}`, type: 'probability', meaning: `probability that the target is '${classes[1]}'` },
      { name: 'label', type: 'label', meaning: `'${classes[1]}' when that probability > 0.5, else '${classes[0]}'` },
    ];
  }
  return [
    ...classes.map((c): SignatureOutput => ({ name: `p_${c}`, type: 'probability', meaning: `probability of class '${c}'` })),
    { name: 'label', type: 'label', meaning: 'the most probable class' },
  ];
}

export type { InputNeeds };
