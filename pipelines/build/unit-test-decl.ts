/** A unit test's YAML checked against its model: it may give rows only for what the model reads. */
import { InputError } from '../../lib/errors.js';
import type { Model, UnitTestDecl } from './types.js';
import type { UnitTestYaml } from './yaml-schema.js';

/** `ref('m')` → `ref:m`, `source('s', 't')` → `source:s.t`: the keys a model's reads are named by. */
export function inputKey(input: string): string {
  const args = [...input.matchAll(/'(\w+)'/g)].map((m) => m[1]);
  return input.startsWith('ref') ? `ref:${args[0]}` : `source:${args[0]}.${args[1]}`;
}

export function modelInputs(m: Model): string[] {
  return [...m.refs.map((r) => `ref:${r}`), ...m.sources.map((s) => `source:${s.schema}.${s.table}`)];
}

export function unitTestDecl(u: UnitTestYaml, models: ReadonlyMap<string, Model>, path: string): UnitTestDecl {
  const model = models.get(u.model);
  if (!model) throw new InputError(`${path}: unit test ${u.name} tests model ${u.model}, which does not exist`);
  const reads = new Set(modelInputs(model));
  const given = u.given.map((g) => ({ input: inputKey(g.input), rows: g.rows }));
  for (const g of given) {
    if (!reads.has(g.input))
      throw new InputError(`${path}: unit test ${u.name} gives ${g.input}, which ${u.model} does not read`);
  }
  if (model.tokens.some((t) => t.kind === 'var' && t.args[0] === 'as_of') && !u.vars?.as_of)
    throw new InputError(
      `${path}: unit test ${u.name}: ${u.model} reads var('as_of'); give vars: { as_of: YYYY-MM-DD }`,
    );
  return {
    name: u.name,
    model: u.model,
    description: u.description,
    ...(u.vars?.as_of ? { asOf: u.vars.as_of } : {}),
    config: u.config,
    given,
    expect: u.expect.rows,
    path,
  };
}
