//! Small builders that create what a test relies on — a town with its forum, people in its
//! bodies, an account for one of them — through the API, as an administrator would, instead of
//! leaning on names in the demo data (which may change).

use serde_json::{Value, json};
use workit_domain::SystemRole;
use workit_persistence::accounts::{NewUser, create_user};

use crate::helpers::*;

/// A town created for one test: its forum has a steering committee and a forum body.
pub struct TestTown {
    pub id: Value,
    pub steering: Value,
    pub forum: Value,
    admin: String,
}

/// Someone in the town's directory.
pub struct TestPerson {
    pub id: Value,
    pub email: String,
}

impl TestApp {
    /// A new town in the first region, with its forum; `name` keeps towns of one test apart.
    pub async fn new_town(&self, name: &str) -> TestTown {
        let admin = self.login("admin").await;
        let regions = self.gql(&admin, "{ regions { id } }", json!({})).await;
        let region = regions["data"]["regions"][0]["id"].clone();
        let created = self
            .gql(
                &admin,
                "mutation($i: TownInput!) {
                    createTown(input: $i) { id forum { bodies { id kind } } }
                }",
                json!({ "i": { "regionId": region, "nameHe": name, "nameEn": name } }),
            )
            .await;
        let town = &created["data"]["createTown"];
        let body = |kind: &str| {
            town["forum"]["bodies"].as_array().unwrap().iter().find(|b| b["kind"] == kind).unwrap()["id"].clone()
        };
        TestTown { id: town["id"].clone(), steering: body("STEERING_COMMITTEE"), forum: body("FORUM"), admin }
            .checked(created.clone())
    }
}

impl TestTown {
    fn checked(self, created: Value) -> Self {
        assert!(self.id.is_string(), "createTown: {created}");
        self
    }

    /// A person of the town with an e-mail address, sitting in `body` with `role`.
    pub async fn person_in(&self, app: &TestApp, body: &Value, role: &str, name: &str) -> TestPerson {
        let email = format!("{}@{}.test", name.to_lowercase().replace(' ', "."), rand::random::<u32>());
        let created = app
            .gql(
                &self.admin,
                "mutation($t: ID!, $i: PersonInput!) { createPerson(townId: $t, input: $i) { id } }",
                json!({ "t": self.id, "i": { "fullName": name, "email": email } }),
            )
            .await;
        let id = created["data"]["createPerson"]["id"].clone();
        assert!(id.is_string(), "createPerson: {created}");
        let joined = (now() - chrono::Duration::days(30)).date_naive().to_string();
        let membership = app
            .gql(
                &self.admin,
                "mutation($b: ID!, $p: ID!, $i: MembershipInput!) {
                    addMembership(bodyId: $b, personId: $p, input: $i) { id }
                }",
                json!({ "b": body, "p": id, "i": { "role": role, "joinedOn": joined } }),
            )
            .await;
        assert!(membership["data"]["addMembership"]["id"].is_string(), "addMembership: {membership}");
        TestPerson { id, email }
    }

    /// The town's referent, signed in: an account for a new person of the steering committee.
    pub async fn referent(&self, app: &TestApp) -> String {
        let person = self.person_in(app, &self.steering, "REFERENT_OPERATIONAL", "Referent Test").await;
        app.account_for(&person).await
    }
}

impl TestApp {
    /// An account (no system role) for someone of the directory, signed in; what it may do
    /// comes from the person's memberships.
    pub async fn account_for(&self, person: &TestPerson) -> String {
        let user = NewUser {
            email: person.email.clone(),
            display_name: person.email.clone(),
            password_hash: demo_hash().to_owned(),
            system_role: SystemRole::None,
            region_id: None,
            person_id: Some(person.id.as_str().unwrap().parse().unwrap()),
            locale: "en".into(),
        };
        create_user(&self.db, user, now()).await.expect("create the account");
        let body = self.login_payload(&person.email, DEMO_PASSWORD).await;
        body["data"]["login"]["accessToken"].as_str().unwrap_or_else(|| panic!("login: {body}")).to_owned()
    }
}
