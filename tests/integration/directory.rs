use serde_json::{Value, json};

use crate::helpers::*;

const CREATE_ORG: &str = "mutation($t: ID!, $i: OrganisationInput!) {
    createOrganisation(townId: $t, input: $i) { id name sector website version archived }
}";
const UPDATE_ORG: &str = "mutation($id: ID!, $v: Int!, $i: OrganisationInput!) {
    updateOrganisation(id: $id, version: $v, input: $i) { id name sector version }
}";
const ARCHIVE_ORG: &str = "mutation($id: ID!, $v: Int!, $a: Boolean!) {
    setOrganisationArchived(id: $id, version: $v, archived: $a) { archived version }
}";

async fn referent_creates_edits_archives_and_restores_an_organisation_of_own_town(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let town = app.town_id(&token, "Kiryat Shmona").await;
    let created = app
        .gql(&token, CREATE_ORG, json!({ "t": town, "i": { "name": "  מרכז צעירים גליל  ", "sector": "THIRD_SECTOR", "website": "https://youth.example" } }))
        .await;
    let org = &created["data"]["createOrganisation"];
    assert_eq!(org["name"], "מרכז צעירים גליל", "names are trimmed");
    assert_eq!(org["version"], 1);
    let id = org["id"].clone();

    let updated = app
        .gql(
            &token,
            UPDATE_ORG,
            json!({ "id": id, "v": 1, "i": { "name": "Galil Youth Centre", "sector": "CIVIL_SOCIETY" } }),
        )
        .await;
    assert_eq!(updated["data"]["updateOrganisation"]["sector"], "CIVIL_SOCIETY");
    assert_eq!(updated["data"]["updateOrganisation"]["version"], 2);

    let archived = app.gql(&token, ARCHIVE_ORG, json!({ "id": id, "v": 2, "a": true })).await;
    assert_eq!(archived["data"]["setOrganisationArchived"], json!({ "archived": true, "version": 3 }));
    let listed = app
        .gql(
            &token,
            "query($t: ID!) { organisations(townId: $t, search: \"galil youth\") { totalCount } }",
            json!({ "t": town }),
        )
        .await;
    assert_eq!(listed["data"]["organisations"]["totalCount"], 0, "archived rows leave the list");
    let with_archived = app
        .gql(
            &token,
            "query($t: ID!) { organisations(townId: $t, search: \"GALIL\", includeArchived: true) { totalCount } }",
            json!({ "t": town }),
        )
        .await;
    assert_eq!(
        with_archived["data"]["organisations"]["totalCount"], 1,
        "search is case-insensitive and finds archived rows on request"
    );
    let restored = app.gql(&token, ARCHIVE_ORG, json!({ "id": id, "v": 3, "a": false })).await;
    assert_eq!(restored["data"]["setOrganisationArchived"]["archived"], false);
    let audit = app
        .scalar_i64(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'organisation' AND entity_id = {}",
            id.as_str().unwrap()
        ))
        .await;
    assert_eq!(audit, 4, "every change is in the audit log");
}

async fn invalid_fields_are_all_named_in_the_callers_language_and_nothing_is_saved(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let town = app.town_id(&token, "Kiryat Shmona").await;
    let before = app.scalar_i64("SELECT COUNT(*) FROM organisations").await;
    let input = json!({ "t": town, "i": { "name": " ", "sector": "BUSINESS", "website": "javascript:alert(1)", "notes": "x".repeat(4001) } });
    let english = app.gql_as(Some(&token), "en-GB,en;q=0.9", CREATE_ORG, input.clone()).await;
    assert_eq!(error_code(&english), "VALIDATION");
    let fields = english["errors"][0]["extensions"]["fields"].as_array().unwrap().clone();
    let named: Vec<_> = fields.iter().map(|f| (f["field"].as_str().unwrap(), f["code"].as_str().unwrap())).collect();
    assert_eq!(named, [("name", "required"), ("website", "invalid_url"), ("notes", "too_long")]);
    assert_eq!(fields[2]["message"], "At most 4000 characters.");
    let hebrew = app.gql_as(Some(&token), "he-IL", CREATE_ORG, input).await;
    assert_eq!(hebrew["errors"][0]["extensions"]["fields"][0]["message"], "שדה חובה.");
    assert_eq!(hebrew["errors"][0]["message"], "חלק מהשדות אינם תקינים.");
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM organisations").await, before);

    let bad_enum = app.gql(&token, CREATE_ORG, json!({ "t": town, "i": { "name": "X", "sector": "MEDIA" } })).await;
    assert_eq!(error_code(&bad_enum), "VALIDATION", "an unknown sector is refused by the schema: {bad_enum}");
    let bad_id =
        app.gql(&token, CREATE_ORG, json!({ "t": "not-a-number", "i": { "name": "X", "sector": "BUSINESS" } })).await;
    assert_eq!(bad_id["errors"][0]["extensions"]["fields"][0]["field"], "townId");
    let missing = app.gql(&token, "query { town(id: \"999999\") { nameEn } }", json!({})).await;
    assert_eq!(error_code(&missing), "NOT_FOUND");
}

