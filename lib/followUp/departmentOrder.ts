/**
 * Departments in the order of the district's establishment list (编制序列, `reports.department_order`),
 * as official documents list them: listed departments first in that order, the others after them by
 * name (pinyin), the coordinator last when `coordinatorLast` (a circular's annexes end with it).
 */
const collator = new Intl.Collator('zh-CN');

export function establishmentOrder(
  order: readonly string[],
  coordinator: string | null = null,
): (a: string, b: string) => number {
  const rank = new Map(order.map((d, i) => [d, i]));
  const place = (d: string) => (d === coordinator ? Number.MAX_SAFE_INTEGER : (rank.get(d) ?? order.length));
  return (a, b) => place(a) - place(b) || collator.compare(a, b);
}

export function sortDepartments(
  departments: Iterable<string>,
  order: readonly string[],
  coordinator: string | null = null,
): string[] {
  return [...new Set(departments)].sort(establishmentOrder(order, coordinator));
}
