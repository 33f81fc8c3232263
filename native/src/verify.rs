//! Verifying a Cognito ID or access token as aws-jwt-verify's `CognitoJwtVerifier` does: the signature with
//! the user pool's key, then issuer, expiry, token use, client id, and the groups and scopes asked for.
//!
//! [`verify_token`] runs the checks of [`crate::auth::verify`] in aws-jwt-verify's order, with the key from
//! [`crate::jwks`] (fetched and kept) or from a JWKS document the caller passes (no fetch). A token that
//! fails a check is an error of kind [`ErrorKind::Verification`] whose `code` names the check
//! ([`crate::auth::verify::CODES`]). Bad input is `InvalidRequest`; a JWKS that cannot be fetched is
//! `Transport`, `Timeout` or `InvalidResponse`, naming the URL.
//!
//! The issuer. By default a token may carry either issuer form of the pool (awslabs/aws-jwt-verify
//! `src/cognito-verifier.ts`, which registers both since v5.2.0; the form is in the API reference's
//! `IssuerConfigurationType`):
//! * original: `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`;
//! * updated, the multi-Region form (recommended for pools with multi-Region replication; one JWKS served
//!   from every Region of the pool): `https://issuer-cognito-idp.{region}.amazonaws.com/{userPoolId}`, where
//!   the region is the pool's primary Region, the prefix of its id.
//!
//! The keys are fetched from `{the token's issuer}/.well-known/jwks.json` (aws-jwt-verify's `withJwksUri`),
//! so from the issuer form the token carries. `issuer` replaces both forms with one exact value (a pool of
//! another partition, a local stand-in); `jwksUri` replaces where the keys are fetched from.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize};
use zeroize::Zeroizing;

use crate::auth::verify::{self as checks, CheckFailed, Expectations, Jwks, TokenUse};
use crate::error::{ErrorKind, NativeError};
use crate::settings::ClientSettings;

contract! {
    /// What to verify and against what. `userPoolId` (or `issuer`) and `clientIds` are required.
    #[derive(Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct VerifyTokenInput (in, "camelCase") {
        /// The ID or access token.
        #[serde(default, deserialize_with = "zeroizing")]
        pub token: Option<Zeroizing<String>>,
        /// e.g. `eu-west-1_AbC123`; the region is its prefix.
        pub user_pool_id: Option<String>,
        /// `id`, `access`, or absent for either.
        pub token_use: Option<String>,
        /// The ID token's `aud` or the access token's `client_id` must be one of these.
        pub client_ids: Option<Vec<String>>,
        /// When given, `cognito:groups` must hold at least one of these.
        pub groups: Option<Vec<String>>,
        /// When given, the access token's `scope` must hold at least one of these.
        pub scopes: Option<Vec<String>>,
        /// Clock skew allowed for `exp` and `nbf` (aws-jwt-verify's graceSeconds); 0 when absent.
        pub grace_seconds: Option<u32>,
        /// The one issuer accepted, instead of the pool's two forms; with it `userPoolId` may be absent.
        pub issuer: Option<String>,
        /// Where the JWKS is fetched from, instead of `{issuer}/.well-known/jwks.json`.
        pub jwks_uri: Option<String>,
        /// A JWKS document (JSON text) to verify with: nothing is fetched or kept.
        #[serde(default, deserialize_with = "zeroizing")]
        pub jwks: Option<Zeroizing<String>>,
        /// Unix seconds to check `exp` and `nbf` against, instead of now.
        pub now: Option<i64>,
    }
}

contract! {
    /// A token that passed every check.
    #[derive(Debug, Serialize)]
    pub struct VerifiedToken (out, "camelCase") {
        /// The payload: every claim.
        pub claims: serde_json::Map<String, serde_json::Value>,
        /// `id` or `access`.
        pub token_use: String,
        /// The key that signed it.
        pub kid: String,
        /// `exp`, unix seconds.
        pub expires: i64,
        /// Where the key came from; absent for a JWKS passed in.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub jwks_uri: Option<String>,
    }
}

fn zeroizing<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Zeroizing<String>>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.map(Zeroizing::new))
}

