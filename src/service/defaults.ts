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
  // 3.6 times the largest real front matter (142 KB), and checked in under 500 ms whatever its style.
  maxFrontMatterLength: 512 * 1024,
  ignore: [],
};
