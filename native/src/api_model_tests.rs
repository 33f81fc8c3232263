//! The module's vocabulary of the API model against the SDK crate it is built on: the AuthFlow and
//! ChallengeName values and the modelled errors of each operation are declared once, in C# (the stand-in
//! types `module/standins/Cognito/*.cs`, and the error table `module/src/Aws/ServiceErrors.cs`), and every response and request member once, in
//! [`crate::model`]. These tests read both and hold them to `aws-sdk-cognitoidentityprovider`, so an SDK update
//! that adds a value, an error or a member fails here until the module has it. (The same lists are held to
//! botocore's `service-2.json` by `tests/ApiModelContract.Tests.ps1`.)

use std::collections::BTreeSet;

use aws_sdk_cognitoidentityprovider::operation::admin_initiate_auth::{AdminInitiateAuth, AdminInitiateAuthError};
use aws_sdk_cognitoidentityprovider::operation::admin_respond_to_auth_challenge::{
    AdminRespondToAuthChallenge, AdminRespondToAuthChallengeError,
};
use aws_sdk_cognitoidentityprovider::operation::admin_user_global_sign_out::{AdminUserGlobalSignOut, AdminUserGlobalSignOutError};
use aws_sdk_cognitoidentityprovider::operation::associate_software_token::{AssociateSoftwareToken, AssociateSoftwareTokenError};
use aws_sdk_cognitoidentityprovider::operation::get_tokens_from_refresh_token::{
    GetTokensFromRefreshToken, GetTokensFromRefreshTokenError,
};
use aws_sdk_cognitoidentityprovider::operation::revoke_token::{RevokeToken, RevokeTokenError};
use aws_sdk_cognitoidentityprovider::operation::verify_software_token::{VerifySoftwareToken, VerifySoftwareTokenError};
use aws_sdk_cognitoidentityprovider::types::{
    AnalyticsMetadataType, AuthFlowType, AuthenticationResultType, ChallengeNameType, ContextDataType, HttpHeader,
    NewDeviceMetadataType, VerifySoftwareTokenResponseType,
};
use aws_smithy_schema::{Schema, ShapeType};
use serde_json::{json, Map, Value};

use crate::client::{client_for, test_client_json, test_settings};
use crate::envelope::request_bytes;
use crate::journey::{
    AdminUserGlobalSignOutInput, AssociateSoftwareTokenInput, GetTokensFromRefreshTokenInput, RevokeTokenInput,
    VerifySoftwareTokenInput,
};
use crate::model::{AdminInitiateAuthInput, AdminRespondToAuthChallengeInput};
use crate::ops::call_blocking;
use crate::runtime::runtime;
use crate::testserver::{error_body, Reply, TestServer};

