import { graphql } from '@/gql';

export const TownsQuery = graphql(`
  query Towns($search: String, $regionId: ID, $offset: Int, $limit: Int) {
    towns(search: $search, regionId: $regionId, offset: $offset, limit: $limit) {
      totalCount
      hasNextPage
      items {
        id
        nameHe
        nameEn
        nameAr
        population
        socioEconomicCluster
        region {
          id
          nameHe
          nameEn
          nameAr
        }
        forum {
          id
          stage
          stageNumber
        }
      }
    }
    regions {
      id
      code
      nameHe
      nameEn
      nameAr
    }
  }
`);

export const TownOverviewQuery = graphql(`
  query TownOverview($id: ID!) {
    town(id: $id) {
      id
      nameHe
      nameEn
      nameAr
      population
      socioEconomicCluster
      indicators(last: 12) {
        threshold
        editable
        periods {
          period
          source
          importedAt
          figures {
            indicator
            value
            withheld
          }
        }
      }
      region {
        id
        nameHe
        nameEn
        nameAr
      }
      labourOffice {
        id
        name
        address
        manager {
          id
          fullName
          email
          phone
          contactsVisible
        }
      }
      forum {
        id
        stage
        stageNumber
        bodies {
          id
          kind
          name
          startsOn
          endsOn
          members {
            id
            role
            joinedOn
            person {
              id
              fullName
              jobTitle
              seniority
              organisation {
                id
                name
                sector
              }
            }
          }
        }
      }
    }
  }
`);
