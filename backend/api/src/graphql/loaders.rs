//! Batched loading of related rows (no N+1): one query per relation and level, whatever the
//! number of parents. A loader set is made per request, for the request's actor.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, Loader};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use workit_domain::Actor;
use workit_domain::forums::health::Signal;
use workit_persistence::directory::{self, Person};
use workit_persistence::entities::{
    agenda_items, attendance, bodies, decisions, forum_stage_changes, forums, labour_offices, measurements,
    meeting_events, meetings, memberships, milestones, minutes_comments, minutes_sections, minutes_versions,
    organisations, outcome_metrics, participation_steps, plan_change_proposals, regions, stakeholder_interactions,
    strategic_focuses, towns, work_plan_approvals, work_plan_task_partners, work_plan_tasks,
};
use workit_persistence::forums::lifecycle;
use workit_persistence::meetings as meeting_store;
use workit_persistence::plans::{
    focuses as focus_store, metrics as metric_store, proposals as proposal_store, tasks as task_store,
};
use workit_persistence::{Database, forums as forum_store, regions as region_store, towns as town_store};

use crate::error::ApiError;

pub struct Store {
    db: Database,
    actor: Option<Actor>,
    now: DateTime<Utc>,
}

pub type Loaders = DataLoader<Store>;

type Batch = std::pin::Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// The batches a request's loaders have gathered and not yet started.
///
/// async-graphql's loaders start a batch after a fixed window (1 ms by default) so that sibling
/// resolvers can add their keys first; every nesting level paid that wait. A zero window split
/// batches instead: a fetch spawned on another worker thread ran, or delivered its rows, while
/// siblings were still being polled. Here the batches run inside the request's own task
/// ([`Batches::drive`]): a batch starts once the executor has polled every resolver that can run
/// and is waiting, and a finished batch hands over all its rows before the executor looks again.
/// The window ends when the siblings are done, never on a timer, and one level's keys always
/// make one batch.
#[derive(Clone, Default)]
pub struct Batches(Arc<Mutex<Vec<Batch>>>);

impl Batches {
    fn hold(&self, batch: Batch) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(batch);
    }

    fn take_held(&self) -> Vec<Batch> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Runs `execution` with the batches its resolvers gather. Every use of the loaders must
    /// happen inside: a batch gathered outside would never start.
    pub async fn drive<F: Future>(self, execution: F) -> F::Output {
        let mut execution = std::pin::pin!(execution);
        let mut running = FuturesUnordered::<Batch>::new();
        let turn = Arc::new(Turn::default());
        let turn_waker = Waker::from(turn.clone());
        let mut yields = 0;
        std::future::poll_fn(move |cx| {
            turn.follow(cx.waker());
            loop {
                while let Poll::Ready(Some(())) = running.poll_next_unpin(cx) {}
                turn.woken.store(false, Ordering::SeqCst);
                if let Poll::Ready(output) = execution.as_mut().poll(&mut Context::from_waker(&turn_waker)) {
                    return Poll::Ready(output);
                }
                // A list of more than 30 items polls its items in turns and wakes itself between
                // them; its later items have not asked for their keys yet. Come back (the task is
                // already woken) before starting the batches they will join.
                if turn.woken.swap(false, Ordering::SeqCst) && yields < MAX_TURNS_BEFORE_BATCHING {
                    yields += 1;
                    return Poll::Pending;
                }
                yields = 0;
                let held = self.take_held();
                if held.is_empty() {
                    return Poll::Pending;
                }
                running.extend(held);
            }
        })
        .await
    }
}

/// How many times in a row [`Batches::drive`] lets the executor take another turn before starting
/// the batches anyway: far more than the largest level needs (a list gives way every two items),
/// so that a future that always wakes itself cannot hold the batches back for ever.
const MAX_TURNS_BEFORE_BATCHING: u32 = 10_000;

/// The request task's waker, as handed to the executor: it also notes that it was woken, which
/// tells an executor that gave way (and will go on) from one that waits.
#[derive(Default)]
struct Turn {
    woken: AtomicBool,
    task: Mutex<Option<Waker>>,
}

