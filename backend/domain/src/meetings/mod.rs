//! Meetings of a forum's bodies (domain §8): every meeting has a goal, a course, a method and a
//! product; it moves through clear states; its agenda is timed against its duration.

pub mod attendance;
pub mod decisions;
pub mod history;
pub mod minutes;
pub mod notifications;
pub mod plan;
pub mod status;
pub mod templates;

pub use attendance::*;
pub use decisions::*;
pub use plan::*;
pub use status::*;
pub use templates::*;

/// What one meeting holds at most (docs/permissions.md, "Limits"): enforced on write, and the
/// sizes the GraphQL complexity limit counts these lists at.
pub const MAX_AGENDA_ITEMS: usize = 50;
pub const MAX_INVITEES: usize = 300;
pub const MAX_DECISIONS: usize = 100;
/// The first minutes and four corrections.
pub const MAX_MINUTES_VERSIONS: usize = 5;
pub const MAX_COMMENTS_PER_SECTION: usize = 30;
