import type { UploadedFile } from './telegram-fake.js';

/**
 * Parameters of the Bot API methods the fake checks field by field, as the Bot API 10.1 spec lists them
 * (shared/reference/specs/telegram-bot-api.json: name, types, required). Telegram itself ignores a
 * parameter it does not know; the fake refuses one, so a misspelt field fails a test instead of being
 * dropped without a word.
 */
type FieldType = 'Integer' | 'String' | 'Boolean' | 'InputFile' | 'Object' | 'Array';

interface Field {
  readonly types: readonly FieldType[];
  readonly required?: boolean;
}

const MARKUP: Field = { types: ['Object'] };

export const METHOD_FIELDS: Readonly<Record<string, Readonly<Record<string, Field>>>> = {
  sendMessage: {
    business_connection_id: { types: ['String'] },
    chat_id: { types: ['Integer', 'String'], required: true },
    message_thread_id: { types: ['Integer'] },
    direct_messages_topic_id: { types: ['Integer'] },
    text: { types: ['String'], required: true },
    parse_mode: { types: ['String'] },
    entities: { types: ['Array'] },
    link_preview_options: { types: ['Object'] },
    disable_notification: { types: ['Boolean'] },
    protect_content: { types: ['Boolean'] },
    allow_paid_broadcast: { types: ['Boolean'] },
    message_effect_id: { types: ['String'] },
    suggested_post_parameters: { types: ['Object'] },
    reply_parameters: { types: ['Object'] },
    reply_markup: MARKUP,
  },
  sendPhoto: {
    business_connection_id: { types: ['String'] },
    chat_id: { types: ['Integer', 'String'], required: true },
    message_thread_id: { types: ['Integer'] },
    direct_messages_topic_id: { types: ['Integer'] },
    photo: { types: ['InputFile', 'String'], required: true },
    caption: { types: ['String'] },
    parse_mode: { types: ['String'] },
    caption_entities: { types: ['Array'] },
    show_caption_above_media: { types: ['Boolean'] },
    has_spoiler: { types: ['Boolean'] },
    disable_notification: { types: ['Boolean'] },
    protect_content: { types: ['Boolean'] },
    allow_paid_broadcast: { types: ['Boolean'] },
    message_effect_id: { types: ['String'] },
    suggested_post_parameters: { types: ['Object'] },
    reply_parameters: { types: ['Object'] },
    // InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply: all JSON objects.
    reply_markup: MARKUP,
  },
  sendDocument: {
    business_connection_id: { types: ['String'] },
    chat_id: { types: ['Integer', 'String'], required: true },
    message_thread_id: { types: ['Integer'] },
    direct_messages_topic_id: { types: ['Integer'] },
    document: { types: ['InputFile', 'String'], required: true },
    thumbnail: { types: ['InputFile', 'String'] },
    caption: { types: ['String'] },
    parse_mode: { types: ['String'] },
    caption_entities: { types: ['Array'] },
    disable_content_type_detection: { types: ['Boolean'] },
    disable_notification: { types: ['Boolean'] },
    protect_content: { types: ['Boolean'] },
    allow_paid_broadcast: { types: ['Boolean'] },
    message_effect_id: { types: ['String'] },
    suggested_post_parameters: { types: ['Object'] },
    reply_parameters: { types: ['Object'] },
    reply_markup: MARKUP,
  },
};

/** The Bot API's formatting modes (case-sensitive). */
const PARSE_MODES = new Set(['HTML', 'MarkdownV2', 'Markdown']);

const isFile = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && 'bytes' in v && Buffer.isBuffer((v as UploadedFile).bytes);

function fits(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'Integer':
      return Number.isSafeInteger(v);
    // Form fields cannot tell "123" from 123: a String field may arrive as a number once parsed.
    case 'String':
      return typeof v === 'string' || typeof v === 'number';
    case 'Boolean':
      return typeof v === 'boolean';
    case 'InputFile':
      return isFile(v);
    case 'Object':
      return typeof v === 'object' && v !== null && !Array.isArray(v) && !isFile(v);
    case 'Array':
      return Array.isArray(v);
  }
}

/**
 * A Bot API "Bad Request" description when `payload` does not fit `method`'s parameters (unknown field,
 * missing required one, wrong type, unknown parse_mode), else undefined. Methods without a table pass.
 */
export function checkFields(method: string, payload: Readonly<Record<string, unknown>>): string | undefined {
  const fields = METHOD_FIELDS[method];
  if (!fields) return undefined;
  for (const [name, value] of Object.entries(payload)) {
    const field = fields[name];
    if (!field) return `Bad Request: unknown parameter "${name}" for ${method}`;
    if (!field.types.some((t) => fits(value, t))) {
      return `Bad Request: field "${name}" must be ${field.types.join(' or ')}`;
    }
  }
  for (const [name, field] of Object.entries(fields)) {
    if (field.required && payload[name] === undefined) return `Bad Request: ${name} is required`;
  }
  if (payload.parse_mode !== undefined && !PARSE_MODES.has(String(payload.parse_mode))) {
    return `Bad Request: unsupported parse_mode "${String(payload.parse_mode)}"`;
  }
  return undefined;
}
