/// Offset paging; the limit is clamped so no client can ask for the whole table at once.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u64,
}

impl PageRequest {
    pub const MAX_LIMIT: u64 = 200;
    pub const DEFAULT_LIMIT: u64 = 50;

    pub fn new(offset: Option<i64>, limit: Option<i64>) -> Self {
        let offset = offset.and_then(|o| u64::try_from(o).ok()).unwrap_or(0);
        let limit = limit.and_then(|l| u64::try_from(l).ok()).unwrap_or(Self::DEFAULT_LIMIT).clamp(1, Self::MAX_LIMIT);
        Self { offset, limit }
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
