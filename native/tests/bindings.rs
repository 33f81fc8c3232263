//! The C# side of the C ABI is generated from the Rust signatures and committed. This test regenerates
//! it and fails when the committed file differs; `CGIP_BLESS=1 cargo test --test bindings` rewrites it.
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

#[test]
fn committed_csharp_bindings_match_the_rust_abi() {
    let fresh = generate();
    if std::env::var_os("CGIP_BLESS").is_some() {
        std::fs::write(GENERATED, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(GENERATED).unwrap_or_default();
    assert!(
        committed == fresh,
        "module/src/Native/Interop.g.cs is out of date with the Rust ABI; run `CGIP_BLESS=1 cargo test --release --test bindings` and commit it"
    );
}

#[test]
fn no_declaration_at_file_scope_stays_public() {
    let text = internal_at_file_scope("public partial class A\n{\n    public int X;\n}public static class B {}\n");
    assert_eq!(text, "internal partial class A\n{\n    public int X;\n}internal static class B {}\n");
    assert!(!generate().lines().any(|l| l.starts_with("public ") || l.starts_with("}public ")));
}
