//! Takes the secret values of one call out of every text that leaves it in an error.
//!
//! The texts of an error come from outside: a service's `message` and `__type`, its headers, and in front
//! of it proxies and gateways that quote the request they refused, re-escaped by their own JSON writer or
//! URL-encoded, sometimes folded over several lines. So each secret is looked for in every form it can take
//! there: as itself, JSON-escaped (short escapes and `\uXXXX`, either case), percent-encoded (either case,
//! `+` for a space), up to [`MAX_DEPTH`] rounds of these stacked, with a line break anywhere inside. Each
//! occurrence is replaced by [`MARKER`]. The matcher walks the text once per secret, char by char, keeping
//! the few places a partial match can have reached: O(text × secrets) for the texts errors carry.

use zeroize::Zeroizing;

use crate::error::NativeError;
use crate::model::StringMap;

/// What stands where a secret was.
pub const MARKER: &str = "(redacted)";

/// Shorter values are left alone: a one- to three-character value (a flag, a placeholder) would blank the
/// same letters in ordinary words and codes all through a message, and guessing it takes no leak anyway.
const MIN_CHARS: usize = 4;

/// Rounds of escaping undone: a proxy quoting the request's JSON inside its own JSON, or URL-encoding it,
/// is two; one more for a quote of such a quote.
const MAX_DEPTH: usize = 3;

/// Auth parameters and challenge responses that name or time a sign-in rather than prove it; every other
/// value there (PASSWORD, NEW_PASSWORD, SECRET_HASH, SRP_A, the claim, ANSWER, MFA codes, REFRESH_TOKEN...)
/// is a secret. PREFERRED_CHALLENGE holds a challenge name such as PASSWORD: scrubbing it would blank that
/// word in the service's own explanation.
const PUBLIC_PARAMETERS: [&str; 6] = ["USERNAME", "USER_ID_FOR_SRP", "DEVICE_KEY", "TIMESTAMP", "CHALLENGE_NAME", "PREFERRED_CHALLENGE"];

/// The secret values of one call. Copies of them, so wiped when dropped like the originals.
#[derive(Default)]
pub struct Scrubber {
    secrets: Vec<Zeroizing<Vec<char>>>,
}

impl Scrubber {
    pub fn add(&mut self, value: &str) {
        let chars: Zeroizing<Vec<char>> = Zeroizing::new(value.chars().collect());
        if chars.len() >= MIN_CHARS && !self.secrets.contains(&chars) {
            self.secrets.push(chars);
        }
    }

    pub fn add_opt(&mut self, value: Option<&str>) {
        if let Some(value) = value {
            self.add(value);
        }
    }

    /// Every value of an AuthParameters or ChallengeResponses map but the [`PUBLIC_PARAMETERS`].
    pub fn add_parameters(&mut self, map: Option<&StringMap>) {
        for (name, value) in map.into_iter().flatten() {
            if !PUBLIC_PARAMETERS.contains(&name.as_str()) {
                self.add_opt(value.as_deref());
            }
        }
    }

    /// The same error with its texts scrubbed; kind and status are not text.
    pub fn scrub_error(&self, error: NativeError) -> NativeError {
        NativeError {
            code: self.scrub(&error.code),
            message: self.scrub(&error.message),
            request_id: error.request_id.as_deref().map(|id| self.scrub(id)),
            ..error
        }
    }

