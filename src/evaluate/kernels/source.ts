// The WebAssembly text of the bootstrap's hot loops (parallel-resample.ts, parallel-scorers.ts): landing a block's
// draws and the AUC counting pass. Each repeats its JavaScript twin's integer operations exactly, so the results are
// bit-identical. Pointers are byte addresses in the thread's own (unshared) memory. `npm run build:kernels` compiles
// this to kernels.wasm; a test checks the two agree.
import { FULL_BLOCK_SHIFT, LOCAL_ROWS } from './constants.ts';

/**
 * count_full(state, k, window): k steps of xoshiro128** from the state at `state` (4 int32 words, updated), each
 * output word w adding 1 to the byte window[w >>> FULL_BLOCK_SHIFT]; returns 1 when a byte wrapped past 255.
 */
const countFull = `
  (func (export "count_full") (param $state i32) (param $k i32) (param $window i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32) (local $j i32) (local $a i32)
    (local $v i32) (local $wrapped i32)
    (local.set $s0 (i32.load (local.get $state)))
    (local.set $s1 (i32.load offset=4 (local.get $state)))
    (local.set $s2 (i32.load offset=8 (local.get $state)))
    (local.set $s3 (i32.load offset=12 (local.get $state)))
    (block $done (loop $draws
      (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
      (local.set $a (i32.add (local.get $window)
        (i32.shr_u (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)) (i32.const ${FULL_BLOCK_SHIFT}))))
      (local.set $v (i32.load8_u (local.get $a)))
      (i32.store8 (local.get $a) (i32.add (local.get $v) (i32.const 1)))
      (local.set $wrapped (i32.or (local.get $wrapped) (i32.eq (local.get $v) (i32.const 255))))
      (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
      (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
      (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
      (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
      (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
      (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
      (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $draws)))
    (i32.store (local.get $state) (local.get $s0))
    (i32.store offset=4 (local.get $state) (local.get $s1))
    (i32.store offset=8 (local.get $state) (local.get $s2))
    (i32.store offset=12 (local.get $state) (local.get $s3))
    (local.get $wrapped)
  )`;

/**
 * u_distinct(counts, pos, nanStart, out): Mann-Whitney U of a resample when no two scores tie (parallel-scorers.ts's
 * uDistinct): per LOCAL_ROWS rows, integer local sums (i64), then u += uLocal + posLocal·below in f64 (all exact
 * integers). Writes [u, nPos, nNeg] as f64 at `out`.
 */
const uDistinct = `
  (func (export "u_distinct") (param $counts i32) (param $pos i32) (param $nanStart i32) (param $out i32)
    (local $u f64) (local $below f64) (local $nPos f64) (local $start i32) (local $end i32) (local $r i32)
    (local $uLocal i64) (local $negLocal i32) (local $posLocal i32) (local $c i32) (local $cp i32)
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.ge_u (local.get $start) (local.get $nanStart)))
      (local.set $end (i32.add (local.get $start) (i32.const ${LOCAL_ROWS})))
      (if (i32.gt_u (local.get $end) (local.get $nanStart)) (then (local.set $end (local.get $nanStart))))
      (local.set $uLocal (i64.const 0)) (local.set $negLocal (i32.const 0)) (local.set $posLocal (i32.const 0))
      (local.set $r (local.get $start))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $end)))
        (local.set $c (i32.load8_u (i32.add (local.get $counts) (local.get $r))))
        (local.set $cp (i32.mul (local.get $c) (i32.load8_u (i32.add (local.get $pos) (local.get $r)))))
        (local.set $uLocal (i64.add (local.get $uLocal) (i64.extend_i32_u (i32.mul (local.get $cp) (local.get $negLocal)))))
        (local.set $negLocal (i32.add (local.get $negLocal) (i32.sub (local.get $c) (local.get $cp))))
        (local.set $posLocal (i32.add (local.get $posLocal) (local.get $cp)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
      (local.set $u (f64.add (local.get $u)
        (f64.add (f64.convert_i64_u (local.get $uLocal)) (f64.mul (f64.convert_i32_u (local.get $posLocal)) (local.get $below)))))
      (local.set $below (f64.add (local.get $below) (f64.convert_i32_u (local.get $negLocal))))
      (local.set $nPos (f64.add (local.get $nPos) (f64.convert_i32_u (local.get $posLocal))))
      (local.set $start (local.get $end))
      (br $blocks)))
    (f64.store (local.get $out) (local.get $u))
    (f64.store offset=8 (local.get $out) (local.get $nPos))
    (f64.store offset=16 (local.get $out) (local.get $below))
  )`;

/** The module's text: it imports the thread's memory as env.memory. */
export function resampleWat(): string {
  return `(module
  (import "env" "memory" (memory 1))
  ${countFull}
  ${uDistinct}
)
`;
}
