//! The checks of a Cognito ID or access token, as aws-jwt-verify's `CognitoJwtVerifier` makes them, as pure
//! functions: no fetching, no clock (the caller says what time it is). [`crate::verify`] runs them in order
//! and [`crate::jwks`] finds the key.
//!
//! Sources (awslabs/aws-jwt-verify, v5): `src/jwt.ts` (`decomposeJwt`: the token's shape and claim types;
//! `validateJwtFields`: exp, nbf, issuer, scope), `src/jwt-verifier.ts` (`getVerifyParameters`: the issuer is
//! checked before any key is fetched; `validateJwtHeaderAndJwk`: the key's use, kty and alg), `src/jwk.ts`
//! (`assertIsJwks`/`assertIsJwk`: what a JWKS must look like), `src/cognito-verifier.ts`
//! (`validateCognitoJwtFields`: groups, token_use, then aud or client_id by token_use) and `src/assert.ts`
//! (missing, mistyped and not-allowed values are three different failures).
//!
//! Messages name the check that failed and, where they are not secret, the claim values found and expected.
//! They never hold the token or any part of it as sent (header, payload, signature).

use std::fmt;

use jsonwebtoken::{Algorithm, DecodingKey};
use serde_json::{Map, Value};

use super::jwt::{decode_unverified, JwtError};

/// The token is not a JWT (three base64url parts of JSON objects), or a claim has the wrong JSON type.
pub const JWT_PARSE_ERROR: &str = "JwtParseError";
/// The header's `alg` is not RS256 (`none`, HS256...), or the key is for another algorithm.
pub const JWT_INVALID_ALGORITHM: &str = "JwtInvalidAlgorithm";
/// The header has no `kid`, so no key can be chosen.
pub const JWT_WITHOUT_VALID_KID: &str = "JwtWithoutValidKid";
/// `iss` is missing or is not the user pool's issuer.
pub const JWT_INVALID_ISSUER: &str = "JwtInvalidIssuer";
/// The header's `kid` is not in the JWKS, even after fetching it again.
pub const JWT_UNKNOWN_KID: &str = "JwtUnknownKid";
/// The key with that kid has a `use` other than `sig`.
pub const JWK_INVALID_USE: &str = "JwkInvalidUse";
/// The key with that kid is not an RSA key.
pub const JWK_INVALID_KTY: &str = "JwkInvalidKty";
/// The key with that kid has no usable modulus or exponent.
pub const JWK_INVALID: &str = "JwkInvalid";
/// The signature does not match header and payload under the key.
pub const JWT_INVALID_SIGNATURE: &str = "JwtInvalidSignature";
/// The token has no `exp` claim.
pub const JWT_MISSING_EXP: &str = "JwtMissingExp";
/// `exp` has passed (beyond the grace).
pub const JWT_EXPIRED: &str = "JwtExpired";
/// `nbf` has not come yet (beyond the grace).
pub const JWT_NOT_BEFORE: &str = "JwtNotBefore";
/// `token_use` is missing, not `id` or `access`, or not the one expected.
pub const JWT_INVALID_TOKEN_USE: &str = "JwtInvalidTokenUse";
/// The ID token's `aud` or the access token's `client_id` is missing or not one of the client ids.
pub const JWT_INVALID_AUDIENCE: &str = "JwtInvalidAudience";
/// `cognito:groups` holds none of the groups required.
pub const JWT_INVALID_GROUP: &str = "JwtInvalidGroup";
/// `scope` holds none of the scopes required.
pub const JWT_INVALID_SCOPE: &str = "JwtInvalidScope";

