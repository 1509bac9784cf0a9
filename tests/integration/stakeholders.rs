//! The stakeholder map, organisation mapping and SWOT through the real server on both engines
//! (issue #12): placing, moving with history and "as of", conflicts, permissions and the
//! privacy of people on a map, bad input, exports.

use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use crate::builders::TestTown;
use crate::helpers::*;

const PLACE: &str = "mutation($f: ID!, $i: PlacementInput!) {
    placeStakeholder(forumId: $f, input: $i) { id version name quadrant action influence interest inForum }
}";
const MOVE: &str = "mutation($id: ID!, $v: Int!, $inf: Float!, $int: Float!, $r: String) {
    moveStakeholder(id: $id, version: $v, influence: $inf, interest: $int, reason: $r) {
        id version quadrant action moves { influence interest quadrant reason movedBy }
    }
}";
const MAP: &str = "query($f: ID!, $d: NaiveDate) {
    stakeholders(forumId: $f, asOf: $d) { id name quadrant influence interest inForum person { id } }
}";

struct MapFixture {
    town: TestTown,
    referent: String,
    forum: Value,
    organisation: Value,
}

async fn organisation(app: &TestApp, token: &str, town: &Value, name: &str, sector: &str) -> Value {
    let created = app
        .gql(
            token,
            "mutation($t: ID!, $i: OrganisationInput!) { createOrganisation(townId: $t, input: $i) { id } }",
            json!({ "t": town, "i": { "name": name, "sector": sector } }),
        )
        .await;
    let id = created["data"]["createOrganisation"]["id"].clone();
    assert!(id.is_string(), "createOrganisation: {created}");
    id
}

async fn map_fixture(app: &TestApp, name: &str) -> MapFixture {
    let town = app.new_town(name).await;
    let referent = town.referent(app).await;
    let body = app.gql(&referent, "query($t: ID!) { town(id: $t) { forum { id } } }", json!({ "t": town.id })).await;
    let forum = body["data"]["town"]["forum"]["id"].clone();
    let organisation = organisation(app, &referent, &town.id, "Regional Bakery", "BUSINESS").await;
    MapFixture { town, referent, forum, organisation }
}

async fn place(app: &TestApp, token: &str, forum: &Value, input: Value) -> Value {
    app.gql(token, PLACE, json!({ "f": forum, "i": input })).await
}

