//! Helpers of the meeting tests that several test files share: the documents they send, a
//! held meeting, its minutes approved, a local SMTP sink and a Word reader.

use std::io::Read as _;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::{TestApp, now};

pub const CREATE: &str = "mutation($b: ID!, $i: MeetingInput!, $t: String, $c: Boolean! = true) {
    createMeeting(bodyId: $b, input: $i, templateKey: $t, carryOver: $c) {
        id title status version durationMinutes goal product templateKey
        agendaMinutes agendaOverflowMinutes agenda { title kind minutes }
    }
}";
pub const STATUS: &str = "mutation($id: ID!, $v: Int!, $s: MeetingStatus!, $r: String) {
    setMeetingStatus(id: $id, version: $v, status: $s, reason: $r) {
        status version cancelReason history { kind details changedBy }
    }
}";
pub const START: &str = "mutation($m: ID!) {
    startMinutes(meetingId: $m) { id number status version sections { id title notes version } }
}";
pub const SAVE: &str = "mutation($id: ID!, $v: Int!, $n: String!) {
    saveMinutesSection(id: $id, version: $v, notes: $n) { notes version }
}";
pub const CIRCULATE: &str = "mutation($id: ID!, $v: Int!, $d: NaiveDate!) {
    circulateMinutes(id: $id, version: $v, commentDeadline: $d) { status version commentDeadline }
}";
pub const APPROVE: &str = "mutation($id: ID!, $v: Int!) {
    approveMinutes(id: $id, version: $v) { status approvedBy approvedAt version }
}";

pub async fn body_of(app: &TestApp, token: &str, town: &str, kind: &str) -> Value {
    let town_id = app.town_id(token, town).await;
    let forum = app
        .gql(token, "query($t: ID!) { town(id: $t) { forum { bodies { id kind } } } }", json!({ "t": town_id }))
        .await;
    forum["data"]["town"]["forum"]["bodies"].as_array().unwrap().iter().find(|b| b["kind"] == kind).unwrap()["id"]
        .clone()
}

pub fn starts(days: i64) -> String {
    (now() + chrono::Duration::days(days)).to_rfc3339()
}

pub fn today() -> chrono::NaiveDate {
    workit_domain::meetings::minutes::israel_date(now())
}

/// A meeting of `kind` in `town` that took place yesterday, with invitations sent and held.
pub async fn held_meeting(app: &TestApp, token: &str, town: &str, kind: &str, template: Option<&str>) -> Value {
    held_meeting_at(app, token, town, kind, template, &starts(-1)).await
}

/// The same, held at `starts_at` (RFC 3339).
pub async fn held_meeting_at(
    app: &TestApp,
    token: &str,
    town: &str,
    kind: &str,
    template: Option<&str>,
    starts_at: &str,
) -> Value {
    let body = body_of(app, token, town, kind).await;
    let created = app
        .gql(token, CREATE, json!({ "b": body, "t": template, "c": false, "i": { "title": "מפגש", "startsAt": starts_at, "place": "אולם" } }))
        .await;
    let id = created["data"]["createMeeting"]["id"].clone();
    assert!(id.is_string(), "{created}");
    for (version, status) in [(1, "INVITATIONS_SENT"), (2, "HELD")] {
        let moved = app.gql(token, STATUS, json!({ "id": id, "v": version, "s": status })).await;
        assert!(moved["data"]["setMeetingStatus"].is_object(), "{moved}");
    }
    id
}

/// Opens, circulates and approves a held meeting's minutes; the approval's response.
pub async fn approve_minutes(app: &TestApp, writer: &str, approver: &str, meeting: &Value) -> Value {
    let started = app.gql(writer, START, json!({ "m": meeting })).await;
    let minutes = &started["data"]["startMinutes"];
    let circulated = app.gql(writer, CIRCULATE, json!({ "id": minutes["id"], "v": 1, "d": today().to_string() })).await;
    assert_eq!(circulated["data"]["circulateMinutes"]["status"], "CIRCULATED", "{circulated}");
    app.gql(approver, APPROVE, json!({ "id": minutes["id"], "v": 2 })).await
}

/// (recipients, raw message) of each e-mail the sink received.
pub type Received = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// A local SMTP server that keeps what it receives.
#[derive(Clone, Default)]
struct Sink {
    received: Received,
    current: Vec<u8>,
    to: Vec<String>,
}

impl mailin_embedded::Handler for Sink {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.current.clear();
        mailin_embedded::response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> mailin_embedded::Response {
        let text = String::from_utf8_lossy(&self.current).into_owned();
        self.received.lock().unwrap().push((std::mem::take(&mut self.to), text));
        mailin_embedded::response::OK
    }
}

/// A sink on a free port and the server's SMTP settings that send to it.
pub fn smtp_sink() -> (workit_api::config::SmtpConfig, Received) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sink = Sink::default();
    let received = sink.received.clone();
    let mut server = mailin_embedded::Server::new(sink);
    server.with_name("sink.test").with_tcp_listener(listener);
    std::thread::spawn(move || {
        server.serve().ok();
    });
    let smtp = workit_api::config::SmtpConfig {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "WORKIT Hub <forum@workit.test>".into(),
    };
    (smtp, received)
}

/// What the sink has received once the outbox's `expected` e-mails arrived (or 10 s passed).
pub async fn delivered(received: &Received, expected: usize) -> Vec<(Vec<String>, String)> {
    for _ in 0..200 {
        if received.lock().unwrap().len() >= expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    received.lock().unwrap().clone()
}

/// Reads `word/document.xml` of a .docx with a general zip and XML reader (not the writer's).
pub fn docx_paragraphs(bytes: &[u8]) -> Vec<(Option<String>, bool, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let styles = {
        let mut s = String::new();
        archive.by_name("word/styles.xml").unwrap().read_to_string(&mut s).unwrap();
        s
    };
    assert!(styles.contains("w:styleId=\"Heading1\"") && styles.contains("w:styleId=\"Heading2\""));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.tag_name().name() == "pStyle")
                .and_then(|n| n.attributes().find(|a| a.name() == "val").map(|a| a.value().to_owned()));
            let rtl = p.descendants().any(|n| n.tag_name().name() == "bidi");
            let text: String =
                p.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.text()).collect();
            (style, rtl, text)
        })
        .collect()
}
