import { graphql } from '@/gql';

export const TownMeetingsQuery = graphql(`
  query TownMeetings($townId: ID!, $from: DateTime) {
    town(id: $townId) {
      id
      nameHe
      nameEn
      region {
        id
      }
      forum {
        id
        bodies {
          id
          kind
          name
          closed
        }
      }
    }
    meetings(townId: $townId, from: $from, limit: 200) {
      totalCount
      items {
        id
        title
        startsAt
        durationMinutes
        status
        body {
          id
          name
        }
      }
    }
  }
`);

export const MeetingTemplatesQuery = graphql(`
  query MeetingTemplates($bodyId: ID!) {
    meetingTemplates(bodyId: $bodyId) {
      suggested {
        key
        title
      }
      templates {
        key
        title
        durationMinutes
        goal
        product
      }
    }
  }
`);

export const MeetingPageQuery = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
      title
      startsAt
      endsAt
      durationMinutes
      place
      onlineUrl
      goal
      course
      method
      product
      status
      templateKey
      cancelReason
      version
      agendaMinutes
      agendaOverflowMinutes
      body {
        id
        name
        kind
        forum {
          town {
            id
            nameHe
            nameEn
            region {
              id
            }
          }
        }
      }
      agenda {
        id
        title
        kind
        minutes
        presenter
        links
      }
      history {
        kind
        details
        changedAt
        changedBy
      }
    }
  }
`);

export const CreateMeetingMutation = graphql(`
  mutation CreateMeeting($bodyId: ID!, $input: MeetingInput!, $templateKey: String, $carryOver: Boolean! = true) {
    createMeeting(bodyId: $bodyId, input: $input, templateKey: $templateKey, carryOver: $carryOver) {
      id
    }
  }
`);

export const SetAgendaMutation = graphql(`
  mutation SetAgenda($meetingId: ID!, $version: Int!, $items: [AgendaItemInput!]!) {
    setAgenda(meetingId: $meetingId, version: $version, items: $items) {
      id
      version
    }
  }
`);

export const SetMeetingStatusMutation = graphql(`
  mutation SetMeetingStatus($id: ID!, $version: Int!, $status: MeetingStatus!, $reason: String) {
    setMeetingStatus(id: $id, version: $version, status: $status, reason: $reason) {
      id
      status
      version
    }
  }
`);
