/**
 * A cached dataset answer is sent with the ETag Express itself gives the body (weak, length and SHA-1),
 * computed once per cached body (server/routes/send.ts): the same header on every send, and a different tag for
 * a different body.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';

let server: TestServer;
let headers: Record<string, string>;

/** Express's default ETag ("weak"), by the etag package's rule: W/"<length in hex>-<27 characters of base64 SHA-1>". */
const expressWeakEtag = (body: Buffer) =>
  `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').substring(0, 27)}"`;

beforeAll(async () => {
  const dataDir = await copyOfSharedWorld('etag-');
  headers = bearer(await userWithToken(dataDir, 'analyst', 'analyst')).headers;
  server = await startTestServer(dataDir);
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

async function get(path: string, extra: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers: { ...headers, ...extra } });
  return { status: res.status, etag: res.headers.get('etag'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('ETags of cached dataset answers', () => {
  it('are Express’s own for the body, and the same on every send', async () => {
    const first = await get('/api/v1/datasets/warnings?limit=100');
    const again = await get('/api/v1/datasets/warnings?limit=100');
    expect(first.status).toBe(200);
    expect(first.body.length).toBeGreaterThan(100);
    expect(first.etag).toBe(expressWeakEtag(first.body));
    expect(again.etag).toBe(first.etag);
    expect(again.body.equals(first.body)).toBe(true);
    const other = await get('/api/v1/datasets/warnings?limit=5');
    expect(other.etag).toBe(expressWeakEtag(other.body));
    expect(other.etag).not.toBe(first.etag);
  });
});
