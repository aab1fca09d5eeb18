/**
 * Walks the pages a signed-in user can reach: the navigation, then every link on a page, one URL per
 * route shape (path with ids replaced, and the query's parameter names), so every page and drill page is
 * opened once without crawling every enterprise.
 */
import type { TestServer } from '../server/harness.js';
import { bearer } from '../server/harness.js';

export interface Visited {
  url: string;
  status: number;
  type: string;
  body: string;
}

const SKIP = /^\/(login|logout|language|assets|api)\b/;

/** The route a URL is an instance of: ids replaced, the query reduced to its parameter names. */
export function shape(url: string): string {
  const u = new URL(url, 'http://x');
  // /projects/export is the board's export, not a project.
  const path = u.pathname.replace(/^\/(entities|projects)\/(?!export$)[^/]+$/, '/$1/:id');
  const keys = [...new Set(u.searchParams.keys())].sort();
  return `${path}?${keys.join('&')}`;
}

function links(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

export async function walk(server: TestServer, token: string, start: string[], limit = 120): Promise<Visited[]> {
  const seen = new Set<string>();
  const queue = [...start];
  const out: Visited[] = [];
  while (queue.length && out.length < limit) {
    const url = queue.shift()!;
    if (SKIP.test(url) || seen.has(shape(url))) continue;
    seen.add(shape(url));
    const res = await fetch(`${server.url}${url}`, { ...bearer(token), redirect: 'manual' });
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('spreadsheetml') ? '' : await res.text();
    out.push({ url, status: res.status, type, body });
    if (type.startsWith('text/html')) queue.push(...links(body));
  }
  return out;
}
