//! The operations around a sign-in that a script needs to finish it: registering a TOTP authenticator
//! (AssociateSoftwareToken, VerifySoftwareToken), new tokens from a refresh token where the app client
//! rotates them (GetTokensFromRefreshToken), and signing out (RevokeToken, AdminUserGlobalSignOut). Each
//! input and answer has AWS's member names, as the two auth operations' do ([`crate::model`]).

use aws_sdk_cognitoidentityprovider::operation::RequestId;
use aws_sdk_cognitoidentityprovider::Client;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::NativeError;
use crate::model::{string_map, AuthenticationResult, ResponseMetadata, StringMap};

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AssociateSoftwareTokenInput (in, "PascalCase") {
        pub access_token: Option<String>,
        pub session: Option<String>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct VerifySoftwareTokenInput (in, "PascalCase") {
        pub access_token: Option<String>,
        pub session: Option<String>,
        pub user_code: Option<String>,
        pub friendly_device_name: Option<String>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GetTokensFromRefreshTokenInput (in, "PascalCase") {
        pub refresh_token: Option<String>,
        pub client_id: Option<String>,
        /// The API's own member: unlike the auth operations' SECRET_HASH, this operation sends the secret.
        pub client_secret: Option<String>,
        pub device_key: Option<String>,
        pub client_metadata: Option<StringMap>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct RevokeTokenInput (in, "PascalCase") {
        pub token: Option<String>,
        pub client_id: Option<String>,
        pub client_secret: Option<String>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AdminUserGlobalSignOutInput (in, "PascalCase") {
        pub user_pool_id: Option<String>,
        pub username: Option<String>,
    }
}

contract! {
    /// The TOTP secret is wiped when dropped, after it was serialised into the (also wiped) response buffer.
    #[derive(Debug, Default, Serialize, Zeroize, ZeroizeOnDrop)]
    pub struct AssociateSoftwareTokenResponse (out, "PascalCase") {
        pub secret_code: Option<String>,
        pub session: Option<String>,
        #[zeroize(skip)]
        pub response_metadata: ResponseMetadata,
        pub http_status_code: u16,
    }
}

contract! {
    #[derive(Debug, Default, Serialize)]
    pub struct VerifySoftwareTokenResponse (out, "PascalCase") {
        pub status: Option<String>,
        pub session: Option<String>,
        pub response_metadata: ResponseMetadata,
        pub http_status_code: u16,
    }
}

contract! {
    #[derive(Debug, Default, Serialize)]
    pub struct GetTokensFromRefreshTokenResponse (out, "PascalCase") {
        pub authentication_result: Option<AuthenticationResult>,
        pub response_metadata: ResponseMetadata,
        pub http_status_code: u16,
    }
}

contract! {
    /// The answer of the operations whose output has no members (RevokeToken, AdminUserGlobalSignOut).
    #[derive(Debug, Default, Serialize)]
    pub struct EmptyResponse (out, "PascalCase") {
        pub response_metadata: ResponseMetadata,
        pub http_status_code: u16,
    }
}

fn metadata(out: &impl RequestId) -> ResponseMetadata {
    ResponseMetadata { request_id: out.request_id().map(str::to_owned) }
}

pub async fn associate_software_token(
    client: &Client,
    input: AssociateSoftwareTokenInput,
    target: &str,
) -> Result<AssociateSoftwareTokenResponse, NativeError> {
    let out = client
        .associate_software_token()
        .set_access_token(input.access_token)
        .set_session(input.session)
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(AssociateSoftwareTokenResponse {
        response_metadata: metadata(&out),
        secret_code: out.secret_code,
        session: out.session,
        http_status_code: 200,
    })
}

pub async fn verify_software_token(
    client: &Client,
    input: VerifySoftwareTokenInput,
    target: &str,
) -> Result<VerifySoftwareTokenResponse, NativeError> {
    let out = client
        .verify_software_token()
        .set_access_token(input.access_token)
        .set_session(input.session)
        .set_user_code(input.user_code)
        .set_friendly_device_name(input.friendly_device_name)
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(VerifySoftwareTokenResponse {
        response_metadata: metadata(&out),
        status: out.status.map(|s| s.as_str().to_owned()),
        session: out.session,
        http_status_code: 200,
    })
}

pub async fn get_tokens_from_refresh_token(
    client: &Client,
    input: GetTokensFromRefreshTokenInput,
    target: &str,
) -> Result<GetTokensFromRefreshTokenResponse, NativeError> {
    let out = client
        .get_tokens_from_refresh_token()
        .set_refresh_token(input.refresh_token)
        .set_client_id(input.client_id)
        .set_client_secret(input.client_secret)
        .set_device_key(input.device_key)
        .set_client_metadata(string_map(input.client_metadata))
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(GetTokensFromRefreshTokenResponse {
        response_metadata: metadata(&out),
        authentication_result: out.authentication_result.map(Into::into),
        http_status_code: 200,
    })
}

pub async fn revoke_token(client: &Client, input: RevokeTokenInput, target: &str) -> Result<EmptyResponse, NativeError> {
    let out = client
        .revoke_token()
        .set_token(input.token)
        .set_client_id(input.client_id)
        .set_client_secret(input.client_secret)
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(EmptyResponse { response_metadata: metadata(&out), http_status_code: 200 })
}

pub async fn admin_user_global_sign_out(
    client: &Client,
    input: AdminUserGlobalSignOutInput,
    target: &str,
) -> Result<EmptyResponse, NativeError> {
    let out = client
        .admin_user_global_sign_out()
        .set_user_pool_id(input.user_pool_id)
        .set_username(input.username)
        .send()
        .await
        .map_err(|e| NativeError::from_sdk(e, target))?;
    Ok(EmptyResponse { response_metadata: metadata(&out), http_status_code: 200 })
}
