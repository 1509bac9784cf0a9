//! Forum health: early signs of a forum loosening (domain §2, §3, §8), each with what it
//! measures, its threshold and its status. The thresholds live in [`THRESHOLDS`] only.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Stage;
use crate::directory::{Sector, Seniority};

/// Every threshold of every signal, in one place.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Sectors represented (of seven) for OK, and the least for a warning.
    pub sectors_ok: usize,
    pub sectors_warning: usize,
    /// Current forum members: OK inside the range, a warning inside the wider one.
    pub members_ok: (usize, usize),
    pub members_warning: (usize, usize),
    /// Share of heads of organisation and senior staff among members whose seniority is known.
    pub senior_share_ok: f64,
    pub senior_share_warning: f64,
    /// The two-thirds rule (domain §8) over the last few held forum meetings.
    pub attendance_ok: f64,
    pub attendance_warning: f64,
    pub attendance_meetings: usize,
    /// Days since the last forum meeting: quarterly in implementation, monthly to bi-monthly
    /// while mapping and planning (domain §3). Past `alert_factor` times the limit is an alert.
    pub forum_days_planning: i64,
    pub forum_days_implementation: i64,
    pub alert_factor: f64,
    /// Task teams meet monthly (domain §3): a fortnight's grace, then an alert past three months.
    pub team_days: i64,
    pub team_alert_days: i64,
    /// Overdue work-plan tasks: any is a warning, this many an alert.
    pub overdue_alert: usize,
}

