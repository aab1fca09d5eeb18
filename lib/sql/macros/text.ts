/**
 * Text normalisation macros: cs_nfkc, cs_norm, cs_norm_docno, cs_norm_code, cs_split_list — the SQL
 * twins of lib/validate/text.ts (sources.md "Normalisation").
 */
import {
  NFKC_CHANGED_CLASS,
  NFKC_CHANGED_EXCEPT_TOP_CLASS,
  NFKC_MULTI,
  NFKC_OTHER_CLASS,
  NFKC_SINGLE_FROM,
  NFKC_SINGLE_TO,
  NFKC_TOP_FROM,
  NFKC_TOP_TO,
} from './nfkcTable.js';
import { letIn, lit, macro, WS } from './sqlText.js';

// translate() rebuilds its lookup table for every row (6 s per million rows for the 225 full-width
// and half-width forms alone), and a constant used inside a lambda is copied for every list element
// (instr() over the 1,810 single mappings costs ~0.7 µs per character). So there are four paths:
// rows with nothing to change (most names) cost one regexp test; rows whose only changes are among
// （），：； and U+3000 get a six-entry translate(); rows whose only changes are other full-width
// ASCII (０-９Ａ-Ｚ［］…) are mapped by code-point arithmetic; only rows with
// other compatibility characters (Kangxi radicals, compatibility ideographs, ㈱ …) take the lookups.
const multiFrom = NFKC_MULTI.map(([from]) => from).join('');
// split_part() over one joined string: a list literal would be rebuilt for every character.
const SEP = '\u0001';
const multiTo = NFKC_MULTI.map(([, to]) => to).join(SEP);
const FULLWIDTH_OFFSET = 0xff01 - 0x21;

export function textMacrosSql(): string[] {
  return [
    macro(
      `cs__nfkc_char(c)`,
      `case
         when c < ${lit('\u00a0')} or c between ${lit('\u4e00')} and ${lit('\u9fff')} then c
         else coalesce(
           substr(${lit(NFKC_SINGLE_TO)}, nullif(instr(${lit(NFKC_SINGLE_FROM)}, c), 0), 1),
           nullif(split_part(${lit(multiTo)}, ${lit(SEP)}, instr(${lit(multiFrom)}, c)), ''),
           c)
       end`,
    ),
    macro(
      `cs__nfkc_fullwidth_char(c)`,
      `case
         when c between ${lit('\uff01')} and ${lit('\uff5e')} then chr(unicode(c) - ${FULLWIDTH_OFFSET})
         when c = ${lit('\u3000')} then ' '
         else c
       end`,
    ),
    macro(
      `cs_nfkc(s)`,
      `case
         when s is null or not regexp_matches(s, ${lit(NFKC_CHANGED_CLASS)}) then s
         when not regexp_matches(s, ${lit(NFKC_CHANGED_EXCEPT_TOP_CLASS)})
           then translate(s, ${lit(NFKC_TOP_FROM)}, ${lit(NFKC_TOP_TO)})
         when not regexp_matches(s, ${lit(NFKC_OTHER_CLASS)})
           then array_to_string(list_transform(string_split(s, ''), lambda c: cs__nfkc_fullwidth_char(c)), '')
         else array_to_string(list_transform(string_split(s, ''), lambda c: cs__nfkc_char(c)), '')
       end`,
    ),
    // NFKC first: it turns U+3000 and other spaces into ' ', which the class then removes.
    macro(`cs_norm(s)`, letIn(`regexp_replace(cs_nfkc(s), ${lit(WS)}, '', 'g')`, 'w', `case when w = '' then null else w end`)),
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
