//! The C# side of the C ABI is generated from the Rust signatures and committed, and so are the names both
//! sides of the request envelope must agree on (`Names.g.cs`: ABI version, operations, error kinds and
//! codes). These tests regenerate them and fail when a committed file differs; `CGIP_BLESS=1 cargo test
//! --test bindings` rewrites them.
//!
//! The bindings are internal to the module: a script that could reach `cgip_cancel_free(IntPtr)` could
//! take the shell down. interoptopus_csharp 0.16.6 hard-codes `public` on the `Interop` class and on the
//! slice/vec pattern types in its templates (its visibility pass reaches only some types, and its
//! extension hook is behind an unstable feature), so the one rule applied here is: no declaration at file
//! scope is public. Members keep `public`; their reach is that of their internal type.

use interoptopus_csharp::config::HeaderConfig;
use interoptopus_csharp::dispatch::Dispatch;
use interoptopus_csharp::RustLibrary;

const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../module/src/Native/Interop.g.cs");
/// The .NET Framework flavour's binding (Windows PowerShell 5.1): the same functions as `DllImport`.
const GENERATED_DESKTOP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../module/src/Native/Interop.Desktop.g.cs");
/// Plain `const` fields, compiled into both flavours.
const GENERATED_NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../module/src/Native/Names.g.cs");

fn generate() -> String {
    let out = RustLibrary::builder(cgip_native::ffi::ffi_inventory())
        .dll_name("cgip_native")
        .dispatch(Dispatch::single_file("CognitoAdminAuth.Native.Generated"))
        .headers(HeaderConfig { emit_version: false })
        .build()
        .process()
        .expect("interoptopus generates C#");
    internal_at_file_scope(out.buffer("Interop.cs").expect("one file"))
}

