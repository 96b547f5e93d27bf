import { ATTACHMENT_EXTENSIONS, type AttachmentTypeName } from './attachment-types';

/** Longest file name kept, in characters (most file systems take 255 bytes; names are shown, not used as paths). */
export const FILE_NAME_MAX_LENGTH = 200;

// Control and format characters (C0/C1 controls, bidi overrides, zero-width marks): they can forge a header line or
// make `evil‮fdp.exe` read as `evil.exe.pdf`.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * A file name safe to store and show: the last path part only (either slash), no control or format characters,
 * whitespace collapsed, no leading dots (no hidden files, no `..`), at most FILE_NAME_MAX_LENGTH characters with the
 * extension kept. Nothing left: `attachment`.
 */
export function sanitizeFileName(original: string): string {
  const base = original.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').trim();
  const chars = [...clean];
  if (chars.length === 0) return 'attachment';
  if (chars.length <= FILE_NAME_MAX_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? [...clean.slice(dot)].slice(0, 16).join('') : '';
  return chars.slice(0, FILE_NAME_MAX_LENGTH - [...extension].length).join('') + extension;
}

/** The plain-ASCII file name for clients that do not read `filename*`: other characters become `_`. */
export function asciiFileName(name: string): string {
  return name.replace(/[^\x20-\x7E]|["\\%;]/g, '_');
}

/**
 * The name with an extension that fits the type told by the bytes: `photo.pdf` holding a PNG is kept as
 * `photo.pdf.png`, `evil.exe` holding a PDF as `evil.exe.pdf`, so whoever saves the file opens it with the program
 * its content is for.
 */
export function withTypeExtension(name: string, type: AttachmentTypeName): string {
  const extensions = ATTACHMENT_EXTENSIONS[type];
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (extensions.includes(current)) return name;
  const extension = `.${extensions[0]!}`;
  const chars = [...name];
  return chars.length + extension.length > FILE_NAME_MAX_LENGTH
    ? chars.slice(0, FILE_NAME_MAX_LENGTH - extension.length).join('') + extension
    : name + extension;
}
