//! The GraphQL schema, one module per feature noun, each thin over the persistence layer.

mod accounts;
pub(crate) mod arguments;
mod barriers;
mod context;
mod directory;
pub mod documents;
mod enums;
mod forums;
mod lifecycle;
pub(crate) mod limits;
pub mod loaders;
mod meetings;
mod participation;
pub(crate) mod plans;
mod regions;
pub(crate) mod stakeholders;
mod surveys;
mod towns;

use async_graphql::{EmptySubscription, MergedObject, Schema, ValidationMode};

pub(crate) use arguments::page_cost;
pub use context::{Caller, ContextExt, RequestContext};

use crate::config::ApiConfig;

#[derive(MergedObject, Default)]
pub struct QueryRoot(
    accounts::AccountQuery,
    accounts::manage::AccountAdminQuery,
    regions::RegionQuery,
    regions::comparison::ComparisonQuery,
    towns::TownQuery,
    forums::ForumQuery,
    directory::DirectoryQuery,
    meetings::MeetingQuery,
    meetings::templates::TemplateQuery,
    meetings::outbox::OutboxQuery,
    meetings::decisions::DecisionQuery,
    plans::focuses::FocusQuery,
    stakeholders::StakeholderQuery,
    surveys::SurveyQuery,
    barriers::BarrierQuery,
    participation::ParticipationQuery,
    stakeholders::mapping::MappingQuery,
    plans::metrics::MetricQuery,
);

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    accounts::AccountMutation,
    accounts::manage::AccountAdminMutation,
    regions::RegionMutation,
    towns::TownMutation,
    forums::ForumMutation,
    lifecycle::LifecycleMutation,
    directory::DirectoryMutation,
    meetings::MeetingMutation,
    meetings::templates::TemplateMutation,
    meetings::attendance::AttendanceMutation,
    meetings::minutes::MinutesMutation,
    meetings::decisions::DecisionMutation,
    plans::focuses::FocusMutation,
    stakeholders::StakeholderMutation,
    surveys::SurveyMutation,
    barriers::BarrierMutation,
    participation::ParticipationMutation,
    stakeholders::mapping::MappingMutation,
    plans::metrics::MetricMutation,
    plans::tasks::TaskMutation,
    plans::control::ControlMutation,
    plans::proposals::PlanChangeMutation,
    plans::year::YearSummaryMutation,
);

/// Typical sizes of nested lists, so the complexity limit sees what a query really costs.
pub(crate) const BODIES_PER_FORUM: usize = 6;
pub(crate) const MEMBERS_PER_BODY: usize = 20;

pub type WorkitSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

pub fn build_schema(config: &ApiConfig) -> WorkitSchema {
    build_schema_with(config, ValidationMode::Strict)
}

/// The schema with `validation`: strict for documents seen for the first time, fast for those
/// that passed it before (see [`documents`]).
fn build_schema_with(config: &ApiConfig, validation: ValidationMode) -> WorkitSchema {
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .validation_mode(validation)
        .limit_complexity(config.max_complexity)
        .limit_recursive_depth(32)
        .limit_directives(10);
    if !config.introspection {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the schema as `workit schema` prints it and `docs/schema.graphql` stores it.
pub fn sdl() -> String {
    build_schema(&ApiConfig::with_secret(Vec::new())).sdl()
}
