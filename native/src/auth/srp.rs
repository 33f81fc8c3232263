//! The client side of Cognito's SRP-6a, as amazon-cognito-identity-js (`AuthenticationHelper`,
//! `CognitoUser`), pycognito (`AWSSRP`) and Amazon.Extensions.CognitoAuthentication implement it:
//!
//! * group: the 3072-bit prime of RFC 5054 / RFC 3526 with **g = 2** (not RFC 5054's g = 5), SHA-256;
//! * `pad(n)`: the minimal big-endian two's-complement bytes of `n` (Java's `BigInteger.toByteArray()`),
//!   i.e. a leading `00` when the top bit is set — *not* RFC 5054's padding to the length of N;
//! * `k = H(pad(N) | pad(g))`, `u = H(pad(A) | pad(B))`,
//!   `x = H(pad(salt) | H(<pool name> <user id for SRP> ":" <password>))`,
//!   `S = (B - k·g^x)^(a + u·x) mod N`;
//! * key = HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key"), 16 bytes;
//! * `PASSWORD_CLAIM_SIGNATURE = Base64(HMAC-SHA256(key, <pool name> <user id for SRP>
//!   <SECRET_BLOCK decoded> <TIMESTAMP>))`, `TIMESTAMP` as [`cognito_timestamp`] formats it.
//!
//! The device variant (`DEVICE_SRP_AUTH` → `DEVICE_PASSWORD_VERIFIER`) is the same computation with the
//! device group key in place of the pool name, the device key in place of the user and the device password
//! in place of the password; [`generate_device_verifier`] makes the `DeviceSecretVerifierConfig` that
//! `ConfirmDevice` registers, like amazon-cognito-identity-js's `generateHashDevice`.
//!
//! The SRP-6a arithmetic (A, x, S, v, u) is the `srp` crate's; what is Cognito-specific here is the group's
//! generator, `k`, the padding, the key derivation and the signature.
//!
//! Secrets: the private `a` is kept in a [`Zeroizing`] buffer, the derived key is returned in one, the
//! device password is generated into one, and the password is hashed in place (never copied). num-bigint
//! has no zeroize support: the `BigUint`s derived from secrets here (`a`, `x`, `S`) are overwritten when
//! dropped on a best-effort basis only, and the temporaries inside `modpow`, HKDF and HMAC are not wiped.

use std::fmt;
use std::ops::Deref;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};
use base64::Engine as _;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use num_bigint::{BigInt, BigUint, Sign};
use once_cell::sync::Lazy;
use sha2::{Digest, Sha256};
use srp::groups::G_3072;
use srp::types::SrpGroup;
use zeroize::{Zeroize, Zeroizing};

/// The `srp` crate's generic SRP-6a client arithmetic, instantiated with SHA-256.
type Srp6a<'a> = srp::client::SrpClient<'a, Sha256>;

/// HKDF `info` of the password-authentication key.
const HKDF_INFO: &[u8] = b"Caldera Derived Key";
/// Length of the password-authentication key.
pub const AUTH_KEY_LEN: usize = 16;
/// Bytes of randomness in a generated private `a` (as both reference libraries use).
const PRIVATE_A_BYTES: usize = 128;
/// Bytes of randomness in a generated device password (before base64) and device salt.
const DEVICE_PASSWORD_BYTES: usize = 40;
const DEVICE_SALT_BYTES: usize = 16;

struct CognitoGroup {
    params: SrpGroup,
    /// `k = H(pad(N) | pad(g))`.
    k: BigUint,
}

static GROUP: Lazy<CognitoGroup> = Lazy::new(|| {
    // RFC 5054's 3072-bit N (the srp crate's G_3072 pairs it with g = 5); Cognito uses g = 2.
    let params = SrpGroup { n: G_3072.n.clone(), g: BigUint::from(2u32) };
    let mut h = Sha256::new();
    h.update(&*pad(&params.n));
    h.update(&*pad(&params.g));
    let k = BigUint::from_bytes_be(&h.finalize());
    CognitoGroup { params, k }
});

