import type { ArticleSettings } from './types';

/**
 * The settings used where the writer has not chosen. In a module of its own, so that an
 * adapter can read them without loading the whole service.
 */
export const DEFAULT_SETTINGS: ArticleSettings = {
  rules: {},
  schemas: [],
  topicsFolder: '_data/topics',
  organizationsFolder: '_data/organizations',
  maxFrontMatterLength: 1024 * 1024,
};
