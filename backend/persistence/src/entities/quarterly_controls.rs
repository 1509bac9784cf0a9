use sea_orm::entity::prelude::*;
use workit_domain::plans::control::ControlStatus;

use crate::stored::Stored;

entity!("quarterly_controls", versioned {
    pub forum_id: i64,
    /// `Quarter::code`.
    pub quarter: i32,
    pub status: Stored<ControlStatus>,
    pub summary: String,
    /// `Vec<(focus id, note)>` as JSON.
    pub focus_notes: String,
    pub approved_by: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    /// The `ControlView` as approved, JSON; later corrections do not change it.
    pub snapshot: Option<String>,
    /// The forum meeting the control was brought to (`prepare_meeting`).
    pub meeting_id: Option<i64>,
    /// 1 for the first approval, one more for each correction after it.
    pub number: i32,
    /// Why the approved control was corrected (set from the second number on).
    pub correction_reason: Option<String>,
});
