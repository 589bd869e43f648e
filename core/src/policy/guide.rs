//! The guide of emblematic situations: data that suggests a fair contribution.
//!
//! A guide is a list of situations, each described by criteria over a mission
//! (lead origin, network partners mobilised, shared resources used, a steward
//! developing resources for a workstream, the client connected to the network)
//! with a suggested rate and, optionally, a range. A mission takes the most
//! specific situation it matches; specificity is the number of criteria a
//! situation sets. Loading a guide checks that no two equally specific
//! situations can match the same mission and, when the guide has no default
//! situation (one without criteria), that every mission matches something.
//!
//! The shipped guide (`core/data/guide.json`) encodes the seed's five
//! situations with rates that are a documented proposal for users to tune.

use super::facts::MissionFacts;
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

/// An inclusive range of counts; `max: None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CountRange {
    /// Smallest count accepted.
    #[serde(default)]
    pub min: u32,
    /// Largest count accepted, if bounded.
    #[serde(default)]
    pub max: Option<u32>,
}

impl CountRange {
    fn contains(&self, n: u32) -> bool {
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }

    fn intersects(&self, other: &CountRange) -> Option<u32> {
        let lo = self.min.max(other.min);
        let hi = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        hi.is_none_or(|h| lo <= h).then_some(lo)
    }

    fn describe(&self) -> String {
        match self.max {
            Some(m) if m == self.min => format!("{m}"),
            Some(m) => format!("{}..={m}", self.min),
            None => format!(">={}", self.min),
        }
    }
}

/// The criteria of a situation; an absent criterion matches anything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Criteria {
    /// Accepted lead origins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_origin: Option<Vec<LeadOrigin>>,
    /// Number of network partners mobilised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partners: Option<CountRange>,
    /// Number of shared resources used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_resources: Option<CountRange>,
    /// Whether the provider is a steward developing resources for a workstream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steward_workstream: Option<bool>,
    /// Whether the client was connected to the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_informed: Option<bool>,
}

impl Criteria {
    /// How many criteria are set.
    pub fn specificity(&self) -> u32 {
        u32::from(self.lead_origin.is_some())
            + u32::from(self.partners.is_some())
            + u32::from(self.shared_resources.is_some())
            + u32::from(self.steward_workstream.is_some())
            + u32::from(self.client_informed.is_some())
    }

    /// Whether a mission meets every criterion.
    pub fn matches(&self, m: &MissionFacts) -> bool {
        self.matches_parts(m.lead_origin, m.partners, m.shared_resources, m.steward_workstream, m.client_informed)
    }

    pub(crate) fn matches_parts(&self, origin: LeadOrigin, partners: u32, shared: u32, sw: bool, ci: bool) -> bool {
        self.lead_origin.as_ref().is_none_or(|o| o.contains(&origin))
            && self.partners.is_none_or(|r| r.contains(partners))
            && self.shared_resources.is_none_or(|r| r.contains(shared))
            && self.steward_workstream.is_none_or(|b| b == sw)
            && self.client_informed.is_none_or(|b| b == ci)
    }

