// Value encodings between TypeScript and portable SQL columns: JSON text, exact doubles (NaN/±Infinity/-0), float64 and byte blobs.
import type { Json } from './types.ts';

/**
 * A metric value travels as two columns. SQLite stores NaN as NULL and -0 as 0; Postgres drivers send non-finite
 * doubles as strings. So only finite, non-negative-zero values go in the double column (`numberColumn`), and the
 * rest go in a text column (`numberText`) as 'NaN', 'Infinity', '-Infinity' or '-0'. Two functions, no object:
 * they run once per row of 100k-row batches.
 */
export function numberColumn(v: number): number | null {
  return Number.isFinite(v) && !Object.is(v, -0) ? v : null;
}

export function numberText(v: number): string | null {
  if (Number.isFinite(v) && !Object.is(v, -0)) return null;
  return Object.is(v, -0) ? '-0' : String(v);
}

export function decodeNumber(value: number | null, valueText: string | null): number {
  if (valueText !== null) return Number(valueText);
  return Number(value);
}

export function toJsonText(v: Json): string {
  return JSON.stringify(v) ?? 'null';
}

export function fromJsonText(text: string): Json {
  return JSON.parse(text) as Json;
}

export function fromJsonTextOrNull(text: string | null): Json | null {
  return text === null ? null : fromJsonText(text);
}

/** float64 little-endian, exact for every double including NaN and ±Infinity. */
export function encodeFloat64(values: readonly number[]): Buffer {
  const buf = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i], i * 8);
  return buf;
}

export function decodeFloat64(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}

/** A view for the driver: no copy. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A plain Uint8Array copy (drivers return Buffers, whose pooled memory the caller should not keep). */
export function toUint8Array(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
