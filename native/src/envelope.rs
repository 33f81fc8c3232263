//! The request envelope, read in one pass: `operation` first, then `input` straight into that operation's
//! typed input, with no `serde_json::Value` in between (a password in the input exists once, in its field).
//!
//! Envelope: `{"operation": "AdminInitiateAuth", "client": {ClientSettings}, "input": {AWS request}}`, plus
//! what the module itself needs and never sends (`clientSecret`, `device`, `challengeParameters`). The C#
//! writer puts `operation` first; an `input` before it is refused rather than buffered until it comes.

use std::cell::Cell;
use std::fmt;

use serde::de::value::{MapDeserializer, UnitDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::error::Category;
use zeroize::Zeroizing;

use crate::assist::{DeviceSecret, Local};
use crate::error::{json_problem, NativeError};
use crate::journey::{
    AdminUserGlobalSignOutInput, AssociateSoftwareTokenInput, GetTokensFromRefreshTokenInput, RevokeTokenInput,
    VerifySoftwareTokenInput,
};
use crate::model::{AdminInitiateAuthInput, AdminRespondToAuthChallengeInput, StringMap};
use crate::settings::ClientSettings;
use crate::verify::VerifyTokenInput;

named_enum! {
    /// The operations an envelope can name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum OperationName {
        /// Decides the profile, tail and region steps of the chains (see [`crate::credentials`]); no Cognito call.
        ResolveConnection => "ResolveConnection",
        AdminInitiateAuth => "AdminInitiateAuth",
        AdminRespondToAuthChallenge => "AdminRespondToAuthChallenge",
        AssociateSoftwareToken => "AssociateSoftwareToken",
        VerifySoftwareToken => "VerifySoftwareToken",
        GetTokensFromRefreshToken => "GetTokensFromRefreshToken",
        RevokeToken => "RevokeToken",
        AdminUserGlobalSignOut => "AdminUserGlobalSignOut",
        /// A token checked against its pool's JWKS ([`crate::verify`]): no Cognito call, the JWKS fetched with the
        /// client's HTTP settings.
        VerifyToken => "VerifyToken",
        /// The building blocks of [`Local`]: no client, no service call.
        SecretHash => "SecretHash",
        TotpCode => "TotpCode",
        DecodeTokenUnverified => "DecodeTokenUnverified",
        SrpStart => "SrpStart",
        SrpClaim => "SrpClaim",
        DeviceVerifier => "DeviceVerifier",
    }
}

impl OperationName {
    fn parse(text: &str) -> Result<Self, NativeError> {
        Self::ALL.iter().copied().find(|op| op.name() == text).ok_or_else(|| {
            let known: Vec<&str> = Self::ALL.iter().map(|op| op.name()).collect();
            NativeError::invalid_request(format!("Unknown operation '{text}'; expected one of {}.", known.join(", ")))
        })
    }
}

pub enum Operation {
    ResolveConnection,
    AdminInitiateAuth(AdminInitiateAuthInput),
    AdminRespondToAuthChallenge(AdminRespondToAuthChallengeInput),
    AssociateSoftwareToken(AssociateSoftwareTokenInput),
    VerifySoftwareToken(VerifySoftwareTokenInput),
    GetTokensFromRefreshToken(GetTokensFromRefreshTokenInput),
    RevokeToken(RevokeTokenInput),
    AdminUserGlobalSignOut(AdminUserGlobalSignOutInput),
    VerifyToken(VerifyTokenInput),
    Local(Local),
}

impl Operation {
    /// `input` as the input of `name`: null, or absent (a unit deserializer), reads as `{}`.
    fn read<'de, D: Deserializer<'de>>(name: OperationName, input: D) -> Result<Self, D::Error> {
        use OperationName as Name;
        Ok(match name {
            // These take no input: whatever comes is skipped, unread.
            Name::ResolveConnection => {
                IgnoredAny::deserialize(input)?;
                Operation::ResolveConnection
            }
            Name::SrpStart => {
                IgnoredAny::deserialize(input)?;
                Operation::Local(Local::SrpStart)
            }
            Name::AdminInitiateAuth => Operation::AdminInitiateAuth(or_empty(input)?),
            Name::AdminRespondToAuthChallenge => Operation::AdminRespondToAuthChallenge(or_empty(input)?),
            Name::AssociateSoftwareToken => Operation::AssociateSoftwareToken(or_empty(input)?),
            Name::VerifySoftwareToken => Operation::VerifySoftwareToken(or_empty(input)?),
            Name::GetTokensFromRefreshToken => Operation::GetTokensFromRefreshToken(or_empty(input)?),
            Name::RevokeToken => Operation::RevokeToken(or_empty(input)?),
            Name::AdminUserGlobalSignOut => Operation::AdminUserGlobalSignOut(or_empty(input)?),
            Name::VerifyToken => Operation::VerifyToken(or_empty(input)?),
            Name::SecretHash => Operation::Local(Local::SecretHash(or_empty(input)?)),
            Name::TotpCode => Operation::Local(Local::TotpCode(or_empty(input)?)),
            Name::DecodeTokenUnverified => Operation::Local(Local::DecodeTokenUnverified(or_empty(input)?)),
            Name::SrpClaim => Operation::Local(Local::SrpClaim(or_empty(input)?)),
            Name::DeviceVerifier => Operation::Local(Local::DeviceVerifier(or_empty(input)?)),
        })
    }
}

