//! Minutes and their approval, the e-mail outbox (with a real SMTP sink), the Word export,
//! "needs recording" and towns' own templates.

use sea_orm::ConnectionTrait as _;
use serde_json::{Value, json};

use crate::helpers::*;

const COMMENT: &str = "mutation($s: ID!, $b: String!) {
    commentOnMinutes(sectionId: $s, body: $b) { authorName body }
}";
const CORRECT: &str = "mutation($m: ID!, $r: String!) {
    correctMinutes(meetingId: $m, reason: $r) { id number status correctionReason sections { id notes version } }
}";
const MINUTES: &str = "query($id: ID!) {
    meeting(id: $id) { status minutes { id number status approvedBy correctionReason sections { title notes comments { authorName body } } } history { kind details } }
}";
const OUTBOX: &str = "query($m: ID!) {
    meetingOutbox(meetingId: $m) { smtpConfigured emails { kind toEmail subject body delivery } }
}";

async fn minutes_are_written_per_item_circulated_commented_approved_and_corrected(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;

    let started = app.gql(&referent, START, json!({ "m": meeting })).await;
    let minutes = started["data"]["startMinutes"].clone();
    assert_eq!((minutes["number"].as_i64(), minutes["status"].as_str()), (Some(1), Some("DRAFT")), "{started}");
    let sections = minutes["sections"].as_array().unwrap().clone();
    assert_eq!(sections.len(), 5, "one section per agenda item, the break left out");
    assert_eq!(sections[1]["title"], "תעדוף מיקודים אסטרטגיים");
    assert_eq!(error_code(&app.gql(&referent, START, json!({ "m": meeting })).await), "CONFLICT", "one set of minutes");

    // Members do not see a draft; they cannot comment before it is circulated.
    let member = app.login("member.kiryat-gat").await;
    let seen = app.gql(&member, MINUTES, json!({ "id": meeting })).await;
    assert_eq!(seen["data"]["meeting"]["minutes"], json!([]), "{seen}");
    let early = app.gql(&member, COMMENT, json!({ "s": sections[1]["id"], "b": "הערה" })).await;
    assert_eq!(field_errors(&early), vec![("body".into(), "minutes_not_circulated".into())]);

    let saved =
        app.gql(&referent, SAVE, json!({ "id": sections[1]["id"], "v": 1, "n": "הוחלט על שני מיקודים.\n\n" })).await;
    assert_eq!(saved["data"]["saveMinutesSection"], json!({ "notes": "הוחלט על שני מיקודים.", "version": 2 }));

    let past = app
        .gql(&referent, CIRCULATE, json!({ "id": minutes["id"], "v": 1, "d": today().pred_opt().unwrap().to_string() }))
        .await;
    assert_eq!(field_errors(&past), vec![("commentDeadline".into(), "in_the_past".into())]);
    let deadline = today() + chrono::Duration::days(7);
    let circulated =
        app.gql(&referent, CIRCULATE, json!({ "id": minutes["id"], "v": 1, "d": deadline.to_string() })).await;
    assert_eq!(circulated["data"]["circulateMinutes"]["commentDeadline"], deadline.to_string(), "{circulated}");

    // An invitee comments on one item; someone from another town may not.
    let commented = app.gql(&member, COMMENT, json!({ "s": sections[1]["id"], "b": "חסר מיקוד הצעירים" })).await;
    assert_eq!(commented["data"]["commentOnMinutes"]["body"], "חסר מיקוד הצעירים", "{commented}");
    let stranger = app.login("member.kiryat-shmona").await;
    assert_eq!(
        error_code(&app.gql(&stranger, COMMENT, json!({ "s": sections[1]["id"], "b": "x" })).await),
        "FORBIDDEN"
    );
    assert_eq!(
        field_errors(&app.gql(&member, COMMENT, json!({ "s": sections[1]["id"], "b": "  " })).await)[0].1,
        "required"
    );

    // The referent amends while circulated; the chair approves, not the referent.
    let amended =
        app.gql(&referent, SAVE, json!({ "id": sections[1]["id"], "v": 2, "n": "שני מיקודים, ומיקוד צעירים." })).await;
    assert_eq!(amended["data"]["saveMinutesSection"]["version"], 3, "{amended}");
    assert_eq!(error_code(&app.gql(&referent, APPROVE, json!({ "id": minutes["id"], "v": 2 })).await), "FORBIDDEN");
    let chair = app.login("chair.kiryat-gat").await;
    let approved = app.gql(&chair, APPROVE, json!({ "id": minutes["id"], "v": 2 })).await;
    assert_eq!(approved["data"]["approveMinutes"]["status"], "APPROVED", "{approved}");
    assert_eq!(approved["data"]["approveMinutes"]["approvedBy"], "יו\"ר הפורום (הדגמה)");

    // Approved minutes are locked: no edit in place.
    let locked = app.gql(&referent, SAVE, json!({ "id": sections[1]["id"], "v": 3, "n": "שינוי" })).await;
    assert_eq!(field_errors(&locked), vec![("minutes".into(), "minutes_locked".into())]);

    // A correction is a new version with its reason; the approved one stays readable.
    assert_eq!(field_errors(&app.gql(&referent, CORRECT, json!({ "m": meeting, "r": " " })).await)[0].1, "required");
    let corrected = app.gql(&referent, CORRECT, json!({ "m": meeting, "r": "תיקון שם המיקוד" })).await;
    let v2 = corrected["data"]["correctMinutes"].clone();
    assert_eq!((v2["number"].as_i64(), v2["status"].as_str()), (Some(2), Some("DRAFT")), "{corrected}");
    assert_eq!(v2["sections"][1]["notes"], "שני מיקודים, ומיקוד צעירים.", "copied from the approved text");
    app.gql(
        &referent,
        SAVE,
        json!({ "id": v2["sections"][1]["id"], "v": 1, "n": "שני מיקודים ומיקוד צעירים (מתוקן)." }),
    )
    .await;

    let read = app.gql(&member, MINUTES, json!({ "id": meeting })).await;
    let meeting_read = &read["data"]["meeting"];
    assert_eq!(meeting_read["status"], "MINUTES_APPROVED");
    let versions = meeting_read["minutes"].as_array().unwrap();
    assert_eq!(versions.len(), 1, "the member sees the approved version, not the correction's draft");
    assert_eq!(versions[0]["sections"][1]["notes"], "שני מיקודים, ומיקוד צעירים.");
    assert_eq!(versions[0]["sections"][1]["comments"][0]["authorName"], "חבר פורום (הדגמה)");
    let history: Vec<&str> =
        meeting_read["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(history.starts_with(&["MINUTES_CORRECTION", "MINUTES_APPROVED", "MINUTES_CIRCULATED"]), "{history:?}");
    let all = app.gql(&referent, MINUTES, json!({ "id": meeting })).await;
    assert_eq!(all["data"]["meeting"]["minutes"].as_array().unwrap().len(), 2);
    assert_eq!(all["data"]["meeting"]["minutes"][1]["correctionReason"], "תיקון שם המיקוד");
}

async fn two_editors_of_one_item_get_a_conflict_and_neither_loses_work(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let coordinator = app.login("coordinator.south").await;
    let meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;
    let started = app.gql(&referent, START, json!({ "m": meeting })).await;
    let sections = started["data"]["startMinutes"]["sections"].clone();

    // Both opened version 1 of item 0; the referent saves first.
    let first = app.gql(&referent, SAVE, json!({ "id": sections[0]["id"], "v": 1, "n": "טקסט של הרפרנטית" })).await;
    assert_eq!(first["data"]["saveMinutesSection"]["version"], 2);
    let second = app.gql(&coordinator, SAVE, json!({ "id": sections[0]["id"], "v": 1, "n": "טקסט של הרכזת" })).await;
    assert_eq!(error_code(&second), "CONFLICT", "{second}");
    assert_eq!(second["errors"][0]["extensions"]["currentVersion"], 2);
    // Another item is not blocked by the first.
    let other = app.gql(&coordinator, SAVE, json!({ "id": sections[1]["id"], "v": 1, "n": "פריט אחר" })).await;
    assert_eq!(other["data"]["saveMinutesSection"]["version"], 2, "{other}");
    // The first text is intact; the second editor merges and saves on the current version.
    let read = app.gql(&coordinator, MINUTES, json!({ "id": meeting })).await;
    assert_eq!(read["data"]["meeting"]["minutes"][0]["sections"][0]["notes"], "טקסט של הרפרנטית");
    let merged = app
        .gql(&coordinator, SAVE, json!({ "id": sections[0]["id"], "v": 2, "n": "טקסט של הרפרנטית\nטקסט של הרכזת" }))
        .await;
    assert_eq!(merged["data"]["saveMinutesSection"]["version"], 3, "{merged}");
}

async fn meetings_that_passed_without_records_need_recording(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&referent, "Kiryat Gat").await;
    let query = "query($t: ID!) { meetingsToRecord(townId: $t) { meeting { id } gaps } }";
    let gaps_of = |body: Value, id: &Value| {
        body["data"]["meetingsToRecord"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| &m["meeting"]["id"] == id)
            .map(|m| m["gaps"].clone())
    };
    let team = body_of(&app, &referent, "Kiryat Gat", "TASK_TEAM").await;
    let created =
        app.gql(&referent, CREATE, json!({ "b": team, "i": { "title": "צוות", "startsAt": starts(-3) } })).await;
    let id = created["data"]["createMeeting"]["id"].clone();
    app.gql(&referent, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    assert_eq!(gaps_of(app.gql(&referent, query, json!({ "t": town })).await, &id), Some(json!(["NOT_MARKED_HELD"])));
    app.gql(&referent, STATUS, json!({ "id": id, "v": 2, "s": "HELD" })).await;
    assert_eq!(
        gaps_of(app.gql(&referent, query, json!({ "t": town })).await, &id),
        Some(json!(["ATTENDANCE", "MINUTES"]))
    );
    let invitees = app
        .gql(&referent, "query($id: ID!) { meeting(id: $id) { attendance { person { id } } } }", json!({ "id": id }))
        .await;
    let person = invitees["data"]["meeting"]["attendance"][0]["person"]["id"].clone();
    let attend =
        "mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: ATTENDED) { id } }";
    assert!(app.gql(&referent, attend, json!({ "m": id, "p": person })).await["data"]["recordAttendance"].is_object());
    assert_eq!(gaps_of(app.gql(&referent, query, json!({ "t": town })).await, &id), Some(json!(["MINUTES"])));
    let gaps = app.gql(&referent, "query($id: ID!) { meeting(id: $id) { recordingGaps } }", json!({ "id": id })).await;
    assert_eq!(gaps["data"]["meeting"]["recordingGaps"], json!(["MINUTES"]));
    app.gql(&referent, START, json!({ "m": id })).await;
    assert_eq!(gaps_of(app.gql(&referent, query, json!({ "t": town })).await, &id), None, "recorded");

    // A meeting still ahead needs nothing.
    let ahead =
        app.gql(&referent, CREATE, json!({ "b": team, "i": { "title": "בקרוב", "startsAt": starts(2) } })).await;
    let ahead = ahead["data"]["createMeeting"]["id"].clone();
    assert_eq!(gaps_of(app.gql(&referent, query, json!({ "t": town })).await, &ahead), None);
}

async fn without_smtp_the_outbox_shows_what_would_be_sent(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let forum = body_of(&app, &referent, "Kiryat Gat", "FORUM").await;
    let created = app
        .gql(&referent, CREATE, json!({ "b": forum, "t": "forum_4_focuses", "c": false, "i": { "title": "מפגש 4", "startsAt": starts(10), "place": "אולם" } }))
        .await;
    let id = created["data"]["createMeeting"]["id"].clone();
    app.gql(&referent, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    let outbox = app.gql(&referent, OUTBOX, json!({ "m": id })).await;
    let outbox = &outbox["data"]["meetingOutbox"];
    assert_eq!(outbox["smtpConfigured"], false);
    let emails = outbox["emails"].as_array().unwrap();
    let invitees = app.scalar_i64(&format!("SELECT COUNT(*) FROM attendance a JOIN people p ON p.id = a.person_id WHERE a.meeting_id = {} AND p.email IS NOT NULL", id.as_str().unwrap())).await;
    assert!(invitees > 0);
    assert_eq!(emails.len() as i64, invitees, "one invitation per invitee with an address");
    assert!(emails.iter().all(|e| e["kind"] == "INVITATION" && e["delivery"] == "NOT_CONFIGURED"));
    // The title and the body's name are isolated: each keeps its direction in any language's line.
    assert_eq!(emails[0]["subject"], "הזמנה: \u{2068}מפגש 4\u{2069} — \u{2068}פורום התעסוקה היישובי\u{2069}");
    assert!(emails[0]["body"].as_str().unwrap().contains("תעדוף מיקודים אסטרטגיים"), "the agenda is in the invitation");

    // A new time notifies; so does cancelling.
    let update = "mutation($id: ID!, $v: Int!, $i: MeetingInput!) { updateMeeting(id: $id, version: $v, input: $i) { version } }";
    let moved = app
        .gql(
            &referent,
            update,
            json!({ "id": id, "v": 2, "i": { "title": "מפגש 4", "startsAt": starts(11), "place": "אולם" } }),
        )
        .await;
    assert_eq!(moved["data"]["updateMeeting"]["version"], 3, "{moved}");
    app.gql(&referent, STATUS, json!({ "id": id, "v": 3, "s": "CANCELLED", "r": "האולם סגור" })).await;
    let kinds: Vec<String> = app.gql(&referent, OUTBOX, json!({ "m": id })).await["data"]["meetingOutbox"]["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    for kind in ["CANCELLED", "CHANGED", "INVITATION"] {
        assert_eq!(kinds.iter().filter(|k| *k == kind).count() as i64, invitees, "{kind}: {kinds:?}");
    }
    let cancelled = app.gql(&referent, OUTBOX, json!({ "m": id })).await;
    assert!(
        cancelled["data"]["meetingOutbox"]["emails"][0]["body"]
            .as_str()
            .unwrap()
            .contains("סיבה: \u{2068}האולם סגור\u{2069}")
    );

    // The messages carry addresses: only those who plan the town's meetings read them.
    let member = app.login("member.kiryat-gat").await;
    assert_eq!(error_code(&app.gql(&member, OUTBOX, json!({ "m": id })).await), "FORBIDDEN");
}

async fn with_smtp_invitations_and_approved_minutes_are_sent(engine: Engine) {
    let (smtp, received) = smtp_sink();
    let config =
        workit_api::ApiConfig { smtp: Some(smtp), public_url: Some("https://hub.workit.test".into()), ..test_config() };
    let app = spawn_app_with(engine, config).await;
    let referent = app.login("referent.kiryat-gat").await;
    let meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;
    let chair = app.login("chair.kiryat-gat").await;
    let approved = approve_minutes(&app, &referent, &chair, &meeting).await;
    assert_eq!(approved["data"]["approveMinutes"]["status"], "APPROVED", "{approved}");

    let expected = app.scalar_i64("SELECT COUNT(*) FROM outbox_emails").await as usize;
    let delivered = delivered(&received, expected).await;
    assert_eq!(delivered.len(), expected, "every queued e-mail reached the SMTP server");
    // Subjects are encoded (RFC 2047); the sender, a link to the meeting and the kinds are plain.
    assert!(delivered.iter().all(|(_, text)| text.contains("From: \"WORKIT Hub\" <forum@workit.test>")));
    let invitation = delivered.iter().find(|(_, text)| text.contains("Subject:")).unwrap();
    assert!(invitation.0[0].contains("@"), "{:?}", invitation.0);
    let outbox = app.gql(&referent, OUTBOX, json!({ "m": meeting })).await;
    let emails = outbox["data"]["meetingOutbox"]["emails"].as_array().unwrap().clone();
    assert_eq!(outbox["data"]["meetingOutbox"]["smtpConfigured"], true);
    for _ in 0..100 {
        let outbox = app.gql(&referent, OUTBOX, json!({ "m": meeting })).await;
        if outbox["data"]["meetingOutbox"]["emails"].as_array().unwrap().iter().all(|e| e["delivery"] == "SENT") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let outbox = app.gql(&referent, OUTBOX, json!({ "m": meeting })).await;
    assert!(
        outbox["data"]["meetingOutbox"]["emails"].as_array().unwrap().iter().all(|e| e["delivery"] == "SENT"),
        "{outbox}"
    );
    for kind in ["INVITATION", "MINUTES_CIRCULATED", "MINUTES_APPROVED"] {
        assert!(emails.iter().any(|e| e["kind"] == kind), "{kind}");
    }
    let link = format!("https://hub.workit.test/meetings/{}", meeting.as_str().unwrap());
    assert!(emails.iter().all(|e| e["body"].as_str().unwrap().contains(&link)));
}

async fn minutes_export_as_a_right_to_left_word_document(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;
    let started = app.gql(&referent, START, json!({ "m": meeting })).await;
    let section = started["data"]["startMinutes"]["sections"][1].clone();
    app.gql(&referent, SAVE, json!({ "id": section["id"], "v": 1, "n": "שורה ראשונה\nשורה שנייה" })).await;
    let decision = "mutation($m: ID!, $i: DecisionInput!) { createDecision(meetingId: $m, input: $i) { id } }";
    app.gql(
        &referent,
        decision,
        json!({ "m": meeting, "i": { "text": "להקים צוות מעסיקים", "status": "OPEN", "dueOn": "2027-01-15" } }),
    )
    .await;

    let path = format!("/export/minutes/{}.docx", meeting.as_str().unwrap());
    let response = app.client.get(app.url(&path)).bearer_auth(&referent).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let paragraphs = docx_paragraphs(&response.bytes().await.unwrap());
    let first = &paragraphs[0];
    assert_eq!(first.0.as_deref(), Some("Heading1"));
    assert!(first.2.starts_with("סיכום המפגש (פרוטוקול): מפגש"), "worded as on the screen: {first:?}");
    assert!(paragraphs.iter().all(|(_, rtl, _)| *rtl), "every Hebrew paragraph is right-to-left");
    let headings: Vec<&str> =
        paragraphs.iter().filter(|p| p.0.as_deref() == Some("Heading2")).map(|p| p.2.as_str()).collect();
    assert!(headings.contains(&"תעדוף מיקודים אסטרטגיים") && headings.contains(&"החלטות ומשימות"), "{headings:?}");
    let texts: Vec<&str> = paragraphs.iter().map(|p| p.2.as_str()).collect();
    assert!(texts.contains(&"שורה ראשונה") && texts.contains(&"שורה שנייה"));
    assert!(texts.contains(&"להקים צוות מעסיקים") && texts.contains(&"15/01/2027"));
    assert!(texts.iter().any(|t| t.starts_with("גרסה 1 — טיוטה")));

    let english = app.client.get(app.url(&format!("{path}?lang=en"))).bearer_auth(&referent).send().await.unwrap();
    let paragraphs = docx_paragraphs(&english.bytes().await.unwrap());
    assert!(paragraphs[0].2.starts_with("Minutes: ") && !paragraphs[0].1, "English is left-to-right");
    let arabic = app.client.get(app.url(&format!("{path}?lang=ar"))).bearer_auth(&referent).send().await.unwrap();
    let paragraphs = docx_paragraphs(&arabic.bytes().await.unwrap());
    assert!(paragraphs[0].2.starts_with("المحضر: ") && paragraphs.iter().all(|p| p.1), "Arabic, right-to-left");
    assert!(paragraphs.iter().any(|p| p.2 == "القرارات ومهام المتابعة"), "Arabic headings");

    // A member has no draft to export; nobody without a session has anything.
    let member = app.login("member.kiryat-gat").await;
    assert_eq!(app.client.get(app.url(&path)).bearer_auth(&member).send().await.unwrap().status(), 404);
    assert_eq!(app.client.get(app.url(&path)).send().await.unwrap().status(), 401);
    assert_eq!(
        app.client.get(app.url("/export/minutes/x.docx")).bearer_auth(&referent).send().await.unwrap().status(),
        404
    );
    let unknown = app.client.get(app.url(&format!("{path}?version=7"))).bearer_auth(&referent).send().await.unwrap();
    assert_eq!(unknown.status(), 404, "no such version");
    let malformed = app
        .client
        .get(app.url(&format!("{path}?version=first")))
        .bearer_auth(&referent)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(malformed.text().await.unwrap(), "Some fields are not valid.");
}

async fn a_town_saves_its_own_template_and_plans_from_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let team = body_of(&app, &referent, "Kiryat Gat", "TASK_TEAM").await;
    let created = app.gql(&referent, CREATE, json!({ "b": team, "t": "task_team_monthly", "i": { "title": "צוות", "startsAt": starts(5), "durationMinutes": 75 } })).await;
    let source = created["data"]["createMeeting"].clone();
    assert!(source["id"].is_string(), "{created}");
    let save = "mutation($m: ID!, $t: String!) { saveMeetingTemplate(meetingId: $m, title: $t) { key title townOwned version durationMinutes items { title minutes } } }";
    assert_eq!(field_errors(&app.gql(&referent, save, json!({ "m": source["id"], "t": "" })).await)[0].1, "required");
    let saved = app.gql(&referent, save, json!({ "m": source["id"], "t": "הצוות החודשי שלנו" })).await;
    let template = saved["data"]["saveMeetingTemplate"].clone();
    assert_eq!(template["townOwned"], true, "{saved}");
    assert_eq!(template["durationMinutes"], 75);
    assert_eq!(
        template["items"],
        source["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| json!({ "title": i["title"], "minutes": i["minutes"] }))
            .collect::<Value>()
    );

    let list = "query($b: ID!) { meetingTemplates(bodyId: $b) { templates { key townOwned } } }";
    let keys = app.gql(&referent, list, json!({ "b": team })).await;
    assert_eq!(keys["data"]["meetingTemplates"]["templates"][0]["key"], template["key"], "the town's own come first");
    let from_own = app
        .gql(
            &referent,
            CREATE,
            json!({ "b": team, "t": template["key"], "i": { "title": "צוות ינואר", "startsAt": starts(35) } }),
        )
        .await;
    assert_eq!(from_own["data"]["createMeeting"]["durationMinutes"], 75, "{from_own}");
    assert_eq!(from_own["data"]["createMeeting"]["agenda"], source["agenda"]);

    // Another town cannot plan from it; its forum does not see a task-team template.
    let other = app.login("referent.kiryat-shmona").await;
    let other_team = body_of(&app, &other, "Kiryat Shmona", "TASK_TEAM").await;
    let refused = app
        .gql(
            &other,
            CREATE,
            json!({ "b": other_team, "t": template["key"], "i": { "title": "x", "startsAt": starts(5) } }),
        )
        .await;
    assert_eq!(field_errors(&refused), vec![("templateKey".into(), "invalid_choice".into())]);
    let forum = body_of(&app, &referent, "Kiryat Gat", "FORUM").await;
    let forum_keys = app.gql(&referent, list, json!({ "b": forum })).await;
    assert!(
        !forum_keys["data"]["meetingTemplates"]["templates"].as_array().unwrap().iter().any(|t| t["townOwned"] == true)
    );

    let archive = "mutation($k: String!, $v: Int!) { archiveMeetingTemplate(key: $k, version: $v) }";
    assert_eq!(error_code(&app.gql(&other, archive, json!({ "k": template["key"], "v": 1 })).await), "FORBIDDEN");
    assert_eq!(
        app.gql(&referent, archive, json!({ "k": template["key"], "v": 1 })).await["data"]["archiveMeetingTemplate"],
        true
    );
    let keys = app.gql(&referent, list, json!({ "b": team })).await;
    assert!(!keys["data"]["meetingTemplates"]["templates"].as_array().unwrap().iter().any(|t| t["townOwned"] == true));
}

async fn bad_minutes_input_is_refused_and_nothing_is_saved(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let team = body_of(&app, &referent, "Kiryat Gat", "TASK_TEAM").await;
    let planned =
        app.gql(&referent, CREATE, json!({ "b": team, "i": { "title": "צוות", "startsAt": starts(3) } })).await;
    let planned = planned["data"]["createMeeting"]["id"].clone();
    let early = app.gql(&referent, START, json!({ "m": planned })).await;
    assert_eq!(field_errors(&early), vec![("status".into(), "meeting_not_held".into())]);

    let meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;
    let started = app.gql(&referent, START, json!({ "m": meeting })).await;
    let minutes = started["data"]["startMinutes"].clone();
    let section = minutes["sections"][0]["id"].clone();
    app.gql(&referent, SAVE, json!({ "id": section, "v": 1, "n": "טקסט" })).await;
    let long = "א".repeat(20_001);
    let too_long = app.gql(&referent, SAVE, json!({ "id": section, "v": 2, "n": long })).await;
    assert_eq!(field_errors(&too_long), vec![("notes".into(), "too_long".into())]);
    let bad_id = app.gql(&referent, SAVE, json!({ "id": "abc", "v": 2, "n": "x" })).await;
    assert_eq!(error_code(&bad_id), "VALIDATION");

    // A stale version changes nothing.
    let stale = app.gql(&referent, CIRCULATE, json!({ "id": minutes["id"], "v": 7, "d": today().to_string() })).await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    let read = app.gql(&referent, MINUTES, json!({ "id": meeting })).await;
    let version = &read["data"]["meeting"]["minutes"][0];
    assert_eq!((version["status"].as_str(), version["sections"][0]["notes"].as_str()), (Some("DRAFT"), Some("טקסט")));
    let chair = app.login("chair.kiryat-gat").await;
    let uncirculated = app.gql(&chair, APPROVE, json!({ "id": minutes["id"], "v": 1 })).await;
    assert_eq!(field_errors(&uncirculated), vec![("minutes".into(), "circulate_first".into())]);

    app.gql(&referent, CIRCULATE, json!({ "id": minutes["id"], "v": 1, "d": today().to_string() })).await;
    assert_eq!(error_code(&app.gql(&chair, APPROVE, json!({ "id": minutes["id"], "v": 1 })).await), "CONFLICT");

    // The comment deadline has passed: comments are refused with the date.
    app.db
        .execute_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!(
                "UPDATE minutes_versions SET comment_deadline = '2020-01-01' WHERE id = {}",
                minutes["id"].as_str().unwrap()
            ),
        ))
        .await
        .unwrap();
    let late = app.gql(&referent, COMMENT, json!({ "s": section, "b": "מאוחר" })).await;
    assert_eq!(field_errors(&late), vec![("body".into(), "comment_deadline_passed".into())]);
    assert_eq!(late["errors"][0]["extensions"]["fields"][0]["params"]["deadline"], "2020-01-01");
    let comments = app.scalar_i64("SELECT COUNT(*) FROM minutes_comments").await;
    assert_eq!(comments, 0, "nothing half-saved");
}

/// The id of the newest audit entry for `action` on `entity` among `ids`, or 0.
async fn last_audit(app: &TestApp, action: &str, entity: &str, ids: &[String]) -> i64 {
    app.scalar_i64(&format!(
        "SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE action = '{action}' AND entity = '{entity}' AND entity_id IN ({})",
        ids.join(",")
    ))
    .await
}

async fn approval_racing_an_edit_and_a_comment_never_lets_a_write_in_after_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let (member, chair) = (app.login("member.kiryat-gat").await, app.login("chair.kiryat-gat").await);
    let deadline = (today() + chrono::Duration::days(7)).to_string();
    let (mut edits_after, mut comments_after) = (0, 0);
    let mut meeting = Value::Null;
    let versions = workit_domain::meetings::MAX_MINUTES_VERSIONS;
    for round in 0..50 {
        let minutes = if round % versions == 0 {
            // A meeting holds a few versions of its minutes: a fresh meeting every few rounds.
            meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;
            app.gql(&referent, START, json!({ "m": meeting })).await["data"]["startMinutes"].clone()
        } else {
            let corrected = app.gql(&referent, CORRECT, json!({ "m": meeting, "r": format!("סבב {round}") })).await;
            corrected["data"]["correctMinutes"].clone()
        };
        let id = minutes["id"].clone();
        let section = minutes["sections"][1]["id"].clone();
        let circulated = app.gql(&referent, CIRCULATE, json!({ "id": id, "v": 1, "d": deadline })).await;
        assert_eq!(circulated["data"]["circulateMinutes"]["version"], 2, "{circulated}");
        let section_version = minutes["sections"][1]["version"].clone();
        let (approved, saved, commented) = tokio::join!(
            app.gql(&chair, APPROVE, json!({ "id": id, "v": 2 })),
            app.gql(&referent, SAVE, json!({ "id": section, "v": section_version, "n": format!("עריכה {round}") })),
            app.gql(&member, COMMENT, json!({ "s": section, "b": format!("הערה {round}") })),
        );
        assert_eq!(approved["data"]["approveMinutes"]["status"], "APPROVED", "{approved}");
        for refused in [&saved, &commented].into_iter().filter(|body| !body["errors"].is_null()) {
            let code = &field_errors(refused)[0].1;
            assert!(code == "minutes_locked" || code == "minutes_not_circulated", "{refused}");
        }
        let ids = |value: &Value| vec![value.as_str().unwrap().to_owned()];
        let approval = last_audit(&app, "approve", "minutes", &ids(&id)).await;
        edits_after += i32::from(last_audit(&app, "update", "minutes_section", &ids(&section)).await > approval);
        comments_after += i32::from(last_audit(&app, "comment", "minutes", &ids(&id)).await > approval);
    }
    assert_eq!((edits_after, comments_after), (0, 0), "writes that landed after the approval");
}

