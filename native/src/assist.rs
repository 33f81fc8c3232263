//! What AWS.Tools leaves to the caller, done on the way to and from the service: SECRET_HASH from the app
//! client's secret, and the SRP exchanges (USER_SRP_AUTH or CUSTOM_AUTH → PASSWORD_VERIFIER from a password,
//! DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER from a remembered device's password), so that no password
//! leaves this process. Also the building blocks as local operations (no service call).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::auth::{self, SrpClient};
use crate::error::NativeError;
use crate::exact;
use crate::journey::VerifySoftwareTokenInput;
use crate::model::{AdminInitiateAuthInput, AdminRespondToAuthChallengeInput, AuthResponse, StringMap};

/// Cognito keeps a challenge session for 3 to 15 minutes; an exchange older than the longest is useless.
const PENDING_TTL: Duration = Duration::from_secs(15 * 60);
/// More SRP sign-ins in flight than this in one process means abandoned ones are piling up.
const PENDING_CAPACITY: usize = 1024;

/// Whose secret an SRP exchange proves: the user's password, or a remembered device's password.
enum Prover {
    User { pool_id: String },
    Device { group_key: String, device_key: String },
}

impl Prover {
    /// The challenge that answers this exchange's SRP_A.
    fn verifier(&self) -> &'static str {
        match self {
            Prover::User { .. } => "PASSWORD_VERIFIER",
            Prover::Device { .. } => "DEVICE_PASSWORD_VERIFIER",
        }
    }
}

/// An SRP exchange between its two calls. In memory only; the password and the private value are wiped
/// when it is taken or dropped.
struct PendingSrp {
    started: SrpStarted,
    challenge: HashMap<String, String>,
    session: Option<String>,
    created: Instant,
}

/// The exchanges in flight, by the SECRET_BLOCK of their verifier challenge: Cognito sends no Session with
/// PASSWORD_VERIFIER (the SECRET_BLOCK carries its state and comes back as PASSWORD_CLAIM_SECRET_BLOCK), but
/// a service that does send one (moto) can be answered by Session alone, hence the second index.
#[derive(Default)]
struct Pending {
    by_block: HashMap<String, PendingSrp>,
    block_by_session: HashMap<String, String>,
}

impl Pending {
    fn insert(&mut self, block: String, entry: PendingSrp) {
        self.by_block.retain(|_, p| p.created.elapsed() < PENDING_TTL);
        if self.by_block.len() >= PENDING_CAPACITY {
            self.by_block.clear();
        }
        let live = &self.by_block;
        self.block_by_session.retain(|_, b| live.contains_key(b));
        if let Some(session) = &entry.session {
            self.block_by_session.insert(session.clone(), block.clone());
        }
        self.by_block.insert(block, entry);
    }

    /// The exchange for `challenge` found by the first key that names one: SECRET_BLOCKs, then the Session.
    fn take(&mut self, blocks: &[Option<&str>], session: Option<&str>, challenge: &str) -> Option<PendingSrp> {
        let by_session = session.and_then(|s| self.block_by_session.get(s)).map(String::as_str);
        let block = blocks
            .iter()
            .copied()
            .chain([by_session])
            .flatten()
            .find(|b| self.by_block.get(*b).is_some_and(|p| p.started.prover.verifier() == challenge))?
            .to_owned();
        let entry = self.by_block.remove(&block)?;
        if let Some(s) = &entry.session {
            self.block_by_session.remove(s);
        }
        Some(entry)
    }
}

static PENDING: Lazy<Mutex<Pending>> = Lazy::new(|| Mutex::new(Pending::default()));

/// SRP private values handed out by the `SrpStart` building block, by an opaque handle, until `SrpClaim`.
static HANDLES: Lazy<Mutex<HashMap<String, (SrpClient, Instant)>>> = Lazy::new(|| Mutex::new(HashMap::new()));

/// The first half of an SRP exchange, carried from the request to its response.
pub struct SrpStarted {
    client: SrpClient,
    password: Zeroizing<String>,
    prover: Prover,
}

contract! {
    /// A remembered device's keys for DEVICE_SRP_AUTH (from ConfirmDevice and New-CGIPDeviceVerifier); wiped
    /// when dropped, also when the envelope holding it fails to parse.
    #[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
    #[serde(deny_unknown_fields)]
    pub struct DeviceSecret (in, "camelCase") {
        group_key: String,
        password: String,
    }
}

