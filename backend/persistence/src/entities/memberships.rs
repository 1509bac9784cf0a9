use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::MembershipRole;

entity!("memberships", versioned {
    pub body_id: i64,
    pub person_id: i64,
    pub role: Stored<MembershipRole>,
    pub joined_on: Date,
    pub left_on: Option<Date>,
});
