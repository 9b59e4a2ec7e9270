/**
 * `article-frontmatter init [site]`: infers a schema per kind of content from the site's own
 * front matter (the host layer's `planSchemaInit`), writes the schemas and the team
 * configuration that maps each kind to its schema, and prints the drift report. The files it
 * reads are those `check` reads in the site: the same walk, `exclude:` and `ignore` applied.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSchemaInit, type SchemaInitOutput } from '../host/index';
import { fileUri } from '../node/nodeWorkspace';
import {
  driftReport,
  inferSiteSchemas,
  readInferenceSample,
  readJekyllConfig,
  teamConfigText,
} from '../service/index';
import { PROGRAM, type InitOptions } from './args';
import { FileChecker, FileUris, problemText, type CliEnvironment } from './check';
import { collectFiles, describeError, displayPath, InputError, withoutJekyllExcluded } from './files';

/** Runs `init` and returns the exit code: 0 written, 1 nothing could be written, 2 bad input. */
export async function init(options: InitOptions, env: CliEnvironment): Promise<number> {
  const root = siteFolder(options.site ?? '.', env.cwd);
  const shown = displayPath(root, env.cwd);
  const found = await withoutJekyllExcluded(await collectFiles([root], env.cwd), root);
  const checker = new FileChecker(root, {}, env.cwd, env.createService, (message, error) =>
    env.stderr(problemText(message, error)),
  );
  const files = await checker.withoutIgnored(found);
  const uris = new FileUris();
  const plan = await planSchemaInit(
    fileUri(root),
    files.map((file) => uris.of(file)),
    { readFile: async (uri) => readText(fileURLToPath(uri)) },
    { driftReport, inferSiteSchemas, readInferenceSample, readJekyllConfig, teamConfigText },
    { requiredThreshold: options.requiredThreshold },
  );
  if (plan.site.kinds.length === 0) {
    env.stderr(
      `${PROGRAM}: no article with front matter in '${shown}' (of ${files.length} files): nothing to infer a schema from\n`,
    );
    return 1;
  }

  const written: SchemaInitOutput[] = [];
  const kept: SchemaInitOutput[] = [];
  for (const output of plan.outputs) {
    if (output.exists && !options.force) {
      kept.push(output);
      continue;
    }
    const file = fileURLToPath(output.uri);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, output.text);
    } catch (error) {
      throw new InputError(`cannot write '${displayPath(file, env.cwd)}': ${describeError(error)}`);
    }
    written.push(output);
  }

  const lines = [
    `Read ${plan.read} ${plan.read === 1 ? 'file' : 'files'} with front matter in ${shown}: ${plan.site.kinds.length} ${plan.site.kinds.length === 1 ? 'kind' : 'kinds'} of content.`,
  ];
  for (const kind of plan.site.kinds) {
    const output = plan.outputs.find((candidate) => candidate.path === kind.schemaPath)!;
    lines.push(
      `  ${kind.name}: ${kind.files} ${kind.files === 1 ? 'file' : 'files'} (${kind.fileMatch.join(', ')}) \u2192 ${kind.schemaPath}${kept.includes(output) ? ' (exists, kept)' : ''}`,
    );
  }
  if (plan.site.unassigned > 0) {
    lines.push(
      `  ${plan.site.unassigned} ${plan.site.unassigned === 1 ? 'file' : 'files'} in Jekyll's own folders (_data, _layouts, _includes) belong to no kind and keep the schemas they have`,
    );
  }
  lines.push(
    `  ${plan.config.path}: maps each kind to its schema${kept.includes(plan.config) ? ' (exists, kept)' : ''}`,
  );
  lines.push('');
  if (plan.drift.length === 0) {
    lines.push('Drift: none (every key has one type within its kind, and no key is rarely used).');
  } else {
    lines.push("Drift (files that disagree with their kind's majority; the schemas accept them all):");
    lines.push(...plan.drift);
  }
  env.stdout(lines.join('\n') + '\n');

  for (const output of kept) {
    env.stderr(
      `${PROGRAM}: '${output.path}' exists: not replaced (use --force to replace ${output === plan.config ? 'its schemas' : 'it'})\n`,
    );
  }
  if (written.length === 0) {
    env.stderr(`${PROGRAM}: nothing written: every file init would write exists (use --force)\n`);
    return 1;
  }
  if (kept.includes(plan.config)) {
    env.stderr(
      `${PROGRAM}: to use the new schemas, map them in '${plan.config.path}' (or run init again with --force):\n` +
        plan.site.kinds
          .map(
            (kind) =>
              `  - fileMatch: [${kind.fileMatch.map((glob) => `"${glob}"`).join(', ')}]\n    url: ${kind.schemaPath}\n`,
          )
          .join(''),
    );
  }
  env.stderr(
    `${PROGRAM}: wrote ${written.length} ${written.length === 1 ? 'file' : 'files'}; check the site with: ${PROGRAM} check ${shown} --root ${shown}\n`,
  );
  return 0;
}

function siteFolder(folder: string, cwd: string): string {
  const absolute = path.resolve(cwd, folder);
  let info: Stats;
  try {
    info = statSync(absolute);
  } catch (error) {
    throw new InputError(`cannot read '${folder}': ${describeError(error)}`);
  }
  if (!info.isDirectory()) throw new InputError(`'${folder}' is not a folder: init takes the site's folder`);
  return absolute;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
