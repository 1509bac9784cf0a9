import { graphql } from '@/gql';

export const ForumPageQuery = graphql(`
  query ForumPage($townId: ID!, $includePast: Boolean!) {
    town(id: $townId) {
      id
      nameHe
      nameEn
      nameAr
      region {
        id
      }
      viewerMay {
        editForum
        editDirectory
        changeStage
        approveMinutes
      }
      forum {
        id
        version
        stage
        stageNumber
        focuses {
          id
          title
        }
        dueMetrics {
          id
          name
        }
        health {
          kind
          status
          value
          threshold
          details
        }
        milestones {
          id
          stage
          title
          templateKey
          dueOn
          doneOn
          evidence
          overdue
          version
          owner {
            id
            fullName
          }
        }
        stageChanges {
          id
          fromStage
          toStage
          reason
          changedAt
          changedBy
        }
        bodies {
          id
          kind
          name
          startsOn
          endsOn
          closed
          version
          focus {
            id
            title
          }
          members(includePast: $includePast) {
            id
            role
            joinedOn
            leftOn
            current
            version
            person {
              id
              fullName
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

export const TownPeopleQuery = graphql(`
  query TownPeople($townId: ID!) {
    people(townId: $townId, limit: 200) {
      items {
        id
        fullName
        organisation {
          id
          name
        }
      }
    }
  }
`);

export const CreateBodyMutation = graphql(`
  mutation CreateBody($forumId: ID!, $input: BodyInput!) {
    createBody(forumId: $forumId, input: $input) {
      id
    }
  }
`);

export const AddMembershipMutation = graphql(`
  mutation AddMembership($bodyId: ID!, $personId: ID!, $input: MembershipInput!) {
    addMembership(bodyId: $bodyId, personId: $personId, input: $input) {
      id
    }
  }
`);

export const UpdateMembershipMutation = graphql(`
  mutation UpdateMembership($id: ID!, $version: Int!, $input: MembershipInput!) {
    updateMembership(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const UpdateMilestoneMutation = graphql(`
  mutation UpdateMilestone($id: ID!, $version: Int!, $input: MilestoneInput!) {
    updateMilestone(id: $id, version: $version, input: $input) {
      id
      doneOn
      version
    }
  }
`);

export const CreateMilestoneMutation = graphql(`
  mutation CreateMilestone($forumId: ID!, $stage: Stage!, $input: MilestoneInput!) {
    createMilestone(forumId: $forumId, stage: $stage, input: $input) {
      id
    }
  }
`);

export const MoveForumStageMutation = graphql(`
  mutation MoveForumStage($forumId: ID!, $version: Int!, $toStage: Stage!, $reason: String, $confirm: Boolean! = false) {
    moveForumStage(forumId: $forumId, version: $version, toStage: $toStage, reason: $reason, confirmOpenMilestones: $confirm) {
      id
      stage
      version
    }
  }
`);

export const CreateFocusInlineMutation = graphql(`
  mutation CreateFocusInline($forumId: ID!, $input: FocusInput!) {
    createFocus(forumId: $forumId, input: $input) {
      id
      title
    }
  }
`);