/// Without the token.
impl std::fmt::Debug for VerifyTokenInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyTokenInput")
            .field("user_pool_id", &self.user_pool_id)
            .field("token_use", &self.token_use)
            .field("client_ids", &self.client_ids)
            .field("groups", &self.groups)
            .field("scopes", &self.scopes)
            .field("grace_seconds", &self.grace_seconds)
            .field("issuer", &self.issuer)
            .field("jwks_uri", &self.jwks_uri)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl VerifyTokenInput {
    /// What no error may show: the token, and each of its three parts on its own (a signature alone is
    /// still the token's).
    pub fn secrets(&self) -> Vec<&str> {
        let Some(token) = self.token.as_deref() else { return Vec::new() };
        let token = token.trim();
        let mut secrets = vec![token];
        secrets.extend(token.split('.').filter(|p| !p.is_empty()));
        secrets
    }
}

impl From<CheckFailed> for NativeError {
    fn from(failed: CheckFailed) -> Self {
        NativeError::new(ErrorKind::Verification, failed.code, failed.message)
    }
}

/// The two issuer forms of a user pool (see the module's doc), or `None` when the id has no region prefix.
///
/// aws-jwt-verify takes ids matching `^[a-z]{2}-(gov-)?[a-z]+-\d_[a-zA-Z0-9]+$`; this takes any region of
/// lowercase words and a number (so also `eusc-de-east-1_...`) followed by `_` and letters or digits.
pub fn pool_issuers(user_pool_id: &str) -> Option<[String; 2]> {
    let (region, id) = user_pool_id.split_once('_')?;
    let words: Vec<&str> = region.split('-').collect();
    let (number, names) = words.split_last()?;
    let region_ok = names.len() >= 2
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && names.iter().all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
    (region_ok && id_ok).then(|| {
        [
            format!("https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"),
            format!("https://issuer-cognito-idp.{region}.amazonaws.com/{user_pool_id}"),
        ]
    })
}

/// aws-jwt-verify's default: the issuer's path plus `/.well-known/jwks.json`.
pub fn default_jwks_uri(issuer: &str) -> String {
    format!("{}/.well-known/jwks.json", issuer.trim_end_matches('/'))
}

/// Where the keys come from.
enum Keys {
    Offline(Jwks),
    Fetched { uri: Option<String> },
}

/// The input, checked before the token is looked at.
struct Plan {
    issuers: Vec<String>,
    keys: Keys,
    token_use: Option<TokenUse>,
    client_ids: Vec<String>,
    groups: Vec<String>,
    scopes: Vec<String>,
    grace_seconds: u32,
    now: i64,
}

/// The non-blank entries of a list, trimmed.
fn entries(list: Option<&Vec<String>>) -> Vec<String> {
    list.into_iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

impl Plan {
    fn of(input: &VerifyTokenInput) -> Result<Plan, NativeError> {
        let issuers = match (given(input.issuer.as_deref()), given(input.user_pool_id.as_deref())) {
            (Some(issuer), _) => vec![issuer.to_owned()],
            (None, Some(pool)) => pool_issuers(pool)
                .ok_or_else(|| {
                    NativeError::invalid_request(format!(
                        "userPoolId '{pool}' is not a user pool id: it starts with its region, as in eu-west-1_AbC123."
                    ))
                })?
                .to_vec(),
            (None, None) => {
                return Err(NativeError::invalid_request(
                    "No user pool to verify against: pass userPoolId (e.g. eu-west-1_AbC123), or the issuer itself.",
                ))
            }
        };
        let client_ids = entries(input.client_ids.as_ref());
        if client_ids.is_empty() {
            return Err(NativeError::invalid_request(
                "clientIds is required: the app client ids the token may be for (its aud or client_id must be one of them), as aws-jwt-verify requires clientId.",
            ));
        }
        let token_use = match given(input.token_use.as_deref()) {
            None => None,
            Some(name) => Some(TokenUse::from_claim(&name.to_ascii_lowercase()).ok_or_else(|| {
                NativeError::invalid_request(format!("tokenUse '{name}' is neither id nor access."))
            })?),
        };
        let jwks_uri = given(input.jwks_uri.as_deref());
        if let Some(uri) = jwks_uri.filter(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
            return Err(NativeError::invalid_request(format!("jwksUri '{uri}' is not an absolute http:// or https:// URL.")));
        }
        let keys = match (input.jwks.as_deref().map(|j| j.trim()).filter(|j| !j.is_empty()), jwks_uri) {
            (Some(_), Some(_)) => {
                return Err(NativeError::invalid_request("jwks and jwksUri exclude each other: pass the JWKS document, or where to fetch it."))
            }
            (Some(document), None) => Keys::Offline(
                Jwks::parse(document.as_bytes())
                    .map_err(|problem| NativeError::invalid_request(format!("The jwks given is not a JWKS: {problem}.")))?,
            ),
            (None, uri) => Keys::Fetched { uri: uri.map(str::to_owned) },
        };
        let now = input.now.unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64));
        Ok(Plan {
            issuers,
            keys,
            token_use,
            client_ids,
            groups: entries(input.groups.as_ref()),
            scopes: entries(input.scopes.as_ref()),
            grace_seconds: input.grace_seconds.unwrap_or(0),
            now,
        })
    }
}

