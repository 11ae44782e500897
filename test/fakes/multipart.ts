/**
 * A strict multipart/form-data reader for the platform fakes (RFC 7578 / RFC 2046 framing). Strict on
 * purpose: a fake that parses anything cannot tell a well-formed upload from a broken one. It throws
 * `MultipartError` when the boundary is missing, a delimiter is not followed by CRLF, a part has no
 * `Content-Disposition: form-data; name="..."`, or the close delimiter `--boundary--` never comes.
 * (Node 20's own FormData parser also rejects some valid bodies grammY sends, so the fakes use this.)
 */
export interface FormPart {
  readonly name: string;
  /** Present for file parts (`filename="..."` in Content-Disposition). */
  readonly filename?: string;
  /** The part's Content-Type, '' when absent. */
  readonly type: string;
  readonly data: Buffer;
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

const CRLF = Buffer.from('\r\n');

/** The boundary of a `multipart/form-data` content type, or undefined when it is not one. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*;/i.test(contentType)) return undefined;
  return /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i
    .exec(contentType)
    ?.slice(1)
    .find((b) => b !== undefined);
}

/** A Content-Disposition parameter: a quoted string or a bare token (RFC 2183; grammY sends tokens). */
function param(disposition: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^";\\s]+))`, 'i').exec(disposition);
  return m ? (m[1] ?? m[2]) : undefined;
}

function headersOf(head: string): { name: string; filename?: string; type: string } {
  const lines = head.split('\r\n');
  const disposition = lines.find((l) => /^content-disposition:/i.test(l));
  if (!disposition || !/^content-disposition:\s*form-data\s*;/i.test(disposition)) {
    throw new MultipartError('a part has no "Content-Disposition: form-data" header');
  }
  const name = param(disposition, 'name');
  if (name === undefined || name === '') throw new MultipartError('a part has no name');
  const filename = param(disposition, 'filename');
  const type = /^content-type:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? '';
  return { name, type, ...(filename !== undefined ? { filename } : {}) };
}

/** Parses a whole multipart/form-data body. Throws MultipartError when it is malformed. */
export function parseMultipart(body: Buffer, contentType: string | undefined): FormPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new MultipartError('multipart/form-data without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  // The first delimiter may follow a preamble; every later one must start a line.
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('no boundary delimiter in the body');
  const parts: FormPart[] = [];
  for (;;) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 2).toString('latin1') === '--') return parts;
    if (!body.subarray(after, after + 2).equals(CRLF)) {
      throw new MultipartError('a boundary delimiter is not followed by CRLF');
    }
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), after);
    if (next < 0) throw new MultipartError('the body ends without the close delimiter');
    const part = body.subarray(after + 2, next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd < 0) throw new MultipartError('a part has no header/body separator');
    const head = headersOf(part.subarray(0, headEnd).toString('utf8'));
    parts.push({ ...head, data: part.subarray(headEnd + 4) });
    at = next + 2;
  }
}
