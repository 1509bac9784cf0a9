use sea_orm::ConnectionTrait as _;
use workit_migrations::{Migrator, MigratorTrait};

use crate::helpers::*;

async fn migrations_apply_to_an_empty_database_roll_back_and_apply_again(engine: Engine) {
    let database = fresh_database(engine).await;
    let db = workit_persistence::connect(&database.url, 2).await.unwrap();
    workit_persistence::migrate(&db).await.unwrap();
    assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty());
    workit_persistence::db::roll_back_all(&db).await.unwrap();
    let left =
        db.execute_raw(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM towns")).await;
    assert!(left.is_err(), "down removes the tables");
    workit_persistence::migrate(&db).await.unwrap();
    workit_persistence::demo::seed(&db, "not-a-real-hash", now()).await.unwrap();
    assert!(
        workit_persistence::demo::seed(&db, "x", now()).await.is_err(),
        "the demo data loads only into an empty database"
    );
}

async fn sqlite_runs_in_wal_mode_with_foreign_keys(engine: Engine) {
    let database = fresh_database(engine).await;
    let db = workit_persistence::connect(&database.url, 2).await.unwrap();
    workit_persistence::migrate(&db).await.unwrap();
    // A row pointing at nothing is refused by the database itself, on both engines.
    let orphan = db
        .execute_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "INSERT INTO organisations (created_at, updated_at, version, town_id, name, sector) VALUES ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, 424242, 'x', 'BUSINESS')",
        ))
        .await;
    assert!(orphan.is_err(), "foreign keys are enforced");
    if engine == Engine::Sqlite {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), "PRAGMA journal_mode"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get_by_index::<String>(0).unwrap(), "wal");
    }
}

/// Migration 12 turned 1–5 positions into tenths with a first move each; rolling it back and
/// forth keeps every organisation's place on its map, and new rows get fresh ids after the copy.
async fn stakeholder_positions_keep_their_place_across_the_tenths_migration(engine: Engine) {
    let database = fresh_database(engine).await;
    let db = workit_persistence::connect(&database.url, 2).await.unwrap();
    workit_persistence::migrate(&db).await.unwrap();
    workit_persistence::demo::seed(&db, "not-a-real-hash", now()).await.unwrap();
    let scalar = |sql: &'static str| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    let organisations = scalar("SELECT COUNT(*) FROM stakeholders WHERE organisation_id IS NOT NULL").await;
    // Back to migration 11: undo 12 and whatever came after it.
    let after_eleven = u32::try_from(Migrator::migrations().len() - 11).unwrap();
    Migrator::down(&db, Some(after_eleven)).await.unwrap();
    assert_eq!(scalar("SELECT COUNT(*) FROM stakeholder_positions").await, organisations);
    assert_eq!(scalar("SELECT COUNT(*) FROM stakeholder_positions WHERE influence NOT BETWEEN 1 AND 5").await, 0);
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(scalar("SELECT COUNT(*) FROM stakeholders").await, organisations);
    assert_eq!(scalar("SELECT COUNT(*) FROM stakeholder_moves").await, organisations, "a first move each");
    assert_eq!(scalar("SELECT COUNT(*) FROM stakeholders WHERE influence_tenths % 10 <> 0").await, 0);
    let insert = "INSERT INTO stakeholders (created_at, updated_at, version, forum_id, person_id, influence_tenths, \
        interest_tenths, next_step_status) SELECT created_at, updated_at, 1, forum_id, NULL, 30, 30, 'PLANNED' \
        FROM stakeholders WHERE id = (SELECT MIN(id) FROM stakeholders)";
    db.execute_raw(sea_orm::Statement::from_string(db.get_database_backend(), insert)).await.expect("a fresh id");
}

/// Rows of `(table, name, column)` in the order of each name's columns, as the engine lists them.
async fn named_column_lists(db: &workit_persistence::Database, sql: &str) -> Vec<(String, String, Vec<String>)> {
    let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    let mut lists: Vec<(String, String, Vec<String>)> = Vec::new();
    for row in rows {
        let (table, name, column): (String, String, String) =
            (row.try_get_by_index(0).unwrap(), row.try_get_by_index(1).unwrap(), row.try_get_by_index(2).unwrap());
        match lists.last_mut() {
            Some((t, n, columns)) if *t == table && *n == name => columns.push(column),
            _ => lists.push((table, name, vec![column])),
        }
    }
    lists
}

async fn every_foreign_key_has_an_index(engine: Engine) {
    let database = fresh_database(engine).await;
    let db = workit_persistence::connect(&database.url, 2).await.unwrap();
    workit_persistence::migrate(&db).await.unwrap();
    // Each foreign key's columns, and each index's (a primary key is one), in their order.
    let (foreign_keys, indexes) = match engine {
        Engine::Postgres => (
            "SELECT cl.relname::text, c.conname::text, a.attname::text FROM pg_constraint c \
             JOIN pg_class cl ON cl.oid = c.conrelid \
             CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, at) \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum \
             WHERE c.contype = 'f' AND cl.relnamespace = 'public'::regnamespace ORDER BY 1, 2, k.at",
            "SELECT cl.relname::text, ix.relname::text, a.attname::text FROM pg_index i \
             JOIN pg_class cl ON cl.oid = i.indrelid JOIN pg_class ix ON ix.oid = i.indexrelid \
             CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, at) \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
             WHERE cl.relnamespace = 'public'::regnamespace ORDER BY 1, 2, k.at",
        ),
        Engine::Sqlite => (
            "SELECT m.name, CAST(f.id AS TEXT), f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' ORDER BY 1, f.id, f.seq",
            // An INTEGER PRIMARY KEY is the rowid, listed by no index.
            "SELECT m.name, i.name, c.name, c.seqno FROM sqlite_master m, pragma_index_list(m.name) i, \
             pragma_index_info(i.name) c WHERE m.type = 'table' \
             UNION ALL SELECT m.name, 'primary key', t.name, t.pk FROM sqlite_master m, pragma_table_info(m.name) t \
             WHERE m.type = 'table' AND t.pk > 0 ORDER BY 1, 2, 4",
        ),
    };
    let foreign_keys = named_column_lists(&db, foreign_keys).await;
    let indexes = named_column_lists(&db, indexes).await;
    assert!(foreign_keys.len() > 50, "{} foreign keys read", foreign_keys.len());
    let unindexed: Vec<String> = foreign_keys
        .iter()
        .filter(|(table, _, columns)| !indexes.iter().any(|(t, _, index)| t == table && index.starts_with(columns)))
        .map(|(table, _, columns)| format!("{table}({})", columns.join(", ")))
        .collect();
    assert!(unindexed.is_empty(), "foreign keys with no index leading with their columns: {unindexed:?}");
}

both_engines!(
    stakeholder_positions_keep_their_place_across_the_tenths_migration,
    migrations_apply_to_an_empty_database_roll_back_and_apply_again,
    sqlite_runs_in_wal_mode_with_foreign_keys,
    every_foreign_key_has_an_index,
);
