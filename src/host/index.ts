/**
 * The host layer: what every adapter (the VS Code extension, the CLI, a language server)
 * needs around the service and would otherwise write itself — which files of a site are
 * articles, where a site's root is, one service per site, the settings, and file changes.
 * It imports no editor and no Node module: the adapter hands in how to reach the files.
 */
export * from './articleFiles';
export * from './batching';
export * from './checkRun';
export * from './jekyllExclusions';
export * from './settings';
export * from './siteChanges';
export * from './siteRoots';
export * from './siteServices';
export * from './types';
export { parentFolder, pathBelow } from './uris';
export * from './siteIndexing';
export * from './schemaInit';
