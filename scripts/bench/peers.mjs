// The tools a user would pick instead, set up with the same schema as ours.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { URL } from 'node:url';
import { SCHEMA_PATH, SCHEMA_URI } from './lib.mjs';

const require = createRequire(import.meta.url);

/** The schema every tool checks against. */
export function readSchema() {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
}

/**
 * yaml-language-server (the engine of Red Hat's YAML extension), validating YAML documents
 * whose text is the front matter, against `schemas/article.schema.json` for every file.
 */
export function createYamlPeer(schema = readSchema()) {
  const { getLanguageService } = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const service = getLanguageService({
    // The schema is given inline: nothing is ever fetched.
    schemaRequestService: (uri) => Promise.reject(new Error(`no schema fetching in the benchmark: ${uri}`)),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  service.configure({
    validate: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema }],
  });
  // The parse cache of the language service, per URI and never emptied: `forget` is our closing a tab.
  const {
    yamlDocumentsCache,
  } = require('yaml-language-server/lib/umd/languageservice/parser/yaml-documents');
  return {
    TextDocument,
    forget(uri) {
      yamlDocumentsCache.cache?.delete(uri);
    },
    /** Diagnostics of a YAML document (`uri` should end in `.yaml`). */
    validate(uri, version, yamlText) {
      return service.doValidation(TextDocument.create(uri, 'yaml', version, yamlText), false);
    },
    validateDocument(document) {
      return service.doValidation(document, false);
    },
  };
}

/** remark + remark-frontmatter + remark-lint-frontmatter-schema, the schema embedded, on whole Markdown files. */
export async function createRemarkPeer(schema = readSchema()) {
  const { remark } = await import('remark');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const { default: remarkLintFrontmatterSchema } = await import('remark-lint-frontmatter-schema');
  const processor = remark().use(remarkFrontmatter).use(remarkLintFrontmatterSchema, { embed: schema });
  return {
    /** The messages for a Markdown file (`path` is where it is, for the plugin's path logic). */
    async validate(path, text) {
      const file = await processor.process({ path, value: text });
      return file.messages;
    },
  };
}
