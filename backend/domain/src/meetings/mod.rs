//! Meetings of a forum's bodies (domain §8): every meeting has a goal, a course, a method and a
//! product; it moves through clear states; its agenda is timed against its duration.

use chrono::{DateTime, Utc};

pub mod minutes;
pub mod notifications;

use crate::access::text_enum;
use crate::forums::BodyKind;
use crate::validation::{FieldError, Validator, codes};
use crate::{DomainError, DomainResult};

/// The longest meeting the product accepts, in minutes.
pub const MAX_DURATION_MINUTES: i32 = 12 * 60;
/// The model's forum meeting lasts about three hours (domain §8, Annex 4).
pub const FORUM_MEETING_MINUTES: i32 = 180;
pub const DEFAULT_MEETING_MINUTES: i32 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeetingStatus {
    Draft,
    InvitationsSent,
    Held,
    /// Closed: the minutes are approved.
    MinutesApproved,
    /// Cancelled is a state, not a deletion: the history stays.
    Cancelled,
}
text_enum!(MeetingStatus {
    Draft = "DRAFT",
    InvitationsSent = "INVITATIONS_SENT",
    Held = "HELD",
    MinutesApproved = "MINUTES_APPROVED",
    Cancelled = "CANCELLED",
});

impl MeetingStatus {
    /// The states a meeting may move to from this one.
    pub fn next(self) -> &'static [MeetingStatus] {
        use MeetingStatus::{Cancelled, Draft, Held, InvitationsSent, MinutesApproved};
        match self {
            Draft => &[InvitationsSent, Cancelled],
            InvitationsSent => &[Held, Cancelled],
            Held => &[MinutesApproved],
            MinutesApproved | Cancelled => &[],
        }
    }

    /// Moving a meeting on: only along `next`; cancelling needs a reason.
    pub fn check_move(self, to: MeetingStatus, reason: Option<&str>) -> DomainResult<()> {
        if !self.next().contains(&to) {
            return Err(DomainError::Validation(vec![
                FieldError::new("status", codes::INVALID_TRANSITION)
                    .with("from", self.as_str())
                    .with("to", to.as_str()),
            ]));
        }
        if to == MeetingStatus::Cancelled && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(DomainError::validation("reason", codes::REQUIRED));
        }
        Ok(())
    }

    /// Whether the plan (time, place, agenda) may still change.
    pub fn plan_editable(self) -> bool {
        matches!(self, Self::Draft | Self::InvitationsSent)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgendaKind {
    Presentation,
    Discussion,
    Decision,
    Update,
    Break,
}
text_enum!(AgendaKind {
    Presentation = "PRESENTATION",
    Discussion = "DISCUSSION",
    Decision = "DECISION",
    Update = "UPDATE",
    Break = "BREAK",
});

/// What one meeting holds at most (docs/permissions.md, "Limits"): enforced on write, and the
/// sizes the GraphQL complexity limit counts these lists at.
pub const MAX_AGENDA_ITEMS: usize = 50;
pub const MAX_INVITEES: usize = 300;
pub const MAX_DECISIONS: usize = 100;
/// The first minutes and four corrections.
pub const MAX_MINUTES_VERSIONS: usize = 5;
pub const MAX_COMMENTS_PER_SECTION: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub goal: Option<String>,
    pub course: Option<String>,
    pub method: Option<String>,
    pub product: Option<String>,
}

impl MeetingDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let title = v.required_text("title", &self.title, 300);
        v.instant("startsAt", self.starts_at);
        if self.duration_minutes < 1 {
            // A meeting cannot end before (or when) it starts.
            v.push(FieldError::new("durationMinutes", codes::END_BEFORE_START));
        } else {
            v.in_range("durationMinutes", self.duration_minutes, 1, MAX_DURATION_MINUTES);
        }
        let place = v.optional_text("place", self.place.as_deref(), 300);
        let online_url = v.optional_url("onlineUrl", self.online_url.as_deref());
        let goal = v.optional_text("goal", self.goal.as_deref(), 4000);
        let course = v.optional_text("course", self.course.as_deref(), 4000);
        let method = v.optional_text("method", self.method.as_deref(), 4000);
        let product = v.optional_text("product", self.product.as_deref(), 4000);
        v.finish()?;
        Ok(Self { title, place, online_url, goal, course, method, product, ..self })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItemDraft {
    pub title: String,
    pub kind: AgendaKind,
    pub minutes: i32,
    pub presenter: Option<String>,
    pub links: Vec<String>,
}

