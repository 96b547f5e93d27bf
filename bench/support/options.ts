export type OptionLimits<O> = { [K in keyof O]: [min: number, max: number, fallback: number] };

/** `--some-option 12` for each key `someOption` of `limits`; integers only, within the limits. */
export function parseOptions<O extends { [K in keyof O]: number }>(argv: string[], limits: OptionLimits<O>): O {
  const options = {} as O;
  for (const key of Object.keys(limits) as (keyof O & string)[]) {
    const [min, max, fallback] = limits[key];
    const flag = argv.indexOf(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    const value = flag >= 0 ? Number(argv[flag + 1]) : fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${key} must be an integer from ${min} to ${max}`);
    }
    options[key] = value as O[keyof O & string];
  }
  return options;
}
