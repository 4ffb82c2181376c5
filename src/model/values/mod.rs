//! Plain values of the domain: periods and dates, French number formats,
//! the small Markdown of governance texts, text folded for comparison.

pub mod format;
pub mod markdown;
pub mod period;
pub mod text;
