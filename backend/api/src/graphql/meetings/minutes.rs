//! Minutes in GraphQL: per agenda item, circulated for comments, approved by the chair, and
//! corrected as new versions. Also the e-mail outbox ("what would be sent").

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use workit_domain::{Action, DomainError};
use workit_persistence::entities::{minutes_comments, minutes_sections, minutes_versions};
use workit_persistence::meetings::minutes as store;

use super::outbox::mail_extra;
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;
use crate::graphql::enums::MinutesStatus;
use crate::graphql::loaders::{CommentsOfSection, SectionsOfMinutes, UserNameKey};

pub struct Minutes(pub minutes_versions::Model);

#[Object]
impl Minutes {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    /// 1 for the first minutes; each correction adds one.
    async fn number(&self) -> i32 {
        self.0.number
    }
    async fn status(&self) -> ApiResult<MinutesStatus> {
        Ok(self.0.status.0.into())
    }
    /// The last day (in Israel) attendees may comment.
    async fn comment_deadline(&self) -> Option<NaiveDate> {
        self.0.comment_deadline
    }
    async fn circulated_at(&self) -> Option<DateTime<Utc>> {
        self.0.circulated_at
    }
    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.approved_at
    }
    async fn approved_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.0.approved_by else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
    /// Why this version corrects the previous approved one.
    async fn correction_reason(&self) -> Option<&str> {
        self.0.correction_reason.as_deref()
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    #[graphql(complexity = "workit_domain::meetings::MAX_AGENDA_ITEMS * child_complexity")]
    async fn sections(&self, ctx: &Context<'_>) -> ApiResult<Vec<MinutesSection>> {
        let rows = ctx.loaders().load_one(SectionsOfMinutes(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(MinutesSection).collect())
    }
}

pub struct MinutesSection(pub minutes_sections::Model);

#[Object]
impl MinutesSection {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn position(&self) -> i32 {
        self.0.position
    }
    /// The agenda item's title when the minutes were opened.
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn notes(&self) -> &str {
        &self.0.notes
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    #[graphql(complexity = "workit_domain::meetings::MAX_COMMENTS_PER_SECTION * child_complexity")]
    async fn comments(&self, ctx: &Context<'_>) -> ApiResult<Vec<MinutesComment>> {
        let rows = ctx.loaders().load_one(CommentsOfSection(self.0.id)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(MinutesComment).collect())
    }
}

pub struct MinutesComment(pub minutes_comments::Model);

#[Object]
impl MinutesComment {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn author_name(&self) -> &str {
        &self.0.author_name
    }
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(Default)]
pub struct MinutesMutation;

#[Object]
impl MinutesMutation {
    /// Opens the minutes of a held meeting, one section per agenda item.
    async fn start_minutes(&self, ctx: &Context<'_>, meeting_id: ID) -> ApiResult<Minutes> {
        let id = parse_id(&meeting_id, "meetingId")?;
        Ok(Minutes(store::start(ctx.db(), ctx.actor()?, id, ctx.now()).await?))
    }

    /// Saves one item's minutes; `CONFLICT` (with the current version) when someone else saved
    /// it since `version`.
    async fn save_minutes_section(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        notes: String,
    ) -> ApiResult<MinutesSection> {
        let id = parse_id(&id, "id")?;
        Ok(MinutesSection(store::save_section(ctx.db(), ctx.actor()?, id, version, &notes, ctx.now()).await?))
    }

    /// Sends the draft to the attendees for comments until `commentDeadline`.
    async fn circulate_minutes(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        comment_deadline: NaiveDate,
    ) -> ApiResult<Minutes> {
        let id = parse_id(&id, "id")?;
        let minutes =
            store::circulate(ctx.db(), ctx.actor()?, id, version, comment_deadline, &mail_extra(ctx), ctx.now())
                .await?;
        ctx.app().mail.wake();
        Ok(Minutes(minutes))
    }

    /// An attendee's comment on one item while the minutes are circulated.
    async fn comment_on_minutes(&self, ctx: &Context<'_>, section_id: ID, body: String) -> ApiResult<MinutesComment> {
        let id = parse_id(&section_id, "sectionId")?;
        Ok(MinutesComment(store::comment(ctx.db(), ctx.actor()?, id, &body, ctx.now()).await?))
    }

    /// The chair approves circulated minutes: the version is locked and the meeting closed.
    async fn approve_minutes(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<Minutes> {
        let id = parse_id(&id, "id")?;
        let minutes = store::approve(ctx.db(), ctx.actor()?, id, version, &mail_extra(ctx), ctx.now()).await?;
        ctx.app().mail.wake();
        Ok(Minutes(minutes))
    }

    /// Opens a correction of approved minutes as a new version with its reason.
    async fn correct_minutes(&self, ctx: &Context<'_>, meeting_id: ID, reason: String) -> ApiResult<Minutes> {
        let id = parse_id(&meeting_id, "meetingId")?;
        Ok(Minutes(store::correct(ctx.db(), ctx.actor()?, id, &reason, ctx.now()).await?))
    }
}

/// Whether the actor may edit the meeting's town (to see draft minutes).
pub async fn can_edit_meeting_town(ctx: &Context<'_>, body_id: i64) -> ApiResult<bool> {
    use crate::graphql::loaders::{BodyKey, ForumKey, TownKey};
    let loaders = ctx.loaders();
    let Ok(actor) = ctx.actor() else { return Ok(false) };
    let body = loaders.load_one(BodyKey(body_id)).await?.ok_or(DomainError::NotFound { entity: "body" })?;
    let forum = loaders.load_one(ForumKey(body.forum_id)).await?.ok_or(DomainError::NotFound { entity: "forum" })?;
    let town = loaders.load_one(TownKey(forum.town_id)).await?.ok_or(DomainError::NotFound { entity: "town" })?;
    Ok(actor.can(Action::EditForum, workit_domain::Scope::Town { town: town.id, region: town.region_id }))
}
