//! Limits on what one document may ask for, checked before any recursive work over it.
//!
//! async-graphql's parser and validators recurse once per level of nesting, so a 3 KB document
//! of `[[[[…` or `{a:{a:{…` overflows the stack before the depth and complexity limits run, and
//! they expand every fragment spread, so fragments that spread one another ten times each keep
//! them busy for 10^15 steps. [`DocumentLimits`] runs before all of them: it bounds the nesting
//! of the raw text, parses the document once (execution reuses it), and measures it in one
//! walk that visits each fragment once.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, Request, Response, ServerError, ServerResult, Value, Variables};

/// Brackets of any kind (`{`, `[`, `(`) open at once in a document, and levels of lists and
/// objects in its variables. The deepest query the web app or GraphiQL's introspection sends
/// nests about 20; the parser would overflow a 2 MiB stack in a debug build near 400.
pub const MAX_NESTING: usize = 64;

/// The reason of a refusal for nesting past [`MAX_NESTING`]; the HTTP layer answers it with 400.
pub const TOO_NESTED: &str = "TOO_NESTED";
pub const TOO_DEEP: &str = "TOO_DEEP";
pub const TOO_LARGE: &str = "TOO_LARGE";

pub struct DocumentLimits {
    pub max_aliases: usize,
    /// Levels of fields, not counting the schema's own (`__schema`, `__type`): introspection is
    /// switched off in production, and where it is on, GraphiQL's query nests `ofType` deeper
    /// than any data query may.
    pub max_depth: usize,
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

/// Selections (fields and fragment spreads) an operation may hold once its fragments are
/// expanded; GraphiQL's introspection query expands to a few hundred.
pub const MAX_EXPANDED_SELECTIONS: usize = 10_000;

/// What the limits need to know of an operation: its aliases, how deep its fields nest with
/// the schema's own fields (`__schema`, `__type`) left out, and how many selections it holds
/// with its fragments expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Shape {
    aliases: usize,
    depth: usize,
    selections: usize,
}

/// Past the fragment nesting the walk trusts: refused by every limit.
const TOO_MUCH: Shape = Shape { aliases: usize::MAX, depth: usize::MAX, selections: usize::MAX };

/// One walk over an operation. Each fragment is measured once however often it is spread, so
/// fragments that spread one another many times cannot make the walk exponential.
struct Walk<'a> {
    document: &'a ExecutableDocument,
    fragments: std::collections::HashMap<&'a str, Shape>,
}

impl<'a> Walk<'a> {
    fn new(document: &'a ExecutableDocument) -> Self {
        Self { document, fragments: std::collections::HashMap::new() }
    }

    fn set(&mut self, set: &'a SelectionSet, nesting: usize) -> Shape {
        let mut shape = Shape::default();
        for selection in &set.items {
            let inner = match &selection.node {
                Selection::Field(field) => {
                    let inner = self.set(&field.node.selection_set.node, nesting);
                    let counts = !field.node.name.node.starts_with("__");
                    Shape {
                        aliases: inner.aliases.saturating_add(usize::from(field.node.alias.is_some())),
                        depth: if counts { inner.depth.saturating_add(1) } else { 0 },
                        selections: inner.selections.saturating_add(1),
                    }
                }
                Selection::InlineFragment(fragment) => self.set(&fragment.node.selection_set.node, nesting),
                Selection::FragmentSpread(spread) => {
                    let inner = self.fragment(&spread.node.fragment_name.node, nesting + 1);
                    Shape { selections: inner.selections.saturating_add(1), ..inner }
                }
            };
            shape = Shape {
                aliases: shape.aliases.saturating_add(inner.aliases),
                depth: shape.depth.max(inner.depth),
                selections: shape.selections.saturating_add(inner.selections),
            };
        }
        shape
    }

    fn fragment(&mut self, name: &'a str, nesting: usize) -> Shape {
        if nesting > MAX_FRAGMENT_NESTING {
            return TOO_MUCH;
        }
        if let Some(shape) = self.fragments.get(name) {
            return *shape;
        }
        let document = self.document;
        let shape =
            document.fragments.get(name).map_or_else(Shape::default, |f| self.set(&f.node.selection_set.node, nesting));
        self.fragments.insert(name, shape);
        shape
    }
}

fn too_nested() -> ServerError {
    refusal(format!("The request nests deeper than {MAX_NESTING} levels."), TOO_NESTED)
}

