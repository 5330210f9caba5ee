//! TOML date-times, checked and written in one canonical form.
//!
//! The tree has no date type: a date-time becomes the string a TOML library would print for it
//! (RFC 3339 with `T` between date and time, seconds always written, the fraction cut to
//! nanoseconds without trailing zeros, `Z` upper case, `-00:00` as `+00:00`). The rules follow
//! TOML 1.1: the date, the time, or both with an optional offset; seconds may be left out.

/// The canonical text of a TOML date-time, or what was expected where it goes wrong.
pub fn canonical(text: &str) -> Result<String, &'static str> {
    let mut rest = Cursor { text };
    let mut out = String::with_capacity(text.len() + 3);
    let is_date = text.bytes().find(|b| !b.is_ascii_digit()) == Some(b'-');
    if is_date {
        date(&mut rest, &mut out)?;
        match rest.text.as_bytes().first() {
            None => return Ok(out),
            Some(b'T' | b't' | b' ') => {
                rest.text = &rest.text[1..];
                out.push('T');
            }
            Some(_) => return Err("`T` between date and time"),
        }
    }
    time(&mut rest, &mut out)?;
    if is_date {
        offset(&mut rest, &mut out)?;
    }
    if rest.text.is_empty() { Ok(out) } else { Err("the end of the date-time") }
}

struct Cursor<'a> {
    text: &'a str,
}

impl<'a> Cursor<'a> {
    /// The run of ASCII digits at the front (possibly empty).
    fn digits(&mut self) -> &'a str {
        let end = self.text.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(self.text.len());
        let (digits, rest) = self.text.split_at(end);
        self.text = rest;
        digits
    }

    /// A number of exactly `width` digits, at most `max`.
    fn number(
        &mut self,
        width: usize,
        expected: &'static str,
        max: u32,
    ) -> Result<(&'a str, u32), &'static str> {
        let digits = self.digits();
        let value = digits
            .bytes()
            .fold(0u32, |n, b| n.saturating_mul(10).saturating_add(u32::from(b - b'0')));
        if digits.len() != width || value > max {
            return Err(expected);
        }
        Ok((digits, value))
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.text.as_bytes().first() == Some(&byte);
        if found {
            self.text = &self.text[1..];
        }
        found
    }

    fn expect(&mut self, byte: u8, expected: &'static str) -> Result<(), &'static str> {
        if self.eat(byte) { Ok(()) } else { Err(expected) }
    }
}

fn date(rest: &mut Cursor<'_>, out: &mut String) -> Result<(), &'static str> {
    let (year_text, year) = rest.number(4, "a four-digit year (YYYY)", 9999)?;
    rest.expect(b'-', "`-` (YYYY-MM)")?;
    let (month_text, month) = rest.number(2, "a month between 01 and 12", 12)?;
    rest.expect(b'-', "`-` (MM-DD)")?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        0 => return Err("a month between 01 and 12"),
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (day_text, day) = rest.number(2, "a two-digit day that exists in that month", days)?;
    if day == 0 {
        return Err("a two-digit day that exists in that month");
    }
    for part in [year_text, "-", month_text, "-", day_text] {
        out.push_str(part);
    }
    Ok(())
}

fn time(rest: &mut Cursor<'_>, out: &mut String) -> Result<(), &'static str> {
    let (hour, _) = rest.number(2, "an hour between 00 and 23", 23)?;
    rest.expect(b':', "`:` (HH:MM)")?;
    let (minute, _) = rest.number(2, "a minute between 00 and 59", 59)?;
    let mut second = "00";
    let mut fraction = "";
    if rest.eat(b':') {
        second = rest.number(2, "a second between 00 and 60", 60)?.0;
        if rest.eat(b'.') {
            let digits = rest.digits();
            if digits.is_empty() {
                return Err("digits after `.`");
            }
            // Nanoseconds: further digits are dropped, trailing zeros are not written.
            fraction = digits.get(..9).unwrap_or(digits).trim_end_matches('0');
        }
    }
    for part in [hour, ":", minute, ":", second] {
        out.push_str(part);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Ok(())
}

fn offset(rest: &mut Cursor<'_>, out: &mut String) -> Result<(), &'static str> {
    let sign = match rest.text.as_bytes().first() {
        None => return Ok(()),
        Some(b'Z' | b'z') => {
            rest.text = &rest.text[1..];
            out.push('Z');
            return Ok(());
        }
        Some(b'+') => '+',
        Some(b'-') => '-',
        Some(_) => return Err("`Z`, +HH:MM or -HH:MM"),
    };
    rest.text = &rest.text[1..];
    let (hours, h) = rest.number(2, "an offset hour between 00 and 23", 23)?;
    rest.expect(b':', "`:` (HH:MM)")?;
    let (minutes, m) = rest.number(2, "offset minutes between 00 and 59", 59)?;
    // A zero offset is written `+00:00` whichever sign it had.
    out.push(if h == 0 && m == 0 { '+' } else { sign });
    for part in [hours, ":", minutes] {
        out.push_str(part);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        for (text, expected) in [
            ("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z"),
            ("1979-05-27 07:32:00z", "1979-05-27T07:32:00Z"),
            ("1979-05-27t07:32:00-07:00", "1979-05-27T07:32:00-07:00"),
            ("1979-05-27T00:32:00.999999-00:00", "1979-05-27T00:32:00.999999+00:00"),
            ("1979-05-27T00:32:00.5000", "1979-05-27T00:32:00.5"),
            ("1979-05-27T00:32:00.1234567891", "1979-05-27T00:32:00.123456789"),
            ("1979-05-27T00:32:00.0000000001", "1979-05-27T00:32:00"),
            ("1979-05-27T07:32", "1979-05-27T07:32:00"),
            ("1979-05-27", "1979-05-27"),
            ("07:32:00", "07:32:00"),
            ("07:32", "07:32:00"),
            ("2024-02-29", "2024-02-29"),
            ("23:59:60", "23:59:60"),
        ] {
            assert_eq!(canonical(text), Ok(expected.to_owned()), "{text}");
        }
    }

    #[test]
    fn impossible_dates_and_times_are_refused() {
        for text in [
            "1979-13-01",
            "1979-00-01",
            "1979-02-29",
            "1900-02-29",
            "1979-04-31",
            "1979-01-00",
            "79-01-01",
            "1979-1-01",
            "1979-01-01X07:00:00",
            "1979-01-01T24:00:00",
            "1979-01-01T07:60:00",
            "07:00:61",
            "07:00:00Z",
            "1979-01-01T07:00:00+24:00",
            "1979-01-01T07:00:00+01:60",
            "1979-01-01T07:00:00+0100",
            "1979-01-01T07:00:00.",
            "1979-01-01T07:00:00Zx",
            "1979-01-01T",
            "07",
            "7:00:00",
        ] {
            assert!(canonical(text).is_err(), "{text}");
        }
    }
}
