//! The forum lifecycle: the three stages with their milestones, stage moves, bodies' rules,
//! and the health panel's signals.

use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use crate::helpers::*;

const FORUM: &str = "query($t: ID!) {
    town(id: $t) { forum { id version stage focuses { id } bodies { id kind name members { id role version joinedOn person { id } } } } }
}";

async fn forum_of(app: &TestApp, token: &str, town: &str) -> Value {
    let town_id = app.town_id(token, town).await;
    app.gql(token, FORUM, json!({ "t": town_id })).await["data"]["town"]["forum"].clone()
}

const MOVE: &str = "mutation($f: ID!, $v: Int!, $to: Stage!, $reason: String, $confirm: Boolean! = false) {
    moveForumStage(forumId: $f, version: $v, toStage: $to, reason: $reason, confirmOpenMilestones: $confirm) { stage stageNumber version stageChanges { fromStage toStage reason changedBy } }
}";

async fn a_new_town_starts_at_stage_one_with_standard_bodies_and_the_models_milestones(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.login("admin").await;
    let created = app
        .gql(&admin, "mutation { createTown(input: { regionId: \"2\", nameHe: \"ירוחם החדשה\", nameEn: \"New Yeruham\" }) { forum { stage bodies { kind } milestones { stage templateKey doneOn } } } }", json!({}))
        .await;
    let forum = &created["data"]["createTown"]["forum"];
    assert_eq!(forum["stage"], "KICK_OFF");
    assert_eq!(forum["bodies"], json!([{ "kind": "STEERING_COMMITTEE" }, { "kind": "FORUM" }]));
    let milestones = forum["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), workit_domain::forums::milestones::TEMPLATES.len());
    assert_eq!(milestones[0], json!({ "stage": "KICK_OFF", "templateKey": "harness_mayor", "doneOn": null }));
    for stage in ["KICK_OFF", "MAPPING_AND_PLANNING", "IMPLEMENTATION"] {
        assert!(milestones.iter().filter(|m| m["stage"] == stage).count() >= 4, "{stage}");
    }
}

async fn moving_forward_asks_to_confirm_open_milestones_and_lands_on_the_timeline(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("coordinator.south").await;
    let forum = forum_of(&app, &token, "Ofakim").await;
    assert_eq!(forum["stage"], "KICK_OFF");
    let open = app
        .gql(
            &token,
            "query($f: ID!) { forum(id: $f) { milestones(stage: KICK_OFF) { doneOn } } }",
            json!({ "f": forum["id"] }),
        )
        .await;
    let open = open["data"]["forum"]["milestones"].as_array().unwrap().iter().filter(|m| m["doneOn"].is_null()).count();
    assert!(open > 0, "the demo leaves some stage-1 milestones open");

    let unconfirmed =
        app.gql(&token, MOVE, json!({ "f": forum["id"], "v": forum["version"], "to": "MAPPING_AND_PLANNING" })).await;
    assert_eq!(error_code(&unconfirmed), "VALIDATION");
    assert_eq!(unconfirmed["errors"][0]["extensions"]["fields"][0]["code"], "open_milestones");
    assert_eq!(unconfirmed["errors"][0]["extensions"]["fields"][0]["params"]["count"], open.to_string());

    let skipped = app
        .gql(&token, MOVE, json!({ "f": forum["id"], "v": forum["version"], "to": "IMPLEMENTATION", "confirm": true }))
        .await;
    assert_eq!(skipped["errors"][0]["extensions"]["fields"][0]["code"], "skips_stage");

    let moved = app
        .gql(
            &token,
            MOVE,
            json!({ "f": forum["id"], "v": forum["version"], "to": "MAPPING_AND_PLANNING", "confirm": true }),
        )
        .await;
    let moved = &moved["data"]["moveForumStage"];
    assert_eq!(moved["stageNumber"], 2);
    assert_eq!(
        moved["stageChanges"][0],
        json!({ "fromStage": "KICK_OFF", "toStage": "MAPPING_AND_PLANNING", "reason": null, "changedBy": "רכז אזור דרום (הדגמה)" })
    );

    let stale = app
        .gql(&token, MOVE, json!({ "f": forum["id"], "v": forum["version"], "to": "IMPLEMENTATION", "confirm": true }))
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
}

async fn moving_back_needs_a_reason(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("chair.kiryat-shmona").await;
    let forum = forum_of(&app, &token, "Kiryat Shmona").await;
    let without = app
        .gql(
            &token,
            MOVE,
            json!({ "f": forum["id"], "v": forum["version"], "to": "MAPPING_AND_PLANNING", "reason": "  " }),
        )
        .await;
    assert_eq!(without["errors"][0]["extensions"]["fields"][0]["field"], "reason");
    assert_eq!(without["errors"][0]["extensions"]["fields"][0]["message"], "This field is required.");
    let with = app
        .gql(&token, MOVE, json!({ "f": forum["id"], "v": forum["version"], "to": "MAPPING_AND_PLANNING", "reason": "New mayor: the work plan is rewritten" }))
        .await;
    assert_eq!(with["data"]["moveForumStage"]["stageChanges"][0]["reason"], "New mayor: the work plan is rewritten");
}

async fn only_chairs_coordinators_of_the_region_and_admins_move_stages(engine: Engine) {
    let app = spawn_app(engine).await;
    let chair = app.login("chair.kiryat-shmona").await;
    let forum = forum_of(&app, &chair, "Kiryat Shmona").await;
    let back = json!({ "f": forum["id"], "v": forum["version"], "to": "MAPPING_AND_PLANNING", "reason": "test" });
    for account in [
        "member.kiryat-shmona",
        "referent.kiryat-shmona",
        "lead.kiryat-shmona",
        "chair.kiryat-gat",
        "coordinator.south",
        "national",
    ] {
        let token = app.login(account).await;
        assert_eq!(error_code(&app.gql(&token, MOVE, back.clone()).await), "FORBIDDEN", "{account}");
    }
    let coordinator = app.login("coordinator.north").await;
    assert!(app.gql(&coordinator, MOVE, back).await["data"]["moveForumStage"].is_object());
}

async fn a_referent_ticks_a_milestone_with_evidence_and_adds_a_towns_own(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let forum = forum_of(&app, &token, "Kiryat Gat").await;
    let list = app.gql(&token, "query($f: ID!) { forum(id: $f) { milestones(stage: IMPLEMENTATION) { id title version doneOn templateKey } } }", json!({ "f": forum["id"] })).await;
    let open =
        list["data"]["forum"]["milestones"].as_array().unwrap().iter().find(|m| m["doneOn"].is_null()).unwrap().clone();
    let update = "mutation($id: ID!, $v: Int!, $i: MilestoneInput!) { updateMilestone(id: $id, version: $v, input: $i) { title doneOn evidence version overdue } }";
    let ticked = app
        .gql(&token, update, json!({ "id": open["id"], "v": open["version"], "i": { "title": "renamed?", "doneOn": "2026-11-01", "evidence": "https://docs.example/summary.pdf" } }))
        .await;
    let ticked = &ticked["data"]["updateMilestone"];
    assert_eq!(ticked["doneOn"], "2026-11-01");
    assert_eq!(ticked["title"], open["title"], "the model's own milestones keep their title");
    assert_eq!(ticked["overdue"], false);

    let create = "mutation($f: ID!, $i: MilestoneInput!) { createMilestone(forumId: $f, stage: IMPLEMENTATION, input: $i) { title templateKey dueOn } }";
    let added = app
        .gql(&token, create, json!({ "f": forum["id"], "i": { "title": "יריד תעסוקה שנתי", "dueOn": "2027-03-01" } }))
        .await;
    assert_eq!(
        added["data"]["createMilestone"],
        json!({ "title": "יריד תעסוקה שנתי", "templateKey": null, "dueOn": "2027-03-01" })
    );
    let blank = app.gql(&token, create, json!({ "f": forum["id"], "i": { "title": " " } })).await;
    assert_eq!(blank["errors"][0]["extensions"]["fields"][0]["field"], "title");
    let member = app.login("member.kiryat-gat").await;
    assert_eq!(
        error_code(&app.gql(&member, create, json!({ "f": forum["id"], "i": { "title": "x" } })).await),
        "FORBIDDEN"
    );
}

async fn the_last_chair_cannot_leave_until_another_is_named(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let forum = forum_of(&app, &token, "Kiryat Shmona").await;
    let body = forum["bodies"].as_array().unwrap().iter().find(|b| b["kind"] == "FORUM").unwrap().clone();
    let chair = body["members"].as_array().unwrap().iter().find(|m| m["role"] == "CHAIR").unwrap().clone();
    let end = "mutation($m: ID!, $v: Int!, $j: NaiveDate!) { updateMembership(id: $m, version: $v, input: { role: CHAIR, joinedOn: $j, leftOn: \"2026-01-01\" }) { current } }";
    let refused =
        app.gql(&token, end, json!({ "m": chair["id"], "v": chair["version"], "j": chair["joinedOn"] })).await;
    assert_eq!(refused["errors"][0]["extensions"]["fields"][0]["code"], "last_chair", "{refused}");
    let demote = "mutation($m: ID!, $v: Int!, $j: NaiveDate!) { updateMembership(id: $m, version: $v, input: { role: MEMBER, joinedOn: $j }) { role } }";
    assert_eq!(
        app.gql(&token, demote, json!({ "m": chair["id"], "v": chair["version"], "j": chair["joinedOn"] })).await["errors"]
            [0]["extensions"]["fields"][0]["code"],
        "last_chair"
    );

    let member = body["members"].as_array().unwrap().iter().find(|m| m["role"] == "MEMBER").unwrap().clone();
    let promote = "mutation($m: ID!, $v: Int!, $j: NaiveDate!) { updateMembership(id: $m, version: $v, input: { role: CHAIR, joinedOn: $j }) { role } }";
    assert_eq!(
        app.gql(&token, promote, json!({ "m": member["id"], "v": member["version"], "j": member["joinedOn"] })).await["data"]
            ["updateMembership"]["role"],
        "CHAIR"
    );
    let ended = app.gql(&token, end, json!({ "m": chair["id"], "v": chair["version"], "j": chair["joinedOn"] })).await;
    assert_eq!(ended["data"]["updateMembership"]["current"], false, "{ended}");
}

async fn task_teams_need_their_forums_focus_and_ad_hoc_teams_close_after_their_end(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let own = forum_of(&app, &token, "Kiryat Shmona").await;
    let admin = app.login("admin").await;
    let other = forum_of(&app, &admin, "Kiryat Gat").await;
    let create =
        "mutation($f: ID!, $i: BodyInput!) { createBody(forumId: $f, input: $i) { name closed focus { id } } }";
    let no_focus =
        app.gql(&token, create, json!({ "f": own["id"], "i": { "kind": "TASK_TEAM", "name": "Skills" } })).await;
    assert_eq!(
        no_focus["errors"][0]["extensions"]["fields"][0],
        json!({ "field": "focusId", "code": "required", "params": {}, "message": "This field is required." })
    );
    let foreign = app.gql(&token, create, json!({ "f": own["id"], "i": { "kind": "TASK_TEAM", "name": "Skills", "focusId": other["focuses"][0]["id"] } })).await;
    assert_eq!(foreign["errors"][0]["extensions"]["fields"][0]["field"], "focusId");
    let no_end =
        app.gql(&token, create, json!({ "f": own["id"], "i": { "kind": "AD_HOC_TEAM", "name": "Job fair" } })).await;
    assert_eq!(no_end["errors"][0]["extensions"]["fields"][0]["field"], "endsOn");
    let past = app.gql(&token, create, json!({ "f": own["id"], "i": { "kind": "AD_HOC_TEAM", "name": "Job fair 2025", "startsOn": "2025-05-01", "endsOn": "2025-06-30" } })).await;
    assert_eq!(past["data"]["createBody"]["closed"], true);
}

fn signal<'a>(health: &'a Value, kind: &str) -> &'a Value {
    health.as_array().unwrap().iter().find(|s| s["kind"] == kind).unwrap_or_else(|| panic!("no {kind} in {health}"))
}

