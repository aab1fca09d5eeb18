import { z } from 'zod';

const days = z.number().int().positive();
const fraction = z.number().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const period = z.union([
  z.object({ months: z.number().int().positive() }).strict(),
  z.object({ years: z.number().int().positive() }).strict(),
]);
const minMax = z.object({ min: period, max: period }).strict();
const level = z.enum(['red', 'orange', 'yellow', 'green']);
const pgServer = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) }).strict();

export const SOURCE_NAMES = [
  'penalties',
  'licenses',
  'court_dishonest',
  'serious_list',
  'attention_list',
  'commitments',
  'tax_credit',
  'public_rating',
  'utilities',
  'enterprises',
  'key_projects',
  'project_parties',
  'repairs',
  'objections',
  'screening_reports',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const INDICATOR_IDS = [
  'publicity_timeliness',
  'publicity_compliance',
  'uscc_error_rate',
  'water_records_ratio',
  'electricity_records_ratio',
  'tax_records_ratio',
  'gas_records_ratio',
  'commitment_records_ratio',
  'excellent_rating_share',
  'medium_or_below_share',
  'good_or_above_share',
  'a_grade_taxpayer_share',
  'serious_dishonest_share',
] as const;

/** Indicators of the supervision loop (docs/rules.md), in their own dataset beside rules.md §8's. */
export const SUPERVISION_INDICATOR_IDS = [
  'serious_list_exit_share',
  'repairs_in_time_share',
  'government_court_listed',
] as const;

/** Effective-dated like publication.versions: the first from null, then in increasing order. */
const versioned = <T extends z.ZodTypeAny>(version: T) =>
  z
    .array(version)
    .min(1)
    .refine(
      (v) => (v[0] as { from: string | null } | undefined)?.from === null,
      'the first version must have from: null',
    )
    .refine(
      (v) =>
        (v as Array<{ from: string | null }>).every(
          (x, i, all) => i === 0 || (x.from !== null && (all[i - 1]!.from ?? '') < x.from),
        ),
      'versions must be in increasing order of from',
    );

const measure = z.enum(['告知', '约谈', '培训']);

/** What a credit check reports an entity for (interfaces.md `lists` and `flags`): the measures' keys. */
export const CHECK_KINDS = [
  'serious_list',
  'court_dishonest',
  'attention_list',
  'repeat_violator',
  'cross_domain_violator',
  'persistent_violator',
] as const;

const checkMeasure = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case code such as restrict_procurement'),
    measure: z.string().min(1),
    basis: z.string().min(1),
    kinds: z.array(z.enum(CHECK_KINDS)).min(1),
  })
  .strict();
/** Kinds of 佐证材料 a follow-up action may carry, recognised by their content (lib/followUp/attachments.ts). */
export const ATTACHMENT_TYPES = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'ofd'] as const;

/** The scorecard's factors (docs/rules.md "Credit grades"), each with its points in `grades.versions[].points`. */
export const GRADE_FACTORS = [
  'serious_list',
  'court_dishonest',
  'attention_list',
  'business_anomaly',
  'penalty_minor',
  'penalty_general',
  'penalty_serious',
  'broken_commitment',
  'kept_commitment',
  'utility_arrears',
] as const;
export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;

const points = z.number().int();
const gradeVersion = z
  .object({
    from: isoDate.nullable(),
    source: z.string(),
    base_score: points,
    cutoffs: z
      .object({ A: points, B: points, C: points })
      .strict()
      .refine((c) => c.A > c.B && c.B > c.C, 'cut-offs must fall from A to C'),
    straight_to_d: z.array(z.enum(GRADE_FACTORS)),
    penalty_window_days: days,
    commitment_window_days: days,
    points: z
      .object(
        Object.fromEntries(GRADE_FACTORS.map((f) => [f, points])) as Record<
          (typeof GRADE_FACTORS)[number],
          typeof points
        >,
      )
      .strict(),
    kept_commitment_max: z.number().int().min(0),
    tax_grade: z.object({ A: points, B: points, M: points, C: points, D: points }).strict(),
    public_rating: z.object({ 优: points, 良: points, 中: points, 差: points }).strict(),
    inspection_ratio: z
      .object(
        Object.fromEntries(CREDIT_GRADES.map((g) => [g, z.number().min(0).max(1)])) as Record<
          (typeof CREDIT_GRADES)[number],
          z.ZodNumber
        >,
      )
      .strict(),
  })
  .strict();

