//! Plain values of the domain: periods and dates, French number formats,
//! the small Markdown of governance texts.

pub mod format;
pub mod markdown;
pub mod period;
