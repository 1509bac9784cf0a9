//! The API layer's error and its explicit mapping to GraphQL errors with stable codes.
//!
//! `ApiError` deliberately does not implement `Display`: async-graphql converts any `Display`
//! type into an error with its text and no code, which would leak internal messages. Messages
//! are worded per locale later, in the HTTP handler (see `i18n`), from the code and details.

use async_graphql::{ErrorExtensionValues, Value};
use workit_domain::{AuthFailure, DomainError, FieldError};
use workit_persistence::StoreError;

#[derive(Clone)]
pub struct ApiError(DomainError);

pub type ApiResult<T> = Result<T, ApiError>;

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        Self(error)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Domain(domain) => Self(domain),
            StoreError::Database(db) => Self(DomainError::Internal(db.to_string())),
        }
    }
}

impl From<AuthFailure> for ApiError {
    fn from(failure: AuthFailure) -> Self {
        Self(DomainError::Unauthenticated(failure))
    }
}

fn field_value(field: &FieldError) -> Value {
    let params = field.params.iter().map(|(k, v)| (async_graphql::Name::new(*k), Value::from(v.as_str()))).collect();
    Value::Object(
        [
            (async_graphql::Name::new("field"), Value::from(field.field.as_str())),
            (async_graphql::Name::new("code"), Value::from(field.code)),
            (async_graphql::Name::new("params"), Value::Object(params)),
        ]
        .into_iter()
        .collect(),
    )
}

impl From<ApiError> for async_graphql::Error {
    fn from(ApiError(error): ApiError) -> Self {
        let code = error.code().as_str();
        let mut extensions = ErrorExtensionValues::default();
        extensions.set("code", code);
        match &error {
            DomainError::Unauthenticated(failure) => {
                extensions.set("reason", failure.reason());
                if let AuthFailure::RateLimited { retry_after_secs } = failure {
                    extensions.set("retryAfter", *retry_after_secs);
                }
            }
            DomainError::NotFound { entity } => extensions.set("entity", *entity),
            DomainError::Validation(fields) => {
                extensions.set("fields", Value::List(fields.iter().map(field_value).collect()));
            }
            DomainError::Conflict { entity, current_version, field } => {
                extensions.set("entity", *entity);
                if let Some(version) = current_version {
                    extensions.set("currentVersion", *version);
                }
                if let Some(field) = field {
                    extensions.set("fields", Value::List(vec![field_value(field)]));
                }
            }
            DomainError::Internal(detail) => {
                // The detail stays in the log, correlated by the request id of the current span.
                tracing::error!(error = %detail, "internal error");
            }
            DomainError::Forbidden => {}
        }
        async_graphql::Error { message: code.to_owned(), source: None, extensions: Some(extensions) }
    }
}