impl DeviceSecret {
    /// The device's password; its group key names the device group, like DEVICE_KEY the device.
    pub fn password(&self) -> &str {
        &self.password
    }
}

fn invalid(message: impl Into<String>) -> NativeError {
    NativeError::invalid_request(message)
}

fn get<'a>(map: &'a Option<StringMap>, key: &str) -> Option<&'a str> {
    map.as_ref()?.get(key)?.as_deref()
}

fn set(map: &mut Option<StringMap>, key: &str, value: String) {
    map.get_or_insert_with(HashMap::new).insert(key.to_owned(), Some(value));
}

/// Adds SECRET_HASH for USERNAME unless the caller supplied one (or there is no USERNAME to hash).
fn add_secret_hash(map: &mut Option<StringMap>, secret: Option<&str>, client_id: Option<&str>) {
    let (Some(secret), Some(client_id)) = (secret, client_id) else { return };
    if get(map, "SECRET_HASH").is_some() {
        return;
    }
    if let Some(user) = get(map, "USERNAME").map(str::to_owned) {
        set(map, "SECRET_HASH", auth::secret_hash(secret, &user, client_id));
    }
}

/// Starts an exchange: a fresh private value, its SRP_A put into `map`.
fn start(map: &mut Option<StringMap>, password: String, prover: Prover) -> Result<SrpStarted, NativeError> {
    let client = SrpClient::new().map_err(|e| NativeError::internal(format!("SRP: {e}")))?;
    set(map, "SRP_A", client.srp_a_hex());
    Ok(SrpStarted { client, password: Zeroizing::new(password), prover })
}

/// What a flow's protocol does with a PASSWORD in AuthParameters (AdminInitiateAuth's AuthParameters in
/// the API model; USER_AUTH sends it only with PREFERRED_CHALLENGE = PASSWORD).
enum PasswordUse {
    Sent,
    /// Proven by SRP: SRP_A goes instead (CUSTOM_AUTH names the SRP_A step in CHALLENGE_NAME).
    Srp { custom: bool },
    /// A known flow that takes no password: it is refused rather than sent.
    None,
}

fn password_use(flow: &str, params: &Option<StringMap>) -> Option<PasswordUse> {
    Some(match flow {
        "ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH" | "USER_PASSWORD_AUTH" => PasswordUse::Sent,
        "USER_AUTH" if get(params, "PREFERRED_CHALLENGE") == Some("PASSWORD") => PasswordUse::Sent,
        "USER_SRP_AUTH" => PasswordUse::Srp { custom: false },
        "CUSTOM_AUTH" => PasswordUse::Srp { custom: true },
        "USER_AUTH" | "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => PasswordUse::None,
        // A flow this module does not know yet goes to the service as given, which judges it.
        _ => return None,
    })
}

/// A PASSWORD for an SRP flow is replaced by SRP_A and the exchange remembered; one for a flow that takes
/// none is refused. Then SECRET_HASH for the USERNAME as typed.
pub fn before_initiate(input: &mut AdminInitiateAuthInput, secret: Option<&str>) -> Result<Option<SrpStarted>, NativeError> {
    let mut started = None;
    let flow = input.auth_flow.clone().unwrap_or_default();
    let params = &mut input.auth_parameters;
    if get(params, "PASSWORD").is_some() {
        match password_use(&flow, params) {
            Some(PasswordUse::Srp { custom }) => {
                if get(params, "SRP_A").is_some() {
                    return Err(invalid(format!(
                        "{flow} got both PASSWORD and SRP_A: give the password (the module computes SRP_A) or SRP_A from \
                         New-CGIPSrpA, not both. Nothing was sent."
                    )));
                }
                let password = params.as_mut().and_then(|m| m.remove("PASSWORD")).flatten().unwrap_or_default();
                let pool_id = input.user_pool_id.clone().ok_or_else(|| invalid(format!("{flow} with PASSWORD needs the UserPoolId.")))?;
                auth::pool_name(&pool_id).map_err(|e| invalid(format!("UserPoolId: {e}")))?;
                if custom && get(params, "CHALLENGE_NAME").is_none() {
                    set(params, "CHALLENGE_NAME", "SRP_A".to_owned());
                }
                started = Some(start(params, password, Prover::User { pool_id })?);
            }
            Some(PasswordUse::None) => {
                return Err(invalid(format!(
                    "The {flow} flow does not take a password (PASSWORD or -Password), so it was not sent. Use \
                     ADMIN_USER_PASSWORD_AUTH, USER_SRP_AUTH or CUSTOM_AUTH to sign in with one, or USER_AUTH with \
                     PREFERRED_CHALLENGE = PASSWORD."
                )));
            }
            Some(PasswordUse::Sent) | None => {}
        }
    }
    add_secret_hash(&mut input.auth_parameters, secret, input.client_id.as_deref());
    Ok(started)
}

