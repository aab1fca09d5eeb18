/**
 * Page query parameters: single text values, validated against what each page accepts; a bad one is a 400 naming it.
 */
import { HttpError } from '../../lib/errors.js';

export function text(query: Record<string, unknown>, name: string, shape?: RegExp): string | null {
  const v = query[name];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') throw new HttpError(400, 'bad_parameter', `参数 ${name} 只能出现一次`);
  if (shape && !shape.test(v)) throw new HttpError(400, 'bad_parameter', `参数 ${name} 的值“${v}”无效`);
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

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH = /^\d{4}-\d{2}$/;
export const CODE = /^[0-9A-Za-z_]{1,40}$/;
