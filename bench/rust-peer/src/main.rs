fn main() {
    cgip_bench_rust_peer::main();
}
