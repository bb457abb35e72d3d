// The WebAssembly text of the GBDT hot loops (histogram accumulation, row partition), generated here so unrolled
// variants come from one template. `npm run build:kernels` compiles it to kernels.wasm; a test checks the two agree.
// Every pointer is a byte address in the one shared memory of the training workspace (see workspace.ts).
import { EXP_COEFFS, EXP_LIMIT, INV_LN2, LN2_HI, LN2_LO } from '../exp.ts';
import { BLOCK_ROWS } from './constants.ts';

/** `local.get $x` */
const g = (x: string): string => `(local.get $${x})`;
const set = (x: string, v: string): string => `(local.set $${x} ${v})`;
const add = (a: string, b: string): string => `(i32.add ${a} ${b})`;
const shl = (a: string, bits: number): string => `(i32.shl ${a} (i32.const ${bits}))`;

/** The row's value(s) for a histogram update: one packed f64, or g and h. */
type Values = 'packed' | 'gh';


/**
 * Histogram accumulation over rows idx[start, end): for each active feature k, the bin code of row r
 * (bins[r·F + feats[k]]) selects the bin at byte address offs[k] + code·stride, which gets the row's value(s) added.
 * `run`: the features are feats[0], feats[0]+1, …, so the codes are contiguous. Rows in list order, features in
 * ascending order, as the JavaScript kernels: the sums are bit-identical.
 *
 * Rows go in blocks of BLOCK_ROWS: a first pass reads each row's value(s) into a record in `scr` and touches the first
 * and last of its codes, so the block's cache misses (scattered rows of a deep node: bins, values, TLB) are all in
 * flight at once; the second pass does the updates from cache. On a node holding 3% of the rows this is ~8x faster.
 */
function histogram(name: string, values: Values, run: boolean, unroll: number): string {
  const stride = values === 'packed' ? 3 : 4;
  const code = (j: number): string => run
    ? `(i32.load8_u offset=${j} ${add(g('rb'), g('k'))})`
    : `(i32.load8_u ${add(g('rb'), `(i32.load offset=${4 * j} ${add(g('feats'), g('ko'))})`)})`;
  const update = (j: number): string => {
    const addr = set('a', add(`(i32.load offset=${4 * j} ${add(g('offs'), g('ko'))})`, shl(code(j), stride)));
    const bump = values === 'packed'
      ? `(f64.store ${g('a')} (f64.add (f64.load ${g('a')}) ${g('v')}))`
      : `(f64.store ${g('a')} (f64.add (f64.load ${g('a')}) ${g('v')})) (f64.store offset=8 ${g('a')} (f64.add (f64.load offset=8 ${g('a')}) ${g('w')}))`;
    return `${addr} ${bump}`;
  };
  const rec = add(g('scr'), shl(g('j'), 5));
  const gather = values === 'packed'
    ? `(f64.store ${rec} (f64.load ${add(g('vals'), shl(g('r'), 3))}))`
    : `(f64.store ${rec} (f64.load ${add(g('vals'), shl(g('r'), 4))})) (f64.store offset=8 ${rec} (f64.load offset=8 ${add(g('vals'), shl(g('r'), 4))}))`;
  const unpack = values === 'packed'
    ? set('v', `(f64.load ${rec})`)
    : `${set('v', `(f64.load ${rec})`)} ${set('w', `(f64.load offset=8 ${rec})`)}`;
  // the codes a row's updates will read: [rb, rb + last]
  const last = run ? `(i32.sub ${g('nk')} (i32.const 1))` : `(i32.sub ${g('F')} (i32.const 1))`;
  const unrolled = Array.from({ length: unroll }, (_, j) => update(j)).join('\n          ');
  return `
  (func (export "${name}") (param $bins i32) (param $F i32) (param $vals i32) (param $idx i32) (param $start i32)
      (param $end i32) (param $offs i32) (param $feats i32) (param $nk i32) (param $scr i32)
    (local $i i32) (local $j i32) (local $nb i32) (local $r i32) (local $v f64) (local $w f64) (local $rb i32) (local $k i32)
    (local $ko i32) (local $a i32) (local $nku i32) (local $f0 i32) (local $touch i32)
    ${set('nku', `(i32.sub ${g('nk')} (i32.const ${unroll - 1}))`)}
    ${set('f0', run ? `(i32.load ${g('feats')})` : '(i32.const 0)')}
    ${set('i', g('start'))}
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.ge_u ${g('i')} ${g('end')}))
      ${set('nb', `(i32.sub ${g('end')} ${g('i')})`)}
      (if (i32.gt_u ${g('nb')} (i32.const ${BLOCK_ROWS})) (then ${set('nb', `(i32.const ${BLOCK_ROWS})`)}))
      ${set('j', '(i32.const 0)')}
      (block $gather_done (loop $gather
        (br_if $gather_done (i32.ge_u ${g('j')} ${g('nb')}))
        ${set('r', `(i32.load ${add(g('idx'), shl(add(g('i'), g('j')), 2))})`)}
        ${set('rb', add(add(g('bins'), `(i32.mul ${g('r')} ${g('F')})`), g('f0')))}
        ${gather}
        (i32.store offset=16 ${rec} ${g('rb')})
        ${set('touch', `(i32.add ${g('touch')} (i32.add (i32.load8_u ${g('rb')}) (i32.load8_u ${add(g('rb'), last)})))`)}
        ${set('j', add(g('j'), '(i32.const 1)'))}
        (br $gather)))
      ${set('j', '(i32.const 0)')}
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_u ${g('j')} ${g('nb')}))
        ${unpack}
        ${set('rb', `(i32.load offset=16 ${rec})`)}
        ${set('k', '(i32.const 0)')}
        (block $wide_done (loop $wide
          (br_if $wide_done (i32.ge_s ${g('k')} ${g('nku')}))
          ${set('ko', shl(g('k'), 2))}
          ${unrolled}
          ${set('k', add(g('k'), `(i32.const ${unroll})`))}
          (br $wide)))
        (block $tail_done (loop $tail
          (br_if $tail_done (i32.ge_s ${g('k')} ${g('nk')}))
          ${set('ko', shl(g('k'), 2))}
          ${update(0)}
          ${set('k', add(g('k'), '(i32.const 1)'))}
          (br $tail)))
        ${set('j', add(g('j'), '(i32.const 1)'))}
        (br $rows)))
      ${set('i', add(g('i'), g('nb')))}
      (br $blocks)))
    ;; a use of the touches the optimizer cannot drop; when it does store, it is into the block records, which are scratch
    (if (i32.eq ${g('touch')} (i32.const -1)) (then (i32.store ${g('scr')} ${g('touch')})))
  )`;
}

