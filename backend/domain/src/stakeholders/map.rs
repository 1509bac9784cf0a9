//! Placing a stakeholder: the scale, the quadrant rule and the action each quadrant prescribes.
//!
//! Positions are on the 1–5 scale the model's workshops rate on, kept to a tenth (stored as
//! whole tenths, 10–50) so a dragged point lands where it was dropped. ADR 0009 says why.

use chrono::{DateTime, NaiveDate, Utc};

use crate::DomainResult;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// The ends of both axes, in tenths: 1.0 and 5.0.
pub const SCALE_MIN: i32 = 10;
pub const SCALE_MAX: i32 = 50;
/// From here up an axis counts as high. The midpoint counts as high: a stakeholder rated
/// middling is one to engage, not one to ignore.
pub const HIGH_FROM: i32 = 30;
/// Stakeholders on one forum's map; a map is read at a glance, and the model's maps hold dozens.
pub const MAX_STAKEHOLDERS_PER_MAP: usize = 200;

/// Influence (vertical axis) and interest/involvement (horizontal axis), in tenths of the 1–5 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub influence: i32,
    pub interest: i32,
}

/// The four quadrants of Annex 9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quadrant {
    /// High influence, high interest.
    A,
    /// High influence, low interest.
    B,
    /// Low influence, high interest.
    C,
    /// Low influence, low interest.
    D,
}
text_enum!(Quadrant { A = "A", B = "B", C = "C", D = "D" });

/// What the forum does with the stakeholders of a quadrant (Annex 9's wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrescribedAction {
    /// "With us: start working with them now."
    WorkWithNow,
    /// "Raise awareness, find shared interests."
    RaiseAwareness,
    /// "Build capacity and positioning."
    BuildCapacity,
    /// "Do not focus on them."
    DoNotFocus,
}
text_enum!(PrescribedAction {
    WorkWithNow = "WORK_WITH_NOW",
    RaiseAwareness = "RAISE_AWARENESS",
    BuildCapacity = "BUILD_CAPACITY",
    DoNotFocus = "DO_NOT_FOCUS",
});

impl Position {
    /// The quadrant rule: one place, thresholds in [`HIGH_FROM`].
    pub fn quadrant(self) -> Quadrant {
        match (self.influence >= HIGH_FROM, self.interest >= HIGH_FROM) {
            (true, true) => Quadrant::A,
            (true, false) => Quadrant::B,
            (false, true) => Quadrant::C,
            (false, false) => Quadrant::D,
        }
    }

    /// Both axes on the scale; anything else is refused field by field.
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.check(&mut v);
        v.finish()?;
        Ok(self)
    }

    pub(crate) fn check(self, v: &mut Validator) {
        for (field, value) in [("influence", self.influence), ("interest", self.interest)] {
            if !(SCALE_MIN..=SCALE_MAX).contains(&value) {
                v.push(FieldError::new(field, codes::OUT_OF_RANGE).with("min", SCALE_MIN).with("max", SCALE_MAX));
            }
        }
    }
}

impl Quadrant {
    pub fn action(self) -> PrescribedAction {
        match self {
            Quadrant::A => PrescribedAction::WorkWithNow,
            Quadrant::B => PrescribedAction::RaiseAwareness,
            Quadrant::C => PrescribedAction::BuildCapacity,
            Quadrant::D => PrescribedAction::DoNotFocus,
        }
    }
}

