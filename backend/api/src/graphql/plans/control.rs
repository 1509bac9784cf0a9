//! Quarterly control in GraphQL: the quarter's figures as they stand (`live`) and as approved
//! (`approved`), the conclusions, and the approval.

use async_graphql::{Context, ID, InputObject, Lookahead, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::control::{Conclusions, ExecutionCounts};
use workit_persistence::entities::{quarterly_control_versions, quarterly_controls, towns};
pub use workit_persistence::plans::control::Key;
use workit_persistence::plans::control::{self as store, ControlView};
use workit_persistence::plans::proposals;

use super::proposals::PlanChangeProposal;
use super::quarter_arg;
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;
use crate::graphql::forums::Forum;
use crate::graphql::lifecycle::HealthSignal;
use crate::graphql::loaders::UserNameKey;
use crate::graphql::meetings::Meeting;

/// Plan against execution: tasks due in the quarter by outcome, and work done ahead of time.
#[derive(SimpleObject)]
pub struct Execution {
    due: u32,
    done: u32,
    late: u32,
    dropped: u32,
    open: u32,
    done_early: u32,
}

impl From<ExecutionCounts> for Execution {
    fn from(c: ExecutionCounts) -> Self {
        Self { due: c.due, done: c.done, late: c.late, dropped: c.dropped, open: c.open, done_early: c.done_early }
    }
}

#[derive(SimpleObject)]
pub struct ControlMetric {
    metric_id: ID,
    name: String,
    unit: String,
    recorder_person_id: Option<ID>,
    /// Who records the metric.
    recorder_name: Option<String>,
    target: Option<f64>,
    value: Option<f64>,
    expected: Option<f64>,
    /// `ON_TRACK`, `AT_RISK`, `OFF_TRACK` or `NO_DATA`.
    status: String,
    previous: Option<f64>,
    change_since_previous: Option<f64>,
    change_since_baseline: Option<f64>,
}

#[derive(SimpleObject)]
pub struct ControlTask {
    task_id: ID,
    title: String,
    body_id: Option<ID>,
    /// `DONE`, `LATE`, `DROPPED`, `OPEN` or `DONE_EARLY`.
    execution: String,
    dropped_reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct ControlFocus {
    focus_id: ID,
    title: String,
    metrics: Vec<ControlMetric>,
    tasks: Vec<ControlTask>,
    execution: Execution,
}

#[derive(SimpleObject)]
pub struct ControlTeam {
    body_id: ID,
    name: String,
    execution: Execution,
}

#[derive(SimpleObject)]
pub struct ControlDecision {
    decision_id: ID,
    text: String,
    meeting_id: ID,
    due_on: Option<NaiveDate>,
}

/// The quarter's figures.
#[derive(SimpleObject)]
pub struct ControlFigures {
    quarter: String,
    focuses: Vec<ControlFocus>,
    teams: Vec<ControlTeam>,
    total: Execution,
    other_tasks: Vec<ControlTask>,
    open_decisions: Vec<ControlDecision>,
    /// The forum's attendance against two thirds and the rhythm of its meetings, as the
    /// quarter ended.
    health: Vec<HealthSignal>,
}

fn id(value: i64) -> ID {
    ID::from(value.to_string())
}

fn task(t: store::TaskLine) -> ControlTask {
    ControlTask {
        task_id: id(t.task_id),
        title: t.title,
        body_id: t.body_id.map(id),
        execution: t.execution,
        dropped_reason: t.dropped_reason,
    }
}

impl From<ControlView> for ControlFigures {
    fn from(v: ControlView) -> Self {
        Self {
            quarter: v.quarter,
            focuses: v
                .focuses
                .into_iter()
                .map(|f| ControlFocus {
                    focus_id: id(f.focus_id),
                    title: f.title,
                    metrics: f
                        .metrics
                        .into_iter()
                        .map(|m| ControlMetric {
                            metric_id: id(m.metric_id),
                            name: m.name,
                            unit: m.unit,
                            recorder_person_id: m.recorder_person_id.map(id),
                            recorder_name: m.recorder_name,
                            target: m.target,
                            value: m.at.value,
                            expected: m.at.expected,
                            status: m.at.status,
                            previous: m.at.previous,
                            change_since_previous: m.at.change_since_previous,
                            change_since_baseline: m.at.change_since_baseline,
                        })
                        .collect(),
                    tasks: f.tasks.into_iter().map(task).collect(),
                    execution: f.counts.into(),
                })
                .collect(),
            teams: v
                .teams
                .into_iter()
                .map(|t| ControlTeam { body_id: id(t.body_id), name: t.name, execution: t.counts.into() })
                .collect(),
            total: v.total.into(),
            other_tasks: v.other_tasks.into_iter().map(task).collect(),
            open_decisions: v
                .open_decisions
                .into_iter()
                .map(|d| ControlDecision {
                    decision_id: id(d.decision_id),
                    text: d.text,
                    meeting_id: id(d.meeting_id),
                    due_on: d.due_on,
                })
                .collect(),
            health: v.health.into_iter().map(HealthSignal::from).collect(),
        }
    }
}

#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "FocusNoteInput")]
pub struct FocusNote {
    focus_id: ID,
    note: String,
}

/// The control of one forum for one quarter.
#[derive(Clone)]
pub struct QuarterControl {
    pub forum_id: i64,
    pub quarter: Quarter,
    pub row: Option<quarterly_controls::Model>,
    /// The figures, when they were read together with the record.
    pub live: Option<ControlView>,
}

impl QuarterControl {
    fn stored(forum_id: i64, quarter: Quarter, row: quarterly_controls::Model) -> Self {
        Self { forum_id, quarter, row: Some(row), live: None }
    }
}

/// The parts of the figures a selection of `live` shows: execution and health cost statements
/// of their own and are read only when asked for.
fn parts_asked(live: &async_graphql::Lookahead<'_>) -> store::Parts {
    let focuses = live.field("focuses");
    store::Parts {
        execution: focuses.field("tasks").exists()
            || focuses.field("execution").exists()
            || ["teams", "total", "otherTasks"].iter().any(|f| live.field(f).exists()),
        health: live.field("health").exists(),
    }
}

#[Object]
impl QuarterControl {
    async fn quarter(&self) -> String {
        self.quarter.to_string()
    }
    /// `NONE` before anyone wrote conclusions, then `DRAFT`, then `APPROVED`.
    async fn status(&self) -> &str {
        self.row.as_ref().map_or("NONE", |r| r.status.as_str())
    }
    async fn summary(&self) -> &str {
        self.row.as_ref().map_or("", |r| r.summary.as_str())
    }
    async fn focus_notes(&self) -> Vec<FocusNote> {
        let Some(row) = &self.row else { return Vec::new() };
        store::conclusions(row).focus_notes.into_iter().map(|(f, note)| FocusNote { focus_id: id(f), note }).collect()
    }
    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.row.as_ref().and_then(|r| r.approved_at)
    }
    async fn approved_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.row.as_ref().and_then(|r| r.approved_by) else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
    /// The version of the stored control (0 before there is one).
    async fn version(&self) -> i32 {
        self.row.as_ref().map_or(0, |r| r.version)
    }
    /// The figures as they stand today.
    async fn live(&self, ctx: &Context<'_>) -> ApiResult<ControlFigures> {
        if let Some(view) = &self.live {
            return Ok(view.clone().into());
        }
        let parts = parts_asked(&ctx.look_ahead());
        let view = store::view_of(ctx.db(), self.forum_id, self.quarter, israel_date(ctx.now()), parts).await?;
        Ok(view.into())
    }
    /// The figures as they were approved; corrections made since show only in `live`.
    async fn approved(&self) -> Option<ControlFigures> {
        self.row.as_ref().and_then(store::snapshot).map(Into::into)
    }
    /// 1 for the first approval, one more for each correction after it.
    async fn number(&self) -> i32 {
        self.row.as_ref().map_or(1, |r| r.number)
    }
    /// Why the approved control was corrected (from number 2 on).
    async fn correction_reason(&self) -> Option<&str> {
        self.row.as_ref().and_then(|r| r.correction_reason.as_deref())
    }
    /// The approved versions that corrections superseded, oldest first.
    async fn earlier_versions(&self, ctx: &Context<'_>) -> ApiResult<Vec<ControlVersion>> {
        let Some(row) = &self.row else { return Ok(Vec::new()) };
        Ok(store::earlier_versions(ctx.db(), row.id).await?.into_iter().map(ControlVersion).collect())
    }
    /// The plan changes the control proposes, and what became of them.
    async fn plan_changes(&self, ctx: &Context<'_>) -> ApiResult<Vec<PlanChangeProposal>> {
        let Some(row) = &self.row else { return Ok(Vec::new()) };
        Ok(proposals::by_control_ids(ctx.db(), &[row.id]).await?.into_iter().map(PlanChangeProposal).collect())
    }
    /// The forum meeting the control was brought to.
    async fn meeting(&self, ctx: &Context<'_>) -> ApiResult<Option<Meeting>> {
        let Some(row) = &self.row else { return Ok(None) };
        Ok(proposals::meeting_of(ctx.db(), row).await?.map(Meeting))
    }
}

/// An approved version of a control that a correction superseded.
pub struct ControlVersion(quarterly_control_versions::Model);

#[Object]
impl ControlVersion {
    async fn number(&self) -> i32 {
        self.0.number
    }
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.approved_at
    }
    async fn approved_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.0.approved_by else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
    async fn correction_reason(&self) -> Option<&str> {
        self.0.correction_reason.as_deref()
    }
    async fn figures(&self) -> Option<ControlFigures> {
        self.0.snapshot.as_deref().and_then(|json| serde_json::from_str::<ControlView>(json).ok()).map(Into::into)
    }
}

