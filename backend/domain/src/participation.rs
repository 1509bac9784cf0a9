//! Public participation (domain §9, Annex 3): a town's process of asking its residents, as the
//! ten steps of the annex, each with an owner, dates, notes and links to its documents. The
//! findings can become a focus's problem statement or a barrier.

use chrono::NaiveDate;

use crate::DomainResult;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// The annex's ten steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
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
text_enum!(Step {
    Announce = "ANNOUNCE",
    LeadingOrganisations = "LEADING_ORGANISATIONS",
    QuestionAndPopulation = "QUESTION_AND_POPULATION",
    Channels = "CHANNELS",
    LandingPage = "LANDING_PAGE",
    Distribution = "DISTRIBUTION",
    Analysis = "ANALYSIS",
    LowResponseMeasures = "LOW_RESPONSE_MEASURES",
    PresentFindings = "PRESENT_FINDINGS",
    ReportBack = "REPORT_BACK",
});

impl Step {
    /// The step where the model warns about low digital literacy (Haredim, the elderly).
    pub fn warns_of_digital_literacy(self) -> bool {
        self == Step::Channels
    }
}

/// A linked document (the town's drive, a form, the landing page).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub title: String,
    pub url: String,
}

pub const MAX_ATTACHMENTS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessDraft {
    pub title: String,
    pub question: Option<String>,
    pub target_population: Option<String>,
    pub findings: Option<String>,
}

impl ProcessDraft {
    pub fn validated(self) -> DomainResult<ProcessDraft> {
        let mut v = Validator::new();
        let draft = ProcessDraft {
            title: v.required_text("title", &self.title, 200),
            question: v.optional_text("question", self.question.as_deref(), 1000),
            target_population: v.optional_text("targetPopulation", self.target_population.as_deref(), 300),
            findings: v.optional_text("findings", self.findings.as_deref(), 8000),
        };
        v.finish()?;
        Ok(draft)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDraft {
    pub owner_person_id: Option<i64>,
    pub starts_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub attachments: Vec<Attachment>,
}

impl StepDraft {
    /// A step is done on a day that has come; it is due after it starts.
    pub fn validated(self, today: NaiveDate) -> DomainResult<StepDraft> {
        let mut v = Validator::new();
        let starts_on = v.optional_date("startsOn", self.starts_on);
        let due_on = v.optional_date("dueOn", self.due_on);
        let done_on = v.optional_date("doneOn", self.done_on);
        if let (Some(start), Some(due)) = (starts_on, due_on)
            && due < start
        {
            v.push(FieldError::new("dueOn", codes::END_BEFORE_START));
        }
        if done_on.is_some_and(|d| d > today) {
            v.push(FieldError::new("doneOn", codes::IN_THE_FUTURE));
        }
        let notes = v.optional_text("notes", self.notes.as_deref(), 4000);
        if self.attachments.len() > MAX_ATTACHMENTS {
            v.push(FieldError::new("attachments", codes::LIMIT_REACHED).with("max", MAX_ATTACHMENTS));
        }
        let attachments = self
            .attachments
            .into_iter()
            .enumerate()
            .map(|(i, a)| Attachment {
                title: v.required_text(&format!("attachments.{i}.title"), &a.title, 200),
                url: v.optional_url(&format!("attachments.{i}.url"), Some(&a.url)).unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        for (i, a) in attachments.iter().enumerate() {
            if a.url.is_empty() {
                v.push(FieldError::new(&format!("attachments.{i}.url"), codes::REQUIRED));
            }
        }
        v.finish()?;
        Ok(StepDraft { starts_on, due_on, done_on, notes, attachments, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn step() -> StepDraft {
        StepDraft {
            owner_person_id: None,
            starts_on: Some(day(1)),
            due_on: Some(day(10)),
            done_on: Some(day(9)),
            notes: None,
            attachments: vec![Attachment { title: "דף נחיתה".into(), url: "https://example.org/form".into() }],
        }
    }

    #[test]
    fn the_ten_steps_warn_of_digital_literacy_at_choosing_channels() {
        assert_eq!(Step::ALL.len(), 10);
        assert_eq!(Step::ALL.iter().filter(|s| s.warns_of_digital_literacy()).collect::<Vec<_>>(), [&Step::Channels]);
    }

    #[test]
    fn a_step_is_due_after_it_starts_and_done_on_a_day_that_came() {
        assert!(step().validated(day(20)).is_ok());
        let Err(crate::DomainError::Validation(errors)) =
            StepDraft { due_on: Some(day(1)), starts_on: Some(day(5)), done_on: Some(day(25)), ..step() }
                .validated(day(20))
        else {
            panic!("expected a validation error")
        };
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(fields, [("dueOn", codes::END_BEFORE_START), ("doneOn", codes::IN_THE_FUTURE)]);
    }

    #[test]
    fn an_attachment_needs_a_title_and_a_web_address() {
        let bad = StepDraft {
            attachments: vec![Attachment { title: " ".into(), url: "javascript:alert(1)".into() }],
            ..step()
        };
        assert!(bad.validated(day(20)).is_err());
    }
}
