import * as vscode from 'vscode';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { diagnosticKey } from './articles';
import { toDiagnostic, toServiceDocument } from './convert';
import type { Sites } from './sites';

/** How long typing pauses before an article is checked again. */
const DEBOUNCE_MS = 150;

/** Publishes the service's diagnostics for open articles (and for the ones "Check All Articles" read). */
export interface DiagnosticSupport extends vscode.Disposable {
  /** Checks an open document now; resolves once its diagnostics are published or dropped. */
  validate(document: vscode.TextDocument): Promise<void>;
  /** Checks every open article again (settings or site data changed). */
  revalidateAll(): void;
  /** Shows diagnostics computed elsewhere for a file. */
  publish(uri: vscode.Uri, diagnostics: readonly LspDiagnostic[]): void;
  /**
   * Shows diagnostics computed elsewhere for many files, in one message to the window; an
   * empty list clears a file's. Files with none, and none shown, cost nothing.
   */
  publishMany(entries: ReadonlyArray<readonly [vscode.Uri, readonly LspDiagnostic[]]>): void;
  /** Removes a file's diagnostics. */
  clear(uri: vscode.Uri): void;
  /** How many diagnostics are shown for a file. */
  count(uri: vscode.Uri): number;
  /** The service's diagnostic behind one VS Code shows, with the data its quick fix needs. */
  original(uri: vscode.Uri, diagnostic: vscode.Diagnostic): LspDiagnostic | undefined;
}

/**
 * Checks articles as they are opened and edited (debounced per document), clears them when
 * they are closed, and publishes the results in one diagnostic collection.
 */
export function registerDiagnosticSupport(sites: Sites): DiagnosticSupport {
  return new DiagnosticManager(sites);
}

class DiagnosticManager implements DiagnosticSupport {
  private readonly collection = vscode.languages.createDiagnosticCollection('article-frontmatter');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document: the number of the latest check; an older check's result is dropped. */
  private readonly generations = new Map<string, number>();
  /** Per document: the service's diagnostics by key, for quick fixes. */
  private readonly published = new Map<string, Map<string, LspDiagnostic>>();
  private readonly originals = new WeakMap<vscode.Diagnostic, LspDiagnostic>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly sites: Sites) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.close(document)),
    ];
    this.revalidateAll();
  }

  revalidateAll(): void {
    const open = new Set<string>();
    for (const document of vscode.workspace.textDocuments) {
      open.add(document.uri.toString());
      this.schedule(document, 0);
    }
    // Files "Check All Articles" read and nobody opened: drop them where checking is now off.
    this.collection.forEach((uri) => {
      if (!open.has(uri.toString()) && !this.sites.isEnabled(uri)) this.clear(uri);
    });
  }

  async validate(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.cancel(key);
    const generation = this.nextGeneration(key);
    const isLatest = () => !document.isClosed && this.generations.get(key) === generation;
    const kind = this.sites.kindOf(document);
    if (!kind) {
      if (this.published.has(key)) this.clear(document.uri);
      return;
    }
    try {
      const service = await this.sites.serviceFor(document.uri, kind);
      if (!isLatest()) return;
      if (!service) {
        this.clear(document.uri);
        return;
      }
      const article = toServiceDocument(document);
      const diagnostics = await service.validate(article);
      if (isLatest() && document.version === article.version) this.publish(document.uri, diagnostics);
    } catch (error) {
      this.sites.logger.error(`Could not check ${document.uri.toString(true)}`, error);
    }
  }

  publish(uri: vscode.Uri, diagnostics: readonly LspDiagnostic[]): void {
    this.collection.set(uri, this.converted(uri, diagnostics));
  }

  publishMany(entries: ReadonlyArray<readonly [vscode.Uri, readonly LspDiagnostic[]]>): void {
    const changed: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]> = [];
    for (const [uri, diagnostics] of entries) {
      if (diagnostics.length > 0) changed.push([uri, this.converted(uri, diagnostics)]);
      else if (this.published.delete(uri.toString()) || this.collection.has(uri))
        changed.push([uri, undefined]);
    }
    if (changed.length > 0) this.collection.set(changed);
  }

  /** VS Code's diagnostics for the service's, remembered for quick fixes. */
  private converted(uri: vscode.Uri, diagnostics: readonly LspDiagnostic[]): vscode.Diagnostic[] {
    const byKey = new Map<string, LspDiagnostic>();
    const shown = diagnostics.map((diagnostic) => {
      const converted = toDiagnostic(diagnostic);
      this.originals.set(converted, diagnostic);
      byKey.set(diagnosticKey(diagnostic), diagnostic);
      return converted;
    });
    this.published.set(uri.toString(), byKey);
    return shown;
  }

  clear(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
    this.collection.delete(uri);
  }

  count(uri: vscode.Uri): number {
    return this.collection.get(uri)?.length ?? 0;
  }

  original(uri: vscode.Uri, diagnostic: vscode.Diagnostic): LspDiagnostic | undefined {
    // VS Code may hand back copies of the diagnostics it was given, so fall back to the key.
    return (
      this.originals.get(diagnostic) ?? this.published.get(uri.toString())?.get(diagnosticKey(diagnostic))
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.generations.clear();
    this.published.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    this.cancel(key);
    if (!this.sites.kindOf(document)) {
      // Not (or no longer) an article, e.g. a text file whose first line is no longer `---`.
      if (this.published.has(key)) {
        this.nextGeneration(key);
        this.clear(document.uri);
      }
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(document);
      }, delay),
    );
  }

  private close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancel(key);
    this.generations.delete(key);
    if (!this.published.has(key) && !this.sites.kindOf(document)) return;
    this.clear(document.uri);
    this.sites.forget(document.uri);
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  private nextGeneration(key: string): number {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }
}
