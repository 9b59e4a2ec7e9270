/**
 * The team's configuration, committed with the site: `.article-frontmatter.yml` (or `.yaml`,
 * or `.json`) in the site's root or in a folder of it. The nearest one above an article applies;
 * its globs and paths are relative to its own folder. Read through the workspace, kept until
 * invalidated, like the taxonomy.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { RuleSeverity, SchemaAssociation, SiteWorkspace } from '../types';
import { SEVERITY_WORDS } from '../util/severities';
import { closestName } from '../util/suggestions';
import { joinUri } from '../util/uri';

/** The names of the team config file, the first found in a folder wins. */
export const TEAM_CONFIG_NAMES = [
  '.article-frontmatter.yml',
  '.article-frontmatter.yaml',
  '.article-frontmatter.json',
] as const;

/** What the team's configuration sets, its paths made relative to the site root. */
export interface TeamSettings {
  /** Per diagnostic code: a severity or `off`. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** Schemas by glob, as `articleFrontMatter.schemas`; paths inside the site only. */
  readonly schemas: readonly SchemaAssociation[];
  /** Globs of the files not to check. */
  readonly ignore: readonly string[];
}

/** A team config file that was read. */
export interface TeamConfigFile {
  readonly uri: string;
  readonly settings: TeamSettings;
}

/** A mistake in a team config file: where (offsets in its text), what kind and what to say. */
export interface TeamConfigProblem {
  readonly start: number;
  readonly end: number;
  readonly kind: 'syntax' | 'unknown-key' | 'wrong-type' | 'invalid-value';
  readonly message: string;
}

/** The top-level keys of the config file. */
export const TEAM_CONFIG_KEYS = ['rules', 'schemas', 'ignore'] as const;

/** Whether a URI names a team config file. */
export function isTeamConfigUri(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return (TEAM_CONFIG_NAMES as readonly string[]).includes(name);
}

/**
 * Reads a team config file's text: what it sets (bad values left out) and each problem, with its
 * place. Never throws.
 * @param folder the config file's folder below the site root (`''` for the root).
 * @param ruleCodes the codes a rule may name.
 */
