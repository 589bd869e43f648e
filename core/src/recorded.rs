//! The stamp of every recorded fact: the date of the command that recorded
//! it and the event's number in the journal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// When something was recorded: the command's date and its journal sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all, from_py_object)
)]
pub struct Recorded {
    /// Date of the command that recorded it.
    pub on: NaiveDate,
    /// Sequence number of that event in the journal.
    pub seq: u64,
}
