/**
 * Text normalisation macros: cs_nfkc, cs_norm, cs_norm_docno, cs_norm_code, cs_split_list — the SQL
 * twins of lib/validate/text.ts (sources.md "Normalisation").
 */
import {
  NFKC_CHANGED_CLASS,
  NFKC_COMMON_FROM,
  NFKC_COMMON_TO,
  NFKC_MULTI,
  NFKC_MULTI_CLASS,
  NFKC_RARE_CLASS,
  NFKC_RARE_FROM,
  NFKC_RARE_TO,
} from './nfkcTable.js';
import { lit, listLit, macro, WS } from './sqlText.js';

// translate() builds its lookup table for every row, so its cost grows with the table: most names
// have nothing to change (one regexp test), most of the rest only need full-width forms (a 225-entry
// table); the 1,585 rare single mappings and the multi-character ones are applied only when present.
const rareOrMulti = `${NFKC_RARE_CLASS.slice(0, -1)}${NFKC_MULTI_CLASS.slice(1)}`;

export function textMacrosSql(): string[] {
  return [
    macro(
      `cs__nfkc_multi(s)`,
      `case when regexp_matches(s, ${lit(NFKC_MULTI_CLASS)})
         then array_to_string(
           list_transform(string_split(s, ''),
             lambda c: coalesce(${listLit(NFKC_MULTI.map(([, to]) => to))}[list_position(${listLit(NFKC_MULTI.map(([from]) => from))}, c)], c)),
           '')
         else s end`,
    ),
    macro(
      `cs_nfkc(s)`,
      `case
         when s is null or not regexp_matches(s, ${lit(NFKC_CHANGED_CLASS)}) then s
         when not regexp_matches(s, ${lit(rareOrMulti)}) then translate(s, ${lit(NFKC_COMMON_FROM)}, ${lit(NFKC_COMMON_TO)})
         else cs__nfkc_multi(translate(s, ${lit(NFKC_COMMON_FROM + NFKC_RARE_FROM)}, ${lit(NFKC_COMMON_TO + NFKC_RARE_TO)}))
       end`,
    ),
    // NFKC first: it turns U+3000 and other spaces into ' ', which the class then removes.
    macro(`cs_norm(s)`, `nullif(regexp_replace(cs_nfkc(s), ${lit(WS)}, '', 'g'), '')`),
    // After NFKC, full-width （）［］ are ASCII already; 【】〔〕 have no compatibility mapping.
    macro(`cs_norm_docno(s)`, `translate(cs_norm(s), '[【(]】)', '〔〔〔〕〕〕')`),
    macro(`cs_norm_code(s)`, `upper(cs_norm(s))`),
    macro(
      `cs_split_list(s)`,
      `list_filter(
         list_transform(regexp_split_to_array(cs_nfkc(s), '[;,、]'),
           lambda x: regexp_replace(x, ${lit(`^${WS}+|${WS}+$`)}, '', 'g')),
         lambda x: x <> '')`,
    ),
  ];
}
