use sea_orm::entity::prelude::*;

entity!("outcome_metrics", versioned {
    pub focus_id: i64,
    pub name: String,
    pub unit: Option<String>,
    pub is_outcome: bool,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub target_on: Option<Date>,
});
