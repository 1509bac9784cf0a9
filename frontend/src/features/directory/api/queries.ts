import { graphql } from '@/gql';

export const OrganisationFieldsFragment = graphql(`
  fragment OrganisationFields on Organisation {
    id
    name
    sector
    website
    notes
    archived
    version
  }
`);

export const PersonFieldsFragment = graphql(`
  fragment PersonFields on Person {
    id
    fullName
    jobTitle
    seniority
    email
    phone
    contactsVisible
    archived
    version
    organisation {
      id
      name
    }
  }
`);

export const DirectoryTownQuery = graphql(`
  query DirectoryTown($id: ID!) {
    town(id: $id) {
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
    }
  }
`);

export const OrganisationsQuery = graphql(`
  query Organisations($townId: ID!, $search: String, $includeArchived: Boolean!, $limit: Int) {
    organisations(townId: $townId, search: $search, includeArchived: $includeArchived, limit: $limit) {
      totalCount
      hasNextPage
      items {
        ...OrganisationFields
      }
    }
  }
`);

export const OrganisationQuery = graphql(`
  query Organisation($id: ID!) {
    organisation(id: $id) {
      ...OrganisationFields
    }
  }
`);

export const PeopleQuery = graphql(`
  query People($townId: ID!, $search: String, $includeArchived: Boolean!, $limit: Int) {
    people(townId: $townId, search: $search, includeArchived: $includeArchived, limit: $limit) {
      totalCount
      hasNextPage
      items {
        ...PersonFields
      }
    }
  }
`);

export const PersonQuery = graphql(`
  query Person($id: ID!) {
    person(id: $id) {
      ...PersonFields
    }
  }
`);

export const CreateOrganisationMutation = graphql(`
  mutation CreateOrganisation($townId: ID!, $input: OrganisationInput!) {
    createOrganisation(townId: $townId, input: $input) {
      id
      version
    }
  }
`);

export const UpdateOrganisationMutation = graphql(`
  mutation UpdateOrganisation($id: ID!, $version: Int!, $input: OrganisationInput!) {
    updateOrganisation(id: $id, version: $version, input: $input) {
      id
      name
      sector
      website
      notes
      version
    }
  }
`);

export const SetOrganisationArchivedMutation = graphql(`
  mutation SetOrganisationArchived($id: ID!, $version: Int!, $archived: Boolean!) {
    setOrganisationArchived(id: $id, version: $version, archived: $archived) {
      id
      archived
      version
    }
  }
`);

export const CreatePersonMutation = graphql(`
  mutation CreatePerson($townId: ID!, $input: PersonInput!) {
    createPerson(townId: $townId, input: $input) {
      id
      version
    }
  }
`);

export const UpdatePersonMutation = graphql(`
  mutation UpdatePerson($id: ID!, $version: Int!, $input: PersonInput!) {
    updatePerson(id: $id, version: $version, input: $input) {
      id
      fullName
      version
    }
  }
`);

export const SetPersonArchivedMutation = graphql(`
  mutation SetPersonArchived($id: ID!, $version: Int!, $archived: Boolean!) {
    setPersonArchived(id: $id, version: $version, archived: $archived) {
      id
      archived
      version
    }
  }
`);
