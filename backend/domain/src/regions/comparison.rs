//! Comparing towns (domain §12, regional coordination): one row of figures per town, and the
//! region's and the country's lines beside them. A share is kept as its part and its whole, so a
//! region's share is its parts over its wholes — never a mean of the towns' shares — and a health
//! signal rolls up as the number of towns where it is OK, out of those with data.

use std::collections::BTreeMap;

use crate::forums::FocusKind;
use crate::forums::health::{Signal, SignalKind, Status};

/// `part` of `whole`, e.g. metrics on track of metrics measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    pub part: u32,
    pub whole: u32,
}

impl Share {
    pub fn value(self) -> Option<f64> {
        (self.whole > 0).then(|| f64::from(self.part) / f64::from(self.whole))
    }

    fn add(&mut self, other: Share) {
        self.part += other.part;
        self.whole += other.whole;
    }
}

/// The health signals the comparison shows, in its column order.
pub const HEALTH_COLUMNS: [SignalKind; 4] =
    [SignalKind::Attendance, SignalKind::ForumCadence, SignalKind::SectorCoverage, SignalKind::SeniorityMix];

/// One town's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TownFigures {
    pub milestones: Share,
    pub health: Vec<Signal>,
    pub active_teams: u32,
    pub open_tasks: u32,
    pub overdue_tasks: u32,
    pub open_decisions: u32,
    pub overdue_decisions: u32,
    pub focuses: BTreeMap<FocusKind, u32>,
    /// Metrics on track at the last closed quarter, of the metrics with a path and a value there.
    pub on_track: Share,
    pub control_approved: bool,
}

/// A line of many towns: sums, shares of sums, and per health signal the towns where it is OK.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    pub towns: u32,
    pub milestones: Share,
    pub health: Vec<(SignalKind, Share)>,
    pub active_teams: u32,
    pub open_tasks: u32,
    pub overdue_tasks: u32,
    pub open_decisions: u32,
    pub overdue_decisions: u32,
    pub focuses: BTreeMap<FocusKind, u32>,
    pub on_track: Share,
    /// Towns whose last closed quarter's control is approved, of all towns.
    pub controls_approved: Share,
}

pub fn roll_up<'a>(rows: impl IntoIterator<Item = &'a TownFigures>) -> Totals {
    let mut totals =
        Totals { health: HEALTH_COLUMNS.iter().map(|k| (*k, Share::default())).collect(), ..Default::default() };
    for row in rows {
        totals.towns += 1;
        totals.milestones.add(row.milestones);
        for (kind, share) in &mut totals.health {
            if let Some(signal) = row.health.iter().find(|s| s.kind == *kind && s.status != Status::Unknown) {
                share.add(Share { part: u32::from(signal.status == Status::Ok), whole: 1 });
            }
        }
        totals.active_teams += row.active_teams;
        totals.open_tasks += row.open_tasks;
        totals.overdue_tasks += row.overdue_tasks;
        totals.open_decisions += row.open_decisions;
        totals.overdue_decisions += row.overdue_decisions;
        for (kind, count) in &row.focuses {
            *totals.focuses.entry(*kind).or_default() += count;
        }
        totals.on_track.add(row.on_track);
        totals.controls_approved.add(Share { part: u32::from(row.control_approved), whole: 1 });
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal(kind: SignalKind, status: Status, value: f64) -> Signal {
        Signal { kind, status, value: Some(value), threshold: 0.0, details: Vec::new() }
    }

    #[test]
    fn a_region_s_share_is_its_parts_over_its_wholes_not_a_mean_of_shares() {
        let small = TownFigures { on_track: Share { part: 1, whole: 1 }, ..Default::default() };
        let large = TownFigures { on_track: Share { part: 1, whole: 9 }, ..Default::default() };
        let totals = roll_up([&small, &large]);
        assert_eq!(totals.on_track, Share { part: 2, whole: 10 });
        assert_eq!(totals.on_track.value(), Some(0.2), "a mean of the towns' shares would say 0.56");
        assert_eq!(Share::default().value(), None, "nothing measured is no share, not zero");
    }

    #[test]
    fn health_rolls_up_as_towns_where_it_is_ok_out_of_towns_with_data() {
        let ok = TownFigures { health: vec![signal(SignalKind::Attendance, Status::Ok, 0.8)], ..Default::default() };
        let low =
            TownFigures { health: vec![signal(SignalKind::Attendance, Status::Alert, 0.4)], ..Default::default() };
        let unknown =
            TownFigures { health: vec![signal(SignalKind::Attendance, Status::Unknown, 0.0)], ..Default::default() };
        let totals = roll_up([&ok, &low, &unknown]);
        let attendance = totals.health.iter().find(|(k, _)| *k == SignalKind::Attendance).unwrap().1;
        assert_eq!(attendance, Share { part: 1, whole: 2 });
        assert_eq!(totals.towns, 3);
    }

    #[test]
    fn counts_and_focus_kinds_add_up_and_approved_controls_count_towns() {
        let a = TownFigures {
            overdue_tasks: 2,
            focuses: BTreeMap::from([(FocusKind::Employers, 1)]),
            control_approved: true,
            ..Default::default()
        };
        let b = TownFigures {
            overdue_tasks: 3,
            focuses: BTreeMap::from([(FocusKind::Employers, 2), (FocusKind::Skills, 1)]),
            ..Default::default()
        };
        let totals = roll_up([&a, &b]);
        assert_eq!(totals.overdue_tasks, 5);
        assert_eq!(totals.focuses, BTreeMap::from([(FocusKind::Employers, 3), (FocusKind::Skills, 1)]));
        assert_eq!(totals.controls_approved, Share { part: 1, whole: 2 });
    }
}
