/**
 * What a meeting's mutations tell urql they change. urql's cache then refetches every query on
 * screen that holds a meeting (or a decision) — once. Pages do not refetch by hand after these:
 * that asked the server for the whole meeting page twice and drew it twice per click.
 */
export const meetingChanged = { additionalTypenames: ['Meeting'] };
export const decisionChanged = { additionalTypenames: ['Decision', 'Meeting'] };
export const decisionTaskChanged = { additionalTypenames: ['Decision', 'Meeting', 'Task'] };
