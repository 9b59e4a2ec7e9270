/**
 * The language server's entry (bundled as `dist/server.js`, loaded by `article-frontmatter lsp`
 * only): serves the articles of the sites the client opens, over stdin and stdout.
 */
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Starts the language server on stdin/stdout; it runs until the client says `exit`. */
export function startStdioServer(): void {
  const connection = createConnection(process.stdin, process.stdout);
  // stdout carries the protocol: anything printed goes to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  startServer(connection);
}