async fn a_stale_update_is_a_conflict_and_changes_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("lead.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let created =
        app.gql(&token, CREATE_ORG, json!({ "t": town, "i": { "name": "Original", "sector": "BUSINESS" } })).await;
    let id = created["data"]["createOrganisation"]["id"].clone();
    let first = app
        .gql(&token, UPDATE_ORG, json!({ "id": id, "v": 1, "i": { "name": "First editor", "sector": "BUSINESS" } }))
        .await;
    assert_eq!(first["data"]["updateOrganisation"]["version"], 2);
    let second = app
        .gql(&token, UPDATE_ORG, json!({ "id": id, "v": 1, "i": { "name": "Second editor", "sector": "ACADEMIA" } }))
        .await;
    assert_eq!(error_code(&second), "CONFLICT");
    assert_eq!(second["errors"][0]["extensions"]["currentVersion"], 2);
    let now =
        app.gql(&token, "query($id: ID!) { organisation(id: $id) { name sector version } }", json!({ "id": id })).await;
    assert_eq!(now["data"]["organisation"], json!({ "name": "First editor", "sector": "BUSINESS", "version": 2 }));
}

async fn people_carry_contacts_only_where_the_caller_may_read_them(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let own = app.town_id(&token, "Kiryat Shmona").await;
    let other = app.town_id(&token, "Kiryat Gat").await;
    let create = "mutation($t: ID!, $i: PersonInput!) { createPerson(townId: $t, input: $i) { id fullName email phone seniority contactsVisible } }";
    let person = app
        .gql(&token, create, json!({ "t": own, "i": { "fullName": "דנה לוי", "email": "Dana@Example.org", "phone": "04-690-0000", "seniority": "HEAD" } }))
        .await;
    assert_eq!(person["data"]["createPerson"]["email"], "dana@example.org");
    assert_eq!(person["data"]["createPerson"]["contactsVisible"], true);

    let query =
        "query($t: ID!) { people(townId: $t, limit: 200) { totalCount items { email phone contactsVisible } } }";
    let others = app.gql(&token, query, json!({ "t": other })).await;
    assert!(others["data"]["people"]["totalCount"].as_u64().unwrap() > 10);
    for p in others["data"]["people"]["items"].as_array().unwrap() {
        assert_eq!(p, &json!({ "email": null, "phone": null, "contactsVisible": false }));
    }

    let bad = app
        .gql(&token, create, json!({ "t": own, "i": { "fullName": "X", "email": "not-an-email", "phone": "call me" } }))
        .await;
    let codes: Vec<_> = bad["errors"][0]["extensions"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["invalid_email", "invalid_phone"]);

    // An organisation of another town cannot be a person's employer here.
    let foreign_org = app
        .gql(&token, "query($t: ID!) { organisations(townId: $t, limit: 1) { items { id } } }", json!({ "t": other }))
        .await;
    let foreign_org = foreign_org["data"]["organisations"]["items"][0]["id"].clone();
    let crossed =
        app.gql(&token, create, json!({ "t": own, "i": { "fullName": "Y", "organisationId": foreign_org } })).await;
    assert_eq!(crossed["errors"][0]["extensions"]["fields"][0]["field"], "organisationId");
}

