// Sizes shared by the bootstrap's JavaScript loops and their WebAssembly twins.

/** Rows per block of a resample: a block's byte counts (4 KiB) stay in L1 cache while its draws land. */
export const BLOCK_ROWS = 4096;
/** The top 12 bits of a uniform 32-bit word are a uniform row of a full block. */
export const FULL_BLOCK_SHIFT = 32 - Math.log2(BLOCK_ROWS);
/** Rows per local sum in the AUC counting pass: the local sums stay small integers (exact), large enough to amortize. */
export const LOCAL_ROWS = 4096;
