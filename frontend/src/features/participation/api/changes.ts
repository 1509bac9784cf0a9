/**
 * What the participation page's mutations tell urql they change (ADR 0015): urql's cache then
 * refetches, once, every query on screen that holds a process, and the page does not refetch by
 * hand after a save. The page passes `processChanged` as its query's context, so that the first
 * process of a town (an empty list carries no type for the cache to match) shows too.
 */
export const processChanged = { additionalTypenames: ['ParticipationProcess'] };
export const stepChanged = { additionalTypenames: ['ParticipationStepRow', 'ParticipationProcess'] };
/** Findings fed into a focus change that focus. */
export const findingsFed = { additionalTypenames: ['StrategicFocus'] };
