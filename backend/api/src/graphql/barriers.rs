//! A town's employment barriers per population group, each with its practices and partners.

use async_graphql::{Context, ID, InputObject, Object};
use workit_domain::barriers::BarrierDraft;
use workit_persistence::barriers as store;
use workit_persistence::entities::barriers;

use super::ContextExt;
use super::arguments::{optional_id, parse_id};
use super::directory::Organisation;
use super::enums::{BarrierKind, Severity, TargetGroup};
use super::loaders::OrganisationKey;
use crate::error::ApiResult;

pub struct Barrier(barriers::Model);

#[Object]
impl Barrier {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn group(&self) -> TargetGroup {
        self.0.target_group.0.into()
    }
    async fn kind(&self) -> BarrierKind {
        self.0.kind.0.into()
    }
    async fn severity(&self) -> Severity {
        self.0.severity.0.into()
    }
    /// What releases it, in the town's words.
    async fn practices(&self) -> Option<&str> {
        self.0.practices.as_deref()
    }
    async fn partners(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
        let ids: Vec<OrganisationKey> = store::ids(&self.0.partner_ids).into_iter().map(OrganisationKey).collect();
        let found = ctx.loaders().load_many(ids).await?;
        let mut partners: Vec<Organisation> = found.into_values().map(Organisation).collect();
        partners.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        Ok(partners)
    }
    async fn focus_id(&self) -> Option<ID> {
        self.0.focus_id.map(|id| ID::from(id.to_string()))
    }
    async fn task_ids(&self) -> Vec<ID> {
        store::ids(&self.0.task_ids).into_iter().map(|id| ID::from(id.to_string())).collect()
    }
}

#[derive(InputObject)]
pub struct BarrierInput {
    group: TargetGroup,
    kind: BarrierKind,
    severity: Severity,
    practices: Option<String>,
    #[graphql(default)]
    partner_ids: Vec<ID>,
    focus_id: Option<ID>,
    #[graphql(default)]
    task_ids: Vec<ID>,
}

impl BarrierInput {
    fn draft(self) -> ApiResult<BarrierDraft> {
        let ids = |list: &[ID], field: &str| list.iter().map(|id| parse_id(id, field)).collect::<ApiResult<Vec<_>>>();
        Ok(BarrierDraft {
            group: self.group.into(),
            kind: self.kind.into(),
            severity: self.severity.into(),
            practices: self.practices,
            partner_ids: ids(&self.partner_ids, "partnerIds")?,
            focus_id: optional_id(self.focus_id.as_ref(), "focusId")?,
            task_ids: ids(&self.task_ids, "taskIds")?,
        })
    }
}

#[derive(Default)]
pub struct BarrierQuery;

#[Object]
impl BarrierQuery {
    /// The town's barriers (the matrix of population groups × barriers has a cell per row).
    #[graphql(complexity = "90 * child_complexity")]
    async fn barriers(&self, ctx: &Context<'_>, town_id: ID) -> ApiResult<Vec<Barrier>> {
        let town_id = parse_id(&town_id, "townId")?;
        ctx.actor()?;
        Ok(store::of_town(ctx.db(), town_id).await?.into_iter().map(Barrier).collect())
    }
}

#[derive(Default)]
pub struct BarrierMutation;

#[Object]
impl BarrierMutation {
    async fn create_barrier(&self, ctx: &Context<'_>, town_id: ID, input: BarrierInput) -> ApiResult<Barrier> {
        let town_id = parse_id(&town_id, "townId")?;
        Ok(Barrier(store::create(ctx.db(), ctx.actor()?, town_id, input.draft()?, ctx.now()).await?))
    }

    async fn update_barrier(&self, ctx: &Context<'_>, id: ID, version: i32, input: BarrierInput) -> ApiResult<Barrier> {
        let id = parse_id(&id, "id")?;
        Ok(Barrier(store::update(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }

    async fn delete_barrier(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<bool> {
        let id = parse_id(&id, "id")?;
        store::delete(ctx.db(), ctx.actor()?, id, version, ctx.now()).await?;
        Ok(true)
    }
}
