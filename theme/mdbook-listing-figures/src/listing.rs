//! What the preprocessor needs to know about a listing crate
//! (`listings/<chapter>/<listing>/`): its package name, its `description`
//! (the caption), and whether it is meant not to compile
//! (`[package.metadata.listing] compile-error`).

use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The folder's name, e.g. `join-two-tasks`.
    pub folder: String,
    /// The package name, e.g. `ch01-join-two-tasks`.
    pub package: String,
    /// `[package] description`: what the listing shows, in one sentence
    /// (Markdown: backticks for code). `None` when the crate has none.
    pub description: Option<String>,
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
    description: Option<String>,
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
    if !crate_dir.join("Cargo.toml").is_file() {
        // Not a listing crate: leave the block alone (mdBook reports a
        // missing file itself, and the harness's invariants test too).
        return Ok(None);
    }
    Ok(Some(Included {
        path: parts.join("/"),
        listing: read_listing(&crate_dir)?,
    }))
}

/// Reads the listing crate in `crate_dir` (its `Cargo.toml`).
pub fn read_listing(crate_dir: &Path) -> Result<Listing, String> {
    let manifest_path = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let manifest: Manifest =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let compile_error = manifest
        .package
        .metadata
        .as_ref()
        .and_then(|m| m.get("listing"))
        .and_then(|l| l.get("compile-error"))
        .is_some();
    let folder = crate_dir
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Listing {
        folder,
        package: manifest.package.name,
        description: manifest.package.description,
        compile_error,
    })
}

/// What is wrong with a listing's `description`, as a caption: `None` when
/// it is one sentence in sentence case, without a full stop, on one line,
/// with its backticks paired.
pub fn description_problem(description: Option<&str>) -> Option<String> {
    let Some(text) = description else {
        return Some("no `description` in `[package]`".into());
    };
    let text = text.trim();
    let first = text.chars().next();
    if text.is_empty() {
        Some("an empty `description`".into())
    } else if text.contains('\n') {
        Some("a `description` of more than one line".into())
    } else if text.ends_with('.') {
        Some("a `description` that ends with a full stop (a caption has none)".into())
    } else if first.is_some_and(|c| c.is_lowercase()) {
        Some(
            "a `description` that starts with a lowercase letter (write it in sentence case)"
                .into(),
        )
    } else if text.matches('`').count() % 2 == 1 {
        Some("a `description` with an unpaired backtick".into())
    } else {
        None
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_its_description_and_compile_error() {
        let dir = tempfile::tempdir().unwrap();
        let crate_dir = dir.path().join("join-two-tasks");
        std::fs::create_dir_all(&crate_dir).unwrap();
        std::fs::write(
            crate_dir.join("Cargo.toml"),
            "[package]\nname = \"ch01-join-two-tasks\"\nversion = \"0.1.0\"\n\
             description = \"Two futures run concurrently with `join!`\"\n\n\
             [package.metadata.listing]\ncompile-error = \"E0038\"\n",
        )
        .unwrap();
        let listing = read_listing(&crate_dir).unwrap();
        assert_eq!(listing.folder, "join-two-tasks");
        assert_eq!(listing.package, "ch01-join-two-tasks");
        assert_eq!(
            listing.description.as_deref(),
            Some("Two futures run concurrently with `join!`")
        );
        assert!(listing.compile_error);
    }

    #[test]
    fn a_caption_is_one_sentence_in_sentence_case_without_a_full_stop() {
        assert_eq!(
            description_problem(Some("Two futures run with `join!`")),
            None
        );
        assert_eq!(description_problem(Some("`join!` runs two futures")), None);
        for (bad, why) in [
            (None, "no `description`"),
            (Some("  "), "empty"),
            (Some("Two futures.\nMore"), "more than one line"),
            (Some("Two futures."), "full stop"),
            (Some("two futures"), "lowercase"),
            (Some("Two `join! futures"), "unpaired backtick"),
        ] {
            let problem = description_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad:?}: {problem}");
        }
    }
}
