use std::sync::atomic::Ordering;

use serde_json::json;

use crate::helpers::*;

const TOWNS_DEEP: &str = "query($l: Int) {
    towns(limit: $l) { items { nameEn region { code } labourOffice { name manager { fullName } } forum { stage bodies { name members { role person { fullName organisation { name sector } } } } } } }
}";

async fn statements(app: &TestApp, token: &str, limit: i64) -> usize {
    let before = app.statements.load(Ordering::SeqCst);
    let body = app.gql(token, TOWNS_DEEP, json!({ "l": limit })).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["towns"]["items"].as_array().unwrap().len() as i64, limit);
    app.statements.load(Ordering::SeqCst) - before
}

async fn loading_all_towns_with_forum_bodies_and_members_takes_the_same_statements_for_2_or_14_towns(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("national").await;
    let few = statements(&app, &token, 2).await;
    let all = statements(&app, &token, 14).await;
    assert_eq!(few, all, "statement count grows with the number of towns (N+1)");
    assert!(all <= 16, "one statement per relation and level, plus sign-in checks: {all}");
}

both_engines!(loading_all_towns_with_forum_bodies_and_members_takes_the_same_statements_for_2_or_14_towns);

/// A town's meetings page — the meetings with their agenda, decisions and attendance — reads one
/// statement per level (the invitees with their people in one); the total is counted only when
/// the page shows it.
async fn a_town_s_meetings_page_reads_one_statement_per_level(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let page = |total: &str| {
        format!(
            "query($t: ID) {{ meetings(townId: $t, limit: 12) {{ {total} hasNextPage items {{ title agenda {{ title presenter }}
             decisions {{ text status }} attendance {{ status person {{ fullName }} }} }} }} }}"
        )
    };
    let before = app.statements.load(Ordering::SeqCst);
    app.gql(&token, "{ me { id } }", json!({})).await;
    let sign_in = app.statements.load(Ordering::SeqCst) - before;
    let mut counted = Vec::new();
    for query in [page(""), page("totalCount")] {
        let (body, statements) = app.counted_gql(&token, &query, json!({ "t": town })).await;
        let items = body["data"]["meetings"]["items"].as_array().unwrap();
        assert_eq!(items.len(), 12);
        assert!(items.iter().any(|m| !m["decisions"].as_array().unwrap().is_empty()));
        assert!(items.iter().any(|m| !m["attendance"].as_array().unwrap().is_empty()));
        let invitees = items.iter().flat_map(|m| m["attendance"].as_array().unwrap());
        assert!(invitees.clone().all(|a| a["person"]["fullName"].as_str().is_some_and(|n| !n.is_empty())));
        assert_eq!(body["data"]["meetings"]["hasNextPage"], true);
        counted.push(statements);
    }
    assert_eq!(
        counted,
        [sign_in + 4, sign_in + 5],
        "sign-in ({sign_in}), meetings, agenda, decisions, attendance with people; and the count"
    );
}

both_engines!(a_town_s_meetings_page_reads_one_statement_per_level);

/// The decisions register names each decision's meeting and the body that met, one statement per
/// level however many decisions it lists.
async fn the_decisions_register_reads_meetings_and_bodies_in_statements_that_do_not_grow(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let register = "query($t: ID!, $l: Int) { decisions(townId: $t, limit: $l) { items { text owner { fullName }
        meeting { title startsAt body { name } } } } }";
    let mut counted = Vec::new();
    for limit in [2, 60] {
        let (body, statements) = app.counted_gql(&token, register, json!({ "t": town, "l": limit })).await;
        let items = body["data"]["decisions"]["items"].as_array().unwrap();
        assert_eq!(items.len() as i64, limit);
        assert!(items.iter().all(|d| d["meeting"]["body"]["name"].as_str().is_some_and(|n| !n.is_empty())));
        counted.push(statements);
    }
    assert_eq!(counted[0], counted[1], "statements grow with the decisions listed (N+1): {counted:?}");
}

both_engines!(the_decisions_register_reads_meetings_and_bodies_in_statements_that_do_not_grow);

/// The web app's list of a town's meetings (every meeting, with its minutes' status and body)
/// reads as many statements for the town's 60-odd meetings as for 2.
async fn the_meetings_list_reads_minutes_and_bodies_in_statements_that_do_not_grow(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let list = "query($t: ID!, $l: Int) { meetings(townId: $t, limit: $l) { totalCount items { title startsAt status
        minutes { status } body { name } } } }";
    let mut counted = Vec::new();
    for limit in [2, 200] {
        let (body, statements) = app.counted_gql(&token, list, json!({ "t": town, "l": limit })).await;
        let items = body["data"]["meetings"]["items"].as_array().unwrap();
        assert!(if limit == 2 { items.len() == 2 } else { items.len() > 40 }, "{} meetings", items.len());
        assert!(items.iter().all(|m| m["body"]["name"].as_str().is_some_and(|n| !n.is_empty())));
        counted.push(statements);
    }
    assert_eq!(counted[0], counted[1], "statements grow with the meetings listed (N+1): {counted:?}");
}

