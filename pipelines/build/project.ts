/**
 * Reads a models folder: one model per `.sql` file (its name is the model's name), one YAML file per
 * folder for descriptions, configuration and tests, and singular tests as `.sql` files under `tests/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../lib/errors.js';
import { compileTest, singularTest } from './data-tests.js';
import { contractTest } from './contract-test.js';
import { parseTokens, TemplateError } from './template.js';
import type {
  DataTest,
  Materialized,
  Model,
  ModelConfig,
  Project,
  SnapshotDecl,
  SourceDecl,
  UnitTestDecl,
} from './types.js';
import { unitTestDecl } from './unit-test-decl.js';
import { folderYaml, type FolderYaml } from './yaml-schema.js';

/** Staging only renames and casts (cheap views); marts are what pages read, so they are tables. */
const LAYER_DEFAULT: Record<string, Materialized> = { staging: 'view', intermediate: 'view', marts: 'table' };

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function readFolderYaml(file: string, rel: string): FolderYaml {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new InputError(`${rel} is not valid YAML: ${(e as Error).message}`);
  }
  const parsed = folderYaml.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new InputError(`${rel} is not a valid model YAML file:\n${issues}`);
  }
  return parsed.data;
}

function checkConfig(name: string, c: ModelConfig): void {
  if (c.materialized !== 'incremental') return;
  const byKey = c.unique_key !== undefined || c.watermark !== undefined;
  const byDate = c.date_column !== undefined;
  if (byKey === byDate) {
    throw new InputError(
      `model ${name}: an incremental model needs either unique_key + watermark or date_column (+ lookback_days)`,
    );
  }
  if (byKey && (!c.unique_key || !c.watermark)) {
    throw new InputError(`model ${name}: incremental by key needs both unique_key and watermark`);
  }
}

/**
 * A model reading only its sources' new rows must depend on nothing else: no other model and no
 * variable (an as-of would change old rows too).
 */
function checkSourceWatermark(m: Model): void {
  if (!m.config.source_watermark) return;
  if (!m.config.watermark)
    throw new InputError(`model ${m.name}: source_watermark needs incremental by key (unique_key + watermark)`);
  if (m.refs.length || m.tokens.some((t) => t.kind === 'var')) {
    throw new InputError(`model ${m.name}: source_watermark is for models that read sources only (no ref(), no var())`);
  }
}

/** A serving index is a table, and only other serving indexes read it (no engine-side model may need it). */
function checkServingIndexes(models: Map<string, Model>): void {
  for (const m of models.values()) {
    if (m.config.serving_index && m.config.materialized !== 'table')
      throw new InputError(`model ${m.name}: a serving_index is materialized as a table`);
    const read = m.config.serving_index ? [] : m.refs.filter((r) => models.get(r)?.config.serving_index);
    if (read.length)
      throw new InputError(`model ${m.name} reads ${read.join(', ')}, a serving_index that only the pages may read`);
  }
}

/** A stream is one of the model's refs, and the rows it feeds are merged by key. */
function checkStream(m: Model): void {
  const stream = m.config.stream;
  if (!stream) return;
  if (m.config.materialized !== 'incremental' || !m.config.watermark) {
    throw new InputError(`model ${m.name}: stream needs incremental by key (unique_key + watermark)`);
  }
  if (m.config.source_watermark)
    throw new InputError(`model ${m.name}: stream and source_watermark exclude each other`);
  if (!m.refs.includes(stream)) throw new InputError(`model ${m.name}: its stream ${stream} is not one of its ref()s`);
}

/**
 * Once a project declares its sources, a model may read only those (snapshots are declared apart), so a
 * typo'd or new source is caught before a build rather than as a missing warehouse table.
 */
function checkSourcesDeclared(models: Map<string, Model>, sources: Map<string, SourceDecl>): void {
  if (sources.size === 0) return;
  const undeclared = [...models.values()].flatMap((m) =>
    m.sources
      .filter((s) => s.schema !== 'snapshots' && !sources.has(`${s.schema}.${s.table}`))
      .map((s) => `model ${m.name} (${m.path}) reads source('${s.schema}', '${s.table}')`),
  );
  if (undeclared.length)
    throw new InputError(`undeclared source(s); declare them in _sources.yml:\n  ${undeclared.join('\n  ')}`);
}

function split(qualified: string): { schema: string; table: string } {
  const [schema = '', table = ''] = qualified.split('.');
  return { schema, table };
}