async fn lists_page_through_results(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("national").await;
    let query = "query($o: Int, $l: Int) { towns(offset: $o, limit: $l) { totalCount hasNextPage items { nameEn } } }";
    let first = app.gql(&token, query, json!({ "o": 0, "l": 10 })).await;
    assert_eq!(first["data"]["towns"]["totalCount"], 14);
    assert_eq!(first["data"]["towns"]["hasNextPage"], true);
    let second = app.gql(&token, query, json!({ "o": 10, "l": 10 })).await;
    assert_eq!(second["data"]["towns"]["items"].as_array().unwrap().len(), 4);
    assert_eq!(second["data"]["towns"]["hasNextPage"], false);
    // Without the total (not counted then), the next page is known all the same, at the edges too.
    let uncounted = "query($o: Int, $l: Int) { towns(offset: $o, limit: $l) { hasNextPage items { nameEn } } }";
    for (offset, limit, shown, next) in [(0, 10, 10, true), (4, 10, 10, false), (3, 10, 10, true), (13, 10, 1, false)] {
        let page = app.gql(&token, uncounted, json!({ "o": offset, "l": limit })).await;
        assert_eq!(page["data"]["towns"]["items"].as_array().unwrap().len(), shown, "offset {offset}");
        assert_eq!(page["data"]["towns"]["hasNextPage"], next, "offset {offset}");
    }
    // No client can ask for a whole table at once, and nothing out of range is silently clamped.
    let whole = app.gql(&token, "{ people(limit: 201) { limit } }", json!({})).await;
    assert_eq!(field_errors(&whole), vec![("limit".into(), "out_of_range".into())]);
    assert_eq!(whole["errors"][0]["extensions"]["fields"][0]["message"], "A value from 1 to 200.");
    for (offset, limit) in [(-1, 10), (0, -5), (0, 0)] {
        let refused = app.gql(&token, query, json!({ "o": offset, "l": limit })).await;
        assert_eq!(error_code(&refused), "VALIDATION", "offset {offset}, limit {limit}: {refused}");
        assert!(refused["data"].is_null());
    }
    // An Int is 32 bits: a larger offset is refused by the GraphQL layer, never echoed back.
    let huge = app.gql(&token, "{ towns(offset: 5000000000) { offset } }", json!({})).await;
    assert_eq!(error_code(&huge), "VALIDATION", "{huge}");
    assert!(!huge.to_string().contains("\"offset\":5000000000"));
    let north = app.gql(&token, "{ regions { id code } }", json!({})).await;
    let north_id =
        north["data"]["regions"].as_array().unwrap().iter().find(|r| r["code"] == "north").unwrap()["id"].clone();
    let in_north =
        app.gql(&token, "query($r: ID) { towns(regionId: $r) { totalCount } }", json!({ "r": north_id })).await;
    assert_eq!(in_north["data"]["towns"]["totalCount"], 7);
    let hebrew = app.gql(&token, "{ towns(search: \"שדרות\") { items { nameEn } } }", json!({})).await;
    assert_eq!(hebrew["data"]["towns"]["items"], json!([{ "nameEn": "Sderot" }]));
}

