//! A meeting's plan: its time, the four things every meeting has, and its timed agenda.

use chrono::{DateTime, Utc};

use super::MAX_AGENDA_ITEMS;
use crate::forums::BodyKind;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};
use crate::{DomainError, DomainResult};

/// The longest meeting the product accepts, in minutes.
pub const MAX_DURATION_MINUTES: i32 = 12 * 60;
/// The model's forum meeting lasts about three hours (domain §8, Annex 4).
pub const FORUM_MEETING_MINUTES: i32 = 180;
pub const DEFAULT_MEETING_MINUTES: i32 = 90;

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

/// The plan of a meeting: its time and place and the four things every meeting has. `D` is
/// its duration in minutes: `Option<i32>` as someone enters it (left out is `None`), `i32`
/// once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFields<D> {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: D,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub goal: Option<String>,
    pub course: Option<String>,
    pub method: Option<String>,
    pub product: Option<String>,
}

/// A meeting as someone enters it.
pub type MeetingDraft = MeetingFields<Option<i32>>;
/// A meeting's plan once checked, with every field decided.
pub type ValidMeeting = MeetingFields<i32>;

impl MeetingDraft {
    /// Checks the draft. A duration left out is `usual_minutes` (on a change, the meeting's
    /// current length); a duration given is checked, so 0 never passes for "not given".
    pub fn validated(self, usual_minutes: i32) -> DomainResult<ValidMeeting> {
        let mut v = Validator::new();
        let title = v.required_text("title", &self.title, 300);
        v.instant("startsAt", self.starts_at);
        let duration_minutes = self.duration_minutes.unwrap_or(usual_minutes);
        if duration_minutes < 1 {
            // A meeting cannot end before (or when) it starts.
            v.push(FieldError::new("durationMinutes", codes::END_BEFORE_START));
        } else {
            v.in_range("durationMinutes", duration_minutes, 1, MAX_DURATION_MINUTES);
        }
        let place = v.optional_text("place", self.place.as_deref(), 300);
        let online_url = v.optional_url("onlineUrl", self.online_url.as_deref());
        let goal = v.optional_text("goal", self.goal.as_deref(), 4000);
        let course = v.optional_text("course", self.course.as_deref(), 4000);
        let method = v.optional_text("method", self.method.as_deref(), 4000);
        let product = v.optional_text("product", self.product.as_deref(), 4000);
        v.finish()?;
        Ok(ValidMeeting {
            title,
            starts_at: self.starts_at,
            duration_minutes,
            place,
            online_url,
            goal,
            course,
            method,
            product,
        })
    }
}

/// How long a body's meetings usually last when nothing else says (domain §8).
pub const fn usual_minutes(body: BodyKind) -> i32 {
    match body {
        BodyKind::Forum => FORUM_MEETING_MINUTES,
        BodyKind::SteeringCommittee | BodyKind::TaskTeam | BodyKind::AdHocTeam => DEFAULT_MEETING_MINUTES,
    }
}

/// What a template brings to a new meeting.
#[derive(Debug, Clone, Copy)]
pub struct TemplateDefaults<'a> {
    pub duration_minutes: i32,
    pub goal: Option<&'a str>,
    pub product: Option<&'a str>,
    pub items: &'a [(String, AgendaKind, i32)],
}

/// A new meeting as it will be stored: its plan and its first agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub meeting: ValidMeeting,
    pub agenda: Vec<AgendaItemDraft>,
}

/// Plans a new meeting of a `body` from what its planner entered, the template they chose and
/// the body's open decisions (decided, not yet executed): the template fills what the planner
/// left out (its length, goal and product) and gives the agenda, which opens with a follow-up
/// of each open decision (the standing carry-over) within the agenda's maximum.
pub fn plan(
    body: BodyKind,
    template: Option<TemplateDefaults<'_>>,
    draft: MeetingDraft,
    open_decisions: &[String],
) -> DomainResult<PlannedMeeting> {
    let usual = template.map_or(usual_minutes(body), |t| t.duration_minutes);
    let mut meeting = draft.validated(usual)?;
    let mut agenda = Vec::new();
    if let Some(t) = template {
        meeting.goal = meeting.goal.or_else(|| t.goal.map(str::to_owned));
        meeting.product = meeting.product.or_else(|| t.product.map(str::to_owned));
        agenda.extend(t.items.iter().map(|(title, kind, minutes)| AgendaItemDraft {
            title: title.clone(),
            kind: *kind,
            minutes: *minutes,
            presenter: None,
            links: Vec::new(),
        }));
    }
    let room = MAX_AGENDA_ITEMS.saturating_sub(agenda.len());
    agenda.splice(0..0, carry_over_items(open_decisions, room));
    Ok(PlannedMeeting { meeting, agenda: validate_agenda(agenda)? })
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

    fn draft(duration: i32) -> MeetingDraft {
        MeetingDraft {
            title: "Forum".into(),
            starts_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .unwrap_or_default()
                .and_utc(),
            duration_minutes: Some(duration),
            place: None,
            online_url: None,
            goal: None,
            course: None,
            method: None,
            product: None,
        }
    }

    #[test]
    fn a_duration_left_out_is_the_usual_one_and_a_zero_is_refused_on_create_and_change() {
        let left_out = MeetingDraft { duration_minutes: None, ..draft(1) };
        assert_eq!(left_out.clone().validated(75).map(|m| m.duration_minutes), Ok(75));
        assert_eq!(plan(BodyKind::Forum, None, left_out.clone(), &[]).map(|p| p.meeting.duration_minutes), Ok(180));
        assert_eq!(plan(BodyKind::TaskTeam, None, left_out, &[]).map(|p| p.meeting.duration_minutes), Ok(90));
        let zero = Err(DomainError::validation("durationMinutes", codes::END_BEFORE_START));
        assert_eq!(plan(BodyKind::Forum, None, draft(0), &[]).map(|p| p.meeting), zero);
        assert_eq!(draft(0).validated(120), zero, "a change cannot pass 0 for 'keep the length'");
    }

    #[test]
    fn a_template_fills_what_the_planner_left_out_and_the_open_decisions_open_the_agenda() {
        let items =
            vec![("פתיחה".to_owned(), AgendaKind::Discussion, 20), ("דיון".to_owned(), AgendaKind::Decision, 100)];
        let template =
            TemplateDefaults { duration_minutes: 180, goal: Some("Goal"), product: Some("Product"), items: &items };
        let draft = MeetingDraft { duration_minutes: None, goal: Some("Our goal".into()), ..draft(1) };
        let planned = plan(BodyKind::Forum, Some(template), draft, &["Hire a coordinator".into()]).unwrap();
        assert_eq!(planned.meeting.duration_minutes, 180);
        assert_eq!(planned.meeting.goal.as_deref(), Some("Our goal"), "what the planner wrote wins");
        assert_eq!(planned.meeting.product.as_deref(), Some("Product"));
        let titles: Vec<&str> = planned.agenda.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["מעקב: Hire a coordinator", "פתיחה", "דיון"]);
        assert_eq!(agenda_overflow(planned.agenda.iter().map(|i| i.minutes), 180), None);
    }

    #[test]
    fn a_meeting_lasts_between_a_minute_and_twelve_hours() {
        assert!(draft(180).validated(90).is_ok());
        assert_eq!(draft(0).validated(90), Err(DomainError::validation("durationMinutes", codes::END_BEFORE_START)));
        let Err(DomainError::Validation(e)) = draft(12 * 60 + 1).validated(90) else { panic!() };
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
