import { graphql } from '@/gql';

const ShareFields = graphql(`
  fragment ShareFields on Share {
    part
    whole
    value
  }
`);
void ShareFields;

const TotalsFields = graphql(`
  fragment TotalsFields on ComparisonTotals {
    towns
    milestones {
      ...ShareFields
    }
    health {
      kind
      ok {
        ...ShareFields
      }
    }
    activeTeams
    openTasks
    overdueTasks
    openDecisions
    overdueDecisions
    focuses {
      kind
      count
    }
    onTrack {
      ...ShareFields
    }
    controlsApproved {
      ...ShareFields
    }
  }
`);
void TotalsFields;

export const ComparisonQuery = graphql(`
  query Comparison($regionId: ID) {
    regions {
      id
      nameHe
      nameEn
    }
    comparison(regionId: $regionId) {
      quarter
      rows {
        town {
          id
          nameHe
          nameEn
        }
        stage
        milestones {
          ...ShareFields
        }
        health {
          kind
          status
          value
        }
        activeTeams
        openTasks
        overdueTasks
        openDecisions
        overdueDecisions
        focuses {
          kind
          count
        }
        onTrack {
          ...ShareFields
        }
        controlApproved
      }
      regionTotals {
        ...TotalsFields
      }
      countryTotals {
        ...TotalsFields
      }
    }
  }
`);
