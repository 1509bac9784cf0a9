//! Quarterly controls: each forum in implementation has approved the controls of the three
//! quarters before the last closed one, and has a draft for the last. Seeded after the rest has
//! committed, since a control's approved figures are computed from the stored plan and metrics.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use workit_domain::forums::Stage;
use workit_domain::plans::Quarter;
use workit_domain::plans::control::ControlStatus;

use crate::entities::{forums, quarterly_controls, towns, users};
use crate::plans::control::view;
use crate::{Database, StoreResult};

const SUMMARIES: &[&str] = &[
    "המדדים נעים בכיוון הנכון ברוב המיקודים; שתי משימות נדחו לרבעון הבא בשל עומס בצוות.",
    "שיעור האבטלה בקרב צעירים ירד פחות מהצפוי. הוחלט לחזק את החונכות עם מעסיקים ולבחון מחדש את היעד.",
    "רבעון עמוס: יריד התעסוקה התקיים ורוב המשימות בוצעו. חסר עדיין נתון מעודכן על בוגרי ההכשרות.",
];

pub(super) async fn seed(db: &Database, now: DateTime<Utc>) -> StoreResult<()> {
    let today = now.date_naive();
    let last = Quarter::last_closed(now);
    let forums =
        forums::Entity::find().filter(forums::Column::Stage.eq(Stage::Implementation.as_str())).all(db).await?;
    for (n, forum) in forums.iter().enumerate() {
        let Some(town) = towns::Entity::find_by_id(forum.town_id).one(db).await? else { continue };
        // The region's coordinator approved the controls of towns without a demo chair.
        let approver = users::Entity::find().filter(users::Column::RegionId.eq(town.region_id)).one(db).await?;
        let Some(approver) = approver else { continue };
        for back in (0..4).rev() {
            let quarter = last.plus(-back);
            let draft = back == 0;
            let written =
                (quarter.last_day() + Duration::days(20)).and_hms_opt(9, 0, 0).map_or(now, |t| t.and_utc()).min(now);
            let snapshot = if draft {
                None
            } else {
                Some(serde_json::to_string(&view(db, forum.id, quarter, today).await?).unwrap_or_default())
            };
            quarterly_controls::ActiveModel {
                forum_id: Set(forum.id),
                quarter: Set(quarter.code()),
                status: Set(if draft { ControlStatus::Draft } else { ControlStatus::Approved }.into()),
                summary: Set(SUMMARIES[(n + usize::try_from(back).unwrap_or(0)) % SUMMARIES.len()].to_owned()),
                focus_notes: Set("[]".to_owned()),
                approved_by: Set((!draft).then_some(approver.id)),
                approved_at: Set((!draft).then_some(written)),
                snapshot: Set(snapshot),
                created_at: Set(written),
                updated_at: Set(written),
                version: Set(if draft { 1 } else { 2 }),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