export function readTeamConfig(
  text: string,
  folder: string,
  ruleCodes: readonly string[],
): { settings: TeamSettings; problems: TeamConfigProblem[] } {
  const problems: TeamConfigProblem[] = [];
  const settings = {
    rules: {} as Record<string, RuleSeverity>,
    schemas: [] as SchemaAssociation[],
    ignore: [] as string[],
  };
  const say = (node: Node | Pair | null | undefined, kind: TeamConfigProblem['kind'], message: string) => {
    const range = spanOf(node) ?? [0, 0];
    problems.push({ start: range[0], end: range[1], kind, message });
  };
  const document = parseDocument(text, { prettyErrors: false, logLevel: 'error', uniqueKeys: true });
  for (const error of document.errors) {
    problems.push({
      start: error.pos[0],
      end: error.pos[1],
      kind: 'syntax',
      message: error.message.split('\n')[0],
    });
  }
  const top = document.contents;
  if (top === null || (isScalar(top) && top.value == null)) return { settings, problems };
  if (!isMap(top)) {
    say(top, 'wrong-type', 'The team configuration must be a mapping of `rules`, `schemas` and `ignore`');
    return { settings, problems };
  }
  const prefix = folder === '' ? '' : folder + '/';
  for (const pair of top.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules':
        readRules(value, ruleCodes, settings.rules, say);
        break;
      case 'schemas':
        readSchemas(value, prefix, settings.schemas, say);
        break;
      case 'ignore':
        for (const item of listOf(value, 'ignore', 'globs of the files not to check', say)) {
          const glob = textOf(item);
          if (glob) settings.ignore.push(prefix + glob.replace(/^\.\//, ''));
          else say(item, 'wrong-type', '`ignore` entries must be globs, such as `drafts/**`');
        }
        break;
      default: {
        const near = closestName(key, TEAM_CONFIG_KEYS);
        say(
          pair.key as Node,
          'unknown-key',
          `Unknown key \`${key}\`${near ? ` \u2014 did you mean \`${near}\`?` : ` (known: ${TEAM_CONFIG_KEYS.join(', ')})`}`,
        );
      }
    }
  }
  return { settings, problems };
}

type Say = (node: Node | Pair | null | undefined, kind: TeamConfigProblem['kind'], message: string) => void;

function readRules(
  value: Node | null,
  codes: readonly string[],
  rules: Record<string, RuleSeverity>,
  say: Say,
): void {
  if (!isMap(value)) {
    say(value, 'wrong-type', '`rules` must map diagnostic codes to severities, such as `unknown-topic: off`');
    return;
  }
  for (const pair of value.items) {
    const code = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!codes.includes(code)) {
      const near = closestName(code, codes);
      say(
        pair.key as Node,
        'invalid-value',
        `\`${code}\` is not a rule${near ? ` \u2014 did you mean \`${near}\`?` : ''}`,
      );
      continue;
    }
    const word = textOf(pair.value as Node | null);
    const severity =
      word !== undefined && Object.hasOwn(SEVERITY_WORDS, word) ? SEVERITY_WORDS[word] : undefined;
    if (!severity) {
      const near = word === undefined ? undefined : closestName(word, Object.keys(SEVERITY_WORDS));
      say(
        (pair.value as Node | null) ?? (pair.key as Node),
        'invalid-value',
        `The severity of \`${code}\` must be one of error, warning, information (or info), hint, off${near ? ` \u2014 did you mean \`${near}\`?` : ''}`,
      );
      continue;
    }
    rules[code] = severity;
  }
}

function readSchemas(value: Node | null, prefix: string, schemas: SchemaAssociation[], say: Say): void {
  for (const item of listOf(value, 'schemas', 'a list of `{ fileMatch: [globs], url: path }`', say)) {
    if (!isMap(item)) {
      say(item, 'wrong-type', 'A schema entry must be `{ fileMatch: [globs], url: path }`');
      continue;
    }
    const url = textOf(item.get('url', true) as Node | undefined);
    const fileMatch = item.get('fileMatch', true) as Node | undefined;
    const globs = isSeq(fileMatch)
      ? fileMatch.items.map((glob) => textOf(glob as Node))
      : [textOf(fileMatch)];
    if (!url) {
      say(item, 'wrong-type', 'A schema entry needs a `url`: the schema file\u2019s path in the site');
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) {
      say(
        item.get('url', true) as Node,
        'invalid-value',
        'A schema of the team configuration is a path inside the site, not an address',
      );
      continue;
    }
    const usable = globs.filter((glob): glob is string => glob !== undefined);
    if (usable.length === 0) {
      say(
        fileMatch ?? item,
        'wrong-type',
        'A schema entry needs a `fileMatch`: the globs of the articles it is for',
      );
      continue;
    }
    schemas.push({
      fileMatch: usable.map((glob) => prefix + glob.replace(/^\.\//, '')),
      url: prefix + url.replace(/^\.\//, ''),
    });
  }
}

function listOf(value: Node | null, key: string, what: string, say: Say): Node[] {
  if (isSeq(value)) return value.items as Node[];
  say(value, 'wrong-type', `\`${key}\` must be ${what}`);
  return [];
}

function textOf(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value.trim() !== ''
    ? node.value.trim()
    : undefined;
}

function spanOf(node: Node | Pair | null | undefined): [number, number] | undefined {
  if (!node) return undefined;
  const range = 'range' in node ? node.range : 'key' in node ? (node.key as Node | null)?.range : undefined;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * The team config files of a site, read on first need through the workspace: for each folder,
 * the nearest config file at or above it, up to the site root.
 */
export class TeamConfigs {
  /** Per folder below the root: the config nearest above it (`null`: none), or its reading. */
  private readonly nearest = new Map<string, TeamConfigFile | null | Promise<TeamConfigFile | null>>();

  constructor(
    private readonly workspace: SiteWorkspace,
    private readonly ruleCodes: readonly string[],
  ) {}

  /** The config that applies to a file at this path below the root (without a promise once read). */
  forPath(relativePath: string): TeamConfigFile | null | Promise<TeamConfigFile | null> {
    const slash = relativePath.lastIndexOf('/');
    return this.forFolder(slash < 0 ? '' : relativePath.slice(0, slash));
  }

  /** The config nearest above a folder below the root (`''`: the root). */
  forFolder(folder: string): TeamConfigFile | null | Promise<TeamConfigFile | null> {
    const known = this.nearest.get(folder);
    if (known !== undefined) return known;
    const reading = this.read(folder).then((found) => {
      if (found !== null || folder === '') return found;
      const slash = folder.lastIndexOf('/');
      return this.forFolder(slash < 0 ? '' : folder.slice(0, slash));
    });
    this.nearest.set(folder, reading);
    void reading.then(
      (found) => this.nearest.get(folder) === reading && this.nearest.set(folder, found),
      () => this.nearest.delete(folder),
    );
    return reading;
  }

  /** Forgets what was read (all of it when a config file, or an unknown change, is named). */
  invalidate(uri?: string): void {
    if (uri === undefined || isTeamConfigUri(uri) || !/\.[^/]*$/.test(uri)) this.nearest.clear();
  }

  private async read(folder: string): Promise<TeamConfigFile | null> {
    const base = folder === '' ? this.workspace.root : joinUri(this.workspace.root, folder);
    for (const name of TEAM_CONFIG_NAMES) {
      const uri = `${base}/${name}`;
      const text = await this.workspace.readFile(uri).catch(() => undefined);
      if (text === undefined) continue;
      return { uri, settings: readTeamConfig(text, folder, this.ruleCodes).settings };
    }
    return null;
  }
}

/**
 * The settings in effect under a team config: the team's first, the host's (VS Code settings,
 * CLI flags) on top — per code for `rules`; the host's schemas are matched before the team's.
 */
export function withTeamSettings<
  T extends { rules: Record<string, RuleSeverity>; schemas: SchemaAssociation[]; ignore: string[] },
>(host: T, team: TeamSettings | undefined): T {
  if (!team) return host;
  return {
    ...host,
    rules: { ...team.rules, ...host.rules },
    schemas: [...host.schemas, ...team.schemas],
    ignore: [...team.ignore, ...host.ignore],
  };
}