async fn a_chair_gets_one_weekly_e_mail_of_the_minutes_waiting_for_approval(engine: Engine) {
    use workit_persistence::accounts::digest::queue_weekly;
    let app = spawn_app(engine).await;
    let town = app.new_town("Digest Town").await;
    let chair = town.person_in(&app, &town.forum, "CHAIR", "Digest Chair").await;
    let chair_token = app.account_for(&chair).await;
    app.gql(&chair_token, "mutation { setMyLocale(locale: EN) { locale } }", json!({})).await;
    let referent = town.referent(&app).await;
    let meeting = held_meeting(&app, &referent, "Digest Town", "FORUM", None).await;
    let started = app.gql(&referent, START, json!({ "m": meeting })).await;
    let minutes = &started["data"]["startMinutes"]["id"];
    let circulated = app.gql(&referent, CIRCULATE, json!({ "id": minutes, "v": 1, "d": today().to_string() })).await;
    assert_eq!(circulated["data"]["circulateMinutes"]["status"], "CIRCULATED", "{circulated}");
    let digests_to = |email: &str| {
        format!("SELECT COUNT(*) FROM outbox_emails WHERE kind = 'WEEKLY_DIGEST' AND to_email = '{email}'")
    };

    let sunday = next_sunday_morning(0);
    assert!(queue_weekly(&app.db, sunday, Some("https://hub.example/")).await.unwrap() >= 1);
    assert_eq!(app.scalar_i64(&digests_to(&chair.email)).await, 1);
    let (subject, body) = app.digest_to(&chair.email).await;
    assert_eq!(subject, "WORKIT Hub: waiting for your approval", "in the account's language");
    assert!(body.contains("Minutes to approve: \u{2068}מפגש\u{2069}"), "{body}");
    assert!(body.contains(&format!("https://hub.example/meetings/{}", meeting.as_str().unwrap())), "{body}");

    // Once per week, whichever server asks and however often.
    assert_eq!(queue_weekly(&app.db, sunday + chrono::Duration::hours(5), None).await.unwrap(), 0);
    assert_eq!(app.scalar_i64(&digests_to(&chair.email)).await, 1);
    assert!(queue_weekly(&app.db, next_sunday_morning(1), None).await.unwrap() >= 1, "the next week's");
    assert_eq!(app.scalar_i64(&digests_to(&chair.email)).await, 2);

    // The chair turns it off; the referent, who approves nothing, never got one.
    let off = app.gql(&chair_token, "mutation { setMyWeeklyDigest(on: false) { weeklyDigest } }", json!({})).await;
    assert_eq!(off["data"]["setMyWeeklyDigest"]["weeklyDigest"], false, "{off}");
    let me = app.gql(&chair_token, "{ me { weeklyDigest } }", json!({})).await;
    assert_eq!(me["data"]["me"]["weeklyDigest"], false);
    queue_weekly(&app.db, next_sunday_morning(2), None).await.unwrap();
    assert_eq!(app.scalar_i64(&digests_to(&chair.email)).await, 2, "no e-mail after turning it off");
    let referent_email = app
        .scalar_i64(
            "SELECT COUNT(*) FROM outbox_emails WHERE kind = 'WEEKLY_DIGEST' AND to_email LIKE 'referent.test@%'",
        )
        .await;
    assert_eq!(referent_email, 0);
}

