use sea_orm::entity::prelude::*;

entity!("measurements", versioned {
    pub metric_id: i64,
    pub year: i32,
    pub quarter: i32,
    pub value: f64,
    pub note: Option<String>,
    /// The account that recorded the current value.
    pub recorded_by: Option<i64>,
});
