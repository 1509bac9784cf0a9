use sea_orm::{EntityTrait, QueryOrder};
use workit_persistence::AllByPosition;
use workit_persistence::entities::*;

use crate::helpers::*;

/// Reads every row of each table both ways and names the tables read.
macro_rules! read_both_ways {
    ($db:expr, $($table:ident),* $(,)?) => {{
        let mut rows = Vec::new();
        $(
            let by_name = $table::Entity::find().order_by_asc($table::Column::Id).all($db).await.unwrap();
            let by_position =
                $table::Entity::find().order_by_asc($table::Column::Id).all_by_position($db).await.unwrap();
            assert_eq!(by_position, by_name, "{} read by position", stringify!($table));
            rows.push((stringify!($table), by_name.len()));
        )*
        rows
    }};
}

/// Dashboards read their rows by position, straight from the driver (`AllByPosition`); every
/// table of the demo data must read exactly as sea-orm reads it by name, NULLs, dates, times and
/// stored enums included.
async fn every_table_reads_the_same_by_position_as_by_name(engine: Engine) {
    let database = fresh_database(engine).await;
    let db = workit_persistence::connect(&database.url, 2).await.unwrap();
    workit_persistence::migrate(&db).await.unwrap();
    workit_persistence::demo::seed(&db, "not-a-real-hash", now()).await.unwrap();
    let rows = read_both_ways!(
        &db,
        account_tokens,
        agenda_items,
        attendance,
        audit_log,
        barriers,
        bodies,
        decisions,
        forum_stage_changes,
        forums,
        labour_offices,
        measurements,
        meeting_events,
        meeting_templates,
        meetings,
        memberships,
        milestones,
        minutes_comments,
        minutes_sections,
        minutes_versions,
        organisation_mappings,
        organisations,
        outbox_emails,
        outcome_metrics,
        participation_processes,
        participation_steps,
        people,
        plan_change_proposals,
        quarterly_control_versions,
        quarterly_controls,
        refresh_tokens,
        regions,
        scheduled_runs,
        sessions,
        stakeholder_interactions,
        stakeholder_moves,
        stakeholders,
        strategic_focuses,
        survey_responses,
        survey_rounds,
        swot_versions,
        towns,
        users,
        work_plan_approvals,
        work_plan_task_partners,
        work_plan_tasks,
        year_summaries,
    );
    // Every type a column has is among them: `bool` (users), `f64` (measurements), dates
    // (decisions), optional stored enums (people).
    let filled: Vec<_> = rows.iter().filter(|(_, count)| *count > 0).map(|(table, _)| *table).collect();
    assert!(filled.len() >= 30, "the demo data fills most tables: {rows:?}");
    for table in ["users", "measurements", "decisions", "people"] {
        assert!(filled.contains(&table), "{table} has rows: {rows:?}");
    }
}

both_engines!(every_table_reads_the_same_by_position_as_by_name);
