//! The employer survey, employment barriers and public participation through the real server on
//! both engines (issue #14): the public link (valid, revoked, rate-limited, malformed, confined
//! to its town), answers as updates, the employer in the directory, results and privacy.

use std::num::NonZeroU32;

use serde_json::{Value, json};
use workit_api::config::{ApiConfig, LoginLimits};

use crate::helpers::*;

const SUBMIT: &str = "mutation($t: String!, $i: SurveyAnswersInput!) { submitSurvey(token: $t, input: $i) }";
const PUBLIC: &str = "query($t: String!) { publicSurvey(token: $t) { title townNameEn towns { id } } }";
const ROUND: &str = "query($id: ID!) { surveyRound(id: $id) {
    responseCount
    responses { company source organisation { id name sector } answers { openPositions { occupation count } contactPhone } }
    summary { exact responses openPositions byOccupation { occupation positions employers }
              horizons { answer employers { value withheld } } wantsContact }
} }";

async fn open_round(app: &TestApp, token: &str, town: &Value) -> (Value, String) {
    let created = app
        .gql(
            token,
            "mutation($t: ID!) { createSurveyRound(townId: $t, title: \"Winter 2026\") { id version token } }",
            json!({ "t": town }),
        )
        .await;
    let round = created["data"]["createSurveyRound"].clone();
    let link = round["token"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned();
    (round, link)
}

fn answers(company: &str, positions: u32) -> Value {
    json!({
        "company": company, "industry": "C", "employees": 40,
        "hasOpenPositions": positions > 0,
        "openPositions": if positions > 0 { json!([{ "occupation": "Baker", "code": "7512", "count": positions }]) } else { json!([]) },
        "hiringHorizon": "ONE_TO_TWO_MONTHS", "wantsHiringHelp": true,
        "inContactWithService": true, "satisfaction": 4,
        "wantsContact": true, "contactName": "Dana", "contactPhone": "050-1234567",
    })
}

async fn an_employer_answers_through_the_link_and_a_second_answer_updates_the_first(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Survey Town").await;
    let referent = town.referent(&app).await;
    let (round, link) = open_round(&app, &referent, &town.id).await;

    let form = app.gql_as(None, "he", PUBLIC, json!({ "t": link })).await;
    assert_eq!(form["data"]["publicSurvey"]["townNameEn"], "Survey Town", "{form}");
    assert!(form["data"]["publicSurvey"]["towns"].as_array().unwrap().len() >= 14, "the towns to recruit from");

    let sent = app.gql_as(None, "he", SUBMIT, json!({ "t": link, "i": answers("Galil Bakery Ltd.", 3) })).await;
    assert_eq!(sent["data"]["submitSurvey"], true, "{sent}");
    let again = app.gql_as(None, "he", SUBMIT, json!({ "t": link, "i": answers("  galil bakery ", 5) })).await;
    assert_eq!(again["data"]["submitSurvey"], true);

    let read = app.gql(&referent, ROUND, json!({ "id": round["id"] })).await;
    let r = &read["data"]["surveyRound"];
    assert_eq!(r["responseCount"], 1, "the same employer twice in a round is an update: {read}");
    assert_eq!(r["responses"][0]["answers"]["openPositions"][0]["count"], 5);
    assert_eq!(r["responses"][0]["source"], "PUBLIC");
    assert_eq!(r["responses"][0]["organisation"]["sector"], "BUSINESS", "the employer is in the directory");
    assert_eq!(r["summary"]["exact"], true);
    assert_eq!(r["summary"]["openPositions"], 5);
    let organisations = app
        .gql(
            &referent,
            "query($t: ID!) { organisations(townId: $t, search: \"bakery\") { items { name } } }",
            json!({ "t": town.id }),
        )
        .await;
    assert_eq!(
        organisations["data"]["organisations"]["items"].as_array().unwrap().len(),
        1,
        "one organisation, not two: {organisations}"
    );

    // During a call the referent enters another employer; it becomes an organisation too.
    let recorded = app
        .gql(&referent, "mutation($r: ID!, $i: SurveyAnswersInput!) { recordSurveyResponse(roundId: $r, input: $i) { source company } }",
             json!({ "r": round["id"], "i": answers("Negev Dairy", 0) }))
        .await;
    assert_eq!(recorded["data"]["recordSurveyResponse"]["source"], "STAFF", "{recorded}");

    // The export carries both answers, for the town only.
    let id = round["id"].as_str().unwrap();
    let xlsx = app
        .client
        .get(app.url(&format!("/export/survey/{id}.xlsx?lang=en")))
        .bearer_auth(&referent)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(&xlsx.bytes().await.unwrap()[..2], b"PK");
    let coordinator = app.login("coordinator.north").await;
    let outside =
        app.client.get(app.url(&format!("/export/survey/{id}.xlsx"))).bearer_auth(&coordinator).send().await.unwrap();
    assert_eq!(outside.status(), 403, "raw answers stay in the town");
    let from_region = app.gql(&coordinator, ROUND, json!({ "id": round["id"] })).await;
    assert_eq!(error_code(&from_region), "FORBIDDEN", "the coordinator does not read the answers themselves");
    let summary = app
        .gql(&coordinator, "query($id: ID!) { surveyRound(id: $id) { token summary { exact responses horizons { answer employers { value withheld } } } } }", json!({ "id": round["id"] }))
        .await;
    let s = &summary["data"]["surveyRound"];
    assert_eq!(s["token"], Value::Null, "the link is for the town's staff");
    assert_eq!(s["summary"]["exact"], false, "{summary}");
    let soon =
        s["summary"]["horizons"].as_array().unwrap().iter().find(|h| h["answer"] == "ONE_TO_TWO_MONTHS").unwrap();
    assert_eq!(
        soon["employers"],
        json!({ "value": null, "withheld": "SMALL" }),
        "two employers are below the threshold"
    );
}

async fn bad_links_and_bad_answers_are_refused_and_reach_no_other_town(engine: Engine) {
    let config = ApiConfig {
        survey_limits: LoginLimits {
            ip_burst: NonZeroU32::new(5).unwrap(),
            ip_period_secs: 3600,
            ..LoginLimits::default()
        },
        ..test_config()
    };
    let app = spawn_app_with(engine, config).await;
    let town = app.new_town("Link Town").await;
    let referent = town.referent(&app).await;
    let (round, link) = open_round(&app, &referent, &town.id).await;
    let before = app.scalar_i64("SELECT COUNT(*) FROM survey_responses").await;

    let malformed = app.gql_as(None, "en", PUBLIC, json!({ "t": "../../etc/passwd" })).await;
    assert_eq!(field_errors(&malformed), [("token".to_owned(), "link_invalid".to_owned())]);
    let unknown = app.gql_as(None, "en", SUBMIT, json!({ "t": "a".repeat(43), "i": answers("Nobody", 1) })).await;
    assert_eq!(field_errors(&unknown), [("token".to_owned(), "link_invalid".to_owned())]);
    let bad = json!({ "company": "", "employees": -3, "hasOpenPositions": true, "openPositions": [{ "occupation": "x".repeat(5000), "count": 0 }],
                      "inContactWithService": true, "satisfaction": 9, "wantsContact": true, "contactEmail": "nope", "recruitmentTownIds": ["999999"] });
    let refused = app.gql_as(None, "en", SUBMIT, json!({ "t": link, "i": bad })).await;
    let fields: Vec<String> = field_errors(&refused).into_iter().map(|(f, _)| f).collect();
    for field in
        ["company", "employees", "openPositions.0.occupation", "openPositions.0.count", "satisfaction", "contactEmail"]
    {
        assert!(fields.contains(&field.to_owned()), "{field} in {refused}");
    }
    let unknown_town = app
        .gql_as(
            None,
            "en",
            SUBMIT,
            json!({ "t": link, "i": { "company": "Far Ltd", "recruitmentTownIds": ["999999"] } }),
        )
        .await;
    assert_eq!(field_errors(&unknown_town), [("recruitmentTownIds".to_owned(), "invalid_choice".to_owned())]);
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM survey_responses").await, before, "nothing saved");

    // A revoked link takes nothing more; the answer lands in its own town only.
    let revoked = app
        .gql(
            &referent,
            "mutation($id: ID!, $v: Int!) { setSurveyLinkRevoked(id: $id, version: $v, revoked: true) { revoked } }",
            json!({ "id": round["id"], "v": round["version"] }),
        )
        .await;
    assert_eq!(revoked["data"]["setSurveyLinkRevoked"]["revoked"], true, "{revoked}");
    let late = app.gql_as(None, "en", SUBMIT, json!({ "t": link, "i": answers("Late Ltd", 1) })).await;
    assert_eq!(field_errors(&late), [("token".to_owned(), "link_invalid".to_owned())]);
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM survey_responses").await, before);

    // The limit: five requests from this client so far; the sixth waits.
    let limited = app.gql_as(None, "en", PUBLIC, json!({ "t": link })).await;
    assert_eq!(error_code(&limited), "UNAUTHENTICATED", "{limited}");
    assert_eq!(limited["errors"][0]["extensions"]["reason"], "RATE_LIMITED");

    let other = app.new_town("Other Link Town").await;
    let stranger = other.referent(&app).await;
    let elsewhere = app
        .gql(
            &stranger,
            "mutation($r: ID!, $i: SurveyAnswersInput!) { recordSurveyResponse(roundId: $r, input: $i) { company } }",
            json!({ "r": round["id"], "i": answers("Intruder", 1) }),
        )
        .await;
    assert_eq!(error_code(&elsewhere), "FORBIDDEN");
}

async fn barriers_form_a_matrix_and_a_participation_process_feeds_a_focus(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Barrier Town").await;
    let referent = town.referent(&app).await;
    let org = app
        .gql(&referent, "mutation($t: ID!) { createOrganisation(townId: $t, input: { name: \"Shuttle Co\", sector: BUSINESS }) { id } }", json!({ "t": town.id }))
        .await["data"]["createOrganisation"]["id"]
        .clone();
    let create = "mutation($t: ID!, $i: BarrierInput!) { createBarrier(townId: $t, input: $i) { id version severity partners { name } } }";
    let input = json!({ "group": "HAREDIM", "kind": "ACCESSIBILITY_TRANSPORT", "severity": "HIGH", "practices": "Shuttles to the industrial park", "partnerIds": [org] });
    let barrier = app.gql(&referent, create, json!({ "t": town.id, "i": input })).await;
    assert_eq!(barrier["data"]["createBarrier"]["partners"], json!([{ "name": "Shuttle Co" }]), "{barrier}");
    let twice = app.gql(&referent, create, json!({ "t": town.id, "i": input })).await;
    assert_eq!(field_errors(&twice), [("kind".to_owned(), "taken".to_owned())]);
    let other = app.new_town("Other Barrier Town").await;
    let admin = app.login("admin").await;
    let foreign = app
        .gql(&admin, "mutation($t: ID!) { createOrganisation(townId: $t, input: { name: \"Far Co\", sector: BUSINESS }) { id } }", json!({ "t": other.id }))
        .await["data"]["createOrganisation"]["id"]
        .clone();
    let cross = app.gql(&referent, create, json!({ "t": town.id, "i": { "group": "WOMEN", "kind": "GENDER", "severity": "LOW", "partnerIds": [foreign] } })).await;
    assert_eq!(field_errors(&cross), [("partnerIds".to_owned(), "invalid_choice".to_owned())]);
    let listed = app
        .gql(&referent, "query($t: ID!) { barriers(townId: $t) { group kind severity } }", json!({ "t": town.id }))
        .await;
    assert_eq!(
        listed["data"]["barriers"],
        json!([{ "group": "HAREDIM", "kind": "ACCESSIBILITY_TRANSPORT", "severity": "HIGH" }])
    );

    let process = app
        .gql(&referent, "mutation($t: ID!, $i: ParticipationInput!) { createParticipation(townId: $t, input: $i) { id steps { id version step warnsOfDigitalLiteracy } } }",
             json!({ "t": town.id, "i": { "title": "Young adults survey", "findings": "Few buses to the park\nNo evening courses" } }))
        .await;
    let p = &process["data"]["createParticipation"];
    let steps = p["steps"].as_array().unwrap_or_else(|| panic!("{process}"));
    assert_eq!(steps.len(), 10);
    assert_eq!(steps[3]["step"], "CHANNELS");
    assert_eq!(steps.iter().filter(|s| s["warnsOfDigitalLiteracy"] == true).count(), 1);
    let future = (now().date_naive() + chrono::Duration::days(5)).to_string();
    let step = app
        .gql(&referent, "mutation($id: ID!, $v: Int!, $i: ParticipationStepInput!) { updateParticipationStep(id: $id, version: $v, input: $i) { doneOn } }",
             json!({ "id": steps[0]["id"], "v": steps[0]["version"], "i": { "doneOn": future, "attachments": [{ "title": "Notice", "url": "javascript:alert(1)" }] } }))
        .await;
    let fields: Vec<String> = field_errors(&step).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["doneOn", "attachments.0.url"], "{step}");

    let forum = app.gql(&referent, "query($t: ID!) { town(id: $t) { forum { id } } }", json!({ "t": town.id })).await["data"]["town"]["forum"]["id"].clone();
    let focus = app
        .gql(&referent, "mutation($f: ID!) { createFocus(forumId: $f, input: { kind: POPULATION, title: \"Young adults\" }) { id } }", json!({ "f": forum }))
        .await["data"]["createFocus"]["id"]
        .clone();
    let fed = app
        .gql(
            &referent,
            "mutation($p: ID!, $f: ID!) { addFindingsToFocus(id: $p, focusId: $f) { theory { problem } } }",
            json!({ "p": p["id"], "f": focus }),
        )
        .await;
    assert_eq!(
        fed["data"]["addFindingsToFocus"]["theory"]["problem"],
        json!(["Few buses to the park", "No evening courses"]),
        "{fed}"
    );
    let member = town.person_in(&app, &town.forum, "MEMBER", "Member Reader").await;
    let member = app.account_for(&member).await;
    let refused = app
        .gql(&member, create, json!({ "t": town.id, "i": { "group": "WOMEN", "kind": "GENDER", "severity": "LOW" } }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
}

both_engines!(
    an_employer_answers_through_the_link_and_a_second_answer_updates_the_first,
    bad_links_and_bad_answers_are_refused_and_reach_no_other_town,
    barriers_form_a_matrix_and_a_participation_process_feeds_a_focus,
);