    pub fn scrub(&self, text: &str) -> String {
        let bytes = text.as_bytes();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for start in (0..bytes.len()).filter(|&i| text.is_char_boundary(i)) {
            // The furthest end of any secret starting here: overlapping or nested secrets become one span
            // below, so no part of the longer one survives a shorter one's replacement.
            if let Some(end) = self.secrets.iter().filter_map(|s| match_at(bytes, start, s)).max() {
                spans.push((start, end));
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, end) in spans {
            if end <= copied {
                continue;
            }
            if start >= copied {
                out.push_str(&text[copied..start]);
                out.push_str(MARKER);
            }
            copied = end;
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// Where `secret` ends if it starts at `start`, in whichever of its forms is there (the longest).
fn match_at(text: &[u8], start: usize, secret: &[char]) -> Option<usize> {
    let first = *secret.first()?;
    // Most places start neither the secret nor an escape: one look rules them out.
    if !matches!(text[start], b'\\' | b'%' | b'+') && !text[start..].starts_with(first.encode_utf8(&mut [0; 4]).as_bytes()) {
        return None;
    }
    let mut ends = vec![start];
    for (i, &c) in secret.iter().enumerate() {
        let mut next = Vec::new();
        for &at in &ends {
            char_ends(text, at, c, MAX_DEPTH, i > 0, &mut next);
        }
        if next.is_empty() {
            return None;
        }
        next.sort_unstable();
        next.dedup();
        ends = next;
    }
    ends.last().copied()
}

/// Pushes each place where `c` ends if it starts at `at`: as itself, or in an escaped form of up to `depth`
/// rounds. `folded` allows a line break before it, which is not wanted before a secret's first char.
fn char_ends(text: &[u8], at: usize, c: char, depth: usize, folded: bool, out: &mut Vec<usize>) {
    let mut utf8 = [0u8; 4];
    let own = c.encode_utf8(&mut utf8).as_bytes();
    let starts = starts(text, at, folded);
    for from in starts.clone() {
        if text[from..].starts_with(own) {
            out.push(from + own.len());
        }
    }
    // Every escaped form starts with one of these, at any depth: the common case costs one look.
    let escaped_here = starts.into_iter().any(|from| matches!(text.get(from), Some(b'\\' | b'%' | b'+')));
    if depth == 0 || !escaped_here {
        return;
    }
    for form in forms(c) {
        let mut ends = vec![at];
        for f in form.chars() {
            let mut next = Vec::new();
            for &from in &ends {
                char_ends(text, from, f, depth - 1, folded || from > at, &mut next);
            }
            next.sort_unstable();
            next.dedup();
            ends = next;
            if ends.is_empty() {
                break;
            }
        }
        out.extend(ends);
    }
}

/// `at`, and when `folded`, the places after a line break there (a folding gateway's CRLF or LF, raw or
/// JSON-escaped) and after each char of the indentation that may follow it: the value may go on with a space.
fn starts(text: &[u8], at: usize, folded: bool) -> impl Iterator<Item = usize> + Clone {
    let rest = &text[at..];
    let after = [&b"\r\n"[..], b"\n", b"\\r\\n", b"\\n"].iter().find(|b| folded && rest.starts_with(b)).map(|b| {
        let indent = rest[b.len()..].iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
        at + b.len()..=at + b.len() + indent
    });
    std::iter::once(at).chain(after.into_iter().flatten())
}

/// One round of escaping of `c`: JSON's short escape, JSON's `\uXXXX` (UTF-16, as serde_json writes control
/// chars and writers that keep to ASCII write everything else), percent-encoding of its UTF-8 bytes, and
/// form-encoding's `+` for a space; hex in both cases.
fn forms(c: char) -> Vec<String> {
    let mut forms = Vec::with_capacity(6);
    let short = match c {
        '"' => Some('"'),
        '\\' => Some('\\'),
        '/' => Some('/'),
        '\u{8}' => Some('b'),
        '\u{c}' => Some('f'),
        '\n' => Some('n'),
        '\r' => Some('r'),
        '\t' => Some('t'),
        _ => None,
    };
    if let Some(s) = short {
        forms.push(format!("\\{s}"));
    }
    let mut units = [0u16; 2];
    let units = c.encode_utf16(&mut units);
    forms.push(units.iter().map(|u| format!("\\u{u:04x}")).collect());
    forms.push(units.iter().map(|u| format!("\\u{u:04X}")).collect());
    let mut utf8 = [0u8; 4];
    let bytes = c.encode_utf8(&mut utf8).as_bytes();
    forms.push(bytes.iter().map(|b| format!("%{b:02x}")).collect());
    forms.push(bytes.iter().map(|b| format!("%{b:02X}")).collect());
    if c == ' ' {
        forms.push("+".to_owned());
    }
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const PW: &str = r#"pa"ss\w/rd é+&x"#;

    fn scrubber(secrets: &[&str]) -> Scrubber {
        let mut s = Scrubber::default();
        secrets.iter().for_each(|v| s.add(v));
        s
    }

    fn json_ascii(text: &str) -> String {
        text.chars().map(|c| if c.is_ascii() { c.to_string() } else { c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect() }).collect()
    }

    fn percent(text: &str, upper: bool) -> String {
        text.bytes()
            .map(|b| match b {
                b' ' => "+".to_owned(),
                b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => (b as char).to_string(),
                b if upper => format!("%{b:02X}"),
                b => format!("%{b:02x}"),
            })
            .collect()
    }

    /// The quoted value is gone and what surrounds it is kept, as written.
    fn assert_scrubbed(s: &Scrubber, quoted: &str) {
        let text = format!("bad request: [{quoted}] end");
        assert_eq!(s.scrub(&text), format!("bad request: [{MARKER}] end"), "quoted as {quoted}");
    }

    #[test]
    fn a_verbatim_secret_is_replaced_and_the_rest_kept() {
        assert_scrubbed(&scrubber(&[PW]), PW);
    }

    #[test]
    fn json_escaped_forms_are_found_serde_and_ascii_only_writers_alike() {
        let s = scrubber(&[PW, "pässwörd€1", "emoji😀pw\u{1}"]);
        for secret in [PW, "pässwörd€1", "emoji😀pw\u{1}"] {
            let serde = serde_json::to_string(secret).unwrap();
            let serde = &serde[1..serde.len() - 1];
            assert_scrubbed(&s, serde);
            assert_scrubbed(&s, &json_ascii(serde));
            assert_scrubbed(&s, &json_ascii(serde).replace("\\u00e9", "\\u00E9").replace("\\u20ac", "\\u20AC"));
            assert_scrubbed(&s, &serde.replace('/', "\\/"));
        }
    }

    #[test]
    fn url_encoded_forms_are_found_in_either_hex_case_with_plus_for_space() {
        let s = scrubber(&[PW, "pässwörd€1"]);
        for secret in [PW, "pässwörd€1"] {
            assert_scrubbed(&s, &percent(secret, true));
            assert_scrubbed(&s, &percent(secret, false));
            assert_scrubbed(&s, &percent(secret, true).replace('+', "%20"));
        }
        // Every reserved char form-encoded, including the ones most encoders leave alone.
        let reserved = "!#$&'()*+,/:;=?@[]";
        let encoded: String = reserved.bytes().map(|b| format!("%{b:02X}")).collect();
        assert_scrubbed(&scrubber(&[reserved]), &encoded);
    }

    #[test]
    fn stacked_rounds_are_found_json_in_json_and_json_in_url() {
        let s = scrubber(&[PW]);
        let once = serde_json::to_string(PW).unwrap();
        let twice = serde_json::to_string(&once[1..once.len() - 1]).unwrap();
        assert_scrubbed(&s, &twice[1..twice.len() - 1]);
        assert_scrubbed(&s, &json_ascii(&twice[1..twice.len() - 1]));
        assert_scrubbed(&s, &percent(&once[1..once.len() - 1], true));
    }

    #[test]
    fn a_value_folded_over_lines_anywhere_is_found() {
        let s = scrubber(&[PW]);
        let escaped = serde_json::to_string(PW).unwrap();
        let escaped = &escaped[1..escaped.len() - 1];
        for fold in ["\n", "\r\n", "\\n", "\\r\\n", "\r\n    ", "\n\t"] {
            for cut in (1..escaped.len()).filter(|&i| escaped.is_char_boundary(i)) {
                // Also inside an escape sequence (between `\` and `"`), where a fold every N chars lands too.
                assert_scrubbed(&s, &format!("{}{fold}{}", &escaped[..cut], &escaped[cut..]));
            }
            assert_scrubbed(&s, &format!("{}{fold}{}", &PW[..3], &PW[3..]));
        }
    }

    #[test]
    fn each_of_several_occurrences_is_replaced() {
        let s = scrubber(&["hunter22"]);
        assert_eq!(s.scrub("a hunter22 b hunter22 c"), format!("a {MARKER} b {MARKER} c"));
    }

    #[test]
    fn overlapping_and_nested_secrets_leave_no_part_of_either() {
        let s = scrubber(&["secret", "secret-and-more", "and-more-still"]);
        assert_eq!(s.scrub("x secret-and-more y"), format!("x {MARKER} y"));
        assert_eq!(s.scrub("x secret-and-more-still y"), format!("x {MARKER} y"));
    }

    #[test]
    fn values_shorter_than_four_chars_are_left_alone_so_words_survive() {
        let s = scrubber(&["abc", "ü€x", ""]);
        assert_eq!(s.scrub("abc ü€x"), "abc ü€x");
        assert_scrubbed(&scrubber(&["abcd"]), "abcd");
    }

    #[test]
    fn public_parameters_are_not_secrets_and_every_other_value_is() {
        let mut s = Scrubber::default();
        let map: StringMap = [("USERNAME", "alice-user"), ("PASSWORD", "the-password"), ("SECRET_HASH", "the-hash"), ("PREFERRED_CHALLENGE", "PASSWORD"), ("ANSWER", "blue-cheese")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), Some(v.to_owned())))
            .chain([("NEW_PASSWORD".to_owned(), None)])
            .collect();
        s.add_parameters(Some(&map));
        assert_eq!(s.scrub("alice-user the-password the-hash PASSWORD blue-cheese"), format!("alice-user {MARKER} {MARKER} PASSWORD {MARKER}"));
    }

    #[test]
    fn an_errors_code_message_and_request_id_are_scrubbed_and_the_rest_kept() {
        let s = scrubber(&[PW]);
        let mut e = NativeError::new(ErrorKind::Service, &format!("Bad{PW}"), format!("no {PW}"));
        e.status_code = Some(400);
        e.request_id = Some(format!("id-{PW}"));
        let e = s.scrub_error(e);
        assert_eq!((e.code.as_str(), e.message.as_str(), e.request_id.as_deref()), (&*format!("Bad{MARKER}"), &*format!("no {MARKER}"), Some(&*format!("id-{MARKER}"))));
        assert_eq!((e.kind, e.status_code), (ErrorKind::Service, Some(400)));
    }

    #[test]
    fn text_without_secrets_is_unchanged_including_escapes_and_non_ascii() {
        let s = scrubber(&[PW]);
        let text = r#"Ünïcode \"quoted\" 100% + \u00e9 \n done"#;
        assert_eq!(s.scrub(text), text);
    }

    #[test]
    fn a_secret_after_a_long_run_of_escapes_is_still_found() {
        // Every escape starts a partial match that dies within a few characters: the matcher keeps only the live
        // ones, so a long error page of escapes costs time in proportion to its length (timed by no test here).
        let s = scrubber(&[PW, "another-secret-value", "SENTINEL-9"]);
        let text = r#"\\\"%5C%22+\u005c"#.repeat(4000) + PW;
        let scrubbed = s.scrub(&text);
        assert!(scrubbed.ends_with(MARKER));
        assert_eq!(scrubbed.len(), text.len() - PW.len() + MARKER.len());
    }
}
