/**
 * The departments the published build knows: those whose deliveries its publicity-quality mart measures,
 * which is also the name a department user's scope is matched against (lib/auth/scope.ts). A department
 * user named after anything else would see nothing, so creating one is checked against this list.
 */
import { openPublished } from './reader.js';
import { readPointer } from './pointer.js';

/** Sorted as people read Chinese names (pinyin); null when no build is published yet. */
export async function knownDepartments(dataDir: string): Promise<string[] | null> {
  const pointer = readPointer(dataDir);
  if (!pointer) return null;
  // A published build never changes: its departments are read once, not by opening it per page view.
  const held = readByDataDir.get(dataDir);
  if (held?.buildId === pointer.build_id) return [...(await held.departments)];
  const departments = readDepartments(dataDir);
  readByDataDir.set(dataDir, { buildId: pointer.build_id, departments });
  departments.catch(() => readByDataDir.get(dataDir)?.departments === departments && readByDataDir.delete(dataDir));
  return [...(await departments)];
}

const readByDataDir = new Map<string, { buildId: string; departments: Promise<string[]> }>();

async function readDepartments(dataDir: string): Promise<string[]> {
  const build = await openPublished(dataDir);
  try {
    const rows = await build.db.all<{ d: string }>(
      `select distinct department as d from publicity_quality where department is not null`,
    );
    return rows.map((r) => r.d).sort(new Intl.Collator('zh-CN').compare);
  } finally {
    build.close();
  }
}

/** Why `department` is refused (a sentence naming the known ones), or null when it is known. */
export function unknownDepartment(department: string, known: readonly string[]): string | null {
  if (known.includes(department)) return null;
  const near = known.filter((k) => k.includes(department) || department.includes(k)).slice(0, 5);
  const hint = near.length ? `；是否指：${near.join('、')}` : `；已知部门：${known.slice(0, 30).join('、')}`;
  return `部门「${department}」不在已发布数据的报送部门中${hint}`;
}