pub async fn control_of(
    ctx: &Context<'_>,
    forum_id: i64,
    quarter: &str,
    read_above: Option<&ReadAbove>,
) -> ApiResult<QuarterControl> {
    let quarter = quarter_arg(quarter, "quarter")?;
    let (actor, asked) = (ctx.actor()?, ctx.look_ahead());
    let live = asked.field("live");
    if !live.exists() {
        let row = store::visible(ctx.db(), actor, forum_id, quarter).await?;
        return Ok(QuarterControl { forum_id, quarter, row, live: None });
    }
    let parts = parts_asked(&live);
    if let Some(read) = read_above.filter(|read| read.asked == ControlAsked { quarter, parts }) {
        return Ok(read.control.clone());
    }
    // A control page shows the record and the figures: they come from one read.
    let today = israel_date(ctx.now());
    let (row, live) = store::visible_with_view(ctx.db(), actor, forum_id, quarter, today, parts).await?;
    Ok(QuarterControl { forum_id, quarter, row, live: Some(live) })
}

/// The quarter and the parts of the figures a selection of `control { live }` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlAsked {
    quarter: Quarter,
    parts: store::Parts,
}

/// A control read with the levels above it, kept on its forum for the `control` field that
/// asked for it.
pub struct ReadAbove {
    asked: ControlAsked,
    control: QuarterControl,
}

