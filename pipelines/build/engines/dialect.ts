/**
 * The engines a model can be built on, and the model-level macros whose SQL differs between them (the
 * dispatch of dbt's adapters): a model writes `{{ latest_per_key('rows', 'key', 'file_id desc') }}` and
 * each engine renders its own SQL. Functions that only differ in name or are missing on one engine
 * (the cs_ normalisers, arg_max, len, …) are not macros: each engine installs its own implementation
 * under the same name (lib/sql/macros.ts for DuckDB, engines/postgres/functions.ts for PostgreSQL).
 */
export const ENGINES = ['duckdb', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

type MacroImpl = (args: readonly string[]) => string;

interface EngineMacro {
  arity: number;
  impl: Record<EngineName, MacroImpl>;
}

/** DuckDB sorts NULLs last both ways; PostgreSQL puts them first when descending: say it explicitly. */
const nullsLast = (order: string) =>
  order
    .split(',')
    .map((term) => (/\bnulls\s+(first|last)\b/i.test(term) ? term.trim() : `${term.trim()} nulls last`))
    .join(', ');

/**
 * `latest_per_key(rows, partition_by, order_by)`: one row per key of `rows` (a relation, optionally with
 * its `where`), the first by `order_by`, as a parenthesised relation with the same columns. DuckDB
 * filters with QUALIFY; PostgreSQL has no QUALIFY, and DISTINCT ON is its idiom for the same thing.
 */
const latestPerKey: EngineMacro = {
  arity: 3,
  impl: {
    duckdb: ([rows, by, order]) =>
      `(select * from ${rows} qualify row_number() over (partition by ${by} order by ${order}) = 1)`,
    postgres: ([rows, by, order]) =>
      `(select distinct on (${by}) * from ${rows} order by ${by}, ${nullsLast(order ?? '')})`,
  },
};

/**
 * `union_all_by_name()`: DuckDB matches the columns of the two sides by name; PostgreSQL by position,
 * so a model using it lists the columns of both sides in the same order.
 */
const unionAllByName: EngineMacro = {
  arity: 0,
  impl: { duckdb: () => 'union all by name', postgres: () => 'union all' },
};

/** A macro whose DuckDB text is the given arguments spelt DuckDB's way, and PostgreSQL's its own way. */
const spelt = (arity: number, duckdb: MacroImpl, postgres: MacroImpl): EngineMacro => ({
  arity,
  impl: { duckdb, postgres },
});

/**
 * `{{ distinct_on('key') }} cols from … where … {{ qualify_first('key', 'order') }}`: one row per key, the
 * first by order, written where the select and its end are (the rows' own CTE). DuckDB: `select` and
 * `qualify row_number() … = 1`; PostgreSQL: `select distinct on (key)` and its `order by`. An empty key
 * keeps the one first row of all (`order by … limit 1`).
 */
const distinctOn = spelt(
  1,
  () => 'select',
  ([by]) => (by ? `select distinct on (${by})` : 'select'),
);
const qualifyFirst = spelt(
  2,
  ([by, order]) => `qualify row_number() over (${by ? `partition by ${by} ` : ''}order by ${order}) = 1`,
  ([by, order]) => (by ? `order by ${by}, ${nullsLast(order ?? '')}` : `order by ${nullsLast(order ?? '')} limit 1`),
);

/**
 * `arg_max(value, key)`: DuckDB's aggregate (rows with a NULL value or key ignored; a key may be a tuple);
 * PostgreSQL has none, so the first value of the group ordered by the key.
 */
const argBy = (name: 'arg_max' | 'arg_min', direction: 'desc' | 'asc') =>
  spelt(
    2,
    ([value, key]) => `${name}(${value}, ${key})`,
    ([value, key]) =>
      `(array_agg(${value} order by ${key} ${direction}) filter (where ${value} is not null and ${key} is not null))[1]`,
  );

/** `try_cast(expr, type)`: NULL where the text does not read as the type (cs.try_cast_<type> on PostgreSQL). */
const tryCast = spelt(
  2,
  ([expr, type]) => `try_cast(${expr} as ${type})`,
  ([expr, type]) => `cs.try_cast_${(type ?? '').replace(/\s+/g, '_')}((${expr})::text)`,
);

/**
 * `list({'k': e, …} order by …)`: a list of structs. PostgreSQL has no anonymous struct with field
 * names, so a JSON array of objects (same keys, same order); the serving copy reads it back as the
 * mart contract's STRUCT(…)[] (engines/postgres/serving.ts).
 */
const structList = spelt(
  1,
  ([inner]) => `list(${inner})`,
  ([inner]) => {
    const m = /^\s*\{([\s\S]*)\}([\s\S]*)$/.exec(inner ?? '');
    if (!m) throw new Error(`struct_list: expected {…} [order by …], got ${inner}`);
    const fields = [...(m[1] ?? '').matchAll(/'(\w+)'\s*:\s*([^,]+)/g)].map((f) => `'${f[1]}', ${(f[2] ?? '').trim()}`);
    return `json_agg(json_build_object(${fields.join(', ')})${m[2]?.trimEnd() ?? ''})`;
  },
);

/** `flatten(list_transform(structs, x -> x.field))`: one list of the field's lists, in order. */
const flattenField = spelt(
  3,
  ([list, x, field]) => `flatten(list_transform(${list}, ${x} -> ${x}.${field}))`,
  ([list, x, field]) =>
    `(case when ${list} is not null then array(select json_array_elements_text(${x} -> '${field}') from json_array_elements(${list}) with ordinality as cs__u(${x}, cs__i) order by cs__i) end)`,
);

/** `list_filter(list, x, condition on x)` and `list_transform(list, x, expression of x)`: DuckDB's lambdas. */
const listFilter = spelt(
  3,
  ([list, x, cond]) => `list_filter(${list}, ${x} -> ${cond})`,
  ([list, x, cond]) =>
    `(case when ${list} is not null then array(select ${x} from unnest(${list}) with ordinality as cs__u(${x}, cs__i) where ${cond} order by cs__i) end)`,
);
const listTransform = spelt(
  3,
  ([list, x, expr]) => `list_transform(${list}, ${x} -> ${expr})`,
  ([list, x, expr]) =>
    `(case when ${list} is not null then array(select ${expr} from unnest(${list}) with ordinality as cs__u(${x}, cs__i) order by cs__i) end)`,
);

/**
 * `qualify row_number() over (…) = 1` laid out over three lines (the window on its own line, indented
 * by `indent` plus two): `qualify_first_wrapped(by, order, indent)` is qualify_first with that layout, and
 * `{{ first_per(by, indent) }}<order holding a token>{{ first_per_end(indent) }}` its form for an order that
 * holds a token of its own (a try_cast). PostgreSQL: the `order by` of a `distinct_on(by)` select.
 */
const wrappedWindow = (by: string, indent: string) =>
  `qualify row_number() over (\n${indent}  partition by ${by} order by `;
const qualifyFirstWrapped = spelt(
  3,
  ([by, order, indent]) => `${wrappedWindow(by ?? '', indent ?? '')}${order}\n${indent}) = 1`,
  (args) => qualifyFirst.impl.postgres(args),
);
const firstPer = spelt(
  2,
  ([by, indent]) => wrappedWindow(by ?? '', indent ?? ''),
  ([by]) => `order by ${by}, `,
);

/**
 * `asof join rel on <equalities> and rel.col <= bound`: DuckDB's ASOF join, each left row with the right
 * row of the greatest col up to bound. PostgreSQL has none: an inner join on col <= bound, and the
 * select (a `distinct_on(keys)` of the left row's keys) keeps the greatest col per left row.
 */
const asofJoin = spelt(
  5,
  ([rel, on, col, bound]) => `asof join ${rel} on ${on} and ${col} <= ${bound}`,
  ([rel, on, col, bound, keys]) => `join ${rel} on ${on} and ${col} <= ${bound} order by ${keys}, ${col} desc`,
);

export const ENGINE_MACROS: Record<string, EngineMacro> = {
  latest_per_key: latestPerKey,
  union_all_by_name: unionAllByName,
  distinct_on: distinctOn,
  qualify_first: qualifyFirst,
  arg_max: argBy('arg_max', 'desc'),
  arg_min: argBy('arg_min', 'asc'),
  try_cast: tryCast,
  list_filter: listFilter,
  qualify_first_wrapped: qualifyFirstWrapped,
  first_per: firstPer,
  first_per_end: spelt(
    1,
    ([indent]) => `\n${indent}) = 1`,
    () => '',
  ),
  asof_join: asofJoin,
  // `list_filter([a, b, …], x -> x is not null)`: the list's non-NULL items, in order.
  list_without_nulls: spelt(
    1,
    ([items]) => `list_filter([${items}], x -> x is not null)`,
    ([items]) => `array_remove(array[${items}], null)`,
  ),
  // `[]` where its context gives the type (`cast([] as varchar[])`, `coalesce(list, [])`); PostgreSQL's
  // empty ARRAY[] needs a type of its own, an untyped '{}' takes the context's.
  empty_list_untyped: spelt(
    0,
    () => '[]',
    () => `'{}'`,
  ),
  // `unnest(generate_series(…))`: DuckDB's series is a list to unnest, PostgreSQL's already a set.
  unnest_list: spelt(
    0,
    () => 'unnest(',
    () => '',
  ),
  unnest_list_end: spelt(
    0,
    () => ')',
    () => '',
  ),
  struct_list: structList,
  // `[]` and `::struct(…)[]` of a list of structs: on PostgreSQL an empty JSON array, and no cast (JSON).
  empty_struct_list: spelt(
    0,
    () => '[]',
    () => `'[]'::json`,
  ),
  struct_list_cast: spelt(
    1,
    ([fields]) => `::struct(${fields})[]`,
    () => '',
  ),
  flatten_field: flattenField,
  // `list_transform(structs, x -> x.field)`: the field of each struct of a list, in order; on PostgreSQL
  // the list is a JSON array (struct_list) and the field is read as the given type.
  struct_field_list: spelt(
    4,
    ([list, x, field]) => `list_transform(${list}, ${x} -> ${x}.${field})`,
    ([list, x, field, type]) =>
      `(case when ${list} is not null then array(select (${x} ->> '${field}')::${type} from json_array_elements(${list}) with ordinality as cs__u(${x}, cs__i) order by cs__i) end)`,
  ),
  list_transform: listTransform,
  // `[a, b]` and `[]::varchar[]` (a typed empty list).
  list_of: spelt(
    1,
    ([items]) => `[${items}]`,
    ([items]) => `array[${items}]`,
  ),
  empty_list: spelt(
    1,
    ([type]) => `[]::${type}[]`,
    ([type]) => `'{}'::${type}[]`,
  ),
  // `qualify row_number() over (order by <expr> …) = 1` around an order that holds a token of its own:
  // `{{ first_by() }} {{ try_cast(…) }} desc nulls last{{ first_by_end() }}`; PostgreSQL `order by … limit 1`.
  first_by: spelt(
    0,
    () => 'qualify row_number() over (order by',
    () => 'order by',
  ),
  first_by_end: spelt(
    0,
    () => ') = 1',
    () => ' limit 1',
  ),
  // from_json(json, '["VARCHAR"]') and from_json(json, '"MAP(VARCHAR, T)"') of a JSON cell: PostgreSQL
  // keeps a map as json (its keys in order, as a MAP) (read with map_get) and a list of strings as text[].
  from_json_list: spelt(
    2,
    ([j, t]) => `from_json(${j}, '["${t}"]')`,
    ([j]) => `array(select json_array_elements_text(${j}))`,
  ),
  from_json_map: spelt(
    2,
    ([j, t]) => `from_json(${j}, '"MAP(VARCHAR, ${t})"')`,
    ([j]) => `(${j})::json`,
  ),
  // map[key]: DuckDB's map lookup; PostgreSQL reads the jsonb member as the map's value type.
  map_get: spelt(
    3,
    ([map, key]) => `${map}[${key}]`,
    ([map, key, type]) => `(${map} ->> (${key}))::${type}`,
  ),
  // `flatten(list(x order by …))`: the lists of a group concatenated; PostgreSQL has no list of lists.
  flatten_list: spelt(
    1,
    ([inner]) => `flatten(list(${inner}))`,
    ([inner]) => `cs.list_concat(${inner})`,
  ),
  // `group by all`: PostgreSQL names the grouping columns.
  group_by_all: spelt(
    1,
    () => 'group by all',
    ([cols]) => `group by ${cols}`,
  ),
  // `semi join rel using (cols)`: PostgreSQL joins the distinct keys instead.
  semi_join: spelt(
    2,
    ([rel, cols]) => `semi join ${rel} using (${cols})`,
    ([rel, cols]) => `join (select distinct ${cols} from ${rel}) as ${rel} using (${cols})`,
  ),
  // `select {{ columns_by_name('all, columns', 'this side's') }} from side` in a union by name: DuckDB's
  // `*`; PostgreSQL unions by position, so each side lists every column in order, NULL where it has none.
  columns_by_name: spelt(
    2,
    () => '*',
    ([all, own]) => {
      const has = new Set((own ?? '').split(',').map((c) => c.trim()));
      return (all ?? '')
        .split(',')
        .map((c) => c.trim())
        .map((c) => (has.has(c) ? c : `null as ${c}`))
        .join(', ');
    },
  ),
  // An alias PostgreSQL 15 requires on a subquery in FROM; DuckDB's text stays as it was.
  pg_alias: spelt(
    1,
    () => '',
    ([alias]) => ` as ${alias}`,
  ),
  // `interval 1 day`: PostgreSQL quotes the quantity.
  interval: spelt(
    1,
    ([q]) => `interval ${q}`,
    ([q]) => `interval '${q}'`,
  ),
};

/** Renders one macro call for an engine; the template checked the name and arity when parsing. */
export function renderMacro(engine: EngineName, name: string, args: readonly string[]): string {
  return ENGINE_MACROS[name]!.impl[engine](args);
}
