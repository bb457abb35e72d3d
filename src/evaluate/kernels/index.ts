// The bootstrap kernels (kernels.wasm, built from source.ts), instantiated once per thread over that thread's memory.
import { readFileSync } from 'node:fs';

interface Exports {
  count_full(state: number, k: number, window: number): number;
  u_distinct(counts: number, pos: number, nanStart: number, out: number): void;
}

/** A thread's kernels and the views they work on: draw counts and positive flags of n rows, generator state, results. */
export interface ResampleKernels {
  readonly exports: Exports;
  readonly counts: Uint8Array;
  readonly pos: Uint8Array;
  readonly state: Int32Array;
  readonly out: Float64Array;
}

/** Where kernels.wasm is (read on the calling thread only: workers get the compiled module in their job). */
export function resampleWasmUrl(): URL {
  return new URL('./kernels.wasm', import.meta.url);
}

let compiled: WebAssembly.Module | null = null;

/** The module, compiled once per process; null if this runtime cannot compile it (the JavaScript loops then run). */
export function resampleModule(): WebAssembly.Module | null {
  try {
    compiled ??= new WebAssembly.Module(readFileSync(resampleWasmUrl()));
    return compiled;
  } catch {
    return null;
  }
}

/** Kernels over a new memory for resamples of n rows, or null when there is no module or the memory cannot be had. */
export function resampleKernels(module: WebAssembly.Module | null, n: number): ResampleKernels | null {
  if (module === null) return null;
  const posAt = 64 + Math.ceil(n / 64) * 64;
  const pages = Math.ceil((posAt + n + 64) / 65536);
  try {
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
    const buf = memory.buffer;
    return { exports, state: new Int32Array(buf, 0, 4), out: new Float64Array(buf, 16, 3), counts: new Uint8Array(buf, 64, n), pos: new Uint8Array(buf, posAt, n) };
  } catch {
    return null;
  }
}

/** Whether `a` is a view into the kernels' memory (so the kernels can read it). */
export function inKernels(k: ResampleKernels, a: Uint8Array | Int32Array): a is Uint8Array {
  return a instanceof Uint8Array && a.buffer === k.counts.buffer;
}
