// Text → binary for the kernels, with wabt (a dev dependency: only the build script and the drift test use it).
import { kernelsWat } from './source.ts';

export async function compileKernels(): Promise<Uint8Array> {
  const { default: init } = await import('wabt');
  const wabt = await init();
  const mod = wabt.parseWat('kernels.wat', kernelsWat(), { threads: true, simd: true });
  try {
    // (wabt's validate() ignores the threads feature; V8 validates the binary when it compiles it)
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