/// Keeps the exchange for the verifier challenge that answers it, if that is what Cognito asked for, by its
/// SECRET_BLOCK (and its Session, when one came).
pub fn after_call(started: Option<SrpStarted>, response: &AuthResponse) {
    let Some(started) = started else { return };
    let (Some(name), Some(params)) = (response.challenge_name.as_deref(), response.challenge_parameters.as_ref()) else {
        return;
    };
    let Some(block) = params.get("SECRET_BLOCK").filter(|_| name == started.prover.verifier()) else { return };
    let entry = PendingSrp { started, challenge: params.clone(), session: response.session.clone(), created: Instant::now() };
    PENDING.lock().unwrap_or_else(|p| p.into_inner()).insert(block.clone(), entry);
}

/// Before AdminRespondToAuthChallenge: DEVICE_SRP_AUTH with the device's secret starts a device exchange;
/// PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER without a signature, for an exchange this process started,
/// is signed (found by PASSWORD_CLAIM_SECRET_BLOCK, the piped challenge's SECRET_BLOCK, or the Session);
/// with a registered authenticator's TOTP secret, SELECT_MFA_TYPE is answered SOFTWARE_TOKEN_MFA and
/// SOFTWARE_TOKEN_MFA gets the current code; then SECRET_HASH, for the user name the signature is for.
pub fn before_respond(
    input: &mut AdminRespondToAuthChallengeInput,
    secret: Option<&str>,
    device: Option<DeviceSecret>,
    challenge_parameters: Option<&StringMap>,
    totp_secret: Option<&str>,
) -> Result<Option<SrpStarted>, NativeError> {
    let mut started = None;
    let name = input.challenge_name.clone().unwrap_or_default();
    let responses = &mut input.challenge_responses;
    match name.as_str() {
        "DEVICE_SRP_AUTH" if get(responses, "SRP_A").is_none() => {
            if let Some(mut device) = device {
                let device_key = get(responses, "DEVICE_KEY")
                    .ok_or_else(|| invalid("DEVICE_SRP_AUTH needs DEVICE_KEY in the challenge responses."))?
                    .to_owned();
                let prover = Prover::Device { group_key: std::mem::take(&mut device.group_key), device_key };
                started = Some(start(responses, std::mem::take(&mut device.password), prover)?);
            }
        }
        "PASSWORD_VERIFIER" | "DEVICE_PASSWORD_VERIFIER" if get(responses, "PASSWORD_CLAIM_SIGNATURE").is_none() => {
            let piped_block = challenge_parameters.and_then(|p| p.get("SECRET_BLOCK")?.as_deref());
            let blocks = [get(responses, "PASSWORD_CLAIM_SECRET_BLOCK"), piped_block];
            let entry = PENDING.lock().unwrap_or_else(|p| p.into_inner()).take(&blocks, input.session.as_deref(), &name);
            let entry = entry.ok_or_else(|| {
                invalid(format!(
                    "{name} needs PASSWORD_CLAIM_SIGNATURE, or a challenge this process started (Start-CGIPAuthAdmin -AuthFlow \
                     USER_SRP_AUTH or CUSTOM_AUTH with PASSWORD, or DEVICE_SRP_AUTH with -DeviceGroupKey and -DevicePassword), \
                     piped in (or its SECRET_BLOCK as PASSWORD_CLAIM_SECRET_BLOCK) within 15 minutes, so that the module can sign it."
                ))
            })?;
            sign(responses, &entry, &name)?;
        }
        "SELECT_MFA_TYPE" if totp_secret.is_some() && get(responses, "ANSWER").is_none() => {
            set(responses, "ANSWER", "SOFTWARE_TOKEN_MFA".to_owned());
        }
        "SOFTWARE_TOKEN_MFA" if get(responses, "SOFTWARE_TOKEN_MFA_CODE").is_none() => {
            if let Some(totp) = totp_secret {
                set(responses, "SOFTWARE_TOKEN_MFA_CODE", current_code(totp)?);
            }
        }
        _ => {}
    }
    add_secret_hash(&mut input.challenge_responses, secret, input.client_id.as_deref());
    Ok(started)
}