    /// A mission both criteria match, described, if there is one.
    fn common_example(&self, other: &Criteria) -> Option<String> {
        let origin = match (&self.lead_origin, &other.lead_origin) {
            (Some(a), Some(b)) => *a.iter().find(|o| b.contains(o))?,
            (Some(a), None) | (None, Some(a)) => *a.first()?,
            (None, None) => LeadOrigin::Other,
        };
        let range =
            |a: Option<CountRange>, b: Option<CountRange>| a.unwrap_or_default().intersects(&b.unwrap_or_default());
        let partners = range(self.partners, other.partners)?;
        let shared = range(self.shared_resources, other.shared_resources)?;
        let flag = |a: Option<bool>, b: Option<bool>| match (a, b) {
            (Some(x), Some(y)) if x != y => None,
            (x, y) => Some(x.or(y).unwrap_or(false)),
        };
        let sw = flag(self.steward_workstream, other.steward_workstream)?;
        let ci = flag(self.client_informed, other.client_informed)?;
        Some(describe_mission(origin, partners, shared, sw, ci))
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(o) = &self.lead_origin {
            parts.push(format!("lead_origin={}", o.iter().map(|o| o.label()).collect::<Vec<_>>().join("|")));
        }
        if let Some(r) = self.partners {
            parts.push(format!("partners={}", r.describe()));
        }
        if let Some(r) = self.shared_resources {
            parts.push(format!("shared_resources={}", r.describe()));
        }
        if let Some(b) = self.steward_workstream {
            parts.push(format!("steward_workstream={b}"));
        }
        if let Some(b) = self.client_informed {
            parts.push(format!("client_informed={b}"));
        }
        if parts.is_empty() {
            "no criteria".into()
        } else {
            parts.join(", ")
        }
    }
}

fn describe_mission(origin: LeadOrigin, partners: u32, shared: u32, sw: bool, ci: bool) -> String {
    format!(
        "a mission with lead_origin={}, partners={partners}, shared_resources={shared}, steward_workstream={sw}, client_informed={ci}",
        origin.label()
    )
}

/// An inclusive range of rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RateRange {
    /// Lowest rate.
    #[serde(with = "rust_decimal::serde::str")]
    pub min: Decimal,
    /// Highest rate.
    #[serde(with = "rust_decimal::serde::str")]
    pub max: Decimal,
}

/// An emblematic situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Situation {
    /// Stable id.
    pub id: String,
    /// A short title.
    pub title: Text,
    /// The situation told as the seed tells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<Text>,
    /// When it applies.
    #[serde(default)]
    pub criteria: Criteria,
    /// The suggested rate of money due.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    /// The range within which a fair contribution lies, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<RateRange>,
    /// The part of the fair contribution recognised as given in kind.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub in_kind_rate: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GuideFile {
    schema: u32,
    name: String,
    situations: Vec<Situation>,
}

/// A checked guide, ready to match missions. It is written as the file
/// [`Guide::load`] reads, schema included, so that what is written loads back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    /// The guide's name.
    pub name: String,
    /// Its situations, in file order (read them with [`Guide::situations`];
    /// private so that they cannot drift from their checked, compiled form).
    situations: Vec<Situation>,
    compiled: Vec<Compiled>,
}

/// How a guide is written: the file [`Guide::load`] reads.
#[derive(Serialize)]
struct GuideOut<'a> {
    schema: u32,
    name: &'a str,
    situations: &'a [Situation],
}

impl Serialize for Guide {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        GuideOut { schema: GUIDE_SCHEMA, name: &self.name, situations: &self.situations }.serialize(serializer)
    }
}

/// The schema version of the guide file this build writes and reads.
const GUIDE_SCHEMA: u32 = 1;

/// Precomputed names of a situation, shared by every explanation (no allocation per mission).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Compiled {
    id: Arc<str>,
    criteria: Arc<str>,
    specificity: u32,
}

/// The situation a mission matched.
#[derive(Debug, Clone, Copy)]
pub struct Matched<'g> {
    /// Index of the situation in [`Guide::situations`].
    pub index: usize,
    /// The situation.
    pub situation: &'g Situation,
    pub(crate) id: &'g Arc<str>,
    pub(crate) criteria: &'g Arc<str>,
    /// Number of criteria the situation sets (0 for the default).
    pub specificity: u32,
}

const SHIPPED: &str = include_str!("../../data/guide.json");

/// The most situations a guide may hold. Checking that no two equally
/// specific situations overlap compares every pair, so the count is bounded
/// to keep loading well under a second; real guides hold a handful.
pub const MAX_SITUATIONS: usize = 1_000;

