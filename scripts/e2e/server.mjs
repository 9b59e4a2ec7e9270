// Starts a fresh code-server (VS Code 1.100.3 in the browser, see ../shared/notes/real-vscode.md)
// on 127.0.0.1 with everything it writes in a temp folder: user data, extensions, XDG folders,
// and a COPY of sample-site/ as the workspace, so nothing typed in the UI reaches the repo.
// The packaged extension (article-frontmatter.vsix, from `npm run package`) is installed into
// it. `stop()` kills the whole process group (code-server and its extension host), and so
// does exiting the Node process, normally or on a signal.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { CODE_SERVER_ENTRY, ROOT, VSIX } from './setup.mjs';

export const SAMPLE_SITE = join(ROOT, 'sample-site');
export const EXTENSION_ID = 'article-frontmatter.article-frontmatter';

/** Settings for a quiet workbench: no welcome page, trust prompt, AI features or auto-save. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'editor.hover.delay': 100,
};

const running = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// Whatever happens to this process, code-server must not outlive it (its extension host
// otherwise waits hours for a reconnect).
process.on('exit', () => {
  for (const server of running) {
    killGroup(server.child, 'SIGKILL');
    if (!server.keep) rmSync(server.tmp, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => process.exit(130));
}

/**
 * Starts code-server. Options:
 * - `site`: folder to copy as the workspace (default `sample-site/`);
 * - `prepare(workspace)`: called on the copy before code-server starts;
 * - `settings`: user settings added to the quiet ones;
 * - `vsix`: extension package to install (default `article-frontmatter.vsix`; `false` for none);
 * - `port`: port to listen on (default 0: any free one);
 * - `proxy`: keep code-server's `/proxy/PORT/` (off by default, like the notes' `--disable-proxy`);
 * - `keep`: leave the temp folder after stopping (for reading its logs);
 * - `log(line)`: receives code-server's output lines.
 */
export async function startServer(options = {}) {
  const {
    site = SAMPLE_SITE,
    prepare,
    settings = {},
    vsix = VSIX,
    port = 0,
    proxy = false,
    keep = false,
    log = () => {},
  } = options;
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed: run \`node scripts/e2e/setup.mjs\` first`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'article-frontmatter-e2e-'));
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const workspace = join(tmp, 'workspace', 'sample-site');
  for (const dir of [
    join(userDataDir, 'User'),
    extensionsDir,
    join(tmp, 'xdg/config'),
    join(tmp, 'xdg/data'),
    join(tmp, 'xdg/cache'),
  ]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2),
  );
  cpSync(site, workspace, { recursive: true });
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(tmp, 'xdg/config'),
    XDG_DATA_HOME: join(tmp, 'xdg/data'),
    XDG_CACHE_HOME: join(tmp, 'xdg/cache'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const cleanup = () => {
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    if (prepare) await prepare(workspace);
    if (vsix) {
      if (!existsSync(vsix))
        throw new Error(`${relative(ROOT, vsix)} is missing: run \`npm run package\` first`);
      const install = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...dirs, '--install-extension', vsix], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = `${install.stdout}${install.stderr}`;
      if (install.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(`installing ${relative(ROOT, vsix)} failed:\n${output}`);
      }
    }
  } catch (error) {
    cleanup();
    throw error;
  }

  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...dirs,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    ...(proxy ? [] : ['--disable-proxy']),
    workspace,
  ];
  // detached: its own session and process group (setsid), so that stop() ends all of it.
  const child = spawn(process.execPath, args, {
    cwd: tmp,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, tmp, keep };
  running.add(server);
  const exited = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const output = [];
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start in 60 s:\n${output.join('')}`)),
      60_000,
    );
    const onData = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      for (const line of text.split('\n')) if (line.trim()) log(line);
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.join('')}`));
    });
  }).catch((error) => {
    running.delete(server);
    killGroup(child, 'SIGKILL');
    cleanup();
    throw error;
  });
  // keep draining its output so that it never blocks on a full pipe
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.on('data', (chunk) =>
    chunk
      .toString()
      .split('\n')
      .forEach((line) => line.trim() && log(line)),
  );
  child.stderr.on('data', (chunk) =>
    chunk
      .toString()
      .split('\n')
      .forEach((line) => line.trim() && log(line)),
  );

  let stopped;
  const stop = () =>
    (stopped ??= new Promise((resolveStop) => {
      running.delete(server);
      const done = () => {
        clearTimeout(hard);
        cleanup();
        resolveStop();
      };
      const hard = setTimeout(() => {
        killGroup(child, 'SIGKILL');
        setTimeout(done, 200);
      }, 3000);
      if (child.exitCode !== null || child.signalCode !== null) {
        killGroup(child, 'SIGKILL');
        done();
        return;
      }
      child.once('exit', () => {
        // the extension host and other helpers share the group; make sure they end too
        killGroup(child, 'SIGKILL');
        done();
      });
      killGroup(child, 'SIGTERM');
    }));

  const port_ = Number(new URL(url).port);
  return {
    url,
    port: port_,
    /** The workbench with the workspace copy open. */
    folderUrl: `${url}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    tmp,
    userDataDir,
    extensionsDir,
    logsDir: join(userDataDir, 'logs'),
    output,
    /** Resolves with `{ code, signal }` when code-server's main process ends. */
    exited,
    stop,
    /** Every log file under the user-data-dir's logs folder, as `{ file, text }`. */
    readLogs: () => readLogs(join(userDataDir, 'logs')),
  };
}

function readLogs(dir) {
  const logs = [];
  const walk = (folder) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.log'))
        logs.push({ file: relative(dir, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return logs;
}
