// HTML building: the one escaping helper (`esc`), a tagged template that escapes every interpolation, and layout pieces.

/** Markup that is already safe: only `html`, `raw` literals and the helpers below make one. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Anything that may be interpolated: `Html` is inserted as is, everything else is escaped as text. */
export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escaping helper: safe in element text and in quoted attribute values (HTML and SVG). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function isList(part: Part): part is readonly Part[] {
  return Array.isArray(part);
}

function render(part: Part): string {
  if (part instanceof Html) return part.value;
  if (isList(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return esc(String(part));
}

/** Tagged template: literal text is markup, every `${…}` is escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...parts: readonly Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + strings[i + 1];
  return new Html(out);
}

/** Join parts into one piece of markup (escaping the non-`Html` ones). */
export function join(parts: readonly Part[], separator: Html = new Html('')): Html {
  return new Html(parts.map(render).join(separator.value));
}

export type Tone = 'good' | 'bad' | 'warn' | 'muted' | 'info';

export function badge(text: string, tone: Tone): Html {
  return html`<span class="badge ${tone}">${text}</span>`;
}

/** A cell spanning several columns, or carrying a class. */
export interface Cell {
  readonly cell: Part;
  readonly span?: number;
  readonly className?: 'num' | 'mono' | 'selected';
}

export type Row = readonly (Part | Cell)[];

function isCell(x: Part | Cell): x is Cell {
  return typeof x === 'object' && x !== null && !(x instanceof Html) && !isList(x as Part) && 'cell' in x;
}

function td(x: Part | Cell): Html {
  if (!isCell(x)) return html`<td>${x}</td>`;
  const span = x.span && x.span > 1 ? html` colspan="${x.span}"` : '';
  const cls = x.className ? html` class="${x.className}"` : '';
  return html`<td${span}${cls}>${x.cell}</td>`;
}

export function num(cell: Part): Cell {
  return { cell, className: 'num' };
}

export function mono(cell: Part): Cell {
  return { cell, className: 'mono' };
}

/** A table; `rowClass` marks rows (e.g. the selected model). */
export function table(head: readonly Part[], rows: readonly Row[], rowClass?: (i: number) => string | undefined): Html {
  const body = rows.map((r, i) => {
    const cls = rowClass?.(i);
    return html`<tr${cls ? html` class="${cls}"` : ''}>${r.map(td)}</tr>`;
  });
  return html`<div class="scroll"><table><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Two-column label/value list. */
export function pairs(items: readonly (readonly [Part, Part])[]): Html {
  return html`<dl class="pairs">${items.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

export function section(id: string, title: string, ...body: readonly Part[]): Html {
  return html`<section id="${id}"><h2>${title}</h2>${body}</section>`;
}

export function note(text: Part): Html {
  return html`<p class="note">${text}</p>`;
}

/** A JSON value shown as preformatted, escaped text. */
export function jsonBlock(value: unknown): Html {
  return html`<pre class="json">${JSON.stringify(value, null, 2) ?? 'null'}</pre>`;
}
