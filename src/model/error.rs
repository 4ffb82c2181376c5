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
    /// The relay's address cannot be used (not `wss://…`, no host…).
    RelayAddress(String),
    /// A relay document id (a link, a message) that is not bs58check of 16 bytes.
    RelayDocumentId,
    /// The relay refused the access key (HTTP 401 or 403 on the upgrade).
    RelayKeyRefused,
    /// The relay cannot be reached (down, wrong address, no network).
    RelayUnreachable,
    /// The relay speaks another protocol version, or said so in an `error` message.
    RelayIncompatible(String),
    /// The relay does not have the document asked for (unknown id).
    RelayUnavailable,
    /// The relay sent a message or changes that cannot be read (what, in words).
    RelayProtocol(&'static str),
    /// The relay sent, under the id asked for, a document carrying another id.
    RelayWrongDocument,
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
            ErrorKind::RelayAddress(why) => format!("Adresse du relais invalide : {why}."),
            ErrorKind::RelayDocumentId => {
                "Cet identifiant de document n'est pas valide pour le relais (lien incomplet ou modifié ?).".to_string()
            }
            ErrorKind::RelayKeyRefused => {
                "Le relais a refusé la clé d'accès. Vérifiez la clé donnée par l'administrateur du relais.".to_string()
            }
            ErrorKind::RelayUnreachable => {
                "Le relais est injoignable. Vos modifications restent sur cet appareil et partiront à la reconnexion.".to_string()
            }
            ErrorKind::RelayIncompatible(why) => {
                format!("Ce relais ne parle pas la même version du protocole de synchronisation ({why}).")
            }
            ErrorKind::RelayUnavailable => {
                "Ce document n'est pas sur le relais : personne ne l'y a encore envoyé, ou l'identifiant est erroné.".to_string()
            }
            ErrorKind::RelayProtocol(what) => {
                format!("Le relais a envoyé un message illisible ({what}) : il a été ignoré, rien n'a changé ici.")
            }
            ErrorKind::RelayWrongDocument => {
                "Le document reçu du relais ne correspond pas à l'identifiant demandé : il a été refusé, rien n'a changé ici.".to_string()
            }
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
