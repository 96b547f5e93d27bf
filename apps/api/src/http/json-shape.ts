/*
 * Bounds on the shape of a JSON body, checked on its raw bytes before it is parsed. Validation (class-transformer
 * and class-validator) walks a body recursively, so a few thousand nested arrays overflow its stack, from any
 * route, signed in or not; and parsing deep or huge structures costs time for every level and element. The
 * largest legitimate bodies stay far inside: a course draft nests 7 levels (draft, modules, assignments, rubric,
 * criteria, levels), its longest list holds 100 modules, attendance sends at most 500 records, and no object has
 * more than a few dozen keys.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_ARRAY_LENGTH = 10_000;
export const MAX_JSON_OBJECT_KEYS = 1_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * What is wrong with the shape of a UTF-8 JSON text, or undefined when it is within bounds. One pass over the
 * bytes, no recursion: in UTF-8 the structural characters never occur inside a multi-byte sequence, and inside
 * strings they are skipped. Malformed JSON is left to the parser.
 */
export function jsonShapeProblem(bytes: Uint8Array): string | undefined {
  // Per open container, innermost last: whether it is an array, and the commas seen at its own level.
  const isArray: boolean[] = [];
  const commas: number[] = [];
  let inString = false;
  let escaped = false;
  // An indexed loop: about three times faster than iterating the Buffer (3 ms for 700 KB).
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_ARRAY:
      case OPEN_OBJECT:
        if (commas.length === MAX_JSON_DEPTH) return `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`;
        isArray.push(byte === OPEN_ARRAY);
        commas.push(0);
        break;
      case CLOSE_ARRAY:
      case CLOSE_OBJECT:
        isArray.pop();
        commas.pop();
        break;
      case COMMA: {
        const top = commas.length - 1;
        if (top < 0) break;
        // n commas separate n + 1 members.
        const members = (commas[top] = (commas[top] ?? 0) + 1) + 1;
        if (isArray[top] && members > MAX_JSON_ARRAY_LENGTH) {
          return `A list in the request body has more than ${MAX_JSON_ARRAY_LENGTH} items.`;
        }
        if (!isArray[top] && members > MAX_JSON_OBJECT_KEYS) {
          return `An object in the request body has more than ${MAX_JSON_OBJECT_KEYS} keys.`;
        }
        break;
      }
    }
  }
  return undefined;
}
