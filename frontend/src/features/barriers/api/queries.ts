import { graphql } from '@/gql';

export const BarriersPageQuery = graphql(`
  query BarriersPage($townId: ID!) {
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
        workPlan {
          id
          title
        }
      }
    }
    organisations(townId: $townId, limit: 100) {
      items {
        id
        name
      }
    }
    barriers(townId: $townId) {
      id
      version
      group
      kind
      severity
      practices
      focusId
      taskIds
      partners {
        id
        name
      }
    }
  }
`);

export const CreateBarrierMutation = graphql(`
  mutation CreateBarrier($townId: ID!, $input: BarrierInput!) {
    createBarrier(townId: $townId, input: $input) {
      id
    }
  }
`);

export const UpdateBarrierMutation = graphql(`
  mutation UpdateBarrier($id: ID!, $version: Int!, $input: BarrierInput!) {
    updateBarrier(id: $id, version: $version, input: $input) {
      id
    }
  }
`);

export const DeleteBarrierMutation = graphql(`
  mutation DeleteBarrier($id: ID!, $version: Int!) {
    deleteBarrier(id: $id, version: $version)
  }
`);
