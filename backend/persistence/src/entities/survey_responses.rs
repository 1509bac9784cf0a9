use sea_orm::entity::prelude::*;

entity!("survey_responses", versioned {
    pub round_id: i64,
    pub town_id: i64,
    pub organisation_id: Option<i64>,
    pub employer_key: String,
    pub company: String,
    /// `domain::surveys::SurveyAnswers` as JSON.
    pub answers: String,
    /// `PUBLIC` (the employer, through the link) or `STAFF` (entered during a call).
    pub source: String,
    pub entered_by: Option<i64>,
});
