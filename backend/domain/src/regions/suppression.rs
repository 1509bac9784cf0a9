//! Privacy of small counts (model §11: share aggregates, never what exposes people). A count of
//! people below the threshold is shown as "<10" to anyone outside its town, and complementary
//! suppression hides enough other cells of the same view that it cannot be derived back — from
//! a total and the other parts, from a region's line and the other towns, or through a chain of
//! such sums. [`suppress`] decides on any cells bound by sums; [`protect_towns`] builds the cells
//! of a view of towns, their breakdowns and lines.
//!
//! Exact intervals are not protected: a viewer may still bound a hidden cell between zero and a
//! total, as with any published table.

use super::indicators::{BREAKDOWNS, Indicator, Values};

/// Counts below this (and above zero) are not shown to outsiders, unless configured otherwise.
pub const DEFAULT_THRESHOLD: f64 = 10.0;

/// One figure of a view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub value: f64,
    /// A count of people (small ones are protected).
    pub sensitive: bool,
    /// The viewer knows it anyway: their own town's figure. Never protected, never hidden.
    pub known: bool,
    /// Not shown in this view, but bound by a sum that is: another town's figure inside a
    /// region's line, the job seekers no breakdown classifies.
    pub hidden: bool,
}

/// Cells whose values are bound by one sum (a total and its parts; which is which does not matter
/// to what can be derived).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation(pub Vec<usize>);

/// Why a shown cell carries no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Below the threshold: shown as "<10".
    Small,
    /// Hidden so that a small cell cannot be derived from it.
    Complementary,
}

pub fn is_small(value: f64, threshold: f64) -> bool {
    value > 0.0 && value < threshold
}

/// Which cells to withhold: the small sensitive ones the viewer does not know, and as few others
/// as it takes (the smallest of a sum first) so that no sum has a single unknown cell that is
/// protected — repeated until no chain of sums reveals one.
pub fn suppress(cells: &[Cell], relations: &[Relation], threshold: f64) -> Vec<Option<Hidden>> {
    let mut protected: Vec<bool> =
        cells.iter().map(|c| c.sensitive && !c.known && is_small(c.value, threshold)).collect();
    let mut hidden: Vec<Option<Hidden>> =
        cells.iter().zip(&protected).map(|(c, p)| (*p && !c.hidden).then_some(Hidden::Small)).collect();
    // Each round suppresses a cell or gives up on one that cannot be protected: it ends.
    for _ in 0..=2 * cells.len() {
        let (leaks, derived_by) = derivable(cells, relations, &hidden, &protected);
        if leaks.is_empty() {
            break;
        }
        for leak in leaks {
            let mut visited = Vec::new();
            if !complement(leak, cells, relations, &derived_by, &mut hidden, &mut visited) {
                // Everything else in its sums is known to the viewer (their own figures): it is
                // theirs to derive, and withholding more would protect nothing.
                protected[leak] = false;
            }
        }
    }
    hidden.iter().zip(cells).map(|(h, c)| if c.hidden { None } else { *h }).collect()
}

/// What the viewer can work out: the protected cells that become derivable, and for each derived
/// cell the sum it was derived from.
fn derivable(
    cells: &[Cell],
    relations: &[Relation],
    hidden: &[Option<Hidden>],
    protected: &[bool],
) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut unknown: Vec<bool> = cells.iter().zip(hidden).map(|(c, h)| !c.known && (c.hidden || h.is_some())).collect();
    let mut derived_by = vec![None; cells.len()];
    let mut leaks = Vec::new();
    let mut progress = true;
    while progress {
        progress = false;
        for (index, relation) in relations.iter().enumerate() {
            let mut unknowns = relation.0.iter().filter(|c| unknown[**c]);
            if let (Some(&only), None) = (unknowns.next(), unknowns.next()) {
                unknown[only] = false;
                derived_by[only] = Some(index);
                progress = true;
                if protected[only] {
                    leaks.push(only);
                }
            }
        }
    }
    (leaks, derived_by)
}

