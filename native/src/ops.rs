//! The operations: one JSON request envelope in ([`crate::envelope`]), one JSON response (or
//! [`NativeError`]) out.

use aws_sdk_cognitoidentityprovider::operation::RequestId;
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ChallengeNameType};
use aws_sdk_cognitoidentityprovider::Client;
use tokio_util::sync::CancellationToken;

use crate::assist;
use crate::client::client_for;
use crate::credentials;
use crate::envelope::{Envelope, Operation};
use crate::error::NativeError;
use crate::exact;
use crate::journey;
use crate::model::{
    challenge_name, string_map, AdminInitiateAuthInput, AdminRespondToAuthChallengeInput, AnalyticsMetadata,
    AuthResponse, ContextData, ResponseMetadata,
};
use crate::runtime::runtime;
use crate::scrub::Scrubber;
use crate::verify;

/// Far above any real request (each auth parameter is capped at 128 KiB by the service); refusing
/// larger payloads keeps a runaway caller from making us parse megabytes.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// Runs one request to completion on the shared runtime, blocking the calling (foreign) thread.
pub fn call_blocking(request: &[u8], cancel: Option<&CancellationToken>) -> Result<Vec<u8>, NativeError> {
    runtime().block_on(async {
        match cancel {
            Some(token) => tokio::select! {
                biased;
                _ = token.cancelled() => Err(NativeError::cancelled()),
                result = invoke(request) => result,
            },
            None => invoke(request).await,
        }
    })
}

/// Every error leaves through the call's [`Scrubber`]: whatever a service or a proxy quotes back of the
/// request, or a local step quotes of its input, reaches the caller without the call's secrets. Before the
/// envelope is read nothing is known, and its refusals never quote a value ([`crate::error::json_problem`]).
pub async fn invoke(request: &[u8]) -> Result<Vec<u8>, NativeError> {
    if request.len() > MAX_REQUEST_BYTES {
        return Err(NativeError::invalid_request(format!(
            "The request is {} bytes; the limit is {MAX_REQUEST_BYTES}.",
            request.len()
        )));
    }
    let envelope = Envelope::parse(request)?;
    let mut secrets = secrets_of(&envelope);
    let result = run(envelope, &mut secrets).await;
    result.map_err(|e| secrets.scrub_error(e))
}

/// The secrets the envelope holds. The values computed from them (SECRET_HASH, SRP_A, the claim) are added
/// by [`run`] once they exist; an access key id, user and device names are not secret.
fn secrets_of(envelope: &Envelope) -> Scrubber {
    let mut secrets = Scrubber::default();
    if let Some(credentials) = &envelope.client.credentials {
        secrets.add(&credentials.secret_access_key);
        secrets.add_opt(credentials.session_token.as_deref());
    }
    for name in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
        secrets.add_opt(envelope.client.environment.get(name));
    }
    secrets.add_opt(envelope.client_secret.as_deref().map(String::as_str));
    secrets.add_opt(envelope.device.as_ref().map(|d| d.password()));
    secrets.add_opt(envelope.totp_secret.as_deref().map(String::as_str));
    if let Some(challenge) = &envelope.challenge_parameters {
        for name in ["SECRET_BLOCK", "SRP_B", "SALT"] {
            secrets.add_opt(challenge.get(name).and_then(Option::as_deref));
        }
    }
    match &envelope.operation {
        Operation::AdminInitiateAuth(input) => {
            secrets.add_parameters(input.auth_parameters.as_ref());
            secrets.add_opt(input.session.as_deref());
        }
        Operation::AdminRespondToAuthChallenge(input) => {
            secrets.add_parameters(input.challenge_responses.as_ref());
            secrets.add_opt(input.session.as_deref());
        }
        Operation::AssociateSoftwareToken(input) => {
            secrets.add_opt(input.access_token.as_deref());
            secrets.add_opt(input.session.as_deref());
        }
        Operation::VerifySoftwareToken(input) => {
            secrets.add_opt(input.access_token.as_deref());
            secrets.add_opt(input.session.as_deref());
        }
        Operation::GetTokensFromRefreshToken(input) => {
            secrets.add_opt(input.refresh_token.as_deref());
            secrets.add_opt(input.client_secret.as_deref());
        }
        Operation::RevokeToken(input) => {
            secrets.add_opt(input.token.as_deref());
            secrets.add_opt(input.client_secret.as_deref());
        }
        Operation::AdminUserGlobalSignOut(_) => {}
        Operation::VerifyToken(input) => input.secrets().into_iter().for_each(|s| secrets.add(s)),
        Operation::Local(local) => local.secrets().into_iter().for_each(|s| secrets.add(s)),
        Operation::ResolveConnection => {}
    }
    secrets
}

