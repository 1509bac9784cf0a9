//! The year summary of a forum (domain §6, the seventh canonical meeting): per focus the
//! products, successes, efforts, challenges and barriers, and lessons people write, beside the
//! figures the product knows — how each metric moved over the year.

use serde::{Deserialize, Serialize};

use super::Quarter;
use crate::DomainResult;
use crate::validation::{FieldError, Validator, codes};

/// What people write about one focus's year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusYearText {
    pub focus_id: i64,
    pub products: String,
    pub successes: String,
    pub efforts: String,
    pub challenges: String,
    pub lessons: String,
}

const TEXT_MAX: usize = 6_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearSummaryDraft {
    pub overall: String,
    pub focuses: Vec<FocusYearText>,
}

impl YearSummaryDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        v.text("overall", &self.overall, TEXT_MAX);
        let focuses = self
            .focuses
            .into_iter()
            .enumerate()
            .map(|(index, text)| {
                let mut field = |name: &str, value: String| {
                    let value = value.trim().to_owned();
                    v.text(&format!("focuses.{index}.{name}"), &value, TEXT_MAX);
                    value
                };
                FocusYearText {
                    focus_id: text.focus_id,
                    products: field("products", text.products),
                    successes: field("successes", text.successes),
                    efforts: field("efforts", text.efforts),
                    challenges: field("challenges", text.challenges),
                    lessons: field("lessons", text.lessons),
                }
            })
            .collect();
        v.finish()?;
        Ok(Self { overall: self.overall.trim().to_owned(), focuses })
    }
}

/// A summary is written about a year that has begun, and not about one before the programme.
pub fn check_year(year: i32, current: i32) -> DomainResult<i32> {
    if !(2000..=current).contains(&year) {
        return Err(crate::DomainError::Validation(vec![
            FieldError::new("year", codes::OUT_OF_RANGE).with("min", 2000).with("max", current),
        ]));
    }
    Ok(year)
}

/// How a metric moved over a year: from its last value before the year (or its first in it) to
/// its last value in the year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Movement {
    pub from: Option<(Quarter, f64)>,
    pub to: Option<(Quarter, f64)>,
}

impl Movement {
    pub fn change(&self) -> Option<f64> {
        match (self.from, self.to) {
            (Some((from_q, from)), Some((to_q, to))) if from_q != to_q => Some(to - from),
            _ => None,
        }
    }
}

pub fn year_movement(measured: &[(Quarter, f64)], year: i32) -> Movement {
    let mut sorted: Vec<(Quarter, f64)> = measured.to_vec();
    sorted.sort_by_key(|(q, _)| *q);
    let before = sorted.iter().rev().find(|(q, _)| q.year() < year).copied();
    let within: Vec<(Quarter, f64)> = sorted.iter().filter(|(q, _)| q.year() == year).copied().collect();
    Movement { from: before.or_else(|| within.first().copied()), to: within.last().copied() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn q(text: &str) -> Quarter {
        Quarter::parse(text).unwrap()
    }

    #[test]
    fn a_year_moves_from_the_value_before_it_to_its_last() {
        let measured = [(q("2026-Q2"), 9.0), (q("2025-Q4"), 10.0), (q("2026-Q3"), 8.5), (q("2027-Q1"), 8.0)];
        let moved = year_movement(&measured, 2026);
        assert_eq!((moved.from, moved.to), (Some((q("2025-Q4"), 10.0)), Some((q("2026-Q3"), 8.5))));
        assert_eq!(moved.change(), Some(-1.5));
        let first_year = year_movement(&[(q("2026-Q1"), 3.0), (q("2026-Q4"), 5.0)], 2026);
        assert_eq!(first_year.change(), Some(2.0), "from the year's first value when nothing came before");
        assert_eq!(year_movement(&[(q("2026-Q1"), 3.0)], 2026).change(), None, "one value is no movement");
        assert_eq!(year_movement(&[], 2026).to, None);
    }

    #[test]
    fn texts_are_trimmed_and_bounded_and_the_year_has_begun() {
        let draft = YearSummaryDraft {
            overall: " A good year ".into(),
            focuses: vec![FocusYearText { focus_id: 1, lessons: "x".repeat(TEXT_MAX + 1), ..Default::default() }],
        };
        let Err(DomainError::Validation(errors)) = draft.clone().validated() else { panic!() };
        assert_eq!(errors[0].field, "focuses.0.lessons");
        let fine = YearSummaryDraft { focuses: vec![], ..draft }.validated().unwrap();
        assert_eq!(fine.overall, "A good year");
        assert!(check_year(2027, 2026).is_err() && check_year(1999, 2026).is_err());
        assert_eq!(check_year(2026, 2026), Ok(2026));
    }
}
