/**
 * scrypt on a thread of its own. node:crypto's asynchronous scrypt runs on libuv's pool of four
 * threads, the same pool that reads static files and serves DuckDB's callbacks: 16 parallel bad
 * logins held that pool for seconds and every other request waited. One dedicated worker thread
 * hashes one password at a time (the rest queue there), so a login flood costs at most one core
 * and never delays a request that does not hash.
 */
import { Worker } from 'node:worker_threads';
import type { ScryptOptions } from 'node:crypto';

/** The worker's code, evaluated as a script: no TypeScript loader is needed in the thread. */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
// On Linux a thread has its own nice value: hashing yields the CPU to the thread that serves requests.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, 10);
} catch {}
parentPort.on('message', ({ id, password, salt, keylen, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, salt, keylen, options) });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

interface Reply {
  id: number;
  key?: Uint8Array;
  error?: string;
}

type Pending = { resolve: (key: Buffer) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function settle(reply: Reply): void {
  const p = pending.get(reply.id);
  if (!p) return;
  pending.delete(reply.id);
  if (reply.key) p.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
  else p.reject(new Error(reply.error ?? 'scrypt failed'));
  // An idle worker must not keep the process alive (a CLI command ends when its work does).
  if (pending.size === 0) worker?.unref();
}

function failAll(e: Error): void {
  worker = null;
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(SOURCE, { eval: true, name: 'sentinel-scrypt' });
  w.on('message', settle);
  w.on('error', failAll);
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`the password-hashing thread stopped (exit ${code})`));
  });
  worker = w;
  return w;
}

export function scryptOffPool(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const w = thread();
    w.ref();
    w.postMessage({ id, password, salt, keylen, options });
  });
}
