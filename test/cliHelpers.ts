import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { run, type CliEnvironment } from '../src/cli/check';
import { createArticleService, RULES } from '../src/service/index';

/** The repository's bundled sample site. */
export const SAMPLE_SITE = path.resolve(__dirname, '..', 'sample-site');

/** What a run printed and its exit code. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in this process with the real service, as `dist/cli.js` wires it (one thread).
 * @param change alters the environment, e.g. to wrap the service or the file system calls.
 */
export async function runCli(
  argv: string[],
  cwd: string,
  change: (env: CliEnvironment) => void = () => {},
): Promise<RunResult> {
  const out = { stdout: '', stderr: '' };
  const env: CliEnvironment = {
    cwd,
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    stderrIsTTY: false,
    version: '9.8.7',
    createService: createArticleService,
    rules: RULES,
  };
  change(env);
  const code = await run(argv, env);
  return { code, ...out };
}

/** A copy of the sample site (without the folders named) for one test, removed when it ends. */
export function copySampleSite(t: TestContext, without: string[] = []): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'af-site-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(SAMPLE_SITE, root, {
    recursive: true,
    filter: (source) => !without.includes(path.relative(SAMPLE_SITE, source)),
  });
  return root;
}

/** One finding of `--format json`. */
export interface JsonFinding {
  file: string;
  line: number;
  severity: string;
  code: string;
  message: string;
}
