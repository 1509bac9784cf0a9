//! Plans and metrics (domain §5–§7): quarters, outcome metrics measured against the straight
//! path to their target, and the work plan's tasks — who does what by when.

pub mod control;
pub mod focuses;
pub mod import;
pub mod measures;
pub mod metrics;
pub mod proposals;
pub mod quarter;
pub mod tasks;
pub mod year;

pub use metrics::{Direction, MetricPath, MetricStatus, THRESHOLDS, metric_status};
pub use quarter::Quarter;

use crate::text_enum::text_enum;

/// Where a task of the work plan stands. "Late" is not a status: it follows from the due date
/// of a task that is not done or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskStatus {
    Planned,
    InProgress,
    Done,
    /// Taken out of the plan, with a reason.
    Dropped,
}
text_enum!(TaskStatus { Planned = "PLANNED", InProgress = "IN_PROGRESS", Done = "DONE", Dropped = "DROPPED" });

impl TaskStatus {
    /// Whether the task still has to happen (so it can fall late).
    pub const fn is_open(self) -> bool {
        matches!(self, Self::Planned | Self::InProgress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_planned_and_started_tasks_are_open() {
        assert!(TaskStatus::Planned.is_open() && TaskStatus::InProgress.is_open());
        assert!(!TaskStatus::Done.is_open() && !TaskStatus::Dropped.is_open());
        assert_eq!(TaskStatus::parse("IN_PROGRESS"), Some(TaskStatus::InProgress));
    }
}
