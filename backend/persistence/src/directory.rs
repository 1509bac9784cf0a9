//! The directory of each town: organisations and people. Names are visible to every signed-in
//! account; people's contact details only to those the policy lets read them.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use workit_domain::directory::{OrganisationDraft, PersonDraft, ValidOrganisation, ValidPerson, check_same_town};
use workit_domain::{Action, Actor, DomainError, SystemRole, TownId};

use crate::entities::{organisations, people};
use crate::joined::AllByPosition;
use crate::scope::contains_any;
use crate::versioned::{VersionedWrite, archive_if_current, insert_audited, not_found, write_if_current};
use crate::{Database, Page, PageRequest, StoreResult, scope, towns};

#[derive(Debug, Default, Clone)]
pub struct DirectoryFilter {
    pub town_id: Option<TownId>,
    pub organisation_id: Option<i64>,
    pub sector: Option<String>,
    pub search: Option<String>,
    pub include_archived: bool,
}

pub async fn list_organisations(
    db: &Database,
    _actor: &Actor,
    filter: &DirectoryFilter,
    page: PageRequest,
) -> StoreResult<Page<organisations::Model>> {
    let mut query = organisations::Entity::find();
    if let Some(town) = filter.town_id {
        query = query.filter(organisations::Column::TownId.eq(town));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(organisations::Column::Sector.eq(sector.as_str()));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        query = query.filter(contains_any(&[organisations::Column::Name], search));
    }
    if !filter.include_archived {
        query = query.filter(organisations::Column::ArchivedAt.is_null());
    }
    crate::page::fetch(db, query.order_by_asc(organisations::Column::Name), page).await
}

pub async fn get_organisation(db: &Database, _actor: &Actor, id: i64) -> StoreResult<organisations::Model> {
    organisations::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("organisation"))
}

pub async fn organisations_by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<organisations::Model>> {
    Ok(organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(ids.iter().copied()))
        .all_by_position(db)
        .await?)
}

pub async fn create_organisation(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    draft: OrganisationDraft,
    now: DateTime<Utc>,
) -> StoreResult<organisations::Model> {
    actor.authorize(Action::EditDirectory, scope::town(db, town_id).await?)?;
    let valid = draft.validated()?;
    let row =
        organisations::ActiveModel { town_id: Set(town_id), archived_at: Set(None), ..organisation_fields(valid) };
    let organisation = insert_audited(db, actor, "organisation", row, now).await?;
    Ok(organisation)
}

/// What a person enters about an organisation, as the columns it sets.
fn organisation_fields(valid: ValidOrganisation) -> organisations::ActiveModel {
    organisations::ActiveModel {
        name: Set(valid.name),
        sector: Set(valid.sector.into()),
        website: Set(valid.website),
        notes: Set(valid.notes),
        ..Default::default()
    }
}