export const configSchema = z
  .object({
    timezone: z.string().min(1),
    ingest: z
      .object({
        header_search_rows: days,
        header_min_matches: days,
        unit_error_threshold_wan: z.number().positive(),
        long_term_year: z.number().int().min(2000),
        excel_serial_min: z.number().int().min(0),
        excel_serial_max: z.number().int().positive(),
        progress_every_rows: days,
        settle_seconds: z.number().min(0),
        header_mappings_file: z.string().min(1),
      })
      .strict(),
    severity: z
      .object({
        minor_fine_max_yuan_organisation: z.number().nonnegative(),
        minor_fine_max_yuan_natural_person: z.number().nonnegative(),
      })
      .strict(),
    publication: z
      .object({
        versions: z
          .array(
            z
              .object({
                from: isoDate.nullable(),
                source: z.string(),
                general: minMax,
                serious: minMax,
              })
              .strict(),
          )
          .min(1)
          .refine((v) => v[0]?.from === null, 'the first version must have from: null')
          .refine(
            (v) => v.every((x, i) => i === 0 || (x.from !== null && (v[i - 1]!.from ?? '') < x.from)),
            'versions must be in increasing order of from',
          ),
        minor_publication_by_domain: z.record(z.string(), period),
      })
      .strict(),
    flags: z
      .object({
        repeat_window_days: days,
        repeat_min_events: days,
        cross_domain_window_days: days,
        cross_domain_min_domains: days,
        legal_rep_min_entities: days,
      })
      .strict(),
    key_projects: z
      .object({
        severe_penalty_window_days: days,
        counted_penalty_window_days: days,
        broken_commitment_window_days: days,
        utility_arrears_min_months: days,
        watch_list: z.array(z.string()),
      })
      .strict(),
    publicity: z.object({ timely_working_days: days }).strict(),
    indicators: z
      .array(
        z
          .object({
            id: z.enum(INDICATOR_IDS),
            comparator: z.enum(['>=', '>', '<', '<=']),
            target: fraction,
          })
          .strict(),
      )
      .refine((v) => new Set(v.map((x) => x.id)).size === v.length, 'indicator ids must be unique'),
    indicator_window_days: days,
    heatmap: z
      .object({
        months: days,
        // The heatmap page's default minimum of active enterprises for a cell's rate to be shaded (issue 18 item 13).
        min_enterprises: z.number().int().min(0).default(5),
      })
      .strict(),
    warnings: z
      .object({
        levels: z.record(z.string(), level),
        source_expected_interval_days: z.record(z.enum(SOURCE_NAMES), days),
        source_expected_interval_unit: z.enum(['working_days', 'calendar_days']).default('working_days'),
        follow_up_escalation_working_days: days.default(5),
        digest: z
          .object({ enabled: z.boolean(), link_base_url: z.string().url().nullable() })
          .strict()
          .default({ enabled: false, link_base_url: null }),
      })
      .strict(),
    exits: z
      .object({
        versions: versioned(
          z
            .object({
              from: isoDate.nullable(),
              source: z.string(),
              time_limit_working_days: days,
              serious_list_minimum: period,
            })
            .strict(),
        ),
        lookback_days: days,
      })
      .strict(),
    supervision_indicators: z
      .array(
        z
          .object({
            id: z.enum(SUPERVISION_INDICATOR_IDS),
            comparator: z.enum(['>=', '>', '<', '<=']),
            target: fraction,
          })
          .strict(),
      )
      .refine((v) => new Set(v.map((x) => x.id)).size === v.length, 'indicator ids must be unique'),
    government_integrity: z
      .object({ uscc_prefixes: z.array(z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}$/, 'two USCC characters')).min(1) })
      .strict(),
    calendar: z.object({ coverage_warning_days: days }).strict(),
    builds: z
      .object({
        keep: days,
        memory_limit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 12GB')
          .nullable(),
        // Where scheduled and manual builds run unless `--engine` says otherwise (postgres: `postgres:` below).
        engine: z.enum(['duckdb', 'postgres']).default('duckdb'),
      })
      .strict(),
    server: z
      .object({
        port: z.number().int().min(0).max(65535),
        trust_proxy: z.union([z.boolean(), z.number().int().nonnegative(), z.string().min(1)]),
        login: z
          .object({
            free_failures: z.number().int().min(1),
            address_free_failures: z.number().int().min(1),
            max_delay_seconds: z.number().int().min(1),
            account_lockout_failures: z.number().int().min(1),
            address_lockout_failures: z.number().int().min(1),
            lockout_minutes: z.number().positive(),
          })
          .strict(),
      })
      .strict(),
    schedules: z.object({ ingest: z.string(), build: z.string() }).catchall(z.string()),
    reports: z
      .object({
        issuing_office: z.string().min(1),
        number_prefix: z.string().min(1),
        coordinator: z.string().min(1),
        measures: z
          .object({ repeat_violator: measure, cross_domain_violator: measure, persistent_violator: measure })
          .strict(),
        due_working_days: days,
        day_of_month: z.number().int().min(1).max(28),
        time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
        email: z
          .object({
            enabled: z.boolean(),
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535),
            secure: z.boolean(),
            user: z.string().nullable(),
            password: z.string().nullable(),
            from: z.string().min(1),
            recipients: z.record(z.string(), z.string().min(3)),
          })
          .strict(),
        copy_to: z.array(z.string().min(1)).default([]),
        printed_by: z.string().min(1).nullable().default(null),
        department_order: z.array(z.string().min(1)).default([]),
        copy_only: z.array(z.string().min(1)).default([]),
        domain_departments: z.record(z.string(), z.string().min(1)).default({}),
        current_data_days: days.default(31),
        attachments: z
          .object({
            max_bytes: z.number().int().min(1024),
            types: z.array(z.enum(ATTACHMENT_TYPES)).min(1),
          })
          .strict()
          .default({ max_bytes: 10 * 1024 * 1024, types: [...ATTACHMENT_TYPES] }),
        brief: z
          .object({ compiled_by: z.string().min(1).nullable(), send_to: z.string().nullable() })
          .strict()
          .default({ compiled_by: null, send_to: null }),
      })
      .strict(),
    checks: z
      .object({
        max_subjects: days,
        purposes: z.array(z.string().min(1)).min(1),
        suggestions: z
          .object({ max_names: z.number().int().min(0), per_name: days, min_similarity: z.number().min(0).max(1) })
          .strict(),
        measures: z
          .object({
            versions: z
              .array(
                z
                  .object({ from: isoDate.nullable(), source: z.string(), catalogue: z.array(checkMeasure) })
                  .strict()
                  .refine(
                    (v) => new Set(v.catalogue.map((m) => m.code)).size === v.catalogue.length,
                    'measure codes must be unique within a version',
                  ),
              )
              .min(1)
              .refine((v) => v[0]?.from === null, 'the first version must have from: null')
              .refine(
                (v) => v.every((x, i) => i === 0 || (x.from !== null && (v[i - 1]!.from ?? '') < x.from)),
                'versions must be in increasing order of from',
              ),
          })
          .strict(),
      })
      .strict(),
    credit_report: z
      .object({
        issuing_office: z.string().min(1),
        number_prefix: z.string().min(1),
        special_years: z.number().int().min(1).max(10),
        verify_base_url: z.string().url().nullable(),
      })
      .strict(),
    // `sentinel build --engine postgres` (issue 16, docs/scale-out.md): the coordinator, the workers the
    // sharded tables are partitioned across (none: one server), and which sources are sharded by uscc.
    postgres: z
      .object({
        coordinator: pgServer,
        workers: z.array(pgServer).default([]),
        user: z.string().min(1),
        password: z.string().nullable().default(null),
        database: z.string().min(1),
        connect_timeout_seconds: z.number().positive().default(10),
        sharded_tables: z.array(z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'schema.table')).default([]),
        shards_per_worker: z.number().int().min(1).default(2),
        // Coordinator connections the models phase runs independent models on at once.
        model_connections: z.number().int().min(1).max(64).default(2),
      })
      .strict()
      .default({
        coordinator: { host: '127.0.0.1', port: 5432 },
        workers: [],
        user: 'postgres',
        password: null,
        database: 'postgres',
        connect_timeout_seconds: 10,
        sharded_tables: [],
        shards_per_worker: 2,
        model_connections: 2,
      }),
    lists: z
      .object({
        versions: versioned(
          z
            .object({
              from: isoDate.nullable(),
              source: z.string(),
              red: z
                .object({
                  grade: z.enum(['A', 'B', 'C', 'D']),
                  clean_years: days,
                  tax_grade: z.enum(['A', 'B', 'M', 'C', 'D']),
                  no_list_entry: z.boolean(),
                })
                .strict(),
              black: z.object({ serious_list: z.boolean(), persistent_violator: z.boolean() }).strict(),
            })
            .strict(),
        ),
        history_months: z.number().int().min(1).max(120),
        issuing_office: z.string().min(1),
        number_prefix: z.string().min(1),
      })
      .strict(),
    grades: z
      .object({
        versions: z
          .array(gradeVersion)
          .min(1)
          .refine((v) => v[0]?.from === null, 'the first version must have from: null')
          .refine(
            (v) => v.every((x, i) => i === 0 || (x.from !== null && (v[i - 1]!.from ?? '') < x.from)),
            'versions must be in increasing order of from',
          ),
      })
      .strict(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
