//! The stakeholder map (domain §9, Annex 9): who matters to the forum, where each stands on
//! influence and interest, what the forum does about it, and what the forum's organisations do
//! (the mapping questionnaire and the SWOT).

pub mod engagement;
pub mod map;
pub mod mapping;