/// Every code a failed check has, for the C# side's table.
pub const CODES: [&str; 16] = [
    JWT_PARSE_ERROR,
    JWT_INVALID_ALGORITHM,
    JWT_WITHOUT_VALID_KID,
    JWT_INVALID_ISSUER,
    JWT_UNKNOWN_KID,
    JWK_INVALID_USE,
    JWK_INVALID_KTY,
    JWK_INVALID,
    JWT_INVALID_SIGNATURE,
    JWT_MISSING_EXP,
    JWT_EXPIRED,
    JWT_NOT_BEFORE,
    JWT_INVALID_TOKEN_USE,
    JWT_INVALID_AUDIENCE,
    JWT_INVALID_GROUP,
    JWT_INVALID_SCOPE,
];

/// A check the token failed: `code` is one of [`CODES`], `message` says what was found and expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailed {
    pub code: &'static str,
    pub message: String,
}

impl CheckFailed {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        CheckFailed { code, message: message.into() }
    }
}

impl fmt::Display for CheckFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for CheckFailed {}

/// The only signature algorithm accepted: Cognito signs its tokens with RS256. aws-jwt-verify also takes
/// RS384/RS512/ES*/EdDSA for other issuers; a Cognito token with one of those is not Cognito's.
pub const ALGORITHM: &str = "RS256";

/// What a token says it is for (`token_use`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    Id,
    Access,
}

impl TokenUse {
    pub fn name(self) -> &'static str {
        match self {
            TokenUse::Id => "id",
            TokenUse::Access => "access",
        }
    }

    /// `id` or `access`, as the claim spells them.
    pub fn from_claim(value: &str) -> Option<Self> {
        match value {
            "id" => Some(TokenUse::Id),
            "access" => Some(TokenUse::Access),
            _ => None,
        }
    }

    /// The claim that names the app client: an ID token's `aud`, an access token's `client_id`.
    pub fn client_claim(self) -> &'static str {
        match self {
            TokenUse::Id => "aud",
            TokenUse::Access => "client_id",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            TokenUse::Id => "ID token",
            TokenUse::Access => "access token",
        }
    }
}

/// One key of a JWKS as aws-jwt-verify's `assertIsJwk` accepts it: `kty` a string, and `use`, `alg`, `kid`,
/// `n`, `e` strings where present. Other members are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    pub kty: String,
    pub kid: Option<String>,
    pub key_use: Option<String>,
    pub alg: Option<String>,
    pub n: Option<String>,
    pub e: Option<String>,
}

/// A JSON Web Key Set: public keys only, so nothing here is secret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

impl Jwks {
    /// Reads a JWKS document. The problem, if any, names a member or a position, never a value.
    pub fn parse(document: &[u8]) -> Result<Jwks, String> {
        let value: Value = serde_json::from_slice(document).map_err(|e| crate::error::json_problem(&e))?;
        let Value::Object(mut set) = value else { return Err("it is not a JSON object".to_owned()) };
        let keys = match set.remove("keys") {
            Some(Value::Array(keys)) => keys,
            Some(_) => return Err("its keys member is not an array".to_owned()),
            None => return Err("it has no keys member".to_owned()),
        };
        let keys = keys.into_iter().enumerate().map(|(i, key)| Jwk::from_json(key).map_err(|p| format!("key {i} {p}"))).collect::<Result<_, _>>()?;
        Ok(Jwks { keys })
    }

    /// The key with this kid (aws-jwt-verify's `findJwkInJwks`: keys without a kid never match).
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.kid.as_deref() == Some(kid))
    }
}

impl Jwk {
    fn from_json(value: Value) -> Result<Jwk, String> {
        let Value::Object(mut key) = value else { return Err("is not a JSON object".to_owned()) };
        let mut member = |name: &str| match key.remove(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(format!("has a {name} member that is not a string")),
        };
        let kty = member("kty")?.ok_or_else(|| "has no kty".to_owned())?;
        Ok(Jwk { kty, kid: member("kid")?, key_use: member("use")?, alg: member("alg")?, n: member("n")?, e: member("e")? })
    }
}

/// A token taken apart but not yet trusted: what [`decompose`] found.
pub struct Decomposed<'a> {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
    /// `header.payload` as sent: what the signature covers.
    signing_input: &'a str,
    signature: &'a str,
}

