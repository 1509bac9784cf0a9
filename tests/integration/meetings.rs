//! Meetings: planning from templates, the agenda, states and history, and calendar files.

use sea_orm::ConnectionTrait as _;
use serde_json::{Value, json};

use crate::helpers::*;

async fn a_referent_plans_meeting_4_from_its_template(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let forum = body_of(&app, &token, "Kiryat Shmona", "FORUM").await;
    let created = app
        .gql(&token, CREATE, json!({ "b": forum, "t": "forum_4_focuses", "c": false, "i": { "title": "מפגש 4: מיקודים", "startsAt": starts(14), "place": "אולם העירייה" } }))
        .await;
    let meeting = &created["data"]["createMeeting"];
    assert_eq!(meeting["status"], "DRAFT", "{created}");
    assert_eq!(meeting["durationMinutes"], 180, "the forum's meeting lasts three hours by default");
    assert_eq!(meeting["templateKey"], "forum_4_focuses");
    assert_eq!(meeting["goal"], "תעדוף המיקודים והגדרת מדדי תוצאה לכל מיקוד");
    assert_eq!(meeting["agenda"].as_array().unwrap().len(), 6);
    assert_eq!(meeting["agenda"][1], json!({ "title": "תעדוף מיקודים אסטרטגיים", "kind": "DECISION", "minutes": 45 }));
    assert_eq!(meeting["agendaMinutes"], 180);
    assert_eq!(meeting["agendaOverflowMinutes"], Value::Null);

    let member = app.login("member.kiryat-shmona").await;
    let refused = app.gql(&member, CREATE, json!({ "b": forum, "i": { "title": "x", "startsAt": starts(3) } })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let listed = app
        .gql(
            &member,
            "query($b: ID) { meetings(bodyId: $b, from: \"2000-01-01T00:00:00Z\") { totalCount items { title } } }",
            json!({ "b": forum }),
        )
        .await;
    assert!(
        listed["data"]["meetings"]["items"].as_array().unwrap().iter().any(|m| m["title"] == "מפגש 4: מיקודים"),
        "members see the meetings"
    );
}

async fn the_next_canonical_meeting_is_suggested(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("coordinator.south").await;
    let query = "query($b: ID!) { meetingTemplates(bodyId: $b) { suggested { key canonicalStep } templates { key } } }";
    let planning = body_of(&app, &token, "Kiryat Malachi", "FORUM").await;
    let suggested = app.gql(&token, query, json!({ "b": planning })).await;
    assert_eq!(
        suggested["data"]["meetingTemplates"]["suggested"],
        json!({ "key": "forum_5_work_plan", "canonicalStep": 5 }),
        "four canonical meetings held"
    );
    let kickoff = body_of(&app, &token, "Ofakim", "FORUM").await;
    assert_eq!(
        app.gql(&token, query, json!({ "b": kickoff })).await["data"]["meetingTemplates"]["suggested"]["key"],
        "forum_1_introductions"
    );
    let steering = body_of(&app, &token, "Ofakim", "STEERING_COMMITTEE").await;
    let templates = app.gql(&token, query, json!({ "b": steering })).await;
    assert_eq!(
        templates["data"]["meetingTemplates"],
        json!({ "suggested": null, "templates": [{ "key": "steering_committee" }] })
    );
}

async fn bad_meeting_input_is_refused_and_nothing_is_saved(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Refusals Town").await;
    let token = town.referent(&app).await;
    let forum = town.forum.clone();
    let before = app.scalar_i64("SELECT COUNT(*) FROM meetings").await;
    let cases = [
        (
            json!({ "title": "x", "startsAt": starts(1), "durationMinutes": 0 }),
            None,
            "durationMinutes",
            "end_before_start",
        ),
        (
            json!({ "title": "x", "startsAt": starts(1), "durationMinutes": -30 }),
            None,
            "durationMinutes",
            "end_before_start",
        ),
        (
            json!({ "title": "x", "startsAt": starts(1), "durationMinutes": 721 }),
            None,
            "durationMinutes",
            "out_of_range",
        ),
        (json!({ "title": " ", "startsAt": starts(1) }), None, "title", "required"),
        (json!({ "title": "x", "startsAt": starts(1), "onlineUrl": "zoom" }), None, "onlineUrl", "invalid_url"),
        (json!({ "title": "x", "startsAt": starts(1) }), Some("task_team_monthly"), "templateKey", "invalid_choice"),
    ];
    for (input, template, field, code) in cases {
        let body = app.gql(&token, CREATE, json!({ "b": forum, "i": input, "t": template })).await;
        let first = &body["errors"][0]["extensions"]["fields"][0];
        assert_eq!((first["field"].as_str(), first["code"].as_str()), (Some(field), Some(code)), "{input}: {body}");
    }
    let timeless = app.gql(&token, CREATE, json!({ "b": forum, "i": { "title": "x", "startsAt": "tomorrow" } })).await;
    assert_eq!(error_code(&timeless), "VALIDATION");
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM meetings").await, before);

    // A change reads an explicit 0 as 0 (refused), and a duration left out as "keep the length".
    let created = app.gql(&token, CREATE, json!({ "b": forum, "i": { "title": "x", "startsAt": starts(3) } })).await;
    let id = created["data"]["createMeeting"]["id"].clone();
    assert_eq!(created["data"]["createMeeting"]["durationMinutes"], 180, "the forum's usual length");
    let update = "mutation($id: ID!, $v: Int!, $i: MeetingInput!) {
        updateMeeting(id: $id, version: $v, input: $i) { version durationMinutes }
    }";
    let zero = app
        .gql(
            &token,
            update,
            json!({ "id": id, "v": 1, "i": { "title": "x", "startsAt": starts(3), "durationMinutes": 0 } }),
        )
        .await;
    assert_eq!(field_errors(&zero), [("durationMinutes".to_owned(), "end_before_start".to_owned())], "{zero}");
    let kept = app.gql(&token, update, json!({ "id": id, "v": 1, "i": { "title": "y", "startsAt": starts(4) } })).await;
    assert_eq!(kept["data"]["updateMeeting"], json!({ "version": 2, "durationMinutes": 180 }), "{kept}");
}