async fn a_stakeholder_is_placed_and_moved_from_b_to_a_with_its_history_and_the_map_as_of_a_date(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = map_fixture(&app, "Map Town").await;
    let placed = place(
        &app,
        &f.referent,
        &f.forum,
        json!({ "organisationId": f.organisation, "influence": 4.2, "interest": 1.5 }),
    )
    .await;
    let s = &placed["data"]["placeStakeholder"];
    assert_eq!(s["quadrant"], "B", "{placed}");
    assert_eq!(s["action"], "RAISE_AWARENESS");
    assert_eq!((s["influence"].as_f64(), s["interest"].as_f64()), (Some(4.2), Some(1.5)));
    assert_eq!(s["inForum"], false, "nobody of the bakery sits in a body");

    let moved = app
        .gql(
            &f.referent,
            MOVE,
            json!({ "id": s["id"], "v": s["version"], "inf": 4.5, "int": 3.0, "r": "Joined the employers' team" }),
        )
        .await;
    let m = &moved["data"]["moveStakeholder"];
    assert_eq!(m["quadrant"], "A", "the midpoint counts as high: {moved}");
    assert_eq!(m["action"], "WORK_WITH_NOW");
    let moves = m["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 2);
    assert_eq!((moves[0]["quadrant"].as_str(), moves[1]["quadrant"].as_str()), (Some("B"), Some("A")));
    assert_eq!(moves[1]["reason"], "Joined the employers' team");
    assert!(moves[1]["movedBy"].as_str().unwrap().starts_with("referent.test@"), "the mover is named: {moved}");

    let yesterday = (today() - chrono::Duration::days(1)).to_string();
    let now_map = app.gql(&f.referent, MAP, json!({ "f": f.forum })).await;
    assert_eq!(now_map["data"]["stakeholders"][0]["quadrant"], "A");
    let before = app.gql(&f.referent, MAP, json!({ "f": f.forum, "d": yesterday })).await;
    assert_eq!(before["data"]["stakeholders"], json!([]), "it was placed today: {before}");

    // The same organisation twice on one map is refused; so is its version once stale.
    let twice =
        place(&app, &f.referent, &f.forum, json!({ "organisationId": f.organisation, "influence": 2, "interest": 2 }))
            .await;
    assert_eq!(field_errors(&twice), [("organisationId".to_owned(), "taken".to_owned())]);
    let stale = app.gql(&f.referent, MOVE, json!({ "id": s["id"], "v": s["version"], "inf": 1.0, "int": 1.0 })).await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    let after = app.gql(&f.referent, MAP, json!({ "f": f.forum })).await;
    assert_eq!(after["data"]["stakeholders"][0]["influence"], 4.5, "the stale move changed nothing");
}

async fn bad_map_input_gets_field_errors_and_saves_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = map_fixture(&app, "Bad Map Town").await;
    let other = app.new_town("Other Map Town").await;
    let admin = app.login("admin").await;
    let foreign = organisation(&app, &admin, &other.id, "Elsewhere Ltd", "BUSINESS").await;
    let count = "SELECT (SELECT COUNT(*) FROM stakeholders) + (SELECT COUNT(*) FROM organisation_mappings) \
        + (SELECT COUNT(*) FROM stakeholder_interactions)";
    let before = app.scalar_i64(count).await;

    let off_scale = place(
        &app,
        &f.referent,
        &f.forum,
        json!({ "organisationId": f.organisation, "influence": 5.1, "interest": 0 }),
    )
    .await;
    assert_eq!(
        field_errors(&off_scale),
        [("influence".to_owned(), "out_of_range".to_owned()), ("interest".to_owned(), "out_of_range".to_owned())]
    );
    let of_another_town =
        place(&app, &f.referent, &f.forum, json!({ "organisationId": foreign, "influence": 3, "interest": 3 })).await;
    assert_eq!(field_errors(&of_another_town), [("organisationId".to_owned(), "invalid_choice".to_owned())]);
    let nobody = place(&app, &f.referent, &f.forum, json!({ "influence": 3, "interest": 3 })).await;
    assert_eq!(field_errors(&nobody), [("organisationId".to_owned(), "required".to_owned())]);
    assert_eq!(app.scalar_i64(count).await, before, "nothing half-saved");

    let placed =
        place(&app, &f.referent, &f.forum, json!({ "organisationId": f.organisation, "influence": 3, "interest": 3 }))
            .await;
    let id = placed["data"]["placeStakeholder"]["id"].clone();
    let tomorrow = (now().date_naive() + chrono::Duration::days(2)).to_string();
    let future = app
        .gql(
            &f.referent,
            "mutation($s: ID!, $i: InteractionInput!) { logStakeholderInteraction(stakeholderId: $s, input: $i) { id } }",
            json!({ "s": id, "i": { "kind": "MET", "occurredOn": tomorrow } }),
        )
        .await;
    assert_eq!(field_errors(&future), [("occurredOn".to_owned(), "in_the_future".to_owned())]);
    let huge = app
        .gql(
            &f.referent,
            "mutation($f: ID!, $o: ID!, $i: MappingInput!) {
                saveOrganisationMapping(forumId: $f, organisationId: $o, input: $i) { version }
            }",
            json!({ "f": f.forum, "o": f.organisation, "i": {
                "goals": "x".repeat(100_000), "targetGroups": [], "programmes": [] } }),
        )
        .await;
    assert_eq!(error_code(&huge), "VALIDATION", "{huge}");
    assert_eq!(app.scalar_i64(count).await, before + 1, "only the valid placement was saved");
}