/// Updates an organisation (it stays in its town).
pub async fn update_organisation(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: OrganisationDraft,
    now: DateTime<Utc>,
) -> StoreResult<organisations::Model> {
    let current = get_organisation(db, actor, id).await?;
    actor.authorize(Action::EditDirectory, scope::town(db, current.town_id).await?)?;
    let valid = draft.validated()?;
    let changes = organisation_fields(valid);
    let write = VersionedWrite::update("organisation", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    get_organisation(db, actor, id).await
}

pub async fn archive_organisation(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<organisations::Model> {
    let current = get_organisation(db, actor, id).await?;
    actor.authorize(Action::EditDirectory, scope::town(db, current.town_id).await?)?;
    archive_if_current::<organisations::Entity, organisations::ActiveModel>(
        db,
        actor,
        "organisation",
        (id, version, current.version),
        archived,
        now,
    )
    .await?;
    get_organisation(db, actor, id).await
}

/// A person as the actor may see them: contact details are blanked outside the actor's towns.
#[derive(Debug, Clone)]
pub struct Person {
    pub row: people::Model,
    pub contacts_visible: bool,
}

/// The towns whose contact details the actor may read; `None` means all.
pub async fn contact_towns(db: &Database, actor: &Actor) -> StoreResult<Option<BTreeSet<TownId>>> {
    let region_towns = match (actor.system_role, actor.region) {
        (SystemRole::RegionalCoordinator, Some(region)) => towns::ids_in_region(db, region).await?,
        _ => Vec::new(),
    };
    Ok(actor.contact_towns(|_| region_towns))
}

/// Rows read joined to their person (`select_also(people::Entity)`), with each person as `actor`
/// may see them; a row whose person is missing is left out.
pub(crate) async fn with_people<T>(
    db: &Database,
    actor: &Actor,
    rows: Vec<(T, people::Model)>,
) -> StoreResult<Vec<(T, Person)>> {
    let (rows, people): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let visible = contact_towns(db, actor).await?;
    Ok(rows.into_iter().zip(redact(people, &visible)).collect())
}

pub(crate) fn redact(rows: Vec<people::Model>, visible: &Option<BTreeSet<TownId>>) -> Vec<Person> {
    rows.into_iter()
        .map(|mut row| {
            let contacts_visible = visible.as_ref().is_none_or(|towns| towns.contains(&row.town_id));
            if !contacts_visible {
                row.email = None;
                row.phone = None;
            }
            Person { row, contacts_visible }
        })
        .collect()
}

pub async fn list_people(
    db: &Database,
    actor: &Actor,
    filter: &DirectoryFilter,
    page: PageRequest,
) -> StoreResult<Page<Person>> {
    let mut query = people::Entity::find();
    if let Some(town) = filter.town_id {
        query = query.filter(people::Column::TownId.eq(town));
    }
    if let Some(organisation) = filter.organisation_id {
        query = query.filter(people::Column::OrganisationId.eq(organisation));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        query = query.filter(contains_any(&[people::Column::FullName, people::Column::JobTitle], search));
    }
    if !filter.include_archived {
        query = query.filter(people::Column::ArchivedAt.is_null());
    }
    let rows = crate::page::fetch(db, query.order_by_asc(people::Column::FullName), page).await?;
    let visible = contact_towns(db, actor).await?;
    Ok(rows.map_items(|items| redact(items, &visible)))
}

pub async fn get_person(db: &Database, actor: &Actor, id: i64) -> StoreResult<Person> {
    people_by_ids(db, actor, &[id]).await?.pop().ok_or_else(|| not_found("person"))
}

pub async fn people_by_ids(db: &Database, actor: &Actor, ids: &[i64]) -> StoreResult<Vec<Person>> {
    let rows = people::Entity::find().filter(people::Column::Id.is_in(ids.iter().copied())).all_by_position(db).await?;
    let visible = contact_towns(db, actor).await?;
    Ok(redact(rows, &visible))
}

async fn check_organisation(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    organisation_id: Option<i64>,
) -> StoreResult<()> {
    if let Some(organisation_id) = organisation_id {
        let organisation = get_organisation(db, actor, organisation_id)
            .await
            .map_err(|_| DomainError::validation("organisationId", workit_domain::validation::codes::INVALID_CHOICE))?;
        check_same_town(town_id, organisation.town_id)?;
    }
    Ok(())
}

pub async fn create_person(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    draft: PersonDraft,
    now: DateTime<Utc>,
) -> StoreResult<Person> {
    actor.authorize(Action::EditDirectory, scope::town(db, town_id).await?)?;
    let valid = draft.validated()?;
    check_organisation(db, actor, town_id, valid.organisation_id).await?;
    let row = people::ActiveModel { town_id: Set(town_id), archived_at: Set(None), ..person_fields(valid) };
    let person = insert_audited(db, actor, "person", row, now).await?;
    get_person(db, actor, person.id).await
}

/// What a person enters about a person, as the columns it sets.
fn person_fields(valid: ValidPerson) -> people::ActiveModel {
    people::ActiveModel {
        organisation_id: Set(valid.organisation_id),
        full_name: Set(valid.full_name),
        job_title: Set(valid.job_title),
        seniority: Set(valid.seniority.map(Into::into)),
        email: Set(valid.email),
        phone: Set(valid.phone),
        ..Default::default()
    }
}

pub async fn update_person(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: PersonDraft,
    now: DateTime<Utc>,
) -> StoreResult<Person> {
    let current = get_person(db, actor, id).await?.row;
    actor.authorize(Action::EditDirectory, scope::town(db, current.town_id).await?)?;
    let valid = draft.validated()?;
    check_organisation(db, actor, current.town_id, valid.organisation_id).await?;
    let changes = person_fields(valid);
    let write = VersionedWrite::update("person", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    get_person(db, actor, id).await
}

pub async fn archive_person(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<Person> {
    let current = get_person(db, actor, id).await?.row;
    actor.authorize(Action::EditDirectory, scope::town(db, current.town_id).await?)?;
    archive_if_current::<people::Entity, people::ActiveModel>(
        db,
        actor,
        "person",
        (id, version, current.version),
        archived,
        now,
    )
    .await?;
    get_person(db, actor, id).await
}
