//! The meetings to start from (domain §8): the canonical first year and the standing ones.

use super::AgendaKind;
use super::plan::{DEFAULT_MEETING_MINUTES, FORUM_MEETING_MINUTES};
use crate::forums::BodyKind;

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
        key: "forum_quarterly",
        body_kinds: FORUM,
        canonical_step: None,
        milestone_key: None,
        title: "מפגש פורום רבעוני",
        goal: "עדכון הפורום על הרבעון: בקרה, דיווחי הצוותים והחלטות להמשך",
        product: "החלטות עם אחראים ותאריכים, ושינויים בתוכנית העבודה לפי הצורך",
        duration_minutes: FORUM_MEETING_MINUTES,
        // The standing structure of a forum meeting once the first year's seven are behind.
        items: &[
            ("פתיחה ועדכונים", Update, 10),
            ("בקרה רבעונית: מדדים מול יעדים ותוכנית מול ביצוע", Presentation, 35),
            ("דיווחי צוותי המשימה", Update, 40),
            ("הפסקה", Break, 15),
            ("החלטות שטרם בוצעו", Update, 20),
            ("נושאים שהעלו חברי הפורום", Discussion, 40),
            ("המפגש הבא וסבב סיכום", Decision, 20),
        ],
    },
    MeetingTemplate {
        key: "forum_quarterly_control",
        body_kinds: FORUM,
        canonical_step: None,
        milestone_key: Some("quarterly_control"),
        title: "מפגש פורום: בקרה רבעונית",
        goal: "בחינת הרבעון: מדדים מול יעדים ותוכנית מול ביצוע",
        product: "החלטות על שינויים בתוכנית העבודה",
        duration_minutes: FORUM_MEETING_MINUTES,
        // "Prepare the next forum meeting" puts the control's own items between these.
        items: &[("פתיחה", Presentation, 10), ("הפסקה", Break, 15), ("סבב סיכום", Discussion, 15)],
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

/// The forum meeting to suggest: the next of the first year's seven while the forum is still
/// building (stages 1 and 2), the standing quarterly meeting once it implements (stage 3) or
/// has held all seven.
pub fn suggested_for_forum(held_keys: &[&str], stage: crate::forums::Stage) -> Option<&'static MeetingTemplate> {
    match suggested_canonical(held_keys) {
        Some(next) if stage != crate::forums::Stage::Implementation => Some(next),
        _ => template("forum_quarterly"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::agenda_overflow;
    use super::*;

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
    fn a_forum_that_implements_is_offered_the_standing_quarterly_meeting() {
        use crate::forums::Stage;
        assert_eq!(suggested_for_forum(&[], Stage::KickOff).unwrap().key, "forum_1_introductions");
        assert_eq!(
            suggested_for_forum(&["forum_1_introductions"], Stage::Implementation).unwrap().key,
            "forum_quarterly"
        );
        let all: Vec<&str> = TEMPLATES.iter().filter(|t| t.canonical_step.is_some()).map(|t| t.key).collect();
        assert_eq!(suggested_for_forum(&all, Stage::MappingAndPlanning).unwrap().key, "forum_quarterly");
        let quarterly = template("forum_quarterly").unwrap();
        assert_eq!(quarterly.items.iter().map(|i| i.2).sum::<i32>(), quarterly.duration_minutes);
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
}
