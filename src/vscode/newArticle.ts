import * as vscode from 'vscode';
import { isWebAddress, numberedFileName } from './articles';
import type { Sites } from './sites';

/** The command that creates a news article and opens it. */
export const NEW_ARTICLE_COMMAND = 'articleFrontMatter.newArticle';

/** How many numbered names (`-2`, `-3`, …) are tried before giving up. */
const MAX_NUMBER = 100;

/**
 * Registers "Article Front Matter: New Article": asks for the title and the original address,
 * writes `_news/YYYY-MM-DD-slug.md` in the site with a front matter skeleton from the service,
 * opens it and puts the cursor in the first field to fill.
 */
export function registerNewArticleCommand(sites: Sites): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_ARTICLE_COMMAND, async () => {
    const root = await siteRoot(sites);
    if (!root) {
      void vscode.window.showInformationMessage(
        'Open a site (a folder with _config.yml) to write a new article in it.',
      );
      return;
    }
    const title = await vscode.window.showInputBox({
      title: 'New Article (1/2)',
      prompt: 'The title of the article',
      placeHolder: 'Contoso opens a new cloud region in the north',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'An article needs a title.' : undefined),
    });
    if (title === undefined) return;
    const webUrl = await vscode.window.showInputBox({
      title: 'New Article (2/2)',
      prompt: 'The address of the original article, if there is one (Enter to leave it out)',
      placeHolder: 'https://…',
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === '' || isWebAddress(value.trim())
          ? undefined
          : 'An address starting with https:// or http://, or nothing.',
    });
    if (webUrl === undefined) return;
    try {
      const service = await sites.siteService(root);
      const created = await service.newArticle({
        title,
        webUrl: webUrl.trim() || undefined,
        now: new Date(),
      });
      const target = await freeName(root, created.fileName);
      if (!target) {
        void vscode.window.showErrorMessage(`${created.fileName} and its numbered variants already exist.`);
        return;
      }
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(created.text));
      const document = await vscode.workspace.openTextDocument(target);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // Counted on the skeleton's own lines, whatever line breaks the editor uses.
      const before = created.text.slice(0, created.cursorOffset).split('\n');
      const cursor = new vscode.Position(before.length - 1, before[before.length - 1].length);
      editor.selection = new vscode.Selection(cursor, cursor);
      editor.revealRange(new vscode.Range(cursor, cursor));
    } catch (error) {
      sites.logger.error('Could not create the article', error);
      void vscode.window.showErrorMessage(
        `Could not create the article: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

/**
 * Where the new article goes: the site of the active article, else the first workspace folder
 * holding `_config.yml`.
 */
async function siteRoot(sites: Sites): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && sites.kindOf(active)) {
    const root = await sites.configuredSiteOf(active.uri);
    if (root) return root;
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (await sites.isSiteRoot(folder.uri)) return folder.uri;
  }
  return undefined;
}

/** The file name, or the first numbered one (`-2`, `-3`, …) that does not exist yet. */
async function freeName(root: vscode.Uri, fileName: string): Promise<vscode.Uri | undefined> {
  for (let n = 1; n <= MAX_NUMBER; n++) {
    const candidate = vscode.Uri.joinPath(root, numberedFileName(fileName, n));
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
  return undefined;
}
