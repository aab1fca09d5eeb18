/** Pieces several contracts share: subject kinds, conditions over the subject, common enums. */

export const SUBJECT_KINDS = {
  法人及非法人组织: '法人及非法人组织',
  自然人: '自然人',
  个体工商户: '个体工商户',
} as const;

/**
 * sources.md: when 行政相对人类别 is absent or not one of its values it is inferred from the codes.
 * `<uscc>__valid` is the validity the loader computes beside every parsed USCC.
 */
export const inferSubjectKind = (kind: string, uscc: string, idText: string): string => `coalesce(
    ${kind},
    case
      when ${uscc}__valid then case when starts_with(${uscc}, '92') then '个体工商户' else '法人及非法人组织' end
      when ${idText} is not null then '自然人'
    end)`;
// (The validity is named once: the load inlines it, and a repeated expression would be computed for
// every row by DuckDB's common-subexpression elimination instead of only where the CASE reaches it.)

import type { FieldSpec } from './types.js';

export const IS_ORGANISATION = `subject_kind = '法人及非法人组织'`;
export const IS_ORG_OR_INDIVIDUAL_BUSINESS = `subject_kind in ('法人及非法人组织', '个体工商户')`;
export const IS_NATURAL_PERSON = `subject_kind = '自然人'`;

/** A business-key part: the USCC when delivered (normalised), else the normalised name. */
export const usccElseName = (uscc: string, name: string): string => `coalesce(${uscc}, cs_norm(${name}))`;

export const identity = (values: readonly string[]): Record<string, string> =>
  Object.fromEntries(values.map((v) => [v, v]));

/**
 * The subject's identity fields of the 双公示 catalogue, shared by penalties (CF_) and licences (XK_):
 * the same Chinese headers, with the national codes of both generations under the source's prefix.
 * The 信用中国 template's 行政相对人代码_1(统一社会信用代码) … _6(社会组织登记证号) need no alias: header
 * matching reads the field named in the brackets (lib/headerMappings/headerKey.ts).
 */
export function subjectFields(p: 'CF' | 'XK'): FieldSpec[] {
  return [
    {
      name: 'subject_name',
      header: '行政相对人名称',
      aliases: [`${p}_XDR_MC`, ...(p === 'XK' ? ['XK_XDR'] : [])],
      type: 'text',
      required: 'blocking',
    },
    // ★, but inferred when absent or invalid (see the derived subject_kind and the quarantine rule).
    {
      name: 'subject_kind_delivered',
      header: '行政相对人类别',
      aliases: [`${p}_XDR_LB`],
      type: 'enum',
      values: SUBJECT_KINDS,
    },
    {
      name: 'uscc',
      header: '统一社会信用代码',
      aliases: [`${p}_XDR_SHXYM`],
      type: 'uscc',
      required: 'recommended',
      requiredWhen: IS_ORG_OR_INDIVIDUAL_BUSINESS,
      validWhen: IS_ORG_OR_INDIVIDUAL_BUSINESS,
    },
    { name: 'business_reg_no', header: '工商注册号', aliases: [`${p}_XDR_GSZC`, `${p}_XDR_GSDJ`], type: 'text' },
    { name: 'org_code', header: '组织机构代码', aliases: [`${p}_XDR_ZZJG`, `${p}_XDR_ZDM`], type: 'text' },
    { name: 'tax_reg_no', header: '税务登记号', aliases: [`${p}_XDR_SWDJ`], type: 'text' },
    { name: 'institution_cert_no', header: '事业单位证书号', aliases: [`${p}_XDR_SYDW`], type: 'text' },
    { name: 'social_org_reg_no', header: '社会组织登记证号', aliases: [`${p}_XDR_SHZZ`], type: 'text' },
    {
      name: 'legal_rep',
      header: '法定代表人',
      aliases: [`${p}_FRDB`, `${p}_FR`],
      type: 'text',
      required: 'recommended',
      requiredWhen: IS_ORGANISATION,
    },
    { name: 'legal_rep_id_type', header: '法定代表人证件类型', aliases: [`${p}_FR_ZJLX`], type: 'text' },
    { name: 'legal_rep_id_number', header: '法定代表人证件号码', aliases: [`${p}_FR_ZJHM`], type: 'id_number' },
    {
      name: 'id_type',
      header: '证件类型',
      aliases: [`${p}_XDR_ZJLX`],
      type: 'text',
      required: 'recommended',
      requiredWhen: IS_NATURAL_PERSON,
    },
    {
      name: 'id_number',
      header: '证件号码',
      aliases: [`${p}_XDR_ZJHM`, `${p}_XDR_SFZ`],
      type: 'id_number',
      required: 'recommended',
      requiredWhen: IS_NATURAL_PERSON,
    },
  ];
}
