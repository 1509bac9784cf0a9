//! The organisation mapping questionnaire, what it found, and the forum's SWOT.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::stakeholders::mapping::{Mapping, Swot};
use workit_persistence::entities::{organisation_mappings, organisations, swot_versions};
use workit_persistence::stakeholders::mapping as store;

use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::{optional_id, parse_id};
use crate::graphql::directory::Organisation;
use crate::graphql::enums::{Sector, TargetGroup};
use crate::graphql::loaders::UserNameKey;

/// Organisations a forum maps at most, for query cost (a map's maximum).
const MAPPED_COST: usize = workit_domain::stakeholders::map::MAX_STAKEHOLDERS_PER_MAP;

/// The questionnaire's answers.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "MappingInput")]
pub struct MappingAnswers {
    goals: Option<String>,
    activities: Option<String>,
    target_groups: Vec<TargetGroup>,
    other_target_groups: Option<String>,
    programmes: Vec<String>,
    collaborations: Option<String>,
    regional_communities: Option<String>,
}

impl From<Mapping> for MappingAnswers {
    fn from(m: Mapping) -> Self {
        Self {
            goals: m.goals,
            activities: m.activities,
            target_groups: m.target_groups.into_iter().map(Into::into).collect(),
            other_target_groups: m.other_target_groups,
            programmes: m.programmes,
            collaborations: m.collaborations,
            regional_communities: m.regional_communities,
        }
    }
}

impl From<MappingAnswers> for Mapping {
    fn from(m: MappingAnswers) -> Self {
        Self {
            goals: m.goals,
            activities: m.activities,
            target_groups: m.target_groups.into_iter().map(Into::into).collect(),
            other_target_groups: m.other_target_groups,
            programmes: m.programmes,
            collaborations: m.collaborations,
            regional_communities: m.regional_communities,
        }
    }
}

/// An organisation of the forum with its questionnaire (null until filled in).
pub struct OrganisationMapping(organisations::Model, Option<organisation_mappings::Model>);

#[Object]
impl OrganisationMapping {
    async fn organisation(&self) -> Organisation {
        Organisation(self.0.clone())
    }
    async fn answers(&self) -> Option<MappingAnswers> {
        self.1.as_ref().map(|m| store::answers(m).into())
    }
    /// The version to send with the next save; null before the first.
    async fn version(&self) -> Option<i32> {
        self.1.as_ref().map(|m| m.version)
    }
    async fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.1.as_ref().map(|m| m.updated_at)
    }
}

#[derive(SimpleObject)]
pub struct ServedGroup {
    group: TargetGroup,
    /// The organisations that serve it; none is a gap.
    organisations: Vec<String>,
}

#[derive(SimpleObject)]
pub struct SectorProgramme {
    sector: Sector,
    programme: String,
    organisation: String,
}

/// What the mapping found (for meeting 3).
#[derive(SimpleObject)]
pub struct MappingRollUp {
    served: Vec<ServedGroup>,
    programmes: Vec<SectorProgramme>,
    /// Sectors present in the forum with no organisation mapped yet.
    sectors_unmapped: Vec<Sector>,
    organisations_mapped: i32,
    organisations_total: i32,
}

pub struct SwotVersion(swot_versions::Model);

#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "SwotInput")]
pub struct SwotContent {
    strengths: Vec<String>,
    weaknesses: Vec<String>,
    opportunities: Vec<String>,
    threats: Vec<String>,
}

#[Object]
impl SwotVersion {
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn created_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.0.created_by else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
    async fn meeting_id(&self) -> Option<ID> {
        self.0.meeting_id.map(|id| ID::from(id.to_string()))
    }
    async fn content(&self) -> SwotContent {
        let s = store::swot(&self.0);
        SwotContent {
            strengths: s.strengths,
            weaknesses: s.weaknesses,
            opportunities: s.opportunities,
            threats: s.threats,
        }
    }
}

#[derive(Default)]
pub struct MappingQuery;

#[Object]
impl MappingQuery {
    /// The forum's organisations (in a body today, or on its map) with their questionnaires.
    #[graphql(complexity = "MAPPED_COST * child_complexity")]
    async fn organisation_mappings(&self, ctx: &Context<'_>, forum_id: ID) -> ApiResult<Vec<OrganisationMapping>> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        ctx.actor()?;
        let rows = store::organisations_to_map(ctx.db(), forum_id, israel_date(ctx.now())).await?;
        Ok(rows.into_iter().map(|(o, m)| OrganisationMapping(o, m)).collect())
    }

    /// What the mapping found: target groups served and not, programmes by sector.
    async fn mapping_roll_up(&self, ctx: &Context<'_>, forum_id: ID) -> ApiResult<MappingRollUp> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        ctx.actor()?;
        let r = store::roll_up_of(ctx.db(), forum_id, israel_date(ctx.now())).await?;
        Ok(MappingRollUp {
            served: r
                .served
                .into_iter()
                .map(|(group, organisations)| ServedGroup { group: group.into(), organisations })
                .collect(),
            programmes: r
                .programmes_by_sector
                .into_iter()
                .flat_map(|(sector, list)| {
                    list.into_iter().map(move |(programme, organisation)| SectorProgramme {
                        sector: sector.into(),
                        programme,
                        organisation,
                    })
                })
                .collect(),
            sectors_unmapped: r.sectors_unmapped.into_iter().map(Into::into).collect(),
            organisations_mapped: i32::try_from(r.organisations_mapped).unwrap_or(i32::MAX),
            organisations_total: i32::try_from(r.organisations_total).unwrap_or(i32::MAX),
        })
    }

    /// Every version of the forum's SWOT, newest first.
    #[graphql(complexity = "50 * child_complexity")]
    async fn swot_versions(&self, ctx: &Context<'_>, forum_id: ID) -> ApiResult<Vec<SwotVersion>> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        ctx.actor()?;
        Ok(store::swot_versions(ctx.db(), forum_id).await?.into_iter().map(SwotVersion).collect())
    }
}

#[derive(Default)]
pub struct MappingMutation;

#[Object]
impl MappingMutation {
    /// Saves an organisation's questionnaire; `version` is null for the first save.
    async fn save_organisation_mapping(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        organisation_id: ID,
        version: Option<i32>,
        input: MappingAnswers,
    ) -> ApiResult<OrganisationMapping> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let organisation_id = parse_id(&organisation_id, "organisationId")?;
        let actor = ctx.actor()?;
        let row = store::save(ctx.db(), actor, forum_id, organisation_id, version, input.into(), ctx.now()).await?;
        let rows = store::organisations_to_map(ctx.db(), forum_id, israel_date(ctx.now())).await?;
        let organisation = rows.into_iter().map(|(o, _)| o).find(|o| o.id == organisation_id);
        organisation
            .map(|o| OrganisationMapping(o, Some(row)))
            .ok_or_else(|| workit_domain::DomainError::NotFound { entity: "organisation" }.into())
    }

    /// Saves a new version of the forum's SWOT on top of `basedOn` (0 for the first).
    async fn save_swot(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        based_on: i32,
        input: SwotContent,
        meeting_id: Option<ID>,
    ) -> ApiResult<SwotVersion> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let meeting_id = optional_id(meeting_id.as_ref(), "meetingId")?;
        let swot = Swot {
            strengths: input.strengths,
            weaknesses: input.weaknesses,
            opportunities: input.opportunities,
            threats: input.threats,
        };
        let row = store::save_swot(ctx.db(), ctx.actor()?, forum_id, based_on, swot, meeting_id, ctx.now()).await?;
        Ok(SwotVersion(row))
    }
}
