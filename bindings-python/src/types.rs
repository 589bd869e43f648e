//! The shorthands that build the core's records from Python arguments.

use crate::convert::label;
use crate::errors::IntoPy;
use coopetition::catalogue::{CatalogueEntry, Catalogues};
use coopetition::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// Extracts resources from a list of `Resource` or names.
pub fn resources(items: Option<&Bound<'_, PyList>>) -> PyResult<Vec<Resource>> {
    items.map_or_else(|| Ok(Vec::new()), |items| coopetition::python::resources(items.as_any()))
}

/// The catalogue entries of one actor kind, in order.
pub fn catalogue_items(kind: &str) -> PyResult<Vec<CatalogueEntry>> {
    Ok(Catalogues::shipped().kind(label(kind)?).py()?.entries())
}
