import { graphql } from '@/gql';

export const PublicSurveyQuery = graphql(`
  query PublicSurvey($token: String!) {
    publicSurvey(token: $token) {
      title
      townId
      townNameHe
      townNameEn
      townNameAr
      towns {
        id
        nameHe
        nameEn
        nameAr
      }
    }
  }
`);

export const SubmitSurveyMutation = graphql(`
  mutation SubmitSurvey($token: String!, $input: SurveyAnswersInput!) {
    submitSurvey(token: $token, input: $input)
  }
`);

export const SurveySummaryFieldsFragment = graphql(`
  fragment SurveySummaryFields on SurveySummary {
    exact
    threshold
    responses
    openPositions
    byOccupation {
      occupation
      code
      positions
      employers
    }
    industries {
      answer
      employers {
        value
        withheld
      }
    }
    industryPositions {
      industry
      positions
    }
    horizons {
      answer
      employers {
        value
        withheld
      }
    }
    trainingNeeds {
      answer
      employers {
        value
        withheld
      }
    }
    wantsHiringHelp
    wantsContact
    wantsCommunity
    satisfaction
  }
`);

export const SurveysPageQuery = graphql(`
  query SurveysPage($townId: ID!) {
    town(id: $townId) {
      id
      nameHe
      nameEn
      nameAr
      viewerMay {
        editForum
      }
      forum {
        id
      }
    }
    surveyTowns {
      id
      nameHe
      nameEn
      nameAr
    }
    surveyRounds(townId: $townId) {
      id
      title
      version
      revoked
      token
      createdAt
      responseCount
    }
  }
`);

export const SurveyRoundQuery = graphql(`
  query SurveyRound($id: ID!) {
    surveyRound(id: $id) {
      id
      summary {
        ...SurveySummaryFields
      }
      responses {
        id
        company
        source
        updatedAt
        organisation {
          id
        }
        answers {
          openPositions {
            occupation
            count
          }
          hiringHorizon
          wantsContact
          contactName
          contactEmail
          contactPhone
        }
      }
    }
  }
`);

export const MapOrganisationsQuery = graphql(`
  query SurveyMapOrganisations($forumId: ID!) {
    unplacedOrganisations(forumId: $forumId) {
      id
    }
  }
`);

export const CreateRoundMutation = graphql(`
  mutation CreateSurveyRound($townId: ID!, $title: String!) {
    createSurveyRound(townId: $townId, title: $title) {
      id
    }
  }
`);

export const RevokeRoundMutation = graphql(`
  mutation SetSurveyLinkRevoked($id: ID!, $version: Int!, $revoked: Boolean!) {
    setSurveyLinkRevoked(id: $id, version: $version, revoked: $revoked) {
      id
      revoked
      version
    }
  }
`);

export const RecordResponseMutation = graphql(`
  mutation RecordSurveyResponse($roundId: ID!, $input: SurveyAnswersInput!) {
    recordSurveyResponse(roundId: $roundId, input: $input) {
      id
    }
  }
`);

export const PlaceEmployerMutation = graphql(`
  mutation PlaceEmployerOnMap($forumId: ID!, $organisationId: ID!) {
    placeStakeholder(forumId: $forumId, input: { organisationId: $organisationId, influence: 2.5, interest: 3.5 }) {
      id
    }
  }
`);

export const RegionSurveyQuery = graphql(`
  query RegionSurvey($regionId: ID!, $year: Int!) {
    region(id: $regionId) {
      id
      nameHe
      nameEn
      nameAr
    }
    regionSurveySummary(regionId: $regionId, year: $year) {
      year
      townsAnswering
      summary {
        ...SurveySummaryFields
      }
    }
  }
`);
