import { Router } from 'express';
import { DATASET_NAMES, datasetSpec } from '../../lib/datasets.js';
import { mayReadDataset, seesIdentityNumbers } from '../../lib/auth/roles.js';
import { departmentScope } from '../../lib/auth/scope.js';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mustPrincipal } from '../authenticate.js';
import { HttpError } from '../../lib/errors.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { answerDataset, DATASET_FORMATS, type DatasetFormat } from '../services/datasetAnswer.js';
import { clientIp, sendAnswer } from './send.js';

/**
 * A JSON page is bounded so a stray request cannot pull a city's rows into one response; files are whole unless
 * limited.
 */
const JSON_DEFAULT_LIMIT = 1000;
const JSON_MAX_LIMIT = 50_000;
const RESERVED = new Set(['format', 'limit', 'offset']);

function nonNegativeInt(name: string, text: unknown): number | null {
  if (text === undefined) return null;
  if (typeof text !== 'string' || !/^\d{1,9}$/.test(text))
    throw new HttpError(400, 'bad_parameter', `${name} must be a non-negative integer, got "${String(text)}"`);
  return Number(text);
}

function asStrings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return v === undefined ? [] : [String(v)];
}

export function datasetRoutes(deps: { builds: PublishedBuilds; audit: AuditLog }): Router {
  const router = Router();
  router.get('/api/v1/datasets/:dataset', async (req, res) => {
    const principal = mustPrincipal(res);
    const spec = datasetSpec(req.params.dataset);
    if (!spec)
      throw new HttpError(
        404,
        'unknown_dataset',
        `no dataset "${req.params.dataset}"; datasets: ${DATASET_NAMES.join(', ')}`,
      );
    if (!mayReadDataset(principal, spec))
      throw new HttpError(
        403,
        'forbidden',
        `role ${principal.role} may read aggregates only, not the entity list ${spec.name}`,
      );

    const query = req.query as Record<string, unknown>;
    const format = (query.format ?? 'json') as DatasetFormat;
    if (!DATASET_FORMATS.includes(format))
      throw new HttpError(
        400,
        'bad_format',
        `format must be one of ${DATASET_FORMATS.join(', ')}, got "${String(query.format)}"`,
      );
    let limit = nonNegativeInt('limit', query.limit);
    if (format === 'json') {
      limit ??= JSON_DEFAULT_LIMIT;
      if (limit > JSON_MAX_LIMIT)
        throw new HttpError(
          400,
          'bad_parameter',
          `limit may be at most ${JSON_MAX_LIMIT} for JSON; use format=csv, xlsx or arrow for more`,
        );
    }
    const offset = nonNegativeInt('offset', query.offset) ?? 0;
    const filters = new Map<string, string[]>();
    for (const [k, v] of Object.entries(query)) if (!RESERVED.has(k)) filters.set(k, asStrings(v));

    const answer = await answerDataset(deps.builds, spec, {
      format,
      limit,
      offset,
      filters,
      department: departmentScope(principal, spec.name),
      mask: !seesIdentityNumbers(principal),
    });
    await deps.audit.record({
      user: principal.name,
      role: principal.role,
      via: principal.via,
      action: format === 'json' ? 'dataset_read' : 'dataset_export',
      target: spec.name,
      filters: Object.fromEntries(
        [...filters]
          .map(([k, v]) => [k, v.join('|')])
          .concat([
            ['limit', String(limit ?? '')],
            ['offset', String(offset)],
          ]),
      ),
      format,
      rows: answer.rows,
      build_id: answer.buildId,
      ip: clientIp(req),
    });
    sendAnswer(res, answer);
  });
  return router;
}
