//! The C# side of the C ABI is generated from the Rust signatures and committed. This test regenerates
//! it and fails when the committed file differs; `CGIP_BLESS=1 cargo test --test bindings` rewrites it.

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
    out.buffer("Interop.cs").expect("one file").clone()
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