const HEALTH: &str = "query($f: ID!) {
    forum(id: $f) { health { kind status value threshold details } }
}";

async fn health_names_missing_sectors_and_changes_when_one_joins(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let forum = forum_of(&app, &token, "Kiryat Shmona").await;
    let health = app.gql(&token, HEALTH, json!({ "f": forum["id"] })).await["data"]["forum"]["health"].clone();
    assert_eq!(health.as_array().unwrap().len(), 7);
    let attendance = signal(&health, "ATTENDANCE");
    assert!((attendance["threshold"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert!(attendance["value"].as_f64().unwrap() > 0.0);
    assert_eq!(signal(&health, "FORUM_CADENCE")["threshold"], 92.0, "quarterly in implementation");

    // Whichever sector is missing: add someone from it to the steering committee.
    let coverage = signal(&health, "SECTOR_COVERAGE");
    let before = coverage["value"].as_f64().unwrap();
    let Some(missing) = coverage["details"][0].as_str() else {
        assert_eq!(before, 7.0);
        return;
    };
    let town = app.town_id(&token, "Kiryat Shmona").await;
    let org = app.gql(&token, "mutation($t: ID!, $s: Sector!) { createOrganisation(townId: $t, input: { name: \"New partner\", sector: $s }) { id } }", json!({ "t": town, "s": missing })).await;
    let person = app
        .gql(&token, "mutation($t: ID!, $o: ID) { createPerson(townId: $t, input: { fullName: \"נציגה חדשה\", organisationId: $o }) { id } }", json!({ "t": town, "o": org["data"]["createOrganisation"]["id"] }))
        .await;
    let steering =
        forum["bodies"].as_array().unwrap().iter().find(|b| b["kind"] == "STEERING_COMMITTEE").unwrap()["id"].clone();
    app.gql(&token, "mutation($b: ID!, $p: ID!) { addMembership(bodyId: $b, personId: $p, input: { role: MEMBER, joinedOn: \"2025-01-01\" }) { id } }", json!({ "b": steering, "p": person["data"]["createPerson"]["id"] }))
        .await;
    let after = app.gql(&token, HEALTH, json!({ "f": forum["id"] })).await["data"]["forum"]["health"].clone();
    let coverage = signal(&after, "SECTOR_COVERAGE");
    assert_eq!(coverage["value"].as_f64().unwrap(), before + 1.0);
    assert!(!coverage["details"].as_array().unwrap().iter().any(|d| d == missing));
}

async fn health_of_every_forum_takes_the_same_statements_for_2_or_14_towns(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("national").await;
    let query = "query($l: Int) { towns(limit: $l) { items { forum { health { kind status } milestones { id } stageChanges { id } } } } }";
    let mut counts = Vec::new();
    for limit in [2, 14] {
        let before = app.statements.load(Ordering::SeqCst);
        let body = app.gql(&token, query, json!({ "l": limit })).await;
        assert!(body["errors"].is_null(), "{body}");
        counts.push(app.statements.load(Ordering::SeqCst) - before);
    }
    assert_eq!(counts[0], counts[1]);
}

const STAGE_MOVES_WAITING: &str = "{ myAgenda { stageMovesToConfirm { townId fromStage toStage } } }";

/// Once every milestone of a forum's stage is done, its chair is asked (on the landing page and
/// in the weekly e-mail) to move it on; after the move nothing waits until the next stage is done.
async fn a_chair_is_asked_to_move_the_forum_on_once_every_milestone_of_its_stage_is_done(engine: Engine) {
    use workit_persistence::accounts::digest::queue_weekly;
    let app = spawn_app(engine).await;
    let town = app.new_town("Ready Town").await;
    let chair = town.person_in(&app, &town.forum, "CHAIR", "Ready Chair").await;
    let chair_token = app.account_for(&chair).await;
    let referent = town.referent(&app).await;
    let waiting = |token: String| {
        let app = &app;
        async move {
            app.gql(&token, STAGE_MOVES_WAITING, json!({})).await["data"]["myAgenda"]["stageMovesToConfirm"].clone()
        }
    };
    assert_eq!(waiting(chair_token.clone()).await, json!([]), "the new forum's milestones are open");

    let read =
        "query($t: ID!) { town(id: $t) { forum { id version milestones(stage: KICK_OFF) { id title version } } } }";
    let forum = app.gql(&referent, read, json!({ "t": town.id })).await["data"]["town"]["forum"].clone();
    let milestones = forum["milestones"].as_array().unwrap();
    assert!(milestones.len() > 1, "{forum}");
    let update = "mutation($id: ID!, $v: Int!, $i: MilestoneInput!) { updateMilestone(id: $id, version: $v, input: $i) { doneOn } }";
    let yesterday = (today() - chrono::Duration::days(1)).to_string();
    for (ticked, milestone) in milestones.iter().enumerate() {
        assert_eq!(waiting(chair_token.clone()).await, json!([]), "{ticked} of {} done", milestones.len());
        let input = json!({ "title": milestone["title"], "doneOn": yesterday });
        let done =
            app.gql(&referent, update, json!({ "id": milestone["id"], "v": milestone["version"], "i": input })).await;
        assert_eq!(done["data"]["updateMilestone"]["doneOn"], yesterday.as_str(), "{done}");
    }
    let ready = json!([{ "townId": town.id, "fromStage": "KICK_OFF", "toStage": "MAPPING_AND_PLANNING" }]);
    assert_eq!(waiting(chair_token.clone()).await, ready);
    assert_eq!(waiting(referent.clone()).await, json!([]), "the move is the chair's");
    let other_chair = waiting(app.login("chair.kiryat-gat").await).await;
    assert!(!other_chair.as_array().unwrap().iter().any(|m| m["townId"] == town.id), "{other_chair}");

    assert!(queue_weekly(&app.db, next_sunday_morning(0), Some("https://hub.example/")).await.unwrap() >= 1);
    let (_, body) = app.digest_to(&chair.email).await;
    assert!(
        body.contains("Every milestone of stage 1 is done; move the forum to stage 2: \u{2068}Ready Town\u{2069}"),
        "{body}"
    );
    let id = town.id.as_str().unwrap();
    assert!(body.contains(&format!("https://hub.example/towns/{id}/forum?tab=stages")), "{body}");

    let moved = app
        .gql(&chair_token, MOVE, json!({ "f": forum["id"], "v": forum["version"], "to": "MAPPING_AND_PLANNING" }))
        .await;
    assert_eq!(moved["data"]["moveForumStage"]["stage"], "MAPPING_AND_PLANNING", "{moved}");
    assert_eq!(waiting(chair_token).await, json!([]), "stage 2 has its own milestones to do");
}

both_engines!(
    a_chair_is_asked_to_move_the_forum_on_once_every_milestone_of_its_stage_is_done,
    a_new_town_starts_at_stage_one_with_standard_bodies_and_the_models_milestones,
    moving_forward_asks_to_confirm_open_milestones_and_lands_on_the_timeline,
    moving_back_needs_a_reason,
    only_chairs_coordinators_of_the_region_and_admins_move_stages,
    a_referent_ticks_a_milestone_with_evidence_and_adds_a_towns_own,
    the_last_chair_cannot_leave_until_another_is_named,
    task_teams_need_their_forums_focus_and_ad_hoc_teams_close_after_their_end,
    health_names_missing_sectors_and_changes_when_one_joins,
    health_of_every_forum_takes_the_same_statements_for_2_or_14_towns,
);