/**
 * Split src[start, end) by codes[row] (one feature's column-major codes) through lut (1 = left): left rows in order to
 * left[start..), right rows in order to right[start..). Returns the left count. `left` may be `src`: the write position
 * never passes the read position. Branch-free, like the JavaScript kernel.
 */
const partition = `
  (func (export "partition") (param $src i32) (param $left i32) (param $right i32) (param $codes i32) (param $lut i32)
      (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $l i32) (local $r i32) (local $row i32) (local $side i32)
    ${set('i', g('start'))} ${set('l', g('start'))} ${set('r', g('start'))}
    (block $done (loop $rows
      (br_if $done (i32.ge_u ${g('i')} ${g('end')}))
      ${set('row', `(i32.load ${add(g('src'), shl(g('i'), 2))})`)}
      ${set('side', `(i32.load8_u ${add(g('lut'), `(i32.load8_u ${add(g('codes'), g('row'))})`)})`)}
      (i32.store ${add(g('left'), shl(g('l'), 2))} ${g('row')})
      (i32.store ${add(g('right'), shl(g('r'), 2))} ${g('row')})
      ${set('l', add(g('l'), g('side')))}
      ${set('r', add(g('r'), `(i32.sub (i32.const 1) ${g('side')})`))}
      ${set('i', add(g('i'), '(i32.const 1)'))}
      (br $rows)))
    (i32.sub ${g('l')} ${g('start')})
  )`;

const f64x2 = (v: number): string => `(v128.const f64x2 ${v.toPrecision(17)} ${v.toPrecision(17)})`;

