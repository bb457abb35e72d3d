// The compiled WebAssembly kernels (kernels.wasm, built from source.ts), instantiated over a workspace's shared memory.
import { readFileSync } from 'node:fs';

/** Exports of kernels.wasm; every pointer is a byte address in the shared memory. */
export interface Kernels {
  hist_packed_run(bins: number, F: number, vals: number, idx: number, start: number, end: number, offs: number, feats: number, nk: number, scr: number): void;
  hist_packed_some(bins: number, F: number, vals: number, idx: number, start: number, end: number, offs: number, feats: number, nk: number, scr: number): void;
  hist_gh_run(bins: number, F: number, vals: number, idx: number, start: number, end: number, offs: number, feats: number, nk: number, scr: number): void;
  hist_gh_some(bins: number, F: number, vals: number, idx: number, start: number, end: number, offs: number, feats: number, nk: number, scr: number): void;
  partition(src: number, left: number, right: number, codes: number, lut: number, start: number, end: number): number;
  logloss_gradients(scores: number, y: number, gh: number, from: number, to: number): void;
  leaf_sum(idx: number, gh: number, start: number, end: number, out: number): void;
  add_value(idx: number, scores: number, start: number, end: number, v: number): void;
  quantize(gh: number, q: number, from: number, to: number, seed: number, gs: number, hs: number, M: number): void;
}

/** Where kernels.wasm is (read on the calling thread only: workers get the compiled module in their init message). */
export function kernelsWasmUrl(): URL {
  return new URL('./kernels.wasm', import.meta.url);
}

let compiled: WebAssembly.Module | null = null;

/** The module, compiled once per process. */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readFileSync(kernelsWasmUrl()));
  return compiled;
}

/** Kernels of `module` over `memory` (a shared WebAssembly.Memory). */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): Kernels {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernels;
}
