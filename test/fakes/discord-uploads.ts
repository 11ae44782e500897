import { type FormPart, parseMultipart } from './multipart.js';

/**
 * Discord's multipart message requests, checked the way the API describes them
 * (shared/reference/specs/discord-openapi.json: `POST /channels/{id}/messages` and
 * `PATCH /webhooks/{app}/{token}/messages/{id|@original}` take `multipart/form-data` made of the JSON
 * request object plus `files[0]` … `files[9]`; "Uploading Files" in Discord's docs: the JSON goes in
 * one `payload_json` field, each upload is declared in `attachments` by `{id: n, filename}` where n is
 * the index of `files[n]`, and an embed shows an upload as `attachment://<filename>`).
 */
export interface DiscordUpload {
  /** The `payload_json` object. */
  readonly payload: Record<string, unknown>;
  readonly files: ReadonlyArray<{
    readonly field: string;
    readonly name: string;
    readonly type: string;
    readonly bytes: Buffer;
  }>;
}

/** Discord's default upload limit per file (10 MiB) and files per message. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

export class UploadError extends Error {
  override readonly name = 'UploadError';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function payloadOf(parts: readonly FormPart[]): Record<string, unknown> {
  const json = parts.filter((p) => p.name === 'payload_json');
  const only = json.length === 1 ? json[0] : undefined;
  if (!only || only.filename !== undefined) {
    throw new UploadError('expected exactly one payload_json field (not a file)');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(only.data.toString('utf8'));
  } catch {
    throw new UploadError('payload_json is not JSON');
  }
  if (!isRecord(payload)) throw new UploadError('payload_json is not a JSON object');
  return payload;
}

/** Every `attachment://name` an embed points at (image, thumbnail, author/footer icons). */
function referencedNames(payload: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const e of Array.isArray(payload.embeds) ? payload.embeds : []) {
    if (!isRecord(e)) continue;
    const urls = [
      isRecord(e.image) ? e.image.url : undefined,
      isRecord(e.thumbnail) ? e.thumbnail.url : undefined,
      isRecord(e.author) ? e.author.icon_url : undefined,
      isRecord(e.footer) ? e.footer.icon_url : undefined,
    ];
    for (const url of urls) {
      if (typeof url === 'string' && url.startsWith('attachment://')) names.push(url.slice(13));
    }
  }
  return names;
}

/**
 * Parses and checks one multipart message request. Throws UploadError (or MultipartError for broken
 * framing) with what is wrong: no single payload_json, a field that is neither payload_json nor
 * `files[n]`, a file without a filename or bytes, a `.png` that is not a PNG, more than 10 files or one
 * over 10 MiB, an upload no `attachments` entry declares (by id n and the same filename), an entry
 * that names no upload (POST; on PATCH larger ids keep existing attachments), an embed pointing at an
 * `attachment://` that was not uploaded.
 */
export function checkDiscordUpload(body: Buffer, contentType: string, method: string): DiscordUpload {
  const parts = parseMultipart(body, contentType);
  const payload = payloadOf(parts);
  const files: Array<{ field: string; index: number; name: string; type: string; bytes: Buffer }> = [];
  for (const p of parts) {
    if (p.name === 'payload_json') continue;
    const index = /^files\[(\d)\]$/.exec(p.name)?.[1];
    if (index === undefined) throw new UploadError(`unexpected field "${p.name}"`);
    if (!p.filename) throw new UploadError(`${p.name} has no filename`);
    if (p.data.length === 0) throw new UploadError(`${p.name} is empty`);
    if (p.data.length > MAX_FILE_BYTES) throw new UploadError(`${p.name} is over 10 MiB`);
    if (/\.png$/i.test(p.filename) && p.data.subarray(1, 4).toString('latin1') !== 'PNG') {
      throw new UploadError(`${p.name} is named .png but is not a PNG`);
    }
    if (files.some((f) => f.field === p.name)) throw new UploadError(`${p.name} twice`);
    files.push({ field: p.name, index: Number(index), name: p.filename, type: p.type, bytes: p.data });
  }
  if (files.length > MAX_FILES) throw new UploadError('more than 10 files');
  const declared = Array.isArray(payload.attachments) ? payload.attachments : [];
  for (const f of files) {
    const a = declared.find((d) => isRecord(d) && Number(d.id) === f.index);
    if (!isRecord(a)) throw new UploadError(`${f.field} is not declared in attachments`);
    if (a.filename !== undefined && a.filename !== f.name) {
      throw new UploadError(
        `attachments[id=${f.index}] names "${String(a.filename)}", the file is "${f.name}"`,
      );
    }
  }
  for (const d of declared) {
    if (!isRecord(d) || d.id === undefined) throw new UploadError('an attachment without an id');
    const id = Number(d.id);
    const uploaded = files.some((f) => f.index === id);
    if (!uploaded && (method === 'POST' || id < MAX_FILES)) {
      throw new UploadError(`attachments[id=${String(d.id)}] has no files[${String(d.id)}]`);
    }
  }
  for (const name of referencedNames(payload)) {
    if (!files.some((f) => f.name === name)) throw new UploadError(`attachment://${name} was not uploaded`);
  }
  return { payload, files: files.map(({ index: _index, ...f }) => f) };
}
