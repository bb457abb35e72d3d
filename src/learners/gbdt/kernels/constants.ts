// Sizes shared by the GBDT's WebAssembly kernels (source.ts) and the workspace that lays out their memory.

/** Rows per block of a histogram build; a block's row records take BLOCK_ROWS × 32 bytes of the thread's scratch. */
export const BLOCK_ROWS = 16;