export function loadProject(dir: string): Project {
  const models = new Map<string, Model>();
  const tests: DataTest[] = [];
  const snapshots = new Map<string, SnapshotDecl>();
  const sources = new Map<string, SourceDecl>();
  const unitTests: UnitTestDecl[] = [];
  const yamls: Array<{ rel: string; doc: FolderYaml }> = [];
  if (!existsSync(dir)) throw new InputError(`no models folder at ${dir}`);
  try {
    for (const file of walk(dir)) {
      const rel = relative(dir, file);
      const parts = rel.split(sep);
      if (file.endsWith('.yml') || file.endsWith('.yaml')) {
        yamls.push({ rel, doc: readFolderYaml(file, rel) });
      } else if (file.endsWith('.sql') && parts.includes('tests')) {
        tests.push(singularTest(basename(file, '.sql'), readFileSync(file, 'utf8'), rel));
      } else if (file.endsWith('.sql')) {
        const name = basename(file, '.sql');
        const other = models.get(name);
        if (other) throw new InputError(`two models are named ${name}: ${other.path} and ${rel}`);
        const sql = readFileSync(file, 'utf8');
        const tokens = parseTokens(sql, rel);
        const layer = parts.length > 1 ? (parts[0] ?? '') : '';
        models.set(name, {
          name,
          path: rel,
          layer,
          sql,
          tokens,
          refs: [...new Set(tokens.filter((t) => t.kind === 'ref').map((t) => t.args[0] ?? ''))],
          sources: tokens
            .filter((t) => t.kind === 'source')
            .map((t) => ({ schema: t.args[0] ?? '', table: t.args[1] ?? '' }))
            .filter((s, i, all) => all.findIndex((x) => x.schema === s.schema && x.table === s.table) === i),
          config: { materialized: LAYER_DEFAULT[layer] ?? 'view' },
          description: '',
          columns: [],
        });
      }
    }
  } catch (e) {
    if (e instanceof TemplateError) throw new InputError(e.message);
    throw e;
  }

  for (const { rel, doc } of yamls) {
    for (const entry of doc.models) {
      const model = models.get(entry.name);
      if (!model) throw new InputError(`${rel} describes model ${entry.name}, but no ${entry.name}.sql exists`);
      const config: ModelConfig = { ...model.config };
      for (const [k, v] of Object.entries(entry.config)) if (v !== undefined) Object.assign(config, { [k]: v });
      checkConfig(model.name, config);
      model.config = config;
      checkSourceWatermark(model);
      checkStream(model);
      model.description = entry.description;
      model.columns = entry.columns.map(({ name, description, data_type }) => ({
        name,
        description,
        ...(data_type === undefined ? {} : { data_type }),
      }));
      const contract = contractTest(model.name, model.columns, rel);
      if (contract) tests.push(contract);
      for (const t of entry.tests) tests.push(compileTest(t, model.name, undefined, rel));
      for (const c of entry.columns) for (const t of c.tests) tests.push(compileTest(t, model.name, c.name, rel));
    }
    for (const s of doc.sources) {
      for (const t of s.tables) {
        const key = `${s.name}.${t.name}`;
        if (sources.has(key)) throw new InputError(`${rel}: source ${key} is declared twice`);
        sources.set(key, {
          schema: s.name,
          table: t.name,
          columns: t.columns.map(({ name, data_type }) => ({ name, data_type })),
          path: rel,
        });
      }
    }
    for (const u of doc.unit_tests) unitTests.push(unitTestDecl(u, models, rel));
    for (const s of doc.snapshots) {
      snapshots.set(s.name, {
        name: s.name,
        ...split(s.source),
        scope: s.scope,
        key: s.key,
        files: { ...s.files, ...split(s.files.table) },
        path: rel,
      });
    }
  }
  // Two tests can read the same (e.g. a column declared twice); keep names unique so records stay apart.
  const seen = new Map<string, number>();
  for (const t of tests) {
    const n = (seen.get(t.name) ?? 0) + 1;
    seen.set(t.name, n);
    if (n > 1) t.name = `${t.name}#${n}`;
  }
  checkSourcesDeclared(models, sources);
  checkServingIndexes(models);
  const names = new Set<string>();
  for (const u of unitTests) {
    if (names.has(u.name)) throw new InputError(`${u.path}: two unit tests are named ${u.name}`);
    names.add(u.name);
  }
  return { dir, models, tests, snapshots, sources, unitTests };
}
