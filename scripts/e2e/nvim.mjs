// Proof in a non-VS Code client: Neovim's built-in LSP client (Debian's `neovim`, headless)
// against `node dist/cli.js lsp --stdio`, on a copy of the sample site with `quality: high`
// planted in a clean article. The checks are in nvim-lsp.lua. Installs neovim through apt-get
// when `nvim` is missing. Run after `npm run build`: `node scripts/e2e/nvim.mjs`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTICLE = '_news/2024-04-16-deploying-containers-in-ten-minutes.md';
const TIMEOUT_MS = 90_000;

function log(message) {
  process.stderr.write(`[e2e nvim] ${message}\n`);
}

function hasNvim() {
  return spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).status === 0;
}

function installNeovim() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    const result = spawnSync(command, rest, { stdio: 'inherit', env });
    if (result.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  };
  log('installing Debian package: neovim');
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', 'neovim']);
}

if (!hasNvim()) installNeovim();
const cli = join(ROOT, 'dist/cli.js');
if (!existsSync(join(ROOT, 'dist/server.js')))
  throw new Error('dist/server.js is missing: run `npm run build` first');

const site = join(mkdtempSync(join(tmpdir(), 'afm-nvim-')), 'site');
cpSync(join(ROOT, 'sample-site'), site, { recursive: true });
const article = join(site, ARTICLE);
// The article's one deliberate slip restored (`published: yes`), then `quality: high` planted.
const lines = readFileSync(article, 'utf8').replace('published: yes', 'published: true').split('\n');
const planted = lines.findIndex((line) => line.startsWith('quality:'));
if (planted === -1) throw new Error(`${ARTICLE} has no quality: line`);
lines[planted] = 'quality: high';
writeFileSync(article, lines.join('\n'));

const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
log(`${version}, site copy ${site}`);
const result = spawnSync(
  'nvim',
  ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'scripts/e2e/nvim-lsp.lua')}`],
  {
    cwd: site,
    env: {
      ...process.env,
      AFM_ROOT: site,
      AFM_ARTICLE: article,
      AFM_PLANTED_LINE: String(planted),
      AFM_NODE: process.execPath,
      AFM_CLI: cli,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
  },
);
rmSync(dirname(site), { recursive: true, force: true });
if (result.error || result.status !== 0) {
  log(
    `FAILED: nvim ${result.error ? result.error.message : `exited with ${result.status ?? result.signal}`}`,
  );
  process.exit(1);
}
log('passed');