async fn towns_edit_their_map_members_read_and_people_are_named_only_inside_the_town(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = map_fixture(&app, "Private Map Town").await;
    let member = f.town.person_in(&app, &f.town.forum, "MEMBER", "Member Test").await;
    let member = app.account_for(&member).await;
    let person = f.town.person_in(&app, &f.town.steering, "MEMBER", "Mayor Person").await;
    let placed =
        place(&app, &f.referent, &f.forum, json!({ "personId": person.id, "influence": 5, "interest": 4 })).await;
    assert_eq!(placed["data"]["placeStakeholder"]["inForum"], true, "{placed}");
    place(&app, &f.referent, &f.forum, json!({ "organisationId": f.organisation, "influence": 2, "interest": 2 }))
        .await;

    let refused =
        place(&app, &member, &f.forum, json!({ "organisationId": f.organisation, "influence": 2, "interest": 2 }))
            .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let inside = app.gql(&member, MAP, json!({ "f": f.forum })).await;
    let names: Vec<&str> =
        inside["data"]["stakeholders"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Mayor Person", "Regional Bakery"], "a member of the town reads the whole map");

    let outsider = app.login("coordinator.south").await;
    let north_referent = app.login("national").await;
    for token in [&outsider, &north_referent] {
        let outside = app.gql(token, MAP, json!({ "f": f.forum })).await;
        let names: Vec<&str> =
            outside["data"]["stakeholders"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Regional Bakery"], "outside the town only organisations appear: {outside}");
    }
    let coordinator = app.login("coordinator.north").await;
    let region = app.gql(&coordinator, MAP, json!({ "f": f.forum })).await;
    assert_eq!(
        region["data"]["stakeholders"].as_array().unwrap().len(),
        2,
        "the region's coordinator works in the town"
    );
    let national_edit =
        place(&app, &north_referent, &f.forum, json!({ "personId": person.id, "influence": 2, "interest": 2 })).await;
    assert_eq!(error_code(&national_edit), "FORBIDDEN");
}

async fn the_engagement_plan_the_contacts_log_and_overdue_steps_on_the_owner_s_week(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Plan Map Town").await;
    let owner = town.person_in(&app, &town.steering, "REFERENT_OPERATIONAL", "Owner Person").await;
    let referent = app.account_for(&owner).await;
    let body = app.gql(&referent, "query($t: ID!) { town(id: $t) { forum { id } } }", json!({ "t": town.id })).await;
    let forum = body["data"]["town"]["forum"]["id"].clone();
    let org = organisation(&app, &referent, &town.id, "Welfare District", "GOVERNMENT").await;
    let placed = place(&app, &referent, &forum, json!({ "organisationId": org, "influence": 4, "interest": 4 })).await;
    let s = &placed["data"]["placeStakeholder"];
    let due = (now().date_naive() - chrono::Duration::days(3)).to_string();
    let updated = app
        .gql(
            &referent,
            "mutation($id: ID!, $v: Int!, $i: StakeholderInput!) {
                updateStakeholder(id: $id, version: $v, input: $i) { version nextStep nextStepOverdue nextStepOwner { fullName } }
            }",
            json!({ "id": s["id"], "v": s["version"], "i": {
                "nextStep": "Meet the district director", "nextStepOwnerId": owner.id, "nextStepDueOn": due } }),
        )
        .await;
    let u = &updated["data"]["updateStakeholder"];
    assert_eq!(u["nextStepOverdue"], true, "{updated}");
    assert_eq!(u["nextStepOwner"]["fullName"], "Owner Person");

    let week =
        app.gql(&referent, "{ myAgenda { stakeholderSteps { name nextStep nextStepOverdue } } }", json!({})).await;
    assert_eq!(
        week["data"]["myAgenda"]["stakeholderSteps"],
        json!([{ "name": "Welfare District", "nextStep": "Meet the district director", "nextStepOverdue": true }])
    );

    let meeting = app
        .gql(
            &referent,
            "mutation($b: ID!, $i: MeetingInput!) { createMeeting(bodyId: $b, input: $i) { id } }",
            json!({ "b": town.forum, "i": { "title": "Forum", "startsAt": (now() + chrono::Duration::days(3)).to_rfc3339() } }),
        )
        .await;
    let meeting = meeting["data"]["createMeeting"]["id"].clone();
    let today = today().to_string();
    let logged = app
        .gql(
            &referent,
            "mutation($s: ID!, $i: InteractionInput!) {
                logStakeholderInteraction(stakeholderId: $s, input: $i) { interactions { kind occurredOn meetingId note } }
            }",
            json!({ "s": s["id"], "i": { "kind": "INVITED", "occurredOn": today, "meetingId": meeting, "note": "Invited to the forum" } }),
        )
        .await;
    let log = &logged["data"]["logStakeholderInteraction"]["interactions"];
    assert_eq!(log[0]["kind"], "INVITED", "{logged}");
    assert_eq!(log[0]["meetingId"], meeting);
}