impl Turn {
    fn follow(&self, task: &Waker) {
        let mut current = self.task.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !current.as_ref().is_some_and(|waker| waker.will_wake(task)) {
            *current = Some(task.clone());
        }
    }
}

impl Wake for Turn {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        if let Some(task) = self.task.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref() {
            task.wake_by_ref();
        }
    }
}

/// A request's loaders, for its actor, and the batches they gather (see [`Batches`]).
pub fn loaders(db: Database, actor: Option<Actor>, now: DateTime<Utc>) -> (Loaders, Batches) {
    let batches = Batches::default();
    let held = batches.clone();
    // The window is zero: the batch is held (above) until the siblings are polled, so the loader
    // itself need not wait.
    let loaders = DataLoader::new(Store { db, actor, now }, move |batch| held.hold(batch)).delay(Duration::ZERO);
    (loaders, batches)
}

macro_rules! key {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub i64);
    };
}
key!(RegionKey);
key!(TownKey);
key!(ForumOfTown);
key!(BodiesOfForum);
key!(MembersOfBody);
key!(PersonKey);
key!(OrganisationKey);
key!(LabourOfficeOfTown);
key!(FocusesOfForum);
key!(MilestonesOfForum);
key!(StageChangesOfForum);
key!(HealthOfForum);
key!(UserNameKey);
key!(BodyKey);
key!(ForumKey);
key!(MeetingKey);
key!(AttendanceOfMeeting);
key!(AttendanceWithPeopleOfMeeting);
key!(DecisionsOfMeeting);
key!(AgendaOfMeeting);
key!(EventsOfMeeting);
key!(MinutesOfMeeting);
key!(SectionsOfMinutes);
key!(CommentsOfSection);
key!(FocusKey);
key!(MetricsOfFocus);
key!(MetricKey);
key!(MeasurementsOfMetric);
key!(TasksOfForum);
key!(TaskKey);
key!(PartnersOfTask);
key!(DecisionsOfTask);
key!(ApprovalsOfForum);
key!(PlanChangesOfMeeting);
key!(InteractionsOfStakeholder);
key!(StepsOfProcess);

fn keys<K: Copy>(keys: &[K], id: impl Fn(K) -> i64) -> Vec<i64> {
    keys.iter().copied().map(id).collect()
}

macro_rules! one_to_one {
    ($key:ident, $model:ty, $fetch:expr, $by:ident) => {
        impl Loader<$key> for Store {
            type Value = $model;
            type Error = ApiError;

            async fn load(&self, ids: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let rows: Vec<$model> = $fetch(&self.db, &keys(ids, |k| k.0)).await.map_err(ApiError::from)?;
                Ok(rows.into_iter().map(|row| ($key(row.$by), row)).collect())
            }
        }
    };
}

macro_rules! one_to_many {
    ($key:ident, $model:ty, $fetch:expr, $by:ident) => {
        impl Loader<$key> for Store {
            type Value = Vec<$model>;
            type Error = ApiError;

            async fn load(&self, ids: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let rows: Vec<$model> = $fetch(&self.db, &keys(ids, |k| k.0)).await.map_err(ApiError::from)?;
                let mut grouped: HashMap<$key, Self::Value> = HashMap::with_capacity(ids.len());
                for row in rows {
                    grouped.entry($key(row.$by)).or_default().push(row);
                }
                Ok(grouped)
            }
        }
    };
}