impl fmt::Debug for Decomposed<'_> {
    /// Without the token's parts as sent.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decomposed").field("header", &self.header).field("payload", &self.payload).finish_non_exhaustive()
    }
}

impl Decomposed<'_> {
    fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }

    fn claim_str(&self, name: &str) -> Option<&str> {
        self.payload.get(name).and_then(Value::as_str)
    }
}

/// Takes a token apart as aws-jwt-verify's `decomposeJwt` does: three non-empty base64url parts (no padding,
/// nothing else), a header and a payload that are JSON objects, and the registered claims of the right types
/// where present (`alg`, `kid`, `iss`, `aud`, `scope`, `jti` strings; `exp`, `nbf`, `iat` numbers). White space
/// around the token (a pasted line) is ignored.
pub fn decompose(token: &str) -> Result<Decomposed<'_>, CheckFailed> {
    let token = token.trim();
    let parse_error = |what: String| CheckFailed::new(JWT_PARSE_ERROR, format!("The token is not a JWT: {what}."));
    if token.is_empty() {
        return Err(parse_error("it is empty".to_owned()));
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(parse_error(format!("a JWT has 3 dot-separated parts (header, payload, signature), this has {}", parts.len())));
    }
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')) {
        return Err(parse_error("each of its 3 parts must be non-empty base64url (A-Z, a-z, 0-9, - and _)".to_owned()));
    }
    let jwt = decode_unverified(token).map_err(|e: JwtError| parse_error(e.to_string()))?;
    for name in ["alg", "kid"] {
        if jwt.header.get(name).is_some_and(|v| !v.is_string()) {
            return Err(parse_error(format!("its header's {name} is not a string")));
        }
    }
    for name in ["exp", "nbf", "iat"] {
        if jwt.payload.get(name).is_some_and(|v| !v.is_number()) {
            return Err(parse_error(format!("its {name} claim is not a number")));
        }
    }
    for name in ["iss", "aud", "scope", "jti"] {
        if jwt.payload.get(name).is_some_and(|v| !v.is_string()) {
            return Err(parse_error(format!("its {name} claim is not a string")));
        }
    }
    let signing_end = parts[0].len() + 1 + parts[1].len();
    Ok(Decomposed { header: jwt.header, payload: jwt.payload, signing_input: &token[..signing_end], signature: parts[2] })
}

/// The issuer check, made before any key is looked up (aws-jwt-verify's `getVerifyParameters`): `iss` must be
/// one of `expected`. Returns the one it is, which decides where the keys come from.
pub fn check_issuer<'e>(token: &Decomposed<'_>, expected: &'e [String]) -> Result<&'e str, CheckFailed> {
    let want = one_of(expected);
    let Some(iss) = token.claim_str("iss") else {
        return Err(CheckFailed::new(JWT_INVALID_ISSUER, format!("The token has no issuer (iss); expected {want}.")));
    };
    expected
        .iter()
        .find(|e| e.as_str() == iss)
        .map(String::as_str)
        .ok_or_else(|| CheckFailed::new(JWT_INVALID_ISSUER, format!("The token's issuer is {}; expected {want}.", shown(iss))))
}

/// The header's algorithm (RS256 only) and key id. aws-jwt-verify checks the algorithm once it has the key;
/// here it is checked first, so that an unsigned or HMAC token costs no fetch.
pub fn check_header<'t>(token: &'t Decomposed<'_>) -> Result<&'t str, CheckFailed> {
    match token.header_str("alg") {
        Some(ALGORITHM) => {}
        Some(alg) => {
            return Err(CheckFailed::new(
                JWT_INVALID_ALGORITHM,
                format!("The token's signature algorithm is {}; only {ALGORITHM} is accepted (Cognito signs with {ALGORITHM}).", shown(alg)),
            ))
        }
        None => {
            return Err(CheckFailed::new(
                JWT_INVALID_ALGORITHM,
                format!("The token's header names no signature algorithm (alg); Cognito signs with {ALGORITHM}."),
            ))
        }
    }
    match token.header_str("kid") {
        Some(kid) if !kid.is_empty() => Ok(kid),
        _ => Err(CheckFailed::new(JWT_WITHOUT_VALID_KID, "The token's header has no key id (kid), so no key of the JWKS can check it.")),
    }
}

