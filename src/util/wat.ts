// WebAssembly text → binary with wabt (a dev dependency: only `npm run build:kernels` and the drift tests use it).

export async function compileWat(name: string, text: string): Promise<Uint8Array> {
  const { default: init } = await import('wabt');
  const wabt = await init();
  const mod = wabt.parseWat(name, text, { threads: true, simd: true });
  try {
    // (wabt's validate() ignores the threads feature; V8 validates the binary when it compiles it)
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