async fn the_agenda_reorders_warns_on_overflow_and_refuses_a_stale_order(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let team = body_of(&app, &token, "Kiryat Gat", "TASK_TEAM").await;
    let created = app.gql(&token, CREATE, json!({ "b": team, "t": "task_team_monthly", "c": false, "i": { "title": "צוות מעסיקים — דצמבר", "startsAt": starts(10) } })).await;
    let meeting = created["data"]["createMeeting"].clone();
    assert_eq!(meeting["durationMinutes"], 90);
    let set = "mutation($m: ID!, $v: Int!, $items: [AgendaItemInput!]!) { setAgenda(meetingId: $m, version: $v, items: $items) { version agendaMinutes agendaOverflowMinutes agenda { title minutes links } } }";
    let mut items: Vec<Value> = meeting["agenda"].as_array().unwrap().iter().rev().cloned().collect();
    items.push(json!({ "title": "הצגת מעסיק חדש", "kind": "PRESENTATION", "minutes": 20, "links": ["https://employer.example/deck"] }));
    let reordered = app.gql(&token, set, json!({ "m": meeting["id"], "v": meeting["version"], "items": items })).await;
    let agenda = &reordered["data"]["setAgenda"];
    assert_eq!(agenda["agenda"][0]["title"], "משימות לחודש הבא", "{reordered}");
    assert_eq!(agenda["agenda"][4]["links"], json!(["https://employer.example/deck"]));
    assert_eq!(agenda["agendaMinutes"], 110);
    assert_eq!(agenda["agendaOverflowMinutes"], 20);

    let stale = app.gql(&token, set, json!({ "m": meeting["id"], "v": meeting["version"], "items": [] })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let negative = app.gql(&token, set, json!({ "m": meeting["id"], "v": agenda["version"], "items": [{ "title": "x", "kind": "UPDATE", "minutes": -5 }] })).await;
    assert_eq!(negative["errors"][0]["extensions"]["fields"][0]["field"], "items.0.minutes");
    let kept =
        app.gql(&token, "query($m: ID!) { meeting(id: $m) { agendaMinutes } }", json!({ "m": meeting["id"] })).await;
    assert_eq!(kept["data"]["meeting"]["agendaMinutes"], 110, "nothing is lost");
}

async fn meetings_move_through_their_states_and_keep_their_history(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("States Town").await;
    let token = town.referent(&app).await;
    let steering = town.steering.clone();
    let created = app.gql(&token, CREATE, json!({ "b": steering, "t": "steering_committee", "c": false, "i": { "title": "ישיבת היגוי", "startsAt": starts(5) } })).await;
    let id = created["data"]["createMeeting"]["id"].clone();

    let skip = app.gql(&token, STATUS, json!({ "id": id, "v": 1, "s": "HELD" })).await;
    assert_eq!(skip["errors"][0]["extensions"]["fields"][0]["code"], "invalid_transition");
    let sent = app.gql(&token, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    assert_eq!(sent["data"]["setMeetingStatus"]["status"], "INVITATIONS_SENT");

    let update = "mutation($id: ID!, $v: Int!, $i: MeetingInput!) { updateMeeting(id: $id, version: $v, input: $i) { version startsAt history { kind } } }";
    let moved = app
        .gql(&token, update, json!({ "id": id, "v": 2, "i": { "title": "ישיבת היגוי", "startsAt": starts(7) } }))
        .await;
    assert_eq!(moved["data"]["updateMeeting"]["history"][0]["kind"], "RESCHEDULED", "{moved}");

    let no_reason = app.gql(&token, STATUS, json!({ "id": id, "v": 3, "s": "CANCELLED" })).await;
    assert_eq!(no_reason["errors"][0]["extensions"]["fields"][0]["field"], "reason");
    let cancelled =
        app.gql(&token, STATUS, json!({ "id": id, "v": 3, "s": "CANCELLED", "r": "ראש הרשות בחו\"ל" })).await;
    let cancelled = &cancelled["data"]["setMeetingStatus"];
    assert_eq!(cancelled["cancelReason"], "ראש הרשות בחו\"ל");
    let kinds: Vec<&str> =
        cancelled["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["CANCELLED", "RESCHEDULED", "INVITATIONS_SENT", "CREATED"]);
    let locked =
        app.gql(&token, update, json!({ "id": id, "v": 4, "i": { "title": "x", "startsAt": starts(9) } })).await;
    assert_eq!(locked["errors"][0]["extensions"]["fields"][0]["code"], "plan_locked");
    assert_eq!(
        app.scalar_i64(&format!("SELECT COUNT(*) FROM meetings WHERE id = {}", id.as_str().unwrap())).await,
        1,
        "cancelled is a state, not a deletion"
    );
}

async fn a_move_whose_change_emails_cannot_be_queued_keeps_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Moved Town").await;
    let token = town.referent(&app).await;
    town.person_in(&app, &town.steering, "CHAIR", "Chair Test").await;
    let steering = town.steering.clone();
    let planned = starts(5);
    let created = app
        .gql(&token, CREATE, json!({ "b": steering, "c": false, "i": { "title": "ישיבת היגוי", "startsAt": planned } }))
        .await;
    let id = created["data"]["createMeeting"]["id"].clone();
    app.gql(&token, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    let meeting_id = id.as_str().unwrap();
    let queued = format!("SELECT COUNT(*) FROM outbox_emails WHERE meeting_id = {meeting_id}");
    let invitations = app.scalar_i64(&queued).await;
    assert!(invitations > 0, "the invitees have addresses");
    let audited = format!("SELECT COUNT(*) FROM audit_log WHERE entity = 'meeting' AND entity_id = {meeting_id}");
    let audit_before = app.scalar_i64(&audited).await;

    app.fail_inserts_into("outbox_emails").await;
    let moved = app
        .gql(
            &token,
            "mutation($id: ID!, $v: Int!, $i: MeetingInput!) {
                updateMeeting(id: $id, version: $v, input: $i) { version }
            }",
            json!({ "id": id, "v": 2, "i": { "title": "ישיבת היגוי", "startsAt": starts(7) } }),
        )
        .await;
    assert_eq!(error_code(&moved), "INTERNAL", "{moved}");

    let kept = app
        .gql(&token, "query($m: ID!) { meeting(id: $m) { version startsAt history { kind } } }", json!({ "m": id }))
        .await;
    let kept = &kept["data"]["meeting"];
    assert_eq!(kept["version"], 2, "the version did not move: {kept}");
    let kept_start = chrono::DateTime::parse_from_rfc3339(kept["startsAt"].as_str().unwrap()).unwrap();
    let planned = chrono::DateTime::parse_from_rfc3339(&planned).unwrap();
    assert_eq!(kept_start.timestamp(), planned.timestamp(), "the time did not move");
    let kinds: Vec<&str> = kept["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["INVITATIONS_SENT", "CREATED"], "no RESCHEDULED entry");
    assert_eq!(app.scalar_i64(&queued).await, invitations);
    assert_eq!(app.scalar_i64(&audited).await, audit_before, "no audit entry for a change that did not happen");
}

async fn approving_the_minutes_of_a_canonical_meeting_ticks_its_milestone(engine: Engine) {
    let app = spawn_app(engine).await;
    let coordinator = app.login("coordinator.south").await;
    let forum = body_of(&app, &coordinator, "Kiryat Malachi", "FORUM").await;
    let created = app.gql(&coordinator, CREATE, json!({ "b": forum, "t": "forum_5_work_plan", "c": false, "i": { "title": "מפגש 5", "startsAt": starts(-1) } })).await;
    let id = created["data"]["createMeeting"]["id"].clone();
    for (version, status) in [(1, "INVITATIONS_SENT"), (2, "HELD")] {
        assert!(app.gql(&coordinator, STATUS, json!({ "id": id, "v": version, "s": status })).await["data"]["setMeetingStatus"].is_object());
    }
    let milestone =
        "query($t: ID!) { town(id: $t) { forum { milestones(stage: IMPLEMENTATION) { templateKey doneOn } } } }";
    let town = app.town_id(&coordinator, "Kiryat Malachi").await;
    let done_on = |body: Value| {
        body["data"]["town"]["forum"]["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["templateKey"] == "task_teams_launched")
            .unwrap()["doneOn"]
            .clone()
    };
    assert_eq!(done_on(app.gql(&coordinator, milestone, json!({ "t": town })).await), Value::Null);
    let by_hand = app.gql(&coordinator, STATUS, json!({ "id": id, "v": 3, "s": "MINUTES_APPROVED" })).await;
    assert_eq!(field_errors(&by_hand), vec![("status".into(), "approve_minutes_instead".into())], "{by_hand}");
    let approved = approve_minutes(&app, &coordinator, &coordinator, &id).await;
    assert_eq!(approved["data"]["approveMinutes"]["status"], "APPROVED", "{approved}");
    let meeting = app.gql(&coordinator, "query($id: ID!) { meeting(id: $id) { status } }", json!({ "id": id })).await;
    assert_eq!(meeting["data"]["meeting"]["status"], "MINUTES_APPROVED");
    assert_eq!(
        done_on(app.gql(&coordinator, milestone, json!({ "t": town })).await),
        json!(now().date_naive().to_string())
    );

    // Approval is the chair's: a referent records the meeting but does not approve it.
    let referent = app.login("referent.kiryat-gat").await;
    let team = body_of(&app, &referent, "Kiryat Gat", "TASK_TEAM").await;
    let own = app.gql(&referent, CREATE, json!({ "b": team, "i": { "title": "צוות", "startsAt": starts(-2) } })).await;
    let own = own["data"]["createMeeting"]["id"].clone();
    app.gql(&referent, STATUS, json!({ "id": own, "v": 1, "s": "INVITATIONS_SENT" })).await;
    app.gql(&referent, STATUS, json!({ "id": own, "v": 2, "s": "HELD" })).await;
    assert_eq!(error_code(&approve_minutes(&app, &referent, &referent, &own).await), "FORBIDDEN");
    let chair = app.login("chair.kiryat-gat").await;
    let minutes =
        app.gql(&chair, "query($id: ID!) { meeting(id: $id) { minutes { id version } } }", json!({ "id": own })).await;
    let minutes = &minutes["data"]["meeting"]["minutes"][0];
    let approved = app.gql(&chair, APPROVE, json!({ "id": minutes["id"], "v": minutes["version"] })).await;
    assert_eq!(approved["data"]["approveMinutes"]["status"], "APPROVED", "{approved}");
}

async fn decided_but_not_executed_decisions_carry_over_to_the_next_meeting(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let steering = body_of(&app, &token, "Kiryat Shmona", "STEERING_COMMITTEE").await;
    let first = app
        .gql(&token, CREATE, json!({ "b": steering, "c": false, "i": { "title": "ישיבה א", "startsAt": starts(30) } }))
        .await;
    let first = first["data"]["createMeeting"]["id"].as_str().unwrap().to_owned();
    for (text, status) in [("להפיץ סקר מעסיקים", "OPEN"), ("לסכם עם ראש הרשות", "DONE")] {
        app.db
            .execute_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                format!("INSERT INTO decisions (created_at, updated_at, version, meeting_id, text, status) VALUES ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, {first}, '{text}', '{status}')"),
            ))
            .await
            .unwrap();
    }
    let next = app
        .gql(
            &token,
            CREATE,
            json!({ "b": steering, "t": "steering_committee", "i": { "title": "ישיבה ב", "startsAt": starts(60) } }),
        )
        .await;
    let agenda = next["data"]["createMeeting"]["agenda"].as_array().unwrap().clone();
    assert_eq!(agenda[0], json!({ "title": "מעקב: להפיץ סקר מעסיקים", "kind": "UPDATE", "minutes": 5 }), "{next}");
    assert!(!agenda.iter().any(|i| i["title"].as_str().unwrap().contains("לסכם")), "done decisions stay behind");
}

async fn calendar_files_parse_and_a_cancelled_meeting_is_a_cancelled_event(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let forum = body_of(&app, &token, "Kiryat Gat", "FORUM").await;
    let created = app
        .gql(&token, CREATE, json!({ "b": forum, "t": "forum_1_introductions", "c": false, "i": { "title": "מפגש היכרות", "startsAt": "2027-01-10T08:00:00Z", "place": "היכל התרבות", "onlineUrl": "https://meet.example/forum" } }))
        .await;
    let id = created["data"]["createMeeting"]["id"].as_str().unwrap().to_owned();
    let fetch = |token: Option<String>, id: String| {
        let mut request = app.client.get(app.url(&format!("/calendar/meetings/{id}.ics")));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let response = fetch(Some(token.clone()), id.clone()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let text = response.text().await.unwrap();
    let event = parse_single_event(&text);
    assert_eq!(event.get("SUMMARY").map(String::as_str), Some("מפגש היכרות — פורום התעסוקה היישובי"));
    assert_eq!(event.get("DTSTART").map(String::as_str), Some("20270110T080000Z"));
    assert_eq!(event.get("DTEND").map(String::as_str), Some("20270110T110000Z"), "three hours");
    assert_eq!(event.get("STATUS").map(String::as_str), Some("CONFIRMED"));
    assert_eq!(event.get("LOCATION").map(String::as_str), Some("היכל התרבות"));
    assert!(event.get("DESCRIPTION").is_some_and(|d| d.contains("סבב היכרות")));

    app.gql(&token, STATUS, json!({ "id": id, "v": 1, "s": "CANCELLED", "r": "שביתה" })).await;
    let cancelled = fetch(Some(token.clone()), id.clone()).await.unwrap().text().await.unwrap();
    let event = parse_single_event(&cancelled);
    assert_eq!(event.get("STATUS").map(String::as_str), Some("CANCELLED"));
    assert_eq!(event.get("SEQUENCE").map(String::as_str), Some("2"), "a later version updates the same event");
    assert!(cancelled.contains("METHOD:CANCEL"));

    assert_eq!(fetch(None, id.clone()).await.unwrap().status(), 401);
    assert_eq!(fetch(Some(token.clone()), "999999".into()).await.unwrap().status(), 404);
    assert_eq!(fetch(Some(token), "abc".into()).await.unwrap().status(), 404);
}

/// Parses with the `ical` crate (independent of the `icalendar` crate that writes the file).
fn parse_single_event(text: &str) -> std::collections::HashMap<String, String> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("a valid calendar");
    assert!(calendars.next().is_none());
    assert_eq!(calendar.events.len(), 1);
    calendar.events[0].properties.iter().filter_map(|p| Some((p.name.clone(), p.value.clone()?))).collect()
}

const ATTEND: &str = "mutation($m: ID!, $p: ID!, $s: AttendanceStatus!) {
    recordAttendance(meetingId: $m, personId: $p, status: $s) { attendanceSummary { invited attended recorded rate meetsTwoThirds } }
}";

async fn invitations_invite_the_members_and_attendance_follows_the_two_thirds_rule(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Attendance Town").await;
    let token = town.referent(&app).await;
    town.person_in(&app, &town.steering, "CHAIR", "Chair Test").await;
    town.person_in(&app, &town.steering, "EMPLOYMENT_LEAD", "Lead Test").await;
    let outsider = town.person_in(&app, &town.forum, "MEMBER", "Outsider Test").await.id;
    let steering = town.steering.clone();
    let created = app
        .gql(&token, CREATE, json!({ "b": steering, "c": false, "i": { "title": "היגוי", "startsAt": starts(-1) } }))
        .await;
    let id = created["data"]["createMeeting"]["id"].clone();

    let early = app.gql(&token, ATTEND, json!({ "m": id, "p": outsider, "s": "ATTENDED" })).await;
    assert_eq!(early["errors"][0]["extensions"]["fields"][0]["code"], "attendance_closed", "no attendance on a draft");
    app.gql(&token, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    let invited = app
        .gql(&token, "query($m: ID!) { meeting(id: $m) { attendance { status person { id } } } }", json!({ "m": id }))
        .await;
    let invitees: Vec<Value> = invited["data"]["meeting"]["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["person"]["id"].clone())
        .collect();
    assert_eq!(invitees.len(), 3, "the steering committee's three members, not the forum's: {invited}");

    let stranger = app.gql(&token, ATTEND, json!({ "m": id, "p": outsider, "s": "ATTENDED" })).await;
    assert_eq!(stranger["errors"][0]["extensions"]["fields"][0]["code"], "not_invited");
    app.gql(
        &token,
        "mutation($m: ID!, $p: ID!) { inviteToMeeting(meetingId: $m, personId: $p) { id } }",
        json!({ "m": id, "p": outsider }),
    )
    .await;
    for (person, status) in [(&invitees[0], "ATTENDED"), (&invitees[1], "ATTENDED"), (&invitees[2], "EXCUSED")] {
        app.gql(&token, ATTEND, json!({ "m": id, "p": person, "s": status })).await;
    }
    let last = app.gql(&token, ATTEND, json!({ "m": id, "p": outsider, "s": "ABSENT" })).await;
    assert_eq!(
        last["data"]["recordAttendance"]["attendanceSummary"],
        json!({ "invited": 4, "attended": 2, "recorded": 4, "rate": 0.5, "meetsTwoThirds": false })
    );
}

async fn decisions_are_tracked_in_the_register_and_on_the_owners_agenda(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let team = body_of(&app, &token, "Kiryat Gat", "TASK_TEAM").await;
    let created = app
        .gql(&token, CREATE, json!({ "b": team, "c": false, "i": { "title": "צוות", "startsAt": starts(-3) } }))
        .await;
    let id = created["data"]["createMeeting"]["id"].clone();
    let create = "mutation($m: ID!, $i: DecisionInput!) { createDecision(meetingId: $m, input: $i) { id version status overdue owner { fullName } } }";
    let closed = app.gql(&token, create, json!({ "m": id, "i": { "text": "x" } })).await;
    assert_eq!(
        closed["errors"][0]["extensions"]["fields"][0]["code"], "decisions_closed",
        "a draft takes no decisions"
    );
    app.gql(&token, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    app.gql(&token, STATUS, json!({ "id": id, "v": 2, "s": "HELD" })).await;

    let me = app.person_id_of("referent.kiryat-gat").await;
    let decision = app.gql(&token, create, json!({ "m": id, "i": { "text": "להפיץ את סקר המעסיקים", "ownerPersonId": me.to_string(), "dueOn": "2026-01-15" } })).await;
    let decision = decision["data"]["createDecision"].clone();
    assert_eq!(decision["overdue"], true, "{decision}");
    let blank = app.gql(&token, create, json!({ "m": id, "i": { "text": " " } })).await;
    assert_eq!(blank["errors"][0]["extensions"]["fields"][0]["field"], "text");

    let town = app.town_id(&token, "Kiryat Gat").await;
    let register = "query($t: ID!) { decisions(townId: $t, overdue: true, limit: 200) { totalCount items { id text meeting { title } } } }";
    let overdue = app.gql(&token, register, json!({ "t": town })).await;
    assert!(
        overdue["data"]["decisions"]["items"].as_array().unwrap().iter().any(|d| d["id"] == decision["id"]),
        "{overdue}"
    );
    let mine =
        app.gql(&token, "{ myAgenda { openActionItems { id } nextMeetings { title startsAt } } }", json!({})).await;
    assert!(mine["data"]["myAgenda"]["openActionItems"].as_array().unwrap().iter().any(|d| d["id"] == decision["id"]));
    assert!(
        !mine["data"]["myAgenda"]["nextMeetings"].as_array().unwrap().is_empty(),
        "the forum's next meeting is on the referent's agenda: {mine}"
    );

    let update = "mutation($id: ID!, $v: Int!, $i: DecisionInput!) { updateDecision(id: $id, version: $v, input: $i) { status overdue version } }";
    let done = app.gql(&token, update, json!({ "id": decision["id"], "v": 1, "i": { "text": "להפיץ את סקר המעסיקים", "ownerPersonId": me.to_string(), "dueOn": "2026-01-15", "status": "DONE" } })).await;
    assert_eq!(done["data"]["updateDecision"], json!({ "status": "DONE", "overdue": false, "version": 2 }));
    let stale = app.gql(&token, update, json!({ "id": decision["id"], "v": 1, "i": { "text": "x" } })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let after = app.gql(&token, register, json!({ "t": town })).await;
    assert!(!after["data"]["decisions"]["items"].as_array().unwrap().iter().any(|d| d["id"] == decision["id"]));

    let other_forum_task = app.scalar_i64("SELECT MIN(w.id) FROM work_plan_tasks w JOIN forums f ON f.id = w.forum_id JOIN towns t ON t.id = f.town_id WHERE t.name_en = 'Sderot'").await;
    let foreign = app
        .gql(&token, create, json!({ "m": id, "i": { "text": "y", "workPlanTaskId": other_forum_task.to_string() } }))
        .await;
    assert_eq!(foreign["errors"][0]["extensions"]["fields"][0]["field"], "workPlanTaskId");
}

async fn a_private_calendar_feed_lists_my_meetings_until_revoked(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    assert_eq!(app.gql(&token, "{ me { hasCalendarFeed } }", json!({})).await["data"]["me"]["hasCalendarFeed"], false);
    let create = "mutation { createCalendarFeed }";
    let path = app.gql(&token, create, json!({})).await["data"]["createCalendarFeed"].as_str().unwrap().to_owned();
    assert!(path.starts_with("/calendar/feed/") && path.ends_with(".ics"), "{path}");
    let stored = app
        .scalar_i64(&format!(
            "SELECT COUNT(*) FROM users WHERE calendar_token_hash LIKE '%{}%'",
            &path[15..path.len() - 4]
        ))
        .await;
    assert_eq!(stored, 0, "only the token's hash is stored");

    // No sign-in: the URL itself is the credential, as calendar programs subscribe to it.
    let feed = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(feed.status(), 200);
    let text = feed.text().await.unwrap();
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("a calendar").expect("valid");
    // The referent sits in the steering committee and the forum: the window (60 days back,
    // 400 ahead) holds the forum's last meeting and its next one; task teams' are not theirs.
    assert_eq!(calendar.events.len(), 2, "{text}");
    assert!(text.contains("פורום רבעוני — בקרה") && text.contains("פורום רבעוני 9"), "{text}");
    assert!(!text.contains("מפגש צוות חודשי"), "meetings of bodies the person is not in stay out");
    assert_eq!(app.gql(&token, "{ me { hasCalendarFeed } }", json!({})).await["data"]["me"]["hasCalendarFeed"], true);

    let renewed = app.gql(&token, create, json!({})).await["data"]["createCalendarFeed"].as_str().unwrap().to_owned();
    assert_eq!(app.client.get(app.url(&path)).send().await.unwrap().status(), 404, "a new URL revokes the old");
    assert_eq!(app.client.get(app.url(&renewed)).send().await.unwrap().status(), 200);
    assert_eq!(app.gql(&token, "mutation { revokeCalendarFeed }", json!({})).await["data"]["revokeCalendarFeed"], true);
    assert_eq!(app.client.get(app.url(&renewed)).send().await.unwrap().status(), 404);
    assert_eq!(app.client.get(app.url("/calendar/feed/guess.ics")).send().await.unwrap().status(), 404);
}

both_engines!(
    a_referent_plans_meeting_4_from_its_template,
    the_next_canonical_meeting_is_suggested,
    bad_meeting_input_is_refused_and_nothing_is_saved,
    the_agenda_reorders_warns_on_overflow_and_refuses_a_stale_order,
    meetings_move_through_their_states_and_keep_their_history,
    a_move_whose_change_emails_cannot_be_queued_keeps_nothing,
    approving_the_minutes_of_a_canonical_meeting_ticks_its_milestone,
    decided_but_not_executed_decisions_carry_over_to_the_next_meeting,
    calendar_files_parse_and_a_cancelled_meeting_is_a_cancelled_event,
    invitations_invite_the_members_and_attendance_follows_the_two_thirds_rule,
    decisions_are_tracked_in_the_register_and_on_the_owners_agenda,
    a_private_calendar_feed_lists_my_meetings_until_revoked,
);

async fn a_forum_that_implements_is_offered_the_standing_quarterly_meeting(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.login("admin").await;
    let towns = app
        .gql(&admin, "{ towns(limit: 50) { items { nameEn forum { stage bodies { id kind } } } } }", json!({}))
        .await;
    let implementing = towns["data"]["towns"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["forum"]["stage"] == "IMPLEMENTATION")
        .unwrap_or_else(|| panic!("a demo town implements: {towns}"))
        .clone();
    let forum_body = implementing["forum"]["bodies"].as_array().unwrap().iter().find(|b| b["kind"] == "FORUM").unwrap()
        ["id"]
        .clone();
    let templates = app
        .gql(&admin, "query($b: ID!) { meetingTemplates(bodyId: $b) { suggested { key title durationMinutes } templates { key } } }", json!({ "b": forum_body }))
        .await;
    let t = &templates["data"]["meetingTemplates"];
    assert_eq!(t["suggested"]["key"], "forum_quarterly", "{templates}");
    assert_eq!(t["suggested"]["durationMinutes"], 180);
    assert!(t["templates"].as_array().unwrap().iter().any(|x| x["key"] == "forum_quarterly"));
}

both_engines!(a_forum_that_implements_is_offered_the_standing_quarterly_meeting);