/// The key chosen by kid must be a signing key (`use` is `sig` where present), an RSA key, for RS256 where it
/// says (`alg`), with a modulus and exponent (aws-jwt-verify's `validateJwtHeaderAndJwk`).
pub fn check_key(jwk: &Jwk) -> Result<DecodingKey, CheckFailed> {
    let kid = shown(jwk.kid.as_deref().unwrap_or(""));
    if let Some(key_use) = jwk.key_use.as_deref().filter(|u| *u != "sig") {
        return Err(CheckFailed::new(JWK_INVALID_USE, format!("The key {kid} is for use {}, not for signatures (sig).", shown(key_use))));
    }
    if jwk.kty != "RSA" {
        return Err(CheckFailed::new(JWK_INVALID_KTY, format!("The key {kid} is of type {}; expected RSA.", shown(&jwk.kty))));
    }
    if let Some(alg) = jwk.alg.as_deref().filter(|a| *a != ALGORITHM) {
        return Err(CheckFailed::new(
            JWT_INVALID_ALGORITHM,
            format!("The key {kid} is for algorithm {}, the token is signed with {ALGORITHM}.", shown(alg)),
        ));
    }
    let (Some(n), Some(e)) = (jwk.n.as_deref().filter(|n| !n.is_empty()), jwk.e.as_deref().filter(|e| !e.is_empty())) else {
        return Err(CheckFailed::new(JWK_INVALID, format!("The key {kid} has no modulus (n) or exponent (e).")));
    };
    DecodingKey::from_rsa_components(n, e)
        .map_err(|_| CheckFailed::new(JWK_INVALID, format!("The key {kid} has a modulus or exponent that is not base64url.")))
}

/// The RS256 signature over `header.payload` as sent, under `key` (jsonwebtoken on ring: RSASSA-PKCS1-v1_5
/// with SHA-256, keys of 2048 to 8192 bits).
pub fn check_signature(token: &Decomposed<'_>, key: &DecodingKey, kid: &str) -> Result<(), CheckFailed> {
    match jsonwebtoken::crypto::verify(token.signature, token.signing_input.as_bytes(), key, Algorithm::RS256) {
        Ok(true) => Ok(()),
        _ => Err(CheckFailed::new(
            JWT_INVALID_SIGNATURE,
            format!("The token's signature is not valid under the key {}: the token was altered, or signed by another key.", shown(kid)),
        )),
    }
}

/// What the claims must say, besides the issuer.
#[derive(Debug, Clone, Copy)]
pub struct Expectations<'a> {
    /// `None`: either, but it must be one of the two.
    pub token_use: Option<TokenUse>,
    /// `aud` (ID token) or `client_id` (access token) must be one of these.
    pub client_ids: &'a [String],
    /// When not empty, `cognito:groups` must hold at least one.
    pub groups: &'a [String],
    /// When not empty, the space-separated `scope` must hold at least one.
    pub scopes: &'a [String],
    /// Clock skew allowed for exp and nbf.
    pub grace_seconds: u32,
    /// Unix seconds.
    pub now: i64,
}

/// What the claims turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub token_use: TokenUse,
    /// `exp`, unix seconds (a fraction dropped).
    pub expires: i64,
}

