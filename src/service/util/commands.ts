/**
 * The command a "Linked from N articles" code lens runs, with the article's URI and the
 * position of its title: the editor lists the `related` entries that copy it, as Find
 * References does. Here, not in the feature, so that an adapter can name it without loading
 * the service.
 */
export const SHOW_LINKS_COMMAND = 'articleFrontMatter.showLinks';