/// Before VerifySoftwareToken: without a UserCode, the current code of the secret being registered.
pub fn before_verify(input: &mut VerifySoftwareTokenInput, totp_secret: Option<&str>) -> Result<(), NativeError> {
    if let (None, Some(totp)) = (&input.user_code, totp_secret) {
        input.user_code = Some(current_code(totp)?);
    }
    Ok(())
}

fn current_code(totp_secret: &str) -> Result<String, NativeError> {
    auth::totp_code_now(totp_secret).map_err(|e| invalid(format!("The TOTP secret is not usable: {e}")))
}

/// Fills in the claim. USERNAME becomes the name the claim is for: USER_ID_FOR_SRP (the user's real name
/// when an alias such as an e-mail address signed in), or for a device the challenge's USERNAME, as
/// amazon-cognito-identity-js and pycognito answer; SECRET_HASH is then computed for it. A device answer
/// also names its DEVICE_KEY.
fn sign(responses: &mut Option<StringMap>, entry: &PendingSrp, challenge: &str) -> Result<(), NativeError> {
    let param = |k: &str| {
        entry.challenge.get(k).map(String::as_str).ok_or_else(|| invalid(format!("The {challenge} challenge had no {k}.")))
    };
    let timestamp = auth::cognito_timestamp(SystemTime::now()).map_err(|e| NativeError::internal(e.to_string()))?;
    let (b, salt, block) = (param("SRP_B")?, param("SALT")?, param("SECRET_BLOCK")?);
    let started = &entry.started;
    let claim = match &started.prover {
        Prover::User { pool_id } => {
            let user_id = param("USER_ID_FOR_SRP")?;
            set(responses, "USERNAME", user_id.to_owned());
            started.client.password_claim(pool_id, user_id, &started.password, b, salt, block, &timestamp)
        }
        Prover::Device { group_key, device_key } => {
            if let Some(user) = entry.challenge.get("USERNAME") {
                set(responses, "USERNAME", user.clone());
            }
            if get(responses, "DEVICE_KEY").is_none() {
                set(responses, "DEVICE_KEY", device_key.clone());
            }
            started.client.device_password_claim(group_key, device_key, &started.password, b, salt, block, &timestamp)
        }
    }
    .map_err(|e| invalid(format!("The {challenge} challenge cannot be answered: {e}")))?;
    set(responses, "PASSWORD_CLAIM_SECRET_BLOCK", block.to_owned());
    set(responses, "PASSWORD_CLAIM_SIGNATURE", claim.signature_b64);
    set(responses, "TIMESTAMP", claim.timestamp);
    Ok(())
}

/// The building blocks, for callers driving a flow themselves, each with its input (read with the envelope:
/// [`crate::envelope`]).
pub enum Local {
    SecretHash(SecretHashInput),
    TotpCode(TotpInput),
    DecodeTokenUnverified(TokenInput),
    SrpStart,
    SrpClaim(ClaimInput),
    DeviceVerifier(DeviceInput),
}

