//! Town employment indicators: ten years of quarters as the Employment Service's BI publishes
//! them, ending at the last closed quarter. Each town's figures follow from its size, its
//! socio-economic cluster and who lives there; unemployment rose in 2020 with the pandemic and
//! eased since, wages grow a little every year. Small groups (a few Arab job seekers in a
//! development town) are what the privacy rules of the comparison exist for.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use workit_domain::plans::Quarter;
use workit_domain::regions::indicators::{Indicator, Period, Values};

use super::data::TownSeed;
use super::{Scale, Seeder};
use crate::StoreResult;
use crate::regions::indicators::insert_periods;

const HISTORY_QUARTERS: i32 = 40;
pub(super) const SOURCE: &str = "שירות התעסוקה — BI (נתוני הדגמה)";

/// Shares of Arab and Haredi residents of the demo towns (the rest of the country is drawn).
fn population_mix(slug: &str) -> (f64, f64) {
    match slug {
        "maalot" => (0.22, 0.01),
        "safed" => (0.01, 0.32),
        "tiberias" => (0.01, 0.16),
        "netivot" => (0.0, 0.28),
        "beit-shean" => (0.02, 0.04),
        "migdal-haemek" => (0.01, 0.12),
        _ => (0.005, 0.03),
    }
}

impl Seeder<'_> {
    pub(super) async fn indicators(&mut self, town_id: i64, seed: &TownSeed<'_>) -> StoreResult<()> {
        // A generator of the town's own, so adding figures leaves the rest of the demo as it was.
        let mut rng = ChaCha8Rng::seed_from_u64(u64::from_le_bytes(town_id.to_le_bytes()) ^ 0x5eed);
        let (arab, haredi) = if self.scale == Scale::National && !super::data::TOWNS.iter().any(|t| t.slug == seed.slug)
        {
            match rng.random_range(0..100) {
                0..=17 => (0.95, 0.0),
                18..=23 => (0.0, 0.9),
                _ => (rng.random_range(0.0..0.03), rng.random_range(0.0..0.06)),
            }
        } else {
            population_mix(seed.slug)
        };
        let population = seed.population as f64;
        let cluster = f64::from(seed.cluster);
        let last = Quarter::last_closed(self.now);
        let base_rate = 2.8 + (10.0 - cluster) * 0.7 + arab * 3.0 + haredi * 1.5;
        let participation = 0.38 + cluster * 0.012 - haredi * 0.1 - arab * 0.06;
        let mut rows = Vec::with_capacity(HISTORY_QUARTERS as usize);
        for back in (0..HISTORY_QUARTERS).rev() {
            let quarter = last.plus(-back);
            let years = f64::from(HISTORY_QUARTERS - 1 - back) / 4.0;
            let pandemic = match (quarter.year(), quarter.number()) {
                (2020, 2) => 2.6,
                (2020, 3 | 4) => 2.0,
                (2021, 1) => 1.6,
                (2021, 2) => 1.25,
                _ => 1.0,
            };
            let noise = |rng: &mut ChaCha8Rng| rng.random_range(0.97..1.03);
            let labour_force = (population * participation * (1.0 + 0.012 * years) * noise(&mut rng)).round();
            let rate = base_rate * pandemic * (1.0 - 0.015 * years).max(0.7) * noise(&mut rng) / 100.0;
            let unemployed = (labour_force * rate).round();
            let job_seekers = (unemployed * rng.random_range(1.5..1.8)).round();
            let women = (job_seekers * (0.53 + arab * 0.08 + haredi * 0.06)).round();
            let mut values = Values::default();
            let mut put = |indicator: Indicator, value: f64| values.set(indicator, Some(value.max(0.0).round()));
            put(Indicator::JobSeekers, job_seekers);
            put(Indicator::JobSeekersWomen, women);
            put(Indicator::JobSeekersMen, job_seekers - women);
            // About 2% of job seekers have no age, education or group on record.
            let classified = job_seekers * 0.98;
            let parts = |shares: &[f64]| -> Vec<f64> { shares.iter().map(|s| (classified * s).floor()).collect() };
            let ages = parts(&[0.27, 0.33, 0.28, 0.12]);
            for (indicator, value) in [
                Indicator::JobSeekersAge18To30,
                Indicator::JobSeekersAge31To44,
                Indicator::JobSeekersAge45To59,
                Indicator::JobSeekersAge60Plus,
            ]
            .into_iter()
            .zip(ages)
            {
                put(indicator, value);
            }
            let academic = 0.08 + cluster * 0.025;
            let basic = 0.45 - cluster * 0.03 + arab * 0.1;
            let education = parts(&[basic, 0.3, 0.95 - basic - 0.3 - academic, academic]);
            for (indicator, value) in [
                Indicator::JobSeekersEducationBasic,
                Indicator::JobSeekersEducationMatriculation,
                Indicator::JobSeekersEducationPostSecondary,
                Indicator::JobSeekersEducationAcademic,
            ]
            .into_iter()
            .zip(education)
            {
                put(indicator, value);
            }
            let groups = parts(&[1.0 - arab - haredi, haredi, arab]);
            for (indicator, value) in
                [Indicator::JobSeekersGroupGeneral, Indicator::JobSeekersGroupHaredi, Indicator::JobSeekersGroupArab]
                    .into_iter()
                    .zip(groups)
            {
                put(indicator, value);
            }
            put(Indicator::LabourForce, labour_force);
            put(Indicator::Unemployed, unemployed);
            let employees = labour_force * 0.78;
            put(Indicator::WageEmployees, employees);
            let wage = (6_400.0 + cluster * 850.0 - arab * 1_200.0) * (1.0 + 0.028 * years) * noise(&mut rng);
            values.set(Indicator::AverageWage, Some((wage / 10.0).round() * 10.0));
            let mut put = |indicator: Indicator, value: f64| values.set(indicator, Some(value.max(0.0).round()));
            put(Indicator::Employers, population / 28.0 * (1.0 + 0.01 * years));
            put(Indicator::Jobs, population * (0.22 + cluster * 0.02) * (1.0 + 0.015 * years) / pandemic.sqrt());
            rows.push((town_id, Period::Quarter(quarter), values));
        }
        insert_periods(self.txn, &rows, SOURCE, None, self.now).await
    }
}