/// Why an SRP step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SrpError {
    /// The user pool id has no `_` followed by a pool name (`us-east-1_AbCdEf123`).
    InvalidPoolId(String),
    /// A challenge parameter that must be hexadecimal is not (or is empty).
    InvalidHex { field: &'static str },
    /// A challenge parameter that must be base64 is not.
    InvalidBase64 { field: &'static str },
    /// The private value `a` is zero.
    InvalidPrivateKey,
    /// `A mod N == 0` (cannot happen for a prime N; checked as the reference libraries do).
    IllegalA,
    /// The server's `B mod N == 0`: the challenge is malicious or corrupt.
    IllegalB,
    /// `u = H(A | B) == 0`.
    IllegalU,
    /// The timestamp is outside the years the formatter supports (-9999..=9999).
    TimestampOutOfRange,
    /// The operating system's random number generator failed.
    Random(String),
}

impl fmt::Display for SrpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SrpError::InvalidPoolId(id) => {
                write!(f, "'{id}' is not a user pool id of the form <region>_<pool name>")
            }
            SrpError::InvalidHex { field } => write!(f, "{field} is not a hexadecimal number"),
            SrpError::InvalidBase64 { field } => write!(f, "{field} is not valid base64"),
            SrpError::InvalidPrivateKey => f.write_str("the SRP private value a must not be zero"),
            SrpError::IllegalA => f.write_str("SRP safety check failed: A mod N is 0"),
            SrpError::IllegalB => f.write_str("SRP safety check failed: SRP_B mod N is 0"),
            SrpError::IllegalU => f.write_str("SRP safety check failed: u = H(A | B) is 0"),
            SrpError::TimestampOutOfRange => f.write_str("the timestamp is out of the supported range"),
            SrpError::Random(e) => write!(f, "the system random number generator failed: {e}"),
        }
    }
}

impl std::error::Error for SrpError {}

/// The answer to a `PASSWORD_VERIFIER` (or `DEVICE_PASSWORD_VERIFIER`) challenge: send
/// `PASSWORD_CLAIM_SIGNATURE = signature_b64` and `TIMESTAMP = timestamp` (the signed string, unchanged),
/// together with `PASSWORD_CLAIM_SECRET_BLOCK` echoed from the challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    pub signature_b64: String,
    pub timestamp: String,
}

/// One SRP login attempt: the private value `a` and the public `A = g^a mod N` sent as `SRP_A`. Use a new
/// client per attempt; the same client answers the challenge that its `SRP_A` started.
pub struct SrpClient {
    /// `a`, big-endian.
    a: Zeroizing<Vec<u8>>,
    big_a: BigUint,
}

impl fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SrpClient").field("a", &"<redacted>").field("srp_a", &self.srp_a_hex()).finish()
    }
}

impl SrpClient {
    /// A client with a fresh random `a` of 1024 bits (from the operating system's CSPRNG).
    pub fn new() -> Result<Self, SrpError> {
        let mut a = Zeroizing::new(vec![0u8; PRIVATE_A_BYTES]);
        getrandom::getrandom(&mut a).map_err(|e| SrpError::Random(e.to_string()))?;
        Self::with_private(&a)
    }

    /// A client with the given private `a` (big-endian bytes), for tests and reproducible vectors. Used as
    /// given, without reduction modulo N, as both reference libraries do.
    pub fn with_private(a: &[u8]) -> Result<Self, SrpError> {
        let a_num = SecretUint(BigUint::from_bytes_be(a));
        if a_num.bits() == 0 {
            return Err(SrpError::InvalidPrivateKey);
        }
        let group = &*GROUP;
        let big_a = Srp6a::new(&group.params).compute_a_pub(&a_num);
        if (&big_a % &group.params.n).bits() == 0 {
            return Err(SrpError::IllegalA);
        }
        Ok(SrpClient { a: Zeroizing::new(a.to_vec()), big_a })
    }

    /// [`with_private`](Self::with_private) from a hexadecimal `a`.
    pub fn with_private_hex(a_hex: &str) -> Result<Self, SrpError> {
        let a = SecretUint(parse_unsigned_hex(a_hex, "a")?);
        Self::with_private(&Zeroizing::new(a.to_bytes_be()))
    }

