//! The employer survey: rounds per town with a public link, one answer per employer and round
//! (a second answer is an update), the employer kept in the town's directory, and what a round
//! adds up to. Raw answers — they name contact people — stay with the town's own roles; everyone
//! else reads the summary with small counts withheld.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::directory::Sector;
use workit_domain::surveys::summary::{SurveySummary, protected, summarise};
use workit_domain::surveys::{SurveyAnswers, employer_key, is_plausible_token};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, SystemRole, TownId, Validator};

use crate::entities::{organisations, survey_responses, survey_rounds, towns};
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, StoreResult, audit, scope};

/// Who entered an answer.
pub const FROM_EMPLOYER: &str = "PUBLIC";
pub const FROM_STAFF: &str = "STAFF";

pub fn answers(row: &survey_responses::Model) -> SurveyAnswers {
    serde_json::from_str(&row.answers).unwrap_or_default()
}

/// Whether the actor reads a town's raw answers: its own roles (and administrators) only.
pub fn reads_answers(actor: &Actor, town: TownId) -> bool {
    actor.system_role == SystemRole::Admin || actor.is_of_town(town)
}

async fn authorize_town(db: &Database, actor: &Actor, town_id: TownId) -> StoreResult<()> {
    actor.authorize(Action::EditForum, scope::town(db, town_id).await?)?;
    Ok(())
}

pub async fn rounds_of_town(db: &Database, town_id: TownId) -> StoreResult<Vec<survey_rounds::Model>> {
    Ok(survey_rounds::Entity::find()
        .filter(survey_rounds::Column::TownId.eq(town_id))
        .order_by_desc(survey_rounds::Column::CreatedAt)
        .order_by_desc(survey_rounds::Column::Id)
        .all(db)
        .await?)
}

pub async fn round(db: &Database, id: i64) -> StoreResult<survey_rounds::Model> {
    survey_rounds::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("survey_round"))
}

/// Opens a round with a fresh public link; `token` comes from the caller's random source.
pub async fn create_round(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    title: &str,
    token: String,
    now: DateTime<Utc>,
) -> StoreResult<survey_rounds::Model> {
    authorize_town(db, actor, town_id).await?;
    let mut v = Validator::new();
    let title = v.required_text("title", title, 200);
    v.finish()?;
    let row = survey_rounds::ActiveModel {
        town_id: Set(town_id),
        title: Set(title),
        token: Set(token),
        revoked_at: Set(None),
        created_by: Set(Some(actor.user_id)),
        ..Default::default()
    };
    crate::versioned::insert_audited(db, actor, "survey_round", row, now).await
}

/// Revokes (or restores) a round's public link; answers already in stay.
pub async fn set_revoked(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    revoked: bool,
    now: DateTime<Utc>,
) -> StoreResult<survey_rounds::Model> {
    let current = round(db, id).await?;
    authorize_town(db, actor, current.town_id).await?;
    let changes = survey_rounds::ActiveModel { revoked_at: Set(revoked.then_some(now)), ..Default::default() };
    let action = if revoked { "revoke" } else { "restore" };
    let write = VersionedWrite { action, ..VersionedWrite::update("survey_round", id, version, current.version) };
    crate::versioned::write_if_current(db, actor, write, changes, now).await?;
    round(db, id).await
}

/// The open round behind a public link, or `link_invalid` for anything else — malformed,
/// unknown or revoked alike, so the answer says nothing about which.
pub async fn open_round(db: &Database, token: &str) -> StoreResult<(survey_rounds::Model, towns::Model)> {
    let invalid = || DomainError::validation("token", codes::LINK_INVALID).into();
    if !is_plausible_token(token) {
        return Err(invalid());
    }
    let round = survey_rounds::Entity::find().filter(survey_rounds::Column::Token.eq(token)).one(db).await?;
    let Some(round) = round.filter(|r| r.revoked_at.is_none()) else { return Err(invalid()) };
    let town = towns::Entity::find_by_id(round.town_id).one(db).await?.ok_or_else(invalid)?;
    Ok((round, town))
}

/// Towns an answer names must exist.
async fn check_towns(db: &Database, answers: &SurveyAnswers) -> StoreResult<()> {
    let named: BTreeSet<i64> = answers.recruitment_town_ids.iter().copied().chain(answers.location_town_id).collect();
    if named.is_empty() {
        return Ok(());
    }
    let found = towns::Entity::find().filter(towns::Column::Id.is_in(named.iter().copied())).all(db).await?;
    if found.len() != named.len() {
        let field = if answers.location_town_id.is_some_and(|t| !found.iter().any(|f| f.id == t)) {
            "locationTownId"
        } else {
            "recruitmentTownIds"
        };
        return Err(DomainError::validation(field, codes::INVALID_CHOICE).into());
    }
    Ok(())
}