/// The namespace is file-scoped, so file-scope declarations are exactly the lines starting `public ` or
/// `}public ` (interoptopus sometimes glues a declaration to the previous closing brace).
fn internal_at_file_scope(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.split_inclusive('\n') {
        match line.strip_prefix("public ").map(|rest| ("", rest)).or_else(|| line.strip_prefix("}public ").map(|rest| ("}", rest))) {
            Some((brace, rest)) => {
                out.push_str(brace);
                out.push_str("internal ");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Fails unless the committed file is `fresh`; `CGIP_BLESS=1` writes it instead.
fn assert_committed(path: &str, fresh: &str) {
    if std::env::var_os("CGIP_BLESS").is_some() {
        std::fs::write(path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{path} is out of date with the Rust ABI; run `CGIP_BLESS=1 cargo test --release --test bindings` and commit it"
    );
}

#[test]
fn committed_csharp_bindings_match_the_rust_abi() {
    assert_committed(GENERATED, &generate());
}

/// The Desktop binding is derived from interoptopus' own output, so it declares exactly its functions
/// (entry points, overloads, parameter and return types) and nothing else can drift.
#[test]
fn committed_desktop_binding_declares_the_same_functions() {
    assert_committed(GENERATED_DESKTOP, &desktop_binding(&generate()));
}

/// `[DllImport]` declarations of every `[LibraryImport]` of the generated binding (.NET Framework has no
/// LibraryImport source generator), and blittable structs laid out as the marshallers' `Unmanaged` structs.
/// A type it cannot map stops the test: a new kind of parameter needs a decision, not a silent skip.
fn desktop_binding(core: &str) -> String {
    let lines: Vec<&str> = core.lines().collect();
    let library = lines
        .iter()
        .find_map(|l| l.trim().strip_prefix("public const string NativeLib = ").and_then(|v| v.strip_suffix(';')))
        .expect("the generated binding names its library");
    let mut imports = String::new();
    let mut structs: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(entry) = line.trim().strip_prefix("[LibraryImport(NativeLib, EntryPoint = \"").and_then(|r| r.strip_suffix("\")]")) else {
            continue;
        };
        let declaration = lines[i + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.starts_with('['))
            .expect("a declaration follows its attribute");
        let (visibility, signature) = declaration
            .split_once(" static partial ")
            .unwrap_or_else(|| panic!("unexpected declaration after {entry}: {declaration}"));
        let (head, params) = signature.split_once('(').expect("a parameter list");
        let return_type = head.split_once(' ').expect("a return type and a name").0;
        let mut types = vec![return_type];
        for param in params.trim_end_matches(");").split(", ").filter(|p| !p.is_empty()) {
            types.push(param.trim_start_matches("ref ").split(' ').next().unwrap());
        }
        for ty in types {
            match ty {
                "void" | "byte" | "int" | "uint" | "long" | "ulong" | "IntPtr" => {}
                _ if !structs.iter().any(|s| s == ty) => structs.push(ty.to_owned()),
                _ => {}
            }
        }
        imports.push_str(&format!(
            "        [DllImport(NativeLib, EntryPoint = \"{entry}\", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]\n        {visibility} static extern {signature}\n\n"
        ));
    }
    let mut out = String::from(
        "// <auto-generated>\n// Generated by native/tests/bindings.rs from Interop.g.cs (interoptopus): the same C ABI as DllImport\n\
         // declarations for the .NET Framework flavour of the module. Do not edit; `CGIP_BLESS=1 cargo test --release\n\
         // --test bindings` rewrites it.\n// </auto-generated>\n\
         using System;\nusing System.Runtime.InteropServices;\n\nnamespace CognitoAdminAuth.Native.Generated\n{\n",
    );
    out.push_str(&format!("    internal static class Interop\n    {{\n        public const string NativeLib = {library};\n\n"));
    out.push_str(imports.trim_end());
    out.push_str("\n    }\n");
    for name in &structs {
        out.push_str(&format!("\n    [StructLayout(LayoutKind.Sequential)]\n    internal struct {name}\n    {{\n"));
        for field in unmanaged_fields(&lines, name) {
            out.push_str(&format!("        internal {field}\n"));
        }
        out.push_str("    }\n");
    }
    out.push_str("}\n");
    out
}

/// The fields of `<name>.Unmanaged`, the blittable form interoptopus' marshaller passes for `name`.
fn unmanaged_fields(lines: &[&str], name: &str) -> Vec<String> {
    let mut owner = "";
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = line.split("partial class ").nth(1).filter(|_| !line.starts_with(' ')) {
            owner = rest.split([' ', ':']).next().unwrap_or("");
        }
        if owner == name && line.trim() == "internal struct Unmanaged" {
            return lines[i + 2..]
                .iter()
                .map(|l| l.trim())
                .take_while(|l| !l.is_empty() && !l.starts_with('['))
                .map(|l| {
                    let field = l.trim_start_matches("public ").trim_start_matches("internal ");
                    let ty = field.split(' ').next().unwrap();
                    assert!(
                        matches!(ty, "IntPtr" | "byte" | "int" | "uint" | "long" | "ulong"),
                        "{name}.Unmanaged has a field the Desktop binding cannot copy: {l}"
                    );
                    field.to_owned()
                })
                .collect();
        }
    }
    panic!("the Desktop binding cannot map {name}: the generated binding has no {name}.Unmanaged struct")
}

#[test]
fn committed_native_names_match_the_rust_constants() {
    assert_committed(GENERATED_NAMES, &native_names());
}

/// The strings the C# side matches the library's by, from the Rust definitions: error kinds as serde writes
/// them, operations and codes as the envelope and the errors spell them.
fn native_names() -> String {
    use cgip_native::envelope::OperationName;
    use cgip_native::error::{self, ErrorKind};

    let operations: Vec<(String, String)> = OperationName::ALL.iter().map(|op| (op.name().to_owned(), op.name().to_owned())).collect();
    let kinds = ErrorKind::ALL
        .iter()
        .map(|kind| {
            let serialised = serde_json::to_value(kind).unwrap();
            (format!("{kind:?}"), serialised.as_str().expect("a kind serialises as a string").to_owned())
        })
        .collect();
    let codes = [error::REGION_NOT_SPECIFIED, error::CREDENTIALS_NOT_FOUND].map(|code| (code.to_owned(), code.to_owned()));
    let mut out = String::new();
    for line in [
        "// <auto-generated>",
        "// Generated by native/tests/bindings.rs from the Rust definitions (ffi::ABI_VERSION, envelope::OperationName,",
        "// error::ErrorKind, the codes in error.rs, environment::PASSED_*). Do not edit; `CGIP_BLESS=1 cargo test --release --test bindings`",
        "// rewrites it.",
        "// </auto-generated>",
        "namespace CognitoAdminAuth.Native.Generated",
        "{",
        "    /// <summary>What the module and the native library must spell alike.</summary>",
        "    internal static class NativeNames",
        "    {",
        "        /// <summary>The ABI version the module expects of the library: the one it was built with (cgip_abi_version).</summary>",
    ] {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!("        public const uint AbiVersion = {};\n", cgip_native::ffi::ABI_VERSION));
    for (class, summary, members) in [
        ("Operation", "The operations a request envelope can name.", operations),
        ("ErrorKind", "An error's kind, as the library writes it.", kinds),
        ("ErrorCode", "The library's own error codes that the module tells apart.", codes.to_vec()),
    ] {
        out.push_str(&format!("\n        /// <summary>{summary}</summary>\n        internal static class {class}\n        {{\n"));
        for (name, value) in members {
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()) && !value.contains(['"', '\\']), "{class}: {name} = {value}");
            out.push_str(&format!("            public const string {name} = \"{value}\";\n"));
        }
        out.push_str("        }\n");
    }
    let passed = cgip_native::environment::PASSED_NAMES.map(|name| format!("\"{name}\"")).join(", ");
    out.push_str(&format!(
        "\n        /// <summary>The environment variables passed with each call: every name starting with Prefix, and Names (any case).</summary>\n        internal static class PassedEnvironment\n        {{\n            public const string Prefix = \"{}\";\n            public static readonly string[] Names = {{ {passed} }};\n        }}\n",
        cgip_native::environment::PASSED_PREFIX
    ));
    out.push_str("    }\n}\n");
    out
}

#[test]
fn no_declaration_at_file_scope_stays_public() {
    let text = internal_at_file_scope("public partial class A\n{\n    public int X;\n}public static class B {}\n");
    assert_eq!(text, "internal partial class A\n{\n    public int X;\n}internal static class B {}\n");
    assert!(!generate().lines().any(|l| l.starts_with("public ") || l.starts_with("}public ")));
}

#[test]
#[should_panic(expected = "cannot map Mystery")]
fn a_type_without_a_blittable_form_stops_the_desktop_generator() {
    desktop_binding(
        "    public const string NativeLib = \"x\";\n    [LibraryImport(NativeLib, EntryPoint = \"f\")]\n    public static partial void f(Mystery m);\n",
    );
}
