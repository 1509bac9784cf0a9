//! A calendar quarter (`2026-Q3`): the period metrics are measured in and the work plan is
//! planned for. A type of its own, so quarters are parsed, ordered and counted in one place and
//! never compared as strings.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::meetings::minutes::israel_date;
use crate::validation::{FIRST_DATE, LAST_DATE};

/// Ordered by time: `2025-Q4 < 2026-Q1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    number: u8,
}

impl Quarter {
    /// A quarter of the years anyone may enter (2000–2099), numbered 1–4.
    pub fn new(year: i32, number: u8) -> Option<Self> {
        ((FIRST_DATE.0..=LAST_DATE.0).contains(&year) && (1..=4).contains(&number)).then_some(Self { year, number })
    }

    /// `2026-Q3` (also `2026-q3` and `2026 Q3`, as people type it).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (year, number) = text.split_once(['-', ' '])?;
        let number = number.trim().strip_prefix(['Q', 'q'])?;
        if year.len() != 4 || number.len() != 1 {
            return None;
        }
        Self::new(year.parse().ok()?, number.parse().ok()?)
    }

    pub const fn year(self) -> i32 {
        self.year
    }

    pub const fn number(self) -> u8 {
        self.number
    }

    /// The quarter as one orderable number, `20263` for 2026-Q3 (how a column stores it).
    pub const fn code(self) -> i32 {
        self.year * 10 + self.number as i32
    }

    /// The quarter of a [`Quarter::code`].
    pub fn from_code(code: i32) -> Option<Self> {
        Self::new(code.div_euclid(10), u8::try_from(code.rem_euclid(10)).ok()?)
    }

    /// The quarter a day falls in.
    pub fn of(day: NaiveDate) -> Self {
        Self { year: day.year(), number: (day.month0() / 3 + 1) as u8 }
    }

    /// The last quarter that has ended by `now`, counting days in Israel: on 1 January 2027
    /// (Israel time) it is 2026-Q4.
    pub fn last_closed(now: DateTime<Utc>) -> Self {
        Self::of(israel_date(now)).plus(-1)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.number) * 3 - 2, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.plus(1).first_day().pred_opt().unwrap_or_default()
    }

    /// The quarter `count` quarters later (earlier when negative).
    pub fn plus(self, count: i32) -> Self {
        let index = self.index() + count;
        Self { year: index.div_euclid(4), number: (index.rem_euclid(4) + 1) as u8 }
    }

    /// How many quarters from `self` to `later` (negative when `later` is earlier).
    pub fn quarters_until(self, later: Self) -> i32 {
        later.index() - self.index()
    }

    fn index(self) -> i32 {
        self.year * 4 + i32::from(self.number) - 1
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_code_orders_like_its_quarter_and_reads_back() {
        let q3 = Quarter::new(2026, 3).unwrap();
        assert_eq!(q3.code(), 20263);
        assert_eq!(Quarter::from_code(20263), Some(q3));
        assert!(Quarter::new(2025, 4).unwrap().code() < Quarter::new(2026, 1).unwrap().code());
        assert_eq!(Quarter::from_code(20265), None);
        assert_eq!(Quarter::from_code(-3), None);
    }

    fn q(text: &str) -> Quarter {
        Quarter::parse(text).unwrap()
    }

    #[test]
    fn quarters_parse_as_people_type_them_and_print_one_way() {
        assert_eq!(q("2026-Q3").to_string(), "2026-Q3");
        assert_eq!(q(" 2026 q3 "), q("2026-Q3"));
        for bad in ["2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-3", "1999-Q4", "2100-Q1", "", "2026-Q10"] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn quarters_order_and_count_across_years() {
        assert!(q("2025-Q4") < q("2026-Q1"));
        assert_eq!(q("2025-Q4").plus(1), q("2026-Q1"));
        assert_eq!(q("2026-Q1").plus(-1), q("2025-Q4"));
        assert_eq!(q("2026-Q2").plus(10), q("2028-Q4"));
        assert_eq!(q("2024-Q3").quarters_until(q("2026-Q1")), 6);
        assert_eq!(q("2026-Q1").quarters_until(q("2024-Q3")), -6);
    }

    #[test]
    fn a_quarter_knows_its_days() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Quarter::of(day(2026, 9, 30)), q("2026-Q3"));
        assert_eq!(Quarter::of(day(2026, 10, 1)), q("2026-Q4"));
        assert_eq!(q("2026-Q1").first_day(), day(2026, 1, 1));
        assert_eq!(q("2026-Q1").last_day(), day(2026, 3, 31));
        assert_eq!(q("2024-Q4").last_day(), day(2024, 12, 31));
    }

    #[test]
    fn the_last_closed_quarter_turns_at_midnight_in_israel() {
        // 31 Dec 2026, 22:30 UTC is already 1 Jan 2027 in Israel (UTC+2): 2026-Q4 has closed.
        let new_year_in_israel = Utc.with_ymd_and_hms(2026, 12, 31, 22, 30, 0).unwrap();
        assert_eq!(Quarter::last_closed(new_year_in_israel), q("2026-Q4"));
        let still_december = Utc.with_ymd_and_hms(2026, 12, 31, 21, 30, 0).unwrap();
        assert_eq!(Quarter::last_closed(still_december), q("2026-Q3"));
    }
}
