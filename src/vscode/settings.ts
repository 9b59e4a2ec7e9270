/**
 * Reads the `articleFrontMatter` settings into what the service takes, through the host
 * layer's `parseSettings`. Nothing here imports `vscode`, so it is tested in plain Node.
 */
import { parseSettings, SETTING_KEYS, type SettingsProblem } from '../host/index';
// The defaults alone, not the service's index: activation must not load the service's code.
import { DEFAULT_SETTINGS } from '../service/defaults';
import type { ArticleSettings } from '../service/index';

export { DEFAULT_SITE_DATA_FOLDERS, siteFiles, type SiteFiles } from '../host/index';

/** The settings section, as `vscode.workspace.getConfiguration('articleFrontMatter', scope)` gives it. */
export interface SettingsSource {
  get<T>(key: string): T | undefined;
}

/** The settings of one resource. */
export interface FrontMatterSettings {
  /** Whether articles here are checked at all. */
  readonly enable: boolean;
  /** What goes to `service.configure`. */
  readonly service: Partial<ArticleSettings>;
  /** The values that were dropped, and why. */
  readonly problems?: SettingsProblem[];
}

/**
 * The settings for one resource. Malformed values are dropped (and listed in `problems`).
 * @param trusted whether the workspace is trusted; when it is not, `schemas` is ignored,
 * since a schema is compiled to code.
 */
export function readSettings(source: SettingsSource, trusted: boolean): FrontMatterSettings {
  const raw = Object.fromEntries(SETTING_KEYS.map((key) => [key, source.get<unknown>(key)]));
  const { enable, settings, problems } = parseSettings(raw, { trusted });
  // Every key is given, defaults included: `configure` merges, so a key left out would keep its old value.
  const service: Partial<ArticleSettings> = {
    rules: settings.rules ?? {},
    schemas: settings.schemas ?? [],
    topicsFolder: settings.topicsFolder ?? DEFAULT_SETTINGS.topicsFolder,
    organizationsFolder: settings.organizationsFolder ?? DEFAULT_SETTINGS.organizationsFolder,
  };
  const result = { enable: enable !== false, service };
  // Only when there are some, so that settings compare equal as they did.
  return problems.length > 0 ? { ...result, problems } : result;
}
