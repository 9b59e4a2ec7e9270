import { writeSync } from 'node:fs';

/**
 * Writes to the program's standard output or error, straight to the file descriptor.
 *
 * Why not `process.stdout.write`: the first use of `process.stdout` or `process.stderr` loads
 * Node's stream modules, about 4 ms of a check that may take 60 ms in all. When the descriptor
 * is non-blocking and full (`EAGAIN`, a pipe a parent made non-blocking), the rest of the text
 * and every later write to it go through the stream, which waits for the reader: nothing is
 * lost or reordered on that descriptor. A reader that went away (`EPIPE`, as in
 * `check … | head`) gets nothing more, quietly, and the run ends as usual: its exit code still
 * says whether errors were found.
 */
export class Output {
  private stream: Pick<NodeJS.WritableStream, 'write' | 'on'> | undefined;
  /** Whether the reader went away: what is written next is dropped. */
  private closed = false;

  /**
   * @param fd 1 (stdout) or 2 (stderr).
   * @param streamOf the stream of the same descriptor, asked for only when it is needed.
   * @param writeBytes `fs.writeSync` (another one in tests): returns the bytes written.
   */
  constructor(
    private readonly fd: number,
    private readonly streamOf: () => Pick<NodeJS.WritableStream, 'write' | 'on'>,
    private readonly writeBytes: (fd: number, bytes: Uint8Array, offset: number) => number = writeSync,
  ) {}

  write(text: string): void {
    if (this.closed) return;
    if (this.stream) {
      this.stream.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += this.writeBytes(this.fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        if (code !== 'EAGAIN') throw error;
        this.stream = this.streamOf();
        this.stream.on('error', (streamError: NodeJS.ErrnoException) => {
          if (streamError.code !== 'EPIPE') throw streamError;
          this.closed = true;
        });
        this.stream.write(bytes.subarray(offset));
        return;
      }
    }
  }
}
