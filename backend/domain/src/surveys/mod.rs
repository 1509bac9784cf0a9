//! The employer survey (domain §9, Annex 2): sixteen questions on the employer, its open
//! positions, hiring horizon, training and contact with the Employment Service — answered by the
//! employer through a town's public link or by the referent during a call — and what a round of
//! answers adds up to.

pub mod summary;

use serde::{Deserialize, Serialize};

use crate::DomainResult;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// The Central Bureau of Statistics' industry sections (Standard Industrial Classification 2011).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
text_enum!(Industry {
    A = "A", B = "B", C = "C", D = "D", E = "E", F = "F", G = "G", H = "H", I = "I", J = "J", K = "K",
    L = "L", M = "M", N = "N", O = "O", P = "P", Q = "Q", R = "R", S = "S", T = "T", U = "U",
});

/// Question 8: when the employer means to hire beyond today's open positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HiringHorizon {
    OneToTwoMonths,
    ThreeToSixMonths,
    HalfYearOrMore,
    None,
}
text_enum!(HiringHorizon {
    OneToTwoMonths = "ONE_TO_TWO_MONTHS",
    ThreeToSixMonths = "THREE_TO_SIX_MONTHS",
    HalfYearOrMore = "HALF_YEAR_OR_MORE",
    None = "NONE",
});

/// Question 9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RemoteWork {
    AlreadyHybrid,
    Considering,
    NotRelevant,
}
text_enum!(RemoteWork { AlreadyHybrid = "ALREADY_HYBRID", Considering = "CONSIDERING", NotRelevant = "NOT_RELEVANT" });

/// Question 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InternalTraining {
    OrganisedProgramme,
    RegularlyForSome,
    SometimesForSome,
    None,
}
text_enum!(InternalTraining {
    OrganisedProgramme = "ORGANISED_PROGRAMME",
    RegularlyForSome = "REGULARLY_FOR_SOME",
    SometimesForSome = "SOMETIMES_FOR_SOME",
    None = "NONE",
});

/// Question 11.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TrainingNeed {
    None,
    OnboardingOnly,
    ProfessionalTraining,
}
text_enum!(TrainingNeed { None = "NONE", OnboardingOnly = "ONBOARDING_ONLY", ProfessionalTraining = "PROFESSIONAL_TRAINING" });

/// One line of question 7's table: an occupation (name and the Employment Service's code) and
/// how many positions are open in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPosition {
    pub occupation: String,
    pub code: Option<String>,
    pub count: u32,
}

/// Lines of open positions, recruitment towns, and the most of one thing a form may claim.
pub const MAX_POSITION_LINES: usize = 30;
pub const MAX_RECRUITMENT_TOWNS: usize = 60;
pub const MAX_COUNT: u32 = 100_000;

/// Everything an employer answers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SurveyAnswers {
    /// 1. The company.
    pub company: String,
    /// 2. Where it is: a town of the programme.
    pub location_town_id: Option<i64>,
    /// 3.
    pub industry: Option<Industry>,
    /// 4.
    pub employees: Option<u32>,
    /// 5. Towns it recruits from.
    pub recruitment_town_ids: Vec<i64>,
    /// 6. and 7.
    pub has_open_positions: bool,
    pub open_positions: Vec<OpenPosition>,
    /// 8.
    pub hiring_horizon: Option<HiringHorizon>,
    pub wants_hiring_help: bool,
    /// 9.–11.
    pub remote_work: Option<RemoteWork>,
    pub internal_training: Option<InternalTraining>,
    pub training_need: Option<TrainingNeed>,
    /// 12. and 13.
    pub in_contact_with_service: bool,
    pub satisfaction: Option<u8>,
    /// 14. and 15.
    pub wants_contact: bool,
    pub wants_community: bool,
    /// 16. The contact person.
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

impl SurveyAnswers {
    /// Every field checked; answers that contradict the form's branching (positions when there
    /// are none, satisfaction without contact) are dropped rather than kept half-true.
    pub fn validated(self) -> DomainResult<SurveyAnswers> {
        let mut v = Validator::new();
        let company = v.required_text("company", &self.company, 200);
        if let Some(employees) = self.employees {
            v.in_range("employees", employees, 1, 1_000_000);
        }
        let mut towns = self.recruitment_town_ids.clone();
        towns.sort_unstable();
        towns.dedup();
        if towns.len() > MAX_RECRUITMENT_TOWNS {
            v.push(FieldError::new("recruitmentTownIds", codes::LIMIT_REACHED).with("max", MAX_RECRUITMENT_TOWNS));
        }
        let positions: Vec<OpenPosition> = if self.has_open_positions { self.open_positions } else { Vec::new() };
        if positions.len() > MAX_POSITION_LINES {
            v.push(FieldError::new("openPositions", codes::LIMIT_REACHED).with("max", MAX_POSITION_LINES));
        }
        let positions: Vec<OpenPosition> = positions
            .into_iter()
            .enumerate()
            .map(|(index, p)| {
                let occupation = v.required_text(&format!("openPositions.{index}.occupation"), &p.occupation, 200);
                let code = p.code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
                if code.as_deref().is_some_and(|c| c.len() > 8 || !c.chars().all(|ch| ch.is_ascii_digit())) {
                    v.push(FieldError::new(&format!("openPositions.{index}.code"), codes::INVALID_CHOICE));
                }
                let count = v.in_range(&format!("openPositions.{index}.count"), p.count, 1, MAX_COUNT);
                OpenPosition { occupation, code, count }
            })
            .collect();
        if self.has_open_positions && positions.is_empty() {
            v.push(FieldError::new("openPositions", codes::REQUIRED));
        }
        let satisfaction = if self.in_contact_with_service { self.satisfaction } else { None };
        if let Some(s) = satisfaction {
            v.in_range("satisfaction", s, 1, 5);
        }
        let contact_name = v.optional_text("contactName", self.contact_name.as_deref(), 200);
        let contact_email = v.optional_email("contactEmail", self.contact_email.as_deref());
        let contact_phone = v.optional_phone("contactPhone", self.contact_phone.as_deref());
        if self.wants_contact && contact_email.is_none() && contact_phone.is_none() {
            v.push(FieldError::new("contactPhone", codes::REQUIRED));
        }
        v.finish()?;
        Ok(SurveyAnswers {
            company,
            recruitment_town_ids: towns,
            open_positions: positions,
            satisfaction,
            contact_name,
            contact_email,
            contact_phone,
            ..self
        })
    }

