//! The milestone checklist of each stage (domain §4), pre-filled when a forum is created.

use chrono::NaiveDate;

use super::Stage;
use crate::DomainResult;
use crate::validation::Validator;

/// A milestone every forum starts with. `key` names it for the UI's wording in each language;
/// `title` (Hebrew, the model's words) is what is stored.
#[derive(Debug, Clone, Copy)]
pub struct MilestoneTemplate {
    pub key: &'static str,
    pub stage: Stage,
    pub title: &'static str,
}

const fn template(key: &'static str, stage: Stage, title: &'static str) -> MilestoneTemplate {
    MilestoneTemplate { key, stage, title }
}

pub const TEMPLATES: &[MilestoneTemplate] = &[
    template("harness_mayor", Stage::KickOff, "רתימת ראש הרשות"),
    template("municipal_agreement", Stage::KickOff, "הסכמה עם הרשות על תחילת התהליך"),
    template("appoint_referent", Stage::KickOff, "מינוי רפרנט יישובי"),
    template("form_steering_team", Stage::KickOff, "הקמת צוות מוביל / צוות היגוי"),
    template("mayor_intro_meeting", Stage::KickOff, "פגישת היכרות עם ראש הרשות"),
    template("office_data_presentation", Stage::KickOff, "הצגת נתונים על ידי מנהל/ת הלשכה"),
    template("players_survey", Stage::KickOff, "סקירת כלל השחקנים הרלוונטיים ביישוב"),
    template("routines_with_mayor", Stage::KickOff, "סיכום שגרות עבודה עם ראש הרשות"),
    template("bi_data_mapping", Stage::MappingAndPlanning, "מיפוי נתוני שירות התעסוקה (BI)"),
    template("municipal_data_mapping", Stage::MappingAndPlanning, "מיפוי נתונים עירוניים"),
    template("organisations_questionnaire", Stage::MappingAndPlanning, "שאלון מיפוי ארגונים ותוכניות"),
    template("employer_mapping", Stage::MappingAndPlanning, "מיפוי מעסיקים (שאלון מעסיקים)"),
    template("barriers_mapping", Stage::MappingAndPlanning, "מיפוי חסמי תעסוקה"),
    template("public_participation", Stage::MappingAndPlanning, "שיתוף ציבור"),
    template("forum_founded", Stage::MappingAndPlanning, "הקמת פורום התעסוקה היישובי"),
    template("focuses_chosen", Stage::MappingAndPlanning, "בחירת מיקודים אסטרטגיים"),
    template("work_plan_approved", Stage::MappingAndPlanning, "אישור תוכנית עבודה משותפת"),
    template("task_teams_launched", Stage::Implementation, "הנעת צוותי משימה"),
    template("work_routines", Stage::Implementation, "ביסוס שגרות עבודה"),
    template("implementation_all_levels", Stage::Implementation, "יישום מותאם בכל הרמות"),
    template("quarterly_control", Stage::Implementation, "בקרה והערכה של התוכנית"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneDraft {
    pub title: String,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

impl MilestoneDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let title = v.required_text("title", &self.title, 300);
        let evidence = v.optional_text("evidence", self.evidence.as_deref(), 2000);
        v.optional_date("dueOn", self.due_on);
        v.optional_date("doneOn", self.done_on);
        v.finish()?;
        Ok(Self { title, evidence, ..self })
    }
}

/// Open: not done. Overdue: open and past its due date.
pub fn is_overdue(due_on: Option<NaiveDate>, done_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    done_on.is_none() && due_on.is_some_and(|due| due < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_its_milestones_and_keys_are_unique() {
        for stage in Stage::ALL {
            assert!(TEMPLATES.iter().filter(|t| t.stage == *stage).count() >= 4, "{stage:?}");
        }
        let mut keys: Vec<_> = TEMPLATES.iter().map(|t| t.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), TEMPLATES.len());
    }

    #[test]
    fn a_milestone_needs_a_title() {
        let draft =
            MilestoneDraft { title: " ".into(), owner_person_id: None, due_on: None, done_on: None, evidence: None };
        assert!(draft.validated().is_err());
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 5, day).unwrap();
        assert!(is_overdue(Some(d(1)), None, d(2)));
        assert!(!is_overdue(Some(d(1)), Some(d(3)), d(4)));
        assert!(!is_overdue(Some(d(5)), None, d(4)));
        assert!(!is_overdue(None, None, d(4)));
    }
}
