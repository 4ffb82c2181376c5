//! The steering report rendered: HTML with classes only and SVG charts with
//! presentation attributes, shown by the app under its strict CSP and
//! downloaded as one self-contained file (`document`). The same markup
//! serves both, so the page and the file never drift apart.

pub mod document;
pub mod intercommunality;
pub mod parts;
pub mod svg;
pub mod timeline;
pub mod workspace;
