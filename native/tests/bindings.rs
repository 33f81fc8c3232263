//! The C# side of the C ABI is generated from the Rust signatures and committed, and so are the names both
//! sides of the request envelope must agree on (`Names.g.cs`: ABI version, operations, error kinds and
//! codes). These tests regenerate them and fail when a committed file differs; `CGIP_BLESS=1 cargo test
//! --test bindings` rewrites them.
//!
//! interoptopus is the source of the binding: its C# output is generated here and the functions the module
//! calls are taken from it as `DllImport` declarations (interoptopus writes `LibraryImport`, which .NET
//! Framework lacks). Everything generated is `internal`: a script that could reach `cgip_cancel_free(IntPtr)`
//! could take the shell down.

use interoptopus_csharp::config::HeaderConfig;
use interoptopus_csharp::dispatch::Dispatch;
use interoptopus_csharp::RustLibrary;

use cgip_native::contract::{Direction, Shape, Ty};

/// The module's binding: interoptopus' functions as `DllImport` declarations, which both .NET Framework (Windows
/// PowerShell 5.1) and .NET (PowerShell 7) bind, so one netstandard2.0 assembly serves both editions.
const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../module/src/Native/Interop.g.cs");
/// Plain `const` fields, compiled into the module.
const GENERATED_NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../module/src/Native/Names.g.cs");

/// The functions the module calls, each with the parameter list interoptopus gives it (`cgip_invoke` has a
/// pointer and a `ref` overload; the module reads the answer through the `ref`). The vec helpers interoptopus
/// adds for its own marshallers are left out: the module never builds a Rust vec.
const CALLED: &[(&str, &str)] = &[
    ("cgip_abi_version", ""),
    ("cgip_cancel_new", ""),
    ("cgip_cancel_fire", "IntPtr token"),
    ("cgip_cancel_free", "IntPtr token"),
    ("cgip_invoke", "SliceByte request, IntPtr cancel, ref VecByte response"),
    ("cgip_buffer_free", "VecByte buffer"),
];

/// Where the opaque `CancelToken` crosses as the module's `SafeHandle` (the marshaller holds a reference for the
/// call, so a token cannot be freed under a running call): (function, parameter, or "" for the return value).
/// `cgip_cancel_free` keeps its `IntPtr`: the handle's own `ReleaseHandle` calls it.
const CANCEL_HANDLE: &str = "CognitoAdminAuth.Native.CancelTokenHandle";
const CANCEL_HANDLE_AT: &[(&str, &str)] = &[("cgip_cancel_new", ""), ("cgip_cancel_fire", "token"), ("cgip_invoke", "cancel")];

/// interoptopus' own C# for the library (`LibraryImport`, .NET 7+ only), from which the binding is derived.
fn interoptopus_output() -> String {
    let out = RustLibrary::builder(cgip_native::ffi::ffi_inventory())
        .dll_name("cgip_native")
        .dispatch(Dispatch::single_file("CognitoAdminAuth.Native.Generated"))
        .headers(HeaderConfig { emit_version: false })
        .build()
        .process()
        .expect("interoptopus generates C#");
    out.buffer("Interop.cs").expect("one file").to_owned()
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
fn committed_csharp_binding_matches_the_rust_abi() {
    assert_committed(GENERATED, &dllimport_binding(&interoptopus_output()));
}

/// One interoptopus import: entry point, return type and parameter list as it declares them.
struct Import {
    entry: String,
    return_type: String,
    params: String,
}

fn imports(core: &str) -> Vec<Import> {
    let lines: Vec<&str> = core.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(entry) = line.trim().strip_prefix("[LibraryImport(NativeLib, EntryPoint = \"").and_then(|r| r.strip_suffix("\")]")) else {
            continue;
        };
        let declaration = lines[i + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.starts_with('['))
            .expect("a declaration follows its attribute");
        let signature = declaration
            .split_once(" static partial ")
            .unwrap_or_else(|| panic!("unexpected declaration after {entry}: {declaration}"))
            .1;
        let (head, params) = signature.split_once('(').expect("a parameter list");
        let return_type = head.split_once(' ').expect("a return type and a name").0;
        found.push(Import { entry: entry.to_owned(), return_type: return_type.to_owned(), params: params.trim_end_matches(");").to_owned() });
    }
    found
}

