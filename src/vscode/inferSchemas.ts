import * as vscode from 'vscode';
import { isFoundArticle, planSchemaInit, searchArticleFiles, type SchemaInitOutput } from '../host/index';
import type { Sites } from './sites';

/** The command that infers a schema per kind of content from the site's own front matter. */
export const INFER_SCHEMAS_COMMAND = 'articleFrontMatter.inferSchemas';

/**
 * Registers "Article Front Matter: Infer Schemas from This Site", the CLI's `init`: reads every
 * article of the site (the files *Check All Articles* checks), writes `schemas/<kind>.schema.yaml`
 * and `.article-frontmatter.yml` through `vscode.workspace.fs` (asking before it replaces a file),
 * then offers to open them and the drift report.
 */
export function registerInferSchemasCommand(sites: Sites): vscode.Disposable {
  return vscode.commands.registerCommand(INFER_SCHEMAS_COMMAND, async () => {
    const root = await chooseSite(sites);
    if (!root) return;
    try {
      await inferSchemas(sites, root);
    } catch (error) {
      sites.logger.error('Could not infer the schemas', error);
      void vscode.window.showErrorMessage(
        `Could not infer the schemas: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

async function inferSchemas(sites: Sites, root: vscode.Uri): Promise<void> {
  const plan = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Inferring schemas from the site',
      cancellable: true,
    },
    async (_progress, token) => {
      const rootText = root.toString();
      const found = await searchArticleFiles(
        async (include, exclude) =>
          (await vscode.workspace.findFiles(include, exclude, undefined, token)).map(String),
        [rootText],
      );
      const kept = await sites.withoutExcluded(found.filter((uri) => isFoundArticle(uri, [rootText])));
      // The team configuration's `ignore`: files the check skips say nothing of the site's shape.
      const service = await sites.siteService(root);
      const articles: string[] = [];
      for (const uri of kept) if (!(await service.ignores?.(uri))) articles.push(uri);
      if (token.isCancellationRequested) return undefined;
      return planSchemaInit(rootText, articles, { readFile }, await sites.loadEngine());
    },
  );
  if (!plan) return;
  if (plan.site.kinds.length === 0) {
    void vscode.window.showInformationMessage(
      'No article with front matter in this site: there is nothing to infer a schema from.',
    );
    return;
  }
  let outputs = plan.outputs;
  const existing = outputs.filter((output) => output.exists);
  if (existing.length > 0) {
    const replace = 'Replace Them';
    const onlyNew = 'Write Only New Files';
    const choice = await vscode.window.showWarningMessage(
      `${existing.map((output) => output.path).join(', ')} ${existing.length === 1 ? 'exists' : 'exist'} already.`,
      {
        modal: true,
        detail:
          'Replacing a schema loses what was written in it; of the team configuration only its `schemas` are replaced.',
      },
      replace,
      ...(existing.length < outputs.length ? [onlyNew] : []),
    );
    if (choice === undefined) return;
    if (choice === onlyNew) outputs = outputs.filter((output) => !output.exists);
  }
  for (const output of outputs) await write(output);
  const written = outputs.length;
  const openFiles = 'Open Schemas';
  const showDrift = 'Show Drift Report';
  const kinds = plan.site.kinds.map((kind) => `${kind.name} (${kind.files})`).join(', ');
  const choice = await vscode.window.showInformationMessage(
    `Wrote ${written} ${written === 1 ? 'file' : 'files'} from ${plan.read} articles: ${kinds}. ${plan.drift.length === 0 ? 'No drift.' : `${plan.drift.length} drift ${plan.drift.length === 1 ? 'finding' : 'findings'}.`}`,
    openFiles,
    ...(plan.drift.length > 0 ? [showDrift] : []),
  );
  if (choice === openFiles) {
    for (const output of outputs) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(output.uri, true));
      await vscode.window.showTextDocument(document, { preview: false });
    }
  } else if (choice === showDrift) {
    const content = [
      "# Drift: files that disagree with their kind's majority",
      '',
      'The schemas accept them all; change the files (or the schemas) as you see fit.',
      '',
      ...plan.drift.map((line) => `- ${line.trim()}`),
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
    await vscode.window.showTextDocument(document, { preview: false });
  }
}

async function write(output: SchemaInitOutput): Promise<void> {
  const uri = vscode.Uri.parse(output.uri, true);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(output.text));
}

async function readFile(uri: string): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true)));
  } catch {
    return undefined;
  }
}

/**
 * The site to infer from: the active article's, else the workspace folder holding
 * `_config.yml` (asked when there are several), else the only workspace folder.
 */
async function chooseSite(sites: Sites): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && sites.kindOf(active)) {
    const root = await sites.configuredSiteOf(active.uri);
    if (root) return root;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const candidates: vscode.WorkspaceFolder[] = [];
  for (const folder of folders) if (await sites.isSiteRoot(folder.uri)) candidates.push(folder);
  if (candidates.length === 1) return candidates[0].uri;
  if (candidates.length > 1) {
    const picked = await vscode.window.showQuickPick(
      candidates.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, folder })),
      { title: 'Infer Schemas from This Site', placeHolder: 'Which site?' },
    );
    return picked?.folder.uri;
  }
  if (folders.length === 1) return folders[0].uri;
  void vscode.window.showInformationMessage('Open the folder of a site to infer its schemas.');
  return undefined;
}
