import { graphql } from '@/gql';

export const FocusesPageQuery = graphql(`
  query FocusesPage($townId: ID!) {
    lastClosedQuarter
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
          kind
          title
          targetPopulation
          priority
          status
          closedReason
          version
          team {
            id
            name
          }
          goals {
            text
            unmetCriteria
          }
          metrics {
            id
            name
            status
            due
          }
        }
        dueMetrics {
          id
          name
          focus {
            id
            title
          }
          recorder {
            id
            fullName
          }
        }
      }
    }
  }
`);

export const FocusPageQuery = graphql(`
  query FocusPage($id: ID!) {
    lastClosedQuarter
    usualOutcomeMetrics {
      key
      unit
      direction
    }
    focus(id: $id) {
      id
      kind
      title
      description
      targetPopulation
      priority
      status
      closedReason
      version
      theory {
        problem
        activities
        outputs
        outcomes
        impact
      }
      goals {
        text
        criteria
        unmetCriteria
      }
      team {
        id
        name
      }
      forum {
        id
        town {
          id
          nameHe
          nameEn
          nameAr
          viewerMay {
            editForum
          }
        }
      }
      metrics {
        id
        name
        unit
        unitLabel
        direction
        kind
        source
        indicator
        baseline
        baselineQuarter
        target
        targetQuarter
        status
        due
        expected
        version
        path {
          quarter
          expected
        }
        recorder {
          id
          fullName
        }
        measurements {
          id
          quarter
          value
          note
          recordedBy
          recordedAt
          version
        }
      }
      tasks {
        id
        title
        state
        plannedQuarter
        dueOn
        owner {
          id
          fullName
        }
      }
    }
  }
`);

export const TownPeopleQuery = graphql(`
  query PlanTownPeople($townId: ID!) {
    people(townId: $townId, limit: 200) {
      items {
        id
        fullName
      }
    }
    organisations(townId: $townId, limit: 200) {
      items {
        id
        name
      }
    }
  }
`);

export const CreateFocusMutation = graphql(`
  mutation CreateFocus($forumId: ID!, $input: FocusInput!) {
    createFocus(forumId: $forumId, input: $input) {
      id
      version
    }
  }
`);