impl DocumentLimits {
    /// The variables' nesting, checked on every request: a document kept parsed
    /// (`graphql::documents`) skips [`Self::check`], but each request brings its own variables.
    pub fn check_variables(request: &Request) -> ServerResult<()> {
        if variables_nesting(&request.variables, MAX_NESTING) > MAX_NESTING {
            return Err(too_nested());
        }
        Ok(())
    }

    /// Run by the HTTP layer before async-graphql parses and checks a document it has not kept:
    /// the document parsed here is the one it goes on with.
    pub fn check(&self, request: &mut Request) -> ServerResult<()> {
        if document_nesting(&request.query, MAX_NESTING) > MAX_NESTING {
            return Err(too_nested());
        }
        let document = request.parsed_query()?;
        let mut walk = Walk::new(document);
        let (mut depth, mut aliases, mut selections) = (0_usize, 0_usize, 0_usize);
        for (_, operation) in document.operations.iter() {
            let shape = walk.set(&operation.node.selection_set.node, 0);
            depth = depth.max(shape.depth);
            aliases = aliases.saturating_add(shape.aliases);
            selections = selections.saturating_add(shape.selections);
        }
        if selections > MAX_EXPANDED_SELECTIONS {
            let message =
                format!("The query holds more than {MAX_EXPANDED_SELECTIONS} selections with its fragments expanded.");
            return Err(refusal(message, TOO_LARGE));
        }
        if depth > self.max_depth {
            return Err(refusal(format!("The query nests deeper than {} levels.", self.max_depth), TOO_DEEP));
        }
        if aliases > self.max_aliases {
            return Err(refusal(format!("Too many aliases (more than {}).", self.max_aliases), "TOO_MANY_ALIASES"));
        }
        Ok(())
    }
}

/// A cap on the fields of one answer. The complexity limit judges a query by the sizes its lists
/// usually have; this counts what the lists really hold (every field and list item, as
/// async-graphql resolves them), and an answer over the cap is replaced by one clear error.
///
/// Counted on the finished answer rather than field by field as it resolves: any async-graphql
/// extension with a `resolve` hook takes every field off its fast path, which cost a third of the
/// server's time on deep reads (`docs/performance.md`). What execution may build before the count
/// is bounded by the complexity, depth, alias and page limits.
pub fn within_budget(response: Response, max_fields: usize) -> Response {
    if fields_in(&response.data, max_fields) > max_fields {
        let message = format!("The answer would be larger than {max_fields} fields; ask for less.");
        return Response::from_errors(vec![refusal(message, TOO_LARGE)]);
    }
    response
}

/// Fields and list items in `value`, counting no further than just past `limit`.
fn fields_in(value: &Value, limit: usize) -> usize {
    let mut count = 0_usize;
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        let before = pending.len();
        match value {
            Value::Object(fields) => pending.extend(fields.values()),
            Value::List(items) => pending.extend(items),
            _ => {}
        }
        count += pending.len() - before;
        if count > limit {
            break;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(query: &str) -> Shape {
        let document = async_graphql::parser::parse_query(query).unwrap();
        let mut walk = Walk::new(&document);
        let (_, operation) = document.operations.iter().next().unwrap();
        walk.set(&operation.node.selection_set.node, 0)
    }

    #[test]
    fn the_walk_counts_aliases_and_data_depth_through_fragments() {
        let shape = shape_of(
            "{ a: towns { items { ...F } } b: __schema { types { name } } } fragment F on Town { x: nameEn forum { id } }",
        );
        assert_eq!(shape, Shape { aliases: 3, depth: 4, selections: 9 });
    }

    #[test]
    fn fragments_spread_many_times_are_measured_once() {
        let mut query = String::from("{ ...F0 }");
        for level in 0..15 {
            let spreads = format!("...F{} ", level + 1).repeat(10);
            query.push_str(&format!(" fragment F{level} on Q {{ {spreads} }}"));
        }
        query.push_str(" fragment F15 on Q { a: b }");
        // 10^15 paths through the fragments; one visit each.
        let paths = 10_usize.pow(15);
        let spreads: usize = (1..=15).map(|level| 10_usize.pow(level)).sum();
        assert_eq!(shape_of(&query), Shape { aliases: paths, depth: 1, selections: paths + spreads + 1 });
    }

    #[test]
    fn fragments_nested_past_the_trusted_depth_are_too_much() {
        let mut query = String::from("{ ...F0 }");
        for level in 0..20 {
            query.push_str(&format!(" fragment F{level} on Q {{ ...F{} }}", level + 1));
        }
        assert_eq!(shape_of(&query), TOO_MUCH);
    }

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