/// `[DllImport]` declarations of the functions the module calls, as interoptopus declares them, the cancel
/// token as a `SafeHandle`, and the blittable structs they pass laid out as interoptopus' `Unmanaged` structs.
/// A function the module calls that interoptopus no longer declares with that parameter list, or a type it
/// cannot map, stops the test: an ABI change needs a decision in the module, not a silent skip.
fn dllimport_binding(core: &str) -> String {
    let lines: Vec<&str> = core.lines().collect();
    let library = lines
        .iter()
        .find_map(|l| l.trim().strip_prefix("public const string NativeLib = ").and_then(|v| v.strip_suffix(';')))
        .expect("the generated binding names its library");
    let all = imports(core);
    let mut declarations = String::new();
    let mut structs: Vec<String> = Vec::new();
    for (entry, params) in CALLED {
        let import = all
            .iter()
            .find(|i| i.entry == *entry && i.params == *params)
            .unwrap_or_else(|| panic!("interoptopus no longer declares {entry}({params}), which the module calls"));
        let mut return_type = import.return_type.clone();
        let mut typed = Vec::new();
        for param in import.params.split(", ").filter(|p| !p.is_empty()) {
            let (by_ref, rest) = param.strip_prefix("ref ").map_or(("", param), |r| ("ref ", r));
            let (ty, name) = rest.split_once(' ').expect("a type and a name");
            let ty = if CANCEL_HANDLE_AT.contains(&(*entry, name)) {
                assert_eq!(ty, "IntPtr", "{entry}: the cancel token `{name}` is no longer a pointer");
                CANCEL_HANDLE
            } else {
                ty
            };
            note_struct(&mut structs, ty);
            typed.push(format!("{by_ref}{ty} {name}"));
        }
        if CANCEL_HANDLE_AT.contains(&(*entry, "")) {
            assert_eq!(return_type, "IntPtr", "{entry} no longer returns a pointer");
            return_type = CANCEL_HANDLE.to_owned();
        }
        note_struct(&mut structs, &return_type);
        declarations.push_str(&format!(
            "        [DllImport(NativeLib, EntryPoint = \"{entry}\", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]\n        public static extern {return_type} {entry}({});\n\n",
            typed.join(", ")
        ));
    }
    for exported in all.iter().map(|i| &i.entry).filter(|e| e.starts_with("cgip_")) {
        assert!(CALLED.iter().any(|(c, _)| c == exported), "the library exports {exported}, which the module does not bind: add it to CALLED or drop it");
    }
    let mut out = String::from(
        "// <auto-generated>\n// Generated by native/tests/bindings.rs from interoptopus' C# for the library: the functions the module calls,\n\
         // as DllImport declarations that .NET Framework and .NET both bind. Do not edit; `CGIP_BLESS=1 cargo test\n\
         // --release --test bindings` rewrites it.\n// </auto-generated>\n\
         using System;\nusing System.Runtime.InteropServices;\n\nnamespace CognitoAdminAuth.Native.Generated\n{\n",
    );
    out.push_str(&format!("    internal static class Interop\n    {{\n        public const string NativeLib = {library};\n\n"));
    out.push_str(declarations.trim_end());
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

fn note_struct(structs: &mut Vec<String>, ty: &str) {
    match ty {
        "void" | "byte" | "int" | "uint" | "long" | "ulong" | "IntPtr" | CANCEL_HANDLE => {}
        _ if !structs.iter().any(|s| s == ty) => structs.push(ty.to_owned()),
        _ => {}
    }
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
                        "{name}.Unmanaged has a field the binding cannot copy: {l}"
                    );
                    field.to_owned()
                })
                .collect();
        }
    }
    panic!("the binding cannot map {name}: interoptopus' output has no {name}.Unmanaged struct")
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
    let envelope: Vec<(String, String)> = cgip_native::envelope::FIELDS.iter().map(|f| (property(f), (*f).to_owned())).collect();
    let mut out = String::new();
    for line in [
        "// <auto-generated>",
        "// Generated by native/tests/bindings.rs from the Rust definitions (ffi::ABI_VERSION, envelope::OperationName, envelope::FIELDS,",
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
        ("Envelope", "The members of a request envelope; their shapes are in Contract.g.cs.", envelope),
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
        "\n        /// <summary>The environment variables passed with each call, by exact name.</summary>\n        internal static class PassedEnvironment\n        {{\n            public static readonly string[] Names = {{ {passed} }};\n        }}\n"
    ));
    out.push_str("    }\n}\n");
    out
}

