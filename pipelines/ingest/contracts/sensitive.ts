/**
 * Which delivered headers hold identity numbers (masked for most roles) and which name the delivering
 * department (used to show a department user its own quarantined rows). Both are read off the source
 * contracts, so a new alias in a contract is covered here without a change.
 */
import { CONTRACTS, type FieldSpec } from './index.js';

const headersOf = (f: FieldSpec): string[] => [f.header, ...(f.aliases ?? [])];
const allFields = (): FieldSpec[] => Object.values(CONTRACTS).flatMap((c) => [...c.fields]);

/** Fields typed id_number, and court_dishonest's 身份证号码/组织机构代码 (an id number for natural persons). */
export const IDENTITY_HEADERS: ReadonlySet<string> = new Set(
  allFields()
    .filter((f) => f.type === 'id_number' || f.name === 'id_or_org_code')
    .flatMap(headersOf),
);

/** Column names (in marts and profiles) that hold identity numbers. */
export const IDENTITY_COLUMNS: ReadonlySet<string> = new Set(['id_number', 'legal_rep_id_number', 'person_id']);

/** rules.md §7: a record's department is its 数据来源单位, else its authority. */
export const DEPARTMENT_HEADERS: readonly string[] = [
  ...new Set(
    allFields()
      .filter((f) => f.name === 'department' || f.name === 'authority')
      .flatMap(headersOf),
  ),
];
