//! The JSON shapes of the two operations as they cross the C ABI: AWS's own member names (the JSON 1.1
//! wire names of `cognito-idp`), so the C# layer, the tests and the service all speak one vocabulary.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::types::{
    AnalyticsMetadataType, AuthenticationResultType, ChallengeNameType, ContextDataType, HttpHeader,
};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::NativeError;

/// A string map in which a `$null` value is allowed (AWS.Tools passes it on); the SDK map cannot hold
/// one, so such entries are left out of the request.
pub type StringMap = HashMap<String, Option<String>>;

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AdminInitiateAuthInput (in, "PascalCase") {
        pub user_pool_id: Option<String>,
        pub client_id: Option<String>,
        pub auth_flow: Option<String>,
        pub auth_parameters: Option<StringMap>,
        pub client_metadata: Option<StringMap>,
        pub analytics_metadata: Option<AnalyticsMetadata>,
        pub context_data: Option<ContextData>,
        pub session: Option<String>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AdminRespondToAuthChallengeInput (in, "PascalCase") {
        pub user_pool_id: Option<String>,
        pub client_id: Option<String>,
        pub challenge_name: Option<String>,
        pub challenge_responses: Option<StringMap>,
        pub client_metadata: Option<StringMap>,
        pub analytics_metadata: Option<AnalyticsMetadata>,
        pub context_data: Option<ContextData>,
        pub session: Option<String>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AnalyticsMetadata (in, "PascalCase") {
        pub analytics_endpoint_id: Option<String>,
    }
}

contract! {
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ContextData (in, "PascalCase") {
        pub ip_address: Option<String>,
        pub server_name: Option<String>,
        pub server_path: Option<String>,
        pub http_headers: Option<Vec<Header>>,
        pub encoded_data: Option<String>,
    }
}

contract! {
    /// AWS spells HttpHeader's members in camelCase; the PascalCase spelling is accepted too.
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Header (in, "camelCase") {
        #[serde(alias = "HeaderName")]
        pub header_name: Option<String>,
        #[serde(alias = "HeaderValue")]
        pub header_value: Option<String>,
    }
}

pub fn string_map(map: Option<StringMap>) -> Option<HashMap<String, String>> {
    map.map(|m| m.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect())
}

impl AnalyticsMetadata {
    pub fn into_sdk(self) -> AnalyticsMetadataType {
        AnalyticsMetadataType::builder().set_analytics_endpoint_id(self.analytics_endpoint_id).build()
    }
}

impl ContextData {
    /// The SDK insists on the members the API model marks required; AWS.Tools would send the partial
    /// structure and let the service refuse it. Either way nothing useful is sent, so say which are missing.
    pub fn into_sdk(self) -> Result<ContextDataType, NativeError> {
        let headers = self
            .http_headers
            .map(|hs| {
                hs.into_iter()
                    .map(|h| HttpHeader::builder().set_header_name(h.header_name).set_header_value(h.header_value).build())
                    .collect::<Vec<_>>()
            });
        ContextDataType::builder()
            .set_ip_address(self.ip_address)
            .set_server_name(self.server_name)
            .set_server_path(self.server_path)
            .set_http_headers(headers)
            .set_encoded_data(self.encoded_data)
            .build()
            .map_err(|e| {
                NativeError::new(
                    crate::error::ErrorKind::InvalidRequest,
                    "InvalidParameterException",
                    format!("ContextData needs IpAddress, ServerName, ServerPath and HttpHeaders together: {e}"),
                )
            })
    }
}

contract! {
    /// The response of either operation: both have the same members in the API model (2016-04-18, as of
    /// botocore 1.44 and aws-sdk-cognitoidentityprovider 1.144), `AvailableChallenges` included.
    #[derive(Debug, Default, Serialize)]
    pub struct AuthResponse (out, "PascalCase") {
        pub challenge_name: Option<String>,
        pub session: Option<String>,
        pub challenge_parameters: Option<HashMap<String, String>>,
        pub authentication_result: Option<AuthenticationResult>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub available_challenges: Option<Vec<String>>,
        pub response_metadata: ResponseMetadata,
        pub http_status_code: u16,
    }
}

contract! {
    #[derive(Debug, Default, Serialize)]
    pub struct ResponseMetadata (out, "PascalCase") {
        pub request_id: Option<String>,
    }
}

contract! {
    /// Tokens: wiped when dropped, after they were serialised into the (also wiped) response buffer.
    #[derive(Debug, Default, Serialize, Zeroize, ZeroizeOnDrop)]
    pub struct AuthenticationResult (out, "PascalCase") {
        pub access_token: Option<String>,
        pub expires_in: i32,
        pub token_type: Option<String>,
        pub refresh_token: Option<String>,
        pub id_token: Option<String>,
        pub new_device_metadata: Option<NewDeviceMetadata>,
    }
}

contract! {
    #[derive(Debug, Default, Serialize, Zeroize)]
    pub struct NewDeviceMetadata (out, "PascalCase") {
        pub device_key: Option<String>,
        pub device_group_key: Option<String>,
    }
}

impl From<AuthenticationResultType> for AuthenticationResult {
    fn from(r: AuthenticationResultType) -> Self {
        AuthenticationResult {
            expires_in: r.expires_in,
            access_token: r.access_token,
            token_type: r.token_type,
            refresh_token: r.refresh_token,
            id_token: r.id_token,
            new_device_metadata: r.new_device_metadata.map(|d| NewDeviceMetadata {
                device_key: d.device_key,
                device_group_key: d.device_group_key,
            }),
        }
    }
}

pub fn challenge_name(c: ChallengeNameType) -> String {
    c.as_str().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_map_values_are_left_out() {
        let m: StringMap = serde_json::from_str(r#"{"USERNAME":"u","PASSWORD":null}"#).unwrap();
        let out = string_map(Some(m)).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out["USERNAME"], "u");
    }

    #[test]
    fn unknown_members_are_refused_not_ignored() {
        let err = serde_json::from_str::<AdminInitiateAuthInput>(r#"{"ClientID":"x"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field"));
    }

    #[test]
    fn partial_context_data_names_what_is_missing() {
        let cd = ContextData { encoded_data: Some("e".into()), ..Default::default() };
        let err = cd.into_sdk().unwrap_err();
        assert_eq!(err.code, "InvalidParameterException");
        assert!(err.message.contains("IpAddress"));
    }

    #[test]
    fn response_uses_aws_member_names() {
        let r = AuthResponse {
            authentication_result: Some({
                let mut result = AuthenticationResult::default();
                result.expires_in = 3600;
                result
            }),
            http_status_code: 200,
            ..Default::default()
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["AuthenticationResult"]["ExpiresIn"], 3600);
        assert_eq!(json["HttpStatusCode"], 200);
        assert!(json.get("AvailableChallenges").is_none(), "an absent list stays absent, not []");
    }
}
