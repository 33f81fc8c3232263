//! Client-side Cognito crypto that AWS.Tools leaves to the caller, as pure functions with no I/O:
//!
//! * [`secret_hash`] — `SECRET_HASH` for app clients that have a client secret;
//! * [`srp`] — the `USER_SRP_AUTH` / `DEVICE_SRP_AUTH` client side (`SRP_A`, `PASSWORD_CLAIM_SIGNATURE`,
//!   `TIMESTAMP`) and the `DeviceSecretVerifierConfig` for `ConfirmDevice`, bit for bit as
//!   amazon-cognito-identity-js and pycognito compute them;
//! * [`totp`] — RFC 6238 codes for `SOFTWARE_TOKEN_MFA` from Cognito's base32 `SecretCode`;
//! * [`jwt`] — decoding (not verifying) the tokens Cognito returns, e.g. to read `exp`;
//! * [`verify`] — the checks that verify them (signature under a JWKS key, issuer, expiry, use, client),
//!   as aws-jwt-verify makes them; [`crate::verify`] runs them with the keys of [`crate::jwks`].
//!
//! `tests/srp_references.rs` checks all of this against pycognito, pyotp, joserfc and
//! amazon-cognito-identity-js, run at test time.

pub mod jwt;
pub mod secret_hash;
pub mod srp;
pub mod totp;
pub mod verify;

pub use jwt::{decode_unverified, JwtError, UnverifiedJwt};
pub use secret_hash::secret_hash;
pub use srp::{
    cognito_timestamp, device_verifier_from_random, generate_device_verifier, pool_name, DeviceVerifier, PasswordClaim,
    SrpClient, SrpError,
};
pub use totp::{seconds_remaining, totp_code, totp_code_now, TotpError, TOTP_DIGITS, TOTP_STEP_SECONDS};
