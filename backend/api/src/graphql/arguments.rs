//! What resolvers read from their arguments and answer for lists: row ids from GraphQL `ID`s,
//! and pages with their size (the complexity limit counts a page at its size).

use async_graphql::{Context, ID, OutputType, SimpleObject};
use workit_domain::DomainError;
use workit_domain::validation::codes;
use workit_persistence::{Page, PageRequest};

use crate::error::ApiResult;

/// Parses a GraphQL `ID` argument into a row id, naming the argument when it is malformed.
pub fn parse_id(id: &ID, field: &str) -> ApiResult<i64> {
    id.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| DomainError::validation(field, codes::INVALID_ID).into())
}

/// The same for an optional argument.
pub fn optional_id(id: Option<&ID>, field: &str) -> ApiResult<Option<i64>> {
    id.map(|id| parse_id(id, field)).transpose()
}

/// One page of a list, with where it is in the whole.
#[derive(SimpleObject)]
#[graphql(
    concrete(name = "TownPage", params(super::towns::Town)),
    concrete(name = "OrganisationPage", params(super::directory::Organisation)),
    concrete(name = "PersonPage", params(super::directory::PersonObject)),
    concrete(name = "AccountPage", params(super::accounts::manage::Account)),
    concrete(name = "MeetingPage", params(super::meetings::Meeting)),
    concrete(name = "DecisionPage", params(super::meetings::decisions::Decision))
)]
pub struct PageOf<T: OutputType> {
    items: Vec<T>,
    total_count: u64,
    offset: u64,
    limit: u64,
    has_next_page: bool,
}

/// A page of rows as a page of GraphQL objects.
pub fn page<M, T: OutputType>(page: Page<M>, wrap: impl FnMut(M) -> T) -> PageOf<T> {
    let page = page.map(wrap);
    // The total is counted whenever the query selects it (`page_request`); otherwise it is never
    // sent, and what the page shows is its lower bound.
    let total_count = page.total.unwrap_or(page.offset + page.items.len() as u64 + u64::from(page.has_next_page));
    PageOf { total_count, offset: page.offset, limit: page.limit, has_next_page: page.has_next_page, items: page.items }
}

/// The page `offset` and `limit` ask for, counting the whole list only when the query selects
/// `totalCount` — a statement of its own.
pub fn page_request(ctx: &Context<'_>, offset: Option<i32>, limit: Option<i32>) -> ApiResult<PageRequest> {
    Ok(PageRequest::new(offset, limit)?.counting_total(ctx.look_ahead().field("totalCount").exists()))
}

/// A paged list costs its page size times what each item selects.
/// A limit out of range costs the largest page; the resolver then refuses it.
pub fn page_cost(limit: Option<i32>, child_complexity: usize) -> usize {
    let page = limit.unwrap_or(PageRequest::DEFAULT_LIMIT).clamp(1, PageRequest::MAX_LIMIT);
    usize::try_from(page).unwrap_or(usize::MAX).saturating_mul(child_complexity).saturating_add(1)
}
