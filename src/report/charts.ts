// Inline SVG charts (lines, dots, reference guides) on linear axes with nice ticks; every label goes through `html`.
import { html, type Html } from './html.ts';

export type Point = readonly [number, number];

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
  /** 'line' joins points, 'dots' marks each, 'both' does both (default 'line') */
  readonly mark?: 'line' | 'dots' | 'both';
}

/** A reference line: y = x, or a horizontal line at y. */
export type Guide = { readonly kind: 'diagonal' } | { readonly kind: 'horizontal'; readonly y: number; readonly label?: string };

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly xDomain?: Point;
  readonly yDomain?: Point;
  readonly guides?: readonly Guide[];
}

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#ca8a04'] as const;

const W = 440;
const H = 300;
const M = { left: 58, right: 16, top: 30, bottom: 44 } as const;
const MAX_LINE_POINTS = 600;
const MAX_DOTS = 2000;

interface Frame {
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly xd: Point;
  readonly yd: Point;
}

export function color(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** One chart as a <figure>: the SVG plus an HTML legend (long or hostile names wrap as plain text). */
export function chart(spec: ChartSpec): Html {
  const frame = frameFor(spec);
  const svg = html`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${spec.title}">
<text class="title" x="${W / 2}" y="18" text-anchor="middle">${spec.title}</text>
${axes(frame, spec)}${(spec.guides ?? []).map((g) => guide(g, frame))}${spec.series.map((s, i) => seriesMarks(s, i, frame))}</svg>`;
  return html`<figure class="chart">${svg}${legend(spec.series)}</figure>`;
}

function legend(series: readonly Series[]): Html {
  if (series.length < 2) return html``;
  const items = series.map((s, i) => html`<li><span class="swatch" style="background:${color(i)}"></span>${s.name}</li>`);
  return html`<figcaption><ul class="legend">${items}</ul></figcaption>`;
}

function frameFor(spec: ChartSpec): Frame {
  const all = spec.series.flatMap((s) => s.points).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const xd = spec.xDomain ?? padded(all.map((p) => p[0]));
  const yd = spec.yDomain ?? padded(all.map((p) => p[1]).concat(horizontalGuides(spec)));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  return {
    xd,
    yd,
    x: (v) => M.left + ((v - xd[0]) / (xd[1] - xd[0])) * pw,
    y: (v) => M.top + ph - ((v - yd[0]) / (yd[1] - yd[0])) * ph,
  };
}

function horizontalGuides(spec: ChartSpec): number[] {
  return (spec.guides ?? []).flatMap((g) => (g.kind === 'horizontal' ? [g.y] : []));
}

/** Data range with 5% padding; a degenerate range is widened so the scale stays finite. */
export function padded(values: readonly number[]): Point {
  if (values.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) return [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** About `target` round tick values (steps of 1, 2 or 5 × 10^k) inside [lo, hi]. */
export function ticks(lo: number, hi: number, target = 5): number[] {
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).reduce((best, s) => (Math.abs((hi - lo) / s - target) < Math.abs((hi - lo) / best - target) ? s : best));
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

/** Tick labels with just enough decimals for the tick step (0, 0.2, 0.4 — not 0.200). */
export function tickLabels(values: readonly number[]): string[] {
  const step = values.length > 1 ? Math.abs(values[1] - values[0]) : Math.abs(values[0] ?? 1) || 1;
  const big = values.some((v) => Math.abs(v) >= 1e6);
  const decimals = Math.min(8, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return values.map((v) => (big ? v.toExponential(1) : v.toFixed(decimals)));
}

function axes(f: Frame, spec: ChartSpec): Html {
  const bottom = H - M.bottom;
  const xv = ticks(f.xd[0], f.xd[1]);
  const yv = ticks(f.yd[0], f.yd[1]);
  const xl = tickLabels(xv);
  const yl = tickLabels(yv);
  const xt = xv.map((v, i) => html`<line class="grid" x1="${c(f.x(v))}" x2="${c(f.x(v))}" y1="${M.top}" y2="${bottom}"/><text class="tick" x="${c(f.x(v))}" y="${bottom + 14}" text-anchor="middle">${xl[i]}</text>`);
  const yt = yv.map((v, i) => html`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${c(f.y(v))}" y2="${c(f.y(v))}"/><text class="tick" x="${M.left - 5}" y="${c(f.y(v)) + 3}" text-anchor="end">${yl[i]}</text>`);
  const frame = html`<rect class="frame" x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${bottom - M.top}"/>`;
  const labels = html`<text class="label" x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${spec.xLabel}</text><text class="label" transform="translate(14 ${(M.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${spec.yLabel}</text>`;
  return html`${xt}${yt}${frame}${labels}`;
}

function guide(g: Guide, f: Frame): Html {
  if (g.kind === 'diagonal') {
    const lo = Math.max(f.xd[0], f.yd[0]);
    const hi = Math.min(f.xd[1], f.yd[1]);
    return html`<line class="guide" x1="${c(f.x(lo))}" y1="${c(f.y(lo))}" x2="${c(f.x(hi))}" y2="${c(f.y(hi))}"/>`;
  }
  const y = c(f.y(g.y));
  const label = g.label ? html`<text class="tick guide-label" x="${M.left + 6}" y="${y - 4}">${g.label}</text>` : '';
  return html`<line class="guide" x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}"/>${label}`;
}

function seriesMarks(s: Series, i: number, f: Frame): Html {
  const mark = s.mark ?? 'line';
  const line = mark === 'dots' ? '' : html`<path class="series" d="${path(thin(s.points, MAX_LINE_POINTS), f)}" stroke="${color(i)}"/>`;
  const dots = mark === 'line' ? '' : html`<g fill="${color(i)}" class="${mark === 'dots' ? 'dots' : 'markers'}">${thin(s.points, MAX_DOTS).filter(isFinitePoint).map(([x, y]) => html`<circle cx="${c(f.x(x))}" cy="${c(f.y(y))}" r="${mark === 'dots' ? 1.8 : 3}"/>`)}</g>`;
  return html`<g><title>${s.name}</title>${line}${dots}</g>`;
}

function isFinitePoint(p: Point): boolean {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** SVG path data; a non-finite point breaks the line. */
function path(points: readonly Point[], f: Frame): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!isFinitePoint(p)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${c(f.x(p[0]))} ${c(f.y(p[1]))}`;
    pen = true;
  }
  return d;
}

/** At most `max` points, evenly strided, always keeping the first and the last. */
export function thin<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points;
  const stride = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * stride)]);
}

function c(v: number): number {
  return Math.round(v * 10) / 10;
}
