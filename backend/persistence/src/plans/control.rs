//! Quarterly control of one forum: the quarter's figures computed from the plan and its
//! metrics (`view`), the conclusions people write, and the approval that freezes the figures.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, JoinType, Query, SelectStatement, Value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use workit_domain::forums::BodyKind;
use workit_domain::forums::health::Signal;
use workit_domain::meetings::DecisionStatus;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::control::{
    Conclusions, ControlStatus, ExecutionCounts, MetricAtQuarter, TaskFacts, check_ended, correction_reason, execution,
    metric_at, shows_in_control,
};
use workit_domain::plans::focuses::FocusStatus;
use workit_domain::plans::measures::MetricUnit;
use workit_domain::plans::{Direction, Quarter};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, Scope, TownId};

use super::{authorize_forum, metrics, tasks};
use crate::db::read_if;
use crate::entities::{
    bodies, decisions, forums as forums_entity, measurements, meetings, outcome_metrics, people,
    quarterly_control_versions, quarterly_controls, strategic_focuses, towns,
};
use crate::stored::Stored;
use crate::template::Template;
use crate::versioned::{VersionedWrite, insert_new, update_if_current};
use crate::{Database, StoreResult, audit, forums, joined};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricLine {
    pub metric_id: i64,
    pub name: String,
    pub unit: String,
    pub recorder_person_id: Option<i64>,
    /// Who records it, so a missing value says whom to ask.
    #[serde(default)]
    pub recorder_name: Option<String>,
    pub target: Option<f64>,
    pub at: MetricAtQuarter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskLine {
    pub task_id: i64,
    pub title: String,
    pub body_id: Option<i64>,
    pub execution: String,
    pub dropped_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusLine {
    pub focus_id: i64,
    pub title: String,
    pub metrics: Vec<MetricLine>,
    pub tasks: Vec<TaskLine>,
    pub counts: ExecutionCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamLine {
    pub body_id: i64,
    pub name: String,
    pub counts: ExecutionCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenDecision {
    pub decision_id: i64,
    pub text: String,
    pub meeting_id: i64,
    pub due_on: Option<NaiveDate>,
}

/// The quarter's figures: the active focuses in priority order with their metrics and tasks,
/// plan against execution per team and in total, and decisions still not executed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlView {
    pub quarter: String,
    pub focuses: Vec<FocusLine>,
    pub teams: Vec<TeamLine>,
    pub total: ExecutionCounts,
    /// Tasks due in the quarter that belong to no active focus.
    pub other_tasks: Vec<TaskLine>,
    pub open_decisions: Vec<OpenDecision>,
    /// The forum's attendance and rhythm as the quarter ended (empty in controls approved
    /// before the page showed them).
    #[serde(default)]
    pub health: Vec<Signal>,
}

/// The parts of the control that cost statements of their own beyond the focuses, metrics and
/// open decisions: the GraphQL layer reads them from the query (look-ahead); approval, export
/// and the proposals ask for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Plan against execution: the tasks per focus, per team, in total and outside the focuses.
    pub execution: bool,
    /// The forum's health as the quarter ended.
    pub health: bool,
}

impl Parts {
    pub const ALL: Parts = Parts { execution: true, health: true };
}

/// Computes the control figures of `quarter` as they stand on `today`, in a fixed number of
/// queries whatever the number of focuses, metrics, quarters and tasks.
pub async fn view(db: &Database, forum_id: i64, quarter: Quarter, today: NaiveDate) -> StoreResult<ControlView> {
    view_of(db, forum_id, quarter, today, Parts::ALL).await
}

/// The figures `parts` asks for; the parts left out are empty.
pub async fn view_of(
    db: &Database,
    forum_id: i64,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<ControlView> {
    Ok(read_with_figures(db, forum_id, quarter, today, parts).await?.1)
}

/// The control as `actor` may see it and the figures `parts` asks for, the record and the
/// focuses, metrics and open decisions in one statement: what a control page shows first.
pub async fn visible_with_view(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<(Option<quarterly_controls::Model>, ControlView)> {
    let (record, view) = read_with_figures(db, forum_id, quarter, today, parts).await?;
    Ok((record.and_then(|record| record.seen_by(actor)), view))
}

/// The control as `actor` may see it: a draft only by those who edit the forum, an approved
/// control by everyone signed in.
pub async fn visible(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
) -> StoreResult<Option<quarterly_controls::Model>> {
    Ok(find_record(db, forum_id, quarter).await?.and_then(|record| record.seen_by(actor)))
}

async fn read_with_figures(
    db: &Database,
    forum_id: i64,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<(Option<Record>, ControlView)> {
    let (found, rest) = match read(db, Key::Forum(forum_id), quarter, today, parts).await? {
        Some((found, rest)) => (Some((found.record, found.inputs)), rest),
        None => (None, Rest::default()),
    };
    Ok(figures(found, rest, quarter, today))
}

/// Where a control page starts: at the forum, or at its town.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Forum(i64),
    Town(TownId),
}

/// A page's levels above a control, read with it: the town, its forum (none for a town without
/// one) and the forum's control as the reader may see it with the figures asked.
pub struct WithLevels {
    pub town: towns::Model,
    pub forum: Option<forums_entity::Model>,
    pub control: Option<(Option<quarterly_controls::Model>, ControlView)>,
}

/// The control of the forum `key` names (directly or through its town) with the figures `parts`
/// asks for, and the town and the forum with it: the record, the forum, its town, the focuses,
/// metrics and open decisions are one statement, where a page asking for the town or the forum
/// and then for its control took one for each level.
pub async fn with_levels(
    db: &Database,
    actor: &Actor,
    key: Key,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<WithLevels> {
    let missing = || match key {
        Key::Forum(_) => crate::versioned::not_found("forum"),
        Key::Town(_) => crate::versioned::not_found("town"),
    };
    let (Found { town, forum, record, inputs }, rest) =
        read(db, key, quarter, today, parts).await?.ok_or_else(missing)?;
    if forum.is_none() {
        return Ok(WithLevels { town, forum: None, control: None });
    }
    let (record, view) = figures(Some((record, inputs)), rest, quarter, today);
    let control = Some((record.and_then(|record| record.seen_by(actor)), view));
    Ok(WithLevels { town, forum, control })
}

/// The control's statement found by `key` and the parts `parts` asks for beyond it (`None`: no
/// such forum or town). The parts need the forum's id: found by the forum they run at once with
/// the statement, so the control waits for the slowest read rather than for their sum; found by
/// the town, after it.
async fn read(
    db: &Database,
    key: Key,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<Option<(Found, Rest)>> {
    if let Key::Forum(forum_id) = key {
        let (found, rest) =
            futures::try_join!(find_with_figures(db, key, quarter), read_rest(db, forum_id, quarter, today, parts))?;
        return Ok(found.map(|found| (found, rest)));
    }
    let Some(found) = find_with_figures(db, key, quarter).await? else { return Ok(None) };
    let rest = match &found.forum {
        Some(forum) => read_rest(db, forum.id, quarter, today, parts).await?,
        None => Rest::default(),
    };
    Ok(Some((found, rest)))
}

/// What the figures take beyond the control's own statement: the tasks and the bodies for
/// plan against execution, and the forum's health, each read only when asked.
#[derive(Default)]
struct Rest {
    tasks: Vec<crate::entities::work_plan_tasks::Model>,
    bodies: Vec<bodies::Model>,
    health: Vec<Signal>,
}

async fn read_rest(
    db: &Database,
    forum_id: i64,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<Rest> {
    // Health as it stood on the quarter's last day (or today, for a quarter still running).
    let last = Ord::min(quarter.last_day(), today);
    let end = last.and_hms_opt(23, 59, 59).unwrap_or_else(|| last.and_time(chrono::NaiveTime::MIN)).and_utc();
    let one_forum = std::slice::from_ref(&forum_id);
    let (tasks, bodies, health) = futures::try_join!(
        read_if(parts.execution, tasks::by_forum_ids(db, one_forum)),
        read_if(parts.execution, forums::bodies_by_forum_ids(db, one_forum)),
        read_if(parts.health, forums::health::assess_forum(db, forum_id, end)),
    )?;
    Ok(Rest {
        tasks: tasks.unwrap_or_default(),
        bodies: bodies.unwrap_or_default(),
        health: health.unwrap_or_default(),
    })
}

/// The quarter's figures from what was read (`None`: no such forum, figures empty).
fn figures(
    found: Option<(Record, Inputs)>,
    Rest { tasks: task_rows, bodies, health }: Rest,
    quarter: Quarter,
    today: NaiveDate,
) -> (Option<Record>, ControlView) {
    let (record, Inputs { focuses, open_decisions }) =
        found.map_or_else(|| (None, Inputs::default()), |(r, i)| (Some(r), i));
    let focus_ids: Vec<i64> = focuses.iter().map(|f| f.focus.id).collect();

    let in_control: Vec<_> = task_rows
        .iter()
        .filter_map(|t| {
            let facts = TaskFacts {
                status: *t.status,
                planned_quarter: t.planned_quarter.and_then(Quarter::from_code),
                due_on: t.due_on,
                done_on: t.done_on,
            };
            execution(&facts, quarter, today).map(|e| (e, t))
        })
        .collect();
    let task_line =
        |(e, t): &(workit_domain::plans::control::Execution, &crate::entities::work_plan_tasks::Model)| TaskLine {
            task_id: t.id,
            title: t.title.clone(),
            body_id: t.body_id,
            execution: e.as_str().to_owned(),
            dropped_reason: t.dropped_reason.clone(),
        };
    let mut total = ExecutionCounts::default();
    in_control.iter().for_each(|(e, _)| total.add(*e));
    let teams = bodies
        .iter()
        .filter(|b| matches!(*b.kind, BodyKind::TaskTeam | BodyKind::AdHocTeam | BodyKind::SteeringCommittee))
        .filter_map(|b| {
            let mut counts = ExecutionCounts::default();
            in_control.iter().filter(|(_, t)| t.body_id == Some(b.id)).for_each(|(e, _)| counts.add(*e));
            (counts != ExecutionCounts::default()).then(|| TeamLine { body_id: b.id, name: b.name.clone(), counts })
        })
        .collect();
    let focus_lines = focuses
        .into_iter()
        .map(|FocusWithMetrics { focus: f, metrics }| {
            let metrics = metrics
                .into_iter()
                .map(|MetricWithValues { metric: m, measured }| {
                    let path = metrics::path_between(
                        (m.baseline, m.baseline_quarter),
                        (m.target, m.target_quarter),
                        *m.direction,
                    );
                    MetricLine {
                        metric_id: m.id,
                        unit: m.unit.as_str().to_owned(),
                        recorder_person_id: m.recorder_person_id,
                        recorder_name: m.recorder_name,
                        target: m.target,
                        at: metric_at(path.as_ref(), m.baseline, &measured, quarter),
                        name: m.name,
                    }
                })
                .collect();
            let mine: Vec<_> = in_control.iter().filter(|(_, t)| t.focus_id == Some(f.id)).collect();
            let mut counts = ExecutionCounts::default();
            mine.iter().for_each(|(e, _)| counts.add(*e));
            FocusLine {
                focus_id: f.id,
                title: f.title,
                metrics,
                tasks: mine.into_iter().map(task_line).collect(),
                counts,
            }
        })
        .collect();
    let other_tasks = in_control
        .iter()
        .filter(|(_, t)| t.focus_id.is_none_or(|id| !focus_ids.contains(&id)))
        .map(task_line)
        .collect();

    let health = health.into_iter().filter(|signal| shows_in_control(signal.kind)).collect();

    let view = ControlView {
        quarter: quarter.to_string(),
        focuses: focus_lines,
        teams,
        total,
        other_tasks,
        open_decisions,
        health,
    };
    (record, view)
}

/// A forum's control record for a quarter (if any) and the forum's town: a draft's check needs it.
struct Record {
    row: Option<quarterly_controls::Model>,
    town: Scope,
}

impl Record {
    fn of(row: &sea_orm::QueryResult, town: &towns::Model) -> StoreResult<Self> {
        let row = quarterly_controls::Model::from_query_result_optional(row, "c_")?;
        Ok(Self { row, town: Scope::Town { town: town.id, region: town.region_id } })
    }

    fn seen_by(self, actor: &Actor) -> Option<quarterly_controls::Model> {
        let row = self.row?;
        (*row.status == ControlStatus::Approved || actor.can(Action::EditForum, self.town)).then_some(row)
    }
}

/// What the figures are computed from besides the tasks and the health.
#[derive(Default)]
struct Inputs {
    /// The active focuses in priority order, each with its metrics in order.
    focuses: Vec<FocusWithMetrics>,
    open_decisions: Vec<OpenDecision>,
}

struct FocusWithMetrics {
    focus: FocusRow,
    metrics: Vec<MetricWithValues>,
}

struct MetricWithValues {
    metric: MetricRow,
    /// Its values of `quarter` and the quarter before: what a control line shows (`metric_at`).
    measured: Vec<(Quarter, f64)>,
}

/// What a control line shows of a focus and of a metric with its values (`json_rows`).
#[derive(Deserialize)]
struct FocusRow {
    id: i64,
    title: String,
}

#[derive(Deserialize)]
struct MetricRow {
    id: i64,
    focus_id: i64,
    name: String,
    unit: Stored<MetricUnit>,
    direction: Stored<Direction>,
    recorder_person_id: Option<i64>,
    /// Who records it, so a missing value says whom to ask.
    recorder_name: Option<String>,
    baseline: Option<f64>,
    baseline_quarter: Option<i32>,
    target: Option<f64>,
    target_quarter: Option<i32>,
    /// Its value of the control's quarter and of the quarter before, when recorded.
    value: Option<f64>,
    previous: Option<f64>,
}

/// A forum's control record of a quarter with the forum's town (`None`: no such forum).
async fn find_record(db: &Database, forum_id: i64, quarter: Quarter) -> StoreResult<Option<Record>> {
    let statement = RECORD.statement(db.get_database_backend(), [forum_id.into(), quarter.code().into()]);
    let Some(row) = db.query_one_raw(statement).await? else { return Ok(None) };
    Ok(Some(Record::of(&row, &towns::Model::from_query_result(&row, "t_")?)?))
}

/// What `find_with_figures` reads.
struct Found {
    town: towns::Model,
    forum: Option<forums_entity::Model>,
    record: Record,
    inputs: Inputs,
}

/// The control of the forum `key` names in one statement (`None`: no such forum or town), with
/// the forum and its town, the active focuses, their metrics with their recorders' names, the
/// metrics' values of `quarter` and the quarter before and the open decisions of the quarter's
/// meetings, each list a JSON column: one round trip where each took one of its own.
async fn find_with_figures(db: &Database, key: Key, quarter: Quarter) -> StoreResult<Option<Found>> {
    let (template, id) = match key {
        Key::Forum(forum) => (&WITH_FIGURES, forum),
        Key::Town(town) => (&TOWN_WITH_FIGURES, town),
    };
    let previous = quarter.plus(-1);
    let at_midnight = |day: NaiveDate| Value::from(day.and_time(chrono::NaiveTime::MIN).and_utc());
    let statement = template.statement(
        db.get_database_backend(),
        [
            Value::from(id),
            Value::from(quarter.code()),
            Value::from(quarter.year()),
            Value::from(i32::from(quarter.number())),
            Value::from(previous.year()),
            Value::from(i32::from(previous.number())),
            at_midnight(quarter.first_day()),
            at_midnight(quarter.plus(1).first_day()),
        ],
    );
    let Some(row) = db.query_one_raw(statement).await? else { return Ok(None) };
    let town = towns::Model::from_query_result(&row, "t_")?;
    let forum = forums_entity::Model::from_query_result_optional(&row, "f_")?;
    let record = Record::of(&row, &town)?;
    let mut focuses: Vec<FocusWithMetrics> = joined::rows_of::<FocusRow>(&row, "focuses")?
        .into_iter()
        .map(|focus| FocusWithMetrics { focus, metrics: Vec::new() })
        .collect();
    for metric in joined::rows_of::<MetricRow>(&row, "metrics")? {
        let Some(focus) = focuses.iter_mut().find(|f| f.focus.id == metric.focus_id) else { continue };
        let measured = [(quarter, metric.value), (previous, metric.previous)]
            .into_iter()
            .filter_map(|(at, value)| Some((at, value?)))
            .collect();
        focus.metrics.push(MetricWithValues { metric, measured });
    }
    let open_decisions = joined::rows_of(&row, "open_decisions")?;
    Ok(Some(Found { town, forum, record, inputs: Inputs { focuses, open_decisions } }))
}

/// Which level a control's statement is found by.
#[derive(Clone, Copy)]
enum FoundBy {
    Forum,
    Town,
}

/// The control's record of a quarter, with the forum and its town (`find_record`).
static RECORD: Template<2> = Template::new(|_, [forum, quarter]| record_of(FoundBy::Forum, forum, quarter));

/// The record with the lists the figures are computed from, found by the forum's id.
static WITH_FIGURES: Template<8> = Template::new(|backend, values| with_figures(backend, FoundBy::Forum, values));

/// The same found by the town's id: a page that starts at the town.
static TOWN_WITH_FIGURES: Template<8> = Template::new(|backend, values| with_figures(backend, FoundBy::Town, values));

fn with_figures(
    backend: DbBackend,
    by: FoundBy,
    [id, quarter, year, number, previous_year, previous_number, from, to]: [Expr; 8],
) -> SelectStatement {
    let in_quarters = [(year, number), (previous_year, previous_number)];
    // The lists are the found forum's: the parameter itself, or the forum of the row found.
    let forum = match by {
        FoundBy::Forum => id.clone(),
        FoundBy::Town => Expr::col((forums_entity::Entity, forums_entity::Column::Id)),
    };
    let mut select = record_of(by, id, quarter);
    select
        .expr_as(focus_rows(backend, forum.clone()), Alias::new("focuses"))
        .expr_as(metric_rows(backend, forum.clone(), in_quarters), Alias::new("metrics"))
        .expr_as(open_decision_rows(backend, forum, (from, to)), Alias::new("open_decisions"));
    select
}

fn record_of(by: FoundBy, id: Expr, quarter: Expr) -> SelectStatement {
    let (f, t, c) = (forums_entity::Entity, towns::Entity, quarterly_controls::Entity);
    let mut select = Query::select();
    joined::all_columns_as::<towns::Entity>(&mut select, "t_");
    joined::all_columns_as::<forums_entity::Entity>(&mut select, "f_");
    joined::all_columns_as::<quarterly_controls::Entity>(&mut select, "c_");
    let found = match by {
        FoundBy::Forum => Expr::col((f, forums_entity::Column::Id)),
        FoundBy::Town => Expr::col((t, towns::Column::Id)),
    };
    select
        .from(t)
        .left_join(f, Expr::col((f, forums_entity::Column::TownId)).equals((t, towns::Column::Id)))
        .join(
            JoinType::LeftJoin,
            c,
            Condition::all()
                .add(Expr::col((c, quarterly_controls::Column::ForumId)).equals((f, forums_entity::Column::Id)))
                .add(Expr::col((c, quarterly_controls::Column::Quarter)).eq(quarter)),
        )
        .and_where(found.eq(id));
    select
}

/// The forum's active focuses, in priority order.
fn focus_rows(backend: DbBackend, forum: Expr) -> Expr {
    let f = strategic_focuses::Entity;
    let column = |c: strategic_focuses::Column| Expr::col((f, c));
    let mut select = Query::select();
    select.from(f).and_where(active_focus_of(forum));
    joined::json_rows(
        backend,
        &[("id", column(strategic_focuses::Column::Id)), ("title", column(strategic_focuses::Column::Title))],
        &[column(strategic_focuses::Column::Position), column(strategic_focuses::Column::Id)],
        select,
    )
}

/// The metrics of the forum's active focuses, in order, with their recorders' names and their
/// values in the quarters given as (year, number): the control's quarter and the one before, what
/// `metric_at` reads. Each value is one lookup by the metric's (metric, year, quarter) key; as a
/// list of its own beside the metrics it took a second pass over the focuses and their metrics
/// and every measurement of each metric (a tenth of the statement's cost).
fn metric_rows(backend: DbBackend, forum: Expr, [quarter, previous]: [(Expr, Expr); 2]) -> Expr {
    use measurements::Column as V;
    use outcome_metrics::Column as M;
    let (m, p) = (outcome_metrics::Entity, people::Entity);
    let column = |c: M| Expr::col((m, c));
    let (value, value_before) = (Alias::new("value"), Alias::new("value_before"));
    let value_in = |alias: &Alias, (year, number): (Expr, Expr)| {
        Condition::all()
            .add(Expr::col((alias.clone(), V::MetricId)).equals((m, M::Id)))
            .add(Expr::col((alias.clone(), V::Year)).eq(year))
            .add(Expr::col((alias.clone(), V::Quarter)).eq(number))
    };
    let mut select = Query::select();
    select
        .from(m)
        .inner_join(strategic_focuses::Entity, of_its_focus())
        .left_join(p, Expr::col((p, people::Column::Id)).equals((m, M::RecorderPersonId)))
        .join_as(JoinType::LeftJoin, measurements::Entity, value.clone(), value_in(&value, quarter))
        .join_as(JoinType::LeftJoin, measurements::Entity, value_before.clone(), value_in(&value_before, previous))
        .and_where(active_focus_of(forum));
    let fields = [
        ("id", column(M::Id)),
        ("focus_id", column(M::FocusId)),
        ("name", column(M::Name)),
        ("unit", column(M::Unit)),
        ("direction", column(M::Direction)),
        ("recorder_person_id", column(M::RecorderPersonId)),
        ("recorder_name", Expr::col((p, people::Column::FullName))),
        ("baseline", column(M::Baseline)),
        ("baseline_quarter", column(M::BaselineQuarter)),
        ("target", column(M::Target)),
        ("target_quarter", column(M::TargetQuarter)),
        ("value", Expr::col((value, V::Value))),
        ("previous", Expr::col((value_before, V::Value))),
    ];
    joined::json_rows(backend, &fields, &[column(M::Position), column(M::Id)], select)
}

fn of_its_focus() -> Expr {
    Expr::col((strategic_focuses::Entity, strategic_focuses::Column::Id))
        .equals((outcome_metrics::Entity, outcome_metrics::Column::FocusId))
}

fn active_focus_of(forum: Expr) -> Expr {
    let f = strategic_focuses::Entity;
    Expr::col((f, strategic_focuses::Column::ForumId))
        .eq(forum)
        .and(Expr::col((f, strategic_focuses::Column::Status)).eq(FocusStatus::Active.as_str()))
}

/// Decisions still open of the forum's bodies' meetings that start in [from, to): the quarter.
fn open_decision_rows(backend: DbBackend, forum: Expr, (from, to): (Expr, Expr)) -> Expr {
    let (d, m) = (decisions::Entity, meetings::Entity);
    let column = |c: decisions::Column| Expr::col((d, c));
    let mut its_bodies = Query::select();
    its_bodies
        .column((bodies::Entity, bodies::Column::Id))
        .from(bodies::Entity)
        .and_where(Expr::col((bodies::Entity, bodies::Column::ForumId)).eq(forum));
    let of_its_bodies = match backend {
        // As an array the forum's few bodies are found first and each one's meetings of the
        // quarter read by the (body_id, starts_at) index. PostgreSQL's one plan for every forum
        // and quarter (a prepared statement's generic plan) joins `IN (…)` to a scan of every
        // meeting: 30–50 µs more a request on the demo data, more with the country's meetings.
        DbBackend::Postgres => Expr::cust_with_exprs(
            "$1 = ANY(ARRAY($2))",
            [Expr::col((m, meetings::Column::BodyId)), Expr::SubQuery(None, Box::new(its_bodies.into()))],
        ),
        _ => Expr::col((m, meetings::Column::BodyId)).in_subquery(its_bodies),
    };
    let mut select = Query::select();
    select
        .from(d)
        .inner_join(m, Expr::col((m, meetings::Column::Id)).equals((d, decisions::Column::MeetingId)))
        .and_where(of_its_bodies)
        .and_where(Expr::col((m, meetings::Column::StartsAt)).gte(from))
        .and_where(Expr::col((m, meetings::Column::StartsAt)).lt(to))
        .and_where(column(decisions::Column::Status).eq(DecisionStatus::Open.as_str()));
    let fields = [
        ("decision_id", column(decisions::Column::Id)),
        ("text", column(decisions::Column::Text)),
        ("meeting_id", column(decisions::Column::MeetingId)),
        ("due_on", column(decisions::Column::DueOn)),
    ];
    joined::json_rows(backend, &fields, &[column(decisions::Column::Id)], select)
}

pub async fn get(
    db: &impl ConnectionTrait,
    forum_id: i64,
    quarter: Quarter,
) -> StoreResult<Option<quarterly_controls::Model>> {
    Ok(quarterly_controls::Entity::find()
        .filter(quarterly_controls::Column::ForumId.eq(forum_id))
        .filter(quarterly_controls::Column::Quarter.eq(quarter.code()))
        .one(db)
        .await?)
}

pub fn conclusions(row: &quarterly_controls::Model) -> Conclusions {
    Conclusions {
        summary: row.summary.clone(),
        focus_notes: serde_json::from_str(&row.focus_notes).unwrap_or_default(),
    }
}

pub fn snapshot(row: &quarterly_controls::Model) -> Option<ControlView> {
    row.snapshot.as_deref().and_then(|json| serde_json::from_str(json).ok())
}

fn json<T: Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| DomainError::Internal(e.to_string()).into())
}

/// Writes the conclusions of a quarter's control (a draft). `version` is the draft's version the
/// writer saw, `None` when there was none yet. An approved control is not edited.
pub async fn save(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    conclusions: Conclusions,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    check_ended(quarter, israel_date(now))?;
    let conclusions = conclusions.validated()?;
    let notes = json(&conclusions.focus_notes)?;
    let txn = db.begin().await?;
    let id = match (get(&txn, forum_id, quarter).await?, version) {
        (Some(row), _) if *row.status == ControlStatus::Approved => {
            return Err(DomainError::validation("quarter", codes::ALREADY_APPROVED).into());
        }
        (Some(row), Some(expected)) => {
            let changes = quarterly_controls::ActiveModel {
                summary: Set(conclusions.summary),
                focus_notes: Set(notes),
                ..Default::default()
            };
            update_if_current(&txn, &VersionedWrite::update("control", row.id, expected, row.version), changes, now)
                .await?;
            audit::record(&txn, actor, "update", "control", row.id, now).await?;
            row.id
        }
        (Some(row), None) => return Err(DomainError::stale("control", row.version).into()),
        (None, _) => {
            let row = quarterly_controls::ActiveModel {
                forum_id: Set(forum_id),
                quarter: Set(quarter.code()),
                status: Set(ControlStatus::Draft.into()),
                summary: Set(conclusions.summary),
                focus_notes: Set(notes),
                approved_by: Set(None),
                approved_at: Set(None),
                snapshot: Set(None),
                meeting_id: Set(None),
                number: Set(1),
                correction_reason: Set(None),
                ..Default::default()
            };
            let row = insert_new(&txn, row, now).await?;
            audit::record(&txn, actor, "create", "control", row.id, now).await?;
            row.id
        }
    };
    txn.commit().await?;
    quarterly_controls::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound { entity: "control" }.into())
}

/// The chair (or the region's coordinator) approves the control: the quarter's figures as they
/// stand are frozen into the control, so later corrections of measurements or tasks show beside
/// them rather than change them.
pub async fn approve(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    version: i32,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    authorize_forum(db, actor, Action::ApprovePlan, forum_id).await?;
    let today = israel_date(now);
    check_ended(quarter, today)?;
    let Some(row) = get(db, forum_id, quarter).await? else {
        return Err(DomainError::validation("summary", codes::REQUIRED).into());
    };
    if *row.status == ControlStatus::Approved {
        return Err(DomainError::validation("quarter", codes::ALREADY_APPROVED).into());
    }
    conclusions(&row).check_approvable()?;
    let frozen = json(&view(db, forum_id, quarter, today).await?)?;
    let txn = db.begin().await?;
    let changes = quarterly_controls::ActiveModel {
        status: Set(ControlStatus::Approved.into()),
        approved_by: Set(Some(actor.user_id)),
        approved_at: Set(Some(now)),
        snapshot: Set(Some(frozen)),
        ..Default::default()
    };
    let write =
        VersionedWrite { entity: "control", action: "approve", id: row.id, expected: version, current: row.version };
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, "approve", "control", row.id, now).await?;
    txn.commit().await?;
    get(db, forum_id, quarter).await?.ok_or_else(|| DomainError::NotFound { entity: "control" }.into())
}

/// Corrects an approved control: the approved version is kept as it was, and the control
/// becomes its next number — the new conclusions, the figures as they stand now, who corrected
/// it and why.
#[allow(clippy::too_many_arguments)]
pub async fn correct(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    conclusions: Conclusions,
    reason: &str,
    version: i32,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    authorize_forum(db, actor, Action::ApprovePlan, forum_id).await?;
    let today = israel_date(now);
    let Some(row) = get(db, forum_id, quarter).await? else {
        return Err(DomainError::validation("quarter", codes::NOT_APPROVED_YET).into());
    };
    let reason = correction_reason(*row.status, reason)?;
    let conclusions = conclusions.validated()?;
    conclusions.check_approvable()?;
    let frozen = json(&view(db, forum_id, quarter, today).await?)?;
    let txn = db.begin().await?;
    quarterly_control_versions::ActiveModel {
        control_id: Set(row.id),
        number: Set(row.number),
        summary: Set(row.summary.clone()),
        focus_notes: Set(row.focus_notes.clone()),
        snapshot: Set(row.snapshot.clone()),
        approved_by: Set(row.approved_by),
        approved_at: Set(row.approved_at),
        correction_reason: Set(row.correction_reason.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = quarterly_controls::ActiveModel {
        summary: Set(conclusions.summary.clone()),
        focus_notes: Set(json(&conclusions.focus_notes)?),
        snapshot: Set(Some(frozen)),
        approved_by: Set(Some(actor.user_id)),
        approved_at: Set(Some(now)),
        number: Set(row.number + 1),
        correction_reason: Set(Some(reason)),
        ..Default::default()
    };
    let write =
        VersionedWrite { entity: "control", action: "correct", id: row.id, expected: version, current: row.version };
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, "correct", "control", row.id, now).await?;
    txn.commit().await?;
    get(db, forum_id, quarter).await?.ok_or_else(|| DomainError::NotFound { entity: "control" }.into())
}

/// The approved versions a control's corrections superseded, oldest first.
pub async fn earlier_versions(db: &Database, control_id: i64) -> StoreResult<Vec<quarterly_control_versions::Model>> {
    Ok(quarterly_control_versions::Entity::find()
        .filter(quarterly_control_versions::Column::ControlId.eq(control_id))
        .order_by_asc(quarterly_control_versions::Column::Number)
        .all(db)
        .await?)
}
