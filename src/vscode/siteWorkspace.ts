import * as vscode from 'vscode';
import type { EntryKind, SiteWorkspace } from '../service/index';

/**
 * The site's files as the service reads them, over `vscode.workspace.fs`: local folders,
 * remote ones and virtual file systems alike.
 * @param root the site's root folder.
 */
export function createSiteWorkspace(root: vscode.Uri): SiteWorkspace {
  const decoder = new TextDecoder('utf-8');
  return {
    root: root.toString().replace(/\/+$/, ''),
    async readFile(uri) {
      try {
        return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true)));
      } catch {
        return undefined;
      }
    },
    async readDirectory(uri) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri, true));
        const result: Array<[string, EntryKind]> = [];
        // `FileType` is a bit set: a symbolic link to a folder is `Directory | SymbolicLink`.
        for (const [name, type] of entries) {
          if (type & vscode.FileType.Directory) result.push([name, 'directory']);
          else if (type & vscode.FileType.File) result.push([name, 'file']);
        }
        return result;
      } catch {
        return [];
      }
    },
  };
}
