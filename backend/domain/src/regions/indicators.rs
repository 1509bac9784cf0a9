//! Town employment indicators (domain §4 stage 2 "mapping tools", §12): the aggregates the
//! Employment Service's BI and municipalities publish per town per period, and the checks an
//! imported row of them passes. Only aggregates exist here — never a person — and what is
//! shown of small counts is decided by [`super::suppression`].

use std::collections::HashSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::TownId;
use crate::import::{Column, ImportError, TableText, check_table, normalise};
use crate::plans::Quarter;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, codes};

/// One published figure of a town. All but the derived unemployment rate are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    JobSeekers,
    JobSeekersWomen,
    JobSeekersMen,
    JobSeekersAge18To30,
    JobSeekersAge31To44,
    JobSeekersAge45To59,
    JobSeekersAge60Plus,
    JobSeekersEducationBasic,
    JobSeekersEducationMatriculation,
    JobSeekersEducationPostSecondary,
    JobSeekersEducationAcademic,
    JobSeekersGroupGeneral,
    JobSeekersGroupHaredi,
    JobSeekersGroupArab,
    LabourForce,
    Unemployed,
    /// Average monthly wage of the town's employees, in shekels.
    AverageWage,
    /// The employees the average wage is averaged over.
    WageEmployees,
    Employers,
    Jobs,
    /// Unemployed over labour force, in percent: derived, never stored, so a region's rate is
    /// its unemployed over its labour force.
    UnemploymentRate,
}

text_enum!(Indicator {
    JobSeekers = "JOB_SEEKERS",
    JobSeekersWomen = "JOB_SEEKERS_WOMEN",
    JobSeekersMen = "JOB_SEEKERS_MEN",
    JobSeekersAge18To30 = "JOB_SEEKERS_AGE_18_30",
    JobSeekersAge31To44 = "JOB_SEEKERS_AGE_31_44",
    JobSeekersAge45To59 = "JOB_SEEKERS_AGE_45_59",
    JobSeekersAge60Plus = "JOB_SEEKERS_AGE_60_PLUS",
    JobSeekersEducationBasic = "JOB_SEEKERS_EDUCATION_BASIC",
    JobSeekersEducationMatriculation = "JOB_SEEKERS_EDUCATION_MATRICULATION",
    JobSeekersEducationPostSecondary = "JOB_SEEKERS_EDUCATION_POST_SECONDARY",
    JobSeekersEducationAcademic = "JOB_SEEKERS_EDUCATION_ACADEMIC",
    JobSeekersGroupGeneral = "JOB_SEEKERS_GROUP_GENERAL",
    JobSeekersGroupHaredi = "JOB_SEEKERS_GROUP_HAREDI",
    JobSeekersGroupArab = "JOB_SEEKERS_GROUP_ARAB",
    LabourForce = "LABOUR_FORCE",
    Unemployed = "UNEMPLOYED",
    AverageWage = "AVERAGE_WAGE",
    WageEmployees = "WAGE_EMPLOYEES",
    Employers = "EMPLOYERS",
    Jobs = "JOBS",
    UnemploymentRate = "UNEMPLOYMENT_RATE",
});

/// How many indicators are stored (all but the derived rate).
pub const STORED: usize = 20;

/// The breakdowns of job seekers: each group's parts sum to at most the total (BI leaves some
/// people unclassified).
pub const BREAKDOWNS: [&[Indicator]; 4] = {
    use Indicator::*;
    [
        &[JobSeekersWomen, JobSeekersMen],
        &[JobSeekersAge18To30, JobSeekersAge31To44, JobSeekersAge45To59, JobSeekersAge60Plus],
        &[
            JobSeekersEducationBasic,
            JobSeekersEducationMatriculation,
            JobSeekersEducationPostSecondary,
            JobSeekersEducationAcademic,
        ],
        &[JobSeekersGroupGeneral, JobSeekersGroupHaredi, JobSeekersGroupArab],
    ]
};