one_to_one!(RegionKey, regions::Model, region_store::by_ids, id);
one_to_one!(TownKey, towns::Model, town_store::by_ids, id);
one_to_one!(ForumOfTown, forums::Model, forum_store::by_town_ids, town_id);
one_to_one!(OrganisationKey, organisations::Model, directory::organisations_by_ids, id);
one_to_one!(LabourOfficeOfTown, labour_offices::Model, town_store::labour_offices_by_town_ids, town_id);
one_to_many!(BodiesOfForum, bodies::Model, forum_store::bodies_by_forum_ids, forum_id);
one_to_many!(MembersOfBody, memberships::Model, forum_store::memberships_by_body_ids, body_id);
one_to_one!(MeetingKey, meetings::Model, meeting_store::decisions::meetings_by_ids, id);
one_to_many!(AttendanceOfMeeting, attendance::Model, meeting_store::attendance::by_meeting_ids, meeting_id);
one_to_many!(DecisionsOfMeeting, decisions::Model, meeting_store::decisions::by_meeting_ids, meeting_id);
one_to_one!(ForumKey, forums::Model, forum_store::by_ids, id);
one_to_one!(BodyKey, bodies::Model, meeting_store::bodies_by_ids, id);
one_to_many!(AgendaOfMeeting, agenda_items::Model, meeting_store::agenda_by_meeting_ids, meeting_id);
one_to_many!(EventsOfMeeting, meeting_events::Model, meeting_store::events_by_meeting_ids, meeting_id);
one_to_many!(MinutesOfMeeting, minutes_versions::Model, meeting_store::minutes::versions_by_meeting_ids, meeting_id);
one_to_many!(
    SectionsOfMinutes,
    minutes_sections::Model,
    meeting_store::minutes::sections_by_version_ids,
    minutes_version_id
);
one_to_many!(CommentsOfSection, minutes_comments::Model, meeting_store::minutes::comments_by_section_ids, section_id);
one_to_many!(FocusesOfForum, strategic_focuses::Model, focus_store::by_forum_ids, forum_id);
one_to_one!(FocusKey, strategic_focuses::Model, focus_store::by_ids, id);
one_to_many!(MetricsOfFocus, outcome_metrics::Model, metric_store::by_focus_ids, focus_id);
one_to_one!(MetricKey, outcome_metrics::Model, metric_store::by_ids, id);
one_to_many!(MeasurementsOfMetric, measurements::Model, metric_store::measurements_by_metric_ids, metric_id);
one_to_many!(TasksOfForum, work_plan_tasks::Model, task_store::by_forum_ids, forum_id);
one_to_one!(TaskKey, work_plan_tasks::Model, task_store::by_ids, id);
one_to_many!(PartnersOfTask, work_plan_task_partners::Model, task_store::partners_by_task_ids, task_id);
one_to_many!(
    InteractionsOfStakeholder,
    stakeholder_interactions::Model,
    workit_persistence::stakeholders::interactions_of,
    stakeholder_id
);
one_to_many!(StepsOfProcess, participation_steps::Model, workit_persistence::participation::steps_of, process_id);
one_to_many!(ApprovalsOfForum, work_plan_approvals::Model, task_store::approvals_by_forum_ids, forum_id);

impl Loader<DecisionsOfTask> for Store {
    type Value = Vec<decisions::Model>;
    type Error = ApiError;

    async fn load(&self, ids: &[DecisionsOfTask]) -> Result<HashMap<DecisionsOfTask, Self::Value>, ApiError> {
        let rows = task_store::decisions_by_task_ids(&self.db, &keys(ids, |k| k.0)).await?;
        let mut grouped: HashMap<DecisionsOfTask, Self::Value> = HashMap::new();
        for row in rows {
            if let Some(task) = row.work_plan_task_id {
                grouped.entry(DecisionsOfTask(task)).or_default().push(row);
            }
        }
        Ok(grouped)
    }
}
impl Loader<PlanChangesOfMeeting> for Store {
    type Value = Vec<plan_change_proposals::Model>;
    type Error = ApiError;

    async fn load(&self, ids: &[PlanChangesOfMeeting]) -> Result<HashMap<PlanChangesOfMeeting, Self::Value>, ApiError> {
        let rows = proposal_store::by_meeting_ids(&self.db, &keys(ids, |k| k.0)).await?;
        let mut grouped: HashMap<PlanChangesOfMeeting, Self::Value> = HashMap::new();
        for row in rows {
            if let Some(meeting) = row.meeting_id {
                grouped.entry(PlanChangesOfMeeting(meeting)).or_default().push(row);
            }
        }
        Ok(grouped)
    }
}
one_to_many!(MilestonesOfForum, milestones::Model, lifecycle::milestones_by_forum_ids, forum_id);
one_to_many!(StageChangesOfForum, forum_stage_changes::Model, lifecycle::stage_changes_by_forum_ids, forum_id);

