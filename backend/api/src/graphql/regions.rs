pub mod comparison;
pub mod indicators;

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use workit_domain::regions::RegionDraft;
use workit_persistence::entities::regions;
use workit_persistence::regions as store;

use super::ContextExt;
use crate::error::ApiResult;
use crate::graphql::arguments::parse_id;

pub struct Region(pub regions::Model);

#[Object]
impl Region {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name_he(&self) -> &str {
        &self.0.name_he
    }
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }
    /// The Arabic name, when one is kept (Arabic readers see the Hebrew one otherwise).
    async fn name_ar(&self) -> Option<&str> {
        self.0.name_ar.as_deref()
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

#[derive(InputObject)]
pub struct RegionInput {
    code: String,
    name_he: String,
    name_en: String,
    name_ar: Option<String>,
}

impl From<RegionInput> for RegionDraft {
    fn from(input: RegionInput) -> Self {
        Self { code: input.code, name_he: input.name_he, name_en: input.name_en, name_ar: input.name_ar }
    }
}

#[derive(Default)]
pub struct RegionQuery;

#[Object]
impl RegionQuery {
    async fn regions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Region>> {
        Ok(store::list(ctx.db(), ctx.actor()?).await?.into_iter().map(Region).collect())
    }

    async fn region(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Region> {
        Ok(Region(store::get(ctx.db(), ctx.actor()?, parse_id(&id, "id")?).await?))
    }
}

#[derive(Default)]
pub struct RegionMutation;

#[Object]
impl RegionMutation {
    async fn create_region(&self, ctx: &Context<'_>, input: RegionInput) -> ApiResult<Region> {
        Ok(Region(store::create(ctx.db(), ctx.actor()?, input.into(), ctx.now()).await?))
    }

    async fn update_region(&self, ctx: &Context<'_>, id: ID, version: i32, input: RegionInput) -> ApiResult<Region> {
        let id = parse_id(&id, "id")?;
        Ok(Region(store::update(ctx.db(), ctx.actor()?, id, version, input.into(), ctx.now()).await?))
    }
}
