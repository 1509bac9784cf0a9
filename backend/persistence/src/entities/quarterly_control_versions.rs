use sea_orm::entity::prelude::*;

// An approved version of a quarterly control that a correction superseded, kept as it was.
entity!("quarterly_control_versions" {
    pub control_id: i64,
    pub number: i32,
    pub summary: String,
    pub focus_notes: String,
    pub snapshot: Option<String>,
    pub approved_by: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    pub correction_reason: Option<String>,
});
