// Installs, on first use, what a real VS Code needs on these machines (see
// ../shared/notes/real-vscode.md): the Debian packages `chromium`, `fonts-liberation`,
// `libkrb5-dev` and `ripgrep`, and code-server 4.100.3 (VS Code 1.100.3 in the browser) in
// the ignored folder `.cache/code-server/`. Idempotent: a second run only checks and prints
// the paths. Run as `node scripts/e2e/setup.mjs`, or import `setup()`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = join(ROOT, '.cache');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = join(CACHE, 'code-server');
/** The code-server entry point, run with the current `node`. */
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';
export const VSIX = join(ROOT, 'article-frontmatter.vsix');

const DEBIAN_PACKAGES = ['chromium', 'fonts-liberation', 'libkrb5-dev', 'ripgrep'];
// code-server's nested install of VS Code pulls @vscode/ripgrep, whose postinstall downloads
// ripgrep from GitHub (unreachable here) unless this tarball is already in its cache.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const MARKER = join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}`);

function log(message) {
  process.stderr.write(`[e2e setup] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

function isInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.startsWith('ii');
}

function installDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    asRoot.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env });
  log(`installing Debian packages: ${missing.join(' ')}`);
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

function seedRipgrepCache() {
  const cacheDir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = join(cacheDir, RIPGREP_TARBALL);
  if (existsSync(tarball)) return;
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  mkdirSync(cacheDir, { recursive: true });
  run('tar', ['-czf', tarball, '-C', dirname(rg), 'rg']);
}

function installCodeServer() {
  if (existsSync(MARKER) && existsSync(CODE_SERVER_ENTRY)) return;
  log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about 2 minutes)`);
  seedRipgrepCache();
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(
    join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'article-frontmatter-code-server',
        private: true,
        description: 'code-server for the end-to-end tests and `npm start`; made by scripts/e2e/setup.mjs',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  const env = {
    ...process.env,
    // as root, npm refuses code-server's install script without this
    npm_config_unsafe_perm: 'true',
    // its install script runs a nested `npm install` that must not stop to ask
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_DIR,
    env,
  });
  const vscodeModules = join(CODE_SERVER_DIR, 'node_modules/code-server/lib/vscode/node_modules');
  if (!existsSync(vscodeModules)) {
    throw new Error(
      'code-server installed, but its VS Code dependencies did not (its install script did not run)',
    );
  }
  if (!existsSync(join(vscodeModules, '@vscode/ripgrep/bin/rg'))) {
    throw new Error(
      `@vscode/ripgrep has no rg: is its version still ${RIPGREP_PACKAGE_VERSION} (RIPGREP_PACKAGE_VERSION in scripts/e2e/setup.mjs)?`,
    );
  }
  writeFileSync(MARKER, new Date().toISOString() + '\n');
}

export function codeServerVersion() {
  return JSON.parse(readFileSync(join(CODE_SERVER_DIR, 'node_modules/code-server/package.json'), 'utf8'))
    .version;
}

/** Installs what is missing and returns the paths the other scripts use. */
export function setup() {
  const started = Date.now();
  installDebianPackages();
  installCodeServer();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return {
    codeServer: CODE_SERVER_ENTRY,
    codeServerVersion: codeServerVersion(),
    chromium: CHROMIUM,
    seconds,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const paths = setup();
    console.log(`code-server ${paths.codeServerVersion}: node ${paths.codeServer}`);
    console.log(`chromium: ${paths.chromium}`);
    console.log(`setup took ${paths.seconds} s`);
  } catch (error) {
    console.error(`[e2e setup] ${error.message}`);
    process.exit(1);
  }
}
