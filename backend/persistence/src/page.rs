/// Offset paging; a page is at most [`PageRequest::MAX_LIMIT`] rows, so no client can ask for
/// the whole table at once.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u64,
}

impl PageRequest {
    pub const MAX_LIMIT: i32 = 200;
    pub const DEFAULT_LIMIT: i32 = 50;

    /// A negative offset, or a limit outside 1..=200, is a `VALIDATION` error, not clamped.
    pub fn new(offset: Option<i32>, limit: Option<i32>) -> workit_domain::DomainResult<Self> {
        let mut v = workit_domain::validation::Validator::new();
        let (offset, limit) = v.page(offset, limit, Self::DEFAULT_LIMIT, Self::MAX_LIMIT);
        v.finish()?;
        Ok(Self { offset, limit })
    }
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
}

impl<T> Page<T> {
    pub fn has_next_page(&self) -> bool {
        self.offset + (self.items.len() as u64) < self.total
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            offset: self.offset,
            limit: self.limit,
        }
    }
}

/// Runs an already filtered and ordered query as one page, with the total count.
pub async fn fetch<E>(
    db: &crate::Database,
    query: sea_orm::Select<E>,
    page: PageRequest,
) -> crate::StoreResult<Page<E::Model>>
where
    E: sea_orm::EntityTrait,
    E::Model: Sync,
{
    use sea_orm::{PaginatorTrait, QuerySelect};
    let total = query.clone().count(db).await?;
    let items = query.offset(page.offset).limit(page.limit).all(db).await?;
    Ok(Page { items, total, offset: page.offset, limit: page.limit })
}
