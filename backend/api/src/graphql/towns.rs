use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::towns::TownDraft;
use workit_domain::{Action, DomainError, Scope};
use workit_persistence::entities::{labour_offices, towns};
use workit_persistence::regions::indicators as indicator_store;
use workit_persistence::towns::{self as store, TownFilter};

use super::ContextExt;
use super::directory::PersonObject;
use super::forums::Forum;
use super::loaders::{ForumOfTown, LabourOfficeOfTown, PersonKey, RegionKey};
use super::page_cost;
use super::plans::control;
use super::regions::Region;
use super::regions::indicators::TownIndicators;
use crate::error::ApiResult;
use crate::graphql::arguments::{PageOf, optional_id, page, page_request, parse_id};

/// A town, with its forum when the read that found it fetched both (`None`: ask the loader).
pub struct Town(pub towns::Model, Option<Option<Forum>>);

impl From<towns::Model> for Town {
    fn from(town: towns::Model) -> Self {
        Self(town, None)
    }
}

#[Object]
impl Town {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
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
    async fn population(&self) -> Option<i64> {
        self.0.population
    }
    /// Socio-economic cluster of the Central Bureau of Statistics, 1 (lowest) to 10.
    async fn socio_economic_cluster(&self) -> Option<i32> {
        self.0.socio_economic_cluster
    }
    async fn archived(&self) -> bool {
        self.0.archived_at.is_some()
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Region> {
        let region = ctx.loaders().load_one(RegionKey(self.0.region_id)).await?;
        region.map(Region).ok_or_else(|| DomainError::NotFound { entity: "region" }.into())
    }
    /// The town's employment forum (one per town).
    async fn forum(&self, ctx: &Context<'_>) -> ApiResult<Option<Forum>> {
        if let Some(forum) = &self.1 {
            return Ok(forum.clone());
        }
        Ok(ctx.loaders().load_one(ForumOfTown(self.0.id)).await?.map(Forum::from))
    }
    async fn labour_office(&self, ctx: &Context<'_>) -> ApiResult<Option<LabourOffice>> {
        Ok(ctx.loaders().load_one(LabourOfficeOfTown(self.0.id)).await?.map(LabourOffice))
    }
    /// The town's employment indicators, newest period first (at most `last`, up to 40): small
    /// counts withheld unless the viewer belongs to the town.
    async fn indicators(&self, ctx: &Context<'_>, #[graphql(default = 12)] last: i32) -> ApiResult<TownIndicators> {
        let last = usize::try_from(last.clamp(1, 40)).unwrap_or(12);
        let threshold = ctx.app().config.suppression_threshold;
        let stored = indicator_store::of_town(ctx.db(), ctx.actor()?, self.0.id, last, threshold).await?;
        Ok(TownIndicators::new(stored, threshold))
    }
    /// What the signed-in account may do in this town: the permission policy's own answer, so
    /// the web app shows the controls the server will accept and keeps no copy of the rules.
    async fn viewer_may(&self, ctx: &Context<'_>) -> ApiResult<TownPermissions> {
        let actor = ctx.actor()?;
        let scope = Scope::Town { town: self.0.id, region: self.0.region_id };
        Ok(TownPermissions {
            edit_forum: actor.can(Action::EditForum, scope),
            edit_directory: actor.can(Action::EditDirectory, scope),
            change_stage: actor.can(Action::ChangeStage, scope),
            approve_minutes: actor.can(Action::ApproveMinutes, scope),
            approve_plan: actor.can(Action::ApprovePlan, scope),
            edit_indicators: actor.can(Action::EditIndicators, scope),
        })
    }
}

/// The town's labour office of the Employment Service.
pub struct LabourOffice(pub labour_offices::Model);

#[Object]
impl LabourOffice {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// The office manager, the forum's employment lead.
    async fn manager(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.manager_person_id else {
            return Ok(None);
        };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
}

/// What the signed-in account may do in one town.
#[derive(SimpleObject)]
pub struct TownPermissions {
    /// Plan meetings, their agendas, attendance, decisions and minutes; edit bodies and members.
    edit_forum: bool,
    /// Add and edit the town's organisations and people.
    edit_directory: bool,
    /// Move the forum to another stage.
    change_stage: bool,
    /// Approve minutes (which locks them).
    approve_minutes: bool,
    /// Approve the year's work plan.
    approve_plan: bool,
    /// Import and correct the town's employment indicators.
    edit_indicators: bool,
}

#[derive(InputObject)]
pub struct TownInput {
    region_id: ID,
    name_he: String,
    name_en: String,
    name_ar: Option<String>,
    population: Option<i64>,
    socio_economic_cluster: Option<i32>,
}

impl TownInput {
    fn draft(self) -> ApiResult<TownDraft> {
        Ok(TownDraft {
            region_id: parse_id(&self.region_id, "regionId")?,
            name_he: self.name_he,
            name_en: self.name_en,
            name_ar: self.name_ar,
            population: self.population,
            socio_economic_cluster: self.socio_economic_cluster,
        })
    }
}

#[derive(Default)]
pub struct TownQuery;

#[Object]
impl TownQuery {
    /// Towns, ordered by region and name; `search` matches the Hebrew, English or Arabic name.
    #[graphql(complexity = "page_cost(limit, child_complexity)")]
    async fn towns(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        region_id: Option<ID>,
        #[graphql(default = false)] include_archived: bool,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> ApiResult<PageOf<Town>> {
        let filter = TownFilter { search, region_id: optional_id(region_id.as_ref(), "regionId")?, include_archived };
        Ok(page(store::list(ctx.db(), ctx.actor()?, &filter, page_request(ctx, offset, limit)?).await?, Town::from))
    }

    async fn town(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Town> {
        let (actor, id) = (ctx.actor()?, parse_id(&id, "id")?);
        let forum = ctx.look_ahead().field("forum");
        // A control page: the town and its forum come in the control's statement.
        if let Some(asked) = control::asked_below(&forum) {
            let (town, forum) = control::with_levels(ctx, control::Key::Town(id), asked).await?;
            return Ok(Town(town, Some(forum)));
        }
        // Most town pages show its forum: asked for, it comes with the town in one statement.
        if forum.exists() {
            let (town, forum) = store::get_with_forum(ctx.db(), actor, id).await?;
            return Ok(Town(town, Some(forum.map(Forum::from))));
        }
        Ok(Town::from(store::get(ctx.db(), actor, id).await?))
    }
}

#[derive(Default)]
pub struct TownMutation;

#[Object]
impl TownMutation {
    /// Creates a town together with its forum, which starts at stage 1.
    async fn create_town(&self, ctx: &Context<'_>, input: TownInput) -> ApiResult<Town> {
        Ok(Town::from(store::create(ctx.db(), ctx.actor()?, input.draft()?, ctx.now()).await?))
    }

    /// Archiving hides a town from lists and keeps everything it holds; `archived: false` restores it.
    async fn set_town_archived(&self, ctx: &Context<'_>, id: ID, version: i32, archived: bool) -> ApiResult<Town> {
        let id = parse_id(&id, "id")?;
        Ok(Town::from(store::archive(ctx.db(), ctx.actor()?, id, version, archived, ctx.now()).await?))
    }

    async fn update_town(&self, ctx: &Context<'_>, id: ID, version: i32, input: TownInput) -> ApiResult<Town> {
        let id = parse_id(&id, "id")?;
        Ok(Town::from(store::update(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }
}