    /// `SRP_A` for InitiateAuth / `DEVICE_SRP_AUTH`: `A` in lower-case hex without leading zeros, as both
    /// reference libraries send it.
    pub fn srp_a_hex(&self) -> String {
        self.big_a.to_str_radix(16)
    }

    /// The 16-byte password-authentication key (`getPasswordAuthenticationKey` in amazon-cognito-identity-js).
    ///
    /// `prefix` is the pool name (the part of the user pool id after `_`, see [`pool_name`]) for a user, or
    /// the device group key for a device; `user` is `USER_ID_FOR_SRP` for a user, or the device key.
    /// `srp_b_hex` and `salt_hex` are the challenge's `SRP_B` and `SALT`. `SALT` is read as Java's
    /// `new BigInteger(salt, 16)` reads it (as amazon-cognito-identity-js does): leading zeros do not count
    /// and a leading `-` makes it negative.
    pub fn authentication_key(
        &self,
        prefix: &str,
        user: &str,
        password: &str,
        srp_b_hex: &str,
        salt_hex: &str,
    ) -> Result<Zeroizing<[u8; AUTH_KEY_LEN]>, SrpError> {
        let group = &*GROUP;
        let b = parse_unsigned_hex(srp_b_hex, "SRP_B")?;
        if (&b % &group.params.n).bits() == 0 {
            return Err(SrpError::IllegalB);
        }
        let salt = parse_signed_hex(salt_hex, "SALT")?.to_signed_bytes_be();

        let u = srp::utils::compute_u::<Sha256>(&pad(&self.big_a), &pad(&b));
        if u.bits() == 0 {
            return Err(SrpError::IllegalU);
        }
        let x = compute_x(prefix, user, password, &salt);
        let a = SecretUint(BigUint::from_bytes_be(&self.a));
        let s = SecretUint(Srp6a::new(&group.params).compute_premaster_secret(&b, &group.k, &x, &a, &u));

        let mut key = Zeroizing::new([0u8; AUTH_KEY_LEN]);
        Hkdf::<Sha256>::new(Some(&pad(&u)), &pad(&s))
            .expand(HKDF_INFO, &mut *key)
            .expect("16 bytes is a valid HKDF-SHA256 output length");
        Ok(key)
    }

    /// Answers `PASSWORD_VERIFIER`. `pool_id` is the full user pool id (`us-east-1_AbCdEf123`);
    /// `user_id_for_srp`, `srp_b_hex`, `salt_hex` and `secret_block_b64` are the challenge's
    /// `USER_ID_FOR_SRP`, `SRP_B`, `SALT` and `SECRET_BLOCK`; `timestamp` is what will be sent as
    /// `TIMESTAMP`, normally [`cognito_timestamp`] of now.
    #[allow(clippy::too_many_arguments)]
    pub fn password_claim(
        &self,
        pool_id: &str,
        user_id_for_srp: &str,
        password: &str,
        srp_b_hex: &str,
        salt_hex: &str,
        secret_block_b64: &str,
        timestamp: &str,
    ) -> Result<PasswordClaim, SrpError> {
        let pool = pool_name(pool_id)?;
        self.claim(pool, user_id_for_srp, password, srp_b_hex, salt_hex, secret_block_b64, timestamp)
    }