/// Verifies `input.token`; see the module's doc. `settings` gives the JWKS fetch its environment (proxy) and
/// timeouts.
pub async fn verify_token(input: VerifyTokenInput, settings: &ClientSettings) -> Result<VerifiedToken, NativeError> {
    let plan = Plan::of(&input)?;
    let Some(token) = input.token.as_deref().filter(|t| !t.trim().is_empty()) else {
        return Err(NativeError::invalid_request("No token to verify: pass the ID or access token."));
    };
    let token = checks::decompose(token)?;
    let issuer = checks::check_issuer(&token, &plan.issuers)?;
    let kid = checks::check_header(&token)?.to_owned();
    let (jwk, jwks_uri) = match &plan.keys {
        Keys::Offline(jwks) => {
            let jwk = jwks.find(&kid).cloned().ok_or_else(|| {
                NativeError::new(
                    ErrorKind::Verification,
                    checks::JWT_UNKNOWN_KID,
                    format!("The key {} the token names is not in the JWKS given.", checks::shown(&kid)),
                )
            })?;
            (jwk, None)
        }
        Keys::Fetched { uri } => {
            let uri = uri.clone().unwrap_or_else(|| default_jwks_uri(issuer));
            (crate::jwks::key_for(&uri, &kid, settings).await?, Some(uri))
        }
    };
    let key = checks::check_key(&jwk)?;
    checks::check_signature(&token, &key, &kid)?;
    let checked = checks::check_claims(
        &token.payload,
        &Expectations {
            token_use: plan.token_use,
            client_ids: &plan.client_ids,
            groups: &plan.groups,
            scopes: &plan.scopes,
            grace_seconds: plan.grace_seconds,
            now: plan.now,
        },
    )?;
    Ok(VerifiedToken { claims: token.payload, token_use: checked.token_use.name().to_owned(), kid, expires: checked.expires, jwks_uri })
}

/// Keys, tokens and inputs for the tests of this module and of [`crate::jwks`].
#[cfg(test)]
pub(crate) mod fixtures {
    use std::sync::OnceLock;

    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    use rand_chacha::rand_core::SeedableRng;
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;
    use serde_json::{json, Value};

    use super::VerifyTokenInput;

    pub const POOL: &str = "eu-west-1_AbC123";
    pub const CLIENT: &str = "client-one";
    /// 2023-11-14T22:13:20Z.
    pub const NOW: i64 = 1_700_000_000;

    pub struct Key {
        pub kid: &'static str,
        pub signer: EncodingKey,
        pub n: String,
        pub e: String,
    }

    fn make(kid: &'static str, seed: u64) -> Key {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let private = rsa::RsaPrivateKey::new(&mut rng, 2048).expect("an RSA key");
        let der = private.to_pkcs1_der().expect("PKCS#1 DER");
        Key {
            kid,
            signer: EncodingKey::from_rsa_der(der.as_bytes()),
            n: URL_SAFE_NO_PAD.encode(private.n().to_bytes_be()),
            e: URL_SAFE_NO_PAD.encode(private.e().to_bytes_be()),
        }
    }

