/**
 * The language service, bundled apart from the extension for VS Code's Node host
 * (`dist/node/engine.js`): activation loads only the thin adapter, and this, the bulk of the
 * code (parser, schemas, precompiled validators), is loaded when the first article needs it.
 */
export {
  createArticleService,
  driftReport,
  inferSiteSchemas,
  isExcludedByJekyll,
  readInferenceSample,
  readJekyllConfig,
  teamConfigText,
} from '../service/index';
