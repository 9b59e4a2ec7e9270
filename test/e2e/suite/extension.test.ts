// End-to-end tests in the real extension host (code-server, VS Code 1.100.3), against a fresh
// copy of sample-site/ (see sample-site/MISTAKES.md for the mistakes and their lines). They use
// the `vscode` API as a user's editor does: open an article, read its diagnostics, ask for
// completions, hovers and quick fixes, change a setting, add a site file, run a command.
// Every wait polls real state with a deadline; no fixed delays.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'article-frontmatter.article-frontmatter';
const SOURCE = 'article-frontmatter';

const STORAGE = '_news/2024-01-09-object-storage-prices-fall-again.md';
const AUTHER = '_news/2024-01-23-fabrikam-raises-for-kubernetes-cost-visibility.md';
const DRIFT = '_news/2024-02-06-infrastructure-as-code-drift-survey.md';
const SERVERLESS = '_news/2024-02-20-five-patterns-for-resilient-serverless-workloads.md';
const ZERO_TRUST = '_news/2024-03-05-zero-trust-guidance-for-cloud-workloads.md';
const EDGE = '_news/2024-03-19-edge-networking-startup-opens-points-of-presence.md';
const SECRETS = '_news/2024-04-02-rotating-secrets-without-downtime.md';
const CONTAINERS = '_news/2024-04-16-deploying-containers-in-ten-minutes.md';
const NO_TITLE = '_news/2024-05-07-managed-databases-move-to-storage-compute-split.md';
const BACKUP = '_news/2024-05-21-how-to-choose-a-cloud-backup-plan.md';
const COLLECTION = '_learning/collections/fabrikam-cloud-fundamentals-series.md';
/** sample-blog/, a plain Jekyll blog, copied into the workspace as `blog/` (a site of its own). */
const BLOG_LAYOUT = 'blog/_posts/2024-03-02-testing-glue-joints.md';
const BLOG_SUPPRESSED = 'blog/_posts/2024-05-04-keeping-notes.md';
const BLOG_WELCOME = 'blog/_posts/2024-01-20-welcome.md';
/** The blog's posts with a mistake (sample-blog/MISTAKES.md), reported by Check All too. */
const BLOG_MISTAKES = [
  'blog/_posts/2024-02-03-sharpening-chisels.md',
  'blog/_posts/2024-02-17-a-workbench-from-pallets.md',
  BLOG_LAYOUT,
  'blog/_posts/2024-03-16-finishing-with-oil.md',
  'blog/_posts/2024-04-06-the-shop-vacuum.md',
  'blog/_posts/2024-04-20-measuring-twice.md',
  'blog/_posts/2024-05-18-dovetails-by-hand.md',
  // Without front matter Jekyll sees: Check All checks such files too.
  'blog/_posts/2024-06-01-a-blank-line-too-many.md',
  'blog/_posts/2024-06-15-cut-list-revisions.md',
  'blog/_projects/bookshelf.md',
  // Why a post does not appear: a future date, `published: false`, a name without a date, two dates.
  'blog/_posts/2099-06-05-a-bench-for-the-next-century.md',
  'blog/_posts/2024-05-18-a-jig-that-did-not-work.md',
  'blog/_posts/dovetails-by-hand.md',
  'blog/_posts/2024-06-15-glue-ups-in-the-cold.md',
  // A tag spelt otherwise than the rest of the blog spells it (once the site is indexed).
  'blog/_posts/2024-05-18-a-plane-for-end-grain.md',
];

function siteRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the sample site is open as the workspace folder');
  return folder.uri;
}