impl Guide {
    /// Loads and checks a guide from JSON.
    ///
    /// # Errors
    /// `journal.json.malformed`; `policy.guide.invalid` (no situation, a
    /// repeated id, a rate outside 0..=1, a rate outside its range, an empty
    /// lead-origin list); `policy.guide.too_large` beyond
    /// [`MAX_SITUATIONS`]; `policy.guide.overlap`; `policy.guide.gap`.
    pub fn load(json: &str) -> Result<Guide> {
        let malformed = |message: String| Error::MalformedJson { line: None, message };
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
        // serde would read a struct from an array too.
        if !value.is_object() {
            return Err(malformed("a guide is a JSON object".into()));
        }
        let file = GuideFile::deserialize(&value).map_err(|e| malformed(e.to_string()))?;
        if file.schema != GUIDE_SCHEMA {
            return Err(Error::UnknownSchemaVersion { found: file.schema.to_string(), supported: GUIDE_SCHEMA });
        }
        Guide::new(file.name, file.situations)
    }

    /// The guide as the JSON file [`Guide::load`] reads back to an equal guide.
    pub fn to_json(&self) -> String {
        // Serialising plain data cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks and builds a guide.
    ///
    /// # Errors
    /// As [`Guide::load`].
    pub fn new(name: String, situations: Vec<Situation>) -> Result<Guide> {
        if situations.is_empty() {
            return Err(Error::InvalidGuide("a guide needs at least one situation".into()));
        }
        if situations.len() > MAX_SITUATIONS {
            return Err(Error::GuideTooLarge { count: situations.len(), max: MAX_SITUATIONS });
        }
        let mut ids = BTreeSet::new();
        for s in &situations {
            check_situation(s)?;
            if !ids.insert(s.id.as_str()) {
                return Err(Error::InvalidGuide(format!("situation id `{}` is repeated", s.id)));
            }
        }
        for (i, a) in situations.iter().enumerate() {
            for b in situations.iter().skip(i + 1) {
                if a.criteria.specificity() == b.criteria.specificity() {
                    if let Some(example) = a.criteria.common_example(&b.criteria) {
                        return Err(Error::GuideOverlap { first: a.id.clone(), second: b.id.clone(), example });
                    }
                }
            }
        }
        let compiled = situations
            .iter()
            .map(|s| Compiled {
                id: Arc::from(s.id.as_str()),
                criteria: Arc::from(s.criteria.describe().as_str()),
                specificity: s.criteria.specificity(),
            })
            .collect();
        let guide = Guide { name, situations, compiled };
        if !guide.situations.iter().any(|s| s.criteria.specificity() == 0) {
            guide.check_coverage()?;
        }
        Ok(guide)
    }

    /// Its situations, in file order.
    pub fn situations(&self) -> &[Situation] {
        &self.situations
    }

    /// The guide shipped with the crate: the seed's five situations and a default.
    pub fn shipped() -> &'static Arc<Guide> {
        static CELL: OnceLock<Arc<Guide>> = OnceLock::new();
        // The shipped file is checked by a unit test.
        CELL.get_or_init(|| {
            Arc::new(Guide::load(SHIPPED).unwrap_or_else(|_| Guide {
                name: String::new(),
                situations: Vec::new(),
                compiled: Vec::new(),
            }))
        })
    }

