//! The small part of Markdown the template texts use: headings (`#`, `##`),
//! bullet lists (`- `), paragraphs and `**bold**`. Parsed into blocks the UI
//! renders as elements, so text is always escaped: no HTML ever passes
//! through, whatever a template contains.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Bold(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
}

pub fn inline(text: &str) -> Vec<Inline> {
    text.split("**")
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { Inline::Bold(part.to_string()) } else { Inline::Text(part.to_string()) })
        .collect()
}

pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, list: &mut Vec<Vec<Inline>>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inline(&paragraph.join(" "))));
            paragraph.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut list, &mut blocks);
        } else if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(inline(&paragraph.join(" "))));
                paragraph.clear();
            }
            list.push(inline(rest.trim()));
        } else if line.starts_with('#') {
            flush(&mut paragraph, &mut list, &mut blocks);
            let level = line.chars().take_while(|c| *c == '#').count().min(6) as u8;
            blocks.push(Block::Heading(level, inline(line.trim_start_matches('#').trim())));
        } else {
            if !list.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut list)));
            }
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph, &mut list, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_headings_lists_paragraphs_and_bold() {
        let blocks = parse("# Titre\n\nUn **mot** fort\nsuite.\n\n- un\n- deux\n\n## Sous-titre");
        assert_eq!(blocks[0], Block::Heading(1, vec![Inline::Text("Titre".into())]));
        assert_eq!(
            blocks[1],
            Block::Paragraph(vec![
                Inline::Text("Un ".into()),
                Inline::Bold("mot".into()),
                Inline::Text(" fort suite.".into())
            ])
        );
        assert_eq!(blocks[2], Block::List(vec![vec![Inline::Text("un".into())], vec![Inline::Text("deux".into())]]));
        assert_eq!(blocks[3], Block::Heading(2, vec![Inline::Text("Sous-titre".into())]));
    }

    #[test]
    fn html_stays_text() {
        let blocks = parse("<script>alert(1)</script>");
        assert_eq!(blocks, vec![Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())])]);
    }
}