/// A C# file of the module, by its path under `module/`.
fn csharp_model(file: &str) -> String {
    let path = format!("{}/../module/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The string literals between the first `{` after `from` and its closing `}` (no nesting in these lists).
fn quoted_after(text: &str, from: &str) -> Vec<String> {
    let start = text.find(from).unwrap_or_else(|| panic!("`{from}` not found in the C# model"));
    let rest = &text[start + from.len()..];
    let open = rest.find('{').expect("a list opens");
    let close = open + rest[open..].find('}').expect("the list closes");
    rest[open + 1..close].split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The values a C# constant class declares: `new AuthFlowType("X")`.
fn constant_values(file: &str, class: &str) -> BTreeSet<String> {
    let text = csharp_model(file);
    let marker = format!("new {class}(\"");
    text.match_indices(&marker)
        .map(|(i, _)| text[i + marker.len()..].split('"').next().unwrap().to_owned())
        .collect()
}

/// The operations the C# error table has a list for: its `["Name"] = new[]` keys.
fn listed_operations() -> Vec<String> {
    let text = csharp_model(ERROR_TABLE);
    text.match_indices("\"] = new[]")
        .map(|(i, _)| text[..i].rsplit("[\"").next().unwrap().to_owned())
        .collect()
}

fn modelled_errors(operation: &str) -> Vec<String> {
    quoted_after(&csharp_model(ERROR_TABLE), &format!("[\"{operation}\"] = new[]"))
}

const ERROR_TABLE: &str = "src/Aws/ServiceErrors.cs";

fn sdk_values(values: &[&str]) -> BTreeSet<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[test]
fn auth_flow_values_are_the_sdks() {
    assert_eq!(constant_values("standins/Cognito/AuthFlowType.cs", "AuthFlowType"), sdk_values(AuthFlowType::values()));
}

#[test]
fn challenge_name_values_are_the_sdks() {
    assert_eq!(constant_values("standins/Cognito/ChallengeNameType.cs", "ChallengeNameType"), sdk_values(ChallengeNameType::values()));
}

#[test]
fn verify_software_token_status_values_are_the_sdks() {
    assert_eq!(
        constant_values("standins/Cognito/VerifySoftwareTokenResponseType.cs", "VerifySoftwareTokenResponseType"),
        sdk_values(VerifySoftwareTokenResponseType::values())
    );
}

/// Whether the SDK parsed an error answer of `operation` into one of that operation's modelled variants.
#[allow(deprecated)] // matching `Unhandled` is exactly the question asked here
fn sdk_models(operation: &str, url: &str) -> bool {
    runtime().block_on(async {
        let client = client_for(&test_settings(url)).await.unwrap();
        match operation {
            "AdminInitiateAuth" => {
                let err = client.admin_initiate_auth().send().await.unwrap_err().into_service_error();
                !matches!(err, AdminInitiateAuthError::Unhandled(_))
            }
            "AdminRespondToAuthChallenge" => {
                let err = client.admin_respond_to_auth_challenge().send().await.unwrap_err().into_service_error();
                !matches!(err, AdminRespondToAuthChallengeError::Unhandled(_))
            }
            "AssociateSoftwareToken" => {
                let err = client.associate_software_token().send().await.unwrap_err().into_service_error();
                !matches!(err, AssociateSoftwareTokenError::Unhandled(_))
            }
            "VerifySoftwareToken" => {
                let err = client.verify_software_token().send().await.unwrap_err().into_service_error();
                !matches!(err, VerifySoftwareTokenError::Unhandled(_))
            }
            "GetTokensFromRefreshToken" => {
                let err = client.get_tokens_from_refresh_token().send().await.unwrap_err().into_service_error();
                !matches!(err, GetTokensFromRefreshTokenError::Unhandled(_))
            }
            "RevokeToken" => {
                let err = client.revoke_token().send().await.unwrap_err().into_service_error();
                !matches!(err, RevokeTokenError::Unhandled(_))
            }
            "AdminUserGlobalSignOut" => {
                let err = client.admin_user_global_sign_out().send().await.unwrap_err().into_service_error();
                !matches!(err, AdminUserGlobalSignOutError::Unhandled(_))
            }
            other => panic!("the C# model lists errors of {other}, which the native core does not call"),
        }
    })
}

#[test]
fn every_listed_error_is_one_the_sdk_models_for_that_operation() {
    for operation in listed_operations() {
        let operation = operation.as_str();
        let codes = modelled_errors(operation);
        assert!(codes.len() >= 7, "{operation}: only {} codes read from {ERROR_TABLE}", codes.len());
        for code in &codes {
            let server = TestServer::start(vec![Reply::Json { status: 400, body: error_body(code, "m") }]);
            assert!(sdk_models(operation, &server.url), "{operation}: the SDK does not model {code}");
        }
    }
    // The operation error enums cannot be listed (non-exhaustive, registry crate-private); what they hold
    // beyond the C# lists is caught against botocore's model. The known gap of 2026-07 stays closed:
    assert!(modelled_errors("AdminInitiateAuth").contains(&"FeatureUnavailableInTierException".to_owned()));
}

/// A JSON value holding every member of a structure schema; `nested` gives the schema of a structure
/// member (or of a list member's elements) by member name.
fn sample(schema: &Schema<'_>, nested: &dyn Fn(&str) -> &'static Schema<'static>) -> Value {
    let mut object = Map::new();
    for member in schema.members() {
        let name = member.member_name().expect("struct members are named");
        let value = match member.shape_type() {
            ShapeType::String => json!(format!("{name}-value-0123456789")),
            ShapeType::Integer => json!(3600),
            ShapeType::Map => json!({ format!("{name}-key"): format!("{name}-entry") }),
            ShapeType::Structure => sample(nested(name), nested),
            ShapeType::List => match member.member().map(Schema::shape_type) {
                Some(ShapeType::Structure) => json!([sample(nested(name), nested)]),
                _ => json!([format!("{name}-item")]),
            },
            other => panic!("{name} is a {other:?}; teach this test (and the native model) that shape"),
        };
        object.insert(name.to_owned(), value);
    }
    Value::Object(object)
}

/// Every path to a leaf of `value`, e.g. `AuthenticationResult.NewDeviceMetadata.DeviceKey`.
fn leaves(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(o) if !o.is_empty() => o.iter().for_each(|(k, v)| leaves(&format!("{prefix}{k}."), v, out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| leaves(&format!("{prefix}{i}."), v, out)),
        leaf => {
            out.insert(format!("{}={leaf}", prefix.trim_end_matches('.')));
        }
    }
}

fn output_nested(name: &str) -> &'static Schema<'static> {
    match name {
        "AuthenticationResult" => AuthenticationResultType::SCHEMA,
        "NewDeviceMetadata" => NewDeviceMetadataType::SCHEMA,
        other => panic!("a structure member {other} the native model does not know"),
    }
}

#[test]
fn every_response_member_of_the_sdk_reaches_the_native_response() {
    for (operation, schema) in [
        ("AdminInitiateAuth", AdminInitiateAuth::OUTPUT_SCHEMA),
        ("AdminRespondToAuthChallenge", AdminRespondToAuthChallenge::OUTPUT_SCHEMA),
        ("AssociateSoftwareToken", AssociateSoftwareToken::OUTPUT_SCHEMA),
        ("VerifySoftwareToken", VerifySoftwareToken::OUTPUT_SCHEMA),
        ("GetTokensFromRefreshToken", GetTokensFromRefreshToken::OUTPUT_SCHEMA),
    ] {
        let full = sample(schema, &output_nested);
        let server = TestServer::start(vec![Reply::Json { status: 200, body: full.to_string() }]);
        let request = json!({"operation": operation, "client": test_client_json(&server.url), "input": {}});
        let out: Value = serde_json::from_slice(&call_blocking(&request_bytes(&request), None).unwrap()).unwrap();
        let (mut sent, mut got) = (BTreeSet::new(), BTreeSet::new());
        leaves("", &full, &mut sent);
        leaves("", &out, &mut got);
        let missing: Vec<_> = sent.difference(&got).collect();
        assert!(missing.is_empty(), "{operation}: values the native response drops: {missing:?}");
        assert!(sent.len() >= 2, "{operation}: only {} values sent", sent.len());
    }
}

fn input_nested(name: &str) -> &'static Schema<'static> {
    match name {
        "AnalyticsMetadata" => AnalyticsMetadataType::SCHEMA,
        "ContextData" => ContextDataType::SCHEMA,
        "HttpHeaders" => HttpHeader::SCHEMA,
        other => panic!("a structure member {other} the native model does not know"),
    }
}

#[test]
fn every_request_member_of_the_sdk_is_accepted_by_the_native_model() {
    // The native input types refuse unknown members, so a member the SDK has and they lack fails to parse.
    let initiate = sample(AdminInitiateAuth::INPUT_SCHEMA, &input_nested);
    serde_json::from_value::<AdminInitiateAuthInput>(initiate.clone()).unwrap_or_else(|e| panic!("AdminInitiateAuth: {e}"));
    let respond = sample(AdminRespondToAuthChallenge::INPUT_SCHEMA, &input_nested);
    serde_json::from_value::<AdminRespondToAuthChallengeInput>(respond).unwrap_or_else(|e| panic!("AdminRespondToAuthChallenge: {e}"));
    let no_nested = |name: &str| -> &'static Schema<'static> { panic!("a structure member {name} the native model does not know") };
    serde_json::from_value::<AssociateSoftwareTokenInput>(sample(AssociateSoftwareToken::INPUT_SCHEMA, &no_nested)).unwrap();
    serde_json::from_value::<VerifySoftwareTokenInput>(sample(VerifySoftwareToken::INPUT_SCHEMA, &no_nested)).unwrap();
    serde_json::from_value::<GetTokensFromRefreshTokenInput>(sample(GetTokensFromRefreshToken::INPUT_SCHEMA, &no_nested)).unwrap();
    serde_json::from_value::<RevokeTokenInput>(sample(RevokeToken::INPUT_SCHEMA, &no_nested)).unwrap();
    serde_json::from_value::<AdminUserGlobalSignOutInput>(sample(AdminUserGlobalSignOut::INPUT_SCHEMA, &no_nested)).unwrap();
    assert!(initiate["ContextData"]["HttpHeaders"][0].get("headerName").is_some(), "nested members were sampled");
}

#[test]
fn the_csharp_error_table_covers_exactly_the_operations_the_native_core_calls() {
    let operations = listed_operations();
    assert_eq!(
        operations,
        ["AdminInitiateAuth", "AdminRespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken", "GetTokensFromRefreshToken", "RevokeToken", "AdminUserGlobalSignOut"]
    );
    for operation in operations {
        let request = json!({"operation": operation, "client": {}, "input": {}});
        let err = call_blocking(&request_bytes(&request), None).unwrap_err();
        assert!(!err.message.contains("Unknown operation"), "{operation}: {}", err.message);
    }
}