    /// Answers `DEVICE_PASSWORD_VERIFIER` (after `DEVICE_SRP_AUTH` was sent with this client's `SRP_A`), with
    /// the device group key, device key and device password remembered from ConfirmDevice.
    #[allow(clippy::too_many_arguments)]
    pub fn device_password_claim(
        &self,
        device_group_key: &str,
        device_key: &str,
        device_password: &str,
        srp_b_hex: &str,
        salt_hex: &str,
        secret_block_b64: &str,
        timestamp: &str,
    ) -> Result<PasswordClaim, SrpError> {
        self.claim(device_group_key, device_key, device_password, srp_b_hex, salt_hex, secret_block_b64, timestamp)
    }

    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        prefix: &str,
        user: &str,
        password: &str,
        srp_b_hex: &str,
        salt_hex: &str,
        secret_block_b64: &str,
        timestamp: &str,
    ) -> Result<PasswordClaim, SrpError> {
        let secret_block = STANDARD_PAD_INDIFFERENT
            .decode(secret_block_b64)
            .map_err(|_| SrpError::InvalidBase64 { field: "SECRET_BLOCK" })?;
        let key = self.authentication_key(prefix, user, password, srp_b_hex, salt_hex)?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&*key).expect("HMAC accepts keys of any length");
        mac.update(prefix.as_bytes());
        mac.update(user.as_bytes());
        mac.update(&secret_block);
        mac.update(timestamp.as_bytes());
        Ok(PasswordClaim {
            signature_b64: STANDARD.encode(mac.finalize().into_bytes()),
            timestamp: timestamp.to_owned(),
        })
    }
}

/// The pool name that SRP hashes and signs: the part of the user pool id after the first `_`
/// (`split('_')[1]` in both reference libraries).
pub fn pool_name(pool_id: &str) -> Result<&str, SrpError> {
    match pool_id.split('_').nth(1) {
        Some(name) if !name.is_empty() => Ok(name),
        _ => Err(SrpError::InvalidPoolId(pool_id.to_owned())),
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `TIMESTAMP` in the only format Cognito accepts: `ddd MMM D HH:mm:ss UTC YYYY` in UTC with English names
/// and the day of the month *not* zero-padded, e.g. `Wed Nov 5 09:07:04 UTC 2025` (as pycognito's
/// `get_cognito_formatted_timestamp` and amazon-cognito-identity-js's `DateHelper.getNowString`).
/// Fractions of a second are dropped (towards the past).
pub fn cognito_timestamp(t: SystemTime) -> Result<String, SrpError> {
    let nanos: i128 = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    let dt = time::OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| SrpError::TimestampOutOfRange)?;
    Ok(format!(
        "{} {} {} {:02}:{:02}:{:02} UTC {}",
        WEEKDAYS[dt.weekday().number_days_from_monday() as usize],
        MONTHS[u8::from(dt.month()) as usize - 1],
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.year()
    ))
}

/// What `ConfirmDevice` needs to remember a device, and the password to keep for later device logins.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceVerifier {
    /// The random device password (base64 of 40 random bytes). Store it with the device key and group key:
    /// `DEVICE_PASSWORD_VERIFIER` needs it and it cannot be recovered.
    pub device_password: Zeroizing<String>,
    /// `DeviceSecretVerifierConfig.PasswordVerifier`: base64 of `pad(g^x mod N)`.
    pub password_verifier_b64: String,
    /// `DeviceSecretVerifierConfig.Salt`: base64 of `pad(salt)`.
    pub salt_b64: String,
}

impl fmt::Debug for DeviceVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceVerifier")
            .field("device_password", &"<redacted>")
            .field("password_verifier_b64", &self.password_verifier_b64)
            .field("salt_b64", &self.salt_b64)
            .finish()
    }
}

/// A new device password, salt and verifier for `ConfirmDevice` (amazon-cognito-identity-js's
/// `generateHashDevice`), from the operating system's CSPRNG.
pub fn generate_device_verifier(device_group_key: &str, device_key: &str) -> Result<DeviceVerifier, SrpError> {
    let mut password_random = Zeroizing::new([0u8; DEVICE_PASSWORD_BYTES]);
    let mut salt_random = [0u8; DEVICE_SALT_BYTES];
    getrandom::getrandom(&mut *password_random).map_err(|e| SrpError::Random(e.to_string()))?;
    getrandom::getrandom(&mut salt_random).map_err(|e| SrpError::Random(e.to_string()))?;
    Ok(device_verifier_from_random(device_group_key, device_key, &password_random, &salt_random))
}

