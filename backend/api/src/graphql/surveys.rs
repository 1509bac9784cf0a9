//! The employer survey: rounds with a public link, the answers (the town's own roles only), and
//! what a round — or a region's year — adds up to. `publicSurvey` and `submitSurvey` need no
//! account: the link's token is the only key, and it opens one round of one town.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use workit_domain::regions::suppression::Hidden;
use workit_domain::surveys::summary::{Count, Distribution, SurveySummary};
use workit_domain::surveys::{OpenPosition, SurveyAnswers};
use workit_persistence::entities::{survey_responses, survey_rounds, towns};
use workit_persistence::surveys as store;

use super::ContextExt;
use super::arguments::parse_id;
use super::directory::Organisation;
use super::enums::{HiringHorizon, Industry, InternalTraining, RemoteWork, TrainingNeed};
use super::loaders::OrganisationKey;
use crate::auth::tokens::new_link_token;
use crate::error::ApiResult;

#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "OpenPositionInput")]
pub struct OpenPositionObject {
    occupation: String,
    /// The Employment Service's occupation code, digits only.
    code: Option<String>,
    count: i32,
}

/// The sixteen questions of Annex 2.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "SurveyAnswersInput")]
pub struct SurveyAnswersObject {
    company: String,
    location_town_id: Option<ID>,
    industry: Option<Industry>,
    employees: Option<i32>,
    #[graphql(default)]
    recruitment_town_ids: Vec<ID>,
    #[graphql(default)]
    has_open_positions: bool,
    #[graphql(default)]
    open_positions: Vec<OpenPositionObject>,
    hiring_horizon: Option<HiringHorizon>,
    #[graphql(default)]
    wants_hiring_help: bool,
    remote_work: Option<RemoteWork>,
    internal_training: Option<InternalTraining>,
    training_need: Option<TrainingNeed>,
    #[graphql(default)]
    in_contact_with_service: bool,
    satisfaction: Option<i32>,
    #[graphql(default)]
    wants_contact: bool,
    #[graphql(default)]
    wants_community: bool,
    contact_name: Option<String>,
    contact_email: Option<String>,
    contact_phone: Option<String>,
}

fn count(value: i32) -> u32 {
    // A negative number is off the scale either way; zero is refused by the domain's range.
    u32::try_from(value).unwrap_or(0)
}

impl SurveyAnswersObject {
    fn into_domain(self) -> ApiResult<SurveyAnswers> {
        let id = |id: &ID, field: &str| parse_id(id, field);
        Ok(SurveyAnswers {
            company: self.company,
            location_town_id: self.location_town_id.as_ref().map(|t| id(t, "locationTownId")).transpose()?,
            industry: self.industry.map(Into::into),
            employees: self.employees.map(count),
            recruitment_town_ids: self
                .recruitment_town_ids
                .iter()
                .map(|t| id(t, "recruitmentTownIds"))
                .collect::<ApiResult<Vec<_>>>()?,
            has_open_positions: self.has_open_positions,
            open_positions: self
                .open_positions
                .into_iter()
                .map(|p| OpenPosition { occupation: p.occupation, code: p.code, count: count(p.count) })
                .collect(),
            hiring_horizon: self.hiring_horizon.map(Into::into),
            wants_hiring_help: self.wants_hiring_help,
            remote_work: self.remote_work.map(Into::into),
            internal_training: self.internal_training.map(Into::into),
            training_need: self.training_need.map(Into::into),
            in_contact_with_service: self.in_contact_with_service,
            satisfaction: self.satisfaction.map(|s| u8::try_from(s).unwrap_or(u8::MAX)),
            wants_contact: self.wants_contact,
            wants_community: self.wants_community,
            contact_name: self.contact_name,
            contact_email: self.contact_email,
            contact_phone: self.contact_phone,
        })
    }