impl Indicator {
    /// The stored indicators, in column order.
    pub fn stored() -> &'static [Self] {
        &Self::ALL[..STORED]
    }

    pub fn is_stored(self) -> bool {
        self != Self::UnemploymentRate
    }

    /// A count of people: small values of it could point at someone, so they are suppressed.
    pub fn counts_people(self) -> bool {
        use Indicator::*;
        !matches!(self, AverageWage | Employers | Jobs | UnemploymentRate)
    }

    /// Whether more is better for the town (for colouring a change, not for judging it).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Self::AverageWage | Self::WageEmployees | Self::Employers | Self::Jobs | Self::LabourForce)
    }

    /// The unit a metric fed by this indicator is kept in.
    pub fn is_percent(self) -> bool {
        self == Self::UnemploymentRate
    }

    /// The headers a column of this indicator is known by: the Hebrew BI files use, then the
    /// English (which, compared without case or underscores, is also `JOB_SEEKERS` and the like).
    pub fn headers(self) -> &'static [&'static str] {
        use Indicator::*;
        match self {
            JobSeekers => &["דורשי עבודה", "job seekers"],
            JobSeekersWomen => &["דורשי עבודה נשים", "job seekers women"],
            JobSeekersMen => &["דורשי עבודה גברים", "job seekers men"],
            JobSeekersAge18To30 => &["דורשי עבודה בני 18-30", "job seekers aged 18-30"],
            JobSeekersAge31To44 => &["דורשי עבודה בני 31-44", "job seekers aged 31-44"],
            JobSeekersAge45To59 => &["דורשי עבודה בני 45-59", "job seekers aged 45-59"],
            JobSeekersAge60Plus => &["דורשי עבודה בני 60 ומעלה", "job seekers aged 60+"],
            JobSeekersEducationBasic => &["דורשי עבודה עד 12 שנות לימוד", "job seekers up to 12 years of schooling"],
            JobSeekersEducationMatriculation => &["דורשי עבודה בגרות", "job seekers with matriculation"],
            JobSeekersEducationPostSecondary => &["דורשי עבודה על תיכונית", "job seekers post-secondary"],
            JobSeekersEducationAcademic => &["דורשי עבודה אקדמאים", "job seekers academic"],
            JobSeekersGroupGeneral => &["דורשי עבודה יהודים ואחרים", "job seekers jewish and other"],
            JobSeekersGroupHaredi => &["דורשי עבודה חרדים", "job seekers haredi"],
            JobSeekersGroupArab => &["דורשי עבודה ערבים", "job seekers arab"],
            LabourForce => &["כוח עבודה", "labour force"],
            Unemployed => &["מובטלים", "unemployed"],
            AverageWage => &["שכר ממוצע", "average wage"],
            WageEmployees => &["מספר שכירים", "wage employees"],
            Employers => &["מעסיקים", "employers"],
            Jobs => &["משרות ביישוב", "jobs in town"],
            UnemploymentRate => &["שיעור אבטלה", "unemployment rate"],
        }
    }

    /// The largest value that is not a typo.
    fn largest(self) -> f64 {
        if self == Self::AverageWage { 1_000_000.0 } else { 10_000_000.0 }
    }
}

/// A month (`2026-03`, also `3/2026`) or a calendar quarter (`2026-Q1`): a table says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter(Quarter),
}