/// Withholds one more cell of the sum that reveals `cell` (the smallest shown one), or, when all
/// of that sum is derived, of a sum one of them was derived from. False when nothing can be.
fn complement(
    cell: usize,
    cells: &[Cell],
    relations: &[Relation],
    derived_by: &[Option<usize>],
    hidden: &mut [Option<Hidden>],
    visited: &mut Vec<usize>,
) -> bool {
    let Some(relation) = derived_by[cell] else { return false };
    if visited.contains(&relation) {
        return false;
    }
    visited.push(relation);
    let members = &relations[relation].0;
    let candidate = members
        .iter()
        .copied()
        .filter(|&c| c != cell && !cells[c].known && !cells[c].hidden && hidden[c].is_none())
        .min_by(|&a, &b| {
            let key = |c: usize| (cells[c].value <= 0.0, cells[c].value);
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b))
        });
    if let Some(candidate) = candidate {
        hidden[candidate] = Some(Hidden::Complementary);
        return true;
    }
    members.iter().any(|&c| c != cell && complement(c, cells, relations, derived_by, hidden, visited))
}

/// A town in a view: its figures, whether its row is shown, and whether it is the viewer's own.
#[derive(Debug, Clone, Copy)]
pub struct TownInView<'a> {
    pub values: &'a Values,
    pub shown: bool,
    pub own: bool,
}

/// What a view of towns withholds: per town (in input order) and per line, for each shown
/// indicator, `None` (shown) or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    pub towns: Vec<Vec<Option<Hidden>>>,
    pub lines: Vec<Vec<Option<Hidden>>>,
}

/// Protects a view that shows `indicators` for the shown towns and for `lines` (each the sum of
/// some towns, e.g. a region's and the country's). Every town of every line must be given, shown
/// or not: the line binds them all. The unemployment rate is withheld with the unemployed, and
/// the average wage with the employees it averages.
pub fn protect_towns(
    towns: &[TownInView<'_>],
    lines: &[Vec<usize>],
    indicators: &[Indicator],
    threshold: f64,
) -> Protection {
    let base = |indicator: Indicator| match indicator {
        Indicator::UnemploymentRate => Indicator::Unemployed,
        Indicator::AverageWage => Indicator::WageEmployees,
        other => other,
    };
    // The counts the view depends on: the shown ones, those rates and wages stand for, and the
    // breakdowns either belongs to.
    let mut counts: Vec<Indicator> = Vec::new();
    for indicator in indicators.iter().map(|i| base(*i)).filter(|i| i.counts_people()) {
        let breakdown =
            BREAKDOWNS.iter().find(|parts| parts.contains(&indicator) || indicator == Indicator::JobSeekers);
        let related: Vec<Indicator> = match breakdown {
            Some(_) if indicator == Indicator::JobSeekers => {
                BREAKDOWNS.iter().flat_map(|p| p.iter().copied()).collect()
            }
            Some(parts) => parts.to_vec(),
            None => Vec::new(),
        };
        for i in std::iter::once(indicator).chain(related).chain(breakdown.map(|_| Indicator::JobSeekers)) {
            if !counts.contains(&i) {
                counts.push(i);
            }
        }
    }
    let shown_count = |i: Indicator| indicators.iter().any(|s| base(*s) == i);
    let mut cells = Vec::new();
    let mut relations = Vec::new();
    let mut at = vec![vec![None; counts.len()]; towns.len()];
    for (t, town) in towns.iter().enumerate() {
        for (k, indicator) in counts.iter().enumerate() {
            if let Some(value) = town.values.get(*indicator) {
                at[t][k] = Some(cells.len());
                cells.push(Cell {
                    value,
                    sensitive: true,
                    known: town.own,
                    hidden: !town.shown || !shown_count(*indicator),
                });
            }
        }
        let index = |i: Indicator| counts.iter().position(|c| *c == i).and_then(|k| at[t][k]);
        let Some(total) = index(Indicator::JobSeekers) else { continue };
        for parts in BREAKDOWNS {
            let members: Option<Vec<usize>> = parts.iter().map(|p| index(*p)).collect();
            let Some(mut members) = members else { continue };
            let unclassified = cells[total].value - members.iter().map(|m| cells[*m].value).sum::<f64>();
            if unclassified > 0.0 {
                members.push(cells.len());
                cells.push(Cell { value: unclassified, sensitive: true, known: town.own, hidden: true });
            }
            members.push(total);
            relations.push(Relation(members));
        }
    }
    let mut line_at = vec![vec![None; counts.len()]; lines.len()];
    for (l, members) in lines.iter().enumerate() {
        for (k, _) in counts.iter().enumerate() {
            let parts: Vec<usize> = members.iter().filter_map(|t| at.get(*t).and_then(|row| row[k])).collect();
            if parts.is_empty() {
                continue;
            }
            let value = parts.iter().map(|p| cells[*p].value).sum();
            line_at[l][k] = Some(cells.len());
            cells.push(Cell { value, sensitive: true, known: false, hidden: !shown_count(counts[k]) });
            relations.push(Relation(parts.into_iter().chain([cells.len() - 1]).collect()));
        }
    }
    let withheld = suppress(&cells, &relations, threshold);
    let decide = |row: &[Option<usize>], shown_row: bool| -> Vec<Option<Hidden>> {
        indicators
            .iter()
            .map(|indicator| {
                let k = counts.iter().position(|c| *c == base(*indicator))?;
                let cell = row[k]?;
                if !shown_row {
                    return None;
                }
                // A hidden base (employees behind a wage) still withholds what stands for it.
                let small = is_small(cells[cell].value, threshold) && !cells[cell].known;
                withheld[cell].or((small && base(*indicator) != *indicator).then_some(Hidden::Small))
            })
            .collect()
    };
    Protection {
        towns: towns.iter().zip(&at).map(|(town, row)| decide(row, town.shown)).collect(),
        lines: line_at.iter().map(|row| decide(row, true)).collect(),
    }
}

/// A figure as one viewer may see it: its value, or why it is withheld.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    pub value: Option<f64>,
    pub hidden: Option<Hidden>,
}