/// The control with figures asked below a forum's selection (`forum` looks ahead at it), when
/// exactly one is: a page that asks for a town or a forum and its control with figures reads
/// them in one statement (`with_levels`). An argument that does not parse is left to the
/// `control` field to refuse.
pub fn asked_below(forum: &Lookahead<'_>) -> Option<ControlAsked> {
    let mut with_figures =
        forum.field("control").selection_fields().into_iter().filter(|c| Lookahead::from(*c).field("live").exists());
    let control = with_figures.next()?;
    if with_figures.next().is_some() {
        return None;
    }
    let quarter = control.arguments().ok()?.into_iter().find_map(|(name, value)| match value {
        async_graphql::Value::String(text) if name.as_str() == "quarter" => Quarter::parse(&text),
        _ => None,
    })?;
    Some(ControlAsked { quarter, parts: parts_asked(&Lookahead::from(control).field("live")) })
}

/// The town and the forum `key` names, the forum carrying its control as `asked` (see
/// `asked_below`).
pub async fn with_levels(ctx: &Context<'_>, key: Key, asked: ControlAsked) -> ApiResult<(towns::Model, Option<Forum>)> {
    let today = israel_date(ctx.now());
    let read = store::with_levels(ctx.db(), ctx.actor()?, key, asked.quarter, today, asked.parts).await?;
    let forum = read.forum.zip(read.control).map(|(forum, (row, live))| {
        let control = QuarterControl { forum_id: forum.id, quarter: asked.quarter, row, live: Some(live) };
        Forum::with_control(forum, ReadAbove { asked, control })
    });
    Ok((read.town, forum))
}

#[derive(InputObject)]
pub struct ConclusionsInput {
    summary: String,
    #[graphql(default)]
    focus_notes: Vec<FocusNote>,
}

impl ConclusionsInput {
    fn into_conclusions(self) -> ApiResult<Conclusions> {
        let focus_notes = self
            .focus_notes
            .into_iter()
            .map(|n| Ok((parse_id(&n.focus_id, "focusNotes")?, n.note)))
            .collect::<ApiResult<Vec<_>>>()?;
        Ok(Conclusions { summary: self.summary, focus_notes })
    }
}

#[derive(Default)]
pub struct ControlMutation;

#[Object]
impl ControlMutation {
    /// Writes the conclusions of a quarter that has ended; `version` is the control's version the
    /// writer saw (omitted for the first write).
    async fn save_control(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        quarter: String,
        input: ConclusionsInput,
        version: Option<i32>,
    ) -> ApiResult<QuarterControl> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let quarter = quarter_arg(&quarter, "quarter")?;
        let conclusions = input.into_conclusions()?;
        let row = store::save(ctx.db(), ctx.actor()?, forum_id, quarter, conclusions, version, ctx.now()).await?;
        Ok(QuarterControl::stored(forum_id, quarter, row))
    }

    /// The chair (or the region's coordinator) approves the control; its figures are frozen.
    async fn approve_control(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        quarter: String,
        version: i32,
    ) -> ApiResult<QuarterControl> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let quarter = quarter_arg(&quarter, "quarter")?;
        let row = store::approve(ctx.db(), ctx.actor()?, forum_id, quarter, version, ctx.now()).await?;
        Ok(QuarterControl::stored(forum_id, quarter, row))
    }

    /// Corrects an approved control with a reason: the approved version is kept, and the
    /// control becomes its next number with the new conclusions and today's figures.
    async fn correct_control(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        quarter: String,
        input: ConclusionsInput,
        reason: String,
        version: i32,
    ) -> ApiResult<QuarterControl> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let quarter = quarter_arg(&quarter, "quarter")?;
        let conclusions = input.into_conclusions()?;
        let row =
            store::correct(ctx.db(), ctx.actor()?, forum_id, quarter, conclusions, &reason, version, ctx.now()).await?;
        Ok(QuarterControl::stored(forum_id, quarter, row))
    }
}
