//! Text that goes back to a person: echoed input made safe to show (control
//! characters escaped, length capped), and cells safe for spreadsheets.

/// Longest piece of input echoed back in a message, in characters.
pub const ECHO_MAX: usize = 80;

/// `s` as shown inside a message: control characters (newlines, terminal
/// escapes) written as escapes, and cut at [`ECHO_MAX`] characters with "...".
pub fn echo(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == ECHO_MAX {
            out.push_str("...");
            break;
        }
        push_safe(&mut out, c);
    }
    out
}

/// A whole message made safe for a terminal or a web page: control
/// characters escaped, cut at `max` characters.
pub fn safe_line(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push_str("...");
            break;
        }
        push_safe(&mut out, c);
    }
    out
}

fn push_safe(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// A CSV cell that a spreadsheet will not run as a formula (OWASP's advice:
/// a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` before it).
pub fn csv_safe(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Text safe inside XML (SVG): markup escaped, and the control characters
/// XML 1.0 forbids even as references dropped.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_escapes_controls_and_caps_length() {
        assert_eq!(echo("a\nb\x1b[31m"), "a\\nb\\u{1b}[31m");
        let long = "x".repeat(10_000);
        assert_eq!(echo(&long).chars().count(), ECHO_MAX + 3);
    }

    #[test]
    fn csv_formulas_are_defused() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("felt good"), "felt good");
    }

    #[test]
    fn xml_text_drops_forbidden_controls() {
        assert_eq!(
            xml_text("a\u{1}b<c>&\"d\""),
            "ab&lt;c&gt;&amp;&quot;d&quot;"
        );
    }
}