/**
 * Logloss gradients of rows [from, to), two rows per step in f64x2: p = 1/(1 + e^-s) with -s clamped to ±EXP_LIMIT,
 * g = p - y, h = max(p(1-p), 1e-16), stored interleaved. e^x is exp.ts's sequence: k = nearest(x/ln2) (ties to even),
 * r = (x - k·ln2hi) - k·ln2lo, the Taylor polynomial by Estrin's scheme, then k added to the exponent bits (exact: the
 * result is a normal number); an odd last row runs the same lanes.
 */
function loglossGradients(): string {
  // Estrin's scheme, as exp.ts: b0 = (1 + r) + (K2 + K3·r)·r², b1 = (K4 + K5·r) + (K6 + K7·r)·r², b2 = (K8 + K9·r) + (K10 + K11·r)·r²,
  // p = (b0 + b1·r⁴) + (b2 + (K12 + K13·r)·r⁴)·r⁸
  const K = EXP_COEFFS;
  const lin = (a: number): string => `(f64x2.add ${f64x2(K[a])} (f64x2.mul ${f64x2(K[a + 1])} ${g('r')}))`;
  const fma = (a: string, b: string, c: string): string => `(f64x2.add ${a} (f64x2.mul ${b} ${g(c)}))`;
  const poly = (): string => {
    const b0 = fma(`(f64x2.add ${f64x2(1)} ${g('r')})`, lin(2), 'r2');
    const b1 = fma(lin(4), lin(6), 'r2');
    const b2 = fma(lin(8), lin(10), 'r2');
    return fma(fma(b0, b1, 'r4'), fma(b2, lin(12), 'r4'), 'r8');
  };
  const step = (load: (p: string) => string, store: string): string => `
      ${set('x', `(f64x2.min ${f64x2(EXP_LIMIT)} (f64x2.max ${f64x2(-EXP_LIMIT)} (f64x2.neg ${load(add(g('scores'), shl(g('i'), 3)))})))`)}
      ${set('k', `(f64x2.nearest (f64x2.mul ${g('x')} ${f64x2(INV_LN2)}))`)}
      ${set('r', `(f64x2.sub (f64x2.sub ${g('x')} (f64x2.mul ${g('k')} ${f64x2(LN2_HI)})) (f64x2.mul ${g('k')} ${f64x2(LN2_LO)}))`)}
      ${set('r2', `(f64x2.mul ${g('r')} ${g('r')})`)} ${set('r4', `(f64x2.mul ${g('r2')} ${g('r2')})`)} ${set('r8', `(f64x2.mul ${g('r4')} ${g('r4')})`)}
      ${set('e', `(i64x2.add ${poly()} (i64x2.shl (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero ${g('k')})) (i32.const 52)))`)}
      ${set('p', `(f64x2.div ${f64x2(1)} (f64x2.add ${f64x2(1)} ${g('e')}))`)}
      ${set('gv', `(f64x2.sub ${g('p')} ${load(add(g('y'), shl(g('i'), 3)))})`)}
      ${set('hv', `(f64x2.max (f64x2.mul ${g('p')} (f64x2.sub ${f64x2(1)} ${g('p')})) ${f64x2(1e-16)})`)}
      ${store}`;
  const pairAt = (a: string): string => `(v128.load ${a})`;
  const oneAt = (a: string): string => `(v128.load64_zero ${a})`;
  const gh = add(g('gh'), shl(g('i'), 4));
  return `
  (func (export "logloss_gradients") (param $scores i32) (param $y i32) (param $gh i32) (param $from i32) (param $to i32)
    (local $i i32) (local $x v128) (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $r8 v128) (local $e v128) (local $p v128) (local $gv v128) (local $hv v128)
    ${set('i', g('from'))}
    (block $pairs_done (loop $pairs
      (br_if $pairs_done (i32.ge_s (i32.add ${g('i')} (i32.const 1)) ${g('to')}))
      ${step(pairAt, `(v128.store ${gh} (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 ${g('gv')} ${g('hv')}))
      (v128.store offset=16 ${gh} (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 ${g('gv')} ${g('hv')}))`)}
      ${set('i', add(g('i'), '(i32.const 2)'))}
      (br $pairs)))
    (if (i32.lt_s ${g('i')} ${g('to')}) (then
      ${step(oneAt, `(v128.store ${gh} (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 ${g('gv')} ${g('hv')}))`)}))
  )`;
}

