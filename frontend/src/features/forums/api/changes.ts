/**
 * What the forums feature's mutations tell urql they change (ADR 0015): urql's cache then
 * refetches, once, every query on screen that holds one of these types, and pages do not refetch
 * by hand after a save. The forum page passes `forumLists` as its query's context, for lists it
 * shows that may be empty (an empty list carries no type for the cache to match).
 */
export const bodyChanged = { additionalTypenames: ['Body'] };
export const membershipChanged = { additionalTypenames: ['Membership'] };
export const milestoneChanged = { additionalTypenames: ['Milestone'] };
export const stageMoved = { additionalTypenames: ['Forum'] };
/** A focus made while creating a task team for it. */
export const focusMade = { additionalTypenames: ['StrategicFocus'] };

/** What the forum page holds: its bodies, their members and the stages' milestones. */
export const forumLists = { additionalTypenames: ['Body', 'Membership', 'Milestone'] };
