//! JSON for the ABI in a buffer allocated once, at its final size.
//!
//! Why: a response holds tokens, and `cgip_buffer_free` can wipe only the buffer it is handed back.
//! Serialising into a growing `Vec` reallocates as it goes, and each move leaves the bytes written so far
//! in freed memory that nothing wipes (`shrink_to_fit` afterwards can move it once more). Counting the bytes
//! in a first pass costs a second serialisation of a few hundred bytes, next to a network call; the buffer
//! then never moves and crosses the ABI without spare capacity.

use std::io;

use serde::Serialize;

pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut counted = ByteCount(0);
    // The values written across the ABI are strings, numbers and string-keyed maps: they always serialise.
    serde_json::to_writer(&mut counted, value).expect("ABI values serialise");
    let mut out = Vec::with_capacity(counted.0);
    serde_json::to_writer(&mut out, value).expect("ABI values serialise");
    out
}

struct ByteCount(usize);

impl io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuthResponse, AuthenticationResult};

    #[test]
    fn a_response_fills_its_buffer_exactly_and_reads_back() {
        let mut result = AuthenticationResult::default();
        result.access_token = Some("a\"ccess-\u{e9}-token".repeat(300));
        result.expires_in = 3600;
        let response = AuthResponse {
            challenge_parameters: Some((0..50).map(|i| (format!("K{i}"), format!("v\n{i}"))).collect()),
            authentication_result: Some(result),
            ..Default::default()
        };
        let bytes = to_vec(&response);
        assert_eq!(bytes.len(), bytes.capacity(), "the buffer has spare capacity, so it was not sized exactly");
        assert_eq!(bytes, serde_json::to_vec(&response).unwrap());
    }
}
