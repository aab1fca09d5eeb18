/**
 * Rewrites every DOS date/time (and any extended-timestamp extra field) in a zip to one fixed
 * moment. exceljs's zip library stamps entries with the current time and offers no option to set
 * it, which would make two identical generations differ byte for byte.
 */
export function pinZipTimestamps(zip: Buffer, when: Date): Buffer {
  const out = Buffer.from(zip);
  const dosTime = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2);
  const dosDate = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const unix = Math.floor(when.getTime() / 1000);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const entries = out.readUInt16LE(eocd + 10);
  let cd = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(cd) !== 0x02014b50) throw new Error('zip central directory is not where its end record says');
    out.writeUInt16LE(dosTime, cd + 12);
    out.writeUInt16LE(dosDate, cd + 14);
    const nameLen = out.readUInt16LE(cd + 28);
    const extraLen = out.readUInt16LE(cd + 30);
    const commentLen = out.readUInt16LE(cd + 32);
    const local = out.readUInt32LE(cd + 42);
    pinExtra(out, cd + 46 + nameLen, extraLen, unix);
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    pinExtra(out, local + 30 + out.readUInt16LE(local + 26), out.readUInt16LE(local + 28), unix);
    cd += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function pinExtra(buf: Buffer, start: number, len: number, unix: number): void {
  let p = start;
  while (p + 4 <= start + len) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === 0x5455) {
      // Extended timestamp: a flags byte, then up to three 4-byte times.
      for (let q = p + 5; q + 4 <= p + 4 + size; q += 4) buf.writeUInt32LE(unix, q);
    }
    p += 4 + size;
  }
}
