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
//!
//! In every mode the adapter also bounds a record's size: a quote that is
//! never closed would make the CSV reader gather the rest of the file into
//! one record, so past [`MAX_RECORD`] bytes in one record it fails with an
//! I/O error (the reader reports it with the line, and stops) instead.

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

/// No real record comes near this; an unclosed quote soon does.
pub(crate) const MAX_RECORD: usize = 1 << 20;

pub(crate) struct QuoteRepair<R> {
    inner: R,
    enabled: bool,
    delimiter: u8,
    state: State,
    /// Bytes of input in the record being read.
    since: usize,
    /// Records ended so far, as the scan saw them (checked against the CSV reader in tests).
    #[cfg(test)]
    boundaries: u64,
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
            since: 0,
            #[cfg(test)]
            boundaries: 0,
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
        self.since += 1;
        if (b == b'\n' || b == b'\r') && !matches!(self.state, State::Quoted) {
            // Every state but "inside quotes" ends the record here (a pending quote closes the field).
            self.since = 0;
        }
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
                self.check()?;
            }
        }
        Ok(())
    }

    fn check(&self) -> io::Result<()> {
        if self.since > MAX_RECORD {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "a record runs past {} MiB: a quote is probably never closed",
                    MAX_RECORD >> 20
                ),
            ));
        }
        Ok(())
    }

    /// Follows RFC 4180 quoting over bytes passed through, to bound the record size.
    /// Runs on locals and jumps from one special byte to the next: it sees every byte of the file.
    fn scan(&mut self, bytes: &[u8]) -> io::Result<()> {
        let d = self.delimiter;
        let (mut state, mut since) = (self.state, self.since);
        let mut ended = 0u64;
        let mut i = 0;
        let n = bytes.len();
        while i < n {
            match state {
                State::Quoted => match memchr(b'"', &bytes[i..]) {
                    Some(p) => {
                        since += p + 1;
                        i += p + 1;
                        state = State::Quote;
                    }
                    None => {
                        since += n - i;
                        i = n;
                    }
                },
                State::Quote | State::TwoQuotes => {
                    let b = bytes[i];
                    i += 1;
                    since += 1;
                    state = match b {
                        b'"' => State::Quoted,
                        b'\n' | b'\r' => {
                            since = 0;
                            ended += 1;
                            State::FieldStart
                        }
                        _ if b == d => State::FieldStart,
                        // csv-core reads on as an unquoted field.
                        _ => State::Unquoted,
                    };
                }
                State::FieldStart | State::Unquoted => {
                    if bytes[i] == b'"' && state == State::FieldStart {
                        i += 1;
                        since += 1;
                        state = State::Quoted;
                        continue;
                    }
                    // To the end of the line, noting the last delimiter: a quote
                    // matters only right after one.
                    let end = bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r');
                    let stop = end.map_or(n, |p| i + p);
                    let line = &bytes[i..stop];
                    // A quote right after a delimiter opens a quoted field.
                    let opens = line.windows(2).position(|w| w[0] == d && w[1] == b'"');
                    match opens {
                        Some(p) => {
                            since += p + 2;
                            i += p + 2;
                            state = State::Quoted;
                        }
                        None => {
                            since += stop - i;
                            i = stop;
                            state = if line.last() == Some(&d) {
                                State::FieldStart
                            } else if line.is_empty() {
                                state
                            } else {
                                State::Unquoted
                            };
                            if i < n {
                                // The line end (a blank line, or the \n of \r\n, ends nothing).
                                ended += u64::from(since > 0);
                                i += 1;
                                since = 0;
                                state = State::FieldStart;
                            }
                        }
                    }
                }
            }
        }
        self.state = state;
        self.since = since;
        #[cfg(test)]
        {
            self.boundaries += ended;
        }
        let _ = ended;
        self.check()
    }
}

/// The first `needle` in `hay` (a plain loop the compiler vectorises well enough).
fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

impl<R: Read> Read for QuoteRepair<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.enabled {
            let n = self.inner.read(buf)?;
            self.scan(&buf[..n])?;
            return Ok(n);
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
    fn an_unclosed_quote_stops_at_the_record_limit() {
        let mut text = String::from("a,b\n1,\"never closed\n");
        let line = "x,y,z\n".repeat(MAX_RECORD / 6 + 10);
        text.push_str(&line);
        for enabled in [false, true] {
            let mut out = Vec::new();
            let err = QuoteRepair::new(text.as_bytes(), b',', enabled)
                .read_to_end(&mut out)
                .unwrap_err();
            assert!(err.to_string().contains("never closed"), "{err}");
        }
        // The same lines with the quote closed read through.
        let ok = text.replacen("never closed", "closed\"", 1);
        for enabled in [false, true] {
            let mut out = Vec::new();
            QuoteRepair::new(ok.as_bytes(), b',', enabled)
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out.len(), ok.len());
        }
        // A quote inside an unquoted field opens nothing (5'10" tall).
        let inch = format!("h\n5'10\" tall\n{}", "z\n".repeat(MAX_RECORD));
        QuoteRepair::new(inch.as_bytes(), b',', false)
            .read_to_end(&mut Vec::new())
            .unwrap();
    }

    /// Valid CSV far larger than the limit, with quoted newlines, delimiters,
    /// doubled quotes, stray quotes in unquoted fields and CRLF, never trips it:
    /// the scan must agree with the CSV reader on where records end.
    #[test]
    fn valid_csv_of_any_size_passes_the_limit() {
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let pieces = ["a", "12,5", "\n", "\r\n", "\"\"", ";", " ", "é"];
        for delimiter in [b',', b';'] {
            let d = delimiter as char;
            let mut text = format!("x{d}y{d}z\n");
            let mut records = 0;
            while text.len() < 3 * MAX_RECORD {
                let mut quoted = String::new();
                for _ in 0..(next() % 12) {
                    quoted.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                }
                let end = if next() % 3 == 0 { "\r\n" } else { "\n" };
                text.push_str(&format!(
                    "5'10\" tall{d}\"{quoted}\"{d}{}{end}",
                    next() % 100
                ));
                records += 1;
            }
            let mut out = Vec::new();
            QuoteRepair::new(text.as_bytes(), delimiter, false)
                .read_to_end(&mut out)
                .unwrap();
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            assert_eq!(csv.byte_records().count(), records);
        }
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
