//! Reading the tokens Cognito returns (ID, access) **without verifying them**: for showing claims and
//! knowing when a token expires, never for trusting what it says. Verification needs the pool's JWKS.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

/// Why a string could not be decoded as a JWT.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// Not three `.`-separated parts (a JWE has five; those cannot be read without the key).
    NotThreeParts(usize),
    /// A part is not base64url.
    InvalidBase64 { part: &'static str },
    /// A part does not decode to a JSON object.
    NotAJsonObject { part: &'static str },
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::NotThreeParts(n) => write!(f, "a JWT has 3 dot-separated parts, this has {n}"),
            JwtError::InvalidBase64 { part } => write!(f, "the JWT {part} is not base64url"),
            JwtError::NotAJsonObject { part } => write!(f, "the JWT {part} is not a JSON object"),
        }
    }
}

impl std::error::Error for JwtError {}

/// A JWT's header and payload, decoded but not verified.
#[derive(Debug, Clone, PartialEq)]
pub struct UnverifiedJwt {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
}

impl UnverifiedJwt {
    /// A payload claim.
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.payload.get(name)
    }

    /// `exp` in seconds since 1970 (a NumericDate may have a fraction; it is dropped towards the past).
    pub fn exp(&self) -> Option<i64> {
        numeric_date(self.payload.get("exp")?)
    }

    /// `exp` as a time.
    pub fn expires_at(&self) -> Option<SystemTime> {
        let exp = self.exp()?;
        if exp >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(exp as u64))
        } else {
            UNIX_EPOCH.checked_sub(Duration::from_secs(exp.unsigned_abs()))
        }
    }

    /// Whether the token has expired at `now` (`exp <= now`, as RFC 7519 §4.1.4 says); `None` without `exp`.
    pub fn is_expired_at(&self, now: SystemTime) -> Option<bool> {
        Some(self.expires_at()? <= now)
    }
}

fn numeric_date(v: &Value) -> Option<i64> {
    if let Some(i) = v.as_i64() {
        return Some(i);
    }
    let f = v.as_f64()?;
    (f.is_finite() && f >= i64::MIN as f64 && f < i64::MAX as f64).then(|| f.floor() as i64)
}

/// Splits a compact JWS and base64url-decodes its header and payload into JSON objects. The signature is
/// neither decoded nor checked. Trailing `=` padding, which some encoders leave, is tolerated.
pub fn decode_unverified(token: &str) -> Result<UnverifiedJwt, JwtError> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    if parts.len() != 3 {
        return Err(JwtError::NotThreeParts(parts.len()));
    }
    Ok(UnverifiedJwt { header: decode_part(parts[0], "header")?, payload: decode_part(parts[1], "payload")? })
}

fn decode_part(part: &str, name: &'static str) -> Result<Map<String, Value>, JwtError> {
    let bytes =
        URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).map_err(|_| JwtError::InvalidBase64 { part: name })?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(JwtError::NotAJsonObject { part: name }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(v: &Value) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
    }

    fn token(header: &Value, payload: &Value) -> String {
        format!("{}.{}.c2lnbmF0dXJl", b64(header), b64(payload))
    }

    #[test]
    fn decodes_header_and_payload() {
        let header = json!({"kid": "abc", "alg": "RS256"});
        let payload = json!({"sub": "5f3c", "token_use": "access", "exp": 1_762_333_624, "cognito:groups": ["a"]});
        let jwt = decode_unverified(&token(&header, &payload)).unwrap();
        assert_eq!(Value::Object(jwt.header.clone()), header);
        assert_eq!(Value::Object(jwt.payload.clone()), payload);
        assert_eq!(jwt.claim("token_use"), Some(&json!("access")));
        assert_eq!(jwt.exp(), Some(1_762_333_624));
        let exp = UNIX_EPOCH + Duration::from_secs(1_762_333_624);
        assert_eq!(jwt.expires_at(), Some(exp));
        assert_eq!(jwt.is_expired_at(exp - Duration::from_secs(1)), Some(false));
        assert_eq!(jwt.is_expired_at(exp), Some(true));
    }

    #[test]
    fn reads_url_safe_characters_and_utf8() {
        // "?>?" encodes to "Pz4_" in base64url ("Pz4/" in standard base64).
        let payload = json!({"name": "Jöhn ✓", "x": "?>?>?>"});
        let jwt = decode_unverified(&token(&json!({"alg": "none"}), &payload)).unwrap();
        assert_eq!(Value::Object(jwt.payload), payload);
    }

    #[test]
    fn exp_variants() {
        let exp = |v: Value| decode_unverified(&token(&json!({}), &json!({ "exp": v }))).unwrap().exp();
        assert_eq!(exp(json!(1.9)), Some(1));
        assert_eq!(exp(json!(-1.5)), Some(-2));
        assert_eq!(exp(json!("1")), None);
        assert_eq!(exp(json!(1e300)), None);
        let none = decode_unverified(&token(&json!({}), &json!({}))).unwrap();
        assert_eq!((none.exp(), none.is_expired_at(SystemTime::now())), (None, None));
    }

    #[test]
    fn tolerates_padding_and_whitespace() {
        let t = format!("{}==.{}=.sig\n", b64(&json!({"a": 1})), b64(&json!({"b": 2})));
        assert!(decode_unverified(&t).is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_jws() {
        let h = b64(&json!({"alg": "none"}));
        assert_eq!(decode_unverified("a.b"), Err(JwtError::NotThreeParts(2)));
        assert_eq!(decode_unverified("a.b.c.d.e"), Err(JwtError::NotThreeParts(5)));
        assert_eq!(decode_unverified(&format!("{h}.@@.s")), Err(JwtError::InvalidBase64 { part: "payload" }));
        assert_eq!(decode_unverified(&format!("{h}.W10.s")), Err(JwtError::NotAJsonObject { part: "payload" }));
        assert_eq!(decode_unverified(&format!("bm9wZQ.{h}.s")), Err(JwtError::NotAJsonObject { part: "header" }));
    }
}
