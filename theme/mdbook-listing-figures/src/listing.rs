//! What the preprocessor needs to know about a listing crate
//! (`listings/<chapter>/<listing>/`): its package name, and whether it is
//! meant not to compile (`[package.metadata.listing] compile-error`).

use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The folder's name, e.g. `join-two-tasks`.
    pub folder: String,
    /// The package name, e.g. `ch01-join-two-tasks`.
    pub package: String,
    pub compile_error: bool,
}

/// An included file, seen from the repository's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included {
    /// `listings/ch01-introduction/join-two-tasks/src/main.rs`, with `/`.
    pub path: String,
    pub listing: Listing,
}

#[derive(Deserialize)]
struct Manifest {
    package: Package,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    #[serde(default)]
    metadata: Option<toml::Table>,
}

/// Resolves `path` (written in a chapter in `chapter_dir`) and, if it names a
/// file of a listing crate under `<root>/listings/`, reads that crate.
pub fn included(root: &Path, chapter_dir: &Path, path: &str) -> Result<Option<Included>, String> {
    let full = normalize(&chapter_dir.join(path));
    let Ok(relative) = full.strip_prefix(normalize(root)) else {
        return Ok(None);
    };
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() < 4 || parts[0] != "listings" {
        return Ok(None);
    }
    let crate_dir: PathBuf = root.join(&parts[0]).join(&parts[1]).join(&parts[2]);
    let manifest_path = crate_dir.join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(&manifest_path) else {
        // Not a listing crate: leave the block alone (mdBook reports a
        // missing file itself, and the harness's invariants test too).
        return Ok(None);
    };
    let manifest: Manifest =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let compile_error = manifest
        .package
        .metadata
        .as_ref()
        .and_then(|m| m.get("listing"))
        .and_then(|l| l.get("compile-error"))
        .is_some();
    Ok(Some(Included {
        path: parts.join("/"),
        listing: Listing {
            folder: parts[2].clone(),
            package: manifest.package.name,
            compile_error,
        },
    }))
}

/// `a/b/../c` to `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
