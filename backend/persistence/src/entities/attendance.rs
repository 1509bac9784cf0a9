use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::AttendanceStatus;

entity!("attendance", versioned {
    pub meeting_id: i64,
    pub person_id: i64,
    pub status: Stored<AttendanceStatus>,
});