/// Minutes out for comments wait in the forum chair's week for approval, and in the week of each
/// member of the meeting's body for comments, until they are approved; a draft's and another
/// town's minutes wait in neither.
async fn circulated_minutes_wait_in_the_chair_s_and_the_members_week_until_approved(engine: Engine) {
    const WAITING: &str = "{ myAgenda { minutesToApprove { id } minutesToComment { id } } }";
    let app = spawn_app(engine).await;
    let town = app.new_town("Minutes Week Town").await;
    let referent = town.referent(&app).await;
    let chair = town.person_in(&app, &town.steering, "CHAIR", "Week Chair").await;
    let chair = app.account_for(&chair).await;
    let member = town.person_in(&app, &town.forum, "MEMBER", "Week Member").await;
    let member = app.account_for(&member).await;
    let other = app.new_town("Other Minutes Town").await;
    let other_referent = other.referent(&app).await;
    let circulated = held_meeting(&app, &referent, "Minutes Week Town", "FORUM", None).await;
    let drafted = held_meeting(&app, &referent, "Minutes Week Town", "FORUM", None).await;
    let elsewhere = held_meeting(&app, &other_referent, "Other Minutes Town", "FORUM", None).await;
    let deadline = (today() + chrono::Duration::days(3)).to_string();
    let mut minutes = Vec::new();
    for (token, meeting) in [(&referent, &circulated), (&other_referent, &elsewhere)] {
        let started = app.gql(token, START, json!({ "m": meeting })).await;
        let id = started["data"]["startMinutes"]["id"].clone();
        let out = app.gql(token, CIRCULATE, json!({ "id": id, "v": 1, "d": deadline })).await;
        assert_eq!(out["data"]["circulateMinutes"]["status"], "CIRCULATED", "{out}");
        minutes.push(id);
    }
    let started = app.gql(&referent, START, json!({ "m": drafted })).await;
    assert!(started["errors"].is_null(), "{started}");

    let week = async |token: &str| app.gql(token, WAITING, json!({})).await["data"]["myAgenda"].clone();
    let (of_chair, of_member) = (week(&chair).await, week(&member).await);
    assert_eq!(of_chair["minutesToApprove"], json!([{ "id": circulated }]), "{of_chair}");
    assert_eq!(of_member["minutesToComment"], json!([{ "id": circulated }]), "{of_member}");
    assert_eq!(of_member["minutesToApprove"], json!([]), "approving is the chair's");

    let approved = app.gql(&chair, APPROVE, json!({ "id": minutes[0], "v": 2 })).await;
    assert_eq!(approved["data"]["approveMinutes"]["status"], "APPROVED", "{approved}");
    let (of_chair, of_member) = (week(&chair).await, week(&member).await);
    assert_eq!(of_chair["minutesToApprove"], json!([]));
    assert_eq!(of_member["minutesToComment"], json!([]));
}

both_engines!(
    approval_racing_an_edit_and_a_comment_never_lets_a_write_in_after_it,
    minutes_are_written_per_item_circulated_commented_approved_and_corrected,
    two_editors_of_one_item_get_a_conflict_and_neither_loses_work,
    meetings_that_passed_without_records_need_recording,
    without_smtp_the_outbox_shows_what_would_be_sent,
    with_smtp_invitations_and_approved_minutes_are_sent,
    minutes_export_as_a_right_to_left_word_document,
    a_town_saves_its_own_template_and_plans_from_it,
    bad_minutes_input_is_refused_and_nothing_is_saved,
    a_chair_gets_one_weekly_e_mail_of_the_minutes_waiting_for_approval,
    circulated_minutes_wait_in_the_chair_s_and_the_members_week_until_approved,
);