impl Shown {
    pub fn new(value: Option<f64>, hidden: Option<Hidden>) -> Self {
        Self { value: if hidden.is_some() { None } else { value }, hidden }
    }
}

/// One town's periods as a viewer outside it may see them: each period protected on its own
/// (its breakdowns bind its cells), every indicator in [`Indicator::ALL`] order.
pub fn protect_periods(periods: &[Values], own: bool, threshold: f64) -> Vec<Vec<Shown>> {
    periods
        .iter()
        .map(|values| {
            let town = [TownInView { values, shown: true, own }];
            let protection = protect_towns(&town, &[], Indicator::ALL, threshold);
            Indicator::ALL
                .iter()
                .zip(&protection.towns[0])
                .map(|(i, hidden)| Shown::new(values.get(*i), *hidden))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(value: f64) -> Cell {
        Cell { value, sensitive: true, known: false, hidden: false }
    }

    fn hidden(value: f64) -> Cell {
        Cell { hidden: true, ..shown(value) }
    }

    fn own(value: f64) -> Cell {
        Cell { known: true, ..shown(value) }
    }

    fn withheld(cells: &[Cell], relations: &[&[usize]]) -> Vec<usize> {
        let relations: Vec<Relation> = relations.iter().map(|r| Relation(r.to_vec())).collect();
        suppress(cells, &relations, DEFAULT_THRESHOLD)
            .iter()
            .enumerate()
            .filter(|(_, h)| h.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn a_small_count_alone_is_withheld_and_large_or_zero_ones_are_not() {
        let cells = [shown(3.0), shown(10.0), shown(0.0), Cell { sensitive: false, ..shown(2.0) }];
        let result = suppress(&cells, &[], DEFAULT_THRESHOLD);
        assert_eq!(result, [Some(Hidden::Small), None, None, None]);
    }

    #[test]
    fn a_small_part_of_a_shown_total_takes_the_smallest_other_part_with_it() {
        // total 120 = 3 + 40 + 77: hiding 3 alone lets 120 - 40 - 77 reveal it.
        let cells = [shown(120.0), shown(3.0), shown(77.0), shown(40.0)];
        assert_eq!(withheld(&cells, &[&[0, 1, 2, 3]]), [1, 3]);
        let result = suppress(&cells, &[Relation(vec![0, 1, 2, 3])], DEFAULT_THRESHOLD);
        assert_eq!((result[1], result[3]), (Some(Hidden::Small), Some(Hidden::Complementary)));
    }

    #[test]
    fn a_small_hidden_part_is_protected_even_though_it_is_never_shown() {
        // Women 95 shown, men 4 not shown, total 99 shown: 99 - 95 would reveal the men.
        let cells = [shown(99.0), shown(95.0), hidden(4.0)];
        assert_eq!(withheld(&cells, &[&[0, 1, 2]]), [1]);
    }

    #[test]
    fn a_complement_that_exposes_its_column_takes_another_with_it() {
        // Two towns × two parts with row totals and column (region) totals:
        //        a    b   | row
        // t1     4   50   | 54
        // t2    30   60   | 90
        // col   34  110   | 144
        // Hiding 4 alone: row t1 gives it back (54 - 50). Hiding 50 too: column a gives it
        // (34 - 30). Only a cycle of four hidden cells (4, 50, 30, 60) leaves every sum with two
        // unknowns, so no chain of sums solves for the 4.
        let cells = [
            shown(4.0),
            shown(50.0),
            shown(54.0),
            shown(30.0),
            shown(60.0),
            shown(90.0),
            shown(34.0),
            shown(110.0),
            shown(144.0),
        ];
        let relations: &[&[usize]] = &[&[0, 1, 2], &[3, 4, 5], &[0, 3, 6], &[1, 4, 7], &[2, 5, 8], &[6, 7, 8]];
        let hidden = withheld(&cells, relations);
        for cycle in [0, 1, 3, 4] {
            assert!(hidden.contains(&cycle), "{cycle} in {hidden:?}");
        }
    }

    #[test]
    fn a_chain_of_sums_through_a_hidden_cell_is_closed() {
        // Sum A: 200 = 5 + h (h hidden, 195); sum B: h = 150 + 45 (both shown). Hiding 5 alone:
        // B gives h, then A gives 5. Something of B (or A's total) must go too.
        let cells = [shown(200.0), shown(5.0), hidden(195.0), shown(150.0), shown(45.0)];
        let hidden = withheld(&cells, &[&[0, 1, 2], &[2, 3, 4]]);
        assert!(hidden.contains(&1) && hidden.len() >= 2, "{hidden:?}");
        assert!(hidden.contains(&0) || hidden.contains(&3) || hidden.contains(&4));
    }

    #[test]
    fn a_town_user_sees_their_own_figures_but_not_the_rest_of_the_region_through_its_line() {
        // Own town 120 (known), the region's two other towns 3 + 4 hidden, region line 127.
        let cells = [own(120.0), hidden(3.0), hidden(4.0), shown(127.0)];
        assert_eq!(withheld(&cells, &[&[0, 1, 2, 3]]), Vec::<usize>::new(), "two hidden towns protect each other");
        let cells = [own(120.0), hidden(7.0), shown(127.0)];
        assert_eq!(withheld(&cells, &[&[0, 1, 2]]), [2], "one small neighbour: the region's line is withheld");
        let cells = [own(5.0), shown(9000.0)];
        assert_eq!(withheld(&cells, &[]), Vec::<usize>::new(), "own small figures are shown to their town");
    }

    fn values(pairs: &[(Indicator, f64)]) -> Values {
        let mut v = Values::default();
        pairs.iter().for_each(|(i, x)| v.set(*i, Some(*x)));
        v
    }

    #[test]
    fn a_view_of_towns_protects_breakdowns_lines_and_what_stands_for_small_counts() {
        use Indicator::*;
        let north = values(&[
            (JobSeekers, 400.0),
            (JobSeekersWomen, 230.0),
            (JobSeekersMen, 170.0),
            (Unemployed, 6.0),
            (LabourForce, 900.0),
            (AverageWage, 9000.0),
            (WageEmployees, 8.0),
        ]);
        let small = values(&[
            (JobSeekers, 60.0),
            (JobSeekersWomen, 52.0),
            (JobSeekersMen, 8.0),
            (Unemployed, 40.0),
            (LabourForce, 800.0),
        ]);
        let other = values(&[(JobSeekers, 90.0), (JobSeekersWomen, 50.0), (JobSeekersMen, 40.0)]);
        let towns = [
            TownInView { values: &north, shown: true, own: false },
            TownInView { values: &small, shown: true, own: false },
            TownInView { values: &other, shown: true, own: false },
        ];
        let shown = [JobSeekers, JobSeekersWomen, UnemploymentRate, AverageWage];
        let protection = protect_towns(&towns, &[vec![0, 1, 2]], &shown, DEFAULT_THRESHOLD);
        // North: rate stands for 6 unemployed, the wage for 8 employees.
        assert_eq!(protection.towns[0], [None, None, Some(Hidden::Small), Some(Hidden::Small)]);
        // The small town's 8 men are not shown, but 60 - 52 would give them, and the women's
        // line (332 - 230 - 50) would give the 52 back: the small town's women and the other
        // town's women go, and the total with them. What is left solves for nothing: women 51 and
        // 51 with men 9 and 39 fit every shown figure as well as 52, 50, 8 and 40 do. Its rate
        // goes too: with the region's 46 unemployed it would give the north's 6 back.
        assert_eq!(
            protection.towns[1],
            [Some(Hidden::Complementary), Some(Hidden::Complementary), Some(Hidden::Complementary), None]
        );
        assert_eq!(protection.towns[2], [None, Some(Hidden::Complementary), None, None]);
        // The region's wage averages 8 employees: withheld; its rate (46 of 1,700) is not.
        assert_eq!(protection.lines[0], [None, None, None, Some(Hidden::Small)]);
        let own = [
            TownInView { own: true, ..towns[1] },
            TownInView { shown: false, ..towns[0] },
            TownInView { shown: false, ..towns[2] },
        ];
        let protection = protect_towns(&own, &[vec![0, 1, 2]], &shown, DEFAULT_THRESHOLD);
        assert_eq!(protection.towns[0], [None, None, None, None], "a town sees its own figures");
        assert_eq!(protection.towns[1], [None, None, None, None], "rows not shown carry nothing to withhold");
    }

    #[test]
    fn a_towns_own_periods_are_exact_for_it_and_protected_for_others() {
        use Indicator::*;
        let period = values(&[
            (JobSeekers, 300.0),
            (JobSeekersGroupArab, 4.0),
            (JobSeekersGroupGeneral, 290.0),
            (JobSeekersGroupHaredi, 6.0),
        ]);
        let at = |i: Indicator| Indicator::ALL.iter().position(|x| *x == i).unwrap();
        let outside = &protect_periods(&[period], false, DEFAULT_THRESHOLD)[0];
        assert_eq!(outside[at(JobSeekersGroupArab)], Shown { value: None, hidden: Some(Hidden::Small) });
        assert_eq!(outside[at(JobSeekersGroupHaredi)].hidden, Some(Hidden::Small));
        assert_eq!(outside[at(JobSeekers)].value, Some(300.0), "two small groups protect each other");
        assert_eq!(outside[at(Employers)], Shown { value: None, hidden: None }, "not published");
        let inside = &protect_periods(&[period], true, DEFAULT_THRESHOLD)[0];
        assert_eq!(inside[at(JobSeekersGroupArab)].value, Some(4.0));
    }
}