    /// How many positions are open in all.
    pub fn open_position_count(&self) -> u32 {
        self.open_positions.iter().map(|p| p.count).fold(0, u32::saturating_add)
    }
}

/// The key under which one employer answers once per round: its name without case, spacing,
/// punctuation or a company suffix, so "Ltd." and "בע״מ" variants are the same employer.
pub fn employer_key(company: &str) -> String {
    let lowered = company.to_lowercase();
    let words: Vec<String> = lowered
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '״' | '׳' | '.' | ',' | '-' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let suffixes = ["בעמ", "בע", "מ", "ltd", "inc", "limited"];
    let mut words = words;
    while words.len() > 1 && words.last().is_some_and(|w| suffixes.contains(&w.as_str())) {
        words.pop();
    }
    words.join(" ")
}

/// A survey round's public link token: random, long enough not to be guessed, URL-safe.
pub fn is_plausible_token(token: &str) -> bool {
    (20..=64).contains(&token.len()) && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn answers() -> SurveyAnswers {
        SurveyAnswers {
            company: "  מאפיית הגליל בע\"מ ".into(),
            has_open_positions: true,
            open_positions: vec![OpenPosition { occupation: " אופה ".into(), code: Some("7512".into()), count: 3 }],
            recruitment_town_ids: vec![3, 1, 3],
            in_contact_with_service: false,
            satisfaction: Some(4),
            wants_contact: true,
            contact_phone: Some("050-1234567".into()),
            ..Default::default()
        }
    }

    fn fields(result: DomainResult<SurveyAnswers>) -> Vec<(String, &'static str)> {
        match result {
            Err(DomainError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn answers_are_cleaned_and_the_branching_kept_true() {
        let a = answers().validated().unwrap();
        assert_eq!(a.company, "מאפיית הגליל בע\"מ");
        assert_eq!(a.open_positions[0].occupation, "אופה");
        assert_eq!(a.recruitment_town_ids, [1, 3]);
        assert_eq!(a.satisfaction, None, "no satisfaction without contact with the service");
        let none = SurveyAnswers { has_open_positions: false, ..answers() }.validated().unwrap();
        assert!(none.open_positions.is_empty(), "no positions when the employer has none open");
    }

    #[test]
    fn bad_answers_are_named_field_by_field() {
        let bad = SurveyAnswers {
            company: " ".into(),
            employees: Some(0),
            open_positions: vec![OpenPosition { occupation: "x".repeat(201), code: Some("12a".into()), count: 0 }],
            in_contact_with_service: true,
            satisfaction: Some(6),
            contact_email: Some("not-an-address".into()),
            contact_phone: None,
            ..answers()
        };
        assert_eq!(
            fields(bad.validated()),
            [
                ("company".to_owned(), codes::REQUIRED),
                ("employees".to_owned(), codes::OUT_OF_RANGE),
                ("openPositions.0.occupation".to_owned(), codes::TOO_LONG),
                ("openPositions.0.code".to_owned(), codes::INVALID_CHOICE),
                ("openPositions.0.count".to_owned(), codes::OUT_OF_RANGE),
                ("satisfaction".to_owned(), codes::OUT_OF_RANGE),
                ("contactEmail".to_owned(), codes::INVALID_EMAIL),
            ]
        );
    }

    #[test]
    fn open_positions_need_a_line_and_contact_needs_a_way_to_reach() {
        let empty = SurveyAnswers { open_positions: vec![], ..answers() };
        assert_eq!(fields(empty.validated()), [("openPositions".to_owned(), codes::REQUIRED)]);
        let unreachable = SurveyAnswers { contact_phone: None, ..answers() };
        assert_eq!(fields(unreachable.validated()), [("contactPhone".to_owned(), codes::REQUIRED)]);
    }

    #[test]
    fn one_employer_however_its_name_is_written() {
        assert_eq!(employer_key("מאפיית הגליל בע\"מ"), employer_key("  מאפיית  הגליל "));
        assert_eq!(employer_key("Galil Bakery Ltd."), "galil bakery");
        assert_ne!(employer_key("Galil Bakery"), employer_key("Galil Dairy"));
        assert!(is_plausible_token("k3J9-x_2mQpL0aZ7wR4tY8uB"));
        assert!(!is_plausible_token("short"));
        assert!(!is_plausible_token("has/slash/and/more/characters"));
    }
}
