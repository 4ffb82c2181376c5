//! Reads one frame from the relay into a [`Message`], defensively: the
//! relay is a server someone else runs, and anything it sends is input.
//!
//! Accepted, because the relay's cbor-x writes them: non-minimal length
//! heads (`b9 00 04` for a map of 4), keys in any order, `undefined` or
//! `null` for a missing optional field, extra keys. Refused with an error
//! value (never a panic): a frame over [`MAX_FRAME_BYTES`], anything but one
//! definite map with text keys, more than [`MAX_ENTRIES`] entries, a key
//! twice, a required field missing or of the wrong type, values nested
//! deeper than [`MAX_DEPTH`], trailing bytes. Memory stays bounded: strings
//! and byte strings are borrowed from the frame until a message is built,
//! length claims are never trusted for allocation, and skipping an unknown
//! value keeps a stack of at most [`MAX_DEPTH`] entries.

use crate::model::exchange::relay::message::{DocumentMessage, Message};
use minicbor::data::Type;
use minicbor::Decoder;
use std::collections::BTreeSet;
use thiserror::Error as ThisError;

/// The relay's own limit on what it accepts (`maxPayload` of `relay/relay.mjs`).
pub const MAX_FRAME_BYTES: usize = 64 << 20;
/// More than any message of the protocol has (7 at most).
pub const MAX_ENTRIES: u64 = 32;
/// How deep an unknown value may nest (the protocol's deepest is 3).
pub const MAX_DEPTH: usize = 16;
/// `supportedProtocolVersions` longer than this is not a real client.
const MAX_VERSIONS: u64 = 16;

/// Why a frame was refused (for the log; the user sees `ErrorKind::RelayProtocol`).
#[derive(Debug, Clone, PartialEq, Eq, ThisError)]
pub enum WireError {
    #[error("frame of {0} bytes, over the limit")]
    TooLarge(usize),
    #[error("not a CBOR map of definite length")]
    NotAMap,
    #[error("a map of {0} entries, over the limit")]
    TooManyEntries(u64),
    #[error("key {0:?} twice")]
    DuplicateKey(String),
    #[error("field {0} missing")]
    Missing(&'static str),
    #[error("field {0} of the wrong type")]
    WrongType(&'static str),
    #[error("values nested too deep")]
    TooDeep,
    #[error("bytes after the message")]
    TrailingBytes,
    #[error("malformed CBOR: {0}")]
    Malformed(String),
}

impl From<minicbor::decode::Error> for WireError {
    fn from(error: minicbor::decode::Error) -> Self {
        WireError::Malformed(error.to_string())
    }
}

/// The fields a message may have, borrowed from the frame.
#[derive(Default)]
struct Fields<'a> {
    kind: Option<&'a str>,
    sender_id: Option<&'a str>,
    target_id: Option<&'a str>,
    document_id: Option<&'a str>,
    data: Option<&'a [u8]>,
    message: Option<&'a str>,
    selected_protocol_version: Option<&'a str>,
    supported_protocol_versions: Option<Vec<&'a str>>,
    storage_id: Option<&'a str>,
}

/// Decodes one WebSocket binary frame.
pub fn decode(frame: &[u8]) -> Result<Message, WireError> {
    if frame.len() > MAX_FRAME_BYTES {
        return Err(WireError::TooLarge(frame.len()));
    }
    let mut d = Decoder::new(frame);
    let fields = read_fields(&mut d)?;
    if d.position() != frame.len() {
        return Err(WireError::TrailingBytes);
    }
    build(fields)
}

fn definite_map(d: &mut Decoder<'_>) -> Result<u64, WireError> {
    if d.datatype()? != Type::Map {
        return Err(WireError::NotAMap);
    }
    let entries = d.map()?.ok_or(WireError::NotAMap)?;
    if entries > MAX_ENTRIES {
        return Err(WireError::TooManyEntries(entries));
    }
    Ok(entries)
}

fn read_fields<'a>(d: &mut Decoder<'a>) -> Result<Fields<'a>, WireError> {
    let entries = definite_map(d)?;
    let mut fields = Fields::default();
    let mut seen = BTreeSet::new();
    for _ in 0..entries {
        let key = d.str()?;
        if !seen.insert(key) {
            return Err(WireError::DuplicateKey(key.chars().take(64).collect()));
        }
        match key {
            "type" => fields.kind = Some(text(d, "type")?),
            "senderId" => fields.sender_id = optional_text(d, "senderId")?,
            "targetId" => fields.target_id = optional_text(d, "targetId")?,
            "documentId" => fields.document_id = optional_text(d, "documentId")?,
            "message" => fields.message = optional_text(d, "message")?,
            "selectedProtocolVersion" => {
                fields.selected_protocol_version = optional_text(d, "selectedProtocolVersion")?
            }
            "supportedProtocolVersions" => fields.supported_protocol_versions = versions(d)?,
            "data" => {
                fields.data = match d.datatype()? {
                    Type::Bytes => Some(d.bytes()?),
                    Type::Undefined | Type::Null => skip(d).map(|()| None)?,
                    _ => return Err(WireError::WrongType("data")),
                }
            }
            // `metadata` is the name in the protocol's README, `peerMetadata` in its code.
            "peerMetadata" | "metadata" => fields.storage_id = storage_id(d)?,
            _ => skip(d)?,
        }
    }
    Ok(fields)
}

