//! iCalendar for calendar programs: `GET /calendar/meetings/{id}.ics` (one meeting, signed-in
//! request) and `GET /calendar/feed/{token}.ics` (a person's private, revocable feed of all
//! their meetings, for Outlook or Google Calendar to subscribe to). A cancelled meeting is a
//! cancelled event, so calendars remove it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use workit_domain::meetings::MeetingStatus;
use workit_persistence::entities::{agenda_items, meetings};
use workit_persistence::meetings as store;

use super::graphql::authenticate;
use crate::AppState;
use crate::i18n::{self, Locale};

fn meeting_event(
    meeting: &meetings::Model,
    body_name: &str,
    agenda: &[agenda_items::Model],
    now: DateTime<Utc>,
) -> Event {
    let cancelled = meeting.status == MeetingStatus::Cancelled;
    let mut description: Vec<String> = Vec::new();
    if let Some(goal) = &meeting.goal {
        description.push(format!("מטרה: {goal}"));
    }
    if !agenda.is_empty() {
        description.push("סדר יום:".to_owned());
        description.extend(agenda.iter().map(|item| format!("• {} ({} דק׳)", item.title, item.minutes)));
    }
    if let Some(url) = &meeting.online_url {
        description.push(url.clone());
    }
    let mut event = Event::new();
    event
        .uid(&format!("meeting-{}@workit-hub", meeting.id))
        .timestamp(now)
        // The meeting's version: calendars treat a changed or cancelled meeting as an update.
        .sequence(u32::try_from(meeting.version).unwrap_or(0))
        .summary(&format!("{} — {body_name}", meeting.title))
        .description(&description.join("\n"))
        .starts(meeting.starts_at)
        .ends(workit_domain::meetings::ends_at(meeting.starts_at, meeting.duration_minutes))
        .status(if cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
    if let Some(place) = meeting.place.as_deref().or(meeting.online_url.as_deref()) {
        event.location(place);
    }
    if let Some(url) = &meeting.online_url {
        event.url(url);
    }
    event.done()
}

/// The iCalendar text of one meeting (`METHOD:CANCEL` once it is cancelled).
pub fn meeting_calendar(
    meeting: &meetings::Model,
    body_name: &str,
    agenda: &[agenda_items::Model],
    now: DateTime<Utc>,
) -> String {
    let cancelled = meeting.status == MeetingStatus::Cancelled;
    let mut calendar = Calendar::new();
    calendar.name("WORKIT Hub").append_property(("METHOD", if cancelled { "CANCEL" } else { "PUBLISH" }));
    calendar.push(meeting_event(meeting, body_name, agenda, now));
    calendar.done().to_string()
}

/// Loads what the events need: body names and agendas, in two queries.
async fn events_of(
    state: &AppState,
    meetings_list: &[meetings::Model],
) -> Result<Vec<Event>, workit_persistence::StoreError> {
    let body_ids: Vec<i64> = meetings_list.iter().map(|m| m.body_id).collect();
    let meeting_ids: Vec<i64> = meetings_list.iter().map(|m| m.id).collect();
    let bodies = store::bodies_by_ids(&state.db, &body_ids).await?;
    let agenda = store::agenda_by_meeting_ids(&state.db, &meeting_ids).await?;
    let now = state.clock.now();
    Ok(meetings_list
        .iter()
        .map(|m| {
            let body = bodies.iter().find(|b| b.id == m.body_id).map_or("", |b| b.name.as_str());
            let items: Vec<agenda_items::Model> = agenda.iter().filter(|i| i.meeting_id == m.id).cloned().collect();
            meeting_event(m, body, &items, now)
        })
        .collect())
}

fn calendar_response(text: String, filename: &str) -> Response {
    let mut response = (StatusCode::OK, text).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// How far back and ahead a feed reaches.
const FEED_PAST_DAYS: i64 = 60;
const FEED_FUTURE_DAYS: i64 = 400;

pub async fn feed(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let locale = crate::i18n::locale_of_request(&headers).unwrap_or_default();
    let Some(token) = file.strip_suffix(".ics") else { return plain_error(StatusCode::NOT_FOUND, "NOT_FOUND", locale) };
    let hash = crate::auth::tokens::hash_secret_token(token);
    let user = match workit_persistence::accounts::by_calendar_token(&state.db, &hash).await {
        Ok(Some(user)) => user,
        Ok(None) => return plain_error(StatusCode::NOT_FOUND, "NOT_FOUND", locale),
        Err(e) => {
            tracing::error!(error = ?e, "looking up a calendar feed");
            return plain_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale);
        }
    };
    let now = state.clock.now();
    let meetings_list = match user.person_id {
        Some(person) => match workit_persistence::meetings::mine::meetings_for_feed(
            &state.db,
            person,
            now - Duration::days(FEED_PAST_DAYS),
            now + Duration::days(FEED_FUTURE_DAYS),
            now.date_naive(),
        )
        .await
        {
            Ok(list) => list,
            Err(e) => {
                tracing::error!(error = ?e, "loading a calendar feed");
                return plain_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale);
            }
        },
        None => Vec::new(),
    };
    let events = match events_of(&state, &meetings_list).await {
        Ok(events) => events,
        Err(e) => {
            tracing::error!(error = ?e, "loading a calendar feed");
            return plain_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale);
        }
    };
    let mut calendar = Calendar::new();
    calendar.name("WORKIT Hub").append_property(("METHOD", "PUBLISH"));
    for event in events {
        calendar.push(event);
    }
    calendar_response(calendar.done().to_string(), "workit-hub.ics")
}

/// A short plain-text error for the file endpoints, in the client's language.
pub(crate) fn plain_error(status: StatusCode, code: &str, locale: Locale) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], i18n::error_message(locale, code, None, None))
        .into_response()
}

pub async fn meeting_ics(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let locale = crate::i18n::locale_of_request(&headers).unwrap_or_default();
    let Some(id) = file.strip_suffix(".ics").and_then(|id| id.parse::<i64>().ok()) else {
        return plain_error(StatusCode::NOT_FOUND, "NOT_FOUND", locale);
    };
    let actor = match authenticate(&state, &headers).await {
        Ok(Some(caller)) => caller.actor,
        _ => return plain_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale),
    };
    let Ok(meeting) = store::get(&state.db, &actor, id).await else {
        return plain_error(StatusCode::NOT_FOUND, "NOT_FOUND", locale);
    };
    let (body, agenda) = match (
        store::bodies_by_ids(&state.db, &[meeting.body_id]).await,
        store::agenda_by_meeting_ids(&state.db, &[id]).await,
    ) {
        (Ok(mut bodies), Ok(agenda)) => (bodies.pop(), agenda),
        (Err(e), _) | (_, Err(e)) => {
            tracing::error!(error = ?e, "loading a meeting for its calendar file");
            return plain_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale);
        }
    };
    let text = meeting_calendar(&meeting, body.as_ref().map_or("", |b| b.name.as_str()), &agenda, state.clock.now());
    calendar_response(text, &format!("meeting-{id}.ics"))
}
