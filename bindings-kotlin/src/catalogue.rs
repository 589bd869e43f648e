//! Catalogues of needs, engagements and contribution options, and the charter text.

use crate::enums::ActorKind;
use crate::error::Result;
use crate::types::{CharterText, KindCatalogue};
use coopetition::catalogue::Catalogues;
use coopetition::charter::shipped_charter as core_shipped_charter;
use std::collections::HashMap;

/// The shipped catalogue of one actor kind: what its membership contract can choose.
///
/// # Errors
/// `catalogue.invalid` if the kind has no catalogue (never for the shipped data).
#[uniffi::export]
pub fn catalogue(kind: ActorKind) -> Result<KindCatalogue> {
    Ok(Catalogues::shipped().kind(kind)?.clone())
}

/// The shipped catalogues of every actor kind, by kind.
#[uniffi::export]
pub fn catalogues() -> HashMap<ActorKind, KindCatalogue> {
    Catalogues::shipped().kinds.iter().map(|(kind, c)| (*kind, c.clone())).collect()
}

/// The charter versions shipped with the core (version 1, from the seed).
#[uniffi::export]
pub fn shipped_charter() -> Vec<CharterText> {
    core_shipped_charter().to_vec()
}
