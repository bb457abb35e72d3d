// Appends trees node by node into growable parallel arrays, then freezes them into a flat Forest.
import type { Forest } from './predictor.ts';

export class ForestBuilder {
  private readonly feature: number[] = [];
  private readonly threshold: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly defaultLeft: number[] = [];
  private readonly value: number[] = [];
  private readonly gain: number[] = [];
  private readonly catStart: number[] = [];
  private readonly catBits: number[] = [];
  private readonly roots: number[] = [];
  private readonly catMarks: number[] = [];

  get nTrees(): number { return this.roots.length; }

  /** Start a tree; returns its root (a leaf until split). */
  startTree(): number {
    this.roots.push(this.feature.length);
    this.catMarks.push(this.catBits.length);
    return this.addLeaf();
  }

  private addLeaf(): number {
    this.feature.push(-1); this.threshold.push(0); this.left.push(-1); this.right.push(-1);
    this.defaultLeft.push(0); this.value.push(0); this.gain.push(0); this.catStart.push(-1);
    return this.feature.length - 1;
  }

  /** Turn leaf `node` into a split; `bits` is the categorical left-set bitset (null for numeric). Returns [left, right]. */
  split(node: number, feature: number, threshold: number, defaultLeft: boolean, gain: number, bits: Uint32Array | null): [number, number] {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.defaultLeft[node] = defaultLeft ? 1 : 0;
    this.gain[node] = gain;
    if (bits) {
      this.catStart[node] = this.catBits.length;
      for (let i = 0; i < bits.length; i++) this.catBits.push(bits[i]);
    }
    const l = this.addLeaf();
    const r = this.addLeaf();
    this.left[node] = l;
    this.right[node] = r;
    return [l, r];
  }

  setLeaf(node: number, value: number): void { this.value[node] = value; }

  /** Keep only the first `nTrees` trees (early stopping). */
  truncate(nTrees: number): void {
    if (nTrees >= this.roots.length) return;
    const nodes = this.roots[nTrees], words = this.catMarks[nTrees];
    for (const a of [this.feature, this.threshold, this.left, this.right, this.defaultLeft, this.value, this.gain, this.catStart]) a.length = nodes;
    this.catBits.length = words;
    this.roots.length = nTrees;
    this.catMarks.length = nTrees;
  }

  build(base: Float64Array, catLevels: Int32Array): Forest {
    return {
      nClasses: base.length, base: Float64Array.from(base), catLevels: Int32Array.from(catLevels),
      roots: Int32Array.from(this.roots), feature: Int32Array.from(this.feature), threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left), right: Int32Array.from(this.right), defaultLeft: Uint8Array.from(this.defaultLeft),
      value: Float64Array.from(this.value), gain: Float64Array.from(this.gain), catStart: Int32Array.from(this.catStart),
      catBits: Uint32Array.from(this.catBits),
    };
  }

  /** the last tree only, as a forest (for incremental validation scores) */
  lastTree(catLevels: Int32Array): Forest {
    const t = this.roots.length - 1;
    const r = this.roots[t];
    const shift = (a: number[]): Int32Array => Int32Array.from(a.slice(r), (v) => (v < 0 ? v : v - r));
    const words = this.catMarks[t];
    return {
      nClasses: 1, base: new Float64Array(1), catLevels, roots: Int32Array.of(0),
      feature: Int32Array.from(this.feature.slice(r)), threshold: Float64Array.from(this.threshold.slice(r)),
      left: shift(this.left), right: shift(this.right), defaultLeft: Uint8Array.from(this.defaultLeft.slice(r)),
      value: Float64Array.from(this.value.slice(r)), gain: Float64Array.from(this.gain.slice(r)),
      catStart: Int32Array.from(this.catStart.slice(r), (v) => (v < 0 ? v : v - words)), catBits: Uint32Array.from(this.catBits.slice(words)),
    };
  }
}