    fn from_domain(a: SurveyAnswers) -> Self {
        let id = |v: i64| ID::from(v.to_string());
        let int = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            company: a.company,
            location_town_id: a.location_town_id.map(id),
            industry: a.industry.map(Into::into),
            employees: a.employees.map(int),
            recruitment_town_ids: a.recruitment_town_ids.into_iter().map(id).collect(),
            has_open_positions: a.has_open_positions,
            open_positions: a
                .open_positions
                .into_iter()
                .map(|p| OpenPositionObject { occupation: p.occupation, code: p.code, count: int(p.count) })
                .collect(),
            hiring_horizon: a.hiring_horizon.map(Into::into),
            wants_hiring_help: a.wants_hiring_help,
            remote_work: a.remote_work.map(Into::into),
            internal_training: a.internal_training.map(Into::into),
            training_need: a.training_need.map(Into::into),
            in_contact_with_service: a.in_contact_with_service,
            satisfaction: a.satisfaction.map(i32::from),
            wants_contact: a.wants_contact,
            wants_community: a.wants_community,
            contact_name: a.contact_name,
            contact_email: a.contact_email,
            contact_phone: a.contact_phone,
        }
    }
}

pub struct SurveyRound(survey_rounds::Model);

#[Object]
impl SurveyRound {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn revoked(&self) -> bool {
        self.0.revoked_at.is_some()
    }
    /// The public link's token, for those who run the town's survey (null for everyone else).
    async fn token(&self, ctx: &Context<'_>) -> ApiResult<Option<&str>> {
        let actor = ctx.actor()?;
        Ok(store::reads_answers(actor, self.0.town_id).then_some(self.0.token.as_str()))
    }
    async fn response_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let counts = store::counts_by_round(ctx.db(), &[self.0.id]).await?;
        Ok(counts.first().map_or(0, |(_, n)| i32::try_from(*n).unwrap_or(i32::MAX)))
    }
    /// Every answer, for the town's own roles (`FORBIDDEN` for anyone else).
    #[graphql(complexity = "500 * child_complexity")]
    async fn responses(&self, ctx: &Context<'_>) -> ApiResult<Vec<SurveyResponse>> {
        Ok(store::responses(ctx.db(), ctx.actor()?, self.0.id).await?.into_iter().map(SurveyResponse).collect())
    }
    /// What the round adds up to: exact inside the town, small counts withheld outside it.
    async fn summary(&self, ctx: &Context<'_>) -> ApiResult<SurveySummaryObject> {
        let threshold = ctx.app().config.suppression_threshold;
        let (summary, exact) = store::summary(ctx.db(), ctx.actor()?, self.0.id, threshold).await?;
        Ok(SurveySummaryObject::new(summary, exact, threshold))
    }
}

pub struct SurveyResponse(survey_responses::Model);

#[Object]
impl SurveyResponse {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn company(&self) -> &str {
        &self.0.company
    }
    /// `PUBLIC` (the employer, through the link) or `STAFF`.
    async fn source(&self) -> &str {
        &self.0.source
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn answers(&self) -> SurveyAnswersObject {
        SurveyAnswersObject::from_domain(store::answers(&self.0))
    }
    /// The employer in the town's directory.
    async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
        let Some(id) = self.0.organisation_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(OrganisationKey(id)).await?.map(Organisation))
    }
}

/// A count of employers: `value` null when withheld (`withheld` says why: `SMALL`, shown as
/// "<threshold", or `COMPLEMENTARY`).
#[derive(SimpleObject)]
pub struct EmployerCount {
    value: Option<i32>,
    withheld: Option<&'static str>,
}

impl From<Count> for EmployerCount {
    fn from(c: Count) -> Self {
        Self {
            value: c.value.map(|v| i32::try_from(v).unwrap_or(i32::MAX)),
            withheld: c.hidden.map(|h| match h {
                Hidden::Small => "SMALL",
                Hidden::Complementary => "COMPLEMENTARY",
            }),
        }
    }
}

#[derive(SimpleObject)]
#[graphql(concrete(name = "IndustryCount", params(Industry)))]
#[graphql(concrete(name = "HorizonCount", params(HiringHorizon)))]
#[graphql(concrete(name = "TrainingNeedCount", params(TrainingNeed)))]
#[graphql(concrete(name = "RemoteWorkCount", params(RemoteWork)))]
#[graphql(concrete(name = "InternalTrainingCount", params(InternalTraining)))]
pub struct AnswerCount<T: async_graphql::OutputType> {
    answer: T,
    employers: EmployerCount,
}

