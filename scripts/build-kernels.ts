// `npm run build:kernels`: compile the WebAssembly text of the kernels (each module's source.ts) to its kernels.wasm.
import { writeFileSync } from 'node:fs';
import { resampleWasmUrl } from '../src/evaluate/kernels/index.ts';
import { resampleWat } from '../src/evaluate/kernels/source.ts';
import { kernelsWasmUrl } from '../src/learners/gbdt/kernels/index.ts';
import { kernelsWat } from '../src/learners/gbdt/kernels/source.ts';
import { compileWat } from '../src/util/wat.ts';

for (const [url, wat] of [[kernelsWasmUrl(), kernelsWat()], [resampleWasmUrl(), resampleWat()]] as const) {
  const bytes = await compileWat(url.pathname, wat);
  writeFileSync(url, bytes);
  console.log(`wrote ${url.pathname} (${bytes.length} bytes)`);
}