/// Who a stakeholder is: an organisation of the town's directory or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Organisation(i64),
    Person(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacementDraft {
    pub organisation_id: Option<i64>,
    pub person_id: Option<i64>,
    pub position: Position,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidPlacement {
    pub subject: Subject,
    pub position: Position,
    pub note: Option<String>,
}

impl PlacementDraft {
    pub fn validated(self) -> DomainResult<ValidPlacement> {
        let mut v = Validator::new();
        let subject = match (self.organisation_id, self.person_id) {
            (Some(organisation), None) => Some(Subject::Organisation(organisation)),
            (None, Some(person)) => Some(Subject::Person(person)),
            (None, None) => {
                v.push(FieldError::new("organisationId", codes::REQUIRED));
                None
            }
            (Some(_), Some(_)) => {
                v.push(FieldError::new("personId", codes::INVALID_CHOICE));
                None
            }
        };
        self.position.check(&mut v);
        let note = v.optional_text("note", self.note.as_deref(), 1000);
        v.finish()?;
        let subject = subject.ok_or_else(|| crate::DomainError::Internal("subject checked above".into()))?;
        Ok(ValidPlacement { subject, position: self.position, note })
    }
}

/// A move as kept in the stakeholder's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub at: DateTime<Utc>,
    pub position: Position,
}

/// The reason given with a move, optional and short.
pub fn validated_reason(reason: Option<&str>) -> DomainResult<Option<String>> {
    let mut v = Validator::new();
    let reason = v.optional_text("reason", reason, 500);
    v.finish()?;
    Ok(reason)
}

/// Where a stakeholder stood at the end of `day`: its last move on or before it, or `None` when
/// it was not on the map yet. `moves` are in any order.
pub fn position_as_of(moves: &[Move], day: NaiveDate) -> Option<Position> {
    // The day is Israel's: a move at 00:30 there is on the next day's map, though still the
    // previous day in UTC.
    moves.iter().filter(|m| crate::meetings::minutes::israel_date(m.at) <= day).max_by_key(|m| m.at).map(|m| m.position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;
    use chrono::TimeZone;

    fn at(influence: i32, interest: i32) -> Position {
        Position { influence, interest }
    }

    #[test]
    fn the_map_as_of_a_day_ends_at_midnight_in_israel() {
        // 22:30 UTC on 1 December is 00:30 on 2 December in Israel (winter, UTC+2).
        let late = Move { at: Utc.with_ymd_and_hms(2026, 12, 1, 22, 30, 0).unwrap(), position: at(45, 30) };
        let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(position_as_of(std::slice::from_ref(&late), first), None);
        assert_eq!(position_as_of(&[late], first.succ_opt().unwrap()), Some(at(45, 30)));
    }

    #[test]
    fn the_quadrant_follows_from_the_position_with_the_midpoint_counting_as_high() {
        assert_eq!(at(50, 50).quadrant(), Quadrant::A);
        assert_eq!(at(HIGH_FROM, HIGH_FROM).quadrant(), Quadrant::A);
        assert_eq!(at(HIGH_FROM, HIGH_FROM - 1).quadrant(), Quadrant::B);
        assert_eq!(at(HIGH_FROM - 1, HIGH_FROM).quadrant(), Quadrant::C);
        assert_eq!(at(HIGH_FROM - 1, HIGH_FROM - 1).quadrant(), Quadrant::D);
        assert_eq!(at(SCALE_MIN, SCALE_MIN).quadrant(), Quadrant::D);
        assert_eq!(at(SCALE_MAX, SCALE_MIN).quadrant(), Quadrant::B);
    }

    #[test]
    fn every_quadrant_prescribes_the_model_s_action() {
        let actions: Vec<_> = Quadrant::ALL.iter().map(|q| q.action()).collect();
        assert_eq!(
            actions,
            [
                PrescribedAction::WorkWithNow,
                PrescribedAction::RaiseAwareness,
                PrescribedAction::BuildCapacity,
                PrescribedAction::DoNotFocus
            ]
        );
    }

    #[test]
    fn positions_off_the_scale_are_refused_per_axis() {
        assert!(at(SCALE_MIN, SCALE_MAX).validated().is_ok());
        let Err(DomainError::Validation(errors)) = at(SCALE_MIN - 1, SCALE_MAX + 1).validated() else {
            panic!("expected a validation error");
        };
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(fields, [("influence", codes::OUT_OF_RANGE), ("interest", codes::OUT_OF_RANGE)]);
    }

    #[test]
    fn a_placement_names_an_organisation_or_a_person_but_not_both() {
        let draft = |organisation_id, person_id| PlacementDraft {
            organisation_id,
            person_id,
            position: at(30, 30),
            note: Some("  ".into()),
        };
        let valid = draft(Some(4), None).validated().unwrap();
        assert_eq!(valid.subject, Subject::Organisation(4));
        assert_eq!(valid.note, None);
        assert_eq!(draft(None, Some(7)).validated().unwrap().subject, Subject::Person(7));
        assert!(draft(None, None).validated().is_err());
        assert!(draft(Some(4), Some(7)).validated().is_err());
    }

    #[test]
    fn the_map_as_of_a_day_takes_the_last_move_of_that_day_or_before() {
        let moved = |day: u32, hour: u32, influence: i32| Move {
            at: Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap(),
            position: at(influence, 40),
        };
        let moves = [moved(10, 9, 20), moved(1, 9, 10), moved(10, 17, 45)];
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert_eq!(position_as_of(&moves, day(1)), Some(at(10, 40)));
        assert_eq!(position_as_of(&moves, day(9)), Some(at(10, 40)));
        assert_eq!(position_as_of(&moves, day(10)), Some(at(45, 40)));
        assert_eq!(position_as_of(&moves, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()), None);
    }
}
