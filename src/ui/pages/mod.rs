//! One module per screen.

pub mod about;
pub mod backup;
pub mod create_workspace;
pub mod home;
pub mod not_found;
pub mod workspace;