fn or_empty<'de, T: Deserialize<'de>, D: Deserializer<'de>>(input: D) -> Result<T, D::Error> {
    match Option::<T>::deserialize(input)? {
        Some(value) => Ok(value),
        None => T::deserialize(MapDeserializer::<_, D::Error>::new(std::iter::empty::<((), ())>())),
    }
}

pub struct Envelope {
    pub operation: Operation,
    pub client: ClientSettings,
    /// The app client's secret, for SECRET_HASH (see [`crate::assist`]); never sent as such.
    pub client_secret: Option<Zeroizing<String>>,
    /// A remembered device's group key and password, for DEVICE_SRP_AUTH; never sent as such.
    pub device: Option<DeviceSecret>,
    /// The ChallengeParameters of the challenge being answered, which find the SRP exchange to sign by
    /// their SECRET_BLOCK (Cognito sends no Session with PASSWORD_VERIFIER); not sent.
    pub challenge_parameters: Option<StringMap>,
    /// A registered authenticator's TOTP secret: the module computes the code from it where a code is
    /// wanted and none was given (SOFTWARE_TOKEN_MFA, VerifySoftwareToken); never sent.
    pub totp_secret: Option<Zeroizing<String>>,
}

impl Envelope {
    pub fn parse(request: &[u8]) -> Result<Self, NativeError> {
        let reading = Cell::new(None);
        let mut de = serde_json::Deserializer::from_slice(request);
        let parsed = de
            .deserialize_struct("Envelope", FIELDS, EnvelopeVisitor { reading_input_of: &reading })
            .and_then(|envelope| de.end().map(|()| envelope));
        parsed.unwrap_or_else(|e| {
            Err(match reading.get() {
                // A syntax error inside `input` is the request's: the JSON is broken, not the input.
                Some(operation) if e.classify() == Category::Data => json_error(&format!("{} input", operation.name()), &e),
                _ => json_error("request", &e),
            })
        })
    }
}

pub fn json_error(what: &str, e: &serde_json::Error) -> NativeError {
    NativeError::invalid_request(format!("The {what} is not valid: {}.", json_problem(e)))
}

/// `envelope` as the C# writer orders it, `operation` first: a `json!` object sorts its keys, which puts
/// `client` and `input` before it.
#[cfg(test)]
pub fn request_bytes(envelope: &serde_json::Value) -> Vec<u8> {
    let mut members: Vec<_> = envelope.as_object().expect("an envelope is an object").iter().collect();
    members.sort_by_key(|(name, _)| *name != "operation");
    let members: Vec<String> = members.iter().map(|(name, value)| format!("{}:{value}", serde_json::Value::from(name.as_str()))).collect();
    format!("{{{}}}", members.join(",")).into_bytes()
}

/// The envelope's members as the module writes them (generated into `NativeNames.Envelope`).
pub const FIELDS: &[&str] = &["operation", "client", "input", "clientSecret", "device", "challengeParameters", "totpSecret"];

/// The envelope's members; any other is refused (serde's "unknown field" error, naming these).
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum Field {
    Operation,
    Client,
    Input,
    ClientSecret,
    Device,
    ChallengeParameters,
    TotpSecret,
}

struct EnvelopeVisitor<'a> {
    /// Set while `input` is read: serde's error cannot say which part of the envelope it came from.
    reading_input_of: &'a Cell<Option<OperationName>>,
}

impl EnvelopeVisitor<'_> {
    fn input<'de, D: Deserializer<'de>>(&self, name: OperationName, input: D) -> Result<Operation, D::Error> {
        self.reading_input_of.set(Some(name));
        let operation = Operation::read(name, input)?;
        self.reading_input_of.set(None);
        Ok(operation)
    }
}

/// `input` handed to [`Operation::read`] by the map access.
struct InputOf<'v, 'a>(&'v EnvelopeVisitor<'a>, OperationName);

impl<'de> DeserializeSeed<'de> for InputOf<'_, '_> {
    type Value = Operation;

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<Operation, D::Error> {
        self.0.input(self.1, input)
    }
}