both_engines!(the_meetings_list_reads_minutes_and_bodies_in_statements_that_do_not_grow);

const MY_AGENDA: &str = "{ myAgenda { nextMeetings { title body { name } } openActionItems { text meeting { title } }
    dueMetrics { name } openTasks { title } minutesToApprove { title } controlsToApprove { quarter }
    stageMovesToConfirm { toStage } minutesToComment { title } stakeholderSteps { name } } }";

/// "My week" reads only the parts a query shows: the chair's card of approvals reads none of the
/// meetings, decisions, metrics, tasks or steps, and answers what the whole week answers.
async fn my_agenda_reads_only_the_parts_asked(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("chair.kiryat-gat").await;
    let approvals =
        "{ myAgenda { minutesToApprove { title } controlsToApprove { quarter } stageMovesToConfirm { toStage } } }";
    let the_rest = "{ myAgenda { nextMeetings { title body { name } } openActionItems { text meeting { title } }
        dueMetrics { name } openTasks { title } minutesToComment { title } stakeholderSteps { name } } }";
    let mut counted = Vec::new();
    let mut answers = Vec::new();
    for query in [MY_AGENDA, approvals, the_rest] {
        let (body, statements) = app.counted_gql(&token, query, json!({})).await;
        counted.push(statements - 1); // less sign-in's one
        answers.push(body);
    }
    let [whole, approvals_only, rest] = counted[..] else { unreachable!() };
    // Each half reads less than the whole, and the two together no less than it (the whole's parts
    // may share a loader batch).
    assert!(approvals_only < whole && rest < whole && approvals_only + rest >= whole, "{counted:?}");
    for part in ["minutesToApprove", "controlsToApprove", "stageMovesToConfirm"] {
        assert_eq!(answers[0]["data"]["myAgenda"][part], answers[1]["data"]["myAgenda"][part], "{part}");
    }
    for part in ["nextMeetings", "openActionItems", "dueMetrics", "openTasks", "minutesToComment", "stakeholderSteps"] {
        assert_eq!(answers[0]["data"]["myAgenda"][part], answers[2]["data"]["myAgenda"][part], "{part}");
    }
    assert!(!answers[0]["data"]["myAgenda"]["nextMeetings"].as_array().unwrap().is_empty());
    // The account's person comes with sign-in: a part that needs only the person reads one
    // statement, its own.
    for part in ["openTasks { title }", "stakeholderSteps { name }"] {
        let (body, statements) = app.counted_gql(&token, &format!("{{ myAgenda {{ {part} }} }}"), json!({})).await;
        assert!(body["errors"].is_null(), "{body}");
        assert_eq!(statements - 1, 1, "{part}");
    }
}

both_engines!(my_agenda_reads_only_the_parts_asked);

/// Nearly every town page shows the town's forum: asked for together, they are one statement,
/// and the forum is the one the loader finds.
async fn a_town_with_its_forum_reads_in_one_statement(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let token = app.login("national").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let statements = async |query: &str| {
        let (body, statements) = app.counted_gql(&token, query, json!({ "t": town })).await;
        (body["data"].clone(), statements)
    };
    let (_, alone) = statements("query($t: ID!) { town(id: $t) { nameEn } }").await;
    let (with_forum, together) = statements("query($t: ID!) { town(id: $t) { nameEn forum { id stage } } }").await;
    assert_eq!(together, alone, "the forum comes with the town");
    let listed = app.gql(&token, "{ towns(search: \"Kiryat Gat\") { items { forum { id stage } } } }", json!({})).await;
    assert_eq!(with_forum["town"]["forum"], listed["data"]["towns"]["items"][0]["forum"], "the loader's forum");
    assert!(with_forum["town"]["forum"]["id"].is_string());
}

both_engines!(a_town_with_its_forum_reads_in_one_statement);

/// Every field of a person, for comparing the people a joined read answers with the directory's.
const EVERY_PERSON_FIELD: &str = "id fullName jobTitle seniority email phone contactsVisible archived version updatedAt town { id } organisation { id name }";

