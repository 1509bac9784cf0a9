/**
 * What the directory's mutations tell urql they change (ADR 0015): urql's cache then refetches,
 * once, every query on screen that holds an organisation or a person, and the lists do not refetch
 * by hand after a save. The lists pass the same constants as their queries' context, so that a list
 * that was empty (it carries no type for the cache to match) shows what was added.
 */
export const organisationChanged = { additionalTypenames: ['Organisation'] };
export const personChanged = { additionalTypenames: ['Person'] };
