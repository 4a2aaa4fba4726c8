//! `sqlx::migrate!` embeds `migrations/` at compile time; a new migration file
//! is not a changed source file, so tell Cargo to rebuild when the directory
//! changes (the build script sqlx recommends).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