/// [`generate_device_verifier`] with the randomness given: the device password is the base64 of
/// `password_random`, the salt is `salt_random` read as an unsigned number (so leading zero bytes are dropped
/// and a `00` is prepended when its top bit is set, as in both reference libraries).
pub fn device_verifier_from_random(
    device_group_key: &str,
    device_key: &str,
    password_random: &[u8; DEVICE_PASSWORD_BYTES],
    salt_random: &[u8; DEVICE_SALT_BYTES],
) -> DeviceVerifier {
    let device_password = Zeroizing::new(STANDARD.encode(password_random));
    let salt = pad(&BigUint::from_bytes_be(salt_random));
    let x = compute_x(device_group_key, device_key, &device_password, &salt);
    let verifier = Srp6a::new(&GROUP.params).compute_v(&x);
    DeviceVerifier {
        device_password,
        password_verifier_b64: STANDARD.encode(&*pad(&verifier)),
        salt_b64: STANDARD.encode(&*salt),
    }
}

/// `x = H(salt | H(prefix user ":" password))`, hashing the password in place.
fn compute_x(prefix: &str, user: &str, password: &str, salt: &[u8]) -> SecretUint {
    let identity = format!("{prefix}{user}");
    let mut identity_hash = Srp6a::compute_identity_hash(identity.as_bytes(), password.as_bytes());
    let x = SecretUint(Srp6a::compute_x(&identity_hash[..], salt));
    identity_hash[..].zeroize();
    x
}

/// The minimal big-endian two's-complement encoding of a non-negative number: its bytes, with a `00`
/// prepended when the top bit is set; zero is one `00` byte ("padHex" in the reference libraries).
fn pad(n: &BigUint) -> Zeroizing<Vec<u8>> {
    let raw = Zeroizing::new(n.to_bytes_be());
    let mut out = Vec::with_capacity(raw.len() + 1);
    if raw[0] & 0x80 != 0 {
        out.push(0);
    }
    out.extend_from_slice(&raw);
    Zeroizing::new(out)
}

/// Strict hexadecimal (no sign, prefix, separators or whitespace; either case) to a number.
fn parse_unsigned_hex(s: &str, field: &'static str) -> Result<BigUint, SrpError> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Err(SrpError::InvalidHex { field });
    }
    BigUint::parse_bytes(s.as_bytes(), 16).ok_or(SrpError::InvalidHex { field })
}

/// [`parse_unsigned_hex`] with an optional leading `-` (Java's `new BigInteger(s, 16)`).
fn parse_signed_hex(s: &str, field: &'static str) -> Result<BigInt, SrpError> {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => (Sign::Minus, rest),
        None => (Sign::Plus, s),
    };
    Ok(BigInt::from_biguint(sign, parse_unsigned_hex(digits, field)?))
}

/// A `BigUint` derived from a secret, overwritten with zeros when dropped. Best effort: num-bigint gives no
/// access to spare capacity, and the compiler is not prevented from eliding the writes as `zeroize` would.
struct SecretUint(BigUint);

impl Deref for SecretUint {
    type Target = BigUint;
    fn deref(&self) -> &BigUint {
        &self.0
    }
}

