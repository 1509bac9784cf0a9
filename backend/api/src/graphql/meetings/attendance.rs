//! Who is invited to a meeting and who came (the two-thirds rule, domain §8).

use std::borrow::Cow;

use async_graphql::{Context, ID, Object, SimpleObject};
use workit_domain::meetings::attendance_summary;
use workit_persistence::entities::attendance;
use workit_persistence::meetings::attendance as store;

use super::Meeting;
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;
use crate::graphql::directory::PersonObject;
use crate::graphql::enums::AttendanceStatus;
use crate::graphql::loaders::{AttendanceOfMeeting, AttendanceWithPeopleOfMeeting};

/// An invitee, with their person when the read that found them fetched both.
pub struct Attendance(pub attendance::Model, Option<PersonObject>);

#[Object]
impl Attendance {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Cow<'_, PersonObject>> {
        PersonObject::lent_or_loaded(ctx, &self.1, self.0.person_id).await
    }
    async fn status(&self) -> ApiResult<AttendanceStatus> {
        Ok(self.0.status.0.into())
    }
}

/// Attendance against the two-thirds rule (excused counts as not in the room).
#[derive(SimpleObject)]
pub struct AttendanceSummary {
    invited: i32,
    attended: i32,
    recorded: i32,
    rate: Option<f64>,
    meets_two_thirds: Option<bool>,
}

/// A meeting's invitees and their attendance; asked for their people, with them from one batch
/// instead of a batch per level.
pub async fn attendance_of(ctx: &Context<'_>, meeting_id: i64) -> ApiResult<Vec<Attendance>> {
    let loaders = ctx.loaders();
    if ctx.look_ahead().field("person").exists() {
        let rows = loaders.load_one(AttendanceWithPeopleOfMeeting(meeting_id)).await?.unwrap_or_default();
        return Ok(rows.into_iter().map(|(row, person)| Attendance(row, Some(person.into()))).collect());
    }
    let rows = loaders.load_one(AttendanceOfMeeting(meeting_id)).await?.unwrap_or_default();
    Ok(rows.into_iter().map(|row| Attendance(row, None)).collect())
}

pub async fn summary_of(ctx: &Context<'_>, meeting_id: i64) -> ApiResult<AttendanceSummary> {
    let rows = ctx.loaders().load_one(AttendanceOfMeeting(meeting_id)).await?.unwrap_or_default();
    let summary = attendance_summary(rows.iter().map(|r| *r.status));
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    Ok(AttendanceSummary {
        invited: count(summary.invited),
        attended: count(summary.attended),
        recorded: count(summary.recorded),
        rate: summary.rate,
        meets_two_thirds: summary.meets_two_thirds,
    })
}

#[derive(Default)]
pub struct AttendanceMutation;

#[Object]
impl AttendanceMutation {
    /// Invites a guest (a person of the town outside the body).
    async fn invite_to_meeting(&self, ctx: &Context<'_>, meeting_id: ID, person_id: ID) -> ApiResult<Meeting> {
        let (meeting_id, person_id) = (parse_id(&meeting_id, "meetingId")?, parse_id(&person_id, "personId")?);
        store::invite(ctx.db(), ctx.actor()?, meeting_id, person_id, ctx.now()).await?;
        Ok(Meeting(workit_persistence::meetings::get(ctx.db(), ctx.actor()?, meeting_id).await?))
    }

    /// Records an invitee's attendance; someone not invited has none.
    async fn record_attendance(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        person_id: ID,
        status: AttendanceStatus,
    ) -> ApiResult<Meeting> {
        let (meeting_id, person_id) = (parse_id(&meeting_id, "meetingId")?, parse_id(&person_id, "personId")?);
        store::record(ctx.db(), ctx.actor()?, meeting_id, person_id, status.into(), ctx.now()).await?;
        Ok(Meeting(workit_persistence::meetings::get(ctx.db(), ctx.actor()?, meeting_id).await?))
    }
}