#[test]
#[should_panic(expected = "no longer declares cgip_abi_version")]
fn a_called_function_that_disappears_stops_the_generator() {
    dllimport_binding("    public const string NativeLib = \"x\";\n");
}

#[test]
#[should_panic(expected = "cannot map Mystery")]
fn a_type_without_a_blittable_form_stops_the_generator() {
    unmanaged_fields(&["    public static partial void f(Mystery m);"], "Mystery");
}

/// The C# side of every shape that crosses the boundary, generated from the Rust `contract!` declarations:
/// a class per shape, a writer for what the library reads and an in-place reader for what it writes.
const GENERATED_CONTRACT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../module/src/Native/Contract.g.cs");

#[test]
fn committed_contract_matches_the_rust_shapes() {
    assert_committed(GENERATED_CONTRACT, &contract_csharp(&cgip_native::contract::roots()));
}

fn contract_csharp(roots: &[Shape]) -> String {
    let mut shapes: Vec<Shape> = Vec::new();
    let mut pending: Vec<Shape> = roots.to_vec();
    while let Some(shape) = pending.pop() {
        if shapes.iter().any(|s| s.name == shape.name) {
            continue;
        }
        for member in shape.members {
            let mut ty = member.ty;
            while let Ty::List(inner) = ty {
                ty = inner();
            }
            if let Ty::Object(nested) = ty {
                let nested = nested();
                assert_eq!(nested.direction, shape.direction, "{} holds {}, which crosses the other way", shape.name, nested.name);
                pending.push(nested);
            }
        }
        shapes.push(shape);
    }
    shapes.sort_by_key(|s| s.name);
    let mut out = String::from(
        "// <auto-generated>\n// Generated by native/tests/bindings.rs from the contract! shapes of the native library (native/src/contract.rs):\n\
         // every member that crosses the C ABI, named and typed once, in Rust. Do not edit; `CGIP_BLESS=1 cargo test\n\
         // --release --test bindings` rewrites it.\n// </auto-generated>\n\
         using System;\nusing System.Collections.Generic;\nusing System.Text.Json;\n\nnamespace CognitoAdminAuth.Native.Contract\n{",
    );
    for shape in &shapes {
        let (what, base) = match shape.direction {
            Direction::In => ("which the library reads: written here", " : IContractWriter"),
            Direction::Out => ("which the library writes: read here in place, from the library's buffer", ""),
        };
        out.push_str(&format!(
            "\n    /// <summary>The Rust <c>{name}</c>, {what}.</summary>\n    internal sealed partial class {name}{base}\n    {{\n",
            name = shape.name
        ));
        for m in shape.members {
            out.push_str(&format!("        public {} {} {{ get; set; }}\n", cs_type(m.ty), property(m.json)));
        }
        match shape.direction {
            Direction::In => {
                out.push_str("\n        public void Write(Utf8JsonWriter w)\n        {\n            w.WriteStartObject();\n");
                for m in shape.members {
                    out.push_str(&format!("            ContractJson.Write(w, \"{}\", {});\n", m.json, property(m.json)));
                }
                out.push_str("            w.WriteEndObject();\n        }\n");
                out.push_str("\n        public IEnumerable<KeyValuePair<string, object>> Members()\n        {\n");
                for m in shape.members {
                    out.push_str(&format!(
                        "            if ({p} != null) yield return new KeyValuePair<string, object>(\"{}\", {p});\n",
                        m.json,
                        p = property(m.json)
                    ));
                }
                if shape.members.is_empty() {
                    out.push_str("            yield break;\n");
                }
                out.push_str("        }\n");
            }
            Direction::Out => {
                out.push_str(&format!(
                    "\n        internal static {name} Read(ReadOnlySpan<byte> json)\n        {{\n            var reader = new Utf8JsonReader(json);\n            reader.Read();\n            return Read(ref reader);\n        }}\n\n        /// <summary>The object the reader is at; null for a JSON null.</summary>\n        internal static {name} Read(ref Utf8JsonReader reader)\n        {{\n            if (reader.TokenType != JsonTokenType.StartObject) {{ reader.Skip(); return null; }}\n            var o = new {name}();\n            while (ContractJson.NextProperty(ref reader))\n            {{\n",
                    name = shape.name
                ));
                for (i, m) in shape.members.iter().enumerate() {
                    let keyword = if i == 0 { "if" } else { "else if" };
                    out.push_str(&format!(
                        "                {keyword} (reader.ValueTextEquals(\"{}\")) {{ reader.Read(); o.{} = {}; }}\n",
                        m.json,
                        property(m.json),
                        cs_read(m.ty)
                    ));
                }
                let skip = if shape.members.is_empty() { "" } else { "else " };
                out.push_str(&format!("                {skip}{{ reader.Read(); reader.Skip(); }}\n            }}\n            return o;\n        }}\n"));
            }
        }
        out.push_str("    }\n");
    }
    out.push_str("}\n");
    out
}

