use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::FocusKind;
use workit_domain::plans::focuses::FocusStatus;

entity!("strategic_focuses", versioned {
    pub forum_id: i64,
    pub kind: Stored<FocusKind>,
    pub title: String,
    pub description: Option<String>,
    pub target_population: Option<String>,
    /// Priority within the forum, 1 first.
    pub position: i32,
    pub status: Stored<FocusStatus>,
    pub closed_reason: Option<String>,
    /// `TheoryOfChange` as JSON: five short lists, always read and written whole.
    pub theory: Option<String>,
    /// `Vec<Goal>` as JSON, likewise.
    pub goals: Option<String>,
});
