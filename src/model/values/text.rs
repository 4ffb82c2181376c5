//! Text compared the way French readers expect: « École » with « ecole ».

/// Lower case without French diacritics, so « ecole » finds « École ».
/// (A few lines instead of a transliteration crate: the names are French,
/// and the app's size matters.)
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '-' | '\'' | '’' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_french_diacritics() {
        assert_eq!(fold("École Œuvre"), "ecole oeuvre");
        assert_eq!(fold("Saint-Aubin-sur-Lure"), "saint aubin sur lure");
    }
}
