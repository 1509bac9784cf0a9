//! Employment barriers (domain §9): per town and population group, what keeps people from work,
//! how severe, and the practices and partners that release it — linkable to a focus and to the
//! work plan's tasks.

use crate::DomainResult;
use crate::stakeholders::mapping::TargetGroup;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// The barriers the model lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BarrierKind {
    Education,
    AccessibilityTransport,
    Language,
    Ethnic,
    Gender,
    Experience,
    Age,
    Disability,
    /// Motivation, self-esteem, values.
    Personal,
}
text_enum!(BarrierKind {
    Education = "EDUCATION",
    AccessibilityTransport = "ACCESSIBILITY_TRANSPORT",
    Language = "LANGUAGE",
    Ethnic = "ETHNIC",
    Gender = "GENDER",
    Experience = "EXPERIENCE",
    Age = "AGE",
    Disability = "DISABILITY",
    Personal = "PERSONAL",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
}
text_enum!(Severity { Low = "LOW", Medium = "MEDIUM", High = "HIGH" });

/// Partners and tasks one barrier names at most.
pub const MAX_LINKS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarrierDraft {
    pub group: TargetGroup,
    pub kind: BarrierKind,
    pub severity: Severity,
    pub practices: Option<String>,
    pub partner_ids: Vec<i64>,
    pub focus_id: Option<i64>,
    pub task_ids: Vec<i64>,
}

impl BarrierDraft {
    pub fn validated(mut self) -> DomainResult<BarrierDraft> {
        let mut v = Validator::new();
        self.practices = v.optional_text("practices", self.practices.as_deref(), 4000);
        for (field, ids) in [("partnerIds", &mut self.partner_ids), ("taskIds", &mut self.task_ids)] {
            ids.sort_unstable();
            ids.dedup();
            if ids.len() > MAX_LINKS {
                v.push(FieldError::new(field, codes::LIMIT_REACHED).with("max", MAX_LINKS));
            }
        }
        v.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_kept_once_and_bounded() {
        let draft = BarrierDraft {
            group: TargetGroup::Haredim,
            kind: BarrierKind::AccessibilityTransport,
            severity: Severity::High,
            practices: Some("  הסעות לאזור התעשייה ".into()),
            partner_ids: vec![4, 2, 4],
            focus_id: None,
            task_ids: vec![],
        };
        let valid = draft.clone().validated().unwrap();
        assert_eq!(valid.partner_ids, [2, 4]);
        assert_eq!(valid.practices.as_deref(), Some("הסעות לאזור התעשייה"));
        let many = BarrierDraft { task_ids: (0..=20).collect(), ..draft };
        assert!(many.validated().is_err());
    }
}
