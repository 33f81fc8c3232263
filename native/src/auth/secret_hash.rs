//! Cognito's `SECRET_HASH`: required on every user-pool call that names a user when the app client has a
//! client secret.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// `Base64(HMAC-SHA256(key = client_secret, message = username + client_id))`.
///
/// `username` must be the name Cognito knows the user by in that call: the one the caller sent to
/// InitiateAuth, and for the challenge responses the `USERNAME` challenge parameter Cognito returned (which
/// can differ, e.g. when signing in with an e-mail alias).
pub fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(client_secret.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_known_value() {
        // HMAC-SHA256(key="key", msg="The quick brown fox jumps over the lazy dog") is the Wikipedia HMAC
        // example f7bc83f4…; the message is split between username and client id here.
        assert_eq!(
            secret_hash("key", "The quick brown fox ", "jumps over the lazy dog"),
            "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg="
        );
    }

    #[test]
    fn is_the_concatenation_of_username_and_client_id() {
        assert_eq!(secret_hash("s", "ab", "c"), secret_hash("s", "a", "bc"));
        assert_ne!(secret_hash("s", "ab", "c"), secret_hash("t", "ab", "c"));
    }

    #[test]
    fn accepts_empty_and_long_keys() {
        assert_eq!(secret_hash("", "u", "c").len(), 44);
        assert_eq!(secret_hash(&"k".repeat(200), "u", "c").len(), 44);
    }
}