impl Loader<HealthOfForum> for Store {
    type Value = Vec<Signal>;
    type Error = ApiError;

    async fn load(&self, ids: &[HealthOfForum]) -> Result<HashMap<HealthOfForum, Vec<Signal>>, ApiError> {
        let report = forum_store::health::assess_forums(
            &self.db,
            forum_store::health::Forums::Only(&keys(ids, |k| k.0)),
            self.now,
        )
        .await?;
        Ok(report.into_iter().map(|(forum, signals)| (HealthOfForum(forum), signals)).collect())
    }
}

impl Loader<UserNameKey> for Store {
    type Value = String;
    type Error = ApiError;

    async fn load(&self, ids: &[UserNameKey]) -> Result<HashMap<UserNameKey, String>, ApiError> {
        let names = workit_persistence::accounts::display_names(&self.db, &keys(ids, |k| k.0)).await?;
        Ok(names.into_iter().map(|(id, name)| (UserNameKey(id), name)).collect())
    }
}

/// A body's members with their people and, when `organisations`, the people's organisations:
/// the deep read's three levels in one batch (see `Body::members`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MembersWithPeopleOfBody {
    pub body: i64,
    pub organisations: bool,
}

impl Loader<MembersWithPeopleOfBody> for Store {
    type Value = Vec<forum_store::MemberWithPerson>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[MembersWithPeopleOfBody],
    ) -> Result<HashMap<MembersWithPeopleOfBody, Self::Value>, ApiError> {
        let Some(actor) = &self.actor else {
            return Ok(HashMap::new());
        };
        let body_ids: Vec<i64> = keys.iter().map(|key| key.body).collect();
        let organisations = keys.iter().any(|key| key.organisations);
        let rows = forum_store::members_with_people_by_body_ids(&self.db, actor, &body_ids, organisations).await?;
        let mut by_body: HashMap<i64, Self::Value> = HashMap::new();
        for row in rows {
            by_body.entry(row.0.body_id).or_default().push(row);
        }
        // Each key gets its body's rows, whichever variant asked (the batch read what either needs).
        // The rows move to the last key of their body and are copied only when both variants
        // asked for the same body.
        let mut keys_left: HashMap<i64, usize> = HashMap::new();
        for key in keys {
            *keys_left.entry(key.body).or_default() += 1;
        }
        Ok(keys
            .iter()
            .map(|key| {
                let left = keys_left.entry(key.body).or_default();
                *left -= 1;
                let rows = if *left == 0 { by_body.remove(&key.body) } else { by_body.get(&key.body).cloned() };
                (*key, rows.unwrap_or_default())
            })
            .collect())
    }
}

impl Loader<AttendanceWithPeopleOfMeeting> for Store {
    type Value = Vec<(attendance::Model, Person)>;
    type Error = ApiError;

    async fn load(
        &self,
        ids: &[AttendanceWithPeopleOfMeeting],
    ) -> Result<HashMap<AttendanceWithPeopleOfMeeting, Self::Value>, ApiError> {
        let Some(actor) = &self.actor else {
            return Ok(HashMap::new());
        };
        let rows = meeting_store::attendance::with_people_by_meeting_ids(&self.db, actor, &keys(ids, |k| k.0)).await?;
        let mut grouped: HashMap<AttendanceWithPeopleOfMeeting, Self::Value> = HashMap::with_capacity(ids.len());
        for row in rows {
            grouped.entry(AttendanceWithPeopleOfMeeting(row.0.meeting_id)).or_default().push(row);
        }
        Ok(grouped)
    }
}

impl Loader<PersonKey> for Store {
    type Value = Person;
    type Error = ApiError;

    async fn load(&self, ids: &[PersonKey]) -> Result<HashMap<PersonKey, Person>, Self::Error> {
        let Some(actor) = &self.actor else {
            return Ok(HashMap::new());
        };
        let people = directory::people_by_ids(&self.db, actor, &keys(ids, |k| k.0)).await.map_err(ApiError::from)?;
        Ok(people.into_iter().map(|person| (PersonKey(person.row.id), person)).collect())
    }
}
