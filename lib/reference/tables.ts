/**
 * Loads the hand-edited CSV files into `ref` tables and checks what the models rely on
 * (codes well formed and unique, parents present, one domain per priority).
 */
import { literal, type Db } from '../db.js';
import { checkHeader } from './csv-header.js';
import { expectNone } from './checks.js';
import { referencePath, REFERENCE_FILES, type ReferenceFile } from './files.js';

function readCsv(path: string, columns: Record<string, string>): string {
  const cols = Object.entries(columns)
    .map(([name, type]) => `${literal(name)}: ${literal(type)}`)
    .join(', ');
  // Fixed types: codes such as '01' must stay strings, and a typo must fail instead of being sniffed.
  return (
    `read_csv(${literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `columns = {${cols}})`
  );
}

async function createFromCsv(
  db: Db,
  dir: string,
  file: ReferenceFile,
  table: string,
  columns: Record<string, string>,
  select: string,
): Promise<void> {
  const path = referencePath(dir, file);
  checkHeader(path, Object.keys(columns));
  await db.run(`create or replace table ref.${table} as select ${select} from ${readCsv(path, columns)}`);
}

const V = 'VARCHAR';

export async function loadSections(db: Db, dir: string): Promise<void> {
  const f = REFERENCE_FILES.sections;
  await createFromCsv(
    db,
    dir,
    'sections',
    'sections',
    { section: V, name: V },
    'trim(section) as section, trim(name) as name',
  );
  await expectNone(
    db,
    f,
    'a section is one capital letter with a name',
    `select * from ref.sections where not regexp_full_match(coalesce(section, ''), '[A-Z]') or coalesce(name, '') = ''`,
  );
  await expectNone(
    db,
    f,
    'sections must be unique',
    `select section from ref.sections group by section having count(*) > 1`,
  );
}

export async function loadDivisions(db: Db, dir: string): Promise<void> {
  const f = REFERENCE_FILES.divisions;
  await createFromCsv(
    db,
    dir,
    'divisions',
    'divisions',
    { division: V, section: V, name: V },
    'trim(division) as division, trim(section) as section, trim(name) as name',
  );
  await expectNone(
    db,
    f,
    'a division is two digits with a name',
    `select * from ref.divisions
     where not regexp_full_match(coalesce(division, ''), '[0-9]{2}') or coalesce(name, '') = ''`,
  );
  await expectNone(
    db,
    f,
    'divisions must be unique',
    `select division from ref.divisions group by division having count(*) > 1`,
  );
  await expectNone(
    db,
    f,
    'every division belongs to a listed section',
    `select division, section from ref.divisions anti join ref.sections using (section)`,
  );
}

export async function loadRegions(db: Db, dir: string): Promise<void> {
  const f = REFERENCE_FILES.regions;
  await createFromCsv(
    db,
    dir,
    'regions',
    'regions',
    { code: V, name: V, level: V, parent: V },
    "trim(code) as region_code, trim(name) as name, trim(level) as level, nullif(trim(parent), '') as parent_code",
  );
  await expectNone(
    db,
    f,
    'a county has a 6-digit code, a township a 9-digit one',
    `select region_code, level from ref.regions
     where not ((level = 'county' and regexp_full_match(region_code, '[0-9]{6}'))
             or (level = 'township' and regexp_full_match(region_code, '[0-9]{9}')))`,
  );
  await expectNone(
    db,
    f,
    'region codes must be unique',
    `select region_code from ref.regions group by region_code having count(*) > 1`,
  );
  await expectNone(
    db,
    f,
    'a township belongs to a listed county whose code starts it',
    `select t.region_code, t.parent_code
     from ref.regions t left join ref.regions c on c.region_code = t.parent_code and c.level = 'county'
     where t.level = 'township' and (c.region_code is null or not starts_with(t.region_code, c.region_code))`,
  );
}

export async function loadAuthorityDomains(db: Db, dir: string): Promise<void> {
  const f = REFERENCE_FILES.authorityDomains;
  await createFromCsv(
    db,
    dir,
    'authorityDomains',
    'authority_domains',
    { priority: 'INTEGER', keyword: V, domain: V, label: V },
    'priority, trim(keyword) as keyword, trim(domain) as domain, trim(label) as label',
  );
  await expectNone(
    db,
    f,
    'every row needs a positive priority, a keyword, a domain code and a label',
    `select * from ref.authority_domains
     where priority is null or priority < 1 or coalesce(keyword, '') = '' or coalesce(label, '') = ''
        or not regexp_full_match(coalesce(domain, ''), '[a-z][a-z_]*')`,
  );
  await expectNone(
    db,
    f,
    "'other' is the domain of names matching no row and cannot be listed",
    `select * from ref.authority_domains where domain = 'other'`,
  );
  await expectNone(
    db,
    f,
    'keywords must be unique',
    `select keyword from ref.authority_domains group by keyword having count(*) > 1`,
  );
  await expectNone(
    db,
    f,
    'rows of one priority must share one domain',
    `select priority from ref.authority_domains group by priority having count(distinct domain) > 1`,
  );
  await expectNone(
    db,
    f,
    'a domain has one label and one priority',
    `select domain from ref.authority_domains
     group by domain having count(distinct label) > 1 or count(distinct priority) > 1`,
  );
  await db.run(`
    create or replace table ref.domains as
    select domain, label from (
      select domain, any_value(label) as label, min(priority) as priority from ref.authority_domains group by domain
      union all
      select 'other', '其他', null
    )
    order by priority nulls last`);
  // rules.md §2 as a scalar: the first row in priority order whose keyword the name contains.
  await db.run(`
    create or replace macro ref.domain_of(authority) as coalesce(
      (select d.domain from ref.authority_domains d
       where contains(authority, d.keyword)
       order by d.priority, d.keyword limit 1),
      'other')`);
}
