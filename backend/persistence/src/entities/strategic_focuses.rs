use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::FocusKind;

entity!("strategic_focuses", versioned {
    pub forum_id: i64,
    pub kind: Stored<FocusKind>,
    pub title: String,
    pub description: Option<String>,
});