async fn run(envelope: Envelope, secrets: &mut Scrubber) -> Result<Vec<u8>, NativeError> {
    let Envelope { operation, client: settings, client_secret, device, challenge_parameters, totp_secret } = envelope;
    let secret = client_secret.as_deref().map(String::as_str);
    let totp = totp_secret.as_deref().map(String::as_str);
    let target = settings.describe_target();
    let target = target.as_str();
    // What the module adds to a request (SECRET_HASH, SRP, a TOTP code) is computed before a client is made,
    // so that a refusal of the input comes before any credential lookup.
    let answer = match operation {
        Operation::Local(local) => return local.run(),
        Operation::ResolveConnection => return Ok(exact::to_vec(&credentials::resolve(&settings).await?)),
        Operation::AdminInitiateAuth(mut input) => {
            let srp = assist::before_initiate(&mut input, secret)?;
            secrets.add_parameters(input.auth_parameters.as_ref());
            let response = admin_initiate_auth(&client_for(&settings).await?, input, target).await;
            response.inspect(|r| assist::after_call(srp, r)).map(|r| exact::to_vec(&r))
        }
        Operation::AdminRespondToAuthChallenge(mut input) => {
            let srp = assist::before_respond(&mut input, secret, device, challenge_parameters.as_ref(), totp)?;
            secrets.add_parameters(input.challenge_responses.as_ref());
            let response = respond_to_auth_challenge(&client_for(&settings).await?, input, target).await;
            response.inspect(|r| assist::after_call(srp, r)).map(|r| exact::to_vec(&r))
        }
        Operation::AssociateSoftwareToken(input) => {
            journey::associate_software_token(&client_for(&settings).await?, input, target).await.map(|r| exact::to_vec(&r))
        }
        Operation::VerifySoftwareToken(mut input) => {
            assist::before_verify(&mut input, totp)?;
            journey::verify_software_token(&client_for(&settings).await?, input, target).await.map(|r| exact::to_vec(&r))
        }
        Operation::GetTokensFromRefreshToken(input) => {
            journey::get_tokens_from_refresh_token(&client_for(&settings).await?, input, target).await.map(|r| exact::to_vec(&r))
        }
        Operation::RevokeToken(input) => journey::revoke_token(&client_for(&settings).await?, input, target).await.map(|r| exact::to_vec(&r)),
        Operation::AdminUserGlobalSignOut(input) => {
            journey::admin_user_global_sign_out(&client_for(&settings).await?, input, target).await.map(|r| exact::to_vec(&r))
        }
        Operation::VerifyToken(input) => verify::verify_token(input, &settings).await.map(|r| exact::to_vec(&r)),
    };
    answer.map_err(|e| credentials::explain(e, &settings))
}

/// Both operations answer the same five members (AdminRespondToAuthChallengeResponse gained
/// AvailableChallenges with choice-based sign-in); the SDK gives them two unrelated output types.
macro_rules! auth_response {
    ($out:expr) => {{
        let out = $out;
        AuthResponse {
            response_metadata: ResponseMetadata { request_id: out.request_id().map(str::to_owned) },
            challenge_name: out.challenge_name.map(challenge_name),
            session: out.session,
            challenge_parameters: out.challenge_parameters,
            authentication_result: out.authentication_result.map(Into::into),
            available_challenges: out.available_challenges.map(|v| v.into_iter().map(challenge_name).collect()),
            http_status_code: 200,
        }
    }};
}

async fn admin_initiate_auth(
    client: &Client,
    input: AdminInitiateAuthInput,
    target: &str,
) -> Result<AuthResponse, NativeError> {
    let out = client
        .admin_initiate_auth()
        .set_user_pool_id(input.user_pool_id)
        .set_client_id(input.client_id)
        .set_auth_flow(input.auth_flow.as_deref().map(AuthFlowType::from))
        .set_auth_parameters(string_map(input.auth_parameters))
        .set_client_metadata(string_map(input.client_metadata))
        .set_analytics_metadata(input.analytics_metadata.map(AnalyticsMetadata::into_sdk))
        .set_context_data(input.context_data.map(ContextData::into_sdk).transpose()?)
        .set_session(input.session)
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(auth_response!(out))
}

async fn respond_to_auth_challenge(
    client: &Client,
    input: AdminRespondToAuthChallengeInput,
    target: &str,
) -> Result<AuthResponse, NativeError> {
    let out = client
        .admin_respond_to_auth_challenge()
        .set_user_pool_id(input.user_pool_id)
        .set_client_id(input.client_id)
        .set_challenge_name(input.challenge_name.as_deref().map(ChallengeNameType::from))
        .set_challenge_responses(string_map(input.challenge_responses))
        .set_client_metadata(string_map(input.client_metadata))
        .set_analytics_metadata(input.analytics_metadata.map(AnalyticsMetadata::into_sdk))
        .set_context_data(input.context_data.map(ContextData::into_sdk).transpose()?)
        .set_session(input.session)
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(auth_response!(out))
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
