import * as vscode from 'vscode';
import type { SiteFiles } from './settings';
import type { Sites } from './sites';
import { SETTINGS_SECTION } from './sites';

/** Site files often change in bursts (a checkout, a sync): check open articles once they settle. */
const SETTLE_MS = 300;

/**
 * Watches what the service reads of a site — `_config.yml`, the topics, organizations, learning
 * items and the schemas named in settings — and hands every change to `Sites.fileChanged`
 * (the host layer decides what it means), so a change is seen without a reload: open articles
 * are checked again through `onSiteChanged`.
 */
export function registerSiteWatching(sites: Sites, onSiteChanged: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let files: SiteFiles = { globs: [], schemaUris: [] };
  const onFileChanged = (uri: vscode.Uri) => {
    if (!sites.fileChanged(uri, files)) return;
    clearTimeout(timer);
    timer = setTimeout(onSiteChanged, SETTLE_MS);
  };
  const watch = (pattern: vscode.GlobPattern): vscode.Disposable[] => {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    return [
      watcher,
      watcher.onDidCreate(onFileChanged),
      watcher.onDidChange(onFileChanged),
      watcher.onDidDelete(onFileChanged),
    ];
  };
  const subscriptions = watch('**/_config.yml');

  // Which files depend on settings: watch them again when the settings change.
  let watched = '';
  let dataWatchers: vscode.Disposable[] = [];
  const watchSiteData = () => {
    files = sites.siteFiles();
    const key = JSON.stringify(files);
    if (key === watched) return;
    watched = key;
    for (const watcher of dataWatchers) watcher.dispose();
    const patterns: vscode.GlobPattern[] = [...files.globs];
    // A schema named by a `file:` URI may be outside every site, and any site may use it.
    for (const uri of files.schemaUris) {
      const schema = vscode.Uri.parse(uri);
      const name = schema.path.slice(schema.path.lastIndexOf('/') + 1);
      patterns.push(new vscode.RelativePattern(vscode.Uri.joinPath(schema, '..'), name));
    }
    dataWatchers = patterns.flatMap(watch);
  };
  watchSiteData();
  subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) watchSiteData();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(watchSiteData),
    vscode.workspace.onDidGrantWorkspaceTrust(watchSiteData),
  );

  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const disposable of [...dataWatchers, ...subscriptions]) disposable.dispose();
  });
}
