/** The model graph from explicit ref() tokens: checked for missing refs and cycles before anything runs. */
import { InputError } from '../../lib/errors.js';
import type { Project } from './types.js';

export class DagError extends InputError {}

/** Every ref (from models and tests) names a model, and every snapshots source is declared. */
export function checkRefs(project: Project): void {
  const problems: string[] = [];
  for (const m of project.models.values()) {
    for (const r of m.refs)
      if (!project.models.has(r)) problems.push(`model ${m.name} (${m.path}) refs missing model ${r}`);
    for (const s of m.sources) {
      if (s.schema === 'snapshots' && !project.snapshots.has(s.table)) {
        problems.push(`model ${m.name} (${m.path}) reads undeclared snapshot source ${s.table}`);
      }
    }
  }
  for (const t of project.tests) {
    for (const r of t.models)
      if (!project.models.has(r)) problems.push(`test ${t.name} (${t.path}) refs missing model ${r}`);
  }
  if (problems.length) throw new DagError(`the model graph is incomplete:\n  ${problems.join('\n  ')}`);
}

/** Models in dependency order (ties broken by name, so runs are reproducible); a cycle is refused. */
export function topoOrder(project: Project): string[] {
  checkRefs(project);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (name: string, path: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw new DagError(`the models form a cycle: ${cycle.join(' -> ')}`);
    }
    state.set(name, 'visiting');
    for (const r of [...(project.models.get(name)?.refs ?? [])].sort()) visit(r, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of [...project.models.keys()].sort()) visit(name, []);
  return order;
}

export function dependants(project: Project): Map<string, string[]> {
  const out = new Map<string, string[]>([...project.models.keys()].map((k) => [k, []]));
  for (const m of project.models.values()) for (const r of m.refs) out.get(r)?.push(m.name);
  return out;
}

function closure(start: string, next: (n: string) => readonly string[]): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    for (const n of next(stack.pop()!)) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return seen;
}

/**
 * `model` alone, `model+` with everything downstream, `+model` with everything upstream (both allowed);
 * no selector means every model.
 */
export function selectModels(project: Project, selectors: readonly string[] | undefined): Set<string> {
  if (!selectors || selectors.length === 0) return new Set(project.models.keys());
  const down = dependants(project);
  const out = new Set<string>();
  for (const raw of selectors.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean)) {
    const up = raw.startsWith('+');
    const downward = raw.endsWith('+');
    const name = raw.replace(/^\+|\+$/g, '');
    if (!project.models.has(name)) throw new DagError(`--select ${raw}: no model is named ${name}`);
    out.add(name);
    if (downward) for (const n of closure(name, (x) => down.get(x) ?? [])) out.add(n);
    if (up) for (const n of closure(name, (x) => project.models.get(x)?.refs ?? [])) out.add(n);
  }
  return out;
}
