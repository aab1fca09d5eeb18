/**
 * The datasets of interfaces.md: the export name, the mart that holds it in a published build, and its
 * columns in order. Exports and the HTTP API both read through this table, so they cannot disagree.
 */

export interface DatasetSpec {
  name: string;
  /** The mart table in the published build (not used by `quarantine`, which reads the loads). */
  table: string;
  columns: readonly string[];
  /** An entity list: leaders may not read it (interfaces.md rights). */
  entityList: boolean;
}

const spec = (name: string, columns: string[], entityList: boolean): DatasetSpec => ({
  name,
  table: name.replaceAll('-', '_'),
  columns,
  entityList,
});

export const DATASETS: readonly DatasetSpec[] = [
  spec(
    'repeat-violators',
    ['uscc', 'name', 'domain', 'event_count', 'first_event_date', 'last_event_date', 'event_ids'],
    true,
  ),
  spec(
    'cross-domain-violators',
    ['uscc', 'name', 'domain_count', 'domains', 'event_count', 'first_event_date', 'last_event_date'],
    true,
  ),
  spec('persistent-violators', ['uscc', 'name', 'report_date', 'events_after_report'], true),
  spec('legal-rep-links', ['person_id_masked', 'legal_rep_name', 'entity_count', 'usccs'], true),
  spec('key-project-risk', ['project_id', 'project_name', 'risk_level', 'signal_count', 'signals'], true),
  spec(
    'publicity-quality',
    ['department', 'month', 'records', 'timely', 'timely_rate', 'compliant', 'compliance_rate', 'rank'],
    false,
  ),
  spec('indicators', ['indicator_id', 'value', 'target', 'comparator', 'met'], false),
  spec('sector-heatmap', ['sector', 'region_code', 'month', 'events', 'enterprises', 'rate_per_100'], false),
  spec(
    'warnings',
    ['warning_id', 'kind', 'subject_id', 'subject_name', 'level', 'status', 'first_seen', 'evidence'],
    true,
  ),
  spec('quarantine', ['source', 'file', 'row_number', 'reason', 'raw'], true),
  // docs/rules.md "Credit grades": factors is an array of {factor, points, evidence}.
  spec('credit-grades', ['uscc', 'name', 'grade', 'score', 'factors'], true),
  // docs/rules.md "Exits and repairs", "Government integrity", "Supervision indicators" (issue 14 §2, §4).
  spec(
    'exits',
    [
      'item_id',
      'kind',
      'department',
      'record_id',
      'uscc',
      'name',
      'trigger_date',
      'due_date',
      'status',
      'completed_date',
    ],
    true,
  ),
  spec(
    'government-integrity',
    [
      'uscc',
      'name',
      'registration_category',
      'court_case_count',
      'broken_commitment_count',
      'arrears_account_count',
      'evidence',
    ],
    true,
  ),
  spec('supervision-indicators', ['indicator_id', 'value', 'target', 'comparator', 'met'], false),
  // docs/rules.md "Red and black lists" (issue 14 §3): the as-of month's 红名单 and 黑名单, entity lists.
  spec('red-list', ['uscc', 'name', 'score', 'tax_year'], true),
  spec('black-list', ['uscc', 'name', 'reasons', 'serious_entries'], true),
];

/**
 * Datasets of the product's own records, beside those of interfaces.md (and outside the generator's
 * answer key): read from their store under DIR, not from a build. `checks`: credit checks per checking
 * department and month (逢办必查 coverage, docs/check.md).
 */
export const PRODUCT_DATASETS: readonly DatasetSpec[] = [
  spec(
    'checks',
    [
      'department',
      'month',
      'checks',
      'subjects',
      'restricted',
      'caution',
      'clear',
      'unresolved',
      'granted_despite_restricted',
    ],
    false,
  ),
];

export function datasetSpec(name: string): DatasetSpec | undefined {
  return DATASETS.find((d) => d.name === name) ?? PRODUCT_DATASETS.find((d) => d.name === name);
}

export const DATASET_NAMES = [...DATASETS, ...PRODUCT_DATASETS].map((d) => d.name);
