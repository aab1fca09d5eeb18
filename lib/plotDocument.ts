/** A DOM for Plot on the server: linkedom (STACK.md), 3–4× faster than jsdom. Charts render to SVG text. */
import { parseHTML } from 'linkedom';

export type ServerDocument = ReturnType<typeof parseHTML>['document'];

export function serverDocument(): ServerDocument {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

/** Plot returns an SVG element, or a figure when it has a legend or a title; both serialise the same way. */
export function outerHtml(node: unknown): string {
  return (node as { outerHTML: string }).outerHTML;
}

/** Font stack for chart text, CJK first (STYLE.md 16). */
export const CHART_FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';