impl Drop for SecretUint {
    fn drop(&mut self) {
        let digits = self.0.iter_u32_digits().len();
        self.0.assign_from_slice(&vec![0u32; digits]);
        std::hint::black_box(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The N that amazon-cognito-identity-js and pycognito embed.
    const COGNITO_N_HEX: &str = concat!(
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD",
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    );

    fn n() -> &'static BigUint {
        &GROUP.params.n
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
        for p in parts {
            mac.update(p);
        }
        mac.finalize().into_bytes().to_vec()
    }

    /// Cognito's side of SRP for a user whose verifier is `v` and salt `salt_hex`: returns `B` (hex) and a
    /// function of `A` giving the key the server derives, following the SRP-6a server equations.
    fn server_key(big_a_hex: &str, v: &BigUint, b: &BigUint) -> (String, [u8; 16]) {
        let g = &GROUP.params.g;
        let big_b = (&GROUP.k * v + g.modpow(b, n())) % n();
        let big_a = BigUint::parse_bytes(big_a_hex.as_bytes(), 16).unwrap();
        let u =
            BigUint::from_bytes_be(&Sha256::new().chain_update(&*pad(&big_a)).chain_update(&*pad(&big_b)).finalize());
        let s = (big_a * v.modpow(&u, n())).modpow(b, n());
        let mut key = [0u8; 16];
        Hkdf::<Sha256>::new(Some(&pad(&u)), &pad(&s)).expand(HKDF_INFO, &mut key).unwrap();
        (big_b.to_str_radix(16), key)
    }

    fn verifier(prefix: &str, user: &str, password: &str, salt: &[u8]) -> BigUint {
        GROUP.params.g.modpow(&compute_x(prefix, user, password, salt), n())
    }

    #[test]
    fn group_is_cognitos() {
        assert_eq!(n(), &BigUint::parse_bytes(COGNITO_N_HEX.as_bytes(), 16).unwrap());
        assert_eq!(GROUP.params.g, BigUint::from(2u32));
        // k = H("00" N "02"), pycognito: hex_hash("00" + N_HEX + "0" + G_HEX)
        let mut h = Sha256::new();
        h.update([0u8]);
        h.update(n().to_bytes_be());
        h.update([2u8]);
        assert_eq!(GROUP.k, BigUint::from_bytes_be(&h.finalize()));
        assert_eq!(GROUP.k.to_str_radix(16), "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
    }

    #[test]
    fn pad_is_minimal_twos_complement() {
        let p = |v: u64| hex(&pad(&BigUint::from(v)));
        assert_eq!(p(0), "00");
        assert_eq!(p(0x7f), "7f");
        assert_eq!(p(0x80), "0080");
        assert_eq!(p(0x100), "0100");
        assert_eq!(p(0xabc), "0abc");
        assert_eq!(p(0xffff), "00ffff");
        assert_eq!(pad(n()).len(), 385);
    }

    #[test]
    fn salt_is_read_like_java_biginteger() {
        let s = |v: &str| hex(&parse_signed_hex(v, "SALT").unwrap().to_signed_bytes_be());
        // The examples in amazon-cognito-identity-js's padHex documentation.
        assert_eq!(s("-ec"), "ff14");
        assert_eq!(s("14"), "14");
        assert_eq!(s("-c8"), "ff38");
        assert_eq!(s("38"), "38");
        assert_eq!(s("-14"), "ec");
        assert_eq!(s("ec"), "00ec");
        assert_eq!(s("-38"), "c8");
        assert_eq!(s("c8"), "00c8");
        assert_eq!(s("-80"), "80");
        // Leading zeros do not count; odd length is fine.
        assert_eq!(s("0000ab"), "00ab");
        assert_eq!(s("007f"), "7f");
        assert_eq!(s("abc"), "0abc");
        assert_eq!(s("0"), "00");
        assert_eq!(s("-0"), "00");
    }

    #[test]
    fn hex_parsing_is_strict() {
        for bad in ["", "-", "0x12", "12 ", " 12", "1_2", "+12", "g1", "--1"] {
            assert!(parse_signed_hex(bad, "SALT").is_err(), "{bad:?}");
        }
        assert!(parse_unsigned_hex("-1", "SRP_B").is_err());
        assert_eq!(parse_unsigned_hex("0aBc", "SRP_B").unwrap(), BigUint::from(0xabcu32));
    }

    #[test]
    fn pool_name_is_the_part_after_the_underscore() {
        assert_eq!(pool_name("us-east-1_AbCdEf123").unwrap(), "AbCdEf123");
        assert_eq!(pool_name("a_b_c").unwrap(), "b");
        for bad in ["", "us-east-1", "us-east-1_", "_"] {
            assert_eq!(pool_name(bad), Err(SrpError::InvalidPoolId(bad.to_owned())));
        }
    }

    #[test]
    fn srp_a_is_g_to_the_a() {
        let c = SrpClient::with_private(&[1]).unwrap();
        assert_eq!(c.srp_a_hex(), "2");
        let c = SrpClient::with_private_hex("0010").unwrap();
        assert_eq!(c.srp_a_hex(), "10000");
        assert_eq!(SrpClient::with_private(&[0, 0]).unwrap_err(), SrpError::InvalidPrivateKey);
        assert_eq!(SrpClient::with_private_hex("zz").unwrap_err(), SrpError::InvalidHex { field: "a" });
    }

    #[test]
    fn random_clients_differ_and_hide_a() {
        let c1 = SrpClient::new().unwrap();
        let c2 = SrpClient::new().unwrap();
        assert_eq!(c1.a.len(), 128);
        assert_ne!(c1.srp_a_hex(), c2.srp_a_hex());
        let dbg = format!("{c1:?}");
        assert!(dbg.contains("<redacted>") && !dbg.contains(&hex(&c1.a)));
    }

    #[test]
    fn a_server_holding_the_verifier_derives_the_same_key_and_signature() {
        let pool_id = "eu-west-1_Pool1234";
        let (user, password, salt_hex) = ("5f3c7a8e-user", "correct horse:battery ✓", "8f3a09bc11d2");
        let salt = parse_signed_hex(salt_hex, "SALT").unwrap().to_signed_bytes_be();
        let v = verifier("Pool1234", user, password, &salt);
        let client = SrpClient::with_private_hex(&"5a".repeat(128)).unwrap();
        let (b_hex, server) = server_key(&client.srp_a_hex(), &v, &BigUint::from_bytes_be(&[0x77; 32]));

        let key = client.authentication_key("Pool1234", user, password, &b_hex, salt_hex).unwrap();
        assert_eq!(*key, server);

        let secret_block = [1u8, 2, 3, 250];
        let ts = "Wed Nov 5 09:07:04 UTC 2025";
        let claim = client
            .password_claim(pool_id, user, password, &b_hex, salt_hex, &STANDARD.encode(secret_block), ts)
            .unwrap();
        let expected = hmac(&server, &[b"Pool1234", user.as_bytes(), &secret_block, ts.as_bytes()]);
        assert_eq!(claim.signature_b64, STANDARD.encode(expected));
        assert_eq!(claim.timestamp, ts);

        // A wrong password, user, pool, salt or timestamp gives another signature.
        let sb = STANDARD.encode(secret_block);
        let other = [
            client.password_claim(pool_id, user, "wrong", &b_hex, salt_hex, &sb, ts),
            client.password_claim(pool_id, "other", password, &b_hex, salt_hex, &sb, ts),
            client.password_claim("eu-west-1_Other", user, password, &b_hex, salt_hex, &sb, ts),
            client.password_claim(pool_id, user, password, &b_hex, "8f3a09bc11d3", &sb, ts),
            client.password_claim(pool_id, user, password, &b_hex, salt_hex, &sb, "Wed Nov 05 09:07:04 UTC 2025"),
        ];
        for o in other {
            assert_ne!(o.unwrap().signature_b64, claim.signature_b64);
        }
    }

    #[test]
    fn a_device_verifier_lets_the_server_check_a_device_login() {
        let (group_key, device_key) = ("-abcDEF123", "us-east-1_0b6d2c1e-5f4a-4a6b-9c3d-1e2f3a4b5c6d");
        let dv = device_verifier_from_random(group_key, device_key, &[0xa5; 40], &[0x01; 16]);
        assert_eq!(dv.device_password.len(), 56);
        assert_eq!(STANDARD.decode(dv.salt_b64.as_bytes()).unwrap(), [0x01; 16]);
        let v = BigUint::from_bytes_be(&STANDARD.decode(dv.password_verifier_b64.as_bytes()).unwrap());
        let salt_hex = hex(&STANDARD.decode(dv.salt_b64.as_bytes()).unwrap());

        let client = SrpClient::with_private(&[0x3c; 128]).unwrap();
        let (b_hex, server) = server_key(&client.srp_a_hex(), &v, &BigUint::from_bytes_be(&[0x19; 32]));
        let ts = "Thu Jan 1 00:00:00 UTC 1970";
        let claim = client
            .device_password_claim(group_key, device_key, &dv.device_password, &b_hex, &salt_hex, "AAEC", ts)
            .unwrap();
        let expected = hmac(&server, &[group_key.as_bytes(), device_key.as_bytes(), &[0, 1, 2], ts.as_bytes()]);
        assert_eq!(claim.signature_b64, STANDARD.encode(expected));
    }

    #[test]
    fn device_salt_is_read_as_an_unsigned_number() {
        let mut high = [0u8; 16];
        high[0] = 0x80;
        let dv = device_verifier_from_random("g", "d", &[0; 40], &high);
        assert_eq!(STANDARD.decode(dv.salt_b64.as_bytes()).unwrap().len(), 17);
        let mut low = [0u8; 16];
        low[15] = 7;
        let dv = device_verifier_from_random("g", "d", &[0; 40], &low);
        assert_eq!(STANDARD.decode(dv.salt_b64.as_bytes()).unwrap(), [7]);
        assert_eq!(dv.device_password.as_str(), "A".repeat(52) + "AA==");
        assert!(!format!("{dv:?}").contains(dv.device_password.as_str()));
    }

    #[test]
    fn generated_device_verifiers_are_random() {
        let a = generate_device_verifier("g", "d").unwrap();
        let b = generate_device_verifier("g", "d").unwrap();
        assert_ne!(a.device_password, b.device_password);
        assert_ne!(a.salt_b64, b.salt_b64);
        assert_ne!(a.password_verifier_b64, b.password_verifier_b64);
        assert_eq!(STANDARD.decode(a.device_password.as_bytes()).unwrap().len(), 40);
    }

    #[test]
    fn malicious_or_malformed_challenges_are_refused() {
        let c = SrpClient::with_private(&[9; 128]).unwrap();
        let key = |b: &str, salt: &str| c.authentication_key("P", "u", "p", b, salt).map(|_| ());
        assert_eq!(key("0", "ab"), Err(SrpError::IllegalB));
        assert_eq!(key("000", "ab"), Err(SrpError::IllegalB));
        assert_eq!(key(&n().to_str_radix(16), "ab"), Err(SrpError::IllegalB));
        assert_eq!(key(&(n() * 3u32).to_str_radix(16), "ab"), Err(SrpError::IllegalB));
        assert_eq!(key("xyz", "ab"), Err(SrpError::InvalidHex { field: "SRP_B" }));
        assert_eq!(key("", "ab"), Err(SrpError::InvalidHex { field: "SRP_B" }));
        assert_eq!(key("ab", "0x1"), Err(SrpError::InvalidHex { field: "SALT" }));
        assert!(key(&(n() + 1u32).to_str_radix(16), "ab").is_ok());
        let claim = |pool: &str, sb: &str| c.password_claim(pool, "u", "p", "1234", "ab", sb, "t").map(|_| ());
        assert_eq!(claim("nopool", "AAAA"), Err(SrpError::InvalidPoolId("nopool".into())));
        assert_eq!(claim("r_P", "A*AA"), Err(SrpError::InvalidBase64 { field: "SECRET_BLOCK" }));
        assert!(claim("r_P", "AAE").is_ok(), "missing padding is accepted, as the reference libraries do");
    }

    #[test]
    fn timestamps_have_cognitos_format() {
        let at = |secs: u64| cognito_timestamp(UNIX_EPOCH + Duration::from_secs(secs)).unwrap();
        assert_eq!(at(0), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(at(1_762_333_624), "Wed Nov 5 09:07:04 UTC 2025");
        assert_eq!(at(1_709_211_661), "Thu Feb 29 13:01:01 UTC 2024");
        assert_eq!(at(951_782_400), "Tue Feb 29 00:00:00 UTC 2000");
        assert_eq!(at(4_102_444_799), "Thu Dec 31 23:59:59 UTC 2099");
        assert_eq!(
            cognito_timestamp(UNIX_EPOCH + Duration::from_millis(1_762_333_624_999)).unwrap(),
            "Wed Nov 5 09:07:04 UTC 2025"
        );
        assert_eq!(cognito_timestamp(UNIX_EPOCH - Duration::from_millis(500)).unwrap(), "Wed Dec 31 23:59:59 UTC 1969");
        assert_eq!(
            cognito_timestamp(UNIX_EPOCH + Duration::from_secs(400_000_000_000)),
            Err(SrpError::TimestampOutOfRange)
        );
    }
}
