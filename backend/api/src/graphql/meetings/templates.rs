//! The meetings to start from: the canonical ones and the town's own.

use async_graphql::{Context, ID, Object, SimpleObject};
use workit_domain::DomainError;
use workit_persistence::meetings::templates::{self, TemplateChoice};

use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;
use crate::graphql::enums::AgendaKind;

#[derive(SimpleObject)]
pub struct TemplateItem {
    title: String,
    kind: AgendaKind,
    minutes: i32,
}

pub struct MeetingTemplate(TemplateChoice);

#[Object]
impl MeetingTemplate {
    /// A built-in key (e.g. `forum_4_focuses`) or `town-<id>` for a town's own template.
    async fn key(&self) -> &str {
        &self.0.key
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// 1–7 for the canonical first-year forum meetings.
    async fn canonical_step(&self) -> Option<i32> {
        self.0.canonical_step.map(i32::from)
    }
    async fn goal(&self) -> Option<&str> {
        self.0.goal.as_deref()
    }
    async fn product(&self) -> Option<&str> {
        self.0.product.as_deref()
    }
    async fn duration_minutes(&self) -> i32 {
        self.0.duration_minutes
    }
    async fn items(&self) -> Vec<TemplateItem> {
        self.0
            .items
            .iter()
            .map(|(title, kind, minutes)| TemplateItem {
                title: title.clone(),
                kind: (*kind).into(),
                minutes: *minutes,
            })
            .collect()
    }
    /// Whether the town saved this template itself (and may remove it).
    async fn town_owned(&self) -> bool {
        self.0.town_template.is_some()
    }
    /// The version of a town's own template, for removing it.
    async fn version(&self) -> Option<i32> {
        self.0.town_template.map(|(_, version)| version)
    }
}

#[derive(SimpleObject)]
pub struct MeetingTemplates {
    templates: Vec<MeetingTemplate>,
    /// For the forum: the next canonical meeting it has not held.
    suggested: Option<MeetingTemplate>,
}

#[derive(Default)]
pub struct TemplateQuery;

#[Object]
impl TemplateQuery {
    /// The templates that fit a body, and the canonical meeting to suggest next.
    async fn meeting_templates(&self, ctx: &Context<'_>, body_id: ID) -> ApiResult<MeetingTemplates> {
        ctx.actor()?;
        let (templates, suggested) = templates::for_body(ctx.db(), parse_id(&body_id, "bodyId")?).await?;
        Ok(MeetingTemplates {
            templates: templates.into_iter().map(MeetingTemplate).collect(),
            suggested: suggested.map(MeetingTemplate),
        })
    }
}

#[derive(Default)]
pub struct TemplateMutation;

#[Object]
impl TemplateMutation {
    /// Saves the meeting's agenda, goal, product and length as one of the town's own templates.
    async fn save_meeting_template(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        title: String,
    ) -> ApiResult<MeetingTemplate> {
        let id = parse_id(&meeting_id, "meetingId")?;
        Ok(MeetingTemplate(templates::save_from_meeting(ctx.db(), ctx.actor()?, id, &title, ctx.now()).await?))
    }

    /// Removes one of the town's own templates from the choices.
    async fn archive_meeting_template(&self, ctx: &Context<'_>, key: String, version: i32) -> ApiResult<bool> {
        let id = templates::town_template_id(&key).ok_or(DomainError::NotFound { entity: "template" })?;
        templates::archive(ctx.db(), ctx.actor()?, id, version, ctx.now()).await?;
        Ok(true)
    }
}
