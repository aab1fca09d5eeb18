/** Parameters more than one route reads: a heatmap cell, the shape of a USCC. */
import { HttpError } from '../../lib/errors.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
import type { HeatmapCell } from '../../dashboards/heatmap/index.js';
import { MONTH, text } from './pageQuery.js';

export const USCC_SHAPE = new RegExp(`^[${USCC_CHARSET}]{18}$`);

export function heatmapCellQuery(query: Record<string, unknown>): HeatmapCell {
  const sector = text(query, 'sector', /^[A-Z]$/);
  if (!sector) throw new HttpError(400, 'bad_parameter', '缺少参数 sector');
  return { sector, region: text(query, 'region', /^\d{6,12}$/), month: text(query, 'month', MONTH) };
}
