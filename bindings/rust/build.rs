//! Links libairops and records where it was found as an rpath, so that the tests, the
//! examples and programs built in this package run without LD_LIBRARY_PATH.
//!
//! The library is looked up as the Python package does: `AIROPS_LIBRARY` (the `.so` itself
//! or its directory), then the repository's `build/lib`.

use std::env;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=AIROPS_LIBRARY");
    let (dir, name) = locate();
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=dylib={}", name);
    // RUNPATH, so that LD_LIBRARY_PATH still wins (the leak check runs a stripped copy).
    println!("cargo:rustc-link-arg=-Wl,--enable-new-dtags,-rpath,{}", dir.display());
}

/// The library's directory and its link name (`airops` for `libairops.so`).
fn locate() -> (PathBuf, String) {
    let configured = env::var_os("AIROPS_LIBRARY").map(PathBuf::from);
    let path = configured.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../build/lib"));
    let path = path.canonicalize().unwrap_or_else(|error| {
        panic!(
            "libairops not found at {} ({}): build it (make lib) or set AIROPS_LIBRARY \
                to the .so or its directory",
            path.display(),
            error
        )
    });
    if path.is_dir() {
        return (path, "airops".to_string());
    }
    let file = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    let name = file.strip_prefix("lib").and_then(|rest| rest.split(".so").next());
    match (path.parent(), name) {
        (Some(dir), Some(name)) if !name.is_empty() => (dir.to_path_buf(), name.to_string()),
        _ => panic!(
            "AIROPS_LIBRARY must name a lib<name>.so file or a directory, not {}",
            path.display()
        ),
    }
}
