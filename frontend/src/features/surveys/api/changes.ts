/**
 * What the survey page's mutations tell urql they change (ADR 0015): urql's cache then refetches,
 * once, every query on screen that holds one of these types, and the page does not refetch by hand
 * after a save. A query passes the constant of what it lists as its context, so that a list that
 * was empty (it carries no type for the cache to match) refreshes too.
 */
export const roundChanged = { additionalTypenames: ['SurveyRound'] };
/** A response recorded by hand changes its round's results and may bring a new employer. */
export const responseRecorded = { additionalTypenames: ['SurveyResponse', 'SurveyRound', 'Organisation'] };
/** An employer placed on the stakeholder map leaves the list of those not on it. */
export const employerPlaced = { additionalTypenames: ['Stakeholder', 'Organisation'] };
