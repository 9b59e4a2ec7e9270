/**
 * Post dates as Jekyll reads them: the date in a post's file name, the front matter's `date`,
 * and where each falls in the site's `timezone`. Jekyll sets the process's time zone to
 * `_config.yml`'s `timezone` and reads a date without a zone in it; a YAML timestamp with
 * seconds and no zone (`2024-01-05 22:30:00`) is read as UTC by its YAML reader (SafeYAML),
 * then shown in the site's zone (jekyll/jekyll#1069). Only the forms whose reading is certain
 * are read here; any other text gives no date, so nothing is claimed about it.
 */

/**
 * Jekyll's `Document::DATE_FILENAME_MATCHER`, `^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$`,
 * on the path below `_posts`, without its nested repetition (whose backtracking grows
 * exponentially with the folders of a path that does not match): the first segment start from
 * which the rest matches.
 */
const DATED_REST = /^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$/;

/** `DATE_FILENAME_MATCHER`'s match on a path: the date, the slug and the extension. */
export function matchDateFilename(path: string): RegExpExecArray | undefined {
  for (let start = 0; start >= 0 && start < path.length; start = path.indexOf('/', start) + 1 || -1) {
    const match = DATED_REST.exec(path.slice(start));
    if (match) return match;
  }
  return undefined;
}

/** A calendar day. */
export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The date a post's file name starts with (`2024-01-05-hello.md`). */
export interface FileNameDate extends Day {
  /** The date as written (`2024-1-5`). */
  readonly text: string;
  /** The rest of the name after the date and its `-`, without the extension (`hello`). */
  readonly slug: string;
  /** The extension, with its dot (`.md`). */
  readonly extension: string;
  /** Whether the date is the start of the file's own name (not of a folder above it). */
  readonly inName: boolean;
  /**
   * What Ruby's `Time.parse` makes of it: `ok`; `rolls-over` for a day past the month's end
   * (`2020-02-31` is 2 March); `invalid` for a month or day out of range (Jekyll stops the
   * build with "Invalid date" when it needs the name's date); `unknown` for a year of two or
   * three digits.
   */
  readonly validity: 'ok' | 'rolls-over' | 'invalid' | 'unknown';
}

/** The date in the name of a file `inFolder` below `_posts` (any depth), when Jekyll reads one there. */
export function fileNameDate(inFolder: string): FileNameDate | undefined {
  const match = matchDateFilename(inFolder);
  if (!match) return undefined;
  const [, text, slug, extension] = match;
  const [year, month, day] = text.split('-').map(Number);
  const name = inFolder.slice(inFolder.lastIndexOf('/') + 1);
  let validity: FileNameDate['validity'];
  if (text.split('-')[0].length !== 4) validity = 'unknown';
  else if (month < 1 || month > 12 || day < 1 || day > 31) validity = 'invalid';
  else validity = day > daysInMonth(year, month) ? 'rolls-over' : 'ok';
  return { text, year, month, day, slug, extension, inName: name.startsWith(`${text}-`), validity };
}

/** The number of days of a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A front matter `date` read as Jekyll reads it. */
export interface WrittenDate extends Day {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /**
   * Minutes east of UTC: the zone the text gives (`Z`, `+0100`), or 0 for a YAML timestamp
   * without one (read as UTC); none when the date is read in the site's time zone.
   */
  readonly offset: number | undefined;
  /** Whether the offset is the YAML reader's UTC, not written. */
  readonly implicitUtc: boolean;
  /** Where the day (`2024-01-05`) is in the text: start and end offsets. */
  readonly daySpan: readonly [number, number];
  /** Whether the text has a time of day. */
  readonly hasTime: boolean;
}

const WRITTEN_DATE =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?[ \t]*(?:(Z|UTC|GMT)|([-+])(\d{1,2})(?::?(\d{2}))?)?$/i;
/** SafeYAML's timestamp: seconds required, a zone optional. */
const YAML_TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}(?::?\d\d)?))?$/;

/**
 * A front matter `date` value as Jekyll reads it, when its reading is certain: a day, with
 * an optional time and zone (`2024-01-05`, `2024-01-05 10:30`, `2024-01-05T10:30:00+01:00`).
 * @param plain whether the value is an unquoted YAML scalar (only those are YAML timestamps).
 */
export function writtenDate(value: unknown, plain: boolean): WrittenDate | undefined {
  // A timestamp `_config.yml`'s YAML 1.1 read as a time: an instant.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : instantDate(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const lead = value.length - value.trimStart().length;
  const match = WRITTEN_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  const hour = Number(match[5] ?? 0);
  const minute = Number(match[6] ?? 0);
  const second = Number(match[7] ?? 0);
  // Out of range: `jekyll-date`'s finding, not a date to reason about.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const millisecond = match[8] ? Math.floor(Number(`0.${match[8]}`) * 1000) : 0;
  let offset: number | undefined;
  let implicitUtc = false;
  if (match[9]) offset = 0;
  else if (match[10]) {
    const hours = Number(match[11]);
    const minutes = Number(match[12] ?? 0);
    if (hours > 14 || minutes > 59) return undefined;
    offset = (match[10] === '-' ? -1 : 1) * (hours * 60 + minutes);
  } else if (plain && YAML_TIMESTAMP.test(text)) {
    offset = 0;
    implicitUtc = true;
  }
  const dayEnd = match[1].length + match[3].length + match[4].length + 2;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    offset,
    implicitUtc,
    daySpan: [lead, lead + dayEnd],
    hasTime: match[5] !== undefined,
  };
}

