//! Errors of the domain layer.
//!
//! Every failure a user can cause (a bad file, a link to another document, an
//! update of something that was deleted meanwhile) is an [`Error`] with a
//! [`ErrorKind`] the UI can match on, and a French message it can show as is.
//! Nothing in `model` panics on user input.

use thiserror::Error as ThisError;

/// What went wrong, for code that needs to react differently to each case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The bytes are not an Automerge document (garbage, truncated, empty).
    NotAutomerge,
    /// An Automerge document, but not one written by Gouvernail.
    NotGouvernail,
    /// A Gouvernail document written by a newer version we cannot read.
    UnsupportedSchema { found: u64, supported: u64 },
    /// Merging two documents that do not share a genesis.
    DifferentDocument,
    /// A command of one document kind sent to a document of another kind.
    WrongKind,
    /// The entity to update or delete does not exist (any more).
    NotFound { what: &'static str, id: String },
    /// A field holds a value the domain refuses (empty name, bad period…).
    Invalid(String),
    /// The document's content does not match the schema.
    Corrupt(String),
}

#[derive(Debug, Clone, PartialEq, Eq, ThisError)]
#[error("{message}")]
pub struct Error {
    pub kind: ErrorKind,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        let message = match &kind {
            ErrorKind::NotAutomerge => {
                "Ce fichier n'est pas un document Gouvernail lisible (fichier abîmé, tronqué ou d'un autre format).".to_string()
            }
            ErrorKind::NotGouvernail => {
                "Ce document ne provient pas de Gouvernail : il ne contient pas d'en-tête reconnu.".to_string()
            }
            ErrorKind::UnsupportedSchema { found, supported } => format!(
                "Ce document a été écrit par une version plus récente de Gouvernail (schéma {found}, cette version lit jusqu'au schéma {supported}). Mettez l'application à jour."
            ),
            ErrorKind::DifferentDocument => {
                "Ces deux documents n'ont pas la même origine : impossible de les fusionner.".to_string()
            }
            ErrorKind::WrongKind => {
                "Cette opération ne s'applique pas à ce type de document.".to_string()
            }
            ErrorKind::NotFound { what, id } => {
                format!("{what} introuvable (identifiant {id}) : il a peut-être été supprimé entre-temps.")
            }
            ErrorKind::Invalid(why) => why.clone(),
            ErrorKind::Corrupt(why) => format!("Document incohérent : {why}"),
        };
        Error { kind, message }
    }

    pub fn invalid(why: impl Into<String>) -> Self {
        Error::new(ErrorKind::Invalid(why.into()))
    }

    pub fn not_found(what: &'static str, id: &str) -> Self {
        Error::new(ErrorKind::NotFound { what, id: id.to_string() })
    }

    pub fn corrupt(why: impl std::fmt::Display) -> Self {
        Error::new(ErrorKind::Corrupt(why.to_string()))
    }

    /// The French sentence to show the user.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<autosurgeon::ReconcileError> for Error {
    fn from(e: autosurgeon::ReconcileError) -> Self {
        Error::corrupt(e)
    }
}

impl From<autosurgeon::HydrateError> for Error {
    fn from(e: autosurgeon::HydrateError) -> Self {
        Error::corrupt(e)
    }
}

impl From<automerge::AutomergeError> for Error {
    fn from(e: automerge::AutomergeError) -> Self {
        Error::corrupt(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
