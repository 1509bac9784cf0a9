use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::participation::Step;

entity!("participation_steps", versioned {
    pub process_id: i64,
    pub step: Stored<Step>,
    pub owner_person_id: Option<i64>,
    pub starts_on: Option<Date>,
    pub due_on: Option<Date>,
    pub done_on: Option<Date>,
    pub notes: Option<String>,
    /// `domain::participation::Attachment`s as JSON.
    pub attachments: String,
});
