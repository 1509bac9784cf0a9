use std::borrow::Cow;

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use workit_domain::DomainError;
use workit_domain::directory::{self as rules, OrganisationDraft, PersonDraft};
use workit_persistence::directory::{self as store, DirectoryFilter, Person};
use workit_persistence::entities::organisations;

use super::ContextExt;
use super::enums::{Sector, Seniority};
use super::loaders::{OrganisationKey, PersonKey, TownKey};
use super::page_cost;
use super::towns::Town;
use crate::error::ApiResult;
use crate::graphql::arguments::{PageOf, optional_id, page, page_request, parse_id};

async fn town_of(ctx: &Context<'_>, town_id: i64) -> ApiResult<Town> {
    let town = ctx.loaders().load_one(TownKey(town_id)).await?;
    town.map(Town::from).ok_or_else(|| DomainError::NotFound { entity: "town" }.into())
}

pub struct Organisation(pub organisations::Model);

#[Object]
impl Organisation {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn sector(&self) -> ApiResult<Sector> {
        Ok(self.0.sector.0.into())
    }
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
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
    async fn town(&self, ctx: &Context<'_>) -> ApiResult<Town> {
        town_of(ctx, self.0.town_id).await
    }
}

/// A person of a town's directory. Contact details are null where the caller may not read them.
#[derive(Clone)]
pub struct PersonObject {
    person: Person,
    /// The person's organisation when a deep read fetched it with the person; `None` when it is
    /// left to the organisation loader.
    organisation: Option<Option<organisations::Model>>,
}

impl From<Person> for PersonObject {
    fn from(person: Person) -> Self {
        Self { person, organisation: None }
    }
}

impl PersonObject {
    pub fn with_organisation(person: Person, organisation: Option<organisations::Model>) -> Self {
        Self { person, organisation: Some(organisation) }
    }

    /// A row's person: lent when the read that found the row brought it (a member, an invitee),
    /// otherwise loaded by `id` in the request's batch.
    pub async fn lent_or_loaded<'a>(
        ctx: &Context<'_>,
        read_with_the_row: &'a Option<PersonObject>,
        id: i64,
    ) -> ApiResult<Cow<'a, PersonObject>> {
        if let Some(person) = read_with_the_row {
            return Ok(Cow::Borrowed(person));
        }
        let person = ctx.loaders().load_one(PersonKey(id)).await?;
        let person = person.ok_or(DomainError::NotFound { entity: "person" })?;
        Ok(Cow::Owned(PersonObject::from(person)))
    }
}

#[Object(name = "Person")]
impl PersonObject {
    async fn id(&self) -> ID {
        ID::from(self.person.row.id.to_string())
    }
    async fn full_name(&self) -> &str {
        &self.person.row.full_name
    }
    async fn job_title(&self) -> Option<&str> {
        self.person.row.job_title.as_deref()
    }
    async fn seniority(&self) -> ApiResult<Option<Seniority>> {
        Ok(self.person.row.seniority.map(|s| s.0.into()))
    }
    async fn email(&self) -> Option<&str> {
        self.person.row.email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.person.row.phone.as_deref()
    }
    /// False when the caller may not read this person's contact details (another town).
    async fn contacts_visible(&self) -> bool {
        self.person.contacts_visible
    }
    async fn archived(&self) -> bool {
        self.person.row.archived_at.is_some()
    }
    async fn version(&self) -> i32 {
        self.person.row.version
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.person.row.updated_at
    }
    async fn town(&self, ctx: &Context<'_>) -> ApiResult<Town> {
        town_of(ctx, self.person.row.town_id).await
    }
    async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
        if let Some(organisation) = &self.organisation {
            return Ok(organisation.clone().map(Organisation));
        }
        let Some(id) = self.person.row.organisation_id else {
            return Ok(None);
        };
        Ok(ctx.loaders().load_one(OrganisationKey(id)).await?.map(Organisation))
    }
}

#[derive(InputObject)]
pub struct OrganisationInput {
    name: String,
    sector: Sector,
    website: Option<String>,
    notes: Option<String>,
}

impl OrganisationInput {
    fn draft(self) -> OrganisationDraft {
        let sector: rules::Sector = self.sector.into();
        OrganisationDraft { name: self.name, sector, website: self.website, notes: self.notes }
    }
}