impl Period {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(quarter) = Quarter::parse(text) {
            return Some(Self::Quarter(quarter));
        }
        let (year, month) = match text.split_once(['-', '/', '.']) {
            Some((a, b)) if a.len() == 4 => (a, b),
            Some((a, b)) if b.len() == 4 => (b, a),
            _ => return None,
        };
        let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
        Quarter::new(year, 1)?;
        (1..=12).contains(&month).then_some(Self::Month { year, month })
    }

    pub fn is_month(self) -> bool {
        matches!(self, Self::Month { .. })
    }

    pub fn first_day(self) -> NaiveDate {
        match self {
            Self::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default(),
            Self::Quarter(quarter) => quarter.first_day(),
        }
    }

    pub fn last_day(self) -> NaiveDate {
        match self {
            Self::Month { year, month } => {
                let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
                NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|d| d.pred_opt()).unwrap_or_default()
            }
            Self::Quarter(quarter) => quarter.last_day(),
        }
    }

    /// The quarter the period falls in.
    pub fn quarter(self) -> Quarter {
        Quarter::of(self.first_day())
    }

    /// The month a quarter's figure is read from when only months were published: its last,
    /// since the indicators are counts at a time (job seekers at the end of the quarter).
    pub fn last_month_of(quarter: Quarter) -> Self {
        let last = quarter.last_day();
        Self::Month { year: last.year(), month: last.month() }
    }

    /// The same period a year earlier, for "change against a year earlier".
    pub fn year_earlier(self) -> Self {
        match self {
            Self::Month { year, month } => Self::Month { year: year - 1, month },
            Self::Quarter(quarter) => Self::Quarter(quarter.plus(-4)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Month { year, month } => write!(f, "{year}-{month:02}"),
            Self::Quarter(quarter) => quarter.fmt(f),
        }
    }
}

/// The stored indicators of one town in one period; `None` where nothing was published.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Values(pub [Option<f64>; STORED]);

impl Values {
    pub fn get(&self, indicator: Indicator) -> Option<f64> {
        match indicator {
            Indicator::UnemploymentRate => rate(self.get(Indicator::Unemployed)?, self.get(Indicator::LabourForce)?),
            stored => self.0[stored as usize],
        }
    }

    pub fn set(&mut self, indicator: Indicator, value: Option<f64>) {
        if indicator.is_stored() {
            self.0[indicator as usize] = value;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// A percentage of two counts, kept apart until shown so many towns roll up as sums.
pub fn rate(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part * 100.0 / whole)
}

/// The indicators the comparison of towns shows, in column order.
pub const COMPARED: [Indicator; 7] = [
    Indicator::JobSeekers,
    Indicator::JobSeekersWomen,
    Indicator::JobSeekersAge18To30,
    Indicator::UnemploymentRate,
    Indicator::AverageWage,
    Indicator::Employers,
    Indicator::Jobs,
];

/// Many towns' figures as one line: counts add up; the unemployment rate is the unemployed over
/// the labour force of the towns that published both (never a mean of rates); the average wage
/// is weighted by the employees it averages.
pub fn roll_up<'a>(towns: impl IntoIterator<Item = &'a Values>) -> Values {
    let mut line = Values::default();
    let (mut wages, mut employees_paid) = (0.0, 0.0);
    let add = |line: &mut Values, indicator: Indicator, value: f64| {
        line.set(indicator, Some(line.get(indicator).unwrap_or(0.0) + value));
    };
    for town in towns {
        for indicator in Indicator::stored() {
            match (*indicator, town.get(*indicator)) {
                (Indicator::AverageWage | Indicator::Unemployed | Indicator::LabourForce, _) | (_, None) => {}
                (indicator, Some(value)) => add(&mut line, indicator, value),
            }
        }
        if let (Some(unemployed), Some(labour_force)) =
            (town.get(Indicator::Unemployed), town.get(Indicator::LabourForce))
        {
            add(&mut line, Indicator::Unemployed, unemployed);
            add(&mut line, Indicator::LabourForce, labour_force);
        }
        if let (Some(wage), Some(employees)) = (town.get(Indicator::AverageWage), town.get(Indicator::WageEmployees)) {
            wages += wage * employees;
            employees_paid += employees;
        }
    }
    if employees_paid > 0.0 {
        line.set(Indicator::AverageWage, Some(wages / employees_paid));
    }
    line
}

/// A town rows may name: by Hebrew, English or Arabic name, or by id.
#[derive(Debug, Clone)]
pub struct ImportableTown {
    pub id: TownId,
    pub name_he: String,
    pub name_en: String,
    pub name_ar: Option<String>,
}

/// One accepted row: a town's published figures for a period (the empty cells are absent).
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub row: usize,
    pub town_id: TownId,
    pub period: Period,
    pub values: Values,
}

const TOWN: usize = 0;
const PERIOD: usize = 1;
const FIRST_INDICATOR: usize = 2;