pub const THRESHOLDS: Thresholds = Thresholds {
    sectors_ok: 7,
    sectors_warning: 5,
    members_ok: (15, 35),
    members_warning: (10, 45),
    senior_share_ok: 0.5,
    senior_share_warning: 0.3,
    attendance_ok: 2.0 / 3.0,
    attendance_warning: 0.5,
    attendance_meetings: 3,
    forum_days_planning: 62,
    forum_days_implementation: 92,
    alert_factor: 1.5,
    team_days: 45,
    team_alert_days: 90,
    overdue_alert: 4,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Ok,
    Warning,
    Alert,
    /// Not enough data yet (no meetings held, or not applicable at this stage).
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignalKind {
    SectorCoverage,
    MembershipSize,
    SeniorityMix,
    Attendance,
    ForumCadence,
    TeamCadence,
    OverdueTasks,
}

/// One signal: its status, the measured value, the threshold it is held against, and details
/// (missing sectors, late teams) for the panel to name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub status: Status,
    pub value: Option<f64>,
    pub threshold: f64,
    pub details: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct MemberFacts {
    pub sector: Option<Sector>,
    pub seniority: Option<Seniority>,
}

pub struct MeetingFacts {
    pub on: NaiveDate,
    pub attended: usize,
    /// Absent or excused: both count against the two-thirds rule.
    pub missed: usize,
}

pub struct TeamFacts {
    pub name: String,
    pub started_on: Option<NaiveDate>,
    pub last_meeting_on: Option<NaiveDate>,
}

pub struct TaskFacts {
    pub done: bool,
    pub due_on: Option<NaiveDate>,
}

pub struct HealthInput {
    pub stage: Stage,
    pub today: NaiveDate,
    /// Current members of the forum body itself.
    pub forum_members: Vec<MemberFacts>,
    /// Sectors of current members across all active bodies of the forum.
    pub sectors: BTreeSet<Sector>,
    /// Held meetings of the forum body, any order.
    pub forum_meetings: Vec<MeetingFacts>,
    /// Active task teams.
    pub task_teams: Vec<TeamFacts>,
    pub tasks: Vec<TaskFacts>,
}

fn graded(value: f64, ok: f64, warning: f64) -> Status {
    if value >= ok {
        Status::Ok
    } else if value >= warning {
        Status::Warning
    } else {
        Status::Alert
    }
}

pub fn assess(input: &HealthInput) -> Vec<Signal> {
    let t = THRESHOLDS;
    vec![
        sector_coverage(input, &t),
        membership_size(input, &t),
        seniority_mix(input, &t),
        attendance(input, &t),
        forum_cadence(input, &t),
        team_cadence(input, &t),
        overdue_tasks(input, &t),
    ]
}

fn sector_coverage(input: &HealthInput, t: &Thresholds) -> Signal {
    let count = input.sectors.len();
    let missing = Sector::ALL.iter().filter(|s| !input.sectors.contains(s)).map(|s| s.as_str().to_owned()).collect();
    Signal {
        kind: SignalKind::SectorCoverage,
        status: graded(count as f64, t.sectors_ok as f64, t.sectors_warning as f64),
        value: Some(count as f64),
        threshold: t.sectors_ok as f64,
        details: missing,
    }
}

fn membership_size(input: &HealthInput, t: &Thresholds) -> Signal {
    let n = input.forum_members.len();
    let within = |(low, high): (usize, usize)| (low..=high).contains(&n);
    let status = if input.stage == Stage::KickOff && n == 0 {
        Status::Unknown
    } else if within(t.members_ok) {
        Status::Ok
    } else if within(t.members_warning) {
        Status::Warning
    } else {
        Status::Alert
    };
    Signal {
        kind: SignalKind::MembershipSize,
        status,
        value: Some(n as f64),
        threshold: t.members_ok.0 as f64,
        details: Vec::new(),
    }
}

fn seniority_mix(input: &HealthInput, t: &Thresholds) -> Signal {
    let known: Vec<_> = input.forum_members.iter().filter_map(|m| m.seniority).collect();
    if known.is_empty() {
        return Signal {
            kind: SignalKind::SeniorityMix,
            status: Status::Unknown,
            value: None,
            threshold: t.senior_share_ok,
            details: Vec::new(),
        };
    }
    let senior = known.iter().filter(|s| matches!(s, Seniority::Head | Seniority::Senior)).count();
    let share = senior as f64 / known.len() as f64;
    Signal {
        kind: SignalKind::SeniorityMix,
        status: graded(share, t.senior_share_ok, t.senior_share_warning),
        value: Some(share),
        threshold: t.senior_share_ok,
        details: Vec::new(),
    }
}

fn attendance(input: &HealthInput, t: &Thresholds) -> Signal {
    let mut meetings: Vec<&MeetingFacts> = input.forum_meetings.iter().filter(|m| m.attended + m.missed > 0).collect();
    meetings.sort_by_key(|m| std::cmp::Reverse(m.on));
    let recent: Vec<f64> = meetings
        .iter()
        .take(t.attendance_meetings)
        .map(|m| m.attended as f64 / (m.attended + m.missed) as f64)
        .collect();
    if recent.is_empty() {
        return Signal {
            kind: SignalKind::Attendance,
            status: Status::Unknown,
            value: None,
            threshold: t.attendance_ok,
            details: Vec::new(),
        };
    }
    let rate = recent.iter().sum::<f64>() / recent.len() as f64;
    Signal {
        kind: SignalKind::Attendance,
        status: graded(rate, t.attendance_ok, t.attendance_warning),
        value: Some(rate),
        threshold: t.attendance_ok,
        details: Vec::new(),
    }
}

fn forum_cadence(input: &HealthInput, t: &Thresholds) -> Signal {
    let limit = match input.stage {
        Stage::KickOff => None,
        Stage::MappingAndPlanning => Some(t.forum_days_planning),
        Stage::Implementation => Some(t.forum_days_implementation),
    };
    let last = input.forum_meetings.iter().map(|m| m.on).max();
    let days = last.map(|on| (input.today - on).num_days());
    let status = match (limit, days) {
        (None, _) | (_, None) => Status::Unknown,
        (Some(limit), Some(days)) if days <= limit => Status::Ok,
        (Some(limit), Some(days)) if (days as f64) <= limit as f64 * t.alert_factor => Status::Warning,
        _ => Status::Alert,
    };
    Signal {
        kind: SignalKind::ForumCadence,
        status,
        value: days.map(|d| d as f64),
        threshold: limit.unwrap_or(t.forum_days_implementation) as f64,
        details: Vec::new(),
    }
}

fn team_cadence(input: &HealthInput, t: &Thresholds) -> Signal {
    if input.task_teams.is_empty() {
        return Signal {
            kind: SignalKind::TeamCadence,
            status: Status::Unknown,
            value: None,
            threshold: t.team_days as f64,
            details: Vec::new(),
        };
    }
    // A team that never met counts from the day it started.
    let days_of = |team: &TeamFacts| {
        team.last_meeting_on.or(team.started_on).map_or(i64::MAX, |on| (input.today - on).num_days())
    };
    let late: Vec<&TeamFacts> = input.task_teams.iter().filter(|team| days_of(team) > t.team_days).collect();
    let worst = input.task_teams.iter().map(days_of).max().unwrap_or(0);
    let status = if late.is_empty() {
        Status::Ok
    } else if worst <= t.team_alert_days {
        Status::Warning
    } else {
        Status::Alert
    };
    Signal {
        kind: SignalKind::TeamCadence,
        status,
        value: Some(late.len() as f64),
        threshold: t.team_days as f64,
        details: late.iter().map(|team| team.name.clone()).collect(),
    }
}

fn overdue_tasks(input: &HealthInput, t: &Thresholds) -> Signal {
    let open = input.tasks.iter().filter(|task| !task.done).count();
    let overdue =
        input.tasks.iter().filter(|task| !task.done && task.due_on.is_some_and(|due| due < input.today)).count();
    let status = match overdue {
        0 => Status::Ok,
        n if n < t.overdue_alert => Status::Warning,
        _ => Status::Alert,
    };
    Signal {
        kind: SignalKind::OverdueTasks,
        status,
        value: Some(overdue as f64),
        threshold: 0.0,
        details: vec![open.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n)
    }

    fn input() -> HealthInput {
        HealthInput {
            stage: Stage::Implementation,
            today: day(200),
            forum_members: (0..20)
                .map(|i| MemberFacts {
                    sector: None,
                    seniority: Some(if i % 2 == 0 { Seniority::Head } else { Seniority::Staff }),
                })
                .collect(),
            sectors: Sector::ALL.iter().copied().collect(),
            forum_meetings: vec![
                MeetingFacts { on: day(150), attended: 14, missed: 6 },
                MeetingFacts { on: day(60), attended: 15, missed: 5 },
                MeetingFacts { on: day(0), attended: 2, missed: 18 },
                MeetingFacts { on: day(100), attended: 16, missed: 4 },
            ],
            task_teams: vec![TeamFacts {
                name: "Employers".into(),
                started_on: Some(day(0)),
                last_meeting_on: Some(day(180)),
            }],
            tasks: vec![
                TaskFacts { done: false, due_on: Some(day(300)) },
                TaskFacts { done: true, due_on: Some(day(10)) },
            ],
        }
    }

    fn signal(input: &HealthInput, kind: SignalKind) -> Signal {
        assess(input).into_iter().find(|s| s.kind == kind).unwrap()
    }

    #[test]
    fn a_healthy_forum_is_ok_on_every_signal() {
        let signals = assess(&input());
        assert!(signals.iter().all(|s| s.status == Status::Ok), "{signals:#?}");
        assert_eq!(signals.len(), 7);
    }

    #[test]
    fn missing_sectors_are_named_and_graded() {
        let mut i = input();
        i.sectors.remove(&Sector::Academia);
        let s = signal(&i, SignalKind::SectorCoverage);
        assert_eq!((s.status, s.details.clone()), (Status::Warning, vec!["ACADEMIA".to_owned()]));
        i.sectors.retain(|s| *s == Sector::Business);
        assert_eq!(signal(&i, SignalKind::SectorCoverage).status, Status::Alert);
    }

    #[test]
    fn membership_size_against_its_ranges() {
        let mut i = input();
        i.forum_members.truncate(12);
        assert_eq!(signal(&i, SignalKind::MembershipSize).status, Status::Warning);
        i.forum_members.truncate(5);
        assert_eq!(signal(&i, SignalKind::MembershipSize).status, Status::Alert);
        i.forum_members.clear();
        i.stage = Stage::KickOff;
        assert_eq!(signal(&i, SignalKind::MembershipSize).status, Status::Unknown, "no forum yet in stage 1");
    }

    #[test]
    fn seniority_mix_counts_heads_and_seniors_among_known() {
        let mut i = input();
        assert_eq!(signal(&i, SignalKind::SeniorityMix).value, Some(0.5));
        i.forum_members.iter_mut().skip(1).for_each(|m| m.seniority = Some(Seniority::Middle));
        assert_eq!(signal(&i, SignalKind::SeniorityMix).status, Status::Alert);
        i.forum_members.iter_mut().for_each(|m| m.seniority = None);
        assert_eq!(signal(&i, SignalKind::SeniorityMix).status, Status::Unknown);
    }

    #[test]
    fn attendance_averages_the_last_three_meetings_against_two_thirds() {
        let i = input();
        let s = signal(&i, SignalKind::Attendance);
        // Days 150, 100 and 60: 0.70, 0.80, 0.75 — the meeting of day 0 is older than the window.
        assert!((s.value.unwrap() - 0.75).abs() < 1e-9);
        let mut low = input();
        low.forum_meetings[0] = MeetingFacts { on: day(190), attended: 1, missed: 19 };
        assert_eq!(signal(&low, SignalKind::Attendance).status, Status::Warning);
        low.forum_meetings.clear();
        assert_eq!(signal(&low, SignalKind::Attendance).status, Status::Unknown);
    }

    #[test]
    fn forum_cadence_is_quarterly_in_implementation_and_tighter_while_planning() {
        let mut i = input();
        i.today = day(150 + 80);
        assert_eq!(signal(&i, SignalKind::ForumCadence).status, Status::Ok);
        i.stage = Stage::MappingAndPlanning;
        assert_eq!(signal(&i, SignalKind::ForumCadence).status, Status::Warning);
        i.today = day(150 + 200);
        assert_eq!(signal(&i, SignalKind::ForumCadence).status, Status::Alert);
        i.stage = Stage::KickOff;
        assert_eq!(signal(&i, SignalKind::ForumCadence).status, Status::Unknown);
    }

    #[test]
    fn late_task_teams_are_named() {
        let mut i = input();
        i.task_teams.push(TeamFacts { name: "Skills".into(), started_on: Some(day(100)), last_meeting_on: None });
        let s = signal(&i, SignalKind::TeamCadence);
        assert_eq!((s.status, s.details.clone()), (Status::Alert, vec!["Skills".to_owned()]));
        i.today = day(190);
        i.task_teams[1].last_meeting_on = Some(day(130));
        assert_eq!(signal(&i, SignalKind::TeamCadence).status, Status::Warning);
    }

    #[test]
    fn overdue_tasks_warn_then_alert() {
        let mut i = input();
        i.tasks.push(TaskFacts { done: false, due_on: Some(day(199)) });
        assert_eq!(signal(&i, SignalKind::OverdueTasks).status, Status::Warning);
        for _ in 0..3 {
            i.tasks.push(TaskFacts { done: false, due_on: Some(day(1)) });
        }
        let s = signal(&i, SignalKind::OverdueTasks);
        assert_eq!((s.status, s.value, s.details.clone()), (Status::Alert, Some(4.0), vec!["5".to_owned()]));
    }
}
