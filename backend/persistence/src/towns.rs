use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use workit_domain::forums::Stage;
use workit_domain::towns::TownDraft;
use workit_domain::{Action, Actor, Scope, TownId};

use crate::entities::{forums, labour_offices, towns};
use crate::joined::AllByPosition;
use crate::scope::contains_any;
use crate::template::Template;
use crate::versioned::{VersionedWrite, insert_new, not_found, write_if_current};
use crate::{Database, Page, PageRequest, StoreResult, audit};

#[derive(Debug, Default, Clone)]
pub struct TownFilter {
    pub search: Option<String>,
    pub region_id: Option<i64>,
    pub include_archived: bool,
}

/// The names and structure of every town are visible to every signed-in account.
pub async fn list(
    db: &Database,
    _actor: &Actor,
    filter: &TownFilter,
    page: PageRequest,
) -> StoreResult<Page<towns::Model>> {
    let mut query = towns::Entity::find();
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        query =
            query.filter(contains_any(&[towns::Column::NameHe, towns::Column::NameEn, towns::Column::NameAr], search));
    }
    if let Some(region) = filter.region_id {
        query = query.filter(towns::Column::RegionId.eq(region));
    }
    if !filter.include_archived {
        query = query.filter(towns::Column::ArchivedAt.is_null());
    }
    crate::page::fetch(db, query.order_by_asc(towns::Column::RegionId).order_by_asc(towns::Column::NameEn), page).await
}

pub async fn get(db: &Database, _actor: &Actor, id: TownId) -> StoreResult<towns::Model> {
    towns::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("town"))
}

/// A town with its forum, in one statement.
pub async fn get_with_forum(
    db: &Database,
    _actor: &Actor,
    id: TownId,
) -> StoreResult<(towns::Model, Option<forums::Model>)> {
    let statement = WITH_FORUM.statement(db.get_database_backend(), [sea_orm::Value::from(id)]);
    let row = db.query_one_raw(statement).await?.ok_or_else(|| not_found("town"))?;
    Ok((towns::Model::from_query_result(&row, "t_")?, forums::Model::from_query_result_optional(&row, "f_")?))
}

/// Most town pages show the town's forum (`get_with_forum`), built once per database.
static WITH_FORUM: Template<1> = Template::new(|_, [town]| {
    let (t, f) = (towns::Entity, forums::Entity);
    let mut select = Query::select();
    crate::joined::all_columns_as::<towns::Entity>(&mut select, "t_");
    crate::joined::all_columns_as::<forums::Entity>(&mut select, "f_");
    select
        .from(t)
        .left_join(f, Expr::col((f, forums::Column::TownId)).equals((t, towns::Column::Id)))
        .and_where(Expr::col((t, towns::Column::Id)).eq(town));
    select
});

pub async fn ids_in_region(db: &Database, region_id: i64) -> StoreResult<Vec<TownId>> {
    Ok(towns::Entity::find()
        .select_only()
        .column(towns::Column::Id)
        .filter(towns::Column::RegionId.eq(region_id))
        .into_tuple()
        .all(db)
        .await?)
}

pub async fn by_ids(db: &Database, ids: &[TownId]) -> StoreResult<Vec<towns::Model>> {
    Ok(towns::Entity::find().filter(towns::Column::Id.is_in(ids.iter().copied())).all_by_position(db).await?)
}

pub async fn labour_offices_by_town_ids(db: &Database, ids: &[TownId]) -> StoreResult<Vec<labour_offices::Model>> {
    Ok(labour_offices::Entity::find()
        .filter(labour_offices::Column::TownId.is_in(ids.iter().copied()))
        .order_by_asc(labour_offices::Column::Id)
        .all_by_position(db)
        .await?)
}

/// Creates a town with its forum (one per town), which starts at stage 1 with a steering
/// committee, the forum body and the milestone checklist.
pub async fn create(db: &Database, actor: &Actor, draft: TownDraft, now: DateTime<Utc>) -> StoreResult<towns::Model> {
    actor.authorize(Action::ManageRegistry, Scope::Global)?;
    let draft = draft.validated()?;
    crate::regions::get(db, actor, draft.region_id).await?;
    let txn = db.begin().await?;
    let town = insert_new(
        &txn,
        towns::ActiveModel {
            region_id: Set(draft.region_id),
            name_he: Set(draft.name_he),
            name_en: Set(draft.name_en),
            name_ar: Set(draft.name_ar),
            population: Set(draft.population),
            socio_economic_cluster: Set(draft.socio_economic_cluster),
            archived_at: Set(None),
            ..Default::default()
        },
        now,
    )
    .await?;
    crate::forums::create_forum(&txn, town.id, Stage::KickOff, now).await?;
    audit::record(&txn, actor, "create", "town", town.id, now).await?;
    txn.commit().await?;
    Ok(town)
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: TownId,
    version: i32,
    draft: TownDraft,
    now: DateTime<Utc>,
) -> StoreResult<towns::Model> {
    actor.authorize(Action::ManageRegistry, Scope::Global)?;
    let current = get(db, actor, id).await?;
    let draft = draft.validated()?;
    crate::regions::get(db, actor, draft.region_id).await?;
    let changes = towns::ActiveModel {
        region_id: Set(draft.region_id),
        name_he: Set(draft.name_he),
        name_en: Set(draft.name_en),
        name_ar: Set(draft.name_ar),
        population: Set(draft.population),
        socio_economic_cluster: Set(draft.socio_economic_cluster),
        ..Default::default()
    };
    let write = VersionedWrite::update("town", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    get(db, actor, id).await
}

/// Archives (or restores) a town: it leaves lists but keeps its forum and history.
pub async fn archive(
    db: &Database,
    actor: &Actor,
    id: TownId,
    version: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<towns::Model> {
    actor.authorize(Action::ManageRegistry, Scope::Global)?;
    let current = get(db, actor, id).await?;
    crate::versioned::archive_if_current::<towns::Entity, towns::ActiveModel>(
        db,
        actor,
        "town",
        (id, version, current.version),
        archived,
        now,
    )
    .await?;
    get(db, actor, id).await
}

/// Every town not archived, by Hebrew name: the public survey form's list of towns (names are
/// public; the caller shows nothing else of a town).
pub async fn all_names(db: &Database) -> StoreResult<Vec<towns::Model>> {
    Ok(towns::Entity::find()
        .filter(towns::Column::ArchivedAt.is_null())
        .order_by_asc(towns::Column::NameHe)
        .all(db)
        .await?)
}