/// Validates a whole agenda; errors name the item (`items.2.minutes`).
pub fn validate_agenda(items: Vec<AgendaItemDraft>) -> DomainResult<Vec<AgendaItemDraft>> {
    if items.len() > MAX_AGENDA_ITEMS {
        return Err(DomainError::Validation(vec![
            FieldError::new("items", codes::OUT_OF_RANGE).with("min", 0).with("max", MAX_AGENDA_ITEMS),
        ]));
    }
    let mut v = Validator::new();
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let title = v.required_text(&format!("items.{i}.title"), &item.title, 300);
            v.in_range(&format!("items.{i}.minutes"), item.minutes, 0, MAX_DURATION_MINUTES);
            let presenter = v.optional_text(&format!("items.{i}.presenter"), item.presenter.as_deref(), 200);
            let links = item
                .links
                .iter()
                .enumerate()
                .filter_map(|(j, link)| v.optional_url(&format!("items.{i}.links.{j}"), Some(link)))
                .collect();
            AgendaItemDraft { title, presenter, links, ..item }
        })
        .collect();
    v.finish()?;
    Ok(items)
}

/// When a meeting ends.
pub fn ends_at(starts_at: DateTime<Utc>, duration_minutes: i32) -> DateTime<Utc> {
    starts_at + chrono::Duration::minutes(i64::from(duration_minutes))
}

/// Minutes the agenda runs over the meeting's duration, if it does.
pub fn agenda_overflow(item_minutes: impl IntoIterator<Item = i32>, duration_minutes: i32) -> Option<i32> {
    let total: i32 = item_minutes.into_iter().sum();
    (total > duration_minutes).then_some(total - duration_minutes)
}

/// A meeting to start from: the seven canonical first-year forum meetings, the sample
/// work-plan agenda, a monthly task-team meeting and a steering-committee meeting.
#[derive(Debug, Clone, Copy)]
pub struct MeetingTemplate {
    pub key: &'static str,
    pub body_kinds: &'static [BodyKind],
    /// The canonical forum step (1–7) this meeting is, when it is one.
    pub canonical_step: Option<u8>,
    /// The stage milestone a held and approved meeting of this kind ticks.
    pub milestone_key: Option<&'static str>,
    pub title: &'static str,
    pub goal: &'static str,
    pub product: &'static str,
    pub duration_minutes: i32,
    pub items: &'static [(&'static str, AgendaKind, i32)],
}

use AgendaKind::{Break, Decision, Discussion, Presentation, Update};

const FORUM: &[BodyKind] = &[BodyKind::Forum];

