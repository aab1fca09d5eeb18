/**
 * Page query parameters: single text values, validated against what each page accepts; a bad one is a 400 naming it.
 */
import { HttpError } from '../../lib/errors.js';

/** What a parameter accepts: a pattern, or a value check (a date must be a day of the calendar). */
export interface Shape {
  test(v: string): boolean;
  /** Said after a refusal: what a valid value looks like. */
  hint?: string;
}

export function text(query: Record<string, unknown>, name: string, shape?: Shape): string | null {
  const v = query[name];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') throw new HttpError(400, 'bad_parameter', `参数 ${name} 只能出现一次`);
  if (shape && !shape.test(v))
    throw new HttpError(400, 'bad_parameter', `参数 ${name} 的值“${v}”无效${shape.hint ? `：${shape.hint}` : ''}`);
  return v;
}

export function oneOf<T extends string>(
  query: Record<string, unknown>,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = text(query, name);
  if (v === null) return fallback;
  if (!(values as readonly string[]).includes(v))
    throw new HttpError(400, 'bad_parameter', `参数 ${name} 的值“${v}”无效，可选：${values.join('、')}`);
  return v as T;
}

export function pageNumber(query: Record<string, unknown>): number {
  const v = text(query, 'page', /^\d{1,6}$/);
  return v === null ? 1 : Math.max(1, Number(v));
}

/** A day that exists (2025-02-30 and 2025-13-01 do not), not only the shape of one. */
export const DATE: Shape = {
  test: (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  },
  hint: '应为存在的日期，格式 YYYY-MM-DD',
};
export const MONTH: Shape = {
  test: (v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v),
  hint: '应为存在的月份，格式 YYYY-MM',
};
export const CODE = /^[0-9A-Za-z_]{1,40}$/;