function file(path: string): vscode.Uri {
  return vscode.Uri.joinPath(siteRoot(), path);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return String(typeof code === 'object' ? code.value : code);
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => ({
      code: codeOf(d),
      severity: vscode.DiagnosticSeverity[d.severity],
      range: `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
      message: d.message,
    })),
  );
}

/** Polls `probe` until it returns something truthy, or fails after `timeout` ms saying what it waited for. */
async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeout = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openArticle(path: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(file(path));
}

/** Opens an article and waits until our diagnostics for it are published. */
async function diagnosticsOf(path: string): Promise<vscode.Diagnostic[]> {
  const document = await openArticle(path);
  return waitFor(`diagnostics of ${path}`, () => {
    const found = ours(document.uri);
    return found.length > 0 && found;
  });
}

function labels(list: vscode.CompletionList): string[] {
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

async function complete(uri: vscode.Uri, line: number, character: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    new vscode.Position(line, character),
  );
  return labels(list);
}

async function hoverText(uri: vscode.Uri, line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    new vscode.Position(line, character),
  );
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

function rulesSetting(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('articleFrontMatter', siteRoot());
}

/** One expected diagnostic; lines and columns 1-based, as in MISTAKES.md and the CLI. */
interface Expected {
  path: string;
  code: string;
  severity: keyof typeof vscode.DiagnosticSeverity;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Hints the file gets besides, which are no mistake (`unpublished` on `published: false`). */
  hints?: string[];
}

const OPENED: Expected[] = [
  { path: STORAGE, code: 'wrong-type', severity: 'Error', line: 10, column: 10, endColumn: 14 },
  { path: AUTHER, code: 'unknown-field', severity: 'Warning', line: 6, column: 1, endColumn: 7 },
  { path: DRIFT, code: 'unknown-topic', severity: 'Warning', line: 24, column: 5, endColumn: 21 },
  { path: SERVERLESS, code: 'duplicate-topic', severity: 'Warning', line: 23, column: 5, endColumn: 15 },
  { path: SECRETS, code: 'url-has-spaces', severity: 'Warning', line: 6, column: 9, endColumn: 82 },
  { path: NO_TITLE, code: 'missing-field', severity: 'Error', line: 1, column: 1 },
  { path: BACKUP, code: 'yaml-syntax', severity: 'Error', line: 14, column: 9 },
];

/** The articles "Check All Articles" must report without them ever being opened. */
const NEVER_OPENED: Expected[] = [
  { path: ZERO_TRUST, code: 'amp-cache-url-mismatch', severity: 'Warning', line: 8, column: 15 },
  {
    path: EDGE,
    code: 'provider-domain-mismatch',
    severity: 'Warning',
    line: 14,
    column: 11,
    endColumn: 20,
    hints: ['unpublished'],
  },
  { path: CONTAINERS, code: 'jekyll-boolean', severity: 'Warning', line: 10, column: 12 },
  {
    path: COLLECTION,
    code: 'missing-collection-item',
    severity: 'Warning',
    line: 18,
    column: 5,
    endColumn: 42,
  },
];

function assertOnly(all: readonly vscode.Diagnostic[], expected: Expected): void {
  const where = `${expected.path}: ${describeDiagnostics(all)}`;
  const isHint = (d: vscode.Diagnostic) =>
    d.severity === vscode.DiagnosticSeverity.Hint && (expected.hints ?? []).includes(codeOf(d));
  assert.deepEqual(all.filter(isHint).map(codeOf), expected.hints ?? [], `hints in ${where}`);
  const diagnostics = all.filter((d) => !isHint(d));
  assert.deepEqual(
    diagnostics.map(codeOf),
    [expected.code],
    `only \`${expected.code}\` is reported in ${where}`,
  );
  const [diagnostic] = diagnostics;
  assert.equal(vscode.DiagnosticSeverity[diagnostic.severity], expected.severity, `severity in ${where}`);
  assert.equal(diagnostic.range.start.line + 1, expected.line, `start line in ${where}`);
  assert.equal(diagnostic.range.start.character + 1, expected.column, `start column in ${where}`);
  if (expected.endColumn !== undefined) {
    assert.equal(diagnostic.range.end.line + 1, expected.endLine ?? expected.line, `end line in ${where}`);
    assert.equal(diagnostic.range.end.character + 1, expected.endColumn, `end column in ${where}`);
  }
}

export function defineTests(): void {
  before(async function () {
    this.timeout(60_000);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.ok(extension.isActive, 'the extension activates');
  });

  describe('diagnostics of an opened article', () => {
    for (const expected of OPENED) {
      it(`${expected.code} in ${expected.path}`, async () => {
        assertOnly(await diagnosticsOf(expected.path), expected);
      });
    }
  });

  describe('a plain Jekyll blog beside the site: its own schema, defaults and suppressions', () => {
    it('checks a post against the blog’s YAML schema named in .article-frontmatter.yml', async () => {
      const diagnostics = await diagnosticsOf(BLOG_LAYOUT);
      assertOnly(diagnostics, {
        path: BLOG_LAYOUT,
        code: 'invalid-value',
        severity: 'Error',
        line: 2,
        column: 9,
      });
      assert.match(diagnostics[0].message, /did you mean `post`/);
    });

    it('says nothing of a value whose rule a comment silences, nor of a post that is right', async () => {
      for (const path of [BLOG_SUPPRESSED, BLOG_WELCOME]) {
        const document = await openArticle(path);
        // A clean document gets an empty set published: wait for the hover to answer, which
        // needs the same service, then check nothing was reported.
        await waitFor(`the hover of ${path}`, async () => (await hoverText(document.uri, 0, 1)).length > 0);
        assert.deepEqual(describeDiagnostics(ours(document.uri)), '[]', path);
      }
    });

    it('shows, on the opening `---`, what the post takes from _config.yml’s defaults', async () => {
      const document = await openArticle(BLOG_WELCOME);
      const text = await hoverText(document.uri, 0, 1);
      assert.match(text, /layout/);
      assert.match(text, /post/);
    });
  });

  describe('completion', () => {
    it('offers the site’s topics in a `topics` entry', async () => {
      const document = await openArticle(DRIFT);
      assert.equal(document.lineAt(22).text, '  - Cloud');
      const offered = await complete(document.uri, 22, 4);
      for (const topic of ['Storage', 'Security', 'Serverless', 'Developer tools', 'Management tools']) {
        assert.ok(offered.includes(topic), `topic ${topic} offered; got ${JSON.stringify(offered)}`);
      }
    });

    it('offers the catalogue’s organizations for `provider: name`', async () => {
      const document = await openArticle(DRIFT);
      assert.equal(document.lineAt(14).text, '  name: The Register');
      const offered = await complete(document.uri, 14, 8);
      for (const name of ['ZDNet', 'TechCrunch', 'Contoso News', 'Amazon Web Services']) {
        assert.ok(offered.includes(name), `provider ${name} offered; got ${JSON.stringify(offered)}`);
      }
    });
  });

  describe('hover', () => {
    it('shows the picture of an `images` url', async () => {
      const document = await openArticle(STORAGE);
      assert.match(document.lineAt(26).text, /storage-racks\.jpg/);
      const text = await hoverText(document.uri, 26, 20);
      assert.match(
        text,
        /!\[[^\]]*\]\(https:\/\/www\.contoso-news\.com\/images\/2024\/01\/storage-racks\.jpg/,
        text,
      );
    });

    it('shows the card of a `related` entry on its title', async () => {
      const document = await openArticle(STORAGE);
      assert.match(document.lineAt(32).text, /title: "Why egress fees/);
      const text = await hoverText(document.uri, 32, 20);
      assert.match(text, /Why egress fees matter more than the price per gigabyte/, text);
      assert.match(text, /ZDNet/, text);
      assert.match(text, /Storage is cheap until you try to move it/, text);
      assert.match(
        text,
        /!\[[^\]]*\]\(https:\/\/www\.zdnet\.com\/a\/img\/2024\/01\/05\/egress-fees-chart\.jpg/,
        text,
      );
    });
  });

  describe('settings', () => {
    after(async () => {
      await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('a rule’s severity follows `articleFrontMatter.rules`', async () => {
      const uri = (await openArticle(DRIFT)).uri;
      const severityOfTopic = () => ours(uri).find((d) => codeOf(d) === 'unknown-topic')?.severity;
      await waitFor(
        'unknown-topic as a warning',
        () => severityOfTopic() === vscode.DiagnosticSeverity.Warning,
      );

      await rulesSetting().update(
        'rules',
        { 'unknown-topic': 'error' },
        vscode.ConfigurationTarget.Workspace,
      );
      await waitFor(
        `unknown-topic as an error (now ${describeDiagnostics(ours(uri))})`,
        () => severityOfTopic() === vscode.DiagnosticSeverity.Error,
      );

      await rulesSetting().update('rules', { 'unknown-topic': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('unknown-topic turned off', () => ours(uri).every((d) => codeOf(d) !== 'unknown-topic'));

      await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'unknown-topic back as a warning',
        () => severityOfTopic() === vscode.DiagnosticSeverity.Warning,
      );
    });
  });

  describe('quick fix', () => {
    it('replaces `Management Tools` with the taxonomy’s `Management tools`', async () => {
      const document = await openArticle(DRIFT);
      const diagnostic = await waitFor('the unknown-topic diagnostic', () =>
        ours(document.uri).find((d) => codeOf(d) === 'unknown-topic'),
      );
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
      );
      const preferred = actions.find(
        (action): action is vscode.CodeAction => 'isPreferred' in action && action.isPreferred === true,
      );
      assert.ok(preferred, `a preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(preferred.edit, `the preferred fix "${preferred.title}" has an edit`);
      assert.ok(await vscode.workspace.applyEdit(preferred.edit), 'the edit applies');
      assert.equal(document.lineAt(23).text, '  - Management tools');
      await waitFor('the unknown-topic diagnostic to go', () =>
        ours(document.uri).every((d) => codeOf(d) !== 'unknown-topic'),
      );
      assert.deepEqual(
        ours(document.uri),
        [],
        `no diagnostics left: ${describeDiagnostics(ours(document.uri))}`,
      );
    });
  });

  describe('site data', () => {
    it('a new topic file is offered by completion', async () => {
      const document = await openArticle(DRIFT);
      assert.ok(!(await complete(document.uri, 22, 4)).includes('Databases'), 'no Databases topic yet');
      await vscode.workspace.fs.writeFile(
        file('_data/topics/08-databases.yaml'),
        new TextEncoder().encode(
          'taxonomy: topic\n_id: databases\nname: Databases\nshortname: Databases\nparent: Cloud\n',
        ),
      );
      await waitFor('completion to offer the new topic Databases', async () =>
        (await complete(document.uri, 22, 4)).includes('Databases'),
      );
    });
  });

  describe('Check All Articles', () => {
    it('reports the mistakes of articles that were never opened, and only those', async function () {
      this.timeout(60_000);
      const opened = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
      for (const expected of NEVER_OPENED) {
        const uri = file(expected.path);
        assert.ok(!opened.has(uri.toString()), `${expected.path} was never opened`);
        assert.deepEqual(ours(uri), [], `no diagnostics yet for ${expected.path}`);
      }
      // The command resolves only once its summary notification is dismissed: do not await it.
      vscode.commands.executeCommand('articleFrontMatter.checkAllArticles').then(undefined, () => {});
      for (const expected of NEVER_OPENED) {
        const diagnostics = await waitFor(
          `diagnostics of ${expected.path}`,
          () => {
            const found = ours(file(expected.path));
            return found.length > 0 && found;
          },
          45_000,
        );
        assertOnly(diagnostics, expected);
      }
      // Every article with a mistake, and no other file (the drift survey was fixed above).
      const withMistakes = [
        ...[...OPENED, ...NEVER_OPENED].map((expected) => expected.path),
        ...BLOG_MISTAKES,
      ]
        .filter((path) => path !== DRIFT)
        .sort();
      const reported = () =>
        vscode.languages
          .getDiagnostics()
          .filter(([, diagnostics]) => diagnostics.some((d) => d.source === SOURCE))
          .map(([uri]) => vscode.workspace.asRelativePath(uri, false))
          .sort();
      await waitFor(`all ${withMistakes.length} articles with mistakes to be reported`, () =>
        withMistakes.every((path) => reported().includes(path)),
      );
      assert.deepEqual(reported(), withMistakes);
    });
  });
  describe('the site as one linked whole', () => {
    const LINKED = '_news/2024-06-03-linked-to-serverless.md';
    const SERVERLESS_URL =
      'https://azure.microsoft.com/en-us/blog/five-patterns-for-resilient-serverless-workloads/';

    after(async () => {
      await vscode.workspace.fs.delete(file(LINKED)).then(undefined, () => {});
    });

    it('definition, references, rename and the stale copy’s quick fix', async function () {
      this.timeout(60_000);
      const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(file(SERVERLESS)));
      // An article of its own whose first related entry is an out-of-date copy of the serverless one.
      const text = source
        .replace(/^title: .*$/m, 'title: "Linked to the serverless patterns"')
        .replace(/^webUrl: .*$/m, 'webUrl: "https://fabrikam.dev/blog/linked-to-serverless/"')
        .replace(
          /^related:\n/m,
          `related:\n  - title: "Five patterns, as first titled"\n    webUrl: "${SERVERLESS_URL}"\n    type: article\n`,
        );
      assert.ok(text.includes('as first titled'), 'the article has a related: list to add to');
      await vscode.workspace.fs.writeFile(file(LINKED), new TextEncoder().encode(text));
      const document = await openArticle(LINKED);
      const entryLine = document
        .getText()
        .split('\n')
        .findIndex((line) => line.includes('as first titled'));
      const stale = await waitFor(
        'the stale-related diagnostic',
        () => ours(document.uri).find((d) => codeOf(d) === 'stale-related'),
        45_000,
      );
      assert.equal(stale.range.start.line, entryLine);

      const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        document.uri,
        new vscode.Position(entryLine + 1, 8),
      );
      const target = definitions.map((item) => ('uri' in item ? item.uri : item.targetUri).toString());
      assert.deepEqual(target, [file(SERVERLESS).toString()]);

      const serverless = await openArticle(SERVERLESS);
      const references = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        serverless.uri,
        new vscode.Position(5, 12),
      );
      assert.ok(
        references.some(
          (item) => item.uri.toString() === document.uri.toString() && item.range.start.line === entryLine,
        ),
        `a reference from the linked article among ${JSON.stringify(references.map((r) => r.uri.toString()))}`,
      );

      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        serverless.uri,
      );
      const linked = lenses.find((lens) => lens.command?.title.startsWith('Linked from'));
      assert.ok(linked, `a "Linked from" lens among ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
      assert.equal(linked.range.start.line, 2);

      const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        serverless.uri,
        new vscode.Position(2, 12),
        'Five patterns, renamed',
      );
      const renamed = rename
        .entries()
        .map(([uri]) => uri.toString())
        .sort();
      assert.deepEqual(renamed, [document.uri.toString(), serverless.uri.toString()].sort());

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        stale.range,
      );
      const update = actions.find(
        (action): action is vscode.CodeAction => action.title === 'Update from the article',
      );
      assert.ok(
        update?.edit,
        `"Update from the article" among ${JSON.stringify(actions.map((a) => a.title))}`,
      );
      assert.ok(await vscode.workspace.applyEdit(update.edit), 'the edit applies');
      assert.equal(
        document.lineAt(entryLine).text,
        '  - title: "Five patterns for resilient serverless workloads"',
      );
      await waitFor('the stale-related diagnostic to go', () =>
        ours(document.uri).every((d) => codeOf(d) !== 'stale-related'),
      );
    });
  });

  // Last: it gives the blog a configuration of its own, which the tests above must not see.
  describe('Infer Schemas from This Site', () => {
    it('writes the blog’s schemas and team configuration; a post then missing a required key gets missing-field', async function () {
      this.timeout(90_000);
      // Without a configuration of its own yet: nothing to replace, so no question is asked.
      await vscode.workspace.fs.delete(file('blog/.article-frontmatter.yml'));
      await vscode.workspace.fs.delete(file('blog/schemas'), { recursive: true });
      // The active article's site is the one inferred.
      const welcome = await vscode.window.showTextDocument(await openArticle(BLOG_WELCOME));
      // The command resolves only once its summary notification is dismissed: do not await it.
      vscode.commands.executeCommand('articleFrontMatter.inferSchemas').then(undefined, () => {});
      const written = [
        'blog/schemas/posts.schema.yaml',
        'blog/schemas/pages.schema.yaml',
        'blog/.article-frontmatter.yml',
      ];
      for (const path of written)
        await waitFor(
          `${path} to be written`,
          () =>
            Promise.resolve(vscode.workspace.fs.stat(file(path))).then(
              () => true,
              () => false,
            ),
          45_000,
        );
      const config = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(file('blog/.article-frontmatter.yml')),
      );
      assert.match(config, /url: schemas\/posts\.schema\.yaml/);
      const schema = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(file('blog/schemas/posts.schema.yaml')),
      );
      assert.match(schema, /required: \[.*tags.*\]/);
      // Every post has `tags`: the welcome post without them is missing a required field.
      const line = welcome.document
        .getText()
        .split('\n')
        .findIndex((text) => text.startsWith('tags:'));
      assert.ok(line > 0, 'the welcome post has tags');
      await welcome.edit((edit) => edit.delete(new vscode.Range(line, 0, line + 1, 0)));
      await waitFor(
        `missing-field on ${BLOG_WELCOME}: ${describeDiagnostics(ours(welcome.document.uri))}`,
        () => ours(welcome.document.uri).some((d) => codeOf(d) === 'missing-field' && /tags/.test(d.message)),
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
}
