import { graphql } from '@/gql';

export const ParticipationPageQuery = graphql(`
  query ParticipationPage($townId: ID!) {
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
        focuses {
          id
          title
        }
      }
    }
    people(townId: $townId, limit: 100) {
      items {
        id
        fullName
      }
    }
    participationProcesses(townId: $townId) {
      id
      version
      title
      question
      targetPopulation
      findings
      steps {
        id
        version
        step
        warnsOfDigitalLiteracy
        owner {
          id
          fullName
        }
        startsOn
        dueOn
        doneOn
        notes
        attachments {
          title
          url
        }
      }
    }
  }
`);

export const CreateParticipationMutation = graphql(`
  mutation CreateParticipation($townId: ID!, $input: ParticipationInput!) {
    createParticipation(townId: $townId, input: $input) {
      id
    }
  }
`);

export const UpdateParticipationMutation = graphql(`
  mutation UpdateParticipation($id: ID!, $version: Int!, $input: ParticipationInput!) {
    updateParticipation(id: $id, version: $version, input: $input) {
      id
    }
  }
`);

export const UpdateStepMutation = graphql(`
  mutation UpdateParticipationStep($id: ID!, $version: Int!, $input: ParticipationStepInput!) {
    updateParticipationStep(id: $id, version: $version, input: $input) {
      id
    }
  }
`);

export const FindingsToFocusMutation = graphql(`
  mutation AddFindingsToFocus($id: ID!, $focusId: ID!) {
    addFindingsToFocus(id: $id, focusId: $focusId) {
      id
    }
  }
`);
