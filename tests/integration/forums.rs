use serde_json::json;

use crate::helpers::*;

async fn forum_id_of(app: &TestApp, token: &str, town: &str) -> serde_json::Value {
    let town_id = app.town_id(token, town).await;
    app.gql(
        token,
        "query($t: ID!) { town(id: $t) { forum { id } } }",
        json!({ "t": town_id }),
    )
    .await["data"]["town"]["forum"]["id"]
        .clone()
}

async fn referent_adds_a_task_team_and_its_members_and_history_is_kept(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let forum = forum_id_of(&app, &token, "Kiryat Shmona").await;
    let focus = app.gql(&token, "query($f: ID!) { forum(id: $f) { focuses { id } } }", json!({ "f": forum })).await["data"]["forum"]["focuses"][0]["id"].clone();
    let body = app
        .gql(&token, "mutation($f: ID!, $focus: ID) { createBody(forumId: $f, input: { kind: TASK_TEAM, name: \"צוות מעסיקים\", startsOn: \"2026-01-01\", focusId: $focus }) { id kind version focus { id } } }", json!({ "f": forum, "focus": focus }))
        .await;
    assert_eq!(body["data"]["createBody"]["focus"]["id"], focus, "{body}");
    let body_id = body["data"]["createBody"]["id"].clone();
    let town = app.town_id(&token, "Kiryat Shmona").await;
    let person = app
        .gql(&token, "query($t: ID!) { people(townId: $t, limit: 1) { items { id } } }", json!({ "t": town }))
        .await["data"]["people"]["items"][0]["id"]
        .clone();

    let add = "mutation($b: ID!, $p: ID!, $i: MembershipInput!) { addMembership(bodyId: $b, personId: $p, input: $i) { id role version } }";
    let added = app
        .gql(&token, add, json!({ "b": body_id, "p": person, "i": { "role": "TEAM_LEAD", "joinedOn": "2026-01-05" } }))
        .await;
    assert_eq!(added["data"]["addMembership"]["role"], "TEAM_LEAD");
    let twice = app
        .gql(&token, add, json!({ "b": body_id, "p": person, "i": { "role": "MEMBER", "joinedOn": "2026-02-01" } }))
        .await;
    assert_eq!(error_code(&twice), "CONFLICT");
    assert_eq!(twice["errors"][0]["extensions"]["fields"][0]["code"], "already_member");

    let membership = added["data"]["addMembership"]["id"].clone();
    let backwards = app
        .gql(&token, "mutation($m: ID!) { updateMembership(id: $m, version: 1, input: { role: TEAM_LEAD, joinedOn: \"2026-01-05\", leftOn: \"2025-12-31\" }) { id } }", json!({ "m": membership }))
        .await;
    assert_eq!(
        backwards["errors"][0]["extensions"]["fields"][0],
        json!({ "field": "leftOn", "code": "end_before_start", "params": {}, "message": "The end date is before the start date." })
    );
    let left = app
        .gql(&token, "mutation($m: ID!) { updateMembership(id: $m, version: 1, input: { role: TEAM_LEAD, joinedOn: \"2026-01-05\", leftOn: \"2026-03-01\" }) { current leftOn } }", json!({ "m": membership }))
        .await;
    assert_eq!(left["data"]["updateMembership"], json!({ "current": false, "leftOn": "2026-03-01" }));
    let members = app
        .gql(
            &token,
            "query($b: ID!) { body(id: $b) { current: members { id } all: members(includePast: true) { id } } }",
            json!({ "b": body_id }),
        )
        .await;
    assert_eq!(members["data"]["body"]["current"], json!([]));
    assert_eq!(members["data"]["body"]["all"].as_array().unwrap().len(), 1, "leaving keeps the history");
}

async fn a_body_cannot_end_before_it_starts(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("chair.kiryat-gat").await;
    let forum = forum_id_of(&app, &token, "Kiryat Gat").await;
    let before = app.scalar_i64("SELECT COUNT(*) FROM bodies").await;
    let body = app
        .gql(&token, "mutation($f: ID!) { createBody(forumId: $f, input: { kind: AD_HOC_TEAM, name: \"Job fair\", startsOn: \"2026-05-01\", endsOn: \"2026-04-01\" }) { id } }", json!({ "f": forum }))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["fields"][0]["code"], "end_before_start");
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM bodies").await, before);
}

