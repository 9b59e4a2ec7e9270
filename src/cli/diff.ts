/**
 * Unified diffs of two versions of a file, for `check --fix-dry-run`: what `diff -u` prints,
 * readable by `git apply` and `patch`. Small enough to write here rather than bring in a
 * library: fixes change a few lines, and Myers' algorithm costs time in proportion to the
 * lines that differ.
 */

/** Lines of context around each change, as `diff -u`. */
const CONTEXT = 3;

/** One line of a text with its own line break (`\n`, `\r\n` or `\r`, or none at the very end). */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/** What happens to a line: kept (in both), removed (from the old) or added (in the new). */
type Op = ' ' | '-' | '+';

/**
 * The shortest edit script from `a` to `b` (Myers, 1986): each line of `a` kept or removed,
 * each line of `b` kept or added, in order.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  // v[k + offset]: the furthest x reached on diagonal k; one copy kept per step to walk back.
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset])
          ? v[k + 1 + offset]
          : v[k - 1 + offset] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[k + offset] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Walk back from (n, m) through the saved steps.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const before = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && before[k - 1 + offset] < before[k + 1 + offset]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = before[previousK + offset];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      ops.push(' ');
      x--;
      y--;
    }
    if (d === 0) break;
    ops.push(down ? '+' : '-');
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    ops.push(' ');
    x--;
    y--;
  }
  return ops.reverse();
}

/**
 * The unified diff from `before` to `after` (empty when they are equal), with `--- a/<name>`
 * and `+++ b/<name>` headers as git writes them. Line breaks are kept as they are (a CRLF file
 * gives lines ending with `\r`), and a last line without a line break is marked
 * `\ No newline at end of file`.
 * @param name the file's path, with `/` separators.
 */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  // The position of each op in both texts.
  const lines: Array<{ op: Op; text: string; ai: number; bi: number }> = [];
  let ai = 0;
  let bi = 0;
  for (const op of ops) {
    lines.push({ op, text: op === '+' ? b[bi] : a[ai], ai, bi });
    if (op !== '+') ai++;
    if (op !== '-') bi++;
  }
  let out = `--- a/${name}\n+++ b/${name}\n`;
  for (let i = 0; i < lines.length;) {
    if (lines[i].op === ' ') {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
    // that is at most 2 × CONTEXT kept lines away from the next one.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    for (let j = i, kept = 0; j < lines.length; j++) {
      if (lines[j].op === ' ') {
        if (++kept > 2 * CONTEXT) break;
      } else {
        kept = 0;
        end = j;
      }
    }
    end = Math.min(lines.length, end + 1 + CONTEXT);
    const hunk = lines.slice(start, end);
    const oldCount = hunk.filter((line) => line.op !== '+').length;
    const newCount = hunk.filter((line) => line.op !== '-').length;
    // A hunk with no line on one side starts just before where it would be (`-0,0` at the top).
    const oldStart = oldCount === 0 ? hunk[0].ai : hunk[0].ai + 1;
    const newStart = newCount === 0 ? hunk[0].bi : hunk[0].bi + 1;
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const line of hunk) {
      out += line.op + line.text;
      if (!/[\r\n]$/.test(line.text)) out += '\n\\ No newline at end of file\n';
      else if (line.text.endsWith('\r')) out += '\n'; // a lone CR line break: ended for the diff
    }
    i = end;
  }
  return out;
}
