//! Repair of Strong S3's unescaped quotes, as a streaming `Read` adapter in
//! front of the CSV reader.
//!
//! S3 quotes every field but does not double quotes inside one:
//! `"Sur la machine au fond appelée "row"";"Back, Biceps, Core"`. An RFC 4180
//! reader ends the field at the quote before `row` and mangles the note to
//! `…appelée row""`. Since every S3 field is quoted, a quote closes a field
//! only where a delimiter or a line end follows; any other quote is text. This
//! adapter rewrites such text quotes as `""`, so the CSV reader downstream
//! sees valid CSV and keeps the note as written. A doubled quote not followed
//! by a field end is kept as one escaped quote, so a well-escaped file reads
//! the same as before. Newlines are never added or removed, so line numbers hold.
//!
//! Used only for S3 (every header field quoted, `;`): S1/S2 escape properly.

use std::io::{self, Read};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    FieldStart,
    /// Inside an unquoted field: bytes pass through.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Inside a quoted field, one quote seen, its meaning pending.
    Quote,
    /// Inside a quoted field, two quotes seen, their meaning pending.
    TwoQuotes,
}

pub(crate) struct QuoteRepair<R> {
    inner: R,
    enabled: bool,
    delimiter: u8,
    state: State,
    input: Vec<u8>,
    output: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

const CHUNK: usize = 64 * 1024;

impl<R: Read> QuoteRepair<R> {
    /// `enabled == false` passes bytes through untouched.
    pub(crate) fn new(inner: R, delimiter: u8, enabled: bool) -> Self {
        QuoteRepair {
            inner,
            enabled,
            delimiter,
            state: State::FieldStart,
            input: vec![0; if enabled { CHUNK } else { 0 }],
            output: Vec::with_capacity(if enabled { CHUNK * 2 } else { 0 }),
            out_pos: 0,
            eof: false,
        }
    }

    fn ends_field(&self, b: u8) -> bool {
        b == self.delimiter || b == b'\n' || b == b'\r'
    }

    fn push(&mut self, b: u8) {
        let out = &mut self.output;
        match self.state {
            State::FieldStart | State::Unquoted => {
                self.state = if b == self.delimiter || b == b'\n' || b == b'\r' {
                    State::FieldStart
                } else if b == b'"' && self.state == State::FieldStart {
                    State::Quoted
                } else {
                    State::Unquoted
                };
                out.push(b);
            }
            State::Quoted => {
                if b == b'"' {
                    self.state = State::Quote;
                } else {
                    out.push(b);
                }
            }
            State::Quote => {
                if b == b'"' {
                    self.state = State::TwoQuotes;
                } else if self.ends_field(b) {
                    // The closing quote.
                    self.output.extend_from_slice(&[b'"', b]);
                    self.state = State::FieldStart;
                } else {
                    // A lone quote inside the text.
                    self.output.extend_from_slice(&[b'"', b'"', b]);
                    self.state = State::Quoted;
                }
            }
            State::TwoQuotes => {
                if self.ends_field(b) {
                    // A text quote, then the closing one: `…"row"";`.
                    self.output.extend_from_slice(&[b'"', b'"', b'"', b]);
                    self.state = State::FieldStart;
                } else if b == b'"' {
                    // The first two are one escaped quote; the third is pending.
                    self.output.extend_from_slice(b"\"\"");
                    self.state = State::Quote;
                } else {
                    self.output.extend_from_slice(&[b'"', b'"', b]);
                    self.state = State::Quoted;
                }
            }
        }
    }

    fn finish(&mut self) {
        match self.state {
            State::Quote => self.output.push(b'"'),
            State::TwoQuotes => self.output.extend_from_slice(b"\"\"\""),
            _ => {}
        }
        self.state = State::FieldStart;
    }

    fn refill(&mut self) -> io::Result<()> {
        self.output.clear();
        self.out_pos = 0;
        while self.output.is_empty() && !self.eof {
            let n = loop {
                match self.inner.read(&mut self.input) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            if n == 0 {
                self.eof = true;
                self.finish();
            } else {
                for i in 0..n {
                    let b = self.input[i];
                    self.push(b);
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for QuoteRepair<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.enabled {
            return self.inner.read(buf);
        }
        if self.out_pos >= self.output.len() {
            self.refill()?;
        }
        let available = &self.output[self.out_pos..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(s: &str) -> String {
        let mut out = String::new();
        QuoteRepair::new(s.as_bytes(), b';', true)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    /// Reads byte by byte, so every pending state crosses a chunk boundary.
    fn repair_trickle(s: &str) -> String {
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let mut out = String::new();
        QuoteRepair::new(OneByte(s.as_bytes()), b';', true)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn unescaped_inner_quotes_become_doubled() {
        let line = "\"Note\";\"Sur la machine au fond appelée \"row\"\";\"Back, Biceps, Core\"\n";
        let fixed =
            "\"Note\";\"Sur la machine au fond appelée \"\"row\"\"\";\"Back, Biceps, Core\"\n";
        assert_eq!(repair(line), fixed);
        assert_eq!(repair_trickle(line), fixed);
        let mid = "\"Sur la machine \"pulldown\" en rentrant\";\"x\"";
        assert_eq!(
            repair(mid),
            "\"Sur la machine \"\"pulldown\"\" en rentrant\";\"x\""
        );
    }

    #[test]
    fn valid_csv_is_unchanged() {
        for s in [
            "\"a\";\"b\"\n\"c\";\"\"\n",
            "\"said \"\"hi\"\" twice\";\"x\"\r\n",
            "\"ends with a quote \"\"\"\"\";1\n",
            "1;2;\"\"\n",
            "\"multi\nline\";\"ok\"",
            "",
        ] {
            assert_eq!(repair(s), s, "{s:?}");
            assert_eq!(repair_trickle(s), s, "{s:?}");
        }
    }

    #[test]
    fn a_quote_at_the_end_of_input_closes_the_field() {
        assert_eq!(repair("\"a\""), "\"a\"");
        assert_eq!(repair("\"a\"\""), "\"a\"\"\"");
    }

    #[test]
    fn disabled_is_a_pass_through() {
        let s = "\"x \"y\"\";z\n";
        let mut out = String::new();
        QuoteRepair::new(s.as_bytes(), b';', false)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, s);
    }
}