    /// The most specific situation a mission matches, if any.
    pub fn find(&self, m: &MissionFacts) -> Option<Matched<'_>> {
        self.find_parts(m.lead_origin, m.partners, m.shared_resources, m.steward_workstream, m.client_informed)
    }

    pub(crate) fn find_parts(
        &self,
        origin: LeadOrigin,
        partners: u32,
        shared: u32,
        sw: bool,
        ci: bool,
    ) -> Option<Matched<'_>> {
        let mut best: Option<Matched<'_>> = None;
        for (index, (situation, c)) in self.situations.iter().zip(&self.compiled).enumerate() {
            if best.is_some_and(|b| b.specificity >= c.specificity) {
                continue;
            }
            if situation.criteria.matches_parts(origin, partners, shared, sw, ci) {
                best = Some(Matched { index, situation, id: &c.id, criteria: &c.criteria, specificity: c.specificity });
            }
        }
        best
    }

    /// The count thresholds at which matching can change, per numeric criterion:
    /// every count at or above the last threshold matches like it.
    pub(crate) fn thresholds(&self) -> (Vec<u32>, Vec<u32>) {
        let collect = |f: &dyn Fn(&Criteria) -> Option<CountRange>| {
            let mut v: BTreeSet<u32> = BTreeSet::from([0]);
            for s in &self.situations {
                if let Some(r) = f(&s.criteria) {
                    v.insert(r.min);
                    if let Some(m) = r.max {
                        v.insert(m.saturating_add(1));
                    }
                }
            }
            v.into_iter().collect::<Vec<_>>()
        };
        (collect(&|c| c.partners), collect(&|c| c.shared_resources))
    }

    /// Fails with the first mission (in the order of lead origins, partners,
    /// shared resources, steward workstream, client informed) that matches no
    /// situation.
    ///
    /// Counts matter only at the thresholds, so the mission space is a grid per
    /// lead origin and pair of flags, where each situation covers a rectangle.
    /// A sweep over the partners axis keeps how many rectangles cover each
    /// shared-resources cell in a segment tree: O(n log n) per grid, where
    /// trying every cell against every situation would be cubic.
    fn check_coverage(&self) -> Result<()> {
        let (partners, shared) = self.thresholds();
        let cells = |axis: &[u32], range: Option<CountRange>| {
            let r = range.unwrap_or_default();
            let lo = axis.partition_point(|&t| t < r.min);
            let hi = r.max.map_or(axis.len(), |m| axis.partition_point(|&t| t <= m));
            (lo, hi)
        };
        let mut first: Option<(usize, u32, u32, bool, bool)> = None;
        for (o, origin) in LeadOrigin::ALL.iter().enumerate() {
            for sw in [false, true] {
                for ci in [false, true] {
                    let rectangles: Vec<_> = self
                        .situations
                        .iter()
                        .map(|s| &s.criteria)
                        .filter(|c| c.lead_origin.as_ref().is_none_or(|l| l.contains(origin)))
                        .filter(|c| c.steward_workstream.is_none_or(|b| b == sw))
                        .filter(|c| c.client_informed.is_none_or(|b| b == ci))
                        .map(|c| (cells(&partners, c.partners), cells(&shared, c.shared_resources)))
                        .collect();
                    if let Some((p, s)) = first_uncovered(partners.len(), shared.len(), &rectangles) {
                        let gap = (o, partners[p], shared[s], sw, ci);
                        if first.is_none_or(|f| gap < f) {
                            first = Some(gap);
                        }
                    }
                }
            }
        }
        match first {
            Some((o, p, s, sw, ci)) => {
                let origin = LeadOrigin::ALL.get(o).copied().unwrap_or(LeadOrigin::Other);
                Err(Error::GuideGap(describe_mission(origin, p, s, sw, ci)))
            }
            None => Ok(()),
        }
    }
}

/// A rectangle of grid cells: half-open ranges of rows and of columns.
type Rectangle = ((usize, usize), (usize, usize));

/// The first cell `(row, column)` of a `rows × columns` grid, in row order,
/// that no rectangle covers.
fn first_uncovered(rows: usize, columns: usize, rectangles: &[Rectangle]) -> Option<(usize, usize)> {
    let mut starts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rows];
    let mut ends: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rows];
    for &((r0, r1), cols) in rectangles {
        if r0 < r1 && cols.0 < cols.1 {
            starts[r0].push(cols);
            if let Some(e) = ends.get_mut(r1) {
                e.push(cols);
            }
        }
    }
    let mut tree = CoverTree::new(columns);
    for row in 0..rows {
        for &(c0, c1) in &ends[row] {
            tree.add(c0, c1, -1);
        }
        for &(c0, c1) in &starts[row] {
            tree.add(c0, c1, 1);
        }
        if let Some(column) = tree.first_zero() {
            return Some((row, column));
        }
    }
    None
}