pub const TEMPLATES: &[MeetingTemplate] = &[
    MeetingTemplate {
        key: "forum_1_introductions",
        body_kinds: FORUM,
        canonical_step: Some(1),
        milestone_key: Some("forum_founded"),
        title: "מפגש 1: היכרות",
        goal: "היכרות בין השותפים והצגת החזון והמטרות של WORKIT",
        product: "תיאום פגישות אישיות עם כל ארגון",
        duration_minutes: FORUM_MEETING_MINUTES,
        items: &[
            ("סבב היכרות", Discussion, 25),
            ("פתיחה — יו\"ר הפורום", Presentation, 10),
            ("הצגת הרשות — רפרנט/ית יישובי/ת", Presentation, 15),
            ("חזון ומטרות WORKIT", Presentation, 20),
            ("נתוני היישוב (BI) וכלי הלשכה — שירות התעסוקה", Presentation, 30),
            ("הפסקה", Break, 15),
            ("רציונל הפורום וציפיות", Discussion, 40),
            ("תיאום פגישות אישיות עם כל ארגון", Decision, 15),
        ],
    },
    MeetingTemplate {
        key: "forum_2_mapping",
        body_kinds: FORUM,
        canonical_step: Some(2),
        milestone_key: Some("organisations_questionnaire"),
        title: "מפגש 2: היכרות מעמיקה ומיפוי ארגונים",
        goal: "מיפוי הארגונים: מטרות, פעילויות, אוכלוסיות יעד, תוכניות ושיתופי פעולה",
        product: "שאלון מיפוי ארגונים מלא",
        duration_minutes: FORUM_MEETING_MINUTES,
        items: &[
            ("פתיחה", Presentation, 10),
            ("שאלון מיפוי ארגונים", Discussion, 60),
            ("מטרות הרשות", Presentation, 20),
            ("הפסקה", Break, 15),
            ("SWOT (רשות)", Discussion, 40),
            ("שיתופי פעולה קיימים", Discussion, 20),
            ("מטרות הפורום (רשות)", Decision, 15),
        ],
    },
    MeetingTemplate {
        key: "forum_3_mapping_results",
        body_kinds: FORUM,
        canonical_step: Some(3),
        milestone_key: None,
        title: "מפגש 3: תוצאות המיפוי",
        goal: "הצגת תהליכים, נתונים וממצאים עיקריים",
        product: "כיווני פעולה אסטרטגיים חלופיים",
        duration_minutes: FORUM_MEETING_MINUTES,
        items: &[
            ("פתיחה", Presentation, 10),
            ("תהליכים, נתונים וממצאים עיקריים", Presentation, 50),
            ("מידע חסר", Discussion, 25),
            ("הפסקה", Break, 15),
            ("כיווני פעולה אסטרטגיים חלופיים", Discussion, 60),
            ("סיכום", Decision, 20),
        ],
    },
    MeetingTemplate {
        key: "forum_4_focuses",
        body_kinds: FORUM,
        canonical_step: Some(4),
        milestone_key: Some("focuses_chosen"),
        title: "מפגש 4: מיקודים אסטרטגיים ועתיד רצוי",
        goal: "תעדוף המיקודים והגדרת מדדי תוצאה לכל מיקוד",
        product: "מיקודים מתועדפים, מדדי תוצאה ותיאוריית שינוי לכל מיקוד",
        duration_minutes: FORUM_MEETING_MINUTES,
        items: &[
            ("פתיחה", Presentation, 10),
            ("תעדוף מיקודים אסטרטגיים", Decision, 45),
            ("מדדי תוצאה לכל מיקוד", Discussion, 40),
            ("הפסקה", Break, 15),
            ("פעולות מרכזיות לכל מיקוד", Discussion, 35),
            ("תיאוריית שינוי לכל מיקוד", Discussion, 35),
        ],
    },
    MeetingTemplate {
        key: "forum_5_work_plan",
        body_kinds: FORUM,
        canonical_step: Some(5),
        milestone_key: Some("task_teams_launched"),
        title: "מפגש 5: תוכנית עבודה וצוותי משימה",
        goal: "חלוקה לצוותי משימה לפי מיקוד ותכנון השנה והרבעון הבא",
        product: "תוכנית עבודה: מי עושה מה ועד מתי",
        duration_minutes: FORUM_MEETING_MINUTES,
        // The sample agenda of Annex 6, with its minutes per item.
        items: &[
            ("פתיחה וסבב", Discussion, 20),
            ("חידוד העתיד הרצוי: בעוד 3 שנים, כשנצליח, איך נראית התעסוקה ביישוב?", Discussion, 25),
            ("כיווני פעולה", Discussion, 25),
            ("הפסקה", Break, 20),
            ("מאיצים לכל כיוון: מה חייב לקרות ומה יאיץ", Discussion, 30),
            ("מי עושה מה ועד מתי (טבלה 1)", Decision, 45),
            ("סבב סיכום", Discussion, 15),
        ],
    },
    MeetingTemplate {
        key: "forum_6_mayor",
        body_kinds: FORUM,
        canonical_step: Some(6),
        milestone_key: Some("work_plan_approved"),
        title: "מפגש 6: הצגת תוכנית העבודה לראש הרשות",
        goal: "הצגת התוכנית היישובית לראש הרשות וקבלת גיבוי",
        product: "תוכנית עבודה מאושרת",
        duration_minutes: 120,
        items: &[
            ("פתיחה — ראש הרשות", Presentation, 10),
            ("הצגת תוכנית העבודה", Presentation, 45),
            ("דיון", Discussion, 45),
            ("החלטות", Decision, 20),
        ],
    },
    MeetingTemplate {
        key: "forum_7_year_summary",
        body_kinds: FORUM,
        canonical_step: Some(7),
        milestone_key: Some("quarterly_control"),
        title: "מפגש 7: סיכום שנה",
        goal: "תוצרים, הצלחות, אתגרים וחסמים, תובנות",
        product: "מסמך סיכום שנה והחלטות להמשך",
        duration_minutes: FORUM_MEETING_MINUTES,
        items: &[
            ("פתיחה", Presentation, 10),
            ("תוצרים והצלחות", Presentation, 40),
            ("מאמצים, אתגרים וחסמים", Discussion, 40),
            ("הפסקה", Break, 15),
            ("תובנות", Discussion, 40),
            ("החלטות על מסמכי סיכום", Decision, 35),
        ],
    },
    MeetingTemplate {
        key: "task_team_monthly",
        body_kinds: &[BodyKind::TaskTeam, BodyKind::AdHocTeam],
        canonical_step: None,
        milestone_key: None,
        title: "מפגש צוות משימה חודשי",
        goal: "התקדמות במשימות הצוות לפי תוכנית העבודה",
        product: "משימות מעודכנות עם אחראים ותאריכים",
        duration_minutes: DEFAULT_MEETING_MINUTES,
        items: &[
            ("עדכון משימות מהמפגש הקודם", Update, 20),
            ("נתונים רלוונטיים למיקוד", Presentation, 15),
            ("דיון בחסמים והחלטות", Decision, 40),
            ("משימות לחודש הבא", Decision, 15),
        ],
    },
    MeetingTemplate {
        key: "steering_committee",
        body_kinds: &[BodyKind::SteeringCommittee],
        canonical_step: None,
        milestone_key: None,
        title: "ישיבת צוות היגוי",
        goal: "הובלת התהליך והחלטות בנקודות הכרעה",
        product: "החלטות עם אחראים ותאריכים",
        duration_minutes: DEFAULT_MEETING_MINUTES,
        items: &[
            ("עדכון נתונים — מנהל/ת הלשכה", Presentation, 20),
            ("מצב התעסוקה — רפרנט/ית", Presentation, 15),
            ("החלטות שטרם בוצעו", Update, 15),
            ("נושאים להחלטה", Decision, 30),
            ("המפגש הבא", Update, 10),
        ],
    },
];

