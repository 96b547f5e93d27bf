import { fromBuffer } from 'file-type';

/** The file types peer review can recognise from their bytes, by the name PEER_REVIEW_ATTACHMENT_TYPES uses. */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

export type AttachmentTypeName = keyof typeof ATTACHMENT_TYPES;

/** The file name extensions that fit each type, the usual one first. */
export const ATTACHMENT_EXTENSIONS: { readonly [N in AttachmentTypeName]: readonly string[] } = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  txt: ['txt', 'md', 'markdown', 'text', 'csv', 'tsv', 'log'],
  zip: ['zip'],
  docx: ['docx'],
  odt: ['odt'],
};

/** What the bytes are: a type peer review knows (`name`), or only a MIME type (`name` null) it does not take. */
export interface DetectedType {
  name: AttachmentTypeName | null;
  mime: string;
}

const NAME_OF_MIME = new Map<string, AttachmentTypeName>(
  Object.entries(ATTACHMENT_TYPES).map(([name, mime]) => [mime, name as AttachmentTypeName]),
);

/**
 * The type of a file from its bytes alone (magic numbers, via `file-type`; the ZIP-based office formats from the
 * entries inside). Bytes with no signature are plain text only when they are valid UTF-8 without control characters
 * and do not open like markup (the WHATWG MIME sniffing patterns of HTML and XML): a browser that sniffs would
 * render such a file, whatever name it came with.
 */
export async function detectAttachmentType(bytes: Buffer): Promise<DetectedType | null> {
  const found = await fromBuffer(bytes);
  if (found) return { name: NAME_OF_MIME.get(found.mime) ?? null, mime: found.mime };
  return isPlainText(bytes) ? { name: 'txt', mime: ATTACHMENT_TYPES.txt } : null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
// Control characters other than tab, line feed, form feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
const MARKUP =
  /^[\s\uFEFF]*<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|svg|!--|\?xml)[\s/>]/i;

function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return false;
  }
  return !CONTROL.test(text) && !MARKUP.test(text.slice(0, 1024));
}

/** The names of PEER_REVIEW_ATTACHMENT_TYPES, checked against the types peer review knows. */
export function parseAttachmentTypeNames(setting: string): { names: AttachmentTypeName[]; unknown: string[] } {
  const names: AttachmentTypeName[] = [];
  const unknown: string[] = [];
  for (const name of setting.split(',').filter((n) => n !== '')) {
    if (Object.hasOwn(ATTACHMENT_TYPES, name)) names.push(name as AttachmentTypeName);
    else unknown.push(name);
  }
  return { names, unknown };
}
