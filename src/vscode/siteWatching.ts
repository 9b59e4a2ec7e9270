import * as vscode from 'vscode';
import type { Sites } from './sites';
import { SETTINGS_SECTION } from './sites';

/** Site files often change in bursts (a checkout, a sync): check open articles once they settle. */
const SETTLE_MS = 300;

/**
 * Watches what the service reads of a site — `_config.yml`, the topics, organizations, learning
 * items and the schemas named in settings — so a change is seen without a reload: the site reads
 * it again and open articles are checked again through `onSiteChanged`.
 */
export function registerSiteWatching(sites: Sites, onSiteChanged: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onSiteChanged, SETTLE_MS);
  };
  const onDataChanged = (uri: vscode.Uri) => {
    if (sites.invalidate(uri)) changed();
  };
  // A schema named by a `file:` URI may be outside every site, and any site may use it.
  const onSchemaChanged = (uri: vscode.Uri) => {
    sites.invalidate(uri, { everywhere: true });
    changed();
  };
  const onConfigChanged = (uri: vscode.Uri) => {
    sites.configFileChanged(uri);
    changed();
  };

  const configWatcher = vscode.workspace.createFileSystemWatcher('**/_config.yml');
  const subscriptions: vscode.Disposable[] = [
    configWatcher,
    configWatcher.onDidCreate(onConfigChanged),
    configWatcher.onDidChange(onConfigChanged),
    configWatcher.onDidDelete(onConfigChanged),
  ];

  // Which files depend on settings: watch them again when the settings change.
  let watched = '';
  let dataWatchers: vscode.Disposable[] = [];
  const watchSiteData = () => {
    const files = sites.siteFiles();
    const key = JSON.stringify(files);
    if (key === watched) return;
    watched = key;
    for (const watcher of dataWatchers) watcher.dispose();
    const patterns: Array<[vscode.GlobPattern, (uri: vscode.Uri) => void]> = files.globs.map((glob) => [
      glob,
      onDataChanged,
    ]);
    for (const uri of files.schemaUris) {
      const schema = vscode.Uri.parse(uri);
      const name = schema.path.slice(schema.path.lastIndexOf('/') + 1);
      patterns.push([new vscode.RelativePattern(vscode.Uri.joinPath(schema, '..'), name), onSchemaChanged]);
    }
    dataWatchers = patterns.flatMap(([pattern, listener]) => {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      return [
        watcher,
        watcher.onDidCreate(listener),
        watcher.onDidChange(listener),
        watcher.onDidDelete(listener),
      ];
    });
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
