// `npm run build:kernels`: compile the GBDT kernels' WebAssembly text (src/learners/gbdt/kernels/source.ts) to kernels.wasm.
import { writeFileSync } from 'node:fs';
import { compileKernels } from '../src/learners/gbdt/kernels/compile.ts';
import { kernelsWasmUrl } from '../src/learners/gbdt/kernels/index.ts';

const bytes = await compileKernels();
writeFileSync(kernelsWasmUrl(), bytes);
console.log(`wrote ${kernelsWasmUrl().pathname} (${bytes.length} bytes)`);
