//! Queries the server has run cleanly before, kept parsed.
//!
//! The web app sends the same documents over and over, and async-graphql parses and
//! validates each one anew: for a small dashboard that was an eighth of the server's time
//! (`docs/performance.md`). A document that once ran with no error is kept, parsed, in a bounded
//! LRU; the next request with the same text takes the parsed copy and runs on a copy of the
//! schema in async-graphql's fast validation mode, which skips the rules a document cannot fail
//! twice (unknown fields, arguments, fragments, variable positions) and keeps those that depend on
//! the request's variables (complexity and depth). The executor checks the variables' values
//! itself, as it does for every request. Apollo Server and graphql-java keep the same cache.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use async_graphql::{Request, Response, ServerResult, ValidationMode};
use lru::LruCache;

use super::limits::DocumentLimits;
use super::{WorkitSchema, build_schema_with};
use crate::config::ApiConfig;

/// Documents kept at most; the web app has about 140 different ones.
const CAPACITY: NonZeroUsize = NonZeroUsize::new(256).unwrap();
/// Longer texts are not kept, so that the cache's memory stays bounded (the web app's documents
/// are at most a few kilobytes).
const MAX_KEPT_BYTES: usize = 8 * 1024;

/// Runs GraphQL requests: new documents through every check, known ones from the cache.
#[derive(Clone)]
pub struct Executor {
    checked: WorkitSchema,
    known: WorkitSchema,
    documents: Arc<Mutex<LruCache<String, Arc<ExecutableDocument>>>>,
}

/// A request ready to run on `schema`, and its document to keep if it runs cleanly.
pub struct Prepared {
    pub request: Request,
    pub schema: WorkitSchema,
    pub new_document: Option<NewDocument>,
    /// The document holds a mutation: what the server keeps of signed-in accounts is dropped
    /// once it has run (ADR 0019).
    pub writes: bool,
}

/// A document seen for the first time, with the text it was parsed from.
pub struct NewDocument {
    query: String,
    document: ExecutableDocument,
}

impl Executor {
    pub fn new(config: &ApiConfig) -> Self {
        // Building a schema's registry is most of the server's start (7–13 ms each on this
        // machine); the two are built side by side.
        let (checked, known) = std::thread::scope(|scope| {
            let fast = scope.spawn(|| build_schema_with(config, ValidationMode::Fast));
            let checked = build_schema_with(config, ValidationMode::Strict);
            (checked, fast.join().unwrap_or_else(|_| build_schema_with(config, ValidationMode::Fast)))
        });
        Self { checked, known, documents: Arc::new(Mutex::new(LruCache::new(CAPACITY))) }
    }

    /// Gives `request` its parsed document: the kept one, or one parsed and checked against
    /// `limits` now. The variables are checked either way.
    pub fn prepare(&self, mut request: Request, limits: &DocumentLimits) -> ServerResult<Prepared> {
        DocumentLimits::check_variables(&request)?;
        let kept = self.documents.lock().unwrap_or_else(PoisonError::into_inner).get(request.query.as_str()).cloned();
        if let Some(document) = kept {
            request.set_parsed_query(ExecutableDocument::clone(&document));
            let writes = has_mutation(&document);
            return Ok(Prepared { request, schema: self.known.clone(), new_document: None, writes });
        }
        limits.check(&mut request)?;
        // A document with several operations is run one operation at a time and is not kept:
        // the rules would have been checked for the operation that ran.
        let short = request.query.len() <= MAX_KEPT_BYTES;
        let parsed = request.parsed_query().ok();
        let writes = parsed.is_some_and(has_mutation);
        let document =
            parsed.filter(|document| short && matches!(document.operations, DocumentOperations::Single(_))).cloned();
        let new_document = document.map(|document| NewDocument { query: request.query.clone(), document });
        Ok(Prepared { request, schema: self.checked.clone(), new_document, writes })
    }

    /// Keeps `new` once its request has answered `response`. Only a document that passed every
    /// rule and ran without an error is kept: an error may come from a rule the fast mode skips.
    pub fn remember(&self, new: Option<NewDocument>, response: &Response) {
        if let Some(NewDocument { query, document }) = new
            && response.errors.is_empty()
        {
            self.documents.lock().unwrap_or_else(PoisonError::into_inner).put(query, Arc::new(document));
        }
    }
}

fn has_mutation(document: &ExecutableDocument) -> bool {
    document.operations.iter().any(|(_, operation)| operation.node.ty == OperationType::Mutation)
}

#[cfg(test)]
mod tests {
    use async_graphql::{ServerError, Value};

    use super::*;

    const LIMITS: DocumentLimits = DocumentLimits { max_aliases: 10, max_depth: 10 };

    fn is_new(executor: &Executor, query: &str) -> bool {
        executor.prepare(Request::new(query), &LIMITS).expect("within the limits").new_document.is_some()
    }

    #[test]
    fn a_document_is_kept_only_after_it_ran_without_an_error() {
        let executor = Executor::new(&ApiConfig::with_secret(Vec::new()));
        let clean = executor.prepare(Request::new("{ __typename }"), &LIMITS).unwrap();
        executor.remember(clean.new_document, &Response::new(Value::Null));
        assert!(!is_new(&executor, "{ __typename }"));

        let failed = executor.prepare(Request::new("{ a: __typename }"), &LIMITS).unwrap();
        executor.remember(failed.new_document, &Response::from_errors(vec![ServerError::new("refused", None)]));
        assert!(is_new(&executor, "{ a: __typename }"));
    }

    #[test]
    fn documents_with_several_operations_or_long_texts_are_not_kept() {
        let executor = Executor::new(&ApiConfig::with_secret(Vec::new()));
        assert!(!is_new(&executor, "query A { __typename } query B { __typename }"));
        let long = format!("{{ __typename }}{}", " ".repeat(MAX_KEPT_BYTES));
        assert!(!is_new(&executor, &long));
    }

    #[test]
    fn a_document_with_a_mutation_writes_whether_it_is_new_or_kept() {
        let executor = Executor::new(&ApiConfig::with_secret(Vec::new()));
        let writes = |query: &str| executor.prepare(Request::new(query), &LIMITS).unwrap().writes;
        assert!(!writes("{ __typename }"));
        assert!(writes("mutation { __typename }"));
        assert!(writes("query A { __typename } mutation B { __typename }"));
        let kept = executor.prepare(Request::new("mutation { __typename }"), &LIMITS).unwrap();
        executor.remember(kept.new_document, &Response::new(Value::Null));
        assert!(!is_new(&executor, "mutation { __typename }"));
        assert!(writes("mutation { __typename }"));
    }
}
