import { graphql } from '@/gql';

// The signed-in person's own account, from the account menu every page shows: kept apart from
// `accounts.ts` so the first download carries only these.
export const ChangeMyPasswordMutation = graphql(`
  mutation ChangeMyPassword($current: String!, $newPassword: String!) {
    changeMyPassword(current: $current, newPassword: $newPassword)
  }
`);

export const SetMyWeeklyDigestMutation = graphql(`
  mutation SetMyWeeklyDigest($on: Boolean!) {
    setMyWeeklyDigest(on: $on) {
      id
      weeklyDigest
    }
  }
`);
