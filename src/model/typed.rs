//! Numbers and dates held in text fields.
//!
//! A goal's target or a competitor's rating is a number in map files
//! (`target: 400`) and a date is an ISO date (`deadline: "2026-12-31"`).
//! In memory both stay the text they were written as, normalised, so every
//! field is still read and written through the same text slots; what makes
//! them typed is that nothing else gets in: the loader refuses a target that
//! is not a number with its line and column, and forms refuse one too.

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// The largest magnitude a number field holds: beyond it `f64` loses whole
/// units, and no plan needs it.
const MAX_MAGNITUDE: f64 = 1e15;

/// `text` as a number field holds it: digits with an optional sign and
/// decimal point, no exponent, no trailing zeros after the point. Accepts
/// what people type: spaces, thousands separators (`1,200` or `1 200`) and a
/// trailing `%`. Empty text is "not set".
pub fn normalise_number(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let bare: String = trimmed
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    let plain = !bare.is_empty()
        && bare
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && matches!(c, '-' | '+')));
    match bare.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => number_text(value),
        _ => Err(format!("`{trimmed}` is not a number: write digits, e.g. 400 or 12.5")),
    }
}

/// A finite number as a number field writes it.
pub fn number_text(value: f64) -> Result<String, String> {
    if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
        return Err(format!("{value} is out of range: numbers go up to a million billion"));
    }
    // Shortest text that reads back as the same value; never an exponent.
    let mut text = format!("{value}");
    if text.contains('e') {
        text = format!("{value:.6}");
    }
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if text == "-0" {
        text = "0".to_string();
    }
    Ok(text)
}

/// The value of a number field, `None` when it is not set (or, in a map
/// made in memory, not a number).
pub fn number(text: &str) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `text` as a date field holds it: a day `2026-12-31`, a month `2026-12`
/// or a quarter `2026-Q4` (a goal's deadline may be a period). Empty text is
/// "not set".
pub fn normalise_date(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let upper = trimmed.to_ascii_uppercase();
    if Period::parse(&upper).is_some() {
        Ok(upper)
    } else {
        Err(format!(
            "`{trimmed}` is not a date: write an ISO date (2026-12-31), a month (2026-12) or a quarter (2026-Q4)"
        ))
    }
}

/// A day, month or quarter, as the last day it covers: what "overdue" is
/// measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Period {
    /// Reads `2026-12-31`, `2026-12` or `2026-Q4`.
    pub fn parse(text: &str) -> Option<Period> {
        let mut parts = text.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse::<u16>().ok()?;
        let second = parts.next()?;
        let third = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let two_digits =
            |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u8>().ok())?;
        if let Some(quarter) = second.strip_prefix('Q') {
            let q = quarter
                .parse::<u8>()
                .ok()
                .filter(|q| (1..=4).contains(q) && quarter.len() == 1)?;
            if third.is_some() {
                return None;
            }
            let month = q * 3;
            return Some(Period {
                year,
                month,
                day: days_in_month(year, month),
            });
        }
        let month = two_digits(second).filter(|m| (1..=12).contains(m))?;
        let day = match third {
            None => days_in_month(year, month),
            Some(day) => two_digits(day).filter(|d| (1..=days_in_month(year, month)).contains(d))?,
        };
        Some(Period { year, month, day })
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Period {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Period::from_days_since_epoch(seconds / 86_400)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: u64) -> Period {
        let z = days as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Period { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `text` as a currency field holds it: an ISO 4217 code, three letters,
/// upper case ("eur" reads as "EUR"). Empty text is "not set".
pub fn normalise_currency(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    if trimmed.len() == 3 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(trimmed.to_ascii_uppercase())
    } else {
        Err(format!(
            "`{trimmed}` is not a currency code: write the three-letter ISO code, e.g. EUR, USD, SAR, JPY"
        ))
    }
}

/// Reads a currency field from a map file.
pub fn read_currency<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    normalise_currency(&text).map_err(de::Error::custom)
}

impl Period {
    /// The first day a date field's text covers (a month's or quarter's
    /// first day): when a campaign starting then begins.
    pub fn parse_start(text: &str) -> Option<Period> {
        let end = Period::parse(text)?;
        if text.len() == 10 {
            return Some(end);
        }
        let month = if text.contains('Q') { end.month - 2 } else { end.month };
        Some(Period {
            year: end.year,
            month,
            day: 1,
        })
    }
}

