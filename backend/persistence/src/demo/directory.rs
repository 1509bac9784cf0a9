//! The town and its directory: organisations, their representatives and the labour office.

use rand::Rng;
use rand::seq::IndexedRandom;
use sea_orm::Set;
use workit_domain::directory::Seniority;

use super::data::{ORGANISATIONS, TownSeed};
use super::{DEMO_EMAIL_DOMAIN, Seeder};
use crate::StoreResult;
use crate::entities::{labour_offices, organisations, people, towns};
use crate::versioned::insert_new;

/// The people of a town's directory the later steps give roles to.
pub(super) struct TownPeople {
    pub town_id: i64,
    /// Everyone, in the order they were created.
    pub all: Vec<i64>,
    pub organisations: Vec<i64>,
    pub office_manager: i64,
    pub chair: i64,
    pub referent: i64,
}

impl Seeder<'_> {
    pub(super) async fn directory(&mut self, seed: &TownSeed<'_>, region_id: i64) -> StoreResult<TownPeople> {
        let _now = self.now;
        let town = insert_new(
            self.txn,
            towns::ActiveModel {
                region_id: Set(region_id),
                name_he: Set(seed.name_he.into()),
                name_en: Set(seed.name_en.into()),
                name_ar: Set(Some(seed.name_ar.into())),
                population: Set(Some(seed.population)),
                socio_economic_cluster: Set(Some(seed.cluster)),
                archived_at: Set(None),
                ..Default::default()
            },
            self.now,
        )
        .await?;

        // Organisations and their people: one to three representatives each.
        let mut people_ids = Vec::new();
        let mut org_ids = Vec::new();
        let org_count = self.rng.random_range(11..=ORGANISATIONS.len());
        for (index, (sector, template)) in ORGANISATIONS.iter().take(org_count).enumerate() {
            let organisation = insert_new(
                self.txn,
                organisations::ActiveModel {
                    town_id: Set(town.id),
                    name: Set(template.replace("{}", seed.name_he)),
                    sector: Set((*sector).into()),
                    website: Set(None),
                    notes: Set(Some("נתוני הדגמה".into())),
                    archived_at: Set(None),
                    ..Default::default()
                },
                self.now,
            )
            .await?;
            org_ids.push(organisation.id);
            let representatives = if index < 3 { 3 } else { self.rng.random_range(1..=2) };
            for r in 0..representatives {
                let name = self.person_name();
                let seniority = if r == 0 {
                    Seniority::Head
                } else {
                    *[Seniority::Senior, Seniority::Middle, Seniority::Staff]
                        .choose(&mut self.rng)
                        .unwrap_or(&Seniority::Senior)
                };
                let person = insert_new(
                    self.txn,
                    people::ActiveModel {
                        town_id: Set(town.id),
                        organisation_id: Set(Some(organisation.id)),
                        full_name: Set(name),
                        job_title: Set(Some(if r == 0 { "מנהל/ת".into() } else { "רכז/ת".into() })),
                        seniority: Set(Some(seniority.into())),
                        email: Set(Some(format!("{}.{}.{}@{DEMO_EMAIL_DOMAIN}", seed.slug, organisation.id, r))),
                        phone: Set(Some(format!("050-{:07}", self.rng.random_range(1_000_000..9_999_999)))),
                        archived_at: Set(None),
                        ..Default::default()
                    },
                    self.now,
                )
                .await?;
                people_ids.push(person.id);
            }
        }
        // The first three organisations have three representatives each: the labour office
        // (its head leads employment), a welfare district, and the municipality (its head chairs,
        // the next is the referent).
        let (office_manager, chair, referent) = (people_ids[0], people_ids[6], people_ids[7]);
        insert_new(
            self.txn,
            labour_offices::ActiveModel {
                town_id: Set(town.id),
                name: Set(format!("לשכת התעסוקה {}", seed.name_he)),
                address: Set(Some(format!("רחוב הנשיאים 1, {}", seed.name_he))),
                manager_person_id: Set(Some(office_manager)),
                ..Default::default()
            },
            self.now,
        )
        .await?;
        Ok(TownPeople { town_id: town.id, all: people_ids, organisations: org_ids, office_manager, chair, referent })
    }
}