/// How many rectangles cover each cell of a row: range additions and the
/// first cell covered by none, both in O(log n).
struct CoverTree {
    size: usize,
    /// The least count in each node's span, pending additions included.
    least: Vec<i64>,
    /// Additions not yet passed to a node's children.
    pending: Vec<i64>,
}

impl CoverTree {
    fn new(size: usize) -> CoverTree {
        CoverTree { size, least: vec![0; 4 * size.max(1)], pending: vec![0; 4 * size.max(1)] }
    }

    /// Adds `delta` to the cells `lo..hi`.
    fn add(&mut self, lo: usize, hi: usize, delta: i64) {
        self.add_in(1, 0, self.size, lo, hi, delta);
    }

    fn add_in(&mut self, node: usize, from: usize, to: usize, lo: usize, hi: usize, delta: i64) {
        if hi <= from || to <= lo {
            return;
        }
        if lo <= from && to <= hi {
            self.least[node] += delta;
            self.pending[node] += delta;
            return;
        }
        let mid = from + (to - from) / 2;
        self.add_in(2 * node, from, mid, lo, hi, delta);
        self.add_in(2 * node + 1, mid, to, lo, hi, delta);
        self.least[node] = self.pending[node] + self.least[2 * node].min(self.least[2 * node + 1]);
    }

    /// The first cell no rectangle covers, if any.
    fn first_zero(&self) -> Option<usize> {
        if self.size == 0 || self.least[1] > 0 {
            return None;
        }
        let (mut node, mut from, mut to, mut above) = (1, 0, self.size, 0);
        while to - from > 1 {
            above += self.pending[node];
            let mid = from + (to - from) / 2;
            if above + self.least[2 * node] == 0 {
                (node, to) = (2 * node, mid);
            } else {
                (node, from) = (2 * node + 1, mid);
            }
        }
        Some(from)
    }
}

