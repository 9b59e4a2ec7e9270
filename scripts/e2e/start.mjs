// `npm start`: serves VS Code (code-server 4.100.3) on 127.0.0.1 with the packaged extension
// installed and a copy of the sample site open, and prints the address to open in a browser.
// Runs until Ctrl+C, then stops code-server and removes its temp folder (the copy of the
// sample site with it: edits made in the browser never reach sample-site/).
//   node scripts/e2e/start.mjs [--port N]      (default: any free port; or PORT=N)
// `npm start` runs `npm run package` and `node scripts/e2e/setup.mjs` first.
import { relative } from 'node:path';
import { ROOT } from './setup.mjs';
import { SAMPLE_SITE, startServer } from './server.mjs';

const portFlag = process.argv.indexOf('--port');
const port = Number(portFlag >= 0 ? process.argv[portFlag + 1] : (process.env.PORT ?? 0));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`not a port: ${process.argv[portFlag + 1] ?? process.env.PORT}`);
  process.exit(2);
}

const started = Date.now();
let server;
try {
  server = await startServer({ port });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
VS Code (code-server) with Article Front Matter is running (started in ${seconds} s).

  Open:  ${server.folderUrl}

The workspace is a temporary copy of ${relative(ROOT, SAMPLE_SITE)}/ (${server.workspace}):
edit freely, it is removed when this stops. Try an article listed in sample-site/MISTAKES.md,
Ctrl+. on a squiggle, Ctrl+Space in \`topics:\`, or "Article Front Matter: Check All Articles".
On another machine, forward the port first (ssh -L ${server.port}:127.0.0.1:${server.port} …).
Press Ctrl+C to stop.`);

// Ctrl+C ends this process, and server.mjs then ends code-server's process group and removes
// the temp folder. Should code-server stop by itself, say so.
const { code, signal } = await server.exited;
console.error(`code-server stopped (${code ?? signal}); its logs were in ${server.logsDir}`);
process.exit(1);
