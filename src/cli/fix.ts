/**
 * `check --fix` and `--fix-dry-run`: every safe fix of the editor's Fix All, applied to the
 * files that have findings, then checked again. Loaded only when one of them is given.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FixMode } from './args';
import type { FileChecker } from './check';
import { unifiedDiff } from './diff';
import { describeError, displayPath, InputError, type FoundFile } from './files';
import { toEntries, type ReportEntry } from './report';

/** The file system calls a fix makes, so that tests can make them fail. */
export interface FixFileSystem {
  readFileSync(file: string): Buffer;
  writeFileSync(file: string, data: Uint8Array, options: { flag: string; mode: number }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  accessSync(file: string, mode: number): void;
  statSync(file: string): { mode: number; uid: number; gid: number };
  chmodSync(file: string, mode: number): void;
  chownSync(file: string, uid: number, gid: number): void;
  realpathSync(file: string): string;
}

/** Node's own file system calls. */
export const NODE_FILE_SYSTEM: FixFileSystem = {
  readFileSync: (file) => fs.readFileSync(file),
  writeFileSync: (file, data, options) => fs.writeFileSync(file, data, options),
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  accessSync: fs.accessSync,
  statSync: (file) => fs.statSync(file),
  chmodSync: fs.chmodSync,
  chownSync: fs.chownSync,
  realpathSync: (file) => fs.realpathSync.native(file),
};

/** Where a fix run reports and what it may touch. */
export interface FixRun {
  mode: FixMode;
  cwd: string;
  checker: FileChecker;
  /** The diff of `--fix-dry-run`. */
  stdout(text: string): void;
  /** What was fixed, and files left as they were. */
  stderr(text: string): void;
  /** No line per fixed file (`--quiet`); problems are still said. */
  quiet: boolean;
  fileSystem?: Partial<FixFileSystem>;
}

/** One file whose fixes change it. */
interface FixedFile {
  index: number;
  file: FoundFile;
  /** The bytes the fixes were computed from. */
  bytes: Buffer;
  text: string;
  fixed: number;
  /** What remains after the fixes. */
  remaining: Diagnostic[];
}

/**
 * Applies every safe fix to the files that have findings (`results[index]` not empty):
 * replaces their entries by what remains after the fixes, and writes the files that change
 * (or, for a dry run, prints their diff). Nothing is written when one of the files to write
 * cannot be written; a file that changed on disk since it was read is left as it is, with
 * its findings as checked.
 * @throws InputError when a file cannot be read or written (the run ends with exit code 2).
 */
export async function applyFixes(
  files: readonly FoundFile[],
  results: ReportEntry[][],
  run: FixRun,
): Promise<void> {
  const fileSystem = { ...NODE_FILE_SYSTEM, ...run.fileSystem };
  const fixes: FixedFile[] = [];
  for (let index = 0; index < files.length; index++) {
    if (results[index].length === 0) continue; // nothing to fix: a safe fix always answers a finding
    const fixed = await fixFile(index, files[index], run, fileSystem);
    if (fixed) fixes.push(fixed);
  }
  if (run.mode === 'dry-run') {
    for (const fix of fixes) {
      const shown = displayPath(fix.file.path, run.cwd);
      run.stdout(unifiedDiff(shown.split(path.sep).join('/'), fix.bytes.toString('utf8'), fix.text));
      results[fix.index] = toEntries(shown, fix.remaining);
      if (!run.quiet) run.stderr(`${shown}: ${problems(fix.fixed)} would be fixed\n`);
    }
    return;
  }
  // Every file checked writable before any is written: a run that cannot finish writes nothing.
  const targets = fixes.map((fix) => writableTarget(fix.file, run.cwd, fileSystem));
  for (const [position, fix] of fixes.entries()) {
    const shown = displayPath(fix.file.path, run.cwd);
    if (!replaceFile(targets[position], fix.bytes, fix.text, shown, fileSystem)) {
      run.stderr(`${shown}: changed on disk while it was being fixed; left as it is\n`);
      continue;
    }
    results[fix.index] = toEntries(shown, fix.remaining);
    if (!run.quiet) run.stderr(`${shown}: ${problems(fix.fixed)} fixed\n`);
  }
}

/** The fixed text of one file, or nothing when no safe fix changes it. */
async function fixFile(
  index: number,
  file: FoundFile,
  run: FixRun,
  fileSystem: FixFileSystem,
): Promise<FixedFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = fileSystem.readFileSync(file.path);
  } catch (error) {
    throw new InputError(`cannot read '${displayPath(file.path, run.cwd)}': ${describeError(error)}`);
  }
  // As the check reads it: a byte order mark stays in the text (the service expects it there),
  // so offsets, and the text written back, include it.
  const original = bytes.toString('utf8');
  const { service, uri } = await run.checker.serviceOf(file);
  try {
    const document = TextDocument.create(uri, 'markdown', 1, original);
    const before = await service.validate(document);
    if (before.length === 0) return undefined;
    const edits = await service.fixAll(document);
    const text = TextDocument.applyEdits(document, edits);
    if (text === original) return undefined;
    if (!Buffer.from(original, 'utf8').equals(bytes)) {
      // Written back, its bytes that are not UTF-8 (read as U+FFFD) would be lost.
      run.stderr(`${displayPath(file.path, run.cwd)}: not UTF-8; not fixed\n`);
      return undefined;
    }
    const remaining = await service.validate(TextDocument.create(uri, 'markdown', 2, text));
    return { index, file, bytes, text, fixed: countFixed(before, remaining), remaining };
  } finally {
    service.forget(uri);
  }
}