#[derive(SimpleObject)]
pub struct OccupationLine {
    occupation: String,
    code: Option<String>,
    positions: i32,
    employers: i32,
}

#[derive(SimpleObject)]
pub struct IndustryPositions {
    industry: Industry,
    positions: i32,
}

#[derive(SimpleObject)]
#[graphql(name = "SurveySummary")]
pub struct SurveySummaryObject {
    /// False when small counts are withheld (read from outside the town).
    exact: bool,
    /// Counts of employers below this are withheld when not exact.
    threshold: f64,
    responses: i32,
    open_positions: i32,
    by_occupation: Vec<OccupationLine>,
    industries: Vec<AnswerCount<Industry>>,
    /// Open positions per industry (left out where the industry's employer count is withheld).
    industry_positions: Vec<IndustryPositions>,
    horizons: Vec<AnswerCount<HiringHorizon>>,
    training_needs: Vec<AnswerCount<TrainingNeed>>,
    remote_work: Vec<AnswerCount<RemoteWork>>,
    internal_training: Vec<AnswerCount<InternalTraining>>,
    wants_hiring_help: i32,
    wants_contact: i32,
    wants_community: i32,
    satisfaction: Option<f64>,
}

fn counts<D: Copy, G: async_graphql::OutputType + From<D>>(d: Distribution<D>) -> Vec<AnswerCount<G>> {
    d.counts.into_iter().map(|(answer, c)| AnswerCount { answer: answer.into(), employers: c.into() }).collect()
}

impl SurveySummaryObject {
    fn new(s: SurveySummary, exact: bool, threshold: f64) -> Self {
        let int = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            exact,
            threshold,
            responses: int(s.responses),
            open_positions: int(s.open_positions),
            by_occupation: s
                .by_occupation
                .into_iter()
                .map(|l| OccupationLine {
                    occupation: l.occupation,
                    code: l.code,
                    positions: int(l.positions),
                    employers: int(l.employers),
                })
                .collect(),
            industries: counts(s.industries),
            industry_positions: s
                .industry_positions
                .into_iter()
                .map(|(industry, positions)| IndustryPositions { industry: industry.into(), positions: int(positions) })
                .collect(),
            horizons: counts(s.horizons),
            training_needs: counts(s.training_needs),
            remote_work: counts(s.remote_work),
            internal_training: counts(s.internal_training),
            wants_hiring_help: int(s.wants_hiring_help),
            wants_contact: int(s.wants_contact),
            wants_community: int(s.wants_community),
            satisfaction: s.satisfaction,
        }
    }
}

/// What the public form needs: whose survey it is and the towns to choose from — nothing else.
#[derive(SimpleObject)]
pub struct PublicSurvey {
    title: String,
    town_name_he: String,
    town_name_en: String,
    town_name_ar: Option<String>,
    town_id: ID,
    towns: Vec<PublicTown>,
}

#[derive(SimpleObject)]
pub struct PublicTown {
    id: ID,
    name_he: String,
    name_en: String,
    name_ar: Option<String>,
}

fn public_towns(towns: Vec<towns::Model>) -> Vec<PublicTown> {
    towns
        .into_iter()
        .map(|t| PublicTown {
            id: ID::from(t.id.to_string()),
            name_he: t.name_he,
            name_en: t.name_en,
            name_ar: t.name_ar,
        })
        .collect()
}

#[derive(SimpleObject)]
pub struct RegionSurveySummary {
    year: i32,
    towns_answering: i32,
    summary: SurveySummaryObject,
}

#[derive(Default)]
pub struct SurveyQuery;

#[Object]
impl SurveyQuery {
    /// The town's survey rounds, newest first.
    #[graphql(complexity = "50 * child_complexity")]
    async fn survey_rounds(&self, ctx: &Context<'_>, town_id: ID) -> ApiResult<Vec<SurveyRound>> {
        let town_id = parse_id(&town_id, "townId")?;
        ctx.actor()?;
        Ok(store::rounds_of_town(ctx.db(), town_id).await?.into_iter().map(SurveyRound).collect())
    }

