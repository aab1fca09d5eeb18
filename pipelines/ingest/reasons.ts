/** Chinese messages for quarantine reasons and findings, for pages and department-facing lists. */

const REASONS: Record<string, (field: string) => string> = {
  missing_required: (f) => `缺少必填字段（★）「${f}」`,
  unreadable_date: (f) => `日期字段「${f}」无法识别`,
  unknown_subject_kind: () => '行政相对人类别缺失，且无法由统一社会信用代码或证件号码推断',
  unreadable_row: () => '该行无法解析（列数多于表头，或不是一个对象）',
  missing_recommended: (f) => `缺少国家标准要求字段（☆）「${f}」`,
  invalid_uscc: (f) => `「${f}」不是有效的统一社会信用代码`,
  uscc_org_code_check: (f) => `「${f}」中组织机构代码校验位不符（仅提示）`,
  invalid_number: (f) => `「${f}」不是有效数值`,
  probable_unit_error: (f) => `「${f}」疑似单位错误（金额异常大，请核对是否误按元填入万元栏）`,
  invalid_enum: (f) => `「${f}」的取值不在规定范围内`,
  inferred_subject_kind: () => '行政相对人类别缺失或无效，已由代码推断',
  negative_amount: (f) => `「${f}」为负数，请核对`,
  nul_character: (f) => `「${f}」含有空字符（NUL），疑似导出错误`,
  conflicting_duplicate: (f) => `「${f}」有多列（同名或别名），取值不一致，已取第一个非空值`,
};

/** `missing_required:处罚决定日期` → 缺少必填字段（★）「处罚决定日期」; an unknown code is returned as is. */
export function reasonMessage(code: string): string {
  const i = code.indexOf(':');
  const kind = i < 0 ? code : code.slice(0, i);
  const field = i < 0 ? '' : code.slice(i + 1);
  return REASONS[kind]?.(field) ?? code;
}
