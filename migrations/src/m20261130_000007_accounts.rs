//! Accounts people can manage: one-time links to set a password (invitations and resets),
//! and e-mail that is about an account rather than a meeting.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{fk, fk_col, fk_col_null, index, table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OUTBOX_COLUMNS: &str =
    "id, created_at, meeting_id, kind, to_email, to_name, subject, body, claimed_at, sent_at, attempts, last_error";

/// `outbox_emails` as migration 6 made it, with `meeting_id` required (`true`) or optional.
fn outbox(name: &'static str, meeting_required: bool) -> TableCreateStatement {
    table(name)
        .col(if meeting_required { fk_col("meeting_id") } else { fk_col_null("meeting_id") })
        .col(string_len("kind", 32))
        .col(string_len("to_email", 320))
        .col(string_len("to_name", 200))
        .col(string_len("subject", 300))
        .col(text("body"))
        .col(timestamp_with_time_zone_null("claimed_at"))
        .col(timestamp_with_time_zone_null("sent_at"))
        .col(integer("attempts").default(0))
        .col(text_null("last_error"))
        .foreign_key(
            ForeignKey::create()
                .name("fk_outbox_emails_meeting_id")
                .from(name, "meeting_id")
                .to("meetings", "id")
                .on_delete(ForeignKeyAction::Cascade),
        )
        .take()
}

/// SQLite cannot drop a NOT NULL: the table is rebuilt (the same way on both engines).
async fn rebuild_outbox(manager: &SchemaManager<'_>, meeting_required: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared("ALTER TABLE outbox_emails RENAME TO outbox_emails_previous").await?;
    manager.create_table(outbox("outbox_emails", meeting_required)).await?;
    let copy =
        format!("INSERT INTO outbox_emails ({OUTBOX_COLUMNS}) SELECT {OUTBOX_COLUMNS} FROM outbox_emails_previous");
    let copy = if meeting_required { format!("{copy} WHERE meeting_id IS NOT NULL") } else { copy };
    db.execute_unprepared(&copy).await?;
    db.execute_unprepared("DROP TABLE outbox_emails_previous").await?;
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // Keep the id sequence ahead of the copied rows.
        db.execute_unprepared(
            "SELECT setval(pg_get_serial_sequence('outbox_emails', 'id'), COALESCE((SELECT MAX(id) FROM outbox_emails), 0) + 1, false)",
        )
        .await?;
    }
    manager.create_index(index("outbox_emails", &["meeting_id"])).await?;
    manager.create_index(index("outbox_emails", &["sent_at"])).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table("account_tokens")
                    .col(fk_col("user_id"))
                    .col(string_len("purpose", 16))
                    .col(string_len("token_hash", 64))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(fk_col_null("created_by"))
                    .foreign_key(&mut fk("account_tokens", "user_id", "users", ForeignKeyAction::Cascade))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("account_tokens", &["token_hash"])).await?;
        manager.create_index(index("account_tokens", &["user_id"])).await?;
        for name in ["ix_outbox_emails_meeting_id", "ix_outbox_emails_sent_at"] {
            let mut drop = Index::drop();
            drop.name(name).table("outbox_emails");
            manager.drop_index(drop).await?;
        }
        rebuild_outbox(manager, false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_outbox_emails_meeting_id", "ix_outbox_emails_sent_at"] {
            let mut drop = Index::drop();
            drop.name(name).table("outbox_emails");
            manager.drop_index(drop).await?;
        }
        rebuild_outbox(manager, true).await?;
        manager.drop_table(Table::drop().table("account_tokens").if_exists().take()).await
    }
}
