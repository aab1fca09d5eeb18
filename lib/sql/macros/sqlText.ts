/** Small helpers for writing macro SQL from TypeScript. */
import { literal } from '../../db.js';

/** A SQL string literal (constants inside macros cannot be bound parameters). */
export const lit = literal;

/** A SQL list literal of strings. */
export const listLit = (items: readonly string[]) => `[${items.map(lit).join(', ')}]`;

/**
 * Whitespace as JavaScript's `\s` sees it, as an RE2 class (RE2's own `\s` lacks \v, U+00A0, U+3000 …),
 * so that cs_norm removes exactly what norm() in lib/validate/text.ts removes.
 */
export const WS =
  String.raw`[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}` +
  String.raw`\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`;

/** `name(args) as body` as a create-or-replace macro statement. */
export const macro = (signature: string, body: string) => `create or replace macro ${signature} as ${body.trim()};`;

/**
 * `let name = value in body`. A macro argument is copied into every place it is used, so a nested
 * call such as cs_id_valid(cs_id_norm(s)) would otherwise repeat the whole NFKC expression dozens of
 * times; a one-element list_transform evaluates `value` once and costs little.
 */
export const letIn = (value: string, name: string, body: string) =>
  `list_transform([${value}], lambda ${name}: ${body.trim()})[1]`;

/** Σ (value of character i) × weight i over a string `b`, evaluated with one reference to `b`. */
export const weightedSum = (b: string, charValue: (c: string) => string, weights: readonly number[]) => {
  const values = `list_transform(string_split(${b}, ''), lambda c: (${charValue('c')})::double)`;
  return `list_dot_product(${values}, [${weights.join(', ')}]::double[])::integer`;
};
