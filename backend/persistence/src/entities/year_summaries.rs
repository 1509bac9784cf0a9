use sea_orm::entity::prelude::*;

entity!("year_summaries", versioned {
    pub forum_id: i64,
    pub year: i32,
    pub overall: String,
    /// `Vec<FocusYearText>` as JSON.
    pub focus_texts: String,
});