    /// Two keys, made once per test process from fixed seeds.
    pub fn keys() -> &'static [Key; 2] {
        static KEYS: OnceLock<[Key; 2]> = OnceLock::new();
        KEYS.get_or_init(|| [make("kid-one", 1), make("kid-two", 2)])
    }

    pub fn jwk(key: &Key) -> Value {
        json!({"kty": "RSA", "kid": key.kid, "use": "sig", "alg": "RS256", "n": key.n, "e": key.e})
    }

    pub fn jwks(keys: &[&Key]) -> String {
        json!({"keys": keys.iter().map(|k| jwk(k)).collect::<Vec<_>>()}).to_string()
    }

    pub fn issuer() -> String {
        format!("https://cognito-idp.eu-west-1.amazonaws.com/{POOL}")
    }

    pub fn access_claims() -> Value {
        json!({
            "sub": "5f3c-sub", "iss": issuer(), "client_id": CLIENT, "token_use": "access",
            "scope": "aws.cognito.signin.user.admin orders/read", "cognito:groups": ["admins", "staff"],
            "auth_time": NOW - 60, "iat": NOW - 60, "exp": NOW + 3600, "jti": "j-1", "username": "alice",
        })
    }

    pub fn id_claims() -> Value {
        json!({
            "sub": "5f3c-sub", "iss": issuer(), "aud": CLIENT, "token_use": "id", "email": "alice@example.com",
            "cognito:groups": ["admins"], "auth_time": NOW - 60, "iat": NOW - 60, "exp": NOW + 3600,
        })
    }

    /// `claims` signed with `key`, the header naming `kid`.
    pub fn sign_as(key: &Key, kid: &str, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&header, claims, &key.signer).expect("signed")
    }

    pub fn sign(key: &Key, claims: &Value) -> String {
        sign_as(key, key.kid, claims)
    }

    /// An input for `token` checked against the first key, offline, at [`NOW`].
    pub fn input(token: &str) -> VerifyTokenInput {
        VerifyTokenInput {
            token: Some(token.to_owned().into()),
            user_pool_id: Some(POOL.to_owned()),
            client_ids: Some(vec![CLIENT.to_owned()]),
            jwks: Some(jwks(&[&keys()[0]]).into()),
            now: Some(NOW),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::auth::verify::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use serde_json::{json, Value};

    fn run(input: VerifyTokenInput) -> Result<VerifiedToken, NativeError> {
        crate::runtime::runtime().block_on(verify_token(input, &ClientSettings::default()))
    }

    /// The failure, which must not show the token or any of its parts.
    fn refused(input: VerifyTokenInput) -> NativeError {
        let secrets: Vec<String> = input.secrets().iter().map(|s| s.to_string()).collect();
        let err = run(input).expect_err("the token must be refused");
        let json = String::from_utf8(err.to_json()).unwrap();
        for secret in secrets.iter().filter(|s| s.len() >= 4) {
            assert!(!json.contains(secret.as_str()) && !err.to_string().contains(secret.as_str()), "a part of the token leaked: {json}");
        }
        err
    }

    fn failed_check(input: VerifyTokenInput, code: &str) -> String {
        let err = refused(input);
        assert_eq!((err.kind, err.code.as_str()), (ErrorKind::Verification, code), "{}", err.message);
        err.message
    }

    fn with(claims: Value, changes: Value) -> Value {
        let mut claims = claims;
        for (name, value) in changes.as_object().unwrap() {
            if value.is_null() {
                claims.as_object_mut().unwrap().remove(name);
            } else {
                claims[name] = value.clone();
            }
        }
        claims
    }

    fn access(changes: Value) -> String {
        sign(&keys()[0], &with(access_claims(), changes))
    }

    fn id(changes: Value) -> String {
        sign(&keys()[0], &with(id_claims(), changes))
    }

    #[test]
    fn a_valid_access_token_gives_every_claim_its_use_kid_and_expiry() {
        let verified = run(input(&access(json!({})))).unwrap();
        assert_eq!(Value::Object(verified.claims.clone()), access_claims());
        assert_eq!((verified.token_use.as_str(), verified.kid.as_str(), verified.expires), ("access", "kid-one", NOW + 3600));
        assert_eq!(verified.jwks_uri, None, "an offline JWKS is not fetched");
        let json = serde_json::to_value(&verified).unwrap();
        assert_eq!(json["tokenUse"], "access");
        assert!(json.get("jwksUri").is_none());
    }

    #[test]
    fn a_valid_id_token_is_checked_by_aud_and_either_use_is_accepted_unless_one_is_asked() {
        let token = id(json!({}));
        assert_eq!(run(input(&token)).unwrap().token_use, "id");
        let mut asked = input(&token);
        asked.token_use = Some("ID".into());
        assert_eq!(run(asked).unwrap().claims["email"], "alice@example.com");
    }

    #[test]
    fn a_tampered_payload_fails_the_signature() {
        let token = access(json!({}));
        let parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(with(access_claims(), json!({"username": "mallory"})).to_string());
        let message = failed_check(input(&format!("{}.{forged}.{}", parts[0], parts[2])), JWT_INVALID_SIGNATURE);
        assert!(message.contains("kid-one"), "{message}");
    }

    #[test]
    fn a_token_signed_by_another_key_under_a_known_kid_fails_the_signature() {
        let token = sign_as(&keys()[1], "kid-one", &access_claims());
        failed_check(input(&token), JWT_INVALID_SIGNATURE);
    }

    #[test]
    fn a_kid_not_in_the_offline_jwks_is_unknown() {
        let token = sign(&keys()[1], &access_claims());
        let message = failed_check(input(&token), JWT_UNKNOWN_KID);
        assert!(message.contains("kid-two") && message.contains("JWKS given"), "{message}");
    }

    #[test]
    fn expiry_is_checked_with_the_grace_as_aws_jwt_verify_compares_it() {
        let token = access(json!({"exp": NOW - 10}));
        let message = failed_check(input(&token), JWT_EXPIRED);
        assert_eq!(message, "The token expired at 2023-11-14T22:13:10Z (it is now 2023-11-14T22:13:20Z).");
        let mut graced = input(&token);
        graced.grace_seconds = Some(10);
        assert_eq!(run(graced).unwrap().expires, NOW - 10, "exp + grace == now is still good");
        let mut short = input(&token);
        short.grace_seconds = Some(9);
        assert!(failed_check(short, JWT_EXPIRED).ends_with("with 9 s of grace)."));
        failed_check(input(&access(json!({"exp": null}))), JWT_MISSING_EXP);
    }

    #[test]
    fn a_token_not_yet_valid_is_refused_unless_within_the_grace() {
        let token = access(json!({"nbf": NOW + 30}));
        let message = failed_check(input(&token), JWT_NOT_BEFORE);
        assert!(message.starts_with("The token is not valid before 2023-11-14T22:13:50Z"), "{message}");
        let mut graced = input(&token);
        graced.grace_seconds = Some(30);
        assert!(run(graced).is_ok());
    }

    #[test]
    fn iat_in_the_future_is_not_checked_as_aws_jwt_verify_does_not() {
        assert!(run(input(&access(json!({"iat": NOW + 86_400})))).is_ok());
        failed_check(input(&access(json!({"iat": "yesterday"}))), JWT_PARSE_ERROR);
    }

    #[test]
    fn a_wrong_or_missing_issuer_names_found_and_expected() {
        let other = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other";
        let message = failed_check(input(&access(json!({"iss": other}))), JWT_INVALID_ISSUER);
        assert_eq!(
            message,
            format!("The token's issuer is {other}; expected one of {}, https://issuer-cognito-idp.eu-west-1.amazonaws.com/{POOL}.", issuer())
        );
        failed_check(input(&access(json!({"iss": null}))), JWT_INVALID_ISSUER);
    }

    #[test]
    fn the_multi_region_issuer_form_is_accepted_and_its_keys_fetched_from_it() {
        let multi = format!("https://issuer-cognito-idp.eu-west-1.amazonaws.com/{POOL}");
        let token = access(json!({"iss": multi}));
        assert!(run(input(&token)).is_ok());
        assert_eq!(default_jwks_uri(&multi), format!("{multi}/.well-known/jwks.json"));
        // Another region's form of the same pool id is not the pool's.
        let elsewhere = format!("https://issuer-cognito-idp.us-east-1.amazonaws.com/{POOL}");
        failed_check(input(&access(json!({"iss": elsewhere}))), JWT_INVALID_ISSUER);
    }

    #[test]
    fn an_explicit_issuer_replaces_both_forms_and_needs_no_pool_id() {
        let local = "http://127.0.0.1:9229/local_4ALzXr2K";
        let mut given = input(&access(json!({"iss": local})));
        given.user_pool_id = None;
        given.issuer = Some(local.into());
        assert!(run(given).is_ok());
        let mut given = input(&access(json!({})));
        given.issuer = Some(local.into());
        failed_check(given, JWT_INVALID_ISSUER);
    }

    #[test]
    fn token_use_must_be_id_or_access_and_the_one_asked() {
        let mut asked = input(&access(json!({})));
        asked.token_use = Some("id".into());
        assert_eq!(failed_check(asked, JWT_INVALID_TOKEN_USE), "The token's token_use is access; expected id.");
        failed_check(input(&access(json!({"token_use": "refresh"}))), JWT_INVALID_TOKEN_USE);
        failed_check(input(&access(json!({"token_use": null}))), JWT_INVALID_TOKEN_USE);
    }

    #[test]
    fn the_client_id_is_read_from_client_id_for_access_and_aud_for_id_tokens() {
        assert_eq!(
            failed_check(input(&access(json!({"client_id": "client-other"}))), JWT_INVALID_AUDIENCE),
            format!("The access token's client id (client_id) is client-other; expected {CLIENT}.")
        );
        assert_eq!(
            failed_check(input(&id(json!({"aud": "client-other"}))), JWT_INVALID_AUDIENCE),
            format!("The ID token's client id (aud) is client-other; expected {CLIENT}.")
        );
        // An access token's aud does not stand in for its client_id, nor an ID token's client_id for its aud.
        failed_check(input(&access(json!({"client_id": null, "aud": CLIENT}))), JWT_INVALID_AUDIENCE);
        failed_check(input(&id(json!({"aud": null, "client_id": CLIENT}))), JWT_INVALID_AUDIENCE);
        let mut several = input(&id(json!({"aud": "client-two"})));
        several.client_ids = Some(vec![CLIENT.into(), "client-two".into()]);
        assert!(run(several).is_ok());
    }

    #[test]
    fn groups_must_overlap_when_asked() {
        let mut asked = input(&access(json!({})));
        asked.groups = Some(vec!["auditors".into(), "staff".into()]);
        assert!(run(asked).is_ok());
        let mut asked = input(&access(json!({})));
        asked.groups = Some(vec!["auditors".into()]);
        assert_eq!(failed_check(asked, JWT_INVALID_GROUP), "The token's cognito:groups is admins, staff; expected auditors.");
        let mut asked = input(&access(json!({"cognito:groups": null})));
        asked.groups = Some(vec!["admins".into()]);
        assert_eq!(failed_check(asked, JWT_INVALID_GROUP), "The token has no cognito:groups; expected admins.");
    }

    #[test]
    fn scopes_must_overlap_when_asked() {
        let mut asked = input(&access(json!({})));
        asked.scopes = Some(vec!["orders/read".into()]);
        assert!(run(asked).is_ok());
        let mut asked = input(&access(json!({})));
        asked.scopes = Some(vec!["orders/write".into(), "openid".into()]);
        assert_eq!(
            failed_check(asked, JWT_INVALID_SCOPE),
            "The token's scope is aws.cognito.signin.user.admin, orders/read; expected one of orders/write, openid."
        );
        let mut asked = input(&id(json!({})));
        asked.scopes = Some(vec!["openid".into()]);
        failed_check(asked, JWT_INVALID_SCOPE);
    }

    #[test]
    fn unsigned_and_hmac_tokens_are_refused_by_algorithm() {
        let payload = URL_SAFE_NO_PAD.encode(access_claims().to_string());
        let none = format!("{}.{payload}.c2ln", URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"kid-one"}"#));
        assert!(failed_check(input(&none), JWT_INVALID_ALGORITHM).contains("is none;"));
        // An HMAC token "signed" with the public key's text, the classic confusion attack.
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        header.kid = Some("kid-one".into());
        let hs = jsonwebtoken::encode(&header, &access_claims(), &jsonwebtoken::EncodingKey::from_secret(keys()[0].n.as_bytes())).unwrap();
        failed_check(input(&hs), JWT_INVALID_ALGORITHM);
        let no_kid = jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256), &access_claims(), &keys()[0].signer).unwrap();
        failed_check(input(&no_kid), JWT_WITHOUT_VALID_KID);
    }

    #[test]
    fn the_key_must_be_an_rsa_signing_key_for_rs256() {
        let token = access(json!({}));
        for (change, code) in [
            (json!({"use": "enc"}), JWK_INVALID_USE),
            (json!({"kty": "EC"}), JWK_INVALID_KTY),
            (json!({"alg": "RS512"}), JWT_INVALID_ALGORITHM),
            (json!({"n": null}), JWK_INVALID),
        ] {
            let mut jwk = with(jwk(&keys()[0]), change);
            let mut given = input(&token);
            given.jwks = Some(json!({"keys": [jwk.take()]}).to_string().into());
            failed_check(given, code);
        }
        // use and alg are optional.
        let mut given = input(&token);
        given.jwks = Some(json!({"keys": [with(jwk(&keys()[0]), json!({"use": null, "alg": null}))]}).to_string().into());
        assert!(run(given).is_ok());
    }

    #[test]
    fn what_is_not_a_jwt_is_a_parse_error() {
        let token = access(json!({}));
        for bad in [
            "not a token".to_owned(),
            "a.b".to_owned(),
            format!("{token}.extra"),
            format!("{token}=="),
            format!("{}.W10.c2ln", token.split('.').next().unwrap()),
            format!("{}.{}.c2ln", token.split('.').next().unwrap(), URL_SAFE_NO_PAD.encode(r#"{"exp":"soon"}"#)),
        ] {
            failed_check(input(&bad), JWT_PARSE_ERROR);
        }
        assert!(run(input(&format!("  {token}\n"))).is_ok(), "white space around a pasted token is ignored");
    }

    #[test]
    fn bad_input_is_an_invalid_request() {
        let token = access(json!({}));
        type Change = fn(&mut VerifyTokenInput);
        let cases: Vec<(Change, &str)> = vec![
            (|i| i.token = None, "No token"),
            (|i| i.token = Some(" ".to_owned().into()), "No token"),
            (|i| i.user_pool_id = None, "No user pool"),
            (|i| i.user_pool_id = Some("AbC123".into()), "not a user pool id"),
            (|i| i.user_pool_id = Some("eu-west_AbC123".into()), "not a user pool id"),
            (|i| i.client_ids = None, "clientIds is required"),
            (|i| i.client_ids = Some(vec![" ".into()]), "clientIds is required"),
            (|i| i.token_use = Some("refresh".into()), "neither id nor access"),
            (|i| i.jwks_uri = Some("file:///etc/jwks.json".into()), "not an absolute http"),
            (|i| i.jwks_uri = Some("https://example.test/jwks.json".into()), "exclude each other"),
            (|i| i.jwks = Some("{\"keys\":{}}".to_owned().into()), "not a JWKS: its keys member is not an array"),
        ];
        for (change, expected) in cases {
            let mut given = input(&token);
            change(&mut given);
            let err = refused(given);
            assert_eq!(err.kind, ErrorKind::InvalidRequest, "{}", err.message);
            assert!(err.message.contains(expected), "{} does not say {expected}", err.message);
        }
    }

    #[test]
    fn pool_ids_give_both_issuer_forms_of_their_region() {
        assert_eq!(
            pool_issuers("us-gov-west-1_Ab9").unwrap(),
            ["https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_Ab9", "https://issuer-cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_Ab9"]
        );
        assert!(pool_issuers("eusc-de-east-1_x1").is_some());
        for bad in ["", "_abc", "us-east-1_", "us-east-1_a-b", "US-EAST-1_abc", "us-east-x_abc", "useast1_abc"] {
            assert!(pool_issuers(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn secrets_are_the_token_and_each_of_its_parts_and_debug_shows_none() {
        let token = access(json!({}));
        let given = input(&format!(" {token} "));
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(given.secrets(), vec![token.as_str(), parts[0], parts[1], parts[2]]);
        assert!(!format!("{given:?}").contains(parts[2]));
        assert!(VerifyTokenInput::default().secrets().is_empty());
    }

    #[test]
    fn the_input_reads_its_camel_case_members_and_refuses_others() {
        let parsed: VerifyTokenInput = serde_json::from_value(json!({
            "token": "t.t.t", "userPoolId": POOL, "tokenUse": "access", "clientIds": [CLIENT], "groups": ["g"],
            "scopes": ["s"], "graceSeconds": 5, "issuer": "i", "jwksUri": "https://x", "jwks": "{}", "now": 7
        }))
        .unwrap();
        assert_eq!((parsed.grace_seconds, parsed.now, parsed.token.as_deref().map(String::as_str)), (Some(5), Some(7), Some("t.t.t")));
        assert!(serde_json::from_value::<VerifyTokenInput>(json!({"clientId": CLIENT})).is_err());
    }

    #[test]
    fn a_claim_value_in_a_message_is_cut_short_and_its_control_characters_escaped() {
        let long = format!("https://evil.example/{}\n", "x".repeat(500));
        let message = failed_check(input(&access(json!({"iss": long}))), JWT_INVALID_ISSUER);
        assert!(message.contains("xxx…") && !message.contains('\n') && message.len() < 400, "{message}");
    }

    #[test]
    fn every_failure_code_is_listed_once() {
        let codes: std::collections::BTreeSet<_> = CODES.iter().collect();
        assert_eq!(codes.len(), CODES.len());
    }
}