function instantDate(value: Date): WrittenDate {
  return {
    year: value.getUTCFullYear(),
    month: value.getUTCMonth() + 1,
    day: value.getUTCDate(),
    hour: value.getUTCHours(),
    minute: value.getUTCMinutes(),
    second: value.getUTCSeconds(),
    millisecond: value.getUTCMilliseconds(),
    offset: 0,
    implicitUtc: false,
    daySpan: [0, 0],
    hasTime: true,
  };
}

/** `YYYY-MM-DD`, zero-padded. */
export function dayText(day: Day): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter of the parts of a time in a zone; `null` for a zone name the platform does not know. */
function formatterFor(timezone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Whether the platform knows a time zone name (`Europe/Paris`, `UTC`). */
export function isKnownTimezone(timezone: string): boolean {
  return formatterFor(timezone) !== null;
}

/** The wall-clock fields of an instant in a zone, as milliseconds of `Date.UTC`. */
function wallClock(instant: number, formatter: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/** The instant of a wall-clock time (as `Date.UTC` milliseconds) in a zone, as Ruby's `Time.local` finds it. */
function instantOfWallClock(wall: number, formatter: Intl.DateTimeFormat): number {
  const secondsOf = (instant: number) => Math.floor(instant / 1000) * 1000;
  const first = wall - (wallClock(secondsOf(wall), formatter) - secondsOf(wall));
  return wall - (wallClock(secondsOf(first), formatter) - secondsOf(first));
}

/** The day an instant falls on in a zone. */
export function dayIn(instant: number, timezone: string): Day | undefined {
  const formatter = formatterFor(timezone);
  if (!formatter) return undefined;
  const wall = new Date(wallClock(instant, formatter));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The earliest and latest UTC offsets of any zone, in minutes (UTC−12 to UTC+14). */
const OFFSETS = [-12 * 60, 14 * 60] as const;

/**
 * Where a post's date falls: the instant Jekyll gives it, and its day in the site's zone. Without
 * a known zone (the site sets no `timezone`: Jekyll uses the build machine's), the instant is a
 * range over every zone, and the days are those it can fall on.
 */
export interface PlacedDate {
  /** The earliest and latest instant the date can be (equal when the zone is known). */
  readonly earliest: number;
  readonly latest: number;
  /** The days it can fall on in the site's zone (one when the zone is known). */
  readonly days: readonly Day[];
}

/**
 * Places a date, written with its wall-clock fields and maybe a zone, in the site's zone.
 * @param timezone the site's `timezone`, when it is one the platform knows.
 */
export function placeDate(date: Day & Partial<WrittenDate>, timezone: string | undefined): PlacedDate {
  const wall = wallTime(date);
  const formatter = timezone === undefined ? null : formatterFor(timezone);
  if (date.offset !== undefined) {
    const instant = wall - date.offset * 60_000;
    if (formatter)
      return { earliest: instant, latest: instant, days: [dayOfWall(wallClock(instant, formatter))] };
    // The site's zone is unknown: the day is the one of the instant somewhere between UTC−12 and UTC+14.
    const walls: number[] = [];
    for (let minutes = OFFSETS[0]; minutes <= OFFSETS[1]; minutes += 60)
      walls.push(instant + minutes * 60_000);
    return { earliest: instant, latest: instant, days: distinctDays(walls) };
  }
  if (formatter) {
    const instant = instantOfWallClock(wall, formatter);
    return { earliest: instant, latest: instant, days: [dayOfWall(wall)] };
  }
  // Local time in an unknown zone: the day is as written, the instant anywhere in a 26-hour range.
  return {
    earliest: wall - OFFSETS[1] * 60_000,
    latest: wall - OFFSETS[0] * 60_000,
    days: [dayOfWall(wall)],
  };
}

/** A written date's wall-clock fields as a number of milliseconds, read as if in UTC. */
function wallTime(date: Day & Partial<WrittenDate>): number {
  return Date.UTC(
    date.year,
    date.month - 1,
    date.day,
    date.hour ?? 0,
    date.minute ?? 0,
    date.second ?? 0,
    date.millisecond ?? 0,
  );
}

function dayOfWall(wall: number): Day {
  const date = new Date(wall);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function distinctDays(walls: readonly number[]): Day[] {
  const days = new Map<string, Day>();
  for (const wall of walls) {
    const day = dayOfWall(wall);
    days.set(dayText(day), day);
  }
  return [...days.values()];
}

/**
 * The site's UTC offset at a wall-clock time, as a YAML zone (`+0100`); none when the zone is unknown.
 */
export function offsetText(date: Day & Partial<WrittenDate>, timezone: string): string | undefined {
  const formatter = formatterFor(timezone);
  if (!formatter) return undefined;
  const wall = wallTime(date);
  const minutes = Math.round((wall - instantOfWallClock(wall, formatter)) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const size = Math.abs(minutes);
  return `${sign}${String(Math.floor(size / 60)).padStart(2, '0')}${String(size % 60).padStart(2, '0')}`;
}
