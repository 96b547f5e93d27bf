import type { FieldProblem } from '../errors/domain-error';

/** Past this many, a request is bad enough: the answer names the first ones only. */
const MAX_PROBLEMS = 20;

// In a `u` regex a surrogate pair is one code point, so \p{Cs} matches lone halves only: the test of ES2024's
// String.prototype.isWellFormed, which the ES2023 typings this project compiles against do not declare.
const LONE_SURROGATE = /\p{Cs}/u;
const UNPRINTABLE = /[\0\p{Cs}]/gu;

/** Why PostgreSQL (or a validator) would choke on `text`, or undefined when it is fine. */
export function textFault(text: string): string | undefined {
  // text columns refuse NUL; jsonb refuses it and lone surrogates alike.
  if (text.includes('\0')) return 'must not contain NUL characters';
  // Validators that re-encode strings (isEmail's byte length) throw "URI malformed" on lone surrogates.
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/**
 * Every string and object key in `value`, at any depth, that holds a NUL or a lone surrogate, named by its dotted
 * path under `root` (`modules.0.title`). Iterative, breadth first: it runs on input nothing has checked yet.
 */
export function findMalformedText(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: Array<[node: unknown, path: string]> = [[value, root]];
  for (let i = 0; i < pending.length && problems.length < MAX_PROBLEMS; i++) {
    const [node, path] = pending[i]!;
    if (typeof node === 'string') {
      const fault = textFault(node);
      if (fault) problems.push({ field: path, message: `${path || 'the value'} ${fault}` });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => pending.push([item, join(path, String(index))]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        const fault = textFault(key);
        const field = join(path, fault ? key.replace(UNPRINTABLE, '\uFFFD') : key);
        if (fault) problems.push({ field, message: `the name of ${field} ${fault}` });
        pending.push([item, field]);
      }
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