/// The claims, in aws-jwt-verify's order: `validateJwtFields` (exp, nbf, scope; the issuer was checked
/// before the key) then `validateCognitoJwtFields` (groups, token_use, client id).
///
/// * `exp`: expired when `exp + grace < now`, as aws-jwt-verify compares it (so a token is still good in the
///   second `exp` names). aws-jwt-verify checks exp only where present; here it is required, as every Cognito
///   token has one and the answer reports it.
/// * `nbf`, where present: too early when `nbf - grace > now`.
/// * `iat` is not compared with the clock: aws-jwt-verify only checks that it is a number (in [`decompose`]).
pub fn check_claims(payload: &Map<String, Value>, expect: &Expectations<'_>) -> Result<Checked, CheckFailed> {
    let grace = f64::from(expect.grace_seconds);
    let now = expect.now as f64;
    let with_grace = if expect.grace_seconds > 0 { format!(", with {} s of grace", expect.grace_seconds) } else { String::new() };

    let Some(exp) = payload.get("exp").and_then(Value::as_f64) else {
        return Err(CheckFailed::new(JWT_MISSING_EXP, "The token has no expiry (exp); Cognito's tokens always have one."));
    };
    if exp + grace < now {
        return Err(CheckFailed::new(
            JWT_EXPIRED,
            format!("The token expired at {} (it is now {}{with_grace}).", time(exp), time(now)),
        ));
    }
    if let Some(nbf) = payload.get("nbf").and_then(Value::as_f64) {
        if nbf - grace > now {
            return Err(CheckFailed::new(
                JWT_NOT_BEFORE,
                format!("The token is not valid before {} (it is now {}{with_grace}).", time(nbf), time(now)),
            ));
        }
    }

    if !expect.scopes.is_empty() {
        let scopes: Vec<&str> = payload.get("scope").and_then(Value::as_str).map(|s| s.split(' ').collect()).unwrap_or_default();
        overlap(JWT_INVALID_SCOPE, "scope", Some(scopes).filter(|s| !s.is_empty()), expect.scopes)?;
    }

    if !expect.groups.is_empty() {
        let groups = match payload.get("cognito:groups") {
            None | Some(Value::Null) => None,
            Some(Value::String(one)) => Some(vec![one.as_str()]),
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(Value::as_str)
                    .collect::<Option<Vec<&str>>>()
                    .ok_or_else(|| CheckFailed::new(JWT_INVALID_GROUP, "The token's cognito:groups has members that are not strings."))?,
            ),
            Some(_) => return Err(CheckFailed::new(JWT_INVALID_GROUP, "The token's cognito:groups is not a list.")),
        };
        overlap(JWT_INVALID_GROUP, "cognito:groups", groups.filter(|g| !g.is_empty()), expect.groups)?;
    }

    let token_use = match payload.get("token_use") {
        None | Some(Value::Null) => {
            return Err(CheckFailed::new(JWT_INVALID_TOKEN_USE, "The token has no token_use; a Cognito token's is id or access."))
        }
        Some(Value::String(u)) => TokenUse::from_claim(u).ok_or_else(|| {
            CheckFailed::new(JWT_INVALID_TOKEN_USE, format!("The token's token_use is {}; expected id or access.", shown(u)))
        })?,
        Some(_) => return Err(CheckFailed::new(JWT_INVALID_TOKEN_USE, "The token's token_use is not a string.")),
    };
    if let Some(want) = expect.token_use.filter(|w| *w != token_use) {
        return Err(CheckFailed::new(
            JWT_INVALID_TOKEN_USE,
            format!("The token's token_use is {}; expected {}.", token_use.name(), want.name()),
        ));
    }

    let claim = token_use.client_claim();
    let noun = token_use.noun();
    match payload.get(claim) {
        None | Some(Value::Null) => {
            return Err(CheckFailed::new(
                JWT_INVALID_AUDIENCE,
                format!("The {noun} has no client id ({claim}); expected {}.", one_of(expect.client_ids)),
            ))
        }
        Some(Value::String(id)) if expect.client_ids.iter().any(|c| c == id) => {}
        Some(Value::String(id)) => {
            return Err(CheckFailed::new(
                JWT_INVALID_AUDIENCE,
                format!("The {noun}'s client id ({claim}) is {}; expected {}.", shown(id), one_of(expect.client_ids)),
            ))
        }
        Some(_) => return Err(CheckFailed::new(JWT_INVALID_AUDIENCE, format!("The {noun}'s {claim} is not a string."))),
    }

    Ok(Checked { token_use, expires: exp.floor() as i64 })
}

