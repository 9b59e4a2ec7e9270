// Memory of one service: `node --expose-gc memory-child.mjs SITE COUNT`. The service loads the
// site's taxonomy, then validates COUNT articles, cycling through the site's `.md` files under
// distinct URIs (same folder, new name). Heap used is read after `gc()` at checkpoints,
// so a bounded cache shows as a flat line. Prints one JSON object.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { markdownFiles, REPO as repo } from './lib.mjs';

const require = createRequire(import.meta.url);

const [site, countArg] = process.argv.slice(2);
const count = Number(countArg) || 5000;

const heapMB = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 1048576;
};

try {
  const files = markdownFiles(site, { skip: ['_data'] });
  // Texts are read before the first measure: they are the editor's, not the service's.
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const { createArticleService, createNodeWorkspace, fileUri, TextDocument } = require(
    path.join(repo, 'dist', 'service.js'),
  );
  const baseline = heapMB();
  let errors = 0;
  const service = createArticleService({
    workspace: createNodeWorkspace(site),
    logger: { error: () => errors++ },
  });
  await service.ready;
  const afterReady = heapMB();
  const checkpoints = [];
  let diagnostics = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const index = i % files.length;
    const file = files[index];
    const uri = fileUri(path.join(path.dirname(file), `bench-${i}-${path.basename(file)}`));
    diagnostics += (await service.validate(TextDocument.create(uri, 'markdown', 1, texts[index]))).length;
    const done = i + 1;
    if (done === 500 || done === 1000 || done === 2500 || done === count) {
      checkpoints.push({ validated: done, heapMB: heapMB() });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    JSON.stringify({
      files: files.length,
      count,
      baselineMB: baseline,
      afterReadyMB: afterReady,
      checkpoints,
      diagnostics,
      errors,
      seconds,
    }) + '\n',
  );
} catch (error) {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
}