fn check_situation(s: &Situation) -> Result<()> {
    let bad = |what: &str| Error::InvalidGuide(format!("situation `{}`: {what}", s.id));
    if s.id.trim().is_empty() {
        return Err(Error::InvalidGuide("a situation has an empty id".into()));
    }
    let unit = |r: Decimal| r >= Decimal::ZERO && r <= Decimal::ONE;
    if !unit(s.rate) || !unit(s.in_kind_rate) || !unit(s.rate + s.in_kind_rate) {
        return Err(bad(&format!("rate `{}` or in-kind rate `{}` is outside 0..=1", s.rate, s.in_kind_rate)));
    }
    if let Some(r) = s.range {
        if !(unit(r.min) && unit(r.max) && r.min <= s.rate && s.rate <= r.max) {
            return Err(bad(&format!("rate `{}` is outside its range `{}`..`{}`", s.rate, r.min, r.max)));
        }
    }
    if s.criteria.lead_origin.as_ref().is_some_and(|o| o.is_empty()) {
        return Err(bad("the lead-origin list is empty"));
    }
    for r in [s.criteria.partners, s.criteria.shared_resources].into_iter().flatten() {
        if r.max.is_some_and(|m| m < r.min) {
            return Err(bad("a count range has max below min"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn load(v: serde_json::Value) -> Result<Guide> {
        Guide::load(&v.to_string())
    }

    #[test]
    fn shipped_guide_is_valid_with_the_five_situations() {
        let g = Guide::load(SHIPPED).unwrap();
        assert_eq!(g.situations().len(), 6);
        assert_eq!(g.situations().iter().filter(|s| s.criteria.specificity() == 0).count(), 1);
    }

    #[test]
    fn equally_specific_overlapping_situations_are_refused() {
        let err = load(json!({"schema":1,"name":"g","situations":[
            {"id":"a","title":{"fr":"a","en":"a"},"criteria":{"lead_origin":["network_event","other"]},"rate":"0.03"},
            {"id":"b","title":{"fr":"b","en":"b"},"criteria":{"partners":{"min":1}},"rate":"0.04"},
            {"id":"d","title":{"fr":"d","en":"d"},"rate":"0.05"}
        ]}))
        .unwrap_err();
        assert_eq!(err.code(), "policy.guide.overlap");
        assert!(err.to_string().contains("`a`") && err.to_string().contains("`b`"));
    }

    #[test]
    fn disjoint_situations_of_equal_specificity_are_fine() {
        load(json!({"schema":1,"name":"g","situations":[
            {"id":"a","title":{"fr":"a","en":"a"},"criteria":{"partners":{"max":0}},"rate":"0.03"},
            {"id":"b","title":{"fr":"b","en":"b"},"criteria":{"partners":{"min":1}},"rate":"0.04"}
        ]}))
        .unwrap();
    }

    #[test]
    fn a_gap_without_default_is_refused() {
        let err = load(json!({"schema":1,"name":"g","situations":[
            {"id":"a","title":{"fr":"a","en":"a"},"criteria":{"partners":{"max":0}},"rate":"0.03"},
            {"id":"b","title":{"fr":"b","en":"b"},"criteria":{"partners":{"min":2}},"rate":"0.04"}
        ]}))
        .unwrap_err();
        assert_eq!(err.code(), "policy.guide.gap");
        assert!(err.to_string().contains("partners=1"), "{err}");
    }

    #[test]
    fn bad_rates_are_refused() {
        for rate in ["1.5", "-0.01"] {
            let err = load(json!({"schema":1,"name":"g","situations":[
                {"id":"d","title":{"fr":"d","en":"d"},"rate":rate}
            ]}))
            .unwrap_err();
            assert_eq!(err.code(), "policy.guide.invalid");
        }
        let err = load(json!({"schema":1,"name":"g","situations":[
            {"id":"d","title":{"fr":"d","en":"d"},"rate":"0.05","range":{"min":"0.06","max":"0.08"}}
        ]}))
        .unwrap_err();
        assert_eq!(err.code(), "policy.guide.invalid");
    }

    /// A situation at 5% with these criteria.
    fn situation(id: String, criteria: Criteria) -> Situation {
        Situation {
            id,
            title: Text { fr: "s".into(), en: "s".into() },
            story: None,
            criteria,
            rate: Decimal::new(5, 2),
            range: None,
            in_kind_rate: Decimal::ZERO,
        }
    }

    /// A guide without default of `n` situations whose thresholds make a
    /// grid of about (n/2)² cells per lead origin and flags, fully covered:
    /// partners = i alone (i < n/2) or ≥ n/2, and, more specific,
    /// shared resources = j alone with any number of partners.
    pub(crate) fn wide_guide(n: usize) -> Vec<Situation> {
        let half = u32::try_from(n / 2).unwrap();
        let mut v: Vec<Situation> = (0..half)
            .map(|i| {
                let partners = Some(CountRange { min: i, max: Some(i) });
                situation(format!("p{i}"), Criteria { partners, ..Criteria::default() })
            })
            .collect();
        v.push(situation(
            "p-many".into(),
            Criteria { partners: Some(CountRange { min: half, max: None }), ..Criteria::default() },
        ));
        let mut j = 0;
        while v.len() < n {
            let criteria = Criteria {
                partners: Some(CountRange::default()),
                shared_resources: Some(CountRange { min: j, max: Some(j) }),
                ..Criteria::default()
            };
            v.push(situation(format!("s{j}"), criteria));
            j += 1;
        }
        v
    }

    #[test]
    fn guides_are_capped_at_a_thousand_situations() {
        let guide = Guide::new("wide".into(), wide_guide(MAX_SITUATIONS)).unwrap();
        assert_eq!(guide.situations().len(), 1_000);
        let err = Guide::new("wide".into(), wide_guide(MAX_SITUATIONS + 1)).unwrap_err();
        assert_eq!(err.code(), "policy.guide.too_large");
        assert!(err.to_string().contains("1001"), "{err}");
    }

    /// Every threshold cell tried against every situation: the definition the
    /// sweep of `check_coverage` must agree with.
    fn first_gap_by_brute_force(g: &Guide) -> Option<String> {
        let (partners, shared) = g.thresholds();
        for origin in LeadOrigin::ALL {
            for &p in &partners {
                for &s in &shared {
                    for sw in [false, true] {
                        for ci in [false, true] {
                            if g.find_parts(*origin, p, s, sw, ci).is_none() {
                                return Some(describe_mission(*origin, p, s, sw, ci));
                            }
                        }
                    }
                }
            }
        }
        None
    }

    fn arb_range() -> impl proptest::strategy::Strategy<Value = Option<CountRange>> {
        use proptest::prelude::*;
        proptest::option::of(
            (0u32..4, proptest::option::of(0u32..4))
                .prop_map(|(min, len)| CountRange { min, max: len.map(|l| min + l) }),
        )
    }

    fn arb_criteria() -> impl proptest::strategy::Strategy<Value = Criteria> {
        use proptest::prelude::*;
        let origins = proptest::option::of(proptest::sample::subsequence(LeadOrigin::ALL.to_vec(), 1..=2));
        (origins, arb_range(), arb_range(), proptest::option::of(any::<bool>()), proptest::option::of(any::<bool>()))
            .prop_map(|(lead_origin, partners, shared_resources, steward_workstream, client_informed)| Criteria {
                lead_origin,
                partners,
                shared_resources,
                steward_workstream,
                client_informed,
            })
    }

    proptest::proptest! {
        /// The sweep finds the same first gap as trying every cell.
        #[test]
        fn coverage_sweep_agrees_with_brute_force(criteria in proptest::collection::vec(arb_criteria(), 1..8)) {
            let situations: Vec<Situation> = criteria
                .into_iter()
                .enumerate()
                .filter(|(_, c)| c.specificity() > 0)
                .map(|(i, criteria)| situation(format!("s{i}"), criteria))
                .collect();
            proptest::prop_assume!(!situations.is_empty());
            // The coverage check alone, whatever the overlaps.
            let compiled = situations
                .iter()
                .map(|s| Compiled { id: Arc::from(s.id.as_str()), criteria: Arc::from(""), specificity: s.criteria.specificity() })
                .collect();
            let guide = Guide { name: "g".into(), situations, compiled };
            let sweep = guide.check_coverage().err().map(|e| e.to_string());
            let brute = first_gap_by_brute_force(&guide).map(|m| Error::GuideGap(m).to_string());
            proptest::prop_assert_eq!(sweep, brute);
        }
    }

    #[test]
    fn most_specific_wins() {
        let g = load(json!({"schema":1,"name":"g","situations":[
            {"id":"d","title":{"fr":"d","en":"d"},"rate":"0.05"},
            {"id":"ev","title":{"fr":"e","en":"e"},"criteria":{"lead_origin":["network_event"]},"rate":"0.04"},
            {"id":"ev0","title":{"fr":"e","en":"e"},"criteria":{"lead_origin":["network_event"],"partners":{"max":0}},"rate":"0.03"}
        ]}))
        .unwrap();
        let m = g.find_parts(LeadOrigin::NetworkEvent, 0, 0, false, false).unwrap();
        assert_eq!(m.situation.id, "ev0");
        let m = g.find_parts(LeadOrigin::NetworkEvent, 2, 0, false, false).unwrap();
        assert_eq!(m.situation.id, "ev");
        let m = g.find_parts(LeadOrigin::Other, 2, 0, false, false).unwrap();
        assert_eq!(m.situation.id, "d");
    }
}
