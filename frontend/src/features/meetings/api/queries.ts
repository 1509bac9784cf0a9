import { graphql } from '@/gql';

export const TownMeetingsQuery = graphql(`
  query TownMeetings($townId: ID!, $from: DateTime) {
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
        minutes {
          id
          status
        }
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
        townOwned
        version
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
        members {
          person {
            id
            fullName
            email
          }
        }
        forum {
          town {
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
        minutesVersion
        commentDeadline
        movedFrom
        movedFromMinutes
        movedTo
        movedToMinutes
        reason
        changedAt
        changedBy
      }
      attendance {
        status
        person {
          id
          fullName
        }
      }
      attendanceSummary {
        invited
        attended
        recorded
        rate
        meetsTwoThirds
      }
      decisions {
        ...DecisionFields
      }
      planChanges {
        id
        version
        kind
        status
        subject
        reason
        newQuarter
        newPosition
      }
      recordingGaps
      viewerMayComment
      minutes {
        ...MinutesFields
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

export const DecisionFieldsFragment = graphql(`
  fragment DecisionFields on Decision {
    id
    text
    dueOn
    status
    overdue
    version
    workPlanTaskId
    owner {
      id
      fullName
    }
  }
`);

export const RecordAttendanceMutation = graphql(`
  mutation RecordAttendance($meetingId: ID!, $personId: ID!, $status: AttendanceStatus!) {
    recordAttendance(meetingId: $meetingId, personId: $personId, status: $status) {
      id
    }
  }
`);

export const InviteToMeetingMutation = graphql(`
  mutation InviteToMeeting($meetingId: ID!, $personId: ID!) {
    inviteToMeeting(meetingId: $meetingId, personId: $personId) {
      id
    }
  }
`);

export const CreateDecisionMutation = graphql(`
  mutation CreateDecision($meetingId: ID!, $input: DecisionInput!) {
    createDecision(meetingId: $meetingId, input: $input) {
      id
    }
  }
`);

export const UpdateDecisionMutation = graphql(`
  mutation UpdateDecision($id: ID!, $version: Int!, $input: DecisionInput!) {
    updateDecision(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const TownPeopleForMeetingsQuery = graphql(`
  query TownPeopleForMeetings($townId: ID!) {
    people(townId: $townId, limit: 200) {
      items {
        id
        fullName
      }
    }
  }
`);

export const DecisionsRegisterQuery = graphql(`
  query DecisionsRegister($townId: ID!, $status: DecisionStatus, $overdue: Boolean!) {
    town(id: $townId) {
      id
      nameHe
      nameEn
      nameAr
      viewerMay {
        editForum
        editDirectory
        changeStage
        approveMinutes
      }
    }
    decisions(townId: $townId, status: $status, overdue: $overdue, limit: 200) {
      totalCount
      items {
        ...DecisionFields
        meeting {
          id
          title
          startsAt
          body {
            id
            name
          }
        }
      }
    }
  }
`);

export const MyAgendaQuery = graphql(`
  query MyAgenda {
    myAgenda {
      nextMeetings {
        id
        title
        startsAt
        body {
          id
          name
        }
      }
      openActionItems {
        ...DecisionFields
        meeting {
          id
          title
        }
      }
      dueMetrics {
        id
        name
        focus {
          id
          title
        }
      }
      openTasks {
        id
        title
        dueOn
        state
      }
      minutesToApprove {
        id
        title
        startsAt
        body {
          id
          name
        }
      }
      controlsToApprove {
        townId
        quarter
      }
      stageMovesToConfirm {
        townId
        fromStage
        toStage
      }
      minutesToComment {
        id
        title
        startsAt
        body {
          id
          name
        }
      }
      stakeholderSteps {
        id
        name
        nextStep
        nextStepDueOn
        nextStepOverdue
        forum {
          town {
            id
          }
        }
      }
    }
  }
`);

export const MinutesFieldsFragment = graphql(`
  fragment MinutesFields on Minutes {
    id
    number
    status
    commentDeadline
    approvedAt
    approvedBy
    correctionReason
    version
    sections {
      id
      title
      notes
      version
      comments {
        id
        authorName
        body
        createdAt
      }
    }
  }
`);

export const StartMinutesMutation = graphql(`
  mutation StartMinutes($meetingId: ID!) {
    startMinutes(meetingId: $meetingId) {
      id
    }
  }
`);

export const SaveMinutesSectionMutation = graphql(`
  mutation SaveMinutesSection($id: ID!, $version: Int!, $notes: String!) {
    saveMinutesSection(id: $id, version: $version, notes: $notes) {
      id
      notes
      version
    }
  }
`);

export const CirculateMinutesMutation = graphql(`
  mutation CirculateMinutes($id: ID!, $version: Int!, $commentDeadline: NaiveDate!) {
    circulateMinutes(id: $id, version: $version, commentDeadline: $commentDeadline) {
      id
      status
      version
    }
  }
`);

export const CommentOnMinutesMutation = graphql(`
  mutation CommentOnMinutes($sectionId: ID!, $body: String!) {
    commentOnMinutes(sectionId: $sectionId, body: $body) {
      id
    }
  }
`);

export const ApproveMinutesMutation = graphql(`
  mutation ApproveMinutes($id: ID!, $version: Int!) {
    approveMinutes(id: $id, version: $version) {
      id
      status
      version
    }
  }
`);

export const CorrectMinutesMutation = graphql(`
  mutation CorrectMinutes($meetingId: ID!, $reason: String!) {
    correctMinutes(meetingId: $meetingId, reason: $reason) {
      id
    }
  }
`);

export const MeetingOutboxQuery = graphql(`
  query MeetingOutbox($meetingId: ID!) {
    meetingOutbox(meetingId: $meetingId) {
      smtpConfigured
      emails {
        id
        kind
        toName
        toEmail
        subject
        body
        createdAt
        delivery
        lastError
      }
    }
  }
`);

export const MeetingsToRecordQuery = graphql(`
  query MeetingsToRecord($townId: ID!) {
    town(id: $townId) {
      id
      viewerMay {
        editForum
      }
    }
    meetingsToRecord(townId: $townId) {
      gaps
      meeting {
        id
        title
        startsAt
        body {
          id
          name
        }
      }
    }
  }
`);

export const SaveMeetingTemplateMutation = graphql(`
  mutation SaveMeetingTemplate($meetingId: ID!, $title: String!) {
    saveMeetingTemplate(meetingId: $meetingId, title: $title) {
      key
    }
  }
`);

export const ArchiveMeetingTemplateMutation = graphql(`
  mutation ArchiveMeetingTemplate($key: String!, $version: Int!) {
    archiveMeetingTemplate(key: $key, version: $version)
  }
`);

export const PrintMeetingQuery = graphql(`
  query PrintMeeting($id: ID!) {
    meeting(id: $id) {
      id
      title
      startsAt
      endsAt
      place
      onlineUrl
      goal
      course
      method
      product
      body {
        id
        name
      }
      agenda {
        id
        title
        kind
        minutes
        presenter
      }
      attendance {
        person {
          id
          fullName
          jobTitle
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const WorkPlanTasksQuery = graphql(`
  query WorkPlanTasks($townId: ID!) {
    town(id: $townId) {
      id
      forum {
        id
        workPlan {
          id
          title
          plannedQuarter
        }
      }
    }
  }
`);

export const DecidePlanChangeMutation = graphql(`
  mutation DecidePlanChange($id: ID!, $accepted: Boolean!, $version: Int!) {
    decidePlanChange(id: $id, accepted: $accepted, version: $version) {
      id
      status
      version
    }
  }
`);