#[derive(InputObject)]
pub struct PersonInput {
    organisation_id: Option<ID>,
    full_name: String,
    job_title: Option<String>,
    seniority: Option<Seniority>,
    email: Option<String>,
    phone: Option<String>,
}

impl PersonInput {
    fn draft(self) -> ApiResult<PersonDraft> {
        Ok(PersonDraft {
            organisation_id: optional_id(self.organisation_id.as_ref(), "organisationId")?,
            full_name: self.full_name,
            job_title: self.job_title,
            seniority: self.seniority.map(rules::Seniority::from),
            email: self.email,
            phone: self.phone,
        })
    }
}

#[derive(Default)]
pub struct DirectoryQuery;

#[Object]
impl DirectoryQuery {
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "page_cost(limit, child_complexity)")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        town_id: Option<ID>,
        sector: Option<Sector>,
        search: Option<String>,
        #[graphql(default = false)] include_archived: bool,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> ApiResult<PageOf<Organisation>> {
        let filter = DirectoryFilter {
            town_id: optional_id(town_id.as_ref(), "townId")?,
            sector: sector.map(|s| rules::Sector::from(s).as_str().to_owned()),
            search,
            include_archived,
            ..Default::default()
        };
        Ok(page(
            store::list_organisations(ctx.db(), ctx.actor()?, &filter, page_request(ctx, offset, limit)?).await?,
            Organisation,
        ))
    }

    async fn organisation(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Organisation> {
        Ok(Organisation(store::get_organisation(ctx.db(), ctx.actor()?, parse_id(&id, "id")?).await?))
    }

    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "page_cost(limit, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        town_id: Option<ID>,
        organisation_id: Option<ID>,
        search: Option<String>,
        #[graphql(default = false)] include_archived: bool,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> ApiResult<PageOf<PersonObject>> {
        let filter = DirectoryFilter {
            town_id: optional_id(town_id.as_ref(), "townId")?,
            organisation_id: optional_id(organisation_id.as_ref(), "organisationId")?,
            search,
            include_archived,
            ..Default::default()
        };
        Ok(page(
            store::list_people(ctx.db(), ctx.actor()?, &filter, page_request(ctx, offset, limit)?).await?,
            PersonObject::from,
        ))
    }

    async fn person(&self, ctx: &Context<'_>, id: ID) -> ApiResult<PersonObject> {
        Ok(PersonObject::from(store::get_person(ctx.db(), ctx.actor()?, parse_id(&id, "id")?).await?))
    }
}

#[derive(Default)]
pub struct DirectoryMutation;

#[Object]
impl DirectoryMutation {
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        town_id: ID,
        input: OrganisationInput,
    ) -> ApiResult<Organisation> {
        let town_id = parse_id(&town_id, "townId")?;
        Ok(Organisation(store::create_organisation(ctx.db(), ctx.actor()?, town_id, input.draft(), ctx.now()).await?))
    }

    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: OrganisationInput,
    ) -> ApiResult<Organisation> {
        let id = parse_id(&id, "id")?;
        // The town is the organisation's own; the repository keeps it.
        Ok(Organisation(
            store::update_organisation(ctx.db(), ctx.actor()?, id, version, input.draft(), ctx.now()).await?,
        ))
    }

    /// Archiving hides an organisation from lists and keeps its history; `archived: false` restores it.
    async fn set_organisation_archived(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        archived: bool,
    ) -> ApiResult<Organisation> {
        let id = parse_id(&id, "id")?;
        Ok(Organisation(store::archive_organisation(ctx.db(), ctx.actor()?, id, version, archived, ctx.now()).await?))
    }

    async fn create_person(&self, ctx: &Context<'_>, town_id: ID, input: PersonInput) -> ApiResult<PersonObject> {
        let town_id = parse_id(&town_id, "townId")?;
        Ok(PersonObject::from(store::create_person(ctx.db(), ctx.actor()?, town_id, input.draft()?, ctx.now()).await?))
    }

    async fn update_person(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: PersonInput,
    ) -> ApiResult<PersonObject> {
        let id = parse_id(&id, "id")?;
        Ok(PersonObject::from(
            store::update_person(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?,
        ))
    }

    async fn set_person_archived(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        archived: bool,
    ) -> ApiResult<PersonObject> {
        let id = parse_id(&id, "id")?;
        Ok(PersonObject::from(store::archive_person(ctx.db(), ctx.actor()?, id, version, archived, ctx.now()).await?))
    }
}
