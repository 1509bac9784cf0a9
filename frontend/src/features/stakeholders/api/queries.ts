import { graphql } from '@/gql';

export const StakeholderFieldsFragment = graphql(`
  fragment StakeholderFields on Stakeholder {
    id
    version
    name
    sector
    inForum
    influence
    interest
    quadrant
    action
    note
    nextStep
    nextStepDueOn
    nextStepStatus
    nextStepOverdue
    nextStepOwner {
      id
      fullName
    }
    organisation {
      id
    }
    person {
      id
    }
    moves {
      at
      influence
      interest
      quadrant
      reason
      movedBy
    }
  }
`);

export const StakeholderMapPageQuery = graphql(`
  query StakeholderMapPage($townId: ID!) {
    stakeholderScale {
      min
      max
      highFrom
    }
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
        bodies {
          id
          name
          members {
            person {
              id
              fullName
            }
          }
        }
      }
    }
  }
`);

export const StakeholdersQuery = graphql(`
  query Stakeholders($forumId: ID!, $asOf: NaiveDate) {
    stakeholders(forumId: $forumId, asOf: $asOf) {
      ...StakeholderFields
    }
  }
`);

export const UnplacedQuery = graphql(`
  query UnplacedOrganisations($forumId: ID!, $townId: ID!) {
    unplacedOrganisations(forumId: $forumId) {
      id
      name
      sector
    }
    people(townId: $townId, limit: 100) {
      items {
        id
        fullName
      }
    }
  }
`);

export const InteractionsQuery = graphql(`
  query StakeholderInteractions($forumId: ID!, $townId: ID!) {
    stakeholders(forumId: $forumId) {
      id
      interactions {
        id
        kind
        occurredOn
        note
        meetingId
        bodyId
      }
    }
    meetings(townId: $townId, limit: 50) {
      items {
        id
        title
        startsAt
      }
    }
  }
`);

export const PlaceStakeholderMutation = graphql(`
  mutation PlaceStakeholder($forumId: ID!, $input: PlacementInput!) {
    placeStakeholder(forumId: $forumId, input: $input) {
      ...StakeholderFields
    }
  }
`);

export const MoveStakeholderMutation = graphql(`
  mutation MoveStakeholder($id: ID!, $version: Int!, $influence: Float!, $interest: Float!, $reason: String) {
    moveStakeholder(id: $id, version: $version, influence: $influence, interest: $interest, reason: $reason) {
      ...StakeholderFields
    }
  }
`);

export const UpdateStakeholderMutation = graphql(`
  mutation UpdateStakeholder($id: ID!, $version: Int!, $input: StakeholderInput!) {
    updateStakeholder(id: $id, version: $version, input: $input) {
      ...StakeholderFields
    }
  }
`);

export const RemoveStakeholderMutation = graphql(`
  mutation RemoveStakeholder($id: ID!, $version: Int!) {
    removeStakeholder(id: $id, version: $version)
  }
`);

export const LogInteractionMutation = graphql(`
  mutation LogInteraction($stakeholderId: ID!, $input: InteractionInput!) {
    logStakeholderInteraction(stakeholderId: $stakeholderId, input: $input) {
      id
      interactions {
        id
        kind
        occurredOn
        note
        meetingId
        bodyId
      }
    }
  }
`);

export const MappingPageQuery = graphql(`
  query MappingPage($townId: ID!) {
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
  }
`);

export const MappingQuery = graphql(`
  query Mapping($forumId: ID!, $townId: ID!) {
    organisationMappings(forumId: $forumId) {
      version
      updatedAt
      organisation {
        id
        name
        sector
      }
      answers {
        goals
        activities
        targetGroups
        otherTargetGroups
        programmes
        collaborations
        regionalCommunities
      }
    }
    mappingRollUp(forumId: $forumId) {
      served {
        group
        organisations
      }
      programmes {
        sector
        programme
        organisation
      }
      sectorsUnmapped
      organisationsMapped
      organisationsTotal
    }
    swotVersions(forumId: $forumId) {
      version
      createdAt
      createdBy
      meetingId
      content {
        strengths
        weaknesses
        opportunities
        threats
      }
    }
    meetings(townId: $townId, limit: 50) {
      items {
        id
        title
        startsAt
      }
    }
  }
`);

export const SaveMappingMutation = graphql(`
  mutation SaveMapping($forumId: ID!, $organisationId: ID!, $version: Int, $input: MappingInput!) {
    saveOrganisationMapping(forumId: $forumId, organisationId: $organisationId, version: $version, input: $input) {
      version
    }
  }
`);

export const SaveSwotMutation = graphql(`
  mutation SaveSwot($forumId: ID!, $basedOn: Int!, $input: SwotInput!, $meetingId: ID) {
    saveSwot(forumId: $forumId, basedOn: $basedOn, input: $input, meetingId: $meetingId) {
      version
    }
  }
`);
