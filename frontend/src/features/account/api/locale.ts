import { graphql } from '@/gql';

export const SetMyLocaleMutation = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale) {
      id
      locale
    }
  }
`);