fn once<E: de::Error>(seen: bool, field: &'static str) -> Result<(), E> {
    if seen {
        Err(E::duplicate_field(field))
    } else {
        Ok(())
    }
}

impl<'de> Visitor<'de> for EnvelopeVisitor<'_> {
    /// A refusal that is not about the JSON (unknown operation, input first) is the inner error; the rest
    /// of the envelope is still read, unused, so that broken JSON is reported as such first.
    type Value = Result<Envelope, NativeError>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a request envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut name = None;
        let mut operation = None;
        let mut client = None;
        let mut client_secret = None;
        let mut device = None;
        let mut challenge_parameters = None;
        let mut totp_secret = None;
        let mut refused = None;
        while let Some(field) = map.next_key::<Field>()? {
            if refused.is_some() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            match field {
                Field::Operation => {
                    once(name.is_some(), "operation")?;
                    match OperationName::parse(&map.next_value::<String>()?) {
                        Ok(parsed) => name = Some(parsed),
                        Err(e) => refused = Some(e),
                    }
                }
                Field::Input => {
                    once(operation.is_some(), "input")?;
                    match name {
                        Some(name) => operation = Some(map.next_value_seed(InputOf(&self, name))?),
                        None => {
                            refused = Some(NativeError::invalid_request(
                                "The request is not valid: its input comes before its operation, which must come first.",
                            ));
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Field::Client => {
                    once(client.is_some(), "client")?;
                    client = Some(map.next_value::<ClientSettings>()?);
                }
                Field::ClientSecret => {
                    once(client_secret.is_some(), "clientSecret")?;
                    // Wrapped at once, so that a failure later in the envelope still wipes it.
                    client_secret = Some(map.next_value::<Option<String>>()?.map(Zeroizing::new));
                }
                Field::Device => {
                    once(device.is_some(), "device")?;
                    device = Some(map.next_value::<Option<DeviceSecret>>()?);
                }
                Field::ChallengeParameters => {
                    once(challenge_parameters.is_some(), "challengeParameters")?;
                    challenge_parameters = Some(map.next_value::<Option<StringMap>>()?);
                }
                Field::TotpSecret => {
                    once(totp_secret.is_some(), "totpSecret")?;
                    totp_secret = Some(map.next_value::<Option<String>>()?.map(Zeroizing::new));
                }
            }
        }
        if let Some(refused) = refused {
            return Ok(Err(refused));
        }
        let name = name.ok_or_else(|| de::Error::missing_field("operation"))?;
        let operation = match operation {
            Some(operation) => operation,
            None => self.input(name, UnitDeserializer::new())?,
        };
        Ok(Ok(Envelope {
            operation,
            client: client.unwrap_or_default(),
            client_secret: client_secret.flatten(),
            device: device.flatten(),
            challenge_parameters: challenge_parameters.flatten(),
            totp_secret: totp_secret.flatten(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const PASSWORD: &str = "SENTINEL-PW-7f3a";

    fn parse(json: &str) -> Result<Envelope, NativeError> {
        Envelope::parse(json.as_bytes())
    }

    fn refusal(json: &str) -> String {
        let err = parse(json).err().unwrap_or_else(|| panic!("accepted: {json}"));
        assert_eq!(err.kind, ErrorKind::InvalidRequest, "{json}");
        err.message
    }

    #[test]
    fn every_operation_name_reads_as_itself() {
        for &name in OperationName::ALL {
            assert_eq!(OperationName::parse(name.name()).unwrap(), name);
        }
        assert_eq!(OperationName::ALL.len(), 15);
    }

    #[test]
    fn the_input_is_read_as_the_named_operations_type() {
        let envelope = parse(r#"{"operation":"AdminInitiateAuth","client":{"region":"r"},"input":{"ClientId":"c","AuthParameters":{"USERNAME":"u"}},"clientSecret":"s"}"#).unwrap();
        let Operation::AdminInitiateAuth(input) = envelope.operation else { panic!("another operation") };
        assert_eq!(input.client_id.as_deref(), Some("c"));
        assert_eq!(envelope.client.region.as_deref(), Some("r"));
        assert_eq!(envelope.client_secret.as_deref().map(String::as_str), Some("s"));
        assert!(matches!(parse(r#"{"operation":"SecretHash","input":{"ClientSecret":"s","UserName":"u","ClientId":"c"}}"#).unwrap().operation, Operation::Local(Local::SecretHash(_))));
    }

    #[test]
    fn a_missing_or_null_input_reads_as_empty() {
        for json in [r#"{"operation":"AdminRespondToAuthChallenge"}"#, r#"{"operation":"AdminRespondToAuthChallenge","input":null}"#] {
            let Operation::AdminRespondToAuthChallenge(input) = parse(json).unwrap().operation else { panic!("another operation") };
            assert!(input.challenge_name.is_none() && input.session.is_none(), "{json}");
        }
        assert!(refusal(r#"{"operation":"SecretHash","input":null}"#).starts_with("The SecretHash input is not valid: missing field `ClientSecret`"));
        assert!(refusal(r#"{"operation":"SecretHash"}"#).starts_with("The SecretHash input is not valid: missing field `ClientSecret`"));
    }

    #[test]
    fn operations_without_input_skip_whatever_comes() {
        assert!(matches!(parse(r#"{"operation":"SrpStart","input":{"Any":[1,{"x":null}]}}"#).unwrap().operation, Operation::Local(Local::SrpStart)));
        assert!(matches!(parse(r#"{"operation":"ResolveConnection","input":7}"#).unwrap().operation, Operation::ResolveConnection));
    }

    #[test]
    fn an_input_before_its_operation_is_refused_clearly() {
        let message = refusal(r#"{"input":{"ClientId":"c"},"operation":"AdminInitiateAuth"}"#);
        assert_eq!(message, "The request is not valid: its input comes before its operation, which must come first.");
        assert!(refusal(r#"{"input":{},"operation":"AdminInitiateAuth"#).contains("the JSON ends early"), "broken JSON is reported first");
    }

    #[test]
    fn unknown_duplicate_and_missing_members_are_named() {
        assert!(refusal(r#"{"operation":"AdminInitiateAuth","bogus":1}"#).contains("unknown field `bogus`, expected one of `operation`"));
        assert!(refusal(r#"{"operation":"AdminInitiateAuth","input":{"ClientID":"x"}}"#).starts_with("The AdminInitiateAuth input is not valid: unknown field `ClientID`"));
        assert!(refusal(r#"{"operation":"TotpCode","operation":"TotpCode"}"#).contains("duplicate field `operation`"));
        assert!(refusal(r#"{"operation":"AdminInitiateAuth","input":{},"input":{}}"#).contains("duplicate field `input`"));
        assert!(refusal(r#"{"client":{}}"#).contains("missing field `operation`"));
        assert!(refusal(r#"{"operation":"TotpCode","input":{"Secret":"s"}} x"#).starts_with("The request is not valid: it is not valid JSON"));
    }

    #[test]
    fn test_envelopes_put_the_operation_first() {
        let envelope = serde_json::json!({"input": {"ClientId": "c"}, "client": {}, "operation": "AdminInitiateAuth"});
        let bytes = request_bytes(&envelope);
        assert!(bytes.starts_with(br#"{"operation":"AdminInitiateAuth","#), "{}", String::from_utf8_lossy(&bytes));
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap(), envelope);
        assert!(parse(std::str::from_utf8(&bytes).unwrap()).is_ok());
    }

    #[test]
    fn an_unknown_operation_is_named_whatever_follows() {
        let message = refusal(r#"{"operation":"DeleteUserPool","input":{"Bogus":[1]}}"#);
        assert!(message.starts_with("Unknown operation 'DeleteUserPool'; expected one of ResolveConnection, AdminInitiateAuth, "), "{message}");
    }

    #[test]
    fn malformed_inputs_holding_a_password_never_echo_it() {
        for json in [
            format!(r#"{{"operation":"AdminInitiateAuth","input":{{"AuthParameters":{{"PASSWORD":"{PASSWORD}"}},"Session":["{PASSWORD}"]}}}}"#),
            format!(r#"{{"operation":"AdminInitiateAuth","input":{{"AuthParameters":{{"PASSWORD":{{"{PASSWORD}":1}}}}}}}}"#),
            format!(r#"{{"operation":"SrpClaim","input":{{"Password":"{PASSWORD}","Handle":7}}}}"#),
            format!(r#"{{"operation":"TotpCode","input":{{"Secret":"{PASSWORD}","UnixTime":"{PASSWORD}"}}}}"#),
            format!(r#"{{"operation":"SecretHash","input":{{"ClientSecret":"{PASSWORD}\q"}}}}"#),
            format!(r#"{{"input":{{"AuthParameters":{{"PASSWORD":"{PASSWORD}"}}}},"operation":"AdminInitiateAuth"}}"#),
            format!(r#"{{"operation":"AdminRespondToAuthChallenge","device":{{"groupKey":"g","password":"{PASSWORD}","x":1}}}}"#),
        ] {
            let message = refusal(&json);
            assert!(!message.contains(PASSWORD), "{message}");
            assert!(message.starts_with("The "), "{message}");
        }
    }
}