/// aws-jwt-verify's `assertStringArraysOverlap`: at least one value found is one expected.
fn overlap(code: &'static str, claim: &str, found: Option<Vec<&str>>, expected: &[String]) -> Result<(), CheckFailed> {
    let want = one_of(expected);
    let Some(found) = found else {
        return Err(CheckFailed::new(code, format!("The token has no {claim}; expected {want}.")));
    };
    if found.iter().any(|f| expected.iter().any(|e| e == f)) {
        return Ok(());
    }
    let found: Vec<String> = found.iter().map(|f| shown(f)).collect();
    Err(CheckFailed::new(code, format!("The token's {claim} is {}; expected {want}.", found.join(", "))))
}

/// `a`, or `one of a, b, c`.
fn one_of(values: &[String]) -> String {
    let shown: Vec<String> = values.iter().map(|v| shown(v)).collect();
    match shown.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", shown.join(", ")),
    }
}

/// A value from the token, as a message shows it: at most [`SHOWN_CHARS`] chars, control chars escaped. A
/// claim is attacker-chosen text until the signature is checked.
pub(crate) fn shown(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if out.is_empty() {
        "(empty)".to_owned()
    } else {
        out
    }
}

const SHOWN_CHARS: usize = 120;

/// Unix seconds as an RFC 3339 time (UTC), or the number where it is out of range.
fn time(seconds: f64) -> String {
    let whole = seconds.floor();
    if whole.is_finite() && whole.abs() < 1e15 {
        if let Ok(text) = aws_smithy_types::DateTime::from_secs(whole as i64).fmt(aws_smithy_types::date_time::Format::DateTime) {
            return text;
        }
    }
    format!("{seconds} (unix seconds)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwks_is_read_as_aws_jwt_verify_accepts_it_and_problems_quote_no_value() {
        let jwks = Jwks::parse(br#"{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB","x5c":["ignored"]},{"kty":"EC"}]}"#).unwrap();
        assert_eq!(jwks.keys.len(), 2);
        assert_eq!(jwks.find("a").map(|k| k.kty.as_str()), Some("RSA"));
        assert_eq!(jwks.find(""), None, "a key without kid is never chosen");
        for (document, problem) in [
            (&b"[]"[..], "it is not a JSON object"),
            (b"{}", "it has no keys member"),
            (b"{\"keys\":null}", "its keys member is not an array"),
            (b"{\"keys\":[7]}", "key 0 is not a JSON object"),
            (b"{\"keys\":[{\"kty\":\"RSA\",\"use\":[\"sig\"]}]}", "key 0 has a use member that is not a string"),
            (b"{\"keys\":[\"SENTINEL\"", "the JSON ends early (line 1, column 19)"),
        ] {
            assert_eq!(Jwks::parse(document).unwrap_err(), problem);
        }
    }

    #[test]
    fn shown_values_are_bounded_and_never_empty() {
        assert_eq!(shown("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(shown(""), "(empty)");
        assert_eq!(shown(&"é".repeat(SHOWN_CHARS + 1)).chars().count(), SHOWN_CHARS + 1);
    }

    #[test]
    fn times_are_rfc3339_or_the_number() {
        assert_eq!(time(1_700_000_000.9), "2023-11-14T22:13:20Z");
        assert!(time(1e300).ends_with(" (unix seconds)"));
        assert_eq!(time(-1.5), "1969-12-31T23:59:58Z");
    }
}
