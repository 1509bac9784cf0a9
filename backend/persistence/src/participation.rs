//! Public participation processes of a town, each the annex's ten steps; a process's findings
//! can be added to a focus's problem statement.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::participation::{Attachment, ProcessDraft, Step, StepDraft};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, TownId};

use crate::entities::{forums, participation_processes, participation_steps, people, strategic_focuses};
use crate::joined::AllByPosition;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current, write_if_current};
use crate::{Database, StoreResult, audit, scope};

/// Processes one town runs at most (a few a year).
pub const MAX_PROCESSES: usize = 50;

pub fn attachments(step: &participation_steps::Model) -> Vec<Attachment> {
    serde_json::from_str(&step.attachments).unwrap_or_default()
}

pub async fn of_town(db: &Database, town_id: TownId) -> StoreResult<Vec<participation_processes::Model>> {
    Ok(participation_processes::Entity::find()
        .filter(participation_processes::Column::TownId.eq(town_id))
        .order_by_desc(participation_processes::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn steps_of(db: &Database, process_ids: &[i64]) -> StoreResult<Vec<participation_steps::Model>> {
    let mut steps = participation_steps::Entity::find()
        .filter(participation_steps::Column::ProcessId.is_in(process_ids.iter().copied()))
        .all_by_position(db)
        .await?;
    steps.sort_by_key(|s| Step::ALL.iter().position(|x| *x == s.step.0));
    Ok(steps)
}

async fn get(db: &Database, id: i64) -> StoreResult<participation_processes::Model> {
    participation_processes::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("participation"))
}

/// Starts a process with its ten steps, none begun.
pub async fn create(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    draft: ProcessDraft,
    now: DateTime<Utc>,
) -> StoreResult<participation_processes::Model> {
    actor.authorize(Action::EditForum, scope::town(db, town_id).await?)?;
    let draft = draft.validated()?;
    crate::room::check_room::<participation_processes::Entity>(
        db,
        participation_processes::Column::TownId,
        town_id,
        "processes",
        MAX_PROCESSES,
    )
    .await?;
    let txn = db.begin().await?;
    let process = insert_new(
        &txn,
        participation_processes::ActiveModel {
            town_id: Set(town_id),
            title: Set(draft.title),
            question: Set(draft.question),
            target_population: Set(draft.target_population),
            findings: Set(draft.findings),
            ..Default::default()
        },
        now,
    )
    .await?;
    for step in Step::ALL {
        insert_new(
            &txn,
            participation_steps::ActiveModel {
                process_id: Set(process.id),
                step: Set((*step).into()),
                owner_person_id: Set(None),
                starts_on: Set(None),
                due_on: Set(None),
                done_on: Set(None),
                notes: Set(None),
                attachments: Set("[]".into()),
                ..Default::default()
            },
            now,
        )
        .await?;
    }
    audit::record(&txn, actor, "create", "participation", process.id, now).await?;
    txn.commit().await?;
    Ok(process)
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: ProcessDraft,
    now: DateTime<Utc>,
) -> StoreResult<participation_processes::Model> {
    let current = get(db, id).await?;
    actor.authorize(Action::EditForum, scope::town(db, current.town_id).await?)?;
    let draft = draft.validated()?;
    let changes = participation_processes::ActiveModel {
        title: Set(draft.title),
        question: Set(draft.question),
        target_population: Set(draft.target_population),
        findings: Set(draft.findings),
        ..Default::default()
    };
    write_if_current(db, actor, VersionedWrite::update("participation", id, version, current.version), changes, now)
        .await?;
    get(db, id).await
}

pub async fn update_step(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: StepDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<participation_steps::Model> {
    let current = participation_steps::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("step"))?;
    let process = get(db, current.process_id).await?;
    actor.authorize(Action::EditForum, scope::town(db, process.town_id).await?)?;
    let draft = draft.validated(today)?;
    if let Some(owner) = draft.owner_person_id {
        let found = people::Entity::find_by_id(owner).one(db).await?;
        if found.is_none_or(|p| p.town_id != process.town_id) {
            return Err(DomainError::validation("ownerPersonId", codes::INVALID_CHOICE).into());
        }
    }
    let changes = participation_steps::ActiveModel {
        owner_person_id: Set(draft.owner_person_id),
        starts_on: Set(draft.starts_on),
        due_on: Set(draft.due_on),
        done_on: Set(draft.done_on),
        notes: Set(draft.notes),
        attachments: Set(serde_json::to_string(&draft.attachments).unwrap_or_else(|_| "[]".into())),
        ..Default::default()
    };
    write_if_current(
        db,
        actor,
        VersionedWrite::update("participation_step", id, version, current.version),
        changes,
        now,
    )
    .await?;
    participation_steps::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("step"))
}

/// Adds the process's findings, line by line, to the problem statement of a focus of the
/// town's forum (skipping lines already there).
pub async fn findings_to_focus(
    db: &Database,
    actor: &Actor,
    id: i64,
    focus_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<strategic_focuses::Model> {
    let process = get(db, id).await?;
    actor.authorize(Action::EditForum, scope::town(db, process.town_id).await?)?;
    let focus = strategic_focuses::Entity::find_by_id(focus_id).one(db).await?.ok_or_else(|| not_found("focus"))?;
    let forum = forums::Entity::find_by_id(focus.forum_id).one(db).await?;
    if forum.is_none_or(|f| f.town_id != process.town_id) {
        return Err(DomainError::validation("focusId", codes::INVALID_CHOICE).into());
    }
    let lines: Vec<String> = process
        .findings
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.is_empty() {
        return Err(DomainError::validation("findings", codes::REQUIRED).into());
    }
    let mut theory = crate::plans::focuses::theory(&focus);
    for line in lines {
        if !theory.problem.contains(&line) {
            theory.problem.push(line);
        }
    }
    let mut v = workit_domain::Validator::new();
    if theory.problem.len() > workit_domain::plans::focuses::MAX_THEORY_ITEMS {
        v.push(
            workit_domain::FieldError::new("findings", codes::LIMIT_REACHED)
                .with("max", workit_domain::plans::focuses::MAX_THEORY_ITEMS),
        );
    }
    v.finish()?;
    let txn = db.begin().await?;
    let changes = strategic_focuses::ActiveModel {
        theory: Set(Some(serde_json::to_string(&theory).map_err(|e| DomainError::Internal(e.to_string()))?)),
        ..Default::default()
    };
    update_if_current(&txn, &VersionedWrite::update("focus", focus.id, focus.version, focus.version), changes, now)
        .await?;
    audit::record(&txn, actor, "findings_to_focus", "focus", focus.id, now).await?;
    txn.commit().await?;
    strategic_focuses::Entity::find_by_id(focus_id).one(db).await?.ok_or_else(|| not_found("focus"))
}
