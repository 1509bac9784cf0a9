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

const FigureFields = graphql(`
  fragment FigureFields on IndicatorFigure {
    indicator
    value
    withheld
    change
  }
`);
void FigureFields;

export const ComparisonQuery = graphql(`
  query Comparison($regionId: ID) {
    regions {
      id
      nameHe
      nameEn
      nameAr
    }
    comparison(regionId: $regionId) {
      quarter
      rows {
        town {
          id
          nameHe
          nameEn
          nameAr
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
        indicators {
          ...FigureFields
        }
      }
      indicatorQuarter
      threshold
      regionIndicators {
        ...FigureFields
      }
      countryIndicators {
        ...FigureFields
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

export const TrendQuery = graphql(`
  query IndicatorTrend($regionId: ID, $indicator: Indicator!) {
    comparison(regionId: $regionId) {
      threshold
      trend(indicator: $indicator, quarters: 12) {
        quarters
        median
        towns {
          town {
            id
            nameHe
            nameEn
            nameAr
          }
          figures {
            ...FigureFields
          }
        }
      }
    }
  }
`);

export const TownIndicatorsQuery = graphql(`
  query TownIndicators($id: ID!) {
    town(id: $id) {
      id
      nameHe
      nameEn
      nameAr
      indicators(last: 12) {
        exact
        editable
        threshold
        periods {
          period
          isMonth
          source
          importedAt
          figures {
            ...FigureFields
          }
        }
      }
    }
  }
`);
