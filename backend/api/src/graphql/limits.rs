//! Limits on what one document may ask for, checked before any recursive work over it.
//!
//! async-graphql's parser and validators recurse once per level of nesting, so a 3 KB document
//! of `[[[[…` or `{a:{a:{…` overflows the stack before the depth and complexity limits run.
//! [`DocumentLimits`] bounds the nesting of the raw text first, then counts aliases, which the
//! depth and complexity limits do not see.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextResolve, ResolveInfo,
};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, Response, ServerError, ServerResult, Value, Variables};

/// Brackets of any kind (`{`, `[`, `(`) open at once in a document, and levels of lists and
/// objects in its variables. The deepest query the web app or GraphiQL's introspection sends
/// nests about 20; the parser would overflow a 2 MiB stack in a debug build near 400.
pub const MAX_NESTING: usize = 64;

pub struct DocumentLimits {
    pub max_aliases: usize,
    /// Levels of fields, not counting the schema's own (`__schema`, `__type`): introspection is
    /// switched off in production, and where it is on, GraphiQL's query nests `ofType` deeper
    /// than any data query may.
    pub max_depth: usize,
}

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DocumentLimitsExtension { max_aliases: self.max_aliases, max_depth: self.max_depth })
    }
}

struct DocumentLimitsExtension {
    max_aliases: usize,
    max_depth: usize,
}

/// The deepest bracket nesting of a GraphQL document, stopping as soon as it passes `limit`.
/// Strings, block strings and comments are skipped so brackets inside them do not count;
/// unbalanced closing brackets are left for the parser to report.
pub fn document_nesting(document: &str, limit: usize) -> usize {
    let bytes = document.as_bytes();
    let (mut depth, mut deepest, mut i) = (0_usize, 0_usize, 0_usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") { 4 } else { 1 };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > limit {
                    return deepest;
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// The deepest nesting of lists and objects in variables, walked without recursion.
pub fn variables_nesting(variables: &Variables, limit: usize) -> usize {
    let mut stack: Vec<(&Value, usize)> = variables.values().map(|value| (value, 1)).collect();
    let mut deepest = 0;
    while let Some((value, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > limit {
            return deepest;
        }
        match value {
            Value::List(items) => stack.extend(items.iter().map(|item| (item, depth + 1))),
            Value::Object(fields) => stack.extend(fields.values().map(|field| (field, depth + 1))),
            _ => {}
        }
    }
    deepest
}

fn refusal(message: String, reason: &str) -> ServerError {
    let mut error = ServerError::new(message, None);
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", "VALIDATION");
    extensions.set("reason", reason);
    error.extensions = Some(extensions);
    error
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

/// How deep the fields of `set` nest, introspection fields left out; fragment spreads nested
/// past [`MAX_FRAGMENT_NESTING`] count as too deep.
fn data_depth(document: &ExecutableDocument, set: &SelectionSet, nesting: usize, too_deep: usize) -> usize {
    set.items
        .iter()
        .map(|selection| match &selection.node {
            Selection::Field(field) if field.node.name.node.starts_with("__") => 0,
            Selection::Field(field) => 1 + data_depth(document, &field.node.selection_set.node, nesting, too_deep),
            Selection::InlineFragment(fragment) => {
                data_depth(document, &fragment.node.selection_set.node, nesting, too_deep)
            }
            Selection::FragmentSpread(spread) if nesting < MAX_FRAGMENT_NESTING => document
                .fragments
                .get(&spread.node.fragment_name.node)
                .map_or(0, |fragment| data_depth(document, &fragment.node.selection_set.node, nesting + 1, too_deep)),
            Selection::FragmentSpread(_) => too_deep,
        })
        .max()
        .unwrap_or(0)
}

#[async_graphql::async_trait::async_trait]
impl Extension for DocumentLimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if document_nesting(query, MAX_NESTING) > MAX_NESTING || variables_nesting(variables, MAX_NESTING) > MAX_NESTING
        {
            return Err(refusal(format!("The request nests deeper than {MAX_NESTING} levels."), "TOO_DEEP"));
        }
        let document = next.run(ctx, query, variables).await?;
        let too_deep = self.max_depth + 1;
        let depth = document
            .operations
            .iter()
            .map(|(_, operation)| data_depth(&document, &operation.node.selection_set.node, 0, too_deep))
            .max()
            .unwrap_or(0);
        if depth > self.max_depth {
            return Err(refusal(format!("The query nests deeper than {} levels.", self.max_depth), "TOO_DEEP"));
        }
        let aliases: usize = document
            .operations
            .iter()
            .map(|(_, operation)| count_aliases(&document, &operation.node.selection_set.node, 0, self.max_aliases))
            .sum();
        if aliases > self.max_aliases {
            return Err(refusal(format!("Too many aliases (more than {}).", self.max_aliases), "TOO_MANY_ALIASES"));
        }
        Ok(document)
    }
}

/// A cap on the fields one answer resolves. The complexity limit judges a query by the sizes
/// its lists usually have; this counts what the lists really hold, so no query, however it
/// fans out over aliases and nested lists, makes the server build more than this.
pub struct ResponseBudget {
    pub max_fields: usize,
}

impl ExtensionFactory for ResponseBudget {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ResponseBudgetExtension { max_fields: self.max_fields, resolved: AtomicUsize::new(0) })
    }
}

struct ResponseBudgetExtension {
    max_fields: usize,
    resolved: AtomicUsize,
}

#[async_graphql::async_trait::async_trait]
impl Extension for ResponseBudgetExtension {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        if self.resolved.load(Ordering::Relaxed) > self.max_fields {
            // One clear error instead of a partial answer with an error per field left out.
            let message = format!("The answer would be larger than {} fields; ask for less.", self.max_fields);
            return Response::from_errors(vec![refusal(message, "TOO_LARGE")]);
        }
        response
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if self.resolved.fetch_add(1, Ordering::Relaxed) >= self.max_fields {
            // Fails the field fast; `execute` replaces the whole answer with one error.
            return Err(ServerError::new("over the response budget", None));
        }
        next.run(ctx, info).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_every_kind_of_bracket() {
        assert_eq!(document_nesting("{ a }", 64), 1);
        assert_eq!(document_nesting("query($a: [[Int]] = [[1]]) { f(x: {y: [1]}) { g } }", 64), 4);
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        assert_eq!(document_nesting(r#"{ f(s: "[[[[\"{{") }"#, 64), 2);
        assert_eq!(document_nesting("{ f(s: \"\"\"[[[ \\\"\"\" {{{\"\"\") }", 64), 2);
        assert_eq!(document_nesting("# {{{{{{\n{ a }", 64), 1);
    }

    #[test]
    fn nesting_stops_counting_past_the_limit() {
        let deep = "[".repeat(100_000);
        assert_eq!(document_nesting(&deep, 64), 65);
    }

    #[test]
    fn unbalanced_or_unterminated_input_does_not_panic() {
        for input in ["}}}}", "\"unterminated", "\"\"\"unterminated", "\"\\", "#", "\"\"\"\\\"\"\""] {
            document_nesting(input, 64);
        }
    }

    #[test]
    fn variables_nesting_is_walked_without_recursion() {
        let mut value = Value::Null;
        for _ in 0..1_000 {
            value = Value::List(vec![value]);
        }
        let variables = Variables::from_value(Value::Object([(async_graphql::Name::new("a"), value)].into()));
        assert_eq!(variables_nesting(&variables, 64), 65);
    }
}
