/** The YAML file beside the models of a folder (dbt style), validated so a typo is reported, not ignored. */
import { z } from 'zod';

const severity = z.enum(['warn', 'error']).default('error');
const withSeverity = z.object({ severity }).strict();

const testSpec = z.union([
  z.enum(['unique', 'not_null']),
  z.object({ unique: withSeverity.extend({ columns: z.array(z.string()).min(1).optional() }).strict() }).strict(),
  z.object({ not_null: withSeverity }).strict(),
  z
    .object({
      accepted_values: withSeverity
        .extend({ values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) })
        .strict(),
    })
    .strict(),
  z
    .object({
      relationships: withSeverity
        .extend({
          to: z.string().regex(/^ref\(\s*'[^']+'\s*\)$/, "write to: ref('model')"),
          field: z.string(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      // `name`: the test's record name when its SQL calls a per-engine macro (models/README.md).
      expression: z.union([z.string(), withSeverity.extend({ sql: z.string(), name: z.string().optional() }).strict()]),
    })
    .strict(),
]);
export type TestSpec = z.infer<typeof testSpec>;

const stringList = z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

const modelConfig = z
  .object({
    materialized: z.enum(['view', 'table', 'incremental']).optional(),
    unique_key: stringList.optional(),
    watermark: z.string().optional(),
    date_column: z.string().optional(),
    lookback_days: z.number().int().nonnegative().optional(),
    source_watermark: z
      .string()
      .regex(/^[A-Za-z_]\w*$/)
      .optional(),
    stream: z.string().optional(),
    serving_index: z.boolean().optional(),
  })
  .strict();

const qualified = z.string().regex(/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/, 'write schema.table');

/** A source the models read with {{ source('schema', 'table') }} (dbt style: schema → tables → columns). */
const sourceSchema = z
  .object({
    name: z.string(),
    description: z.string().default(''),
    tables: z
      .array(
        z
          .object({
            name: z.string(),
            description: z.string().default(''),
            columns: z
              .array(
                z
                  .object({ name: z.string(), data_type: z.string().min(1), description: z.string().default('') })
                  .strict(),
              )
              .default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** Rows given to or expected from a unit test: column → value (dates as 'YYYY-MM-DD', lists as lists). */
const rows = z.array(z.record(z.string(), z.unknown())).default([]);

/** dbt-style unit test: given rows for a model's ref()s and source()s, the rows it must return. */
const unitTestSchema = z
  .object({
    name: z.string().regex(/^\w+$/, 'a unit test name is a word (letters, digits, _)'),
    model: z.string(),
    description: z.string().default(''),
    vars: z
      .object({ as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write as_of as YYYY-MM-DD') })
      .strict()
      .optional(),
    /** Configuration values replaced for this test, by dotted path (e.g. publicity.timely_working_days). */
    config: z.record(z.string(), z.unknown()).default({}),
    given: z
      .array(
        z
          .object({
            input: z
              .string()
              .regex(
                /^(ref\('\w+'\)|source\('\w+', *'\w+'\))$/,
                "write input: ref('model') or source('schema', 'table')",
              ),
            rows,
          })
          .strict(),
      )
      .default([]),
    expect: z.object({ rows }).strict(),
  })
  .strict();
export type UnitTestYaml = z.infer<typeof unitTestSchema>;

export const folderYaml = z
  .object({
    sources: z.array(sourceSchema).default([]),
    unit_tests: z.array(unitTestSchema).default([]),
    models: z
      .array(
        z
          .object({
            name: z.string(),
            description: z.string().default(''),
            config: modelConfig.default({}),
            columns: z
              .array(
                z
                  .object({
                    name: z.string(),
                    description: z.string().default(''),
                    // DuckDB's type exactly as `describe` prints it; declared on every column of a model, it
                    // becomes the model's contract test (data-tests.ts).
                    data_type: z.string().min(1).optional(),
                    tests: z.array(testSpec).default([]),
                  })
                  .strict(),
              )
              .default([]),
            tests: z.array(testSpec).default([]),
          })
          .strict(),
      )
      .default([]),
    snapshots: z
      .array(
        z
          .object({
            name: z.string(),
            source: qualified,
            scope: z.string(),
            key: z.string().default('_key'),
            // Defaults: the ingest's load log, which already marks full snapshots and extract dates.
            files: z
              .object({
                table: qualified.default('ingest.files'),
                id: z.string().default('file_id'),
                name: z.string().default('file_name'),
                loaded_date: z.string().default('ingested_date'),
                is_full: z.string().nullable().default('is_full_snapshot'),
                extract_date: z.string().nullable().default('extract_date'),
              })
              .strict()
              .default({
                table: 'ingest.files',
                id: 'file_id',
                name: 'file_name',
                loaded_date: 'ingested_date',
                is_full: 'is_full_snapshot',
                extract_date: 'extract_date',
              }),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type FolderYaml = z.infer<typeof folderYaml>;