/// The town's people as the directory shows them to `token`, every field, by id.
async fn directory_by_id(
    app: &TestApp,
    token: &str,
    town: &str,
) -> std::collections::HashMap<String, serde_json::Value> {
    let query = format!("query($t: ID) {{ people(townId: $t, limit: 200) {{ items {{ {EVERY_PERSON_FIELD} }} }} }}");
    let listed = app.gql(token, &query, json!({ "t": town })).await;
    listed["data"]["people"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{listed}"))
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_owned(), p.clone()))
        .collect()
}

/// The deep read fetches members with their people (and organisations) in one batch; the
/// people it shows must be those the directory shows the same reader, contacts hidden alike.
async fn members_read_with_their_people_match_the_directory_for_a_reader_of_another_town(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    for (town, own) in [("Kiryat Gat", true), ("Sderot", false)] {
        let town_id = app.town_id(&referent, town).await;
        // Every column of the membership and the person, read by position in the joined row.
        let person = EVERY_PERSON_FIELD;
        let membership = "id role joinedOn leftOn current version";
        let deep = format!(
            "query($t: ID!) {{ town(id: $t) {{ forum {{ bodies {{ members {{ {membership} person {{ {person} }} }} }} }} }} }}"
        );
        let body = app.gql(&referent, &deep, json!({ "t": town_id })).await;
        assert!(body["errors"].is_null(), "{body}");
        let alone =
            format!("query($t: ID!) {{ town(id: $t) {{ forum {{ bodies {{ members {{ {membership} }} }} }} }} }}");
        let alone = app.gql(&referent, &alone, json!({ "t": town_id })).await;
        let without_people = |body: &serde_json::Value| {
            let mut bodies = body["data"]["town"]["forum"]["bodies"].clone();
            for member in bodies.as_array_mut().unwrap().iter_mut().flat_map(|b| b["members"].as_array_mut().unwrap()) {
                member.as_object_mut().unwrap().remove("person");
            }
            bodies
        };
        assert_eq!(without_people(&body), without_people(&alone), "{town}: memberships read with their people");
        let listed = directory_by_id(&app, &referent, &town_id).await;
        let members: Vec<&serde_json::Value> = body["data"]["town"]["forum"]["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b["members"].as_array().unwrap())
            .map(|m| &m["person"])
            .collect();
        assert!(members.len() > 5, "{town} has members to compare");
        assert!(members.iter().any(|p| !p["organisation"].is_null()), "some members belong to an organisation");
        assert!(
            members.iter().any(|p| !p["jobTitle"].is_null() && !p["seniority"].is_null()),
            "{town}: people's details"
        );
        for person in members {
            let id = person["id"].as_str().unwrap();
            assert_eq!(Some(person), listed.get(id), "{town}: member {id} as the directory shows them");
            assert_eq!(person["contactsVisible"], own, "{town}: contacts visible only in the reader's town");
        }
    }
}

both_engines!(members_read_with_their_people_match_the_directory_for_a_reader_of_another_town);

/// A meetings page reads its invitees with their people in one joined row each; every column of
/// both must read as the directory and the attendance alone read them.
async fn invitees_read_with_their_people_match_the_directory_and_their_attendance(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&referent, "Kiryat Gat").await;
    let person = EVERY_PERSON_FIELD;
    let page = |attendance: &str| {
        format!("query($t: ID) {{ meetings(townId: $t, limit: 4) {{ items {{ id attendance {{ {attendance} }} }} }} }}")
    };
    let with_people = app.gql(&referent, &page(&format!("status person {{ {person} }}")), json!({ "t": town })).await;
    let alone = app.gql(&referent, &page("status person { id }"), json!({ "t": town })).await;
    let listed = directory_by_id(&app, &referent, &town).await;
    assert!(with_people["errors"].is_null(), "{with_people}");
    let invitees = |body: &serde_json::Value| -> Vec<serde_json::Value> {
        let meetings = body["data"]["meetings"]["items"].as_array().unwrap();
        meetings.iter().flat_map(|m| m["attendance"].as_array().unwrap().clone()).collect()
    };
    let (read, expected) = (invitees(&with_people), invitees(&alone));
    assert!(read.len() > 20, "the demo town's meetings have invitees: {}", read.len());
    assert_eq!(
        read.iter().map(|a| (&a["status"], &a["person"]["id"])).collect::<Vec<_>>(),
        expected.iter().map(|a| (&a["status"], &a["person"]["id"])).collect::<Vec<_>>()
    );
    for invitee in &read {
        let id = invitee["person"]["id"].as_str().unwrap();
        assert_eq!(Some(&invitee["person"]), listed.get(id), "invitee {id} as the directory shows them");
    }
}

both_engines!(invitees_read_with_their_people_match_the_directory_and_their_attendance);
