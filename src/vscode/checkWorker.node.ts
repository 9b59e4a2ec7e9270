/**
 * A helper thread of *Check All Articles* (bundled as `dist/node/checker.js`, see
 * `checkHelpers.node.ts`): checks the chunks of files it is sent with services of its own,
 * reading the sites from the disk as the CLI does, and answers each chunk with one message.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { checkFoundFile, type FileChecked } from '../host/index';
import { createNodeWorkspace } from '../node/nodeWorkspace';
import type { ArticleService } from '../service/index';
import type { HelperReply, HelperRequest, HelperSetup } from './checkHelpers.node';
import type { Engine } from './sites';

// scripts/build.mjs keeps `./engine.js`, the service's bundle beside this one, out of this bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- our own bundle, loaded once
const { createArticleService } = require('./engine.js') as Engine;

const port = parentPort!;
const setup = workerData as HelperSetup;
const send = (reply: HelperReply) => port.postMessage(reply);
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
const logger = {
  error: (message: string, error?: unknown) =>
    send({ kind: 'log', message: error === undefined ? message : `${message}: ${describe(error)}` }),
};

/** Per site: its service, and its index once built. */
const sites = new Map<number, { service: ArticleService; ready: Promise<unknown> }>();

function siteOf(index: number): { service: ArticleService; ready: Promise<unknown> } {
  let site = sites.get(index);
  if (!site) {
    const { root, settings } = setup.sites[index];
    const service = createArticleService({
      workspace: createNodeWorkspace(fileURLToPath(root)),
      settings,
      logger,
      // The rules need only the site's articles, not its `related` links (navigation's): the
      // index then reads each article without its `related` block, as the CLI's does.
      indexLinks: false,
    });
    const ready = setup.indexSites
      ? service.indexSite().catch((error: unknown) => logger.error('Could not index the site', error))
      : service.ready;
    site = { service, ready };
    sites.set(index, site);
  }
  return site;
}

// The service knows files by Node's spelling of their URI, the one its workspace gives the root
// (VS Code escapes more characters): the same relative paths, globs and site index as the CLI's.
const nodeUri = (uri: string) => pathToFileURL(fileURLToPath(uri)).href;
const readText = async (uri: string) => readFileSync(fileURLToPath(uri), 'utf8');

port.on('message', async (request: HelperRequest) => {
  try {
    const results: FileChecked[] = [];
    for (const file of request.files) {
      const { service, ready } = siteOf(file.site);
      await ready;
      try {
        results.push({ index: file.index, ...(await checkFoundFile(nodeUri(file.uri), service, readText)) });
      } catch (error) {
        logger.error(`Could not check ${fileURLToPath(file.uri)}`, error);
        results.push({ index: file.index, outcome: 'not-an-article', diagnostics: [] });
      }
    }
    send({ kind: 'checked', id: request.id, results });
  } catch (error) {
    send({ kind: 'failed', id: request.id, message: describe(error) });
  }
});
