//! Enums whose variants are known by name outside Rust: in the JSON of the boundary and in the C# constants.

/// Declares an enum of unit variants, each with the name the boundary spells it by, plus `ALL` of them in
/// declaration order. Name and variant are written once, side by side, and `tests/bindings.rs` generates the
/// C# constants from `ALL`: a variant cannot be added without reaching the C# side.
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $enum:ident { $($(#[$doc:meta])* $variant:ident => $name:literal,)+ }) => {
        $(#[$meta])*
        pub enum $enum {
            $($(#[$doc])* $variant,)+
        }

        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$variant,)+];

            pub fn name(self) -> &'static str {
                match self {
                    $($enum::$variant => $name,)+
                }
            }
        }
    };
}