    async fn survey_round(&self, ctx: &Context<'_>, id: ID) -> ApiResult<SurveyRound> {
        let id = parse_id(&id, "id")?;
        ctx.actor()?;
        Ok(SurveyRound(store::round(ctx.db(), id).await?))
    }

    /// The employers' answers of a region's towns in a year, with small counts withheld.
    async fn region_survey_summary(
        &self,
        ctx: &Context<'_>,
        region_id: ID,
        year: i32,
    ) -> ApiResult<RegionSurveySummary> {
        let region_id = parse_id(&region_id, "regionId")?;
        ctx.actor()?;
        let threshold = ctx.app().config.suppression_threshold;
        let (summary, towns) = store::region_summary(ctx.db(), region_id, year, threshold).await?;
        Ok(RegionSurveySummary {
            year,
            towns_answering: i32::try_from(towns).unwrap_or(i32::MAX),
            summary: SurveySummaryObject::new(summary, false, threshold),
        })
    }

    /// Every town's name, for the survey's location and recruitment questions.
    #[graphql(complexity = "300 * child_complexity")]
    async fn survey_towns(&self, ctx: &Context<'_>) -> ApiResult<Vec<PublicTown>> {
        ctx.actor()?;
        Ok(public_towns(workit_persistence::towns::all_names(ctx.db()).await?))
    }

    /// The public form behind a link: no account needed.
    async fn public_survey(&self, ctx: &Context<'_>, token: String) -> ApiResult<PublicSurvey> {
        ctx.app().survey_limiter.check_client(ctx.request().client_ip)?;
        let (round, town) = store::open_round(ctx.db(), &token).await?;
        let towns = workit_persistence::towns::all_names(ctx.db()).await?;
        Ok(PublicSurvey {
            title: round.title,
            town_name_he: town.name_he,
            town_name_en: town.name_en,
            town_name_ar: town.name_ar,
            town_id: ID::from(town.id.to_string()),
            towns: public_towns(towns),
        })
    }
}

#[derive(Default)]
pub struct SurveyMutation;

#[Object]
impl SurveyMutation {
    /// Opens a survey round with a new public link.
    async fn create_survey_round(&self, ctx: &Context<'_>, town_id: ID, title: String) -> ApiResult<SurveyRound> {
        let town_id = parse_id(&town_id, "townId")?;
        Ok(SurveyRound(
            store::create_round(ctx.db(), ctx.actor()?, town_id, &title, new_link_token(), ctx.now()).await?,
        ))
    }

    /// Stops (or restarts) a round's public link; answers already in stay.
    async fn set_survey_link_revoked(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        revoked: bool,
    ) -> ApiResult<SurveyRound> {
        let id = parse_id(&id, "id")?;
        Ok(SurveyRound(store::set_revoked(ctx.db(), ctx.actor()?, id, version, revoked, ctx.now()).await?))
    }

    /// An answer the town's staff enter during a call (an employer already in the round is updated).
    async fn record_survey_response(
        &self,
        ctx: &Context<'_>,
        round_id: ID,
        input: SurveyAnswersObject,
    ) -> ApiResult<SurveyResponse> {
        let round_id = parse_id(&round_id, "roundId")?;
        let answers = input.into_domain()?;
        Ok(SurveyResponse(store::record(ctx.db(), ctx.actor()?, round_id, answers, ctx.now()).await?))
    }

    /// An employer's answer through a public link. Rate-limited per client; answers `true` and
    /// nothing else, so the link reveals no data.
    async fn submit_survey(&self, ctx: &Context<'_>, token: String, input: SurveyAnswersObject) -> ApiResult<bool> {
        ctx.app().survey_limiter.check_client(ctx.request().client_ip)?;
        let answers = input.into_domain()?;
        store::submit_public(ctx.db(), &token, answers, ctx.now()).await?;
        Ok(true)
    }
}
