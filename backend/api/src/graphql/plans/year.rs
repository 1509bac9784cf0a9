//! A forum's year summary in GraphQL: the texts people write and the figures the product knows.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use tokio::sync::OnceCell;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::year::{FocusYearText, YearSummaryDraft};
use workit_persistence::entities::year_summaries;
use workit_persistence::plans::year::{self as store, FocusYear as StoredFocusYear};

use super::control::Execution;
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;

#[derive(SimpleObject)]
pub struct MetricYear {
    metric_id: ID,
    name: String,
    unit: String,
    target: Option<f64>,
    /// The last value before the year (or the year's first), and its quarter.
    from_quarter: Option<String>,
    from_value: Option<f64>,
    /// The year's last value, and its quarter.
    to_quarter: Option<String>,
    to_value: Option<f64>,
    change: Option<f64>,
}

#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "FocusYearInput")]
pub struct FocusYearTexts {
    focus_id: ID,
    #[graphql(default)]
    products: String,
    #[graphql(default)]
    successes: String,
    #[graphql(default)]
    efforts: String,
    #[graphql(default)]
    challenges: String,
    #[graphql(default)]
    lessons: String,
}

/// One focus's year: the figures, and what people wrote.
#[derive(SimpleObject)]
pub struct FocusYear {
    focus_id: ID,
    title: String,
    metrics: Vec<MetricYear>,
    execution: Execution,
    texts: FocusYearTexts,
}

#[derive(SimpleObject)]
pub struct QuarterOfYear {
    quarter: String,
    /// `NONE`, `DRAFT` or `APPROVED`.
    status: String,
    summary: String,
}

fn id(value: i64) -> ID {
    ID::from(value.to_string())
}

fn texts_of(focus_id: i64, text: Option<FocusYearText>) -> FocusYearTexts {
    let text = text.unwrap_or_default();
    FocusYearTexts {
        focus_id: id(focus_id),
        products: text.products,
        successes: text.successes,
        efforts: text.efforts,
        challenges: text.challenges,
        lessons: text.lessons,
    }
}

pub struct YearSummary {
    forum_id: i64,
    year: i32,
    row: Option<year_summaries::Model>,
    /// Computed once per answer, whichever of the fields asks first.
    figures: OnceCell<store::YearFigures>,
}

#[Object]
impl YearSummary {
    async fn year(&self) -> i32 {
        self.year
    }
    /// 0 before anyone wrote it.
    async fn version(&self) -> i32 {
        self.row.as_ref().map_or(0, |r| r.version)
    }
    async fn overall(&self) -> &str {
        self.row.as_ref().map_or("", |r| r.overall.as_str())
    }
    /// The forum's active focuses, each with its year's figures and texts.
    async fn focuses(&self, ctx: &Context<'_>) -> ApiResult<Vec<FocusYear>> {
        let figures = self.figures(ctx).await?;
        let texts = self.row.as_ref().map(store::texts).unwrap_or_default();
        Ok(figures
            .focuses
            .iter()
            .map(|f: &StoredFocusYear| FocusYear {
                focus_id: id(f.focus_id),
                texts: texts_of(f.focus_id, texts.iter().find(|t| t.focus_id == f.focus_id).cloned()),
                title: f.title.clone(),
                metrics: f
                    .metrics
                    .iter()
                    .map(|m| MetricYear {
                        metric_id: id(m.metric_id),
                        change: m.movement.change(),
                        from_quarter: m.movement.from.map(|(q, _)| q.to_string()),
                        from_value: m.movement.from.map(|(_, v)| v),
                        to_quarter: m.movement.to.map(|(q, _)| q.to_string()),
                        to_value: m.movement.to.map(|(_, v)| v),
                        name: m.name.clone(),
                        unit: m.unit.clone(),
                        target: m.target,
                    })
                    .collect(),
                execution: f.counts.into(),
            })
            .collect())
    }
    /// The year's plan against its execution.
    async fn execution(&self, ctx: &Context<'_>) -> ApiResult<Execution> {
        Ok(self.figures(ctx).await?.total.into())
    }
    /// The year's four quarterly controls (drafts only for those who edit the forum).
    async fn quarters(&self, ctx: &Context<'_>) -> ApiResult<Vec<QuarterOfYear>> {
        Ok(self
            .figures(ctx)
            .await?
            .quarters
            .iter()
            .map(|q| QuarterOfYear {
                quarter: q.quarter.to_string(),
                status: q.status.map_or("NONE", |s| s.as_str()).to_owned(),
                summary: q.summary.clone(),
            })
            .collect())
    }
}

impl YearSummary {
    fn new(forum_id: i64, year: i32, row: Option<year_summaries::Model>) -> Self {
        Self { forum_id, year, row, figures: OnceCell::new() }
    }

    async fn figures(&self, ctx: &Context<'_>) -> ApiResult<&store::YearFigures> {
        self.figures
            .get_or_try_init(|| async {
                let may_edit = workit_persistence::plans::may_edit(ctx.db(), ctx.actor()?, self.forum_id).await?;
                Ok(store::figures(ctx.db(), self.forum_id, self.year, israel_date(ctx.now()), may_edit).await?)
            })
            .await
    }
}

pub async fn year_summary_of(ctx: &Context<'_>, forum_id: i64, year: i32) -> ApiResult<YearSummary> {
    let row = store::get(ctx.db(), forum_id, year).await?;
    Ok(YearSummary::new(forum_id, year, row))
}

#[derive(InputObject)]
pub struct YearSummaryInput {
    #[graphql(default)]
    overall: String,
    #[graphql(default)]
    focuses: Vec<FocusYearTexts>,
}

#[derive(Default)]
pub struct YearSummaryMutation;

#[Object]
impl YearSummaryMutation {
    /// Writes a forum's year summary; `version` is the one the writer saw (omitted the first time).
    async fn save_year_summary(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        year: i32,
        input: YearSummaryInput,
        version: Option<i32>,
    ) -> ApiResult<YearSummary> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let focuses = input
            .focuses
            .into_iter()
            .map(|f| {
                Ok(FocusYearText {
                    focus_id: parse_id(&f.focus_id, "focuses")?,
                    products: f.products,
                    successes: f.successes,
                    efforts: f.efforts,
                    challenges: f.challenges,
                    lessons: f.lessons,
                })
            })
            .collect::<ApiResult<Vec<_>>>()?;
        let draft = YearSummaryDraft { overall: input.overall, focuses };
        let row = store::save(ctx.db(), ctx.actor()?, forum_id, year, draft, version, ctx.now()).await?;
        Ok(YearSummary::new(forum_id, year, Some(row)))
    }
}
