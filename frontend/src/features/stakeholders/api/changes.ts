/**
 * What the stakeholders feature's mutations tell urql they change (ADR 0015): urql's cache then
 * refetches, once, every query on screen that holds one of these types, and pages do not refetch
 * by hand after a save. A query passes the constant of what it lists as its context, so that a
 * list that was empty (it carries no type for the cache to match) refreshes too.
 */
export const stakeholderChanged = { additionalTypenames: ['Stakeholder'] };
/** Placing or removing a stakeholder also changes which organisations are still unplaced. */
export const stakeholderPlaced = { additionalTypenames: ['Stakeholder', 'Organisation'] };
export const interactionLogged = { additionalTypenames: ['Interaction'] };
export const mappingChanged = { additionalTypenames: ['OrganisationMapping'] };
export const swotChanged = { additionalTypenames: ['SwotVersion'] };
/** What the mapping page lists: the organisations' answers and the SWOT's versions. */
export const mappingLists = { additionalTypenames: ['OrganisationMapping', 'SwotVersion'] };
