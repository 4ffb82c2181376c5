//! Markdown of template and governance texts, rendered as elements. The
//! text goes through `model::markdown` (a small subset) and every piece is
//! inserted as text, never as HTML: a received template cannot inject markup.

use crate::model::values::markdown::{parse, Block, Inline};
use leptos::prelude::*;

fn render_inline(parts: Vec<Inline>) -> impl IntoView {
    parts
        .into_iter()
        .map(|p| match p {
            Inline::Text(t) => view! { <span>{t}</span> }.into_any(),
            Inline::Bold(t) => view! { <strong>{t}</strong> }.into_any(),
        })
        .collect_view()
}

/// Markdown rendered as elements: the text is always escaped.
#[component]
pub fn Markdown(text: String) -> impl IntoView {
    parse(&text)
        .into_iter()
        .map(|b| match b {
            // Headings inside a text sit below the page's h2.
            Block::Heading(1, parts) => view! { <h3>{render_inline(parts)}</h3> }.into_any(),
            Block::Heading(_, parts) => view! { <h4>{render_inline(parts)}</h4> }.into_any(),
            Block::Paragraph(parts) => view! { <p>{render_inline(parts)}</p> }.into_any(),
            Block::List(items) => {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{render_inline(i)}</li> }).collect_view()}</ul> }
                    .into_any()
            }
        })
        .collect_view()
}