/// Reads a number field from a map file: a RON number, integer or decimal.
pub fn read_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct NumberVisitor;
    impl Visitor<'_> for NumberVisitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number, e.g. 400 or 12.5")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            number_text(v as f64).map_err(E::custom)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            number_text(v as f64).map_err(E::custom)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            number_text(v).map_err(E::custom)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Err(E::custom(format!(
                "expected a number, found the text \"{v}\": write it without quotes, e.g. 400"
            )))
        }
    }
    deserializer.deserialize_any(NumberVisitor)
}

/// Writes a number field as a number (for JSON; map files are written by
/// the canonical writer).
pub fn write_number<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match number(text) {
        Some(value) if value.fract() == 0.0 && value.abs() < 9e15 => (value as i64).serialize(serializer),
        Some(value) => value.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// `#[serde(with = "typed::number")]`: a number field read as a RON
/// number and written as a number.
pub mod number {
    pub use super::read_number as deserialize;
    pub use super::write_number as serialize;
}

/// Reads a date field from a map file: an ISO day, month or quarter.
pub fn read_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    normalise_date(&text).map_err(de::Error::custom)
}

/// A list of text read at its exact length. A list read element by element
/// grows to room for four, the first time, then doubles; a touchpoint's one
/// or two ids would take twice the memory they need, over 50,000 touchpoints
/// a few megabytes of a large map's peak.
pub(crate) fn exact_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let mut list = <Vec<String> as serde::Deserialize>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised_as_people_type_them() {
        assert_eq!(normalise_number("400").as_deref(), Ok("400"));
        assert_eq!(normalise_number(" 1,200 ").as_deref(), Ok("1200"));
        assert_eq!(normalise_number("12.50").as_deref(), Ok("12.5"));
        assert_eq!(normalise_number("30%").as_deref(), Ok("30"));
        assert_eq!(normalise_number("-0.0").as_deref(), Ok("0"));
        assert_eq!(normalise_number("").as_deref(), Ok(""));
        for bad in ["four hundred", "1e5", "NaN", "inf", "12..5", "--3", "1-2"] {
            assert!(normalise_number(bad).is_err(), "{bad}");
        }
        assert!(number_text(1e16).is_err());
        assert_eq!(number("12.5"), Some(12.5));
        assert_eq!(number(""), None);
    }

    #[test]
    fn dates_are_days_months_or_quarters() {
        assert_eq!(normalise_date("2026-12-31").as_deref(), Ok("2026-12-31"));
        assert_eq!(normalise_date("2026-q4").as_deref(), Ok("2026-Q4"));
        assert_eq!(normalise_date("2028-02-29").as_deref(), Ok("2028-02-29"));
        for bad in [
            "2026-02-29",
            "2026-13",
            "31/12/2026",
            "2026-Q5",
            "next spring",
            "2026-1-5",
        ] {
            assert!(normalise_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Period::parse("2026-Q1"),
            Some(Period {
                year: 2026,
                month: 3,
                day: 31
            })
        );
        assert_eq!(
            Period::parse("2026-02"),
            Some(Period {
                year: 2026,
                month: 2,
                day: 28
            })
        );
        assert!(Period::parse("2026-11-30") < Period::parse("2026-12"));
        assert_eq!(
            Period::parse_start("2026-Q2"),
            Some(Period {
                year: 2026,
                month: 4,
                day: 1
            })
        );
        assert_eq!(
            Period::parse_start("2026-07"),
            Some(Period {
                year: 2026,
                month: 7,
                day: 1
            })
        );
        assert_eq!(
            Period::parse_start("2026-07-09"),
            Some(Period {
                year: 2026,
                month: 7,
                day: 9
            })
        );
    }

    #[test]
    fn currencies_are_iso_codes() {
        assert_eq!(normalise_currency(" eur ").as_deref(), Ok("EUR"));
        assert_eq!(normalise_currency("").as_deref(), Ok(""));
        for bad in ["€", "euro", "US", "E1R"] {
            assert!(normalise_currency(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_since_the_epoch_are_civil_dates() {
        assert_eq!(
            Period::from_days_since_epoch(0),
            Period {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Period::from_days_since_epoch(20_423),
            Period {
                year: 2025,
                month: 12,
                day: 1
            }
        );
        assert_eq!(
            Period::from_days_since_epoch(11_016),
            Period {
                year: 2000,
                month: 2,
                day: 29
            }
        );
    }
}