async fn a_member_of_another_town_cannot_join_a_body(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("admin").await;
    let forum = forum_id_of(&app, &token, "Kiryat Gat").await;
    let bodies = app.gql(&token, "query($f: ID!) { forum(id: $f) { bodies { id } } }", json!({ "f": forum })).await;
    let body = bodies["data"]["forum"]["bodies"][0]["id"].clone();
    let other_town = app.town_id(&token, "Sderot").await;
    let stranger = app
        .gql(&token, "query($t: ID!) { people(townId: $t, limit: 1) { items { id } } }", json!({ "t": other_town }))
        .await["data"]["people"]["items"][0]["id"]
        .clone();
    let added = app
        .gql(&token, "mutation($b: ID!, $p: ID!) { addMembership(bodyId: $b, personId: $p, input: { role: MEMBER, joinedOn: \"2026-01-01\" }) { id } }", json!({ "b": body, "p": stranger }))
        .await;
    assert_eq!(added["errors"][0]["extensions"]["fields"][0]["field"], "personId");
}

both_engines!(
    referent_adds_a_task_team_and_its_members_and_history_is_kept,
    a_body_cannot_end_before_it_starts,
    a_member_of_another_town_cannot_join_a_body,
);

/// The demo data tells a consistent story: nothing done on a day that has not come, and every
/// forum's stage history leads to the stage it is in.
async fn the_demo_story_has_no_future_milestones_and_stage_histories_that_match(engine: Engine) {
    let app = spawn_app(engine).await;
    let tomorrow = (now() + chrono::Duration::days(1)).date_naive().to_string();
    let future_done = app.scalar_i64(&format!("SELECT COUNT(*) FROM milestones WHERE done_on >= '{tomorrow}'")).await;
    assert_eq!(future_done, 0, "no milestone done in the future");
    let beyond_kick_off = app.scalar_i64("SELECT COUNT(*) FROM forums WHERE stage <> 'KICK_OFF'").await;
    assert!(beyond_kick_off > 0);
    let without_history = app
        .scalar_i64(
            "SELECT COUNT(*) FROM forums f WHERE f.stage <> 'KICK_OFF' AND NOT EXISTS \
             (SELECT 1 FROM forum_stage_changes c WHERE c.forum_id = f.id AND c.to_stage = f.stage)",
        )
        .await;
    assert_eq!(without_history, 0, "every forum past kick-off shows the move that brought it there");
    let implementing = app.scalar_i64("SELECT COUNT(*) FROM forums WHERE stage = 'IMPLEMENTATION'").await;
    let two_moves = app
        .scalar_i64(
            "SELECT COUNT(*) FROM forums f WHERE f.stage = 'IMPLEMENTATION' AND \
             (SELECT COUNT(*) FROM forum_stage_changes c WHERE c.forum_id = f.id) = 2",
        )
        .await;
    assert_eq!(two_moves, implementing, "implementing forums moved twice");
}

both_engines!(the_demo_story_has_no_future_milestones_and_stage_histories_that_match);

/// A chair reading the demo's open decisions sees a forum's work: each body decides things of its
/// own kind, no meeting decides the same thing twice, and each decision has an owner.
async fn the_demo_decisions_read_like_each_body_s_work(engine: Engine) {
    let app = spawn_app(engine).await;
    let decisions = app.scalar_i64("SELECT COUNT(*) FROM decisions").await;
    let wordings = app.scalar_i64("SELECT COUNT(DISTINCT text) FROM decisions").await;
    assert!(decisions > 40 && wordings >= 15, "{decisions} decisions in {wordings} wordings");
    let repeated_in_a_meeting = app
        .scalar_i64("SELECT COUNT(*) FROM (SELECT meeting_id, text FROM decisions GROUP BY meeting_id, text HAVING COUNT(*) > 1) r")
        .await;
    assert_eq!(repeated_in_a_meeting, 0);
    let shared_by_kinds = app
        .scalar_i64(
            "SELECT COUNT(*) FROM (SELECT d.text FROM decisions d JOIN meetings m ON m.id = d.meeting_id \
             JOIN bodies b ON b.id = m.body_id GROUP BY d.text HAVING COUNT(DISTINCT b.kind) > 1) k",
        )
        .await;
    assert_eq!(shared_by_kinds, 0, "a task team's decisions are not the steering committee's");
    let without_owner = app.scalar_i64("SELECT COUNT(*) FROM decisions WHERE owner_person_id IS NULL").await;
    assert_eq!(without_owner, 0);
}

both_engines!(the_demo_decisions_read_like_each_body_s_work);
