//! French number conventions: `1 234,56`, `1 234,56 €`, `62 %`; and the
//! reverse, reading numbers typed or imported the French or English way.

/// Narrow no-break space, the French thousands separator.
const THOUSANDS: char = '\u{202F}';
/// No-break space, between a number and its unit.
const NBSP: char = '\u{A0}';

/// `1234.5` → `1 234,5`; at most `max_decimals` decimals, trailing zeros dropped.
pub fn number_with(value: f64, max_decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let text = format!("{:.*}", max_decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (text.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(THOUSANDS);
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && (grouped.chars().any(|c| c != '0' && c != THOUSANDS) || !frac_part.is_empty());
    let sign = if negative { "-" } else { "" };
    if frac_part.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac_part}")
    }
}

/// A number with up to two decimals: `1 234,56`.
pub fn number(value: f64) -> String {
    number_with(value, 2)
}

/// Euros: `12 000 €`, `1 234,50 €` (cents shown when there are any).
pub fn money(value: f64) -> String {
    let cents = (value * 100.0).round();
    if cents % 100.0 == 0.0 {
        format!("{}{NBSP}€", number_with(value, 0))
    } else {
        let text = number_with(value, 2);
        // Always two decimals for money: 1 234,5 → 1 234,50.
        let padded = match text.split_once(',') {
            Some((_, f)) if f.len() == 1 => format!("{text}0"),
            _ => text,
        };
        format!("{padded}{NBSP}€")
    }
}

/// A value followed by its unit the French way: `62 %`, `19,5 €/hab`, `7,3/10`.
pub fn with_unit(value: f64, unit: &str) -> String {
    let unit = unit.trim();
    match unit {
        "" | "nombre" => number(value),
        "€" => money(value),
        u if u.starts_with('/') => format!("{}{u}", number(value)),
        u => format!("{}{NBSP}{u}", number(value)),
    }
}

/// A ratio as a percentage: `0.756` → `75,6 %`.
pub fn percent(ratio: f64) -> String {
    format!("{}{NBSP}%", number_with(ratio * 100.0, 1))
}

/// Reads `1 234,56`, `1234.56`, `1.234,56`, `1,234.56`, `-3`, `62 %`.
/// The last of `,` or `.` is the decimal separator when both appear.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(['%', '€'])
        .chars()
        .filter(|c| !c.is_whitespace() && *c != THOUSANDS && *c != NBSP && *c != '\'')
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let normalized = match (cleaned.rfind(','), cleaned.rfind('.')) {
        (Some(c), Some(p)) if c > p => cleaned.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => cleaned.replace(',', ""),
        (Some(_), None) => {
            if cleaned.matches(',').count() > 1 {
                return None;
            }
            cleaned.replace(',', ".")
        }
        _ => cleaned,
    };
    let value: f64 = normalized.parse().ok()?;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace([THOUSANDS, NBSP], " ")
    }

    #[test]
    fn formats_numbers_the_french_way() {
        assert_eq!(plain(number(1234.56)), "1 234,56");
        assert_eq!(plain(number(1_234_567.0)), "1 234 567");
        assert_eq!(plain(number(-0.5)), "-0,5");
        assert_eq!(plain(number(0.0)), "0");
        assert_eq!(plain(number(-0.001)), "0");
        assert_eq!(plain(money(1234.5)), "1 234,50 €");
        assert_eq!(plain(money(12000.0)), "12 000 €");
        assert_eq!(plain(with_unit(62.0, "%")), "62 %");
        assert_eq!(plain(with_unit(7.3, "/10")), "7,3/10");
        assert_eq!(plain(percent(0.756)), "75,6 %");
    }

    #[test]
    fn reads_numbers_written_either_way() {
        assert_eq!(parse_number("1 234,56"), Some(1234.56));
        assert_eq!(parse_number("1234.56"), Some(1234.56));
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("1,234.56"), Some(1234.56));
        assert_eq!(parse_number("62 %"), Some(62.0));
        assert_eq!(parse_number("1\u{202F}000"), Some(1000.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        for bad in ["", "abc", "1,2,3", "12 abc", "NaN", "inf"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