/** Exact gradient sums of rows idx[start, end), in list order, into out[0] (g) and out[1] (h). */
const leafSum = `
  (func (export "leaf_sum") (param $idx i32) (param $gh i32) (param $start i32) (param $end i32) (param $out i32)
    (local $i i32) (local $a i32) (local $G f64) (local $H f64)
    ${set('i', g('start'))}
    (block $done (loop $rows
      (br_if $done (i32.ge_u ${g('i')} ${g('end')}))
      ${set('a', add(g('gh'), shl(`(i32.load ${add(g('idx'), shl(g('i'), 2))})`, 4)))}
      ${set('G', `(f64.add ${g('G')} (f64.load ${g('a')}))`)}
      ${set('H', `(f64.add ${g('H')} (f64.load offset=8 ${g('a')}))`)}
      ${set('i', add(g('i'), '(i32.const 1)'))}
      (br $rows)))
    (f64.store ${g('out')} ${g('G')})
    (f64.store offset=8 ${g('out')} ${g('H')})
  )`;

/** scores[idx[i]] += v for i in [start, end) */
const addValue = `
  (func (export "add_value") (param $idx i32) (param $scores i32) (param $start i32) (param $end i32) (param $v f64)
    (local $i i32) (local $a i32)
    ${set('i', g('start'))}
    (block $done (loop $rows
      (br_if $done (i32.ge_u ${g('i')} ${g('end')}))
      ${set('a', add(g('scores'), shl(`(i32.load ${add(g('idx'), shl(g('i'), 2))})`, 3)))}
      (f64.store ${g('a')} (f64.add (f64.load ${g('a')}) ${g('v')}))
      ${set('i', add(g('i'), '(i32.const 1)'))}
      (br $rows)))
  )`;

/**
 * Quantized gradients of rows [from, to) (quantize.ts): u = hash(i ^ seed) / 2^32, q = floor(g·gs + u)·M + floor(h·hs + u),
 * the same integer hash (imul and shifts) and the same IEEE operations as the JavaScript.
 */
const quantize = `
  (func (export "quantize") (param $gh i32) (param $q i32) (param $from i32) (param $to i32) (param $seed i32)
      (param $gs f64) (param $hs f64) (param $M f64)
    (local $i i32) (local $x i32) (local $u f64) (local $a i32)
    ${set('i', g('from'))}
    (block $done (loop $rows
      (br_if $done (i32.ge_u ${g('i')} ${g('to')}))
      ${set('x', `(i32.xor ${g('i')} ${g('seed')})`)}
      ${set('x', `(i32.mul (i32.xor ${g('x')} (i32.shr_u ${g('x')} (i32.const 16))) (i32.const 0x7feb352d))`)}
      ${set('x', `(i32.mul (i32.xor ${g('x')} (i32.shr_u ${g('x')} (i32.const 15))) (i32.const 0x846ca68b))`)}
      ${set('x', `(i32.xor ${g('x')} (i32.shr_u ${g('x')} (i32.const 16)))`)}
      ${set('u', `(f64.div (f64.convert_i32_u ${g('x')}) (f64.const 4294967296))`)}
      ${set('a', add(g('gh'), shl(g('i'), 4)))}
      (f64.store ${add(g('q'), shl(g('i'), 3))}
        (f64.add
          (f64.mul (f64.floor (f64.add (f64.mul (f64.load ${g('a')}) ${g('gs')}) ${g('u')})) ${g('M')})
          (f64.floor (f64.add (f64.mul (f64.load offset=8 ${g('a')}) ${g('hs')}) ${g('u')}))))
      ${set('i', add(g('i'), '(i32.const 1)'))}
      (br $rows)))
  )`;

/** The module's text: it imports the workspace's shared memory as env.memory. */
export function kernelsWat(): string {
  return `(module
  (import "env" "memory" (memory 1 65536 shared))
  ${histogram('hist_packed_run', 'packed', true, 4)}
  ${histogram('hist_packed_some', 'packed', false, 2)}
  ${histogram('hist_gh_run', 'gh', true, 4)}
  ${histogram('hist_gh_some', 'gh', false, 2)}
  ${partition}
  ${loglossGradients()}
  ${leafSum}
  ${addValue}
  ${quantize}
)
`;
}