impl Local {
    /// Runs the building block; its answer is serialised at its exact size (the buffer is wiped when freed).
    pub fn run(self) -> Result<Vec<u8>, NativeError> {
        match self {
            Local::SecretHash(i) => {
                Ok(exact::to_vec(&SecretHashAnswer { secret_hash: auth::secret_hash(&i.client_secret, &i.user_name, &i.client_id) }))
            }
            Local::TotpCode(i) => {
                let now = i.unix_time.unwrap_or_else(|| SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0));
                auth::totp_code(&i.secret, now)
                    .map(|code| exact::to_vec(&TotpAnswer { code, seconds_remaining: auth::seconds_remaining(now) }))
                    .map_err(|e| invalid(format!("The TOTP secret is not usable: {e}")))
            }
            Local::DecodeTokenUnverified(i) => auth::decode_unverified(&i.token)
                .map(|jwt| {
                    let expires = jwt.exp();
                    exact::to_vec(&TokenAnswer { header: jwt.header, payload: jwt.payload, expires })
                })
                .map_err(|e| invalid(format!("Not a JWT: {e}"))),
            Local::SrpStart => srp_start(),
            Local::SrpClaim(i) => srp_claim(&i),
            Local::DeviceVerifier(i) => auth::generate_device_verifier(&i.device_group_key, &i.device_key)
                .map(|mut v| {
                    // Moved, not copied: the answer is the password's one copy here, wiped when dropped.
                    let answer = DeviceVerifierAnswer {
                        device_password: std::mem::take(&mut *v.device_password),
                        password_verifier: std::mem::take(&mut v.password_verifier_b64),
                        salt: std::mem::take(&mut v.salt_b64),
                    };
                    exact::to_vec(&answer)
                })
                .map_err(|e| invalid(e.to_string())),
        }
    }

    /// What the input holds that must not be shown: the client secret, TOTP secret, token, password, and
    /// the SRP handle and challenge values a claim is computed from. Device keys only name a device.
    pub fn secrets(&self) -> Vec<&str> {
        match self {
            Local::SecretHash(i) => vec![&i.client_secret],
            Local::TotpCode(i) => vec![&i.secret],
            Local::DecodeTokenUnverified(i) => vec![&i.token],
            Local::SrpStart | Local::DeviceVerifier(_) => Vec::new(),
            Local::SrpClaim(i) => vec![&i.handle, &i.password, &i.srp_b, &i.salt, &i.secret_block],
        }
    }
}

/// A fresh SRP_A; its private value stays here under the returned handle (15 minutes at most).
fn srp_start() -> Result<Vec<u8>, NativeError> {
    let client = SrpClient::new().map_err(|e| NativeError::internal(format!("SRP: {e}")))?;
    let mut id = [0u8; 16];
    getrandom::getrandom(&mut id).map_err(|e| NativeError::internal(format!("random: {e}")))?;
    let handle: String = id.iter().map(|b| format!("{b:02x}")).collect();
    let srp_a = client.srp_a_hex();
    let mut handles = HANDLES.lock().unwrap_or_else(|p| p.into_inner());
    handles.retain(|_, (_, created)| created.elapsed() < PENDING_TTL);
    if handles.len() >= PENDING_CAPACITY {
        handles.clear();
    }
    handles.insert(handle.clone(), (client, Instant::now()));
    Ok(exact::to_vec(&SrpStartAnswer { srp_a, handle }))
}

/// Signs a PASSWORD_VERIFIER challenge with the private value behind `handle`, which is then forgotten.
fn srp_claim(i: &ClaimInput) -> Result<Vec<u8>, NativeError> {
    let (client, _) = HANDLES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&i.handle)
        .ok_or_else(|| invalid("Unknown or used SRP handle: start again with New-CGIPSrpA (a handle signs once, within 15 minutes)."))?;
    let timestamp = auth::cognito_timestamp(SystemTime::now()).map_err(|e| NativeError::internal(e.to_string()))?;
    let claim = client
        .password_claim(&i.user_pool_id, &i.user_id_for_srp, &i.password, &i.srp_b, &i.salt, &i.secret_block, &timestamp)
        .map_err(|e| invalid(format!("The PASSWORD_VERIFIER challenge cannot be answered: {e}")))?;
    Ok(exact::to_vec(&SrpClaimAnswer { signature: claim.signature_b64, timestamp: claim.timestamp, secret_block: i.secret_block.clone() }))
}

// The inputs keep the local operations' secrets (client secret, TOTP secret, token, password): wiped when
// dropped, whether the operation ran or the envelope failed after them. Unknown members are ignored.

contract! {
    #[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
    pub struct SecretHashInput (in, "PascalCase") {
        client_secret: String,
        user_name: String,
        client_id: String,
    }
}

contract! {
    #[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
    pub struct TotpInput (in, "PascalCase") {
        secret: String,
        unix_time: Option<u64>,
    }
}

contract! {
    #[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
    pub struct TokenInput (in, "PascalCase") {
        token: String,
    }
}

contract! {
    #[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
    pub struct ClaimInput (in, "PascalCase") {
        handle: String,
        user_pool_id: String,
        user_id_for_srp: String,
        password: String,
        srp_b: String,
        salt: String,
        secret_block: String,
    }
}

contract! {
    #[derive(Deserialize)]
    pub struct DeviceInput (in, "PascalCase") {
        device_group_key: String,
        device_key: String,
    }
}

