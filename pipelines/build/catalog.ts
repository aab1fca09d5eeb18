/**
 * The model catalogue behind `sentinel docs`: every model with its description, configuration, column
 * docs (and column types when a build is published), its tests, and the lineage graph from sources
 * through models to tests — data for the server to show.
 */
import type { Db } from '../../lib/db.js';
import type { Project } from './types.js';

export interface Catalog {
  models: Array<{
    name: string;
    path: string;
    layer: string;
    materialized: string;
    description: string;
    depends_on: { models: string[]; sources: string[] };
    columns: Array<{ name: string; description: string; type: string | null; tests: string[] }>;
    tests: string[];
  }>;
  tests: Array<{ name: string; kind: string; severity: string; models: string[]; column: string | null; path: string }>;
  lineage: {
    nodes: Array<{ id: string; kind: 'source' | 'model'; layer?: string }>;
    edges: Array<{ from: string; to: string }>;
  };
  build: { build_id: string; as_of: string } | null;
}

/** `db`: the published build, if any, to add the actual column types. */
export async function buildCatalog(
  project: Project,
  db?: Db,
  build?: { build_id: string; as_of: string },
): Promise<Catalog> {
  const types = new Map<string, Array<{ name: string; type: string }>>();
  if (db) {
    const rows = await db.all<{ t: string; c: string; type: string }>(
      `select table_name as t, column_name as c, data_type as type from duckdb_columns()
       where database_name = current_database() and schema_name = 'main' order by table_name, column_index`,
    );
    for (const r of rows) types.set(r.t, [...(types.get(r.t) ?? []), { name: r.c, type: r.type }]);
  }
  const sourceId = (s: { schema: string; table: string }) => `source:${s.schema}.${s.table}`;
  const models = [...project.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  const testsOf = (model: string, column?: string) =>
    project.tests
      .filter((t) => t.models[0] === model && (column === undefined || t.column === column))
      .map((t) => t.name);

  const nodes: Catalog['lineage']['nodes'] = [];
  const edges: Catalog['lineage']['edges'] = [];
  const seenSources = new Set<string>();
  for (const m of models) {
    nodes.push({ id: `model:${m.name}`, kind: 'model', layer: m.layer });
    for (const r of m.refs) edges.push({ from: `model:${r}`, to: `model:${m.name}` });
    for (const s of m.sources) {
      const id = sourceId(s);
      if (!seenSources.has(id)) {
        seenSources.add(id);
        nodes.push({ id, kind: 'source' });
      }
      edges.push({ from: id, to: `model:${m.name}` });
    }
  }

  return {
    build: build ?? null,
    models: models.map((m) => {
      const actual = types.get(m.name);
      const documented = new Map(m.columns.map((c) => [c.name, c.description]));
      const names = actual ? actual.map((c) => c.name) : m.columns.map((c) => c.name);
      for (const c of m.columns) if (!names.includes(c.name)) names.push(c.name);
      return {
        name: m.name,
        path: m.path,
        layer: m.layer,
        materialized: m.config.materialized,
        description: m.description,
        depends_on: { models: m.refs, sources: m.sources.map((s) => `${s.schema}.${s.table}`) },
        columns: names.map((name) => ({
          name,
          description: documented.get(name) ?? '',
          type: actual?.find((c) => c.name === name)?.type ?? null,
          tests: testsOf(m.name, name),
        })),
        tests: testsOf(m.name),
      };
    }),
    tests: project.tests.map((t) => ({
      name: t.name,
      kind: t.kind,
      severity: t.severity,
      models: t.models,
      column: t.column ?? null,
      path: t.path,
    })),
    lineage: { nodes, edges },
  };
}