export const UpdateFocusMutation = graphql(`
  mutation UpdateFocus($id: ID!, $version: Int!, $input: FocusInput!) {
    updateFocus(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const ReorderFocusesMutation = graphql(`
  mutation ReorderFocuses($forumId: ID!, $ids: [ID!]!) {
    reorderFocuses(forumId: $forumId, ids: $ids) {
      id
      priority
      version
    }
  }
`);

export const CreateMetricMutation = graphql(`
  mutation CreateMetric($focusId: ID!, $input: MetricInput!) {
    createMetric(focusId: $focusId, input: $input) {
      id
      version
    }
  }
`);

export const UpdateMetricMutation = graphql(`
  mutation UpdateMetric($id: ID!, $version: Int!, $input: MetricInput!) {
    updateMetric(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const DeleteMetricMutation = graphql(`
  mutation DeleteMetric($id: ID!, $version: Int!) {
    deleteMetric(id: $id, version: $version)
  }
`);

export const RecordMeasurementMutation = graphql(`
  mutation RecordMeasurement($metricId: ID!, $input: MeasurementInput!, $version: Int) {
    recordMeasurement(metricId: $metricId, input: $input, version: $version) {
      id
      version
    }
  }
`);

export const WorkPlanPageQuery = graphql(`
  query WorkPlanPage($townId: ID!, $year: Int!) {
    town(id: $townId) {
      id
      nameHe
      nameEn
      nameAr
      viewerMay {
        editForum
        approvePlan
      }
      forum {
        id
        focuses {
          id
          title
          status
          metrics {
            id
            name
          }
        }
        bodies {
          id
          kind
          name
          closed
          focus {
            id
          }
        }
        planApproval(year: $year) {
          year
          approvedAt
          approvedBy
          taskCount
          changes {
            taskId
            title
            change
          }
        }
        workPlan {
          id
          title
          state
          status
          plannedQuarter
          dueOn
          doneOn
          droppedReason
          resources
          expectedProduct
          successMeasure
          version
          focus {
            id
            title
          }
          team {
            id
            name
          }
          owner {
            id
            fullName
          }
          partners {
            id
            name
          }
          metric {
            id
            name
          }
          decisions {
            id
            text
            meeting {
              id
              title
            }
          }
        }
      }
    }
  }
`);

export const CreateTaskMutation = graphql(`
  mutation CreateTask($forumId: ID!, $input: TaskInput!) {
    createTask(forumId: $forumId, input: $input) {
      id
      version
    }
  }
`);

export const UpdateTaskMutation = graphql(`
  mutation UpdateTask($id: ID!, $version: Int!, $input: TaskInput!) {
    updateTask(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const ApproveWorkPlanMutation = graphql(`
  mutation ApproveWorkPlan($forumId: ID!, $year: Int!) {
    approveWorkPlan(forumId: $forumId, year: $year) {
      year
    }
  }
`);

const ExecutionFields = graphql(`
  fragment ExecutionFields on Execution {
    due
    done
    late
    dropped
    open
    doneEarly
  }
`);
void ExecutionFields;

const ControlFiguresFields = graphql(`
  fragment ControlFiguresFields on ControlFigures {
    quarter
    total {
      ...ExecutionFields
    }
    teams {
      bodyId
      name
      execution {
        ...ExecutionFields
      }
    }
    focuses {
      focusId
      title
      execution {
        ...ExecutionFields
      }
      metrics {
        metricId
        name
        unit
        recorderName
        target
        value
        expected
        status
        previous
        changeSincePrevious
        changeSinceBaseline
      }
      tasks {
        taskId
        title
        execution
        droppedReason
      }
    }
    otherTasks {
      taskId
      title
      execution
      droppedReason
    }
    openDecisions {
      decisionId
      text
      meetingId
      dueOn
    }
    health {
      kind
      status
      value
      threshold
      details
    }
  }
`);
void ControlFiguresFields;

const PlanChangeFields = graphql(`
  fragment PlanChangeFields on PlanChangeProposal {
    id
    version
    kind
    status
    subject
    reason
    newPosition
    newQuarter
    meetingId
  }
`);
void PlanChangeFields;

export const ControlPageQuery = graphql(`
  query ControlPage($townId: ID!, $quarter: String!, $previous: String!) {
    lastClosedQuarter
    town(id: $townId) {
      id
      nameHe
      nameEn
      nameAr
      viewerMay {
        editForum
        approvePlan
      }
      forum {
        id
        focuses {
          id
          title
          status
        }
        workPlan {
          id
          title
          status
        }
        control(quarter: $quarter) {
          quarter
          status
          summary
          version
          approvedAt
          approvedBy
          number
          correctionReason
          earlierVersions {
            number
            summary
            approvedAt
            approvedBy
            correctionReason
          }
          planChanges {
            ...PlanChangeFields
          }
          meeting {
            id
            title
            startsAt
            status
          }
          focusNotes {
            focusId
            note
          }
          live {
            ...ControlFiguresFields
          }
          approved {
            ...ControlFiguresFields
          }
        }
        previous: control(quarter: $previous) {
          quarter
          status
          summary
          approved {
            total {
              due
              done
              late
              dropped
            }
          }
        }
      }
    }
  }
`);

export const SaveControlMutation = graphql(`
  mutation SaveControl($forumId: ID!, $quarter: String!, $input: ConclusionsInput!, $version: Int) {
    saveControl(forumId: $forumId, quarter: $quarter, input: $input, version: $version) {
      status
      version
    }
  }
`);

export const ApproveControlMutation = graphql(`
  mutation ApproveControl($forumId: ID!, $quarter: String!, $version: Int!) {
    approveControl(forumId: $forumId, quarter: $quarter, version: $version) {
      status
      version
    }
  }
`);

export const LastClosedQuarterQuery = graphql(`
  query LastClosedQuarter {
    lastClosedQuarter
  }
`);

export const CorrectControlMutation = graphql(`
  mutation CorrectControl($forumId: ID!, $quarter: String!, $input: ConclusionsInput!, $reason: String!, $version: Int!) {
    correctControl(forumId: $forumId, quarter: $quarter, input: $input, reason: $reason, version: $version) {
      status
      number
      version
    }
  }
`);

export const ProposePlanChangeMutation = graphql(`
  mutation ProposePlanChange($forumId: ID!, $quarter: String!, $input: PlanChangeInput!) {
    proposePlanChange(forumId: $forumId, quarter: $quarter, input: $input) {
      ...PlanChangeFields
    }
  }
`);

export const WithdrawPlanChangeMutation = graphql(`
  mutation WithdrawPlanChange($id: ID!, $version: Int!) {
    withdrawPlanChange(id: $id, version: $version)
  }
`);

export const PrepareControlMeetingMutation = graphql(`
  mutation PrepareControlMeeting($forumId: ID!, $quarter: String!, $startsAt: DateTime) {
    prepareControlMeeting(forumId: $forumId, quarter: $quarter, startsAt: $startsAt) {
      id
      title
      startsAt
      status
    }
  }
`);

export const ControlReportQuery = graphql(`
  query ControlReport($townId: ID!, $quarter: String!) {
    town(id: $townId) {
      id
      nameHe
      nameEn
      nameAr
      forum {
        id
        focuses {
          id
          metrics {
            id
            name
            baseline
            target
            path {
              quarter
              expected
            }
            measurements {
              id
              quarter
              value
            }
          }
        }
        control(quarter: $quarter) {
          quarter
          status
          summary
          number
          approvedAt
          approvedBy
          focusNotes {
            focusId
            note
          }
          live {
            ...ControlFiguresFields
          }
          approved {
            ...ControlFiguresFields
          }
          planChanges {
            ...PlanChangeFields
          }
        }
      }
    }
  }
`);

export const YearSummaryQuery = graphql(`
  query YearSummary($townId: ID!, $year: Int!) {
    lastClosedQuarter
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
        yearSummary(year: $year) {
          year
          version
          overall
          execution {
            ...ExecutionFields
          }
          focuses {
            focusId
            title
            execution {
              ...ExecutionFields
            }
            metrics {
              metricId
              name
              target
              fromQuarter
              fromValue
              toQuarter
              toValue
              change
            }
            texts {
              focusId
              products
              successes
              efforts
              challenges
              lessons
            }
          }
          quarters {
            quarter
            status
            summary
          }
        }
      }
    }
  }
`);

export const SaveYearSummaryMutation = graphql(`
  mutation SaveYearSummary($forumId: ID!, $year: Int!, $input: YearSummaryInput!, $version: Int) {
    saveYearSummary(forumId: $forumId, year: $year, input: $input, version: $version) {
      year
      version
    }
  }
`);