async fn admin_manages_regions_and_towns_with_version_checks(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("admin").await;
    let created = app
        .gql(&token, "mutation { createTown(input: { regionId: \"1\", nameHe: \"עיר חדשה\", nameEn: \"New Town\", population: 5000, socioEconomicCluster: 3 }) { id version forum { stage stageNumber } } }", json!({}))
        .await;
    assert_eq!(
        created["data"]["createTown"]["forum"],
        json!({ "stage": "KICK_OFF", "stageNumber": 1 }),
        "a new town's forum starts at stage 1"
    );
    let id = created["data"]["createTown"]["id"].clone();
    let bad = app
        .gql(&token, "mutation($id: ID!) { updateTown(id: $id, version: 1, input: { regionId: \"1\", nameHe: \"\", nameEn: \"New Town\", socioEconomicCluster: 11 }) { id } }", json!({ "id": id }))
        .await;
    let fields: Vec<_> = bad["errors"][0]["extensions"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["nameHe", "socioEconomicCluster"]);
    let region = app.gql(&token, "mutation { updateRegion(id: \"1\", version: 1, input: { code: \"north\", nameHe: \"צפון\", nameEn: \"The North\" }) { nameEn version } }", json!({})).await;
    assert_eq!(region["data"]["updateRegion"], json!({ "nameEn": "The North", "version": 2 }));
    let stale = app.gql(&token, "mutation { updateRegion(id: \"1\", version: 1, input: { code: \"north\", nameHe: \"צפון\", nameEn: \"North\" }) { nameEn } }", json!({})).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let archive = "mutation($id: ID!, $v: Int!, $a: Boolean!) { setTownArchived(id: $id, version: $v, archived: $a) { archived version } }";
    let archived = app.gql(&token, archive, json!({ "id": id, "v": 1, "a": true })).await;
    assert_eq!(archived["data"]["setTownArchived"], json!({ "archived": true, "version": 2 }), "{archived}");
    let listed = app.gql(&token, "{ towns(search: \"New Town\") { totalCount } }", json!({})).await;
    assert_eq!(listed["data"]["towns"]["totalCount"], 0, "archived towns leave the list");
    let national = app.login("national").await;
    assert_eq!(error_code(&app.gql(&national, archive, json!({ "id": id, "v": 2, "a": false })).await), "FORBIDDEN");
    let duplicate = app
        .gql(
            &token,
            "mutation { createRegion(input: { code: \"north\", nameHe: \"צפון\", nameEn: \"North again\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&duplicate), "CONFLICT", "a unique code is a conflict, not an internal error: {duplicate}");
}

async fn a_town_and_a_region_keep_an_arabic_name_that_arabic_readers_see(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.login("admin").await;
    let regions = app.gql(&admin, "{ regions { code nameAr } }", json!({})).await;
    let north = regions["data"]["regions"].as_array().unwrap().iter().find(|r| r["code"] == "north").unwrap();
    assert_eq!(north["nameAr"], "الشمال", "the demo's regions carry their Arabic names");
    let create = "mutation($i: TownInput!) { createTown(input: $i) { id nameAr version } }";
    let input = json!({ "regionId": "1", "nameHe": "עיר המבחן", "nameEn": "Test Town", "nameAr": "  " });
    let created = app.gql(&admin, create, json!({ "i": input })).await;
    let town = &created["data"]["createTown"];
    assert_eq!(town["nameAr"], Value::Null, "a blank Arabic name is none: {created}");
    let update = "mutation($id: ID!, $v: Int!, $i: TownInput!) { updateTown(id: $id, version: $v, input: $i) { nameAr version } }";
    let too_long = json!({ "regionId": "1", "nameHe": "עיר המבחן", "nameEn": "Test Town", "nameAr": "ب".repeat(101) });
    let refused = app.gql(&admin, update, json!({ "id": town["id"], "v": 1, "i": too_long })).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert_eq!(refused["errors"][0]["extensions"]["fields"][0]["field"], "nameAr", "{refused}");
    let named = json!({ "regionId": "1", "nameHe": "עיר המבחן", "nameEn": "Test Town", "nameAr": "بلدة الاختبار" });
    let updated = app.gql(&admin, update, json!({ "id": town["id"], "v": 1, "i": named })).await;
    assert_eq!(updated["data"]["updateTown"], json!({ "nameAr": "بلدة الاختبار", "version": 2 }), "{updated}");
    let found = app.gql(&admin, "{ towns(search: \"الاختبار\") { items { nameEn } } }", json!({})).await;
    assert_eq!(found["data"]["towns"]["items"], json!([{ "nameEn": "Test Town" }]), "search reads the Arabic name too");

    let export = |lang: &str| app.url(&format!("/export/comparison/towns.csv?region=1&lang={lang}"));
    let arabic = app.client.get(export("ar")).bearer_auth(&admin).send().await.unwrap().text().await.unwrap();
    assert!(arabic.contains("بلدة الاختبار") && arabic.contains("كريات شمونة"), "Arabic readers see Arabic names");
    assert!(!arabic.contains("עיר המבחן"));
    let hebrew = app.client.get(export("he")).bearer_auth(&admin).send().await.unwrap().text().await.unwrap();
    assert!(hebrew.contains("עיר המבחן") && !hebrew.contains("بلدة الاختبار"), "Hebrew readers see Hebrew names");
}

both_engines!(
    referent_creates_edits_archives_and_restores_an_organisation_of_own_town,
    invalid_fields_are_all_named_in_the_callers_language_and_nothing_is_saved,
    a_stale_update_is_a_conflict_and_changes_nothing,
    people_carry_contacts_only_where_the_caller_may_read_them,
    lists_page_through_results,
    admin_manages_regions_and_towns_with_version_checks,
    a_town_and_a_region_keep_an_arabic_name_that_arabic_readers_see,
);
