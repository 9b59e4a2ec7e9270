import { spawn } from 'node:child_process';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../src/server/server';

/** A JSON-RPC message, as the tests read it. */
export interface Message {
  id?: number | string | null;
  method?: string;
  params?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: { code: number; message: string };
}

/** A minimal LSP client: framed JSON-RPC over two streams, answering the server's requests with null. */
export class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly waiters: Array<{ test: (message: Message) => boolean; resolve: (m: Message) => void }> =
    [];
  /** Every request the server sent, in order. */
  readonly serverRequests: Message[] = [];
  /** Every notification received, in order. */
  readonly notifications: Message[] = [];

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  /** Sends a request and waits for its answer (the whole message: `result` or `error`). */
  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends raw bytes as one message's body, e.g. malformed JSON. */
  sendRaw(body: string): void {
    this.input.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  /** Waits for a notification matching `test` (already received or to come). */
  waitFor(test: (message: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const seen = this.notifications.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a notification')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  private send(message: object): void {
    this.sendRaw(JSON.stringify(message));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(
        /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1],
      );
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      this.pending.get(message.id as number)?.(message);
      this.pending.delete(message.id as number);
    } else if (message.id !== undefined) {
      // A request from the server (registrations, configuration): accepted, nothing to say.
      this.serverRequests.push(message);
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
    } else {
      this.notifications.push(message);
      const waiting = this.waiters.filter((waiter) => waiter.test(message));
      for (const waiter of waiting) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }
}

/** The server in this process, on in-memory streams. */
export function startInProcess(): LspClient {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  startServer(createConnection(toServer, fromServer));
  return new LspClient(toServer, fromServer);
}

/** `node dist/cli.js lsp --stdio` as a child process. */
export function startProcess(cli: string): { client: LspClient; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { client: new LspClient(child.stdin, child.stdout), exited };
}