async fn questionnaires_roll_up_and_the_swot_keeps_its_versions_and_exports(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = map_fixture(&app, "Mapping Town").await;
    let save = "mutation($f: ID!, $o: ID!, $v: Int, $i: MappingInput!) {
        saveOrganisationMapping(forumId: $f, organisationId: $o, version: $v, input: $i) { version answers { targetGroups programmes } }
    }";
    let answers =
        json!({ "goals": "Jobs for women", "targetGroups": ["WOMEN", "YOUTH"], "programmes": ["Bakers' course", " "] });
    let first = app.gql(&f.referent, save, json!({ "f": f.forum, "o": f.organisation, "i": answers })).await;
    assert_eq!(first["data"]["saveOrganisationMapping"]["answers"]["programmes"], json!(["Bakers' course"]), "{first}");
    let stale = app.gql(&f.referent, save, json!({ "f": f.forum, "o": f.organisation, "i": answers })).await;
    assert_eq!(error_code(&stale), "CONFLICT", "a second first save does not overwrite");
    // On the map, the organisation is one of those the questionnaire is for.
    place(&app, &f.referent, &f.forum, json!({ "organisationId": f.organisation, "influence": 3, "interest": 3 }))
        .await;
    let roll_up = app
        .gql(
            &f.referent,
            "query($f: ID!) { mappingRollUp(forumId: $f) { served { group organisations } programmes { sector programme organisation } organisationsMapped organisationsTotal } }",
            json!({ "f": f.forum }),
        )
        .await;
    let r = &roll_up["data"]["mappingRollUp"];
    let women = r["served"].as_array().unwrap().iter().find(|g| g["group"] == "WOMEN").unwrap();
    assert_eq!(women["organisations"], json!(["Regional Bakery"]), "{roll_up}");
    let haredim = r["served"].as_array().unwrap().iter().find(|g| g["group"] == "HAREDIM").unwrap();
    assert_eq!(haredim["organisations"], json!([]), "a gap");
    assert_eq!(
        r["programmes"],
        json!([{ "sector": "BUSINESS", "programme": "Bakers' course", "organisation": "Regional Bakery" }])
    );

    let swot = "mutation($f: ID!, $b: Int!, $i: SwotInput!) { saveSwot(forumId: $f, basedOn: $b, input: $i) { version content { strengths } } }";
    let content = json!({ "strengths": ["A committed mayor"], "weaknesses": [], "opportunities": ["New industrial park"], "threats": [] });
    let v1 = app.gql(&f.referent, swot, json!({ "f": f.forum, "b": 0, "i": content })).await;
    assert_eq!(v1["data"]["saveSwot"]["version"], 1, "{v1}");
    let again = app.gql(&f.referent, swot, json!({ "f": f.forum, "b": 0, "i": content })).await;
    assert_eq!(error_code(&again), "CONFLICT", "saved on top of an old version");
    let v2 = app.gql(&f.referent, swot, json!({ "f": f.forum, "b": 1, "i": { "strengths": ["A committed mayor", "An active labour office"], "weaknesses": [], "opportunities": [], "threats": ["Few buses"] } })).await;
    assert_eq!(v2["data"]["saveSwot"]["version"], 2);
    let versions =
        app.gql(&f.referent, "query($f: ID!) { swotVersions(forumId: $f) { version } }", json!({ "f": f.forum })).await;
    assert_eq!(versions["data"]["swotVersions"], json!([{ "version": 2 }, { "version": 1 }]));

    let forum_id = f.forum.as_str().unwrap();
    let docx = app
        .client
        .get(app.url(&format!("/export/swot/{forum_id}.docx?version=1&lang=en")))
        .bearer_auth(&f.referent)
        .send()
        .await
        .unwrap();
    assert_eq!(docx.status(), 200);
    let texts: Vec<String> = docx_paragraphs(&docx.bytes().await.unwrap()).into_iter().map(|(_, _, t)| t).collect();
    assert!(texts.iter().any(|t| t.contains("New industrial park")), "version 1 as it was: {texts:?}");
    assert!(!texts.iter().any(|t| t.contains("Few buses")), "not version 2's threats");

    let csv = app
        .client
        .get(app.url(&format!("/export/stakeholders/{forum_id}.csv?lang=en")))
        .bearer_auth(&f.referent)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().starts_with("Stakeholder,Kind,Sector,Influence,Interest,Quadrant"));
    assert!(
        lines.next().unwrap().starts_with("Regional Bakery,Organisation,Business,3.0,3.0,Quadrant A,With us"),
        "{text}"
    );
    let xlsx = app
        .client
        .get(app.url(&format!("/export/stakeholders/{forum_id}.xlsx")))
        .bearer_auth(&f.referent)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(&xlsx.bytes().await.unwrap()[..2], b"PK");
    let anonymous = app.client.get(app.url(&format!("/export/stakeholders/{forum_id}.csv"))).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn the_demo_maps_tell_a_year_of_moves_and_load_in_a_constant_number_of_statements(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&referent, "Kiryat Gat").await;
    let body = app.gql(&referent, "query($t: ID!) { town(id: $t) { forum { id } } }", json!({ "t": town })).await;
    let forum = body["data"]["town"]["forum"]["id"].clone();
    let query = "query($f: ID!) { stakeholders(forumId: $f) {
        id name sector quadrant action inForum nextStepOwner { fullName } moves { at quadrant movedBy } interactions { kind }
    } }";
    let before = app.statements.load(Ordering::SeqCst);
    let map = app.gql(&referent, query, json!({ "f": forum })).await;
    let statements = app.statements.load(Ordering::SeqCst) - before;
    let stakeholders = map["data"]["stakeholders"].as_array().unwrap_or_else(|| panic!("{map}"));
    assert!((15..=30).contains(&stakeholders.len()), "a demo map holds 15–30 stakeholders: {}", stakeholders.len());
    let moved = stakeholders.iter().filter(|s| s["moves"].as_array().unwrap().len() > 1).count();
    assert!(moved >= 3, "a year of moves: {moved}");
    let now = now();
    for s in stakeholders {
        for m in s["moves"].as_array().unwrap() {
            let at: chrono::DateTime<chrono::Utc> = m["at"].as_str().unwrap().parse().unwrap();
            assert!(at <= now && at > now - chrono::Duration::days(400), "moves within the last year: {m}");
        }
    }
    // Sign-in (3), the forum and its town (2), stakeholders, moves, organisations, people (4),
    // who sits in the forum (3), then one per nested level: owners (2: people and the towns
    // whose contacts the caller reads), movers' names, contacts.
    assert!(statements <= 16, "the map and its levels in a constant number of statements: {statements}");
}

both_engines!(
    a_stakeholder_is_placed_and_moved_from_b_to_a_with_its_history_and_the_map_as_of_a_date,
    bad_map_input_gets_field_errors_and_saves_nothing,
    towns_edit_their_map_members_read_and_people_are_named_only_inside_the_town,
    the_engagement_plan_the_contacts_log_and_overdue_steps_on_the_owner_s_week,
    questionnaires_roll_up_and_the_swot_keeps_its_versions_and_exports,
    the_demo_maps_tell_a_year_of_moves_and_load_in_a_constant_number_of_statements,
);
