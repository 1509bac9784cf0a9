/**
 * What the plans feature's mutations tell urql they change (ADR 0015): urql's cache then
 * refetches, once, every query on screen that holds one of these types, and pages do not refetch
 * by hand after a save. A page query passes the same constant as its context for a list it shows
 * that may be empty: an empty list carries no type for the cache to match, so the first focus,
 * metric or task added would not otherwise show.
 */
export const focusChanged = { additionalTypenames: ['StrategicFocus'] };
export const metricChanged = { additionalTypenames: ['Metric'] };
export const measurementChanged = { additionalTypenames: ['Measurement', 'Metric'] };
export const taskChanged = { additionalTypenames: ['Task'] };
export const planApproved = { additionalTypenames: ['PlanApproval'] };
export const controlChanged = { additionalTypenames: ['QuarterControl'] };
export const planChangeChanged = { additionalTypenames: ['PlanChangeProposal'] };
/** Preparing the control's forum meeting makes a meeting and links the control to it. */
export const controlMeetingPrepared = { additionalTypenames: ['Meeting', 'QuarterControl'] };
export const yearSummaryChanged = { additionalTypenames: ['YearSummary'] };

/** What a page showing the focuses, their metrics and tasks holds, lists that may be empty included. */
export const focusLists = { additionalTypenames: ['StrategicFocus', 'Metric', 'Measurement', 'Task'] };
/** The work plan's page: its tasks and the year's approval. */
export const workPlanLists = { additionalTypenames: ['Task', 'PlanApproval'] };
/** The control's page: the control and the plan changes it proposes. */
export const controlLists = { additionalTypenames: ['QuarterControl', 'PlanChangeProposal'] };
