/**
 * The service as a CommonJS module for Node (`dist/service.js`): the engine the CLI,
 * benchmarks and outside checks use.
 */
export { createArticleService } from '../service/index';
export type * from '../service/types';
export { createNodeWorkspace, fileUri } from './nodeWorkspace';
export { TextDocument } from 'vscode-languageserver-textdocument';
