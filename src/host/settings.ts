/**
 * The writer's settings, from wherever they come — VS Code's configuration, the CLI's flags,
 * later a team's config file — read into what the service takes. Values are hand-written, so
 * each bad one is dropped and said why.
 */
import type { ArticleSettings, RuleSeverity, SchemaAssociation } from '../service/index';
import { isRecord } from '../service/util/records';
import { SEVERITY_WORDS } from '../service/util/severities';

/** The settings as written: keys of the `articleFrontMatter` section, values unchecked. */
export type RawSettings = Readonly<Record<string, unknown>>;

/** The keys `parseSettings` reads. */
export const SETTING_KEYS = ['enable', 'rules', 'schemas', 'topicsFolder', 'organizationsFolder'] as const;

/** A value that was dropped, and why. */
export interface SettingsProblem {
  /** Where: the key, and for a rule its code (`rules.unknown-topic`). */
  readonly key: string;
  /** What is wrong, in a sentence that reads after the key or the flag. */
  readonly message: string;
}

/** What was understood of raw settings. */
export interface ParsedSettings {
  /** Whether articles are checked at all (`enable`); `undefined` when not said. */
  readonly enable?: boolean;
  /** The settings for the service: only the keys given with a usable value. */
  readonly settings: Partial<ArticleSettings>;
  /** The values that were dropped. */
  readonly problems: SettingsProblem[];
}

/** How `parseSettings` reads what it is given. */
export interface ParseSettingsOptions {
  /**
   * Whether schemas may be loaded: a schema is compiled to code, so one named in an untrusted
   * workspace is ignored (default: trusted).
   */
  trusted?: boolean;
  /** The diagnostic codes a rule may name; any code is accepted when omitted. */
  ruleCodes?: readonly string[];
  /** The known code closest to a mistyped one, for the problem's message. */
  suggestCode?: (code: string, known: readonly string[]) => string | undefined;
}

/** The severities listed in messages (without the short `info`). */
export const SEVERITY_NAMES: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];

/** The severity a word names (`error`, `warning`, `information` or `info`, `hint`, `off`), if it names one. */
export function parseSeverity(word: string): RuleSeverity | undefined {
  return Object.prototype.hasOwnProperty.call(SEVERITY_WORDS, word) ? SEVERITY_WORDS[word] : undefined;
}

/**
 * Reads raw settings into what the service takes. A key left out, or whose value is unusable,
 * is not in the result: the caller decides what stands in for it.
 */
export function parseSettings(raw: RawSettings, options: ParseSettingsOptions = {}): ParsedSettings {
  const problems: SettingsProblem[] = [];
  const settings: Partial<ArticleSettings> = {};
  const say = (key: string, message: string) => problems.push({ key, message });
  let enable: boolean | undefined;
  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') enable = raw.enable;
    else say('enable', 'must be true or false');
  }
  if (raw.rules !== undefined) settings.rules = readRules(raw.rules, options, say);
  if (raw.schemas !== undefined && options.trusted !== false)
    settings.schemas = readSchemas(raw.schemas, say);
  for (const key of ['topicsFolder', 'organizationsFolder'] as const) {
    if (raw[key] === undefined) continue;
    const folder = readRelativePath(raw[key]);
    if (folder === undefined) say(key, 'must be a folder inside the site, such as `_data/topics`');
    else settings[key] = folder;
  }
  return enable === undefined ? { settings, problems } : { enable, settings, problems };
}

type Say = (key: string, message: string) => void;

function readRules(value: unknown, options: ParseSettingsOptions, say: Say): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  if (!isRecord(value)) {
    say('rules', 'must map diagnostic codes to severities');
    return rules;
  }
  for (const [code, word] of Object.entries(value)) {
    const key = `rules.${code}`;
    const severity = typeof word === 'string' ? parseSeverity(word) : undefined;
    if (!severity) {
      say(key, `severity must be one of ${SEVERITY_NAMES.join(', ')}`);
      continue;
    }
    const known = options.ruleCodes;
    if (known && !known.includes(code)) {
      const near = options.suggestCode?.(code, known);
      say(key, `unknown rule '${code}'${near ? ` (did you mean '${near}'?)` : ''}`);
      continue;
    }
    rules[code] = severity;
  }
  return rules;
}

function readSchemas(value: unknown, say: Say): SchemaAssociation[] {
  const schemas: SchemaAssociation[] = [];
  if (!Array.isArray(value)) {
    say('schemas', 'must be a list of { "fileMatch": [globs], "url": "…" }');
    return schemas;
  }
  value.forEach((item: unknown, index) => {
    const key = `schemas[${index}]`;
    if (!isRecord(item) || typeof item.url !== 'string' || item.url.trim() === '') {
      say(key, 'needs a `url`, the schema’s path in the site or a file: URI');
      return;
    }
    const globs = typeof item.fileMatch === 'string' ? [item.fileMatch] : item.fileMatch;
    const fileMatch = Array.isArray(globs)
      ? globs.filter((glob): glob is string => typeof glob === 'string' && glob !== '')
      : [];
    if (fileMatch.length === 0) say(key, 'needs a `fileMatch`, the globs of the articles it is for');
    else schemas.push({ fileMatch, url: item.url.trim() });
  });
  return schemas;
}

/** A path relative to the site root, as `a/b`: no `./`, no slashes at the ends, no `..`. */
export function readRelativePath(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const segments = value
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.join('/');
}
