//! GraphQL mirrors of the domain's closed sets. `remote` makes the compiler check that every
//! variant is mirrored, and gives the conversions both ways.

use async_graphql::Enum;

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::SystemRole")]
pub enum SystemRole {
    Admin,
    National,
    RegionalCoordinator,
    None,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::TownRole")]
pub enum TownRole {
    Chair,
    EmploymentLead,
    Referent,
    Member,
}

/// The seven sectors of forum members (domain §2).
#[allow(clippy::enum_variant_names)] // "third sector" is the name of the sector.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::directory::Sector")]
pub enum Sector {
    Government,
    Philanthropy,
    ThirdSector,
    Business,
    LocalGovernment,
    CivilSociety,
    Academia,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::directory::Seniority")]
pub enum Seniority {
    Head,
    Senior,
    Middle,
    Staff,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::forums::Stage")]
pub enum Stage {
    KickOff,
    MappingAndPlanning,
    Implementation,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::forums::BodyKind")]
pub enum BodyKind {
    SteeringCommittee,
    Forum,
    TaskTeam,
    AdHocTeam,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::forums::MembershipRole")]
pub enum MembershipRole {
    Chair,
    EmploymentLead,
    ReferentStrategic,
    ReferentOperational,
    RegionalCoordinator,
    TeamLead,
    Member,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Locale {
    He,
    En,
    Ar,
}

impl From<Locale> for crate::i18n::Locale {
    fn from(locale: Locale) -> Self {
        match locale {
            Locale::He => Self::He,
            Locale::En => Self::En,
            Locale::Ar => Self::Ar,
        }
    }
}

impl From<crate::i18n::Locale> for Locale {
    fn from(locale: crate::i18n::Locale) -> Self {
        match locale {
            crate::i18n::Locale::He => Self::He,
            crate::i18n::Locale::En => Self::En,
            crate::i18n::Locale::Ar => Self::Ar,
        }
    }
}

/// Reads a stored enum text; a value the code does not know is a data error, not user input.
pub fn stored<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, crate::error::ApiError> {
    parse(text).ok_or_else(|| workit_domain::DomainError::Internal(format!("unknown stored value {text:?}")).into())
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::forums::health::SignalKind")]
pub enum HealthSignalKind {
    SectorCoverage,
    MembershipSize,
    SeniorityMix,
    Attendance,
    ForumCadence,
    TeamCadence,
    OverdueTasks,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::forums::health::Status")]
pub enum HealthStatus {
    Ok,
    Warning,
    Alert,
    Unknown,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::forums::FocusKind")]
pub enum FocusKind {
    Employers,
    Population,
    Skills,
    Geographic,
    Regional,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::MeetingStatus")]
pub enum MeetingStatus {
    Draft,
    InvitationsSent,
    Held,
    MinutesApproved,
    Cancelled,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::AgendaKind")]
pub enum AgendaKind {
    Presentation,
    Discussion,
    Decision,
    Update,
    Break,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::AttendanceStatus")]
pub enum AttendanceStatus {
    Invited,
    Attended,
    Absent,
    Excused,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::DecisionStatus")]
pub enum DecisionStatus {
    Open,
    Done,
    Cancelled,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::minutes::MinutesStatus")]
pub enum MinutesStatus {
    Draft,
    Circulated,
    Approved,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::minutes::RecordingGap")]
pub enum RecordingGap {
    NotMarkedHeld,
    Attendance,
    Minutes,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::meetings::notifications::NotificationKind")]
pub enum NotificationKind {
    Invitation,
    Changed,
    Cancelled,
    MinutesCirculated,
    MinutesApproved,
}

/// Where an e-mail of the outbox is.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum DeliveryStatus {
    Sent,
    /// Waiting for the delivery loop (or retrying after `lastError`).
    Pending,
    /// Gave up after repeated failures; `lastError` says why.
    Failed,
    /// No SMTP is configured: this is what would be sent.
    NotConfigured,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::focuses::FocusStatus")]
pub enum FocusStatus {
    Proposed,
    Active,
    Closed,
}

/// The model's six criteria of a good goal (domain §5).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::focuses::GoalCriterion")]
pub enum GoalCriterion {
    ClearAndAgreed,
    Realistic,
    Relevant,
    ReachableTogether,
    WithinAuthority,
    Revisited,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::measures::MetricUnit")]
pub enum MetricUnit {
    Count,
    Percent,
    ShekelsPerMonth,
    Other,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::measures::MetricKind")]
pub enum MetricKind {
    Outcome,
    Output,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::measures::MetricSource")]
pub enum MetricSource {
    EmploymentServiceBi,
    Municipality,
    Survey,
    Other,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::Direction")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::MetricStatus")]
pub enum MetricStatus {
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
}

/// What a person sets on a task; "late" is derived (`TaskState`).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::TaskStatus")]
pub enum TaskStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// How a task stands: its status, or `LATE` for an open task past its due date.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::tasks::TaskState")]
pub enum TaskState {
    Planned,
    InProgress,
    Late,
    Done,
    Dropped,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::tasks::PlanChange")]
pub enum PlanChange {
    Added,
    Changed,
    Removed,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::proposals::ProposalKind")]
pub enum PlanChangeKind {
    Reprioritize,
    DropTask,
    PostponeTask,
    AddTask,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::plans::proposals::ProposalStatus")]
pub enum PlanChangeStatus {
    Proposed,
    Accepted,
    Rejected,
    Applied,
}

/// The quadrants of the stakeholder map (Annex 9).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::stakeholders::map::Quadrant")]
pub enum Quadrant {
    A,
    B,
    C,
    D,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::stakeholders::map::PrescribedAction")]
pub enum PrescribedAction {
    WorkWithNow,
    RaiseAwareness,
    BuildCapacity,
    DoNotFocus,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::stakeholders::engagement::StepStatus")]
pub enum StepStatus {
    Planned,
    InProgress,
    Done,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::stakeholders::engagement::InteractionKind")]
pub enum InteractionKind {
    Met,
    Called,
    Invited,
    JoinedBody,
    Declined,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::stakeholders::mapping::TargetGroup")]
pub enum TargetGroup {
    Women,
    Youth,
    #[graphql(name = "AGED_45_PLUS")]
    Aged45Plus,
    Haredim,
    Arabs,
    Disabilities,
    EthiopianOrigin,
    NewImmigrants,
    Academics,
    LongTermUnemployed,
}

/// The Central Bureau of Statistics' industry sections.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::surveys::Industry")]
pub enum Industry {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    N,
    O,
    P,
    Q,
    R,
    S,
    T,
    U,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::surveys::HiringHorizon")]
pub enum HiringHorizon {
    OneToTwoMonths,
    ThreeToSixMonths,
    HalfYearOrMore,
    None,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::surveys::RemoteWork")]
pub enum RemoteWork {
    AlreadyHybrid,
    Considering,
    NotRelevant,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::surveys::InternalTraining")]
pub enum InternalTraining {
    OrganisedProgramme,
    RegularlyForSome,
    SometimesForSome,
    None,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::surveys::TrainingNeed")]
pub enum TrainingNeed {
    None,
    OnboardingOnly,
    ProfessionalTraining,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::barriers::BarrierKind")]
pub enum BarrierKind {
    Education,
    AccessibilityTransport,
    Language,
    Ethnic,
    Gender,
    Experience,
    Age,
    Disability,
    Personal,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::barriers::Severity")]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::participation::Step")]
pub enum ParticipationStep {
    Announce,
    LeadingOrganisations,
    QuestionAndPopulation,
    Channels,
    LandingPage,
    Distribution,
    Analysis,
    LowResponseMeasures,
    PresentFindings,
    ReportBack,
}
