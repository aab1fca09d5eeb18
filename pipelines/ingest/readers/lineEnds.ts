import { createReadStream } from 'node:fs';

/**
 * Whether a file has a carriage return that is not followed by a line feed, beside line feeds: lines
 * ended both ways (an export appended to by two systems). Read only when the fast CSV read failed.
 */
export async function hasBareCarriageReturn(path: string): Promise<boolean> {
  let lastWasCr = false;
  let bareCr = false;
  let lf = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    if (lastWasCr && buf[0] !== 0x0a) bareCr = true;
    if (!lf && buf.indexOf(0x0a) >= 0) lf = true;
    for (let i = buf.indexOf(0x0d); i >= 0 && !bareCr; i = buf.indexOf(0x0d, i + 1)) {
      if (i + 1 < buf.length && buf[i + 1] !== 0x0a) bareCr = true;
    }
    lastWasCr = buf[buf.length - 1] === 0x0d;
    if (bareCr && lf) return true;
  }
  return false;
}
