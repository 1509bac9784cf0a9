//! Public participation processes: the annex's ten steps per process, and findings that feed a
//! focus's problem statement.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::participation::{Attachment, ProcessDraft, StepDraft};
use workit_persistence::entities::{participation_processes, participation_steps};
use workit_persistence::participation as store;

use super::ContextExt;
use super::arguments::{optional_id, parse_id};
use super::directory::PersonObject;
use super::enums::ParticipationStep;
use super::loaders::{PersonKey, StepsOfProcess};
use super::plans::focuses::StrategicFocus;
use crate::error::ApiResult;

#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "AttachmentInput")]
pub struct AttachmentObject {
    title: String,
    url: String,
}

pub struct ParticipationProcess(participation_processes::Model);

#[Object]
impl ParticipationProcess {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn question(&self) -> Option<&str> {
        self.0.question.as_deref()
    }
    async fn target_population(&self) -> Option<&str> {
        self.0.target_population.as_deref()
    }
    async fn findings(&self) -> Option<&str> {
        self.0.findings.as_deref()
    }
    /// The ten steps, in the annex's order.
    async fn steps(&self, ctx: &Context<'_>) -> ApiResult<Vec<ParticipationStepObject>> {
        let mut steps = ctx.loaders().load_one(StepsOfProcess(self.0.id)).await?.unwrap_or_default();
        steps.sort_by_key(|s| workit_domain::participation::Step::ALL.iter().position(|x| *x == s.step.0));
        Ok(steps.into_iter().map(ParticipationStepObject).collect())
    }
}

pub struct ParticipationStepObject(participation_steps::Model);

#[Object(name = "ParticipationStepRow")]
impl ParticipationStepObject {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn step(&self) -> ParticipationStep {
        self.0.step.0.into()
    }
    /// Set on "choose channels": the model's warning about low digital literacy.
    async fn warns_of_digital_literacy(&self) -> bool {
        self.0.step.0.warns_of_digital_literacy()
    }
    async fn owner(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.owner_person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    async fn starts_on(&self) -> Option<NaiveDate> {
        self.0.starts_on
    }
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }
    async fn done_on(&self) -> Option<NaiveDate> {
        self.0.done_on
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    async fn attachments(&self) -> Vec<AttachmentObject> {
        store::attachments(&self.0).into_iter().map(|a| AttachmentObject { title: a.title, url: a.url }).collect()
    }
}

#[derive(InputObject)]
pub struct ParticipationInput {
    title: String,
    question: Option<String>,
    target_population: Option<String>,
    findings: Option<String>,
}

impl ParticipationInput {
    fn draft(self) -> ProcessDraft {
        ProcessDraft {
            title: self.title,
            question: self.question,
            target_population: self.target_population,
            findings: self.findings,
        }
    }
}

#[derive(InputObject)]
pub struct ParticipationStepInput {
    owner_person_id: Option<ID>,
    starts_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    notes: Option<String>,
    #[graphql(default)]
    attachments: Vec<AttachmentObject>,
}

#[derive(Default)]
pub struct ParticipationQuery;

#[Object]
impl ParticipationQuery {
    /// The town's participation processes, newest first.
    #[graphql(complexity = "50 * child_complexity")]
    async fn participation_processes(&self, ctx: &Context<'_>, town_id: ID) -> ApiResult<Vec<ParticipationProcess>> {
        let town_id = parse_id(&town_id, "townId")?;
        ctx.actor()?;
        Ok(store::of_town(ctx.db(), town_id).await?.into_iter().map(ParticipationProcess).collect())
    }
}

#[derive(Default)]
pub struct ParticipationMutation;

#[Object]
impl ParticipationMutation {
    /// Starts a process with its ten steps.
    async fn create_participation(
        &self,
        ctx: &Context<'_>,
        town_id: ID,
        input: ParticipationInput,
    ) -> ApiResult<ParticipationProcess> {
        let town_id = parse_id(&town_id, "townId")?;
        Ok(ParticipationProcess(store::create(ctx.db(), ctx.actor()?, town_id, input.draft(), ctx.now()).await?))
    }

    async fn update_participation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: ParticipationInput,
    ) -> ApiResult<ParticipationProcess> {
        let id = parse_id(&id, "id")?;
        Ok(ParticipationProcess(store::update(ctx.db(), ctx.actor()?, id, version, input.draft(), ctx.now()).await?))
    }

    async fn update_participation_step(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: ParticipationStepInput,
    ) -> ApiResult<ParticipationStepObject> {
        let id = parse_id(&id, "id")?;
        let draft = StepDraft {
            owner_person_id: optional_id(input.owner_person_id.as_ref(), "ownerPersonId")?,
            starts_on: input.starts_on,
            due_on: input.due_on,
            done_on: input.done_on,
            notes: input.notes,
            attachments: input.attachments.into_iter().map(|a| Attachment { title: a.title, url: a.url }).collect(),
        };
        let now = ctx.now();
        Ok(ParticipationStepObject(
            store::update_step(ctx.db(), ctx.actor()?, id, version, draft, israel_date(now), now).await?,
        ))
    }

    /// Adds the process's findings to a focus's problem statement.
    async fn add_findings_to_focus(&self, ctx: &Context<'_>, id: ID, focus_id: ID) -> ApiResult<StrategicFocus> {
        let id = parse_id(&id, "id")?;
        let focus_id = parse_id(&focus_id, "focusId")?;
        Ok(StrategicFocus(store::findings_to_focus(ctx.db(), ctx.actor()?, id, focus_id, ctx.now()).await?))
    }
}