/// Writes one employer's answer to a round: a new row, or an update of its earlier answer in the
/// same round; the employer becomes (or stays) an organisation of the town's directory.
async fn write_answer(
    db: &Database,
    round: &survey_rounds::Model,
    answers: SurveyAnswers,
    source: &str,
    user: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<survey_responses::Model> {
    let answers = answers.validated()?;
    check_towns(db, &answers).await?;
    let key = employer_key(&answers.company);
    let json = serde_json::to_string(&answers).map_err(|e| DomainError::Internal(e.to_string()))?;
    let txn = db.begin().await?;
    let organisation = organisations::Entity::find()
        .filter(organisations::Column::TownId.eq(round.town_id))
        .all(&txn)
        .await?
        .into_iter()
        .find(|o| employer_key(&o.name) == key);
    let organisation_id = match organisation {
        Some(o) => o.id,
        None => {
            let created = insert_new(
                &txn,
                organisations::ActiveModel {
                    town_id: Set(round.town_id),
                    name: Set(answers.company.clone()),
                    sector: Set(Sector::Business.into()),
                    website: Set(None),
                    notes: Set(None),
                    archived_at: Set(None),
                    ..Default::default()
                },
                now,
            )
            .await?;
            audit::record_by(&txn, user, "create", "organisation", created.id, now).await?;
            created.id
        }
    };
    let earlier = survey_responses::Entity::find()
        .filter(survey_responses::Column::RoundId.eq(round.id))
        .filter(survey_responses::Column::EmployerKey.eq(key.clone()))
        .one(&txn)
        .await?;
    let id = match earlier {
        Some(earlier) => {
            let changes = survey_responses::ActiveModel {
                company: Set(answers.company.clone()),
                answers: Set(json),
                organisation_id: Set(Some(organisation_id)),
                source: Set(source.to_owned()),
                entered_by: Set(user),
                ..Default::default()
            };
            let write = VersionedWrite::update("survey_response", earlier.id, earlier.version, earlier.version);
            update_if_current(&txn, &write, changes, now).await?;
            audit::record_by(&txn, user, "update", "survey_response", earlier.id, now).await?;
            earlier.id
        }
        None => {
            let row = insert_new(
                &txn,
                survey_responses::ActiveModel {
                    round_id: Set(round.id),
                    town_id: Set(round.town_id),
                    organisation_id: Set(Some(organisation_id)),
                    employer_key: Set(key),
                    company: Set(answers.company.clone()),
                    answers: Set(json),
                    source: Set(source.to_owned()),
                    entered_by: Set(user),
                    ..Default::default()
                },
                now,
            )
            .await?;
            audit::record_by(&txn, user, "create", "survey_response", row.id, now).await?;
            row.id
        }
    };
    txn.commit().await?;
    survey_responses::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("survey_response"))
}

/// An employer's answer through the public link (no account).
pub async fn submit_public(
    db: &Database,
    token: &str,
    answers: SurveyAnswers,
    now: DateTime<Utc>,
) -> StoreResult<survey_responses::Model> {
    let (round, _) = open_round(db, token).await?;
    write_answer(db, &round, answers, FROM_EMPLOYER, None, now).await
}

/// An answer the town's staff enter during a call; a revoked link does not stop them.
pub async fn record(
    db: &Database,
    actor: &Actor,
    round_id: i64,
    answers: SurveyAnswers,
    now: DateTime<Utc>,
) -> StoreResult<survey_responses::Model> {
    let round = round(db, round_id).await?;
    authorize_town(db, actor, round.town_id).await?;
    write_answer(db, &round, answers, FROM_STAFF, Some(actor.user_id), now).await
}

/// A round's raw answers, for the town's own roles only.
pub async fn responses(db: &Database, actor: &Actor, round_id: i64) -> StoreResult<Vec<survey_responses::Model>> {
    let round = round(db, round_id).await?;
    if !reads_answers(actor, round.town_id) {
        return Err(DomainError::Forbidden.into());
    }
    responses_of_rounds(db, &[round_id]).await
}

async fn responses_of_rounds(db: &Database, round_ids: &[i64]) -> StoreResult<Vec<survey_responses::Model>> {
    Ok(survey_responses::Entity::find()
        .filter(survey_responses::Column::RoundId.is_in(round_ids.iter().copied()))
        .order_by_asc(survey_responses::Column::Company)
        .all(db)
        .await?)
}

/// What a round adds up to: exact for the town's own roles, protected for everyone else.
pub async fn summary(
    db: &Database,
    actor: &Actor,
    round_id: i64,
    threshold: f64,
) -> StoreResult<(SurveySummary, bool)> {
    let round = round(db, round_id).await?;
    let rows = responses_of_rounds(db, &[round_id]).await?;
    let all: Vec<SurveyAnswers> = rows.iter().map(answers).collect();
    let exact = summarise(&all.iter().collect::<Vec<_>>());
    Ok(if reads_answers(actor, round.town_id) { (exact, true) } else { (protected(exact, threshold), false) })
}

/// The answers of a region's towns in a year, summed — always protected: a region is read from
/// outside most of its towns.
pub async fn region_summary(
    db: &Database,
    region_id: i64,
    year: i32,
    threshold: f64,
) -> StoreResult<(SurveySummary, u32)> {
    let town_ids: Vec<i64> = towns::Entity::find()
        .filter(towns::Column::RegionId.eq(region_id))
        .all(db)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let rows =
        survey_responses::Entity::find().filter(survey_responses::Column::TownId.is_in(town_ids)).all(db).await?;
    let in_year: Vec<&survey_responses::Model> =
        rows.iter().filter(|r| chrono::Datelike::year(&r.created_at) == year).collect();
    let towns_answering = u32::try_from(in_year.iter().map(|r| r.town_id).collect::<BTreeSet<_>>().len()).unwrap_or(0);
    let all: Vec<SurveyAnswers> = in_year.iter().map(|r| answers(r)).collect();
    Ok((protected(summarise(&all.iter().collect::<Vec<_>>()), threshold), towns_answering))
}

/// Responses per round, for the rounds list.
pub async fn counts_by_round(db: &Database, round_ids: &[i64]) -> StoreResult<Vec<(i64, u32)>> {
    let rows = responses_of_rounds(db, round_ids).await?;
    Ok(round_ids
        .iter()
        .map(|id| (*id, u32::try_from(rows.iter().filter(|r| r.round_id == *id).count()).unwrap_or(0)))
        .collect())
}
