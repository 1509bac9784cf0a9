//! A cap on aliased fields per operation. Depth and complexity limits do not see aliases, and
//! a query that repeats one field under many aliases (`__typename` included) multiplies work.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, ServerError, ServerResult, Variables};

pub struct AliasLimit {
    pub max_aliases: usize,
}

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimitExtension { max_aliases: self.max_aliases })
    }
}

struct AliasLimitExtension {
    max_aliases: usize,
}

/// Fragments may spread fragments; parsing happens before validation rejects cycles, so the
/// walk stops at this depth instead of trusting the document.
const MAX_FRAGMENT_NESTING: usize = 16;

fn count_aliases(document: &ExecutableDocument, set: &SelectionSet, nesting: usize, budget: usize) -> usize {
    let mut count = 0;
    for selection in &set.items {
        if count > budget {
            break;
        }
        count += match &selection.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some())
                    + count_aliases(document, &field.node.selection_set.node, nesting, budget)
            }
            Selection::InlineFragment(fragment) => {
                count_aliases(document, &fragment.node.selection_set.node, nesting, budget)
            }
            Selection::FragmentSpread(spread) if nesting < MAX_FRAGMENT_NESTING => document
                .fragments
                .get(&spread.node.fragment_name.node)
                .map_or(0, |fragment| count_aliases(document, &fragment.node.selection_set.node, nesting + 1, budget)),
            Selection::FragmentSpread(_) => budget + 1,
        };
    }
    count
}

#[async_graphql::async_trait::async_trait]
impl Extension for AliasLimitExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let aliases: usize = document
            .operations
            .iter()
            .map(|(_, operation)| count_aliases(&document, &operation.node.selection_set.node, 0, self.max_aliases))
            .sum();
        if aliases > self.max_aliases {
            let mut error = ServerError::new(format!("Too many aliases (more than {}).", self.max_aliases), None);
            let mut extensions = ErrorExtensionValues::default();
            extensions.set("code", "VALIDATION");
            extensions.set("reason", "TOO_MANY_ALIASES");
            error.extensions = Some(extensions);
            return Err(error);
        }
        Ok(document)
    }
}
