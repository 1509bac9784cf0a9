//! The storage boundary for the domain's text enums: a column of type `Stored<T>` reads and
//! writes `T`'s text, and a row whose text names no value fails to load with a clear error
//! instead of every caller parsing (or mis-parsing) the string itself.

use std::ops::Deref;

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, StringLen, Value, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable};
use workit_domain::TextEnum;

/// A domain enum in a text column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stored<T>(pub T);

impl<T> Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: TextEnum> From<T> for Stored<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T: TextEnum> PartialEq<T> for Stored<T> {
    fn eq(&self, other: &T) -> bool {
        self.0 == *other
    }
}

impl<T: TextEnum> From<Stored<T>> for Value {
    fn from(value: Stored<T>) -> Self {
        Value::String(Some(value.0.as_str().to_owned()))
    }
}

impl<T: TextEnum> Nullable for Stored<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

impl<T: TextEnum> ValueType for Stored<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        match value {
            Value::String(Some(text)) => T::parse(&text).map(Self).ok_or(ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        T::NAME.to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::String(StringLen::None)
    }
}

impl<T: TextEnum> TryGetable for Stored<T> {
    fn try_get_by<I: ColIdx>(row: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(row, index)?;
        T::parse(&text)
            .map(Self)
            .ok_or_else(|| TryGetError::DbErr(DbErr::Type(format!("stored {} {text:?} names no value", T::NAME))))
    }
}

/// Text read back from JSON (`joined::json_rows`) names a value as a column's text does.
impl<'de, T: TextEnum> serde::Deserialize<'de> for Stored<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        T::parse(&text)
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom(format!("stored {} {text:?} names no value", T::NAME)))
    }
}

impl<T: TextEnum> std::fmt::Display for Stored<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use workit_domain::plans::measures::MetricUnit;

    use super::Stored;

    #[test]
    fn text_read_back_from_json_names_its_value_or_fails_saying_which_type() {
        let unit: Stored<MetricUnit> = serde_json::from_str("\"PERCENT\"").unwrap_or(Stored(MetricUnit::Count));
        assert_eq!(unit, MetricUnit::Percent);
        let error = serde_json::from_str::<Stored<MetricUnit>>("\"PERCENTS\"").err().map(|e| e.to_string());
        assert!(
            error.is_some_and(|e| e.contains("PERCENTS") && e.contains(<MetricUnit as workit_domain::TextEnum>::NAME))
        );
    }
}
