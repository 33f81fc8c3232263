//! What is wrong with a response the SDK could not read, said without quoting it: such a body usually
//! holds the tokens, so the description names the member and the kind of problem, never a value.

use serde_json::Value;

/// The JSON type the API model (cognito-idp service-2.json) gives each member of the two responses.
enum Shape {
    String,
    Integer,
    StringList,
    StringMap,
    Structure(&'static [(&'static str, Shape)]),
}

const NEW_DEVICE_METADATA: &[(&str, Shape)] = &[("DeviceKey", Shape::String), ("DeviceGroupKey", Shape::String)];

const AUTHENTICATION_RESULT: &[(&str, Shape)] = &[
    ("AccessToken", Shape::String),
    ("ExpiresIn", Shape::Integer),
    ("TokenType", Shape::String),
    ("RefreshToken", Shape::String),
    ("IdToken", Shape::String),
    ("NewDeviceMetadata", Shape::Structure(NEW_DEVICE_METADATA)),
];

/// AdminInitiateAuth's output; AdminRespondToAuthChallenge's is the same without AvailableChallenges.
const AUTH_RESPONSE: Shape = Shape::Structure(&[
    ("ChallengeName", Shape::String),
    ("Session", Shape::String),
    ("ChallengeParameters", Shape::StringMap),
    ("AuthenticationResult", Shape::Structure(AUTHENTICATION_RESULT)),
    ("AvailableChallenges", Shape::StringList),
]);

/// One sentence on why `body` is not a readable auth response.
pub fn describe(body: &[u8]) -> String {
    if body.iter().all(u8::is_ascii_whitespace) {
        return "its body is empty".to_owned();
    }
    match serde_json::from_slice::<Value>(body) {
        Err(e) if e.is_eof() => format!("its body stops after {} bytes, in the middle of the JSON document (cut short)", body.len()),
        Err(e) => format!("its body is not JSON (syntax error at line {}, column {})", e.line(), e.column()),
        Ok(value) => mismatch(&value, &AUTH_RESPONSE, "")
            .unwrap_or_else(|| "its members have the expected types, but the SDK could not deserialise them".to_owned()),
    }
}

/// The first member whose JSON type is not the model's, as "member X should be Y but is Z".
fn mismatch(value: &Value, shape: &Shape, path: &str) -> Option<String> {
    let wrong = |expected: &str| {
        let what = if path.is_empty() { "the body".to_owned() } else { format!("member {path}") };
        Some(format!("{what} should be {expected} but is {}", kind(value)))
    };
    match (shape, value) {
        // The SDK reads a JSON null as an absent member.
        (_, Value::Null) if !path.is_empty() => None,
        (Shape::String, Value::String(_)) => None,
        (Shape::Integer, Value::Number(n)) if n.is_i64() && i32::try_from(n.as_i64()?).is_ok() => None,
        (Shape::Integer, _) => wrong("a 32-bit integer"),
        (Shape::String, _) => wrong("a string"),
        (Shape::StringList, Value::Array(items)) => {
            items.iter().enumerate().find_map(|(i, v)| mismatch(v, &Shape::String, &format!("{path}[{i}]")))
        }
        (Shape::StringList, _) => wrong("a list of strings"),
        (Shape::StringMap, Value::Object(map)) => {
            map.iter().find_map(|(k, v)| mismatch(v, &Shape::String, &format!("{path}[{}]", printable_key(k))))
        }
        (Shape::StringMap, _) => wrong("a map of strings"),
        (Shape::Structure(members), Value::Object(map)) => members.iter().find_map(|(name, member)| {
            let child = if path.is_empty() { (*name).to_owned() } else { format!("{path}.{name}") };
            map.get(*name).and_then(|v| mismatch(v, member, &child))
        }),
        (Shape::Structure(_), _) => wrong("an object"),
    }
}

/// A map key from the response is named only when it looks like a parameter name (USER_ID_FOR_SRP).
fn printable_key(key: &str) -> &str {
    let plain = key.len() <= 64 && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain { key } else { "…" }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "a number out of range",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "SENTINEL-ACCESS-TOKEN-7f3a";

    fn said(body: &str) -> String {
        let text = describe(body.as_bytes());
        assert!(!text.contains(TOKEN), "the description quotes the body: {text}");
        text
    }

    #[test]
    fn a_wrongly_typed_member_is_named_with_both_types() {
        let body = format!(r#"{{"AuthenticationResult":{{"AccessToken":"{TOKEN}","ExpiresIn":"3600"}}}}"#);
        assert_eq!(said(&body), "member AuthenticationResult.ExpiresIn should be a 32-bit integer but is a string");
    }

    #[test]
    fn a_token_given_as_a_number_or_object_is_named_not_shown() {
        assert_eq!(said(r#"{"AuthenticationResult":{"IdToken":{"v":"SENTINEL-ACCESS-TOKEN-7f3a"}}}"#),
            "member AuthenticationResult.IdToken should be a string but is an object");
        assert_eq!(said(r#"{"AuthenticationResult":{"ExpiresIn":36.5}}"#),
            "member AuthenticationResult.ExpiresIn should be a 32-bit integer but is a fractional number");
    }

    #[test]
    fn map_and_list_members_are_located_by_key_or_index() {
        assert_eq!(said(r#"{"ChallengeParameters":{"USER_ID_FOR_SRP":7}}"#),
            "member ChallengeParameters[USER_ID_FOR_SRP] should be a string but is a number out of range");
        assert_eq!(said(r#"{"AvailableChallenges":["SMS_OTP",true]}"#),
            "member AvailableChallenges[1] should be a string but is a boolean");
        let secret_key = format!(r#"{{"ChallengeParameters":{{"{TOKEN} x":1}}}}"#);
        assert!(said(&secret_key).contains("ChallengeParameters[…]"));
    }

    #[test]
    fn a_truncated_body_is_reported_as_cut_short_with_its_length() {
        let body = format!(r#"{{"AuthenticationResult":{{"AccessToken":"{TOKEN}","#);
        assert_eq!(said(&body), format!("its body stops after {} bytes, in the middle of the JSON document (cut short)", body.len()));
    }

    #[test]
    fn non_json_empty_and_wrong_top_level_bodies_are_told_apart() {
        assert_eq!(said(&format!("<html>{TOKEN}</html>")), "its body is not JSON (syntax error at line 1, column 1)");
        assert_eq!(said("  "), "its body is empty");
        assert_eq!(said(&format!(r#"["{TOKEN}"]"#)), "the body should be an object but is a list");
    }

    #[test]
    fn nulls_and_unknown_members_are_accepted_as_the_sdk_accepts_them() {
        assert!(said(r#"{"Session":null,"Extra":{"x":1},"AuthenticationResult":{"ExpiresIn":3600}}"#).contains("the SDK could not"));
    }
}
