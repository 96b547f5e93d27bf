import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { formGroups, naiveGrouping, type GroupingLearner, type GroupingResult } from '@app/cohorts';
import type { AvailabilityWindow } from '@app/identity';

/**
 * `npm run bench:grouping`: 10,000 synthetic learners, formGroups vs the naive (UTC offset) baseline.
 * Zone weights roughly follow internet users by region (ITU 2023: Asia ~53%, Europe ~14%, Africa ~12%,
 * Latin America ~10%, North America ~6%, Middle East ~4%, Oceania ~1%).
 */
const ZONES: [zone: string, weight: number, languages: string[]][] = [
  ['Asia/Kolkata', 14, ['en', 'hi']],
  ['Asia/Shanghai', 14, ['zh', 'en']],
  ['Asia/Jakarta', 6, ['id', 'en']],
  ['Asia/Tokyo', 4, ['ja', 'en']],
  ['Asia/Manila', 4, ['en']],
  ['Asia/Karachi', 4, ['ur', 'en']],
  ['Asia/Dhaka', 3, ['bn', 'en']],
  ['Asia/Ho_Chi_Minh', 3, ['vi', 'en']],
  ['Asia/Kathmandu', 1, ['ne', 'en']],
  ['Europe/London', 3, ['en']],
  ['Europe/Berlin', 4, ['de', 'en']],
  ['Europe/Paris', 3, ['fr', 'en']],
  ['Europe/Madrid', 2, ['es', 'en']],
  ['Europe/Moscow', 2, ['ru', 'en']],
  ['Africa/Lagos', 5, ['en']],
  ['Africa/Cairo', 3, ['ar', 'en']],
  ['Africa/Nairobi', 2, ['en', 'sw']],
  ['Africa/Kigali', 1, ['fr', 'en', 'rw']],
  ['Africa/Johannesburg', 1, ['en']],
  ['America/Sao_Paulo', 4, ['pt', 'en']],
  ['America/Mexico_City', 3, ['es', 'en']],
  ['America/Bogota', 1, ['es']],
  ['America/La_Paz', 1, ['es']],
  ['America/Argentina/Buenos_Aires', 1, ['es', 'en']],
  ['America/New_York', 3, ['en', 'es']],
  ['America/Chicago', 1, ['en']],
  ['America/Los_Angeles', 2, ['en', 'es']],
  ['Asia/Riyadh', 2, ['ar', 'en']],
  ['Asia/Tehran', 2, ['fa', 'en']],
  ['Australia/Sydney', 1, ['en']],
];

let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
const hh = (h: number): string => (h >= 24 ? '24:00' : `${String(h).padStart(2, '0')}:00`);
const days = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Evenings, mornings, lunchtimes and weekends, alone or mixed, with a little jitter in the hours. */
function availability(): AvailabilityWindow[] {
  const windows: AvailabilityWindow[] = [];
  const kinds =
    random() < 0.5
      ? [pick(['evening', 'morning', 'lunch', 'weekend'])]
      : [pick(['evening', 'morning', 'lunch']), 'weekend'];
  for (const kind of kinds) {
    const shift = Math.floor(random() * 3) - 1;
    const [from, to, start, end] =
      kind === 'evening'
        ? [1, 5, 18, 22]
        : kind === 'morning'
          ? [1, 5, 6, 9]
          : kind === 'lunch'
            ? [1, 5, 12, 14]
            : [6, 7, 9, 18];
    for (const weekday of days(from, to)) windows.push({ weekday, start: hh(start + shift), end: hh(end + shift) });
  }
  return windows;
}

function makeLearners(count: number): GroupingLearner[] {
  const total = ZONES.reduce((sum, z) => sum + z[1], 0);
  return Array.from({ length: count }, (_, n) => {
    let r = random() * total;
    const [timeZone, , langs] = ZONES.find((z) => (r -= z[1]) < 0) ?? ZONES[0]!;
    const languages = random() < 0.5 || langs.length === 1 ? [langs[0]!] : [langs[0]!, pick(langs.slice(1))];
    return { id: `learner-${n}`, timeZone, languages, availability: availability() };
  });
}

function report(name: string, run: () => GroupingResult, total: number): void {
  const started = performance.now();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  const grouped = result.groups.reduce((s, g) => s + g.memberIds.length, 0);
  const withHour = result.groups.filter((g) => g.sharedMinutes >= 60).reduce((s, g) => s + g.memberIds.length, 0);
  const sizes = result.groups.map((g) => g.memberIds.length);
  const minutes = result.groups.map((g) => g.sharedMinutes).sort((a, b) => a - b);
  const median = minutes[Math.floor(minutes.length / 2)] ?? 0;
  process.stdout.write(
    `${name}: ${seconds.toFixed(2)} s; ${result.groups.length} groups (size ${Math.min(...sizes)}-${Math.max(...sizes)}); ` +
      `grouped ${grouped}/${total}, unplaced ${result.unplaced.length}; ` +
      `grouped learners sharing >= 1 h/week with their whole group: ${((100 * withHour) / Math.max(grouped, 1)).toFixed(1)}%; ` +
      `median common time per group: ${median} min/week; with a common language: ${((100 * result.groups.filter((g) => g.language).reduce((s, g) => s + g.memberIds.length, 0)) / Math.max(grouped, 1)).toFixed(1)}%\n`,
  );
}

const learners = makeLearners(10_000);
const options = { minSize: 4, maxSize: 6, weekOf: '2026-03-02' };
// The conversion to UTC is done once per distinct (zone, windows): fewer distinct pairs make formGroups faster.
const patterns = new Set(learners.map((l) => `${l.timeZone} ${JSON.stringify(l.availability)}`)).size;
process.stdout.write(`${patterns} distinct (zone, availability) pairs\n`);
process.stdout.write(
  `${new Date().toISOString()} ${cpus().length} vCPU ${cpus()[0]?.model ?? ''} Node ${process.version}\n`,
);
report('formGroups', () => formGroups(learners, options), learners.length);
report('naive (sort by UTC offset)', () => naiveGrouping(learners, options), learners.length);