// The answers. Those holding a secret (SECRET_HASH, the device password) are wiped when dropped, after they were
// serialised into the answer buffer.

contract! {
    #[derive(Serialize, Zeroize, ZeroizeOnDrop)]
    pub struct SecretHashAnswer (out, "PascalCase") {
        secret_hash: String,
    }
}

contract! {
    #[derive(Serialize)]
    pub struct TotpAnswer (out, "PascalCase") {
        code: String,
        seconds_remaining: u64,
    }
}

contract! {
    /// A token's parts as they are: the claims are whatever the issuer put there.
    #[derive(Serialize)]
    pub struct TokenAnswer (out, "PascalCase") {
        header: Map<String, Value>,
        payload: Map<String, Value>,
        expires: Option<i64>,
    }
}

contract! {
    #[derive(Serialize)]
    pub struct SrpStartAnswer (out, "PascalCase") {
        srp_a: String,
        handle: String,
    }
}

contract! {
    #[derive(Serialize)]
    pub struct SrpClaimAnswer (out, "PascalCase") {
        signature: String,
        timestamp: String,
        secret_block: String,
    }
}

contract! {
    #[derive(Serialize, Zeroize, ZeroizeOnDrop)]
    pub struct DeviceVerifierAnswer (out, "PascalCase") {
        device_password: String,
        password_verifier: String,
        salt: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Option<StringMap> {
        Some(pairs.iter().map(|(k, v)| (k.to_string(), Some(v.to_string()))).collect())
    }

    #[test]
    fn a_client_secret_adds_secret_hash_for_the_username_unless_given() {
        let mut input = AdminInitiateAuthInput { client_id: Some("cid".into()), auth_parameters: map(&[("USERNAME", "alice")]), ..Default::default() };
        before_initiate(&mut input, Some("s3cret")).unwrap();
        assert_eq!(get(&input.auth_parameters, "SECRET_HASH").unwrap(), auth::secret_hash("s3cret", "alice", "cid"));

        let mut given = AdminInitiateAuthInput { client_id: Some("cid".into()), auth_parameters: map(&[("USERNAME", "a"), ("SECRET_HASH", "mine")]), ..Default::default() };
        before_initiate(&mut given, Some("s3cret")).unwrap();
        assert_eq!(get(&given.auth_parameters, "SECRET_HASH"), Some("mine"));
    }

    #[test]
    fn user_srp_auth_sends_srp_a_instead_of_the_password() {
        let mut input = AdminInitiateAuthInput {
            user_pool_id: Some("us-east-1_Pool".into()),
            auth_flow: Some("USER_SRP_AUTH".into()),
            auth_parameters: map(&[("USERNAME", "alice"), ("PASSWORD", "hunter2")]),
            ..Default::default()
        };
        let started = before_initiate(&mut input, None).unwrap();
        assert!(started.is_some());
        assert!(get(&input.auth_parameters, "PASSWORD").is_none());
        assert!(get(&input.auth_parameters, "SRP_A").unwrap().len() > 700);
    }

    #[test]
    fn password_verifier_without_state_or_signature_is_refused_clearly() {
        let mut input = AdminRespondToAuthChallengeInput {
            challenge_name: Some("PASSWORD_VERIFIER".into()),
            session: Some("unknown-session".into()),
            ..Default::default()
        };
        let piped = map(&[("SECRET_BLOCK", "never-issued")]).unwrap();
        let err = before_respond(&mut input, None, None, Some(&piped), None).err().expect("refused");
        assert!(err.message.contains("PASSWORD_CLAIM_SIGNATURE"), "{}", err.message);
    }

    /// Starts a USER_SRP_AUTH exchange for `typed` and hands it the verifier challenge a service answered
    /// with: SECRET_BLOCK `block` (base64, as Cognito sends it), USER_ID_FOR_SRP "dora", and `session` if any.
    fn started_user_exchange(block: &str, session: Option<&str>, typed: &str) {
        let mut input = AdminInitiateAuthInput {
            user_pool_id: Some("us-east-1_Pool".into()),
            client_id: Some("cid".into()),
            auth_flow: Some("USER_SRP_AUTH".into()),
            auth_parameters: map(&[("USERNAME", typed), ("PASSWORD", "hunter2")]),
            ..Default::default()
        };
        let started = before_initiate(&mut input, None).unwrap();
        let params = [("SRP_B", "ab12"), ("SALT", "cd34"), ("SECRET_BLOCK", block), ("USER_ID_FOR_SRP", "dora"), ("USERNAME", "dora")];
        let response = AuthResponse {
            challenge_name: Some("PASSWORD_VERIFIER".into()),
            session: session.map(str::to_owned),
            challenge_parameters: Some(params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()),
            ..Default::default()
        };
        after_call(started, &response);
    }

    fn answer(responses: Option<StringMap>, session: Option<&str>, piped_block: Option<&str>, secret: Option<&str>) -> Result<Option<StringMap>, NativeError> {
        let mut input = AdminRespondToAuthChallengeInput {
            client_id: Some("cid".into()),
            challenge_name: Some("PASSWORD_VERIFIER".into()),
            challenge_responses: responses,
            session: session.map(str::to_owned),
            ..Default::default()
        };
        let piped = piped_block.map(|b| map(&[("SECRET_BLOCK", b)]).unwrap());
        before_respond(&mut input, secret, None, piped.as_ref(), None)?;
        Ok(input.challenge_responses)
    }

    #[test]
    fn a_verifier_without_a_session_is_signed_by_the_piped_secret_block() {
        started_user_exchange("NoSession000", None, "dora");
        let signed = answer(None, None, Some("NoSession000"), None).unwrap();
        assert!(get(&signed, "PASSWORD_CLAIM_SIGNATURE").is_some());
        assert_eq!(get(&signed, "PASSWORD_CLAIM_SECRET_BLOCK"), Some("NoSession000"));
        assert!(get(&signed, "TIMESTAMP").is_some());
        assert!(answer(None, None, Some("NoSession000"), None).is_err(), "an exchange signs once");
    }

    #[test]
    fn a_verifier_is_found_by_password_claim_secret_block_or_by_session() {
        started_user_exchange("ByClaim00000", None, "dora");
        let claim = map(&[("PASSWORD_CLAIM_SECRET_BLOCK", "ByClaim00000")]);
        assert!(get(&answer(claim, None, None, None).unwrap(), "PASSWORD_CLAIM_SIGNATURE").is_some());

        started_user_exchange("WithSession0", Some("moto-session"), "dora");
        let signed = answer(None, Some("moto-session"), None, None).unwrap();
        assert_eq!(get(&signed, "PASSWORD_CLAIM_SECRET_BLOCK"), Some("WithSession0"));
        assert!(answer(None, None, Some("WithSession0"), None).is_err(), "taken by Session, gone by SECRET_BLOCK too");
    }

    #[test]
    fn interleaved_sign_ins_each_sign_their_own_challenge() {
        started_user_exchange("First0000000", None, "dora");
        started_user_exchange("Second000000", None, "dora");
        let second = answer(None, None, Some("Second000000"), None).unwrap();
        let first = answer(None, None, Some("First0000000"), None).unwrap();
        assert_eq!(get(&first, "PASSWORD_CLAIM_SECRET_BLOCK"), Some("First0000000"));
        assert_eq!(get(&second, "PASSWORD_CLAIM_SECRET_BLOCK"), Some("Second000000"));
        assert_ne!(get(&first, "PASSWORD_CLAIM_SIGNATURE"), get(&second, "PASSWORD_CLAIM_SIGNATURE"));
    }

    #[test]
    fn a_device_verifier_does_not_take_a_user_exchange() {
        started_user_exchange("UserOnly0000", None, "dora");
        let mut input = AdminRespondToAuthChallengeInput { challenge_name: Some("DEVICE_PASSWORD_VERIFIER".into()), ..Default::default() };
        let piped = map(&[("SECRET_BLOCK", "UserOnly0000")]).unwrap();
        assert!(before_respond(&mut input, None, None, Some(&piped), None).is_err());
        assert!(answer(None, None, Some("UserOnly0000"), None).is_ok(), "still there for its PASSWORD_VERIFIER");
    }

    #[test]
    fn after_an_alias_the_answer_and_its_secret_hash_are_for_user_id_for_srp() {
        started_user_exchange("Alias0000000", None, "dora@example.com");
        let typed = map(&[("USERNAME", "dora@example.com")]);
        let signed = answer(typed, None, Some("Alias0000000"), Some("s3cret")).unwrap();
        assert_eq!(get(&signed, "USERNAME"), Some("dora"));
        assert_eq!(get(&signed, "SECRET_HASH").unwrap(), auth::secret_hash("s3cret", "dora", "cid"));
    }

    fn initiate(flow: &str, pairs: &[(&str, &str)]) -> Result<(AdminInitiateAuthInput, bool), NativeError> {
        let mut input = AdminInitiateAuthInput {
            user_pool_id: Some("us-east-1_Pool".into()),
            auth_flow: Some(flow.into()),
            auth_parameters: map(pairs),
            ..Default::default()
        };
        let started = before_initiate(&mut input, None)?;
        Ok((input, started.is_some()))
    }

    #[test]
    fn custom_auth_with_a_password_starts_with_srp_a_and_sends_no_password() {
        let (input, started) = initiate("CUSTOM_AUTH", &[("USERNAME", "dora"), ("PASSWORD", "hunter2")]).unwrap();
        assert!(started);
        assert_eq!(get(&input.auth_parameters, "CHALLENGE_NAME"), Some("SRP_A"));
        assert!(get(&input.auth_parameters, "SRP_A").is_some());
        assert!(get(&input.auth_parameters, "PASSWORD").is_none());
        let (plain, started) = initiate("CUSTOM_AUTH", &[("USERNAME", "dora")]).unwrap();
        assert!(!started && get(&plain.auth_parameters, "CHALLENGE_NAME").is_none(), "without a password the custom flow is the caller's");
    }

    #[test]
    fn a_password_goes_only_to_flows_that_send_one() {
        for flow in ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"] {
            let (input, _) = initiate(flow, &[("USERNAME", "dora"), ("PASSWORD", "hunter2")]).unwrap();
            assert_eq!(get(&input.auth_parameters, "PASSWORD"), Some("hunter2"), "{flow}");
        }
        let (input, _) = initiate("USER_AUTH", &[("USERNAME", "d"), ("PASSWORD", "hunter2"), ("PREFERRED_CHALLENGE", "PASSWORD")]).unwrap();
        assert_eq!(get(&input.auth_parameters, "PASSWORD"), Some("hunter2"));
        for flow in ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "USER_AUTH"] {
            let Err(err) = initiate(flow, &[("USERNAME", "dora"), ("PASSWORD", "hunter2")]) else { panic!("{flow} sent the password") };
            assert!(err.message.contains("not sent") && !err.message.contains("hunter2"), "{}", err.message);
        }
        let Err(err) = initiate("USER_SRP_AUTH", &[("USERNAME", "d"), ("PASSWORD", "hunter2"), ("SRP_A", "ab")]) else { panic!("PASSWORD and SRP_A both accepted") };
        assert!(err.message.contains("not both"), "{}", err.message);
    }

    /// An answer as the module reads it: JSON in the contract's member names.
    fn answer_of(bytes: Vec<u8>) -> Value {
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn local_operations_answer_without_a_service() {
        let totp = |unix_time| Local::TotpCode(TotpInput { secret: "JBSWY3DPEHPK3PXP".into(), unix_time }).run();
        assert_eq!(answer_of(totp(Some(59)).unwrap())["Code"].as_str().unwrap().len(), 6);
        let bad = Local::TotpCode(TotpInput { secret: "not base32!".into(), unix_time: Some(59) }).run().unwrap_err();
        assert!(bad.message.starts_with("The TOTP secret is not usable"), "{}", bad.message);
        let hash = answer_of(Local::SecretHash(SecretHashInput { client_secret: "s".into(), user_name: "u".into(), client_id: "c".into() }).run().unwrap());
        assert_eq!(hash["SecretHash"], auth::secret_hash("s", "u", "c"));
    }

    #[test]
    fn an_srp_handle_signs_once() {
        let start = answer_of(Local::SrpStart.run().unwrap());
        let handle = start["Handle"].as_str().unwrap();
        let claim = |h: &str| {
            Local::SrpClaim(ClaimInput {
                handle: h.into(),
                user_pool_id: "us-east-1_P".into(),
                user_id_for_srp: "u".into(),
                password: "p".into(),
                srp_b: "ab12".into(),
                salt: "cd34".into(),
                secret_block: "AAAA".into(),
            })
            .run()
        };
        assert!(answer_of(claim(handle).unwrap())["Signature"].as_str().is_some());
        assert!(claim(handle).unwrap_err().message.contains("Unknown or used"));
    }
}
