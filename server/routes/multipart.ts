/**
 * multipart/form-data for the one form that uploads a file (登记措施 with 佐证材料), without a new
 * dependency: express.raw() reads the body up to a size limit, this splits it at the boundary. Text
 * fields come back as UTF-8 strings, the file part as bytes with the name the browser sent.
 */
import { HttpError } from '../../lib/errors.js';

export interface MultipartBody {
  fields: Record<string, string>;
  file: { field: string; name: string; data: Buffer } | null;
}

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  if (!b || b.length > 200) throw new HttpError(400, 'bad_request', '上传格式不正确（缺少 boundary）');
  return b;
}

/** Reads a filename the browser encoded either as plain UTF-8 bytes or as RFC 5987 filename*=. */
function fileName(disposition: string): string | null {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]*)"/i.exec(disposition);
  return plain ? plain[1]! : null;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const out: MultipartBody = { fields: {}, file: null };
  let at = body.indexOf(delimiter);
  if (at < 0) throw new HttpError(400, 'bad_request', '上传格式不正确');
  while (true) {
    const start = at + delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new HttpError(400, 'bad_request', '上传内容不完整');
    const part = body.subarray(start + 2, next - 2); // after CRLF, before the CRLF that precedes the delimiter
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new HttpError(400, 'bad_request', '上传格式不正确');
    // Part headers are latin1 on the wire; browsers put UTF-8 bytes in filename="…".
    const headers = Buffer.from(part.subarray(0, split)).toString('utf8');
    const data = part.subarray(split + 4);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name) {
      const file = fileName(disposition);
      if (file === null) out.fields[name] = data.toString('utf8');
      else if (file !== '' && data.length > 0) out.file = { field: name, name: file, data: Buffer.from(data) };
    }
    at = next;
  }
  return out;
}
