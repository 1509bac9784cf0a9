use sea_orm::entity::prelude::*;

entity!("outbox_emails" {
    /// The meeting the e-mail is about; none for e-mail about an account (an invitation).
    pub meeting_id: Option<i64>,
    pub kind: String,
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    pub claimed_at: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub attempts: i32,
    pub last_error: Option<String>,
});
