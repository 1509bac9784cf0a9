//! Hostile text through every export: bidi controls, a 10,000-character word, emoji, Hebrew and
//! Arabic, read back by parsers independent of the writers (zip + roxmltree for Word, the `ical`
//! crate for calendars, `mail-parser` for e-mail). Control characters cannot get in at all
//! (`hardening::control_characters_are_refused_in_every_text`).

use serde_json::json;

use crate::helpers::*;

/// A right-to-left override, isolates, marks, emoji with joiners, Hebrew, Arabic, and the
/// characters calendars, XML and mail headers escape.
const HOSTILE: &str =
    "\u{202e}שלום مرحبا\u{202c} \u{2067}עברית\u{2069} 👩\u{200d}👩\u{200d}👧 ,;:\\\"<b>&amp;</b> \u{200f}end";

fn long_word() -> String {
    "אבגד".repeat(2_500)
}

async fn word_export_keeps_hostile_text_exactly(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let meeting = held_meeting(&app, &referent, "Kiryat Gat", "FORUM", Some("forum_4_focuses")).await;
    let started = app.gql(&referent, START, json!({ "m": meeting })).await;
    let section = started["data"]["startMinutes"]["sections"][1].clone();
    let notes = format!("{HOSTILE}\n{}", long_word());
    let saved = app.gql(&referent, SAVE, json!({ "id": section["id"], "v": 1, "n": notes })).await;
    assert!(saved["errors"].is_null(), "{saved}");
    let decision = "mutation($m: ID!, $i: DecisionInput!) { createDecision(meetingId: $m, input: $i) { id } }";
    let made = app.gql(&referent, decision, json!({ "m": meeting, "i": { "text": HOSTILE, "status": "OPEN" } })).await;
    assert!(made["errors"].is_null(), "{made}");

    let path = format!("/export/minutes/{}.docx", meeting.as_str().unwrap());
    for lang in ["he", "en"] {
        let response =
            app.client.get(app.url(&format!("{path}?lang={lang}"))).bearer_auth(&referent).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let texts: Vec<String> = docx_paragraphs(&response.bytes().await.unwrap()).into_iter().map(|p| p.2).collect();
        assert!(texts.iter().any(|t| t == HOSTILE), "the text as typed, in {lang}: {texts:?}");
        assert!(texts.iter().any(|t| *t == long_word()), "the 10,000-character word whole, in {lang}");
        assert!(texts.iter().filter(|t| t.contains(HOSTILE)).count() >= 2, "notes and the decision, in {lang}");
    }
}

/// The calendar file's value of `name`, unescaped as RFC 5545 §3.3.11 says.
fn ics_value(text: &str, name: &str) -> String {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("a valid calendar");
    let raw = calendar.events[0].properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap();
    raw.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
}

async fn calendar_file_keeps_hostile_text_exactly(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let body = body_of(&app, &referent, "Kiryat Gat", "FORUM").await;
    // A title of 300 characters folds across many lines, some in the middle of a character's bytes.
    let title: String = format!("{HOSTILE} {}", "ث".repeat(300)).chars().take(300).collect();
    let input = json!({ "title": title, "startsAt": starts(5), "place": HOSTILE });
    let created = app.gql(&referent, CREATE, json!({ "b": body, "c": false, "i": input })).await;
    let id = created["data"]["createMeeting"]["id"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned();
    let response =
        app.client.get(app.url(&format!("/calendar/meetings/{id}.ics"))).bearer_auth(&referent).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(text.lines().all(|line| line.len() <= 75), "lines are folded at 75 octets");
    assert_eq!(ics_value(&text, "SUMMARY"), format!("{title} — פורום התעסוקה היישובי"), "title, then the body");
    assert_eq!(ics_value(&text, "LOCATION"), HOSTILE);
}

async fn invitation_email_keeps_hostile_text_exactly(engine: Engine) {
    let (smtp, received) = smtp_sink();
    let config = workit_api::ApiConfig { smtp: Some(smtp), ..test_config() };
    let app = spawn_app_with(engine, config).await;
    let referent = app.login("referent.kiryat-gat").await;
    let body = body_of(&app, &referent, "Kiryat Gat", "STEERING_COMMITTEE").await;
    let input =
        json!({ "title": HOSTILE, "startsAt": starts(5), "place": long_word().chars().take(300).collect::<String>() });
    let created = app.gql(&referent, CREATE, json!({ "b": body, "c": false, "i": input })).await;
    let id = created["data"]["createMeeting"]["id"].clone();
    let sent = app.gql(&referent, STATUS, json!({ "id": id, "v": 1, "s": "INVITATIONS_SENT" })).await;
    assert!(sent["errors"].is_null(), "{sent}");

    let expected = app.scalar_i64("SELECT COUNT(*) FROM outbox_emails").await as usize;
    assert!(expected > 0);
    let delivered = delivered(&received, expected).await;
    assert_eq!(delivered.len(), expected, "every invitation reached the SMTP server");
    for (_, raw) in &delivered {
        let message = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a parsable message");
        let subject = message.subject().unwrap_or_default();
        assert!(subject.contains(HOSTILE), "the subject, decoded: {subject:?}");
        let text = message.body_text(0).map(|b| b.replace("\r\n", "\n")).unwrap_or_default();
        let place: String = long_word().chars().take(300).collect();
        assert!(text.contains(&format!("מקום: \u{2068}{place}\u{2069}\n")), "the place, whole and isolated: {text}");
    }
}

both_engines!(
    word_export_keeps_hostile_text_exactly,
    calendar_file_keeps_hostile_text_exactly,
    invitation_email_keeps_hostile_text_exactly,
);