/// The C# property for a JSON member: PascalCase, as the AWS names already are.
fn property(json: &str) -> String {
    let mut chars = json.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn cs_type(ty: Ty) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::Int => "int?".into(),
        Ty::Long => "long?".into(),
        Ty::StrMap => "Dictionary<string, string>".into(),
        Ty::List(inner) => format!("List<{}>", cs_type(inner())),
        Ty::Object(shape) => shape().name.into(),
        Ty::Json => "object".into(),
    }
}

/// The expression reading one value of `ty` where the reader stands on its first token.
fn cs_read(ty: Ty) -> String {
    match ty {
        Ty::Str => "ContractJson.ReadString(ref reader)".into(),
        Ty::Int => "ContractJson.ReadInt(ref reader)".into(),
        Ty::Long => "ContractJson.ReadLong(ref reader)".into(),
        Ty::StrMap => "ContractJson.ReadMap(ref reader)".into(),
        Ty::List(inner) => match inner() {
            Ty::Str => "ContractJson.ReadStrings(ref reader)".into(),
            other => panic!("a list of {other:?} has no C# reader yet: add one to ContractJson and here"),
        },
        Ty::Object(shape) => format!("{}.Read(ref reader)", shape().name),
        Ty::Json => "ContractJson.ReadAny(ref reader)".into(),
    }
}

/// Adding a member to a contract is one line in Rust: the generated class gains the property, its writer the
/// member (or its reader the branch), under the JSON name serde uses.
#[test]
fn a_new_member_reaches_the_generated_writer_and_reader() {
    use cgip_native::contract::Member;
    fn probe_in() -> Shape {
        Shape { name: "ProbeInput", direction: Direction::In, members: &[Member { json: "NewMember", ty: Ty::Str }] }
    }
    fn probe_out() -> Shape {
        Shape { name: "ProbeAnswer", direction: Direction::Out, members: &[Member { json: "count", ty: Ty::Long }] }
    }
    let cs = contract_csharp(&[probe_in(), probe_out()]);
    assert!(cs.contains("internal sealed partial class ProbeInput : IContractWriter"), "{cs}");
    assert!(cs.contains("public string NewMember { get; set; }"), "{cs}");
    assert!(cs.contains("ContractJson.Write(w, \"NewMember\", NewMember);"), "{cs}");
    assert!(cs.contains("public long? Count { get; set; }"), "{cs}");
    assert!(cs.contains("if (reader.ValueTextEquals(\"count\")) { reader.Read(); o.Count = ContractJson.ReadLong(ref reader); }"), "{cs}");
}
