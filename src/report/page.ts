// The page shell: a strict Content-Security-Policy (no scripts, no network), inline CSS, a header and a section index.
import { html, Html, type Part } from './html.ts';

/** Nothing may load or run: styles are inline, charts are inline SVG, there is no script. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A constant of this file, never data: inserted as markup. */
const CSS = `
:root { --fg:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f9fafb; --card:#fff; --accent:#2563eb;
  --good:#15803d; --good-bg:#dcfce7; --bad:#b91c1c; --bad-bg:#fee2e2; --warn:#92400e; --warn-bg:#fef3c7; --info-bg:#dbeafe; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header { background:#111827; color:#f9fafb; padding:20px 32px; }
header h1 { margin:0 0 4px; font-size:22px; font-weight:600; overflow-wrap:anywhere; }
header .meta { color:#9ca3af; font-size:13px; overflow-wrap:anywhere; }
header .cards { display:flex; flex-wrap:wrap; gap:12px; margin-top:14px; }
header .card { background:#1f2937; border-radius:8px; padding:8px 14px; min-width:150px; }
header .card .k { color:#9ca3af; font-size:12px; } header .card .v { font-size:16px; font-weight:600; overflow-wrap:anywhere; }
nav { position:sticky; top:0; z-index:1; background:#fff; border-bottom:1px solid var(--line); padding:8px 32px; font-size:13px; }
nav a { color:var(--accent); text-decoration:none; margin-right:14px; white-space:nowrap; }
main { max-width:1200px; margin:0 auto; padding:8px 32px 48px; }
section { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:16px 20px; margin:18px 0; }
h2 { margin:0 0 12px; font-size:17px; } h3 { font-size:14px; margin:16px 0 8px; color:#374151; }
.scroll { overflow-x:auto; }
table { border-collapse:collapse; font-size:13px; }
th, td { padding:5px 10px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; overflow-wrap:anywhere; }
th { background:#f3f4f6; font-weight:600; white-space:nowrap; }
td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.mono, .mono { font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12px; }
tr.selected td { background:#eff6ff; font-weight:600; } tr.reference td { color:var(--muted); font-style:italic; }
.badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px; font-weight:600; white-space:nowrap; }
.badge.good { color:var(--good); background:var(--good-bg); } .badge.bad { color:var(--bad); background:var(--bad-bg); }
.badge.warn { color:var(--warn); background:var(--warn-bg); } .badge.muted { color:var(--muted); background:#f3f4f6; }
.badge.info { color:#1e40af; background:var(--info-bg); }
.better { color:var(--good); } .worse { color:var(--bad); }
dl.pairs { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; margin:0; }
dl.pairs dt { color:var(--muted); } dl.pairs dd { margin:0; overflow-wrap:anywhere; }
.note { color:var(--muted); margin:8px 0; }
.charts { display:flex; flex-wrap:wrap; gap:16px; }
figure.chart { margin:0; border:1px solid var(--line); border-radius:8px; padding:6px; background:#fff; }
figure.chart svg { display:block; width:440px; max-width:100%; height:auto; }
svg text { font-family:system-ui, sans-serif; fill:#374151; } svg .title { font-size:13px; font-weight:600; }
svg .tick { font-size:10px; fill:#6b7280; } svg .guide-label { paint-order:stroke; stroke:#fff; stroke-width:3px; } svg .label { font-size:11px; }
svg .grid { stroke:#f0f0f0; } svg .frame { fill:none; stroke:#d1d5db; }
svg .guide { stroke:#9ca3af; stroke-dasharray:4 3; } svg .series { fill:none; stroke-width:2; stroke-linejoin:round; }
svg .dots circle { fill-opacity:.45; } svg .markers circle { stroke:#fff; stroke-width:1; }
ul.legend { list-style:none; display:flex; flex-wrap:wrap; gap:4px 14px; padding:0 8px; margin:4px 0 0; font-size:12px; max-width:440px; }
ul.legend li { overflow-wrap:anywhere; } .swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:5px; }
pre.json { background:#f3f4f6; padding:8px; border-radius:6px; font-size:12px; white-space:pre-wrap; overflow-wrap:anywhere; margin:4px 0; max-height:260px; overflow:auto; }
details summary { cursor:pointer; color:var(--accent); font-size:12px; white-space:nowrap; }
.cols { display:grid; grid-template-columns:repeat(auto-fit, minmax(240px, 1fr)); gap:0 32px; }
.bar { background:var(--info-bg); height:10px; border-radius:3px; min-width:1px; }
td.heat { text-align:right; font-variant-numeric:tabular-nums; }
@media print { nav { display:none; } section { break-inside:avoid; } }
`;

export interface HeaderCard {
  readonly label: string;
  readonly value: Part;
}

export interface PageParts {
  readonly title: string;
  readonly subtitle: string;
  readonly cards: readonly HeaderCard[];
  readonly index: readonly (readonly [id: string, title: string])[];
  readonly body: readonly Html[];
}

export function page(p: PageParts): string {
  const cards = p.cards.map((c) => html`<div class="card"><div class="k">${c.label}</div><div class="v">${c.value}</div></div>`);
  const links = p.index.map(([id, title]) => html`<a href="#${id}">${title}</a>`);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<style>${new Html(CSS)}</style>
</head>
<body>
<header><h1>${p.title}</h1><div class="meta">${p.subtitle}</div><div class="cards">${cards}</div></header>
<nav>${links}</nav>
<main>
${p.body}
</main>
</body>
</html>
`.value;
}
