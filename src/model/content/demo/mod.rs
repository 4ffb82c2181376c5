//! The demonstration data (« Découvrir avec des données de démonstration »):
//! a fictional intercommunality and three member communes, built with the
//! same commands as user edits.

pub mod builder;
pub mod commune;
pub mod documents;
pub mod epci;
pub mod random;
pub mod realistic;

pub use documents::{demo_documents, synthetic_intercommunality};
pub use random::XorShift32;
