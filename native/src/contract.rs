//! The shapes that cross the C ABI, each declared once, here in Rust: a [`contract!`] struct is the type serde
//! reads or writes, and its [`Shape`] is what `tests/bindings.rs` generates the C# writer (for what Rust reads)
//! or reader (for what Rust writes) from. A member renamed, added or retyped here reaches the C# side through
//! the generated file, whose drift test fails until it is regenerated; C# code naming a member that is gone
//! stops compiling.

/// How a member's value is spelled in the JSON of the boundary.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Str,
    /// A 32-bit integer.
    Int,
    /// A 64-bit integer.
    Long,
    /// An object of string members; a member may be null (AWS.Tools passes a `$null` value on).
    StrMap,
    List(fn() -> Ty),
    Object(fn() -> Shape),
    /// Any JSON value (a token's claims): the C# side reads it as PowerShell values.
    Json,
}

/// Which way a shape crosses: the C# side writes what Rust reads, and reads what Rust writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the module to the library (C# writes it).
    In,
    /// From the library to the module (C# reads it).
    Out,
}

#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// The name in the JSON.
    pub json: &'static str,
    /// An `Option` has its inner type's: every C# member may be null, and the writer leaves a null out.
    pub ty: Ty,
}

#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub name: &'static str,
    pub direction: Direction,
    pub members: &'static [Member],
}

/// A type that is one member's value.
pub trait Field {
    const TY: fn() -> Ty;
}

/// A struct declared by [`contract!`].
pub trait Contract {
    fn shape() -> Shape;
}

/// The plain types: each is spelled one way in the JSON.
macro_rules! fields {
    ($($rust:ty => $ty:expr,)*) => {
        $(impl Field for $rust {
            const TY: fn() -> Ty = || $ty;
        })*
    };
}

fields! {
    String => Ty::Str,
    zeroize::Zeroizing<String> => Ty::Str,
    i32 => Ty::Int,
    u16 => Ty::Int,
    u32 => Ty::Int,
    u64 => Ty::Long,
    i64 => Ty::Long,
    std::collections::HashMap<String, Option<String>> => Ty::StrMap,
    std::collections::HashMap<String, String> => Ty::StrMap,
    serde_json::Value => Ty::Json,
    serde_json::Map<String, serde_json::Value> => Ty::Json,
}

impl<T: Field> Field for Vec<T> {
    const TY: fn() -> Ty = || Ty::List(T::TY);
}
impl<T: Field> Field for Option<T> {
    const TY: fn() -> Ty = T::TY;
}

/// Every shape the module and the library exchange; the shapes they hold are found from these.
pub fn roots() -> Vec<Shape> {
    use crate::assist::*;
    vec![
        // What the module writes: the envelope's client, device and each operation's input.
        crate::settings::ClientSettings::shape(),
        DeviceSecret::shape(),
        crate::model::AdminInitiateAuthInput::shape(),
        crate::model::AdminRespondToAuthChallengeInput::shape(),
        crate::journey::AssociateSoftwareTokenInput::shape(),
        crate::journey::VerifySoftwareTokenInput::shape(),
        crate::journey::GetTokensFromRefreshTokenInput::shape(),
        crate::journey::RevokeTokenInput::shape(),
        crate::journey::AdminUserGlobalSignOutInput::shape(),
        crate::verify::VerifyTokenInput::shape(),
        SecretHashInput::shape(),
        TotpInput::shape(),
        TokenInput::shape(),
        ClaimInput::shape(),
        DeviceInput::shape(),
        // What it reads: each operation's answer, and an error's.
        crate::credentials::Resolution::shape(),
        crate::model::AuthResponse::shape(),
        crate::error::NativeError::shape(),
        crate::journey::AssociateSoftwareTokenResponse::shape(),
        crate::journey::VerifySoftwareTokenResponse::shape(),
        crate::journey::GetTokensFromRefreshTokenResponse::shape(),
        crate::journey::EmptyResponse::shape(),
        crate::verify::VerifiedToken::shape(),
        SecretHashAnswer::shape(),
        TotpAnswer::shape(),
        TokenAnswer::shape(),
        SrpStartAnswer::shape(),
        SrpClaimAnswer::shape(),
        DeviceVerifierAnswer::shape(),
    ]
}

/// serde's `rename_all` rule for the two cases the boundary uses, from a snake_case field name.
pub fn renamed(field: &str, case: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = case == "PascalCase";
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Declares a struct that crosses the boundary: the struct itself with serde's `rename_all` (and a per-member
/// `= "name"` where a member is spelled otherwise), and its [`Shape`]. `in` shapes are read by Rust, `out`
/// shapes written.
macro_rules! contract {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident ($dir:ident, $case:literal) {
            $( $(#[$fmeta:meta])* $fvis:vis $field:ident $(= $json:literal)? : $fty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[serde(rename_all = $case)]
        $vis struct $name {
            $( $(#[$fmeta])* $(#[serde(rename = $json)])? $fvis $field: $fty ),*
        }

        impl $crate::contract::Contract for $name {
            fn shape() -> $crate::contract::Shape {
                static MEMBERS: std::sync::OnceLock<Vec<$crate::contract::Member>> = std::sync::OnceLock::new();
                let members = MEMBERS.get_or_init(|| vec![$(
                    $crate::contract::Member {
                        json: contract!(@json $field $case $($json)?),
                        ty: (<$fty as $crate::contract::Field>::TY)(),
                    },
                )*]);
                $crate::contract::Shape {
                    name: stringify!($name),
                    direction: contract!(@dir $dir),
                    members,
                }
            }
        }

        impl $crate::contract::Field for $name {
            const TY: fn() -> $crate::contract::Ty = || $crate::contract::Ty::Object(<$name as $crate::contract::Contract>::shape);
        }
    };
    (@json $field:ident $case:literal $json:literal) => { $json };
    (@json $field:ident $case:literal) => {{
        static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        NAME.get_or_init(|| $crate::contract::renamed(stringify!($field), $case)).as_str()
    }};
    (@dir in) => { $crate::contract::Direction::In };
    (@dir out) => { $crate::contract::Direction::Out };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator names members by this rule, serde by its own: they must agree on every case the
    /// boundary uses, the abbreviations and digits included.
    #[test]
    fn renaming_agrees_with_serde() {
        #[derive(serde::Serialize, Default)]
        #[serde(rename_all = "camelCase")]
        struct Camel {
            access_key_id: u8,
            connect_timeout_ms: u8,
            region: u8,
        }
        #[derive(serde::Serialize, Default)]
        #[serde(rename_all = "PascalCase")]
        struct Pascal {
            user_id_for_srp: u8,
            srp_a: u8,
            http_status_code: u8,
            analytics_endpoint_id: u8,
        }
        let keys = |v: serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        let camel = keys(serde_json::to_value(Camel::default()).unwrap());
        let mine: Vec<String> = ["access_key_id", "connect_timeout_ms", "region"].iter().map(|f| renamed(f, "camelCase")).collect();
        assert_eq!(camel, mine);
        let pascal = keys(serde_json::to_value(Pascal::default()).unwrap());
        let mine: Vec<String> =
            ["user_id_for_srp", "srp_a", "http_status_code", "analytics_endpoint_id"].iter().map(|f| renamed(f, "PascalCase")).collect();
        let mut sorted = mine.clone();
        sorted.sort();
        assert_eq!(pascal, sorted);
    }
}
