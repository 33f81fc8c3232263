//! RFC 6238 TOTP codes for Cognito's `SOFTWARE_TOKEN_MFA`: HMAC-SHA-1, 6 digits, 30-second steps, from the
//! base32 `SecretCode` that AssociateSoftwareToken returns. The computation is the `totp-rs` crate's.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use totp_rs::{Algorithm, Builder, Secret};
use zeroize::Zeroizing;

/// Digits in a Cognito TOTP code.
pub const TOTP_DIGITS: u8 = 6;
/// Seconds per TOTP step.
pub const TOTP_STEP_SECONDS: u64 = 30;

/// Why no TOTP code could be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TotpError {
    /// The secret is empty (after removing whitespace and `=` padding).
    EmptySecret,
    /// The secret is not RFC 4648 base32.
    InvalidBase32,
    /// The time is before 1970.
    TimeBeforeEpoch,
}

impl fmt::Display for TotpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TotpError::EmptySecret => "the TOTP secret is empty",
            TotpError::InvalidBase32 => "the TOTP secret is not base32 (RFC 4648: A-Z and 2-7)",
            TotpError::TimeBeforeEpoch => "the time is before 1970-01-01",
        })
    }
}

impl std::error::Error for TotpError {}

/// The 6-digit code (with leading zeros) for `unix_time` (seconds since 1970).
///
/// `secret_b32` is read as pyotp reads it — case-insensitive, `=` padding optional — and, for secrets
/// copied from an authenticator app's display, ASCII whitespace is ignored.
pub fn totp_code(secret_b32: &str, unix_time: u64) -> Result<String, TotpError> {
    let mut normalized = Zeroizing::new(String::with_capacity(secret_b32.len()));
    normalized.extend(secret_b32.chars().filter(|c| !c.is_ascii_whitespace()).map(|c| c.to_ascii_uppercase()));
    let unpadded_len = normalized.trim_end_matches('=').len();
    normalized.truncate(unpadded_len);
    if normalized.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    let secret = Secret::try_from_base32(normalized.as_str()).map_err(|_| TotpError::InvalidBase32)?;
    // build_noncompliant: RFC 4226 asks for secrets of at least 128 bits; pyotp and authenticator apps take
    // shorter ones too, and Cognito's are longer anyway.
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(TOTP_DIGITS)
        .with_step_duration(TOTP_STEP_SECONDS)
        .with_secret(secret)
        .build_noncompliant();
    Ok(totp.generate(unix_time).to_string())
}

/// [`totp_code`] for the current time.
pub fn totp_code_now(secret_b32: &str) -> Result<String, TotpError> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| TotpError::TimeBeforeEpoch)?;
    totp_code(secret_b32, now.as_secs())
}

/// Seconds until the code for `unix_time` changes.
pub fn seconds_remaining(unix_time: u64) -> u64 {
    TOTP_STEP_SECONDS - unix_time % TOTP_STEP_SECONDS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 seed "12345678901234567890" in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc6238_sha1_vectors_truncated_to_six_digits() {
        // Appendix B lists 8-digit codes; the 6-digit codes are their last six digits.
        for (t, eight) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(totp_code(RFC_SECRET, t).unwrap(), eight[2..], "t = {t}");
        }
    }

    #[test]
    fn codes_change_every_thirty_seconds() {
        assert_eq!(totp_code(RFC_SECRET, 30).unwrap(), totp_code(RFC_SECRET, 59).unwrap());
        assert_ne!(totp_code(RFC_SECRET, 59).unwrap(), totp_code(RFC_SECRET, 60).unwrap());
        assert_eq!(seconds_remaining(59), 1);
        assert_eq!(seconds_remaining(60), 30);
    }

    #[test]
    fn secret_spelling_is_forgiven_like_pyotp() {
        let code = totp_code(RFC_SECRET, 59).unwrap();
        assert_eq!(totp_code(&RFC_SECRET.to_lowercase(), 59).unwrap(), code);
        assert_eq!(totp_code("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ\n", 59).unwrap(), code);
        // 20 bytes is a whole number of base32 blocks; a 10-byte secret "1234567890" needs "======".
        assert_eq!(totp_code("GEZDGNBVGY3TQOJQ", 59), totp_code("GEZDGNBVGY3TQOJQ====", 59));
    }

    #[test]
    fn codes_keep_leading_zeros() {
        // t = 1111111109 gives 081804 for the RFC secret.
        assert_eq!(totp_code(RFC_SECRET, 1_111_111_109).unwrap(), "081804");
    }

    #[test]
    fn bad_secrets_are_refused() {
        assert_eq!(totp_code("", 0), Err(TotpError::EmptySecret));
        assert_eq!(totp_code(" == ", 0), Err(TotpError::EmptySecret));
        assert_eq!(totp_code("GEZDGNB1", 0), Err(TotpError::InvalidBase32));
        assert_eq!(totp_code("GEZDGNBÄ", 0), Err(TotpError::InvalidBase32));
    }

    #[test]
    fn now_works() {
        assert_eq!(totp_code_now(RFC_SECRET).unwrap().len(), 6);
    }
}
