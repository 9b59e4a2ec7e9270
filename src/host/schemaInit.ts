/**
 * `init`, editor-neutral: reads every article of a site, infers a schema per kind of content
 * (the service's `inferSiteSchemas`) and says which files to write — the schemas under
 * `schemas/` and the team configuration mapping each kind to its schema — and which of them
 * exist already. The adapter (the CLI, the VS Code command) lists the site's files as its check
 * does, writes what it is allowed to and reports.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as ServiceModule from '../service/index';
import type { InferredSite } from '../service/index';
import { childUri, pathBelow } from './uris';

/** What `init` needs of the service, handed in by the adapter (VS Code loads it on first use). */
export type SchemaInitEngine = Pick<
  typeof ServiceModule,
  'readJekyllConfig' | 'readInferenceSample' | 'inferSiteSchemas' | 'teamConfigText' | 'driftReport'
>;

/** How the adapter reads the site. */
export interface SchemaInitFiles {
  /** A file's text (URI), `undefined` when it cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
}

/** One file `init` would write. */
export interface SchemaInitOutput {
  readonly uri: string;
  /** Its path below the site root. */
  readonly path: string;
  readonly text: string;
  /** Whether it exists already: written only when forced. */
  readonly exists: boolean;
}

/** What `init` found and would write. */
export interface SchemaInitPlan {
  readonly site: InferredSite;
  /** The schemas first, the team configuration last. */
  readonly outputs: readonly SchemaInitOutput[];
  /** The team configuration's output. */
  readonly config: SchemaInitOutput;
  /** The files read (articles with front matter the check validates). */
  readonly read: number;
  /** The drift report, one line per finding. */
  readonly drift: readonly string[];
}

/** The names of the team configuration, the first found wins (as `TEAM_CONFIG_NAMES`). */
const CONFIG_NAMES = ['.article-frontmatter.yml', '.article-frontmatter.yaml', '.article-frontmatter.json'];

/**
 * Reads the site's articles and infers its schemas.
 * @param root the site root (URI).
 * @param articles the site's articles (URIs), as its check finds them (exclusions applied).
 * @param requiredThreshold the share of files a key must be in to be required (default 1).
 */
export async function planSchemaInit(
  root: string,
  articles: readonly string[],
  files: SchemaInitFiles,
  engine: SchemaInitEngine,
  options: { requiredThreshold?: number; header?: readonly string[] } = {},
): Promise<SchemaInitPlan> {
  const base = root.replace(/\/+$/, '');
  const config = engine.readJekyllConfig(await files.readFile(childUri(base, '_config.yml')));
  const samples = [];
  for (const uri of articles) {
    const path = pathBelow(base, uri);
    if (path === undefined) continue;
    const text = await files.readFile(uri);
    if (text === undefined) continue;
    const sample = engine.readInferenceSample(TextDocument.create(uri, 'markdown', 0, text), path, config);
    if (sample) samples.push(sample);
  }
  const site = engine.inferSiteSchemas(samples, config, options);
  const existing = new Map<string, string>();
  for (const name of CONFIG_NAMES) {
    const text = await files.readFile(childUri(base, name));
    if (text !== undefined) existing.set(name, text);
  }
  const outputs: SchemaInitOutput[] = [];
  for (const kind of site.kinds) {
    const uri = kind.schemaPath.split('/').reduce(childUri, base);
    outputs.push({
      uri,
      path: kind.schemaPath,
      text: kind.schemaText,
      exists: (await files.readFile(uri)) !== undefined,
    });
  }
  const [configName, configText] = existing.entries().next().value ?? [CONFIG_NAMES[0], undefined];
  const configOutput: SchemaInitOutput = {
    uri: childUri(base, configName),
    path: configName,
    text: configName.endsWith('.json')
      ? jsonConfig(site, configText)
      : engine.teamConfigText(site.kinds, configText),
    exists: configText !== undefined,
  };
  outputs.push(configOutput);
  return { site, outputs, config: configOutput, read: samples.length, drift: engine.driftReport(site) };
}

/** A JSON team configuration with its `schemas` replaced. */
function jsonConfig(site: InferredSite, existing: string | undefined): string {
  let value: Record<string, unknown> = {};
  try {
    const parsed: unknown = existing === undefined ? {} : JSON.parse(existing);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      value = parsed as Record<string, unknown>;
  } catch {
    // A broken file is replaced whole (only with --force).
  }
  value.schemas = site.kinds.map((kind) => ({ fileMatch: [...kind.fileMatch], url: kind.schemaPath }));
  return JSON.stringify(value, null, 2) + '\n';
}
