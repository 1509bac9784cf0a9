//! What a round of employer answers adds up to: open positions by occupation and industry, the
//! hiring horizon, training needs, and who wants to be contacted. Outside the town, counts of
//! employers below the privacy threshold are withheld as in the regional comparison.

use std::collections::BTreeMap;

use super::{HiringHorizon, Industry, InternalTraining, RemoteWork, SurveyAnswers, TrainingNeed};
use crate::regions::suppression::{Cell, Hidden, Relation, suppress};

/// Employers per answer of one question; `unanswered` makes the parts add up to the responses.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution<T> {
    pub counts: Vec<(T, Count)>,
    pub unanswered: Count,
}

/// A count of employers as a viewer may see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Count {
    pub value: Option<u32>,
    pub hidden: Option<Hidden>,
}

impl Count {
    fn shown(value: u32) -> Self {
        Self { value: Some(value), hidden: None }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OccupationLine {
    pub occupation: String,
    pub code: Option<String>,
    pub positions: u32,
    pub employers: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveySummary {
    pub responses: u32,
    pub open_positions: u32,
    pub by_occupation: Vec<OccupationLine>,
    pub industries: Distribution<Industry>,
    /// Open positions per industry (industries with answers only).
    pub industry_positions: Vec<(Industry, u32)>,
    pub horizons: Distribution<HiringHorizon>,
    pub training_needs: Distribution<TrainingNeed>,
    pub remote_work: Distribution<RemoteWork>,
    pub internal_training: Distribution<InternalTraining>,
    pub wants_hiring_help: u32,
    pub wants_contact: u32,
    pub wants_community: u32,
    /// Mean satisfaction of those in contact with the service, 1–5.
    pub satisfaction: Option<f64>,
}

fn distribution<T: Copy + Ord>(
    all: &[T],
    answers: &[&SurveyAnswers],
    pick: impl Fn(&SurveyAnswers) -> Option<T>,
) -> Distribution<T> {
    let mut counts: BTreeMap<T, u32> = all.iter().map(|v| (*v, 0)).collect();
    let mut unanswered = 0;
    for a in answers {
        match pick(a) {
            Some(v) => *counts.entry(v).or_default() += 1,
            None => unanswered += 1,
        }
    }
    Distribution {
        counts: counts.into_iter().map(|(k, v)| (k, Count::shown(v))).collect(),
        unanswered: Count::shown(unanswered),
    }
}

/// The round's figures, exact (for the town's own roles).
pub fn summarise(answers: &[&SurveyAnswers]) -> SurveySummary {
    let mut occupations: BTreeMap<(String, Option<String>), (u32, u32)> = BTreeMap::new();
    for a in answers {
        for p in &a.open_positions {
            let line = occupations.entry((p.occupation.trim().to_owned(), p.code.clone())).or_default();
            line.0 = line.0.saturating_add(p.count);
            line.1 += 1;
        }
    }
    let mut by_occupation: Vec<OccupationLine> = occupations
        .into_iter()
        .map(|((occupation, code), (positions, employers))| OccupationLine { occupation, code, positions, employers })
        .collect();
    by_occupation.sort_by(|a, b| b.positions.cmp(&a.positions).then_with(|| a.occupation.cmp(&b.occupation)));
    let mut industry_positions: BTreeMap<Industry, u32> = BTreeMap::new();
    for a in answers {
        if let Some(industry) = a.industry {
            let total = industry_positions.entry(industry).or_default();
            *total = total.saturating_add(a.open_position_count());
        }
    }
    let rated: Vec<f64> = answers.iter().filter_map(|a| a.satisfaction).map(f64::from).collect();
    let count =
        |f: &dyn Fn(&SurveyAnswers) -> bool| u32::try_from(answers.iter().filter(|a| f(a)).count()).unwrap_or(u32::MAX);
    SurveySummary {
        responses: u32::try_from(answers.len()).unwrap_or(u32::MAX),
        open_positions: answers.iter().map(|a| a.open_position_count()).fold(0, u32::saturating_add),
        by_occupation,
        industries: distribution(Industry::ALL, answers, |a| a.industry),
        industry_positions: industry_positions.into_iter().collect(),
        horizons: distribution(HiringHorizon::ALL, answers, |a| a.hiring_horizon),
        training_needs: distribution(TrainingNeed::ALL, answers, |a| a.training_need),
        remote_work: distribution(RemoteWork::ALL, answers, |a| a.remote_work),
        internal_training: distribution(InternalTraining::ALL, answers, |a| a.internal_training),
        wants_hiring_help: count(&|a| a.wants_hiring_help),
        wants_contact: count(&|a| a.wants_contact),
        wants_community: count(&|a| a.wants_community),
        satisfaction: (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64),
    }
}

fn protect<T: Copy>(d: &mut Distribution<T>, total: u32, threshold: f64) {
    // The parts and the unanswered add up to the responses, which the view shows.
    let mut cells: Vec<Cell> = d
        .counts
        .iter()
        .map(|(_, c)| c.value.unwrap_or(0))
        .chain([d.unanswered.value.unwrap_or(0), total])
        .map(|v| Cell { value: f64::from(v), sensitive: true, known: false, hidden: false })
        .collect();
    if let Some(last) = cells.last_mut() {
        last.sensitive = false;
    }
    let relation = Relation((0..cells.len()).collect());
    let hidden = suppress(&cells, &[relation], threshold);
    let n = d.counts.len();
    for (index, h) in hidden.into_iter().enumerate() {
        let Some(h) = h else { continue };
        let target = if index < n {
            &mut d.counts[index].1
        } else if index == n {
            &mut d.unanswered
        } else {
            continue;
        };
        *target = Count { value: None, hidden: Some(h) };
    }
}

/// The summary as someone outside the town sees it (a coordinator's region across its towns):
/// counts of employers below the threshold withheld with what would give them back; occupations
/// offered by fewer employers than the threshold folded away, the positions total kept.
pub fn protected(mut summary: SurveySummary, threshold: f64) -> SurveySummary {
    let total = summary.responses;
    protect(&mut summary.industries, total, threshold);
    protect(&mut summary.horizons, total, threshold);
    protect(&mut summary.training_needs, total, threshold);
    protect(&mut summary.remote_work, total, threshold);
    protect(&mut summary.internal_training, total, threshold);
    summary.by_occupation.retain(|line| f64::from(line.employers) >= threshold);
    // An industry's positions would point at its few employers where their count is withheld.
    let shown: Vec<Industry> =
        summary.industries.counts.iter().filter(|(_, c)| c.value.is_some()).map(|(i, _)| *i).collect();
    summary.industry_positions.retain(|(industry, _)| shown.contains(industry));
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::OpenPosition;

    fn answer(industry: Industry, horizon: HiringHorizon, positions: &[(&str, u32)]) -> SurveyAnswers {
        SurveyAnswers {
            company: "x".into(),
            industry: Some(industry),
            hiring_horizon: Some(horizon),
            has_open_positions: !positions.is_empty(),
            open_positions: positions
                .iter()
                .map(|(o, c)| OpenPosition { occupation: (*o).into(), code: None, count: *c })
                .collect(),
            in_contact_with_service: true,
            satisfaction: Some(4),
            wants_contact: true,
            ..Default::default()
        }
    }

    fn value<T: PartialEq + Copy>(d: &Distribution<T>, key: T) -> Count {
        d.counts.iter().find(|(k, _)| *k == key).map(|(_, c)| *c).unwrap()
    }

    #[test]
    fn a_round_adds_up_positions_by_occupation_and_employers_by_answer() {
        let a = answer(Industry::C, HiringHorizon::OneToTwoMonths, &[("אופה", 3), ("נהג", 1)]);
        let b = answer(Industry::C, HiringHorizon::None, &[("אופה", 2)]);
        let c = SurveyAnswers { industry: None, ..answer(Industry::G, HiringHorizon::None, &[]) };
        let s = summarise(&[&a, &b, &c]);
        assert_eq!((s.responses, s.open_positions), (3, 6));
        assert_eq!(
            s.by_occupation[0],
            OccupationLine { occupation: "אופה".into(), code: None, positions: 5, employers: 2 }
        );
        assert_eq!(value(&s.industries, Industry::C).value, Some(2));
        assert_eq!(s.industries.unanswered.value, Some(1));
        assert_eq!(value(&s.horizons, HiringHorizon::None).value, Some(2));
        assert_eq!(s.satisfaction, Some(4.0));
        assert_eq!(s.industry_positions, [(Industry::C, 6)]);
    }

    #[test]
    fn outside_the_town_small_counts_and_what_gives_them_back_are_withheld() {
        let mut answers: Vec<SurveyAnswers> =
            (0..30).map(|_| answer(Industry::C, HiringHorizon::None, &[("אופה", 1)])).collect();
        answers.push(answer(Industry::J, HiringHorizon::OneToTwoMonths, &[("מתכנת", 4)]));
        let refs: Vec<&SurveyAnswers> = answers.iter().collect();
        let s = protected(summarise(&refs), 10.0);
        assert_eq!(value(&s.industries, Industry::J).hidden, Some(Hidden::Small));
        // 31 responses = 30 in C + 1 in J: C must go too, or J is 31 − 30.
        assert_eq!(value(&s.industries, Industry::C).value, None);
        assert_eq!(value(&s.industries, Industry::A).value, Some(0), "zeros are not small");
        assert!(s.by_occupation.iter().all(|l| l.occupation != "מתכנת"), "one employer's occupation is folded away");
        assert_eq!(s.open_positions, 34);
        assert!(s.industry_positions.is_empty(), "both industries' counts are withheld, so are their positions");
    }
}