fn text<'a>(d: &mut Decoder<'a>, field: &'static str) -> Result<&'a str, WireError> {
    match d.datatype()? {
        Type::String => Ok(d.str()?),
        _ => Err(WireError::WrongType(field)),
    }
}

fn optional_text<'a>(d: &mut Decoder<'a>, field: &'static str) -> Result<Option<&'a str>, WireError> {
    match d.datatype()? {
        Type::Undefined | Type::Null => skip(d).map(|()| None),
        _ => text(d, field).map(Some),
    }
}

fn versions<'a>(d: &mut Decoder<'a>) -> Result<Option<Vec<&'a str>>, WireError> {
    const FIELD: &str = "supportedProtocolVersions";
    match d.datatype()? {
        Type::Undefined | Type::Null => skip(d).map(|()| None),
        Type::Array => {
            let len = d.array()?.ok_or(WireError::WrongType(FIELD))?;
            if len > MAX_VERSIONS {
                return Err(WireError::WrongType(FIELD));
            }
            (0..len).map(|_| text(d, FIELD)).collect::<Result<Vec<_>, _>>().map(Some)
        }
        _ => Err(WireError::WrongType(FIELD)),
    }
}

/// `peerMetadata.storageId`, the only part of the metadata we read.
fn storage_id<'a>(d: &mut Decoder<'a>) -> Result<Option<&'a str>, WireError> {
    if matches!(d.datatype()?, Type::Undefined | Type::Null) {
        return skip(d).map(|()| None);
    }
    let entries = definite_map(d)?;
    let mut storage_id = None;
    for _ in 0..entries {
        match d.str()? {
            "storageId" => storage_id = optional_text(d, "storageId")?,
            _ => skip(d)?,
        }
    }
    Ok(storage_id)
}

/// Skips one value of any type, nested at most [`MAX_DEPTH`] deep: a stack
/// of how many items each open array or map still holds (`None`: until a
/// break), so neither the call stack nor the heap grows with the input.
fn skip(d: &mut Decoder<'_>) -> Result<(), WireError> {
    let mut open: Vec<Option<u64>> = Vec::new();
    loop {
        match d.datatype()? {
            Type::Break => {
                if open.pop() != Some(None) {
                    return Err(WireError::Malformed("unexpected break".into()));
                }
                d.set_position(d.position() + 1);
            }
            Type::Tag => {
                d.tag()?;
                continue; // a tag is a prefix of the item that follows
            }
            Type::Array | Type::ArrayIndef | Type::Map | Type::MapIndef => {
                let is_map = matches!(d.datatype()?, Type::Map | Type::MapIndef);
                let len = if is_map { d.map()? } else { d.array()? };
                let items = match len {
                    Some(n) if is_map => Some(n.checked_mul(2).ok_or(WireError::TooManyEntries(n))?),
                    other => other,
                };
                if items != Some(0) {
                    if open.len() == MAX_DEPTH {
                        return Err(WireError::TooDeep);
                    }
                    open.push(items);
                    continue;
                }
            }
            Type::Bytes | Type::BytesIndef => {
                for chunk in d.bytes_iter()? {
                    chunk?;
                }
            }
            Type::String | Type::StringIndef => {
                for chunk in d.str_iter()? {
                    chunk?;
                }
            }
            _ => d.skip()?, // a number or a simple value: no nesting
        }
        // One item is done: count it against the innermost open container.
        loop {
            match open.last_mut() {
                None => return Ok(()),
                Some(Some(remaining)) => {
                    *remaining -= 1;
                    if *remaining == 0 {
                        open.pop();
                        continue;
                    }
                    break;
                }
                Some(None) => break,
            }
        }
    }
}

fn required<T>(value: Option<T>, field: &'static str) -> Result<T, WireError> {
    value.ok_or(WireError::Missing(field))
}

fn build(f: Fields<'_>) -> Result<Message, WireError> {
    let owned = |s: &str| s.to_string();
    let kind = required(f.kind, "type")?;
    let document = |f: &Fields<'_>| -> Result<DocumentMessage, WireError> {
        Ok(DocumentMessage {
            document_id: owned(required(f.document_id, "documentId")?),
            sender_id: owned(required(f.sender_id, "senderId")?),
            target_id: owned(required(f.target_id, "targetId")?),
            data: required(f.data, "data")?.to_vec(),
        })
    };
    Ok(match kind {
        "join" => Message::Join {
            sender_id: owned(required(f.sender_id, "senderId")?),
            storage_id: f.storage_id.map(owned),
            protocol_versions: f.supported_protocol_versions.unwrap_or_default().into_iter().map(owned).collect(),
        },
        "peer" => Message::Peer {
            sender_id: owned(required(f.sender_id, "senderId")?),
            target_id: f.target_id.map(owned),
            protocol_version: f.selected_protocol_version.map(owned),
        },
        "error" => Message::Error { message: f.message.map(owned).unwrap_or_default() },
        "request" => Message::Request(document(&f)?),
        "sync" => Message::Sync(document(&f)?),
        "doc-unavailable" => Message::DocUnavailable {
            document_id: owned(required(f.document_id, "documentId")?),
            sender_id: owned(required(f.sender_id, "senderId")?),
            target_id: owned(required(f.target_id, "targetId")?),
        },
        other => Message::Ignored { kind: other.chars().take(64).collect() },
    })
}
