/** Pieces several contracts share: subject kinds, conditions over the subject, common enums. */

export const SUBJECT_KINDS = {
  法人及非法人组织: '法人及非法人组织',
  自然人: '自然人',
  个体工商户: '个体工商户',
} as const;

/** sources.md: when 行政相对人类别 is absent or not one of its values it is inferred from the codes. */
export const inferSubjectKind = (kind: string, uscc: string, idText: string): string => `coalesce(
    ${kind},
    case
      when cs_uscc_valid(${uscc}) and starts_with(${uscc}, '92') then '个体工商户'
      when cs_uscc_valid(${uscc}) then '法人及非法人组织'
      when ${idText} is not null then '自然人'
    end)`;

export const IS_ORGANISATION = `subject_kind = '法人及非法人组织'`;
export const IS_ORG_OR_INDIVIDUAL_BUSINESS = `subject_kind in ('法人及非法人组织', '个体工商户')`;
export const IS_NATURAL_PERSON = `subject_kind = '自然人'`;

/** A business-key part: the USCC when delivered (normalised), else the normalised name. */
export const usccElseName = (uscc: string, name: string): string => `coalesce(${uscc}, cs_norm(${name}))`;

export const identity = (values: readonly string[]): Record<string, string> =>
  Object.fromEntries(values.map((v) => [v, v]));
