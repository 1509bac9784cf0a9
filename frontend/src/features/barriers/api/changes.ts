/**
 * What the barriers' mutations tell urql they change (ADR 0015): urql's cache then refetches,
 * once, every query on screen that holds a barrier, and the page does not refetch by hand after a
 * save. The page passes the same constant as its query's context, so that a matrix with no barrier
 * rated yet (an empty list carries no type for the cache to match) refreshes too.
 */
export const barrierChanged = { additionalTypenames: ['Barrier'] };
