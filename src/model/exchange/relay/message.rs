//! The messages of automerge-repo's network protocol "1" that Gouvernail
//! takes part in, and how they are written: one CBOR map with text keys a
//! WebSocket binary frame, `data` as a CBOR byte string. The relay's own
//! encoder (cbor-x) writes the same maps with other length heads and key
//! orders; `decode` reads both.

use minicbor::encode::{Error as EncodeError, Write};
use minicbor::Encoder;
use std::convert::Infallible;

/// The only protocol version there is.
pub const PROTOCOL_VERSION: &str = "1";

/// A message about one document: `request`, `sync`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMessage {
    /// The relay id (bs58check), unchecked as received.
    pub document_id: String,
    pub sender_id: String,
    pub target_id: String,
    /// An Automerge sync message.
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Client → relay, first thing on a new socket.
    Join {
        sender_id: String,
        /// Set by a client that keeps documents across sessions: the relay
        /// then keeps its sync state with that client between connections.
        storage_id: Option<String>,
        protocol_versions: Vec<String>,
    },
    /// Relay → client: the handshake succeeded; `sender_id` is the relay's peer id.
    Peer { sender_id: String, target_id: Option<String>, protocol_version: Option<String> },
    /// Relay → client, before it closes the socket (an unsupported protocol version).
    Error { message: String },
    /// "I want this document; tell me if you don't have it."
    Request(DocumentMessage),
    /// The next step of Automerge's sync protocol for one document.
    Sync(DocumentMessage),
    /// "I do not have this document" (answer to a `request`).
    DocUnavailable { document_id: String, sender_id: String, target_id: String },
    /// A message we do not take part in (`ephemeral`, `remote-*`, `leave`,
    /// an unknown type): read far enough to be skipped, and ignored.
    Ignored { kind: String },
}

impl Message {
    /// The bytes of one WebSocket binary frame.
    pub fn encode(&self) -> Vec<u8> {
        let mut encoder = Encoder::new(Vec::new());
        // Writing into a Vec cannot fail: the only error would be the writer's.
        let _ = self.write(&mut encoder);
        encoder.into_writer()
    }

    fn write<W: Write<Error = Infallible>>(&self, e: &mut Encoder<W>) -> Result<(), EncodeError<Infallible>> {
        match self {
            Message::Join { sender_id, storage_id, protocol_versions } => {
                e.map(4)?.str("type")?.str("join")?.str("senderId")?.str(sender_id)?;
                e.str("peerMetadata")?;
                match storage_id {
                    Some(id) => e.map(2)?.str("storageId")?.str(id)?.str("isEphemeral")?.bool(false)?,
                    None => e.map(1)?.str("isEphemeral")?.bool(true)?,
                };
                e.str("supportedProtocolVersions")?.array(protocol_versions.len() as u64)?;
                for version in protocol_versions {
                    e.str(version)?;
                }
            }
            Message::Peer { sender_id, target_id, protocol_version } => {
                let len = 2 + u64::from(target_id.is_some()) + u64::from(protocol_version.is_some());
                e.map(len)?.str("type")?.str("peer")?.str("senderId")?.str(sender_id)?;
                if let Some(target) = target_id {
                    e.str("targetId")?.str(target)?;
                }
                if let Some(version) = protocol_version {
                    e.str("selectedProtocolVersion")?.str(version)?;
                }
            }
            Message::Error { message } => {
                e.map(2)?.str("type")?.str("error")?.str("message")?.str(message)?;
            }
            Message::Request(m) | Message::Sync(m) => {
                let kind = if matches!(self, Message::Request(_)) { "request" } else { "sync" };
                e.map(5)?.str("type")?.str(kind)?;
                e.str("documentId")?.str(&m.document_id)?.str("senderId")?.str(&m.sender_id)?;
                e.str("targetId")?.str(&m.target_id)?.str("data")?.bytes(&m.data)?;
            }
            Message::DocUnavailable { document_id, sender_id, target_id } => {
                e.map(4)?.str("type")?.str("doc-unavailable")?.str("documentId")?.str(document_id)?;
                e.str("senderId")?.str(sender_id)?.str("targetId")?.str(target_id)?;
            }
            Message::Ignored { kind } => {
                e.map(1)?.str("type")?.str(kind)?;
            }
        }
        Ok(())
    }
}
