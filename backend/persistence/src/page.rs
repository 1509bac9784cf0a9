/// Offset paging; a page is at most [`PageRequest::MAX_LIMIT`] rows, so no client can ask for
/// the whole table at once.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u64,
    /// Whether the whole list is counted: a statement of its own, so only when the caller
    /// shows the total (the next page is known without it).
    pub count_total: bool,
}

impl PageRequest {
    pub const MAX_LIMIT: i32 = 200;
    pub const DEFAULT_LIMIT: i32 = 50;

    /// A negative offset, or a limit outside 1..=200, is a `VALIDATION` error, not clamped.
    pub fn new(offset: Option<i32>, limit: Option<i32>) -> workit_domain::DomainResult<Self> {
        let mut v = workit_domain::validation::Validator::new();
        let (offset, limit) = v.page(offset, limit, Self::DEFAULT_LIMIT, Self::MAX_LIMIT);
        v.finish()?;
        Ok(Self { offset, limit, count_total: true })
    }

    /// The same page, counting the whole list only when `count` is set.
    pub fn counting_total(self, count: bool) -> Self {
        Self { count_total: count, ..self }
    }
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The whole list's size, when the request counted it.
    pub total: Option<u64>,
    pub has_next_page: bool,
    pub offset: u64,
    pub limit: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        self.map_items(|items| items.into_iter().map(f).collect())
    }

    /// The same page with its items replaced as a whole.
    pub fn map_items<U>(self, f: impl FnOnce(Vec<T>) -> Vec<U>) -> Page<U> {
        Page {
            items: f(self.items),
            total: self.total,
            has_next_page: self.has_next_page,
            offset: self.offset,
            limit: self.limit,
        }
    }
}

/// Runs an already filtered and ordered query as one page, with the total count when asked;
/// without it, one row more than the page tells whether a next page exists.
pub async fn fetch<E>(
    db: &crate::Database,
    query: sea_orm::Select<E>,
    page: PageRequest,
) -> crate::StoreResult<Page<E::Model>>
where
    E: sea_orm::EntityTrait,
    E::Model: Sync + crate::joined::FromColumnsAt,
{
    use crate::joined::AllByPosition;
    use sea_orm::{PaginatorTrait, QuerySelect};
    let (items, total, has_next_page) = if page.count_total {
        let total = query.clone().count(db).await?;
        let items = query.offset(page.offset).limit(page.limit).all_by_position(db).await?;
        let has_next = page.offset + (items.len() as u64) < total;
        (items, Some(total), has_next)
    } else {
        let mut items = query.offset(page.offset).limit(page.limit + 1).all_by_position(db).await?;
        let has_next = items.len() as u64 > page.limit;
        items.truncate(usize::try_from(page.limit).unwrap_or(usize::MAX));
        (items, None, has_next)
    };
    Ok(Page { items, total, has_next_page, offset: page.offset, limit: page.limit })
}