/**
 * How many findings the fixes removed: those of the text before that no finding after has
 * the same code and message as (each finding after matching one before at most). Said in
 * findings, not edits: one fix may take two edits, and two findings may share one edit.
 */
export function countFixed(before: readonly Diagnostic[], after: readonly Diagnostic[]): number {
  const left = new Map<string, number>();
  for (const diagnostic of after) {
    const key = `${String(diagnostic.code)}\u0000${diagnostic.message}`;
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  let fixed = 0;
  for (const diagnostic of before) {
    const key = `${String(diagnostic.code)}\u0000${diagnostic.message}`;
    const count = left.get(key) ?? 0;
    if (count > 0) left.set(key, count - 1);
    else fixed++;
  }
  return fixed;
}

function problems(count: number): string {
  return `${count} ${count === 1 ? 'problem' : 'problems'}`;
}

/**
 * The file to write for `file` (through symbolic links, so that a link stays a link), once
 * it and its folder are known to be writable.
 * @throws InputError when they are not.
 */
function writableTarget(file: FoundFile, cwd: string, fileSystem: FixFileSystem): string {
  try {
    const target = fileSystem.realpathSync(file.path);
    fileSystem.accessSync(target, fs.constants.W_OK);
    fileSystem.accessSync(path.dirname(target), fs.constants.W_OK);
    return target;
  } catch (error) {
    throw new InputError(`cannot write '${displayPath(file.path, cwd)}': ${describeError(error)}`);
  }
}

/**
 * Replaces `target`'s content by `text` unless it no longer holds `bytes`: writes a
 * temporary file beside it (same folder, so the same disk) and renames it over the file, so
 * that the file is at any moment either whole before or whole after.
 * @returns false when the file changed on disk since it was read (it is left as it is).
 * @throws InputError when it cannot be written (the temporary file is removed).
 */
function replaceFile(
  target: string,
  bytes: Buffer,
  text: string,
  shown: string,
  fileSystem: FixFileSystem,
): boolean {
  const unchanged = (): boolean => {
    try {
      return fileSystem.readFileSync(target).equals(bytes);
    } catch {
      return false; // removed, or no longer readable: not ours to write
    }
  };
  if (!unchanged()) return false;
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  try {
    const { mode, uid, gid } = fileSystem.statSync(target);
    fileSystem.writeFileSync(temporary, Buffer.from(text, 'utf8'), { flag: 'wx', mode: mode & 0o7777 });
    fileSystem.chmodSync(temporary, mode & 0o7777); // as the file was, whatever the umask
    try {
      fileSystem.chownSync(temporary, uid, gid); // possible only for its owner's group, or as root
    } catch {
      // Then the fixed file is owned by whoever ran the fix, as any file they save.
    }
    // Looked at again just before the rename: the window for someone else's save is this small.
    if (!unchanged()) {
      fileSystem.unlinkSync(temporary);
      return false;
    }
    fileSystem.renameSync(temporary, target);
    return true;
  } catch (error) {
    // Not when the name was taken (`wx`): that file is someone else's.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      try {
        fileSystem.unlinkSync(temporary);
      } catch {
        // Never made, or already gone.
      }
    }
    throw new InputError(`cannot write '${shown}': ${describeError(error)}`);
  }
}
