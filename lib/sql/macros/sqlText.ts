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
export const WS = String.raw`[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`;

/** `name(args) as body` as a create-or-replace macro statement. */
export const macro = (signature: string, body: string) => `create or replace macro ${signature} as ${body.trim()};`;