pub fn template(key: &str) -> Option<&'static MeetingTemplate> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// The first canonical forum meeting the forum has not held yet, if any.
pub fn suggested_canonical(held_keys: &[&str]) -> Option<&'static MeetingTemplate> {
    TEMPLATES.iter().filter(|t| t.canonical_step.is_some()).find(|t| !held_keys.contains(&t.key))
}

/// The standing agenda's carry-over (domain §8, Kooptjänst's standing agenda): one follow-up
/// item per decision of the body's previous meeting that is decided but not yet executed.
/// `room` is how many agenda items are left beside the template's: when the open decisions do
/// not fit, the last item follows up on all the rest together and says how many there are.
pub fn carry_over_items(open_decisions: &[String], room: usize) -> Vec<AgendaItemDraft> {
    let follow_up = |title: String, minutes: i32| AgendaItemDraft {
        title,
        kind: AgendaKind::Update,
        minutes,
        presenter: None,
        links: Vec::new(),
    };
    if open_decisions.len() <= room {
        return open_decisions
            .iter()
            .map(|text| follow_up(format!("מעקב: {}", text.chars().take(280).collect::<String>()), 5))
            .collect();
    }
    let Some(singles) = room.checked_sub(1) else {
        return Vec::new();
    };
    let rest = open_decisions.len() - singles;
    let mut items = carry_over_items(&open_decisions[..singles], singles);
    items.push(follow_up(format!("מעקב: עוד {rest} החלטות פתוחות מהמפגש הקודם (ראו מרשם ההחלטות)"), 15));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_move_along_their_states_only() {
        use MeetingStatus::*;
        assert!(Draft.check_move(InvitationsSent, None).is_ok());
        assert!(InvitationsSent.check_move(Held, None).is_ok());
        assert!(Held.check_move(MinutesApproved, None).is_ok());
        let Err(DomainError::Validation(e)) = Draft.check_move(MinutesApproved, None) else { panic!() };
        assert_eq!(e[0].code, "invalid_transition");
        assert!(MinutesApproved.check_move(Cancelled, Some("x")).is_err(), "a closed meeting is not cancelled");
        assert_eq!(Draft.check_move(Cancelled, Some(" ")), Err(DomainError::validation("reason", codes::REQUIRED)));
        assert!(InvitationsSent.check_move(Cancelled, Some("the hall is closed")).is_ok());
        assert!(!Held.plan_editable());
    }

    fn draft(duration: i32) -> MeetingDraft {
        MeetingDraft {
            title: "Forum".into(),
            starts_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .unwrap_or_default()
                .and_utc(),
            duration_minutes: duration,
            place: None,
            online_url: None,
            goal: None,
            course: None,
            method: None,
            product: None,
        }
    }

    #[test]
    fn a_meeting_lasts_between_a_minute_and_twelve_hours() {
        assert!(draft(180).validated().is_ok());
        assert_eq!(draft(0).validated(), Err(DomainError::validation("durationMinutes", codes::END_BEFORE_START)));
        let Err(DomainError::Validation(e)) = draft(12 * 60 + 1).validated() else { panic!() };
        assert_eq!(e[0].code, codes::OUT_OF_RANGE);
    }

    #[test]
    fn agenda_items_are_checked_one_by_one() {
        let item = |minutes| AgendaItemDraft {
            title: "x".into(),
            kind: AgendaKind::Discussion,
            minutes,
            presenter: None,
            links: vec![],
        };
        let Err(DomainError::Validation(e)) = validate_agenda(vec![item(10), item(-5)]) else { panic!() };
        assert_eq!(e[0].field, "items.1.minutes");
        let bad_link = AgendaItemDraft { links: vec!["javascript:x".into()], ..item(5) };
        let Err(DomainError::Validation(e)) = validate_agenda(vec![bad_link]) else { panic!() };
        assert_eq!(e[0].field, "items.0.links.0");
    }

    #[test]
    fn the_work_plan_agenda_runs_three_hours_and_overflow_is_reported() {
        let plan = template("forum_5_work_plan").unwrap();
        let minutes: Vec<i32> = plan.items.iter().map(|i| i.2).collect();
        assert_eq!(minutes, [20, 25, 25, 20, 30, 45, 15]);
        assert_eq!(agenda_overflow(minutes.iter().copied(), 180), None);
        assert_eq!(agenda_overflow(minutes.iter().copied(), 150), Some(30));
    }

    #[test]
    fn every_template_fits_its_duration_and_the_canonical_seven_are_in_order() {
        for t in TEMPLATES {
            assert!(agenda_overflow(t.items.iter().map(|i| i.2), t.duration_minutes).is_none(), "{}", t.key);
        }
        let steps: Vec<u8> = TEMPLATES.iter().filter_map(|t| t.canonical_step).collect();
        assert_eq!(steps, [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(suggested_canonical(&[]).unwrap().key, "forum_1_introductions");
        assert_eq!(
            suggested_canonical(&["forum_1_introductions", "forum_2_mapping"]).unwrap().key,
            "forum_3_mapping_results"
        );
    }

    #[test]
    fn template_milestones_exist_in_the_stage_checklists() {
        for t in TEMPLATES {
            if let Some(key) = t.milestone_key {
                assert!(crate::forums::milestones::TEMPLATES.iter().any(|m| m.key == key), "{key}");
            }
        }
        assert_eq!(template("forum_6_mayor").unwrap().milestone_key, Some("work_plan_approved"));
    }

    #[test]
    fn open_decisions_beyond_the_agenda_s_room_are_followed_up_together() {
        let open: Vec<String> = (0..120).map(|i| format!("החלטה {i}")).collect();
        let items = carry_over_items(&open, 45);
        assert_eq!(items.len(), 45);
        assert_eq!(items[43].title, "מעקב: החלטה 43");
        assert_eq!(items[44].title, "מעקב: עוד 76 החלטות פתוחות מהמפגש הקודם (ראו מרשם ההחלטות)");
        assert_eq!(carry_over_items(&open[..45], 45).len(), 45, "exactly full: one item each");
        assert!(carry_over_items(&open, 0).is_empty());
    }

    #[test]
    fn open_decisions_carry_over_as_follow_up_items() {
        let items = carry_over_items(&["להכין סקר מעסיקים".into()], 10);
        assert_eq!(items[0].title, "מעקב: להכין סקר מעסיקים");
        assert_eq!(items[0].kind, AgendaKind::Update);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttendanceStatus {
    Invited,
    Attended,
    Absent,
    Excused,
}
text_enum!(AttendanceStatus { Invited = "INVITED", Attended = "ATTENDED", Absent = "ABSENT", Excused = "EXCUSED" });

/// Attendance of one meeting against the two-thirds rule (domain §8). Excused counts as absent:
/// the rule is about who was in the room.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttendanceSummary {
    pub invited: usize,
    pub attended: usize,
    /// Invitees whose attendance was recorded (attended, absent or excused).
    pub recorded: usize,
    pub rate: Option<f64>,
    pub meets_two_thirds: Option<bool>,
}

pub fn attendance_summary(statuses: impl IntoIterator<Item = AttendanceStatus>) -> AttendanceSummary {
    let statuses: Vec<_> = statuses.into_iter().collect();
    let attended = statuses.iter().filter(|s| **s == AttendanceStatus::Attended).count();
    let recorded = statuses.iter().filter(|s| **s != AttendanceStatus::Invited).count();
    let rate = (recorded > 0).then(|| attended as f64 / recorded as f64);
    AttendanceSummary {
        invited: statuses.len(),
        attended,
        recorded,
        rate,
        meets_two_thirds: rate.map(|r| r >= crate::forums::health::THRESHOLDS.attendance_ok),
    }
}

/// Attendance is recorded once invitations are out, and until the minutes are approved.
pub fn attendance_recordable(status: MeetingStatus) -> bool {
    matches!(status, MeetingStatus::InvitationsSent | MeetingStatus::Held)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionStatus {
    /// Decided, not yet executed: a tracked action item.
    Open,
    Done,
    Cancelled,
}
text_enum!(DecisionStatus { Open = "OPEN", Done = "DONE", Cancelled = "CANCELLED" });

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDraft {
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<chrono::NaiveDate>,
    pub status: DecisionStatus,
    pub work_plan_task_id: Option<i64>,
}

impl DecisionDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let text = v.required_text("text", &self.text, 2000);
        v.optional_date("dueOn", self.due_on);
        v.finish()?;
        Ok(Self { text, ..self })
    }
}

/// An action item is overdue when it is still open past its due date.
pub fn decision_overdue(status: DecisionStatus, due_on: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> bool {
    status == DecisionStatus::Open && due_on.is_some_and(|due| due < today)
}

#[cfg(test)]
mod attendance_tests {
    use super::*;

    #[test]
    fn two_thirds_of_those_recorded_must_attend() {
        use AttendanceStatus::*;
        let summary = attendance_summary([Attended, Attended, Excused, Invited]);
        assert_eq!((summary.invited, summary.attended, summary.recorded), (4, 2, 3));
        assert_eq!(summary.meets_two_thirds, Some(true));
        assert_eq!(attendance_summary([Attended, Absent, Excused]).meets_two_thirds, Some(false));
        assert_eq!(attendance_summary([Invited, Invited]).rate, None, "nothing recorded yet");
    }

    #[test]
    fn attendance_is_recorded_between_invitations_and_approval() {
        assert!(!attendance_recordable(MeetingStatus::Draft));
        assert!(attendance_recordable(MeetingStatus::Held));
        assert!(!attendance_recordable(MeetingStatus::MinutesApproved));
    }

    #[test]
    fn decisions_need_text_and_open_ones_fall_overdue() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let draft = DecisionDraft {
            text: "  ".into(),
            owner_person_id: None,
            due_on: None,
            status: DecisionStatus::Open,
            work_plan_task_id: None,
        };
        assert!(draft.validated().is_err());
        assert!(decision_overdue(DecisionStatus::Open, Some(d(2026, 1, 1)), d(2026, 2, 1)));
        assert!(!decision_overdue(DecisionStatus::Done, Some(d(2026, 1, 1)), d(2026, 2, 1)));
    }
}