fn columns() -> Vec<Column> {
    let mut columns = vec![
        Column::optional(&["יישוב", "רשות", "שם יישוב", "town", "town name"]),
        Column::required(&["תקופה", "חודש", "רבעון", "period", "month", "quarter"]),
    ];
    columns.extend(Indicator::stored().iter().map(|i| Column::optional(i.headers())));
    columns
}

/// Checks a table of indicators: a period column, any of the indicator columns (empty cells are
/// "not published", not zero), and a town column unless the import is for one `town`. Counts
/// are whole and not negative, parts of a breakdown never exceed their total, the unemployed
/// never exceed the labour force, and a period must have begun by `today`.
pub fn check_rows(
    table: &TableText<'_>,
    towns: &[ImportableTown],
    town: Option<TownId>,
    today: NaiveDate,
) -> Result<Vec<IndicatorRow>, Vec<ImportError>> {
    let columns = columns();
    let named =
        |h: &String| columns[FIRST_INDICATOR..].iter().any(|c| c.headers.iter().any(|k| normalise(k) == normalise(h)));
    if !table.header.iter().any(named) {
        return Err(vec![ImportError { row: 1, ..ImportError::file(codes::NO_INDICATOR_COLUMNS) }]);
    }
    let names_town = |h: &String| columns[TOWN].headers.iter().any(|k| normalise(k) == normalise(h));
    if town.is_none() && !table.header.iter().any(names_town) {
        return Err(vec![ImportError {
            row: 1,
            column: columns[TOWN].headers[0].to_owned(),
            ..ImportError::file(codes::MISSING_COLUMN)
        }]);
    }
    let mut seen = HashSet::new();
    check_table(table, &columns, |row| {
        let town_text = row.text(TOWN);
        let town_id = if town_text.is_empty() {
            if town.is_none() {
                row.problem(TOWN, FieldError::new("", codes::REQUIRED));
            }
            town
        } else {
            let found = towns.iter().find(|t| {
                normalise(&t.name_he) == normalise(&town_text)
                    || normalise(&t.name_en) == normalise(&town_text)
                    || t.name_ar.as_deref().is_some_and(|name| normalise(name) == normalise(&town_text))
                    || town_text.parse::<i64>().is_ok_and(|id| id == t.id)
            });
            match found {
                Some(found) if town.is_none_or(|t| t == found.id) => Some(found.id),
                _ => {
                    row.problem(TOWN, FieldError::new("", codes::UNKNOWN_TOWN).with("name", &town_text));
                    None
                }
            }
        };
        let period_text = row.text(PERIOD);
        let period = Period::parse(&period_text);
        match period {
            None if period_text.is_empty() => row.problem(PERIOD, FieldError::new("", codes::REQUIRED)),
            None => row.problem(PERIOD, FieldError::new("", codes::INVALID_PERIOD)),
            Some(period) if period.first_day() > today => {
                row.problem(PERIOD, FieldError::new("", codes::PERIOD_NOT_BEGUN));
            }
            Some(_) => {}
        }
        let mut values = Values::default();
        let mut readable = true;
        for (offset, indicator) in Indicator::stored().iter().enumerate() {
            let column = FIRST_INDICATOR + offset;
            match row.number(column, false) {
                None => readable = false,
                Some(None) => {}
                Some(Some(value)) => {
                    if !(0.0..=indicator.largest()).contains(&value) {
                        let error =
                            FieldError::new("", codes::OUT_OF_RANGE).with("min", 0).with("max", indicator.largest());
                        row.problem(column, error);
                    } else if *indicator != Indicator::AverageWage && value.fract() != 0.0 {
                        row.problem(column, FieldError::new("", codes::NOT_WHOLE_NUMBER));
                    }
                    values.set(*indicator, Some(value));
                }
            }
        }
        let column_of = |indicator: Indicator| FIRST_INDICATOR + indicator as usize;
        if let Some(total) = values.get(Indicator::JobSeekers) {
            for parts in BREAKDOWNS {
                let given: Vec<f64> = parts.iter().filter_map(|p| values.get(*p)).collect();
                if !given.is_empty() && given.iter().sum::<f64>() > total {
                    row.problem(column_of(parts[0]), FieldError::new("", codes::PARTS_EXCEED_TOTAL));
                }
            }
        }
        if let (Some(unemployed), Some(labour_force)) =
            (values.get(Indicator::Unemployed), values.get(Indicator::LabourForce))
            && unemployed > labour_force
        {
            row.problem(column_of(Indicator::Unemployed), FieldError::new("", codes::PARTS_EXCEED_TOTAL));
        }
        let (town_id, period) = (town_id?, period?);
        if !seen.insert((town_id, period)) {
            row.problem(PERIOD, FieldError::new("", codes::DUPLICATE_ROW));
        }
        readable.then_some(IndicatorRow { row: row.row, town_id, period, values })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn towns() -> Vec<ImportableTown> {
        vec![
            ImportableTown {
                id: 1,
                name_he: "קריית שמונה".into(),
                name_en: "Kiryat Shmona".into(),
                name_ar: Some("كريات شمونة".into()),
            },
            ImportableTown { id: 2, name_he: "שדרות".into(), name_en: "Sderot".into(), name_ar: None },
        ]
    }

    fn today() -> NaiveDate {
        "2026-12-01".parse().unwrap()
    }

    fn check(header: &[&str], rows: &[&[&str]], town: Option<TownId>) -> Result<Vec<IndicatorRow>, Vec<ImportError>> {
        let header = strings(header);
        let rows: Vec<Vec<String>> = rows.iter().map(|r| strings(r)).collect();
        check_rows(&TableText { header: &header, rows: &rows, decimal_comma: false }, &towns(), town, today())
    }

    #[test]
    fn periods_are_months_or_quarters() {
        assert_eq!(Period::parse("2026-03"), Some(Period::Month { year: 2026, month: 3 }));
        assert_eq!(Period::parse("3/2026"), Some(Period::Month { year: 2026, month: 3 }));
        assert_eq!(Period::parse("2026-Q1").map(|p| p.to_string()), Some("2026-Q1".into()));
        for bad in ["2026-13", "2026", "Q1", "1999-05", "abc"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let march = Period::parse("2026-03").unwrap();
        assert_eq!(
            (march.quarter().to_string(), march.last_day().to_string()),
            ("2026-Q1".into(), "2026-03-31".into())
        );
        assert_eq!(Period::last_month_of(Quarter::parse("2026-Q4").unwrap()).to_string(), "2026-12");
        assert_eq!(march.year_earlier().to_string(), "2025-03");
    }

    #[test]
    fn the_unemployment_rate_is_derived_from_its_counts() {
        let mut values = Values::default();
        values.set(Indicator::Unemployed, Some(450.0));
        assert_eq!(values.get(Indicator::UnemploymentRate), None);
        values.set(Indicator::LabourForce, Some(9000.0));
        assert_eq!(values.get(Indicator::UnemploymentRate), Some(5.0));
        values.set(Indicator::UnemploymentRate, Some(99.0));
        assert_eq!(values.get(Indicator::UnemploymentRate), Some(5.0), "a derived figure is never stored");
    }

    #[test]
    fn a_line_of_towns_takes_rates_from_sums_and_wages_weighted_by_employees() {
        let mut big = Values::default();
        big.set(Indicator::Unemployed, Some(900.0));
        big.set(Indicator::LabourForce, Some(10_000.0));
        big.set(Indicator::AverageWage, Some(12_000.0));
        big.set(Indicator::WageEmployees, Some(9_000.0));
        big.set(Indicator::JobSeekers, Some(1_000.0));
        let mut small = Values::default();
        small.set(Indicator::Unemployed, Some(100.0));
        small.set(Indicator::LabourForce, Some(500.0));
        small.set(Indicator::AverageWage, Some(6_000.0));
        small.set(Indicator::WageEmployees, Some(1_000.0));
        let mut partial = Values::default();
        partial.set(Indicator::Unemployed, Some(50.0));
        let line = roll_up([&big, &small, &partial]);
        // 1,000 of 10,500 — not the mean of 9% and 20%; the town without a labour force is left out.
        assert_eq!(line.get(Indicator::UnemploymentRate), Some(1_000.0 / 10_500.0 * 100.0));
        assert_eq!(line.get(Indicator::AverageWage), Some(11_400.0));
        assert_eq!(line.get(Indicator::JobSeekers), Some(1_000.0));
        assert_eq!(line.get(Indicator::Employers), None);
    }

    #[test]
    fn a_wide_table_of_towns_reads_in_hebrew_english_or_arabic() {
        let rows = check(
            &["יישוב", "תקופה", "דורשי עבודה", "דורשי עבודה - נשים", "שכר ממוצע"],
            &[
                &["קריית שמונה", "2026-Q3", "1,240", "700", "9,850.5"],
                &["Sderot", "2026-09", "880", "", ""],
                &["كريات شمونة", "2026-Q2", "1,200", "", ""],
            ],
            None,
        )
        .unwrap();
        assert_eq!((rows[2].town_id, rows[2].period.to_string()), (1, "2026-Q2".into()));
        assert_eq!(rows[0].town_id, 1);
        assert_eq!(rows[0].values.get(Indicator::JobSeekers), Some(1240.0));
        assert_eq!(rows[0].values.get(Indicator::AverageWage), Some(9850.5));
        assert_eq!((rows[1].town_id, rows[1].period.to_string()), (2, "2026-09".into()));
        assert_eq!(rows[1].values.get(Indicator::JobSeekersWomen), None, "an empty cell is not a zero");
        let english = check(&["Period", "JOB_SEEKERS", "Labour force"], &[&["2026-Q3", "10", "100"]], Some(2)).unwrap();
        assert_eq!(english[0].town_id, 2);
    }

    #[test]
    fn bad_cells_are_named_and_inconsistent_breakdowns_refused() {
        let errors = check(
            &["town", "period", "job seekers", "job seekers women", "job seekers men", "unemployed", "labour force"],
            &[
                &["Eilat", "2026-Q3", "10", "", "", "", ""],
                &["Sderot", "2027-Q1", "10.5", "", "", "", ""],
                &["Sderot", "2026-Q2", "100", "60", "50", "", ""],
                &["Sderot", "2026-Q1", "-3", "", "", "900", "800"],
                &["Sderot", "2026-Q1", "", "", "", "", ""],
                &["", "Q", "x", "", "", "", ""],
            ],
            None,
        )
        .unwrap_err();
        let found: Vec<(usize, &str, &str)> = errors.iter().map(|e| (e.row, e.column.as_str(), e.code)).collect();
        assert_eq!(
            found,
            [
                (2, "town", codes::UNKNOWN_TOWN),
                (3, "period", codes::PERIOD_NOT_BEGUN),
                (3, "job seekers", codes::NOT_WHOLE_NUMBER),
                (4, "job seekers women", codes::PARTS_EXCEED_TOTAL),
                (5, "job seekers", codes::OUT_OF_RANGE),
                (5, "unemployed", codes::PARTS_EXCEED_TOTAL),
                (6, "period", codes::DUPLICATE_ROW),
                (7, "town", codes::REQUIRED),
                (7, "period", codes::INVALID_PERIOD),
                (7, "job seekers", codes::NOT_A_NUMBER),
            ]
        );
    }

    #[test]
    fn a_file_without_indicators_or_towns_is_refused_whole() {
        let none = check(&["town", "period", "mood"], &[&["Sderot", "2026-Q1", "1"]], None).unwrap_err();
        assert_eq!(none[0].code, codes::NO_INDICATOR_COLUMNS);
        let no_town = check(&["period", "employers"], &[&["2026-Q1", "1"]], None).unwrap_err();
        assert_eq!((no_town[0].code, no_town[0].column.as_str()), (codes::MISSING_COLUMN, "יישוב"));
        let other_town = check(&["town", "period", "employers"], &[&["Sderot", "2026-Q1", "1"]], Some(1)).unwrap_err();
        assert_eq!(other_town[0].code, codes::UNKNOWN_TOWN, "an import for one town takes no other town's rows");
    }
}
